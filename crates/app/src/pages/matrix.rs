//! The permissions matrix: who may view or operate which console page, workspace by workspace,
//! evaluated live by the core. Grants, revocations and membership changes are staged from the
//! cells, reviewed together as one access diff, and applied as the acting identity, one event
//! per change (plan, then apply).

use std::hash::{Hash, Hasher};

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use studio_access_core::{
    Change, Command, Date, Event, Member, MemberName, Page, PageAccess, State, WorkspaceId,
};

use crate::Screen;
use crate::components::{
    AccessGrid, ActionButton, CellAction, Feedback, FeedbackLine, GridRow, PageHeader, StagedCell,
    select_field,
};
use crate::store::Store;
use crate::words;

/// The query parameter naming the workspace shown.
const WORKSPACE_PARAM: &str = "workspace";
/// Its value for every workspace at once (no workspace name holds `@` but the defaults').
const ALL_WORKSPACES: &str = "@all";

/// Which workspaces the rows are evaluated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// One workspace: every principal, members or not.
    Workspace(WorkspaceId),
    /// Every workspace: one row per membership.
    All,
}

impl Scope {
    fn value(self) -> String {
        match self {
            Scope::Workspace(id) => id.0.to_string(),
            Scope::All => "all".to_owned(),
        }
    }

    fn parse(text: &str) -> Scope {
        text.parse()
            .map_or(Scope::All, |id| Scope::Workspace(WorkspaceId(id)))
    }
}

/// A filter with three positions: any, yes, no.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tri {
    #[default]
    Any,
    Yes,
    No,
}

impl Tri {
    fn parse(text: &str) -> Tri {
        match text {
            "yes" => Tri::Yes,
            "no" => Tri::No,
            _ => Tri::Any,
        }
    }

    fn admits(self, value: bool) -> bool {
        match self {
            Tri::Any => true,
            Tri::Yes => value,
            Tri::No => !value,
        }
    }
}

/// Which kinds of principal are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Any,
    Users,
    Roles,
}

impl Kind {
    fn parse(text: &str) -> Kind {
        match text {
            "users" => Kind::Users,
            "roles" => Kind::Roles,
            _ => Kind::Any,
        }
    }

    fn admits(self, member: Member) -> bool {
        matches!(
            (self, member),
            (Kind::Any, _) | (Kind::Users, Member::User(_)) | (Kind::Roles, Member::Role(_))
        )
    }
}

/// Everything but the name search that narrows the rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Filters {
    kind: Kind,
    admin: Tri,
    member: Tri,
    /// Rows with this access…
    level: Option<PageAccess>,
    /// …to this page (any page when `None`).
    page: Option<Page>,
}

impl Filters {
    fn looks_at_memberships(&self) -> bool {
        self.admin != Tri::Any || self.member != Tri::Any || self.level.is_some()
    }

