//! The Access checker's reverse questions as the console shows them: "Who can?" (every
//! principal, and every key where the question is a key one, allowed with its grant or denied
//! with the gate that stopped it) and "What can … do?" (a table of workspaces by console pages,
//! models and APIs, and what reaches across the account). Both are core's answers, asked of the
//! evaluator candidate by candidate; nothing here decides. Their CSV downloads are the command
//! line's (`who-can` / `what-can --format csv`, [`crate::report`]).

use studio_access_core::{
    Access, Caller, Candidate, Check, Outcome, Page, Reach, ResolveFailure, Response, State, Who,
};

use crate::report::{self, ReachReport};
use crate::words;

// == Who can ==================================================================================

/// One candidate of a "who can" answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WhoLine {
    /// `principal` or `key`.
    pub kind: &'static str,
    /// The principal as the "as" field reads it, or the key's label.
    pub name: String,
    /// Who, in words.
    pub text: String,
    /// Allowed: the grant it passed by. Denied: the gate that stopped it, as the trace says it.
    pub why: String,
    /// The code of a denial (`not-member`…); empty when allowed.
    pub code: String,
}

/// A "who can" answer: the question, then who is allowed and who is denied, in core's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhoCanAnswer {
    /// The question, in one line, without who asks it (each candidate is asked in turn).
    pub question: String,
    /// Whether keys were asked too (a model call or fine-tune).
    pub keys: bool,
    /// Every candidate allowed, with its grant.
    pub allowed: Vec<WhoLine>,
    /// Every candidate denied, with the gate that stopped it.
    pub denied: Vec<WhoLine>,
}

/// What stopped a denied answer: the first gate of its trace that failed, as the checker's
/// trace words it (`Workspace membership: …`); else the outcome in words.
pub fn stopped_by(response: &Response) -> String {
    response
        .trace
        .iter()
        .find(|step| !step.passed)
        .map(|step| format!("{}: {}", words::gate(step.gate), words::fact(&step.fact)))
        .unwrap_or_else(|| words::outcome(response.outcome))
}

fn who_line(reach: &Reach) -> WhoLine {
    let (kind, name, text) = match &reach.candidate {
        Candidate::Principal(who) => ("principal", who.to_string(), who.to_string()),
        Candidate::Key(key) => ("key", key.clone(), format!("API key `{key}`")),
    };
    let allowed = reach.response.outcome == Outcome::Allow;
    WhoLine {
        kind,
        name,
        text,
        why: if allowed {
            report::grant(&reach.response)
        } else {
            stopped_by(&reach.response)
        },
        code: reach
            .response
            .outcome
            .code()
            .map(|code| code.to_string())
            .unwrap_or_default(),
    }
}

/// The answer of "who can" `check` in `state`: every candidate core asks
/// ([`State::who_is_asked`]), split into allowed and denied.
pub fn who_can(state: &State, check: &Check) -> WhoCanAnswer {
    let asked = state.who_is_asked(check);
    let keys = matches!(check, Check::CallModel { .. } | Check::FineTune { .. });
    let (allowed, denied): (Vec<&Reach>, Vec<&Reach>) = asked
        .iter()
        .partition(|reach| reach.response.outcome == Outcome::Allow);
    WhoCanAnswer {
        question: who_can_question(check),
        keys,
        allowed: allowed.into_iter().map(who_line).collect(),
        denied: denied.into_iter().map(who_line).collect(),
    }
}

/// The question of "who can", without who asks it: `Who can? Operate Playground (…) in `w``.
/// Two checks that differ only in who asks have the same question.
pub fn who_can_question(check: &Check) -> String {
    let place = if let Some(workspace) = check.workspace_named() {
        format!(" in `{workspace}`")
    } else if let Check::CallModel {
        caller: Caller::Key { key, .. },
        ..
    }
    | Check::FineTune {
        caller: Caller::Key { key, .. },
        ..
    } = check
    {
        format!(" with API key `{key}`")
    } else {
        String::new()
    };
    format!("Who can? {}{place}", report::what(check))
}

