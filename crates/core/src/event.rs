//! The audit trail: every applied command, with who applied it and when.

use crate::command::Command;
use crate::date::Date;
use crate::principal::Who;
use serde::{Deserialize, Serialize};

/// The secret material a `create-api-key` produced, kept so that a replay gives the same key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedSecret {
    /// Hex SHA-256 of the secret.
    pub sha256: String,
    /// The masked form.
    pub masked: String,
}

/// One applied command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// 1 for the first event of the account, then one more each time.
    pub seq: u64,
    /// The simulation's date when it was applied.
    pub date: Date,
    /// Who applied it.
    pub who: Who,
    /// What was applied.
    pub command: Command,
    /// For a created key, its secret's hash and masked form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<IssuedSecret>,
}
