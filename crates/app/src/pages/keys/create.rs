//! The form that creates a key: workspace, owner, label; what the Beijing rule will make of the
//! owner is said before the key is made, and the new secret goes to the page, to be shown once.

use leptos::prelude::*;
use studio_access_core::{Command, Executed, NameRule, Region};
use studio_access_view::keys::{self, OwnerChoice};

use crate::components::{ChangeFooter, Feedback, NameField, NameInput, Proposals, Prose};
use crate::store::Store;

use super::WorkspaceOptions;
use super::secret::Issued;

/// The form that creates a key as the acting identity. The owner is one of the workspace's
/// member users and roles (and `root`, when acting as `root`); what the Beijing rule will make
/// of it is said before the key is made.
#[component]
pub fn CreateKeyForm(
    /// Where a new key's secret goes, to be shown once.
    issued: RwSignal<Option<Issued>>,
) -> impl IntoView {
    let store = Store::get();
    let workspace = RwSignal::new(store.state().with_untracked(|s| {
        s.workspace_name(s.default_workspace(Region::CnBeijing))
            .unwrap_or_default()
            .to_owned()
    }));
    let owner = RwSignal::new(String::new());
    let label = NameInput::new(NameRule::Resource, String::new());
    let feedback = RwSignal::new(None::<Feedback>);
    label.answered_in(feedback);
    // A refusal was about the workspace chosen then (it had no member to own the key, say):
    // choosing another takes it away.
    Effect::new(move |seen: Option<()>| {
        workspace.track();
        if seen.is_some() && feedback.with_untracked(|f| matches!(f, Some(Feedback::Refused(_)))) {
            feedback.set(None);
        }
    });

    let owners = Memo::new(move |_| {
        workspace.with(|w| {
            store
                .state()
                .with(|s| store.who().with(|who| keys::owner_choices(s, w, who)))
        })
    });
    let chosen = Memo::new(move |_| {
        owner.with(|wanted| owners.with(|all| keys::chosen_owner(all, wanted).cloned()))
    });
    let note = Memo::new(move |_| {
        let named = chosen.get()?.owner;
        workspace.with(|w| store.state().with(|s| keys::ownership_note(s, w, &named)))
    });

    let proposals = Proposals::new();
    let command = Signal::derive(move || {
        let key = label.text.get();
        let owner = chosen.get()?.owner;
        (!key.is_empty()).then(|| Command::CreateApiKey {
            workspace: workspace.get(),
            owner,
            key,
        })
    });
    let created = move |executed: Executed, command: &Command, key: &str, workspace: &str| {
        let done = store
            .state()
            .with_untracked(|s| keys::created_note(s, key, workspace));
        feedback.set(Some(Feedback::of_step(store, command, &executed, done)));
        if let Some(secret) = executed.secret {
            issued.set(Some(Issued {
                label: key.to_owned(),
                secret,
            }));
            label.clear();
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        // Both fields say what is wrong with them at once: the label under itself.
        let key = label.submit(&ev);
        let owner = chosen.get_untracked().map(|c| c.owner);
        if owner.is_none() {
            feedback.set(Some(Feedback::Refused(keys::NO_OWNER.to_owned())));
        }
        let (Some(key), Some(owner)) = (key, owner) else {
            return;
        };
        let workspace = workspace.get_untracked();
        let command = Command::CreateApiKey {
            workspace: workspace.clone(),
            owner,
            key: key.clone(),
        };
        let asked = command.clone();
        proposals.propose(command, "key-create-submit", move |executed| {
            created(executed, &asked, &key, &workspace);
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
                        <WorkspaceOptions selected=workspace />
                    </select>
                </label>
                <OwnerSelect owners=owners chosen=chosen owner=owner />
                <span class="keys__label-field">
                    <NameField
                        label="Label"
                        what="key label"
                        name=label
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
                                <Prose sentence=note />
                            </p>
                        }
                    })
            }}
            <p class="keys__hint">
                "Owners are the workspace's direct member users and roles; only the Alibaba Cloud account may name itself. Labels are unique for ever, deleted keys included."
            </p>
            <ChangeFooter command=command proposals=proposals feedback=feedback test_id="key-create" />
        </form>
    }
}

/// The owner picker: the owners the workspace offers, the chosen one marked; disabled, and
/// saying so, when it offers none.
#[component]
fn OwnerSelect(
    /// The owners offered.
    owners: Memo<Vec<OwnerChoice>>,
    /// The owner chosen: the one picked while it is offered, else the first.
    chosen: Memo<Option<OwnerChoice>>,
    /// The picker's value as last picked.
    owner: RwSignal<String>,
) -> impl IntoView {
    let chosen_value = Memo::new(move |_| {
        chosen.with(|c| c.as_ref().map(|c| c.value.clone()).unwrap_or_default())
    });
    view! {
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
                        return view! { <option value="">"No member to own a key"</option> }.into_any();
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
    }
}
