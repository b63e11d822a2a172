//! Opening a task list a user has — next year's table pasted or opened on the tools page — with a
//! report of everything read and of every row that could not be.
//!
//! # Shapes
//!
//! [`read_list`] recognises three shapes by where it finds the header row (a row naming at
//! least three of the [`COLUMNS`](super::parser::COLUMNS)):
//!
//! * [`Shape::Tab`], copied from Excel or WPS: one row per line, cells separated by TABs. A cell
//!   holding a line break, a TAB or a quote is wrapped in `"`, with `""` for a quote inside it
//!   (RFC 4180 quoting, TAB-separated). A cell that opens with `"` but has no matching close is
//!   read as plain text up to the end of its line, with a warning.
//! * [`Shape::Comma`], a `.csv` saved from a spreadsheet: the same with commas.
//! * [`Shape::Source`], the district's own document (see [`crate::source::parser`]): a line
//!   starting with a TAB starts a cell, and rows are separated by blank lines. A blank line
//!   inside a row (the 2022 source has one) is recognised because the two parts only make one
//!   row together.
//!
//! A UTF-8 byte order mark is skipped and `\r\n` ends a line (also inside a quoted cell, whose
//! line breaks become `\n`). In every shape the title is the text above the header (in a
//! spreadsheet, a row whose only filled cell is the title; other lines there are ignored with a
//! warning); without one the file name is tried (`2023年青浦区乡村振兴重点任务清单.csv`), and
//! failing that the list is refused, since its year dates the deadlines. Empty rows are
//! skipped; an empty category cell means "the category above".
//!
//! # The report
//!
//! Rows are read one at a time by the generator's own [`RowReader`], so the source document
//! gives exactly the dataset `parse_dataset` gives. A row with a problem is left out and named
//! in [`ListReport::errors`] with its line (1-based, in the text as given) and what is wrong, in
//! Chinese; reading goes on with the next row. [`Refusal`] is for a text that is no task table at
//! all.
//!
//! Names in the 街镇任务量 cells that look like a unit's but are not one of the 12
//! ([`ListReport::unknown_units`]) can be mapped to a unit with [`UnitCorrections`] and
//! [`read_list_with`], which reads the text again with those names as aliases.

use std::collections::BTreeMap;
use std::fmt;

use crate::domain::date::Date;
use crate::domain::messages as msg;
use crate::domain::task::Dataset;

use super::allocation;
use super::parser::{
    assemble_dataset, column_count, find_columns, parse_title, source_cells, split_header, RawCell,
    RawRow, RowProblemKind, RowReader, SourceCells, TitleError, TitleInfo,
};
use super::units::{self, Names};

/// How the text was laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The district's source document: TAB-started cells, blank lines between rows.
    Source,
    /// Copied from a spreadsheet: TAB-separated rows, quoted cells.
    Tab,
    /// A CSV file: comma-separated rows, quoted cells.
    Comma,
}

/// A problem on a line of the text: 1-based line number and what is wrong, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIssue {
    /// 1-based line in the text as given.
    pub line: usize,
    /// What is wrong (without the line number).
    pub message: String,
}

impl fmt::Display for LineIssue {
    /// `第 37 行：这一行有 6 个单元格，应为 8 个`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&msg::list_at_line(self.line, &self.message))
    }
}

/// Why a text is not read as a task list at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong and what to do, in Chinese.
    pub message: String,
    /// The line at fault, when there is one (the header that lacks columns).
    pub line: Option<usize>,
}

impl Refusal {
    fn new(message: impl Into<String>) -> Self {
        Refusal {
            message: message.into(),
            line: None,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => f.write_str(&msg::list_at_line(line, &self.message)),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Refusal {}

/// Where the list's title (its year and district) came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TitleSource {
    /// The title line, at this line.
    Line(usize),
    /// The file name: the text has no title ([`TitleSource::note`] says so).
    FileName(String),
}

impl TitleSource {
    /// A note for the user when the title did not come from the text.
    pub fn note(&self) -> Option<String> {
        match self {
            TitleSource::Line(_) => None,
            TitleSource::FileName(name) => Some(msg::list_title_from_file(name)),
        }
    }
}

/// A category and how many tasks it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCount {
    /// The category's number as a value (`五` → 5).
    pub id: u8,
    /// `(五)`.
    pub number: String,
    /// The name after the number.
    pub name: String,
    /// Tasks read in it.
    pub tasks: usize,
}

/// One of the 12 units and how many tasks name it in their 街镇任务量.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitCount {
    /// The unit's id (`zhujiajiao`).
    pub unit: &'static str,
    /// Its full name (`朱家角镇`).
    pub name: &'static str,
    /// Tasks with an allocation to it.
    pub tasks: usize,
}

