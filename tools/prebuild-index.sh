#!/usr/bin/env bash
# Build the prebuilt search index of a vacancies feed (see docs/feeds-vacancies.md).
#   bash tools/prebuild-index.sh                 public/data/vacancies.json → public/data/vacancies.slix
#   bash tools/prebuild-index.sh FEED.json OUT.slix
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="${1:-$root/public/data/vacancies.json}"
out="${2:-${feed%.json}.slix}"
# Native build (the wasm target is Trunk's): release, for 100,000-offer feeds;
# paths stay relative to where the command is run.
cargo run --quiet --release --manifest-path "$root/Cargo.toml" --bin prebuild_index -- "$feed" "$out"
