//! The activity screen: the kept event log, newest first, with undo and redo of the latest changes
//! (buttons, and Ctrl+Z / Ctrl+Shift+Z while this page is open). Older changes are folded into
//! the state's checkpoint; a line says how many, since they cannot be undone.

use leptos::prelude::*;
use studio_access_core::{Event, HISTORY_KEPT, HISTORY_LIMIT};

use crate::Page;
use crate::components::{Feedback, FeedbackLine};
use crate::store::Store;
use crate::words;

/// How many events are listed before "show all" is asked for.
const FIRST_ROWS: usize = 100;

/// One event as the log shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct EventRow {
    seq: u64,
    date: String,
    who: String,
    what: String,
}

fn event_row(event: &Event) -> EventRow {
    let mut what = words::command(&event.command);
    if let Some(issued) = &event.issued {
        what.push_str(&format!(" (secret {})", issued.masked));
    }
    EventRow {
        seq: event.seq,
        date: event.date.to_string(),
        who: event.who.to_string(),
        what,
    }
}

/// The latest event, in words, for the undo and redo messages.
fn latest(store: Store) -> Option<String> {
    store.state.with_untracked(|s| {
        s.data()
            .events
            .last()
            .map(|e| format!("#{} {}", e.seq, words::command(&e.command)))
    })
}

fn undo(store: Store, feedback: RwSignal<Option<Feedback>>) {
    let what = latest(store);
    feedback.set(Some(match store.undo() {
        Ok(()) => Feedback::Done(format!("Undone: {}.", what.unwrap_or_default())),
        Err(why) => Feedback::Refused(format!("Cannot undo: {why}.")),
    }));
}

fn redo(store: Store, feedback: RwSignal<Option<Feedback>>) {
    feedback.set(Some(match store.redo() {
        Ok(()) => Feedback::Done(format!("Redone: {}.", latest(store).unwrap_or_default())),
        Err(why) => Feedback::Refused(format!("Cannot redo: {why}.")),
    }));
}

/// Whether a key press was typed into a field, where Ctrl+Z belongs to the field.
fn typed_into_field(ev: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(
                element.tag_name().to_ascii_lowercase().as_str(),
                "input" | "textarea" | "select"
            ) || element.has_attribute("contenteditable")
        })
}

/// The activity screen.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let show_all = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        store.state.with(|s| {
            s.data()
                .events
                .iter()
                .rev()
                .map(event_row)
                .collect::<Vec<_>>()
        })
    });
    let listed = Memo::new(move |_| {
        let all = show_all.get();
        rows.with(|rows| {
            rows.iter()
                .take(if all { usize::MAX } else { FIRST_ROWS })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let history = Memo::new(move |_| store.history());
    let folded = Memo::new(move |_| store.state.with(|s| s.data().folded));

    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || typed_into_field(&ev) {
            return;
        }
        match ev.key().to_ascii_lowercase().as_str() {
            "z" if ev.shift_key() => {
                ev.prevent_default();
                redo(store, feedback);
            }
            "z" => {
                ev.prevent_default();
                undo(store, feedback);
            }
            "y" => {
                ev.prevent_default();
                redo(store, feedback);
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <section class="page activity" data-testid=format!("page-{}", Page::Activity.slug())>
            <header class="page__header">
                <h1 class="page__title" data-testid="page-title">
                    {Page::Activity.title()}
                </h1>
                <p class="page__summary">{Page::Activity.summary()}</p>
            </header>
            <div class="card activity__log">
                <div class="activity__toolbar" role="toolbar" aria-label="History">
                    <button
                        type="button"
                        class="action-button"
                        data-testid="activity-undo"
                        aria-keyshortcuts="Control+Z"
                        title="Undo the latest change (Ctrl+Z)"
                        disabled=move || history.get().0 == 0
                        on:click=move |_| undo(store, feedback)
                    >
                        "Undo"
                    </button>
                    <button
                        type="button"
                        class="action-button"
                        data-testid="activity-redo"
                        aria-keyshortcuts="Control+Shift+Z Control+Y"
                        title="Redo the latest undone change (Ctrl+Shift+Z)"
                        disabled=move || history.get().1 == 0
                        on:click=move |_| redo(store, feedback)
                    >
                        "Redo"
                    </button>
                    <span class="activity__counts" data-testid="activity-counts">
                        {move || {
                            let (done, undone) = history.get();
                            let changes = if done == 1 { "change" } else { "changes" };
                            match undone {
                                0 => format!("{done} {changes}"),
                                n => format!("{done} {changes}, {n} undone (redo brings them back)"),
                            }
                        }}
                    </span>
                </div>
                <p class="activity__hint">
                    {words::history_kept(HISTORY_KEPT, HISTORY_LIMIT)} <kbd>"Ctrl+Z"</kbd> " undo, "
                    <kbd>"Ctrl+Shift+Z"</kbd> " redo."
                </p>
                <Show when=move || { folded.get() > 0 }>
                    <p class="activity__folded" data-testid="activity-folded">
                        {move || words::folded_changes(folded.get())}
                    </p>
                </Show>
                <FeedbackLine feedback=feedback test_id="activity-feedback" />
                <Show
                    when=move || !rows.with(Vec::is_empty)
                    fallback=|| {
                        view! {
                            <p class="activity__empty" data-testid="activity-empty">
                                "No changes yet. Everything done in the console, as whoever acts, is listed here."
                            </p>
                        }
                    }
                >
                    <table class="activity__table" data-testid="activity-table">
                        <caption class="visually-hidden">"Changes, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"#"</th>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Who"</th>
                                <th scope="col">"What"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || listed.get()
                                key=|row| row.clone()
                                children=|row| {
                                    view! {
                                        <tr data-testid=format!("activity-row-{}", row.seq)>
                                            <td class="activity__seq">{row.seq}</td>
                                            <td class="activity__date">{row.date}</td>
                                            <td class="activity__who">{row.who}</td>
                                            <td data-testid=format!("activity-what-{}", row.seq)>
                                                {row.what}
                                            </td>
                                        </tr>
                                    }
                                }
                            />
                        </tbody>
                    </table>
                    <Show when=move || !show_all.get() && (rows.with(Vec::len) > FIRST_ROWS)>
                        <button
                            type="button"
                            class="action-button"
                            data-testid="activity-show-all"
                            on:click=move |_| show_all.set(true)
                        >
                            {move || format!("Show all {} changes", rows.with(Vec::len))}
                        </button>
                    </Show>
                </Show>
            </div>
        </section>
    }
}
