//! The command line on real files: scenario runs, questions about exported states, help, usage
//! errors, and files that cannot be used.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use std::path::Path;
use studio_access_core::sample::sample_organisation;
use studio_access_core::{Command as Step, MemberName, persist};
use support::{
    Exits, ask, binary, playground_step, run, sample_before_and_after, sample_file, scratch, today,
    write,
};

const SUBCOMMANDS: [&str; 7] = [
    "run",
    "check",
    "who-can",
    "what-can",
    "diff",
    "audit",
    "workspaces",
];

/// `what-can STATE --format json`: standard output and the rows it lists.
fn what_can_rows(state: &str) -> (String, Vec<serde_json::Value>) {
    let (_, out, _) = ask("what-can", state, "--format json");
    let rows = support::json(&out)
        .get("rows")
        .and_then(serde_json::Value::as_array)
        .unwrap()
        .clone();
    (out, rows)
}

fn examples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_examples_pass() {
    let files = examples();
    assert!(files.len() >= 3);
    let args: Vec<&str> = std::iter::once("run")
        .chain(files.iter().map(String::as_str))
        .collect();
    let (status, out, _) = run(&args);
    assert_eq!(status, 0, "{out}");
    assert!(out.trim_end().ends_with(" passed, 0 failed"), "{out}");
}

#[test]
fn failures_and_malformed_files_are_reported_and_fail_the_run() {
    let dir = scratch("run");
    let failing = write(
        &dir,
        "failing.toml",
        "today = \"2026-11-22\"\n[[step]]\nop = \"create-user\"\nname = \"a\"\n\n[[step]]\nop = \"create-user\"\nname = \"a\"\n",
    );
    let malformed = write(
        &dir,
        "malformed.toml",
        "[[step]]\nop = \"create-user\"\nname = \"a\"\ncolour = 3\n",
    );
    // SPEC section 8: one line per failed entry and per malformed file, then the summary.
    let out = run(&["run", &failing, &malformed]).exits(1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].ends_with(
            "failing.toml: entry 2 (line 6, create-user): expected ok, got error:duplicate"
        ),
        "{out}"
    );
    assert!(
        lines[1].ends_with("malformed.toml:4: malformed: field `colour`: unknown field"),
        "{out}"
    );
    assert_eq!(lines[2], "1 passed, 2 failed");
    // With --explain, below the failure: the step, the expectation and the outcome in the
    // console's words.
    let out = run(&["run", "--explain", &failing, &malformed]).exits(1);
    assert!(
        out.contains("\n  step:     Create RAM user `a` (as root)\n  expected: Done.\n  got:      Refused (duplicate): "),
        "{out}"
    );
    assert!(
        out.contains("malformed.toml:4: malformed: field `colour`: unknown field"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("1 passed, 2 failed"), "{out}");
    let (status, _, err) = run(&["run"]);
    assert_eq!(status, 2);
    assert!(err.contains("Usage: studio-access run"), "{err}");
}

#[test]
fn a_failed_check_shows_its_trace_in_the_consoles_words() {
    let dir = scratch("run-trace");
    let file = write(
        &dir,
        "trace.toml",
        &playground_step("admin-01", "project-a", "view", "allow"),
    );
    let state = sample_file(&dir);
    let out = run(&["run", "--explain", "--state", &state, &file]).exits(1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("{file}: entry 1 (line 2, open-page): expected allow, got deny:not-member")
    );
    assert_eq!(lines[1], "  expected: Allowed.");
    assert_eq!(
        lines[2],
        "  got:      Denied (not-member): Not a member of this workspace."
    );
    assert!(
        lines
            .contains(&"  ✗ Workspace membership: User `admin-01` is not a member of `project-a`."),
        "{out}"
    );
    assert!(lines.iter().any(|l| l.starts_with("  ✓ ")), "{out}");
    assert_eq!(lines.last(), Some(&"0 passed, 1 failed"));
}