/// A name in the 街镇任务量 cells that looks like a unit's but is none of the 12 (nor a group
/// name nor a correction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownUnit {
    /// The name as written (`西岑镇`).
    pub name: String,
    /// The lines it occurs on, in order (a line once even if named twice on it).
    pub lines: Vec<usize>,
    /// The tasks (区级序号) whose cells name it.
    pub tasks: Vec<u16>,
}

/// How a task's 完成时间节点 was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRead {
    /// The task (区级序号).
    pub task: u16,
    /// The line of the deadline cell.
    pub line: usize,
    /// The cell as written.
    pub text: String,
    /// The date understood, in the list's year, if any.
    pub date: Option<Date>,
}

/// What [`read_list`] made of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct ListReport {
    /// The list, from the rows that were read (rows in [`ListReport::errors`] are left out).
    pub dataset: Dataset,
    /// How the text was laid out.
    pub shape: Shape,
    /// Where the title came from.
    pub title: TitleSource,
    /// The categories in order, with their task counts.
    pub categories: Vec<CategoryCount>,
    /// The 12 units in canonical order, with how many tasks name each.
    pub units: Vec<UnitCount>,
    /// Unit-like names that are not units, in order of first appearance.
    pub unknown_units: Vec<UnknownUnit>,
    /// Every task's deadline, in task order.
    pub deadlines: Vec<DeadlineRead>,
    /// Rows that were not read, by line.
    pub errors: Vec<LineIssue>,
    /// Things read but worth a look (a title count that differs, an unpaired quote, a stray
    /// line above the header), by line.
    pub warnings: Vec<LineIssue>,
}

impl ListReport {
    /// How many tasks were read.
    pub fn tasks_found(&self) -> usize {
        self.dataset.tasks.len()
    }

    /// The deadlines read as a date.
    pub fn deadlines_understood(&self) -> impl Iterator<Item = &DeadlineRead> {
        self.deadlines.iter().filter(|d| d.date.is_some())
    }

    /// The deadlines written but not read as a date (`持续推进`, `三季度`): those tasks have no
    /// deadline in the app. Empty deadline cells are neither.
    pub fn deadlines_not_understood(&self) -> impl Iterator<Item = &DeadlineRead> {
        self.deadlines
            .iter()
            .filter(|d| d.date.is_none() && !d.text.trim().is_empty())
    }

    /// Whether everything was read with nothing to check.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
            && self.warnings.is_empty()
            && self.unknown_units.is_empty()
            && self.deadlines_not_understood().next().is_none()
            && matches!(self.title, TitleSource::Line(_))
    }
}

/// A user's answers to [`ListReport::unknown_units`]: which unit each name stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitCorrections {
    map: BTreeMap<String, &'static str>,
}

impl UnitCorrections {
    /// No corrections.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads `name` as the unit `unit_id` from now on. Refused (with a Chinese message) when
    /// the unit is not one of the 12, or the name is empty or already a unit or group name.
    pub fn map(&mut self, name: &str, unit_id: &str) -> Result<(), String> {
        let name = name.trim();
        let def =
            units::unit_def(unit_id).ok_or_else(|| msg::list_correction_unknown_unit(unit_id))?;
        if name.is_empty() {
            return Err(msg::LIST_CORRECTION_EMPTY.to_string());
        }
        if units::lookup_names(name).is_some() {
            return Err(msg::list_correction_known_name(name));
        }
        self.map.insert(name.to_string(), def.id);
        Ok(())
    }

    /// Forgets the correction of `name`.
    pub fn remove(&mut self, name: &str) {
        self.map.remove(name.trim());
    }

