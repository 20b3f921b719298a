//! The scenarios screen: a scenario file (picked or pasted) run on a copy of the current state or
//! on a new account, every entry shown as passed or failed, and the resulting state kept on
//! request.

use leptos::prelude::*;
use studio_access_core::State;
use studio_access_core::scenario::{self, Malformed, Report};

use crate::Screen;
use crate::components::{ActionButton, Feedback, FeedbackLine, PageHeader, read_file_text};
use crate::store::{self, Store};
use crate::words;

/// The samples offered: the example of SPEC section 8 and the files of `examples/`.
static SAMPLES: [(&str, &str, &str); 4] = [
    (
        "spec-example",
        "SPEC example",
        include_str!("../../../core/tests/scenarios/spec-example.toml"),
    ),
    (
        "project-member",
        "Project member",
        include_str!("../../../../examples/project-member.toml"),
    ),
    (
        "administrator",
        "Administrator",
        include_str!("../../../../examples/administrator.toml"),
    ),
    (
        "api-key-lifecycle",
        "API key lifecycle",
        include_str!("../../../../examples/api-key-lifecycle.toml"),
    ),
];

/// The element holding the latest run's answer.
const REPORT_ID: &str = "scenario-report";

/// Where a scenario runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Start {
    /// A copy of the console's current state.
    Current,
    /// A new account, dated by the file's `today` (else today).
    NewAccount,
}

impl Start {
    fn value(self) -> &'static str {
        match self {
            Start::Current => "current",
            Start::NewAccount => "new",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Start::Current => "a copy of the current state",
            Start::NewAccount => "a new account",
        }
    }
}

/// What the latest run came to.
#[derive(Clone, Debug)]
enum Ran {
    /// The file could not run.
    Malformed(Malformed),
    /// It ran: the report, where it started, and the state it left.
    Report {
        report: Report,
        start: Start,
        state: Box<State>,
    },
}

/// Parses and runs a scenario; the console's state is not touched.
fn run(file: &str, text: &str, start: Start, current: &State) -> Ran {
    let parsed = match scenario::parse(file, text) {
        Ok(parsed) => parsed,
        Err(malformed) => return Ran::Malformed(malformed),
    };
    let (report, state) = match start {
        Start::Current => {
            let mut state = current.clone();
            let report = scenario::run_on(&mut state, &parsed);
            (report, state)
        }
        Start::NewAccount => {
            let mut state = State::new_account(parsed.today.unwrap_or_else(store::browser_today));
            let report = scenario::run_on(&mut state, &parsed);
            (report, state)
        }
    };
    Ran::Report {
        report,
        start,
        state: Box::new(state),
    }
}

