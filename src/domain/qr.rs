//! QR codes as inline SVG: the DID receipt's, and the kiosk's codes of
//! public pages (a person opens the same page on their phone).

/// `data` as a QR code, an inline SVG (no XML prolog, hidden from
/// assistive technologies: the text next to it says the same). `None` if the
/// text cannot be encoded (too long).
pub fn qr_svg(data: &str) -> Option<String> {
    use qrcode::render::svg;
    use qrcode::{EcLevel, QrCode};
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(168, 168)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let start = image.find("<svg")?;
    let body = image.get(start..)?;
    Some(body.replacen(
        "<svg ",
        "<svg class=\"qr-svg\" aria-hidden=\"true\" focusable=\"false\" ",
        1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_code_is_an_inline_svg() {
        let svg = qr_svg("DID-2026-000001").unwrap();
        assert!(svg.starts_with("<svg class=\"qr-svg\" aria-hidden=\"true\""));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
        assert!(qr_svg(&"x".repeat(5000)).is_none());
    }
}
