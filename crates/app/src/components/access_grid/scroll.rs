//! Focusing a drawn cell of the grid (scrolling is [`crate::components::RowWindow`]'s).

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the cell at `(row, col)` in `scroller`, if it is drawn.
pub fn focus_cell(scroller: NodeRef<Div>, row: usize, col: usize) {
    let cell = scroller.try_get_untracked().flatten().and_then(|element| {
        element
            .query_selector(&format!("[data-row=\"{row}\"][data-col=\"{col}\"]"))
            .ok()
            .flatten()
    });
    if let Some(cell) = cell.and_then(|cell| cell.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = cell.focus();
    }
}
