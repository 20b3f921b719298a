use leptos::prelude::*;

use crate::components::document_title;

/// Shown for a path under the app that names no page.
#[component]
pub fn NotFound() -> impl IntoView {
    document_title("Page not found");
    view! {
        <section class="page" data-testid="page-not-found">
            <header class="page__header">
                <h1 class="page__title" data-testid="page-title">
                    "Page not found"
                </h1>
                <p class="page__summary">"No console page lives at this address."</p>
            </header>
        </section>
    }
}
