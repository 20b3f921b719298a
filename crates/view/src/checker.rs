//! What the Access checker shows and says: the question being drafted, as plain data, with its
//! conversion to a core [`Check`] (or every field that is wrong, named, with why) and back; the
//! kinds of check the form offers and the fields each asks for; the identities its "as" field
//! suggests; and the sentences of the screen: the question in one line ([`describe`]), the
//! heading a "what can" reach is listed under ([`group`]), the grant a reach passed by
//! ([`grant`]). Deciding is core's: `State::check`, `State::who_can`, `State::what_can`.
//!
//! ```
//! use studio_access_core::{Caller, Check, Date, State, Who};
//! use studio_access_view::checker::{Draft, Op, describe};
//!
//! let today = Date::new(2026, 1, 10).ok_or("not a date")?;
//! let mut draft = Draft::new(&State::new_account(today));
//! draft.op = Op::FineTune;
//! draft.who = "ann via auditor".to_owned();
//! draft.workspace = "w".to_owned();
//! draft.model = "qwen-plus".to_owned();
//! let check = Check::FineTune {
//!     caller: Caller::Console { who: Who::via("ann", "auditor"), workspace: "w".to_owned() },
//!     model: "qwen-plus".to_owned(),
//! };
//! assert_eq!(draft.to_check(), Ok(check.clone()));
//! assert_eq!(describe(&check), "Fine-tune `qwen-plus` from the console as ann via auditor in `w`");
//! # Ok::<(), &str>(())
//! ```

use std::fmt;
use std::net::IpAddr;

use studio_access_core::diff::PlanPreview;
use studio_access_core::ordered::sort_by_name;
use studio_access_core::{
    Access, BillingAction, Caller, Check, Command, Feature, OPENAPI_READ_ACTIONS, Outcome, Page,
    State, Traffic, Who,
};

use crate::fields::{NumberError, parse_whole};
use crate::words;

/// The kinds of check, in SPEC order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `call-model`.
    CallModel,
    /// `batch-inference`.
    BatchInference,
    /// `fine-tune`.
    FineTune,
    /// `deploy`.
    Deploy,
    /// `open-page`.
    OpenPage,
    /// `view-key`.
    ViewKey,
    /// `call-openapi`.
    CallOpenapi,
    /// `billing`.
    Billing,
    /// `open-system-administration`.
    OpenSystemAdministration,
    /// `use-feature`.
    UseFeature,
    /// `load`.
    Load,
}

impl Op {
    /// Every kind, in the order the question picker offers them.
    pub const ALL: [Op; 11] = [
        Op::CallModel,
        Op::BatchInference,
        Op::FineTune,
        Op::Deploy,
        Op::OpenPage,
        Op::ViewKey,
        Op::CallOpenapi,
        Op::Billing,
        Op::OpenSystemAdministration,
        Op::UseFeature,
        Op::Load,
    ];

    /// The SPEC's `op` name.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::CallModel => "call-model",
            Op::BatchInference => "batch-inference",
            Op::FineTune => "fine-tune",
            Op::Deploy => "deploy",
            Op::OpenPage => "open-page",
            Op::ViewKey => "view-key",
            Op::CallOpenapi => "call-openapi",
            Op::Billing => "billing",
            Op::OpenSystemAdministration => "open-system-administration",
            Op::UseFeature => "use-feature",
            Op::Load => "load",
        }
    }

    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            Op::CallModel => "Call a model",
            Op::BatchInference => "Run batch inference",
            Op::FineTune => "Fine-tune a model",
            Op::Deploy => "Deploy a model",
            Op::OpenPage => "Open a console page",
            Op::ViewKey => "See an API key",
            Op::CallOpenapi => "Call an application-data OpenAPI action",
            Op::Billing => "A billing action",
            Op::OpenSystemAdministration => "Open System Administration",
            Op::UseFeature => "Use a feature",
            Op::Load => "One minute of API traffic",
        }
    }

    /// What the question picker shows: the kind in words, then its `op` name.
    pub fn option_label(self) -> String {
        format!("{} ({})", self.label(), self.as_str())
    }

    /// The kind whose `op` name is `text`.
    pub fn parse(text: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.as_str() == text)
    }

    /// The kind of `check`.
    pub fn of(check: &Check) -> Op {
        match check {
            Check::CallModel { .. } => Op::CallModel,
            Check::BatchInference { .. } => Op::BatchInference,
            Check::FineTune { .. } => Op::FineTune,
            Check::Deploy { .. } => Op::Deploy,
            Check::OpenPage { .. } => Op::OpenPage,
            Check::ViewKey { .. } => Op::ViewKey,
            Check::CallOpenapi { .. } => Op::CallOpenapi,
            Check::Billing { .. } => Op::Billing,
            Check::OpenSystemAdministration { .. } => Op::OpenSystemAdministration,
            Check::UseFeature { .. } => Op::UseFeature,
            Check::Load { .. } => Op::Load,
        }
    }

    /// Whether the check may be asked through an API key instead of the console.
    pub fn keyed(self) -> bool {
        matches!(self, Op::CallModel | Op::FineTune)
    }

    /// What the form asks for this kind of check, asked through an API key when `through_key`
    /// (and the kind may be), through the console otherwise.
    pub fn fields(self, through_key: bool) -> Fields {
        let through_key = self.keyed() && through_key;
        Fields {
            through_key,
            who: self != Op::Load && !through_key,
            workspace: matches!(
                self,
                Op::CallModel | Op::FineTune | Op::BatchInference | Op::Deploy | Op::OpenPage
            ) && !through_key,
            key: through_key || self == Op::ViewKey,
            ip: through_key,
            model: matches!(
                self,
                Op::CallModel | Op::FineTune | Op::BatchInference | Op::Deploy | Op::Load
            ),
            fine_tuned: self == Op::Deploy,
            page: self == Op::OpenPage,
            openapi: self == Op::CallOpenapi,
            billing: self == Op::Billing,
            feature: self == Op::UseFeature,
            traffic: self == Op::Load,
            who_can: self != Op::Load && !through_key,
        }
    }
}

/// What the form asks for one kind of check: which fields it shows (and needs), and whether
/// "Who can?" may be asked of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fields {
    /// Asked through an API key (only a model call or a fine-tune can be).
    pub through_key: bool,
    /// Who acts: root, a user, or a user through a role.
    pub who: bool,
    /// The workspace, needed.
    pub workspace: bool,
    /// The API key, needed.
    pub key: bool,
    /// The caller's address, optional.
    pub ip: bool,
    /// The model.
    pub model: bool,
    /// Whether a model fine-tuned from it is deployed.
    pub fine_tuned: bool,
    /// The page and the access to it.
    pub page: bool,
    /// The OpenAPI action (needed) and the workspace of its application (optional).
    pub openapi: bool,
    /// The billing action.
    pub billing: bool,
    /// The feature.
    pub feature: bool,
    /// The traffic table.
    pub traffic: bool,
    /// "Who can?" asks this check of every principal and key; not of a load, nor of a check
    /// asked through a key.
    pub who_can: bool,
}

impl Fields {
    /// Why "Who can?" cannot be asked of this check, when it cannot: said beside the disabled
    /// button, which the keyboard cannot reach for its title.
    pub fn who_can_unavailable(self) -> Option<&'static str> {
        if self.who_can {
            None
        } else if self.traffic {
            Some(
                "Who can? is not asked of a load: its lines name the keys that call, and Check answers it.",
            )
        } else {
            Some(
                "Who can? lists every identity and key that may make the call: ask it through the console to list them.",
            )
        }
    }
}

/// A text field of the form, as its test id (`check-<name>`) and its inline error
/// (`check-error-<name>`) name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Who acts.
    Who,
    /// The workspace.
    Workspace,
    /// The API key.
    Key,
    /// The caller's address of a check asked through a key.
    Ip,
    /// The OpenAPI action.
    Action,
    /// The workspace of the OpenAPI action's application.
    OpenapiWorkspace,
    /// The traffic table as a whole.
    Traffic,
    /// One cell of the traffic table: the line's id and the column.
    Line(u32, Column),
}

impl Field {
    /// The field's name in test ids: `who`, `openapi-workspace`, `traffic-3-requests`…
    pub fn name(self) -> String {
        match self {
            Field::Who => "who".to_owned(),
            Field::Workspace => "workspace".to_owned(),
            Field::Key => "key".to_owned(),
            Field::Ip => "ip".to_owned(),
            Field::Action => "action".to_owned(),
            Field::OpenapiWorkspace => "openapi-workspace".to_owned(),
            Field::Traffic => "traffic".to_owned(),
            Field::Line(id, column) => format!("traffic-{id}-{}", column.as_str()),
        }
    }
}

