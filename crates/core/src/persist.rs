//! The persistence format: a versioned JSON envelope `{ "version": N, "state": { … } }`.
//!
//! Version 3 (written now) stores the history, not the current state: `state` is
//! `{ "checkpoint": { … }, "events": [ … ] }`, the state as of the last folded change and the
//! events kept after it. Loading replays those events onto the checkpoint, so what loads is
//! exactly what the history says. Version 3 is version 2 under SPEC revision 2: workspaces carry
//! their ID and may be deleted, keys may be owned by roles.
//!
//! Older versions migrate, and nothing in them is lost. Version 2 had the same shape, written
//! under revision 1 of the rules; version 1 stored the current state with every event since
//! `origin`, and is accepted only if replaying its events from a new account gives the state it
//! stored. History recorded under revision 1 that revision 2 refuses (a RAM user who named
//! `root` as a key's owner, a name the name rules no longer allow) is replayed under the rules
//! it was recorded under and folded into the checkpoint as it stands, with every event before
//! it; the events after it stay history. [`load`] says what was kept and what was folded.
//!
//! Loading never trusts its input: a damaged text, an unknown or newer version, or a state whose
//! records do not hold together is an error that names the problem.

use crate::command::ReplayError;
use crate::command::Rules;
use crate::event::Event;
use crate::outcome::Outcome;
use crate::principal::Who;
use crate::state::IntegrityError;
use crate::state::{State, StateData};
use serde::{Deserialize, Serialize};

/// The version this build writes.
pub const CURRENT_VERSION: u32 = 3;

pub use crate::command::MAX_SEQ;
pub use crate::state::{LIMITS, Limits};

/// The longest text a state is read from, in bytes (32 MiB): a file, a share link's contents.
/// Longer is refused before it is parsed. A state at the [`LIMITS`] takes far less.
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;

/// A state just loaded, and what its migration did when it was written by an older version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// The state.
    pub state: State,
    /// `None` when the text was of the current version.
    pub migration: Option<Migration>,
}

/// What migrating an older text did to its history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// The version it was written in.
    pub from_version: u32,
    /// Changes still kept as history (they can be undone).
    pub kept: usize,
    /// Changes folded into the checkpoint by this migration (they can no longer be undone).
    pub folded: usize,
    /// The recorded changes that today's rules refuse, oldest first: the reason those before
    /// them were folded too.
    pub superseded: Vec<Superseded>,
}

/// A recorded change that the current rules refuse, kept as it stands in the checkpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Superseded {
    /// Its sequence number.
    pub seq: u64,
    /// Its `op`.
    pub op: &'static str,
    /// Who applied it.
    pub who: Who,
    /// What the current rules answer it with.
    pub outcome: Outcome,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    version: u32,
    state: StoredOut<'a>,
}

#[derive(Serialize)]
struct StoredOut<'a> {
    checkpoint: &'a StateData,
    #[serde(skip_serializing_if = "<[Event]>::is_empty")]
    events: &'a [Event],
}

/// The version alone: read first, so that the state is parsed once, into its own version's shape.
#[derive(Deserialize)]
struct Head {
    version: serde_json::Value,
}

