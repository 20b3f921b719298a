//! The console's controls for SPEC revision 2, in a real browser: deleting a workspace with its
//! what-if, workspace IDs, key owners (users and roles; `root` only as `root`) and the Beijing
//! rule said before a key is made, the simulation's date in the header, features, the notice
//! where management permission is missing, name rules as a person types, what each policy is
//! for, the new checks and the FAQ errors.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{
    Command, Feature, KeyStatus, MemberName, Policy, Region, State, Who, is_workspace_id,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

/// The values a select offers, in order.
fn options(root: &Element, test_id: &str) -> Vec<String> {
    let Some(select) = find(root, test_id) else {
        return Vec::new();
    };
    let options = select.query_selector_all("option").unwrap();
    (0..options.length())
        .filter_map(|at| options.item(at))
        .filter_map(|option| option.unchecked_into::<Element>().get_attribute("value"))
        .collect()
}

/// `bj` in China (Beijing) with `ann` (member), `carl` (administrator) and role `ops` (member);
/// `bob` is a member of nothing; `admin-01` holds AliyunBailianFullAccess and joins nothing.
fn beijing_account() -> State {
    let mut state = small_account();
    run_as_root(
        &mut state,
        &[
            Command::CreateWorkspace {
                region: Region::CnBeijing,
                name: "bj".into(),
            },
            Command::AddMember {
                workspace: "bj".into(),
                member: user("ann"),
                admin: false,
            },
            Command::AddMember {
                workspace: "bj".into(),
                member: user("carl"),
                admin: true,
            },
            sample::add_member("bj", MemberName::Role("ops".into()), false),
            Command::CreateUser {
                name: "admin-01".into(),
            },
            Command::AttachPolicy {
                member: user("admin-01"),
                policy: Policy::AliyunBailianFullAccess,
            },
        ],
        11,
    );
    state
}

#[wasm_bindgen_test]
async fn deleting_a_workspace_shows_what_dies_first_and_applies_only_on_confirm() {
    let state = project_a_account();
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let page = &app.container;
    click(page, "region-tab-ap-southeast-1").await;
    click(page, "ws-open-project-a").await;

    // Its ID is shown and copyable where the workspace is managed.
    let id = text_becomes(page, "ws-detail-id", |t| t.starts_with("llm-")).await;
    assert!(is_workspace_id(&id), "{id}");
    assert_eq!(
        Some(id.clone()),
        state
            .workspace_id("project-a")
            .and_then(|ws| state.workspace(ws))
            .map(|ws| ws.id.clone())
    );
    assert!(find(page, "ws-detail-id-copy").is_some());

    // Delete asks first, listing the key that dies and the member that loses its pages.
    click(page, "delete-workspace").await;
    let diff = reads(page, "rename-change-diff", &["key k: active → deleted"]).await;
    assert!(diff.contains("user user-01 loses"), "{diff}");
    // Its button says the deletion is for good, as deleting a user's does (a new user's walk
    // read a plain "Apply").
    let apply = appears(page, "rename-change-apply").await;
    assert_eq!(
        apply.text_content().unwrap_or_default().trim(),
        "Delete for good"
    );
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(stored(), state, "asking changed nothing");

    apply_change(page, "rename-change").await;
    text_contains(page, "workspace-feedback", "Deleted workspace `project-a`").await;
    assert!(find(page, "ws-detail").is_none());
    assert!(until(|| find(page, "ws-row-project-a").is_none()).await);
    assert!(
        until(|| {
            let saved = stored();
            saved.workspace_id("project-a").is_none()
                && saved
                    .key_id("k")
                    .and_then(|k| saved.key(k))
                    .is_some_and(|k| saved.key_status(k) == KeyStatus::Deleted)
        })
        .await
    );
}

