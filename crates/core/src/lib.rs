//! The identity and permission model of Alibaba Cloud Model Studio, as SPEC.md states it:
//! the account's [`State`], the [`Command`]s that change it, the [`Check`]s that question it
//! with a full trace of every gate, the [`audit`](State::audit) of its risks, [`scenario`] files
//! and the versioned [`persist`]ence format.
//!
//! The evaluator is total: a well-formed question always gets an answer, never a panic.
//!
//! ```
//! use studio_access_core::{Check, Caller, Command, Outcome, SeededEntropy, State, Who, Code};
//!
//! let mut state = State::new_account("2026-11-22".parse().unwrap());
//! let mut entropy = SeededEntropy::new(1);
//! let create = Command::CreateUser { name: "user-01".into() };
//! assert_eq!(state.execute(&Who::root(), &create, &mut entropy).outcome, Outcome::Ok);
//!
//! let call = Check::CallModel {
//!     caller: Caller::Console { who: Who::user("user-01"), workspace: "default@cn-beijing".into() },
//!     model: "qwen-plus".into(),
//! };
//! let answer = state.check(&call);
//! assert_eq!(answer.outcome, Outcome::Deny(Code::NotMember));
//! assert!(!answer.trace.is_empty());
//! ```

mod audit;
mod check;
mod command;
mod date;
mod decode;
pub mod diff;
mod event;
mod keys;
mod names;
pub mod ordered;
mod outcome;
pub mod persist;
mod principal;
mod remedy;
mod reverse;
pub mod robustness;
pub mod sample;
pub mod scenario;
pub mod share;
mod state;
mod vocab;

pub use audit::{Finding, FindingFix, FixKind, Subject, lowered_limits, quota_finding};
pub use check::{
    Caller, Check, Fact, Gate, LimitKind, LoadReport, Overrun, PageAccess, Quiet, Response,
    TraceStep, Tracer, Traffic, TrafficReport, Visibility,
};
pub use command::{
    Change, Command, Executed, HISTORY_KEPT, HISTORY_LIMIT, KeyOwnerName, MAX_SEQ, MemberName,
    ModelFlags, NO_ENTROPY, Refusal, ReplayError, Stage, limit_value, parse_cidr,
};
pub use date::{Date, DateError};
pub use event::{Event, IssuedSecret};
pub use keys::{Entropy, KeyStatus, SeededEntropy, mask, new_secret, secret_sha256};
pub use names::{NAME_MAX_CHARS, NameProblem, NameRule, is_invisible};
pub use outcome::{Outcome, OutcomeParseError};
pub use principal::{Acting, ResolveFailure, Who};
pub use remedy::{Advice, Named, nearest};
pub use reverse::{Candidate, Reach};
pub use state::{
    ApiKey, IntegrityError, KeyId, LIMITS, Limits, Member, Membership, Model, ModelAuth, ModelId,
    Owner, Quota, Role, RoleId, SAMPLE_CATALOG, State, StateData, User, UserId, Workspace,
    WorkspaceId, is_valid_principal_name, is_valid_workspace_name, is_workspace_id,
};
pub use vocab::{
    Access, BillingAction, Code, Feature, FeatureSet, FindingCode, ModelKind, OPENAPI_READ_ACTIONS,
    PAGE_PRESETS, Page, PagePreset, PageSet, Policy, PolicyAuthority, PolicySet, Region,
    is_openapi_read_action,
};
