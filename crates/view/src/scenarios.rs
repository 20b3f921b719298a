//! What the Scenarios screen offers and says: the sample files, where a run starts, the run
//! itself (core's scenario runner, on a copy: the console's state is never touched), and the
//! sentences around it.

use studio_access_core::scenario::{self, EntryResult, Malformed};
use studio_access_core::{Date, State};

use crate::report::{self, EntryRun};
use crate::words;

/// A sample scenario offered on the screen: one of the repository's `examples/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    /// Its id, the stem of its file name and of its button's test id.
    pub id: &'static str,
    /// Its button's text.
    pub title: &'static str,
    /// The file.
    pub text: &'static str,
}

impl Sample {
    /// The file name a loaded sample runs under.
    pub fn file_name(&self) -> String {
        format!("{}.toml", self.id)
    }

    /// Where it runs once loaded: every sample is written for a new account (it creates the
    /// workspaces and users it speaks of), and fails on a copy of one that has them already.
    pub fn start(&self) -> Start {
        Start::NewAccount
    }

    /// What is said once it is loaded.
    pub fn loaded(&self) -> String {
        format!(
            "Loaded the {} sample. It runs on {}, as it was written for one.",
            self.title,
            self.start().words()
        )
    }
}

/// A sample by its id, read from `examples/<id>.toml`.
macro_rules! sample {
    ($id:literal, $title:literal) => {
        Sample {
            id: $id,
            title: $title,
            text: include_str!(concat!("../../../examples/", $id, ".toml")),
        }
    };
}

/// The samples: the example of SPEC section 8, then the walk-throughs of `examples/`.
pub static SAMPLES: [Sample; 4] = [
    sample!("spec-example", "SPEC example"),
    sample!("project-member", "Project member"),
    sample!("administrator", "Administrator"),
    sample!("api-key-lifecycle", "API key lifecycle"),
];

/// Where a scenario runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// A copy of the console's current state.
    Current,
    /// A new account, dated by the file's `today` (else today).
    NewAccount,
}

impl Start {
    /// Both, in the order offered.
    pub const ALL: [Start; 2] = [Start::Current, Start::NewAccount];

    /// The radio button's value and test id stem.
    pub fn value(self) -> &'static str {
        match self {
            Start::Current => "current",
            Start::NewAccount => "new",
        }
    }

    /// The choice in words.
    pub fn words(self) -> &'static str {
        match self {
            Start::Current => "a copy of the current state",
            Start::NewAccount => "a new account",
        }
    }
}

/// What a run came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Ran {
    /// The file could not run.
    Malformed(Malformed),
    /// It ran: every entry, where it started, and the state it left.
    Report {
        /// The file's name.
        file: String,
        /// Entry by entry, each failed one with why, as the command line says it
        /// ([`report::run_entries`]).
        entries: Vec<EntryRun>,
        /// Where it started.
        start: Start,
        /// The state it left.
        state: Box<State>,
    },
}

/// The name a text loaded from `file` runs under once edited: its line numbers are the edited
/// text's, not the file's (a new user's walk: a pasted text ran under the sample's name).
pub fn edited_name(file: &str) -> String {
    format!("{file} (edited)")
}

/// Parses and runs the scenario `text` (named `file`) from `start`; a new account is dated by
/// the file's `today`, else by `today`. `current` is not touched.
pub fn run(file: &str, text: &str, start: Start, current: &State, today: Date) -> Ran {
    let parsed = match scenario::parse(file, text) {
        Ok(parsed) => parsed,
        Err(malformed) => return Ran::Malformed(malformed),
    };
    let state = match start {
        Start::Current => current.clone(),
        Start::NewAccount => State::new_account(parsed.today.unwrap_or(today)),
    };
    let (entries, state) = report::run_entries(&parsed, state);
    Ran::Report {
        file: parsed.file,
        entries,
        start,
        state: Box::new(state),
    }
}

/// Why a run's report no longer answers what the screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stale {
    /// The file, or where it starts, has changed since the run.
    File,
    /// It ran on a copy of the console's data, which have changed since (a new user's walk:
    /// keeping such a result threw away the sample organisation loaded after the run).
    Data,
}

impl Stale {
    /// Said above the report, whose Keep is disabled meanwhile.
    pub fn words(self) -> &'static str {
        match self {
            Stale::File => {
                "The file or where it starts has changed since this run: the report below answers the scenario as it was run. Run it again for the one shown."
            }
            Stale::Data => {
                "The console's data have changed since this run, which ran on a copy of them: keeping its result would throw those changes away. Run it again to keep a result."
            }
        }
    }
}

