//! An imported state must be one that commands could have produced: every record that breaks a
//! rule's invariant is refused on load, naming the record, and a state too large to open quickly
//! is refused with the limit it passed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::{Value, json};
use studio_access_core::sample::sample_organisation;
use studio_access_core::{State, persist};

/// The sample organisation as a current-version text, parsed for editing.
fn sample() -> Value {
    let state = sample_organisation("2026-11-22".parse().unwrap());
    // Fold the whole history into the checkpoint, so that edits to it are what loads.
    let mut value: Value = serde_json::from_str(&persist::to_json(&state)).unwrap();
    let data = serde_json::to_value(state.data()).unwrap();
    let mut checkpoint = data;
    let object = checkpoint.as_object_mut().unwrap();
    object.remove("events");
    object.insert(
        "folded".into(),
        json!(state.data().events.last().unwrap().seq),
    );
    value["state"] = json!({ "checkpoint": checkpoint });
    value
}

fn index_of(table: &Value, field: &str, name: &str) -> usize {
    table
        .as_array()
        .unwrap()
        .iter()
        .position(|record| record[field] == name)
        .unwrap_or_else(|| panic!("no `{name}`"))
}

/// Loads `edited` and returns the refusal's text; fails when it loads.
fn refused(edited: &Value) -> String {
    match persist::from_json(&edited.to_string()) {
        Ok(_) => panic!("loaded a state no command could have produced"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn the_unedited_sample_loads() {
    let text = sample().to_string();
    let state: State = persist::from_json(&text).unwrap();
    assert!(state.user_id("user-01").is_some());
}

#[test]
fn records_that_no_command_could_have_produced_are_refused_by_name() {
    let base = sample();
    let mut cases: Vec<(Value, &str)> = Vec::new();

    // A deleted user keeping a membership (deleting a user drops them).
    let mut v = base.clone();
    let c = cp(&mut v);
    let leaver = index_of(&c["users"], "name", "leaver");
    c["users"][leaver]["memberships"] = json!({ "3": { "admin": true } });
    cases.push((v, "leaver"));

    // A deleted user keeping a policy.
    let mut v = base.clone();
    let c = cp(&mut v);
    let leaver = index_of(&c["users"], "name", "leaver");
    c["users"][leaver]["policies"] = json!(4);
    cases.push((v, "leaver"));

    // A role trusting a deleted user (deleting a user withdraws its trusts).
    let mut v = base.clone();
    let c = cp(&mut v);
    let leaver = index_of(&c["users"], "name", "leaver");
    let role = index_of(&c["roles"], "name", "ops-role");
    c["roles"][role]["trusted"] = json!([leaver]);
    cases.push((v, "ops-role"));

    // A request limit of 0 (set-model-limits refuses limits below 1).
    let mut v = base.clone();
    let c = cp(&mut v);
    let prod = index_of(&c["workspaces"], "name", "project-prod");
    let models = c["workspaces"][prod]["models"].as_object_mut().unwrap();
    let first = models.keys().next().unwrap().clone();
    models[&first]["rpm"] = json!(0);
    cases.push((v, "project-prod"));

    // An authorization that authorizes nothing and limits nothing (it is never stored).
    let mut v = base.clone();
    let c = cp(&mut v);
    let prod = index_of(&c["workspaces"], "name", "project-prod");
    c["workspaces"][prod]["models"]["6"] = json!({});
    cases.push((v, "project-prod"));

    // Two quotas for the same region and model.
    let mut v = base.clone();
    let c = cp(&mut v);
    let quota = c["quotas"][0].clone();
    c["quotas"].as_array_mut().unwrap().push(quota);
    cases.push((v, "quota"));

    // A key with an empty label, and a key with no hash.
    let mut v = base.clone();
    let c = cp(&mut v);
    c["keys"][0]["label"] = json!("");
    cases.push((v, "key"));
    let mut v = base.clone();
    let c = cp(&mut v);
    c["keys"][0]["sha256"] = json!("");
    cases.push((v, "project-a-app"));

    // A key owned by the account for another owner outside China (Beijing).
    let mut v = base.clone();
    let c = cp(&mut v);
    let research = index_of(&c["keys"], "label", "research-contractor");
    c["keys"][research]["owner"] = json!("root");
    c["keys"][research]["created_for"] = json!({ "user": 9 });
    cases.push((v, "research-contractor"));

    // A whitelist on a key outside China (Beijing).
    let mut v = base.clone();
    let c = cp(&mut v);
    let service = index_of(&c["keys"], "label", "prod-service");
    c["keys"][service]["whitelist"] = json!(["10.0.0.0/8"]);
    cases.push((v, "prod-service"));

    // Model calling switched off (it can only be activated).
    let mut v = base.clone();
    let c = cp(&mut v);
    c["features"] = json!(0);
    cases.push((v, "model-studio"));

    for (at, (edited, named)) in cases.iter().enumerate() {
        let why = refused(edited);
        assert!(
            why.contains(named),
            "case {at}: {why} does not name `{named}`"
        );
    }
}

/// The checkpoint of `v`, to edit in place.
fn cp(v: &mut Value) -> &mut Value {
    &mut v["state"]["checkpoint"]
}

#[test]
fn a_state_past_a_limit_is_refused_with_the_limit() {
    let mut v = sample();
    let users = v["state"]["checkpoint"]["users"].as_array_mut().unwrap();
    let extra = studio_access_core::LIMITS.principals + 1 - users.len();
    for at in 0..extra {
        users.push(json!({ "name": format!("u{at}") }));
    }
    let why = refused(&v);
    assert!(
        why.contains(&format!(
            "more than the {} a state may hold",
            studio_access_core::LIMITS.principals
        )),
        "{why}"
    );
}

#[test]
fn a_text_past_the_size_limit_is_refused_before_it_is_read() {
    let text = format!(
        "{{\"version\":3,\"state\":{}}}",
        " ".repeat(persist::MAX_TEXT_BYTES)
    );
    let why = persist::from_json(&text).unwrap_err().to_string();
    assert!(why.contains(&persist::MAX_TEXT_BYTES.to_string()), "{why}");
}
