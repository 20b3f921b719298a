//! The answer of a run: where a malformed file went wrong, or every entry passed or failed and
//! the button that keeps the resulting state.

use leptos::prelude::*;
use studio_access_core::State;
use studio_access_core::scenario::Malformed;
use studio_access_view::report::EntryRun;
use studio_access_view::scenarios::{self as view, Ran, Start};
use studio_access_view::tables;

use super::REPORT_ID;
use crate::components::{ActionButton, Feedback, FeedbackLine, Prose, TableHead};
use crate::store::Store;

/// What the latest run came to; `stale` while it no longer answers what is shown (its result
/// cannot be kept then).
#[component]
pub fn RunReport(ran: Ran, stale: Signal<bool>) -> impl IntoView {
    match ran {
        Ran::Malformed(malformed) => view! { <MalformedFile malformed=malformed /> }.into_any(),
        Ran::Report {
            file,
            entries,
            start,
            state,
        } => view! { <Entries file=file entries=entries start=start state=*state stale=stale /> }
            .into_any(),
    }
}

/// Where the file is malformed; nothing of it ran.
#[component]
fn MalformedFile(malformed: Malformed) -> impl IntoView {
    view! {
        <div class="card scenarios__malformed" id=REPORT_ID role="alert" data-testid="scenario-malformed">
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
            <p data-testid="scenario-malformed-message"><Prose sentence=malformed.to_string() /></p>
        </div>
    }
}

/// Every entry with its verdict, and keeping the resulting state.
#[component]
fn Entries(
    file: String,
    entries: Vec<EntryRun>,
    start: Start,
    state: State,
    stale: Signal<bool>,
) -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let keep = move |()| {
        let said = view::kept(&state);
        store.replace(state.clone());
        feedback.set(Some(Feedback::Done(said)));
    };
    let failed = view::failed(&entries) > 0;
    let summary = view::summary(&entries);
    let rows = entries
        .into_iter()
        .map(|entry| view! { <EntryRow entry=entry /> })
        .collect_view();
    view! {
        <div class="card scenarios__report" id=REPORT_ID data-testid="scenario-report">
            <p
                class="scenarios__summary"
                class:scenarios__summary--failed=failed
                role="status"
                data-testid="scenario-summary"
            >
                <Prose sentence=summary />
            </p>
            <p class="scenarios__ran-on">
                <Prose sentence=view::ran_on(&file, start) />
            </p>
            <div class="scenarios__scroll">
                <table class="scenarios__table" data-testid="scenario-results">
                    <TableHead head=tables::SCENARIO_RESULTS />
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="scenarios__keep">
                <ActionButton
                    label="Keep the resulting state…"
                    question="Replace the console's current state with this result? The current state is lost unless exported."
                    confirm_label="Replace the state"
                    on_confirm=keep
                    disabled=stale
                    test_id="scenario-keep"
                />
                <FeedbackLine feedback=feedback test_id="scenario-keep-feedback" />
            </div>
        </div>
    }
}

/// One entry of the report; a failed one is followed by why, as the command line says it.
///
/// Test ids: `scenario-entry-{n}`, and `scenario-entry-{n}-why` for a failed one's explanation.
#[component]
fn EntryRow(entry: EntryRun) -> impl IntoView {
    let EntryRun {
        result: entry,
        explanation,
    } = entry;
    let (result, text) = view::verdict(&entry);
    let why = explanation.map(|explanation| {
        let lines = explanation
            .lines()
            .into_iter()
            .map(|line| view! { <li><Prose sentence=line /></li> })
            .collect_view();
        view! {
            <tr class="scenarios__why-row">
                <td colspan="6">
                    <ul class="scenarios__why" data-testid=format!("scenario-entry-{}-why", entry.number)>
                        {lines}
                    </ul>
                </td>
            </tr>
        }
    });
    view! {
        <tr
            class=format!("scenarios__entry scenarios__entry--{result}")
            data-testid=format!("scenario-entry-{}", entry.number)
            data-result=result
        >
            <td>{entry.number}</td>
            <td>{entry.line}</td>
            <td><code>{entry.op}</code></td>
            <td><code>{entry.expected}</code></td>
            <td><code>{entry.actual}</code></td>
            <td class="scenarios__verdict">{text}</td>
        </tr>
        {why}
    }
}
