//! What would allow a denial: steps verified on a copy, ready to apply as the acting identity
//! ([`ProposedSteps`]); or, when no step should be offered, why: a name that names nothing (with
//! the nearest existing names), a gate no permission opens, or no short list found. Core decides
//! ([`studio_access_core::State::advise`]); the words are the view crate's.

use leptos::prelude::*;
use studio_access_core::{Advice, Check};
use studio_access_view::{checker, words};

use crate::components::{Feedback, ProposedSteps, Prose};
use crate::store::Store;

/// The remedy of a denial.
#[component]
pub fn Remedy(
    /// The question.
    check: Check,
    /// What core advises.
    advice: Advice,
    /// Where what applying the steps said is kept (shown by the answer).
    applied: RwSignal<Vec<(String, Feedback)>>,
) -> impl IntoView {
    let body = match advice {
        Advice::Steps(steps) => {
            let note = Store::get()
                .state()
                .with_untracked(|s| checker::remedy_note(s, &check, &steps));
            view! {
                <h2 class="checker__subtitle">"What would allow it"</h2>
                {note.map(|note| view! { <p data-testid="check-remedy-note"><Prose sentence=note /></p> })}
                <ProposedSteps steps=steps test_id="check-remedy" applied=applied />
            }
            .into_any()
        }
        other => view! {
            <h2 class="checker__subtitle">"What would allow it"</h2>
            <p data-testid="check-remedy-advice">
                <Prose sentence=words::advice(&other).unwrap_or_default() />
            </p>
        }
        .into_any(),
    };
    view! { <section class="checker__remedy" data-testid="check-remedy">{body}</section> }
}
