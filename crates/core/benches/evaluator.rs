//! Benchmarks of the core, printed as a table against the goals of issue 5:
//! one check (decision only, with trace) against Cedar on the same questions, scaling with the
//! organisation, the whole permission matrix, 10,000 commands, a load of 1,000,000 requests, and
//! the audit and access diff of 40,000 users and roles.
//!
//! Run with `cargo bench -p studio-access-core --bench evaluator` (or `bash .ci/bench`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod peer;

use criterion::{BatchSize, Criterion, Throughput};
use peer::CedarPeer;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;
use studio_access_core::sample::{
    MatrixCells, generated_organisation, generated_steps, wide_organisation,
};
use studio_access_core::{Check, Date, SeededEntropy, State, Traffic};

fn today() -> Date {
    "2026-11-22".parse().unwrap()
}

/// Nanoseconds per question over a batch of questions.
const BATCH: usize = 64;

fn engines(c: &mut Criterion) {
    let state = generated_organisation(2_000, 20, 5_000, today());
    let questions = peer::questions(&state, BATCH);
    let checks: Vec<Check> = questions.iter().map(|q| peer::check(&state, q)).collect();
    let cedar = CedarPeer::encode(&state);
    let requests: Vec<_> = questions.iter().map(|q| cedar.request(&state, q)).collect();
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("decide", |b| {
        b.iter(|| {
            for check in &checks {
                black_box(state.decide(black_box(check)));
            }
        });
    });
    group.bench_function("trace", |b| {
        b.iter(|| {
            for check in &checks {
                black_box(state.check(black_box(check)));
            }
        });
    });
    group.bench_function("cedar", |b| {
        b.iter(|| {
            for request in &requests {
                black_box(cedar.is_allowed(black_box(request)));
            }
        });
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.throughput(Throughput::Elements(BATCH as u64));
    for (principals, workspaces) in [(10, 3), (1_000, 30), (100_000, 300)] {
        let state = generated_organisation(principals, workspaces, principals.min(5_000), today());
        let checks: Vec<Check> = peer::questions(&state, BATCH)
            .iter()
            .map(|q| peer::check(&state, q))
            .collect();
        group.bench_function(format!("{principals}"), |b| {
            b.iter(|| {
                for check in &checks {
                    black_box(state.decide(black_box(check)));
                }
            });
        });
    }
    group.finish();
}

fn matrix(c: &mut Criterion) {
    let state = generated_organisation(2_000, 20, 0, today());
    let cells = MatrixCells::of(&state);
    let mut group = c.benchmark_group("matrix");
    group.sample_size(20);
    group.bench_function("480000-cells", |b| {
        b.iter(|| black_box(cells.operable(&state)));
    });
    group.finish();
}

fn commands(c: &mut Criterion) {
    let steps: Vec<_> = generated_steps(2_400, 20, 400)
        .into_iter()
        .take(10_000)
        .collect();
    assert_eq!(steps.len(), 10_000);
    let mut group = c.benchmark_group("commands");
    group.sample_size(20);
    group.bench_function("10000", |b| {
        b.iter_batched(
            || State::new_account(today()),
            |mut state| {
                let mut entropy = SeededEntropy::new(1);
                for (who, command) in &steps {
                    black_box(state.execute(who, command, &mut entropy));
                }
                state
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let state = generated_organisation(50, 5, 50, today());
    let traffic: Vec<Traffic> = state
        .keys()
        .map(|(_, key)| Traffic {
            key: key.label.clone(),
            requests: 20_000,
            tokens: 10,
            ip: None,
        })
        .collect();
    let check = Check::Load {
        model: "qwen-plus".into(),
        traffic,
    };
    let mut group = c.benchmark_group("load");
    group.sample_size(20);
    group.bench_function("1000000-requests", |b| {
        b.iter(|| black_box(state.decide(black_box(&check))))
    });
    group.finish();
}

/// The audit and the whole-state access diff of a wide state: 20,000 users and 20,000 roles,
/// each role trusted by one user and a member of one of 200 workspaces (what a large share link
/// holds). Both were quadratic once (users × roles, workspaces × members).
fn audit(c: &mut Criterion) {
    let state = wide_organisation(20_000, 20_000, 200, today());
    let mut group = c.benchmark_group("audit");
    group.sample_size(20);
    group.bench_function("40000-principals", |b| b.iter(|| black_box(state.audit())));
    group.bench_function("diff-40000-principals", |b| {
        b.iter(|| black_box(studio_access_core::diff::diff(&state, &state)))
    });
    group.finish();
}

fn output_directory() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
        .join("criterion")
}

/// The median of a benchmark in nanoseconds, from criterion's estimates.
fn median(dir: &std::path::Path, group: &str, name: &str) -> Option<f64> {
    let text =
        std::fs::read_to_string(dir.join(group).join(name).join("new/estimates.json")).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value["median"]["point_estimate"].as_f64()
}

fn human(nanos: f64) -> String {
    if nanos < 1_000.0 {
        format!("{nanos:.1} ns")
    } else if nanos < 1_000_000.0 {
        format!("{:.2} µs", nanos / 1_000.0)
    } else {
        format!("{:.2} ms", nanos / 1_000_000.0)
    }
}

fn table(dir: &std::path::Path) {
    let per = |group: &str, name: &str| median(dir, group, name).map(|n| n / BATCH as f64);
    let whole = |group: &str, name: &str| median(dir, group, name);
    let decide = per("check", "decide");
    let trace = per("check", "trace");
    let cedar = per("check", "cedar");
    let small = per("scaling", "10");
    let large = per("scaling", "100000");
    let rows: Vec<(&str, &str, Option<f64>, String)> = vec![
        (
            "one check, decision only",
            "< 100 ns",
            decide,
            String::new(),
        ),
        (
            "  the same question in Cedar",
            "≥ 20× slower",
            cedar,
            match (cedar, decide) {
                (Some(c), Some(d)) => format!("Cedar / ours = {:.0}×", c / d),
                _ => String::new(),
            },
        ),
        ("one check with full trace", "< 1 µs", trace, String::new()),
        (
            "scaling: 10 principals, 3 workspaces",
            "",
            small,
            String::new(),
        ),
        (
            "scaling: 100,000 principals, 300 workspaces",
            "within 2× of 10",
            large,
            match (large, small) {
                (Some(l), Some(s)) => format!("{:.2}× the small one", l / s),
                _ => String::new(),
            },
        ),
        (
            "whole matrix, 480,000 cells",
            "< 50 ms",
            whole("matrix", "480000-cells"),
            String::new(),
        ),
        (
            "10,000 commands",
            "< 50 ms",
            whole("commands", "10000"),
            String::new(),
        ),
        (
            "load, 1,000,000 requests over 50 keys",
            "< 100 ms",
            whole("load", "1000000-requests"),
            String::new(),
        ),
        (
            "audit, 40,000 users and roles",
            "< 50 ms",
            whole("audit", "40000-principals"),
            String::new(),
        ),
        (
            "access diff of that state with itself",
            "< 100 ms",
            whole("audit", "diff-40000-principals"),
            String::new(),
        ),
    ];
    println!();
    println!("| figure | goal | measured (median) | note |");
    println!("|---|---|---|---|");
    for (figure, goal, value, note) in rows {
        let measured = value.map_or_else(|| "not run".to_owned(), human);
        println!("| {figure} | {goal} | {measured} | {note} |");
    }
}

fn main() {
    let dir = output_directory();
    let mut c = Criterion::default()
        .output_directory(&dir)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
        .configure_from_args();
    engines(&mut c);
    scaling(&mut c);
    matrix(&mut c);
    commands(&mut c);
    load(&mut c);
    audit(&mut c);
    c.final_summary();
    table(&dir);
}
