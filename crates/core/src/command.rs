//! Steps that change the state (SPEC section 4).
//!
//! A step is first *planned* against the state, which runs its four stages in order (references,
//! principal resolution, authorization, validation) and yields either a [`Refusal`] or a
//! [`Change`]; a change is then *applied*. Planning never mutates, so a refused step changes
//! nothing, and a planned change can be previewed on a copy of the state before it is applied.

use crate::date::Date;
use crate::event::{Event, IssuedSecret};
use crate::keys::KeyStatus;
use crate::keys::{self, Entropy};
use crate::names::NameRule;
use crate::outcome::Outcome;
use crate::principal::{Acting, Who};
use crate::state::{
    ApiKey, KeyId, Member, Membership, Model, ModelAuth, ModelId, Owner, RoleId, State, UserId,
    WorkspaceId, is_storable_name,
};
use crate::vocab::{Code, Feature, ModelKind, Page, Policy, PolicyAuthority, PolicySet, Region};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};

/// A user or a role, by name: as a step names it, and as an access diff lists it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberName {
    /// `user = "<name>"`.
    User(String),
    /// `role = "<name>"`.
    Role(String),
}

impl MemberName {
    /// The name, whichever kind it is.
    pub fn name(&self) -> &str {
        match self {
            MemberName::User(name) | MemberName::Role(name) => name,
        }
    }
}

/// `user ann`, `role ops`.
impl std::fmt::Display for MemberName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MemberName::User(name) => write!(f, "user {name}"),
            MemberName::Role(name) => write!(f, "role {name}"),
        }
    }
}

/// The owner a `create-api-key` names: exactly one of `owner` and `owner_role`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyOwnerName {
    /// `owner = "<name>"`: `root` or a RAM user (a name that is only a role's is refused in
    /// validation, `invalid-value`).
    #[serde(rename = "owner")]
    Named(String),
    /// `owner_role = "<role>"`: a RAM role.
    #[serde(rename = "owner_role")]
    Role(String),
}

impl KeyOwnerName {
    /// The name, whichever field it was given in.
    pub fn name(&self) -> &str {
        match self {
            KeyOwnerName::Named(name) | KeyOwnerName::Role(name) => name,
        }
    }
}

/// The uses an `authorize-model` step sets (SPEC section 4): each flag given is set, each one
/// not given keeps its value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ModelFlags {
    /// Calling the model.
    pub call: Option<bool>,
    /// Fine-tuning it (and deploying the result).
    pub fine_tune: Option<bool>,
    /// Deploying it directly.
    pub deploy: Option<bool>,
}

impl ModelFlags {
    /// Sets calling only.
    pub fn call(on: bool) -> ModelFlags {
        ModelFlags {
            call: Some(on),
            ..ModelFlags::default()
        }
    }

    /// Sets fine-tuning only.
    pub fn fine_tune(on: bool) -> ModelFlags {
        ModelFlags {
            fine_tune: Some(on),
            ..ModelFlags::default()
        }
    }

    /// Sets deploying only.
    pub fn deploy(on: bool) -> ModelFlags {
        ModelFlags {
            deploy: Some(on),
            ..ModelFlags::default()
        }
    }

