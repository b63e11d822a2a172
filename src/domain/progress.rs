//! Progress tracking: what each unit has done on each task.
//!
//! One [`Record`] per (task id, unit key). A record holds a [`Status`], the completed amount per
//! metric and dated [`Note`]s. Every field carries its own `updated_at` stamp so that two copies
//! of a document (two tabs, an imported file) can be merged field by field without losing an edit
//! (see [`Record::merged`]). Notes are never removed: deleting one sets a `deleted_at`
//! tombstone, which makes undo possible and keeps merges from resurrecting or losing notes.
//!
//! The domain never reads a clock or a random source: every operation takes `now_ms`
//! (milliseconds since the Unix epoch) from the caller.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::limits::{
    MAX_KEY_CHARS, MAX_NOTES_PER_RECORD, MAX_NOTE_CHARS, MAX_NOTE_ID_CHARS,
};
use crate::domain::messages;
use crate::domain::sort::sort_by;
use crate::domain::task::DatasetMeta;

/// App tag written into every stored or exported document, so foreign JSON is recognised.
pub const APP_TAG: &str = "qingdan";

/// The schema version this build writes. Documents of older versions are brought up to it by
/// [`crate::domain::schema::migrate`]; a newer one is read-only.
pub const CURRENT_SCHEMA: u32 = 1;

/// The unit key of the district level (区级) as records store it, beside the 12 unit slugs
/// (see [`crate::domain::task::UnitKey`]).
pub const DISTRICT: &str = crate::domain::task::DISTRICT_KEY;

/// How far a unit has got with a task.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 未开始
    #[default]
    NotStarted,
    /// 推进中
    InProgress,
    /// 已完成
    Done,
    /// 存在困难
    Blocked,
}

impl Status {
    /// All statuses in display order.
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Blocked,
    ];

    /// The Chinese label shown to users (未开始 / 推进中 / 已完成 / 存在困难).
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::NotStarted => messages::STATUS_NOT_STARTED,
            Status::InProgress => messages::STATUS_IN_PROGRESS,
            Status::Done => messages::STATUS_DONE,
            Status::Blocked => messages::STATUS_BLOCKED,
        }
    }
}

/// The completed amount of one metric, e.g. 道路 5 (公里).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The completed amount; `None` when the user cleared it (kept so the clearing merges too).
    pub value: Option<f64>,
    /// When it was last set (ms since epoch).
    pub updated_at: i64,
}

/// A dated note on a record. Deleted notes stay as tombstones (`deleted_at`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Unique id, made by [`note_id`]; notes are merged by it.
    pub id: String,
    /// When the note was written (ms since epoch); the date shown beside it.
    pub created_at: i64,
    /// When the note was last written, edited, deleted or restored.
    pub updated_at: i64,
    /// The text as the user typed it.
    pub text: String,
    /// Set when the note was deleted; cleared again by undo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<i64>,
}

impl Note {
    /// Whether the note is live (not deleted).
    pub fn is_live(&self) -> bool {
        self.deleted_at.is_none()
    }
}

/// The progress of one unit on one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// 区级序号 of the task.
    pub task: u16,
    /// Unit slug (e.g. `zhujiajiao`) or [`DISTRICT`].
    pub unit: String,
    /// Current status.
    #[serde(default)]
    pub status: Status,
    /// When the status was last set; 0 if never.
    #[serde(default)]
    pub status_updated_at: i64,
    /// Completed amounts keyed by metric name (the `metric` of the dataset's assignment).
    #[serde(default)]
    pub amounts: BTreeMap<String, Amount>,
    /// Notes in creation order, deleted ones included.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Latest stamp of anything in this record (the max of the field stamps).
    pub updated_at: i64,
}

impl Record {
    /// An empty record (status 未开始, nothing recorded).
    pub fn new(task: u16, unit: &str) -> Self {
        Record {
            task,
            unit: unit.to_string(),
            status: Status::NotStarted,
            status_updated_at: 0,
            amounts: BTreeMap::new(),
            notes: Vec::new(),
            updated_at: 0,
        }
    }

    /// The key of this record.
    pub fn key(&self) -> RecordKey {
        RecordKey {
            task: self.task,
            unit: self.unit.clone(),
        }
    }

