//! The command line as a CI gate, round trip with the console (issue 14): the console's Export
//! downloads a state; `studio-access run --state` checks scenario files against it (one whose
//! expectations hold, exit 0; one whose expectation fails, exit 1 with the entry named); `--save`
//! writes the state a scenario ends in, and the console imports it with the scenario's changes.
//! Run by `bash .ci/test` (needs `dist/` and chromedriver; runs the CLI with `cargo run`).

use std::path::{Path, PathBuf};
use std::process::Output;

use studio_access_e2e::{HarnessError, MOUNT, Screen, Site};

/// The Data menu's file input.
const IMPORT: &str = "data-import-input";

/// Expectations that hold of the exported account once the scenario's steps have run: a new
/// workspace with the console's user as a member who may operate its Playground.
const PASSING: &str = r#"
[[step]]
op = "create-workspace"
region = "ap-southeast-1"
name = "round-trip-space"

[[step]]
op = "add-member"
workspace = "round-trip-space"
user = "round-trip-dev"

[[step]]
op = "grant-page"
workspace = "round-trip-space"
user = "round-trip-dev"
permission = "Playground-FullAccess"

[[step]]
as = "round-trip-dev"
op = "open-page"
workspace = "round-trip-space"
page = "Playground-FullAccess"
access = "operate"
expect = "allow"
"#;

/// An expectation that does not hold: the user made in the console holds no management policy.
const FAILING: &str = r#"
[[step]]
as = "round-trip-dev"
op = "open-system-administration"
expect = "allow"
"#;

/// A folder of this test's own under the temporary folder, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new() -> Result<Folder, HarnessError> {
        let path = std::env::temp_dir().join(format!(
            "studio-access-e2e-cli-round-trip-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).map_err(|source| HarnessError::Start {
            what: format!("the folder {}", path.display()),
            source,
        })?;
        Ok(Folder(path))
    }

    /// Writes `content` to the file `name` in the folder; returns its path.
    fn write(&self, name: &str, content: &str) -> Result<PathBuf, HarnessError> {
        let path = self.0.join(name);
        std::fs::write(&path, content).map_err(|source| HarnessError::Start {
            what: format!("the test file {}", path.display()),
            source,
        })?;
        Ok(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the command line (`cargo run -p studio-access`, built first if need be) with `args`.
async fn cli(args: &[&Path]) -> Result<Output, HarnessError> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml");
    tokio::process::Command::new(&cargo)
        .args(["run", "--quiet", "-p", "studio-access", "--manifest-path"])
        .arg(&manifest)
        .arg("--")
        .args(args)
        .output()
        .await
        .map_err(|source| HarnessError::Start {
            what: format!("`{cargo} run -p studio-access`"),
            source,
        })
}

/// What a run printed, for an assertion's message.
fn printed(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn an_export_is_checked_by_the_cli_and_the_state_it_saves_imports_into_the_console()
-> Result<(), HarnessError> {
    let folder = Folder::new()?;
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Identities).await?;
    site.create_user("round-trip-dev").await?;
    site.saved_becomes(|saved| saved.contains("round-trip-dev"))
        .await?;

    // The console's Export downloads the state.
    site.click("data-menu-toggle").await?;
    site.click("data-export").await?;
    let said = site.text_contains("data-feedback", "Exported to").await?;
    // "Exported to NAME." (the name is drawn as a name: its quoting backticks are not shown).
    let name = said
        .split("Exported to ")
        .nth(1)
        .map(|rest| rest.trim().trim_end_matches('.').trim_matches('`'))
        .unwrap_or_default()
        .to_owned();
    assert!(name.ends_with(".json"), "the feedback reads {said:?}");
    let exported = site.downloaded(&name).await?;
    assert!(
        exported.contains("round-trip-dev"),
        "the export lacks the user"
    );
    let state = folder.write("exported.json", &exported)?;
    let passing = folder.write("passing.toml", PASSING)?;
    let failing = folder.write("failing.toml", FAILING)?;

    // Expectations that hold pass; one that does not fails with exit code 1, named.
    let state_flag = Path::new("--state");
    let run = Path::new("run");
    let output = cli(&[run, state_flag, &state, &passing]).await?;
    assert_eq!(output.status.code(), Some(0), "{}", printed(&output));
    // With --explain the failure's line is followed by the gate trace.
    let explain = Path::new("--explain");
    let output = cli(&[run, explain, state_flag, &state, &failing]).await?;
    assert_eq!(output.status.code(), Some(1), "{}", printed(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "failing.toml: entry 1 (line 2, open-system-administration): \
             expected allow, got deny:not-super-admin"
        ) && stdout.contains("✗ Super administrator")
            && stdout.contains("0 passed, 1 failed"),
        "{}",
        printed(&output)
    );

    // `--save` writes the state the scenario ends in, which the console imports.
    let saved = folder.0.join("saved.json");
    let output = cli(&[
        run,
        state_flag,
        &state,
        &passing,
        Path::new("--save"),
        &saved,
    ])
    .await?;
    assert_eq!(output.status.code(), Some(0), "{}", printed(&output));
    site.reload().await?;
    site.wait_for_screen(Screen::Identities).await?;
    site.click("data-menu-toggle").await?;
    site.pick_file(IMPORT, &saved).await?;
    // Over recorded work an import asks first, with what it would change.
    site.click("data-import-confirm").await?;
    site.text_contains("data-feedback", "Imported saved.json")
        .await?;
    site.text_contains("principal-row-user-round-trip-dev", "round-trip-space")
        .await?;
    site.reload().await?;
    site.wait_for_screen(Screen::Identities).await?;
    site.text_contains("principal-row-user-round-trip-dev", "round-trip-space")
        .await?;

    site.close().await
}
