//! The release site is split into a module per screen (crates/app/src/routes.rs, built by
//! .ci/build-wasm): a first visit downloads the shell and the screen it opens on, the other
//! screens arrive while the browser is idle, and then moving between screens fetches nothing.
//! Run by `bash .ci/test` (needs `dist/`, or `$STUDIO_ACCESS_DIST`, and chromedriver).

use std::time::Instant;

use studio_access_e2e::{HarnessError, MOUNT, PATIENCE, POLL, Screen, Site};

/// The file of `screen`'s own module, as wasm-split-cli names it after its route type, which is
/// named after the screen's slug: `split___keys_view_<hash>.wasm` for `Screen::ApiKeys`.
fn is_piece_of(file: &str, screen: Screen) -> bool {
    file.starts_with(&format!("split___{}_view_", screen.slug()))
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn each_screen_arrives_once_and_moving_between_them_fetches_nothing()
-> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Scenarios).await?;
    let first = site.wasm_fetched().await?;
    assert!(
        first.iter().any(|f| f == "app_bg.wasm"),
        "no main module among {first:?}"
    );
    assert!(
        first.iter().any(|f| is_piece_of(f, Screen::Scenarios)),
        "the screen opened was drawn without its module: {first:?}"
    );

    // Once the browser is idle, every other screen's module is fetched, each once.
    let started = Instant::now();
    let mut fetched = first;
    while !Screen::ALL
        .iter()
        .all(|&screen| fetched.iter().any(|f| is_piece_of(f, screen)))
    {
        assert!(
            started.elapsed() < PATIENCE,
            "not every screen arrived while idle: {fetched:?}"
        );
        tokio::time::sleep(POLL).await;
        fetched = site.wasm_fetched().await?;
    }
    let mut unique = fetched.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), fetched.len(), "a module was fetched twice");

    for screen in Screen::ALL {
        site.go_to(screen).await?;
    }
    assert_eq!(
        site.wasm_fetched().await?.len(),
        fetched.len(),
        "moving between screens fetched more"
    );
    site.close().await
}
