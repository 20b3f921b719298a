//! The list of keys: filters by workspace and status, where a deep link leads, what is hidden
//! and why, and one row per key, each its own component keyed by label.

use leptos::prelude::*;
use studio_access_core::{Command, Executed};
use studio_access_view::keys::{self, Link, STATUS_CHOICES, Visible};

use crate::components::{ActionButton, CopyValue, Feedback, FeedbackLine};
use crate::store::Store;
use crate::words;

use super::WorkspaceOptions;

/// The keys the acting identity may see, through the filters. A linked key is shown whatever
/// the filters were, then brought into view once drawn.
#[component]
pub fn KeyList(
    /// What the acting identity may see of the keys.
    visible: Memo<Visible>,
    /// Where the page's deep link leads, when it has one.
    linked: Memo<Option<Link>>,
    /// The label of the key whose whitelist editor is open.
    editing: RwSignal<Option<String>>,
    /// What the last deletion came to.
    feedback: RwSignal<Option<Feedback>>,
    /// Says what deleting a key came to.
    on_deleted: Callback<(String, Executed)>,
) -> impl IntoView {
    let workspace = RwSignal::new(String::new());
    let status = RwSignal::new("all".to_owned());
    let shown = Memo::new(move |_| {
        let status = keys::status_choice(&status.get());
        workspace.with(|w| visible.with(|v| v.filtered(w, status)))
    });
    let linked_label = move || linked.with(|l| l.as_ref().and_then(Link::label).map(str::to_owned));

    Effect::new(move |_| {
        if linked_label().is_some() {
            workspace.set(String::new());
            status.set("all".to_owned());
        }
    });
    Effect::new(move |_| {
        let Some(label) = linked_label() else {
            return;
        };
        shown.track();
        request_animation_frame(move || {
            let row = document()
                .query_selector(&format!("[data-testid=\"key-row-{label}\"]"))
                .ok()
                .flatten();
            if let Some(row) = row {
                row.scroll_into_view();
            }
        });
    });

    view! {
        <div class="card keys__list">
            <KeyFilters visible=visible shown=shown workspace=workspace status=status />
            {move || {
                linked
                    .get()
                    .map(|link| {
                        view! {
                            <p class="keys__link-note" role="status" data-testid="keys-link-note">
                                {visible.with(|v| link.note(v))}
                            </p>
                        }
                    })
            }}
            {move || {
                visible
                    .with(Visible::hidden_note)
                    .map(|note| view! { <p class="keys__hidden" data-testid="keys-hidden">{note}</p> })
            }}
            <FeedbackLine feedback=feedback test_id="keys-feedback" />
            <Show
                when=move || !shown.with(Vec::is_empty)
                fallback=move || {
                    view! {
                        <p class="keys__empty" data-testid="keys-empty">
                            {visible.with(Visible::empty_note)}
                        </p>
                    }
                }
            >
                <div class="keys__scroll">
                    <table class="keys__table" data-testid="keys-table">
                        <caption class="visually-hidden">"API keys"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Label and secret"</th>
                                <th scope="col">"Workspace and region"</th>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Created"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"IP whitelist"</th>
                                <th scope="col">
                                    <span class="visually-hidden">"Actions"</span>
                                </th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || shown.get() key=|row| row.label.clone() let(row)>
                                <KeyRow row=row linked=linked editing=editing on_deleted=on_deleted />
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </div>
    }
}

/// The workspace and status pickers, and how many of the visible keys they let through.
#[component]
fn KeyFilters(
    /// What the acting identity may see of the keys.
    visible: Memo<Visible>,
    /// The rows the filters let through.
    shown: Memo<Vec<keys::KeyRow>>,
    /// The workspace picked: its name, or empty for every workspace.
    workspace: RwSignal<String>,
    /// The status picked: a value of [`STATUS_CHOICES`].
    status: RwSignal<String>,
) -> impl IntoView {
    let status_options = STATUS_CHOICES
        .iter()
        .map(|(value, choice)| {
            view! {
                <option value=*value prop:selected=move || status.with(|s| s == value)>
                    {keys::status_choice_label(*choice)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="keys__filters" role="group" aria-label="Filter keys">
            <label>
                "Workspace "
                <select
                    data-testid="keys-filter-workspace"
                    on:change=move |ev| workspace.set(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || workspace.with(String::is_empty)>
                        "All workspaces"
                    </option>
                    <WorkspaceOptions selected=workspace />
                </select>
            </label>
            <label>
                "Status "
                <select
                    data-testid="keys-filter-status"
                    on:change=move |ev| status.set(event_target_value(&ev))
                >
                    {status_options}
                </select>
            </label>
            <span class="keys__count" data-testid="keys-count">
                {move || visible.with(|v| v.count(shown.with(Vec::len)))}
            </span>
        </div>
    }
}

/// One key's row. Keyed by label, it is drawn once; what changes of its key (status, whitelist,
/// a renamed workspace) updates in place, and a change to another key leaves it alone.
#[component]
fn KeyRow(
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
    view! {
        <tr
            class="keys__row"
            class:keys__row--dead=move || dead.get()
            class:keys__row--linked=target.clone()
            data-testid=id("row")
            data-status=status_name
            data-linked=move || target().to_string()
        >
            <th scope="row">
                <span class="fw-name" title=label.clone() data-testid=id("label")>{label.clone()}</span>
                <code class="keys__masked" data-testid=id("masked")>
                    {text(|r| r.masked.clone())}
                </code>
            </th>
            <td>
                <span class="fw-name" title=text(|r| r.workspace.clone()) data-testid=id("workspace")>
                    {text(|r| r.workspace.clone())}
                </span>
                <span class="keys__region">{move || row.with(|r| words::region(r.region))}</span>
                <div class="keys__workspace-id">
                    <CopyValue
                        value=Signal::derive(text(|r| r.workspace_id.clone()))
                        what="workspace ID"
                        test_id=id("workspace-id")
                    />
                </div>
            </td>
            <td>
                <span class="fw-name" title=text(|r| r.owner.clone()) data-testid=id("owner")>
                    {text(|r| r.owner.clone())}
                </span>
                <span class="keys__created-for">
                    "created for "
                    <span class="fw-name" title=text(|r| r.created_for.clone()) data-testid=id("created-for")>
                        {text(|r| r.created_for.clone())}
                    </span>
                </span>
            </td>
            <td>{text(|r| r.created.clone())}</td>
            <td>
                <span
                    class=move || format!("keys__status keys__status--{}", status_name())
                    data-testid=id("status")
                >
                    {move || row.with(|r| words::key_status(r.status))}
                </span>
            </td>
            <td class="keys__whitelist" data-testid=id("whitelist-list")>
                {move || row.with(keys::KeyRow::whitelist_text)}
            </td>
            <td class="keys__actions">
                <Show when=move || !dead.get()>
                    <KeyActions label=actions_label.clone() editing=editing on_deleted=on_deleted />
                </Show>
            </td>
        </tr>
    }
}

/// A live key's actions: edit its whitelist, or delete it after a question beside the button
/// that lists what dies with it (Escape cancels and gives the focus back to the Delete button).
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
            on:click=open_editor
        >
            "IP whitelist"
        </button>
        <ActionButton
            label="Delete"
            question=keys::delete_question(&label)
            confirm_label="Delete key"
            command=delete
            always=true
            done=deleted
            test_id=format!("key-delete-{label}")
            danger=true
        />
    }
}
