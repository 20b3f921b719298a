//! The storage banner: what is wrong with the browser's storage, and, for saved data that could
//! not be read, the person's choices. The unreadable data is never overwritten until they choose.

use leptos::prelude::*;

use crate::components::{Feedback, FeedbackLine};
use crate::data;
use crate::store::{StorageProblem, Store};

/// Shows [`Store::problem`] and a copy of unreadable data kept aside, with what can be done.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let store = Store::get();
    // Whether unreadable data is kept aside: read once, then kept in step with the buttons.
    let aside_kept = RwSignal::new(store.aside().is_some());
    let feedback = RwSignal::new(None::<Feedback>);
    let download_aside = move |_| {
        let result = match store.aside() {
            Some(text) => data::download("studio-access-unreadable.json", &text)
                .map(|()| Feedback::Done("Downloaded the unreadable data.".to_owned()))
                .unwrap_or_else(|why| Feedback::Refused(format!("The download failed: {why}."))),
            None => {
                aside_kept.set(false);
                Feedback::Refused("No unreadable data is kept any more.".to_owned())
            }
        };
        feedback.set(Some(result));
    };
    let resume = move |_| {
        store.resume_saving();
        aside_kept.set(store.aside().is_some());
        feedback.set(Some(Feedback::Done(
            "Saving again from now on. The unreadable data is still kept aside.".to_owned(),
        )));
    };
    let discard = move |_| {
        store.discard_aside();
        aside_kept.set(store.aside().is_some());
        feedback.set(Some(Feedback::Done("Discarded the kept copy.".to_owned())));
    };
    let download_button = move || {
        view! {
            <button
                type="button"
                class="fw-button"
                data-testid="storage-download-aside"
                on:click=download_aside
            >
                "Download the unreadable data"
            </button>
        }
    };
    let banner = move || {
        let (tone, role, test_id, text, actions) = match store.problem().get() {
            Some(StorageProblem::Unavailable) => (
                "warn",
                "alert",
                "storage-banner",
                "This browser offers no storage to this page: your work stays in this tab only and is lost when it closes. Use Data › Export to keep it."
                    .into_any(),
                None,
            ),
            Some(StorageProblem::Unreadable { reason }) => (
                "danger",
                "alert",
                "storage-banner",
                failure(
                    "The saved data could not be read: ",
                    reason,
                    ". It is kept aside, untouched, and nothing is saved until you decide. You are looking at a new account.",
                ),
                Some(view! {
                    {download_button}
                    <button type="button" class="fw-button fw-button--primary" data-testid="storage-resume" on:click=resume>
                        "Start fresh and save from now on"
                    </button>
                }
                .into_any()),
            ),
            Some(StorageProblem::SaveFailed { reason }) => (
                "danger",
                "alert",
                "storage-banner",
                failure(
                    "Your latest change could not be saved: ",
                    reason,
                    ". It is still here in this tab. The browser's storage may be full: use Data › Export to keep your work.",
                ),
                None,
            ),
            None if aside_kept.get() => (
                "info",
                "status",
                "storage-aside",
                "A copy of saved data that could not be read is still kept aside in this browser."
                    .into_any(),
                Some(view! {
                    {download_button}
                    <button type="button" class="fw-button fw-button--danger" data-testid="storage-discard-aside" on:click=discard>
                        "Discard the kept copy"
                    </button>
                }
                .into_any()),
            ),
            None => return ().into_any(),
        };
        view! {
            <div class=format!("fw-banner fw-banner--{tone}") role=role data-testid=test_id>
                <p class="fw-banner__text">{text}</p>
                {actions.map(|actions| {
                    view! {
                        <div class="fw-banner__actions">{actions}</div>
                        <FeedbackLine feedback=feedback test_id="storage-feedback" />
                    }
                })}
            </div>
        }
        .into_any()
    };
    view! { <div class="fw-banners">{banner}</div> }
}

/// What failed (in bold), the browser's reason (`storage-reason`), and what it means.
fn failure(what: &'static str, reason: String, meaning: &'static str) -> AnyView {
    view! {
        <strong>{what}</strong>
        <span data-testid="storage-reason">{reason}</span>
        {meaning}
    }
    .into_any()
}
