//! The publisher's side, natively (`src/bin/publish_vacancies.rs`,
//! `src/bin/prebuild_index.rs`): read a region's vacancies in the formats
//! it already has, resolve every place, and write the app feed, its
//! prebuilt search index and offer shards, and a report of every record
//! left out and why. See docs/feeds-vacancies.md §7.

mod files;
mod report;

pub use files::{write_atomically, write_prebuilt, PrebuiltWritten};
pub use report::report_text;

use crate::domain::comuni::ComuniIndex;
use crate::domain::feed::{Feed, FeedKind};
use crate::domain::vacancy::{
    import_cliclavoro, import_jobposting_with, ld_json_scripts, looks_like_jsonld,
    parse_vacancy_feed_with, ImportReport, RecordError, Vacancy,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What to publish and where.
#[derive(Clone, Debug)]
pub struct Options {
    /// Files or folders (read recursively, in name order).
    pub inputs: Vec<PathBuf>,
    /// Where `vacancies.json`, `vacancies.slix`, the shards and the report go.
    pub out_dir: PathBuf,
    /// The comuni feed (`public/data/comuni.json`).
    pub comuni: PathBuf,
    /// The CP list (`public/data/ref/cp2021.json`), to label professions.
    pub cp_list: Option<PathBuf>,
    /// Attribution written in the feed.
    pub source: Option<String>,
    /// Mark the feed as demonstration data.
    pub demo: bool,
    /// `generated_at` of the feed (ISO date).
    pub generated_at: String,
    /// Publish even when no offer was read. Otherwise such a run (every
    /// file broken, say) writes its report and leaves the published feed
    /// as it was, instead of emptying it.
    pub allow_empty: bool,
}

/// The format an input file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    AppFeed,
    JsonLd,
    /// The JSON-LD blocks of a saved HTML page.
    HtmlPage,
    ClicLavoro,
}

impl InputFormat {
    pub fn label_it(self) -> &'static str {
        match self {
            InputFormat::AppFeed => "feed dell'app",
            InputFormat::JsonLd => "JobPosting JSON-LD",
            InputFormat::HtmlPage => "pagina HTML con JobPosting",
            InputFormat::ClicLavoro => "ClicLavoro/SIU Vacancy XML",
        }
    }
}

/// One input file and what became of its records.
#[derive(Clone, Debug)]
pub struct FileOutcome {
    pub path: PathBuf,
    pub format: InputFormat,
    pub report: ImportReport,
}

/// The record number of an error that concerns no one record of its file
/// (an offer whose id an earlier file already published).
pub const ACROSS_FILES: usize = usize::MAX;

/// What a run wrote.
#[derive(Clone, Debug)]
pub struct Published {
    pub files: Vec<FileOutcome>,
    pub offers: usize,
    pub feed_path: PathBuf,
    pub report_path: PathBuf,
    pub prebuilt: PrebuiltWritten,
}

/// Read every input, write feed, index, shards and report.
pub fn publish(opts: &Options) -> Result<Published, String> {
    let comuni = load_comuni(&opts.comuni)?;
    let cp = opts
        .cp_list
        .as_deref()
        .map(load_cp_labels)
        .transpose()?
        .unwrap_or_default();
    let paths = input_files(&opts.inputs)?;
    if paths.is_empty() {
        return Err("nessun file da leggere (.json, .jsonld, .html, .htm, .xml)".into());
    }
    let mut offers: Vec<Vacancy> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut files = Vec::new();
    for path in paths {
        let outcome = read_file(&path, &comuni, &cp, &mut offers, &mut seen)?;
        files.push(outcome);
    }
    let feed = Feed {
        schema_version: FeedKind::Vacancies.schema_version(),
        feed: FeedKind::Vacancies.name().to_string(),
        generated_at: opts.generated_at.clone(),
        demo: opts.demo,
        source: opts.source.clone(),
        items: offers,
    };
    let body = feed_text(&feed)?;
    std::fs::create_dir_all(&opts.out_dir)
        .map_err(|e| format!("{}: {e}", opts.out_dir.display()))?;
    let feed_path = opts.out_dir.join(FeedKind::Vacancies.file_name());
    let report_path = opts.out_dir.join("vacancies-report.txt");
    let empty = feed.items.is_empty() && !opts.allow_empty;
    let prebuilt = if empty {
        PrebuiltWritten::default()
    } else {
        write_prebuilt(&body, &feed_path.with_extension("slix"), Some(&comuni))?
    };
    if !empty {
        write_atomically(&feed_path, body.as_bytes())?;
    }
    let published = Published {
        offers: feed.items.len(),
        files,
        feed_path,
        report_path,
        prebuilt,
    };
    write_atomically(&published.report_path, report_text(&published).as_bytes())?;
    if empty {
        return Err(format!(
            "nessuna offerta valida: le offerte già pubblicate non sono state toccate \
             (rapporto in {}; --allow-empty per pubblicare un elenco vuoto)",
            published.report_path.display()
        ));
    }
    Ok(published)
}

