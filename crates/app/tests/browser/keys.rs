//! The API keys, activity and scenarios screens in a real browser.

use crate::support::*;
use leptos::tachys::view::Mountable;
use studio_access_app::Screen;
use studio_access_core::{Command, KeyOwnerName, Region, SeededEntropy, State, Who, persist};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

// ---- seeding and driving -----------------------------------------------------------------------

/// Runs steps as `root` on a new account; each must succeed.
fn account(steps: &[(&str, Command)]) -> State {
    let mut state = State::new_account(today());
    let mut entropy = SeededEntropy::new(42);
    for (who, command) in steps {
        let who = if *who == "root" {
            Who::root()
        } else {
            Who::user(who)
        };
        let executed = state.execute(&who, command, &mut entropy);
        assert!(
            executed.outcome.is_success(),
            "seeding {command:?}: {:?}",
            executed.outcome
        );
    }
    state
}

/// In the key form: picks `project-a` as the workspace, waits for `user` among the owners it
/// offers and picks that user.
async fn owner_in_project_a(page: &Element, user: &str) {
    set_value(page, "key-create-workspace", "project-a");
    assert!(
        until(|| find(page, "key-create-owner")
            .unwrap()
            .inner_text()
            .contains(user))
        .await
    );
    set_value(page, "key-create-owner", &format!("user:{user}"));
}

/// Every value in localStorage, joined.
fn all_storage() -> String {
    let storage = storage();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .map(|key| storage.get_item(&key).unwrap().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many changes the saved state holds; none when nothing was saved yet.
fn stored_changes() -> usize {
    let text = stored_text();
    if text.is_empty() {
        0
    } else {
        persist::from_json(&text).unwrap().data().events.len()
    }
}

fn rows(root: &Element, prefix: &str) -> Vec<String> {
    let list = root
        .query_selector_all(&format!("[data-testid^=\"{prefix}\"]"))
        .unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("data-testid")
                .unwrap()
        })
        .collect()
}

/// `project-a` in Singapore with `user-01` as a plain member.
fn project_a() -> Vec<(&'static str, Command)> {
    vec![
        (
            "root",
            Command::CreateWorkspace {
                region: Region::ApSoutheast1,
                name: "project-a".into(),
            },
        ),
        (
            "root",
            Command::CreateUser {
                name: "user-01".into(),
            },
        ),
        (
            "root",
            Command::AddMember {
                workspace: "project-a".into(),
                member: user("user-01"),
                admin: false,
            },
        ),
    ]
}

fn create_key(workspace: &str, owner: &str, key: &str) -> (&'static str, Command) {
    (
        "root",
        Command::CreateApiKey {
            workspace: workspace.into(),
            owner: KeyOwnerName::Named(owner.into()),
            key: key.into(),
        },
    )
}

// ---- API keys ----------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_new_key_shows_its_secret_once_and_never_stores_it() {
    clear_storage();
    arrive(None, "/keys");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "API keys").await;
    assert!(find(page, "key-secret").is_none());

    set_value(page, "key-create-label", "k1");
    click(page, "key-create-submit").await;
    apply_change(page, "key-create-change").await;
    let secret = appears(page, "key-secret").await.inner_text();
    assert!(
        secret.starts_with("sk-") && secret.len() == 35,
        "{secret:?}"
    );
    let feedback = text_of(page, "key-create-feedback").unwrap();
    assert!(feedback.contains("Created key `k1`"), "{feedback}");
    // The key's name is drawn as a name, its quoting backticks hidden (not literal characters).
    let line = find(page, "key-create-feedback").unwrap();
    let name = line.query_selector("code.prose-name").unwrap().unwrap();
    assert_eq!(name.text_content().as_deref(), Some("`k1`"));
    let ticks = name
        .query_selector_all(".prose-tick[aria-hidden=true]")
        .unwrap();
    assert_eq!(ticks.length(), 2);

    // The list shows the key with its masked form only.
    let masked = text_becomes(page, "key-masked-k1", |t| !t.is_empty()).await;
    assert!(masked.starts_with(&secret[..5]) && masked.ends_with(&secret[31..]));
    assert_eq!(text_of(page, "key-status-k1").as_deref(), Some("active"));

    // Saved, but without the secret.
    assert!(until(|| stored_text().contains("\"k1\"")).await);
    assert!(!all_storage().contains(&secret[3..]));

    // Copying either works or says it did not.
    click(page, "key-secret-copy").await;
    text_becomes(page, "key-secret-copy-status", |t| {
        t.contains("Copied") || t.contains("Copying failed")
    })
    .await;

    click(page, "key-secret-dismiss").await;
    assert!(until(|| find(page, "key-secret").is_none()).await);
    assert!(!page.inner_html().contains(&secret[3..]));
    assert!(!all_storage().contains(&secret[3..]));
    drop(app);

    // A remount shows the key, never the secret.
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "API keys").await;
    appears(page, "key-row-k1").await;
    assert!(find(page, "key-secret").is_none());
    assert!(!page.inner_html().contains(&secret[3..]));
    assert!(!all_storage().contains(&secret[3..]));
}

