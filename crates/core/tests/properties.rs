//! Property tests: the evaluator and the planner against a plain reference written from SPEC.md
//! alone over the stored data (`reference/mod.rs`); default deny; who may change what; refused
//! steps change nothing; persistence round-trips; arbitrary input never panics.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // Test code: a panic is a failure.

use proptest::prelude::*;
use studio_access_core::sample;
use studio_access_core::scenario;
use studio_access_core::{
    Access, BillingAction, Caller, Check, Code, Command, Date, Feature, KeyOwnerName, MemberName,
    ModelFlags, ModelKind, Outcome, Page, Policy, Region, SeededEntropy, Stage, State, StateData,
    Who, persist,
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
    "项目A",
];
const MODELS: &[&str] = &[
    "qwen-max",
    "qwen-plus",
    "qwen2.5-7b-instruct",
    "m-new",
    "nope",
];
const KEYS: &[&str] = &["k1", "k2", "k3", "k4"];
const IPS: &[&str] = &[
    "10.0.0.1",
    "10.1.2.3",
    "192.168.1.1",
    "::1",
    "2001:db8::1",
    "::ffff:10.0.0.1",
];
const CIDRS: &[&str] = &[
    "10.0.0.0/8",
    "10.0.0.1",
    "192.168.1.0/24",
    "::1",
    "2001:db8::/32",
    "10.0.0.0/33",
    "x",
    "0.0.0.0/0",
    "::ffff:10.0.0.0/104",
    "10.0.0.0/+8",
    "10.0.0.0/",
    "2001:db8::/129",
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
        1 => new_principal_name(USERS).prop_map(|name| Command::CreateUser { name }),
        1 => new_principal_name(ROLES).prop_map(|name| Command::CreateRole { name }),
        1 => prop_oneof![name(USERS), Just("zed".to_owned()), Just("yan".to_owned())].prop_map(|name| Command::DeleteUser { name }),
        1 => name(ROLES).prop_map(|name| Command::DeleteRole { name }),
        3 => (name(ROLES), name(USERS)).prop_map(|(role, user)| Command::TrustRole { role, user }),
        1 => (name(ROLES), name(USERS)).prop_map(|(role, user)| Command::UntrustRole { role, user }),
        3 => (member(), pick(Policy::ALL)).prop_map(|(member, policy)| Command::AttachPolicy { member, policy }),
        1 => (member(), pick(Policy::ALL)).prop_map(|(member, policy)| Command::DetachPolicy { member, policy }),
        1 => (pick(Region::ALL), new_workspace_name())
            .prop_map(|(region, name)| Command::CreateWorkspace { region, name }),
        1 => (name(WORKSPACES), new_workspace_name())
            .prop_map(|(workspace, name)| Command::RenameWorkspace { workspace, name }),
        1 => name(WORKSPACES).prop_map(|workspace| Command::DeleteWorkspace { workspace }),
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
                flags: ModelFlags { call, fine_tune, deploy },
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
        12 => (name(WORKSPACES), key_owner(), new_key_label())
            .prop_map(|(workspace, owner, key)| Command::CreateApiKey { workspace, owner, key }),
        1 => name(KEYS).prop_map(|key| Command::DeleteApiKey { key }),
        4 => (name(KEYS), prop::collection::vec(name(CIDRS), 0..3))
            .prop_map(|(key, cidrs)| Command::SetIpWhitelist { key, cidrs }),
        1 => pick(Feature::ALL).prop_map(|feature| Command::Activate { feature }),
        1 => prop_oneof![Just("2026-03-24"), Just("2026-03-25"), Just("2026-13-01"), Just("2026-02-29"), Just("2028-02-29"), Just("2100-02-29"), Just("2000-02-29"), Just("2026-3-25")]
            .prop_map(|date| Command::SetDate { date: date.to_owned() }),
    ]
}