/// The app feed, one offer per line (diffs stay readable).
fn feed_text(feed: &Feed<Vacancy>) -> Result<String, String> {
    // The envelope in its field order, `items` last.
    let envelope = Feed::<Vacancy> {
        schema_version: feed.schema_version,
        feed: feed.feed.clone(),
        generated_at: feed.generated_at.clone(),
        demo: feed.demo,
        source: feed.source.clone(),
        items: Vec::new(),
    };
    let head = serde_json::to_string(&envelope).map_err(|e| e.to_string())?;
    let Some(open) = head.strip_suffix("[]}") else {
        return Err("feed envelope".into());
    };
    let mut out = String::from(open);
    out.push('[');
    for (i, v) in feed.items.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(v).map_err(|e| e.to_string())?);
    }
    out.push_str("\n]}\n");
    Ok(out)
}

fn load_comuni(path: &Path) -> Result<ComuniIndex, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    ComuniIndex::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// CP code → label, from the shipped code list.
fn load_cp_labels(path: &Path) -> Result<Vec<(String, String)>, String> {
    #[derive(serde::Deserialize)]
    struct List {
        items: Vec<(String, String)>,
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str::<List>(&text)
        .map(|l| l.items)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The label of the most precise CP level the list has for `code`.
fn cp_label(cp: &[(String, String)], code: &str) -> Option<String> {
    let parts: Vec<&str> = code.split('.').collect();
    (1..=parts.len()).rev().find_map(|n| {
        let prefix = parts[..n].join(".");
        cp.iter()
            .find(|(c, _)| *c == prefix)
            .map(|(_, l)| l.clone())
    })
}

/// Files under the inputs, each folder's in name order.
fn input_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| format!("{}: {e}", input.display()))?;
        if meta.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| format!("{}: {e}", input.display()))?
                .flatten()
                .map(|e| e.path())
                .collect();
            entries.sort();
            let (dirs, files): (Vec<PathBuf>, Vec<PathBuf>) =
                entries.into_iter().partition(|p| p.is_dir());
            out.extend(files.into_iter().filter(|p| format_by_name(p).is_some()));
            out.extend(input_files(&dirs)?);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn format_by_name(path: &Path) -> Option<InputFormat> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "xml" => Some(InputFormat::ClicLavoro),
        "html" | "htm" => Some(InputFormat::HtmlPage),
        "json" | "jsonld" => Some(InputFormat::JsonLd),
        _ => None,
    }
}

