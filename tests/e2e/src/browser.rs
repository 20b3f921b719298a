//! Headless Chromium behind a chromedriver that the harness starts on a free port and stops.

use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::{HarnessError, PATIENCE, POLL};

/// Flags Chromium needs to run headless as root on a machine with no outside network.
const CHROMIUM_ARGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1280,800",
];

/// The colour scheme the browser asks pages for (`prefers-color-scheme`), as an operating
/// system's light or dark setting does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Theme {
    /// `prefers-color-scheme: light`, Chromium's default.
    Light,
    /// `prefers-color-scheme: dark`.
    Dark,
}

impl Theme {
    /// Both schemes, light first.
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Dark];

    /// The Chromium flags that select the scheme (Blink's `PreferredColorScheme`: dark is 0).
    fn flags(self) -> &'static [&'static str] {
        match self {
            Theme::Light => &["--blink-settings=preferredColorScheme=1"],
            Theme::Dark => &[
                "--force-dark-mode",
                "--blink-settings=preferredColorScheme=0",
            ],
        }
    }
}

/// A browser session: chromedriver, the Chromium it drives, and a profile folder of its own.
/// Dropping it stops chromedriver (and with it Chromium) and removes the profile.
#[derive(Debug)]
pub struct Browser {
    client: Client,
    driver: Driver,
}

impl Browser {
    /// Starts chromedriver (`$CHROMEDRIVER`, else `/usr/bin/chromedriver`) and opens a session
    /// in headless Chromium (`$CHROME_BIN`, else `/usr/bin/chromium`) with a fresh profile, in
    /// the light scheme.
    pub async fn start() -> Result<Browser, HarnessError> {
        Browser::start_in(Theme::Light).await
    }

    /// Starts chromedriver and opens a session in headless Chromium whose pages see `theme` as
    /// the system's colour scheme.
    pub async fn start_in(theme: Theme) -> Result<Browser, HarnessError> {
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let driver = Driver::start(&chromedriver)?;
        wait_until_listening(driver.port).await?;

        let mut args: Vec<String> = CHROMIUM_ARGS
            .iter()
            .chain(theme.flags())
            .map(|a| (*a).to_owned())
            .collect();
        args.push(format!("--user-data-dir={}", driver.profile.display()));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": chromium,
                "args": args,
                // Downloads go, without asking, to a folder of the profile's (see `downloads`).
                "prefs": {
                    "download.default_directory": driver.downloads(),
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true,
                },
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await?;
        Ok(Browser { client, driver })
    }

    /// The folder the browser saves downloads to (the console's Export, CSV downloads); it goes
    /// with the profile.
    pub fn downloads(&self) -> PathBuf {
        self.driver.downloads()
    }

    /// The WebDriver client, for anything the [`Site`](crate::Site) helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Ends the session politely; chromedriver stops when the browser is dropped.
    pub async fn close(self) -> Result<(), HarnessError> {
        self.client.clone().close().await?;
        Ok(())
    }
}

/// A running chromedriver and the profile folder its Chromium uses; both go when dropped.
#[derive(Debug)]
struct Driver {
    process: Child,
    port: u16,
    profile: PathBuf,
}

impl Driver {
    fn start(chromedriver: &str) -> Result<Driver, HarnessError> {
        let failed = |what: &str| {
            let what = what.to_owned();
            move |source| HarnessError::Start { what, source }
        };
        let port = free_port().map_err(failed("chromedriver: no free port"))?;
        let profile = fresh_profile_dir().map_err(failed("a Chromium profile folder"))?;
        let process = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            // Its own process group, so that dropping the driver can stop the Chromium it
            // started too, even when a failed test never ended its session.
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(failed(&format!("`{chromedriver}`")))?;
        Ok(Driver {
            process,
            port,
            profile,
        })
    }
}

impl Driver {
    /// Where Chromium saves downloads: a folder of the profile's.
    fn downloads(&self) -> PathBuf {
        Path::new(&self.profile).join("downloads")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The group's id is chromedriver's pid. Errors mean the processes are already gone.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", self.process.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.process.kill();
        let _ = self.process.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

fn fresh_profile_dir() -> std::io::Result<PathBuf> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "studio-access-e2e-chromium-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

async fn wait_until_listening(port: u16) -> Result<(), HarnessError> {
    let started = Instant::now();
    let address = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
    while TcpStream::connect(address).is_err() {
        if started.elapsed() > PATIENCE {
            return Err(HarnessError::Timeout(format!(
                "chromedriver to listen on port {port}"
            )));
        }
        tokio::time::sleep(POLL).await;
    }
    Ok(())
}
