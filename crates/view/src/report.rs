//! Reports: the answers of the command line (and of the console's exports) shaped as text lines,
//! aligned tables, CSV, JSON and JUnit XML. Plain data and words, no terminal and no browser:
//! the CLI prints what this returns, and the console can offer the same CSV columns.
//!
//! Everything that reaches a person or a file is made safe here: control and invisible
//! characters (a name from an older state file may hold them) are written as escapes such as
//! `\u{1b}` in text, CSV and XML, and as `\u001b` in JSON, which reads them back unchanged.
//!
//! ```
//! use studio_access_view::report::{Table, printable};
//!
//! assert_eq!(printable("a\u{1b}[2J"), r"a\u{1b}[2J");
//! let table = Table::new(&["principal", "what"], vec![vec!["root".into(), "Call `qwen-max`".into()]]);
//! assert_eq!(table.lines(), ["PRINCIPAL  WHAT", "root       Call `qwen-max`"]);
//! assert_eq!(table.csv(), "principal,what\nroot,Call `qwen-max`\n");
//! ```

use serde::Serialize;
use studio_access_core::diff::AccessDiff;
use studio_access_core::scenario::{
    self, Action, Entry, EntryResult, Expectation, Malformed, Scenario,
};
use studio_access_core::{
    Access, Caller, Candidate, Check, Command, Finding, FindingCode, Gate, LoadReport, Outcome,
    Reach, Response, State, Subject, TraceStep, is_invisible,
};
use unicode_width::UnicodeWidthStr;

use crate::words;

// == Escapes ==================================================================================

/// Whether a character must not reach a terminal or a file as it is: a control character (a
/// line break too) or an invisible one (zero-width space, right-to-left override…).
fn unprintable(ch: char) -> bool {
    ch.is_control() || is_invisible(ch)
}

/// `text` with every control character (a line break too) and every invisible character
/// written as an escape, such as `\u{1b}`: a name from a state file cannot clear the terminal,
/// reorder what is shown, or forge a line of output.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if unprintable(ch) {
            out.extend(ch.escape_unicode());
        } else {
            out.push(ch);
        }
    }
    out
}

/// `value` as indented JSON in which every control or invisible character is a `\uXXXX`
/// escape, so that the text is safe to print and reads back as the same value.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let text = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        // The line breaks of the indentation are the only raw control characters outside
        // strings; inside strings serde_json has escaped those below U+0020 already.
        if ch != '\n' && unprintable(ch) {
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(ch);
        }
    }
    Ok(out)
}

/// `text` for XML character data: markup characters as entities; characters XML 1.0 cannot
/// hold (most control characters, U+FFFE, U+FFFF) and invisible ones as [`printable`] writes
/// them. With `attribute`, line breaks and tabs become character references, which an XML
/// reader keeps (a raw one in an attribute would be read as a space).
fn xml_escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(ch),
            '\u{fffe}' | '\u{ffff}' => out.extend(ch.escape_unicode()),
            _ if unprintable(ch) => out.extend(ch.escape_unicode()),
            _ => out.push(ch),
        }
    }
    out
}

// == Tables ===================================================================================

/// A table: named columns and rows of cells, shown aligned as text or written as CSV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The columns' names, as CSV writes them (lower case).
    pub header: Vec<&'static str>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with the columns `header`.
    pub fn new(header: &[&'static str], rows: Vec<Vec<String>>) -> Table {
        Table {
            header: header.to_vec(),
            rows,
        }
    }

    /// The table as aligned lines: the header in capitals, then each row; every column as wide
    /// as its widest cell (in terminal columns: `项目` takes four), two spaces between columns,
    /// an empty cell shown as `-`, no space at the end of a line. Cells are [`printable`].
    pub fn lines(&self) -> Vec<String> {
        let header: Vec<String> = self.header.iter().map(|h| h.to_uppercase()).collect();
        let rows: Vec<Vec<String>> = std::iter::once(header)
            .chain(self.rows.iter().map(|row| {
                row.iter()
                    .map(|cell| match cell.as_str() {
                        "" => "-".to_owned(),
                        text => printable(text),
                    })
                    .collect()
            }))
            .collect();
        let mut widths: Vec<usize> = Vec::new();
        for row in &rows {
            for (at, cell) in row.iter().enumerate() {
                let width = cell.width();
                match widths.get_mut(at) {
                    Some(widest) => *widest = (*widest).max(width),
                    None => widths.push(width),
                }
            }
        }
        rows.iter()
            .map(|row| {
                let mut line = String::new();
                for (at, cell) in row.iter().enumerate() {
                    if at > 0 {
                        line.push_str("  ");
                    }
                    line.push_str(cell);
                    let widest = widths.get(at).copied().unwrap_or(0);
                    line.extend(std::iter::repeat_n(
                        ' ',
                        widest.saturating_sub(cell.width()),
                    ));
                }
                line.truncate(line.trim_end().len());
                line
            })
            .collect()
    }

    /// The table as CSV (RFC 4180, with `\n` line ends): the header, then each row. A cell is
    /// quoted when it holds a comma or a quote, or starts or ends with a space. Cells are
    /// [`printable`], so none holds a line break, and one that a spreadsheet would read as a
    /// formula (starting with `=`, `+`, `-` or `@`) is prefixed with `'`.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let header = self.header.iter().map(|h| (*h).to_owned()).collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }
}

fn csv_cell(cell: &str) -> String {
    let mut text = printable(cell);
    if text.starts_with(['=', '+', '-', '@']) {
        text.insert(0, '\'');
    }
    if text.contains([',', '"']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

// == Traces ===================================================================================

/// One gate of a trace: which, whether it passed, and the console's line for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TraceLine {
    /// The gate.
    pub gate: Gate,
    /// Whether it passed.
    pub passed: bool,
    /// The console's line: `✓ Member: …` or `✗ …`.
    pub says: String,
}

impl TraceLine {
    /// A trace step as the console words it.
    pub fn of(step: &TraceStep) -> TraceLine {
        TraceLine {
            gate: step.gate,
            passed: step.passed,
            says: words::trace_step(step),
        }
    }
}

/// A `load`'s counts, one line for the whole and one per traffic line.
fn load_lines(load: &LoadReport) -> Vec<String> {
    let mut lines = vec![format!(
        "{} allowed, {} throttled, {} denied",
        load.allowed, load.throttled, load.denied
    )];
    for line in &load.lines {
        lines.push(format!(
            "  key {}: {} allowed, {} throttled, {} denied ({})",
            line.key, line.allowed, line.throttled, line.denied, line.gates
        ));
    }
    lines
}

// == Who can, what can ========================================================================

/// The columns of a reverse query's table and CSV.
pub const REACH_COLUMNS: [&str; 4] = ["principal", "workspace", "what", "grant"];

/// One allowed answer of "who can" or "what can": who, where, what, and through which grant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReachRow {
    /// `root`, a user, `user via role`, or `key <label>`.
    pub principal: String,
    /// The workspace it happens in (for a key, the key's); empty when none.
    pub workspace: String,
    /// What is allowed, in words.
    pub what: String,
    /// The grant that allows it: the last gate passed, in the console's words.
    pub grant: String,
    /// The question asked, as core asks it.
    pub check: Check,
}

