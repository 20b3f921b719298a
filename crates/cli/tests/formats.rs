//! Every subcommand in every format it offers: JSON parsed back, CSV read back, JUnit checked for
//! the elements and attributes CI systems need.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use studio_access_core::sample::sample_organisation;
use studio_access_core::{Command as Step, MemberName};
use support::{
    Exits, ask, check_junit, json, junit_cases, playground_step, run, sample_before_and_after,
    sample_file, scratch, today, write,
};

/// A scenario on the sample organisation: two entries pass, three fail (a check, a step, an
/// audit), with a name that needs escaping in XML.
fn mixed() -> String {
    playground_step("user-01", "project-a", "operate", "allow")
        + &playground_step("admin-01", "project-a", "view", "allow")
        + r#"
[[step]]
op = "create-workspace"
region = "ap-southeast-1"
name = "a<b>&\"c\""

[[step]]
op = "audit"
contains = ["dead-key"]

[[step]]
op = "audit"
absent = ["dead-key"]
"#
}

#[test]
fn run_as_junit_has_one_case_per_entry_and_a_failure_for_each_failed_one() {
    let dir = scratch("junit");
    let state = sample_file(&dir);
    let mixed = write(&dir, "mixed.toml", &mixed());
    let malformed = write(&dir, "bad <file>.toml", "[[step]]\nop = 3\n");
    let (status, out, err) = run(&[
        "run", "--state", &state, "--format", "junit", &mixed, &malformed,
    ]);
    assert_eq!(status, 1, "{out}{err}");
    assert!(
        out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        "{out}"
    );
    assert_eq!(
        err.trim_end(),
        "2 passed, 4 failed",
        "the closing line on standard error"
    );
    let doc = check_junit(&out);
    let suites: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .collect();
    assert_eq!(suites.len(), 2);
    assert_eq!(suites[0].attribute("name"), Some(mixed.as_str()));
    assert_eq!(suites[0].attribute("tests"), Some("5"));
    assert_eq!(suites[0].attribute("failures"), Some("3"));
    assert_eq!(suites[1].attribute("name"), Some(malformed.as_str()));
    assert_eq!(suites[1].attribute("failures"), Some("1"));
    let cases = junit_cases(&doc);
    assert_eq!(cases.len(), 6);
    assert_eq!(cases[0], ("entry 1 (line 2, open-page)".to_owned(), None));
    assert_eq!(
        cases[1],
        (
            "entry 2 (line 10, open-page)".to_owned(),
            Some("expected allow, got deny:not-member".to_owned())
        )
    );
    assert_eq!(
        cases[2].1.as_deref(),
        Some("expected ok, got error:invalid-value")
    );
    assert!(cases[3].1.is_none());
    assert!(
        cases[4]
            .1
            .as_deref()
            .unwrap()
            .starts_with("expected contains [], absent [dead-key], got findings [")
    );
    assert!(
        cases[5]
            .1
            .as_deref()
            .unwrap()
            .contains("malformed: field `op`")
    );
    // The failure's text is the explanation: the outcome in words and the trace.
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(failure.attribute("type"), Some("deny:not-member"));
    let text = failure.text().unwrap();
    assert!(text.contains("got:      Denied (not-member)"), "{text}");
    assert!(
        text.contains("✗ Workspace membership: User `admin-01` is not a member of `project-a`."),
        "{text}"
    );
    // The name with markup in it reads back as it was.
    let step = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .nth(1)
        .unwrap();
    assert!(
        step.text().unwrap().contains("`a<b>&\"c\"`"),
        "{:?}",
        step.text()
    );

    // A passing run is a report with no failure, and exits 0.
    let passing = write(
        &dir,
        "passing.toml",
        "[[step]]\nop = \"create-user\"\nname = \"x\"\n",
    );
    let out = run(&["run", "--format", "junit", &passing]).exits(0);
    let doc = check_junit(&out);
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
    assert_eq!(
        junit_cases(&doc),
        [("entry 1 (line 1, create-user)".to_owned(), None)]
    );
    // An unreadable file is an error case, and exits 2.
    let missing = dir.join("missing.toml").to_string_lossy().into_owned();
    let out = run(&["run", "--format", "junit", &passing, &missing]).exits(2);
    let doc = check_junit(&out);
    assert_eq!(doc.root_element().attribute("errors"), Some("1"));
}

