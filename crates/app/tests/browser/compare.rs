//! The Compare screen in a real browser.

use std::time::Duration;

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{Command, Page, State, Who, persist};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};

/// The account after `user-01` lost the playground and `bob` joined with it.
fn later() -> State {
    let mut state = project_a_account();
    run_as_root(
        &mut state,
        &[
            Command::RevokePage {
                workspace: "project-a".into(),
                member: user("user-01"),
                permission: Page::Playground,
            },
            Command::AddMember {
                workspace: "project-a".into(),
                member: user("bob"),
                admin: false,
            },
            Command::GrantPage {
                workspace: "project-a".into(),
                member: user("bob"),
                permission: Page::Playground,
            },
        ],
        7,
    );
    state
}

fn search() -> String {
    window().location().search().unwrap()
}

const BOB_GAINS: &str = "user bob gains Playground in project-a: none → operate";
const USER_01_LOSES: &str = "user user-01 loses Playground in project-a: operate → view";
const USER_01_GAINS: &str = "user user-01 gains Playground in project-a: view → operate";

#[wasm_bindgen_test]
async fn the_current_state_against_an_imported_file_shows_a_widening_and_a_narrowing() {
    seed(&project_a_account());
    arrive_at(Screen::Identities, "");
    let app = mount_app();
    let page = &app.container;
    appears(page, "principal-row-user-bob").await;
    let before = saved().unwrap();

    // Data → Compare with a file… opens the screen: the current state before, the file after.
    click(page, "data-menu-toggle").await;
    pick_file(
        page,
        "data-compare-input",
        "later.json",
        &persist::to_json(&later()),
    );
    assert_eq!(
        heading_becomes(page, "Compare").await.as_deref(),
        Some("Compare")
    );
    let summary = reads(
        page,
        "compare-summary",
        &["the current state", "`later.json`"],
    )
    .await;
    assert!(summary.contains("gains, 1 loss,"), "{summary}");
    reads(page, "compare-gained", &[BOB_GAINS]).await;
    let lost = reads(page, "compare-lost", &[USER_01_LOSES]).await;
    assert!(!lost.contains("bob"), "{lost}");
    reads(
        page,
        "compare-after-message",
        &["Read `later.json` (9 recorded changes)"],
    )
    .await;
    let sides: HtmlSelectElement = find(page, "compare-before-source")
        .unwrap()
        .unchecked_into();
    assert_eq!(sides.value(), "current");
    let sides: HtmlSelectElement = find(page, "compare-after-source").unwrap().unchecked_into();
    assert_eq!(sides.value(), "file");

    // The swap turns the widening into a narrowing and back.
    click(page, "compare-swap").await;
    reads(
        page,
        "compare-lost",
        &["user bob loses Playground in project-a: operate → none"],
    )
    .await;
    reads(page, "compare-gained", &[USER_01_GAINS]).await;
    assert!(
        until(|| search().contains("before=file&after=current")).await,
        "{}",
        search()
    );

    // Nothing of it touched the stored state.
    sleep(Duration::from_millis(50)).await;
    assert_eq!(saved().unwrap(), before);
}

