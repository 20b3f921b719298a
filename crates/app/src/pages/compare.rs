//! The Compare screen: the access diff between two states, each side chosen from the current
//! state, a point of the activity log, or a state file (picked or pasted). Deep links name the
//! sides (`?before=start&after=current`, a change by its number: `?before=3&after=7`); a file side
//! is `file` and waits for a file. Nothing here changes the stored state: log points are replayed
//! on copies, and files are read beside it.

use std::borrow::Cow;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use studio_access_core::State;
use studio_access_core::diff::{self, AccessDiff};
use web_sys::HtmlInputElement;

use crate::Screen;
use crate::components::{Feedback, FeedbackLine, PageHeader, read_file_text};
use crate::data;
use crate::store::Store;
use crate::words;

/// A file handed to the Compare screen from elsewhere (the Data menu's "Compare with a file…"):
/// its name and text, taken by the screen once it shows. Provided once at the app.
#[derive(Clone, Copy, Debug)]
pub struct CompareInbox(RwSignal<Option<(String, String)>>);

impl CompareInbox {
    /// An empty inbox, to provide at the app.
    pub fn new() -> CompareInbox {
        CompareInbox(RwSignal::new(None))
    }

    /// Hands a file's name and text to the Compare screen for its "after" side.
    pub fn send(self, name: String, text: String) {
        self.0.set(Some((name, text)));
    }

    /// The path that opens the Compare screen with the current state before and the handed
    /// file after.
    pub fn path() -> String {
        href(Source::Current, Source::File)
    }
}

impl Default for CompareInbox {
    fn default() -> Self {
        CompareInbox::new()
    }
}

/// Where one side's state comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The console's current state.
    Current,
    /// The start of the kept activity log, before its first change.
    Start,
    /// Right after the kept change with this number.
    After(u64),
    /// A state file, picked or pasted.
    File,
}

impl Source {
    /// Reads a side from the address: `current`, `start`, `file` or a change's number.
    fn parse(text: &str) -> Option<Source> {
        match text {
            "current" => Some(Source::Current),
            "start" => Some(Source::Start),
            "file" => Some(Source::File),
            number => number.parse().ok().map(Source::After),
        }
    }

    /// The side as the address and the choice list spell it.
    fn value(self) -> String {
        match self {
            Source::Current => "current".to_owned(),
            Source::Start => "start".to_owned(),
            Source::After(seq) => seq.to_string(),
            Source::File => "file".to_owned(),
        }
    }
}

/// The path of the screen with these two sides.
fn href(before: Source, after: Source) -> String {
    format!(
        "/{}?before={}&after={}",
        Screen::Compare.segment(),
        before.value(),
        after.value()
    )
}

/// One of the two sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Before,
    After,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Before => "before",
            Which::After => "after",
        }
    }

    fn legend(self) -> &'static str {
        match self {
            Which::Before => "Before",
            Which::After => "After",
        }
    }

    /// The side when the address does not name it: the log's start against the current state.
    fn default_source(self) -> Source {
        match self {
            Which::Before => Source::Start,
            Which::After => Source::Current,
        }
    }
}

/// A state read from a file or pasted text.
#[derive(Clone, Debug, PartialEq)]
struct Loaded {
    /// How it is named in sentences: `` `name.json` `` or "the pasted text".
    label: String,
    state: State,
}

/// What one side holds besides its source: the file it read, what reading said, the paste box.
#[derive(Clone, Copy)]
struct Side {
    file: RwSignal<Option<Loaded>>,
    message: RwSignal<Option<Feedback>>,
    paste: RwSignal<String>,
}

impl Side {
    fn new() -> Side {
        Side {
            file: RwSignal::new(None),
            message: RwSignal::new(None),
            paste: RwSignal::new(String::new()),
        }
    }

    /// Reads a state file's text into this side; a text that is not a state leaves the side as
    /// it was and says why.
    fn load(self, label: String, text: &str) {
        match data::read_import(text).map(|loaded| loaded.state) {
            Ok(state) => {
                self.message
                    .set(Some(Feedback::Done(words::compare_loaded(&label, &state))));
                self.file.set(Some(Loaded { label, state }));
            }
            Err(error) => self
                .message
                .set(Some(Feedback::Refused(words::compare_unreadable(
                    &label,
                    &error.to_string(),
                )))),
        }
    }

    /// Exchanges what the two sides hold.
    fn swap(self, other: Side) {
        let file = self.file.get_untracked();
        self.file.set(other.file.get_untracked());
        other.file.set(file);
        let message = self.message.get_untracked();
        self.message.set(other.message.get_untracked());
        other.message.set(message);
        let paste = self.paste.get_untracked();
        self.paste.set(other.paste.get_untracked());
        other.paste.set(paste);
    }
}