    /// Notes that are not deleted, oldest first.
    pub fn live_notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| n.is_live())
    }

    /// The most recently written live note, if any.
    pub fn latest_note(&self) -> Option<&Note> {
        self.live_notes()
            .max_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)))
    }

    /// A note by id, deleted or not.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// The completed amount of a metric, if set.
    pub fn amount(&self, metric: &str) -> Option<f64> {
        self.amounts.get(metric).and_then(|a| a.value)
    }

    /// Restores the invariants a hand-edited or older file may break: notes sorted by
    /// (created_at, id), and `updated_at` at least every field stamp. Never drops data.
    pub fn normalize(&mut self) {
        sort_by(&mut self.notes, &|a, b| {
            (a.created_at, &a.id).cmp(&(b.created_at, &b.id))
        });
        let mut latest = self.updated_at.max(self.status_updated_at);
        for a in self.amounts.values() {
            latest = latest.max(a.updated_at);
        }
        for n in &self.notes {
            latest = latest.max(n.updated_at);
        }
        self.updated_at = latest;
    }

    fn touch(&mut self, stamp: i64) {
        self.updated_at = self.updated_at.max(stamp);
    }

    fn note_mut(&mut self, id: &str) -> Result<&mut Note, EditError> {
        self.notes
            .iter_mut()
            .find(|n| n.id == id)
            .ok_or(EditError::NoteNotFound)
    }

    /// This record merged with another version of it (same task and unit; `self`'s key is kept),
    /// field by field:
    /// - status: the one with the newer `status_updated_at` wins;
    /// - each metric amount: the one with the newer `updated_at` wins;
    /// - notes: matched by id; the version with the newer `updated_at` wins (so a later edit,
    ///   deletion or undo wins); notes present on one side only are kept. Nothing is ever
    ///   removed, tombstones included.
    ///
    /// Equal stamps with different values are broken by a fixed order on the values, so the
    /// result does not depend on argument order: `a.merged(b) == b.merged(a)` and
    /// `a.merged(a) == a`.
    pub fn merged(&self, other: &Record) -> Record {
        let (a, b) = (self, other);
        let mut out = a.clone();

        // Status: newer stamp wins; on a tie the greater status, so the result is symmetric.
        if (b.status_updated_at, b.status) > (a.status_updated_at, a.status) {
            out.status = b.status;
            out.status_updated_at = b.status_updated_at;
        }

        for (metric, theirs) in &b.amounts {
            match out.amounts.get(metric) {
                Some(ours) if !amount_newer(theirs, ours) => {}
                _ => {
                    out.amounts.insert(metric.clone(), *theirs);
                }
            }
        }

        for theirs in &b.notes {
            match out.notes.iter_mut().find(|n| n.id == theirs.id) {
                Some(ours) => {
                    if note_order(theirs, ours) == Ordering::Greater {
                        *ours = theirs.clone();
                    }
                }
                None => out.notes.push(theirs.clone()),
            }
        }

        out.updated_at = a.updated_at.max(b.updated_at);
        out.normalize();
        out
    }
}

fn amount_newer(theirs: &Amount, ours: &Amount) -> bool {
    match theirs.updated_at.cmp(&ours.updated_at) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => option_total_cmp(theirs.value, ours.value) == Ordering::Greater,
    }
}

fn option_total_cmp(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

/// Total order used to pick a note version: newer `updated_at` first, then fixed tie-breaks.
fn note_order(a: &Note, b: &Note) -> Ordering {
    (a.updated_at, a.deleted_at, &a.text, a.created_at).cmp(&(
        b.updated_at,
        b.deleted_at,
        &b.text,
        b.created_at,
    ))
}

/// Identifies a record: (task id, unit key).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKey {
    /// 区级序号 of the task.
    pub task: u16,
    /// Unit slug or [`DISTRICT`].
    pub unit: String,
}

/// The records of a document, at most one per key. Serialised as a JSON array of [`Record`]s
/// (JSON objects cannot have compound keys); duplicates in a file are merged on reading.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Records(BTreeMap<(u16, String), Record>);