impl ReachRow {
    /// The row of one reach.
    pub fn of(state: &State, reach: &Reach) -> ReachRow {
        let principal = match &reach.candidate {
            Candidate::Principal(who) => who.to_string(),
            Candidate::Key(key) => format!("key {key}"),
        };
        ReachRow {
            principal,
            workspace: workspace_of(state, &reach.check),
            what: what(&reach.check),
            grant: grant(&reach.response),
            check: reach.check.clone(),
        }
    }

    fn cells(&self) -> Vec<String> {
        [&self.principal, &self.workspace, &self.what, &self.grant]
            .map(String::clone)
            .to_vec()
    }
}

/// The answer of a reverse query: what was asked, how many answers, and each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReachReport {
    /// "Who can": the question, as asked of each candidate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<Check>,
    /// "What can": who.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who: Option<studio_access_core::Who>,
    /// How many answers are allowed.
    pub allowed: usize,
    /// Each allowed answer.
    pub rows: Vec<ReachRow>,
}

impl ReachReport {
    /// "Who can" `question`: `reached` are the candidates allowed.
    pub fn who_can(state: &State, question: &Check, reached: &[Reach]) -> ReachReport {
        let rows = reach_rows(state, reached);
        ReachReport {
            question: Some(question.clone()),
            who: None,
            allowed: rows.len(),
            rows,
        }
    }

    /// "What can" `who` do: `reached` are the answers allowed.
    pub fn what_can(
        state: &State,
        who: &studio_access_core::Who,
        reached: &[Reach],
    ) -> ReachReport {
        let rows = reach_rows(state, reached);
        ReachReport {
            question: None,
            who: Some(who.clone()),
            allowed: rows.len(),
            rows,
        }
    }

    /// The table ([`REACH_COLUMNS`]).
    pub fn table(&self) -> Table {
        reach_table(&self.rows)
    }

    /// The answer as text: the aligned table (none when nothing is allowed), then `N allowed`.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = if self.rows.is_empty() {
            Vec::new()
        } else {
            self.table().lines()
        };
        lines.push(format!("{} allowed", self.allowed));
        lines
    }
}

/// The rows of a reverse query's answer, in core's order.
pub fn reach_rows(state: &State, reached: &[Reach]) -> Vec<ReachRow> {
    reached
        .iter()
        .map(|reach| ReachRow::of(state, reach))
        .collect()
}

/// The table of a reverse query's answer ([`REACH_COLUMNS`]).
pub fn reach_table(rows: &[ReachRow]) -> Table {
    Table::new(&REACH_COLUMNS, rows.iter().map(ReachRow::cells).collect())
}

/// The workspace a check happens in, by name: the one it names, or the workspace of the key it
/// names; empty when it names neither.
fn workspace_of(state: &State, check: &Check) -> String {
    let key_workspace = |label: &str| {
        state
            .key_id(label)
            .and_then(|id| state.key(id))
            .map(|key| {
                state
                    .workspace_name(key.workspace)
                    .unwrap_or_default()
                    .to_owned()
            })
            .unwrap_or_default()
    };
    match check {
        Check::CallModel { caller, .. } | Check::FineTune { caller, .. } => match caller {
            Caller::Console { workspace, .. } => workspace.clone(),
            Caller::Key { key, .. } => key_workspace(key),
        },
        Check::BatchInference { workspace, .. }
        | Check::Deploy { workspace, .. }
        | Check::OpenPage { workspace, .. } => workspace.clone(),
        Check::ViewKey { key, .. } => key_workspace(key),
        Check::CallOpenapi { workspace, .. } => workspace.clone().unwrap_or_default(),
        Check::OpenSystemAdministration { .. }
        | Check::Billing { .. }
        | Check::UseFeature { .. }
        | Check::Load { .. } => String::new(),
    }
}

/// What a check asks, in the Access checker's words, without who asks and where (the other
/// columns of a reverse query say that).
pub fn what(check: &Check) -> String {
    let from = |caller: &Caller| match caller {
        Caller::Key { ip: Some(ip), .. } => format!(" from {ip}"),
        _ => String::new(),
    };
    match check {
        Check::CallModel { caller, model } => format!("Call `{model}`{}", from(caller)),
        Check::FineTune { caller, model } => format!("Fine-tune `{model}`{}", from(caller)),
        Check::BatchInference { model, .. } => format!("Run batch inference with `{model}`"),
        Check::Deploy {
            model, fine_tuned, ..
        } => {
            if *fine_tuned {
                format!("Deploy a model fine-tuned from `{model}`")
            } else {
                format!("Deploy `{model}`")
            }
        }
        Check::OpenPage { page, access, .. } => format!(
            "{} {} ({page})",
            match access {
                Access::View => "View",
                Access::Operate => "Operate",
            },
            words::page(*page)
        ),
        Check::ViewKey { key, .. } => format!("See API key `{key}`"),
        Check::CallOpenapi { action, .. } => format!("Call OpenAPI action `{action}`"),
        Check::OpenSystemAdministration { .. } => "Open the System Administration page".to_owned(),
        Check::Billing { action, .. } => format!("Billing action `{action}`"),
        Check::UseFeature { feature, .. } => format!("Use `{feature}`"),
        Check::Load { model, .. } => format!("One minute of `{model}` calls"),
    }
}

/// The grant that allows an answer, as the Access checker words a gate: the last gate passed
/// that is about the principal or key (the account, a membership, a page permission, a policy,
/// a key's status), so that the rows of "who can" say what each candidate holds; else the last
/// gate passed. Viewing a restricted page is granted by what passed its restriction, not by
/// the view every member has of unrestricted pages (a new user's walk read "Members can view
/// every unrestricted page" for an administrator on Permission management).
pub fn grant(response: &Response) -> String {
    let passed = || response.trace.iter().rev().filter(|step| step.passed);
    let restricted = response
        .trace
        .iter()
        .any(|step| step.gate == Gate::PageRestriction);
    passed()
        .filter(|step| !(restricted && step.gate == Gate::PageView))
        .find(|step| grants(step.gate) && !holds_nothing(&step.fact))
        .or_else(|| passed().next())
        .map(|step| format!("{}: {}", words::gate(step.gate), words::fact(&step.fact)))
        .unwrap_or_else(|| "allowed without a gate".to_owned())
}

/// Whether `fact` holds nothing of the caller's: a key's empty whitelist, which any caller
/// passes, or a read action, which the OpenAPI write gate lets through whatever is held.
fn holds_nothing(fact: &studio_access_core::Fact) -> bool {
    use studio_access_core::Fact;
    matches!(fact, Fact::Whitelist { cidrs, .. } if cidrs.is_empty())
        || matches!(fact, Fact::OpenapiAction { read: true, .. })
}

/// Whether passing `gate` is something the principal or key holds, rather than a fact of the
/// workspace, the model or the account's features.
fn grants(gate: Gate) -> bool {
    match gate {
        Gate::RootAccount
        | Gate::Member
        | Gate::PageRestriction
        | Gate::PageView
        | Gate::PageOperation
        | Gate::KeyStatus
        | Gate::IpWhitelist
        | Gate::KeyVisibility
        | Gate::OpenapiPolicy
        | Gate::OpenapiWrite
        | Gate::BillingPolicy
        | Gate::SuperAdmin => true,
        Gate::WorkspaceExists
        | Gate::PrincipalResolved
        | Gate::KeyKnown
        | Gate::ModelKnown
        | Gate::CallAuthorized
        | Gate::FineTunable
        | Gate::FineTuneAuthorized
        | Gate::Deployable
        | Gate::DeployAuthorized
        | Gate::FeatureActivated
        | Gate::RateLimit => false,
    }
}

