//! Audit findings (SPEC section 7): what in a state is risky or wasteful, and how to fix it.

use crate::command::Command;
use crate::keys::{KeyStatus, SeededEntropy};
use crate::principal::Who;
use crate::state::{KeyId, Member, ModelId, Owner, RoleId, State, UserId, WorkspaceId};
use crate::vocab::{FindingCode, Policy, Region};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Subject {
    /// A RAM user.
    User {
        /// Its id.
        id: UserId,
        /// Its name.
        name: String,
    },
    /// A RAM role.
    Role {
        /// Its id.
        id: RoleId,
        /// Its name.
        name: String,
    },
    /// A workspace.
    Workspace {
        /// Its id.
        id: WorkspaceId,
        /// Its name.
        name: String,
    },
    /// An API key.
    Key {
        /// Its id.
        id: KeyId,
        /// Its label.
        label: String,
    },
    /// A model's account quota in a region.
    Quota {
        /// The region.
        region: Region,
        /// The model's id.
        id: ModelId,
        /// The model's name.
        model: String,
    },
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::User { name, .. } => write!(f, "user {name}"),
            Subject::Role { name, .. } => write!(f, "role {name}"),
            Subject::Workspace { name, .. } => write!(f, "workspace {name}"),
            Subject::Key { label, .. } => write!(f, "key {label}"),
            Subject::Quota { region, model, .. } => write!(f, "quota {model} in {region}"),
        }
    }
}

/// One audit finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The SPEC code.
    pub code: FindingCode,
    /// What it is about.
    pub subject: Subject,
    /// A one-line fix.
    pub fix: String,
}

impl FindingCode {
    /// Whether a finding of this code is fixed by one definite change, which
    /// [`State::finding_fix`] gives as steps.
    pub fn fixed_by_steps(self) -> bool {
        matches!(
            self,
            FindingCode::SuspendedKey
                | FindingCode::DeadKey
                | FindingCode::ExcessAdmin
                | FindingCode::BillingPurchaseGrant
        )
    }

    /// A one-line fix for a finding of this code.
    pub fn fix(self) -> &'static str {
        match self {
            FindingCode::RootDailyUse => {
                "create the key for a RAM user who is a member of the workspace, and delete this one"
            }
            FindingCode::UserWithoutWorkspace => {
                "add the user to a workspace, or delete it if it is no longer needed"
            }
            FindingCode::SuspendedKey => {
                "add the owner (user or role) back to the key's workspace, or delete the key"
            }
            FindingCode::DeadKey => "delete the key: its owner is gone and it cannot recover",
            FindingCode::ExcessAdmin => {
                "detach AdministratorAccess and attach AliyunBailianFullAccess instead"
            }
            FindingCode::BillingPurchaseGrant => {
                "detach AliyunBSSOrderAccess unless this principal must buy and pay"
            }
            FindingCode::QuotaOverAllocated => {
                "lower the sub-workspaces' request limits until they fit in the account quota"
            }
            FindingCode::QuotaNoBuffer => {
                "lower the request limits to keep at least 10% of the quota unallocated"
            }
            FindingCode::SubWorkspaceNoModels => {
                "authorize at least one model for calling, or remove the members"
            }
            FindingCode::NoIpWhitelist => "set an IP whitelist on the key",
            FindingCode::RoleWithoutTrust => "trust a user to assume the role, or delete it",
        }
    }
}

