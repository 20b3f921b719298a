//! What the Compare screen shows: where each side's state comes from (the current state, a point
//! of the activity log, a state file), how a side is named, the choices of a side, and the access
//! diff of the two (core's `diff`), or why there is none yet.

use std::borrow::Cow;

use studio_access_core::State;
use studio_access_core::diff::{self, AccessDiff};

use crate::words;

/// Where one side's state comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The console's current state.
    Current,
    /// The start of the kept activity log, before its first change.
    Start,
    /// Right after the kept change with this number.
    After(u64),
    /// A state file, picked or pasted.
    File,
}

impl Source {
    /// Reads a side from the address: `current`, `start`, `file` or a change's number.
    pub fn parse(text: &str) -> Option<Source> {
        match text {
            "current" => Some(Source::Current),
            "start" => Some(Source::Start),
            "file" => Some(Source::File),
            number => number.parse().ok().map(Source::After),
        }
    }

    /// The side as the address and the choice list spell it.
    pub fn value(self) -> String {
        match self {
            Source::Current => "current".to_owned(),
            Source::Start => "start".to_owned(),
            Source::After(seq) => seq.to_string(),
            Source::File => "file".to_owned(),
        }
    }
}

/// One of the two sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// The state compared from.
    Before,
    /// The state compared to.
    After,
}

impl Which {
    /// `before` or `after`: the address parameter and the test id stem.
    pub fn name(self) -> &'static str {
        match self {
            Which::Before => "before",
            Which::After => "after",
        }
    }

    /// The side's legend.
    pub fn legend(self) -> &'static str {
        match self {
            Which::Before => "Before",
            Which::After => "After",
        }
    }

    /// The label of the side's choice of state, which tells the two lists apart when read
    /// alone (a screen reader's list of form fields).
    pub fn field_label(self) -> &'static str {
        match self {
            Which::Before => "State before",
            Which::After => "State after",
        }
    }

    /// The side when the address does not name it: the log's start against the current state.
    pub fn default_source(self) -> Source {
        match self {
            Which::Before => Source::Start,
            Which::After => Source::Current,
        }
    }
}

/// A state read from a file or pasted text.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// How it is named in sentences: `` `name.json` `` or "the pasted text".
    pub label: String,
    /// The state.
    pub state: State,
}

/// How the start of the kept log is named: the account's start, or the checkpoint that holds
/// the changes folded out of the log.
pub fn start_of_log(state: &State) -> String {
    match state.data().folded {
        0 => "the start of the log".to_owned(),
        folded => format!("the start of the kept log (after change #{folded})"),
    }
}

/// The state a side stands for, or why there is none.
pub fn resolve<'a>(
    current: &'a State,
    which: Which,
    source: Source,
    file: Option<&'a Loaded>,
) -> Result<Cow<'a, State>, String> {
    match source {
        Source::Current => Ok(Cow::Borrowed(current)),
        Source::File => file
            .map(|loaded| Cow::Borrowed(&loaded.state))
            .ok_or_else(|| words::compare_no_file(which.name())),
        Source::Start => replay(current, 0),
        Source::After(seq) => {
            let at = current
                .data()
                .events
                .iter()
                .position(|event| event.seq == seq)
                .ok_or_else(|| words::compare_no_change(seq, current.data().folded))?;
            replay(current, at + 1)
        }
    }
}

/// The state after the first `kept` changes of the kept log, replayed on a copy.
fn replay(state: &State, kept: usize) -> Result<Cow<'static, State>, String> {
    state
        .replay_kept(kept)
        .map(Cow::Owned)
        .map_err(|error| error.to_string())
}

/// How a side is named in the result's sentence.
pub fn describe(current: &State, source: Source, file: Option<&Loaded>) -> String {
    match source {
        Source::Current => "the current state".to_owned(),
        Source::Start => start_of_log(current),
        Source::After(seq) => format!("after change #{seq}"),
        Source::File => file.map_or_else(|| "a state file".to_owned(), |f| f.label.clone()),
    }
}

