#!/usr/bin/env bash
# Publish a region's vacancies: ClicLavoro/SIU XML, JobPosting JSON-LD or
# saved job pages into vacancies.json + vacancies.slix + shards + a report
# (see docs/feeds-vacancies.md §7). Every argument goes to the tool:
#   bash tools/publish-vacancies.sh --out /srv/www/data --source "Regione …" EXPORT_DIR/
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# Native release build (the wasm target is Trunk's); paths stay relative to
# where the command is run.
exec cargo run --quiet --release --manifest-path "$root/Cargo.toml" --bin publish_vacancies -- "$@"
