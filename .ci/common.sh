# Sourced by the other scripts in .ci/: the project root, the tools' PATH, and a step banner.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

# cargo-installed tools (trunk, wasm-bindgen) and npm's binaryen (wasm-opt, which trunk runs).
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$ROOT/.ci/node_modules/.bin:$PATH"
# wasm-bindgen-test-runner and the end-to-end harness both drive Debian's Chromium through this.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROME_BIN="${CHROME_BIN:-/usr/bin/chromium}"

step() {
  printf '\n==> %s\n' "$*"
}

# The version of a package recorded in Cargo.lock, e.g. `locked_version wasm-bindgen`.
locked_version() {
  awk -v name="$1" '
    $0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock
}
