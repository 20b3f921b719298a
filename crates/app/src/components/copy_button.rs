//! A value shown with a button that copies it, such as a workspace ID: the answer of the
//! clipboard (copied, or why not) is said beside it.

use leptos::prelude::*;

use crate::components::copy_text;

/// `value` in monospace with a Copy button.
///
/// Test ids: `{test_id}` for the value, `{test_id}-copy` for the button, `{test_id}-status` for
/// what copying came to.
#[component]
pub fn CopyValue(
    /// The text shown and copied.
    #[prop(into)]
    value: Signal<String>,
    /// What the value is, for the button's accessible name ("workspace ID"): enough to tell it
    /// from another Copy of the same value ("workspace ID of key `app`").
    #[prop(into)]
    what: String,
    /// The value's `data-testid`.
    #[prop(into)]
    test_id: String,
) -> impl IntoView {
    let status = RwSignal::new(None::<Result<(), String>>);
    let copy = move |_| {
        status.set(None);
        copy_text(&value.get_untracked(), move |result| {
            status.try_set(Some(result));
        });
    };
    view! {
        <span class="copy-value">
            <code class="copy-value__text" data-testid=test_id.clone()>
                {move || value.get()}
            </code>
            <button
                type="button"
                class="fw-button fw-button--small fw-button--quiet"
                aria-label=move || format!("Copy {}, the {what}", value.get())
                data-testid=format!("{test_id}-copy")
                on:click=copy
            >
                "Copy"
            </button>
            <span class="copy-value__status" role="status" data-testid=format!("{test_id}-status")>
                {move || match status.get() {
                    None => String::new(),
                    Some(Ok(())) => "Copied.".to_owned(),
                    Some(Err(why)) => format!("Not copied ({why}): select it and copy by hand."),
                }}
            </span>
        </span>
    }
}
