//! Ready-made organisations: a small sample that exercises every feature (every audit finding,
//! roles, limits, quotas, keys in every status, a role-owned key, a deleted workspace), and large
//! generated ones for benchmarks.
//! Both are built through commands, so their activity logs are real.

use crate::check::PageAccess;
use crate::command::{Command, KeyOwnerName, MemberName, ModelFlags};
use crate::date::Date;
use crate::keys::SeededEntropy;
use crate::principal::Who;
use crate::state::{Member, State, WorkspaceId};
use crate::vocab::{Feature, Page, Policy, Region};

fn user(name: &str) -> MemberName {
    MemberName::User(name.to_owned())
}

fn s(text: &str) -> String {
    text.to_owned()
}

// Short forms of the steps the samples and the tests take most often.

/// `add-member`: a user or a role joins `workspace`, as an administrator or not.
pub fn add_member(workspace: &str, member: MemberName, admin: bool) -> Command {
    Command::AddMember {
        workspace: s(workspace),
        member,
        admin,
    }
}

/// `grant-page`: `member` is given the page permission `page` in `workspace`.
pub fn grant_page(workspace: &str, member: MemberName, page: Page) -> Command {
    Command::GrantPage {
        workspace: s(workspace),
        member,
        permission: page,
    }
}

/// `create-api-key` in `workspace`, owned by the user (or `root`) `owner`.
pub fn create_key(workspace: &str, owner: &str, key: &str) -> Command {
    Command::CreateApiKey {
        workspace: s(workspace),
        owner: KeyOwnerName::Named(s(owner)),
        key: s(key),
    }
}

/// `authorize-model` allowing `workspace` to call `model`, its other two rights left as they are.
pub fn authorize_call(workspace: &str, model: &str) -> Command {
    Command::AuthorizeModel {
        workspace: s(workspace),
        model: s(model),
        flags: ModelFlags::call(true),
    }
}

/// `set-model-limits` of `model` in `workspace`: requests and tokens a minute.
pub fn model_limits(workspace: &str, model: &str, rpm: Option<i64>, tpm: Option<i64>) -> Command {
    Command::SetModelLimits {
        workspace: s(workspace),
        model: s(model),
        rpm,
        tpm,
    }
}

