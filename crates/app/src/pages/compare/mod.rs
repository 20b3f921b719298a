//! The Compare screen: the access diff between two states, each side chosen from the current
//! state, a point of the activity log, or a state file (picked or pasted). Deep links name the
//! sides (`?before=start&after=current`, a change by its number: `?before=3&after=7`); a file side
//! is `file` and waits for a file. Nothing here changes the stored state: log points are replayed
//! on copies, and files are read beside it. What is compared and said is
//! `studio_access_view::compare`.

mod result;
mod side;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use studio_access_view::compare::{self as view, Source, Which};

use crate::Screen;
use crate::components::PageHeader;
use crate::store::Store;

use result::CompareResult;
use side::{Side, SideView};

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

/// The path of the screen with these two sides.
fn href(before: Source, after: Source) -> String {
    format!(
        "/{}?before={}&after={}",
        Screen::Compare.segment(),
        before.value(),
        after.value()
    )
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
                after
                    .file
                    .with(|af| view::compare(current, (b, bf.as_ref()), (a, af.as_ref())))
            })
        })
    });
    let options = Memo::new(move |_| store.state().with(view::choices));

    let go = Callback::new(move |(before, after): (Source, Source)| {
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..NavigateOptions::default()
        };
        navigate(&href(before, after), options);
    });
    let pick = Callback::new(move |(which, chosen): (Which, Source)| match which {
        Which::Before => go.run((chosen, after_source.get_untracked())),
        Which::After => go.run((before_source.get_untracked(), chosen)),
    });
    let swap = move |_| {
        before.swap(after);
        go.run((after_source.get_untracked(), before_source.get_untracked()));
    };

    view! {
        <section class="page compare" data-testid=format!("page-{}", Screen::Compare.slug())>
            <PageHeader screen=Screen::Compare />
            <div class="compare__sides">
                <SideView which=Which::Before side=before source=before_source options=options pick=pick />
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
                <SideView which=Which::After side=after source=after_source options=options pick=pick />
            </div>
            <CompareResult compared=compared />
            <p class="compare__hint">
                "Comparing changes nothing: log points are replayed on a copy, and files are only read."
            </p>
        </section>
    }
}
