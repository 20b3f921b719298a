//! Where the keyboard's focus goes when what held it goes away. A browser drops the focus to the
//! document's body when the focused element leaves the page, and Tab then starts again from the
//! top of the document: a person using the keyboard loses their place. So a panel closed from
//! the keyboard gives the focus back to the button that opened it, and what replaces the page
//! (a navigation, a loaded sample) gives it to the page itself.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// Gives the focus to the page (`#main`, where the skip link leads).
pub fn focus_page() {
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// Once the next frame is drawn, scrolls the element with `data-testid="{test_id}"` into the
/// window with the least scroll (none when it shows already): an answer drawn below the window,
/// as on a phone, where the button that asked it seemed to do nothing.
pub fn reveal_test_id(test_id: &'static str) {
    request_animation_frame(move || {
        if let Ok(Some(element)) =
            document().query_selector(&format!("[data-testid=\"{test_id}\"]"))
        {
            scroll_into_window(&element);
        }
    });
}

/// Scrolls the page the least that brings `element` into the window (none when it shows).
pub fn scroll_into_window(element: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Gives the focus to the element with `data-testid="{test_id}"`, such as the control a
/// question or a panel was opened from; whether it now has it (it is drawn, and not disabled).
pub fn focus_test_id(test_id: &str) -> bool {
    let document = document();
    let found = document
        .query_selector(&format!("[data-testid=\"{test_id}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    found.is_some_and(|element| {
        let _ = element.focus();
        document
            .active_element()
            .is_some_and(|active| active.is_same_node(Some(&element)))
    })
}

/// Whether the focus is lost: on nothing, or on the document's body.
pub fn focus_is_lost() -> bool {
    let document = document();
    document.active_element().is_none_or(|active| {
        document
            .body()
            .is_some_and(|body| body.is_same_node(Some(&active)))
    })
}

/// [`focus_test_id`], or the page when that element is not drawn (its row scrolled out of a
/// table that draws only the rows in view, or gone).
pub fn focus_test_id_or_page(test_id: &str) {
    if !focus_test_id(test_id) {
        focus_page();
    }
}

/// Closes a disclosure (`open` set to false) and gives the focus back to its `toggle`.
pub fn close_disclosure(open: RwSignal<bool>, toggle: NodeRef<html::Button>) {
    open.set(false);
    if let Some(button) = toggle.get_untracked() {
        let _ = button.focus();
    }
}

/// What a disclosure does with a key pressed within it (its button or its panel): Escape closes
/// an open one ([`close_disclosure`]).
pub fn escape_closes(
    open: RwSignal<bool>,
    toggle: NodeRef<html::Button>,
) -> impl Fn(web_sys::KeyboardEvent) + Copy {
    move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.stop_propagation();
            close_disclosure(open, toggle);
        }
    }
}

/// On a navigation to another screen, gives the focus to the page when it was lost or stood on
/// a link in the page left behind (that link goes with its page). A link in the navigation
/// keeps it: the person is choosing among screens. Nothing happens on the first visit.
#[component]
pub fn FocusOnNavigation() -> impl IntoView {
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let now = pathname.get();
        if previous.is_some_and(|before| before != now) && focus_left_behind() {
            focus_page();
        }
        now
    });
}

/// Whether the focus is on nothing, or on a link inside the page.
fn focus_left_behind() -> bool {
    if focus_is_lost() {
        return true;
    }
    let document = document();
    let Some(active) = document.active_element() else {
        return true;
    };
    let in_page = document
        .get_element_by_id("main")
        .is_some_and(|main| main.contains(Some(&active)));
    in_page && active.tag_name().eq_ignore_ascii_case("a")
}
