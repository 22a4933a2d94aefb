//! `publish_vacancies [options] INPUT...`: a region's vacancies, in the
//! formats it already has, into what the app reads. Inputs are files or
//! folders of ClicLavoro/SIU Vacancy XML (`.xml`), schema.org JobPosting
//! JSON-LD (`.json`, `.jsonld`: an array, an `@graph` or one posting),
//! saved job pages (`.html`, their `<script type="application/ld+json">`
//! blocks) or the app's own feed. Writes, in the output folder,
//! `vacancies.json`, `vacancies.slix` with its offer shards, and
//! `vacancies-report.txt`: every record left out, and why.
//! See docs/feeds-vacancies.md §7; `tools/publish-vacancies.sh` wraps it.

// A native tool: built for wasm32 too (`--all-targets`), where it is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use sportello_lavoro::publisher::{publish, report_text, Options};
    use std::path::PathBuf;
    use std::process::ExitCode;

    const USAGE: &str =
        "uso: publish_vacancies [--out CARTELLA] [--source TESTO] [--demo] [--allow-empty] \
    [--comuni comuni.json] [--cp cp2021.json] [--date AAAA-MM-GG] FILE_O_CARTELLA...";

    pub fn main() -> ExitCode {
        match options(std::env::args().skip(1).collect()) {
            Ok(opts) => match publish(&opts) {
                Ok(published) => {
                    eprint!("{}", report_text(&published));
                    eprintln!("\nRapporto scritto in {}", published.report_path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("publish_vacancies: {e}");
                    ExitCode::FAILURE
                }
            },
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                ExitCode::from(2)
            }
        }
    }

    fn options(args: Vec<String>) -> Result<Options, String> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut opts = Options {
            inputs: Vec::new(),
            out_dir: PathBuf::from("."),
            comuni: root.join("public/data/comuni.json"),
            cp_list: Some(root.join("public/data/ref/cp2021.json")),
            source: None,
            demo: false,
            generated_at: today(),
            allow_empty: false,
        };
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            let mut value = |name: &str| args.next().ok_or(format!("{name}: manca il valore"));
            match a.as_str() {
                "--out" => opts.out_dir = value("--out")?.into(),
                "--source" => opts.source = Some(value("--source")?),
                "--demo" => opts.demo = true,
                "--allow-empty" => opts.allow_empty = true,
                "--comuni" => opts.comuni = value("--comuni")?.into(),
                "--cp" => opts.cp_list = Some(value("--cp")?.into()),
                "--date" => {
                    let d = value("--date")?;
                    if sportello_lavoro::domain::vacancy::iso_to_days(&d).is_none() || d.len() != 10
                    {
                        return Err(format!("--date: data non valida ({d}), attesa AAAA-MM-GG"));
                    }
                    opts.generated_at = d;
                }
                "-h" | "--help" => return Err(String::new()),
                s if s.starts_with("--") => return Err(format!("opzione sconosciuta: {s}")),
                _ => opts.inputs.push(a.into()),
            }
        }
        if opts.inputs.is_empty() {
            return Err("indicare almeno un file o una cartella".into());
        }
        Ok(opts)
    }

    /// Today's date (UTC), for `generated_at`.
    fn today() -> String {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        sportello_lavoro::domain::vacancy::days_to_iso((secs / 86_400) as i32)
    }
}