/// The scenarios screen.
#[component]
pub fn ScenariosPage() -> impl IntoView {
    let store = Store::get();
    let text = RwSignal::new(String::new());
    let file = RwSignal::new("pasted.toml".to_owned());
    let start = RwSignal::new(Start::Current);
    let ran = RwSignal::new(None::<Ran>);
    let load_feedback = RwSignal::new(None::<Feedback>);
    let keep_feedback = RwSignal::new(None::<Feedback>);

    let pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(picked) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = picked.name();
        load_feedback.set(None);
        read_file_text(&picked, move |result| match result {
            Ok(content) => {
                text.set(content);
                file.set(name.clone());
                ran.set(None);
                load_feedback.set(Some(Feedback::Done(format!("Opened `{name}`."))));
            }
            Err(why) => load_feedback.set(Some(Feedback::Refused(format!(
                "Could not read `{name}`: {why}."
            )))),
        });
        // Picking the same file again should read it again.
        input.set_value("");
    };

    let run_now = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        keep_feedback.set(None);
        let outcome = store.state().with_untracked(|current| {
            text.with_untracked(|t| {
                file.with_untracked(|f| run(f, t, start.get_untracked(), current))
            })
        });
        ran.set(Some(outcome));
        // The answer is below the form: bring it into view once it is drawn.
        request_animation_frame(|| {
            if let Some(report) = document().get_element_by_id(REPORT_ID) {
                report.scroll_into_view();
            }
        });
    };

    let keep = move |()| {
        let kept = ran.with_untracked(|r| match r {
            Some(Ran::Report { state, .. }) => Some((**state).clone()),
            _ => None,
        });
        if let Some(state) = kept {
            // The whole history: the changes folded into the checkpoint count too.
            let events = words::history_len(&state);
            store.replace(state);
            keep_feedback.set(Some(Feedback::Done(format!(
                "The console now holds the scenario's resulting state ({events} changes in its activity)."
            ))));
        }
    };

    let samples = SAMPLES
        .iter()
        .map(|(id, title, content)| {
            view! {
                <button
                    type="button"
                    class="action-button"
                    data-testid=format!("scenario-sample-{id}")
                    on:click=move |_| {
                        text.set((*content).to_owned());
                        file.set(format!("{id}.toml"));
                        ran.set(None);
                        load_feedback.set(Some(Feedback::Done(format!("Loaded the {title} sample."))));
                    }
                >
                    {*title}
                </button>
            }
        })
        .collect_view();

    let start_choice = move |choice: Start| {
        view! {
            <label class="scenarios__choice">
                <input
                    type="radio"
                    name="scenario-start"
                    value=choice.value()
                    data-testid=format!("scenario-start-{}", choice.value())
                    prop:checked=move || start.get() == choice
                    on:change=move |_| start.set(choice)
                />
                {choice.words()}
            </label>
        }
    };

    let results = move || {
        ran.get().map(|ran| match ran {
            Ran::Malformed(malformed) => view! {
                <div
                    class="card scenarios__malformed"
                    id=REPORT_ID
                    role="alert"
                    data-testid="scenario-malformed"
                >
                    <p class="scenarios__malformed-title">"The file is malformed; nothing of it ran."</p>
                    <dl class="scenarios__where">
                        <dt>"File"</dt>
                        <dd data-testid="scenario-malformed-file">{malformed.file.clone()}</dd>
                        <dt>"Line"</dt>
                        <dd data-testid="scenario-malformed-line">{malformed.line}</dd>
                        <dt>"Field"</dt>
                        <dd data-testid="scenario-malformed-field">
                            {malformed.field.clone().unwrap_or_else(|| "—".to_owned())}
                        </dd>
                    </dl>
                    <p data-testid="scenario-malformed-message">{malformed.to_string()}</p>
                </div>
            }
            .into_any(),
            Ran::Report { report, start, .. } => {
                let passed = report.passed();
                let failed = report.failed();
                let rows = report
                    .results
                    .iter()
                    .map(|entry| {
                        let verdict = if entry.passed { "passed" } else { "failed" };
                        view! {
                            <tr
                                class=format!("scenarios__entry scenarios__entry--{verdict}")
                                data-testid=format!("scenario-entry-{}", entry.number)
                                data-result=verdict
                            >
                                <td>{entry.number}</td>
                                <td>{entry.line}</td>
                                <td><code>{entry.op.clone()}</code></td>
                                <td><code>{entry.expected.clone()}</code></td>
                                <td><code>{entry.actual.clone()}</code></td>
                                <td class="scenarios__verdict">
                                    {if entry.passed { "✓ passed" } else { "✗ failed" }}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="card scenarios__report" id=REPORT_ID data-testid="scenario-report">
                        <p
                            class="scenarios__summary"
                            class:scenarios__summary--failed=(failed > 0)
                            role="status"
                            data-testid="scenario-summary"
                        >
                            {format!("{passed} passed, {failed} failed")}
                        </p>
                        <p class="scenarios__ran-on">
                            {format!("`{}` ran on {}.", report.file, start.words())}
                        </p>
                        <div class="scenarios__scroll">
                            <table class="scenarios__table" data-testid="scenario-results">
                                <caption class="visually-hidden">"Entries"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Entry"</th>
                                        <th scope="col">"Line"</th>
                                        <th scope="col">"Op"</th>
                                        <th scope="col">"Expected"</th>
                                        <th scope="col">"Actual"</th>
                                        <th scope="col">"Result"</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                        <div class="scenarios__keep">
                            <ActionButton
                                label="Keep the resulting state…"
                                question="Replace the console's current state with this result? The current state is lost unless exported."
                                confirm_label="Replace the state"
                                on_confirm=keep
                                test_id="scenario-keep"
                            />
                            <FeedbackLine feedback=keep_feedback test_id="scenario-keep-feedback" />
                        </div>
                    </div>
                }
                .into_any()
            }
        })
    };

    view! {
        <section class="page scenarios" data-testid=format!("page-{}", Screen::Scenarios.slug())>
            <PageHeader screen=Screen::Scenarios />
            <form class="card scenarios__form" data-testid="scenario-form" on:submit=run_now>
                <div class="scenarios__sources">
                    <label class="scenarios__file">
                        "Open a scenario file "
                        <input
                            type="file"
                            accept=".toml,text/plain,application/toml"
                            data-testid="scenario-file"
                            on:change=pick
                        />
                    </label>
                    <span class="scenarios__samples" role="group" aria-label="Samples">
                        "or load a sample: " {samples}
                    </span>
                </div>
                <FeedbackLine feedback=load_feedback test_id="scenario-load-feedback" />
                <label for="scenario-text" class="scenarios__label">
                    {move || format!("Scenario TOML ({})", file.get())}
                </label>
                <textarea
                    id="scenario-text"
                    class="scenarios__text"
                    rows="16"
                    spellcheck="false"
                    placeholder="today = \"2026-11-22\"\n\n[[step]]\nop = \"create-user\"\nname = \"user-01\""
                    data-testid="scenario-text"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <fieldset class="scenarios__start">
                    <legend>"Run on"</legend>
                    {start_choice(Start::Current)}
                    {start_choice(Start::NewAccount)}
                </fieldset>
                <p class="scenarios__hint">
                    "Running changes nothing in the console: it works on a copy. Keep the result afterwards if you want it."
                </p>
                <button
                    type="submit"
                    class="action-button action-button--primary"
                    data-testid="scenario-run"
                >
                    "Run scenario"
                </button>
            </form>
            {results}
        </section>
    }
}
