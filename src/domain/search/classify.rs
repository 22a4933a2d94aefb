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
}