/// Names that break a name rule of SPEC section 1 (or pass it only for workspaces and labels).
const ODD_NAMES: &[&str] = &[
    "项目A",
    "a b",
    "ann ",
    " w1",
    "w1 ",
    "w\u{200B}1",
    "",
    "x@y",
    "root",
    "Root",
    "default@cn-beijing",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项",
    "项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项项",
    "a\tb",
    "a\u{A0}b",
    "ab\u{202E}",
    "a\u{1F600}",
    "\u{FF11}",
    "\u{0967}\u{0968}",
    "\u{216B}",
    "Zoë.o_k-1",
];

/// A name for a new user or role: mostly the usual pool, sometimes an odd one.
fn new_principal_name(pool: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![6 => name(pool), 1 => name(ODD_NAMES)]
}

/// A name for a new or renamed workspace.
fn new_workspace_name() -> impl Strategy<Value = String> {
    prop_oneof![4 => name(WORKSPACES), 1 => name(ODD_NAMES)]
}

/// A label for a new key.
fn new_key_label() -> impl Strategy<Value = String> {
    prop_oneof![8 => name(KEYS), 1 => name(ODD_NAMES)]
}

/// The owner a `create-api-key` names: a user, `root`, a name that is only a role's, a role, or
/// nothing at all.
fn key_owner() -> impl Strategy<Value = KeyOwnerName> {
    prop_oneof![
        4 => name(USERS).prop_map(KeyOwnerName::Named),
        2 => Just(KeyOwnerName::Named("root".to_owned())),
        1 => name(ROLES).prop_map(KeyOwnerName::Named),
        3 => name(ROLES).prop_map(KeyOwnerName::Role),
        1 => prop_oneof![Just("ghost"), Just("root")].prop_map(|n| KeyOwnerName::Role(n.to_owned())),
        1 => Just(KeyOwnerName::Named("ghost".to_owned())),
        // `Root` is a valid name for a user and for a role alike: `owner` then names the user.
        1 => Just(KeyOwnerName::Named("Root".to_owned())),
    ]
}

/// Steps weighted towards building something: root acts most of the time.
fn history() -> impl Strategy<Value = Vec<(Who, Command)>> {
    prop::collection::vec(
        (prop_oneof![3 => Just(Who::root()), 1 => who()], command()),
        0..120,
    )
}

/// A history that starts by giving a few users and roles a membership and a key (with dates
/// either side of the Beijing rule), so that checks and steps about keys meet live, suspended and
/// dead keys, then goes on as [`history`].
fn keyed_history() -> impl Strategy<Value = Vec<(Who, Command)>> {
    let owned = (
        name(&["w1", "w2", "w3", "default@us-east-1", "default@cn-beijing"]),
        member(),
        name(KEYS),
        any::<bool>(),
    );
    (prop::collection::vec(owned, 0..5), history()).prop_map(|(owned, rest)| {
        let mut steps = Vec::new();
        for (workspace, member, key, before_the_beijing_rule) in owned {
            let date = if before_the_beijing_rule {
                "2026-03-24"
            } else {
                "2026-11-22"
            };
            let owner = match &member {
                MemberName::User(name) => KeyOwnerName::Named(name.clone()),
                MemberName::Role(name) => KeyOwnerName::Role(name.clone()),
            };
            steps.push((
                Who::root(),
                Command::SetDate {
                    date: date.to_owned(),
                },
            ));
            steps.push((
                Who::root(),
                Command::AddMember {
                    workspace: workspace.clone(),
                    member,
                    admin: false,
                },
            ));
            steps.push((
                Who::root(),
                Command::CreateApiKey {
                    workspace,
                    owner,
                    key,
                },
            ));
        }
        steps.extend(rest);
        steps
    })
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
        1 => (who(), name(WORKSPACES), name(MODELS))
            .prop_map(|(who, workspace, model)| Check::BatchInference { who, workspace, model }),
        1 => (who(), name(WORKSPACES), name(MODELS)).prop_map(|(who, workspace, model)| Check::FineTune {
            caller: Caller::Console { who, workspace },
            model
        }),
        1 => (name(KEYS), ip(), name(MODELS)).prop_map(|(key, ip, model)| Check::FineTune {
            caller: Caller::Key { key, ip },
            model
        }),
        1 => (who(), name(WORKSPACES), name(MODELS), any::<bool>()).prop_map(
            |(who, workspace, model, fine_tuned)| Check::Deploy { who, workspace, model, fine_tuned }
        ),
        1 => (who(), name(KEYS)).prop_map(|(who, key)| Check::ViewKey { who, key }),
        1 => (who(), pick(BillingAction::ALL)).prop_map(|(who, action)| Check::Billing { who, action }),
        2 => (who(), name(OPENAPI_ACTIONS), prop::option::of(openapi_workspace()))
            .prop_map(|(who, action, workspace)| Check::CallOpenapi { who, action, workspace }),
        1 => who().prop_map(|who| Check::OpenSystemAdministration { who }),
        1 => (who(), pick(Feature::ALL)).prop_map(|(who, feature)| Check::UseFeature { who, feature }),
    ]
}

