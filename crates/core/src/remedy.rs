//! What would allow a denied check. Usually a short list of steps, each proposed for the gate that
//! failed and verified by asking the check again on a copy of the state ([`Advice::Steps`]); but a
//! question that names nobody gets the nearest existing names instead of a step that would create
//! what was mistyped ([`Advice::Unknown`]), and a gate no permission opens is named as such
//! ([`Advice::Never`]). A key label that no key holds and none is near is the exception: the
//! key is proposed for creation (owned by a member of a workspace where the call then passes,
//! or by `root`), raising no audit finding where it can.

use crate::check::{Caller, Check, Fact, LimitKind};
use crate::command::{Command, KeyOwnerName, MemberName, ModelFlags};
use crate::keys::SeededEntropy;
use crate::outcome::Outcome;
use crate::principal::{Acting, Who};
use crate::state::{Member, State, Workspace, WorkspaceId};
use crate::vocab::{BillingAction, Code, Page, Policy, is_openapi_read_action};

/// At most this many steps are proposed; a denial that needs more is not remedied.
const MAX_STEPS: usize = 4;

/// At most this many near names are offered for a name that names nothing.
const NEAREST: usize = 3;

/// What a question names that may not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    /// A RAM user (`as`).
    User,
    /// A RAM role (`via`).
    Role,
    /// A workspace.
    Workspace,
    /// A catalog model.
    Model,
    /// An API key, by label.
    Key,
}

/// What would allow a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Advice {
    /// It is allowed already.
    Allowed,
    /// These steps, taken as `root`, allow it (verified on a copy).
    Steps(Vec<Command>),
    /// The question names a user, role, workspace, model or key that does not exist: which, the
    /// name, and the existing names nearest to it (a typo is fixed in the question, not by
    /// creating what was mistyped).
    Unknown {
        /// What kind of thing.
        what: Named,
        /// The name as asked.
        name: String,
        /// Existing names of that kind nearest to it, nearest first.
        nearest: Vec<String>,
    },
    /// No change of permissions allows it: the gate with `code` refuses it for good (a model
    /// that cannot be fine-tuned or deployed, a deleted key, a deleted key owner).
    Never {
        /// The gate's code.
        code: Code,
        /// For `not-deployable`: whether the model can be fine-tuned, so that a model
        /// fine-tuned from it may be deployed instead (SPEC section 6); false for other codes.
        fine_tunable: bool,
        /// Whether another gate, one that steps could open, stops the question first (the
        /// trace stops there): opening it would not help.
        behind: bool,
    },
    /// No list of up to four steps was found.
    Nothing,
}

impl Advice {
    /// The steps, when the advice is steps.
    pub fn steps(self) -> Option<Vec<Command>> {
        match self {
            Advice::Steps(steps) => Some(steps),
            _ => None,
        }
    }
}

/// The names among `names` nearest to `name`, by edit distance, nearest first: those within a
/// third of the name's length (at least 2 edits), or that contain it or are contained in it
/// ignoring case; at most [`NEAREST`].
pub fn nearest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let wanted = name.to_lowercase();
    let reach = (wanted.chars().count() / 3).max(2);
    let mut near: Vec<(usize, &str)> = names
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let distance = strsim::levenshtein(&wanted, &lower);
            let related =
                !wanted.is_empty() && (lower.contains(&wanted) || wanted.contains(&lower));
            (distance <= reach || related).then_some((distance, candidate))
        })
        .collect();
    near.sort_unstable();
    near.dedup();
    near.into_iter()
        .take(NEAREST)
        .map(|(_, name)| name.to_owned())
        .collect()
}

impl State {
    /// Steps, to be taken as `root`, after which `check` is allowed; `None` when there are none
    /// (see [`State::advise`] for why).
    pub fn remedy(&self, check: &Check) -> Option<Vec<Command>> {
        self.advise(check).steps()
    }