#[derive(Deserialize)]
struct Envelope<S> {
    state: S,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredV2 {
    checkpoint: StateData,
    #[serde(default)]
    events: Vec<Event>,
}

/// Why stored data could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Not JSON, or not an envelope.
    #[error("the data is damaged: {0}")]
    Damaged(String),
    /// JSON, but not an export (no envelope with a version).
    #[error(
        "the data is JSON, but not a state exported by this console (an export is an object with a `version` and a `state`)"
    )]
    Foreign,
    /// A version this build does not know.
    #[error("the data has an unknown version `{0}`")]
    UnknownVersion(String),
    /// Written by a newer build.
    #[error(
        "the data was written by a newer version ({0}; this one reads up to {CURRENT_VERSION})"
    )]
    NewerVersion(u64),
    /// The envelope's state does not have the shape of one, or is too large.
    #[error("the data is not a valid state: {0}")]
    Invalid(String),
    /// A record breaks an invariant of the rules.
    #[error("the data is not a valid state: {0}")]
    Integrity(#[from] IntegrityError),
    /// A recorded change does not apply to the state before it.
    #[error("the data is not a valid state: {0}")]
    Replay(#[from] ReplayError),
}

impl LoadError {
    /// Whether the text was an envelope whose state is not a valid one (rather than damaged or
    /// of another version).
    pub fn is_invalid_state(&self) -> bool {
        matches!(
            self,
            LoadError::Invalid(_) | LoadError::Integrity(_) | LoadError::Replay(_)
        )
    }
}

/// The state as an envelope of the current version: its checkpoint and kept events, in ASCII
/// (see [`AsciiFormatter`]).
pub fn to_json(state: &State) -> String {
    let checkpoint = state.checkpoint_data();
    let envelope = EnvelopeOut {
        version: CURRENT_VERSION,
        state: StoredOut {
            checkpoint: &checkpoint,
            events: &state.data().events,
        },
    };
    let mut out = Vec::with_capacity(64 * 1024);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, AsciiFormatter);
    #[allow(clippy::expect_used)]
    // PANIC SAFETY: writing to a `Vec` cannot fail, and no `Serialize` impl of the stored state
    // returns an error: its maps are keyed by ids (numbers, which JSON writes as strings) and its
    // custom serializers (`sha256_text`, `masked_text`, `serialize_bits`) only write values.
    envelope
        .serialize(&mut serializer)
        .expect("a state always serializes");
    #[allow(clippy::expect_used)]
    // PANIC SAFETY: serde_json writes UTF-8, and `AsciiFormatter` only ASCII.
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// JSON with every character beyond ASCII escaped (`\u2026`). Browsers keep a string that is
/// all Latin-1 at one byte a character, and one with any other character at two; ASCII keeps the
/// saved text at its size through `localStorage` and its conversions.
struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if fragment.is_ascii() {
            return writer.write_all(fragment.as_bytes());
        }
        for ch in fragment.chars() {
            if ch.is_ascii() {
                writer.write_all(&[ch as u8])?;
            } else {
                let mut units = [0u16; 2];
                for unit in ch.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }
}

/// Whether `text` is in the form [`to_json`] writes now; a text that is not (an older version)
/// loads through its migration and is worth saving again.
pub fn is_current(text: &str) -> bool {
    text.starts_with(CURRENT_PREFIX)
}

const CURRENT_PREFIX: &str = r#"{"version":3,"#;

/// Reads an envelope of any known version, migrating it to the current one.
pub fn from_json(text: &str) -> Result<State, LoadError> {
    load(text).map(|loaded| loaded.state)
}

/// Reads an envelope of any known version, migrating it to the current one, and says what the
/// migration did.
pub fn load(text: &str) -> Result<Loaded, LoadError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(LoadError::Invalid(format!(
            "it is {} bytes long, more than the {MAX_TEXT_BYTES} a state may take",
            text.len()
        )));
    }
    let head: Head = serde_json::from_str(text).map_err(|e| damaged_or_foreign(&e))?;
    let version = match head.version.as_u64() {
        Some(version) => version,
        None => return Err(LoadError::UnknownVersion(head.version.to_string())),
    };
    match version {
        1 => from_v1(parse::<StateData>(text)?),
        2 => {
            let stored = parse::<StoredV2>(text)?;
            let (state, migration) = from_history(stored, 2)?;
            Ok(Loaded {
                state,
                migration: Some(migration),
            })
        }
        3 => from_v3(parse::<StoredV2>(text)?),
        v if v > u64::from(CURRENT_VERSION) => Err(LoadError::NewerVersion(v)),
        v => Err(LoadError::UnknownVersion(v.to_string())),
    }
}

