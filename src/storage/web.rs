//! The browser's localStorage as a [`KeyValueStore`] (wasm32 only).
//!
//! Every call can fail in a browser (storage disabled, private mode, quota, blocked site data),
//! so every JS error is turned into a [`StoreError`]; nothing here unwraps.

use wasm_bindgen::JsValue;

use super::{KeyValueStore, StoreError};

/// `window.localStorage`.
#[derive(Debug, Clone)]
pub struct LocalStorage {
    storage: web_sys::Storage,
}

impl LocalStorage {
    /// Opens `window.localStorage`; fails with `Unavailable` when there is no window or the
    /// browser blocks storage (accessing `localStorage` itself throws a `SecurityError` then).
    pub fn open() -> Result<Self, StoreError> {
        let window = web_sys::window().ok_or(StoreError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(LocalStorage { storage }),
            Ok(None) => Err(StoreError::Unavailable),
            Err(e) => Err(js_error(&e)),
        }
    }
}

impl KeyValueStore for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(|e| js_error(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(|e| js_error(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(|e| js_error(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let len = self.storage.length().map_err(|e| js_error(&e))?;
        let mut keys = Vec::new();
        for i in 0..len {
            // A key can vanish meanwhile (another tab removed it): skip it.
            if let Some(k) = self.storage.key(i).map_err(|e| js_error(&e))? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}

/// Classifies a thrown JS value (usually a `DOMException`) by its `name`/`code`.
fn js_error(e: &JsValue) -> StoreError {
    let prop = |name: &str| js_sys::Reflect::get(e, &JsValue::from_str(name)).ok();
    let name = prop("name").and_then(|v| v.as_string()).unwrap_or_default();
    let code = prop("code").and_then(|v| v.as_f64());
    let message = prop("message")
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match name.as_str() {
        // Chrome/Safari use QuotaExceededError (code 22); old Firefox NS_ERROR_DOM_QUOTA_REACHED.
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::QuotaExceeded,
        "SecurityError" => StoreError::Unavailable,
        _ if code == Some(22.0) || code == Some(1014.0) => StoreError::QuotaExceeded,
        _ => StoreError::Other(format!("{name}: {message}")),
    }
}
