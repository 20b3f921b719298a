use leptos::prelude::*;

use crate::Page;
use crate::pages::Placeholder;

/// The Identities screen.
#[component]
pub fn IdentitiesPage() -> impl IntoView {
    view! { <Placeholder page=Page::Identities /> }
}