#[wasm_bindgen_test]
async fn leaving_the_page_forgets_the_secret() {
    clear_storage();
    arrive(None, "/keys");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "API keys").await;
    set_value(page, "key-create-label", "k2");
    click(page, "key-create-submit").await;
    apply_change(page, "key-create-change").await;
    appears(page, "key-secret").await;

    click(page, "nav-link-activity").await;
    heading_becomes(page, "Activity").await;
    click(page, "nav-link-keys").await;
    heading_becomes(page, "API keys").await;
    appears(page, "key-row-k2").await;
    assert!(find(page, "key-secret").is_none());
}

#[wasm_bindgen_test]
async fn a_member_without_key_permission_is_refused_and_nothing_changes() {
    let mut steps = project_a();
    steps.push(create_key("project-a", "user-01", "user-01-key"));
    steps.push(create_key("project-a", "root", "root-key"));
    let state = account(&steps);
    let app = visit(Screen::ApiKeys, "", &state, &Who::user("user-01"));
    let page = &app.container;
    heading_becomes(page, "API keys").await;

    // user-01 sees its own key only, and is told one is hidden.
    appears(page, "key-row-user-01-key").await;
    assert_eq!(rows(page, "key-row-"), ["key-row-user-01-key"]);
    let hidden = text_of(page, "keys-hidden").unwrap();
    assert!(hidden.starts_with("1 key is hidden"), "{hidden}");

    set_value(page, "key-create-workspace", "project-a");
    set_value(page, "key-create-owner", "user:user-01");
    set_value(page, "key-create-label", "sneaky");
    click(page, "key-create-submit").await;
    let refused = text_becomes(page, "key-create-feedback", |t| !t.is_empty()).await;
    assert!(refused.contains("no-key-permission"), "{refused}");
    assert!(refused.contains("key management permission"), "{refused}");
    let line = find(page, "key-create-feedback").unwrap();
    assert_eq!(line.get_attribute("role").as_deref(), Some("alert"));

    assert!(find(page, "key-secret").is_none());
    assert_eq!(rows(page, "key-row-"), ["key-row-user-01-key"]);
    assert_eq!(stored(), state, "the refused step changed nothing");

    // Deleting and the whitelist would be refused alike: their buttons say so before they are
    // pressed, and the list says why they are disabled.
    for button in ["key-delete-user-01-key", "key-whitelist-user-01-key"] {
        let button = find(page, button).unwrap();
        assert!(button.has_attribute("disabled"), "{}", button.outer_html());
        let why = button.get_attribute("title").unwrap_or_default();
        assert!(why.contains("key management permission"), "{why}");
    }
    let note = text_of(page, "keys-unmanaged").unwrap_or_default();
    assert!(
        note.starts_with("The acting identity may see 1 of these keys but not delete it"),
        "{note}"
    );
    assert_eq!(stored(), state);
}

#[wasm_bindgen_test]
async fn a_key_is_deleted_after_confirmation() {
    let state = account(&[
        create_key("default@us-east-1", "root", "old"),
        create_key("default@ap-southeast-1", "root", "other"),
    ]);
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;
    appears(page, "key-row-old").await;

    click(page, "key-delete-old").await;
    click(page, "key-delete-old-cancel").await;
    assert!(until(|| find(page, "key-delete-old-confirm").is_none()).await);

    // From the keyboard: the question takes the focus, Escape gives it back to Delete.
    let focused = || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-testid"))
            .unwrap_or_default()
    };
    click(page, "key-delete-old").await;
    assert!(until(|| focused() == "key-delete-old-confirm").await);
    press(&document().active_element().unwrap(), "Escape");
    assert!(until(|| focused() == "key-delete-old").await);
    assert!(find(page, "key-delete-old-confirm").is_none());
    assert_eq!(text_of(page, "key-status-old").as_deref(), Some("active"));

    click(page, "key-delete-old").await;
    click(page, "key-delete-old-confirm").await;
    text_becomes(page, "key-status-old", |t| t == "deleted").await;
    assert!(
        text_of(page, "keys-feedback")
            .unwrap()
            .contains("Deleted key `old`")
    );
    assert!(find(page, "key-delete-old").is_none());

    // The status filter finds it among the deleted and not among the active.
    set_value(page, "keys-filter-status", "active");
    assert!(until(|| rows(page, "key-row-") == ["key-row-other"]).await);
    set_value(page, "keys-filter-workspace", "default@us-east-1");
    appears(page, "keys-empty").await;
    set_value(page, "keys-filter-workspace", "");
    set_value(page, "keys-filter-status", "deleted");
    appears(page, "key-row-old").await;
    assert_eq!(rows(page, "key-row-"), ["key-row-old"]);

    // And the workspace filter narrows by workspace.
    set_value(page, "keys-filter-status", "all");
    appears(page, "key-row-other").await;
    assert_eq!(rows(page, "key-row-"), ["key-row-old", "key-row-other"]);
    set_value(page, "keys-filter-workspace", "default@ap-southeast-1");
    assert!(until(|| rows(page, "key-row-") == ["key-row-other"]).await);
    assert_eq!(
        text_of(page, "keys-count").as_deref(),
        Some("1 of 2 visible")
    );
}

