//! A harness for end-to-end tests of the built site: a loopback server that hosts `dist/` the way
//! static hosting does, headless Chromium driven through chromedriver, and [`Site`], whose
//! methods are what a person does in the console (open a screen, type into a field, choose an
//! option, wait for a text).
//!
//! A test is a few lines:
//!
//! ```no_run
//! # async fn example() -> Result<(), studio_access_e2e::HarnessError> {
//! use studio_access_e2e::{MOUNT, Screen, Site};
//!
//! let site = Site::start(MOUNT).await?;
//! site.open_screen(Screen::ApiKeys).await?;
//! site.type_into("key-create-label", "e2e-key").await?;
//! site.close().await
//! # }
//! ```

use std::time::Duration;

mod axe;
mod browser;
mod error;
mod site;
mod static_host;

pub use axe::Violation;
pub use browser::{Browser, Theme};
pub use error::HarnessError;
pub use site::{STORAGE_KEY, Site, dist_dir, test_id_selector};
pub use static_host::{Fallback, StaticHost};
pub use studio_access_view::screen::Screen;

/// How long the harness waits for something to happen (an element to appear, a text to read as
/// expected, chromedriver to listen) before it fails.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// The sub-path the tests host the site under, as a project site of static hosting is.
pub const MOUNT: &str = "/studio-access/";

/// How often the harness looks again while it waits.
pub const POLL: Duration = Duration::from_millis(50);
