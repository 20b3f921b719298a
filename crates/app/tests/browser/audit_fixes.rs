//! Issue 13: the Audit screen offers each way of fixing a finding as steps, and its links lead
//! to the exact place a fix is made by hand (a quota's model, a key's whitelist editor).

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{Finding, FindingCode, State, Subject, Who};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

/// The sample's finding of `code` about `subject` (as core names it: `user intern`).
fn finding(state: &State, code: FindingCode, subject: &str) -> Finding {
    state
        .audit()
        .into_iter()
        .find(|f| f.code == code && f.subject.to_string() == subject)
        .unwrap()
}

/// A user without workspace offers two fixes, each titled; applying the first (joining a
/// workspace) clears the finding, and what it did stays on screen.
#[wasm_bindgen_test]
async fn a_user_without_workspace_offers_joining_or_deleting() {
    let state = studio_access_core::sample::sample_organisation(today());
    let stray = finding(&state, FindingCode::UserWithoutWorkspace, "user intern");
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let page = &app.container;
    let stem = "audit-fix-user-without-workspace-RAM-user-intern";
    click(page, stem).await;
    reads(
        page,
        &format!("{stem}-1-title"),
        &["Add it to `default@us-east-1` as a plain member"],
    )
    .await;
    reads(page, &format!("{stem}-2-title"), &["Delete the user"]).await;
    reads(
        page,
        &format!("{stem}-2-steps"),
        &["Delete RAM user `intern`"],
    )
    .await;
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(stored(), state, "showing the fixes changed nothing");

    click(page, &format!("{stem}-1-apply")).await;
    assert!(until(|| !stored().audit().contains(&stray)).await);
    assert!(
        until(|| find(page, stem).is_none()).await,
        "the finding left the list"
    );
    reads(page, "audit-applied", &["intern", "done"]).await;
    assert!(stored().user_id("intern").is_some(), "the user is kept");
    // The Apply button went with the finding: the focus is on what applying said, not the
    // page's body (a review found it there).
    let focused = || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-testid"))
    };
    assert!(
        until(|| focused().as_deref() == Some("audit-applied")).await,
        "the focus is on {:?}",
        document().active_element().map(|e| e.tag_name())
    );
}

/// An over-allocated quota's fix lowers the request limits; applied, the finding is gone and
/// no quota finding of that model is left.
#[wasm_bindgen_test]
async fn an_over_allocated_quota_is_fixed_by_lowering_the_limits() {
    let state = studio_access_core::sample::sample_organisation(today());
    let over = finding(
        &state,
        FindingCode::QuotaOverAllocated,
        "quota qwen-max in ap-southeast-1",
    );
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let page = &app.container;
    let stem = "audit-fix-quota-over-allocated-account-quota-of-qwen-max-in-Singapore";
    click(page, stem).await;
    reads(
        page,
        &format!("{stem}-1-title"),
        &["Lower the request limits"],
    )
    .await;
    reads(page, &format!("{stem}-1-steps"), &["project-prod", "180"]).await;
    click(page, &format!("{stem}-1-apply")).await;
    assert!(until(|| !stored().audit().iter().any(|f| f.subject == over.subject)).await);
}

/// The quota finding's link opens the Workspaces screen in the quota's region, at the model's
/// quota bar, highlighted.
#[wasm_bindgen_test]
async fn a_quota_finding_links_to_its_model_in_its_region() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let page = &app.container;
    let group = appears(page, "audit-group-quota-over-allocated").await;
    let link: HtmlElement = group
        .query_selector("[data-testid=\"audit-subject\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        link.get_attribute("href").unwrap_or_default(),
        "/workspaces?region=ap-southeast-1&model=qwen-max"
    );

    link.click();
    heading_becomes(page, "Workspaces").await;
    let tab = appears(page, "region-tab-ap-southeast-1").await;
    assert!(until(|| tab.get_attribute("aria-pressed").as_deref() == Some("true")).await);
    let bar = appears(page, "quota-line-qwen-max").await;
    assert!(until(|| bar.get_attribute("data-linked").as_deref() == Some("true")).await);
}

