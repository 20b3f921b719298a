//! Said once at start when the saved data was written by an earlier version: it was brought up
//! to date, nothing was lost, and what stayed history and what was folded into the checkpoint.

use leptos::prelude::*;

use crate::components::CloseButton;
use crate::store::Store;
use crate::words;

/// The migration of the saved data, until dismissed.
///
/// Test ids: `migration-notice`, `migration-dismiss`.
#[component]
pub fn MigrationNotice() -> impl IntoView {
    let store = Store::get();
    move || {
        store.migrated().get().map(|migration| {
            view! {
                <div class="fw-banner fw-banner--info" role="status" data-testid="migration-notice">
                    <p class="fw-banner__text">
                        {format!("Your saved data was {}", words::migration(&migration))}
                    </p>
                    <div class="fw-banner__actions">
                        <CloseButton
                            label=words::DISMISS
                            class="fw-button"
                            test_id="migration-dismiss"
                            on_close=move |()| store.dismiss_migration()
                        />
                    </div>
                </div>
            }
        })
    }
}
