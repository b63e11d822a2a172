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

use std::collections::HashSet;
use std::fmt;

use crate::domain::date::Date;
use crate::domain::task::{Category, Dataset, DatasetMeta, Task, DATASET_SCHEMA};

use super::allocation;
use super::units;

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
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
}

/// Splits the source into title, header row and data rows (see the module docs for the rules).
pub fn read_document(text: &str) -> Result<RawDocument, ParseError> {
    let mut title: Option<(usize, String)> = None;
    let mut cells: Vec<RawCell> = Vec::new();
    let mut blank_before = false;
    for (no, line) in lines(text) {
        if let Some(rest) = line.strip_prefix('\t') {
            cells.push(RawCell {
                line: no,
                text: rest.to_string(),
                after_blank: blank_before,
            });
            blank_before = false;
        } else if line.trim().is_empty() {
            blank_before = true;
        } else if cells.is_empty() {
            if title.is_some() {
                return Err(ParseError::new(
                    no,
                    "a second line of text before the header (expected TAB-started header cells)",
                ));
            }
            title = Some((no, line.trim().to_string()));
            blank_before = false;
        } else if blank_before {
            // After a blank line a new row begins: this is a cell whose TAB is missing.
            cells.push(RawCell {
                line: no,
                text: line.to_string(),
                after_blank: true,
            });
            blank_before = false;
        } else {
            let last = cells.last_mut().expect("cells is not empty");
            last.text.push('\n');
            last.text.push_str(line);
        }
    }
    let (title_line, title) = title.ok_or_else(|| ParseError::new(1, "no title line"))?;
    let mut iter = cells.into_iter().peekable();
    let mut header_cells = Vec::new();
    while let Some(c) = iter.next_if(|c| header_cells.is_empty() || !c.after_blank) {
        header_cells.push(c);
    }
    let header_line = header_cells
        .first()
        .map(|c| c.line)
        .ok_or_else(|| ParseError::new(title_line + 1, "no header row after the title"))?;
    let width = header_cells.len();
    let header = RawRow {
        line: header_line,
        cells: header_cells,
    };
    let rest: Vec<RawCell> = iter.collect();
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

/// The columns the source must have, by header text (line breaks in header cells removed).
const COLUMNS: [&str; 8] = [
    "类别",
    "区级序号",
    "市级序号",
    "任务名称",
    "任务要求及举措",
    "区级牵头部门",
    "街镇任务量",
    "完成时间节点",
];

/// Index of each of [`COLUMNS`] in the header row.
fn column_indices(header: &RawRow) -> Result<[usize; 8], ParseError> {
    let names: Vec<String> = header.cells.iter().map(|c| join_name(&c.text)).collect();
    let mut idx = [0usize; 8];
    for (k, col) in COLUMNS.iter().enumerate() {
        idx[k] = names.iter().position(|n| n == col).ok_or_else(|| {
            ParseError::new(
                header.line,
                format!("header has no column `{col}` (found {names:?})"),
            )
        })?;
    }
    Ok(idx)
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

/// Reads year, district and task count out of the title line.
pub fn parse_title(line: &str) -> Result<TitleInfo, String> {
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
                            .map_err(|_| format!("bad task count `{inner}` in the title"))?,
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
        .ok_or_else(|| format!("title `{title}` does not start with a year like `2022年`"))?;
    let year: i32 = digits.parse().map_err(|_| "bad year".to_string())?;
    let district = match after_year.find('区') {
        Some(p) => after_year[..p + '区'.len_utf8()].to_string(),
        None => return Err(format!("title `{title}` names no district (…区)")),
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
    const SLUGS: &[(&str, &str)] = &[("青浦区", "qingpu")];
    SLUGS.iter().find(|(d, _)| *d == district).map(|(_, s)| *s)
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

fn parse_number_cell(cell: &RawCell, what: &str) -> Result<u16, ParseError> {
    cell.text.trim().parse::<u16>().map_err(|_| {
        ParseError::new(
            cell.line,
            format!("{what} `{}` is not a number", cell.text.trim()),
        )
    })
}

/// Parses the whole source into a [`Dataset`]. `source_file` is recorded in the metadata.
pub fn parse_dataset(text: &str, source_file: &str) -> Result<Dataset, ParseError> {
    let doc = read_document(text)?;
    let info = parse_title(&doc.title).map_err(|m| ParseError::new(doc.title_line, m))?;
    let content_hash = fnv1a64_hex(text.as_bytes());
    let id = match district_slug(&info.district) {
        Some(slug) => format!("{slug}-{}", info.year),
        None => format!("list-{}-{}", info.year, &content_hash[..8]),
    };
    let [c_cat, c_id, c_city, c_name, c_req, c_lead, c_alloc, c_deadline] =
        column_indices(&doc.header)?;

    let mut categories: Vec<Category> = Vec::new();
    let mut current: Option<u8> = None;
    let mut tasks: Vec<Task> = Vec::new();
    let mut seen_ids = HashSet::new();
    for row in &doc.rows {
        let cell = |k: usize| &row.cells[k];
        let cat_cell = cell(c_cat);
        if !cat_cell.text.trim().is_empty() {
            let cat = parse_category(&cat_cell.text).ok_or_else(|| {
                ParseError::new(
                    cat_cell.line,
                    format!(
                        "category `{}` is not of the form `(五)name`",
                        cat_cell.text.trim()
                    ),
                )
            })?;
            match categories.iter().find(|c| c.id == cat.id) {
                Some(known) if known != &cat => {
                    return Err(ParseError::new(
                        cat_cell.line,
                        format!(
                            "category {} is named `{}` here but `{}` before",
                            cat.number, cat.name, known.name
                        ),
                    ))
                }
                Some(_) => {}
                None => categories.push(cat.clone()),
            }
            current = Some(cat.id);
        }
        let task_cells = [c_id, c_city, c_name, c_req, c_lead, c_alloc, c_deadline];
        if task_cells.iter().all(|&k| cell(k).text.trim().is_empty()) {
            // A row with nothing but a category: it introduces the category, no task.
            continue;
        }
        let category = current
            .ok_or_else(|| ParseError::new(row.line, "the first task row has no category"))?;
        let id = parse_number_cell(cell(c_id), "区级序号")?;
        let city_no = parse_number_cell(cell(c_city), "市级序号")?;
        if !seen_ids.insert(id) {
            return Err(ParseError::new(
                cell(c_id).line,
                format!("区级序号 {id} appears twice"),
            ));
        }
        let name = join_name(&cell(c_name).text);
        if name.trim().is_empty() {
            return Err(ParseError::new(
                cell(c_name).line,
                format!("task {id} has no name"),
            ));
        }
        let requirements = cell(c_req).text.clone();
        let lead_text = cell(c_lead).text.clone();
        let allocation_text = cell(c_alloc).text.clone();
        let deadline_text = cell(c_deadline).text.clone();
        let parsed = allocation::parse_allocation(&allocation_text, &name, &requirements);
        tasks.push(Task {
            id,
            city_no,
            category,
            leads: split_leads(&lead_text),
            deadline: parse_deadline(&deadline_text, info.year),
            name,
            requirements,
            lead_text,
            allocation_text,
            deadline_text,
            scope: parsed.scope,
            allocations: parsed.allocations,
        });
    }
    if let Some(n) = info.count {
        if n != tasks.len() {
            return Err(ParseError::new(
                doc.title_line,
                format!(
                    "the title announces {n} tasks but the table has {}",
                    tasks.len()
                ),
            ));
        }
    }
    Ok(Dataset {
        schema: DATASET_SCHEMA,
        meta: DatasetMeta {
            id,
            title: info.title,
            year: info.year,
            district: info.district,
            source_file: source_file.to_string(),
            content_hash,
        },
        categories,
        units: units::all_units(),
        tasks,
    })
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
