// PANIC SAFETY: test code, where a failed unwrap or index is a failed test.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;
use studio_access_core::sample::sample_organisation;
use studio_access_core::{Code, Date, Fact, Gate, TraceStep};

fn sample() -> State {
    sample_organisation(Date::new(2026, 11, 22).unwrap())
}

fn page_check(who: Who, workspace: &str, page: Page, access: Access) -> Check {
    Check::OpenPage {
        who,
        workspace: workspace.into(),
        page,
        access,
    }
}

/// The first failing gate of `check`'s trace, as the checker's trace words it, asked of the
/// evaluator directly.
fn first_failure(state: &State, check: &Check) -> String {
    let response = state.check(check);
    let step = response.trace.iter().find(|s| !s.passed).unwrap();
    format!("{}: {}", words::gate(step.gate), words::fact(&step.fact))
}

#[test]
fn who_can_lists_every_identity_allowed_or_denied_with_the_gate_that_stopped_it() {
    let state = sample();
    let asked = |who: Who| page_check(who, "project-a", Page::Playground, Access::Operate);
    let answer = who_can(&state, &asked(Who::root()));
    assert_eq!(
        answer.question,
        "Who can? Operate Playground (Playground-FullAccess) in `project-a`"
    );
    assert!(!answer.keys);
    assert!(!answer.allowed.is_empty() && !answer.denied.is_empty());
    // Every identity once, in one list or the other, as the evaluator decides.
    let mut named: Vec<String> = answer
        .allowed
        .iter()
        .chain(&answer.denied)
        .map(|line| line.name.clone())
        .collect();
    named.sort();
    let mut identities: Vec<String> = state.identities().iter().map(Who::to_string).collect();
    identities.sort();
    assert_eq!(named, identities);
    for line in &answer.allowed {
        let who = checker_who(&line.name);
        assert_eq!(state.check(&asked(who)).outcome, Outcome::Allow);
        assert!(line.code.is_empty() && !line.why.is_empty());
    }
    for line in &answer.denied {
        let check = asked(checker_who(&line.name));
        let response = state.check(&check);
        assert_eq!(
            Some(line.code.clone()),
            response.outcome.code().map(|c| c.to_string())
        );
        assert_eq!(line.why, first_failure(&state, &check), "{line:?}");
    }
    // A member without the page permission is stopped by that gate, not merely "denied".
    let bob_like = answer
        .denied
        .iter()
        .find(|line| line.code == Code::NoOperationPermission.to_string());
    if let Some(line) = bob_like {
        assert!(line.why.starts_with("Operate page: "), "{line:?}");
    }
}

fn checker_who(name: &str) -> Who {
    crate::checker::parse_who(name)
}

#[test]
fn who_can_of_a_model_call_asks_the_workspaces_keys_too() {
    let state = sample();
    let model = "qwen-plus";
    let check = Check::CallModel {
        caller: Caller::Console {
            who: Who::root(),
            workspace: "project-a".into(),
        },
        model: model.into(),
    };
    let answer = who_can(&state, &check);
    assert!(answer.keys);
    let keys: Vec<&WhoLine> = answer
        .allowed
        .iter()
        .chain(&answer.denied)
        .filter(|line| line.kind == "key")
        .collect();
    let mut expected: Vec<String> = state
        .keys()
        .filter(|(_, k)| state.workspace_name(k.workspace) == Some("project-a"))
        .map(|(_, k)| k.label.clone())
        .collect();
    expected.sort();
    assert!(!expected.is_empty());
    let mut named: Vec<String> = keys.iter().map(|l| l.name.clone()).collect();
    named.sort();
    assert_eq!(named, expected);
    for line in keys {
        assert_eq!(line.text, format!("API key `{}`", line.name));
        let by_key = Check::CallModel {
            caller: Caller::Key {
                key: line.name.clone(),
                ip: None,
            },
            model: model.into(),
        };
        let allowed = state.check(&by_key).outcome == Outcome::Allow;
        assert_eq!(allowed, answer.allowed.contains(line), "{line:?}");
    }
}

#[test]
fn a_denial_without_a_failed_gate_is_said_by_its_outcome() {
    let response = Response {
        outcome: Outcome::Deny(Code::UnknownPrincipal),
        trace: vec![TraceStep {
            gate: Gate::RootAccount,
            passed: true,
            fact: Fact::IsRoot,
        }],
        load: None,
    };
    assert_eq!(
        stopped_by(&response),
        words::outcome(Outcome::Deny(Code::UnknownPrincipal))
    );
}

