//! The secret of a key just created, shown once. It lives only in the page's memory (the
//! [`Issued`] signal the page owns): never in storage, never in the view model.

use leptos::prelude::*;
use studio_access_view::keys;

use crate::components::{CloseButton, copy_text, focus_test_id_or_page};

/// A secret just issued, until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issued {
    /// The new key's label.
    pub label: String,
    /// Its secret, which cannot be shown again.
    pub secret: String,
}

/// The secret of a key just created, with a copy button, until dismissed.
#[component]
pub fn SecretOnce(
    /// The secret to show; cleared on dismiss.
    issued: RwSignal<Option<Issued>>,
) -> impl IntoView {
    let copy_status = RwSignal::new(None::<Result<(), String>>);
    // A new secret starts with no copy attempt.
    Effect::new(move |_| {
        issued.track();
        copy_status.set(None);
    });
    let copy = move |_| {
        let Some(secret) = issued.with_untracked(|i| i.as_ref().map(|i| i.secret.clone())) else {
            return;
        };
        copy_status.set(None);
        copy_text(&secret, move |result| copy_status.set(Some(result)));
    };
    move || {
        issued.get().map(|Issued { label, secret }| {
            view! {
                <div
                    class="card secret-once"
                    role="region"
                    aria-label=format!("Secret of the new key {label}")
                    data-testid="key-secret-panel"
                >
                    <p class="secret-once__title">
                        "The secret of " <strong>{label.clone()}</strong>
                        " is shown this once. Copy it now: it cannot be shown again."
                    </p>
                    <div class="secret-once__row">
                        <code
                            class="secret-once__value"
                            tabindex="0"
                            aria-label="Secret"
                            data-testid="key-secret"
                        >
                            {secret}
                        </code>
                        <button
                            type="button"
                            class="action-button action-button--primary"
                            data-testid="key-secret-copy"
                            on:click=copy
                        >
                            "Copy"
                        </button>
                        <CloseButton
                            label=keys::HIDE_SECRET
                            class="action-button"
                            test_id="key-secret-dismiss"
                            on_close=move |()| {
                                issued.set(None);
                                // The label field, where the next key is named.
                                focus_test_id_or_page("key-create-label");
                            }
                        />
                    </div>
                    <p class="secret-once__status" role="status" data-testid="key-secret-copy-status">
                        {move || {
                            copy_status.with(|s| s.as_ref().map(keys::copy_note).unwrap_or_default())
                        }}
                    </p>
                </div>
            }
        })
    }
}
