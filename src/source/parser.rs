//! Reading the source document (a tab-separated export of the task table) into a [`Dataset`].
//!
//! # Source format
//!
//! * The first non-blank line that does not start with a TAB is the title, e.g.
//!   `2022年青浦区乡村振兴重点任务清单（74项）`.
//! * A line starting with a TAB starts a new *cell*; the text after that one TAB is the cell's
//!   first line.
//! * A non-blank line that does not start with a TAB continues the previous cell on a new line
//!   (cells may span several lines). If it follows a blank line instead, it starts a new cell whose
//!   TAB is missing.
//! * A blank (empty or whitespace-only) line separates rows. Blank lines never belong to a cell's
//!   text: one that falls between two cells of the same row (the source has one, before the
//!   deadline of task 60) is a stray row break and is dropped, exactly like the final newline of a
//!   cell.
//! * The header row (the cells right after the title) names the columns; every later row has the
//!   same number of cells and must start after a blank line, which is how a missing or extra
//!   cell is caught.
//! * An empty category cell means "same category as the row above"; a row whose only non-empty
//!   cell is the category introduces that category without a task.
//!
//! # What is kept of a cell
//!
//! A cell's text is its lines exactly as written, joined with `\n`: only the delimiting TAB at the
//! start and the line terminators around the cell are removed (a `\r` before a `\n` counts as part
//! of the line terminator). Inner spaces, trailing spaces and line breaks are kept byte for byte, so
//! `requirements`, `lead_text`, `allocation_text` and `deadline_text` are the source cells
//! verbatim. Exceptions, where the field is derived rather than a copy:
//!
//! * `name`: the cell's lines are joined with no separator (the breaks only wrap the name).
//! * category `number`/`name`: the cell is trimmed and split after the closing parenthesis.
//! * numbers (`id`, `city_no`): the cell is trimmed and parsed.

use std::collections::HashMap;
use std::fmt;

use crate::domain::date::Date;
use crate::domain::lists::DISTRICT_SLUGS;
use crate::domain::task::{Category, Dataset, DatasetMeta, Task, DATASET_SCHEMA};

use super::allocation;
use super::units::{self, Names};

/// A problem in the source, with the 1-based line it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number in the source (0 when the problem is not tied to a line).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl ParseError {
    fn new(line: usize, message: impl Into<String>) -> Self {
        ParseError {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// One cell of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCell {
    /// Line the cell starts on (its TAB line).
    pub line: usize,
    /// The cell's text: its lines joined with `\n`, without the leading TAB.
    pub text: String,
    /// Whether one or more blank lines came right before the cell.
    pub after_blank: bool,
}

/// A row of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// Line the row's first cell starts on.
    pub line: usize,
    /// The cells, as many as the header has.
    pub cells: Vec<RawCell>,
}

/// The source split into title, header and rows, before any interpretation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDocument {
    /// The title line, trimmed.
    pub title: String,
    /// Line of the title.
    pub title_line: usize,
    /// The header row.
    pub header: RawRow,
    /// The data rows.
    pub rows: Vec<RawRow>,
}

/// Splits `text` into lines with their 1-based numbers; `\n` or `\r\n` end a line.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
}

/// The source split into cells (see the module docs), before they are grouped into rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceCells {
    /// The title line (its number, and its text trimmed), if there is one before the cells.
    pub title: Option<(usize, String)>,
    /// Further lines of text between the title and the first cell, which belong to no cell:
    /// their numbers and texts, trimmed.
    pub stray_lines: Vec<(usize, String)>,
    /// The cells in order, the header's first.
    pub cells: Vec<RawCell>,
}