/// A column of the traffic table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The key's label.
    Key,
    /// How many requests in the minute.
    Requests,
    /// Tokens per request.
    Tokens,
    /// The caller's address, optional.
    Ip,
}

impl Column {
    /// Every column, left to right.
    pub const ALL: [Column; 4] = [Column::Key, Column::Requests, Column::Tokens, Column::Ip];

    /// The column's name in test ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Column::Key => "key",
            Column::Requests => "requests",
            Column::Tokens => "tokens",
            Column::Ip => "ip",
        }
    }

    /// The column in words, as a cell's input is labelled and its errors name it.
    pub fn label(self) -> &'static str {
        match self {
            Column::Key => "Key",
            Column::Requests => "Requests",
            Column::Tokens => "Tokens per request",
            Column::Ip => "Caller address",
        }
    }
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No principal is named (it would be asked as `root` unsaid).
    NoPrincipal,
    /// No API key is named.
    NoKey,
    /// No workspace is chosen.
    NoWorkspace,
    /// No OpenAPI action is named.
    NoAction,
    /// A load without traffic.
    NoLines,
    /// The text is not an IP address.
    NotAnIp(NotAnIp),
    /// The text is not a count, or one too large.
    NotACount(NumberError),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NoPrincipal => {
                f.write_str("Name who asks: `root`, a RAM user, or a user `via` a role.")
            }
            Problem::NoKey => f.write_str("Name the API key."),
            Problem::NoWorkspace => f.write_str("Choose a workspace."),
            Problem::NoAction => f.write_str("Name the OpenAPI action."),
            Problem::NoLines => f.write_str("Add at least one line."),
            Problem::NotAnIp(error) => write!(f, "{error}"),
            Problem::NotACount(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for Problem {}

/// A field of the draft that is wrong, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// What is wrong with it.
    pub problem: Problem,
}

impl FieldError {
    fn new(field: Field, problem: Problem) -> FieldError {
        FieldError { field, problem }
    }
}

/// Which fields' errors the form shows: none before the person acts; a field's once something
/// was typed into it (it is then checked as it is typed, as a name is), and every field's once
/// the form was submitted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    submitted: bool,
    typed: Vec<Field>,
}

impl Shown {
    /// Something was typed into `field`. Returns whether that changes what is shown.
    pub fn typed(&mut self, field: Field) -> bool {
        let new = !self.submitted && !self.typed.contains(&field);
        if new {
            self.typed.push(field);
        }
        new
    }

    /// The form was submitted: every field's error shows.
    pub fn submitted(&mut self) {
        self.submitted = true;
        self.typed.clear();
    }

    /// Whether `field`'s error shows.
    pub fn shows(&self, field: Field) -> bool {
        self.submitted || self.typed.contains(&field)
    }
}

/// A text that should be an IP address and is not (trimmed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAnIp(pub String);

impl fmt::Display for NotAnIp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an IP address (for example 203.0.113.7 or 2001:db8::1).",
            self.0
        )
    }
}

impl std::error::Error for NotAnIp {}

/// `root`, `name`, or `name via role`; empty is `root`, as in scenario files.
pub fn parse_who(text: &str) -> Who {
    // Nothing is trimmed (SPEC section 1: never silently): ` user-01 ` names nobody, and the
    // answer offers the name nearest to it (a new user's walk saw the spaces dropped unsaid).
    match text.rsplit_once(" via ") {
        Some((name, role)) => Who::via(name, role),
        None if text.trim().is_empty() => Who::root(),
        None => Who::user(text),
    }
}

/// An optional address: empty is none, anything else must parse.
pub fn parse_ip(text: &str) -> Result<Option<IpAddr>, NotAnIp> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| NotAnIp(text.to_owned()))
}

/// A whole number, 0 or more; `what` is what it counts, as the error names it.
pub fn parse_count(text: &str, what: &'static str) -> Result<u64, NumberError> {
    parse_whole(text, what, 0..=u64::MAX)
}

/// One line of a load's traffic table, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrafficLine {
    /// The line's id: never reused on a page, so that a row keeps its state while others come
    /// and go. Errors name it (`traffic-<id>-requests`).
    pub id: u32,
    /// The key's label.
    pub key: String,
    /// How many requests in the minute.
    pub requests: String,
    /// Tokens per request.
    pub tokens: String,
    /// The caller's address, or empty for none.
    pub ip: String,
}

impl TrafficLine {
    /// A new line: no key yet, 60 requests of 100 tokens, no address.
    pub fn new(id: u32) -> TrafficLine {
        TrafficLine {
            id,
            key: String::new(),
            requests: "60".to_owned(),
            tokens: "100".to_owned(),
            ip: String::new(),
        }
    }

    /// The line that shows `traffic`.
    pub fn from_traffic(id: u32, traffic: &Traffic) -> TrafficLine {
        TrafficLine {
            id,
            key: traffic.key.clone(),
            requests: traffic.requests.to_string(),
            tokens: traffic.tokens.to_string(),
            ip: traffic.ip.map(|ip| ip.to_string()).unwrap_or_default(),
        }
    }

    /// The text of one cell.
    pub fn cell(&self, column: Column) -> &str {
        match column {
            Column::Key => &self.key,
            Column::Requests => &self.requests,
            Column::Tokens => &self.tokens,
            Column::Ip => &self.ip,
        }
    }

    /// The text of one cell, to change.
    pub fn cell_mut(&mut self, column: Column) -> &mut String {
        match column {
            Column::Key => &mut self.key,
            Column::Requests => &mut self.requests,
            Column::Tokens => &mut self.tokens,
            Column::Ip => &mut self.ip,
        }
    }

    /// The traffic the line asks, or its errors added to `errors`.
    fn to_traffic(&self, errors: &mut Vec<FieldError>) -> Option<Traffic> {
        let field = |column| Field::Line(self.id, column);
        let key = self.key.trim().to_owned();
        if key.is_empty() {
            errors.push(FieldError::new(field(Column::Key), Problem::NoKey));
        }
        let requests = parse_count(&self.requests, Column::Requests.label()).map_err(|e| {
            errors.push(FieldError::new(
                field(Column::Requests),
                Problem::NotACount(e),
            ));
        });
        let tokens = parse_count(&self.tokens, Column::Tokens.label()).map_err(|e| {
            errors.push(FieldError::new(
                field(Column::Tokens),
                Problem::NotACount(e),
            ));
        });
        let ip = parse_ip(&self.ip)
            .map_err(|e| errors.push(FieldError::new(field(Column::Ip), Problem::NotAnIp(e))));
        match (requests, tokens, ip) {
            (Ok(requests), Ok(tokens), Ok(ip)) => Some(Traffic {
                key,
                requests,
                tokens,
                ip,
            }),
            _ => None,
        }
    }
}

/// The question being drafted in the form, every field as typed; what is asked depends on the
/// kind of check ([`Op::fields`]), and the other fields keep what they hold for when the kind
/// changes back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The kind of check.
    pub op: Op,
    /// Asked through an API key rather than the console (for the kinds that may be).
    pub through_key: bool,
    /// Who acts, as [`parse_who`] reads it.
    pub who: String,
    /// The workspace's name.
    pub workspace: String,
    /// The model.
    pub model: String,
    /// The API key's label.
    pub key: String,
    /// The caller's address through a key, or empty for none.
    pub ip: String,
    /// Deploying a model fine-tuned from the model.
    pub fine_tuned: bool,
    /// The page opened.
    pub page: Page,
    /// The access to it.
    pub access: Access,
    /// The OpenAPI action.
    pub action: String,
    /// The workspace that holds the application, for an OpenAPI action: a name, an ID, or
    /// empty for none.
    pub openapi_workspace: String,
    /// The billing action.
    pub billing: BillingAction,
    /// The feature.
    pub feature: Feature,
    /// The traffic of a load, line by line.
    pub traffic: Vec<TrafficLine>,
    /// The id the next new traffic line takes.
    pub next_line: u32,
}

