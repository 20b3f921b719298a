//! `studio-access`: scenario files and questions about saved states, from the command line.
//!
//! ```text
//! studio-access run [--state STATE.json] [--save OUT.json] [--format text|json|junit] FILE...
//! studio-access check STATE.json FIELD=VALUE... [--format text|json]
//! studio-access who-can STATE.json FIELD=VALUE... [--format text|json|csv]
//! studio-access what-can STATE.json [as=NAME] [via=ROLE] [--format text|json|csv]
//! studio-access diff A.json B.json [--format text|json]
//! studio-access audit STATE.json [--fail-on CODE]... [--format text|json|csv]
//! studio-access workspaces STATE.json
//! ```
//!
//! `FIELD=VALUE` are the fields of a scenario entry (`op=open-page as=user-01
//! workspace=project-a page=Playground-FullAccess access=operate`); STATE.json is a state exported
//! from the console, or a share link. Exit status: 0 on success (or `allow`), 1 on a failure, a
//! denial, a difference or a finding asked for, 2 on bad usage or unreadable input.
//!
//! This file is plumbing: arguments, files and exit codes. What is printed is shaped by
//! `studio_access_view::report`, in the console's words.

use std::io::Write;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use studio_access_core::persist;
use studio_access_core::scenario::{self, Action};
use studio_access_core::{Check, Date, KeyStatus, Outcome, State, Who, share};
use studio_access_view::report::{self, FailOn, FileRun, RunReport, printable};
use studio_access_view::words;

const ABOUT: &str = "Check the access rules of an Alibaba Cloud Model Studio account (simulated)
from the command line: run scenario files of expectations, and ask questions of states exported
from the studio-access console.";

const GLOBAL_AFTER: &str = "\
STATE.json is a state exported from the console (Data → Export), or a file holding a share link
(the whole address, or the text after `#share=`). An older state file is brought up to date; what
that kept and folded is said on standard error.

FIELD=VALUE arguments are the fields of a scenario entry (SPEC section 8), e.g.
  op=open-page as=user-01 workspace=project-a page=Playground-FullAccess access=operate

Exit codes:
  0  everything passed, the check is allowed, no difference, no finding asked for
  1  a failed entry or malformed scenario file (run), a denial (check, what-can), a difference
     (diff), a finding asked for by --fail-on (audit)
  2  bad usage, or a file that cannot be read or is not a state";