/// Splits the source into its title and its cells (see the module docs for the rules).
pub fn source_cells(text: &str) -> SourceCells {
    let mut out = SourceCells::default();
    let mut blank_before = false;
    for (no, line) in lines(text) {
        if let Some(rest) = line.strip_prefix('\t') {
            out.cells.push(RawCell {
                line: no,
                text: rest.to_string(),
                after_blank: blank_before,
            });
            blank_before = false;
        } else if line.trim().is_empty() {
            blank_before = true;
        } else if let (false, Some(last)) = (blank_before, out.cells.last_mut()) {
            last.text.push('\n');
            last.text.push_str(line);
        } else if !out.cells.is_empty() {
            // After a blank line a new row begins: this is a cell whose TAB is missing.
            out.cells.push(RawCell {
                line: no,
                text: line.to_string(),
                after_blank: true,
            });
            blank_before = false;
        } else if out.title.is_none() {
            out.title = Some((no, line.trim().to_string()));
            blank_before = false;
        } else {
            out.stray_lines.push((no, line.trim().to_string()));
            blank_before = false;
        }
    }
    out
}

/// Splits the header off the cells: the first cell and those up to the next blank line.
pub fn split_header(cells: Vec<RawCell>) -> (Option<RawRow>, Vec<RawCell>) {
    let mut iter = cells.into_iter().peekable();
    let mut header_cells = Vec::new();
    while let Some(c) = iter.next_if(|c| header_cells.is_empty() || !c.after_blank) {
        header_cells.push(c);
    }
    let header = header_cells.first().map(|c| c.line).map(|line| RawRow {
        line,
        cells: header_cells,
    });
    (header, iter.collect())
}

/// Splits the source into title, header row and data rows (see the module docs for the rules).
pub fn read_document(text: &str) -> Result<RawDocument, ParseError> {
    let SourceCells {
        title,
        stray_lines,
        cells,
    } = source_cells(text);
    if let Some(&(no, _)) = stray_lines.first() {
        return Err(ParseError::new(
            no,
            "a second line of text before the header (expected TAB-started header cells)",
        ));
    }
    let (title_line, title) = title.ok_or_else(|| ParseError::new(1, "no title line"))?;
    let (header, rest) = split_header(cells);
    let header =
        header.ok_or_else(|| ParseError::new(title_line + 1, "no header row after the title"))?;
    let width = header.cells.len();
    let mut rows = Vec::new();
    for chunk in rest.chunks(width) {
        let first = &chunk[0];
        if !first.after_blank {
            return Err(ParseError::new(
                first.line,
                format!(
                    "a row should start here after a blank line: the row above has a missing or \
                     extra cell (rows have {width} cells)"
                ),
            ));
        }
        if chunk.len() != width {
            return Err(ParseError::new(
                first.line,
                format!("the last row has {} cells, expected {width}", chunk.len()),
            ));
        }
        rows.push(RawRow {
            line: first.line,
            cells: chunk.to_vec(),
        });
    }
    Ok(RawDocument {
        title,
        title_line,
        header,
        rows,
    })
}

/// The columns the source must have, by header text (line breaks and spaces in header cells
/// removed).
pub const COLUMNS: [&str; 8] = [
    "类别",
    "区级序号",
    "市级序号",
    "任务名称",
    "任务要求及举措",
    "区级牵头部门",
    "街镇任务量",
    "完成时间节点",
];

/// Index in the header row of each of [`COLUMNS`], in that order.
pub type Columns = [usize; 8];

/// A header cell's text as a column name: without line breaks and spaces (`完成时间\n节点` →
/// `完成时间节点`).
pub fn column_name(cell: &str) -> String {
    cell.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Index of each of [`COLUMNS`] in the header row, or the names of the columns it lacks.
pub fn find_columns(header: &RawRow) -> Result<Columns, Vec<&'static str>> {
    let names: Vec<String> = header.cells.iter().map(|c| column_name(&c.text)).collect();
    let mut idx = [0usize; 8];
    let mut missing = Vec::new();
    for (k, col) in COLUMNS.iter().enumerate() {
        match names.iter().position(|n| n == col) {
            Some(i) => idx[k] = i,
            None => missing.push(*col),
        }
    }
    if missing.is_empty() {
        Ok(idx)
    } else {
        Err(missing)
    }
}

