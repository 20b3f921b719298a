//! The benchmark against Cedar is fair only if both engines decide alike: on every question the
//! benchmark asks (and more), Cedar's decision equals ours.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "../benches/peer/mod.rs"]
mod peer;

use studio_access_core::sample::generated_organisation;
use studio_access_core::{Command, MemberName, Outcome, SeededEntropy, State, Who};

fn organisation() -> State {
    let mut state = generated_organisation(300, 7, 600, "2026-11-22".parse().unwrap());
    // Keys in every status, so the key questions are not all alike.
    let mut entropy = SeededEntropy::new(5);
    for command in [
        Command::RemoveMember {
            workspace: "ws-0001".into(),
            member: MemberName::User("user-000001".into()),
        },
        Command::DeleteUser {
            name: "user-000002".into(),
        },
        Command::DeleteApiKey {
            key: "key-000003".into(),
        },
    ] {
        assert_eq!(
            state.execute(&Who::root(), &command, &mut entropy).outcome,
            Outcome::Ok
        );
    }
    state
}

#[test]
fn cedar_and_ours_agree_on_every_benchmarked_question() {
    let state = organisation();
    let cedar = peer::CedarPeer::encode(&state);
    let questions = peer::questions(&state, 5_000);
    let mut allowed = 0;
    for question in &questions {
        let ours = peer::ours_allowed(&state, question);
        let theirs = cedar.is_allowed(&cedar.request(&state, question));
        assert_eq!(ours, theirs, "{question:?}");
        // The id-level rules and the public check agree too.
        let check = peer::check(&state, question);
        assert_eq!(state.decide(&check) == Outcome::Allow, ours, "{check:?}");
        allowed += usize::from(ours);
    }
    // Both decisions are well represented, so agreement means something.
    assert!(
        allowed > questions.len() / 5 && allowed < questions.len() * 4 / 5,
        "{allowed} of {}",
        questions.len()
    );
}

#[test]
fn the_benchmark_organisation_itself_agrees() {
    let state = generated_organisation(2_000, 20, 5_000, "2026-11-22".parse().unwrap());
    let cedar = peer::CedarPeer::encode(&state);
    for question in peer::questions(&state, 64) {
        assert_eq!(
            peer::ours_allowed(&state, &question),
            cedar.is_allowed(&cedar.request(&state, &question)),
            "{question:?}"
        );
    }
}
