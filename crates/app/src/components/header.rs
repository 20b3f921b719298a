use leptos::prelude::*;

use crate::components::{DataMenu, DateControl, IdentitySwitcher};

/// The top bar: product name, a reminder that nothing here touches a real account, the
/// simulation's date, the acting identity and the Data menu.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="topbar" data-testid="app-header">
            <span class="topbar__logo" aria-hidden="true"></span>
            <span class="topbar__product">"Model Studio"</span>
            <span class="topbar__divider" aria-hidden="true"></span>
            <span class="topbar__section">"Identity & access"</span>
            <span class="badge badge--sim" title="Everything here runs in your browser">
                "Simulator"
            </span>
            <DateControl />
            <IdentitySwitcher />
            <DataMenu />
        </header>
    }
}
