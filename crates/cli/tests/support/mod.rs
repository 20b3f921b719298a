//! What the command-line tests share: running the binary, scratch files, states made with core,
//! and the checks every JUnit report must pass.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use studio_access_core::sample::sample_organisation;
use studio_access_core::{Command as Step, Date, SeededEntropy, State, Who, persist};

pub fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_studio-access"))
}

/// Runs the binary: exit code, standard output, standard error.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = binary().args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Asks a question of a state file: `studio-access SUBCOMMAND STATE FIELD=VALUE...`, the fields
/// (and options) written on one line as a person types them.
pub fn ask(subcommand: &str, state: &str, fields: &str) -> (i32, String, String) {
    let mut args = vec![subcommand, state];
    args.extend(fields.split_whitespace());
    run(&args)
}

/// What `run` gives back, with the exit code it must have.
pub trait Exits {
    /// Asserts the exit code (showing both outputs when it is not the one expected) and
    /// returns standard output.
    fn exits(self, status: i32) -> String;
}

impl Exits for (i32, String, String) {
    fn exits(self, status: i32) -> String {
        let (code, out, err) = self;
        assert_eq!(code, status, "{out}{err}");
        out
    }
}

/// A fresh folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("studio-access-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// A scenario step in TOML, after a blank line as a scenario file's steps are written: `who`
/// opens the Playground page of `workspace` for `access` (`view` or `operate`), expecting
/// `expect`.
pub fn playground_step(who: &str, workspace: &str, access: &str, expect: &str) -> String {
    format!(
        "\n[[step]]\nas = \"{who}\"\nop = \"open-page\"\nworkspace = \"{workspace}\"\n\
         page = \"Playground-FullAccess\"\naccess = \"{access}\"\nexpect = \"{expect}\"\n"
    )
}

pub fn today() -> Date {
    "2026-11-22".parse().unwrap()
}

/// The sample organisation (every audit finding, every key status) as an exported file.
pub fn sample_file(dir: &Path) -> String {
    write(
        dir,
        "state.json",
        &persist::to_json(&sample_organisation(today())),
    )
}

/// The sample organisation before and after one step by `root`, as the files `a.json` and
/// `b.json`.
pub fn sample_before_and_after(dir: &Path, step: &Step) -> (String, String) {
    let before = sample_organisation(today());
    let mut after = before.clone();
    let executed = after.execute(&Who::root(), step, &mut SeededEntropy::new(1));
    assert!(executed.outcome.is_success(), "{step:?}");
    (
        state_file(dir, "a.json", &before),
        state_file(dir, "b.json", &after),
    )
}

pub fn state_file(dir: &Path, name: &str, state: &State) -> String {
    write(dir, name, &persist::to_json(state))
}

/// A path of the repository.
pub fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

/// Parses a JUnit report and checks what every consumer needs: `<testsuites>` with `tests`,
/// `failures` and `errors` that add up over its `<testsuite>`s, each of which has `name`,
/// `tests`, `failures` and `errors` matching its `<testcase>`s, each with `name` and
/// `classname`; a `<failure>` or `<error>` has a `message`.
pub fn check_junit(xml: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites", "{xml}");
    let number = |node: roxmltree::Node, name: &str| -> usize {
        node.attribute(name)
            .unwrap_or_else(|| panic!("`{name}` missing on {node:?}"))
            .parse()
            .unwrap()
    };
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for suite in root.children().filter(|n| n.is_element()) {
        assert_eq!(suite.tag_name().name(), "testsuite");
        assert!(!suite.attribute("name").unwrap().is_empty());
        let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
        assert!(cases.iter().all(|c| c.has_tag_name("testcase")));
        let failed = |tag: &str| {
            cases
                .iter()
                .filter(|c| c.children().any(|n| n.has_tag_name(tag)))
                .count()
        };
        assert_eq!(number(suite, "tests"), cases.len());
        assert_eq!(number(suite, "failures"), failed("failure"));
        assert_eq!(number(suite, "errors"), failed("error"));
        for case in &cases {
            assert!(!case.attribute("name").unwrap().is_empty());
            assert!(!case.attribute("classname").unwrap().is_empty());
            for problem in case.children().filter(|n| n.is_element()) {
                assert!(matches!(problem.tag_name().name(), "failure" | "error"));
                assert!(!problem.attribute("message").unwrap().is_empty());
            }
        }
        tests += cases.len();
        failures += failed("failure");
        errors += failed("error");
    }
    assert_eq!(number(root, "tests"), tests);
    assert_eq!(number(root, "failures"), failures);
    assert_eq!(number(root, "errors"), errors);
    doc
}

/// The test cases of a JUnit report: (name, failure message if it failed).
pub fn junit_cases(doc: &roxmltree::Document) -> Vec<(String, Option<String>)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|case| {
            let failure = case
                .children()
                .find(|n| n.has_tag_name("failure") || n.has_tag_name("error"))
                .map(|f| f.attribute("message").unwrap().to_owned());
            (case.attribute("name").unwrap().to_owned(), failure)
        })
        .collect()
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}