    /// The corrections: name → unit id, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &'static str)> {
        self.map.iter().map(|(n, id)| (n.as_str(), *id))
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Reads a task list in any of the three [shapes](self#shapes). `file_name` is recorded in the
/// dataset and supplies the title when the text has none.
pub fn read_list(text: &str, file_name: &str) -> Result<ListReport, Refusal> {
    read_list_with(text, file_name, &UnitCorrections::new())
}

/// [`read_list`], reading the names in `corrections` as the units they are mapped to.
pub fn read_list_with(
    text: &str,
    file_name: &str,
    corrections: &UnitCorrections,
) -> Result<ListReport, Refusal> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(table) = find_table(body) else {
        return Err(refusal_without_header(body));
    };
    let columns = find_columns(&table.header).map_err(|missing| Refusal {
        message: msg::list_missing_columns(&missing),
        line: Some(table.header.line),
    })?;
    let mut warnings = table.warnings;
    let mut errors = Vec::new();
    let (info, title) = resolve_title(&table.preamble, file_name, &mut warnings)?;

    let names = Names::with_aliases(corrections.iter());
    let mut reader = RowReader::new(info.year, columns, &names);
    let [_, _, _, _, _, _, c_alloc, c_deadline] = columns;
    let mut deadlines = Vec::new();
    let mut unknown: Vec<UnknownUnit> = Vec::new();
    for (row, problem) in &table.rows {
        if let Some(issue) = problem {
            errors.push(issue.clone());
            reader.skip(row);
            continue;
        }
        let before = reader.tasks.len();
        if let Err(p) = reader.read(row) {
            errors.push(LineIssue {
                line: p.line,
                message: problem_zh(&p.kind, table.shape),
            });
            continue;
        }
        let Some(task) = reader.tasks.get(before) else {
            continue; // a category-only or empty row
        };
        let (Some(alloc), Some(deadline)) = (row.cells.get(c_alloc), row.cells.get(c_deadline))
        else {
            continue;
        };
        deadlines.push(DeadlineRead {
            task: task.id,
            line: deadline.line,
            text: deadline.text.clone(),
            date: task.deadline,
        });
        for (offset, name) in allocation::unit_like_names(&alloc.text, &names) {
            let line = alloc.line + alloc.text[..offset].matches('\n').count();
            note_unknown(&mut unknown, name, line, task.id);
        }
    }
    if let (TitleSource::Line(line), Some(n)) = (&title, info.count) {
        if n != reader.tasks.len() {
            warnings.push(LineIssue {
                line: *line,
                message: msg::list_count_differs(n, reader.tasks.len()),
            });
        }
    }
    errors.sort_by_key(|e| e.line);
    warnings.sort_by_key(|w| w.line);

    let dataset = assemble_dataset(text, file_name, info, reader.categories, reader.tasks);
    Ok(ListReport {
        categories: category_counts(&dataset),
        units: unit_counts(&dataset),
        dataset,
        shape: table.shape,
        title,
        unknown_units: unknown,
        deadlines,
        errors,
        warnings,
    })
}

fn category_counts(dataset: &Dataset) -> Vec<CategoryCount> {
    dataset
        .categories
        .iter()
        .map(|c| CategoryCount {
            id: c.id,
            number: c.number.clone(),
            name: c.name.clone(),
            tasks: dataset.tasks.iter().filter(|t| t.category == c.id).count(),
        })
        .collect()
}

fn unit_counts(dataset: &Dataset) -> Vec<UnitCount> {
    units::UNITS
        .iter()
        .map(|u| UnitCount {
            unit: u.id,
            name: u.name,
            tasks: dataset
                .tasks
                .iter()
                .filter(|t| t.allocations.iter().any(|a| a.unit == u.id))
                .count(),
        })
        .collect()
}

/// Adds a line and a task to the unknown name's entry (lines and tasks come in order).
fn note_unknown(unknown: &mut Vec<UnknownUnit>, name: &str, line: usize, task: u16) {
    let entry = match unknown.iter().position(|u| u.name == name) {
        Some(i) => &mut unknown[i],
        None => {
            unknown.push(UnknownUnit {
                name: name.to_string(),
                lines: Vec::new(),
                tasks: Vec::new(),
            });
            let last = unknown.len() - 1;
            &mut unknown[last]
        }
    };
    if entry.lines.last() != Some(&line) {
        entry.lines.push(line);
    }
    if entry.tasks.last() != Some(&task) {
        entry.tasks.push(task);
    }
}

/// A row problem in Chinese.
fn problem_zh(kind: &RowProblemKind, shape: Shape) -> String {
    match kind {
        RowProblemKind::Cells { found, expected } => match shape {
            Shape::Source => msg::list_source_row_cells(*found, *expected),
            Shape::Tab | Shape::Comma => msg::list_row_cells(*found, *expected),
        },
        RowProblemKind::BadCategory(text) => msg::list_bad_category(text),
        RowProblemKind::CategoryRenamed {
            number,
            name,
            before,
        } => msg::list_category_renamed(number, name, before),
        RowProblemKind::NoCategory => msg::LIST_NO_CATEGORY.to_string(),
        RowProblemKind::CategoryUnreadable(line) => msg::list_category_unreadable(*line),
        RowProblemKind::NotANumber { column, text } => msg::list_not_a_number(column, text),
        RowProblemKind::DuplicateId { id, first_line } => msg::list_duplicate_id(*id, *first_line),
        RowProblemKind::NoName(id) => msg::list_no_name(*id),
    }
}

/// Why a text without a header is refused: empty, binary, JSON, or just no table.
fn refusal_without_header(body: &str) -> Refusal {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return Refusal::new(msg::LIST_EMPTY);
    }
    let total = trimmed.chars().count();
    let odd = trimmed
        .chars()
        .filter(|c| *c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')))
        .count();
    if trimmed.contains('\0') || odd * 20 > total {
        return Refusal::new(msg::LIST_BINARY);
    }
    if trimmed.starts_with(['{', '[']) {
        return Refusal::new(msg::LIST_JSON);
    }
    Refusal::new(msg::LIST_NO_HEADER)
}

/// The title: the first line above the header that reads as one, else the file name. Other
/// lines above the header are warned about.
fn resolve_title(
    preamble: &[(usize, Option<String>)],
    file_name: &str,
    warnings: &mut Vec<LineIssue>,
) -> Result<(TitleInfo, TitleSource), Refusal> {
    let mut found = None;
    let mut first_error = None;
    for (line, candidate) in preamble {
        if found.is_none() {
            if let Some(text) = candidate {
                // A byte order mark inside the text (files pasted one after another) is no part
                // of the title.
                match parse_title(&text.replace('\u{feff}', "")) {
                    Ok(info) => {
                        found = Some((info, TitleSource::Line(*line)));
                        continue;
                    }
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
        }
        warnings.push(LineIssue {
            line: *line,
            message: msg::LIST_STRAY_LINE.to_string(),
        });
    }
    if let Some(found) = found {
        // Lines above the title were not the title either; they stay warned about.
        return Ok(found);
    }
    let stem = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    if let Ok(info) = parse_title(stem) {
        return Ok((info, TitleSource::FileName(file_name.to_string())));
    }
    Err(Refusal::new(match first_error {
        None => msg::LIST_NO_TITLE.to_string(),
        Some(TitleError::NoYear(t)) => msg::list_title_no_year(&t),
        Some(TitleError::NoDistrict(t)) => msg::list_title_no_district(&t),
        Some(TitleError::BadCount(c)) => msg::list_title_bad_count(&c),
    }))
}

/// The text cut into header and rows, before the rows are read.
struct Table {
    shape: Shape,
    /// Lines above the header: (line, the text if it could be the title).
    preamble: Vec<(usize, Option<String>)>,
    header: RawRow,
    /// The data rows in order, with the problem of those that do not have the header's width.
    rows: Vec<(RawRow, Option<LineIssue>)>,
    warnings: Vec<LineIssue>,
}

/// How many of the [`COLUMNS`](super::parser::COLUMNS) a row must name to be taken for the header.
const HEADER_MIN_COLUMNS: usize = 3;

/// The table in `text`, trying the spreadsheet shapes first: their header is one row naming
/// the columns, which the source shape never has (its header cells are one per line).
fn find_table(text: &str) -> Option<Table> {
    delimited_table(text, Shape::Tab)
        .or_else(|| delimited_table(text, Shape::Comma))
        .or_else(|| source_table(text))
}

/// A cell or row is empty when it has nothing but spaces.
fn is_blank(cell: &RawCell) -> bool {
    cell.text.trim().is_empty()
}

fn delimited_table(text: &str, shape: Shape) -> Option<Table> {
    let sep = if shape == Shape::Comma { b',' } else { b'\t' };
    let (records, quote_lines) = records(text, sep);
    let header_at = records
        .iter()
        .position(|r| column_count(&r.cells) >= HEADER_MIN_COLUMNS)?;
    let mut records = records.into_iter();
    let preamble = records
        .by_ref()
        .take(header_at)
        .filter(|r| !r.cells.iter().all(is_blank))
        .map(|r| {
            let mut filled = r.cells.iter().filter(|c| !is_blank(c));
            let only = match (filled.next(), filled.next()) {
                (Some(c), None) => Some(c.text.trim().to_string()),
                _ => None,
            };
            (r.line, only)
        })
        .collect();
    let mut header = records.next()?;
    while header.cells.len() > 1 && header.cells.last().is_some_and(is_blank) {
        header.cells.pop();
    }
    let width = header.cells.len();
    let mut rows = Vec::new();
    for mut r in records {
        if r.cells.iter().all(is_blank) {
            continue;
        }
        while r.cells.len() > width && r.cells.last().is_some_and(is_blank) {
            r.cells.pop();
        }
        let problem = (r.cells.len() != width).then(|| LineIssue {
            line: r.line,
            message: msg::list_row_cells(r.cells.len(), width),
        });
        rows.push((r, problem));
    }
    let warnings = quote_lines
        .into_iter()
        .map(|line| LineIssue {
            line,
            message: msg::LIST_UNCLOSED_QUOTE.to_string(),
        })
        .collect();
    Some(Table {
        shape,
        preamble,
        header,
        rows,
        warnings,
    })
}

/// Splits a delimited text into records of cells (quote-aware), and the lines of cells that
/// open a quote and never close it (read as plain text).
fn records(text: &str, sep: u8) -> (Vec<RawRow>, Vec<usize>) {
    let bytes = text.as_bytes();
    // An opening quote after the last quote of the text cannot close: no need to look (which
    // keeps a text with many stray quotes linear).
    let last_quote = text.rfind('"');
    let mut records = Vec::new();
    let mut unclosed = Vec::new();
    let mut cells: Vec<RawCell> = Vec::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut i = 0;
    loop {
        let cell_line = line;
        let mut cell = String::new();
        if bytes.get(i) == Some(&b'"') {
            let can_close = last_quote.is_some_and(|q| q > i);
            match can_close.then(|| quoted_cell(text, i + 1, sep)).flatten() {
                Some((content, end, breaks)) => {
                    cell = content;
                    i = end;
                    line += breaks;
                }
                None => unclosed.push(line),
            }
        }
        // Plain text up to the separator or the line's end (after a closing quote, whatever
        // stands before the separator is kept too).
        let end = bytes[i..]
            .iter()
            .position(|&b| b == sep || b == b'\n')
            .map_or(bytes.len(), |p| i + p);
        let plain = &text[i..end];
        let plain = if bytes.get(end) == Some(&b'\n') {
            plain.strip_suffix('\r').unwrap_or(plain)
        } else {
            plain
        };
        cell.push_str(plain);
        cells.push(RawCell {
            line: cell_line,
            text: cell,
            after_blank: false,
        });
        match bytes.get(end) {
            Some(&b) if b == sep => i = end + 1,
            Some(_) => {
                records.push(RawRow {
                    line: record_line,
                    cells: std::mem::take(&mut cells),
                });
                line += 1;
                record_line = line;
                i = end + 1;
            }
            None => {
                records.push(RawRow {
                    line: record_line,
                    cells,
                });
                return (records, unclosed);
            }
        }
    }
}

/// A quoted cell whose text starts at `start` (after the opening quote): its text (`""` → `"`,
/// `\r\n` → `\n`), the index after the closing quote and the line breaks inside. `None` when
/// the quote does not close before the end, or closes with something other than the
/// separator or the line's end right after it: then the quote was not an opening one.
fn quoted_cell(text: &str, start: usize, sep: u8) -> Option<(String, usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut breaks = 0;
    let mut from = start;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' if bytes.get(i + 1) == Some(&b'"') => {
                out.push_str(&text[from..=i]);
                i += 2;
                from = i;
            }
            b'"' => {
                let next = bytes.get(i + 1).copied();
                let at_end = match next {
                    None | Some(b'\n') => true,
                    Some(b'\r') => matches!(bytes.get(i + 2), None | Some(b'\n')),
                    Some(b) => b == sep,
                };
                if !at_end {
                    return None;
                }
                out.push_str(&text[from..i]);
                return Some((out, i + 1, breaks));
            }
            b'\n' => {
                breaks += 1;
                let chunk = &text[from..i];
                out.push_str(chunk.strip_suffix('\r').unwrap_or(chunk));
                out.push('\n');
                i += 1;
                from = i;
            }
            _ => i += 1,
        }
    }
    None
}

