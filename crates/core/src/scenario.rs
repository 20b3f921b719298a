//! Scenario files (SPEC section 8): TOML files of `[[step]]` entries, each a step or a check with
//! what it expects, run in file order from a new account.
//!
//! Parsing reads the TOML with its positions, so that a malformed file is rejected whole with the
//! file, the line and the field at fault. A value outside its closed set is not malformed: the
//! entry's outcome is `error:invalid-value`, as SPEC sections 4 and 6 say.

use crate::audit::Finding;
use crate::check::{Caller, Check, Traffic};
use crate::command::{Command, KeyOwnerName, MemberName, ModelFlags};
use crate::date::Date;
use crate::keys::SeededEntropy;
use crate::outcome::Outcome;
use crate::principal::Who;
use crate::state::State;
use crate::vocab::{
    Access, BillingAction, Code, Feature, FindingCode, ModelKind, Page, Policy, Region,
};
use std::collections::BTreeSet;
use std::fmt;
use std::net::IpAddr;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A file that cannot run: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// The file's name as given.
    pub file: String,
    /// The line at fault, from 1.
    pub line: usize,
    /// The field at fault, where there is one.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: malformed", self.file, self.line)?;
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Malformed {}

/// What an entry does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A step of SPEC section 4.
    Step {
        /// The acting principal.
        who: Who,
        /// The step.
        command: Command,
    },
    /// A check of SPEC section 6.
    Check(Check),
    /// An audit check.
    Audit {
        /// Codes that must be among the findings.
        contains: Vec<FindingCode>,
        /// Codes that must not.
        absent: Vec<FindingCode>,
    },
    /// An entry whose values are outside their closed set: its outcome is this, whatever the state.
    Refused(Outcome),
}

/// What an entry expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expectation {
    /// An outcome, and for a `load` optionally the accepted count.
    Outcome {
        /// The outcome.
        outcome: Outcome,
        /// `allowed = N` of a `load`.
        allowed: Option<u64>,
    },
    /// An audit's `contains` and `absent`.
    Audit,
}

/// One `[[step]]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its position among the entries, from 1.
    pub number: usize,
    /// The line of its `[[step]]` header.
    pub line: usize,
    /// Its `op`.
    pub op: String,
    /// What it does.
    pub action: Action,
    /// What it expects.
    pub expect: Expectation,
}

/// A parsed scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// The file's name as given.
    pub file: String,
    /// `today`, when the file sets it.
    pub today: Option<Date>,
    /// The entries in file order.
    pub entries: Vec<Entry>,
}

/// How one entry went.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EntryResult {
    /// Its position, from 1.
    pub number: usize,
    /// Its line.
    pub line: usize,
    /// Its `op`.
    pub op: String,
    /// What it expected, as text.
    pub expected: String,
    /// What happened, as text.
    pub actual: String,
    /// Whether the two agree.
    pub passed: bool,
}

/// How a scenario went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The file's name.
    pub file: String,
    /// Every entry's result.
    pub results: Vec<EntryResult>,
}

impl Report {
    /// Entries that passed.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.passed).count()
    }

    /// Entries that failed.
    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }
}

impl fmt::Display for EntryResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "entry {} (line {}, {}): expected {}, got {}",
            self.number, self.line, self.op, self.expected, self.actual
        )
    }
}