#[wasm_bindgen_test]
async fn the_owner_choices_follow_the_workspace() {
    let state = account(&project_a());
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;
    heading_becomes(page, "API keys").await;

    let owner = || {
        js_sys::Reflect::get(&find(page, "key-create-owner").unwrap(), &"value".into())
            .unwrap()
            .as_string()
            .unwrap()
    };
    assert_eq!(owner(), "root");
    owner_in_project_a(page, "user-01").await;
    assert_eq!(owner(), "user:user-01");

    // user-01 is no member of the Beijing default workspace: the account owns keys there.
    set_value(page, "key-create-workspace", "default@cn-beijing");
    assert!(until(|| owner() == "root").await);
    set_value(page, "key-create-label", "bj-key");
    click(page, "key-create-submit").await;
    apply_change(page, "key-create-change").await;
    text_becomes(page, "key-owner-bj-key", |t| t == "root").await;

    // In Singapore the named member owns its key.
    owner_in_project_a(page, "user-01").await;
    set_value(page, "key-create-label", "sg-key");
    click(page, "key-create-submit").await;
    apply_change(page, "key-create-change").await;
    text_becomes(page, "key-owner-sg-key", |t| t == "user-01").await;
    // Created for its owner: the row says the owner once ("user-01 created for user-01" said
    // nothing).
    assert_eq!(text_of(page, "key-created-for-sg-key"), None);
}

/// A key the account owns but was created for a member says for whom; one created for its
/// owner says the owner once (a review read "root created for root").
#[wasm_bindgen_test]
async fn a_key_says_who_it_was_created_for_only_when_that_is_someone_else() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;
    appears(page, "key-row-project-a-app").await;
    assert_eq!(
        text_of(page, "key-owner-project-a-app").as_deref(),
        Some("root")
    );
    assert_eq!(
        text_of(page, "key-created-for-project-a-app").as_deref(),
        Some("user-01")
    );
    assert_eq!(
        text_of(page, "key-owner-prod-root").as_deref(),
        Some("root")
    );
    assert_eq!(text_of(page, "key-created-for-prod-root"), None);
}

#[wasm_bindgen_test]
async fn an_invalid_cidr_is_rejected_inline_and_a_valid_list_is_saved() {
    let state = account(&[create_key("default@cn-beijing", "root", "bj")]);
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;
    appears(page, "key-row-bj").await;

    click(page, "key-whitelist-bj").await;
    appears(page, "whitelist-editor").await;
    assert!(find(page, "whitelist-region-note").is_none());
    // A finished bad line is said as it is typed; the line being typed is not, yet.
    type_into(page, "whitelist-input", "300.1.1.1\n10.");
    let said = text_becomes(page, "whitelist-error", |t| !t.is_empty()).await;
    assert!(
        said.contains("Line 1") && !said.contains("Line 2"),
        "{said}"
    );
    set_value(page, "whitelist-input", "10.0.0.0/8\n10.1.2.300\n");
    click(page, "whitelist-save").await;
    let error = text_becomes(page, "whitelist-error", |t| !t.is_empty()).await;
    assert!(
        error.contains("Line 2") && error.contains("10.1.2.300"),
        "{error}"
    );
    assert!(
        text_of(page, "whitelist-feedback")
            .unwrap()
            .contains("Not saved")
    );
    assert_eq!(stored(), state, "nothing was submitted");
    assert_eq!(
        text_of(page, "key-whitelist-list-bj").as_deref(),
        Some("none")
    );

    set_value(page, "whitelist-input", "10.0.0.0/8\n192.168.1.7\n");
    assert!(until(|| find(page, "whitelist-error").is_none()).await);
    // Corrected, the lines are no longer "Not saved: correct the lines…" (a new user's walk saw
    // it stay beside the question that saving then asked).
    assert!(
        until(|| !text_of(page, "whitelist-feedback")
            .unwrap_or_default()
            .contains("Not saved"))
        .await,
        "{:?}",
        text_of(page, "whitelist-feedback")
    );
    // The effect names the change of the addresses the key's calls are allowed from (a review
    // read "Effect: no change in access").
    text_contains(
        page,
        "whitelist-effect",
        "key bj: IP whitelist none (any address) → 10.0.0.0/8, 192.168.1.7/32",
    )
    .await;
    click(page, "whitelist-save").await;
    apply_change(page, "whitelist-change").await;
    text_becomes(page, "key-whitelist-list-bj", |t| {
        t == "10.0.0.0/8, 192.168.1.7/32"
    })
    .await;
    assert!(
        text_of(page, "whitelist-feedback")
            .unwrap()
            .contains("2 entries")
    );
}

