//! Untrusted input, exercised end to end: what the fuzz harness (`examples/fuzz.rs`, run by
//! `bash .ci/bench`) and its regression test (`tests/fuzz.rs`) put every input through. An input
//! may be refused with any message; it must never panic, and what is accepted must hold
//! together (a loaded state saves and loads again as the same state, and its audit and diff run).

use crate::date::Date;
use crate::diff::diff;
use crate::{persist, scenario, share};

/// What an input is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// A scenario file (SPEC section 8).
    Scenario,
    /// A saved or exported state (the persistence envelope).
    State,
    /// A share link's fragment (`v1.` and the deflated envelope).
    ShareLink,
}

impl InputKind {
    /// Every kind.
    pub const ALL: [InputKind; 3] = [InputKind::Scenario, InputKind::State, InputKind::ShareLink];

    /// The kind's name, as corpus files are prefixed with it.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Scenario => "scenario",
            InputKind::State => "state",
            InputKind::ShareLink => "share",
        }
    }

    /// The kind a corpus file's name starts with.
    pub fn of_file_name(name: &str) -> Option<InputKind> {
        InputKind::ALL
            .into_iter()
            .find(|kind| name.starts_with(&format!("{}-", kind.as_str())))
    }
}

/// Reads `bytes` as `kind` and uses what it gives as the console and the command line would:
/// parse and run a scenario; load a state or a share link, save it, load it again, audit it and
/// diff it with itself. `Err` says which property broke (a refusal of the input is no error).
pub fn exercise(kind: InputKind, bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    match kind {
        InputKind::Scenario => {
            if let Ok(parsed) = scenario::parse("input", text) {
                let today = Date::from_days_since_epoch(20_000);
                let report = scenario::run(&parsed, today);
                if report.results.len() != parsed.entries.len() {
                    return Err("a scenario run skipped entries".to_owned());
                }
            }
            Ok(())
        }
        InputKind::State => persist::from_json(text).map_or(Ok(()), |state| holds_together(&state)),
        InputKind::ShareLink => share::decode(text).map_or(Ok(()), |state| holds_together(&state)),
    }
}

fn holds_together(state: &crate::State) -> Result<(), String> {
    let again = persist::from_json(&persist::to_json(state))
        .map_err(|e| format!("a loaded state does not load again once saved: {e}"))?;
    if &again != state {
        return Err("a loaded state saved and loaded again is another state".to_owned());
    }
    let back = share::decode(&share::encode(state))
        .map_err(|e| format!("a loaded state does not travel as a share link: {e}"))?;
    if &back != state {
        return Err("a loaded state shared and opened is another state".to_owned());
    }
    state.audit();
    if !diff(state, state).is_empty() {
        return Err("a state differs in access from itself".to_owned());
    }
    Ok(())
}
