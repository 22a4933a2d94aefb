//! Code loaded on demand: a wasm chunk (docs/architecture.md, "Code split by
//! route") is fetched like any file, so its failure is a network outcome.

/// A chunk that did not load (offline before it was ever fetched, or a new
/// version deployed meanwhile). The browser console has the cause.
#[derive(Debug)]
pub struct ChunkLoadFailed;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkLoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkLoadFailed
    }
}