impl Records {
    /// No records.
    pub fn new() -> Self {
        Records(BTreeMap::new())
    }

    /// The record for (task, unit), if any.
    pub fn get(&self, task: u16, unit: &str) -> Option<&Record> {
        self.0.get(&(task, unit.to_string()))
    }

    /// All records ordered by task id, then unit key.
    pub fn iter(&self) -> impl Iterator<Item = &Record> {
        self.0.values()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a record, merging it into an existing one with the same key (so nothing is lost).
    pub fn insert_merged(&mut self, record: Record) {
        let key = (record.task, record.unit.clone());
        match self.0.remove(&key) {
            Some(existing) => {
                self.0.insert(key, existing.merged(&record));
            }
            None => {
                self.0.insert(key, record);
            }
        }
    }

    /// Replaces the record with the same key outright (used by replace-all import).
    pub fn replace(&mut self, record: Record) {
        self.0.insert((record.task, record.unit.clone()), record);
    }

    /// Keeps only the records for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&Record) -> bool) {
        self.0.retain(|_, r| keep(r));
    }

    fn entry(&mut self, task: u16, unit: &str) -> &mut Record {
        self.0
            .entry((task, unit.to_string()))
            .or_insert_with(|| Record::new(task, unit))
    }

    fn get_mut(&mut self, task: u16, unit: &str) -> Option<&mut Record> {
        self.0.get_mut(&(task, unit.to_string()))
    }
}

impl Serialize for Records {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.values())
    }
}

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let list = Vec::<Record>::deserialize(deserializer)?;
        let mut records = Records::new();
        for mut r in list {
            r.normalize();
            records.insert_merged(r);
        }
        Ok(records)
    }
}

impl FromIterator<Record> for Records {
    fn from_iter<I: IntoIterator<Item = Record>>(iter: I) -> Self {
        let mut records = Records::new();
        for r in iter {
            records.insert_merged(r);
        }
        records
    }
}

/// Present in an exported file only: what was exported and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportInfo {
    /// When the file was made (ms since epoch).
    pub exported_at: i64,
    /// The one unit exported, or `None` for all units.
    #[serde(default)]
    pub unit: Option<String>,
}

/// The whole progress state: what is kept in localStorage and, with [`ExportInfo`], what an
/// export file holds. One format for both so there is one schema and one migration path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressDoc {
    /// Always [`APP_TAG`].
    pub app: String,
    /// Format version, see [`CURRENT_SCHEMA`].
    pub schema: u32,
    /// `DatasetMeta::id` of the task list the records refer to.
    pub dataset_id: String,
    /// `DatasetMeta::content_hash` of that list.
    pub dataset_hash: String,
    /// `DatasetMeta::title` of that list, so a file names the list it belongs to (absent in
    /// documents written before lists could be added).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dataset_title: String,
    /// Incremented on every save; lets a tab notice that another tab saved in between.
    #[serde(default)]
    pub revision: u64,
    /// When the document was last saved (ms since epoch); 0 if never.
    #[serde(default)]
    pub saved_at: i64,
    /// Set only in exported files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export: Option<ExportInfo>,
    /// The records.
    #[serde(default)]
    pub records: Records,
}

/// Why an edit was refused. The in-memory document is unchanged when an edit fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// A note must have some text.
    EmptyNote,
    /// The note is longer than [`MAX_NOTE_CHARS`].
    NoteTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// The record already has [`MAX_NOTES_PER_RECORD`] notes.
    TooManyNotes,
    /// No note with that id on the record.
    NoteNotFound,
    /// A deleted note cannot be edited (restore it first).
    NoteDeleted,
    /// The note is not deleted, so there is nothing to undo.
    NoteNotDeleted,
    /// A note with this id already exists (ids must be unique).
    NoteIdTaken,
    /// The note id is empty or longer than [`MAX_NOTE_ID_CHARS`].
    BadNoteId,
    /// Amounts must be finite numbers ≥ 0.
    InvalidAmount,
    /// The metric name is empty or too long.
    BadMetric,
    /// The unit key is empty or too long.
    BadUnit,
}

