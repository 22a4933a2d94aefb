//! Every route path of the app, in one place. Views link and navigate with
//! these (`routes::SERVICES`, `routes::vacancy(id)`), and `app.rs` builds
//! its route list from [`segment`], so renaming a route changes both and a
//! removed one is a compile error.

use crate::ui::url::{encode_component, href_with_query};

/// The path segments the router matches (`app.rs`); the paths below are
/// made of them (a wasm test checks each one).
pub mod segment {
    pub const CONTACT: &str = "scrivi-al-cpi";
    pub const ACCESSIBILITY: &str = "accessibilita";
    pub const OUTBOX: &str = "le-mie-richieste";
    pub const MY_DATA: &str = "i-miei-dati";
    pub const PROFILE: &str = "il-mio-profilo";
    /// `/il-mio-profilo/cv`
    pub const CV: &str = "cv";
    /// `/offerte/per-te`
    pub const FOR_YOU: &str = "per-te";
    pub const SERVICES: &str = "servizi";
    pub const SERVICES_FOR_YOU: &str = "servizi-per-te";
    pub const OFFICES: &str = "cpi";
    pub const DID: &str = "did";
    /// `/did/ricevuta/:key`
    pub const DID_RECEIPT: &str = "ricevuta";
    pub const VACANCIES: &str = "offerte";
    pub const AVVISI: &str = "avvisi";
    pub const PERCORSO: &str = "percorso";
    /// `/offerte/salvate`
    pub const SAVED_SEARCHES: &str = "salvate";
    /// `/offerte/preferite`
    pub const FAVOURITES: &str = "preferite";
    /// The parameter of `/servizi/:id` and `/offerte/:id`.
    pub const ID: &str = "id";
    /// The parameter of `/did/ricevuta/:key`.
    pub const KEY: &str = "key";
}

pub const HOME: &str = "/";
pub const CONTACT: &str = "/scrivi-al-cpi";
/// The accessibility statement (dichiarazione di accessibilità).
pub const ACCESSIBILITY: &str = "/accessibilita";
pub const OUTBOX: &str = "/le-mie-richieste";
pub const MY_DATA: &str = "/i-miei-dati";
pub const PROFILE: &str = "/il-mio-profilo";
pub const CV: &str = "/il-mio-profilo/cv";
pub const OFFERS_FOR_YOU: &str = "/offerte/per-te";
pub const SERVICES: &str = "/servizi";
pub const SERVICES_FOR_YOU: &str = "/servizi-per-te";
pub const OFFICES: &str = "/cpi";
pub const DID: &str = "/did";
pub const VACANCIES: &str = "/offerte";
pub const AVVISI: &str = "/avvisi";
pub const PERCORSO: &str = "/percorso";
pub const SAVED_SEARCHES: &str = "/offerte/salvate";
pub const FAVOURITES: &str = "/offerte/preferite";

/// `/servizi/:id`: one service of the catalogue.
pub fn service(id: &str) -> String {
    format!("{SERVICES}/{}", encode_component(id))
}

/// `/offerte/:id`: the permalink of an offer.
pub fn vacancy(id: &str) -> String {
    format!("{VACANCIES}/{}", encode_component(id))
}

/// `/avvisi/:id`: one avviso pubblico.
pub fn avviso(id: &str) -> String {
    format!("{AVVISI}/{}", encode_component(id))
}

/// `/did/ricevuta/:key`: the receipt of a DID sent from this device.
pub fn did_receipt(key: &str) -> String {
    format!("{DID}/{}/{}", segment::DID_RECEIPT, encode_component(key))
}

/// `/offerte?…` with an already encoded query string (`/offerte` when empty).
pub fn vacancy_search(query_string: &str) -> String {
    if query_string.is_empty() {
        VACANCIES.to_string()
    } else {
        format!("{VACANCIES}?{query_string}")
    }
}

/// `/servizi?…`: empty values left out, values percent-encoded.
pub fn services_with(pairs: &[(&str, &str)]) -> String {
    href_with_query(SERVICES, pairs)
}

/// `/cpi?…`: empty values left out, values percent-encoded.
pub fn offices_with(pairs: &[(&str, &str)]) -> String {
    href_with_query(OFFICES, pairs)
}
