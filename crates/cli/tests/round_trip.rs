//! Assertions against a real state: a state exported with core, `run --state` with expectations
//! that pass and one that fails, `--save`, and the saved file loaded back by core as the console
//! imports it. Then the README's "Use it in CI" example, run as a CI job would.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use std::path::Path;

use studio_access_core::{
    Caller, Check, Code, Command as Step, MemberName, ModelFlags, Outcome, Page, SeededEntropy,
    State, Who, persist, share,
};
use support::{
    Exits, check_junit, junit_cases, playground_step, repo, run, scratch, state_file, today, write,
};

/// The account a team keeps in its repository: a workspace, a member who may use the
/// Playground, and a key.
fn exported() -> State {
    let mut state = State::new_account(today());
    let mut entropy = SeededEntropy::new(7);
    let root = Who::root();
    let steps = [
        Step::CreateWorkspace {
            region: studio_access_core::Region::ApSoutheast1,
            name: "team".into(),
        },
        Step::CreateUser { name: "ann".into() },
        Step::AddMember {
            workspace: "team".into(),
            member: MemberName::User("ann".into()),
            admin: false,
        },
        Step::GrantPage {
            workspace: "team".into(),
            member: MemberName::User("ann".into()),
            permission: Page::Playground,
        },
        Step::AuthorizeModel {
            workspace: "team".into(),
            model: "qwen-plus".into(),
            flags: ModelFlags::call(true),
        },
    ];
    for step in &steps {
        let executed = state.execute(&root, step, &mut entropy);
        assert_eq!(executed.outcome, Outcome::Ok, "{step:?}");
    }
    state
}

/// Runs `scenario` on the exported account with `--save`: the exit code, standard output, and
/// the saved state read back.
fn run_on_exported_and_save(dir: &Path, scenario: &str) -> (i32, String, State) {
    let state = state_file(dir, "account.json", &exported());
    let scenario = write(dir, "scenario.toml", scenario);
    let saved = dir.join("saved.json");
    let (status, out, _) = run(&[
        "run",
        "--state",
        &state,
        &scenario,
        "--save",
        &saved.to_string_lossy(),
    ]);
    let after = persist::from_json(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    (status, out, after)
}

/// Expectations of the exported account, and steps that change the copy they run on.
fn expectations() -> String {
    playground_step("ann", "team", "operate", "allow")
        + r#"
[[step]]
as = "ann"
op = "call-model"
workspace = "team"
model = "qwen-max"
expect = "deny:no-operation-permission"

[[step]]
op = "create-user"
name = "bob"

[[step]]
op = "add-member"
workspace = "team"
user = "bob"
admin = true

[[step]]
as = "bob"
op = "grant-page"
workspace = "team"
user = "ann"
permission = "ModelExperience-FullAccess"

[[step]]
as = "ann"
op = "call-model"
workspace = "team"
model = "qwen-plus"
expect = "allow"
"#
}

fn check(state: &State, who: &str, page: Page) -> Outcome {
    state.decide(&Check::OpenPage {
        who: Who::user(who),
        workspace: "team".into(),
        page,
        access: studio_access_core::Access::Operate,
    })
}

#[test]
fn run_on_an_exported_state_and_save_what_the_scenario_did() {
    let dir = scratch("round-trip");
    let start = exported();
    let state = state_file(&dir, "account.json", &start);
    let expectations = write(&dir, "expectations.toml", &expectations());
    let saved = dir.join("saved.json");
    let saved_path = saved.to_string_lossy().into_owned();

    let (status, out, err) = run(&[
        "run",
        "--state",
        &state,
        &expectations,
        "--save",
        &saved_path,
    ]);
    assert_eq!(status, 0, "{out}{err}");
    assert_eq!(out, "6 passed, 0 failed\n");

    // The saved file is in the console's import format, and holds what the scenario did.
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(persist::is_current(&text));
    let loaded = persist::load(&text).unwrap();
    assert!(loaded.migration.is_none());
    let after = loaded.state;
    assert!(after.user_id("bob").is_some());
    assert_eq!(
        check(&after, "bob", Page::ApiKey),
        Outcome::Allow,
        "bob administers team"
    );
    assert_eq!(check(&after, "ann", Page::ModelExperience), Outcome::Allow);
    assert_eq!(
        check(&start, "ann", Page::ModelExperience),
        Outcome::Deny(Code::NoOperationPermission)
    );
    // The history goes on from the exported one: its events, then the scenario's three steps.
    assert_eq!(
        after.data().events.len(),
        start.data().events.len() + 3,
        "{:?}",
        after.data().events
    );
    assert_eq!(after.replay_kept(start.data().events.len()).unwrap(), start);
    // The state file itself is untouched.
    assert_eq!(
        std::fs::read_to_string(&state).unwrap(),
        persist::to_json(&start)
    );

    // The same expectations without --state fail: a new account has no `team`.
    let out = run(&["run", &expectations]).exits(1);
    assert!(out.contains("expected allow, got error:not-found"), "{out}");

    // Against the saved state, an expectation that held before now fails, with its trace.
    let wrong = write(
        &dir,
        "wrong.toml",
        r#"
[[step]]
as = "ann"
op = "call-model"
workspace = "team"
model = "qwen-plus"
expect = "deny:no-operation-permission"
"#,
    );
    let out = run(&["run", "--explain", "--state", &saved_path, &wrong]).exits(1);
    assert!(
        out.contains(
            ": entry 1 (line 2, call-model): expected deny:no-operation-permission, got allow\n"
        ),
        "{out}"
    );
    assert!(out.contains("\n  got:      Allowed.\n"), "{out}");
    assert!(
        out.contains(
            "✓ Operate page: Holds the Model experience permission (ModelExperience-FullAccess)."
        ),
        "{out}"
    );
    assert!(out.trim_end().ends_with("0 passed, 1 failed"), "{out}");
}

#[test]
fn a_failing_run_still_saves_the_state_it_ended_in() {
    let dir = scratch("save-failing");
    let (status, out, after) = run_on_exported_and_save(
        &dir,
        "[[step]]\nop = \"create-user\"\nname = \"carl\"\n\n[[step]]\nop = \"create-user\"\nname = \"ann\"\n",
    );
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("expected ok, got error:duplicate"), "{out}");
    assert!(after.user_id("carl").is_some() && after.user_id("ann").is_some());

    // A malformed file runs nothing and saves nothing.
    let malformed = write(&dir, "m.toml", "[[step]]\nop = 3\n");
    let nothing = dir.join("nothing.json");
    let (status, _, err) = run(&["run", &malformed, "--save", &nothing.to_string_lossy()]);
    assert_eq!(status, 1);
    assert!(
        err.contains("not written: the scenario did not run"),
        "{err}"
    );
    assert!(!nothing.exists());
}

