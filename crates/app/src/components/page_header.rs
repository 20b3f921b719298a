//! The heading of every screen: its title (the test id `page-title`) and the line that says what
//! it is for, both from the [`Screen`].

use leptos::prelude::*;

use crate::Screen;

/// A screen's title and summary.
#[component]
pub fn PageHeader(
    /// The screen.
    screen: Screen,
) -> impl IntoView {
    view! {
        <header class="page__header">
            <h1 class="page__title" data-testid="page-title">
                {screen.title()}
            </h1>
            <p class="page__summary">{screen.summary()}</p>
        </header>
    }
}
