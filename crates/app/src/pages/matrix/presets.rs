//! The seeds' sets of pages, granted to a row at once: the row of the cell in focus gets every
//! page of the preset it lacks (and the membership first, when it is not a member), staged like
//! any cell's change. Which cells that takes and what is said is `studio_access_view::matrix`'s.

use leptos::prelude::*;
use studio_access_view::matrix::{self, CellAction};

use super::Staging;
use crate::components::{Feedback, select_field};
use crate::store::Store;

/// The preset picker for the row of the cell in focus, and the button that stages it.
#[component]
pub fn RowPreset(
    /// The cell in focus (or last pointed at); its row gets the preset.
    inspected: RwSignal<Option<CellAction>>,
    /// The matrix's staged changes.
    staging: Staging,
    /// The answer to the latest change.
    feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let store = Store::get();
    let options = matrix::preset_options();
    let chosen = RwSignal::new(options.first().map(|(value, _)| value.clone()));
    let row = Memo::new(move |_| inspected.get().map(CellAction::row));
    let target = move || {
        row.get().map_or_else(
            || "the row of the cell in focus".to_owned(),
            |row| {
                store.state().with(|s| {
                    format!(
                        "{} in {}",
                        s.member_name(row.member).unwrap_or_default(),
                        s.workspace_name(row.workspace).unwrap_or_default()
                    )
                })
            },
        )
    };
    let stage = move |_| {
        let preset = chosen.with_untracked(|name| name.as_deref().and_then(matrix::preset_named));
        if let (Some(row), Some(preset)) = (row.get_untracked(), preset) {
            feedback.set(Some(staging.stage_preset(row, preset)));
        }
    };
    view! {
        <div class="matrix__preset card" data-testid="matrix-preset">
            {select_field(
                "matrix",
                "Grant a set of pages",
                "matrix-preset-select".to_owned(),
                options,
                move || chosen.get().unwrap_or_default(),
                move |value| chosen.set(Some(value)),
                None,
            )}
            <button
                type="button"
                class="mx-button mx-button--small"
                data-testid="matrix-preset-stage"
                disabled=move || row.with(Option::is_none)
                on:click=stage
            >
                // One span: a flex button would drop the space before a second item.
                <span>"Stage for " <span data-testid="matrix-preset-target">{target}</span></span>
            </button>
            <p class="matrix__label" data-testid="matrix-preset-hint">{matrix::PRESET_HINT}</p>
        </div>
    }
}
