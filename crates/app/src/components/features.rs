//! The account's features: each one's status and an Activate control, as the acting identity,
//! with the seed's rule said beside it (model calling: management permission; the others: the
//! Alibaba Cloud account).

use leptos::prelude::*;
use studio_access_core::{Command, Feature};
use studio_access_view::tables;

use crate::components::{Feedback, FeedbackLine, TableHead};
use crate::store::Store;
use crate::words;

/// One line per feature: its name, whether it is active, who may activate it, and the button.
///
/// Test ids: `feature-{feature}` for a line, `feature-status-{feature}`,
/// `feature-activate-{feature}`, and `features-feedback`.
#[component]
pub fn FeaturesCard() -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let active = Memo::new(move |_| store.state().with(|s| s.data().features));
    let activate = move |feature: Feature| {
        let command = Command::Activate { feature };
        let executed = store.run(&command);
        let done = format!("{} is activated.", words::feature(feature));
        feedback.set(Some(Feedback::of_step(store, &command, &executed, done)));
    };
    let rows = Feature::ALL
        .iter()
        .map(|feature| {
            let feature = *feature;
            let on = move || active.with(|set| set.contains(feature));
            // Why the acting identity may not activate it, as core's planning of the step says.
            let refused = Memo::new(move |_| {
                store.who().with(|who| {
                    store
                        .state()
                        .with(|s| s.plan(who, &Command::Activate { feature }).err())
                })
            });
            let rule_id = format!("feature-rule-{feature}");
            view! {
                <tr data-testid=format!("feature-{feature}")>
                    <th scope="row">
                        {words::feature(feature)}
                        " "
                        <span class="fw-muted mono">{feature.as_str()}</span>
                    </th>
                    <td data-testid=format!("feature-status-{feature}")>
                        {move || if on() { "activated" } else { "not activated" }}
                    </td>
                    <td class="fw-muted" id=rule_id.clone()>{words::feature_rule(feature)}</td>
                    <td>
                        <button
                            type="button"
                            class="fw-button fw-button--small"
                            data-testid=format!("feature-activate-{feature}")
                            disabled=move || on() || refused.with(Option::is_some)
                            aria-describedby=rule_id
                            aria-label=move || {
                                store.who().with(|who| format!("Activate as {who}: {}", words::feature(feature)))
                            }
                            title=move || {
                                refused
                                    .with(|r| {
                                        r.as_ref()
                                            .map(|r| {
                                                store
                                                    .state()
                                                    .with(|s| words::step_refusal(s, &Command::Activate { feature }, r))
                                            })
                                    })
                            }
                            on:click=move |_| activate(feature)
                        >
                            {move || {
                                let who = store.who().get();
                                format!("Activate as {who}")
                            }}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card fw-section" aria-labelledby="features-title" data-testid="features">
            <h2 class="fw-h2" id="features-title">"Features"</h2>
            <p class="fw-muted fw-small">
                "Features are activated once for the whole account. Calling a feature that is not activated is denied (not-activated)."
            </p>
            <table class="fw-table">
                <TableHead head=tables::FEATURES />
                <tbody>{rows}</tbody>
            </table>
            <FeedbackLine feedback=feedback test_id="features-feedback" />
        </section>
    }
}
