//! The API keys, scenarios and activity screens of the release build, used as a person would:
//! a key's secret is shown once and survives nowhere, the example scenario files run through the
//! file picker and the samples, and kept work is still there after a reload.

use std::path::{Path, PathBuf};

use studio_access_e2e::{HarnessError, MOUNT, Screen, Site};

/// The absolute path of a file of `examples/` (chromedriver wants canonical paths).
fn example(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    std::fs::canonicalize(&path).unwrap_or(path)
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_key_secret_is_shown_once_and_the_key_survives_a_reload() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::ApiKeys).await?;

    site.type_into("key-create-label", "e2e-key").await?;
    site.click("key-create-submit").await?;
    // A new key goes from absent to active: the console asks first.
    site.press("key-create-change-apply").await?;
    let secret = site.by_test_id("key-secret").await?.text().await?;
    assert!(
        secret.starts_with("sk-") && secret.len() == 35,
        "secret {secret:?}"
    );
    site.text_contains("key-create-feedback", "Created key e2e-key")
        .await?;
    let masked = site
        .text_until("key-masked-e2e-key", |t| !t.is_empty())
        .await?;
    assert!(masked.starts_with(secret.get(..5).unwrap_or_default()));
    assert!(!site.local_storage().await?.contains(&secret));

    site.reload().await?;
    site.wait_for_screen(Screen::ApiKeys).await?;
    site.text_until("key-status-e2e-key", |t| t == "active")
        .await?;
    assert!(site.all_by_test_id("key-secret").await?.is_empty());
    let page = site.page_source().await?;
    assert!(!page.contains(&secret), "the secret is on the page again");
    assert!(!site.local_storage().await?.contains(&secret));

    // Deleting asks first, and a deleted key stays listed as deleted after a reload.
    site.click("key-delete-e2e-key").await?;
    site.click("key-delete-e2e-key-confirm").await?;
    site.text_until("key-status-e2e-key", |t| t == "deleted")
        .await?;
    site.reload().await?;
    site.text_until("key-status-e2e-key", |t| t == "deleted")
        .await?;
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn example_files_run_through_the_file_picker() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Scenarios).await?;
    site.click("scenario-start-new").await?;

    for file in [
        "project-member.toml",
        "administrator.toml",
        "api-key-lifecycle.toml",
    ] {
        // After a run the page shows its answer; the picker is back up at the top.
        site.pick_file("scenario-file", &example(file)).await?;
        site.text_contains("scenario-load-feedback", &format!("Opened {file}"))
            .await?;
        site.click("scenario-run").await?;
        let summary = site
            .text_until("scenario-summary", |t| t.ends_with(" 0 failed"))
            .await?;
        assert!(!summary.starts_with("0 passed"), "{file}: {summary}");
        site.text_contains("scenario-report", &format!("{file} ran on a new account"))
            .await?;
    }
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_kept_scenario_result_is_the_console_state_after_a_reload() -> Result<(), HarnessError> {
    let site = Site::start("/").await?;
    site.open_screen(Screen::Scenarios).await?;

    // A malformed file names where it is wrong, and nothing runs.
    site.paste_into(
        "scenario-text",
        "[[step]]\nop = \"create-user\"\nname = \"x\"\ncolour = \"blue\"\n",
    )
    .await?;
    site.click("scenario-run").await?;
    site.text_contains("scenario-malformed-field", "colour")
        .await?;
    site.text_contains("scenario-malformed-line", "4").await?;

    site.press("scenario-sample-administrator").await?;
    site.press("scenario-run").await?;
    site.text_until("scenario-summary", |t| t.ends_with(" 0 failed"))
        .await?;
    site.click("scenario-keep").await?;
    site.click("scenario-keep-confirm").await?;
    site.text_contains("scenario-keep-feedback", "resulting state")
        .await?;

    site.reload().await?;
    site.wait_for_screen(Screen::Scenarios).await?;
    site.go_to(Screen::ApiKeys).await?;
    site.text_until("key-owner-dev-01-key", |t| t == "dev-01")
        .await?;
    site.go_to(Screen::Activity).await?;
    let newest = site.all_by_test_id("activity-table").await?;
    assert_eq!(newest.len(), 1);
    let log = newest
        .first()
        .map(|table| table.text())
        .ok_or_else(|| HarnessError::Timeout("the activity table".into()))?
        .await?;
    assert!(log.contains("admin-01"), "{log}");
    assert!(log.contains("dev-01-key"), "{log}");

    // Undo from the activity page; the undone change stays undone after a reload.
    let changes = |text: &str| {
        text.split_whitespace()
            .next()
            .and_then(|n| n.parse::<usize>().ok())
    };
    let before = site
        .text_until("activity-counts", |t| changes(t).is_some())
        .await?;
    let before = changes(&before).unwrap_or_default();
    site.click("activity-undo").await?;
    site.text_contains("activity-feedback", "Undone: #").await?;
    site.text_contains("activity-counts", "1 undone").await?;
    site.reload().await?;
    let after = site
        .text_until("activity-counts", |t| changes(t).is_some())
        .await?;
    assert_eq!(changes(&after), Some(before - 1), "{after}");
    site.close().await
}
