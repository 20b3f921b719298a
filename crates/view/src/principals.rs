//! What the Identities screen shows of each RAM user and role: its effective policies and why
//! each is held, what they make it (super administrator, RAM administrator, administrator and
//! member of workspaces), its trusts, and the sentences of the screen. Every rule is asked of
//! core: policy inclusion (`PolicySet::expanded`, `included_by`), who may attach a policy
//! (`Policy::authority`), who is a super or RAM administrator.

use crate::words;
use studio_access_core::ordered::sort_by_name;
use studio_access_core::{Command, Member, MemberName, Policy, PolicyAuthority, PolicySet, State};

/// One principal and everything the screen says about it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Principal {
    /// Its id.
    pub member: Member,
    /// Its kind and name.
    pub name: MemberName,
    /// The policies attached to it.
    pub attached: PolicySet,
    /// The policies in effect (inclusions applied).
    pub effective: PolicySet,
    /// Whether its policies make it a super administrator.
    pub super_admin: bool,
    /// Whether its policies make it a RAM administrator.
    pub ram_admin: bool,
    /// The workspaces it administers.
    pub admin_of: Vec<String>,
    /// The workspaces it is a member of.
    pub member_of: Vec<String>,
    /// For a user, the roles that trust it; for a role, the users it trusts; by name.
    pub trust: Vec<String>,
}

/// The word of a principal's kind: `user` or `role`.
pub fn kind_word(name: &MemberName) -> &'static str {
    match name {
        MemberName::User(_) => "user",
        MemberName::Role(_) => "role",
    }
}

impl Principal {
    /// The principal's test id stem: `user-ann`, `role-ops`.
    pub fn test_id(&self) -> String {
        format!("{}-{}", kind_word(&self.name), self.name.name())
    }

    /// Whether it is a user.
    pub fn is_user(&self) -> bool {
        matches!(self.name, MemberName::User(_))
    }
}

/// A live principal's summary; `None` when it does not exist (any more).
pub fn principal(state: &State, member: Member) -> Option<Principal> {
    let (name, mut trust) = match member {
        Member::User(id) => {
            let user = state.user(id).filter(|u| !u.deleted)?;
            let roles: Vec<String> = state
                .live_roles()
                .filter(|(_, role)| role.trusted.contains(&id))
                .map(|(_, role)| role.name.clone())
                .collect();
            (MemberName::User(user.name.clone()), roles)
        }
        Member::Role(id) => {
            let role = state.role(id).filter(|r| !r.deleted)?;
            let users: Vec<String> = role
                .trusted
                .iter()
                .filter_map(|u| state.user(*u).filter(|u| !u.deleted))
                .map(|u| u.name.clone())
                .collect();
            (MemberName::Role(role.name.clone()), users)
        }
    };
    trust.sort();
    let attached = state.policies(member);
    let effective = attached.expanded();
    let memberships = state.memberships(member);
    let names = |admin_only: bool| -> Vec<String> {
        memberships
            .map(|all| {
                all.iter()
                    .filter(|(_, m)| m.admin || !admin_only)
                    .map(|(ws, _)| state.workspace_name(*ws).unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(Principal {
        member,
        name,
        attached,
        effective,
        super_admin: state.member_is_super_admin(member),
        ram_admin: state.member_is_ram_admin(member),
        admin_of: names(true),
        member_of: names(false),
        trust,
    })
}

/// Every live principal, users first, then roles, each by name.
pub fn principals(state: &State) -> Vec<Principal> {
    let mut all: Vec<Principal> = state
        .live_members()
        .filter_map(|member| principal(state, member))
        .collect();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}

/// The principals whose name contains `search`, ignoring case.
pub fn matching<'a>(all: &'a [Principal], search: &str) -> Vec<&'a Principal> {
    let needle = search.trim().to_lowercase();
    all.iter()
        .filter(|p| needle.is_empty() || p.name.name().to_lowercase().contains(&needle))
        .collect()
}

/// "3 users, 1 role"; while a search hides some, how many it shows of them all.
pub fn counts(all: &[Principal], shown: &[Principal]) -> String {
    let of = |some: &[Principal]| {
        let users = some.iter().filter(|p| p.is_user()).count();
        format!(
            "{}, {}",
            words::counted(users, "user", "users"),
            words::counted(some.len() - users, "role", "roles")
        )
    };
    if shown.len() == all.len() {
        of(all)
    } else {
        format!("{} match the search (of {})", of(shown), of(all))
    }
}

/// What the table says when it lists nobody.
pub fn empty_table(none_at_all: bool) -> &'static str {
    if none_at_all {
        "No RAM users or roles yet. Create one above."
    } else {
        "No user or role matches the search."
    }
}

/// A principal's trust column: the roles or users, or what none means.
pub fn trust_label(p: &Principal) -> String {
    match (p.trust.is_empty(), p.is_user()) {
        (true, true) => "—".to_owned(),
        (true, false) => "nobody".to_owned(),
        (false, _) => p.trust.join(", "),
    }
}

/// The badges of what a principal's policies and memberships make it, as (accented, text).
pub fn standing(p: &Principal) -> Vec<(bool, String)> {
    let mut badges = Vec::new();
    if p.super_admin {
        badges.push((true, "Super administrator".to_owned()));
    }
    if p.ram_admin {
        badges.push((true, "RAM administrator".to_owned()));
    }
    if !p.admin_of.is_empty() {
        badges.push((
            false,
            format!("Workspace administrator of {}", p.admin_of.join(", ")),
        ));
    }
    badges
}

/// "no workspace", or the workspaces it is a member of.
pub fn member_of(p: &Principal) -> String {
    if p.member_of.is_empty() {
        "no workspace".to_owned()
    } else {
        p.member_of.join(", ")
    }
}

/// Why a policy is held: attached, included by another attached policy, or not at all.
pub fn policy_status(p: &Principal, policy: Policy) -> String {
    if p.attached.contains(policy) {
        "attached".to_owned()
    } else if let Some(by) = p.attached.included_by(policy) {
        format!("included by {by}")
    } else {
        "not held".to_owned()
    }
}

/// Who may attach or detach a policy, in words.
pub fn policy_authority(policy: Policy) -> &'static str {
    match policy.authority() {
        PolicyAuthority::Root => "the Alibaba Cloud account only",
        PolicyAuthority::RamAdministrator => "RAM administrators",
    }
}

