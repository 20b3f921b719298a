//! The scenarios screen: a scenario file (picked, pasted or a sample) run on a copy of the current
//! state or on a new account, every entry shown as passed or failed, and the resulting state kept
//! on request. What runs and what is said is `studio_access_view::scenarios`.

mod form;
mod report;

use leptos::prelude::*;
use studio_access_core::State;
use studio_access_view::scenarios::{self as view, Ran, Stale, Start};

use crate::Screen;
use crate::components::PageHeader;
use crate::store::{self, Store};

use form::ScenarioForm;
use report::RunReport;

/// The element holding the latest run's answer.
const REPORT_ID: &str = "scenario-report";

/// The scenario being edited: its text and the file name it runs under.
#[derive(Clone, Copy)]
struct Draft {
    text: RwSignal<String>,
    file: RwSignal<String>,
    start: RwSignal<Start>,
    /// The text last loaded (a sample, a file): a text that differs was typed by the person.
    loaded: StoredValue<String>,
}

impl Draft {
    /// The name the text runs under: the file or sample it was loaded from, marked edited once
    /// it differs from what was loaded (a new user's walk: a pasted text ran under the sample's
    /// name, and its malformed report named the sample's file).
    fn file_name(self) -> String {
        let edited = self.text.with(|text| {
            self.loaded
                .with_value(|loaded| !loaded.is_empty() && loaded != text)
        });
        let file = self.file.get();
        if edited {
            view::edited_name(&file)
        } else {
            file
        }
    }
}

/// The scenarios screen.
#[component]
pub fn ScenariosPage() -> impl IntoView {
    let store = Store::get();
    let draft = Draft {
        text: RwSignal::new(String::new()),
        file: RwSignal::new("pasted.toml".to_owned()),
        start: RwSignal::new(Start::Current),
        loaded: StoredValue::new(String::new()),
    };
    let ran = RwSignal::new(None::<Ran>);
    // What the latest run ran, and the data a run on them started from: once the draft or the
    // data differ, its report is marked as no longer the answer to what is shown, and its
    // result cannot be kept (a new user's walk: the report stayed under edited text, and Keep
    // threw away data loaded after the run).
    let ran_with = RwSignal::new(None::<(String, Start)>);
    let basis = StoredValue::new(None::<State>);
    let stale = Memo::new(move |_| {
        let file = ran_with.with(|with| {
            with.as_ref().is_some_and(|(text, start)| {
                draft.start.get() != *start || draft.text.with(|now| now != text)
            })
        });
        let data = ran.with(|ran| match ran {
            Some(Ran::Report {
                start: Start::Current,
                state: after,
                ..
            }) => basis.with_value(|before| {
                before.as_ref().is_some_and(|before| {
                    store
                        .state()
                        .with(|now| now != before && now != after.as_ref())
                })
            }),
            _ => false,
        });
        match (ran.with(Option::is_some), file, data) {
            (false, _, _) => None,
            (true, true, _) => Some(Stale::File),
            (true, false, true) => Some(Stale::Data),
            (true, false, false) => None,
        }
    });
    // `?sample=<id>` opens with that sample loaded (the Overview's first steps link here).
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        let wanted = query.with(|q| q.get("sample"));
        if let Some(sample) = wanted.and_then(|id| view::SAMPLES.iter().find(|s| s.id == id)) {
            draft.text.set(sample.text.to_owned());
            draft.loaded.set_value(sample.text.to_owned());
            draft.file.set(sample.file_name());
            draft.start.set(sample.start());
        }
    });
    let run = Callback::new(move |()| {
        let outcome = store.state().with_untracked(|current| {
            draft.text.with_untracked(|text| {
                let file = untrack(|| draft.file_name());
                let start = draft.start.get_untracked();
                view::run(&file, text, start, current, store::browser_today())
            })
        });
        if draft.start.get_untracked() == Start::Current {
            basis.set_value(Some(store.state().get_untracked()));
        }
        ran.set(Some(outcome));
        ran_with.set(Some((
            draft.text.get_untracked(),
            draft.start.get_untracked(),
        )));
        // The answer is below the form: bring it into view once it is drawn.
        request_animation_frame(|| {
            if let Some(report) = document().get_element_by_id(REPORT_ID) {
                report.scroll_into_view();
            }
        });
    });
    view! {
        <section class="page scenarios" data-testid=format!("page-{}", Screen::Scenarios.slug())>
            <PageHeader screen=Screen::Scenarios />
            <ScenarioForm draft=draft ran=ran run=run />
            {move || {
                stale
                    .get()
                    .map(|why| {
                        view! {
                            <p class="card card--empty" role="status" data-testid="scenario-report-stale">
                                {why.words()}
                            </p>
                        }
                    })
            }}
            {move || {
                ran.get()
                    .map(|ran| {
                        view! { <RunReport ran=ran stale=Signal::derive(move || stale.with(Option::is_some)) /> }
                    })
            }}
        </section>
    }
}
