//! The access checker's single answer in a real browser: the remedy of a denial (a mistyped name,
//! a whitelist, a key that does not exist, a model that cannot be deployed), an answer that
//! always belongs to the question shown, an Apply button that follows the acting identity, and a
//! rate-limit denial that names the limit that throttled.

use crate::support::*;
use leptos::tachys::view::Mountable;
use studio_access_app::Screen;
use studio_access_core::{Caller, Check, Command, KeyOwnerName, Page, Region, State, Traffic, Who};
use wasm_bindgen_test::wasm_bindgen_test;

/// The error of the seed's FAQ for an identity that has not joined the workspace.
const WORKSPACE_ERROR: &str = "You do not have access permissions to this workspace.";

/// The Access checker opened as `root` on `state`, asking `check` (the `?q=` of its address).
fn checker_asking(check: &Check, state: &State) -> Mounted<impl Mountable + use<>> {
    let json = serde_json::to_string(check).unwrap();
    let query = format!("?q={}", String::from(js_sys::encode_uri_component(&json)));
    visit(Screen::AccessChecker, &query, state, &Who::root())
}

/// The support's small account with user `user-02` too.
fn with_user_02() -> State {
    let mut state = small_account();
    run_as_root(
        &mut state,
        &[Command::CreateUser {
            name: "user-02".into(),
        }],
        11,
    );
    state
}

/// The name of the `cn-beijing` default workspace of `state`.
fn beijing(state: &State) -> String {
    state
        .workspace_name(state.default_workspace(Region::CnBeijing))
        .unwrap()
        .to_owned()
}

/// The small account with root's key `bj-key` in the Beijing default workspace, its whitelist
/// `10.0.0.0/8`, and `qwen-plus` authorized there for calls.
fn with_whitelisted_key() -> State {
    let mut state = small_account();
    let workspace = beijing(&state);
    run_as_root(
        &mut state,
        &[
            Command::CreateApiKey {
                workspace,
                owner: KeyOwnerName::Named("root".into()),
                key: "bj-key".into(),
            },
            Command::SetIpWhitelist {
                key: "bj-key".into(),
                cidrs: vec!["10.0.0.0/8".into()],
            },
        ],
        12,
    );
    state
}

fn key_call(key: &str, ip: Option<&str>) -> Check {
    Check::CallModel {
        caller: Caller::Key {
            key: key.into(),
            ip: ip.map(|ip| ip.parse().unwrap()),
        },
        model: "qwen-plus".into(),
    }
}

fn open_playground(who: Who) -> Check {
    Check::OpenPage {
        who,
        workspace: "w".into(),
        page: Page::Playground,
        access: studio_access_core::Access::View,
    }
}

/// Issue 13: `user02` (for `user-02`) and a half-typed `user-02 via` were offered as users to
/// create. A name that names nobody gets "no such user or role" with the nearest names, and no
/// step.
#[wasm_bindgen_test]
async fn a_mistyped_name_gets_the_nearest_names_and_no_step() {
    let state = with_user_02();
    for asked in ["user02", "user-02 via"] {
        let check = open_playground(Who::user(asked));
        let app = checker_asking(&check, &state);
        let page = &app.container;
        reads(page, "check-outcome", &["deny:unknown-principal"]).await;
        let advice = text_contains(page, "check-remedy-advice", "No such user or role").await;
        assert!(advice.contains("`user-02`"), "{advice}");
        assert!(find(page, "check-remedy-steps").is_none(), "{asked}");
        assert!(find(page, "check-remedy-apply").is_none(), "{asked}");
    }
}