    /// Each flag with its field's name, in the SPEC's order: `call`, `fine_tune`, `deploy`.
    pub fn named(self) -> [(&'static str, Option<bool>); 3] {
        [
            ("call", self.call),
            ("fine_tune", self.fine_tune),
            ("deploy", self.deploy),
        ]
    }

    /// Whether any flag is given: a step that gives none is `invalid-value`.
    pub fn any(self) -> bool {
        self.named().iter().any(|(_, flag)| flag.is_some())
    }

    /// `before` with the flags given set, its limits kept.
    pub fn over(self, before: ModelAuth) -> ModelAuth {
        ModelAuth {
            call: self.call.unwrap_or(before.call),
            fine_tune: self.fine_tune.unwrap_or(before.fine_tune),
            deploy: self.deploy.unwrap_or(before.deploy),
            ..before
        }
    }
}

/// A step of SPEC section 4, with names as written. It reads with the compact decoder of
/// `decode.rs` and writes with serde's derive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[allow(missing_docs)] // The fields are the SPEC's own, documented there.
pub enum Command {
    /// Create a RAM user.
    CreateUser { name: String },
    /// Create a RAM role.
    CreateRole { name: String },
    /// Delete a RAM user for good.
    DeleteUser { name: String },
    /// Delete a RAM role for good.
    DeleteRole { name: String },
    /// Trust a user to assume a role.
    TrustRole { role: String, user: String },
    /// Withdraw a user's trust.
    UntrustRole { role: String, user: String },
    /// Attach a system policy.
    AttachPolicy { member: MemberName, policy: Policy },
    /// Detach a system policy.
    DetachPolicy { member: MemberName, policy: Policy },
    /// Create a sub-workspace.
    CreateWorkspace { region: Region, name: String },
    /// Rename a sub-workspace.
    RenameWorkspace { workspace: String, name: String },
    /// Delete a sub-workspace, its memberships, authorizations and keys.
    DeleteWorkspace { workspace: String },
    /// Add a member to a workspace.
    AddMember {
        workspace: String,
        member: MemberName,
        admin: bool,
    },
    /// Remove a member (and its admin flag and page permissions).
    RemoveMember {
        workspace: String,
        member: MemberName,
    },
    /// Set or clear a member's Administrator permission.
    SetAdmin {
        workspace: String,
        member: MemberName,
        admin: bool,
    },
    /// Grant a page permission.
    GrantPage {
        workspace: String,
        member: MemberName,
        permission: Page,
    },
    /// Revoke a page permission.
    RevokePage {
        workspace: String,
        member: MemberName,
        permission: Page,
    },
    /// Set model flags in a sub-workspace; flags not given keep their value.
    AuthorizeModel {
        workspace: String,
        model: String,
        /// Written as the step's own `call`, `fine_tune` and `deploy` fields.
        #[serde(flatten)]
        flags: ModelFlags,
    },
    /// Set request and token limits; a limit not given keeps its value.
    SetModelLimits {
        workspace: String,
        model: String,
        rpm: Option<i64>,
        tpm: Option<i64>,
    },
    /// Remove both limits.
    ClearModelLimits { workspace: String, model: String },
    /// Set the account quota of a model in a region.
    SetAccountQuota {
        region: Region,
        model: String,
        rpm: i64,
    },
    /// Add a model to the catalog.
    AddModel {
        model: String,
        kind: ModelKind,
        fine_tunable: bool,
        deployable: bool,
    },
    /// Create an API key.
    CreateApiKey {
        workspace: String,
        #[serde(flatten)]
        owner: KeyOwnerName,
        key: String,
    },
    /// Delete an API key for good.
    DeleteApiKey { key: String },
    /// Replace a key's IP whitelist; an empty list clears it.
    SetIpWhitelist { key: String, cidrs: Vec<String> },
    /// Activate a feature.
    Activate { feature: Feature },
    /// Set the simulation's date.
    SetDate { date: String },
}

impl Command {
    /// The step's `op` name.
    pub fn op(&self) -> &'static str {
        match self {
            Command::CreateUser { .. } => "create-user",
            Command::CreateRole { .. } => "create-role",
            Command::DeleteUser { .. } => "delete-user",
            Command::DeleteRole { .. } => "delete-role",
            Command::TrustRole { .. } => "trust-role",
            Command::UntrustRole { .. } => "untrust-role",
            Command::AttachPolicy { .. } => "attach-policy",
            Command::DetachPolicy { .. } => "detach-policy",
            Command::CreateWorkspace { .. } => "create-workspace",
            Command::RenameWorkspace { .. } => "rename-workspace",
            Command::DeleteWorkspace { .. } => "delete-workspace",
            Command::AddMember { .. } => "add-member",
            Command::RemoveMember { .. } => "remove-member",
            Command::SetAdmin { .. } => "set-admin",
            Command::GrantPage { .. } => "grant-page",
            Command::RevokePage { .. } => "revoke-page",
            Command::AuthorizeModel { .. } => "authorize-model",
            Command::SetModelLimits { .. } => "set-model-limits",
            Command::ClearModelLimits { .. } => "clear-model-limits",
            Command::SetAccountQuota { .. } => "set-account-quota",
            Command::AddModel { .. } => "add-model",
            Command::CreateApiKey { .. } => "create-api-key",
            Command::DeleteApiKey { .. } => "delete-api-key",
            Command::SetIpWhitelist { .. } => "set-ip-whitelist",
            Command::Activate { .. } => "activate",
            Command::SetDate { .. } => "set-date",
        }
    }
}

/// The stage of a step that refused it (SPEC section 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// A referenced thing is missing or a value is outside its closed set.
    References,
    /// The acting principal could not be resolved.
    Resolution,
    /// The acting principal may not take the step.
    Authorization,
    /// The step's values are not valid in this state.
    Validation,
}

/// Why a step was refused: its outcome, the stage that refused it, and the name at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// `deny:<code>` or `error:<code>`.
    pub outcome: Outcome,
    /// The stage that refused the step.
    pub stage: Stage,
    /// The name or value at fault, where there is one.
    pub subject: Option<String>,
}

impl Refusal {
    fn new(outcome: Outcome, stage: Stage, subject: Option<&str>) -> Refusal {
        Refusal {
            outcome,
            stage,
            subject: subject.map(str::to_owned),
        }
    }

    fn not_found(name: &str) -> Refusal {
        Refusal::new(
            Outcome::Error(Code::NotFound),
            Stage::References,
            Some(name),
        )
    }

    fn denied(code: Code) -> Refusal {
        Refusal::new(Outcome::Deny(code), Stage::Authorization, None)
    }

    fn invalid(code: Code, subject: &str) -> Refusal {
        Refusal::new(Outcome::Error(code), Stage::Validation, Some(subject))
    }
}

