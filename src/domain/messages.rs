//! Every text the pure domain produces, in Simplified Chinese, in one place so the wording
//! stays consistent: errors, briefs, CSV/xlsx headers, and the labels of domain values (task
//! status, deadline lights, scope, sort order, month facet). The domain must not depend on the
//! UI, so these live here and the UI uses them from here.
//!
//! The split with [`crate::text`]: that module holds the UI's own words (buttons, headings,
//! hints, and the messages of the UI's browser and data-loading plumbing) and nothing the
//! domain also says. Each text exists in exactly one of the two modules.
//!
//! The reader of task lists (`crate::source::list`, which builds on the domain) says its
//! texts through here too (the "Opening a task list" section): they are data texts shown by
//! the UI like the import's, and a third place for text would break the one-place rule.

use crate::domain::limits::{MAX_NOTES_PER_RECORD, MAX_NOTE_CHARS};

// Status labels.
/// 未开始
pub const STATUS_NOT_STARTED: &str = "未开始";
/// 推进中
pub const STATUS_IN_PROGRESS: &str = "推进中";
/// 已完成
pub const STATUS_DONE: &str = "已完成";
/// 存在困难
pub const STATUS_BLOCKED: &str = "存在困难";

// Deadline lights and phrases (see `domain::deadline`).
/// Light: deadline not near.
pub const LIGHT_GREEN: &str = "正常";
/// Light: deadline near.
pub const LIGHT_YELLOW: &str = "临近";
/// Light and month facet: no date.
pub const NO_DATE: &str = "无日期";
/// Phrase: the task has no deadline.
pub const NO_DEADLINE: &str = "无截止日期";
/// Phrase: due today.
pub const DUE_TODAY: &str = "今天到期";
/// Phrase: days left before the deadline.
pub fn days_left(n: i64) -> String {
    format!("还剩 {n} 天")
}
/// Phrase: days past the deadline.
pub fn days_overdue(n: i64) -> String {
    format!("已逾期 {n} 天")
}

// Query facets (see `domain::query`).
/// Scope: all 11 towns.
pub const SCOPE_ALL_TOWNS: &str = "11个街镇";
/// Scope: all 11 towns and the park.
pub const SCOPE_ALL_TOWNS_AND_PARK: &str = "11个街镇及现代农业园区";
/// Scope: the units named in the task.
pub const SCOPE_LISTED: &str = "指定单位";
/// Sort: by number.
pub const SORT_NUMBER: &str = "按序号";
/// Sort: by deadline.
pub const SORT_DEADLINE: &str = "按截止时间";
/// Sort: by category.
pub const SORT_CATEGORY: &str = "按类别";
/// Month facet value, e.g. "10月".
pub fn month(month: u32) -> String {
    format!("{month}月")
}

/// Name of the district level where a unit name is shown.
pub const DISTRICT_NAME: &str = "区级";
/// Used in file names and titles when all units are exported.
pub const ALL_UNITS: &str = "全部";

// Edits.
/// Empty note.
pub const NOTE_EMPTY: &str = "备注内容不能为空。";
/// Note id unknown.
pub const NOTE_NOT_FOUND: &str = "找不到这条备注，可能已在其他窗口中被修改。";
/// Editing a deleted note.
pub const NOTE_IS_DELETED: &str = "这条备注已删除，请先撤销删除再修改。";
/// Undo on a live note.
pub const NOTE_NOT_DELETED: &str = "这条备注没有被删除，无需撤销。";
/// Duplicate note id.
pub const NOTE_ID_TAKEN: &str = "备注编号重复，请重试。";
/// Malformed note id.
pub const NOTE_ID_BAD: &str = "备注编号无效，请重试。";
/// Bad amount.
pub const AMOUNT_INVALID: &str = "完成量必须是不小于 0 的数字。";
/// Bad metric name.
pub const METRIC_BAD: &str = "指标名称无效（为空或过长）。";
/// Bad unit key.
pub const UNIT_BAD: &str = "单位标识无效（为空或过长）。";