    /// What would allow `check`: steps verified on a copy, or why there are none.
    pub fn advise(&self, check: &Check) -> Advice {
        let mut state = self.clone();
        let mut steps = Vec::new();
        let mut entropy = SeededEntropy::new(0);
        loop {
            let outcome = state.decide(check);
            let code = match outcome {
                Outcome::Allow if steps.is_empty() => return Advice::Allowed,
                Outcome::Allow => return Advice::Steps(steps),
                Outcome::Deny(code) | Outcome::Error(code) => code,
                Outcome::Ok => return Advice::Nothing,
            };
            // In a load, a gate of one key's call is looked at in the call of the first line it
            // refuses (a new user's walk: a load whose second key was suspended got no steps,
            // the first line's key being looked at); the steps still answer the whole load.
            let refused_call = state.load_call_refused(check, code);
            let asked = refused_call.as_ref().unwrap_or(check);
            if code == Code::UnknownKey
                && steps.len() < MAX_STEPS
                && let Some(step) = state.create_key_for(check, asked)
            {
                state.execute(&Who::root(), &step, &mut entropy);
                steps.push(step);
                continue;
            }
            if let Some(unknown) = state.unknown_in(asked, code) {
                return unknown;
            }
            if matches!(
                code,
                Code::NotFineTunable
                    | Code::NotDeployable
                    | Code::KeyDeleted
                    | Code::KeyOwnerDeleted
            ) {
                let fine_tunable = code == Code::NotDeployable
                    && check_model(check)
                        .and_then(|model| state.model_id(&model))
                        .and_then(|id| state.model(id))
                        .is_some_and(|model| model.fine_tunable);
                return Advice::Never {
                    code,
                    fine_tunable,
                    behind: !steps.is_empty(),
                };
            }
            if steps.len() == MAX_STEPS || matches!(outcome, Outcome::Error(_)) {
                return Advice::Nothing;
            }
            let Some(step) = state.fix_for(asked, code) else {
                return Advice::Nothing;
            };
            let executed = state.execute(&Who::root(), &step, &mut entropy);
            // A step helps when the answer moves, or, in a load, when the line it was for
            // passes that gate (another line may still fail the same one).
            let helped = state.decide(check) != outcome
                || (refused_call.is_some() && state.decide(asked) != outcome);
            if executed.outcome != Outcome::Ok || !helped {
                return Advice::Nothing;
            }
            steps.push(step);
        }
    }

    /// The name of `check` that names nothing, when `code` says a name was not found.
    fn unknown_in(&self, check: &Check, code: Code) -> Option<Advice> {
        let unknown = |what: Named, name: &str, names: Vec<&str>| Advice::Unknown {
            what,
            name: name.to_owned(),
            nearest: nearest(name, names.into_iter()),
        };
        match code {
            Code::UnknownPrincipal => {
                let who = check_who(check)?;
                if self.user_id(&who.name).is_none() {
                    let users = self.live_users().map(|(_, u)| u.name.as_str()).collect();
                    Some(unknown(Named::User, &who.name, users))
                } else {
                    let role = who.via.as_deref()?;
                    let roles = self.live_roles().map(|(_, r)| r.name.as_str()).collect();
                    Some(unknown(Named::Role, role, roles))
                }
            }
            Code::UnknownModel => {
                let model = check_model(check)?;
                let models = self.models().map(|(_, m)| m.name.as_str()).collect();
                Some(unknown(Named::Model, &model, models))
            }
            Code::UnknownKey => {
                let key = check_key(check)?;
                let keys = self
                    .keys()
                    .filter(|(_, k)| !k.deleted)
                    .map(|(_, k)| k.label.as_str())
                    .collect();
                Some(unknown(Named::Key, key, keys))
            }
            Code::NotFound => {
                let name = check.workspace_named()?;
                (self.workspace_by_name_or_id(name).is_none()).then(|| {
                    let workspaces = self.workspaces().map(|(_, w)| w.name.as_str()).collect();
                    unknown(Named::Workspace, name, workspaces)
                })
            }
            _ => None,
        }
    }

    /// The step that creates the key `asked` names and no key has (`asked` is `check`, or for a
    /// load the call of the line refused; the steps are taken as
    /// `root`): in the first workspace where that alone allows the check, sub-workspaces before
    /// the default ones (which authorize every model), owned by one of its members or else by
    /// `root` ([`State::key_owners_in`]); the first such key that raises no audit finding, else
    /// the first that allows the check (a new user's walk: a `root` key was offered that raised
    /// `root-daily-use`), else the first that can be created. `None` when no key may take the label
    /// (it breaks the name rule, or a deleted key holds it: labels are unique for ever) or it is
    /// near an existing key's label (a typo is fixed in the question, not by creating the
    /// mistyped key).
    fn create_key_for(&self, check: &Check, asked: &Check) -> Option<Command> {
        /// How many workspaces are tried, to bound the cost of the question.
        const TRIED: usize = 64;
        let label = check_key(asked)?;
        if self.key_id(label).is_some() {
            return None;
        }
        let labels = self.keys().filter(|(_, k)| !k.deleted);
        if !nearest(label, labels.map(|(_, k)| k.label.as_str())).is_empty() {
            return None;
        }
        let mut workspaces: Vec<(WorkspaceId, &Workspace)> = self.workspaces().collect();
        workspaces.sort_by_key(|(_, w)| w.default);
        /// How many keys that allow the check are audited for a clean one: an audit reads the
        /// whole state, and a large account in China (Beijing) alone has none clean.
        const AUDITED: usize = 8;
        let mut findings = None;
        let (mut allowing, mut first, mut audited) = (None, None, 0);
        for (id, workspace) in workspaces.into_iter().take(TRIED) {
            for owner in self.key_owners_in(id) {
                let step = Command::CreateApiKey {
                    workspace: workspace.name.clone(),
                    owner,
                    key: label.to_owned(),
                };
                let mut state = self.clone();
                let executed = state.execute(&Who::root(), &step, &mut SeededEntropy::new(0));
                if executed.outcome != Outcome::Ok {
                    continue;
                }
                if state.decide(check) != Outcome::Allow {
                    first.get_or_insert(step);
                    continue;
                }
                let before = *findings.get_or_insert_with(|| self.audit().len());
                if state.audit().len() <= before {
                    return Some(step);
                }
                allowing.get_or_insert(step);
                audited += 1;
                if audited == AUDITED {
                    return allowing;
                }
            }
        }
        allowing.or(first)
    }

