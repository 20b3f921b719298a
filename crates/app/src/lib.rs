//! The studio-access console: a Leptos client-side app that simulates Alibaba Cloud Model
//! Studio's identity and permission system in the browser.
//!
//! `main.rs` only mounts [`App`]; everything else lives here so that browser tests can mount
//! the same components into a fresh element.

mod base;
pub mod components;
pub mod data;
mod pages;
pub mod store;

pub use base::AppBase;
pub use store::Store;
pub use studio_access_view::screen::Screen;
pub use studio_access_view::words;

use leptos::prelude::*;
use leptos_router::StaticSegment;
use leptos_router::components::{Route, Router, Routes};

use components::{Header, IdentityGuard, MigrationNotice, Nav, SharePreview, StorageBanner};
use pages::{
    ActivityPage, AuditPage, CheckerPage, IdentitiesPage, KeysPage, MatrixPage, NotFound,
    OverviewPage, ScenariosPage, WorkspacesPage,
};
use pages::{CompareInbox, ComparePage, Staging};

/// The whole console: header, navigation and the routed page.
///
/// The router's base is read from the document at start (see [`AppBase::from_document`]), so
/// one build serves from the site root and from any sub-path.
#[component]
pub fn App() -> impl IntoView {
    let base = AppBase::from_document();
    let store = Store::load_or_new();
    provide_context(store);
    provide_context(CompareInbox::new());
    provide_context(Staging::new(store));
    view! {
        <Router base=base.as_str().to_owned()>
            <div class="shell" data-testid="app-shell">
                <SkipLink />
                <Header />
                <StorageBanner />
                <MigrationNotice />
                <SharePreview />
                <IdentityGuard />
                <div class="shell__body">
                    <Nav base=base.clone() />
                    <main class="shell__main" id="main" tabindex="-1" data-testid="app-main">
                        <Routes fallback=|| view! { <NotFound /> }>
                            <Route
                                path=StaticSegment(Screen::Overview.segment())
                                view=OverviewPage
                            />
                            <Route
                                path=StaticSegment(Screen::Identities.segment())
                                view=IdentitiesPage
                            />
                            <Route
                                path=StaticSegment(Screen::Workspaces.segment())
                                view=WorkspacesPage
                            />
                            <Route
                                path=StaticSegment(Screen::Permissions.segment())
                                view=MatrixPage
                            />
                            <Route
                                path=StaticSegment(Screen::ApiKeys.segment())
                                view=KeysPage
                            />
                            <Route
                                path=StaticSegment(Screen::AccessChecker.segment())
                                view=CheckerPage
                            />
                            <Route
                                path=StaticSegment(Screen::Audit.segment())
                                view=AuditPage
                            />
                            <Route
                                path=StaticSegment(Screen::Activity.segment())
                                view=ActivityPage
                            />
                            <Route
                                path=StaticSegment(Screen::Compare.segment())
                                view=ComparePage
                            />
                            <Route
                                path=StaticSegment(Screen::Scenarios.segment())
                                view=ScenariosPage
                            />
                        </Routes>
                    </main>
                </div>
            </div>
        </Router>
    }
}

/// The first thing the keyboard reaches: a link past the header and the navigation to the page.
/// The document's `<base>` is the app's folder, so `#main` alone would resolve to the first
/// screen; the link moves the focus itself.
#[component]
fn SkipLink() -> impl IntoView {
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document()
            .get_element_by_id("main")
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = main.focus();
        }
    };
    view! {
        <a class="skip-link" href="#main" data-testid="skip-link" on:click=skip>
            "Skip to the page"
        </a>
    }
}