#[test]
fn the_who_can_question_leaves_out_who_asks() {
    let ann = page_check(Who::user("ann"), "w", Page::Playground, Access::View);
    let root = page_check(Who::root(), "w", Page::Playground, Access::View);
    let operate = page_check(Who::root(), "w", Page::Playground, Access::Operate);
    assert_eq!(who_can_question(&ann), who_can_question(&root));
    assert!(still_asked(&ann, Some(&root)));
    assert!(!still_asked(&ann, Some(&operate)));
    assert!(!still_asked(&ann, None));
    let key = Check::CallModel {
        caller: Caller::Key {
            key: "k1".into(),
            ip: None,
        },
        model: "qwen-max".into(),
    };
    assert_eq!(
        who_can_question(&key),
        "Who can? Call `qwen-max` with API key `k1`"
    );
    assert_eq!(
        who_can_question(&Check::OpenSystemAdministration { who: Who::root() }),
        "Who can? Open the System Administration page"
    );
}

#[test]
fn what_a_member_can_do_is_a_row_of_its_workspace() {
    let state = sample();
    let who = Who::user("user-01");
    let answer = what_can(&state, &who);
    assert_eq!(answer.title, "What user-01 can do");
    assert!(
        answer
            .caption
            .starts_with("What user-01 can do in each workspace")
    );
    assert_eq!(answer.pages.len(), Page::ALL.len());
    assert_eq!(answer.pages[3], ("Playground", "Playground-FullAccess"));
    assert_eq!(answer.rows.len(), 1);
    let row = &answer.rows[0];
    assert_eq!(row.workspace, "project-a");
    // Each page cell is the evaluator's: operate, else view, else none.
    for (page, cell) in Page::ALL.iter().zip(&row.pages) {
        let allowed = |access| {
            state
                .check(&page_check(who.clone(), "project-a", *page, access))
                .outcome
                == Outcome::Allow
        };
        let expected = if allowed(Access::Operate) {
            "operate"
        } else if allowed(Access::View) {
            "view"
        } else {
            "none"
        };
        assert_eq!(cell.access, expected, "{page}");
    }
    assert_eq!(row.pages[0].text, "Operate");
    assert_eq!(row.pages[1].text, "View");
    assert!(
        row.pages[0].title.starts_with("Operate page: "),
        "{:?}",
        row.pages[0]
    );
    assert_eq!(row.pages[11].text, "—");
    assert_eq!(row.pages[11].title, "No access");
    assert_eq!(
        row.models,
        [
            ("qwen-plus".to_owned(), "call".to_owned()),
            ("qwen-turbo".to_owned(), "call, fine-tune".to_owned()),
            (
                "qwen2.5-7b-instruct".to_owned(),
                "call, fine-tune".to_owned()
            ),
        ]
    );
    assert!(row.apis.is_empty());
    assert!(
        answer
            .unreached
            .starts_with("No access in `default@cn-beijing`")
    );
    assert!(answer.unreached.contains("`research`"));
    let headings: Vec<&str> = answer.account.iter().map(|g| g.heading).collect();
    assert_eq!(headings, ["API keys it can see", "Features"]);
    assert_eq!(answer.account[0].items[0].0, "See API key `project-a-app`");
}

#[test]
fn what_root_can_do_has_a_row_per_workspace_and_nobody_nothing() {
    let state = sample();
    let answer = what_can(&state, &Who::root());
    assert_eq!(answer.rows.len(), state.workspaces().count());
    assert!(answer.unreached.is_empty());
    assert!(
        answer
            .rows
            .iter()
            .all(|row| row.pages.iter().all(|cell| cell.access == "operate"))
    );
    assert!(answer.rows.iter().any(|row| !row.apis.is_empty()));
    // Deploying a model fine-tuned from qwen-turbo, as the deploy check allows it.
    let project_a = answer
        .rows
        .iter()
        .find(|row| row.workspace == "project-a")
        .unwrap();
    assert!(
        project_a
            .models
            .iter()
            .any(|(model, hows)| model == "qwen-turbo" && hows.ends_with("deploy fine-tuned")),
        "{:?}",
        project_a.models
    );
    let headings: Vec<&str> = answer.account.iter().map(|g| g.heading).collect();
    assert!(headings.contains(&"System Administration"), "{headings:?}");
    assert!(headings.contains(&"Billing"), "{headings:?}");

    let ghost = what_can(&state, &Who::user("ghost"));
    assert!(ghost.is_empty());
    assert_eq!(
        ghost.unreached,
        "No such user or role: no RAM user is named `ghost`. Correct the name in the question."
    );
}

