//! The UI's own words, in Simplified Chinese, in one place so the wording stays consistent:
//! buttons, headings, hints, labels, and the messages of the UI's browser plumbing
//! (`browser.rs`) and of loading the embedded data (`data`).
//!
//! The split with [`crate::domain::messages`]: that module holds every text the pure domain
//! produces — errors, briefs, CSV/xlsx headers, and the labels of domain values such as task
//! status (`Status::label_zh`, `StatusKey::label`), deadline lights (`Light::label`), scopes
//! and sort orders — because the domain must not depend on the UI. Nothing the domain says is
//! repeated here: the UI shows those texts through the domain's labels and constants. Each
//! text exists once, in one of the two modules.

/// The app's short name.
pub const APP_NAME: &str = "清单";

/// A page's title: what it shows, then the app's name (the pre-render's `<title>`; the app writes
/// `document.title` in this shape in `app::handle_document_title`, where a call of this function
/// measured 31 bytes more wasm, gzip, than the `format!` written out).
pub fn document_title(what: &str) -> String {
    format!("{what} · {APP_NAME}")
}

/// `index.html`'s description (search results, link previews), for the list titled `title`.
pub fn app_description(title: &str) -> String {
    format!("{title}的离线网页应用：按街镇、牵头部门、类别和完成时间查看任务，记录进度，导出报送。")
}

/// `tools.html`'s description, for the list titled `title`.
pub fn tools_description(title: &str) -> String {
    format!("{title}的区级工具：汇总各街镇进度，以链接或二维码分享。")
}

/// The web app manifest's description (shown when installing), for the list titled `title`.
pub fn manifest_description(title: &str) -> String {
    format!("{title}：查看任务、记录进度，离线可用。")
}
/// Shown when the embedded data cannot be read.
pub const DATA_ERROR_TITLE: &str = "任务数据加载失败";
/// Navigation: all tasks.
pub const NAV_TASKS: &str = "全部任务";
/// Column headers of the task list.
pub const COL_NO: &str = "序号";
/// Column header: task name.
pub const COL_NAME: &str = "任务名称";
/// Column header: lead department.
pub const COL_LEAD: &str = "牵头部门";
/// Column header: deadline.
pub const COL_DEADLINE: &str = "完成时间";
/// Navigation: towns index.
pub const NAV_TOWNS: &str = "街镇";
/// Navigation: departments index.
pub const NAV_DEPTS: &str = "牵头部门";
/// Navigation: export / import page (on the tools entry page).
pub const NAV_DATA: &str = "数据";
/// Navigation: the district roll-up (on the tools entry page).
pub const NAV_ROLLUP: &str = "汇总";
/// The top bar's list switch, for screen readers.
pub const LIST_SWITCH_LABEL: &str = "切换任务清单";
/// Nav: the task lists of this browser (tools page).
pub const NAV_LISTS: &str = "全部清单";
/// Link to the share page (a link / QR code carrying a unit's progress).
pub const SHARE_LINK: &str = "分享进度链接";
/// Title of the share page.
pub const SHARE_TITLE: &str = "分享进度";
/// Title of the page that opens a share link.
pub const RECEIVE_TITLE: &str = "打开进度链接";

// The share page (tools.html#/share/<unit>).
/// What the share page does.
pub const SHARE_INTRO: &str = "把一个单位的进度做成链接或二维码，发到微信、钉钉工作群，或让对方用手机扫码。对方打开后先看到预览，再决定是否合并到自己的浏览器中。进度全部在链接里，不经过任何服务器。";
/// Label of the unit selector.
pub const SHARE_UNIT: &str = "分享哪个单位的进度";
/// The selector's option before a unit is chosen.
pub const SHARE_PICK_UNIT: &str = "请选择单位";
/// Shown until a unit is chosen.
pub const SHARE_NEEDS_UNIT: &str = "请先选择要分享进度的单位。";
/// The address names a unit the list does not have.
pub fn share_unknown_unit(id: &str) -> String {
    let id: String = id.chars().take(40).collect();
    format!("地址中的单位“{id}”不在本清单中，请在下面重新选择。")
}
/// Legend of the scope choice.
pub const SHARE_SCOPE: &str = "分享内容";
/// Scope: everything.
pub const SHARE_SCOPE_FULL: &str = "全部（含备注）";
/// Scope: status and amounts.
pub const SHARE_SCOPE_SHORT: &str = "仅状态和完成量（不含备注，更短）";
/// The unit has no record.
pub const SHARE_NO_PROGRESS: &str = "该单位尚无进度记录，没有可分享的内容。";
/// The unit has only notes, and the notes are left out.
pub const SHARE_ONLY_NOTES: &str =
    "该单位只记录了备注，没有状态或完成量。如需分享备注，请选择“全部（含备注）”。";
