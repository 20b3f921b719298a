//! Issue 6 for the history and the Data menu: Undo and Redo show what they would change in access
//! while their button is hovered or focused (and still act at a single click); "Reset to a new
//! account" and a file import that would replace recorded work list the access that would be
//! lost before anything changes; the counts of recorded changes include the changes folded into
//! the checkpoint.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_app::words;
use studio_access_core::{Command, HISTORY_LIMIT, Region, SeededEntropy, State, Who, persist};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement};

// ---- helpers ------------------------------------------------------------------------------------

/// Fires a plain (non-bubbling) `kind` event on the element, as hovering or focusing does.
fn fire(element: &HtmlElement, kind: &str) {
    element
        .dispatch_event(&web_sys::Event::new(kind).unwrap())
        .unwrap();
}

/// The question an `ActionButton` asks, as its group's accessible name.
fn confirm_question(root: &Element) -> String {
    root.query_selector(".fw-confirm__question [role=\"group\"]")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label")
        .unwrap()
}

/// Picks `state` as the file `name` to import, and gives the question the import asks, as its
/// accessible name (names in it plain, without backticks).
async fn import_question(page: &Element, name: &str, state: &State) -> String {
    pick_file(page, "data-import-input", name, &persist::to_json(state));
    appears(page, "data-import-question")
        .await
        .get_attribute("aria-label")
        .unwrap()
}

// ---- fixtures -----------------------------------------------------------------------------------

/// A new account in which root made `project-a`, the user `user-01`, and then made `user-01` a
/// member of `project-a` (change #3, the grant).
fn project_a() -> State {
    let mut state = State::new_account(today());
    let mut entropy = SeededEntropy::new(5);
    for command in [
        Command::CreateWorkspace {
            region: Region::ApSoutheast1,
            name: "project-a".into(),
        },
        Command::CreateUser {
            name: "user-01".into(),
        },
        Command::AddMember {
            workspace: "project-a".into(),
            member: user("user-01"),
            admin: false,
        },
    ] {
        let done = state.execute(&Who::root(), &command, &mut entropy);
        assert!(done.outcome.is_success(), "{command:?}");
    }
    state
}

/// A new account that created `users` users, one command each.
fn grown(users: usize) -> State {
    let mut state = State::new_account(today());
    let mut entropy = SeededEntropy::new(11);
    for at in 0..users {
        let name = format!("user-{at:03}");
        let done = state.execute(&Who::root(), &Command::CreateUser { name }, &mut entropy);
        assert!(done.outcome.is_success());
    }
    state
}

// ---- undo and redo --------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn undo_and_redo_say_what_they_would_change_before_a_single_click_does_it() {
    let state = project_a();
    let app = visit(Screen::Activity, "", &state, &Who::root());
    let page = &app.container;
    heading_becomes(page, "Activity").await;
    appears(page, "activity-row-3").await;

    // Nothing is computed until a button is looked at.
    assert!(find(page, "activity-step-effect").is_none());
    let undo = appears(page, "activity-undo").await;
    fire(&undo, "focus");
    let title = reads(page, "activity-step-title", &["Undo would take back #3"]).await;
    assert!(
        title.contains("user-01") && title.contains("project-a"),
        "{title}"
    );
    let lines = reads(page, "activity-step-diff", &["user user-01", "loses"]).await;
    assert!(lines.contains("project-a"), "{lines}");
    assert!(!lines.contains("gains"), "{lines}");
    // Looking changed nothing.
    assert_eq!(stored().data().events.len(), 3);
    assert!(find(page, "activity-row-3").is_some());

    // Looking away hides it; hovering shows it again.
    fire(&undo, "blur");
    assert!(until(|| find(page, "activity-step-effect").is_none()).await);
    fire(&undo, "mouseenter");
    reads(page, "activity-step-title", &["Undo would take back #3"]).await;

    // Undo is still one click, with no question; the panel then says what the next undo does.
    undo.click();
    assert!(until(|| find(page, "activity-row-3").is_none()).await);
    assert!(find(page, "activity-undo-confirm").is_none());
    reads(page, "activity-step-title", &["Undo would take back #2"]).await;
    assert!(until(|| stored().data().events.len() == 2).await);
    fire(&undo, "mouseleave");
    assert!(until(|| find(page, "activity-step-effect").is_none()).await);

    // Redo names the change it would apply again, and what it gives back.
    let redo = appears(page, "activity-redo").await;
    fire(&redo, "focus");
    let title = reads(page, "activity-step-title", &["Redo would apply #3"]).await;
    assert!(title.contains("again"), "{title}");
    let lines = reads(page, "activity-step-diff", &["user user-01", "gains"]).await;
    assert!(!lines.contains("loses"), "{lines}");
    redo.click();
    appears(page, "activity-row-3").await;
    assert!(until(|| stored().data().events == state.data().events).await);
    // Nothing left to redo: nothing to preview.
    assert!(until(|| find(page, "activity-step-effect").is_none()).await);
}

