//! The grid's header row: the principal, the workspace (when rows span workspaces), the
//! membership, and each page, restricted ones marked.

use leptos::prelude::*;
use studio_access_core::Page;
use studio_access_view::matrix;

/// The column headers.
#[component]
pub fn GridHeader(
    /// Whether rows span workspaces, so that a column names each row's.
    show_workspace: Signal<bool>,
) -> impl IntoView {
    let pages = Page::ALL
        .iter()
        .map(|page| {
            let header = matrix::column_header(*page);
            view! {
                <div role="columnheader" class="access-grid__colhead" title=header.title>
                    <span>{header.label}</span>
                    {header
                        .tag
                        .map(|tag| view! { <span class="access-grid__restricted">{tag}</span> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <div role="rowgroup" class="access-grid__header">
            <div role="row" aria-rowindex="1" class="access-grid__row access-grid__row--head">
                <div role="columnheader" class="access-grid__colhead access-grid__colhead--name">
                    "Principal"
                </div>
                {move || {
                    show_workspace
                        .get()
                        .then(|| view! { <div role="columnheader" class="access-grid__colhead">"Workspace"</div> })
                }}
                <div role="columnheader" class="access-grid__colhead">"Membership"</div>
                {pages}
            </div>
        </div>
    }
}
