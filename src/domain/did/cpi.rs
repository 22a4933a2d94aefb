//! The Centro per l'Impiego competent for the domicile, and keeping the
//! chosen one in step with it.

use super::form::DidForm;
use crate::domain::comuni::ComuniIndex;
use crate::domain::offices::{find_office_for_comune, find_office_for_istat, Office};

/// The office competent for the domicile (the residence when they
/// coincide): by ISTAT code, else by name.
pub fn competent_office<'a>(
    form: &DidForm,
    comuni: Option<&ComuniIndex>,
    offices: &'a [Office],
) -> Option<&'a Office> {
    let istat = form.domicile_istat().trim();
    if istat.is_empty() {
        // Typed without the list of comuni: match the name.
        return find_office_for_comune(offices, form.domicile_label());
    }
    if let Some(o) = find_office_for_istat(offices, istat) {
        return Some(o);
    }
    let name = comuni
        .and_then(|c| c.by_istat(istat))
        .map(|c| c.name.clone())
        .unwrap_or_else(|| form.domicile_label().to_string());
    find_office_for_comune(offices, &name)
}

/// Keep the CPI choice in step with the domicile: when the domicile changed
/// since the CPI was chosen (or nothing was chosen), propose the competent
/// office again and ask for a new confirmation. Returns true if it changed
/// the form.
pub fn sync_cpi(form: &mut DidForm, comuni: Option<&ComuniIndex>, offices: &[Office]) -> bool {
    let istat = form.domicile_key();
    if !form.cpi_id.is_empty() && form.cpi_for == istat {
        return false;
    }
    let proposed = competent_office(form, comuni, offices)
        .map(|o| o.id.clone())
        .unwrap_or_default();
    let changed = form.cpi_id != proposed || form.cpi_for != istat || form.cpi_confirmed;
    form.cpi_id = proposed;
    form.cpi_for = istat;
    form.cpi_confirmed = false;
    changed
}

/// The name of the office `id`, if it is in the list.
pub fn office_name(offices: &[Office], id: &str) -> Option<String> {
    offices.iter().find(|o| o.id == id).map(|o| o.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::did::test_support::*;
    use crate::domain::did::{fid, Step};

    #[test]
    fn competent_cpi_follows_the_domicile() {
        let c = comuni();
        let o = offices();
        let mut f = good();
        f.cpi_id.clear();
        f.cpi_for.clear();
        f.cpi_confirmed = false;
        assert!(sync_cpi(&mut f, Some(&c), &o));
        assert_eq!(f.cpi_id, "cpi-bologna");
        f.cpi_confirmed = true;
        assert!(!sync_cpi(&mut f, Some(&c), &o));
        assert!(f.cpi_confirmed);
        // moving the domicile to Imola proposes Imola and asks again
        f.dom_same = false;
        f.dom_istat = "037032".into();
        f.dom_query = "Imola (BO)".into();
        assert!(sync_cpi(&mut f, Some(&c), &o));
        assert_eq!(f.cpi_id, "cpi-imola");
        assert!(!f.cpi_confirmed);
        has(
            Step::Cpi,
            &f,
            fid::CPI_CONFIRM,
            "Conferma il Centro per l'Impiego a cui presentare la DID.",
        );
        // a comune no office serves: nothing proposed
        f.dom_istat = "001272".into();
        sync_cpi(&mut f, Some(&c), &o);
        assert_eq!(f.cpi_id, "");
        has(
            Step::Cpi,
            &f,
            fid::CPI,
            "Scegli il Centro per l'Impiego a cui presentare la DID.",
        );
    }
}