/// A planned change, with every name resolved to an id. Applying it cannot fail.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)] // Each variant names the change it makes.
pub enum Change {
    /// The step's effect already holds.
    Nothing,
    CreateUser(String),
    CreateRole(String),
    DeleteUser(UserId),
    DeleteRole(RoleId),
    SetTrust {
        role: RoleId,
        user: UserId,
        trusted: bool,
    },
    SetPolicies {
        member: Member,
        policies: PolicySet,
    },
    CreateWorkspace {
        region: Region,
        name: String,
    },
    RenameWorkspace {
        workspace: WorkspaceId,
        name: String,
    },
    DeleteWorkspace(WorkspaceId),
    SetMembership {
        member: Member,
        workspace: WorkspaceId,
        membership: Option<Membership>,
    },
    SetModelAuth {
        workspace: WorkspaceId,
        model: ModelId,
        auth: ModelAuth,
    },
    SetQuota {
        region: Region,
        model: ModelId,
        rpm: u64,
    },
    AddModel(Model),
    CreateKey {
        label: String,
        workspace: WorkspaceId,
        owner: Owner,
        created_for: Owner,
    },
    DeleteKey(KeyId),
    SetWhitelist {
        key: KeyId,
        whitelist: Vec<IpNet>,
    },
    Activate(Feature),
    SetDate(Date),
}

impl Change {
    /// [`Change::Nothing`] when `after` is `before`, else the change `to` makes of `after`: a
    /// step whose effect already holds changes nothing.
    fn unless_same<T: PartialEq>(before: T, after: T, to: impl FnOnce(T) -> Change) -> Change {
        if before == after {
            Change::Nothing
        } else {
            to(after)
        }
    }
}

/// The result of executing a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Executed {
    /// `ok`, `deny:<code>` or `error:<code>`.
    pub outcome: Outcome,
    /// Why it was refused, when it was.
    pub refusal: Option<Refusal>,
    /// The secret of a key just created: shown once, never kept.
    pub secret: Option<String>,
}

/// Why a recorded event could not be replayed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("recorded change #{seq} (`{op}`) no longer applies: {outcome}{}", at_fault(.why))]
pub struct ReplayError {
    /// The event's sequence number.
    pub seq: u64,
    /// Its step's `op` name.
    pub op: &'static str,
    /// What it came to instead of `ok`.
    pub outcome: Outcome,
    /// What is at fault: the name or value the step was refused for, or its number out of
    /// order.
    pub why: Option<String>,
}

/// `, ` and what is at fault, or nothing.
fn at_fault(why: &Option<String>) -> String {
    why.as_deref().map(|w| format!(", {w}")).unwrap_or_default()
}

/// Parses one whitelist entry: an address with an optional `/prefix`; host bits may be set.
pub fn parse_cidr(text: &str) -> Option<IpNet> {
    if text.contains('/') {
        text.parse().ok()
    } else {
        text.parse::<std::net::IpAddr>().ok().map(IpNet::from)
    }
}

fn allow(ok: bool, code: Code) -> Result<(), Refusal> {
    if ok {
        Ok(())
    } else {
        Err(Refusal::denied(code))
    }
}

fn valid(ok: bool, code: Code, subject: &str) -> Result<(), Refusal> {
    if ok {
        Ok(())
    } else {
        Err(Refusal::invalid(code, subject))
    }
}

fn positive(value: Option<i64>) -> Option<u64> {
    value.and_then(limit_value)
}

/// A request limit, token limit or account quota as stored, or `None` when the value is not one
/// (SPEC section 4: a value below 1 is `invalid-value`). Forms check typed values with it.
pub fn limit_value(value: i64) -> Option<u64> {
    u64::try_from(value).ok().filter(|v| *v >= 1)
}

/// A key owner as named in `create-api-key`.
enum OwnerName {
    Named(Owner),
    RoleOnly,
}

/// The rules a step is planned under. Every new step is planned under the current rules;
/// history recorded before revision 2 may be replayed under that revision's rules only to
/// fold it into a checkpoint (see `persist`), never to add to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rules {
    /// SPEC revision 2.
    Current,
    /// SPEC revision 1: looser names (non-empty, without `@`, not `root` for principals; any
    /// non-empty key label) and any key manager may name `root` as a key's owner.
    Revision1,
}

impl Rules {
    fn principal_name(self, name: &str) -> bool {
        match self {
            Rules::Current => NameRule::Principal.is_valid(name),
            Rules::Revision1 => is_storable_name(name, true),
        }
    }

    fn workspace_name(self, name: &str) -> bool {
        match self {
            Rules::Current => NameRule::Resource.is_valid(name),
            Rules::Revision1 => is_storable_name(name, false),
        }
    }

    fn key_label(self, label: &str) -> bool {
        match self {
            Rules::Current => NameRule::Resource.is_valid(label),
            Rules::Revision1 => !label.is_empty(),
        }
    }
}

impl State {
    fn find_workspace(&self, name: &str) -> Result<WorkspaceId, Refusal> {
        self.workspace_id(name)
            .ok_or_else(|| Refusal::not_found(name))
    }

    fn find_user(&self, name: &str) -> Result<UserId, Refusal> {
        self.user_id(name).ok_or_else(|| Refusal::not_found(name))
    }

    fn find_role(&self, name: &str) -> Result<RoleId, Refusal> {
        self.role_id(name).ok_or_else(|| Refusal::not_found(name))
    }

    fn find_model(&self, name: &str) -> Result<ModelId, Refusal> {
        self.model_id(name).ok_or_else(|| Refusal::not_found(name))
    }

    fn find_key(&self, label: &str) -> Result<(KeyId, &ApiKey), Refusal> {
        self.key_id(label)
            .and_then(|id| self.key(id).map(|key| (id, key)))
            .ok_or_else(|| Refusal::not_found(label))
    }

