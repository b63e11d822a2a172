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
