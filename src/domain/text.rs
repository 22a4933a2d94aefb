//! Text normalisation shared by every search in the app: accent folding,
//! tokenisation, a light Italian stemmer and stopword removal.
//!
//! Everything here is pure, allocation-light and never panics, because it
//! runs on every keystroke and over every document when an index is built.
//!
//! ```text
//! fold("Caffè & Bar – Società") == "caffe bar societa"
//! tokens("Magazzinieri/Mulettisti") == ["magazzinieri", "mulettisti"]
//! stem("magazzinieri") == stem("magazziniere") == "magazzinier"
//! terms("Addetta alla cassa del supermercato") == ["addett", "cass", "supermercat"]
//! ```

/// Lowercase, remove accents and diacritics, turn every run of
/// non-alphanumeric characters into a single space, trim.
///
/// `"È"`→`"e"`, `"à"`→`"a"`, `"ç"`→`"c"`, `"ß"`→`"ss"`, `"æ"`→`"ae"`,
/// apostrophes separate words (`"dell'azienda"` → `"dell azienda"`).
/// Letters of other scripts are kept (lowercased).
/// Is `c` a control a feed's text must not carry? C0/C1 controls but line
/// breaks and tabs, and the bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069), with which a text can show
/// itself reversed ("gpj.exe"). The marks LRM, RLM and ALM stay: Arabic text
/// uses them.
pub fn is_format_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// A format control JSON allows unescaped in a string: DEL and above (C0
/// controls must be escaped, and outside strings tab and line breaks are
/// whitespace).
fn is_raw_format_control(c: char) -> bool {
    c >= '\u{7F}' && is_format_control(c)
}

/// A JSON text without [`is_format_control`] characters in its strings,
/// written raw or as `\uXXXX` escapes. Every feed goes through it before it
/// is parsed (`feed::decode`, the JSON-LD import), so no view ever gets a
/// text that shows itself reversed. Borrowed when there is nothing to drop
/// (almost always); raw controls outside strings are left to the parser.
pub fn json_without_format_controls(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    // Escapes that may be controls (`\u…`, `\b`, `\f`, `\r`), or raw ones a
    // JSON string may hold (DEL, C1, the bidi controls).
    let suspicious = ["\\u", "\\b", "\\f", "\\r"]
        .iter()
        .any(|e| text.contains(e))
        || text.chars().any(is_raw_format_control);
    if !suspicious {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !in_string {
            in_string = c == '"';
            out.push(c);
            continue;
        }
        match c {
            '"' => {
                in_string = false;
                out.push(c);
            }
            '\\' => {
                let escaped = text[i + 1..].chars().next();
                if matches!(escaped, Some('b' | 'f' | 'r')) {
                    chars.next();
                    continue;
                }
                if escaped == Some('u') {
                    let code = text
                        .get(i + 2..i + 6)
                        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                        .and_then(char::from_u32);
                    if code.is_some_and(is_format_control) {
                        // Skip `\uXXXX` whole.
                        for _ in 0..5 {
                            chars.next();
                        }
                        continue;
                    }
                }
                out.push(c);
                if let Some((_, e)) = chars.next() {
                    out.push(e);
                }
            }
            c if is_raw_format_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

pub fn fold(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // A separator was seen after a word: emit one space before the next.
    let mut need_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c < 0x80 {
            // ASCII fast path.
            i += 1;
            if c.is_ascii_alphanumeric() {
                if need_space {
                    out.push(' ');
                    need_space = false;
                }
                out.push(c.to_ascii_lowercase() as char);
            } else if !out.is_empty() {
                need_space = true;
            }
            continue;
        }
        // `i` is always on a character boundary.
        let ch = s[i..].chars().next().unwrap_or(' ');
        i += ch.len_utf8();
        let piece = fold_char(ch);
        match piece {
            Piece::Sep => need_space = !out.is_empty(),
            Piece::Skip => {}
            Piece::Char(_) | Piece::Str(_) => {
                if need_space {
                    out.push(' ');
                    need_space = false;
                }
                match piece {
                    Piece::Char(x) => out.push(x),
                    Piece::Str(x) => out.push_str(x),
                    _ => {}
                }
            }
        }
    }
    out
}

enum Piece {
    Sep,
    Skip,
    Char(char),
    Str(&'static str),
}

#[inline]
fn fold_char(c: char) -> Piece {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Piece::Char(c.to_ascii_lowercase())
        } else {
            Piece::Sep
        };
    }
    let mapped = match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'Ā' | 'ā' | 'Ă'
        | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => 'c',
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => 'd',
        'È' | 'É' | 'Ê' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę'
        | 'ę' | 'Ě' | 'ě' => 'e',
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => 'g',
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => 'h',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į'
        | 'į' | 'İ' | 'ı' => 'i',
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => 'l',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => 'n',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ'
        | 'ŏ' | 'Ő' | 'ő' => 'o',
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => 'r',
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => 's',
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' => 't',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů'
        | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => 'u',
        'Ŵ' | 'ŵ' => 'w',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' | 'Ŷ' | 'ŷ' => 'y',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => 'z',
        'ß' => return Piece::Str("ss"),
        'Æ' | 'æ' => return Piece::Str("ae"),
        'Œ' | 'œ' => return Piece::Str("oe"),
        'Þ' | 'þ' => return Piece::Str("th"),
        // Combining diacritical marks (decomposed input such as "e\u{300}").
        '\u{0300}'..='\u{036F}' => return Piece::Skip,
        // Ordinal indicators: "1ª" / "2º".
        'ª' | 'º' => return Piece::Skip,
        _ => {
            if c.is_alphanumeric() {
                let mut lower = c.to_lowercase();
                return match (lower.next(), lower.next()) {
                    (Some(l), None) => Piece::Char(l),
                    // Multi-char lowercase (rare): keep the original char.
                    _ => Piece::Char(c),
                };
            }
            return Piece::Sep;
        }
    };
    Piece::Char(mapped)
}

