//! A name input that checks SPEC section 1's name rule as the person types and says which part
//! is wrong (too long, a character that is not allowed, an invisible one, a space at an end).
//! Nothing is trimmed: what is typed is what the step is asked with.

use leptos::prelude::*;
use studio_access_core::NameRule;

use crate::components::{Feedback, FieldProblem};
use crate::words;

/// A name typed into a [`NameField`]: its text, the rule it follows, and whether its form was
/// submitted. A submitted name that breaks the rule (an empty one included) says why under the
/// field, as every form of the console does (issue 13), and is never asked of core.
#[derive(Clone, Copy)]
pub struct NameInput {
    /// The text typed.
    pub text: RwSignal<String>,
    rule: NameRule,
    submitted: RwSignal<bool>,
    /// The name last submitted that followed the rule: the question a form's answer answers.
    asked: RwSignal<Option<String>>,
}

impl NameInput {
    /// A field for a name under `rule`, holding `initial`.
    pub fn new(rule: NameRule, initial: String) -> NameInput {
        NameInput {
            text: RwSignal::new(initial),
            rule,
            submitted: RwSignal::new(false),
            asked: RwSignal::new(None),
        }
    }

    /// `feedback` answers this field's name: once another name is typed, the answer no longer
    /// belongs to the question shown, and goes (issue 13: "Refused (duplicate) … `lab-old`"
    /// stayed under `lab-new`). An emptied field keeps it: a form empties its field once the
    /// name is used, and what using it came to stays to be read.
    pub fn answered_in(self, feedback: RwSignal<Option<Feedback>>) {
        Effect::new(move |_| {
            let other = self.text.with(|text| {
                !text.is_empty()
                    && self
                        .asked
                        .with_untracked(|asked| asked.as_deref().is_some_and(|a| a != text))
            });
            if other {
                self.asked.set(None);
                feedback.set(None);
            }
        });
    }

    /// Its form was submitted (`event`, which this keeps from reloading the page): the name
    /// when it follows the rule; else `None`, and the field says why.
    pub fn submit(self, event: &leptos::ev::SubmitEvent) -> Option<String> {
        event.prevent_default();
        self.submitted.set(true);
        let text = self.text.get_untracked();
        let follows = self.rule.check(&text).is_ok();
        if follows {
            self.asked.set(Some(text.clone()));
        }
        follows.then_some(text)
    }

    /// Empties the field once its name is used, saying nothing until it is typed in again.
    pub fn clear(self) {
        self.text.set(String::new());
        self.submitted.set(false);
    }
}

/// A labelled text input for a name, with its problem shown below as it is typed, and once its
/// form is submitted.
///
/// Test ids: `{test_id}` for the input, `{test_id}-problem` for the problem.
#[component]
pub fn NameField(
    /// The visible label.
    label: &'static str,
    /// What the name is, for the messages ("user name", "workspace name", "key label").
    what: &'static str,
    /// The name typed and its rule.
    name: NameInput,
    /// The input's `id` and `data-testid`.
    test_id: &'static str,
    /// The placeholder.
    #[prop(optional)]
    placeholder: &'static str,
) -> impl IntoView {
    let NameInput {
        text,
        rule,
        submitted,
        ..
    } = name;
    let problem = Memo::new(move |_| {
        text.with(|typed| {
            (submitted.get() || !typed.is_empty())
                .then(|| rule.check(typed).err())
                .flatten()
                .map(|problem| words::name_problem(what, problem))
        })
    });
    let problem = FieldProblem::new(format!("{test_id}-problem"), problem);
    view! {
        <label for=test_id>{label}</label>
        <input
            id=test_id
            type="text"
            autocomplete="off"
            spellcheck="false"
            placeholder=placeholder
            title=words::name_rule(rule)
            data-testid=test_id
            aria-invalid=problem.invalid()
            aria-describedby=problem.id()
            bind:value=text
        />
        {problem.message()}
    }
}

/// A form of one name: its field (the children, a [`NameField`]), the button that submits it,
/// and what follows the button (`after`: a second action, the live effect).
///
/// Test ids: the field's, and `button_id` for the button.
#[component]
pub fn NameForm(
    /// The submit button's text.
    button: &'static str,
    /// The submit button's `data-testid`.
    #[prop(into)]
    button_id: String,
    /// What submitting does (it calls [`NameInput::submit`]).
    on_submit: Callback<leptos::ev::SubmitEvent>,
    /// The field.
    children: Children,
    /// What follows the button in the form.
    #[prop(optional, into)]
    after: Option<ViewFn>,
) -> impl IntoView {
    view! {
        <form class="fw-form" on:submit=move |ev| on_submit.run(ev)>
            {children()}
            <button type="submit" class="fw-button" data-testid=button_id>
                {button}
            </button>
            {after.map(|after| after.run())}
        </form>
    }
}
