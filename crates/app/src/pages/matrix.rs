//! The permissions matrix: who may view or operate which console page, workspace by workspace,
//! evaluated live by the core, with grants, revocations and the Administrator permission changed
//! in place as the acting identity.

use std::hash::{Hash, Hasher};

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use studio_access_core::{Command, Member, MemberName, Page, PageAccess, State, WorkspaceId};

use crate::Page as Screen;
use crate::components::{AccessGrid, CellAction, Feedback, FeedbackLine, GridRow, select_field};
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

/// A labelled `<select>` of fixed options; `on_change` receives the chosen value.
/// The Permissions screen: the matrix, its filters, and the answer to the latest change.
#[component]
pub fn MatrixPage() -> impl IntoView {
    let store = Store::get();
    let navigate = use_navigate();
    // The workspace shown is in the address (`?workspace=<name>`, or `@all`), so a view of the
    // matrix can be linked; without one, the first workspace.
    let linked = use_query_map().with_untracked(|q| q.get(WORKSPACE_PARAM));
    let initial = store.state.with_untracked(|s| {
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
                .state
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
        store.state.with(|s| {
            s.workspaces()
                .map(|(id, ws)| (id, ws.name.clone(), ws.region))
                .collect::<Vec<_>>()
        })
    });
    // Which principals are alive, and their names, change only when one is created or deleted
    // (or the whole state is replaced): a fingerprint of them, cheap to take, spares a grant or
    // a toggle from sorting every name again.
    let census = Memo::new(move |_| {
        store.state.with(|s| {
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
        store.state.with_untracked(|s| {
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
            store.state.track();
        }
        principals.with(|members| {
            store.state.with_untracked(|s| {
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

    let on_activate = Callback::new(move |action: CellAction| {
        let planned = store.state.with_untracked(|s| command_for(s, action));
        feedback.set(Some(match planned {
            Ok(command) => {
                let executed = store.run(&command);
                Feedback::of(&executed, format!("Done: {}.", words::command(&command)))
            }
            Err(why) => Feedback::Refused(why),
        }));
    });

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
                store.state.with(|s| s.workspace_name(id).to_owned())
            ),
        }
    };

    view! {
        <section class="page matrix" data-testid=format!("page-{}", Screen::Permissions.slug())>
            <header class="page__header">
                <h1 class="page__title" data-testid="page-title">
                    {Screen::Permissions.title()}
                </h1>
                <p class="page__summary">{Screen::Permissions.summary()}</p>
            </header>
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
                    " Click a cell (or press Enter) to grant or revoke; arrow keys move. Acting as "
                    <strong data-testid="matrix-acting">{move || store.who.with(|w| w.to_string())}</strong>
                    "."
                </p>
            </div>
            <FeedbackLine feedback=feedback test_id="matrix-feedback" />
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
