#!/usr/bin/env bash
# The whole test suite, on a fresh machine too: formatting and lints on both
# targets, native unit and integration
# tests, wasm-bindgen tests in headless Chromium, the demo API tests, and the
# end-to-end journeys with an axe audit against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh test
source tools/env.sh

echo "== formatting (cargo fmt --check)"
cargo fmt --check

echo "== lints (cargo clippy, native and wasm32, warnings are errors)"
cargo clippy --locked --all-targets -- -D warnings
# --all-features: the benchmark hooks (`bench` feature) are checked too.
cargo clippy --locked --all-targets --all-features --target wasm32-unknown-unknown -- -D warnings

echo "== native tests (cargo test)"
cargo test --locked

echo "== browser tests (wasm-bindgen-test in headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test wasm_storage --test wasm_components --test wasm_vacancies

echo "== release build (trunk)"
trunk build --release

echo "== size budget of a cold visit (code split by route)"
node --test tests/build/

echo "== demo CPI API tests"
node --test tests/server/

echo "== end-to-end journeys (Playwright + axe)"
node --test --test-concurrency=1 tests/e2e/
