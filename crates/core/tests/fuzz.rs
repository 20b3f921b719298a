//! Every input the fuzz harness (`examples/fuzz.rs`) found, and the hostile inputs of the
//! hardening pass, kept in `tests/fuzz-corpus/` and put through `robustness::exercise` again:
//! none may panic or break a property, and each is answered quickly. A file's name starts with
//! its kind: `scenario-`, `state-` or `share-`.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

use studio_access_core::robustness::{InputKind, exercise};

#[test]
fn every_kept_input_is_answered_without_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 5, "the corpus holds {names:?}");
    for name in names {
        let kind = InputKind::of_file_name(&name)
            .unwrap_or_else(|| panic!("`{name}` does not start with a kind"));
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let started = Instant::now();
        if let Err(broken) = exercise(kind, &bytes) {
            panic!("{name}: {broken}");
        }
        let took = started.elapsed();
        assert!(took < Duration::from_secs(5), "{name} took {took:?}");
    }
}