/// Whether a "who can" list of `shown` still answers the question the form holds: the same
/// question, whoever asks it. A form that cannot be read (`None`) asks no question.
pub fn still_asked(shown: &Check, form: Option<&Check>) -> bool {
    form.is_some_and(|form| who_can_question(form) == who_can_question(shown))
}

/// How a "who can" answer is read, under its question.
pub const WHO_CAN_HINT: &str = "Every identity the console can act as is asked in turn: those allowed with the grant they pass by, those denied with the first gate that stopped them.";
/// The note of a "who can" answer that asked keys too.
pub const KEYS_NOTE: &str = "The workspace's API keys are asked too, with no caller address: a key whose IP whitelist lists any address is denied, since no address can match it.";
/// What the allowed list says when empty.
pub const NOBODY_ALLOWED: &str = "Nobody: no principal or key is allowed this.";
/// What the denied list says when empty.
pub const NOBODY_DENIED: &str = "Nobody is denied this.";

/// The heading of the allowed list: "Allowed (3)".
pub fn allowed_heading(n: usize) -> String {
    format!("Allowed ({n})")
}

/// The heading of the denied list: "Denied (2)".
pub fn denied_heading(n: usize) -> String {
    format!("Denied ({n})")
}

/// What the download button of a "who can" answer says: it saves who is allowed, as the
/// command line's `who-can --format csv` does, not the denied list shown beside it.
pub const DOWNLOAD_WHO_CAN: &str = "Download who is allowed, as CSV";

/// What the download button of a "what can" answer says: it saves the whole answer.
pub const DOWNLOAD_WHAT_CAN: &str = "Download CSV";

/// What the download button says on hover: what it saves.
pub fn download_title(what: &str) -> String {
    format!("Save {what} as CSV, with the columns of the command line's --format csv")
}

/// What the console says when the browser refuses a download.
pub fn download_refused(why: &str) -> String {
    format!("The CSV could not be saved: {why}.")
}

/// The file a "who can" answer is saved as.
pub const WHO_CAN_FILE: &str = "studio-access-who-can.csv";

/// The "who can" answer as the command line's `who-can --format csv` writes it: the allowed
/// candidates, [`report::REACH_COLUMNS`].
pub fn who_can_csv(state: &State, check: &Check) -> String {
    ReachReport::who_can(state, check, &state.who_can(check))
        .table()
        .csv()
}

// == What can =================================================================================

/// A page's cell in the "what can" table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageCell {
    /// `operate`, `view` or `none`.
    pub access: &'static str,
    /// What the cell says: "Operate", "View", or "—".
    pub text: &'static str,
    /// What it means, for a screen reader and on hover: the grant, or "No access".
    pub title: String,
}

/// One workspace's row of the "what can" table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WorkspaceRow {
    /// The workspace's name.
    pub workspace: String,
    /// One cell per console page, in [`Page::ALL`]'s order.
    pub pages: Vec<PageCell>,
    /// Each model it may use from the console, and how: (`qwen-plus`, "call, batch inference").
    pub models: Vec<(String, String)>,
    /// Each OpenAPI action it may call on the workspace's applications.
    pub apis: Vec<String>,
}

/// What reaches across the account: a heading ("API keys it can see"…) and its items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountGroup {
    /// The heading.
    pub heading: &'static str,
    /// Each item, with its grant.
    pub items: Vec<(String, String)>,
}

/// A "what can" answer: a table with a row per workspace it reaches, then what reaches across
/// the account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhatCanAnswer {
    /// The title: "What ann can do".
    pub title: String,
    /// The table's caption.
    pub caption: String,
    /// The page columns' headings, in [`Page::ALL`]'s order: (words, SPEC name).
    pub pages: Vec<(&'static str, &'static str)>,
    /// One row per workspace it reaches something in, in the account's order.
    pub rows: Vec<WorkspaceRow>,
    /// The workspaces it reaches nothing in, as one sentence; empty when none.
    pub unreached: String,
    /// What reaches across the account, by heading; only headings with items.
    pub account: Vec<AccountGroup>,
}

impl WhatCanAnswer {
    /// Whether nothing at all is reached.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.account.is_empty()
    }
}

