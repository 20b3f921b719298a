//! The heading of every screen: its title (the test id `page-title`) and the line that says what
//! it is for, both from the [`Screen`]; the document's title follows it.

use leptos::prelude::*;

use crate::Screen;

/// A screen's title and summary.
#[component]
pub fn PageHeader(
    /// The screen.
    screen: Screen,
) -> impl IntoView {
    document_title(screen.title());
    view! {
        <header class="page__header">
            <h1 class="page__title" data-testid="page-title">
                {screen.title()}
            </h1>
            <p class="page__summary">{screen.summary()}</p>
        </header>
    }
}

/// The name of the site, after each screen's title in the document's title.
const SITE: &str = "Model Studio access simulator";

/// Sets the document's title (the tab, the history, what a screen reader announces on
/// navigation) to `title` and the site's name.
pub fn document_title(title: &str) {
    document().set_title(&format!("{title} · {SITE}"));
}
