//! Persistence: the ONLY module that touches localStorage.
//!
//! - [`KeyValueStore`]: the small interface the rest of the logic is written against;
//!   [`MemoryStore`] implements it for tests (and can fail on purpose), `LocalStorage`
//!   (wasm32 only) for the browser.
//! - [`StorageKey`]: every key the app uses, in one enum.
//! - [`ListScoped`] and the list functions: task lists added in this browser, and each list's
//!   progress under keys of its own.
//! - [`ProgressStore`]: load/save of the [`ProgressDoc`] with the safety rules: unreadable data is
//!   backed up verbatim before anything else happens; a document from a newer app version makes
//!   the store read-only; a save re-reads the stored document and merges when another tab saved
//!   in between; a failed write leaves the caller's in-memory document (with the edit) intact.

use std::rc::Rc;

use crate::domain::merge::merge;
use crate::domain::messages;
use crate::domain::progress::{ProgressDoc, CURRENT_SCHEMA};
use crate::domain::schema::{migrate, MigrateError};
use crate::domain::sort::sort_by;

mod keys;
mod lists;
mod memory;
#[cfg(target_arch = "wasm32")]
mod web;

pub use keys::StorageKey;
pub use lists::{load_list_text, remove_list, save_list, stored_lists, ListScoped, LEGACY_LIST_ID};
pub use memory::{Failure, MemoryStore};
#[cfg(target_arch = "wasm32")]
pub use web::LocalStorage;

/// Why the browser storage refused an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The storage is full (`QuotaExceededError`).
    QuotaExceeded,
    /// Storage is disabled or blocked (private mode, site data blocked, no window).
    Unavailable,
    /// Anything else the browser reported (its error name and message, for support).
    Other(String),
}

impl StoreError {
    /// What went wrong, in Chinese, for the user.
    pub fn message_zh(&self) -> String {
        match self {
            StoreError::QuotaExceeded => messages::STORE_QUOTA.to_string(),
            StoreError::Unavailable => messages::STORE_UNAVAILABLE.to_string(),
            StoreError::Other(detail) => messages::store_other(detail),
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for StoreError {}

/// A string key-value store such as localStorage. Methods take `&self` because the browser
/// storage is shared state anyway (two tabs, two [`ProgressStore`]s on one store).
pub trait KeyValueStore {
    /// The value under `key`, `None` if absent.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Writes `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (absent keys are fine).
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// All keys currently stored (e.g. to list backups).
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

impl<T: KeyValueStore + ?Sized> KeyValueStore for &T {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
}

impl<T: KeyValueStore + ?Sized> KeyValueStore for Rc<T> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
}

/// What [`ProgressStore::load`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadOutcome {
    /// Nothing stored yet: start with `ProgressDoc::new`.
    Fresh,
    /// A readable document (migrated to the current schema).
    Loaded(ProgressDoc),
    /// The stored text could not be read as a document. It was copied verbatim under
    /// `backup_key` before anything else; if that copy failed (`backup_key` is `None`), the
    /// store stays read-only so the only copy is never overwritten.
    Corrupt {
        /// Where the raw text was saved.
        backup_key: Option<StorageKey>,
        /// Why the text was unreadable, in Chinese.
        problem_zh: String,
        /// Why the backup failed, if it did.
        backup_error: Option<StoreError>,
    },
    /// Saved by a newer app version: the store is now read-only and never writes over it.
    NewerSchema {
        /// Schema version found.
        found: u64,
        /// A best-effort read of it (fields this version knows), for read-only display.
        readable: Option<ProgressDoc>,
    },
    /// The storage could not be read at all; the app works in memory. A later save re-reads
    /// the storage first and merges, so data that was there is not overwritten.
    Unavailable(StoreError),
}

impl LoadOutcome {
    /// A message for the user, in Chinese; `None` when there is nothing to say.
    pub fn message_zh(&self) -> Option<String> {
        match self {
            LoadOutcome::Fresh | LoadOutcome::Loaded(_) => None,
            LoadOutcome::Corrupt {
                backup_key,
                problem_zh,
                backup_error,
            } => Some(match (backup_key, backup_error) {
                (Some(key), _) => messages::corrupt_backed_up(problem_zh, &key.to_string()),
                (None, e) => messages::corrupt_not_backed_up(
                    problem_zh,
                    &e.as_ref().map(StoreError::message_zh).unwrap_or_default(),
                ),
            }),
            LoadOutcome::NewerSchema { found, .. } => {
                Some(messages::newer_schema(*found, CURRENT_SCHEMA))
            }
            LoadOutcome::Unavailable(e) => Some(messages::load_unavailable(&e.message_zh())),
        }
    }
}

/// How a save went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written over what this tab had seen.
    Written,
    /// Another tab had saved in between: its edits were merged into the caller's document
    /// (which now holds both) and the merge was written. The UI should re-render.
    MergedWithNewer,
}

/// Why a save did not write. The caller's document keeps every edit in all cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The store is read-only (newer schema stored, or unreadable data that could not be
    /// backed up).
    ReadOnly,
    /// Another tab of a newer app version saved meanwhile; the store is now read-only.
    NewerSchema {
        /// Schema version found.
        found: u64,
    },
    /// The browser refused the write (or the re-read before it).
    Store(StoreError),
    /// Unreadable stored data could not be backed up, so it was not overwritten.
    BackupFailed(StoreError),
    /// The document could not be serialised (should not happen).
    Serialize,
}