/// Parses a scenario file.
pub fn parse(file: &str, text: &str) -> Result<Scenario, Malformed> {
    let lines = LineIndex::new(text);
    let malformed = |offset: usize, field: Option<&str>, message: String| Malformed {
        file: file.to_owned(),
        line: lines.line(offset),
        field: field.map(str::to_owned),
        message,
    };
    let root = DeTable::parse(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        let field = field_at(text, offset);
        malformed(offset, field.as_deref(), error.message().trim().to_owned())
    })?;
    let mut today = None;
    let mut entries = Vec::new();
    let mut keys: Vec<_> = root.get_ref().iter().collect();
    keys.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in keys {
        match key.get_ref().ref_str() {
            "today" => {
                let text = date_text(value.get_ref()).ok_or_else(|| {
                    malformed(
                        value.span().start,
                        Some("today"),
                        "expected a date".to_owned(),
                    )
                })?;
                let date = text.parse::<Date>().map_err(|error| {
                    malformed(value.span().start, Some("today"), error.to_string())
                })?;
                today = Some(date);
            }
            "step" => {
                let DeValue::Array(array) = value.get_ref() else {
                    return Err(malformed(
                        key.span().start,
                        Some("step"),
                        "expected an array of [[step]] tables".to_owned(),
                    ));
                };
                for (at, item) in array.iter().enumerate() {
                    let DeValue::Table(table) = item.get_ref() else {
                        return Err(malformed(
                            item.span().start,
                            Some("step"),
                            "expected a [[step]] table".to_owned(),
                        ));
                    };
                    let mut reader = Reader {
                        file,
                        lines: &lines,
                        table,
                        start: item.span().start,
                        used: BTreeSet::new(),
                    };
                    entries.push(reader.entry(at + 1)?);
                }
            }
            other => {
                return Err(malformed(
                    key.span().start,
                    Some(other),
                    "unknown field (a scenario holds `today` and [[step]] entries)".to_owned(),
                ));
            }
        }
    }
    Ok(Scenario {
        file: file.to_owned(),
        today,
        entries,
    })
}

/// Runs a scenario on a new account dated by the file's `today`, else by `default_today`.
pub fn run(scenario: &Scenario, default_today: Date) -> Report {
    let mut state = State::new_account(scenario.today.unwrap_or(default_today));
    run_on(&mut state, scenario)
}

/// Runs a scenario's entries on a given state (the file's `today` is set first, as a
/// `set-date` by `root` would).
pub fn run_on(state: &mut State, scenario: &Scenario) -> Report {
    let mut entropy = SeededEntropy::new(0x5eed);
    if let Some(today) = scenario.today {
        let set_date = Command::SetDate {
            date: today.to_string(),
        };
        state.execute(&Who::root(), &set_date, &mut entropy);
    }
    let results = scenario
        .entries
        .iter()
        .map(|entry| {
            let (actual, allowed, audit) = match &entry.action {
                Action::Step { who, command } => (
                    state.execute(who, command, &mut entropy).outcome,
                    None,
                    None,
                ),
                Action::Check(check) => {
                    let response = state.check(check);
                    (
                        response.outcome,
                        response.load.map(|load| load.allowed),
                        None,
                    )
                }
                Action::Audit { .. } => (Outcome::Allow, None, Some(state.audit())),
                Action::Refused(outcome) => (*outcome, None, None),
            };
            judge(entry, actual, allowed, audit.as_deref())
        })
        .collect();
    Report {
        file: scenario.file.clone(),
        results,
    }
}

fn judge(
    entry: &Entry,
    actual: Outcome,
    allowed: Option<u128>,
    audit: Option<&[Finding]>,
) -> EntryResult {
    let (expected, actual, passed) = match (&entry.expect, &entry.action, audit) {
        (Expectation::Audit, Action::Audit { contains, absent }, Some(findings)) => {
            let found = crate::ordered::set(findings.iter().map(|f| f.code));
            let passed = contains.iter().all(|code| found.contains(code))
                && !absent.iter().any(|code| found.contains(code));
            let names = |codes: &mut dyn Iterator<Item = &FindingCode>| {
                codes.map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
            };
            (
                format!(
                    "contains [{}], absent [{}]",
                    names(&mut contains.iter()),
                    names(&mut absent.iter())
                ),
                format!("findings [{}]", names(&mut found.iter())),
                passed,
            )
        }
        (
            Expectation::Outcome {
                outcome,
                allowed: want,
            },
            _,
            _,
        ) => {
            // A load refused before its gates (an `ip` that is no address) accepted nothing.
            let allowed = allowed.unwrap_or(0);
            let passed = *outcome == actual && want.is_none_or(|want| u128::from(want) == allowed);
            match want {
                Some(want) => (
                    format!("{outcome}, allowed {want}"),
                    format!("{actual}, allowed {allowed}"),
                    passed,
                ),
                None => (outcome.to_string(), actual.to_string(), passed),
            }
        }
        _ => (String::new(), actual.to_string(), false),
    };
    EntryResult {
        number: entry.number,
        line: entry.line,
        op: entry.op.clone(),
        expected,
        actual,
        passed,
    }
}

struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|start| *start <= offset).max(1)
    }
}

/// The field that bad TOML at `offset` belongs to, read from its line, for a message that names
/// the field (SPEC section 8): the key that starts at `offset` (a key written twice), else the
/// last key before it on its line (`admin = tru`, `name =` with no value, a value in an inline
/// table), else a table header's name; `None` when the line names none.
fn field_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text.get(..offset)?.rfind('\n').map_or(0, |at| at + 1);
    let end = text
        .get(offset..)?
        .find('\n')
        .map_or(text.len(), |at| offset + at);
    let (before, after) = (text.get(start..offset)?, text.get(offset..end)?);
    if let Some((key, _)) = key_then_equals(after) {
        return Some(key);
    }
    // The last `key =` before the offset: scan each place a key may start.
    let last = before
        .char_indices()
        .rev()
        .filter(|(at, _)| {
            before
                .get(..*at)
                .is_some_and(|head| head.is_empty() || head.ends_with([' ', '\t', '{', ',']))
        })
        .find_map(|(at, _)| key_then_equals(before.get(at..)?));
    if let Some((key, _)) = last {
        return Some(key);
    }
    let header = before.trim_start().strip_prefix('[')?;
    let name = header
        .trim_start_matches('[')
        .trim_end()
        .trim_end_matches(']')
        .trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The key `text` starts with (after blanks) when an `=` follows it, and the rest after the `=`.
fn key_then_equals(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start_matches([' ', '\t']);
    let (key, rest) = match text.strip_prefix('"') {
        Some(quoted) => {
            let close = quoted.find('"')?;
            (quoted.get(..close)?.to_owned(), quoted.get(close + 1..)?)
        }
        None => {
            let len = text
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
                .unwrap_or(text.len());
            (text.get(..len)?.to_owned(), text.get(len..)?)
        }
    };
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('=')?;
    (!key.is_empty()).then_some((key, rest))
}

fn date_text(value: &DeValue<'_>) -> Option<String> {
    match value {
        DeValue::String(text) => Some(text.to_string()),
        DeValue::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => {
            Some(datetime.to_string())
        }
        _ => None,
    }
}

trait RefStr {
    fn ref_str(&self) -> &str;
}

impl RefStr for std::borrow::Cow<'_, str> {
    fn ref_str(&self) -> &str {
        self.as_ref()
    }
}

type Field<'a> = (
    &'a Spanned<std::borrow::Cow<'a, str>>,
    &'a Spanned<DeValue<'a>>,
);

/// Reads the fields of one table, remembering which were read so that the rest are unknown.
struct Reader<'a> {
    file: &'a str,
    lines: &'a LineIndex,
    table: &'a DeTable<'a>,
    start: usize,
    used: BTreeSet<&'a str>,
}

/// A closed-set value that may be outside its set: then the entry is refused as invalid.
struct Closed<T>(Option<T>);

impl<'a> Reader<'a> {
    fn fail(&self, offset: usize, field: &str, message: impl Into<String>) -> Malformed {
        Malformed {
            file: self.file.to_owned(),
            line: self.lines.line(offset),
            field: Some(field.to_owned()),
            message: message.into(),
        }
    }

