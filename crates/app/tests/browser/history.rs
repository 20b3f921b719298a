//! A long history in the console: the activity log shows the kept changes and how many were
//! folded into the checkpoint; undo works within the kept ones and what is saved is the
//! checkpoint plus the kept events.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_app::store::STORAGE_KEY;
use studio_access_core::{Command, HISTORY_KEPT, HISTORY_LIMIT, State, Who, persist};
use studio_access_view::activity::Moment;
use wasm_bindgen_test::wasm_bindgen_test;

/// A new account that created `users` users, one command each.
fn grown(users: usize) -> State {
    let mut state = State::new_account(today());
    let steps: Vec<Command> = (0..users)
        .map(|at| Command::CreateUser {
            name: format!("user-{at:03}"),
        })
        .collect();
    run_as_root(&mut state, &steps, 11);
    state
}

#[wasm_bindgen_test]
async fn a_folded_history_says_what_cannot_be_undone_and_undoes_the_rest() {
    let state = grown(HISTORY_LIMIT + 1);
    let kept = state.data().events.len();
    let folded = state.data().folded;
    assert_eq!(kept, HISTORY_KEPT);
    assert_eq!(folded as usize, HISTORY_LIMIT + 1 - HISTORY_KEPT);
    let app = visit(Screen::Activity, "", &state, &Who::root());
    let page = &app.container;
    heading_becomes(page, "Activity").await;

    text_becomes(page, "activity-counts", |t| t == format!("{kept} changes")).await;
    let line = text_of(page, "activity-folded").unwrap();
    assert_eq!(
        line,
        format!("{folded} earlier changes were folded into the checkpoint and cannot be undone.")
    );
    // The newest kept change is listed; the folded ones are not.
    let newest = folded + kept as u64;
    appears(page, &format!("activity-row-{newest}")).await;
    assert!(find(page, &format!("activity-row-{folded}")).is_none());

    appears(page, "activity-undo").await.click();
    text_becomes(page, "activity-feedback", |t| {
        t.starts_with(&format!("Undone: #{newest} "))
    })
    .await;
    text_becomes(page, "activity-counts", |t| {
        t.starts_with(&format!("{} changes, 1 undone", kept - 1))
    })
    .await;
    assert!(until(|| stored().data().events.len() == kept - 1).await);
    let saved = stored();
    assert_eq!(saved.data().folded, folded);
    assert_eq!(saved.live_users().count(), HISTORY_LIMIT);

    appears(page, "activity-redo").await.click();
    text_becomes(page, "activity-counts", |t| t == format!("{kept} changes")).await;
    assert!(until(|| stored() == state).await);
}

#[wasm_bindgen_test]
async fn a_short_history_has_no_folded_line() {
    let app = visit(Screen::Activity, "", &grown(3), &Who::root());
    let page = &app.container;
    heading_becomes(page, "Activity").await;
    text_becomes(page, "activity-counts", |t| t == "3 changes").await;
    assert!(find(page, "activity-folded").is_none());
}

/// Issue 13: Undo and Redo could be read as console actions, a way around a permission. Where
/// they are offered, they say they are the simulator's, and the buttons point at that line.
#[wasm_bindgen_test]
async fn undo_and_redo_say_they_are_simulator_controls() {
    let app = visit(Screen::Activity, "", &grown(2), &Who::root());
    let page = &app.container;
    let note = reads(
        page,
        "activity-simulator",
        &["simulator controls, not Model Studio console actions"],
    )
    .await;
    assert!(note.contains("permissions"), "{note}");
    for button in ["activity-undo", "activity-redo"] {
        let described = find(page, button)
            .unwrap()
            .get_attribute("aria-describedby")
            .unwrap();
        assert!(
            described.split(' ').any(|id| id == "activity-simulator"),
            "{described}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_version_1_save_loads_and_is_saved_again_as_version_2() {
    // A copy of core's frozen `tests/fixtures/sample-v1.json`: a save made before version 2.
    let v1 = include_str!("fixtures/sample-v1.json");
    clear_storage();
    storage().set_item(STORAGE_KEY, v1).unwrap();
    arrive_at(Screen::Activity, "");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "Activity").await;
    text_becomes(page, "activity-counts", |t| t == "57 changes").await;
    assert!(
        until(|| storage()
            .get_item(STORAGE_KEY)
            .unwrap()
            .is_some_and(|text| persist::is_current(&text)))
        .await
    );
    assert_eq!(stored(), persist::from_json(v1).unwrap());
}

/// Issue 13: Activity showed the date of each change only. A change made in the console shows
/// the time the browser's clock gave it, to the minute and in UTC; one recorded without a time
/// (the seeded history) its date alone.
#[wasm_bindgen_test]
async fn a_change_made_in_the_console_shows_its_time() {
    seed(&grown(1));
    arrive_at(Screen::Identities, "");
    let app = mount_app();
    let page = &app.container;
    appears(page, "create-user-name").await;
    let before = js_sys::Date::now() as u64;
    type_into(page, "create-user-name", "alice");
    click(page, "create-user-submit").await;
    apply_change(page, "identities-change").await;
    appears(page, "principal-row-user-alice").await;
    let after = js_sys::Date::now() as u64;
    assert!(until(|| stored().data().events.len() == 2).await);
    drop(app);

    arrive_at(Screen::Activity, "");
    let app = mount_app();
    let page = &app.container;
    heading_becomes(page, "Activity").await;
    let moments = [Moment::of(before), Moment::of(after)];
    let cell = appears(page, "activity-when-2").await;
    let time = cell.query_selector("time").unwrap().unwrap();
    let when = time.text_content().unwrap();
    assert!(
        moments.iter().any(|m| when == m.words()),
        "{when} is not {moments:?}"
    );
    assert!(when.ends_with(" UTC"), "{when}");
    let datetime = time.get_attribute("datetime").unwrap();
    assert!(
        moments.iter().any(|m| datetime == m.machine()),
        "{datetime} is not {moments:?}"
    );
    // The test's account lives on a date of its own: the cell says so beside the clock's time.
    let simulated = format!("simulated date {}", today());
    let cell = cell.text_content().unwrap();
    assert_eq!(
        cell.contains(&simulated),
        moments.iter().all(|m| m.date != today().to_string()),
        "{cell}"
    );
    // The seeded change has no time: its date alone.
    let seeded = text_of(page, "activity-when-1").unwrap();
    assert_eq!(seeded, today().to_string());
}