impl Draft {
    /// The form as it opens: a model call as root in the first workspace, with the first model;
    /// one traffic line.
    pub fn new(state: &State) -> Draft {
        Draft {
            op: Op::CallModel,
            through_key: false,
            who: "root".to_owned(),
            workspace: state
                .workspaces()
                .next()
                .map(|(_, ws)| ws.name.clone())
                .unwrap_or_default(),
            model: state
                .models()
                .next()
                .map(|(_, m)| m.name.clone())
                .unwrap_or_default(),
            key: String::new(),
            ip: String::new(),
            fine_tuned: false,
            page: Page::ModelExperience,
            access: Access::Operate,
            action: "ListIndices".to_owned(),
            openapi_workspace: String::new(),
            billing: BillingAction::ViewBills,
            feature: Feature::ModelStudio,
            traffic: vec![TrafficLine::new(0)],
            next_line: 1,
        }
    }

    /// What the form asks for the draft's kind of check.
    pub fn fields(&self) -> Fields {
        self.op.fields(self.through_key)
    }

    /// The check the draft asks, or every field that is wrong (in the order of the form).
    pub fn to_check(&self) -> Result<Check, Vec<FieldError>> {
        let mut errors = Vec::new();
        let fields = self.fields();
        let who = parse_who(&self.who);
        let workspace = self.workspace.clone();
        let model = self.model.clone();
        let key = self.key.trim().to_owned();
        let action = self.action.trim().to_owned();
        if fields.who && !fields.through_key && self.who.trim().is_empty() {
            errors.push(FieldError::new(Field::Who, Problem::NoPrincipal));
        }
        if fields.key && key.is_empty() {
            errors.push(FieldError::new(Field::Key, Problem::NoKey));
        }
        if fields.workspace && workspace.is_empty() {
            errors.push(FieldError::new(Field::Workspace, Problem::NoWorkspace));
        }
        if fields.openapi && action.is_empty() {
            errors.push(FieldError::new(Field::Action, Problem::NoAction));
        }
        let ip = if fields.ip {
            parse_ip(&self.ip).unwrap_or_else(|e| {
                errors.push(FieldError::new(Field::Ip, Problem::NotAnIp(e)));
                None
            })
        } else {
            None
        };
        let caller = || {
            if fields.through_key {
                Caller::Key {
                    key: key.clone(),
                    ip,
                }
            } else {
                Caller::Console {
                    who: who.clone(),
                    workspace: workspace.clone(),
                }
            }
        };
        let check = match self.op {
            Op::CallModel => Check::CallModel {
                caller: caller(),
                model,
            },
            Op::FineTune => Check::FineTune {
                caller: caller(),
                model,
            },
            Op::BatchInference => Check::BatchInference {
                who,
                workspace,
                model,
            },
            Op::Deploy => Check::Deploy {
                who,
                workspace,
                model,
                fine_tuned: self.fine_tuned,
            },
            Op::OpenPage => Check::OpenPage {
                who,
                workspace,
                page: self.page,
                access: self.access,
            },
            Op::ViewKey => Check::ViewKey { who, key },
            Op::CallOpenapi => Check::CallOpenapi {
                who,
                action,
                workspace: Some(self.openapi_workspace.clone()).filter(|text| !text.is_empty()),
            },
            Op::OpenSystemAdministration => Check::OpenSystemAdministration { who },
            Op::Billing => Check::Billing {
                who,
                action: self.billing,
            },
            Op::UseFeature => Check::UseFeature {
                who,
                feature: self.feature,
            },
            Op::Load => {
                let traffic = self
                    .traffic
                    .iter()
                    .filter_map(|line| line.to_traffic(&mut errors))
                    .collect();
                if self.traffic.is_empty() {
                    errors.push(FieldError::new(Field::Traffic, Problem::NoLines));
                }
                Check::Load { model, traffic }
            }
        };
        if errors.is_empty() {
            Ok(check)
        } else {
            Err(errors)
        }
    }

    /// The errors of the fields `shown` shows, in the order of the form.
    pub fn shown_errors(&self, shown: &Shown) -> Vec<FieldError> {
        match self.to_check() {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .into_iter()
                .filter(|e| shown.shows(e.field))
                .collect(),
        }
    }

    /// The draft that shows `check` (from a shared link, or back and forward): its fields are
    /// set from the check, the others keep what `around` holds; a load's lines are new, their
    /// ids taken from `around.next_line` on.
    pub fn from_check(check: &Check, around: Draft) -> Draft {
        let mut draft = around;
        draft.op = Op::of(check);
        match check {
            Check::CallModel { caller, model } | Check::FineTune { caller, model } => {
                match caller {
                    Caller::Console { who, workspace } => {
                        draft.through_key = false;
                        draft.who = who.to_string();
                        draft.workspace.clone_from(workspace);
                    }
                    Caller::Key { key, ip } => {
                        draft.through_key = true;
                        draft.key.clone_from(key);
                        draft.ip = ip.map(|ip| ip.to_string()).unwrap_or_default();
                    }
                }
                draft.model.clone_from(model);
            }
            Check::BatchInference {
                who,
                workspace,
                model,
            }
            | Check::Deploy {
                who,
                workspace,
                model,
                ..
            } => {
                draft.who = who.to_string();
                draft.workspace.clone_from(workspace);
                draft.model.clone_from(model);
                if let Check::Deploy { fine_tuned, .. } = check {
                    draft.fine_tuned = *fine_tuned;
                }
            }
            Check::OpenPage {
                who,
                workspace,
                page,
                access,
            } => {
                draft.who = who.to_string();
                draft.workspace.clone_from(workspace);
                draft.page = *page;
                draft.access = *access;
            }
            Check::ViewKey { who, key } => {
                draft.who = who.to_string();
                draft.key.clone_from(key);
            }
            Check::CallOpenapi {
                who,
                action,
                workspace,
            } => {
                draft.who = who.to_string();
                draft.action.clone_from(action);
                draft.openapi_workspace = workspace.clone().unwrap_or_default();
            }
            Check::OpenSystemAdministration { who } => draft.who = who.to_string(),
            Check::Billing { who, action } => {
                draft.who = who.to_string();
                draft.billing = *action;
            }
            Check::UseFeature { who, feature } => {
                draft.who = who.to_string();
                draft.feature = *feature;
            }
            Check::Load { model, traffic } => {
                draft.model.clone_from(model);
                let mut lines = Vec::with_capacity(traffic.len());
                for line in traffic {
                    lines.push(TrafficLine::from_traffic(draft.next_line, line));
                    draft.next_line = draft.next_line.wrapping_add(1);
                }
                draft.traffic = lines;
            }
        }
        draft
    }
}

impl Draft {
    /// Whether the draft shows `check`, so that its answer may be shown under it: it asks
    /// exactly that check, or it holds what showing that check would put in it (a linked check
    /// the form would write differently). A field changed since, or one that does not read (an
    /// address that is none), and it does not.
    pub fn asks(&self, check: &Check) -> bool {
        if self.to_check().is_ok_and(|asked| asked == *check) {
            return true;
        }
        // Showing a load makes new lines; their ids do not matter here.
        let without_ids = |mut draft: Draft| {
            draft.next_line = 0;
            for line in &mut draft.traffic {
                line.id = 0;
            }
            draft
        };
        without_ids(Draft::from_check(check, self.clone())) == without_ids(self.clone())
    }
}

/// Every identity a check can be asked as: `root`, each live user, then each user through each
/// role that trusts it, written as the "as" field reads them.
pub fn identities(state: &State) -> Vec<String> {
    let mut users: Vec<&str> = state.live_users().map(|(_, u)| u.name.as_str()).collect();
    sort_by_name(&mut users, |u| u);
    let mut assumed: Vec<String> = state
        .live_roles()
        .flat_map(|(_, role)| {
            role.trusted.iter().filter_map(move |id| {
                state
                    .user(*id)
                    .filter(|user| !user.deleted)
                    .map(|user| format!("{} via {}", user.name, role.name))
            })
        })
        .collect();
    sort_by_name(&mut assumed, String::as_str);
    std::iter::once("root".to_owned())
        .chain(users.into_iter().map(str::to_owned))
        .chain(assumed)
        .collect()
}

/// The OpenAPI actions the action field suggests: every read action, then the write actions
/// the seed's errors name.
pub fn action_suggestions() -> Vec<String> {
    OPENAPI_READ_ACTIONS
        .iter()
        .chain(
            [
                "AddFile",
                "DeleteFile",
                "CreateIndex",
                "DeleteIndex",
                "GetRetrievePromptPipelineMaxLimit",
            ]
            .iter(),
        )
        .map(|action| (*action).to_owned())
        .collect()
}

