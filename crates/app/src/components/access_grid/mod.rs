//! The permissions matrix's grid: principals in a workspace (rows) against the console pages of
//! SPEC section 3 (columns), each cell the access the evaluator gives, with its reasons. What a
//! row and a cell show and say, and where a key moves, is `studio_access_view::matrix`'s; this
//! module draws it.
//!
//! Only the rows in view (and a few beyond each edge) are in the document: rows have a fixed
//! height, the body is as tall as every row together, and each rendered row is placed at its
//! offset. So 2,000 principals cost as much to show as 40. Each rendered row derives what it
//! shows in one `Memo` from the state, and a cell's reasons are only put into words for rendered
//! cells.
//!
//! The grid is one tab stop (a roving `tabindex`): arrow keys, Home/End (with Ctrl: first/last
//! row), Page Up/Down move between cells; Enter or Space activates the cell.
//!
//! The grid decides nothing about what activating a cell does: its owner is told, and says which
//! cells hold a staged change ([`StagedCell`], marked with a symbol and in each cell's accessible
//! name) and what activating the cell in focus would do (in the panel).

mod cells;
mod header;
mod row;
mod scroll;
mod why;

use leptos::prelude::*;
use studio_access_view::matrix::{self, GridKey, PAGES};

pub use studio_access_view::matrix::{CellAction, GridRow, StagedCell, cell_trace};

use crate::components::RowWindow;
use crate::store::Store;
use header::GridHeader;
use row::AccessRow;
use scroll::focus_cell;
use why::WhyPanel;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `performance.mark(name)`, for the benchmarks; an error where the browser has none.
    #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str) -> Result<(), wasm_bindgen::JsValue>;
}

/// Height of one row in pixels, set on each row, so that offsets are known without measuring.
pub const ROW_HEIGHT: i32 = 32;
/// The id of the panel that explains the cell in focus (each cell's accessible description).
const WHY_ID: &str = "access-grid-why";

/// Everything a row needs from the grid, copied into each row.
#[derive(Clone, Copy)]
struct Shared {
    store: Store,
    show_workspace: Signal<bool>,
    tab_stop: Memo<(usize, usize)>,
    active: RwSignal<(usize, usize)>,
    inspected: RwSignal<Option<CellAction>>,
    on_activate: Callback<CellAction>,
    staged: Signal<Vec<StagedCell>>,
}

impl Shared {
    fn tabindex(self, row: usize, col: usize) -> impl Fn() -> &'static str + Copy {
        move || {
            if self.tab_stop.get() == (row, col) {
                "0"
            } else {
                "-1"
            }
        }
    }
}

/// The grid of principals against pages, with a panel explaining the cell in focus.
#[component]
pub fn AccessGrid(
    /// The rows to show, filtered and in order.
    #[prop(into)]
    rows: Signal<Vec<GridRow>>,
    /// Changes when principals' names may have changed (one created or deleted, the state
    /// replaced): rows are then drawn afresh rather than reused.
    #[prop(into)]
    generation: Signal<u64>,
    /// Whether rows span workspaces, so that each names its own.
    #[prop(into)]
    show_workspace: Signal<bool>,
    /// Called when a cell is activated.
    on_activate: Callback<CellAction>,
    /// The cells with a staged change.
    #[prop(into)]
    staged: Signal<Vec<StagedCell>>,
    /// What activating a cell would do, in words, for the panel that explains the cell in focus.
    describe: Callback<CellAction, String>,
    /// The cell focused or pointed at last, which the panel explains (the owner may act on its
    /// row).
    inspected: RwSignal<Option<CellAction>>,
) -> impl IntoView {
    let store = Store::get();
    let scrolling = RowWindow::new(ROW_HEIGHT, 8);
    let active = RwSignal::new((0_usize, 1_usize));

    let total = Memo::new(move |_| rows.with(Vec::len));
    let tab_stop = Memo::new(move |_| matrix::tab_stop(active.get(), total.get()));
    let range = Memo::new(move |_| scrolling.range(total.get()));
    let visible = Memo::new(move |_| {
        let range = range.get();
        let generation = generation.get();
        rows.with(|all| {
            all.iter()
                .copied()
                .enumerate()
                .skip(range.start)
                .take(range.len())
                .map(|(index, row)| (index, row, generation))
                .collect::<Vec<_>>()
        })
    });
    // Once the grid stands in the document and takes input: `tests/e2e`'s `perf` benchmark times
    // navigation to this mark.
    Effect::new(move |_| {
        let _ = performance_mark("matrix-interactive");
    });

    let on_keydown = move |event: web_sys::KeyboardEvent| {
        let (row, col) = tab_stop.get_untracked();
        let ctrl = event.ctrl_key() || event.meta_key();
        let rows_in_view = scrolling.rows_in_view();
        match matrix::grid_key(
            &event.key(),
            ctrl,
            (row, col),
            total.get_untracked(),
            rows_in_view,
        ) {
            GridKey::Other => {}
            GridKey::Activate => {
                event.prevent_default();
                if let Some(grid_row) = rows.with_untracked(|all| all.get(row).copied()) {
                    on_activate.run(CellAction::at(grid_row, col));
                }
            }
            GridKey::MoveTo(row, col) => {
                event.prevent_default();
                if total.get_untracked() > 0 {
                    active.set((row, col));
                    // Not drawn: brought to the middle of the view first, then focused once drawn.
                    scrolling.reveal(row, &range.get_untracked());
                    let scroller = scrolling.node_ref();
                    request_animation_frame(move || focus_cell(scroller, row, col));
                }
            }
        }
    };

    let shared = Shared {
        store,
        show_workspace,
        tab_stop,
        active,
        inspected,
        on_activate,
        staged,
    };

    view! {
        <div class="access-grid__frame">
            <div
                class="access-grid__scroller"
                style="overflow: auto; max-height: var(--access-grid-height, min(62vh, 640px))"
                node_ref=scrolling.node_ref()
                on:scroll=move |_| scrolling.measure()
                data-testid="matrix-scroller"
            >
                <div
                    role="grid"
                    aria-label="Permissions matrix"
                    aria-rowcount=move || total.get() + 1
                    aria-colcount=move || PAGES + if show_workspace.get() { 3 } else { 2 }
                    class=move || {
                        if show_workspace.get() { "access-grid access-grid--all" } else { "access-grid" }
                    }
                    on:keydown=on_keydown
                    data-testid="matrix-grid"
                >
                    <GridHeader show_workspace=show_workspace />
                    <div
                        role="rowgroup"
                        class="access-grid__body"
                        style:position="relative"
                        style:height=move || {
                            format!("{}px", total.get().saturating_mul(ROW_HEIGHT as usize))
                        }
                        data-testid="matrix-body"
                    >
                        <For
                            each=move || visible.get()
                            key=|item| *item
                            children=move |(index, row, _)| {
                                view! { <AccessRow index=index row=row shared=shared /> }
                            }
                        />
                    </div>
                </div>
            </div>
            <Show when=move || total.get() == 0>
                <p class="access-grid__empty" data-testid="matrix-empty">
                    "No principal matches these filters."
                </p>
            </Show>
            <WhyPanel inspected=inspected describe=describe />
        </div>
    }
}
