//! Issue 13 in the permissions matrix: the workspace it opens on, and the workspace screen's
//! link to it.

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
