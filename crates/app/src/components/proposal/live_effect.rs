//! What a change would do, shown while a form is filled in or before a whole state is replaced.

use leptos::prelude::*;
use studio_access_core::Command;
use studio_access_core::diff::AccessDiff;

use super::{Proposals, tone};
use crate::Store;
use crate::components::Prose;
use crate::words;

/// The commands of a form that runs one command: none while it is incomplete.
pub fn one_step(command: Signal<Option<Command>>) -> Signal<Vec<Command>> {
    Signal::derive(move || command.get().into_iter().collect())
}

/// The effect a form's commands would have together, shown below the form as the person fills
/// it in: computed a moment after the inputs settle (not on every keystroke), and again, after
/// the same pause, when the state or the acting identity changes. Nothing while the inputs are
/// incomplete (`steps` is empty), nor while the section's question is open (it shows the effect
/// then).
#[component]
pub fn LiveEffect(
    /// The commands the form would run, in order ([`one_step`] for a form of one command).
    #[prop(into)]
    steps: Signal<Vec<Command>>,
    /// The `data-testid` of the effect.
    #[prop(into)]
    test_id: String,
    /// The section's proposals.
    #[prop(optional)]
    proposals: Option<Proposals>,
) -> impl IntoView {
    const SETTLE: std::time::Duration = std::time::Duration::from_millis(250);
    let store = Store::get();
    // The access diff, or why the steps would be refused in words of the refused step.
    let effect = RwSignal::new(None::<Result<AccessDiff, String>>);
    // Each change of the inputs, the state or the acting identity starts a new pause; only the
    // last one computes (a large state is not previewed on every keystroke or every change).
    let generation = RwSignal::new(0_u64);
    // Other steps than the ones a refusal answered or a question asks about: the refusal is
    // theirs to say again, and the question is no longer the form's.
    Effect::new(move |before: Option<Vec<Command>>| {
        let now = steps.get();
        if let Some(proposals) = proposals
            && let Some(before) = before.filter(|before| *before != now)
        {
            proposals.form_changed(&before);
        }
        now
    });
    Effect::new(move |_| {
        let wanted = steps.get();
        store.state().track();
        store.who().track();
        let mine = generation.get_untracked().wrapping_add(1);
        generation.set(mine);
        if wanted.is_empty() {
            effect.set(None);
            return;
        }
        set_timeout(
            move || {
                // The form may be gone by then (`try_`: nothing to show it in).
                if generation.try_get_untracked() != Some(mine) {
                    return;
                }
                let Some(who) = store.who().try_get_untracked() else {
                    return;
                };
                if let Some(answer) = store.state().try_with_untracked(|s| {
                    let plan = s.preview_all(&who, &wanted);
                    match plan.refused {
                        Some((at, refusal)) => Err(wanted.get(at).map_or_else(
                            || words::refusal(&refusal),
                            |step| words::step_refusal(s, step, &refusal),
                        )),
                        None => Ok(plan.diff),
                    }
                }) {
                    effect.try_set(Some(answer));
                }
            },
            SETTLE,
        );
    });
    let asking = move || proposals.is_some_and(Proposals::asking);
    // A refusal the form's answer already says (the same steps, run and refused).
    let answered = move || proposals.is_some_and(|p| steps.with(|steps| p.answered_refused(steps)));
    move || {
        if asking() {
            return None;
        }
        effect.get().and_then(|effect| {
            if effect.is_err() && answered() {
                return None;
            }
            let body = match effect {
                Ok(diff) if diff.is_empty() => {
                    let renamed = words::noted_lines(&diff).join("; ");
                    let text = if renamed.is_empty() {
                        "Effect: no change in access.".to_owned()
                    } else {
                        format!("Effect: no change in access; {renamed}.")
                    };
                    view! { <span><Prose sentence=text /></span> }.into_any()
                }
                Ok(diff) => view! {
                    <span class="preview__title">"Effect:"</span>
                    <ul class="preview__list">
                        {words::diff_lines(&diff)
                            .into_iter()
                            .map(|line| view! { <li><Prose sentence=line /></li> })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
                Err(refusal) => view! {
                    <span><Prose sentence=format!("Effect: it would be refused. {refusal}") /></span>
                }
                .into_any(),
            };
            Some(view! {
                <div class="preview preview--live" role="status" data-testid=test_id.clone()>
                    {body}
                </div>
            })
        })
    }
}

/// The access diff from one whole state to another, for a question about replacing the state
/// (a new account, the sample organisation, an import): a line of counts and the grouped lines,
/// in a list that scrolls (a whole account's diff can be long) and can be scrolled from the
/// keyboard.
///
/// Test ids: `{test_id}` for the whole, `{test_id}-summary` for the counts, `{test_id}-lines`
/// for the list.
#[component]
pub fn StatesEffect(
    /// The access diff from the current state to the one that would replace it.
    diff: AccessDiff,
    /// What the current state is called in the counts line, such as "your current data".
    #[prop(into)]
    before: String,
    /// What the new state is called, such as "a new account".
    #[prop(into)]
    after: String,
    /// The `data-testid` of the whole.
    #[prop(into)]
    test_id: String,
) -> impl IntoView {
    let summary = words::compare_summary(&before, &after, &words::diff_groups(&diff));
    let lines = words::diff_lines_grouped(&diff);
    let list = (!lines.is_empty()).then(|| {
        view! {
            <ul
                class="preview__list preview__list--scroll"
                tabindex="0"
                aria-label=words::plain(&format!("Changes in access from {before} to {after}"))
                data-testid=format!("{test_id}-lines")
            >
                {lines.into_iter().map(|line| view! { <li><Prose sentence=line /></li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <span
            class=format!("{} preview--inline", tone(&diff))
            role="group"
            aria-label="Effect of replacing the data"
            data-testid=test_id.clone()
        >
            <span class="preview__title" data-testid=format!("{test_id}-summary")>
                <Prose sentence=summary />
            </span>
            {list}
        </span>
    }
}
