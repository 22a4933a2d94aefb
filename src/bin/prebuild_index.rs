//! `prebuild_index FEED.json OUT.slix`: the publisher's side of the prebuilt
//! index (`domain::search::prebuilt`). Run natively, next to the feed, each
//! time the feed is published; `tools/prebuild-index.sh` wraps it.

use sportello_lavoro::domain::search::prebuilt;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [feed, out] = args.as_slice() else {
        eprintln!("uso: prebuild_index FEED.json OUT.slix");
        return ExitCode::from(2);
    };
    let body = match std::fs::read_to_string(feed) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{feed}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    let bytes = match prebuilt::prebuild(&body) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{feed}: {e}");
            return ExitCode::FAILURE;
        }
    };
    drop(body);
    // Write beside and rename, so a server never serves half a file.
    let tmp = format!("{out}.tmp");
    if let Err(e) = std::fs::write(&tmp, &bytes).and_then(|_| std::fs::rename(&tmp, out)) {
        eprintln!("{out}: {e}");
        return ExitCode::FAILURE;
    }
    match prebuilt::split(&bytes) {
        Ok((meta, _)) => eprintln!(
            "{out}: {} offerte ({} scartate), {:.1} MB, in {:.1} s",
            meta.accepted,
            meta.skipped,
            bytes.len() as f64 / 1_048_576.0,
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("{out}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