#[wasm_bindgen_test]
async fn undoing_a_change_with_no_effect_on_access_says_so() {
    // Change #1 only sets today's date: undoing it changes no access.
    let mut state = State::new_account(today());
    let mut entropy = SeededEntropy::new(3);
    let command = Command::SetDate {
        date: "2026-11-23".parse().unwrap(),
    };
    assert!(
        state
            .execute(&Who::root(), &command, &mut entropy)
            .outcome
            .is_success()
    );
    let app = visit(Screen::Activity, "", &state, &Who::root());
    let page = &app.container;
    heading_becomes(page, "Activity").await;
    let undo = appears(page, "activity-undo").await;
    fire(&undo, "focus");
    let title = reads(page, "activity-step-title", &["Undo would take back #1"]).await;
    assert!(title.ends_with("that changes no access."), "{title}");
    assert!(find(page, "activity-step-diff").is_none());
}

// ---- the Data menu ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_new_account_lists_the_access_that_would_be_lost() {
    let app = visit(Screen::Identities, "", &project_a(), &Who::root());
    let page = &app.container;
    appears(page, "principal-row-user-user-01").await;

    appears(page, "data-menu-toggle").await.click();
    appears(page, "data-reset").await.click();
    appears(page, "data-reset-confirm").await;
    let summary = reads(
        page,
        "data-reset-effect-summary",
        &["From your current data to a new account"],
    )
    .await;
    assert!(
        summary.contains("loss") && summary.contains("0 gains"),
        "{summary}"
    );
    let lines = reads(
        page,
        "data-reset-effect-lines",
        &["user user-01", "loses", "project-a"],
    )
    .await;
    assert!(!lines.contains("gains"), "{lines}");
    let question = confirm_question(page);
    assert!(
        question.contains("The 3 recorded changes will be lost"),
        "{question}"
    );

    // Cancel keeps everything; confirming replaces it.
    appears(page, "data-reset-cancel").await.click();
    assert!(until(|| find(page, "data-reset-effect").is_none()).await);
    assert_eq!(stored().data().events.len(), 3);
    appears(page, "data-reset").await.click();
    appears(page, "data-reset-confirm").await.click();
    assert!(until(|| find(page, "principal-row-user-user-01").is_none()).await);
}

