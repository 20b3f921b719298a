//! Accessibility checked by a real engine (issue 13): axe-core runs against every screen of the
//! release build with the sample organisation loaded, in the light and the dark scheme, and
//! against the states a person opens on top of them (a matrix review, a key's whitelist editor,
//! a checker answer, a What can table also at 390 px, a linked key, a workspace's panel). Zero
//! violations; a failure lists each one with the elements that break it.

use studio_access_e2e::{HarnessError, MOUNT, Screen, Site, Theme, Violation};

/// The matrix's workspace and a cell of it that can be staged (user-01 is a member there).
const WORKSPACE: &str = "project-a";
const CELL: &str = "cell-user-user-01-project-a-Playground-FullAccess";

/// What axe found in one place: the scheme and what was showing.
struct Found {
    place: String,
    violations: Vec<Violation>,
}

/// Opens the console in `theme` and loads the sample organisation through the Data menu.
async fn sample_in(theme: Theme) -> Result<Site, HarnessError> {
    let site = Site::start_in(MOUNT, theme).await?;
    site.open_screen(Screen::Overview).await?;
    let dark = site
        .browser()
        .client()
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            Vec::new(),
        )
        .await?;
    assert_eq!(dark.as_bool(), Some(theme == Theme::Dark), "{theme:?}");
    site.load_sample().await?;
    Ok(site)
}

/// Runs axe on what `site` shows now and keeps what it found under `place`.
async fn check(site: &Site, place: String, found: &mut Vec<Found>) -> Result<(), HarnessError> {
    let violations = site.accessibility_violations().await?;
    if !violations.is_empty() {
        found.push(Found { place, violations });
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs dist/, chromedriver and axe-core: run by `bash .ci/test`"]
async fn every_screen_has_no_accessibility_violations_in_either_scheme() -> Result<(), HarnessError>
{
    let mut found = Vec::new();
    for theme in Theme::ALL {
        let site = sample_in(theme).await?;
        for screen in Screen::ALL {
            site.go_to(screen).await?;
            check(&site, format!("{theme:?}: {}", screen.title()), &mut found).await?;
        }

        // The matrix with a change staged and its review open.
        let matrix = format!(
            "{}?workspace={WORKSPACE}",
            site.path_of(Screen::Permissions)
        );
        site.open(&matrix).await?;
        site.wait_for_screen(Screen::Permissions).await?;
        site.press(CELL).await?;
        site.press("matrix-review").await?;
        site.by_test_id("matrix-review-effect").await?;
        check(&site, format!("{theme:?}: matrix review"), &mut found).await?;

        // A key's IP whitelist editor.
        site.go_to(Screen::ApiKeys).await?;
        site.press("key-whitelist-project-a-app").await?;
        site.by_test_id("whitelist-editor").await?;
        check(&site, format!("{theme:?}: whitelist editor"), &mut found).await?;

        // An answer of the access checker.
        site.go_to(Screen::AccessChecker).await?;
        site.type_into("check-who", "user-01").await?;
        site.click("check-submit").await?;
        site.text_until("check-outcome", |t| !t.is_empty()).await?;
        check(&site, format!("{theme:?}: checker answer"), &mut found).await?;

        // What … can do, a table that scrolls sideways on a phone.
        // Check brought its answer into the window: the form's buttons may now be under the
        // sticky top bar, so this one is pressed from the middle of the window.
        site.press("check-what-can").await?;
        site.by_test_id("what-can-table").await?;
        check(&site, format!("{theme:?}: what can table"), &mut found).await?;
        site.resize(390, 844).await?;
        check(
            &site,
            format!("{theme:?}: what can table at 390 px"),
            &mut found,
        )
        .await?;
        site.resize(1280, 800).await?;

        // A key opened by a link (an audit finding's), its row highlighted.
        site.open(&format!(
            "{}?key=project-a-app",
            site.path_of(Screen::ApiKeys)
        ))
        .await?;
        site.by_test_id("keys-link-note").await?;
        check(&site, format!("{theme:?}: linked key"), &mut found).await?;

        // A workspace opened, with its members and the link to the matrix in a sentence.
        site.open(&format!(
            "{}?workspace={WORKSPACE}",
            site.path_of(Screen::Workspaces)
        ))
        .await?;
        site.by_test_id("members-matrix-link").await?;
        check(&site, format!("{theme:?}: workspace panel"), &mut found).await?;
        site.close().await?;
    }

    let report: String = found
        .iter()
        .map(|f| {
            let list: String = f.violations.iter().map(|v| format!("  {v}")).collect();
            format!("{}:\n{list}", f.place)
        })
        .collect();
    assert!(found.is_empty(), "axe found violations:\n{report}");
    Ok(())
}

/// No two visible controls on a screen share an accessible name (issue 13: every Workspaces
/// row's button read "Manage", Compare's two lists "State"), with the sample loaded and on the
/// states that list rows of controls: a workspace's panel, and the keys.
#[tokio::test]
#[ignore = "needs dist/, chromedriver and axe-core: run by `bash .ci/test`"]
async fn no_two_controls_on_a_screen_share_a_name() -> Result<(), HarnessError> {
    let site = sample_in(Theme::Light).await?;
    let mut found = Vec::new();
    let mut look = async |place: String| -> Result<(), HarnessError> {
        let repeated = site.repeated_names().await?;
        if !repeated.is_empty() {
            found.push(format!("{place}: {}", repeated.join(", ")));
        }
        Ok(())
    };
    for screen in Screen::ALL {
        site.go_to(screen).await?;
        look(screen.title().to_owned()).await?;
    }
    site.open(&format!(
        "{}?workspace={WORKSPACE}",
        site.path_of(Screen::Workspaces)
    ))
    .await?;
    site.by_test_id("members-matrix-link").await?;
    look("workspace panel".to_owned()).await?;
    site.close().await?;
    assert!(
        found.is_empty(),
        "controls that share a name:\n{}",
        found.join("\n")
    );
    Ok(())
}