    /// Who may be proposed as the owner of a new key in `workspace`: a few of its direct
    /// members, users then roles, and `root` last (whose keys raise `root-daily-use` outside
    /// China (Beijing)).
    fn key_owners_in(&self, workspace: WorkspaceId) -> impl Iterator<Item = KeyOwnerName> + '_ {
        /// Members tried per workspace, to bound the cost of the question.
        const MEMBERS: usize = 2;
        let users = self
            .live_users()
            .filter(move |(id, _)| self.membership(Member::User(*id), workspace).is_some())
            .map(|(_, u)| KeyOwnerName::Named(u.name.clone()));
        let roles = self
            .live_roles()
            .filter(move |(id, _)| self.membership(Member::Role(*id), workspace).is_some())
            .map(|(_, r)| KeyOwnerName::Role(r.name.clone()));
        users
            .chain(roles)
            .take(MEMBERS)
            .chain(std::iter::once(KeyOwnerName::Named("root".to_owned())))
    }

    /// The step that lets a throttled load through: the limits of the first workspace it went
    /// past, raised to what the minute asks there (requests for the RPM, tokens for the TPM),
    /// the other limit kept; cleared only when what is asked is more than a limit can hold.
    fn raise_limits_for(&self, check: &Check) -> Option<Command> {
        let Check::Load { model, .. } = check else {
            return None;
        };
        let response = self.check(check);
        let over = response.trace.iter().find_map(|step| match &step.fact {
            Fact::Limits { over, .. } => Some(over),
            _ => None,
        })?;
        let workspace = over.first()?.workspace.clone();
        let (mut rpm, mut tpm) = (None, None);
        for overrun in over.iter().filter(|o| o.workspace == workspace) {
            let Ok(asked) = i64::try_from(overrun.asked) else {
                return Some(Command::ClearModelLimits {
                    workspace,
                    model: model.clone(),
                });
            };
            match overrun.limit {
                LimitKind::Rpm => rpm = Some(asked),
                LimitKind::Tpm => tpm = Some(asked),
            }
        }
        Some(Command::SetModelLimits {
            workspace,
            model: model.clone(),
            rpm,
            tpm,
        })
    }

    /// One step that lifts the gate `code` failed for `check`.
    fn fix_for(&self, check: &Check, code: Code) -> Option<Command> {
        let who = check_who(check);
        let member = who.and_then(|who| self.acting_member_name(who));
        let workspace = self.check_workspace(check);
        let model = check_model(check);
        match code {
            Code::CannotAssumeRole => {
                let who = who?;
                Some(Command::TrustRole {
                    role: who.via.clone()?,
                    user: who.name.clone(),
                })
            }
            Code::NotMember => Some(Command::AddMember {
                workspace: workspace?,
                member: member?,
                admin: false,
            }),
            Code::PageRestricted | Code::NoOperationPermission | Code::NoKeyPermission => {
                let page = check_page(check)?;
                let workspace = workspace?;
                let member = member?;
                let ws = self.workspace_id(&workspace)?;
                let acting = self.resolve(who?).ok()?;
                if acting
                    .member()
                    .and_then(|m| self.membership(m, ws))
                    .is_none()
                {
                    return Some(Command::AddMember {
                        workspace,
                        member,
                        admin: false,
                    });
                }
                Some(if page == Page::Permissions {
                    Command::SetAdmin {
                        workspace,
                        member,
                        admin: true,
                    }
                } else {
                    Command::GrantPage {
                        workspace,
                        member,
                        permission: page,
                    }
                })
            }
            Code::ModelNotAuthorized => Some(Command::AuthorizeModel {
                workspace: workspace?,
                model: model?,
                flags: ModelFlags::call(true),
            }),
            Code::FineTuneNotAuthorized => Some(Command::AuthorizeModel {
                workspace: workspace?,
                model: model?,
                flags: ModelFlags::fine_tune(true),
            }),
            Code::DeployNotAuthorized => Some(Command::AuthorizeModel {
                workspace: workspace?,
                model: model?,
                flags: ModelFlags::deploy(true),
            }),
            Code::KeySuspended => {
                let key = self.key(self.key_id(check_key(check)?)?)?;
                let name = self.held_owner_name(key.owner).to_owned();
                let member = match key.owner.member()? {
                    Member::User(_) => MemberName::User(name),
                    Member::Role(_) => MemberName::Role(name),
                };
                Some(Command::AddMember {
                    workspace: self.held_workspace_name(key.workspace).to_owned(),
                    member,
                    admin: false,
                })
            }
            Code::IpNotAllowed => {
                // The caller's address is added to the whitelist; a call that gives none passes
                // only an empty whitelist, so the whitelist is cleared.
                let (key, ip) = match check {
                    Check::CallModel {
                        caller: Caller::Key { key, ip },
                        ..
                    }
                    | Check::FineTune {
                        caller: Caller::Key { key, ip },
                        ..
                    } => (key, *ip),
                    _ => return None,
                };
                let cidrs = match ip {
                    Some(ip) => {
                        let record = self.key(self.key_id(key)?)?;
                        let mut cidrs: Vec<String> =
                            record.whitelist.iter().map(|n| n.to_string()).collect();
                        // Written as the whitelist keeps it (`/32`, `/128`), so that the step
                        // reads as its effect does.
                        cidrs.push(ipnet::IpNet::from(ip).to_string());
                        cidrs
                    }
                    None => Vec::new(),
                };
                Some(Command::SetIpWhitelist {
                    key: key.clone(),
                    cidrs,
                })
            }
            Code::NoOpenapiPermission | Code::OpenapiReadOnly => {
                let Check::CallOpenapi { action, .. } = check else {
                    return None;
                };
                let policy = if is_openapi_read_action(action) {
                    Policy::AliyunBailianDataReadOnlyAccess
                } else {
                    Policy::AliyunBailianDataFullAccess
                };
                Some(Command::AttachPolicy {
                    member: member?,
                    policy,
                })
            }
            Code::NoBillingPermission => {
                let Check::Billing { action, .. } = check else {
                    return None;
                };
                let policy = match action {
                    BillingAction::ViewBills => Policy::AliyunBssReadOnlyAccess,
                    BillingAction::Purchase | BillingAction::PayOrder => {
                        Policy::AliyunBssOrderAccess
                    }
                };
                Some(Command::AttachPolicy {
                    member: member?,
                    policy,
                })
            }
            Code::NotSuperAdmin => Some(Command::AttachPolicy {
                member: member?,
                policy: Policy::AliyunBailianFullAccess,
            }),
            Code::NotActivated => {
                let Check::UseFeature { feature, .. } = check else {
                    return None;
                };
                Some(Command::Activate { feature: *feature })
            }
            Code::RateLimited => self.raise_limits_for(check),
            _ => None,
        }
    }

    /// The member whose memberships and policies count for `who`, by name.
    fn acting_member_name(&self, who: &Who) -> Option<MemberName> {
        match self.resolve(who) {
            Ok(Acting::Root) => None,
            Ok(acting) => match acting.member()? {
                Member::User(_) => Some(MemberName::User(who.name.clone())),
                Member::Role(_) => who.via.clone().map(MemberName::Role),
            },
            Err(_) => Some(match &who.via {
                Some(role) => MemberName::Role(role.clone()),
                None => MemberName::User(who.name.clone()),
            }),
        }
    }

    /// For a load refused with `code`, the call of its first line (with requests) that is
    /// refused with that code on its own; `None` for any other check, or when no line's call
    /// is (a load's own limits).
    fn load_call_refused(&self, check: &Check, code: Code) -> Option<Check> {
        let Check::Load { model, traffic } = check else {
            return None;
        };
        traffic
            .iter()
            .filter(|t| t.requests > 0)
            .map(|t| Check::CallModel {
                caller: Caller::Key {
                    key: t.key.clone(),
                    ip: t.ip,
                },
                model: model.clone(),
            })
            .find(|call| self.decide(call) == Outcome::Deny(code))
    }

    fn check_workspace(&self, check: &Check) -> Option<String> {
        let of_key = |label: &str| {
            let key = self.key(self.key_id(label)?)?;
            Some(self.held_workspace_name(key.workspace).to_owned())
        };
        match check {
            Check::CallOpenapi { workspace, .. } => workspace
                .as_deref()
                .and_then(|text| self.workspace_by_name_or_id(text))
                .map(|ws| self.held_workspace_name(ws).to_owned()),
            _ => match check.workspace_named() {
                Some(workspace) => Some(workspace.to_owned()),
                None => of_key(check_key(check)?),
            },
        }
    }
}