// == Check ====================================================================================

/// A workspace named by a check: its name and its ID.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorkspaceRef {
    /// Its name.
    pub name: String,
    /// Its ID (`llm-…`).
    pub id: String,
}

/// One step of a remedy: in words, and as the step core takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RemedyStep {
    /// The step in words.
    pub says: String,
    /// The step.
    pub step: Command,
}

/// The answer to one check: the outcome, the trace, and for a denial the steps that would allow
/// it or why there are none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The check asked; `None` when a value outside its closed set refused it before any gate.
    pub check: Option<Check>,
    /// `allow`, `deny:<code>` or `error:<code>`.
    pub outcome: Outcome,
    /// The outcome in words.
    pub says: String,
    /// Every gate met, in order.
    pub trace: Vec<TraceLine>,
    /// A `load`'s counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load: Option<LoadReport>,
    /// The workspace the check names, when it exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace: Option<WorkspaceRef>,
    /// Steps, taken as `root`, after which the check is allowed (for a denial that has them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remedy: Option<Vec<RemedyStep>>,
    /// For a denial without steps, why there are none (a name that does not resolve, with the
    /// nearest existing ones; a gate no permission opens).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

/// The answer to `check` in `state`.
pub fn answer(state: &State, check: &Check) -> Answer {
    let response = state.check(check);
    let workspace = check
        .workspace_named()
        .and_then(|text| state.workspace_by_name_or_id(text))
        .and_then(|id| state.workspace(id))
        .map(|ws| WorkspaceRef {
            name: ws.name.clone(),
            id: ws.id.clone(),
        });
    let advice = state.advise(check);
    let says_why = words::advice(&advice);
    let remedy = advice.steps().map(|steps| {
        steps
            .into_iter()
            .map(|step| RemedyStep {
                says: words::command(&step),
                step,
            })
            .collect()
    });
    Answer {
        check: Some(check.clone()),
        outcome: response.outcome,
        says: words::outcome(response.outcome),
        trace: response.trace.iter().map(TraceLine::of).collect(),
        load: response.load,
        workspace,
        remedy,
        advice: says_why,
    }
}

/// The answer to a check refused before any gate (a value outside its closed set).
pub fn refused_answer(outcome: Outcome) -> Answer {
    Answer {
        check: None,
        outcome,
        says: words::outcome(outcome),
        trace: Vec::new(),
        load: None,
        workspace: None,
        remedy: None,
        advice: None,
    }
}

impl Answer {
    /// The answer as text: the outcome, its words, the trace, a load's counts, the workspace's
    /// ID, and the remedy with each step in words and as JSON.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.outcome.to_string(), format!("  {}", self.says)];
        lines.extend(self.trace.iter().map(|line| format!("  {}", line.says)));
        if let Some(load) = &self.load {
            lines.extend(load_lines(load).into_iter().map(|line| format!("  {line}")));
        }
        if let Some(ws) = &self.workspace {
            lines.push(format!("  workspace `{}` has the ID {}", ws.name, ws.id));
        }
        if let Some(steps) = &self.remedy {
            lines.push("steps that would allow it (as root, verified on a copy):".to_owned());
            for step in steps {
                let json =
                    serde_json::to_string(&step.step).unwrap_or_else(|_| step.step.op().to_owned());
                lines.push(format!("  {}: {json}", step.says));
            }
        }
        if let Some(advice) = &self.advice {
            lines.push(advice.clone());
        }
        lines
    }
}

// == Diff =====================================================================================

/// The access diff between two states as the Compare screen shows it: a summary, then the
/// changes in groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffReport {
    /// How the state compared from is named.
    pub before: String,
    /// How the state compared to is named.
    pub after: String,
    /// Whether access differs (a rename alone does not).
    pub changed: bool,
    /// The Compare screen's one-line answer.
    pub summary: String,
    /// Access gained, one line per change (pages alike grouped).
    pub gained: Vec<String>,
    /// Access lost.
    pub lost: Vec<String>,
    /// Keys that appear, go or change status.
    pub keys: Vec<String>,
    /// Audit findings that appear or clear.
    pub findings: Vec<String>,
    /// What changes no access by itself: workspaces renamed, users and roles that come or go.
    pub noted: Vec<String>,
    /// The diff as core computes it.
    pub diff: AccessDiff,
}

/// The report of `diff` from the state named `before` to the one named `after`.
pub fn diff_report(before: &str, after: &str, diff: AccessDiff) -> DiffReport {
    let groups = words::diff_groups(&diff);
    DiffReport {
        before: before.to_owned(),
        after: after.to_owned(),
        changed: !diff.is_empty(),
        summary: words::compare_summary(before, after, &groups),
        gained: groups.gained,
        lost: groups.lost,
        keys: groups.keys,
        findings: groups.findings,
        noted: groups.noted,
        diff,
    }
}

impl DiffReport {
    /// The groups in the Compare screen's order, with its titles; empty groups left out.
    pub fn groups(&self) -> Vec<(&'static str, &[String])> {
        [
            ("Access gained", self.gained.as_slice()),
            ("Access lost", self.lost.as_slice()),
            ("Keys", self.keys.as_slice()),
            ("Audit findings", self.findings.as_slice()),
            ("Also changed, no access by itself", self.noted.as_slice()),
        ]
        .into_iter()
        .filter(|(_, lines)| !lines.is_empty())
        .collect()
    }

    /// The report as text: the summary, then each group's title with its count and its lines.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.summary.clone()];
        for (title, group) in self.groups() {
            lines.push(String::new());
            lines.push(format!("{title} ({})", group.len()));
            lines.extend(group.iter().map(|line| format!("  {line}")));
        }
        lines
    }
}

// == Audit ====================================================================================

/// The columns of the audit's table and CSV.
pub const FINDING_COLUMNS: [&str; 4] = ["code", "finding", "subject", "fix"];

/// One audit finding: its code, its title, its subject and its fix, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FindingRow {
    /// The SPEC code.
    pub code: FindingCode,
    /// The finding's title, as the Audit screen shows it.
    pub title: &'static str,
    /// What it is about, in words.
    pub subject: String,
    /// The one-line fix.
    pub fix: String,
}

impl FindingRow {
    /// The row of one finding.
    pub fn of(finding: &Finding) -> FindingRow {
        FindingRow {
            code: finding.code,
            title: words::finding(finding.code),
            subject: subject(&finding.subject),
            fix: finding.fix.clone(),
        }
    }

    fn cells(&self) -> Vec<String> {
        let code = self.code.to_string();
        vec![
            code,
            self.title.to_owned(),
            self.subject.clone(),
            self.fix.clone(),
        ]
    }
}

/// What a finding is about, as the Audit screen names it.
pub fn subject(subject: &Subject) -> String {
    match subject {
        Subject::User { name, .. } => format!("RAM user {name}"),
        Subject::Role { name, .. } => format!("RAM role {name}"),
        Subject::Workspace { name, .. } => format!("workspace {name}"),
        Subject::Key { label, .. } => format!("API key {label}"),
        Subject::Quota { region, model, .. } => {
            format!("account quota of {model} in {}", words::region(*region))
        }
    }
}

