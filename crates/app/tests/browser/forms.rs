//! What-if previews on the console's forms and toggles (workspaces, identities, keys), in a real
//! browser.
//!
//! A change that reaches access asks first, listing its effect; Apply (Enter, as it takes the
//! focus) applies it, Cancel or Escape leaves everything as it was and gives the focus back.

use crate::support::*;
use leptos::tachys::view::Mountable;
use studio_access_app::Screen;
use studio_access_core::{Command, KeyOwnerName, Page, Region, State, Who};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// `lab` in Singapore with member `kim`; `kim` owns key `k` there, whose whitelist is set. Keys
/// outside China (Beijing) take no whitelist, so `k` is made in Beijing's default workspace.
fn account() -> State {
    let mut state = State::new_account(today());
    let beijing = state
        .workspace_name(state.default_workspace(Region::CnBeijing))
        .unwrap()
        .to_owned();
    let steps = [
        Command::CreateWorkspace {
            region: Region::ApSoutheast1,
            name: "lab".into(),
        },
        Command::CreateUser { name: "kim".into() },
        Command::AddMember {
            workspace: "lab".into(),
            member: user("kim"),
            admin: false,
        },
        Command::AddMember {
            workspace: beijing.clone(),
            member: user("kim"),
            admin: false,
        },
        Command::GrantPage {
            workspace: beijing.clone(),
            member: user("kim"),
            permission: Page::ApiKey,
        },
        Command::CreateApiKey {
            workspace: beijing,
            owner: KeyOwnerName::Named("root".into()),
            key: "k".into(),
        },
        Command::SetIpWhitelist {
            key: "k".into(),
            cidrs: vec!["10.0.0.0/8".into()],
        },
    ];
    run_as_root(&mut state, &steps, 7);
    state
}

fn checkbox(root: &Element, test_id: &str) -> HtmlInputElement {
    find(root, test_id).unwrap().unchecked_into()
}

/// The Workspaces screen as root with `state` saved, `lab` open.
async fn lab_open(state: &State) -> Mounted<impl Mountable + use<>> {
    let app = visit(Screen::Workspaces, "", state, &Who::root());
    open_lab(&app.container).await;
    app
}

async fn open_lab(page: &Element) {
    click(page, "region-tab-ap-southeast-1").await;
    click(page, "ws-open-lab").await;
    appears(page, "auth-call-qwen-plus").await;
}

#[wasm_bindgen_test]
async fn authorizing_a_model_previews_a_widening_and_applies_only_on_confirm() {
    let state = account();
    let app = lab_open(&state).await;
    let page = &app.container;

    // Ticking the box asks first: the box stays as the state is, the effect is listed.
    click(page, "auth-call-qwen-plus").await;
    let question = appears(page, "models-change").await;
    assert!(
        question.class_name().contains("preview--widens"),
        "{}",
        question.class_name()
    );
    let diff = text_of(page, "models-change-diff").unwrap();
    assert!(
        diff.contains("qwen-plus in lab: nothing authorized → call"),
        "{diff}"
    );
    assert!(!checkbox(page, "auth-call-qwen-plus").checked());
    assert!(until(|| focused() == "models-change-apply").await);
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(stored(), state, "asking changed nothing");

    // Apply: the box follows the state, the answer says so, it is saved, the focus comes back.
    click(page, "models-change-apply").await;
    text_becomes(page, "models-feedback", |t| {
        t.contains("Call authorized for `qwen-plus` in `lab`")
    })
    .await;
    assert!(find(page, "models-change").is_none());
    assert!(until(|| checkbox(page, "auth-call-qwen-plus").checked()).await);
    assert!(until(|| focused() == "auth-call-qwen-plus").await);
    assert!(
        until(|| {
            let saved = stored();
            let lab = saved.workspace_id("lab").unwrap();
            let model = saved.model_id("qwen-plus").unwrap();
            saved.model_auth(lab, model).call
        })
        .await
    );

    // Withdrawing it narrows.
    click(page, "auth-call-qwen-plus").await;
    let question = appears(page, "models-change").await;
    assert!(question.class_name().contains("preview--narrows"));
    click(page, "models-change-cancel").await;
    assert!(until(|| find(page, "models-change").is_none()).await);
    assert!(checkbox(page, "auth-call-qwen-plus").checked());
}

