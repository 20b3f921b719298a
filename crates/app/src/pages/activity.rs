use leptos::prelude::*;

use crate::Page;
use crate::pages::Placeholder;

/// The Activity screen.
#[component]
pub fn ActivityPage() -> impl IntoView {
    view! { <Placeholder page=Page::Activity /> }
}
