use leptos::prelude::*;

use crate::Page;
use crate::pages::Placeholder;

/// The Audit screen.
#[component]
pub fn AuditPage() -> impl IntoView {
    view! { <Placeholder page=Page::Audit /> }
}
