//! What the Permissions matrix shows and says: which workspaces it looks at and which principals
//! it lists (its filters, as plain data), each row's cells with the access core gives
//! (`State::page_access`) and why (`State::page_gates`), where the keyboard goes in the grid, what
//! activating a cell stages (planned by core's `State::plan` on the state with the changes staged
//! before it applied), and every count and sentence of the screen: the staged changes, the notice
//! when they are dropped, the review's question and steps, and how applying them went.
//!
//! Nothing here decides access: a cell's access, a command's refusal and a change's effect are
//! asked of core.

use std::hash::{Hash, Hasher};

use studio_access_core::diff::PlanPreview;
use studio_access_core::ordered::sort_by_name;
use studio_access_core::{
    Access, Change, Command, Date, Event, Executed, Gate, Member, Membership, PAGE_PRESETS, Page,
    PageAccess, PagePreset, State, TraceStep, Who, WorkspaceId,
};

use crate::activity::Tone;
use crate::words;

// ---- scope and filters --------------------------------------------------------------------------

/// The query parameter naming the workspace shown: `?workspace=<name>`.
pub const WORKSPACE_PARAM: &str = "workspace";
/// Its value for every workspace at once (no workspace name holds `@` but the defaults').
pub const ALL_WORKSPACES: &str = "@all";

/// Which workspaces the rows are evaluated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One workspace: every principal, members or not.
    Workspace(WorkspaceId),
    /// Every workspace: one row per membership.
    All,
}

impl Scope {
    /// The scope a link names by `linked` (the value of [`WORKSPACE_PARAM`]): every workspace for
    /// [`ALL_WORKSPACES`], else the workspace of that name; without one, or when it names none,
    /// the first workspace `who` may act in (manage its members and their pages, as core says),
    /// else the first it is a member of, else the first workspace (every workspace when there is
    /// none).
    pub fn linked(state: &State, who: &Who, linked: Option<&str>) -> Scope {
        match linked {
            Some(ALL_WORKSPACES) => Some(Scope::All),
            Some(name) => state.workspace_id(name).map(Scope::Workspace),
            None => None,
        }
        .or_else(|| Scope::opening(state, who).map(Scope::Workspace))
        .unwrap_or(Scope::All)
    }

    /// The workspace the matrix opens on for `who`: the first it may act in, else the first it
    /// is a member of, else the first.
    fn opening(state: &State, who: &Who) -> Option<WorkspaceId> {
        let acting = state.resolve(who).ok();
        acting
            .and_then(|acting| {
                state
                    .workspaces()
                    .map(|(id, _)| id)
                    .find(|id| state.may_manage_members(acting, *id))
            })
            .or_else(|| crate::workspaces::home_workspace(state, acting))
    }

    /// What a link names it by: [`ALL_WORKSPACES`], or the workspace's name.
    pub fn link(self, state: &State) -> String {
        match self {
            Scope::All => ALL_WORKSPACES.to_owned(),
            Scope::Workspace(id) => state.workspace_name(id).unwrap_or_default().to_owned(),
        }
    }

    /// The workspace picker's value: the workspace's id, or `all`.
    pub fn value(self) -> String {
        match self {
            Scope::Workspace(id) => id.0.to_string(),
            Scope::All => "all".to_owned(),
        }
    }

    /// The scope a picker's value names: anything but a workspace's id is every workspace.
    pub fn parse(text: &str) -> Scope {
        text.parse()
            .map_or(Scope::All, |id| Scope::Workspace(WorkspaceId(id)))
    }

    /// Whether rows span workspaces, so that each names its own.
    pub fn spans_workspaces(self) -> bool {
        self == Scope::All
    }
}

/// The query of a link to the matrix showing `workspace`: `?workspace=<name>`, the name
/// percent-encoded.
pub fn link_to(workspace: &str) -> String {
    let mut query = format!("?{WORKSPACE_PARAM}=");
    for byte in workspace.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                query.push(char::from(byte));
            }
            _ => query.push_str(&format!("%{byte:02X}")),
        }
    }
    query
}

/// The workspace picker's options, as `(value, label)`: every workspace at once, then each
/// workspace with its region.
pub fn scope_options(state: &State) -> Vec<(String, String)> {
    std::iter::once(("all".to_owned(), "All workspaces".to_owned()))
        .chain(state.workspaces().map(|(id, ws)| {
            (
                Scope::Workspace(id).value(),
                format!("{} · {}", ws.name, words::region(ws.region)),
            )
        }))
        .collect()
}

/// A filter with three positions: any, yes, no.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tri {
    /// Either way.
    #[default]
    Any,
    /// Only when it holds.
    Yes,
    /// Only when it does not.
    No,
}

impl Tri {
    /// Every position, in the pickers' order.
    pub const ALL: [Tri; 3] = [Tri::Any, Tri::Yes, Tri::No];

    /// The position a picker's value names (`any` for anything but `yes` and `no`).
    pub fn parse(text: &str) -> Tri {
        match text {
            "yes" => Tri::Yes,
            "no" => Tri::No,
            _ => Tri::Any,
        }
    }

    /// The picker's value: `any`, `yes` or `no`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tri::Any => "any",
            Tri::Yes => "yes",
            Tri::No => "no",
        }
    }

    /// Whether a row for which the filtered fact is `value` is shown.
    pub fn admits(self, value: bool) -> bool {
        match self {
            Tri::Any => true,
            Tri::Yes => value,
            Tri::No => !value,
        }
    }
}

/// Which kinds of principal are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    /// Users and roles.
    #[default]
    Any,
    /// RAM users only.
    Users,
    /// Roles only.
    Roles,
}

impl Kind {
    /// Every kind, in the picker's order.
    pub const ALL: [Kind; 3] = [Kind::Any, Kind::Users, Kind::Roles];

    /// The kind a picker's value names (`any` for anything but `users` and `roles`).
    pub fn parse(text: &str) -> Kind {
        match text {
            "users" => Kind::Users,
            "roles" => Kind::Roles,
            _ => Kind::Any,
        }
    }

    /// The picker's value: `any`, `users` or `roles`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Any => "any",
            Kind::Users => "users",
            Kind::Roles => "roles",
        }
    }

    /// Whether `member` is of a kind shown.
    pub fn admits(self, member: Member) -> bool {
        matches!(
            (self, member),
            (Kind::Any, _) | (Kind::Users, Member::User(_)) | (Kind::Roles, Member::Role(_))
        )
    }
}

/// A picker's options, as `(value, label)`: each of `values` by its picker value, with the label
/// at the same place in `labels`.
fn options<T: Copy>(
    values: &[T],
    value: fn(T) -> &'static str,
    labels: &[&str],
) -> Vec<(String, String)> {
    let labels = labels.iter().map(|label| (*label).to_owned());
    values
        .iter()
        .map(|v| value(*v).to_owned())
        .zip(labels)
        .collect()
}

/// The Kind picker's options, as `(value, label)`.
pub fn kind_options() -> Vec<(String, String)> {
    options(
        &Kind::ALL,
        Kind::as_str,
        &["users and roles", "users", "roles"],
    )
}

/// The Membership picker's options, as `(value, label)`.
pub fn member_options() -> Vec<(String, String)> {
    options(
        &Tri::ALL,
        Tri::as_str,
        &["members or not", "members", "non-members"],
    )
}

/// The Administrator picker's options, as `(value, label)`.
pub fn admin_options() -> Vec<(String, String)> {
    let labels = ["any", "administrators", "not administrators"];
    options(&Tri::ALL, Tri::as_str, &labels)
}

/// The Access picker's options, as `(value, label)`: any access, then operate, view and none.
pub fn level_options() -> Vec<(String, String)> {
    let levels = [
        None,
        Some(PageAccess::Operate),
        Some(PageAccess::View),
        Some(PageAccess::None),
    ];
    options(
        &levels,
        level_value,
        &["any access", "operate", "view", "none"],
    )
}

/// The options of the page the Access filter looks at, as `(value, label)`: any page, then each.
pub fn page_options() -> Vec<(String, String)> {
    std::iter::once(("any".to_owned(), "any page".to_owned()))
        .chain(
            Page::ALL
                .iter()
                .map(|page| (page.as_str().to_owned(), words::page(*page).to_owned())),
        )
        .collect()
}

/// The access a picker's value names: `None` (any access) for anything but a level.
pub fn parse_level(text: &str) -> Option<PageAccess> {
    match text {
        "none" => Some(PageAccess::None),
        "view" => Some(PageAccess::View),
        "operate" => Some(PageAccess::Operate),
        _ => None,
    }
}

/// The Access picker's value for `level`.
pub fn level_value(level: Option<PageAccess>) -> &'static str {
    level.map_or("any", words::page_access)
}

/// The value of the picker of the page the Access filter looks at.
pub fn page_value(page: Option<Page>) -> &'static str {
    page.map_or("any", Page::as_str)
}

/// Everything but the name search that narrows the rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Users, roles, or both.
    pub kind: Kind,
    /// Administrators of the row's workspace, or not.
    pub admin: Tri,
    /// Members of the row's workspace, or not.
    pub member: Tri,
    /// Rows with this access…
    pub level: Option<PageAccess>,
    /// …to this page (any page when `None`).
    pub page: Option<Page>,
}

impl Filters {
    /// Whether a filter looks at memberships (so that the rows change when they do).
    pub fn looks_at_memberships(&self) -> bool {
        self.admin != Tri::Any || self.member != Tri::Any || self.level.is_some()
    }