/// Issue 13: an RPM of 0 was refused naming the workspace. The field names itself and why,
/// under it, before anything is asked, and a number too large says so.
#[wasm_bindgen_test]
async fn a_limit_out_of_range_names_the_field_and_the_reason() {
    let state = account();
    let app = lab_open(&state).await;
    let page = &app.container;

    type_into(page, "limit-rpm-qwen-max", "0");
    click(page, "limit-set-qwen-max").await;
    says_problem(
        page,
        "limit-rpm-qwen-max",
        &["The request limit (RPM) must be at least 1 (not `0`)."],
    )
    .await;
    assert!(find(page, "models-change").is_none(), "nothing is asked");
    type_into(page, "limit-rpm-qwen-max", "");
    type_into(page, "limit-tpm-qwen-max", "99999999999999999999");
    click(page, "limit-set-qwen-max").await;
    says_problem(
        page,
        "limit-tpm-qwen-max",
        &["The token limit (TPM) is too large"],
    )
    .await;
    assert!(until(|| problem_of(page, "limit-rpm-qwen-max").is_none()).await);
    assert!(find(page, "models-feedback").is_none(), "nothing was done");
    assert_eq!(stored(), state, "nothing changed");
}

/// A new user's walk pressed Enter in a model's RPM field and nothing happened: Enter in a
/// limit field sets the row's limits, as Set does.
#[wasm_bindgen_test]
async fn enter_in_a_limit_field_sets_the_limits() {
    let state = account();
    let app = lab_open(&state).await;
    let page = &app.container;

    type_into(page, "limit-rpm-qwen-max", "120");
    let field = find(page, "limit-rpm-qwen-max").unwrap();
    press(&field, "Enter");
    reads(page, "models-change", &["120"]).await;
    apply_change(page, "models-change").await;
    reads(page, "models-feedback", &["qwen-max"]).await;
    assert!(until(|| value_of(page, "limit-rpm-qwen-max") == "120").await);

    // A problem is said under its field, as with Set, and nothing is asked.
    type_into(page, "limit-tpm-qwen-max", "0");
    press(&find(page, "limit-tpm-qwen-max").unwrap(), "Enter");
    says_problem(page, "limit-tpm-qwen-max", &["at least 1"]).await;
    assert!(find(page, "models-change").is_none(), "nothing is asked");
}

/// Rows are keyed: applying a change to one model redraws its row only, so what a person has
/// typed into another row's limit stays.
#[wasm_bindgen_test]
async fn a_limit_being_typed_survives_a_change_to_another_model() {
    let app = lab_open(&account()).await;
    let page = &app.container;

    type_into(page, "limit-rpm-qwen-max", "123");
    click(page, "auth-call-qwen-plus").await;
    apply_change(page, "models-change").await;
    text_becomes(page, "models-feedback", |t| {
        t.contains("Call authorized for `qwen-plus` in `lab`")
    })
    .await;
    assert!(until(|| checkbox(page, "auth-call-qwen-plus").checked()).await);
    let typed: HtmlInputElement = find(page, "limit-rpm-qwen-max").unwrap().unchecked_into();
    assert_eq!(typed.value(), "123", "the other row was not redrawn");
}

/// Issue 13: a flag that would have no effect on its model (fine-tuning a model that cannot be
/// fine-tuned, deploying one that cannot be deployed) is not offered, and says why.
#[wasm_bindgen_test]
async fn a_flag_without_effect_on_its_model_is_not_offered() {
    let app = lab_open(&account()).await;
    let page = &app.container;
    for (flag, offered, why) in [
        ("auth-call-qwen-max", true, ""),
        (
            "auth-fine-tune-qwen-max",
            false,
            "qwen-max cannot be fine-tuned",
        ),
        ("auth-deploy-qwen-max", false, "qwen-max cannot be deployed"),
        ("auth-fine-tune-qwen-plus", true, ""),
        (
            "auth-deploy-qwen-plus",
            false,
            "fine-tuned models are deployed under Fine-tune",
        ),
        ("auth-deploy-qwen2.5-7b-instruct", true, ""),
    ] {
        let input = checkbox(page, flag);
        assert_eq!(!input.disabled(), offered, "{flag}");
        let title = input.get_attribute("title").unwrap_or_default();
        assert!(title.contains(why), "{flag}: {title:?}");
    }
}