/// How many of [`COLUMNS`] the cells name: what tells a header row from other rows.
pub fn column_count(cells: &[RawCell]) -> usize {
    let names: Vec<String> = cells.iter().map(|c| column_name(&c.text)).collect();
    COLUMNS
        .iter()
        .filter(|col| names.iter().any(|n| n == *col))
        .count()
}

fn column_indices(header: &RawRow) -> Result<Columns, ParseError> {
    find_columns(header).map_err(|missing| {
        let names: Vec<String> = header.cells.iter().map(|c| join_name(&c.text)).collect();
        ParseError::new(
            header.line,
            format!(
                "header has no column `{}` (found {names:?})",
                missing.first().copied().unwrap_or_default()
            ),
        )
    })
}

/// A name cell's lines joined with no separator: `完成国家\n卫生镇复审创建任务` →
/// `完成国家卫生镇复审创建任务`.
pub fn join_name(cell: &str) -> String {
    cell.split('\n').collect()
}

/// The parts of a title like `2022年青浦区乡村振兴重点任务清单（74项）`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleInfo {
    /// The title without the trailing count, e.g. `2022年青浦区乡村振兴重点任务清单`.
    pub title: String,
    /// The count in `（74项）`, if given.
    pub count: Option<usize>,
    /// The leading year.
    pub year: i32,
    /// The district: from after `年` up to and including the first `区`.
    pub district: String,
}

/// Why a title could not be read; `Display` gives the generator's English message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TitleError {
    /// The `（N项）` at the end does not hold a number.
    BadCount(String),
    /// The title does not start with a year like `2022年`.
    NoYear(String),
    /// The title names no district (`…区`).
    NoDistrict(String),
}

impl fmt::Display for TitleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TitleError::BadCount(inner) => write!(f, "bad task count `{inner}` in the title"),
            TitleError::NoYear(title) => {
                write!(
                    f,
                    "title `{title}` does not start with a year like `2022年`"
                )
            }
            TitleError::NoDistrict(title) => write!(f, "title `{title}` names no district (…区)"),
        }
    }
}

/// Reads year, district and task count out of the title line.
pub fn parse_title(line: &str) -> Result<TitleInfo, TitleError> {
    let t = line.trim();
    let mut title = t;
    let mut count = None;
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(body) = t.strip_suffix(close) {
            if let Some(p) = body.rfind(open) {
                let inner = &body[p + open.len_utf8()..];
                if let Some(n) = inner.strip_suffix('项') {
                    count = Some(
                        n.trim()
                            .parse::<usize>()
                            .map_err(|_| TitleError::BadCount(inner.to_string()))?,
                    );
                    title = t[..p].trim_end();
                }
            }
        }
    }
    let digits: String = title.chars().take_while(char::is_ascii_digit).collect();
    let after_year = title[digits.len()..]
        .strip_prefix('年')
        .filter(|_| digits.len() == 4)
        .ok_or_else(|| TitleError::NoYear(title.to_string()))?;
    let year: i32 = digits
        .parse()
        .map_err(|_| TitleError::NoYear(title.to_string()))?;
    let district = match after_year.find('区') {
        Some(p) => after_year[..p + '区'.len_utf8()].to_string(),
        None => return Err(TitleError::NoDistrict(title.to_string())),
    };
    Ok(TitleInfo {
        title: title.to_string(),
        count,
        year,
        district,
    })
}

/// URL-friendly slug of a district, for the dataset id (`青浦区` → `qingpu`). Unknown districts get
/// none and the id falls back to the content hash.
pub fn district_slug(district: &str) -> Option<&'static str> {
    DISTRICT_SLUGS
        .iter()
        .find(|(d, _)| *d == district)
        .map(|(_, s)| *s)
}

