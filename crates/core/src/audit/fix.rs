//! A finding's fix as steps (issue 13): each way of fixing it that steps can express, one
//! alternative per choice a person would make (which workspace a user joins, or delete it), each
//! verified on a copy before it is offered.

use super::{Finding, Subject};
use crate::command::{Command, MemberName, ModelFlags};
use crate::keys::{KeyStatus, SeededEntropy};
use crate::principal::Who;
use crate::state::{Member, ModelId, Owner, RoleId, State, UserId, WorkspaceId};
use crate::vocab::{FindingCode, Policy, Region};
use serde::Serialize;
use std::collections::HashMap;

/// The members a "remove its members" fix removes, at most; a workspace with more is better
/// given a model (or deleted) than emptied step by step.
const MEMBERS_REMOVED: usize = 20;

/// What one alternative fix does, with what its words need; the view crate words it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum FixKind {
    /// A suspended key's owner is added back to the key's workspace.
    RestoreOwner {
        /// The owner.
        owner: MemberName,
        /// The key's workspace.
        workspace: String,
    },
    /// A key whose owner is gone is deleted.
    DeleteKey,
    /// `AliyunBailianFullAccess` is attached in place of `AdministratorAccess`.
    NarrowAdministrator,
    /// `AliyunBSSOrderAccess` is detached.
    DetachPurchase,
    /// A user is added to a workspace as a plain member (no administrator, no page permission).
    JoinWorkspace {
        /// The workspace.
        workspace: String,
    },
    /// The user is deleted.
    DeleteUser,
    /// A user is trusted to assume the role.
    TrustUser {
        /// The user.
        user: String,
    },
    /// The role is deleted.
    DeleteRole,
    /// The sub-workspaces' request limits are lowered in proportion, to leave 10% of the
    /// quota unallocated.
    LowerLimits,
    /// A model is authorized for calling in the sub-workspace.
    AuthorizeModel {
        /// The model.
        model: String,
    },
    /// Every member of the sub-workspace is removed.
    RemoveMembers {
        /// How many.
        count: usize,
    },
}

/// One way of fixing a finding: what it does, and the steps that do it, to be taken as `root`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FindingFix {
    /// What it does.
    pub kind: FixKind,
    /// The steps, in order.
    pub steps: Vec<Command>,
}

impl FindingFix {
    fn new(kind: FixKind, steps: Vec<Command>) -> FindingFix {
        FindingFix { kind, steps }
    }
}

impl State {
    /// The ways [`State::finding_fixes`] would offer to fix `finding`, not yet verified: cheap
    /// enough to ask of every finding shown, to offer a fix only where there is one.
    pub fn fix_choices(&self, finding: &Finding) -> Vec<FindingFix> {
        if !finding.code.fixed_by_steps() {
            return Vec::new();
        }
        self.choices(finding).unwrap_or_default()
    }

    /// A finding's fixes as steps, to be taken as `root`, one per alternative: a suspended
    /// key's owner added back; a dead key deleted; `AdministratorAccess` swapped for
    /// `AliyunBailianFullAccess`; a purchase policy detached; a root key outside China (Beijing)
    /// replaced by a key for each of (at most three of) the RAM users of its workspace; a user
    /// without workspace added to one as a plain member, or deleted; a role no one may assume
    /// trusted to a user who works where it does, or deleted; a quota's request limits lowered in proportion until 10% is left; a
    /// sub-workspace without models given one, or emptied of its members. Each is verified on a
    /// copy: every step succeeds as `root` and afterwards the finding is gone (for a quota,
    /// neither quota finding is raised); one that fails is not offered. None for an IP
    /// whitelist: its addresses are a value only the person knows.
    pub fn finding_fixes(&self, finding: &Finding) -> Vec<FindingFix> {
        self.fix_choices(finding)
            .into_iter()
            .filter(|fix| self.clears(finding, &fix.steps))
            .collect()
    }

