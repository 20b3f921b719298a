use leptos::prelude::*;

use crate::Page;
use crate::pages::Placeholder;

/// The Overview screen.
#[component]
pub fn OverviewPage() -> impl IntoView {
    view! { <Placeholder page=Page::Overview /> }
}
