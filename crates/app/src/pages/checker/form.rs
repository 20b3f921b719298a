//! The question form: the kind of check, its fields, and the buttons that ask it; what it shows
//! depends on the kind of check ([`Fields`](studio_access_view::checker::Fields)).

use leptos::prelude::*;
use studio_access_core::Check;
use studio_access_view::checker::{self, parse_who};

use super::draft::Form;
use super::fields::{DetailFields, QuestionPicker, SubjectFields};
use super::reverse::Reverse;
use super::traffic::TrafficTable;
use crate::components::reveal_test_id;
use crate::store::Store;

/// The question form: the kind of check, its fields, and the buttons that ask it (as a check,
/// or as "who can" and "what can").
#[component]
pub fn CheckerForm(
    /// The form's fields.
    form: Form,
    /// Asks the checker a check (it goes to the address).
    ask: Callback<Check>,
    /// Where a reverse question is asked.
    reverse: WriteSignal<Option<Reverse>>,
) -> impl IntoView {
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(check) = form.checked() {
            ask.run(check);
            reveal_test_id("check-answer");
        }
    };
    let who_can = move |_| {
        if let Some(check) = form.checked() {
            reverse.set(Some(Reverse::WhoCan(check)));
            reveal_test_id("reverse-answer");
        }
    };
    let what_can = move |_| {
        reverse.set(Some(Reverse::WhatCan(parse_who(&form.who.get_untracked()))));
        reveal_test_id("reverse-answer");
    };
    let fields = form.fields;
    view! {
        <form class="checker__form card" on:submit=submit novalidate=true data-testid="check-form">
            <div class="checker__row">
                <QuestionPicker form=form />
            </div>
            <div class="checker__row">
                <SubjectFields form=form />
                <DetailFields form=form />
            </div>
            <Show when=move || fields.get().traffic>
                <TrafficTable form=form />
            </Show>
            <div class="checker__actions">
                <button type="submit" class="mx-button mx-button--primary" data-testid="check-submit">
                    "Check"
                </button>
                <button
                    type="button"
                    class="mx-button"
                    data-testid="check-who-can"
                    title="List every principal and key for whom this check is allowed"
                    disabled=move || !fields.get().who_can
                    aria-describedby=move || fields.get().who_can_unavailable().map(|_| "check-who-can-why")
                    on:click=who_can
                >
                    "Who can?"
                </button>
                // Asked of the "as" field's identity: hidden with that field (a key's call, a
                // load), where it named an identity the form no longer shows (a new user's walk).
                <button
                    type="button"
                    class="mx-button"
                    data-testid="check-what-can"
                    hidden=move || !fields.get().who
                    on:click=what_can
                >
                    {move || form.who.with(|who| checker::what_can_button(who))}
                </button>
                {move || {
                    fields
                        .get()
                        .who_can_unavailable()
                        .map(|why| {
                            view! {
                                <span class="checker__hint" id="check-who-can-why" data-testid="check-who-can-why">
                                    {why}
                                </span>
                            }
                        })
                }}
                <span class="checker__hint">
                    "Checks change nothing. The address links to the question asked."
                </span>
            </div>
            <Suggestions />
        </form>
    }
}

/// The suggestions of the text fields: identities, keys, workspaces (by name and ID) and
/// OpenAPI actions, one list each so that a new key does not redraw the identities.
#[component]
fn Suggestions() -> impl IntoView {
    let store = Store::get();
    let identities = Memo::new(move |_| store.state().with(checker::identities));
    let keys = Memo::new(move |_| {
        store
            .state()
            .with(|s| s.keys().map(|(_, k)| k.label.clone()).collect::<Vec<_>>())
    });
    let workspace_refs = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspaces()
                .flat_map(|(_, ws)| [ws.name.clone(), ws.id.clone()])
                .collect::<Vec<_>>()
        })
    });
    view! {
        {datalist("checker-identities", move || identities.get())}
        {datalist("checker-keys", move || keys.get())}
        {datalist("checker-workspace-refs", move || workspace_refs.get())}
        {datalist("checker-actions", checker::action_suggestions)}
    }
}

fn datalist(
    id: &'static str,
    items: impl Fn() -> Vec<String> + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <datalist id=id>
            {move || items().into_iter().map(|item| view! { <option value=item></option> }).collect_view()}
        </datalist>
    }
}
