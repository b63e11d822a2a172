//! Exports: lossless JSON (the backup/transfer format), CSV for Excel and a plain-text brief
//! for a chat group.
//!
//! Times are shown in China Standard Time (UTC+8, no daylight saving): the app serves one
//! district in Shanghai, and a fixed offset keeps the domain free of any time-zone database.

use crate::domain::csv::write_csv;
use crate::domain::date::{Date, DateTime};
use crate::domain::messages;
use crate::domain::number::fixed;
use crate::domain::progress::{ExportInfo, ProgressDoc, Record};
use crate::domain::summary::{
    is_overdue, metric_progress, tasks_for_unit, unit_label, unit_summary, MetricProgress,
};
use crate::domain::task::{Dataset, Task, UnitKey};

/// UTC+8 in seconds.
const CHINA_OFFSET_SECS: i32 = 8 * 3600;

/// A timestamp (ms since epoch) as China Standard Time; `None` if out of [`Date`]'s range.
pub fn china_time(ms: i64) -> Option<DateTime> {
    DateTime::from_unix_ms(ms, CHINA_OFFSET_SECS)
}

/// The calendar date of a timestamp in China (e.g. for "today" or a file name).
pub fn china_date(ms: i64) -> Option<Date> {
    china_time(ms).map(|t| t.date)
}

/// `2022-11-28 14:03` in China time; empty for 0 (never) or out-of-range stamps.
pub fn format_stamp(ms: i64) -> String {
    if ms <= 0 {
        return String::new();
    }
    china_time(ms)
        .map(DateTime::format_minutes)
        .unwrap_or_default()
}

/// Why an export could not be produced.
#[derive(Debug)]
pub struct ExportError(String);

impl ExportError {
    /// What went wrong, in Chinese.
    pub fn message_zh(&self) -> String {
        format!("导出失败：{}", self.0)
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for ExportError {}

/// The document an export file holds: `doc` limited to one unit (or all with `None`), tagged
/// with [`ExportInfo`]. Everything else (stamps, tombstones, revision) is kept as is, so an
/// import of the file reproduces the records exactly.
pub fn export_doc(doc: &ProgressDoc, unit: Option<&str>, now_ms: i64) -> ProgressDoc {
    let mut out = doc.clone();
    if let Some(u) = unit {
        out.records.retain(|r| r.unit == u);
    }
    out.export = Some(ExportInfo {
        exported_at: now_ms,
        unit: unit.map(str::to_string),
    });
    out
}

/// The JSON export file text (pretty-printed so it can be read and diffed).
pub fn export_json(
    doc: &ProgressDoc,
    unit: Option<&str>,
    now_ms: i64,
) -> Result<String, ExportError> {
    serde_json::to_string_pretty(&export_doc(doc, unit, now_ms))
        .map_err(|_| ExportError(messages::EXPORT_SERIALIZE_FAILED.to_string()))
}

/// File name for an export: `清单进度-朱家角镇-2022-11-28.json`. `unit_full_name` is the unit's
/// full name, or `None` for all units (`全部`). Characters Windows forbids in names are replaced.
pub fn export_file_name(unit_full_name: Option<&str>, date: Date, extension: &str) -> String {
    let unit: String = unit_full_name
        .unwrap_or(messages::ALL_UNITS)
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!(
        "{}-{unit}-{}.{extension}",
        messages::EXPORT_FILE_PREFIX,
        date.to_iso()
    )
}

/// A number without needless decimals: `8`, `5.54`, `0.3333`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        fixed(v, 0)
    } else {
        let s = fixed(v, 4);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}

fn format_percent(p: Option<f64>) -> String {
    p.map(|p| format!("{}%", format_number((p * 10.0).round() / 10.0)))
        .unwrap_or_default()
}

/// The (task, unit) pairs an export covers, in task order then unit order: every pair where the
/// unit reports on the task, plus any pair that has a record anyway.
fn export_pairs<'a>(
    doc: &ProgressDoc,
    dataset: &'a Dataset,
    unit: Option<&str>,
) -> Vec<(&'a Task, String)> {
    let keys: Vec<UnitKey> = match unit {
        Some(u) => vec![UnitKey::parse(u)],
        None => dataset.unit_keys().collect(),
    };
    let mut pairs = Vec::new();
    for task in &dataset.tasks {
        for &key in &keys {
            if dataset.applies(task, key) || doc.record(task.id, key.as_str()).is_some() {
                pairs.push((task, key.as_str().to_string()));
            }
        }
    }
    // Records under unit keys the dataset does not know (kept, never hidden).
    if unit.is_none() {
        for r in doc.records.iter() {
            if !keys.contains(&UnitKey::parse(&r.unit)) {
                if let Some(task) = dataset.task(r.task) {
                    pairs.push((task, r.unit.clone()));
                }
            }
        }
    }
    pairs
}

