//! What a form that proposes a change shows below its fields.

use leptos::prelude::*;
use studio_access_core::Command;

use crate::components::{ChangeDialog, Feedback, FeedbackLine, LiveEffect, Proposals, one_step};

/// The effect of the form's command as it is filled in ([`LiveEffect`]), the question asked before
/// it is applied ([`ChangeDialog`]), and what it came to ([`FeedbackLine`]).
///
/// Test ids: `{test_id}-effect`, `{test_id}-change` (and its answers), `{test_id}-feedback`.
#[component]
pub fn ChangeFooter(
    /// The command the form would run, once its fields are complete.
    #[prop(into)]
    command: Signal<Option<Command>>,
    /// The form's proposals.
    proposals: Proposals,
    /// What the change came to.
    feedback: RwSignal<Option<Feedback>>,
    /// The start of the test ids.
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <LiveEffect steps=one_step(command) test_id=format!("{test_id}-effect") proposals=proposals />
        <ChangeDialog proposals=proposals test_id=format!("{test_id}-change") />
        <FeedbackLine feedback=feedback test_id=format!("{test_id}-feedback") />
    }
}
