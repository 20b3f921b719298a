//! The answer to the question in the address: the decision, every gate in order, a load's
//! counts, and for a denial the smallest change that would allow it, ready to apply, with what
//! applying it came to.

use leptos::prelude::*;
use studio_access_core::{Check, Command, LoadReport, Outcome, Who};
use studio_access_view::checker::{self, Verdict};

use crate::components::{Feedback, GateTrace};
use crate::store::Store;
use crate::words;

/// The answer to the question asked, following the state.
#[component]
pub fn Answer(
    /// The question in the address, or why it could not be read; `None` when none is asked.
    asked: Memo<Option<Result<Check, String>>>,
    /// The question asked, when it could be read.
    question: Memo<Option<Check>>,
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
    let remedy = Memo::new(move |_| {
        let denied = answered.with(|a| {
            a.as_ref()
                .is_some_and(|(_, r)| matches!(r.outcome, Outcome::Deny(_)))
        });
        if !denied {
            return None;
        }
        question.with(|q| {
            q.as_ref()
                .map(|check| store.state().with(|s| s.remedy(check)))
        })
    });
    let applied = RwSignal::new(Vec::<(String, Feedback)>::new());
    // A new question clears what applying the previous remedy said.
    Effect::new(move |_| {
        question.track();
        applied.set(Vec::new());
    });
    let apply = Callback::new(move |()| {
        let Some(Some(steps)) = remedy.get_untracked() else {
            return;
        };
        let mut results = Vec::new();
        for step in &steps {
            let executed = store.run(step);
            let refused = !executed.outcome.is_success();
            results.push((words::command(step), Feedback::of(&executed, "done")));
            if refused {
                break;
            }
        }
        applied.set(results);
    });

    move || {
        if let Some(Err(why)) = asked.get() {
            return view! {
                <div class="card checker__answer" data-testid="check-answer">
                    <p class="feedback feedback--refused" role="alert" data-testid="check-link-error">
                        {checker::link_error(&why)}
                    </p>
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
                <p class="checker__question" data-testid="check-question">{asked_as}</p>
                <Decision outcome=response.outcome />
                <h2 class="checker__subtitle">"Gates, in order"</h2>
                <GateTrace steps=response.trace test_id="check-trace" />
                {response.load.map(|report| view! { <LoadTable report=report /> })}
                {move || remedy.get().map(|steps| view! { <Remedy steps=steps apply=apply /> })}
                {move || view! { <AppliedSteps applied=applied.get() /> }}
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
) -> impl IntoView {
    let verdict = Verdict::of(outcome);
    view! {
        <p class=format!("checker__decision checker__decision--{}", verdict.modifier()) data-testid="check-outcome">
            <strong class="checker__verdict">{verdict.word()}</strong>
            <code class="checker__code">{outcome.to_string()}</code>
            <span class="checker__why">{words::outcome(outcome)}</span>
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
                    <td class="mx-num">{line.allowed}</td>
                    <td class="mx-num">{line.throttled}</td>
                    <td class="mx-num">{line.denied}</td>
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
        <table class="checker__load" data-testid="check-load">
            <thead>
                <tr>
                    <th scope="col">"Key"</th>
                    <th scope="col">"Gates"</th>
                    <th scope="col" class="mx-num">"Allowed"</th>
                    <th scope="col" class="mx-num">"Throttled"</th>
                    <th scope="col" class="mx-num">"Denied"</th>
                    <th scope="col">"Why"</th>
                </tr>
            </thead>
            <tbody>{lines}</tbody>
            <tfoot>
                <tr data-testid="check-load-total">
                    <th scope="row">"Total"</th>
                    <td></td>
                    <td class="mx-num">{report.allowed}</td>
                    <td class="mx-num">{report.throttled}</td>
                    <td class="mx-num">{report.denied}</td>
                    <td></td>
                </tr>
            </tfoot>
        </table>
    }
}

/// What would allow a denial: the steps, what they would change, and the button that applies
/// them as the acting identity; or that no change of up to four steps would.
#[component]
fn Remedy(
    /// The smallest change that allows it, or `None` when none does.
    steps: Option<Vec<Command>>,
    /// Applies the steps.
    apply: Callback<()>,
) -> impl IntoView {
    let Some(steps) = steps else {
        return view! {
            <section class="checker__remedy" data-testid="check-remedy">
                <h2 class="checker__subtitle">"What would allow it"</h2>
                <p data-testid="check-remedy-none">
                    "No change of up to four steps lifts this denial: it cannot be fixed by permissions (a deleted key or owner, a model that cannot be fine-tuned or deployed…)."
                </p>
            </section>
        }
        .into_any();
    };
    let store = Store::get();
    let who = store.who().get_untracked();
    let as_root = who == Who::root();
    // What the steps would change, as they would run for the acting identity.
    let effect = store
        .state()
        .with_untracked(|s| words::diff_lines(&s.preview_all(&who, &steps).diff));
    let items = steps
        .iter()
        .map(|step| view! { <li>{words::command(step)}</li> })
        .collect_view();
    view! {
        <section class="checker__remedy" data-testid="check-remedy">
            <h2 class="checker__subtitle">"The smallest change that would allow it"</h2>
            <ol class="checker__steps" data-testid="check-remedy-steps">{items}</ol>
            {(!effect.is_empty())
                .then(|| {
                    view! {
                        <div class="preview preview--inline" role="group" aria-label="Effect of these steps">
                            <span class="preview__title">"These steps would:"</span>
                            <ul class="preview__list" data-testid="check-remedy-diff">
                                {effect.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                            </ul>
                        </div>
                    }
                })}
            <button type="button" class="mx-button" on:click=move |_| apply.run(()) data-testid="check-remedy-apply">
                {checker::apply_button(&who)}
            </button>
            {(!as_root)
                .then(|| {
                    view! {
                        <p class="checker__hint">
                            "These steps are verified as root; acting as someone else, some may be refused (and then nothing of that step changes)."
                        </p>
                    }
                })}
        </section>
    }
    .into_any()
}

/// What applying the steps came to, step by step (nothing before they are applied).
#[component]
fn AppliedSteps(
    /// Each step applied, in words, and what it came to.
    applied: Vec<(String, Feedback)>,
) -> impl IntoView {
    (!applied.is_empty()).then(|| {
        let items = applied
            .into_iter()
            .map(|(step, feedback)| {
                let (class, text) = match feedback {
                    Feedback::Done(text) => ("feedback feedback--done", text),
                    Feedback::Refused(text) => ("feedback feedback--refused", text),
                };
                view! {
                    <li class=class>
                        <strong>{step}</strong>
                        ": "
                        {text}
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="checker__applied" role="status" data-testid="check-remedy-results">
                {items}
            </ul>
        }
    })
}