/// The folded words of `s`.
pub fn tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Light Italian stemmer for a *folded* word (see [`fold`]): strips the
/// inflectional ending so that singular/plural and masculine/feminine forms
/// meet: `tirocinio`/`tirocini` → `tirocin`; `operaio`/`operai`/`operaia`/
/// `operaie` → `opera`; `magazziniere`/`magazzinieri` → `magazzinier`;
/// `addetto`/`addetta`/`addetti`/`addette` → `addett`; `tecnico`/`tecnici`/
/// `tecniche` → `tecnic`; `operatore`/`operatrice` → `operator`.
///
/// Words shorter than 4 characters and words containing digits are returned
/// unchanged. A stem is never shorter than 3 characters.
pub fn stem(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    stem_into(word, &mut out);
    out
}

/// [`stem`] into a reused buffer (cleared first).
pub(crate) fn stem_into(word: &str, out: &mut String) {
    out.clear();
    let b = word.as_bytes();
    let n = b.len();
    if n < 4 || !b.iter().all(|c| c.is_ascii_lowercase()) {
        out.push_str(word);
        return;
    }
    let mut end = n;
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o');
    // -io / -ia / -ie : operaio, farmacia, operaie, tirocinio
    if n >= 5 && b[n - 2] == b'i' && matches!(b[n - 1], b'o' | b'a' | b'e') {
        end = n - 2;
    } else if is_vowel(b[n - 1]) {
        end = n - 1;
    }
    if end < 3 {
        end = 3.min(n);
    }
    out.push_str(&word[..end]);
    // -chi/-che/-ghi/-ghe → -c/-g (tecnici ~ tecniche, cuochi ~ cuoco)
    if out.len() >= 4 && (out.ends_with("ch") || out.ends_with("gh")) {
        out.pop();
    }
    // -trice → -tore (operatrice ~ operatore)
    if out.len() >= 6 && out.ends_with("tric") {
        out.truncate(out.len() - 4);
        out.push_str("tor");
    }
}