#[test]
fn check_answers_with_the_trace_and_the_remedy() {
    let dir = scratch("check");
    let state = sample_file(&dir);
    let out = ask(
        "check",
        &state,
        "op=open-page as=user-01 workspace=project-a page=Playground-FullAccess access=operate",
    )
    .exits(0);
    assert!(out.starts_with("allow\n"), "{out}");
    assert!(
        out.contains("✓ Operate page: Holds the Playground permission"),
        "{out}"
    );

    let out = ask(
        "check",
        &state,
        "op=open-page as=admin-01 workspace=project-a page=Playground-FullAccess access=view",
    )
    .exits(1);
    assert!(out.starts_with("deny:not-member\n"), "{out}");
    assert!(
        out.contains("✗ Workspace membership: User `admin-01` is not a member of `project-a`."),
        "{out}"
    );
    assert!(
        out.contains("steps that would allow it (as root, verified on a copy):"),
        "{out}"
    );
    assert!(
        out.contains("  Add user `admin-01` to `project-a`: {\"op\":\"add-member\""),
        "{out}"
    );

    // A name that does not resolve gets no step, but why, with the nearest existing names.
    let out = ask(
        "check",
        &state,
        "op=open-page as=user01 workspace=project-a page=Playground-FullAccess access=view",
    )
    .exits(1);
    assert!(!out.contains("steps that would allow it"), "{out}");
    assert!(
        out.contains("No such user or role: no RAM user is named `user01`.")
            && out.contains("`user-01`"),
        "{out}"
    );

    let out = ask(
        "check",
        &state,
        "op=open-page workspace=project-a page=Nope access=view",
    )
    .exits(1);
    assert!(out.starts_with("error:invalid-value"), "{out}");

    let (status, _, err) = run(&[
        "check",
        &write(&dir, "bad.json", "{oops"),
        "op=use-feature",
        "feature=model-studio",
    ]);
    assert_eq!(status, 2);
    assert!(err.contains("damaged"), "{err}");
}

#[test]
fn who_can_and_what_can_print_aligned_tables_with_their_grants() {
    let dir = scratch("reverse");
    let state = sample_file(&dir);
    let out = ask(
        "who-can",
        &state,
        "op=call-model workspace=project-a model=qwen-plus",
    )
    .exits(0);
    let lines: Vec<&str> = out.lines().collect();
    let header = lines[0];
    assert!(header.starts_with("PRINCIPAL "), "{out}");
    // Aligned: every row's workspace starts where the header's WORKSPACE does.
    let at = header.find("WORKSPACE").unwrap();
    let rows = &lines[1..lines.len() - 1];
    assert!(rows.len() >= 3, "{out}");
    for row in rows {
        assert_eq!(
            row.get(at..at + "project-a".len()),
            Some("project-a"),
            "{out}"
        );
        assert!(row.contains("Call `qwen-plus`"), "{out}");
    }
    let row = |who: &str| rows.iter().find(|r| r.starts_with(&format!("{who} ")));
    assert!(
        row("root").unwrap().contains("Alibaba Cloud account: "),
        "{out}"
    );
    assert!(row("user-01").unwrap().contains("Operate page: "), "{out}");
    assert!(
        row("key project-a-open")
            .unwrap()
            .contains("API key status: "),
        "{out}"
    );
    assert!(row("admin-01").is_none(), "{out}");
    assert_eq!(
        lines.last(),
        Some(&format!("{} allowed", rows.len()).as_str())
    );

    let out = ask("what-can", &state, "as=user-02 via=ops-role").exits(0);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert!(
        rows.iter()
            .any(|l| l.starts_with("user-02 via ops-role  project-prod  ")),
        "{out}"
    );
    assert!(!out.contains("  project-a  "), "{out}");
    let out = run(&["what-can", &state, "as=ghost"]).exits(1);
    assert!(out.starts_with("deny:unknown-principal"), "{out}");
}

#[test]
fn diff_prints_the_grouped_access_diff_of_the_compare_screen() {
    let dir = scratch("diff");
    let (a, b) = sample_before_and_after(
        &dir,
        &Step::RemoveMember {
            workspace: "project-a".into(),
            member: MemberName::User("user-01".into()),
        },
    );
    let out = run(&["diff", &a, &b]).exits(1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("From `{a}` to `{b}`: 0 gains, 2 losses, 0 key changes, 1 audit finding.")
    );
    assert!(lines.contains(&"Access lost (2)"), "{out}");
    assert!(
        lines.contains(&"  user user-01 loses Model experience, Playground, Model fine-tuning, My models, Applications in project-a: operate → none"),
        "{out}"
    );
    assert!(lines.contains(&"Audit findings (1)"), "{out}");
    assert!(
        lines.contains(&"  audit: User without a workspace appears (user user-01)"),
        "{out}"
    );
    assert!(!out.contains("Access gained"), "{out}");
    let out = run(&["diff", &a, &a]).exits(0);
    assert_eq!(
        out.trim(),
        format!("No change in access from `{a}` to `{a}`.")
    );
}