/// The steps of the sample organisation, each with who takes it.
pub fn sample_steps() -> Vec<(Who, Command)> {
    let root = Who::root;
    let admin = || Who::user("admin-01");
    let mut steps: Vec<(Who, Command)> = Vec::new();
    let mut add = |who: Who, command: Command| steps.push((who, command));
    for (region, name) in [
        (Region::CnBeijing, "project-a"),
        (Region::ApSoutheast1, "project-prod"),
        (Region::UsEast1, "research"),
    ] {
        add(
            root(),
            Command::CreateWorkspace {
                region,
                name: s(name),
            },
        );
    }
    for name in [
        "user-01",
        "user-02",
        "admin-01",
        "ram-admin",
        "lead-01",
        "analyst",
        "buyer",
        "old-admin",
        "intern",
        "contractor",
        "leaver",
    ] {
        add(root(), Command::CreateUser { name: s(name) });
    }
    for (name, policy) in [
        ("admin-01", Policy::AliyunBailianFullAccess),
        ("ram-admin", Policy::AliyunRamFullAccess),
        ("analyst", Policy::AliyunBailianDataReadOnlyAccess),
        ("analyst", Policy::AliyunBssReadOnlyAccess),
        ("buyer", Policy::AliyunBssOrderAccess),
        ("old-admin", Policy::AdministratorAccess),
    ] {
        add(
            root(),
            Command::AttachPolicy {
                member: user(name),
                policy,
            },
        );
    }
    add(
        Who::user("ram-admin"),
        Command::CreateRole {
            name: s("ops-role"),
        },
    );
    add(
        Who::user("ram-admin"),
        Command::CreateRole {
            name: s("orphan-role"),
        },
    );
    add(
        Who::user("ram-admin"),
        Command::TrustRole {
            role: s("ops-role"),
            user: s("user-02"),
        },
    );
    // Example 1 of the documentation: a project member.
    add(root(), add_member("project-a", user("user-01"), false));
    for page in [
        Page::ModelExperience,
        Page::Playground,
        Page::ModelFineTuning,
        Page::MyModels,
        Page::Application,
    ] {
        add(root(), grant_page("project-a", user("user-01"), page));
    }
    // A workspace administrator, appointed by the super administrator of example 2.
    add(admin(), add_member("project-prod", user("lead-01"), true));
    add(
        Who::user("lead-01"),
        add_member("project-prod", MemberName::Role(s("ops-role")), false),
    );
    for page in [Page::ModelObservation, Page::BatchInference, Page::ApiKey] {
        add(
            Who::user("lead-01"),
            grant_page("project-prod", MemberName::Role(s("ops-role")), page),
        );
    }
    add(root(), add_member("research", user("contractor"), false));
    add(root(), add_member("research", user("analyst"), false));
    add(root(), add_member("research", user("leaver"), false));
    // Models: what each sub-workspace may use, and how fast.
    for (workspace, model, call, fine_tune, deploy) in [
        ("project-a", "qwen-plus", true, false, false),
        ("project-a", "qwen-turbo", true, true, false),
        ("project-a", "qwen2.5-7b-instruct", true, true, true),
        ("project-prod", "qwen-max", true, false, false),
    ] {
        add(
            admin(),
            Command::AuthorizeModel {
                workspace: s(workspace),
                model: s(model),
                flags: ModelFlags {
                    call: Some(call),
                    fine_tune: Some(fine_tune),
                    deploy: Some(deploy),
                },
            },
        );
    }
    add(
        admin(),
        model_limits("project-a", "qwen-plus", Some(600), Some(100_000)),
    );
    add(
        admin(),
        model_limits("project-prod", "qwen-max", Some(300), None),
    );
    for (region, model, rpm) in [
        (Region::CnBeijing, "qwen-plus", 640),
        (Region::ApSoutheast1, "qwen-max", 200),
    ] {
        add(
            admin(),
            Command::SetAccountQuota {
                region,
                model: s(model),
                rpm,
            },
        );
    }
    // Keys in every status.
    add(admin(), create_key("project-a", "user-01", "project-a-app"));
    add(
        admin(),
        Command::SetIpWhitelist {
            key: s("project-a-app"),
            cidrs: vec![s("10.0.0.0/8"), s("192.168.1.10")],
        },
    );
    add(
        admin(),
        create_key("project-a", "user-01", "project-a-open"),
    );
    add(
        Who::user("lead-01"),
        create_key("project-prod", "lead-01", "prod-service"),
    );
    add(root(), create_key("project-prod", "root", "prod-root"));
    add(
        root(),
        create_key("research", "contractor", "research-contractor"),
    );
    add(root(), create_key("research", "leaver", "research-leaver"));
    add(root(), create_key("research", "root", "retired"));
    add(root(), Command::DeleteApiKey { key: s("retired") });
    add(
        root(),
        Command::RemoveMember {
            workspace: s("research"),
            member: user("contractor"),
        },
    );
    add(
        Who::user("ram-admin"),
        Command::DeleteUser { name: s("leaver") },
    );
    add(
        root(),
        Command::Activate {
            feature: Feature::AiGuardrails,
        },
    );
    // A key owned by a role: the team's batch jobs, through `ops-role` (Singapore, so the role
    // owns it; the key manager of project-prod makes it).
    add(
        Who::via("user-02", "ops-role"),
        Command::CreateApiKey {
            workspace: s("project-prod"),
            owner: KeyOwnerName::Role(s("ops-role")),
            key: s("prod-batch"),
        },
    );
    // Example 2 of the documentation: the administrator creates and deletes a workspace it never
    // joins; the key made in it dies with it.
    add(
        admin(),
        Command::CreateWorkspace {
            region: Region::UsEast1,
            name: s("sandbox"),
        },
    );
    add(admin(), add_member("sandbox", user("intern"), false));
    add(admin(), create_key("sandbox", "intern", "sandbox-trial"));
    add(
        admin(),
        Command::DeleteWorkspace {
            workspace: s("sandbox"),
        },
    );
    steps
}

/// The sample organisation on `today`.
pub fn sample_organisation(today: Date) -> State {
    organisation(sample_steps(), 2026, today)
}

