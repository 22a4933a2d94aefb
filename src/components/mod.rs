//! Shared widgets.

pub mod account;
pub mod deferred;
pub mod error_summary;
pub mod feed_status;
pub mod field;
pub mod fieldset;
pub mod footer;
pub mod header;
pub mod layout;
pub mod lazy_page;
pub mod login_required;
pub mod notice;
pub mod options;
pub mod place_picker;
pub mod send_result;
pub mod status_bar;
