use leptos::prelude::*;

use crate::Page;
use crate::pages::Placeholder;

/// The Scenarios screen.
#[component]
pub fn ScenariosPage() -> impl IntoView {
    view! { <Placeholder page=Page::Scenarios /> }
}
