//! The console's screens as the tests know them: each one's path segment, navigation link and
//! title. A mirror of the app's own list (`crates/app/src/screen.rs`), kept here because this
//! crate must not pull in Leptos; a unit test below reads the app's file and fails when the two
//! drift apart.

/// A top-level screen of the console, reachable from the navigation and by deep link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    /// Regions, workspaces and the audit at a glance.
    Overview,
    /// RAM users and roles.
    Identities,
    /// Workspaces per region.
    Workspaces,
    /// The permissions matrix.
    Permissions,
    /// API keys.
    ApiKeys,
    /// The access checker.
    AccessChecker,
    /// Audit findings.
    Audit,
    /// The event log.
    Activity,
    /// The access diff between two states.
    Compare,
    /// Scenario files run against the model.
    Scenarios,
}

impl Screen {
    /// Every screen, in navigation order.
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

    /// The route's single path segment below the site's mount; empty for the overview.
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

    /// The screen's name in `data-testid`s: `nav-link-{slug}`, `page-{slug}`.
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

    /// The name shown in the navigation and as the page heading (`page-title`).
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
}

#[cfg(test)]
mod tests {
    use super::Screen;

    /// The app's list of screens as text: `screen.rs`, or `page.rs` where it still has its old
    /// name.
    fn app_screens() -> Result<String, String> {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../crates/app/src");
        ["screen.rs", "page.rs"]
            .iter()
            .find_map(|name| std::fs::read_to_string(format!("{folder}/{name}")).ok())
            .ok_or_else(|| format!("neither screen.rs nor page.rs in {folder}"))
    }

    /// The variants of the app's enum (`Screen`, or `Page`), in their order.
    fn app_variants(source: &str) -> Vec<&str> {
        source
            .lines()
            .skip_while(|line| {
                !(line.starts_with("pub enum Screen") || line.starts_with("pub enum Page"))
            })
            .skip(1)
            .take_while(|line| !line.starts_with('}'))
            .filter_map(|line| line.trim().strip_suffix(','))
            .filter(|name| !name.is_empty() && name.chars().all(char::is_alphanumeric))
            .collect()
    }

    #[test]
    fn the_screens_are_the_apps() -> Result<(), String> {
        let source = app_screens()?;
        let ours: Vec<String> = Screen::ALL.iter().map(|s| format!("{s:?}")).collect();
        assert_eq!(app_variants(&source), ours, "the app's screens changed");
        for screen in Screen::ALL {
            for text in [screen.segment(), screen.slug(), screen.title()] {
                assert!(
                    source.contains(&format!("\"{text}\"")),
                    "{screen:?}: {text:?} is not in the app's list of screens"
                );
            }
        }
        Ok(())
    }
}