#[wasm_bindgen_test]
async fn a_file_that_would_replace_work_is_imported_only_after_its_effect_is_shown() {
    let app = visit(Screen::Identities, "", &project_a(), &Who::root());
    let page = &app.container;
    appears(page, "principal-row-user-user-01").await;
    appears(page, "data-menu-toggle").await.click();

    let other = grown(1);
    let question = import_question(page, "other.json", &other).await;
    assert!(
        question.contains("other.json (1 recorded change)")
            && question.contains("The 3 recorded changes will be lost"),
        "{question}"
    );
    reads(
        page,
        "data-import-effect-summary",
        &["From your current data to ", "other.json"],
    )
    .await;
    // The file's name is drawn as a name, its backticks not shown (a new user's walk saw
    // "… to `studio-access-2026-12-05.json`.").
    let summary = visible_text(&appears(page, "data-import-effect-summary").await.into());
    assert!(!summary.contains('`'), "{summary}");
    reads(
        page,
        "data-import-effect-lines",
        &["user user-01", "loses", "project-a"],
    )
    .await;
    // Nothing has changed yet; Cancel keeps it so.
    assert!(find(page, "principal-row-user-user-000").is_none());
    appears(page, "data-import-cancel").await.click();
    reads(page, "data-feedback", &["`other.json` was not imported"]).await;
    assert!(find(page, "data-import-question").is_none());
    assert_eq!(stored().data().events.len(), 3);

    pick_file(
        page,
        "data-import-input",
        "other.json",
        &persist::to_json(&other),
    );
    appears(page, "data-import-confirm").await.click();
    reads(
        page,
        "data-feedback",
        &["Imported `other.json` (1 recorded change)"],
    )
    .await;
    appears(page, "principal-row-user-user-000").await;
    assert!(find(page, "principal-row-user-user-01").is_none());
    assert!(until(|| stored() == other).await);
}

// ---- counts of the whole history ----------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_folded_history_counts_its_folded_changes() {
    let state = grown(HISTORY_LIMIT + 1);
    let folded = state.data().folded;
    assert!(folded > 0);
    let total = HISTORY_LIMIT + 1;
    assert_eq!(words::history_len(&state), total as u64);
    assert_eq!(
        words::recorded_changes(&state),
        format!("{total} recorded changes")
    );
    assert_eq!(
        words::compare_loaded("`big.json`", &state),
        format!("Read `big.json` ({total} recorded changes).")
    );

    let app = visit(Screen::Identities, "", &state, &Who::root());
    let page = &app.container;
    appears(page, "principal-row-user-user-000").await;
    appears(page, "data-menu-toggle").await.click();
    appears(page, "data-reset").await.click();
    appears(page, "data-reset-confirm").await;
    let question = confirm_question(page);
    assert!(
        question.contains(&format!("The {total} recorded changes will be lost")),
        "{question}"
    );
    appears(page, "data-reset-cancel").await.click();

    // An imported file's question and message count the same way.
    let question = import_question(page, "big.json", &state).await;
    assert!(
        question.contains(&format!("big.json ({total} recorded changes)"))
            && question.contains(&format!("The {total} recorded changes will be lost")),
        "{question}"
    );
    appears(page, "data-import-confirm").await.click();
    reads(
        page,
        "data-feedback",
        &[&format!("Imported `big.json` ({total} recorded changes)")],
    )
    .await;
}

/// What undo's preview costs on a large account (printed, not asserted): hovering Undo on the
/// 2,000-principal organisation replays the kept changes from the checkpoint and diffs the two
/// states; nothing of it runs until then.
#[wasm_bindgen_test]
async fn undo_previewed_on_two_thousand_principals() {
    let state = studio_access_core::sample::generated_organisation(2000, 20, 5000, today());
    let kept = state.data().events.len();
    assert!(kept > 0, "the generated organisation keeps no changes");
    let newest = state.data().events.last().unwrap().seq;
    let app = visit(Screen::Activity, "", &state, &Who::root());
    let page = &app.container;
    heading_becomes(page, "Activity").await;
    let undo = appears(page, "activity-undo").await;
    assert!(find(page, "activity-step-effect").is_none());

    let started = js_sys::Date::now();
    fire(&undo, "mouseenter");
    let title = reads(
        page,
        "activity-step-title",
        &[&format!("Undo would take back #{newest}")],
    )
    .await;
    let shown = js_sys::Date::now();
    wasm_bindgen_test::console_log!(
        "undo preview on {} principals, {kept} kept changes ({} folded): shown {:.0} ms after the hover: {title}",
        state.live_users().count() + state.live_roles().count(),
        state.data().folded,
        shown - started,
    );
    // Looking changed nothing.
    assert_eq!(stored().data().events.len(), kept);
}
