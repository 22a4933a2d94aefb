//! The element ids of the form's fields (also the `field` of an
//! [`Issue`](super::Issue)).

pub const NASPI: &str = "did-naspi";
pub const NASPI_DATE: &str = "did-naspi-date";
pub const CF: &str = "did-cf";
pub const SURNAME: &str = "did-surname";
pub const NAME: &str = "did-name";
pub const SEX: &str = "did-sex";
pub const BIRTH_DATE: &str = "did-birth-date";
pub const BIRTH_COUNTRY: &str = "did-birth-country";
pub const BIRTHPLACE: &str = "did-birthplace";
pub const CITIZENSHIP: &str = "did-citizenship";
pub const PERMIT_TYPE: &str = "did-permit-type";
pub const PERMIT_NUMBER: &str = "did-permit-number";
pub const PERMIT_EXPIRY: &str = "did-permit-expiry";
pub const RES_COMUNE: &str = "did-res-comune";
pub const RES_CAP: &str = "did-res-cap";
pub const RES_ADDRESS: &str = "did-res-address";
pub const DOM_SAME: &str = "did-dom-same";
pub const DOM_COMUNE: &str = "did-dom-comune";
pub const DOM_CAP: &str = "did-dom-cap";
pub const DOM_ADDRESS: &str = "did-dom-address";
pub const EMAIL: &str = "did-email";
pub const PHONE: &str = "did-phone";
pub const MOBILE: &str = "did-mobile";
pub const SITUATION: &str = "did-situation";
pub const WORK_KIND: &str = "did-work-kind";
pub const INCOME: &str = "did-income";
pub const NOTICE_END: &str = "did-notice-end";
pub const INTERMITTENT_DAYS: &str = "did-intermittent-days";
pub const CPI: &str = "did-cpi";
pub const CPI_CONFIRM: &str = "did-cpi-confirm";
pub const AVAILABILITY: &str = "did-availability";
pub const DECL_NO_WORK: &str = "did-decl-no-work";
pub const DECL_INFORMED: &str = "did-decl-informed";
pub const DECL_NO_OTHER: &str = "did-decl-no-other";
pub const DECL_PRIVACY: &str = "did-decl-privacy";
