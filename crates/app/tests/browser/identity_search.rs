//! The identity switcher of a large account: past `LISTED` identities it lists root and the first
//! matches of a search field instead of thousands of options, keeps the acting identity shown when
//! a search leaves it out, and still switches identity.

use crate::support::*;
use studio_access_app::Screen;
use studio_access_app::components::LISTED;
use studio_access_core::{Command, State, Who};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlSelectElement;

/// A new account with `n` users, `user-0000` to `user-{n-1}`.
fn with_users(n: usize) -> State {
    let mut state = State::new_account(today());
    let steps: Vec<Command> = (0..n)
        .map(|i| Command::CreateUser {
            name: format!("user-{i:04}"),
        })
        .collect();
    run_as_root(&mut state, &steps, 1);
    state
}

/// The values the switcher offers that can be chosen.
fn offered(select: &HtmlSelectElement) -> Vec<String> {
    let options = select.query_selector_all("option:not([disabled])").unwrap();
    (0..options.length())
        .filter_map(|at| options.item(at))
        .filter_map(|o| o.dyn_into::<web_sys::Element>().ok())
        .filter_map(|o| o.get_attribute("value"))
        .collect()
}

#[wasm_bindgen_test]
async fn a_large_account_searches_instead_of_listing_everyone() {
    let state = with_users(LISTED + 50);
    let app = visit(Screen::Overview, "", &state, &Who::user("user-0001"));
    let page = &app.container;
    appears(page, "identity-search").await;
    let select: HtmlSelectElement = find(page, "identity-select").unwrap().unchecked_into();

    // Root and the first LISTED users; the rest are counted, not drawn.
    let values = offered(&select);
    assert_eq!(values.len(), LISTED + 1, "{values:?}");
    assert_eq!(values.first().map(String::as_str), Some("root"));
    assert!(!values.contains(&format!("user-{:04}", LISTED + 10)));
    let more = text_of(page, "identity-more").unwrap();
    assert!(more.contains("50 more"), "{more}");
    assert_eq!(select.value(), "user-0001");

    // A search narrows the list; the acting identity stays shown and selected.
    type_into(page, "identity-search", &format!("user-{:04}", LISTED + 10));
    assert!(
        until(|| offered(&select).len() == 3).await,
        "{:?}",
        offered(&select)
    );
    assert!(find(page, "identity-more").is_none());
    assert_eq!(select.value(), "user-0001");

    // Choosing a match acts as it, and says so everywhere.
    let wanted = format!("user-{:04}", LISTED + 10);
    choose_now(page, "identity-select", &wanted);
    assert!(
        until(|| storage()
            .get_item("studio-access.who")
            .unwrap()
            .is_some_and(|w| w.contains(&wanted)))
        .await
    );
}

#[wasm_bindgen_test]
async fn a_small_account_lists_everyone_without_a_search() {
    seed(&with_users(3));
    arrive_at(Screen::Overview, "");
    let app = mount_app();
    let page = &app.container;
    let select: HtmlSelectElement = appears(page, "identity-select").await.unchecked_into();
    assert!(until(|| offered(&select).len() == 4).await);
    assert!(find(page, "identity-search").is_none());
    assert!(find(page, "identity-more").is_none());
}