/// Where a finding is fixed, as the query of the screen that fixes it, as (name, value) pairs,
/// not yet encoded: a principal's panel (`open=user:ann`), a workspace opened in its region
/// (`workspace=w`), a key highlighted (`key=label`), for a missing whitelist with its editor
/// open (`edit=whitelist`), a quota's model in its region (`region=us-east-1`, `model=qwen-max`).
pub fn fix_query(finding: &Finding) -> Vec<(&'static str, String)> {
    match &finding.subject {
        Subject::User { name, .. } => vec![("open", format!("user:{name}"))],
        Subject::Role { name, .. } => vec![("open", format!("role:{name}"))],
        Subject::Workspace { name, .. } => vec![("workspace", name.clone())],
        Subject::Key { label, .. } if finding.code == FindingCode::NoIpWhitelist => {
            vec![("key", label.clone()), ("edit", "whitelist".to_owned())]
        }
        Subject::Key { label, .. } => vec![("key", label.clone())],
        Subject::Quota { region, model, .. } => vec![
            ("region", region.as_str().to_owned()),
            ("model", model.clone()),
        ],
    }
}

/// Why a finding of `code` has no steps, and what the person does instead; `None` where core
/// offers steps ([`State::finding_fixes`](studio_access_core::State::finding_fixes)): an IP
/// whitelist's addresses are the person's to say, and a root key's finding stays with the key.
pub fn fix_without_steps(code: FindingCode) -> Option<&'static str> {
    if code.fixed_by_steps() {
        return None;
    }
    Some(match code {
        FindingCode::NoIpWhitelist => {
            "No steps: the addresses the key may be called from are yours to say. The link opens the key's whitelist editor."
        }
        FindingCode::RootDailyUse => {
            "No steps: the finding stays with the key, deleted or not, since a deleted key stays in the key list. Create the keys of daily work for RAM users."
        }
        _ => "No steps: this fix is yours to make.",
    })
}

/// Which findings make an audit fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Any finding at all.
    Any,
    /// A finding of this code.
    Code(FindingCode),
}

impl FailOn {
    /// `any`, or a finding code as SPEC section 7 spells it.
    pub fn parse(text: &str) -> Option<FailOn> {
        match text {
            "any" => Some(FailOn::Any),
            code => FindingCode::parse(code).map(FailOn::Code),
        }
    }

    fn matches(self, code: FindingCode) -> bool {
        match self {
            FailOn::Any => true,
            FailOn::Code(wanted) => wanted == code,
        }
    }
}

/// An audit: every finding, and those of them that make it fail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    /// Every finding, in the order of SPEC section 7's table.
    pub findings: Vec<FindingRow>,
    /// The codes found that were asked to fail on, each once, in the same order.
    pub failing: Vec<FindingCode>,
}

/// The audit of `findings`, failing on what `fail_on` asks for.
pub fn audit_report(findings: &[Finding], fail_on: &[FailOn]) -> AuditReport {
    let mut failing: Vec<FindingCode> = Vec::new();
    for finding in findings {
        if fail_on.iter().any(|f| f.matches(finding.code)) && !failing.contains(&finding.code) {
            failing.push(finding.code);
        }
    }
    AuditReport {
        findings: findings.iter().map(FindingRow::of).collect(),
        failing,
    }
}

impl AuditReport {
    /// Whether a finding asked to fail on was found.
    pub fn failed(&self) -> bool {
        !self.failing.is_empty()
    }

    /// The findings' table ([`FINDING_COLUMNS`]).
    pub fn table(&self) -> Table {
        Table::new(
            &FINDING_COLUMNS,
            self.findings.iter().map(FindingRow::cells).collect(),
        )
    }

    /// The audit as text: each finding (code, title and subject) with its fix below it, then
    /// how many, then which of them fail the audit. `asked` says whether codes to fail on were
    /// given at all.
    pub fn lines(&self, asked: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for row in &self.findings {
            lines.push(format!("{}  {}: {}", row.code, row.title, row.subject));
            lines.push(format!("  fix: {}", row.fix));
        }
        lines.push(match self.findings.len() {
            0 => "No findings.".to_owned(),
            1 => "1 finding".to_owned(),
            n => format!("{n} findings"),
        });
        if self.failed() {
            let codes: Vec<&str> = self.failing.iter().map(|c| c.as_str()).collect();
            lines.push(format!("Failing: found {}.", codes.join(", ")));
        } else if asked {
            lines.push("None of the findings to fail on was found.".to_owned());
        }
        lines
    }
}

// == Scenario runs ============================================================================

/// Why an entry failed, in the console's words: what it expected, what happened, and the trace
/// of the gates (for a check) or the step and the stage that refused it (for a step).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// For a step, the step in words and who took it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The expectation in words.
    pub expected: String,
    /// The outcome in words.
    pub got: String,
    /// For a check, every gate met, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trace: Vec<TraceLine>,
    /// Anything else that explains it: a load's counts, the findings of an audit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Explanation {
    /// The explanation as text lines, to stand below the entry's line.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(step) = &self.step {
            lines.push(format!("step:     {step}"));
        }
        lines.push(format!("expected: {}", self.expected));
        lines.push(format!("got:      {}", self.got));
        lines.extend(self.trace.iter().map(|line| line.says.clone()));
        lines.extend(self.notes.iter().cloned());
        lines
    }
}

/// One entry of a scenario, how it went, and for a failed one why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntryRun {
    /// Where the entry is, its `op`, what it expected, what happened, and whether the two agree.
    #[serde(flatten)]
    pub result: EntryResult,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

impl EntryRun {
    fn new(result: EntryResult, explanation: Option<Explanation>) -> EntryRun {
        EntryRun {
            result,
            explanation,
        }
    }

    /// `entry 2 (line 6, create-user)`: where the entry is.
    pub fn name(&self) -> String {
        let EntryResult {
            number, line, op, ..
        } = &self.result;
        format!("entry {number} (line {line}, {op})")
    }

    /// `expected ok, got error:duplicate`.
    pub fn verdict(&self) -> String {
        format!(
            "expected {}, got {}",
            self.result.expected, self.result.actual
        )
    }
}

/// How one file of a run went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum FileResult {
    /// The file could not be read: nothing of it ran.
    Unreadable {
        /// Why.
        problem: String,
    },
    /// The file is malformed: nothing of it ran.
    Malformed {
        /// The file, the line, the field and what is wrong, in one line.
        problem: String,
        /// The line at fault.
        line: usize,
        /// The field at fault.
        #[serde(skip_serializing_if = "Option::is_none")]
        field: Option<String>,
    },
    /// It ran, entry by entry.
    Ran {
        /// Every entry, in file order.
        entries: Vec<EntryRun>,
    },
}

/// One scenario file of a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileRun {
    /// The file's name as given.
    pub file: String,
    /// How it went.
    #[serde(flatten)]
    pub result: FileResult,
}

impl FileRun {
    /// A file that could not be read.
    pub fn unreadable(file: &str, problem: &str) -> FileRun {
        FileRun {
            file: file.to_owned(),
            result: FileResult::Unreadable {
                problem: problem.to_owned(),
            },
        }
    }

    /// A file that is malformed.
    pub fn malformed(malformed: &Malformed) -> FileRun {
        FileRun {
            file: malformed.file.clone(),
            result: FileResult::Malformed {
                problem: malformed.to_string(),
                line: malformed.line,
                field: malformed.field.clone(),
            },
        }
    }

