//! The activity screen: the kept event log, newest first, with undo and redo of the latest changes
//! (buttons, and Ctrl+Z / Ctrl+Shift+Z while this page is open). Older changes are folded into
//! the state's checkpoint; a line says how many, since they cannot be undone. Hovering or
//! focusing Undo or Redo shows what it would change in access, computed then (not on every
//! render); the step itself stays a single click or key press.

use leptos::prelude::*;
use studio_access_core::{Event, HISTORY_KEPT, HISTORY_LIMIT, diff};

use crate::Screen;
use crate::components::{Feedback, FeedbackLine, PageHeader};
use crate::store::Store;
use crate::words;

/// How many events are listed before "show all" is asked for.
const FIRST_ROWS: usize = 100;

/// The element id of what the hovered or focused history step would change.
const EFFECT_ID: &str = "activity-step-effect";

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
    store.state().with_untracked(|s| {
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

/// Which history step a person is looking at (hovering or focusing its button).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Undo,
    Redo,
}

/// What a history step would change, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
struct StepEffect {
    title: String,
    lines: Vec<String>,
    tone: &'static str,
}

/// What `step` would do to the current state, computed now: the change it takes back or
/// applies again and the access diff from the state shown to the one it would leave. `None`
/// when there is nothing to undo or redo.
fn step_effect(store: Store, step: Step) -> Option<StepEffect> {
    let undo = step == Step::Undo;
    let planned = if undo {
        store.undo_preview()
    } else {
        store.redo_preview()
    }?;
    Some(match planned {
        Ok((event, after)) => {
            let diff = store.state().with_untracked(|now| diff::diff(now, &after));
            let mut lines = words::diff_lines_grouped(&diff);
            let tone = match (diff.widens(), diff.narrows()) {
                (true, false) => "preview preview--widens activity__effect",
                (false, true) => "preview preview--narrows activity__effect",
                _ => "preview activity__effect",
            };
            let title = words::history_step_would(undo, &event, !diff.is_empty());
            if diff.is_empty() {
                // A rename alone: no change in access, but say it.
                lines = words::renamed_lines(&diff);
            }
            StepEffect { title, lines, tone }
        }
        Err(why) => StepEffect {
            title: words::history_step_fails(undo, &why),
            lines: Vec::new(),
            tone: "preview preview--narrows activity__effect",
        },
    })
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
        store.state().with(|s| {
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
    let folded = Memo::new(move |_| store.state().with(|s| s.data().folded));
    // The step being looked at, and what it would change: computed only while one is hovered or
    // focused, and again when the state changes under it (after an undo, the next one).
    let looking = RwSignal::new(None::<Step>);
    let effect = Memo::new(move |_| {
        let step = looking.get()?;
        store.state().track();
        history.track();
        step_effect(store, step)
    });
    let look = move |step: Step| looking.set(Some(step));
    let look_away = move |step: Step| {
        if looking.get_untracked() == Some(step) {
            looking.set(None);
        }
    };

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
        <section class="page activity" data-testid=format!("page-{}", Screen::Activity.slug())>
            <PageHeader screen=Screen::Activity />
            <div class="card activity__log">
                <div class="activity__toolbar" role="toolbar" aria-label="History">
                    <button
                        type="button"
                        class="action-button"
                        data-testid="activity-undo"
                        aria-keyshortcuts="Control+Z"
                        title="Undo the latest change (Ctrl+Z)"
                        disabled=move || history.get().0 == 0
                        aria-describedby=EFFECT_ID
                        on:click=move |_| undo(store, feedback)
                        on:focus=move |_| look(Step::Undo)
                        on:mouseenter=move |_| look(Step::Undo)
                        on:blur=move |_| look_away(Step::Undo)
                        on:mouseleave=move |_| look_away(Step::Undo)
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
                        aria-describedby=EFFECT_ID
                        on:click=move |_| redo(store, feedback)
                        on:focus=move |_| look(Step::Redo)
                        on:mouseenter=move |_| look(Step::Redo)
                        on:blur=move |_| look_away(Step::Redo)
                        on:mouseleave=move |_| look_away(Step::Redo)
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
                <div id=EFFECT_ID role="status" aria-live="polite" class="activity__effect-slot">
                    {move || {
                        effect
                            .get()
                            .map(|effect| {
                                view! {
                                    <div class=effect.tone data-testid="activity-step-effect">
                                        <p class="preview__title" data-testid="activity-step-title">
                                            {effect.title}
                                        </p>
                                        {(!effect.lines.is_empty())
                                            .then(|| {
                                                view! {
                                                    <ul class="preview__list" data-testid="activity-step-diff">
                                                        {effect
                                                            .lines
                                                            .into_iter()
                                                            .map(|line| view! { <li>{line}</li> })
                                                            .collect_view()}
                                                    </ul>
                                                }
                                            })}
                                    </div>
                                }
                            })
                    }}
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