fn read_file(
    path: &Path,
    comuni: &ComuniIndex,
    cp: &[(String, String)],
    offers: &mut Vec<Vacancy>,
    seen: &mut HashSet<String>,
) -> Result<FileOutcome, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let named = format_by_name(path);
    let sniffed_xml = text.trim_start().starts_with('<')
        && !text
            .get(..512)
            .unwrap_or(text)
            .to_ascii_lowercase()
            .contains("<html");
    let (format, records, report) = match named {
        Some(InputFormat::ClicLavoro) => {
            let (v, r) = import_cliclavoro(text, comuni);
            (InputFormat::ClicLavoro, v, r)
        }
        Some(InputFormat::HtmlPage) => {
            let (v, r) = read_html(text, comuni);
            (InputFormat::HtmlPage, v, r)
        }
        _ if sniffed_xml && named.is_none() => {
            let (v, r) = import_cliclavoro(text, comuni);
            (InputFormat::ClicLavoro, v, r)
        }
        _ if looks_like_jsonld(text) => {
            let (v, r) = import_jobposting_with(text, Some(comuni), ImportReport::keeping_all());
            (InputFormat::JsonLd, v, r)
        }
        _ => match parse_vacancy_feed_with(text, ImportReport::keeping_all()) {
            Ok((v, r)) => (InputFormat::AppFeed, v, r),
            Err(e) => {
                let mut r = ImportReport::keeping_all();
                r.skipped = 1;
                r.errors.push((
                    0,
                    RecordError::BadRecord {
                        detail: e.to_string(),
                    }
                    .into(),
                ));
                (InputFormat::AppFeed, Vec::new(), r)
            }
        },
    };
    let mut report = report;
    for mut v in records {
        if !seen.insert(v.id.clone()) {
            report.accepted = report.accepted.saturating_sub(1);
            report.skipped += 1;
            report.errors.push((
                ACROSS_FILES,
                RecordError::DuplicateId {
                    value: v.id.clone(),
                }
                .into(),
            ));
            continue;
        }
        if let Some(p) = v.profession.as_mut().filter(|p| p.label.is_empty()) {
            p.label = cp_label(cp, &p.code).unwrap_or_default();
        }
        offers.push(v);
    }
    report.errors.sort_by_key(|(i, _)| *i);
    Ok(FileOutcome {
        path: path.to_path_buf(),
        format,
        report,
    })
}

/// Every JobPosting of every JSON-LD block of a page; record numbers run
/// across the blocks.
fn read_html(text: &str, comuni: &ComuniIndex) -> (Vec<Vacancy>, ImportReport) {
    let mut all = Vec::new();
    let mut total = ImportReport::keeping_all();
    let mut base = 0;
    let blocks = ld_json_scripts(text);
    if blocks.is_empty() {
        total.skipped = 1;
        total
            .errors
            .push((0, RecordError::NotJobPostingList.into()));
    }
    for block in blocks {
        let (offers, r) = import_jobposting_with(block, Some(comuni), ImportReport::keeping_all());
        let n = block_records(block);
        total.accepted += r.accepted;
        total.skipped += r.skipped;
        total.warned += r.warned;
        total
            .errors
            .extend(r.errors.into_iter().map(|(i, e)| (base + i, e)));
        total
            .warnings
            .extend(r.warnings.into_iter().map(|(i, e)| (base + i, e)));
        all.extend(offers);
        base += n.max(1);
    }
    (all, total)
}

/// How many nodes a JSON-LD block numbers (an array's or `@graph`'s length).
fn block_records(block: &str) -> usize {
    match serde_json::from_str::<serde_json::Value>(block) {
        Ok(serde_json::Value::Array(a)) => a.len(),
        Ok(v) => v
            .get("@graph")
            .and_then(|g| g.as_array())
            .map_or(1, Vec::len),
        Err(_) => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp_labels_from_the_most_precise_level_listed() {
        let cp = vec![
            ("8".to_string(), "Professioni non qualificate".to_string()),
            (
                "8.1.3".to_string(),
                "Personale non qualificato addetto allo spostamento e alla consegna merci"
                    .to_string(),
            ),
        ];
        assert_eq!(
            cp_label(&cp, "8.1.3.1.0.1").as_deref(),
            Some("Personale non qualificato addetto allo spostamento e alla consegna merci")
        );
        assert_eq!(
            cp_label(&cp, "8.2").as_deref(),
            Some("Professioni non qualificate")
        );
        assert_eq!(cp_label(&cp, "7.1"), None);
    }

    #[test]
    fn the_feed_text_is_the_app_feed() {
        let feed = Feed {
            schema_version: 1,
            feed: "vacancies".into(),
            generated_at: "2026-12-03".into(),
            demo: true,
            source: Some("x".into()),
            items: Vec::<Vacancy>::new(),
        };
        let text = feed_text(&feed).expect("text");
        let (offers, report) =
            parse_vacancy_feed_with(&text, ImportReport::default()).expect("a feed");
        assert!(offers.is_empty() && report.skipped == 0);
    }
}
