//! `prebuild_index FEED.json OUT.slix`: the publisher's side of the prebuilt
//! index (`domain::search::prebuilt`). Writes the index file and, next to it,
//! the offer shards (`vacancies-offers/<feed_hash>/<k>.json`, removing the
//! shards of older feeds). Run natively each time the feed is published;
//! `tools/prebuild-index.sh` wraps it. To publish from ClicLavoro XML or
//! JobPosting pages, use `publish_vacancies`, which writes the feed too.

// A native tool: built for wasm32 too (`--all-targets`), where it is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use sportello_lavoro::domain::comuni::ComuniIndex;
    use sportello_lavoro::publisher::write_prebuilt;
    use std::path::Path;
    use std::process::ExitCode;

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let [feed, out] = args.as_slice() else {
            eprintln!("uso: prebuild_index FEED.json OUT.slix");
            return ExitCode::from(2);
        };
        match run(Path::new(feed), Path::new(out)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("prebuild_index: {e}");
                ExitCode::FAILURE
            }
        }
    }

    fn run(feed: &Path, out: &Path) -> Result<(), String> {
        let started = std::time::Instant::now();
        let body = std::fs::read_to_string(feed).map_err(|e| format!("{}: {e}", feed.display()))?;
        // A JobPosting list in place of the feed: its places need the comuni.
        let comuni = if sportello_lavoro::domain::vacancy::looks_like_jsonld(&body) {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data/comuni.json");
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Some(ComuniIndex::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?)
        } else {
            None
        };
        let written = write_prebuilt(&body, out, comuni.as_ref())
            .map_err(|e| format!("{}: {e}", feed.display()))?;
        eprintln!(
            "{}: {} offerte ({} scartate), {:.1} MB, {} file di offerte, in {:.1} s",
            out.display(),
            written.accepted,
            written.skipped,
            written.index_bytes as f64 / 1_048_576.0,
            written.shards,
            started.elapsed().as_secs_f64()
        );
        Ok(())
    }
}