/// Note longer than the limit.
pub fn note_too_long(chars: usize) -> String {
    format!("备注过长：共 {chars} 字，最多 {} 字。", MAX_NOTE_CHARS)
}

/// Too many notes on one record.
pub fn too_many_notes() -> String {
    format!(
        "每项任务最多保存 {} 条备注（含已删除的），已达上限。",
        MAX_NOTES_PER_RECORD
    )
}

// Documents and migration.
/// Top level not an object.
pub const DOC_NOT_OBJECT: &str = "文件内容不是清单进度数据（最外层应为 JSON 对象）。";
/// Missing or malformed schema number.
pub const SCHEMA_BAD: &str = "文件缺少有效的格式版本号（schema），无法识别。";
/// Expected a list.
pub const NOT_A_LIST: &str = "应为列表";

/// Wrong or missing app tag.
pub fn wrong_app(found: Option<&str>) -> String {
    match found {
        Some(tag) => format!(
            "这不是“清单”导出的进度文件（应用标记为“{}”，应为“qingdan”）。",
            clip(tag, 40)
        ),
        None => "这不是“清单”导出的进度文件（缺少应用标记 app）。".to_string(),
    }
}

/// Document from a newer app version.
pub fn newer_schema(found: u64, known: u32) -> String {
    format!(
        "数据由更新版本的“清单”保存（格式版本 {found}，本版本只支持到 {known}）。\
         为避免数据丢失，当前为只读模式，请刷新页面或更新应用后再编辑。"
    )
}

/// A structural problem at a location.
pub fn invalid_at(path: &str, problem_zh: &str) -> String {
    if path.is_empty() {
        format!("文件格式不正确：{problem_zh}。")
    } else {
        format!("文件格式不正确：{} 处{problem_zh}。", path_zh(path))
    }
}

/// `records[3]` → `第 4 条记录`; other paths are shown as they are.
fn path_zh(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("records[") {
        if let Some((n, tail)) = rest.split_once(']') {
            if let Ok(i) = n.parse::<u64>() {
                return format!("第 {} 条记录{tail}", i.saturating_add(1));
            }
        }
    }
    format!("“{path}”")
}

/// Translates a serde_json error message (English, fixed patterns) into Chinese.
pub fn serde_problem_zh(msg: &str) -> String {
    let quoted = |m: &str| -> Option<String> {
        let start = m.find('`')?;
        let rest = m.get(start + 1..)?;
        let end = rest.find('`')?;
        rest.get(..end).map(|s| clip(s, 40))
    };
    if msg.starts_with("missing field") {
        return match quoted(msg) {
            Some(f) => format!("缺少字段“{f}”"),
            None => "缺少必需的字段".to_string(),
        };
    }
    if msg.starts_with("duplicate field") {
        return match quoted(msg) {
            Some(f) => format!("字段“{f}”重复"),
            None => "有重复的字段".to_string(),
        };
    }
    if msg.starts_with("unknown variant") {
        return match quoted(msg) {
            Some(v) => format!(
                "有无法识别的取值“{v}”（状态应为 not_started、in_progress、done 或 blocked）"
            ),
            None => "有无法识别的取值".to_string(),
        };
    }
    let expected = msg
        .split_once("expected ")
        .map(|(_, e)| expected_zh(e))
        .unwrap_or_default();
    if msg.starts_with("invalid type") {
        return format!("数据类型不正确{expected}");
    }
    if msg.starts_with("invalid value") || msg.contains("out of range") {
        return format!("数值超出允许范围{expected}");
    }
    if msg.starts_with("invalid length") {
        return "列表长度不正确".to_string();
    }
    "内容无法识别".to_string()
}

