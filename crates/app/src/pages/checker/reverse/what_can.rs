//! "What can … do?": a table with a row per workspace the identity reaches (each console page
//! operated, only viewed or not reached, the models it may use, the OpenAPI actions), then what
//! it reaches across the account.

use leptos::prelude::*;
use studio_access_view::reverse::{self as words, AccountGroup, WhatCanAnswer, WorkspaceRow};

use super::{DownloadCsv, Reverse};
use crate::components::Prose;

/// The "what can" answer: its title, the table, and what reaches across the account.
#[component]
pub fn WhatCanTable(
    /// The question asked.
    asked: Reverse,
    /// Its answer, following the state.
    answer: Memo<WhatCanAnswer>,
) -> impl IntoView {
    let title = move || answer.with(|a| a.title.clone());
    let nothing = move || answer.with(WhatCanAnswer::is_empty);
    let has_rows = move || answer.with(|a| !a.rows.is_empty());
    let unreached = move || answer.with(|a| a.unreached.clone());
    view! {
        <section class="card checker__reverse" data-testid="reverse-answer" data-kind="what-can">
            <div class="checker__reverse-head">
                <h2 class="checker__subtitle">{move || view! { <Prose sentence=title() /> }}</h2>
                <DownloadCsv asked=asked />
            </div>
            <Show when=nothing>
                <p data-testid="reverse-none">{words::NOTHING}</p>
            </Show>
            <Show when=has_rows>
                <Table answer=answer />
            </Show>
            <p class="checker__hint" data-testid="what-can-unreached">
                {move || view! { <Prose sentence=unreached() /> }}
            </p>
            <Account answer=answer />
        </section>
    }
}

/// The table: a header row (workspace, each page, models, APIs), then a row per workspace.
#[component]
fn Table(answer: Memo<WhatCanAnswer>) -> impl IntoView {
    let caption = move || answer.with(|a| a.caption.clone());
    let pages = answer.with_untracked(|a| a.pages.clone());
    let heads = pages
        .into_iter()
        .map(|(name, spec)| view! { <th scope="col" class="checker__what-page" title=spec>{name}</th> })
        .collect_view();
    // The table scrolls sideways on a narrow screen: its frame is focusable, so that a keyboard
    // scrolls it too, and named by the caption.
    let label = move || studio_access_view::words::plain(&caption());
    view! {
        <div class="checker__what-wrap" tabindex="0" role="region" aria-label=label>
            <table class="checker__what" data-testid="what-can-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{words::WORKSPACE_COLUMN}</th>
                        {heads}
                        <th scope="col">{words::MODELS_COLUMN}</th>
                        <th scope="col">{words::APIS_COLUMN}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || answer.with(|a| a.rows.clone())
                        key=|row| row.clone()
                        children=|row| view! { <Row row=row /> }
                    />
                </tbody>
            </table>
        </div>
    }
}

/// A workspace's row.
#[component]
fn Row(row: WorkspaceRow) -> impl IntoView {
    let cells = row
        .pages
        .into_iter()
        .map(|cell| {
            let title = cell.title.clone();
            view! {
                <td
                    class=format!("checker__what-cell checker__what-cell--{}", cell.access)
                    data-testid="what-can-page"
                    data-access=cell.access
                    title=title
                >
                    <span aria-hidden="true">{cell.text}</span>
                    <span class="visually-hidden">{cell.title}</span>
                </td>
            }
        })
        .collect_view();
    let workspace = row.workspace.clone();
    view! {
        <tr data-testid="what-can-row" data-workspace=workspace>
            <th scope="row">{row.workspace}</th>
            {cells}
            <td data-testid="what-can-models">{models(row.models)}</td>
            <td data-testid="what-can-apis">{list(row.apis)}</td>
        </tr>
    }
}

/// An empty cell: a dash, "None" to a screen reader.
fn none() -> AnyView {
    view! {
        <span aria-hidden="true">"—"</span>
        <span class="visually-hidden">{words::NONE}</span>
    }
    .into_any()
}

/// The models a workspace's row lists: each model's name, then how it may be used.
fn models(models: Vec<(String, String)>) -> AnyView {
    if models.is_empty() {
        return none();
    }
    let items = models
        .into_iter()
        .map(|(model, uses)| view! { <li><code>{model}</code>": " {uses}</li> })
        .collect_view();
    view! { <ul class="checker__what-list">{items}</ul> }.into_any()
}

/// Items as a list, or a dash when none.
fn list(items: Vec<String>) -> AnyView {
    if items.is_empty() {
        return none();
    }
    let items = items
        .into_iter()
        .map(|item| view! { <li>{item}</li> })
        .collect_view();
    view! { <ul class="checker__what-list">{items}</ul> }.into_any()
}

/// What reaches across the account, under its headings.
#[component]
fn Account(answer: Memo<WhatCanAnswer>) -> impl IntoView {
    let groups = move || {
        answer
            .with(|a| a.account.clone())
            .into_iter()
            .map(|group: AccountGroup| {
                let items = group
                    .items
                    .into_iter()
                    .map(|(what, grant)| {
                        view! {
                            <li class="checker__reach">
                                <span class="checker__reach-what">
                                    <Prose sentence=what />
                                </span>
                                " — "
                                <span class="checker__reach-grant">
                                    <Prose sentence=grant />
                                </span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <h3 class="checker__reach-group">{group.heading}</h3>
                    <ul class="checker__reach-list">{items}</ul>
                }
            })
            .collect_view()
    };
    view! { <div data-testid="what-can-account">{groups}</div> }
}