/// The source document's shape: cells from [`source_cells`], grouped into rows of the header's
/// width at blank lines. Parts of a row split by a stray blank line join when together they
/// make exactly one row; otherwise each part is reported.
fn source_table(text: &str) -> Option<Table> {
    let SourceCells {
        title,
        stray_lines,
        cells,
    } = source_cells(text);
    let (header, rest) = split_header(cells);
    let header = header.filter(|h| column_count(&h.cells) >= HEADER_MIN_COLUMNS)?;
    let width = header.cells.len();
    let mut preamble: Vec<(usize, Option<String>)> = Vec::new();
    if let Some((line, t)) = title {
        preamble.push((line, Some(t)));
    }
    preamble.extend(stray_lines.into_iter().map(|(line, t)| (line, Some(t))));
    let mut rows = Vec::new();
    let mut pending: Vec<RawCell> = Vec::new();
    let take = |pending: &mut Vec<RawCell>, rows: &mut Vec<(RawRow, Option<LineIssue>)>| {
        let cells = std::mem::take(pending);
        if let Some(line) = cells.first().map(|c| c.line) {
            let problem = (cells.len() != width).then(|| LineIssue {
                line,
                message: msg::list_source_row_cells(cells.len(), width),
            });
            rows.push((RawRow { line, cells }, problem));
        }
    };
    for part in blank_separated(rest) {
        if !pending.is_empty() && pending.len() + part.len() > width {
            take(&mut pending, &mut rows);
        }
        pending.extend(part);
        if pending.len() >= width {
            take(&mut pending, &mut rows);
        }
    }
    take(&mut pending, &mut rows);
    Some(Table {
        shape: Shape::Source,
        preamble,
        header,
        rows,
        warnings: Vec::new(),
    })
}