#[test]
fn audit_prints_findings_with_their_fix_and_fails_on_what_is_asked() {
    let dir = scratch("audit");
    let state = sample_file(&dir);
    let out = run(&["audit", &state]).exits(0);
    let lines: Vec<&str> = out.lines().collect();
    let dead = lines
        .iter()
        .position(|l| l.starts_with("dead-key  Dead key: API key "))
        .unwrap();
    assert_eq!(
        lines[dead + 1],
        "  fix: delete the key: its owner is gone and it cannot recover"
    );
    let count = sample_organisation(today()).audit().len();
    assert!(
        lines.contains(&format!("{count} findings").as_str()),
        "{out}"
    );

    let out = run(&["audit", &state, "--fail-on", "dead-key"]).exits(1);
    assert!(
        out.trim_end().ends_with("Failing: found dead-key."),
        "{out}"
    );
    let out = run(&[
        "audit",
        &state,
        "--fail-on",
        "excess-admin",
        "--fail-on",
        "dead-key",
    ])
    .exits(1);
    assert!(
        out.trim_end()
            .ends_with("Failing: found dead-key, excess-admin."),
        "{out}"
    );
    run(&["audit", &state, "--fail-on", "any"]).exits(1);

    // A clean account: nothing to fail on.
    let clean = support::state_file(
        &dir,
        "clean.json",
        &studio_access_core::State::new_account(today()),
    );
    let out = run(&["audit", &clean, "--fail-on", "any"]).exits(0);
    assert_eq!(
        out,
        "No findings.\nNone of the findings to fail on was found.\n"
    );
}

#[test]
fn revision_2_checks_and_workspace_ids() {
    let dir = scratch("revision-2");
    let state = sample_file(&dir);
    // open-system-administration: the seed's administrator may, a workspace member may not.
    let out = ask("check", &state, "op=open-system-administration as=admin-01").exits(0);
    assert!(out.starts_with("allow\n"), "{out}");
    let out = ask("check", &state, "op=open-system-administration as=user-01").exits(1);
    assert!(out.starts_with("deny:not-super-admin\n"), "{out}");

    // call-openapi in a workspace, named by its ID: the ID is printed with the answer.
    let sample = sample_organisation(today());
    let id = sample
        .workspace(sample.workspace_id("project-a").unwrap())
        .unwrap()
        .id
        .clone();
    let out = run(&[
        "check",
        &state,
        "op=call-openapi",
        "action=ListIndices",
        &format!("workspace={id}"),
    ])
    .exits(0);
    assert!(
        out.contains(&format!("workspace `project-a` has the ID {id}")),
        "{out}"
    );
    let out = ask(
        "check",
        &state,
        "op=call-openapi action=ListIndices workspace=nowhere",
    )
    .exits(1);
    assert!(out.starts_with("error:not-found"), "{out}");

    // what-can names System Administration and the OpenAPI per workspace.
    let (_, out, _) = run(&["what-can", &state, "as=admin-01"]);
    assert!(out.contains("Open the System Administration page"), "{out}");
    let (out, rows) = what_can_rows(&state);
    assert!(
        rows.iter()
            .any(|row| { row["check"]["op"] == "call-openapi" && row["workspace"] == "project-a" }),
        "{out}"
    );

    // workspaces lists every live workspace with its ID.
    let out = run(&["workspaces", &state]).exits(0);
    assert!(
        out.lines()
            .any(|l| l.starts_with(&id) && l.contains("project-a")),
        "{out}"
    );
    assert_eq!(out.lines().count(), sample.workspaces().count());
}

#[test]
fn an_older_state_file_is_migrated_and_the_migration_is_said() {
    let legacy = support::repo("crates/core/tests/fixtures/legacy-v2.json");
    let (status, out, err) = run(&["workspaces", &legacy]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("projet 🚀"), "{out}");
    assert!(err.contains("format 2"), "{err}");
    assert!(err.contains("3 changes are kept as history"), "{err}");
    assert!(
        err.contains("#321 create-api-key by admin-01 (deny:root-only)"),
        "{err}"
    );
}