impl State {
    /// Every finding, in the order of SPEC section 7's table.
    pub fn audit(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut add = |code: FindingCode, subject: Subject| {
            findings.push(Finding {
                code,
                subject,
                fix: code.fix().to_owned(),
            });
        };
        let key_subject = |id: KeyId, label: &str| Subject::Key {
            id,
            label: label.to_owned(),
        };
        let region_of = |ws: WorkspaceId| self.workspace(ws).map(|w| w.region);
        for (id, key) in self.keys() {
            if key.owner == Owner::Root && region_of(key.workspace) != Some(Region::CnBeijing) {
                add(FindingCode::RootDailyUse, key_subject(id, &key.label));
            }
        }
        // Each lookup is built once, so the audit grows with the size of the state, not with
        // its square: the users that reach a workspace through a role that is a member, and the
        // workspaces that have a member.
        let reach_through_role: HashSet<UserId> = self
            .live_roles()
            .filter(|(_, role)| !role.memberships.is_empty())
            .flat_map(|(_, role)| role.trusted.iter().copied())
            .collect();
        let with_members: HashSet<WorkspaceId> = self
            .live_members()
            .filter_map(|m| self.memberships(m))
            .flat_map(|all| all.keys().copied())
            .collect();
        for (id, user) in self.live_users() {
            let direct = !user.memberships.is_empty();
            let through_role = reach_through_role.contains(&id);
            // Management without workspace access is by design (the seed's Example 2).
            let manages = user
                .policies
                .expanded()
                .contains(Policy::AliyunBailianFullAccess);
            if !direct && !through_role && !manages {
                add(
                    FindingCode::UserWithoutWorkspace,
                    Subject::User {
                        id,
                        name: user.name.clone(),
                    },
                );
            }
        }
        for (id, key) in self.keys() {
            if self.key_status(key) == KeyStatus::Suspended {
                add(FindingCode::SuspendedKey, key_subject(id, &key.label));
            }
        }
        for (id, key) in self.keys() {
            if self.key_status(key) == KeyStatus::OwnerDeleted {
                add(FindingCode::DeadKey, key_subject(id, &key.label));
            }
        }
        let principals = || {
            self.live_users()
                .map(|(id, u)| {
                    (
                        Member::User(id),
                        Subject::User {
                            id,
                            name: u.name.clone(),
                        },
                    )
                })
                .chain(self.live_roles().map(|(id, r)| {
                    (
                        Member::Role(id),
                        Subject::Role {
                            id,
                            name: r.name.clone(),
                        },
                    )
                }))
        };
        for (member, subject) in principals() {
            if self.policies(member).contains(Policy::AdministratorAccess) {
                add(FindingCode::ExcessAdmin, subject);
            }
        }
        for (member, subject) in principals() {
            if self
                .policies(member)
                .expanded()
                .contains(Policy::AliyunBssOrderAccess)
            {
                add(FindingCode::BillingPurchaseGrant, subject);
            }
        }
        let allocations = self.allocations();
        let quota_findings: Vec<(FindingCode, Subject)> = self
            .data()
            .quotas
            .iter()
            .filter_map(|quota| {
                let allocated = allocations
                    .get(&(quota.region, quota.model))
                    .copied()
                    .unwrap_or(0);
                let code = quota_finding(quota.rpm, allocated)?;
                Some((
                    code,
                    Subject::Quota {
                        region: quota.region,
                        id: quota.model,
                        model: self.held_model_name(quota.model).to_owned(),
                    },
                ))
            })
            .collect();
        for wanted in [FindingCode::QuotaOverAllocated, FindingCode::QuotaNoBuffer] {
            for (code, subject) in &quota_findings {
                if *code == wanted {
                    add(*code, subject.clone());
                }
            }
        }
        for (id, ws) in self.workspaces() {
            if ws.default {
                continue;
            }
            let has_member = with_members.contains(&id);
            let callable = ws.models.values().any(|auth| auth.call);
            if has_member && !callable {
                add(
                    FindingCode::SubWorkspaceNoModels,
                    Subject::Workspace {
                        id,
                        name: ws.name.clone(),
                    },
                );
            }
        }
        for (id, key) in self.keys() {
            let beijing = region_of(key.workspace) == Some(Region::CnBeijing);
            if beijing && key.whitelist.is_empty() && self.key_status(key) == KeyStatus::Active {
                add(FindingCode::NoIpWhitelist, key_subject(id, &key.label));
            }
        }
        for (id, role) in self.live_roles() {
            let assumable = role
                .trusted
                .iter()
                .any(|user| self.user(*user).is_some_and(|u| !u.deleted));
            if !assumable {
                add(
                    FindingCode::RoleWithoutTrust,
                    Subject::Role {
                        id,
                        name: role.name.clone(),
                    },
                );
            }
        }
        findings
    }

    /// The RPM limits of every sub-workspace of a region for a model, added up.
    pub fn allocated_rpm(&self, region: Region, model: ModelId) -> u128 {
        self.workspaces()
            .filter(|(_, ws)| !ws.default && ws.region == region)
            .filter_map(|(_, ws)| ws.models.get(&model).and_then(|auth| auth.rpm))
            .map(u128::from)
            .sum()
    }

    /// [`State::allocated_rpm`] of every region and model at once, in one pass.
    fn allocations(&self) -> HashMap<(Region, ModelId), u128> {
        let mut all: HashMap<(Region, ModelId), u128> = HashMap::new();
        for (_, ws) in self.workspaces().filter(|(_, ws)| !ws.default) {
            for (model, auth) in &ws.models {
                if let Some(rpm) = auth.rpm {
                    let sum = all.entry((ws.region, *model)).or_default();
                    *sum = sum.saturating_add(u128::from(rpm));
                }
            }
        }
        all
    }
}

