//! The audit: every finding of SPEC section 7, grouped by code, each with its subject linked to
//! the page that fixes it and the one-line fix.

use leptos::prelude::*;
use leptos_router::components::A;
use studio_access_core::{Finding, FindingCode, State, Subject};

use crate::components::PageHeader;
use crate::store::Store;
use crate::{AppBase, Screen, words};

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

/// The link to where a finding's subject is fixed; a key's link opens the API keys page on that
/// key (`?key=<label>`), highlighted.
fn fix_href(base: &AppBase, subject: &Subject) -> String {
    let page = base.href(fixed_on(subject));
    match subject {
        Subject::Key { label, .. } => {
            format!(
                "{page}?key={}",
                String::from(js_sys::encode_uri_component(label))
            )
        }
        _ => page,
    }
}

fn subject_text(subject: &Subject) -> String {
    match subject {
        Subject::User { name, .. } => format!("RAM user {name}"),
        Subject::Role { name, .. } => format!("RAM role {name}"),
        Subject::Workspace { name, .. } => format!("workspace {name}"),
        Subject::Key { label, .. } => format!("API key {label}"),
        Subject::Quota { region, model, .. } => {
            format!("account quota of {model} in {}", words::region(*region))
        }
    }
}

fn scroll_to(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.scroll_into_view();
    }
}

/// The Audit screen.
#[component]
pub fn AuditPage() -> impl IntoView {
    let store = Store::get();
    let base = AppBase::from_document();
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
    let expanded = RwSignal::new(Vec::<FindingCode>::new());

    let summary = move || {
        let total = findings.with(Vec::len);
        let kinds = groups.with(Vec::len);
        if total == 0 {
            return view! {
                <div class="card card--empty" data-testid="audit-empty">
                    <p>"No findings: nothing in this account is risky or broken."</p>
                </div>
            }
            .into_any();
        }
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
                        "{total} finding{} of {kinds} kind{}.",
                        if total == 1 { "" } else { "s" },
                        if kinds == 1 { "" } else { "s" },
                    )}
                </p>
                <ul class="audit__chips">{chips}</ul>
            </div>
        }
        .into_any()
    };

    let list = move || {
        groups
            .get()
            .into_iter()
            .map(|(code, items)| {
                let count = items.len();
                let all_shown = expanded.with(|e| e.contains(&code));
                let shown = if all_shown { count } else { count.min(FIRST_SHOWN) };
                let rows = items
                    .into_iter()
                    .take(shown)
                    .map(|finding| {
                        let href = fix_href(&base, &finding.subject);
                        view! {
                            <li class="audit__finding">
                                <A href=href exact=true {..} class="audit__subject" data-testid="audit-subject">
                                    {subject_text(&finding.subject)}
                                </A>
                                <span class="audit__fix">{finding.fix}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section
                        class="card audit__group"
                        id=format!("finding-{code}")
                        data-testid=format!("audit-group-{code}")
                        aria-labelledby=format!("finding-{code}-title")
                    >
                        <h2 class="audit__title" id=format!("finding-{code}-title")>
                            {words::finding(code)}
                            " "
                            <code class="audit__code">{code.as_str()}</code>
                            " "
                            <span class="audit__count">{count}</span>
                        </h2>
                        <ul class="audit__findings">{rows}</ul>
                        {(count > shown)
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="mx-button mx-button--small"
                                        data-testid=format!("audit-more-{code}")
                                        on:click=move |_| expanded.update(|e| e.push(code))
                                    >
                                        {format!("Show all {count}")}
                                    </button>
                                }
                            })}
                    </section>
                }
            })
            .collect_view()
    };

    view! {
        <section class="page audit" data-testid=format!("page-{}", Screen::Audit.slug())>
            <PageHeader screen=Screen::Audit />
            {summary}
            <div class="audit__groups">{list}</div>
        </section>
    }
}