/// FNV-1a 64-bit hash of `bytes` as 16 lowercase hex digits.
pub fn fnv1a64_hex(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Value of a Chinese numeral from 一 to 九十九 (`十四` → 14).
pub fn chinese_numeral(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1)
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Splits a category cell like `(五)调优调整农业产业结构` (ASCII or full-width parentheses) into
/// id, number and name. Returns `None` if the cell is not of that form.
pub fn parse_category(cell: &str) -> Option<Category> {
    let t = cell.trim();
    let open = t.chars().next().filter(|c| *c == '(' || *c == '（')?;
    let body = &t[open.len_utf8()..];
    let close = body.find([')', '）'])?;
    let numeral = &body[..close];
    let close_len = body[close..].chars().next()?.len_utf8();
    let id = u8::try_from(chinese_numeral(numeral)?).ok()?;
    let number_len = open.len_utf8() + close + close_len;
    Some(Category {
        id,
        number: t[..number_len].to_string(),
        name: t[number_len..].trim().to_string(),
    })
}

/// Splits a lead cell into departments at `/`, `／` and `、`:
/// `区委组织部/区农业农村委` → `["区委组织部", "区农业农村委"]`.
pub fn split_leads(text: &str) -> Vec<String> {
    text.split(['/', '／', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn last_day_of_month(year: i32, month: u32) -> Option<Date> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    Date::from_ymd_opt(ny, nm, 1)?.add_days(-1)
}

/// The date a deadline text names, in `year` unless the text gives its own `YYYY年`.
///
/// | text | date |
/// |---|---|
/// | `N月底`, `N月末`, `N月份`, `N月`, `N月下旬` | last day of month N |
/// | `N月上旬` / `N月中旬` | the 10th / 20th of month N |
/// | `N月D日` | that day |
/// | `年底`, `年末`, `年内`, `全年` | 31 December |
/// | anything else (`持续推进`, `长期`, empty …) | `None` |
///
/// A trailing `前` (`10月底前`) is ignored. Only the 2022 source's `10月底`, `11月底` and `12月底`
/// occur in the deadline column; the other forms are for other lists.
pub fn parse_deadline(text: &str, year: i32) -> Option<Date> {
    let mut t = text.trim();
    t = t.strip_suffix('前').unwrap_or(t).trim_end();
    let mut year = year;
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        if let Some(rest) = t[4..].strip_prefix('年') {
            year = digits.parse().ok()?;
            t = rest;
        }
    }
    if matches!(t, "年底" | "年末" | "年内" | "全年") {
        return Date::from_ymd_opt(year, 12, 31);
    }
    let month_digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if month_digits.is_empty() || month_digits.len() > 2 {
        return None;
    }
    let month: u32 = month_digits.parse().ok()?;
    let rest = t[month_digits.len()..].strip_prefix('月')?;
    match rest {
        "底" | "末" | "份" | "" | "下旬" => last_day_of_month(year, month),
        "上旬" => Date::from_ymd_opt(year, month, 10),
        "中旬" => Date::from_ymd_opt(year, month, 20),
        _ => {
            let day_digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after = rest[day_digits.len()..].trim();
            if day_digits.is_empty() || !(after == "日" || after == "号") {
                return None;
            }
            Date::from_ymd_opt(year, month, day_digits.parse().ok()?)
        }
    }
}

/// What is wrong with one data row. [`parse_dataset`] stops at the first one and shows it in
/// English ([`fmt::Display`]); [`crate::source::list`] collects them all and shows them in
/// Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based line of the cell at fault (or of the row).
    pub line: usize,
    /// What is wrong.
    pub kind: RowProblemKind,
}

/// The kinds of [`RowProblem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblemKind {
    /// The row has fewer cells than the header needs.
    Cells {
        /// Cells in the row.
        found: usize,
        /// Cells the header has.
        expected: usize,
    },
    /// The category cell is not of the form `(五)name`.
    BadCategory(String),
    /// A category number seen before, with another name.
    CategoryRenamed {
        /// `(三)`.
        number: String,
        /// The name here.
        name: String,
        /// The name it had before.
        before: String,
    },
    /// A task row with no category of its own and none above it.
    NoCategory,
    /// A task row whose category would be the one above, on a row that could not be read (its
    /// line).
    CategoryUnreadable(usize),
    /// A number column (`区级序号` or `市级序号`) whose cell is not a number.
    NotANumber {
        /// The column's name.
        column: &'static str,
        /// The cell, trimmed.
        text: String,
    },
    /// A 区级序号 seen before (on `first_line`).
    DuplicateId {
        /// The 区级序号.
        id: u16,
        /// The line of its first row.
        first_line: usize,
    },
    /// A task with an empty name.
    NoName(u16),
}

