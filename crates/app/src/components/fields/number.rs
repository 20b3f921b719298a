//! A whole number typed into a field.

use leptos::prelude::*;

use super::{CheckedText, FieldProblem};

/// A whole number typed into a text input (the browser's number input would hide what it cannot
/// read), with its problem under it.
///
/// Test ids: `{test_id}` for the input, `{test_id}-problem` for the problem.
#[component]
pub fn NumberField<T: 'static>(
    /// The input's accessible name.
    #[prop(into)]
    label: String,
    /// The input's `data-testid`.
    #[prop(into)]
    test_id: String,
    /// The text and how it is read.
    field: CheckedText<T>,
    /// The placeholder.
    #[prop(optional)]
    placeholder: &'static str,
    /// Whether the input is disabled.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// What Enter does, for a field outside a form (a table row's limit); inside a form,
    /// Enter submits it.
    #[prop(optional)]
    on_enter: Option<Callback<()>>,
) -> impl IntoView {
    let problem = FieldProblem::new(format!("{test_id}-problem"), field.problem());
    view! {
        <span class="field-with-problem">
            <input
                type="text"
                inputmode="numeric"
                autocomplete="off"
                class="fw-number"
                placeholder=placeholder
                aria-label=label
                data-testid=test_id
                disabled=disabled
                aria-invalid=problem.invalid()
                aria-describedby=problem.id()
                prop:value=move || field.text.get()
                on:input=move |ev| field.typed(event_target_value(&ev))
                on:keydown=move |ev| {
                    if let Some(enter) = on_enter.filter(|_| ev.key() == "Enter") {
                        ev.prevent_default();
                        enter.run(());
                    }
                }
            />
            {problem.message()}
        </span>
    }
}
