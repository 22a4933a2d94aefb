//! Sportello Lavoro: citizen self-service for the Italian Centri per l'Impiego.
//!
//! `domain` is pure Rust and builds everywhere; everything that needs a
//! browser is compiled for wasm32 only.

pub mod domain;
pub mod i18n;
#[cfg(not(target_arch = "wasm32"))]
pub mod publisher;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod net;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod routes;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
