//! Importing a JSON export: validation (never panics, every rejection explained in Chinese),
//! and a preview of what a merge would change (the merge itself is [`crate::domain::merge`]).
//!
//! Dataset policy: a file from another task list (`dataset_id` differs) is refused. A file from
//! the same list with another `dataset_hash` (the source was re-parsed or corrected) is accepted
//! with [`ImportWarning::DatasetHashDiffers`]: records are keyed by 区级序号 and unit slug, which
//! stay stable across such corrections, and any task or unit the current list lacks is counted
//! as unknown and left out rather than failing the whole import.

use std::collections::HashSet;

use serde_json::Value;

use crate::domain::limits::{
    MAX_KEY_CHARS, MAX_NOTES_PER_RECORD, MAX_NOTE_CHARS, MAX_NOTE_ID_CHARS,
};
use crate::domain::lists::name_from_id;
use crate::domain::messages;
use crate::domain::progress::{check_amount, ProgressDoc, RecordKey};
use crate::domain::schema::{migrate, MigrateError};
use crate::domain::summary::unit_label;
use crate::domain::task::{Dataset, UnitKey};

/// Largest import file accepted (5 MB; a full year of notes is well under 1 MB).
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// A validated import, ready to preview and merge.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportDoc {
    /// The records for known tasks and units, migrated to the current schema.
    pub doc: ProgressDoc,
    /// Records left out because their task id or unit key is not in the current dataset.
    pub unknown: Vec<RecordKey>,
    /// Things the user should know but that do not stop the import.
    pub warnings: Vec<ImportWarning>,
}

/// A non-fatal remark about an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportWarning {
    /// Same list, different source version (see the module docs).
    DatasetHashDiffers {
        /// Hash in the file.
        file_hash: String,
        /// Hash of the app's dataset.
        app_hash: String,
    },
}

impl ImportWarning {
    /// The warning, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            ImportWarning::DatasetHashDiffers { .. } => messages::import_hash_differs(),
        }
    }
}

/// Why a file cannot be imported. Nothing is changed when an import is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Zero bytes (or only whitespace).
    Empty,
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge {
        /// Size of the file.
        bytes: usize,
    },
    /// Not UTF-8 text.
    NotUtf8,
    /// The JSON ends early (truncated file).
    Truncated {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Nested deeper than the JSON reader allows.
    TooDeep,
    /// Not valid JSON.
    BadJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Valid JSON, but not a readable progress document (see [`MigrateError`]).
    Document(MigrateError),
    /// From another task list.
    OtherDataset {
        /// The list the file was made for: its title and id (`“2023年…清单”（qingpu-2023）`).
        file_list: String,
        /// The list open in the app, the same way.
        app_list: String,
    },
    /// A note longer than [`MAX_NOTE_CHARS`].
    NoteTooLong {
        /// Task id.
        task: u16,
        /// Unit full name (key if unknown).
        unit: String,
        /// Length in characters.
        chars: usize,
    },
    /// A note with no text.
    EmptyNote {
        /// Task id.
        task: u16,
        /// Unit full name (key if unknown).
        unit: String,
    },
    /// More than [`MAX_NOTES_PER_RECORD`] notes on a record.
    TooManyNotes {
        /// Task id.
        task: u16,
        /// Unit full name (key if unknown).
        unit: String,
        /// Number of notes.
        count: usize,
    },
    /// Two notes of one record share an id.
    DuplicateNoteId {
        /// Task id.
        task: u16,
        /// Unit full name (key if unknown).
        unit: String,
    },
    /// An amount that is negative (non-finite values cannot occur in JSON).
    BadAmount {
        /// Task id.
        task: u16,
        /// Unit full name (key if unknown).
        unit: String,
        /// Metric name.
        metric: String,
    },
    /// An empty or over-long unit key, metric name or note id.
    BadKey {
        /// Task id.
        task: u16,
        /// Unit full name (key if unknown).
        unit: String,
        /// Which field, in Chinese (单位标识 / 指标名称 / 备注编号).
        what_zh: &'static str,
    },
}

