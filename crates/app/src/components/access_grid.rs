//! The permissions matrix's grid: principals in a workspace (rows) against the console pages of
//! SPEC section 3 (columns), each cell the access the evaluator gives, with its reasons.
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

use leptos::html::Div;
use leptos::prelude::*;
use studio_access_core::{
    Access, Gate, Member, Membership, Page, PageAccess, State, TraceStep, WorkspaceId,
};
use wasm_bindgen::JsCast;

use crate::components::GateTrace;
use crate::store::Store;
use crate::words;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `performance.mark(name)`, for the benchmarks; an error where the browser has none.
    #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str) -> Result<(), wasm_bindgen::JsValue>;
}

/// Height of one row in pixels, set on each row, so that offsets are known without measuring.
pub const ROW_HEIGHT: i32 = 32;
/// Rows rendered beyond each edge of the view, so that short scrolls and arrow keys find them.
const OVERSCAN: usize = 8;
/// The most of the grid's height taken to be in view, in pixels.
const MAX_VIEWPORT: i32 = 2400;
/// How many page columns there are.
const PAGES: usize = Page::ALL.len();
/// The id of the panel that explains the cell in focus (each cell's accessible description).
const WHY_ID: &str = "access-grid-why";

/// One row of the grid: a principal (RAM user or role) in a workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GridRow {
    /// The user or role.
    pub member: Member,
    /// The workspace the row is evaluated in.
    pub workspace: WorkspaceId,
}

/// A cell activated by a click, Enter or Space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CellAction {
    /// The membership cell: toggle the Administrator permission, or add a non-member.
    Membership(GridRow),
    /// A page cell: grant or revoke the page permission.
    Page(GridRow, Page),
}

impl CellAction {
    /// The row of the cell.
    pub fn row(self) -> GridRow {
        match self {
            CellAction::Membership(row) | CellAction::Page(row, _) => row,
        }
    }
}

/// A cell with a change staged on it, waiting to be reviewed and applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StagedCell {
    /// The cell.
    pub action: CellAction,
    /// What the change does, in a word or two: "grant", "revoke", "add member", …
    pub what: &'static str,
    /// Whether it gives access (drawn with ⊕) rather than takes it away (⊖).
    pub widens: bool,
}

impl StagedCell {
    fn symbol(self) -> &'static str {
        if self.widens { "⊕" } else { "⊖" }
    }
}

/// What a rendered row shows, derived from the state in one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RowView {
    membership: Option<Membership>,
    access: [PageAccess; PAGES],
    /// For a role, how many users may assume it.
    trusted: Option<usize>,
}

impl RowView {
    fn of(state: &State, row: GridRow) -> RowView {
        RowView {
            trusted: match row.member {
                Member::Role(id) => state.role(id).map(|role| role.trusted.len()),
                Member::User(_) => None,
            },
            membership: state.membership(row.member, row.workspace),
            access: std::array::from_fn(|at| {
                Page::ALL.get(at).map_or(PageAccess::None, |page| {
                    state.page_access(Some(row.member), row.workspace, *page)
                })
            }),
        }
    }

    fn access(&self, page: Page) -> PageAccess {
        self.access
            .get(page.index())
            .copied()
            .unwrap_or(PageAccess::None)
    }

    fn granted(&self, page: Page) -> bool {
        self.membership.is_some_and(|m| m.pages.contains(page))
    }
}

/// Why a principal has the access it has to a page: the gates of viewing it and, when it can be
/// viewed, the gate of operating it.
pub fn cell_trace(state: &State, row: GridRow, page: Page) -> Vec<TraceStep> {
    let mut steps = Vec::new();
    let viewed = state
        .page_gates(
            Some(row.member),
            row.workspace,
            page,
            Access::View,
            &mut steps,
        )
        .is_ok();
    if viewed {
        let mut operate = Vec::new();
        // Its verdict is in the trace; only the operation gate is new.
        let _ = state.page_gates(
            Some(row.member),
            row.workspace,
            page,
            Access::Operate,
            &mut operate,
        );
        steps.extend(
            operate
                .into_iter()
                .filter(|step| step.gate == Gate::PageOperation),
        );
    }
    steps
}

