//! The run's report for the publisher, in Italian (the texts of the app's
//! Italian locale): per file, what was kept, and each record left out or
//! published without its place, with the reason.

use super::{Published, ACROSS_FILES};
use crate::domain::vacancy::Reason;
use crate::i18n::{render, Lang};
use std::fmt::Write;

pub fn report_text(p: &Published) -> String {
    let mut out = String::new();
    let skipped: usize = p.files.iter().map(|f| f.report.skipped).sum();
    let warned: usize = p.files.iter().map(|f| f.report.warned).sum();
    let _ = writeln!(out, "Sportello Lavoro: pubblicazione delle offerte");
    let _ = writeln!(
        out,
        "{} offerte pubblicate in {}, {} record scartati, {} offerte senza luogo riconosciuto.",
        p.offers,
        p.feed_path.display(),
        skipped,
        warned
    );
    let _ = writeln!(
        out,
        "Indice: {} ({} byte, {} file di offerte).",
        p.prebuilt.index_path.display(),
        p.prebuilt.index_bytes,
        p.prebuilt.shards
    );
    for f in &p.files {
        let r = &f.report;
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{} ({}): {} offerte lette, {} scartate, {} senza luogo",
            f.path.display(),
            f.format.label_it(),
            r.accepted,
            r.skipped,
            r.warned
        );
        for (i, reason) in &r.errors {
            let _ = writeln!(out, "  SCARTATO {}: {}", record(*i), text(reason));
        }
        for (i, reason) in &r.warnings {
            let _ = writeln!(out, "  SENZA LUOGO {}: {}", record(*i), text(reason));
        }
    }
    out
}

fn record(i: usize) -> String {
    if i == ACROSS_FILES {
        "offerta già pubblicata da un file precedente".into()
    } else {
        format!("record {}", i + 1)
    }
}

fn text(r: &Reason) -> String {
    render(Lang::It, &r.message())
}
