//! The content hash that keys the persisted search index.

/// A 64-bit FNV-1a hash of a feed body as 16 hex digits: the persisted
/// search index is stored under it, so a changed feed means a rebuild.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_sensitive() {
        assert_eq!(content_hash(""), "cbf29ce484222325");
        assert_eq!(content_hash("a"), "af63dc4c8601ec8c");
        assert_ne!(
            content_hash("{\"items\":[]}"),
            content_hash("{\"items\":[] }")
        );
        assert_eq!(content_hash("x").len(), 16);
    }
}
