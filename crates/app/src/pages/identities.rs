//! The Identities screen: RAM users and roles. Create and delete them, trust users to roles,
//! attach and detach system policies, and see for each principal its effective policies and what
//! they make it: super administrator, RAM administrator, administrator or member of workspaces.

use leptos::prelude::*;
use studio_access_core::{Command, Member, MemberName, NameRule, Policy, PolicySet, State};

use crate::components::{
    ActionButton, ChangeDialog, Feedback, FeedbackLine, LiveEffect, NameField, PageHeader,
    Proposals,
};
use crate::store::Store;
use crate::{Screen, words};

/// Whether a principal is a user or a role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    User,
    Role,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::Role => "role",
        }
    }
}

/// One principal and everything the screen says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Principal {
    member: Member,
    kind: Kind,
    name: String,
    attached: PolicySet,
    effective: PolicySet,
    super_admin: bool,
    ram_admin: bool,
    admin_of: Vec<String>,
    member_of: Vec<String>,
    /// For a user, the roles that trust it; for a role, the users it trusts.
    trust: Vec<String>,
}

impl Principal {
    fn member_name(&self) -> MemberName {
        match self.kind {
            Kind::User => MemberName::User(self.name.clone()),
            Kind::Role => MemberName::Role(self.name.clone()),
        }
    }

    fn test_id(&self) -> String {
        format!("{}-{}", self.kind.word(), self.name)
    }
}

