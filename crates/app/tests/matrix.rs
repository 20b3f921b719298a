//! The permissions matrix, the access checker and the audit in a real browser: run with
//! `cargo test --target wasm32-unknown-unknown --test matrix` in `crates/app`.

// As in browser.rs: clippy does not see `#[wasm_bindgen_test]` functions as tests.
#![allow(clippy::unwrap_used)]

mod support;

use studio_access_app::store::{STORAGE_KEY, WHO_KEY};
use studio_access_core::{
    Caller, Check, Command, Date, MemberName, Page, Region, SeededEntropy, State, Who, persist,
    sample,
};
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

// ---- seeding ------------------------------------------------------------------------------------

fn today() -> Date {
    "2026-11-22".parse().unwrap()
}

fn user(name: &str) -> MemberName {
    MemberName::User(name.to_owned())
}

/// A small account: workspace `w` (US) with `ann` (Playground granted), `carl` (administrator)
/// and role `ops` (trusting ann) as members; `bob` is no member of it.
fn small_account() -> State {
    let mut state = State::new_account(today());
    let mut entropy = SeededEntropy::new(3);
    let steps = [
        Command::CreateWorkspace {
            region: Region::UsEast1,
            name: "w".into(),
        },
        Command::CreateUser { name: "ann".into() },
        Command::CreateUser { name: "bob".into() },
        Command::CreateUser {
            name: "carl".into(),
        },
        Command::CreateRole { name: "ops".into() },
        Command::TrustRole {
            role: "ops".into(),
            user: "ann".into(),
        },
        Command::AddMember {
            workspace: "w".into(),
            member: user("ann"),
            admin: false,
        },
        Command::GrantPage {
            workspace: "w".into(),
            member: user("ann"),
            permission: Page::Playground,
        },
        Command::AddMember {
            workspace: "w".into(),
            member: user("carl"),
            admin: true,
        },
        Command::AddMember {
            workspace: "w".into(),
            member: MemberName::Role("ops".into()),
            admin: false,
        },
    ];
    for step in &steps {
        let executed = state.execute(&Who::root(), step, &mut entropy);
        assert!(executed.outcome.is_success(), "{step:?}: {executed:?}");
    }
    state
}