#[wasm_bindgen_test]
async fn a_workspace_with_nothing_in_it_is_still_deleted_only_after_asking() {
    let mut state = State::new_account(today());
    run_as_root(
        &mut state,
        &[Command::CreateWorkspace {
            region: Region::UsEast1,
            name: "empty".into(),
        }],
        1,
    );
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let page = &app.container;
    click(page, "region-tab-us-east-1").await;
    click(page, "ws-open-empty").await;
    click(page, "delete-workspace").await;
    text_contains(page, "rename-change-diff", "No change in access").await;
    click(page, "rename-change-cancel").await;
    sleep(std::time::Duration::from_millis(50)).await;
    assert!(stored().workspace_id("empty").is_some());
}

#[wasm_bindgen_test]
async fn key_owners_are_the_workspace_members_and_root_only_when_acting_as_root() {
    let state = beijing_account();
    let app = visit(Screen::ApiKeys, "", &state, &Who::user("carl"));
    let page = &app.container;
    choose(page, "key-create-workspace", "bj").await;
    assert!(
        until(|| options(page, "key-create-owner") == ["user:ann", "user:carl", "role:ops"]).await,
        "{:?}",
        options(page, "key-create-owner")
    );
    drop(app);

    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;
    choose(page, "key-create-workspace", "bj").await;
    assert!(
        until(|| options(page, "key-create-owner")
            == ["root", "user:ann", "user:carl", "role:ops"])
        .await,
        "{:?}",
        options(page, "key-create-owner")
    );
}

#[wasm_bindgen_test]
async fn the_beijing_rule_is_explained_before_a_role_owned_key_is_made() {
    let state = beijing_account();
    assert!(state.today() >= "2026-03-25".parse().unwrap());
    let app = visit(Screen::ApiKeys, "", &state, &Who::user("carl"));
    let page = &app.container;
    choose(page, "key-create-workspace", "bj").await;
    choose(page, "key-create-owner", "role:ops").await;
    let note = reads(
        page,
        "key-create-ownership",
        &["belong to the Alibaba Cloud account", "role `ops`"],
    )
    .await;
    assert!(note.contains("2026-03-25"), "{note}");
    // Said before anything was made.
    assert!(stored().key_id("ops-key").is_none());

    type_into(page, "key-create-label", "ops-key");
    click(page, "key-create-submit").await;
    apply_change(page, "key-create-change").await;
    appears(page, "key-secret").await;
    // Saved after the frame that shows it.
    assert!(until(|| stored().key_id("ops-key").is_some()).await);
    let saved = stored();
    let key = saved.key(saved.key_id("ops-key").unwrap()).unwrap();
    assert_eq!(key.owner, studio_access_core::Owner::Root);
    assert_eq!(
        key.created_for,
        studio_access_core::Owner::Role(saved.role_id("ops").unwrap())
    );
    // Outside China (Beijing) nothing is said.
    choose(page, "key-create-workspace", "w").await;
    choose(page, "key-create-owner", "role:ops").await;
    assert!(until(|| find(page, "key-create-ownership").is_none()).await);
}

#[wasm_bindgen_test]
async fn the_key_table_shows_the_workspace_id() {
    let state = project_a_account();
    let app = visit(Screen::ApiKeys, "", &state, &Who::root());
    let page = &app.container;
    let id = text_becomes(page, "key-workspace-id-k", |t| t.starts_with("llm-")).await;
    let ws = state.workspace_id("project-a").unwrap();
    assert_eq!(id, state.workspace(ws).unwrap().id);
}

