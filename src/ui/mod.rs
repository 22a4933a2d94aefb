//! Small view helpers with one home each: focus, page title, URL encoding
//! and date/time formatting.

pub mod focus;
pub mod format;
pub mod page_title;
pub mod url;
