//! The outcome of a step or a check: `ok`, `allow`, `deny:<code>` or `error:<code>`.

use crate::vocab::Code;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a step or a check came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Outcome {
    /// A step that succeeded (or whose effect already held).
    Ok,
    /// A check that allows.
    Allow,
    /// Denied by a gate, principal resolution or authorization.
    Deny(Code),
    /// Refused before any gate, or by validation.
    Error(Code),
}

impl Outcome {
    /// The code of a denial or error.
    pub fn code(self) -> Option<Code> {
        match self {
            Outcome::Ok | Outcome::Allow => None,
            Outcome::Deny(code) | Outcome::Error(code) => Some(code),
        }
    }

    /// Whether the outcome is `ok` or `allow`.
    pub fn is_success(self) -> bool {
        matches!(self, Outcome::Ok | Outcome::Allow)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Ok => f.write_str("ok"),
            Outcome::Allow => f.write_str("allow"),
            Outcome::Deny(code) => write!(f, "deny:{code}"),
            Outcome::Error(code) => write!(f, "error:{code}"),
        }
    }
}

/// Why a text is not an outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeParseError(pub String);

impl fmt::Display for OutcomeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an outcome (ok, allow, deny:<code> or error:<code>)",
            self.0
        )
    }
}

impl std::error::Error for OutcomeParseError {}

impl FromStr for Outcome {
    type Err = OutcomeParseError;

    fn from_str(text: &str) -> Result<Outcome, OutcomeParseError> {
        let error = || OutcomeParseError(text.to_owned());
        match text {
            "ok" => Ok(Outcome::Ok),
            "allow" => Ok(Outcome::Allow),
            _ => match text.split_once(':') {
                Some(("deny", code)) => Code::parse(code).map(Outcome::Deny).ok_or_else(error),
                Some(("error", code)) => Code::parse(code).map(Outcome::Error).ok_or_else(error),
                _ => Err(error()),
            },
        }
    }
}

impl From<Outcome> for String {
    fn from(outcome: Outcome) -> String {
        outcome.to_string()
    }
}

impl TryFrom<String> for Outcome {
    type Error = OutcomeParseError;

    fn try_from(text: String) -> Result<Outcome, OutcomeParseError> {
        text.parse()
    }
}
