//! A small HTTP/1.1 file server that behaves like static site hosting (GitHub Pages and the like):
//! the site lives under a mount path, a folder answers with its `index.html`, a folder without
//! its trailing slash is redirected, and an unknown path gets status 404 with the site's
//! `404.html` ([`Fallback::NotFoundPage`]) or, as some hosts do for single-page apps, status 200
//! with the site's `index.html` ([`Fallback::IndexHtml`]). Loopback only, one thread per
//! connection, `Connection: close`. It counts the requests it answers, so a test can tell that a
//! page never reached it.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// What a host answers for a path it has no file for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Fallback {
    /// Status 404 with the site's `404.html` (GitHub Pages).
    #[default]
    NotFoundPage,
    /// Status 200 with the site's `index.html` (hosts configured for single-page apps).
    IndexHtml,
}

/// A running static host; it stops when dropped.
#[derive(Debug)]
pub struct StaticHost {
    address: SocketAddr,
    mount: String,
    stopping: Arc<AtomicBool>,
    requests: Arc<AtomicUsize>,
    acceptor: Option<JoinHandle<()>>,
}

impl StaticHost {
    /// Serves the folder `root` under `mount` (such as `/` or `/studio-access/`) on a free
    /// loopback port.
    pub fn start(root: impl Into<PathBuf>, mount: &str) -> io::Result<StaticHost> {
        StaticHost::start_with(root, mount, Fallback::NotFoundPage)
    }

    /// Serves the folder `root` under `mount` on a free loopback port, answering unknown paths
    /// as `fallback` says.
    pub fn start_with(
        root: impl Into<PathBuf>,
        mount: &str,
        fallback: Fallback,
    ) -> io::Result<StaticHost> {
        StaticHost::start_on(
            SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0).into(),
            root,
            mount,
            fallback,
        )
    }

    /// Serves the folder `root` under `mount` at `address`.
    pub fn start_on(
        address: SocketAddr,
        root: impl Into<PathBuf>,
        mount: &str,
        fallback: Fallback,
    ) -> io::Result<StaticHost> {
        let listener = TcpListener::bind(address)?;
        let address = listener.local_addr()?;
        let site = Arc::new(SiteFiles {
            root: root.into(),
            mount: normalize_mount(mount),
            fallback,
        });
        let mount = site.mount.clone();
        let stopping = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(AtomicUsize::new(0));
        let acceptor = std::thread::Builder::new()
            .name("static-host".into())
            .spawn({
                let stopping = Arc::clone(&stopping);
                let requests = Arc::clone(&requests);
                move || accept_until_stopped(&listener, &site, &stopping, &requests)
            })?;
        Ok(StaticHost {
            address,
            mount,
            stopping,
            requests,
            acceptor: Some(acceptor),
        })
    }

    /// How many connections the host has accepted so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// The address the host listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The mount path, always starting and ending with `/`.
    pub fn mount(&self) -> &str {
        &self.mount
    }

    /// The full URL of an absolute `path` on this host.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// Blocks until the host stops (it only does when dropped, so: forever).
    pub fn wait(mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            // A panic in the acceptor has nothing left to clean up.
            let _ = acceptor.join();
        }
    }
}

impl Drop for StaticHost {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the acceptor sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

#[derive(Debug)]
struct SiteFiles {
    root: PathBuf,
    mount: String,
    fallback: Fallback,
}

fn normalize_mount(mount: &str) -> String {
    let inner = mount.trim_matches('/');
    if inner.is_empty() {
        "/".to_owned()
    } else {
        format!("/{inner}/")
    }
}

fn accept_until_stopped(
    listener: &TcpListener,
    site: &Arc<SiteFiles>,
    stopping: &AtomicBool,
    requests: &AtomicUsize,
) {
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        requests.fetch_add(1, Ordering::SeqCst);
        let site = Arc::clone(site);
        // A connection that fails to get a thread is dropped, as an overloaded host would.
        let _ = std::thread::Builder::new()
            .name("static-host-connection".into())
            .spawn(move || {
                let _ = serve_connection(stream, &site);
            });
    }
}

