//! Every piece of UI text in one place, in Simplified Chinese, so wording stays consistent.

/// The app's short name.
pub const APP_NAME: &str = "清单";
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
/// Navigation: export / import page.
pub const NAV_DATA: &str = "数据";
/// Label of the main navigation.
pub const NAV_LABEL: &str = "主导航";
/// Link to the user's own unit in the top bar.
pub const NAV_MY_UNIT: &str = "我的街镇";
/// Search box label.
pub const SEARCH_LABEL: &str = "搜索任务";
/// Search box placeholder.
pub const SEARCH_PLACEHOLDER: &str = "名称、要求、任务量、部门，空格分隔多个词";
/// Sort control label.
pub const SORT_LABEL: &str = "排序";
/// As-of date control label.
pub const AS_OF_LABEL: &str = "截至日期";
/// Resets the as-of date to today.
pub const AS_OF_TODAY: &str = "回到今天";
/// Filter panel title.
pub const FILTERS: &str = "筛选";
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
