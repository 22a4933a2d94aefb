# Sourced by the tools: the PATH the build needs. wasm-opt must come from
# node_modules (npm binaryen): Debian's wasm-opt corrupts the module.
# tools/build/bin holds the wasm-bindgen wrapper that splits the module by
# route before the real wasm-bindgen runs (docs/architecture.md).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/tools/build/bin:$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