fn check_who(check: &Check) -> Option<&Who> {
    match check {
        Check::CallModel {
            caller: Caller::Console { who, .. },
            ..
        }
        | Check::FineTune {
            caller: Caller::Console { who, .. },
            ..
        }
        | Check::BatchInference { who, .. }
        | Check::Deploy { who, .. }
        | Check::OpenPage { who, .. }
        | Check::ViewKey { who, .. }
        | Check::CallOpenapi { who, .. }
        | Check::Billing { who, .. }
        | Check::OpenSystemAdministration { who }
        | Check::UseFeature { who, .. } => Some(who),
        _ => None,
    }
}

fn check_model(check: &Check) -> Option<String> {
    match check {
        Check::CallModel { model, .. }
        | Check::FineTune { model, .. }
        | Check::BatchInference { model, .. }
        | Check::Deploy { model, .. }
        | Check::Load { model, .. } => Some(model.clone()),
        _ => None,
    }
}

fn check_key(check: &Check) -> Option<&str> {
    match check {
        Check::CallModel {
            caller: Caller::Key { key, .. },
            ..
        }
        | Check::FineTune {
            caller: Caller::Key { key, .. },
            ..
        }
        | Check::ViewKey { key, .. } => Some(key),
        // A load is looked at in the call of the line a gate refuses (`load_call_refused`).
        _ => None,
    }
}

