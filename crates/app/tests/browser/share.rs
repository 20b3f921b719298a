//! Share links in a real browser: the Data menu makes one, and opening one shows a read-only
//! preview that leaves the person's own data alone until a confirmed import.

use std::time::Duration;

use crate::support::*;
use studio_access_app::Screen;
use studio_access_core::{Command, State, Who, persist, sample, share};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

/// The person's own data: a new account with one user.
fn own_state() -> State {
    let mut state = State::new_account(today());
    let mine = Command::CreateUser {
        name: "mine".into(),
    };
    run_as_root(&mut state, &[mine], 1);
    state
}

#[wasm_bindgen_test]
async fn a_share_link_previews_and_imports_only_when_confirmed() {
    let own = seed_as(&own_state(), &Who::root());
    let shared = sample::sample_organisation(today());
    arrive(None, &format!("/#share={}", share::encode(&shared)));
    let app = mount_app();
    let root = &app.container;

    appears(root, "share-preview").await;
    let summary = text_of(root, "share-summary").unwrap();
    let users = shared.live_users().count();
    let keys = shared.keys().count();
    let findings = shared.audit().len();
    assert!(summary.contains(&format!("{users} user")), "{summary}");
    assert!(summary.contains(&format!("{keys} API key")), "{summary}");
    assert!(
        summary.contains(&format!("{findings} audit finding")),
        "{summary}"
    );
    // Nothing of one's own changes while the preview shows.
    sleep(Duration::from_millis(300)).await;
    assert_eq!(stored_text(), own);

    appears(root, "share-import").await.click();
    appears(root, "share-import-confirm").await.click();
    assert!(
        until(|| persist::from_json(&stored_text()).is_ok_and(|s| s == shared)).await,
        "the shared state was not saved"
    );
    assert!(find(root, "share-preview").is_none());
    assert_eq!(window().location().hash().unwrap(), "");
}

#[wasm_bindgen_test]
async fn dismissing_or_a_broken_link_keeps_ones_own_data() {
    let own = seed_as(&own_state(), &Who::root());
    arrive_at(Screen::Overview, "#share=v1.not-a-state");
    let app = mount_app();
    let root = &app.container;
    let error = appears(root, "share-error").await.text_content().unwrap();
    assert!(error.contains("unchanged"), "{error}");
    // Issue 13: a cut link said the decoder's own words ("Invalid last symbol …").
    assert!(
        error.starts_with("The data is damaged: the link was cut short or altered"),
        "{error}"
    );
    assert!(find(root, "share-import").is_none());
    appears(root, "share-dismiss").await.click();
    assert!(until(|| find(root, "share-preview").is_none()).await);
    assert_eq!(window().location().hash().unwrap(), "");
    sleep(Duration::from_millis(200)).await;
    assert_eq!(stored_text(), own);
}

#[wasm_bindgen_test]
async fn the_data_menu_makes_a_link_that_holds_the_state() {
    let app = visit(Screen::Overview, "", &own_state(), &Who::root());
    let root = &app.container;
    appears(root, "data-share").await.click();
    let field: HtmlInputElement = appears(root, "data-share-link").await.unchecked_into();
    assert!(field.read_only());
    let origin = window().location().origin().unwrap();
    // Making the link may load its piece of the wasm first: the field fills when it is made.
    let start = format!("{origin}/#share=v1.");
    assert!(
        until(|| field.value().starts_with(&start)).await,
        "{}",
        field.value()
    );
    let link = field.value();
    let (_, text) = link.split_once("#share=").unwrap();
    assert_eq!(share::decode(text).unwrap(), own_state());
    // Headless, the clipboard may refuse; either way the page says what happened.
    appears(root, "data-share-status").await;
}

/// Issue 13: a share link pasted into a tab that already shows the console changes only the
/// fragment (no reload); the preview appears all the same.
#[wasm_bindgen_test]
async fn a_link_pasted_into_an_open_console_shows_its_preview() {
    let own = seed_as(&own_state(), &Who::root());
    arrive_at(Screen::Identities, "");
    let app = mount_app();
    let root = &app.container;
    appears(root, "principal-row-user-mine").await;
    assert!(find(root, "share-preview").is_none());

    let shared = sample::sample_organisation(today());
    window()
        .location()
        .set_hash(&format!("share={}", share::encode(&shared)))
        .unwrap();
    let summary = reads(root, "share-summary", &["API key"]).await;
    assert!(
        summary.contains(&format!("{} users", shared.live_users().count())),
        "{summary}"
    );
    assert_eq!(
        stored_text(),
        own,
        "nothing is imported without a confirmation"
    );
    click(root, "share-dismiss").await;
    assert!(until(|| find(root, "share-preview").is_none()).await);
}

/// Issue 13: `#share=garbage` showed literal backticks in a sentence that began in lower case.
#[wasm_bindgen_test]
async fn a_link_that_is_not_a_share_link_says_so_as_a_sentence() {
    seed_as(&own_state(), &Who::root());
    arrive_at(Screen::Overview, "#share=garbage");
    let app = mount_app();
    let root = &app.container;
    let error = appears(root, "share-error").await;
    let text = error.text_content().unwrap();
    assert!(
        text.starts_with("The data is damaged: it is not a share link"),
        "{text}"
    );
    let names = error.query_selector_all("code.prose-name").unwrap();
    assert_eq!(names.length(), 1, "`v1.` is drawn as a name: {text}");
}
