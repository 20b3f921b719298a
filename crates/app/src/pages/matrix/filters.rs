//! The matrix's toolbar: the workspace shown (kept in the address), the name search and the
//! filters. What they mean is `studio_access_view::matrix`'s.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use studio_access_core::Page;
use studio_access_view::matrix::{self, Filters, Kind, Scope, Tri};

use crate::Screen;
use crate::components::select_field;
use crate::store::Store;

/// The workspace picker, the name search and the filters.
#[component]
pub fn MatrixFilters(
    /// The workspaces shown; choosing one puts it in the address.
    scope: RwSignal<Scope>,
    /// The name search.
    search: RwSignal<String>,
    /// The other filters.
    filters: RwSignal<Filters>,
) -> impl IntoView {
    let store = Store::get();
    let navigate = use_navigate();
    let choose_scope = move |value: String| {
        let chosen = Scope::parse(&value);
        scope.set(chosen);
        let name = store.state().with_untracked(|s| chosen.link(s));
        navigate(
            &format!(
                "/{}?{}={}",
                Screen::Permissions.segment(),
                matrix::WORKSPACE_PARAM,
                String::from(js_sys::encode_uri_component(&name))
            ),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    let scope_options = Memo::new(move |_| store.state().with(matrix::scope_options));

    view! {
        <div class="matrix__toolbar card" role="search" aria-label="Filter the matrix">
            {move || {
                select_field(
                    "matrix",
                    "Workspace",
                    "matrix-workspace".to_owned(),
                    scope_options.get(),
                    move || scope.get().value(),
                    choose_scope.clone(),
                    None,
                )
            }}
            <label class="matrix__field matrix__field--grow">
                <span class="matrix__label">"Name"</span>
                <input
                    type="search"
                    placeholder="Search users and roles"
                    data-testid="matrix-search"
                    bind:value=search
                />
            </label>
            {select_field(
                "matrix",
                "Kind",
                "matrix-kind".to_owned(),
                matrix::kind_options(),
                move || filters.get().kind.as_str().to_owned(),
                move |value| filters.update(|f| f.kind = Kind::parse(&value)),
                None,
            )}
            {select_field(
                "matrix",
                "Membership",
                "matrix-member".to_owned(),
                matrix::member_options(),
                move || filters.get().member.as_str().to_owned(),
                move |value| filters.update(|f| f.member = Tri::parse(&value)),
                None,
            )}
            {select_field(
                "matrix",
                "Administrator",
                "matrix-admin".to_owned(),
                matrix::admin_options(),
                move || filters.get().admin.as_str().to_owned(),
                move |value| filters.update(|f| f.admin = Tri::parse(&value)),
                None,
            )}
            <div class="matrix__pair" role="group" aria-label="Access filter">
                {select_field(
                    "matrix",
                    "Access",
                    "matrix-level".to_owned(),
                    matrix::level_options(),
                    move || matrix::level_value(filters.get().level).to_owned(),
                    move |value| filters.update(|f| f.level = matrix::parse_level(&value)),
                    None,
                )}
                {select_field(
                    "matrix",
                    "to",
                    "matrix-level-page".to_owned(),
                    matrix::page_options(),
                    move || matrix::page_value(filters.get().page).to_owned(),
                    move |value| filters.update(|f| f.page = Page::parse(&value)),
                    None,
                )}
            </div>
        </div>
    }
}
