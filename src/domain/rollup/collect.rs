//! Collecting many export files at once: per-file validation and counts, conflicts between the
//! files, and the combined document.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::import::{
    preview, validate_import, ImportDoc, ImportError, ImportPreview, ImportWarning,
};
use crate::domain::merge::merge;
use crate::domain::messages;
use crate::domain::progress::{Amount, Note, ProgressDoc, Record, RecordKey, Status};
use crate::domain::sort::sort_by;
use crate::domain::summary::unit_label;
use crate::domain::task::{Dataset, UnitKey};

/// The result of collecting a set of files: what each file holds, where files disagree, and the
/// document that applying them all would give. Nothing has been applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// One entry per input file, in input order (indices into this are used by [`Conflict`] and
    /// [`AcceptedFile::same_as`]).
    pub files: Vec<BatchFile>,
    /// Records that two or more accepted files hold in different versions, by task then unit.
    pub conflicts: Vec<Conflict>,
    /// The current document merged with every accepted file (the current document's identity,
    /// no export info). Does not depend on the order of the files or on repeated files.
    pub combined: ProgressDoc,
    /// What applying [`Batch::combined`] changes, counted against the current document over the
    /// union of all accepted files' records (a record in two files counts once; `unknown` counts
    /// distinct left-out keys).
    pub totals: ImportPreview,
}

/// One input file and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchFile {
    /// The file name as given.
    pub name: String,
    /// The validated file, or why it was refused (show [`ImportError::message_zh`]).
    pub outcome: Result<AcceptedFile, ImportError>,
}

/// A file that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptedFile {
    /// The unit keys the file covers: the exported unit (`export.unit`) if the file names one,
    /// then any other unit its records hold; dataset order, [`DISTRICT`] last, unknown keys after.
    pub units: Vec<String>,
    /// When the file was exported (ms since epoch; show with
    /// [`crate::domain::export::format_stamp`]); `None` for a file without export info.
    pub exported_at: Option<i64>,
    /// Its records against the current document, as a single import would count them.
    pub counts: ImportPreview,
    /// Non-fatal remarks (e.g. another version of the task list).
    pub warnings: Vec<ImportWarning>,
    /// Index of an earlier accepted file with exactly the same records, if any (the same file
    /// twice, or the same content under two names): harmless, it changes nothing more.
    pub same_as: Option<usize>,
    /// The validated content.
    pub import: ImportDoc,
}

/// A record that accepted files hold in different versions. The merged record (what
/// [`Batch::combined`] holds from the files) is [`Record::merged`](crate::domain::progress::Record::merged) of all versions: per field the
/// newer edit wins.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// 区级序号 of the task.
    pub task: u16,
    /// Unit key.
    pub unit: String,
    /// Every accepted file holding this record (indices into [`Batch::files`]), in input order.
    pub files: Vec<usize>,
    /// Whose version the merged record is.
    pub winner: Winner,
    /// The fields whose value differs between the versions, each with the files holding the
    /// value that wins.
    pub fields: Vec<FieldWinner>,
}

/// Whose version of a conflicting record wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Winner {
    /// This file's version is the newer one in every field that differs (the first such file, if
    /// identical copies exist).
    File(usize),
    /// No single file is newer in every field: the merged record takes fields from these files.
    Several(Vec<usize>),
}

/// One field of a record that differs between files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldWinner {
    /// Which field.
    pub field: RecordField,
    /// The files whose version holds the winning value (in input order).
    pub from: Vec<usize>,
}

/// A field of a [`Record`] as far as merging is concerned.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RecordField {
    /// The status (with its stamp).
    Status,
    /// The completed amount of this metric.
    Amount(String),
    /// The note with this id.
    Note(String),
}

/// Collects `files` (name, bytes) against the current document; see [`Batch::collect`].
pub fn collect(current: &ProgressDoc, dataset: &Dataset, files: &[(String, Vec<u8>)]) -> Batch {
    Batch::collect(current, dataset, files)
}

