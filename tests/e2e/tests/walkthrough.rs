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

mod steps;

use steps::*;
use studio_access_e2e::{HarnessError, Site};

/// The pages example 1 grants: "operation permissions for pages related to models and
/// applications".
const GRANTED: [&str; 3] = [
    "ModelExperience-FullAccess",
    "ModelObservation-FullAccess",
    "Application-FullAccess",
];

/// Tries to create a workspace in Singapore as the acting identity; returns what the page said.
async fn create_workspace_in_singapore(site: &Site, name: &str) -> Result<String, HarnessError> {
    go_to(site, "workspaces", "Workspaces").await?;
    site.click("region-tab-ap-southeast-1").await?;
    type_into(site, "create-workspace-name", name).await?;
    site.click("create-workspace-submit").await?;
    text_until(site, "workspace-feedback", |t| !t.is_empty()).await
}

/// Opens the Workspaces page as the acting identity and checks that it manages nothing there: the
/// page says what is needed, and offers no control to create a workspace.
async fn cannot_manage_workspaces(site: &Site) -> Result<(), HarnessError> {
    go_to(site, "workspaces", "Workspaces").await?;
    let notice = text_contains(site, "management-notice", "AliyunBailianFullAccess").await?;
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
    go_to(site, "check", "Access checker").await?;
    choose(site, "check-op", "open-system-administration").await?;
    type_into(site, "check-who", who).await?;
    site.click("check-submit").await?;
    text_until(site, "check-outcome", |t| !t.is_empty()).await
}

