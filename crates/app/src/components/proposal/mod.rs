//! One way to ask before applying. A control hands what it would do to its section's
//! [`Proposals`]: a command, whose access diff core works out (`State::preview`), or another action
//! (replacing the data, applying staged changes) with what it would change. A change with an
//! effect waits in a [`ChangeDialog`] with that effect in words; Apply (which takes the focus, so
//! Enter confirms) runs it, Cancel or Escape leaves everything as it was, and the focus goes back
//! to the control. A change with no effect, or a refused one, runs at once, so a refusal is
//! explained the usual way. [`ActionButton`] is the one action control built on it; a form shows
//! its command's effect while it is filled in with [`LiveEffect`].

mod action_button;
mod dialog;
mod live_effect;

pub use action_button::ActionButton;
pub use dialog::{ChangeDialog, DialogIds};
pub use live_effect::{LiveEffect, StatesEffect, one_step};

use std::sync::Arc;

use leptos::prelude::*;
use studio_access_core::diff::AccessDiff;
use studio_access_core::{Command, Executed};

use crate::Store;
use crate::components::Feedback;
use crate::words;

/// A change waiting for the person's answer.
#[derive(Clone)]
pub(super) struct Proposal {
    /// The command, to preview again should the state change while the question is open; none
    /// for another kind of action.
    command: Option<Command>,
    /// The steps asked about, as the form that proposed them held them (one command, or a
    /// sequence); none for another kind of action. Once the form holds others, the question is
    /// no longer its form's and closes (see [`Proposals::form_changed`]).
    steps: Vec<Command>,
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
pub(super) enum Shown {
    /// The access diff in words, one line each.
    Lines(Vec<String>),
    /// A view of its own (a whole state replaced, staged changes together).
    View(ViewFn),
    /// Nothing: a change that would be refused (applying it says why).
    Nothing,
}

/// The lines of a proposal's access diff; one line saying so when nothing changes in access.
pub(super) fn effect_lines(diff: &AccessDiff) -> Vec<String> {
    let lines = words::diff_lines(diff);
    if lines.is_empty() {
        vec![
            "No change in access: no member, authorization, key or finding is affected.".to_owned(),
        ]
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
    /// The last proposal when it ran at once and was refused: its answer says why, and a
    /// [`LiveEffect`](super::LiveEffect) of that same step does not say it a second time.
    refused: RwSignal<Option<Command>>,
}

impl Proposals {
    /// No change waiting yet.
    pub fn new() -> Self {
        Proposals {
            store: Store::get(),
            pending: RwSignal::new(None),
            refused: RwSignal::new(None),
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

    /// [`Proposals::propose`] for a form's step: once it runs, `feedback` says what came of it,
    /// `done` when applied and a refusal in the words of its step ([`Feedback::of_step`]), and
    /// `applied` runs first when it was applied (the form clears its field).
    pub fn propose_step(
        self,
        command: Command,
        origin: impl Into<String>,
        done: String,
        feedback: RwSignal<Option<Feedback>>,
        applied: impl Fn() + Send + Sync + 'static,
    ) {
        let (store, asked) = (self.store, command.clone());
        self.propose(command, origin, move |executed| {
            if executed.outcome.is_success() {
                applied();
            }
            let said = Feedback::of_step(store, &asked, &executed, done.clone());
            feedback.set(Some(said));
        });
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
        let run = {
            let commands = commands.clone();
            move || {
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
            }
        };
        if planned.refused.is_some() || planned.diff.is_empty() {
            self.pending.set(None);
            run();
            return;
        }
        self.pending.set(Some(Proposal {
            command: None,
            steps: commands.clone(),
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
            steps: Vec::new(),
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

    /// Whether `steps` are the one step last proposed, run at once and refused (its answer is
    /// shown).
    pub fn answered_refused(self, steps: &[Command]) -> bool {
        self.refused.with(|refused| {
            refused
                .as_ref()
                .is_some_and(|r| steps == std::slice::from_ref(r))
        })
    }

    /// A form's steps changed from `before` to others: a refusal answered before is no longer
    /// the answer to them, and a question open about `before` closes unanswered, so Apply never
    /// runs what the form no longer says (issue 13: Create asked about `new-user`, the field was
    /// changed to `other-name`, and Apply created `new-user`). A question about something else
    /// (a row's button in the same section) stays.
    pub fn form_changed(self, before: &[Command]) {
        self.refused.set(None);
        if self
            .pending
            .with_untracked(|p| p.as_ref().is_some_and(|p| p.steps == before))
        {
            self.pending.set(None);
        }
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
        let refused = self.refused;
        let run = {
            let command = command.clone();
            move || {
                let executed = store.run(&command);
                refused.try_set((!executed.outcome.is_success()).then(|| command.clone()));
                done(executed);
            }
        };
        let asked = match &preview {
            Ok(diff) if always || !diff.is_empty() => {
                Some((Shown::Lines(effect_lines(diff)), tone(diff)))
            }
            // A step that changes nothing, or would be refused, runs at once: a refusal is said
            // before anything is confirmed.
            _ => None,
        };
        match asked {
            Some((effect, tone)) => self.pending.set(Some(Proposal {
                steps: vec![command.clone()],
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

    /// Sets what the question shows for a command proposed by an [`ActionButton`], or by a
    /// control that destroys for good (its button says so, in the danger colour).
    pub fn dress(self, question: Option<String>, confirm_label: Option<String>, danger: bool) {
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