/// Issue 13 (axe's `aria-valid-attr-value`): the whitelist button's `aria-controls` names the
/// editor only while the editor is in the page, never an element that is not there.
#[wasm_bindgen_test]
async fn the_whitelist_button_controls_the_editor_only_while_it_is_open() {
    let state = account(&[
        create_key("default@cn-beijing", "root", "bj"),
        create_key("default@cn-beijing", "root", "bj2"),
    ]);
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;
    appears(page, "key-row-bj2").await;
    let controls = |id: &str| find(page, id).and_then(|b| b.get_attribute("aria-controls"));
    let names_an_element = |target: &str| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(target))
            .is_some()
    };

    assert_eq!(controls("key-whitelist-bj"), None);
    click(page, "key-whitelist-bj").await;
    appears(page, "whitelist-editor").await;
    let target = controls("key-whitelist-bj").unwrap_or_default();
    assert!(names_an_element(&target), "aria-controls={target:?}");
    assert_eq!(controls("key-whitelist-bj2"), None);

    click(page, "whitelist-close").await;
    assert!(until(|| find(page, "whitelist-editor").is_none()).await);
    assert_eq!(controls("key-whitelist-bj"), None);
}

#[wasm_bindgen_test]
async fn a_whitelist_outside_beijing_is_explained_and_refused() {
    let state = account(&[create_key("default@ap-southeast-1", "root", "sg")]);
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;
    appears(page, "key-row-sg").await;
    // The button is not offered: saving could only be refused.
    let button = find(page, "key-whitelist-sg").unwrap();
    assert!(button.has_attribute("disabled"));
    let why = button.get_attribute("title").unwrap_or_default();
    assert!(why.contains("China (Beijing)"), "{why}");
    assert!(find(page, "keys-unmanaged").is_none());
    drop(app);

    // A link that opens its editor anyway (typed by hand) explains, and saving is refused.
    let app = visit(
        Screen::ApiKeys,
        "?key=sg&edit=whitelist",
        &state,
        &Who::root(),
    );
    let page = &app.container;
    let note = appears(page, "whitelist-region-note").await;
    assert!(note.inner_text().contains("Singapore"));
    set_value(page, "whitelist-input", "10.0.0.0/8");
    click(page, "whitelist-save").await;
    let refused = text_becomes(page, "whitelist-feedback", |t| !t.is_empty()).await;
    assert!(refused.contains("ip-whitelist-beijing-only"), "{refused}");
    assert_eq!(stored(), state);
}

// ---- Activity ----------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn undo_and_redo_on_the_activity_page() {
    let state = account(&project_a());
    let app = visit(Screen::Activity, "", &state, &Who::root());
    let page = &app.container;
    heading_becomes(page, "Activity").await;

    appears(page, "activity-row-3").await;
    assert_eq!(
        rows(page, "activity-row-"),
        ["activity-row-3", "activity-row-2", "activity-row-1"],
        "newest first"
    );
    let what = text_of(page, "activity-what-3").unwrap();
    assert!(
        what.contains("user-01") && what.contains("project-a"),
        "{what}"
    );
    // The names the change quotes are drawn as names, not between literal backticks.
    let names = find(page, "activity-what-3")
        .unwrap()
        .query_selector_all("code.prose-name")
        .unwrap();
    assert!(names.length() >= 2, "{what}");
    let redo = find(page, "activity-redo").unwrap();
    assert!(redo.has_attribute("disabled"));

    click(page, "activity-undo").await;
    assert!(until(|| find(page, "activity-row-3").is_none()).await);
    assert!(
        text_of(page, "activity-feedback")
            .unwrap()
            .starts_with("Undone: #3")
    );
    assert!(until(|| stored().data().events.len() == 2).await);

    click(page, "activity-redo").await;
    appears(page, "activity-row-3").await;
    assert!(
        text_of(page, "activity-feedback")
            .unwrap()
            .starts_with("Redone: #3")
    );
    assert!(until(|| stored().data().events == state.data().events).await);

    // The keyboard does the same while this page is open.
    let body = document().body().unwrap();
    dispatch(
        &body,
        "new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true })",
    );
    assert!(until(|| find(page, "activity-row-3").is_none()).await);
    dispatch(
        &body,
        "new KeyboardEvent('keydown', { key: 'Z', ctrlKey: true, shiftKey: true, bubbles: true })",
    );
    appears(page, "activity-row-3").await;

    // Nothing left to redo: the button is off, and the shortcut says why.
    assert!(
        until(|| find(page, "activity-redo")
            .unwrap()
            .has_attribute("disabled"))
        .await
    );
    dispatch(
        &body,
        "new KeyboardEvent('keydown', { key: 'y', ctrlKey: true, bubbles: true })",
    );
    text_becomes(page, "activity-feedback", |t| {
        t == "Cannot redo: nothing to redo."
    })
    .await;
}

#[wasm_bindgen_test]
async fn an_empty_log_says_so() {
    clear_storage();
    arrive(None, "/activity");
    let app = mount_app();
    let page = &app.container;
    appears(page, "activity-empty").await;
    assert!(
        find(page, "activity-undo")
            .unwrap()
            .has_attribute("disabled")
    );
}

// ---- Scenarios ---------------------------------------------------------------------------------