/// A Beijing key without whitelist has no steps (its addresses are the person's to say): it
/// says so, and its link opens the key's whitelist editor.
#[wasm_bindgen_test]
async fn a_key_without_whitelist_links_to_its_whitelist_editor() {
    let state = studio_access_core::sample::sample_organisation(today());
    let Subject::Key { label, .. } = state
        .audit()
        .into_iter()
        .find(|f| f.code == FindingCode::NoIpWhitelist)
        .unwrap()
        .subject
    else {
        panic!("no-ip-whitelist is about a key");
    };
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let page = &app.container;
    let stem = format!("audit-fix-no-ip-whitelist-API-key-{label}");
    reads(
        page,
        &format!("{stem}-none"),
        &["No steps", "whitelist editor"],
    )
    .await;
    assert!(find(page, &stem).is_none(), "no Fix… button");
    let group = appears(page, "audit-group-no-ip-whitelist").await;
    let link: HtmlElement = group
        .query_selector("[data-testid=\"audit-subject\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    link.click();
    heading_becomes(page, "API keys").await;
    appears(page, "whitelist-editor").await;
    let button = appears(page, &format!("key-whitelist-{label}")).await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
}

/// Issue 13: a fix that the acting identity could not apply says at which step and why, before
/// anything is tried, and is not offered when its first step would be refused (a review found
/// "Apply these steps as lead-01" offered, then refused with no-key-permission).
#[wasm_bindgen_test]
async fn a_fix_the_acting_identity_cannot_apply_says_why_before_it_is_tried() {
    let state = studio_access_core::sample::sample_organisation(today());
    let stem = "audit-fix-dead-key-API-key-research-leaver";
    let app = visit(Screen::Audit, "", &state, &Who::user("lead-01"));
    let page = &app.container;
    click(page, stem).await;
    appears(page, &format!("{stem}-1-apply")).await;
    let said = text_of(page, &format!("{stem}-1-refused")).unwrap_or_default();
    assert!(
        said.starts_with("Step 1 would be refused as lead-01: Delete API key `research-leaver`. Denied (no-key-permission)"),
        "{said}"
    );
    assert!(said.ends_with("Nothing would change."), "{said}");
    let apply = find(page, &format!("{stem}-1-apply")).unwrap();
    assert!(apply.has_attribute("disabled"));
    // The warning comes before the button, and describes it (a new user's walk read it only
    // after the button, on a fix whose third step would be refused).
    let refused = find(page, &format!("{stem}-1-refused")).unwrap();
    let follows = apply.compare_document_position(&refused);
    assert_ne!(
        follows & web_sys::Node::DOCUMENT_POSITION_PRECEDING,
        0,
        "the warning is drawn after the button"
    );
    assert_eq!(
        apply.get_attribute("aria-describedby").as_deref(),
        Some(format!("{stem}-1-refused").as_str())
    );
    drop(app);

    // As root every step applies: nothing to warn of.
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let page = &app.container;
    click(page, stem).await;
    appears(page, &format!("{stem}-1-apply")).await;
    assert!(find(page, &format!("{stem}-1-refused")).is_none());
    assert!(
        !find(page, &format!("{stem}-1-apply"))
            .unwrap()
            .has_attribute("disabled")
    );
}

/// A new user's walk read "Apply these steps as ram-admin" over a fix whose second step
/// ram-admin could not apply: the button applied the first step only and nothing said so, and
/// nothing offered the identity that could apply them all.
#[wasm_bindgen_test]
async fn a_fix_the_acting_identity_can_apply_only_in_part_says_how_much_and_offers_root() {
    let state = studio_access_core::sample::sample_organisation(today());
    let stem = "audit-fix-excess-admin-RAM-user-old-admin";
    let app = visit(Screen::Audit, "", &state, &Who::user("ram-admin"));
    let page = &app.container;
    click(page, stem).await;
    let apply = format!("{stem}-1-apply");
    reads(page, &apply, &["Apply the first step as ram-admin"]).await;
    reads(
        page,
        &format!("{stem}-1-refused"),
        &["Step 2 would be refused as ram-admin"],
    )
    .await;

    click(page, &format!("{stem}-1-as-root")).await;
    reads(page, &apply, &["Apply these steps as root"]).await;
    assert!(until(|| find(page, &format!("{stem}-1-refused")).is_none()).await);
    assert!(find(page, &format!("{stem}-1-as-root")).is_none());
    assert_eq!(
        focused(),
        apply,
        "the focus fell from the control that went"
    );
}
