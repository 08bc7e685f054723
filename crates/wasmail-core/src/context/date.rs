//! The RFC 5322 date-time format (`Mon, 23 Nov 2026 01:42:54 +0100`), computed from Unix time
//! without a date library: only the proleptic Gregorian calendar is needed.

use super::UtcOffset;

const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SECONDS_PER_DAY: i64 = 86_400;

/// Formats `unix_time` as seen by someone at `offset`, e.g. `Mon, 23 Nov 2026 01:42:54 +0100`.
pub fn format_rfc5322_date(unix_time: i64, offset: UtcOffset) -> String {
    let local = unix_time.saturating_add(offset.seconds());
    let days = local.div_euclid(SECONDS_PER_DAY);
    let seconds = local.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = (days + 4).rem_euclid(7) as usize;
    // Written digit by digit: this runs for every message, and `format!` costs more than
    // the rest of a short message's headers.
    let mut out = String::with_capacity(31);
    out.push_str(DAY_NAMES[weekday]);
    out.push_str(", ");
    push_digits(&mut out, i64::from(day), 2);
    out.push(' ');
    out.push_str(MONTH_NAMES[(month - 1) as usize]);
    out.push(' ');
    push_digits(&mut out, year, 4);
    out.push(' ');
    push_digits(&mut out, seconds / 3600, 2);
    out.push(':');
    push_digits(&mut out, seconds / 60 % 60, 2);
    out.push(':');
    push_digits(&mut out, seconds % 60, 2);
    out.push(' ');
    let minutes = offset.minutes();
    out.push(if minutes < 0 { '-' } else { '+' });
    push_digits(&mut out, i64::from(minutes.unsigned_abs() / 60), 2);
    push_digits(&mut out, i64::from(minutes.unsigned_abs() % 60), 2);
    out
}

/// Appends the last `width` decimal digits of `value` (not negative), zero-padded.
fn push_digits(out: &mut String, value: i64, width: u32) {
    for place in (0..width).rev() {
        let digit = value / 10_i64.pow(place) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

/// The UTC calendar day of `unix_time` as `YYYY-MM-DD` (ISO 8601), as certificate validity
/// dates are shown.
///
/// ```
/// assert_eq!(wasmail_core::context::format_iso_date(1_795_394_574), "2026-11-23");
/// ```
pub fn format_iso_date(unix_time: i64) -> String {
    let (year, month, day) = civil_from_days(unix_time.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Year, month (1-12) and day (1-31) of the day `days` after 1970-01-01.
///
/// Howard Hinnant's `civil_from_days`: count in 400-year eras starting on 0000-03-01, so the
/// leap day falls at the end of each counted year.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // 0 = March
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(format_iso_date(0), "1970-01-01");
        assert_eq!(format_iso_date(951_782_400), "2000-02-29");
        assert_eq!(format_iso_date(1_767_225_599), "2025-12-31");
        assert_eq!(format_iso_date(-1), "1969-12-31");
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-25_567), (1900, 1, 1));
        assert_eq!(civil_from_days(2_932_896), (9999, 12, 31));
    }
}
