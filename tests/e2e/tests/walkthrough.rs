//! The two core examples of "Configure permissions for team collaboration"
//! (`seeds/configure-permissions-for-team-collaboration.txt`), walked through the release build
//! as a new user would: every step through the console's own pages, as the identity the example
//! names, and the work still there after a reload.
//!
//! 1. "I am a project member": the account creates workspace Project A (`project-a`) and RAM user
//!    user-01, adds the user as a member and grants it the pages about models and applications;
//!    user-01 then logs on and may operate Model experience there.
//! 2. "I am an administrator": the account creates RAM user admin-01 and grants it management
//!    permission (AliyunBailianFullAccess); admin-01 creates a workspace, manages its members and
//!    API keys and deletes it, but, not being a member, cannot open its pages.

use studio_access_e2e::{HarnessError, MOUNT, Screen, Site};

/// The pages example 1 grants: "operation permissions for pages related to models and
/// applications".
const GRANTED: [&str; 3] = [
    EXPERIENCE,
    "ModelObservation-FullAccess",
    "Application-FullAccess",
];

/// The Model experience page.
const EXPERIENCE: &str = "ModelExperience-FullAccess";

/// The region both examples create their workspace in: Singapore.
const REGION_TAB: &str = "region-tab-ap-southeast-1";

/// Tries to create a workspace in Singapore as the acting identity; returns what the page said.
async fn create_workspace_in_singapore(site: &Site, name: &str) -> Result<String, HarnessError> {
    site.go_to(Screen::Workspaces).await?;
    site.click(REGION_TAB).await?;
    site.type_into("create-workspace-name", name).await?;
    site.click("create-workspace-submit").await?;
    site.text_until("workspace-feedback", |t| !t.is_empty())
        .await
}

/// Opens the workspace `name` in Singapore on the Workspaces page.
async fn open_workspace_in_singapore(site: &Site, name: &str) -> Result<(), HarnessError> {
    site.go_to(Screen::Workspaces).await?;
    site.click(REGION_TAB).await?;
    site.click(&format!("ws-open-{name}")).await
}

/// Adds `principal` (such as `user:user-01`) to the open workspace's members, confirming the
/// question the console asks first.
async fn add_member(site: &Site, principal: &str) -> Result<(), HarnessError> {
    site.choose("add-member-select", principal).await?;
    site.click("add-member-submit").await?;
    site.press("members-change-apply").await?;
    site.by_test_id(&format!("member-row-{principal}")).await?;
    Ok(())
}

/// Opens the Workspaces page as the acting identity and checks that it manages nothing there: the
/// page says what is needed, and offers no control to create a workspace.
async fn cannot_manage_workspaces(site: &Site) -> Result<(), HarnessError> {
    site.go_to(Screen::Workspaces).await?;
    let notice = site
        .text_contains("management-notice", "AliyunBailianFullAccess")
        .await?;
    assert!(notice.contains("System Administration"), "{notice}");
    assert!(
        site.all_by_test_id("create-workspace-name")
            .await?
            .is_empty()
    );
    Ok(())
}

/// Asks the Access checker whether `who` may open the System Administration page; returns the
/// answer's first line.
async fn check_system_administration(site: &Site, who: &str) -> Result<String, HarnessError> {
    site.go_to(Screen::AccessChecker).await?;
    site.choose("check-op", "open-system-administration")
        .await?;
    site.type_into("check-who", who).await?;
    site.click("check-submit").await?;
    site.text_until("check-outcome", |t| !t.is_empty()).await
}

/// Asks the Access checker whether `who` may open `page` of `workspace` with `access`; returns
/// the answer's first line.
async fn check_open_page(
    site: &Site,
    who: &str,
    workspace: &str,
    page: &str,
    access: &str,
) -> Result<String, HarnessError> {
    site.go_to(Screen::AccessChecker).await?;
    site.choose("check-op", "open-page").await?;
    site.type_into("check-who", who).await?;
    site.choose("check-workspace", workspace).await?;
    site.choose("check-page", page).await?;
    site.choose("check-access", access).await?;
    site.click("check-submit").await?;
    site.text_until("check-outcome", |t| !t.is_empty()).await
}

