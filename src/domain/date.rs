//! Calendar dates and wall-clock times without a date-time library.
//!
//! The app needs little: deadlines (`2022-10-31`) compared with "today", days between two dates,
//! and timestamps shown as `2022-11-28 14:03` in a fixed offset (China Standard Time). A civil
//! date with Howard Hinnant's days-from-civil algorithms covers all of it in a few hundred bytes
//! of wasm, where `chrono` brought its parser, `strftime` machinery and `core::fmt` padding.
//!
//! Text forms are the ones chrono produced, so the embedded JSON and every export stay
//! byte-identical: `YYYY-MM-DD` for years 0..=9999, and a sign with at least four digits outside
//! them (`-0001-01-01`, `+10000-01-01`).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Earliest supported year (the same range as chrono's `NaiveDate`).
pub const MIN_YEAR: i32 = -262_143;
/// Latest supported year.
pub const MAX_YEAR: i32 = 262_142;

/// Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
const EPOCH_SHIFT: i64 = 719_468;
/// Days in a 400-year era.
const ERA_DAYS: i64 = 146_097;

/// A day of the proleptic Gregorian calendar, e.g. 2022-10-31. Ordered chronologically.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order makes the derived `Ord` chronological.
    year: i32,
    month: u8,
    day: u8,
}

/// Whether `year` is a leap year.
pub const fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1..=12) of `year`; 0 for a month out of range.
pub const fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, or `None` if it does not exist (month 13, 30 February, a year out of range …).
    pub const fn from_ymd_opt(year: i32, month: u32, day: u32) -> Option<Date> {
        if year < MIN_YEAR || year > MAX_YEAR || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The last day of `month` in `year`, e.g. 2022-02-28.
    pub const fn last_day_of_month(year: i32, month: u32) -> Option<Date> {
        Date::from_ymd_opt(year, month, days_in_month(year, month))
    }

    /// The year, e.g. 2022.
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The month, 1..=12.
    pub const fn month(self) -> u32 {
        self.month as u32
    }

    /// The day of the month, 1..=31.
    pub const fn day(self) -> u32 {
        self.day as u32
    }

    /// Days since 1970-01-01 (negative before it).
    pub const fn epoch_days(self) -> i64 {
        let (m, d) = (self.month as i64, self.day as i64);
        let y = self.year as i64 - if m <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400; // 0..=399
        let mp = if m > 2 { m - 3 } else { m + 9 }; // March = 0
        let doy = (153 * mp + 2) / 5 + d - 1; // 0..=365
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // 0..=146096
        era * ERA_DAYS + doe - EPOCH_SHIFT
    }

    /// The date `days` after 1970-01-01, or `None` outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub const fn from_epoch_days(days: i64) -> Option<Date> {
        // Far outside the range; also keeps the arithmetic below from overflowing.
        if days < -100_000_000 || days > 100_000_000 {
            return None;
        }
        let z = days + EPOCH_SHIFT;
        let era = z.div_euclid(ERA_DAYS);
        let doe = z - era * ERA_DAYS; // 0..=146096
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365; // 0..=399
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365
        let mp = (5 * doy + 2) / 153; // 0..=11, March = 0
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
        if year < MIN_YEAR as i64 || year > MAX_YEAR as i64 {
            return None;
        }
        Some(Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The date `days` later (earlier if negative), or `None` out of range.
    pub const fn add_days(self, days: i64) -> Option<Date> {
        match self.epoch_days().checked_add(days) {
            Some(d) => Date::from_epoch_days(d),
            None => None,
        }
    }

    /// Days from `earlier` to `self`: 1 from 2022-02-28 to 2022-03-01, negative if `earlier` is
    /// later.
    pub const fn days_since(self, earlier: Date) -> i64 {
        self.epoch_days() - earlier.epoch_days()
    }

    /// Parses `YYYY-MM-DD` (a year outside 0..=9999 with a sign and at least four digits, as
    /// [`Date::to_iso`] writes it). Strict: no spaces, exactly two digits for month and day, and
    /// the date must exist.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        let (negative, signed, rest) = match b.first()? {
            b'-' => (true, true, &b[1..]),
            b'+' => (false, true, &b[1..]),
            _ => (false, false, b),
        };
        let year_len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let year_ok = if signed {
            (4..=6).contains(&year_len)
        } else {
            year_len == 4
        };
        if !year_ok || rest.len() != year_len + 6 {
            return None;
        }
        let (year_digits, md) = rest.split_at(year_len);
        if md[0] != b'-' || md[3] != b'-' {
            return None;
        }
        let year = digits(year_digits)? as i32;
        let month = digits(&md[1..3])?;
        let day = digits(&md[4..6])?;
        Date::from_ymd_opt(if negative { -year } else { year }, month, day)
    }

    /// `YYYY-MM-DD`, e.g. `2022-10-31`.
    pub fn to_iso(self) -> String {
        let mut out = String::with_capacity(10);
        self.write_iso(&mut out);
        out
    }

    /// Appends `YYYY-MM-DD` to `out`.
    pub fn write_iso(self, out: &mut String) {
        if (0..=9999).contains(&self.year) {
            push_padded(out, self.year as u32, 4);
        } else {
            out.push(if self.year < 0 { '-' } else { '+' });
            push_padded(out, self.year.unsigned_abs(), 4);
        }
        out.push('-');
        push_padded(out, self.month(), 2);
        out.push('-');
        push_padded(out, self.day(), 2);
    }
}

