use leptos::prelude::*;

use crate::Page;
use crate::pages::Placeholder;

/// The Workspaces screen.
#[component]
pub fn WorkspacesPage() -> impl IntoView {
    view! { <Placeholder page=Page::Workspaces /> }
}