    /// Whether `row` is shown, as far as memberships and access go (the kind and the name are
    /// looked at by [`rows`]).
    pub fn admits(&self, state: &State, row: GridRow) -> bool {
        let membership = state.membership(row.member, row.workspace);
        if !self.member.admits(membership.is_some())
            || !self.admin.admits(membership.is_some_and(|m| m.admin))
        {
            return false;
        }
        let Some(level) = self.level else {
            return true;
        };
        let has = |page: Page| state.page_access(Some(row.member), row.workspace, page) == level;
        match self.page {
            Some(page) => has(page),
            None => Page::ALL.iter().any(|page| has(*page)),
        }
    }
}

// ---- rows ---------------------------------------------------------------------------------------

/// One row of the grid: a principal (RAM user or role) in a workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GridRow {
    /// The user or role.
    pub member: Member,
    /// The workspace the row is evaluated in.
    pub workspace: WorkspaceId,
}

/// A fingerprint of which principals are alive and their names, cheap to take: it changes when
/// one is created, renamed or deleted (or the whole state is replaced), not when access does, so
/// that a grant does not sort every name again.
pub fn census(state: &State) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    for member in state.live_members() {
        member.hash(&mut hasher);
        state
            .member_name(member)
            .unwrap_or_default()
            .hash(&mut hasher);
    }
    hasher.finish()
}

/// Every live principal, in name order (then users before roles of the same name).
pub fn principals(state: &State) -> Vec<Member> {
    // Users come before roles in `live_members`, and the sort keeps that order within a name.
    let mut named: Vec<(&str, Member)> = state
        .live_members()
        .map(|m| (state.member_name(m).unwrap_or_default(), m))
        .collect();
    sort_by_name(&mut named, |(name, _)| name);
    named.into_iter().map(|(_, m)| m).collect()
}

/// Whether the rows of `scope` under `filters` depend on memberships, and not only on which
/// principals there are: every workspace lists memberships, and some filters look at them. When
/// they do not, a grant need not filter every principal again.
pub fn rows_follow_memberships(scope: Scope, filters: &Filters) -> bool {
    scope.spans_workspaces() || filters.looks_at_memberships()
}

/// The rows shown, in order: of `principals` (in name order, from [`principals`]), those whose
/// name holds `search` (ignoring case and surrounding spaces) and that `filters` admit; in one
/// workspace, a row for each, members or not; in every workspace, a row per membership.
pub fn rows(
    state: &State,
    principals: &[Member],
    scope: Scope,
    search: &str,
    filters: &Filters,
) -> Vec<GridRow> {
    let query = search.trim().to_lowercase();
    let mut rows = Vec::new();
    for &member in principals {
        if !filters.kind.admits(member)
            || (!query.is_empty()
                && !state
                    .member_name(member)
                    .unwrap_or_default()
                    .to_lowercase()
                    .contains(&query))
        {
            continue;
        }
        match scope {
            Scope::Workspace(workspace) => {
                let row = GridRow { member, workspace };
                if filters.admits(state, row) {
                    rows.push(row);
                }
            }
            Scope::All => {
                let joined = state.memberships(member).into_iter().flat_map(|m| m.keys());
                for workspace in joined {
                    let row = GridRow {
                        member,
                        workspace: *workspace,
                    };
                    if filters.admits(state, row) {
                        rows.push(row);
                    }
                }
            }
        }
    }
    rows
}

/// How many rows are shown, of how many principals: "3 of 4 principals shown in w."
pub fn summary(state: &State, scope: Scope, shown: usize, principals: usize) -> String {
    match scope {
        Scope::All => {
            let shown = words::counted(shown, "membership", "memberships");
            let principals = words::counted(principals, "principal", "principals");
            format!("{shown} shown, of {principals} in all workspaces.")
        }
        Scope::Workspace(id) => format!(
            "{shown} of {} shown in {}.",
            words::counted(principals, "principal", "principals"),
            state.workspace_name(id).unwrap_or_default()
        ),
    }
}

// ---- cells --------------------------------------------------------------------------------------

/// How many page columns there are (after the membership column).
pub const PAGES: usize = Page::ALL.len();

/// A cell activated by a click, Enter or Space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CellAction {
    /// The membership cell: toggle the Administrator permission, or add a non-member.
    Membership(GridRow),
    /// A page cell: grant or revoke the page permission.
    Page(GridRow, Page),
}

impl CellAction {
    /// The cell of `row` in column `col` of the grid's cells: the membership cell first, then
    /// each page in the order of `Page::ALL` (a column past the last is the membership cell).
    pub fn at(row: GridRow, col: usize) -> CellAction {
        match col.checked_sub(1).and_then(|at| Page::ALL.get(at)) {
            Some(page) => CellAction::Page(row, *page),
            None => CellAction::Membership(row),
        }
    }

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
    /// The mark drawn on the cell: ⊕ when the change gives access, ⊖ when it takes it away.
    pub fn symbol(self) -> &'static str {
        if self.widens { "⊕" } else { "⊖" }
    }
}

/// The staged change on the cell `action`, if any.
pub fn staged_at(cells: &[StagedCell], action: CellAction) -> Option<StagedCell> {
    cells.iter().find(|cell| cell.action == action).copied()
}

/// The staged changes of `row` only, so that a row can leave alone what is staged elsewhere.
pub fn staged_in_row(cells: &[StagedCell], row: GridRow) -> Vec<StagedCell> {
    cells
        .iter()
        .filter(|cell| cell.action.row() == row)
        .copied()
        .collect()
}

/// "user" or "role".
pub fn kind(member: Member) -> &'static str {
    match member {
        Member::User(_) => "user",
        Member::Role(_) => "role",
    }
}

/// What a row shows, asked of core in one step: its membership, its access to each page and,
/// for a role, how many users may assume it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowView {
    /// The principal's membership of the row's workspace.
    pub membership: Option<Membership>,
    /// The access to each page, in the order of `Page::ALL`.
    access: [PageAccess; PAGES],
    /// For a role, how many users may assume it.
    pub trusted: Option<usize>,
}

impl RowView {
    /// What `row` shows in `state`.
    pub fn of(state: &State, row: GridRow) -> RowView {
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

    /// The access to `page`.
    pub fn access(&self, page: Page) -> PageAccess {
        self.access
            .get(page.index())
            .copied()
            .unwrap_or(PageAccess::None)
    }

    /// Whether the page permission of `page` is granted (rather than the access coming from the
    /// Administrator permission, or being view only).
    pub fn granted(&self, page: Page) -> bool {
        self.membership.is_some_and(|m| m.pages.contains(page))
    }

    /// The principal's name as its row header's title explains it.
    pub fn name_title(&self, name: &str) -> String {
        match self.trusted {
            Some(count) => format!(
                "Role {name}: what the {count} user(s) trusted to assume it get when acting through it"
            ),
            None => format!("RAM user {name}"),
        }
    }

    /// The words the membership cell shows: the Administrator box's, or the offer to add a
    /// member. Words only: each is part of the cell's accessible name
    /// ([`membership_label`](Self::membership_label)), as WCAG 2.5.3 "label in name" asks; the
    /// box (☑, ☐) and the plus sign are drawn by the stylesheet.
    pub fn membership_mark(&self) -> &'static str {
        match self.membership {
            Some(_) => "admin",
            None => "Add member",
        }
    }

    /// The membership cell's accessible name in `workspace`: the membership, and what activating
    /// the cell does (or, with a change `staged` on it, that it unstages it).
    pub fn membership_label(&self, workspace: &str, staged: Option<StagedCell>) -> String {
        let (now, change) = match self.membership {
            Some(m) if m.admin => (
                format!("{workspace} admin: yes"),
                "stage withdrawing the Administrator permission",
            ),
            Some(_) => (
                format!("{workspace} admin: no"),
                "stage making it an administrator",
            ),
            None => (format!("Not a member of {workspace}"), "stage: Add member"),
        };
        match staged {
            Some(cell) => format!("{now}, staged: {}. Activate to unstage it.", cell.what),
            None => format!("{now}. Activate to {change}."),
        }
    }