#[wasm_bindgen_test]
async fn escape_cancels_a_change_gives_the_focus_back_and_changes_nothing() {
    let state = account();
    let app = lab_open(&state).await;
    let page = &app.container;

    click(page, "auth-deploy-qwen2.5-7b-instruct").await;
    appears(page, "models-change").await;
    assert!(until(|| focused() == "models-change-apply").await);
    press(&document().active_element().unwrap(), "Escape");
    assert!(until(|| find(page, "models-change").is_none()).await);
    assert!(until(|| focused() == "auth-deploy-qwen2.5-7b-instruct").await);
    assert!(!checkbox(page, "auth-deploy-qwen2.5-7b-instruct").checked());
    assert!(find(page, "models-feedback").is_none(), "nothing was done");
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(stored(), state, "cancelling changed nothing");

    // Limits ask too, and Enter (a click on the focused Apply) applies.
    type_into(page, "limit-rpm-qwen-plus", "600");
    click(page, "limit-set-qwen-plus").await;
    let diff = text_becomes(page, "models-change-diff", |t| !t.is_empty()).await;
    assert!(diff.contains("600 RPM"), "{diff}");
    assert!(until(|| focused() == "models-change-apply").await);
    document()
        .active_element()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    text_becomes(page, "models-feedback", |t| {
        t.contains("Set the limits of `qwen-plus`")
    })
    .await;
}

#[wasm_bindgen_test]
async fn making_an_administrator_lists_the_pages_it_gains() {
    let app = lab_open(&account()).await;
    let page = &app.container;

    click(page, "member-admin-user:kim").await;
    appears(page, "members-change").await;
    let diff = text_of(page, "members-change-diff").unwrap();
    let gained = diff
        .lines()
        .filter(|l| l.contains("user kim gains"))
        .count();
    assert!(gained >= 2, "{diff}");
    assert!(diff.contains("in lab: view → operate"), "{diff}");
    assert!(!checkbox(page, "member-admin-user:kim").checked());

    click(page, "members-change-apply").await;
    text_becomes(page, "members-feedback", |t| {
        t.contains("user kim is now an administrator of `lab`")
    })
    .await;
    assert!(until(|| checkbox(page, "member-admin-user:kim").checked()).await);
}

#[wasm_bindgen_test]
async fn creating_a_key_shows_the_new_key_in_its_effect() {
    let app = visit(Screen::ApiKeys, "", &account(), &Who::root());
    let page = &app.container;
    appears(page, "key-create-form").await;

    // The effect below the form follows the inputs once they are complete.
    assert!(find(page, "key-create-effect").is_none());
    type_into(page, "key-create-label", "fresh");
    let effect = text_becomes(page, "key-create-effect", |t| !t.is_empty()).await;
    assert!(effect.contains("key fresh: absent → active"), "{effect}");

    // Creating asks with the same effect, and only Apply creates it.
    click(page, "key-create-submit").await;
    let diff = text_becomes(page, "key-create-change-diff", |t| !t.is_empty()).await;
    assert!(diff.contains("key fresh: absent → active"), "{diff}");
    assert!(find(page, "key-row-fresh").is_none());
    // The question shows the effect now; the line below the form steps aside.
    assert!(until(|| find(page, "key-create-effect").is_none()).await);
    click(page, "key-create-change-apply").await;
    appears(page, "key-secret").await;
    text_becomes(page, "key-status-fresh", |t| t == "active").await;

    // A label already used says it would be refused.
    type_into(page, "key-create-label", "k");
    let effect = text_becomes(page, "key-create-effect", |t| t.contains("refused")).await;
    assert!(effect.contains("`k`"), "{effect}");
}

#[wasm_bindgen_test]
async fn a_change_with_no_effect_on_access_applies_directly_and_says_so() {
    let app = visit(Screen::ApiKeys, "", &account(), &Who::root());
    let page = &app.container;

    click(page, "key-whitelist-k").await;
    appears(page, "whitelist-editor").await;
    // A block inside the one listed lets in no address that was kept out.
    type_into(page, "whitelist-input", "10.0.0.0/8\n10.1.0.0/16");
    let effect = text_becomes(page, "whitelist-effect", |t| !t.is_empty()).await;
    assert_eq!(effect, "Effect: no change in access.");
    click(page, "whitelist-save").await;
    text_becomes(page, "whitelist-feedback", |t| t.contains("2 entries")).await;
    assert!(find(page, "whitelist-change").is_none(), "it did not ask");
    text_becomes(page, "key-whitelist-list-k", |t| {
        t == "10.0.0.0/8, 10.1.0.0/16"
    })
    .await;

    // Clearing it raises a finding, so that asks.
    type_into(page, "whitelist-input", "");
    click(page, "whitelist-save").await;
    let diff = text_becomes(page, "whitelist-change-diff", |t| !t.is_empty()).await;
    assert!(diff.contains("appears"), "{diff}");
}