/// Waits until the Permissions matrix shows user-01 granted every page of [`GRANTED`] in
/// project-a.
async fn user_01_granted(site: &Site) -> Result<(), HarnessError> {
    for page in GRANTED {
        let cell = format!("cell-user-user-01-project-a-{page}");
        site.attribute_becomes(&cell, "data-granted", "true")
            .await?;
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn example_1_a_project_member() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;
    assert_eq!(site.acting_as().await?, "root");

    // 1. (Alibaba Cloud account) Create a workspace named Project A.
    let created = create_workspace_in_singapore(&site, "project-a").await?;
    assert!(
        created.starts_with("Created workspace project-a"),
        "{created}"
    );
    site.by_test_id("ws-row-project-a").await?;

    // 2. (Alibaba Cloud account) Create a RAM user named user-01. Not yet in any workspace, it
    //    "does not have access permissions to this workspace".
    site.go_to(Screen::Identities).await?;
    site.create_user("user-01").await?;
    let before = check_open_page(
        &site,
        "user-01",
        "project-a",
        "Application-FullAccess",
        "view",
    )
    .await?;
    assert!(before.contains("deny:not-member"), "{before}");

    // 3. (Alibaba Cloud account) Add user-01 to the workspace ...
    open_workspace_in_singapore(&site, "project-a").await?;
    add_member(&site, "user:user-01").await?;

    // ... and grant operation permissions for pages related to models and applications, in the
    // Permissions matrix: one click per page stages it, then Review shows the effect and Apply
    // applies the three grants, one event each.
    site.go_to(Screen::Permissions).await?;
    site.choose_starting_with("matrix-workspace", "project-a")
        .await?;
    for page in GRANTED {
        let cell = format!("cell-user-user-01-project-a-{page}");
        site.press(&cell).await?;
        site.attribute_becomes(&cell, "data-staged", "grant")
            .await?;
        site.attribute_becomes(&cell, "data-granted", "false")
            .await?;
    }
    site.text_contains("matrix-staged-count", "3 staged changes")
        .await?;
    site.press("matrix-review").await?;
    let effect = site
        .text_until("matrix-review-diff", |t| !t.is_empty())
        .await?;
    assert!(
        effect.contains(
            "user user-01 gains Model experience, Model observation, Applications in project-a: view → operate"
        ),
        "{effect}"
    );
    site.press("matrix-apply").await?;
    user_01_granted(&site).await?;
    let why = site
        .text_until("matrix-feedback", |t| !t.is_empty())
        .await?;
    assert!(why.starts_with("Done: applied 3 changes"), "{why}");

    // 4. (RAM user) user-01 logs on: the console now acts as user-01.
    site.act_as("user-01").await?;
    site.text_contains("matrix-acting", "user-01").await?;
    let operate = check_open_page(&site, "user-01", "project-a", EXPERIENCE, "operate").await?;
    assert!(operate.starts_with("Allow"), "{operate}");
    // Pages not granted stay view-only, and a project member manages no workspaces.
    let fine_tuning = check_open_page(
        &site,
        "user-01",
        "project-a",
        "ModelFine-tuning-FullAccess",
        "operate",
    )
    .await?;
    assert!(
        fine_tuning.contains("deny:no-operation-permission"),
        "{fine_tuning}"
    );
    cannot_manage_workspaces(&site).await?;

    // The work is still there after a reload, the acting identity included.
    site.reload().await?;
    site.wait_for_screen(Screen::Workspaces).await?;
    assert_eq!(site.acting_as().await?, "user-01");
    assert!(site.all_by_test_id("ws-row-project-b").await?.is_empty());
    site.go_to(Screen::Permissions).await?;
    site.choose_starting_with("matrix-workspace", "project-a")
        .await?;
    user_01_granted(&site).await?;
    let again = check_open_page(&site, "user-01", "project-a", EXPERIENCE, "operate").await?;
    assert!(again.starts_with("Allow"), "{again}");
    site.go_to(Screen::Activity).await?;
    // Workspace, user, member, three grants; the refused steps left nothing.
    site.text_until("activity-counts", |t| t.starts_with("6 changes"))
        .await?;
    site.text_contains("activity-what-1", "project-a").await?;
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn example_2_an_administrator() -> Result<(), HarnessError> {
    let site = Site::start(MOUNT).await?;
    site.open_screen(Screen::Overview).await?;

    // 1. (Alibaba Cloud account) Create a RAM user named admin-01, and dev-01, a developer the
    //    administrator will manage.
    site.go_to(Screen::Identities).await?;
    site.create_user("admin-01").await?;
    site.create_user("dev-01").await?;

    // Before it has management permission, admin-01 finds no control that would fail: the
    // workspaces page tells it, in the seed's words, what it needs.
    site.act_as("admin-01").await?;
    cannot_manage_workspaces(&site).await?;
    let page = check_system_administration(&site, "admin-01").await?;
    assert!(page.contains("deny:not-super-admin"), "{page}");
    site.act_as("root").await?;

    // 2. (Alibaba Cloud account) Grant management permissions: AliyunBailianFullAccess.
    site.go_to(Screen::Identities).await?;
    site.click("principal-manage-user-admin-01").await?;
    site.click("policy-toggle-AliyunBailianFullAccess").await?;
    // Granting it widens access, so the console shows the effect and asks first.
    site.click("policy-toggle-AliyunBailianFullAccess-confirm")
        .await?;
    site.text_contains("principal-feedback", "Attached AliyunBailianFullAccess")
        .await?;

    // 3. (RAM user) admin-01 logs on: System Administration opens, and it creates a workspace ...
    site.act_as("admin-01").await?;
    let page = check_system_administration(&site, "admin-01").await?;
    assert!(page.starts_with("Allow"), "{page}");
    let created = create_workspace_in_singapore(&site, "project-dev").await?;
    assert!(
        created.starts_with("Created workspace project-dev"),
        "{created}"
    );
    let id = site
        .text_until("ws-detail-id", |t| t.starts_with("llm-"))
        .await?;

    // ... manages its members and API keys: it adds dev-01 and creates a key for it (only the
    // account may name itself as a key's owner, so the workspace's member is the owner) ...
    add_member(&site, "user:dev-01").await?;
    site.go_to(Screen::ApiKeys).await?;
    site.choose("key-create-workspace", "project-dev").await?;
    site.choose("key-create-owner", "user:dev-01").await?;
    site.type_into("key-create-label", "dev-key").await?;
    site.click("key-create-submit").await?;
    site.press("key-create-change-apply").await?;
    let secret = site.by_test_id("key-secret").await?.text().await?;
    assert!(secret.starts_with("sk-"), "{secret}");
    site.text_until("key-status-dev-key", |t| t == "active")
        .await?;
    site.text_contains("key-workspace-id-dev-key", &id).await?;

    // ... but "management permission does not include access to any specific workspace".
    let denied = check_open_page(&site, "admin-01", "project-dev", EXPERIENCE, "view").await?;
    assert!(denied.contains("deny:not-member"), "{denied}");

    // 4. admin-01 deletes the workspace: the console lists what dies first, then it is gone,
    //    and the key with it.
    open_workspace_in_singapore(&site, "project-dev").await?;
    site.click("delete-workspace").await?;
    let effect = site
        .text_until("rename-change-diff", |t| !t.is_empty())
        .await?;
    assert!(effect.contains("key dev-key: active → deleted"), "{effect}");
    site.press("rename-change-apply").await?;
    site.gone("ws-row-project-dev").await?;

    // After a reload: still admin-01, the workspace is gone, the key is dead, the secret nowhere.
    site.reload().await?;
    site.wait_for_screen(Screen::Workspaces).await?;
    assert_eq!(site.acting_as().await?, "admin-01");
    site.click(REGION_TAB).await?;
    site.by_test_id("ws-table").await?;
    assert!(site.all_by_test_id("ws-row-project-dev").await?.is_empty());
    site.go_to(Screen::ApiKeys).await?;
    site.text_until("key-status-dev-key", |t| t == "deleted")
        .await?;
    assert!(site.all_by_test_id("key-secret").await?.is_empty());
    assert!(!site.page_source().await?.contains(&secret));
    assert!(!site.local_storage().await?.contains(&secret));
    site.go_to(Screen::Activity).await?;
    // admin-01, dev-01, the policy, the workspace, the member, the key, the deletion.
    site.text_until("activity-counts", |t| t.starts_with("7 changes"))
        .await?;
    let newest = site.text_until("activity-row-7", |t| !t.is_empty()).await?;
    assert!(
        newest.contains("admin-01") && newest.contains("Delete workspace project-dev"),
        "{newest}"
    );
    site.close().await
}