#[wasm_bindgen_test]
async fn the_date_is_in_the_header_and_set_as_a_recorded_change() {
    let state = project_a_account();
    let app = visit(Screen::Overview, "", &state, &Who::root());
    let page = &app.container;
    text_becomes(page, "header-date", |t| t == "2026-11-22").await;

    click(page, "header-date-change").await;
    appears(page, "date-input").await;
    // An empty date is named as such; the error goes once a date that reads is set.
    set_value(page, "date-input", "");
    click(page, "date-set").await;
    reads(page, "date-feedback", &["The new date is empty"]).await;
    set_value(page, "date-input", "2026-03-01");
    reads(
        page,
        "date-effect",
        &["From 2026-03-01", "belong to the user or role"],
    )
    .await;
    click(page, "date-set").await;
    // A recorded change: asked first, with its preview.
    appears(page, "date-change").await;
    assert!(
        find(page, "date-feedback").is_none(),
        "the empty date's error stayed"
    );
    assert_eq!(stored().today(), today());
    apply_change(page, "date-change").await;
    text_becomes(page, "header-date", |t| t == "2026-03-01").await;
    assert!(
        until(|| {
            let saved = stored();
            saved.today().to_string() == "2026-03-01"
                && saved
                    .data()
                    .events
                    .last()
                    .is_some_and(|e| e.command.op() == "set-date")
        })
        .await
    );

    // Reset to the browser's date.
    click(page, "date-reset").await;
    apply_change(page, "date-change").await;
    let browser = studio_access_app::store::browser_today().to_string();
    text_becomes(page, "header-date", |t| t == browser).await;
}

#[wasm_bindgen_test]
async fn features_are_activated_as_the_acting_identity_under_the_seeds_rule() {
    let state = beijing_account();
    let app = visit(Screen::Overview, "", &state, &Who::user("admin-01"));
    let page = &app.container;
    let guardrails = Feature::AiGuardrails.as_str();
    text_becomes(page, &format!("feature-status-{guardrails}"), |t| {
        t == "not activated"
    })
    .await;
    reads(
        page,
        &format!("feature-{guardrails}"),
        &["Alibaba Cloud account only"],
    )
    .await;
    // A super administrator may not: only the account activates it. The button is not offered,
    // and says why (as root, below, it is).
    let button = find(page, &format!("feature-activate-{guardrails}")).unwrap();
    assert!(button.has_attribute("disabled"));
    let why = button.get_attribute("title").unwrap_or_default();
    assert!(why.contains("root-only"), "{why}");
    drop(app);

    let app = visit(Screen::Overview, "", &stored(), &Who::root());
    let page = &app.container;
    click(page, &format!("feature-activate-{guardrails}")).await;
    text_becomes(page, &format!("feature-status-{guardrails}"), |t| {
        t == "activated"
    })
    .await;
    assert!(until(|| stored().data().features.contains(Feature::AiGuardrails)).await);
}

#[wasm_bindgen_test]
async fn without_management_permission_the_workspaces_page_says_what_is_needed() {
    let state = beijing_account();
    let app = visit(Screen::Workspaces, "", &state, &Who::user("carl"));
    let page = &app.container;
    reads(
        page,
        "management-notice",
        &["AliyunBailianFullAccess", "System Administration"],
    )
    .await;
    assert!(find(page, "create-workspace-name").is_none());
    // A workspace administrator still manages members; models are read-only.
    click(page, "region-tab-us-east-1").await;
    click(page, "ws-open-w").await;
    appears(page, "add-member-submit").await;
    let call = find(page, "auth-call-qwen-plus").unwrap();
    assert!(call.has_attribute("disabled"));
    assert!(find(page, "delete-workspace").is_none());
    drop(app);

    let app = visit(Screen::Workspaces, "", &state, &Who::user("admin-01"));
    let page = &app.container;
    appears(page, "create-workspace-name").await;
    assert!(find(page, "management-notice").is_none());
}

