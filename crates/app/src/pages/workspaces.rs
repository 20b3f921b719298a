//! The Workspaces screen, region by region: create and rename sub-workspaces, authorize models
//! and set their limits, manage members, add models to the catalog, and see how each model's
//! account quota is shared out among the region's sub-workspaces.

use leptos::html;
use leptos::prelude::*;
use studio_access_core::{
    Command, Member, MemberName, ModelAuth, ModelKind, NameRule, Region, State, WorkspaceId,
};
use web_sys::HtmlInputElement;

use crate::components::{
    ActionButton, ChangeDialog, CopyValue, Feedback, FeedbackLine, LiveEffect, ManagementNotice,
    NameField, PageHeader, Proposals, manages,
};
use crate::store::Store;
use crate::{AppBase, Screen, words};

/// A sub-workspace's share of a model's account quota, and whether the audit flags it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaLine {
    /// The model's id.
    pub model: String,
    /// The account quota, requests per minute, if one is set.
    pub quota: Option<u64>,
    /// Each sub-workspace of the region with a request limit for the model, and that limit.
    pub shares: Vec<(String, u64)>,
    /// The limits added up.
    pub allocated: u128,
}

/// How a quota line stands, as SPEC section 7 judges it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotaStanding {
    /// No account quota is set for the model.
    NoQuota,
    /// The limits add up past the quota (`quota-over-allocated`).
    OverAllocated,
    /// Less than 10% of the quota is left unallocated (`quota-no-buffer`).
    ThinBuffer,
    /// At least 10% is left.
    Healthy,
}

impl QuotaLine {
    /// The standing of the line; the same arithmetic as the audit.
    pub fn standing(&self) -> QuotaStanding {
        let Some(quota) = self.quota.map(u128::from) else {
            return QuotaStanding::NoQuota;
        };
        if self.allocated > quota {
            QuotaStanding::OverAllocated
        } else if (quota - self.allocated) * 10 < quota {
            QuotaStanding::ThinBuffer
        } else {
            QuotaStanding::Healthy
        }
    }
}

/// The quota lines of a region: every model with an account quota or a request limit there.
pub fn quota_lines(state: &State, region: Region) -> Vec<QuotaLine> {
    state
        .models()
        .filter_map(|(model, entry)| {
            let shares: Vec<(String, u64)> = state
                .workspaces()
                .filter(|(_, ws)| !ws.default && ws.region == region)
                .filter_map(|(_, ws)| {
                    ws.models
                        .get(&model)
                        .and_then(|auth| auth.rpm)
                        .map(|rpm| (ws.name.clone(), rpm))
                })
                .collect();
            let quota = state.quota(region, model);
            (quota.is_some() || !shares.is_empty()).then(|| QuotaLine {
                model: entry.name.clone(),
                quota,
                allocated: state.allocated_rpm(region, model),
                shares,
            })
        })
        .collect()
}

/// `part` in `whole` as a whole percentage, rounded (`60`); 0 when `whole` is 0. Integer
/// arithmetic: formatting floats would add their formatter to the download.
fn percent(part: u128, whole: u128) -> u128 {
    part.saturating_mul(100)
        .saturating_add(whole / 2)
        .checked_div(whole)
        .unwrap_or(0)
}

/// `part` in `whole` as a CSS percentage with three decimals (`12.345%`); `0.000%` when `whole`
/// is 0.
fn css_percent(part: u128, whole: u128) -> String {
    let thousandths = part.saturating_mul(100_000).checked_div(whole).unwrap_or(0);
    format!("{}.{:03}%", thousandths / 1000, thousandths % 1000)
}

/// Reads an optional whole number typed into a field: empty is `None`.
fn parse_limit(text: &str, what: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>()
        .map(Some)
        .map_err(|_| format!("The {what} must be a whole number, not `{text}`."))
}

fn input_text(node: NodeRef<html::Input>) -> String {
    node.get_untracked()
        .map(|input| input.value())
        .unwrap_or_default()
}

fn member_name(state: &State, member: Member) -> MemberName {
    let name = state.member_name(member).to_owned();
    match member {
        Member::User(_) => MemberName::User(name),
        Member::Role(_) => MemberName::Role(name),
    }
}

fn member_key(member: &MemberName) -> String {
    match member {
        MemberName::User(name) => format!("user:{name}"),
        MemberName::Role(name) => format!("role:{name}"),
    }
}

fn member_label(member: &MemberName) -> String {
    match member {
        MemberName::User(name) => format!("user {name}"),
        MemberName::Role(name) => format!("role {name}"),
    }
}