    fn admits(&self, state: &State, row: GridRow) -> bool {
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

fn parse_level(text: &str) -> Option<PageAccess> {
    match text {
        "none" => Some(PageAccess::None),
        "view" => Some(PageAccess::View),
        "operate" => Some(PageAccess::Operate),
        _ => None,
    }
}

fn member_name(state: &State, member: Member) -> MemberName {
    let name = state.member_name(member).to_owned();
    match member {
        Member::User(_) => MemberName::User(name),
        Member::Role(_) => MemberName::Role(name),
    }
}

/// The command a cell stands for, or why it stands for none.
fn command_for(state: &State, action: CellAction) -> Result<Command, String> {
    let row = match action {
        CellAction::Membership(row) | CellAction::Page(row, _) => row,
    };
    let member = member_name(state, row.member);
    let workspace = state.workspace_name(row.workspace).to_owned();
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
            "{} cannot be granted: it is not a page permission (SPEC section 3). Make {} an administrator of `{workspace}` to give it this page.",
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

/// "1 staged change", "3 staged changes".
fn staged_changes(count: usize) -> String {
    match count {
        1 => "1 staged change".to_owned(),
        _ => format!("{count} staged changes"),
    }
}

/// A change staged from a cell: the cell, and the command it runs when applied.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Staged {
    action: CellAction,
    command: Command,
}

impl Staged {
    fn cell(&self) -> StagedCell {
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
struct Basis {
    origin: Date,
    events: usize,
    latest: Option<Event>,
}

impl Basis {
    fn of(state: &State) -> Basis {
        let data = state.data();
        Basis {
            origin: data.origin,
            events: data.events.len(),
            latest: data.events.last().cloned(),
        }
    }
}

/// The matrix's staged changes, in the order they were staged. They belong to the app, not to
/// the page (so they survive filters, scrolling and visits to other pages), live in memory only
/// (a reload drops them), and are dropped, with a notice, when the state changes underneath them.
#[derive(Clone, Copy)]
pub struct Staging {
    store: Store,
    staged: RwSignal<Vec<Staged>>,
    /// The state the staged changes were planned on.
    basis: StoredValue<Option<Basis>>,
    /// The state with the staged changes applied, which the next one is planned on: made when a
    /// second change is staged, then kept up to date change by change.
    projected: StoredValue<Option<State>>,
    /// Why staged changes were dropped, until something is staged again.
    dropped: RwSignal<Option<String>>,
}

impl Staging {
    /// Nothing staged yet. The app provides one (see `App`), as it does the compare inbox.
    pub fn new(store: Store) -> Staging {
        let staging = Staging {
            store,
            staged: RwSignal::new(Vec::new()),
            basis: StoredValue::new(None),
            projected: StoredValue::new(None),
            dropped: RwSignal::new(None),
        };
        staging.drop_when_the_state_moves();
        staging
    }

    /// The app's staging; a matrix mounted on its own (without the app) gets one of its own.
    fn get(store: Store) -> Staging {
        use_context::<Staging>().unwrap_or_else(|| {
            let staging = Staging::new(store);
            provide_context(staging);
            staging
        })
    }

    fn drop_when_the_state_moves(self) {
        Effect::new(move |_| {
            let now = self.store.state().with(Basis::of);
            let count = self.staged.with_untracked(Vec::len);
            if count == 0 || self.basis.with_value(|basis| basis.as_ref() == Some(&now)) {
                return;
            }
            self.forget();
            self.dropped.set(Some(format!(
                "{} dropped: the state changed underneath (an import, an undo or redo, a change made elsewhere or in another tab). Stage again what still applies.",
                staged_changes(count)
            )));
        });
    }

    fn forget(self) {
        self.staged.set(Vec::new());
        self.basis.set_value(None);
        self.projected.set_value(None);
    }

    fn staged_at(self, action: CellAction) -> Option<Staged> {
        self.staged
            .with_untracked(|all| all.iter().find(|staged| staged.action == action).cloned())
    }

    /// The command activating `action` would stage, planned as the acting identity on the
    /// state with the changes already staged; or why there is none.
    fn plan(self, action: CellAction) -> Result<Command, String> {
        let who = self.store.who().get_untracked();
        let decide = |state: &State| -> Result<Command, String> {
            let command = command_for(state, action)?;
            match state.plan(&who, &command) {
                Err(refusal) => Err(words::refusal(&refusal)),
                Ok(Change::Nothing) => Err(format!(
                    "{} would change nothing.",
                    words::command(&command)
                )),
                Ok(_) => Ok(command),
            }
        };
        if self.staged.with_untracked(Vec::is_empty) {
            return self.store.state().with_untracked(|state| decide(state));
        }
        if self.projected.with_value(Option::is_none) {
            let mut projected = self.store.state().get_untracked();
            self.staged.with_untracked(|staged| {
                for step in staged {
                    if let Ok(change) = projected.plan(&who, &step.command) {
                        projected.apply(change, None);
                    }
                }
            });
            self.projected.set_value(Some(projected));
        }
        self.projected.with_value(|projected| match projected {
            Some(state) => decide(state),
            None => self.store.state().with_untracked(|state| decide(state)),
        })
    }

    /// Stages what activating `action` does, or unstages the change already staged there.
    fn toggle(self, action: CellAction) -> Feedback {
        self.dropped.set(None);
        if let Some(staged) = self.staged_at(action) {
            self.staged
                .update(|all| all.retain(|other| other.action != action));
            self.projected.set_value(None);
            if self.staged.with_untracked(Vec::is_empty) {
                self.basis.set_value(None);
            }
            return Feedback::Done(format!("Unstaged: {}.", words::command(&staged.command)));
        }
        match self.plan(action) {
            Err(why) => Feedback::Refused(format!("{why} Nothing was staged.")),
            Ok(command) => {
                if self.staged.with_untracked(Vec::is_empty) {
                    self.basis
                        .set_value(Some(self.store.state().with_untracked(Basis::of)));
                }
                let who = self.store.who().get_untracked();
                self.projected.update_value(|projected| {
                    if let Some(state) = projected
                        && let Ok(change) = state.plan(&who, &command)
                    {
                        state.apply(change, None);
                    }
                });
                let text = words::command(&command);
                self.staged
                    .update(|all| all.push(Staged { action, command }));
                Feedback::Done(format!("Staged: {text}. Review to apply."))
            }
        }
    }

    /// What activating `action` would do, for the panel that explains the cell in focus.
    fn describe(self, action: CellAction) -> String {
        self.staged.track();
        self.store.who().track();
        self.store.state().track();
        if let Some(staged) = self.staged_at(action) {
            return format!(
                "Staged: {}. Click, or press Enter or Space, to unstage it.",
                words::command(&staged.command)
            );
        }
        match self.plan(action) {
            Ok(command) => format!(
                "Click, or press Enter or Space, to stage: {}.",
                words::command(&command)
            ),
            Err(why) => format!("Nothing to stage here: {why}"),
        }
    }

    /// Runs the staged changes through the store in order, one event each, as the acting
    /// identity; stops at the first refused one, which stays staged with those after it.
    fn apply(self) -> Feedback {
        let pending = self.staged.get_untracked();
        let total = pending.len();
        if total == 0 {
            return Feedback::Done("Nothing to apply: no change is staged.".to_owned());
        }
        let mut applied = 0;
        let mut refused = None;
        for staged in &pending {
            let executed = self.store.run(&staged.command);
            if !executed.outcome.is_success() {
                refused = Some((staged, executed));
                break;
            }
            applied += 1;
        }
        self.staged.update(|all| {
            all.drain(..applied.min(all.len()));
        });
        self.projected.set_value(None);
        self.basis
            .set_value((applied < total).then(|| self.store.state().with_untracked(Basis::of)));
        match refused {
            None => Feedback::Done(format!(
                "Done: applied {}, one event each.",
                staged_changes(applied).replacen("staged ", "", 1)
            )),
            Some((staged, executed)) => {
                let why = executed
                    .refusal
                    .as_ref()
                    .map_or_else(|| words::outcome(executed.outcome), words::refusal);
                let kept = match total - applied {
                    1 => "It stays staged.".to_owned(),
                    more => format!("It and the {} after it stay staged.", more - 1),
                };
                Feedback::Refused(format!(
                    "Applied {applied} of {total}, then refused: {}. {why} {kept}",
                    words::command(&staged.command),
                ))
            }
        }
    }

    /// Drops every staged change.
    fn discard(self) -> Feedback {
        let count = self.staged.with_untracked(Vec::len);
        self.forget();
        self.dropped.set(None);
        Feedback::Done(format!(
            "Discarded {}; nothing was applied.",
            staged_changes(count)
        ))
    }
}

/// Gives the focus back to the grid's cell in focus (its tab stop) once the frame that closes the
/// review is drawn, so that the keyboard goes on where it left off.
fn focus_the_grid() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        let cell = document()
            .query_selector("[data-testid=\"matrix-grid\"] [role=\"gridcell\"][tabindex=\"0\"]")
            .ok()
            .flatten()
            .and_then(|cell| cell.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(cell) = cell {
            let _ = cell.focus();
        }
    });
}

/// The review of the staged changes: each in words, and their combined access diff as the acting
/// identity would apply them now (computed only while the review is open). The question is drawn
/// first and the effect is worked out after that frame: on a large account the whole-state diff
/// takes several milliseconds, which would otherwise delay the question itself.
fn review(store: Store, staging: Staging) -> impl IntoView {
    let commands: Vec<Command> = staging
        .staged
        .with(|all| all.iter().map(|staged| staged.command.clone()).collect());
    let who = store.who().get();
    let computed = RwSignal::new(None::<studio_access_core::diff::PlanPreview>);
    {
        let (commands, who) = (commands.clone(), who.clone());
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let preview = store
                        .state()
                        .try_with_untracked(|s| s.preview_all(&who, &commands));
                    if let Some(preview) = preview {
                        // The review may have closed meanwhile: then nothing is left to fill.
                        computed.try_set(Some(preview));
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    }
    let refused_at = move || {
        computed.with(|p| {
            p.as_ref()
                .and_then(|p| p.refused.as_ref().map(|(at, _)| *at))
        })
    };
    let steps = move || {
        let stop = refused_at();
        commands
            .iter()
            .enumerate()
            .map(|(at, command)| {
                let (class, note) = match stop {
                    Some(stop) if at == stop => {
                        ("matrix__step matrix__step--refused", " ✗ refused")
                    }
                    Some(stop) if at > stop => {
                        ("matrix__step matrix__step--after", " (not reached)")
                    }
                    _ => ("matrix__step", ""),
                };
                view! { <li class=class>{words::command(command)}{note}</li> }
            })
            .collect_view()
    };
    let effect = move || {
        let Some(preview) = computed.get() else {
            return view! {
                <div class="preview matrix__effect" role="group" aria-label="Effect of the staged changes">
                    <p class="preview__title" data-testid="matrix-review-pending">
                        "Working out their effect…"
                    </p>
                </div>
            }
            .into_any();
        };
        let lines = words::diff_lines_grouped(&preview.diff);
        let tone = match (preview.diff.widens(), preview.diff.narrows()) {
            (true, false) => "preview preview--widens matrix__effect",
            (false, true) => "preview preview--narrows matrix__effect",
            _ => "preview matrix__effect",
        };
        let effect = if lines.is_empty() {
            view! { <p class="preview__title">"Together they change no access."</p> }.into_any()
        } else {
            view! {
                <p class="preview__title">"Together they would:"</p>
                <ul class="preview__list" data-testid="matrix-review-diff">
                    {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            }
            .into_any()
        };
        let who = who.clone();
        let refusal = preview.refused.map(|(at, refusal)| {
            view! {
                <p class="feedback feedback--refused" role="alert" data-testid="matrix-review-refused">
                    {format!(
                        "Change {} would be refused as {who}: {} Applying stops there.",
                        at + 1,
                        words::refusal(&refusal)
                    )}
                </p>
            }
        });
        view! {
            <div class=tone role="group" aria-label="Effect of the staged changes" data-testid="matrix-review-effect">
                {effect}
            </div>
            {refusal}
        }
        .into_any()
    };
    view! {
        <div class="matrix__review-body">
            <ol class="matrix__steps" data-testid="matrix-review-steps">{steps}</ol>
            {effect}
        </div>
    }
}

/// The Permissions screen: the matrix, its filters, and the answer to the latest change.
#[component]
pub fn MatrixPage() -> impl IntoView {
    let store = Store::get();
    let navigate = use_navigate();
    // The workspace shown is in the address (`?workspace=<name>`, or `@all`), so a view of the
    // matrix can be linked; without one, the first workspace.
    let linked = use_query_map().with_untracked(|q| q.get(WORKSPACE_PARAM));
    let initial = store.state().with_untracked(|s| {
        match linked.as_deref() {
            Some(ALL_WORKSPACES) => Some(Scope::All),
            Some(name) => s.workspace_id(name).map(Scope::Workspace),
            None => None,
        }
        .or_else(|| s.workspaces().next().map(|(id, _)| Scope::Workspace(id)))
        .unwrap_or(Scope::All)
    });
    let scope = RwSignal::new(initial);
    let choose_scope = move |value: String| {
        let chosen = Scope::parse(&value);
        scope.set(chosen);
        let name = match chosen {
            Scope::All => ALL_WORKSPACES.to_owned(),
            Scope::Workspace(id) => store
                .state()
                .with_untracked(|s| s.workspace_name(id).to_owned()),
        };
        navigate(
            &format!(
                "/{}?{WORKSPACE_PARAM}={}",
                Screen::Permissions.segment(),
                String::from(js_sys::encode_uri_component(&name))
            ),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    let search = RwSignal::new(String::new());
    let filters = RwSignal::new(Filters::default());
    let feedback = RwSignal::new(None::<Feedback>);

    let workspaces = Memo::new(move |_| {
        store.state().with(|s| {
            s.workspaces()
                .map(|(id, ws)| (id, ws.name.clone(), ws.region))
                .collect::<Vec<_>>()
        })
    });
    // Which principals are alive, and their names, change only when one is created or deleted
    // (or the whole state is replaced): a fingerprint of them, cheap to take, spares a grant or
    // a toggle from sorting every name again.
    let census = Memo::new(move |_| {
        store.state().with(|s| {
            let mut hasher = std::hash::DefaultHasher::new();
            for member in s.live_members() {
                member.hash(&mut hasher);
                s.member_name(member).hash(&mut hasher);
            }
            hasher.finish()
        })
    });
    // Every live principal in name order; the rows below only filter it.
    let principals = Memo::new(move |_| {
        census.track();
        store.state().with_untracked(|s| {
            let mut all: Vec<Member> = s.live_members().collect();
            all.sort_by(|a, b| {
                s.member_name(*a)
                    .cmp(s.member_name(*b))
                    .then_with(|| a.cmp(b))
            });
            all
        })
    });
    let rows = Memo::new(move |_| {
        let scope = scope.get();
        let query = search.with(|q| q.trim().to_lowercase());
        let filters = filters.get();
        // Names never change, so only memberships make the rows depend on the state: when no
        // filter looks at them, a grant does not filter 2,000 principals again.
        if scope == Scope::All || filters.looks_at_memberships() {
            store.state().track();
        }
        principals.with(|members| {
            store.state().with_untracked(|s| {
                let mut rows = Vec::new();
                for &member in members {
                    if !filters.kind.admits(member)
                        || (!query.is_empty()
                            && !s.member_name(member).to_lowercase().contains(&query))
                    {
                        continue;
                    }
                    match scope {
                        Scope::Workspace(workspace) => {
                            let row = GridRow { member, workspace };
                            if filters.admits(s, row) {
                                rows.push(row);
                            }
                        }
                        Scope::All => {
                            let joined = s.memberships(member).into_iter().flat_map(|m| m.keys());
                            for workspace in joined {
                                let row = GridRow {
                                    member,
                                    workspace: *workspace,
                                };
                                if filters.admits(s, row) {
                                    rows.push(row);
                                }
                            }
                        }
                    }
                }
                rows
            })
        })
    });
    let show_workspace = Signal::derive(move || scope.get() == Scope::All);

    let staging = Staging::get(store);
    let on_activate = Callback::new(move |action: CellAction| {
        feedback.set(Some(staging.toggle(action)));
    });
    let describe = Callback::new(move |action: CellAction| staging.describe(action));
    let staged_cells = Memo::new(move |_| {
        staging
            .staged
            .with(|all| all.iter().map(Staged::cell).collect::<Vec<_>>())
    });
    let staged_count = Memo::new(move |_| staging.staged.with(Vec::len));

    let scope_options = move || {
        let mut options = vec![("all".to_owned(), "All workspaces".to_owned())];
        options.extend(workspaces.get().into_iter().map(|(id, name, region)| {
            (
                Scope::Workspace(id).value(),
                format!("{name} · {}", words::region(region)),
            )
        }));
        options
    };
    let pairs = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|(value, text)| ((*value).to_owned(), (*text).to_owned()))
            .collect()
    };
    let page_options = std::iter::once(("any".to_owned(), "any page".to_owned()))
        .chain(
            Page::ALL
                .iter()
                .map(|page| (page.as_str().to_owned(), words::page(*page).to_owned())),
        )
        .collect::<Vec<_>>();

    let summary = move || {
        let shown = rows.with(Vec::len);
        let principals = principals.with(Vec::len);
        match scope.get() {
            Scope::All => {
                format!("{shown} memberships shown, of {principals} principals in all workspaces.")
            }
            Scope::Workspace(id) => format!(
                "{shown} of {principals} principals shown in {}.",
                store.state().with(|s| s.workspace_name(id).to_owned())
            ),
        }
    };

    view! {
        <section class="page matrix" data-testid=format!("page-{}", Screen::Permissions.slug())>
            <PageHeader screen=Screen::Permissions />
            <div class="matrix__toolbar card" role="search" aria-label="Filter the matrix">
                {move || {
                    select_field(
                        "matrix",
                        "Workspace",
                        "matrix-workspace".to_owned(),
                        scope_options(),
                        move || scope.get().value(),
                        choose_scope.clone(),
                    )
                }}
                <label class="matrix__field matrix__field--grow">
                    <span class="matrix__label">"Name"</span>
                    <input
                        type="search"
                        placeholder="Search users and roles"
                        data-testid="matrix-search"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </label>
                {select_field(
                    "matrix",
                    "Kind",
                    "matrix-kind".to_owned(),
                    pairs(&[("any", "users and roles"), ("users", "users"), ("roles", "roles")]),
                    move || {
                        match filters.get().kind {
                            Kind::Any => "any",
                            Kind::Users => "users",
                            Kind::Roles => "roles",
                        }
                            .to_owned()
                    },
                    move |value| filters.update(|f| f.kind = Kind::parse(&value)),
                )}
                {select_field(
                    "matrix",
                    "Membership",
                    "matrix-member".to_owned(),
                    pairs(&[("any", "members or not"), ("yes", "members"), ("no", "non-members")]),
                    move || tri_value(filters.get().member),
                    move |value| filters.update(|f| f.member = Tri::parse(&value)),
                )}
                {select_field(
                    "matrix",
                    "Administrator",
                    "matrix-admin".to_owned(),
                    pairs(&[("any", "any"), ("yes", "administrators"), ("no", "not administrators")]),
                    move || tri_value(filters.get().admin),
                    move |value| filters.update(|f| f.admin = Tri::parse(&value)),
                )}
                <div class="matrix__pair" role="group" aria-label="Access filter">
                    {select_field(
                        "matrix",
                        "Access",
                        "matrix-level".to_owned(),
                        pairs(&[("any", "any access"), ("operate", "operate"), ("view", "view"), ("none", "none")]),
                        move || {
                            filters
                                .get()
                                .level
                                .map_or("any", words::page_access)
                                .to_owned()
                        },
                        move |value| filters.update(|f| f.level = parse_level(&value)),
                    )}
                    {select_field(
                        "matrix",
                        "to",
                        "matrix-level-page".to_owned(),
                        page_options,
                        move || filters.get().page.map_or("any", Page::as_str).to_owned(),
                        move |value| filters.update(|f| f.page = Page::parse(&value)),
                    )}
                </div>
            </div>
            <div class="matrix__status">
                <p class="matrix__summary" data-testid="matrix-summary" aria-live="polite">
                    {summary}
                </p>
                <p class="matrix__legend">
                    <span class="matrix__swatch access-grid__cell--operate">"operate"</span>
                    <span class="matrix__swatch access-grid__cell--view">"view"</span>
                    <span class="matrix__swatch access-grid__cell--none">"none"</span>
                    <span class="matrix__swatch access-grid__cell--view is-granted">"granted"</span>
                    <span class="matrix__swatch matrix__swatch--staged">"⊕ ⊖ staged"</span>
                    " Click a cell (or press Enter) to stage a grant, a revocation or a membership change, then review and apply; arrow keys move. Acting as "
                    <strong data-testid="matrix-acting">{move || store.who().with(|w| w.to_string())}</strong>
                    "."
                </p>
            </div>
            <FeedbackLine feedback=feedback test_id="matrix-feedback" />
            <div
                class="matrix__review card"
                role="region"
                aria-label="Staged changes"
                data-testid="matrix-staged"
            >
                <p class="matrix__review-count" data-testid="matrix-staged-count" aria-live="polite">
                    {move || match staged_count.get() {
                        0 => "No staged changes".to_owned(),
                        count => format!("{} —", staged_changes(count)),
                    }}
                </p>
                <ActionButton
                    label="Review…"
                    question=Signal::derive(move || {
                        format!(
                            "Apply {} as {}, in this order?",
                            staged_changes(staged_count.get()),
                            store.who().with(|w| w.to_string()),
                        )
                    })
                    confirm_label="Apply"
                    on_confirm=Callback::new(move |()| {
                        feedback.set(Some(staging.apply()));
                        focus_the_grid();
                    })
                    test_id="matrix-review"
                    confirm_test_id="matrix-apply"
                    details=move || review(store, staging)
                    disabled=Signal::derive(move || staged_count.get() == 0)
                />
                <button
                    type="button"
                    class="fw-button fw-button--quiet"
                    data-testid="matrix-discard"
                    disabled=move || staged_count.get() == 0
                    on:click=move |_| feedback.set(Some(staging.discard()))
                >
                    "Discard"
                </button>
                <p class="matrix__review-help">
                    "Staged changes are kept in this tab's memory only: a reload drops them, and so does any change to the state made elsewhere. Applying runs them in order as the identity acting then, one event each (each can be undone on its own)."
                </p>
                {move || {
                    staging
                        .dropped
                        .get()
                        .map(|notice| {
                            view! {
                                <p class="feedback feedback--refused" role="alert" data-testid="matrix-staged-dropped">
                                    {notice}
                                </p>
                            }
                        })
                }}
            </div>
            <Show when=move || scope.get() == Scope::All>
                <p class="matrix__note">
                    "Each row is a principal in a workspace it belongs to. Choose one workspace to see non-members and add them."
                </p>
            </Show>
            <AccessGrid
                rows=rows
                generation=census
                show_workspace=show_workspace
                on_activate=on_activate
                staged=staged_cells
                describe=describe
            />
        </section>
    }
}

fn tri_value(tri: Tri) -> String {
    match tri {
        Tri::Any => "any",
        Tri::Yes => "yes",
        Tri::No => "no",
    }
    .to_owned()
}
