//! Issue 13: a long name without a space or a hyphen never widens the page: it wraps (the
//! activity log's "who", an audit finding's subject) or is cut short, whole on hover (the
//! identities' and keys' tables). Checked here with the site's stylesheet on a console 1280 px
//! wide; the end-to-end test (`tests/e2e/tests/layout.rs`) checks the release build's window.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{
    Command, KeyOwnerName, MemberName, Policy, Region, SeededEntropy, State, Who,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

/// A user and a role of 60 characters, neither a space nor a hyphen to break at.
fn unbroken() -> String {
    "x".repeat(60)
}

/// A key label of 60 characters, neither a space nor a hyphen to break at.
fn unbroken_key() -> String {
    "k".repeat(60)
}

/// The small account with root's key [`unbroken_key`], user and role [`unbroken`], the user trusted by the role, the role a
/// RAM administrator; acting through it, the user created `helper`. The user reaches no
/// workspace, which the audit finds.
fn long_unbroken() -> State {
    let name = unbroken();
    let mut state = small_account();
    run_as_root(
        &mut state,
        &[
            Command::CreateUser { name: name.clone() },
            Command::CreateRole { name: name.clone() },
            Command::TrustRole {
                role: name.clone(),
                user: name.clone(),
            },
            Command::AttachPolicy {
                member: MemberName::Role(name.clone()),
                policy: Policy::AliyunRamFullAccess,
            },
        ],
        21,
    );
    let beijing = state
        .workspace_name(state.default_workspace(Region::CnBeijing))
        .unwrap()
        .to_owned();
    run_as_root(
        &mut state,
        &[Command::CreateApiKey {
            workspace: beijing,
            owner: KeyOwnerName::Named("root".into()),
            key: unbroken_key(),
        }],
        23,
    );
    let executed = state.execute(
        &Who::via(&name, &name),
        &Command::CreateUser {
            name: "helper".into(),
        },
        &mut SeededEntropy::new(22),
    );
    assert!(executed.outcome.is_success(), "{executed:?}");
    state
}

/// How many CSS pixels the console, 1280 px wide, is wider than that.
fn overflow(page: &HtmlElement) -> i32 {
    page.scroll_width() - page.client_width()
}

/// The texts of the elements `test_id`.
fn shown_in(page: &HtmlElement, test_id: &str) -> impl Iterator<Item = String> {
    let all = page
        .query_selector_all(&format!("[data-testid=\"{test_id}\"]"))
        .unwrap();
    (0..all.length()).filter_map(move |at| all.item(at).and_then(|node| node.text_content()))
}

#[wasm_bindgen_test]
async fn a_long_unbroken_name_never_widens_the_console() {
    let _style = Stylesheet::new();
    let state = long_unbroken();
    let (user_row, key_row) = (
        format!("principal-row-user-{}", unbroken()),
        format!("key-row-{}", unbroken_key()),
    );
    for (screen, shows) in [
        (Screen::Activity, "activity-table"),
        (Screen::Audit, "audit-subject"),
        (Screen::Identities, user_row.as_str()),
        (Screen::ApiKeys, key_row.as_str()),
    ] {
        let app = visit(screen, "", &state, &Who::root());
        let page = &app.container;
        page.style().set_property("width", "1280px").unwrap();
        assert!(
            until(|| shown_in(page, shows)
                .any(|text| text.contains(&unbroken()) || text.contains(&unbroken_key())))
            .await,
            "{screen:?} does not show the name"
        );
        assert_eq!(overflow(page), 0, "{screen:?} is wider than 1280 px");
        if screen == Screen::Audit {
            // At 1280 px a finding's subject has a line of its own; in a narrower list it
            // wraps within it.
            let findings: HtmlElement = page
                .query_selector(".audit__findings")
                .unwrap()
                .unwrap()
                .unchecked_into();
            findings.style().set_property("width", "200px").unwrap();
            assert_eq!(overflow(&findings), 0, "a finding is wider than its list");
        }
    }
}
