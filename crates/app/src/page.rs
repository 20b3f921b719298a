//! The console's screens: one closed list that the navigation, the router and the tests share.

/// A top-level screen of the console, reachable from the navigation and by deep link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// Regions, workspaces and the audit at a glance.
    Overview,
    /// RAM users and roles.
    Identities,
    /// Workspaces per region, their model authorizations and quotas.
    Workspaces,
    /// The permissions matrix: principals against console pages.
    Permissions,
    /// API keys.
    ApiKeys,
    /// Ask a question of the evaluator and see its trace.
    AccessChecker,
    /// Audit findings.
    Audit,
    /// The event log.
    Activity,
    /// The access diff between two states: current, a point of the log, or a file.
    Compare,
    /// Scenario files run against the model.
    Scenarios,
}

impl Page {
    /// Every page, in navigation order.
    pub const ALL: [Page; 10] = [
        Page::Overview,
        Page::Identities,
        Page::Workspaces,
        Page::Permissions,
        Page::ApiKeys,
        Page::AccessChecker,
        Page::Audit,
        Page::Activity,
        Page::Compare,
        Page::Scenarios,
    ];

    /// The route's single path segment below the app base; empty for the overview.
    pub const fn segment(self) -> &'static str {
        match self {
            Page::Overview => "",
            Page::Identities => "identities",
            Page::Workspaces => "workspaces",
            Page::Permissions => "matrix",
            Page::ApiKeys => "keys",
            Page::AccessChecker => "check",
            Page::Audit => "audit",
            Page::Activity => "activity",
            Page::Compare => "compare",
            Page::Scenarios => "scenarios",
        }
    }

    /// A stable identifier for `data-testid` attributes and CSS hooks.
    pub const fn slug(self) -> &'static str {
        match self {
            Page::Overview => "overview",
            other => other.segment(),
        }
    }

    /// The name shown in the navigation and as the page heading.
    pub const fn title(self) -> &'static str {
        match self {
            Page::Overview => "Overview",
            Page::Identities => "Identities",
            Page::Workspaces => "Workspaces",
            Page::Permissions => "Permissions",
            Page::ApiKeys => "API keys",
            Page::AccessChecker => "Access checker",
            Page::Audit => "Audit",
            Page::Activity => "Activity",
            Page::Compare => "Compare",
            Page::Scenarios => "Scenarios",
        }
    }

    /// One line under the heading saying what the page is for.
    pub const fn summary(self) -> &'static str {
        match self {
            Page::Overview => {
                "Regions with their workspaces, and the audit's findings at a glance."
            }
            Page::Identities => {
                "RAM users and roles, the policies attached to them and the roles they may assume."
            }
            Page::Workspaces => {
                "Workspaces per region, the models each may use, and how the account quota is shared."
            }
            Page::Permissions => {
                "Who may view or operate which console page, workspace by workspace."
            }
            Page::ApiKeys => "API keys, their owners, status and IP whitelists.",
            Page::AccessChecker => {
                "Ask whether an action is allowed and see every gate the answer passed through."
            }
            Page::Audit => "Findings about risky or broken configuration, each with its fix.",
            Page::Activity => "Who changed what, and when.",
            Page::Compare => {
                "What access one state gives that another does not: now, a point of the log, or a file."
            }
            Page::Scenarios => {
                "Run scenario files against the model and see each step pass or fail."
            }
        }
    }
}
