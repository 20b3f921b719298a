//! A sentence of the console drawn as a person reads it: the names it quotes between backticks
//! (`view::words::pieces`) as names, in `<code>`, not as literal backticks. The backticks stay in
//! the document, hidden by the stylesheet (`.prose-tick`) and from assistive technology, so that
//! an element's `textContent` is still the sentence the view crate wrote (as the command line
//! prints it).

use leptos::prelude::*;
use studio_access_view::words::{self, Piece};

/// `sentence`, its quoted names drawn as names.
#[component]
pub fn Prose(
    /// The sentence, as the view crate words it.
    #[prop(into)]
    sentence: String,
) -> impl IntoView {
    words::pieces(&sentence)
        .into_iter()
        .map(|piece| match piece {
            Piece::Plain(text) => text.to_owned().into_any(),
            Piece::Name(name) => view! {
                <code class="prose-name">
                    <span class="prose-tick" aria-hidden="true">"`"</span>
                    {name.to_owned()}
                    <span class="prose-tick" aria-hidden="true">"`"</span>
                </code>
            }
            .into_any(),
        })
        .collect_view()
}
