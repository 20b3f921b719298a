//! What-if: a button that previews its command's effect on access before applying it. A change
//! that widens or narrows access (or touches keys or the audit) is shown as an access diff with
//! Apply and Cancel; a change with no effect on access is applied at once. A refused command
//! shows why, and nothing changes.

use std::sync::Arc;

use leptos::prelude::*;
use studio_access_core::diff::AccessDiff;
use studio_access_core::{Command, Executed, Refusal};

use crate::Store;
use crate::components::{Feedback, FeedbackLine};
use crate::words;

/// A button that runs `command` as the acting identity after showing its access diff.
#[component]
pub fn PreviewButton(
    /// The command to run; `None` disables the button.
    #[prop(into)]
    command: Signal<Option<Command>>,
    /// The button's label.
    #[prop(into)]
    label: String,
    /// What to say when it was applied.
    #[prop(into)]
    done: String,
    /// The `data-testid` prefix: the button is `<id>`, the preview `<id>-preview`, the apply
    /// button `<id>-apply`, the feedback `<id>-feedback`.
    #[prop(into)]
    test_id: String,
    /// Extra CSS classes for the button.
    #[prop(optional, into)]
    class: String,
    /// Called with the result once the command ran.
    #[prop(optional)]
    on_result: Option<Callback<Executed>>,
) -> impl IntoView {
    let store = Store::get();
    let pending: RwSignal<Option<(Command, AccessDiff)>> = RwSignal::new(None);
    let feedback = RwSignal::new(None::<Feedback>);
    let apply = move |command: Command| {
        let executed = store.run(&command);
        feedback.set(Some(Feedback::of(&executed, done.clone())));
        pending.set(None);
        if let Some(callback) = on_result {
            callback.run(executed);
        }
    };
    let apply_for_click = apply.clone();
    let click = move |_| {
        let Some(command) = command.get_untracked() else {
            return;
        };
        let who = store.who().get_untracked();
        match store.state().with_untracked(|s| s.preview(&who, &command)) {
            Ok(diff) if !diff.is_empty() => {
                feedback.set(None);
                pending.set(Some((command, diff)));
            }
            // No effect on access, or refused: run it, so a refusal is explained the usual way.
            _ => apply_for_click(command),
        }
    };
    let button_class = format!("button {class}");
    let preview_id = format!("{test_id}-preview");
    let apply_id = format!("{test_id}-apply");
    let cancel_id = format!("{test_id}-cancel");
    let feedback_id = format!("{test_id}-feedback");
    view! {
        <button
            type="button"
            class=button_class
            data-testid=test_id
            disabled=move || command.with(Option::is_none)
            on:click=click
        >
            {label}
        </button>
        {move || {
            pending
                .get()
                .map(|(command, diff)| {
                    let lines = words::diff_lines(&diff);
                    let tone = if diff.widens() && !diff.narrows() {
                        "preview preview--widens"
                    } else if diff.narrows() && !diff.widens() {
                        "preview preview--narrows"
                    } else {
                        "preview"
                    };
                    let apply = apply.clone();
                    view! {
                        <div class=tone role="dialog" aria-label="Effect of this change" data-testid=preview_id.clone()>
                            <p class="preview__title">"This change would:"</p>
                            <ul class="preview__list">
                                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                            </ul>
                            <div class="preview__actions">
                                <button
                                    type="button"
                                    class="button button--primary"
                                    data-testid=apply_id.clone()
                                    on:click=move |_| apply(command.clone())
                                >
                                    "Apply"
                                </button>
                                <button
                                    type="button"
                                    class="button"
                                    data-testid=cancel_id.clone()
                                    on:click=move |_| pending.set(None)
                                >
                                    "Cancel"
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
        <FeedbackLine feedback=feedback test_id=feedback_id />
    }
}

/// Whether `command`, run by the acting identity, would change any access (a diff that is not
/// empty). A refused command changes nothing, so it is run at once and its refusal explained.
pub fn changes_access(store: Store, command: &Command) -> bool {
    let who = store.who().get_untracked();
    store
        .state()
        .with_untracked(|s| s.preview(&who, command))
        .is_ok_and(|diff| !diff.is_empty())
}

/// The access diff of `command` as the acting identity would run it, as a list of lines, for a
/// confirmation to show; nothing when it changes no access or is refused.
#[component]
pub fn DiffList(
    /// The command whose effect is shown.
    #[prop(into)]
    command: Signal<Option<Command>>,
    /// The list's `data-testid`.
    #[prop(into)]
    test_id: String,
) -> impl IntoView {
    let store = Store::get();
    move || {
        let who = store.who().get();
        let diff = command.with(|command| {
            command
                .as_ref()
                .and_then(|command| store.state().with(|s| s.preview(&who, command)).ok())
        });
        let lines = diff.map(|d| words::diff_lines(&d)).unwrap_or_default();
        (!lines.is_empty()).then(|| {
            view! {
                <span class="preview preview--inline" role="group" aria-label="Effect of this change">
                    <span class="preview__title">"This change would:"</span>
                    <ul class="preview__list" data-testid=test_id.clone()>
                        {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                </span>
            }
        })
    }
}

/// A change waiting for the person's answer: its effect in words and what applying it does.
#[derive(Clone)]
struct Proposal {
    /// The command, to preview again if the state changes while the question is open.
    command: Command,
    /// A summary of the change, such as "Add user `bob` to `project-a`".
    summary: String,
    /// The access diff in words.
    lines: Vec<String>,
    /// The CSS classes that say whether it widens, narrows or both.
    tone: &'static str,
    /// The `data-testid` of the control that proposed it, to give the focus back to.
    origin: String,
    /// Whether it asks even when it changes no access.
    always: bool,
    /// Runs the change. A plain closure, not a `Callback`: it must outlive the control that
    /// proposed it, which a redraw may dispose of while the question is open.
    apply: Arc<dyn Fn() + Send + Sync>,
}

/// The lines of a proposal's access diff; one line saying so when nothing changes in access.
fn effect_lines(diff: &AccessDiff) -> Vec<String> {
    let lines = words::diff_lines(diff);
    if lines.is_empty() {
        vec!["change no access: no member, authorization, key or finding is affected".to_owned()]
    } else {
        lines
    }
}

/// The CSS classes of a preview: widening, narrowing, or both at once.
fn tone(diff: &AccessDiff) -> &'static str {
    if diff.widens() && !diff.narrows() {
        "preview preview--widens"
    } else if diff.narrows() && !diff.widens() {
        "preview preview--narrows"
    } else {
        "preview"
    }
}

/// The changes a section of a page proposes, one at a time, and the confirmation that shows
/// them ([`ChangeDialog`]). A `Copy` handle: controls call [`Proposals::propose`], which applies
/// a change with no effect on access at once and asks first for any other.
#[derive(Clone, Copy)]
pub struct Proposals {
    store: Store,
    pending: RwSignal<Option<Proposal>>,
}

impl Proposals {
    /// No change waiting yet.
    pub fn new() -> Self {
        Proposals {
            store: Store::get(),
            pending: RwSignal::new(None),
        }
    }

    /// Previews `command` as the acting identity. A change that widens or narrows access,
    /// changes a key's status or raises or clears a finding waits for confirmation with its
    /// diff; one with no such effect, or one that is refused, runs at once (so a refusal is
    /// explained the usual way). `done` gets the result whenever it runs; `origin` is the
    /// `data-testid` of the control, which gets the focus back when the question closes.
    pub fn propose(
        self,
        command: Command,
        origin: impl Into<String>,
        done: impl Fn(Executed) + Send + Sync + 'static,
    ) {
        self.ask(command, origin.into(), false, done);
    }

    /// Like [`Proposals::propose`], but a change that would be applied always waits for
    /// confirmation, even when it changes no access (deleting something for good).
    pub fn confirm(
        self,
        command: Command,
        origin: impl Into<String>,
        done: impl Fn(Executed) + Send + Sync + 'static,
    ) {
        self.ask(command, origin.into(), true, done);
    }

    fn ask(
        self,
        command: Command,
        origin: String,
        always: bool,
        done: impl Fn(Executed) + Send + Sync + 'static,
    ) {
        let store = self.store;
        let who = store.who().get_untracked();
        let preview = store.state().with_untracked(|s| s.preview(&who, &command));
        let summary = words::command(&command);
        let run = {
            let command = command.clone();
            move || done(store.run(&command))
        };
        match preview {
            Ok(diff) if always || !diff.is_empty() => self.pending.set(Some(Proposal {
                command,
                summary,
                lines: effect_lines(&diff),
                tone: tone(&diff),
                origin,
                always,
                apply: Arc::new(run),
            })),
            _ => {
                self.pending.set(None);
                run();
            }
        }
    }
}

impl Default for Proposals {
    fn default() -> Self {
        Proposals::new()
    }
}

/// Gives the focus to the element with `data-testid` `test_id`, once the frame that may have
/// redrawn it is done.
fn focus_test_id(test_id: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let found = document()
            .query_selector(&format!("[data-testid=\"{test_id}\"]"))
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = found {
            let _ = element.focus();
        }
    });
}

/// The confirmation of a section's proposed change: its summary and access diff, Apply (which
/// takes the focus, so Enter confirms) and Cancel (Escape too). The focus goes back to the
/// control that proposed it.
///
/// Test ids: `{test_id}` for the question, `{test_id}-diff` for the list, `{test_id}-apply` and
/// `{test_id}-cancel` for the answers.
#[component]
pub fn ChangeDialog(
    /// The section's proposals.
    proposals: Proposals,
    /// The `data-testid` of the question.
    #[prop(into)]
    test_id: String,
) -> impl IntoView {
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
        }
        focus_test_id(proposal.origin);
    };
    // A question about a state that has changed since (another tab, undo, another acting
    // identity) is asked again about the new one; if the change no longer has any effect, or is
    // now refused, the question closes and the control shows the state as it is.
    let store = proposals.store;
    Effect::new(move |seen: Option<()>| {
        store.state().track();
        store.who().track();
        if seen.is_none() {
            return;
        }
        let Some((command, always)) =
            pending.with_untracked(|p| p.as_ref().map(|p| (p.command.clone(), p.always)))
        else {
            return;
        };
        let who = store.who().get_untracked();
        match store.state().with_untracked(|s| s.preview(&who, &command)) {
            Ok(diff) if always || !diff.is_empty() => pending.update(|p| {
                if let Some(p) = p.as_mut() {
                    p.lines = effect_lines(&diff);
                    p.tone = tone(&diff);
                }
            }),
            _ => close(false),
        }
    });
    let diff_id = format!("{test_id}-diff");
    let apply_id = format!("{test_id}-apply");
    let cancel_id = format!("{test_id}-cancel");
    move || {
        pending.get().map(|proposal| {
            view! {
                <div
                    class=format!("{} preview--confirm", proposal.tone)
                    role="group"
                    aria-label=format!("{}: effect of this change", proposal.summary)
                    data-testid=test_id.clone()
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            ev.stop_propagation();
                            close(false);
                        }
                    }
                >
                    <p class="preview__title">{format!("{}? This change would:", proposal.summary)}</p>
                    <ul class="preview__list" data-testid=diff_id.clone()>
                        {proposal
                            .lines
                            .into_iter()
                            .map(|line| view! { <li>{line}</li> })
                            .collect_view()}
                    </ul>
                    <div class="preview__actions">
                        <button
                            type="button"
                            class="fw-button fw-button--primary"
                            node_ref=apply_ref
                            data-testid=apply_id.clone()
                            on:click=move |_| close(true)
                        >
                            "Apply"
                        </button>
                        <button
                            type="button"
                            class="fw-button fw-button--quiet"
                            data-testid=cancel_id.clone()
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

/// The effect a form's command would have, shown below the form as the person fills it in:
/// computed a moment after the inputs settle (not on every keystroke), and again, after the same
/// pause, when the state or the acting identity changes. Nothing while the inputs are incomplete
/// (`command` is `None`).
#[component]
pub fn LiveEffect(
    /// The command the form would run, once its inputs are complete.
    #[prop(into)]
    command: Signal<Option<Command>>,
    /// The `data-testid` of the effect.
    #[prop(into)]
    test_id: String,
    /// The section's proposals: while one of them asks, its question shows the effect and this
    /// one steps aside.
    #[prop(optional)]
    proposals: Option<Proposals>,
) -> impl IntoView {
    const SETTLE: std::time::Duration = std::time::Duration::from_millis(250);
    let store = Store::get();
    let effect = RwSignal::new(None::<Result<AccessDiff, Refusal>>);
    // Each change of the inputs, the state or the acting identity starts a new pause; only the
    // last one computes (a large state is not previewed on every keystroke or every change).
    let generation = RwSignal::new(0_u64);
    Effect::new(move |_| {
        let wanted = command.get();
        store.state().track();
        store.who().track();
        let mine = generation.get_untracked().wrapping_add(1);
        generation.set(mine);
        let Some(wanted) = wanted else {
            effect.set(None);
            return;
        };
        set_timeout(
            move || {
                // The form may be gone by then (`try_`: nothing to show it in).
                if generation.try_get_untracked() != Some(mine) {
                    return;
                }
                let Some(who) = store.who().try_get_untracked() else {
                    return;
                };
                if let Some(answer) = store
                    .state()
                    .try_with_untracked(|s| s.preview(&who, &wanted))
                {
                    effect.try_set(Some(answer));
                }
            },
            SETTLE,
        );
    });
    let asking = move || proposals.is_some_and(|p| p.pending.with(Option::is_some));
    move || {
        if asking() {
            return None;
        }
        effect.get().map(|effect| {
            let body = match effect {
                Ok(diff) if diff.is_empty() => {
                    let renamed = words::renamed_lines(&diff).join("; ");
                    let text = if renamed.is_empty() {
                        "Effect: no change in access.".to_owned()
                    } else {
                        format!("Effect: no change in access; {renamed}.")
                    };
                    view! { <span>{text}</span> }.into_any()
                }
                Ok(diff) => view! {
                    <span class="preview__title">"Effect:"</span>
                    <ul class="preview__list">
                        {words::diff_lines(&diff)
                            .into_iter()
                            .map(|line| view! { <li>{line}</li> })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
                Err(refusal) => {
                    view! { <span>{format!("Effect: it would be refused. {}", words::refusal(&refusal))}</span> }
                        .into_any()
                }
            };
            view! {
                <div class="preview preview--live" role="status" data-testid=test_id.clone()>
                    {body}
                </div>
            }
        })
    }
}

/// The access diff from one whole state to another, for a question about replacing the state
/// (a new account, the sample organisation): a line of counts and the grouped lines, in a list
/// that scrolls (a whole account's diff can be long) and can be scrolled from the keyboard.
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
                aria-label=format!("Changes in access from {before} to {after}")
                data-testid=format!("{test_id}-lines")
            >
                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
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
                {summary}
            </span>
            {list}
        </span>
    }
}
