//! `studio-access`: scenario files and questions about saved states, from the command line.
//!
//! ```text
//! studio-access run FILE...                      run scenario files (SPEC section 8)
//! studio-access check STATE.json FIELD=VALUE...  answer one check, with its trace
//! studio-access who-can STATE.json FIELD=VALUE... who (principals and keys) is allowed a check
//! studio-access what-can STATE.json as=NAME [via=ROLE]  everything a principal can do
//! studio-access diff A.json B.json               the access diff from A to B
//! studio-access workspaces STATE.json            the workspaces, with their IDs
//! ```
//!
//! `FIELD=VALUE` are the fields of a scenario entry (`op=open-page as=user-01
//! workspace=project-a page=Playground-FullAccess access=operate`); STATE.json is a state exported
//! from the console. Exit status: 0 on success (or `allow`), 1 on a failure or a denial, 2 on bad
//! usage or unreadable input.

use std::io::Write;
use std::process::ExitCode;
use studio_access_core::diff::{AccessDiff, diff};
use studio_access_core::scenario::{self, Action};
use studio_access_core::{Caller, Check, Date, KeyStatus, Outcome, Response, State, Who, persist};

// The console's words, shared so the command line explains a decision exactly as the console does.
use studio_access_view::words;

const USAGE: &str = "usage:
  studio-access run FILE...
  studio-access check STATE.json FIELD=VALUE...
  studio-access who-can STATE.json FIELD=VALUE...
  studio-access what-can STATE.json as=NAME [via=ROLE]
  studio-access diff A.json B.json
  studio-access workspaces STATE.json";

/// A failure to report on standard error, with the exit status it gives.
struct Failure {
    message: String,
    status: u8,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: format!("{}\n{USAGE}", printable(&message.into())),
            status: 2,
        }
    }

    fn input(message: impl Into<String>) -> Failure {
        Failure {
            message: printable(&message.into()),
            status: 2,
        }
    }
}

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match arguments().and_then(|args| command(&args, &mut out)) {
        Ok(status) => ExitCode::from(status),
        Err(failure) => {
            eprintln!("studio-access: {}", failure.message);
            ExitCode::from(failure.status)
        }
    }
}

/// The command-line arguments, each valid UTF-8, or a usage error naming the one that is not.
fn arguments() -> Result<Vec<String>, Failure> {
    std::env::args_os()
        .skip(1)
        .enumerate()
        .map(|(at, arg)| {
            arg.into_string().map_err(|arg| {
                Failure::usage(format!(
                    "argument {} ({}) is not valid UTF-8",
                    at + 1,
                    arg.to_string_lossy()
                ))
            })
        })
        .collect()
}

/// `text` with every control character (a line break too) and every invisible character
/// written as an escape, such as `\u{1b}`: a name from a state file cannot clear the terminal,
/// reorder what is shown, or forge a line of output.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_control() || studio_access_core::is_invisible(ch) {
            out.extend(ch.escape_unicode());
        } else {
            out.push(ch);
        }
    }
    out
}

/// Writes one line of output, its control characters escaped (see [`printable`]).
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        let _ = writeln!($out, "{}", printable(&format!($($arg)*)));
    };
}

fn command(args: &[String], out: &mut dyn Write) -> Result<u8, Failure> {
    match args.split_first() {
        Some((command, rest)) => match command.as_str() {
            "run" if !rest.is_empty() => Ok(run(rest, today(), out)),
            "check" => check(rest, out),
            "who-can" => who_can(rest, out),
            "what-can" => what_can(rest, out),
            "diff" => diff_files(rest, out),
            "workspaces" => workspaces(rest, out),
            "--help" | "-h" | "help" => {
                let _ = writeln!(out, "{USAGE}");
                Ok(0)
            }
            other => Err(Failure::usage(format!(
                "unknown command or missing arguments: `{other}`"
            ))),
        },
        None => Err(Failure::usage("no command given")),
    }
}

/// The UTC date now: the default `today` of a scenario that sets none.
fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// Runs every file and reports; the exit status is 1 if any entry or file failed.
fn run(files: &[String], today: Date, out: &mut dyn Write) -> u8 {
    let mut passed = 0;
    let mut failed = 0;
    for file in files {
        let text = match read_text(file) {
            Ok(text) => text,
            Err(error) => {
                say!(out, "{file}: cannot read: {error}");
                failed += 1;
                continue;
            }
        };
        match scenario::parse(file, &text) {
            Err(malformed) => {
                say!(out, "{malformed}");
                failed += 1;
            }
            Ok(parsed) => {
                let report = scenario::run(&parsed, today);
                for result in report.results.iter().filter(|r| !r.passed) {
                    say!(out, "{file}: {result}");
                }
                passed += report.passed();
                failed += report.failed();
            }
        }
    }
    say!(out, "{passed} passed, {failed} failed");
    u8::from(failed > 0)
}