/// Why a text is no envelope, in words: where broken JSON breaks, or that well-formed JSON is
/// not an export (a new user's walk read the parser's "missing field `version` at line 1 column
/// 17" and "EOF while parsing").
fn damaged_or_foreign(error: &serde_json::Error) -> LoadError {
    use serde_json::error::Category;
    let at = format!("line {}, column {}", error.line(), error.column());
    match error.classify() {
        Category::Data => LoadError::Foreign,
        Category::Eof => LoadError::Damaged(format!(
            "it ends before its JSON is complete ({at}), as a file cut short does"
        )),
        Category::Syntax | Category::Io => {
            LoadError::Damaged(format!("it is not valid JSON ({at})"))
        }
    }
}

fn parse<S: serde::de::DeserializeOwned>(text: &str) -> Result<S, LoadError> {
    serde_json::from_str::<Envelope<S>>(text)
        .map(|envelope| envelope.state)
        .map_err(|e| LoadError::Invalid(e.to_string()))
}

/// The checkpoint of a stored history, checked.
fn checkpoint_of(stored: StoredV2) -> Result<(State, Vec<Event>), LoadError> {
    if !stored.checkpoint.events.is_empty() {
        return Err(LoadError::Invalid(
            "the checkpoint holds events; they belong after it".to_owned(),
        ));
    }
    if let Some(event) = stored.events.iter().find(|e| e.seq > MAX_SEQ) {
        return Err(LoadError::Invalid(format!(
            "change #{} is numbered past the largest sequence number kept ({MAX_SEQ})",
            event.seq
        )));
    }
    let state = State::from_data(stored.checkpoint)?;
    Ok((state, stored.events))
}

/// Version 3: the checkpoint, checked, and its kept events replayed onto it under today's rules.
fn from_v3(stored: StoredV2) -> Result<Loaded, LoadError> {
    let (mut state, events) = checkpoint_of(stored)?;
    for event in &events {
        state.reapply(event).map_err(LoadError::from)?;
    }
    Ok(Loaded {
        state,
        migration: None,
    })
}

/// Version 2 → 3 (and the history of version 1): the events replayed onto the checkpoint, each
/// under today's rules where they allow it and else under revision 1's, which they were
/// recorded under. Everything up to the last event today's rules refuse is folded into the
/// checkpoint as it stands; the rest replays as history.
fn from_history(stored: StoredV2, from_version: u32) -> Result<(State, Migration), LoadError> {
    let (checkpoint, events) = checkpoint_of(stored)?;
    let mut probe = checkpoint.clone();
    let mut superseded = Vec::new();
    let mut fold_through = None;
    for (at, event) in events.iter().enumerate() {
        match probe.replay_under(event, Rules::Current) {
            Ok(()) => {}
            Err(refused) => {
                probe
                    .replay_under(event, Rules::Revision1)
                    .map_err(LoadError::from)?;
                superseded.push(Superseded {
                    seq: event.seq,
                    op: event.command.op(),
                    who: event.who.clone(),
                    outcome: refused.outcome,
                });
                fold_through = Some(at);
            }
        }
    }
    let (mut state, rest) = match fold_through {
        None => (checkpoint, events.as_slice()),
        Some(last) => {
            let (folded, rest) = events.split_at(last + 1);
            let mut base = checkpoint;
            for event in folded {
                base.replay_under(event, Rules::Current)
                    .or_else(|_| base.replay_under(event, Rules::Revision1))
                    .map_err(LoadError::from)?;
                base.data_mut().folded = event.seq;
            }
            let state = State::from_data(base.data().clone()).map_err(LoadError::from)?;
            (state, rest)
        }
    };
    for event in rest {
        state.reapply(event).map_err(LoadError::from)?;
    }
    let kept = state.data().events.len();
    let migration = Migration {
        from_version,
        kept,
        folded: fold_through.map_or(0, |last| last + 1),
        superseded,
    };
    Ok((state, migration))
}

