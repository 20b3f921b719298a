//! "Seen an error?": a person pastes what a colleague saw (the seed's FAQ errors), chooses who saw
//! it, and the checker asks the check the error comes from, with its trace and fix. A text that
//! is not recognised says so and lists what is known.

use leptos::prelude::*;
use studio_access_core::Check;
use studio_access_view::checker::{error_workspace, parse_who};
use studio_access_view::faq::{self, Recognized};

use crate::components::{Prose, TextField};
use crate::store::Store;

/// The error lookup of the Access checker. `ask` puts a check to the checker. What an error
/// means is said while the answer shown is the answer to the check it was found to come from:
/// once the question changes (another check asked, the form edited, a reverse question), it goes
/// with the answer it explained; once the data change so that the answer is no longer the
/// error's refusal, the lookup says so instead.
///
/// Test ids: `error-text`, `error-who`, `error-workspace`, `error-find`, `error-meaning`,
/// `error-unknown`, `error-not-explained`.
#[component]
pub fn ErrorLookup(
    /// Asks the checker a check (it shows the answer, the trace and the fix).
    ask: Callback<Check>,
    /// The check whose answer the checker shows now, if any.
    #[prop(into)]
    answered: Signal<Option<Check>>,
) -> impl IntoView {
    let store = Store::get();
    let text = RwSignal::new(String::new());
    let who = RwSignal::new(store.who().get_untracked().to_string());
    let workspace = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Result<(Recognized, Check), ()>>);
    let workspaces = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspaces()
                .map(|(_, ws)| ws.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let recognized = Memo::new(move |_| text.with(|t| faq::recognize(t)));
    let needs_workspace =
        move || recognized.with(|r| r.as_ref().is_some_and(Recognized::needs_workspace));
    let find = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(error) = recognized.get_untracked() else {
            found.set(Some(Err(())));
            return;
        };
        let chosen = workspace.get_untracked();
        let saw = parse_who(&who.get_untracked());
        let in_workspace = if error.needs_workspace() && chosen.is_empty() {
            store.state().with_untracked(|s| error_workspace(s, &saw))
        } else {
            Some(chosen).filter(|w| !w.is_empty())
        };
        let check = error.check(saw, in_workspace);
        found.set(Some(Ok((error, check.clone()))));
        ask.run(check);
    };
    view! {
        <section class="card checker__lookup" aria-labelledby="error-lookup-title" data-testid="error-lookup">
            <h2 class="checker__subtitle" id="error-lookup-title">
                "Seen an error message? Find the check it comes from"
            </h2>
            <form class="checker__lookup-form" on:submit=find>
                <label for="error-text">"The error, as it was seen"</label>
                <textarea
                    id="error-text"
                    rows="2"
                    data-testid="error-text"
                    placeholder="e.g. NoPermission, sfm:GetRetrievePromptPipelineMaxLimit"
                    bind:value=text
                ></textarea>
                <TextField
                    label="Who saw it (root, a user, or “user via role”)"
                    test_id="error-who"
                    value=who
                    list="checker-identities"
                />
                <label for="error-workspace">
                    {move || if needs_workspace() { "In workspace" } else { "In workspace (optional)" }}
                </label>
                <select
                    id="error-workspace"
                    data-testid="error-workspace"
                    on:change=move |ev| workspace.set(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || workspace.with(String::is_empty)>
                        {move || if needs_workspace() { "theirs (the first they are a member of)" } else { "none" }}
                    </option>
                    {move || {
                        workspaces
                            .get()
                            .into_iter()
                            .map(|name| {
                                let selected = name.clone();
                                view! {
                                    <option
                                        value=name.clone()
                                        prop:selected=move || workspace.with(|w| *w == selected)
                                    >
                                        {name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <button type="submit" class="mx-button" data-testid="error-find">
                    "Find the check"
                </button>
            </form>
            <Found found=found answered=answered />
        </section>
    }
}

/// What a lookup found: what the error means while the checker shows the answer it explains (or
/// that the answer is now another), or, for a text that is no known error, the errors known.
#[component]
fn Found(
    /// The error recognised and the check asked, or `Err` for a text not recognised.
    found: RwSignal<Option<Result<(Recognized, Check), ()>>>,
    /// The check whose answer the checker shows now, if any.
    answered: Signal<Option<Check>>,
) -> impl IntoView {
    let store = Store::get();
    move || {
        found.get().map(|found| match found {
            Ok((error, check)) => {
                if answered.with(|a| a.as_ref() != Some(&check)) {
                    return ().into_any();
                }
                let outcome = store.state().with(|s| s.decide(&check));
                if !error.explains(outcome) {
                    return view! {
                        <p class="checker__lookup-meaning" role="status" data-testid="error-not-explained">
                            <Prose sentence=error.not_explained(outcome) />
                        </p>
                    }
                    .into_any();
                }
                view! {
                    <p class="checker__lookup-meaning" role="status" data-testid="error-meaning">
                        <Prose sentence=error.meaning() />
                        " The check is asked below."
                    </p>
                }
                .into_any()
            }
            Err(()) => view! {
                <div role="alert" data-testid="error-unknown">
                    <p>"This text is not one of the errors the console knows. It knows:"</p>
                    <ul>
                        {faq::KNOWN.iter().map(|known| view! { <li><code>{*known}</code></li> }).collect_view()}
                    </ul>
                </div>
            }
            .into_any(),
        })
    }
}