impl SaveError {
    /// What went wrong, in Chinese, for the user.
    pub fn message_zh(&self) -> String {
        match self {
            SaveError::ReadOnly => messages::SAVE_READ_ONLY.to_string(),
            SaveError::NewerSchema { found } => messages::newer_schema(*found, CURRENT_SCHEMA),
            SaveError::Store(e) => messages::save_failed(&e.message_zh()),
            SaveError::BackupFailed(e) => messages::save_backup_failed(&e.message_zh()),
            SaveError::Serialize => messages::save_failed(messages::EXPORT_SERIALIZE_FAILED),
        }
    }
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for SaveError {}

/// The (revision, saved_at) pair identifying a saved version of the document.
type Stamp = (u64, i64);

fn stamp(doc: &ProgressDoc) -> Stamp {
    (doc.revision, doc.saved_at)
}

/// What the stored progress text turned out to be.
enum Stored {
    Absent,
    Doc(ProgressDoc),
    Newer { found: u64, raw: String },
    Unreadable { raw: String, problem_zh: String },
}

fn read_stored(raw: Option<String>) -> Stored {
    let Some(raw) = raw else {
        return Stored::Absent;
    };
    let value: serde_json::Value = match serde_json::from_str(&raw) {
        Ok(v) => v,
        Err(_) => {
            return Stored::Unreadable {
                raw,
                problem_zh: messages::STORED_NOT_JSON.to_string(),
            }
        }
    };
    match migrate(value) {
        Ok(doc) => Stored::Doc(doc),
        Err(MigrateError::NewerSchema { found }) => Stored::Newer { found, raw },
        Err(e) => Stored::Unreadable {
            raw,
            problem_zh: e.message_zh(),
        },
    }
}

/// Load/save logic of the progress document over any [`KeyValueStore`]. One per tab.
#[derive(Debug)]
pub struct ProgressStore<S: KeyValueStore> {
    store: S,
    /// The version of the stored document this tab last read or wrote; `None` if none.
    seen: Option<Stamp>,
    read_only: bool,
    /// Unreadable text this tab already backed up, so a save does not back it up twice.
    backed_up: Option<String>,
}

impl<S: KeyValueStore> ProgressStore<S> {
    /// A store that has not loaded anything yet.
    pub fn new(store: S) -> Self {
        ProgressStore {
            store,
            seen: None,
            read_only: false,
            backed_up: None,
        }
    }

