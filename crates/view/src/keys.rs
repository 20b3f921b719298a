//! What the API keys screen offers when a key is created: the owners to choose from, and what
//! the Beijing rule will make of the choice, said before the key is made.

use studio_access_core::{KeyOwnerName, Member, Owner, State, Who};

/// One owner a key may be created for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerChoice {
    /// The picker's value: `root`, `user:<name>` or `role:<name>`.
    pub value: String,
    /// What the picker shows.
    pub label: String,
    /// The owner as `create-api-key` names it.
    pub owner: KeyOwnerName,
}

impl OwnerChoice {
    fn new(owner: KeyOwnerName) -> OwnerChoice {
        let (value, label) = match &owner {
            KeyOwnerName::Named(name) if name == "root" => (
                "root".to_owned(),
                "root (the Alibaba Cloud account)".to_owned(),
            ),
            KeyOwnerName::Named(name) => (format!("user:{name}"), format!("user {name}")),
            KeyOwnerName::Role(name) => (format!("role:{name}"), format!("role {name}")),
        };
        OwnerChoice {
            value,
            label,
            owner,
        }
    }
}

/// The owners a key of `workspace` may be created for by `who`: the workspace's direct member
/// users, then its member roles, by name; and `root` first, only when `who` is `root` (only the
/// account may name itself as a key's owner).
pub fn owner_choices(state: &State, workspace: &str, who: &Who) -> Vec<OwnerChoice> {
    let mut choices = Vec::new();
    if state.resolve(who).is_ok_and(|acting| acting.is_root()) {
        choices.push(OwnerChoice::new(KeyOwnerName::Named("root".to_owned())));
    }
    let Some(ws) = state.workspace_id(workspace) else {
        return choices;
    };
    let mut users: Vec<&str> = state
        .live_users()
        .filter(|(id, _)| state.membership(Member::User(*id), ws).is_some())
        .map(|(_, user)| user.name.as_str())
        .collect();
    users.sort_unstable();
    let mut roles: Vec<&str> = state
        .live_roles()
        .filter(|(id, _)| state.membership(Member::Role(*id), ws).is_some())
        .map(|(_, role)| role.name.as_str())
        .collect();
    roles.sort_unstable();
    choices.extend(
        users
            .into_iter()
            .map(|name| OwnerChoice::new(KeyOwnerName::Named(name.to_owned()))),
    );
    choices.extend(
        roles
            .into_iter()
            .map(|name| OwnerChoice::new(KeyOwnerName::Role(name.to_owned()))),
    );
    choices
}

/// What the Beijing rule will make of a key created today in `workspace` for `named`, said
/// before it is made: `None` when the key will belong to the owner named.
pub fn ownership_note(state: &State, workspace: &str, named: &KeyOwnerName) -> Option<String> {
    let ws = state.workspace_id(workspace)?;
    let named_owner = match named {
        KeyOwnerName::Named(name) if name == "root" => Owner::Root,
        KeyOwnerName::Named(name) => Owner::User(state.user_id(name)?),
        KeyOwnerName::Role(name) => Owner::Role(state.role_id(name)?),
    };
    if state.key_owner(ws, named_owner) == named_owner {
        return None;
    }
    Some(format!(
        "This key will belong to the Alibaba Cloud account (root), not to {}: keys created in China (Beijing) on or after 2026-03-25 belong to the account (today is {}). It is created for {}, who can still see it; removing or deleting {} will not suspend or kill it.",
        crate::words::key_owner_name(named),
        state.today(),
        crate::words::key_owner_name(named),
        crate::words::key_owner_name(named),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio_access_core::{Command, MemberName, Outcome, Region, SeededEntropy};

    fn state(today: &str) -> State {
        let mut state = State::new_account(today.parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        let steps = [
            Command::CreateUser { name: "bob".into() },
            Command::CreateUser { name: "ann".into() },
            Command::CreateUser { name: "cid".into() },
            Command::CreateRole { name: "ops".into() },
            Command::AttachPolicy {
                member: MemberName::User("ann".into()),
                policy: studio_access_core::Policy::AliyunBailianFullAccess,
            },
            Command::CreateWorkspace {
                region: Region::CnBeijing,
                name: "bj".into(),
            },
            Command::AddMember {
                workspace: "bj".into(),
                member: MemberName::User("bob".into()),
                admin: true,
            },
            Command::AddMember {
                workspace: "bj".into(),
                member: MemberName::User("ann".into()),
                admin: false,
            },
            Command::AddMember {
                workspace: "bj".into(),
                member: MemberName::Role("ops".into()),
                admin: false,
            },
        ];
        for step in steps {
            assert_eq!(
                state.execute(&Who::root(), &step, &mut entropy).outcome,
                Outcome::Ok
            );
        }
        state
    }

    #[test]
    fn owners_are_the_members_and_root_only_for_root() {
        let state = state("2026-01-10");
        let values = |who: &Who| -> Vec<String> {
            owner_choices(&state, "bj", who)
                .into_iter()
                .map(|c| c.value)
                .collect()
        };
        assert_eq!(
            values(&Who::root()),
            vec!["root", "user:ann", "user:bob", "role:ops"]
        );
        assert_eq!(
            values(&Who::user("bob")),
            vec!["user:ann", "user:bob", "role:ops"]
        );
        assert_eq!(
            values(&Who::user("cid")),
            vec!["user:ann", "user:bob", "role:ops"]
        );
        assert_eq!(owner_choices(&state, "nope", &Who::root()).len(), 1);
    }

    #[test]
    fn the_beijing_rule_is_said_before_the_key_is_made() {
        let before = state("2026-03-24");
        assert_eq!(
            ownership_note(&before, "bj", &KeyOwnerName::Role("ops".into())),
            None
        );
        let after = state("2026-03-25");
        let note = ownership_note(&after, "bj", &KeyOwnerName::Role("ops".into())).unwrap();
        assert!(
            note.contains("belong to the Alibaba Cloud account"),
            "{note}"
        );
        assert!(note.contains("role `ops`"), "{note}");
        assert_eq!(
            ownership_note(&after, "bj", &KeyOwnerName::Named("root".into())),
            None
        );
        assert_eq!(
            ownership_note(
                &after,
                "default@us-east-1",
                &KeyOwnerName::Named("bob".into())
            ),
            None
        );
    }
}
