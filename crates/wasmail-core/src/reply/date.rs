//! The Date of a received message, kept in the sender's own UTC offset.

use std::fmt;

use crate::context::{UtcOffset, format_rfc5322_date};

/// A message's `Date:` as its sender wrote it: the local time and the sender's UTC offset.
///
/// ```
/// use wasmail_core::reply::MessageDate;
///
/// let date = MessageDate::parse("Mon, 23 Nov 2026 01:42:54 +0100").unwrap();
/// assert_eq!(date.unix_time(), 1_795_394_574);
/// assert_eq!(date.utc_offset().minutes(), 60);
/// assert_eq!(date.to_string(), "Mon, 23 Nov 2026 01:42:54 +0100");
/// assert_eq!(date.attribution_form(), "Mon, 23 Nov 2026 at 01:42");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MessageDate {
    unix_time: i64,
    utc_offset: UtcOffset,
}

impl MessageDate {
    /// A date at `unix_time` seen from `utc_offset`.
    pub fn new(unix_time: i64, utc_offset: UtcOffset) -> MessageDate {
        MessageDate {
            unix_time,
            utc_offset,
        }
    }

    /// Parses an RFC 5322 date such as `Mon, 23 Nov 2026 01:42:54 +0100` (obsolete zone names
    /// included); `None` when it is not a valid date.
    pub fn parse(value: &str) -> Option<MessageDate> {
        MessageDate::from_parsed(&mail_parser::DateTime::parse_rfc822(value)?)
    }

    pub(crate) fn from_parsed(date: &mail_parser::DateTime) -> Option<MessageDate> {
        if !date.is_valid() {
            return None;
        }
        let minutes = i32::from(date.tz_hour) * 60 + i32::from(date.tz_minute);
        let signed = if date.tz_before_gmt {
            -minutes
        } else {
            minutes
        };
        let utc_offset = UtcOffset::from_minutes(signed).ok()?;
        Some(MessageDate {
            unix_time: date.to_timestamp(),
            utc_offset,
        })
    }

    /// Seconds since 1970-01-01T00:00:00 UTC, for sorting.
    pub fn unix_time(&self) -> i64 {
        self.unix_time
    }

    /// The sender's offset from UTC.
    pub fn utc_offset(&self) -> UtcOffset {
        self.utc_offset
    }

    /// The form used in reply attributions: `Mon, 23 Nov 2026 at 01:42`, in the sender's
    /// local time, as the sender's own client showed it.
    pub fn attribution_form(&self) -> String {
        let full = self.to_string();
        // `Www, DD Mon YYYY HH:MM:SS +ZZZZ` has fixed widths: the date is the first 16
        // characters, the hours and minutes the 5 after the following space.
        match (full.get(..16), full.get(17..22)) {
            (Some(day), Some(time)) => format!("{day} at {time}"),
            _ => full,
        }
    }
}

/// The RFC 5322 form, `Mon, 23 Nov 2026 01:42:54 +0100`.
impl fmt::Display for MessageDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_rfc5322_date(self.unix_time, self.utc_offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_offsets_and_obsolete_zones() {
        let date = MessageDate::parse("Tue, 1 Jul 2025 09:05:00 -0430").unwrap();
        assert_eq!(date.attribution_form(), "Tue, 01 Jul 2025 at 09:05");
        assert_eq!(date.utc_offset().minutes(), -270);
        let est = MessageDate::parse("1 Jul 2025 09:05:00 EST").unwrap();
        assert_eq!(est.to_string(), "Tue, 01 Jul 2025 09:05:00 -0500");
        assert_eq!(MessageDate::parse("not a date"), None);
    }
}