/// The page whose permission a check needs.
fn check_page(check: &Check) -> Option<Page> {
    match check {
        Check::OpenPage { page, .. } => Some(*page),
        Check::CallModel {
            caller: Caller::Console { .. },
            ..
        } => Some(Page::ModelExperience),
        Check::BatchInference { .. } => Some(Page::BatchInference),
        Check::FineTune {
            caller: Caller::Console { .. },
            ..
        } => Some(Page::ModelFineTuning),
        Check::Deploy { .. } => Some(Page::ModelDeployment),
        Check::ViewKey { .. } => Some(Page::ApiKey),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Access;

    fn state() -> State {
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        for command in [
            Command::CreateUser { name: "ann".into() },
            Command::CreateWorkspace {
                region: crate::vocab::Region::UsEast1,
                name: "w".into(),
            },
        ] {
            assert_eq!(
                state.execute(&Who::root(), &command, &mut entropy).outcome,
                Outcome::Ok
            );
        }
        state
    }

    #[test]
    fn a_non_member_is_added_then_granted() {
        let state = state();
        let check = Check::OpenPage {
            who: Who::user("ann"),
            workspace: "w".into(),
            page: Page::Playground,
            access: Access::Operate,
        };
        let steps = state.remedy(&check).unwrap();
        assert_eq!(
            steps,
            vec![
                Command::AddMember {
                    workspace: "w".into(),
                    member: MemberName::User("ann".into()),
                    admin: false
                },
                Command::GrantPage {
                    workspace: "w".into(),
                    member: MemberName::User("ann".into()),
                    permission: Page::Playground
                },
            ]
        );
    }

    #[test]
    fn an_allowed_check_needs_no_remedy_and_a_dead_end_has_none() {
        let state = state();
        let allowed = Check::OpenPage {
            who: Who::root(),
            workspace: "w".into(),
            page: Page::Playground,
            access: Access::Operate,
        };
        assert_eq!(state.remedy(&allowed), None);
        let not_fine_tunable = Check::FineTune {
            caller: Caller::Console {
                who: Who::root(),
                workspace: "w".into(),
            },
            model: "qwen-max".into(),
        };
        assert_eq!(state.remedy(&not_fine_tunable), None);
    }

    #[test]
    fn a_console_call_gets_membership_page_and_authorization() {
        let state = state();
        let check = Check::CallModel {
            caller: Caller::Console {
                who: Who::user("ann"),
                workspace: "w".into(),
            },
            model: "qwen-plus".into(),
        };
        let steps = state.remedy(&check).unwrap();
        assert_eq!(steps.len(), 3);
        assert!(matches!(
            steps.last(),
            Some(Command::AuthorizeModel {
                flags: ModelFlags {
                    call: Some(true),
                    ..
                },
                ..
            })
        ));
    }

    /// Issue 13: a mistyped name was offered as a user to create. A name that names nobody gets
    /// the nearest existing names, and no step.
    #[test]
    fn a_mistyped_name_gets_the_nearest_names_not_a_creation() {
        let mut state = state();
        let mut entropy = SeededEntropy::new(2);
        for command in [
            Command::CreateUser {
                name: "user-02".into(),
            },
            Command::CreateRole {
                name: "ops-role".into(),
            },
        ] {
            assert!(
                state
                    .execute(&Who::root(), &command, &mut entropy)
                    .outcome
                    .is_success()
            );
        }
        let open = |who: Who| Check::OpenPage {
            who,
            workspace: "w".into(),
            page: Page::Playground,
            access: Access::View,
        };
        assert_eq!(
            state.advise(&open(Who::user("user02"))),
            Advice::Unknown {
                what: Named::User,
                name: "user02".into(),
                nearest: vec!["user-02".into()],
            }
        );
        assert_eq!(state.remedy(&open(Who::user("user02"))), None);
        let half_typed = Who {
            name: "user-02".into(),
            via: Some("ops".into()),
        };
        assert_eq!(
            state.advise(&open(half_typed)),
            Advice::Unknown {
                what: Named::Role,
                name: "ops".into(),
                nearest: vec!["ops-role".into()],
            }
        );
        let elsewhere = Check::OpenPage {
            who: Who::user("ann"),
            workspace: "v".into(),
            page: Page::Playground,
            access: Access::View,
        };
        assert!(matches!(
            state.advise(&elsewhere),
            Advice::Unknown { what: Named::Workspace, nearest, .. } if nearest == ["w"]
        ));
    }

    /// Issue 13: a call with a key that does not exist was "no such key" only; the key can be
    /// created, where that allows the call. A label no key may take keeps the advice.
    #[test]
    fn an_unknown_key_is_created_where_the_call_passes() {
        let mut state = state();
        let mut entropy = SeededEntropy::new(4);
        let authorize = Command::AuthorizeModel {
            workspace: "w".into(),
            model: "qwen-plus".into(),
            flags: ModelFlags::call(true),
        };
        assert_eq!(
            state
                .execute(&Who::root(), &authorize, &mut entropy)
                .outcome,
            Outcome::Ok
        );
        let call = |key: &str| Check::CallModel {
            caller: Caller::Key {
                key: key.into(),
                ip: None,
            },
            model: "qwen-plus".into(),
        };
        assert_eq!(
            state.decide(&call("batch-job")),
            Outcome::Deny(Code::UnknownKey)
        );
        let create = Command::CreateApiKey {
            workspace: "w".into(),
            owner: crate::command::KeyOwnerName::Named("root".into()),
            key: "batch-job".into(),
        };
        assert_eq!(
            state.advise(&call("batch-job")),
            Advice::Steps(vec![create.clone()])
        );
        let mut applied = state.clone();
        assert_eq!(
            applied.execute(&Who::root(), &create, &mut entropy).outcome,
            Outcome::Ok
        );
        assert!(applied.key_id("batch-job").is_some());
        assert_eq!(applied.decide(&call("batch-job")), Outcome::Allow);

        // Labels are unique for ever: one a deleted key held cannot be created again.
        let delete = Command::DeleteApiKey {
            key: "batch-job".into(),
        };
        assert_eq!(
            applied.execute(&Who::root(), &delete, &mut entropy).outcome,
            Outcome::Ok
        );
        assert_eq!(
            applied.advise(&call("old-job")),
            Advice::Steps(vec![Command::CreateApiKey {
                workspace: "w".into(),
                owner: crate::command::KeyOwnerName::Named("root".into()),
                key: "old-job".into(),
            }])
        );
        assert_eq!(
            applied.advise(&call("batch-job")),
            Advice::Never {
                code: Code::KeyDeleted,
                fine_tunable: false,
                behind: false
            }
        );
        // A label that breaks the name rule gets the advice, not a step.
        let long = "k".repeat(crate::NAME_MAX_CHARS + 1);
        assert!(matches!(
            state.advise(&call(&long)),
            Advice::Unknown {
                what: Named::Key,
                ..
            }
        ));
    }

    /// Issue 13: deploying a model that cannot be deployed, or calling with a key that does not
    /// exist, was "cannot be fixed by permissions" without saying why; a call refused by the
    /// whitelist has a step.
    #[test]
    fn what_no_permission_opens_is_named_and_a_whitelist_is_widened() {
        let mut state = state();
        let mut entropy = SeededEntropy::new(3);
        let beijing = state
            .held_workspace_name(state.default_workspace(crate::vocab::Region::CnBeijing))
            .to_owned();
        for command in [
            Command::CreateApiKey {
                workspace: beijing.clone(),
                owner: crate::command::KeyOwnerName::Named("root".into()),
                key: "key-a".into(),
            },
            Command::SetIpWhitelist {
                key: "key-a".into(),
                cidrs: vec!["10.0.0.0/8".into()],
            },
        ] {
            assert!(
                state
                    .execute(&Who::root(), &command, &mut entropy)
                    .outcome
                    .is_success()
            );
        }
        let deploy = Check::Deploy {
            who: Who::root(),
            workspace: beijing,
            model: "qwen-max".into(),
            fine_tuned: false,
        };
        assert_eq!(
            state.advise(&deploy),
            Advice::Never {
                code: Code::NotDeployable,
                fine_tunable: false,
                behind: false
            }
        );
        // A model that can be fine-tuned: a model fine-tuned from it may be deployed instead (a
        // new user's walk: that was said of `qwen-max`, which cannot be fine-tuned).
        let deploy_plus = Check::Deploy {
            who: Who::root(),
            workspace: "w".into(),
            model: "qwen-plus".into(),
            fine_tuned: false,
        };
        assert_eq!(
            state.advise(&deploy_plus),
            Advice::Never {
                code: Code::NotDeployable,
                fine_tunable: true,
                behind: false
            }
        );
        // A user who may not open the deployment page is stopped there first; opening it would
        // not help, and the advice says so (a review read "cannot be deployed" under a trace
        // that stopped at the page).
        let ann_deploys = Check::Deploy {
            who: Who::user("ann"),
            workspace: "w".into(),
            model: "qwen-max".into(),
            fine_tuned: false,
        };
        assert_eq!(
            state.advise(&ann_deploys),
            Advice::Never {
                code: Code::NotDeployable,
                fine_tunable: false,
                behind: true
            }
        );
        let call = |key: &str, ip: &str| Check::CallModel {
            caller: Caller::Key {
                key: key.into(),
                ip: Some(ip.parse().unwrap()),
            },
            model: "qwen-plus".into(),
        };
        assert!(matches!(
            state.advise(&call("key-b", "10.0.0.1")),
            Advice::Unknown { what: Named::Key, nearest, .. } if nearest == ["key-a"]
        ));
        let Advice::Steps(steps) = state.advise(&call("key-a", "1.2.3.4")) else {
            panic!("a whitelist can be widened");
        };
        assert!(matches!(&steps[..], [Command::SetIpWhitelist { cidrs, .. }] if cidrs.len() == 2));
        // A call that gives no address passes only an empty whitelist: it is cleared.
        let anonymous = Check::CallModel {
            caller: Caller::Key {
                key: "key-a".into(),
                ip: None,
            },
            model: "qwen-plus".into(),
        };
        assert_eq!(
            state.advise(&anonymous),
            Advice::Steps(vec![Command::SetIpWhitelist {
                key: "key-a".into(),
                cidrs: Vec::new(),
            }])
        );
        // In a load, the line the whitelist refuses.
        let load = Check::Load {
            model: "qwen-plus".into(),
            traffic: vec![
                crate::check::Traffic {
                    key: "key-a".into(),
                    requests: 1,
                    tokens: 1,
                    ip: Some("10.1.2.3".parse().unwrap()),
                },
                crate::check::Traffic {
                    key: "key-a".into(),
                    requests: 1,
                    tokens: 1,
                    ip: Some("1.2.3.4".parse().unwrap()),
                },
            ],
        };
        let Advice::Steps(steps) = state.advise(&load) else {
            panic!("a load's whitelist can be widened");
        };
        assert!(
            matches!(&steps[..], [Command::SetIpWhitelist { cidrs, .. }] if cidrs[1] == "1.2.3.4/32" || cidrs[1] == "1.2.3.4")
        );
    }

    /// One line of a load: `requests` calls of 10 tokens with key `key`, from no address.
    fn line(key: &str, requests: u64) -> crate::check::Traffic {
        crate::check::Traffic {
            key: key.into(),
            requests,
            tokens: 10,
            ip: None,
        }
    }

    /// A new user's walk: a load whose second key was suspended (its owner removed from the
    /// workspace) got "no change of up to four steps lifts this denial": the first line's key,
    /// active, was looked at. The line a gate refuses is.
    #[test]
    fn a_load_is_remedied_at_the_line_a_gate_refuses() {
        let sample = crate::sample::sample_organisation(crate::Date::BEIJING_ROOT_OWNERSHIP);
        let load = Check::Load {
            model: "qwen-max".into(),
            traffic: vec![line("prod-service", 200), line("research-contractor", 5)],
        };
        assert_eq!(sample.decide(&load), Outcome::Deny(Code::KeySuspended));
        let Advice::Steps(steps) = sample.advise(&load) else {
            panic!(
                "the suspended key's owner can be added back: {:?}",
                sample.advise(&load)
            );
        };
        assert!(
            matches!(&steps[0], Command::AddMember { workspace, .. } if workspace == "research"),
            "{steps:?}"
        );
        let mut after = sample.clone();
        let mut entropy = SeededEntropy::new(1);
        for step in &steps {
            after.execute(&Who::root(), step, &mut entropy);
        }
        assert_eq!(after.decide(&load), Outcome::Allow);
    }

    /// A review: a load whose two lines failed the same gate (a model authorized in neither
    /// key's workspace) still got no steps, the answer not moving after the first line's.
    /// A load's key that no key holds is created for the first line that names it, the line
    /// whose call is refused (one place says which line: `load_call_refused`).
    #[test]
    fn a_loads_unknown_key_is_created_for_its_line() {
        let sample = crate::sample::sample_organisation(crate::Date::BEIJING_ROOT_OWNERSHIP);
        let load = Check::Load {
            model: "qwen-max".into(),
            traffic: vec![
                line("prod-service", 1),
                line("idle-key", 0),
                line("batch-job", 1),
            ],
        };
        assert_eq!(sample.decide(&load), Outcome::Deny(Code::UnknownKey));
        let Advice::Steps(steps) = sample.advise(&load) else {
            panic!("the key can be created: {:?}", sample.advise(&load));
        };
        assert!(
            matches!(&steps[0], Command::CreateApiKey { key, .. } if key == "batch-job"),
            "{steps:?}"
        );
    }

    #[test]
    fn a_load_whose_lines_fail_the_same_gate_gets_a_step_for_each() {
        let mut state = crate::sample::sample_organisation(crate::Date::BEIJING_ROOT_OWNERSHIP);
        let mut entropy = SeededEntropy::new(3);
        for step in [
            Command::CreateWorkspace {
                region: crate::Region::CnBeijing,
                name: "ws2".into(),
            },
            Command::AddMember {
                workspace: "ws2".into(),
                member: MemberName::User("user-01".into()),
                admin: false,
            },
            Command::CreateApiKey {
                workspace: "ws2".into(),
                owner: KeyOwnerName::Named("user-01".into()),
                key: "k2".into(),
            },
        ] {
            assert!(
                state
                    .execute(&Who::root(), &step, &mut entropy)
                    .outcome
                    .is_success()
            );
        }
        let load = Check::Load {
            model: "qwen-turbo".into(),
            traffic: vec![line("prod-service", 1), line("k2", 1)],
        };
        assert_eq!(state.decide(&load), Outcome::Deny(Code::ModelNotAuthorized));
        let Advice::Steps(steps) = state.advise(&load) else {
            panic!("each line's workspace can authorize the model");
        };
        assert_eq!(steps.len(), 2, "{steps:?}");
        assert!(
            steps
                .iter()
                .all(|s| matches!(s, Command::AuthorizeModel { .. }))
        );
    }

    /// A new user's walk: an unknown key was offered as `root`'s, which raises `root-daily-use`
    /// outside China (Beijing). Where a member of the workspace can own it, it is theirs, and
    /// no audit finding is raised.
    #[test]
    fn an_unknown_key_goes_to_a_member_where_that_raises_no_finding() {
        let mut state = state();
        let mut entropy = SeededEntropy::new(5);
        for command in [
            Command::AuthorizeModel {
                workspace: "w".into(),
                model: "qwen-plus".into(),
                flags: ModelFlags::call(true),
            },
            Command::AddMember {
                workspace: "w".into(),
                member: MemberName::User("ann".into()),
                admin: false,
            },
        ] {
            assert_eq!(
                state.execute(&Who::root(), &command, &mut entropy).outcome,
                Outcome::Ok
            );
        }
        let call = Check::CallModel {
            caller: Caller::Key {
                key: "batch-job".into(),
                ip: None,
            },
            model: "qwen-plus".into(),
        };
        let create = Command::CreateApiKey {
            workspace: "w".into(),
            owner: crate::command::KeyOwnerName::Named("ann".into()),
            key: "batch-job".into(),
        };
        assert_eq!(state.advise(&call), Advice::Steps(vec![create.clone()]));
        let findings = state.audit().len();
        assert_eq!(
            state.execute(&Who::root(), &create, &mut entropy).outcome,
            Outcome::Ok
        );
        assert_eq!(state.audit().len(), findings, "{:?}", state.audit());
    }

    /// A new user's walk: a load throttled by a workspace's limits was offered to remove them.
    /// They are raised to what the minute asks, the other limit kept.
    #[test]
    fn a_throttled_load_raises_the_limit_it_went_past() {
        let mut state = state();
        let mut entropy = SeededEntropy::new(6);
        for command in [
            Command::AuthorizeModel {
                workspace: "w".into(),
                model: "qwen-plus".into(),
                flags: ModelFlags::call(true),
            },
            Command::SetModelLimits {
                workspace: "w".into(),
                model: "qwen-plus".into(),
                rpm: Some(10),
                tpm: Some(1_000_000),
            },
            Command::CreateApiKey {
                workspace: "w".into(),
                owner: crate::command::KeyOwnerName::Named("root".into()),
                key: "k1".into(),
            },
        ] {
            assert_eq!(
                state.execute(&Who::root(), &command, &mut entropy).outcome,
                Outcome::Ok
            );
        }
        let load = Check::Load {
            model: "qwen-plus".into(),
            traffic: vec![crate::check::Traffic {
                key: "k1".into(),
                requests: 25,
                tokens: 100,
                ip: None,
            }],
        };
        assert_eq!(state.decide(&load), Outcome::Deny(Code::RateLimited));
        assert_eq!(
            state.advise(&load),
            Advice::Steps(vec![Command::SetModelLimits {
                workspace: "w".into(),
                model: "qwen-plus".into(),
                rpm: Some(25),
                tpm: None,
            }])
        );
    }

    #[test]
    fn the_nearest_names_are_close_or_related() {
        let names = ["user-01", "user-02", "admin-01", "analyst"];
        assert_eq!(nearest("user02", names.into_iter()), ["user-02", "user-01"]);
        assert_eq!(nearest("admin", names.into_iter()), ["admin-01"]);
        assert!(nearest("zzzzzzzz", names.into_iter()).is_empty());
    }
}
