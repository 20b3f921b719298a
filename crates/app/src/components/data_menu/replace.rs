//! The Data menu's two buttons that replace everything: the sample organisation, a new account.
//! Each asks first (the reset always, the sample when work is recorded), listing the access diff
//! computed when the question opens (not on every change of a large state).

use leptos::prelude::*;
use studio_access_core::{State, sample};

use crate::components::{ActionButton, Feedback, StatesEffect};
use crate::data;
use crate::store::{self, Store};
use crate::words;

/// The access diff from the current state to `next`, which would replace it.
fn replacing(
    store: Store,
    next: State,
    named: &'static str,
    test_id: &'static str,
) -> impl IntoView {
    let diff = store
        .state()
        .with_untracked(|now| studio_access_core::diff::diff(now, &next));
    view! { <StatesEffect diff=diff before="your current data" after=named test_id=test_id /> }
}

/// Load the sample organisation.
#[component]
pub fn LoadSample(changes: Memo<u64>, feedback: RwSignal<Option<Feedback>>) -> impl IntoView {
    let store = Store::get();
    let question = Signal::derive(move || {
        let lost = words::lost_unless_exported(changes.get());
        format!("Replace the current data with the sample organisation?{lost}")
    });
    let details = move || {
        let next = sample::sample_organisation(store::browser_today());
        replacing(store, next, "the sample organisation", "data-sample-effect")
    };
    view! {
        <ActionButton
            label="Load the sample organisation"
            question=question
            confirm_label="Load the sample"
            ask=Signal::derive(move || changes.get() > 0)
            on_confirm=move |()| feedback.set(Some(data::load_sample(store)))
            test_id="data-sample"
            details=details
        />
    }
}

/// Reset to a new, empty account.
#[component]
pub fn Reset(changes: Memo<u64>, feedback: RwSignal<Option<Feedback>>) -> impl IntoView {
    let store = Store::get();
    let question = Signal::derive(move || {
        let lost = words::lost_unless_exported(changes.get());
        format!("Replace everything with a new, empty account?{lost}")
    });
    let details = move || {
        let next = State::new_account(store::browser_today());
        replacing(store, next, "a new account", "data-reset-effect")
    };
    view! {
        <ActionButton
            label="Reset to a new account"
            question=question
            confirm_label="Reset"
            on_confirm=move |()| feedback.set(Some(data::reset(store)))
            test_id="data-reset"
            details=details
            danger=true
        />
    }
}
