//! Helpers shared by the browser test files: mounting the console into a fresh element, finding
//! elements by `data-testid`, waiting for the view to settle, acting on it as a person would,
//! and seeding and reading `localStorage`.
//!
//! Two kinds of action: the plain ones (`click`, `choose`) first wait for their element to
//! appear, as a view may still be settling after the last action; the `_now` ones act at once
//! and fail if the element is not there yet.

#![allow(dead_code)]
// Each test file uses its own subset.
// As in the test files: a failed DOM call or a missing element is simply a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::cell::RefCell;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::Owner;
use leptos::tachys::view::Mountable;
use studio_access_app::store::{STORAGE_KEY, WHO_KEY};
use studio_access_app::{App, AppBase, Screen};
pub use studio_access_core::sample;
use studio_access_core::{
    Command, Date, MemberName, Page, Region, SeededEntropy, State, Who, persist,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

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
    // Chromium ignores history changes past a couple of hundred in ten seconds, which a whole
    // suite reaches (webdriver.json turns that protection off): a test must start where it says.
    let here = window().location();
    let arrived = format!("{}{}", here.pathname().unwrap(), here.search().unwrap());
    assert!(
        path.starts_with(&arrived),
        "the address bar stayed at {arrived:?}, not {path:?}"
    );
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
        LIVE.with(|live| {
            live.borrow_mut()
                .retain(|(_, container)| container != &self.container);
        });
    }
}

thread_local! {
    /// Every app mounted and not yet dropped: its owner and its container.
    static LIVE: RefCell<Vec<(Owner, HtmlElement)>> = const { RefCell::new(Vec::new()) };
}

/// Set when a test panics. A panic in wasm unwinds nothing, so that test's `Mounted` is never
/// dropped: its app stays in the page and its router keeps listening on `window`, where it
/// would take the next test's clicks on links.
static PANICKED: AtomicBool = AtomicBool::new(false);

/// Notes every panic in `PANICKED`, then reports it as before (the test runner's hook).
fn watch_panics() {
    static WATCH: Once = Once::new();
    WATCH.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICKED.store(true, Ordering::SeqCst);
            report(info);
        }));
    });
}

/// Tears down the apps a panicked test left mounted (cleans up their owners, which removes the
/// router's listeners, and removes their containers). Only after a panic: apps the running
/// test still holds are left alone.
fn remove_apps_left_by_a_panic() {
    if !PANICKED.swap(false, Ordering::SeqCst) {
        return;
    }
    let left = LIVE.with(|live| std::mem::take(&mut *live.borrow_mut()));
    for (owner, container) in left {
        owner.cleanup();
        container.remove();
    }
}

/// Mounts the console into a fresh element at the end of `body`, first tearing down any app an
/// earlier test left mounted when it panicked.
pub fn mount_app() -> Mounted<impl Mountable> {
    watch_panics();
    remove_apps_left_by_a_panic();
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let owner = Owner::new();
    let handle = owner.with(|| mount_to(container.clone(), App));
    LIVE.with(|live| live.borrow_mut().push((owner.clone(), container.clone())));
    Mounted {
        container,
        handle: Some(handle),
        owner,
    }
}

/// Puts the address bar at `screen` with `query` (`""`, or such as `"?key=k"`), the app at the
/// site root: [`arrive`] by the screen rather than a path literal.
pub fn arrive_at(screen: Screen, query: &str) {
    arrive(None, &format!("/{}{query}", screen.segment()));
}

/// Opens the console as a person would find it: `state` saved, `who` acting, the address bar
/// at `screen` with `query` (`""`, or such as `"?open=user:bob"`). The usual start of a test.
pub fn visit(
    screen: Screen,
    query: &str,
    state: &State,
    who: &Who,
) -> Mounted<impl Mountable + use<>> {
    seed_as(state, who);
    arrive_at(screen, query);
    mount_app()
}

/// The site's stylesheet, which the browser tests otherwise do not load, until dropped: for
/// the tests of layout (the keys' windowed table, long names).
pub struct Stylesheet(Element);

impl Stylesheet {
    pub fn new() -> Stylesheet {
        let style = document().create_element("style").unwrap();
        style.set_text_content(Some(include_str!("../../../../../style/main.css")));
        document().body().unwrap().append_child(&style).unwrap();
        Stylesheet(style)
    }
}

impl Drop for Stylesheet {
    fn drop(&mut self) {
        self.0.remove();
    }
}