const PASTED: &str = r#"today = "2026-11-22"

[[step]]
op = "create-user"
name = "user-01"

[[step]]
as = "user-01"
op = "create-workspace"
region = "us-east-1"
name = "nope"
expect = "deny:not-super-admin"

[[step]]
as = "user-01"
op = "create-user"
name = "user-02"
expect = "ok"
"#;

/// Opens the Scenarios screen of a new console and runs [`PASTED`] there.
async fn pasted_and_run() -> Mounted<impl Mountable> {
    clear_storage();
    arrive(None, "/scenarios");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "Scenarios").await;
    set_value(page, "scenario-text", PASTED);
    click(page, "scenario-run").await;
    text_becomes(page, "scenario-summary", |t| t == "2 passed, 1 failed").await;
    app
}

#[wasm_bindgen_test]
async fn a_pasted_scenario_shows_each_entry_passed_or_failed() {
    let app = pasted_and_run().await;
    let page = &app.container;
    let verdicts: Vec<String> = (1..=3)
        .map(|n| {
            find(page, &format!("scenario-entry-{n}"))
                .unwrap()
                .get_attribute("data-result")
                .unwrap()
        })
        .collect();
    assert_eq!(verdicts, ["passed", "passed", "failed"]);
    let failed = text_of(page, "scenario-entry-3").unwrap();
    assert!(
        failed.contains("create-user") && failed.contains("deny:not-ram-admin"),
        "{failed}"
    );
    // Issue 13: why it failed, as the command line says it, under its row; none under a pass.
    let why = text_of(page, "scenario-entry-3-why").unwrap();
    assert!(
        why.contains("Create RAM user `user-02` (as user-01)")
            && why.contains("Denied (not-ram-admin)"),
        "{why}"
    );
    assert!(find(page, "scenario-entry-2-why").is_none());

    // Running changed nothing in the console until the result is kept, with confirmation.
    assert_eq!(stored_changes(), 0);
    click(page, "scenario-keep").await;
    click(page, "scenario-keep-cancel").await;
    assert_eq!(stored_changes(), 0);
    click(page, "scenario-keep").await;
    click(page, "scenario-keep-confirm").await;
    appears(page, "scenario-keep-feedback").await;
    assert!(until(|| stored().user_id("user-01").is_some()).await);
}

/// Issue 13 (a new user's walk): a run's report answers the file as it was run. Once the text
/// is edited (or the start changed), the report says it is no longer the answer to the file
/// shown; running again answers the new text and the mark goes.
#[wasm_bindgen_test]
async fn a_report_says_when_the_file_has_changed_since_its_run() {
    let app = pasted_and_run().await;
    let page = &app.container;
    assert!(find(page, "scenario-report-stale").is_none());

    set_value(page, "scenario-text", &PASTED.replace("user-02", "user-03"));
    let said = text_becomes(page, "scenario-report-stale", |t| !t.is_empty()).await;
    assert!(said.contains("changed since this run"), "{said}");
    click(page, "scenario-run").await;
    assert!(until(|| find(page, "scenario-report-stale").is_none()).await);

    click(page, "scenario-start-new").await;
    appears(page, "scenario-report-stale").await;
}

#[wasm_bindgen_test]
async fn a_malformed_scenario_names_the_file_line_and_field() {
    clear_storage();
    arrive(None, "/scenarios");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "Scenarios").await;

    set_value(
        page,
        "scenario-text",
        "[[step]]\nop = \"create-user\"\nname = \"a\"\ncolour = \"blue\"\n",
    );
    click(page, "scenario-run").await;
    appears(page, "scenario-malformed").await;
    assert_eq!(
        text_of(page, "scenario-malformed-file").as_deref(),
        Some("pasted.toml")
    );
    assert_eq!(
        text_of(page, "scenario-malformed-line").as_deref(),
        Some("4")
    );
    assert_eq!(
        text_of(page, "scenario-malformed-field").as_deref(),
        Some("colour")
    );
    assert!(find(page, "scenario-summary").is_none());
    assert!(find(page, "scenario-keep").is_none());
}

/// A new user's walk: a sample loaded, then replaced by the person's own text, ran under the
/// sample's file name, and its malformed report named that file. Edited, the text runs (and
/// its heading reads) as the file it came from, edited.
#[wasm_bindgen_test]
async fn an_edited_sample_runs_under_its_name_marked_edited() {
    clear_storage();
    arrive(None, "/scenarios");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "Scenarios").await;
    click(page, "scenario-sample-administrator").await;
    let loaded = text_becomes(page, "scenario-file-name", |t| t.ends_with(".toml)")).await;
    set_value(page, "scenario-text", "[[step]]\nop = \"frobnicate\"\n");
    let edited = text_becomes(page, "scenario-file-name", |t| t.ends_with(" (edited))")).await;
    assert_eq!(
        edited,
        format!("{} (edited))", loaded.trim_end_matches(')'))
    );
    click(page, "scenario-run").await;
    appears(page, "scenario-malformed").await;
    let file = text_of(page, "scenario-malformed-file").unwrap_or_default();
    assert!(file.ends_with(".toml (edited)"), "{file}");

    // Replaced by another sample and brought back, the edited text keeps its mark (a review).
    click(page, "scenario-sample-spec-example").await;
    click(page, "scenario-bring-back").await;
    text_becomes(page, "scenario-file-name", |t| t == edited).await;
}