/// The cells cut into runs at each cell that follows a blank line.
fn blank_separated(cells: Vec<RawCell>) -> Vec<Vec<RawCell>> {
    let mut parts: Vec<Vec<RawCell>> = Vec::new();
    for c in cells {
        match parts.last_mut() {
            Some(part) if !c.after_blank => part.push(c),
            _ => parts.push(vec![c]),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str, sep: u8) -> Vec<Vec<(usize, String)>> {
        records(text, sep)
            .0
            .into_iter()
            .map(|r| r.cells.into_iter().map(|c| (c.line, c.text)).collect())
            .collect()
    }

    fn c(line: usize, text: &str) -> (usize, String) {
        (line, text.to_string())
    }

    #[test]
    fn quoted_cells_span_lines_and_escape_quotes() {
        let text = "a\t\"b\r\nc\"\"d\"\t\r\n\"\"\t\"e\"\"\"\n";
        assert_eq!(
            cells(text, b'\t'),
            vec![
                vec![c(1, "a"), c(1, "b\nc\"d"), c(2, "")],
                vec![c(3, ""), c(3, "e\"")],
                vec![c(4, "")],
            ]
        );
        assert_eq!(
            cells("x,\"1,5\",y", b','),
            vec![vec![c(1, "x"), c(1, "1,5"), c(1, "y")]]
        );
    }

    #[test]
    fn a_quote_that_does_not_close_is_text() {
        let (rows, unclosed) = records("\"a\tb\n\"c\"d\te\n", b'\t');
        let texts: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(texts, vec![vec!["\"a", "b"], vec!["\"c\"d", "e"], vec![""]]);
        assert_eq!(unclosed, vec![1, 2]);
    }

    #[test]
    fn many_stray_quotes_are_read_in_one_pass() {
        let line = "\"甲\t乙\t丙\t丁\t戊\t己\t庚\t辛\n";
        let text = line.repeat(20_000);
        let (rows, unclosed) = records(&text, b'\t');
        assert_eq!(rows.len(), 20_001);
        assert_eq!(unclosed.len(), 20_000);
    }

    #[test]
    fn source_rows_split_by_a_blank_line_join_when_they_make_one_row() {
        let head = "2030年青浦区测试清单\n\t类别\n\t区级序号\n\t市级序号\n\t任务名称\n\t任务要求及举措\n\t区级牵头部门\n\t街镇任务量\n\t完成时间节点\n";
        // 3 + 5 cells make a row; then 7 cells (bad), then 8.
        let text = format!(
            "{head}\n\t(一)甲\n\t1\n\t1\n\n\t名\n\t求\n\t区\n\t\n\t12月底\n\n\t\n\t2\n\t2\n\t名\n\t求\n\t区\n\t\n\n\t\n\t3\n\t3\n\t名\n\t求\n\t区\n\t\n\t12月底\n"
        );
        let table = source_table(&text).expect("a table");
        let rows: Vec<(usize, usize, bool)> = table
            .rows
            .iter()
            .map(|(r, p)| (r.line, r.cells.len(), p.is_some()))
            .collect();
        assert_eq!(rows, vec![(11, 8, false), (21, 7, true), (29, 8, false)]);
    }
}
