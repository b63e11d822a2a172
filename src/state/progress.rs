//! The progress document as reactive state, and its one persistence path.
//!
//! Every edit is applied to a copy of the document; if the domain accepts it the copy replaces
//! the signal's value and is written to localStorage at once (the document is small). A failed
//! write keeps the edit in memory, shows why, and is retried on the next edit, on "重试", when
//! the page is hidden or closed, and before an update reloads the page. Edits in other tabs
//! arrive through the `storage` event and are merged in.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::merge::merge;
use crate::domain::progress::{note_id, EditError, ProgressDoc};
use crate::domain::task::Dataset;
use crate::storage::{
    load_last_export, needs_export_reminder, save_last_export, ListScoped, LoadOutcome,
    ProgressStore, StorageKey, StoreError,
};
use crate::text;

#[cfg(target_arch = "wasm32")]
type Backend = crate::storage::LocalStorage;
/// Natively (tests) the document lives in an in-memory store that can be told to fail.
#[cfg(not(target_arch = "wasm32"))]
type Backend = crate::storage::MemoryStore;

/// The list's progress store, shared by the state's copies.
type SharedStore = Rc<RefCell<ProgressStore<ListScoped<Backend>>>>;

/// How serious a banner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something failed; the user should act.
    Error,
    /// Worth knowing (read-only mode, export reminder).
    Warn,
    /// For information.
    Info,
}

/// Which banner a notice is. The banner area shows at most one notice of each; a newer one
/// replaces it, and it is cleared or dismissed by this id (never by comparing its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeId {
    /// The stored document could not be used as it is (unreadable, from a newer app), found at
    /// load or when another tab saved.
    StoredDoc,
    /// This browser's storage cannot be opened at all.
    NoStorage,
    /// The stored progress belongs to another list.
    OtherList,
    /// Changes older than a week were never exported.
    ExportReminder,
    /// The last save failed: the one notice that offers "重试保存".
    SaveFailed,
    /// "我的街镇" could not be remembered in this browser.
    MyUnitNotSaved,
}

/// A message shown in the banner area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Which notice it is.
    pub id: NoticeId,
    /// How serious.
    pub kind: NoticeKind,
    /// The text, in Chinese.
    pub text: String,
}

impl Notice {
    /// Whether "重试保存" makes sense (a failed save).
    pub fn retry(&self) -> bool {
        self.id == NoticeId::SaveFailed
    }
}

/// The progress document, the storage behind it and what the user must be told about it.
#[derive(Clone, Copy)]
pub struct ProgressState {
    /// The document as shown (always holds every edit, saved or not).
    pub doc: RwSignal<ProgressDoc>,
    /// Edits not yet written to the browser's storage.
    pub unsaved: RwSignal<bool>,
    /// Storage problems and reminders.
    pub notices: RwSignal<Vec<Notice>>,
    /// Saving is refused (newer app version's data, or unreadable data not backed up).
    pub read_only: RwSignal<bool>,
    /// The answer of `navigator.storage.persist()`, once asked.
    pub persisted: RwSignal<Option<bool>>,
    store: StoredValue<Option<SharedStore>, LocalStorage>,
}

/// Milliseconds since the epoch from the browser clock (the system clock natively, where
/// `js_sys` cannot be called: native tests drive the state without a browser).
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }
}

/// The random part of a note id: below 2^53 (every value a JS number holds exactly), from
/// `Math.random` in the browser and from std's per-process hash keys natively.
fn random_part() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Math::random() * 9.007_199_254_740_991e15) as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_i64(now_ms());
        h.finish() & ((1 << 53) - 1)
    }
}

/// This browser's storage (natively, a fresh in-memory store).
pub(crate) fn open_backend() -> Result<Backend, StoreError> {
    #[cfg(target_arch = "wasm32")]
    {
        crate::storage::LocalStorage::open()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Ok(crate::storage::MemoryStore::new())
    }
}

impl ProgressState {
    /// Loads the stored document (before anything can be edited, so nothing is written before
    /// the initial load has finished) and reports what it found.
    pub fn load(ds: &Dataset) -> ProgressState {
        ProgressState::open(ds, open_backend())
    }

    /// [`ProgressState::load`] over a given store: native tests pass a [`MemoryStore`]
    /// (holding a saved document, or told to fail) and drive edits, saves and reloads.
    ///
    /// [`MemoryStore`]: crate::storage::MemoryStore
    pub fn load_with(ds: &Dataset, backend: Backend) -> ProgressState {
        ProgressState::open(ds, Ok(backend))
    }

