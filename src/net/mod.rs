//! The network: feeds and submissions. Views call these functions and never
//! touch `fetch` themselves.

pub mod chunk;
pub mod code_lists;
pub mod config;
pub mod feeds;
pub mod http;
pub mod identity;
pub mod locales;
pub mod outbox;
pub mod percorso;
pub mod profiling;
pub mod revalidate;
pub mod service_worker;
pub mod status;
