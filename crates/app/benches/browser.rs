//! Benchmarks of the core and of persistence in WebAssembly, in headless Chromium:
//! `cargo bench -p studio-access-app --target wasm32-unknown-unknown` (see `bash .ci/bench`).
//! The organisation is the one of the native benchmarks: 2,000 principals, 20 workspaces, 5,000
//! keys, built by 13,700 commands (so its history is folded into a checkpoint, as in the app).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use studio_access_core::sample::{MatrixCells, generated_organisation};
use studio_access_core::{Date, State, persist};
use wasm_bindgen_test::{Criterion, wasm_bindgen_bench, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn organisation() -> State {
    let today: Date = "2026-11-22".parse().unwrap();
    generated_organisation(2_000, 20, 5_000, today)
}

/// Short runs: the page is blocked while a benchmark runs, and the runner gives up on a page
/// that does not answer for long.
fn configure(c: &mut Criterion) {
    *c = std::mem::take(c)
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(10);
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_bench]
fn whole_matrix(c: &mut Criterion) {
    configure(c);
    let state = organisation();
    let cells = MatrixCells::of(&state);
    c.bench_function("matrix/480000-cells", |b| {
        b.iter(|| black_box(cells.operable(&state)));
    });
}

#[wasm_bindgen_bench]
fn save_and_load(c: &mut Criterion) {
    configure(c);
    let state = organisation();
    let envelope = persist::to_json(&state);
    web_sys::console::log_1(
        &format!(
            "persist/envelope-bytes: {} ({} events kept, {} folded into the checkpoint)",
            envelope.len(),
            state.data().events.len(),
            state.data().folded
        )
        .into(),
    );
    c.bench_function("persist/serialize", |b| {
        b.iter(|| black_box(persist::to_json(black_box(&state))));
    });
    // Two texts in turn: the browser skips writing a value that is already stored.
    let other = format!("{envelope} ");
    let mut turn = false;
    c.bench_function("persist/set-item", |b| {
        b.iter(|| {
            turn = !turn;
            let text = if turn { &envelope } else { &other };
            storage()
                .set_item("studio-access.bench", black_box(text))
                .unwrap();
        });
    });
    c.bench_function("persist/save", |b| {
        b.iter(|| {
            let text = persist::to_json(black_box(&state));
            storage().set_item("studio-access.bench", &text).unwrap();
        });
    });
    storage()
        .set_item("studio-access.bench", &envelope)
        .unwrap();
    c.bench_function("persist/load", |b| {
        b.iter(|| {
            let text = storage().get_item("studio-access.bench").unwrap().unwrap();
            black_box(persist::from_json(&text).unwrap())
        });
    });
    storage().remove_item("studio-access.bench").unwrap();
}
