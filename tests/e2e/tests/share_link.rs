//! Share links on the release build, across two fresh browser profiles: one person makes a link
//! from the Data menu, another opens it, sees a read-only preview with their own data untouched,
//! and imports it only on confirmation. Run by `bash .ci/test` (needs `dist/`, or
//! `$STUDIO_ACCESS_DIST`, and chromedriver).

use std::time::Duration;

use studio_access_e2e::{HarnessError, MOUNT, Screen, Site};

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn a_share_link_opens_as_a_preview_and_imports_on_confirmation() -> Result<(), HarnessError> {
    // One person makes a link of their state.
    let sharer = Site::start(MOUNT).await?;
    sharer.open_screen(Screen::Identities).await?;
    sharer.create_user("shared-user").await?;
    let checker = sharer.path_of(Screen::AccessChecker);
    sharer.open(&checker).await?;
    sharer.click("data-menu-toggle").await?;
    sharer.click("data-share").await?;
    let link = sharer.value_of("data-share-link").await?;
    sharer.close().await?;
    let at = link.find(MOUNT).unwrap_or(0);
    let path = &link[at..];
    assert!(
        path.starts_with(&format!("{checker}#share=v1.")),
        "the link reads {link:?}"
    );

    // Another, in a fresh profile with work of their own, opens it.
    let receiver = Site::start(MOUNT).await?;
    receiver.open_screen(Screen::Identities).await?;
    receiver.create_user("own-user").await?;
    let own = receiver.saved_state().await?;
    receiver.open(path).await?;
    receiver.by_test_id("share-preview").await?;
    let summary = receiver.by_test_id("share-summary").await?.text().await?;
    assert!(summary.contains("1 user,"), "the summary reads {summary:?}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        receiver.saved_state().await?,
        own,
        "the preview changed own data"
    );

    // Import, confirmed: the shared state replaces theirs and the fragment goes.
    receiver.click("share-import").await?;
    // The question shows what the import would change, from their data to the shared state.
    let effect = receiver
        .by_test_id("share-import-effect")
        .await?
        .text()
        .await?;
    assert!(
        effect.contains("shared-user") && effect.contains("own-user"),
        "the effect reads {effect:?}"
    );
    receiver.click("share-import-confirm").await?;
    let saved = receiver
        .saved_becomes(|saved| saved.contains("shared-user"))
        .await?;
    assert!(!saved.contains("own-user"), "own data was kept: {saved}");
    let location = receiver.location().await?;
    assert!(
        !location.contains("share="),
        "the address still holds the link: {location}"
    );
    assert!(
        receiver.all_by_test_id("share-preview").await?.is_empty(),
        "the preview stayed"
    );
    receiver.close().await
}
