//! The matrix's staged changes: a reactive handle the app provides, whose planning and words are
//! `studio_access_view::matrix`'s.

use leptos::prelude::*;
use studio_access_core::{Command, PagePreset, State};
use studio_access_view::matrix::{
    self, Activation, Applied, Basis, CellAction, GridRow, Staged, StagedCell,
};

use crate::components::Feedback;
use crate::store::Store;

/// The matrix's staged changes, in the order they were staged. They belong to the app, not to
/// the page (so they survive filters, scrolling and visits to other pages), live in memory only
/// (a reload drops them), and are dropped, with a notice, when the state changes underneath them.
#[derive(Clone, Copy)]
pub struct Staging {
    store: Store,
    staged: RwSignal<Vec<Staged>>,
    /// The state the staged changes were planned on.
    basis: StoredValue<Option<Basis>>,
    /// The state with the staged changes applied, which the next one is planned on: made when a
    /// second change is staged, then kept up to date change by change.
    projected: StoredValue<Option<State>>,
    /// Why staged changes were dropped, until something is staged again.
    dropped: RwSignal<Option<String>>,
}

impl Staging {
    /// Nothing staged yet. The app provides one (see `App`), as it does the compare inbox.
    pub fn new(store: Store) -> Staging {
        let staging = Staging {
            store,
            staged: RwSignal::new(Vec::new()),
            basis: StoredValue::new(None),
            projected: StoredValue::new(None),
            dropped: RwSignal::new(None),
        };
        staging.drop_when_the_state_moves();
        staging
    }

    /// The app's staging; a matrix mounted on its own (without the app) gets one of its own.
    pub(super) fn get(store: Store) -> Staging {
        use_context::<Staging>().unwrap_or_else(|| {
            let staging = Staging::new(store);
            provide_context(staging);
            staging
        })
    }

    fn drop_when_the_state_moves(self) {
        Effect::new(move |_| {
            let now = self.store.state().with(Basis::of);
            let count = self.staged.with_untracked(Vec::len);
            if count == 0 || self.basis.with_value(|basis| basis.as_ref() == Some(&now)) {
                return;
            }
            self.forget();
            self.dropped.set(Some(matrix::dropped_notice(count)));
        });
    }

    fn forget(self) {
        self.staged.set(Vec::new());
        self.basis.set_value(None);
        self.projected.set_value(None);
    }

    /// How many changes are staged (tracked).
    pub(super) fn count(self) -> usize {
        self.staged.with(Vec::len)
    }

    /// The staged cells, as the grid marks them (tracked).
    pub(super) fn cells(self) -> Vec<StagedCell> {
        self.staged
            .with(|all| all.iter().map(Staged::cell).collect())
    }

    /// The staged commands, in order (tracked).
    pub(super) fn commands(self) -> Vec<Command> {
        self.staged
            .with(|all| all.iter().map(|staged| staged.command.clone()).collect())
    }

    /// Why staged changes were last dropped, if they were (tracked).
    pub(super) fn dropped(self) -> Option<String> {
        self.dropped.get()
    }

    fn staged_at(self, action: CellAction) -> Option<Command> {
        self.staged.with_untracked(|all| {
            all.iter()
                .find(|staged| staged.action == action)
                .map(|staged| staged.command.clone())
        })
    }

    /// Runs `f` on the state with the changes already staged applied (made when first needed
    /// after a change is staged, then kept up to date change by change).
    fn with_projected<T>(self, f: impl FnOnce(&State) -> T) -> T {
        let staged = self.staged.with_untracked(|all| !all.is_empty());
        if staged && self.projected.with_value(Option::is_none) {
            let who = self.store.who().get_untracked();
            let mut projected = self.store.state().get_untracked();
            self.staged.with_untracked(|staged| {
                matrix::project(
                    &mut projected,
                    &who,
                    staged.iter().map(|step| &step.command),
                );
            });
            self.projected.set_value(Some(projected));
        }
        self.projected.with_value(|projected| match projected {
            Some(state) if staged => f(state),
            _ => self.store.state().with_untracked(f),
        })
    }