impl EditError {
    /// What went wrong, in Chinese, for the user.
    pub fn message_zh(&self) -> String {
        match self {
            EditError::EmptyNote => messages::NOTE_EMPTY.to_string(),
            EditError::NoteTooLong { chars } => messages::note_too_long(*chars),
            EditError::TooManyNotes => messages::too_many_notes(),
            EditError::NoteNotFound => messages::NOTE_NOT_FOUND.to_string(),
            EditError::NoteDeleted => messages::NOTE_IS_DELETED.to_string(),
            EditError::NoteNotDeleted => messages::NOTE_NOT_DELETED.to_string(),
            EditError::NoteIdTaken => messages::NOTE_ID_TAKEN.to_string(),
            EditError::BadNoteId => messages::NOTE_ID_BAD.to_string(),
            EditError::InvalidAmount => messages::AMOUNT_INVALID.to_string(),
            EditError::BadMetric => messages::METRIC_BAD.to_string(),
            EditError::BadUnit => messages::UNIT_BAD.to_string(),
        }
    }
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for EditError {}

/// A stamp for an edit that is certainly newer than the value it replaces, even if the
/// caller's clock went backwards; otherwise a merge could prefer the value the user replaced.
fn next_stamp(previous: i64, now_ms: i64) -> i64 {
    now_ms.max(previous.saturating_add(1))
}

/// Checks a note text against the limits; returns its length in characters.
pub fn check_note_text(text: &str) -> Result<(), EditError> {
    if text.trim().is_empty() {
        return Err(EditError::EmptyNote);
    }
    let chars = text.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(EditError::NoteTooLong { chars });
    }
    Ok(())
}

/// Checks a completed amount: finite and ≥ 0 (`None`, a cleared amount, is fine).
pub fn check_amount(value: Option<f64>) -> Result<(), EditError> {
    match value {
        Some(v) if !v.is_finite() || v < 0.0 => Err(EditError::InvalidAmount),
        _ => Ok(()),
    }
}

fn check_key(text: &str, err: EditError) -> Result<(), EditError> {
    if text.is_empty() || text.chars().count() > MAX_KEY_CHARS {
        Err(err)
    } else {
        Ok(())
    }
}

fn check_note_id(id: &str) -> Result<(), EditError> {
    if id.is_empty() || id.chars().count() > MAX_NOTE_ID_CHARS {
        Err(EditError::BadNoteId)
    } else {
        Ok(())
    }
}

/// Makes a note id from the caller's clock and randomness: `{now_ms in base 36}-{random in
/// base 36}`. Ids sort roughly by creation time; the random part keeps ids from two devices
/// distinct. Pure, so tests can pin it.
pub fn note_id(now_ms: i64, random: u64) -> String {
    format!(
        "{}-{}",
        to_base36(now_ms.max(0).unsigned_abs()),
        to_base36(random)
    )
}

fn to_base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        // `n % 36` is < 36, so the index is in bounds.
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    out.into_iter().map(char::from).collect()
}

impl ProgressDoc {
    /// An empty document for a dataset.
    pub fn new(meta: &DatasetMeta) -> Self {
        ProgressDoc {
            app: APP_TAG.to_string(),
            schema: CURRENT_SCHEMA,
            dataset_id: meta.id.clone(),
            dataset_hash: meta.content_hash.clone(),
            dataset_title: meta.title.clone(),
            revision: 0,
            saved_at: 0,
            export: None,
            records: Records::new(),
        }
    }

    /// The record for (task, unit), if anything was ever recorded.
    pub fn record(&self, task: u16, unit: &str) -> Option<&Record> {
        self.records.get(task, unit)
    }

    /// The status of (task, unit); 未开始 when nothing was recorded.
    pub fn status(&self, task: u16, unit: &str) -> Status {
        self.record(task, unit)
            .map(|r| r.status)
            .unwrap_or_default()
    }

    /// Sets the status.
    pub fn set_status(
        &mut self,
        task: u16,
        unit: &str,
        status: Status,
        now_ms: i64,
    ) -> Result<(), EditError> {
        check_key(unit, EditError::BadUnit)?;
        let r = self.records.entry(task, unit);
        let stamp = next_stamp(r.status_updated_at, now_ms);
        r.status = status;
        r.status_updated_at = stamp;
        r.touch(stamp);
        Ok(())
    }

