//! Finding a meeting from what a person has: the one rule for a meeting code.
//!
//! A code may be typed with spaces or dashes (`806 724 161`, `806-724-161`) or come inside a join
//! link that carries it (`…?meeting_code=806724161`, `…/p/806724161`); [`normalise_code`] keeps
//! its digits. Codes are reused over time and a recurring meeting has many occurrences, so a code
//! may name several candidates; [`choose`] picks one by the rule every binding follows:
//!
//! 1. one candidate: that one;
//! 2. of several, the one in progress;
//! 3. else the one whose scheduled time contains now;
//! 4. otherwise an [`ErrorKind::Ambiguous`] error listing the candidates
//!    ([`Error::candidates`]); no candidate at all is [`ErrorKind::NotFound`], which also covers a
//!    meeting of another company: the vendor does not show it to this app.

use crate::error::{Error, ErrorKind};
use crate::record;
use crate::tencent::TencentMeetingInfo;

/// Fewest digits a meeting code has.
pub const MIN_CODE_DIGITS: usize = 6;
/// Most digits a meeting code has.
pub const MAX_CODE_DIGITS: usize = 12;

record! {
    /// One meeting (or one occurrence of a recurring meeting) a code may mean.
    pub struct Candidate {
        /// The meeting id.
        pub meeting_id: String,
        /// The occurrence (the vendor's sub-meeting id) of a recurring meeting.
        pub occurrence: Option<String>,
        /// The subject.
        pub subject: Option<String>,
        /// Its scheduled start, Unix seconds.
        pub start_time: Option<i64>,
        /// Its scheduled end, Unix seconds.
        pub end_time: Option<i64>,
        /// Whether it is in progress now.
        pub in_progress: bool,
    }
}

impl Candidate {
    fn contains(&self, now: i64) -> bool {
        matches!((self.start_time, self.end_time), (Some(start), Some(end)) if start <= now && now < end)
    }
}

/// The digits of a meeting code as typed (spaces, dashes, dots allowed between digits) or as a
/// join link that carries one; an invalid-argument error naming `field` otherwise.
pub fn normalise_code(input: &str, field: &'static str) -> Result<String, Error> {
    let text = input.trim();
    if text.contains("://") {
        return code_in_link(text).ok_or_else(|| {
            Error::invalid(
                field,
                "this join link carries no meeting code; give the code from the invitation (9 digits)",
            )
        });
    }
    let mut digits = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '\u{a0}' | '\u{3000}' => {}
            _ => {
                return Err(Error::invalid(
                    field,
                    "a meeting code is digits, with spaces or dashes between them if you like",
                ));
            }
        }
    }
    check_length(digits, field)
}

fn check_length(digits: String, field: &'static str) -> Result<String, Error> {
    if (MIN_CODE_DIGITS..=MAX_CODE_DIGITS).contains(&digits.len()) {
        Ok(digits)
    } else {
        Err(Error::invalid(
            field,
            format!(
                "a meeting code has {MIN_CODE_DIGITS} to {MAX_CODE_DIGITS} digits, {} given",
                digits.len()
            ),
        ))
    }
}

/// The code in a join link: a `meeting_code=` (or `code=`) query parameter, or a path segment of
/// digits only.
fn code_in_link(link: &str) -> Option<String> {
    let after_scheme = link.split_once("://")?.1;
    let (path, query) = after_scheme.split_once('?').unwrap_or((after_scheme, ""));
    let query = query.split('#').next().unwrap_or("");
    let from_query = query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
        (matches!(key, "meeting_code" | "code" | "meetingCode") && digits).then(|| value.to_owned())
    });
    let from_path = || {
        path.split('/')
            .skip(1)
            .find(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_owned)
    };
    let code = from_query.or_else(from_path)?;
    check_length(code, "code").ok()
}

/// The candidates a list of Tencent meetings offers: each ordinary meeting, and each listed
/// occurrence of a recurring one (an occurrence is in progress when its meeting is and it is the
/// current one, or its time contains now).
pub fn tencent_candidates(meetings: &[TencentMeetingInfo], now: i64) -> Vec<Candidate> {
    let mut out = Vec::new();
    for m in meetings {
        let base = Candidate {
            meeting_id: m.meeting_id.clone(),
            occurrence: None,
            subject: m.subject.clone(),
            start_time: m.start_time,
            end_time: m.end_time,
            in_progress: m.in_progress,
        };
        if !m.recurring || m.occurrences.is_empty() {
            out.push(Candidate { occurrence: m.current_occurrence.clone().filter(|_| m.recurring), ..base });
            continue;
        }
        for occ in m.occurrences.iter().filter(|o| o.status != Some(1)) {
            let candidate = Candidate {
                occurrence: Some(occ.sub_meeting_id.clone()),
                start_time: occ.start_time,
                end_time: occ.end_time,
                in_progress: false,
                ..base.clone()
            };
            let current = match &m.current_occurrence {
                Some(id) => *id == occ.sub_meeting_id,
                None => candidate.contains(now),
            };
            out.push(Candidate { in_progress: m.in_progress && current, ..candidate });
        }
    }
    out
}