/// The steps, as `root`, of a small account: workspace `w` (US) with `ann` (Playground granted),
/// `carl` (administrator) and the role `ops` (which `ann` may assume) as members; `bob` is no
/// member of it. The tests of the view crate and the console start from it.
pub fn small_steps() -> Vec<Command> {
    vec![
        Command::CreateWorkspace {
            region: Region::UsEast1,
            name: s("w"),
        },
        Command::CreateUser { name: s("ann") },
        Command::CreateUser { name: s("bob") },
        Command::CreateUser { name: s("carl") },
        Command::CreateRole { name: s("ops") },
        Command::TrustRole {
            role: s("ops"),
            user: s("ann"),
        },
        add_member("w", user("ann"), false),
        Command::GrantPage {
            workspace: s("w"),
            member: user("ann"),
            permission: Page::Playground,
        },
        add_member("w", user("carl"), true),
        add_member("w", MemberName::Role(s("ops")), false),
    ]
}

/// The name of the generated workspace number `at`.
fn ws_name(at: usize) -> String {
    format!("ws-{at:04}")
}

/// `create-workspace` of the generated workspace number `at`, the regions taken in turn.
fn create_generated_workspace(at: usize) -> Command {
    let region = Region::ALL
        .get(at % Region::ALL.len())
        .copied()
        .unwrap_or(Region::CnBeijing);
    Command::CreateWorkspace {
        region,
        name: ws_name(at),
    }
}

/// Steps all taken by `root`.
fn as_root(steps: Vec<Command>) -> Vec<(Who, Command)> {
    steps
        .into_iter()
        .map(|command| (Who::root(), command))
        .collect()
}

/// The steps of a generated organisation: `principals` users (one in ten also a role trusted by
/// the user before it), `workspaces` sub-workspaces spread over the regions, every principal a
/// member of one workspace with two page permissions (one in twenty an administrator), every
/// workspace calling two models with limits, and `keys` keys owned by members.
pub fn generated_steps(principals: usize, workspaces: usize, keys: usize) -> Vec<(Who, Command)> {
    let workspaces = workspaces.max(1);
    let mut steps = Vec::new();
    for at in 0..workspaces {
        steps.push(create_generated_workspace(at));
        for model in ["qwen-plus", "qwen-turbo"] {
            steps.push(Command::AuthorizeModel {
                workspace: ws_name(at),
                model: s(model),
                flags: ModelFlags {
                    call: Some(true),
                    fine_tune: Some(model == "qwen-turbo"),
                    deploy: None,
                },
            });
            steps.push(model_limits(
                &ws_name(at),
                model,
                Some(1_000),
                Some(1_000_000),
            ));
        }
    }
    let grantable: Vec<Page> = Page::ALL
        .iter()
        .copied()
        .filter(|p| p.is_grantable())
        .collect();
    for at in 0..principals {
        let name = format!("user-{at:06}");
        let workspace = ws_name(at % workspaces);
        steps.push(Command::CreateUser { name: name.clone() });
        steps.push(add_member(&workspace, user(&name), at % 20 == 0));
        for offset in [0, 3] {
            let page = grantable
                .get((at + offset) % grantable.len())
                .copied()
                .unwrap_or(Page::Playground);
            steps.push(grant_page(&workspace, user(&name), page));
        }
        if at % 10 == 9 {
            let role = format!("role-{at:06}");
            steps.push(Command::CreateRole { name: role.clone() });
            steps.push(Command::TrustRole {
                role: role.clone(),
                user: format!("user-{:06}", at - 1),
            });
            steps.push(add_member(
                &ws_name((at + 1) % workspaces),
                MemberName::Role(role),
                false,
            ));
        }
    }
    for at in 0..keys {
        let (workspace, owner) = if principals == 0 {
            (ws_name(0), s("root"))
        } else {
            (
                ws_name((at % principals) % workspaces),
                format!("user-{:06}", at % principals),
            )
        };
        steps.push(create_key(&workspace, &owner, &format!("key-{at:06}")));
    }
    as_root(steps)
}