#[test]
fn the_lists_are_headed_with_their_counts() {
    assert_eq!(allowed_heading(3), "Allowed (3)");
    assert_eq!(denied_heading(0), "Denied (0)");
    assert_eq!(
        download_refused("quota"),
        "The CSV could not be saved: quota."
    );
}

#[test]
fn the_downloads_are_the_command_lines_csv() {
    let state = sample();
    let check = page_check(Who::root(), "project-a", Page::Playground, Access::Operate);
    let csv = who_can_csv(&state, &check);
    assert_eq!(
        csv,
        ReachReport::who_can(&state, &check, &state.who_can(&check))
            .table()
            .csv()
    );
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("principal,workspace,what,grant"));
    assert_eq!(lines.count(), state.who_can(&check).len());
    let who = Who::user("user-01");
    let csv = what_can_csv(&state, &who);
    assert!(csv.starts_with("principal,workspace,what,grant\n"));
    assert_eq!(csv.lines().count(), state.what_can(&who).len() + 1);
    assert!(
        csv.contains("user-01,project-a,Operate Model experience (ModelExperience-FullAccess),")
    );
}

/// Issue 13: "What can user02 do?" answered "Nothing… No access in any of the workspaces" for
/// a name that names nobody. It says there is no such user or role, with the nearest names.
#[test]
fn what_a_mistyped_name_can_do_is_no_such_user_with_the_nearest_names() {
    let state = sample();
    let answer = what_can(&state, &Who::user("user02"));
    assert!(answer.is_empty());
    assert!(
        answer
            .unreached
            .starts_with("No such user or role: no RAM user is named `user02`.")
            && answer.unreached.contains("`user-02`"),
        "{}",
        answer.unreached
    );
    let role = what_can(&state, &Who::via("user-02", "ops-rol"));
    assert!(
        role.unreached.contains("no RAM role is named `ops-rol`"),
        "{}",
        role.unreached
    );
    // A review read "Nothing…" for `root via ops-role` and `user-02 via orphan-role`, and "no
    // RAM user is named `ops-role`" for the role's name alone.
    let root_via = what_can(&state, &Who::via("root", "ops-role"));
    assert!(root_via.is_empty());
    assert!(
        root_via.unreached.contains("error:invalid-value"),
        "{}",
        root_via.unreached
    );
    let untrusted = what_can(&state, &Who::via("user-02", "orphan-role"));
    assert!(
        untrusted
            .unreached
            .starts_with("`user-02` cannot act through `orphan-role`")
            && untrusted.unreached.contains("deny:cannot-assume-role"),
        "{}",
        untrusted.unreached
    );
    let role = what_can(&state, &Who::user("ops-role"));
    assert!(
        role.unreached
            .starts_with("`ops-role` is a RAM role: a role acts only through a user it trusts")
            && role.unreached.contains(" via ops-role`"),
        "{}",
        role.unreached
    );
    // A real identity that reaches nothing still hears where it has no access.
    let mut empty = State::new_account(Date::new(2026, 11, 22).unwrap());
    let mut entropy = studio_access_core::SeededEntropy::new(1);
    let ann = studio_access_core::Command::CreateUser { name: "ann".into() };
    empty.execute(&Who::root(), &ann, &mut entropy);
    let nothing = what_can(&empty, &Who::user("ann"));
    assert!(
        nothing.unreached.starts_with("No access in any of the"),
        "{}",
        nothing.unreached
    );
}

/// A new user's walk: "What can analyst do?" listed one OpenAPI action, `ListIndices`, granted
/// by "OpenAPI write access: ListIndices is a read action". The action stands for every read
/// action, and what grants it is the policy held.
#[test]
fn what_can_says_openapi_reads_as_every_read_action_and_their_policy() {
    let state = sample();
    let answer = what_can(&state, &Who::user("analyst"));
    let openapi = answer
        .account
        .iter()
        .find(|group| group.heading == "OpenAPI across the account")
        .unwrap();
    let [(what, grant)] = &openapi.items[..] else {
        panic!("{:?}", openapi.items);
    };
    assert!(
        what.starts_with("Call OpenAPI read actions (DescribeFile, ")
            && what.ends_with("ListMemories)"),
        "{what}"
    );
    assert!(grant.starts_with("OpenAPI policy: "), "{grant}");
    assert!(!grant.contains("write"), "{grant}");
}
