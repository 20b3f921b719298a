//! Sentences that quote names draw them as names (`Prose`), not between literal backticks: the
//! places a review of the sample organisation found drawn as plain text.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{Page, State, Who, sample};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

fn sample_account() -> State {
    sample::sample_organisation(today())
}

/// The element `test_id` once drawn: what a person sees of it (no backtick), and its names drawn
/// as names.
async fn drawn_with_names(root: &Element, test_id: &str, names: &[&str]) -> String {
    let element = appears(root, test_id).await;
    let seen = visible_text(&element);
    assert!(!seen.contains('`'), "{test_id} shows backticks: {seen}");
    let drawn = element.query_selector_all("code.prose-name").unwrap();
    let drawn: Vec<String> = (0..drawn.length())
        .map(|at| {
            visible_text(&wasm_bindgen::JsCast::unchecked_into(
                drawn.item(at).unwrap(),
            ))
        })
        .collect();
    for name in names {
        assert!(
            drawn.iter().any(|d| d == name),
            "{test_id}: {name} not drawn as a name in {seen} ({drawn:?})"
        );
    }
    seen
}

#[wasm_bindgen_test]
async fn the_key_forms_ownership_note_draws_its_names() {
    let app = visit(Screen::ApiKeys, "", &sample_account(), &Who::root());
    let page = &app.container;
    choose(page, "key-create-workspace", "project-a").await;
    choose(page, "key-create-owner", "user:user-01").await;
    let note = drawn_with_names(page, "key-create-ownership", &["user-01"]).await;
    assert!(note.contains("not to user user-01"), "{note}");
}

#[wasm_bindgen_test]
async fn the_matrix_panel_draws_its_names() {
    let state = small_account();
    let app = visit(Screen::Permissions, "?workspace=w", &state, &Who::root());
    let page = &app.container;
    let cell = format!("cell-user-ann-w-{}", Page::ModelExperience.as_str());
    appears(page, &cell).await.focus().unwrap();
    text_becomes(page, "matrix-why-hint", |t| t.contains("to stage")).await;
    let hint = drawn_with_names(page, "matrix-why-hint", &["ann", "w"]).await;
    assert!(hint.contains("to user ann in w"), "{hint}");

    let membership = "membership-user-ann-w";
    appears(page, membership).await.focus().unwrap();
    text_becomes(page, "matrix-why-hint", |t| t.contains("administrator")).await;
    let hint = drawn_with_names(page, "matrix-why-hint", &["ann", "w"]).await;
    assert!(hint.contains("Make user ann an administrator"), "{hint}");
}

#[wasm_bindgen_test]
async fn the_error_lookup_draws_its_names() {
    let app = visit(Screen::AccessChecker, "", &sample_account(), &Who::root());
    let page = &app.container;
    look_up_error(page, "NoPermission, sfm:CreateApplication", "analyst", None).await;
    let meaning = drawn_with_names(page, "error-meaning", &["CreateApplication"]).await;
    assert!(
        meaning.contains("the OpenAPI action CreateApplication needs"),
        "{meaning}"
    );
}

#[wasm_bindgen_test]
async fn a_malformed_scenario_draws_its_names() {
    let app = visit(Screen::Scenarios, "", &small_account(), &Who::root());
    let page = &app.container;
    for (text, names, says) in [
        (
            "today = \"2026-11-22\"\n\n[[step]]\nop = \"create-user\"\nname = \"u\"\nbogus = 1\n",
            &["bogus"][..],
            "field bogus: unknown field",
        ),
        (
            "today = \"2026-02-30\"\n",
            &["2026-02-30"][..],
            "2026-02-30 is not a date",
        ),
    ] {
        appears(page, "scenario-text").await;
        type_into(page, "scenario-text", text);
        click(page, "scenario-run").await;
        text_becomes(page, "scenario-malformed-message", |t| t.contains(names[0])).await;
        let message = drawn_with_names(page, "scenario-malformed-message", names).await;
        assert!(message.contains(says), "{message}");
    }
}
