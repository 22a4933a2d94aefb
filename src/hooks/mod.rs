//! Reusable reactive hooks (in the style of leptos-use: `use_x(…, options)`
//! returning a `UseXReturn` struct).

pub mod form_signals;
pub mod use_draft;
pub mod use_route_focus;
