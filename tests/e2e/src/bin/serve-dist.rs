//! Serves the release build the way static hosting does, for people and for `.ci/serve`.
//!
//! `serve-dist [--port N] [--mount /sub/path/] [DIR]`: DIR defaults to `dist`, the port to
//! 8080 and the mount to `/`. Listens on 127.0.0.1 only.

use std::net::{Ipv4Addr, SocketAddrV4};
use std::process::ExitCode;

use studio_access_e2e::{Fallback, StaticHost};

fn main() -> ExitCode {
    let mut port: u16 = 8080;
    let mut mount = String::from("/");
    let mut dir = String::from("dist");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--port", Some(value)) => match value.parse() {
                Ok(parsed) => port = parsed,
                Err(_) => return usage(&format!("not a port: `{value}`")),
            },
            ("--mount", Some(value)) => mount = value,
            (other, None) if !other.starts_with("--") => dir = other.to_owned(),
            (other, _) => return usage(&format!("unexpected argument `{other}`")),
        }
    }
    if !std::path::Path::new(&dir).join("index.html").is_file() {
        return usage(&format!(
            "no index.html in `{dir}`: run `trunk build --release` first"
        ));
    }
    let address = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port).into();
    match StaticHost::start_on(address, &dir, &mount, Fallback::NotFoundPage) {
        Ok(host) => {
            println!("Serving {dir}/ at {}", host.url(host.mount()));
            host.wait();
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("serve-dist: cannot listen on {address}: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("serve-dist: {problem}\nusage: serve-dist [--port N] [--mount /sub/path/] [DIR]");
    ExitCode::from(2)
}