    /// Entries that passed.
    pub fn passed(&self) -> usize {
        match &self.result {
            FileResult::Ran { entries } => entries.iter().filter(|e| e.result.passed).count(),
            FileResult::Unreadable { .. } | FileResult::Malformed { .. } => 0,
        }
    }

    /// Entries that failed; a file that did not run counts as one failure.
    pub fn failed(&self) -> usize {
        match &self.result {
            FileResult::Ran { entries } => entries.iter().filter(|e| !e.result.passed).count(),
            FileResult::Unreadable { .. } | FileResult::Malformed { .. } => 1,
        }
    }
}

/// Runs `scenario` from `start` with core's runner and explains every entry that failed, in the
/// state it met. Returns the file's run and the state the scenario ends in.
///
/// Core's report says what each entry came to; the explanation asks the same question again of
/// the state just before the entry, rebuilt by running the entries before it from `start` with
/// core's runner too, one stretch from one failed entry to the next, so the whole costs about
/// two runs however many entries fail. (A rebuilt state may hold other key secrets than the
/// first run's, drawn afresh; no decision depends on a secret.)
pub fn run_file(scenario: &Scenario, start: State) -> (FileRun, State) {
    let (entries, end) = run_entries(scenario, start);
    let run = FileRun {
        file: scenario.file.clone(),
        result: FileResult::Ran { entries },
    };
    (run, end)
}

/// As [`run_file`], the entries alone: every entry's result, each failed one explained, and
/// the state the scenario ends in.
pub fn run_entries(scenario: &Scenario, start: State) -> (Vec<EntryRun>, State) {
    let mut end = start.clone();
    let report = scenario::run_on(&mut end, scenario);
    let mut replay = start;
    let mut today = scenario.today;
    let mut from = 0;
    let mut entries = Vec::with_capacity(report.results.len());
    for (at, result) in report.results.into_iter().enumerate() {
        let explanation = match scenario.entries.get(at) {
            Some(entry) if !result.passed => {
                let before = Scenario {
                    file: scenario.file.clone(),
                    today: today.take(),
                    entries: scenario.entries.get(from..at).unwrap_or_default().to_vec(),
                };
                scenario::run_on(&mut replay, &before);
                from = at;
                Some(explain(&replay, entry, &result))
            }
            _ => None,
        };
        entries.push(EntryRun::new(result, explanation));
    }
    (entries, end)
}

/// Why `entry` came to `result`, asked of `state`, the state just before it.
fn explain(state: &State, entry: &Entry, result: &EntryResult) -> Explanation {
    let (expected, wants_count) = match entry.expect {
        Expectation::Outcome { outcome, allowed } => (
            with_count(words::outcome(outcome), allowed.map(u128::from)),
            allowed.is_some(),
        ),
        Expectation::Audit => (result.expected.clone(), false),
    };
    let mut explanation = Explanation {
        step: None,
        expected,
        got: result.actual.clone(),
        trace: Vec::new(),
        notes: Vec::new(),
    };
    match &entry.action {
        Action::Step { who, command } => {
            explanation.step = Some(format!("{} (as {who})", words::command(command)));
            explanation.got = match state.plan(who, command) {
                Ok(_) => words::outcome(Outcome::Ok),
                Err(refusal) => words::step_refusal(state, command, &refusal),
            };
        }
        Action::Check(check) => {
            let response = state.check(check);
            let accepted = response.load.as_ref().map(|load| load.allowed);
            explanation.got = with_count(
                words::outcome(response.outcome),
                accepted.filter(|_| wants_count),
            );
            explanation.trace = response.trace.iter().map(TraceLine::of).collect();
            if let Some(load) = &response.load {
                explanation.notes = load_lines(load);
            }
        }
        Action::Audit { .. } => {
            explanation.notes = state
                .audit()
                .iter()
                .map(|finding| {
                    format!(
                        "found {} ({}): {}",
                        finding.code,
                        words::finding(finding.code),
                        subject(&finding.subject)
                    )
                })
                .collect();
        }
        Action::Refused(outcome) => explanation.got = words::outcome(*outcome),
    }
    explanation
}

/// An outcome in words, with the count of accepted requests a `load` expects.
fn with_count(said: String, accepted: Option<u128>) -> String {
    match accepted {
        Some(n) => format!("{said} Requests accepted: {n}."),
        None => said,
    }
}

/// A run of several scenario files, each on its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RunReport {
    /// Entries that passed, in every file.
    pub passed: usize,
    /// Entries that failed, and files that did not run.
    pub failed: usize,
    /// Each file, in the order given.
    pub files: Vec<FileRun>,
}

impl RunReport {
    /// The report of these files.
    pub fn new(files: Vec<FileRun>) -> RunReport {
        RunReport {
            passed: files.iter().map(FileRun::passed).sum(),
            failed: files.iter().map(FileRun::failed).sum(),
            files,
        }
    }

    /// Whether a file could not be read.
    pub fn unreadable(&self) -> bool {
        self.files
            .iter()
            .any(|f| matches!(f.result, FileResult::Unreadable { .. }))
    }

    /// `3 passed, 1 failed`.
    pub fn summary(&self) -> String {
        format!("{} passed, {} failed", self.passed, self.failed)
    }

    /// The run as text, as SPEC section 8 has `run` print it: one line per file that did not
    /// run and per failed entry, then the summary. With `explain`, each failed entry's line is
    /// followed by its explanation, indented.
    pub fn lines(&self, explain: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for file in &self.files {
            match &file.result {
                FileResult::Unreadable { problem } => {
                    lines.push(format!("{}: cannot read: {problem}", file.file));
                }
                FileResult::Malformed { problem, .. } => lines.push(problem.clone()),
                FileResult::Ran { entries } => {
                    for entry in entries.iter().filter(|e| !e.result.passed) {
                        lines.push(format!(
                            "{}: {}: {}",
                            file.file,
                            entry.name(),
                            entry.verdict()
                        ));
                        if let Some(explanation) = entry.explanation.as_ref().filter(|_| explain) {
                            lines.extend(explanation.lines().into_iter().map(|l| format!("  {l}")));
                        }
                    }
                }
            }
        }
        lines.push(self.summary());
        lines
    }

    /// The run as JUnit XML: one `<testsuite>` per file, one `<testcase>` per entry (its class
    /// name the file), a `<failure>` with the verdict as its message and the explanation as its
    /// text for each failed entry; a malformed file is one failed test case, an unreadable one a
    /// test case in `<error>`.
    pub fn junit(&self) -> String {
        let mut suites = Vec::new();
        let (mut tests, mut failures, mut errors) = (0, 0, 0);
        for file in &self.files {
            let suite = junit_suite(file);
            tests += suite.tests;
            failures += suite.failures;
            errors += suite.errors;
            suites.push(suite.xml);
        }
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.push_str(&format!(
            "<testsuites name=\"studio-access\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n"
        ));
        for suite in suites {
            xml.push_str(&suite);
        }
        xml.push_str("</testsuites>\n");
        xml
    }
}

/// A failure's `type`: `audit` for an audit, else the outcome the entry came to.
fn failure_type(entry: &EntryRun) -> String {
    if entry.result.op == "audit" {
        return "audit".to_owned();
    }
    let outcome = entry.result.actual.split(',').next().unwrap_or_default();
    outcome.to_owned()
}