/// Every sample is written for a new account (it creates its own workspaces and users): loading
/// one chooses a new account to run on, so that it passes whatever the console holds, here the
/// sample organisation (whose user-01 made "Project member" fail on a copy of it).
#[wasm_bindgen_test]
async fn a_loaded_sample_runs_on_a_new_account_and_passes() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::Scenarios, "", &state, &Who::root());
    let page = &app.container;
    heading_becomes(page, "Scenarios").await;
    let checked = |start: &str| {
        let radio = find(page, &format!("scenario-start-{start}")).unwrap();
        js_sys::Reflect::get(&radio, &"checked".into())
            .unwrap()
            .as_bool()
    };
    assert_eq!(
        checked("current"),
        Some(true),
        "a pasted file runs on a copy"
    );

    for sample in [
        "spec-example",
        "project-member",
        "administrator",
        "api-key-lifecycle",
    ] {
        click(page, &format!("scenario-sample-{sample}")).await;
        assert!(until(|| checked("new") == Some(true)).await, "{sample}");
        let said = text_of(page, "scenario-load-feedback").unwrap_or_default();
        assert!(
            said.ends_with("It runs on a new account, as it was written for one."),
            "{said}"
        );
        let text = find(page, "scenario-text").unwrap();
        assert!(
            until(|| {
                js_sys::Reflect::get(&text, &"value".into())
                    .unwrap()
                    .as_string()
                    .unwrap()
                    .contains("[[step]]")
            })
            .await
        );
        click(page, "scenario-run").await;
        let summary = text_becomes(page, "scenario-summary", |t| t.ends_with(" 0 failed")).await;
        assert!(!summary.starts_with("0 passed"), "{sample}: {summary}");
    }
}

/// Runs the JavaScript `body` in the page.
fn js(body: &str) {
    js_sys::Function::new_no_args(body)
        .call0(&JsValue::NULL)
        .unwrap();
}

#[wasm_bindgen_test]
async fn without_a_cryptographic_source_no_key_is_created_and_the_person_is_told() {
    let state = account(&[]);
    seed(&state);
    arrive(None, "/keys");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "API keys").await;
    // The browser's generator fails, as it does where none exists.
    js("window.__getRandomValues = crypto.getRandomValues; \
        crypto.getRandomValues = function () { throw new Error('no entropy here'); };");
    type_into(page, "key-create-label", "weak-key");
    click(page, "key-create-submit").await;
    apply_change(page, "key-create-change").await;
    let said = text_becomes(page, "key-create-feedback", |t| !t.is_empty()).await;
    js("crypto.getRandomValues = window.__getRandomValues;");
    assert!(said.contains("no cryptographic random source"), "{said}");
    assert!(find(page, "key-secret").is_none());
    sleep(std::time::Duration::from_millis(50)).await;
    assert!(
        saved().is_none_or(|text| !text.contains("weak-key")),
        "the key was created"
    );
}

/// Two root keys in China (Beijing)'s default workspace.
fn two_keys() -> State {
    let mut state = State::new_account(today());
    let mut entropy = SeededEntropy::new(42);
    for key in ["a", "b"] {
        let c = Command::CreateApiKey {
            workspace: "default@cn-beijing".into(),
            owner: KeyOwnerName::Named("root".into()),
            key: key.into(),
        };
        assert!(
            state
                .execute(&Who::root(), &c, &mut entropy)
                .outcome
                .is_success()
        );
    }
    state
}

/// Rows are keyed components: a change to one key updates its row in place and leaves the
/// others, and an open question on them, as they were.
#[wasm_bindgen_test]
async fn a_row_is_drawn_once_and_updates_in_place() {
    let app = visit(Screen::ApiKeys, "", &two_keys(), &Who::root());
    let page = &app.container;
    let row_a = appears(page, "key-row-a").await;
    let row_b = appears(page, "key-row-b").await;
    let copy_b = appears(page, "key-workspace-id-b").await;

    // b's delete question is open while a's whitelist changes.
    click(page, "key-delete-b").await;
    appears(page, "key-delete-b-confirm").await;

    click(page, "key-whitelist-a").await;
    appears(page, "whitelist-editor").await;
    type_into(page, "whitelist-input", "10.1.0.0/16");
    click(page, "whitelist-save").await;
    apply_change(page, "whitelist-change").await;
    text_becomes(page, "key-whitelist-list-a", |t| t == "10.1.0.0/16").await;

    assert!(still_drawn(page, "key-row-a", &row_a), "a redrawn");
    assert!(still_drawn(page, "key-row-b", &row_b), "b redrawn");
    assert!(still_drawn(page, "key-workspace-id-b", &copy_b));
    assert!(
        find(page, "key-delete-b-confirm").is_some(),
        "b question closed"
    );

    // Deleting a updates its row in place.
    click(page, "whitelist-close").await;
    click(page, "key-delete-a").await;
    click(page, "key-delete-a-confirm").await;
    text_becomes(page, "key-status-a", |t| t == "deleted").await;
    assert!(
        still_drawn(page, "key-row-a", &row_a),
        "a redrawn on delete"
    );
    assert_eq!(
        find(page, "key-row-a")
            .unwrap()
            .get_attribute("data-status")
            .as_deref(),
        Some("key-deleted")
    );
    assert!(
        find(page, "key-row-a")
            .unwrap()
            .class_name()
            .contains("keys__row--dead")
    );
    assert!(
        until(|| find(page, "key-delete-a").is_none() && find(page, "key-whitelist-a").is_none())
            .await
    );
    assert_eq!(text_of(page, "key-status-b").as_deref(), Some("active"));
    assert!(find(page, "key-delete-b").is_some());
}

