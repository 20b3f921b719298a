//! The studio-access console: a Leptos client-side app that simulates Alibaba Cloud Model
//! Studio's identity and permission system in the browser.
//!
//! `main.rs` only mounts [`App`]; everything else lives here so that browser tests can mount
//! the same components into a fresh element.

mod base;
mod components;
mod page;
mod pages;

pub use base::AppBase;
pub use page::Page;

use leptos::prelude::*;
use leptos_router::StaticSegment;
use leptos_router::components::{Route, Router, Routes};

use components::{Header, Nav};
use pages::{NotFound, Placeholder};

/// The whole console: header, navigation and the routed page.
///
/// The router's base is read from the document at start (see [`AppBase::from_document`]), so
/// one build serves from the site root and from any sub-path.
#[component]
pub fn App() -> impl IntoView {
    let base = AppBase::from_document();
    view! {
        <Router base=base.as_str().to_owned()>
            <div class="shell" data-testid="app-shell">
                <Header />
                <div class="shell__body">
                    <Nav base=base.clone() />
                    <main class="shell__main" data-testid="app-main">
                        <Routes fallback=|| view! { <NotFound /> }>
                            <Route
                                path=StaticSegment(Page::Overview.segment())
                                view=|| view! { <Placeholder page=Page::Overview /> }
                            />
                            <Route
                                path=StaticSegment(Page::Identities.segment())
                                view=|| view! { <Placeholder page=Page::Identities /> }
                            />
                            <Route
                                path=StaticSegment(Page::Workspaces.segment())
                                view=|| view! { <Placeholder page=Page::Workspaces /> }
                            />
                            <Route
                                path=StaticSegment(Page::Permissions.segment())
                                view=|| view! { <Placeholder page=Page::Permissions /> }
                            />
                            <Route
                                path=StaticSegment(Page::ApiKeys.segment())
                                view=|| view! { <Placeholder page=Page::ApiKeys /> }
                            />
                            <Route
                                path=StaticSegment(Page::AccessChecker.segment())
                                view=|| view! { <Placeholder page=Page::AccessChecker /> }
                            />
                            <Route
                                path=StaticSegment(Page::Audit.segment())
                                view=|| view! { <Placeholder page=Page::Audit /> }
                            />
                            <Route
                                path=StaticSegment(Page::Activity.segment())
                                view=|| view! { <Placeholder page=Page::Activity /> }
                            />
                            <Route
                                path=StaticSegment(Page::Scenarios.segment())
                                view=|| view! { <Placeholder page=Page::Scenarios /> }
                            />
                        </Routes>
                    </main>
                </div>
            </div>
        </Router>
    }
}