/// Issue 13: a key call refused by its whitelist, a key that does not exist and a model that
/// cannot be deployed were all "cannot be fixed by permissions".
#[wasm_bindgen_test]
async fn a_whitelist_refusal_is_widened_or_cleared() {
    let state = with_whitelisted_key();
    let app = checker_asking(&key_call("bj-key", Some("203.0.113.7")), &state);
    let page = &app.container;
    reads(page, "check-outcome", &["deny:ip-not-allowed"]).await;
    reads(
        page,
        "check-remedy-steps",
        &["IP whitelist of key `bj-key`", "10.0.0.0/8, 203.0.113.7/32"],
    )
    .await;
    // The step names the address as its effect does (a walk read `203.0.113.7` over `/32`).
    reads(page, "check-remedy-diff", &["203.0.113.7/32"]).await;
    assert!(find(page, "check-remedy-note").is_none());
    drop(app);

    // With no caller address, no address can be added: the whitelist is cleared.
    let app = checker_asking(&key_call("bj-key", None), &state);
    let page = &app.container;
    reads(page, "check-outcome", &["deny:ip-not-allowed"]).await;
    reads(
        page,
        "check-remedy-steps",
        &["Clear the IP whitelist of key `bj-key`"],
    )
    .await;
    // Why it is cleared, and how to keep it: give the caller's address.
    reads(
        page,
        "check-remedy-note",
        &[
            "gives no caller address",
            "give the address the calls come from",
        ],
    )
    .await;
    click(page, "check-remedy-apply").await;
    reads(page, "check-outcome", &["allow"]).await;
}

/// Issue 13: a call with a key that does not exist could only be answered "no such key". A
/// label no key is near is offered as a key to create, with the effect, and applying it lets
/// the call through.
#[wasm_bindgen_test]
async fn an_unknown_key_is_offered_as_a_key_to_create() {
    let state = with_whitelisted_key();
    let app = checker_asking(&key_call("batch-job", None), &state);
    let page = &app.container;
    reads(page, "check-outcome", &["deny:unknown-key"]).await;
    reads(
        page,
        "check-remedy-steps",
        &["Create API key `batch-job` in `", "(`root`)"],
    )
    .await;
    reads(page, "check-remedy-diff", &["batch-job"]).await;
    assert!(find(page, "check-remedy-advice").is_none());
    click(page, "check-remedy-apply").await;
    reads(page, "check-outcome", &["allow"]).await;
    assert!(until(|| stored().key_id("batch-job").is_some()).await);
}

/// A new user's walk: the remedy of an unknown key in China (Beijing) offered to create it "for
/// user `user-01`", and did not say that the key would belong to the account (SPEC section 5).
#[wasm_bindgen_test]
async fn a_key_the_remedy_creates_in_beijing_is_said_to_belong_to_the_account() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = checker_asking(&key_call("new-key", None), &state);
    let page = &app.container;
    reads(page, "check-outcome", &["deny:unknown-key"]).await;
    reads(page, "check-remedy-steps", &["Create API key `new-key` in"]).await;
    reads(
        page,
        "check-remedy-note",
        &["This key will belong to the Alibaba Cloud account (root)"],
    )
    .await;
}

#[wasm_bindgen_test]
async fn an_unknown_key_and_an_undeployable_model_say_why() {
    let state = with_whitelisted_key();
    let app = checker_asking(&key_call("bj-kee", Some("10.0.0.1")), &state);
    let page = &app.container;
    reads(page, "check-outcome", &["deny:unknown-key"]).await;
    let advice = reads(page, "check-remedy-advice", &["`bj-kee`", "`bj-key`"]).await;
    assert!(advice.contains("create the key"), "{advice}");
    assert!(!advice.contains("cannot be fixed"), "{advice}");
    drop(app);

    let deploy = Check::Deploy {
        who: Who::root(),
        workspace: beijing(&state),
        model: "qwen-max".into(),
        fine_tuned: false,
    };
    let app = checker_asking(&deploy, &state);
    let page = &app.container;
    reads(page, "check-outcome", &["deny:not-deployable"]).await;
    reads(page, "check-trace", &["Model deployable"]).await;
    let advice = reads(page, "check-remedy-advice", &["cannot be deployed"]).await;
    assert!(!advice.contains("four steps"), "{advice}");
    // `qwen-max` cannot be fine-tuned either: no fine-tuned model of it is suggested (a new
    // user's walk).
    assert!(!advice.contains("ask about a fine-tuned model"), "{advice}");
    assert!(!advice.contains("would not help"), "{advice}");
    drop(app);

    // A user the page stops first is told that opening it would not help: the trace stops at
    // the page, not at the catalog's gate.
    let bob_deploys = Check::Deploy {
        who: Who::user("bob"),
        workspace: beijing(&state),
        model: "qwen-max".into(),
        fine_tuned: false,
    };
    let app = checker_asking(&bob_deploys, &state);
    let page = &app.container;
    let outcome = reads(page, "check-outcome", &["deny:"]).await;
    assert!(!outcome.contains("not-deployable"), "{outcome}");
    reads(
        page,
        "check-remedy-advice",
        &[
            "Opening the gate that stops it now would not help.",
            "cannot be deployed",
        ],
    )
    .await;
}

