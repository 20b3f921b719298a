//! `studio-access`: runs scenario files natively, for people's CI.
//!
//! `studio-access run FILE...` runs each file on its own from a new account, prints one line per
//! failed entry and per malformed file, closes with `N passed, M failed`, and exits 1 if anything
//! failed.

use std::io::Write;
use std::process::ExitCode;
use studio_access_core::Date;
use studio_access_core::scenario;

const USAGE: &str = "usage: studio-access run FILE...";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match args.split_first() {
        Some((command, files)) if command == "run" && !files.is_empty() => {
            run(files, today(), &mut out)
        }
        Some((flag, _)) if flag == "--help" || flag == "-h" => {
            let _ = writeln!(out, "{USAGE}");
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    ExitCode::from(code)
}

/// The UTC date now: the default `today` of a scenario that sets none.
fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// Runs every file and reports; the exit code is 1 if any entry or file failed.
fn run(files: &[String], today: Date, out: &mut dyn Write) -> u8 {
    let mut passed = 0;
    let mut failed = 0;
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(error) => {
                let _ = writeln!(out, "{file}: cannot read: {error}");
                failed += 1;
                continue;
            }
        };
        match scenario::parse(file, &text) {
            Err(malformed) => {
                let _ = writeln!(out, "{malformed}");
                failed += 1;
            }
            Ok(parsed) => {
                let report = scenario::run(&parsed, today);
                for result in report.results.iter().filter(|r| !r.passed) {
                    let _ = writeln!(out, "{file}: {result}");
                }
                passed += report.passed();
                failed += report.failed();
            }
        }
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    u8::from(failed > 0)
}