async fn create_user(site: &Site, name: &str) -> Result<(), HarnessError> {
    go_to(site, "identities", "Identities").await?;
    type_into(site, "create-user-name", name).await?;
    site.click("create-user-submit").await?;
    // A new user raises the audit's "user without workspace": the console asks first.
    press(site, "identities-change-apply").await?;
    site.by_test_id(&format!("principal-row-user-{name}"))
        .await?;
    Ok(())
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
    go_to(site, "check", "Access checker").await?;
    choose(site, "check-op", "open-page").await?;
    type_into(site, "check-who", who).await?;
    choose(site, "check-workspace", workspace).await?;
    choose(site, "check-page", page).await?;
    choose(site, "check-access", access).await?;
    site.click("check-submit").await?;
    text_until(site, "check-outcome", |t| !t.is_empty()).await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn example_1_a_project_member() -> Result<(), HarnessError> {
    let site = Site::start("/studio-access/").await?;
    site.open("/studio-access/").await?;
    site.wait_for_text("page-title", "Overview").await?;
    assert_eq!(value_of(&site, "identity-select").await?, "root");

    // 1. (Alibaba Cloud account) Create a workspace named Project A.
    let created = create_workspace_in_singapore(&site, "project-a").await?;
    assert!(
        created.starts_with("Created workspace `project-a`"),
        "{created}"
    );
    site.by_test_id("ws-row-project-a").await?;

    // 2. (Alibaba Cloud account) Create a RAM user named user-01. Not yet in any workspace, it
    //    "does not have access permissions to this workspace".
    create_user(&site, "user-01").await?;
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
    go_to(&site, "workspaces", "Workspaces").await?;
    site.click("region-tab-ap-southeast-1").await?;
    site.click("ws-open-project-a").await?;
    choose(&site, "add-member-select", "user:user-01").await?;
    site.click("add-member-submit").await?;
    press(&site, "members-change-apply").await?;
    site.by_test_id("member-row-user:user-01").await?;

    // ... and grant operation permissions for pages related to models and applications, in the
    // Permissions matrix: one click per page stages it, then Review shows the effect and Apply
    // applies the three grants, one event each.
    go_to(&site, "matrix", "Permissions").await?;
    choose_starting_with(&site, "matrix-workspace", "project-a").await?;
    for page in GRANTED {
        let cell = format!("cell-user-user-01-project-a-{page}");
        press(&site, &cell).await?;
        attribute_becomes(&site, &cell, "data-staged", "grant").await?;
        attribute_becomes(&site, &cell, "data-granted", "false").await?;
    }
    text_contains(&site, "matrix-staged-count", "3 staged changes").await?;
    press(&site, "matrix-review").await?;
    let effect = text_until(&site, "matrix-review-diff", |t| !t.is_empty()).await?;
    assert!(
        effect.contains(
            "user user-01 gains Model experience, Model observation, Applications in project-a: view → operate"
        ),
        "{effect}"
    );
    press(&site, "matrix-apply").await?;
    for page in GRANTED {
        attribute_becomes(
            &site,
            &format!("cell-user-user-01-project-a-{page}"),
            "data-granted",
            "true",
        )
        .await?;
    }
    let why = text_until(&site, "matrix-feedback", |t| !t.is_empty()).await?;
    assert!(why.starts_with("Done: applied 3 changes"), "{why}");

    // 4. (RAM user) user-01 logs on: the console now acts as user-01.
    act_as(&site, "user-01").await?;
    text_contains(&site, "matrix-acting", "user-01").await?;
    let operate = check_open_page(
        &site,
        "user-01",
        "project-a",
        "ModelExperience-FullAccess",
        "operate",
    )
    .await?;
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
    site.wait_for_text("page-title", "Workspaces").await?;
    assert_eq!(value_of(&site, "identity-select").await?, "user-01");
    assert!(site.all_by_test_id("ws-row-project-b").await?.is_empty());
    go_to(&site, "matrix", "Permissions").await?;
    choose_starting_with(&site, "matrix-workspace", "project-a").await?;
    for page in GRANTED {
        attribute_becomes(
            &site,
            &format!("cell-user-user-01-project-a-{page}"),
            "data-granted",
            "true",
        )
        .await?;
    }
    let again = check_open_page(
        &site,
        "user-01",
        "project-a",
        "ModelExperience-FullAccess",
        "operate",
    )
    .await?;
    assert!(again.starts_with("Allow"), "{again}");
    go_to(&site, "activity", "Activity").await?;
    // Workspace, user, member, three grants; the refused steps left nothing.
    text_until(&site, "activity-counts", |t| t.starts_with("6 changes")).await?;
    text_contains(&site, "activity-what-1", "project-a").await?;
    site.close().await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run by `bash .ci/test`"]
async fn example_2_an_administrator() -> Result<(), HarnessError> {
    let site = Site::start("/studio-access/").await?;
    site.open("/studio-access/").await?;
    site.wait_for_text("page-title", "Overview").await?;

    // 1. (Alibaba Cloud account) Create a RAM user named admin-01, and dev-01, a developer the
    //    administrator will manage.
    create_user(&site, "admin-01").await?;
    create_user(&site, "dev-01").await?;

    // Before it has management permission, admin-01 finds no control that would fail: the
    // workspaces page tells it, in the seed's words, what it needs.
    act_as(&site, "admin-01").await?;
    cannot_manage_workspaces(&site).await?;
    let page = check_system_administration(&site, "admin-01").await?;
    assert!(page.contains("deny:not-super-admin"), "{page}");
    act_as(&site, "root").await?;

    // 2. (Alibaba Cloud account) Grant management permissions: AliyunBailianFullAccess.
    go_to(&site, "identities", "Identities").await?;
    site.click("principal-manage-user-admin-01").await?;
    site.click("policy-toggle-AliyunBailianFullAccess").await?;
    // Granting it widens access, so the console shows the effect and asks first.
    site.click("policy-toggle-AliyunBailianFullAccess-confirm")
        .await?;
    text_contains(
        &site,
        "principal-feedback",
        "Attached AliyunBailianFullAccess",
    )
    .await?;

    // 3. (RAM user) admin-01 logs on: System Administration opens, and it creates a workspace ...
    act_as(&site, "admin-01").await?;
    let page = check_system_administration(&site, "admin-01").await?;
    assert!(page.starts_with("Allow"), "{page}");
    let created = create_workspace_in_singapore(&site, "project-dev").await?;
    assert!(
        created.starts_with("Created workspace `project-dev`"),
        "{created}"
    );
    let id = text_until(&site, "ws-detail-id", |t| t.starts_with("llm-")).await?;

    // ... manages its members and API keys: it adds dev-01 and creates a key for it (only the
    // account may name itself as a key's owner, so the workspace's member is the owner) ...
    choose(&site, "add-member-select", "user:dev-01").await?;
    site.click("add-member-submit").await?;
    press(&site, "members-change-apply").await?;
    site.by_test_id("member-row-user:dev-01").await?;
    go_to(&site, "keys", "API keys").await?;
    choose(&site, "key-create-workspace", "project-dev").await?;
    choose(&site, "key-create-owner", "user:dev-01").await?;
    type_into(&site, "key-create-label", "dev-key").await?;
    site.click("key-create-submit").await?;
    press(&site, "key-create-change-apply").await?;
    let secret = site.by_test_id("key-secret").await?.text().await?;
    assert!(secret.starts_with("sk-"), "{secret}");
    text_until(&site, "key-status-dev-key", |t| t == "active").await?;
    text_contains(&site, "key-workspace-id-dev-key", &id).await?;

    // ... but "management permission does not include access to any specific workspace".
    let denied = check_open_page(
        &site,
        "admin-01",
        "project-dev",
        "ModelExperience-FullAccess",
        "view",
    )
    .await?;
    assert!(denied.contains("deny:not-member"), "{denied}");

    // 4. admin-01 deletes the workspace: the console lists what dies first, then it is gone,
    //    and the key with it.
    go_to(&site, "workspaces", "Workspaces").await?;
    site.click("region-tab-ap-southeast-1").await?;
    site.click("ws-open-project-dev").await?;
    site.click("delete-workspace").await?;
    let effect = text_until(&site, "rename-change-diff", |t| !t.is_empty()).await?;
    assert!(effect.contains("key dev-key: active → deleted"), "{effect}");
    press(&site, "rename-change-apply").await?;
    gone(&site, "ws-row-project-dev").await?;

    // After a reload: still admin-01, the workspace is gone, the key is dead, the secret nowhere.
    site.reload().await?;
    site.wait_for_text("page-title", "Workspaces").await?;
    assert_eq!(value_of(&site, "identity-select").await?, "admin-01");
    site.click("region-tab-ap-southeast-1").await?;
    site.by_test_id("ws-table").await?;
    assert!(site.all_by_test_id("ws-row-project-dev").await?.is_empty());
    go_to(&site, "keys", "API keys").await?;
    text_until(&site, "key-status-dev-key", |t| t == "deleted").await?;
    assert!(site.all_by_test_id("key-secret").await?.is_empty());
    assert!(!site.browser().client().source().await?.contains(&secret));
    assert!(!local_storage(&site).await?.contains(&secret));
    go_to(&site, "activity", "Activity").await?;
    // admin-01, dev-01, the policy, the workspace, the member, the key, the deletion.
    text_until(&site, "activity-counts", |t| t.starts_with("7 changes")).await?;
    let newest = text_until(&site, "activity-row-7", |t| !t.is_empty()).await?;
    assert!(
        newest.contains("admin-01") && newest.contains("Delete workspace `project-dev`"),
        "{newest}"
    );
    site.close().await
}
