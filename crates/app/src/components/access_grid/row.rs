//! One rendered row of the grid: the principal, its workspace when rows span workspaces, and its
//! cells.

use leptos::prelude::*;
use studio_access_core::Page;
use studio_access_view::matrix::{self, GridRow, RowView};

use super::cells::{MembershipCell, PageCell, RowCells};
use super::{ROW_HEIGHT, Shared};

/// The row at `index` of the grid, placed at its offset. What it shows is derived from the state
/// in one `Memo`; the principal's name is read once, as it only changes with the grid's
/// generation, which draws rows afresh.
#[component]
pub fn AccessRow(
    /// Where the row is among all the rows (not only the rendered ones).
    index: usize,
    /// The principal and workspace.
    row: GridRow,
    /// What the grid shares with its rows.
    shared: Shared,
) -> impl IntoView {
    let store = shared.store;
    let view = Memo::new(move |_| store.state().with(|s| RowView::of(s, row)));
    let name = store
        .state()
        .with_untracked(|s| s.member_name(row.member).unwrap_or_default().to_owned());
    let workspace = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspace_name(row.workspace)
                .unwrap_or_default()
                .to_owned()
        })
    });
    let kind = matrix::kind(row.member);
    let test_id = format!("{kind}-{name}-{}", workspace.get_untracked());
    let name_title = {
        let name = name.clone();
        move || view.with(|view| view.name_title(&name))
    };
    // The staged changes of this row only: staging one elsewhere leaves this row alone.
    let staged = Memo::new(move |_| shared.staged.with(|all| matrix::staged_in_row(all, row)));
    let cells = RowCells {
        index,
        row,
        view,
        staged,
        shared,
    };
    let pages = Page::ALL
        .iter()
        .enumerate()
        .map(|(at, page)| {
            view! {
                <PageCell
                    cells=cells
                    page=*page
                    col=at + 1
                    test_id=format!("cell-{test_id}-{}", page.as_str())
                />
            }
        })
        .collect_view();

    view! {
        <div
            role="row"
            class="access-grid__row"
            aria-rowindex=index + 2
            style=format!(
                "position: absolute; left: 0; right: 0; height: {ROW_HEIGHT}px; top: {}px",
                index.saturating_mul(ROW_HEIGHT as usize),
            )
            data-testid=format!("row-{test_id}")
        >
            <div role="rowheader" class="access-grid__name" title=name_title>
                <span class=format!("access-grid__kind access-grid__kind--{kind}")>{kind}</span>
                " "
                <span class="access-grid__principal">{name}</span>
                {move || {
                    view.get()
                        .trusted
                        .map(|count| {
                            view! {
                                <span class="access-grid__trust">
                                    {format!(" · {count} trusted")}
                                </span>
                            }
                        })
                }}
            </div>
            {move || {
                shared
                    .show_workspace
                    .get()
                    .then(|| {
                        view! {
                            <div role="gridcell" class="access-grid__workspace">
                                {move || workspace.get()}
                            </div>
                        }
                    })
            }}
            <MembershipCell cells=cells workspace=workspace test_id=format!("membership-{test_id}") />
            {pages}
        </div>
    }
}
