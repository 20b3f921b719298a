//! A harness for end-to-end tests of the built site: a loopback server that hosts `dist/` the way
//! static hosting does, and headless Chromium driven through chromedriver.
//!
//! A test is a few lines:
//!
//! ```no_run
//! # async fn example() -> Result<(), studio_access_e2e::HarnessError> {
//! let site = studio_access_e2e::Site::start("/studio-access/").await?;
//! site.open("/studio-access/keys").await?;
//! site.wait_for_text("page-title", "API keys").await?;
//! site.close().await
//! # }
//! ```

mod browser;
mod error;
mod site;
mod static_host;

pub use browser::Browser;
pub use error::HarnessError;
pub use site::{Site, dist_dir};
pub use static_host::{Fallback, StaticHost};
