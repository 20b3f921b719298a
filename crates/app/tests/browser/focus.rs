//! Issue 13: the keyboard's focus never falls to the document's body when what held it goes.
//! A panel closed with Escape gives it back to its button; a link or a button that takes its
//! page away leaves it on the page (`app-main`), where Tab goes on from.

use crate::support::*;
use leptos::tachys::view::Mountable;
use studio_access_app::Screen;
use studio_access_core::{State, Who};
use wasm_bindgen_test::wasm_bindgen_test;

/// Focuses `test_id` and clicks it, as Enter on a focused control does.
async fn activate(root: &web_sys::Element, test_id: &str) {
    let element = appears(root, test_id).await;
    element.focus().unwrap();
    element.click();
}

/// The Overview of a new account, where "Where to start" shows.
fn new_account_overview() -> Mounted<impl Mountable + use<>> {
    visit(
        Screen::Overview,
        "",
        &State::new_account(today()),
        &Who::root(),
    )
}

#[wasm_bindgen_test]
async fn the_walk_through_link_leaves_the_focus_on_the_scenarios_page() {
    let app = new_account_overview();
    let root = &app.container;
    activate(root, "start-walkthrough").await;
    heading_becomes(root, Screen::Scenarios.title()).await;
    assert!(
        until(|| focused() == "app-main").await,
        "the focus is on {:?}",
        focused()
    );
}

#[wasm_bindgen_test]
async fn loading_the_sample_from_where_to_start_leaves_the_focus_on_the_page() {
    let app = new_account_overview();
    let root = &app.container;
    activate(root, "start-sample").await;
    assert!(until(|| find(root, "start-here").is_none()).await);
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(focused(), "app-main");
}

#[wasm_bindgen_test]
async fn a_navigation_link_keeps_the_focus_it_was_chosen_with() {
    let app = visit(Screen::Overview, "", &small_account(), &Who::root());
    let root = &app.container;
    let link = format!("nav-link-{}", Screen::Audit.slug());
    activate(root, &link).await;
    heading_becomes(root, Screen::Audit.title()).await;
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(focused(), link);
}

#[wasm_bindgen_test]
async fn escape_and_close_on_the_date_panel_give_the_focus_back_to_change() {
    let app = visit(Screen::Overview, "", &small_account(), &Who::root());
    let root = &app.container;
    activate(root, "header-date-change").await;
    assert!(until(|| focused() == "date-input").await);
    press(&document().active_element().unwrap(), "Escape");
    assert!(until(|| find(root, "date-input").is_none()).await);
    assert_eq!(focused(), "header-date-change");

    activate(root, "header-date-change").await;
    activate(root, "date-close").await;
    assert!(until(|| find(root, "date-input").is_none()).await);
    assert_eq!(focused(), "header-date-change");
}

#[wasm_bindgen_test]
async fn escape_closes_a_findings_fixes_and_gives_the_focus_back_to_fix() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let root = &app.container;
    let stem = "audit-fix-user-without-workspace-RAM-user-intern";
    activate(root, stem).await;
    appears(root, &format!("{stem}-1-apply"))
        .await
        .focus()
        .unwrap();
    press(&document().active_element().unwrap(), "Escape");
    assert!(until(|| find(root, &format!("{stem}-1-title")).is_none()).await);
    assert_eq!(focused(), stem);
    let expanded = find(root, stem).unwrap().get_attribute("aria-expanded");
    assert_eq!(expanded.as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn a_keys_whitelist_editor_closed_gives_the_focus_back_to_its_button() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let root = &app.container;
    let button = "key-whitelist-project-a-app";
    activate(root, button).await;
    appears(root, "whitelist-editor").await;
    assert!(until(|| focused() != button && !focused().is_empty()).await);
    press(&document().active_element().unwrap(), "Escape");
    assert!(until(|| find(root, "whitelist-editor").is_none()).await);
    assert!(until(|| focused() == button).await, "{:?}", focused());

    activate(root, button).await;
    activate(root, "whitelist-close").await;
    assert!(until(|| find(root, "whitelist-editor").is_none()).await);
    assert!(until(|| focused() == button).await, "{:?}", focused());
}

#[wasm_bindgen_test]
async fn a_principals_panel_takes_the_focus_and_closed_gives_it_back_to_its_manage_button() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::Identities, "", &state, &Who::root());
    let root = &app.container;
    let manage = "principal-manage-user-user-01";
    activate(root, manage).await;
    // The panel opens above the table: the focus goes to its title, where Tab goes on into it.
    assert!(
        until(|| focused() == "principal-detail-title").await,
        "{:?}",
        focused()
    );
    activate(root, "principal-close").await;
    assert!(until(|| find(root, "principal-close").is_none()).await);
    assert!(until(|| focused() == manage).await, "{:?}", focused());
}

#[wasm_bindgen_test]
async fn hiding_a_new_keys_secret_gives_the_focus_to_the_label_field() {
    let app = visit(Screen::ApiKeys, "", &small_account(), &Who::root());
    let root = &app.container;
    appears(root, "key-create-label").await;
    set_value(root, "key-create-label", "k-focus");
    click(root, "key-create-submit").await;
    apply_change(root, "key-create-change").await;
    activate(root, "key-secret-dismiss").await;
    assert!(until(|| find(root, "key-secret").is_none()).await);
    assert!(
        until(|| focused() == "key-create-label").await,
        "{:?}",
        focused()
    );
}

#[wasm_bindgen_test]
async fn confirming_a_members_removal_leaves_the_focus_in_the_members_section() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let root = &app.container;
    click(root, "ws-open-project-a").await;
    let remove = "member-remove-user:user-01";
    activate(root, remove).await;
    activate(root, &format!("{remove}-confirm")).await;
    assert!(until(|| find(root, "member-row-user:user-01").is_none()).await);
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(focused(), "add-member-select");
}

#[wasm_bindgen_test]
async fn confirming_a_keys_deletion_does_not_lose_the_focus() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let root = &app.container;
    let delete = "key-delete-project-a-app";
    activate(root, delete).await;
    activate(root, &format!("{delete}-confirm")).await;
    assert!(until(|| find(root, &format!("{delete}-confirm")).is_none()).await);
    sleep(std::time::Duration::from_millis(50)).await;
    assert!(
        !focused().is_empty() || focus_on_page(),
        "the focus is lost"
    );
}

/// Whether the focus is on the page itself (`#main`).
fn focus_on_page() -> bool {
    document()
        .active_element()
        .is_some_and(|e| e.id() == "main")
}

/// Redo that takes the last undone change disables itself: the focus goes to Undo, not to the
/// page's body (a new user's walk).
#[wasm_bindgen_test]
async fn the_last_redo_gives_the_focus_to_undo() {
    let app = visit(Screen::Activity, "", &small_account(), &Who::root());
    let root = &app.container;
    activate(root, "activity-undo").await;
    assert!(
        until(|| find(root, "activity-redo").is_some_and(|b| !b.has_attribute("disabled"))).await
    );
    activate(root, "activity-redo").await;
    assert!(
        until(|| focused() == "activity-undo").await,
        "the focus is on {:?}",
        focused()
    );
}