/// Label of the link's text box.
pub const SHARE_URL_LABEL: &str = "进度链接";
/// The link's length.
pub fn share_length(chars: usize) -> String {
    format!("链接长度：{chars} 字符")
}
/// Copy button.
pub const SHARE_COPY: &str = "复制链接";
/// Copied.
pub const SHARE_COPIED: &str = "链接已复制，可粘贴到微信或钉钉发送。";
/// Copy failed.
pub const SHARE_COPY_FAILED: &str = "浏览器不允许自动复制，请选中上面的链接手动复制。";
/// The link is over the chat limit.
pub fn share_too_long(chars: usize, max: usize) -> String {
    format!("链接有 {chars} 字符，超过 {max} 字符。微信、钉钉等聊天软件可能把这么长的链接截断或拆成几条，对方打开时只会看到“链接已损坏”。")
}
/// Switches to the link without notes.
pub fn share_use_shorter(chars: usize) -> String {
    format!("改用不含备注的链接（{chars} 字符）")
}
/// Exports the unit's JSON file instead.
pub const SHARE_EXPORT: &str = "改为导出 JSON 文件";
/// What to tell SMS users.
pub const SHARE_SMS_HINT: &str =
    "请通过微信、钉钉发送链接；短信会把长链接拆成几段，无法打开。也可以导出文件发送。";
/// Heading of the QR code.
pub const QR_TITLE: &str = "二维码";
/// Accessible name of the QR code.
pub const QR_LABEL: &str = "进度链接二维码";
/// The QR code's version and size.
pub fn qr_caption(version: u8, modules: u32) -> String {
    format!("二维码版本 {version}（{modules}×{modules}）")
}
/// How to use the QR code.
pub const QR_HINT: &str =
    "在本机屏幕上打开此页，让对方用微信“扫一扫”或手机相机扫描，再在浏览器中打开。";
/// The QR code is too dense for a phone.
pub fn qr_too_dense(version: u8, max: u8) -> String {
    format!("链接较长，二维码（版本 {version}）过于密集，用手机扫另一部手机的屏幕时可能无法识别（能可靠识别的不超过版本 {max}）。")
}

// The receive page (tools.html#/receive/<payload>).
/// Label of the box a link is pasted into.
pub const RECEIVE_PASTE: &str = "粘贴收到的进度链接";
/// Hint under it.
pub const RECEIVE_PASTE_HINT: &str = "在聊天软件中长按链接、复制，再粘贴到这里。";
/// Opens the pasted link.
pub const RECEIVE_OPEN: &str = "打开链接";
/// Heading of the preview.
pub const RECEIVE_PREVIEW: &str = "链接内容预览";
/// Preview: unit.
pub const RECEIVE_UNIT: &str = "单位";
/// Preview: when the link was made.
pub const RECEIVE_MADE: &str = "生成时间";
/// Preview: what it holds.
pub const RECEIVE_CONTENTS: &str = "内容";
/// Preview: what a merge would do.
pub const RECEIVE_EFFECT: &str = "合并后";
/// The records and notes a link holds.
pub fn receive_contents(records: usize, notes: usize) -> String {
    if notes == 0 {
        format!("{records} 条进度记录（不含备注）")
    } else {
        format!("{records} 条进度记录，{notes} 条备注")
    }
}
/// Merge button.
pub const RECEIVE_MERGE: &str = "合并到本机";
/// What a merge does.
pub const RECEIVE_MERGE_HINT: &str =
    "合并只补充或更新较新的内容，不会删除本机的任何记录；合并后可以撤销。";
/// The merge would change nothing.
pub const RECEIVE_NOTHING_NEW: &str = "本机已有链接中的全部进度，合并不会改变任何内容。";
/// Merge impossible: storage is read-only.
pub fn receive_read_only(reason: &str) -> String {
    format!("无法合并：{reason}")
}
/// Merged.
pub fn receive_merged(new: usize, updated: usize) -> String {
    format!(
        "已合并：新增 {new} 条、更新 {updated} 条记录。链接已从地址栏移除，刷新页面不会再次导入。"
    )
}
/// Link to the unit's page after a merge.
pub const RECEIVE_VIEW_UNIT: &str = "查看该单位进度";
/// Link to the task list after a merge of the district's or every unit's progress.
pub const RECEIVE_VIEW_ALL: &str = "查看全部任务";
/// Undo button.
pub const RECEIVE_UNDO: &str = "撤销合并";
/// Undone.
pub const RECEIVE_UNDONE: &str = "已撤销，本机数据已恢复到合并前。";
/// Cancelled.
pub const RECEIVE_CANCELLED: &str = "已取消，本机数据没有任何改动。";
/// Heading of a refused link.
pub const RECEIVE_ERROR: &str = "无法打开这个链接";
/// Nothing changed after a refusal.
pub const RECEIVE_UNCHANGED: &str = "本机数据没有任何改动。";
/// Link to the data page's file import.
pub const RECEIVE_TO_DATA: &str = "改用文件导入（数据页）";
/// Shown for the moment a link to the field app's pages takes to load it.
pub const OPENING_APP: &str = "正在打开清单……";
/// Shown for the moment a link to the tools entry page (data, print, roll-up, share) takes to
/// load it.
pub const OPENING_TOOLS: &str = "正在打开……";
/// Label of the main navigation.
pub const NAV_LABEL: &str = "主导航";
/// The first link of every page, for keyboard and screen-reader users.
pub const SKIP_TO_MAIN: &str = "跳到主要内容";
/// Link to the user's own unit in the top bar.
pub const NAV_MY_UNIT: &str = "我的街镇";
/// Search box label.
pub const SEARCH_LABEL: &str = "搜索任务";
/// Search box placeholder.
pub const SEARCH_PLACEHOLDER: &str = "名称、要求、任务量、部门，空格分隔多个词，也可用拼音或首字母";
/// Sort control label.
pub const SORT_LABEL: &str = "排序";
/// As-of date control label.
pub const AS_OF_LABEL: &str = "截至日期";
/// Resets the as-of date to today.
pub const AS_OF_TODAY: &str = "回到今天";
/// Link back to the plan's end (a finished plan viewed as of another date).
pub const AS_OF_PLAN_END: &str = "按年度末显示";
/// The finished-plan banner's link to today's view.
pub const PLAN_SWITCH_TODAY: &str = "切换到今天";

