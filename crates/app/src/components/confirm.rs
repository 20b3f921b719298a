//! A button that asks before it acts: the question appears beside it with a confirm and a cancel
//! button, the confirm button takes the focus, and Escape cancels.

use leptos::html;
use leptos::prelude::*;
use studio_access_core::Command;

use crate::components::DiffList;

/// A button whose action runs only after the person confirms it.
///
/// Test ids: `{test_id}` for the button, `{test_id}-confirm` and `{test_id}-cancel` for the
/// answers.
#[component]
pub fn ConfirmButton(
    /// The button's text.
    #[prop(into)]
    label: String,
    /// What is asked before acting, such as "Delete user `bob`?".
    #[prop(into)]
    question: Signal<String>,
    /// The text of the button that confirms.
    #[prop(into)]
    confirm_label: String,
    /// Whether to ask at all; when it is false the action runs at once.
    #[prop(optional, into)]
    ask: Option<Signal<bool>>,
    /// What to do once confirmed.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// The `data-testid` of the button; the answers add `-confirm` and `-cancel`.
    #[prop(into)]
    test_id: String,
    /// Whether the action destroys something (drawn in the danger colour).
    #[prop(optional)]
    danger: bool,
    /// The command the action runs, whose access diff the question lists (`{test_id}-diff`).
    #[prop(optional, into)]
    preview: Option<Signal<Option<Command>>>,
    /// The button's accessible name, when its text alone (such as "×") does not say enough.
    #[prop(optional, into)]
    aria_label: Option<String>,
    /// The `data-testid` of the confirm button, when not `{test_id}-confirm`.
    #[prop(optional, into)]
    confirm_test_id: Option<String>,
    /// What else the question shows, below it (such as the effect of several changes); drawn
    /// only while the question is open.
    #[prop(optional, into)]
    details: Option<ViewFn>,
    /// Whether the button is disabled.
    #[prop(optional, into)]
    disabled: Option<Signal<bool>>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let confirm_ref = NodeRef::<html::Button>::new();
    let ask = ask.unwrap_or_else(|| Signal::derive(|| true));
    Effect::new(move |_| {
        if asking.get()
            && let Some(button) = confirm_ref.get()
        {
            let _ = button.focus();
        }
    });
    let class = if danger {
        "fw-button fw-button--danger"
    } else {
        "fw-button"
    };
    let confirm_id = confirm_test_id.unwrap_or_else(|| format!("{test_id}-confirm"));
    let cancel_id = format!("{test_id}-cancel");
    let diff_id = format!("{test_id}-diff");
    view! {
        <span class="fw-confirm">
            <button
                type="button"
                class=class
                data-testid=test_id
                aria-label=aria_label
                aria-expanded=move || asking.get().to_string()
                disabled=move || disabled.is_some_and(|d| d.get())
                on:click=move |_| {
                    if ask.get_untracked() {
                        asking.set(true);
                    } else {
                        on_confirm.run(());
                    }
                }
            >
                {label}
            </button>
            <Show when=move || asking.get()>
                <span
                    class="fw-confirm__question"
                    role="group"
                    aria-label=move || question.get()
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            // Only the question closes, not a menu it sits in.
                            ev.stop_propagation();
                            asking.set(false);
                        }
                    }
                >
                    <span>{move || question.get()}</span>
                    {preview
                        .map(|command| view! { <DiffList command=command test_id=diff_id.clone() /> })}
                    {details.as_ref().map(ViewFn::run)}
                    <button
                        type="button"
                        class=class
                        node_ref=confirm_ref
                        data-testid=confirm_id.clone()
                        on:click=move |_| {
                            asking.set(false);
                            on_confirm.run(());
                        }
                    >
                        {confirm_label.clone()}
                    </button>
                    <button
                        type="button"
                        class="fw-button fw-button--quiet"
                        data-testid=cancel_id.clone()
                        on:click=move |_| asking.set(false)
                    >
                        "Cancel"
                    </button>
                </span>
            </Show>
        </span>
    }
}
