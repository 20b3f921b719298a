//! The console rendered in a real browser: run with
//! `cargo test -p studio-access-app --target wasm32-unknown-unknown` (see `.ci/test`).

// clippy.toml lets tests unwrap, but clippy does not see `#[wasm_bindgen_test]` functions and
// their helpers as tests; here too a failed DOM call is simply a failed test.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::Owner;
use leptos::tachys::view::Mountable;
use studio_access_app::{App, AppBase, Page};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Puts the page where a visitor would arrive: the folder `index.html` recorded (none when the
/// app is at the site root, as `AppBase` then falls back to it) and the address bar's path.
fn arrive(recorded_root: Option<&str>, path: &str) {
    let html = document().document_element().unwrap();
    match recorded_root {
        Some(root) => html.set_attribute(AppBase::ATTRIBUTE, root).unwrap(),
        None => html.remove_attribute(AppBase::ATTRIBUTE).unwrap(),
    }
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

/// The console mounted into a fresh element of its own; dropping it tears everything down.
struct Mounted<M: Mountable> {
    container: HtmlElement,
    handle: Option<UnmountHandle<M>>,
    owner: Owner,
}

impl<M: Mountable> Drop for Mounted<M> {
    fn drop(&mut self) {
        self.handle.take();
        // Dropping the handle unmounts the view but, as seen here, does not run the router's
        // cleanup that removes its window listeners; a stale router would then answer the next
        // test's clicks.
        self.owner.cleanup();
        self.container.remove();
    }
}

fn mount_app() -> Mounted<impl Mountable> {
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let owner = Owner::new();
    let handle = owner.with(|| mount_to(container.clone(), App));
    Mounted {
        container,
        handle: Some(handle),
        owner,
    }
}

fn document() -> web_sys::Document {
    window().document().unwrap()
}

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn find(root: &Element, test_id: &str) -> Option<HtmlElement> {
    root.query_selector(&format!("[data-testid=\"{test_id}\"]"))
        .unwrap()
        .map(JsCast::unchecked_into)
}

fn text_of(root: &Element, test_id: &str) -> Option<String> {
    find(root, test_id).map(|element| element.inner_text())
}

fn pathname() -> String {
    window().location().pathname().unwrap()
}

async fn sleep(duration: Duration) {
    let millis = i32::try_from(duration.as_millis()).unwrap();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits up to about five seconds for the page heading to read `title`; returns what it last read.
async fn heading_becomes(root: &Element, title: &str) -> Option<String> {
    let mut seen = None;
    for _ in 0..500 {
        leptos::task::tick().await;
        seen = text_of(root, "page-title");
        if seen.as_deref() == Some(title) {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    seen
}

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
    let expected: Vec<&str> = Page::ALL.iter().map(|page| page.title()).collect();
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
    for page in Page::ALL.iter().skip(1).chain(Page::ALL.first()) {
        let link = find(container, &format!("nav-link-{}", page.slug())).unwrap();
        link.click();
        assert_eq!(
            heading_becomes(container, page.title()).await.as_deref(),
            Some(page.title()),
            "after clicking the link to {page:?}"
        );
        assert!(find(container, &format!("page-{}", page.slug())).is_some());
        assert_eq!(pathname(), format!("/{}", page.segment()));

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
    ];
    for (root, expected) in cases {
        assert_eq!(AppBase::from_root(root).as_str(), expected, "root {root:?}");
    }
    assert_eq!(AppBase::from_root("/").href(Page::Overview), "/");
    assert_eq!(AppBase::from_root("/").href(Page::ApiKeys), "/keys");
    assert_eq!(
        AppBase::from_root("/studio-access/").href(Page::Overview),
        "/studio-access/"
    );
    assert_eq!(
        AppBase::from_root("/studio-access/").href(Page::Permissions),
        "/studio-access/matrix"
    );
}
