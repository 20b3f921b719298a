//! The studio-access console: a Leptos client-side app that simulates Alibaba Cloud Model
//! Studio's identity and permission system in the browser.
//!
//! `main.rs` only mounts [`App`]; everything else lives here so that browser tests can mount
//! the same components into a fresh element.

#[macro_use]
mod split;

mod base;
pub mod components;
pub mod data;
mod pages;
pub mod remembered;
mod routes;
pub mod store;

pub use base::AppBase;
pub use store::Store;
pub use studio_access_view::screen::Screen;
pub use studio_access_view::words;

use leptos::prelude::*;
use leptos_router::StaticSegment;
use leptos_router::components::{Route, Router, Routes};

use components::{
    FocusOnNavigation, Header, IdentityGuard, MigrationNotice, Nav, SharePreview, StorageBanner,
};
use pages::NotFound;
use pages::{CompareInbox, Staging};
use remembered::Remembered;

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
    provide_context(Remembered::new());
    provide_context(Staging::new(store));
    routes::preload_screens();
    view! {
        <Router base=base.as_str().to_owned()>
            <FocusOnNavigation />
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
                                view=routes::overview()
                            />
                            <Route
                                path=StaticSegment(Screen::Identities.segment())
                                view=routes::identities()
                            />
                            <Route
                                path=StaticSegment(Screen::Workspaces.segment())
                                view=routes::workspaces()
                            />
                            <Route
                                path=StaticSegment(Screen::Permissions.segment())
                                view=routes::permissions()
                            />
                            <Route
                                path=StaticSegment(Screen::ApiKeys.segment())
                                view=routes::api_keys()
                            />
                            <Route
                                path=StaticSegment(Screen::AccessChecker.segment())
                                view=routes::access_checker()
                            />
                            <Route
                                path=StaticSegment(Screen::Audit.segment())
                                view=routes::audit()
                            />
                            <Route
                                path=StaticSegment(Screen::Activity.segment())
                                view=routes::activity()
                            />
                            <Route
                                path=StaticSegment(Screen::Compare.segment())
                                view=routes::compare()
                            />
                            <Route
                                path=StaticSegment(Screen::Scenarios.segment())
                                view=routes::scenarios()
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
        components::focus_page();
    };
    view! {
        <a class="skip-link" href="#main" data-testid="skip-link" on:click=skip>
            "Skip to the page"
        </a>
    }
}
