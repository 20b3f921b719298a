//! The audit: every finding of SPEC section 7, grouped by code, each with its subject linked to
//! the exact place that fixes it, its one-line fix, and, where steps can fix it, each way of
//! fixing it as steps to preview and apply (core verifies them; a missing IP whitelist has none,
//! its link opens the whitelist editor). The findings download as CSV with the command line's
//! columns (`studio_access_view::report`).

use leptos::prelude::*;
use leptos_router::components::A;
use studio_access_core::{Finding, FindingCode, FindingFix, State, Subject};
use studio_access_view::report;

use crate::components::{
    AppliedSteps, Feedback, FeedbackLine, PageHeader, ProposedSteps, Prose, escape_closes,
};
use crate::store::Store;
use crate::{AppBase, Screen, data, words};

/// Findings shown per group before "show all", so a large account stays quick to draw.
const FIRST_SHOWN: usize = 50;

/// The console page where a finding's subject is fixed.
fn fixed_on(subject: &Subject) -> Screen {
    match subject {
        Subject::User { .. } | Subject::Role { .. } => Screen::Identities,
        Subject::Workspace { .. } | Subject::Quota { .. } => Screen::Workspaces,
        Subject::Key { .. } => Screen::ApiKeys,
    }
}

/// The link to the exact place where a finding is fixed.
fn fix_href(base: &AppBase, finding: &Finding) -> String {
    let query: Vec<String> = report::fix_query(finding)
        .into_iter()
        .map(|(name, value)| format!("{name}={}", js_sys::encode_uri_component(&value)))
        .collect();
    format!(
        "{}?{}",
        base.href(fixed_on(&finding.subject)),
        query.join("&")
    )
}

/// The Audit screen.
#[component]
pub fn AuditPage() -> impl IntoView {
    let store = Store::get();
    let findings = Memo::new(move |_| store.state().with(State::audit));
    let groups = Memo::new(move |_| {
        findings.with(|all| {
            FindingCode::ALL
                .iter()
                .filter_map(|code| {
                    let items: Vec<Finding> =
                        all.iter().filter(|f| f.code == *code).cloned().collect();
                    (!items.is_empty()).then_some((*code, items))
                })
                .collect::<Vec<_>>()
        })
    });
    // What the last fix applied said: kept here, as the finding it fixed leaves the list.
    let applied = RwSignal::new(Vec::new());
    let list = move || {
        groups
            .get()
            .into_iter()
            .map(|(code, items)| view! { <FindingGroup code=code items=items applied=applied /> })
            .collect_view()
    };
    view! {
        <section class="page audit" data-testid=format!("page-{}", Screen::Audit.slug())>
            <PageHeader screen=Screen::Audit />
            <AuditSummary findings=findings groups=groups />
            <AppliedSteps applied=applied test_id="audit-applied" />
            <div class="audit__groups">{list}</div>
        </section>
    }
}