fn expected_zh(e: &str) -> String {
    let what = if e.starts_with("u16") || e.starts_with("u32") || e.starts_with("u64") {
        "非负整数"
    } else if e.starts_with("i64") || e.starts_with("i32") {
        "整数"
    } else if e.starts_with("f64") || e.starts_with("f32") {
        "数字"
    } else if e.contains("string") {
        "文本"
    } else if e.contains("sequence") {
        "列表"
    } else if e.contains("struct") || e.contains("map") {
        "对象"
    } else if e.contains("bool") {
        "真假值"
    } else {
        return String::new();
    };
    format!("（应为{what}）")
}

/// Shortens foreign text quoted back to the user, so a huge value cannot flood a message.
pub fn clip(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let head: String = s.chars().take(max_chars).collect();
        format!("{head}…")
    }
}

// Export.
/// Prefix of every export file name.
pub const EXPORT_FILE_PREFIX: &str = "清单进度";
/// Serialisation failed (should not happen; reported rather than panicking).
pub const EXPORT_SERIALIZE_FAILED: &str =
    "无法生成导出文件，请重试；如仍失败，请复制备注内容另行保存。";
/// Appended to the status of an overdue task in the brief.
pub const OVERDUE_TAG: &str = "·逾期";

/// The counts line of the brief.
pub fn brief_counts(
    done: usize,
    total: usize,
    overdue: usize,
    in_progress: usize,
    blocked: usize,
    not_started: usize,
) -> String {
    format!(
        "已完成 {done} / 共 {total}，逾期 {overdue}（推进中 {in_progress}，存在困难 {blocked}，未开始 {not_started}）"
    )
}

// Import.
/// Empty file.
pub const IMPORT_EMPTY: &str = "文件是空的，没有可导入的内容。";
/// Not UTF-8.
pub const IMPORT_NOT_UTF8: &str = "文件不是 UTF-8 编码的文本，不是“清单”导出的进度文件。";
/// JSON nested too deeply.
pub const IMPORT_TOO_DEEP: &str = "文件内容嵌套层数过多，不是“清单”导出的进度文件。";

/// File larger than the limit.
pub fn import_too_large(bytes: usize, limit: usize) -> String {
    format!(
        "文件过大（{} MB），导入文件不能超过 {} MB。",
        crate::domain::number::fixed(bytes as f64 / 1_048_576.0, 1),
        limit / 1_048_576
    )
}

/// JSON ends early.
pub fn import_truncated(line: usize, column: usize) -> String {
    format!("文件不完整：在第 {line} 行第 {column} 列意外结束，可能下载或复制时被截断。")
}

/// JSON syntax error.
pub fn import_bad_json(line: usize, column: usize) -> String {
    format!("文件不是有效的 JSON：第 {line} 行第 {column} 列附近有格式错误。")
}

/// Different task list.
pub fn import_other_dataset(file_list: &str, app_list: &str) -> String {
    format!(
        "文件是另一份任务清单{}的进度，与当前打开的清单{}不符，不能导入。请在“全部清单”页打开那份清单后再导入。",
        clip(file_list, 100),
        clip(app_list, 100)
    )
}

/// A list in a message: `“title”（id）`.
pub fn quoted_list(title: &str, id: &str) -> String {
    format!("“{}”（{}）", clip(title, 60), clip(id, 40))
}

/// Same list, different source hash.
pub fn import_hash_differs() -> String {
    "文件导出时使用的任务清单版本与当前版本不同；已按区级序号对应导入，请核对结果。".to_string()
}

/// A note over the limit in a file.
pub fn import_note_too_long(task: u16, unit: &str, chars: usize) -> String {
    format!(
        "第 {task} 号任务（{}）有一条备注长 {chars} 字，超过 {} 字的上限。",
        clip(unit, 40),
        MAX_NOTE_CHARS
    )
}

/// Too many notes in one record of a file.
pub fn import_too_many_notes(task: u16, unit: &str, count: usize) -> String {
    format!(
        "第 {task} 号任务（{}）有 {count} 条备注，超过每项 {} 条的上限。",
        clip(unit, 40),
        MAX_NOTES_PER_RECORD
    )
}

