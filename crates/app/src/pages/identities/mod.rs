//! The Identities screen: RAM users and roles. Create and delete them, trust users to roles,
//! attach and detach system policies, and see for each principal its effective policies and what
//! they make it: super administrator, RAM administrator, administrator or member of workspaces.
//! What is shown and said is `studio_access_view::principals`; this module draws it.

mod create;
mod detail;
mod table;

use leptos::prelude::*;
use studio_access_core::Member;
use studio_access_view::principals;

use crate::Screen;
use crate::components::{PageHeader, focus_test_id_or_page};
use crate::store::Store;

use create::CreateForms;
use detail::PrincipalDetail;
use table::PrincipalTable;

/// The Identities screen. `?search=<text>` fills the search and `?open=user:<name>` (or
/// `role:<name>`) opens a principal's panel, so that other pages (the audit's findings, for one)
/// can link straight to a principal.
#[component]
pub fn IdentitiesPage() -> impl IntoView {
    let store = Store::get();
    let all = Memo::new(move |_| store.state().with(principals::principals));
    let search = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        all.with(|all| {
            search.with(|search| {
                principals::matching(all, search)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        if let Some(text) = query.with(|q| q.get("search")) {
            search.set(text);
        }
    });
    let selected = RwSignal::new(None::<Member>);
    // Closed, a principal's panel gives the focus back to its row's Manage button.
    let close = move |member: Member| {
        let row = store
            .state()
            .with_untracked(|s| principals::principal(s, member).map(|p| p.test_id()));
        selected.set(None);
        if let Some(row) = row {
            focus_test_id_or_page(&format!("principal-manage-{row}"));
        }
    };
    // `?open=user:<name>` or `?open=role:<name>` opens that principal's panel (the audit's
    // findings link there).
    Effect::new(move |_| {
        let Some(wanted) = query.with(|q| q.get("open")) else {
            return;
        };
        let found = store
            .state()
            .with_untracked(|s| match wanted.split_once(':') {
                Some(("user", name)) => s.user_id(name).map(Member::User),
                Some(("role", name)) => s.role_id(name).map(Member::Role),
                _ => None,
            });
        if found.is_some() {
            selected.set(found);
        }
    });

    view! {
        <section class="page" data-testid="page-identities">
            <PageHeader screen=Screen::Identities />
            <CreateForms />
            {move || {
                selected
                    .get()
                    .map(|member| {
                        view! { <PrincipalDetail member=member on_close=move |()| close(member) /> }
                    })
            }}
            <div class="fw-toolbar">
                <label for="identities-search">"Search by name"</label>
                <input
                    id="identities-search"
                    type="search"
                    placeholder="name contains…"
                    data-testid="identities-search"
                    bind:value=search
                />
                <span class="fw-muted" data-testid="identities-count">
                    {move || all.with(|all| shown.with(|shown| principals::counts(all, shown)))}
                </span>
            </div>
            <PrincipalTable all=all shown=shown selected=selected />
        </section>
    }
}
