//! Helpers shared by the browser test files: mounting the console into a fresh element, finding
//! elements by `data-testid`, waiting for the view to settle, and resetting storage.

#![allow(dead_code)] // Each test file uses its own subset.

use std::time::Duration;

use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::Owner;
use leptos::tachys::view::Mountable;
use studio_access_app::{App, AppBase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Puts the page where a visitor would arrive: the folder `index.html` recorded (none when the
/// app is at the site root, as `AppBase` then falls back to it) and the address bar's path.
pub fn arrive(recorded_root: Option<&str>, path: &str) {
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
pub struct Mounted<M: Mountable> {
    pub container: HtmlElement,
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

pub fn mount_app() -> Mounted<impl Mountable> {
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

pub fn document() -> web_sys::Document {
    window().document().unwrap()
}

pub fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

pub fn find(root: &Element, test_id: &str) -> Option<HtmlElement> {
    root.query_selector(&format!("[data-testid=\"{test_id}\"]"))
        .unwrap()
        .map(JsCast::unchecked_into)
}

pub fn text_of(root: &Element, test_id: &str) -> Option<String> {
    find(root, test_id).map(|element| element.inner_text())
}

pub fn pathname() -> String {
    window().location().pathname().unwrap()
}

pub async fn sleep(duration: Duration) {
    let millis = i32::try_from(duration.as_millis()).unwrap();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits up to about five seconds for the page heading to read `title`; returns what it last read.
pub async fn heading_becomes(root: &Element, title: &str) -> Option<String> {
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

/// Empties `localStorage`, so the next mount starts a new account.
pub fn clear_storage() {
    window().local_storage().unwrap().unwrap().clear().unwrap();
}

/// Waits up to about five seconds for `ready` to hold, letting the view update in between.
pub async fn until(mut ready: impl FnMut() -> bool) -> bool {
    for _ in 0..500 {
        leptos::task::tick().await;
        if ready() {
            return true;
        }
        sleep(Duration::from_millis(10)).await;
    }
    false
}
