//! A plain fuzz harness for the inputs people hand the console and the command line: scenario
//! files, state files and share links. It mutates the project's own files (scenarios, examples,
//! malformed files, saved states, a share link of the sample) and puts each mutant through
//! `robustness::exercise` for a while; an input that panics, breaks a property or takes more
//! than two seconds is saved under `tests/fuzz-corpus/`, where `tests/fuzz.rs` keeps it as a
//! regression test.
//!
//! ```text
//! cargo run --profile fuzz -p studio-access-core --example fuzz -- [--seconds 60] [--seed 1]
//! ```
//!
//! The `fuzz` profile keeps overflow checks and debug assertions on, and panics unwind, so each
//! failure is caught and recorded.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use studio_access_core::robustness::{InputKind, exercise};
use studio_access_core::sample::sample_organisation;
use studio_access_core::{persist, share};

/// An input slower than this is a finding.
const SLOW: Duration = Duration::from_secs(2);

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens worth inserting: structure, extremes, odd characters, deep nesting.
fn tokens() -> Vec<Vec<u8>> {
    let mut all: Vec<Vec<u8>> = [
        "\"", "{", "}", "[", "]", ",", ":", "=", "\n", "\n[[step]]\n", "#", "\\", "\\u0000",
        "\\ud800", "18446744073709551615", "18446744073709551616", "9223372036854775807",
        "-9223372036854775808", "-1", "0", "1e999", "NaN", "null", "true", "\"\u{202e}\"",
        "\u{200b}", "op = \"load\"\nmodel = \"qwen-plus\"\ntraffic = [{ key = \"k\", requests = 9223372036854775807, tokens = 9223372036854775807 }]\nexpect = \"allow\"\n",
        "op = \"delete-workspace\"\nworkspace = \"w\"\n",
        "\"folded\":9007199254740991,", "\"seq\":18446744073709551615,",
        "\"version\":2,", "\"version\":1,", "\"deleted\":true,",
        "owner_role = \"r\"\n",
    ]
    .iter()
    .map(|t| t.as_bytes().to_vec())
    .collect();
    all.push("[".repeat(5000).into_bytes());
    all.push("{\"a\":".repeat(3000).into_bytes());
    all.push("a.".repeat(2000).into_bytes());
    all
}

fn mutate(rng: &mut Rng, input: &[u8], others: &[Vec<u8>], tokens: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let at = rng.below(out.len());
                out[at] = (rng.next() & 0xff) as u8;
            }
            1 => {
                let token = &tokens[rng.below(tokens.len())];
                out.splice(at..at, token.iter().copied());
            }
            2 if !out.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let start = rng.below(out.len());
                let end = (start + 1 + rng.below(256)).min(out.len());
                let copy = out[start..end].to_vec();
                out.splice(at..at, copy);
            }
            4 if !others.is_empty() => {
                let other = &others[rng.below(others.len())];
                if !other.is_empty() {
                    let start = rng.below(other.len());
                    let end = (start + 1 + rng.below(512)).min(other.len());
                    out.splice(at..at, other[start..end].iter().copied());
                }
            }
            _ => {
                // A number somewhere becomes an extreme one.
                let digits: Vec<usize> = out
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.is_ascii_digit())
                    .map(|(at, _)| at)
                    .collect();
                if let Some(&at) = digits.get(rng.below(digits.len())) {
                    out.splice(at..=at, b"18446744073709551615".iter().copied());
                }
            }
        }
    }
    out
}

fn files(dir: &Path, ext: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// The seeds of each kind, from the project's own files.
fn seeds(root: &Path) -> Vec<(InputKind, Vec<Vec<u8>>)> {
    let mut scenarios = files(&root.join("tests/scenarios"), "toml");
    scenarios.extend(files(&root.join("tests/malformed"), "toml"));
    scenarios.extend(files(&root.join("../../examples"), "toml"));
    let sample = sample_organisation("2026-11-22".parse().unwrap());
    let mut states = files(&root.join("tests/fixtures"), "json");
    states.push(persist::to_json(&sample).into_bytes());
    let links = vec![share::encode(&sample).into_bytes()];
    vec![
        (InputKind::Scenario, scenarios),
        (InputKind::State, states),
        (InputKind::ShareLink, links),
    ]
}

/// A value somewhere in `value` changed the way a hand-edited or hostile file would: a number to
/// an extreme, a string to an odd one, a field or an element removed, an element duplicated, a
/// boolean flipped. Structure stays JSON, so the input gets past the parser to the checks behind.
fn mutate_json(rng: &mut Rng, value: &mut serde_json::Value) {
    use serde_json::Value;
    // Walk down to a random node, as a JSON pointer.
    let mut pointer = String::new();
    let mut here: &Value = value;
    for _ in 0..1 + rng.below(8) {
        if rng.below(5) == 0 {
            break;
        }
        let step = match here {
            Value::Object(map) if !map.is_empty() => {
                let key = map.keys().nth(rng.below(map.len())).cloned().unwrap();
                Some((key.replace('~', "~0").replace('/', "~1"), &map[&key]))
            }
            Value::Array(items) if !items.is_empty() => {
                let at = rng.below(items.len());
                Some((at.to_string(), &items[at]))
            }
            _ => None,
        };
        let Some((token, next)) = step else { break };
        pointer.push('/');
        pointer.push_str(&token);
        here = next;
    }
    let Some(node) = value.pointer_mut(&pointer) else {
        return;
    };
    match node {
        Value::Number(_) => {
            *node = serde_json::json!(
                [
                    0,
                    1,
                    -1,
                    255,
                    65_535,
                    i64::from(u32::MAX),
                    i64::MAX,
                    1_i64 << 53
                ][rng.below(8)]
            );
            if rng.below(4) == 0 {
                *node = serde_json::json!(u64::MAX);
            }
        }
        Value::String(text) => {
            *text = [
                "",
                " ",
                "root",
                "default@cn-beijing",
                "llm-aaaaaaaaaaaaaaaa",
                "a\u{202e}b",
                "\u{0}",
                "sk-00\u{2026}0000",
                "2026-02-30",
                "9999-12-31",
                "..",
                "user-01",
                "ops-role",
                "project-a",
            ][rng.below(14)]
            .to_owned();
        }
        Value::Bool(flag) => *flag = !*flag,
        Value::Array(items) if !items.is_empty() => {
            let at = rng.below(items.len());
            if rng.below(2) == 0 {
                items.remove(at);
            } else {
                let copy = items[at].clone();
                items.push(copy);
            }
        }
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(rng.below(map.len())).cloned().unwrap();
            if rng.below(2) == 0 {
                map.remove(&key);
            } else {
                map.insert(key, serde_json::json!(null));
            }
        }
        _ => {}
    }
}