fn no_access() -> PageCell {
    PageCell {
        access: "none",
        text: "—",
        title: "No access".to_owned(),
    }
}

fn model_use(check: &Check) -> Option<(&str, &'static str)> {
    match check {
        Check::CallModel { model, .. } => Some((model, "call")),
        Check::BatchInference { model, .. } => Some((model, "batch inference")),
        Check::FineTune { model, .. } => Some((model, "fine-tune")),
        Check::Deploy {
            model,
            fine_tuned: false,
            ..
        } => Some((model, "deploy")),
        Check::Deploy { model, .. } => Some((model, "deploy fine-tuned")),
        _ => None,
    }
}

/// The row of `workspace` from the reaches in it.
fn workspace_row(workspace: &str, reached: &[&Reach]) -> WorkspaceRow {
    let mut pages: Vec<PageCell> = Page::ALL.iter().map(|_| no_access()).collect();
    let mut models: Vec<(String, Vec<&'static str>)> = Vec::new();
    let mut apis = Vec::new();
    for reach in reached {
        match &reach.check {
            Check::OpenPage { page, access, .. } => {
                if let Some(cell) = pages.get_mut(page.index()) {
                    let (access, text) = match access {
                        Access::Operate => ("operate", "Operate"),
                        Access::View => ("view", "View"),
                    };
                    *cell = PageCell {
                        access,
                        text,
                        title: report::grant(&reach.response),
                    };
                }
            }
            Check::CallOpenapi { action, .. } => apis.push(openapi_actions(action, false)),
            check => {
                if let Some((model, how)) = model_use(check) {
                    match models.iter_mut().find(|(m, _)| m == model) {
                        Some((_, hows)) => hows.push(how),
                        None => models.push((model.to_owned(), vec![how])),
                    }
                }
            }
        }
    }
    WorkspaceRow {
        workspace: workspace.to_owned(),
        pages,
        models: models
            .into_iter()
            .map(|(model, hows)| (model, hows.join(", ")))
            .collect(),
        apis,
    }
}

/// What the OpenAPI action "what can" asks of stands for: every read action of SPEC section 6,
/// or every other action (a new user's walk read one read action, `ListIndices`, as all the
/// identity could call). `listed` names the read actions.
fn openapi_actions(action: &str, listed: bool) -> String {
    match studio_access_core::is_openapi_read_action(action) {
        true if listed => format!(
            "OpenAPI read actions ({})",
            studio_access_core::OPENAPI_READ_ACTIONS.join(", ")
        ),
        true => "OpenAPI read actions".to_owned(),
        false => "OpenAPI write actions (every action that is not a read action)".to_owned(),
    }
}

fn account_heading(check: &Check) -> &'static str {
    match check {
        Check::ViewKey { .. } => "API keys it can see",
        Check::CallOpenapi { .. } => "OpenAPI across the account",
        Check::OpenSystemAdministration { .. } => "System Administration",
        Check::Billing { .. } => "Billing",
        _ => "Features",
    }
}

/// The answer of "what can" `who` do in `state` ([`State::what_can`]).
pub fn what_can(state: &State, who: &Who) -> WhatCanAnswer {
    what_can_of(state, who, &state.what_can(who))
}

