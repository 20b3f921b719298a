use leptos::prelude::*;

use crate::Page;
use crate::pages::Placeholder;

/// The ApiKeys screen.
#[component]
pub fn KeysPage() -> impl IntoView {
    view! { <Placeholder page=Page::ApiKeys /> }
}
