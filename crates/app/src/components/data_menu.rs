//! The Data menu in the header: export the state, import a file, copy a share link, start a new
//! account, or load the sample organisation. Replacing work asks first, listing the access diff
//! from the current state to the new one (computed when the question opens); a file that cannot
//! be read changes nothing.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use studio_access_core::{State, sample};

use crate::components::{
    ActionButton, ChangeDialog, DialogIds, Feedback, FeedbackLine, Proposals, ShareLinkButton,
    StatesEffect, read_file_text,
};
use crate::data;
use crate::pages::CompareInbox;
use crate::store::{self, Store};
use crate::words;

/// The header's Data menu.
#[component]
pub fn DataMenu() -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let proposals = Proposals::new();
    // The whole history, changes folded into the checkpoint included.
    let changes = Memo::new(move |_| store.state().with(words::history_len));
    let lost = move || match changes.get() {
        0 => String::new(),
        1 => " The 1 recorded change will be lost unless exported.".to_owned(),
        n => format!(" The {n} recorded changes will be lost unless exported."),
    };
    // A file that would replace recorded work waits for the person's answer, with the access
    // diff from the current state to it.
    let ask_import = move |name: String, loaded: studio_access_core::persist::Loaded| {
        let diff = store
            .state()
            .with_untracked(|now| studio_access_core::diff::diff(now, &loaded.state));
        let question = format!(
            "Replace the current data with `{name}` ({})?{}",
            words::recorded_changes(&loaded.state),
            lost(),
        );
        let named = format!("`{name}`");
        let effect = ViewFn::from(move || {
            view! {
                <StatesEffect
                    diff=diff.clone()
                    before="your current data"
                    after=named.clone()
                    test_id="data-import-effect"
                />
            }
        });
        let cancelled = {
            let name = name.clone();
            std::sync::Arc::new(move || {
                feedback.set(Some(Feedback::Done(format!(
                    "`{name}` was not imported. The current data is unchanged."
                ))));
            })
        };
        proposals.ask(
            question,
            effect,
            "Import",
            true,
            "data-import-input",
            move || feedback.set(Some(data::import_state(store, &name, loaded.clone()))),
            Some(cancelled),
        );
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = file.name();
        // Chosen again, the same file must fire `change` again.
        input.set_value("");
        read_file_text(&file, move |text| {
            let answer = match text.map(|text| data::read_import(&text)) {
                // Recorded work would be replaced: ask first, with the effect on access.
                Ok(Ok(loaded)) if changes.get_untracked() > 0 => {
                    ask_import(name, loaded);
                    None
                }
                Ok(Ok(loaded)) => Some(data::import_state(store, &name, loaded)),
                Ok(Err(error)) => Some(data::not_imported(&name, &error)),
                Err(why) => Some(Feedback::Refused(format!(
                    "`{name}` could not be read: {why}. The current data is unchanged."
                ))),
            };
            feedback.set(answer);
        });
    };
    // Compare with a file: the Compare screen opens with the current state before and the file
    // after; it reads the file itself, so a damaged one is explained there.
    let navigate = leptos_router::hooks::use_navigate();
    let inbox = use_context::<CompareInbox>();
    let on_compare_file = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = file.name();
        input.set_value("");
        if let Some(menu) = input.closest("details").ok().flatten() {
            let _ = menu.remove_attribute("open");
        }
        let navigate = navigate.clone();
        read_file_text(&file, move |text| match (text, inbox) {
            (Ok(text), Some(inbox)) => {
                inbox.send(name, text);
                navigate(&CompareInbox::path(), Default::default());
            }
            (Err(why), _) => feedback.set(Some(Feedback::Refused(format!(
                "`{name}` could not be read: {why}. Nothing changed."
            )))),
            (Ok(_), None) => {}
        });
    };
    // Escape closes the menu and gives the focus back to its toggle.
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        let Some(menu) = ev
            .current_target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if menu.has_attribute("open") {
            let _ = menu.remove_attribute("open");
            if let Ok(Some(summary)) = menu.query_selector("summary")
                && let Ok(summary) = summary.dyn_into::<web_sys::HtmlElement>()
            {
                let _ = summary.focus();
            }
        }
    };
    view! {
        <details class="fw-datamenu" data-testid="data-menu" on:keydown=close_on_escape>
            <summary class="fw-datamenu__summary" data-testid="data-menu-toggle">
                "Data"
            </summary>
            <div class="fw-datamenu__panel" role="group" aria-label="Data">
                <p class="fw-datamenu__hint">
                    "Everything is kept in this browser. Export it to a file to keep or share it."
                </p>
                <div class="fw-datamenu__actions">
                    <button
                        type="button"
                        class="fw-button"
                        data-testid="data-export"
                        on:click=move |_| feedback.set(Some(data::export(store)))
                    >
                        "Export as JSON"
                    </button>
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
                    <label class="fw-button fw-filepick">
                        "Compare with a file…"
                        <input
                            type="file"
                            accept=".json,application/json"
                            class="fw-filepick__input"
                            data-testid="data-compare-input"
                            on:change=on_compare_file
                        />
                    </label>
                    <ShareLinkButton />
                    <ActionButton
                        label="Load the sample organisation"
                        question=Signal::derive(move || {
                            format!("Replace the current data with the sample organisation?{}", lost())
                        })
                        confirm_label="Load the sample"
                        ask=Signal::derive(move || changes.get() > 0)
                        on_confirm=move |()| feedback.set(Some(data::load_sample(store)))
                        test_id="data-sample"
                        details=move || {
                            replacing(
                                store,
                                sample::sample_organisation(store::browser_today()),
                                "the sample organisation",
                                "data-sample-effect",
                            )
                        }
                    />
                    <ActionButton
                        label="Reset to a new account"
                        question=Signal::derive(move || {
                            format!("Replace everything with a new, empty account?{}", lost())
                        })
                        confirm_label="Reset"
                        on_confirm=move |()| feedback.set(Some(data::reset(store)))
                        test_id="data-reset"
                        details=move || {
                            replacing(
                                store,
                                State::new_account(store::browser_today()),
                                "a new account",
                                "data-reset-effect",
                            )
                        }
                        danger=true
                    />
                </div>
                <ChangeDialog
                    proposals=proposals
                    ids=DialogIds::named(
                        "data-import-question",
                        "data-import-diff",
                        "data-import-confirm",
                        "data-import-cancel",
                    )
                />
                <FeedbackLine feedback=feedback test_id="data-feedback" />
            </div>
        </details>
    }
}

/// The access diff from the current state to `next`, which would replace it, computed when the
/// question opens (not on every change of a large state).
fn replacing(
    store: Store,
    next: State,
    named: &'static str,
    test_id: &'static str,
) -> impl IntoView {
    let diff = store
        .state()
        .with_untracked(|now| studio_access_core::diff::diff(now, &next));
    view! { <StatesEffect diff=diff before="your current data" after=named test_id=test_id /> }
}
