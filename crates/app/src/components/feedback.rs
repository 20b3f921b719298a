//! The answer to an action, shown next to the control that took it: what was done, or why it was
//! refused (the SPEC code in words and the stage that failed). Nothing is ever refused silently.

use leptos::prelude::*;
use studio_access_core::{Command, Executed, Outcome};

use crate::components::Prose;
use crate::store::Store;
use crate::words;

/// What an action came to, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Feedback {
    /// It was done.
    Done(String),
    /// It was refused; the text says why.
    Refused(String),
}

impl Feedback {
    /// The feedback for an executed command: `done` when it applied, the refusal in words when not.
    pub fn of(executed: &Executed, done: impl Into<String>) -> Feedback {
        match (&executed.outcome, &executed.refusal) {
            (Outcome::Ok, _) => Feedback::Done(done.into()),
            (_, Some(refusal)) => Feedback::Refused(words::refusal(refusal)),
            (outcome, None) => Feedback::Refused(words::outcome(*outcome)),
        }
    }

    /// As [`Feedback::of`] for `command`, just run in `store`: a refusal is said in the words
    /// of the step ([`words::step_refusal`]: a duplicate says what the name collides with; a
    /// refused step changed nothing, so the state is the one it was asked in).
    pub fn of_step(
        store: Store,
        command: &Command,
        executed: &Executed,
        done: impl Into<String>,
    ) -> Feedback {
        match &executed.refusal {
            Some(refusal) if !executed.outcome.is_success() => Feedback::Refused(
                store
                    .state()
                    .with_untracked(|s| words::step_refusal(s, command, refusal)),
            ),
            _ => Feedback::of(executed, done),
        }
    }
}

/// Shows the latest feedback of a form or control; empty until something happened.
#[component]
pub fn FeedbackLine(
    /// The feedback to show.
    #[prop(into)]
    feedback: Signal<Option<Feedback>>,
    /// The `data-testid` of the line.
    #[prop(optional, into)]
    test_id: Option<String>,
) -> impl IntoView {
    let test_id = test_id.unwrap_or_else(|| "feedback".to_owned());
    move || {
        feedback.get().map(|feedback| {
            let (class, role, text) = match feedback {
                Feedback::Done(text) => ("feedback feedback--done", "status", text),
                Feedback::Refused(text) => ("feedback feedback--refused", "alert", text),
            };
            view! {
                <p class=class role=role data-testid=test_id.clone()>
                    <Prose sentence=text />
                </p>
            }
        })
    }
}
