//! The activity screen: the kept event log, newest first, with undo and redo of the latest changes
//! (buttons, and Ctrl+Z / Ctrl+Shift+Z while this page is open). Older changes are folded into
//! the state's checkpoint; a line says how many, since they cannot be undone. Hovering or
//! focusing Undo or Redo shows what it would change in access, computed then (not on every
//! render); the step itself stays a single click or key press. The words are
//! `studio_access_view::activity`.

mod history;
mod log;

use leptos::prelude::*;
use studio_access_core::{HISTORY_KEPT, HISTORY_LIMIT};
use studio_access_view::activity::{self as view, Step};

use crate::Screen;
use crate::components::{Feedback, FeedbackLine, PageHeader};
use crate::store::Store;
use crate::words;

use history::HistoryToolbar;
use log::EventLog;

/// Runs `step` on the store and says what came of it.
fn take(step: Step, store: Store, feedback: RwSignal<Option<Feedback>>) {
    let before = store.state().with_untracked(view::latest);
    let result = match step {
        Step::Undo => store.undo(),
        Step::Redo => store.redo(),
    };
    // An undo names the change it took back; a redo the change it applied again.
    let change = match step {
        Step::Undo => before,
        Step::Redo => store.state().with_untracked(view::latest),
    };
    feedback.set(Some(match step.said(result, change) {
        Ok(done) => Feedback::Done(done),
        Err(why) => Feedback::Refused(why),
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
    let folded = Memo::new(move |_| store.state().with(|s| s.data().folded));
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || typed_into_field(&ev) {
            return;
        }
        let step = match ev.key().to_ascii_lowercase().as_str() {
            "z" if ev.shift_key() => Step::Redo,
            "z" => Step::Undo,
            "y" => Step::Redo,
            _ => return,
        };
        ev.prevent_default();
        take(step, store, feedback);
    });
    on_cleanup(move || keys.remove());

    view! {
        <section class="page activity" data-testid=format!("page-{}", Screen::Activity.slug())>
            <PageHeader screen=Screen::Activity />
            <div class="card activity__log">
                <HistoryToolbar feedback=feedback />
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
                <EventLog />
            </div>
        </section>
    }
}