pub fn document() -> web_sys::Document {
    window().document().unwrap()
}

pub fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

/// Whether the element with `test_id` is still `drawn`, the one found before (not drawn again).
pub fn still_drawn(root: &Element, test_id: &str, drawn: &Element) -> bool {
    find(root, test_id).is_some_and(|now| now.is_same_node(Some(drawn)))
}

/// The text a person sees in `element`: its text without the backticks `Prose` keeps hidden.
pub fn visible_text(element: &Element) -> String {
    let copy: Element = JsCast::unchecked_into(element.clone_node_with_deep(true).unwrap());
    let ticks = copy
        .query_selector_all(".prose-tick[aria-hidden=\"true\"]")
        .unwrap();
    for index in 0..ticks.length() {
        let tick: Element = ticks.item(index).unwrap().unchecked_into();
        tick.remove();
    }
    copy.text_content().unwrap_or_default()
}

/// The elements `selector` finds under `root`.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let found = root.query_selector_all(selector).unwrap();
    (0..found.length())
        .map(|i| wasm_bindgen::JsCast::unchecked_into(found.item(i).unwrap()))
        .collect()
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

// ---- fixtures -----------------------------------------------------------------------------------

/// The date the test accounts are made on.
pub fn today() -> Date {
    "2026-11-22".parse().unwrap()
}

/// The RAM user `name` as a workspace member.
pub fn user(name: &str) -> MemberName {
    MemberName::User(name.to_owned())
}

/// Runs `steps` on `state` as root, drawing keys' secrets from `SeededEntropy::new(entropy)`;
/// fails the test at the first step that does not succeed.
pub fn run_as_root(state: &mut State, steps: &[Command], entropy: u64) {
    let mut entropy = SeededEntropy::new(entropy);
    for command in steps {
        let executed = state.execute(&Who::root(), command, &mut entropy);
        assert!(
            executed.outcome.is_success(),
            "seeding {command:?}: {:?}",
            executed.outcome
        );
    }
}

/// A new account with six changes: #1 `project-a` in Singapore, #2 `user-01`, #3 `bob`, #4
/// `user-01` joins `project-a`, #5 gets the playground there, #6 key `k` for `user-01`. `bob`
/// is a plain user with no policy.
pub fn project_a_account() -> State {
    let mut state = State::new_account(today());
    run_as_root(
        &mut state,
        &[
            Command::CreateWorkspace {
                region: Region::ApSoutheast1,
                name: "project-a".into(),
            },
            Command::CreateUser {
                name: "user-01".into(),
            },
            Command::CreateUser { name: "bob".into() },
            Command::AddMember {
                workspace: "project-a".into(),
                member: user("user-01"),
                admin: false,
            },
            Command::GrantPage {
                workspace: "project-a".into(),
                member: user("user-01"),
                permission: Page::Playground,
            },
            sample::create_key("project-a", "user-01", "k"),
        ],
        7,
    );
    state
}

/// A small account: workspace `w` (US) with `ann` (Playground granted), `carl` (administrator)
/// and role `ops` (trusting ann) as members; `bob` is no member of it.
pub fn small_account() -> State {
    let mut state = State::new_account(today());
    let steps = studio_access_core::sample::small_steps();
    run_as_root(&mut state, &steps, 3);
    state
}

// ---- storage ------------------------------------------------------------------------------------

/// The page's `localStorage`.
pub fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

/// Empties `localStorage` and saves `state` where the console reads it at start, with no acting
/// identity (the console then acts as root); returns the text saved.
pub fn seed(state: &State) -> String {
    clear_storage();
    let text = persist::to_json(state);
    storage().set_item(STORAGE_KEY, &text).unwrap();
    text
}

/// As [`seed`], and also saves `who` as the acting identity; returns the state's text.
pub fn seed_as(state: &State, who: &Who) -> String {
    let text = seed(state);
    storage()
        .set_item(WHO_KEY, &serde_json::to_string(who).unwrap())
        .unwrap();
    text
}

/// The saved state's text as it is now, if any (no waiting for a save to come).
pub fn saved() -> Option<String> {
    storage().get_item(STORAGE_KEY).unwrap()
}

/// The saved state's text; empty when nothing is saved.
pub fn stored_text() -> String {
    saved().unwrap_or_default()
}