/// A bad amount in a file.
pub fn import_bad_amount(task: u16, unit: &str, metric: &str) -> String {
    format!(
        "第 {task} 号任务（{}）的“{}”完成量不是不小于 0 的有效数字。",
        clip(unit, 40),
        clip(metric, 40)
    )
}

/// A bad key or id in a file.
pub fn import_bad_key(task: u16, unit: &str, what: &str) -> String {
    format!("第 {task} 号任务（{}）的{what}为空或过长。", clip(unit, 40))
}

/// Duplicate note id in one record of a file.
pub fn import_duplicate_note(task: u16, unit: &str) -> String {
    format!("第 {task} 号任务（{}）中有重复的备注编号。", clip(unit, 40))
}

/// An empty note in a file.
pub fn import_empty_note(task: u16, unit: &str) -> String {
    format!("第 {task} 号任务（{}）中有一条空白备注。", clip(unit, 40))
}

// Storage.
/// Storage full.
pub const STORE_QUOTA: &str =
    "浏览器存储空间已满，本次修改未能保存（页面上的内容仍保留）。请先导出 JSON 备份，再清理浏览器中其他网站的数据后重试。";
/// Storage disabled.
pub const STORE_UNAVAILABLE: &str =
    "浏览器禁止了本地存储（可能处于无痕/隐私模式或已禁用网站数据），修改只保存在当前页面中，关闭后会丢失。请及时导出 JSON 备份。";
/// Save refused in read-only mode.
pub const SAVE_READ_ONLY: &str =
    "当前为只读模式，修改不会保存到浏览器。请导出 JSON 备份，刷新页面或更新应用后再编辑。";
/// Stored text is not JSON.
pub const STORED_NOT_JSON: &str = "浏览器中保存的进度数据已损坏（不是有效的 JSON）";

/// Other storage error.
pub fn store_other(detail: &str) -> String {
    format!(
        "浏览器存储出错：{}。页面上的内容仍保留，请导出 JSON 备份后重试。",
        clip(detail, 120)
    )
}

/// Save failed.
pub fn save_failed(reason_zh: &str) -> String {
    format!("保存失败：{reason_zh}")
}

/// Save refused because unreadable data could not be backed up.
pub fn save_backup_failed(reason_zh: &str) -> String {
    format!("浏览器中有无法读取的进度数据，且无法为其建立备份，为避免覆盖已暂停保存：{reason_zh}")
}

/// Corrupt data found and backed up.
pub fn corrupt_backed_up(problem_zh: &str, key: &str) -> String {
    format!(
        "{}。原始内容已原样备份到浏览器存储“{key}”，现从空白进度开始。",
        problem_zh.trim_end_matches('。')
    )
}

/// Corrupt data found, backup failed.
pub fn corrupt_not_backed_up(problem_zh: &str, reason_zh: &str) -> String {
    format!(
        "{}。无法为其建立备份（{reason_zh}），为避免覆盖，当前为只读模式。",
        problem_zh.trim_end_matches('。')
    )
}

/// Storage could not be read.
pub fn load_unavailable(reason_zh: &str) -> String {
    format!("无法读取浏览器中保存的进度：{reason_zh}")
}

// District roll-up.
/// Stands for a missing number in a roll-up cell (`—/8公里`).
pub const NO_VALUE: &str = "—";
/// Overdue, as a word: the red deadline light, the overdue column of a unit's report table,
/// and the overdue marks of the roll-up.
pub const OVERDUE: &str = "逾期";
/// A district total stated in the source.
pub const TOTAL_STATED: &str = "清单列明";
/// A district total computed as the sum of the units' targets.
pub const TOTAL_SUM_OF_UNITS: &str = "各单位目标合计";
/// A unit that has never reported.
pub const NEVER_REPORTED: &str = "从未报送";
/// File names of roll-up reports start with this (`清单汇总-2022-12-31.xlsx`).
pub const ROLLUP_FILE_PREFIX: &str = "清单汇总";
/// Name of the matrix sheet.
pub const ROLLUP_SHEET_MATRIX: &str = "汇总矩阵";
/// Name of the totals sheet.
pub const ROLLUP_SHEET_TOTALS: &str = "任务量合计";
/// The matrix sheet's first columns (one column per unit follows).
pub const ROLLUP_MATRIX_HEADER: [&str; 5] =
    ["区级序号", "任务名称", "类别", "牵头部门", "完成时间"];