/// Reads a state file; a file written by an older version is migrated, and what the migration
/// kept and folded is said on standard error.
fn load_state(path: &str) -> Result<State, Failure> {
    let text = read_text(path).map_err(|e| Failure::input(format!("{path}: cannot read: {e}")))?;
    let loaded = persist::load(&text).map_err(|e| Failure::input(format!("{path}: {e}")))?;
    if let Some(migration) = &loaded.migration {
        eprintln!(
            "studio-access: {}",
            printable(&format!("{path}: {}", words::migration(migration)))
        );
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
fn workspaces(args: &[String], out: &mut dyn Write) -> Result<u8, Failure> {
    let [path] = args else {
        return Err(Failure::usage("workspaces needs one state file"));
    };
    let state = load_state(path)?;
    for (id, ws) in state.workspaces() {
        let members = state
            .live_members()
            .filter(|m| state.membership(*m, id).is_some())
            .count();
        let keys = state
            .keys()
            .filter(|(_, k)| k.workspace == id && state.key_status(k) != KeyStatus::Deleted)
            .count();
        say!(
            out,
            "{}  {:<14}  {}  {members} members, {keys} keys",
            ws.id,
            ws.region,
            ws.name
        );
    }
    Ok(0)
}

/// `FIELD=VALUE` arguments as the lines of one scenario entry. Values that read as TOML booleans,
/// integers, arrays or inline tables stay as they are; anything else becomes a string.
fn entry_text(fields: &[String]) -> Result<String, Failure> {
    let mut text = String::from("[[step]]\n");
    let mut has_expect = false;
    for field in fields {
        let Some((name, value)) = field.split_once('=') else {
            return Err(Failure::usage(format!("`{field}` is not FIELD=VALUE")));
        };
        let raw = value == "true"
            || value == "false"
            || value.parse::<i64>().is_ok()
            || value.starts_with('[')
            || value.starts_with('{');
        let value = if raw {
            value.to_owned()
        } else {
            format!("{value:?}")
        };
        has_expect |= name == "expect";
        text.push_str(&format!("{name} = {value}\n"));
    }
    if !has_expect {
        // A question needs no expectation; the parser wants one.
        text.push_str("expect = \"allow\"\n");
    }
    Ok(text)
}

/// The check that `FIELD=VALUE` arguments describe, or the outcome it has before any gate.
fn parse_check(fields: &[String]) -> Result<Result<Check, Outcome>, Failure> {
    let text = entry_text(fields)?;
    let parsed = scenario::parse("arguments", &text).map_err(|m| Failure::input(m.to_string()))?;
    match parsed.entries.into_iter().next().map(|entry| entry.action) {
        Some(Action::Check(check)) => Ok(Ok(check)),
        Some(Action::Refused(outcome)) => Ok(Err(outcome)),
        _ => Err(Failure::usage(
            "the fields describe a step or an audit, not a check",
        )),
    }
}

fn print_response(response: &Response, out: &mut dyn Write) {
    say!(out, "{}", response.outcome);
    say!(out, "  {}", words::outcome(response.outcome));
    for step in &response.trace {
        say!(out, "  {}", words::trace_step(step));
    }
    if let Some(load) = &response.load {
        say!(
            out,
            "  {} allowed, {} throttled, {} denied",
            load.allowed,
            load.throttled,
            load.denied
        );
        for line in &load.lines {
            say!(
                out,
                "    key {}: {} allowed, {} throttled, {} denied ({})",
                line.key,
                line.allowed,
                line.throttled,
                line.denied,
                line.gates
            );
        }
    }
}

fn command_text(command: &studio_access_core::Command) -> String {
    serde_json::to_string(command).unwrap_or_else(|_| command.op().to_owned())
}

/// The state file and the check named by `args` (`STATE.json FIELD=VALUE...`) of the command
/// `name`; `None` once a check that is no question (an invalid value) has been answered on `out`.
fn question(
    name: &str,
    args: &[String],
    out: &mut dyn Write,
) -> Result<Option<(State, Check)>, Failure> {
    let (path, fields) = args
        .split_first()
        .ok_or_else(|| Failure::usage(format!("{name} needs STATE.json and the check's fields")))?;
    let state = load_state(path)?;
    match parse_check(fields)? {
        Ok(check) => Ok(Some((state, check))),
        Err(outcome) => {
            say!(out, "{outcome}");
            say!(out, "  {}", words::outcome(outcome));
            Ok(None)
        }
    }
}

fn check(args: &[String], out: &mut dyn Write) -> Result<u8, Failure> {
    let Some((state, check)) = question("check", args, out)? else {
        return Ok(1);
    };
    let response = state.check(&check);
    print_response(&response, out);
    if let Some(ws) = check_workspace(&state, &check) {
        say!(out, "  workspace `{}` has the ID {}", ws.name, ws.id);
    }
    if let Some(steps) = state.remedy(&check) {
        say!(out, "smallest change that would allow it (as root):");
        for step in steps {
            say!(out, "  {}", command_text(&step));
        }
    }
    Ok(u8::from(response.outcome != Outcome::Allow))
}

/// The workspace a check names, when it names one that exists (by name, or by ID for OpenAPI).
fn check_workspace<'a>(
    state: &'a State,
    check: &Check,
) -> Option<&'a studio_access_core::Workspace> {
    let text = match check {
        Check::CallModel {
            caller: Caller::Console { workspace, .. },
            ..
        }
        | Check::FineTune {
            caller: Caller::Console { workspace, .. },
            ..
        }
        | Check::BatchInference { workspace, .. }
        | Check::Deploy { workspace, .. }
        | Check::OpenPage { workspace, .. } => Some(workspace.as_str()),
        Check::CallOpenapi { workspace, .. } => workspace.as_deref(),
        _ => None,
    }?;
    state
        .workspace_by_name_or_id(text)
        .and_then(|id| state.workspace(id))
}