/// The state after the first `kept` changes of the kept log, replayed on a copy of the
/// checkpoint the log starts from.
fn after_kept(state: &State, kept: usize) -> Result<State, String> {
    state.replay_kept(kept).map_err(|error| error.to_string())
}

/// How the start of the kept log is named: the account's start, or the checkpoint that holds
/// the changes folded out of the log.
fn start_of_log(state: &State) -> String {
    match state.data().folded {
        0 => "the start of the log".to_owned(),
        folded => format!("the start of the kept log (after change #{folded})"),
    }
}

/// The state a side stands for, or why there is none.
fn resolve<'a>(
    current: &'a State,
    which: Which,
    source: Source,
    file: Option<&'a Loaded>,
) -> Result<Cow<'a, State>, String> {
    match source {
        Source::Current => Ok(Cow::Borrowed(current)),
        Source::File => file
            .map(|loaded| Cow::Borrowed(&loaded.state))
            .ok_or_else(|| words::compare_no_file(which.name())),
        Source::Start => after_kept(current, 0).map(Cow::Owned),
        Source::After(seq) => {
            let at = current
                .data()
                .events
                .iter()
                .position(|event| event.seq == seq)
                .ok_or_else(|| words::compare_no_change(seq, current.data().folded))?;
            after_kept(current, at + 1).map(Cow::Owned)
        }
    }
}

/// How a side is named in the result's sentence.
fn describe(current: &State, source: Source, file: Option<&Loaded>) -> String {
    match source {
        Source::Current => "the current state".to_owned(),
        Source::Start => start_of_log(current),
        Source::After(seq) => format!("after change #{seq}"),
        Source::File => file.map_or_else(|| "a state file".to_owned(), |f| f.label.clone()),
    }
}

/// The choices of a side: the current state, a file, then the log from its newest change back
/// to its start.
fn choices(state: &State) -> Vec<(String, String)> {
    let mut out = vec![
        (Source::Current.value(), "The current state".to_owned()),
        (Source::File.value(), "A state file…".to_owned()),
    ];
    out.extend(state.data().events.iter().rev().map(|event| {
        (
            Source::After(event.seq).value(),
            format!(
                "After change #{}: {}",
                event.seq,
                words::command(&event.command)
            ),
        )
    }));
    let mut start = start_of_log(state);
    if let Some(first) = start.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out.push((Source::Start.value(), start));
    out
}

/// The compared sides and their diff, or why there is no diff to show.
#[derive(Clone, Debug, PartialEq)]
struct Compared {
    before: String,
    after: String,
    diff: Result<AccessDiff, String>,
    /// A side waits for a file: no diff yet, which is not a problem.
    waiting: bool,
}