/// The saved state, read back; fails the test when none is saved or it does not load.
pub fn stored() -> State {
    persist::from_json(&stored_text()).unwrap()
}

// ---- waiting ------------------------------------------------------------------------------------

/// Waits up to about five seconds for the element `test_id` to appear, and returns it; fails the
/// test if it never does.
pub async fn appears(root: &Element, test_id: &str) -> HtmlElement {
    assert!(
        until(|| find(root, test_id).is_some()).await,
        "`{test_id}` never appeared"
    );
    find(root, test_id).unwrap()
}

/// Waits up to about five seconds for the text of `test_id` to satisfy `wanted` (an absent
/// element reads as empty); returns the text, or fails the test with what it last read.
pub async fn text_becomes(root: &Element, test_id: &str, wanted: impl Fn(&str) -> bool) -> String {
    let mut seen = String::new();
    let ok = until(|| {
        seen = text_of(root, test_id).unwrap_or_default();
        wanted(&seen)
    })
    .await;
    assert!(ok, "`{test_id}` reads {seen:?}");
    seen
}

/// Waits for `test_id` to read something containing every one of `parts`; returns the text, or
/// fails the test with what it last read.
pub async fn reads(root: &Element, test_id: &str, parts: &[&str]) -> String {
    let mut seen = String::new();
    let ok = until(|| {
        seen = text_of(root, test_id).unwrap_or_default();
        parts.iter().all(|part| seen.contains(part))
    })
    .await;
    assert!(ok, "`{test_id}` reads {seen:?}, wanted {parts:?}");
    seen
}

/// Waits for the element `test_id` to contain `needle`; returns what it last read.
pub async fn text_contains(root: &Element, test_id: &str, needle: &str) -> String {
    reads(root, test_id, &[needle]).await
}

/// The problem the field `test_id` says, as assistive technology reads it: `None` unless the
/// input is `aria-invalid="true"`; then the text of the element its `aria-describedby` names
/// (which must exist).
pub fn problem_of(root: &Element, test_id: &str) -> Option<String> {
    let input = find(root, test_id).unwrap_or_else(|| panic!("no `{test_id}`"));
    if input.get_attribute("aria-invalid").as_deref() != Some("true") {
        return None;
    }
    let id = input
        .get_attribute("aria-describedby")
        .unwrap_or_else(|| panic!("`{test_id}` is invalid but names no message"));
    let message = root
        .query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap_or_else(|| panic!("`{test_id}` names message `{id}`, which is not there"));
    Some(message.text_content().unwrap_or_default())
}

/// Waits for the field `test_id` to say a problem containing every one of `parts` (see
/// [`problem_of`]); returns it, or fails the test with what it last said.
pub async fn says_problem(root: &Element, test_id: &str, parts: &[&str]) -> String {
    let mut seen = None;
    let ok = until(|| {
        seen = problem_of(root, test_id);
        seen.as_deref()
            .is_some_and(|said| parts.iter().all(|part| said.contains(part)))
    })
    .await;
    assert!(ok, "`{test_id}` says {seen:?}, wanted {parts:?}");
    seen.unwrap_or_default()
}

/// The value of the input `test_id`.
pub fn value_of(root: &Element, test_id: &str) -> String {
    find(root, test_id)
        .unwrap_or_else(|| panic!("no `{test_id}`"))
        .unchecked_into::<HtmlInputElement>()
        .value()
}

// ---- acting -------------------------------------------------------------------------------------

/// Clicks the element once it is there (a view may still be settling after the last action).
pub async fn click(root: &Element, test_id: &str) {
    appears(root, test_id).await.click();
}

/// Clicks the element at once; fails the test if it is not there now.
pub fn click_now(root: &Element, test_id: &str) {
    find(root, test_id)
        .unwrap_or_else(|| panic!("no element `{test_id}`"))
        .click();
}

/// Applies the change a control proposed: the question `{dialog}` lists its effect on access
/// first, and nothing changes until its Apply button (`{dialog}-apply`) is pressed.
pub async fn apply_change(root: &Element, dialog: &str) {
    click(root, &format!("{dialog}-apply")).await;
}

/// Dispatches the event that the JavaScript expression `event` builds on `target`.
pub fn dispatch(target: &JsValue, event: &str) {
    let fire = js_sys::Function::new_with_args("target", &format!("target.dispatchEvent({event})"));
    fire.call1(&JsValue::NULL, target).unwrap();
}