    /// The underlying key-value store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Whether saves are refused (see [`LoadOutcome::NewerSchema`], [`LoadOutcome::Corrupt`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Reads the stored document. Unreadable text is first copied verbatim to
    /// `qingdan.backup.corrupt.<now_ms>`; a newer schema turns the store read-only.
    pub fn load(&mut self, now_ms: i64) -> LoadOutcome {
        let raw = match self.store.get(&StorageKey::Progress.to_string()) {
            Ok(raw) => raw,
            Err(e) => return LoadOutcome::Unavailable(e),
        };
        match read_stored(raw) {
            Stored::Absent => {
                self.seen = None;
                LoadOutcome::Fresh
            }
            Stored::Doc(doc) => {
                self.seen = Some(stamp(&doc));
                LoadOutcome::Loaded(doc)
            }
            Stored::Newer { found, raw } => {
                self.read_only = true;
                LoadOutcome::NewerSchema {
                    found,
                    readable: read_newer_best_effort(&raw),
                }
            }
            Stored::Unreadable { raw, problem_zh } => {
                match backup_corrupt(&self.store, &raw, now_ms) {
                    Ok(key) => {
                        // The raw text is safe elsewhere; the next save may replace it.
                        self.seen = None;
                        self.backed_up = Some(raw);
                        LoadOutcome::Corrupt {
                            backup_key: Some(key),
                            problem_zh,
                            backup_error: None,
                        }
                    }
                    Err(e) => {
                        self.read_only = true;
                        LoadOutcome::Corrupt {
                            backup_key: None,
                            problem_zh,
                            backup_error: Some(e),
                        }
                    }
                }
            }
        }
    }

    /// Saves `doc`. Re-reads the stored document first: if another tab saved since this tab
    /// last loaded or saved, the two are merged into `doc` (nothing lost on either side) and the
    /// merge is written. On any error nothing in `doc` is lost; the caller keeps showing it and
    /// can retry.
    pub fn save(&mut self, doc: &mut ProgressDoc, now_ms: i64) -> Result<SaveOutcome, SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let key = StorageKey::Progress.to_string();
        let raw = self.store.get(&key).map_err(SaveError::Store)?;
        let mut outcome = SaveOutcome::Written;
        let mut base_revision = doc.revision;
        match read_stored(raw) {
            Stored::Absent => {}
            Stored::Doc(stored) => {
                if Some(stamp(&stored)) != self.seen {
                    *doc = merge(doc, &stored);
                    outcome = SaveOutcome::MergedWithNewer;
                }
                base_revision = base_revision.max(stored.revision);
            }
            Stored::Newer { found, .. } => {
                self.read_only = true;
                return Err(SaveError::NewerSchema { found });
            }
            Stored::Unreadable { raw, .. } => {
                // Unreadable text we have not copied yet (written since our load): keep a copy
                // before replacing it.
                if self.backed_up.as_deref() != Some(raw.as_str()) {
                    backup_corrupt(&self.store, &raw, now_ms).map_err(SaveError::BackupFailed)?;
                    self.backed_up = Some(raw);
                }
            }
        }
        let mut next = doc.clone();
        next.export = None;
        next.revision = base_revision.saturating_add(1);
        next.saved_at = now_ms;
        let text = serde_json::to_string(&next).map_err(|_| SaveError::Serialize)?;
        self.store.set(&key, &text).map_err(SaveError::Store)?;
        self.seen = Some(stamp(&next));
        *doc = next;
        Ok(outcome)
    }

    /// Copies the current document to `qingdan.backup.before-import` (call before an import
    /// replaces or merges records, so the user can go back).
    pub fn backup_before_import(&self, doc: &ProgressDoc) -> Result<(), SaveError> {
        let text = serde_json::to_string(doc).map_err(|_| SaveError::Serialize)?;
        self.store
            .set(&StorageKey::BeforeImport.to_string(), &text)
            .map_err(SaveError::Store)
    }

    /// The document saved by [`ProgressStore::backup_before_import`], if any.
    pub fn read_before_import(&self) -> Result<Option<ProgressDoc>, StoreError> {
        let raw = self.store.get(&StorageKey::BeforeImport.to_string())?;
        Ok(match read_stored(raw) {
            Stored::Doc(doc) => Some(doc),
            _ => None,
        })
    }
}

/// Reads a newer-schema document as far as this version understands it, for display only.
fn read_newer_best_effort(raw: &str) -> Option<ProgressDoc> {
    let mut value: serde_json::Value = serde_json::from_str(raw).ok()?;
    let obj = value.as_object_mut()?;
    obj.insert("schema".into(), serde_json::Value::from(CURRENT_SCHEMA));
    migrate(value).ok()
}

