//! API keys (SPEC section 5): secrets, their hashes and masked forms, and key status.

use crate::date::Date;
use crate::state::{ApiKey, KeyId, Member, Owner, State, WorkspaceId};
use crate::vocab::Code;
use crate::vocab::Region;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// Where new key secrets come from: the browser's crypto in the console, a seeded sequence in
/// scenarios and tests.
pub trait Entropy {
    /// Sixteen fresh bytes, or `None` when there is no cryptographic source to draw them from
    /// (then no key is created: a secret never comes from anything weaker).
    fn secret_bytes(&mut self) -> Option<[u8; 16]>;
}

/// A deterministic entropy source: SHA-256 of a seed and a counter. For scenarios and tests,
/// where secrets are never used for real.
#[derive(Clone, Debug)]
pub struct SeededEntropy {
    seed: u64,
    counter: u64,
}

impl SeededEntropy {
    /// A sequence determined by `seed`.
    pub fn new(seed: u64) -> SeededEntropy {
        SeededEntropy { seed, counter: 0 }
    }
}

impl Entropy for SeededEntropy {
    fn secret_bytes(&mut self) -> Option<[u8; 16]> {
        self.counter += 1;
        let mut hasher = Sha256::new();
        hasher.update(self.seed.to_le_bytes());
        hasher.update(self.counter.to_le_bytes());
        let digest = hasher.finalize();
        let mut bytes = [0u8; 16];
        for (out, byte) in bytes.iter_mut().zip(digest.iter()) {
            *out = *byte;
        }
        Some(bytes)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, byte| {
            let _ = write!(out, "{byte:02x}");
            out
        })
}

/// A new secret: `sk-` and 32 hex digits; `None` without a cryptographic source.
pub fn new_secret(entropy: &mut dyn Entropy) -> Option<String> {
    entropy
        .secret_bytes()
        .map(|bytes| format!("sk-{}", hex(&bytes)))
}

/// The hex SHA-256 of a secret, which is all that is kept of it.
pub fn secret_sha256(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// The masked form of a secret: `sk-` with its first two and last four digits, e.g. `sk-ab…wxyz`.
pub fn mask(secret: &str) -> String {
    let digits = secret.strip_prefix("sk-").unwrap_or(secret);
    let head: String = digits.chars().take(2).collect();
    let count = digits.chars().count();
    let tail: String = digits.chars().skip(count.saturating_sub(4)).collect();
    format!("sk-{head}…{tail}")
}

/// The derived status of a key (SPEC section 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyStatus {
    /// Usable.
    Active,
    /// Deleted (unrecoverable).
    Deleted,
    /// Its owner was deleted (unrecoverable).
    OwnerDeleted,
    /// Its owner is not a direct member of its workspace (active again once re-added).
    Suspended,
}

impl KeyStatus {
    /// The denial code of a status other than active.
    pub fn code(self) -> Option<Code> {
        match self {
            KeyStatus::Active => None,
            KeyStatus::Deleted => Some(Code::KeyDeleted),
            KeyStatus::OwnerDeleted => Some(Code::KeyOwnerDeleted),
            KeyStatus::Suspended => Some(Code::KeySuspended),
        }
    }
}

impl State {
    /// Who owns a key created today in `workspace` for the `named` owner (SPEC section 5): the
    /// account, for a China (Beijing) key created on or after 2026-03-25; else the named owner.
    pub fn key_owner(&self, workspace: WorkspaceId, named: Owner) -> Owner {
        let beijing = self
            .workspace(workspace)
            .is_some_and(|ws| ws.region == Region::CnBeijing);
        if beijing && self.today() >= Date::BEIJING_ROOT_OWNERSHIP {
            Owner::Root
        } else {
            named
        }
    }

    /// Whether `owner` is `root` or a user or role not deleted: a key's owner, or whom it was
    /// created for, once deleted is gone for good (a new one of that name is another principal).
    pub fn is_live_owner(&self, owner: Owner) -> bool {
        match owner.member() {
            None => true,
            Some(Member::User(id)) => self.user(id).is_some_and(|u| !u.deleted),
            Some(Member::Role(id)) => self.role(id).is_some_and(|r| !r.deleted),
        }
    }