/// The banner of a finished plan: "本清单为2022年度任务，按2022年12月31日显示完成情况；".
pub fn plan_finished(year: i32, end: crate::domain::date::Date) -> String {
    format!(
        "本清单为{year}年度任务，按{}年{}月{}日显示完成情况；",
        end.year(),
        end.month(),
        end.day()
    )
}
/// Filter panel title.
pub const FILTERS: &str = "筛选";
/// Skip link on the task list: past the filters to the results.
pub const SKIP_TO_RESULTS: &str = "跳到搜索结果";
/// Clears every filter and the search text.
pub const CLEAR_FILTERS: &str = "清除全部筛选";
/// Facet titles.
pub const FACET_CATEGORY: &str = "类别";
/// Facet title: lead department.
pub const FACET_LEAD: &str = "牵头部门";
/// Facet title: deadline month.
pub const FACET_MONTH: &str = "完成时间";
/// Facet title: unit.
pub const FACET_UNIT: &str = "街镇";
/// Facet title: scope.
pub const FACET_SCOPE: &str = "适用范围";
/// Facet title: status.
pub const FACET_STATUS: &str = "进度状态";
/// Heading of the active filter chips.
pub const ACTIVE_FILTERS: &str = "已选条件";
/// Empty search result, first line.
pub const EMPTY_TITLE: &str = "没有符合条件的任务";
/// Empty search result, explanation.
pub const EMPTY_HINT: &str =
    "请减少搜索词或取消部分筛选条件。搜索词之间用空格分隔时，每个词都必须出现。";

/// "显示 N / 74 项".
pub fn showing(n: usize, total: usize) -> String {
    format!("显示 {n} / {total} 项")
}

/// Task detail: field labels.
pub const F_CATEGORY: &str = "类别";
/// Task detail field.
pub const F_DISTRICT_NO: &str = "区级序号";
/// Task detail field.
pub const F_CITY_NO: &str = "市级序号";
/// Task detail field.
pub const F_LEADS: &str = "区级牵头部门";
/// Task detail field.
pub const F_DEADLINE: &str = "完成时间节点";
/// Task detail field.
pub const F_REQUIREMENTS: &str = "任务要求及举措";
/// Task detail field.
pub const F_ALLOCATION: &str = "街镇任务量";
/// Task detail field.
pub const F_SCOPE: &str = "适用范围";
/// Task detail: table of units × metrics.
pub const F_ALLOCATION_TABLE: &str = "各单位任务量";
/// Table header: unit.
pub const T_UNIT: &str = "单位";
/// Table header: villages.
pub const T_VILLAGES: &str = "村";
/// Empty allocation cell.
pub const NO_ALLOCATION: &str = "（原表未列街镇任务量）";
/// Previous task link.
pub const PREV_TASK: &str = "上一项";
/// Next task link.
pub const NEXT_TASK: &str = "下一项";
/// Unknown task id in the URL.
pub const TASK_NOT_FOUND: &str = "找不到这项任务";
/// Link back to the list.
pub const BACK_TO_LIST: &str = "返回任务列表";
/// Units named in an allocation without numbers.
pub const NAMED_ONLY: &str = "（点名，无具体数量）";

/// Town pages.
pub const TOWNS_TITLE: &str = "各街镇任务";
/// Town index hint.
pub const TOWNS_HINT: &str = "选择本单位，查看点名任务、全体街镇任务和区级任务。";
/// Town page groups.
pub const GROUP_NAMED: &str = "点名本单位的任务";
/// Town page group: tasks for all towns.
pub const GROUP_ALL_TOWNS: &str = "全体街镇共同任务";
/// Town page group for the park: tasks that include it.
pub const GROUP_ALL_WITH_PARK: &str = "包含现代农业园区的共同任务";
/// Town page group: district tasks.
pub const GROUP_DISTRICT: &str = "区级任务（不分街镇）";
/// Marks a unit as the user's own.
pub const SET_MY_UNIT: &str = "设为我的街镇";
/// Shown on the user's own unit.
pub const IS_MY_UNIT: &str = "✓ 我的街镇";
/// Unknown unit id in the URL.
pub const TOWN_NOT_FOUND: &str = "找不到这个街镇";
/// Town card counts.
pub fn town_counts_line(named: usize, all: usize, district: usize) -> String {
    format!("点名 {named} 项 · 共同 {all} 项 · 区级 {district} 项")
}
/// A group heading with its count.
pub fn group_heading(title: &str, n: usize) -> String {
    format!("{title}（{n}项）")
}
/// An empty group.
pub const GROUP_EMPTY: &str = "无";