/// The toggle of one policy of a principal: attach it or detach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyToggle {
    /// "Attach" or "Detach".
    pub label: &'static str,
    /// The step.
    pub command: Command,
    /// The question before it.
    pub question: String,
    /// What is said once done.
    pub done: String,
    /// Whether it takes something away (drawn in the danger colour).
    pub detaches: bool,
}

/// The toggle of `policy` for `p`.
pub fn policy_toggle(p: &Principal, policy: Policy) -> PolicyToggle {
    let kind = kind_word(&p.name);
    let name = p.name.name();
    let member = p.name.clone();
    if p.attached.contains(policy) {
        PolicyToggle {
            label: "Detach",
            command: Command::DetachPolicy { member, policy },
            question: format!("Detach {policy} from {kind} `{name}`?"),
            done: format!("Detached {policy} from {kind} `{name}`."),
            detaches: true,
        }
    } else {
        PolicyToggle {
            label: "Attach",
            command: Command::AttachPolicy { member, policy },
            question: format!("Attach {policy} to {kind} `{name}`?"),
            done: format!("Attached {policy} to {kind} `{name}`."),
            detaches: false,
        }
    }
}

/// The other side of `p`'s trusts: every live role for a user, every live user for a role, by
/// name, each with whether the trust holds.
pub fn counterparts(state: &State, member: Member) -> Vec<(String, bool)> {
    let mut names: Vec<(String, bool)> = match member {
        Member::User(id) => state
            .live_roles()
            .map(|(_, role)| (role.name.clone(), role.trusted.contains(&id)))
            .collect(),
        Member::Role(id) => {
            let trusted = state
                .role(id)
                .map(|r| r.trusted.clone())
                .unwrap_or_default();
            state
                .live_users()
                .map(|(uid, user)| (user.name.clone(), trusted.contains(&uid)))
                .collect()
        }
    };
    sort_by_name(&mut names, |(name, _)| name);
    names
}

/// The trust step between `p` and `other` (a role for a user, a user for a role), with what is
/// said once done.
pub fn trust_step(p: &Principal, other: &str, trusted: bool) -> (Command, String) {
    let (role, user) = if p.is_user() {
        (other.to_owned(), p.name.name().to_owned())
    } else {
        (p.name.name().to_owned(), other.to_owned())
    };
    if trusted {
        let done = format!("Role `{role}` now trusts `{user}`.");
        (Command::TrustRole { role, user }, done)
    } else {
        let done = format!("Role `{role}` no longer trusts `{user}`.");
        (Command::UntrustRole { role, user }, done)
    }
}

