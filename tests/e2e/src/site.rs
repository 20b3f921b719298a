//! The built site in a browser: the fixture of an end-to-end test, and what a person does with
//! it (open a screen, type into a field, choose an option, wait for a text, read what the browser
//! stored). Every element is found by its `data-testid`, through [`test_id_selector`], and every
//! wait lasts [`PATIENCE`] at the most.

use std::path::{Path, PathBuf};
use std::time::Instant;

use fantoccini::Locator;
use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use serde_json::Value;

use studio_access_core::{State, persist};

use crate::{Browser, Fallback, HarnessError, PATIENCE, POLL, Screen, StaticHost, Theme};

/// The folder holding the release build: `$STUDIO_ACCESS_DIST`, else `dist/` at the workspace
/// root.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("STUDIO_ACCESS_DIST").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dist")),
        PathBuf::from,
    )
}

/// The CSS selector of the elements with `data-testid="{test_id}"`.
pub fn test_id_selector(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

/// Where the console keeps its state in localStorage (`store::STORAGE_KEY` of the app).
pub const STORAGE_KEY: &str = "studio-access.state";

/// `dist/` served under a mount path on a loopback port, and a browser to look at it.
#[derive(Debug)]
pub struct Site {
    host: StaticHost,
    browser: Browser,
}

/// Starting, navigating, stopping.
impl Site {
    /// Hosts the release build under `mount` (such as [`MOUNT`](crate::MOUNT)) and opens a
    /// browser.
    pub async fn start(mount: &str) -> Result<Site, HarnessError> {
        Site::start_with(mount, Fallback::NotFoundPage).await
    }

    /// Hosts the release build under `mount`, answering unknown paths as `fallback` says, and
    /// opens a browser.
    pub async fn start_with(mount: &str, fallback: Fallback) -> Result<Site, HarnessError> {
        Site::start_as(mount, fallback, Theme::Light).await
    }

    /// Hosts the release build under `mount` and opens a browser in the colour scheme `theme`.
    pub async fn start_in(mount: &str, theme: Theme) -> Result<Site, HarnessError> {
        Site::start_as(mount, Fallback::NotFoundPage, theme).await
    }

    async fn start_as(mount: &str, fallback: Fallback, theme: Theme) -> Result<Site, HarnessError> {
        let dist = dist_dir();
        if !dist.join("index.html").is_file() {
            return Err(HarnessError::MissingDist(dist));
        }
        let host = StaticHost::start_with(&dist, mount, fallback).map_err(|source| {
            HarnessError::Start {
                what: "the static host".into(),
                source,
            }
        })?;
        let browser = Browser::start_in(theme).await?;
        Ok(Site { host, browser })
    }

    /// The host serving the site.
    pub fn host(&self) -> &StaticHost {
        &self.host
    }

    /// The browser looking at it.
    pub fn browser(&self) -> &Browser {
        &self.browser
    }

    /// The absolute path of `screen` on this host, such as `/studio-access/keys`.
    pub fn path_of(&self, screen: Screen) -> String {
        format!("{}{}", self.host.mount(), screen.segment())
    }

    /// Loads an absolute path of the host in the browser, as typing it in the address bar does.
    pub async fn open(&self, path: &str) -> Result<(), HarnessError> {
        self.browser.client().goto(&self.host.url(path)).await?;
        Ok(())
    }

    /// Loads `screen` by its address and waits for its title.
    pub async fn open_screen(&self, screen: Screen) -> Result<(), HarnessError> {
        self.open(&self.path_of(screen)).await?;
        self.wait_for_screen(screen).await
    }

    /// Clicks `screen`'s link in the main navigation and waits for its title.
    pub async fn go_to(&self, screen: Screen) -> Result<(), HarnessError> {
        self.click(&screen.nav_link()).await?;
        self.wait_for_screen(screen).await
    }

    /// Waits until the page's title is `screen`'s.
    pub async fn wait_for_screen(&self, screen: Screen) -> Result<(), HarnessError> {
        self.wait_for_text("page-title", screen.title()).await
    }

    /// Resizes the browser's window to `width` × `height` CSS pixels, as a phone's screen is,
    /// and waits until the page's viewport has that width.
    pub async fn resize(&self, width: u32, height: u32) -> Result<(), HarnessError> {
        self.browser.client().set_window_size(width, height).await?;
        let found = patiently(async || {
            let inner = self
                .browser
                .client()
                .execute("return window.innerWidth;", Vec::new())
                .await?;
            Ok((inner.as_u64() == Some(u64::from(width))).then_some(()))
        })
        .await?;
        found.ok_or_else(|| HarnessError::Timeout(format!("the viewport to be {width} px wide")))
    }

    /// Replaces what the console keeps in this browser with `state` (as a file import would)
    /// and reloads on `screen`. The site must be open on its origin.
    pub async fn seed(&self, state: &State, screen: Screen) -> Result<(), HarnessError> {
        self.browser
            .client()
            .execute(
                "window.localStorage.setItem(arguments[0], arguments[1]);",
                vec![
                    Value::String(STORAGE_KEY.to_owned()),
                    Value::String(persist::to_json(state)),
                ],
            )
            .await?;
        self.open_screen(screen).await
    }

    /// Reloads the page.
    pub async fn reload(&self) -> Result<(), HarnessError> {
        self.browser.client().refresh().await?;
        Ok(())
    }

    /// Goes back in the browser's history.
    pub async fn back(&self) -> Result<(), HarnessError> {
        self.browser.client().back().await?;
        Ok(())
    }

    /// The path, query and fragment in the address bar, such as `/studio-access/keys?x=1`.
    pub async fn location(&self) -> Result<String, HarnessError> {
        let url = self.browser.client().current_url().await?;
        let mut location = url.path().to_owned();
        if let Some(query) = url.query() {
            location.push('?');
            location.push_str(query);
        }
        if let Some(fragment) = url.fragment() {
            location.push('#');
            location.push_str(fragment);
        }
        Ok(location)
    }

    /// The page's source as the browser holds it now.
    pub async fn page_source(&self) -> Result<String, HarnessError> {
        Ok(self.browser.client().source().await?)
    }

    /// Ends the browser session; the host and chromedriver stop when the site is dropped.
    pub async fn close(self) -> Result<(), HarnessError> {
        self.browser.close().await
    }
}

/// Finding elements and doing what a person does with them.
impl Site {
    /// The first element with `data-testid="{test_id}"`, waiting for it to appear.
    pub async fn by_test_id(&self, test_id: &str) -> Result<Element, HarnessError> {
        let selector = test_id_selector(test_id);
        self.browser
            .client()
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&selector))
            .await
            .map_err(|error| match error {
                CmdError::WaitTimeout => HarnessError::Timeout(format!("an element `{selector}`")),
                other => HarnessError::Command(Box::new(other)),
            })
    }

    /// Every element with `data-testid="{test_id}"` present now.
    pub async fn all_by_test_id(&self, test_id: &str) -> Result<Vec<Element>, HarnessError> {
        let selector = test_id_selector(test_id);
        Ok(self
            .browser
            .client()
            .find_all(Locator::Css(&selector))
            .await?)
    }

    /// The first element with `data-testid="{test_id}"` present now, if there is one.
    async fn find_now(&self, test_id: &str) -> Option<Element> {
        let selector = test_id_selector(test_id);
        self.browser
            .client()
            .find(Locator::Css(&selector))
            .await
            .ok()
    }

    /// Clicks the element with `data-testid="{test_id}"`.
    pub async fn click(&self, test_id: &str) -> Result<(), HarnessError> {
        self.by_test_id(test_id).await?.click().await?;
        Ok(())
    }

    /// Brings the element to the middle of the window, then clicks it: a control near the top
    /// may otherwise sit under the sticky top bar, which would take the click.
    pub async fn press(&self, test_id: &str) -> Result<(), HarnessError> {
        let element = self.by_test_id(test_id).await?;
        self.script_on(
            test_id,
            &element,
            "arguments[0].scrollIntoView({ block: 'center' });",
            None,
        )
        .await?;
        element.click().await?;
        Ok(())
    }

    /// Sends `keys` (WebDriver's key codes, such as `"\u{E015}"` for the down arrow) to the
    /// element with `data-testid="{test_id}"`, which takes the focus.
    pub async fn send_keys(&self, test_id: &str, keys: &str) -> Result<(), HarnessError> {
        self.by_test_id(test_id).await?.send_keys(keys).await?;
        Ok(())
    }

    /// The `data-testid` of the element that has the keyboard's focus (empty for one without).
    pub async fn focused(&self) -> Result<String, HarnessError> {
        self.script_text(
            "const e = document.activeElement;
             return (e && e.getAttribute('data-testid')) || '';",
        )
        .await
    }

    /// Empties a field and types `text` into it, as a person would.
    pub async fn type_into(&self, test_id: &str, text: &str) -> Result<(), HarnessError> {
        let field = self.by_test_id(test_id).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// Puts a long text into a field at once (as pasting does) and tells the page.
    pub async fn paste_into(&self, test_id: &str, text: &str) -> Result<(), HarnessError> {
        let field = self.by_test_id(test_id).await?;
        self.script_on(
            test_id,
            &field,
            "arguments[0].value = arguments[1];
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
            Some(Value::String(text.to_owned())),
        )
        .await
    }

    /// Picks `file` in the file input, as a person choosing it in the file picker does
    /// (chromedriver wants an absolute path).
    pub async fn pick_file(&self, test_id: &str, file: &Path) -> Result<(), HarnessError> {
        let input = self.by_test_id(test_id).await?;
        input.send_keys(&file.display().to_string()).await?;
        Ok(())
    }

    /// Chooses the option with `value` in the `<select>`.
    pub async fn choose(&self, test_id: &str, value: &str) -> Result<(), HarnessError> {
        let select = self.by_test_id(test_id).await?;
        select.select_by_value(value).await?;
        Ok(())
    }

    /// Chooses the first option of the `<select>` whose text starts with `prefix`.
    pub async fn choose_starting_with(
        &self,
        test_id: &str,
        prefix: &str,
    ) -> Result<(), HarnessError> {
        let select = self.by_test_id(test_id).await?;
        select
            .select_by(Locator::XPath(&format!(
                ".//option[starts-with(normalize-space(.), '{prefix}')]"
            )))
            .await?;
        Ok(())
    }

    /// The value of a form control now (what a `<select>` has chosen, what a field holds).
    pub async fn value_of(&self, test_id: &str) -> Result<String, HarnessError> {
        let element = self.by_test_id(test_id).await?;
        Ok(element.prop("value").await?.unwrap_or_default())
    }

    /// Acts as another identity through the header's switcher (`root`, a user's name, or
    /// `user@role`).
    pub async fn act_as(&self, identity: &str) -> Result<(), HarnessError> {
        self.choose("identity-select", identity).await
    }

    /// The identity the console acts as now, as the header's switcher shows it.
    pub async fn acting_as(&self) -> Result<String, HarnessError> {
        self.value_of("identity-select").await
    }

    /// Loads the sample organisation through the Data menu (open on a screen of the console),
    /// waits until the console says so, and closes the menu again.
    pub async fn load_sample(&self) -> Result<(), HarnessError> {
        self.click("data-menu-toggle").await?;
        self.click("data-sample").await?;
        self.text_contains("data-feedback", "Loaded the sample organisation")
            .await?;
        self.click("data-menu-toggle").await
    }

    /// Creates the RAM user `name` on the Identities screen, which must be showing: confirms the
    /// question the console asks first (a new user raises the audit's "user without
    /// workspace"), then waits for the user's row and for the console to have saved it.
    pub async fn create_user(&self, name: &str) -> Result<(), HarnessError> {
        self.type_into("create-user-name", name).await?;
        self.click("create-user-submit").await?;
        self.press("identities-change-apply").await?;
        self.by_test_id(&format!("principal-row-user-{name}"))
            .await?;
        self.saved_becomes(|saved| saved.contains(name)).await?;
        Ok(())
    }

    /// Runs `script` with the element `test_id` as `arguments[0]` and `argument`, if any, as
    /// `arguments[1]`.
    async fn script_on(
        &self,
        test_id: &str,
        element: &Element,
        script: &str,
        argument: Option<Value>,
    ) -> Result<(), HarnessError> {
        let reference = reference_to(test_id, element)?;
        let mut arguments = vec![reference];
        arguments.extend(argument);
        self.browser.client().execute(script, arguments).await?;
        Ok(())
    }
}

