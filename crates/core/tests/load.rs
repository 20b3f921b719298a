//! The load simulation counts repeating rounds at once: it must give exactly what sending every
//! request one at a time gives (SPEC section 6, Load), and answer loads of billions of requests.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use studio_access_core::{
    Check, Command, KeyOwnerName, MemberName, ModelFlags, Region, SeededEntropy, State, Traffic,
    Who,
};

/// Two sub-workspaces with keys: `a1`, `a2` in `wa` and `b1` in `wb`, both authorized to call
/// `qwen-plus`, with the given limits.
fn account(a: (Option<u64>, Option<u64>), b: (Option<u64>, Option<u64>)) -> State {
    let mut state = State::new_account("2026-11-22".parse().unwrap());
    let mut entropy = SeededEntropy::new(3);
    let mut steps = vec![Command::CreateUser { name: "u".into() }];
    for (ws, (rpm, tpm)) in [("wa", a), ("wb", b)] {
        steps.push(Command::CreateWorkspace {
            region: Region::ApSoutheast1,
            name: ws.into(),
        });
        steps.push(Command::AddMember {
            workspace: ws.into(),
            member: MemberName::User("u".into()),
            admin: false,
        });
        steps.push(Command::AuthorizeModel {
            workspace: ws.into(),
            model: "qwen-plus".into(),
            flags: ModelFlags::call(true),
        });
        if rpm.is_some() || tpm.is_some() {
            steps.push(Command::SetModelLimits {
                workspace: ws.into(),
                model: "qwen-plus".into(),
                rpm: rpm.map(|n| i64::try_from(n).unwrap()),
                tpm: tpm.map(|n| i64::try_from(n).unwrap()),
            });
        }
    }
    for (ws, key) in [("wa", "a1"), ("wa", "a2"), ("wb", "b1")] {
        steps.push(Command::CreateApiKey {
            workspace: ws.into(),
            owner: KeyOwnerName::Named("u".into()),
            key: key.into(),
        });
    }
    for step in &steps {
        let done = state.execute(&Who::root(), step, &mut entropy);
        assert!(done.outcome.is_success(), "{step:?}: {:?}", done.outcome);
    }
    state
}

/// Every request one at a time, round-robin: (allowed, throttled, denied) per line.
fn naive(traffic: &[Traffic], limits: &[(Option<u64>, Option<u64>); 2]) -> Vec<(u64, u64, u64)> {
    let bucket = |key: &str| match key {
        "a1" | "a2" => Some(0),
        "b1" => Some(1),
        _ => None,
    };
    let mut used = [(0u64, 0u128); 2];
    let mut left: Vec<u64> = traffic.iter().map(|t| t.requests).collect();
    let mut out = vec![(0, 0, 0); traffic.len()];
    while left.iter().any(|&n| n > 0) {
        for (at, line) in traffic.iter().enumerate() {
            if left[at] == 0 {
                continue;
            }
            left[at] -= 1;
            match bucket(&line.key) {
                None => out[at].2 += 1,
                Some(b) => {
                    let (rpm, tpm) = limits[b];
                    let over_rpm = rpm.is_some_and(|rpm| used[b].0 >= rpm);
                    let over_tpm = tpm
                        .is_some_and(|tpm| used[b].1 + u128::from(line.tokens) > u128::from(tpm));
                    if over_rpm || over_tpm {
                        out[at].1 += 1;
                    } else {
                        used[b].0 += 1;
                        used[b].1 += u128::from(line.tokens);
                        out[at].0 += 1;
                    }
                }
            }
        }
    }
    out
}

fn line(key: &str, requests: u64, tokens: u64) -> Traffic {
    Traffic {
        key: key.into(),
        requests,
        tokens,
        ip: None,
    }
}

/// A small deterministic generator, so that failures repeat.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[test]
fn counting_rounds_at_once_matches_sending_every_request() {
    let mut random = Lcg(7);
    let limit = |random: &mut Lcg, most: u64| match random.next(3) {
        0 => None,
        _ => Some(1 + random.next(most)),
    };
    for case in 0..3000 {
        let limits = [
            (limit(&mut random, 30), limit(&mut random, 400)),
            (limit(&mut random, 30), limit(&mut random, 400)),
        ];
        let state = account(limits[0], limits[1]);
        let keys = ["a1", "a2", "b1", "gone"];
        let traffic: Vec<Traffic> = (0..1 + random.next(4))
            .map(|_| {
                line(
                    keys[random.next(4) as usize],
                    random.next(60),
                    [0, 1, 7, 50][random.next(4) as usize],
                )
            })
            .collect();
        let response = state.check(&Check::Load {
            model: "qwen-plus".into(),
            traffic: traffic.clone(),
        });
        let report = response.load.unwrap();
        let got: Vec<(u64, u64, u64)> = report
            .lines
            .iter()
            .map(|l| (l.allowed, l.throttled, l.denied))
            .collect();
        assert_eq!(
            got,
            naive(&traffic, &limits),
            "case {case}: limits {limits:?}, traffic {traffic:?}"
        );
    }
}

#[test]
fn a_load_of_billions_of_requests_is_answered() {
    // Limited: 600 accepted, the rest throttled; unlimited: all accepted.
    let state = account((Some(600), None), (None, None));
    let response = state.check(&Check::Load {
        model: "qwen-plus".into(),
        traffic: vec![
            line("a1", 4_000_000_000_000, 10),
            line("b1", 3_000_000_000_000, 10),
            line("gone", 5, 1),
        ],
    });
    let report = response.load.unwrap();
    assert_eq!(report.lines[0].allowed, 600);
    assert_eq!(report.lines[0].throttled, 4_000_000_000_000 - 600);
    assert_eq!(report.lines[1].allowed, 3_000_000_000_000);
    assert_eq!(report.lines[2].denied, 5);
    assert_eq!(response.outcome.to_string(), "deny:unknown-key");
}

