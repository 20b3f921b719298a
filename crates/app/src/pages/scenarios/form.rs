//! The scenario form: open a file or load a sample, edit the TOML, choose where it runs, run it.

use leptos::prelude::*;
use studio_access_view::scenarios::{Ran, SAMPLES, Start};
use web_sys::HtmlInputElement;

use super::Draft;
use crate::components::{Feedback, FeedbackLine, read_file_text};

/// The form; `run` runs the draft.
#[component]
pub fn ScenarioForm(draft: Draft, ran: RwSignal<Option<Ran>>, run: Callback<()>) -> impl IntoView {
    let feedback = RwSignal::new(None::<Feedback>);
    // The typed text a load replaced, and its file name, until it is brought back or typing
    // starts on the new one: loading never loses what was typed.
    let replaced = RwSignal::new(None::<(String, String)>);
    // A new text forgets the previous run's answer.
    let load = move |text: String, file: String, said: String| {
        let typed = draft.text.get_untracked();
        let mine = !typed.trim().is_empty() && draft.loaded.with_value(|l| *l != typed);
        // Kept under the name it runs under now, an edit's mark included.
        replaced.set(mine.then(|| (typed, untrack(|| draft.file_name()))));
        draft.loaded.set_value(text.clone());
        draft.text.set(text);
        draft.file.set(file);
        ran.set(None);
        let said = if mine {
            format!("{said} It replaced the text you typed: bring it back with the button beside.")
        } else {
            said
        };
        feedback.set(Some(Feedback::Done(said)));
    };
    let bring_back = move |_| {
        if let Some((text, file)) = replaced.get_untracked() {
            // What was typed is brought back as typed, not as an edit of what was loaded.
            draft.loaded.set_value(String::new());
            draft.text.set(text);
            draft.file.set(file);
            replaced.set(None);
            ran.set(None);
            feedback.set(Some(Feedback::Done(
                "Brought back the text you typed.".to_owned(),
            )));
        }
    };
    let pick = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(picked) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = picked.name();
        feedback.set(None);
        read_file_text(&picked, move |result| match result {
            Ok(content) => load(content, name.clone(), format!("Opened `{name}`.")),
            Err(why) => feedback.set(Some(Feedback::Refused(format!(
                "Could not read `{name}`: {why}."
            )))),
        });
        // Picking the same file again should read it again.
        input.set_value("");
    };
    let samples = SAMPLES
        .iter()
        .map(|sample| {
            view! {
                <button
                    type="button"
                    class="action-button"
                    data-testid=format!("scenario-sample-{}", sample.id)
                    on:click=move |_| {
                        load(sample.text.to_owned(), sample.file_name(), sample.loaded());
                        draft.start.set(sample.start());
                    }
                >
                    {sample.title}
                </button>
            }
        })
        .collect_view();
    let starts = Start::ALL
        .iter()
        .map(|&choice| {
            view! {
                <label class="scenarios__choice">
                    <input
                        type="radio"
                        name="scenario-start"
                        value=choice.value()
                        data-testid=format!("scenario-start-{}", choice.value())
                        prop:checked=move || draft.start.get() == choice
                        on:change=move |_| draft.start.set(choice)
                    />
                    {choice.words()}
                </label>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run.run(());
    };
    view! {
        <form class="card scenarios__form" data-testid="scenario-form" on:submit=submit>
            <div class="scenarios__sources">
                <label class="scenarios__file">
                    "Open a scenario file "
                    <input type="file" accept=".toml,text/plain,application/toml" data-testid="scenario-file" on:change=pick />
                </label>
                <span class="scenarios__samples" role="group" aria-label="Samples">
                    "or load a sample: " {samples}
                </span>
            </div>
            <div class="scenarios__loaded">
                <FeedbackLine feedback=feedback test_id="scenario-load-feedback" />
                <Show when=move || replaced.with(Option::is_some)>
                    <button type="button" class="fw-button fw-button--small" data-testid="scenario-bring-back" on:click=bring_back>
                        "Bring back my text"
                    </button>
                </Show>
            </div>
            <label for="scenario-text" class="scenarios__label" data-testid="scenario-file-name">
                {move || format!("Scenario TOML ({})", draft.file_name())}
            </label>
            <textarea
                id="scenario-text"
                class="scenarios__text"
                rows="16"
                spellcheck="false"
                placeholder="today = \"2026-11-22\"\n\n[[step]]\nop = \"create-user\"\nname = \"user-01\""
                data-testid="scenario-text"
                prop:value=move || draft.text.get()
                on:input=move |ev| {
                    // Typing on the loaded text: bringing the old one back would lose this, and
                    // what the load said is no longer what the field holds.
                    replaced.set(None);
                    feedback.set(None);
                    draft.text.set(event_target_value(&ev));
                }
            ></textarea>
            <fieldset class="scenarios__start">
                <legend>"Run on"</legend>
                {starts}
            </fieldset>
            <p class="scenarios__hint">
                "Running changes nothing in the console: it works on a copy. Keep the result afterwards if you want it."
            </p>
            <button type="submit" class="action-button action-button--primary" data-testid="scenario-run">
                "Run scenario"
            </button>
        </form>
    }
}