impl State {
    /// The steps [`State::finding_fix`] proposes for `finding`, not yet verified: cheap enough
    /// to ask of every finding shown, to offer a fix only where there is one.
    pub fn finding_steps(&self, finding: &Finding) -> Option<Vec<Command>> {
        if !finding.code.fixed_by_steps() {
            return None;
        }
        let member_of = |subject: &Subject| match subject {
            Subject::User { id, .. } => self.named(Member::User(*id)),
            Subject::Role { id, .. } => self.named(Member::Role(*id)),
            _ => None,
        };
        let attached = |subject: &Subject, policy: Policy| match subject {
            Subject::User { id, .. } => self.policies(Member::User(*id)).contains(policy),
            Subject::Role { id, .. } => self.policies(Member::Role(*id)).contains(policy),
            _ => false,
        };
        Some(match (&finding.code, &finding.subject) {
            (FindingCode::SuspendedKey, Subject::Key { id, .. }) => {
                let key = self.key(*id)?;
                let owner = self.named(key.owner.member()?)?;
                vec![Command::AddMember {
                    workspace: self.workspace(key.workspace)?.name.clone(),
                    member: owner,
                    admin: false,
                }]
            }
            (FindingCode::DeadKey, Subject::Key { label, .. }) => {
                vec![Command::DeleteApiKey { key: label.clone() }]
            }
            (FindingCode::ExcessAdmin, subject)
                if attached(subject, Policy::AdministratorAccess) =>
            {
                let member = member_of(subject)?;
                vec![
                    Command::AttachPolicy {
                        member: member.clone(),
                        policy: Policy::AliyunBailianFullAccess,
                    },
                    Command::DetachPolicy {
                        member,
                        policy: Policy::AdministratorAccess,
                    },
                ]
            }
            (FindingCode::BillingPurchaseGrant, subject)
                if attached(subject, Policy::AliyunBssOrderAccess) =>
            {
                vec![Command::DetachPolicy {
                    member: member_of(subject)?,
                    policy: Policy::AliyunBssOrderAccess,
                }]
            }
            _ => return None,
        })
    }

    /// A finding's fix as steps, to be taken as `root`, where the fix is one definite change: a
    /// suspended key's owner added back to its workspace, a dead key deleted, an excess
    /// `AdministratorAccess` swapped for `AliyunBailianFullAccess`, a purchase policy attached
    /// to the principal detached. Verified on a copy: after the steps the finding is gone.
    /// `None` where the fix needs a person's choice (which workspace, which model, which
    /// whitelist, lowering which limits) or comes another way (a purchase policy held through
    /// `AdministratorAccess`).
    pub fn finding_fix(&self, finding: &Finding) -> Option<Vec<Command>> {
        let steps = self.finding_steps(finding)?;
        let mut copy = self.clone();
        let mut entropy = SeededEntropy::new(0);
        for step in &steps {
            if !copy
                .execute(&Who::root(), step, &mut entropy)
                .outcome
                .is_success()
            {
                return None;
            }
        }
        let gone = !copy
            .audit()
            .iter()
            .any(|f| f.code == finding.code && f.subject == finding.subject);
        gone.then_some(steps)
    }
}

/// How an account quota of `quota` RPM stands against the request limits drawn on it, which add
/// up to `allocated` (SPEC section 7): `quota-over-allocated` past it, `quota-no-buffer` when less
/// than 10% is left, `None` when the buffer is kept.
pub fn quota_finding(quota: u64, allocated: u128) -> Option<FindingCode> {
    let quota = u128::from(quota);
    if allocated > quota {
        Some(FindingCode::QuotaOverAllocated)
    } else if (quota - allocated) * 10 < quota {
        Some(FindingCode::QuotaNoBuffer)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13: each finding offers its fix as steps where the fix is one definite change, and
    /// the steps clear exactly that finding.
    #[test]
    fn definite_fixes_are_steps_that_clear_their_finding() {
        let state = crate::sample::sample_organisation("2026-11-22".parse().unwrap());
        let findings = state.audit();
        let mut fixed = HashSet::new();
        for finding in &findings {
            let offered = state.finding_steps(finding);
            let Some(steps) = state.finding_fix(finding) else {
                assert_eq!(
                    offered, None,
                    "{finding:?}: offered, but it does not fix it"
                );
                continue;
            };
            assert_eq!(offered.as_ref(), Some(&steps));
            fixed.insert(finding.code);
            let mut copy = state.clone();
            let mut entropy = SeededEntropy::new(1);
            for step in &steps {
                assert!(
                    copy.execute(&Who::root(), step, &mut entropy)
                        .outcome
                        .is_success()
                );
            }
            assert!(
                !copy.audit().contains(finding),
                "{finding:?} is fixed by {steps:?}"
            );
        }
        let wanted: HashSet<FindingCode> = FindingCode::ALL
            .iter()
            .copied()
            .filter(|code| code.fixed_by_steps())
            .collect();
        assert_eq!(wanted.len(), 4);
        assert_eq!(fixed, wanted);
    }
}
