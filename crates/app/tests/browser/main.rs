//! The console in a real browser, one test binary (one Chromium start, one `support`):
//! `cargo test --target wasm32-unknown-unknown` in `crates/app` runs every module; add a
//! module name to run one (`cargo test --target wasm32-unknown-unknown -- keys::`).
//!
//! Each module is a screen or a concern; `support` holds the helpers they share: fixtures,
//! mounting the console at a path with a stored state as an identity (`visit`), finding and
//! acting on elements by `data-testid`, and waiting for the view to settle.

// clippy.toml lets tests unwrap, but clippy does not see `#[wasm_bindgen_test]` functions and
// their helpers as tests; here a failed DOM call or a missing element is simply a failed test.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod audit_fixes;
mod checker;
mod compare;
mod field_errors;
mod focus;
mod forms;
mod frame;
mod history;
mod identity_search;
mod keys;
mod long_names;
mod matrix;
mod matrix_tools;
mod preview;
mod prose;
mod reverse;
mod revision2;
mod routes;
mod share;
mod undo_preview;
