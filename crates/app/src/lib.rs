//! The studio-access console: a Leptos client-side app that simulates Alibaba Cloud Model
//! Studio's identity and permission system in the browser.
//!
//! `main.rs` only mounts [`App`]; everything else lives here so that browser tests can mount
//! the same components into a fresh element.

mod base;
pub mod components;
pub mod data;
mod page;
mod pages;
pub mod store;

pub use base::AppBase;
pub use page::Page;
pub use store::Store;
pub use studio_access_view::words;

use leptos::prelude::*;
use leptos_router::StaticSegment;
use leptos_router::components::{Route, Router, Routes};

use components::{Header, IdentityGuard, MigrationNotice, Nav, SharePreview, StorageBanner};
use pages::{
    ActivityPage, AuditPage, CheckerPage, IdentitiesPage, KeysPage, MatrixPage, NotFound,
    OverviewPage, ScenariosPage, WorkspacesPage,
};
use pages::{CompareInbox, ComparePage};

/// The whole console: header, navigation and the routed page.
///
/// The router's base is read from the document at start (see [`AppBase::from_document`]), so
/// one build serves from the site root and from any sub-path.
#[component]
pub fn App() -> impl IntoView {
    let base = AppBase::from_document();
    provide_context(Store::load_or_new());
    provide_context(CompareInbox::new());
    view! {
        <Router base=base.as_str().to_owned()>
            <div class="shell" data-testid="app-shell">
                <Header />
                <StorageBanner />
                <MigrationNotice />
                <SharePreview />
                <IdentityGuard />
                <div class="shell__body">
                    <Nav base=base.clone() />
                    <main class="shell__main" data-testid="app-main">
                        <Routes fallback=|| view! { <NotFound /> }>
                            <Route
                                path=StaticSegment(Page::Overview.segment())
                                view=OverviewPage
                            />
                            <Route
                                path=StaticSegment(Page::Identities.segment())
                                view=IdentitiesPage
                            />
                            <Route
                                path=StaticSegment(Page::Workspaces.segment())
                                view=WorkspacesPage
                            />
                            <Route
                                path=StaticSegment(Page::Permissions.segment())
                                view=MatrixPage
                            />
                            <Route
                                path=StaticSegment(Page::ApiKeys.segment())
                                view=KeysPage
                            />
                            <Route
                                path=StaticSegment(Page::AccessChecker.segment())
                                view=CheckerPage
                            />
                            <Route
                                path=StaticSegment(Page::Audit.segment())
                                view=AuditPage
                            />
                            <Route
                                path=StaticSegment(Page::Activity.segment())
                                view=ActivityPage
                            />
                            <Route
                                path=StaticSegment(Page::Compare.segment())
                                view=ComparePage
                            />
                            <Route
                                path=StaticSegment(Page::Scenarios.segment())
                                view=ScenariosPage
                            />
                        </Routes>
                    </main>
                </div>
            </div>
        </Router>
    }
}
