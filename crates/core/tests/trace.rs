//! SPEC section 6: every check answers "the trace: every gate passed or failed, in order". A
//! second audit from SPEC alone saw a key call's trace leave out the key gates it passed.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use studio_access_core::{
    Caller, Check, Command, Gate, Outcome, Region, SeededEntropy, State, Who, sample,
};

/// Workspace `w` in `region` where `u` is a member, calls to `qwen-plus` are authorized and
/// key `k` is created for `u`.
fn account(region: Region) -> State {
    let mut state = State::new_account("2026-11-22".parse().unwrap());
    let mut entropy = SeededEntropy::new(5);
    let steps = [
        Command::CreateWorkspace {
            region,
            name: "w".into(),
        },
        Command::CreateUser { name: "u".into() },
        Command::AddMember {
            workspace: "w".into(),
            member: studio_access_core::MemberName::User("u".into()),
            admin: false,
        },
        sample::authorize_call("w", "qwen-plus"),
        sample::create_key("w", "u", "k"),
    ];
    for step in &steps {
        let done = state.execute(&Who::root(), step, &mut entropy);
        assert_eq!(done.outcome, Outcome::Ok, "{step:?}");
    }
    state
}

fn gates(state: &State, ip: Option<&str>) -> Vec<(Gate, bool)> {
    let check = Check::CallModel {
        caller: Caller::Key {
            key: "k".into(),
            ip: ip.map(|ip| ip.parse().unwrap()),
        },
        model: "qwen-plus".into(),
    };
    let answer = state.check(&check);
    assert_eq!(answer.outcome, Outcome::Allow);
    answer.trace.iter().map(|s| (s.gate, s.passed)).collect()
}

#[test]
fn a_key_calls_trace_holds_every_key_gate_it_passed() {
    let key_call = [
        (Gate::KeyKnown, true),
        (Gate::KeyStatus, true),
        (Gate::IpWhitelist, true),
        (Gate::ModelKnown, true),
        (Gate::CallAuthorized, true),
    ];
    // No whitelist: any caller passes it, and the gate says so.
    let state = account(Region::ApSoutheast1);
    assert_eq!(gates(&state, None), key_call);

    // A whitelist the caller's address is inside.
    let mut state = account(Region::CnBeijing);
    let whitelist = Command::SetIpWhitelist {
        key: "k".into(),
        cidrs: vec!["10.0.0.0/8".into()],
    };
    let done = state.execute(&Who::root(), &whitelist, &mut SeededEntropy::new(6));
    assert_eq!(done.outcome, Outcome::Ok);
    assert_eq!(gates(&state, Some("10.1.2.3")), key_call);
}

#[test]
fn a_refused_key_call_ends_its_trace_at_the_gate_that_failed() {
    let state = account(Region::ApSoutheast1);
    let check = Check::CallModel {
        caller: Caller::Key {
            key: "nope".into(),
            ip: None,
        },
        model: "qwen-plus".into(),
    };
    let answer = state.check(&check);
    let trace: Vec<(Gate, bool)> = answer.trace.iter().map(|s| (s.gate, s.passed)).collect();
    assert_eq!(trace, vec![(Gate::KeyKnown, false)]);
}