/// What the host answers to one request for a path.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    /// 200 with this file.
    File(PathBuf),
    /// 301 to this location.
    Redirect(String),
    /// 404 with the site's `404.html` when it has one.
    NotFound(Option<PathBuf>),
}

impl SiteFiles {
    fn answer(&self, path: &str) -> Answer {
        let Some(relative) = path.strip_prefix(self.mount.as_str()) else {
            return if format!("{path}/") == self.mount {
                Answer::Redirect(self.mount.clone())
            } else {
                Answer::NotFound(None)
            };
        };
        let segments: Vec<&str> = relative.split('/').collect();
        let unsafe_segment = segments
            .iter()
            .any(|s| *s == ".." || *s == "." || s.contains('\\') || s.contains('\0'));
        if unsafe_segment {
            return self.not_found();
        }
        let target = segments
            .iter()
            .filter(|s| !s.is_empty())
            .fold(self.root.clone(), |dir, segment| dir.join(segment));
        if target.is_dir() {
            if !path.ends_with('/') {
                return Answer::Redirect(format!("{path}/"));
            }
            let index = target.join("index.html");
            return if index.is_file() {
                Answer::File(index)
            } else {
                self.not_found()
            };
        }
        if target.is_file() && !path.ends_with('/') {
            Answer::File(target)
        } else {
            self.not_found()
        }
    }

    fn not_found(&self) -> Answer {
        let index = self.root.join("index.html");
        if self.fallback == Fallback::IndexHtml && index.is_file() {
            return Answer::File(index);
        }
        let page = self.root.join("404.html");
        Answer::NotFound(page.is_file().then_some(page))
    }
}

fn serve_connection(stream: TcpStream, site: &SiteFiles) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Headers are read and ignored: nothing here depends on them.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or_default();
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return write_response(&mut out, "405 Method Not Allowed", &[], b"", true);
    }
    let with_body = method == "GET";
    let raw_path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(path) = percent_decode(raw_path) else {
        return write_response(&mut out, "400 Bad Request", &[], b"", with_body);
    };
    match site.answer(&path) {
        Answer::File(file) => {
            let body = std::fs::read(&file)?;
            let headers = [("Content-Type", content_type(&file))];
            write_response(&mut out, "200 OK", &headers, &body, with_body)
        }
        Answer::Redirect(location) => {
            let headers = [("Location", location.as_str())];
            write_response(&mut out, "301 Moved Permanently", &headers, b"", with_body)
        }
        Answer::NotFound(Some(page)) => {
            let body = std::fs::read(&page)?;
            let headers = [("Content-Type", "text/html; charset=utf-8")];
            write_response(&mut out, "404 Not Found", &headers, &body, with_body)
        }
        Answer::NotFound(None) => {
            let headers = [("Content-Type", "text/plain; charset=utf-8")];
            write_response(
                &mut out,
                "404 Not Found",
                &headers,
                b"not found\n",
                with_body,
            )
        }
    }
}

