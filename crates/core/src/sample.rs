//! Ready-made organisations: a small sample that exercises every feature (every audit finding,
//! roles, limits, quotas, keys in every status, a role-owned key, a deleted workspace), and large
//! generated ones for benchmarks.
//! Both are built through commands, so their activity logs are real.

use crate::command::{Command, KeyOwnerName, MemberName};
use crate::date::Date;
use crate::keys::SeededEntropy;
use crate::principal::Who;
use crate::state::State;
use crate::vocab::{Feature, Page, Policy, Region};

fn user(name: &str) -> MemberName {
    MemberName::User(name.to_owned())
}

fn s(text: &str) -> String {
    text.to_owned()
}

/// The steps of the sample organisation, each with who takes it.
pub fn sample_steps() -> Vec<(Who, Command)> {
    let root = Who::root;
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
    add(
        root(),
        Command::AddMember {
            workspace: s("project-a"),
            member: user("user-01"),
            admin: false,
        },
    );
    for page in [
        Page::ModelExperience,
        Page::Playground,
        Page::ModelFineTuning,
        Page::MyModels,
        Page::Application,
    ] {
        add(
            root(),
            Command::GrantPage {
                workspace: s("project-a"),
                member: user("user-01"),
                permission: page,
            },
        );
    }
    // A workspace administrator, appointed by the super administrator of example 2.
    add(
        Who::user("admin-01"),
        Command::AddMember {
            workspace: s("project-prod"),
            member: user("lead-01"),
            admin: true,
        },
    );
    add(
        Who::user("lead-01"),
        Command::AddMember {
            workspace: s("project-prod"),
            member: MemberName::Role(s("ops-role")),
            admin: false,
        },
    );
    for page in [Page::ModelObservation, Page::BatchInference, Page::ApiKey] {
        add(
            Who::user("lead-01"),
            Command::GrantPage {
                workspace: s("project-prod"),
                member: MemberName::Role(s("ops-role")),
                permission: page,
            },
        );
    }
    add(
        root(),
        Command::AddMember {
            workspace: s("research"),
            member: user("contractor"),
            admin: false,
        },
    );
    add(
        root(),
        Command::AddMember {
            workspace: s("research"),
            member: user("analyst"),
            admin: false,
        },
    );
    add(
        root(),
        Command::AddMember {
            workspace: s("research"),
            member: user("leaver"),
            admin: false,
        },
    );
    // Models: what each sub-workspace may use, and how fast.
    let authorize = |workspace: &str, model: &str, call: bool, fine_tune: bool, deploy: bool| {
        Command::AuthorizeModel {
            workspace: s(workspace),
            model: s(model),
            call: Some(call),
            fine_tune: Some(fine_tune),
            deploy: Some(deploy),
        }
    };
    add(
        Who::user("admin-01"),
        authorize("project-a", "qwen-plus", true, false, false),
    );
    add(
        Who::user("admin-01"),
        authorize("project-a", "qwen-turbo", true, true, false),
    );
    add(
        Who::user("admin-01"),
        authorize("project-a", "qwen2.5-7b-instruct", true, true, true),
    );
    add(
        Who::user("admin-01"),
        authorize("project-prod", "qwen-max", true, false, false),
    );
    add(
        Who::user("admin-01"),
        Command::SetModelLimits {
            workspace: s("project-a"),
            model: s("qwen-plus"),
            rpm: Some(600),
            tpm: Some(100_000),
        },
    );
    add(
        Who::user("admin-01"),
        Command::SetModelLimits {
            workspace: s("project-prod"),
            model: s("qwen-max"),
            rpm: Some(300),
            tpm: None,
        },
    );
    add(
        Who::user("admin-01"),
        Command::SetAccountQuota {
            region: Region::CnBeijing,
            model: s("qwen-plus"),
            rpm: 640,
        },
    );
    add(
        Who::user("admin-01"),
        Command::SetAccountQuota {
            region: Region::ApSoutheast1,
            model: s("qwen-max"),
            rpm: 200,
        },
    );
    // Keys in every status.
    add(
        Who::user("admin-01"),
        Command::CreateApiKey {
            workspace: s("project-a"),
            owner: KeyOwnerName::Named(s("user-01")),
            key: s("project-a-app"),
        },
    );
    add(
        Who::user("admin-01"),
        Command::SetIpWhitelist {
            key: s("project-a-app"),
            cidrs: vec![s("10.0.0.0/8"), s("192.168.1.10")],
        },
    );
    add(
        Who::user("admin-01"),
        Command::CreateApiKey {
            workspace: s("project-a"),
            owner: KeyOwnerName::Named(s("user-01")),
            key: s("project-a-open"),
        },
    );
    add(
        Who::user("lead-01"),
        Command::CreateApiKey {
            workspace: s("project-prod"),
            owner: KeyOwnerName::Named(s("lead-01")),
            key: s("prod-service"),
        },
    );
    add(
        root(),
        Command::CreateApiKey {
            workspace: s("project-prod"),
            owner: KeyOwnerName::Named(s("root")),
            key: s("prod-root"),
        },
    );
    add(
        root(),
        Command::CreateApiKey {
            workspace: s("research"),
            owner: KeyOwnerName::Named(s("contractor")),
            key: s("research-contractor"),
        },
    );
    add(
        root(),
        Command::CreateApiKey {
            workspace: s("research"),
            owner: KeyOwnerName::Named(s("leaver")),
            key: s("research-leaver"),
        },
    );
    add(
        root(),
        Command::CreateApiKey {
            workspace: s("research"),
            owner: KeyOwnerName::Named(s("root")),
            key: s("retired"),
        },
    );
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
        Who::user("admin-01"),
        Command::CreateWorkspace {
            region: Region::UsEast1,
            name: s("sandbox"),
        },
    );
    add(
        Who::user("admin-01"),
        Command::AddMember {
            workspace: s("sandbox"),
            member: user("intern"),
            admin: false,
        },
    );
    add(
        Who::user("admin-01"),
        Command::CreateApiKey {
            workspace: s("sandbox"),
            owner: KeyOwnerName::Named(s("intern")),
            key: s("sandbox-trial"),
        },
    );
    add(
        Who::user("admin-01"),
        Command::DeleteWorkspace {
            workspace: s("sandbox"),
        },
    );
    steps
}

