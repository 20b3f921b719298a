//! Runs the scenario suite: every file in `tests/scenarios/` and in the repository's `examples/`
//! must pass entry by entry, and every file in `tests/malformed/` must be rejected by `parse`
//! with the line and field named in its first line, `# expect-malformed: <line> <field|->`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use studio_access_core::Date;
use studio_access_core::scenario::{parse, run};

/// The date used by files that do not set `today` (all of ours do).
const DEFAULT_TODAY: &str = "2026-11-22";

/// The `.toml` files of `dir`, sorted by name.
fn toml_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "toml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// `path` relative to the crate, for messages.
fn shown(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// `(line, field)` from `# expect-malformed: <line> <field|->`.
fn expected_malformation(text: &str) -> Option<(usize, Option<String>)> {
    let rest = text.lines().next()?.strip_prefix("# expect-malformed:")?;
    let mut words = rest.split_whitespace();
    let line = words.next()?.parse().ok()?;
    let field = match words.next()? {
        "-" => None,
        field => Some(field.to_owned()),
    };
    if words.next().is_some() {
        return None;
    }
    Some((line, field))
}

#[test]
fn scenarios_and_examples_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let today: Date = DEFAULT_TODAY.parse().unwrap();
    let scenarios = toml_files(&root.join("tests/scenarios")).unwrap();
    let examples = toml_files(&root.join("../../examples")).unwrap();
    assert!(
        !scenarios.is_empty(),
        "no scenario files in tests/scenarios"
    );
    assert!(!examples.is_empty(), "no example files in ../../examples");

    let mut entries = 0;
    let mut failures = Vec::new();
    for path in scenarios.iter().chain(&examples) {
        let name = shown(path);
        let text = fs::read_to_string(path).unwrap();
        match parse(&name, &text) {
            Err(malformed) => failures.push(format!("{name}: {malformed}")),
            Ok(scenario) => {
                let report = run(&scenario, today);
                if report.results.is_empty() {
                    failures.push(format!("{name}: no entries"));
                }
                for result in &report.results {
                    entries += 1;
                    if !result.passed {
                        failures.push(format!("{name}: {result}"));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {entries} entries failed (a malformed file counts as one):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn malformed_files_are_rejected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = toml_files(&root.join("tests/malformed")).unwrap();
    assert!(!files.is_empty(), "no files in tests/malformed");

    let mut failures = Vec::new();
    for path in &files {
        let name = shown(path);
        let text = fs::read_to_string(path).unwrap();
        let Some((line, field)) = expected_malformation(&text) else {
            failures.push(format!(
                "{name}: first line is not `# expect-malformed: <line> <field|->`"
            ));
            continue;
        };
        match parse(&name, &text) {
            Ok(scenario) => failures.push(format!(
                "{name}: accepted ({} entries), expected malformed at line {line}, field {field:?}",
                scenario.entries.len()
            )),
            Err(malformed) => {
                if malformed.file != name || malformed.line != line || malformed.field != field {
                    failures.push(format!(
                        "{name}: expected line {line}, field {field:?}; got file {:?}, line {}, field {:?} ({})",
                        malformed.file, malformed.line, malformed.field, malformed.message
                    ));
                }
                if malformed.message.trim().is_empty() {
                    failures.push(format!("{name}: empty message"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} malformed-file check(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// SPEC §8 "An entry whose outcome differs from its expectation fails and the run goes on from
/// the state the entry left", and a `load`'s `allowed = N` is part of its expectation.
#[test]
fn failed_entries_are_reported_and_the_run_goes_on() {
    let text = r#"
today = "2026-11-22"

[[step]]
op = "create-user"
name = "u"
expect = "error:duplicate"

[[step]]
op = "create-user"
name = "u"
expect = "error:duplicate"

[[step]]
op = "load"
model = "qwen-max"
traffic = []
expect = "allow"
allowed = 1

[[step]]
op = "load"
model = "qwen-max"
traffic = []
expect = "allow"
allowed = 0

[[step]]
op = "use-feature"
feature = "ai-guardrails"
expect = "allow"
"#;
    let scenario = parse("inline.toml", text).unwrap();
    let today: Date = DEFAULT_TODAY.parse().unwrap();
    let report = run(&scenario, today);
    let passed: Vec<bool> = report.results.iter().map(|r| r.passed).collect();
    // 1: the user is created (ok), not the duplicate expected → fails, but the user exists;
    // 2: so the second create is a duplicate → passes; 3: allowed 0 ≠ 1 → fails; 4: passes;
    // 5: ai-guardrails is not activated in a new account → fails.
    assert_eq!(passed, [false, true, false, true, false], "{report:?}");
    let numbers: Vec<usize> = report.results.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(report.results[0].op, "create-user");
    assert_eq!(report.results[0].actual, "ok");
    assert_eq!(report.results[4].actual, "deny:not-activated");
}
