//! The question of a proposed change, and the test ids it is found by.

use leptos::prelude::*;

use super::{Proposals, Shown, effect_lines, tone};
use crate::components::{Prose, focus_is_lost, focus_page, focus_test_id};
use crate::words;

/// Gives the focus to the element with `data-testid` `test_id`, once the frame that may have
/// redrawn it is done; to the page when that element went with the change (a removed row) and
/// nothing else took the focus.
fn focus_after_frame(test_id: String) {
    request_animation_frame(move || {
        if !focus_test_id(&test_id) && focus_is_lost() {
            focus_page();
        }
    });
}

/// The test ids of a question: its group, its list of effects, and its two answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogIds {
    group: Option<String>,
    diff: String,
    pub(super) apply: String,
    cancel: String,
}

impl DialogIds {
    /// A section's question: `{id}`, `{id}-diff`, `{id}-apply`, `{id}-cancel`.
    pub fn section(id: &str) -> DialogIds {
        DialogIds {
            group: Some(id.to_owned()),
            diff: format!("{id}-diff"),
            apply: format!("{id}-apply"),
            cancel: format!("{id}-cancel"),
        }
    }

    /// A question with test ids of its own: the group, the effect's list, and the answers.
    pub fn named(group: &str, diff: &str, apply: &str, cancel: &str) -> DialogIds {
        DialogIds {
            group: Some(group.to_owned()),
            diff: diff.to_owned(),
            apply: apply.to_owned(),
            cancel: cancel.to_owned(),
        }
    }

    /// A button's question, beside it: `{id}-diff`, `{id}-confirm`, `{id}-cancel`.
    pub fn button(id: &str) -> DialogIds {
        DialogIds {
            group: None,
            diff: format!("{id}-diff"),
            apply: format!("{id}-confirm"),
            cancel: format!("{id}-cancel"),
        }
    }
}

/// The question of a section's proposed change: its summary and effect, Apply (which takes the
/// focus, so Enter confirms) and Cancel (Escape too). The focus goes back to the control that
/// proposed it. A question about a command is asked again about the new state when the state or
/// the acting identity changes while it is open; if the change no longer has an effect, or is
/// now refused, the question closes.
#[component]
pub fn ChangeDialog(
    /// The section's proposals.
    proposals: Proposals,
    /// The `data-testid` of the question (see [`DialogIds::section`]).
    #[prop(optional, into)]
    test_id: Option<String>,
    /// The test ids, when not a section's.
    #[prop(optional)]
    ids: Option<DialogIds>,
) -> impl IntoView {
    let ids = ids.unwrap_or_else(|| DialogIds::section(test_id.as_deref().unwrap_or("change")));
    let pending = proposals.pending;
    let apply_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if pending.with(Option::is_some)
            && let Some(button) = apply_ref.get()
        {
            let _ = button.focus();
        }
    });
    let close = move |confirmed: bool| {
        let Some(proposal) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        if confirmed {
            (proposal.apply)();
        } else if let Some(cancel) = &proposal.cancel {
            cancel();
        }
        focus_after_frame(proposal.origin);
    };
    let store = proposals.store;
    Effect::new(move |seen: Option<()>| {
        store.state().track();
        store.who().track();
        if seen.is_none() {
            return;
        }
        let Some((command, always)) = pending.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| Some((p.command.clone()?, p.always)))
        }) else {
            return;
        };
        let who = store.who().get_untracked();
        match store.state().with_untracked(|s| s.preview(&who, &command)) {
            Ok(diff) if always || !diff.is_empty() => pending.update(|p| {
                if let Some(p) = p.as_mut() {
                    p.effect = Shown::Lines(effect_lines(&diff));
                    p.tone = tone(&diff);
                }
            }),
            Err(_) if always => pending.update(|p| {
                if let Some(p) = p.as_mut() {
                    p.effect = Shown::Nothing;
                    p.tone = "preview";
                }
            }),
            _ => close(false),
        }
    });
    move || {
        let ids = ids.clone();
        pending.get().map(|proposal| {
            let effect = match proposal.effect {
                Shown::Lines(lines) => view! {
                    <span class="preview__title">"This change would:"</span>
                    <ul class="preview__list" data-testid=ids.diff.clone()>
                        {lines.into_iter().map(|line| view! { <li><Prose sentence=line /></li> }).collect_view()}
                    </ul>
                }
                .into_any(),
                Shown::View(view) => view.run(),
                Shown::Nothing => ().into_any(),
            };
            let button = if proposal.danger {
                "fw-button fw-button--danger"
            } else {
                "fw-button fw-button--primary"
            };
            let question = words::plain(&proposal.question);
            view! {
                <div
                    class=format!("{} preview--confirm", proposal.tone)
                    role="group"
                    aria-label=question
                    data-testid=ids.group.clone()
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            // Only the question closes, not a menu it sits in.
                            ev.stop_propagation();
                            close(false);
                        }
                    }
                >
                    <p class="preview__question">
                        <Prose sentence=proposal.question />
                    </p>
                    {effect}
                    <div class="preview__actions">
                        <button
                            type="button"
                            class=button
                            node_ref=apply_ref
                            data-testid=ids.apply.clone()
                            on:click=move |_| close(true)
                        >
                            {proposal.confirm_label}
                        </button>
                        <button
                            type="button"
                            class="fw-button fw-button--quiet"
                            data-testid=ids.cancel.clone()
                            on:click=move |_| close(false)
                        >
                            "Cancel"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