/// Writes the state and the acting identity where the console reads them at start.
fn seed(state: &State, acting: &str) -> String {
    clear_storage();
    let storage = window().local_storage().unwrap().unwrap();
    let text = persist::to_json(state);
    storage.set_item(STORAGE_KEY, &text).unwrap();
    storage
        .set_item(WHO_KEY, &format!(r#"{{"as":"{acting}"}}"#))
        .unwrap();
    text
}

fn stored_text() -> String {
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(STORAGE_KEY)
        .unwrap()
        .unwrap_or_default()
}

fn stored() -> State {
    persist::from_json(&stored_text()).unwrap()
}

fn pages_of(state: &State, member: &str, workspace: &str) -> Option<Vec<Page>> {
    let user = state.user_id(member)?;
    let ws = state.workspace_id(workspace)?;
    state
        .membership(studio_access_core::Member::User(user), ws)
        .map(|m| m.pages.iter().collect())
}

// ---- driving ------------------------------------------------------------------------------------

/// Dispatches the event that the JavaScript expression `event` builds on `target`.
fn dispatch(target: &JsValue, event: &str) {
    let fire = js_sys::Function::new_with_args("target", &format!("target.dispatchEvent({event})"));
    fire.call1(&JsValue::NULL, target).unwrap();
}

/// Sets a field's value and tells the page, as typing or choosing does.
fn set_value(root: &Element, test_id: &str, value: &str) {
    let element = find(root, test_id);
    assert!(element.is_some(), "no `{test_id}`");
    let element = element.unwrap();
    js_sys::Reflect::set(&element, &"value".into(), &value.into()).unwrap();
    dispatch(&element, "new Event('input', { bubbles: true })");
    dispatch(&element, "new Event('change', { bubbles: true })");
}

fn press(target: &JsValue, key: &str) {
    dispatch(
        target,
        &format!("new KeyboardEvent('keydown', {{ key: {key:?}, bubbles: true }})"),
    );
}

async fn appears(root: &Element, test_id: &str) -> HtmlElement {
    assert!(
        until(|| find(root, test_id).is_some()).await,
        "`{test_id}` never appeared"
    );
    find(root, test_id).unwrap()
}

async fn text_becomes(root: &Element, test_id: &str, wanted: impl Fn(&str) -> bool) -> String {
    let mut seen = String::new();
    let ok = until(|| {
        seen = text_of(root, test_id).unwrap_or_default();
        wanted(&seen)
    })
    .await;
    assert!(ok, "`{test_id}` reads {seen:?}");
    seen
}

fn cell(member: &str, workspace: &str, page: Page) -> String {
    format!("cell-{member}-{workspace}-{}", page.as_str())
}

fn rendered_rows(root: &Element) -> u32 {
    root.query_selector_all("[data-testid=\"matrix-body\"] [role=\"row\"]")
        .unwrap()
        .length()
}

/// Opens the matrix on workspace `w` of the small account, acting as `acting`.
async fn matrix_on_w(acting: &str) -> (Mounted<impl leptos::tachys::view::Mountable>, State) {
    let state = small_account();
    seed(&state, acting);
    arrive(None, "/matrix");
    let app = mount_app();
    assert_eq!(
        heading_becomes(&app.container, "Permissions")
            .await
            .as_deref(),
        Some("Permissions")
    );
    let w = state.workspace_id("w").unwrap();
    appears(&app.container, "matrix-workspace").await;
    set_value(&app.container, "matrix-workspace", &w.0.to_string());
    appears(&app.container, &cell("user-ann", "w", Page::Playground)).await;
    assert_eq!(window().location().search().unwrap(), "?workspace=w");
    (app, state)
}

// ---- the matrix ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn matrix_cells_show_the_evaluated_access() {
    let (app, _) = matrix_on_w("root").await;
    let root = &app.container;
    let read = |id: String| text_of(root, &id).unwrap_or_default();

    assert_eq!(read(cell("user-ann", "w", Page::Playground)), "operate");
    assert_eq!(read(cell("user-ann", "w", Page::ModelExperience)), "view");
    assert_eq!(read(cell("user-ann", "w", Page::ApiKey)), "none");
    assert_eq!(read(cell("user-ann", "w", Page::Permissions)), "none");
    assert_eq!(read(cell("user-bob", "w", Page::Playground)), "none");
    assert_eq!(read(cell("user-carl", "w", Page::Permissions)), "operate");
    assert_eq!(read(cell("role-ops", "w", Page::ModelExperience)), "view");
    let granted = find(root, &cell("user-ann", "w", Page::Playground)).unwrap();
    assert_eq!(
        granted.get_attribute("data-granted").as_deref(),
        Some("true")
    );
    assert!(read("membership-user-bob-w".into()).contains("Add member"));
    assert_eq!(rendered_rows(root), 4);

    // Why, on hover (title) and on keyboard focus (the panel the cell is described by).
    let view_only = find(root, &cell("user-ann", "w", Page::ModelExperience)).unwrap();
    let title = view_only.get_attribute("title").unwrap_or_default();
    assert!(title.contains("✗ Operate page"), "title {title:?}");
    assert_eq!(
        view_only.get_attribute("aria-describedby").as_deref(),
        Some("access-grid-why")
    );
    view_only.focus().unwrap();
    let why = text_becomes(root, "matrix-why", |t| t.contains("Model experience: view")).await;
    assert!(why.contains("Workspace membership"), "{why}");
    assert!(
        why.contains("Does not hold the Model experience permission"),
        "{why}"
    );
}

#[wasm_bindgen_test]
async fn clicking_cells_grants_revokes_and_manages_membership() {
    let (app, _) = matrix_on_w("root").await;
    let root = &app.container;
    let experience = cell("user-ann", "w", Page::ModelExperience);

    find(root, &experience).unwrap().click();
    text_becomes(root, &experience, |t| t == "operate").await;
    text_becomes(root, "matrix-feedback", |t| t.starts_with("Done")).await;
    assert!(
        until(|| pages_of(&stored(), "ann", "w")
            .is_some_and(|pages| pages.contains(&Page::ModelExperience)))
        .await
    );

    find(root, &experience).unwrap().click();
    text_becomes(root, &experience, |t| t == "view").await;
    assert!(
        until(|| pages_of(&stored(), "ann", "w")
            .is_some_and(|pages| !pages.contains(&Page::ModelExperience)))
        .await
    );

    // Permission management is not a grantable permission: said, and nothing changes.
    let before = stored_text();
    find(root, &cell("user-ann", "w", Page::Permissions))
        .unwrap()
        .click();
    let said = text_becomes(root, "matrix-feedback", |t| t.contains("cannot be granted")).await;
    assert!(said.contains("administrator"), "{said}");
    assert_eq!(stored_text(), before);

    // A non-member is added from its membership cell, then can view.
    find(root, "membership-user-bob-w").unwrap().click();
    text_becomes(root, &cell("user-bob", "w", Page::Playground), |t| {
        t == "view"
    })
    .await;
    assert!(until(|| pages_of(&stored(), "bob", "w").is_some()).await);

    // The Administrator toggle: every page operable, the restricted ones included.
    find(root, "membership-user-bob-w").unwrap().click();
    text_becomes(root, &cell("user-bob", "w", Page::Permissions), |t| {
        t == "operate"
    })
    .await;
    assert!(
        text_of(root, "membership-user-bob-w")
            .unwrap()
            .contains("☑")
    );
}

#[wasm_bindgen_test]
async fn a_denied_toggle_says_why_and_changes_nothing() {
    let (app, _) = matrix_on_w("bob").await;
    let root = &app.container;
    assert_eq!(text_of(root, "matrix-acting").as_deref(), Some("bob"));
    let before = stored_text();
    let experience = cell("user-ann", "w", Page::ModelExperience);

    find(root, &experience).unwrap().click();
    let said = text_becomes(root, "matrix-feedback", |t| {
        t.contains("not-workspace-admin")
    })
    .await;
    assert!(said.starts_with("Denied"), "{said}");
    assert_eq!(text_of(root, &experience).as_deref(), Some("view"));

    find(root, "membership-user-carl-w").unwrap().click();
    text_becomes(root, "matrix-feedback", |t| {
        t.contains("not-workspace-admin")
    })
    .await;
    assert_eq!(
        text_of(root, &cell("user-carl", "w", Page::Permissions)).as_deref(),
        Some("operate")
    );
    assert_eq!(
        stored_text(),
        before,
        "a refused step changed the saved state"
    );
}

#[wasm_bindgen_test]
async fn search_and_filters_narrow_the_rows() {
    let (app, _) = matrix_on_w("root").await;
    let root = &app.container;
    assert_eq!(rendered_rows(root), 4);

    set_value(root, "matrix-search", "AN");
    assert!(until(|| rendered_rows(root) == 1).await);
    assert!(find(root, "row-user-ann-w").is_some());
    set_value(root, "matrix-search", "");

    set_value(root, "matrix-kind", "roles");
    assert!(until(|| rendered_rows(root) == 1).await);
    assert!(find(root, "row-role-ops-w").is_some());
    set_value(root, "matrix-kind", "any");

    set_value(root, "matrix-admin", "yes");
    assert!(until(|| rendered_rows(root) == 1).await);
    assert!(find(root, "row-user-carl-w").is_some());
    set_value(root, "matrix-admin", "any");

    set_value(root, "matrix-member", "no");
    assert!(until(|| rendered_rows(root) == 1).await);
    assert!(find(root, "row-user-bob-w").is_some());
    set_value(root, "matrix-member", "any");

    // Operating Playground: ann (granted) and carl (administrator).
    set_value(root, "matrix-level", "operate");
    set_value(root, "matrix-level-page", Page::Playground.as_str());
    assert!(until(|| rendered_rows(root) == 2).await);
    assert!(find(root, "row-user-ann-w").is_some());
    assert!(find(root, "row-user-carl-w").is_some());

    set_value(root, "matrix-search", "nobody");
    appears(root, "matrix-empty").await;

    // All workspaces: one row per membership (bob belongs nowhere).
    set_value(root, "matrix-search", "");
    set_value(root, "matrix-level", "any");
    set_value(root, "matrix-workspace", "all");
    assert!(until(|| rendered_rows(root) == 3).await);
    assert!(find(root, "row-role-ops-w").is_some());
    assert_eq!(window().location().search().unwrap(), "?workspace=%40all");
}

#[wasm_bindgen_test]
async fn a_link_opens_the_matrix_on_its_workspace() {
    seed(&small_account(), "root");
    arrive(None, "/matrix?workspace=w");
    let app = mount_app();
    let root = &app.container;
    let ann = appears(root, &cell("user-ann", "w", Page::Playground)).await;
    assert_eq!(ann.inner_text(), "operate");
    let summary = text_of(root, "matrix-summary").unwrap();
    assert!(
        summary.contains("4 of 4 principals shown in w"),
        "{summary}"
    );
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_cells_and_enter_toggles() {
    let (app, _) = matrix_on_w("root").await;
    let root = &app.container;
    let start = find(root, &cell("user-ann", "w", Page::ModelExperience)).unwrap();
    start.focus().unwrap();
    assert_eq!(start.get_attribute("tabindex").as_deref(), Some("0"));

    press(&start, "ArrowRight");
    let batch = cell("user-ann", "w", Page::BatchInference);
    let focused = || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-testid"))
    };
    assert!(until(|| focused().as_deref() == Some(batch.as_str())).await);
    let here = document().active_element().unwrap();
    press(&here, "Enter");
    text_becomes(root, &batch, |t| t == "operate").await;

    // Down to the next row (bob), same page.
    press(&here, "ArrowDown");
    let below = cell("user-bob", "w", Page::BatchInference);
    assert!(until(|| focused().as_deref() == Some(below.as_str())).await);
    let panel = text_becomes(root, "matrix-why", |t| t.contains("user bob")).await;
    assert!(panel.contains("is not a member"), "{panel}");
}

#[wasm_bindgen_test]
async fn two_thousand_principals_render_only_the_rows_in_view() {
    let started = js_sys::Date::now();
    let state = sample::generated_organisation(2000, 20, 5000, today());
    let principals = state.live_users().count() + state.live_roles().count();
    let built = js_sys::Date::now();
    let text = persist::to_json(&state);
    let serialized = js_sys::Date::now();
    seed(&state, "root");
    let saved = js_sys::Date::now();
    // What every change costs the store's saving (serialize, then write), for comparison with
    // the matrix's own work below.
    console_log!(
        "generated {principals} principals and {} keys in {:.0} ms; envelope {} bytes, serialized in {:.0} ms, serialized and written in {:.0} ms",
        state.keys().count(),
        built - started,
        text.len(),
        serialized - built,
        saved - serialized
    );

    arrive(None, "/matrix");
    let mounting = js_sys::Date::now();
    let app = mount_app();
    let root = &app.container;
    assert!(until(|| rendered_rows(root) > 0).await);
    let shown = js_sys::Date::now();
    let rows = rendered_rows(root);
    console_log!(
        "matrix with {principals} principals interactive after {:.0} ms, {rows} rows in the document",
        shown - mounting
    );
    assert!(rows < 80, "{rows} rows rendered");
    let summary = text_of(root, "matrix-summary").unwrap();
    assert!(
        summary.contains(&format!("of {principals} principals")),
        "{summary}"
    );
    let body = find(root, "matrix-body").unwrap();
    let height = f64::from(body.offset_height());
    assert!(
        (height - principals as f64 * 32.0).abs() < 1.0,
        "body is {height}px"
    );

    // Scroll to the end: the last principals are drawn, still only a window of rows.
    let scroller = find(root, "matrix-scroller").unwrap();
    let scrolling = js_sys::Date::now();
    scroller.set_scroll_top(1_000_000);
    dispatch(&scroller, "new Event('scroll')");
    let last = format!("[aria-rowindex=\"{}\"]", principals + 1);
    assert!(until(|| root.query_selector(&last).unwrap().is_some()).await);
    console_log!(
        "scrolled to the end in {:.0} ms",
        js_sys::Date::now() - scrolling
    );
    assert!(rendered_rows(root) < 80);

    // Add the last principal to the workspace from its membership cell: the row follows.
    let last_row: Element = root.query_selector(&last).unwrap().unwrap();
    let cell: HtmlElement = last_row
        .query_selector("[data-col=\"0\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let before = cell.inner_text();
    let toggling = js_sys::Date::now();
    cell.click();
    let handled = js_sys::Date::now();
    assert!(until(|| cell.inner_text() != before).await);
    console_log!(
        "add member: {:.1} ms in the click handler, {:.0} ms until drawn ({before} → {})",
        handled - toggling,
        js_sys::Date::now() - toggling,
        cell.inner_text()
    );
    let feedback = text_of(root, "matrix-feedback").unwrap_or_default();
    assert!(feedback.starts_with("Done"), "{feedback}");
    assert!(rendered_rows(root) < 80);

    // And grant a page: the cell turns from view to operate.
    let page: HtmlElement = last_row
        .query_selector("[data-col=\"1\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(page.inner_text(), "view");
    let toggling = js_sys::Date::now();
    page.click();
    let handled = js_sys::Date::now();
    assert!(until(|| page.inner_text() == "operate").await);
    console_log!(
        "grant toggle: {:.1} ms in the click handler, {:.0} ms until drawn",
        handled - toggling,
        js_sys::Date::now() - toggling
    );
}

// ---- the access checker -------------------------------------------------------------------------

fn check_link(check: &Check) -> String {
    let json = serde_json::to_string(check).unwrap();
    format!(
        "/check?q={}",
        String::from(js_sys::encode_uri_component(&json))
    )
}

#[wasm_bindgen_test]
async fn a_linked_denial_shows_its_trace_and_a_remedy_that_applies() {
    seed(&small_account(), "root");
    let check = Check::CallModel {
        caller: Caller::Console {
            who: Who::user("bob"),
            workspace: "w".into(),
        },
        model: "qwen-plus".into(),
    };
    arrive(None, &check_link(&check));
    let app = mount_app();
    let root = &app.container;

    let outcome = text_becomes(root, "check-outcome", |t| t.contains("deny:not-member")).await;
    assert!(outcome.contains("Deny"), "{outcome}");
    let trace = find(root, "check-trace").unwrap();
    let steps = trace.query_selector_all("li").unwrap();
    assert_eq!(steps.length(), 2, "{}", trace.inner_text());
    let failed = trace
        .query_selector(".gate-trace__step--failed")
        .unwrap()
        .unwrap();
    assert!(
        failed
            .text_content()
            .unwrap()
            .contains("✗ Workspace membership")
    );
    // The link filled the form too.
    let who: web_sys::HtmlInputElement = find(root, "check-who").unwrap().unchecked_into();
    assert!(until(|| who.value() == "bob").await, "{:?}", who.value());

    let remedy = text_of(root, "check-remedy-steps").unwrap();
    let lines: Vec<&str> = remedy.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 3, "{remedy}");
    assert!(remedy.contains("Add user `bob` to `w`"), "{remedy}");
    assert!(remedy.contains("Model experience"), "{remedy}");

    find(root, "check-remedy-apply").unwrap().click();
    text_becomes(root, "check-outcome", |t| t.contains("allow")).await;
    let results = text_of(root, "check-remedy-results").unwrap();
    assert_eq!(results.matches("done").count(), 3, "{results}");
    assert!(find(root, "check-remedy").is_none());
    // Saving happens after the frame that shows the change.
    assert!(
        until(
            || pages_of(&stored(), "bob", "w").is_some_and(|p| p.contains(&Page::ModelExperience))
        )
        .await
    );
}

#[wasm_bindgen_test]
async fn the_form_asks_a_question_and_puts_it_in_the_address() {
    seed(&small_account(), "root");
    arrive(None, "/check");
    let app = mount_app();
    let root = &app.container;
    appears(root, "check-answer-empty").await;

    set_value(root, "check-op", "open-page");
    appears(root, "check-page").await;
    set_value(root, "check-who", "ann via ops");
    set_value(root, "check-workspace", "w");
    set_value(root, "check-page", Page::ApiKey.as_str());
    set_value(root, "check-access", "view");
    find(root, "check-submit").unwrap().click();

    let outcome = text_becomes(root, "check-outcome", |t| t.contains("deny:")).await;
    assert!(outcome.contains("deny:page-restricted"), "{outcome}");
    assert!(text_of(root, "check-trace").unwrap().contains("role `ops`"));
    assert_eq!(pathname(), "/check");
    let search = window().location().search().unwrap();
    assert!(search.starts_with("?q="), "{search}");
    assert!(
        search.contains("open-page"),
        "the question is in the address: {search}"
    );
}

#[wasm_bindgen_test]
async fn an_address_that_is_no_ip_is_refused_inline() {
    seed(&small_account(), "root");
    arrive(None, "/check");
    let app = mount_app();
    let root = &app.container;
    appears(root, "check-op").await;

    appears(root, "check-through-key").await.click();
    appears(root, "check-ip").await;
    set_value(root, "check-key", "k1");
    set_value(root, "check-ip", "300.1.2.3");
    find(root, "check-submit").unwrap().click();
    let error = text_becomes(root, "check-error-ip", |t| !t.is_empty()).await;
    assert!(error.contains("not an IP address"), "{error}");
    assert!(find(root, "check-answer-empty").is_some());
    assert_eq!(window().location().search().unwrap(), "");

    set_value(root, "check-ip", "203.0.113.7");
    find(root, "check-submit").unwrap().click();
    text_becomes(root, "check-outcome", |t| t.contains("deny:unknown-key")).await;
    assert!(find(root, "check-error-ip").is_none());
}

#[wasm_bindgen_test]
async fn a_load_counts_allowed_and_throttled_requests() {
    let mut state = small_account();
    let mut entropy = SeededEntropy::new(9);
    for step in [
        Command::AuthorizeModel {
            workspace: "w".into(),
            model: "qwen-plus".into(),
            call: Some(true),
            fine_tune: None,
            deploy: None,
        },
        Command::SetModelLimits {
            workspace: "w".into(),
            model: "qwen-plus".into(),
            rpm: Some(10),
            tpm: None,
        },
        Command::CreateApiKey {
            workspace: "w".into(),
            owner: "ann".into(),
            key: "k1".into(),
        },
    ] {
        assert!(
            state
                .execute(&Who::root(), &step, &mut entropy)
                .outcome
                .is_success()
        );
    }
    seed(&state, "root");
    arrive(None, "/check");
    let app = mount_app();
    let root = &app.container;
    appears(root, "check-op").await;

    set_value(root, "check-op", "load");
    appears(root, "check-traffic").await;
    set_value(root, "check-model", "qwen-plus");
    set_value(root, "check-traffic-0-key", "k1");
    set_value(root, "check-traffic-0-requests", "25");
    find(root, "check-traffic-add").unwrap().click();
    appears(root, "check-traffic-1-key").await;
    set_value(root, "check-traffic-1-key", "nope");
    set_value(root, "check-traffic-1-requests", "lots");
    find(root, "check-submit").unwrap().click();
    let error = text_becomes(root, "check-error-traffic-1-requests", |t| !t.is_empty()).await;
    assert!(error.contains("whole number"), "{error}");

    find(root, "check-traffic-1-remove").unwrap().click();
    assert!(until(|| find(root, "check-traffic-1-key").is_none()).await);
    find(root, "check-submit").unwrap().click();
    text_becomes(root, "check-outcome", |t| t.contains("deny:rate-limited")).await;
    let total = text_of(root, "check-load-total").unwrap();
    let numbers: Vec<&str> = total.split_whitespace().collect();
    assert_eq!(numbers, ["Total", "10", "15", "0"], "{total}");
    // Clearing the limits is the smallest change that allows it.
    assert!(
        text_of(root, "check-remedy-steps")
            .unwrap()
            .contains("Remove the limits of `qwen-plus` in `w`")
    );
}

// ---- the audit ----------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_audit_groups_findings_and_links_each_subject() {
    let state = sample::sample_organisation(today());
    let findings = state.audit();
    seed(&state, "root");
    arrive(None, "/audit");
    let app = mount_app();
    let root = &app.container;

    let count = text_becomes(root, "audit-count", |t| !t.is_empty()).await;
    assert!(
        count.starts_with(&format!("{} finding", findings.len())),
        "{count}"
    );
    let suspended = appears(root, "audit-group-suspended-key").await;
    assert!(suspended.inner_text().contains("Suspended key"));
    let link = suspended
        .query_selector("[data-testid=\"audit-subject\"]")
        .unwrap()
        .unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/keys"));
    assert!(
        suspended
            .inner_text()
            .contains("add the owner back to the key's workspace")
    );
    let role = find(root, "audit-group-role-without-trust").unwrap();
    let link: HtmlElement = role
        .query_selector("[data-testid=\"audit-subject\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/identities"));

    link.click();
    assert_eq!(
        heading_becomes(root, "Identities").await.as_deref(),
        Some("Identities")
    );
}

#[wasm_bindgen_test]
async fn a_clean_account_has_an_empty_audit() {
    seed(&State::new_account(today()), "root");
    arrive(None, "/audit");
    let app = mount_app();
    let root = &app.container;
    appears(root, "audit-empty").await;
    assert!(find(root, "audit-count").is_none());
}