const OPENAPI_ACTIONS: &[&str] = &[
    "ListIndices",
    "ListMemories",
    "DescribeFile",
    "CreateIndex",
    "GetRetrievePromptPipelineMaxLimit",
    "listindices",
];

/// The workspace of a `call-openapi`: a name, or `#id:N`, the ID of the N-th workspace of the
/// built state (deleted ones included), put in by [`with_workspace_ids`], or an ID of none.
fn openapi_workspace() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => name(WORKSPACES),
        3 => (0usize..8).prop_map(|n| format!("#id:{n}")),
        1 => Just("llm-0000000000000000".to_owned()),
    ]
}

/// The check with every `#id:N` of [`openapi_workspace`] replaced by that workspace's ID.
fn with_workspace_ids(data: &StateData, check: Check) -> Check {
    match check {
        Check::CallOpenapi {
            who,
            action,
            workspace: Some(text),
        } if text.starts_with("#id:") => {
            let n: usize = text["#id:".len()..].parse().unwrap();
            let id = data
                .workspaces
                .get(n)
                .map_or_else(|| "llm-zzzzzzzzzzzzzzzz".to_owned(), |w| w.id.clone());
            Check::CallOpenapi {
                who,
                action,
                workspace: Some(id),
            }
        }
        other => other,
    }
}

