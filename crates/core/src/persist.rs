//! The persistence format: a versioned JSON envelope `{ "version": N, "state": { … } }`.
//!
//! Loading never trusts its input: a damaged text, an unknown or newer version, or a state whose
//! records do not hold together is an error that names the problem.

use crate::state::{State, StateData};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The version this build writes.
pub const CURRENT_VERSION: u32 = 1;

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    version: u32,
    state: &'a State,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    version: serde_json::Value,
    state: serde_json::Value,
}

/// Why stored data could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or not an envelope.
    Damaged(String),
    /// A version this build does not know.
    UnknownVersion(String),
    /// Written by a newer build.
    NewerVersion(u64),
    /// The state inside does not hold together.
    Invalid(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Damaged(why) => write!(f, "the data is damaged: {why}"),
            LoadError::UnknownVersion(version) => {
                write!(f, "the data has an unknown version `{version}`")
            }
            LoadError::NewerVersion(version) => write!(
                f,
                "the data was written by a newer version ({version}; this one reads up to {CURRENT_VERSION})"
            ),
            LoadError::Invalid(why) => write!(f, "the data is not a valid state: {why}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// The state as an envelope of the current version.
pub fn to_json(state: &State) -> String {
    serde_json::to_string(&EnvelopeOut {
        version: CURRENT_VERSION,
        state,
    })
    .unwrap_or_default()
}

/// Reads an envelope of any known version, migrating it to the current one.
pub fn from_json(text: &str) -> Result<State, LoadError> {
    let envelope: EnvelopeIn =
        serde_json::from_str(text).map_err(|e| LoadError::Damaged(e.to_string()))?;
    let version = match envelope.version.as_u64() {
        Some(version) => version,
        None => return Err(LoadError::UnknownVersion(envelope.version.to_string())),
    };
    let current = migrate(version, envelope.state)?;
    let data: StateData =
        serde_json::from_value(current).map_err(|e| LoadError::Invalid(e.to_string()))?;
    State::from_data(data).map_err(|e| LoadError::Invalid(e.to_string()))
}

/// Brings a stored state of `version` to the current version. Version 1 is the first; future
/// versions add a step here, each with its test.
fn migrate(version: u64, state: serde_json::Value) -> Result<serde_json::Value, LoadError> {
    match version {
        1 => Ok(state),
        v if v > u64::from(CURRENT_VERSION) => Err(LoadError::NewerVersion(v)),
        v => Err(LoadError::UnknownVersion(v.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    fn today() -> Date {
        "2026-11-22".parse().unwrap()
    }

    #[test]
    fn round_trips() {
        let state = State::new_account(today());
        let text = to_json(&state);
        assert!(text.starts_with(r#"{"version":1,"state":{"#));
        assert_eq!(from_json(&text).unwrap(), state);
    }

    #[test]
    fn names_what_is_wrong() {
        let state = to_json(&State::new_account(today()));
        assert!(matches!(from_json("{"), Err(LoadError::Damaged(_))));
        assert!(matches!(from_json("[]"), Err(LoadError::Damaged(_))));
        let newer = state.replacen(r#""version":1"#, r#""version":2"#, 1);
        assert_eq!(from_json(&newer), Err(LoadError::NewerVersion(2)));
        let zero = state.replacen(r#""version":1"#, r#""version":0"#, 1);
        assert!(matches!(
            from_json(&zero),
            Err(LoadError::UnknownVersion(_))
        ));
        let text = state.replacen(r#""version":1"#, r#""version":"one""#, 1);
        assert!(matches!(
            from_json(&text),
            Err(LoadError::UnknownVersion(_))
        ));
        let renamed = state.replacen("default@cn-beijing", "default@mars", 1);
        let error = from_json(&renamed).unwrap_err();
        assert!(matches!(error, LoadError::Invalid(_)), "{error}");
    }
}