/// Deleting `p`: the step, the question, and what is said once done. The question says which
/// API keys stop working with it: core's `State::keys_dying_with`, the keys it owns, not those
/// merely created for it (a China (Beijing) key made for it on or after 2026-03-25 belongs to
/// the account and keeps working, which the question says too).
pub fn deletion(state: &State, p: &Principal) -> (Command, String, String) {
    let name = p.name.name().to_owned();
    let dying: Vec<&str> = state
        .keys_dying_with(p.member)
        .map(|(_, key)| key.label.as_str())
        .collect();
    let owner = studio_access_core::Owner::from(p.member);
    let kept: Vec<&str> = state
        .keys()
        .filter(|(_, key)| {
            key.created_for == owner
                && key.owner != owner
                && state.key_status(key) == studio_access_core::KeyStatus::Active
        })
        .map(|(_, key)| key.label.as_str())
        .collect();
    let keys = deletion_keys(&dying, &kept);
    match p.name {
        MemberName::User(_) => (
            Command::DeleteUser { name: name.clone() },
            format!(
                "Delete user `{name}` for good? Its policies, memberships and role trusts go with it{keys}"
            ),
            format!("Deleted user `{name}`."),
        ),
        MemberName::Role(_) => (
            Command::DeleteRole { name: name.clone() },
            format!(
                "Delete role `{name}` for good? Its trusts, policies and memberships go with it{keys}"
            ),
            format!("Deleted role `{name}`."),
        ),
    }
}

/// The most key labels a deletion's question names; the rest are counted.
const KEYS_NAMED: usize = 5;

/// `` `a`, `b` and `c` ``, or `` `a`, `b`, … and 3 more `` past [`KEYS_NAMED`].
fn key_list(labels: &[&str]) -> String {
    let named: Vec<String> = labels
        .iter()
        .take(KEYS_NAMED)
        .map(|label| format!("`{label}`"))
        .collect();
    let more = labels.len().saturating_sub(KEYS_NAMED);
    match (named.split_last(), more) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, rest)), 0) => format!("{} and {last}", rest.join(", ")),
        (Some(_), more) => format!("{} and {more} more", named.join(", ")),
    }
}

