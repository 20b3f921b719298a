//! With the `split` feature, link with relocations kept: `wasm-split-cli` reads them to cut the
//! wasm into one piece per screen (see `src/routes.rs` and `.ci/split`).

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg=--emit-relocs");
    }
}
