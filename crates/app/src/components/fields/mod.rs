//! Small form fields bound to a signal: a labelled line of text, a checkbox, a whole number;
//! and the one way every field says what is wrong with it ([`FieldProblem`]).

mod number;
mod problem;

use leptos::prelude::*;

pub use number::NumberField;
pub use problem::{CheckedText, FieldProblem};

/// A labelled one-line text input.
#[component]
pub fn TextField(
    /// The visible label.
    label: &'static str,
    /// The input's `id` and `data-testid`.
    test_id: &'static str,
    /// The text typed.
    value: RwSignal<String>,
    /// The placeholder.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// The `id` of the `<datalist>` it suggests from.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label for=test_id>{label}</label>
        <input
            id=test_id
            type="text"
            list=list
            placeholder=placeholder
            autocomplete="off"
            data-testid=test_id
            bind:value=value
        />
    }
}

/// A checkbox, its label after it.
#[component]
pub fn CheckField(
    /// The label.
    label: &'static str,
    /// The checkbox's `data-testid`.
    test_id: &'static str,
    /// Whether it is checked.
    checked: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <label class="fw-check">
            <input type="checkbox" data-testid=test_id bind:checked=checked />
            {label}
        </label>
    }
}
