//! A labelled `<select>` whose choice lives in the caller's state: the form control the checker
//! and the matrix filters share.

use leptos::prelude::*;

use crate::components::FieldProblem;

/// A `<label>` holding a caption and a `<select>` of `(value, text)` options. `block` is the CSS
/// block the field belongs to (`<block>__field`, `<block>__label`); `current` says which value is
/// selected, `on_change` receives the chosen value. A choice that can be wrong passes its
/// `problem`: the select is then `aria-invalid` while it has a message, and `aria-describedby`
/// names it, the way every field says it (issue 13); the caller draws the message.
pub fn select_field(
    block: &'static str,
    label: &'static str,
    test_id: String,
    options: Vec<(String, String)>,
    current: impl Fn() -> String + Send + Sync + Copy + 'static,
    on_change: impl Fn(String) + 'static,
    problem: Option<FieldProblem>,
) -> impl IntoView {
    let invalid = problem.as_ref().map(FieldProblem::invalid);
    let described_by = problem.as_ref().map(FieldProblem::id);
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let selected = {
                let value = value.clone();
                move || current() == value
            };
            view! {
                <option value=value prop:selected=selected>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <label class=format!("{block}__field")>
            <span class=format!("{block}__label")>{label}</span>
            <select
                data-testid=test_id
                aria-invalid=invalid
                aria-describedby=described_by
                on:change=move |ev| on_change(event_target_value(&ev))
            >
                {options}
            </select>
        </label>
    }
}