    /// A key that `who` changes: it exists (references), `who` resolves (resolution), may manage
    /// the keys of its workspace (authorization), and it is not deleted (validation).
    fn find_key_to_manage(&self, who: &Who, label: &str) -> Result<(KeyId, &ApiKey), Refusal> {
        let (id, record) = self.find_key(label)?;
        let acting = self.acting(who)?;
        allow(
            self.may_manage_keys(acting, record.workspace),
            Code::NoKeyPermission,
        )?;
        valid(
            self.key_status(record) != KeyStatus::Deleted,
            Code::KeyDeleted,
            label,
        )?;
        Ok((id, record))
    }

    fn find_member(&self, name: &MemberName) -> Result<Member, Refusal> {
        match name {
            MemberName::User(user) => self.find_user(user).map(Member::User),
            MemberName::Role(role) => self.find_role(role).map(Member::Role),
        }
    }

    fn find_membership(
        &self,
        workspace: &str,
        name: &MemberName,
    ) -> Result<(WorkspaceId, Member, Membership), Refusal> {
        let ws = self.find_workspace(workspace)?;
        let member = self.find_member(name)?;
        let membership = self.membership(member, ws).ok_or_else(|| {
            Refusal::new(
                Outcome::Error(Code::NotFound),
                Stage::References,
                Some(name.name()),
            )
        })?;
        Ok((ws, member, membership))
    }

    fn find_owner(&self, name: &str) -> Result<OwnerName, Refusal> {
        if name == "root" {
            Ok(OwnerName::Named(Owner::Root))
        } else if let Some(user) = self.user_id(name) {
            Ok(OwnerName::Named(Owner::User(user)))
        } else if self.role_id(name).is_some() {
            Ok(OwnerName::RoleOnly)
        } else {
            Err(Refusal::not_found(name))
        }
    }

    fn acting(&self, who: &Who) -> Result<Acting, Refusal> {
        self.resolve(who)
            .map_err(|failure| Refusal::new(failure.outcome(), Stage::Resolution, Some(&who.name)))
    }

    fn workspace_is_default(&self, workspace: WorkspaceId) -> bool {
        self.workspace(workspace).is_some_and(|ws| ws.default)
    }

    fn allow_managing_members(
        &self,
        acting: Acting,
        workspace: WorkspaceId,
    ) -> Result<(), Refusal> {
        allow(
            self.may_manage_members(acting, workspace),
            Code::NotWorkspaceAdmin,
        )
    }

    fn membership_change(
        member: Member,
        workspace: WorkspaceId,
        before: Membership,
        after: Membership,
    ) -> Change {
        Change::unless_same(before, after, |after| Change::SetMembership {
            member,
            workspace,
            membership: Some(after),
        })
    }

    /// Runs the four stages of a step without changing anything.
    pub fn plan(&self, who: &Who, command: &Command) -> Result<Change, Refusal> {
        self.plan_under(who, command, Rules::Current)
    }

