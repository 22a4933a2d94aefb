//! Small view helpers with one home each: focus, page title, URL encoding
//! and date/time formatting.

pub mod file;
pub mod focus;
pub mod format;
pub mod notify;
pub mod page_title;
pub mod url;
