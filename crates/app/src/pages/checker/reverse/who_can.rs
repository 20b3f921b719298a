//! "Who can?": the principals (and, for a key question, the keys) allowed, each with its grant,
//! apart from those denied, each with the gate that stopped it.

use leptos::prelude::*;
use studio_access_view::reverse::{self as words, WhoCanAnswer, WhoLine};

use super::{DownloadCsv, Reverse};
use crate::components::Prose;

/// The two lists of a "who can" answer, under the question.
#[component]
pub fn WhoCanLists(
    /// The question asked.
    asked: Reverse,
    /// Its answer, following the state.
    answer: Memo<WhoCanAnswer>,
) -> impl IntoView {
    let question = move || answer.with(|a| a.question.clone());
    let keys = move || answer.with(|a| a.keys).then_some(words::KEYS_NOTE);
    let allowed = Signal::derive(move || answer.with(|a| a.allowed.clone()));
    let denied = Signal::derive(move || answer.with(|a| a.denied.clone()));
    view! {
        <section class="card checker__reverse" data-testid="reverse-answer" data-kind="who-can">
            <div class="checker__reverse-head">
                <h2 class="checker__subtitle" data-testid="reverse-question">
                    {move || view! { <Prose sentence=question() /> }}
                </h2>
                <DownloadCsv asked=asked />
            </div>
            <p class="checker__hint">{words::WHO_CAN_HINT} " " {keys}</p>
            <div class="checker__reach-columns">
                <WhoList
                    lines=allowed
                    test_id="reverse-allowed"
                    heading=words::allowed_heading
                    none=words::NOBODY_ALLOWED
                />
                <WhoList
                    lines=denied
                    test_id="reverse-denied"
                    heading=words::denied_heading
                    none=words::NOBODY_DENIED
                />
            </div>
        </section>
    }
}

/// One list of a "who can" answer: its heading with the count, then a line per candidate.
#[component]
fn WhoList(
    /// The candidates of this list.
    lines: Signal<Vec<WhoLine>>,
    /// The list's test id (`reverse-allowed` or `reverse-denied`).
    test_id: &'static str,
    /// The heading, for a count.
    heading: fn(usize) -> String,
    /// What it says when empty.
    none: &'static str,
) -> impl IntoView {
    let denied = test_id == "reverse-denied";
    let modifier = if denied { "deny" } else { "allow" };
    view! {
        <div class=format!("checker__reach-side checker__reach-side--{modifier}")>
            <h3 class="checker__reach-group">{move || heading(lines.with(Vec::len))}</h3>
            <Show when=move || lines.with(Vec::is_empty)>
                <p class="checker__hint" data-testid=format!("{test_id}-none")>{none}</p>
            </Show>
            <ul class="checker__reach-list" data-testid=test_id>
                <For
                    each=move || lines.get()
                    key=|line| line.clone()
                    children=move |line| view! { <WhoItem line=line denied=denied /> }
                />
            </ul>
        </div>
    }
}

/// A candidate: who, and the grant it passed by or the gate (and code) that stopped it.
#[component]
fn WhoItem(line: WhoLine, denied: bool) -> impl IntoView {
    let code = (!line.code.is_empty()).then(|| {
        view! { " " <code class="checker__reach-code">{line.code.clone()}</code> }
    });
    view! {
        <li
            class="checker__reach"
            data-testid="reverse-item"
            data-kind=line.kind
            data-name=line.name
            data-code=denied.then_some(line.code.clone())
        >
            <span class="checker__reach-what" data-testid="reverse-who">
                <Prose sentence=line.text />
            </span>
            " — "
            <span class="checker__reach-grant" data-testid="reverse-why">
                <Prose sentence=line.why />
            </span>
            {code}
        </li>
    }
}