/// Version 1 → 3: the stored state with every event since `origin`. The events are replayed
/// from a new account (see [`from_history`]) and must give the stored state exactly.
fn from_v1(mut stored: StateData) -> Result<Loaded, LoadError> {
    let events = std::mem::take(&mut stored.events);
    let stored = State::from_data(stored)?;
    let history = StoredV2 {
        checkpoint: State::new_account(stored.data().origin).data().clone(),
        events,
    };
    let (replayed, migration) = from_history(history, 1)
        .map_err(|e| LoadError::Invalid(format!("its history does not replay: {e}")))?;
    match first_difference(stored.data(), replayed.data()) {
        None => Ok(Loaded {
            state: replayed,
            migration: Some(migration),
        }),
        Some(what) => Err(LoadError::Invalid(format!(
            "its history does not give the state it holds: {what} differs"
        ))),
    }
}

/// The first record in which two states differ, named, or `None` when their contents are the
/// same (the history is not compared).
fn first_difference(stored: &StateData, replayed: &StateData) -> Option<String> {
    fn tables<T: PartialEq>(
        stored: &[T],
        replayed: &[T],
        what: &str,
        name: impl Fn(&T) -> String,
    ) -> Option<String> {
        if let Some((a, _)) = stored.iter().zip(replayed).find(|(a, b)| a != b) {
            return Some(format!("{what} {}", name(a)));
        }
        (stored.len() != replayed.len()).then(|| {
            format!(
                "the number of {what}s ({} stored, {} replayed)",
                stored.len(),
                replayed.len()
            )
        })
    }
    if stored.today != replayed.today {
        return Some(format!(
            "today's date (`{}` stored, `{}` replayed)",
            stored.today, replayed.today
        ));
    }
    tables(&stored.users, &replayed.users, "user", |u| {
        format!("`{}`", u.name)
    })
    .or_else(|| {
        tables(&stored.roles, &replayed.roles, "role", |r| {
            format!("`{}`", r.name)
        })
    })
    .or_else(|| {
        tables(&stored.workspaces, &replayed.workspaces, "workspace", |w| {
            format!("`{}`", w.name)
        })
    })
    .or_else(|| {
        tables(&stored.models, &replayed.models, "model", |m| {
            format!("`{}`", m.name)
        })
    })
    .or_else(|| {
        tables(&stored.quotas, &replayed.quotas, "quota", |q| {
            format!("of `{}`", q.region)
        })
    })
    .or_else(|| {
        tables(&stored.keys, &replayed.keys, "key", |k| {
            format!("`{}`", k.label)
        })
    })
    .or_else(|| (stored.features != replayed.features).then(|| "the activated features".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, HISTORY_KEPT, HISTORY_LIMIT, MemberName};
    use crate::date::Date;
    use crate::keys::SeededEntropy;
    use crate::principal::Who;
    use crate::sample::sample_organisation;
    use crate::vocab::Page;

    fn today() -> Date {
        "2026-11-22".parse().unwrap()
    }

    /// The version-1 text of a state, written the way version 1 wrote it: the whole current
    /// state with every event, sets as lists of names, hashes in hex, every field present.
    fn v1_text(state: &State, events: &[Event]) -> String {
        let mut data = serde_json::to_value(state.data()).unwrap();
        let object = data.as_object_mut().unwrap();
        object.remove("folded");
        object.insert("events".into(), serde_json::to_value(events).unwrap());
        let names = |set: &serde_json::Value, all: &[&str]| {
            let bits = set.as_u64().unwrap_or(0);
            serde_json::Value::from(
                all.iter()
                    .enumerate()
                    .filter(|(at, _)| bits & (1 << at) != 0)
                    .map(|(_, name)| *name)
                    .collect::<Vec<_>>(),
            )
        };
        let policies: Vec<&str> = crate::vocab::Policy::ALL
            .iter()
            .map(|p| p.as_str())
            .collect();
        let pages: Vec<&str> = Page::ALL.iter().map(|p| p.as_str()).collect();
        let features: Vec<&str> = crate::vocab::Feature::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        let features_value = names(&object["features"], &features);
        object.insert("features".into(), features_value);
        for table in ["users", "roles"] {
            for principal in object[table].as_array_mut().unwrap() {
                let principal = principal.as_object_mut().unwrap();
                let held = principal.get("policies").cloned().unwrap_or_default();
                principal.insert("policies".into(), names(&held, &policies));
                principal.entry("deleted").or_insert(false.into());
                principal
                    .entry("memberships")
                    .or_insert(serde_json::json!({}));
                if table == "roles" {
                    principal.entry("trusted").or_insert(serde_json::json!([]));
                }
                for membership in principal["memberships"]
                    .as_object_mut()
                    .unwrap()
                    .values_mut()
                {
                    let membership = membership.as_object_mut().unwrap();
                    let granted = membership.get("pages").cloned().unwrap_or_default();
                    membership.insert("pages".into(), names(&granted, &pages));
                    membership.entry("admin").or_insert(false.into());
                }
            }
        }
        for (at, key) in object["keys"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            let key = key.as_object_mut().unwrap();
            let held = state.key(crate::state::KeyId(at)).unwrap();
            key.remove("sha256");
            key.insert("secret_sha256".into(), held.secret_sha256.clone().into());
            key.insert("masked".into(), held.masked.clone().into());
            let owner = key["owner"].clone();
            key.entry("created_for").or_insert(owner);
            key.entry("whitelist").or_insert(serde_json::json!([]));
            key.entry("deleted").or_insert(false.into());
        }
        serde_json::to_string(&serde_json::json!({ "version": 1, "state": data })).unwrap()
    }

    fn with_history(steps: usize) -> State {
        let mut state = sample_organisation(today());
        let mut entropy = SeededEntropy::new(7);
        for at in 0..steps {
            let command = if at % 2 == 0 {
                Command::GrantPage {
                    workspace: "project-a".into(),
                    member: MemberName::User("user-01".into()),
                    permission: Page::Playground,
                }
            } else {
                Command::RevokePage {
                    workspace: "project-a".into(),
                    member: MemberName::User("user-01".into()),
                    permission: Page::Playground,
                }
            };
            state.execute(&Who::root(), &command, &mut entropy);
        }
        state
    }

    #[test]
    fn round_trips() {
        let state = State::new_account(today());
        let text = to_json(&state);
        assert!(text.starts_with(r#"{"version":3,"state":{"checkpoint":{"#));
        assert!(is_current(&text));
        assert!(!is_current(&v1_text(&state, &[])));
        assert_eq!(from_json(&text).unwrap(), state);
        let sample = sample_organisation(today());
        assert_eq!(from_json(&to_json(&sample)).unwrap(), sample);
    }

    #[test]
    fn keeps_the_time_of_a_change_and_loads_files_without_one() {
        let mut state = sample_organisation(today());
        let mut entropy = SeededEntropy::new(5);
        let create = Command::CreateUser {
            name: "timed".into(),
        };
        // 2026-12-04 17:03:09.250 UTC.
        let at = 1_796_403_789_250;
        let done = state.execute_at(&Who::root(), &create, &mut entropy, Some(at));
        assert_eq!(done.outcome, crate::outcome::Outcome::Ok);
        let last = state.data().events.last().unwrap().clone();
        assert_eq!((last.at, last.date), (Some(at), today()));
        let text = to_json(&state);
        assert!(text.contains(&format!(r#""at":{at}"#)), "{text}");
        let back = from_json(&text).unwrap();
        assert_eq!(back, state);
        assert_eq!(back.data().events.last().unwrap().at, Some(at));
        // Events without a time (the sample's, scenario runs') write no field and load without
        // one: files saved before times were kept load unchanged.
        assert_eq!(text.matches(r#""at":"#).count(), 1, "{text}");
        let earlier = &back.data().events[..back.data().events.len() - 1];
        assert!(earlier.iter().all(|e| e.at.is_none()));
        let old = text.replacen(&format!(r#","at":{at}"#), "", 1);
        assert!(!old.contains(r#""at":"#));
        let loaded = from_json(&old).unwrap();
        assert_eq!(loaded.data().events.last().unwrap().at, None);
        assert_eq!(loaded.data().events.len(), state.data().events.len());
        // Undo then redo (a replay, then the event applied again) keeps the time.
        let kept = state.data().events.len();
        let mut undone = state.replay_kept(kept - 1).unwrap();
        undone.reapply(&last).unwrap();
        assert_eq!(undone, state);
        // Later changes fold it into the checkpoint, which keeps no events; what is kept loads.
        let mut folded = state.clone();
        for step in 0..HISTORY_LIMIT {
            let name = format!("later-{step}");
            folded.execute(&Who::root(), &Command::CreateUser { name }, &mut entropy);
        }
        assert!(folded.data().folded >= last.seq);
        assert_eq!(from_json(&to_json(&folded)).unwrap(), folded);
    }

    #[test]
    fn writes_ascii_only() {
        let mut state = sample_organisation(today());
        let mut entropy = SeededEntropy::new(2);
        let name = "équipe 東京 𠀀".to_owned();
        let done = state.execute(
            &Who::root(),
            &Command::CreateWorkspace {
                region: crate::vocab::Region::UsEast1,
                name: name.clone(),
            },
            &mut entropy,
        );
        assert_eq!(done.outcome, crate::outcome::Outcome::Ok);
        let text = to_json(&state);
        assert!(text.is_ascii());
        assert!(
            text.contains(r#"\u00e9quipe \u6771\u4eac \ud840\udc00"#),
            "{text}"
        );
        let back = from_json(&text).unwrap();
        assert!(back.workspace_id(&name).is_some());
        assert_eq!(back, state);
    }

    #[test]
    fn stores_the_checkpoint_and_the_kept_events_only() {
        let state = with_history(400);
        let kept = state.data().events.len();
        assert!((HISTORY_KEPT..=HISTORY_LIMIT).contains(&kept), "{kept}");
        let folded = state.data().folded;
        assert!(folded > 200, "{folded}");
        let last = state.data().events.last().unwrap().seq;
        assert_eq!(folded + kept as u64, last);
        let text = to_json(&state);
        let stored: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(stored["state"]["events"].as_array().unwrap().len(), kept);
        assert_eq!(stored["state"]["checkpoint"]["folded"], folded);
        assert!(stored["state"]["checkpoint"].get("events").is_none());
        let back = from_json(&text).unwrap();
        assert_eq!(back, state);
        assert_eq!(back.data().folded, folded);
        // Compact: sets as bitmasks, no default fields.
        let user = &stored["state"]["checkpoint"]["users"][0];
        assert!(user.get("deleted").is_none(), "{user}");
        assert!(stored["state"]["checkpoint"]["features"].is_u64());
    }

    #[test]
    fn migrates_version_1() {
        // A small v1 text, all of whose events are kept.
        let sample = sample_organisation(today());
        let text = v1_text(&sample, &sample.data().events);
        assert!(text.starts_with(r#"{"version":1,"#));
        assert!(
            text.contains(r#""policies":["AliyunBailianFullAccess"]"#),
            "{text}"
        );
        let migrated = from_json(&text).unwrap();
        assert_eq!(migrated, sample);
        assert_eq!(from_json(&to_json(&migrated)).unwrap(), sample);
    }

    #[test]
    fn migrates_a_long_version_1_history_into_a_checkpoint() {
        let mut state = State::new_account(today());
        let mut entropy = SeededEntropy::new(3);
        let mut all = Vec::new();
        for at in 0..300 {
            let name = format!("user-{at:03}");
            state.execute(&Who::root(), &Command::CreateUser { name }, &mut entropy);
            all.extend(state.data().events.last().cloned());
        }
        assert_eq!(all.len(), 300);
        let text = v1_text(&state, &all);
        let migrated = from_json(&text).unwrap();
        assert_eq!(migrated, state);
        assert_eq!(
            migrated.data().folded as usize + migrated.data().events.len(),
            300
        );
    }

    #[test]
    fn refuses_a_version_1_whose_history_disagrees() {
        let sample = sample_organisation(today());
        let text = v1_text(&sample, &sample.data().events);
        let altered = text.replacen(r#""name":"intern""#, r#""name":"trainee""#, 1);
        assert_ne!(altered, text);
        let error = from_json(&altered).unwrap_err();
        assert_eq!(
            error,
            LoadError::Invalid(
                "its history does not give the state it holds: user `trainee` differs".to_owned()
            )
        );
        let cut = v1_text(&sample, &sample.data().events[..10]);
        let error = from_json(&cut).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("does not give the state it holds"),
            "{error}"
        );
    }

    #[test]
    fn names_what_is_wrong() {
        let state = to_json(&State::new_account(today()));
        assert!(matches!(from_json("{"), Err(LoadError::Damaged(_))));
        // JSON that is no export says so, in words rather than the parser's (a new user's walk
        // read "missing field `version` at line 1 column 17"); broken JSON says where it breaks.
        for foreign in ["[]", r#"{"state":{}}"#, r#"{"users": [], "n": 1}"#] {
            let error = from_json(foreign).unwrap_err();
            assert!(matches!(error, LoadError::Foreign), "{foreign}: {error:?}");
            let said = error.to_string();
            assert!(said.contains("not a state exported"), "{said}");
        }
        let cut = from_json(&state[..state.len() / 2])
            .unwrap_err()
            .to_string();
        assert!(
            cut.starts_with("the data is damaged: it ends before its JSON is complete"),
            "{cut}"
        );
        let broken = from_json("{not json").unwrap_err().to_string();
        assert!(
            broken.starts_with("the data is damaged: it is not valid JSON (line 1, column 2)"),
            "{broken}"
        );
        for said in [cut, broken] {
            assert!(
                !said.contains("EOF") && !said.contains("key must be"),
                "{said}"
            );
        }
        let newer = state.replacen(r#""version":3"#, r#""version":4"#, 1);
        assert_eq!(from_json(&newer), Err(LoadError::NewerVersion(4)));
        let zero = state.replacen(r#""version":3"#, r#""version":0"#, 1);
        assert!(matches!(
            from_json(&zero),
            Err(LoadError::UnknownVersion(_))
        ));
        let text = state.replacen(r#""version":3"#, r#""version":"one""#, 1);
        assert!(matches!(
            from_json(&text),
            Err(LoadError::UnknownVersion(_))
        ));
        let renamed = state.replacen("default@cn-beijing", "default@mars", 1);
        let error = from_json(&renamed).unwrap_err();
        assert!(error.is_invalid_state(), "{error}");
        let unknown = state.replacen(r#""checkpoint""#, r#""base""#, 1);
        assert!(from_json(&unknown).is_err_and(|e| e.is_invalid_state()));
    }

    #[test]
    fn refuses_events_that_do_not_follow_the_checkpoint() {
        let state = with_history(10);
        let text = to_json(&state);
        // An event that no longer applies: its user is gone from the checkpoint.
        let broken = text.replacen(r#""user":"user-01""#, r#""user":"nobody""#, 1);
        assert_ne!(broken, text);
        let error = from_json(&broken).unwrap_err();
        // It names the change, its step and the name at fault (issue 13: it said only
        // `event 1 no longer applies: error:invalid-value`).
        assert_eq!(
            error.to_string(),
            "the data is not a valid state: recorded change #24 (`add-member`) no longer applies: error:not-found, `nobody`"
        );
        // Events out of order.
        let mut stored: serde_json::Value = serde_json::from_str(&text).unwrap();
        stored["state"]["events"].as_array_mut().unwrap().swap(0, 1);
        let error = from_json(&stored.to_string()).unwrap_err();
        assert!(error.is_invalid_state(), "{error}");
        assert!(
            error
                .to_string()
                .ends_with("error:invalid-value, it does not come after #2"),
            "{error}"
        );
    }
}
