//! Mounts the console into the page; see the library for everything else.

fn main() {
    leptos::mount::mount_to_body(studio_access_app::App);
}