    /// The command activating `action` would stage, planned as the acting identity on the
    /// state with the changes already staged; or why there is none.
    fn plan(self, action: CellAction) -> Result<Command, String> {
        let who = self.store.who().get_untracked();
        self.with_projected(|state| matrix::plan(state, &who, action))
    }

    /// Stages what activating `action` does, or unstages the change already staged there.
    pub(super) fn toggle(self, action: CellAction) -> Feedback {
        self.dropped.set(None);
        let activation = self.activate(action);
        if activation.is_refused() {
            Feedback::Refused(activation.done())
        } else {
            Feedback::Done(activation.done())
        }
    }

    /// Stages what `preset` adds to `row`, cell by cell as a person would (the membership first
    /// for a non-member); stops at the first cell refused.
    pub(super) fn stage_preset(self, row: GridRow, preset: PagePreset) -> Feedback {
        self.dropped.set(None);
        let cells = self.with_projected(|state| matrix::preset_cells(state, row, &preset));
        let (mut staged, mut refused) = (0, None);
        for action in cells {
            match self.activate(action) {
                Activation::Refused(why) => {
                    refused = Some(why);
                    break;
                }
                _ => staged += 1,
            }
        }
        let words = self.store.state().with_untracked(|state| {
            matrix::preset_staged(
                &preset,
                state.member_name(row.member).unwrap_or_default(),
                state.workspace_name(row.workspace).unwrap_or_default(),
                staged,
                refused.clone(),
            )
        });
        if refused.is_some() {
            Feedback::Refused(words)
        } else {
            Feedback::Done(words)
        }
    }

    /// Activates the cell `action`: stages what it does, or unstages what is staged there.
    fn activate(self, action: CellAction) -> Activation {
        let activation = Activation::new(self.staged_at(action), || self.plan(action));
        match &activation {
            Activation::Refused(_) => {}
            Activation::Unstage(_) => {
                self.staged
                    .update(|all| all.retain(|other| other.action != action));
                self.projected.set_value(None);
                if self.staged.with_untracked(Vec::is_empty) {
                    self.basis.set_value(None);
                }
            }
            Activation::Stage(command) => {
                if self.staged.with_untracked(Vec::is_empty) {
                    self.basis
                        .set_value(Some(self.store.state().with_untracked(Basis::of)));
                }
                let who = self.store.who().get_untracked();
                self.projected.update_value(|projected| {
                    if let Some(state) = projected {
                        matrix::project(state, &who, [command]);
                    }
                });
                let command = command.clone();
                self.staged
                    .update(|all| all.push(Staged { action, command }));
            }
        }
        activation
    }

    /// What activating `action` would do, for the panel that explains the cell in focus.
    pub(super) fn describe(self, action: CellAction) -> String {
        self.staged.track();
        self.store.who().track();
        self.store.state().track();
        Activation::new(self.staged_at(action), || self.plan(action)).hint()
    }

    /// Runs the staged changes through the store in order, one event each, as the acting
    /// identity; stops at the first refused one, which stays staged with those after it.
    pub(super) fn apply(self) -> Feedback {
        let pending = self.staged.get_untracked();
        let mut applied = Applied::new(pending.len());
        if pending.is_empty() {
            return Feedback::Done(applied.sentence());
        }
        for staged in &pending {
            let executed = self.store.run(&staged.command);
            if !applied.record(&staged.command, &executed) {
                break;
            }
        }
        let count = applied.applied();
        self.staged.update(|all| {
            all.drain(..count.min(all.len()));
        });
        self.projected.set_value(None);
        self.basis.set_value(
            applied
                .stopped()
                .then(|| self.store.state().with_untracked(Basis::of)),
        );
        if applied.is_refused() {
            Feedback::Refused(applied.sentence())
        } else {
            Feedback::Done(applied.sentence())
        }
    }

    /// Drops every staged change.
    pub(super) fn discard(self) -> Feedback {
        let count = self.staged.with_untracked(Vec::len);
        self.forget();
        self.dropped.set(None);
        Feedback::Done(matrix::discarded(count))
    }
}
