//! QR codes of public pages, for a kiosk: the person opens the same page on
//! their own phone. Encoded by `qrcodegen` (Nayuki's reference library) and
//! drawn as one SVG path, so the view needs no canvas and no image file.

use qrcodegen::{QrCode, QrCodeEcc};

/// A QR code as an SVG drawing: `size` modules a side (quiet zone
/// included) and the path of its dark modules, one unit square each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSvg {
    pub size: i32,
    pub path: String,
}

/// The four-module margin scanners need around the code.
const QUIET_ZONE: i32 = 4;

/// `text` as a QR code with medium error correction (a screen seen at an
/// angle, a scratched kiosk), or `None` when it is too long for one.
pub fn encode(text: &str) -> Option<QrSvg> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = code.size();
    let mut path = String::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            // One rectangle per run of dark modules in a row.
            let start = x;
            while x < n && code.get_module(x, y) {
                x += 1;
            }
            path.push_str(&format!(
                "M{} {}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            ));
        }
    }
    Some(QrSvg {
        size: n + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The module grid back from the path, to compare with the encoder's.
    fn modules(svg: &QrSvg) -> Vec<Vec<bool>> {
        let n = svg.size as usize;
        let mut grid = vec![vec![false; n]; n];
        for rect in svg.path.split('z').filter(|r| !r.is_empty()) {
            let nums: Vec<usize> = rect
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            let (x, y, w) = (nums[0], nums[1], nums[2]);
            for cell in &mut grid[y][x..x + w] {
                *cell = true;
            }
        }
        grid
    }

    #[test]
    fn the_path_draws_exactly_the_encoders_modules() {
        let url = "https://lavoro.regione.emilia-romagna.it/offerte/ER-2026-000123";
        let svg = encode(url).unwrap();
        let code = QrCode::encode_text(url, QrCodeEcc::Medium).unwrap();
        assert_eq!(svg.size, code.size() + 8);
        let grid = modules(&svg);
        for y in 0..svg.size {
            for x in 0..svg.size {
                let inner = (QUIET_ZONE..svg.size - QUIET_ZONE).contains(&x)
                    && (QUIET_ZONE..svg.size - QUIET_ZONE).contains(&y);
                let expected = inner && code.get_module(x - QUIET_ZONE, y - QUIET_ZONE);
                assert_eq!(grid[y as usize][x as usize], expected, "module {x},{y}");
            }
        }
    }

    #[test]
    fn same_text_same_code_and_too_long_is_none() {
        assert_eq!(
            encode("https://example.it/servizi/1"),
            encode("https://example.it/servizi/1")
        );
        assert_ne!(
            encode("https://example.it/servizi/1"),
            encode("https://example.it/servizi/2")
        );
        assert!(encode(&"x".repeat(5_000)).is_none());
        // A typical offer address stays small enough to scan from a screen.
        assert!(
            encode("https://lavoro.example.it/offerte/ER-2026-000123")
                .unwrap()
                .size
                <= 41
        );
    }
}
