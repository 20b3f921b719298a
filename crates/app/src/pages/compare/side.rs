//! One side of a comparison: where its state comes from, and for a file side the file picker and
//! the paste box.

use leptos::prelude::*;
use studio_access_view::compare::{Loaded, Source, Which};
use web_sys::HtmlInputElement;

use crate::components::{Feedback, FeedbackLine, read_file_text};
use crate::{data, words};

/// What one side holds besides its source: the file it read, what reading said, the paste box.
#[derive(Clone, Copy)]
pub struct Side {
    pub file: RwSignal<Option<Loaded>>,
    message: RwSignal<Option<Feedback>>,
    paste: RwSignal<String>,
}

impl Side {
    pub fn new() -> Side {
        Side {
            file: RwSignal::new(None),
            message: RwSignal::new(None),
            paste: RwSignal::new(String::new()),
        }
    }

    /// Reads a state file's text into this side; a text that is not a state leaves the side as
    /// it was and says why.
    pub fn load(self, label: String, text: &str) {
        match data::read_import(text).map(|loaded| loaded.state) {
            Ok(state) => {
                self.message
                    .set(Some(Feedback::Done(words::compare_loaded(&label, &state))));
                self.file.set(Some(Loaded { label, state }));
            }
            Err(error) => self.refuse(&label, &error.to_string()),
        }
    }

    fn refuse(self, label: &str, why: &str) {
        let said = words::compare_unreadable(label, why);
        self.message.set(Some(Feedback::Refused(said)));
    }

    /// Exchanges what the two sides hold.
    pub fn swap(self, other: Side) {
        swap_signals(self.file, other.file);
        swap_signals(self.message, other.message);
        swap_signals(self.paste, other.paste);
    }
}

/// Exchanges the values of two signals.
fn swap_signals<T: Send + Sync + 'static>(a: RwSignal<T>, b: RwSignal<T>) {
    let mut first = a.write();
    let mut second = b.write();
    std::mem::swap(&mut *first, &mut *second);
}

/// A side: its choice of state, and a file picker and paste box while it is a file.
#[component]
pub fn SideView(
    which: Which,
    side: Side,
    source: Memo<Source>,
    options: Memo<Vec<(String, String)>>,
    pick: Callback<(Which, Source)>,
) -> impl IntoView {
    let name = which.name();
    let select_id = format!("compare-{name}-source");
    let label_for = select_id.clone();
    let test_id = select_id.clone();
    view! {
        <fieldset class="card compare__side" data-testid=format!("compare-{name}")>
            <legend class="compare__legend">{which.legend()}</legend>
            <label class="compare__field" for=label_for>
                <span class="compare__label">{which.field_label()}</span>
                <select
                    id=select_id
                    data-testid=test_id
                    on:change=move |ev| {
                        if let Some(chosen) = Source::parse(&event_target_value(&ev)) {
                            pick.run((which, chosen));
                        }
                    }
                >
                    <SourceOptions source=source options=options />
                </select>
            </label>
            <Show when=move || source.get() == Source::File>
                <FileInput name=name side=side />
            </Show>
            <FeedbackLine feedback=side.message test_id=format!("compare-{name}-message") />
        </fieldset>
    }
}

/// The options of a side's choice. A side the log does not offer (a link to a change it no
/// longer keeps) is shown as chosen, not silently as another.
#[component]
fn SourceOptions(source: Memo<Source>, options: Memo<Vec<(String, String)>>) -> impl IntoView {
    move || {
        let chosen = source.get().value();
        let missing = options
            .with(|all| all.iter().all(|(value, _)| *value != chosen))
            .then(|| {
                view! {
                    <option value=chosen.clone() prop:selected=true disabled=true>
                        {format!("Change #{chosen} (not in the log)")}
                    </option>
                }
            });
        let listed = options
            .get()
            .into_iter()
            .map(|(value, text)| {
                let selected = chosen == value;
                view! { <option value=value prop:selected=selected>{text}</option> }
            })
            .collect_view();
        view! { {missing} {listed} }
    }
}

/// The file picker and the paste box of a file side.
#[component]
fn FileInput(name: &'static str, side: Side) -> impl IntoView {
    let paste_id = format!("compare-{name}-paste");
    let on_file = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let label = format!("`{}`", file.name());
        // Chosen again, the same file must fire `change` again.
        input.set_value("");
        read_file_text(&file, move |text| match text {
            Ok(text) => side.load(label, &text),
            Err(why) => side.refuse(&label, &why),
        });
    };
    let use_paste = move |_| side.load("the pasted text".to_owned(), &side.paste.get_untracked());
    view! {
        <div class="compare__file">
            <label class="action-button compare__filepick">
                "Choose a JSON file…"
                <input
                    type="file"
                    accept=".json,application/json"
                    class="compare__filepick-input"
                    data-testid=format!("compare-{name}-file")
                    on:change=on_file
                />
            </label>
            <label class="compare__label" for=paste_id.clone()>"or paste an exported state"</label>
            <textarea
                id=paste_id.clone()
                class="compare__paste"
                rows="4"
                spellcheck="false"
                placeholder="{\"version\": …, \"state\": …}"
                data-testid=paste_id
                prop:value=move || side.paste.get()
                on:input=move |ev| side.paste.set(event_target_value(&ev))
            ></textarea>
            <button
                type="button"
                class="action-button"
                data-testid=format!("compare-{name}-paste-use")
                disabled=move || side.paste.with(|t| t.trim().is_empty())
                on:click=use_paste
            >
                "Compare the pasted text"
            </button>
        </div>
    }
}