/// The Compare screen.
#[component]
pub fn ComparePage() -> impl IntoView {
    let store = Store::get();
    let query = use_query_map();
    let navigate = use_navigate();
    let source_of = move |which: Which| {
        Memo::new(move |_| {
            query
                .with(|q| q.get(which.name()))
                .and_then(|text| Source::parse(&text))
                .unwrap_or(which.default_source())
        })
    };
    let before_source = source_of(Which::Before);
    let after_source = source_of(Which::After);
    let before = Side::new();
    let after = Side::new();

    // A file handed over by the Data menu goes to the "after" side, whenever it arrives.
    if let Some(inbox) = use_context::<CompareInbox>() {
        Effect::new(move |_| {
            if let Some((name, text)) = inbox.0.get() {
                inbox.0.set(None);
                after.load(format!("`{name}`"), &text);
            }
        });
    }

    let compared = Memo::new(move |_| {
        let (b, a) = (before_source.get(), after_source.get());
        store.state().with(|current| {
            before.file.with(|bf| {
                after.file.with(|af| {
                    let diff = resolve(current, Which::Before, b, bf.as_ref()).and_then(|old| {
                        resolve(current, Which::After, a, af.as_ref())
                            .map(|new| diff::diff(&old, &new))
                    });
                    Compared {
                        before: describe(current, b, bf.as_ref()),
                        after: describe(current, a, af.as_ref()),
                        diff,
                        waiting: (b == Source::File && bf.is_none())
                            || (a == Source::File && af.is_none()),
                    }
                })
            })
        })
    });
    let options = Memo::new(move |_| store.state().with(choices));

    let go = {
        let navigate = navigate.clone();
        move |before: Source, after: Source| {
            navigate(
                &href(before, after),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }
    };
    let pick = {
        let go = go.clone();
        move |which: Which, chosen: Source| match which {
            Which::Before => go(chosen, after_source.get_untracked()),
            Which::After => go(before_source.get_untracked(), chosen),
        }
    };
    let swap = move |_| {
        before.swap(after);
        go(after_source.get_untracked(), before_source.get_untracked());
    };

    let side_view = move |which: Which, side: Side, source: Memo<Source>| {
        let pick = pick.clone();
        let name = which.name();
        let select_id = format!("compare-{name}-source");
        let select_for = select_id.clone();
        let paste_id = format!("compare-{name}-paste");
        let paste_for = paste_id.clone();
        let paste_test_id = paste_id.clone();
        let on_file = move |ev: leptos::ev::Event| {
            let input: HtmlInputElement = event_target(&ev);
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let file_name = file.name();
            // Chosen again, the same file must fire `change` again.
            input.set_value("");
            read_file_text(&file, move |text| match text {
                Ok(text) => side.load(format!("`{file_name}`"), &text),
                Err(why) => side
                    .message
                    .set(Some(Feedback::Refused(words::compare_unreadable(
                        &format!("`{file_name}`"),
                        &why,
                    )))),
            });
        };
        let use_paste = move |_| {
            let text = side.paste.get_untracked();
            side.load("the pasted text".to_owned(), &text);
        };
        view! {
            <fieldset class="card compare__side" data-testid=format!("compare-{name}")>
                <legend class="compare__legend">{which.legend()}</legend>
                <label class="compare__field" for=select_for>
                    <span class="compare__label">"State"</span>
                    <select
                        id=select_id
                        data-testid=format!("compare-{name}-source")
                        on:change=move |ev| {
                            if let Some(chosen) = Source::parse(&event_target_value(&ev)) {
                                pick(which, chosen);
                            }
                        }
                    >
                        {move || {
                            // A side the log does not offer (a link to a change it no longer
                            // keeps) is shown as chosen, not silently as another.
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
                                    view! {
                                        <option value=value prop:selected=selected>
                                            {text}
                                        </option>
                                    }
                                })
                                .collect_view();
                            view! { {missing} {listed} }
                        }}
                    </select>
                </label>
                <Show when=move || source.get() == Source::File>
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
                        <label class="compare__label" for=paste_for.clone()>
                            "or paste an exported state"
                        </label>
                        <textarea
                            id=paste_id.clone()
                            class="compare__paste"
                            rows="4"
                            spellcheck="false"
                            placeholder="{\"version\": …, \"state\": …}"
                            data-testid=paste_test_id.clone()
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
                </Show>
                <FeedbackLine feedback=side.message test_id=format!("compare-{name}-message") />
            </fieldset>
        }
    };

    let group =
        |title: &'static str, test_id: &'static str, tone: &'static str, lines: Vec<String>| {
            (!lines.is_empty()).then(|| {
                let count = lines.len();
                view! {
                    <section class=format!("compare__group compare__group--{tone}")>
                        <h3 class="compare__group-title">
                            {title} " " <span class="compare__count">{format!("({count})")}</span>
                        </h3>
                        <ul class="compare__list" data-testid=test_id>
                            {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                        </ul>
                    </section>
                }
            })
        };

    let result = move || {
        let Compared {
            before,
            after,
            diff,
            waiting,
        } = compared.get();
        match diff {
            Err(problem) => view! {
                <p
                    class="compare__problem"
                    class:compare__problem--waiting=waiting
                    data-testid="compare-problem"
                >
                    {problem}
                </p>
            }
            .into_any(),
            Ok(diff) => {
                let groups = words::diff_groups(&diff);
                let summary = words::compare_summary(&before, &after, &groups);
                let none = diff.is_empty();
                view! {
                    <p
                        class="compare__summary"
                        data-testid=if none { "compare-none" } else { "compare-summary" }
                    >
                        {summary}
                    </p>
                    {group("Access gained", "compare-gained", "gained", groups.gained)}
                    {group("Access lost", "compare-lost", "lost", groups.lost)}
                    {group("Keys", "compare-keys", "keys", groups.keys)}
                    {group("Audit findings", "compare-findings", "findings", groups.findings)}
                    {group("Renamed workspaces", "compare-renamed", "renamed", groups.renamed)}
                }
                .into_any()
            }
        }
    };

    view! {
        <section class="page compare" data-testid=format!("page-{}", Screen::Compare.slug())>
            <PageHeader screen=Screen::Compare />
            <div class="compare__sides">
                {side_view(Which::Before, before, before_source)}
                <button
                    type="button"
                    class="action-button compare__swap"
                    data-testid="compare-swap"
                    aria-label="Swap before and after"
                    title="Swap before and after"
                    on:click=swap
                >
                    "⇄ Swap"
                </button>
                {side_view(Which::After, after, after_source)}
            </div>
            <section
                class="card compare__result"
                aria-labelledby="compare-result-title"
                aria-live="polite"
                data-testid="compare-result"
            >
                <h2 class="compare__title" id="compare-result-title">
                    "What changes in access"
                </h2>
                {result}
            </section>
            <p class="compare__hint">
                "Comparing changes nothing: log points are replayed on a copy, and files are only read."
            </p>
        </section>
    }
}