    /// A page cell's accessible name: the page, the access, whether the permission is granted
    /// and what is staged on it.
    pub fn page_label(&self, page: Page, staged: Option<StagedCell>) -> String {
        format!(
            "{}: {}{}{}",
            words::page(page),
            words::page_access(self.access(page)),
            if self.granted(page) {
                ", page permission granted"
            } else {
                ""
            },
            staged.map_or_else(String::new, |cell| format!(", staged: {}", cell.what)),
        )
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

/// A page cell's title (shown on hover): its accessible name `label`, then each gate of
/// [`cell_trace`], a line each.
pub fn page_title(state: &State, row: GridRow, page: Page, label: String) -> String {
    let mut text = label;
    for step in cell_trace(state, row, page) {
        text.push('\n');
        text.push_str(&words::trace_step(&step));
    }
    text
}

/// A page's column header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnHeader {
    /// The page's name, with a soft hyphen where a long one may break.
    pub label: String,
    /// The page's name and permission, and whether it is restricted or not grantable.
    pub title: String,
    /// "restricted" or "not grantable", under the name of a restricted page.
    pub tag: Option<&'static str>,
}

/// Where the long words of the page names may break in the matrix's narrow columns (a soft
/// hyphen each), so that its twelve page columns sit side by side at 1280 px.
const BREAKS: [(&str, &str); 9] = [
    ("experience", "experi\u{AD}ence"),
    ("inference", "infer\u{AD}ence"),
    ("observation", "obser\u{AD}vation"),
    ("Playground", "Play\u{AD}ground"),
    ("deployment", "deploy\u{AD}ment"),
    ("evaluation", "evalu\u{AD}ation"),
    ("management", "manage\u{AD}ment"),
    ("Applications", "Appli\u{AD}cations"),
    ("Permission", "Permis\u{AD}sion"),
];

/// `words` with soft hyphens where its long words may break ([`BREAKS`]).
fn breakable(words: &str) -> String {
    BREAKS
        .iter()
        .fold(words.to_owned(), |text, (word, broken)| {
            text.replace(word, broken)
        })
}

/// The column header of `page`.
pub fn column_header(page: Page) -> ColumnHeader {
    let note = if !page.is_grantable() {
        ", restricted, not grantable"
    } else if page.is_restricted() {
        ", restricted"
    } else {
        ""
    };
    ColumnHeader {
        label: breakable(words::page(page)),
        title: format!("{} ({}){note}", words::page(page), page.as_str()),
        tag: page.is_restricted().then_some(if page.is_grantable() {
            "restricted"
        } else {
            "not grant\u{AD}able"
        }),
    }
}

/// The explanation of a cell: who, where, which page and the access (or the membership), and,
/// for a page, every gate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Why {
    /// "user ann in w · Playground: operate", "user bob in w · Membership: not a member".
    pub heading: String,
    /// For a page cell, its gates ([`cell_trace`]).
    pub trace: Option<Vec<TraceStep>>,
}

/// Why the cell `action` shows what it shows.
pub fn why(state: &State, action: CellAction) -> Why {
    let row = action.row();
    let view = RowView::of(state, row);
    let who = format!(
        "{} {} in {}",
        kind(row.member),
        state.member_name(row.member).unwrap_or_default(),
        state.workspace_name(row.workspace).unwrap_or_default(),
    );
    match action {
        CellAction::Page(_, page) => Why {
            heading: format!(
                "{who} · {}: {}",
                words::page(page),
                words::page_access(view.access(page)),
            ),
            trace: Some(cell_trace(state, row, page)),
        },
        CellAction::Membership(_) => Why {
            heading: format!(
                "{who} · Membership: {}",
                match view.membership {
                    Some(m) if m.admin => "administrator",
                    Some(_) => "member",
                    None => "not a member",
                }
            ),
            trace: None,
        },
    }
}

// ---- moving in the grid -------------------------------------------------------------------------

/// What a key pressed in the grid does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridKey {
    /// Moves the focus to the cell at `(row, column)`.
    MoveTo(usize, usize),
    /// Activates the cell in focus.
    Activate,
    /// Nothing: the key is left to the browser.
    Other,
}

/// What `key` (a `KeyboardEvent.key`, with Ctrl or Cmd held when `ctrl`) does in the cell at
/// `(row, column)` of a grid of `rows` rows, of which `page_rows` are in view: arrows move by one,
/// Home and End go to the row's first and last cell (with Ctrl, the grid's), Page Up and Down by
/// a view's worth of rows; Enter and Space activate. Column 0 is the membership cell, then one
/// per page.
pub fn grid_key(
    key: &str,
    ctrl: bool,
    (row, col): (usize, usize),
    rows: usize,
    page_rows: usize,
) -> GridKey {
    let last = rows.saturating_sub(1);
    let page_rows = page_rows.max(1);
    let (row, col) = match key {
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
        "Enter" | " " => return GridKey::Activate,
        _ => return GridKey::Other,
    };
    GridKey::MoveTo(row, col)
}

/// The grid's one tab stop: the cell last moved to, kept inside a grid of `rows` rows.
pub fn tab_stop((row, col): (usize, usize), rows: usize) -> (usize, usize) {
    (row.min(rows.saturating_sub(1)), col.min(PAGES))
}

// ---- export -------------------------------------------------------------------------------------

/// The file name of the matrix's CSV download.
pub const EXPORT_FILE: &str = "studio-access-permissions.csv";

/// The membership of a row, in a word, for the export: "administrator", "member", "not a member".
fn membership_word(membership: Option<Membership>) -> &'static str {
    match membership {
        Some(m) if m.admin => "administrator",
        Some(_) => "member",
        None => "not a member",
    }
}

/// The matrix as shown, as a table for the CSV download: one line per row shown (principal ×
/// workspace, in the order shown, so the filters and the search apply), with its kind, its
/// membership and its access to each page (`none`, `view`, `operate`), one column per page
/// named by its permission.
pub fn export_table(state: &State, rows: &[GridRow]) -> crate::report::Table {
    let mut header = vec!["principal", "kind", "workspace", "membership"];
    header.extend(Page::ALL.iter().map(|page| page.as_str()));
    let lines = rows
        .iter()
        .map(|&row| {
            let view = RowView::of(state, row);
            let mut cells = vec![
                state.member_name(row.member).unwrap_or_default().to_owned(),
                kind(row.member).to_owned(),
                state
                    .workspace_name(row.workspace)
                    .unwrap_or_default()
                    .to_owned(),
                membership_word(view.membership).to_owned(),
            ];
            cells.extend(
                Page::ALL
                    .iter()
                    .map(|page| words::page_access(view.access(*page)).to_owned()),
            );
            cells
        })
        .collect();
    crate::report::Table::new(&header, lines)
}

/// The matrix as shown, as CSV (see [`export_table`]).
pub fn export_csv(state: &State, rows: &[GridRow]) -> String {
    export_table(state, rows).csv()
}

/// What the export said, once downloaded.
pub fn exported(rows: usize) -> String {
    match rows {
        1 => format!("Downloaded {EXPORT_FILE}: 1 row, as filtered."),
        rows => format!("Downloaded {EXPORT_FILE}: {rows} rows, as filtered."),
    }
}

// ---- presets ------------------------------------------------------------------------------------

/// The preset picker's options, as `(value, label)`: each of the seeds' sets of pages, with its
/// pages.
pub fn preset_options() -> Vec<(String, String)> {
    PAGE_PRESETS
        .iter()
        .map(|preset| {
            let pages: Vec<&str> = preset.pages.iter().map(words::page).collect();
            (
                preset.name.to_owned(),
                format!("{}: {}", preset.name, pages.join(", ")),
            )
        })
        .collect()
}

/// The preset a picker's value names.
pub fn preset_named(name: &str) -> Option<PagePreset> {
    PAGE_PRESETS.iter().find(|p| p.name == name).copied()
}

/// The cells to activate, in order, to give `row` the pages of `preset`, judged on `projected`
/// (the state with the changes already staged applied): the membership cell first when the
/// principal is not a member, then each page of the preset it is not granted. Activating a page
/// cell with a revocation staged on it unstages the revocation, which also leaves it granted.
pub fn preset_cells(projected: &State, row: GridRow, preset: &PagePreset) -> Vec<CellAction> {
    let membership = projected.membership(row.member, row.workspace);
    let join = membership.is_none().then_some(CellAction::Membership(row));
    join.into_iter()
        .chain(
            preset
                .pages
                .iter()
                .filter(|page| !membership.is_some_and(|m| m.pages.contains(*page)))
                .map(|page| CellAction::Page(row, page)),
        )
        .collect()
}

/// What staging a preset did: `staged` changes for `name` in `workspace`, or, when one was
/// refused, why.
pub fn preset_staged(
    preset: &PagePreset,
    name: &str,
    workspace: &str,
    staged: usize,
    refused: Option<String>,
) -> String {
    match (staged, refused) {
        (0, Some(why)) => format!(
            "{} for `{name}` in `{workspace}` was not staged: {why} Nothing was staged.",
            preset.name
        ),
        (count, Some(why)) => format!(
            "{} for `{name}` in `{workspace}` stopped after {}: {why} What was staged stays staged.",
            preset.name,
            changes(count)
        ),
        (0, None) => format!(
            "`{name}` already has every page of {} in `{workspace}`: nothing to stage.",
            preset.name
        ),
        (count, None) => format!(
            "Staged {} for `{name}` in `{workspace}`: {}. Review to apply.",
            preset.name,
            changes(count)
        ),
    }
}

// ---- staging ------------------------------------------------------------------------------------

/// A change staged from a cell: the cell, and the command it runs when applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staged {
    /// The cell it was staged from.
    pub action: CellAction,
    /// What applying it runs.
    pub command: Command,
}

impl Staged {
    /// The cell as the grid marks it.
    pub fn cell(&self) -> StagedCell {
        let (what, widens) = match &self.command {
            Command::GrantPage { .. } => ("grant", true),
            Command::RevokePage { .. } => ("revoke", false),
            Command::AddMember { .. } => ("add member", true),
            Command::SetAdmin { admin: true, .. } => ("make administrator", true),
            Command::SetAdmin { admin: false, .. } => ("withdraw administrator", false),
            _ => ("change", false),
        };
        StagedCell {
            action: self.action,
            what,
            widens,
        }
    }
}

/// Which state the staged changes were planned on: where its history starts, how long it is and
/// its latest event. Any change made elsewhere (on another page, an undo or redo, an import,
/// another tab) alters one of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Basis {
    origin: Date,
    events: usize,
    latest: Option<Event>,
}

impl Basis {
    /// The basis of `state` as it is.
    pub fn of(state: &State) -> Basis {
        let data = state.data();
        Basis {
            origin: data.origin,
            events: data.events.len(),
            latest: data.events.last().cloned(),
        }
    }
}