// ---- thousands of keys -------------------------------------------------------------------------

/// 3,000 root keys in China (Beijing)'s default workspace, `key-0000` to `key-2999`.
fn three_thousand_keys() -> State {
    let steps: Vec<(&str, Command)> = (0..3000)
        .map(|i| create_key("default@cn-beijing", "root", &format!("key-{i:04}")))
        .collect();
    account(&steps)
}

/// How many key rows are drawn.
fn drawn_keys(page: &Element) -> u32 {
    page.query_selector_all("[data-testid^=\"key-row-\"]")
        .unwrap()
        .length()
}

/// Whether the element is inside the visible part of the scroll container `scroller`.
fn in_view_of(element: &Element, scroller: &Element) -> bool {
    let check = js_sys::Function::new_with_args(
        "e, s",
        "const a = e.getBoundingClientRect(), b = s.getBoundingClientRect(); \
         return a.top >= b.top && a.bottom <= b.bottom;",
    );
    check
        .call2(&JsValue::NULL, element, scroller)
        .unwrap()
        .as_bool()
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_visit_to_api_keys_with_three_thousand_keys_draws_only_the_rows_in_view() {
    let _style = Stylesheet::new();
    let state = three_thousand_keys();
    seed(&state);
    arrive(None, "/keys");
    let started = js_sys::Date::now();
    let app = mount_app();
    let page = &app.container;
    appears(page, "key-row-key-0000").await;
    let drawn = js_sys::Date::now();
    let rows = drawn_keys(page);
    wasm_bindgen_test::console_log!(
        "API keys with 3,000 keys: {:.0} ms to the table, {rows} rows drawn",
        drawn - started
    );
    assert!(rows < 60, "{rows} rows drawn");
    assert_eq!(text_of(page, "keys-count").as_deref(), Some("3000 visible"));

    // Scrolling to the end draws the last key, and still only the rows in view.
    let scroller = find(page, "keys-scroller").unwrap();
    scroller.set_scroll_top(3000 * 60);
    dispatch(&scroller, "new Event('scroll')");
    let last = appears(page, "key-row-key-2999").await;
    assert!(find(page, "key-row-key-0000").is_none());
    assert!(drawn_keys(page) < 60);
    assert!(until(|| in_view_of(&last, &scroller)).await);
}

#[wasm_bindgen_test]
async fn a_link_to_the_two_thousandth_key_shows_it() {
    let _style = Stylesheet::new();
    seed(&three_thousand_keys());
    arrive(None, "/keys?key=key-1999");
    let app = mount_app();
    let page = &app.container;
    let row = appears(page, "key-row-key-1999").await;
    let scroller = find(page, "keys-scroller").unwrap();
    assert!(
        until(|| in_view_of(&row, &scroller)).await,
        "the linked key is drawn but not in view"
    );
    assert_eq!(row.get_attribute("data-linked").as_deref(), Some("true"));
    // With the stylesheet, the label is drawn as a name, without its backticks.
    text_becomes(page, "keys-link-note", |t| t == "Showing key key-1999.").await;
    assert!(drawn_keys(page) < 60);
}

#[wasm_bindgen_test]
async fn a_key_far_down_is_deleted_and_its_question_leaves_the_row_height_alone() {
    let _style = Stylesheet::new();
    let app = visit(Screen::ApiKeys, "", &three_thousand_keys(), &Who::root());
    let page = &app.container;
    appears(page, "key-row-key-0000").await;
    let scroller = find(page, "keys-scroller").unwrap();
    scroller.set_scroll_top(2500 * 48);
    dispatch(&scroller, "new Event('scroll')");
    let row = appears(page, "key-row-key-2500").await;
    let height = row.client_height();

    click(page, "key-delete-key-2500").await;
    appears(page, "key-delete-key-2500-confirm").await;
    assert_eq!(
        row.client_height(),
        height,
        "the question changed the row's height"
    );
    click(page, "key-delete-key-2500-confirm").await;
    text_becomes(page, "key-status-key-2500", |t| t == "deleted").await;
    text_becomes(page, "keys-feedback", |t| {
        t.contains("Deleted key") && t.contains("key-2500")
    })
    .await;
    assert!(
        still_drawn(page, "key-row-key-2500", &row),
        "the row was redrawn"
    );
    assert!(
        until(|| {
            let saved = stored();
            saved
                .key_id("key-2500")
                .and_then(|id| saved.key(id))
                .map(|key| saved.key_status(key))
                == Some(studio_access_core::KeyStatus::Deleted)
        })
        .await,
        "the deletion was not saved"
    );
}

/// Issue 13: loading a sample or a file over text the person typed replaced it without a word.
/// The load says so and offers it back; typing on the new text withdraws the offer (bringing
/// the old one back would then lose that typing), and a load over loaded text offers nothing.
#[wasm_bindgen_test]
async fn a_load_over_typed_text_offers_it_back() {
    let app = visit(Screen::Scenarios, "", &small_account(), &Who::root());
    let page = &app.container;
    heading_becomes(page, "Scenarios").await;
    let mine = "[[step]]\nop = \"create-user\"\nname = \"mine\"\n";
    type_into(page, "scenario-text", mine);
    click(page, "scenario-sample-administrator").await;
    text_contains(
        page,
        "scenario-load-feedback",
        "It replaced the text you typed",
    )
    .await;
    assert_ne!(value_of(page, "scenario-text"), mine);
    click(page, "scenario-bring-back").await;
    assert!(until(|| value_of(page, "scenario-text") == mine).await);
    text_contains(
        page,
        "scenario-load-feedback",
        "Brought back the text you typed.",
    )
    .await;
    assert!(until(|| find(page, "scenario-bring-back").is_none()).await);

    // A sample over a sample: nothing typed, nothing offered.
    click(page, "scenario-sample-administrator").await;
    click(page, "scenario-sample-spec-example").await;
    let said = text_contains(page, "scenario-load-feedback", "It runs on a new account").await;
    assert!(!said.contains("typed"), "{said}");
    assert!(find(page, "scenario-bring-back").is_none());

    // Typing on the loaded text withdraws the offer.
    type_into(page, "scenario-text", mine);
    click(page, "scenario-sample-administrator").await;
    appears(page, "scenario-bring-back").await;
    type_into(page, "scenario-text", "edited");
    assert!(until(|| find(page, "scenario-bring-back").is_none()).await);
}

/// Issue 13: "no member to own the key" belongs to the workspace it was said of; choosing
/// another workspace takes it away.
#[wasm_bindgen_test]
async fn the_no_owner_refusal_goes_when_another_workspace_is_chosen() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::ApiKeys, "", &state, &Who::user("admin-01"));
    let page = &app.container;
    appears(page, "key-create-label").await;
    choose(page, "key-create-workspace", "default@cn-beijing").await;
    set_value(page, "key-create-label", "k-new");
    click(page, "key-create-submit").await;
    let said = text_becomes(page, "key-create-feedback", |t| !t.is_empty()).await;
    assert!(said.contains("no member"), "{said}");
    choose(page, "key-create-workspace", "project-a").await;
    assert!(
        until(|| text_of(page, "key-create-feedback")
            .unwrap_or_default()
            .is_empty())
        .await,
        "{:?}",
        text_of(page, "key-create-feedback")
    );
}