/// A state text mutated structurally (see [`mutate_json`]) a few times.
fn mutate_state(rng: &mut Rng, input: &[u8]) -> Option<Vec<u8>> {
    let mut value: serde_json::Value = serde_json::from_slice(input).ok()?;
    for _ in 0..1 + rng.below(3) {
        mutate_json(rng, &mut value);
    }
    Some(value.to_string().into_bytes())
}

/// A mutant share link: the envelope inside is mutated, then deflated again, so that mutations
/// reach the state behind the compression (a raw mutation of the link mostly stops at base64).
fn mutate_link(rng: &mut Rng, states: &[Vec<u8>], tokens: &[Vec<u8>]) -> Vec<u8> {
    use base64::Engine as _;
    let state = &states[rng.below(states.len())];
    let json = match rng.below(2) {
        0 => mutate_state(rng, state).unwrap_or_else(|| state.clone()),
        _ => mutate(rng, state, states, tokens),
    };
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 6);
    format!(
        "v1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
    .into_bytes()
}

fn name_of(kind: InputKind, input: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    input.hash(&mut hasher);
    format!("{}-{:016x}.txt", kind.as_str(), hasher.finish())
}

fn main() {
    let mut seconds = 30u64;
    let mut seed = 0x5eed_u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(30),
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(seed)
                    .max(1)
            }
            other => panic!("unknown argument `{other}` (use --seconds N, --seed N)"),
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("tests/fuzz-corpus");
    let seeds = seeds(root);
    let states = seeds[1].1.clone();
    let tokens = tokens();
    let all: Vec<Vec<u8>> = seeds.iter().flat_map(|(_, i)| i.clone()).collect();
    let mut rng = Rng(seed);
    let panic_message = Arc::new(Mutex::new(String::new()));
    {
        let panic_message = Arc::clone(&panic_message);
        std::panic::set_hook(Box::new(move |info| {
            *panic_message.lock().unwrap() = info.to_string();
        }));
    }
    let started = Instant::now();
    let mut runs = [0usize; 3];
    let mut accepted = [0usize; 3];
    let mut found = HashSet::new();
    while started.elapsed() < Duration::from_secs(seconds) {
        let pick = rng.below(seeds.len());
        let (kind, inputs) = &seeds[pick];
        let input = if *kind == InputKind::ShareLink && rng.below(4) != 0 {
            mutate_link(&mut rng, &states, &tokens)
        } else if *kind == InputKind::State && rng.below(2) == 0 {
            let chosen = rng.below(inputs.len());
            mutate_state(&mut rng, &inputs[chosen]).unwrap_or_else(|| inputs[chosen].clone())
        } else {
            let chosen = rng.below(inputs.len());
            mutate(&mut rng, &inputs[chosen], &all, &tokens)
        };
        runs[pick] += 1;
        let one = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| exercise(*kind, &input)));
        if *kind != InputKind::Scenario {
            let text = String::from_utf8_lossy(&input);
            let loaded = match kind {
                InputKind::ShareLink => share::decode(&text).is_ok(),
                _ => persist::from_json(&text).is_ok(),
            };
            accepted[pick] += usize::from(loaded);
        }
        let took = one.elapsed();
        let problem = match outcome {
            Err(_) => Some(format!("panicked: {}", panic_message.lock().unwrap())),
            Ok(Err(broken)) => Some(broken),
            Ok(Ok(())) if took > SLOW => Some(format!("took {took:?}")),
            Ok(Ok(())) => None,
        };
        if let Some(problem) = problem {
            let name = name_of(*kind, &input);
            if found.insert(name.clone()) {
                std::fs::create_dir_all(&corpus).unwrap();
                std::fs::write(corpus.join(&name), &input).unwrap();
                println!("found: {name}: {problem}");
            }
        }
    }
    let total: usize = runs.iter().sum();
    println!(
        "fuzz: {total} inputs in {:.0} s ({} scenarios; {} states, {} loaded; {} share links, {} opened), {} found; seed {seed}",
        started.elapsed().as_secs_f64(),
        runs[0],
        runs[1],
        accepted[1],
        runs[2],
        accepted[2],
        found.len()
    );
}