/// The report of `traffic` on `state`, or a failure when it takes longer than a few seconds: the
/// answer must not take time that grows with the request counts or the limits.
fn answered(state: &State, traffic: Vec<Traffic>) -> studio_access_core::LoadReport {
    let state = state.clone();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let response = state.check(&Check::Load {
            model: "qwen-plus".into(),
            traffic,
        });
        let _ = send.send(response.load.unwrap());
    });
    receive
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the load was not answered in 20 s: it grows with the request counts")
}

#[test]
fn huge_limits_and_counts_are_answered_at_once() {
    let most = i64::MAX.unsigned_abs();
    // A limit that is never reached: every request accepted, however many.
    let state = account((Some(most), None), (None, Some(most)));
    let report = answered(
        &state,
        vec![line("a1", most - 1, 1), line("b1", u64::MAX, 0)],
    );
    assert_eq!(report.lines[0].allowed, most - 1);
    assert_eq!(report.lines[1].allowed, u64::MAX);
    // The total is the sum of the lines, past what a u64 holds (it saturated, a new user's walk).
    assert_eq!(
        report.allowed,
        u128::from(most - 1) + u128::from(u64::MAX),
        "the total is the sum of its lines"
    );

    // Limits reached only after billions of rounds, in both buckets at once, with two lines
    // sharing a bucket: the rounds before are counted in one step.
    let state = account((Some(most), Some(most)), (Some(5_000_000_000), None));
    let report = answered(
        &state,
        vec![
            line("a1", u64::MAX, 3),
            line("a2", u64::MAX, 3),
            line("b1", u64::MAX, u64::MAX),
        ],
    );
    // Bucket a: tokens run out first, at most / 3 requests, shared round-robin.
    let accepted_a = most / 3;
    assert_eq!(
        report.lines[0].allowed + report.lines[1].allowed,
        accepted_a
    );
    assert_eq!(report.lines[0].allowed, accepted_a.div_ceil(2));
    assert_eq!(
        report.lines[0].throttled,
        u64::MAX - report.lines[0].allowed
    );
    // Bucket b: no token limit, the request limit.
    assert_eq!(report.lines[1 + 1].allowed, 5_000_000_000);
    assert_eq!(report.lines[2].throttled, u64::MAX - 5_000_000_000);

    // A request bigger than the token limit is throttled, every time, at once.
    let state = account((None, Some(10)), (None, None));
    let report = answered(&state, vec![line("a1", u64::MAX, 11), line("a2", 3, 4)]);
    assert_eq!(report.lines[0].throttled, u64::MAX);
    assert_eq!(report.lines[1].allowed, 2);
    assert_eq!(report.lines[1].throttled, 1);
}

/// Issue 13: a rate-limit denial did not say whether RPM or TPM throttled, nor by how much. The
/// trace's rate-limit fact names each limit the minute's demand went past, per workspace.
#[test]
fn a_throttled_load_names_each_limit_gone_past() {
    use studio_access_core::{Fact, Gate, LimitKind, Overrun};
    let state = account((Some(100), Some(10_000)), (Some(5), None));
    let load = |traffic: Vec<Traffic>| {
        let response = state.check(&Check::Load {
            model: "qwen-plus".into(),
            traffic,
        });
        let step = response
            .trace
            .into_iter()
            .find(|step| step.gate == Gate::RateLimit)
            .unwrap();
        match step.fact {
            Fact::Limits { over, .. } => over,
            other => panic!("{other:?}"),
        }
    };
    let line = |key: &str, requests, tokens| Traffic {
        key: key.into(),
        requests,
        tokens,
        ip: None,
    };
    // 60 + 0 requests of 200 tokens in `wa`: 12,000 tokens against 10,000; 60 requests fit.
    assert_eq!(
        load(vec![
            line("a1", 40, 200),
            line("a2", 20, 200),
            line("b1", 5, 1)
        ]),
        [Overrun {
            workspace: "wa".into(),
            limit: LimitKind::Tpm,
            asked: 12_000,
            allowed: 10_000,
        }]
    );
    // `wb` gets 6 requests against 5 per minute; `wa` is within both.
    assert_eq!(
        load(vec![line("a1", 10, 10), line("b1", 6, 1)]),
        [Overrun {
            workspace: "wb".into(),
            limit: LimitKind::Rpm,
            asked: 6,
            allowed: 5,
        }]
    );
    assert!(load(vec![line("a1", 100, 100), line("b1", 5, 1)]).is_empty());
}

/// A review saw "deny:ip-not-allowed" above a trace whose only gate was "Rate limits": the
/// trace of a load shows the gates of the line whose denial decides it, the failing one last,
/// before the rate limits.
#[test]
fn a_loads_trace_shows_the_gate_its_decision_comes_from() {
    use studio_access_core::{Code, Gate, Outcome};
    let state = account((Some(5), None), (None, None));
    let response = state.check(&Check::Load {
        model: "qwen-plus".into(),
        traffic: vec![
            Traffic {
                key: "a1".into(),
                requests: 7,
                tokens: 1,
                ip: None,
            },
            Traffic {
                key: "a-one".into(),
                requests: 1,
                tokens: 0,
                ip: None,
            },
        ],
    });
    assert_eq!(response.outcome, Outcome::Deny(Code::UnknownKey));
    let gates: Vec<(Gate, bool)> = response
        .trace
        .iter()
        .map(|step| (step.gate, step.passed))
        .collect();
    assert_eq!(
        gates,
        [(Gate::KeyKnown, false), (Gate::RateLimit, false)],
        "{gates:?}"
    );
}
