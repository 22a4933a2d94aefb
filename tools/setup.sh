#!/usr/bin/env bash
# Install what is missing, and only that. Global installs (~/.cargo/bin,
# Debian packages) are reused by later runs and by CI on the same machine.
#   tools/setup.sh serve   what building and serving needs
#   tools/setup.sh test    that, plus Chromium and chromedriver
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-serve}"
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '== setup: %s\n' "$*"; }

# Rust target for the browser.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Formatting and lints run first in the test command.
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
    say "adding the ${component} component"
    rustup component add "${component}"
  fi
done

# Trunk 0.21 (0.22 needs a newer rustc than this machine has).
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21 (10-20 minutes on 2 cores)"
  cargo install trunk --version '~0.21' --locked
fi

# wasm-bindgen CLI: must equal the wasm-bindgen version in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${wb_version}\$"; then
  say "installing wasm-bindgen-cli ${wb_version}"
  # --locked fails for 0.2.130 (a locked dependency is gone from the registry).
  cargo install wasm-bindgen-cli --version "${wb_version}" --force
fi
if ! grep -q "wasm_bindgen = \"${wb_version}\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be ${wb_version} (the Cargo.lock version)" >&2
  exit 1
fi

# wasm-split-cli: splits the module by route before wasm-bindgen runs
# (tools/build/bin/wasm-bindgen). About 2 minutes to compile.
if ! wasm-split-cli --help 2>/dev/null | grep -q 'wasm-split'; then
  say "installing wasm-split-cli (wasm_split_cli_support 0.2.4)"
  cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked
fi

# Node dev tools: wasm-opt (npm binaryen, never Debian's), Playwright, axe, fonts.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev dependencies"
  npm ci --no-audit --no-fund
fi

# Trunk runs cargo with --offline: fetch the crates first.
cargo fetch --locked >/dev/null

if [ "$mode" = "test" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian Chromium and chromedriver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
say "ready"
