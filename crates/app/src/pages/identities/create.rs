//! The two forms at the top of the Identities screen: a new RAM user, a new RAM role.

use leptos::prelude::*;
use studio_access_core::{Command, NameRule};

use crate::components::{
    ChangeDialog, Feedback, FeedbackLine, LiveEffect, NameField, NameForm, NameInput, Proposals,
    one_step,
};

/// The create-user and create-role forms, sharing one question dialog and one feedback line.
#[component]
pub fn CreateForms() -> impl IntoView {
    let proposals = Proposals::new();
    let feedback = RwSignal::new(None::<Feedback>);
    view! {
        <div class="card fw-section">
            <div class="fw-forms">
                <CreateForm kind=USER proposals=proposals feedback=feedback />
                <CreateForm kind=ROLE proposals=proposals feedback=feedback />
            </div>
            <ChangeDialog proposals=proposals test_id="identities-change" />
            <FeedbackLine feedback=feedback test_id="identities-feedback" />
        </div>
    }
}

/// What tells the two forms apart.
#[derive(Clone, Copy)]
struct Kind {
    word: &'static str,
    label: &'static str,
    what: &'static str,
    field: &'static str,
    button: &'static str,
}

const USER: Kind = Kind {
    word: "user",
    label: "New RAM user",
    what: "user name",
    field: "create-user-name",
    button: "Create user",
};

const ROLE: Kind = Kind {
    word: "role",
    label: "New RAM role",
    what: "role name",
    field: "create-role-name",
    button: "Create role",
};

impl Kind {
    /// The step that creates one named `name`.
    fn creation(self, name: String) -> Command {
        if self.word == "user" {
            Command::CreateUser { name }
        } else {
            Command::CreateRole { name }
        }
    }
}

/// One form: a name field, its live effect, and the button that asks before creating.
#[component]
fn CreateForm(
    /// A user or a role.
    kind: Kind,
    /// Where the question is asked.
    proposals: Proposals,
    /// Where the outcome is said.
    feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let name = NameInput::new(NameRule::Principal, String::new());
    name.answered_in(feedback);
    let command = Signal::derive(move || {
        let name = name.text.get();
        (!name.is_empty()).then(|| kind.creation(name))
    });
    let word = kind.word;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(typed) = name.submit(&ev) else {
            return;
        };
        let done = format!("Created {word} `{typed}`.");
        let origin = format!("create-{word}-submit");
        let command = kind.creation(typed);
        proposals.propose_step(command, origin, done, feedback, move || name.clear());
    };
    view! {
        <NameForm
            button=kind.button
            button_id=format!("create-{word}-submit")
            on_submit=Callback::new(submit)
            after=move || {
                view! { <LiveEffect steps=one_step(command) test_id=format!("create-{word}-effect") proposals=proposals /> }
            }
        >
            <NameField label=kind.label what=kind.what name=name test_id=kind.field placeholder=kind.what />
        </NameForm>
    }
}