/// Italian stopwords dropped by [`terms`]: articles, prepositions (simple and
/// articulated), common conjunctions and a few function words.
pub fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "a" | "ad"
            | "ai"
            | "agli"
            | "al"
            | "all"
            | "alla"
            | "alle"
            | "allo"
            | "anche"
            | "che"
            | "chi"
            | "ci"
            | "col"
            | "coi"
            | "come"
            | "con"
            | "d"
            | "da"
            | "dai"
            | "dagli"
            | "dal"
            | "dall"
            | "dalla"
            | "dalle"
            | "dallo"
            | "degli"
            | "dei"
            | "del"
            | "dell"
            | "della"
            | "delle"
            | "dello"
            | "di"
            | "e"
            | "ed"
            | "fra"
            | "gli"
            | "i"
            | "il"
            | "in"
            | "l"
            | "la"
            | "le"
            | "lo"
            | "ma"
            | "ne"
            | "negli"
            | "nei"
            | "nel"
            | "nell"
            | "nella"
            | "nelle"
            | "nello"
            | "o"
            | "od"
            | "per"
            | "piu"
            | "se"
            | "si"
            | "sia"
            | "su"
            | "sugli"
            | "sui"
            | "sul"
            | "sull"
            | "sulla"
            | "sulle"
            | "sullo"
            | "tra"
            | "un"
            | "una"
            | "uno"
    )
}

/// The search terms of `s`: folded words minus stopwords, stemmed.
pub fn terms(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut out = Vec::new();
    for w in folded.split(' ') {
        if w.is_empty() || is_stopword(w) {
            continue;
        }
        out.push(stem(w));
    }
    out
}

