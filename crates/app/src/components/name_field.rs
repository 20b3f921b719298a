//! A name input that checks SPEC section 1's name rule as the person types and says which part
//! is wrong (too long, a character that is not allowed, an invisible one, a space at an end).
//! Nothing is trimmed: what is typed is what the step is asked with.

use leptos::prelude::*;
use studio_access_core::NameRule;

use crate::components::FieldProblem;
use crate::words;

/// A labelled text input for a name under `rule`, with its problem shown below as it is typed.
///
/// Test ids: `{test_id}` for the input, `{test_id}-problem` for the problem.
#[component]
pub fn NameField(
    /// The visible label.
    label: &'static str,
    /// What the name is, for the messages ("user name", "workspace name", "key label").
    what: &'static str,
    /// The rule the name follows.
    rule: NameRule,
    /// The text typed.
    value: RwSignal<String>,
    /// The input's `id` and `data-testid`.
    test_id: &'static str,
    /// The placeholder.
    #[prop(optional)]
    placeholder: &'static str,
) -> impl IntoView {
    let problem = Memo::new(move |_| {
        value.with(|text| {
            (!text.is_empty())
                .then(|| rule.check(text).err())
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
            bind:value=value
        />
        {problem.message()}
    }
}
