//! The matrix as filtered, downloaded as CSV. The table is `studio_access_view::matrix`'s.

use leptos::prelude::*;
use studio_access_view::matrix::{self, GridRow};

use crate::components::Feedback;
use crate::data;
use crate::store::Store;

/// The button that downloads the rows shown, with each page's access, as CSV.
#[component]
pub fn MatrixExport(
    /// The rows shown, filtered and in order.
    rows: Memo<Vec<GridRow>>,
    /// The answer to the latest change (or download).
    feedback: RwSignal<Option<Feedback>>,
) -> impl IntoView {
    let store = Store::get();
    let download = move |_| {
        let (csv, count) = rows.with_untracked(|rows| {
            let csv = store
                .state()
                .with_untracked(|s| matrix::export_csv(s, rows));
            (csv, rows.len())
        });
        feedback.set(Some(
            match data::download_as(matrix::EXPORT_FILE, "text/csv", &csv) {
                Ok(()) => Feedback::Done(matrix::exported(count)),
                Err(why) => Feedback::Refused(format!("The CSV could not be saved: {why}.")),
            },
        ));
    };
    view! {
        <button type="button" class="mx-button mx-button--small" data-testid="matrix-export" on:click=download>
            "Download CSV"
        </button>
    }
}