impl Batch {
    /// Validates every file as a single import would, counts each against `current`, finds the
    /// records the files disagree on, and merges everything accepted into `current` (a copy).
    pub fn collect(current: &ProgressDoc, dataset: &Dataset, files: &[(String, Vec<u8>)]) -> Batch {
        let mut out_files: Vec<BatchFile> = Vec::with_capacity(files.len());
        for (name, bytes) in files {
            let outcome = validate_import(bytes, dataset).map(|import| {
                let same_as = out_files.iter().position(|f| {
                    f.outcome
                        .as_ref()
                        .is_ok_and(|a| a.import.doc.records == import.doc.records)
                });
                AcceptedFile {
                    units: covered_units(dataset, &import.doc),
                    exported_at: import.doc.export.as_ref().map(|e| e.exported_at),
                    counts: preview(current, &import),
                    warnings: import.warnings.clone(),
                    same_as,
                    import,
                }
            });
            out_files.push(BatchFile {
                name: name.clone(),
                outcome,
            });
        }

        let accepted: Vec<(usize, &ImportDoc)> = out_files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.outcome.as_ref().ok().map(|a| (i, &a.import)))
            .collect();

        let mut combined = current.clone();
        combined.export = None;
        let mut incoming = ProgressDoc::new(&dataset.meta);
        let mut unknown: BTreeSet<RecordKey> = BTreeSet::new();
        for (_, import) in &accepted {
            combined = merge(&combined, &import.doc);
            incoming = merge(&incoming, &import.doc);
            unknown.extend(import.unknown.iter().cloned());
        }
        let totals = preview(
            current,
            &ImportDoc {
                doc: incoming,
                unknown: unknown.into_iter().collect(),
                warnings: Vec::new(),
            },
        );

        Batch {
            conflicts: conflicts(dataset, &accepted),
            files: out_files,
            combined,
            totals,
        }
    }

    /// The accepted files with their indices.
    pub fn accepted(&self) -> impl Iterator<Item = (usize, &AcceptedFile)> {
        self.files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.outcome.as_ref().ok().map(|a| (i, a)))
    }

    /// The refused files with their indices and reasons.
    pub fn refused(&self) -> impl Iterator<Item = (usize, &ImportError)> {
        self.files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.outcome.as_ref().err().map(|e| (i, e)))
    }

    /// Whether applying [`Batch::combined`] would change the current document.
    pub fn has_changes(&self) -> bool {
        self.totals.new + self.totals.updated > 0
    }

    /// The name of file `index` (empty if out of range).
    pub fn file_name(&self, index: usize) -> &str {
        self.files.get(index).map_or("", |f| f.name.as_str())
    }

    /// For a file that repeats an earlier one ([`AcceptedFile::same_as`]): “与“a.json”内容相同，
    /// 不会重复计入。”; `None` otherwise.
    pub fn same_as_message_zh(&self, file: usize) -> Option<String> {
        let earlier = self.files.get(file)?.outcome.as_ref().ok()?.same_as?;
        Some(messages::rollup_same_as(self.file_name(earlier)))
    }

    /// One line about a conflict, in Chinese, e.g. “第 9 号任务（朱家角镇）：a.json、b.json 中的
    /// 记录不同，采用较新的 b.json。”
    pub fn conflict_message_zh(&self, conflict: &Conflict, dataset: &Dataset) -> String {
        let names =
            |ids: &[usize]| -> Vec<&str> { ids.iter().map(|&i| self.file_name(i)).collect() };
        let unit = unit_label(dataset, &conflict.unit);
        match &conflict.winner {
            Winner::File(i) => messages::rollup_conflict_one(
                conflict.task,
                unit,
                &names(&conflict.files),
                self.file_name(*i),
            ),
            Winner::Several(ids) => messages::rollup_conflict_mixed(
                conflict.task,
                unit,
                &names(&conflict.files),
                &names(ids),
            ),
        }
    }
}

/// A unit's place in the dataset's order (after every unit for the district and unknown keys).
fn unit_rank(dataset: &Dataset, id: &str) -> usize {
    dataset
        .units
        .iter()
        .position(|u| u.id == id)
        .unwrap_or(dataset.units.len())
}