/// The reference: SPEC sections 2 to 6 over the plain data, written from SPEC.md alone without
/// the evaluator's or the planner's helpers.
mod reference;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn evaluator_agrees_with_the_reference(steps in keyed_history(), checks in prop::collection::vec(check(), 1..60)) {
        let state = build(&steps);
        // The reference reads a key's stored owner: it must be the one section 5 gives.
        for key in &state.data().keys {
            prop_assert_eq!(key.owner, reference::expected_key_owner(state.data(), key), "{:?}", key);
        }
        for check in checks {
            let check = &with_workspace_ids(state.data(), check);
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
    fn steps_agree_with_the_reference(
        steps in keyed_history(),
        commands in prop::collection::vec((who(), command()), 1..40),
    ) {
        // Planning changes nothing, so every command is asked of the same state.
        let state = build(&steps);
        for (who, command) in &commands {
            let expected = reference::step_outcome(state.data(), who, command);
            let actual = match state.plan(who, command) {
                Ok(_) => "ok".to_owned(),
                Err(refusal) => refusal.outcome.to_string(),
            };
            prop_assert_eq!(actual, expected, "{:?} as {}", command, who);
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

/// Every name of the pools, odd ones included, in every step that takes a new name: the name rules
/// of SPEC section 1 as the reference reads them.
#[test]
fn name_rules_agree_with_the_reference() {
    let state = build(&[]);
    let names = ODD_NAMES
        .iter()
        .chain(USERS)
        .chain(ROLES)
        .chain(WORKSPACES)
        .chain(KEYS);
    for name in names {
        let name = (*name).to_owned();
        for command in [
            Command::CreateUser { name: name.clone() },
            Command::CreateRole { name: name.clone() },
            Command::CreateWorkspace {
                region: Region::ApSoutheast1,
                name: name.clone(),
            },
            Command::RenameWorkspace {
                workspace: "w2".into(),
                name: name.clone(),
            },
            Command::CreateApiKey {
                workspace: "w1".into(),
                owner: KeyOwnerName::Named("root".into()),
                key: name.clone(),
            },
        ] {
            let actual = match state.plan(&Who::root(), &command) {
                Ok(_) => "ok".to_owned(),
                Err(refusal) => refusal.outcome.to_string(),
            };
            let expected = reference::step_outcome(state.data(), &Who::root(), &command);
            assert_eq!(actual, expected, "{command:?}");
        }
    }
}

/// `call-openapi` looks its workspace up by name first, then by ID (SPEC section 6): a workspace
/// may be named like another's ID. Random names never are, so this is asked here.
#[test]
fn openapi_workspace_names_come_before_ids() {
    let mut state = build(&[]);
    let mut entropy = SeededEntropy::new(2);
    let w1_id = state.data().workspaces[state.workspace_id("w1").unwrap().index()]
        .id
        .clone();
    for (who, command) in [
        (
            Who::root(),
            Command::CreateWorkspace {
                region: Region::UsEast1,
                name: w1_id.clone(),
            },
        ),
        (
            Who::root(),
            Command::AddMember {
                workspace: w1_id.clone(),
                member: MemberName::User("ann".into()),
                admin: false,
            },
        ),
        (
            Who::root(),
            sample::add_member("w2", MemberName::User("bob".into()), false),
        ),
        (
            Who::root(),
            Command::AttachPolicy {
                member: MemberName::User("ann".into()),
                policy: Policy::AliyunBailianDataFullAccess,
            },
        ),
        (
            Who::root(),
            Command::AttachPolicy {
                member: MemberName::User("bob".into()),
                policy: Policy::AliyunBailianDataFullAccess,
            },
        ),
    ] {
        assert_eq!(
            state.execute(&who, &command, &mut entropy).outcome,
            Outcome::Ok,
            "{command:?}"
        );
    }
    let w2_id = state.data().workspaces[state.workspace_id("w2").unwrap().index()]
        .id
        .clone();
    for (user, workspace, expected) in [
        // `w1`'s ID is also the name of the new workspace, of which ann is a member.
        ("ann", w1_id.as_str(), "allow"),
        ("bob", w2_id.as_str(), "allow"),
        ("ann", w2_id.as_str(), "deny:not-member"),
    ] {
        let check = Check::CallOpenapi {
            who: Who::user(user),
            action: "ListIndices".into(),
            workspace: Some(workspace.to_owned()),
        };
        assert_eq!(
            reference::answer(state.data(), &check),
            expected,
            "{check:?}"
        );
        assert_eq!(state.decide(&check).to_string(), expected, "{check:?}");
    }
}

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
        let steps = keyed_history().new_tree(&mut runner).unwrap().current();
        let state = build(&steps);
        for _ in 0..40 {
            let check = check().new_tree(&mut runner).unwrap().current();
            let check = with_workspace_ids(state.data(), check);
            *counts
                .entry(format!("{} {}", check.op(), state.decide(&check)))
                .or_insert(0) += 1;
            let (who, command) = (who(), command()).new_tree(&mut runner).unwrap().current();
            let outcome = match state.plan(&who, &command) {
                Ok(_) => "ok".to_owned(),
                Err(refusal) => refusal.outcome.to_string(),
            };
            *counts
                .entry(format!("step {} {outcome}", command.op()))
                .or_insert(0) += 1;
        }
    }
    for (outcome, count) in counts {
        println!("{count:6} {outcome}");
    }
}
