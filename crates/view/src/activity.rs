//! What the Activity screen shows: the kept event log, newest first, what undoing or redoing the
//! latest change would do to access, and the sentences of its counts and steps.

use studio_access_core::diff::AccessDiff;
use studio_access_core::{Date, Event, State};

use crate::words;

/// How many events are listed before "show all" is asked for.
pub const FIRST_ROWS: usize = 100;

/// One event as the log shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventRow {
    /// Its number.
    pub seq: u64,
    /// When it was applied, in words: `2026-12-04 17:03 UTC` by the clock of the console that
    /// applied it, or the simulation's date alone for a change recorded without a time (older
    /// saves, scenario runs).
    pub when: String,
    /// The same moment for a machine (`<time datetime>`): `2026-12-04T17:03:09Z` or
    /// `2026-12-04`.
    pub datetime: String,
    /// The simulation's date, when it is not the day of the time shown (the simulation's date
    /// can be set): `simulated date 2026-03-01`.
    pub simulated: Option<String>,
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
        let date = event.date.to_string();
        let (when, datetime, simulated) = match event.at.map(Moment::of) {
            Some(moment) => {
                let simulated = (moment.date != date).then(|| format!("simulated date {date}"));
                (moment.words(), moment.machine(), simulated)
            }
            None => (date.clone(), date, None),
        };
        EventRow {
            seq: event.seq,
            when,
            datetime,
            simulated,
            who: event.who.to_string(),
            what,
        }
    }
}

/// A moment given in milliseconds since 1970-01-01 00:00 UTC, in its UTC parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moment {
    /// `2026-12-04`.
    pub date: String,
    /// Hours, minutes and seconds of the day.
    pub hms: (u64, u64, u64),
}

impl Moment {
    /// The UTC parts of `millis`; a moment past the year 9999 is its last day.
    pub fn of(millis: u64) -> Moment {
        const DAY: u64 = 86_400_000;
        let days = i64::try_from(millis / DAY).unwrap_or(i64::MAX);
        let seconds = millis % DAY / 1000;
        Moment {
            date: Date::from_days_since_epoch(days).to_string(),
            hms: (seconds / 3600, seconds / 60 % 60, seconds % 60),
        }
    }

    /// `2026-12-04 17:03 UTC`.
    pub fn words(&self) -> String {
        let (hours, minutes, _) = self.hms;
        format!("{} {hours:02}:{minutes:02} UTC", self.date)
    }

    /// `2026-12-04T17:03:09Z`.
    pub fn machine(&self) -> String {
        let (hours, minutes, seconds) = self.hms;
        format!("{}T{hours:02}:{minutes:02}:{seconds:02}Z", self.date)
    }
}

/// The kept log, newest first.
pub fn rows(state: &State) -> Vec<EventRow> {
    state.data().events.iter().rev().map(EventRow::of).collect()
}

/// "3 changes", "3 changes, 1 undone (redo brings it back)".
pub fn counts(done: usize, undone: usize) -> String {
    let changes = if done == 1 { "change" } else { "changes" };
    match undone {
        0 => format!("{done} {changes}"),
        1 => format!("{done} {changes}, 1 undone (redo brings it back)"),
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
                words::noted_lines(diff)
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
        assert_eq!(counts(2, 1), "2 changes, 1 undone (redo brings it back)");
        assert_eq!(counts(2, 2), "2 changes, 2 undone (redo brings them back)");
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

    #[test]
    fn a_change_shows_its_time_or_else_its_date() {
        let mut state = State::new_account("2026-12-04".parse().unwrap());
        let mut entropy = SeededEntropy::new(1);
        let ann = Command::CreateUser { name: "ann".into() };
        state.execute(&Who::root(), &ann, &mut entropy);
        let untimed = &rows(&state)[0];
        assert_eq!(
            (untimed.when.as_str(), untimed.datetime.as_str()),
            ("2026-12-04", "2026-12-04")
        );
        assert_eq!(untimed.simulated, None);
        // 2026-12-04 17:03:09.250 UTC.
        let bob = Command::CreateUser { name: "bob".into() };
        state.execute_at(&Who::root(), &bob, &mut entropy, Some(1_796_403_789_250));
        let timed = &rows(&state)[0];
        assert_eq!(timed.when, "2026-12-04 17:03 UTC");
        assert_eq!(timed.datetime, "2026-12-04T17:03:09Z");
        assert_eq!(timed.simulated, None);
        // The simulation's date moved on: both are said.
        let later = Command::SetDate {
            date: "2027-01-31".into(),
        };
        state.execute(&Who::root(), &later, &mut entropy);
        let cy = Command::CreateUser { name: "cy".into() };
        state.execute_at(&Who::root(), &cy, &mut entropy, Some(1_796_403_789_250));
        let moved = &rows(&state)[0];
        assert_eq!(moved.when, "2026-12-04 17:03 UTC");
        assert_eq!(
            moved.simulated.as_deref(),
            Some("simulated date 2027-01-31")
        );
        // The edges of the clock: its start, the last millisecond of a day, and no end.
        assert_eq!(Moment::of(0).machine(), "1970-01-01T00:00:00Z");
        assert_eq!(Moment::of(86_399_999).words(), "1970-01-01 23:59 UTC");
        assert_eq!(Moment::of(951_782_400_000).date, "2000-02-29");
        assert_eq!(Moment::of(u64::MAX).date, "9999-12-31");
    }
}