/// Calls `visit` with each search term of `s` (same terms as [`terms`]) without
/// allocating a vector; used when indexing many documents.
pub fn for_each_term(s: &str, mut visit: impl FnMut(&str)) {
    let folded = fold(s);
    let mut stem = String::new();
    for w in folded.split(' ') {
        if w.is_empty() || is_stopword(w) {
            continue;
        }
        stem_into(w, &mut stem);
        visit(&stem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_lose_format_controls_raw_and_escaped() {
        let clean = |t: &str| json_without_format_controls(t).into_owned();
        // Nothing to drop: the same text, not copied.
        let plain = r#"{"a":"Perché \u00e8 così","b":"\n\t"}"#;
        assert!(matches!(
            json_without_format_controls(r#"{"a":"Bologna"}"#),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(clean(plain), plain);
        // Raw override and isolate characters, and their escapes.
        assert_eq!(
            clean("{\"t\":\"a\u{202E}b\u{2066}c\u{2069}\"}"),
            r#"{"t":"abc"}"#
        );
        assert_eq!(
            clean(r#"{"t":"a\u202Eb\u202ac\u0007d\u0085e"}"#),
            r#"{"t":"abcde"}"#
        );
        assert_eq!(
            clean("{\"t\":\"a\\bb\\fc\\rd\u{7F}e\"}"),
            r#"{"t":"abcde"}"#
        );
        // An escaped backslash before "u202e" is text, not an escape.
        assert_eq!(clean(r#"{"t":"\\u202e"}"#), r#"{"t":"\\u202e"}"#);
        // Surrogate pairs, LRM/RLM/ALM and line breaks stay.
        let kept = r#"{"t":"\ud83d\ude00 \u200f \u061c \n"}"#;
        assert_eq!(clean(kept), kept);
        // Still JSON, with the same meaning less the controls.
        let v: serde_json::Value =
            serde_json::from_str(&clean(r#"{"t":"x\u202ey","n":[1,"\u202d"]}"#)).unwrap();
        assert_eq!(v, serde_json::json!({"t": "xy", "n": [1, ""]}));
        // Broken escapes are left to the parser to refuse.
        assert_eq!(clean(r#"{"t":"\u20"}"#), r#"{"t":"\u20"}"#);
    }

    #[test]
    fn fold_removes_accents_and_punctuation() {
        assert_eq!(fold("Caffè"), "caffe");
        assert_eq!(fold("  ATTIVITÀ  produttive!! "), "attivita produttive");
        assert_eq!(
            fold("Perché? Città, però… façade"),
            "perche citta pero facade"
        );
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("dell'azienda"), "dell azienda");
        assert_eq!(fold("Forlì-Cesena"), "forli cesena");
        assert_eq!(fold("e\u{300}"), "e");
        assert_eq!(fold("ŁÓDŹ Ærø"), "lodz aero");
        assert_eq!(fold(""), "");
        assert_eq!(fold("---"), "");
        assert_eq!(fold("CP 5.1.2.2.0"), "cp 5 1 2 2 0");
        assert_eq!(fold("Москва"), "москва");
    }

    #[test]
    fn tokens_are_folded_words() {
        assert_eq!(
            tokens("Magazzinieri/Mulettisti – Bologna"),
            vec!["magazzinieri", "mulettisti", "bologna"]
        );
        assert!(tokens("  ,, ").is_empty());
    }

    fn same(words: &[&str]) {
        let first = stem(words[0]);
        for w in words {
            assert_eq!(stem(w), first, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn stemmer_merges_inflections() {
        same(&["tirocini", "tirocinio"]);
        same(&["operaio", "operai", "operaia", "operaie"]);
        same(&["magazziniere", "magazzinieri"]);
        same(&["infermiere", "infermieri", "infermiera"]);
        same(&["addetto", "addetta", "addetti", "addette"]);
        same(&["formazione", "formazioni"]);
        same(&["tecnico", "tecnici", "tecnica", "tecniche"]);
        same(&["operatore", "operatori", "operatrice", "operatrici"]);
        same(&["cameriere", "camerieri", "cameriera", "cameriere"]);
        same(&["commesso", "commessa", "commessi", "commesse"]);
        same(&["farmacia", "farmacie"]);
        same(&["impiegato", "impiegata", "impiegati", "impiegate"]);
        assert_eq!(stem("attivita"), stem(&fold("attività")));
        assert_eq!(stem("magazziniere"), "magazzinier");
    }

    #[test]
    fn stemmer_is_conservative() {
        assert_eq!(stem("bar"), "bar");
        assert_eq!(stem("via"), "via");
        assert_eq!(stem("asia"), "asi");
        assert_eq!(stem("cuoco"), "cuoc");
        assert_eq!(stem("b2b"), "b2b");
        assert_eq!(stem("2026"), "2026");
        assert_eq!(stem(""), "");
        assert_eq!(stem("aia"), "aia");
        assert_eq!(stem("idea").len(), 3);
        // Non-ASCII input is returned as is (it should be folded first).
        assert_eq!(stem("città"), "città");
    }

    #[test]
    fn terms_drop_stopwords_and_stem() {
        assert_eq!(
            terms("Addetta alla cassa del supermercato"),
            vec!["addett", "cass", "supermercat"]
        );
        assert_eq!(
            terms("Tirocinio in un'azienda di Bologna"),
            vec!["tirocin", "aziend", "bologn"]
        );
        assert!(terms("di a da in con su per tra fra il lo la").is_empty());
        let mut v = Vec::new();
        for_each_term("Operaie della Società", |t| v.push(t.to_string()));
        assert_eq!(v, terms("Operaie della Società"));
    }

    #[test]
    fn fold_output_is_normalised() {
        let pieces = [
            "À", "b", " ", "-", "'", "ß", "e\u{301}", "1", "Ω", "🙂", ",", "\u{300}", "z",
        ];
        let mut x: u32 = 7;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..(x % 12) {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                s.push_str(pieces[(x >> 16) as usize % pieces.len()]);
            }
            let f = fold(&s);
            assert!(
                !f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "),
                "{s:?} -> {f:?}"
            );
            assert_eq!(fold(&f), f, "idempotent");
            assert!(f.chars().all(|c| c == ' ' || c.is_alphanumeric()));
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "\u{0}",
            "🙂🙂",
            "ǅ",
            "İstanbul",
            "a\u{301}\u{301}",
            "x".repeat(10_000).as_str(),
            "ⅷ",
        ] {
            let _ = terms(s);
            let _ = stem(s);
        }
    }
}