#[wasm_bindgen_test]
async fn name_fields_say_which_part_breaks_the_rule_as_it_is_typed() {
    seed(&State::new_account(today()));
    arrive_at(Screen::Workspaces, "");
    let app = mount_app();
    let page = &app.container;
    appears(page, "create-workspace-name").await;
    for (typed, said) in [
        ("project ", "ends with a space"),
        (" project", "starts with a space"),
        (
            "pro\u{200B}ject",
            "invisible character (U+200B), the 4th character",
        ),
        ("a@b", "cannot contain `@`"),
        (&"x".repeat(65), "too long: 65 characters, at most 64"),
    ] {
        type_into(page, "create-workspace-name", typed);
        text_contains(page, "create-workspace-name-problem", said).await;
        let input = find(page, "create-workspace-name").unwrap();
        assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    }
    type_into(page, "create-workspace-name", "项目 A");
    text_becomes(page, "create-workspace-name-problem", str::is_empty).await;
    // Nothing is trimmed: the space at the end is refused, not removed. Submitted, the field
    // says why under itself, as every form does (issue 13), and nothing is asked of core.
    type_into(page, "create-workspace-name", "trailing ");
    click(page, "create-workspace-submit").await;
    text_contains(page, "create-workspace-name-problem", "ends with a space").await;
    assert!(find(page, "workspace-change").is_none());
    assert_eq!(text_of(page, "workspace-feedback"), None);
    assert!(stored_text().is_empty() || stored().workspace_id("trailing").is_none());
    // An empty name, submitted, says it is empty; typed, the field says nothing more.
    type_into(page, "create-workspace-name", "");
    click(page, "create-workspace-submit").await;
    text_contains(
        page,
        "create-workspace-name-problem",
        "The workspace name is empty.",
    )
    .await;
    let input = find(page, "create-workspace-name").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    type_into(page, "create-workspace-name", "team-a");
    text_becomes(page, "create-workspace-name-problem", str::is_empty).await;
    drop(app);

    arrive_at(Screen::Identities, "");
    let app = mount_app();
    let page = &app.container;
    appears(page, "create-user-name").await;
    type_into(page, "create-user-name", "ann smith");
    text_contains(
        page,
        "create-user-name-problem",
        "The user name cannot contain a space (the 4th character).",
    )
    .await;
    type_into(page, "create-user-name", "root");
    text_contains(page, "create-user-name-problem", "cannot be `root`").await;
}

#[wasm_bindgen_test]
async fn each_policy_says_in_one_line_what_it_is_for() {
    let state = small_account();
    let app = visit(Screen::Identities, "", &state, &Who::root());
    let page = &app.container;
    click(page, "principal-manage-user-ann").await;
    reads(
        page,
        "policy-purpose-AliyunBailianFullAccess",
        &["Management permission"],
    )
    .await;
    reads(
        page,
        "policy-purpose-AliyunBailianDataReadOnlyAccess",
        &["read-only"],
    )
    .await;
    reads(page, "policy-purpose-AliyunBSSOrderAccess", &["Purchases"]).await;
    reads(page, "policy-purpose-AliyunBSSReadOnlyAccess", &["Bills"]).await;
    reads(
        page,
        "policy-purpose-AliyunRAMFullAccess",
        &["RAM administration"],
    )
    .await;
}

#[wasm_bindgen_test]
async fn the_checker_asks_call_openapi_in_a_workspace_and_open_system_administration() {
    let mut state = small_account();
    run_as_root(
        &mut state,
        &[Command::AttachPolicy {
            member: user("bob"),
            policy: Policy::AliyunBailianDataFullAccess,
        }],
        2,
    );
    let w = state
        .workspace(state.workspace_id("w").unwrap())
        .unwrap()
        .id
        .clone();
    let app = visit(Screen::AccessChecker, "", &state, &Who::root());
    let page = &app.container;
    choose(page, "check-op", "call-openapi").await;
    appears(page, "check-openapi-workspace").await;
    type_into(page, "check-who", "bob");
    type_into(page, "check-action", "CreateIndex");
    // The workspace by its ID: bob holds the policy but is no member.
    type_into(page, "check-openapi-workspace", &w);
    click(page, "check-submit").await;
    reads(page, "check-outcome", &["deny:not-member"]).await;

    choose(page, "check-op", "open-system-administration").await;
    assert!(until(|| find(page, "check-action").is_none()).await);
    type_into(page, "check-who", "carl");
    click(page, "check-submit").await;
    reads(page, "check-outcome", &["deny:not-super-admin"]).await;
    reads(page, "check-remedy-steps", &["AliyunBailianFullAccess"]).await;
}

