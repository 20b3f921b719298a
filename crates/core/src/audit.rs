//! Audit findings (SPEC section 7): what in a state is risky or wasteful, and how to fix it.

use crate::keys::KeyStatus;
use crate::state::{KeyId, Member, ModelId, Owner, RoleId, State, UserId, WorkspaceId};
use crate::vocab::{FindingCode, Policy, Region};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

mod fix;

pub use fix::{FindingFix, FixKind, lowered_limits};

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

/// The fix of `root-daily-use` for a key deleted already: SPEC section 7 raises it for every
/// key `root` owns outside `cn-beijing`, and a deleted key stays in the key list, so nothing
/// clears it; what is left to do is the daily work's keys.
pub const ROOT_KEY_DELETED_FIX: &str = "nothing left to do for this key, deleted already (it stays listed, and so does this finding); create the keys of daily work for RAM users who are members of the workspace";

impl FindingCode {
    /// Whether a finding of this code can be fixed by steps, which [`State::finding_fixes`]
    /// offers where the state allows it. An IP whitelist cannot: its addresses are a value only
    /// the person knows. Nor can a root key outside `cn-beijing`: SPEC section 7 raises it for
    /// the key, and a deleted key stays in the key list, so no step clears it.
    pub fn fixed_by_steps(self) -> bool {
        !matches!(self, FindingCode::NoIpWhitelist | FindingCode::RootDailyUse)
    }

    /// A one-line fix for a finding of this code.
    pub fn fix(self) -> &'static str {
        match self {
            FindingCode::RootDailyUse => {
                "create the keys of daily work for RAM users who are members of the workspace, and stop using this one (the finding stays with the key, deleted or not: root owns it)"
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
                "detach AliyunBSSOrderAccess (or AdministratorAccess, which includes it) unless this principal must buy and pay"
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
        let key_subject = |id: KeyId, label: &str| Subject::Key {
            id,
            label: label.to_owned(),
        };
        let region_of = |ws: WorkspaceId| self.workspace(ws).map(|w| w.region);
        for (id, key) in self.keys() {
            // SPEC section 7 says "a key", deleted or not: a deleted one stays in the key list.
            if key.owner == Owner::Root && region_of(key.workspace) != Some(Region::CnBeijing) {
                let code = FindingCode::RootDailyUse;
                // Its fix says to delete the key: said of a key deleted already, it leads
                // nowhere (deleting it again cannot clear the finding).
                let fix = if key.deleted {
                    ROOT_KEY_DELETED_FIX
                } else {
                    code.fix()
                };
                findings.push(Finding {
                    code,
                    subject: key_subject(id, &key.label),
                    fix: fix.to_owned(),
                });
            }
        }
        let mut add = |code: FindingCode, subject: Subject| {
            findings.push(Finding {
                code,
                subject,
                fix: code.fix().to_owned(),
            });
        };
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

    /// Issue 13: the sample's root key `retired`, deleted already, kept the fix "…and delete
    /// this one", which led nowhere. It is still found (SPEC section 7 says a key, deleted or
    /// not), with a fix that says so; a live root key keeps the code's fix.
    #[test]
    fn a_deleted_root_key_is_found_with_a_fix_that_does_not_ask_to_delete_it() {
        let state = crate::sample::sample_organisation("2026-11-22".parse().unwrap());
        let root_keys: Vec<(String, String)> = state
            .audit()
            .into_iter()
            .filter(|f| f.code == FindingCode::RootDailyUse)
            .map(|f| (f.subject.to_string(), f.fix))
            .collect();
        let fix_of = |label: &str| {
            root_keys
                .iter()
                .find(|(subject, _)| subject.ends_with(&format!(" {label}")))
                .map(|(_, fix)| fix.as_str())
        };
        assert_eq!(
            fix_of("retired"),
            Some(ROOT_KEY_DELETED_FIX),
            "{root_keys:?}"
        );
        let live = root_keys
            .iter()
            .filter(|(_, fix)| fix == FindingCode::RootDailyUse.fix())
            .count();
        assert!(live > 0, "{root_keys:?}");
        // Deleting a live root key does not clear its finding (SPEC section 7: a key, deleted
        // or not), so its fix must not promise that: a new user's walk deleted `prod-root` as
        // told and the finding stayed.
        let fix = FindingCode::RootDailyUse.fix();
        assert!(!fix.contains("delete this one"), "{fix}");
        assert!(fix.contains("deleted or not"), "{fix}");
    }
}
