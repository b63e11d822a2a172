//! Deadlines relative to an "as of" date: days left, a traffic light and a short phrase.

use crate::domain::date::Date;
use crate::domain::messages;
use crate::domain::task::Dataset;

/// The plan's last deadline: the latest task deadline, and at least 31 December of the plan year
/// (the year every "N月底" of the list is read in).
pub fn plan_end(ds: &Dataset) -> Date {
    let year_end = Date::from_ymd_opt(ds.meta.year, 12, 31).unwrap_or_default();
    ds.tasks
        .iter()
        .filter_map(|t| t.deadline)
        .fold(year_end, Date::max)
}

/// The date a view is measured against when the URL names none: today, or, once the plan's year
/// is over, the plan's last deadline — a finished plan is shown as it stood at its end, not with
/// every task "overdue by 1 400 days". `Some` only in that second case.
pub fn finished_plan_as_of(ds: &Dataset, today: Date) -> Option<Date> {
    let end = plan_end(ds);
    (today.year() > ds.meta.year && today > end).then_some(end)
}

/// Days from `as_of` to `deadline`: positive = still to go, 0 = due today, negative = overdue.
pub fn days_left(deadline: Date, as_of: Date) -> i64 {
    deadline.days_since(as_of)
}

/// How many days before the deadline a task turns [`Light::Yellow`] (inclusive).
pub const WARN_DAYS: i64 = 14;

/// Traffic light of a task's deadline.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Light {
    /// More than [`WARN_DAYS`] days left.
    Green,
    /// 0..=[`WARN_DAYS`] days left.
    Yellow,
    /// Past the deadline and not done.
    Red,
    /// Marked done (whatever the date).
    Done,
    /// The task names no deadline.
    NoDate,
}

impl Light {
    /// CSS class for the light, e.g. `light-green`.
    pub fn css_class(self) -> &'static str {
        match self {
            Light::Green => "light-green",
            Light::Yellow => "light-yellow",
            Light::Red => "light-red",
            Light::Done => "light-done",
            Light::NoDate => "light-nodate",
        }
    }

    /// Short Chinese label for the light.
    pub fn label(self) -> &'static str {
        match self {
            Light::Green => messages::LIGHT_GREEN,
            Light::Yellow => messages::LIGHT_YELLOW,
            Light::Red => messages::OVERDUE,
            Light::Done => messages::STATUS_DONE,
            Light::NoDate => messages::NO_DATE,
        }
    }
}

/// The light for a deadline as of a date; `done` overrides everything.
pub fn light(deadline: Option<Date>, as_of: Date, done: bool) -> Light {
    if done {
        return Light::Done;
    }
    match deadline {
        None => Light::NoDate,
        Some(d) => match days_left(d, as_of) {
            n if n < 0 => Light::Red,
            n if n <= WARN_DAYS => Light::Yellow,
            _ => Light::Green,
        },
    }
}

/// A short phrase: "还剩 12 天", "今天到期", "已逾期 3 天", "已完成" or "无截止日期".
pub fn deadline_phrase(deadline: Option<Date>, as_of: Date, done: bool) -> String {
    if done {
        return messages::STATUS_DONE.to_string();
    }
    match deadline {
        None => messages::NO_DEADLINE.to_string(),
        Some(d) => match days_left(d, as_of) {
            0 => messages::DUE_TODAY.to_string(),
            n if n > 0 => messages::days_left(n),
            n => messages::days_overdue(-n),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_left_counts_calendar_days() {
        assert_eq!(days_left(d(2022, 10, 31), d(2022, 10, 1)), 30);
        assert_eq!(days_left(d(2022, 3, 1), d(2022, 2, 28)), 1);
        assert_eq!(days_left(d(2022, 6, 30), d(2022, 6, 30)), 0);
        assert_eq!(days_left(d(2022, 6, 30), d(2022, 7, 3)), -3);
        assert_eq!(days_left(d(2023, 1, 1), d(2022, 12, 31)), 1);
    }

    #[test]
    fn light_thresholds() {
        let due = Some(d(2022, 10, 31));
        assert_eq!(light(due, d(2022, 10, 15), false), Light::Green); // 16 days
        assert_eq!(light(due, d(2022, 10, 16), false), Light::Green); // 15 days
        assert_eq!(light(due, d(2022, 10, 17), false), Light::Yellow); // 14 days
        assert_eq!(light(due, d(2022, 10, 31), false), Light::Yellow); // today
        assert_eq!(light(due, d(2022, 11, 1), false), Light::Red);
        assert_eq!(light(due, d(2022, 11, 1), true), Light::Done);
        assert_eq!(light(None, d(2022, 11, 1), false), Light::NoDate);
        assert_eq!(light(None, d(2022, 11, 1), true), Light::Done);
    }

    #[test]
    fn phrases() {
        let due = Some(d(2022, 10, 31));
        assert_eq!(deadline_phrase(due, d(2022, 10, 19), false), "还剩 12 天");
        assert_eq!(deadline_phrase(due, d(2022, 10, 31), false), "今天到期");
        assert_eq!(deadline_phrase(due, d(2022, 11, 3), false), "已逾期 3 天");
        assert_eq!(deadline_phrase(due, d(2022, 11, 3), true), "已完成");
        assert_eq!(deadline_phrase(None, d(2022, 11, 3), false), "无截止日期");
    }

    #[test]
    fn labels_and_classes() {
        assert_eq!(Light::Green.css_class(), "light-green");
        assert_eq!(Light::NoDate.css_class(), "light-nodate");
        assert_eq!(Light::Yellow.label(), "临近");
        assert_eq!(Light::Red.label(), "逾期");
    }
}
