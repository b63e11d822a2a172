//! Task lists added in this browser, and keeping each list's progress apart.
//!
//! A list is stored whole under `qingdan.list.<id>` (one write, so a list is never half-saved;
//! the document's format is in [`crate::domain::lists`]). There is no separate index to fall out
//! of step: the lists are the keys.
//!
//! Each list's progress lives under its own keys: [`ListScoped`] turns every per-list key
//! ([`StorageKey::is_per_list`]) `qingdan.<rest>` into `qingdan.l.<id>.<rest>`, except for
//! [`LEGACY_LIST_ID`], the 2022 list, whose progress was stored before lists could be added and
//! stays where it was.

use std::borrow::Cow;

use super::{KeyValueStore, StorageKey, StoreError};

/// The list whose progress keeps the unscoped keys (`qingdan.progress.v1` …): the 2022 list, the
/// only one before lists could be added.
pub const LEGACY_LIST_ID: &str = "qingpu-2022";

const APP_PREFIX: &str = "qingdan.";
const SCOPED_PREFIX: &str = "qingdan.l.";

/// A [`KeyValueStore`] seen by one task list: the same store, with the per-list keys moved under
/// the list's own prefix. Dereferences to the store it wraps.
#[derive(Debug)]
pub struct ListScoped<S> {
    inner: S,
    /// `qingdan.l.<id>.`, or `None` for [`LEGACY_LIST_ID`].
    prefix: Option<String>,
}

impl<S> ListScoped<S> {
    /// `inner` as the list `list_id` sees it.
    pub fn new(inner: S, list_id: &str) -> Self {
        ListScoped {
            inner,
            prefix: (list_id != LEGACY_LIST_ID).then(|| format!("{SCOPED_PREFIX}{list_id}.")),
        }
    }

    /// The key string this list stores `key` under.
    pub fn key(&self, key: &StorageKey) -> String {
        self.map(&key.to_string()).into_owned()
    }

    fn map<'a>(&self, key: &'a str) -> Cow<'a, str> {
        match &self.prefix {
            Some(prefix) if is_per_list(key) => {
                Cow::Owned(format!("{prefix}{}", &key[APP_PREFIX.len()..]))
            }
            _ => Cow::Borrowed(key),
        }
    }
}

fn is_per_list(key: &str) -> bool {
    key.parse::<StorageKey>().is_ok_and(|k| k.is_per_list())
}

impl<S> std::ops::Deref for ListScoped<S> {
    type Target = S;
    fn deref(&self) -> &S {
        &self.inner
    }
}

impl<S: KeyValueStore> KeyValueStore for ListScoped<S> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(&self.map(key))
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.inner.set(&self.map(key), value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.inner.remove(&self.map(key))
    }
    /// The keys this list sees, by their unscoped names: its own per-list keys and the shared
    /// ones, never another list's.
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let keys = self.inner.keys()?;
        Ok(keys
            .into_iter()
            .filter_map(|k| match &self.prefix {
                Some(prefix) => match k.strip_prefix(prefix.as_str()) {
                    Some(rest) => Some(format!("{APP_PREFIX}{rest}")),
                    None => (!is_per_list(&k) && !k.starts_with(SCOPED_PREFIX)).then_some(k),
                },
                None => (!k.starts_with(SCOPED_PREFIX)).then_some(k),
            })
            .collect())
    }
}