/// Issue 13: "Apply these steps as root" kept its label after the acting identity changed.
#[wasm_bindgen_test]
async fn the_apply_button_follows_the_acting_identity() {
    let check = open_playground(Who::user("bob"));
    let app = checker_asking(&check, &small_account());
    let page = &app.container;
    reads(page, "check-outcome", &["deny:not-member"]).await;
    reads(page, "check-remedy-apply", &["as root"]).await;
    choose(page, "identity-select", "carl").await;
    reads(page, "check-remedy-apply", &["as carl"]).await;
    // The question is still bob's: the steps are the same, only who applies them changed.
    reads(page, "check-remedy-steps", &["Add user `bob` to `w`"]).await;
}

/// Issue 13: an allow stayed on screen while the IP field held an invalid address, and an answer
/// stayed after the question's fields changed.
#[wasm_bindgen_test]
async fn an_answer_is_cleared_when_its_question_changes() {
    let state = with_whitelisted_key();
    let app = checker_asking(&key_call("bj-key", Some("10.0.0.1")), &state);
    let page = &app.container;
    reads(page, "check-outcome", &["allow"]).await;
    // The form shows the question, and typing an address that is none clears the answer.
    reads_value(page, "check-ip", "10.0.0.1").await;
    type_into(page, "check-ip", "10.0.0.300");
    assert!(until(|| find(page, "check-outcome").is_none()).await);
    appears(page, "check-answer-stale").await;
    click(page, "check-submit").await;
    reads(page, "check-error-ip", &["not an IP address"]).await;
    assert!(find(page, "check-outcome").is_none());
    // The field's error draws the address it quotes as a name, not between backticks.
    let error = visible_text(&find(page, "check-error-ip").unwrap());
    assert!(
        error.contains("10.0.0.300") && !error.contains('`'),
        "{error}"
    );

    // Back to the question asked: its answer is shown again.
    type_into(page, "check-ip", "10.0.0.1");
    reads(page, "check-outcome", &["allow"]).await;
    // Another key: cleared until asked.
    type_into(page, "check-key", "other");
    assert!(until(|| find(page, "check-outcome").is_none()).await);
    click(page, "check-submit").await;
    reads(page, "check-outcome", &["deny:unknown-key"]).await;
}

/// Issue 13: a rate-limit denial says which limit throttled, and by how much.
#[wasm_bindgen_test]
async fn a_rate_limit_denial_names_the_limit_and_the_excess() {
    let mut state = small_account();
    run_as_root(
        &mut state,
        &[
            sample::authorize_call("w", "qwen-plus"),
            sample::model_limits("w", "qwen-plus", Some(100), Some(10_000)),
            sample::create_key("w", "ann", "k1"),
        ],
        13,
    );
    let load = Check::Load {
        model: "qwen-plus".into(),
        traffic: vec![Traffic {
            key: "k1".into(),
            requests: 60,
            tokens: 200,
            ip: None,
        }],
    };
    let app = checker_asking(&load, &state);
    let page = &app.container;
    reads(page, "check-outcome", &["deny:rate-limited"]).await;
    let trace = reads(page, "check-trace", &["TPM"]).await;
    assert!(
        trace.contains("12,000 tokens asked in the minute, limit 10,000"),
        "{trace}"
    );
    assert!(!trace.contains("RPM"), "{trace}");
}