#[wasm_bindgen_test]
async fn a_workspace_rename_shows_no_change_in_access_and_applies_at_once() {
    let app = lab_open(&account()).await;
    let page = &app.container;
    // The field shows the current name once drawn; nothing typed yet, so no effect.
    let field: HtmlInputElement = find(page, "rename-workspace-name")
        .unwrap()
        .unchecked_into();
    assert!(until(|| field.value() == "lab").await);
    assert!(find(page, "rename-workspace-effect").is_none());

    // A rename is no change in access: the effect says so, and it applies without asking.
    type_into(page, "rename-workspace-name", "lab-2");
    let effect = text_becomes(page, "rename-workspace-effect", |t| t.contains("lab-2")).await;
    assert!(
        effect.starts_with("Effect: no change in access")
            && effect.contains("workspace `lab` is renamed `lab-2`"),
        "{effect}"
    );
    assert!(stored().workspace_id("lab").is_some(), "not yet renamed");
    click(page, "rename-workspace-submit").await;
    assert!(
        find(page, "rename-change-diff").is_none(),
        "a rename does not ask"
    );
    text_becomes(page, "rename-feedback", |t| {
        t.contains("Renamed `lab` to `lab-2`")
    })
    .await;
    assert!(until(|| stored().workspace_id("lab-2").is_some()).await);
    // Once renamed, the field holds the name again and no effect is left.
    assert!(until(|| find(page, "rename-workspace-effect").is_none()).await);
}

/// Issue 13: what a rename came to belongs to the name it was asked for: a refusal goes once the
/// name is edited (a review found "Refused (duplicate) … (lab-old)" kept under another name), and
/// a rename to the current name says that nothing changed.
#[wasm_bindgen_test]
async fn a_renames_answer_goes_with_the_name_it_answered() {
    let mut state = account();
    run_as_root(
        &mut state,
        &[Command::CreateWorkspace {
            region: Region::ApSoutheast1,
            name: "lab-old".into(),
        }],
        7,
    );
    let app = lab_open(&state).await;
    let page = &app.container;
    type_into(page, "rename-workspace-name", "lab-old");
    click(page, "rename-workspace-submit").await;
    text_contains(page, "rename-feedback", "duplicate").await;
    type_into(page, "rename-workspace-name", "lab-new");
    assert!(
        until(|| find(page, "rename-feedback").is_none()).await,
        "the refusal of lab-old stayed under lab-new"
    );

    type_into(page, "rename-workspace-name", "lab");
    click(page, "rename-workspace-submit").await;
    text_becomes(page, "rename-feedback", |t| {
        t.ends_with("lab` is its name already: nothing changed.")
    })
    .await;
}

#[wasm_bindgen_test]
async fn creating_a_user_shows_the_finding_it_raises_and_asks() {
    seed(&account());
    arrive_at(Screen::Identities, "");
    let app = mount_app();
    let page = &app.container;
    appears(page, "create-user-name").await;

    type_into(page, "create-user-name", "lee");
    let effect = text_becomes(page, "create-user-effect", |t| !t.is_empty()).await;
    assert!(effect.contains("user lee"), "{effect}");
    click(page, "create-user-submit").await;
    appears(page, "identities-change").await;
    click(page, "identities-change-cancel").await;
    assert!(until(|| focused() == "create-user-submit").await);
    assert!(find(page, "principal-row-user-lee").is_none());

    click(page, "create-user-submit").await;
    click(page, "identities-change-apply").await;
    text_becomes(page, "identities-feedback", |t| {
        t.contains("Created user `lee`")
    })
    .await;
    appears(page, "principal-row-user-lee").await;
    // The form is empty again, and so is its effect.
    assert!(until(|| find(page, "create-user-effect").is_none()).await);
}

