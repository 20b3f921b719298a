//! One key's row of the list: one line of a fixed height ([`ROW_HEIGHT`]), long cells cut with
//! the whole text on hover, and the key's actions. The Delete question opens over the rows below
//! (it does not change the row's height); the whitelist editor opens below the list.

use leptos::prelude::*;
use studio_access_core::{Command, Executed};
use studio_access_view::keys::{self, Link};

use crate::components::{ActionButton, CopyValue};
use crate::store::Store;
use crate::words;

/// The height of a key's row, in pixels: one line, whatever it holds.
pub const ROW_HEIGHT: i32 = 48;

/// One key's row. Keyed by label, it is drawn once; what changes of its key (status, whitelist,
/// a renamed workspace) updates in place, and a change to another key leaves it alone.
#[component]
pub fn KeyRow(
    /// The key's row as first drawn.
    row: keys::KeyRow,
    /// Where the page's deep link leads, when it has one.
    linked: Memo<Option<Link>>,
    /// The label of the key whose whitelist editor is open.
    editing: RwSignal<Option<String>>,
    /// Says what deleting the key came to.
    on_deleted: Callback<(String, Executed)>,
) -> impl IntoView {
    let store = Store::get();
    let label = row.label.clone();
    // The key as the state has it now; a key gone from the state (its row about to leave the
    // list) keeps what it showed last.
    let row = {
        let label = label.clone();
        Memo::new(move |last: Option<&keys::KeyRow>| {
            store
                .state()
                .with(|s| keys::key_row(s, &label))
                .or_else(|| last.cloned())
                .unwrap_or_else(|| row.clone())
        })
    };
    let text = move |pick: fn(&keys::KeyRow) -> String| move || row.with(pick);
    let status_name = move || row.with(keys::KeyRow::status_name);
    let dead = Memo::new(move |_| row.with(keys::KeyRow::is_dead));
    let target = {
        let label = label.clone();
        move || linked.with(|l| l.as_ref().and_then(Link::label) == Some(label.as_str()))
    };
    let id = |what: &str| format!("key-{what}-{label}");
    let actions_label = label.clone();
    let secret_title = {
        let label = label.clone();
        move || row.with(|r| format!("{label} {}", r.masked))
    };
    view! {
        <tr
            class="keys__row"
            class:keys__row--dead=move || dead.get()
            class:keys__row--linked=target.clone()
            data-testid=id("row")
            data-status=status_name
            data-linked=move || target().to_string()
            style=format!("height: {ROW_HEIGHT}px")
        >
            <th scope="row" title=secret_title>
                <span class="fw-name" title=label.clone() data-testid=id("label")>
                    {label.clone()}
                </span>
                " "
                <code class="keys__masked" data-testid=id("masked")>
                    {text(|r| r.masked.clone())}
                </code>
            </th>
            <td class="keys__place" title=text(keys::KeyRow::place)>
                <span
                    class="fw-name"
                    title=text(|r| r.workspace.clone())
                    data-testid=id("workspace")
                >
                    {text(|r| r.workspace.clone())}
                </span>
                " "
                <span class="keys__region">{move || row.with(|r| words::region(r.region))}</span>
                " "
                <CopyValue
                    value=Signal::derive(text(|r| r.workspace_id.clone()))
                    what=format!("workspace ID of key {label}")
                    test_id=id("workspace-id")
                />
            </td>
            <td title=text(keys::KeyRow::ownership)>
                <span class="fw-name" title=text(|r| r.owner.clone()) data-testid=id("owner")>
                    {text(|r| r.owner.clone())}
                </span>
                // Said only when it is someone else ("root created for root" said nothing).
                {
                    let created_for_id = id("created-for");
                    move || {
                    row.with(|r| r.created_for_other().map(str::to_owned))
                        .map(|other| {
                            view! {
                                <span class="keys__created-for">
                                    "created for "
                                    <span
                                        class="fw-name"
                                        title=other.clone()
                                        data-testid=created_for_id.clone()
                                    >
                                        {other.clone()}
                                    </span>
                                </span>
                            }
                        })
                    }
                }
            </td>
            <td>
                <span
                    class=move || format!("keys__status keys__status--{}", status_name())
                    data-testid=id("status")
                >
                    {move || row.with(|r| words::key_status(r.status))}
                </span>
                <span class="keys__created" data-testid=id("created")>
                    "created " {text(|r| r.created.clone())}
                </span>
            </td>
            <td
                class="keys__whitelist"
                title=text(keys::KeyRow::whitelist_text)
                data-testid=id("whitelist-list")
            >
                {text(keys::KeyRow::whitelist_text)}
            </td>
            <td class="keys__actions">
                <Show when=move || !dead.get()>
                    <KeyActions label=actions_label.clone() editing=editing on_deleted=on_deleted />
                </Show>
            </td>
        </tr>
    }
}

/// A live key's actions: edit its whitelist, or delete it after a question that opens over the
/// rows below and lists what dies with it (Escape cancels and gives the focus back to the Delete
/// button).
#[component]
fn KeyActions(
    /// The key's label.
    label: String,
    /// The label of the key whose whitelist editor is open.
    editing: RwSignal<Option<String>>,
    /// Says what deleting the key came to.
    on_deleted: Callback<(String, Executed)>,
) -> impl IntoView {
    let is_open = {
        let label = label.clone();
        move || editing.with(|e| e.as_deref() == Some(label.as_str()))
    };
    let open_editor = {
        let label = label.clone();
        move |_| editing.set(Some(label.clone()))
    };
    let delete = {
        let command = Command::DeleteApiKey { key: label.clone() };
        Signal::derive(move || Some(command.clone()))
    };
    // What core would refuse, asked before a button offers it: such a button is disabled and
    // says why (its title).
    let store = Store::get();
    let refused = {
        let label = label.clone();
        Memo::new(move |_| {
            store.state().with(|s| {
                store
                    .who()
                    .with(|who| keys::actions_refused(s, who, &label))
            })
        })
    };
    let whitelist_refused = move || refused.with(|r| r.whitelist.clone());
    let deleted = {
        let label = label.clone();
        Callback::new(move |executed: Executed| on_deleted.run((label.clone(), executed)))
    };
    view! {
        <button
            type="button"
            class="action-button"
            aria-expanded={
                let is_open = is_open.clone();
                move || is_open().to_string()
            }
            // Only while the editor is there: an id reference must name an element.
            aria-controls=move || is_open().then_some("key-whitelist-editor")
            data-testid=format!("key-whitelist-{label}")
            aria-label=format!("IP whitelist of key {label}")
            disabled=move || whitelist_refused().is_some()
            title=whitelist_refused
            on:click=open_editor
        >
            "IP whitelist"
        </button>
        <ActionButton
            label="Delete"
            aria_label=format!("Delete key {label}")
            question=keys::delete_question(&label)
            confirm_label="Delete key"
            command=delete
            always=true
            done=deleted
            test_id=format!("key-delete-{label}")
            danger=true
            why_disabled=Signal::derive(move || refused.with(|r| r.delete.clone()))
        />
    }
}
