//! The command line on real files: scenario runs, and questions about exported states.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Command;
use studio_access_core::sample::sample_organisation;
use studio_access_core::{Command as Step, MemberName, SeededEntropy, Who, persist};

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_studio-access"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let output = binary().args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("studio-access-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
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
    let (status, out, _) = run(&["run", &failing, &malformed]);
    assert_eq!(status, 1);
    assert!(
        out.contains(
            "failing.toml: entry 2 (line 6, create-user): expected ok, got error:duplicate"
        ),
        "{out}"
    );
    assert!(
        out.contains("malformed.toml:4: malformed: field `colour`: unknown field"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("1 passed, 2 failed"), "{out}");
    let (status, _, err) = run(&["run"]);
    assert_eq!(status, 2);
    assert!(err.contains("usage"));
}

fn sample_file(dir: &Path) -> String {
    write(
        dir,
        "state.json",
        &persist::to_json(&sample_organisation("2026-11-22".parse().unwrap())),
    )
}

#[test]
fn check_answers_with_the_trace_and_the_remedy() {
    let dir = scratch("check");
    let state = sample_file(&dir);
    let (status, out, _) = run(&[
        "check",
        &state,
        "op=open-page",
        "as=user-01",
        "workspace=project-a",
        "page=Playground-FullAccess",
        "access=operate",
    ]);
    assert_eq!(status, 0, "{out}");
    assert!(out.starts_with("allow\n"), "{out}");
    assert!(
        out.contains("✓ Operate page: Holds the Playground permission"),
        "{out}"
    );

    let (status, out, _) = run(&[
        "check",
        &state,
        "op=open-page",
        "as=admin-01",
        "workspace=project-a",
        "page=Playground-FullAccess",
        "access=view",
    ]);
    assert_eq!(status, 1);
    assert!(out.starts_with("deny:not-member\n"), "{out}");
    assert!(
        out.contains("✗ Workspace membership: User `admin-01` is not a member of `project-a`."),
        "{out}"
    );
    assert!(out.contains("smallest change that would allow it"), "{out}");
    assert!(out.contains(r#""op":"add-member""#), "{out}");

    let (status, out, _) = run(&[
        "check",
        &state,
        "op=open-page",
        "workspace=project-a",
        "page=Nope",
        "access=view",
    ]);
    assert_eq!(status, 1);
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
fn who_can_and_what_can_list_reaches_with_their_grants() {
    let dir = scratch("reverse");
    let state = sample_file(&dir);
    let (status, out, _) = run(&[
        "who-can",
        &state,
        "op=call-model",
        "workspace=project-a",
        "model=qwen-plus",
    ]);
    assert_eq!(status, 0, "{out}");
    assert!(out.lines().any(|l| l.starts_with("root:")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("user-01:")), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("key project-a-open:")),
        "{out}"
    );
    assert!(!out.lines().any(|l| l.starts_with("admin-01:")), "{out}");

    let (status, out, _) = run(&["what-can", &state, "as=user-02", "via=ops-role"]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("project-prod"), "{out}");
    assert!(!out.contains("project-a\""), "{out}");
    let (status, out, _) = run(&["what-can", &state, "as=ghost"]);
    assert_eq!(status, 1);
    assert!(out.starts_with("deny:unknown-principal"), "{out}");
}

#[test]
fn diff_prints_the_access_diff() {
    let dir = scratch("diff");
    let before = sample_organisation("2026-11-22".parse().unwrap());
    let mut after = before.clone();
    let executed = after.execute(
        &Who::root(),
        &Step::RemoveMember {
            workspace: "project-a".into(),
            member: MemberName::User("user-01".into()),
        },
        &mut SeededEntropy::new(1),
    );
    assert!(executed.outcome.is_success());
    let a = write(&dir, "a.json", &persist::to_json(&before));
    let b = write(&dir, "b.json", &persist::to_json(&after));
    let (status, out, _) = run(&["diff", &a, &b]);
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains("page Playground-FullAccess of project-a for user user-01: operate -> none"),
        "{out}"
    );
    assert!(
        out.contains("finding raised: user-without-workspace (user user-01)"),
        "{out}"
    );
    let (status, out, _) = run(&["diff", &a, &a]);
    assert_eq!(status, 0);
    assert_eq!(out.trim(), "no change in access");
}

#[test]
fn revision_2_checks_and_workspace_ids() {
    let dir = scratch("revision-2");
    let state = sample_file(&dir);
    // open-system-administration: the seed's administrator may, a workspace member may not.
    let (status, out, _) = run(&[
        "check",
        &state,
        "op=open-system-administration",
        "as=admin-01",
    ]);
    assert_eq!(status, 0, "{out}");
    assert!(out.starts_with("allow\n"), "{out}");
    let (status, out, _) = run(&[
        "check",
        &state,
        "op=open-system-administration",
        "as=user-01",
    ]);
    assert_eq!(status, 1, "{out}");
    assert!(out.starts_with("deny:not-super-admin\n"), "{out}");

    // call-openapi in a workspace, named by its ID: the ID is printed with the answer.
    let sample = sample_organisation("2026-11-22".parse().unwrap());
    let id = sample
        .workspace(sample.workspace_id("project-a").unwrap())
        .unwrap()
        .id
        .clone();
    let (status, out, _) = run(&[
        "check",
        &state,
        "op=call-openapi",
        "action=ListIndices",
        &format!("workspace={id}"),
    ]);
    assert_eq!(status, 0, "{out}");
    assert!(
        out.contains(&format!("workspace `project-a` has the ID {id}")),
        "{out}"
    );
    let (status, out, _) = run(&[
        "check",
        &state,
        "op=call-openapi",
        "action=ListIndices",
        "workspace=nowhere",
    ]);
    assert_eq!(status, 1, "{out}");
    assert!(out.starts_with("error:not-found"), "{out}");

    // what-can names System Administration and the OpenAPI per workspace.
    let (_, out, _) = run(&["what-can", &state, "as=admin-01"]);
    assert!(out.contains("open-system-administration"), "{out}");
    let (_, out, _) = run(&["what-can", &state]);
    assert!(
        out.contains(r#""workspace":"project-a""#) && out.contains("call-openapi"),
        "{out}"
    );

    // workspaces lists every live workspace with its ID.
    let (status, out, _) = run(&["workspaces", &state]);
    assert_eq!(status, 0, "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with(&id) && l.contains("project-a")),
        "{out}"
    );
    assert_eq!(out.lines().count(), sample.workspaces().count());
}

#[test]
fn an_older_state_file_is_migrated_and_the_migration_is_said() {
    let legacy = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/legacy-v2.json")
        .to_string_lossy()
        .into_owned();
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
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn only_regular_files_within_the_size_limit_are_read() {
    let dir = scratch("files");
    // A device that never ends, a folder, a file too large: each refused, nothing read.
    #[cfg(unix)]
    {
        let (status, out, err) = run(&["run", "/dev/zero"]);
        assert_eq!(status, 1, "{out}{err}");
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
    let mut value: serde_json::Value = serde_json::from_str(&persist::to_json(
        &sample_organisation("2026-11-22".parse().unwrap()),
    ))
    .unwrap();
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
    let (_, out, _) = run(&["what-can", &state]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
}

#[test]
fn who_can_with_a_key_question_answers_from_the_key() {
    let dir = scratch("who-can-key");
    let state = sample_file(&dir);
    let (status, out, _) = run(&[
        "check",
        &state,
        "op=call-model",
        "key=project-a-open",
        "model=qwen-plus",
    ]);
    assert_eq!(status, 0, "{out}");
    let (status, out, _) = run(&[
        "who-can",
        &state,
        "op=call-model",
        "key=project-a-open",
        "model=qwen-plus",
    ]);
    assert_eq!(status, 0, "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("key project-a-open:")),
        "{out}"
    );
    assert!(out.trim_end().ends_with("1 allowed"), "{out}");
    let (_, out, _) = run(&[
        "who-can",
        &state,
        "op=call-model",
        "key=project-a-open",
        "model=qwen-max",
    ]);
    assert!(out.trim_end().ends_with("0 allowed"), "{out}");
}