impl ImportError {
    /// Exactly what is wrong, in Chinese, for the user.
    pub fn message_zh(&self) -> String {
        match self {
            ImportError::Empty => messages::IMPORT_EMPTY.to_string(),
            ImportError::TooLarge { bytes } => messages::import_too_large(*bytes, MAX_IMPORT_BYTES),
            ImportError::NotUtf8 => messages::IMPORT_NOT_UTF8.to_string(),
            ImportError::Truncated { line, column } => messages::import_truncated(*line, *column),
            ImportError::TooDeep => messages::IMPORT_TOO_DEEP.to_string(),
            ImportError::BadJson { line, column } => messages::import_bad_json(*line, *column),
            ImportError::Document(e) => e.message_zh(),
            ImportError::OtherDataset {
                file_list,
                app_list,
            } => messages::import_other_dataset(file_list, app_list),
            ImportError::NoteTooLong { task, unit, chars } => {
                messages::import_note_too_long(*task, unit, *chars)
            }
            ImportError::EmptyNote { task, unit } => messages::import_empty_note(*task, unit),
            ImportError::TooManyNotes { task, unit, count } => {
                messages::import_too_many_notes(*task, unit, *count)
            }
            ImportError::DuplicateNoteId { task, unit } => {
                messages::import_duplicate_note(*task, unit)
            }
            ImportError::BadAmount { task, unit, metric } => {
                messages::import_bad_amount(*task, unit, metric)
            }
            ImportError::BadKey {
                task,
                unit,
                what_zh,
            } => messages::import_bad_key(*task, unit, what_zh),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for ImportError {}

/// Validates an import file against the app's dataset. Checks, in order: size, UTF-8, JSON,
/// app tag, schema (a newer one gets its own error), dataset, field limits; then leaves out
/// (and counts) records of unknown tasks or units. Never panics.
pub fn validate_import(
    input: impl AsRef<[u8]>,
    dataset: &Dataset,
) -> Result<ImportDoc, ImportError> {
    let bytes = input.as_ref();
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    // Editors on Windows may add a BOM when a user opens and saves the file.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(json_error)?;
    let doc = migrate(value).map_err(ImportError::Document)?;

    if doc.dataset_id != dataset.meta.id {
        return Err(ImportError::OtherDataset {
            file_list: list_name(&doc.dataset_title, &doc.dataset_id),
            app_list: list_name(&dataset.meta.title, &dataset.meta.id),
        });
    }
    let mut warnings = Vec::new();
    if doc.dataset_hash != dataset.meta.content_hash {
        warnings.push(ImportWarning::DatasetHashDiffers {
            file_hash: doc.dataset_hash.clone(),
            app_hash: dataset.meta.content_hash.clone(),
        });
    }

    check_limits(&doc, dataset)?;

    let mut doc = doc;
    let mut unknown = Vec::new();
    doc.records.retain(|r| {
        let known = dataset.task(r.task).is_some() && dataset.is_known(UnitKey::parse(&r.unit));
        if !known {
            unknown.push(r.key());
        }
        known
    });
    Ok(ImportDoc {
        doc,
        unknown,
        warnings,
    })
}

fn json_error(e: serde_json::Error) -> ImportError {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        Category::Eof => ImportError::Truncated { line, column },
        _ if e.to_string().contains("recursion limit") => ImportError::TooDeep,
        _ => ImportError::BadJson { line, column },
    }
}

fn too_long(s: &str, max: usize) -> bool {
    s.is_empty() || s.chars().count() > max
}

/// The same limits the editing operations enforce, so an import cannot hold anything the app
/// itself could not have written.
fn check_limits(doc: &ProgressDoc, dataset: &Dataset) -> Result<(), ImportError> {
    for r in doc.records.iter() {
        // Name the unit as users know it (朱家角镇), falling back to the key.
        let unit = unit_label(dataset, &r.unit).to_string();
        let task = r.task;
        if too_long(&r.unit, MAX_KEY_CHARS) {
            return Err(ImportError::BadKey {
                task,
                unit,
                what_zh: "单位标识",
            });
        }
        for (metric, amount) in &r.amounts {
            if too_long(metric, MAX_KEY_CHARS) {
                return Err(ImportError::BadKey {
                    task,
                    unit,
                    what_zh: "指标名称",
                });
            }
            if check_amount(amount.value).is_err() {
                return Err(ImportError::BadAmount {
                    task,
                    unit,
                    metric: metric.clone(),
                });
            }
        }
        if r.notes.len() > MAX_NOTES_PER_RECORD {
            return Err(ImportError::TooManyNotes {
                task,
                unit,
                count: r.notes.len(),
            });
        }
        let mut ids = HashSet::new();
        for n in &r.notes {
            if too_long(&n.id, MAX_NOTE_ID_CHARS) {
                return Err(ImportError::BadKey {
                    task,
                    unit,
                    what_zh: "备注编号",
                });
            }
            if !ids.insert(n.id.as_str()) {
                return Err(ImportError::DuplicateNoteId { task, unit });
            }
            if n.text.trim().is_empty() {
                return Err(ImportError::EmptyNote { task, unit });
            }
            let chars = n.text.chars().count();
            if chars > MAX_NOTE_CHARS {
                return Err(ImportError::NoteTooLong { task, unit, chars });
            }
        }
    }
    Ok(())
}

/// What merging an import would do, per record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportPreview {
    /// Records the current document does not have.
    pub new: usize,
    /// Records where the file has something newer (status, an amount or a note).
    pub updated: usize,
    /// Records where the file differs but everything in it is older: nothing would change.
    pub older_skipped: usize,
    /// Records identical in both.
    pub unchanged: usize,
    /// Records left out for unknown task ids or unit keys.
    pub unknown: usize,
}

/// Counts what [`crate::domain::merge::merge`] of `incoming` into `current` would change.
pub fn preview(current: &ProgressDoc, incoming: &ImportDoc) -> ImportPreview {
    let mut p = ImportPreview {
        unknown: incoming.unknown.len(),
        ..ImportPreview::default()
    };
    for theirs in incoming.doc.records.iter() {
        match current.record(theirs.task, &theirs.unit) {
            None => p.new += 1,
            Some(ours) if ours == theirs => p.unchanged += 1,
            Some(ours) => {
                if ours.merged(theirs) == *ours {
                    p.older_skipped += 1;
                } else {
                    p.updated += 1;
                }
            }
        }
    }
    p
}

/// A list named for a message: `“title”（id）`, or the name its id gives when the title is unknown
/// (a file or link written before lists could be added, or a link, which carries only the id).
pub fn list_name(title: &str, id: &str) -> String {
    if title.is_empty() {
        messages::quoted_list(&name_from_id(id), id)
    } else {
        messages::quoted_list(title, id)
    }
}
