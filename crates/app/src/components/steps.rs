//! A list of proposed steps (a checker remedy, an audit finding's fix): the steps in words, what
//! they would change for the acting identity, and the button that applies them in order as that
//! identity, stopping at the first refusal. Its label and effect follow the acting identity.

use leptos::prelude::*;
use studio_access_core::{Command, Who};

use crate::components::Feedback;
use crate::store::Store;
use crate::words;

/// The steps with their effect and an Apply button.
///
/// Test ids: `{test_id}-steps`, `{test_id}-diff`, `{test_id}-apply`, `{test_id}-results`.
#[component]
pub fn ProposedSteps(
    /// The steps, in order.
    steps: Vec<Command>,
    /// The test id stem.
    #[prop(into)]
    test_id: String,
) -> impl IntoView {
    let store = Store::get();
    let applied = RwSignal::new(Vec::<(String, Feedback)>::new());
    let items = steps
        .iter()
        .map(|step| view! { <li>{words::command(step)}</li> })
        .collect_view();
    // What the steps would change as the acting identity would run them; asked again when the
    // identity changes (the steps are verified as root, but run as whoever acts).
    let effect = {
        let steps = steps.clone();
        Memo::new(move |_| {
            store.who().with(|who| {
                store
                    .state()
                    .with_untracked(|s| words::diff_lines(&s.preview_all(who, &steps).diff))
            })
        })
    };
    let who = move || store.who().with(ToString::to_string);
    let apply = move |_| {
        let mut results = Vec::new();
        for step in &steps {
            let executed = store.run(step);
            let refused = !executed.outcome.is_success();
            results.push((words::command(step), Feedback::of(&executed, "done")));
            if refused {
                break;
            }
        }
        applied.set(results);
    };
    let diff_id = format!("{test_id}-diff");
    let effect_view = move || {
        let lines = effect.get();
        (!lines.is_empty()).then(|| {
            view! {
                <div class="preview preview--inline" role="group" aria-label="Effect of these steps">
                    <span class="preview__title">"These steps would:"</span>
                    <ul class="preview__list" data-testid=diff_id.clone()>
                        {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    view! {
        <ol class="checker__steps" data-testid=format!("{test_id}-steps")>{items}</ol>
        {effect_view}
        <button type="button" class="mx-button" on:click=apply data-testid=format!("{test_id}-apply")>
            {move || format!("Apply these steps as {}", who())}
        </button>
        <Show when=move || store.who().with(|w| *w != Who::root())>
            <p class="checker__hint">
                "These steps are verified as root; acting as someone else, some may be refused (and then nothing of that step changes)."
            </p>
        </Show>
        <AppliedSteps applied=applied test_id=format!("{test_id}-results") />
    }
}

/// What applying the steps said, step by step.
#[component]
fn AppliedSteps(applied: RwSignal<Vec<(String, Feedback)>>, test_id: String) -> impl IntoView {
    move || {
        let applied = applied.get();
        (!applied.is_empty()).then(|| {
            let items = applied
                .into_iter()
                .map(|(step, feedback)| {
                    let (class, text) = match feedback {
                        Feedback::Done(text) => ("feedback feedback--done", text),
                        Feedback::Refused(text) => ("feedback feedback--refused", text),
                    };
                    view! {
                        <li class=class>
                            <strong>{step}</strong>
                            ": "
                            {text}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class="checker__applied" role="status" data-testid=test_id.clone()>
                    {items}
                </ul>
            }
        })
    }
}
