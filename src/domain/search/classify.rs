//! The classification tables: CP professions groups and ATECO sections.

/// Italian label of a CP 2011/2021 major group (1–9).
pub fn profession_group_label(group: u8) -> Option<&'static str> {
    Some(match group {
        1 => "Legislatori, imprenditori e alta dirigenza",
        2 => "Professioni intellettuali, scientifiche e di elevata specializzazione",
        3 => "Professioni tecniche",
        4 => "Professioni esecutive nel lavoro d'ufficio",
        5 => "Professioni qualificate nelle attività commerciali e nei servizi",
        6 => "Artigiani, operai specializzati e agricoltori",
        7 => "Conduttori di impianti, operai di macchinari fissi e mobili e conducenti di veicoli",
        8 => "Professioni non qualificate",
        9 => "Forze armate",
        _ => return None,
    })
}

/// ATECO 2007 sections: letter, first and last division, Italian label.
pub(super) const ATECO_SECTIONS: [(char, u8, u8, &str); 21] = [
    ('A', 1, 3, "Agricoltura, silvicoltura e pesca"),
    ('B', 5, 9, "Estrazione di minerali da cave e miniere"),
    ('C', 10, 33, "Attività manifatturiere"),
    (
        'D',
        35,
        35,
        "Fornitura di energia elettrica, gas, vapore e aria condizionata",
    ),
    (
        'E',
        36,
        39,
        "Fornitura di acqua; reti fognarie, gestione dei rifiuti e risanamento",
    ),
    ('F', 41, 43, "Costruzioni"),
    (
        'G',
        45,
        47,
        "Commercio all'ingrosso e al dettaglio; riparazione di autoveicoli e motocicli",
    ),
    ('H', 49, 53, "Trasporto e magazzinaggio"),
    (
        'I',
        55,
        56,
        "Attività dei servizi di alloggio e di ristorazione",
    ),
    ('J', 58, 63, "Servizi di informazione e comunicazione"),
    ('K', 64, 66, "Attività finanziarie e assicurative"),
    ('L', 68, 68, "Attività immobiliari"),
    (
        'M',
        69,
        75,
        "Attività professionali, scientifiche e tecniche",
    ),
    (
        'N',
        77,
        82,
        "Noleggio, agenzie di viaggio, servizi di supporto alle imprese",
    ),
    (
        'O',
        84,
        84,
        "Amministrazione pubblica e difesa; assicurazione sociale obbligatoria",
    ),
    ('P', 85, 85, "Istruzione"),
    ('Q', 86, 88, "Sanità e assistenza sociale"),
    (
        'R',
        90,
        93,
        "Attività artistiche, sportive, di intrattenimento e divertimento",
    ),
    ('S', 94, 96, "Altre attività di servizi"),
    (
        'T',
        97,
        98,
        "Attività di famiglie e convivenze come datori di lavoro per personale domestico",
    ),
    ('U', 99, 99, "Organizzazioni ed organismi extraterritoriali"),
];

/// Italian label of an ATECO section letter.
pub fn ateco_section_label(section: char) -> Option<&'static str> {
    ATECO_SECTIONS.iter().find(|s| s.0 == section).map(|s| s.3)
}

/// The ATECO section letter of a 2-digit division (`47` → `G`).
pub fn ateco_section_of_division(division: u8) -> Option<char> {
    ATECO_SECTIONS
        .iter()
        .find(|s| (s.1..=s.2).contains(&division))
        .map(|s| s.0)
}

/// 1–21 for A–U, 0 unknown.
pub(super) fn ateco_section_index(division: u8) -> u8 {
    ATECO_SECTIONS
        .iter()
        .position(|s| (s.1..=s.2).contains(&division))
        .map(|i| i as u8 + 1)
        .unwrap_or(0)
}

pub(super) fn section_index_of_letter(c: char) -> Option<u8> {
    ATECO_SECTIONS
        .iter()
        .position(|s| s.0 == c)
        .map(|i| i as u8 + 1)
}

/// The 2-digit ATECO division (1–99) of a code such as `47.11.10`.
pub(super) fn division_of(code: &str) -> Option<u8> {
    let b = code.trim().as_bytes();
    if b.len() >= 2
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && (b.len() == 2 || b[2] == b'.')
    {
        let d = (b[0] - b'0') * 10 + (b[1] - b'0');
        (d > 0).then_some(d)
    } else {
        None
    }
}

/// A CP 2011/2021 profession code packed in a `u32`, for comparing codes
/// level by level with integer operations: levels 1–5 take the nibbles at
/// bits 16–19, 12–15, 8–11, 4–7 and 0–3, each holding its digit + 1
/// (1–10); 0 means the level is not given, and the levels given are
/// contiguous from the first. `"5.1.2.2.0"` → `0x62331`, `"5.1"` → `0x62000`,
/// unknown → 0. A 6th (ministerial) level is dropped. Parsing stops at the
/// first level that is not a single digit; the first level must be 1–9.
pub fn pack_cp(code: &str) -> u32 {
    let mut packed = 0u32;
    for (level, part) in code.trim().split('.').take(5).enumerate() {
        let b = part.as_bytes();
        if b.len() != 1 || !b[0].is_ascii_digit() || (level == 0 && b[0] == b'0') {
            break;
        }
        packed |= ((b[0] - b'0') as u32 + 1) << (16 - 4 * level);
    }
    packed
}

/// Levels (0–5) of a code packed by [`pack_cp`].
pub fn cp_levels(packed: u32) -> u8 {
    (0..5)
        .take_while(|l| (packed >> (16 - 4 * l)) & 0xf != 0)
        .count() as u8
}

