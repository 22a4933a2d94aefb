//! HTML to plain text, for JSON-LD descriptions.

/// The JSON-LD blocks of a saved HTML page: the text of every `<script
/// type="application/ld+json">` element (any case, any attribute order,
/// quoted or not). Script text is raw: no entity is decoded.
pub fn ld_json_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<script") {
        let start = from + at;
        let Some(tag_end) = lower[start..].find('>').map(|i| start + i) else {
            break;
        };
        let tag: String = lower[start..tag_end]
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect();
        let body_start = tag_end + 1;
        let Some(body_end) = lower[body_start..].find("</script").map(|i| body_start + i) else {
            break;
        };
        if tag.contains("type=application/ld+json") {
            // Same byte offsets: lowercasing ASCII keeps every length.
            out.push(html[body_start..body_end].trim());
        }
        from = body_end;
    }
    out
}

/// Plain text from HTML: tags removed (block tags become line breaks),
/// `<script>`/`<style>` content dropped, common entities decoded, blank runs
/// collapsed.
pub fn strip_html(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let starts_tag = c == '<'
            && rest[1..]
                .chars()
                .next()
                .map(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                .unwrap_or(false);
        if starts_tag {
            let (inner, end) = match rest.find('>') {
                Some(i) => (&rest[1..i], i + 1),
                None => (&rest[1..], rest.len()),
            };
            let tag = inner.trim_start_matches('/').to_ascii_lowercase();
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if (name == "script" || name == "style") && !rest[1..].starts_with('/') {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = match lower.find(&close) {
                    Some(i) => {
                        let after = &rest[i..];
                        &after[after.find('>').map(|j| j + 1).unwrap_or(after.len())..]
                    }
                    None => "",
                };
                continue;
            }
            if matches!(
                name.as_str(),
                "br" | "p"
                    | "div"
                    | "li"
                    | "ul"
                    | "ol"
                    | "tr"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
            ) {
                out.push('\n');
            } else if !name.is_empty() {
                out.push(' ');
            }
            rest = &rest[end..];
        } else if c == '&' {
            let semi = rest.as_bytes().iter().take(12).position(|&b| b == b';');
            let decoded = semi.and_then(|i| decode_entity(&rest[1..i]).map(|ch| (ch, i + 1)));
            match decoded {
                Some((ch, len)) => {
                    // `&#x202E;` is the override written another way: dropped too.
                    if !crate::domain::text::is_format_control(ch) {
                        out.push(ch);
                    }
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    // Collapse spaces within lines and blank lines.
    let mut clean = String::with_capacity(out.len());
    for line in out.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !clean.is_empty() {
            clean.push('\n');
        }
        clean.push_str(&words.join(" "));
    }
    clean
}

pub(super) fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "egrave" => 'è',
        "eacute" => 'é',
        "agrave" => 'à',
        "igrave" => 'ì',
        "ograve" => 'ò',
        "ugrave" => 'ù',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Agrave" => 'À',
        "euro" => '€',
        "rsquo" | "lsquo" => '\'',
        "ldquo" | "rdquo" | "laquo" | "raquo" => '"',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod ld_json_tests {
    use super::ld_json_scripts;

    #[test]
    fn finds_each_json_ld_block_of_a_page() {
        let html = r#"<html><head><script src="/static/main.js"></script>
<SCRIPT TYPE='application/ld+json'> {"@type":"JobPosting"} </SCRIPT>
<script type=application/ld+json>[1]</script>
<script type="text/javascript">var x = "<script type='application/ld+json'>";</script>
<script data-x="1" type="application/ld+json">{"b":2}</script></head></html>"#;
        assert_eq!(
            ld_json_scripts(html),
            vec![r#"{"@type":"JobPosting"}"#, "[1]", r#"{"b":2}"#]
        );
        assert!(ld_json_scripts("<script type=\"application/ld+json\">{").is_empty());
        assert!(ld_json_scripts("").is_empty());
    }
}
