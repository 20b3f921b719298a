//! The IP whitelist editor of one key: a draft, one address or CIDR block a line, checked line
//! by line before it is saved; what saving would change is shown while the draft is valid.

use leptos::prelude::*;
use studio_access_core::Command;
use studio_access_view::keys;

use crate::components::{
    ChangeFooter, CloseButton, Feedback, Proposals, Prose, focus_test_id_or_page,
};
use crate::store::Store;
use crate::words;

/// "Not saved: correct the lines…" goes once the lines are correct (it stayed beside the question
/// that saving then asked).
fn forget_not_saved(
    parsed: Memo<Result<Vec<String>, Vec<keys::BadLine>>>,
    feedback: RwSignal<Option<Feedback>>,
) {
    Effect::new(move |_| {
        let not_saved = |f: &Option<Feedback>| matches!(f, Some(Feedback::Refused(said)) if said == keys::NOT_SAVED);
        if parsed.with(Result::is_ok) && feedback.with_untracked(not_saved) {
            feedback.set(None);
        }
    });
}

/// The IP whitelist editor of one key, open while `editing` names it. It takes the focus when
/// it opens; Escape or Close closes it.
#[component]
pub fn WhitelistEditor(
    /// The label of the key being edited, if any.
    editing: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = Store::get();
    let draft = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let feedback = RwSignal::new(None::<Feedback>);
    let input_ref = NodeRef::<leptos::html::Textarea>::new();
    let proposals = Proposals::new();
    // Closed, the editor gives the focus back to the key's button that opened it.
    let close = move || {
        if let Some(label) = editing.get_untracked() {
            editing.set(None);
            focus_test_id_or_page(&format!("key-whitelist-{label}"));
        }
    };

    // The editor opens below the list: take the focus there, which also scrolls it into view.
    Effect::new(move |_| {
        if let Some(input) = input_ref.get() {
            let _ = input.focus();
        }
    });

    // Opening the editor starts from the key's current whitelist.
    Effect::new(move |_| {
        let Some(label) = editing.get() else {
            return;
        };
        draft.set(
            store
                .state()
                .with_untracked(|s| keys::whitelist_draft(s, &label)),
        );
        tried.set(false);
        feedback.set(None);
    });

    let region_note = Memo::new(move |_| {
        let label = editing.get()?;
        store
            .state()
            .with(|s| keys::whitelist_region_note(s, &label))
    });
    let parsed = Memo::new(move |_| draft.with(|d| keys::parse_whitelist(d)));
    // The lines that are not valid: the finished ones as the person types, all of them once the
    // person has left the field or tried to save.
    let errors = Signal::derive(move || {
        let settled = tried.get();
        parsed.with(|p| {
            let bad = p.as_ref().err()?;
            draft.with(|d| keys::line_errors(d, bad, settled))
        })
    });

    forget_not_saved(parsed, feedback);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let Some(label) = editing.get_untracked() else {
            return;
        };
        let Ok(cidrs) = parsed.get_untracked() else {
            feedback.set(Some(Feedback::Refused(keys::NOT_SAVED.to_owned())));
            return;
        };
        let done = keys::whitelist_saved(&label, cidrs.len());
        let command = Command::SetIpWhitelist { key: label, cidrs };
        proposals.propose(command, "whitelist-save", move |executed| {
            feedback.set(Some(Feedback::of(&executed, done.clone())));
        });
    };
    // What saving the draft would change, while the draft is valid.
    let save_command = Signal::derive(move || {
        let key = editing.get()?;
        let cidrs = parsed.get().ok()?;
        Some(Command::SetIpWhitelist { key, cidrs })
    });

    move || {
        editing.get().map(|label| {
            view! {
                <form
                    class="card whitelist-editor"
                    id="key-whitelist-editor"
                    aria-label=format!("IP whitelist of key {label}")
                    data-testid="whitelist-editor"
                    on:submit=save
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            close();
                        }
                    }
                >
                    <h2 class="keys__heading">
                        "IP whitelist of " <code>{label.clone()}</code>
                    </h2>
                    {move || {
                        region_note
                            .get()
                            .map(|note| {
                                view! {
                                    <p class="whitelist-editor__note" data-testid="whitelist-region-note">
                                        {note}
                                    </p>
                                }
                            })
                    }}
                    <label for="whitelist-input">
                        "Addresses or CIDR blocks, one per line; spaces around an entry are dropped (empty clears the whitelist)"
                    </label>
                    <textarea
                        id="whitelist-input"
                        node_ref=input_ref
                        class="whitelist-editor__input"
                        rows="5"
                        spellcheck="false"
                        data-testid="whitelist-input"
                        aria-invalid=move || errors.with(Option::is_some).to_string()
                        aria-describedby="whitelist-errors"
                        bind:value=draft
                        on:blur=move |_| tried.set(true)
                    ></textarea>
                    <LineErrors errors=errors />
                    <div class="whitelist-editor__buttons">
                        <button
                            type="submit"
                            class="action-button action-button--primary"
                            data-testid="whitelist-save"
                        >
                            "Save whitelist"
                        </button>
                        <CloseButton
                            label=words::CLOSE
                            class="action-button"
                            test_id="whitelist-close"
                            on_close=move |()| close()
                        />
                    </div>
                    <ChangeFooter command=save_command proposals=proposals feedback=feedback test_id="whitelist" />
                </form>
            }
        })
    }
}

/// The draft's lines that are not valid, one message each, announced as they appear.
#[component]
fn LineErrors(
    /// The messages, when there are lines to correct.
    errors: Signal<Option<Vec<String>>>,
) -> impl IntoView {
    view! {
        <div id="whitelist-errors" role="alert">
            {move || {
                errors
                    .get()
                    .map(|lines| {
                        view! {
                            <ul class="whitelist-editor__errors" data-testid="whitelist-error">
                                {lines.into_iter().map(|line| view! { <li><Prose sentence=line /></li> }).collect_view()}
                            </ul>
                        }
                    })
            }}
        </div>
    }
}
