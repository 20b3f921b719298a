//! What the Activity screen shows: the kept event log, newest first, what undoing or redoing the
//! latest change would do to access, and the sentences of its counts and steps.

use studio_access_core::diff::AccessDiff;
use studio_access_core::{Event, State};

use crate::words;

/// How many events are listed before "show all" is asked for.
pub const FIRST_ROWS: usize = 100;

/// One event as the log shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventRow {
    /// Its number.
    pub seq: u64,
    /// Its date.
    pub date: String,
    /// Who did it.
    pub who: String,
    /// What was done, with the masked secret a key creation issued.
    pub what: String,
}

impl EventRow {
    /// The row of `event`.
    pub fn of(event: &Event) -> EventRow {
        let mut what = words::command(&event.command);
        if let Some(issued) = &event.issued {
            what.push_str(&format!(" (secret {})", issued.masked));
        }
        EventRow {
            seq: event.seq,
            date: event.date.to_string(),
            who: event.who.to_string(),
            what,
        }
    }
}

/// The kept log, newest first.
pub fn rows(state: &State) -> Vec<EventRow> {
    state.data().events.iter().rev().map(EventRow::of).collect()
}

/// "3 changes", "3 changes, 1 undone (redo brings them back)".
pub fn counts(done: usize, undone: usize) -> String {
    let changes = if done == 1 { "change" } else { "changes" };
    match undone {
        0 => format!("{done} {changes}"),
        n => format!("{done} {changes}, {n} undone (redo brings them back)"),
    }
}

/// The latest change in words, "#4 Created user `ann`", for the undo and redo messages.
pub fn latest(state: &State) -> Option<String> {
    state
        .data()
        .events
        .last()
        .map(|e| format!("#{} {}", e.seq, words::command(&e.command)))
}

/// Which history step a person is looking at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Take back the latest change.
    Undo,
    /// Apply the latest undone change again.
    Redo,
}

impl Step {
    /// What is said once the step ran: `Ok` with the change it concerned, or why it could not.
    pub fn said(
        self,
        result: Result<(), String>,
        change: Option<String>,
    ) -> Result<String, String> {
        let change = change.unwrap_or_default();
        match (self, result) {
            (Step::Undo, Ok(())) => Ok(format!("Undone: {change}.")),
            (Step::Redo, Ok(())) => Ok(format!("Redone: {change}.")),
            (Step::Undo, Err(why)) => Err(format!("Cannot undo: {why}.")),
            (Step::Redo, Err(why)) => Err(format!("Cannot redo: {why}.")),
        }
    }
}

/// Which way a step moves access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// It grants something.
    Widens,
    /// It takes something away, or fails.
    Narrows,
    /// Both, or neither.
    Mixed,
}

/// What a history step would change, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepEffect {
    /// The sentence.
    pub title: String,
    /// The changes in access (or the renames, when access does not change).
    pub lines: Vec<String>,
    /// Which way it moves access.
    pub tone: Tone,
}

/// What `step` would do: `planned` is the change it takes back or applies again with the state
/// it would leave, or why it would fail; `diff` is the access diff from the state shown to that
/// one.
pub fn step_effect(step: Step, planned: Result<(&Event, &AccessDiff), String>) -> StepEffect {
    let undo = step == Step::Undo;
    match planned {
        Ok((event, diff)) => {
            let lines = if diff.is_empty() {
                // A rename alone: no change in access, but say it.
                words::renamed_lines(diff)
            } else {
                words::diff_lines_grouped(diff)
            };
            let tone = match (diff.widens(), diff.narrows()) {
                (true, false) => Tone::Widens,
                (false, true) => Tone::Narrows,
                _ => Tone::Mixed,
            };
            StepEffect {
                title: words::history_step_would(undo, event, !diff.is_empty()),
                lines,
                tone,
            }
        }
        Err(why) => StepEffect {
            title: words::history_step_fails(undo, &why),
            lines: Vec::new(),
            tone: Tone::Narrows,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio_access_core::diff::diff;
    use studio_access_core::{Command, Outcome, SeededEntropy, Who};

    #[test]
    fn the_log_runs_newest_first_and_steps_say_what_they_would_do() {
        let mut state = State::new_account("2026-11-22".parse().unwrap());
        let before = state.clone();
        let mut entropy = SeededEntropy::new(1);
        let step = Command::CreateUser { name: "ann".into() };
        let executed = state.execute(&Who::root(), &step, &mut entropy);
        assert_eq!(executed.outcome, Outcome::Ok);
        let rows = rows(&state);
        assert_eq!(rows[0].seq, state.data().events.last().unwrap().seq);
        assert_eq!(counts(1, 0), "1 change");
        assert_eq!(counts(2, 1), "2 changes, 1 undone (redo brings them back)");
        let latest = latest(&state);
        assert!(latest.as_deref().unwrap().contains("ann"));
        assert_eq!(
            Step::Undo.said(Ok(()), latest.clone()),
            Ok(format!("Undone: {}.", latest.unwrap()))
        );
        assert_eq!(
            Step::Redo.said(Err("nothing to redo".into()), None),
            Err("Cannot redo: nothing to redo.".to_owned())
        );
        let event = state.data().events.last().unwrap();
        let undoing = diff(&state, &before);
        let effect = step_effect(Step::Undo, Ok((event, &undoing)));
        assert_eq!(
            effect.title,
            words::history_step_would(true, event, !undoing.is_empty())
        );
        let failing = step_effect(Step::Redo, Err("gone".into()));
        assert_eq!(failing.tone, Tone::Narrows);
        assert!(failing.lines.is_empty());
    }
}