/// The "what can" answer of `reached`, core's answer for `who`.
pub fn what_can_of(state: &State, who: &Who, reached: &[Reach]) -> WhatCanAnswer {
    let mut rows = Vec::new();
    let mut unreached = Vec::new();
    for (_, ws) in state.workspaces() {
        let here: Vec<&Reach> = reached
            .iter()
            .filter(|reach| reach.check.workspace_named() == Some(ws.name.as_str()))
            .collect();
        if here.is_empty() {
            unreached.push(format!("`{}`", ws.name));
        } else {
            rows.push(workspace_row(&ws.name, &here));
        }
    }
    let mut account: Vec<AccountGroup> = Vec::new();
    for reach in reached
        .iter()
        .filter(|reach| reach.check.workspace_named().is_none())
    {
        let heading = account_heading(&reach.check);
        let what = match &reach.check {
            Check::CallOpenapi { action, .. } => format!("Call {}", openapi_actions(action, true)),
            check => report::what(check),
        };
        let item = (what, report::grant(&reach.response));
        match account.iter_mut().find(|group| group.heading == heading) {
            Some(group) => group.items.push(item),
            None => account.push(AccountGroup {
                heading,
                items: vec![item],
            }),
        }
    }
    let nobody = (rows.is_empty() && account.is_empty())
        .then(|| cannot_act(state, who))
        .flatten();
    let unreached = nobody.unwrap_or_else(|| match unreached.len() {
        0 => String::new(),
        n if rows.is_empty() => format!(
            "No access in any of the {}.",
            words::counted(n, "workspace", "workspaces")
        ),
        _ => format!("No access in {}.", unreached.join(", ")),
    });
    WhatCanAnswer {
        title: format!("What {who} can do"),
        caption: format!(
            "What {who} can do in each workspace: the console pages it may operate or only view, the models it may use from the console, and the OpenAPI actions on the workspace's applications."
        ),
        pages: Page::ALL
            .iter()
            .map(|page| (words::page(*page), page.as_str()))
            .collect(),
        rows,
        unreached,
        account,
    }
}

/// Why `who` cannot act at all, when it does not resolve to a user or a role (SPEC section 2):
/// a mistyped name is "no such user or role" with the nearest names (core's advice), a role's
/// name alone says that a role acts through a user it trusts, and an untrusted role or `root`
/// through a role say so; never "nothing".
fn cannot_act(state: &State, who: &Who) -> Option<String> {
    let failure = state.resolve(who).err()?;
    // A role's name asked alone: the role it names.
    let role_alone = who
        .via
        .is_none()
        .then(|| state.role_id(&who.name).and_then(|id| state.role(id)))
        .flatten();
    Some(match failure {
        ResolveFailure::UnknownUser if role_alone.is_some() => {
            let trusted: Vec<String> = role_alone
                .map(|role| {
                    role.trusted
                        .iter()
                        .filter_map(|&user| state.user(user))
                        .map(|user| format!("`{} via {}`", user.name, who.name))
                        .collect()
                })
                .unwrap_or_default();
            let ask = if trusted.is_empty() {
                "No user may assume it yet.".to_owned()
            } else {
                format!("Ask for a user it trusts: {}.", trusted.join(", "))
            };
            format!(
                "`{}` is a RAM role: a role acts only through a user it trusts, as `user via role`. {ask}",
                who.name
            )
        }
        ResolveFailure::UnknownUser | ResolveFailure::UnknownRole => {
            let asked = Check::OpenSystemAdministration { who: who.clone() };
            words::advice(&state.advise(&asked))?
        }
        ResolveFailure::NotTrusted { .. } => format!(
            "`{}` cannot act through `{}`: the role does not trust this user (deny:cannot-assume-role), so nothing is allowed this way.",
            who.name,
            who.via.as_deref().unwrap_or_default()
        ),
        ResolveFailure::RootWithVia => "`root` cannot act through a role (error:invalid-value): the Alibaba Cloud account always acts as itself.".to_owned(),
    })
}

/// The first column of the "what can" table.
pub const WORKSPACE_COLUMN: &str = "Workspace";
/// The models column of the "what can" table.
pub const MODELS_COLUMN: &str = "Models";
/// The APIs column of the "what can" table.
pub const APIS_COLUMN: &str = "APIs";
/// What an empty cell means.
pub const NONE: &str = "None";
/// What a "what can" answer says when nothing is reached.
pub const NOTHING: &str = "Nothing: no page, model, key or API is allowed.";

/// The file a "what can" answer is saved as.
pub const WHAT_CAN_FILE: &str = "studio-access-what-can.csv";

/// The "what can" answer as the command line's `what-can --format csv` writes it
/// ([`report::REACH_COLUMNS`]).
pub fn what_can_csv(state: &State, who: &Who) -> String {
    ReachReport::what_can(state, who, &state.what_can(who))
        .table()
        .csv()
}

#[cfg(test)]
mod tests;