/// The command a cell stands for in `state`, or why it stands for none: a membership cell adds a
/// non-member or toggles the Administrator permission; a page cell grants the page permission
/// or revokes the one granted.
fn command_for(state: &State, action: CellAction) -> Result<Command, String> {
    let row = action.row();
    let (Some(member), Some(workspace)) =
        (state.named(row.member), state.workspace_name(row.workspace))
    else {
        return Err("This row's principal or workspace is not in the account any more.".to_owned());
    };
    let workspace = workspace.to_owned();
    let membership = state.membership(row.member, row.workspace);
    match (action, membership) {
        (CellAction::Membership(_), None) => Ok(Command::AddMember {
            workspace,
            member,
            admin: false,
        }),
        (CellAction::Membership(_), Some(m)) => Ok(Command::SetAdmin {
            workspace,
            member,
            admin: !m.admin,
        }),
        (CellAction::Page(_, page), _) if !page.is_grantable() => Err(format!(
            "{} cannot be granted: it is not a page permission, and only the workspace's administrators open it. Make {} an administrator of `{workspace}` to give it this page.",
            words::page(page),
            words::member_name(&member)
        )),
        (CellAction::Page(..), None) => Err(format!(
            "{} is not a member of `{workspace}`: add it as a member first (Membership column).",
            words::member_name(&member)
        )),
        (CellAction::Page(_, page), Some(m)) if m.pages.contains(page) => Ok(Command::RevokePage {
            workspace,
            member,
            permission: page,
        }),
        (CellAction::Page(_, page), Some(_)) => Ok(Command::GrantPage {
            workspace,
            member,
            permission: page,
        }),
    }
}

/// The command activating `action` stages, planned by core as `who` on `state` (the state with
/// the changes already staged applied, from [`project`]); or why there is none: the cell stands
/// for no command, core refuses it, or it would change nothing.
pub fn plan(state: &State, who: &Who, action: CellAction) -> Result<Command, String> {
    let command = command_for(state, action)?;
    match state.plan(who, &command) {
        Err(refusal) => Err(words::refusal(&refusal)),
        Ok(Change::Nothing) => Err(format!(
            "{} would change nothing.",
            words::command(&command)
        )),
        Ok(_) => Ok(command),
    }
}

/// Applies staged `commands` to `projected` in order, as `who`, each planned by core on the
/// state the ones before it left; one that is refused now is passed over, as applying it would
/// be refused.
pub fn project<'a>(
    projected: &mut State,
    who: &Who,
    commands: impl IntoIterator<Item = &'a Command>,
) {
    for command in commands {
        if let Ok(change) = projected.plan(who, command) {
            projected.apply(change, None);
        }
    }
}

/// What activating a cell does, with what is staged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Activation {
    /// Unstages the change staged on the cell.
    Unstage(Command),
    /// Stages this command.
    Stage(Command),
    /// Nothing: why not.
    Refused(String),
}

impl Activation {
    /// Unstages what is `staged` on the cell; else stages what `plan` (see [`plan`]) plans, which
    /// is only asked when nothing is staged there.
    pub fn new(
        staged: Option<Command>,
        plan: impl FnOnce() -> Result<Command, String>,
    ) -> Activation {
        match staged {
            Some(command) => Activation::Unstage(command),
            None => match plan() {
                Ok(command) => Activation::Stage(command),
                Err(why) => Activation::Refused(why),
            },
        }
    }

    /// Whether nothing can be staged on the cell.
    pub fn is_refused(&self) -> bool {
        matches!(self, Activation::Refused(_))
    }

    /// What activating the cell would do, before it is activated (the grid's panel).
    pub fn hint(&self) -> String {
        match self {
            Activation::Unstage(command) => format!(
                "Staged: {}. Click, or press Enter or Space, to unstage it.",
                words::command(command)
            ),
            Activation::Stage(command) => format!(
                "Click, or press Enter or Space, to stage: {}.",
                words::command(command)
            ),
            Activation::Refused(why) => format!("Nothing to stage here: {why}"),
        }
    }

    /// What was done, once the cell is activated.
    pub fn done(&self) -> String {
        match self {
            Activation::Unstage(command) => format!("Unstaged: {}.", words::command(command)),
            Activation::Stage(command) => {
                format!("Staged: {}. Review to apply.", words::command(command))
            }
            Activation::Refused(why) => format!("{why} Nothing was staged."),
        }
    }
}

/// "1 staged change", "3 staged changes".
pub fn staged_changes(count: usize) -> String {
    match count {
        1 => "1 staged change".to_owned(),
        _ => format!("{count} staged changes"),
    }
}

/// "1 change", "3 changes".
fn changes(count: usize) -> String {
    match count {
        1 => "1 change".to_owned(),
        _ => format!("{count} changes"),
    }
}

/// The count beside the review: "No staged changes", "2 staged changes, not applied yet".
pub fn staged_count(count: usize) -> String {
    match count {
        0 => "No staged changes".to_owned(),
        count => format!("{}, not applied yet", staged_changes(count)),
    }
}

/// What the preset picker says under its button. One sentence, right with a row in focus or
/// none, so that nothing below it moves while the pointer crosses the rows (a hint that changed
/// with the row moved the grid under the pointer).
pub const PRESET_HINT: &str = "Stages the pages of the set that the row of the cell in focus or under the pointer lacks (its membership first, when it is not a member); review the staged changes to apply them.";

/// The notice when `count` staged changes are dropped because the state changed underneath.
pub fn dropped_notice(count: usize) -> String {
    format!(
        "{} dropped: the state changed underneath (an import, an undo or redo, a change made elsewhere or in another tab). Stage again what still applies.",
        staged_changes(count)
    )
}

/// The review's question: applying `count` staged changes as `who` (in order, when several).
pub fn review_question(count: usize, who: &Who) -> String {
    match count {
        1 => format!("Apply 1 staged change as {who}?"),
        _ => format!("Apply {} as {who}, in this order?", staged_changes(count)),
    }
}

/// The title over the review's combined effect of `count` staged changes, which changes access
/// or not: "Together they would:" of several, "This change would:" of one.
pub fn review_effect_title(count: usize, changes_access: bool) -> &'static str {
    match (count, changes_access) {
        (1, true) => "This change would:",
        (1, false) => "This change leaves access as it is.",
        (_, true) => "Together they would:",
        (_, false) => "Together they change no access.",
    }
}

/// What discarding `count` staged changes did.
pub fn discarded(count: usize) -> String {
    format!("Discarded {}; nothing was applied.", staged_changes(count))
}

/// How applying the staged changes went: they run in order, one event each, until one is
/// refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    total: usize,
    applied: usize,
    /// The command refused, in words, and why.
    refused: Option<(String, String)>,
}

impl Applied {
    /// Nothing applied yet of `total` staged changes.
    pub fn new(total: usize) -> Applied {
        Applied {
            total,
            applied: 0,
            refused: None,
        }
    }

    /// Records how running the next staged `command` went; whether to go on with the next.
    pub fn record(&mut self, command: &Command, executed: &Executed) -> bool {
        if self.refused.is_some() {
            return false;
        }
        if executed.outcome.is_success() {
            self.applied += 1;
            return true;
        }
        let why = executed
            .refusal
            .as_ref()
            .map_or_else(|| words::outcome(executed.outcome), words::refusal);
        self.refused = Some((words::command(command), why));
        false
    }

    /// How many were applied: the first ones staged.
    pub fn applied(&self) -> usize {
        self.applied
    }

    /// Whether some stay staged.
    pub fn stopped(&self) -> bool {
        self.applied < self.total
    }

    /// Whether one was refused.
    pub fn is_refused(&self) -> bool {
        self.refused.is_some()
    }

    /// What applying did, in words.
    pub fn sentence(&self) -> String {
        let (total, applied) = (self.total, self.applied);
        if total == 0 {
            return "Nothing to apply: no change is staged.".to_owned();
        }
        match &self.refused {
            None if applied == 1 => "Done: applied 1 change.".to_owned(),
            None => format!("Done: applied {}, one event each.", changes(applied)),
            Some((command, why)) if total == 1 => {
                format!("Refused: {command}. {why} It stays staged.")
            }
            Some((command, why)) => {
                let kept = match total - applied {
                    1 => "It stays staged.".to_owned(),
                    more => format!("It and the {} after it stay staged.", more - 1),
                };
                format!("Applied {applied} of {total}, then refused: {command}. {why} {kept}")
            }
        }
    }
}

/// How a staged change stands in the review, once its effect is worked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepMark {
    /// It would apply (or it is not known yet).
    Applies,
    /// It would be refused: applying stops there.
    Refused,
    /// It comes after the refused one.
    NotReached,
}

impl StepMark {
    /// The mark of the change at `at` (from 0) when the one at `refused_at` would be refused.
    pub fn of(at: usize, refused_at: Option<usize>) -> StepMark {
        match refused_at {
            Some(stop) if at == stop => StepMark::Refused,
            Some(stop) if at > stop => StepMark::NotReached,
            _ => StepMark::Applies,
        }
    }

    /// What follows the change in words.
    pub fn note(self) -> &'static str {
        match self {
            StepMark::Applies => "",
            StepMark::Refused => " ✗ refused",
            StepMark::NotReached => " (not reached)",
        }
    }
}

/// The effect of the staged changes together, as the review shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewEffect {
    /// The combined access diff, grouped, a line each (none when access does not change).
    pub lines: Vec<String>,
    /// Which way it moves access.
    pub tone: Tone,
    /// Which change would be refused as the acting identity, and why.
    pub refused: Option<String>,
    /// Where the refused change is, from 0.
    pub refused_at: Option<usize>,
}

