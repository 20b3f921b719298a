//! What a refused step names as its subject: the field and value at fault, so that a person
//! can tell which input to correct (issue 13: an RPM of 0 named the workspace).

#![allow(clippy::expect_used)]

use studio_access_core::{Command, Outcome, Region, SeededEntropy, Stage, State, Who};

fn account() -> State {
    let mut state = State::new_account("2026-11-22".parse().expect("a date"));
    let mut entropy = SeededEntropy::new(1);
    let step = Command::CreateWorkspace {
        region: Region::UsEast1,
        name: "lab".into(),
    };
    let executed = state.execute(&Who::root(), &step, &mut entropy);
    assert_eq!(executed.outcome, Outcome::Ok);
    state
}

fn subject_of(state: &State, step: &Command) -> Option<String> {
    let Err(refusal) = state.plan(&Who::root(), step) else {
        return None;
    };
    assert_eq!(refusal.stage, Stage::Validation);
    assert_eq!(refusal.outcome.to_string(), "error:invalid-value");
    refusal.subject
}

#[test]
fn a_limit_out_of_range_names_its_field_and_value() {
    let state = account();
    let limits = |rpm, tpm| Command::SetModelLimits {
        workspace: "lab".into(),
        model: "qwen-plus".into(),
        rpm,
        tpm,
    };
    assert_eq!(
        subject_of(&state, &limits(Some(0), None)).as_deref(),
        Some("rpm = 0")
    );
    assert_eq!(
        subject_of(&state, &limits(Some(5), Some(-2))).as_deref(),
        Some("tpm = -2")
    );
    assert_eq!(
        subject_of(&state, &limits(None, None)).as_deref(),
        Some("rpm, tpm")
    );
    let quota = Command::SetAccountQuota {
        region: Region::UsEast1,
        model: "qwen-plus".into(),
        rpm: 0,
    };
    assert_eq!(subject_of(&state, &quota).as_deref(), Some("rpm = 0"));
}