const RUN_AFTER: &str = "\
Examples:
  studio-access run examples/*.toml
  studio-access run --explain examples/*.toml
  studio-access run --state examples/ci/account.json examples/ci/access.toml
  studio-access run --state examples/ci/account.json --format junit examples/ci/access.toml > report.xml
  studio-access run examples/ci/account-setup.toml --save account.json

Each file runs on its own, from a new account dated by its `today` (else today's UTC date), or
with --state from a copy of that state (its `today`, when set, is applied as a `set-date`). Text
output has one line per failed entry (file, entry, line, op, expected, actual), one line per
malformed or unreadable file, and closes with `N passed, M failed`; --explain adds below each
failed entry the step, the expectation and the outcome in words and the gate-by-gate trace. With
json or junit (which always hold the explanation) that closing line goes to standard error. JUnit XML has one <testsuite> per file and one <testcase> per entry.

Exit codes: 0 every entry passed; 1 an entry failed or a file is malformed; 2 bad usage, or a
file (a scenario, the state) cannot be read, or --save cannot be written.";

const CHECK_AFTER: &str = "\
Examples:
  studio-access check state.json op=open-page as=user-01 workspace=project-a \\
      page=Playground-FullAccess access=operate
  studio-access check state.json op=call-model key=project-a-open model=qwen-plus --format json

Prints the outcome, its meaning, every gate met with the fact that decided it, and for a denial
the steps (as root) that would allow it, verified on a copy, or why there are none.

Exit codes: 0 allowed; 1 denied, or refused as an invalid question; 2 bad usage or unreadable
input.";

const WHO_CAN_AFTER: &str = "\
Examples:
  studio-access who-can state.json op=call-model workspace=project-a model=qwen-plus
  studio-access who-can state.json op=open-page workspace=project-a \\
      page=APIKey-FullAccess access=view --format csv

The check's `as` (or key) is replaced by each identity: root, every user, every user through
each role that trusts it, and for a model call or fine-tune every key of the workspace. Prints a
table: principal, workspace, what, and the grant that allows it (CSV columns: principal,
workspace, what, grant).

Exit codes: 0 answered (even when nobody is allowed); 1 refused as an invalid question; 2 bad
usage or unreadable input.";

const WHAT_CAN_AFTER: &str = "\
Examples:
  studio-access what-can state.json as=user-01
  studio-access what-can state.json as=user-02 via=ops-role --format csv

Lists every page (operate, else view), model, key, API, billing action and feature the principal
reaches, as a table: principal, workspace, what, and the grant that allows it. Without as=, the
principal is root.

Exit codes: 0 answered; 1 the principal does not resolve (unknown user or role, untrusted); 2 bad
usage or unreadable input.";

const DIFF_AFTER: &str = "\
Examples:
  studio-access diff before.json after.json
  studio-access diff before.json after.json --format json

Prints the access diff as the console's Compare screen does: a summary, then access gained,
access lost, keys, audit findings, and what changes no access by itself (renamed workspaces,
users and roles that come or go).

Exit codes: 0 no change in access; 1 access differs; 2 bad usage or unreadable input.";

const AUDIT_AFTER: &str = "\
Examples:
  studio-access audit state.json
  studio-access audit state.json --fail-on excess-admin --fail-on dead-key
  studio-access audit state.json --fail-on any --format json

Prints each finding of SPEC section 7 (code, title, subject) with its fix. Codes: root-daily-use,
user-without-workspace, suspended-key, dead-key, excess-admin, billing-purchase-grant,
quota-over-allocated, quota-no-buffer, sub-workspace-no-models, no-ip-whitelist,
role-without-trust. CSV columns: code, finding, subject, fix.

Exit codes: 0 no finding asked for by --fail-on; 1 one was found; 2 bad usage or unreadable
input.";

const WORKSPACES_AFTER: &str = "\
Example:
  studio-access workspaces state.json

Prints each live workspace: its ID, region, name, members and keys.

Exit codes: 0 listed; 2 bad usage or unreadable input.";

#[derive(Parser)]
#[command(
    name = "studio-access",
    version,
    about = ABOUT,
    after_help = GLOBAL_AFTER,
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run scenario files of expectations (SPEC section 8)
    #[command(after_help = RUN_AFTER)]
    Run(RunArgs),
    /// Answer one check against a state, with its gate-by-gate trace
    #[command(after_help = CHECK_AFTER)]
    Check(CheckArgs),
    /// List every principal and key allowed a check
    #[command(after_help = WHO_CAN_AFTER)]
    WhoCan(WhoCanArgs),
    /// List everything a principal can do
    #[command(after_help = WHAT_CAN_AFTER)]
    WhatCan(WhatCanArgs),
    /// Print the access diff between two states
    #[command(after_help = DIFF_AFTER)]
    Diff(DiffArgs),
    /// Print a state's audit findings with their fixes
    #[command(after_help = AUDIT_AFTER)]
    Audit(AuditArgs),
    /// List a state's workspaces with their IDs
    #[command(after_help = WORKSPACES_AFTER)]
    Workspaces(WorkspacesArgs),
}

/// How `run` prints its results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum RunFormat {
    /// A line per failure (with `--explain`, its trace below it), then `N passed, M failed`
    #[default]
    Text,
    /// Every file and entry, as JSON
    Json,
    /// JUnit XML, one test case per entry
    Junit,
}

/// How a single answer is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum AnswerFormat {
    /// For people
    #[default]
    Text,
    /// JSON
    Json,
}

/// How a table is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    /// An aligned table, for people
    #[default]
    Text,
    /// JSON
    Json,
    /// CSV with a header line
    Csv,
}

#[derive(Args)]
struct RunArgs {
    /// Scenario files (TOML), each run on its own
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,
    /// Start from this exported state (or share link) instead of a new account
    #[arg(long, value_name = "STATE.json")]
    state: Option<String>,
    /// Write the state the scenario ends in to OUT.json, in the console's import format (one
    /// FILE only)
    #[arg(long, value_name = "OUT.json")]
    save: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: RunFormat,
    /// In text, say below each failed entry's line why it failed: the step, what was expected
    /// and what happened in the console's words, and the trace of every gate
    #[arg(long, short = 'e')]
    explain: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// The state to ask
    #[arg(value_name = "STATE.json")]
    state: String,
    /// The check's fields, as in a scenario entry (op=… and the op's fields)
    #[arg(value_name = "FIELD=VALUE", required = true)]
    fields: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: AnswerFormat,
}

#[derive(Args)]
struct WhoCanArgs {
    /// The state to ask
    #[arg(value_name = "STATE.json")]
    state: String,
    /// The check's fields, as in a scenario entry (its `as` is replaced by each candidate)
    #[arg(value_name = "FIELD=VALUE", required = true)]
    fields: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: TableFormat,
}

#[derive(Args)]
struct WhatCanArgs {
    /// The state to ask
    #[arg(value_name = "STATE.json")]
    state: String,
    /// `as=NAME` (default root) and `via=ROLE`
    #[arg(value_name = "FIELD=VALUE")]
    fields: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: TableFormat,
}

#[derive(Args)]
struct DiffArgs {
    /// The state compared from
    #[arg(value_name = "BEFORE.json")]
    before: String,
    /// The state compared to
    #[arg(value_name = "AFTER.json")]
    after: String,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: AnswerFormat,
}

#[derive(Args)]
struct AuditArgs {
    /// The state to audit
    #[arg(value_name = "STATE.json")]
    state: String,
    /// Exit 1 when a finding of this code is found (repeatable; `any` for any finding)
    #[arg(long, value_name = "CODE", value_parser = fail_on)]
    fail_on: Vec<FailOn>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: TableFormat,
}

#[derive(Args)]
struct WorkspacesArgs {
    /// The state to list
    #[arg(value_name = "STATE.json")]
    state: String,
}

fn fail_on(text: &str) -> Result<FailOn, String> {
    FailOn::parse(text)
        .ok_or_else(|| "not a finding code of SPEC section 7, nor `any` (see --help)".to_owned())
}

/// A failure to report on standard error, with the exit status it gives.
struct Failure {
    message: String,
    status: u8,
}

impl Failure {
    /// Bad usage of `subcommand` (or of the program, when `None`): what was wrong, then the
    /// usage, as clap says it.
    fn usage(subcommand: Option<&str>, message: &str) -> Failure {
        let mut program = Cli::command();
        program.build();
        let message = printable(message);
        let error = match subcommand.and_then(|name| program.find_subcommand_mut(name)) {
            Some(command) => command.error(ErrorKind::ValueValidation, message),
            None => program.error(ErrorKind::ValueValidation, message),
        };
        Failure {
            message: error.render().to_string(),
            status: 2,
        }
    }

    /// Input that cannot be used: an unreadable or damaged file.
    fn input(message: impl Into<String>) -> Failure {
        Failure {
            message: format!("studio-access: {}", printable(&message.into())),
            status: 2,
        }
    }
}

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let status = match arguments().and_then(|args| parse(&args)) {
        Ok(cli) => match command(cli.command, &mut out) {
            Ok(status) => status,
            Err(failure) => report_failure(&failure),
        },
        Err(failure) => report_failure(&failure),
    };
    let _ = out.flush();
    ExitCode::from(status)
}

fn report_failure(failure: &Failure) -> u8 {
    let mut err = std::io::stderr().lock();
    for line in failure.message.trim_end().lines() {
        let _ = writeln!(err, "{line}");
    }
    failure.status
}

/// The command-line arguments, each valid UTF-8, or a usage error naming the one that is not.
fn arguments() -> Result<Vec<String>, Failure> {
    std::env::args_os()
        .enumerate()
        .map(|(at, arg)| {
            arg.into_string().map_err(|arg| {
                Failure::usage(
                    None,
                    &format!(
                        "argument {at} ({}) is not valid UTF-8",
                        arg.to_string_lossy()
                    ),
                )
            })
        })
        .collect()
}

/// The arguments parsed; `--help` and `--version` are printed here, as a failure with status 0
/// on standard output.
fn parse(args: &[String]) -> Result<Cli, Failure> {
    Cli::try_parse_from(args).map_err(|error| {
        // Clap quotes what it could not use; a control character in it is escaped like any
        // other output. Help and version are the program's own text.
        let mut rendered = error.render().to_string();
        let status = u8::try_from(error.exit_code()).unwrap_or(2);
        if error.use_stderr() {
            if !rendered.contains("Usage:") {
                // Clap leaves the usage out of some errors (a value it cannot use); say it all
                // the same, for the subcommand named.
                let mut program = Cli::command();
                program.build();
                let named = args
                    .get(1)
                    .and_then(|name| program.find_subcommand_mut(name).map(|c| c.render_usage()));
                let usage = named.unwrap_or_else(|| program.render_usage());
                rendered = match rendered.split_once("For more information") {
                    Some((head, tail)) => format!("{head}{usage}\n\nFor more information{tail}"),
                    None => format!("{}\n\n{usage}", rendered.trim_end()),
                };
            }
            Failure {
                message: rendered
                    .lines()
                    .map(printable)
                    .collect::<Vec<_>>()
                    .join("\n"),
                status,
            }
        } else {
            let _ = std::io::stdout().write_all(rendered.as_bytes());
            Failure {
                message: String::new(),
                status,
            }
        }
    })
}

/// Writes lines of text, each [`printable`].
fn say(out: &mut dyn Write, lines: &[String]) {
    for line in lines {
        let _ = writeln!(out, "{}", printable(line));
    }
}

/// Writes a line on standard error, [`printable`]; like all output, it is not an error if it
/// cannot be written (a closed pipe).
fn warn(line: &str) {
    let _ = writeln!(std::io::stderr(), "{}", printable(line));
}

/// Writes a text that is already safe to print (JSON, CSV and XML from the view's report).
fn emit(out: &mut dyn Write, text: &str) {
    let _ = out.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = writeln!(out);
    }
}

/// Writes JSON made by [`report::json`].
fn emit_json(out: &mut dyn Write, json: Result<String, serde_json::Error>) -> Result<(), Failure> {
    let text =
        json.map_err(|e| Failure::input(format!("the answer cannot be written as JSON: {e}")))?;
    emit(out, &text);
    Ok(())
}

fn command(command: Cmd, out: &mut dyn Write) -> Result<u8, Failure> {
    match command {
        Cmd::Run(args) => run(&args, out),
        Cmd::Check(args) => check(&args, out),
        Cmd::WhoCan(args) => who_can(&args, out),
        Cmd::WhatCan(args) => what_can(&args, out),
        Cmd::Diff(args) => diff_files(&args, out),
        Cmd::Audit(args) => audit(&args, out),
        Cmd::Workspaces(args) => workspaces(&args, out),
    }
}

/// The UTC date now: the default `today` of a scenario that sets none.
fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// `run`: every file on its own, from a new account or a copy of `--state`.
fn run(args: &RunArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    if args.save.is_some() && args.files.len() != 1 {
        return Err(Failure::usage(
            Some("run"),
            &format!(
                "--save writes the state one scenario ends in: give one FILE, not {}",
                args.files.len()
            ),
        ));
    }
    let start = args.state.as_deref().map(load_state).transpose()?;
    let mut files = Vec::with_capacity(args.files.len());
    let mut ended = None;
    for file in &args.files {
        let text = match read_text(file) {
            Ok(text) => text,
            Err(problem) => {
                files.push(FileRun::unreadable(file, &problem));
                continue;
            }
        };
        match scenario::parse(file, &text) {
            Err(malformed) => files.push(FileRun::malformed(&malformed)),
            Ok(parsed) => {
                let state = match &start {
                    Some(state) => state.clone(),
                    None => State::new_account(parsed.today.unwrap_or_else(today)),
                };
                let (ran, end) = report::run_file(&parsed, state);
                files.push(ran);
                ended = Some(end);
            }
        }
    }
    let report = RunReport::new(files);
    match args.format {
        RunFormat::Text => say(out, &report.lines(args.explain)),
        RunFormat::Json => {
            emit_json(out, report::json(&report))?;
            warn(&report.summary());
        }
        RunFormat::Junit => {
            emit(out, &report.junit());
            warn(&report.summary());
        }
    }
    if let Some(path) = &args.save {
        match &ended {
            Some(state) => std::fs::write(path, persist::to_json(state))
                .map_err(|e| Failure::input(format!("{path}: cannot write the state: {e}")))?,
            None => warn(&format!(
                "studio-access: {path} not written: the scenario did not run"
            )),
        }
    }
    Ok(if report.unreadable() {
        2
    } else {
        u8::from(report.failed > 0)
    })
}

/// Reads a state file (or a share link); a file written by an older version is migrated, and
/// what the migration kept and folded is said on standard error.
fn load_state(path: &str) -> Result<State, Failure> {
    let text = read_text(path).map_err(|e| Failure::input(format!("{path}: cannot read: {e}")))?;
    let loaded = share::load_text(&text).map_err(|e| Failure::input(format!("{path}: {e}")))?;
    if let Some(migration) = &loaded.migration {
        warn(&format!(
            "studio-access: {path}: {}",
            words::migration(migration)
        ));
    }
    Ok(loaded.state)
}

/// A file's text: only a regular file, of at most [`persist::MAX_TEXT_BYTES`] bytes (a state or
/// a scenario file takes far less), in UTF-8. A device such as `/dev/zero` is never read.
fn read_text(path: &str) -> Result<String, String> {
    use std::io::Read as _;
    let limit = persist::MAX_TEXT_BYTES;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err("not a regular file".to_owned());
    }
    let mut bytes = Vec::new();
    file.take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > limit {
        return Err(format!("it is more than the {limit} bytes a file may take"));
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())
}

/// `workspaces STATE.json`: every live workspace by region, with its ID, members and keys.
fn workspaces(args: &WorkspacesArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let state = load_state(&args.state)?;
    let mut lines = Vec::new();
    for (id, ws) in state.workspaces() {
        let members = studio_access_view::workspaces::member_count(&state, id);
        let keys = state
            .keys()
            .filter(|(_, k)| k.workspace == id && state.key_status(k) != KeyStatus::Deleted)
            .count();
        lines.push(format!(
            "{}  {:<14}  {}  {}, {}",
            ws.id,
            ws.region,
            ws.name,
            words::counted(members, "member", "members"),
            words::counted(keys, "key", "keys")
        ));
    }
    say(out, &lines);
    Ok(0)
}

/// Whether `name` can be a field of a scenario entry: lower-case letters, digits and `_`.
fn is_field_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `FIELD=VALUE` arguments as the lines of one scenario entry. Values that read as TOML booleans,
/// integers, arrays or inline tables stay as they are; anything else becomes a string.
fn entry_text(subcommand: &str, fields: &[String]) -> Result<String, Failure> {
    let mut text = String::from("[[step]]\n");
    let mut has_expect = false;
    for field in fields {
        let Some((name, value)) = field.split_once('=') else {
            return Err(Failure::usage(
                Some(subcommand),
                &format!("`{field}` is not FIELD=VALUE"),
            ));
        };
        if !is_field_name(name) {
            return Err(Failure::usage(
                Some(subcommand),
                &format!("`{name}` is not a field name (lower-case letters, digits and `_`)"),
            ));
        }
        let raw = value == "true"
            || value == "false"
            || value.parse::<i64>().is_ok()
            || ((value.starts_with('[') || value.starts_with('{'))
                && !value.contains(['\n', '\r']));
        let value = if raw {
            value.to_owned()
        } else {
            toml_string(value)
        };
        has_expect |= name == "expect";
        text.push_str(&format!("{name} = {value}\n"));
    }
    // A question needs no expectation, but the parser wants one of every check other than an
    // audit (which takes none).
    let audit = fields.iter().any(|field| field == "op=audit");
    if !has_expect && !audit {
        text.push_str("expect = \"allow\"\n");
    }
    Ok(text)
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The check that `FIELD=VALUE` arguments describe, or the outcome it has before any gate.
fn parse_check(subcommand: &str, fields: &[String]) -> Result<Result<Check, Outcome>, Failure> {
    let text = entry_text(subcommand, fields)?;
    let parsed = scenario::parse("arguments", &text).map_err(|malformed| {
        let problem = match &malformed.field {
            Some(field) => format!("field `{field}`: {}", malformed.message),
            None => malformed.message.clone(),
        };
        Failure::usage(Some(subcommand), &format!("the check's fields: {problem}"))
    })?;
    match parsed.entries.into_iter().next().map(|entry| entry.action) {
        Some(Action::Check(check)) => Ok(Ok(check)),
        Some(Action::Refused(outcome)) => Ok(Err(outcome)),
        _ => Err(Failure::usage(
            Some(subcommand),
            "the fields describe a step or an audit, not a check",
        )),
    }
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let state = load_state(&args.state)?;
    let answer = match parse_check("check", &args.fields)? {
        Ok(check) => report::answer(&state, &check),
        Err(outcome) => report::refused_answer(outcome),
    };
    match args.format {
        AnswerFormat::Text => say(out, &answer.lines()),
        AnswerFormat::Json => emit_json(out, report::json(&answer))?,
    }
    Ok(u8::from(answer.outcome != Outcome::Allow))
}

/// A question refused before any gate, or a principal that does not resolve: said in the chosen
/// format (for CSV, on standard error, so that the table stays a table); exits 1.
fn refused(outcome: Outcome, format: TableFormat, out: &mut dyn Write) -> Result<u8, Failure> {
    let answer = report::refused_answer(outcome);
    match format {
        TableFormat::Text => say(out, &answer.lines()),
        TableFormat::Json => emit_json(out, report::json(&answer))?,
        TableFormat::Csv => say(&mut std::io::stderr(), &answer.lines()),
    }
    Ok(1)
}

fn print_reaches(
    reached: &report::ReachReport,
    format: TableFormat,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    match format {
        TableFormat::Text => say(out, &reached.lines()),
        TableFormat::Json => emit_json(out, report::json(&reached))?,
        TableFormat::Csv => emit(out, &reached.table().csv()),
    }
    Ok(0)
}

fn who_can(args: &WhoCanArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let state = load_state(&args.state)?;
    let check = match parse_check("who-can", &args.fields)? {
        Ok(check) => check,
        Err(outcome) => return refused(outcome, args.format, out),
    };
    let reached = state.who_can(&check);
    print_reaches(
        &report::ReachReport::who_can(&state, &check, &reached),
        args.format,
        out,
    )
}

fn what_can(args: &WhatCanArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let mut who = Who::root();
    for field in &args.fields {
        match field.split_once('=') {
            Some(("as", name)) => who.name = name.to_owned(),
            Some(("via", role)) => who.via = Some(role.to_owned()),
            _ => {
                return Err(Failure::usage(
                    Some("what-can"),
                    &format!("`{field}`: what-can takes as=NAME and via=ROLE"),
                ));
            }
        }
    }
    let state = load_state(&args.state)?;
    if let Err(failure) = state.resolve(&who) {
        return refused(failure.outcome(), args.format, out);
    }
    let reached = state.what_can(&who);
    print_reaches(
        &report::ReachReport::what_can(&state, &who, &reached),
        args.format,
        out,
    )
}

fn diff_files(args: &DiffArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let before = load_state(&args.before)?;
    let after = load_state(&args.after)?;
    let changes = studio_access_core::diff::diff(&before, &after);
    let report = report::diff_report(
        &format!("`{}`", args.before),
        &format!("`{}`", args.after),
        changes,
    );
    match args.format {
        AnswerFormat::Text => say(out, &report.lines()),
        AnswerFormat::Json => emit_json(out, report::json(&report))?,
    }
    Ok(u8::from(report.changed))
}

fn audit(args: &AuditArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let state = load_state(&args.state)?;
    let report = report::audit_report(&state.audit(), &args.fail_on);
    match args.format {
        TableFormat::Text => say(out, &report.lines(!args.fail_on.is_empty())),
        TableFormat::Json => emit_json(out, report::json(&report))?,
        TableFormat::Csv => emit(out, &report.table().csv()),
    }
    Ok(u8::from(report.failed()))
}
