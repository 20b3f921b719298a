use leptos::prelude::*;

/// The top bar: product name and a reminder that nothing here touches a real account.
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
        </header>
    }
}
