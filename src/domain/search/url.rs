//! A search state as a URL query string, so that every search can be
//! bookmarked, shared and restored with the back button.
//!
//! Parameters (Italian, in this fixed order; defaults are omitted):
//! `q` text · `prov` provinces (comma-separated) · `comune` · `raggio` km ·
//! `lat`,`lon` centre · `prof` CP groups · `settore` ATECO sections/divisions ·
//! `contratto` · `orario` · `giorni` posted within · `l68=1` · `tirocinio=1` ·
//! `ordine` (`recenti`, `distanza`) · `da` offset · `n` page size.
//!
//! Parsing is tolerant: unknown parameters and invalid values are ignored,
//! lists are de-duplicated and capped, numbers clamped.

use super::classify::section_index_of_letter;
use super::query::{Query, SortOrder, DEFAULT_LIMIT, MAX_LIMIT};
use crate::domain::vacancy::{ContractType, WorkingTime};

const MAX_TEXT_CHARS: usize = 200;
const MAX_LIST: usize = 30;

fn encode_into(out: &mut String, s: &str) {
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
}

/// Percent-decoding with `+` as space; invalid escapes are kept literally,
/// invalid UTF-8 is replaced.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let hex = |c: u8| -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    };
    while i < b.len() {
        match b[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn push_param(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    out.push_str(key);
    out.push('=');
    encode_into(out, value);
}

fn push_list<'a>(out: &mut String, key: &str, values: impl Iterator<Item = &'a str>) {
    let mut first = true;
    for v in values {
        if first {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(key);
            out.push('=');
            first = false;
        } else {
            out.push(',');
        }
        encode_into(out, v);
    }
}

fn push_dedup<T: PartialEq>(list: &mut Vec<T>, v: T) {
    if list.len() < MAX_LIST && !list.contains(&v) {
        list.push(v);
    }
}

impl Query {
    /// The query string (without `?`) of this search; empty for the default search.
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        if !self.text.trim().is_empty() {
            push_param(&mut out, "q", &self.text);
        }
        push_list(&mut out, "prov", self.provinces.iter().map(String::as_str));
        if let Some(c) = self.comune.as_deref().filter(|c| !c.trim().is_empty()) {
            push_param(&mut out, "comune", c);
        }
        if let Some(r) = self.radius_km {
            push_param(&mut out, "raggio", &r.to_string());
        }
        if let Some((lat, lon)) = self.origin {
            push_param(&mut out, "lat", &lat.to_string());
            push_param(&mut out, "lon", &lon.to_string());
        }
        let groups: Vec<String> = self
            .profession_groups
            .iter()
            .map(|g| g.to_string())
            .collect();
        push_list(&mut out, "prof", groups.iter().map(String::as_str));
        push_list(&mut out, "settore", self.sectors.iter().map(String::as_str));
        push_list(
            &mut out,
            "contratto",
            self.contracts.iter().map(|c| c.code()),
        );
        push_list(
            &mut out,
            "orario",
            self.working_times.iter().map(|w| w.code()),
        );
        if let Some(d) = self.posted_within_days {
            push_param(&mut out, "giorni", &d.to_string());
        }
        if self.reserved_l68 {
            push_param(&mut out, "l68", "1");
        }
        if self.internship {
            push_param(&mut out, "tirocinio", "1");
        }
        if self.sort != SortOrder::Relevance {
            push_param(&mut out, "ordine", self.sort.code());
        }
        if self.offset != 0 {
            push_param(&mut out, "da", &self.offset.to_string());
        }
        if self.limit != DEFAULT_LIMIT {
            push_param(&mut out, "n", &self.limit.to_string());
        }
        out
    }

    /// Read a query string (with or without the leading `?`, a `#fragment`
    /// is ignored). Never fails: what cannot be understood is left at its
    /// default.
    pub fn from_query_string(s: &str) -> Query {
        let s = s.trim();
        let s = s.strip_prefix('?').unwrap_or(s);
        let s = s.split('#').next().unwrap_or("");
        let mut q = Query::default();
        let (mut lat, mut lon) = (None, None);
        for pair in s.split('&').take(64) {
            let (k, raw) = match pair.find('=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, ""),
            };
            let key = decode(k);
            // Lists: split on the literal commas first, then decode each value.
            let list = || {
                raw.split(',')
                    .map(decode)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            let value = decode(raw);
            let value = value.trim();
            match key.as_str() {
                // Not trimmed: a trailing space means the last word is complete.
                "q" => q.text = decode(raw).chars().take(MAX_TEXT_CHARS).collect(),
                "prov" => {
                    for v in list() {
                        let v = v.to_ascii_uppercase();
                        if v.len() == 2 && v.bytes().all(|c| c.is_ascii_uppercase()) {
                            push_dedup(&mut q.provinces, v);
                        }
                    }
                }
                "comune" if !value.is_empty() => q.comune = Some(value.chars().take(80).collect()),
                "raggio" => {
                    q.radius_km = value.parse::<u16>().ok().filter(|r| (1..=500).contains(r))
                }
                "lat" => {
                    lat = value
                        .parse::<f32>()
                        .ok()
                        .filter(|v| v.is_finite() && (-90.0..=90.0).contains(v))
                }
                "lon" => {
                    lon = value
                        .parse::<f32>()
                        .ok()
                        .filter(|v| v.is_finite() && (-180.0..=180.0).contains(v))
                }
                "prof" => {
                    for g in list()
                        .filter_map(|v| v.parse::<u8>().ok())
                        .filter(|g| (1..=9).contains(g))
                    {
                        push_dedup(&mut q.profession_groups, g);
                    }
                }
                "settore" => {
                    for v in list() {
                        let b = v.as_bytes();
                        let ok = (b.len() == 1
                            && b[0].is_ascii_uppercase()
                            && section_index_of_letter(b[0] as char).is_some())
                            || (b.len() == 2 && b.iter().all(u8::is_ascii_digit) && v != "00");
                        if ok {
                            push_dedup(&mut q.sectors, v);
                        }
                    }
                }
                "contratto" => {
                    for v in list() {
                        if let Some(c) = ContractType::from_code(&v) {
                            push_dedup(&mut q.contracts, c);
                        }
                    }
                }
                "orario" => {
                    for v in list() {
                        if let Some(w) = WorkingTime::from_code(&v) {
                            push_dedup(&mut q.working_times, w);
                        }
                    }
                }
                "giorni" => {
                    q.posted_within_days =
                        value.parse::<u16>().ok().filter(|d| (1..=365).contains(d))
                }
                "l68" => q.reserved_l68 = is_true(value),
                "tirocinio" => q.internship = is_true(value),
                "ordine" => q.sort = SortOrder::from_code(value).unwrap_or_default(),
                "da" => {
                    q.offset = value
                        .parse::<u32>()
                        .ok()
                        .filter(|&o| o <= 1_000_000)
                        .unwrap_or(0)
                }
                "n" => {
                    q.limit = value
                        .parse::<u32>()
                        .ok()
                        .map(|n| n.clamp(1, MAX_LIMIT))
                        .unwrap_or(DEFAULT_LIMIT)
                }
                _ => {}
            }
        }
        if let (Some(a), Some(b)) = (lat, lon) {
            q.origin = Some((a, b));
        }
        q
    }
}

fn is_true(v: &str) -> bool {
    matches!(v, "1" | "true" | "si" | "sì" | "on")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_coding() {
        let mut s = String::new();
        encode_into(&mut s, "caffè & bar/30%");
        assert_eq!(s, "caff%C3%A8+%26+bar%2F30%25");
        assert_eq!(decode(&s), "caffè & bar/30%");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(decode("%zz%41"), "%zzA");
        assert_eq!(decode("%ff"), "\u{fffd}");
        assert_eq!(decode("a%41"), "aA");
    }

    #[test]
    fn default_is_empty_and_garbage_is_tolerated() {
        assert_eq!(Query::default().to_query_string(), "");
        assert_eq!(Query::from_query_string(""), Query::default());
        let q = Query::from_query_string("?&&=&q&prov=bo,XX1,,%%,BO&raggio=-3&lat=91&lon=11&prof=0,5,x&n=999&da=zz&ordine=?#frag");
        assert_eq!(q.provinces, vec!["BO".to_string()]);
        assert_eq!(q.profession_groups, vec![5]);
        assert_eq!(q.radius_km, None);
        assert_eq!(q.origin, None);
        assert_eq!(q.limit, MAX_LIMIT);
        assert_eq!(q.offset, 0);
        assert_eq!(q.sort, SortOrder::Relevance);
    }
}
