//! One way to ask before applying. A control hands what it would do to its section's
//! [`Proposals`]: a command, whose access diff core works out (`State::preview`), or another action
//! (replacing the data, applying staged changes) with what it would change. A change with an
//! effect waits in a [`ChangeDialog`] with that effect in words; Apply (which takes the focus, so
//! Enter confirms) runs it, Cancel or Escape leaves everything as it was, and the focus goes back
//! to the control. A change with no effect, or a refused one, runs at once, so a refusal is
//! explained the usual way. [`ActionButton`] is the one action control built on it; a form shows
//! its command's effect while it is filled in with [`LiveEffect`].

use std::sync::Arc;

use leptos::prelude::*;
use studio_access_core::diff::AccessDiff;
use studio_access_core::{Command, Executed, Refusal};

use crate::Store;
use crate::components::Prose;
use crate::words;

/// A change waiting for the person's answer.
#[derive(Clone)]
struct Proposal {
    /// The command, to preview again should the state change while the question is open; none
    /// for another kind of action.
    command: Option<Command>,
    /// Whether it asks even when it changes no access.
    always: bool,
    /// The question, such as "Add user `bob` to `project-a`?".
    question: String,
    /// What it would change: the access diff in words, or a view of its own.
    effect: Shown,
    /// The CSS classes that say whether it widens, narrows or both.
    tone: &'static str,
    /// The text of the button that applies it.
    confirm_label: String,
    /// Whether applying destroys something (drawn in the danger colour).
    danger: bool,
    /// The `data-testid` of the control that proposed it, to give the focus back to.
    origin: String,
    /// Runs the change. A plain closure, not a `Callback`: it must outlive the control that
    /// proposed it, which a redraw may dispose of while the question is open.
    apply: Arc<dyn Fn() + Send + Sync>,
    /// Says the change was not made, when the person cancels, where that needs saying.
    cancel: Option<Arc<dyn Fn() + Send + Sync>>,
}

/// What a proposal shows as its effect.
#[derive(Clone)]
enum Shown {
    /// The access diff in words, one line each.
    Lines(Vec<String>),
    /// A view of its own (a whole state replaced, staged changes together).
    View(ViewFn),
    /// Nothing: a change that would be refused (applying it says why).
    Nothing,
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
pub fn tone(diff: &AccessDiff) -> &'static str {
    if diff.widens() && !diff.narrows() {
        "preview preview--widens"
    } else if diff.narrows() && !diff.widens() {
        "preview preview--narrows"
    } else {
        "preview"
    }
}

