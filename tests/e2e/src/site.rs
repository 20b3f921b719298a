//! The built site in a browser: the usual fixture of an end-to-end test.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::elements::Element;
use fantoccini::error::CmdError;

use crate::{Browser, Fallback, HarnessError, StaticHost};

/// How long a test waits for something to appear before failing.
const PATIENCE: Duration = Duration::from_secs(15);

/// The folder holding the release build: `$STUDIO_ACCESS_DIST`, else `dist/` at the workspace
/// root.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("STUDIO_ACCESS_DIST").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dist")),
        PathBuf::from,
    )
}

/// `dist/` served under a mount path on a loopback port, and a browser to look at it.
#[derive(Debug)]
pub struct Site {
    host: StaticHost,
    browser: Browser,
}

impl Site {
    /// Hosts the release build under `mount` (such as `/studio-access/`) and opens a browser.
    pub async fn start(mount: &str) -> Result<Site, HarnessError> {
        Site::start_with(mount, Fallback::NotFoundPage).await
    }

    /// Hosts the release build under `mount`, answering unknown paths as `fallback` says, and
    /// opens a browser.
    pub async fn start_with(mount: &str, fallback: Fallback) -> Result<Site, HarnessError> {
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
        let browser = Browser::start().await?;
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

    /// Loads an absolute path of the host in the browser, as typing it in the address bar does.
    pub async fn open(&self, path: &str) -> Result<(), HarnessError> {
        self.browser.client().goto(&self.host.url(path)).await?;
        Ok(())
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

    /// Clicks the element with `data-testid="{test_id}"`.
    pub async fn click(&self, test_id: &str) -> Result<(), HarnessError> {
        self.by_test_id(test_id).await?.click().await?;
        Ok(())
    }

    /// Waits until the element with `data-testid="{test_id}"` shows exactly `expected`.
    pub async fn wait_for_text(&self, test_id: &str, expected: &str) -> Result<(), HarnessError> {
        let started = Instant::now();
        let mut last_seen = None;
        while started.elapsed() < PATIENCE {
            // The element is looked up afresh each time: navigation replaces it.
            let selector = test_id_selector(test_id);
            if let Ok(element) = self.browser.client().find(Locator::Css(&selector)).await
                && let Ok(text) = element.text().await
            {
                if text == expected {
                    return Ok(());
                }
                last_seen = Some(text);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(HarnessError::Timeout(format!(
            "`{test_id}` to read {expected:?} (last read {last_seen:?})"
        )))
    }

    /// What the console saved (`localStorage["studio-access.state"]`), as the browser holds it
    /// now; empty when nothing is saved.
    pub async fn saved_state(&self) -> Result<String, HarnessError> {
        let value = self
            .browser
            .client()
            .execute(
                "return window.localStorage.getItem('studio-access.state');",
                Vec::new(),
            )
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Waits until the saved state satisfies `wanted` (the console saves after the frame that
    /// shows a change, so a test reads it only once it holds what the test did); returns it.
    pub async fn saved_becomes(
        &self,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<String, HarnessError> {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < PATIENCE {
            last = self.saved_state().await?;
            if wanted(&last) {
                return Ok(last);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(HarnessError::Timeout(format!(
            "the saved state to change (last {} bytes)",
            last.len()
        )))
    }

    /// Ends the browser session; the host and chromedriver stop when the site is dropped.
    pub async fn close(self) -> Result<(), HarnessError> {
        self.browser.close().await
    }
}

fn test_id_selector(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}
