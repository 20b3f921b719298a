//! The console's one source of truth: the core [`State`], the acting identity, and their
//! persistence in `localStorage`.
//!
//! Every change goes through [`Store::run`], which executes a core [`Command`] as the acting
//! identity: the core authorizes and validates it, and a refused command changes nothing. After
//! every applied change the state is saved in core's versioned envelope. Data that cannot be read
//! is kept aside under [`ASIDE_KEY`] and never overwritten until the person decides.

use gloo_storage::Storage as _;
use leptos::prelude::*;
use studio_access_core::persist::Migration;
use studio_access_core::{Command, Date, Entropy, Event, Executed, Outcome, State, Who, persist};

/// Where the state is saved.
pub const STORAGE_KEY: &str = "studio-access.state";
/// Where unreadable saved data is kept aside.
pub const ASIDE_KEY: &str = "studio-access.state.unreadable";
/// Where the acting identity is remembered.
pub const WHO_KEY: &str = "studio-access.who";

/// What a browser keeps for one site in `localStorage`: 5 MiB in every major browser (Chromium
/// counts UTF-16 units, and the saved text is ASCII). A file larger than this cannot be kept, so
/// an import refuses it before reading it.
pub const STORAGE_BYTES: u64 = 5 * 1024 * 1024;

/// A problem with the browser's storage, shown in a banner until resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser offers no `localStorage`: work is kept in this tab only.
    Unavailable,
    /// Saved data could not be read; it is kept aside, and nothing is saved until the person
    /// decides what to do with it.
    Unreadable {
        /// Why it could not be read.
        reason: String,
    },
    /// Saving failed (often: storage full). The work is still here, but not saved.
    SaveFailed {
        /// What the browser said.
        reason: String,
    },
}

/// Secrets for new keys from the browser's cryptographic generator, and from nothing else: where
/// it is missing or fails, there is no secret and so no key (core refuses the step).
struct BrowserEntropy;

impl Entropy for BrowserEntropy {
    fn secret_bytes(&mut self) -> Option<[u8; 16]> {
        let mut bytes = [0u8; 16];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
        filled.then_some(bytes)
    }
}

fn storage() -> Option<web_sys::Storage> {
    let available = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some();
    available.then(gloo_storage::LocalStorage::raw)
}

/// Today's UTC date from the browser's clock.
pub fn browser_today() -> Date {
    let millis = js_sys::Date::now();
    Date::from_days_since_epoch((millis / 86_400_000.0).floor() as i64)
}

/// The browser clock's time in milliseconds since 1970-01-01 UTC, recorded with each change;
/// none when the clock gives no such number.
fn browser_now() -> Option<u64> {
    let millis = js_sys::Date::now();
    (millis.is_finite() && millis >= 0.0).then_some(millis as u64)
}

/// What loading found.
enum Loaded {
    Fresh,
    State(Box<State>, String, Option<Migration>),
    Unreadable { raw: String, reason: String },
}

fn load(storage: &web_sys::Storage) -> Loaded {
    match storage.get_item(STORAGE_KEY) {
        Ok(None) | Err(_) => Loaded::Fresh,
        Ok(Some(raw)) => match persist::load(&raw) {
            Ok(loaded) => Loaded::State(Box::new(loaded.state), raw, loaded.migration),
            Err(error) => Loaded::Unreadable {
                raw,
                reason: error.to_string(),
            },
        },
    }
}

/// The handle every component uses: cheap to copy, provided once by the app. Components read
/// the state and the acting identity through read-only signals and change them through its
/// methods only: nothing outside the store writes the state.
#[derive(Clone, Copy)]
pub struct Store {
    /// The account's state.
    state: RwSignal<State>,
    /// Who the console acts as.
    who: RwSignal<Who>,
    /// A storage problem to show, if any.
    problem: RwSignal<Option<StorageProblem>>,
    /// What migrating the saved data did, when an older version wrote it: said once, at start.
    migrated: RwSignal<Option<Migration>>,
    /// Events undone, newest last, for redo.
    redone: RwSignal<Vec<Event>>,
    /// Whether saving is allowed (not while unreadable data waits for a decision).
    saving: RwSignal<bool>,
    /// The text last written or read, so that an unchanged state is not written again.
    last_saved: StoredValue<String>,
    /// A save is scheduled for after the next frame.
    save_pending: StoredValue<bool>,
}

