//! Issue 13: every form says a field's problem the same way, in a real browser. The message
//! sits under its field, names the field and the reason; the input is `aria-invalid="true"` and
//! its `aria-describedby` names the message. A field is checked as it is typed (as a name is),
//! every field when the form is submitted, nothing before; a refused submit applies nothing and
//! keeps what was typed.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{Command, Region, State, Who};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

#[wasm_bindgen_test]
async fn a_checker_field_says_its_problem_as_typed_and_a_refused_check_keeps_it() {
    let app = visit(Screen::AccessChecker, "", &small_account(), &Who::root());
    let page = &app.container;
    appears(page, "check-through-key").await.click();
    appears(page, "check-ip").await;
    assert_eq!(problem_of(page, "check-ip"), None, "nothing before typing");

    type_into(page, "check-ip", "10.0.0.300");
    says_problem(page, "check-ip", &["10.0.0.300", "is not an IP address"]).await;
    assert_eq!(
        problem_of(page, "check-key"),
        None,
        "the key was not typed into"
    );

    // A check with a wrong field is refused: every wrong field says why, nothing is asked, what
    // was typed stays.
    click(page, "check-submit").await;
    says_problem(page, "check-key", &["Name the API key."]).await;
    assert!(problem_of(page, "check-ip").is_some());
    assert!(find(page, "check-outcome").is_none());
    assert_eq!(window().location().search().unwrap(), "");
    assert_eq!(value_of(page, "check-ip"), "10.0.0.300");

    type_into(page, "check-ip", "203.0.113.7");
    assert!(until(|| problem_of(page, "check-ip").is_none()).await);
}

#[wasm_bindgen_test]
async fn a_traffic_count_too_large_says_too_large_and_the_maximum() {
    let app = visit(Screen::AccessChecker, "", &small_account(), &Who::root());
    let page = &app.container;
    appears(page, "check-op").await;
    set_value(page, "check-op", "load");
    appears(page, "check-traffic-0-tokens").await;

    type_into(page, "check-traffic-0-tokens", "99999999999999999999");
    says_problem(
        page,
        "check-traffic-0-tokens",
        &[
            "Tokens per request is too large",
            "at most 18,446,744,073,709,551,615",
        ],
    )
    .await;
    type_into(page, "check-traffic-0-requests", "-1");
    says_problem(
        page,
        "check-traffic-0-requests",
        &["Requests must be 0 or more"],
    )
    .await;
    click(page, "check-submit").await;
    says_problem(page, "check-traffic-0-key", &["Name the API key."]).await;
    assert!(find(page, "check-outcome").is_none());
    assert_eq!(
        value_of(page, "check-traffic-0-tokens"),
        "99999999999999999999"
    );
}

/// Sub-workspace `lab` in Singapore.
fn with_lab() -> State {
    let mut state = small_account();
    run_as_root(
        &mut state,
        &[Command::CreateWorkspace {
            region: Region::ApSoutheast1,
            name: "lab".into(),
        }],
        5,
    );
    state
}

async fn open_lab(page: &Element) {
    click(page, "region-tab-ap-southeast-1").await;
    click(page, "ws-open-lab").await;
    appears(page, "limit-rpm-qwen-max").await;
}

#[wasm_bindgen_test]
async fn a_model_limit_says_its_problem_under_it_and_a_refused_set_keeps_it() {
    let state = with_lab();
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let page = &app.container;
    open_lab(page).await;
    assert_eq!(problem_of(page, "limit-rpm-qwen-max"), None);

    // An RPM of 0 names the RPM, not the workspace.
    type_into(page, "limit-rpm-qwen-max", "0");
    says_problem(
        page,
        "limit-rpm-qwen-max",
        &["The request limit (RPM) must be at least 1"],
    )
    .await;
    type_into(page, "limit-tpm-qwen-max", "99999999999999999999");
    says_problem(
        page,
        "limit-tpm-qwen-max",
        &[
            "The token limit (TPM) is too large",
            "at most 9,223,372,036,854,775,807",
        ],
    )
    .await;
    assert_eq!(
        problem_of(page, "limit-rpm-qwen-plus"),
        None,
        "other rows say nothing"
    );

    click(page, "limit-set-qwen-max").await;
    sleep(std::time::Duration::from_millis(50)).await;
    assert!(find(page, "models-change").is_none(), "nothing is asked");
    assert!(problem_of(page, "limit-rpm-qwen-max").is_some());
    assert_eq!(value_of(page, "limit-rpm-qwen-max"), "0");
    assert_eq!(value_of(page, "limit-tpm-qwen-max"), "99999999999999999999");
    assert_eq!(stored(), state, "nothing changed");

    // Fixed, the same button asks.
    type_into(page, "limit-rpm-qwen-max", "600");
    type_into(page, "limit-tpm-qwen-max", "");
    assert!(until(|| problem_of(page, "limit-tpm-qwen-max").is_none()).await);
    click(page, "limit-set-qwen-max").await;
    appears(page, "models-change").await;
}