/// The sample organisation on `today`.
pub fn sample_organisation(today: Date) -> State {
    let mut state = State::new_account(today);
    let mut entropy = SeededEntropy::new(2026);
    for (who, command) in sample_steps() {
        state.execute(&who, &command, &mut entropy);
    }
    state
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
        Command::AddMember {
            workspace: s("w"),
            member: user("ann"),
            admin: false,
        },
        Command::GrantPage {
            workspace: s("w"),
            member: user("ann"),
            permission: Page::Playground,
        },
        Command::AddMember {
            workspace: s("w"),
            member: user("carl"),
            admin: true,
        },
        Command::AddMember {
            workspace: s("w"),
            member: MemberName::Role(s("ops")),
            admin: false,
        },
    ]
}

/// The steps of a generated organisation: `principals` users (one in ten also a role trusted by
/// the user before it), `workspaces` sub-workspaces spread over the regions, every principal a
/// member of one workspace with two page permissions (one in twenty an administrator), every
/// workspace calling two models with limits, and `keys` keys owned by members.
pub fn generated_steps(principals: usize, workspaces: usize, keys: usize) -> Vec<(Who, Command)> {
    let root = Who::root();
    let workspaces = workspaces.max(1);
    let ws_name = |at: usize| format!("ws-{at:04}");
    let mut steps = Vec::new();
    for at in 0..workspaces {
        let region = Region::ALL
            .get(at % Region::ALL.len())
            .copied()
            .unwrap_or(Region::CnBeijing);
        steps.push((
            root.clone(),
            Command::CreateWorkspace {
                region,
                name: ws_name(at),
            },
        ));
        for model in ["qwen-plus", "qwen-turbo"] {
            steps.push((
                root.clone(),
                Command::AuthorizeModel {
                    workspace: ws_name(at),
                    model: s(model),
                    call: Some(true),
                    fine_tune: Some(model == "qwen-turbo"),
                    deploy: None,
                },
            ));
            steps.push((
                root.clone(),
                Command::SetModelLimits {
                    workspace: ws_name(at),
                    model: s(model),
                    rpm: Some(1_000),
                    tpm: Some(1_000_000),
                },
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
        steps.push((root.clone(), Command::CreateUser { name: name.clone() }));
        steps.push((
            root.clone(),
            Command::AddMember {
                workspace: workspace.clone(),
                member: user(&name),
                admin: at % 20 == 0,
            },
        ));
        for offset in [0, 3] {
            let page = grantable
                .get((at + offset) % grantable.len())
                .copied()
                .unwrap_or(Page::Playground);
            steps.push((
                root.clone(),
                Command::GrantPage {
                    workspace: workspace.clone(),
                    member: user(&name),
                    permission: page,
                },
            ));
        }
        if at % 10 == 9 {
            let role = format!("role-{at:06}");
            steps.push((root.clone(), Command::CreateRole { name: role.clone() }));
            steps.push((
                root.clone(),
                Command::TrustRole {
                    role: role.clone(),
                    user: format!("user-{:06}", at - 1),
                },
            ));
            steps.push((
                root.clone(),
                Command::AddMember {
                    workspace: ws_name((at + 1) % workspaces),
                    member: MemberName::Role(role),
                    admin: false,
                },
            ));
        }
    }
    for at in 0..keys {
        let owner = if principals == 0 {
            s("root")
        } else {
            format!("user-{:06}", at % principals)
        };
        let workspace = if principals == 0 {
            ws_name(0)
        } else {
            ws_name((at % principals) % workspaces)
        };
        steps.push((
            root.clone(),
            Command::CreateApiKey {
                workspace,
                owner: KeyOwnerName::Named(owner),
                key: format!("key-{at:06}"),
            },
        ));
    }
    steps
}

/// The steps of a wide organisation: `users` users and `roles` roles (role `i` trusted by user
/// `i`, where there is one), `workspaces` sub-workspaces spread over the regions; every role a
/// member of one workspace, every seventh user a direct member of one, every workspace calling
/// `qwen-plus` with a request limit, and an account quota for it in every region. What a large
/// shared state looks like to the audit and the diff: many principals, many memberships.
pub fn wide_steps(users: usize, roles: usize, workspaces: usize) -> Vec<(Who, Command)> {
    let root = Who::root();
    let workspaces = workspaces.max(1);
    let ws_name = |at: usize| format!("ws-{at:04}");
    let mut steps = Vec::new();
    for region in Region::ALL {
        steps.push((
            root.clone(),
            Command::SetAccountQuota {
                region: *region,
                model: s("qwen-plus"),
                rpm: 1_000_000,
            },
        ));
    }
    for at in 0..workspaces {
        let region = Region::ALL
            .get(at % Region::ALL.len())
            .copied()
            .unwrap_or(Region::CnBeijing);
        steps.push((
            root.clone(),
            Command::CreateWorkspace {
                region,
                name: ws_name(at),
            },
        ));
        steps.push((
            root.clone(),
            Command::AuthorizeModel {
                workspace: ws_name(at),
                model: s("qwen-plus"),
                call: Some(true),
                fine_tune: None,
                deploy: None,
            },
        ));
        steps.push((
            root.clone(),
            Command::SetModelLimits {
                workspace: ws_name(at),
                model: s("qwen-plus"),
                rpm: Some(100),
                tpm: None,
            },
        ));
    }
    for at in 0..users {
        let name = format!("user-{at:06}");
        steps.push((root.clone(), Command::CreateUser { name: name.clone() }));
        if at % 7 == 0 {
            steps.push((
                root.clone(),
                Command::AddMember {
                    workspace: ws_name(at % workspaces),
                    member: user(&name),
                    admin: false,
                },
            ));
        }
    }
    for at in 0..roles {
        let name = format!("role-{at:06}");
        steps.push((root.clone(), Command::CreateRole { name: name.clone() }));
        if at < users {
            steps.push((
                root.clone(),
                Command::TrustRole {
                    role: name.clone(),
                    user: format!("user-{at:06}"),
                },
            ));
        }
        steps.push((
            root.clone(),
            Command::AddMember {
                workspace: ws_name(at % workspaces),
                member: MemberName::Role(name),
                admin: false,
            },
        ));
    }
    steps
}

/// A wide organisation (see [`wide_steps`]), as one checkpoint: its history is not kept.
pub fn wide_organisation(users: usize, roles: usize, workspaces: usize, today: Date) -> State {
    let mut state = State::new_account(today);
    let mut entropy = SeededEntropy::new(7);
    for (who, command) in wide_steps(users, roles, workspaces) {
        state.execute(&who, &command, &mut entropy);
    }
    state
}

/// A generated organisation (see [`generated_steps`]).
pub fn generated_organisation(
    principals: usize,
    workspaces: usize,
    keys: usize,
    today: Date,
) -> State {
    let mut state = State::new_account(today);
    let mut entropy = SeededEntropy::new(7);
    for (who, command) in generated_steps(principals, workspaces, keys) {
        state.execute(&who, &command, &mut entropy);
    }
    state
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
