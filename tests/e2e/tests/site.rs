//! The release build in headless Chromium, hosted as static files. These need `dist/` (from
//! `trunk build --release`) and chromedriver, so plain `cargo test` skips them; `.ci/test` runs
//! them with `--include-ignored` after building.

use studio_access_e2e::{HarnessError, Site};

const NAV_TITLES: [&str; 10] = [
    "Overview",
    "Identities",
    "Workspaces",
    "Permissions",
    "API keys",
    "Access checker",
    "Audit",
    "Activity",
    "Compare",
    "Scenarios",
];

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn the_shell_renders_under_a_sub_path() -> Result<(), HarnessError> {
    let site = Site::start("/studio-access/").await?;
    site.open("/studio-access/").await?;

    let header = site.by_test_id("app-header").await?.text().await?;
    assert!(header.contains("Model Studio"), "header reads {header:?}");
    site.wait_for_text("page-title", "Overview").await?;

    let nav = site.by_test_id("nav").await?;
    let mut titles = Vec::new();
    for link in nav.find_all(fantoccini::Locator::Css("a")).await? {
        titles.push(link.text().await?);
    }
    assert_eq!(titles, NAV_TITLES);
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn navigation_changes_the_page_the_address_and_history() -> Result<(), HarnessError> {
    let site = Site::start("/studio-access/").await?;
    site.open("/studio-access/").await?;
    site.wait_for_text("page-title", "Overview").await?;

    site.click("nav-link-workspaces").await?;
    site.wait_for_text("page-title", "Workspaces").await?;
    assert_eq!(site.location().await?, "/studio-access/workspaces");

    site.click("nav-link-check").await?;
    site.wait_for_text("page-title", "Access checker").await?;
    assert_eq!(site.location().await?, "/studio-access/check");

    site.back().await?;
    site.wait_for_text("page-title", "Workspaces").await?;
    assert_eq!(site.location().await?, "/studio-access/workspaces");
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_deep_link_under_the_sub_path_opens_and_survives_a_reload() -> Result<(), HarnessError> {
    let site = Site::start("/studio-access/").await?;

    // The host has no file at this path: 404.html finds the app and hands it the route.
    site.open("/studio-access/keys?filter=active#top").await?;
    site.wait_for_text("page-title", "API keys").await?;
    assert_eq!(
        site.location().await?,
        "/studio-access/keys?filter=active#top"
    );

    site.reload().await?;
    site.wait_for_text("page-title", "API keys").await?;
    assert_eq!(
        site.location().await?,
        "/studio-access/keys?filter=active#top"
    );

    // Links keep working after arriving by deep link.
    site.click("nav-link-audit").await?;
    site.wait_for_text("page-title", "Audit").await?;
    assert_eq!(site.location().await?, "/studio-access/audit");
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_nested_unknown_path_shows_not_found_inside_the_app() -> Result<(), HarnessError> {
    let site = Site::start("/studio-access/").await?;
    site.open("/studio-access/no/such/page").await?;
    site.wait_for_text("page-title", "Page not found").await?;
    assert_eq!(site.location().await?, "/studio-access/no/such/page");
    site.by_test_id("nav").await?;
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn the_same_build_serves_from_the_site_root() -> Result<(), HarnessError> {
    let site = Site::start("/").await?;
    site.open("/matrix").await?;
    site.wait_for_text("page-title", "Permissions").await?;

    let link = site.by_test_id("nav-link-identities").await?;
    assert_eq!(link.attr("href").await?.as_deref(), Some("/identities"));
    link.click().await?;
    site.wait_for_text("page-title", "Identities").await?;
    assert_eq!(site.location().await?, "/identities");
    site.close().await
}
