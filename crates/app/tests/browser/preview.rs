//! What-if previews in the console's confirmations, in a real browser.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::Who;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn deleting_a_user_lists_the_access_it_loses_and_its_key_first() {
    let state = project_a_account();
    let app = visit(Screen::Identities, "", &state, &Who::root());
    let page = &app.container;
    click(page, "principal-manage-user-user-01").await;

    // The confirmation lists the effect; cancelling changes nothing.
    click(page, "delete-principal").await;
    let diff = appears(page, "delete-principal-diff").await.inner_text();
    assert!(
        diff.contains("user-01 loses Playground in project-a"),
        "{diff}"
    );
    assert!(diff.contains("key k: active → owner deleted"), "{diff}");
    click(page, "delete-principal-cancel").await;
    assert!(until(|| find(page, "delete-principal-diff").is_none()).await);
    assert!(find(page, "principal-row-user-user-01").is_some());
    assert_eq!(stored(), state, "cancelling changed nothing");

    // Confirming applies it.
    click(page, "delete-principal").await;
    appears(page, "delete-principal-diff").await;
    click(page, "delete-principal-confirm").await;
    text_becomes(page, "principal-feedback", |t| {
        t.contains("Deleted user `user-01`")
    })
    .await;
    assert!(until(|| find(page, "principal-row-user-user-01").is_none()).await);
    assert!(until(|| stored() != state).await, "the deletion was saved");
}

/// The question names the keys that die with the user: none of the Beijing keys created for
/// `user-01` after 2026-03-25 (they are the account's); `lead-01`'s Singapore key does.
#[wasm_bindgen_test]
async fn deleting_a_user_says_which_of_its_keys_die() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::Identities, "", &state, &Who::root());
    let page = &app.container;
    let question = || {
        page.query_selector(".preview__question")
            .unwrap()
            .map(|q| visible_text(&q))
    };
    click(page, "principal-manage-user-user-01").await;
    click(page, "delete-principal").await;
    assert!(until(|| question().is_some()).await);
    let asked = question().unwrap();
    assert!(asked.contains("No API key dies with it."), "{asked}");
    assert!(
        asked.contains("belong to the account and keep working: project-a-app and project-a-open"),
        "{asked}"
    );
    assert!(!asked.contains("stop working"), "{asked}");
    click(page, "delete-principal-cancel").await;

    click(page, "principal-manage-user-lead-01").await;
    click(page, "delete-principal").await;
    assert!(until(|| question().is_some_and(|q| q.contains("lead-01"))).await);
    let asked = question().unwrap();
    assert!(
        asked
            .contains("and so does the API key it owns, prod-service: it can never be used again."),
        "{asked}"
    );
}

#[wasm_bindgen_test]
async fn attaching_full_access_previews_a_widening() {
    let state = project_a_account();
    let app = visit(Screen::Identities, "", &state, &Who::root());
    let page = &app.container;
    click(page, "principal-manage-user-bob").await;

    click(page, "policy-toggle-AliyunBailianFullAccess").await;
    let diff = appears(page, "policy-toggle-AliyunBailianFullAccess-diff")
        .await
        .inner_text();
    assert!(diff.contains("bob gains AliyunBailianFullAccess"), "{diff}");
    click(page, "policy-toggle-AliyunBailianFullAccess-cancel").await;
    assert_eq!(stored(), state, "cancelling changed nothing");

    click(page, "policy-toggle-AliyunBailianFullAccess").await;
    click(page, "policy-toggle-AliyunBailianFullAccess-confirm").await;
    text_becomes(page, "principal-feedback", |t| {
        t.contains("Attached AliyunBailianFullAccess")
    })
    .await;
    assert_eq!(
        text_of(page, "policy-status-AliyunBailianFullAccess").as_deref(),
        Some("attached")
    );
}

#[wasm_bindgen_test]
async fn a_refused_change_shows_its_reason_and_changes_nothing() {
    let state = project_a_account();
    let app = visit(Screen::Identities, "", &state, &Who::user("bob"));
    let page = &app.container;
    click(page, "principal-manage-user-user-01").await;

    // A refused widening is not previewed: it is explained at once.
    click(page, "policy-toggle-AliyunBailianFullAccess").await;
    let refused = text_becomes(page, "principal-feedback", |t| !t.is_empty()).await;
    assert!(!refused.contains("Attached"), "{refused}");
    assert!(find(page, "policy-toggle-AliyunBailianFullAccess-confirm").is_none());

    // A refused deletion is explained at once too (issue 13: it asked first, only to be
    // refused after the person confirmed).
    click(page, "delete-principal").await;
    let refused = text_becomes(page, "principal-feedback", |t| t.contains("not-ram-admin")).await;
    assert!(!refused.contains("Deleted"), "{refused}");
    assert!(find(page, "delete-principal-confirm").is_none());
    assert!(find(page, "principal-row-user-user-01").is_some());
    assert_eq!(stored(), state, "the refused steps changed nothing");
}

#[wasm_bindgen_test]
async fn deleting_a_key_lists_its_status_change_in_the_one_confirmation() {
    let state = project_a_account();
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;

    click(page, "key-delete-k").await;
    let diff = appears(page, "key-delete-k-diff").await.inner_text();
    assert!(diff.contains("key k: active → deleted"), "{diff}");
    click(page, "key-delete-k-confirm").await;
    assert!(until(|| find(page, "key-delete-k-diff").is_none()).await);
    text_becomes(page, "keys-feedback", |t| t.contains("Deleted key `k`")).await;
}