fn kind(member: Member) -> &'static str {
    match member {
        Member::User(_) => "user",
        Member::Role(_) => "role",
    }
}

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
) -> impl IntoView {
    let store = Store::get();
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0_i32);
    let viewport = RwSignal::new(480_i32);
    let active = RwSignal::new((0_usize, 1_usize));
    let inspected = RwSignal::new(None::<CellAction>);

    let total = Memo::new(move |_| rows.with(Vec::len));
    let tab_stop = Memo::new(move |_| {
        let (row, col) = active.get();
        (row.min(total.get().saturating_sub(1)), col.min(PAGES))
    });
    let range = Memo::new(move |_| {
        let rows = |pixels: i32| usize::try_from(pixels.max(0) / ROW_HEIGHT).unwrap_or(0);
        let count = rows(viewport.get() + ROW_HEIGHT - 1) + 2 * OVERSCAN;
        let first = rows(scroll_top.get()).saturating_sub(OVERSCAN);
        (first.min(total.get().saturating_sub(count)), count)
    });
    let visible = Memo::new(move |_| {
        let (first, count) = range.get();
        let generation = generation.get();
        rows.with(|all| {
            all.iter()
                .copied()
                .enumerate()
                .skip(first)
                .take(count)
                .map(|(index, row)| (index, row, generation))
                .collect::<Vec<_>>()
        })
    });

    // Also called from animation frames and window events, which may come after the grid is
    // gone: hence the `try_` accessors, which do nothing then.
    let measure = move || {
        if let Some(Some(element)) = scroller.try_get_untracked() {
            let _ = scroll_top.try_set(element.scroll_top());
            let height = element.client_height();
            if height > 0 {
                // Capped, so that a grid laid out without its height never draws every row.
                let _ = viewport.try_set(height.min(MAX_VIEWPORT));
            }
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // Once the grid stands in the document and takes input: `tests/e2e`'s `perf` benchmark times
    // navigation to this mark.
    Effect::new(move |_| {
        let _ = performance_mark("matrix-interactive");
    });

    let focus_cell = move |row: usize, col: usize| {
        let cell = scroller.try_get_untracked().flatten().and_then(|element| {
            element
                .query_selector(&format!("[data-row=\"{row}\"][data-col=\"{col}\"]"))
                .ok()
                .flatten()
        });
        if let Some(cell) = cell.and_then(|cell| cell.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = cell.focus();
        }
    };
    let move_to = move |row: usize, col: usize| {
        active.set((row, col));
        let (first, count) = range.get_untracked();
        if row < first || row >= first + count {
            // Not rendered: bring it to the middle of the view first, then focus it once drawn.
            let top = (i32::try_from(row)
                .unwrap_or(i32::MAX)
                .saturating_mul(ROW_HEIGHT)
                - viewport.get_untracked() / 2)
                .max(0);
            if let Some(element) = scroller.get_untracked() {
                element.set_scroll_top(top);
            }
            scroll_top.set(top);
        }
        request_animation_frame(move || focus_cell(row, col));
    };
    let activate = move |row: usize, col: usize| {
        let Some(grid_row) = rows.with_untracked(|all| all.get(row).copied()) else {
            return;
        };
        let action = match col.checked_sub(1).and_then(|at| Page::ALL.get(at)) {
            Some(page) => CellAction::Page(grid_row, *page),
            None => CellAction::Membership(grid_row),
        };
        on_activate.run(action);
    };
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        let (row, col) = tab_stop.get_untracked();
        let last = total.get_untracked().saturating_sub(1);
        let page_rows = usize::try_from(viewport.get_untracked() / ROW_HEIGHT)
            .unwrap_or(0)
            .max(1);
        let ctrl = event.ctrl_key() || event.meta_key();
        let target = match event.key().as_str() {
            "ArrowDown" => ((row + 1).min(last), col),
            "ArrowUp" => (row.saturating_sub(1), col),
            "ArrowRight" => (row, (col + 1).min(PAGES)),
            "ArrowLeft" => (row, col.saturating_sub(1)),
            "Home" if ctrl => (0, 0),
            "Home" => (row, 0),
            "End" if ctrl => (last, PAGES),
            "End" => (row, PAGES),
            "PageDown" => ((row + page_rows).min(last), col),
            "PageUp" => (row.saturating_sub(page_rows), col),
            "Enter" | " " => {
                event.prevent_default();
                activate(row, col);
                return;
            }
            _ => return,
        };
        event.prevent_default();
        if total.get_untracked() > 0 {
            move_to(target.0, target.1);
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

    let headers = Page::ALL
        .iter()
        .map(|page| {
            let page = *page;
            let note = if !page.is_grantable() {
                ", restricted, not grantable"
            } else if page.is_restricted() {
                ", restricted"
            } else {
                ""
            };
            // A soft hyphen lets the long names break inside narrow columns.
            let label = words::page(page).replace("management", "manage\u{AD}ment");
            view! {
                <div
                    role="columnheader"
                    class="access-grid__colhead"
                    title=format!("{} ({}){note}", words::page(page), page.as_str())
                >
                    <span>{label}</span>
                    {page
                        .is_restricted()
                        .then(|| {
                            view! {
                                <span class="access-grid__restricted">
                                    {if page.is_grantable() {
                                        "restricted"
                                    } else {
                                        "not grantable"
                                    }}
                                </span>
                            }
                        })}
                </div>
            }
        })
        .collect_view();

    view! {
        <div class="access-grid__frame">
            <div
                class="access-grid__scroller"
                style="overflow: auto; max-height: var(--access-grid-height, min(62vh, 640px))"
                node_ref=scroller
                on:scroll=move |_| measure()
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
                            {headers}
                        </div>
                    </div>
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
                            children=move |(index, row, _)| grid_row(index, row, shared)
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

fn grid_row(index: usize, row: GridRow, shared: Shared) -> impl IntoView {
    let store = shared.store;
    let on_activate = shared.on_activate;
    let view = Memo::new(move |_| store.state().with(|s| RowView::of(s, row)));
    // Names only change with the grid's generation, which draws rows afresh.
    let name = store
        .state()
        .with_untracked(|s| s.member_name(row.member).to_owned());
    let workspace = Memo::new(move |_| {
        store
            .state()
            .with(|s| s.workspace_name(row.workspace).to_owned())
    });
    let kind = kind(row.member);
    let test_id = format!("{kind}-{name}-{}", workspace.get_untracked());
    let name_title = {
        let name = name.clone();
        move || match view.get().trusted {
            Some(count) => format!(
                "Role {name}: what the {count} user(s) trusted to assume it get when acting through it"
            ),
            None => format!("RAM user {name}"),
        }
    };
    let inspect = move |action: CellAction| shared.inspected.set(Some(action));
    // The staged changes of this row only: staging one elsewhere leaves this row alone.
    let staged_here = Memo::new(move |_| {
        shared.staged.with(|all| {
            all.iter()
                .filter(|cell| cell.action.row() == row)
                .copied()
                .collect::<Vec<_>>()
        })
    });
    let staged_at = move |action: CellAction| {
        staged_here.with(|cells| cells.iter().find(|cell| cell.action == action).copied())
    };
    let staged_note = move |action: CellAction| {
        staged_at(action).map_or_else(String::new, |cell| format!(", staged: {}", cell.what))
    };
    let marker = move |action: CellAction| {
        move || {
            staged_at(action).map(|cell| {
                view! {
                    <span class="access-grid__staged" aria-hidden="true">
                        {cell.symbol()}
                    </span>
                }
            })
        }
    };

    let membership_tab = shared.tabindex(index, 0);
    let membership_action = CellAction::Membership(row);
    let membership_label = move || {
        let ws = workspace.get();
        let (now, change) = match view.get().membership {
            Some(m) if m.admin => (
                format!("Administrator of {ws}: yes"),
                "withdrawing the Administrator permission",
            ),
            Some(_) => (
                format!("Administrator of {ws}: no"),
                "making it an administrator",
            ),
            None => (format!("Not a member of {ws}"), "adding it as a member"),
        };
        match staged_at(membership_action) {
            Some(cell) => format!("{now}, staged: {}. Activate to unstage it.", cell.what),
            None => format!("{now}. Activate to stage {change}."),
        }
    };
    let membership = view! {
        <div
            role="gridcell"
            class=move || {
                if staged_at(membership_action).is_some() {
                    "access-grid__cell access-grid__cell--membership is-staged"
                } else {
                    "access-grid__cell access-grid__cell--membership"
                }
            }
            data-row=index
            data-col=0
            data-staged=move || staged_at(membership_action).map(|cell| cell.what)
            tabindex=membership_tab
            aria-label=membership_label
            aria-describedby=WHY_ID
            title=membership_label
            on:click=move |_| on_activate.run(membership_action)
            on:focus=move |_| {
                shared.active.set((index, 0));
                inspect(membership_action);
            }
            on:mouseenter=move |_| inspect(membership_action)
            data-testid=format!("membership-{test_id}")
        >
            {move || match view.get().membership {
                Some(m) => {
                    view! {
                        <span
                            class=if m.admin {
                                "access-grid__admin access-grid__admin--on"
                            } else {
                                "access-grid__admin"
                            }
                            aria-hidden="true"
                        >
                            {if m.admin { "☑ admin" } else { "☐ admin" }}
                        </span>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <span class="access-grid__add" aria-hidden="true">
                            "+ Add member"
                        </span>
                    }
                        .into_any()
                }
            }}
            {marker(membership_action)}
        </div>
    };

    let cells = Page::ALL
        .iter()
        .enumerate()
        .map(|(at, page)| {
            let page = *page;
            let col = at + 1;
            let action = CellAction::Page(row, page);
            let level = move || words::page_access(view.with(|v| v.access(page)));
            let granted = move || view.with(|v| v.granted(page));
            let class = move || {
                format!(
                    "access-grid__cell access-grid__cell--{}{}{}",
                    level(),
                    if granted() { " is-granted" } else { "" },
                    if staged_at(action).is_some() {
                        " is-staged"
                    } else {
                        ""
                    }
                )
            };
            let label = move || {
                format!(
                    "{}: {}{}{}",
                    words::page(page),
                    level(),
                    if granted() {
                        ", page permission granted"
                    } else {
                        ""
                    },
                    staged_note(action)
                )
            };
            let title = move || {
                view.track();
                store.state().with_untracked(|s| {
                    let mut text = label();
                    for step in cell_trace(s, row, page) {
                        text.push('\n');
                        text.push_str(&words::trace_step(&step));
                    }
                    text
                })
            };
            view! {
                <div
                    role="gridcell"
                    class=class
                    data-row=index
                    data-col=col
                    data-granted=move || granted().to_string()
                    data-staged=move || staged_at(action).map(|cell| cell.what)
                    tabindex=shared.tabindex(index, col)
                    aria-label=label
                    aria-describedby=WHY_ID
                    title=title
                    on:click=move |_| on_activate.run(action)
                    on:focus=move |_| {
                        shared.active.set((index, col));
                        inspect(action);
                    }
                    on:mouseenter=move |_| inspect(action)
                    data-testid=format!("cell-{test_id}-{}", page.as_str())
                >
                    {level}
                    {marker(action)}
                </div>
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
                <span class="access-grid__principal">{name.clone()}</span>
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
            {membership}
            {cells}
        </div>
    }
}

/// The explanation of the inspected cell: who, where, which page, the access and every gate (or,
/// for the membership cell, the membership), and what activating the cell would do.
#[component]
fn WhyPanel(
    inspected: RwSignal<Option<CellAction>>,
    describe: Callback<CellAction, String>,
) -> impl IntoView {
    let store = Store::get();
    view! {
        <section class="access-grid__why card" id=WHY_ID data-testid="matrix-why" aria-label="Why this access">
            {move || {
                let Some(action) = inspected.get() else {
                    return view! {
                        <p class="access-grid__why-empty">
                            "Point at a cell, or move to it with the arrow keys, to see why it has that access."
                        </p>
                    }
                        .into_any();
                };
                let row = action.row();
                let (heading, steps) = store
                    .state()
                    .with(|s| {
                        let view = RowView::of(s, row);
                        let who = format!(
                            "{} {} in {}",
                            kind(row.member),
                            s.member_name(row.member),
                            s.workspace_name(row.workspace),
                        );
                        match action {
                            CellAction::Page(_, page) => (
                                format!(
                                    "{who} · {}: {}",
                                    words::page(page),
                                    words::page_access(view.access(page)),
                                ),
                                Some(cell_trace(s, row, page)),
                            ),
                            CellAction::Membership(_) => (
                                format!(
                                    "{who} · Membership: {}",
                                    match view.membership {
                                        Some(m) if m.admin => "administrator",
                                        Some(_) => "member",
                                        None => "not a member",
                                    }
                                ),
                                None,
                            ),
                        }
                    });
                view! {
                    <h2 class="access-grid__why-title" data-testid="matrix-why-title">
                        {heading}
                    </h2>
                    {steps.map(|steps| view! { <GateTrace steps=steps test_id="matrix-why-trace" /> })}
                    <p class="access-grid__why-hint" data-testid="matrix-why-hint">
                        {describe.run(action)}
                    </p>
                }
                    .into_any()
            }}
        </section>
    }
}