    pub(crate) fn plan_under(
        &self,
        who: &Who,
        command: &Command,
        rules: Rules,
    ) -> Result<Change, Refusal> {
        match command {
            Command::CreateUser { name } | Command::CreateRole { name } => {
                let is_user = matches!(command, Command::CreateUser { .. });
                let acting = self.acting(who)?;
                allow(self.is_ram_admin(acting), Code::NotRamAdmin)?;
                valid(rules.principal_name(name), Code::InvalidValue, name)?;
                let taken = if is_user {
                    self.user_id(name).is_some()
                } else {
                    self.role_id(name).is_some()
                };
                valid(!taken, Code::Duplicate, name)?;
                Ok(if is_user {
                    Change::CreateUser(name.clone())
                } else {
                    Change::CreateRole(name.clone())
                })
            }
            Command::DeleteUser { name } => {
                let user = self.find_user(name)?;
                let acting = self.acting(who)?;
                allow(self.is_ram_admin(acting), Code::NotRamAdmin)?;
                Ok(Change::DeleteUser(user))
            }
            Command::DeleteRole { name } => {
                let role = self.find_role(name)?;
                let acting = self.acting(who)?;
                allow(self.is_ram_admin(acting), Code::NotRamAdmin)?;
                Ok(Change::DeleteRole(role))
            }
            Command::TrustRole { role, user } | Command::UntrustRole { role, user } => {
                let trusted = matches!(command, Command::TrustRole { .. });
                let role = self.find_role(role)?;
                let user = self.find_user(user)?;
                let acting = self.acting(who)?;
                allow(self.is_ram_admin(acting), Code::NotRamAdmin)?;
                let holds = self.role(role).is_some_and(|r| r.trusted.contains(&user));
                Ok(Change::unless_same(holds, trusted, |trusted| {
                    Change::SetTrust {
                        role,
                        user,
                        trusted,
                    }
                }))
            }
            Command::AttachPolicy { member, policy } | Command::DetachPolicy { member, policy } => {
                let attach = matches!(command, Command::AttachPolicy { .. });
                let member = self.find_member(member)?;
                let acting = self.acting(who)?;
                match policy.authority() {
                    PolicyAuthority::Root => allow(acting.is_root(), Code::RootOnly)?,
                    PolicyAuthority::RamAdministrator => {
                        allow(self.is_ram_admin(acting), Code::NotRamAdmin)?
                    }
                }
                let before = self.policies(member);
                let after = if attach {
                    before.with(*policy)
                } else {
                    before.without(*policy)
                };
                Ok(Change::unless_same(before, after, |policies| {
                    Change::SetPolicies { member, policies }
                }))
            }
            Command::CreateWorkspace { region, name } => {
                let acting = self.acting(who)?;
                allow(self.is_super_admin(acting), Code::NotSuperAdmin)?;
                valid(rules.workspace_name(name), Code::InvalidValue, name)?;
                valid(self.workspace_id(name).is_none(), Code::Duplicate, name)?;
                Ok(Change::CreateWorkspace {
                    region: *region,
                    name: name.clone(),
                })
            }
            Command::RenameWorkspace { workspace, name } => {
                let ws = self.find_workspace(workspace)?;
                self.allow_sub_workspace_step(who, ws, workspace)?;
                valid(rules.workspace_name(name), Code::InvalidValue, name)?;
                if name == workspace {
                    return Ok(Change::Nothing);
                }
                valid(self.workspace_id(name).is_none(), Code::Duplicate, name)?;
                Ok(Change::RenameWorkspace {
                    workspace: ws,
                    name: name.clone(),
                })
            }
            Command::DeleteWorkspace { workspace } => {
                let ws = self.find_workspace(workspace)?;
                self.allow_sub_workspace_step(who, ws, workspace)?;
                Ok(Change::DeleteWorkspace(ws))
            }
            Command::AddMember {
                workspace,
                member,
                admin,
            } => {
                let ws = self.find_workspace(workspace)?;
                let member_id = self.find_member(member)?;
                let acting = self.acting(who)?;
                self.allow_managing_members(acting, ws)?;
                valid(
                    self.membership(member_id, ws).is_none(),
                    Code::Duplicate,
                    member.name(),
                )?;
                Ok(Change::SetMembership {
                    member: member_id,
                    workspace: ws,
                    membership: Some(Membership {
                        admin: *admin,
                        pages: crate::vocab::PageSet::EMPTY,
                    }),
                })
            }
            Command::RemoveMember { workspace, member } => {
                let (ws, member, _) = self.find_membership(workspace, member)?;
                let acting = self.acting(who)?;
                self.allow_managing_members(acting, ws)?;
                Ok(Change::SetMembership {
                    member,
                    workspace: ws,
                    membership: None,
                })
            }
            Command::SetAdmin {
                workspace,
                member,
                admin,
            } => {
                let (ws, member, before) = self.find_membership(workspace, member)?;
                let acting = self.acting(who)?;
                self.allow_managing_members(acting, ws)?;
                let after = Membership {
                    admin: *admin,
                    ..before
                };
                Ok(State::membership_change(member, ws, before, after))
            }
            Command::GrantPage {
                workspace,
                member,
                permission,
            }
            | Command::RevokePage {
                workspace,
                member,
                permission,
            } => {
                if !permission.is_grantable() {
                    return Err(Refusal::new(
                        Outcome::Error(Code::InvalidValue),
                        Stage::References,
                        Some(permission.as_str()),
                    ));
                }
                let grant = matches!(command, Command::GrantPage { .. });
                let (ws, member, before) = self.find_membership(workspace, member)?;
                let acting = self.acting(who)?;
                self.allow_managing_members(acting, ws)?;
                let pages = if grant {
                    before.pages.with(*permission)
                } else {
                    before.pages.without(*permission)
                };
                let after = Membership { pages, ..before };
                Ok(State::membership_change(member, ws, before, after))
            }
            Command::AuthorizeModel {
                workspace,
                model,
                flags,
            } => {
                let (ws, model) = self.plan_model_step(who, workspace, model)?;
                valid(flags.any(), Code::InvalidValue, workspace)?;
                let before = self.model_auth(ws, model);
                let after = flags.over(before);
                Ok(State::model_auth_change(ws, model, before, after))
            }
            Command::SetModelLimits {
                workspace,
                model,
                rpm,
                tpm,
            } => {
                let (ws, model) = self.plan_model_step(who, workspace, model)?;
                valid(
                    rpm.is_some() || tpm.is_some(),
                    Code::InvalidValue,
                    "rpm, tpm",
                )?;
                for (field, value) in [("rpm", rpm), ("tpm", tpm)] {
                    if let Some(value) = value
                        && positive(Some(*value)).is_none()
                    {
                        let subject = format!("{field} = {value}");
                        return Err(Refusal::invalid(Code::InvalidValue, &subject));
                    }
                }
                let before = self.model_auth(ws, model);
                let after = ModelAuth {
                    rpm: positive(*rpm).or(before.rpm),
                    tpm: positive(*tpm).or(before.tpm),
                    ..before
                };
                Ok(State::model_auth_change(ws, model, before, after))
            }
            Command::ClearModelLimits { workspace, model } => {
                let (ws, model) = self.plan_model_step(who, workspace, model)?;
                let before = self.model_auth(ws, model);
                let after = ModelAuth {
                    rpm: None,
                    tpm: None,
                    ..before
                };
                Ok(State::model_auth_change(ws, model, before, after))
            }
            Command::SetAccountQuota { region, model, rpm } => {
                let model_id = self.find_model(model)?;
                let acting = self.acting(who)?;
                allow(self.is_super_admin(acting), Code::NotSuperAdmin)?;
                let Some(rpm) = positive(Some(*rpm)) else {
                    return Err(Refusal::invalid(
                        Code::InvalidValue,
                        &format!("rpm = {rpm}"),
                    ));
                };
                let before = self.quota(*region, model_id);
                Ok(Change::unless_same(before, Some(rpm), |_| {
                    Change::SetQuota {
                        region: *region,
                        model: model_id,
                        rpm,
                    }
                }))
            }
            Command::AddModel {
                model,
                kind,
                fine_tunable,
                deployable,
            } => {
                let acting = self.acting(who)?;
                allow(self.is_super_admin(acting), Code::NotSuperAdmin)?;
                valid(self.model_id(model).is_none(), Code::Duplicate, model)?;
                valid(!model.is_empty(), Code::InvalidValue, model)?;
                Ok(Change::AddModel(Model {
                    name: model.clone(),
                    kind: *kind,
                    fine_tunable: *fine_tunable,
                    deployable: *deployable,
                }))
            }
            Command::CreateApiKey {
                workspace,
                owner,
                key,
            } => {
                let ws = self.find_workspace(workspace)?;
                let named = match owner {
                    KeyOwnerName::Named(name) => self.find_owner(name)?,
                    KeyOwnerName::Role(name) => {
                        OwnerName::Named(Owner::Role(self.find_role(name)?))
                    }
                };
                let acting = self.acting(who)?;
                allow(self.may_manage_keys(acting, ws), Code::NoKeyPermission)?;
                if rules == Rules::Current && matches!(named, OwnerName::Named(Owner::Root)) {
                    allow(acting.is_root(), Code::RootOnly)?;
                }
                valid(rules.key_label(key), Code::InvalidValue, key)?;
                valid(self.key_id(key).is_none(), Code::Duplicate, key)?;
                let OwnerName::Named(created_for) = named else {
                    return Err(Refusal::invalid(Code::InvalidValue, owner.name()));
                };
                if let Some(member) = created_for.member() {
                    valid(
                        self.membership(member, ws).is_some(),
                        Code::OwnerNotMember,
                        owner.name(),
                    )?;
                }
                Ok(Change::CreateKey {
                    label: key.clone(),
                    workspace: ws,
                    owner: self.key_owner(ws, created_for),
                    created_for,
                })
            }
            Command::DeleteApiKey { key } => {
                let (id, _) = self.find_key_to_manage(who, key)?;
                Ok(Change::DeleteKey(id))
            }
            Command::SetIpWhitelist { key, cidrs } => {
                let (id, record) = self.find_key_to_manage(who, key)?;
                let allowed = self
                    .workspace(record.workspace)
                    .is_some_and(|w| w.region.has_ip_whitelists());
                valid(allowed, Code::IpWhitelistBeijingOnly, key)?;
                let mut whitelist = Vec::with_capacity(cidrs.len());
                for cidr in cidrs {
                    let net = parse_cidr(cidr)
                        .ok_or_else(|| Refusal::invalid(Code::InvalidCidr, cidr))?;
                    whitelist.push(net);
                }
                Ok(if record.whitelist == whitelist {
                    Change::Nothing
                } else {
                    Change::SetWhitelist { key: id, whitelist }
                })
            }
            Command::Activate { feature } => {
                let acting = self.acting(who)?;
                match feature {
                    Feature::ModelStudio => {
                        allow(self.is_super_admin(acting), Code::NotSuperAdmin)?
                    }
                    _ => allow(acting.is_root(), Code::RootOnly)?,
                }
                let active = self.data().features.contains(*feature);
                Ok(Change::unless_same(active, true, |_| {
                    Change::Activate(*feature)
                }))
            }
            Command::SetDate { date } => {
                self.acting(who)?;
                let date: Date = date
                    .parse()
                    .map_err(|_| Refusal::invalid(Code::InvalidValue, date))?;
                Ok(Change::unless_same(self.today(), date, Change::SetDate))
            }
        }
    }

