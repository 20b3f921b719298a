//! The kept history: a checkpoint plus the latest events, folded in batches, replayed for undo.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // Test code: a panic is a failure.

use studio_access_core::{
    Code, Command, HISTORY_KEPT, HISTORY_LIMIT, KeyStatus, Member, Outcome, Owner, Page,
    SeededEntropy, State, Who, is_workspace_id, persist, sample,
};

fn grown(steps: usize) -> State {
    let mut state = State::new_account("2026-11-22".parse().unwrap());
    let mut entropy = SeededEntropy::new(5);
    for at in 0..steps {
        let name = format!("user-{at:04}");
        let done = state.execute(&Who::root(), &Command::CreateUser { name }, &mut entropy);
        assert_eq!(done.outcome, Outcome::Ok);
    }
    state
}

#[test]
fn keeps_at_most_the_limit_and_folds_the_oldest() {
    for steps in [0, 1, HISTORY_LIMIT, HISTORY_LIMIT + 1, 1_000] {
        let state = grown(steps);
        let kept = state.data().events.len();
        let folded = state.data().folded as usize;
        assert!(kept <= HISTORY_LIMIT, "{steps}: {kept}");
        assert_eq!(folded + kept, steps);
        if steps > HISTORY_LIMIT {
            assert!(kept >= HISTORY_KEPT, "{steps}: {kept}");
        } else {
            assert_eq!(folded, 0);
        }
        // Sequence numbers go on from the checkpoint.
        for (at, event) in state.data().events.iter().enumerate() {
            assert_eq!(event.seq as usize, folded + at + 1);
        }
        // Nothing is lost: every user is still there.
        assert_eq!(state.live_users().count(), steps);
    }
}

#[test]
fn replays_to_any_kept_point_from_the_checkpoint() {
    let state = grown(HISTORY_LIMIT + 20);
    let kept = state.data().events.len();
    let folded = state.data().folded as usize;
    let base = state.replay_kept(0).unwrap();
    assert_eq!(base, state.checkpoint());
    assert!(base.data().events.is_empty());
    assert_eq!(base.live_users().count(), folded);
    let middle = state.replay_kept(10).unwrap();
    assert_eq!(middle.data().events.len(), 10);
    assert_eq!(middle.live_users().count(), folded + 10);
    assert_eq!(state.replay_kept(kept).unwrap(), state);
    // Beyond the kept events is the state itself.
    assert_eq!(state.replay_kept(kept + 5).unwrap(), state);
}

#[test]
fn undo_and_redo_work_within_the_kept_events() {
    let state = grown(HISTORY_LIMIT + 1);
    let mut undone = state.clone();
    let mut redo = Vec::new();
    while let Some(last) = undone.data().events.last().cloned() {
        undone = undone.replay_kept(undone.data().events.len() - 1).unwrap();
        redo.push(last);
    }
    assert_eq!(redo.len(), HISTORY_KEPT);
    assert_eq!(undone, state.checkpoint());
    while let Some(event) = redo.pop() {
        undone.reapply(&event).unwrap();
    }
    assert_eq!(undone, state);
    // An event that is not the next one is refused and changes nothing.
    let first = state.data().events.first().cloned().unwrap();
    let mut again = state.clone();
    assert!(again.reapply(&first).is_err());
    assert_eq!(again, state);
}

#[test]
fn a_folded_state_survives_persistence_and_keeps_folding() {
    let mut state = persist::from_json(&persist::to_json(&grown(HISTORY_LIMIT + 1))).unwrap();
    assert_eq!(state, grown(HISTORY_LIMIT + 1));
    let mut entropy = SeededEntropy::new(9);
    for at in 0..HISTORY_LIMIT {
        let name = format!("later-{at}");
        state.execute(&Who::root(), &Command::CreateUser { name }, &mut entropy);
    }
    assert!(state.data().events.len() <= HISTORY_LIMIT);
    assert_eq!(
        state.data().folded as usize + state.data().events.len(),
        2 * HISTORY_LIMIT + 1
    );
    assert_eq!(
        persist::from_json(&persist::to_json(&state)).unwrap(),
        state
    );
}

/// The sample organisation as version 1 wrote it (by the build before version 2): the current
/// state with every event since `origin`, sets as name lists, hashes in hex.
const SAMPLE_V1: &str = include_str!("fixtures/sample-v1.json");