fn who_can(args: &[String], out: &mut dyn Write) -> Result<u8, Failure> {
    let Some((state, check)) = question("who-can", args, out)? else {
        return Ok(1);
    };
    let reached = state.who_can(&check);
    for reach in &reached {
        let grant = reach
            .response
            .trace
            .iter()
            .rev()
            .find(|step| step.passed)
            .map(|step| words::fact(&step.fact))
            .unwrap_or_default();
        say!(out, "{}: {grant}", reach.candidate);
    }
    say!(out, "{} allowed", reached.len());
    Ok(0)
}

fn what_can(args: &[String], out: &mut dyn Write) -> Result<u8, Failure> {
    let (path, fields) = args
        .split_first()
        .ok_or_else(|| Failure::usage("what-can needs STATE.json and as=NAME"))?;
    let state = load_state(path)?;
    let mut who = Who::root();
    for field in fields {
        match field.split_once('=') {
            Some(("as", name)) => who.name = name.to_owned(),
            Some(("via", role)) => who.via = Some(role.to_owned()),
            _ => {
                return Err(Failure::usage(format!(
                    "`{field}`: what-can takes as=NAME and via=ROLE"
                )));
            }
        }
    }
    if let Err(failure) = state.resolve(&who) {
        say!(out, "{}", failure.outcome());
        say!(out, "  {}", words::outcome(failure.outcome()));
        return Ok(1);
    }
    let reached = state.what_can(&who);
    for reach in &reached {
        let what = serde_json::to_value(&reach.check)
            .ok()
            .and_then(|mut v| {
                let object = v.as_object_mut()?;
                object.remove("who");
                if let Some(console) = object
                    .get_mut("caller")
                    .and_then(|c| c.get_mut("console"))
                    .and_then(|c| c.as_object_mut())
                {
                    console.remove("who");
                }
                Some(v.to_string())
            })
            .unwrap_or_else(|| reach.check.op().to_owned());
        let grant = reach
            .response
            .trace
            .iter()
            .rev()
            .find(|step| step.passed)
            .map(|step| words::fact(&step.fact))
            .unwrap_or_default();
        say!(out, "{what}: {grant}");
    }
    say!(out, "{} allowed", reached.len());
    Ok(0)
}

fn print_diff(diff: &AccessDiff, out: &mut dyn Write) {
    for rename in &diff.renamed {
        say!(
            out,
            "workspace {} renamed {} (no change in access)",
            rename.from,
            rename.to
        );
    }
    for change in &diff.pages {
        say!(
            out,
            "page {} of {} for {}: {} -> {}",
            change.page,
            change.workspace,
            change.principal,
            words::page_access(change.before),
            words::page_access(change.after)
        );
    }
    for change in &diff.policies {
        let names = |set: studio_access_core::PolicySet| {
            set.iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        say!(
            out,
            "policies of {}: [{}] -> [{}]",
            change.principal,
            names(change.before),
            names(change.after)
        );
    }
    for change in &diff.models {
        say!(
            out,
            "model {} in {}: {:?} -> {:?}",
            change.model,
            change.workspace,
            change.before,
            change.after
        );
    }
    for change in &diff.keys {
        let status =
            |s: Option<studio_access_core::KeyStatus>| s.map_or("absent", words::key_status);
        say!(
            out,
            "key {}: {} -> {}",
            change.key,
            status(change.before),
            status(change.after)
        );
    }
    for finding in &diff.findings_raised {
        say!(
            out,
            "finding raised: {} ({})",
            finding.code,
            finding.subject
        );
    }
    for finding in &diff.findings_cleared {
        say!(
            out,
            "finding cleared: {} ({})",
            finding.code,
            finding.subject
        );
    }
}

fn diff_files(args: &[String], out: &mut dyn Write) -> Result<u8, Failure> {
    let [before, after] = args else {
        return Err(Failure::usage("diff needs two state files"));
    };
    let before = load_state(before)?;
    let after = load_state(after)?;
    let changes = diff(&before, &after);
    if changes.is_empty() {
        say!(out, "no change in access");
        return Ok(0);
    }
    print_diff(&changes, out);
    Ok(1)
}