#[wasm_bindgen_test]
async fn two_points_of_the_log_show_the_change_made_between_them() {
    let state = project_a_account();
    let app = visit(Screen::Compare, "", &state, &Who::root());
    let page = &app.container;
    let before = saved().unwrap();

    // By default: from the start of the log to now.
    reads(
        page,
        "compare-summary",
        &["From the start of the log to the current state"],
    )
    .await;
    reads(page, "compare-keys", &["key k: absent → active"]).await;

    // After change #4 (user-01 joins) against after change #5 (gets the playground).
    choose(page, "compare-before-source", "4").await;
    assert!(
        until(|| search().contains("before=4&after=current")).await,
        "{}",
        search()
    );
    choose(page, "compare-after-source", "5").await;
    assert!(
        until(|| search().contains("before=4&after=5")).await,
        "{}",
        search()
    );
    let gained = reads(page, "compare-gained", &[USER_01_GAINS]).await;
    assert_eq!(gained.lines().count(), 1, "{gained}");
    reads(
        page,
        "compare-summary",
        &["From after change #4 to after change #5"],
    )
    .await;
    assert!(
        until(|| find(page, "compare-lost").is_none() && find(page, "compare-keys").is_none())
            .await
    );

    // Swapped, the same change reads as a loss.
    click(page, "compare-swap").await;
    reads(page, "compare-lost", &[USER_01_LOSES]).await;
    assert!(until(|| find(page, "compare-gained").is_none()).await);
    drop(app);

    // A deep link names both points; one the log does not keep is explained.
    arrive_at(Screen::Compare, "?before=5&after=6");
    let app = mount_app();
    let page = &app.container;
    reads(page, "compare-keys", &["key k: absent → active"]).await;
    let select: HtmlSelectElement = appears(page, "compare-after-source").await.unchecked_into();
    assert!(until(|| select.value() == "6").await);
    choose(page, "compare-after-source", "start").await;
    reads(
        page,
        "compare-lost",
        &["user user-01 loses Playground in project-a: operate → none"],
    )
    .await;
    drop(app);
    arrive_at(Screen::Compare, "?before=42&after=current");
    let app = mount_app();
    reads(&app.container, "compare-problem", &["no change #42"]).await;
    // The choice shows the linked side as it is, not another one.
    let side: HtmlSelectElement = find(&app.container, "compare-before-source")
        .unwrap()
        .unchecked_into();
    assert_eq!(side.value(), "42");
    let shown = side
        .query_selector("option:checked")
        .unwrap()
        .and_then(|o| o.text_content())
        .unwrap_or_default();
    assert_eq!(shown, "Change #42 (not in the log)");

    assert_eq!(saved().unwrap(), before, "comparing changed nothing");
}

#[wasm_bindgen_test]
async fn a_damaged_file_is_refused_with_its_reason_and_the_page_still_works() {
    seed(&project_a_account());
    arrive_at(Screen::Compare, "?before=current&after=file");
    let app = mount_app();
    let page = &app.container;
    let before = saved().unwrap();
    reads(
        page,
        "compare-problem",
        &["Choose or paste a state file for the after side"],
    )
    .await;

    // Pasted text that is not a state.
    let paste: HtmlTextAreaElement = appears(page, "compare-after-paste").await.unchecked_into();
    paste.set_value("{not json");
    paste
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    click(page, "compare-after-paste-use").await;
    reads(
        page,
        "compare-after-message",
        &[
            "The pasted text cannot be compared",
            "damaged",
            "Nothing changed",
        ],
    )
    .await;
    assert!(find(page, "compare-problem").is_some());

    // A share link pasted where a state is asked for reads as the state it carries (a review
    // read "the data is damaged").
    let link = format!(
        "https://example.com/studio-access/#share={}",
        studio_access_core::share::encode(&later())
    );
    paste.set_value(&link);
    paste
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    click(page, "compare-after-paste-use").await;
    reads(page, "compare-gained", &[BOB_GAINS]).await;

    // A good file is read, then a newer and a damaged one are refused, keeping the good one.
    pick_file(
        page,
        "compare-after-file",
        "later.json",
        &persist::to_json(&later()),
    );
    reads(page, "compare-gained", &[BOB_GAINS]).await;
    pick_file(
        page,
        "compare-after-file",
        "future.json",
        r#"{"version": 99, "state": {}}"#,
    );
    reads(
        page,
        "compare-after-message",
        &["`future.json` cannot be compared", "newer version"],
    )
    .await;
    pick_file(
        page,
        "compare-after-file",
        "broken.json",
        "{\"version\": 1, \"sta",
    );
    reads(
        page,
        "compare-after-message",
        &["`broken.json` cannot be compared", "damaged"],
    )
    .await;
    reads(page, "compare-gained", &[BOB_GAINS]).await;
    reads(page, "compare-summary", &["`later.json`"]).await;

    // The other side still works.
    choose(page, "compare-before-source", "start").await;
    reads(
        page,
        "compare-summary",
        &["From the start of the log to `later.json`"],
    )
    .await;

    sleep(Duration::from_millis(50)).await;
    assert_eq!(saved().unwrap(), before, "nothing was imported");
}

#[wasm_bindgen_test]
async fn identical_sides_show_no_change() {
    seed(&project_a_account());
    arrive_at(Screen::Compare, "?before=current&after=current");
    let app = mount_app();
    let page = &app.container;
    reads(
        page,
        "compare-none",
        &["No change in access from the current state to the current state"],
    )
    .await;
    assert!(find(page, "compare-gained").is_none() && find(page, "compare-lost").is_none());

    // The latest change and the current state are the same state.
    choose(page, "compare-before-source", "6").await;
    reads(
        page,
        "compare-none",
        &["No change in access from after change #6 to the current state"],
    )
    .await;

    // So are the current state and its own export.
    choose(page, "compare-after-source", "file").await;
    appears(page, "compare-after-file").await;
    pick_file(
        page,
        "compare-after-file",
        "same.json",
        &persist::to_json(&project_a_account()),
    );
    reads(page, "compare-none", &["after change #6 to `same.json`"]).await;
}