/// A new user's walk found the IP whitelist buttons of keys outside China (Beijing) disabled
/// with the reason in their title only: the list says it.
#[wasm_bindgen_test]
async fn the_list_says_why_whitelists_abroad_are_disabled() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;
    reads(
        page,
        "keys-abroad",
        &["outside China (Beijing)", "IP whitelist button is disabled"],
    )
    .await;
}

/// A new user's walk: a scenario ran on a copy of the console's data; the sample organisation
/// was loaded after; Keep then replaced it with the run's result, unsaid. The report says the
/// data have changed since it ran, and its result cannot be kept until it runs again.
#[wasm_bindgen_test]
async fn a_result_cannot_be_kept_over_data_changed_since_its_run() {
    let app = pasted_and_run().await;
    let page = &app.container;
    click_now(page, "data-menu-toggle");
    click_now(page, "data-sample");
    text_contains(page, "data-feedback", "Loaded the sample organisation").await;
    reads(
        page,
        "scenario-report-stale",
        &["data have changed since this run"],
    )
    .await;
    let keep = find(page, "scenario-keep").unwrap();
    assert!(keep.has_attribute("disabled"));

    click(page, "scenario-run").await;
    assert!(until(|| find(page, "scenario-report-stale").is_none()).await);
    assert!(
        until(|| find(page, "scenario-keep").is_some_and(|k| !k.has_attribute("disabled"))).await
    );
    click(page, "scenario-keep").await;
    click(page, "scenario-keep-confirm").await;
    appears(page, "scenario-keep-feedback").await;
    // Kept, the data are the run's result: nothing is stale.
    sleep(std::time::Duration::from_millis(50)).await;
    assert!(find(page, "scenario-report-stale").is_none());
    assert!(until(|| stored().user_id("user-01").is_some()).await);
}