/// Department pages.
pub const DEPTS_TITLE: &str = "区级牵头部门";
/// Department index hint.
pub const DEPTS_HINT: &str = "两个部门共同牵头的任务在两个部门下都会列出。";
/// Department card count.
pub fn leads_count(n: usize) -> String {
    format!("牵头 {n} 项")
}
/// Unknown department in the URL.
pub const DEPT_NOT_FOUND: &str = "找不到这个部门";

/// Stored progress belongs to another list.
pub fn other_dataset_stored(id: &str) -> String {
    format!("本机保存的进度属于另一份清单（{id}），与当前清单不一致。进度仍会保留，但可能无法对应到任务。")
}
/// No storage at all: edits live only in this page.
pub const SAVE_NO_STORAGE: &str =
    "浏览器不允许本网页保存数据（可能处于无痕模式或禁用了网站数据）。您的修改暂时只保存在本页中，关闭前请到“数据”页导出。";
/// Export reminder.
pub const EXPORT_REMINDER: &str =
    "您有超过 7 天未导出的进度记录。建议到“数据”页导出一份备份，或报送给区里。";
/// My unit could not be remembered.
pub fn my_unit_not_saved(reason: &str) -> String {
    format!("“我的街镇”本次有效，但未能记住：{reason}")
}
/// Retry button on the save-failed banner.
pub const RETRY_SAVE: &str = "重试保存";
/// Link from a banner to the data page.
pub const GO_EXPORT: &str = "去导出";
/// Dismiss a banner.
pub const DISMISS: &str = "知道了";

/// Progress editor.
pub const PROGRESS_TITLE: &str = "进度记录";
/// Unit chooser on the task page.
pub const PROGRESS_UNIT: &str = "记录单位";
/// Status picker legend.
pub const STATUS_LEGEND: &str = "进度状态";
/// Amounts heading.
pub const AMOUNTS_TITLE: &str = "完成量";
/// Target label.
pub fn target_line(target: &str, measure: &str) -> String {
    format!("目标 {target}{measure}")
}
/// Percentage text.
pub fn percent_text(p: f64) -> String {
    let mut s = crate::domain::number::fixed(p, 0);
    s.push('%');
    s
}
/// Completed-of-target, e.g. "已完成 8 / 10 公里（80%）".
pub fn amount_line(done: &str, target: &str, measure: &str, pct: Option<f64>) -> String {
    match pct {
        Some(p) => format!("{done} / {target}{measure}（{}）", percent_text(p)),
        None => format!("{done} / {target}{measure}"),
    }
}
/// Notes heading.
pub const NOTES_TITLE: &str = "备注";
/// New note label.
pub const NOTE_NEW: &str = "新增备注";
/// Placeholder of the note box.
pub const NOTE_PLACEHOLDER: &str = "例如：已完成 3 公里，剩余路段 12 月初开工";
/// Save a note.
pub const NOTE_SAVE: &str = "保存备注";
/// Edit a note.
pub const NOTE_EDIT: &str = "编辑";
/// Save an edited note.
pub const NOTE_UPDATE: &str = "保存修改";
/// Cancel editing.
pub const CANCEL: &str = "取消";
/// Delete a note.
pub const NOTE_DELETE: &str = "删除";
/// Undo a delete.
pub const NOTE_UNDO: &str = "撤销删除";
/// A deleted note.
pub const NOTE_DELETED: &str = "已删除的备注";
/// No notes yet.
pub const NOTES_EMPTY: &str = "还没有备注。";
/// Edited marker.
pub const NOTE_EDITED: &str = "（已修改）";
/// Read-only explanation on the editor.
pub const READ_ONLY_HINT: &str = "当前为只读模式，不能修改进度（见页面上方提示）。";
/// Saved indicator.
pub const SAVED: &str = "已保存到本机";
/// Saved indicator after a save in this visit, with its time: each save changes the text, so
/// the live region reads it out again.
pub fn saved_at(hour: u8, minute: u8, second: u8) -> String {
    format!("{SAVED}（{hour:02}:{minute:02}:{second:02}）")
}
/// Unsaved indicator.
pub const UNSAVED: &str = "尚未保存到本机";
/// Town progress summary: overdue. (The other summary cards show the status labels,
/// `Status::label_zh`.)
pub const SUM_OVERDUE: &str = "逾期未完成";
/// "x / y".
pub fn of_total(n: usize, total: usize) -> String {
    format!("{n} / {total}")
}
/// Inline editor toggle on town pages.
pub const RECORD_PROGRESS: &str = "记录进度";

/// Print page heading after the unit's name.
pub const PRINT_TASK_LIST: &str = "任务清单";
/// Print page document title: the unit's name, [`PRINT_TASK_LIST`], then this mark.
pub const PRINT_MARK: &str = "（打印）";
/// Print button.
pub const PRINT_NOW: &str = "打印";

