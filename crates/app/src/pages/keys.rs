//! The API keys screen: the keys the acting identity may see (SPEC section 5), creating a key
//! (its secret shown once), deleting one, and editing a China (Beijing) key's IP whitelist.
//!
//! The secret of a new key lives only in this page's memory: it is gone once dismissed or once
//! the page is left, and it is never written to storage (the core keeps a hash and a mask).

use leptos::prelude::*;
use studio_access_core::{
    Command, Executed, KeyId, KeyStatus, NameRule, Region, State, Who, parse_cidr,
};
use studio_access_view::keys::{owner_choices, ownership_note};

use crate::Screen;
use crate::components::{
    ActionButton, ChangeDialog, CopyValue, Feedback, FeedbackLine, LiveEffect, NameField,
    PageHeader, Proposals, copy_text,
};
use crate::store::Store;
use crate::words;

/// One key as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct KeyRow {
    label: String,
    workspace: String,
    /// The workspace's ID (an API call names it).
    workspace_id: String,
    region: Region,
    owner: String,
    created_for: String,
    created: String,
    status: KeyStatus,
    masked: String,
    whitelist: Vec<String>,
}

/// What the acting identity may see of the keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Visible {
    rows: Vec<KeyRow>,
    hidden: usize,
    /// Why the acting identity could not be resolved, when it could not.
    unresolved: Option<String>,
}

fn visible_keys(state: &State, who: &Who) -> Visible {
    let acting = state.resolve(who);
    let mut visible = Visible {
        unresolved: acting
            .err()
            .map(|failure| words::outcome(failure.outcome())),
        ..Visible::default()
    };
    for (id, key) in state.keys() {
        let may_see = acting.is_ok_and(|acting| state.may_view_key(acting, id));
        if !may_see {
            visible.hidden += 1;
            continue;
        }
        let region = state
            .workspace(key.workspace)
            .map_or(Region::CnBeijing, |ws| ws.region);
        visible.rows.push(KeyRow {
            label: key.label.clone(),
            workspace: state.workspace_name(key.workspace).to_owned(),
            workspace_id: state
                .workspace(key.workspace)
                .map(|ws| ws.id.clone())
                .unwrap_or_default(),
            region,
            owner: state.owner_name(key.owner).to_owned(),
            created_for: state.owner_name(key.created_for).to_owned(),
            created: key.created.to_string(),
            status: state.key_status(key),
            masked: key.masked.clone(),
            whitelist: key.whitelist.iter().map(ToString::to_string).collect(),
        });
    }
    visible
}

/// The status filter's choices: `None` for every status.
const STATUS_CHOICES: [(&str, Option<KeyStatus>); 5] = [
    ("all", None),
    ("active", Some(KeyStatus::Active)),
    ("suspended", Some(KeyStatus::Suspended)),
    ("deleted", Some(KeyStatus::Deleted)),
    ("owner-deleted", Some(KeyStatus::OwnerDeleted)),
];

fn status_choice(value: &str) -> Option<KeyStatus> {
    STATUS_CHOICES
        .iter()
        .find(|(name, _)| *name == value)
        .and_then(|(_, status)| *status)
}

/// The label of the key a deep link names, by label or else by id (its number).
fn linked_key(state: &State, wanted: &str) -> Option<String> {
    let id = state.key_id(wanted).or_else(|| {
        wanted
            .parse::<usize>()
            .ok()
            .map(KeyId)
            .filter(|id| state.key(*id).is_some())
    })?;
    state.key(id).map(|key| key.label.clone())
}

/// A whitelist line that is no address or CIDR block: its line number (from 1) and text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct BadLine {
    line: usize,
    text: String,
}

