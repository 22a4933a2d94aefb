//! The file a person picked in an `<input type="file">`: its name, type and
//! size at once, its bytes on request (read only when it is kept).

use wasm_bindgen::JsCast;

/// A picked file.
#[derive(Clone, Debug)]
pub struct PickedFile {
    pub name: String,
    pub mime: String,
    pub size: u64,
    file: web_sys::File,
}

/// The first file of the input `id`, if one is picked.
pub fn picked(id: &str) -> Option<PickedFile> {
    let input: web_sys::HtmlInputElement = web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()?;
    let file = input.files()?.get(0)?;
    Some(PickedFile {
        name: file.name(),
        mime: file.type_(),
        size: file.size() as u64,
        file,
    })
}

/// Forget the picked file (after it is kept, or when the form is reset).
pub fn clear(id: &str) {
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        input.set_value("");
    }
}

impl PickedFile {
    /// The bytes; `None` if the browser could not read the file.
    pub async fn bytes(&self) -> Option<Vec<u8>> {
        let buffer = wasm_bindgen_futures::JsFuture::from(self.file.array_buffer())
            .await
            .ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}
