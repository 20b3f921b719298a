//! The Data menu on the release build: files picked through the real file input. A damaged file is
//! refused with a message naming the problem and the work stays; an exported state replaces the
//! current one. Run by `bash .ci/test` (needs `dist/` and chromedriver).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use studio_access_e2e::{HarnessError, Site};

const PATIENCE: Duration = Duration::from_secs(15);

/// A file of this test's own, in a folder of its own under the temporary folder (so that it keeps
/// its plain name), removed when dropped (a failed test too).
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, content: &str) -> Result<TempFile, HarnessError> {
        let folder = std::env::temp_dir().join(format!(
            "studio-access-e2e-{}-{}",
            std::process::id(),
            name.replace('.', "-")
        ));
        let path = folder.join(name);
        std::fs::create_dir_all(&folder)
            .and_then(|()| std::fs::write(&path, content))
            .map_err(|source| HarnessError::Start {
                what: format!("the test file {}", path.display()),
                source,
            })?;
        Ok(TempFile(path))
    }

    fn path(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(folder) = self.0.parent() {
            let _ = std::fs::remove_dir_all(folder);
        }
    }
}

async fn text_now(site: &Site, test_id: &str) -> Option<String> {
    let selector = format!("[data-testid=\"{test_id}\"]");
    let element = site
        .browser()
        .client()
        .find(Locator::Css(&selector))
        .await
        .ok()?;
    element.text().await.ok()
}

/// Waits until the element `test_id` reads something containing `part`; returns what it read.
async fn text_contains(site: &Site, test_id: &str, part: &str) -> Result<String, HarnessError> {
    let started = Instant::now();
    let mut last = None;
    while started.elapsed() < PATIENCE {
        if let Some(text) = text_now(site, test_id).await {
            if text.contains(part) {
                return Ok(text);
            }
            last = Some(text);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(HarnessError::Timeout(format!(
        "`{test_id}` to contain {part:?} (last read {last:?})"
    )))
}

/// Waits until no element has this test id.
async fn gone(site: &Site, test_id: &str) -> Result<(), HarnessError> {
    let started = Instant::now();
    while started.elapsed() < PATIENCE {
        if site.all_by_test_id(test_id).await?.is_empty() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(HarnessError::Timeout(format!("`{test_id}` to go away")))
}

async fn create_user(site: &Site, name: &str) -> Result<(), HarnessError> {
    let field = site.by_test_id("create-user-name").await?;
    field.clear().await?;
    field.send_keys(name).await?;
    site.click("create-user-submit").await?;
    // A new user raises the audit's "user without workspace": the console asks first.
    site.click("identities-change-apply").await?;
    site.by_test_id(&format!("principal-row-user-{name}"))
        .await?;
    Ok(())
}

/// Picks `file` in the Data menu's file input, as a person choosing it in the file picker.
async fn import(site: &Site, file: &TempFile) -> Result<(), HarnessError> {
    site.by_test_id("data-import-input")
        .await?
        .send_keys(&file.path())
        .await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_damaged_file_is_refused_and_an_exported_state_replaces_the_work()
-> Result<(), HarnessError> {
    let site = Site::start("/studio-access/").await?;
    site.open("/studio-access/identities").await?;
    site.wait_for_text("page-title", "Identities").await?;

    create_user(&site, "kept-user").await?;
    let exported = site
        .saved_becomes(|saved| saved.contains("kept-user"))
        .await?;
    let exported = TempFile::new("exported.json", &exported)?;
    create_user(&site, "later-user").await?;
    let before = site
        .saved_becomes(|saved| saved.contains("later-user"))
        .await?;

    // A damaged file: refused, named, and nothing changes, saved data included.
    let damaged = TempFile::new("damaged.json", "{\"version\": 1, \"state\": {not json")?;
    site.click("data-menu-toggle").await?;
    import(&site, &damaged).await?;
    let said = text_contains(&site, "data-feedback", "was not imported").await?;
    assert!(
        said.contains("damaged.json") && said.contains("damaged"),
        "the message reads {said:?}"
    );
    site.by_test_id("principal-row-user-kept-user").await?;
    site.by_test_id("principal-row-user-later-user").await?;
    assert_eq!(site.saved_state().await?, before);

    // A file of another kind altogether: refused the same way.
    let foreign = TempFile::new("foreign.json", "{\"name\": \"not a studio-access export\"}")?;
    import(&site, &foreign).await?;
    text_contains(&site, "data-feedback", "`foreign.json` was not imported").await?;
    assert_eq!(site.saved_state().await?, before);

    // After a reload the work is all there.
    site.reload().await?;
    site.wait_for_text("page-title", "Identities").await?;
    site.by_test_id("principal-row-user-later-user").await?;

    // The state saved earlier replaces the current one, and stays after a reload.
    site.click("data-menu-toggle").await?;
    import(&site, &exported).await?;
    // Over recorded work an import asks first, with what it would change.
    site.click("data-import-confirm").await?;
    text_contains(&site, "data-feedback", "Imported `exported.json`").await?;
    gone(&site, "principal-row-user-later-user").await?;
    site.by_test_id("principal-row-user-kept-user").await?;
    site.reload().await?;
    site.wait_for_text("page-title", "Identities").await?;
    site.by_test_id("principal-row-user-kept-user").await?;
    assert!(
        site.all_by_test_id("principal-row-user-later-user")
            .await?
            .is_empty()
    );

    site.close().await
}
