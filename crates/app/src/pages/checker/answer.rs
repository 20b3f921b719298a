//! The answer to the question in the address: the decision, every gate in order, a load's
//! counts, and for a denial the steps that would allow it, ready to apply, with what
//! applying it came to.

use leptos::prelude::*;
use studio_access_core::{Advice, Check, LoadReport, Outcome};
use studio_access_view::checker::{self, Verdict};
use studio_access_view::tables;

use super::remedy::Remedy;
use crate::components::{AppliedSteps, Feedback, GateTrace, Prose, TableHead};
use crate::store::Store;
use crate::words;

/// The answer to the question asked, following the state.
#[component]
pub fn Answer(
    /// The question in the address, or why it could not be read; `None` when none is asked.
    asked: Memo<Option<Result<Check, String>>>,
    /// The question asked, when it could be read.
    question: Memo<Option<Check>>,
    /// Whether the form still shows the question asked; when it does not, the answer is
    /// withheld until the form's question is asked.
    shown: Memo<bool>,
) -> impl IntoView {
    let store = Store::get();
    // The question in one line and the evaluator's response.
    let answered = Memo::new(move |_| {
        question.with(|q| {
            q.as_ref().map(|check| {
                let response = store.state().with(|s| s.check(check));
                (checker::describe(check), response)
            })
        })
    });
    // What would allow a denial (or an error naming what does not exist): steps, or why none.
    let advice = Memo::new(move |_| {
        let outcome = answered.with(|a| a.as_ref().map(|(_, r)| r.outcome))?;
        let advice = question.with(|q| {
            q.as_ref()
                .map(|check| store.state().with(|s| s.advise(check)))
        })?;
        match (outcome, &advice) {
            (Outcome::Deny(_), _) | (Outcome::Error(_), Advice::Unknown { .. }) => Some(advice),
            _ => None,
        }
    });
    // What applying the remedy said: kept when the remedy, having worked, is gone.
    let applied = RwSignal::new(Vec::<(String, Feedback)>::new());
    // A new question clears it.
    Effect::new(move |_| {
        question.track();
        applied.set(Vec::new());
    });

    move || {
        if let Some(Err(why)) = asked.get() {
            return view! {
                <div class="card checker__answer" data-testid="check-answer">
                    <p class="feedback feedback--refused" role="alert" data-testid="check-link-error">
                        <Prose sentence=checker::link_error(&why) />
                    </p>
                </div>
            }
            .into_any();
        }
        if !shown.get() {
            return view! {
                <div class="card card--empty" data-testid="check-answer-stale">
                    <p>{checker::stale_answer()}</p>
                </div>
            }
            .into_any();
        }
        let Some((asked_as, response)) = answered.get() else {
            return view! {
                <div class="card card--empty" data-testid="check-answer-empty">
                    <p>"Ask a question to see the decision and every gate it passed through."</p>
                </div>
            }
            .into_any();
        };
        view! {
            <div class="card checker__answer" data-testid="check-answer">
                <p class="checker__question" data-testid="check-question">
                    <Prose sentence=asked_as />
                </p>
                <Decision outcome=response.outcome why=checker::decision_why(&response) />
                <h2 class="checker__subtitle">"Gates, in order"</h2>
                <GateTrace steps=response.trace test_id="check-trace" />
                {response.load.map(|report| view! { <LoadTable report=report /> })}
                {move || {
                    let check = question.get()?;
                    advice.get().map(|advice| view! { <Remedy check=check advice=advice applied=applied /> })
                }}
                <AppliedSteps applied=applied test_id="check-remedy-results" />
            </div>
        }
        .into_any()
    }
}

/// The decision: the verdict, the outcome's code, and what it means.
#[component]
fn Decision(
    /// The evaluator's outcome.
    outcome: Outcome,
    /// What it means ([`checker::decision_why`]).
    why: String,
) -> impl IntoView {
    let verdict = Verdict::of(outcome);
    view! {
        <p class=format!("checker__decision checker__decision--{}", verdict.modifier()) data-testid="check-outcome">
            <strong class="checker__verdict">{verdict.word()}</strong>
            <code class="checker__code">{outcome.to_string()}</code>
            <span class="checker__why">
                <Prose sentence=why />
            </span>
        </p>
    }
}

/// A load's requests in the minute: per key, and in total.
#[component]
fn LoadTable(
    /// The load's counts.
    report: LoadReport,
) -> impl IntoView {
    let lines = report
        .lines
        .into_iter()
        .map(|line| {
            view! {
                <tr>
                    <th scope="row"><code>{line.key}</code></th>
                    <td title=words::outcome(line.gates)>{line.gates.to_string()}</td>
                    <td class="fw-num">{words::thousands(line.allowed)}</td>
                    <td class="fw-num">{words::thousands(line.throttled)}</td>
                    <td class="fw-num">{words::thousands(line.denied)}</td>
                    <td>
                        <details>
                            <summary>"gates"</summary>
                            <GateTrace steps=line.trace test_id="check-load-trace" />
                        </details>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 class="checker__subtitle">"Requests in the minute"</h2>
        // Framed: on a phone the table scrolls in its frame rather than widening the page.
        <div class="fw-table-wrap">
        <table class="checker__load" data-testid="check-load">
            <TableHead head=tables::LOAD />
            <tbody>{lines}</tbody>
            <tfoot>
                <tr data-testid="check-load-total">
                    <th scope="row">"Total"</th>
                    <td></td>
                    <td class="fw-num">{words::thousands(report.allowed)}</td>
                    <td class="fw-num">{words::thousands(report.throttled)}</td>
                    <td class="fw-num">{words::thousands(report.denied)}</td>
                    <td></td>
                </tr>
            </tfoot>
        </table>
        </div>
    }
}