/// The unit keys a file covers, see [`AcceptedFile::units`].
fn covered_units(dataset: &Dataset, doc: &ProgressDoc) -> Vec<String> {
    let unit_order = |id: &str| unit_rank(dataset, id);
    let mut units: Vec<String> = Vec::new();
    for key in doc
        .export
        .as_ref()
        .and_then(|e| e.unit.as_deref())
        .into_iter()
        .chain(doc.records.iter().map(|r| r.unit.as_str()))
    {
        if !units.iter().any(|u| u == key) {
            units.push(key.to_string());
        }
    }
    // Dataset units in canonical order, then the district, then anything else by key.
    let rank =
        |u: &str| -> (usize, bool) { (unit_order(u), UnitKey::parse(u) != UnitKey::District) };
    sort_by(&mut units, &|a, b| {
        rank(a).cmp(&rank(b)).then_with(|| a.cmp(b))
    });
    units
}

/// Every record held by two or more accepted files in different versions.
fn conflicts(dataset: &Dataset, accepted: &[(usize, &ImportDoc)]) -> Vec<Conflict> {
    let unit_order = |id: &str| unit_rank(dataset, id);
    // (task, unit) → the files holding it, with their versions.
    let mut held: BTreeMap<(u16, &str), Vec<(usize, &Record)>> = BTreeMap::new();
    for (i, import) in accepted {
        for r in import.doc.records.iter() {
            held.entry((r.task, r.unit.as_str()))
                .or_default()
                .push((*i, r));
        }
    }
    let mut out = Vec::new();
    for ((task, unit), versions) in held {
        let Some(((_, first), rest)) = versions.split_first() else {
            continue;
        };
        if rest.iter().all(|(_, r)| r == first) {
            continue;
        }
        let merged = rest
            .iter()
            .fold((*first).clone(), |acc, (_, r)| acc.merged(r));
        let fields = differing_fields(&versions, &merged);
        let files: Vec<usize> = versions.iter().map(|(i, _)| *i).collect();
        let winner = match files
            .iter()
            .find(|i| fields.iter().all(|f| f.from.contains(i)))
        {
            Some(&i) => Winner::File(i),
            None => {
                let mut several: Vec<usize> = fields.iter().flat_map(|f| f.from.clone()).collect();
                several.sort_unstable();
                several.dedup();
                Winner::Several(several)
            }
        };
        out.push(Conflict {
            task,
            unit: unit.to_string(),
            files,
            winner,
            fields,
        });
    }
    sort_by(&mut out, &|a, b| {
        (a.task, unit_order(&a.unit), &a.unit).cmp(&(b.task, unit_order(&b.unit), &b.unit))
    });
    out
}

/// A field's value in one version, compared as a whole (stamps included).
#[derive(PartialEq)]
enum FieldValue<'r> {
    Status(Status, i64),
    Amount(Option<&'r Amount>),
    Note(Option<&'r Note>),
}

fn field_value<'r>(r: &'r Record, field: &RecordField) -> FieldValue<'r> {
    match field {
        RecordField::Status => FieldValue::Status(r.status, r.status_updated_at),
        RecordField::Amount(m) => FieldValue::Amount(r.amounts.get(m)),
        RecordField::Note(id) => FieldValue::Note(r.note(id)),
    }
}

/// The fields whose values are not the same in all `versions`, with the files whose version holds
/// the merged (winning) value.
fn differing_fields(versions: &[(usize, &Record)], merged: &Record) -> Vec<FieldWinner> {
    let mut fields: BTreeSet<RecordField> = BTreeSet::new();
    fields.insert(RecordField::Status);
    for (_, r) in versions {
        fields.extend(r.amounts.keys().cloned().map(RecordField::Amount));
        fields.extend(r.notes.iter().map(|n| RecordField::Note(n.id.clone())));
    }
    fields
        .into_iter()
        .filter(|f| {
            let first = versions.first().map(|(_, r)| field_value(r, f));
            versions
                .iter()
                .any(|(_, r)| Some(field_value(r, f)) != first)
        })
        .map(|field| {
            let wins = field_value(merged, &field);
            let from = versions
                .iter()
                .filter(|(_, r)| field_value(r, &field) == wins)
                .map(|(i, _)| *i)
                .collect();
            FieldWinner { field, from }
        })
        .collect()
}
