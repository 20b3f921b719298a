//! The Data menu on the release build: files picked through the real file input. A damaged file is
//! refused with a message naming the problem and the work stays; an exported state replaces the
//! current one. Run by `bash .ci/test` (needs `dist/` and chromedriver).

use std::path::{Path, PathBuf};

use studio_access_e2e::{HarnessError, MOUNT, Screen, Site};

/// The Data menu's file input.
const IMPORT: &str = "data-import-input";

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

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(folder) = self.0.parent() {
            let _ = std::fs::remove_dir_all(folder);
        }
    }
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_damaged_file_is_refused_and_an_exported_state_replaces_the_work()
-> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Identities).await?;

    site.create_user("kept-user").await?;
    let exported = TempFile::new("exported.json", &site.saved_state().await?)?;
    site.create_user("later-user").await?;
    let before = site.saved_state().await?;

    // A damaged file: refused, named, and nothing changes, saved data included.
    let damaged = TempFile::new("damaged.json", "{\"version\": 1, \"state\": {not json")?;
    site.click("data-menu-toggle").await?;
    site.pick_file(IMPORT, damaged.path()).await?;
    let said = site
        .text_contains("data-feedback", "was not imported")
        .await?;
    assert!(
        said.contains("damaged.json") && said.contains("damaged"),
        "the message reads {said:?}"
    );
    site.by_test_id("principal-row-user-kept-user").await?;
    site.by_test_id("principal-row-user-later-user").await?;
    assert_eq!(site.saved_state().await?, before);

    // A file of another kind altogether: refused the same way.
    let foreign = TempFile::new("foreign.json", "{\"name\": \"not a studio-access export\"}")?;
    site.pick_file(IMPORT, foreign.path()).await?;
    site.text_contains("data-feedback", "foreign.json was not imported")
        .await?;
    assert_eq!(site.saved_state().await?, before);

    // After a reload the work is all there.
    site.reload().await?;
    site.wait_for_screen(Screen::Identities).await?;
    site.by_test_id("principal-row-user-later-user").await?;

    // The state saved earlier replaces the current one, and stays after a reload.
    site.click("data-menu-toggle").await?;
    site.pick_file(IMPORT, exported.path()).await?;
    // Over recorded work an import asks first, with what it would change.
    site.click("data-import-confirm").await?;
    site.text_contains("data-feedback", "Imported exported.json")
        .await?;
    site.gone("principal-row-user-later-user").await?;
    site.by_test_id("principal-row-user-kept-user").await?;
    site.reload().await?;
    site.wait_for_screen(Screen::Identities).await?;
    site.by_test_id("principal-row-user-kept-user").await?;
    assert!(
        site.all_by_test_id("principal-row-user-later-user")
            .await?
            .is_empty()
    );

    site.close().await
}