/// The rule: one candidate; else the one in progress; else the one whose time contains now;
/// else `Ambiguous` listing them. `what` names what was looked up (`"code 806724161"`).
pub fn choose(candidates: Vec<Candidate>, now: i64, what: &str) -> Result<Candidate, Error> {
    if candidates.is_empty() {
        return Err(Error::new(
            ErrorKind::NotFound,
            format!("no meeting has {what} for this app (a meeting of another company is not shown to it)"),
        ));
    }
    let mut candidates = candidates;
    if candidates.len() == 1 {
        if let Some(only) = candidates.pop() {
            return Ok(only);
        }
    }
    let live: Vec<&Candidate> = candidates.iter().filter(|c| c.in_progress).collect();
    let pool: Vec<&Candidate> = match live.len() {
        1 => return Ok(live[0].clone()),
        0 => {
            let now_on: Vec<&Candidate> = candidates.iter().filter(|c| c.contains(now)).collect();
            match now_on.len() {
                1 => return Ok(now_on[0].clone()),
                0 => candidates.iter().collect(),
                _ => now_on,
            }
        }
        _ => live,
    };
    let listed: Vec<Candidate> = pool.into_iter().cloned().collect();
    Err(Error::ambiguous(what, listed))
}

/// One line on a candidate, as the `Ambiguous` message and the CLI give it:
/// `meeting 1242152153003 occurrence 1700300002 "Daily stand-up" 2026-12-07 13:50 UTC – 2026-12-07
/// 14:50 UTC (in progress)`.
impl std::fmt::Display for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "meeting {}", self.meeting_id)?;
        if let Some(occ) = &self.occurrence {
            write!(f, " occurrence {occ}")?;
        }
        if let Some(subject) = &self.subject {
            write!(f, " {subject:?}")?;
        }
        match (self.start_time, self.end_time) {
            (Some(s), Some(e)) => write!(f, " {} – {}", utc(s), utc(e))?,
            (Some(s), None) => write!(f, " from {}", utc(s))?,
            _ => {}
        }
        if self.in_progress {
            f.write_str(" (in progress)")?;
        }
        Ok(())
    }
}

pub(crate) fn describe(c: &Candidate) -> String {
    c.to_string()
}

fn utc(secs: i64) -> String {
    crate::civil::utc_text(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, start: i64, end: i64, live: bool) -> Candidate {
        Candidate {
            meeting_id: id.into(),
            occurrence: None,
            subject: None,
            start_time: Some(start),
            end_time: Some(end),
            in_progress: live,
        }
    }

    #[test]
    fn codes_as_people_type_them() {
        for typed in ["806724161", "806 724 161", "806-724-161", " 806 - 724 - 161 ", "806.724.161"] {
            assert_eq!(normalise_code(typed, "code").unwrap(), "806724161", "{typed}");
        }
        for link in [
            "https://meeting.tencent.com/p/806724161",
            "wemeet://page/inmeeting?meeting_code=806724161&token=x",
            "https://meeting.tencent.com/s/abc?code=806724161#x",
        ] {
            assert_eq!(normalise_code(link, "code").unwrap(), "806724161", "{link}");
        }
        let e = normalise_code("https://meeting.tencent.com/dm/AbCdEf", "code").unwrap_err();
        assert_eq!((e.kind(), e.field()), (ErrorKind::InvalidArgument, Some("code")));
        assert!(e.message().contains("carries no meeting code"));
        // Found by the `lookups` fuzz target: a query value that is not digits is no code.
        let e = normalise_code("eI://1?meeting_code=$name", "code").unwrap_err();
        assert_eq!(e.field(), Some("code"));
        for bad in ["", "80672416x", "12345", "1234567890123", "806_724_161"] {
            let e = normalise_code(bad, "code").unwrap_err();
            assert_eq!(e.field(), Some("code"), "{bad}");
        }
    }

    #[test]
    fn the_rule_in_order() {
        let now = 1_000;
        assert_eq!(choose(vec![c("a", 0, 10, false)], now, "x").unwrap().meeting_id, "a");
        let live = choose(vec![c("a", 900, 1100, false), c("b", 0, 10, true)], now, "x").unwrap();
        assert_eq!(live.meeting_id, "b", "in progress wins over a time containing now");
        let timely = choose(vec![c("a", 900, 1100, false), c("b", 2000, 3000, false)], now, "x").unwrap();
        assert_eq!(timely.meeting_id, "a");
        let e =
            choose(vec![c("a", 2000, 3000, false), c("b", 4000, 5000, false)], now, "code 1").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Ambiguous);
        assert_eq!(e.candidates().len(), 2);
        let e = choose(vec![c("a", 0, 10, true), c("b", 0, 10, true)], now, "code 1").unwrap_err();
        assert_eq!(e.candidates().iter().map(|c| c.meeting_id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(choose(vec![], now, "code 1").unwrap_err().kind(), ErrorKind::NotFound);
    }

    #[test]
    fn a_candidate_in_one_line() {
        let c = Candidate {
            meeting_id: "1".into(),
            occurrence: Some("9".into()),
            subject: Some("Stand-up".into()),
            start_time: Some(1_796_652_000),
            end_time: Some(1_796_655_600),
            in_progress: true,
        };
        assert_eq!(
            c.to_string(),
            "meeting 1 occurrence 9 \"Stand-up\" 2026-12-07 14:00 UTC – 2026-12-07 15:00 UTC (in progress)"
        );
    }

    #[test]
    fn utc_text() {
        // `date -u -d @1796652000 '+%F %H:%M'` = 2026-12-07 14:00
        assert_eq!(utc(1_796_652_000), "2026-12-07 14:00 UTC");
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
    }
}
