//! Routes and the frame of the console in a real browser: every screen at its path, the base
//! a visit arrives under.

use crate::support::*;
use studio_access_app::{AppBase, Screen};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

#[wasm_bindgen_test]
async fn shell_renders_header_navigation_and_overview() {
    arrive(None, "/");
    let app = mount_app();
    let container = &app.container;

    assert!(find(container, "app-shell").is_some());
    let header = text_of(container, "app-header").unwrap();
    assert!(header.contains("Model Studio"), "header reads {header:?}");

    let nav = find(container, "nav").unwrap();
    let links = nav.query_selector_all("a").unwrap();
    let titles: Vec<String> = (0..links.length())
        .map(|i| links.item(i).unwrap().text_content().unwrap())
        .collect();
    let expected: Vec<&str> = Screen::ALL.iter().map(|page| page.title()).collect();
    assert_eq!(titles, expected);

    assert_eq!(
        heading_becomes(container, "Overview").await.as_deref(),
        Some("Overview")
    );
    assert!(find(container, "page-overview").is_some());
}

#[wasm_bindgen_test]
async fn every_navigation_link_opens_its_page_and_marks_it_current() {
    arrive(None, "/");
    let app = mount_app();
    let container = &app.container;

    // Overview last, so it is reached from another page rather than being the start.
    for page in Screen::ALL.iter().skip(1).chain(Screen::ALL.first()) {
        let link = find(container, &format!("nav-link-{}", page.slug())).unwrap();
        link.click();
        assert_eq!(
            heading_becomes(container, page.title()).await.as_deref(),
            Some(page.title()),
            "after clicking the link to {page:?}"
        );
        assert!(find(container, &format!("page-{}", page.slug())).is_some());
        assert_eq!(pathname(), format!("/{}", page.segment()));
        // Issue 13: every screen titles the document, so tabs and history entries tell apart.
        let title = format!("{} · Model Studio access simulator", page.title());
        assert!(
            until(|| document().title() == title).await,
            "the document's title on {page:?} is {:?}",
            document().title()
        );

        let current = container
            .query_selector_all("[aria-current=\"page\"]")
            .unwrap();
        assert_eq!(
            current.length(),
            1,
            "exactly one link is current on {page:?}"
        );
        let current: Element = current.item(0).unwrap().unchecked_into();
        assert_eq!(
            current.get_attribute("data-testid").as_deref(),
            Some(format!("nav-link-{}", page.slug()).as_str())
        );
    }
}

#[wasm_bindgen_test]
async fn back_returns_to_the_previous_page() {
    arrive(None, "/");
    let app = mount_app();
    let container = &app.container;

    find(container, "nav-link-identities").unwrap().click();
    assert_eq!(
        heading_becomes(container, "Identities").await.as_deref(),
        Some("Identities")
    );
    find(container, "nav-link-keys").unwrap().click();
    assert_eq!(
        heading_becomes(container, "API keys").await.as_deref(),
        Some("API keys")
    );

    window().history().unwrap().back().unwrap();
    assert_eq!(
        heading_becomes(container, "Identities").await.as_deref(),
        Some("Identities")
    );
    assert_eq!(pathname(), "/identities");
}

#[wasm_bindgen_test]
async fn under_a_sub_path_deep_links_render_and_links_keep_the_prefix() {
    arrive(Some("/studio-access/"), "/studio-access/keys");
    let app = mount_app();
    let container = &app.container;

    assert_eq!(
        heading_becomes(container, "API keys").await.as_deref(),
        Some("API keys")
    );
    let identities = find(container, "nav-link-identities").unwrap();
    assert_eq!(
        identities.get_attribute("href").as_deref(),
        Some("/studio-access/identities")
    );
    let overview = find(container, "nav-link-overview").unwrap();
    assert_eq!(
        overview.get_attribute("href").as_deref(),
        Some("/studio-access/")
    );

    find(container, "nav-link-audit").unwrap().click();
    assert_eq!(
        heading_becomes(container, "Audit").await.as_deref(),
        Some("Audit")
    );
    assert_eq!(pathname(), "/studio-access/audit");
}

#[wasm_bindgen_test]
async fn an_unknown_path_shows_not_found_inside_the_shell() {
    arrive(None, "/no-such-page");
    let app = mount_app();
    let container = &app.container;

    assert_eq!(
        heading_becomes(container, "Page not found")
            .await
            .as_deref(),
        Some("Page not found")
    );
    assert!(find(container, "page-not-found").is_some());
    assert!(find(container, "nav").is_some());
}

#[wasm_bindgen_test]
fn app_base_comes_from_the_folder_index_html_was_loaded_from() {
    let cases = [
        ("/", ""),
        ("/studio-access/", "/studio-access"),
        ("/studio-access", "/studio-access"),
        ("/a/b/", "/a/b"),
        ("", ""),
        ("relative/", ""),
        ("//elsewhere.example/", ""),
        ("/\\elsewhere.example/", ""),
        ("/a\\b/", ""),
    ];
    for (root, expected) in cases {
        assert_eq!(AppBase::from_root(root).as_str(), expected, "root {root:?}");
    }
    assert_eq!(AppBase::from_root("/").href(Screen::Overview), "/");
    assert_eq!(AppBase::from_root("/").href(Screen::ApiKeys), "/keys");
    assert_eq!(
        AppBase::from_root("/studio-access/").href(Screen::Overview),
        "/studio-access/"
    );
    assert_eq!(
        AppBase::from_root("/studio-access/").href(Screen::Permissions),
        "/studio-access/matrix"
    );
}