impl fmt::Display for RowProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowProblemKind::Cells { found, expected } => {
                write!(f, "the row has {found} cells, expected {expected}")
            }
            RowProblemKind::BadCategory(text) => {
                write!(f, "category `{text}` is not of the form `(五)name`")
            }
            RowProblemKind::CategoryRenamed {
                number,
                name,
                before,
            } => write!(
                f,
                "category {number} is named `{name}` here but `{before}` before"
            ),
            RowProblemKind::NoCategory => f.write_str("the first task row has no category"),
            RowProblemKind::CategoryUnreadable(line) => {
                write!(f, "the category above (line {line}) could not be read")
            }
            RowProblemKind::NotANumber { column, text } => {
                write!(f, "{column} `{text}` is not a number")
            }
            RowProblemKind::DuplicateId { id, .. } => write!(f, "区级序号 {id} appears twice"),
            RowProblemKind::NoName(id) => write!(f, "task {id} has no name"),
        }
    }
}

impl From<RowProblem> for ParseError {
    fn from(p: RowProblem) -> Self {
        ParseError::new(p.line, p.kind.to_string())
    }
}

/// The category a row without its own belongs to: the one of the row above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Current {
    /// No category yet.
    None,
    /// This category.
    Category(u8),
    /// The row above that set the category could not be read (on this line).
    Unreadable(usize),
}

/// Reads data rows into categories and tasks one at a time, so that a caller can stop at the
/// first problem ([`parse_dataset`]) or skip the row and go on ([`crate::source::list`]). A row
/// with a problem adds no task, but its category (when readable) is the one the rows below
/// inherit.
#[derive(Debug, Clone)]
pub struct RowReader<'n> {
    year: i32,
    columns: Columns,
    names: &'n Names,
    current: Current,
    /// The categories read so far, in order of first appearance.
    pub categories: Vec<Category>,
    /// The tasks read so far, in row order.
    pub tasks: Vec<Task>,
    /// 区级序号 → line of the row that has it.
    id_lines: HashMap<u16, usize>,
}

impl<'n> RowReader<'n> {
    /// A reader for rows whose cells are in `columns`, dating deadlines in `year` and finding
    /// units by `names`.
    pub fn new(year: i32, columns: Columns, names: &'n Names) -> Self {
        RowReader {
            year,
            columns,
            names,
            current: Current::None,
            categories: Vec::new(),
            tasks: Vec::new(),
            id_lines: HashMap::new(),
        }
    }

    /// Notes a row the caller could not split into the header's cells: if it has something in
    /// the category column, the rows below that inherit their category cannot know it.
    pub fn skip(&mut self, row: &RawRow) {
        if row
            .cells
            .get(self.columns[0])
            .is_some_and(|c| !c.text.trim().is_empty())
        {
            self.current = Current::Unreadable(row.line);
        }
    }