impl ReviewEffect {
    /// The effect of `preview` (core's `State::preview_all` of the staged `commands` as `who`).
    pub fn of(preview: &PlanPreview, commands: &[Command], who: &Who) -> ReviewEffect {
        ReviewEffect {
            lines: words::diff_lines_grouped(&preview.diff),
            tone: match (preview.diff.widens(), preview.diff.narrows()) {
                (true, false) => Tone::Widens,
                (false, true) => Tone::Narrows,
                _ => Tone::Mixed,
            },
            refused: words::applying_stops(words::StepNoun::CHANGE, commands, preview, who),
            refused_at: preview.refused.as_ref().map(|(at, _)| *at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio_access_core::{MemberName, Outcome, Region, SeededEntropy, sample};

    fn user(name: &str) -> MemberName {
        MemberName::User(name.into())
    }

    fn run(state: &mut State, who: &Who, steps: &[Command]) {
        let mut entropy = SeededEntropy::new(3);
        for step in steps {
            let executed = state.execute(who, step, &mut entropy);
            assert_eq!(executed.outcome, Outcome::Ok, "{step:?}: {executed:?}");
        }
    }

    /// The browser tests' small account: in `w`, ann (granted Playground), carl (administrator)
    /// and the role ops (which ann may assume) are members; bob is not.
    fn small() -> State {
        let mut state = State::new_account("2026-01-10".parse().unwrap());
        run(&mut state, &Who::root(), &sample::small_steps());
        state
    }

    fn w(state: &State) -> WorkspaceId {
        state.workspace_id("w").unwrap()
    }

    fn row(state: &State, name: &str) -> GridRow {
        let member = match state.user_id(name) {
            Some(id) => Member::User(id),
            None => Member::Role(state.role_id(name).unwrap()),
        };
        GridRow {
            member,
            workspace: w(state),
        }
    }

    /// The rows' principals as `kind-name-workspace`.
    fn names(state: &State, rows: &[GridRow]) -> Vec<String> {
        rows.iter()
            .map(|row| {
                format!(
                    "{}-{}-{}",
                    kind(row.member),
                    state.member_name(row.member).unwrap_or_default(),
                    state.workspace_name(row.workspace).unwrap_or_default()
                )
            })
            .collect()
    }

    // ---- scope and filters

    #[test]
    fn without_a_link_the_matrix_opens_where_the_identity_may_act() {
        let state = small();
        let first = state.workspaces().next().map(|(id, _)| id).unwrap();
        assert_ne!(first, w(&state), "the default workspaces come first");
        // carl administers `w`; ann is only a member there; bob belongs nowhere.
        let who = |name: &str| Who::user(name);
        assert_eq!(
            Scope::linked(&state, &who("carl"), None),
            Scope::Workspace(w(&state))
        );
        assert_eq!(
            Scope::linked(&state, &who("carl"), Some("nope")),
            Scope::Workspace(w(&state))
        );
        assert_eq!(
            Scope::linked(&state, &who("ann"), None),
            Scope::Workspace(w(&state))
        );
        assert_eq!(
            Scope::linked(&state, &who("bob"), None),
            Scope::Workspace(first)
        );
        assert_eq!(
            Scope::linked(&state, &who("nobody"), None),
            Scope::Workspace(first)
        );
        // A link still wins.
        assert_eq!(
            Scope::linked(&state, &who("carl"), Some(ALL_WORKSPACES)),
            Scope::All
        );
    }

    #[test]
    fn a_link_to_a_workspace_encodes_its_name() {
        assert_eq!(link_to("w"), "?workspace=w");
        assert_eq!(
            link_to("default@us-east-1"),
            "?workspace=default%40us-east-1"
        );
        assert_eq!(link_to("a b&c"), "?workspace=a%20b%26c");
        assert_eq!(link_to("项"), "?workspace=%E9%A1%B9");
    }

    #[test]
    fn a_link_names_the_scope_and_the_first_workspace_is_the_default() {
        let state = small();
        let first = state.workspaces().next().map(|(id, _)| id).unwrap();
        let root = Who::root();
        assert_eq!(
            Scope::linked(&state, &root, Some("w")),
            Scope::Workspace(w(&state))
        );
        assert_eq!(
            Scope::linked(&state, &root, Some(ALL_WORKSPACES)),
            Scope::All
        );
        assert_eq!(
            Scope::linked(&state, &root, Some("nope")),
            Scope::Workspace(first)
        );
        assert_eq!(Scope::linked(&state, &root, None), Scope::Workspace(first));
        assert_eq!(Scope::Workspace(w(&state)).link(&state), "w");
        assert_eq!(Scope::All.link(&state), "@all");
        for scope in [Scope::All, Scope::Workspace(w(&state))] {
            assert_eq!(Scope::parse(&scope.value()), scope);
        }
        assert_eq!(Scope::parse("anything"), Scope::All);
        assert!(Scope::All.spans_workspaces());
        assert!(!Scope::Workspace(first).spans_workspaces());
    }

    #[test]
    fn the_workspace_picker_offers_all_then_each_with_its_region() {
        let state = small();
        let options = scope_options(&state);
        assert_eq!(
            options.first(),
            Some(&("all".to_owned(), "All workspaces".to_owned()))
        );
        assert_eq!(options.len(), state.workspaces().count() + 1);
        let w = options.last().unwrap();
        assert_eq!(w.0, Scope::Workspace(self::w(&state)).value());
        assert_eq!(w.1, format!("w · {}", words::region(Region::UsEast1)));
    }

    #[test]
    fn every_option_of_the_filters_reads_back_as_itself() {
        for (value, _) in kind_options() {
            assert_eq!(Kind::parse(&value).as_str(), value);
        }
        for (value, _) in member_options().into_iter().chain(admin_options()) {
            assert_eq!(Tri::parse(&value).as_str(), value);
        }
        let levels = level_options();
        assert_eq!(levels.len(), 4);
        for (value, _) in levels {
            assert_eq!(level_value(parse_level(&value)), value);
        }
        let pages = page_options();
        assert_eq!(pages.len(), Page::ALL.len() + 1);
        for (value, _) in &pages {
            assert_eq!(page_value(Page::parse(value)), value);
        }
        assert_eq!(Filters::default().kind, Kind::Any);
        assert!(!Filters::default().looks_at_memberships());
    }

    /// Checks which rows of `w` (or of every workspace) `filters` and `search` leave.
    fn check_rows(scope: Option<()>, search: &str, filters: Filters, expected: &[&str]) {
        let state = small();
        let scope = scope.map_or(Scope::Workspace(w(&state)), |()| Scope::All);
        let shown = rows(&state, &principals(&state), scope, search, &filters);
        assert_eq!(names(&state, &shown), expected, "{filters:?} {search:?}");
    }

    #[test]
    fn filters_and_the_search_narrow_the_rows() {
        let any = Filters::default();
        let all = ["user-ann-w", "user-bob-w", "user-carl-w", "role-ops-w"];
        check_rows(None, "", any, &all);
        check_rows(None, "  AN ", any, &["user-ann-w"]);
        check_rows(None, "nobody", any, &[]);
        let with = |change: fn(&mut Filters)| {
            let mut filters = Filters::default();
            change(&mut filters);
            filters
        };
        check_rows(None, "", with(|f| f.kind = Kind::Roles), &["role-ops-w"]);
        check_rows(
            None,
            "",
            with(|f| f.kind = Kind::Users),
            &["user-ann-w", "user-bob-w", "user-carl-w"],
        );
        check_rows(None, "", with(|f| f.admin = Tri::Yes), &["user-carl-w"]);
        check_rows(None, "", with(|f| f.member = Tri::No), &["user-bob-w"]);
        // Operating Playground: ann (granted) and carl (administrator).
        let operate_playground = with(|f| {
            f.level = Some(PageAccess::Operate);
            f.page = Some(Page::Playground);
        });
        check_rows(None, "", operate_playground, &["user-ann-w", "user-carl-w"]);
        // No access to some page: everyone but carl.
        check_rows(
            None,
            "",
            with(|f| f.level = Some(PageAccess::None)),
            &["user-ann-w", "user-bob-w", "role-ops-w"],
        );
        // Every workspace: one row per membership; bob belongs nowhere.
        check_rows(
            Some(()),
            "",
            any,
            &["user-ann-w", "user-carl-w", "role-ops-w"],
        );
        check_rows(Some(()), "", with(|f| f.member = Tri::No), &[]);
    }

    #[test]
    fn a_row_filtered_by_access_asks_core_for_it() {
        let state = small();
        for name in ["ann", "bob", "carl", "ops"] {
            let row = row(&state, name);
            for page in Page::ALL {
                let access = state.page_access(Some(row.member), row.workspace, *page);
                for level in [PageAccess::None, PageAccess::View, PageAccess::Operate] {
                    let filters = Filters {
                        level: Some(level),
                        page: Some(*page),
                        ..Filters::default()
                    };
                    assert_eq!(filters.admits(&state, row), access == level);
                }
            }
        }
    }

    #[test]
    fn rows_follow_memberships_only_when_they_need_to() {
        let state = small();
        let one = Scope::Workspace(w(&state));
        assert!(!rows_follow_memberships(one, &Filters::default()));
        assert!(rows_follow_memberships(Scope::All, &Filters::default()));
        let member = Filters {
            member: Tri::Yes,
            ..Filters::default()
        };
        assert!(rows_follow_memberships(one, &member));
        let kind = Filters {
            kind: Kind::Roles,
            ..Filters::default()
        };
        assert!(!rows_follow_memberships(one, &kind));
    }

    #[test]
    fn the_census_changes_with_principals_not_with_access() {
        let mut state = small();
        let before = census(&state);
        run(
            &mut state,
            &Who::root(),
            &[sample::add_member("w", user("bob"), true)],
        );
        assert_eq!(census(&state), before);
        run(
            &mut state,
            &Who::root(),
            &[Command::CreateUser { name: "abe".into() }],
        );
        assert_ne!(census(&state), before);
        let names: Vec<&str> = principals(&state)
            .into_iter()
            .map(|m| state.member_name(m).unwrap_or_default())
            .collect();
        assert_eq!(names, ["abe", "ann", "bob", "carl", "ops"]);
    }

    #[test]
    fn the_summary_counts_rows_of_principals() {
        let state = small();
        let ws = Scope::Workspace(w(&state));
        // One is one, not "1 principals" (issue 13).
        for (scope, shown, of, said) in [
            (ws, 4, 4, "4 of 4 principals shown in w."),
            (ws, 1, 1, "1 of 1 principal shown in w."),
            (
                Scope::All,
                3,
                4,
                "3 memberships shown, of 4 principals in all workspaces.",
            ),
            (
                Scope::All,
                1,
                1,
                "1 membership shown, of 1 principal in all workspaces.",
            ),
        ] {
            assert_eq!(summary(&state, scope, shown, of), said);
        }
        let quota = Command::SetAccountQuota {
            region: Region::UsEast1,
            model: "qwen-plus".into(),
            rpm: 1,
        };
        assert!(words::command(&quota).ends_with(" to 1 request per minute"));
    }

    // ---- cells

    #[test]
    fn a_row_shows_the_access_core_gives() {
        let state = small();
        for name in ["ann", "bob", "carl", "ops"] {
            let row = row(&state, name);
            let view = RowView::of(&state, row);
            for page in Page::ALL {
                assert_eq!(
                    view.access(*page),
                    state.page_access(Some(row.member), row.workspace, *page),
                    "{name} {page:?}"
                );
            }
            assert_eq!(view.membership, state.membership(row.member, row.workspace));
        }
        let ann = RowView::of(&state, row(&state, "ann"));
        assert_eq!(ann.access(Page::Playground), PageAccess::Operate);
        assert_eq!(ann.access(Page::ModelExperience), PageAccess::View);
        assert!(ann.granted(Page::Playground));
        assert!(!ann.granted(Page::ModelExperience));
        assert_eq!(ann.trusted, None);
        assert_eq!(ann.name_title("ann"), "RAM user ann");
        let ops = RowView::of(&state, row(&state, "ops"));
        assert_eq!(ops.trusted, Some(1));
        assert!(
            ops.name_title("ops")
                .starts_with("Role ops: what the 1 user(s)")
        );
    }

    #[test]
    fn cells_say_their_state_and_what_activating_them_does() {
        let state = small();
        let view = |name: &str| RowView::of(&state, row(&state, name));
        let staged = |action: CellAction| {
            Some(StagedCell {
                action,
                what: "add member",
                widens: true,
            })
        };
        let bob = CellAction::Membership(row(&state, "bob"));
        assert_eq!(view("bob").membership_mark(), "Add member");
        assert_eq!(view("ann").membership_mark(), "admin");
        assert_eq!(view("carl").membership_mark(), "admin");
        assert_eq!(
            view("bob").membership_label("w", None),
            "Not a member of w. Activate to stage: Add member."
        );
        // Label in name (WCAG 2.5.3): each cell's name contains the words it shows, as words.
        let words = |text: &str| {
            let words: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            format!(" {} ", words.join(" "))
        };
        for (name, staged) in [
            ("bob", None),
            ("bob", staged(bob)),
            ("ann", None),
            ("carl", None),
        ] {
            let shown = words(view(name).membership_mark());
            let label = view(name).membership_label("w", staged);
            assert!(
                words(&label).contains(&shown),
                "{label:?} does not say {shown:?}"
            );
        }
        assert_eq!(
            view("bob").membership_label("w", staged(bob)),
            "Not a member of w, staged: add member. Activate to unstage it."
        );
        assert_eq!(
            view("ann").membership_label("w", None),
            "w admin: no. Activate to stage making it an administrator."
        );
        assert_eq!(
            view("carl").membership_label("w", None),
            "w admin: yes. Activate to stage withdrawing the Administrator permission."
        );
        assert_eq!(
            view("ann").page_label(Page::Playground, None),
            "Playground: operate, page permission granted"
        );
        let grant = StagedCell {
            action: CellAction::Page(row(&state, "ann"), Page::ModelExperience),
            what: "grant",
            widens: true,
        };
        assert_eq!(
            view("ann").page_label(Page::ModelExperience, Some(grant)),
            "Model experience: view, staged: grant"
        );
        assert_eq!(grant.symbol(), "⊕");
        let title = page_title(
            &state,
            row(&state, "ann"),
            Page::ModelExperience,
            "label".into(),
        );
        assert!(title.starts_with("label\n"), "{title}");
        assert!(title.contains("✗ Operate page"), "{title}");
    }

    #[test]
    fn a_cells_trace_holds_the_operation_gate_only_when_the_page_is_seen() {
        let state = small();
        let gates = |name: &str, page: Page| -> Vec<Gate> {
            cell_trace(&state, row(&state, name), page)
                .into_iter()
                .map(|step| step.gate)
                .collect()
        };
        let seen = gates("ann", Page::ModelExperience);
        assert_eq!(seen.first(), Some(&Gate::Member));
        assert_eq!(seen.last(), Some(&Gate::PageOperation));
        assert_eq!(gates("bob", Page::ModelExperience), [Gate::Member]);
    }

    #[test]
    fn the_panel_says_who_where_and_what() {
        let state = small();
        let ann = why(
            &state,
            CellAction::Page(row(&state, "ann"), Page::ModelExperience),
        );
        assert_eq!(ann.heading, "user ann in w · Model experience: view");
        assert!(ann.trace.is_some_and(|steps| !steps.is_empty()));
        let bob = why(&state, CellAction::Membership(row(&state, "bob")));
        assert_eq!(bob.heading, "user bob in w · Membership: not a member");
        assert_eq!(bob.trace, None);
        let carl = why(&state, CellAction::Membership(row(&state, "carl")));
        assert!(carl.heading.ends_with("Membership: administrator"));
    }

    /// Issue 13: the long words of every page name may break in a narrow column, and read the
    /// same once the soft hyphens are taken out.
    #[test]
    fn every_long_word_of_a_column_header_may_break() {
        for &page in Page::ALL {
            let label = column_header(page).label;
            assert_eq!(label.replace('\u{AD}', ""), words::page(page));
            for word in label.split([' ', '-']) {
                for piece in word.split('\u{AD}') {
                    assert!(piece.chars().count() <= 7, "{piece:?} of {label:?}");
                }
            }
        }
    }

    #[test]
    fn column_headers_mark_the_restricted_pages() {
        let playground = column_header(Page::Playground);
        assert_eq!(playground.tag, None);
        assert_eq!(
            playground.title,
            format!("Playground ({})", Page::Playground.as_str())
        );
        assert_eq!(column_header(Page::ApiKey).tag, Some("restricted"));
        let permissions = column_header(Page::Permissions);
        assert_eq!(permissions.tag, Some("not grant\u{AD}able"));
        assert!(permissions.title.ends_with(", restricted, not grantable"));
        assert!(
            permissions.label.contains('\u{AD}'),
            "{}",
            permissions.label
        );
    }

    #[test]
    fn staged_cells_are_found_by_cell_and_by_row() {
        let state = small();
        let (ann, bob) = (row(&state, "ann"), row(&state, "bob"));
        let cell = |action| StagedCell {
            action,
            what: "grant",
            widens: true,
        };
        let cells = [
            cell(CellAction::Page(ann, Page::Playground)),
            cell(CellAction::Membership(bob)),
            cell(CellAction::Page(ann, Page::ApiKey)),
        ];
        assert_eq!(staged_in_row(&cells, ann).len(), 2);
        assert_eq!(
            staged_at(&cells, CellAction::Membership(bob)),
            cells.get(1).copied()
        );
        assert_eq!(staged_at(&cells, CellAction::Membership(ann)), None);
        assert_eq!(CellAction::at(ann, 0), CellAction::Membership(ann));
        assert_eq!(
            CellAction::at(ann, 1),
            CellAction::Page(ann, *Page::ALL.first().unwrap())
        );
        assert_eq!(
            CellAction::at(ann, PAGES),
            CellAction::Page(ann, *Page::ALL.last().unwrap())
        );
        assert_eq!(CellAction::at(ann, PAGES + 1), CellAction::Membership(ann));
    }

    // ---- moving in the grid

    /// Checks where `key` goes from `(5, 3)` in a grid of 100 rows, 10 of them in view.
    fn check_key(key: &str, ctrl: bool, expected: GridKey) {
        assert_eq!(grid_key(key, ctrl, (5, 3), 100, 10), expected, "{key}");
    }

    #[test]
    fn keys_move_between_cells() {
        check_key("ArrowDown", false, GridKey::MoveTo(6, 3));
        check_key("ArrowUp", false, GridKey::MoveTo(4, 3));
        check_key("ArrowRight", false, GridKey::MoveTo(5, 4));
        check_key("ArrowLeft", false, GridKey::MoveTo(5, 2));
        check_key("Home", false, GridKey::MoveTo(5, 0));
        check_key("Home", true, GridKey::MoveTo(0, 0));
        check_key("End", false, GridKey::MoveTo(5, PAGES));
        check_key("End", true, GridKey::MoveTo(99, PAGES));
        check_key("PageDown", false, GridKey::MoveTo(15, 3));
        check_key("PageUp", false, GridKey::MoveTo(0, 3));
        check_key("Enter", false, GridKey::Activate);
        check_key(" ", false, GridKey::Activate);
        check_key("a", false, GridKey::Other);
        check_key("Tab", false, GridKey::Other);
        // The edges hold: (key, from, rows, rows in view, to).
        for (key, from, rows, in_view, to) in [
            ("ArrowDown", (99, 0), 100, 10, (99, 0)),
            ("ArrowLeft", (0, 0), 100, 10, (0, 0)),
            ("ArrowRight", (0, PAGES), 100, 10, (0, PAGES)),
            ("PageDown", (95, 1), 100, 10, (99, 1)),
            ("PageDown", (0, 1), 100, 0, (1, 1)),
            ("ArrowDown", (0, 1), 0, 10, (0, 1)),
        ] {
            assert_eq!(
                grid_key(key, false, from, rows, in_view),
                GridKey::MoveTo(to.0, to.1),
                "{key} from {from:?}"
            );
        }
        assert_eq!(tab_stop((7, PAGES + 4), 3), (2, PAGES));
        assert_eq!(tab_stop((7, 1), 0), (0, 1));
    }

    // ---- staging

    /// Checks what activating the cell of `name` at `col` plans as `who` on `state`.
    fn check_plan(state: &State, who: &Who, name: &str, col: usize, expected: Result<&str, &str>) {
        let action = CellAction::at(row(state, name), col);
        let planned = plan(state, who, action);
        match (planned, expected) {
            (Ok(command), Ok(wanted)) => assert_eq!(words::command(&command), wanted),
            (Err(why), Err(wanted)) => assert!(why.contains(wanted), "{name} {col}: {why}"),
            (planned, expected) => panic!("{name} {col}: {planned:?}, wanted {expected:?}"),
        }
    }

    fn col(page: Page) -> usize {
        page.index() + 1
    }

    #[test]
    fn a_cell_stages_the_command_core_plans() {
        let state = small();
        let root = Who::root();
        let grant = words::command(&Command::GrantPage {
            workspace: "w".into(),
            member: user("ann"),
            permission: Page::ModelExperience,
        });
        check_plan(&state, &root, "ann", col(Page::ModelExperience), Ok(&grant));
        let revoke = words::command(&Command::RevokePage {
            workspace: "w".into(),
            member: user("ann"),
            permission: Page::Playground,
        });
        check_plan(&state, &root, "ann", col(Page::Playground), Ok(&revoke));
        let add = words::command(&Command::AddMember {
            workspace: "w".into(),
            member: user("bob"),
            admin: false,
        });
        check_plan(&state, &root, "bob", 0, Ok(&add));
        let withdraw = words::command(&Command::SetAdmin {
            workspace: "w".into(),
            member: user("carl"),
            admin: false,
        });
        check_plan(&state, &root, "carl", 0, Ok(&withdraw));
        // Refused: a column that is no page permission, a row that is no member, and (by core)
        // anything as bob, who administers nothing.
        let (r, b) = (&root, &Who::user("bob"));
        let permissions = col(Page::Permissions);
        let (playground, experience) = (col(Page::Playground), col(Page::ModelExperience));
        for (who, name, at, why) in [
            (r, "ann", permissions, "it is not a page permission"),
            (r, "bob", playground, "add it as a member first"),
            (b, "ann", experience, "not-workspace-admin"),
            (b, "carl", 0, "not-workspace-admin"),
        ] {
            check_plan(&state, who, name, at, Err(why));
        }
    }

    #[test]
    fn a_cell_is_planned_on_the_state_with_the_staged_changes_applied() {
        let state = small();
        let root = Who::root();
        let bob = row(&state, "bob");
        let added = plan(&state, &root, CellAction::Membership(bob)).unwrap();
        let playground = CellAction::Page(bob, Page::Playground);
        assert!(plan(&state, &root, playground).is_err());
        let mut projected = state.clone();
        project(&mut projected, &root, [&added]);
        let granted = plan(&projected, &root, playground).unwrap();
        assert!(matches!(granted, Command::GrantPage { .. }), "{granted:?}");
        // On the projection, the membership cell now makes bob an administrator.
        let admin = plan(&projected, &root, CellAction::Membership(bob)).unwrap();
        assert!(matches!(admin, Command::SetAdmin { admin: true, .. }));
        // A staged change refused now is passed over.
        let mut passed = state.clone();
        project(&mut passed, &root, [&granted, &added]);
        assert_eq!(
            passed
                .membership(bob.member, bob.workspace)
                .map(|m| m.pages.iter().count()),
            Some(0)
        );
        // Nothing is applied to the state itself.
        assert_eq!(state.membership(bob.member, bob.workspace), None);
    }

    #[test]
    fn a_staged_change_is_marked_by_what_it_does() {
        let state = small();
        let action = CellAction::Membership(row(&state, "bob"));
        let mark = |command: Command| {
            let cell = Staged { action, command }.cell();
            (cell.what, cell.symbol())
        };
        let workspace = || "w".to_owned();
        let member = || user("bob");
        assert_eq!(
            mark(Command::GrantPage {
                workspace: workspace(),
                member: member(),
                permission: Page::Playground
            }),
            ("grant", "⊕")
        );
        assert_eq!(
            mark(Command::RevokePage {
                workspace: workspace(),
                member: member(),
                permission: Page::Playground
            }),
            ("revoke", "⊖")
        );
        assert_eq!(
            mark(Command::AddMember {
                workspace: workspace(),
                member: member(),
                admin: false
            }),
            ("add member", "⊕")
        );
        assert_eq!(
            mark(Command::SetAdmin {
                workspace: workspace(),
                member: member(),
                admin: true
            }),
            ("make administrator", "⊕")
        );
        assert_eq!(
            mark(Command::SetAdmin {
                workspace: workspace(),
                member: member(),
                admin: false
            }),
            ("withdraw administrator", "⊖")
        );
    }

    #[test]
    fn activating_a_cell_is_said_before_and_after() {
        let grant = Command::GrantPage {
            workspace: "w".into(),
            member: user("ann"),
            permission: Page::ModelExperience,
        };
        let words = words::command(&grant);
        let stage = Activation::new(None, || Ok(grant.clone()));
        assert_eq!(stage, Activation::Stage(grant.clone()));
        assert_eq!(
            stage.hint(),
            format!("Click, or press Enter or Space, to stage: {words}.")
        );
        assert_eq!(stage.done(), format!("Staged: {words}. Review to apply."));
        let unstage = Activation::new(Some(grant.clone()), || unreachable!());
        assert_eq!(
            unstage.hint(),
            format!("Staged: {words}. Click, or press Enter or Space, to unstage it.")
        );
        assert_eq!(unstage.done(), format!("Unstaged: {words}."));
        let refused = Activation::new(None, || Err("Denied.".to_owned()));
        assert!(refused.is_refused() && !stage.is_refused());
        assert_eq!(refused.hint(), "Nothing to stage here: Denied.");
        assert_eq!(refused.done(), "Denied. Nothing was staged.");
    }

    #[test]
    fn the_counts_and_notices_of_staged_changes() {
        assert_eq!(staged_changes(1), "1 staged change");
        assert_eq!(staged_changes(3), "3 staged changes");
        assert_eq!(staged_count(0), "No staged changes");
        // Nothing dangles after the count (a review read "2 staged changes —").
        assert_eq!(staged_count(1), "1 staged change, not applied yet");
        assert_eq!(staged_count(2), "2 staged changes, not applied yet");
        assert!(dropped_notice(1).starts_with("1 staged change dropped: the state changed"));
        assert_eq!(
            review_question(2, &Who::user("carl")),
            "Apply 2 staged changes as carl, in this order?"
        );
        // One change is one: no order, no "together" (a review read "Apply 1 staged change as
        // root, in this order? … Together they would:").
        assert_eq!(
            review_question(1, &Who::root()),
            "Apply 1 staged change as root?"
        );
        assert_eq!(review_effect_title(1, true), "This change would:");
        assert_eq!(
            review_effect_title(1, false),
            "This change leaves access as it is."
        );
        assert_eq!(review_effect_title(2, true), "Together they would:");
        assert_eq!(
            review_effect_title(3, false),
            "Together they change no access."
        );
        assert_eq!(
            discarded(2),
            "Discarded 2 staged changes; nothing was applied."
        );
    }

    #[test]
    fn the_basis_moves_with_every_event() {
        let mut state = small();
        let before = Basis::of(&state);
        assert_eq!(Basis::of(&state.clone()), before);
        run(
            &mut state,
            &Who::root(),
            &[sample::add_member("w", user("bob"), false)],
        );
        assert_ne!(Basis::of(&state), before);
    }

    /// Stages, as root, carl giving up administering `w` and then a grant to ann, which carl may
    /// no longer make once the first is applied.
    fn carl_steps(state: &State) -> Vec<Command> {
        let root = Who::root();
        let mut projected = state.clone();
        let mut commands = Vec::new();
        for action in [
            CellAction::Membership(row(state, "carl")),
            CellAction::Page(row(state, "ann"), Page::BatchInference),
        ] {
            let command = plan(&projected, &root, action).unwrap();
            project(&mut projected, &root, [&command]);
            commands.push(command);
        }
        commands
    }

    #[test]
    fn applying_stops_at_the_first_refused_change() {
        let state = small();
        let commands = carl_steps(&state);
        let carl = Who::user("carl");
        let mut entropy = SeededEntropy::new(5);

        let mut applied = Applied::new(commands.len());
        let mut ran = state.clone();
        for command in &commands {
            let executed = ran.execute(&carl, command, &mut entropy);
            if !applied.record(command, &executed) {
                break;
            }
        }
        assert_eq!(applied.applied(), 1);
        assert!(applied.stopped() && applied.is_refused());
        let said = applied.sentence();
        assert!(
            said.starts_with("Applied 1 of 2, then refused: Grant Batch inference"),
            "{said}"
        );
        assert!(said.contains("not-workspace-admin"), "{said}");
        assert!(said.ends_with("It stays staged."), "{said}");

        let mut three = Applied::new(3);
        let executed =
            state
                .clone()
                .execute(&Who::user("bob"), commands.first().unwrap(), &mut entropy);
        assert!(!three.record(commands.first().unwrap(), &executed));
        assert!(
            three
                .sentence()
                .ends_with("It and the 2 after it stay staged.")
        );

        let mut all = Applied::new(commands.len());
        let mut ran = state.clone();
        for command in &commands {
            let executed = ran.execute(&Who::root(), command, &mut entropy);
            assert!(all.record(command, &executed));
        }
        assert!(!all.stopped() && !all.is_refused());
        assert_eq!(all.sentence(), "Done: applied 2 changes, one event each.");
        let mut one = Applied::new(1);
        let executed = state
            .clone()
            .execute(&Who::root(), commands.first().unwrap(), &mut entropy);
        assert!(one.record(commands.first().unwrap(), &executed));
        assert_eq!(one.sentence(), "Done: applied 1 change.");
        let mut alone = Applied::new(1);
        let refused =
            state
                .clone()
                .execute(&Who::user("bob"), commands.first().unwrap(), &mut entropy);
        assert!(!alone.record(commands.first().unwrap(), &refused));
        let said = alone.sentence();
        assert!(said.starts_with("Refused: "), "{said}");
        assert!(said.ends_with(" It stays staged."), "{said}");
        assert_eq!(
            Applied::new(0).sentence(),
            "Nothing to apply: no change is staged."
        );
    }

    #[test]
    fn the_review_shows_the_combined_effect_and_where_it_would_stop() {
        let state = small();
        let commands = carl_steps(&state);
        let carl = Who::user("carl");
        let effect = ReviewEffect::of(&state.preview_all(&carl, &commands), &commands, &carl);
        assert_eq!(effect.refused_at, Some(1));
        let refused = effect.refused.unwrap();
        assert!(
            refused.starts_with("Change 2 would be refused as carl: Grant Batch inference"),
            "{refused}"
        );
        assert!(
            refused.ends_with(" Applying stops there, after 1 change."),
            "{refused}"
        );
        assert_eq!(effect.tone, Tone::Narrows);
        assert!(!effect.lines.is_empty());
        let marks: Vec<StepMark> = (0..3).map(|at| StepMark::of(at, Some(1))).collect();
        assert_eq!(
            marks,
            [StepMark::Applies, StepMark::Refused, StepMark::NotReached]
        );
        assert_eq!(StepMark::of(4, None), StepMark::Applies);
        assert_eq!(StepMark::Refused.note(), " ✗ refused");
        assert_eq!(StepMark::NotReached.note(), " (not reached)");

        let root = Who::root();
        let effect = ReviewEffect::of(&state.preview_all(&root, &commands), &commands, &root);
        assert_eq!((effect.refused, effect.refused_at), (None, None));
        assert_eq!(effect.tone, Tone::Mixed);
        let nothing = ReviewEffect::of(&state.preview_all(&root, &[]), &[], &root);
        assert!(nothing.lines.is_empty());
    }

    // ---- export

    #[test]
    fn the_export_has_a_line_per_row_shown_with_each_pages_access() {
        let mut state = small();
        run(
            &mut state,
            &Who::root(),
            &[Command::CreateUser {
                name: "-sum".into(),
            }],
        );
        let members = principals(&state);
        let all = rows(
            &state,
            &members,
            Scope::Workspace(w(&state)),
            "",
            &Filters::default(),
        );
        let csv = export_csv(&state, &all);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), all.len() + 1);
        assert_eq!(
            lines[0],
            "principal,kind,workspace,membership,ModelExperience-FullAccess,BatchInference-FullAccess,\
             ModelObservation-FullAccess,Playground-FullAccess,ModelFine-tuning-FullAccess,\
             MyModels-FullAccess,ModelDeployment-FullAccess,ModelEvaluation-FullAccess,\
             DataManagement-FullAccess,Application-FullAccess,APIKey-FullAccess,\
             Permissions"
                .replace(' ', "")
        );
        assert!(
            lines.contains(
                &"ann,user,w,member,view,view,view,operate,view,view,view,view,view,view,none,none"
            ),
            "{csv}"
        );
        assert!(
            lines.contains(
                &"carl,user,w,administrator,operate,operate,operate,operate,operate,operate,operate,operate,operate,operate,operate,operate"
            ),
            "{csv}"
        );
        assert!(
            lines.contains(&"bob,user,w,not a member,none,none,none,none,none,none,none,none,none,none,none,none"),
            "{csv}"
        );
        // A name a spreadsheet would read as a formula is defused.
        assert!(
            lines.contains(&"'-sum,user,w,not a member,none,none,none,none,none,none,none,none,none,none,none,none"),
            "{csv}"
        );

        // As filtered: only what the filters admit, in every workspace one line per membership.
        let filters = Filters {
            level: Some(PageAccess::Operate),
            page: Some(Page::Playground),
            ..Filters::default()
        };
        let operating = rows(&state, &members, Scope::Workspace(w(&state)), "", &filters);
        let csv = export_csv(&state, &operating);
        let names: Vec<&str> = csv
            .lines()
            .skip(1)
            .filter_map(|line| line.split(',').next())
            .collect();
        assert_eq!(names, ["ann", "carl"]);
        let everywhere = rows(&state, &members, Scope::All, "", &Filters::default());
        assert_eq!(export_csv(&state, &everywhere).lines().count(), 4);
        assert_eq!(export_csv(&state, &[]).lines().count(), 1);
        assert_eq!(
            exported(2),
            "Downloaded studio-access-permissions.csv: 2 rows, as filtered."
        );
        assert_eq!(
            exported(1),
            "Downloaded studio-access-permissions.csv: 1 row, as filtered."
        );
    }

    // ---- presets

    #[test]
    fn a_preset_stages_the_membership_then_the_pages_lacking() {
        let state = small();
        let [calling, fine_tuning, models_and_apps] = PAGE_PRESETS;
        let options = preset_options();
        assert_eq!(options.len(), 3);
        assert_eq!(
            options[0],
            (
                "Call models in the console".to_owned(),
                "Call models in the console: Model experience, Batch inference, Model observation"
                    .to_owned()
            )
        );
        assert_eq!(preset_named(fine_tuning.name), Some(fine_tuning));
        assert_eq!(preset_named("nope"), None);

        // ann is a member with Playground granted: only the missing pages.
        let ann = row(&state, "ann");
        let cells = preset_cells(&state, ann, &fine_tuning);
        assert_eq!(cells.len(), 6);
        assert!(!cells.contains(&CellAction::Page(ann, Page::Playground)));
        assert!(cells.iter().all(|c| matches!(c, CellAction::Page(..))));
        // bob is not a member: the membership first, then every page.
        let bob = row(&state, "bob");
        let cells = preset_cells(&state, bob, &models_and_apps);
        assert_eq!(cells.first(), Some(&CellAction::Membership(bob)));
        assert_eq!(cells.len(), 1 + 10);
        assert!(!cells.contains(&CellAction::Page(bob, Page::ApiKey)));

        // Each cell, planned on the state the ones before it left, is a grant (or the membership).
        let root = Who::root();
        let mut projected = state.clone();
        for cell in preset_cells(&state, bob, &calling) {
            let command = plan(&projected, &root, cell).unwrap();
            project(&mut projected, &root, [&command]);
        }
        assert!(preset_cells(&projected, bob, &calling).is_empty());
        let bob_pages = projected
            .membership(bob.member, bob.workspace)
            .map(|m| m.pages);
        assert_eq!(bob_pages, Some(calling.pages));

        assert_eq!(
            preset_staged(&calling, "bob", "w", 4, None),
            "Staged Call models in the console for `bob` in `w`: 4 changes. Review to apply."
        );
        assert_eq!(
            preset_staged(&calling, "bob", "w", 0, None),
            "`bob` already has every page of Call models in the console in `w`: nothing to stage."
        );
        assert_eq!(
            preset_staged(&calling, "bob", "w", 0, Some("Refused.".into())),
            "Call models in the console for `bob` in `w` was not staged: Refused. Nothing was staged."
        );
        assert_eq!(
            preset_staged(&calling, "bob", "w", 1, Some("Refused.".into())),
            "Call models in the console for `bob` in `w` stopped after 1 change: Refused. What was staged stays staged."
        );
    }
}