/// The totals sheet's header.
pub const ROLLUP_TOTALS_HEADER: [&str; 12] = [
    "区级序号",
    "任务名称",
    "指标",
    "计量单位",
    "区级总量",
    "总量来源",
    "各单位目标合计",
    "各单位完成合计",
    "完成率（%）",
    "分配单位数",
    "已填报单位数",
    "区级填报完成量",
];
/// A unit sheet's first columns (per-metric columns follow).
pub const ROLLUP_UNIT_HEADER_START: [&str; 6] =
    ["区级序号", "任务名称", "类别", "完成时间", "状态", "逾期"];
/// A unit sheet's last columns.
pub const ROLLUP_UNIT_HEADER_END: [&str; 2] = ["最新备注", "最后更新"];

/// The header of a unit sheet's `i`-th metric (1-based): 指标, 计量单位, 目标, 已完成, 完成率.
pub fn rollup_unit_metric_header(i: usize) -> [String; 5] {
    [
        format!("指标{i}"),
        format!("计量单位{i}"),
        format!("目标{i}"),
        format!("已完成{i}"),
        format!("完成率{i}（%）"),
    ]
}

/// A month outside the plan year, e.g. `2023年1月`.
pub fn year_month(year: i32, month: u32) -> String {
    format!("{year}年{month}月")
}

/// How long ago a unit last reported, in calendar days before the as-of date.
pub fn days_since_report(days: i64) -> String {
    match days {
        0 => "今天有报送".to_string(),
        d if d > 0 => format!("{d} 天前报送"),
        _ => "截至日期后有报送".to_string(),
    }
}

/// A file with the same records as an earlier one in the same batch.
pub fn rollup_same_as(name: &str) -> String {
    format!("与“{}”内容相同，不会重复计入。", clip(name, 60))
}

fn file_list(files: &[&str]) -> String {
    files
        .iter()
        .map(|f| format!("“{}”", clip(f, 60)))
        .collect::<Vec<_>>()
        .join("、")
}

/// Files disagree on a record and one file's version is newer in every field.
pub fn rollup_conflict_one(task: u16, unit: &str, files: &[&str], winner: &str) -> String {
    format!(
        "第 {task} 号任务（{}）：{} 中的记录不同，采用较新的“{}”。",
        clip(unit, 40),
        file_list(files),
        clip(winner, 60)
    )
}

/// Files disagree on a record and the newest fields come from several files.
pub fn rollup_conflict_mixed(task: u16, unit: &str, files: &[&str], from: &[&str]) -> String {
    format!(
        "第 {task} 号任务（{}）：{} 中的记录不同，各项内容分别采用较新的版本（来自 {}）。",
        clip(unit, 40),
        file_list(files),
        file_list(from)
    )
}
// Links (progress shared as a URL).
/// No payload in the link.
pub const SHARE_EMPTY: &str =
    "链接中没有进度数据，请复制完整的链接（“#/receive/”后面的部分不能缺少）。";
/// Checksum, base64 or contents wrong.
pub const SHARE_DAMAGED: &str =
    "链接不完整或已损坏（校验未通过），可能在复制或转发时被截断或改动。请让对方重新发送链接，或改用导出文件。";

/// Link made by a newer version of the app.
pub fn share_unknown_version(tag: char) -> String {
    format!(
        "这个链接由更新版本的“清单”生成（链接格式 {tag}），当前版本无法打开。请刷新页面或更新应用后再打开，或请对方改用导出文件。"
    )
}