#[test]
fn every_subcommand_has_help_with_an_example_and_its_exit_codes() {
    for sub in SUBCOMMANDS {
        let (status, out, err) = run(&[sub, "--help"]);
        assert_eq!(status, 0, "{sub}: {err}");
        assert!(
            out.contains(&format!("Usage: studio-access {sub} ")),
            "{sub}: {out}"
        );
        assert!(out.contains("Example"), "{sub}: {out}");
        assert!(
            out.contains(&format!("  studio-access {sub} ")),
            "{sub}: an example of itself: {out}"
        );
        assert!(out.contains("Exit codes: 0 "), "{sub}: {out}");
        // `help SUB` says the same.
        let (status, again, _) = run(&["help", sub]);
        assert_eq!(status, 0);
        assert_eq!(again, out, "{sub}");
    }
    let out = run(&["--help"]).exits(0);
    for sub in SUBCOMMANDS {
        assert!(out.contains(&format!("\n  {sub} ")), "{sub}: {out}");
    }
    assert!(out.contains("Exit codes:\n  0 "), "{out}");
    assert!(out.contains("\n  2  bad usage"), "{out}");
    // Formats are offered where the issue says.
    let (_, out, _) = run(&["run", "--help"]);
    assert!(out.contains("junit"), "{out}");
    let (_, out, _) = run(&["who-can", "--help"]);
    assert!(out.contains("csv"), "{out}");
    let (_, out, _) = run(&["check", "--help"]);
    assert!(out.contains("json") && !out.contains("csv"), "{out}");
}

#[test]
fn version_is_the_packages() {
    let version = env!("CARGO_PKG_VERSION");
    for (args, wanted) in [
        (&["--version"][..], format!("studio-access {version}\n")),
        (&["-V"], format!("studio-access {version}\n")),
        (
            &["run", "--version"],
            format!("studio-access-run {version}\n"),
        ),
    ] {
        let (status, out, _) = run(args);
        assert_eq!(status, 0, "{args:?}");
        assert_eq!(out, wanted, "{args:?}");
    }
}