/// Waits for the input `test_id` to hold `value`.
async fn reads_value(root: &web_sys::Element, test_id: &str, value: &str) {
    use wasm_bindgen::JsCast;
    let input: web_sys::HtmlInputElement = appears(root, test_id).await.unchecked_into();
    assert!(
        until(|| input.value() == value).await,
        "{:?}",
        input.value()
    );
}

/// Issue 13: the remedy's "These steps would" belongs to the state shown. A change made
/// elsewhere (here, in another tab) that leaves the same steps offered changes what they would
/// do, and the effect follows it instead of describing a state that is gone.
#[wasm_bindgen_test]
async fn a_remedys_effect_follows_a_change_made_elsewhere() {
    // `user-01` left `project-a`, so its key `k` is suspended until it is added back.
    let mut state = project_a_account();
    run_as_root(
        &mut state,
        &[Command::RemoveMember {
            workspace: "project-a".into(),
            member: user("user-01"),
        }],
        8,
    );
    let open = Check::OpenPage {
        who: Who::user("user-01"),
        workspace: "project-a".into(),
        page: Page::Playground,
        access: studio_access_core::Access::View,
    };
    let app = checker_asking(&open, &state);
    let page = &app.container;
    reads(page, "check-outcome", &["deny:not-member"]).await;
    let steps = reads(page, "check-remedy-steps", &["`user-01`"]).await;
    reads(page, "check-remedy-diff", &["key k: suspended"]).await;

    // Another tab deletes the key; the steps stay the same, but they no longer revive it.
    let mut elsewhere = state.clone();
    run_as_root(
        &mut elsewhere,
        &[Command::DeleteApiKey { key: "k".into() }],
        9,
    );
    let text = studio_access_core::persist::to_json(&elsewhere);
    storage()
        .set_item(studio_access_app::store::STORAGE_KEY, &text)
        .unwrap();
    // What the browser tells this tab when another one saves.
    js_sys::Function::new_with_args(
        "key, newValue",
        "window.dispatchEvent(new StorageEvent('storage', { key, newValue }))",
    )
    .call2(
        &wasm_bindgen::JsValue::NULL,
        &studio_access_app::store::STORAGE_KEY.into(),
        &text.into(),
    )
    .unwrap();

    assert!(until(|| stored() == elsewhere).await);
    assert!(
        until(|| text_of(page, "check-remedy-diff").is_some_and(|t| !t.contains("key k:"))).await,
        "the effect still reads {:?}",
        text_of(page, "check-remedy-diff")
    );
    assert_eq!(text_of(page, "check-remedy-steps"), Some(steps));
}

/// Issue 13: a link whose question cannot be read says why with its names drawn as names, not
/// between literal backticks.
#[wasm_bindgen_test]
async fn an_unreadable_link_says_why_without_backticks() {
    let query = format!(
        "?q={}",
        String::from(js_sys::encode_uri_component(r#"{"op":"fine-tune"}"#))
    );
    let app = visit(
        Screen::AccessChecker,
        &query,
        &small_account(),
        &Who::root(),
    );
    let page = &app.container;
    reads(
        page,
        "check-link-error",
        &["could not be read", "fine-tune"],
    )
    .await;
    let error = find(page, "check-link-error").unwrap();
    let said = visible_text(&error);
    assert!(!said.contains('`'), "{said}");
    assert!(error.query_selector("code.prose-name").unwrap().is_some());
}

/// Issue 13: the note of a key link draws the key's label as a name, not between backticks.
#[wasm_bindgen_test]
async fn a_key_links_note_draws_its_label_as_a_name() {
    let state = with_whitelisted_key();
    let app = visit(Screen::ApiKeys, "?key=bj-key", &state, &Who::root());
    let page = &app.container;
    let note = appears(page, "keys-link-note").await;
    assert!(
        until(|| visible_text(&note) == "Showing key bj-key.").await,
        "{}",
        visible_text(&note)
    );
}

/// A new user's walk: the error lookup said only the Alibaba Cloud account could grant
/// AliyunBailianFullAccess and AliyunBSSOrderAccess, which a RAM administrator may attach too
/// (SPEC section 4); the data policies stay the account's alone.
#[wasm_bindgen_test]
async fn the_error_lookup_says_who_may_attach_each_policy() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::AccessChecker, "", &state, &Who::root());
    let page = &app.container;
    let by_either = "by the Alibaba Cloud account or a RAM administrator";
    look_up_error(
        page,
        "AliyunSFMFullAccess/AliyunBailianFullAccess permission error",
        "lead-01",
        None,
    )
    .await;
    reads(
        page,
        "error-meaning",
        &["AliyunBailianFullAccess", by_either],
    )
    .await;
    drop(app);

    let app = visit(Screen::AccessChecker, "", &state, &Who::root());
    let page = &app.container;
    look_up_error(page, "NoPermission, sfm:CreateApplication", "analyst", None).await;
    let meaning = reads(
        page,
        "error-meaning",
        &["by the Alibaba Cloud account only"],
    )
    .await;
    assert!(!meaning.contains(by_either), "{meaning}");
}

