//! The API keys, scenarios and activity screens of the release build, used as a person would:
//! a key's secret is shown once and survives nowhere, the example scenario files run through the
//! file picker and the samples, and kept work is still there after a reload.

mod steps;

use steps::*;
use studio_access_e2e::{HarnessError, Site};

/// The absolute path of a file of `examples/` (chromedriver wants canonical paths).
fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    std::fs::canonicalize(&path)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_key_secret_is_shown_once_and_the_key_survives_a_reload() -> Result<(), HarnessError> {
    let site = Site::start("/studio-access/").await?;
    site.open("/studio-access/keys").await?;
    site.wait_for_text("page-title", "API keys").await?;

    type_into(&site, "key-create-label", "e2e-key").await?;
    site.click("key-create-submit").await?;
    // A new key goes from absent to active: the console asks first.
    press(&site, "key-create-change-apply").await?;
    let secret = site.by_test_id("key-secret").await?.text().await?;
    assert!(
        secret.starts_with("sk-") && secret.len() == 35,
        "secret {secret:?}"
    );
    text_contains(&site, "key-create-feedback", "Created key `e2e-key`").await?;
    let masked = text_until(&site, "key-masked-e2e-key", |t| !t.is_empty()).await?;
    assert!(masked.starts_with(secret.get(..5).unwrap_or_default()));
    assert!(!local_storage(&site).await?.contains(&secret));

    site.reload().await?;
    site.wait_for_text("page-title", "API keys").await?;
    text_until(&site, "key-status-e2e-key", |t| t == "active").await?;
    assert!(site.all_by_test_id("key-secret").await?.is_empty());
    let page = site.browser().client().source().await?;
    assert!(!page.contains(&secret), "the secret is on the page again");
    assert!(!local_storage(&site).await?.contains(&secret));

    // Deleting asks first, and a deleted key stays listed as deleted after a reload.
    site.click("key-delete-e2e-key").await?;
    site.click("key-delete-e2e-key-confirm").await?;
    text_until(&site, "key-status-e2e-key", |t| t == "deleted").await?;
    site.reload().await?;
    text_until(&site, "key-status-e2e-key", |t| t == "deleted").await?;
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn example_files_run_through_the_file_picker() -> Result<(), HarnessError> {
    let site = Site::start("/studio-access/").await?;
    site.open("/studio-access/scenarios").await?;
    site.wait_for_text("page-title", "Scenarios").await?;
    site.click("scenario-start-new").await?;

    for file in [
        "project-member.toml",
        "administrator.toml",
        "api-key-lifecycle.toml",
    ] {
        // After a run the page shows its answer; the picker is back up at the top.
        let picker = site.by_test_id("scenario-file").await?;
        picker.send_keys(&example(file)).await?;
        text_contains(&site, "scenario-load-feedback", &format!("Opened `{file}`")).await?;
        site.click("scenario-run").await?;
        let summary = text_until(&site, "scenario-summary", |t| t.ends_with(" 0 failed")).await?;
        assert!(!summary.starts_with("0 passed"), "{file}: {summary}");
        text_contains(
            &site,
            "scenario-report",
            &format!("`{file}` ran on a new account"),
        )
        .await?;
    }
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_kept_scenario_result_is_the_console_state_after_a_reload() -> Result<(), HarnessError> {
    let site = Site::start("/").await?;
    site.open("/scenarios").await?;
    site.wait_for_text("page-title", "Scenarios").await?;

    // A malformed file names where it is wrong, and nothing runs.
    paste_into(
        &site,
        "scenario-text",
        "[[step]]\nop = \"create-user\"\nname = \"x\"\ncolour = \"blue\"\n",
    )
    .await?;
    site.click("scenario-run").await?;
    text_contains(&site, "scenario-malformed-field", "colour").await?;
    text_contains(&site, "scenario-malformed-line", "4").await?;

    press(&site, "scenario-sample-administrator").await?;
    press(&site, "scenario-run").await?;
    text_until(&site, "scenario-summary", |t| t.ends_with(" 0 failed")).await?;
    site.click("scenario-keep").await?;
    site.click("scenario-keep-confirm").await?;
    text_contains(&site, "scenario-keep-feedback", "resulting state").await?;

    site.reload().await?;
    site.wait_for_text("page-title", "Scenarios").await?;
    go_to(&site, "keys", "API keys").await?;
    text_until(&site, "key-owner-dev-01-key", |t| t == "dev-01").await?;
    go_to(&site, "activity", "Activity").await?;
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
    let before = text_until(&site, "activity-counts", |t| changes(t).is_some()).await?;
    let before = changes(&before).unwrap_or_default();
    site.click("activity-undo").await?;
    text_contains(&site, "activity-feedback", "Undone: #").await?;
    text_contains(&site, "activity-counts", "1 undone").await?;
    site.reload().await?;
    let after = text_until(&site, "activity-counts", |t| changes(t).is_some()).await?;
    assert_eq!(changes(&after), Some(before - 1), "{after}");
    site.close().await
}