    /// Whether `steps`, taken as `root` on a copy, all succeed and leave `finding` gone.
    fn clears(&self, finding: &Finding, steps: &[Command]) -> bool {
        let mut copy = self.clone();
        let mut entropy = SeededEntropy::new(0);
        for step in steps {
            if !copy
                .execute(&Who::root(), step, &mut entropy)
                .outcome
                .is_success()
            {
                return false;
            }
        }
        let quota = |code: FindingCode| {
            matches!(
                code,
                FindingCode::QuotaOverAllocated | FindingCode::QuotaNoBuffer
            )
        };
        !copy.audit().iter().any(|f| {
            f.subject == finding.subject
                && (f.code == finding.code || (quota(f.code) && quota(finding.code)))
        })
    }

    fn choices(&self, finding: &Finding) -> Option<Vec<FindingFix>> {
        let member = |subject: &Subject| match subject {
            Subject::User { id, .. } => Some(Member::User(*id)),
            Subject::Role { id, .. } => Some(Member::Role(*id)),
            _ => None,
        };
        let attached = |subject: &Subject, policy: Policy| {
            member(subject).is_some_and(|m| self.policies(m).contains(policy))
        };
        Some(match (&finding.code, &finding.subject) {
            (FindingCode::UserWithoutWorkspace, Subject::User { id, name }) => {
                let join = self.workspace_to_join(*id).map(|workspace| {
                    let steps = vec![Command::AddMember {
                        workspace: workspace.clone(),
                        member: MemberName::User(name.clone()),
                        admin: false,
                    }];
                    FindingFix::new(FixKind::JoinWorkspace { workspace }, steps)
                });
                let delete = FindingFix::new(
                    FixKind::DeleteUser,
                    vec![Command::DeleteUser { name: name.clone() }],
                );
                join.into_iter().chain([delete]).collect()
            }
            (FindingCode::SuspendedKey, Subject::Key { id, .. }) => {
                let key = self.key(*id)?;
                let owner = self.named(key.owner.member()?)?;
                let workspace = self.workspace(key.workspace)?.name.clone();
                let steps = vec![Command::AddMember {
                    workspace: workspace.clone(),
                    member: owner.clone(),
                    admin: false,
                }];
                vec![FindingFix::new(
                    FixKind::RestoreOwner { owner, workspace },
                    steps,
                )]
            }
            (FindingCode::DeadKey, Subject::Key { label, .. }) => vec![FindingFix::new(
                FixKind::DeleteKey,
                vec![Command::DeleteApiKey { key: label.clone() }],
            )],
            (FindingCode::BillingPurchaseGrant, subject)
                if attached(subject, Policy::AliyunBssOrderAccess) =>
            {
                let steps = vec![Command::DetachPolicy {
                    member: self.named(member(subject)?)?,
                    policy: Policy::AliyunBssOrderAccess,
                }];
                vec![FindingFix::new(FixKind::DetachPurchase, steps)]
            }
            // Held through `AdministratorAccess`, which includes it: the same swap as for an
            // excess administrator.
            (FindingCode::ExcessAdmin | FindingCode::BillingPurchaseGrant, subject)
                if attached(subject, Policy::AdministratorAccess) =>
            {
                vec![self.narrowed_administrator(member(subject)?)?]
            }
            (
                FindingCode::QuotaOverAllocated | FindingCode::QuotaNoBuffer,
                Subject::Quota { region, id, model },
            ) => vec![self.lowered_quota_limits(*region, *id, model)?],
            (FindingCode::SubWorkspaceNoModels, Subject::Workspace { id, name }) => {
                let region = self.workspace(*id)?.region;
                let authorize = self.model_to_authorize(*id, region).map(|model| {
                    let steps = vec![Command::AuthorizeModel {
                        workspace: name.clone(),
                        model: model.clone(),
                        flags: ModelFlags::call(true),
                    }];
                    FindingFix::new(FixKind::AuthorizeModel { model }, steps)
                });
                authorize
                    .into_iter()
                    .chain(self.member_removals(*id, name))
                    .collect()
            }
            (FindingCode::RoleWithoutTrust, Subject::Role { id, name }) => {
                // Trusting someone gives them all the role holds: offered only for a user
                // who works where the role does (a new user's walk was offered deletion alone,
                // where the finding's own fix says "trust a user … or delete it").
                let trust = self.user_beside(*id).map(|user| {
                    let steps = vec![Command::TrustRole {
                        role: name.clone(),
                        user: user.clone(),
                    }];
                    FindingFix::new(FixKind::TrustUser { user }, steps)
                });
                let delete = FindingFix::new(
                    FixKind::DeleteRole,
                    vec![Command::DeleteRole { name: name.clone() }],
                );
                trust.into_iter().chain([delete]).collect()
            }
            _ => return None,
        })
    }

