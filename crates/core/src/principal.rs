//! Who is acting (SPEC section 2): principal resolution, effective policies, and the
//! administrator roles derived from them.

use crate::outcome::Outcome;
use crate::state::{Member, RoleId, State, UserId, WorkspaceId};
use crate::vocab::{Code, Page, Policy, PolicySet};
use serde::{Deserialize, Serialize};

/// The acting identity as written: `as` (default `root`) and an optional role to act through.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Who {
    /// `root` or a RAM user's name.
    #[serde(rename = "as")]
    pub name: String,
    /// A role the user acts through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

impl Default for Who {
    fn default() -> Who {
        Who::root()
    }
}

impl Who {
    /// The Alibaba Cloud account.
    pub fn root() -> Who {
        Who {
            name: "root".to_owned(),
            via: None,
        }
    }

    /// A RAM user acting as itself.
    pub fn user(name: &str) -> Who {
        Who {
            name: name.to_owned(),
            via: None,
        }
    }

    /// A RAM user acting through a role.
    pub fn via(name: &str, role: &str) -> Who {
        Who {
            name: name.to_owned(),
            via: Some(role.to_owned()),
        }
    }
}

impl std::fmt::Display for Who {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.via {
            Some(role) => write!(f, "{} via {role}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// A resolved acting principal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Acting {
    /// The Alibaba Cloud account.
    Root,
    /// A RAM user with its own policies and memberships.
    User(UserId),
    /// A RAM user acting through a role: the role's policies and memberships only.
    Assumed {
        /// The user.
        user: UserId,
        /// The role it acts through.
        role: RoleId,
    },
}

/// Why principal resolution failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResolveFailure {
    /// `as` names no live user (it may name a role only).
    UnknownUser,
    /// `via` names no live role.
    UnknownRole,
    /// The user is not trusted by the role.
    NotTrusted {
        /// The user.
        user: UserId,
        /// The role.
        role: RoleId,
    },
    /// `root` cannot act through a role.
    RootWithVia,
}

impl ResolveFailure {
    /// The outcome SPEC section 2 gives the failure.
    pub fn outcome(self) -> Outcome {
        match self {
            ResolveFailure::UnknownUser | ResolveFailure::UnknownRole => {
                Outcome::Deny(Code::UnknownPrincipal)
            }
            ResolveFailure::NotTrusted { .. } => Outcome::Deny(Code::CannotAssumeRole),
            ResolveFailure::RootWithVia => Outcome::Error(Code::InvalidValue),
        }
    }
}

impl Acting {
    /// Whose memberships count: the user, or the role it acts through; none for `root`.
    pub fn member(self) -> Option<Member> {
        match self {
            Acting::Root => None,
            Acting::User(user) => Some(Member::User(user)),
            Acting::Assumed { role, .. } => Some(Member::Role(role)),
        }
    }

    /// Whether this is the Alibaba Cloud account.
    pub fn is_root(self) -> bool {
        matches!(self, Acting::Root)
    }
}

impl State {
    /// Principal resolution (SPEC section 2).
    pub fn resolve(&self, who: &Who) -> Result<Acting, ResolveFailure> {
        if who.name == "root" {
            return match who.via {
                Some(_) => Err(ResolveFailure::RootWithVia),
                None => Ok(Acting::Root),
            };
        }
        let user = self.user_id(&who.name).ok_or(ResolveFailure::UnknownUser)?;
        let Some(via) = &who.via else {
            return Ok(Acting::User(user));
        };
        let role = self.role_id(via).ok_or(ResolveFailure::UnknownRole)?;
        let trusted = self.role(role).is_some_and(|r| r.trusted.contains(&user));
        if trusted {
            Ok(Acting::Assumed { user, role })
        } else {
            Err(ResolveFailure::NotTrusted { user, role })
        }
    }

    /// The acting principal's policies with inclusions applied; `root` holds every policy.
    pub fn effective_policies(&self, acting: Acting) -> PolicySet {
        match acting.member() {
            None => Policy::ALL.iter().copied().collect(),
            Some(member) => self.policies(member).expanded(),
        }
    }

    /// `root`, or `AliyunBailianFullAccess` in effect.
    pub fn is_super_admin(&self, acting: Acting) -> bool {
        acting
            .member()
            .is_none_or(|member| self.member_is_super_admin(member))
    }

    /// `root`, or `AliyunRAMFullAccess` in effect.
    pub fn is_ram_admin(&self, acting: Acting) -> bool {
        acting
            .member()
            .is_none_or(|member| self.member_is_ram_admin(member))
    }

    /// Whether a user's or role's own policies make whoever acts as it a super administrator.
    pub fn member_is_super_admin(&self, member: Member) -> bool {
        self.policies(member)
            .expanded()
            .contains(Policy::AliyunBailianFullAccess)
    }

    /// Whether a user's or role's own policies make whoever acts as it a RAM administrator.
    pub fn member_is_ram_admin(&self, member: Member) -> bool {
        self.policies(member)
            .expanded()
            .contains(Policy::AliyunRamFullAccess)
    }

    /// A member of the workspace with the Administrator flag.
    pub fn is_workspace_admin(&self, acting: Acting, workspace: WorkspaceId) -> bool {
        acting
            .member()
            .and_then(|member| self.membership(member, workspace))
            .is_some_and(|m| m.admin)
    }

    /// May manage the members of a workspace (add, remove, the Administrator permission, page
    /// permissions): a super administrator, or an administrator of it.
    pub fn may_manage_members(&self, acting: Acting, workspace: WorkspaceId) -> bool {
        self.is_super_admin(acting) || self.is_workspace_admin(acting, workspace)
    }

    /// May manage the keys of a workspace: a super administrator, an administrator of it, or a
    /// member of it with `APIKey-FullAccess`.
    pub fn may_manage_keys(&self, acting: Acting, workspace: WorkspaceId) -> bool {
        self.is_super_admin(acting)
            || acting
                .member()
                .and_then(|member| self.membership(member, workspace))
                .is_some_and(|m| m.admin || m.pages.contains(Page::ApiKey))
    }
}
