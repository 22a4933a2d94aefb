//! Distances on the sphere.
//!
//! Each document stores the unit vector of its position; the squared chord
//! between two unit vectors is an exact, monotonic function of the
//! great-circle (haversine) distance, so a radius test is a few
//! multiplications and no trigonometry per document. This replaces a
//! bounding-box pre-filter: it is cheaper than the box test itself and exact.

/// Mean Earth radius used by the haversine formula, km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km (haversine formula).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    // clamp keeps NaN (missing coordinates) as NaN; `min` would turn it into 1.
    2.0 * EARTH_RADIUS_KM * a.clamp(0.0, 1.0).sqrt().asin()
}

/// Unit vector of a position; NaNs when the position is missing or invalid.
pub(crate) fn unit_vector(lat: f32, lon: f32) -> [f32; 3] {
    // `contains` is false for NaN; infinities are outside the ranges.
    if !((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)) {
        return [f32::NAN; 3];
    }
    let (la, lo) = ((lat as f64).to_radians(), (lon as f64).to_radians());
    [
        (la.cos() * lo.cos()) as f32,
        (la.cos() * lo.sin()) as f32,
        la.sin() as f32,
    ]
}

/// Squared chord between unit vectors (NaN if either is missing).
#[inline]
pub(crate) fn chord2(a: &[f32; 3], b: &[f32; 3]) -> f32 {
    let (dx, dy, dz) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    dx * dx + dy * dy + dz * dz
}

/// Squared chord of a great-circle distance in km.
pub(crate) fn km_to_chord2(km: f64) -> f32 {
    let c = 2.0
        * (km / (2.0 * EARTH_RADIUS_KM))
            .min(std::f64::consts::FRAC_PI_2)
            .sin();
    (c * c) as f32
}

/// Great-circle km of a squared chord.
pub(crate) fn chord2_to_km(c2: f32) -> f32 {
    let half = ((c2.max(0.0) as f64).sqrt() / 2.0).min(1.0);
    (2.0 * EARTH_RADIUS_KM * half.asin()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chord_matches_haversine() {
        let bo = (44.4938f32, 11.3387f32);
        let pr = (44.8015f32, 10.3279f32);
        let h = haversine_km(bo.0 as f64, bo.1 as f64, pr.0 as f64, pr.1 as f64);
        assert!((h - 86.5).abs() < 2.0, "{h}");
        let c = chord2(&unit_vector(bo.0, bo.1), &unit_vector(pr.0, pr.1));
        assert!((chord2_to_km(c) as f64 - h).abs() < 0.05);
        assert!(c < km_to_chord2(h + 0.1) && c > km_to_chord2(h - 0.1));
        assert!(chord2(&unit_vector(f32::NAN, 0.0), &unit_vector(1.0, 1.0)).is_nan());
        assert!(unit_vector(91.0, 0.0)[0].is_nan());
    }
}