#[wasm_bindgen_test]
async fn a_folded_log_starts_from_its_checkpoint() {
    let mut state = project_a_account();
    let users: Vec<Command> = (0..260)
        .map(|n| Command::CreateUser {
            name: format!("u{n:03}"),
        })
        .collect();
    run_as_root(&mut state, &users, 7);
    let folded = state.data().folded;
    assert!(folded > 6, "the log was folded");
    let app = visit(Screen::Compare, "", &state, &Who::root());
    let page = &app.container;
    let start =
        format!("From the start of the kept log (after change #{folded}) to the current state");
    reads(page, "compare-summary", &[start.as_str()]).await;
    drop(app);

    // A change folded into the checkpoint is no longer a point of the log.
    arrive_at(Screen::Compare, "?before=5&after=current");
    let app = mount_app();
    reads(
        &app.container,
        "compare-problem",
        &["no change #5", "folded into its checkpoint"],
    )
    .await;
}

/// Compare between two points of the log (`query`) of the `project-a` account after `steps`,
/// once its group `group` reads `parts`.
async fn compared_after(
    steps: &[Command],
    query: &str,
    group: &str,
    parts: &[&str],
) -> Mounted<impl leptos::tachys::view::Mountable + use<>> {
    let mut state = project_a_account();
    run_as_root(&mut state, steps, 7);
    let app = visit(Screen::Compare, query, &state, &Who::root());
    reads(&app.container, group, parts).await;
    app
}

/// Issue 13: `call` granted with a 600 RPM limit, between two points of the log, was listed as
/// access lost ("nothing authorized → nothing authorized, 600 RPM"). It is a gain, with the
/// values the two states hold.
#[wasm_bindgen_test]
async fn a_call_granted_with_its_limit_is_a_gain_with_the_states_own_values() {
    let steps = [
        sample::authorize_call("project-a", "qwen-plus"),
        sample::model_limits("project-a", "qwen-plus", Some(600), None),
    ];
    let app = compared_after(
        &steps,
        "?before=6&after=8",
        "compare-gained",
        &["qwen-plus in project-a: nothing authorized → call, 600 RPM"],
    )
    .await;
    assert!(until(|| find(&app.container, "compare-lost").is_none()).await);
}

/// A new user's walk: across the activation of a feature, Compare said "No change in access",
/// though `use-feature` goes from `deny:not-activated` to `allow` for everyone (SPEC section 6).
#[wasm_bindgen_test]
async fn a_feature_activated_between_two_points_is_access_gained() {
    let steps = [Command::Activate {
        feature: studio_access_core::Feature::AiGuardrails,
    }];
    let app = compared_after(
        &steps,
        "?before=6&after=7",
        "compare-gained",
        &["everyone may use ai-guardrails: not activated → activated"],
    )
    .await;
    drop(app);
    compared_after(
        &steps,
        "?before=7&after=6",
        "compare-lost",
        &["no one may use ai-guardrails: activated → not activated"],
    )
    .await;
}

/// A new user's walk: Compare listed what a role gained, but not that a user came to be trusted
/// to assume it, though that user may then act with everything the role holds.
#[wasm_bindgen_test]
async fn a_user_trusted_to_assume_a_role_is_access_gained() {
    let steps = [
        Command::CreateRole { name: "r".into() },
        Command::TrustRole {
            role: "r".into(),
            user: "bob".into(),
        },
    ];
    compared_after(
        &steps,
        "?before=7&after=8",
        "compare-gained",
        &["user bob may act as role r: not trusted → trusted"],
    )
    .await;
}

/// A new user's walk: importing a file without a user the console held never said the user
/// would go. A user that comes or goes is listed apart, as no change in access by itself.
#[wasm_bindgen_test]
async fn a_user_that_comes_or_goes_is_said_apart_from_access() {
    let steps = [Command::CreateUser {
        name: "dave".into(),
    }];
    compared_after(
        &steps,
        "?before=7&after=6",
        "compare-noted",
        &["user `dave` is gone"],
    )
    .await;
}
