//! HTML to plain text, for JSON-LD descriptions.

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