/// 1970-01-01, like chrono's `NaiveDate::default()`.
impl Default for Date {
    fn default() -> Self {
        Date {
            year: 1970,
            month: 1,
            day: 1,
        }
    }
}

/// The ISO form, as chrono's `Debug` printed it.
impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// The ISO form, `YYYY-MM-DD`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IsoVisitor;
        impl Visitor<'_> for IsoVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse_iso(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(IsoVisitor)
    }
}

/// A wall-clock time to the second in some fixed offset from UTC, e.g. 2022-11-28 14:03:05.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct DateTime {
    /// The calendar date.
    pub date: Date,
    /// 0..=23.
    pub hour: u8,
    /// 0..=59.
    pub minute: u8,
    /// 0..=59.
    pub second: u8,
}

impl DateTime {
    /// The local time of a timestamp (ms since 1970-01-01 UTC) at `offset_secs` east of UTC;
    /// `None` out of [`Date`]'s range.
    pub fn from_unix_ms(ms: i64, offset_secs: i32) -> Option<DateTime> {
        let secs = ms.div_euclid(1000).checked_add(i64::from(offset_secs))?;
        let date = Date::from_epoch_days(secs.div_euclid(86_400))?;
        let in_day = secs.rem_euclid(86_400);
        Some(DateTime {
            date,
            hour: (in_day / 3600) as u8,
            minute: (in_day / 60 % 60) as u8,
            second: (in_day % 60) as u8,
        })
    }

    /// `YYYY-MM-DD HH:MM` (strftime `%Y-%m-%d %H:%M`).
    pub fn format_minutes(self) -> String {
        let mut out = String::with_capacity(16);
        self.date.write_iso(&mut out);
        out.push(' ');
        push_padded(&mut out, u32::from(self.hour), 2);
        out.push(':');
        push_padded(&mut out, u32::from(self.minute), 2);
        out
    }

    /// `MM-DD` (strftime `%m-%d`).
    pub fn format_month_day(self) -> String {
        let mut out = String::with_capacity(5);
        push_padded(&mut out, self.date.month(), 2);
        out.push('-');
        push_padded(&mut out, self.date.day(), 2);
        out
    }
}

