//! The console's screens: one closed list that the app's navigation and router, the browser tests
//! and the end-to-end tests share.

/// A top-level screen of the console, reachable from the navigation and by deep link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
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

impl Screen {
    /// Every page, in navigation order.
    pub const ALL: [Screen; 10] = [
        Screen::Overview,
        Screen::Identities,
        Screen::Workspaces,
        Screen::Permissions,
        Screen::ApiKeys,
        Screen::AccessChecker,
        Screen::Audit,
        Screen::Activity,
        Screen::Compare,
        Screen::Scenarios,
    ];

    /// The route's single path segment below the app base; empty for the overview.
    pub const fn segment(self) -> &'static str {
        match self {
            Screen::Overview => "",
            Screen::Identities => "identities",
            Screen::Workspaces => "workspaces",
            Screen::Permissions => "matrix",
            Screen::ApiKeys => "keys",
            Screen::AccessChecker => "check",
            Screen::Audit => "audit",
            Screen::Activity => "activity",
            Screen::Compare => "compare",
            Screen::Scenarios => "scenarios",
        }
    }

    /// A stable identifier for `data-testid` attributes and CSS hooks.
    pub const fn slug(self) -> &'static str {
        match self {
            Screen::Overview => "overview",
            other => other.segment(),
        }
    }

    /// The `data-testid` of the screen's link in the main navigation.
    pub fn nav_link(self) -> String {
        format!("nav-link-{}", self.slug())
    }

    /// The name shown in the navigation and as the page heading.
    pub const fn title(self) -> &'static str {
        match self {
            Screen::Overview => "Overview",
            Screen::Identities => "Identities",
            Screen::Workspaces => "Workspaces",
            Screen::Permissions => "Permissions",
            Screen::ApiKeys => "API keys",
            Screen::AccessChecker => "Access checker",
            Screen::Audit => "Audit",
            Screen::Activity => "Activity",
            Screen::Compare => "Compare",
            Screen::Scenarios => "Scenarios",
        }
    }

    /// One line under the heading saying what the page is for.
    pub const fn summary(self) -> &'static str {
        match self {
            Screen::Overview => {
                "Regions with their workspaces, and the audit's findings at a glance."
            }
            Screen::Identities => {
                "RAM users and roles, the policies attached to them and the roles they may assume."
            }
            Screen::Workspaces => {
                "Workspaces per region, the models each may use, and how the account quota is shared."
            }
            Screen::Permissions => {
                "Who may view or operate which console page, workspace by workspace."
            }
            Screen::ApiKeys => "API keys, their owners, status and IP whitelists.",
            Screen::AccessChecker => {
                "Ask whether an action is allowed and see every gate the answer passed through."
            }
            Screen::Audit => "Findings about risky or broken configuration, each with its fix.",
            Screen::Activity => "Who changed what, and when.",
            Screen::Compare => {
                "What access one state gives that another does not: now, a point of the log, or a file."
            }
            Screen::Scenarios => {
                "Run scenario files against the model and see each step pass or fail."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Screen;
    use std::collections::BTreeSet;

    #[test]
    fn each_screen_has_its_own_path_test_id_and_title() {
        let distinct = |f: fn(Screen) -> String| {
            Screen::ALL
                .iter()
                .map(|s| f(*s))
                .collect::<BTreeSet<_>>()
                .len()
        };
        assert_eq!(distinct(|s| s.segment().to_owned()), Screen::ALL.len());
        assert_eq!(distinct(|s| s.slug().to_owned()), Screen::ALL.len());
        assert_eq!(distinct(Screen::nav_link), Screen::ALL.len());
        assert_eq!(distinct(|s| s.title().to_owned()), Screen::ALL.len());
        assert_eq!(Screen::Overview.segment(), "");
        assert_eq!(Screen::Overview.nav_link(), "nav-link-overview");
        assert_eq!(Screen::ApiKeys.nav_link(), "nav-link-keys");
    }

    /// `index.html` opens a screen asked for by its title (`/permissions`), or by its path in
    /// another case (`/Audit`), where it lives (a new user's walk typed /permissions and got
    /// "Page not found"). Its list names every title and path, lowercase, with the screen's path,
    /// and nothing else.
    #[test]
    fn index_html_sends_each_title_to_its_screen() {
        let page = include_str!("../../../index.html");
        let list = page
            .split_once("var screens = {")
            .and_then(|(_, rest)| rest.split_once("};"))
            .map(|(list, _)| list)
            .unwrap_or_default();
        let said: BTreeSet<String> = list
            .split(',')
            .map(|entry| entry.split_whitespace().collect::<String>())
            .filter(|entry| !entry.is_empty())
            .collect();
        let entry = |name: &str, segment: &str| format!("\"{name}\":\"{segment}\"");
        let wanted: BTreeSet<String> = Screen::ALL
            .iter()
            .flat_map(|s| {
                let title = s.title().to_lowercase().replace(' ', "-");
                let path = (!s.segment().is_empty()).then(|| entry(s.segment(), s.segment()));
                std::iter::once(entry(&title, s.segment())).chain(path)
            })
            .collect();
        assert_eq!(said, wanted, "index.html's screens: {list:?}");
        assert!(wanted.contains(&entry("permissions", "matrix")));
    }
}
