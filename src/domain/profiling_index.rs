//! The official profiling index, as the CPI API returns it
//! (`GET /api/v1/me/profiling`): ANPAL's probability of still being without
//! work (0–1) and its class. Never computed here: the model's coefficients
//! are not public (DOMAIN.md §2.1). This reads the answer and says what the
//! class means.

use crate::domain::message::Msg;

#[derive(Clone, Debug, PartialEq)]
pub struct ProfilingIndex {
    /// 0–1: the higher, the harder finding work may be.
    pub index: f64,
    /// 1 basso … 4 alto (ANPAL's four classes).
    pub class: u8,
    pub computed_at: String,
    /// Given by the demo server, not by a real model.
    pub demo: bool,
}

impl ProfilingIndex {
    /// "0,31" → "31%".
    pub fn percent(&self) -> String {
        format!("{}%", (self.index * 100.0).round() as u32)
    }

    /// The class's name and what it changes for the person.
    pub fn class_msg(&self) -> Msg {
        Msg::new(match self.class {
            1 => "q.index.class.1",
            2 => "q.index.class.2",
            3 => "q.index.class.3",
            _ => "q.index.class.4",
        })
    }
}

/// Read the answer; `None` when it is not one (the page then says the
/// index is not available, as if it had not been computed).
pub fn parse_index(body: &str) -> Option<ProfilingIndex> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    let index = v
        .get("index")?
        .as_f64()
        .filter(|i| (0.0..=1.0).contains(i))?;
    let class = v
        .get("class")?
        .as_u64()
        .filter(|c| (1..=4).contains(c))
        .and_then(|c| u8::try_from(c).ok())?;
    Some(ProfilingIndex {
        index,
        class,
        computed_at: v
            .get("computed_at")
            .and_then(|c| c.as_str())
            .unwrap_or_default()
            .to_string(),
        demo: v.get("demo").and_then(|d| d.as_bool()).unwrap_or(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Lang};

    #[test]
    fn reads_the_index_and_its_class() {
        let i = parse_index(
            r#"{"index":0.31,"class":2,"computed_at":"2026-12-02T21:00:00Z","demo":true}"#,
        )
        .unwrap();
        assert_eq!(i.percent(), "31%");
        assert!(i.demo);
        assert!(render(Lang::It, &i.class_msg()).starts_with("Medio-basso"));
    }

    #[test]
    fn refuses_what_is_not_an_index() {
        for body in [
            "",
            "{}",
            r#"{"index":1.2,"class":2}"#,
            r#"{"index":-0.1,"class":2}"#,
            r#"{"index":0.5,"class":5}"#,
            r#"{"index":"0.5","class":2}"#,
        ] {
            assert_eq!(parse_index(body), None, "{body}");
        }
    }

    #[test]
    fn every_class_reads_in_every_language() {
        for class in 1..=4 {
            let i = ProfilingIndex {
                index: 0.5,
                class,
                computed_at: String::new(),
                demo: false,
            };
            for lang in Lang::ALL {
                let m = i.class_msg();
                assert_ne!(render(lang, &m), m.key);
            }
        }
    }
}