/// Live notes as dated lines, oldest first: `2022-11-28 14:03 text`.
fn notes_cell(record: Option<&Record>) -> String {
    match record {
        None => String::new(),
        Some(r) => r
            .live_notes()
            .map(|n| format!("{} {}", format_stamp(n.created_at), n.text))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The CSV cells (header first, before guarding/quoting): one row per task and unit with
/// 区级序号, 任务名称, 单位, 状态, then for each metric 指标/目标/已完成/完成率, then 备注 and 更新时间.
/// Rows with fewer metrics leave the extra metric columns empty.
pub fn csv_rows(doc: &ProgressDoc, dataset: &Dataset, unit: Option<&str>) -> Vec<Vec<String>> {
    let pairs = export_pairs(doc, dataset, unit);
    let metrics: Vec<Vec<MetricProgress>> = pairs
        .iter()
        .map(|(task, u)| metric_progress(doc, task, u))
        .collect();
    let width = metrics.iter().map(Vec::len).max().unwrap_or(0).max(1);

    let mut header: Vec<String> = ["区级序号", "任务名称", "单位", "状态"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for i in 1..=width {
        header.push(format!("指标{i}"));
        header.push(format!("目标{i}"));
        header.push(format!("已完成{i}"));
        header.push(format!("完成率{i}"));
    }
    header.push("备注".into());
    header.push("更新时间".into());

    let mut rows = vec![header];
    for ((task, u), ms) in pairs.iter().zip(metrics) {
        let record = doc.record(task.id, u);
        let mut row = vec![
            task.id.to_string(),
            task.name.clone(),
            unit_label(dataset, u).to_string(),
            doc.status(task.id, u).label_zh().to_string(),
        ];
        for i in 0..width {
            match ms.get(i) {
                Some(m) => {
                    row.push(if m.measure.is_empty() {
                        m.metric.clone()
                    } else {
                        format!("{}（{}）", m.metric, m.measure)
                    });
                    row.push(m.target.map(format_number).unwrap_or_default());
                    row.push(m.completed.map(format_number).unwrap_or_default());
                    row.push(format_percent(m.percent));
                }
                None => row.extend(std::iter::repeat_n(String::new(), 4)),
            }
        }
        row.push(notes_cell(record));
        row.push(
            record
                .map(|r| format_stamp(r.updated_at))
                .unwrap_or_default(),
        );
        rows.push(row);
    }
    rows
}

/// The CSV file text for Excel (BOM, CRLF, quoted, formula-guarded).
pub fn export_csv(doc: &ProgressDoc, dataset: &Dataset, unit: Option<&str>) -> String {
    write_csv(&csv_rows(doc, dataset, unit))
}

/// A plain-text progress brief of one unit for a chat group:
///
/// ```text
/// 【朱家角镇】2022年青浦区乡村振兴重点任务清单 进度简报
/// 日期：2022-11-28
/// 已完成 3 / 共 20，逾期 2（推进中 5，存在困难 1，未开始 11）
///
/// 1. 【推进中】任务名称｜道路 5/8公里（62.5%）｜11-27 备注第一行
/// ```
pub fn unit_brief(doc: &ProgressDoc, dataset: &Dataset, unit: &str, today: Date) -> String {
    let name = unit_label(dataset, unit);
    let s = unit_summary(doc, dataset, unit, today);
    let mut out = format!(
        "【{name}】{} 进度简报\n日期：{}\n{}\n",
        dataset.meta.title,
        today.to_iso(),
        messages::brief_counts(
            s.done,
            s.total,
            s.overdue,
            s.in_progress,
            s.blocked,
            s.not_started
        )
    );
    for task in tasks_for_unit(dataset, UnitKey::parse(unit)) {
        let status = doc.status(task.id, unit);
        let mut label = status.label_zh().to_string();
        if is_overdue(task, status, today) {
            label.push_str(messages::OVERDUE_TAG);
        }
        let mut line = format!("\n{}. 【{label}】{}", task.id, one_line(&task.name, 80));
        let amounts: Vec<String> = metric_progress(doc, task, unit)
            .iter()
            .map(|m| {
                let done = m.completed.map(format_number).unwrap_or_else(|| "—".into());
                let target = m.target.map(format_number).unwrap_or_else(|| "—".into());
                let pct = m
                    .percent
                    .map(|p| format!("（{}）", format_percent(Some(p))))
                    .unwrap_or_default();
                format!("{} {done}/{target}{}{pct}", m.metric, m.measure)
            })
            .collect();
        if !amounts.is_empty() {
            line.push('｜');
            line.push_str(&amounts.join("，"));
        }
        if let Some(note) = doc.record(task.id, unit).and_then(Record::latest_note) {
            line.push('｜');
            if let Some(t) = china_time(note.created_at) {
                line.push_str(&t.format_month_day());
                line.push(' ');
            }
            line.push_str(&one_line(&note.text, 60));
        }
        out.push_str(&line);
    }
    out.push('\n');
    out
}

/// First line of a text, shortened, so one task stays one line in the brief.
fn one_line(text: &str, max_chars: usize) -> String {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let clipped = messages::clip(first.trim(), max_chars);
    if text.trim().lines().count() > 1 && !clipped.ends_with('…') {
        format!("{clipped}…")
    } else {
        clipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let d = Date::from_ymd_opt(2022, 11, 28).unwrap();
        assert_eq!(
            export_file_name(Some("朱家角镇"), d, "json"),
            "清单进度-朱家角镇-2022-11-28.json"
        );
        assert_eq!(
            export_file_name(None, d, "csv"),
            "清单进度-全部-2022-11-28.csv"
        );
        assert_eq!(
            export_file_name(Some("a/b"), d, "csv"),
            "清单进度-a_b-2022-11-28.csv"
        );
    }

    #[test]
    fn numbers_and_times() {
        assert_eq!(format_number(8.0), "8");
        assert_eq!(format_number(5.54), "5.54");
        assert_eq!(format_number(1.0 / 3.0), "0.3333");
        // 2022-11-28 00:30 in Shanghai is 2022-11-27 16:30 UTC.
        let ms = 1_669_566_600_000;
        assert_eq!(format_stamp(ms), "2022-11-28 00:30");
        assert_eq!(china_date(ms), Date::from_ymd_opt(2022, 11, 28));
        assert_eq!(format_stamp(0), "");
    }
}
