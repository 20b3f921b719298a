//! Management permission, as the System Administration page needs it: whether the acting
//! identity has it (asked of core's `open-system-administration` check), and what an identity
//! without it is told, in the seed's words, where workspaces and accounts are managed.

use leptos::prelude::*;
use studio_access_core::{Check, Outcome};

use crate::store::Store;
use crate::words;

/// Whether the acting identity may open System Administration (create, rename and delete
/// workspaces, authorize models, manage every workspace's members and keys).
pub fn manages(store: Store) -> Memo<bool> {
    Memo::new(move |_| {
        let who = store.who().get();
        store
            .state()
            .with(|s| s.decide(&Check::OpenSystemAdministration { who }) == Outcome::Allow)
    })
}

/// Said where the management controls would be, to an identity without management permission.
#[component]
pub fn ManagementNotice(
    /// Whether the acting identity has management permission.
    manages: Memo<bool>,
) -> impl IntoView {
    let store = Store::get();
    move || {
        (!manages.get()).then(|| {
            let who = store.who().get().to_string();
            view! {
                <div class="card notice" role="note" data-testid="management-notice">
                    <p class="notice__title">
                        {format!("{who} cannot manage workspaces here")}
                    </p>
                    <p>{words::management_needed()}</p>
                </div>
            }
        })
    }
}
