//! What-if: a button that previews its command's effect on access before applying it. A change
//! that widens or narrows access (or touches keys or the audit) is shown as an access diff with
//! Apply and Cancel; a change with no effect on access is applied at once. A refused command
//! shows why, and nothing changes.

use leptos::prelude::*;
use studio_access_core::diff::AccessDiff;
use studio_access_core::{Command, Executed};

use crate::Store;
use crate::components::{Feedback, FeedbackLine};
use crate::words;

/// A button that runs `command` as the acting identity after showing its access diff.
#[component]
pub fn PreviewButton(
    /// The command to run; `None` disables the button.
    #[prop(into)]
    command: Signal<Option<Command>>,
    /// The button's label.
    #[prop(into)]
    label: String,
    /// What to say when it was applied.
    #[prop(into)]
    done: String,
    /// The `data-testid` prefix: the button is `<id>`, the preview `<id>-preview`, the apply
    /// button `<id>-apply`, the feedback `<id>-feedback`.
    #[prop(into)]
    test_id: String,
    /// Extra CSS classes for the button.
    #[prop(optional, into)]
    class: String,
    /// Called with the result once the command ran.
    #[prop(optional)]
    on_result: Option<Callback<Executed>>,
) -> impl IntoView {
    let store = Store::get();
    let pending: RwSignal<Option<(Command, AccessDiff)>> = RwSignal::new(None);
    let feedback = RwSignal::new(None::<Feedback>);
    let apply = move |command: Command| {
        let executed = store.run(&command);
        feedback.set(Some(Feedback::of(&executed, done.clone())));
        pending.set(None);
        if let Some(callback) = on_result {
            callback.run(executed);
        }
    };
    let apply_for_click = apply.clone();
    let click = move |_| {
        let Some(command) = command.get_untracked() else {
            return;
        };
        let who = store.who.get_untracked();
        match store.state.with_untracked(|s| s.preview(&who, &command)) {
            Ok(diff) if !diff.is_empty() => {
                feedback.set(None);
                pending.set(Some((command, diff)));
            }
            // No effect on access, or refused: run it, so a refusal is explained the usual way.
            _ => apply_for_click(command),
        }
    };
    let button_class = format!("button {class}");
    let preview_id = format!("{test_id}-preview");
    let apply_id = format!("{test_id}-apply");
    let cancel_id = format!("{test_id}-cancel");
    let feedback_id = format!("{test_id}-feedback");
    view! {
        <button
            type="button"
            class=button_class
            data-testid=test_id
            disabled=move || command.with(Option::is_none)
            on:click=click
        >
            {label}
        </button>
        {move || {
            pending
                .get()
                .map(|(command, diff)| {
                    let lines = words::diff_lines(&diff);
                    let tone = if diff.widens() && !diff.narrows() {
                        "preview preview--widens"
                    } else if diff.narrows() && !diff.widens() {
                        "preview preview--narrows"
                    } else {
                        "preview"
                    };
                    let apply = apply.clone();
                    view! {
                        <div class=tone role="dialog" aria-label="Effect of this change" data-testid=preview_id.clone()>
                            <p class="preview__title">"This change would:"</p>
                            <ul class="preview__list">
                                {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                            </ul>
                            <div class="preview__actions">
                                <button
                                    type="button"
                                    class="button button--primary"
                                    data-testid=apply_id.clone()
                                    on:click=move |_| apply(command.clone())
                                >
                                    "Apply"
                                </button>
                                <button
                                    type="button"
                                    class="button"
                                    data-testid=cancel_id.clone()
                                    on:click=move |_| pending.set(None)
                                >
                                    "Cancel"
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
        <FeedbackLine feedback=feedback test_id=feedback_id />
    }
}

/// Whether `command`, run by the acting identity, would change any access (a diff that is not
/// empty). A refused command changes nothing, so it is run at once and its refusal explained.
pub fn changes_access(store: Store, command: &Command) -> bool {
    let who = store.who.get_untracked();
    store
        .state
        .with_untracked(|s| s.preview(&who, command))
        .is_ok_and(|diff| !diff.is_empty())
}

/// The access diff of `command` as the acting identity would run it, as a list of lines, for a
/// confirmation to show; nothing when it changes no access or is refused.
#[component]
pub fn DiffList(
    /// The command whose effect is shown.
    #[prop(into)]
    command: Signal<Option<Command>>,
    /// The list's `data-testid`.
    #[prop(into)]
    test_id: String,
) -> impl IntoView {
    let store = Store::get();
    move || {
        let who = store.who.get();
        let diff = command.with(|command| {
            command
                .as_ref()
                .and_then(|command| store.state.with(|s| s.preview(&who, command)).ok())
        });
        let lines = diff.map(|d| words::diff_lines(&d)).unwrap_or_default();
        (!lines.is_empty()).then(|| {
            view! {
                <span class="preview preview--inline" role="group" aria-label="Effect of this change">
                    <span class="preview__title">"This change would:"</span>
                    <ul class="preview__list" data-testid=test_id.clone()>
                        {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                </span>
            }
        })
    }
}