    /// References, resolution and authorization shared by the model steps, then the default
    /// workspace rule that comes first in their validation.
    fn plan_model_step(
        &self,
        who: &Who,
        workspace: &str,
        model: &str,
    ) -> Result<(WorkspaceId, ModelId), Refusal> {
        let ws = self.find_workspace(workspace)?;
        let model = self.find_model(model)?;
        self.allow_sub_workspace_step(who, ws, workspace)?;
        Ok((ws, model))
    }

    /// The acting identity resolves and is a super administrator, and `ws` (`workspace` as
    /// written) is not a default workspace: the gates a step on a sub-workspace passes after
    /// its references.
    fn allow_sub_workspace_step(
        &self,
        who: &Who,
        ws: WorkspaceId,
        workspace: &str,
    ) -> Result<(), Refusal> {
        let acting = self.acting(who)?;
        allow(self.is_super_admin(acting), Code::NotSuperAdmin)?;
        valid(
            !self.workspace_is_default(ws),
            Code::DefaultWorkspaceUnrestricted,
            workspace,
        )
    }

    fn model_auth_change(
        workspace: WorkspaceId,
        model: ModelId,
        before: ModelAuth,
        after: ModelAuth,
    ) -> Change {
        Change::unless_same(before, after, |auth| Change::SetModelAuth {
            workspace,
            model,
            auth,
        })
    }