/// The end of a deletion's question: the API keys that die with it (those it owns that are not
/// dead already) and the working ones created for it that belong to the account.
fn deletion_keys(dying: &[&str], kept: &[&str]) -> String {
    let dies = match dying.len() {
        0 => ". No API key dies with it.".to_owned(),
        1 => format!(
            ", and so does the API key it owns, {}: it can never be used again.",
            key_list(dying)
        ),
        n => format!(
            ", and so do the {n} API keys it owns, {}: they can never be used again.",
            key_list(dying)
        ),
    };
    let keeps = match kept.len() {
        0 => String::new(),
        1 => format!(
            " The key {}, created for it, belongs to the account and keeps working.",
            key_list(kept)
        ),
        n => format!(
            " The {n} keys created for it belong to the account and keep working: {}.",
            key_list(kept)
        ),
    };
    format!("{dies}{keeps}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio_access_core::sample;
    use studio_access_core::{Outcome, SeededEntropy, Who};

    fn state() -> State {
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        let steps = [
            Command::CreateUser { name: "bob".into() },
            Command::CreateUser { name: "ann".into() },
            Command::CreateRole { name: "ops".into() },
            Command::CreateRole {
                name: "idle".into(),
            },
            Command::TrustRole {
                role: "ops".into(),
                user: "ann".into(),
            },
            Command::AttachPolicy {
                member: MemberName::Role("ops".into()),
                policy: Policy::AdministratorAccess,
            },
            Command::AttachPolicy {
                member: MemberName::User("bob".into()),
                policy: Policy::AliyunBailianDataFullAccess,
            },
            Command::CreateWorkspace {
                region: studio_access_core::Region::UsEast1,
                name: "w".into(),
            },
            sample::add_member("w", MemberName::User("ann".into()), true),
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
    fn principals_are_summarised_users_first() {
        let state = state();
        let all = principals(&state);
        let names: Vec<String> = all.iter().map(|p| p.name.to_string()).collect();
        assert_eq!(names, ["user ann", "user bob", "role idle", "role ops"]);
        assert_eq!(counts(&all, &all), "2 users, 2 roles");
        let three: Vec<Principal> = all[..3].to_vec();
        assert_eq!(counts(&three, &three), "2 users, 1 role");
        // A search says how many it shows (a new user's walk: the count ignored it).
        let ann = matching(&all, "ann");
        let shown: Vec<Principal> = ann.into_iter().cloned().collect();
        assert_eq!(
            counts(&all, &shown),
            "1 user, 0 roles match the search (of 2 users, 2 roles)"
        );
        let ann = &all[0];
        assert_eq!(ann.admin_of, ["w"]);
        assert_eq!(
            standing(ann),
            [(false, "Workspace administrator of w".to_owned())]
        );
        assert_eq!(trust_label(ann), "ops");
        assert_eq!(member_of(ann), "w");
        let ops = &all[3];
        assert!(ops.super_admin && ops.ram_admin);
        assert_eq!(ops.test_id(), "role-ops");
        let idle = &all[2];
        assert_eq!(trust_label(idle), "nobody");
        assert_eq!(member_of(idle), "no workspace");
        assert_eq!(matching(&all, " O").len(), 2);
        assert_eq!(empty_table(false), "No user or role matches the search.");
    }

    #[test]
    fn why_a_policy_is_held_and_who_may_change_it() {
        let state = state();
        let all = principals(&state);
        let bob = &all[1];
        assert_eq!(
            policy_status(bob, Policy::AliyunBailianDataFullAccess),
            "attached"
        );
        assert_eq!(
            policy_status(bob, Policy::AliyunBailianDataReadOnlyAccess),
            "included by AliyunBailianDataFullAccess"
        );
        assert_eq!(policy_status(bob, Policy::AliyunBssOrderAccess), "not held");
        assert_eq!(
            policy_status(&all[3], Policy::AliyunBssOrderAccess),
            "included by AdministratorAccess"
        );
        assert_eq!(
            policy_authority(Policy::AdministratorAccess),
            "the Alibaba Cloud account only"
        );
        let toggle = policy_toggle(bob, Policy::AliyunBailianDataFullAccess);
        assert_eq!(toggle.label, "Detach");
        assert!(toggle.detaches);
        assert_eq!(
            toggle.question,
            "Detach AliyunBailianDataFullAccess from user `bob`?"
        );
        let toggle = policy_toggle(bob, Policy::AliyunRamFullAccess);
        assert_eq!(toggle.done, "Attached AliyunRAMFullAccess to user `bob`.");
    }

    #[test]
    fn trusts_and_deletion() {
        let state = state();
        let all = principals(&state);
        let ann = &all[0];
        assert_eq!(
            counterparts(&state, ann.member),
            [("idle".to_owned(), false), ("ops".to_owned(), true)]
        );
        let (step, done) = trust_step(ann, "idle", true);
        assert_eq!(
            step,
            Command::TrustRole {
                role: "idle".into(),
                user: "ann".into()
            }
        );
        assert_eq!(done, "Role `idle` now trusts `ann`.");
        let (step, question, done) = deletion(&state, &all[3]);
        assert_eq!(step, Command::DeleteRole { name: "ops".into() });
        assert!(question.starts_with("Delete role `ops` for good?"));
        assert_eq!(done, "Deleted role `ops`.");
    }

    /// The question says which keys die: those the principal owns, not the Beijing keys created
    /// for it after 2026-03-25, which belong to the account (a review found it said "its API keys
    /// stop working" of every user).
    #[test]
    fn deleting_says_which_keys_die_with_it() {
        let state = sample::sample_organisation("2026-11-22".parse().unwrap());
        let question = |name: &str| {
            let member = state
                .user_id(name)
                .map(Member::User)
                .or_else(|| state.role_id(name).map(Member::Role))
                .unwrap();
            deletion(&state, &principal(&state, member).unwrap()).1
        };
        assert_eq!(
            question("user-01"),
            "Delete user `user-01` for good? Its policies, memberships and role trusts go with it. \
             No API key dies with it. The 2 keys created for it belong to the account and keep \
             working: `project-a-app` and `project-a-open`."
        );
        assert_eq!(
            question("lead-01"),
            "Delete user `lead-01` for good? Its policies, memberships and role trusts go with it, \
             and so does the API key it owns, `prod-service`: it can never be used again."
        );
        assert_eq!(
            question("ops-role"),
            "Delete role `ops-role` for good? Its trusts, policies and memberships go with it, \
             and so does the API key it owns, `prod-batch`: it can never be used again."
        );
        assert_eq!(
            question("analyst"),
            "Delete user `analyst` for good? Its policies, memberships and role trusts go with it. \
             No API key dies with it."
        );
    }

    #[test]
    fn a_long_list_of_keys_is_cut() {
        assert_eq!(key_list(&["a"]), "`a`");
        assert_eq!(key_list(&["a", "b", "c"]), "`a`, `b` and `c`");
        assert_eq!(
            key_list(&["a", "b", "c", "d", "e", "f", "g"]),
            "`a`, `b`, `c`, `d`, `e` and 2 more"
        );
    }
}
