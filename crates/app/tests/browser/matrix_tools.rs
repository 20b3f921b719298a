//! Issues 13 and 14 in the permissions matrix: the workspace it opens on, the workspace screen's
//! link to it, the seeds' sets of pages granted to a row, and the CSV download as filtered.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{Page, Who};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlAnchorElement, HtmlSelectElement};

fn cell(member: &str, workspace: &str, page: Page) -> String {
    format!("cell-{member}-{workspace}-{}", page.as_str())
}

/// The workspace picker's value: a workspace's id, or `all`.
fn picked(root: &web_sys::Element) -> String {
    find(root, "matrix-workspace")
        .unwrap()
        .unchecked_into::<HtmlSelectElement>()
        .value()
}

fn mouse_over(root: &web_sys::Element, test_id: &str) {
    dispatch(
        &find(root, test_id).unwrap(),
        "new MouseEvent('mouseenter', { bubbles: false })",
    );
}

/// Issue 13: without a link, the matrix opened on the first workspace (a region's default),
/// where an administrator of `w` only can do nothing; it opens on `w`.
#[wasm_bindgen_test]
async fn without_a_link_the_matrix_opens_where_the_identity_may_act() {
    let state = small_account();
    let w = state.workspace_id("w").unwrap();
    let app = visit(Screen::Permissions, "", &state, &Who::user("carl"));
    let root = &app.container;
    appears(root, "matrix-workspace").await;
    assert_eq!(picked(root), w.0.to_string());
    appears(root, &cell("user-ann", "w", Page::Playground)).await;
    let summary = text_of(root, "matrix-summary").unwrap();
    assert!(summary.contains("shown in w."), "{summary}");
}

/// Issue 13: the members section of a workspace links to the matrix on that workspace.
#[wasm_bindgen_test]
async fn the_workspace_screen_links_the_matrix_to_its_workspace() {
    let state = small_account();
    let w = state.workspace_id("w").unwrap();
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let root = &app.container;
    click(root, "region-tab-us-east-1").await;
    click(root, "ws-open-w").await;
    let link: HtmlAnchorElement = appears(root, "members-matrix-link").await.unchecked_into();
    assert!(
        link.href().ends_with("/matrix?workspace=w"),
        "{}",
        link.href()
    );
    link.click();
    appears(root, &cell("user-ann", "w", Page::Playground)).await;
    assert_eq!(picked(root), w.0.to_string());
    assert_eq!(window().location().search().unwrap(), "?workspace=w");
}

/// Issue 13: a seed's set of pages is staged on the row in focus, the membership first for a
/// non-member, like any cell's change; nothing applies until reviewed.
#[wasm_bindgen_test]
async fn a_preset_is_staged_on_the_row_in_focus() {
    // With the site's stylesheet, the button lays its words out as a person reads them.
    let _style = Stylesheet::new();
    let state = small_account();
    let app = visit(Screen::Permissions, "?workspace=w", &state, &Who::root());
    let root = &app.container;
    let bob = "membership-user-bob-w";
    appears(root, bob).await;
    let stage = appears(root, "matrix-preset-stage").await;
    assert!(stage.has_attribute("disabled"), "no row in focus yet");
    let label = stage.inner_text();
    assert!(label.starts_with("Stage for the row"), "{label}");
    let hint = text_of(root, "matrix-preset-hint").unwrap_or_default();

    mouse_over(root, bob);
    text_contains(root, "matrix-preset-target", "bob in w").await;
    assert_eq!(stage.inner_text(), "Stage for bob in w");
    // The hint says what staging does, row or none, and stays the same, so that nothing moves
    // under the pointer as it crosses the rows.
    assert!(hint.starts_with("Stages the pages of the set"), "{hint}");
    assert_eq!(
        text_of(root, "matrix-preset-hint").unwrap_or_default(),
        hint
    );
    choose(root, "matrix-preset-select", "Call models in the console").await;
    click(root, "matrix-preset-stage").await;
    let said = text_contains(root, "matrix-feedback", "Staged Call models").await;
    assert!(said.contains("for bob in w: 4 changes"), "{said}");
    text_becomes(root, "matrix-staged-count", |t| {
        t == "4 staged changes, not applied yet"
    })
    .await;
    let staged = |id: &str| find(root, id).and_then(|c| c.get_attribute("data-staged"));
    assert_eq!(staged(bob).as_deref(), Some("add member"));
    for page in [
        Page::ModelExperience,
        Page::BatchInference,
        Page::ModelObservation,
    ] {
        assert_eq!(
            staged(&cell("user-bob", "w", page)).as_deref(),
            Some("grant")
        );
    }
    assert_eq!(staged(&cell("user-bob", "w", Page::Playground)), None);
    // Nothing applied yet.
    assert!(
        stored()
            .membership(
                studio_access_core::Member::User(stored().user_id("bob").unwrap()),
                stored().workspace_id("w").unwrap()
            )
            .is_none()
    );

    // ann already has Playground: the fine-tuning set stages the six others only.
    mouse_over(root, &cell("user-ann", "w", Page::MyModels));
    text_contains(root, "matrix-preset-target", "ann in w").await;
    choose(root, "matrix-preset-select", "Fine-tune in the console").await;
    click(root, "matrix-preset-stage").await;
    text_becomes(root, "matrix-staged-count", |t| {
        t == "10 staged changes, not applied yet"
    })
    .await;
    assert_eq!(staged(&cell("user-ann", "w", Page::Playground)), None);
    assert_eq!(
        staged(&cell("user-ann", "w", Page::MyModels)).as_deref(),
        Some("grant")
    );
}