#[test]
fn run_as_json_has_every_file_and_entry() {
    let dir = scratch("run-json");
    let state = sample_file(&dir);
    let mixed = write(&dir, "mixed.toml", &mixed());
    let malformed = write(&dir, "bad.toml", "[[step]]\nop = 3\n");
    let (status, out, err) = run(&[
        "run", "--state", &state, "--format", "json", &mixed, &malformed,
    ]);
    assert_eq!(status, 1, "{out}{err}");
    assert_eq!(err.trim_end(), "2 passed, 4 failed");
    let report = json(&out);
    assert_eq!(
        (report["passed"].as_u64(), report["failed"].as_u64()),
        (Some(2), Some(4))
    );
    let files = report["files"].as_array().unwrap();
    assert_eq!(files[0]["file"], mixed.as_str());
    assert_eq!(files[0]["status"], "ran");
    let entries = files[0]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 5);
    assert_eq!(entries[0]["passed"], true);
    assert!(entries[0].get("explanation").is_none());
    let failed = &entries[1];
    assert_eq!(
        (&failed["number"], &failed["line"], &failed["op"]),
        (
            &serde_json::json!(2),
            &serde_json::json!(10),
            &serde_json::json!("open-page")
        )
    );
    assert_eq!(failed["expected"], "allow");
    assert_eq!(failed["actual"], "deny:not-member");
    let explanation = &failed["explanation"];
    assert_eq!(explanation["expected"], "Allowed.");
    let trace = explanation["trace"].as_array().unwrap();
    let member = trace.iter().find(|t| t["gate"] == "member").unwrap();
    assert_eq!(member["passed"], false);
    assert!(
        member["says"]
            .as_str()
            .unwrap()
            .starts_with("✗ Workspace membership")
    );
    assert!(
        entries[2]["explanation"]["step"]
            .as_str()
            .unwrap()
            .starts_with("Create workspace `a<b>&\"c\"`")
    );
    assert_eq!(files[1]["status"], "malformed");
    assert_eq!(files[1]["line"], 2);
    assert_eq!(files[1]["field"], "op");
}

#[test]
fn check_as_json_has_the_outcome_the_trace_and_the_remedy() {
    let dir = scratch("check-json");
    let state = sample_file(&dir);
    let out = ask("check", &state, "op=open-page as=admin-01 workspace=project-a page=Playground-FullAccess access=view --format json")
    .exits(1);
    let answer = json(&out);
    assert_eq!(answer["outcome"], "deny:not-member");
    assert_eq!(answer["check"]["op"], "open-page");
    assert!(
        answer["says"]
            .as_str()
            .unwrap()
            .starts_with("Denied (not-member)")
    );
    assert!(
        answer["trace"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["gate"] == "member" && t["passed"] == false)
    );
    assert_eq!(answer["workspace"]["name"], "project-a");
    assert!(
        answer["workspace"]["id"]
            .as_str()
            .unwrap()
            .starts_with("llm-")
    );
    let remedy = answer["remedy"].as_array().unwrap();
    assert_eq!(remedy[0]["step"]["op"], "add-member");
    assert!(
        remedy[0]["says"]
            .as_str()
            .unwrap()
            .starts_with("Add user `admin-01`")
    );

    let out = run(&[
        "check",
        &state,
        "op=load",
        "model=qwen-plus",
        r#"traffic=[{ key = "project-a-open", requests = 3, tokens = 1 }]"#,
        "--format",
        "json",
    ])
    .exits(0);
    let answer = json(&out);
    assert_eq!(answer["outcome"], "allow");
    assert_eq!(answer["load"]["allowed"], 3);
    assert!(answer.get("remedy").is_none());

    let out = ask("check", &state, "op=billing action=nope --format json").exits(1);
    let answer = json(&out);
    assert_eq!(answer["outcome"], "error:invalid-value");
    assert!(answer["check"].is_null());
}

/// Reads CSV as this project writes it (quoted cells hold no line break).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| {
            let mut cells = Vec::new();
            let mut cell = String::new();
            let mut quoted = false;
            let mut chars = line.chars().peekable();
            while let Some(ch) = chars.next() {
                match (ch, quoted) {
                    ('"', false) if cell.is_empty() => quoted = true,
                    ('"', true) if chars.peek() == Some(&'"') => {
                        cell.push('"');
                        chars.next();
                    }
                    ('"', true) => quoted = false,
                    (',', false) => cells.push(std::mem::take(&mut cell)),
                    (c, _) => cell.push(c),
                }
            }
            cells.push(cell);
            cells
        })
        .collect()
}

