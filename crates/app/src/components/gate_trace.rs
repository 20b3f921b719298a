//! A gate-by-gate trace as a list: each gate met, passed (✓) or failed (✗), with the fact that
//! decided it. Shared by the access checker and the permissions matrix.

use leptos::prelude::*;
use studio_access_core::TraceStep;

use crate::components::Prose;
use crate::words;

/// The trace of one evaluation, in the order the gates were met.
#[component]
pub fn GateTrace(
    /// The gates met, in order.
    steps: Vec<TraceStep>,
    /// The `data-testid` of the list.
    #[prop(optional, into)]
    test_id: Option<String>,
) -> impl IntoView {
    let items = steps
        .iter()
        .map(|step| {
            let class = if step.passed {
                "gate-trace__step gate-trace__step--passed"
            } else {
                "gate-trace__step gate-trace__step--failed"
            };
            view! {
                <li class=class>
                    <span class="gate-trace__mark">{if step.passed { "✓" } else { "✗" }}</span>
                    " "
                    <span class="gate-trace__gate">{words::gate(step.gate)}</span>
                    ": "
                    <span class="gate-trace__fact">
                        <Prose sentence=words::fact(&step.fact) />
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="gate-trace" data-testid=test_id.unwrap_or_else(|| "gate-trace".to_owned())>
            {items}
        </ol>
    }
}