/// A character that a link never contains.
pub fn share_bad_character(ch: char, position: usize) -> String {
    let shown = if ch.is_control() || ch.is_whitespace() {
        format!("U+{:04X}", u32::from(ch))
    } else {
        format!("“{ch}”")
    };
    format!(
        "链接第 {position} 个字符 {shown} 不应出现在链接中，链接可能被聊天软件或手工改动。请复制完整的原始链接，或改用导出文件。"
    )
}

/// Progress too large for a link (making one, or a link that inflates past the limit).
pub fn share_too_large(limit: usize) -> String {
    format!(
        "进度数据超过 {} MB，不能通过链接传送或导入，请改用导出文件。",
        limit / 1_048_576
    )
}

/// Link made for another task list.
pub fn share_other_dataset(link_list: &str, app_list: &str) -> String {
    format!(
        "这个链接是另一份任务清单{}的进度，与当前打开的清单{}不符，不能导入。请在“全部清单”页打开那份清单后再打开链接。",
        clip(link_list, 100),
        clip(app_list, 100)
    )
}

/// The link's contents fail an import check.
pub fn share_import_error(import_message: &str) -> String {
    format!("链接中的进度数据无法导入：{import_message}")
}

// QR codes.
/// Text too long for any QR code.
pub fn qr_too_long(bytes: usize) -> String {
    format!("内容过长（{bytes} 字节），超出二维码的容量（最多 2953 字节），无法生成二维码。请改用链接或导出文件。")
}

// ---- Task lists added in this browser (domain/lists.rs) ----

/// A stored list document that is not JSON.
pub const LIST_STORED_NOT_JSON: &str = "保存的清单无法读取（不是有效的 JSON）。";
/// A stored list document of another kind.
pub const LIST_STORED_NOT_A_LIST: &str = "保存的内容不是本应用的任务清单。";

/// A stored list written by a newer app version.
pub fn list_stored_newer(found: u64) -> String {
    format!("这份清单由较新版本的应用保存（格式版本 {found}），本版本无法打开，请更新应用。")
}

/// A stored list document whose dataset is broken.
pub fn list_stored_bad(detail: &str) -> String {
    format!("保存的清单已损坏，无法打开（{}）。", clip(detail, 120))
}

/// A list named from its id: district and year (`青浦区2023年清单`).
pub fn list_name(district: &str, year: &str) -> String {
    format!("{district}{year}年清单")
}
// Opening a task list (see `crate::source::list`).
/// A problem found on a line of the pasted or opened list.
pub fn list_at_line(line: usize, problem: &str) -> String {
    format!("第 {line} 行：{problem}")
}
/// Nothing pasted or an empty file.
pub const LIST_EMPTY: &str = "没有内容。请粘贴或打开任务清单表格（连同标题和表头）。";
/// Binary data (an .xlsx workbook, an image …) read as text.
pub const LIST_BINARY: &str = "内容不是文字，可能打开了 Excel 工作簿（.xlsx）、图片或其他文件。请在 Excel 或 WPS 中选中整张表格复制后粘贴，或把表格另存为“CSV”或“文本文件（制表符分隔）”后再打开。";
/// JSON (probably a progress export) instead of a table.
pub const LIST_JSON: &str =
    "这是 JSON 数据（可能是“清单”导出的进度文件），不是任务清单表格。导入进度文件请到“数据”页。";
/// No header row anywhere.
pub const LIST_NO_HEADER: &str = "没有找到表头，这不像任务清单表格。表头应包含“类别”“区级序号”“市级序号”“任务名称”“任务要求及举措”“区级牵头部门”“街镇任务量”“完成时间节点”各列，请连同表头一起复制。";

/// A header lacking some columns.
pub fn list_missing_columns(missing: &[&str]) -> String {
    let names: Vec<String> = missing.iter().map(|c| format!("“{c}”")).collect();
    format!(
        "表头缺少{}列，无法读取任务。请连同这些列一起复制。",
        names.join("")
    )
}

/// No title line and none in the file name.
pub const LIST_NO_TITLE: &str = "没有找到标题（如“2023年青浦区乡村振兴重点任务清单（74项）”），无法确定清单的年份和区。请把标题放在表头上方一行后重试。";

