//! An in-memory [`KeyValueStore`] for tests, which can be told to fail like a browser does.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::{KeyValueStore, StoreError};

/// A failure mode of [`MemoryStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Failure {
    /// Works normally.
    #[default]
    None,
    /// Every write fails with `QuotaExceeded` (reads still work), like a full localStorage.
    QuotaOnWrite,
    /// Every operation fails with `Unavailable`, like disabled storage.
    Disabled,
}

/// In-memory key-value store. Shared between "tabs" by reference (`&MemoryStore`).
#[derive(Debug, Default)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
    failure: Cell<Failure>,
    /// Total bytes (keys + values) allowed, like the browser's ~5 MB; `None` for no limit.
    quota: Cell<Option<usize>>,
    writes: Cell<usize>,
}

impl MemoryStore {
    /// An empty, working store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// Makes later operations fail (or work again with [`Failure::None`]).
    pub fn fail_with(&self, failure: Failure) {
        self.failure.set(failure);
    }

    /// Limits the total size of keys and values in bytes; writes beyond it fail with
    /// `QuotaExceeded`.
    pub fn set_quota(&self, bytes: Option<usize>) {
        self.quota.set(bytes);
    }

    /// Puts text under a key directly, bypassing failures (e.g. to plant corrupt data).
    pub fn put_raw(&self, key: &str, value: &str) {
        self.map
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
    }

    /// The text under a key, bypassing failures (for assertions).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }

    /// How many successful writes (set or remove) happened.
    pub fn write_count(&self) -> usize {
        self.writes.get()
    }

    fn size_with(&self, key: &str, value: &str) -> usize {
        let map = self.map.borrow();
        let others: usize = map
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum();
        others + key.len() + value.len()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.failure.get() == Failure::Disabled {
            return Err(StoreError::Unavailable);
        }
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        match self.failure.get() {
            Failure::Disabled => return Err(StoreError::Unavailable),
            Failure::QuotaOnWrite => return Err(StoreError::QuotaExceeded),
            Failure::None => {}
        }
        if let Some(limit) = self.quota.get() {
            if self.size_with(key, value) > limit {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.map
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        self.writes.set(self.writes.get() + 1);
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        if self.failure.get() == Failure::Disabled {
            return Err(StoreError::Unavailable);
        }
        self.map.borrow_mut().remove(key);
        self.writes.set(self.writes.get() + 1);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.failure.get() == Failure::Disabled {
            return Err(StoreError::Unavailable);
        }
        Ok(self.map.borrow().keys().cloned().collect())
    }
}