#[wasm_bindgen_test]
async fn an_account_quota_says_its_problem_under_it_and_a_refused_set_keeps_it() {
    let state = with_lab();
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let page = &app.container;
    click(page, "region-tab-us-east-1").await;
    appears(page, "quota-rpm").await;
    assert_eq!(problem_of(page, "quota-rpm"), None);

    // Submitted empty, it says what it needs.
    click(page, "quota-set").await;
    says_problem(
        page,
        "quota-rpm",
        &["The account quota (RPM) is empty: enter a whole number, at least 1."],
    )
    .await;
    type_into(page, "quota-rpm", "0");
    says_problem(
        page,
        "quota-rpm",
        &["The account quota (RPM) must be at least 1"],
    )
    .await;
    click(page, "quota-set").await;
    sleep(std::time::Duration::from_millis(50)).await;
    assert!(find(page, "quota-change").is_none(), "nothing is asked");
    assert_eq!(value_of(page, "quota-rpm"), "0");
    assert_eq!(stored(), state, "nothing changed");
}

/// The checker's Workspace is a choice, not typed, but it says its problem the same way: once
/// the form is submitted with none chosen, the select is `aria-invalid` and names its message.
#[wasm_bindgen_test]
async fn a_checker_workspace_left_unchosen_says_so_on_its_select() {
    let app = visit(Screen::AccessChecker, "", &small_account(), &Who::root());
    let page = &app.container;
    appears(page, "check-op").await;
    set_value(page, "check-op", "open-page");
    appears(page, "check-workspace").await;
    set_value(page, "check-workspace", "");
    assert_eq!(
        problem_of(page, "check-workspace"),
        None,
        "nothing before submitting"
    );
    click(page, "check-submit").await;
    says_problem(page, "check-workspace", &["Choose a workspace."]).await;
    assert!(find(page, "check-outcome").is_none());

    set_value(page, "check-workspace", "w");
    click(page, "check-submit").await;
    appears(page, "check-outcome").await;
    assert_eq!(problem_of(page, "check-workspace"), None);
}

/// Issue 13: a taken workspace name was refused with the code's general sentence ("That name
/// or label is already taken, or the member already exists."), before and after Create; both
/// now say which workspace has the name, and where. And it was said twice, by the live effect
/// and by the answer under the form: once the step is run and refused, its answer says why and
/// the effect does not; another name is a new question, and the effect speaks for it again.
#[wasm_bindgen_test]
async fn a_taken_workspace_name_says_where_the_workspace_that_has_it_is_and_once() {
    let state = with_lab();
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let page = &app.container;
    click(page, "region-tab-us-east-1").await;
    appears(page, "create-workspace-name").await;
    type_into(page, "create-workspace-name", "lab");
    let taken = "The workspace name `lab` is taken: a workspace in Singapore has it";
    text_contains(page, "create-workspace-effect", taken).await;
    click(page, "create-workspace-submit").await;
    text_contains(page, "workspace-feedback", taken).await;
    assert!(
        until(|| find(page, "create-workspace-effect").is_none()).await,
        "the effect said it again"
    );
    assert_eq!(stored().workspace_id("lab"), state.workspace_id("lab"));
    type_into(page, "create-workspace-name", "lab-");
    text_contains(page, "create-workspace-effect", "Effect").await;
    type_into(page, "create-workspace-name", "lab");
    text_contains(page, "create-workspace-effect", taken).await;
}

/// A new user's walk: Set with neither limit read "A value is not valid here. Failed while
/// validating the values (rpm, tpm)". It says what to give.
#[wasm_bindgen_test]
async fn limits_set_with_neither_value_say_what_to_give() {
    let state = with_lab();
    let app = visit(Screen::Workspaces, "", &state, &Who::root());
    let page = &app.container;
    open_lab(page).await;
    click(page, "limit-set-qwen-max").await;
    reads(
        page,
        "models-feedback",
        &[
            "qwen-max",
            "Give a request limit (RPM), a token limit (TPM) or both",
        ],
    )
    .await;
    assert_eq!(stored(), state, "nothing changed");

    // The next attempt's question is not shown beside the last one's refusal (a new user's
    // walk saw it stay).
    type_into(page, "limit-rpm-qwen-max", "100");
    click(page, "limit-set-qwen-max").await;
    appears(page, "models-change").await;
    assert!(find(page, "models-feedback").is_none());
}