/// How many entries failed.
pub fn failed(entries: &[EntryRun]) -> usize {
    entries.iter().filter(|e| !e.result.passed).count()
}

/// "3 passed, 1 failed"; for a file without entries, that nothing ran.
pub fn summary(entries: &[EntryRun]) -> String {
    if entries.is_empty() {
        return "Nothing ran: the scenario holds no `[[step]]` entries.".to_owned();
    }
    let failed = failed(entries);
    format!("{} passed, {failed} failed", entries.len() - failed)
}

/// "`a.toml` ran on a new account."
pub fn ran_on(file: &str, start: Start) -> String {
    format!("`{file}` ran on {}.", start.words())
}

/// An entry's verdict: its CSS modifier and `data-result` (`passed`, `failed`), and its text.
pub fn verdict(entry: &EntryResult) -> (&'static str, &'static str) {
    if entry.passed {
        ("passed", "✓ passed")
    } else {
        ("failed", "✗ failed")
    }
}

/// What is said once the console holds a run's resulting state.
pub fn kept(state: &State) -> String {
    format!(
        "The console now holds the scenario's resulting state ({} in its activity).",
        words::counted(
            usize::try_from(words::history_len(state)).unwrap_or(usize::MAX),
            "change",
            "changes",
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        "2026-11-22".parse().unwrap()
    }

    #[test]
    fn every_sample_runs_clean_where_loading_it_starts_whatever_the_console_holds() {
        // The sample organisation has the project-a and user-01 that "Project member" creates.
        let current = studio_access_core::sample::sample_organisation(today());
        for sample in &SAMPLES {
            match run(
                &sample.file_name(),
                sample.text,
                sample.start(),
                &current,
                today(),
            ) {
                Ran::Report { entries, .. } => {
                    assert_eq!(failed(&entries), 0, "{}: {}", sample.id, summary(&entries));
                    assert!(!entries.is_empty());
                }
                Ran::Malformed(malformed) => panic!("{malformed}"),
            }
        }
    }

    #[test]
    fn a_run_leaves_the_current_state_alone_and_says_where_it_ran() {
        let current = State::new_account(today());
        let text = "[[step]]\nop = \"create-user\"\nname = \"ann\"\n";
        let Ran::Report {
            file,
            entries,
            state,
            start,
        } = run("a.toml", text, Start::Current, &current, today())
        else {
            panic!("ran");
        };
        assert_eq!(summary(&entries), "1 passed, 0 failed");
        assert_eq!(
            ran_on(&file, start),
            "`a.toml` ran on a copy of the current state."
        );
        assert_eq!(verdict(&entries[0].result).0, "passed");
        assert!(state.user_id("ann").is_some());
        assert!(current.user_id("ann").is_none());
        assert!(kept(&state).contains("(1 change in its activity)"));
    }

    /// Issue 13: a scenario without entries reported "0 passed, 0 failed", as if it had run.
    #[test]
    fn a_scenario_without_entries_says_nothing_ran() {
        let current = State::new_account(today());
        let Ran::Report { entries, .. } = run(
            "a.toml",
            "today = \"2026-06-01\"\n",
            Start::Current,
            &current,
            today(),
        ) else {
            panic!("ran");
        };
        assert_eq!(
            summary(&entries),
            "Nothing ran: the scenario holds no `[[step]]` entries."
        );
    }

    /// Issue 13: a failed entry showed only "✗ failed" where the command line says why; the
    /// run carries the same explanation (the step, what was expected, what it came to).
    #[test]
    fn a_failed_entry_says_why() {
        let current = State::new_account(today());
        let text = "[[step]]\nop = \"create-user\"\nname = \"ann\"\n\n[[step]]\nop = \"create-user\"\nname = \"ann\"\n";
        let Ran::Report { entries, .. } = run("a.toml", text, Start::Current, &current, today())
        else {
            panic!("ran");
        };
        assert_eq!(summary(&entries), "1 passed, 1 failed");
        let lines = entries[1].explanation.as_ref().unwrap().lines();
        assert_eq!(lines[0], "step:     Create RAM user `ann` (as root)");
        assert_eq!(lines[1], "expected: Done.");
        assert!(
            lines[2].starts_with("got:      Refused (duplicate)"),
            "{lines:?}"
        );
        assert!(entries[0].explanation.is_none());
    }

    #[test]
    fn a_malformed_file_runs_nothing() {
        let current = State::new_account(today());
        let ran = run(
            "b.toml",
            "[[step]]\nop = 3\n",
            Start::NewAccount,
            &current,
            today(),
        );
        assert!(matches!(ran, Ran::Malformed(m) if m.file == "b.toml" && m.line >= 1));
    }
}