/// How many leading levels two packed CP codes share (0–5): 5 is the same
/// unit, 1 the same major group.
#[inline]
pub fn cp_common_levels(a: u32, b: u32) -> u8 {
    let x = (a ^ b) & 0xf_ffff;
    // Equal leading nibbles of the 20 bits, capped by the levels a has
    // (where a's nibble is set and equal, b's is set too).
    let equal = if x == 0 {
        5
    } else {
        ((x.leading_zeros() - 12) / 4) as u8
    };
    equal.min(cp_levels(a))
}

/// An ATECO 2007 code packed in a `u16`: the division (1–99) in the high
/// byte, then nibbles for the group and class digits + 1 (0: not given).
/// `"47.11.10"` → `47 << 8 | 0x22`, `"47.1"` → `47 << 8 | 0x20`, `"47"` →
/// `47 << 8`; unknown → 0. Deeper levels (category, subcategory) are not
/// kept.
pub fn pack_ateco(code: &str) -> u16 {
    let Some(division) = division_of(code) else {
        return 0;
    };
    let b = code.trim().as_bytes();
    let digit = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_digit())
            .map(|c| (c - b'0') as u16 + 1)
    };
    let mut packed = (division as u16) << 8;
    if b.get(2) == Some(&b'.') {
        if let Some(g) = digit(3) {
            packed |= g << 4;
            if let Some(c) = digit(4) {
                packed |= c;
            }
        }
    }
    packed
}

/// How many leading digits two packed ATECO codes share: 0 (different
/// division or unknown), 2 (division), 3 (group) or 4 (class).
#[inline]
pub fn ateco_common_digits(a: u16, b: u16) -> u8 {
    if a >> 8 == 0 || a >> 8 != b >> 8 {
        0
    } else if a & 0xf0 == 0 || a & 0xf0 != b & 0xf0 {
        2
    } else if a & 0xf == 0 || a & 0xf != b & 0xf {
        3
    } else {
        4
    }
}

/// The bit of a driving licence category in a mask over
/// [`LICENCES`](crate::domain::profile::LICENCES); `None` for other codes.
pub fn licence_bit(code: &str) -> Option<u16> {
    let code = code.trim();
    crate::domain::profile::LICENCES
        .iter()
        .position(|l| l.eq_ignore_ascii_case(code))
        .map(|i| 1 << i)
}

// Licence masks are u16.
const _: () = assert!(crate::domain::profile::LICENCES.len() <= 16);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_groups() {
        assert_eq!(ateco_section_of_division(47), Some('G'));
        assert_eq!(ateco_section_of_division(10), Some('C'));
        assert_eq!(ateco_section_of_division(4), None);
        assert_eq!(ateco_section_index(99), 21);
        assert!(profession_group_label(5).unwrap().contains("commerciali"));
        assert_eq!(profession_group_label(0), None);
        assert_eq!(
            ateco_section_label('Q'),
            Some("Sanità e assistenza sociale")
        );
    }

    #[test]
    fn cp_codes_pack_level_by_level() {
        assert_eq!(pack_cp("5.1.2.2.0"), 0x62331);
        assert_eq!(pack_cp("5.1.2.2.0.1"), 0x62331);
        assert_eq!(pack_cp(" 5.1 "), 0x62000);
        assert_eq!(pack_cp("5"), 0x60000);
        for bad in ["", "0.1.2", "x", "51.2", "5x"] {
            assert_eq!(pack_cp(bad), 0, "{bad}");
        }
        assert_eq!(pack_cp("5.1.x.2"), 0x62000);
        assert_eq!(cp_levels(0x62331), 5);
        assert_eq!(cp_levels(0x62000), 2);
        assert_eq!(cp_levels(0), 0);
        let (a, b) = (pack_cp("5.1.2.2.0"), pack_cp("5.1.2.4.0"));
        assert_eq!(cp_common_levels(a, b), 3);
        assert_eq!(cp_common_levels(a, a), 5);
        assert_eq!(cp_common_levels(pack_cp("5.1"), a), 2);
        assert_eq!(cp_common_levels(a, pack_cp("5.1")), 2);
        assert_eq!(cp_common_levels(a, pack_cp("4.1.2.2.0")), 0);
        assert_eq!(cp_common_levels(0, 0), 0);
        assert_eq!(
            cp_common_levels(pack_cp("5.1.2.2"), pack_cp("5.1.2.2.0")),
            4
        );
    }

    #[test]
    fn ateco_codes_pack_to_the_class() {
        assert_eq!(pack_ateco("47.11.10"), 47 << 8 | 0x22);
        assert_eq!(pack_ateco("47.1"), 47 << 8 | 0x20);
        assert_eq!(pack_ateco("47"), 47 << 8);
        assert_eq!(pack_ateco("01.09"), 1 << 8 | 0x1a);
        assert_eq!(pack_ateco("x"), 0);
        let c = |a: &str, b: &str| ateco_common_digits(pack_ateco(a), pack_ateco(b));
        assert_eq!(c("47.11.10", "47.11"), 4);
        assert_eq!(c("47.11", "47.19"), 3);
        assert_eq!(c("47.11", "47.21"), 2);
        assert_eq!(c("47", "47.11"), 2);
        assert_eq!(c("47.11", "46.11"), 0);
        assert_eq!(c("", ""), 0);
        assert_eq!(licence_bit("B"), Some(1 << 5));
        assert_eq!(licence_bit("cqc"), None);
    }
}