/// Issue 14: the matrix downloads as CSV, one line per row shown with each page's access, as
/// filtered (here: the search, then every workspace).
#[wasm_bindgen_test]
async fn the_csv_download_holds_the_rows_as_filtered() {
    let state = small_account();
    let app = visit(Screen::Permissions, "?workspace=w", &state, &Who::root());
    let root = &app.container;
    appears(root, &cell("user-ann", "w", Page::Playground)).await;
    keep_downloads();

    click(root, "matrix-export").await;
    let (csv, kind) = downloaded(0).await;
    assert_eq!(kind, "text/csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("principal,kind,workspace,membership,ModelExperience-FullAccess,"),
        "{csv}"
    );
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(csv.contains("\nbob,user,w,not a member,none,"), "{csv}");
    text_contains(root, "matrix-feedback", "4 rows, as filtered").await;

    set_value(root, "matrix-search", "a");
    appears(root, "row-user-ann-w").await;
    assert!(until(|| find(root, "row-user-bob-w").is_none()).await);
    click(root, "matrix-export").await;
    let (csv, _) = downloaded(1).await;
    let names: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(names, ["ann", "carl"], "{csv}");
    assert!(
        csv.contains("\nann,user,w,member,view,view,view,operate,"),
        "{csv}"
    );

    set_value(root, "matrix-search", "");
    set_value(root, "matrix-workspace", "all");
    assert!(
        until(|| find(root, "row-user-bob-w").is_none() && find(root, "row-role-ops-w").is_some())
            .await
    );
    click(root, "matrix-export").await;
    let (csv, _) = downloaded(2).await;
    let names: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(names, ["ann", "carl", "ops"], "{csv}");
}

/// A new user's walk: the answer to a click was drawn above the grid and pushed it down 42 to
/// 63 px under the pointer, so the next click (and the explanation read) landed on another row.
/// The answer shows without moving the grid, and can be dismissed.
#[wasm_bindgen_test]
async fn the_answer_to_a_click_does_not_move_the_grid() {
    let _style = Stylesheet::new();
    let state = small_account();
    let app = visit(Screen::Permissions, "?workspace=w", &state, &Who::root());
    let root = &app.container;
    let bob = "membership-user-bob-w";
    let top =
        |id: &str| find(root, id).map_or(f64::NAN, |cell| cell.get_bounding_client_rect().top());
    appears(root, bob).await;
    let before = top(bob);
    // A refused click (Permission management is not granted) and a staged one.
    click(root, &cell("user-ann", "w", Page::Permissions)).await;
    text_contains(root, "matrix-feedback", "cannot be granted").await;
    assert_eq!(top(bob), before, "the refusal moved the grid");
    click(root, bob).await;
    text_contains(root, "matrix-feedback", "Staged").await;
    assert_eq!(top(bob), before, "the staging moved the grid");
    click(root, "matrix-feedback-dismiss").await;
    assert!(until(|| find(root, "matrix-feedback").is_none()).await);
    // Dismissed, the keyboard goes on at the grid's cell in focus (its tab stop), not at the
    // page's body; Escape dismisses it too.
    let in_grid = || {
        let id = focused();
        id.starts_with("cell-") || id.starts_with("membership-")
    };
    assert!(until(in_grid).await, "focus went to {:?}", focused());
    click(root, &cell("user-ann", "w", Page::Permissions)).await;
    appears(root, "matrix-feedback").await;
    press(&window().into(), "Escape");
    assert!(until(|| find(root, "matrix-feedback").is_none()).await);
}