/// The changes a section of a page proposes, one at a time, and the [`ChangeDialog`] that shows
/// them. A `Copy` handle.
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
    /// diff; one with no such effect, or one that is refused, runs at once. `done` gets the
    /// result whenever it runs; `origin` is the `data-testid` of the control, which gets the
    /// focus back when the question closes.
    pub fn propose(
        self,
        command: Command,
        origin: impl Into<String>,
        done: impl Fn(Executed) + Send + Sync + 'static,
    ) {
        let question = format!("{}?", words::command(&command));
        self.command(command, question, false, origin.into(), done);
    }

    /// Like [`Proposals::propose`], but a change that would be applied always waits for
    /// confirmation, even when it changes no access (deleting something for good).
    pub fn confirm(
        self,
        command: Command,
        origin: impl Into<String>,
        done: impl Fn(Executed) + Send + Sync + 'static,
    ) {
        let question = format!("{}?", words::command(&command));
        self.command(command, question, true, origin.into(), done);
    }

    /// Asks before `commands` run in order as the acting identity (a member added with a preset
    /// of pages), listing their combined effect (`State::preview_all`); `done` gets each one's
    /// result, up to and including the first refusal. A sequence that would be refused, or that
    /// changes nothing, runs at once, so a refusal is explained the usual way.
    pub fn propose_all(
        self,
        commands: Vec<Command>,
        question: String,
        origin: impl Into<String>,
        done: impl Fn(Vec<Executed>) + Send + Sync + 'static,
    ) {
        let store = self.store;
        let who = store.who().get_untracked();
        let planned = store
            .state()
            .with_untracked(|s| s.preview_all(&who, &commands));
        let run = move || {
            let mut results = Vec::new();
            for command in &commands {
                let executed = store.run(command);
                let refused = !executed.outcome.is_success();
                results.push(executed);
                if refused {
                    break;
                }
            }
            done(results);
        };
        if planned.refused.is_some() || planned.diff.is_empty() {
            self.pending.set(None);
            run();
            return;
        }
        self.pending.set(Some(Proposal {
            command: None,
            always: false,
            question,
            effect: Shown::Lines(effect_lines(&planned.diff)),
            tone: tone(&planned.diff),
            confirm_label: "Apply".to_owned(),
            danger: false,
            origin: origin.into(),
            apply: Arc::new(run),
            cancel: None,
        }));
    }

    /// Asks `question` before an action that is not one command (replacing the data, applying
    /// several changes), showing `effect` below it; `apply` runs it once confirmed, `cancel`
    /// (if any) once cancelled.
    #[allow(clippy::too_many_arguments)] // Each says a different part of the question.
    pub fn ask(
        self,
        question: String,
        effect: ViewFn,
        confirm_label: impl Into<String>,
        danger: bool,
        origin: impl Into<String>,
        apply: impl Fn() + Send + Sync + 'static,
        cancel: Option<Arc<dyn Fn() + Send + Sync>>,
    ) {
        self.pending.set(Some(Proposal {
            command: None,
            always: true,
            question,
            effect: Shown::View(effect),
            tone: "preview",
            confirm_label: confirm_label.into(),
            danger,
            origin: origin.into(),
            apply: Arc::new(apply),
            cancel,
        }));
    }

    /// Whether a question is open.
    pub fn asking(self) -> bool {
        self.pending.with(Option::is_some)
    }

    fn command(
        self,
        command: Command,
        question: String,
        always: bool,
        origin: String,
        done: impl Fn(Executed) + Send + Sync + 'static,
    ) {
        let store = self.store;
        let who = store.who().get_untracked();
        let preview = store.state().with_untracked(|s| s.preview(&who, &command));
        let run = {
            let command = command.clone();
            move || done(store.run(&command))
        };
        let asked = match &preview {
            Ok(diff) if always || !diff.is_empty() => {
                Some((Shown::Lines(effect_lines(diff)), tone(diff)))
            }
            // Asked to confirm even so: applying it then says why it is refused.
            Err(_) if always => Some((Shown::Nothing, "preview")),
            _ => None,
        };
        match asked {
            Some((effect, tone)) => self.pending.set(Some(Proposal {
                command: Some(command),
                always,
                question,
                effect,
                tone,
                confirm_label: "Apply".to_owned(),
                danger: false,
                origin,
                apply: Arc::new(run),
                cancel: None,
            })),
            _ => {
                self.pending.set(None);
                run();
            }
        }
    }

    /// Sets what the question shows for a command proposed by an [`ActionButton`].
    fn dress(self, question: Option<String>, confirm_label: Option<String>, danger: bool) {
        self.pending.update(|pending| {
            if let Some(p) = pending.as_mut() {
                if let Some(question) = question {
                    p.question = question;
                }
                if let Some(label) = confirm_label {
                    p.confirm_label = label;
                }
                p.danger = danger;
            }
        });
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

/// The test ids of a question: its group, its list of effects, and its two answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogIds {
    group: Option<String>,
    diff: String,
    apply: String,
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
        focus_test_id(proposal.origin);
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
            let question = proposal.question.clone();
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

/// The one action control: a button that proposes its command (asking with the access diff
/// when the command has an effect, or always with `always`), or asks `question` before another
/// action (`on_confirm`), with the question beside it.
///
/// Test ids: `{test_id}` for the button, `{test_id}-diff`, `{test_id}-confirm` and
/// `{test_id}-cancel` for the question (see [`DialogIds::button`]).
#[component]
pub fn ActionButton(
    /// The button's text.
    #[prop(into)]
    label: String,
    /// The `data-testid` of the button.
    #[prop(into)]
    test_id: String,
    /// The command it runs, as the acting identity.
    #[prop(optional, into)]
    command: Option<Signal<Option<Command>>>,
    /// For a command: ask even when it changes no access.
    #[prop(optional)]
    always: bool,
    /// For a command: what to do with its result.
    #[prop(optional, into)]
    done: Option<Callback<Executed>>,
    /// The question; for a command, instead of the command in words.
    #[prop(optional, into)]
    question: Option<Signal<String>>,
    /// For another action: what it would change, shown below the question.
    #[prop(optional, into)]
    details: Option<ViewFn>,
    /// For another action: whether to ask at all (it runs at once when this is false).
    #[prop(optional, into)]
    ask: Option<Signal<bool>>,
    /// For another action: what to do once confirmed.
    #[prop(optional, into)]
    on_confirm: Option<Callback<()>>,
    /// The text of the button that confirms.
    #[prop(optional, into)]
    confirm_label: Option<String>,
    /// Whether the action destroys something (drawn in the danger colour).
    #[prop(optional)]
    danger: bool,
    /// The button's accessible name, when its text alone (such as "×") does not say enough.
    #[prop(optional, into)]
    aria_label: Option<String>,
    /// Whether the button is disabled.
    #[prop(optional, into)]
    disabled: Option<Signal<bool>>,
    /// The `data-testid` of the button that confirms, when not `{test_id}-confirm`.
    #[prop(optional, into)]
    confirm_test_id: Option<String>,
) -> impl IntoView {
    let proposals = Proposals::new();
    let origin = test_id.clone();
    let click = move |_| {
        let asked = question.map(|q| q.get_untracked());
        if let Some(command) = command {
            let Some(command) = command.get_untracked() else {
                return;
            };
            let done = move |executed| {
                if let Some(done) = done {
                    done.run(executed);
                }
            };
            if always {
                proposals.confirm(command, origin.clone(), done);
            } else {
                proposals.propose(command, origin.clone(), done);
            }
            proposals.dress(asked, confirm_label.clone(), danger);
        } else if let Some(run) = on_confirm {
            if ask.is_some_and(|ask| !ask.get_untracked()) {
                run.run(());
                return;
            }
            let effect = details
                .clone()
                .unwrap_or_else(|| ViewFn::from(|| ().into_any()));
            proposals.ask(
                asked.unwrap_or_default(),
                effect,
                confirm_label
                    .clone()
                    .unwrap_or_else(|| "Confirm".to_owned()),
                danger,
                origin.clone(),
                move || run.run(()),
                None,
            );
        }
    };
    let class = if danger {
        "fw-button fw-button--danger"
    } else {
        "fw-button"
    };
    let mut ids = DialogIds::button(&test_id);
    if let Some(apply) = confirm_test_id {
        ids.apply = apply;
    }
    view! {
        <span class="fw-confirm">
            <button
                type="button"
                class=class
                data-testid=test_id
                aria-label=aria_label
                aria-expanded=move || proposals.asking().to_string()
                disabled=move || disabled.is_some_and(|d| d.get())
                on:click=click
            >
                {label}
            </button>
            <span class="fw-confirm__question">
                <ChangeDialog proposals=proposals ids=ids />
            </span>
        </span>
    }
}

/// The effect a form's command would have, shown below the form as the person fills it in:
/// computed a moment after the inputs settle (not on every keystroke), and again, after the same
/// pause, when the state or the acting identity changes. Nothing while the inputs are incomplete
/// (`command` is `None`), nor while the section's question is open (it shows the effect then).
#[component]
pub fn LiveEffect(
    /// The command the form would run, once its inputs are complete.
    #[prop(into)]
    command: Signal<Option<Command>>,
    /// The `data-testid` of the effect.
    #[prop(into)]
    test_id: String,
    /// The section's proposals.
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
    let asking = move || proposals.is_some_and(Proposals::asking);
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
                            .map(|line| view! { <li><Prose sentence=line /></li> })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
                Err(refusal) => view! {
                    <span>{format!("Effect: it would be refused. {}", words::refusal(&refusal))}</span>
                }
                .into_any(),
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
                aria-label=format!("Changes in access from {before} to {after}")
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
                {summary}
            </span>
            {list}
        </span>
    }
}