/// Bad usage exits 2 and says what was wrong, then the usage of the command at fault.
#[test]
fn bad_usage_exits_2_saying_what_is_wrong_and_the_usage() {
    let dir = scratch("usage");
    let state = sample_file(&dir);
    let scenario = write(
        &dir,
        "s.toml",
        "[[step]]\nop = \"create-user\"\nname = \"a\"\n",
    );
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![], "Commands:"),
        (vec!["nope"], "unrecognized subcommand 'nope'"),
        (
            vec!["check", "--help-me"],
            "unexpected argument '--help-me'",
        ),
        (vec!["check", &state], "<FIELD=VALUE>"),
        (vec!["check", &state, "op"], "`op` is not FIELD=VALUE"),
        (
            vec![
                "check",
                &state,
                "op=use-feature",
                "feature=model-studio",
                "colour=3",
            ],
            "field `colour`: unknown field",
        ),
        (
            vec!["check", &state, "op=create-user", "name=x"],
            "a step or an audit, not a check",
        ),
        (
            vec!["check", &state, "op=use-feature", "Feature\n=x"],
            "is not a field name",
        ),
        (vec!["who-can", &state, "op=audit"], "not a check"),
        (
            vec!["what-can", &state, "who=ann"],
            "what-can takes as=NAME and via=ROLE",
        ),
        (vec!["diff", &state], "<AFTER.json>"),
        (
            vec!["audit", &state, "--fail-on", "nope"],
            "invalid value 'nope' for '--fail-on <CODE>'",
        ),
        (
            vec!["audit", &state, "--format", "junit"],
            "[possible values: text, json, csv]",
        ),
        (
            vec!["run", "--format", "csv", &scenario],
            "[possible values: text, json, junit]",
        ),
        (
            vec!["run", "--save", "out.json", &scenario, &scenario],
            "--save writes the state one scenario ends in: give one FILE, not 2",
        ),
        (vec!["workspaces"], "<STATE.json>"),
    ];
    for (args, said) in cases {
        // The usage of the subcommand at fault, or the program's without one.
        let usage = match args.first() {
            Some(command) if SUBCOMMANDS.contains(command) => {
                format!("Usage: studio-access {command} ")
            }
            _ => "Usage: studio-access <COMMAND>".to_owned(),
        };
        let (status, out, err) = run(&args);
        assert_eq!(status, 2, "{args:?}: {out}{err}");
        assert!(
            out.is_empty(),
            "{args:?}: nothing on standard output: {out}"
        );
        assert!(err.contains(&usage), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    assert!(!dir.join("out.json").exists());
}

#[cfg(unix)]
#[test]
fn a_non_utf8_argument_is_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let output = binary()
        .arg("check")
        .arg(std::ffi::OsStr::from_bytes(b"state-\xff.json"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("argument 2 (state-\u{fffd}.json) is not valid UTF-8"),
        "{err}"
    );
    assert!(err.contains("Usage: studio-access <COMMAND>"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn unreadable_and_damaged_files_exit_2_and_say_why() {
    let dir = scratch("damaged");
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    let state = sample_file(&dir);
    let text = persist::to_json(&sample_organisation(today()));
    let cut = write(&dir, "cut.json", &text[..text.len() / 2]);
    let newer = write(
        &dir,
        "newer.json",
        &text.replacen(r#""version":3"#, r#""version":99"#, 1),
    );
    let invalid = write(
        &dir,
        "invalid.json",
        r#"{"version":3,"state":{"checkpoint":7}}"#,
    );
    let link = write(&dir, "link.txt", "https://example.invalid/#share=v1.AAAA");
    let binary_file = dir.join("binary.json");
    std::fs::write(&binary_file, b"{\"version\":\xff}").unwrap();
    let binary_file = binary_file.to_string_lossy().into_owned();
    let cases = [
        (&missing, "cannot read: No such file"),
        (&cut, "damaged"),
        (&newer, "newer version (99"),
        (&invalid, "not a valid state"),
        (&link, "the link"),
        (&binary_file, "not UTF-8 text"),
    ];
    for (file, said) in cases {
        for args in [
            vec!["workspaces", file.as_str()],
            vec![
                "check",
                file.as_str(),
                "op=use-feature",
                "feature=model-studio",
            ],
            vec![
                "who-can",
                file.as_str(),
                "op=use-feature",
                "feature=model-studio",
            ],
            vec!["what-can", file.as_str()],
            vec!["audit", file.as_str()],
            vec!["diff", file.as_str(), state.as_str()],
            vec!["diff", state.as_str(), file.as_str()],
        ] {
            let (status, out, err) = run(&args);
            assert_eq!(status, 2, "{args:?}: {out}{err}");
            assert!(out.is_empty(), "{args:?}: {out}");
            assert!(
                err.contains(file.as_str()) && err.contains(said),
                "{args:?}: {err}"
            );
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
    }
    // A state that cannot be used runs nothing and saves nothing.
    let scenario = write(
        &dir,
        "s.toml",
        "[[step]]\nop = \"create-user\"\nname = \"a\"\n",
    );
    let out_file = dir.join("out.json");
    let (status, out, err) = run(&[
        "run",
        "--state",
        &cut,
        &scenario,
        "--save",
        &out_file.to_string_lossy(),
    ]);
    assert_eq!(status, 2, "{out}{err}");
    assert!(out.is_empty() && err.contains("damaged"), "{out}{err}");
    assert!(!out_file.exists());
    // A scenario file that cannot be read is reported with the others, and exits 2.
    let out = run(&["run", &scenario, &missing]).exits(2);
    assert!(out.contains("missing.json: cannot read: "), "{out}");
    assert!(out.trim_end().ends_with("1 passed, 1 failed"), "{out}");
    // A file that cannot be written.
    let (status, _, err) = run(&[
        "run",
        &scenario,
        "--save",
        &dir.join("no/such/folder.json").to_string_lossy(),
    ]);
    assert_eq!(status, 2);
    assert!(err.contains("cannot write the state"), "{err}");
}

#[test]
fn only_regular_files_within_the_size_limit_are_read() {
    let dir = scratch("files");
    // A device that never ends, a folder, a file too large: each refused, nothing read.
    #[cfg(unix)]
    {
        let (status, out, err) = run(&["run", "/dev/zero"]);
        assert_eq!(status, 2, "{out}{err}");
        assert!(
            out.contains("/dev/zero: cannot read: not a regular file"),
            "{out}"
        );
        let (status, _, err) = run(&["workspaces", "/dev/zero"]);
        assert_eq!(status, 2);
        assert!(err.contains("not a regular file"), "{err}");
    }
    let folder = dir.to_string_lossy().into_owned();
    let (status, _, err) = run(&["workspaces", &folder]);
    assert_eq!(status, 2);
    assert!(err.contains("not a regular file"), "{err}");
    let big = dir.join("big.json");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(persist::MAX_TEXT_BYTES as u64 + 1).unwrap();
    let (status, _, err) = run(&["workspaces", &big.to_string_lossy()]);
    assert_eq!(status, 2);
    assert!(
        err.contains(&format!("more than the {} bytes", persist::MAX_TEXT_BYTES)),
        "{err}"
    );
}

#[test]
fn control_characters_in_names_are_escaped_when_printed() {
    let dir = scratch("escape");
    // A name from before revision 2's rules may hold anything but `@`: here, a terminal escape
    // that clears the screen, and a line break that would forge a line of output.
    let mut value: serde_json::Value =
        serde_json::from_str(&persist::to_json(&sample_organisation(today()))).unwrap();
    let events = value["state"]["events"].as_array_mut().unwrap();
    let rename = events
        .iter_mut()
        .find(|e| e["command"]["op"] == "create-workspace")
        .unwrap();
    let hostile = "project-a\u{1b}[2J\nroot: allowed";
    let old = rename["command"]["name"].as_str().unwrap().to_owned();
    let text = value
        .to_string()
        .replace(
            &format!("\"{old}\""),
            &serde_json::to_string(hostile).unwrap(),
        )
        .replacen(r#""version":3"#, r#""version":2"#, 1);
    let state = write(&dir, "hostile.json", &text);
    let (status, out, err) = run(&["workspaces", &state]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(
        out.contains(r"project-a\u{1b}[2J\u{a}root: allowed"),
        "{out}"
    );
    assert!(
        !out.lines().any(|l| l.starts_with("root: allowed")),
        "{out}"
    );
    let workspace = format!("workspace={hostile}");
    let check = [
        "check",
        state.as_str(),
        "op=open-page",
        &workspace,
        "page=Playground-FullAccess",
        "access=view",
    ];
    for args in [
        vec!["what-can", state.as_str()],
        vec!["what-can", state.as_str(), "--format", "csv"],
        vec!["what-can", state.as_str(), "--format", "json"],
        vec![
            "who-can",
            state.as_str(),
            "op=call-model",
            &workspace,
            "model=qwen-plus",
        ],
        check.to_vec(),
        [&check[..], &["--format", "json"]].concat(),
    ] {
        let (status, out, err) = run(&args);
        assert!(status <= 1, "{args:?}: {out}{err}");
        assert!(
            !out.contains('\u{1b}') && !err.contains('\u{1b}'),
            "{args:?}: {out:?}"
        );
        assert!(
            out.contains(r"project-a\u{1b}[2J") || out.contains(r"project-a\u001b[2J"),
            "{args:?}: the name is there, escaped: {out}"
        );
        assert!(
            !out.lines().any(|l| l.starts_with("root: allowed")),
            "{args:?}: {out}"
        );
    }
    // The same name through JSON reads back as it is.
    let (out, rows) = what_can_rows(&state);
    assert!(rows.iter().any(|row| row["workspace"] == hostile), "{out}");
    // And in a usage error.
    let (status, _, err) = run(&["check", &state, "op\u{1b}[2J"]);
    assert_eq!(status, 2);
    assert!(
        !err.contains('\u{1b}') && err.contains(r"op\u{1b}[2J"),
        "{err:?}"
    );
}

#[test]
fn who_can_with_a_key_question_answers_from_the_key() {
    let dir = scratch("who-can-key");
    let state = sample_file(&dir);
    ask(
        "check",
        &state,
        "op=call-model key=project-a-open model=qwen-plus",
    )
    .exits(0);
    let out = ask(
        "who-can",
        &state,
        "op=call-model key=project-a-open model=qwen-plus",
    )
    .exits(0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("key project-a-open  project-a  Call `qwen-plus`")),
        "{out}"
    );
    assert!(out.trim_end().ends_with("1 allowed"), "{out}");
    let (_, out, _) = ask(
        "who-can",
        &state,
        "op=call-model key=project-a-open model=qwen-max",
    );
    assert_eq!(out, "0 allowed\n", "no table when nobody is allowed");
}