/// The steps of a wide organisation: `users` users and `roles` roles (role `i` trusted by user
/// `i`, where there is one), `workspaces` sub-workspaces spread over the regions; every role a
/// member of one workspace, every seventh user a direct member of one, every workspace calling
/// `qwen-plus` with a request limit, and an account quota for it in every region. What a large
/// shared state looks like to the audit and the diff: many principals, many memberships.
pub fn wide_steps(users: usize, roles: usize, workspaces: usize) -> Vec<(Who, Command)> {
    let workspaces = workspaces.max(1);
    let mut steps = Vec::new();
    for region in Region::ALL {
        steps.push(Command::SetAccountQuota {
            region: *region,
            model: s("qwen-plus"),
            rpm: 1_000_000,
        });
    }
    for at in 0..workspaces {
        steps.push(create_generated_workspace(at));
        steps.push(authorize_call(&ws_name(at), "qwen-plus"));
        steps.push(model_limits(&ws_name(at), "qwen-plus", Some(100), None));
    }
    for at in 0..users {
        let name = format!("user-{at:06}");
        steps.push(Command::CreateUser { name: name.clone() });
        if at % 7 == 0 {
            steps.push(add_member(&ws_name(at % workspaces), user(&name), false));
        }
    }
    for at in 0..roles {
        let name = format!("role-{at:06}");
        steps.push(Command::CreateRole { name: name.clone() });
        if at < users {
            steps.push(Command::TrustRole {
                role: name.clone(),
                user: format!("user-{at:06}"),
            });
        }
        steps.push(add_member(
            &ws_name(at % workspaces),
            MemberName::Role(name),
            false,
        ));
    }
    as_root(steps)
}

/// The state `steps` make from a new account on `today`.
fn organisation(steps: Vec<(Who, Command)>, seed: u64, today: Date) -> State {
    let mut state = State::new_account(today);
    let mut entropy = SeededEntropy::new(seed);
    for (who, command) in steps {
        state.execute(&who, &command, &mut entropy);
    }
    state
}

/// A wide organisation (see [`wide_steps`]), as one checkpoint: its history is not kept.
pub fn wide_organisation(users: usize, roles: usize, workspaces: usize, today: Date) -> State {
    organisation(wide_steps(users, roles, workspaces), 7, today)
}

/// A generated organisation (see [`generated_steps`]).
pub fn generated_organisation(
    principals: usize,
    workspaces: usize,
    keys: usize,
    today: Date,
) -> State {
    organisation(generated_steps(principals, workspaces, keys), 7, today)
}

/// The whole permission matrix as the benchmarks walk it, natively and in the browser: every
/// page of every sub-workspace for each of the first 2,000 live members.
pub struct MatrixCells {
    members: Vec<Member>,
    workspaces: Vec<WorkspaceId>,
}

impl MatrixCells {
    /// The members and sub-workspaces of `state`.
    pub fn of(state: &State) -> MatrixCells {
        MatrixCells {
            members: state.live_members().take(2_000).collect(),
            workspaces: state
                .workspaces()
                .map(|(id, _)| id)
                .filter(|id| id.0 >= Region::ALL.len())
                .collect(),
        }
    }

    /// How many of the cells `state` lets its member operate, each decided afresh.
    pub fn operable(&self, state: &State) -> usize {
        let mut operable = 0usize;
        for member in &self.members {
            for workspace in &self.workspaces {
                for page in Page::ALL {
                    if state.page_access(Some(*member), *workspace, *page) == PageAccess::Operate {
                        operable += 1;
                    }
                }
            }
        }
        operable
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Outcome;
    use crate::vocab::FindingCode;

    #[test]
    fn every_sample_step_applies_and_every_finding_appears() {
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        for (who, command) in sample_steps() {
            let executed = state.execute(&who, &command, &mut entropy);
            assert_eq!(executed.outcome, Outcome::Ok, "{who} {command:?}");
        }
        let found: Vec<FindingCode> = state.audit().iter().map(|f| f.code).collect();
        for code in FindingCode::ALL {
            assert!(found.contains(code), "{code} missing from {found:?}");
        }
    }

    #[test]
    fn generated_organisations_apply_cleanly() {
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        for (who, command) in generated_steps(100, 7, 50) {
            let executed = state.execute(&who, &command, &mut entropy);
            assert_eq!(executed.outcome, Outcome::Ok, "{command:?}");
        }
        assert_eq!(state.live_users().count(), 100);
        assert_eq!(state.keys().count(), 50);
    }
}