/// Reading the page, and waiting for it to read as expected.
impl Site {
    /// The text of the element with `data-testid="{test_id}"` now, if there is one.
    pub async fn text_now(&self, test_id: &str) -> Option<String> {
        self.find_now(test_id).await?.text().await.ok()
    }

    /// Waits until the element shows exactly `expected`.
    pub async fn wait_for_text(&self, test_id: &str, expected: &str) -> Result<(), HarnessError> {
        self.text_where(
            test_id,
            |text| text == expected,
            &format!("read {expected:?}"),
        )
        .await?;
        Ok(())
    }

    /// Waits until the element's text satisfies `wanted`; returns that text.
    pub async fn text_until(
        &self,
        test_id: &str,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<String, HarnessError> {
        self.text_where(test_id, wanted, "read as expected").await
    }

    /// Waits until the element's text contains `part`; returns that text.
    pub async fn text_contains(&self, test_id: &str, part: &str) -> Result<String, HarnessError> {
        self.text_where(
            test_id,
            |text| text.contains(part),
            &format!("contain {part:?}"),
        )
        .await
    }

    /// Waits until the element's text satisfies `wanted`, else fails saying the element was
    /// to `expectation`; returns that text. The element is looked up afresh each time:
    /// navigation replaces it.
    async fn text_where(
        &self,
        test_id: &str,
        wanted: impl Fn(&str) -> bool,
        expectation: &str,
    ) -> Result<String, HarnessError> {
        let mut last = None;
        let found = patiently(async || {
            let Some(text) = self.text_now(test_id).await else {
                return Ok(None);
            };
            if wanted(&text) {
                return Ok(Some(text));
            }
            last = Some(text);
            Ok(None)
        })
        .await?;
        found.ok_or_else(|| {
            HarnessError::Timeout(format!("`{test_id}` to {expectation} (last read {last:?})"))
        })
    }

    /// Waits until the element's attribute reads `expected`.
    pub async fn attribute_becomes(
        &self,
        test_id: &str,
        attribute: &str,
        expected: &str,
    ) -> Result<(), HarnessError> {
        let mut last = None;
        let found = patiently(async || {
            let Some(element) = self.find_now(test_id).await else {
                return Ok(None);
            };
            let value = element.attr(attribute).await.ok().flatten();
            if value.as_deref() == Some(expected) {
                return Ok(Some(()));
            }
            last = value;
            Ok(None)
        })
        .await?;
        found.ok_or_else(|| {
            HarnessError::Timeout(format!(
                "`{test_id}` to have {attribute}={expected:?} (last {last:?})"
            ))
        })
    }

    /// Waits until no element has this test id.
    pub async fn gone(&self, test_id: &str) -> Result<(), HarnessError> {
        let found =
            patiently(async || Ok(self.all_by_test_id(test_id).await?.is_empty().then_some(())))
                .await?;
        found.ok_or_else(|| HarnessError::Timeout(format!("`{test_id}` to go away")))
    }

    /// Waits for the browser to finish downloading a file named `name` (the console's Export
    /// names its file after the day) and returns its text.
    pub async fn downloaded(&self, name: &str) -> Result<String, HarnessError> {
        let path = self.browser.downloads().join(name);
        let found = patiently(async || {
            // Chromium writes `name.crdownload` first and renames it once complete.
            Ok(std::fs::read_to_string(&path).ok())
        })
        .await?;
        found.ok_or_else(|| HarnessError::Timeout(format!("the download `{name}`")))
    }

    /// Everything the site keeps in the browser's localStorage, as one text.
    pub async fn local_storage(&self) -> Result<String, HarnessError> {
        self.script_text("return JSON.stringify(window.localStorage);")
            .await
    }

    /// What the console saved (`localStorage["studio-access.state"]`), as the browser holds it
    /// now; empty when nothing is saved.
    pub async fn saved_state(&self) -> Result<String, HarnessError> {
        self.script_text("return window.localStorage.getItem('studio-access.state');")
            .await
    }

    /// Waits until the saved state satisfies `wanted` (the console saves after the frame that
    /// shows a change, so a test reads it only once it holds what the test did); returns it.
    pub async fn saved_becomes(
        &self,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<String, HarnessError> {
        let mut last = String::new();
        let found = patiently(async || {
            last = self.saved_state().await?;
            Ok(wanted(&last).then(|| last.clone()))
        })
        .await?;
        found.ok_or_else(|| {
            HarnessError::Timeout(format!(
                "the saved state to change (last {} bytes)",
                last.len()
            ))
        })
    }

    /// What `script` returns when it runs with the element with `data-testid="{test_id}"` as
    /// `arguments[0]`.
    async fn on_element(&self, test_id: &str, script: &str) -> Result<Value, HarnessError> {
        let element = self.by_test_id(test_id).await?;
        let reference = reference_to(test_id, &element)?;
        Ok(self
            .browser
            .client()
            .execute(script, vec![reference])
            .await?)
    }

    /// The text a script returns, empty when it returns something else.
    async fn script_text(&self, script: &str) -> Result<String, HarnessError> {
        let value = self.browser.client().execute(script, Vec::new()).await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }
}

/// The page's layout as the browser has laid it out now.
impl Site {
    /// How many CSS pixels the page is wider than the window (0 when nothing sticks out, so
    /// that the page never scrolls sideways).
    pub async fn overflow_x(&self) -> Result<u64, HarnessError> {
        let value = self
            .browser
            .client()
            .execute(
                "const e = document.documentElement;
                 return Math.max(0, e.scrollWidth - e.clientWidth);",
                Vec::new(),
            )
            .await?;
        Ok(value.as_u64().unwrap_or(u64::MAX))
    }

    /// How many CSS pixels the content of the element with `data-testid="{test_id}"` is wider
    /// than the element itself (0 when it fits).
    pub async fn element_overflow_x(&self, test_id: &str) -> Result<u64, HarnessError> {
        let value = self
            .on_element(
                test_id,
                "const e = arguments[0]; return Math.max(0, e.scrollWidth - e.clientWidth);",
            )
            .await?;
        Ok(value.as_u64().unwrap_or(u64::MAX))
    }

    /// How many CSS pixels the content of the element with `data-testid="{test_id}"` is taller
    /// than the element itself (0 when it does not scroll within itself).
    pub async fn element_overflow_y(&self, test_id: &str) -> Result<u64, HarnessError> {
        let value = self
            .on_element(
                test_id,
                "const e = arguments[0]; return Math.max(0, e.scrollHeight - e.clientHeight);",
            )
            .await?;
        Ok(value.as_u64().unwrap_or(u64::MAX))
    }

    /// Whether the element with `data-testid="{test_id}"` is drawn wholly inside the window
    /// (to the half pixel: a box laid out at 375.44 px ends on the window's 375th).
    pub async fn within_window(&self, test_id: &str) -> Result<bool, HarnessError> {
        let value = self
            .on_element(
                test_id,
                "const r = arguments[0].getBoundingClientRect();
                 return r.width > 0 && r.height > 0 && r.left >= -0.5 && r.top >= -0.5
                   && r.right <= document.documentElement.clientWidth + 0.5
                   && r.bottom <= window.innerHeight + 0.5;",
            )
            .await?;
        Ok(value.as_bool() == Some(true))
    }

    /// Whether the element with `data-testid="{test_id}"` is what a tap on its centre reaches,
    /// once the page is scrolled down by `by` CSS pixels (nothing, such as a sticky header, is
    /// drawn over it).
    pub async fn reachable_after_scroll(
        &self,
        test_id: &str,
        by: i64,
    ) -> Result<bool, HarnessError> {
        let value = self
            .on_element(
                test_id,
                &format!(
                    "window.scrollBy(0, {by});
                     const e = arguments[0];
                     const r = e.getBoundingClientRect();
                     const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                     return hit !== null && e.contains(hit);"
                ),
            )
            .await?;
        Ok(value.as_bool() == Some(true))
    }

    /// Where the element with `data-testid="{test_id}"` is drawn: its left and top edges in CSS
    /// pixels from the window's.
    pub async fn position(&self, test_id: &str) -> Result<(i64, i64), HarnessError> {
        let value = self
            .on_element(
                test_id,
                "const r = arguments[0].getBoundingClientRect();
                 return [Math.round(r.left), Math.round(r.top)];",
            )
            .await?;
        let at = |i: usize| value.get(i).and_then(Value::as_i64).unwrap_or(i64::MIN);
        Ok((at(0), at(1)))
    }

    /// The words in the element with `data-testid="{test_id}"` that are drawn broken across
    /// lines (a word is what lies between spaces and hyphens, where a line may break).
    pub async fn broken_words(&self, test_id: &str) -> Result<Vec<String>, HarnessError> {
        let value = self
            .on_element(
                test_id,
                "const broken = [];
                 const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
                 for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                   const text = node.textContent;
                   for (const m of text.matchAll(/[^\\s-]+/g)) {
                     const range = document.createRange();
                     range.setStart(node, m.index);
                     range.setEnd(node, m.index + m[0].length);
                     const tops = new Set([...range.getClientRects()]
                       .filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                     if (tops.size > 1) broken.push(m[0]);
                   }
                 }
                 return broken;",
            )
            .await?;
        Ok(value
            .as_array()
            .map(|words| {
                words
                    .iter()
                    .filter_map(|w| w.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// How wide the element with `data-testid="{test_id}"` is drawn, in CSS pixels.
    pub async fn width(&self, test_id: &str) -> Result<i64, HarnessError> {
        let value = self
            .on_element(
                test_id,
                "return Math.round(arguments[0].getBoundingClientRect().width);",
            )
            .await?;
        Ok(value.as_i64().unwrap_or(0))
    }

    /// How many lines the text of every element with `data-testid="{test_id}"` is drawn on,
    /// one count per element.
    pub async fn text_lines(&self, test_id: &str) -> Result<Vec<u64>, HarnessError> {
        let script = format!(
            "return [...document.querySelectorAll('{}')].map((e) => {{
               const range = document.createRange();
               range.selectNodeContents(e);
               return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
             }});",
            test_id_selector(test_id)
        );
        let value = self.browser.client().execute(&script, Vec::new()).await?;
        Ok(value
            .as_array()
            .map(|all| all.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default())
    }

    /// Whether the list (`<select>`) with `data-testid="{test_id}"` has room for the whole text
    /// of its chosen option, with its arrow (a list narrower than that cuts the text).
    pub async fn shows_whole_choice(&self, test_id: &str) -> Result<bool, HarnessError> {
        let value = self
            .on_element(
                test_id,
                "const list = arguments[0];
                 const chosen = list.selectedOptions[0];
                 if (!chosen) return false;
                 const style = getComputedStyle(list);
                 const context = document.createElement('canvas').getContext('2d');
                 context.font = style.font;
                 const text = context.measureText(chosen.text).width;
                 const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
                 return text + padding + 20 <= list.clientWidth;",
            )
            .await?;
        Ok(value.as_bool() == Some(true))
    }

    /// The disabled controls (buttons, fields, lists) on the page now: how many there are, and
    /// the words or name of each that is drawn like an enabled one (fully opaque, with the
    /// ordinary pointer).
    pub async fn disabled_controls(&self) -> Result<(u64, Vec<String>), HarnessError> {
        let value = self
            .browser
            .client()
            .execute(
                "const all = [...document.querySelectorAll(
                   'button:disabled, input:disabled, select:disabled, textarea:disabled')]
                   .filter((b) => b.getClientRects().length > 0);
                 const alike = all.filter((b) => {
                   const style = getComputedStyle(b);
                   return Number(style.opacity) === 1 && style.cursor !== 'not-allowed';
                 });
                 return [all.length, alike.map((b) =>
                   b.textContent.trim() || b.dataset.testid || b.name || b.tagName)];",
                Vec::new(),
            )
            .await?;
        let seen = value.get(0).and_then(Value::as_u64).unwrap_or(0);
        let alike = value
            .get(1)
            .and_then(Value::as_array)
            .map(|all| {
                all.iter()
                    .filter_map(|t| t.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        Ok((seen, alike))
    }

    /// The `title`s (what shows on hover) of the elements on the page whose title contains
    /// `part`.
    pub async fn titles_containing(&self, part: &str) -> Result<Vec<String>, HarnessError> {
        let value = self
            .browser
            .client()
            .execute(
                "return [...document.querySelectorAll('[title]')]
                   .map((e) => e.title).filter((t) => t.includes(arguments[0]));",
                vec![Value::String(part.to_owned())],
            )
            .await?;
        Ok(value
            .as_array()
            .map(|all| {
                all.iter()
                    .filter_map(|t| t.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default())
    }
}

/// The element as a script argument (`arguments[i]`).
fn reference_to(test_id: &str, element: &Element) -> Result<Value, HarnessError> {
    serde_json::to_value(element)
        .map_err(|error| HarnessError::Timeout(format!("a reference to `{test_id}` ({error})")))
}

/// Asks `probe` again every [`POLL`] until it answers something, for [`PATIENCE`] at the most;
/// `None` when it never did. An error of the probe ends the wait.
pub(crate) async fn patiently<T>(
    mut probe: impl AsyncFnMut() -> Result<Option<T>, HarnessError>,
) -> Result<Option<T>, HarnessError> {
    let started = Instant::now();
    while started.elapsed() < PATIENCE {
        if let Some(found) = probe().await? {
            return Ok(Some(found));
        }
        tokio::time::sleep(POLL).await;
    }
    Ok(None)
}

/// What the page has downloaded.
impl Site {
    /// The file names of every wasm module the page has fetched so far, in the order fetched.
    pub async fn wasm_fetched(&self) -> Result<Vec<String>, HarnessError> {
        let value = self
            .browser
            .client()
            .execute(
                "return performance.getEntriesByType('resource')
                   .map(r => new URL(r.name).pathname.split('/').pop())
                   .filter(name => name.endsWith('.wasm'));",
                Vec::new(),
            )
            .await?;
        Ok(value
            .as_array()
            .map(|names| {
                names
                    .iter()
                    .filter_map(|name| name.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default())
    }
}