/// The ids and texts of every list stored in this browser, in key order.
pub fn stored_lists<S: KeyValueStore>(store: &S) -> Result<Vec<(String, String)>, StoreError> {
    let mut out = Vec::new();
    for key in store.keys()? {
        if let Ok(StorageKey::List(id)) = key.parse::<StorageKey>() {
            if let Some(text) = store.get(&key)? {
                out.push((id, text));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The stored text of the list `id`, if this browser has it.
pub fn load_list_text<S: KeyValueStore>(store: &S, id: &str) -> Result<Option<String>, StoreError> {
    store.get(&StorageKey::List(id.to_string()).to_string())
}

/// Stores a list document under its id (one write: all or nothing).
pub fn save_list<S: KeyValueStore>(store: &S, id: &str, document: &str) -> Result<(), StoreError> {
    store.set(&StorageKey::List(id.to_string()).to_string(), document)
}

/// Removes the list `id` and everything kept for it (its progress, backups, export stamp). The
/// caller has offered an export and asked for confirmation.
pub fn remove_list<S: KeyValueStore>(store: &S, id: &str) -> Result<(), StoreError> {
    let scoped = format!("{SCOPED_PREFIX}{id}.");
    for key in store.keys()? {
        if key.starts_with(&scoped) {
            store.remove(&key)?;
        }
    }
    store.remove(&StorageKey::List(id.to_string()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;

    #[test]
    fn each_list_keeps_its_own_progress_and_shares_my_unit() {
        let mem = MemoryStore::new();
        let legacy = ListScoped::new(&mem, LEGACY_LIST_ID);
        let next = ListScoped::new(&mem, "qingpu-2023");
        let progress = StorageKey::Progress.to_string();
        legacy.set(&progress, "2022").unwrap();
        next.set(&progress, "2023").unwrap();
        next.set(&StorageKey::CorruptBackup(5).to_string(), "x")
            .unwrap();
        next.set(&StorageKey::MyUnit.to_string(), "zhujiajiao")
            .unwrap();
        assert_eq!(mem.raw("qingdan.progress.v1").as_deref(), Some("2022"));
        assert_eq!(
            mem.raw("qingdan.l.qingpu-2023.progress.v1").as_deref(),
            Some("2023")
        );
        assert_eq!(legacy.get(&progress).unwrap().as_deref(), Some("2022"));
        assert_eq!(next.get(&progress).unwrap().as_deref(), Some("2023"));
        assert_eq!(
            legacy
                .get(&StorageKey::MyUnit.to_string())
                .unwrap()
                .as_deref(),
            Some("zhujiajiao")
        );
        assert_eq!(
            next.key(&StorageKey::Progress),
            "qingdan.l.qingpu-2023.progress.v1"
        );
        assert_eq!(legacy.key(&StorageKey::Progress), "qingdan.progress.v1");
        // Each sees its own keys under their usual names, and not the other's.
        let mut seen = next.keys().unwrap();
        seen.sort();
        assert_eq!(
            seen,
            [
                "qingdan.backup.corrupt.5",
                "qingdan.my-unit",
                "qingdan.progress.v1"
            ]
        );
        let mut seen = legacy.keys().unwrap();
        seen.sort();
        assert_eq!(seen, ["qingdan.my-unit", "qingdan.progress.v1"]);
    }

    #[test]
    fn lists_are_stored_listed_and_removed_with_their_progress() {
        let mem = MemoryStore::new();
        save_list(&mem, "qingpu-2023", "{2023}").unwrap();
        save_list(&mem, "list-2024-ab", "{2024}").unwrap();
        ListScoped::new(&mem, "qingpu-2023")
            .set(&StorageKey::Progress.to_string(), "p")
            .unwrap();
        assert_eq!(
            stored_lists(&mem).unwrap(),
            [
                ("list-2024-ab".to_string(), "{2024}".to_string()),
                ("qingpu-2023".to_string(), "{2023}".to_string())
            ]
        );
        assert_eq!(
            load_list_text(&mem, "qingpu-2023").unwrap().as_deref(),
            Some("{2023}")
        );
        remove_list(&mem, "qingpu-2023").unwrap();
        assert_eq!(load_list_text(&mem, "qingpu-2023").unwrap(), None);
        assert_eq!(mem.raw("qingdan.l.qingpu-2023.progress.v1"), None);
        assert_eq!(stored_lists(&mem).unwrap().len(), 1);
    }
}