/// The choices of a side as (value, text): the current state, a file, then the log from its
/// newest change back to its start.
pub fn choices(state: &State) -> Vec<(String, String)> {
    let mut out = vec![
        (Source::Current.value(), "The current state".to_owned()),
        (Source::File.value(), "A state file…".to_owned()),
    ];
    out.extend(state.data().events.iter().rev().map(|event| {
        (
            Source::After(event.seq).value(),
            format!(
                "After change #{}: {}",
                event.seq,
                words::plain(&words::command(&event.command))
            ),
        )
    }));
    let mut start = start_of_log(state);
    if let Some(first) = start.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out.push((Source::Start.value(), start));
    out
}

/// The compared sides and their diff, or why there is no diff to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    /// How the before side is named.
    pub before: String,
    /// How the after side is named.
    pub after: String,
    /// The diff, or why there is none.
    pub diff: Result<AccessDiff, String>,
    /// A side waits for a file: no diff yet, which is not a problem.
    pub waiting: bool,
}

/// The two sides compared.
pub fn compare(
    current: &State,
    (before, before_file): (Source, Option<&Loaded>),
    (after, after_file): (Source, Option<&Loaded>),
) -> Compared {
    let diff = resolve(current, Which::Before, before, before_file).and_then(|old| {
        resolve(current, Which::After, after, after_file).map(|new| diff::diff(&old, &new))
    });
    Compared {
        before: describe(current, before, before_file),
        after: describe(current, after, after_file),
        diff,
        waiting: (before == Source::File && before_file.is_none())
            || (after == Source::File && after_file.is_none()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio_access_core::{Command, Outcome, SeededEntropy, Who};

    fn state() -> State {
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        for name in ["ann", "bob"] {
            let step = Command::CreateUser { name: name.into() };
            let executed = state.execute(&Who::root(), &step, &mut entropy);
            assert_eq!(executed.outcome, Outcome::Ok);
        }
        state
    }

    #[test]
    fn sources_read_back_what_they_write() {
        for source in [
            Source::Current,
            Source::Start,
            Source::File,
            Source::After(7),
        ] {
            assert_eq!(Source::parse(&source.value()), Some(source));
        }
        assert_eq!(Source::parse("seven"), None);
        assert_eq!(Which::Before.default_source(), Source::Start);
    }

    #[test]
    fn the_choices_run_from_the_newest_change_back_to_the_start() {
        let state = state();
        let values: Vec<String> = choices(&state).into_iter().map(|(v, _)| v).collect();
        let seqs: Vec<String> = state
            .data()
            .events
            .iter()
            .rev()
            .map(|e| e.seq.to_string())
            .collect();
        let mut wanted = vec!["current".to_owned(), "file".to_owned()];
        wanted.extend(seqs);
        wanted.push("start".to_owned());
        assert_eq!(values, wanted);
        assert_eq!(choices(&state).last().unwrap().1, "The start of the log");
    }

    #[test]
    fn a_comparison_names_its_sides_and_waits_for_a_file() {
        let state = state();
        let first = state.data().events[0].seq;
        let compared = compare(
            &state,
            (Source::After(first), None),
            (Source::Current, None),
        );
        assert_eq!(compared.before, format!("after change #{first}"));
        assert_eq!(compared.after, "the current state");
        assert!(!compared.diff.unwrap().is_empty(), "bob was created since");
        let waiting = compare(&state, (Source::Current, None), (Source::File, None));
        assert!(waiting.waiting);
        assert_eq!(waiting.diff, Err(words::compare_no_file("after")));
        let missing = compare(&state, (Source::After(999), None), (Source::Current, None));
        assert!(!missing.waiting && missing.diff.is_err());
        let file = Loaded {
            label: "the pasted text".into(),
            state: state.clone(),
        };
        let same = compare(&state, (Source::File, Some(&file)), (Source::Current, None));
        assert!(same.diff.unwrap().is_empty());
        assert_eq!(same.before, "the pasted text");
    }
}