    /// Reads one data row: a task, a category-only row, or an empty row (nothing).
    pub fn read(&mut self, row: &RawRow) -> Result<(), RowProblem> {
        let needed = self.columns.iter().max().map_or(0, |m| m + 1);
        if row.cells.len() < needed {
            return Err(RowProblem {
                line: row.line,
                kind: RowProblemKind::Cells {
                    found: row.cells.len(),
                    expected: needed,
                },
            });
        }
        let [c_cat, c_id, c_city, c_name, c_req, c_lead, c_alloc, c_deadline] = self.columns;
        let cell = |k: usize| &row.cells[k];
        let problem = |cell: &RawCell, kind| RowProblem {
            line: cell.line,
            kind,
        };
        let cat_cell = cell(c_cat);
        if !cat_cell.text.trim().is_empty() {
            let Some(cat) = parse_category(&cat_cell.text) else {
                self.current = Current::Unreadable(cat_cell.line);
                return Err(problem(
                    cat_cell,
                    RowProblemKind::BadCategory(cat_cell.text.trim().to_string()),
                ));
            };
            self.current = Current::Category(cat.id);
            match self.categories.iter().find(|c| c.id == cat.id) {
                Some(known) if known != &cat => {
                    return Err(problem(
                        cat_cell,
                        RowProblemKind::CategoryRenamed {
                            number: cat.number,
                            name: cat.name,
                            before: known.name.clone(),
                        },
                    ))
                }
                Some(_) => {}
                None => self.categories.push(cat),
            }
        }
        let task_cells = [c_id, c_city, c_name, c_req, c_lead, c_alloc, c_deadline];
        if task_cells.iter().all(|&k| cell(k).text.trim().is_empty()) {
            // A row with nothing but a category: it introduces the category, no task.
            return Ok(());
        }
        let category = match self.current {
            Current::Category(id) => id,
            Current::None => {
                return Err(RowProblem {
                    line: row.line,
                    kind: RowProblemKind::NoCategory,
                })
            }
            Current::Unreadable(line) => {
                return Err(problem(cat_cell, RowProblemKind::CategoryUnreadable(line)))
            }
        };
        let number = |k: usize, column: &'static str| {
            let c = cell(k);
            c.text.trim().parse::<u16>().map_err(|_| {
                problem(
                    c,
                    RowProblemKind::NotANumber {
                        column,
                        text: c.text.trim().to_string(),
                    },
                )
            })
        };
        let id = number(c_id, "区级序号")?;
        let city_no = number(c_city, "市级序号")?;
        if let Some(&first_line) = self.id_lines.get(&id) {
            return Err(problem(
                cell(c_id),
                RowProblemKind::DuplicateId { id, first_line },
            ));
        }
        let name = join_name(&cell(c_name).text);
        if name.trim().is_empty() {
            return Err(problem(cell(c_name), RowProblemKind::NoName(id)));
        }
        self.id_lines.insert(id, cell(c_id).line);
        let requirements = cell(c_req).text.clone();
        let lead_text = cell(c_lead).text.clone();
        let allocation_text = cell(c_alloc).text.clone();
        let deadline_text = cell(c_deadline).text.clone();
        let parsed =
            allocation::parse_allocation_with(&allocation_text, &name, &requirements, self.names);
        self.tasks.push(Task {
            id,
            city_no,
            category,
            leads: split_leads(&lead_text),
            deadline: parse_deadline(&deadline_text, self.year),
            name,
            requirements,
            lead_text,
            allocation_text,
            deadline_text,
            scope: parsed.scope,
            allocations: parsed.allocations,
        });
        Ok(())
    }
}

/// The dataset id: `qingpu-2022` for a district with a slug, else `list-<year>-<digest>` where
/// the digest is of the title and the tasks' cells, so the same list gets the same id whether it
/// was opened as the source document, pasted from a spreadsheet or saved as CSV.
fn dataset_id(info: &TitleInfo, categories: &[Category], tasks: &[Task]) -> String {
    if let Some(slug) = district_slug(&info.district) {
        return format!("{slug}-{}", info.year);
    }
    let mut canonical = info.title.clone();
    for c in categories {
        canonical.push_str(&format!("\u{1e}{}\u{1f}{}\u{1f}{}", c.id, c.number, c.name));
    }
    for t in tasks {
        canonical.push_str(&format!(
            "\u{1e}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            t.id,
            t.city_no,
            t.category,
            t.name,
            t.requirements,
            t.lead_text,
            t.allocation_text,
            t.deadline_text
        ));
    }
    format!(
        "list-{}-{}",
        info.year,
        &fnv1a64_hex(canonical.as_bytes())[..8]
    )
}

