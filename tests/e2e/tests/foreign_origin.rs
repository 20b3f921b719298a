//! No address can make the site load anything from, fetch from or send the person to another
//! origin: a path that begins with two slashes (`//other.example/x/`, which a URL parser reads
//! as another host), the same in `?route=`, or backslashes. Each is visited under both kinds of
//! static hosting (`404.html` for unknown paths, and `index.html` for unknown paths) while a
//! second loopback host plays the other origin and counts every request that reaches it.

use std::time::Duration;

use studio_access_e2e::{Fallback, HarnessError, MOUNT, Site, StaticHost};

/// The other origin: a site whose `index.html` even carries the app's marker, so that a page
/// looking for the app's folder would take it.
fn other_origin() -> Result<(StaticHost, std::path::PathBuf), HarnessError> {
    let dir =
        std::env::temp_dir().join(format!("studio-access-other-origin-{}", std::process::id()));
    let start = |source| HarnessError::Start {
        what: "the other origin".into(),
        source,
    };
    std::fs::create_dir_all(dir.join("x")).map_err(start)?;
    let page =
        r#"<!doctype html><meta name="studio-access-root" content=""><title>other origin</title>"#;
    std::fs::write(dir.join("index.html"), page).map_err(start)?;
    std::fs::write(dir.join("x").join("index.html"), page).map_err(start)?;
    let host = StaticHost::start_with(&dir, "/", Fallback::IndexHtml).map_err(start)?;
    Ok((host, dir))
}

async fn stays_home(site: &Site, path: &str, other: &StaticHost) -> Result<(), HarnessError> {
    site.open(path).await?;
    // Long enough for the boot script, the 404 page's search and the app's assets.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let url = site.browser().client().current_url().await?;
    let home = site.host().address().port();
    assert_eq!(
        url.port_or_known_default(),
        Some(home),
        "{path} took the browser to {url}"
    );
    assert_eq!(other.requests(), 0, "{path} reached the other origin");
    // No element of the page points elsewhere either.
    let base = site
        .browser()
        .client()
        .execute("return document.baseURI;", Vec::new())
        .await?;
    let base = base.as_str().unwrap_or_default().to_owned();
    assert!(
        base.starts_with(&format!("http://127.0.0.1:{home}/")),
        "{path}: the page's base is {base}"
    );
    Ok(())
}

async fn no_path_leaves_the_origin(fallback: Fallback) -> Result<(), HarnessError> {
    let (other, dir) = other_origin()?;
    let there = format!("127.0.0.1:{}", other.address().port());
    let site = Site::start_with("/", fallback).await?;
    for path in [
        format!("//{there}/x/"),
        format!("//{there}/x/keys"),
        format!("///{there}/x/"),
        format!("/\\{there}/x/"),
        format!("/?route=%2F%2F{there}%2Fx%2F"),
        format!("/?route=%5C{there}%2Fx%2F"),
        format!("/?route=%2F%5C{there}%2Fx%2F#//{there}/"),
    ] {
        stays_home(&site, &path, &other).await?;
    }
    // A path under a mount of its own too.
    site.close().await?;
    let site = Site::start_with(MOUNT, fallback).await?;
    stays_home(&site, &format!("{MOUNT}/{there}/x/"), &other).await?;
    let _ = std::fs::remove_dir_all(dir);
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn no_path_leaves_the_origin_on_a_host_with_a_404_page() -> Result<(), HarnessError> {
    no_path_leaves_the_origin(Fallback::NotFoundPage).await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn no_path_leaves_the_origin_on_a_host_that_serves_index_for_unknown_paths()
-> Result<(), HarnessError> {
    no_path_leaves_the_origin(Fallback::IndexHtml).await
}
