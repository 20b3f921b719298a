use leptos::prelude::*;

use crate::Page;
use crate::pages::Placeholder;

/// The Permissions screen.
#[component]
pub fn MatrixPage() -> impl IntoView {
    view! { <Placeholder page=Page::Permissions /> }
}
