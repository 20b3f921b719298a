//! The Data menu in the header: export the state, import a file, compare with a file, copy a share
//! link, start a new account, or load the sample organisation. Replacing work asks first, listing
//! the access diff from the current state to the new one (computed when the question opens); a
//! file that cannot be read changes nothing.

mod files;
mod replace;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{Feedback, FeedbackLine, ShareLinkButton};
use crate::data;
use crate::store::Store;

use files::{CompareFile, ImportFile};
use replace::{LoadSample, Reset};

/// Closes the menu `menu` (a `<details>`) and gives the focus back to its toggle.
fn close(menu: &web_sys::Element) {
    let _ = menu.remove_attribute("open");
    if let Ok(Some(summary)) = menu.query_selector("summary")
        && let Ok(summary) = summary.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = summary.focus();
    }
}

/// The header's Data menu.
#[component]
pub fn DataMenu() -> impl IntoView {
    let store = Store::get();
    let feedback = RwSignal::new(None::<Feedback>);
    // The whole history, changes folded into the checkpoint included.
    let changes = Memo::new(move |_| store.state().with(crate::words::history_len));
    // Escape closes the menu and gives the focus back to its toggle.
    // Going to another screen closes it: it would otherwise stay open over the new screen.
    let menu = NodeRef::<leptos::html::Details>::new();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        location.pathname.with(|_| ());
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    });
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        let menu = ev
            .current_target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        if ev.key() == "Escape"
            && let Some(menu) = menu.filter(|menu| menu.has_attribute("open"))
        {
            close(&menu);
        }
    };
    // The keyboard's focus leaving it for another element closes it, without taking the focus
    // back: it would otherwise stay open over what Tab went on to. A focus lost to no element
    // (a file dialog opening, a click on the page's background) leaves it open.
    let close_on_leaving = move |ev: leptos::ev::FocusEvent| {
        let menu = ev
            .current_target()
            .and_then(|target| target.dyn_into::<web_sys::Node>().ok());
        let to = ev
            .related_target()
            .and_then(|target| target.dyn_into::<web_sys::Node>().ok());
        if let (Some(menu), Some(to)) = (menu, to)
            && !menu.contains(Some(&to))
            && let Ok(menu) = menu.dyn_into::<web_sys::HtmlDetailsElement>()
        {
            menu.set_open(false);
        }
    };
    view! {
        <details
            class="fw-datamenu"
            data-testid="data-menu"
            node_ref=menu
            on:keydown=close_on_escape
            on:focusout=close_on_leaving
        >
            <summary class="fw-datamenu__summary" data-testid="data-menu-toggle">"Data"</summary>
            <div class="fw-datamenu__panel" role="group" aria-label="Data">
                <p class="fw-datamenu__hint">
                    "Everything is kept in this browser. Export it to a file to keep or share it."
                </p>
                <div class="fw-datamenu__actions">
                    <button
                        type="button"
                        class="fw-button"
                        data-testid="data-export"
                        on:click=move |_| feedback.set(Some(data::export(store)))
                    >
                        "Export as JSON"
                    </button>
                    <ImportFile changes=changes feedback=feedback />
                    <CompareFile feedback=feedback />
                    <ShareLinkButton />
                    <LoadSample changes=changes feedback=feedback />
                    <Reset changes=changes feedback=feedback />
                </div>
                <FeedbackLine feedback=feedback test_id="data-feedback" />
            </div>
        </details>
    }
}