    /// Sets (or with `None` clears) the completed amount of a metric.
    pub fn set_amount(
        &mut self,
        task: u16,
        unit: &str,
        metric: &str,
        value: Option<f64>,
        now_ms: i64,
    ) -> Result<(), EditError> {
        check_key(unit, EditError::BadUnit)?;
        check_key(metric, EditError::BadMetric)?;
        check_amount(value)?;
        let r = self.records.entry(task, unit);
        let previous = r.amounts.get(metric).map(|a| a.updated_at).unwrap_or(0);
        let stamp = next_stamp(previous, now_ms);
        r.amounts.insert(
            metric.to_string(),
            Amount {
                value,
                updated_at: stamp,
            },
        );
        r.touch(stamp);
        Ok(())
    }

    /// Adds a note with an id from [`note_id`].
    pub fn add_note(
        &mut self,
        task: u16,
        unit: &str,
        id: &str,
        text: &str,
        now_ms: i64,
    ) -> Result<(), EditError> {
        check_key(unit, EditError::BadUnit)?;
        check_note_id(id)?;
        check_note_text(text)?;
        if let Some(r) = self.records.get(task, unit) {
            if r.note(id).is_some() {
                return Err(EditError::NoteIdTaken);
            }
            if r.notes.len() >= MAX_NOTES_PER_RECORD {
                return Err(EditError::TooManyNotes);
            }
        }
        let r = self.records.entry(task, unit);
        r.notes.push(Note {
            id: id.to_string(),
            created_at: now_ms,
            updated_at: now_ms,
            text: text.to_string(),
            deleted_at: None,
        });
        r.normalize();
        r.touch(now_ms);
        Ok(())
    }

    /// Replaces the text of a live note.
    pub fn edit_note(
        &mut self,
        task: u16,
        unit: &str,
        id: &str,
        text: &str,
        now_ms: i64,
    ) -> Result<(), EditError> {
        check_note_text(text)?;
        self.change_note(task, unit, id, now_ms, |n, _| {
            if !n.is_live() {
                return Err(EditError::NoteDeleted);
            }
            n.text = text.to_string();
            Ok(true)
        })
    }

    /// Deletes a note by setting its tombstone; [`ProgressDoc::undo_delete`] restores it.
    pub fn delete_note(
        &mut self,
        task: u16,
        unit: &str,
        id: &str,
        now_ms: i64,
    ) -> Result<(), EditError> {
        self.change_note(task, unit, id, now_ms, |n, stamp| {
            if !n.is_live() {
                // Deleting twice changes nothing; not an error worth showing.
                return Ok(false);
            }
            n.deleted_at = Some(stamp);
            Ok(true)
        })
    }

    /// Restores a deleted note (its text was kept in the tombstone).
    pub fn undo_delete(
        &mut self,
        task: u16,
        unit: &str,
        id: &str,
        now_ms: i64,
    ) -> Result<(), EditError> {
        self.change_note(task, unit, id, now_ms, |n, _| {
            if n.is_live() {
                return Err(EditError::NoteNotDeleted);
            }
            n.deleted_at = None;
            Ok(true)
        })
    }

    /// Applies `change` to an existing note with the stamp this edit gets. When it returns
    /// `Ok(true)` the note and its record are stamped; `Ok(false)` means nothing changed.
    fn change_note(
        &mut self,
        task: u16,
        unit: &str,
        id: &str,
        now_ms: i64,
        change: impl FnOnce(&mut Note, i64) -> Result<bool, EditError>,
    ) -> Result<(), EditError> {
        let r = self
            .records
            .get_mut(task, unit)
            .ok_or(EditError::NoteNotFound)?;
        let n = r.note_mut(id)?;
        let stamp = next_stamp(n.updated_at, now_ms);
        if change(n, stamp)? {
            n.updated_at = stamp;
            r.touch(stamp);
        }
        Ok(())
    }

    /// The newest stamp in the document (0 if empty).
    pub fn latest_change(&self) -> i64 {
        self.records.iter().map(|r| r.updated_at).max().unwrap_or(0)
    }

