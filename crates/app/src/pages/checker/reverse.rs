//! The reverse questions: who may do what a check asks (allowed with the grant each passed by,
//! denied with the gate that stopped each), and what one identity may do (a table of workspaces
//! by pages, models and APIs). An answer follows the state, belongs to the question the form
//! shows (another question clears it), and downloads as the command line's CSV.

mod what_can;
mod who_can;

use leptos::prelude::*;
use studio_access_core::{Check, Who};
use studio_access_view::checker::parse_who;
use studio_access_view::reverse as words;

use super::draft::Form;
use crate::components::{Feedback, FeedbackLine};
use crate::data;
use crate::store::Store;
use what_can::WhatCanTable;
use who_can::WhoCanLists;

/// A reverse question: who may do what a check asks, or what one identity may do.
#[derive(Clone, Debug, PartialEq)]
pub enum Reverse {
    /// Every principal and key asked the check (its `who` or caller set aside).
    WhoCan(Check),
    /// Everything this identity reaches.
    WhatCan(Who),
}

/// Wakes the caller on any change of the form's question.
fn track_form(form: Form) {
    form.op.track();
    form.through_key.track();
    form.who.track();
    form.workspace.track();
    form.model.track();
    form.key.track();
    form.ip.track();
    form.fine_tuned.track();
    form.page.track();
    form.access.track();
    form.action.track();
    form.openapi_workspace.track();
    form.billing.track();
    form.feature.track();
    form.traffic.track();
}

/// Whether `reverse` still answers what `form` asks: "who can" the same question (whoever
/// asks it), "what can" the same identity.
fn still_asked(reverse: &Reverse, form: Form) -> bool {
    match reverse {
        Reverse::WhoCan(check) => words::still_asked(check, form.draft().to_check().ok().as_ref()),
        Reverse::WhatCan(who) => form.who.with_untracked(|text| parse_who(text) == *who),
    }
}

/// The answer of the reverse question asked, if any; cleared when the form asks another.
#[component]
pub fn ReverseAnswer(
    /// The reverse question asked, if any.
    reverse: RwSignal<Option<Reverse>>,
    /// The question form, whose question the answer must belong to.
    form: Form,
) -> impl IntoView {
    let store = Store::get();
    Effect::new(move |_| {
        track_form(form);
        let stale = reverse.with_untracked(|r| r.as_ref().is_some_and(|r| !still_asked(r, form)));
        if stale {
            reverse.set(None);
        }
    });
    move || {
        // A question asked again is drawn anew (and said again), even when its answer is the same.
        reverse.get().map(|asked| match asked {
            Reverse::WhoCan(check) => {
                let check_shown = check.clone();
                let answer = Memo::new(move |_| store.state().with(|s| words::who_can(s, &check)));
                view! { <WhoCanLists asked=Reverse::WhoCan(check_shown) answer=answer /> }
                    .into_any()
            }
            Reverse::WhatCan(who) => {
                let who_shown = who.clone();
                let answer = Memo::new(move |_| store.state().with(|s| words::what_can(s, &who)));
                view! { <WhatCanTable asked=Reverse::WhatCan(who_shown) answer=answer /> }
                    .into_any()
            }
        })
    }
}

/// The answer's CSV download: the command line's columns for the question shown.
#[component]
fn DownloadCsv(
    /// The question whose answer is saved.
    asked: Reverse,
) -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let (file, label, what) = match &asked {
        Reverse::WhoCan(_) => (
            words::WHO_CAN_FILE,
            words::DOWNLOAD_WHO_CAN,
            "who is allowed",
        ),
        Reverse::WhatCan(_) => (words::WHAT_CAN_FILE, words::DOWNLOAD_WHAT_CAN, "the answer"),
    };
    let download = move |_| {
        let csv = store.state().with_untracked(|s| match &asked {
            Reverse::WhoCan(check) => words::who_can_csv(s, check),
            Reverse::WhatCan(who) => words::what_can_csv(s, who),
        });
        feedback.set(
            data::download_as(file, "text/csv", &csv)
                .err()
                .map(|why| Feedback::Refused(words::download_refused(&why))),
        );
    };
    view! {
        <div class="checker__reverse-download">
            <button
                type="button"
                class="mx-button"
                data-testid="reverse-download"
                title=words::download_title(what)
                on:click=download
            >
                {label}
            </button>
            <FeedbackLine feedback=feedback test_id="reverse-download-feedback" />
        </div>
    }
}