    /// Applies a planned change. `issued` is the secret material of a created key.
    pub fn apply(&mut self, change: Change, issued: Option<&IssuedSecret>) {
        match change {
            Change::Nothing => {}
            Change::CreateUser(name) => {
                self.add_user(&name);
            }
            Change::CreateRole(name) => {
                self.add_role(&name);
            }
            Change::DeleteUser(user) => self.delete_user(user),
            Change::DeleteRole(role) => self.delete_role(role),
            Change::SetTrust {
                role,
                user,
                trusted,
            } => {
                if let Some(role) = self.role_mut(role) {
                    if trusted {
                        role.trusted.insert(user);
                    } else {
                        role.trusted.remove(&user);
                    }
                }
            }
            Change::SetPolicies { member, policies } => {
                if let Some(held) = self.policies_mut(member) {
                    *held = policies;
                }
            }
            Change::CreateWorkspace { region, name } => {
                self.add_workspace(region, &name);
            }
            Change::RenameWorkspace { workspace, name } => self.rename_workspace(workspace, &name),
            Change::DeleteWorkspace(workspace) => self.delete_workspace(workspace),
            Change::SetMembership {
                member,
                workspace,
                membership,
            } => {
                if let Some(all) = self.memberships_mut(member) {
                    match membership {
                        Some(membership) => {
                            all.insert(workspace, membership);
                        }
                        None => {
                            all.remove(&workspace);
                        }
                    }
                }
            }
            Change::SetModelAuth {
                workspace,
                model,
                auth,
            } => {
                if let Some(ws) = self.workspace_mut(workspace) {
                    if auth == ModelAuth::default() {
                        ws.models.remove(&model);
                    } else {
                        ws.models.insert(model, auth);
                    }
                }
            }
            Change::SetQuota { region, model, rpm } => self.set_quota(region, model, rpm),
            Change::AddModel(model) => {
                self.add_model(model);
            }
            Change::CreateKey {
                label,
                workspace,
                owner,
                created_for,
            } => {
                let (sha256, masked) = issued
                    .map(|s| (s.sha256.clone(), s.masked.clone()))
                    .unwrap_or_default();
                let created = self.today();
                self.add_key(ApiKey {
                    label,
                    workspace,
                    owner,
                    created_for,
                    created,
                    whitelist: Vec::new(),
                    deleted: false,
                    secret_sha256: sha256,
                    masked,
                });
            }
            Change::DeleteKey(key) => {
                if let Some(key) = self.key_mut(key) {
                    key.deleted = true;
                }
            }
            Change::SetWhitelist { key, whitelist } => {
                if let Some(key) = self.key_mut(key) {
                    key.whitelist = whitelist;
                }
            }
            Change::Activate(feature) => {
                let features = &mut self.data_mut().features;
                *features = features.with(feature);
            }
            Change::SetDate(date) => self.data_mut().today = date,
        }
    }

    /// Plans a step and, if it passes, applies it and records it as an event, dated by the
    /// simulation alone. A new key's secret is drawn from `entropy` and returned once.
    pub fn execute(&mut self, who: &Who, command: &Command, entropy: &mut dyn Entropy) -> Executed {
        self.execute_at(who, command, entropy, None)
    }

    /// [`State::execute`], recording `at` (Unix milliseconds, UTC) as the moment of the change:
    /// the console gives its clock's time; scenario runs and the command line give none, so
    /// what they record stays the same from run to run. Core reads no clock.
    pub fn execute_at(
        &mut self,
        who: &Who,
        command: &Command,
        entropy: &mut dyn Entropy,
        at: Option<u64>,
    ) -> Executed {
        let change = match self.plan(who, command) {
            Ok(change) => change,
            Err(refusal) => {
                return Executed {
                    outcome: refusal.outcome,
                    refusal: Some(refusal),
                    secret: None,
                };
            }
        };
        if change == Change::Nothing {
            return Executed {
                outcome: Outcome::Ok,
                refusal: None,
                secret: None,
            };
        }
        let Some(seq) = self.next_seq() else {
            let refusal = Refusal::invalid(Code::InvalidValue, "history");
            return Executed {
                outcome: refusal.outcome,
                refusal: Some(refusal),
                secret: None,
            };
        };
        let (secret, issued) = if matches!(change, Change::CreateKey { .. }) {
            // A secret comes from a cryptographic source or not at all: without one, no key.
            let Some(secret) = keys::new_secret(entropy) else {
                let refusal = Refusal::invalid(Code::InvalidValue, NO_ENTROPY);
                return Executed {
                    outcome: refusal.outcome,
                    refusal: Some(refusal),
                    secret: None,
                };
            };
            let issued = IssuedSecret {
                sha256: keys::secret_sha256(&secret),
                masked: keys::mask(&secret),
            };
            (Some(secret), Some(issued))
        } else {
            (None, None)
        };
        self.record(seq, who, command, change, issued, at);
        Executed {
            outcome: Outcome::Ok,
            refusal: None,
            secret,
        }
    }

