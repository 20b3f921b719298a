//! The Overview screen: the three regions with their workspaces, what the account holds, and the
//! audit's findings at a glance.

use leptos::prelude::*;
use leptos_router::components::A;
use studio_access_core::{FindingCode, KeyStatus, Region, State};

use crate::components::{FeaturesCard, PageHeader};
use crate::store::Store;
use crate::{AppBase, Screen, words};

/// One workspace as the overview lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct WorkspaceLine {
    name: String,
    default: bool,
    members: usize,
    callable: usize,
    keys: usize,
}

/// What the overview shows, derived from the state in one pass.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Summary {
    users: usize,
    roles: usize,
    models: usize,
    keys: Vec<(KeyStatus, usize)>,
    regions: Vec<(Region, Vec<WorkspaceLine>)>,
    findings: Vec<(FindingCode, usize)>,
}

const KEY_STATUSES: [KeyStatus; 4] = [
    KeyStatus::Active,
    KeyStatus::Suspended,
    KeyStatus::OwnerDeleted,
    KeyStatus::Deleted,
];

fn summarise(state: &State) -> Summary {
    let statuses: Vec<KeyStatus> = state.keys().map(|(_, key)| state.key_status(key)).collect();
    let keys = KEY_STATUSES
        .iter()
        .map(|status| (*status, statuses.iter().filter(|s| *s == status).count()))
        .collect();
    let regions = Region::ALL
        .iter()
        .map(|region| {
            let lines = state
                .workspaces()
                .filter(|(_, ws)| ws.region == *region)
                .map(|(id, ws)| WorkspaceLine {
                    name: ws.name.clone(),
                    default: ws.default,
                    members: state
                        .live_members()
                        .filter(|m| state.membership(*m, id).is_some())
                        .count(),
                    callable: if ws.default {
                        state.models().count()
                    } else {
                        ws.models.values().filter(|auth| auth.call).count()
                    },
                    keys: state
                        .keys()
                        .filter(|(_, key)| key.workspace == id && !key.deleted)
                        .count(),
                })
                .collect();
            (*region, lines)
        })
        .collect();
    let audit = state.audit();
    let findings = FindingCode::ALL
        .iter()
        .map(|code| (*code, audit.iter().filter(|f| f.code == *code).count()))
        .filter(|(_, count)| *count > 0)
        .collect();
    Summary {
        users: state.live_users().count(),
        roles: state.live_roles().count(),
        models: state.models().count(),
        keys,
        regions,
        findings,
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// The Overview screen.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let store = Store::get();
    let base = AppBase::from_document();
    let summary = Memo::new(move |_| store.state().with(summarise));
    let workspaces_href = base.href(Screen::Workspaces);
    let identities_href = base.href(Screen::Identities);
    let keys_href = base.href(Screen::ApiKeys);
    let audit_href = base.href(Screen::Audit);

    let counts = move || {
        let s = summary.get();
        let keys = s
            .keys
            .iter()
            .map(|(status, count)| {
                view! {
                    <li data-testid=format!("count-keys-{status:?}").to_lowercase()>
                        <span class="fw-stat__number">{*count}</span>
                        " "
                        {words::key_status(*status)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="fw-stats">
                <div class="fw-stat card">
                    <div class="fw-stat__number" data-testid="count-users">
                        {s.users}
                    </div>
                    <div class="fw-stat__label">"RAM users"</div>
                </div>
                <div class="fw-stat card">
                    <div class="fw-stat__number" data-testid="count-roles">
                        {s.roles}
                    </div>
                    <div class="fw-stat__label">"RAM roles"</div>
                </div>
                <div class="fw-stat card">
                    <div class="fw-stat__number" data-testid="count-models">
                        {s.models}
                    </div>
                    <div class="fw-stat__label">"Models in the catalog"</div>
                </div>
                <div class="fw-stat card">
                    <div class="fw-stat__label">"API keys"</div>
                    <ul class="fw-stat__list">{keys}</ul>
                </div>
            </div>
        }
    };

    let regions = move || {
        summary
            .get()
            .regions
            .into_iter()
            .map(|(region, lines)| {
                let rows = lines
                    .into_iter()
                    .map(|line| {
                        view! {
                            <tr data-testid=format!("overview-ws-{}", line.name)>
                                <td>
                                    <span class="mono">{line.name.clone()}</span>
                                    {line
                                        .default
                                        .then(|| {
                                            view! { <span class="fw-tag">"default"</span> }
                                        })}
                                </td>
                                <td class="fw-num">{line.members}</td>
                                <td class="fw-num">
                                    {if line.default {
                                        "all".to_owned()
                                    } else {
                                        line.callable.to_string()
                                    }}
                                </td>
                                <td class="fw-num">{line.keys}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <section
                        class="card fw-region"
                        aria-labelledby=format!("overview-region-{region}")
                        data-testid=format!("overview-region-{region}")
                    >
                        <h2 class="fw-h2" id=format!("overview-region-{region}")>
                            {words::region(region)}
                            " "
                            <span class="fw-muted mono">{region.as_str()}</span>
                        </h2>
                        <table class="fw-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Workspace"</th>
                                    <th scope="col" class="fw-num">
                                        "Members"
                                    </th>
                                    <th scope="col" class="fw-num">
                                        "Callable models"
                                    </th>
                                    <th scope="col" class="fw-num">
                                        "Keys"
                                    </th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </section>
                }
            })
            .collect_view()
    };

    let findings = move || {
        let findings = summary.get().findings;
        if findings.is_empty() {
            return view! {
                <p class="fw-muted" data-testid="overview-no-findings">
                    "No findings: nothing risky or broken was found."
                </p>
            }
            .into_any();
        }
        let total: usize = findings.iter().map(|(_, count)| count).sum();
        let items = findings
            .into_iter()
            .map(|(code, count)| {
                view! {
                    <li class="fw-finding" data-testid=format!("overview-finding-{code}")>
                        <span class="fw-finding__count">{count}</span>
                        <span>{words::finding(code)}</span>
                        <code class="fw-muted">{code.as_str()}</code>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p data-testid="overview-findings-total">
                {plural(total, "finding", "findings")}
            </p>
            <ul class="fw-findings">{items}</ul>
        }
        .into_any()
    };

    view! {
        <section class="page" data-testid="page-overview">
            <PageHeader screen=Screen::Overview />
            {counts}
            <p class="fw-links">
                <A href=identities_href>"Manage users and roles"</A>
                <A href=workspaces_href>"Manage workspaces"</A>
                <A href=keys_href>"Manage API keys"</A>
            </p>
            <div class="fw-regions">{regions}</div>
            <section class="card fw-section" aria-labelledby="overview-audit">
                <h2 class="fw-h2" id="overview-audit">
                    "Audit findings"
                </h2>
                {findings}
                <A href={audit_href} {..} data-testid="overview-audit-link">
                    "Open the audit"
                </A>
            </section>
            <FeaturesCard />
        </section>
    }
}