/// A new user's walk: Create user, then Enter on the still-focused button, created the user
/// without Apply. The question takes the focus, and pressing the form's button again asks
/// again rather than applying.
#[wasm_bindgen_test]
async fn pressing_create_twice_still_asks() {
    seed(&account());
    arrive_at(Screen::Identities, "");
    let app = mount_app();
    let page = &app.container;
    appears(page, "create-user-name").await;
    type_into(page, "create-user-name", "Root");
    text_becomes(page, "create-user-effect", |t| !t.is_empty()).await;
    click(page, "create-user-submit").await;
    appears(page, "identities-change").await;
    assert!(
        until(|| focused() == "identities-change-apply").await,
        "focus on {}",
        focused()
    );
    click(page, "create-user-submit").await;
    sleep(std::time::Duration::from_millis(100)).await;
    assert!(
        find(page, "principal-row-user-Root").is_none(),
        "created without Apply"
    );
    assert!(stored().user_id("Root").is_none(), "created without Apply");
}

#[wasm_bindgen_test]
async fn a_key_link_scrolls_to_the_key_and_highlights_it() {
    seed(&account());
    arrive_at(Screen::ApiKeys, "?key=k");
    let app = mount_app();
    let page = &app.container;
    let row = appears(page, "key-row-k").await;
    assert!(until(|| row.get_attribute("data-linked").as_deref() == Some("true")).await);
    assert!(row.class_name().contains("keys__row--linked"));
    text_becomes(page, "keys-link-note", |t| t == "Showing key `k`.").await;
    drop(app);

    // By id too (the key's number), and a name that is no key says so.
    arrive_at(Screen::ApiKeys, "?key=0");
    let app = mount_app();
    let page = &app.container;
    let row = appears(page, "key-row-k").await;
    assert!(until(|| row.get_attribute("data-linked").as_deref() == Some("true")).await);
    drop(app);

    arrive_at(Screen::ApiKeys, "?key=nope");
    let app = mount_app();
    let page = &app.container;
    text_becomes(page, "keys-link-note", |t| t == "There is no key `nope`.").await;
    let row = appears(page, "key-row-k").await;
    assert_eq!(row.get_attribute("data-linked").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn the_checker_remedy_lists_what_its_steps_would_change() {
    use studio_access_core::{Access, Check};
    let state = account();
    seed(&state);
    // kim may view the playground of `lab` but not operate it.
    let check = Check::OpenPage {
        who: Who::user("kim"),
        workspace: "lab".into(),
        page: Page::Playground,
        access: Access::Operate,
    };
    let json = serde_json::to_string(&check).unwrap();
    arrive(
        None,
        &format!(
            "/check?q={}",
            String::from(js_sys::encode_uri_component(&json))
        ),
    );
    let app = mount_app();
    let page = &app.container;

    let diff = text_becomes(page, "check-remedy-diff", |t| !t.is_empty()).await;
    assert!(
        diff.contains("user kim gains Playground in lab: view → operate"),
        "{diff}"
    );
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(stored(), state, "showing the effect changed nothing");
    click(page, "check-remedy-apply").await;
    text_becomes(page, "check-outcome", |t| t.contains("allow")).await;
}

#[wasm_bindgen_test]
async fn an_audit_key_finding_links_to_its_key_highlighted() {
    let state = studio_access_core::sample::sample_organisation(today());
    let suspended = state
        .audit()
        .into_iter()
        .find_map(|f| match f.subject {
            studio_access_core::Subject::Key { label, .. }
                if f.code == studio_access_core::FindingCode::SuspendedKey =>
            {
                Some(label)
            }
            _ => None,
        })
        .unwrap();
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let page = &app.container;
    let group = appears(page, "audit-group-suspended-key").await;
    let link: HtmlElement = group
        .query_selector("[data-testid=\"audit-subject\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let href = link.get_attribute("href").unwrap_or_default();
    assert_eq!(href, format!("/keys?key={suspended}"));

    link.click();
    assert_eq!(
        heading_becomes(page, "API keys").await.as_deref(),
        Some("API keys")
    );
    let row = appears(page, &format!("key-row-{suspended}")).await;
    assert!(until(|| row.get_attribute("data-linked").as_deref() == Some("true")).await);
}

/// The first finding of `code` in `state`.
fn finding_of(state: &State, code: studio_access_core::FindingCode) -> studio_access_core::Finding {
    state.audit().into_iter().find(|f| f.code == code).unwrap()
}

/// The link of the audit group `code`'s first finding.
async fn first_subject_link(page: &Element, code: &str) -> HtmlElement {
    let group = appears(page, &format!("audit-group-{code}")).await;
    group
        .query_selector("[data-testid=\"audit-subject\"]")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

/// Issue 13: findings link to the exact place that fixes them: a principal's panel, a
/// workspace opened in its region.
#[wasm_bindgen_test]
async fn audit_findings_open_the_principal_panel_and_the_workspace() {
    use studio_access_core::{FindingCode, Subject};
    let state = studio_access_core::sample::sample_organisation(today());
    let Subject::User { name: admin, .. } = finding_of(&state, FindingCode::ExcessAdmin).subject
    else {
        panic!("excess-admin is about a user in the sample");
    };
    let Subject::Workspace { name: idle, .. } =
        finding_of(&state, FindingCode::SubWorkspaceNoModels).subject
    else {
        panic!("sub-workspace-no-models is about a workspace");
    };
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let page = &app.container;

    first_subject_link(page, "excess-admin").await.click();
    heading_becomes(page, "Identities").await;
    reads(page, "principal-detail", &[&format!("RAM user {admin}")]).await;

    click(page, "nav-link-audit").await;
    first_subject_link(page, "sub-workspace-no-models")
        .await
        .click();
    heading_becomes(page, "Workspaces").await;
    text_becomes(page, "ws-detail-name", |t| t == idle).await;
}

/// Issue 13: a finding whose fix is one definite change offers it as steps, with what they
/// would change, and applying them clears the finding.
#[wasm_bindgen_test]
async fn an_audit_finding_offers_its_fix_as_steps() {
    use studio_access_core::{FindingCode, Subject};
    let state = studio_access_core::sample::sample_organisation(today());
    let Subject::User { name: buyer, .. } =
        finding_of(&state, FindingCode::BillingPurchaseGrant).subject
    else {
        panic!("billing-purchase-grant is about a user in the sample");
    };
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let page = &app.container;
    let stem = format!("audit-fix-billing-purchase-grant-RAM-user-{buyer}");
    click(page, &stem).await;
    reads(page, &format!("{stem}-1-steps"), &["AliyunBSSOrderAccess"]).await;
    reads(
        page,
        &format!("{stem}-1-diff"),
        &[&format!("user {buyer} loses")],
    )
    .await;
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(stored(), state, "showing the steps changed nothing");
    click(page, &format!("{stem}-1-apply")).await;
    let fixed = finding_of(&state, FindingCode::BillingPurchaseGrant);
    assert!(until(|| !stored().audit().contains(&fixed)).await);
    assert!(
        until(|| find(page, &stem).is_none()).await,
        "the finding left the list"
    );
}

/// Issue 14: the audit's findings download as CSV, with the command line's columns.
#[wasm_bindgen_test]
async fn the_audit_downloads_its_findings_as_csv() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::Audit, "", &state, &Who::root());
    let page = &app.container;
    keep_downloads();
    click(page, "audit-csv").await;
    let (csv, kind) = downloaded(0).await;
    assert_eq!(kind, "text/csv");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("code,finding,subject,fix"));
    assert_eq!(lines.count(), state.audit().len());
    assert!(csv.contains("billing-purchase-grant,"), "{csv}");
}

/// What one preview costs on a large account (printed, not asserted): the live effect of the
/// add-member form on the 2,000-principal organisation.
#[wasm_bindgen_test]
async fn a_live_effect_on_two_thousand_principals() {
    let state = studio_access_core::sample::generated_organisation(2000, 20, 5000, today());
    let workspace = state
        .workspaces()
        .find(|(_, ws)| !ws.default)
        .map(|(_, ws)| (ws.name.clone(), ws.region))
        .unwrap();
    let member = state
        .live_users()
        .find(|(id, _)| {
            let ws = state.workspace_id(&workspace.0).unwrap();
            state
                .membership(studio_access_core::Member::User(*id), ws)
                .is_none()
        })
        .map(|(_, u)| u.name.clone())
        .unwrap();
    let command = Command::AddMember {
        workspace: workspace.0.clone(),
        member: user(&member),
        admin: true,
    };
    let started = js_sys::Date::now();
    let diff = state.preview(&Who::root(), &command).unwrap();
    let previewed = js_sys::Date::now();
    assert!(!diff.is_empty());
    wasm_bindgen_test::console_log!(
        "preview of adding an administrator on {} principals: {:.0} ms, {} lines",
        state.live_users().count() + state.live_roles().count(),
        previewed - started,
        diff.pages.len() + diff.policies.len() + diff.findings_raised.len()
    );

    // The form shows it a moment after the workspace opens.
    seed(&state);
    arrive(None, &format!("/workspaces?workspace={}", workspace.0));
    let app = mount_app();
    let page = &app.container;
    let effect = text_becomes(page, "add-member-effect", |t| !t.is_empty()).await;
    assert!(effect.starts_with("Effect:"), "{effect}");
}

#[wasm_bindgen_test]
async fn an_open_question_follows_the_state_and_the_acting_identity() {
    let state = account();
    let app = lab_open(&state).await;
    let page = &app.container;

    click(page, "auth-fine-tune-qwen-plus").await;
    let diff = text_becomes(page, "models-change-diff", |t| !t.is_empty()).await;
    assert!(diff.contains("→ fine-tune"), "{diff}");
    click(page, "auth-call-qwen-plus").await;
    // Only one question per section: the newer one replaces it.
    let diff = text_becomes(page, "models-change-diff", |t| t.contains("→ call")).await;
    assert!(!diff.contains("fine-tune"), "{diff}");

    // Switching to kim, who may not authorize models: the question closes, nothing changed.
    let select: web_sys::HtmlSelectElement =
        find(page, "identity-select").unwrap().unchecked_into();
    select.set_value("kim");
    dispatch(&select, "new Event('change', { bubbles: true })");
    assert!(until(|| find(page, "models-change").is_none()).await);
    assert!(!checkbox(page, "auth-call-qwen-plus").checked());
    sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(stored(), state);
}

/// Issue 13: the member form offers the seeds' sets of pages; adding a member with one asks
/// once, listing every page it grants, and grants them all.
#[wasm_bindgen_test]
async fn a_member_is_added_with_a_preset_of_pages() {
    let mut state = account();
    run_as_root(&mut state, &[Command::CreateUser { name: "ann".into() }], 9);
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let page = &app.container;
    open_lab(page).await;
    choose(page, "add-member-select", "user:ann").await;
    choose(page, "add-member-pages", "Call models in the console").await;
    // The live effect is that of every step, the pages included (a review saw it stay at
    // "none → view", the membership's alone).
    reads(
        page,
        "add-member-effect",
        &["gains Model experience", "none → operate"],
    )
    .await;
    click(page, "add-member-submit").await;
    let question = reads(page, "members-change", &["(3 pages)?"]).await;
    assert!(question.contains("Add user"), "{question}");
    reads(
        page,
        "members-change-diff",
        &["Model experience", "Batch inference", "Model observation"],
    )
    .await;
    apply_change(page, "members-change").await;
    reads(page, "members-feedback", &["with the pages of"]).await;
    reads(page, "member-row-user:ann", &["3 page permissions"]).await;
    let pages = || {
        let saved = stored();
        let lab = saved.workspace_id("lab")?;
        let ann = studio_access_core::Member::User(saved.user_id("ann")?);
        Some(saved.membership(ann, lab)?.pages.iter().count())
    };
    assert!(until(|| pages() == Some(3)).await, "saved: {:?}", pages());
}

/// A review found Set quota enabled for `lead-01` (no management permission), then saying
/// "Denied (not-super-admin)", while the model authorizations beside it were disabled: the quota
/// form is disabled the same way, the page's management notice saying why.
#[wasm_bindgen_test]
async fn setting_a_quota_is_disabled_without_management_permission() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::Workspaces, "", &state, &Who::user("lead-01"));
    let page = &app.container;
    click(page, &format!("region-tab-{}", Region::ApSoutheast1)).await;
    let set = appears(page, "quota-set").await;
    assert!(
        set.has_attribute("disabled"),
        "Set quota is enabled for lead-01"
    );
    assert!(find(page, "quota-rpm").unwrap().has_attribute("disabled"));
    assert!(find(page, "quota-model").unwrap().has_attribute("disabled"));
    reads(
        page,
        "management-notice",
        &[
            "lead-01 cannot manage workspaces here",
            "AliyunBailianFullAccess",
        ],
    )
    .await;
    drop(app);

    // Who may set it finds it enabled.
    let app = visit(Screen::Workspaces, "", &state, &Who::user("admin-01"));
    let page = &app.container;
    click(page, &format!("region-tab-{}", Region::ApSoutheast1)).await;
    let set = appears(page, "quota-set").await;
    assert!(!set.has_attribute("disabled"));
    assert!(find(page, "management-notice").is_none());
}