/// The workspace an error that `who` saw is asked in when the person chose none: where it works
/// ([`home_workspace`](crate::workspaces::home_workspace)). A new user's walk saw an intern's error asked in `default@cn-beijing`,
/// whose remedy added the intern there, where every model is open without limits.
pub fn error_workspace(state: &State, who: &Who) -> Option<String> {
    crate::workspaces::home_workspace(state, state.resolve(who).ok())
        .and_then(|id| state.workspace_name(id))
        .map(str::to_owned)
}

/// What the "What can … do?" button says for the "as" field's text (empty is root).
pub fn what_can_button(who: &str) -> String {
    let who = who.trim();
    let who = if who.is_empty() { "root" } else { who };
    format!("What can {who} do?")
}

/// The question in one line, as asked. Its names are quoted with [`words::quoted`], so that a
/// typed name that holds backticks reads whole (no stored name may hold one).
pub fn describe(check: &Check) -> String {
    use words::{asker, quoted as q};
    let caller = |caller: &Caller| match caller {
        Caller::Console { who, workspace } => {
            format!("from the console as {} in {}", asker(who), q(workspace))
        }
        Caller::Key { key, ip: Some(ip) } => format!("with API key {} from {ip}", q(key)),
        Caller::Key { key, ip: None } => format!("with API key {}, no caller address", q(key)),
    };
    match check {
        Check::CallModel { caller: c, model } => format!("Call {} {}", q(model), caller(c)),
        Check::FineTune { caller: c, model } => format!("Fine-tune {} {}", q(model), caller(c)),
        Check::BatchInference {
            who,
            workspace,
            model,
        } => format!(
            "Run batch inference with {} as {} in {}",
            q(model),
            asker(who),
            q(workspace)
        ),
        Check::Deploy {
            who,
            workspace,
            model,
            fine_tuned,
        } => format!(
            "Deploy {}{} as {} in {}",
            if *fine_tuned {
                "a model fine-tuned from "
            } else {
                ""
            },
            q(model),
            asker(who),
            q(workspace)
        ),
        Check::OpenPage {
            who,
            workspace,
            page,
            access,
        } => format!(
            "{} {} ({page}) as {} in {}",
            match access {
                Access::View => "View",
                Access::Operate => "Operate",
            },
            words::page(*page),
            asker(who),
            q(workspace)
        ),
        Check::ViewKey { who, key } => format!("See API key {} as {}", q(key), asker(who)),
        Check::CallOpenapi {
            who,
            action,
            workspace: None,
        } => format!("Call OpenAPI action {} as {}", q(action), asker(who)),
        Check::CallOpenapi {
            who,
            action,
            workspace: Some(workspace),
        } => format!(
            "Call OpenAPI action {} as {} on an application of {}",
            q(action),
            asker(who),
            q(workspace)
        ),
        Check::OpenSystemAdministration { who } => {
            format!("Open the System Administration page as {}", asker(who))
        }
        Check::Billing { who, action } => {
            format!("Billing action {} as {}", q(action.as_str()), asker(who))
        }
        Check::UseFeature { who, feature } => {
            format!("Use {} as {}", q(feature.as_str()), asker(who))
        }
        Check::Load { model, traffic } => {
            let lines: Vec<String> = traffic
                .iter()
                .map(|t| {
                    // Counts whole, grouped: on wasm32 a `usize` held 4,294,967,295 at most, and
                    // 5,000,000,000 tokens read as that (a new user's walk).
                    let tokens = if t.tokens == 1 { "token" } else { "tokens" };
                    format!(
                        "{} × {} ({} {tokens} each{})",
                        q(&t.key),
                        words::thousands(t.requests),
                        words::thousands(t.tokens),
                        t.ip.map(|ip| format!(", from {ip}")).unwrap_or_default()
                    )
                })
                .collect();
            format!("One minute of {} calls: {}", q(model), lines.join("; "))
        }
    }
}

/// What the decision of `response` means, beside its code: the code's sentence, except for a
/// restricted page, whose sentence covers both restricted pages; there the gate's own fact says
/// what this page needs (a new user's walk read the key management case under Permission
/// management).
pub fn decision_why(response: &studio_access_core::Response) -> String {
    use studio_access_core::Code;
    let restricted = response.outcome == Outcome::Deny(Code::PageRestricted);
    response
        .trace
        .iter()
        .find(|step| restricted && !step.passed)
        .map_or_else(
            || words::outcome(response.outcome),
            |step| format!("This page is restricted. {}", words::fact(&step.fact)),
        )
}

/// What a remedy's steps need said beside them in `state`: why they clear a whitelist
/// ([`words::remedy_note`]), and that a key they create will belong to the account where the
/// Beijing rule gives it to the account ([`crate::keys::ownership_note`]: a new user's walk read
/// "for user `user-01`" and was not told). `None` when nothing needs saying.
pub fn remedy_note(state: &State, check: &Check, steps: &[Command]) -> Option<String> {
    let owned = steps.iter().find_map(|step| match step {
        Command::CreateApiKey {
            workspace, owner, ..
        } => crate::keys::ownership_note(state, workspace, owner),
        _ => None,
    });
    let notes: Vec<String> = words::remedy_note(check, steps)
        .into_iter()
        .chain(owned)
        .collect();
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// The decision of an answer, as its heading says it and its CSS modifier marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Allowed, or a command that would succeed.
    Allow,
    /// Denied by a gate.
    Deny,
    /// The question could not be answered as asked.
    Error,
}

impl Verdict {
    /// The verdict of `outcome`.
    pub fn of(outcome: Outcome) -> Verdict {
        match outcome {
            Outcome::Allow | Outcome::Ok => Verdict::Allow,
            Outcome::Deny(_) => Verdict::Deny,
            Outcome::Error(_) => Verdict::Error,
        }
    }

    /// The verdict in one word.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Allow => "Allow",
            Verdict::Deny => "Deny",
            Verdict::Error => "Error",
        }
    }

    /// The CSS modifier that marks it: `checker__decision--<modifier>`.
    pub fn modifier(self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Deny => "deny",
            Verdict::Error => "error",
        }
    }
}

/// What applying proposed steps is offered as, for the acting identity: every step, or, when
/// step `stops_at + 1` would be refused, only the steps before it (none is not offered: the
/// button is then disabled and keeps the general label).
pub fn apply_button(who: &Who, stops_at: Option<usize>) -> String {
    match stops_at {
        Some(1) => format!("Apply the first step as {who}"),
        Some(n) if n > 1 => format!("Apply the first {n} steps as {who}"),
        _ => format!("Apply these steps as {who}"),
    }
}

/// What the control reads that makes root the acting identity, offered beside proposed steps
/// that the acting identity could not apply all of, when root could.
pub const ACT_AS_ROOT: &str = "Act as root, who can apply every step";

/// Where applying the proposed `steps` as `who` would stop, from core's `State::preview_all`
/// of them ([`words::applying_stops`]): `None` when every step would be applied.
pub fn step_refused(steps: &[Command], preview: &PlanPreview, who: &Who) -> Option<String> {
    words::applying_stops(words::StepNoun::STEP, steps, preview, who)
}

/// What stands in for the answer while the form no longer shows the question answered.
pub fn stale_answer() -> &'static str {
    "The question has changed since it was answered. Press Check to ask it."
}