    /// The sequence number of the next change, unless it would pass [`MAX_SEQ`].
    fn next_seq(&self) -> Option<u64> {
        let data = self.data();
        data.events
            .last()
            .map_or(data.folded, |e| e.seq)
            .checked_add(1)
            .filter(|seq| *seq <= MAX_SEQ)
    }

    fn record(
        &mut self,
        seq: u64,
        who: &Who,
        command: &Command,
        change: Change,
        issued: Option<IssuedSecret>,
        at: Option<u64>,
    ) {
        let date = self.today();
        self.apply(change, issued.as_ref());
        let data = self.data_mut();
        data.events.push(Event {
            seq,
            date,
            who: who.clone(),
            command: command.clone(),
            issued,
            at,
        });
        self.fold_history();
    }

    /// Once more than [`HISTORY_LIMIT`] events are kept, folds the oldest into the checkpoint
    /// until [`HISTORY_KEPT`] are left. Folding in batches keeps the cost of a step flat: each
    /// event is replayed onto the checkpoint once, in place unless a clone shares it.
    fn fold_history(&mut self) {
        let kept = self.data().events.len();
        if kept <= HISTORY_LIMIT {
            return;
        }
        let events = std::mem::take(&mut self.data_mut().events);
        let base = self.checkpoint_mut();
        let mut folded = 0;
        for event in events.iter().take(kept - HISTORY_KEPT) {
            // The kept events replay from the checkpoint by construction; should one not,
            // it stays kept rather than be lost.
            if base.replay_step(event).is_err() {
                break;
            }
            base.data_mut().folded = event.seq;
            folded += 1;
        }
        let through = base.data().folded;
        let data = self.data_mut();
        data.events = events;
        data.events.drain(..folded);
        data.folded = through;
    }

    /// Plans an event's command again and applies it, without recording it.
    fn replay_step(&mut self, event: &Event) -> Result<Date, ReplayError> {
        let date = self.today();
        self.replay_under(event, Rules::Current)?;
        Ok(date)
    }

    /// Plans an event's command again under `rules` and applies it, without recording it; a
    /// refused event changes nothing.
    pub(crate) fn replay_under(&mut self, event: &Event, rules: Rules) -> Result<(), ReplayError> {
        let change = self
            .plan_under(&event.who, &event.command, rules)
            .map_err(|r| ReplayError {
                seq: event.seq,
                op: event.command.op(),
                outcome: r.outcome,
                why: r.subject.map(|subject| format!("`{subject}`")),
            })?;
        self.apply(change, event.issued.as_ref());
        Ok(())
    }

    /// Applies a recorded event again (redo, loading) and records it with its sequence number
    /// and secret, dated today. It must still apply and come after the kept events; a state it
    /// does not apply to is left as it was.
    pub fn reapply(&mut self, event: &Event) -> Result<(), ReplayError> {
        let last = self
            .data()
            .events
            .last()
            .map_or(self.data().folded, |e| e.seq);
        if event.seq <= last || event.seq > MAX_SEQ {
            let why = if event.seq > MAX_SEQ {
                format!("its number is past the largest, {MAX_SEQ}")
            } else {
                format!("it does not come after #{last}")
            };
            return Err(ReplayError {
                seq: event.seq,
                op: event.command.op(),
                outcome: Outcome::Error(Code::InvalidValue),
                why: Some(why),
            });
        }
        let date = self.replay_step(event)?;
        self.data_mut().events.push(Event {
            date,
            ..event.clone()
        });
        self.fold_history();
        Ok(())
    }

    /// Rebuilds a state from a new account dated `origin` by applying `events` again, in order,
    /// as [`State::execute`] recorded them (the oldest are folded into the checkpoint once more
    /// than [`HISTORY_LIMIT`] accumulate). Every event must still apply.
    pub fn replay(origin: Date, events: &[Event]) -> Result<State, ReplayError> {
        let mut state = State::new_account(origin);
        for event in events {
            state.reapply(event)?;
        }
        Ok(state)
    }

    /// The state after the first `count` kept events (`0`: the checkpoint; the number of kept
    /// events: this state again), replayed from the checkpoint, which it shares. Undo is
    /// `replay_kept(kept - 1)`; a comparison of two points of the activity log asks for both.
    pub fn replay_kept(&self, count: usize) -> Result<State, ReplayError> {
        let mut state = self.checkpoint();
        for event in self.data().events.iter().take(count) {
            state.reapply(event)?;
        }
        Ok(state)
    }
}

/// The subject of the refusal of a key that could not get a secret: the [`Entropy`] had no
/// cryptographic source to draw one from.
pub const NO_ENTROPY: &str = "no cryptographic random source for the key's secret";

/// The largest sequence number a history may hold: 2^53 - 1, the largest whole number a
/// JavaScript number keeps exactly. Far beyond any real history (a change every millisecond for
/// 285,000 years); a stored number past it is refused on load, and the change that would pass it
/// is refused (`error:invalid-value`, subject `history`), so the count never wraps.
pub const MAX_SEQ: u64 = (1 << 53) - 1;

/// How many events a state keeps after folding older ones into its checkpoint: the depth of
/// undo right after a fold.
pub const HISTORY_KEPT: usize = 200;

/// How many events a state keeps at most; one more folds the oldest down to [`HISTORY_KEPT`].
pub const HISTORY_LIMIT: usize = 250;
