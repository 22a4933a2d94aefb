//! The nine grandi gruppi of the ISTAT classification of occupations (CP
//! 2011/2021), and how ISCO-08 major groups map onto them. CP was built
//! from ISCO-08: their groups match one for one, except that ISCO's 6
//! (agriculture) and 7 (crafts) are CP's 6 together, ISCO's 8 and 9 are
//! CP's 7 and 8, and the armed forces are 0 in ISCO and 9 in CP.

/// CP grande gruppo of an ISCO-08 major group (0–9).
pub fn from_isco_major(major: u8) -> Option<u8> {
    match major {
        0 => Some(9),
        1..=6 => Some(major),
        7 => Some(6),
        8 => Some(7),
        9 => Some(8),
        _ => None,
    }
}

/// The official Italian name of a CP grande gruppo (1–9): the search's table.
pub use super::search::profession_group_label as label;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isco_major_groups_map_to_cp_groups() {
        let mapped: Vec<Option<u8>> = (0..=10).map(from_isco_major).collect();
        assert_eq!(
            mapped,
            [9, 1, 2, 3, 4, 5, 6, 6, 7, 8]
                .map(Some)
                .into_iter()
                .chain([None])
                .collect::<Vec<_>>()
        );
        assert!((1..=9).all(|g| label(g).is_some()));
        assert_eq!(label(0), None);
    }

    #[test]
    fn labels_are_those_of_the_shipped_cp_list() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/data/ref/cp2021.json"
        ))
        .expect("cp2021.json");
        for g in 1..=9u8 {
            let row = format!("[\"{g}\",\"{}\"]", label(g).unwrap_or_default());
            assert!(text.contains(&row), "{row}");
        }
    }
}
