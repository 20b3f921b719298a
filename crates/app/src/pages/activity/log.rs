//! The kept event log, newest first, the first hundred until all are asked for.

use leptos::prelude::*;
use studio_access_view::activity::{self as view, EventRow, FIRST_ROWS};
use studio_access_view::tables;

use crate::components::{Prose, TableHead};
use crate::store::Store;

/// The table of changes, or a note while there are none.
#[component]
pub fn EventLog() -> impl IntoView {
    let store = Store::get();
    let show_all = RwSignal::new(false);
    let rows = Memo::new(move |_| store.state().with(view::rows));
    let listed = Memo::new(move |_| {
        let limit = if show_all.get() {
            usize::MAX
        } else {
            FIRST_ROWS
        };
        rows.with(|rows| rows.iter().take(limit).cloned().collect::<Vec<_>>())
    });
    let empty = || {
        view! {
            <p class="activity__empty" data-testid="activity-empty">
                "No changes yet. Everything done in the console, as whoever acts, is listed here."
            </p>
        }
    };
    view! {
        <Show when=move || !rows.with(Vec::is_empty) fallback=empty>
            <table class="activity__table" data-testid="activity-table">
                <TableHead head=tables::ACTIVITY />
                <tbody>
                    <For each=move || listed.get() key=|row| row.clone() let(row)>
                        <EventRowView row=row />
                    </For>
                </tbody>
            </table>
            <Show when=move || !show_all.get() && (rows.with(Vec::len) > FIRST_ROWS)>
                <button type="button" class="action-button" data-testid="activity-show-all" on:click=move |_| show_all.set(true)>
                    {move || format!("Show all {} changes", rows.with(Vec::len))}
                </button>
            </Show>
        </Show>
    }
}

/// One change.
#[component]
fn EventRowView(row: EventRow) -> impl IntoView {
    view! {
        <tr data-testid=format!("activity-row-{}", row.seq)>
            <td class="activity__seq">{row.seq}</td>
            <td class="activity__date" data-testid=format!("activity-when-{}", row.seq)>
                <time datetime=row.datetime>{row.when}</time>
                {row.simulated.map(|simulated| view! { <span class="activity__simulated">{simulated}</span> })}
            </td>
            <td class="activity__who">{row.who}</td>
            <td data-testid=format!("activity-what-{}", row.seq)>
                <Prose sentence=row.what />
            </td>
        </tr>
    }
}
