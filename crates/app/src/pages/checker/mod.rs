//! The access checker: ask any check of SPEC section 6 and see the decision, the code and every
//! gate; for a denial, the steps that would allow it, ready to apply.
//!
//! The question lives in the address (`?q=` holding the check as JSON), so a check can be shared
//! and back and forward move between questions. The answer is derived from the question and the
//! state, so it follows every change, the remedy's included. What the screen says and how the
//! form becomes a check is `studio_access_view::checker`; this module draws it.

mod answer;
mod draft;
mod error_lookup;
mod fields;
mod form;
mod remedy;
mod reverse;
mod traffic;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use studio_access_core::Check;

use crate::Screen;
use crate::components::PageHeader;
use crate::remembered::Remembered;
use crate::store::Store;

use answer::Answer;
use draft::Form;
use error_lookup::ErrorLookup;
use form::CheckerForm;
use reverse::{Reverse, ReverseAnswer};

/// The checker's path asking the question `encoded` (its `?q=`, encoded).
fn asking(encoded: &str) -> String {
    format!("/{}?q={encoded}", Screen::AccessChecker.segment())
}

/// The Access checker screen.
#[component]
pub fn CheckerPage() -> impl IntoView {
    let store = Store::get();
    let form = store.state().with_untracked(Form::new);
    let query = use_query_map();
    let navigate = use_navigate();
    // Opened without a question, the last one read is asked again (see `Remembered`).
    let last = Remembered::get().question;
    if query.with_untracked(|q| q.get("q").is_none())
        && let Some(encoded) = last.get_value()
    {
        let navigate = navigate.clone();
        request_animation_frame(move || {
            // Not when the person has gone on within the frame, nor asked something since.
            let location = window().location();
            let here = location
                .pathname()
                .is_ok_and(|path| path.ends_with(Screen::AccessChecker.segment()))
                && location.search().is_ok_and(|search| search.is_empty());
            if here {
                let again = NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                };
                navigate(&asking(&encoded), again);
            }
        });
    }

    // The question asked: the check in the address, or why it could not be read.
    let asked = Memo::new(move |_| {
        query
            .with(|q| q.get("q"))
            .map(|text| serde_json::from_str::<Check>(&text).map_err(|e| e.to_string()))
    });
    let question =
        Memo::new(move |_| asked.with(|a| a.as_ref().and_then(|r| r.as_ref().ok()).cloned()));
    // Every question read is the one asked again on return; one that cannot be read is not.
    Effect::new(move |_| {
        if question.with(Option::is_some)
            && let Some(text) = query.with_untracked(|q| q.get("q"))
        {
            let encoded = String::from(js_sys::encode_uri_component(&text));
            last.set_value(Some(encoded));
        }
    });
    // The reverse question asked, if any.
    let reverse = RwSignal::new(None::<Reverse>);

    // The question arrived with is shown in the form from the first frame.
    if let Some(check) = question.get_untracked() {
        form.fill(&check);
    }
    // Whether the form still shows the question asked: its answer is shown only then.
    let shown = Memo::new(move |_| {
        let draft = form.current();
        question.with(|q| q.as_ref().is_none_or(|check| draft.asks(check)))
    });

    // A new question (typed, linked, or reached by back and forward) fills the form.
    Effect::new(move |_| {
        if let Some(check) = question.get() {
            form.fill(&check);
        }
    });

    // A question read from the address (asked, or reached by back and forward) is the one shown:
    // a reverse answer gives way to its answer.
    Effect::new(move |_| {
        asked.track();
        reverse.set(None);
    });

    // Asking a check puts it in the address; the answer follows from there.
    let ask = Callback::new(move |check: Check| {
        reverse.set(None);
        let json = serde_json::to_string(&check).unwrap_or_default();
        let encoded = String::from(js_sys::encode_uri_component(&json));
        navigate(
            &asking(&encoded),
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });

    // The check whose answer is shown now: the error lookup explains its check only while so.
    let answered = Signal::derive(move || {
        (shown.get() && reverse.with(Option::is_none))
            .then(|| question.get())
            .flatten()
    });

    view! {
        <section class="page checker" data-testid=format!("page-{}", Screen::AccessChecker.slug())>
            <PageHeader screen=Screen::AccessChecker />
            <CheckerForm form=form ask=ask reverse=reverse.write_only() />
            <ErrorLookup ask=ask answered=answered />
            <div aria-live="polite">
                <ReverseAnswer reverse=reverse form=form />
            </div>
            // The check's answer gives way to a reverse answer, which belongs to the question shown.
            <div aria-live="polite">
                <Show when=move || reverse.with(Option::is_none)>
                    <Answer asked=asked question=question shown=shown />
                </Show>
            </div>
        </section>
    }
}