    fn open(ds: &Dataset, backend: Result<Backend, StoreError>) -> ProgressState {
        let mut notices = Vec::new();
        let mut read_only = false;
        let fresh = ProgressDoc::new(&ds.meta);
        let (store, doc) = match backend {
            Ok(backend) => {
                // Each list keeps its progress under keys of its own.
                let mut store = ProgressStore::new(ListScoped::new(backend, &ds.meta.id));
                let outcome = store.load(now_ms());
                if let Some(msg) = outcome.message_zh() {
                    let kind = match outcome {
                        LoadOutcome::NewerSchema { .. } => NoticeKind::Warn,
                        _ => NoticeKind::Error,
                    };
                    notices.push(Notice {
                        id: NoticeId::StoredDoc,
                        kind,
                        text: msg,
                    });
                }
                let doc = match outcome {
                    LoadOutcome::Loaded(doc) => doc,
                    LoadOutcome::NewerSchema {
                        readable: Some(doc),
                        ..
                    } => doc,
                    _ => fresh,
                };
                read_only = store.is_read_only();
                (Some(Rc::new(RefCell::new(store))), doc)
            }
            Err(e) => {
                notices.push(Notice {
                    id: NoticeId::NoStorage,
                    kind: NoticeKind::Error,
                    text: crate::domain::messages::load_unavailable(&e.message_zh()),
                });
                (None, fresh)
            }
        };
        let mut doc = doc;
        if doc.dataset_id == ds.meta.id && doc.dataset_title.is_empty() {
            // Written before documents named their list: exports from now on name it.
            doc.dataset_title = ds.meta.title.clone();
        }
        if doc.dataset_id != ds.meta.id {
            notices.push(Notice {
                id: NoticeId::OtherList,
                kind: NoticeKind::Warn,
                text: text::other_dataset_stored(&doc.dataset_id),
            });
        }
        let state = ProgressState {
            doc: RwSignal::new(doc),
            unsaved: RwSignal::new(false),
            notices: RwSignal::new(notices),
            read_only: RwSignal::new(read_only),
            persisted: RwSignal::new(None),
            store: StoredValue::new_local(store),
        };
        state.remind_export_if_due();
        state
    }

    /// Applies `edit` to the document and saves. The edit is refused (and the document left
    /// unchanged) if the domain rejects it; the message is returned for the form to show.
    pub fn edit(
        &self,
        edit: impl FnOnce(&mut ProgressDoc, i64) -> Result<(), EditError>,
    ) -> Result<(), String> {
        if self.read_only.get_untracked() {
            return Err(crate::domain::messages::SAVE_READ_ONLY.to_string());
        }
        let mut next = self.doc.get_untracked();
        edit(&mut next, now_ms()).map_err(|e| e.message_zh())?;
        // Saved first (the store stamps the document, or merges a newer one in), then published
        // once: every card and count that reads the document re-runs once per edit, not twice.
        // A failed write keeps the edit on screen, marked unsaved, with the retry notice.
        let written = self.write(&mut next);
        if written == self.unsaved.get_untracked() {
            // Written: earlier unsaved edits went with it. Not written: now there are some.
            self.unsaved.set(!written);
        }
        self.doc.set(next);
        request_persistence_once(*self);
        Ok(())
    }

    /// Adds a note with a fresh id (the clock and a random part, see [`note_id`]) and saves, like
    /// [`ProgressState::edit`]; the message says why it was refused.
    pub fn add_note(&self, task: u16, unit: &str, text: &str) -> Result<(), String> {
        let id = note_id(now_ms(), random_part());
        self.edit(|d, now| d.add_note(task, unit, &id, text, now))
    }

    /// Writes unsaved edits now (retrying a failed write). Synchronous, so it can run in
    /// `pagehide` and before an update reloads the page.
    pub fn flush(&self) {
        if !self.unsaved.get_untracked() {
            return;
        }
        let mut doc = self.doc.get_untracked();
        if self.write(&mut doc) {
            self.unsaved.set(false);
        }
        if doc != self.doc.get_untracked() {
            self.doc.set(doc);
        }
    }

    /// Saves `doc` (which the store may stamp or merge into) and shows or clears the save
    /// notice; true if it was written.
    fn write(&self, doc: &mut ProgressDoc) -> bool {
        let Some(store) = self.store.get_value() else {
            self.set_save_notice(Some(text::SAVE_NO_STORAGE.to_string()));
            return false;
        };
        let result = store.borrow_mut().save(doc, now_ms());
        match result {
            Ok(_) => {
                self.set_save_notice(None);
                true
            }
            Err(e) => {
                if store.borrow().is_read_only() {
                    self.read_only.set(true);
                }
                self.set_save_notice(Some(e.message_zh()));
                false
            }
        }
    }

    /// Another tab saved: merge its document into ours (ours keeps its unsaved edits).
    pub fn reload_from_storage(&self) {
        let Some(store) = self.store.get_value() else {
            return;
        };
        let outcome = store.borrow_mut().load(now_ms());
        match outcome {
            LoadOutcome::Loaded(stored) => {
                let mine = self.doc.get_untracked();
                let merged = merge(&mine, &stored);
                if merged != mine {
                    self.doc.set(merged);
                }
                if self.unsaved.get_untracked() {
                    self.flush();
                }
            }
            other => {
                if let Some(msg) = other.message_zh() {
                    self.show_notice(Notice {
                        id: NoticeId::StoredDoc,
                        kind: NoticeKind::Warn,
                        text: msg,
                    });
                }
                if store.borrow().is_read_only() {
                    self.read_only.set(true);
                }
            }
        }
    }