/// A title without a year.
pub fn list_title_no_year(title: &str) -> String {
    format!(
        "标题“{}”不以年份开头（应如“2023年青浦区……”），无法确定清单的年份。",
        clip(title, 60)
    )
}

/// A title without a district.
pub fn list_title_no_district(title: &str) -> String {
    format!(
        "标题“{}”中没有区名（应如“2023年青浦区……”）。",
        clip(title, 60)
    )
}

/// A title whose `（N项）` is not a number.
pub fn list_title_bad_count(count: &str) -> String {
    format!(
        "标题末尾的“（{}）”应为任务数，如“（74项）”。",
        clip(count, 20)
    )
}

/// The title came from the file name.
pub fn list_title_from_file(file_name: &str) -> String {
    format!(
        "没有标题行，已按文件名“{}”确定年份和区。",
        clip(file_name, 60)
    )
}

/// The title's task count differs from the tasks read.
pub fn list_count_differs(announced: usize, found: usize) -> String {
    format!("标题写明 {announced} 项任务，表中读到 {found} 项")
}

/// A line above the header that is not the title.
pub const LIST_STRAY_LINE: &str = "表头上方的这一行不是标题，已忽略";
/// A cell opening with a quote that never closes.
pub const LIST_UNCLOSED_QUOTE: &str = "这里以引号（\"）开头的单元格没有配对的结束引号，已按普通文字读取；如果单元格内容因此被拆开，请从表格重新复制";

/// A pasted or CSV row with the wrong number of cells.
pub fn list_row_cells(found: usize, expected: usize) -> String {
    format!("这一行有 {found} 个单元格，应为 {expected} 个")
}

/// A row of the source document's shape with the wrong number of cells.
pub fn list_source_row_cells(found: usize, expected: usize) -> String {
    format!(
        "从这一行开始的一行表格有 {found} 个单元格，应为 {expected} 个（每个单元格以 TAB 开头，两行表格之间空一行）"
    )
}

/// A category cell not of the form `(一)name`.
pub fn list_bad_category(text: &str) -> String {
    format!(
        "类别“{}”的格式不对，应为“(一)类别名称”这样的形式",
        clip(text, 40)
    )
}

/// A category number seen before under another name.
pub fn list_category_renamed(number: &str, name: &str, before: &str) -> String {
    format!(
        "类别{}在这里叫“{}”，前面叫“{}”",
        clip(number, 10),
        clip(name, 40),
        clip(before, 40)
    )
}

/// A task row with no category and none above.
pub const LIST_NO_CATEGORY: &str = "这一行没有类别，上方也没有可沿用的类别";

/// A task row inheriting a category that could not be read.
pub fn list_category_unreadable(line: usize) -> String {
    format!("这一行沿用上方的类别，但第 {line} 行未能读取，类别不明")
}

/// A number column whose cell is not a number.
pub fn list_not_a_number(column: &str, text: &str) -> String {
    if text.is_empty() {
        format!("“{column}”是空的，应为数字")
    } else {
        format!("“{column}”应为数字，这里是“{}”", clip(text, 20))
    }
}

/// A 区级序号 used twice.
pub fn list_duplicate_id(id: u16, first_line: usize) -> String {
    format!("区级序号 {id} 重复（第 {first_line} 行已有）")
}

/// A task without a name.
pub fn list_no_name(id: u16) -> String {
    format!("区级序号 {id} 的任务没有任务名称")
}

/// A unit-name correction to a unit the list does not have.
pub fn list_correction_unknown_unit(unit_id: &str) -> String {
    format!("没有“{}”这个单位。", clip(unit_id, 40))
}

/// A unit-name correction for a name that is already a unit's.
pub fn list_correction_known_name(name: &str) -> String {
    format!("“{}”已是单位名称，无需对应。", clip(name, 40))
}

/// A unit-name correction with an empty name.
pub const LIST_CORRECTION_EMPTY: &str = "要对应的名称是空的。";
