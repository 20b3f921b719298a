//! Focusing a drawn cell of the grid (scrolling is [`crate::components::RowWindow`]'s), and
//! bringing the panel that explains it into the window.

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

/// Scrolls the page the least that brings the panel explaining the cell in focus
/// ([`super::WHY_ID`]) into the window, when the focus came from the keyboard (a pointer sees
/// the cell it clicked where it is, and the page does not move under it).
pub fn reveal_why() {
    let document = document();
    let from_keyboard = document
        .active_element()
        .is_some_and(|active| active.matches(":focus-visible").unwrap_or(false));
    if let Some(why) = document
        .get_element_by_id(super::WHY_ID)
        .filter(|_| from_keyboard)
    {
        crate::components::scroll_into_window(&why);
    }
}
