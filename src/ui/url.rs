//! Percent-encoding for paths and query strings built by the views.

/// `encodeURIComponent`, in Rust (unreserved ASCII kept, the rest as UTF-8 %XX).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
            )
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A path with a query string: empty values are left out, values are
/// percent-encoded (`/servizi?bisogno=find_job&q=tirocini`).
pub fn href_with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = path.to_string();
    let mut first = true;
    for (k, v) in pairs {
        if v.is_empty() {
            continue;
        }
        out.push(if first { '?' } else { '&' });
        first = false;
        out.push_str(k);
        out.push('=');
        out.push_str(&encode_component(v));
    }
    out
}