fn principal(state: &State, member: Member) -> Option<Principal> {
    let (kind, name, trust) = match member {
        Member::User(id) => {
            let user = state.user(id).filter(|u| !u.deleted)?;
            let mut roles: Vec<String> = state
                .live_roles()
                .filter(|(_, role)| role.trusted.contains(&id))
                .map(|(_, role)| role.name.clone())
                .collect();
            roles.sort();
            (Kind::User, user.name.clone(), roles)
        }
        Member::Role(id) => {
            let role = state.role(id).filter(|r| !r.deleted)?;
            let mut users: Vec<String> = role
                .trusted
                .iter()
                .filter_map(|u| state.user(*u).filter(|u| !u.deleted))
                .map(|u| u.name.clone())
                .collect();
            users.sort();
            (Kind::Role, role.name.clone(), users)
        }
    };
    let attached = state.policies(member);
    let effective = attached.expanded();
    let memberships = state.memberships(member);
    let names = |admin_only: bool| -> Vec<String> {
        memberships
            .map(|all| {
                all.iter()
                    .filter(|(_, m)| m.admin || !admin_only)
                    .map(|(ws, _)| state.workspace_name(*ws).to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(Principal {
        member,
        kind,
        name,
        attached,
        effective,
        super_admin: effective.contains(Policy::AliyunBailianFullAccess),
        ram_admin: effective.contains(Policy::AliyunRamFullAccess),
        admin_of: names(true),
        member_of: names(false),
        trust,
    })
}

fn principals(state: &State) -> Vec<Principal> {
    let mut all: Vec<Principal> = state
        .live_members()
        .filter_map(|member| principal(state, member))
        .collect();
    all.sort_by(|a, b| (a.kind == Kind::Role, &a.name).cmp(&(b.kind == Kind::Role, &b.name)));
    all
}

/// Why a policy is held: attached, included by another, or not at all.
fn policy_status(p: &Principal, policy: Policy) -> &'static str {
    if p.attached.contains(policy) {
        "attached"
    } else if p.effective.contains(policy) {
        if p.attached.contains(Policy::AdministratorAccess) {
            "included by AdministratorAccess"
        } else {
            "included by AliyunBailianDataFullAccess"
        }
    } else {
        "not held"
    }
}

/// Who may attach or detach a policy (SPEC section 4).
fn policy_note(policy: Policy) -> &'static str {
    match policy {
        Policy::AdministratorAccess
        | Policy::AliyunBailianDataFullAccess
        | Policy::AliyunBailianDataReadOnlyAccess => "the Alibaba Cloud account only",
        _ => "RAM administrators",
    }
}

fn list_or(items: &[String], none: &'static str) -> String {
    if items.is_empty() {
        none.to_owned()
    } else {
        items.join(", ")
    }
}

/// The badges that say what a principal's policies and memberships make it.
fn standing(p: &Principal) -> impl IntoView + use<> {
    let mut badges = Vec::new();
    if p.super_admin {
        badges.push(("fw-tag fw-tag--accent", "Super administrator".to_owned()));
    }
    if p.ram_admin {
        badges.push(("fw-tag fw-tag--accent", "RAM administrator".to_owned()));
    }
    if !p.admin_of.is_empty() {
        badges.push((
            "fw-tag",
            format!("Workspace administrator of {}", p.admin_of.join(", ")),
        ));
    }
    let member_of = list_or(&p.member_of, "no workspace");
    view! {
        <div class="fw-standing">
            {badges
                .into_iter()
                .map(|(class, text)| view! { <span class=class>{text}</span> })
                .collect_view()}
            <span class="fw-muted">"Member of " {member_of}</span>
        </div>
    }
}

/// The Identities screen. `?search=<text>` fills the search, so that other pages (the audit's
/// findings, for one) can link straight to a principal.
#[component]
pub fn IdentitiesPage() -> impl IntoView {
    let store = Store::get();
    let all = Memo::new(move |_| store.state().with(principals));
    let search = RwSignal::new(String::new());
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        if let Some(text) = query.with(|q| q.get("search")) {
            search.set(text);
        }
    });
    let selected = RwSignal::new(None::<Member>);
    let feedback = RwSignal::new(None::<Feedback>);
    let user_name = RwSignal::new(String::new());
    let role_name = RwSignal::new(String::new());

    let proposals = Proposals::new();
    let create = move |kind: Kind| {
        let field = match kind {
            Kind::User => user_name,
            Kind::Role => role_name,
        };
        let name = field.get_untracked();
        let command = match kind {
            Kind::User => Command::CreateUser { name: name.clone() },
            Kind::Role => Command::CreateRole { name: name.clone() },
        };
        let done = format!("Created {} `{name}`.", kind.word());
        let origin = format!("create-{}-submit", kind.word());
        proposals.propose(command, origin, move |executed| {
            if executed.outcome.is_success() {
                field.set(String::new());
            }
            feedback.set(Some(Feedback::of(&executed, done.clone())));
        });
    };
    let create_user = Signal::derive(move || {
        let name = user_name.get();
        (!name.is_empty()).then_some(Command::CreateUser { name })
    });
    let create_role = Signal::derive(move || {
        let name = role_name.get();
        (!name.is_empty()).then_some(Command::CreateRole { name })
    });

    let shown = move || {
        let needle = search.get().trim().to_lowercase();
        all.get()
            .into_iter()
            .filter(|p| needle.is_empty() || p.name.to_lowercase().contains(&needle))
            .collect::<Vec<_>>()
    };

    let rows = move || {
        let shown = shown();
        if shown.is_empty() {
            let text = if all.with(Vec::is_empty) {
                "No RAM users or roles yet. Create one above."
            } else {
                "No user or role matches the search."
            };
            return view! {
                <tr>
                    <td colspan="5" class="fw-muted" data-testid="identities-empty">
                        {text}
                    </td>
                </tr>
            }
            .into_any();
        }
        shown
            .into_iter()
            .map(|p| {
                let member = p.member;
                let test_id = p.test_id();
                let effective = p
                    .effective
                    .iter()
                    .map(|policy| {
                        let class = if p.attached.contains(policy) {
                            "fw-policy"
                        } else {
                            "fw-policy fw-policy--included"
                        };
                        let title = if p.attached.contains(policy) {
                            "attached".to_owned()
                        } else {
                            policy_status(&p, policy).to_owned()
                        };
                        view! {
                            <span class=class title=title>
                                {policy.as_str()}
                            </span>
                        }
                    })
                    .collect_view();
                let trust_label = match p.kind {
                    Kind::User => list_or(&p.trust, "—"),
                    Kind::Role => list_or(&p.trust, "nobody"),
                };
                let is_selected = move || selected.get() == Some(member);
                view! {
                    <tr
                        data-testid=format!("principal-row-{test_id}")
                        class:fw-row--selected=is_selected
                    >
                        <td>
                            <span class="fw-tag">{p.kind.word()}</span>
                            " "
                            <span class="mono">{p.name.clone()}</span>
                        </td>
                        <td>
                            {if p.effective.is_empty() {
                                view! { <span class="fw-muted">"none"</span> }.into_any()
                            } else {
                                view! { <div class="fw-policies">{effective}</div> }.into_any()
                            }}
                        </td>
                        <td>{standing(&p)}</td>
                        <td>{trust_label}</td>
                        <td>
                            <button
                                type="button"
                                class="fw-button fw-button--small"
                                data-testid=format!("principal-manage-{test_id}")
                                aria-expanded=move || is_selected().to_string()
                                on:click=move |_| {
                                    selected
                                        .update(|s| {
                                            *s = if *s == Some(member) { None } else { Some(member) };
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
            .into_any()
    };

    view! {
        <section class="page" data-testid="page-identities">
            <PageHeader screen=Screen::Identities />
            <div class="card fw-section">
                <div class="fw-forms">
                    <form
                        class="fw-form"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            create(Kind::User);
                        }
                    >
                        <NameField
                            label="New RAM user"
                            what="user name"
                            rule=NameRule::Principal
                            value=user_name
                            test_id="create-user-name"
                            placeholder="user name"
                        />
                        <button type="submit" class="fw-button" data-testid="create-user-submit">
                            "Create user"
                        </button>
                        <LiveEffect command=create_user test_id="create-user-effect" proposals=proposals />
                    </form>
                    <form
                        class="fw-form"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            create(Kind::Role);
                        }
                    >
                        <NameField
                            label="New RAM role"
                            what="role name"
                            rule=NameRule::Principal
                            value=role_name
                            test_id="create-role-name"
                            placeholder="role name"
                        />
                        <button type="submit" class="fw-button" data-testid="create-role-submit">
                            "Create role"
                        </button>
                        <LiveEffect command=create_role test_id="create-role-effect" proposals=proposals />
                    </form>
                </div>
                <ChangeDialog proposals=proposals test_id="identities-change" />
                <FeedbackLine feedback=feedback test_id="identities-feedback" />
            </div>
            {move || {
                selected
                    .get()
                    .map(|member| {
                        view! {
                            <PrincipalDetail
                                member=member
                                on_close=move |()| selected.set(None)
                            />
                        }
                    })
            }}
            <div class="fw-toolbar">
                <label for="identities-search">"Search by name"</label>
                <input
                    id="identities-search"
                    type="search"
                    placeholder="name contains…"
                    data-testid="identities-search"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
                <span class="fw-muted" data-testid="identities-count">
                    {move || {
                        let users = all.with(|a| a.iter().filter(|p| p.kind == Kind::User).count());
                        let roles = all.with(|a| a.iter().filter(|p| p.kind == Kind::Role).count());
                        format!("{users} users, {roles} roles")
                    }}
                </span>
            </div>
            <div class="fw-table-wrap">
                <table class="fw-table" data-testid="identities-table">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Effective policies"</th>
                            <th scope="col">"Standing"</th>
                            <th scope="col">"Trust"</th>
                            <th scope="col">
                                <span class="fw-visually-hidden">"Actions"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// The selected principal: its policies one by one, its trusts, and deleting it.
#[component]
fn PrincipalDetail(
    /// The principal shown.
    member: Member,
    /// Closes the panel.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let store = Store::get();
    let current = Memo::new(move |_| store.state().with(|state| principal(state, member)));
    let feedback = RwSignal::new(None::<Feedback>);
    // The other side of a trust: roles for a user, users for a role, with whether it holds.
    let counterparts = Memo::new(move |_| {
        store.state().with(|state| {
            let mut names: Vec<(String, bool)> = match member {
                Member::User(id) => state
                    .live_roles()
                    .map(|(_, role)| (role.name.clone(), role.trusted.contains(&id)))
                    .collect(),
                Member::Role(id) => {
                    let trusted = state
                        .role(id)
                        .map(|r| r.trusted.clone())
                        .unwrap_or_default();
                    state
                        .live_users()
                        .map(|(uid, user)| (user.name.clone(), trusted.contains(&uid)))
                        .collect()
                }
            };
            names.sort();
            names
        })
    });
    let trust_choice = RwSignal::new(String::new());

    // What an action says once it ran: `done`, or why it was refused.
    let report = move |done: String| {
        Callback::new(move |executed: studio_access_core::Executed| {
            feedback.set(Some(Feedback::of(&executed, done.clone())));
        })
    };
    let proposals = Proposals::new();
    // The trust `other` would get or lose, with what to say once done.
    let trust_change = move |other: String, trusted: bool| {
        let p = current.get_untracked()?;
        let (role, user) = match p.kind {
            Kind::User => (other, p.name.clone()),
            Kind::Role => (p.name.clone(), other),
        };
        let done = if trusted {
            format!("Role `{role}` now trusts `{user}`.")
        } else {
            format!("Role `{role}` no longer trusts `{user}`.")
        };
        let command = if trusted {
            Command::TrustRole { role, user }
        } else {
            Command::UntrustRole { role, user }
        };
        Some((command, done))
    };
    let trust = move |other: String| {
        if let Some((command, done)) = trust_change(other, true) {
            proposals.propose(command, "trust-submit", move |executed| {
                feedback.set(Some(Feedback::of(&executed, done.clone())));
            });
        }
    };

    move || {
        let Some(p) = current.get() else {
            return view! {
                <div class="card fw-section" data-testid="principal-detail">
                    <p class="fw-muted">"This principal no longer exists."</p>
                    <FeedbackLine feedback=feedback test_id="principal-feedback" />
                    <button
                        type="button"
                        class="fw-button fw-button--quiet"
                        on:click=move |_| on_close.run(())
                    >
                        "Close"
                    </button>
                </div>
            }
            .into_any();
        };
        let kind = p.kind;
        let name = p.name.clone();
        let member_name = p.member_name();
        let policies = Policy::ALL
            .iter()
            .map(|policy| {
                let policy = *policy;
                let attached = p.attached.contains(policy);
                let status = policy_status(&p, policy);
                let member_name = member_name.clone();
                let name = name.clone();
                let (label, command, done) = if attached {
                    (
                        "Detach",
                        Command::DetachPolicy {
                            member: member_name,
                            policy,
                        },
                        format!("Detached {policy} from {} `{name}`.", kind.word()),
                    )
                } else {
                    (
                        "Attach",
                        Command::AttachPolicy {
                            member: member_name,
                            policy,
                        },
                        format!("Attached {policy} to {} `{name}`.", kind.word()),
                    )
                };
                let question = if attached {
                    format!("Detach {policy} from {} `{name}`?", kind.word())
                } else {
                    format!("Attach {policy} to {} `{name}`?", kind.word())
                };
                let command = Signal::derive(move || Some(command.clone()));
                view! {
                    <tr data-testid=format!("policy-{policy}")>
                        <td>
                            <span class="mono">{policy.as_str()}</span>
                            <div class="fw-small" data-testid=format!("policy-purpose-{policy}")>
                                {words::policy_purpose(policy)}
                            </div>
                        </td>
                        <td data-testid=format!("policy-status-{policy}")>{status}</td>
                        <td class="fw-muted">{policy_note(policy)}</td>
                        <td>
                            <ActionButton
                                label=label
                                question=question
                                confirm_label=label
                                command=command
                                done=report(done)
                                test_id=format!("policy-toggle-{policy}")
                                danger=attached
                            />
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let trusted: Vec<String> = counterparts
            .get()
            .into_iter()
            .filter(|(_, trusted)| *trusted)
            .map(|(other, _)| other)
            .collect();
        let untrusted: Vec<String> = counterparts
            .get()
            .into_iter()
            .filter(|(_, trusted)| !*trusted)
            .map(|(other, _)| other)
            .collect();
        let (trust_heading, trust_empty, trust_label) = match kind {
            Kind::User => (
                "Roles this user may assume",
                "No role trusts this user.",
                "Let this user assume role",
            ),
            Kind::Role => (
                "Users trusted to assume this role",
                "No user may assume this role.",
                "Trust user",
            ),
        };
        let trust_items = if trusted.is_empty() {
            view! { <p class="fw-muted">{trust_empty}</p> }.into_any()
        } else {
            view! {
                <ul class="fw-chips">
                    {trusted
                        .into_iter()
                        .map(|other| {
                            let label = format!("Remove the trust of {other}");
                            let (role, user) = match kind {
                                Kind::User => (other.clone(), name.clone()),
                                Kind::Role => (name.clone(), other.clone()),
                            };
                            let question = format!("Stop `{user}` assuming role `{role}`?");
                            let done = format!("Role `{role}` no longer trusts `{user}`.");
                            let command = Command::UntrustRole { role, user };
                            let command = Signal::derive(move || Some(command.clone()));
                            view! {
                                <li class="fw-chip">
                                    <span class="mono">{other.clone()}</span>
                                    <ActionButton
                                        label="×"
                                        aria_label=label
                                        question=question
                                        confirm_label="Remove trust"
                                        command=command
                                        done=report(done)
                                        test_id=format!("untrust-{other}")
                                    />
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        };
        let trust_form = (!untrusted.is_empty()).then(|| {
            let first = untrusted.first().cloned().unwrap_or_default();
            if !untrusted.contains(&trust_choice.get_untracked()) {
                trust_choice.set(first);
            }
            view! {
                <form
                    class="fw-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        trust(trust_choice.get_untracked());
                    }
                >
                    <label for="trust-select">{trust_label}</label>
                    <select
                        id="trust-select"
                        data-testid="trust-select"
                        on:change=move |ev| trust_choice.set(event_target_value(&ev))
                    >
                        {untrusted
                            .into_iter()
                            .map(|other| {
                                let selected = other == trust_choice.get_untracked();
                                view! {
                                    <option value=other.clone() selected=selected>
                                        {other.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="fw-button" data-testid="trust-submit">
                        "Trust"
                    </button>
                </form>
            }
        });
        let delete_command = match kind {
            Kind::User => Command::DeleteUser { name: name.clone() },
            Kind::Role => Command::DeleteRole { name: name.clone() },
        };
        let question = match kind {
            Kind::User => format!(
                "Delete user `{name}` for good? Its policies, memberships and role trusts go with it, and its API keys stop working."
            ),
            Kind::Role => format!(
                "Delete role `{name}` for good? Its trusts, policies and memberships go with it."
            ),
        };
        let deleted_text = format!("Deleted {} `{name}`.", kind.word());
        let delete_command = Signal::derive(move || Some(delete_command.clone()));
        view! {
            <section
                class="card fw-section fw-detail"
                aria-labelledby="principal-detail-title"
                data-testid="principal-detail"
            >
                <header class="fw-detail__header">
                    <h2 class="fw-h2" id="principal-detail-title">
                        {match kind {
                            Kind::User => "RAM user ",
                            Kind::Role => "RAM role ",
                        }}
                        <span class="mono">{name.clone()}</span>
                    </h2>
                    <button
                        type="button"
                        class="fw-button fw-button--quiet"
                        data-testid="principal-close"
                        on:click=move |_| on_close.run(())
                    >
                        "Close"
                    </button>
                </header>
                {standing(&p)}
                <FeedbackLine feedback=feedback test_id="principal-feedback" />
                <h3 class="fw-h3">"System policies"</h3>
                <table class="fw-table">
                    <thead>
                        <tr>
                            <th scope="col">"Policy"</th>
                            <th scope="col">"Held"</th>
                            <th scope="col">"Who may change it"</th>
                            <th scope="col">
                                <span class="fw-visually-hidden">"Action"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>{policies}</tbody>
                </table>
                <h3 class="fw-h3">{trust_heading}</h3>
                {trust_items}
                {trust_form}
                <ChangeDialog proposals=proposals test_id="trust-change" />
                <h3 class="fw-h3">"Delete"</h3>
                <ActionButton
                    label=format!("Delete {} {name}", kind.word())
                    question=question
                    confirm_label="Delete for good"
                    command=delete_command
                    always=true
                    done=report(deleted_text)
                    test_id="delete-principal"
                    danger=true
                />
            </section>
        }
        .into_any()
    }
}
