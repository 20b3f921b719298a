//! The console's frame and its first screens in a real browser: the acting identity, the storage
//! banner, the Data menu, and the Identities, Workspaces and Overview screens.

use std::time::Duration;

use leptos::tachys::view::Mountable;

use crate::support::*;
use studio_access_app::Screen;
use studio_access_app::data;
use studio_access_app::store::{ASIDE_KEY, STORAGE_KEY, WHO_KEY, browser_today};
use studio_access_core::{
    Command, MemberName, Outcome, Policy, Region, SeededEntropy, State, Who, persist,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// A new account after `steps`, each of which must succeed.
fn account(steps: &[(Who, Command)]) -> State {
    let mut state = State::new_account(browser_today());
    let mut entropy = SeededEntropy::new(1);
    for (who, command) in steps {
        let executed = state.execute(who, command, &mut entropy);
        assert_eq!(executed.outcome, Outcome::Ok, "{command:?} as {who}");
    }
    state
}

fn root() -> Who {
    Who::root()
}

fn create_user(name: &str) -> Command {
    Command::CreateUser { name: name.into() }
}

async fn open(root: &Element, page: &str, title: &str) {
    click_now(root, &format!("nav-link-{page}"));
    assert_eq!(heading_becomes(root, title).await.as_deref(), Some(title));
}

fn workspace_names(root: &Element) -> Vec<String> {
    let table = find(root, "ws-table").unwrap();
    let names = table
        .query_selector_all("[data-testid=\"ws-name\"]")
        .unwrap();
    (0..names.length())
        .map(|i| names.item(i).unwrap().text_content().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn a_user_created_in_the_ui_is_listed_and_survives_a_remount() {
    clear_storage();
    arrive(None, "/identities");
    let app = mount_app();
    let page = &app.container;
    assert_eq!(
        heading_becomes(page, "Identities").await.as_deref(),
        Some("Identities")
    );

    type_into(page, "create-user-name", "alice");
    click_now(page, "create-user-submit");
    apply_change(page, "identities-change").await;
    text_contains(page, "identities-feedback", "Created user `alice`").await;
    appears(page, "principal-row-user-alice").await;
    assert!(until(|| saved().is_some_and(|text| text.contains("\"alice\""))).await);
    drop(app);

    arrive(None, "/identities");
    let again = mount_app();
    appears(&again.container, "principal-row-user-alice").await;
}

#[wasm_bindgen_test]
async fn a_refused_creation_says_why_and_changes_nothing() {
    clear_storage();
    arrive(None, "/identities");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "Identities").await;

    // A name that breaks the rule says why under its field and is not asked (issue 13).
    type_into(page, "create-user-name", "root");
    click_now(page, "create-user-submit");
    says_problem(page, "create-user-name", &["cannot be `root`"]).await;
    assert_eq!(text_of(page, "identities-feedback"), None);
    assert!(find(page, "principal-row-user-root").is_none());
    drop(app);

    // One that follows the rule is asked, and core's refusal says why.
    let app = visit(
        Screen::Identities,
        "",
        &account(&[(root(), create_user("ann"))]),
        &root(),
    );
    let page = &app.container;
    appears(page, "create-user-name").await;
    type_into(page, "create-user-name", "ann");
    click_now(page, "create-user-submit");
    let said = text_contains(page, "identities-feedback", "duplicate").await;
    assert!(
        said.contains("A RAM user named `ann` exists already"),
        "{said}"
    );
    assert_eq!(
        text_of(page, "identities-count").as_deref(),
        Some("1 user, 0 roles")
    );
}

#[wasm_bindgen_test]
async fn switching_identity_changes_what_an_action_does() {
    let app = visit(
        Screen::Workspaces,
        "",
        &account(&[(root(), create_user("bob"))]),
        &root(),
    );
    let page = &app.container;
    heading_becomes(page, "Workspaces").await;

    // As root, a new sub-workspace appears in the list.
    type_into(page, "create-workspace-name", "team-a");
    click_now(page, "create-workspace-submit");
    text_contains(page, "workspace-feedback", "Created workspace `team-a`").await;
    assert!(until(|| workspace_names(page).contains(&"team-a".to_owned())).await);

    // A plain RAM user finds no control that would fail: it is told what it needs instead,
    // and nothing changes.
    type_into(page, "create-workspace-name", "team-b");
    choose_now(page, "identity-select", "bob");
    let before = workspace_names(page);
    let said = text_contains(page, "management-notice", "AliyunBailianFullAccess").await;
    assert!(said.contains("System Administration"), "{said}");
    assert!(until(|| find(page, "create-workspace-submit").is_none()).await);
    assert_eq!(workspace_names(page), before);
    sleep(Duration::from_millis(50)).await;
    assert!(!saved().unwrap().contains("team-b"));

    // The choice is remembered, and switching back to root makes it work.
    assert!(
        until(|| storage()
            .get_item(WHO_KEY)
            .unwrap()
            .is_some_and(|w| w.contains("bob")))
        .await
    );
    // (An empty workspace changes no access and raises no finding, so it applies at once.)
    choose_now(page, "identity-select", "root");
    appears(page, "create-workspace-submit").await;
    type_into(page, "create-workspace-name", "team-b");
    click_now(page, "create-workspace-submit");
    text_contains(page, "workspace-feedback", "Created workspace `team-b`").await;
    assert!(find(page, "workspace-change").is_none());
    assert!(until(|| workspace_names(page).contains(&"team-b".to_owned())).await);
}

#[wasm_bindgen_test]
async fn the_switcher_offers_root_users_and_users_through_trusting_roles() {
    let state = account(&[
        (root(), create_user("dave")),
        (root(), create_user("erin")),
        (root(), Command::CreateRole { name: "ops".into() }),
        (
            root(),
            Command::TrustRole {
                role: "ops".into(),
                user: "dave".into(),
            },
        ),
    ]);
    let app = visit(Screen::Overview, "", &state, &root());
    let page = &app.container;
    appears(page, "identity-select").await;
    let select: HtmlSelectElement = find(page, "identity-select").unwrap().unchecked_into();
    let options = select.query_selector_all("option").unwrap();
    let values: Vec<String> = (0..options.length())
        .map(|i| {
            options
                .item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("value")
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(values, ["root", "dave", "erin", "dave@ops"]);
    assert_eq!(select.value(), "root");
    let label = find(page, "app-header")
        .unwrap()
        .query_selector("label[for=\"fw-identity-select\"]")
        .unwrap()
        .unwrap();
    assert_eq!(label.text_content().as_deref(), Some("Acting as"));
}

#[wasm_bindgen_test]
async fn an_identity_that_stops_resolving_falls_back_and_says_so() {
    // `dave` acts through `ops`, a RAM administrator role, and withdraws his own trust.
    let state = account(&[
        (root(), create_user("dave")),
        (root(), Command::CreateRole { name: "ops".into() }),
        (
            root(),
            Command::TrustRole {
                role: "ops".into(),
                user: "dave".into(),
            },
        ),
        (
            root(),
            Command::AttachPolicy {
                member: MemberName::Role("ops".into()),
                policy: Policy::AliyunRamFullAccess,
            },
        ),
    ]);
    let app = visit(Screen::Identities, "", &state, &Who::via("dave", "ops"));
    let page = &app.container;
    appears(page, "principal-manage-role-ops").await;
    let select: HtmlSelectElement = find(page, "identity-select").unwrap().unchecked_into();
    assert_eq!(select.value(), "dave@ops");

    click_now(page, "principal-manage-role-ops");
    appears(page, "untrust-dave").await;
    click_now(page, "untrust-dave");
    appears(page, "untrust-dave-confirm").await;
    click_now(page, "untrust-dave-confirm");
    let notice = text_contains(page, "identity-notice", "no longer trusts").await;
    assert!(notice.contains("now acts as dave"), "{notice}");
    assert!(until(|| select.value() == "dave").await);

    // A user that no longer exists falls back to the account.
    drop(app);
    let again = visit(
        Screen::Overview,
        "",
        &State::new_account(browser_today()),
        &Who::user("ghost"),
    );
    let notice = text_contains(&again.container, "identity-notice", "ghost").await;
    assert!(notice.contains("no longer exists"), "{notice}");
    let select: HtmlSelectElement = find(&again.container, "identity-select")
        .unwrap()
        .unchecked_into();
    assert!(until(|| select.value() == "root").await);
}

#[wasm_bindgen_test]
async fn a_user_who_deletes_themself_leaves_the_console_acting_as_root() {
    let state = account(&[
        (root(), create_user("lee")),
        (
            root(),
            Command::AttachPolicy {
                member: MemberName::User("lee".into()),
                policy: Policy::AliyunRamFullAccess,
            },
        ),
    ]);
    let app = visit(Screen::Identities, "", &state, &root());
    let page = &app.container;
    appears(page, "principal-manage-user-lee").await;
    // Chosen by hand, as a person would, after root had been chosen by hand too.
    choose_now(page, "identity-select", "lee");
    choose_now(page, "identity-select", "root");
    choose_now(page, "identity-select", "lee");

    click_now(page, "principal-manage-user-lee");
    appears(page, "delete-principal").await;
    click_now(page, "delete-principal");
    appears(page, "delete-principal-confirm").await;
    click_now(page, "delete-principal-confirm");
    text_contains(page, "principal-feedback", "Deleted user `lee`").await;
    text_contains(page, "identity-notice", "RAM user `lee` no longer exists").await;
    let select: HtmlSelectElement = find(page, "identity-select").unwrap().unchecked_into();
    assert!(
        until(|| select.value() == "root").await,
        "{}",
        select.value()
    );
    click_now(page, "identity-notice-dismiss");
    assert!(until(|| find(page, "identity-notice").is_none()).await);
}

#[wasm_bindgen_test]
async fn a_full_storage_is_reported_and_the_work_stays() {
    clear_storage();
    arrive(None, "/identities");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "Identities").await;
    type_into(page, "create-user-name", "mia");
    click_now(page, "create-user-submit");
    apply_change(page, "identities-change").await;
    assert!(until(|| saved().is_some_and(|text| text.contains("mia"))).await);

    // Fill the origin's storage to the last character.
    let mut chunk = 1usize << 20;
    let mut filled = 0;
    while chunk > 0 {
        if storage()
            .set_item(&format!("filler-{filled}"), &"x".repeat(chunk))
            .is_ok()
        {
            filled += 1;
        } else {
            chunk /= 2;
        }
    }

    type_into(
        page,
        "create-user-name",
        "noah-with-a-long-name-that-needs-room",
    );
    click_now(page, "create-user-submit");
    apply_change(page, "identities-change").await;
    appears(
        page,
        "principal-row-user-noah-with-a-long-name-that-needs-room",
    )
    .await;
    let banner = text_contains(page, "storage-banner", "could not be saved").await;
    assert!(find(page, "storage-reason").is_some(), "{banner}");
    assert!(!saved().unwrap().contains("noah"));

    // Room again: the next change is saved and the banner goes.
    for at in 0..filled {
        storage().remove_item(&format!("filler-{at}")).unwrap();
    }
    type_into(page, "create-user-name", "olga");
    click_now(page, "create-user-submit");
    apply_change(page, "identities-change").await;
    assert!(
        until(|| saved().is_some_and(|text| text.contains("olga") && text.contains("noah"))).await
    );
    assert!(until(|| find(page, "storage-banner").is_none()).await);
}

#[wasm_bindgen_test]
async fn damaged_storage_is_reported_kept_aside_and_not_overwritten_until_decided() {
    clear_storage();
    storage().set_item(STORAGE_KEY, "{not json").unwrap();
    arrive(None, "/");
    let app = mount_app();
    let page = &app.container;

    let banner = text_contains(page, "storage-banner", "could not be read").await;
    assert!(banner.contains("damaged"), "{banner}");
    assert_eq!(
        storage().get_item(ASIDE_KEY).unwrap().as_deref(),
        Some("{not json")
    );

    // Work goes on, but nothing is written over the unreadable data.
    open(page, "identities", "Identities").await;
    type_into(page, "create-user-name", "frank");
    click_now(page, "create-user-submit");
    apply_change(page, "identities-change").await;
    appears(page, "principal-row-user-frank").await;
    sleep(Duration::from_millis(100)).await;
    assert_eq!(saved().as_deref(), Some("{not json"));

    // The person decides: saving starts from what is shown; the copy stays aside until discarded.
    click_now(page, "storage-resume");
    assert!(until(|| saved().is_some_and(|text| text.contains("frank"))).await);
    assert_eq!(
        storage().get_item(ASIDE_KEY).unwrap().as_deref(),
        Some("{not json")
    );
    appears(page, "storage-aside").await;
    assert!(find(page, "storage-banner").is_none());
    assert!(find(page, "storage-download-aside").is_some());

    click_now(page, "storage-discard-aside");
    assert!(until(|| find(page, "storage-aside").is_none()).await);
    assert_eq!(storage().get_item(ASIDE_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_second_damaged_load_does_not_replace_the_copy_kept_aside() {
    clear_storage();
    storage().set_item(ASIDE_KEY, "first damage").unwrap();
    storage().set_item(STORAGE_KEY, "second damage").unwrap();
    arrive(None, "/");
    let app = mount_app();
    appears(&app.container, "storage-banner").await;
    assert_eq!(
        storage().get_item(ASIDE_KEY).unwrap().as_deref(),
        Some("first damage")
    );
    assert_eq!(saved().as_deref(), Some("second damage"));
}

#[wasm_bindgen_test]
fn import_reads_exports_and_refuses_damaged_or_foreign_files() {
    let state = account(&[(root(), create_user("gina"))]);
    let back = data::read_import(&persist::to_json(&state)).unwrap();
    assert_eq!(back.state, state);
    assert_eq!(back.migration, None);

    let cases = [
        ("{not json", "damaged"),
        ("", "empty"),
        // JSON that is no export says so, not in the parser's words (a new user's walk).
        ("{\"hello\": \"world\"}", "not a state exported"),
        ("[1, 2, 3]", "not a state exported"),
        ("{\"version\": 99, \"state\": {}}", "newer version"),
    ];
    for (text, named) in cases {
        let error = data::read_import(text).unwrap_err().to_string();
        assert!(error.contains(named), "{text:?} gave {error:?}");
    }
    let foreign = persist::to_json(&state).replace("\"gina\"", "\"root\"");
    let error = data::read_import(&foreign).unwrap_err().to_string();
    assert!(error.contains("not a valid state"), "{error}");
}

#[wasm_bindgen_test]
async fn importing_a_damaged_file_keeps_the_state_and_a_good_one_replaces_it() {
    let app = visit(
        Screen::Identities,
        "",
        &account(&[(root(), create_user("hana"))]),
        &root(),
    );
    let page = &app.container;
    appears(page, "principal-row-user-hana").await;
    let before = saved().unwrap();

    click_now(page, "data-menu-toggle");
    pick_file(page, "data-import-input", "broken.json", "{not json");
    let said = text_contains(page, "data-feedback", "was not imported").await;
    assert!(
        said.contains("broken.json") && said.contains("damaged"),
        "{said}"
    );
    assert!(find(page, "principal-row-user-hana").is_some());
    sleep(Duration::from_millis(50)).await;
    assert_eq!(saved().unwrap(), before);

    let other = account(&[(root(), create_user("ivan"))]);
    pick_file(
        page,
        "data-import-input",
        "other.json",
        &persist::to_json(&other),
    );
    // It would replace recorded work (hana), so it asks first.
    click(page, "data-import-confirm").await;
    text_contains(page, "data-feedback", "Imported `other.json`").await;
    appears(page, "principal-row-user-ivan").await;
    assert!(find(page, "principal-row-user-hana").is_none());
    assert!(until(|| saved().is_some_and(|text| text.contains("\"ivan\""))).await);
}

#[wasm_bindgen_test]
async fn the_sample_loads_at_once_on_a_new_account_and_reset_asks_first() {
    clear_storage();
    arrive(None, "/");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "Overview").await;
    assert_eq!(text_of(page, "count-users").as_deref(), Some("0"));

    click_now(page, "data-menu-toggle");
    click_now(page, "data-export");
    text_contains(page, "data-feedback", "Exported to `studio-access-").await;
    click_now(page, "data-sample");
    text_contains(page, "data-feedback", "Loaded the sample organisation").await;
    // Eleven users, one of whom has left.
    assert!(until(|| text_of(page, "count-users").as_deref() == Some("10")).await);
    appears(page, "overview-ws-project-prod").await;
    appears(page, "overview-finding-quota-over-allocated").await;

    // With work in the account, loading the sample again asks first; cancel keeps everything.
    click_now(page, "data-sample");
    appears(page, "data-sample-confirm").await;
    click_now(page, "data-sample-cancel");
    assert!(until(|| find(page, "data-sample-confirm").is_none()).await);

    click_now(page, "data-reset");
    appears(page, "data-reset-confirm").await;
    assert_eq!(text_of(page, "count-users").as_deref(), Some("10"));
    click_now(page, "data-reset-confirm");
    assert!(until(|| text_of(page, "count-users").as_deref() == Some("0")).await);
    appears(page, "overview-no-findings").await;
}

#[wasm_bindgen_test]
async fn overview_links_keep_the_app_base() {
    clear_storage();
    arrive(Some("/studio-access/"), "/studio-access/");
    let app = mount_app();
    let page = &app.container;
    appears(page, "overview-audit-link").await;
    let link = find(page, "overview-audit-link").unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/studio-access/audit")
    );
    for region in Region::ALL {
        appears(page, &format!("overview-region-{region}")).await;
        appears(page, &format!("overview-ws-default@{region}")).await;
    }
}

#[wasm_bindgen_test]
async fn policies_trusts_and_deletion_through_the_identities_screen() {
    seed_as(
        &account(&[
            (root(), create_user("jo")),
            (
                root(),
                Command::CreateRole {
                    name: "auditors".into(),
                },
            ),
        ]),
        &root(),
    );
    arrive(None, "/identities");
    let app = mount_app();
    let page = &app.container;
    appears(page, "principal-manage-user-jo").await;

    click_now(page, "principal-manage-user-jo");
    appears(page, "principal-detail").await;
    click_now(page, "policy-toggle-AdministratorAccess");
    appears(page, "policy-toggle-AdministratorAccess-confirm").await;
    click_now(page, "policy-toggle-AdministratorAccess-confirm");
    text_contains(page, "principal-feedback", "Attached AdministratorAccess").await;
    assert_eq!(
        text_of(page, "policy-status-AliyunBailianFullAccess").as_deref(),
        Some("included by AdministratorAccess")
    );
    let row = text_of(page, "principal-row-user-jo").unwrap();
    assert!(
        row.contains("Super administrator") && row.contains("RAM administrator"),
        "{row}"
    );

    choose_now(page, "trust-select", "auditors");
    click_now(page, "trust-submit");
    apply_change(page, "trust-change").await;
    text_contains(
        page,
        "principal-feedback",
        "Role `auditors` now trusts `jo`",
    )
    .await;
    appears(page, "untrust-auditors").await;

    // Deleting asks first.
    click_now(page, "delete-principal");
    appears(page, "delete-principal-confirm").await;
    click_now(page, "delete-principal-confirm");
    text_contains(page, "principal-feedback", "Deleted user `jo`").await;
    assert!(until(|| find(page, "principal-row-user-jo").is_none()).await);
}

#[wasm_bindgen_test]
async fn workspace_models_members_and_renames() {
    let state = account(&[
        (root(), create_user("kim")),
        (
            root(),
            Command::CreateWorkspace {
                region: Region::ApSoutheast1,
                name: "lab".into(),
            },
        ),
        (
            root(),
            sample::add_member("lab", MemberName::User("kim".into()), false),
        ),
    ]);
    let app = visit(Screen::Workspaces, "", &state, &root());
    let page = &app.container;
    heading_becomes(page, "Workspaces").await;

    // A default workspace cannot be renamed or deleted: no control offers it.
    click_now(page, "ws-open-default@cn-beijing");
    appears(page, "models-default-note").await;
    text_contains(
        page,
        "ws-detail",
        "keeps its name for good and cannot be deleted",
    )
    .await;
    assert!(find(page, "rename-workspace-name").is_none());
    assert!(find(page, "delete-workspace").is_none());

    click_now(page, "region-tab-ap-southeast-1");
    appears(page, "ws-open-lab").await;
    click_now(page, "ws-open-lab");
    appears(page, "auth-call-qwen-plus").await;

    // Authorize a call as root.
    let call: HtmlInputElement = find(page, "auth-call-qwen-plus").unwrap().unchecked_into();
    call.click();
    apply_change(page, "models-change").await;
    text_contains(page, "models-feedback", "Call authorized for `qwen-plus`").await;
    assert!(until(|| saved().is_some_and(|text| text.contains("\"call\":true"))).await);

    // A limit below 1 is refused in the form, naming the field and why (issue 13), before
    // anything is asked; a good one is kept.
    type_into(page, "limit-rpm-qwen-plus", "0");
    click_now(page, "limit-set-qwen-plus");
    says_problem(
        page,
        "limit-rpm-qwen-plus",
        &["The request limit (RPM) must be at least 1"],
    )
    .await;
    type_into(page, "limit-rpm-qwen-plus", "600");
    click_now(page, "limit-set-qwen-plus");
    apply_change(page, "models-change").await;
    text_contains(page, "models-feedback", "Set the limits of `qwen-plus`").await;

    // As the plain member, the authorizations are read-only and the page says what is needed.
    choose_now(page, "identity-select", "kim");
    text_contains(page, "management-notice", "AliyunBailianFullAccess").await;
    let fine_tune: HtmlInputElement = find(page, "auth-fine-tune-qwen-plus")
        .unwrap()
        .unchecked_into();
    assert!(fine_tune.disabled());
    assert!(find(page, "rename-workspace-name").is_none());

    // Members: kim is listed; root makes kim an administrator.
    choose_now(page, "identity-select", "root");
    let admin: HtmlInputElement = find(page, "member-admin-user:kim")
        .unwrap()
        .unchecked_into();
    admin.click();
    apply_change(page, "members-change").await;
    text_contains(page, "members-feedback", "is now an administrator").await;

    // Rename the sub-workspace; a rename alone changes no access, so it applies without asking,
    // and the list follows.
    type_into(page, "rename-workspace-name", "lab-2");
    click_now(page, "rename-workspace-submit");
    text_contains(page, "rename-feedback", "Renamed `lab` to `lab-2`").await;
    assert!(until(|| workspace_names(page).contains(&"lab-2".to_owned())).await);
}

#[wasm_bindgen_test]
async fn quota_allocation_flags_over_allocation_and_a_thin_buffer() {
    let mut steps = Vec::new();
    for name in ["p1", "p2"] {
        steps.push((
            root(),
            Command::CreateWorkspace {
                region: Region::UsEast1,
                name: name.into(),
            },
        ));
    }
    for (model, quota, limits) in [
        ("qwen-max", 1000, [600, 500]),
        ("qwen-plus", 1000, [500, 450]),
        ("qwen-turbo", 1000, [400, 500]),
    ] {
        steps.push((
            root(),
            Command::SetAccountQuota {
                region: Region::UsEast1,
                model: model.into(),
                rpm: quota,
            },
        ));
        for (workspace, rpm) in ["p1", "p2"].into_iter().zip(limits) {
            steps.push((
                root(),
                Command::SetModelLimits {
                    workspace: workspace.into(),
                    model: model.into(),
                    rpm: Some(rpm),
                    tpm: None,
                },
            ));
        }
    }
    let app = visit(Screen::Workspaces, "", &account(&steps), &root());
    let page = &app.container;
    heading_becomes(page, "Workspaces").await;
    click_now(page, "region-tab-us-east-1");
    appears(page, "quota-line-qwen-max").await;

    let standing = |model: &str| {
        find(page, &format!("quota-line-{model}"))
            .unwrap()
            .query_selector("[data-testid=\"quota-standing\"]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(standing("qwen-max"), "over-allocated");
    assert_eq!(standing("qwen-plus"), "buffer under 10%");
    assert_eq!(standing("qwen-turbo"), "buffer kept");
    let bar = find(page, "quota-line-qwen-max")
        .unwrap()
        .query_selector(".fw-bar")
        .unwrap()
        .unwrap();
    assert_eq!(bar.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        bar.query_selector_all(".fw-bar__segment").unwrap().length(),
        2
    );

    // A quota below 1 is refused by the console, naming the field and the reason (issue 13:
    // the browser's own bubble stopped the form before the console could say why).
    choose_now(page, "quota-model", "qwen-max");
    type_into(page, "quota-rpm", "0");
    click_now(page, "quota-set");
    says_problem(
        page,
        "quota-rpm",
        &["The account quota (RPM) must be at least 1"],
    )
    .await;

    // Setting the quota through the form moves the line into good standing.
    type_into(page, "quota-rpm", "2000");
    click_now(page, "quota-set");
    apply_change(page, "quota-change").await;
    text_contains(page, "quota-feedback", "2000 RPM").await;
    assert!(until(|| standing("qwen-max") == "buffer kept").await);
}

#[wasm_bindgen_test]
async fn links_with_a_query_open_a_workspace_or_fill_the_search() {
    let state = account(&[
        (root(), create_user("pat")),
        (root(), create_user("quinn")),
        (
            root(),
            Command::CreateWorkspace {
                region: Region::UsEast1,
                name: "east-lab".into(),
            },
        ),
    ]);
    let app = visit(Screen::Workspaces, "?workspace=east-lab", &state, &root());
    let page = &app.container;
    text_contains(page, "ws-detail-name", "east-lab").await;
    let tab = find(page, "region-tab-us-east-1").unwrap();
    assert_eq!(tab.get_attribute("aria-pressed").as_deref(), Some("true"));
    drop(app);

    arrive(None, "/identities?search=pat");
    let again = mount_app();
    let page = &again.container;
    appears(page, "principal-row-user-pat").await;
    assert!(until(|| find(page, "principal-row-user-quinn").is_none()).await);
    let search: HtmlInputElement = find(page, "identities-search").unwrap().unchecked_into();
    assert_eq!(search.value(), "pat");
    // The count says what the search shows, of how many (a new user's walk: it ignored it).
    let count = text_contains(page, "identities-count", "match the search").await;
    assert!(count.starts_with("1 user, 0 roles match"), "{count}");
}

/// Issue 13: each screen sets the document's title; a skip link, first in the keyboard order,
/// moves the focus to the page without leaving it.
#[wasm_bindgen_test]
async fn each_screen_titles_the_document_and_a_skip_link_reaches_the_page() {
    clear_storage();
    arrive(Some("/studio-access/"), "/studio-access/keys");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "API keys").await;
    assert!(until(|| document().title() == "API keys · Model Studio access simulator").await);
    open(page, "identities", "Identities").await;
    assert!(until(|| document().title().starts_with("Identities · ")).await);
    arrive(Some("/studio-access/"), "/studio-access/no-such-screen");
    let other = mount_app();
    heading_becomes(&other.container, "Page not found").await;
    assert!(until(|| document().title().starts_with("Page not found · ")).await);

    let skip = find(&other.container, "skip-link").unwrap();
    let first = other
        .container
        .query_selector("a, button, input, select, textarea, summary, [tabindex]")
        .unwrap()
        .unwrap();
    assert!(first.is_same_node(Some(&skip)), "the skip link comes first");
    skip.click();
    assert!(
        until(|| document()
            .active_element()
            .is_some_and(|e| e.id() == "main"))
        .await
    );
    assert_eq!(
        pathname(),
        "/studio-access/no-such-screen",
        "the page stays"
    );
}

/// Issue 13: a file too large for the browser's storage is refused before it is read, saying
/// its size and the limit.
#[wasm_bindgen_test]
async fn a_file_too_large_to_keep_is_refused_before_reading() {
    let state = account(&[(root(), create_user("kept"))]);
    let app = visit(Screen::Overview, "", &state, &root());
    let page = &app.container;
    click(page, "data-menu-toggle").await;
    let big = "x".repeat(6 * 1024 * 1024);
    pick_file(page, "data-import-input", "big.json", &big);
    reads(
        page,
        "data-feedback",
        &["`big.json` was not imported: it is 6.0 MB, more than the 5.0 MB"],
    )
    .await;
    assert_eq!(stored(), state);
}

/// The overview of a small account with its Data menu opened, and the menu.
async fn data_menu_open() -> (Mounted<impl Mountable + use<>>, HtmlElement) {
    let state = account(&[(root(), create_user("kept"))]);
    let app = visit(Screen::Overview, "", &state, &root());
    click(&app.container, "data-menu-toggle").await;
    let menu = appears(&app.container, "data-menu").await;
    assert!(menu.has_attribute("open"));
    (app, menu)
}

/// The Data menu closes when the person goes to another screen (a review found it left open
/// over the new one).
#[wasm_bindgen_test]
async fn the_data_menu_closes_on_going_to_another_screen() {
    let (app, menu) = data_menu_open().await;
    let page = &app.container;
    click(page, &Screen::Identities.nav_link()).await;
    assert!(until(|| pathname().ends_with("/identities")).await);
    assert!(until(|| !menu.has_attribute("open")).await, "still open");
}

/// The Data menu closes when the keyboard's focus leaves it (a review found it left open at
/// 390 px over the nav links that Tab went on to), and stays open while it moves within it.
#[wasm_bindgen_test]
async fn the_data_menu_closes_when_the_focus_leaves_it() {
    let (app, menu) = data_menu_open().await;
    let page = &app.container;
    find(page, "data-export").unwrap().focus().unwrap();
    sleep(std::time::Duration::from_millis(20)).await;
    assert!(
        menu.has_attribute("open"),
        "closed as the focus moved within it"
    );
    find(page, &Screen::Identities.nav_link())
        .unwrap()
        .focus()
        .unwrap();
    assert!(until(|| !menu.has_attribute("open")).await, "still open");
}

/// Issue 13: a first visit to a new account says where to start; the catalog lists its models.
#[wasm_bindgen_test]
async fn a_new_account_says_where_to_start_and_the_catalog_lists_its_models() {
    clear_storage();
    arrive(None, "/");
    let app = mount_app();
    let page = &app.container;
    appears(page, "start-here").await;
    // A team set up from scratch has its steps in order, each linked to its screen (a new
    // user's walk found no such path).
    let steps = all(page, "[data-testid=\"start-steps\"] a");
    let hrefs: Vec<String> = steps
        .iter()
        .map(|a| a.get_attribute("href").unwrap_or_default())
        .collect();
    assert_eq!(
        hrefs,
        [
            "/identities",
            "/workspaces",
            "/workspaces",
            "/workspaces",
            "/keys"
        ]
    );
    let walk = find(page, "start-walkthrough").unwrap();
    assert_eq!(
        walk.get_attribute("href").as_deref(),
        Some("/scenarios?sample=project-member")
    );
    walk.click();
    heading_becomes(page, "Scenarios").await;
    let text: web_sys::HtmlTextAreaElement = appears(page, "scenario-text").await.unchecked_into();
    assert!(until(|| text.value().contains("project-member")).await);

    click(page, "nav-link-overview").await;
    click(page, "start-sample").await;
    assert!(until(|| find(page, "start-here").is_none()).await);
    assert!(until(|| stored().live_users().count() > 0).await);

    click(page, "nav-link-workspaces").await;
    let catalog = appears(page, "catalog-table").await;
    for (_, model) in stored().models() {
        appears(&catalog, &format!("catalog-row-{}", model.name)).await;
    }
}

/// What a visit to Identities costs with 3,000 users (printed, not asserted; issue 13 asks for
/// under 100 ms of script, and BENCHMARKS.md records it): from mounting the console on
/// `/identities` to the table drawn.
#[wasm_bindgen_test]
async fn a_visit_to_identities_with_three_thousand_users() {
    let users: Vec<(Who, Command)> = (0..3000)
        .map(|i| (root(), create_user(&format!("user-{i:04}"))))
        .collect();
    let state = account(&users);
    seed(&state);
    arrive(None, "/identities");
    let started = js_sys::Date::now();
    let app = mount_app();
    let page = &app.container;
    appears(page, "principal-row-user-user-0000").await;
    let drawn = js_sys::Date::now();
    let rows = page
        .query_selector_all("[data-testid^=\"principal-row-\"]")
        .unwrap()
        .length();
    wasm_bindgen_test::console_log!(
        "identities with 3,000 users: {:.0} ms to the table, {rows} rows drawn",
        drawn - started
    );
    // Scrolling to the end draws the last user (the browser tests load no stylesheet: the
    // scroll container gets its height here).
    let scroller = find(page, "identities-scroller").unwrap();
    let style = scroller.style();
    style.set_property("max-height", "600px").unwrap();
    style.set_property("overflow", "auto").unwrap();
    scroller.set_scroll_top(3000 * 60);
    dispatch(&scroller, "new Event('scroll')");
    appears(page, "principal-row-user-user-2999").await;
}

/// A new user's walk: a RAM administrator attaching AdministratorAccess was told every case
/// `root-only` covers (keys, features); the refusal names the policy only root may attach.
#[wasm_bindgen_test]
async fn a_root_only_refusal_names_the_policy() {
    let state = account(&[
        (root(), create_user("jo")),
        (root(), create_user("ram")),
        (
            root(),
            Command::AttachPolicy {
                member: studio_access_core::MemberName::User("ram".into()),
                policy: studio_access_core::Policy::AliyunRamFullAccess,
            },
        ),
    ]);
    let app = visit(Screen::Identities, "", &state, &Who::user("ram"));
    let page = &app.container;
    appears(page, "principal-manage-user-jo").await;
    click_now(page, "principal-manage-user-jo");
    appears(page, "principal-detail").await;
    click_now(page, "policy-toggle-AdministratorAccess");
    let said = text_contains(page, "principal-feedback", "root-only").await;
    assert!(said.contains("may attach"), "{said}");
    assert!(
        !said.contains("activate") && !said.contains("key"),
        "{said}"
    );
}