/// Writes `raw` verbatim under a fresh `qingdan.backup.corrupt.<millis>` key (never over an
/// existing backup) and returns the key.
fn backup_corrupt<S: KeyValueStore>(
    store: &S,
    raw: &str,
    now_ms: i64,
) -> Result<StorageKey, StoreError> {
    let mut millis = now_ms;
    // A few tries cover two backups within the same millisecond.
    for _ in 0..1000 {
        let key = StorageKey::CorruptBackup(millis);
        if store.get(&key.to_string())?.is_none() {
            store.set(&key.to_string(), raw)?;
            return Ok(key);
        }
        millis = millis.saturating_add(1);
    }
    Err(StoreError::Other("no free backup key".into()))
}

/// The unit this device last chose as "my unit", if any.
pub fn load_my_unit<S: KeyValueStore>(store: &S) -> Result<Option<String>, StoreError> {
    store.get(&StorageKey::MyUnit.to_string())
}

/// Remembers "my unit" (`None` forgets it).
pub fn save_my_unit<S: KeyValueStore>(store: &S, unit: Option<&str>) -> Result<(), StoreError> {
    let key = StorageKey::MyUnit.to_string();
    match unit {
        Some(u) => store.set(&key, u),
        None => store.remove(&key),
    }
}

/// When the last export was made (ms since epoch); `None` if never or unreadable.
pub fn load_last_export<S: KeyValueStore>(store: &S) -> Result<Option<i64>, StoreError> {
    Ok(store
        .get(&StorageKey::LastExport.to_string())?
        .and_then(|s| s.trim().parse::<i64>().ok()))
}

/// Records that an export was made at `now_ms`.
pub fn save_last_export<S: KeyValueStore>(store: &S, now_ms: i64) -> Result<(), StoreError> {
    store.set(&StorageKey::LastExport.to_string(), &now_ms.to_string())
}

/// The keys of all corrupt-data backups, oldest first.
pub fn corrupt_backups<S: KeyValueStore>(store: &S) -> Result<Vec<StorageKey>, StoreError> {
    let mut keys: Vec<StorageKey> = store
        .keys()?
        .iter()
        .filter_map(|k| k.parse::<StorageKey>().ok())
        .filter(|k| matches!(k, StorageKey::CorruptBackup(_)))
        .collect();
    let stamp = |k: &StorageKey| match k {
        StorageKey::CorruptBackup(ms) => *ms,
        _ => 0,
    };
    sort_by(&mut keys, &|a, b| stamp(a).cmp(&stamp(b)));
    Ok(keys)
}

/// How long edits may go without an export before the app reminds the user: 7 days.
pub const EXPORT_REMINDER_AFTER_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Whether to remind the user to export: there is a change not yet exported, it is more than
/// 7 days old, and the last export (if any) is more than 7 days old too. Use
/// `ProgressDoc::oldest_change_after(last_export)` for the second argument.
pub fn needs_export_reminder(
    last_export_ms: Option<i64>,
    oldest_unexported_change_ms: Option<i64>,
    now_ms: i64,
) -> bool {
    let Some(change) = oldest_unexported_change_ms else {
        return false;
    };
    let old = |t: i64| now_ms.saturating_sub(t) > EXPORT_REMINDER_AFTER_MS;
    old(change) && last_export_ms.is_none_or(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 60 * 60 * 1000;

    #[test]
    fn export_reminder() {
        let now = 100 * DAY;
        assert!(!needs_export_reminder(None, None, now));
        assert!(!needs_export_reminder(None, Some(now - 6 * DAY), now));
        assert!(needs_export_reminder(None, Some(now - 8 * DAY), now));
        assert!(!needs_export_reminder(
            Some(now - 7 * DAY),
            Some(now - 7 * DAY),
            now
        ));
        assert!(needs_export_reminder(
            Some(now - 9 * DAY),
            Some(now - 8 * DAY),
            now
        ));
        assert!(!needs_export_reminder(
            Some(now - DAY),
            Some(now - 8 * DAY),
            now
        ));
    }
}