/// Issue 13: an answer belongs to the name it answered, in every form of a name (the rename
/// had its own fix): a refusal goes once another name is typed, and what creating came to stays
/// when the form empties its field.
#[wasm_bindgen_test]
async fn a_name_forms_answer_goes_once_another_name_is_typed() {
    let mut state = account();
    run_as_root(&mut state, &[Command::CreateUser { name: "ann".into() }], 9);
    let app = visit(Screen::Identities, "", &state, &Who::root());
    let page = &app.container;
    appears(page, "create-user-name").await;
    type_into(page, "create-user-name", "ann");
    click(page, "create-user-submit").await;
    text_contains(page, "identities-feedback", "duplicate").await;
    type_into(page, "create-user-name", "bea");
    assert!(
        until(|| find(page, "identities-feedback").is_none()).await,
        "the refusal of ann stayed under bea"
    );
    drop(app);

    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let page = &app.container;
    click(page, "region-tab-ap-southeast-1").await;
    appears(page, "create-workspace-name").await;
    type_into(page, "create-workspace-name", "lab");
    click(page, "create-workspace-submit").await;
    text_contains(page, "workspace-feedback", "duplicate").await;
    type_into(page, "create-workspace-name", "lab-2");
    assert!(until(|| find(page, "workspace-feedback").is_none()).await);
    // A name that is used: the field empties, and what it came to stays.
    click(page, "create-workspace-submit").await;
    text_contains(page, "workspace-feedback", "lab-2").await;
    assert!(until(|| value_of(page, "create-workspace-name").is_empty()).await);
    sleep(std::time::Duration::from_millis(50)).await;
    assert!(find(page, "workspace-feedback").is_some());
}

