//! A row's cells: the membership cell, and one cell per page. Each is a grid cell of the roving
//! tab stop: activated by a click (or, from the grid, Enter or Space), explained in the panel
//! when focused or pointed at, and marked when a change is staged on it.

use leptos::prelude::*;
use studio_access_core::Page;
use studio_access_view::matrix::{self, CellAction, GridRow, RowView, StagedCell};

use super::{Shared, WHY_ID};
use crate::words;

/// What the cells of a row share: where the row is, what it shows, and what is staged on it.
#[derive(Clone, Copy)]
pub struct RowCells {
    /// Where the row is among all the rows.
    pub index: usize,
    /// The principal and workspace.
    pub row: GridRow,
    /// What the row shows.
    pub view: Memo<RowView>,
    /// The staged changes of this row.
    pub staged: Memo<Vec<StagedCell>>,
    /// What the grid shares with its rows.
    pub shared: Shared,
}

impl RowCells {
    fn staged_at(self, action: CellAction) -> Option<StagedCell> {
        self.staged.with(|cells| matrix::staged_at(cells, action))
    }

    /// The symbol of the change staged on the cell, if any. The stylesheet draws it from
    /// `data-symbol`: a symbol in the cell's text would not be part of its accessible name, which
    /// must contain all the cell shows (WCAG 2.5.3); the name says what is staged in words.
    fn marker(self, action: CellAction) -> impl IntoView {
        move || {
            self.staged_at(action).map(|cell| {
                view! {
                    <span class="access-grid__staged" data-symbol=cell.symbol() aria-hidden="true"></span>
                }
            })
        }
    }

    /// The cell in column `col` takes the focus: it becomes the tab stop, and is explained; from
    /// the keyboard, the panel that explains it is brought into the window beside it.
    fn focused(self, col: usize, action: CellAction) {
        self.shared.active.set((self.index, col));
        self.inspect(action);
        request_animation_frame(super::scroll::reveal_why);
    }

    /// The panel explains the cell.
    fn inspect(self, action: CellAction) {
        self.shared.inspected.set(Some(action));
    }
}

/// The membership cell: the Administrator permission, or the offer to add a non-member.
#[component]
pub fn MembershipCell(
    /// The row's cells.
    cells: RowCells,
    /// The name of the row's workspace.
    workspace: Memo<String>,
    /// The cell's `data-testid`.
    test_id: String,
) -> impl IntoView {
    let view = cells.view;
    let action = CellAction::Membership(cells.row);
    let label =
        move || workspace.with(|ws| view.with(|v| v.membership_label(ws, cells.staged_at(action))));
    view! {
        <div
            role="gridcell"
            class=move || {
                if cells.staged_at(action).is_some() {
                    "access-grid__cell access-grid__cell--membership is-staged"
                } else {
                    "access-grid__cell access-grid__cell--membership"
                }
            }
            data-row=cells.index
            data-col=0
            data-staged=move || cells.staged_at(action).map(|cell| cell.what)
            tabindex=cells.shared.tabindex(cells.index, 0)
            aria-label=label
            aria-describedby=WHY_ID
            title=label
            on:click=move |_| cells.shared.on_activate.run(action)
            on:focus=move |_| cells.focused(0, action)
            on:mouseenter=move |_| cells.inspect(action)
            data-testid=test_id
        >
            {move || {
                let view = view.get();
                let class = match view.membership {
                    Some(m) if m.admin => "access-grid__admin access-grid__admin--on",
                    Some(_) => "access-grid__admin",
                    None => "access-grid__add",
                };
                view! {
                    <span class=class aria-hidden="true">
                        {view.membership_mark()}
                    </span>
                }
            }}
            {cells.marker(action)}
        </div>
    }
}

/// A page cell: the access core gives, whether the page permission is granted, and, on hover,
/// every gate.
#[component]
pub fn PageCell(
    /// The row's cells.
    cells: RowCells,
    /// The page.
    page: Page,
    /// The cell's column among the cells (the membership cell is 0).
    col: usize,
    /// The cell's `data-testid`.
    test_id: String,
) -> impl IntoView {
    let (view, row) = (cells.view, cells.row);
    let store = cells.shared.store;
    let action = CellAction::Page(row, page);
    let level = move || words::page_access(view.with(|v| v.access(page)));
    let granted = move || view.with(|v| v.granted(page));
    let class = move || {
        format!(
            "access-grid__cell access-grid__cell--{}{}{}",
            level(),
            if granted() { " is-granted" } else { "" },
            if cells.staged_at(action).is_some() {
                " is-staged"
            } else {
                ""
            }
        )
    };
    let label = move || view.with(|v| v.page_label(page, cells.staged_at(action)));
    let title = move || {
        view.track();
        store
            .state()
            .with_untracked(|s| matrix::page_title(s, row, page, label()))
    };
    view! {
        <div
            role="gridcell"
            class=class
            data-row=cells.index
            data-col=col
            data-granted=move || granted().to_string()
            data-staged=move || cells.staged_at(action).map(|cell| cell.what)
            tabindex=cells.shared.tabindex(cells.index, col)
            aria-label=label
            aria-describedby=WHY_ID
            title=title
            on:click=move |_| cells.shared.on_activate.run(action)
            on:focus=move |_| cells.focused(col, action)
            on:mouseenter=move |_| cells.inspect(action)
            data-testid=test_id
        >
            {level}
            {cells.marker(action)}
        </div>
    }
}