    /// The first live user, by name, who is a member of a workspace the role `role` is a
    /// member of: the one a trust is offered to.
    fn user_beside(&self, role: RoleId) -> Option<String> {
        let places = self.memberships(Member::Role(role))?;
        self.live_users()
            .filter(|(id, _)| {
                places
                    .keys()
                    .any(|ws| self.membership(Member::User(*id), *ws).is_some())
            })
            .map(|(_, user)| user.name.as_str())
            .min()
            .map(str::to_owned)
    }

    /// `AliyunBailianFullAccess` attached to `member`, then `AdministratorAccess` detached.
    fn narrowed_administrator(&self, member: Member) -> Option<FindingFix> {
        let named = self.named(member)?;
        let steps = vec![
            Command::AttachPolicy {
                member: named.clone(),
                policy: Policy::AliyunBailianFullAccess,
            },
            Command::DetachPolicy {
                member: named,
                policy: Policy::AdministratorAccess,
            },
        ];
        Some(FindingFix::new(FixKind::NarrowAdministrator, steps))
    }

    /// Where a user without workspace would most likely be wanted: the workspace of a key of
    /// its that is suspended (the key comes back with it); else the default workspace of the
    /// region of its latest key; else that of the region where most memberships are.
    fn workspace_to_join(&self, user: UserId) -> Option<String> {
        let owner = Owner::User(user);
        let suspended = self
            .keys()
            .find(|(_, key)| key.owner == owner && self.key_status(key) == KeyStatus::Suspended);
        if let Some((_, key)) = suspended {
            return self.workspace_name(key.workspace).map(str::to_owned);
        }
        let latest_key_region = self
            .keys()
            .filter(|(_, key)| key.owner == owner || key.created_for == owner)
            .filter_map(|(_, key)| self.workspace(key.workspace).map(|ws| ws.region))
            .last();
        let region = latest_key_region.unwrap_or_else(|| self.busiest_region());
        self.workspace_name(self.default_workspace(region))
            .map(str::to_owned)
    }

    /// The region whose workspaces have the most memberships (the first region on a tie).
    fn busiest_region(&self) -> Region {
        let mut counts: HashMap<Region, usize> = HashMap::new();
        for member in self.live_members() {
            for workspace in self.memberships(member).into_iter().flat_map(|m| m.keys()) {
                if let Some(ws) = self.workspace(*workspace) {
                    *counts.entry(ws.region).or_default() += 1;
                }
            }
        }
        Region::ALL
            .iter()
            .copied()
            .rev()
            .max_by_key(|region| counts.get(region).copied().unwrap_or(0))
            .unwrap_or(Region::CnBeijing)
    }

    /// The model to authorize in a sub-workspace without one: the one most other sub-workspaces
    /// of its region call (the first in the catalog on a tie), else the catalog's first.
    fn model_to_authorize(&self, workspace: WorkspaceId, region: Region) -> Option<String> {
        let mut called: HashMap<ModelId, usize> = HashMap::new();
        let others = self
            .workspaces()
            .filter(|(id, ws)| *id != workspace && !ws.default && ws.region == region);
        for (_, ws) in others {
            for (model, auth) in &ws.models {
                if auth.call {
                    *called.entry(*model).or_default() += 1;
                }
            }
        }
        let mut best: Option<(ModelId, usize)> = None;
        for (id, _) in self.models() {
            let count = called.get(&id).copied().unwrap_or(0);
            if best.is_none_or(|(_, most)| count > most) {
                best = Some((id, count));
            }
        }
        best.and_then(|(id, _)| self.model_name(id).map(str::to_owned))
    }