/// A workspace of an account without users or roles says where they are made, with a link
/// there; it said "Every user and role is already a member." (a new user's walk).
#[wasm_bindgen_test]
async fn a_workspace_of_an_account_without_identities_says_where_they_are_made() {
    let mut state = State::new_account(today());
    run_as_root(
        &mut state,
        &[Command::CreateWorkspace {
            region: Region::ApSoutheast1,
            name: "lab".into(),
        }],
        1,
    );
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let page = &app.container;
    click(page, "region-tab-ap-southeast-1").await;
    click(page, "ws-open-lab").await;
    let said = appears(page, "add-member-nobody").await;
    let text = visible_text(&said);
    assert!(text.starts_with("No user or role exists yet."), "{text}");
    let link = said.query_selector("a").unwrap().unwrap();
    assert!(
        link.get_attribute("href")
            .unwrap_or_default()
            .ends_with(Screen::Identities.segment()),
        "{:?}",
        link.get_attribute("href")
    );
}

/// Issue 13 (a new user's walk): a question belongs to the form as it was asked. Create was
/// pressed for `new-user`, the field was changed to `other-name`, and the question still asked
/// about `new-user`, whose Apply created it. Changing the form closes the question unanswered.
#[wasm_bindgen_test]
async fn a_question_goes_once_its_form_is_changed() {
    let state = account();
    let app = visit(Screen::Identities, "", &state, &Who::root());
    let page = &app.container;
    appears(page, "create-user-name").await;
    type_into(page, "create-user-name", "new-user");
    click(page, "create-user-submit").await;
    appears(page, "identities-change").await;
    type_into(page, "create-user-name", "other-name");
    assert!(
        until(|| find(page, "identities-change").is_none()).await,
        "the question about new-user stayed under other-name"
    );
    // Asked again, the question is about the name shown, and Apply creates that one.
    click(page, "create-user-submit").await;
    let question = appears(page, "identities-change").await;
    assert!(visible_text(&question).contains("other-name"));
    click(page, "identities-change-apply").await;
    appears(page, "principal-row-user-other-name").await;
    assert!(find(page, "principal-row-user-new-user").is_none());
    drop(app);

    // A key's label, the same.
    let app = visit(Screen::ApiKeys, "", &stored(), &Who::root());
    let page = &app.container;
    appears(page, "key-create-label").await;
    set_value(page, "key-create-label", "k-old");
    click(page, "key-create-submit").await;
    appears(page, "key-create-change").await;
    set_value(page, "key-create-label", "k-new");
    assert!(
        until(|| find(page, "key-create-change").is_none()).await,
        "the question about k-old stayed under k-new"
    );
    assert!(stored().keys().all(|(_, k)| k.label != "k-old"));
}
