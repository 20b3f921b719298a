//! Undo and Redo, the counts of the history, and what the step looked at would change.

use leptos::prelude::*;
use studio_access_core::diff;
use studio_access_view::activity::{self as view, Step, StepEffect, Tone};

use super::take;
use crate::components::{Feedback, Prose, focus_test_id};
use crate::store::Store;
use crate::words;

/// The element id of what the hovered or focused history step would change.
const EFFECT_ID: &str = "activity-step-effect";

/// What `step` would do to the current state, computed now; `None` when there is nothing to
/// undo or redo.
fn step_effect(store: Store, step: Step) -> Option<StepEffect> {
    let planned = match step {
        Step::Undo => store.undo_preview(),
        Step::Redo => store.redo_preview(),
    }?;
    Some(match planned {
        Ok((event, after)) => {
            let diff = store.state().with_untracked(|now| diff::diff(now, &after));
            view::step_effect(step, Ok((&event, &diff)))
        }
        Err(why) => view::step_effect(step, Err(why)),
    })
}

/// Whether nothing is left for `step` to take, given the history's `(done, undone)` counts.
fn spent(step: Step, (done, undone): (usize, usize)) -> bool {
    if step == Step::Undo {
        done == 0
    } else {
        undone == 0
    }
}

/// The toolbar: Undo, Redo, the counts, and the effect of the step being looked at.
#[component]
pub fn HistoryToolbar(feedback: RwSignal<Option<Feedback>>) -> impl IntoView {
    let store = Store::get();
    let history = Memo::new(move |_| store.history());
    // The step being looked at, and what it would change: computed only while one is hovered or
    // focused, and again when the state changes under it (after an undo, the next one).
    let looking = RwSignal::new(None::<Step>);
    let effect = Memo::new(move |_| {
        let step = looking.get()?;
        store.state().track();
        history.track();
        step_effect(store, step)
    });
    let button = move |step: Step| {
        let look_away = move || {
            if looking.get_untracked() == Some(step) {
                looking.set(None);
            }
        };
        let (label, test_id, other, keys, title) = match step {
            Step::Undo => (
                "Undo",
                "activity-undo",
                "activity-redo",
                "Control+Z",
                "Undo the latest change (Ctrl+Z)",
            ),
            Step::Redo => (
                "Redo",
                "activity-redo",
                "activity-undo",
                "Control+Shift+Z Control+Y",
                "Redo the latest undone change (Ctrl+Shift+Z)",
            ),
        };
        let disabled = move || spent(step, history.get());
        view! {
            <button
                type="button"
                class="action-button"
                data-testid=test_id
                aria-keyshortcuts=keys
                title=title
                disabled=disabled
                aria-describedby=format!("activity-simulator {EFFECT_ID}")
                on:click=move |_| {
                    let held_focus = document()
                        .active_element()
                        .is_some_and(|e| e.get_attribute("data-testid").as_deref() == Some(test_id));
                    take(step, store, feedback);
                    // The last step taken disables its button: the focus it held goes to the
                    // other one rather than to the page's body.
                    if held_focus && spent(step, history.get_untracked()) {
                        focus_test_id(other);
                    }
                }
                on:focus=move |_| looking.set(Some(step))
                on:mouseenter=move |_| looking.set(Some(step))
                on:blur=move |_| look_away()
                on:mouseleave=move |_| look_away()
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="activity__toolbar" role="toolbar" aria-label="History">
            {button(Step::Undo)}
            {button(Step::Redo)}
            <span class="activity__counts" data-testid="activity-counts">
                {move || {
                    let (done, undone) = history.get();
                    view::counts(done, undone)
                }}
            </span>
        </div>
        <p class="activity__simulator" id="activity-simulator" data-testid="activity-simulator">
            {words::SIMULATOR_CONTROLS}
        </p>
        <div id=EFFECT_ID role="status" aria-live="polite" class="activity__effect-slot">
            {move || effect.get().map(|effect| view! { <EffectView effect=effect /> })}
        </div>
    }
}

/// What a step would change.
#[component]
fn EffectView(effect: StepEffect) -> impl IntoView {
    let class = match effect.tone {
        Tone::Widens => "preview preview--widens activity__effect",
        Tone::Narrows => "preview preview--narrows activity__effect",
        Tone::Mixed => "preview activity__effect",
    };
    let lines = (!effect.lines.is_empty()).then(|| {
        view! {
            <ul class="preview__list" data-testid="activity-step-diff">
                {effect.lines.into_iter().map(|line| view! { <li><Prose sentence=line /></li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class=class data-testid="activity-step-effect">
            <p class="preview__title" data-testid="activity-step-title">
                <Prose sentence=effect.title />
            </p>
            {lines}
        </div>
    }
}