impl Store {
    /// Loads the saved state (or starts a new account) and starts saving after every change.
    pub fn load_or_new() -> Store {
        let today = browser_today();
        let mut migrated = None;
        let (state, problem, saving, last) = match storage() {
            None => (
                State::new_account(today),
                Some(StorageProblem::Unavailable),
                false,
                String::new(),
            ),
            Some(storage) => match load(&storage) {
                Loaded::Fresh => (State::new_account(today), None, true, String::new()),
                Loaded::State(state, raw, _) if persist::is_current(&raw) => {
                    (*state, None, true, raw)
                }
                // An older version's text is saved again at once in the current form.
                Loaded::State(state, _, migration) => {
                    migrated = migration;
                    (*state, None, true, String::new())
                }
                Loaded::Unreadable { raw, reason } => {
                    // Keep the unreadable text aside; the original stays where it was too.
                    if storage.get_item(ASIDE_KEY).ok().flatten().is_none() {
                        let _ = storage.set_item(ASIDE_KEY, &raw);
                    }
                    (
                        State::new_account(today),
                        Some(StorageProblem::Unreadable { reason }),
                        false,
                        String::new(),
                    )
                }
            },
        };
        let who = storage()
            .and_then(|s| s.get_item(WHO_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str::<Who>(&text).ok())
            .unwrap_or_default();
        let store = Store {
            state: RwSignal::new(state),
            who: RwSignal::new(who),
            problem: RwSignal::new(problem),
            migrated: RwSignal::new(migrated),
            redone: RwSignal::new(Vec::new()),
            saving: RwSignal::new(saving),
            last_saved: StoredValue::new(last),
            save_pending: StoredValue::new(false),
        };
        let fresh = store.last_saved.with_value(String::is_empty);
        store.start_saving(fresh);
        store.follow_other_tabs();
        store
    }

    /// The account's state, to read.
    pub fn state(&self) -> ReadSignal<State> {
        self.state.read_only()
    }

    /// Who the console acts as, to read.
    pub fn who(&self) -> ReadSignal<Who> {
        self.who.read_only()
    }

    /// Acts as `who` from now on (remembered in the browser).
    pub fn act_as(&self, who: Who) {
        self.who.set(who);
    }

    /// A storage problem to show, if any.
    pub fn problem(&self) -> ReadSignal<Option<StorageProblem>> {
        self.problem.read_only()
    }

    /// What migrating the saved data did, until dismissed.
    pub fn migrated(&self) -> ReadSignal<Option<Migration>> {
        self.migrated.read_only()
    }

    /// Stops saying what migrating the saved data did.
    pub fn dismiss_migration(&self) {
        self.migrated.set(None);
    }

    /// The store provided by the app.
    pub fn get() -> Store {
        use_context::<Store>().unwrap_or_else(|| {
            let store = Store::load_or_new();
            provide_context(store);
            store
        })
    }

    /// Saves after every change, but off the interaction: the save runs once the frame that
    /// shows the change has been painted, several quick changes make one save, and a pending
    /// save is written at once when the page is hidden or left, or the app unmounts.
    fn start_saving(self, fresh: bool) {
        Effect::new(move |previous: Option<()>| {
            self.state.track();
            if !self.saving.get() {
                return;
            }
            match previous {
                // A new account is saved at once; a loaded one is already saved.
                None if fresh => {
                    self.save_pending.set_value(true);
                    self.flush();
                }
                None => {}
                Some(()) => self.schedule_save(),
            }
        });
        let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().hidden() {
                self.flush();
            }
        });
        let leaving = window_event_listener(leptos::ev::pagehide, move |_| self.flush());
        on_cleanup(move || {
            hidden.remove();
            leaving.remove();
            self.flush();
        });
        Effect::new(move |_| {
            let who = self.who.get();
            if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&who)) {
                let _ = storage.set_item(WHO_KEY, &text);
            }
        });
    }

    fn schedule_save(self) {
        if self.save_pending.get_value() {
            return;
        }
        self.save_pending.set_value(true);
        request_animation_frame(move || {
            set_timeout(move || self.flush(), std::time::Duration::ZERO);
        });
    }

    /// Writes a scheduled save now.
    pub fn flush(self) {
        // On unmount this may run while the store's values are being disposed: ask, never assume.
        let pending = self.save_pending.try_get_value().unwrap_or(false);
        if !pending || !self.saving.try_get_untracked().unwrap_or(false) {
            return;
        }
        self.save_pending.try_set_value(false);
        if let Some(text) = self.state.try_with_untracked(persist::to_json) {
            self.save_text(text);
        }
    }

    fn save_text(self, text: String) {
        if self
            .last_saved
            .try_with_value(|last| *last == text)
            .unwrap_or(true)
        {
            return;
        }
        let Some(storage) = storage() else {
            return;
        };
        match storage.set_item(STORAGE_KEY, &text) {
            Ok(()) => {
                self.last_saved.try_set_value(text);
                let failed = matches!(
                    self.problem.try_get_untracked().flatten(),
                    Some(StorageProblem::SaveFailed { .. })
                );
                if failed {
                    self.problem.try_set(None);
                }
            }
            Err(error) => {
                let reason = error
                    .as_string()
                    .or_else(|| {
                        js_sys::Reflect::get(&error, &"message".into())
                            .ok()
                            .and_then(|m| m.as_string())
                    })
                    .unwrap_or_else(|| "the browser refused to store the data".to_owned());
                self.problem
                    .try_set(Some(StorageProblem::SaveFailed { reason }));
            }
        }
    }

    /// Another tab saved: take its state (when readable) without writing it back.
    fn follow_other_tabs(self) {
        let handle = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() != Some(STORAGE_KEY) || !self.saving.get_untracked() {
                return;
            }
            let Some(text) = event.new_value() else {
                return;
            };
            if let Ok(state) = persist::from_json(&text) {
                self.last_saved.set_value(text);
                self.redone.set(Vec::new());
                self.state.set(state);
            }
        });
        on_cleanup(move || handle.remove());
    }

    /// Executes a command as the acting identity. A refused command changes nothing.
    pub fn run(self, command: &Command) -> Executed {
        let who = self.who.get_untracked();
        self.run_as(&who, command)
    }

    /// Executes a command as `who`.
    pub fn run_as(self, who: &Who, command: &Command) -> Executed {
        // Plan first without notifying anyone: a refused or idle step leaves every view alone.
        match self.state.with_untracked(|state| state.plan(who, command)) {
            Err(refusal) => {
                return Executed {
                    outcome: refusal.outcome,
                    refusal: Some(refusal),
                    secret: None,
                };
            }
            Ok(studio_access_core::Change::Nothing) => {
                return Executed {
                    outcome: Outcome::Ok,
                    refusal: None,
                    secret: None,
                };
            }
            Ok(_) => {}
        }
        let mut executed = None;
        self.state.update(|state| {
            executed = Some(state.execute_at(who, command, &mut BrowserEntropy, browser_now()));
        });
        #[allow(clippy::expect_used)]
        // PANIC SAFETY: `update` runs its closure before it returns, on a signal that is alive
        // (it was read a moment ago in this same call, which would have panicked otherwise).
        let executed = executed.expect("update runs its closure");
        if executed.outcome == Outcome::Ok {
            self.redone.set(Vec::new());
        }
        executed
    }

    /// Replaces the whole state (import, reset, sample, scenario result), clearing redo.
    pub fn replace(self, state: State) {
        self.redone.set(Vec::new());
        self.state.set(state);
    }

    /// How many changes can be undone (the kept events) and redone.
    pub fn history(self) -> (usize, usize) {
        (
            self.state.with(|s| s.data().events.len()),
            self.redone.with(Vec::len),
        )
    }

    /// What undo would do, without doing it: the latest kept change and the state before it
    /// (the earlier kept changes replayed from the checkpoint). `None` when there is nothing to
    /// undo; an error when the replay fails. Reads the state untracked.
    pub fn undo_preview(self) -> Option<Result<(Event, State), String>> {
        self.state.with_untracked(|s| {
            let kept = s.data().events.len();
            let last = s.data().events.last().cloned()?;
            let before = kept.checked_sub(1)?;
            Some(
                s.replay_kept(before)
                    .map(|state| (last, state))
                    .map_err(|e| e.to_string()),
            )
        })
    }

    /// What redo would do, without doing it: the latest undone change and the state with it
    /// applied again. `None` when there is nothing to redo. Reads the state untracked.
    pub fn redo_preview(self) -> Option<Result<(Event, State), String>> {
        let event = self.redone.with_untracked(|r| r.last().cloned())?;
        let mut state = self.state.get_untracked();
        Some(
            state
                .reapply(&event)
                .map(|()| (event, state))
                .map_err(|e| e.to_string()),
        )
    }

    /// Undoes the latest change by replaying the earlier kept ones from the checkpoint. Changes
    /// folded into the checkpoint cannot be undone. Returns why it could not.
    pub fn undo(self) -> Result<(), String> {
        let (last, state) = self
            .undo_preview()
            .ok_or_else(|| "nothing to undo".to_owned())??;
        self.redone.update(|r| r.push(last));
        self.state.set(state);
        Ok(())
    }

    /// Redoes the latest undone change: applies its event again.
    pub fn redo(self) -> Result<(), String> {
        let (_, state) = self
            .redo_preview()
            .ok_or_else(|| "nothing to redo".to_owned())??;
        self.redone.update(|r| {
            r.pop();
        });
        self.state.set(state);
        Ok(())
    }

    /// The unreadable data kept aside, if any.
    pub fn aside(self) -> Option<String> {
        storage().and_then(|s| s.get_item(ASIDE_KEY).ok().flatten())
    }

    /// The person decided: start from the state shown now and save from here on. The data kept
    /// aside stays aside until [`Store::discard_aside`].
    pub fn resume_saving(self) {
        self.saving.set(true);
        self.problem.set(None);
        let text = self.state.with_untracked(persist::to_json);
        self.save_text(text);
    }

    /// Forgets the data kept aside.
    pub fn discard_aside(self) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(ASIDE_KEY);
        }
    }
}
