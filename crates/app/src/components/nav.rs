use leptos::prelude::*;
use leptos_router::components::A;

use crate::{AppBase, Screen};

/// The side navigation: one link per [`Page`], the current one marked with `aria-current`.
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
    view! {
        <nav class="sidenav" aria-label="Console" data-testid="nav">
            <ul class="sidenav__list">{links}</ul>
        </nav>
    }
}