    /// Replaces the whole document (after an import or an undo), then saves.
    pub fn replace_doc(&self, doc: ProgressDoc) -> Result<(), String> {
        if self.read_only.get_untracked() {
            return Err(crate::domain::messages::SAVE_READ_ONLY.to_string());
        }
        self.doc.set(doc);
        self.unsaved.set(true);
        self.flush();
        Ok(())
    }

    /// Applies an imported document (a file, a batch of files, a share link): keeps the current
    /// document for one-click undo, then merges `incoming` in (newer wins, nothing deleted) or,
    /// with `replace`, replaces records as [`crate::domain::merge::replace_all`] says. Nothing
    /// changes when the backup cannot be written.
    pub fn apply_import(&self, incoming: &ProgressDoc, replace: bool) -> Result<(), String> {
        self.backup_before_import()?;
        let next = self.doc.with_untracked(|d| {
            if replace {
                crate::domain::merge::replace_all(d, incoming)
            } else {
                crate::domain::merge::merge(d, incoming)
            }
        });
        self.replace_doc(next)
    }

    /// Restores the document kept by the last [`ProgressState::apply_import`]. `Ok(false)` when
    /// there is nothing to undo.
    pub fn undo_import(&self) -> Result<bool, String> {
        let Some(mut before) = self.before_import() else {
            return Ok(false);
        };
        // Keep the revision moving forward so other tabs see the change.
        before.revision = self.doc.with_untracked(|d| d.revision);
        self.replace_doc(before).map(|()| true)
    }

    /// Keeps the current document under the before-import key, for one-click undo.
    pub fn backup_before_import(&self) -> Result<(), String> {
        let store = self
            .store
            .get_value()
            .ok_or_else(|| text::SAVE_NO_STORAGE.to_string())?;
        let doc = self.doc.get_untracked();
        let result = store.borrow().backup_before_import(&doc);
        result.map_err(|e| e.message_zh())
    }

    /// The document as it was before the last import, if kept.
    pub fn before_import(&self) -> Option<ProgressDoc> {
        let store = self.store.get_value()?;
        let doc = store.borrow().read_before_import().ok().flatten();
        doc
    }

    /// Reads a raw value (for "我的街镇" and the export stamp).
    pub fn with_store<R>(&self, f: impl FnOnce(&ListScoped<Backend>) -> R) -> Option<R> {
        let store = self.store.get_value()?;
        let guard = store.borrow();
        Some(f(guard.store()))
    }

    /// The key string `key` has for this list (e.g. to listen for another tab's saves).
    pub fn storage_key(&self, key: &StorageKey) -> String {
        self.with_store(|s| s.key(key))
            .unwrap_or_else(|| key.to_string())
    }

    /// Notes that the user exported now (for the export reminder).
    pub fn mark_exported(&self) {
        let _ = self.with_store(|s| save_last_export(s, now_ms()));
        self.dismiss(NoticeId::ExportReminder);
    }

    /// Shows the export reminder when changes older than 7 days were never exported.
    pub fn remind_export_if_due(&self) {
        let last = self
            .with_store(|s| load_last_export(s).ok().flatten())
            .flatten();
        let oldest = self.doc.with_untracked(|d| d.oldest_change_after(last));
        if needs_export_reminder(last, oldest, now_ms()) {
            self.show_notice(Notice {
                id: NoticeId::ExportReminder,
                kind: NoticeKind::Warn,
                text: text::EXPORT_REMINDER.to_string(),
            });
        }
    }

    /// Shows `notice`: in place of the notice with its id if one is shown, else last.
    pub fn show_notice(&self, notice: Notice) {
        self.notices
            .update(|list| match list.iter_mut().find(|n| n.id == notice.id) {
                Some(old) => *old = notice,
                None => list.push(notice),
            });
    }

    /// Sets or clears the one "could not save" notice.
    fn set_save_notice(&self, message: Option<String>) {
        match message {
            Some(text) => self.show_notice(Notice {
                id: NoticeId::SaveFailed,
                kind: NoticeKind::Error,
                text,
            }),
            None => self.dismiss(NoticeId::SaveFailed),
        }
    }

    /// Removes the notice `id`, if shown (only then are the banners redrawn).
    pub fn dismiss(&self, id: NoticeId) {
        if self
            .notices
            .with_untracked(|n| n.iter().any(|x| x.id == id))
        {
            self.notices.update(|n| n.retain(|x| x.id != id));
        }
    }
}

/// Asks the browser once (after the first edit) to keep this site's storage, and remembers the
/// answer so the data page can show it.
fn request_persistence_once(state: ProgressState) {
    if state.persisted.get_untracked().is_some() {
        return;
    }
    // Mark as asked before the answer arrives, so one edit burst asks once.
    state.persisted.set(Some(false));
    // Natively there is no browser to ask: the answer stays "not granted".
    #[cfg(target_arch = "wasm32")]
    crate::browser::request_persist(move |granted| state.persisted.set(Some(granted)));
}