    fn field(&mut self, name: &str) -> Option<Field<'a>> {
        let table: &'a DeTable<'a> = self.table;
        let found = table
            .iter()
            .find(|(key, _)| key.get_ref().ref_str() == name)?;
        self.used.insert(found.0.get_ref().ref_str());
        Some(found)
    }

    fn has(&self, name: &str) -> bool {
        self.table
            .iter()
            .any(|(key, _)| key.get_ref().ref_str() == name)
    }

    fn missing(&self, name: &str) -> Malformed {
        self.fail(self.start, name, "missing field")
    }

    fn string(&mut self, name: &str) -> Result<Option<(String, usize)>, Malformed> {
        match self.field(name) {
            None => Ok(None),
            Some((_, value)) => match value.get_ref() {
                DeValue::String(text) => Ok(Some((text.to_string(), value.span().start))),
                other => Err(self.fail(
                    value.span().start,
                    name,
                    format!("expected a string, found {}", other.type_str()),
                )),
            },
        }
    }

    fn opt_str(&mut self, name: &str) -> Result<Option<String>, Malformed> {
        Ok(self.string(name)?.map(|(text, _)| text))
    }

    fn req_str(&mut self, name: &str) -> Result<String, Malformed> {
        self.opt_str(name)?.ok_or_else(|| self.missing(name))
    }

    fn closed<T>(
        &mut self,
        name: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Result<Closed<T>, Malformed> {
        let text = self.req_str(name)?;
        Ok(Closed(parse(&text)))
    }

    fn opt_bool(&mut self, name: &str) -> Result<Option<bool>, Malformed> {
        match self.field(name) {
            None => Ok(None),
            Some((_, value)) => match value.get_ref() {
                DeValue::Boolean(flag) => Ok(Some(*flag)),
                other => Err(self.fail(
                    value.span().start,
                    name,
                    format!("expected a boolean, found {}", other.type_str()),
                )),
            },
        }
    }

    fn req_bool(&mut self, name: &str) -> Result<bool, Malformed> {
        self.opt_bool(name)?.ok_or_else(|| self.missing(name))
    }

    fn opt_int(&mut self, name: &str) -> Result<Option<i64>, Malformed> {
        match self.field(name) {
            None => Ok(None),
            Some((_, value)) => match value.get_ref() {
                DeValue::Integer(int) => i64::from_str_radix(int.as_str(), int.radix())
                    .map(Some)
                    .map_err(|_| self.fail(value.span().start, name, "integer out of range")),
                other => Err(self.fail(
                    value.span().start,
                    name,
                    format!("expected an integer, found {}", other.type_str()),
                )),
            },
        }
    }

    fn req_int(&mut self, name: &str) -> Result<i64, Malformed> {
        self.opt_int(name)?.ok_or_else(|| self.missing(name))
    }

    fn str_list(&mut self, name: &str) -> Result<Option<Vec<String>>, Malformed> {
        let Some((_, value)) = self.field(name) else {
            return Ok(None);
        };
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.fail(value.span().start, name, "expected an array of strings"));
        };
        items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(text) => Ok(text.to_string()),
                other => Err(self.fail(
                    item.span().start,
                    name,
                    format!("expected a string, found {}", other.type_str()),
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    fn codes(&mut self, name: &str) -> Result<Vec<FindingCode>, Malformed> {
        let Some(names) = self.str_list(name)? else {
            return Ok(Vec::new());
        };
        let offset = self.field(name).map_or(self.start, |(_, v)| v.span().start);
        names
            .iter()
            .map(|text| {
                FindingCode::parse(text).ok_or_else(|| {
                    self.fail(offset, name, format!("`{text}` is not an audit code"))
                })
            })
            .collect()
    }

    fn who(&mut self) -> Result<Who, Malformed> {
        let name = self.opt_str("as")?.unwrap_or_else(|| "root".to_owned());
        let via = self.opt_str("via")?;
        Ok(Who { name, via })
    }

    /// `user = …` or `role = …`, exactly one.
    fn member(&mut self) -> Result<MemberName, Malformed> {
        let user = self.string("user")?;
        let role = self.string("role")?;
        match (user, role) {
            (Some((user, _)), None) => Ok(MemberName::User(user)),
            (None, Some((role, _))) => Ok(MemberName::Role(role)),
            (Some(_), Some((_, at))) => {
                Err(self.fail(at, "role", "give `user` or `role`, not both"))
            }
            (None, None) => Err(self.missing("user")),
        }
    }

    /// `owner = …` (root or a user) or `owner_role = …`, exactly one.
    fn key_owner(&mut self) -> Result<KeyOwnerName, Malformed> {
        let owner = self.string("owner")?;
        let role = self.string("owner_role")?;
        match (owner, role) {
            (Some((owner, _)), None) => Ok(KeyOwnerName::Named(owner)),
            (None, Some((role, _))) => Ok(KeyOwnerName::Role(role)),
            (Some(_), Some((_, at))) => {
                Err(self.fail(at, "owner_role", "give `owner` or `owner_role`, not both"))
            }
            (None, None) => Err(self.fail(
                self.start,
                "owner",
                "missing field (give `owner` or `owner_role`)",
            )),
        }
    }

    /// Fields that a check through a key must not have.
    fn forbid(&self, names: &[&str], why: &str) -> Result<(), Malformed> {
        for name in names {
            if let Some((key, _)) = self
                .table
                .iter()
                .find(|(k, _)| k.get_ref().ref_str() == *name)
            {
                return Err(self.fail(key.span().start, name, why.to_owned()));
            }
        }
        Ok(())
    }

    fn ip(&mut self, name: &str) -> Result<Closed<Option<IpAddr>>, Malformed> {
        Ok(match self.opt_str(name)? {
            None => Closed(Some(None)),
            Some(text) => Closed(text.parse::<IpAddr>().ok().map(Some)),
        })
    }

    fn traffic(&mut self) -> Result<Closed<Vec<Traffic>>, Malformed> {
        let Some((_, value)) = self.field("traffic") else {
            return Err(self.missing("traffic"));
        };
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.fail(value.span().start, "traffic", "expected an array of tables"));
        };
        let mut traffic = Vec::with_capacity(items.len());
        let mut valid = true;
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                return Err(self.fail(item.span().start, "traffic", "expected a table"));
            };
            let mut line = Reader {
                file: self.file,
                lines: self.lines,
                table,
                start: item.span().start,
                used: BTreeSet::new(),
            };
            let key = line.req_str("key")?;
            let requests = line.req_int("requests")?;
            let tokens = line.req_int("tokens")?;
            let Closed(ip) = line.ip("ip")?;
            line.finish()?;
            let (Ok(requests), Ok(tokens), Some(ip)) =
                (u64::try_from(requests), u64::try_from(tokens), ip)
            else {
                valid = false;
                continue;
            };
            traffic.push(Traffic {
                key,
                requests,
                tokens,
                ip,
            });
        }
        Ok(Closed(valid.then_some(traffic)))
    }

    /// Every field not read is unknown: the first of them, by position, is reported.
    fn finish(&self) -> Result<(), Malformed> {
        let mut unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(key, _)| !self.used.contains(key.get_ref().ref_str()))
            .collect();
        unknown.sort_by_key(|(key, _)| key.span().start);
        match unknown.first() {
            Some((key, _)) => {
                Err(self.fail(key.span().start, key.get_ref().ref_str(), "unknown field"))
            }
            None => Ok(()),
        }
    }

    fn entry(&mut self, number: usize) -> Result<Entry, Malformed> {
        let (op, op_at) = self.string("op")?.ok_or_else(|| self.missing("op"))?;
        let expect_text = self.string("expect")?;
        let parsed = self.action(&op, op_at)?;
        let allowed = if op == "load" {
            match self.opt_int("allowed")? {
                None => None,
                Some(n) => Some(u64::try_from(n).map_err(|_| {
                    let at = self
                        .field("allowed")
                        .map_or(self.start, |(_, v)| v.span().start);
                    self.fail(at, "allowed", "expected a count of 0 or more")
                })?),
            }
        } else {
            None
        };
        self.finish()?;
        let expect = match (&parsed, expect_text) {
            (Parsed::Audit { .. }, None) => Expectation::Audit,
            (Parsed::Audit { .. }, Some((_, at))) => {
                return Err(self.fail(at, "expect", "an audit takes no `expect`"));
            }
            (_, Some((text, at))) => Expectation::Outcome {
                outcome: text
                    .parse()
                    .map_err(|e: crate::outcome::OutcomeParseError| {
                        self.fail(at, "expect", e.to_string())
                    })?,
                allowed,
            },
            (Parsed::Step(..), None) => Expectation::Outcome {
                outcome: Outcome::Ok,
                allowed,
            },
            (Parsed::Check(..), None) => return Err(self.missing("expect")),
        };
        let action = match parsed {
            Parsed::Step(Some(command), who) => Action::Step { who, command },
            Parsed::Check(Some(check)) => Action::Check(check),
            Parsed::Step(None, _) | Parsed::Check(None) => {
                Action::Refused(Outcome::Error(Code::InvalidValue))
            }
            Parsed::Audit { contains, absent } => Action::Audit { contains, absent },
        };
        Ok(Entry {
            number,
            line: self.lines.line(self.start),
            op,
            action,
            expect,
        })
    }

    /// Reads the fields of an `op`. `None` inside means a closed-set value was outside its set.
    fn action(&mut self, op: &str, op_at: usize) -> Result<Parsed, Malformed> {
        use Command as C;
        if let Some(parsed) = self.check(op)? {
            return Ok(parsed);
        }
        let who = self.who()?;
        let command = match op {
            "create-user" => Some(C::CreateUser {
                name: self.req_str("name")?,
            }),
            "create-role" => Some(C::CreateRole {
                name: self.req_str("name")?,
            }),
            "delete-user" => Some(C::DeleteUser {
                name: self.req_str("name")?,
            }),
            "delete-role" => Some(C::DeleteRole {
                name: self.req_str("name")?,
            }),
            "trust-role" | "untrust-role" => {
                let role = self.req_str("role")?;
                let user = self.req_str("user")?;
                Some(if op == "trust-role" {
                    C::TrustRole { role, user }
                } else {
                    C::UntrustRole { role, user }
                })
            }
            "attach-policy" | "detach-policy" => {
                let member = self.member()?;
                let Closed(policy) = self.closed("policy", Policy::parse)?;
                policy.map(|policy| {
                    if op == "attach-policy" {
                        C::AttachPolicy { member, policy }
                    } else {
                        C::DetachPolicy { member, policy }
                    }
                })
            }
            "create-workspace" => {
                let Closed(region) = self.closed("region", Region::parse)?;
                let name = self.req_str("name")?;
                region.map(|region| C::CreateWorkspace { region, name })
            }
            "rename-workspace" => Some(C::RenameWorkspace {
                workspace: self.req_str("workspace")?,
                name: self.req_str("name")?,
            }),
            "delete-workspace" => Some(C::DeleteWorkspace {
                workspace: self.req_str("workspace")?,
            }),
            "add-member" => Some(C::AddMember {
                workspace: self.req_str("workspace")?,
                member: self.member()?,
                admin: self.opt_bool("admin")?.unwrap_or(false),
            }),
            "remove-member" => Some(C::RemoveMember {
                workspace: self.req_str("workspace")?,
                member: self.member()?,
            }),
            "set-admin" => Some(C::SetAdmin {
                workspace: self.req_str("workspace")?,
                member: self.member()?,
                admin: self.req_bool("admin")?,
            }),
            "grant-page" | "revoke-page" => {
                let workspace = self.req_str("workspace")?;
                let member = self.member()?;
                let Closed(permission) = self.closed("permission", Page::parse)?;
                permission.map(|permission| {
                    if op == "grant-page" {
                        C::GrantPage {
                            workspace,
                            member,
                            permission,
                        }
                    } else {
                        C::RevokePage {
                            workspace,
                            member,
                            permission,
                        }
                    }
                })
            }
            "authorize-model" => Some(C::AuthorizeModel {
                workspace: self.req_str("workspace")?,
                model: self.req_str("model")?,
                flags: ModelFlags {
                    call: self.opt_bool("call")?,
                    fine_tune: self.opt_bool("fine_tune")?,
                    deploy: self.opt_bool("deploy")?,
                },
            }),
            "set-model-limits" => Some(C::SetModelLimits {
                workspace: self.req_str("workspace")?,
                model: self.req_str("model")?,
                rpm: self.opt_int("rpm")?,
                tpm: self.opt_int("tpm")?,
            }),
            "clear-model-limits" => Some(C::ClearModelLimits {
                workspace: self.req_str("workspace")?,
                model: self.req_str("model")?,
            }),
            "set-account-quota" => {
                let Closed(region) = self.closed("region", Region::parse)?;
                let model = self.req_str("model")?;
                let rpm = self.req_int("rpm")?;
                region.map(|region| C::SetAccountQuota { region, model, rpm })
            }
            "add-model" => {
                let model = self.req_str("model")?;
                let Closed(kind) = self.closed("kind", ModelKind::parse)?;
                let fine_tunable = self.req_bool("fine_tunable")?;
                let deployable = self.req_bool("deployable")?;
                kind.map(|kind| C::AddModel {
                    model,
                    kind,
                    fine_tunable,
                    deployable,
                })
            }
            "create-api-key" => Some(C::CreateApiKey {
                workspace: self.req_str("workspace")?,
                owner: self.key_owner()?,
                key: self.req_str("key")?,
            }),
            "delete-api-key" => Some(C::DeleteApiKey {
                key: self.req_str("key")?,
            }),
            "set-ip-whitelist" => Some(C::SetIpWhitelist {
                key: self.req_str("key")?,
                cidrs: self
                    .str_list("cidrs")?
                    .ok_or_else(|| self.missing("cidrs"))?,
            }),
            "activate" => {
                let Closed(feature) = self.closed("feature", Feature::parse)?;
                feature.map(|feature| C::Activate { feature })
            }
            "set-date" => {
                let Some((_, value)) = self.field("date") else {
                    return Err(self.missing("date"));
                };
                let date = date_text(value.get_ref()).ok_or_else(|| {
                    self.fail(value.span().start, "date", "expected a date string")
                })?;
                Some(C::SetDate { date })
            }
            _ => return Err(self.fail(op_at, "op", format!("unknown op `{op}`"))),
        };
        Ok(Parsed::Step(command, who))
    }

    /// Reads a check's fields; `None` when `op` is not a check.
    fn check(&mut self, op: &str) -> Result<Option<Parsed>, Malformed> {
        const THROUGH_KEY: &str = "a check through a key takes no `as`, `via` or `workspace`";
        let check = match op {
            "call-model" | "fine-tune" if self.has("key") => {
                self.forbid(&["as", "via", "workspace"], THROUGH_KEY)?;
                let key = self.req_str("key")?;
                let model = self.req_str("model")?;
                let Closed(ip) = self.ip("ip")?;
                ip.map(|ip| {
                    let caller = Caller::Key { key, ip };
                    if op == "call-model" {
                        Check::CallModel { caller, model }
                    } else {
                        Check::FineTune { caller, model }
                    }
                })
            }
            "call-model" | "fine-tune" => {
                let who = self.who()?;
                let workspace = self.req_str("workspace")?;
                let model = self.req_str("model")?;
                let caller = Caller::Console { who, workspace };
                Some(if op == "call-model" {
                    Check::CallModel { caller, model }
                } else {
                    Check::FineTune { caller, model }
                })
            }
            "batch-inference" => Some(Check::BatchInference {
                who: self.who()?,
                workspace: self.req_str("workspace")?,
                model: self.req_str("model")?,
            }),
            "deploy" => Some(Check::Deploy {
                who: self.who()?,
                workspace: self.req_str("workspace")?,
                model: self.req_str("model")?,
                fine_tuned: self.req_bool("fine_tuned")?,
            }),
            "open-page" => {
                let who = self.who()?;
                let workspace = self.req_str("workspace")?;
                let Closed(page) = self.closed("page", Page::parse)?;
                let Closed(access) = self.closed("access", Access::parse)?;
                page.zip(access).map(|(page, access)| Check::OpenPage {
                    who,
                    workspace,
                    page,
                    access,
                })
            }
            "view-key" => Some(Check::ViewKey {
                who: self.who()?,
                key: self.req_str("key")?,
            }),
            "call-openapi" => Some(Check::CallOpenapi {
                who: self.who()?,
                action: self.req_str("action")?,
                workspace: self.opt_str("workspace")?,
            }),
            "open-system-administration" => {
                Some(Check::OpenSystemAdministration { who: self.who()? })
            }
            "billing" => {
                let who = self.who()?;
                let Closed(action) = self.closed("action", BillingAction::parse)?;
                action.map(|action| Check::Billing { who, action })
            }
            "use-feature" => {
                let who = self.who()?;
                let Closed(feature) = self.closed("feature", Feature::parse)?;
                feature.map(|feature| Check::UseFeature { who, feature })
            }
            "load" => {
                let model = self.req_str("model")?;
                let Closed(traffic) = self.traffic()?;
                traffic.map(|traffic| Check::Load { model, traffic })
            }
            "audit" => {
                return Ok(Some(Parsed::Audit {
                    contains: self.codes("contains")?,
                    absent: self.codes("absent")?,
                }));
            }
            _ => return Ok(None),
        };
        Ok(Some(Parsed::Check(check)))
    }
}

enum Parsed {
    Step(Option<Command>, Who),
    Check(Option<Check>),
    Audit {
        contains: Vec<FindingCode>,
        absent: Vec<FindingCode>,
    },
}