/// Presses `key` (a `KeyboardEvent` key such as `"Escape"`) on `target`: a keydown that bubbles.
pub fn press(target: &JsValue, key: &str) {
    dispatch(
        target,
        &format!("new KeyboardEvent('keydown', {{ key: {key:?}, bubbles: true }})"),
    );
}

/// The test id of the element that has the keyboard's focus (`""` for one without, such as the
/// document's body).
pub fn focused() -> String {
    document()
        .active_element()
        .and_then(|e| e.get_attribute("data-testid"))
        .unwrap_or_default()
}

/// Looks up the error `text` in the Access checker's error lookup as seen by `who` (in
/// `workspace`, when given): fills its fields and presses "Find the check".
pub async fn look_up_error(root: &Element, text: &str, who: &str, workspace: Option<&str>) {
    appears(root, "error-text").await;
    type_into(root, "error-text", text);
    type_into(root, "error-who", who);
    if let Some(workspace) = workspace {
        choose(root, "error-workspace", workspace).await;
    }
    click(root, "error-find").await;
}

/// Sets the value of the field `test_id` (an input, text area or select) without telling the
/// page; fails the test if there is no such field now.
fn put_value(root: &Element, test_id: &str, value: &str) -> HtmlElement {
    let element = find(root, test_id).unwrap_or_else(|| panic!("no `{test_id}`"));
    js_sys::Reflect::set(&element, &"value".into(), &value.into()).unwrap();
    element
}

/// Types `value` into the field `test_id` as a person would: the page hears an input event.
pub fn type_into(root: &Element, test_id: &str, value: &str) {
    let element = put_value(root, test_id, value);
    dispatch(&element, "new Event('input', { bubbles: true })");
}

/// Sets the field's value and tells the page as typing and then leaving the field, or choosing
/// an option, does: an input event, then a change event.
pub fn set_value(root: &Element, test_id: &str, value: &str) {
    let element = put_value(root, test_id, value);
    dispatch(&element, "new Event('input', { bubbles: true })");
    dispatch(&element, "new Event('change', { bubbles: true })");
}

/// Selects `value` in the select `test_id`, which must offer it, and sends the change event.
fn select(select: HtmlSelectElement, test_id: &str, value: &str) {
    select.set_value(value);
    assert_eq!(select.value(), value, "`{test_id}` offers no {value:?}");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// Chooses `value` in the select `test_id` once it is there, as a person would.
pub async fn choose(root: &Element, test_id: &str, value: &str) {
    select(
        appears(root, test_id).await.unchecked_into(),
        test_id,
        value,
    );
}

/// Chooses `value` in the select `test_id` at once; fails the test if it is not there now.
pub fn choose_now(root: &Element, test_id: &str, value: &str) {
    let element = find(root, test_id).unwrap_or_else(|| panic!("no `{test_id}`"));
    select(element.unchecked_into(), test_id, value);
}

/// Picks a file named `name` holding `content` in the file input `test_id`, as the file picker
/// would (the input's files are set and it sends a change event).
pub fn pick_file(root: &Element, test_id: &str, name: &str, content: &str) {
    let parts = js_sys::Array::of1(&content.into());
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: HtmlInputElement = find(root, test_id).unwrap().unchecked_into();
    input.set_files(transfer.files().as_ref());
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// Starts keeping every file the page offers for download: `URL.createObjectURL` keeps each
/// blob it is given, which [`downloaded`] reads back.
pub fn keep_downloads() {
    js_sys::Function::new_no_args(
        "if (!window.__kept) { window.__kept = []; const make = URL.createObjectURL; \
         URL.createObjectURL = (blob) => { window.__kept.push(blob); return make(blob); }; } \
         window.__kept.length = 0;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

/// The text and media type of the `n`-th file offered for download since [`keep_downloads`],
/// once it has been offered.
pub async fn downloaded(n: u32) -> (String, String) {
    let kept = || {
        js_sys::Reflect::get(&window(), &"__kept".into())
            .ok()
            .map(|kept| js_sys::Array::from(&kept))
            .map(|all| all.get(n))
            .filter(|blob| !blob.is_undefined())
    };
    assert!(until(|| kept().is_some()).await, "no download {n}");
    let blob: web_sys::Blob = kept().unwrap().into();
    let text = wasm_bindgen_futures::JsFuture::from(blob.text())
        .await
        .unwrap();
    (text.as_string().unwrap(), blob.type_())
}