fn write_response(
    out: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    with_body: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if with_body {
        out.write_all(body)?;
    }
    out.flush()
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or a result that is not UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut rest = raw.as_bytes().iter();
    while let Some(&byte) = rest.next() {
        if byte == b'%' {
            let high = char::from(*rest.next()?).to_digit(16)?;
            let low = char::from(*rest.next()?).to_digit(16)?;
            bytes.push(u8::try_from(high * 16 + low).ok()?);
        } else {
            bytes.push(byte);
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(mount: &str) -> (SiteFiles, PathBuf) {
        let root = std::env::temp_dir().join(format!(
            "studio-access-static-host-{}-{}",
            std::process::id(),
            mount.replace('/', "_")
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("assets")).unwrap();
        std::fs::write(root.join("index.html"), "index").unwrap();
        std::fs::write(root.join("404.html"), "fallback").unwrap();
        std::fs::write(root.join("app.wasm"), "wasm").unwrap();
        let files = SiteFiles {
            root: root.clone(),
            mount: normalize_mount(mount),
            fallback: Fallback::NotFoundPage,
        };
        (files, root)
    }

    #[test]
    fn answers_like_static_hosting_under_a_sub_path() {
        let (site, root) = site("/studio-access/");
        let cases = [
            ("/studio-access/", Answer::File(root.join("index.html"))),
            (
                "/studio-access/index.html",
                Answer::File(root.join("index.html")),
            ),
            (
                "/studio-access/app.wasm",
                Answer::File(root.join("app.wasm")),
            ),
            ("/studio-access", Answer::Redirect("/studio-access/".into())),
            (
                "/studio-access/assets",
                Answer::Redirect("/studio-access/assets/".into()),
            ),
            (
                "/studio-access/assets/",
                Answer::NotFound(Some(root.join("404.html"))),
            ),
            (
                "/studio-access/keys",
                Answer::NotFound(Some(root.join("404.html"))),
            ),
            (
                "/studio-access/identities/u1",
                Answer::NotFound(Some(root.join("404.html"))),
            ),
            (
                "/studio-access/app.wasm/",
                Answer::NotFound(Some(root.join("404.html"))),
            ),
            (
                "/studio-access/../secret",
                Answer::NotFound(Some(root.join("404.html"))),
            ),
            ("/", Answer::NotFound(None)),
            ("/index.html", Answer::NotFound(None)),
            ("/studio-accessory/", Answer::NotFound(None)),
        ];
        for (path, expected) in cases {
            assert_eq!(site.answer(path), expected, "for {path}");
        }
    }

    #[test]
    fn answers_at_the_site_root() {
        let (site, root) = site("/");
        assert_eq!(site.answer("/"), Answer::File(root.join("index.html")));
        assert_eq!(
            site.answer("/keys"),
            Answer::NotFound(Some(root.join("404.html")))
        );
    }

    #[test]
    fn an_index_fallback_answers_unknown_paths_with_the_index() {
        let (mut site, root) = site("/spa/");
        site.fallback = Fallback::IndexHtml;
        assert_eq!(
            site.answer("/spa/keys/deep"),
            Answer::File(root.join("index.html"))
        );
        assert_eq!(
            site.answer("/spa/app.wasm"),
            Answer::File(root.join("app.wasm"))
        );
    }

    #[test]
    fn mounts_are_normalized() {
        for (mount, expected) in [
            ("", "/"),
            ("/", "/"),
            ("a", "/a/"),
            ("/a", "/a/"),
            ("/a/b/", "/a/b/"),
        ] {
            assert_eq!(normalize_mount(mount), expected);
        }
    }

    #[test]
    fn percent_escapes_are_decoded_and_malformed_ones_refused() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%2e%2e/x").as_deref(), Some("/../x"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%4"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }

    #[test]
    fn serves_over_http_with_status_type_and_body() {
        let (_, root) = site("/over-http/");
        let host = StaticHost::start(&root, "/over-http/").unwrap();
        let get = |path: &str| {
            let mut stream = TcpStream::connect(host.address()).unwrap();
            write!(stream, "GET {path} HTTP/1.1\r\nHost: test\r\n\r\n").unwrap();
            let mut response = String::new();
            std::io::Read::read_to_string(&mut stream, &mut response).unwrap();
            response
        };
        let wasm = get("/over-http/app.wasm");
        assert!(wasm.starts_with("HTTP/1.1 200 OK\r\n"), "{wasm}");
        assert!(
            wasm.contains("Content-Type: application/wasm\r\n"),
            "{wasm}"
        );
        assert!(wasm.ends_with("\r\n\r\nwasm"), "{wasm}");

        let deep = get("/over-http/keys?x=1");
        assert!(deep.starts_with("HTTP/1.1 404 Not Found\r\n"), "{deep}");
        assert!(deep.ends_with("fallback"), "{deep}");

        let bare = get("/over-http");
        assert!(bare.starts_with("HTTP/1.1 301"), "{bare}");
        assert!(bare.contains("Location: /over-http/\r\n"), "{bare}");
    }
}
