//! The Data menu's two file pickers: import a state file, compare with one.

use leptos::prelude::*;
use studio_access_core::persist::Loaded;
use web_sys::HtmlInputElement;

use crate::components::{
    ChangeDialog, DialogIds, Feedback, Proposals, StatesEffect, read_file_text,
};
use crate::data;
use crate::pages::CompareInbox;
use crate::store::{self, Store};
use crate::words;

/// The file picked in `ev`'s input, which is emptied so that the same file picked again fires
/// `change` again.
fn picked(ev: &leptos::ev::Event) -> Option<(HtmlInputElement, web_sys::File)> {
    let input: HtmlInputElement = event_target(ev);
    let file = input.files().and_then(|files| files.get(0))?;
    input.set_value("");
    Some((input, file))
}

/// Import a JSON file. A file that would replace recorded work waits for the person's answer,
/// with the access diff from the current state to it.
#[component]
pub fn ImportFile(changes: Memo<u64>, feedback: RwSignal<Option<Feedback>>) -> impl IntoView {
    let store = Store::get();
    let proposals = Proposals::new();
    let ask = move |name: String, loaded: Loaded| {
        let diff = store
            .state()
            .with_untracked(|now| studio_access_core::diff::diff(now, &loaded.state));
        let question = words::import_question(&name, &loaded.state, changes.get_untracked());
        let named = format!("`{name}`");
        let effect = ViewFn::from(move || {
            view! { <StatesEffect diff=diff.clone() before="your current data" after=named.clone() test_id="data-import-effect" /> }
        });
        let cancelled = {
            let said = words::import_cancelled(&name);
            std::sync::Arc::new(move || feedback.set(Some(Feedback::Done(said.clone()))))
        };
        let import = move || feedback.set(Some(data::import_state(store, &name, loaded.clone())));
        proposals.ask(
            question,
            effect,
            "Import",
            true,
            "data-import-input",
            import,
            Some(cancelled),
        );
    };
    // What reading the file `name` came to: the text it held read as a state, or why not.
    let answer = move |name: String, read: Result<Result<Loaded, data::ImportError>, String>| {
        let said = match read {
            // Recorded work would be replaced: ask first, with the effect on access.
            Ok(Ok(loaded)) if changes.get_untracked() > 0 => {
                ask(name, loaded);
                None
            }
            Ok(Ok(loaded)) => Some(data::import_state(store, &name, loaded)),
            Ok(Err(error)) => Some(data::not_imported(&name, &error)),
            Err(why) => Some(Feedback::Refused(words::file_unreadable(
                &name,
                &why,
                "The current data is unchanged.",
            ))),
        };
        feedback.try_set(said);
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some((_, file)) = picked(&ev) else {
            return;
        };
        let name = file.name();
        // `size` is a whole number of bytes held in an f64; the cast saturates.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let bytes = file.size() as u64;
        if bytes > store::STORAGE_BYTES {
            let said = words::too_large_to_keep(&name, bytes, store::STORAGE_BYTES);
            feedback.set(Some(Feedback::Refused(said)));
            return;
        }
        read_file_text(&file, move |text| {
            let name = name.clone();
            leptos::task::spawn_local(async move {
                let read = match text {
                    Ok(text) => Ok(data::read_imported(text).await),
                    Err(why) => Err(why),
                };
                answer(name, read);
            });
        });
    };
    let ids = DialogIds::named(
        "data-import-question",
        "data-import-diff",
        "data-import-confirm",
        "data-import-cancel",
    );
    view! {
        <label class="fw-button fw-filepick">
            "Import a JSON file…"
            <input
                type="file"
                accept=".json,application/json"
                class="fw-filepick__input"
                data-testid="data-import-input"
                on:change=on_file
            />
        </label>
        <ChangeDialog proposals=proposals ids=ids />
    }
}

/// Compare with a file: the Compare screen opens with the current state before and the file
/// after; it reads the file itself, so a damaged one is explained there.
#[component]
pub fn CompareFile(feedback: RwSignal<Option<Feedback>>) -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let inbox = use_context::<CompareInbox>();
    let on_file = move |ev: leptos::ev::Event| {
        let Some((input, file)) = picked(&ev) else {
            return;
        };
        let name = file.name();
        if let Some(menu) = input.closest("details").ok().flatten() {
            let _ = menu.remove_attribute("open");
        }
        let navigate = navigate.clone();
        read_file_text(&file, move |text| match (text, inbox) {
            (Ok(text), Some(inbox)) => {
                inbox.send(name, text);
                navigate(&CompareInbox::path(), Default::default());
            }
            (Err(why), _) => feedback.set(Some(Feedback::Refused(words::file_unreadable(
                &name,
                &why,
                "Nothing changed.",
            )))),
            (Ok(_), None) => {}
        });
    };
    view! {
        <label class="fw-button fw-filepick">
            "Compare with a file…"
            <input
                type="file"
                accept=".json,application/json"
                class="fw-filepick__input"
                data-testid="data-compare-input"
                on:change=on_file
            />
        </label>
    }
}