/// Data page.
pub const DATA_TITLE: &str = "导出、导入与本机数据";
/// Export section.
pub const EXPORT_TITLE: &str = "导出进度（报送区里或备份）";
/// Export unit chooser.
pub const EXPORT_UNIT: &str = "导出范围";
/// All units option.
pub const ALL_UNITS_OPTION: &str = "全部单位";
/// Export JSON button.
pub const EXPORT_JSON: &str = "导出 JSON 文件（可导入）";
/// Export CSV button.
pub const EXPORT_CSV: &str = "导出 CSV 表格（Excel）";
/// Copy brief button.
pub const COPY_BRIEF: &str = "复制进度简报";
/// Brief needs one unit.
pub const BRIEF_NEEDS_UNIT: &str = "进度简报按单位生成，请先选择一个单位。";
/// Copied.
pub const COPIED: &str = "已复制，可粘贴到工作群。";
/// Copy failed.
pub const COPY_FAILED: &str = "浏览器不允许自动复制，请手动选中下面的简报文字复制。";
/// Print link.
pub const PRINT_LINK: &str = "打印任务清单（A4）";
/// Export done.
pub fn exported(name: &str) -> String {
    format!("已生成文件：{name}")
}
/// Import section.
pub const IMPORT_TITLE: &str = "导入进度文件";
/// Import hint.
pub const IMPORT_HINT: &str = "选择“清单”导出的 JSON 文件。导入前会显示将发生的变化；合并导入只补充较新的记录，不会删除任何内容。";
/// File input label.
pub const IMPORT_FILE: &str = "选择文件";
/// Preview heading.
pub const IMPORT_PREVIEW: &str = "导入预览";
/// Preview lines.
pub fn import_preview_line(
    new: usize,
    updated: usize,
    older: usize,
    unchanged: usize,
    unknown: usize,
) -> String {
    format!("新增 {new} 条，更新 {updated} 条，较旧跳过 {older} 条，相同 {unchanged} 条，无法识别 {unknown} 条")
}
/// Merge button.
pub const IMPORT_MERGE: &str = "合并导入";
/// Replace button.
pub const IMPORT_REPLACE: &str = "全部替换……";
/// Replace confirmation.
pub const IMPORT_REPLACE_CONFIRM: &str = "确认全部替换";
/// Replace warning.
pub const IMPORT_REPLACE_WARN: &str =
    "全部替换会用文件内容覆盖本机对应单位的全部进度（本机现有数据会先自动备份，可撤销）。";
/// Import finished.
pub const IMPORT_DONE: &str = "导入完成。如有问题，可点击“撤销导入”恢复导入前的数据。";
/// Undo import.
pub const IMPORT_UNDO: &str = "撤销导入";
/// Undo done.
pub const IMPORT_UNDONE: &str = "已恢复到导入前的数据。";
/// Storage section.
pub const STORAGE_TITLE: &str = "本机数据";
/// Persistence answer.
pub fn persisted_line(answer: Option<bool>) -> &'static str {
    match answer {
        None => "尚未向浏览器申请持久保存（首次记录进度后自动申请）。",
        Some(true) => "浏览器已同意持久保存本机数据，清理空间时不会自动删除。",
        Some(false) => "浏览器未承诺持久保存本机数据，请定期导出备份。",
    }
}
/// Records count line.
pub fn records_line(n: usize) -> String {
    format!("本机共有 {n} 条进度记录。")
}
/// Last export line.
pub fn last_export_line(stamp: &str) -> String {
    if stamp.is_empty() {
        "尚未导出过。".to_string()
    } else {
        format!("上次导出：{stamp}")
    }
}
/// Corrupt backups heading.
pub const BACKUPS_TITLE: &str = "损坏数据的备份";
/// Download a backup.
pub const BACKUP_DOWNLOAD: &str = "下载备份";
/// "Show more" under a long list.
pub fn show_more(next: usize, hidden: usize) -> String {
    format!("再显示 {next} 项（还有 {hidden} 项）")
}

// The district roll-up (tools entry page, `#/rollup`).
/// What the page is for.
pub const ROLLUP_INTRO: &str =
    "把各街镇和现代农业园区导出的进度文件一次导入，汇总为任务 × 单位总表、任务量合计、报送情况和图表，可导出 Excel 或打印报送。";
/// Collect section title.
pub const COLLECT_TITLE: &str = "导入各单位进度文件";
/// Collect section hint.
pub const COLLECT_HINT: &str = "可一次选择多个“清单”导出的 JSON 文件。导入前会逐个列出文件的情况，确认后才合并到本机数据（较新的记录优先，不删除任何内容），整批可一键撤销。";
/// Multi-file input label.
pub const COLLECT_FILES: &str = "选择文件（可多选）";
/// Drop zone text.
pub const COLLECT_DROP: &str = "也可以把文件拖放到这里";
/// While files are read.
pub fn collect_reading(n: usize) -> String {
    format!("正在读取 {n} 个文件……")
}
/// After reading a batch.
pub fn collect_read(n: usize, accepted: usize, refused: usize) -> String {
    format!("已读取 {n} 个文件：可导入 {accepted} 个，已拒绝 {refused} 个。请核对下表后点击“确认导入”。")
}
/// Caption of the per-file table.
pub const COLLECT_TABLE: &str = "本批文件";
/// Per-file table headers.
pub const COLLECT_HEADERS: [&str; 9] = [
    "文件",
    "单位",
    "导出时间",
    "新增",
    "更新",
    "较旧",
    "相同",
    "无法识别",
    "说明",
];
/// A refused file.
pub const REFUSED: &str = "已拒绝";
/// A file without export info.
pub const NO_EXPORT_STAMP: &str = "（未注明）";
/// The batch's totals line.
pub fn collect_totals(line: &str) -> String {
    format!("合计：{line}")
}
/// Conflicts heading.
pub const CONFLICTS_TITLE: &str = "文件之间不一致的记录";
/// Confirm the batch.
pub const COLLECT_CONFIRM: &str = "确认导入";
/// Undo the batch.
pub const COLLECT_UNDO: &str = "撤销本批导入";
/// Nothing in the batch is newer than what is here.
pub const COLLECT_NOTHING_NEW: &str = "这些文件没有比本机更新的内容，无需导入。";
/// The batch was applied.
pub const COLLECT_DONE: &str =
    "已导入本批文件，下面的汇总已更新。如有问题，可点击“撤销本批导入”恢复导入前的数据。";