/// A review found the error lookup's explanation of the looked-up check staying above every
/// later, unrelated answer: it belongs to the question it was found for, and goes with it.
#[wasm_bindgen_test]
async fn the_error_lookups_explanation_goes_when_the_question_changes() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::AccessChecker, "", &state, &Who::root());
    let page = &app.container;
    look_up_error(page, "NoPermission, sfm:CreateApplication", "analyst", None).await;
    reads(page, "error-meaning", &["CreateApplication"]).await;
    reads(page, "check-question", &["CreateApplication", "analyst"]).await;
    reads(page, "check-outcome", &["deny"]).await;

    // Another identity in the form: the answer goes, and so does the explanation.
    type_into(page, "check-who", "user-01");
    assert!(until(|| find(page, "check-outcome").is_none()).await);
    assert!(
        until(|| find(page, "error-meaning").is_none()).await,
        "the explanation stayed over a question it does not explain"
    );
    // Asked: an answer that is not the looked-up check's, and no explanation above it.
    click(page, "check-submit").await;
    reads(page, "check-question", &["user-01"]).await;
    appears(page, "check-outcome").await;
    assert!(find(page, "error-meaning").is_none());
    // Back and forward reach the looked-up question again: its explanation comes back with it.
    window().history().unwrap().back().unwrap();
    reads(page, "check-question", &["analyst"]).await;
    appears(page, "error-meaning").await;
}

/// A new user's walk saw the error lookup's explanation ("has not joined the workspace") stay
/// after the data changed under it, over an answer it no longer explains. It is said only while
/// the answer is the refusal the error reports; otherwise the lookup says the answer is another.
#[wasm_bindgen_test]
async fn the_error_lookups_explanation_goes_when_the_answer_is_no_longer_its_error() {
    let app = visit(Screen::AccessChecker, "", &small_account(), &Who::root());
    let page = &app.container;
    look_up_error(page, WORKSPACE_ERROR, "bob", Some("w")).await;
    reads(page, "check-outcome", &["deny:not-member"]).await;
    reads(page, "error-meaning", &["has not joined the workspace"]).await;
    assert!(find(page, "error-not-explained").is_none());

    // The remedy adds bob to w: the check is allowed now, and the error no longer comes from it.
    click(page, "check-remedy-apply").await;
    reads(page, "check-outcome", &["allow"]).await;
    assert!(
        until(|| find(page, "error-meaning").is_none()).await,
        "the explanation stayed over an answer it does not explain"
    );
    reads(page, "error-not-explained", &["allowed", "no longer"]).await;
}