/// The value of ASCII digits (at most 9 of them), or `None` if any byte is not a digit.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// Appends `n` in decimal, zero-padded to at least `width` digits.
pub fn push_padded(out: &mut String, n: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = i.min(buf.len().saturating_sub(width));
    for &c in &buf[start..] {
        out.push(char::from(c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(d(1970, 1, 1).epoch_days(), 0);
        assert_eq!(Date::default(), d(1970, 1, 1));
        assert_eq!(d(2022, 10, 31).epoch_days(), 19_296);
        assert_eq!(d(2000, 3, 1).epoch_days(), 11_017);
        assert_eq!(d(1969, 12, 31).epoch_days(), -1);
        assert_eq!(d(0, 3, 1).epoch_days(), -EPOCH_SHIFT);
        assert_eq!(Date::from_epoch_days(19_296), Some(d(2022, 10, 31)));
    }

    #[test]
    fn round_trips_over_a_wide_range() {
        let first = d(MIN_YEAR, 1, 1).epoch_days();
        let last = d(MAX_YEAR, 12, 31).epoch_days();
        assert_eq!(Date::from_epoch_days(first - 1), None);
        assert_eq!(Date::from_epoch_days(last + 1), None);
        assert_eq!(Date::from_epoch_days(i64::MIN), None);
        assert_eq!(Date::from_epoch_days(i64::MAX), None);
        // Every day of 1600..=2500, and a sample of the whole range, one day after another.
        let mut prev: Option<Date> = None;
        let dense = d(1600, 1, 1).epoch_days()..=d(2500, 12, 31).epoch_days();
        let sparse = (first..=last).step_by(997);
        for n in dense.chain(sparse).chain([first, last]) {
            let date = Date::from_epoch_days(n).unwrap();
            assert_eq!(date.epoch_days(), n);
            assert_eq!(
                Date::from_ymd_opt(date.year(), date.month(), date.day()),
                Some(date)
            );
            assert_eq!(
                Date::parse_iso(&date.to_iso()),
                Some(date),
                "{}",
                date.to_iso()
            );
            if let Some(p) = prev.filter(|p| p.epoch_days() + 1 == n) {
                assert!(p < date);
                assert_eq!(p.add_days(1), Some(date));
                assert_eq!(date.days_since(p), 1);
                // Successive days: either the next day of the month or the first of the next.
                let next_day = p.day() < days_in_month(p.year(), p.month());
                if next_day {
                    assert_eq!(
                        (date.year(), date.month(), date.day()),
                        (p.year(), p.month(), p.day() + 1)
                    );
                } else {
                    assert_eq!(date.day(), 1);
                }
            }
            prev = Some(date);
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2024) && is_leap_year(2000) && is_leap_year(0) && is_leap_year(-4));
        assert!(
            !is_leap_year(2022) && !is_leap_year(1900) && !is_leap_year(2100) && !is_leap_year(-1)
        );
        assert_eq!(Date::last_day_of_month(2024, 2), Some(d(2024, 2, 29)));
        assert_eq!(Date::last_day_of_month(2022, 2), Some(d(2022, 2, 28)));
        assert_eq!(Date::last_day_of_month(1900, 2), Some(d(1900, 2, 28)));
        assert_eq!(Date::last_day_of_month(2000, 2), Some(d(2000, 2, 29)));
        assert_eq!(Date::last_day_of_month(2022, 4), Some(d(2022, 4, 30)));
        assert_eq!(Date::last_day_of_month(2022, 12), Some(d(2022, 12, 31)));
        assert_eq!(Date::last_day_of_month(2022, 13), None);
        assert_eq!(d(2024, 3, 1).days_since(d(2024, 2, 28)), 2);
        assert_eq!(d(2023, 3, 1).days_since(d(2023, 2, 28)), 1);
        assert_eq!(d(2025, 1, 1).days_since(d(2024, 1, 1)), 366);
        assert_eq!(d(2001, 1, 1).days_since(d(1601, 1, 1)), ERA_DAYS);
    }

    #[test]
    fn invalid_dates_are_rejected() {
        for (y, m, day) in [
            (2022, 2, 29),
            (1900, 2, 29),
            (2022, 4, 31),
            (2022, 0, 1),
            (2022, 13, 1),
            (2022, 1, 0),
            (2022, 1, 32),
            (MAX_YEAR + 1, 1, 1),
            (MIN_YEAR - 1, 12, 31),
            (2022, u32::MAX, 1),
            (2022, 1, u32::MAX),
        ] {
            assert_eq!(Date::from_ymd_opt(y, m, day), None, "{y}-{m}-{day}");
        }
        assert_eq!(d(MAX_YEAR, 12, 31).add_days(1), None);
        assert_eq!(d(2022, 1, 1).add_days(i64::MAX), None);
        assert_eq!(d(2022, 1, 1).add_days(-1), Some(d(2021, 12, 31)));
    }

    #[test]
    fn iso_text() {
        assert_eq!(d(2022, 10, 1).to_iso(), "2022-10-01");
        assert_eq!(d(5, 1, 2).to_iso(), "0005-01-02");
        assert_eq!(d(0, 1, 1).to_iso(), "0000-01-01");
        assert_eq!(d(-1, 12, 31).to_iso(), "-0001-12-31");
        assert_eq!(d(-273, 1, 1).to_iso(), "-0273-01-01");
        assert_eq!(d(10_000, 1, 1).to_iso(), "+10000-01-01");
        assert_eq!(d(MIN_YEAR, 1, 1).to_iso(), "-262143-01-01");
        assert_eq!(
            format!("{:?} {}", d(2022, 3, 4), d(2022, 3, 4)),
            "2022-03-04 2022-03-04"
        );
        for (text, date) in [
            ("2022-10-31", Some(d(2022, 10, 31))),
            ("2024-02-29", Some(d(2024, 2, 29))),
            ("-0001-12-31", Some(d(-1, 12, 31))),
            ("+10000-01-01", Some(d(10_000, 1, 1))),
            ("+2022-01-01", Some(d(2022, 1, 1))),
            ("2022-02-29", None),
            ("2022-1-05", None),
            ("2022-01-5", None),
            ("22-01-05", None),
            ("02022-01-05", None),
            ("2022/01/05", None),
            ("2022-01-05 ", None),
            (" 2022-01-05", None),
            ("2022-01-05T00:00", None),
            ("2022-00-10", None),
            ("２０２２-01-05", None),
            ("+-2022-01-05", None),
            ("-", None),
            ("", None),
            ("+1000000-01-01", None),
            ("+262143-01-01", None),
        ] {
            assert_eq!(Date::parse_iso(text), date, "{text:?}");
        }
    }

    #[test]
    fn serde_is_the_iso_string() {
        let date = d(2022, 10, 31);
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2022-10-31\"");
        assert_eq!(
            serde_json::from_str::<Date>("\"2022-10-31\"").unwrap(),
            date
        );
        assert!(serde_json::from_str::<Date>("\"2022-10-32\"").is_err());
        assert!(serde_json::from_str::<Date>("20221031").is_err());
        let opt: Option<Date> = serde_json::from_str("null").unwrap();
        assert_eq!(opt, None);
    }

    #[test]
    fn timestamps_in_a_fixed_offset() {
        const CST: i32 = 8 * 3600;
        // 2022-11-28 00:30 in Shanghai is 2022-11-27 16:30 UTC.
        let t = DateTime::from_unix_ms(1_669_566_600_000, CST).unwrap();
        assert_eq!(t.date, d(2022, 11, 28));
        assert_eq!(t.format_minutes(), "2022-11-28 00:30");
        assert_eq!(t.format_month_day(), "11-28");
        let utc = DateTime::from_unix_ms(1_669_566_600_999, 0).unwrap();
        assert_eq!((utc.hour, utc.minute, utc.second), (16, 30, 0));
        assert_eq!(utc.format_minutes(), "2022-11-27 16:30");
        // Before the epoch, milliseconds round down to the earlier second.
        let before = DateTime::from_unix_ms(-1, 0).unwrap();
        assert_eq!(before.format_minutes(), "1969-12-31 23:59");
        assert_eq!(before.second, 59);
        assert_eq!(DateTime::from_unix_ms(i64::MAX, CST), None);
        assert_eq!(DateTime::from_unix_ms(i64::MIN, CST), None);
    }

    #[test]
    fn padding() {
        let mut s = String::new();
        push_padded(&mut s, 7, 2);
        push_padded(&mut s, 12345, 4);
        push_padded(&mut s, 0, 1);
        push_padded(&mut s, u32::MAX, 4);
        assert_eq!(s, "07123450".to_string() + &u32::MAX.to_string());
    }
}