struct Suite {
    tests: usize,
    failures: usize,
    errors: usize,
    xml: String,
}

fn junit_suite(file: &FileRun) -> Suite {
    let name = xml_escape(&file.file, true);
    let case = |test: &str, body: &str| {
        let test = xml_escape(test, true);
        if body.is_empty() {
            format!("    <testcase name=\"{test}\" classname=\"{name}\"/>\n")
        } else {
            format!("    <testcase name=\"{test}\" classname=\"{name}\">{body}</testcase>\n")
        }
    };
    let (tests, failures, errors, cases) = match &file.result {
        FileResult::Unreadable { problem } => (
            1,
            0,
            1,
            case(
                "read the file",
                &format!(
                    "\n      <error message=\"{}\" type=\"unreadable\"/>\n    ",
                    xml_escape(&format!("cannot read: {problem}"), true)
                ),
            ),
        ),
        FileResult::Malformed { problem, .. } => (
            1,
            1,
            0,
            case(
                "parse the file",
                &format!(
                    "\n      <failure message=\"{}\" type=\"malformed\"/>\n    ",
                    xml_escape(problem, true)
                ),
            ),
        ),
        FileResult::Ran { entries } => {
            let mut cases = String::new();
            for entry in entries {
                let body = if entry.result.passed {
                    String::new()
                } else {
                    let text = entry
                        .explanation
                        .as_ref()
                        .map(|e| e.lines().join("\n"))
                        .unwrap_or_default();
                    format!(
                        "\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    ",
                        xml_escape(&entry.verdict(), true),
                        xml_escape(&failure_type(entry), true),
                        xml_escape(&text, false)
                    )
                };
                cases.push_str(&case(&entry.name(), &body));
            }
            let failed = entries.iter().filter(|e| !e.result.passed).count();
            (entries.len(), failed, 0, cases)
        }
    };
    Suite {
        tests,
        failures,
        errors,
        xml: format!(
            "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\">\n{cases}  </testsuite>\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio_access_core::sample::sample_organisation;
    use studio_access_core::{Code, Date, Page, Who};

    fn today() -> Date {
        "2026-11-22".parse().unwrap()
    }

    fn sample() -> State {
        sample_organisation(today())
    }

    #[test]
    fn printable_escapes_control_and_invisible_characters_only() {
        assert_eq!(printable("项目 A-1"), "项目 A-1");
        assert_eq!(
            printable("a\nb\u{1b}[2J\u{202e}c\u{200b}"),
            r"a\u{a}b\u{1b}[2J\u{202e}c\u{200b}"
        );
        assert_eq!(printable(&printable("x\ty")), printable("x\ty"));
    }

    #[test]
    fn json_escapes_what_cannot_be_printed_and_reads_back_the_same() {
        let value = vec![
            "plain",
            "bell\u{7}",
            "rtl\u{202e}x",
            "del\u{7f}",
            "emoji 🚀",
        ];
        let text = json(&value).unwrap();
        assert!(!text.chars().any(|c| c != '\n' && unprintable(c)), "{text}");
        assert!(
            text.contains(r"\u202e") && text.contains(r"\u007f"),
            "{text}"
        );
        assert!(
            text.contains('🚀'),
            "visible characters stay as they are: {text}"
        );
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn xml_escapes_markup_and_what_xml_cannot_hold() {
        assert_eq!(
            xml_escape("<a & \"b\" 'c'>", true),
            "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;"
        );
        assert_eq!(xml_escape("x\ny", true), "x&#10;y");
        assert_eq!(xml_escape("x\ny", false), "x\ny");
        assert_eq!(xml_escape("\u{1b}\u{ffff}", false), r"\u{1b}\u{ffff}");
    }

    #[test]
    fn tables_align_by_terminal_width_and_show_empty_cells() {
        let table = Table::new(
            &["name", "where", "what"],
            vec![
                vec!["项目".into(), String::new(), "x".into()],
                vec!["a\u{1b}".into(), "w".into(), "longer".into()],
            ],
        );
        assert_eq!(
            table.lines(),
            [
                "NAME     WHERE  WHAT",
                "项目     -      x",
                r"a\u{1b}  w      longer",
            ]
        );
    }

    #[test]
    fn csv_quotes_escapes_and_defuses_formulas() {
        let table = Table::new(
            &["a", "b"],
            vec![
                vec!["x, y".into(), "say \"hi\"".into()],
                vec!["=cmd()".into(), "-1".into()],
                vec!["line\nbreak".into(), " padded".into()],
            ],
        );
        assert_eq!(
            table.csv(),
            "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n'=cmd(),'-1\nline\\u{a}break,\" padded\"\n"
        );
    }

    /// A new user's walk: Who can? gave an administrator viewing Permission management, and a
    /// holder of the key permission viewing Key management, the grant "Members can view every
    /// unrestricted page": what let them in is what passed the page's restriction.
    #[test]
    fn a_restricted_page_is_granted_by_what_passed_its_restriction() {
        let state = sample();
        let view_as = |who: &str, page| {
            let check = Check::OpenPage {
                who: Who::user(who),
                workspace: "project-prod".into(),
                page,
                access: Access::View,
            };
            grant(&state.check(&check))
        };
        assert_eq!(
            view_as("lead-01", Page::Permissions),
            "Restricted page: Workspace administrator: every page, Permission management included."
        );
        assert!(
            !view_as("lead-01", Page::ApiKey).contains("unrestricted"),
            "{}",
            view_as("lead-01", Page::ApiKey)
        );
        // An unrestricted page is viewed as every member views it.
        assert!(
            view_as("lead-01", Page::Playground)
                .ends_with("Members can view every unrestricted page.")
        );
    }

    #[test]
    fn reach_rows_name_who_where_what_and_the_grant() {
        let state = sample();
        let check = Check::CallModel {
            caller: Caller::Console {
                who: Who::root(),
                workspace: "project-a".into(),
            },
            model: "qwen-plus".into(),
        };
        let rows = reach_rows(&state, &state.who_can(&check));
        let root = rows.iter().find(|r| r.principal == "root").unwrap();
        assert_eq!(root.workspace, "project-a");
        assert_eq!(root.what, "Call `qwen-plus`");
        assert_eq!(
            root.grant,
            "Alibaba Cloud account: The Alibaba Cloud account has access to everything."
        );
        let user = rows.iter().find(|r| r.principal == "user-01").unwrap();
        assert!(user.grant.starts_with("Operate page: "), "{user:?}");
        let key = rows
            .iter()
            .find(|r| r.principal == "key project-a-open")
            .unwrap();
        assert_eq!(key.workspace, "project-a", "a key's workspace is its own");
        assert!(key.grant.starts_with("API key status: "), "{key:?}");
        assert!(!rows.iter().any(|r| r.principal == "admin-01"));
        let table = reach_table(&rows);
        assert_eq!(table.header, REACH_COLUMNS);
        assert_eq!(table.rows.len(), rows.len());
        assert!(table.csv().starts_with("principal,workspace,what,grant\n"));

        let page = Check::OpenPage {
            who: Who::root(),
            workspace: "w".into(),
            page: Page::Playground,
            access: Access::Operate,
        };
        assert_eq!(what(&page), "Operate Playground (Playground-FullAccess)");
        let billing = Check::OpenSystemAdministration { who: Who::root() };
        assert_eq!(workspace_of(&state, &billing), "");
    }

    #[test]
    fn an_answer_has_its_trace_and_for_a_denial_its_remedy() {
        let state = sample();
        let check = Check::OpenPage {
            who: Who::user("admin-01"),
            workspace: "project-a".into(),
            page: Page::Playground,
            access: Access::View,
        };
        let answer = answer(&state, &check);
        assert_eq!(answer.outcome, Outcome::Deny(Code::NotMember));
        assert!(
            answer
                .trace
                .iter()
                .any(|t| !t.passed && t.gate == Gate::Member)
        );
        let lines = answer.lines();
        assert_eq!(lines.first().unwrap(), "deny:not-member");
        assert!(lines.iter().any(|l| l.contains("✗ Workspace membership")));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("  workspace `project-a` has the ID llm-"))
        );
        let remedy = answer.remedy.as_ref().unwrap();
        assert!(
            remedy
                .iter()
                .any(|s| s.says.starts_with("Add user `admin-01`"))
        );
        assert!(lines.iter().any(|l| l.contains(r#""op":"add-member""#)));

        let refused = refused_answer(Outcome::Error(Code::InvalidValue));
        assert_eq!(
            refused.lines(),
            [
                "error:invalid-value",
                "  Refused (invalid-value): A value is not valid here."
            ]
        );
    }

    fn run_text(text: &str, start: State) -> (FileRun, State) {
        let scenario = scenario::parse("t.toml", text).unwrap();
        run_file(&scenario, start)
    }

    fn entries(run: &FileRun) -> &[EntryRun] {
        match &run.result {
            FileResult::Ran { entries } => entries,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_failed_check_is_explained_in_the_state_it_met() {
        // The check fails only because of the step before it; the step after it would make it
        // pass: the explanation must come from the state between the two.
        let open = "[[step]]\nas = \"ann\"\nop = \"open-page\"\nworkspace = \"w\"\n\
                    page = \"Playground-FullAccess\"\naccess = \"view\"";
        let text = format!(
            r#"
today = "2026-11-22"
[[step]]
op = "create-workspace"
region = "ap-southeast-1"
name = "w"
[[step]]
op = "create-user"
name = "ann"
{open}
expect = "allow"
[[step]]
op = "add-member"
workspace = "w"
user = "ann"
[[step]]
op = "create-user"
name = "ann"
{open}
expect = "deny:not-member"
"#
        );
        let (run, end) = run_text(&text, State::new_account(today()));
        assert_eq!((run.passed(), run.failed()), (3, 3));
        let failed: Vec<&EntryRun> = entries(&run).iter().filter(|e| !e.result.passed).collect();
        let [check, step, last] = failed.as_slice() else {
            panic!("{failed:?}")
        };
        let explained = check.explanation.as_ref().unwrap();
        assert_eq!(explained.expected, "Allowed.");
        assert!(
            explained.got.starts_with("Denied (not-member)"),
            "{explained:?}"
        );
        assert!(
            explained
                .trace
                .iter()
                .any(|t| !t.passed && t.says.contains("User `ann` is not a member of `w`.")),
            "{explained:?}"
        );
        let explained = step.explanation.as_ref().unwrap();
        assert_eq!(
            explained.step.as_deref(),
            Some("Create RAM user `ann` (as root)")
        );
        assert!(
            explained.got.starts_with("Refused (duplicate)"),
            "{explained:?}"
        );
        assert!(
            explained.got.contains("validating the values"),
            "{explained:?}"
        );
        let explained = last.explanation.as_ref().unwrap();
        assert_eq!(explained.got, "Allowed.", "ann is a member by then");
        assert!(
            entries(&run)
                .iter()
                .all(|e| e.result.passed == e.explanation.is_none())
        );
        assert!(end.user_id("ann").is_some() && end.workspace_id("w").is_some());
    }

    #[test]
    fn audits_loads_and_refused_values_are_explained_too() {
        let text = r#"
[[step]]
op = "audit"
absent = ["dead-key"]
[[step]]
op = "load"
model = "qwen-plus"
traffic = [{ key = "project-a-open", requests = 5, tokens = 10 }]
expect = "allow"
allowed = 4
[[step]]
op = "open-page"
workspace = "project-a"
page = "Nope"
access = "view"
expect = "allow"
"#;
        let (run, end) = run_text(text, sample());
        assert_eq!(end, sample(), "checks change nothing");
        let all = entries(&run);
        assert!(all.iter().all(|e| !e.result.passed), "{all:?}");
        let audit = all[0].explanation.as_ref().unwrap();
        assert!(audit.expected.contains("absent [dead-key]"), "{audit:?}");
        assert!(
            audit
                .notes
                .iter()
                .any(|n| n.starts_with("found suspended-key (Suspended key)")),
            "{audit:?}"
        );
        let load = all[1].explanation.as_ref().unwrap();
        assert_eq!(load.expected, "Allowed. Requests accepted: 4.");
        assert_eq!(load.got, "Allowed. Requests accepted: 5.");
        assert!(
            load.notes.first().unwrap().starts_with("5 allowed"),
            "{load:?}"
        );
        let refused = all[2].explanation.as_ref().unwrap();
        assert!(
            refused.got.starts_with("Refused (invalid-value)"),
            "{refused:?}"
        );
    }

    fn mixed_report() -> RunReport {
        let text = "[[step]]\nop = \"create-user\"\nname = \"a<&>\\u001b\"\nexpect = \"deny:not-ram-admin\"\n\n[[step]]\nop = \"create-user\"\nname = \"b\"\n";
        let (ran, _) = run_text(text, State::new_account(today()));
        let malformed = scenario::parse("bad \"1\".toml", "[[step]]\nop = 3\n").unwrap_err();
        RunReport::new(vec![
            ran,
            FileRun::malformed(&malformed),
            FileRun::unreadable("gone.toml", "No such file or directory (os error 2)"),
        ])
    }

    #[test]
    fn a_run_counts_files_that_did_not_run_as_failures() {
        let report = mixed_report();
        assert_eq!((report.passed, report.failed), (1, 3));
        assert!(report.unreadable());
        let lines = report.lines(true);
        assert_eq!(lines.last().unwrap(), "1 passed, 3 failed");
        assert!(lines.iter().any(|l| l.starts_with(
            "t.toml: entry 1 (line 1, create-user): expected deny:not-ram-admin, got error:invalid-value"
        )));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("  expected: Denied (not-ram-admin)"))
        );
        // SPEC section 8: one line per failed entry and per file that did not run, then the
        // summary; the explanation only when asked for.
        let plain = report.lines(false);
        assert_eq!(plain.len(), 4, "{plain:?}");
        assert!(plain.iter().all(|l| !l.starts_with("  ")), "{plain:?}");
        assert_eq!(plain.last().unwrap(), "1 passed, 3 failed");
        assert!(lines.contains(
            &"gone.toml: cannot read: No such file or directory (os error 2)".to_owned()
        ));
        let json: serde_json::Value = serde_json::from_str(&json(&report).unwrap()).unwrap();
        assert_eq!(json["failed"], 3);
        assert_eq!(json["files"][0]["status"], "ran");
        assert_eq!(json["files"][0]["entries"][1]["passed"], true);
        assert_eq!(json["files"][1]["status"], "malformed");
        assert_eq!(json["files"][1]["field"], "op");
        assert_eq!(json["files"][2]["status"], "unreadable");
    }

    #[test]
    fn junit_is_well_formed_with_one_case_per_entry() {
        let report = mixed_report();
        let xml = report.junit();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        assert_eq!(
            (
                root.attribute("tests"),
                root.attribute("failures"),
                root.attribute("errors")
            ),
            (Some("4"), Some("2"), Some("1"))
        );
        let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
        assert_eq!(suites.len(), 3);
        assert_eq!(suites[0].attribute("name"), Some("t.toml"));
        assert_eq!(suites[1].attribute("name"), Some("bad \"1\".toml"));
        let cases: Vec<_> = suites[0]
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(cases.len(), 2);
        assert_eq!(
            cases[0].attribute("name"),
            Some("entry 1 (line 1, create-user)")
        );
        assert_eq!(cases[0].attribute("classname"), Some("t.toml"));
        let failure = cases[0]
            .children()
            .find(|n| n.has_tag_name("failure"))
            .unwrap();
        assert_eq!(
            failure.attribute("message"),
            Some("expected deny:not-ram-admin, got error:invalid-value")
        );
        let body = failure.text().unwrap();
        assert!(body.contains("got:      Refused (invalid-value)"), "{body}");
        assert!(!body.contains('\u{1b}'));
        assert!(
            cases[1].children().all(|n| !n.is_element()),
            "a passed case is empty"
        );
        let error = suites[2]
            .descendants()
            .find(|n| n.has_tag_name("error"))
            .unwrap();
        assert!(error.attribute("message").unwrap().contains("cannot read"));
    }

    #[test]
    fn the_diff_report_groups_as_the_compare_screen_does() {
        let before = sample();
        let mut after = before.clone();
        let executed = after.execute(
            &Who::root(),
            &Command::RemoveMember {
                workspace: "project-a".into(),
                member: studio_access_core::MemberName::User("user-01".into()),
            },
            &mut studio_access_core::SeededEntropy::new(1),
        );
        assert!(executed.outcome.is_success());
        let report = diff_report(
            "`a.json`",
            "`b.json`",
            studio_access_core::diff::diff(&before, &after),
        );
        assert!(report.changed);
        assert!(report.gained.is_empty() && !report.lost.is_empty());
        let lines = report.lines();
        assert!(
            lines[0].starts_with("From `a.json` to `b.json`: 0 gains, 2 losses"),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| *l == "Access lost (2)"), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.starts_with("Audit findings (")),
            "{lines:?}"
        );
        assert!(
            !lines.iter().any(|l| l.starts_with("Access gained")),
            "{lines:?}"
        );
        let same = diff_report("a", "b", AccessDiff::default());
        assert!(!same.changed);
        assert_eq!(same.lines(), ["No change in access from a to b."]);
    }

    #[test]
    fn an_audit_fails_only_on_what_it_is_asked_to() {
        let findings = sample().audit();
        assert!(findings.iter().any(|f| f.code == FindingCode::DeadKey));
        let quiet = audit_report(&findings, &[]);
        assert!(!quiet.failed());
        assert_eq!(quiet.findings.len(), findings.len());
        assert!(!quiet.lines(false).iter().any(|l| l.starts_with("Failing")));
        let absent = audit_report(&[], &[FailOn::Any]);
        assert!(!absent.failed());
        assert_eq!(
            absent.lines(true),
            ["No findings.", "None of the findings to fail on was found."]
        );
        let dead = audit_report(&findings, &[FailOn::parse("dead-key").unwrap()]);
        assert_eq!(dead.failing, [FindingCode::DeadKey]);
        assert_eq!(dead.lines(true).last().unwrap(), "Failing: found dead-key.");
        let any = audit_report(
            &findings,
            &[FailOn::Any, FailOn::Code(FindingCode::DeadKey)],
        );
        assert!(any.failing.len() > 1);
        let mut unique = any.failing.clone();
        unique.dedup();
        assert_eq!(unique, any.failing, "each code once");
        assert_eq!(FailOn::parse("nope"), None);
        let table = quiet.table();
        assert_eq!(table.header, FINDING_COLUMNS);
        let dead_row = quiet
            .findings
            .iter()
            .find(|r| r.code == FindingCode::DeadKey)
            .unwrap();
        assert!(dead_row.subject.starts_with("API key "), "{dead_row:?}");
        assert_eq!(dead_row.title, "Dead key");
    }

    #[test]
    fn each_finding_says_where_it_is_fixed() {
        let finding = |code: &str, subject: &str| -> Finding {
            serde_json::from_str(&format!(
                r#"{{"code": "{code}", "subject": {subject}, "fix": ""}}"#
            ))
            .unwrap()
        };
        let user = finding(
            "user-without-workspace",
            r#"{"kind": "user", "id": 0, "name": "ann"}"#,
        );
        assert_eq!(subject(&user.subject), "RAM user ann");
        assert_eq!(fix_query(&user), [("open", "user:ann".to_owned())]);
        let quota = finding(
            "quota-no-buffer",
            r#"{"kind": "quota", "region": "us-east-1", "id": 0, "model": "qwen-max"}"#,
        );
        assert_eq!(
            fix_query(&quota),
            [
                ("region", "us-east-1".to_owned()),
                ("model", "qwen-max".to_owned())
            ]
        );
        let key = r#"{"kind": "key", "id": 0, "label": "k"}"#;
        assert_eq!(
            fix_query(&finding("no-ip-whitelist", key)),
            [("key", "k".to_owned()), ("edit", "whitelist".to_owned())]
        );
        assert_eq!(
            fix_query(&finding("dead-key", key)),
            [("key", "k".to_owned())]
        );
    }

    /// Issue 13: each alternative fix is titled by what it does, and a missing whitelist says
    /// why it has no steps.
    #[test]
    fn each_alternative_fix_is_titled_by_what_it_does() {
        use studio_access_core::{FixKind, MemberName};
        let cases = [
            (
                FixKind::JoinWorkspace {
                    workspace: "research".into(),
                },
                "Add it to `research` as a plain member (no administrator, no page)",
            ),
            (FixKind::DeleteUser, "Delete the user"),
            (
                FixKind::TrustUser { user: "ann".into() },
                "Trust user `ann` to assume it (`ann` may then act with all the role holds)",
            ),
            (FixKind::DeleteRole, "Delete the role"),
            (
                FixKind::LowerLimits,
                "Lower the request limits in proportion to leave 10% of the quota free",
            ),
            (
                FixKind::AuthorizeModel {
                    model: "qwen-max".into(),
                },
                "Authorize `qwen-max` for calling",
            ),
            (
                FixKind::RemoveMembers { count: 1 },
                "Remove its only member",
            ),
            (FixKind::RemoveMembers { count: 2 }, "Remove its 2 members"),
            (
                FixKind::RestoreOwner {
                    owner: MemberName::User("ann".into()),
                    workspace: "w".into(),
                },
                "Add user `ann` back to `w`",
            ),
        ];
        for (kind, title) in cases {
            assert_eq!(words::finding_fix(&kind), title);
        }
        assert!(
            fix_without_steps(FindingCode::NoIpWhitelist).is_some_and(|w| w.contains("whitelist"))
        );
        assert!(
            fix_without_steps(FindingCode::RootDailyUse)
                .is_some_and(|w| w.contains("deleted or not"))
        );
        assert_eq!(fix_without_steps(FindingCode::DeadKey), None);
    }
}