    /// Every member of a sub-workspace removed, users then roles, each by name; `None` with
    /// none, or more than [`MEMBERS_REMOVED`].
    fn member_removals(&self, workspace: WorkspaceId, name: &str) -> Option<FindingFix> {
        let mut members: Vec<MemberName> = self
            .live_members()
            .filter(|m| self.membership(*m, workspace).is_some())
            .filter_map(|m| self.named(m))
            .collect();
        if members.is_empty() || members.len() > MEMBERS_REMOVED {
            return None;
        }
        members.sort();
        let count = members.len();
        let steps = members
            .into_iter()
            .map(|member| Command::RemoveMember {
                workspace: name.to_owned(),
                member,
            })
            .collect();
        Some(FindingFix::new(FixKind::RemoveMembers { count }, steps))
    }

    /// The request limits of `model` in `region`'s sub-workspaces, lowered by
    /// [`lowered_limits`]: a step for each limit that goes down.
    fn lowered_quota_limits(
        &self,
        region: Region,
        model: ModelId,
        name: &str,
    ) -> Option<FindingFix> {
        let quota = self.quota(region, model)?;
        let limited: Vec<(&str, u64)> = self
            .workspaces()
            .filter(|(_, ws)| !ws.default && ws.region == region)
            .filter_map(|(_, ws)| Some((ws.name.as_str(), ws.models.get(&model)?.rpm?)))
            .collect();
        let limits: Vec<u64> = limited.iter().map(|(_, rpm)| *rpm).collect();
        let lowered = lowered_limits(quota, &limits)?;
        let steps = limited
            .iter()
            .zip(lowered)
            .filter(|((_, before), after)| after < before)
            .map(|((workspace, _), after)| {
                Some(Command::SetModelLimits {
                    workspace: (*workspace).to_owned(),
                    model: name.to_owned(),
                    rpm: Some(i64::try_from(after).ok()?),
                    tpm: None,
                })
            })
            .collect::<Option<Vec<Command>>>()?;
        Some(FindingFix::new(FixKind::LowerLimits, steps))
    }
}