#[test]
fn who_can_and_what_can_as_csv_and_json() {
    let dir = scratch("reverse-formats");
    let state = sample_file(&dir);
    let question = ["op=call-model", "workspace=project-a", "model=qwen-plus"];
    let args = |format: &str| -> Vec<String> {
        ["who-can", &state]
            .into_iter()
            .chain(question)
            .chain(["--format", format])
            .map(str::to_owned)
            .collect()
    };
    let text = |format: &str| {
        let args = args(format);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, out, err) = run(&args);
        assert_eq!(status, 0, "{out}{err}");
        out
    };
    let csv = read_csv(&text("csv"));
    assert_eq!(csv[0], ["principal", "workspace", "what", "grant"]);
    let rows = &csv[1..];
    assert!(rows.iter().all(|r| r.len() == 4), "{csv:?}");
    let root = rows.iter().find(|r| r[0] == "root").unwrap();
    assert_eq!(root[1], "project-a");
    assert_eq!(root[2], "Call `qwen-plus`");
    assert_eq!(
        root[3],
        "Alibaba Cloud account: The Alibaba Cloud account has access to everything."
    );
    let answer = json(&text("json"));
    assert_eq!(answer["question"]["op"], "call-model");
    let json_rows = answer["rows"].as_array().unwrap();
    assert_eq!(answer["allowed"].as_u64(), Some(json_rows.len() as u64));
    assert_eq!(
        json_rows.len(),
        rows.len(),
        "the same answers in every format"
    );
    for (row, cells) in json_rows.iter().zip(rows) {
        assert_eq!(row["principal"], cells[0].as_str());
        assert_eq!(row["grant"], cells[3].as_str());
    }
    // The text table has the same rows, and its closing count.
    let table = text("text");
    assert_eq!(table.lines().count(), rows.len() + 2);

    let out = ask("what-can", &state, "as=user-01 --format csv").exits(0);
    let csv = read_csv(&out);
    assert!(csv[1..].iter().all(|r| r[0] == "user-01"), "{csv:?}");
    assert!(
        csv.iter()
            .any(|r| r[1] == "project-a" && r[2] == "Operate Playground (Playground-FullAccess)"),
        "{csv:?}"
    );
    let out = ask("what-can", &state, "as=user-01 --format json").exits(0);
    let answer = json(&out);
    assert_eq!(answer["who"]["as"], "user-01");
    assert_eq!(answer["rows"].as_array().unwrap().len(), csv.len() - 1);
    // A principal that does not resolve: nothing on standard output for CSV.
    let (status, out, err) = ask("what-can", &state, "as=ghost --format csv");
    assert_eq!(status, 1);
    assert!(
        out.is_empty() && err.starts_with("deny:unknown-principal"),
        "{out}{err}"
    );
}

#[test]
fn diff_as_json_has_the_groups_and_the_diff() {
    let dir = scratch("diff-json");
    let (a, b) = sample_before_and_after(
        &dir,
        &Step::GrantPage {
            workspace: "project-a".into(),
            member: MemberName::User("user-01".into()),
            permission: studio_access_core::Page::ModelDeployment,
        },
    );
    let out = run(&["diff", &a, &b, "--format", "json"]).exits(1);
    let report = json(&out);
    assert_eq!(report["changed"], true);
    assert_eq!(
        report["gained"],
        serde_json::json!(["user user-01 gains Model deployment in project-a: view → operate"])
    );
    assert_eq!(report["lost"], serde_json::json!([]));
    assert_eq!(
        report["diff"]["pages"][0]["page"],
        "ModelDeployment-FullAccess"
    );
    assert!(
        report["summary"]
            .as_str()
            .unwrap()
            .contains("1 gain, 0 losses")
    );
    let out = run(&["diff", &a, &a, "--format", "json"]).exits(0);
    assert_eq!(json(&out)["changed"], false);
}

#[test]
fn audit_as_json_and_csv() {
    let dir = scratch("audit-formats");
    let state = sample_file(&dir);
    let findings = sample_organisation(today()).audit();
    let out = run(&["audit", &state, "--fail-on", "dead-key", "--format", "json"]).exits(1);
    let report = json(&out);
    let rows = report["findings"].as_array().unwrap();
    assert_eq!(rows.len(), findings.len());
    assert_eq!(report["failing"], serde_json::json!(["dead-key"]));
    let dead = rows.iter().find(|r| r["code"] == "dead-key").unwrap();
    assert_eq!(dead["title"], "Dead key");
    assert!(dead["subject"].as_str().unwrap().starts_with("API key "));
    assert!(!dead["fix"].as_str().unwrap().is_empty());

    let out = run(&["audit", &state, "--format", "csv"]).exits(0);
    let csv = read_csv(&out);
    assert_eq!(csv[0], ["code", "finding", "subject", "fix"]);
    assert_eq!(csv.len(), findings.len() + 1);
    for (row, finding) in csv[1..].iter().zip(&findings) {
        assert_eq!(row[0], finding.code.as_str());
        assert_eq!(row[3], finding.fix);
    }
}