/// What the answer says when the address holds a question that cannot be read.
pub fn link_error(why: &str) -> String {
    format!("The question in this link could not be read: {why}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use studio_access_core::{Command, Date, Region, SeededEntropy};

    /// An account of 2026-01-10 (with its default workspaces) and workspaces `w` and `v`, users `bob`, `ann` and `zed`
    /// (deleted), and roles `ops` (trusting `bob` and `ann`) and `audit` (trusting `zed`).
    fn state() -> State {
        let mut state = State::new_account(Date::new(2026, 1, 10).unwrap());
        let mut entropy = SeededEntropy::new(1);
        let steps = [
            Command::CreateWorkspace {
                region: Region::CnBeijing,
                name: "w".into(),
            },
            Command::CreateWorkspace {
                region: Region::CnBeijing,
                name: "v".into(),
            },
            Command::CreateUser { name: "bob".into() },
            Command::CreateUser { name: "ann".into() },
            Command::CreateUser { name: "zed".into() },
            Command::CreateRole { name: "ops".into() },
            Command::CreateRole {
                name: "audit".into(),
            },
            Command::TrustRole {
                role: "ops".into(),
                user: "bob".into(),
            },
            Command::TrustRole {
                role: "ops".into(),
                user: "ann".into(),
            },
            Command::TrustRole {
                role: "audit".into(),
                user: "zed".into(),
            },
            Command::DeleteUser { name: "zed".into() },
        ];
        for step in steps {
            assert!(
                state
                    .execute(&Who::root(), &step, &mut entropy)
                    .outcome
                    .is_success(),
                "{step:?}"
            );
        }
        state
    }

    fn console(who: Who, workspace: &str) -> Caller {
        Caller::Console {
            who,
            workspace: workspace.to_owned(),
        }
    }

    fn traffic(key: &str, requests: u64, tokens: u64, ip: Option<&str>) -> Traffic {
        Traffic {
            key: key.to_owned(),
            requests,
            tokens,
            ip: ip.map(|ip| ip.parse().unwrap()),
        }
    }

    /// One check of every kind, and of every caller and option a kind has.
    fn every_kind() -> Vec<Check> {
        vec![
            Check::CallModel {
                caller: console(Who::user("ann"), "w"),
                model: "qwen-plus".into(),
            },
            Check::CallModel {
                caller: Caller::Key {
                    key: "k1".into(),
                    ip: Some("203.0.113.7".parse().unwrap()),
                },
                model: "qwen-plus".into(),
            },
            Check::FineTune {
                caller: console(Who::via("ann", "ops"), "v"),
                model: "qwen-max".into(),
            },
            Check::FineTune {
                caller: Caller::Key {
                    key: "k2".into(),
                    ip: None,
                },
                model: "qwen-max".into(),
            },
            Check::BatchInference {
                who: Who::root(),
                workspace: "w".into(),
                model: "qwen-plus".into(),
            },
            Check::Deploy {
                who: Who::user("bob"),
                workspace: "w".into(),
                model: "qwen-plus".into(),
                fine_tuned: true,
            },
            Check::Deploy {
                who: Who::user("bob"),
                workspace: "v".into(),
                model: "qwen-max".into(),
                fine_tuned: false,
            },
            Check::OpenPage {
                who: Who::user("ann"),
                workspace: "w".into(),
                page: Page::ApiKey,
                access: Access::View,
            },
            Check::ViewKey {
                who: Who::via("bob", "ops"),
                key: "k1".into(),
            },
            Check::CallOpenapi {
                who: Who::user("ann"),
                action: "ListIndices".into(),
                workspace: None,
            },
            Check::CallOpenapi {
                who: Who::user("ann"),
                action: "AddFile".into(),
                workspace: Some("ws-123".into()),
            },
            Check::Billing {
                who: Who::user("ann"),
                action: BillingAction::PayOrder,
            },
            Check::OpenSystemAdministration {
                who: Who::user("bob"),
            },
            Check::UseFeature {
                who: Who::root(),
                feature: Feature::AiGuardrails,
            },
            Check::Load {
                model: "qwen-plus".into(),
                traffic: vec![
                    traffic("k1", 25, 100, None),
                    traffic("k2", 0, 4000, Some("2001:db8::1")),
                ],
            },
        ]
    }

    #[test]
    fn every_kind_of_check_goes_to_the_draft_and_back() {
        let state = state();
        for check in every_kind() {
            let draft = Draft::from_check(&check, Draft::new(&state));
            assert_eq!(draft.op, Op::of(&check), "{check:?}");
            assert_eq!(draft.to_check(), Ok(check.clone()), "{draft:?}");
            // And the draft a check shows is the one that asks it.
            let again = Draft::from_check(&draft.to_check().unwrap(), draft.clone());
            assert_eq!(again.to_check(), Ok(check));
        }
    }

    /// Issue 13: an answer stayed under a question whose fields had changed. A draft asks the
    /// check it shows, and no other once a field changes or stops reading.
    #[test]
    fn a_draft_asks_the_check_it_shows_and_no_other() {
        let state = state();
        for check in every_kind() {
            let draft = Draft::from_check(&check, Draft::new(&state));
            assert!(draft.asks(&check), "{check:?}");
            let mut changed = draft.clone();
            changed.model.push('x');
            changed.who.push('x');
            changed.key.push('x');
            changed.action.push('x');
            changed.page = Page::Playground;
            changed.feature = Feature::ALL[1];
            changed.billing = BillingAction::ALL[1];
            if let Some(line) = changed.traffic.first_mut() {
                line.requests.push('1');
            }
            assert!(!changed.asks(&check), "{check:?}");
        }
        let by_key = Check::CallModel {
            caller: Caller::Key {
                key: "k1".into(),
                ip: Some("10.0.0.1".parse().unwrap()),
            },
            model: "qwen-max".into(),
        };
        let mut draft = Draft::from_check(&by_key, Draft::new(&state));
        draft.ip = "10.0.0.300".into();
        assert!(!draft.asks(&by_key));
        // A linked key with spaces is shown as it is, and asks it.
        let spaced = Check::ViewKey {
            who: Who::root(),
            key: " k1 ".into(),
        };
        assert!(Draft::from_check(&spaced, Draft::new(&state)).asks(&spaced));
    }

    #[test]
    fn a_check_fills_its_fields_as_the_form_shows_them() {
        let state = state();
        let around = Draft::new(&state);
        let draft = Draft::from_check(
            &Check::CallModel {
                caller: Caller::Key {
                    key: "k1".into(),
                    ip: Some("203.0.113.7".parse().unwrap()),
                },
                model: "qwen-max".into(),
            },
            around.clone(),
        );
        assert_eq!(
            draft,
            Draft {
                through_key: true,
                key: "k1".into(),
                ip: "203.0.113.7".into(),
                model: "qwen-max".into(),
                ..around.clone()
            }
        );
        let draft = Draft::from_check(
            &Check::CallOpenapi {
                who: Who::via("ann", "ops"),
                action: "AddFile".into(),
                workspace: None,
            },
            Draft {
                openapi_workspace: "w".into(),
                ..around.clone()
            },
        );
        assert_eq!(
            draft,
            Draft {
                op: Op::CallOpenapi,
                who: "ann via ops".into(),
                action: "AddFile".into(),
                ..around.clone()
            }
        );
        let draft = Draft::from_check(
            &Check::CallModel {
                caller: console(Who::user("bob"), "v"),
                model: "qwen-plus".into(),
            },
            Draft {
                through_key: true,
                ..around.clone()
            },
        );
        assert!(!draft.through_key);
        assert_eq!((draft.who.as_str(), draft.workspace.as_str()), ("bob", "v"));
    }

    #[test]
    fn a_check_keeps_the_fields_it_does_not_use() {
        let state = state();
        let around = Draft {
            workspace: "v".into(),
            model: "qwen-max".into(),
            ip: "10.0.0.1".into(),
            fine_tuned: true,
            page: Page::Playground,
            action: "CreateIndex".into(),
            traffic: vec![TrafficLine::new(0), TrafficLine::new(3)],
            next_line: 4,
            ..Draft::new(&state)
        };
        let draft = Draft::from_check(
            &Check::ViewKey {
                who: Who::user("ann"),
                key: "k9".into(),
            },
            around.clone(),
        );
        assert_eq!(
            draft,
            Draft {
                op: Op::ViewKey,
                who: "ann".into(),
                key: "k9".into(),
                ..around
            }
        );
    }

    #[test]
    fn a_load_shows_new_lines_numbered_on_from_the_next_id() {
        let state = state();
        let around = Draft {
            traffic: vec![TrafficLine::new(4)],
            next_line: 5,
            ..Draft::new(&state)
        };
        let draft = Draft::from_check(
            &Check::Load {
                model: "qwen-max".into(),
                traffic: vec![
                    traffic("k1", 25, 100, None),
                    traffic("k2", 7, 3, Some("203.0.113.7")),
                ],
            },
            around,
        );
        assert_eq!(
            draft.traffic,
            vec![
                TrafficLine {
                    id: 5,
                    key: "k1".into(),
                    requests: "25".into(),
                    tokens: "100".into(),
                    ip: String::new(),
                },
                TrafficLine {
                    id: 6,
                    key: "k2".into(),
                    requests: "7".into(),
                    tokens: "3".into(),
                    ip: "203.0.113.7".into(),
                },
            ]
        );
        assert_eq!(draft.next_line, 7);
        assert_eq!(draft.model, "qwen-max");
    }

    #[test]
    fn a_new_draft_asks_a_model_call_as_root_in_the_first_workspace() {
        let state = state();
        let draft = Draft::new(&state);
        let first_workspace = state
            .workspaces()
            .next()
            .map(|(_, ws)| ws.name.clone())
            .unwrap();
        let first_model = state.models().next().map(|(_, m)| m.name.clone()).unwrap();
        assert_eq!(
            (first_workspace.as_str(), first_model.as_str()),
            ("default@cn-beijing", "qwen-max")
        );
        assert_eq!(
            draft.to_check(),
            Ok(Check::CallModel {
                caller: console(Who::root(), &first_workspace),
                model: first_model,
            })
        );
        assert_eq!(draft.traffic, vec![TrafficLine::new(0)]);
        assert_eq!(draft.next_line, 1);
        assert_eq!(draft.action, "ListIndices");
        assert_eq!(
            (draft.page, draft.access, draft.billing, draft.feature),
            (
                Page::ModelExperience,
                Access::Operate,
                BillingAction::ViewBills,
                Feature::ModelStudio
            )
        );
    }

    #[test]
    fn the_draft_is_read_as_typed() {
        let state = state();
        let draft = Draft {
            op: Op::CallOpenapi,
            who: "  ann  via  ops ".into(),
            action: "  ListIndices ".into(),
            openapi_workspace: String::new(),
            ..Draft::new(&state)
        };
        assert_eq!(
            draft.to_check(),
            Ok(Check::CallOpenapi {
                // The principal is asked as typed: nothing is trimmed silently.
                who: Who::via("  ann ", " ops "),
                action: "ListIndices".into(),
                workspace: None,
            })
        );
        // An empty principal is said, not asked as `root` unsaid (a new user's walk).
        let empty = Draft {
            who: "  ".into(),
            ..draft.clone()
        };
        assert_eq!(
            empty.to_check(),
            Err(vec![FieldError::new(Field::Who, Problem::NoPrincipal)])
        );
        let draft = Draft {
            op: Op::FineTune,
            through_key: true,
            key: " k1 ".into(),
            ip: " 203.0.113.7 ".into(),
            model: "qwen-max".into(),
            ..Draft::new(&state)
        };
        assert_eq!(
            draft.to_check(),
            Ok(Check::FineTune {
                caller: Caller::Key {
                    key: "k1".into(),
                    ip: Some("203.0.113.7".parse().unwrap()),
                },
                model: "qwen-max".into(),
            })
        );
        let draft = Draft {
            op: Op::Load,
            traffic: vec![TrafficLine {
                id: 2,
                key: " k1 ".into(),
                requests: " 25 ".into(),
                tokens: "0".into(),
                ip: " 2001:db8::1 ".into(),
            }],
            ..Draft::new(&state)
        };
        assert_eq!(
            draft.to_check(),
            Ok(Check::Load {
                model: draft.model.clone(),
                traffic: vec![traffic("k1", 25, 0, Some("2001:db8::1"))],
            })
        );
    }

    /// The errors of `draft`, as the form shows them: the field's name and the message.
    fn errors(draft: Draft) -> Vec<(String, String)> {
        match draft.to_check() {
            Ok(check) => panic!("asks {check:?}"),
            Err(errors) => errors
                .into_iter()
                .map(|e| (e.field.name(), e.problem.to_string()))
                .collect(),
        }
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(field, message)| ((*field).to_owned(), (*message).to_owned()))
            .collect()
    }

    const NOT_AN_IP: &str = "`nope` is not an IP address (for example 203.0.113.7 or 2001:db8::1).";

    #[test]
    fn every_field_error_names_its_field_and_why() {
        let state = state();
        let base = Draft::new(&state);
        let cases: Vec<(Draft, Vec<(String, String)>)> = vec![
            (
                Draft {
                    workspace: String::new(),
                    ..base.clone()
                },
                pairs(&[("workspace", "Choose a workspace.")]),
            ),
            (
                Draft {
                    through_key: true,
                    key: "  ".into(),
                    ip: " nope ".into(),
                    ..base.clone()
                },
                pairs(&[("key", "Name the API key."), ("ip", NOT_AN_IP)]),
            ),
            (
                Draft {
                    op: Op::FineTune,
                    through_key: true,
                    key: "k1".into(),
                    ip: "nope".into(),
                    ..base.clone()
                },
                pairs(&[("ip", NOT_AN_IP)]),
            ),
            (
                Draft {
                    op: Op::ViewKey,
                    ..base.clone()
                },
                pairs(&[("key", "Name the API key.")]),
            ),
            (
                Draft {
                    op: Op::Deploy,
                    workspace: String::new(),
                    ..base.clone()
                },
                pairs(&[("workspace", "Choose a workspace.")]),
            ),
            (
                Draft {
                    op: Op::OpenPage,
                    workspace: String::new(),
                    ..base.clone()
                },
                pairs(&[("workspace", "Choose a workspace.")]),
            ),
            (
                Draft {
                    op: Op::BatchInference,
                    // A batch cannot go through a key: the workspace is still needed.
                    through_key: true,
                    workspace: String::new(),
                    ..base.clone()
                },
                pairs(&[("workspace", "Choose a workspace.")]),
            ),
            (
                Draft {
                    op: Op::CallOpenapi,
                    action: " ".into(),
                    ..base.clone()
                },
                pairs(&[("action", "Name the OpenAPI action.")]),
            ),
            (
                Draft {
                    op: Op::Load,
                    traffic: Vec::new(),
                    ..base.clone()
                },
                pairs(&[("traffic", "Add at least one line.")]),
            ),
            (
                Draft {
                    op: Op::Load,
                    traffic: vec![
                        TrafficLine::new(0),
                        TrafficLine {
                            id: 1,
                            key: "k1".into(),
                            requests: "lots".into(),
                            tokens: "-1".into(),
                            ip: "nope".into(),
                        },
                    ],
                    ..base.clone()
                },
                pairs(&[
                    ("traffic-0-key", "Name the API key."),
                    (
                        "traffic-1-requests",
                        "Requests must be a whole number, 0 or more (not `lots`).",
                    ),
                    (
                        "traffic-1-tokens",
                        "Tokens per request must be 0 or more (not `-1`).",
                    ),
                    ("traffic-1-ip", NOT_AN_IP),
                ]),
            ),
        ];
        for (draft, expected) in cases {
            assert_eq!(errors(draft.clone()), expected, "{draft:?}");
        }
    }

    /// Issue 13: the form checks a field as it is typed, as a name is, and every field on
    /// submit; nothing is said before the person acts.
    #[test]
    fn an_error_shows_once_its_field_is_typed_into_or_the_form_submitted() {
        let draft = Draft {
            op: Op::CallModel,
            through_key: true,
            key: String::new(),
            ip: "nope".into(),
            ..Draft::new(&state())
        };
        let shown_fields = |shown: &Shown| {
            draft
                .shown_errors(shown)
                .into_iter()
                .map(|e| e.field.name())
                .collect::<Vec<_>>()
        };
        let mut shown = Shown::default();
        assert!(
            shown_fields(&shown).is_empty(),
            "nothing before the person acts"
        );
        assert!(shown.typed(Field::Ip));
        assert!(!shown.typed(Field::Ip), "typing again changes nothing");
        assert_eq!(shown_fields(&shown), ["ip"]);
        shown.submitted();
        assert_eq!(shown_fields(&shown), ["key", "ip"]);
        assert!(!shown.typed(Field::Key));
        let fixed = Draft {
            key: "k".into(),
            ip: "203.0.113.7".into(),
            ..draft.clone()
        };
        assert!(fixed.shown_errors(&shown).is_empty());
    }

    #[test]
    fn fields_a_check_does_not_ask_are_not_checked() {
        let state = state();
        let wrong = Draft {
            workspace: String::new(),
            key: String::new(),
            ip: "nope".into(),
            action: String::new(),
            traffic: Vec::new(),
            ..Draft::new(&state)
        };
        for op in [
            Op::OpenSystemAdministration,
            Op::Billing,
            Op::UseFeature,
            Op::CallOpenapi,
        ] {
            let draft = Draft {
                op,
                action: "ListIndices".into(),
                ..wrong.clone()
            };
            assert!(draft.to_check().is_ok(), "{op:?}");
        }
        // A model call through the console ignores the key and its address.
        let draft = Draft {
            workspace: "w".into(),
            ..wrong
        };
        assert!(draft.to_check().is_ok());
    }

    #[test]
    fn who_is_root_a_user_or_a_user_via_a_role() {
        for (text, who) in [
            ("", Who::root()),
            ("   ", Who::root()),
            ("root", Who::root()),
            ("ann", Who::user("ann")),
            (" ann ", Who::user(" ann ")),
            ("ann via ops", Who::via("ann", "ops")),
            ("  ann  via  ops ", Who::via("  ann ", " ops ")),
            ("a via b via c", Who::via("a via b", "c")),
            ("ann via", Who::user("ann via")),
        ] {
            assert_eq!(parse_who(text), who, "{text:?}");
        }
    }

    #[test]
    fn an_address_is_optional_and_must_parse() {
        assert_eq!(parse_ip(""), Ok(None));
        assert_eq!(parse_ip("  "), Ok(None));
        assert_eq!(
            parse_ip(" 203.0.113.7 "),
            Ok(Some("203.0.113.7".parse().unwrap()))
        );
        assert_eq!(
            parse_ip("2001:db8::1"),
            Ok(Some("2001:db8::1".parse().unwrap()))
        );
        assert_eq!(parse_ip(" nope ").unwrap_err().to_string(), NOT_AN_IP);
        assert!(parse_ip("10.0.0.0/8").is_err());
    }

    #[test]
    fn a_count_is_a_whole_number() {
        assert_eq!(parse_count("0", "Requests"), Ok(0));
        assert_eq!(parse_count(" 25 ", "Requests"), Ok(25));
        for (text, said) in [
            ("-1", "Requests must be 0 or more (not `-1`)."),
            (
                " 1.5 ",
                "Requests must be a whole number, 0 or more (not `1.5`).",
            ),
            ("", "Requests is empty: enter a whole number, 0 or more."),
            (
                "lots",
                "Requests must be a whole number, 0 or more (not `lots`).",
            ),
        ] {
            assert_eq!(
                parse_count(text, "Requests").unwrap_err().to_string(),
                said,
                "{text:?}"
            );
        }
    }

    /// Issue 13: a count past what a count can hold said "whole number".
    #[test]
    fn a_count_too_large_says_so_and_the_maximum() {
        let line = TrafficLine {
            tokens: "99999999999999999999".into(),
            ..TrafficLine::new(4)
        };
        let mut errors = Vec::new();
        assert_eq!(line.to_traffic(&mut errors), None);
        let said: Vec<(String, String)> = errors
            .into_iter()
            .map(|e| (e.field.name(), e.problem.to_string()))
            .collect();
        assert_eq!(
            said,
            pairs(&[
                ("traffic-4-key", "Name the API key."),
                (
                    "traffic-4-tokens",
                    "Tokens per request is too large: at most 18,446,744,073,709,551,615 (not `99999999999999999999`).",
                ),
            ])
        );
    }

    #[test]
    fn the_kinds_of_check_are_named_as_core_names_them() {
        for check in every_kind() {
            let op = Op::of(&check);
            assert_eq!(op.as_str(), check.op());
            assert_eq!(Op::parse(op.as_str()), Some(op));
        }
        assert_eq!(Op::parse("nope"), None);
        assert_eq!(
            Op::ALL.map(Op::option_label),
            [
                "Call a model (call-model)",
                "Run batch inference (batch-inference)",
                "Fine-tune a model (fine-tune)",
                "Deploy a model (deploy)",
                "Open a console page (open-page)",
                "See an API key (view-key)",
                "Call an application-data OpenAPI action (call-openapi)",
                "A billing action (billing)",
                "Open System Administration (open-system-administration)",
                "Use a feature (use-feature)",
                "One minute of API traffic (load)",
            ]
        );
        let keyed: Vec<Op> = Op::ALL.into_iter().filter(|op| op.keyed()).collect();
        assert_eq!(keyed, [Op::CallModel, Op::FineTune]);
    }

    /// The fields shown, by name, in the order of [`Fields`].
    fn shown(fields: Fields) -> Vec<&'static str> {
        let Fields {
            through_key,
            who,
            workspace,
            key,
            ip,
            model,
            fine_tuned,
            page,
            openapi,
            billing,
            feature,
            traffic,
            who_can,
        } = fields;
        [
            (through_key, "through-key"),
            (who, "who"),
            (workspace, "workspace"),
            (key, "key"),
            (ip, "ip"),
            (model, "model"),
            (fine_tuned, "fine-tuned"),
            (page, "page"),
            (openapi, "openapi"),
            (billing, "billing"),
            (feature, "feature"),
            (traffic, "traffic"),
            (who_can, "who-can"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }

    #[test]
    fn who_can_says_why_it_cannot_be_asked() {
        assert_eq!(Op::CallModel.fields(false).who_can_unavailable(), None);
        let keyed = Op::CallModel.fields(true).who_can_unavailable().unwrap();
        assert!(keyed.contains("through the console"), "{keyed}");
        let load = Op::Load.fields(false).who_can_unavailable().unwrap();
        assert!(load.contains("not asked of a load"), "{load}");
    }

    #[test]
    fn each_kind_asks_its_own_fields() {
        let cases: [(Op, bool, &[&str]); 14] = [
            (
                Op::CallModel,
                false,
                &["who", "workspace", "model", "who-can"],
            ),
            (Op::CallModel, true, &["through-key", "key", "ip", "model"]),
            (
                Op::FineTune,
                false,
                &["who", "workspace", "model", "who-can"],
            ),
            (Op::FineTune, true, &["through-key", "key", "ip", "model"]),
            (
                Op::BatchInference,
                true,
                &["who", "workspace", "model", "who-can"],
            ),
            (
                Op::Deploy,
                false,
                &["who", "workspace", "model", "fine-tuned", "who-can"],
            ),
            (
                Op::OpenPage,
                false,
                &["who", "workspace", "page", "who-can"],
            ),
            (Op::ViewKey, false, &["who", "key", "who-can"]),
            (Op::ViewKey, true, &["who", "key", "who-can"]),
            (Op::CallOpenapi, false, &["who", "openapi", "who-can"]),
            (Op::Billing, false, &["who", "billing", "who-can"]),
            (Op::OpenSystemAdministration, false, &["who", "who-can"]),
            (Op::UseFeature, false, &["who", "feature", "who-can"]),
            (Op::Load, true, &["model", "traffic"]),
        ];
        for (op, through_key, expected) in cases {
            assert_eq!(
                shown(op.fields(through_key)),
                expected,
                "{op:?} through a key: {through_key}"
            );
        }
    }

    #[test]
    fn fields_and_columns_are_named_as_the_test_ids_read() {
        assert_eq!(
            [
                Field::Who,
                Field::Workspace,
                Field::Key,
                Field::Ip,
                Field::Action,
                Field::OpenapiWorkspace,
                Field::Traffic,
            ]
            .map(Field::name),
            [
                "who",
                "workspace",
                "key",
                "ip",
                "action",
                "openapi-workspace",
                "traffic"
            ]
        );
        assert_eq!(
            Column::ALL.map(|c| Field::Line(7, c).name()),
            [
                "traffic-7-key",
                "traffic-7-requests",
                "traffic-7-tokens",
                "traffic-7-ip"
            ]
        );
        assert_eq!(
            Column::ALL.map(Column::label),
            ["Key", "Requests", "Tokens per request", "Caller address"]
        );
    }

    #[test]
    fn a_traffic_line_starts_at_sixty_requests_of_a_hundred_tokens() {
        let mut line = TrafficLine::new(3);
        assert_eq!(
            Column::ALL.map(|c| line.cell(c).to_owned()),
            ["", "60", "100", ""]
        );
        line.cell_mut(Column::Key).push_str("k1");
        line.cell_mut(Column::Ip).push_str("203.0.113.7");
        assert_eq!(
            TrafficLine::from_traffic(3, &traffic("k1", 60, 100, Some("203.0.113.7"))),
            line
        );
    }

    /// A new user's walk: a key label typed with a backtick lost it in the answer's heading,
    /// its gate and its remedy (the backtick was read as the end of a name). No stored name
    /// may hold one, so the question names no key: every sentence gives the label back whole.
    #[test]
    fn a_typed_name_with_backticks_reads_whole() {
        use words::Piece;
        let state = State::new_account(Date::new(2026, 6, 1).unwrap());
        let check = Check::CallModel {
            caller: Caller::Key {
                key: "my`key".into(),
                ip: None,
            },
            model: "qwen-plus".into(),
        };
        let response = state.check(&check);
        let advice = words::advice(&state.advise(&check)).unwrap();
        let facts: Vec<String> = response
            .trace
            .iter()
            .map(|s| words::fact(&s.fact))
            .collect();
        for sentence in [describe(&check), advice]
            .into_iter()
            .chain(facts.into_iter().filter(|f| f.contains("my")))
        {
            assert!(
                words::pieces(&sentence).contains(&Piece::Name("my`key")),
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_restricted_page_says_what_it_needs() {
        let mut state = State::new_account(Date::new(2026, 6, 1).unwrap());
        let mut entropy = SeededEntropy::new(1);
        for step in [
            Command::CreateUser { name: "ann".into() },
            Command::CreateWorkspace {
                region: Region::UsEast1,
                name: "w".into(),
            },
            Command::AddMember {
                workspace: "w".into(),
                member: studio_access_core::MemberName::User("ann".into()),
                admin: false,
            },
        ] {
            assert!(
                state
                    .execute(&Who::root(), &step, &mut entropy)
                    .outcome
                    .is_success()
            );
        }
        let open = |page| {
            decision_why(&state.check(&Check::OpenPage {
                who: Who::user("ann"),
                workspace: "w".into(),
                page,
                access: Access::View,
            }))
        };
        let permissions = open(Page::Permissions);
        assert!(
            permissions.contains("for its administrators only"),
            "{permissions}"
        );
        assert!(!permissions.contains("key management"), "{permissions}");
        assert!(open(Page::ApiKey).contains("Key management permission"));
    }

    #[test]
    fn the_question_is_described_in_one_line() {
        let described: Vec<String> = every_kind().iter().map(describe).collect();
        assert_eq!(
            described,
            [
                "Call `qwen-plus` from the console as ann in `w`",
                "Call `qwen-plus` with API key `k1` from 203.0.113.7",
                "Fine-tune `qwen-max` from the console as ann via ops in `v`",
                "Fine-tune `qwen-max` with API key `k2`, no caller address",
                "Run batch inference with `qwen-plus` as root in `w`",
                "Deploy a model fine-tuned from `qwen-plus` as bob in `w`",
                "Deploy `qwen-max` as bob in `v`",
                "View Key management (APIKey-FullAccess) as ann in `w`",
                "See API key `k1` as bob via ops",
                "Call OpenAPI action `ListIndices` as ann",
                "Call OpenAPI action `AddFile` as ann on an application of `ws-123`",
                "Billing action `pay-order` as ann",
                "Open the System Administration page as bob",
                "Use `ai-guardrails` as root",
                "One minute of `qwen-plus` calls: `k1` × 25 (100 tokens each); `k2` × 0 (4,000 tokens each, from 2001:db8::1)",
            ]
        );
        assert_eq!(
            describe(&Check::OpenPage {
                who: Who::root(),
                workspace: "w".into(),
                page: Page::ModelExperience,
                access: Access::Operate,
            }),
            "Operate Model experience (ModelExperience-FullAccess) as root in `w`"
        );
    }

    #[test]
    fn the_as_field_suggests_root_users_then_users_via_roles() {
        assert_eq!(
            identities(&state()),
            ["root", "ann", "bob", "ann via ops", "bob via ops"]
        );
    }

    #[test]
    fn the_action_field_suggests_reads_then_the_writes_errors_name() {
        let actions = action_suggestions();
        assert_eq!(
            actions.first().map(String::as_str),
            Some(OPENAPI_READ_ACTIONS[0])
        );
        assert!(actions.ends_with(&[
            "AddFile".to_owned(),
            "DeleteFile".to_owned(),
            "CreateIndex".to_owned(),
            "DeleteIndex".to_owned(),
            "GetRetrievePromptPipelineMaxLimit".to_owned(),
        ]));
        assert_eq!(actions.len(), OPENAPI_READ_ACTIONS.len() + 5);
    }

    /// A new user's walk: the remedy of an unknown key in China (Beijing) read "Create API key
    /// `k` in `project-a` for user `user-01`", and the key would then belong to the account
    /// (SPEC section 5), which nothing said.
    #[test]
    fn a_remedy_says_who_a_key_it_creates_will_belong_to() {
        let sample = studio_access_core::sample::sample_organisation(Date::BEIJING_ROOT_OWNERSHIP);
        let check = Check::CallModel {
            caller: Caller::Key {
                key: "new-key".into(),
                ip: None,
            },
            model: "qwen-plus".into(),
        };
        let steps = sample.advise(&check).steps().unwrap_or_default();
        assert!(
            matches!(&steps[..], [Command::CreateApiKey { workspace, .. }] if workspace == "project-a"),
            "{steps:?}"
        );
        let note = remedy_note(&sample, &check, &steps).unwrap_or_default();
        assert!(
            note.starts_with("This key will belong to the Alibaba Cloud account (root)"),
            "{note}"
        );
        // A key named for root, or created outside China (Beijing), needs no such note.
        let for_root = [Command::CreateApiKey {
            workspace: "project-a".into(),
            owner: studio_access_core::KeyOwnerName::Named("root".into()),
            key: "new-key".into(),
        }];
        assert_eq!(remedy_note(&sample, &check, &for_root), None);
    }

    #[test]
    fn the_sentences_of_the_screen() {
        let sample = studio_access_core::sample::sample_organisation(Date::BEIJING_ROOT_OWNERSHIP);
        assert_eq!(
            error_workspace(&sample, &Who::user("user-01")).as_deref(),
            Some("project-a")
        );
        let first = sample.workspaces().next().map(|(id, _)| id);
        let first = first
            .and_then(|id| sample.workspace_name(id))
            .map(str::to_owned);
        assert_eq!(error_workspace(&sample, &Who::root()), first);
        assert_eq!(error_workspace(&sample, &Who::user("nobody")), first);
        assert_eq!(what_can_button(""), "What can root do?");
        assert_eq!(what_can_button("  "), "What can root do?");
        assert_eq!(what_can_button(" ann via ops "), "What can ann via ops do?");
        let bob = Who::user("bob");
        assert_eq!(apply_button(&bob, None), "Apply these steps as bob");
        assert_eq!(apply_button(&bob, Some(0)), "Apply these steps as bob");
        assert_eq!(apply_button(&bob, Some(1)), "Apply the first step as bob");
        assert_eq!(
            apply_button(&bob, Some(3)),
            "Apply the first 3 steps as bob"
        );
    }

    #[test]
    fn proposed_steps_say_where_applying_them_would_stop() {
        let mut state = State::new_account(Date::BEIJING_ROOT_OWNERSHIP);
        let mut entropy = SeededEntropy::new(3);
        let created = state.execute(
            &Who::root(),
            &Command::CreateUser { name: "bob".into() },
            &mut entropy,
        );
        assert!(created.outcome.is_success());
        let steps = [
            Command::CreateUser { name: "ann".into() },
            Command::CreateUser { name: "cid".into() },
        ];
        assert_eq!(
            step_refused(
                &steps,
                &state.preview_all(&Who::root(), &steps),
                &Who::root()
            ),
            None
        );
        let bob = Who::user("bob");
        let said = step_refused(&steps, &state.preview_all(&bob, &steps), &bob).unwrap();
        assert!(
            said.starts_with("Step 1 would be refused as bob: Create RAM user `ann`. Denied ("),
            "{said}"
        );
        assert!(said.ends_with(" Nothing would change."), "{said}");
        // The second step is refused for what the first one made: the sentence says so.
        let twice = [
            Command::CreateWorkspace {
                region: Region::ApSoutheast1,
                name: "lab".into(),
            },
            Command::CreateWorkspace {
                region: Region::CnBeijing,
                name: "lab".into(),
            },
        ];
        let root = Who::root();
        let said = step_refused(&twice, &state.preview_all(&root, &twice), &root).unwrap();
        assert!(
            said.contains(
                ". Refused (duplicate): The workspace name `lab` is taken: a workspace in Singapore has it,"
            ),
            "{said}"
        );
        assert!(
            said.starts_with("Step 2 would be refused as root: "),
            "{said}"
        );
        assert!(
            said.ends_with(" Applying stops there, after 1 step."),
            "{said}"
        );
        assert_eq!(
            link_error("expected value at line 1 column 1"),
            "The question in this link could not be read: expected value at line 1 column 1"
        );
    }

    #[test]
    fn every_outcome_has_a_verdict() {
        use studio_access_core::Code;
        for (outcome, word, modifier) in [
            (Outcome::Allow, "Allow", "allow"),
            (Outcome::Ok, "Allow", "allow"),
            (Outcome::Deny(Code::NotMember), "Deny", "deny"),
            (Outcome::Error(Code::NotMember), "Error", "error"),
        ] {
            let verdict = Verdict::of(outcome);
            assert_eq!((verdict.word(), verdict.modifier()), (word, modifier));
        }
    }
}