/// Request limits that add up to `limits`' sum lowered so that at least 10% of `quota` is left
/// unallocated: each limit scaled by the same factor and rounded down, but kept at 1 or more.
/// `None` when they already leave 10%, or when limits of 1 cannot fit (more limits than 90%
/// of the quota).
pub fn lowered_limits(quota: u64, limits: &[u64]) -> Option<Vec<u64>> {
    // At most 90% of the quota: `(quota - allocated) * 10 >= quota`.
    let fits = u128::from(quota) * 9 / 10;
    let allocated: u128 = limits.iter().copied().map(u128::from).sum();
    if allocated <= fits {
        return None;
    }
    let mut lowered: Vec<u64> = limits
        .iter()
        .map(|&limit| {
            let scaled = u128::from(limit) * fits / allocated;
            // The scaled limit is below `limit`, a u64, so the fallback is never taken.
            u64::try_from(scaled).unwrap_or(limit).max(1)
        })
        .collect();
    let total: u128 = lowered.iter().copied().map(u128::from).sum();
    // Limits raised to 1 may take the total past what fits: the excess (at most one a limit)
    // comes off the largest limits, none going below 1.
    let mut excess = u64::try_from(total.saturating_sub(fits)).ok()?;
    let mut largest_first: Vec<&mut u64> = lowered.iter_mut().collect();
    largest_first.sort_by(|a, b| b.cmp(a));
    for limit in largest_first {
        // Every lowered limit is 1 or more, so `- 1` does not wrap.
        let taken = excess.min(limit.saturating_sub(1));
        *limit -= taken;
        excess -= taken;
    }
    (excess == 0).then_some(lowered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Outcome;
    use crate::sample::model_limits;
    use std::collections::HashSet;

    /// The sample organisation, with what it lacks for every fixable finding to have each of
    /// its alternatives: a user without workspace who never had a key.
    fn every_finding() -> State {
        let mut state = crate::sample::sample_organisation("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(3);
        let steps = [Command::CreateUser {
            name: "newcomer".into(),
        }];
        for step in &steps {
            let executed = state.execute(&Who::root(), step, &mut entropy);
            assert_eq!(executed.outcome, Outcome::Ok, "{step:?}");
        }
        state
    }

    /// Issue 13: each finding offers its fix as steps, an alternative per choice, and each
    /// alternative's steps clear exactly that finding; an IP whitelist and a root key offer none.
    /// A new user's walk: a role nobody may assume was offered deletion alone, though the
    /// finding's own fix says "trust a user to assume the role, or delete it". A user who works
    /// where the role does is offered too.
    #[test]
    fn a_role_nobody_may_assume_may_trust_a_user_beside_it() {
        let mut state = State::new_account(crate::Date::BEIJING_ROOT_OWNERSHIP);
        let mut entropy = SeededEntropy::new(2);
        let member = |name: MemberName| Command::AddMember {
            workspace: "w".into(),
            member: name,
            admin: false,
        };
        for step in [
            Command::CreateWorkspace {
                region: crate::Region::CnBeijing,
                name: "w".into(),
            },
            Command::CreateUser { name: "zed".into() },
            Command::CreateUser { name: "ann".into() },
            Command::CreateUser { name: "bob".into() },
            Command::CreateRole { name: "r".into() },
            member(MemberName::User("zed".into())),
            member(MemberName::User("ann".into())),
            member(MemberName::Role("r".into())),
        ] {
            assert!(
                state
                    .execute(&Who::root(), &step, &mut entropy)
                    .outcome
                    .is_success()
            );
        }
        let finding = state
            .audit()
            .into_iter()
            .find(|f| f.code == FindingCode::RoleWithoutTrust)
            .unwrap();
        let kinds: Vec<FixKind> = state
            .finding_fixes(&finding)
            .into_iter()
            .map(|fix| fix.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                FixKind::TrustUser { user: "ann".into() },
                FixKind::DeleteRole
            ]
        );
    }

    #[test]
    fn definite_fixes_are_steps_that_clear_their_finding() {
        let state = every_finding();
        let findings = state.audit();
        let raised: HashSet<FindingCode> = findings.iter().map(|f| f.code).collect();
        assert_eq!(raised.len(), FindingCode::ALL.len(), "{raised:?}");
        // A deleted root key (`retired`) is still a key owned by root (SPEC section 7), whose
        // finding no step can clear: it offers none.
        let retired = findings
            .iter()
            .find(|f| f.code == FindingCode::RootDailyUse && f.subject.to_string() == "key retired")
            .unwrap();
        assert_eq!(state.fix_choices(retired), Vec::new());
        let mut fixed = HashSet::new();
        for finding in &findings {
            let fixes = state.finding_fixes(finding);
            assert_eq!(
                state.fix_choices(finding),
                fixes,
                "{finding:?}: every choice offered is verified"
            );
            for fix in &fixes {
                let mut copy = state.clone();
                let mut entropy = SeededEntropy::new(1);
                for step in &fix.steps {
                    let executed = copy.execute(&Who::root(), step, &mut entropy);
                    assert!(executed.outcome.is_success(), "{step:?}");
                }
                assert!(
                    !copy.audit().contains(finding),
                    "{finding:?} is fixed by {fix:?}"
                );
                fixed.insert(finding.code);
            }
            if !finding.code.fixed_by_steps() {
                assert!(fixes.is_empty(), "{fixes:?}");
            }
        }
        let wanted: HashSet<FindingCode> = FindingCode::ALL
            .iter()
            .copied()
            .filter(|code| code.fixed_by_steps())
            .collect();
        assert_eq!(wanted.len(), 9);
        assert_eq!(fixed, wanted);
    }

    fn kinds(state: &State, code: FindingCode, subject: &str) -> Vec<FixKind> {
        let finding = state
            .audit()
            .into_iter()
            .find(|f| f.code == code && f.subject.to_string() == subject)
            .unwrap();
        state
            .finding_fixes(&finding)
            .into_iter()
            .map(|fix| fix.kind)
            .collect()
    }

    /// The alternatives of each finding that has a choice, as a person would expect them.
    #[test]
    fn findings_with_a_choice_offer_each_alternative() {
        let state = every_finding();
        let table: Vec<(FindingCode, &str, Vec<FixKind>)> = vec![
            // A root key's finding stays even once the key is deleted: no steps.
            (FindingCode::RootDailyUse, "key prod-root", vec![]),
            // Back where its suspended key is.
            (
                FindingCode::UserWithoutWorkspace,
                "user contractor",
                vec![
                    FixKind::JoinWorkspace {
                        workspace: "research".into(),
                    },
                    FixKind::DeleteUser,
                ],
            ),
            // Its key died with `sandbox` (US): the US default workspace.
            (
                FindingCode::UserWithoutWorkspace,
                "user intern",
                vec![
                    FixKind::JoinWorkspace {
                        workspace: "default@us-east-1".into(),
                    },
                    FixKind::DeleteUser,
                ],
            ),
            // No key: where most memberships are (three in Singapore).
            (
                FindingCode::UserWithoutWorkspace,
                "user newcomer",
                vec![
                    FixKind::JoinWorkspace {
                        workspace: "default@ap-southeast-1".into(),
                    },
                    FixKind::DeleteUser,
                ],
            ),
            (
                FindingCode::SubWorkspaceNoModels,
                "workspace research",
                vec![
                    FixKind::AuthorizeModel {
                        model: "qwen-max".into(),
                    },
                    FixKind::RemoveMembers { count: 1 },
                ],
            ),
            (
                FindingCode::RoleWithoutTrust,
                "role orphan-role",
                vec![FixKind::DeleteRole],
            ),
            (
                FindingCode::QuotaOverAllocated,
                "quota qwen-max in ap-southeast-1",
                vec![FixKind::LowerLimits],
            ),
        ];
        for (code, subject, expected) in table {
            assert_eq!(kinds(&state, code, subject), expected, "{code} {subject}");
        }
        // Purchase held through AdministratorAccess: the fix is the administrator's swap, and
        // the finding's line names that way too (a review read only "detach
        // AliyunBSSOrderAccess" above it).
        assert_eq!(
            kinds(&state, FindingCode::BillingPurchaseGrant, "user old-admin"),
            [FixKind::NarrowAdministrator]
        );
        assert!(
            FindingCode::BillingPurchaseGrant
                .fix()
                .contains("AdministratorAccess, which includes it")
        );
    }

    /// A quota's fix lowers each limit in proportion, rounded down: 600 + 600 on 1000 become
    /// 450 + 450, leaving 100 (10%).
    #[test]
    fn limits_are_lowered_in_proportion_to_leave_a_tenth() {
        assert_eq!(lowered_limits(1000, &[600, 600]), Some(vec![450, 450]));
        assert_eq!(lowered_limits(1000, &[900]), None, "exactly 10% is kept");
        assert_eq!(lowered_limits(640, &[600]), Some(vec![576]));
        // 89 + 1 + 1 would be 91: what the limits of 1 add is taken from the largest.
        assert_eq!(lowered_limits(100, &[300, 1, 1]), Some(vec![88, 1, 1]));
        assert_eq!(
            lowered_limits(2, &[1, 1]),
            None,
            "two limits of 1 cannot leave 10% of 2"
        );
    }

    /// The sample's quota findings: the steps set each lowered limit and nothing else.
    #[test]
    fn a_quota_fix_sets_only_the_request_limits() {
        let state = crate::sample::sample_organisation("2026-11-22".parse().unwrap());
        let finding = state
            .audit()
            .into_iter()
            .find(|f| f.code == FindingCode::QuotaNoBuffer)
            .unwrap();
        let fixes = state.finding_fixes(&finding);
        let steps: Vec<Command> = fixes.into_iter().flat_map(|f| f.steps).collect();
        assert_eq!(
            steps,
            vec![model_limits("project-a", "qwen-plus", Some(576), None)]
        );
    }
}