    /// The oldest edit made after `since_ms` (e.g. the last export), if any: the export
    /// reminder counts from it. Looks at every field stamp, not just record stamps.
    pub fn oldest_change_after(&self, since_ms: Option<i64>) -> Option<i64> {
        let since = since_ms.unwrap_or(i64::MIN);
        let mut oldest: Option<i64> = None;
        let mut consider = |stamp: i64| {
            if stamp > since && stamp > 0 {
                oldest = Some(oldest.map_or(stamp, |o| o.min(stamp)));
            }
        };
        for r in self.records.iter() {
            consider(r.status_updated_at);
            for a in r.amounts.values() {
                consider(a.updated_at);
            }
            for n in &r.notes {
                consider(n.updated_at);
            }
        }
        oldest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn meta() -> DatasetMeta {
        DatasetMeta {
            id: "qingpu-2022".into(),
            title: "t".into(),
            year: 2022,
            district: "青浦区".into(),
            source_file: "s".into(),
            content_hash: "abc".into(),
        }
    }

    #[test]
    fn note_ids_are_base36_and_distinct() {
        assert_eq!(note_id(0, 0), "0-0");
        assert_eq!(note_id(36, 35), "10-z");
        assert_ne!(note_id(1_669_600_000_000, 1), note_id(1_669_600_000_000, 2));
    }

    #[test]
    fn edits_and_undo() {
        let mut d = ProgressDoc::new(&meta());
        d.set_status(3, "zhujiajiao", Status::InProgress, 100)
            .unwrap();
        d.set_amount(3, "zhujiajiao", "道路", Some(5.0), 110)
            .unwrap();
        d.add_note(3, "zhujiajiao", "a-1", "开工", 120).unwrap();
        assert_eq!(
            d.add_note(3, "zhujiajiao", "a-1", "x", 121),
            Err(EditError::NoteIdTaken)
        );
        d.edit_note(3, "zhujiajiao", "a-1", "已开工", 130).unwrap();
        d.delete_note(3, "zhujiajiao", "a-1", 140).unwrap();
        assert_eq!(d.record(3, "zhujiajiao").unwrap().live_notes().count(), 0);
        assert_eq!(
            d.edit_note(3, "zhujiajiao", "a-1", "y", 141),
            Err(EditError::NoteDeleted)
        );
        d.undo_delete(3, "zhujiajiao", "a-1", 150).unwrap();
        let r = d.record(3, "zhujiajiao").unwrap();
        assert_eq!(r.latest_note().unwrap().text, "已开工");
        assert_eq!(r.updated_at, 150);
        assert_eq!(r.amount("道路"), Some(5.0));
        assert_eq!(
            d.set_amount(3, "zhujiajiao", "道路", Some(f64::NAN), 1),
            Err(EditError::InvalidAmount)
        );
        assert_eq!(
            d.set_amount(3, "zhujiajiao", "道路", Some(-1.0), 1),
            Err(EditError::InvalidAmount)
        );
    }

    #[test]
    fn clock_going_backwards_still_supersedes() {
        let mut d = ProgressDoc::new(&meta());
        d.set_status(1, DISTRICT, Status::Done, 1000).unwrap();
        d.set_status(1, DISTRICT, Status::Blocked, 10).unwrap();
        let r = d.record(1, DISTRICT).unwrap();
        assert_eq!(r.status, Status::Blocked);
        assert_eq!(r.status_updated_at, 1001);
    }

    #[test]
    fn note_limits() {
        let mut d = ProgressDoc::new(&meta());
        let long = "字".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            d.add_note(1, DISTRICT, "x", &long, 1),
            Err(EditError::NoteTooLong {
                chars: MAX_NOTE_CHARS + 1
            })
        );
        assert_eq!(
            d.add_note(1, DISTRICT, "x", "  \n", 1),
            Err(EditError::EmptyNote)
        );
        for i in 0..MAX_NOTES_PER_RECORD {
            d.add_note(1, DISTRICT, &format!("n{i}"), "ok", 1).unwrap();
        }
        assert_eq!(
            d.add_note(1, DISTRICT, "more", "ok", 1),
            Err(EditError::TooManyNotes)
        );
        assert!(!EditError::TooManyNotes.message_zh().is_empty());
    }
}
