//! The CP 2021 professions and ATECO 2025 sectors (docs/reference-data.md):
//! fetched when the profile page needs them, never in the first load.

use super::config::data_base;
use super::http;
use crate::domain::code_list::{CodeList, CodeListError, ListKind};

/// Why a list is not there: the page then takes the name as typed.
#[derive(Clone, Debug, PartialEq)]
pub enum CodeListLoadError {
    NoAnswer,
    Status(u16),
    Invalid(CodeListError),
}

/// Fetch and check one list.
pub async fn load(kind: ListKind) -> Result<CodeList, CodeListLoadError> {
    let url = format!("{}ref/{}.json", data_base(), kind.name());
    let response = http::get(&url, &[])
        .await
        .map_err(|_| CodeListLoadError::NoAnswer)?;
    if response.status != 200 {
        return Err(CodeListLoadError::Status(response.status));
    }
    CodeList::parse(&response.body).map_err(CodeListLoadError::Invalid)
}
