use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::{AppBase, Screen};

/// The side navigation: one link per [`Page`], the current one marked with `aria-current`. On
/// a narrow screen it is a row that scrolls sideways; each navigation brings the current link
/// into its middle (issue 13: at 390 px the later screens' links stayed out of view).
#[component]
pub fn Nav(
    /// Where the app is mounted; every link starts with it.
    base: AppBase,
) -> impl IntoView {
    let links = Screen::ALL
        .into_iter()
        .map(|page| {
            view! {
                <li>
                    <A
                        href=base.href(page)
                        exact=true
                        {..}
                        class="sidenav__link"
                        data-testid=page.nav_link()
                    >
                        {page.title()}
                    </A>
                </li>
            }
        })
        .collect_view();
    let nav = NodeRef::<leptos::html::Nav>::new();
    let pathname = use_location().pathname;
    Effect::new(move |_| {
        pathname.track();
        // After the links have marked the new current one.
        request_animation_frame(move || {
            if let Some(nav) = nav.get_untracked() {
                show_current(&nav);
            }
        });
    });
    view! {
        <nav class="sidenav" aria-label="Console" data-testid="nav" node_ref=nav>
            <ul class="sidenav__list">{links}</ul>
        </nav>
    }
}

/// Scrolls `nav` sideways so that its current link stands in the middle, when it scrolls at all
/// (a column on a wide screen does not, and this changes nothing there). The narrow row is the
/// links' offset parent (`position: relative` in the stylesheet), so their offsets are in it.
fn show_current(nav: &web_sys::HtmlElement) {
    let Some(current) = nav
        .query_selector("[aria-current=\"page\"]")
        .ok()
        .flatten()
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    else {
        return;
    };
    let room = nav.client_width() - current.offset_width();
    nav.set_scroll_left((current.offset_left() - room / 2).max(0));
}
