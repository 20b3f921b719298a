//! The API keys screen: the keys the acting identity may see (SPEC section 5), creating a key
//! (its secret shown once), deleting one, and editing a China (Beijing) key's IP whitelist.
//! What is shown and said is `studio_access_view::keys`; this module draws it.
//!
//! The secret of a new key lives only in this page's memory: it is gone once dismissed or once
//! the page is left, and it is never written to storage (the core keeps a hash and a mask).

mod create;
mod row;
mod secret;
mod table;
mod whitelist;

use leptos::prelude::*;
use studio_access_core::Executed;
use studio_access_view::keys::{self, Link};

use crate::Screen;
use crate::components::{Feedback, PageHeader};
use crate::store::Store;

use create::CreateKeyForm;
use secret::{Issued, SecretOnce};
use table::KeyList;
use whitelist::WhitelistEditor;

/// The API keys screen. `?key=<label or id>` scrolls to that key and highlights it, so that
/// other pages (the audit's key findings, for one) can link straight to it; with
/// `&edit=whitelist` its IP whitelist editor opens.
#[component]
pub fn KeysPage() -> impl IntoView {
    let store = Store::get();
    let visible = Memo::new(move |_| {
        store
            .state()
            .with(|s| store.who().with(|w| keys::visible_keys(s, w)))
    });
    let query = leptos_router::hooks::use_query_map();
    let linked = Memo::new(move |_| {
        let wanted = query.with(|q| q.get("key"))?;
        Some(store.state().with(|s| Link::new(s, &wanted)))
    });

    let issued = RwSignal::new(None::<Issued>);
    let feedback = RwSignal::new(None::<Feedback>);
    let editing = RwSignal::new(None::<String>);

    // An editor stays open only on a key the acting identity may see.
    Effect::new(move |_| {
        let open = editing.get();
        if let Some(label) = open
            && !visible.with(|v| v.shows(&label))
        {
            editing.set(None);
        }
    });

    // `&edit=whitelist` (the audit's Beijing key without a whitelist) opens the linked key's
    // whitelist editor, where the addresses only the person knows are entered.
    Effect::new(move |_| {
        let wanted = query.with(|q| q.get("edit")).as_deref() == Some("whitelist");
        let label = linked.with(|l| l.as_ref().and_then(Link::label).map(str::to_owned));
        if let Some(label) = label.filter(|_| wanted)
            && visible.with_untracked(|v| v.shows(&label))
        {
            editing.set(Some(label));
        }
    });

    let deleted = Callback::new(move |(label, executed): (String, Executed)| {
        if executed.outcome.is_success()
            && editing.with_untracked(|e| e.as_deref() == Some(label.as_str()))
        {
            editing.set(None);
        }
        feedback.set(Some(Feedback::of(&executed, keys::deleted_note(&label))));
    });

    view! {
        <section class="page keys" data-testid=format!("page-{}", Screen::ApiKeys.slug())>
            <PageHeader screen=Screen::ApiKeys />

            <CreateKeyForm issued=issued />
            <SecretOnce issued=issued />
            <KeyList
                visible=visible
                linked=linked
                editing=editing
                feedback=feedback
                on_deleted=deleted
            />
            <WhitelistEditor editing=editing />
        </section>
    }
}

/// The options of a workspace picker: every live workspace with its region, the one `selected`
/// names marked.
#[component]
fn WorkspaceOptions(
    /// The name of the workspace chosen.
    selected: RwSignal<String>,
) -> impl IntoView {
    let store = Store::get();
    let choices = Memo::new(move |_| store.state().with(keys::workspace_choices));
    move || {
        choices
            .get()
            .into_iter()
            .map(|choice| {
                let name = choice.name.clone();
                view! {
                    <option
                        value=choice.name
                        prop:selected=move || selected.with(|s| *s == name)
                    >
                        {choice.label}
                    </option>
                }
            })
            .collect_view()
    }
}
