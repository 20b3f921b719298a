use leptos::prelude::*;

use crate::Screen;
use crate::components::document_title;

/// Shown for a path under the app that names no page.
#[component]
pub fn NotFound() -> impl IntoView {
    document_title("Page not found");
    // An address that names a screen by its title points to where that screen lives.
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let suggestion = path
        .rsplit('/')
        .find(|part| !part.is_empty())
        .and_then(Screen::named)
        .map(|screen| {
            view! {
                <p data-testid="not-found-suggestion">
                    "The "
                    <leptos_router::components::A href=format!("/{}", screen.segment())>
                        {screen.title()}
                    </leptos_router::components::A>
                    " screen lives at its own address."
                </p>
            }
        });
    view! {
        <section class="page" data-testid="page-not-found">
            <header class="page__header">
                <h1 class="page__title" data-testid="page-title">
                    "Page not found"
                </h1>
                <p class="page__summary">"No console page lives at this address."</p>
            </header>
            {suggestion}
        </section>
    }
}
