//! Property tests: the evaluator against a small, obviously correct reference written here from
//! SPEC.md over the plain data; default deny; who may change what; refused steps change nothing;
//! persistence round-trips; arbitrary input never panics.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // Test code: a panic is a failure.

use proptest::prelude::*;
use studio_access_core::scenario;
use studio_access_core::{
    Access, BillingAction, Caller, Check, Code, Command, Date, Feature, MemberName, ModelKind,
    Outcome, Owner, Page, Policy, Region, SeededEntropy, Stage, State, StateData, Who, persist,
};

const USERS: &[&str] = &["ann", "bob", "cid", "dee"];
const ROLES: &[&str] = &["ops", "dev"];
const WORKSPACES: &[&str] = &[
    "default@cn-beijing",
    "default@us-east-1",
    "w1",
    "w2",
    "w3",
    "nope",
];
const MODELS: &[&str] = &[
    "qwen-max",
    "qwen-plus",
    "qwen2.5-7b-instruct",
    "m-new",
    "nope",
];
const KEYS: &[&str] = &["k1", "k2", "k3", "k4"];
const IPS: &[&str] = &["10.0.0.1", "10.1.2.3", "192.168.1.1", "::1", "2001:db8::1"];
const CIDRS: &[&str] = &[
    "10.0.0.0/8",
    "10.0.0.1",
    "192.168.1.0/24",
    "::1",
    "2001:db8::/32",
    "10.0.0.0/33",
    "x",
];

fn today() -> Date {
    "2026-11-22".parse().unwrap()
}

fn pick<T: Clone + std::fmt::Debug + 'static>(items: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(items)
}

fn name(pool: &'static [&'static str]) -> impl Strategy<Value = String> {
    pick(pool).prop_map(str::to_owned)
}

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![
        3 => Just(Who::root()),
        4 => name(USERS).prop_map(|n| Who::user(&n)),
        2 => (name(USERS), name(ROLES)).prop_map(|(u, r)| Who::via(&u, &r)),
        1 => prop_oneof![Just(Who::via("root", "ops")), Just(Who::user("ops"))],
    ]
}

