//! Calendar formatting of emulator time (UTC): the HTTP `Date` header (IMF-fixdate) and Huawei's
//! `yyyy-MM-dd HH:mm` times.

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A UTC calendar time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    /// Days since 1970-01-01 (negative before).
    days: i64,
}

/// The civil date of Unix time `secs` (Howard Hinnant's days-to-civil algorithm).
fn civil(secs: i64) -> Civil {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month: u32::try_from(month).unwrap_or(1),
        day: u32::try_from(day).unwrap_or(1),
        hour: rem / 3600,
        minute: rem % 3600 / 60,
        second: rem % 60,
        days,
    }
}

/// Unix time `secs` as an HTTP IMF-fixdate, e.g. `Mon, 07 Dec 2026 14:00:00 GMT`.
pub(crate) fn http_date(secs: i64) -> String {
    let c = civil(secs);
    let weekday = DAYS[usize::try_from(c.days.rem_euclid(7)).unwrap_or(0)];
    let month = MONTHS[usize::try_from(c.month.saturating_sub(1)).unwrap_or(0) % 12];
    format!("{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT", c.day, c.year, c.hour, c.minute, c.second)
}

/// Unix time `secs` as Huawei writes conference times: `yyyy-MM-dd HH:mm`, UTC.
pub(crate) fn huawei_minutes(secs: i64) -> String {
    let c = civil(secs);
    format!("{:04}-{:02}-{:02} {:02}:{:02}", c.year, c.month, c.day, c.hour, c.minute)
}

/// Unix time `secs` as Tencent writes a room's answer time: `yyyy/MM/dd HH:mm:ss` (the
/// vendor's example, `2022/11/22 14:35:26`), UTC.
pub(crate) fn tencent_seconds(secs: i64) -> String {
    let c = civil(secs);
    format!("{:04}/{:02}/{:02} {:02}:{:02}:{:02}", c.year, c.month, c.day, c.hour, c.minute, c.second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        // 2026-12-07 14:00:00 UTC.
        assert_eq!(http_date(1_796_652_000), "Mon, 07 Dec 2026 14:00:00 GMT");
        assert_eq!(http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(http_date(-1), "Wed, 31 Dec 1969 23:59:59 GMT");
        assert_eq!(tencent_seconds(1_796_652_000), "2026/12/07 14:00:00");
        assert_eq!(huawei_minutes(1_576_650_480), "2019-12-18 06:28");
    }

    #[test]
    fn extremes_do_not_panic() {
        let _ = http_date(i64::MAX / 2);
        let _ = http_date(i64::MIN / 2);
        let _ = huawei_minutes(i64::MAX / 2);
    }
}