#[wasm_bindgen_test]
async fn a_pasted_faq_error_opens_its_check_for_the_chosen_identity() {
    let state = beijing_account();
    let app = visit(Screen::AccessChecker, "", &state, &Who::root());
    let page = &app.container;
    let response = r#"{"Code":"NoPermission","Message":"NoPermission, sfm:GetRetrievePromptPipelineMaxLimit"}"#;
    look_up_error(page, response, "ann", None).await;
    reads(page, "error-meaning", &["AliyunBailianDataFullAccess"]).await;
    reads(
        page,
        "check-question",
        &["GetRetrievePromptPipelineMaxLimit", "ann"],
    )
    .await;
    reads(page, "check-outcome", &["deny:no-openapi-permission"]).await;
    reads(page, "check-remedy-steps", &["AliyunBailianDataFullAccess"]).await;

    look_up_error(page, "bss:PayOrder failed", "admin-01", None).await;
    reads(page, "check-outcome", &["deny:no-billing-permission"]).await;

    let workspace_error = "You do not have access permissions to this workspace.";
    look_up_error(page, workspace_error, "bob", Some("bj")).await;
    reads(page, "check-outcome", &["deny:not-member"]).await;
    reads(page, "check-question", &["bob", "`bj`"]).await;

    let management = "AliyunSFMFullAccess/AliyunBailianFullAccess permission error";
    look_up_error(page, management, "carl", None).await;
    reads(page, "check-question", &["System Administration", "carl"]).await;
    reads(page, "check-outcome", &["deny:not-super-admin"]).await;

    type_into(page, "error-text", "Something else entirely");
    click(page, "error-find").await;
    reads(
        page,
        "error-unknown",
        &["not one of the errors", "bss:PayOrder"],
    )
    .await;
}

/// A save as the build before revision 2 wrote it (persistence version 2: no workspace IDs):
/// a new account, then root creates user `équipe` (a name revision 2 no longer allows) and
/// user `later`.
fn version_2_save() -> String {
    let mut text: serde_json::Value = serde_json::from_str(&studio_access_core::persist::to_json(
        &State::new_account(today()),
    ))
    .unwrap();
    text["version"] = 2.into();
    for ws in text["state"]["checkpoint"]["workspaces"]
        .as_array_mut()
        .unwrap()
    {
        ws.as_object_mut().unwrap().remove("id");
    }
    let event = |seq: u64, name: &str| {
        serde_json::json!({
            "seq": seq,
            "date": "2026-11-22",
            "who": { "as": "root" },
            "command": { "op": "create-user", "name": name },
        })
    };
    text["state"]["events"] = serde_json::json!([event(1, "équipe"), event(2, "later")]);
    text.to_string()
}

#[wasm_bindgen_test]
async fn an_older_save_opens_with_nothing_lost_and_says_what_was_folded() {
    clear_storage();
    storage()
        .set_item(studio_access_app::store::STORAGE_KEY, &version_2_save())
        .unwrap();
    arrive_at(Screen::Identities, "");
    let app = mount_app();
    let page = &app.container;
    let said = reads(
        page,
        "migration-notice",
        &[
            "format 2",
            "nothing in it was lost",
            "1 change is kept as history",
        ],
    )
    .await;
    assert!(
        said.contains("#1 create-user by root (error:invalid-value)"),
        "{said}"
    );
    appears(page, "principal-row-user-équipe").await;
    appears(page, "principal-row-user-later").await;
    // Saved again at once in the current form.
    assert!(until(|| studio_access_core::persist::is_current(&stored_text())).await);
    let saved = stored();
    assert_eq!(saved.data().folded, 1);
    assert_eq!(saved.data().events.len(), 1);
    click(page, "migration-dismiss").await;
    assert!(until(|| find(page, "migration-notice").is_none()).await);
}