/// The dataset of a list read from `text` (the whole document as given, whose hash is recorded)
/// with the title `info`.
pub fn assemble_dataset(
    text: &str,
    source_file: &str,
    info: TitleInfo,
    categories: Vec<Category>,
    tasks: Vec<Task>,
) -> Dataset {
    Dataset {
        schema: DATASET_SCHEMA,
        meta: DatasetMeta {
            id: dataset_id(&info, &categories, &tasks),
            title: info.title,
            year: info.year,
            district: info.district,
            source_file: source_file.to_string(),
            content_hash: fnv1a64_hex(text.as_bytes()),
        },
        categories,
        units: units::all_units(),
        tasks,
    }
}

/// Parses the whole source into a [`Dataset`], stopping at the first problem. `source_file` is
/// recorded in the metadata. [`crate::source::list::read_list`] reads the same document (and
/// spreadsheet copies of it) collecting every problem instead.
pub fn parse_dataset(text: &str, source_file: &str) -> Result<Dataset, ParseError> {
    let doc = read_document(text)?;
    let info =
        parse_title(&doc.title).map_err(|e| ParseError::new(doc.title_line, e.to_string()))?;
    let columns = column_indices(&doc.header)?;
    let mut reader = RowReader::new(info.year, columns, &units::BUILT_IN);
    for row in &doc.rows {
        reader.read(row)?;
    }
    if let Some(n) = info.count {
        if n != reader.tasks.len() {
            return Err(ParseError::new(
                doc.title_line,
                format!(
                    "the title announces {n} tasks but the table has {}",
                    reader.tasks.len()
                ),
            ));
        }
    }
    Ok(assemble_dataset(
        text,
        source_file,
        info,
        reader.categories,
        reader.tasks,
    ))
}

/// Writes a dataset as JSON in a diff-friendly layout: one category, unit or task per line.
/// The result is ordinary JSON that deserialises back into the same [`Dataset`].
pub fn dataset_to_json(d: &Dataset) -> String {
    fn one<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_string(v).expect("dataset types always serialise")
    }
    fn array<T: serde::Serialize>(out: &mut String, key: &str, items: &[T], last: bool) {
        out.push_str(&format!("  \"{key}\": [\n"));
        for (i, item) in items.iter().enumerate() {
            out.push_str("    ");
            out.push_str(&one(item));
            out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
        }
        out.push_str(if last { "  ]\n" } else { "  ],\n" });
    }
    let mut out = String::from("{\n");
    out.push_str(&format!("  \"schema\": {},\n", d.schema));
    out.push_str(&format!("  \"meta\": {},\n", one(&d.meta)));
    array(&mut out, "categories", &d.categories, false);
    array(&mut out, "units", &d.units, false);
    array(&mut out, "tasks", &d.tasks, true);
    out.push_str("}\n");
    out
}

