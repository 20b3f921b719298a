//! The panel that explains the cell in focus (or pointed at).

use leptos::prelude::*;
use studio_access_view::matrix::{self, CellAction};

use super::WHY_ID;
use crate::components::{GateTrace, Prose};
use crate::store::Store;

/// The explanation of the inspected cell: who, where, which page, the access and every gate (or,
/// for the membership cell, the membership), and what activating the cell would do.
#[component]
pub fn WhyPanel(
    /// The cell explained, once one is focused or pointed at.
    inspected: RwSignal<Option<CellAction>>,
    /// What activating a cell would do, in words.
    describe: Callback<CellAction, String>,
) -> impl IntoView {
    let store = Store::get();
    view! {
        <section class="access-grid__why card" id=WHY_ID data-testid="matrix-why" aria-label="Why this access">
            {move || {
                let Some(action) = inspected.get() else {
                    return view! {
                        <p class="access-grid__why-empty">
                            "Point at a cell, or move to it with the arrow keys, to see why it has that access."
                        </p>
                    }
                        .into_any();
                };
                let why = store.state().with(|s| matrix::why(s, action));
                view! {
                    <h2 class="access-grid__why-title" data-testid="matrix-why-title">
                        {why.heading}
                    </h2>
                    {why.trace.map(|steps| view! { <GateTrace steps=steps test_id="matrix-why-trace" /> })}
                    <p class="access-grid__why-hint" data-testid="matrix-why-hint">
                        <Prose sentence=describe.run(action) />
                    </p>
                }
                    .into_any()
            }}
        </section>
    }
}
