use leptos::prelude::*;

use crate::Page;
use crate::pages::Placeholder;

/// The AccessChecker screen.
#[component]
pub fn CheckerPage() -> impl IntoView {
    view! { <Placeholder page=Page::AccessChecker /> }
}
