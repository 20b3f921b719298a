use leptos::prelude::*;

use crate::Page;

/// A page whose screen is not built yet: its heading and what it will be for.
#[component]
pub fn Placeholder(
    /// The page to stand in for.
    page: Page,
) -> impl IntoView {
    view! {
        <section class="page" data-testid=format!("page-{}", page.slug())>
            <header class="page__header">
                <h1 class="page__title" data-testid="page-title">
                    {page.title()}
                </h1>
                <p class="page__summary">{page.summary()}</p>
            </header>
            <div class="card card--empty">
                <p>"This screen is not built yet."</p>
            </div>
        </section>
    }
}
