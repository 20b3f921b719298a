//! The heads of the console's tables: what each column is called and how its cells sit. The app
//! draws every table head from one of these (`TableHead`), so a heading is worded once, here.

/// A column of a table: its heading, and how the heading and cells are aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// Words, from the start of the cell.
    Text(&'static str),
    /// Counts and limits, to the end of the cell.
    Number(&'static str),
    /// A mark such as a checkbox, centred.
    Mark(&'static str),
    /// Buttons: the heading is read by screen readers only.
    Actions(&'static str),
}

impl Column {
    /// The heading's words.
    pub const fn heading(self) -> &'static str {
        match self {
            Column::Text(words)
            | Column::Number(words)
            | Column::Mark(words)
            | Column::Actions(words) => words,
        }
    }
}

/// A table's head: its columns, and, where the page says nothing above it, a caption for
/// screen readers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    /// What the table holds, read by screen readers only.
    pub caption: Option<&'static str>,
    /// The columns, in order.
    pub columns: &'static [Column],
}

impl Head {
    /// A head of `columns` and no caption.
    pub const fn of(columns: &'static [Column]) -> Head {
        Head {
            caption: None,
            columns,
        }
    }

    /// The same head with a caption for screen readers.
    pub const fn captioned(self, caption: &'static str) -> Head {
        Head {
            caption: Some(caption),
            ..self
        }
    }
}

use Column::{Actions, Mark, Number, Text};

/// Overview: a region's workspaces at a glance.
pub const REGION_SUMMARY: Head = Head::of(&[
    Text("Workspace"),
    Number("Members"),
    Number("Callable models"),
    Number("Keys"),
]);

/// Identities: every user and role.
pub const PRINCIPALS: Head = Head::of(&[
    Text("Name"),
    Text("Effective policies"),
    Text("Standing"),
    Text("Trust"),
    Actions("Actions"),
]);

/// Identities: the system policies of the principal whose detail is open.
pub const POLICIES: Head = Head::of(&[
    Text("Policy"),
    Text("Held"),
    Text("Who may change it"),
    Actions("Action"),
]);

/// The account's features.
pub const FEATURES: Head = Head::of(&[
    Text("Feature"),
    Text("Status"),
    Text("Who may activate it"),
    Actions("Action"),
]);

/// Workspaces: the workspaces of a region.
pub const WORKSPACES: Head = Head::of(&[
    Text("Workspace"),
    Number("Members"),
    Text("Models"),
    Actions("Action"),
]);

/// Workspaces: the members of a workspace.
pub const MEMBERS: Head = Head::of(&[
    Text("Member"),
    Mark("Administrator"),
    Text("Pages"),
    Actions("Action"),
]);

/// Workspaces: the models a workspace may use, and their limits.
pub const MODELS: Head = Head::of(&[
    Text("Model"),
    Mark("Call"),
    Mark("Fine-tune"),
    Mark("Deploy"),
    Text("Request limit (RPM)"),
    Text("Token limit (TPM)"),
    Actions("Limits"),
]);

/// Workspaces: the account's model catalog.
pub const CATALOG: Head = Head::of(&[Text("Model"), Text("Kind"), Text("Besides calls")]);

/// API keys.
pub const KEYS: Head = Head::of(&[
    Text("Label and secret"),
    Text("Workspace and region"),
    Text("Owner"),
    Text("Status"),
    Text("IP whitelist"),
    Actions("Actions"),
])
.captioned("API keys");

/// Access checker: the traffic of a load, one line a key.
pub const TRAFFIC: Head = Head::of(&[
    Text("Key"),
    Text("Requests"),
    Text("Tokens per request"),
    Text("Caller address (optional)"),
    Actions("Remove"),
]);

/// Access checker: how a load's requests fared, key by key.
pub const LOAD: Head = Head::of(&[
    Text("Key"),
    Text("Gates"),
    Number("Allowed"),
    Number("Throttled"),
    Number("Denied"),
    Text("Why"),
]);

/// Activity: the log of changes.
pub const ACTIVITY: Head = Head::of(&[Text("#"), Text("When"), Text("Who"), Text("What")])
    .captioned("Changes, newest first");

/// Scenarios: a run's entries.
pub const SCENARIO_RESULTS: Head = Head::of(&[
    Text("Entry"),
    Text("Line"),
    Text("Op"),
    Text("Expected"),
    Text("Actual"),
    Text("Result"),
])
.captioned("Entries");
