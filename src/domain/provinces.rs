//! Italian provinces (and equivalent bodies) by their two-letter sigla, for
//! headings and filter labels ("Bologna (BO)").

/// The code under which the search index files offers whose province is
/// not known (no place stated, or one that could not be resolved); the
/// views call it "Luogo non indicato". No province has it.
pub const UNKNOWN: &str = "ND";

/// "Bologna (BO)": the province's name from its sigla, or the sigla alone.
pub fn heading(sigla: &str) -> String {
    match name(sigla) {
        Some(name) => format!("{name} ({sigla})"),
        None => sigla.to_string(),
    }
}

/// The province's name, from its sigla.
pub fn name(sigla: &str) -> Option<&'static str> {
    PROVINCES.iter().find(|(s, _)| *s == sigla).map(|(_, n)| *n)
}

/// The sigla of a province named in full, ignoring case, accents, spaces
/// and dashes ("Forli Cesena" → FC); also the comune-style spellings
/// publishers use ("Reggio nell'Emilia", "Bolzano/Bozen").
pub fn sigla_of(name: &str) -> Option<&'static str> {
    let key: String = crate::domain::text::fold(name).split(' ').collect();
    if key.is_empty() {
        return None;
    }
    const ALIASES: [(&str, &str); 8] = [
        ("reggionellemilia", "RE"),
        ("reggiodicalabria", "RC"),
        ("bolzanobozen", "BZ"),
        ("bozen", "BZ"),
        ("pesarourbino", "PU"),
        ("monzabrianza", "MB"),
        ("forli", "FC"),
        ("aostaaoste", "AO"),
    ];
    ALIASES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, s)| *s)
        .or_else(|| {
            PROVINCES
                .iter()
                .find(|(_, n)| crate::domain::text::fold(n).split(' ').collect::<String>() == key)
                .map(|(s, _)| *s)
        })
}

/// Italian provinces and equivalent bodies by sigla (ISTAT).
const PROVINCES: [(&str, &str); 107] = [
    ("AG", "Agrigento"),
    ("AL", "Alessandria"),
    ("AN", "Ancona"),
    ("AO", "Aosta"),
    ("AP", "Ascoli Piceno"),
    ("AQ", "L'Aquila"),
    ("AR", "Arezzo"),
    ("AT", "Asti"),
    ("AV", "Avellino"),
    ("BA", "Bari"),
    ("BG", "Bergamo"),
    ("BI", "Biella"),
    ("BL", "Belluno"),
    ("BN", "Benevento"),
    ("BO", "Bologna"),
    ("BR", "Brindisi"),
    ("BS", "Brescia"),
    ("BT", "Barletta-Andria-Trani"),
    ("BZ", "Bolzano"),
    ("CA", "Cagliari"),
    ("CB", "Campobasso"),
    ("CE", "Caserta"),
    ("CH", "Chieti"),
    ("CL", "Caltanissetta"),
    ("CN", "Cuneo"),
    ("CO", "Como"),
    ("CR", "Cremona"),
    ("CS", "Cosenza"),
    ("CT", "Catania"),
    ("CZ", "Catanzaro"),
    ("EN", "Enna"),
    ("FC", "Forlì-Cesena"),
    ("FE", "Ferrara"),
    ("FG", "Foggia"),
    ("FI", "Firenze"),
    ("FM", "Fermo"),
    ("FR", "Frosinone"),
    ("GE", "Genova"),
    ("GO", "Gorizia"),
    ("GR", "Grosseto"),
    ("IM", "Imperia"),
    ("IS", "Isernia"),
    ("KR", "Crotone"),
    ("LC", "Lecco"),
    ("LE", "Lecce"),
    ("LI", "Livorno"),
    ("LO", "Lodi"),
    ("LT", "Latina"),
    ("LU", "Lucca"),
    ("MB", "Monza e della Brianza"),
    ("MC", "Macerata"),
    ("ME", "Messina"),
    ("MI", "Milano"),
    ("MN", "Mantova"),
    ("MO", "Modena"),
    ("MS", "Massa-Carrara"),
    ("MT", "Matera"),
    ("NA", "Napoli"),
    ("NO", "Novara"),
    ("NU", "Nuoro"),
    ("OR", "Oristano"),
    ("PA", "Palermo"),
    ("PC", "Piacenza"),
    ("PD", "Padova"),
    ("PE", "Pescara"),
    ("PG", "Perugia"),
    ("PI", "Pisa"),
    ("PN", "Pordenone"),
    ("PO", "Prato"),
    ("PR", "Parma"),
    ("PT", "Pistoia"),
    ("PU", "Pesaro e Urbino"),
    ("PV", "Pavia"),
    ("PZ", "Potenza"),
    ("RA", "Ravenna"),
    ("RC", "Reggio Calabria"),
    ("RE", "Reggio Emilia"),
    ("RG", "Ragusa"),
    ("RI", "Rieti"),
    ("RM", "Roma"),
    ("RN", "Rimini"),
    ("RO", "Rovigo"),
    ("SA", "Salerno"),
    ("SI", "Siena"),
    ("SO", "Sondrio"),
    ("SP", "La Spezia"),
    ("SR", "Siracusa"),
    ("SS", "Sassari"),
    ("SU", "Sud Sardegna"),
    ("SV", "Savona"),
    ("TA", "Taranto"),
    ("TE", "Teramo"),
    ("TN", "Trento"),
    ("TO", "Torino"),
    ("TP", "Trapani"),
    ("TR", "Terni"),
    ("TS", "Trieste"),
    ("TV", "Treviso"),
    ("UD", "Udine"),
    ("VA", "Varese"),
    ("VB", "Verbano-Cusio-Ossola"),
    ("VC", "Vercelli"),
    ("VE", "Venezia"),
    ("VI", "Vicenza"),
    ("VR", "Verona"),
    ("VT", "Viterbo"),
    ("VV", "Vibo Valentia"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_headings() {
        assert_eq!(name("BO"), Some("Bologna"));
        assert_eq!(heading("RN"), "Rimini (RN)");
        assert_eq!(heading("XX"), "XX", "unknown: the sigla alone");
        let siglas: Vec<&str> = PROVINCES.iter().map(|(s, _)| *s).collect();
        assert!(siglas.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert!(siglas
            .iter()
            .all(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())));
        // The nine of the demo region.
        for s in ["BO", "FC", "FE", "MO", "PC", "PR", "RA", "RE", "RN"] {
            assert!(name(s).is_some(), "{s}");
        }
        assert_eq!(name(UNKNOWN), None);
    }

    #[test]
    fn provinces_by_name() {
        assert_eq!(sigla_of("Ravenna"), Some("RA"));
        assert_eq!(sigla_of("forli cesena"), Some("FC"));
        assert_eq!(sigla_of("FORLÌ-CESENA"), Some("FC"));
        assert_eq!(sigla_of("Reggio nell'Emilia"), Some("RE"));
        assert_eq!(sigla_of("Reggio Emilia"), Some("RE"));
        assert_eq!(sigla_of("Emilia-Romagna"), None, "a region");
        assert_eq!(sigla_of(""), None);
    }
}