/// The entries of a whitelist draft, one per non-empty line, or the lines that are not valid.
fn parse_whitelist(draft: &str) -> Result<Vec<String>, Vec<BadLine>> {
    let mut cidrs = Vec::new();
    let mut bad = Vec::new();
    for (at, line) in draft.lines().enumerate() {
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        if parse_cidr(text).is_some() {
            cidrs.push(text.to_owned());
        } else {
            bad.push(BadLine {
                line: at + 1,
                text: text.to_owned(),
            });
        }
    }
    if bad.is_empty() { Ok(cidrs) } else { Err(bad) }
}

/// A secret just issued, until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Issued {
    label: String,
    secret: String,
}

/// The API keys screen. `?key=<label or id>` scrolls to that key and highlights it, so that
/// other pages (the audit's key findings, for one) can link straight to it.
#[component]
pub fn KeysPage() -> impl IntoView {
    let store = Store::get();
    let visible = Memo::new(move |_| {
        store
            .state()
            .with(|s| store.who().with(|w| visible_keys(s, w)))
    });
    let query = leptos_router::hooks::use_query_map();
    let linked = Memo::new(move |_| {
        let wanted = query.with(|q| q.get("key"))?;
        Some(store.state().with(|s| linked_key(s, &wanted)).ok_or(wanted))
    });

    let workspace_filter = RwSignal::new(String::new());
    let status_filter = RwSignal::new("all".to_owned());
    let shown = Memo::new(move |_| {
        let workspace = workspace_filter.get();
        let status = status_choice(&status_filter.get());
        visible.with(|v| {
            v.rows
                .iter()
                .filter(|row| workspace.is_empty() || row.workspace == workspace)
                .filter(|row| status.is_none_or(|s| row.status == s))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let workspace_names = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspaces()
                .map(|(_, ws)| (ws.name.clone(), words::region(ws.region)))
                .collect::<Vec<_>>()
        })
    });

    let issued = RwSignal::new(None::<Issued>);
    let action_feedback = RwSignal::new(None::<Feedback>);
    let editing = RwSignal::new(None::<String>);

    // A linked key is shown whatever the filters were, then brought into view once drawn.
    Effect::new(move |_| {
        if let Some(Ok(_)) = linked.get() {
            workspace_filter.set(String::new());
            status_filter.set("all".to_owned());
        }
    });
    Effect::new(move |_| {
        let Some(Ok(label)) = linked.get() else {
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
    let is_linked = move |label: &str| linked.with(|l| matches!(l, Some(Ok(l)) if l == label));
    let link_note = move || {
        linked.get().map(|link| match link {
            Err(wanted) => format!("There is no key `{wanted}`."),
            Ok(label) if !visible.with(|v| v.rows.iter().any(|row| row.label == label)) => {
                format!("Key `{label}` is hidden: the acting identity may not see it.")
            }
            Ok(label) => format!("Showing key `{label}`."),
        })
    };

    // An editor stays open only on a key the acting identity may see.
    Effect::new(move |_| {
        let open = editing.get();
        if let Some(label) = open
            && !visible.with(|v| v.rows.iter().any(|row| row.label == label))
        {
            editing.set(None);
        }
    });

    let deleted = Callback::new(move |(label, executed): (String, Executed)| {
        if executed.outcome.is_success()
            && editing.with_untracked(|e| e.as_deref() == Some(label.as_str()))
        {
            editing.set(None);
        }
        action_feedback.set(Some(Feedback::of(
            &executed,
            format!("Deleted key `{label}`. It can never be used again."),
        )));
    });

    let hidden_note = move || {
        visible.with(|v| match (&v.unresolved, v.hidden) {
            (Some(why), _) => Some(format!(
                "The acting identity cannot be resolved, so every key is hidden. {why}"
            )),
            (None, 0) => None,
            (None, 1) => Some(
                "1 key is hidden: the acting identity neither manages the keys of its workspace nor owns it."
                    .to_owned(),
            ),
            (None, n) => Some(format!(
                "{n} keys are hidden: the acting identity neither manages the keys of their workspaces nor owns them."
            )),
        })
    };

    let row_view = move |row: KeyRow| {
        let label = row.label.clone();
        let status_name = row.status.code().map_or("active", |c| c.as_str());
        let dead = row.status == KeyStatus::Deleted;
        let whitelist = if row.whitelist.is_empty() {
            "none".to_owned()
        } else {
            row.whitelist.join(", ")
        };
        let actions = (!dead).then(
            || view! { <KeyActions label=label.clone() editing=editing on_deleted=deleted /> },
        );
        let target = {
            let label = label.clone();
            move || is_linked(&label)
        };
        view! {
            <tr
                class="keys__row"
                class:keys__row--dead=dead
                class:keys__row--linked=target.clone()
                data-testid=format!("key-row-{label}")
                data-status=status_name
                data-linked=move || target().to_string()
            >
                <th scope="row">
                    <span data-testid=format!("key-label-{label}")>{label.clone()}</span>
                    <code class="keys__masked" data-testid=format!("key-masked-{label}")>
                        {row.masked.clone()}
                    </code>
                </th>
                <td>
                    <span data-testid=format!("key-workspace-{label}")>{row.workspace.clone()}</span>
                    <span class="keys__region">{words::region(row.region)}</span>
                    <div class="keys__workspace-id">
                        <CopyValue
                            value=row.workspace_id.clone()
                            what="workspace ID"
                            test_id=format!("key-workspace-id-{label}")
                        />
                    </div>
                </td>
                <td>
                    <span data-testid=format!("key-owner-{label}")>{row.owner.clone()}</span>
                    <span class="keys__created-for">
                        "created for "
                        <span data-testid=format!("key-created-for-{label}")>
                            {row.created_for.clone()}
                        </span>
                    </span>
                </td>
                <td>{row.created.clone()}</td>
                <td>
                    <span
                        class=format!("keys__status keys__status--{status_name}")
                        data-testid=format!("key-status-{label}")
                    >
                        {words::key_status(row.status)}
                    </span>
                </td>
                <td class="keys__whitelist" data-testid=format!("key-whitelist-list-{label}")>
                    {whitelist}
                </td>
                <td class="keys__actions">{actions}</td>
            </tr>
        }
    };

    view! {
        <section class="page keys" data-testid=format!("page-{}", Screen::ApiKeys.slug())>
            <PageHeader screen=Screen::ApiKeys />

            <CreateKeyForm issued=issued />
            <SecretOnce issued=issued />

            <div class="card keys__list">
                <div class="keys__filters" role="group" aria-label="Filter keys">
                    <label>
                        "Workspace "
                        <select
                            data-testid="keys-filter-workspace"
                            on:change=move |ev| workspace_filter.set(event_target_value(&ev))
                        >
                            <option value="" prop:selected=move || workspace_filter.with(String::is_empty)>
                                "All workspaces"
                            </option>
                            {move || {
                                workspace_names
                                    .get()
                                    .into_iter()
                                    .map(|(name, region)| {
                                        let value = name.clone();
                                        let selected = name.clone();
                                        view! {
                                            <option
                                                value=value
                                                prop:selected=move || workspace_filter.with(|f| *f == selected)
                                            >
                                                {format!("{name} ({region})")}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <label>
                        "Status "
                        <select
                            data-testid="keys-filter-status"
                            on:change=move |ev| status_filter.set(event_target_value(&ev))
                        >
                            {STATUS_CHOICES
                                .iter()
                                .map(|(value, status)| {
                                    let text = status.map_or("All statuses", words::key_status);
                                    view! {
                                        <option
                                            value=*value
                                            prop:selected=move || status_filter.with(|f| f == value)
                                        >
                                            {text}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <span class="keys__count" data-testid="keys-count">
                        {move || {
                            let shown = shown.with(Vec::len);
                            let all = visible.with(|v| v.rows.len());
                            if shown == all {
                                format!("{all} visible")
                            } else {
                                format!("{shown} of {all} visible")
                            }
                        }}
                    </span>
                </div>
                {move || {
                    link_note()
                        .map(|note| {
                            view! {
                                <p class="keys__link-note" role="status" data-testid="keys-link-note">
                                    {note}
                                </p>
                            }
                        })
                }}
                {move || {
                    hidden_note()
                        .map(|note| {
                            view! {
                                <p class="keys__hidden" data-testid="keys-hidden">
                                    {note}
                                </p>
                            }
                        })
                }}
                <FeedbackLine feedback=action_feedback test_id="keys-feedback" />
                <Show
                    when=move || !shown.with(Vec::is_empty)
                    fallback=move || {
                        let text = if visible.with(|v| v.rows.is_empty()) {
                            "No keys to show."
                        } else {
                            "No key matches the filters."
                        };
                        view! {
                            <p class="keys__empty" data-testid="keys-empty">
                                {text}
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
                                <For each=move || shown.get() key=|row| row.clone() children=row_view />
                            </tbody>
                        </table>
                    </div>
                </Show>
            </div>

            <WhitelistEditor editing=editing />
        </section>
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
            aria-expanded=move || is_open().to_string()
            aria-controls="key-whitelist-editor"
            data-testid=format!("key-whitelist-{label}")
            on:click=open_editor
        >
            "IP whitelist"
        </button>
        <ActionButton
            label="Delete"
            question=format!("Delete key `{label}` for good?")
            confirm_label="Delete key"
            command=delete
            always=true
            done=deleted
            test_id=format!("key-delete-{label}")
            danger=true
        />
    }
}

/// The form that creates a key as the acting identity. The owner is one of the workspace's
/// member users and roles (and `root`, when acting as `root`); what the Beijing rule will make
/// of it is said before the key is made.
#[component]
fn CreateKeyForm(
    /// Where a new key's secret goes, to be shown once.
    issued: RwSignal<Option<Issued>>,
) -> impl IntoView {
    let store = Store::get();
    let workspace = RwSignal::new(store.state().with_untracked(|s| {
        s.workspace_name(s.default_workspace(Region::CnBeijing))
            .to_owned()
    }));
    let owner = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let feedback = RwSignal::new(None::<Feedback>);

    let workspaces = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspaces()
                .map(|(_, ws)| (ws.name.clone(), words::region(ws.region)))
                .collect::<Vec<_>>()
        })
    });
    let owners = Memo::new(move |_| {
        workspace.with(|w| {
            store
                .state()
                .with(|s| store.who().with(|who| owner_choices(s, w, who)))
        })
    });
    // The owner chosen, or the first one offered when the choice is no longer offered.
    let chosen = Memo::new(move |_| {
        let wanted = owner.get();
        owners.with(|all| {
            all.iter()
                .find(|c| c.value == wanted)
                .or_else(|| all.first())
                .map(|c| c.owner.clone())
        })
    });
    let chosen_value = Memo::new(move |_| {
        let wanted = owner.get();
        owners.with(|all| {
            all.iter()
                .find(|c| c.value == wanted)
                .or_else(|| all.first())
                .map(|c| c.value.clone())
                .unwrap_or_default()
        })
    });
    let note = Memo::new(move |_| {
        let named = chosen.get()?;
        workspace.with(|w| store.state().with(|s| ownership_note(s, w, &named)))
    });

    let proposals = Proposals::new();
    let command = Signal::derive(move || {
        let key = label.get();
        let owner = chosen.get()?;
        (!key.is_empty()).then(|| Command::CreateApiKey {
            workspace: workspace.get(),
            owner,
            key,
        })
    });
    let created = move |executed: studio_access_core::Executed, key: &str, workspace: &str| {
        let done = store.state().with_untracked(|s| {
            let owner = s
                .key_id(key)
                .and_then(|id| s.key(id))
                .map(|k| s.owner_name(k.owner).to_owned())
                .unwrap_or_default();
            format!("Created key `{key}` in {workspace}; it belongs to {owner}.")
        });
        feedback.set(Some(Feedback::of(&executed, done)));
        if let Some(secret) = executed.secret {
            issued.set(Some(Issued {
                label: key.to_owned(),
                secret,
            }));
            label.set(String::new());
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = label.get_untracked();
        if key.is_empty() {
            feedback.set(Some(Feedback::Refused(
                "Enter a label for the key.".to_owned(),
            )));
            return;
        }
        let Some(owner) = chosen.get_untracked() else {
            feedback.set(Some(Feedback::Refused(
                "The workspace has no member to own the key: add a member first.".to_owned(),
            )));
            return;
        };
        let workspace = workspace.get_untracked();
        let command = Command::CreateApiKey {
            workspace: workspace.clone(),
            owner,
            key: key.clone(),
        };
        proposals.propose(command, "key-create-submit", move |executed| {
            created(executed, &key, &workspace);
        });
    };

    view! {
        <form class="card keys__create" data-testid="key-create-form" on:submit=submit>
            <h2 class="keys__heading">"Create an API key"</h2>
            <div class="keys__fields">
                <label>
                    "Workspace"
                    <select
                        data-testid="key-create-workspace"
                        on:change=move |ev| workspace.set(event_target_value(&ev))
                    >
                        {move || {
                            workspaces
                                .get()
                                .into_iter()
                                .map(|(name, region)| {
                                    let selected = name.clone();
                                    view! {
                                        <option
                                            value=name.clone()
                                            prop:selected=move || workspace.with(|w| *w == selected)
                                        >
                                            {format!("{name} ({region})")}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label>
                    "Owner"
                    <select
                        data-testid="key-create-owner"
                        disabled=move || owners.with(Vec::is_empty)
                        on:change=move |ev| owner.set(event_target_value(&ev))
                    >
                        {move || {
                            let all = owners.get();
                            if all.is_empty() {
                                return view! {
                                    <option value="">"No member to own a key"</option>
                                }
                                    .into_any();
                            }
                            all.into_iter()
                                .map(|choice| {
                                    let selected = choice.value.clone();
                                    view! {
                                        <option
                                            value=choice.value
                                            prop:selected=move || chosen_value.with(|v| *v == selected)
                                        >
                                            {choice.label}
                                        </option>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }}
                    </select>
                </label>
                <span class="keys__label-field">
                    <NameField
                        label="Label"
                        what="key label"
                        rule=NameRule::Resource
                        value=label
                        test_id="key-create-label"
                        placeholder="e.g. team-a-prod"
                    />
                </span>
                <button
                    type="submit"
                    class="action-button action-button--primary"
                    data-testid="key-create-submit"
                >
                    "Create key"
                </button>
            </div>
            {move || {
                note.get()
                    .map(|note| {
                        view! {
                            <p class="keys__ownership-note" role="status" data-testid="key-create-ownership">
                                {note}
                            </p>
                        }
                    })
            }}
            <p class="keys__hint">
                "Owners are the workspace's direct member users and roles; only the Alibaba Cloud account may name itself. Labels are unique for ever, deleted keys included."
            </p>
            <LiveEffect command=command test_id="key-create-effect" proposals=proposals />
            <ChangeDialog proposals=proposals test_id="key-create-change" />
            <FeedbackLine feedback=feedback test_id="key-create-feedback" />
        </form>
    }
}

/// The secret of a key just created, with a copy button, until dismissed.
#[component]
fn SecretOnce(
    /// The secret to show; cleared on dismiss.
    issued: RwSignal<Option<Issued>>,
) -> impl IntoView {
    let copy_status = RwSignal::new(None::<Result<(), String>>);
    // A new secret starts with no copy attempt.
    Effect::new(move |_| {
        issued.track();
        copy_status.set(None);
    });
    let copy = move |_| {
        let Some(secret) = issued.with_untracked(|i| i.as_ref().map(|i| i.secret.clone())) else {
            return;
        };
        copy_status.set(None);
        copy_text(&secret, move |result| copy_status.set(Some(result)));
    };
    move || {
        issued.get().map(|Issued { label, secret }| {
            view! {
                <div
                    class="card secret-once"
                    role="region"
                    aria-label=format!("Secret of the new key {label}")
                    data-testid="key-secret-panel"
                >
                    <p class="secret-once__title">
                        "The secret of " <strong>{label.clone()}</strong>
                        " is shown this once. Copy it now: it cannot be shown again."
                    </p>
                    <div class="secret-once__row">
                        <code
                            class="secret-once__value"
                            tabindex="0"
                            aria-label="Secret"
                            data-testid="key-secret"
                        >
                            {secret}
                        </code>
                        <button
                            type="button"
                            class="action-button action-button--primary"
                            data-testid="key-secret-copy"
                            on:click=copy
                        >
                            "Copy"
                        </button>
                        <button
                            type="button"
                            class="action-button"
                            data-testid="key-secret-dismiss"
                            on:click=move |_| issued.set(None)
                        >
                            "I have copied it, hide it"
                        </button>
                    </div>
                    <p class="secret-once__status" role="status" data-testid="key-secret-copy-status">
                        {move || match copy_status.get() {
                            None => String::new(),
                            Some(Ok(())) => "Copied to the clipboard.".to_owned(),
                            Some(Err(why)) => format!(
                                "Copying failed ({why}). Select the secret and copy it by hand."
                            ),
                        }}
                    </p>
                </div>
            }
        })
    }
}

/// The IP whitelist editor of one key, open while `editing` names it.
#[component]
fn WhitelistEditor(
    /// The label of the key being edited, if any.
    editing: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = Store::get();
    let draft = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let feedback = RwSignal::new(None::<Feedback>);
    let input_ref = NodeRef::<leptos::html::Textarea>::new();
    let proposals = Proposals::new();

    // The editor opens below the list: take the focus there, which also scrolls it into view.
    Effect::new(move |_| {
        if let Some(input) = input_ref.get() {
            let _ = input.focus();
        }
    });

    // Opening the editor starts from the key's current whitelist.
    Effect::new(move |_| {
        let Some(label) = editing.get() else {
            return;
        };
        let current = store.state().with_untracked(|s| {
            s.key_id(&label)
                .and_then(|id| s.key(id))
                .map(|k| {
                    k.whitelist
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default()
        });
        draft.set(current);
        tried.set(false);
        feedback.set(None);
    });

    let region = Memo::new(move |_| {
        editing.get().and_then(|label| {
            store.state().with(|s| {
                s.key_id(&label)
                    .and_then(|id| s.key(id))
                    .and_then(|k| s.workspace(k.workspace))
                    .map(|ws| ws.region)
            })
        })
    });
    let parsed = Memo::new(move |_| draft.with(|d| parse_whitelist(d)));
    let errors = move || {
        if !tried.get() {
            return None;
        }
        parsed.with(|p| {
            p.as_ref().err().map(|bad| {
                bad.iter()
                    .map(|b| {
                        format!(
                            "Line {}: `{}` is not an IP address or CIDR block (IPv4 prefix up to 32, IPv6 up to 128).",
                            b.line, b.text
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let Some(label) = editing.get_untracked() else {
            return;
        };
        let cidrs = match parsed.get_untracked() {
            Ok(cidrs) => cidrs,
            Err(_) => {
                feedback.set(Some(Feedback::Refused(
                    "Not saved: correct the lines marked above first.".to_owned(),
                )));
                return;
            }
        };
        let done = match cidrs.len() {
            0 => format!("Cleared the IP whitelist of `{label}`: any address may call with it."),
            1 => format!("Saved the IP whitelist of `{label}`: 1 entry."),
            n => format!("Saved the IP whitelist of `{label}`: {n} entries."),
        };
        let command = Command::SetIpWhitelist { key: label, cidrs };
        proposals.propose(command, "whitelist-save", move |executed| {
            feedback.set(Some(Feedback::of(&executed, done.clone())));
        });
    };
    // What saving the draft would change, while the draft is valid.
    let save_command = Signal::derive(move || {
        let key = editing.get()?;
        let cidrs = parsed.get().ok()?;
        Some(Command::SetIpWhitelist { key, cidrs })
    });

    move || {
        editing.get().map(|label| {
            view! {
                <form
                    class="card whitelist-editor"
                    id="key-whitelist-editor"
                    aria-label=format!("IP whitelist of key {label}")
                    data-testid="whitelist-editor"
                    on:submit=save
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            editing.set(None);
                        }
                    }
                >
                    <h2 class="keys__heading">
                        "IP whitelist of " <code>{label.clone()}</code>
                    </h2>
                    {move || {
                        region
                            .get()
                            .filter(|r| *r != Region::CnBeijing)
                            .map(|r| {
                                view! {
                                    <p class="whitelist-editor__note" data-testid="whitelist-region-note">
                                        {format!(
                                            "This key is in {}. IP whitelists can only be set on keys in China (Beijing); saving will be refused.",
                                            words::region(r),
                                        )}
                                    </p>
                                }
                            })
                    }}
                    <label for="whitelist-input">
                        "Addresses or CIDR blocks, one per line (empty clears the whitelist)"
                    </label>
                    <textarea
                        id="whitelist-input"
                        node_ref=input_ref
                        class="whitelist-editor__input"
                        rows="5"
                        spellcheck="false"
                        data-testid="whitelist-input"
                        aria-invalid=move || errors().is_some().to_string()
                        aria-describedby="whitelist-errors"
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:blur=move |_| tried.set(true)
                    ></textarea>
                    <div id="whitelist-errors" role="alert">
                        {move || {
                            errors()
                                .map(|lines| {
                                    view! {
                                        <ul class="whitelist-editor__errors" data-testid="whitelist-error">
                                            {lines
                                                .into_iter()
                                                .map(|line| view! { <li>{line}</li> })
                                                .collect_view()}
                                        </ul>
                                    }
                                })
                        }}
                    </div>
                    <div class="whitelist-editor__buttons">
                        <button
                            type="submit"
                            class="action-button action-button--primary"
                            data-testid="whitelist-save"
                        >
                            "Save whitelist"
                        </button>
                        <button
                            type="button"
                            class="action-button"
                            data-testid="whitelist-close"
                            on:click=move |_| editing.set(None)
                        >
                            "Close"
                        </button>
                    </div>
                    <LiveEffect command=save_command test_id="whitelist-effect" proposals=proposals />
                    <ChangeDialog proposals=proposals test_id="whitelist-change" />
                    <FeedbackLine feedback=feedback test_id="whitelist-feedback" />
                </form>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    // The app's tests run in the browser (see `.ci/test`), these too.
    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn whitelist_lines_are_checked_one_by_one() {
        assert_eq!(
            parse_whitelist("10.0.0.0/8\n\n  192.168.1.7 \n2001:db8::/32\n"),
            Ok(vec![
                "10.0.0.0/8".to_owned(),
                "192.168.1.7".to_owned(),
                "2001:db8::/32".to_owned()
            ])
        );
        assert_eq!(parse_whitelist(""), Ok(Vec::new()));
        assert_eq!(
            parse_whitelist("10.0.0.0/8\n10.0.0.0/33\nhello"),
            Err(vec![
                BadLine {
                    line: 2,
                    text: "10.0.0.0/33".to_owned()
                },
                BadLine {
                    line: 3,
                    text: "hello".to_owned()
                },
            ])
        );
    }
}