    /// A key's status, derived in SPEC order: deleted, owner deleted, suspended, active.
    /// A key of a deleted workspace is deleted with it; a key owned by a user or role follows
    /// its owner's life and direct membership of the key's workspace.
    pub fn key_status(&self, key: &ApiKey) -> KeyStatus {
        if key.deleted || !self.is_live_workspace(key.workspace) {
            return KeyStatus::Deleted;
        }
        let Some(owner) = key.owner.member() else {
            return KeyStatus::Active;
        };
        if !self.is_live_owner(key.owner) {
            return KeyStatus::OwnerDeleted;
        }
        if self.membership(owner, key.workspace).is_none() {
            return KeyStatus::Suspended;
        }
        KeyStatus::Active
    }

    /// The keys that stop working for good when `member` is deleted: those it owns that are not
    /// dead already (they turn `key-owner-deleted`). A key merely created for it is not among
    /// them: a China (Beijing) key created on or after 2026-03-25 belongs to the account and
    /// outlives it.
    pub fn keys_dying_with(&self, member: Member) -> impl Iterator<Item = (KeyId, &ApiKey)> {
        let owner = Owner::from(member);
        self.keys().filter(move |(_, key)| {
            key.owner == owner
                && matches!(
                    self.key_status(key),
                    KeyStatus::Active | KeyStatus::Suspended
                )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_masked_and_hashed() {
        let mut entropy = SeededEntropy::new(7);
        let secret = new_secret(&mut entropy).unwrap();
        assert!(secret.starts_with("sk-"));
        assert_eq!(secret.len(), 35);
        assert!(secret[3..].chars().all(|c| c.is_ascii_hexdigit()));
        let masked = mask(&secret);
        assert_eq!(masked, format!("sk-{}…{}", &secret[3..5], &secret[31..]));
        assert_eq!(secret_sha256(&secret).len(), 64);
        assert_ne!(new_secret(&mut entropy), Some(secret));
    }

    #[test]
    fn only_the_keys_a_user_owns_die_with_it() {
        use crate::command::{Command, MemberName};
        use crate::principal::Who;
        use crate::sample::{add_member, create_key};
        // After 2026-03-25 a Beijing key created for `bob` is the account's; a US key is his.
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(3);
        let bob = || MemberName::User("bob".into());
        for step in [
            Command::CreateUser { name: "bob".into() },
            add_member("default@cn-beijing", bob(), false),
            add_member("default@us-east-1", bob(), false),
            create_key("default@cn-beijing", "bob", "beijing"),
            create_key("default@us-east-1", "bob", "virginia"),
            create_key("default@us-east-1", "bob", "gone"),
            Command::DeleteApiKey { key: "gone".into() },
        ] {
            let done = state.execute(&Who::root(), &step, &mut entropy);
            assert!(done.refusal.is_none(), "{step:?}: {:?}", done.refusal);
        }
        let user = Member::User(state.user_id("bob").unwrap());
        let dying: Vec<&str> = state
            .keys_dying_with(user)
            .map(|(_, key)| key.label.as_str())
            .collect();
        assert_eq!(dying, ["virginia"]);
        // And so it is once `bob` is deleted.
        let done = state.execute(
            &Who::root(),
            &Command::DeleteUser { name: "bob".into() },
            &mut entropy,
        );
        assert!(done.refusal.is_none());
        let status =
            |label: &str| state.key_status(state.key(state.key_id(label).unwrap()).unwrap());
        assert_eq!(status("virginia"), KeyStatus::OwnerDeleted);
        assert_eq!(status("beijing"), KeyStatus::Active);
        assert_eq!(state.keys_dying_with(user).count(), 0);
    }

    /// A source with nothing to give.
    struct Exhausted;

    impl Entropy for Exhausted {
        fn secret_bytes(&mut self) -> Option<[u8; 16]> {
            None
        }
    }

    #[test]
    fn without_a_cryptographic_source_no_key_is_created() {
        use crate::command::{Command, KeyOwnerName, NO_ENTROPY};
        use crate::outcome::Outcome;
        use crate::principal::Who;
        use crate::vocab::Code;
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let before = state.clone();
        let done = state.execute(
            &Who::root(),
            &Command::CreateApiKey {
                workspace: "default@us-east-1".into(),
                owner: KeyOwnerName::Named("root".into()),
                key: "k".into(),
            },
            &mut Exhausted,
        );
        assert_eq!(done.outcome, Outcome::Error(Code::InvalidValue));
        assert_eq!(
            done.refusal.and_then(|r| r.subject).as_deref(),
            Some(NO_ENTROPY)
        );
        assert_eq!(done.secret, None);
        assert_eq!(state, before);
    }
}