fn member() -> impl Strategy<Value = MemberName> {
    prop_oneof![
        3 => name(USERS).prop_map(MemberName::User),
        1 => name(ROLES).prop_map(MemberName::Role),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    let flag = || prop::option::of(any::<bool>());
    let limit = || prop::option::of(-1i64..50);
    prop_oneof![
        1 => name(USERS).prop_map(|name| Command::CreateUser { name }),
        1 => name(ROLES).prop_map(|name| Command::CreateRole { name }),
        1 => prop_oneof![name(USERS), Just("zed".to_owned()), Just("yan".to_owned())].prop_map(|name| Command::DeleteUser { name }),
        1 => name(ROLES).prop_map(|name| Command::DeleteRole { name }),
        3 => (name(ROLES), name(USERS)).prop_map(|(role, user)| Command::TrustRole { role, user }),
        1 => (name(ROLES), name(USERS)).prop_map(|(role, user)| Command::UntrustRole { role, user }),
        3 => (member(), pick(Policy::ALL)).prop_map(|(member, policy)| Command::AttachPolicy { member, policy }),
        1 => (member(), pick(Policy::ALL)).prop_map(|(member, policy)| Command::DetachPolicy { member, policy }),
        1 => (pick(Region::ALL), name(WORKSPACES))
            .prop_map(|(region, name)| Command::CreateWorkspace { region, name }),
        1 => (name(WORKSPACES), name(WORKSPACES))
            .prop_map(|(workspace, name)| Command::RenameWorkspace { workspace, name }),
        12 => (name(WORKSPACES), member(), any::<bool>())
            .prop_map(|(workspace, member, admin)| Command::AddMember { workspace, member, admin }),
        3 => (name(WORKSPACES), member()).prop_map(|(workspace, member)| Command::RemoveMember { workspace, member }),
        1 => (name(WORKSPACES), member(), any::<bool>())
            .prop_map(|(workspace, member, admin)| Command::SetAdmin { workspace, member, admin }),
        16 => (name(WORKSPACES), member(), pick(Page::ALL))
            .prop_map(|(workspace, member, permission)| Command::GrantPage { workspace, member, permission }),
        1 => (name(WORKSPACES), member(), pick(Page::ALL))
            .prop_map(|(workspace, member, permission)| Command::RevokePage { workspace, member, permission }),
        6 => (name(WORKSPACES), name(MODELS), flag(), flag(), flag()).prop_map(
            |(workspace, model, call, fine_tune, deploy)| Command::AuthorizeModel {
                workspace,
                model,
                call,
                fine_tune,
                deploy
            }
        ),
        1 => (name(WORKSPACES), name(MODELS), limit(), limit())
            .prop_map(|(workspace, model, rpm, tpm)| Command::SetModelLimits { workspace, model, rpm, tpm }),
        1 => (name(WORKSPACES), name(MODELS))
            .prop_map(|(workspace, model)| Command::ClearModelLimits { workspace, model }),
        1 => (pick(Region::ALL), name(MODELS), -1i64..100)
            .prop_map(|(region, model, rpm)| Command::SetAccountQuota { region, model, rpm }),
        1 => (name(MODELS), any::<bool>(), any::<bool>()).prop_map(|(model, fine_tunable, deployable)| {
            Command::AddModel { model, kind: ModelKind::Text, fine_tunable, deployable }
        }),
        12 => (name(WORKSPACES), prop_oneof![3 => name(USERS), 2 => Just("root".to_owned()), 1 => name(ROLES)], name(KEYS))
            .prop_map(|(workspace, owner, key)| Command::CreateApiKey { workspace, owner, key }),
        1 => name(KEYS).prop_map(|key| Command::DeleteApiKey { key }),
        4 => (name(KEYS), prop::collection::vec(name(CIDRS), 0..3))
            .prop_map(|(key, cidrs)| Command::SetIpWhitelist { key, cidrs }),
        1 => pick(Feature::ALL).prop_map(|feature| Command::Activate { feature }),
        1 => prop_oneof![Just("2026-03-24"), Just("2026-03-25"), Just("2026-13-01")]
            .prop_map(|date| Command::SetDate { date: date.to_owned() }),
    ]
}

/// Steps weighted towards building something: root acts most of the time.
fn history() -> impl Strategy<Value = Vec<(Who, Command)>> {
    prop::collection::vec(
        (prop_oneof![3 => Just(Who::root()), 1 => who()], command()),
        0..120,
    )
}

/// Users, roles and one sub-workspace per region, so that random steps mostly find what they
/// refer to.
fn setup() -> Vec<Command> {
    let mut steps: Vec<Command> = USERS
        .iter()
        .map(|n| Command::CreateUser { name: (*n).into() })
        .collect();
    steps.extend(
        ROLES
            .iter()
            .map(|n| Command::CreateRole { name: (*n).into() }),
    );
    for (region, name) in Region::ALL.iter().zip(["w1", "w2", "w3"]) {
        steps.push(Command::CreateWorkspace {
            region: *region,
            name: name.into(),
        });
    }
    steps
}

fn build(steps: &[(Who, Command)]) -> State {
    let mut state = State::new_account(today());
    let mut entropy = SeededEntropy::new(1);
    for command in setup() {
        assert_eq!(
            state.execute(&Who::root(), &command, &mut entropy).outcome,
            Outcome::Ok
        );
    }
    for (who, command) in steps {
        state.execute(who, command, &mut entropy);
    }
    state
}

fn check() -> impl Strategy<Value = Check> {
    let ip = || prop::option::of(pick(IPS).prop_map(|ip| ip.parse().unwrap()));
    prop_oneof![
        4 => (who(), name(WORKSPACES), pick(Page::ALL), pick(Access::ALL)).prop_map(
            |(who, workspace, page, access)| Check::OpenPage { who, workspace, page, access }
        ),
        1 => (who(), name(WORKSPACES), name(MODELS)).prop_map(|(who, workspace, model)| Check::CallModel {
            caller: Caller::Console { who, workspace },
            model
        }),
        1 => (name(KEYS), ip(), name(MODELS)).prop_map(|(key, ip, model)| Check::CallModel {
            caller: Caller::Key { key, ip },
            model
        }),
        1 => (who(), name(KEYS)).prop_map(|(who, key)| Check::ViewKey { who, key }),
        1 => (who(), pick(BillingAction::ALL)).prop_map(|(who, action)| Check::Billing { who, action }),
        1 => (who(), prop_oneof![Just("ListIndices"), Just("CreateIndex")])
            .prop_map(|(who, action)| Check::CallOpenapi { who, action: action.to_owned() }),
    ]
}

/// The reference: SPEC sections 2, 3, 5 and 6 over the plain data, written without the
/// evaluator's helpers.
mod reference {
    use super::*;
    use std::collections::BTreeMap;
    use studio_access_core::{Membership, WorkspaceId};

    pub enum Principal<'a> {
        Root,
        Member {
            user: usize,
            policies: Vec<Policy>,
            memberships: &'a BTreeMap<WorkspaceId, Membership>,
            via_role: bool,
        },
    }

    fn expand(attached: &[Policy]) -> Vec<Policy> {
        if attached.contains(&Policy::AdministratorAccess) {
            return Policy::ALL.to_vec();
        }
        let mut all = attached.to_vec();
        if all.contains(&Policy::AliyunBailianDataFullAccess) {
            all.push(Policy::AliyunBailianDataReadOnlyAccess);
        }
        all
    }

    pub fn resolve<'a>(data: &'a StateData, who: &Who) -> Result<Principal<'a>, &'static str> {
        if who.name == "root" {
            return if who.via.is_some() {
                Err("error:invalid-value")
            } else {
                Ok(Principal::Root)
            };
        }
        let user = data
            .users
            .iter()
            .position(|u| !u.deleted && u.name == who.name)
            .ok_or("deny:unknown-principal")?;
        match &who.via {
            None => {
                let u = &data.users[user];
                Ok(Principal::Member {
                    user,
                    policies: expand(&u.policies.iter().collect::<Vec<_>>()),
                    memberships: &u.memberships,
                    via_role: false,
                })
            }
            Some(role) => {
                let r = data
                    .roles
                    .iter()
                    .find(|r| !r.deleted && &r.name == role)
                    .ok_or("deny:unknown-principal")?;
                if !r.trusted.iter().any(|u| u.0 as usize == user) {
                    return Err("deny:cannot-assume-role");
                }
                Ok(Principal::Member {
                    user,
                    policies: expand(&r.policies.iter().collect::<Vec<_>>()),
                    memberships: &r.memberships,
                    via_role: true,
                })
            }
        }
    }

    fn workspace(data: &StateData, name: &str) -> Option<usize> {
        data.workspaces.iter().position(|w| w.name == name)
    }

    fn is_super(p: &Principal) -> bool {
        match p {
            Principal::Root => true,
            Principal::Member { policies, .. } => {
                policies.contains(&Policy::AliyunBailianFullAccess)
            }
        }
    }

    fn membership(p: &Principal, ws: usize) -> Option<Membership> {
        match p {
            Principal::Root => None,
            Principal::Member { memberships, .. } => {
                memberships.get(&WorkspaceId(ws as u32)).copied()
            }
        }
    }

    fn call_authorized(data: &StateData, ws: usize, model: &str) -> Result<(), &'static str> {
        let Some(m) = data.models.iter().position(|m| m.name == model) else {
            return Err("deny:unknown-model");
        };
        let w = &data.workspaces[ws];
        let call = w.default
            || w.models
                .get(&studio_access_core::ModelId(m as u32))
                .is_some_and(|a| a.call);
        if call {
            Ok(())
        } else {
            Err("deny:model-not-authorized")
        }
    }

    fn key_status(data: &StateData, key: &studio_access_core::ApiKey) -> Result<(), &'static str> {
        if key.deleted {
            return Err("deny:key-deleted");
        }
        if let Owner::User(u) = key.owner {
            let user = &data.users[u.0 as usize];
            if user.deleted {
                return Err("deny:key-owner-deleted");
            }
            if !user.memberships.contains_key(&key.workspace) {
                return Err("deny:key-suspended");
            }
        }
        Ok(())
    }

    pub fn answer(data: &StateData, check: &Check) -> String {
        let result: Result<(), &str> = (|| match check {
            Check::OpenPage {
                who,
                workspace: name,
                page,
                access,
            } => {
                let ws = workspace(data, name).ok_or("error:not-found")?;
                let p = resolve(data, who)?;
                if matches!(p, Principal::Root) {
                    return Ok(());
                }
                let m = membership(&p, ws).ok_or("deny:not-member")?;
                let restricted_ok = match page {
                    Page::ApiKey => m.admin || m.pages.contains(Page::ApiKey),
                    Page::Permissions => m.admin,
                    _ => true,
                };
                if !restricted_ok {
                    return Err("deny:page-restricted");
                }
                if *access == Access::View || m.admin || m.pages.contains(*page) {
                    Ok(())
                } else {
                    Err("deny:no-operation-permission")
                }
            }
            Check::CallModel {
                caller:
                    Caller::Console {
                        who,
                        workspace: name,
                    },
                model,
            } => {
                let ws = workspace(data, name).ok_or("error:not-found")?;
                let p = resolve(data, who)?;
                if !matches!(p, Principal::Root) {
                    let m = membership(&p, ws).ok_or("deny:not-member")?;
                    if !(m.admin || m.pages.contains(Page::ModelExperience)) {
                        return Err("deny:no-operation-permission");
                    }
                }
                call_authorized(data, ws, model)
            }
            Check::CallModel {
                caller: Caller::Key { key, ip },
                model,
            } => {
                let key = data
                    .keys
                    .iter()
                    .find(|k| &k.label == key)
                    .ok_or("deny:unknown-key")?;
                key_status(data, key)?;
                if !key.whitelist.is_empty() {
                    let ok = ip.is_some_and(|ip| key.whitelist.iter().any(|n| n.contains(&ip)));
                    if !ok {
                        return Err("deny:ip-not-allowed");
                    }
                }
                call_authorized(data, key.workspace.0 as usize, model)
            }
            Check::ViewKey { who, key } => {
                let key = data
                    .keys
                    .iter()
                    .find(|k| &k.label == key)
                    .ok_or("deny:unknown-key")?;
                let p = resolve(data, who)?;
                if is_super(&p) {
                    return Ok(());
                }
                let m = membership(&p, key.workspace.0 as usize);
                if m.is_some_and(|m| m.admin || m.pages.contains(Page::ApiKey)) {
                    return Ok(());
                }
                if let Principal::Member {
                    user,
                    via_role: false,
                    ..
                } = p
                {
                    let me = Owner::User(studio_access_core::UserId(user as u32));
                    if key.owner == me || key.created_for == me {
                        return Ok(());
                    }
                }
                Err("deny:no-key-permission")
            }
            Check::Billing { who, action } => {
                let p = resolve(data, who)?;
                let Principal::Member { policies, .. } = &p else {
                    return Ok(());
                };
                match action {
                    BillingAction::ViewBills
                        if policies.contains(&Policy::AliyunBssReadOnlyAccess) =>
                    {
                        Ok(())
                    }
                    BillingAction::ViewBills => Err("deny:no-billing-permission"),
                    _ if !policies.contains(&Policy::AliyunBssOrderAccess) => {
                        Err("deny:no-billing-permission")
                    }
                    _ if !is_super(&p) => Err("deny:not-super-admin"),
                    _ => Ok(()),
                }
            }
            Check::CallOpenapi { who, action } => {
                let p = resolve(data, who)?;
                let Principal::Member { policies, .. } = &p else {
                    return Ok(());
                };
                let full = policies.contains(&Policy::AliyunBailianDataFullAccess);
                let read = policies.contains(&Policy::AliyunBailianDataReadOnlyAccess);
                if !full && !read {
                    return Err("deny:no-openapi-permission");
                }
                if !full && action != "ListIndices" {
                    return Err("deny:openapi-read-only");
                }
                Ok(())
            }
            _ => Err("unsupported"),
        })();
        match result {
            Ok(()) => "allow".to_owned(),
            Err(outcome) => outcome.to_owned(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn evaluator_agrees_with_the_reference(steps in history(), checks in prop::collection::vec(check(), 1..60)) {
        let state = build(&steps);
        for check in &checks {
            let answer = state.check(check);
            prop_assert_eq!(answer.outcome.to_string(), reference::answer(state.data(), check), "{:?}", check);
            prop_assert_eq!(state.decide(check), answer.outcome);
            let last = answer.trace.last();
            if let Outcome::Deny(_) = answer.outcome {
                prop_assert!(last.is_some_and(|step| !step.passed), "a denial ends on a failed gate");
            }
            if answer.outcome == Outcome::Allow {
                prop_assert!(answer.trace.iter().all(|step| step.passed));
            }
        }
    }

    #[test]
    fn refused_steps_change_nothing(steps in history(), who in who(), command in command()) {
        let mut state = build(&steps);
        let before = state.clone();
        let executed = state.execute(&who, &command, &mut SeededEntropy::new(9));
        if executed.outcome != Outcome::Ok {
            prop_assert_eq!(&state, &before);
        }
        if executed.outcome == Outcome::Ok && state == before {
            prop_assert!(state.plan(&who, &command).is_ok());
        }
    }

    #[test]
    fn only_super_administrators_manage_models(steps in history(), who in who(), command in command()) {
        let mut state = build(&steps);
        let acting = state.resolve(&who);
        let is_super = acting.is_ok_and(|a| state.is_super_admin(a));
        let model_step = matches!(
            command,
            Command::AuthorizeModel { .. } | Command::SetModelLimits { .. } | Command::ClearModelLimits { .. }
                | Command::SetAccountQuota { .. } | Command::AddModel { .. } | Command::CreateWorkspace { .. }
        );
        let before = state.clone();
        let executed = state.execute(&who, &command, &mut SeededEntropy::new(3));
        if model_step && !is_super {
            prop_assert_eq!(&state, &before);
            prop_assert!(executed.outcome != Outcome::Ok, "{:?} as {} came to ok", command, who);
        }
    }

    #[test]
    fn workspace_administrators_act_only_where_they_administer(steps in history(), user in name(USERS), command in command()) {
        let mut state = build(&steps);
        let who = Who::user(&user);
        let Ok(acting) = state.resolve(&who) else { return Ok(()) };
        if state.is_super_admin(acting) {
            return Ok(());
        }
        let target = match &command {
            Command::AddMember { workspace, .. } | Command::RemoveMember { workspace, .. }
            | Command::SetAdmin { workspace, .. } | Command::GrantPage { workspace, .. }
            | Command::RevokePage { workspace, .. } => workspace.clone(),
            _ => return Ok(()),
        };
        let Some(ws) = state.workspace_id(&target) else { return Ok(()) };
        let administers = state.is_workspace_admin(acting, ws);
        let executed = state.execute(&who, &command, &mut SeededEntropy::new(3));
        if !administers {
            prop_assert!(executed.outcome != Outcome::Ok, "{:?} acted in {}", command, target);
        }
    }

    #[test]
    fn non_members_are_denied_by_default(page in pick(Page::ALL), access in pick(Access::ALL), workspace in name(WORKSPACES)) {
        let mut state = State::new_account(today());
        let mut entropy = SeededEntropy::new(1);
        state.execute(&Who::root(), &Command::CreateUser { name: "ann".into() }, &mut entropy);
        let check = Check::OpenPage { who: Who::user("ann"), workspace: workspace.clone(), page, access };
        let expected = if state.workspace_id(&workspace).is_some() { Outcome::Deny(Code::NotMember) } else { Outcome::Error(Code::NotFound) };
        prop_assert_eq!(state.decide(&check), expected);
    }

    #[test]
    fn persistence_round_trips(steps in history()) {
        let state = build(&steps);
        let text = persist::to_json(&state);
        prop_assert_eq!(persist::from_json(&text).unwrap(), state.clone());
        let replayed = State::replay(state.data().origin, &state.data().events).unwrap();
        prop_assert_eq!(&replayed, &state);
        let kept = state.data().events.len();
        prop_assert_eq!(state.replay_kept(kept).unwrap(), state.clone());
        if let Some(last) = state.data().events.last() {
            let mut undone = state.replay_kept(kept - 1).unwrap();
            undone.reapply(last).unwrap();
            prop_assert_eq!(undone, state);
        }
    }

    #[test]
    fn arbitrary_scenario_text_never_panics(text in ".{0,400}") {
        if let Ok(parsed) = scenario::parse("fuzz.toml", &text) {
            scenario::run(&parsed, today());
        }
    }

    #[test]
    fn arbitrary_scenario_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(parsed) = scenario::parse("fuzz.toml", &text) {
            scenario::run(&parsed, today());
        }
    }

    #[test]
    fn mutated_scenarios_never_panic(cut in 0usize..2000, insert in "[\\[\\]=\"a-z0-9 \n#{},.:-]{0,12}") {
        let mut text = EXAMPLE.to_owned();
        let at = (cut % (text.len() + 1)).min(text.len());
        let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        text.insert_str(at, &insert);
        if let Ok(parsed) = scenario::parse("fuzz.toml", &text) {
            scenario::run(&parsed, today());
        }
    }

    #[test]
    fn arbitrary_stored_state_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = persist::from_json(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_stored_state_never_panics(steps in history(), cut in any::<prop::sample::Index>(), insert in "[\\[\\]{}\":,0-9a-z-]{0,8}") {
        let mut text = persist::to_json(&build(&steps));
        let at = cut.index(text.len() + 1);
        let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        text.insert_str(at, &insert);
        if let Ok(state) = persist::from_json(&text) {
            // Whatever loads must answer questions without panicking.
            state.audit();
            for check in [
                Check::OpenPage { who: Who::user("ann"), workspace: "w1".into(), page: Page::ApiKey, access: Access::Operate },
                Check::CallModel { caller: Caller::Key { key: "k1".into(), ip: None }, model: "qwen-plus".into() },
            ] {
                state.check(&check);
            }
        }
    }
}

const EXAMPLE: &str = r#"today = "2026-11-22"
[[step]]
op = "create-workspace"
region = "ap-southeast-1"
name = "p"
[[step]]
op = "create-user"
name = "u"
[[step]]
op = "add-member"
workspace = "p"
user = "u"
admin = true
[[step]]
op = "authorize-model"
workspace = "p"
model = "qwen-plus"
call = true
[[step]]
op = "set-model-limits"
workspace = "p"
model = "qwen-plus"
rpm = 6
[[step]]
as = "u"
op = "create-api-key"
workspace = "p"
owner = "u"
key = "k1"
[[step]]
op = "load"
model = "qwen-plus"
traffic = [{ key = "k1", requests = 7, tokens = 100, ip = "10.0.0.1" }]
expect = "deny:rate-limited"
allowed = 6
[[step]]
op = "audit"
contains = ["no-ip-whitelist"]
"#;

#[test]
fn a_refusal_names_its_stage() {
    let mut state = State::new_account(today());
    let refusal = state
        .plan(
            &Who::user("ghost"),
            &Command::CreateUser { name: "x".into() },
        )
        .unwrap_err();
    assert_eq!(refusal.stage, Stage::Resolution);
    assert_eq!(refusal.outcome, Outcome::Deny(Code::UnknownPrincipal));
    let executed = state.execute(
        &Who::root(),
        &Command::SetDate {
            date: "someday".into(),
        },
        &mut SeededEntropy::new(1),
    );
    assert_eq!(executed.outcome, Outcome::Error(Code::InvalidValue));
    assert_eq!(executed.refusal.unwrap().stage, Stage::Validation);
}

#[test]
#[ignore = "prints how varied the generated questions are; run by hand when changing generators"]
fn outcome_spread() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::default();
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..200 {
        let steps = history().new_tree(&mut runner).unwrap().current();
        let state = build(&steps);
        for _ in 0..40 {
            let check = check().new_tree(&mut runner).unwrap().current();
            *counts
                .entry(format!("{} {}", check.op(), state.decide(&check)))
                .or_insert(0) += 1;
        }
    }
    for (outcome, count) in counts {
        println!("{count:6} {outcome}");
    }
}