#[test]
fn a_version_1_file_migrates_to_the_state_its_history_gives() {
    assert!(SAMPLE_V1.starts_with(r#"{"version":1,"state":{"origin":"2026-11-22""#));
    let loaded = persist::load(SAMPLE_V1).unwrap();
    let state = loaded.state;
    assert_eq!(state.data().events.len(), 57);
    assert_eq!(state.data().folded, 0);
    // Every change of the sample replays under revision 2: all of it stays history.
    let migration = loaded.migration.unwrap();
    assert_eq!(
        (migration.from_version, migration.kept, migration.folded),
        (1, 57, 0)
    );
    assert!(migration.superseded.is_empty());
    let stored: serde_json::Value = serde_json::from_str(SAMPLE_V1).unwrap();
    let stored = &stored["state"];
    assert_eq!(
        state.data().users.len(),
        stored["users"].as_array().unwrap().len()
    );
    for (key, held) in state
        .data()
        .keys
        .iter()
        .zip(stored["keys"].as_array().unwrap())
    {
        assert_eq!(key.label, held["label"].as_str().unwrap());
        assert_eq!(key.secret_sha256, held["secret_sha256"].as_str().unwrap());
        assert_eq!(key.masked, held["masked"].as_str().unwrap());
    }
    // Saved again, it is version 3 and loads as the same state, with nothing to migrate.
    let text = persist::to_json(&state);
    assert!(text.starts_with(r#"{"version":3,"#));
    assert_eq!(persist::load(&text).unwrap().migration, None);
    assert!(text.len() < SAMPLE_V1.len(), "{} bytes", text.len());
    assert_eq!(persist::from_json(&text).unwrap(), state);
}

#[test]
fn a_damaged_version_1_file_is_refused_naming_what_differs() {
    // The stored key says the whitelist is wider than its history made it.
    let altered = SAMPLE_V1.replacen(r#""10.0.0.0/8""#, r#""0.0.0.0/0""#, 1);
    assert_ne!(altered, SAMPLE_V1);
    let error = persist::from_json(&altered).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the data is not a valid state: its history does not give the state it holds: key `project-a-app` differs"
    );
    // Newer, unknown and damaged texts stay refused.
    for (text, why) in [
        (
            SAMPLE_V1.replacen(r#""version":1"#, r#""version":9"#, 1),
            "newer version (9",
        ),
        (
            SAMPLE_V1.replacen(r#""version":1"#, r#""version":-1"#, 1),
            "unknown version `-1`",
        ),
        (SAMPLE_V1[..SAMPLE_V1.len() / 2].to_owned(), "damaged"),
    ] {
        let error = persist::from_json(&text).unwrap_err();
        assert!(error.to_string().contains(why), "{error}");
    }
}

/// A state saved by the build before revision 2 (version 2, `tests/fixtures/README.md` says
/// how): the sample organisation, then a user and a workspace whose names revision 2 no longer
/// allows (both already folded into its checkpoint by 260 later changes), then a super
/// administrator who names `root` as a key's owner (now `root-only`), then three ordinary
/// changes.
const LEGACY_V2: &str = include_str!("fixtures/legacy-v2.json");

#[test]
fn a_version_2_file_keeps_everything_and_folds_what_no_longer_replays() {
    assert!(LEGACY_V2.starts_with(r#"{"version":2,"#));
    let stored: serde_json::Value = serde_json::from_str(LEGACY_V2).unwrap();
    let stored_events = stored["state"]["events"].as_array().unwrap();
    let last_seq = stored_events.last().unwrap()["seq"].as_u64().unwrap();
    assert_eq!(last_seq, 324);

    let loaded = persist::load(LEGACY_V2).unwrap();
    let state = loaded.state;
    let migration = loaded.migration.unwrap();
    // The key created for `root` by a RAM user is the change revision 2 refuses.
    assert_eq!(migration.from_version, 2);
    assert_eq!(migration.superseded.len(), 1);
    let superseded = &migration.superseded[0];
    assert_eq!(superseded.seq, 321);
    assert_eq!(superseded.op, "create-api-key");
    assert_eq!(superseded.who, Who::user("admin-01"));
    assert_eq!(superseded.outcome, Outcome::Deny(Code::RootOnly));
    // It and every change before it are folded; the three after it stay history.
    assert_eq!(migration.kept, 3);
    assert_eq!(migration.folded, stored_events.len() - 3);
    assert_eq!(state.data().folded, 321);
    let kept: Vec<u64> = state.data().events.iter().map(|e| e.seq).collect();
    assert_eq!(kept, vec![322, 323, 324]);

    // Nothing is lost: the names of before revision 2, the key, and the later changes.
    assert!(state.user_id("équipe").is_some());
    let projet = state.workspace_id("projet 🚀").unwrap();
    let equipe = state.user_id("équipe").unwrap();
    assert!(
        state
            .membership(Member::User(equipe), projet)
            .is_some_and(|m| m.admin)
    );
    let key = state
        .key(state.key_id("admin-made-root-key").unwrap())
        .unwrap();
    assert_eq!((key.owner, key.created_for), (Owner::Root, Owner::Root));
    assert_eq!(state.key_status(key), KeyStatus::Active);
    assert!(state.user_id("later-user").is_some());
    let project_a = state.workspace_id("project-a").unwrap();
    let user_01 = state.user_id("user-01").unwrap();
    assert!(
        state
            .membership(Member::User(user_01), project_a)
            .is_some_and(|m| m.pages.contains(Page::DataManagement))
    );
    // Workspaces got the IDs they would have had, and keep them.
    for (_, ws) in state.workspaces() {
        assert!(is_workspace_id(&ws.id), "{}", ws.id);
    }

    // The kept history undoes under revision 2's rules.
    let undone = state.replay_kept(2).unwrap();
    assert!(undone.user_id("later-user").is_some());
    assert!(
        undone
            .membership(
                Member::User(undone.user_id("later-user").unwrap()),
                project_a
            )
            .is_none()
    );
    assert_eq!(state.replay_kept(0).unwrap().data().folded, 321);

    // Saved again it is version 3, loads as the same state, and has nothing left to migrate.
    let text = persist::to_json(&state);
    assert!(persist::is_current(&text));
    let again = persist::load(&text).unwrap();
    assert_eq!(again.migration, None);
    assert_eq!(again.state, state);
    // A new step by the same administrator is refused now.
    let mut now = state.clone();
    let refused = now.execute(
        &Who::user("admin-01"),
        &sample::create_key("project-prod", "root", "another-root-key"),
        &mut SeededEntropy::new(1),
    );
    assert_eq!(refused.outcome, Outcome::Deny(Code::RootOnly));
}

/// A state whose history already holds `folded` changes, as a file could claim.
fn claiming(folded: u64) -> String {
    let text = persist::to_json(&State::new_account("2026-11-22".parse().unwrap()));
    text.replacen(
        r#""features":1"#,
        &format!(r#""features":1,"folded":{folded}"#),
        1,
    )
}

#[test]
fn sequence_numbers_near_the_end_of_their_range_are_refused_on_load() {
    assert!(claiming(1).contains(r#""folded":1"#));
    assert!(persist::from_json(&claiming(1)).is_ok());
    for folded in [u64::MAX, u64::MAX - 1, persist::MAX_SEQ + 1] {
        let error = persist::from_json(&claiming(folded)).unwrap_err();
        assert!(
            error.to_string().contains(&folded.to_string()),
            "{folded}: {error}"
        );
    }
    // An event numbered past the range, after a checkpoint within it.
    let mut state = State::new_account("2026-11-22".parse().unwrap());
    let done = state.execute(
        &Who::root(),
        &Command::CreateUser { name: "a".into() },
        &mut SeededEntropy::new(1),
    );
    assert_eq!(done.outcome, Outcome::Ok);
    let text =
        persist::to_json(&state).replacen(r#""seq":1"#, &format!(r#""seq":{}"#, u64::MAX), 1);
    let error = persist::from_json(&text).unwrap_err();
    assert!(error.to_string().contains(&u64::MAX.to_string()), "{error}");
}

#[test]
fn the_last_sequence_number_refuses_the_next_change_without_wrapping() {
    let state = persist::from_json(&claiming(persist::MAX_SEQ)).unwrap();
    let mut after = state.clone();
    let done = after.execute(
        &Who::root(),
        &Command::CreateUser { name: "a".into() },
        &mut SeededEntropy::new(1),
    );
    assert_eq!(done.outcome, Outcome::Error(Code::InvalidValue));
    assert_eq!(after, state, "nothing changed");
    // The state still saves and loads.
    assert_eq!(
        persist::from_json(&persist::to_json(&after)).unwrap(),
        state
    );
}
