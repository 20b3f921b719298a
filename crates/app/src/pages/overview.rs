//! The Overview screen: the three regions with their workspaces, what the account holds, and the
//! audit's findings at a glance. What is counted is `studio_access_view::overview`.

use leptos::prelude::*;
use leptos_router::components::A;
use studio_access_core::Region;
use studio_access_view::overview::{self as view, Summary, WorkspaceLine};
use studio_access_view::tables;

use crate::components::{FeaturesCard, PageHeader, TableHead, focus_page};
use crate::store::Store;
use crate::{AppBase, Screen, data, words};

/// The Overview screen.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let store = Store::get();
    let base = AppBase::from_document();
    let summary = Memo::new(move |_| store.state().with(view::summarise));
    let regions = move || {
        summary
            .get()
            .regions
            .into_iter()
            .map(|(region, lines)| view! { <RegionCard region=region lines=lines /> })
            .collect_view()
    };
    view! {
        <section class="page" data-testid="page-overview">
            <PageHeader screen=Screen::Overview />
            <StartHere />
            <Counts summary=summary />
            <p class="fw-links">
                <A href=base.href(Screen::Identities)>"Manage users and roles"</A>
                <A href=base.href(Screen::Workspaces)>"Manage workspaces"</A>
                <A href=base.href(Screen::ApiKeys)>"Manage API keys"</A>
            </p>
            <div class="fw-regions">{regions}</div>
            <Findings summary=summary audit_href=base.href(Screen::Audit) />
            <FeaturesCard />
        </section>
    }
}

/// On an account where nothing was done yet, where to start: the sample organisation, or the
/// seed's "I am a project member" walk-through as a scenario.
#[component]
fn StartHere() -> impl IntoView {
    let store = Store::get();
    let empty = Memo::new(move |_| store.state().with(words::history_len) == 0);
    let base = AppBase::from_document();
    let walk = format!("{}?sample=project-member", base.href(Screen::Scenarios));
    view! {
        <Show when=move || empty.get()>
            <section class="card fw-section fw-start" aria-labelledby="start-title" data-testid="start-here">
                <h2 class="fw-h2" id="start-title">"Where to start"</h2>
                <p>
                    "This account is new: nothing has been done in it yet. Load the sample organisation to explore an account with every audit finding and key status, or walk through the seed's \"I am a project member\" steps as a scenario."
                </p>
                <div class="fw-start__actions">
                    <button
                        type="button"
                        class="fw-button fw-button--primary"
                        data-testid="start-sample"
                        on:click=move |_| {
                            data::load_sample(store);
                            // This section goes with the empty account: the page keeps the focus.
                            focus_page();
                        }
                    >
                        "Load the sample organisation"
                    </button>
                    <A href=walk.clone() {..} data-testid="start-walkthrough">
                        "Walk through \"I am a project member\""
                    </A>
                </div>
                <p>"Or set up a team yourself, in this order, then check it on Permissions and Audit:"</p>
                <ol class="fw-start__steps" data-testid="start-steps">
                    {view::SETUP_STEPS
                        .iter()
                        .map(|(screen, step)| view! { <li><A href=base.href(*screen)>{*step}</A></li> })
                        .collect_view()}
                </ol>
            </section>
        </Show>
    }
}

/// What the account holds: users, roles, models, keys by status.
#[component]
fn Counts(summary: Memo<Summary>) -> impl IntoView {
    let stat = |test_id: &'static str, label: &'static str, count: fn(&Summary) -> usize| {
        view! {
            <div class="fw-stat card">
                <div class="fw-stat__number" data-testid=test_id>
                    {move || summary.with(count)}
                </div>
                <div class="fw-stat__label">{label}</div>
            </div>
        }
    };
    let keys = move || {
        summary
            .get()
            .keys
            .into_iter()
            .map(|(status, count)| {
                view! {
                    <li data-testid=format!("count-keys-{status:?}").to_lowercase()>
                        <span class="fw-stat__number">{count}</span>
                        " "
                        {words::key_status(status)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="fw-stats">
            {stat("count-users", "RAM users", |s| s.users)}
            {stat("count-roles", "RAM roles", |s| s.roles)}
            {stat("count-models", "Models in the catalog", |s| s.models)}
            <div class="fw-stat card">
                <div class="fw-stat__label">"API keys"</div>
                <ul class="fw-stat__list">{keys}</ul>
            </div>
        </div>
    }
}

/// One region and its workspaces.
#[component]
fn RegionCard(region: Region, lines: Vec<WorkspaceLine>) -> impl IntoView {
    let rows = lines
        .into_iter()
        .map(|line| {
            view! {
                <tr data-testid=format!("overview-ws-{}", line.name)>
                    <td>
                        <span class="mono">{line.name.clone()}</span>
                        {line.default.then(|| view! { <span class="fw-tag">"default"</span> })}
                    </td>
                    <td class="fw-num">{line.members}</td>
                    <td class="fw-num">{line.callable}</td>
                    <td class="fw-num">{line.keys}</td>
                </tr>
            }
        })
        .collect_view();
    let title_id = format!("overview-region-{region}");
    let (labelled_by, test_id) = (title_id.clone(), title_id.clone());
    view! {
        <section class="card fw-region" aria-labelledby=labelled_by data-testid=test_id>
            <h2 class="fw-h2" id=title_id>
                {words::region(region)} " " <span class="fw-muted mono">{region.as_str()}</span>
            </h2>
            <table class="fw-table">
                <TableHead head=tables::REGION_SUMMARY />
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// The audit's findings counted by code, and the way to the audit.
#[component]
fn Findings(summary: Memo<Summary>, audit_href: String) -> impl IntoView {
    let findings = move || {
        let summary = summary.get();
        if summary.findings.is_empty() {
            return view! {
                <p class="fw-muted" data-testid="overview-no-findings">
                    "No findings: nothing risky or broken was found."
                </p>
            }
            .into_any();
        }
        let items = summary
            .findings
            .iter()
            .map(|&(code, count)| {
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
            <p data-testid="overview-findings-total">{summary.findings_total()}</p>
            <ul class="fw-findings">{items}</ul>
        }
        .into_any()
    };
    view! {
        <section class="card fw-section" aria-labelledby="overview-audit">
            <h2 class="fw-h2" id="overview-audit">"Audit findings"</h2>
            {findings}
            <A href={audit_href} {..} data-testid="overview-audit-link">
                "Open the audit"
            </A>
        </section>
    }
}