/// Parses the source and renders the embedded JSON (what `datagen` writes to
/// `src/data/qingpu-2022.json`).
pub fn generate_json(source: &str, file_name: &str) -> Result<String, ParseError> {
    Ok(dataset_to_json(&parse_dataset(source, file_name)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::from_ymd_opt(y, m, day)
    }

    #[test]
    fn deadlines() {
        assert_eq!(parse_deadline("10月底", 2022), d(2022, 10, 31));
        assert_eq!(parse_deadline("11月底", 2022), d(2022, 11, 30));
        assert_eq!(parse_deadline("12月底", 2022), d(2022, 12, 31));
        // The list's year dates the deadline: next year's list gives next year's dates.
        assert_eq!(parse_deadline("12月底", 2023), d(2023, 12, 31));
        assert_eq!(parse_deadline("6月底", 2023), d(2023, 6, 30));
        assert_eq!(parse_deadline("2月底", 2024), d(2024, 2, 29));
        assert_eq!(parse_deadline("2月底", 2022), d(2022, 2, 28));
        assert_eq!(parse_deadline(" 5月份 ", 2022), d(2022, 5, 31));
        assert_eq!(parse_deadline("9月", 2022), d(2022, 9, 30));
        assert_eq!(parse_deadline("7月底前", 2022), d(2022, 7, 31));
        assert_eq!(parse_deadline("6月中旬", 2022), d(2022, 6, 20));
        assert_eq!(parse_deadline("6月15日", 2022), d(2022, 6, 15));
        assert_eq!(parse_deadline("2023年3月底", 2022), d(2023, 3, 31));
        assert_eq!(parse_deadline("年底", 2022), d(2022, 12, 31));
        assert_eq!(parse_deadline("全年", 2022), d(2022, 12, 31));
        assert_eq!(parse_deadline("持续推进", 2022), None);
        assert_eq!(parse_deadline("", 2022), None);
        assert_eq!(parse_deadline("13月底", 2022), None);
        assert_eq!(parse_deadline("6月32日", 2022), None);
    }

    #[test]
    fn leads() {
        assert_eq!(
            split_leads("区委组织部/区农业农村委"),
            vec!["区委组织部", "区农业农村委"]
        );
        assert_eq!(
            split_leads("区农业农村委/区文旅局"),
            vec!["区农业农村委", "区文旅局"]
        );
        assert_eq!(split_leads("区建管委"), vec!["区建管委"]);
        assert_eq!(split_leads("甲、乙 ／ 丙"), vec!["甲", "乙", "丙"]);
        assert!(split_leads("").is_empty());
    }

    #[test]
    fn numerals_and_categories() {
        assert_eq!(chinese_numeral("一"), Some(1));
        assert_eq!(chinese_numeral("十"), Some(10));
        assert_eq!(chinese_numeral("十四"), Some(14));
        assert_eq!(chinese_numeral("二十"), Some(20));
        assert_eq!(chinese_numeral("二十三"), Some(23));
        assert_eq!(chinese_numeral("零"), None);
        assert_eq!(chinese_numeral(""), None);
        let c = parse_category("\n(十)深化农村综合帮扶").unwrap();
        assert_eq!(
            (c.id, c.number.as_str(), c.name.as_str()),
            (10, "(十)", "深化农村综合帮扶")
        );
        let c = parse_category("（十四）增强乡村振兴保障力度").unwrap();
        assert_eq!(
            (c.id, c.number.as_str(), c.name.as_str()),
            (14, "（十四）", "增强乡村振兴保障力度")
        );
        assert!(parse_category("十四 增强").is_none());
        assert!(parse_category("(甲)名").is_none());
    }

    #[test]
    fn title() {
        let t = parse_title(" 2022年青浦区乡村振兴重点任务清单（74项）").unwrap();
        assert_eq!(t.title, "2022年青浦区乡村振兴重点任务清单");
        assert_eq!(t.count, Some(74));
        assert_eq!(t.year, 2022);
        assert_eq!(t.district, "青浦区");
        let t = parse_title("2023年松江区重点任务清单").unwrap();
        assert_eq!(
            (t.count, t.year, t.district.as_str()),
            (None, 2023, "松江区")
        );
        assert!(parse_title("青浦区清单").is_err());
    }

    #[test]
    fn fnv_known_vectors() {
        // Reference values of FNV-1a 64.
        assert_eq!(fnv1a64_hex(b""), "cbf29ce484222325");
        assert_eq!(fnv1a64_hex(b"a"), "af63dc4c8601ec8c");
        assert_eq!(fnv1a64_hex(b"foobar"), "85944171f73967e8");
    }

    #[test]
    fn names_join_without_separator() {
        assert_eq!(
            join_name("完成国家\n卫生镇复审创建任务"),
            "完成国家卫生镇复审创建任务"
        );
        assert_eq!(
            join_name("推进农业\n生产作业\n信息精准报"),
            "推进农业生产作业信息精准报"
        );
    }
}