/// How many findings of how many kinds, a chip per kind, and the CSV download.
#[component]
fn AuditSummary(
    findings: Memo<Vec<Finding>>,
    groups: Memo<Vec<(FindingCode, Vec<Finding>)>>,
) -> impl IntoView {
    let feedback = RwSignal::new(None::<Feedback>);
    let download = move |_| {
        let csv = findings.with(|all| report::audit_report(all, &[]).table().csv());
        feedback.set(
            match data::download_as("studio-access-audit.csv", "text/csv", &csv) {
                Ok(()) => None,
                Err(why) => Some(Feedback::Refused(format!(
                    "The CSV could not be saved: {why}."
                ))),
            },
        );
    };
    let scroll_to = |id: &str| {
        if let Some(element) = document().get_element_by_id(id) {
            element.scroll_into_view();
        }
    };
    move || {
        let total = findings.with(Vec::len);
        if total == 0 {
            return view! {
                <div class="card card--empty" data-testid="audit-empty">
                    <p>"No findings: nothing in this account is risky or broken."</p>
                </div>
            }
            .into_any();
        }
        let kinds = groups.with(Vec::len);
        let chips = groups
            .get()
            .into_iter()
            .map(|(code, items)| {
                view! {
                    <li>
                        <button
                            type="button"
                            class="audit__chip"
                            on:click=move |_| scroll_to(&format!("finding-{code}"))
                            data-testid=format!("audit-chip-{code}")
                        >
                            {words::finding(code)}
                            <span class="audit__chip-count">{items.len()}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="card audit__summary">
                <p class="audit__total" data-testid="audit-count">
                    {format!(
                        "{} of {}.",
                        words::counted(total, "finding", "findings"),
                        words::counted(kinds, "kind", "kinds"),
                    )}
                </p>
                <ul class="audit__chips">{chips}</ul>
                <button type="button" class="mx-button mx-button--small" data-testid="audit-csv" on:click=download>
                    "Download as CSV"
                </button>
                <FeedbackLine feedback=feedback test_id="audit-csv-feedback" />
            </div>
        }
        .into_any()
    }
}

/// The findings of one code, the first ones until all are asked for.
#[component]
fn FindingGroup(
    code: FindingCode,
    items: Vec<Finding>,
    applied: RwSignal<Vec<(String, Feedback)>>,
) -> impl IntoView {
    let count = items.len();
    let all_shown = RwSignal::new(false);
    let more = move || !all_shown.get() && count > FIRST_SHOWN;
    let rows = move || {
        let shown = if all_shown.get() {
            count
        } else {
            count.min(FIRST_SHOWN)
        };
        items
            .iter()
            .take(shown)
            .map(|finding| view! { <FindingItem finding=finding.clone() applied=applied /> })
            .collect_view()
    };
    view! {
        <section
            class="card audit__group"
            id=format!("finding-{code}")
            data-testid=format!("audit-group-{code}")
            aria-labelledby=format!("finding-{code}-title")
        >
            <h2 class="audit__title" id=format!("finding-{code}-title")>
                {words::finding(code)} " " <code class="audit__code">{code.as_str()}</code> " "
                <span class="audit__count">{count}</span>
            </h2>
            <ul class="audit__findings">{rows}</ul>
            <Show when=more>
                <button
                    type="button"
                    class="mx-button mx-button--small"
                    data-testid=format!("audit-more-{code}")
                    on:click=move |_| all_shown.set(true)
                >
                    {format!("Show all {count}")}
                </button>
            </Show>
        </section>
    }
}

/// One finding: its subject linked to where it is fixed, its fix, and each way of fixing it as
/// steps (worked out and verified when asked for, not for every finding up front).
#[component]
fn FindingItem(finding: Finding, applied: RwSignal<Vec<(String, Feedback)>>) -> impl IntoView {
    let store = Store::get();
    let base = AppBase::from_document();
    let href = fix_href(&base, &finding);
    let stem = format!(
        "audit-fix-{}-{}",
        finding.code,
        report::subject(&finding.subject).replace(' ', "-")
    );
    let open = RwSignal::new(false);
    let fixable = store
        .state()
        .with_untracked(|s| !s.fix_choices(&finding).is_empty());
    let without_steps = report::fix_without_steps(finding.code);
    let fixes = {
        let finding = finding.clone();
        Memo::new(move |_| {
            if open.get() {
                store.state().with(|s| s.finding_fixes(&finding))
            } else {
                Vec::new()
            }
        })
    };
    let toggle_id = stem.clone();
    // Each finding has its Fix…: its name says which, for a list of the page's buttons.
    let fix_label = format!(
        "Fix… {}: {}",
        report::subject(&finding.subject),
        words::finding(finding.code)
    );
    let toggle = NodeRef::<leptos::html::Button>::new();
    view! {
        <li class="audit__finding" on:keydown=escape_closes(open, toggle)>
            <A href=href exact=true {..} class="audit__subject" data-testid="audit-subject">
                {report::subject(&finding.subject)}
            </A>
            <span class="audit__fix">
                <Prose sentence=finding.fix.clone() />
            </span>
            {without_steps.map(|why| view! { <span class="fw-muted fw-small" data-testid=format!("{stem}-none")>{why}</span> })}
            {fixable.then(|| view! {
                <button
                    type="button"
                    class="mx-button mx-button--small"
                    aria-expanded=move || open.get().to_string()
                    aria-label=fix_label.clone()
                    data-testid=toggle_id.clone()
                    node_ref=toggle
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    "Fix…"
                </button>
            })}
            {move || open.get().then(|| view! { <FixChoices fixes=fixes.get() stem=stem.clone() applied=applied /> })}
        </li>
    }
}

/// Each way of fixing a finding: its title, then its steps to preview and apply.
///
/// Test ids: `{stem}-{n}-title` and [`ProposedSteps`]' under `{stem}-{n}`, `n` from 1.
#[component]
fn FixChoices(
    fixes: Vec<FindingFix>,
    stem: String,
    applied: RwSignal<Vec<(String, Feedback)>>,
) -> impl IntoView {
    if fixes.is_empty() {
        return view! { <p class="fw-muted">"This finding no longer has a fix here."</p> }
            .into_any();
    }
    fixes
        .into_iter()
        .zip(1..)
        .map(|(fix, n)| {
            let title = words::finding_fix(&fix.kind);
            let test_id = format!("{stem}-{n}");
            let label = words::plain(&title);
            view! {
                <div class="audit__choice" role="group" aria-label=label>
                    <p class="audit__choice-title" data-testid=format!("{test_id}-title")>
                        <Prose sentence=title />
                    </p>
                    <ProposedSteps steps=fix.steps test_id=test_id applied=applied />
                </div>
            }
        })
        .collect_view()
        .into_any()
}
