//! A list of proposed steps (a checker remedy, an audit finding's fix): the steps in words, what
//! they would change for the acting identity, and the button that applies them in order as that
//! identity, stopping at the first refusal. Its label and effect follow the acting identity.
//! What applying said is shown under the steps, or by the owner of `applied` when it passes one
//! (so that it outlives the steps, as a remedy that worked disappears).

use leptos::prelude::*;
use studio_access_core::{Command, State, Who};
use studio_access_view::checker::{ACT_AS_ROOT, apply_button, step_refused};
use studio_access_view::keys;

use crate::components::{Feedback, Prose};
use crate::store::Store;
use crate::words;

/// The steps with their effect and an Apply button.
///
/// When the acting identity could apply only some of the steps, the button says how many, and
/// when root could apply them all, a control offers to act as root.
///
/// Test ids: `{test_id}-steps`, `{test_id}-diff`, `{test_id}-apply`, `{test_id}-refused` (where
/// applying would stop), `{test_id}-as-root`, `{test_id}-results`.
#[component]
pub fn ProposedSteps(
    /// The steps, in order.
    steps: Vec<Command>,
    /// The test id stem.
    #[prop(into)]
    test_id: String,
    /// Where what applying said is kept, when the caller shows it ([`AppliedSteps`]); else it
    /// is shown here.
    #[prop(optional)]
    applied: Option<RwSignal<Vec<(String, Feedback)>>>,
) -> impl IntoView {
    let store = Store::get();
    let shown_here = applied.is_none();
    let applied = applied.unwrap_or_else(|| RwSignal::new(Vec::new()));
    let items = steps
        .iter()
        .map(|step| view! { <li><Prose sentence=words::command(step) /></li> })
        .collect_view();
    // What the steps would change as the acting identity would run them; asked again when the
    // identity changes (the steps are verified as root, but run as whoever acts) and when the
    // state does (an undo, a change on another screen), so it never describes a state gone.
    let effect = {
        let steps = steps.clone();
        Memo::new(move |_| {
            store
                .who()
                .with(|who| store.state().with(|s| StepsEffect::of(s, who, &steps)))
        })
    };
    let apply = move |_| {
        let mut results = Vec::new();
        for step in &steps {
            let executed = store.run(step);
            let refused = !executed.outcome.is_success();
            let done = executed
                .secret
                .as_deref()
                .map_or_else(|| "done".to_owned(), keys::issued_note);
            results.push((words::command(step), Feedback::of(&executed, done)));
            if refused {
                break;
            }
        }
        let _ = applied.try_set(results);
    };
    let apply_button_ref = NodeRef::<leptos::html::Button>::new();
    // Acting as root makes this control go: the focus goes to the button it relabels.
    let act_as_root = move |_| {
        store.act_as(Who::root());
        if let Some(button) = apply_button_ref.get_untracked() {
            let _ = button.focus();
        }
    };
    let diff_id = format!("{test_id}-diff");
    let as_root_id = format!("{test_id}-as-root");
    let refused_id = format!("{test_id}-refused");
    let effect_view = move || {
        let lines = effect.with(|e| e.lines.clone());
        (!lines.is_empty()).then(|| {
            view! {
                <div class="preview preview--inline" role="group" aria-label="Effect of these steps">
                    <span class="preview__title">"These steps would:"</span>
                    <ul class="preview__list" data-testid=diff_id.clone()>
                        {lines.into_iter().map(|line| view! { <li><Prose sentence=line /></li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    view! {
        <ol class="checker__steps" data-testid=format!("{test_id}-steps")>{items}</ol>
        {effect_view}
        // Where applying would stop is said before the button that would apply, and describes it.
        {
            let refused_id = refused_id.clone();
            move || {
                effect
                    .with(|e| e.refused.clone())
                    .map(|refused| {
                        view! {
                            <p class="checker__hint" id=refused_id.clone() data-testid=refused_id.clone()>
                                <Prose sentence=refused />
                            </p>
                        }
                    })
            }
        }
        <button
            type="button"
            class="mx-button"
            on:click=apply
            disabled=move || effect.with(|e| e.stops_at == Some(0))
            aria-describedby=move || effect.with(|e| e.refused.is_some()).then(|| refused_id.clone())
            node_ref=apply_button_ref
            data-testid=format!("{test_id}-apply")
        >
            {move || store.who().with(|who| effect.with(|e| apply_button(who, e.stops_at)))}
        </button>
        {move || {
            effect
                .with(|e| e.root_applies_all)
                .then(|| {
                    view! {
                        <button type="button" class="mx-button steps__as-root" on:click=act_as_root data-testid=as_root_id.clone()>
                            {ACT_AS_ROOT}
                        </button>
                    }
                })
        }}
        {shown_here.then(|| view! { <AppliedSteps applied=applied test_id=format!("{test_id}-results") /> })}
    }
}

/// What proposed steps would do as the acting identity would run them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct StepsEffect {
    /// The access they would change, a line each.
    lines: Vec<String>,
    /// Where applying them would stop, and why ([`step_refused`]).
    refused: Option<String>,
    /// The step it would stop at, counted from 0 (at 0 nothing applies: Apply is disabled).
    stops_at: Option<usize>,
    /// Whether root, when someone else acts, could apply every step.
    root_applies_all: bool,
}

impl StepsEffect {
    fn of(state: &State, who: &Who, steps: &[Command]) -> StepsEffect {
        let preview = state.preview_all(who, steps);
        let stops_at = preview.refused.as_ref().map(|(at, _)| *at);
        let root = Who::root();
        let root_applies_all =
            stops_at.is_some() && *who != root && state.preview_all(&root, steps).refused.is_none();
        StepsEffect {
            lines: words::diff_lines(&preview.diff),
            refused: step_refused(steps, &preview, who),
            stops_at,
            root_applies_all,
        }
    }
}

/// What applying the steps said, step by step (nothing before they are applied). Once drawn it
/// takes the focus: the button that applied the steps is usually gone with what they fixed (a
/// finding, a denial's remedy), and the focus would otherwise fall to the page's body.
#[component]
pub fn AppliedSteps(
    /// Each step applied, in words, and what it came to.
    applied: RwSignal<Vec<(String, Feedback)>>,
    /// The list's test id.
    #[prop(into)]
    test_id: String,
) -> impl IntoView {
    let list = NodeRef::<leptos::html::Ul>::new();
    // A list is drawn only when steps were applied: each new one is what to read next.
    Effect::new(move |_| {
        if let Some(list) = list.get() {
            let _ = list.focus();
        }
    });
    move || {
        // `try_`: the list may outlive the answer that owns `applied` by a frame.
        let applied = applied.try_get().unwrap_or_default();
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
                            <strong><Prose sentence=step /></strong>
                            ": "
                            <Prose sentence=text />
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class="checker__applied" role="status" tabindex="-1" node_ref=list data-testid=test_id.clone()>
                    {items}
                </ul>
            }
        })
    }
}
