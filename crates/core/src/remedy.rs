//! The smallest change that would allow a denied check: a short list of steps, each proposed for
//! the gate that failed and verified by asking the check again on a copy of the state.

use crate::check::{Caller, Check};
use crate::command::{Command, MemberName};
use crate::keys::SeededEntropy;
use crate::outcome::Outcome;
use crate::principal::{Acting, Who};
use crate::state::{Member, State};
use crate::vocab::{BillingAction, Code, Page, Policy, is_openapi_read_action};

/// At most this many steps are proposed; a denial that needs more is not remedied.
const MAX_STEPS: usize = 4;

impl State {
    /// Steps, to be taken as `root`, after which `check` is allowed; `None` when the denial
    /// cannot be lifted (a deleted key, a model that cannot be fine-tuned…) or is not a denial.
    pub fn remedy(&self, check: &Check) -> Option<Vec<Command>> {
        let mut state = self.clone();
        let mut steps = Vec::new();
        let mut entropy = SeededEntropy::new(0);
        loop {
            let outcome = state.decide(check);
            let Outcome::Deny(code) = outcome else {
                return (outcome == Outcome::Allow && !steps.is_empty()).then_some(steps);
            };
            if steps.len() == MAX_STEPS {
                return None;
            }
            let step = state.fix_for(check, code)?;
            let executed = state.execute(&Who::root(), &step, &mut entropy);
            if executed.outcome != Outcome::Ok || state.decide(check) == outcome {
                return None;
            }
            steps.push(step);
        }
    }

    /// One step that lifts the gate `code` failed for `check`.
    fn fix_for(&self, check: &Check, code: Code) -> Option<Command> {
        let who = check_who(check);
        let member = who.and_then(|who| self.acting_member_name(who));
        let workspace = self.check_workspace(check);
        let model = check_model(check);
        match code {
            Code::UnknownPrincipal => {
                let who = who?;
                if self.user_id(&who.name).is_none() {
                    Some(Command::CreateUser {
                        name: who.name.clone(),
                    })
                } else {
                    who.via.clone().map(|name| Command::CreateRole { name })
                }
            }
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
                call: Some(true),
                fine_tune: None,
                deploy: None,
            }),
            Code::FineTuneNotAuthorized => Some(Command::AuthorizeModel {
                workspace: workspace?,
                model: model?,
                call: None,
                fine_tune: Some(true),
                deploy: None,
            }),
            Code::DeployNotAuthorized => Some(Command::AuthorizeModel {
                workspace: workspace?,
                model: model?,
                call: None,
                fine_tune: None,
                deploy: Some(true),
            }),
            Code::KeySuspended => {
                let key = self.key(self.key_id(check_key(check)?)?)?;
                let name = self.owner_name(key.owner).to_owned();
                let member = match key.owner.member()? {
                    Member::User(_) => MemberName::User(name),
                    Member::Role(_) => MemberName::Role(name),
                };
                Some(Command::AddMember {
                    workspace: self.workspace_name(key.workspace).to_owned(),
                    member,
                    admin: false,
                })
            }
            Code::IpNotAllowed => {
                let (Check::CallModel {
                    caller: Caller::Key { key, ip: Some(ip) },
                    ..
                }
                | Check::FineTune {
                    caller: Caller::Key { key, ip: Some(ip) },
                    ..
                }) = check
                else {
                    return None;
                };
                let record = self.key(self.key_id(key)?)?;
                let mut cidrs: Vec<String> =
                    record.whitelist.iter().map(|n| n.to_string()).collect();
                cidrs.push(ip.to_string());
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
            Code::RateLimited => {
                let Check::Load { model, traffic } = check else {
                    return None;
                };
                let key = self.key(self.key_id(&traffic.iter().find(|t| t.requests > 0)?.key)?)?;
                Some(Command::ClearModelLimits {
                    workspace: self.workspace_name(key.workspace).to_owned(),
                    model: model.clone(),
                })
            }
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

    fn check_workspace(&self, check: &Check) -> Option<String> {
        match check {
            Check::CallModel {
                caller: Caller::Console { workspace, .. },
                ..
            }
            | Check::FineTune {
                caller: Caller::Console { workspace, .. },
                ..
            }
            | Check::BatchInference { workspace, .. }
            | Check::Deploy { workspace, .. }
            | Check::OpenPage { workspace, .. } => Some(workspace.clone()),
            Check::CallModel {
                caller: Caller::Key { key, .. },
                ..
            }
            | Check::FineTune {
                caller: Caller::Key { key, .. },
                ..
            }
            | Check::ViewKey { key, .. } => {
                let key = self.key(self.key_id(key)?)?;
                Some(self.workspace_name(key.workspace).to_owned())
            }
            Check::Load { traffic, .. } => {
                let key = self.key(self.key_id(&traffic.first()?.key)?)?;
                Some(self.workspace_name(key.workspace).to_owned())
            }
            Check::CallOpenapi { workspace, .. } => workspace
                .as_deref()
                .and_then(|text| self.workspace_by_name_or_id(text))
                .map(|ws| self.workspace_name(ws).to_owned()),
            Check::Billing { .. }
            | Check::UseFeature { .. }
            | Check::OpenSystemAdministration { .. } => None,
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
        Check::Load { traffic, .. } => traffic
            .iter()
            .find(|t| t.requests > 0)
            .map(|t| t.key.as_str()),
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
                call: Some(true),
                ..
            })
        ));
    }
}