/// A workspace error looked up without a workspace is asked where the person who saw it works
/// (the first workspace it is a member of), not in the account's first workspace: a new user's
/// walk saw an intern's error asked in `default@cn-beijing`, whose remedy added the intern there.
#[wasm_bindgen_test]
async fn a_workspace_error_without_a_workspace_is_asked_where_its_person_works() {
    let state = studio_access_core::sample::sample_organisation(today());
    let app = visit(Screen::AccessChecker, "", &state, &Who::root());
    let page = &app.container;
    look_up_error(page, WORKSPACE_ERROR, "user-01", None).await;
    let question = reads(page, "check-question", &["user-01"]).await;
    assert!(question.contains("project-a"), "{question}");
    assert!(!question.contains("default@"), "{question}");
}

/// A new user's walk found "Who can?" disabled for a call through an API key with its reason in
/// a title only, which the keyboard cannot reach on a disabled button: the reason is said beside
/// it and describes it.
#[wasm_bindgen_test]
async fn a_disabled_who_can_says_why_beside_it() {
    let app = visit(Screen::AccessChecker, "", &small_account(), &Who::root());
    let page = &app.container;
    appears(page, "check-through-key").await;
    assert!(find(page, "check-who-can-why").is_none());
    click(page, "check-through-key").await;
    reads(page, "check-who-can-why", &["through the console"]).await;
    let button = find(page, "check-who-can").unwrap();
    assert!(button.has_attribute("disabled"));
    assert_eq!(
        button.get_attribute("aria-describedby").as_deref(),
        Some("check-who-can-why")
    );
    click(page, "check-through-console").await;
    assert!(until(|| find(page, "check-who-can-why").is_none()).await);
}

/// A new user's walk: an emptied Principal was asked as `root` unsaid, and ` user-01 ` was
/// trimmed unsaid. Empty, the field says so and nothing is asked; padded, the name is asked as
/// typed, and the answer offers the name nearest to it.
#[wasm_bindgen_test]
async fn an_empty_or_padded_principal_is_said() {
    let app = visit(Screen::AccessChecker, "", &small_account(), &Who::root());
    let page = &app.container;
    appears(page, "check-who").await;
    set_value(page, "check-who", "");
    click(page, "check-submit").await;
    reads(page, "check-error-who", &["Name who asks"]).await;
    assert!(find(page, "check-outcome").is_none());
    set_value(page, "check-who", " bob ");
    click(page, "check-submit").await;
    reads(page, "check-outcome", &["unknown-principal"]).await;
    reads(page, "check-remedy-advice", &["Did you mean", "bob"]).await;
}

/// Goes to the Audit screen, then back to the Access checker, through the navigation.
async fn leave_and_come_back(page: &web_sys::Element) {
    click(page, &Screen::Audit.nav_link()).await;
    heading_becomes(page, Screen::Audit.title()).await;
    click(page, &Screen::AccessChecker.nav_link()).await;
    heading_becomes(page, Screen::AccessChecker.title()).await;
}

/// A new user's walk: a question asked, then another screen, then the Access checker again
/// through the navigation, and the form was back to its start with no answer. The question
/// last asked is asked again.
#[wasm_bindgen_test]
async fn the_checker_asks_its_last_question_again_on_return() {
    let state = with_user_02();
    let app = checker_asking(&open_playground(Who::user("user-02")), &state);
    let page = &app.container;
    reads(page, "check-question", &["user-02"]).await;
    leave_and_come_back(page).await;
    reads(page, "check-question", &["user-02"]).await;
    appears(page, "check-outcome").await;
    assert_eq!(value_of(page, "check-who"), "user-02");
}

/// A review: a question that cannot be read was kept as the last one, and every later visit to
/// the checker went back to its error. Only a question read is asked again.
#[wasm_bindgen_test]
async fn a_link_that_cannot_be_read_is_not_asked_again() {
    let state = with_user_02();
    let app = visit(
        Screen::AccessChecker,
        "?q=%7Bnot-json",
        &state,
        &Who::root(),
    );
    let page = &app.container;
    appears(page, "check-link-error").await;
    leave_and_come_back(page).await;
    appears(page, "check-answer-empty").await;
    sleep(std::time::Duration::from_millis(100)).await;
    assert!(find(page, "check-link-error").is_none());
    assert_eq!(pathname(), format!("/{}", Screen::AccessChecker.segment()));
}