/// The batch was discarded.
pub const COLLECT_CANCELLED: &str = "已取消，本机数据没有变化。";
/// Filters heading on the roll-up.
pub const ROLLUP_FILTERS: &str = "筛选任务";
/// Matrix section title.
pub const MATRIX_TITLE: &str = "任务 × 单位总表";
/// Matrix corner header.
pub const MATRIX_TASK: &str = "任务";
/// A cell where the task does not apply to the unit.
pub const NOT_APPLICABLE: &str = "不适用";
/// Legend label.
pub const LEGEND: &str = "图例";
/// The overdue mark in cells and legends.
pub const OVERDUE_MARK: &str = "⚠";
/// The shape mark of a status, shown with its colour (never colour alone).
pub fn status_mark(status: crate::domain::progress::Status) -> &'static str {
    use crate::domain::progress::Status;
    match status {
        Status::Done => "●",
        Status::InProgress => "◐",
        Status::NotStarted => "○",
        Status::Blocked => "▲",
    }
}
/// Phone view switch: one unit.
pub const VIEW_BY_UNIT: &str = "按单位查看";
/// Phone view switch: one task.
pub const VIEW_BY_TASK: &str = "按任务查看";
/// Phone view: label of the unit picker.
pub const PICK_UNIT: &str = "单位";
/// Phone view: label of the task picker.
pub const PICK_TASK: &str = "任务";
/// Phone view: the unit has no task among the filtered ones.
pub const UNIT_NO_TASKS: &str = "该单位在筛选结果中没有任务。";
/// Totals section title.
pub const TOTALS_TITLE: &str = "任务量合计";
/// How the totals are made.
pub const TOTALS_HINT: &str = "区级总量取清单列明的总数，未列明时为各单位目标之和；完成率 = 各单位完成合计 ÷ 区级总量。区级另报的完成量单独列出，不计入各单位完成合计。";
/// Totals table headers.
pub const TOTALS_HEADERS: [&str; 8] = [
    "任务",
    "指标",
    "区级总量",
    "总量来源",
    "各单位目标合计",
    "各单位完成合计",
    "完成率",
    "区级另报",
];
/// No quantified task among the filtered ones.
pub const TOTALS_EMPTY: &str = "筛选结果中没有分配具体数量的任务。";
/// Who-is-behind section title.
pub const BEHIND_TITLE: &str = "各单位报送情况";
/// The silence threshold input.
pub const STALE_LABEL: &str = "超过多少天未报送视为滞后";
/// Who-is-behind table headers.
pub const BEHIND_HEADERS: [&str; 9] = [
    "单位",
    "报送状态",
    "距截至日期",
    "最近报送",
    crate::domain::messages::STATUS_DONE,
    crate::domain::messages::STATUS_IN_PROGRESS,
    crate::domain::messages::STATUS_BLOCKED,
    crate::domain::messages::STATUS_NOT_STARTED,
    crate::domain::messages::OVERDUE,
];
/// A unit that is silent.
pub fn silent_flag(days: u32) -> String {
    format!("⚠ 超过 {days} 天未报送")
}
/// A unit that reported recently.
pub const REPORTING: &str = "✓ 按时报送";
/// Charts section title.
pub const CHARTS_TITLE: &str = "图表";
/// Chart: by unit.
pub const CHART_UNIT: &str = "各单位完成情况（按任务单元格计）";
/// Chart: by category.
pub const CHART_CATEGORY: &str = "各类别完成情况";
/// Chart: by lead department.
pub const CHART_LEAD: &str = "各牵头部门完成情况";
/// Chart: by deadline month.
pub const CHART_MONTH: &str = "按完成时间：到期与已完成";
/// Shows the charts' data tables.
pub const SHOW_TABLES: &str = "显示数据表";
/// Chart table: total column.
pub const TOTAL: &str = "合计";
/// Deadline chart: cells due that month.
pub const DUE: &str = "到期";
/// The mark of "due" in the deadline chart.
pub const DUE_MARK: &str = "□";
/// Beside a stacked bar: done of all.
pub fn done_of(done: usize, total: usize) -> String {
    format!("完成 {done}/{total}")
}
/// Report section title.
pub const REPORT_TITLE: &str = "报送上级";
/// Export the matrix as CSV.
pub const EXPORT_ROLLUP_CSV: &str = "导出 CSV";
/// Export every table as an Excel workbook.
pub const EXPORT_ROLLUP_XLSX: &str = "导出 Excel";
/// The as-of line of the report.
pub fn rollup_as_of(date: crate::domain::date::Date) -> String {
    format!(
        "统计截至 {}年{}月{}日",
        date.year(),
        date.month(),
        date.day()
    )
}
/// After the threshold input.
pub const DAYS: &str = "天";
/// The silence threshold as printed (the input is not printed).
pub fn stale_line(days: u32) -> String {
    format!("滞后标准：超过 {days} 天未报送")
}