/// The Workspaces screen. `?region=<region>` opens a region and `?workspace=<name>` a workspace,
/// so that other pages (the audit's findings, for one) can link straight to what needs fixing.
#[component]
pub fn WorkspacesPage() -> impl IntoView {
    let store = Store::get();
    let region = RwSignal::new(Region::CnBeijing);
    let selected = RwSignal::new(None::<WorkspaceId>);
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        let (wanted_region, wanted_workspace) =
            query.with(|q| (q.get("region"), q.get("workspace")));
        if let Some(r) = wanted_region.as_deref().and_then(Region::parse) {
            region.set(r);
        }
        let found = wanted_workspace.and_then(|name| {
            store.state().with_untracked(|s| {
                s.workspace_id(&name)
                    .and_then(|id| s.workspace(id).map(|ws| (id, ws.region)))
            })
        });
        if let Some((id, r)) = found {
            region.set(r);
            selected.set(Some(id));
        }
    });
    let manages = manages(store);
    let tabs = Region::ALL
        .iter()
        .map(|r| {
            let r = *r;
            view! {
                <button
                    type="button"
                    class="fw-segment"
                    aria-pressed=move || (region.get() == r).to_string()
                    data-testid=format!("region-tab-{r}")
                    on:click=move |_| region.set(r)
                >
                    {words::region(r)}
                    " "
                    <span class="fw-muted mono">{r.as_str()}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <section class="page" data-testid="page-workspaces">
            <PageHeader screen=Screen::Workspaces />
            <ManagementNotice manages=manages />
            <div class="fw-segments" role="group" aria-label="Region">
                {tabs}
            </div>
            {move || {
                let region = region.get();
                view! { <RegionPanel region=region selected=selected manages=manages /> }
            }}
            <Show when=move || manages.get()>
                <AddModel />
            </Show>
        </section>
    }
}

/// One region: its workspaces, the chosen one's details, and its quota allocation.
#[component]
fn RegionPanel(
    /// The region shown.
    region: Region,
    /// The workspace opened for details.
    selected: RwSignal<Option<WorkspaceId>>,
    /// Whether the acting identity has management permission.
    manages: Memo<bool>,
) -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let new_name = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        store.state().with(|state| {
            state
                .workspaces()
                .filter(|(_, ws)| ws.region == region)
                .map(|(id, ws)| {
                    let members = state
                        .live_members()
                        .filter(|m| state.membership(*m, id).is_some())
                        .count();
                    let callable = ws.models.values().filter(|auth| auth.call).count();
                    (
                        id,
                        ws.name.clone(),
                        ws.id.clone(),
                        ws.default,
                        members,
                        callable,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let proposals = Proposals::new();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked();
        let command = Command::CreateWorkspace {
            region,
            name: name.clone(),
        };
        proposals.propose(command, "create-workspace-submit", move |executed| {
            if executed.outcome.is_success() {
                new_name.set(String::new());
                selected.set(store.state().with_untracked(|s| s.workspace_id(&name)));
            }
            feedback.set(Some(Feedback::of(
                &executed,
                format!("Created workspace `{name}` in {}.", words::region(region)),
            )));
        });
    };
    let create_command = Signal::derive(move || {
        let name = new_name.get();
        (!name.is_empty()).then_some(Command::CreateWorkspace { region, name })
    });
    let list = move || {
        rows.get()
            .into_iter()
            .map(|(id, name, ws_id, default, members, callable)| {
                let open = move || selected.get() == Some(id);
                view! {
                    <tr data-testid=format!("ws-row-{name}") class:fw-row--selected=open>
                        <td>
                            <span class="mono" data-testid="ws-name">
                                {name.clone()}
                            </span>
                            {default.then(|| view! { <span class="fw-tag">"default"</span> })}
                            <div class="fw-muted fw-small mono" data-testid="ws-id">{ws_id}</div>
                        </td>
                        <td class="fw-num">{members}</td>
                        <td>
                            {if default {
                                "all models, no limits".to_owned()
                            } else {
                                format!("{callable} callable")
                            }}
                        </td>
                        <td>
                            <button
                                type="button"
                                class="fw-button fw-button--small"
                                aria-pressed=move || open().to_string()
                                data-testid=format!("ws-open-{name}")
                                on:click=move |_| {
                                    selected
                                        .update(|s| {
                                            *s = if *s == Some(id) { None } else { Some(id) };
                                        })
                                }
                            >
                                "Manage"
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    // Only a change of the opened workspace renders the details anew, so that their answers stay.
    let opened = Memo::new(move |_| {
        let id = selected.get()?;
        store
            .state()
            .with(|s| {
                s.is_live_workspace(id) && s.workspace(id).is_some_and(|ws| ws.region == region)
            })
            .then_some(id)
    });
    let detail = move || {
        opened
            .get()
            .map(|id| {
                view! { <WorkspaceDetail id=id manages=manages selected=selected region_feedback=feedback /> }
            })
    };
    view! {
        <div class="card fw-section" data-testid=format!("region-panel-{region}")>
            <h2 class="fw-h2">"Workspaces in " {words::region(region)}</h2>
            <table class="fw-table" data-testid="ws-table">
                <thead>
                    <tr>
                        <th scope="col">"Workspace"</th>
                        <th scope="col" class="fw-num">
                            "Members"
                        </th>
                        <th scope="col">"Models"</th>
                        <th scope="col">
                            <span class="fw-visually-hidden">"Action"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{list}</tbody>
            </table>
            <Show when=move || manages.get()>
                <form class="fw-form" on:submit=create>
                    <NameField
                        label="New sub-workspace"
                        what="workspace name"
                        rule=NameRule::Resource
                        value=new_name
                        test_id="create-workspace-name"
                        placeholder="workspace name"
                    />
                    <button type="submit" class="fw-button" data-testid="create-workspace-submit">
                        "Create workspace"
                    </button>
                </form>
            </Show>
            <LiveEffect command=create_command test_id="create-workspace-effect" proposals=proposals />
            <ChangeDialog proposals=proposals test_id="workspace-change" />
            <FeedbackLine feedback=feedback test_id="workspace-feedback" />
        </div>
        {detail}
        <QuotaView region=region manages=manages />
    }
}

/// A workspace opened for details: its ID, rename and delete, models, members.
#[component]
fn WorkspaceDetail(
    /// The workspace.
    id: WorkspaceId,
    /// Whether the acting identity has management permission.
    manages: Memo<bool>,
    /// The workspace opened, cleared once this one is deleted.
    selected: RwSignal<Option<WorkspaceId>>,
    /// The region's feedback, which says a deletion was done (these details close with it).
    region_feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let store = Store::get();
    let name = Memo::new(move |_| store.state().with(|s| s.workspace_name(id).to_owned()));
    let (default, ws_id) = store.state().with_untracked(|s| {
        s.workspace(id)
            .map(|ws| (ws.default, ws.id.clone()))
            .unwrap_or_default()
    });
    let rename_feedback = RwSignal::new(None::<Feedback>);
    let rename_draft = RwSignal::new(name.get_untracked());
    // A rename elsewhere (undo, another tab) shows in the field.
    Effect::new(move |_| rename_draft.set(name.get()));
    let proposals = Proposals::new();
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = name.get_untracked();
        let new_name = rename_draft.get_untracked();
        let command = Command::RenameWorkspace {
            workspace: current.clone(),
            name: new_name.clone(),
        };
        proposals.propose(command, "rename-workspace-submit", move |executed| {
            rename_feedback.set(Some(Feedback::of(
                &executed,
                format!("Renamed `{current}` to `{new_name}`."),
            )));
        });
    };
    // The rename's effect, once something other than the current name is typed.
    let rename_command = Signal::derive(move || {
        let current = name.get();
        let wanted = rename_draft.get();
        (!wanted.is_empty() && wanted != current).then_some(Command::RenameWorkspace {
            workspace: current,
            name: wanted,
        })
    });
    let delete = move |_| {
        let workspace = name.get_untracked();
        let command = Command::DeleteWorkspace {
            workspace: workspace.clone(),
        };
        proposals.confirm(command, "delete-workspace", move |executed| {
            let feedback = Feedback::of(
                &executed,
                format!("Deleted workspace `{workspace}`: its memberships, authorizations and keys are gone for good."),
            );
            if executed.outcome.is_success() {
                region_feedback.set(Some(feedback));
                selected.set(None);
            } else {
                rename_feedback.set(Some(feedback));
            }
        });
    };
    view! {
        <section
            class="card fw-section fw-detail"
            aria-labelledby="ws-detail-title"
            data-testid="ws-detail"
        >
            <h2 class="fw-h2" id="ws-detail-title">
                "Workspace "
                <span class="mono" data-testid="ws-detail-name">
                    {move || name.get()}
                </span>
            </h2>
            <p class="fw-small">
                "Workspace ID (API calls name it; it never changes) "
                <CopyValue value=ws_id what="workspace ID" test_id="ws-detail-id" />
            </p>
            {move || {
                if !manages.get() {
                    return None;
                }
                Some(if default {
                    view! {
                        <p class="fw-muted">
                            "A default workspace keeps its name for good and cannot be deleted."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <form class="fw-form" on:submit=rename>
                            <NameField
                                label="Rename to"
                                what="workspace name"
                                rule=NameRule::Resource
                                value=rename_draft
                                test_id="rename-workspace-name"
                            />
                            <button type="submit" class="fw-button" data-testid="rename-workspace-submit">
                                "Rename"
                            </button>
                            <button
                                type="button"
                                class="fw-button fw-button--danger"
                                data-testid="delete-workspace"
                                on:click=delete
                            >
                                "Delete workspace…"
                            </button>
                        </form>
                    }
                        .into_any()
                })
            }}
            <LiveEffect command=rename_command test_id="rename-workspace-effect" proposals=proposals />
            <ChangeDialog proposals=proposals test_id="rename-change" />
            <FeedbackLine feedback=rename_feedback test_id="rename-feedback" />
            <h3 class="fw-h3">"Model authorizations"</h3>
            {if default {
                view! {
                    <p class="fw-readonly" data-testid="models-default-note">
                        "Default workspace: all models, no limits. It may call, fine-tune and deploy every model in the catalog, and that cannot be restricted."
                    </p>
                }
                    .into_any()
            } else {
                view! { <ModelTable id=id manages=manages /> }.into_any()
            }}
            <h3 class="fw-h3">"Members"</h3>
            <Members id=id />
        </section>
    }
}

/// The model authorization table of a sub-workspace; read-only without management permission.
#[component]
fn ModelTable(
    /// The sub-workspace.
    id: WorkspaceId,
    /// Whether the acting identity has management permission.
    manages: Memo<bool>,
) -> impl IntoView {
    let read_only = move || !manages.get();
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let proposals = Proposals::new();
    let rows = Memo::new(move |_| {
        store.state().with(|s| {
            let workspace = s.workspace_name(id).to_owned();
            let models = s
                .models()
                .map(|(model, entry)| (entry.clone(), s.model_auth(id, model)))
                .collect::<Vec<_>>();
            (workspace, models)
        })
    });
    let row = move |workspace: String, model: studio_access_core::Model, auth: ModelAuth| {
        let name = model.name.clone();
        let flag = |label: &'static str, on: bool, which: usize| {
            let workspace = workspace.clone();
            let name = name.clone();
            let aria = format!("{label} {name}");
            let test_id = format!("auth-{}-{name}", label.to_lowercase().replace(' ', "-"));
            let origin = test_id.clone();
            view! {
                <td class="fw-center">
                    <input
                        type="checkbox"
                        aria-label=aria
                        data-testid=test_id
                        disabled=read_only
                        prop:checked=on
                        on:change=move |ev| {
                            let input: HtmlInputElement = event_target(&ev);
                            let wanted = input.checked();
                            // The box shows the state, not the wish: it changes once applied.
                            input.set_checked(!wanted);
                            let set = Some(wanted);
                            let (call, fine_tune, deploy) = match which {
                                0 => (set, None, None),
                                1 => (None, set, None),
                                _ => (None, None, set),
                            };
                            let command = Command::AuthorizeModel {
                                workspace: workspace.clone(),
                                model: name.clone(),
                                call,
                                fine_tune,
                                deploy,
                            };
                            let done = format!(
                                "{label} {} for `{name}` in `{workspace}`.",
                                if wanted { "authorized" } else { "withdrawn" },
                            );
                            proposals
                                .propose(
                                    command,
                                    origin.clone(),
                                    move |executed| {
                                        feedback.set(Some(Feedback::of(&executed, done.clone())));
                                    },
                                );
                        }
                    />
                </td>
            }
        };
        let rpm_ref = NodeRef::<html::Input>::new();
        let tpm_ref = NodeRef::<html::Input>::new();
        let set_limits = {
            let workspace = workspace.clone();
            let name = name.clone();
            move |_| {
                let parsed = parse_limit(&input_text(rpm_ref), "request limit").and_then(|rpm| {
                    parse_limit(&input_text(tpm_ref), "token limit").map(|tpm| (rpm, tpm))
                });
                match parsed {
                    Err(why) => feedback.set(Some(Feedback::Refused(why))),
                    Ok((rpm, tpm)) => {
                        let command = Command::SetModelLimits {
                            workspace: workspace.clone(),
                            model: name.clone(),
                            rpm,
                            tpm,
                        };
                        let done = format!("Set the limits of `{name}` in `{workspace}`.");
                        proposals.propose(command, format!("limit-set-{name}"), move |executed| {
                            feedback.set(Some(Feedback::of(&executed, done.clone())));
                        });
                    }
                }
            }
        };
        let clear_limits = {
            let workspace = workspace.clone();
            let name = name.clone();
            move |_| {
                let command = Command::ClearModelLimits {
                    workspace: workspace.clone(),
                    model: name.clone(),
                };
                let done = format!("Cleared the limits of `{name}` in `{workspace}`.");
                proposals.propose(command, format!("limit-clear-{name}"), move |executed| {
                    feedback.set(Some(Feedback::of(&executed, done.clone())));
                });
            }
        };
        let capabilities = match (model.fine_tunable, model.deployable) {
            (true, true) => "fine-tunable, deployable",
            (true, false) => "fine-tunable",
            (false, true) => "deployable",
            (false, false) => "call only",
        };
        view! {
            <tr data-testid=format!("model-row-{name}")>
                <td>
                    <span class="mono">{name.clone()}</span>
                    " "
                    <span class="fw-tag">{model.kind.as_str()}</span>
                    <div class="fw-muted fw-small">{capabilities}</div>
                </td>
                {flag("Call", auth.call, 0)}
                {flag("Fine-tune", auth.fine_tune, 1)}
                {flag("Deploy", auth.deploy, 2)}
                <td>
                    <input
                        type="number"
                        min="1"
                        inputmode="numeric"
                        class="fw-number"
                        placeholder="no limit"
                        aria-label=format!("Request limit (RPM) of {name}")
                        data-testid=format!("limit-rpm-{name}")
                        disabled=read_only
                        node_ref=rpm_ref
                        value=auth.rpm.map(|v| v.to_string()).unwrap_or_default()
                    />
                </td>
                <td>
                    <input
                        type="number"
                        min="1"
                        inputmode="numeric"
                        class="fw-number"
                        placeholder="no limit"
                        aria-label=format!("Token limit (TPM) of {name}")
                        data-testid=format!("limit-tpm-{name}")
                        disabled=read_only
                        node_ref=tpm_ref
                        value=auth.tpm.map(|v| v.to_string()).unwrap_or_default()
                    />
                </td>
                <td class="fw-nowrap">
                    <button
                        type="button"
                        class="fw-button fw-button--small"
                        data-testid=format!("limit-set-{name}")
                        disabled=read_only
                        on:click=set_limits
                    >
                        "Set"
                    </button>
                    <button
                        type="button"
                        class="fw-button fw-button--small fw-button--quiet"
                        data-testid=format!("limit-clear-{name}")
                        disabled=read_only
                        on:click=clear_limits
                    >
                        "Clear"
                    </button>
                </td>
            </tr>
        }
    };
    view! {
        <FeedbackLine feedback=feedback test_id="models-feedback" />
        <ChangeDialog proposals=proposals test_id="models-change" />
        <div class="fw-table-wrap">
            <table class="fw-table" data-testid="models-table">
                <thead>
                    <tr>
                        <th scope="col">"Model"</th>
                        <th scope="col" class="fw-center">
                            "Call"
                        </th>
                        <th scope="col" class="fw-center">
                            "Fine-tune"
                        </th>
                        <th scope="col" class="fw-center">
                            "Deploy"
                        </th>
                        <th scope="col">"Request limit (RPM)"</th>
                        <th scope="col">"Token limit (TPM)"</th>
                        <th scope="col">
                            <span class="fw-visually-hidden">"Limits"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let (workspace, models) = rows.get();
                        models
                            .into_iter()
                            .map(|(model, auth)| row(workspace.clone(), model, auth))
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// The members of a workspace: administrator flags, removal, and adding a user or role.
#[component]
fn Members(
    /// The workspace.
    id: WorkspaceId,
) -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let add_choice = RwSignal::new(String::new());
    let add_admin = RwSignal::new(false);
    let matrix_href = AppBase::from_document().href(Screen::Permissions);
    // (workspace name, members with their flags, principals that could be added)
    let data = Memo::new(move |_| {
        store.state().with(|s| {
            let workspace = s.workspace_name(id).to_owned();
            let mut members = Vec::new();
            let mut others = Vec::new();
            for member in s.live_members() {
                let name = member_name(s, member);
                match s.membership(member, id) {
                    Some(m) => members.push((name, m.admin, m.pages.iter().count())),
                    None => others.push(name),
                }
            }
            (workspace, members, others)
        })
    });
    let proposals = Proposals::new();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (workspace, _, others) = data.get_untracked();
        let key = add_choice.get_untracked();
        let Some(member) = others.into_iter().find(|m| member_key(m) == key) else {
            feedback.set(Some(Feedback::Refused(
                "Choose a user or role to add.".to_owned(),
            )));
            return;
        };
        let admin = add_admin.get_untracked();
        let done = format!(
            "Added {} to `{workspace}`{}.",
            member_label(&member),
            if admin { " as an administrator" } else { "" }
        );
        let command = Command::AddMember {
            workspace,
            member,
            admin,
        };
        proposals.propose(command, "add-member-submit", move |executed| {
            if executed.outcome.is_success() {
                add_admin.set(false);
            }
            feedback.set(Some(Feedback::of(&executed, done.clone())));
        });
    };
    let add_command = Signal::derive(move || {
        let key = add_choice.get();
        let admin = add_admin.get();
        data.with(|(workspace, _, others)| {
            others
                .iter()
                .find(|m| member_key(m) == key)
                .map(|member| Command::AddMember {
                    workspace: workspace.clone(),
                    member: member.clone(),
                    admin,
                })
        })
    });
    let rows = move || {
        let (workspace, members, _) = data.get();
        if members.is_empty() {
            return view! {
                <tr>
                    <td colspan="4" class="fw-muted" data-testid="members-empty">
                        "No members yet."
                    </td>
                </tr>
            }
            .into_any();
        }
        members
            .into_iter()
            .map(|(member, admin, pages)| {
                let label = member_label(&member);
                let key = member_key(&member);
                let toggle = {
                    let workspace = workspace.clone();
                    let member = member.clone();
                    let label = label.clone();
                    let origin = format!("member-admin-{key}");
                    move |ev: leptos::ev::Event| {
                        let input: HtmlInputElement = event_target(&ev);
                        let wanted = input.checked();
                        // The box shows the state, not the wish: it changes once applied.
                        input.set_checked(!wanted);
                        let done = format!(
                            "{} {} an administrator of `{workspace}`.",
                            label,
                            if wanted { "is now" } else { "is no longer" }
                        );
                        let command = Command::SetAdmin {
                            workspace: workspace.clone(),
                            member: member.clone(),
                            admin: wanted,
                        };
                        proposals.propose(command, origin.clone(), move |executed| {
                            feedback.set(Some(Feedback::of(&executed, done.clone())));
                        });
                    }
                };
                let removed = {
                    let done = format!("Removed {label} from `{workspace}`.");
                    Callback::new(move |executed: studio_access_core::Executed| {
                        feedback.set(Some(Feedback::of(&executed, done.clone())));
                    })
                };
                let question = format!(
                    "Remove {label} from `{workspace}`? Its administrator flag and page permissions go with it."
                );
                let remove = {
                    let command = Command::RemoveMember {
                        workspace: workspace.clone(),
                        member: member.clone(),
                    };
                    Signal::derive(move || Some(command.clone()))
                };
                view! {
                    <tr data-testid=format!("member-row-{key}")>
                        <td>
                            <span class="fw-tag">
                                {match member {
                                    MemberName::User(_) => "user",
                                    MemberName::Role(_) => "role",
                                }}
                            </span>
                            " "
                            <span class="mono">{member.name().to_owned()}</span>
                        </td>
                        <td class="fw-center">
                            <input
                                type="checkbox"
                                aria-label=format!("Administrator: {label}")
                                data-testid=format!("member-admin-{key}")
                                prop:checked=admin
                                on:change=toggle
                            />
                        </td>
                        <td>
                            {if admin {
                                "every page (administrator)".to_owned()
                            } else {
                                format!("{pages} page permissions")
                            }}
                        </td>
                        <td>
                            <ActionButton
                                label="Remove"
                                question=question
                                confirm_label="Remove"
                                command=remove
                                always=true
                                done=removed
                                test_id=format!("member-remove-{key}")
                                danger=true
                            />
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let add_form = move || {
        let (_, _, others) = data.get();
        if others.is_empty() {
            return view! {
                <p class="fw-muted">"Every user and role is already a member."</p>
            }
            .into_any();
        }
        let keys: Vec<String> = others.iter().map(member_key).collect();
        if !keys.contains(&add_choice.get_untracked()) {
            add_choice.set(keys.first().cloned().unwrap_or_default());
        }
        let options = others
            .into_iter()
            .map(|m| {
                let key = member_key(&m);
                let selected = key == add_choice.get_untracked();
                view! {
                    <option value=key selected=selected>
                        {member_label(&m)}
                    </option>
                }
            })
            .collect_view();
        view! {
            <form class="fw-form" on:submit=add>
                <label for="add-member-select">"Add member"</label>
                <select
                    id="add-member-select"
                    data-testid="add-member-select"
                    on:change=move |ev| add_choice.set(event_target_value(&ev))
                >
                    {options}
                </select>
                <label class="fw-check">
                    <input
                        type="checkbox"
                        data-testid="add-member-admin"
                        prop:checked=move || add_admin.get()
                        on:change=move |ev| add_admin.set(event_target_checked(&ev))
                    />
                    "as administrator"
                </label>
                <button type="submit" class="fw-button" data-testid="add-member-submit">
                    "Add"
                </button>
            </form>
            <LiveEffect command=add_command test_id="add-member-effect" proposals=proposals />
        }
        .into_any()
    };
    view! {
        <FeedbackLine feedback=feedback test_id="members-feedback" />
        <ChangeDialog proposals=proposals test_id="members-change" />
        <table class="fw-table" data-testid="members-table">
            <thead>
                <tr>
                    <th scope="col">"Member"</th>
                    <th scope="col" class="fw-center">
                        "Administrator"
                    </th>
                    <th scope="col">"Pages"</th>
                    <th scope="col">
                        <span class="fw-visually-hidden">"Action"</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {add_form}
        <p class="fw-muted fw-small">
            "Page permissions are granted in the "
            <a href=matrix_href>"permissions matrix"</a>
            "."
        </p>
    }
}

/// A region's account quotas and how its sub-workspaces' request limits share them out.
#[component]
fn QuotaView(
    /// The region.
    region: Region,
    /// Whether the acting identity has management permission (to set quotas).
    manages: Memo<bool>,
) -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    let lines = Memo::new(move |_| store.state().with(|s| quota_lines(s, region)));
    let models = Memo::new(move |_| {
        store
            .state()
            .with(|s| s.models().map(|(_, m)| m.name.clone()).collect::<Vec<_>>())
    });
    let model_choice = NodeRef::<html::Select>::new();
    let rpm_input = NodeRef::<html::Input>::new();
    let proposals = Proposals::new();
    let set_quota = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let model = model_choice
            .get_untracked()
            .map(|select| select.value())
            .unwrap_or_default();
        match parse_limit(&input_text(rpm_input), "account quota") {
            Err(why) => feedback.set(Some(Feedback::Refused(why))),
            Ok(None) => feedback.set(Some(Feedback::Refused(
                "Enter the account quota in requests per minute.".to_owned(),
            ))),
            Ok(Some(rpm)) => {
                let done = format!(
                    "Set the account quota of `{model}` in {} to {rpm} RPM.",
                    words::region(region)
                );
                let command = Command::SetAccountQuota { region, model, rpm };
                proposals.propose(command, "quota-set", move |executed| {
                    feedback.set(Some(Feedback::of(&executed, done.clone())));
                });
            }
        }
    };
    let bars = move || {
        let lines = lines.get();
        if lines.is_empty() {
            return view! {
                <p class="fw-muted" data-testid="quota-empty">
                    "No account quota or request limit in this region yet."
                </p>
            }
            .into_any();
        }
        lines.into_iter().map(quota_line).collect_view().into_any()
    };
    view! {
        <section
            class="card fw-section"
            aria-labelledby=format!("quota-title-{region}")
            data-testid="quota-view"
        >
            <h2 class="fw-h2" id=format!("quota-title-{region}")>
                "Quota allocation in "
                {words::region(region)}
            </h2>
            <p class="fw-muted fw-small">
                "Each model's account quota (requests per minute) and the request limits of this region's sub-workspaces drawn against it. Keep at least 10% unallocated as a buffer. The quota is advisory: it throttles nothing."
            </p>
            <form class="fw-form" on:submit=set_quota hidden=move || !manages.get()>
                <label for=format!("quota-model-{region}")>"Account quota of"</label>
                <select
                    id=format!("quota-model-{region}")
                    data-testid="quota-model"
                    node_ref=model_choice
                >
                    {move || {
                        models
                            .get()
                            .into_iter()
                            .map(|m| view! { <option value=m.clone()>{m.clone()}</option> })
                            .collect_view()
                    }}
                </select>
                <input
                    type="number"
                    min="1"
                    inputmode="numeric"
                    class="fw-number"
                    placeholder="RPM"
                    aria-label="Account quota in requests per minute"
                    data-testid="quota-rpm"
                    node_ref=rpm_input
                />
                <button type="submit" class="fw-button" data-testid="quota-set">
                    "Set quota"
                </button>
            </form>
            <ChangeDialog proposals=proposals test_id="quota-change" />
            <FeedbackLine feedback=feedback test_id="quota-feedback" />
            {bars}
        </section>
    }
}

/// One model's quota drawn as a bar: a segment per sub-workspace, then the buffer.
fn quota_line(line: QuotaLine) -> impl IntoView {
    let standing = line.standing();
    let (tag_class, tag) = match standing {
        QuotaStanding::NoQuota => ("fw-tag", "no account quota"),
        QuotaStanding::OverAllocated => ("fw-tag fw-tag--danger", "over-allocated"),
        QuotaStanding::ThinBuffer => ("fw-tag fw-tag--warn", "buffer under 10%"),
        QuotaStanding::Healthy => ("fw-tag fw-tag--ok", "buffer kept"),
    };
    let quota = line.quota.map(u128::from).unwrap_or(0);
    let scale = quota.max(line.allocated);
    let buffer = quota.saturating_sub(line.allocated);
    let summary = match line.quota {
        Some(q) => format!(
            "Quota {q} RPM; allocated {} RPM ({}%); {}",
            line.allocated,
            percent(line.allocated, quota),
            if line.allocated > quota {
                format!("over by {} RPM", line.allocated - quota)
            } else {
                format!("buffer {buffer} RPM ({}%)", percent(buffer, quota))
            }
        ),
        None => format!(
            "No account quota; the request limits add up to {} RPM",
            line.allocated
        ),
    };
    let segments = line
        .shares
        .iter()
        .map(|(ws, rpm)| {
            let width = css_percent(u128::from(*rpm), scale);
            let title = format!("{ws}: {rpm} RPM");
            view! {
                <span
                    class="fw-bar__segment"
                    style=format!("width: {width}")
                    title=title
                ></span>
            }
        })
        .collect_view();
    let buffer_segment = (buffer > 0).then(|| {
        let class = if standing == QuotaStanding::ThinBuffer {
            "fw-bar__buffer fw-bar__buffer--thin"
        } else {
            "fw-bar__buffer"
        };
        view! {
            <span
                class=class
                style=format!("width: {}", css_percent(buffer, scale))
                title=format!("Buffer: {buffer} RPM")
            ></span>
        }
    });
    let limit_marker = (line.quota.is_some() && line.allocated > quota).then(|| {
        view! {
            <span
                class="fw-bar__limit"
                style=format!("left: {}", css_percent(quota, scale))
                title="The account quota"
            ></span>
        }
    });
    let legend = line
        .shares
        .iter()
        .map(|(ws, rpm)| {
            let share = if quota > 0 {
                format!(" ({}%)", percent(u128::from(*rpm), quota))
            } else {
                String::new()
            };
            view! {
                <li>
                    <span class="mono">{ws.clone()}</span>
                    {format!(": {rpm} RPM{share}")}
                </li>
            }
        })
        .collect_view();
    let model = line.model.clone();
    view! {
        <div
            class="fw-quota"
            class:fw-quota--over=standing == QuotaStanding::OverAllocated
            data-testid=format!("quota-line-{model}")
        >
            <div class="fw-quota__head">
                <span class="mono">{model.clone()}</span>
                <span class=tag_class data-testid="quota-standing">
                    {tag}
                </span>
                <span class="fw-muted fw-small" data-testid="quota-summary">
                    {summary.clone()}
                </span>
            </div>
            {line
                .quota
                .is_some()
                .then(|| {
                    view! {
                        <div class="fw-bar" role="img" aria-label=summary.clone()>
                            {segments}
                            {buffer_segment}
                            {limit_marker}
                        </div>
                    }
                })}
            <ul class="fw-quota__legend">{legend}</ul>
        </div>
    }
}

/// Adding a model to the catalog (super administrators only; the core says so otherwise).
#[component]
fn AddModel() -> impl IntoView {
    let feedback = RwSignal::new(None::<Feedback>);
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(ModelKind::Text);
    let fine_tunable = RwSignal::new(false);
    let deployable = RwSignal::new(false);
    let proposals = Proposals::new();
    let command = Signal::derive(move || {
        let model = name.get().trim().to_owned();
        (!model.is_empty()).then(|| Command::AddModel {
            model,
            kind: kind.get(),
            fine_tunable: fine_tunable.get(),
            deployable: deployable.get(),
        })
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let model = name.get_untracked().trim().to_owned();
        let command = Command::AddModel {
            model: model.clone(),
            kind: kind.get_untracked(),
            fine_tunable: fine_tunable.get_untracked(),
            deployable: deployable.get_untracked(),
        };
        proposals.propose(command, "add-model-submit", move |executed| {
            if executed.outcome.is_success() {
                name.set(String::new());
            }
            feedback.set(Some(Feedback::of(
                &executed,
                format!("Added `{model}` to the catalog."),
            )));
        });
    };
    view! {
        <section class="card fw-section" aria-labelledby="add-model-title">
            <h2 class="fw-h2" id="add-model-title">
                "Model catalog"
            </h2>
            <form class="fw-form" on:submit=add>
                <label for="add-model-name">"New model"</label>
                <input
                    id="add-model-name"
                    type="text"
                    placeholder="model id"
                    autocomplete="off"
                    data-testid="add-model-name"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <label for="add-model-kind">"Kind"</label>
                <select
                    id="add-model-kind"
                    data-testid="add-model-kind"
                    on:change=move |ev| {
                        if let Some(k) = ModelKind::parse(&event_target_value(&ev)) {
                            kind.set(k);
                        }
                    }
                >
                    {ModelKind::ALL
                        .iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=*k == ModelKind::Text>
                                    {k.as_str()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label class="fw-check">
                    <input
                        type="checkbox"
                        data-testid="add-model-fine-tunable"
                        prop:checked=move || fine_tunable.get()
                        on:change=move |ev| fine_tunable.set(event_target_checked(&ev))
                    />
                    "fine-tunable"
                </label>
                <label class="fw-check">
                    <input
                        type="checkbox"
                        data-testid="add-model-deployable"
                        prop:checked=move || deployable.get()
                        on:change=move |ev| deployable.set(event_target_checked(&ev))
                    />
                    "deployable"
                </label>
                <button type="submit" class="fw-button" data-testid="add-model-submit">
                    "Add model"
                </button>
            </form>
            <LiveEffect command=command test_id="add-model-effect" proposals=proposals />
            <ChangeDialog proposals=proposals test_id="add-model-change" />
            <FeedbackLine feedback=feedback test_id="add-model-feedback" />
        </section>
    }
}