#[test]
fn a_share_link_is_a_state_too() {
    let dir = scratch("share");
    let start = exported();
    let link = share::encode(&start);
    let expectations = write(&dir, "expectations.toml", &expectations());
    for (name, text) in [
        ("fragment.txt", link.clone()),
        (
            "address.txt",
            format!("https://example.invalid/studio-access/keys?x=1#share={link}\n"),
        ),
    ] {
        let file = write(&dir, name, &text);
        let (status, out, err) = run(&["run", "--state", &file, &expectations]);
        assert_eq!(status, 0, "{name}: {out}{err}");
        assert_eq!(out, "6 passed, 0 failed\n");
        let out = run(&["workspaces", &file]).exits(0);
        assert!(out.contains("  team  1 member, 0 keys"), "{out}");
    }
}

#[test]
fn a_scenario_that_sets_today_moves_the_exported_state_to_that_date() {
    let dir = scratch("today");
    let (status, out, after) = run_on_exported_and_save(
        &dir,
        "today = \"2027-01-02\"\n[[step]]\nop = \"create-user\"\nname = \"dan\"\n",
    );
    assert_eq!(status, 0, "{out}");
    assert_eq!(after.today().to_string(), "2027-01-02");
}

// == The README's "Use it in CI" example ======================================================

#[test]
fn the_ci_example_passes_as_a_ci_job_runs_it() {
    let account = repo("examples/ci/account.json");
    let access = repo("examples/ci/access.toml");
    let (status, out, err) = run(&["run", "--state", &account, &access]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(
        err.is_empty(),
        "the example is in the current format: {err}"
    );
    let entries = std::fs::read_to_string(&access)
        .unwrap()
        .matches("[[step]]")
        .count();
    assert_eq!(out, format!("{entries} passed, 0 failed\n"));

    let (status, out, err) = run(&["run", "--state", &account, "--format", "junit", &access]);
    assert_eq!(status, 0);
    assert_eq!(err, format!("{entries} passed, 0 failed\n"));
    let doc = check_junit(&out);
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
    let cases = junit_cases(&doc);
    assert_eq!(cases.len(), entries);
    assert!(cases.iter().all(|(_, failure)| failure.is_none()));

    // The account is clean: an audit asked to fail on anything passes.
    run(&["audit", &account, "--fail-on", "any"]).exits(0);
}

#[test]
fn a_wrong_expectation_in_the_ci_example_fails_the_job() {
    let dir = scratch("ci-wrong");
    let account = repo("examples/ci/account.json");
    let access = std::fs::read_to_string(repo("examples/ci/access.toml")).unwrap();
    let wrong = access.replacen("expect = \"deny:page-restricted\"", "expect = \"allow\"", 1);
    assert_ne!(wrong, access);
    let wrong = write(&dir, "access.toml", &wrong);
    let out = run(&["run", "--explain", "--state", &account, &wrong]).exits(1);
    assert!(
        out.contains("(line 25, open-page): expected allow, got deny:page-restricted\n"),
        "{out}"
    );
    assert!(out.contains("✗ Restricted page: "), "{out}");
    let out = run(&["run", "--state", &account, "--format", "junit", &wrong]).exits(1);
    let doc = check_junit(&out);
    assert_eq!(doc.root_element().attribute("failures"), Some("1"));
}

#[test]
fn the_ci_examples_account_is_what_its_setup_makes() {
    // examples/ci/account.json is made by account-setup.toml with --save, as its header says;
    // making it again gives the same file, byte for byte.
    let dir = scratch("ci-setup");
    let made = dir.join("account.json");
    run(&[
        "run",
        &repo("examples/ci/account-setup.toml"),
        "--save",
        &made.to_string_lossy(),
    ])
    .exits(0);
    assert_eq!(
        std::fs::read_to_string(&made).unwrap(),
        std::fs::read_to_string(repo("examples/ci/account.json")).unwrap()
    );
    let account = persist::from_json(&std::fs::read_to_string(&made).unwrap()).unwrap();
    let key = Check::CallModel {
        caller: Caller::Key {
            key: "project-a-app".into(),
            ip: None,
        },
        model: "qwen-plus".into(),
    };
    assert_eq!(account.decide(&key), Outcome::Allow);
}