// Shared by the app's and the tools' page frames.
/// Footer: where the data comes from and how many tasks it has.
pub fn data_source(title: &str, tasks: usize) -> String {
    format!("数据来源：{title}（{tasks}项）。")
}
/// After the filters' summary: how many filters are on.
pub fn selected_count(n: usize) -> String {
    format!("（已选 {n}）")
}
/// The previous/next links of a task page.
pub const TASK_PAGER: &str = "任务翻页";

// Loading the embedded data (`data`).
/// The embedded data did not parse.
pub fn data_invalid(e: &str) -> String {
    format!("内置任务数据无法读取：{e}")
}
/// A link names a list this browser does not have.
pub fn list_missing(name: &str, id: &str) -> String {
    format!(
        "本浏览器没有链接所指的任务清单“{name}”（编号 {id}）。请向发送链接的人要这份清单的表格，\
         在“全部清单”页添加后再打开这个链接。"
    )
}
/// A stored list could not be read.
pub fn list_unreadable(name: &str, problem: &str) -> String {
    format!(
        "任务清单“{name}”无法打开：{problem}它仍保存在本浏览器中，可在“全部清单”页删除后重新添加。"
    )
}
/// The storage holding the lists could not be read.
pub fn list_storage(problem: &str) -> String {
    format!("无法读取本浏览器保存的任务清单：{problem}")
}
/// The missing-list page's heading.
pub const LIST_MISSING_TITLE: &str = "找不到这份清单";
/// Link from the missing-list page to the built-in list.
pub fn open_builtin_list(title: &str) -> String {
    format!("打开内置清单：{title}")
}
/// Link to the lists page.
pub const GO_TO_LISTS: &str = "添加或切换清单";
/// The embedded data was written for another schema version.
pub fn data_schema(found: u32, expected: u32) -> String {
    format!("内置任务数据的格式版本（{found}）与应用（{expected}）不一致。")
}

// Browser plumbing (`browser.rs`).
/// A download could not be made; `what` names the step that failed.
pub fn download_failed(what: &str) -> String {
    format!("无法生成下载文件（{what}）。可改用“复制”功能。")
}
/// Download step: no page.
pub const DOWNLOAD_NO_PAGE: &str = "无页面";
/// Download step: the link.
pub const DOWNLOAD_LINK: &str = "链接";
/// The browser has no file reader.
pub const FILE_READER_MISSING: &str = "浏览器无法读取文件。";
/// Reading a picked file failed.
pub const FILE_READ_FAILED: &str = "读取文件失败，请重新选择文件。";

// ---- The lists page (tools/lists.rs) ----
/// Heading of the lists page.
pub const LISTS_TITLE: &str = "全部清单";
/// What the lists page is for.
pub const LISTS_INTRO: &str = "本浏览器中的任务清单：应用内置的清单，以及从表格添加的清单（例如新一年的清单）。每份清单的进度分开保存；打开哪份清单，链接里就带着哪份清单。";
/// Badge: the list built into the app.
pub const LIST_BUILTIN: &str = "内置";
/// Badge: the list open now.
pub const LIST_CURRENT: &str = "当前";
/// Opening a list.
pub const LIST_OPEN: &str = "打开";
/// Removing a list.
pub const LIST_REMOVE: &str = "删除";
/// Exporting a list's progress before removing it.
pub const LIST_EXPORT_FIRST: &str = "先导出这份清单的进度";
/// Confirming a removal.
pub const LIST_REMOVE_CONFIRM: &str = "确认删除";
/// A list's facts.
pub fn list_facts(year: i32, tasks: usize, id: &str) -> String {
    format!("{year}年度 · {tasks} 项任务 · 编号 {id}")
}
/// When a list was added.
pub fn list_added_at(stamp: &str) -> String {
    format!(" · 添加于 {stamp}")
}
/// What removing a list takes with it.
pub fn list_remove_warning(name: &str, records: usize) -> String {
    if records == 0 {
        format!("删除“{name}”？本浏览器中没有为它记录的进度。删除后可以重新添加。")
    } else {
        format!("删除“{name}”将同时删除本浏览器中为它记录的 {records} 条进度，无法撤销。建议先导出进度文件（以后重新添加这份清单后可以导入）。")
    }
}
/// Removing a list whose progress cannot be read.
pub fn list_remove_warning_unread(name: &str, problem: &str) -> String {
    format!(
        "删除“{name}”将同时删除本浏览器中为它保存的进度数据（目前无法读取：{problem}），无法撤销。"
    )
}
/// A list was removed.
pub fn list_removed(name: &str) -> String {
    format!("已删除“{name}”。")
}
/// Heading of the add-a-list section.
pub const LIST_ADD_TITLE: &str = "添加清单";
/// How to add a list.
pub const LIST_ADD_HINT: &str = "在 Excel 或 WPS 中选中整张任务表（含标题行和表头）复制后粘贴到下面，或打开表格另存的 .txt / .tsv / .csv 文件，也可以打开区里下发的原始文本。保存前会先显示读取结果，核对无误后再保存。";
/// Label of the paste box.
pub const LIST_PASTE_LABEL: &str = "粘贴任务表";
/// Reading the pasted text.
pub const LIST_READ: &str = "读取粘贴的内容";
/// Opening a table file.
pub const LIST_OPEN_FILE: &str = "打开表格文件…";
/// Nothing pasted.
pub const LIST_PASTE_EMPTY: &str = "请先粘贴任务表。";
/// A file is being read.
pub const LIST_READING: &str = "正在读取文件…";
/// Adding was cancelled.
pub const LIST_ADD_CANCELLED: &str = "已取消，没有保存任何内容。";
/// Saving the list.
pub const LIST_SAVE: &str = "保存清单";
/// Opening the list just saved.
pub const LIST_OPEN_SAVED: &str = "打开这份清单";
/// Saving a list without tasks.
pub const LIST_NO_TASKS: &str = "没有读到任何任务，不能保存。";
/// A list with this id is already stored.
pub const LIST_REPLACES: &str =
    "本浏览器已有同一编号的清单：保存后将替换它（为它记录的进度保留）。";
