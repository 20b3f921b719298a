//! The simulation's date, always in the header, and how to change it: a `set-date` step, asked as
//! the acting identity and recorded like any other change, with what the new date changes said
//! before it is applied.

use leptos::prelude::*;
use studio_access_core::{Command, Date};

use crate::components::{
    ChangeDialog, CloseButton, Feedback, FeedbackLine, Proposals, close_disclosure, escape_closes,
};
use crate::store::{self, Store};
use crate::words;

/// The header's date: today in the simulation, and a small form to set it or reset it to the
/// browser's date.
///
/// Test ids: `header-date` (the date), `header-date-change` (opens the form), `date-input`,
/// `date-effect`, `date-set`, `date-reset`, `date-change` (the confirmation), `date-feedback`.
#[component]
pub fn DateControl() -> impl IntoView {
    let store = Store::get();
    let today = Memo::new(move |_| store.state().with(|s| s.today()));
    let open = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let feedback = RwSignal::new(None::<Feedback>);
    let proposals = Proposals::new();
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let toggle = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get() {
            draft.set(today.get_untracked().to_string());
            feedback.set(None);
            if let Some(input) = input_ref.get() {
                let _ = input.focus();
            }
        }
    });
    let wanted = Memo::new(move |_| draft.with(|d| d.parse::<Date>().ok()));
    let set = move |date: Date| {
        // A date that reads answers the question of the field: an error about an earlier text goes.
        feedback.set(None);
        let command = Command::SetDate {
            date: date.to_string(),
        };
        proposals.confirm(command, "date-set", move |executed| {
            feedback.set(Some(Feedback::of(
                &executed,
                format!("The simulation's date is now {date}."),
            )));
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match wanted.get_untracked() {
            Some(date) => set(date),
            None => feedback.set(Some(Feedback::Refused(
                draft.with_untracked(|text| words::not_a_date(text)),
            ))),
        }
    };
    let reset = move |_| {
        let date = store::browser_today();
        draft.set(date.to_string());
        set(date);
    };
    view! {
        <span class="date-control">
            <span class="date-control__label">"Today"</span>
            <time
                class="date-control__date"
                datetime=move || today.get().to_string()
                title="The simulation's date: rules that depend on dates read it"
                data-testid="header-date"
            >
                {move || today.get().to_string()}
            </time>
            <button
                type="button"
                class="date-control__change"
                aria-expanded=move || open.get().to_string()
                aria-controls="date-form"
                data-testid="header-date-change"
                node_ref=toggle
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Change"
            </button>
            <Show when=move || open.get()>
                <form
                    id="date-form"
                    class="date-control__form"
                    aria-label="Set the simulation's date"
                    on:submit=submit
                    on:keydown=escape_closes(open, toggle)
                >
                    <label for="date-input">"Simulation date"</label>
                    <input
                        id="date-input"
                        type="date"
                        min="0001-01-01"
                        max="9999-12-31"
                        node_ref=input_ref
                        data-testid="date-input"
                        bind:value=draft
                    />
                    <p class="date-control__effect" role="status" data-testid="date-effect">
                        {move || {
                            wanted
                                .get()
                                .map(|to| words::date_effect(today.get(), to))
                                .unwrap_or_else(|| "Enter a date (YYYY-MM-DD).".to_owned())
                        }}
                    </p>
                    <div class="date-control__buttons">
                        <button type="submit" class="fw-button fw-button--primary" data-testid="date-set">
                            "Set date"
                        </button>
                        <button type="button" class="fw-button" data-testid="date-reset" on:click=reset>
                            "Reset to the browser's date"
                        </button>
                        <CloseButton
                            label=words::CLOSE
                            class="fw-button fw-button--quiet"
                            test_id="date-close"
                            on_close=move |()| close_disclosure(open, toggle)
                        />
                    </div>
                    <ChangeDialog proposals=proposals test_id="date-change" />
                    <FeedbackLine feedback=feedback test_id="date-feedback" />
                </form>
            </Show>
        </span>
    }
}