/// Heading: units read.
pub const LIST_REPORT_UNITS: &str = "识别的单位（任务数）：";
/// Heading: deadlines not understood.
pub const LIST_REPORT_DEADLINES_UNREAD: &str = "未能识别为日期的完成时间（这些任务将没有截止日期）";
/// Heading: rows not read.
pub const LIST_REPORT_ERRORS: &str = "未能读取的行（不会保存）";
/// Heading: things to check.
pub const LIST_REPORT_WARNINGS: &str = "请核对";
/// Heading: names that are not one of the 12 units.
pub const LIST_REPORT_UNKNOWN: &str = "不认识的单位名称";
/// What to do with unknown names.
pub const LIST_REPORT_UNKNOWN_HINT: &str = "这些名称看起来像单位，但不是 11 个街镇和现代农业园区之一。如果是某个单位的别称或笔误，请选择对应的单位；否则保持“不计入”。";
/// An unknown name kept out.
pub const LIST_UNKNOWN_KEEP_OUT: &str = "不计入（不是本区单位）";
/// A name the user mapped.
pub const LIST_MAPPED: &str = "（已按所选单位读取）";
/// The list was saved.
pub fn list_saved(title: &str) -> String {
    format!("已保存“{title}”。")
}
/// The list is the built-in one.
pub fn list_is_builtin(title: &str) -> String {
    format!("“{title}”就是应用内置的清单，无需添加。")
}
/// Storage refused the list.
pub fn list_not_saved(problem: &str) -> String {
    format!("清单没有保存：{problem}粘贴的内容仍在上面，可以稍后再试。")
}
/// Tasks read.
pub fn list_report_tasks(tasks: usize, year: i32, id: &str) -> String {
    format!("读到 {tasks} 项任务，{year}年度，清单编号 {id}")
}
/// Categories read.
pub fn list_report_categories(n: usize) -> String {
    format!("{n} 个类别：")
}
/// One category.
pub fn list_category(number: &str, name: &str, tasks: usize) -> String {
    format!("{number}{name}（{tasks}）")
}
/// One unit.
pub fn list_unit(name: &str, tasks: usize) -> String {
    format!("{name}（{tasks}）")
}
/// Deadlines understood.
pub fn list_report_deadlines(understood: usize, total: usize) -> String {
    format!("完成时间识别为日期：{understood} / {total} 项")
}
/// A deadline not understood.
pub fn list_deadline_unread(line: usize, task: u16, text: &str) -> String {
    format!("第 {line} 行，任务 {task}：“{text}”")
}
/// A problem group's heading.
pub fn list_issue_title(title: &str, n: usize) -> String {
    format!("{title}（{n}）")
}
/// The lines a name occurs on.
pub fn list_lines(lines: &[usize]) -> String {
    let shown: Vec<String> = lines.iter().take(8).map(usize::to_string).collect();
    let more = if lines.len() > 8 { "…" } else { "" };
    format!("（第 {}{more} 行）", shown.join("、"))
}
/// A table file in an unknown encoding.
pub const FILE_ENCODING_UNKNOWN: &str = "无法识别这个文件的文字编码（支持 UTF-8、UTF-16 和 GBK/GB18030）。请在 Excel 或 WPS 中另存为“Unicode 文本”或“CSV UTF-8”后再打开，或直接复制表格粘贴。";
/// Pinyin search on an added list: which characters it cannot find by pinyin.
pub fn list_report_pinyin(missing: &[char]) -> String {
    if missing.is_empty() {
        "拼音搜索：任务名称、牵头部门、类别和单位名称中的字都有拼音。".to_string()
    } else {
        let shown: String = missing.iter().take(20).collect();
        let more = if missing.len() > 20 { "…" } else { "" };
        format!(
            "拼音搜索：{} 个字不在常用字表中，按拼音搜不到（按汉字可以）：{shown}{more}",
            missing.len()
        )
    }
}
