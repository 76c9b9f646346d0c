//! Standard output: text and tables for people, or exactly one JSON document per command with
//! `--json`. Write errors (a closed pipe) become a failure instead of a panic.

use std::io::Write;

use serde_json::Value;

use crate::failure::RunFailure;

/// Where a command's result goes.
pub(crate) struct Output {
    json: bool,
}

impl Output {
    /// Output as text, or as JSON when `json`.
    pub(crate) fn new(json: bool) -> Output {
        Output { json }
    }

    /// Whether the command prints JSON.
    pub(crate) fn json(&self) -> bool {
        self.json
    }

    /// Writes `text` and a newline.
    pub(crate) fn line(&mut self, text: &str) -> Result<(), RunFailure> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
        Ok(())
    }

    /// Writes `value` as one pretty-printed JSON document.
    pub(crate) fn document(&mut self, value: &Value) -> Result<(), RunFailure> {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| RunFailure::Failed(format!("cannot format the JSON output: {e}")))?;
        self.line(&text)
    }
}

/// Writes a note for people on stderr (never part of the output a script reads).
pub(crate) fn note(text: &str) {
    let mut stderr = std::io::stderr().lock();
    // A note that cannot be written is no reason to fail the command.
    let _ = writeln!(stderr, "{text}");
}

/// A cell for an optional flag: `yes`, `no`, or `-` when the vendor said nothing.
pub(crate) fn yes_no(flag: Option<bool>) -> String {
    match flag {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => "-".into(),
    }
}

/// An optional text cell: the text, or `-`.
pub(crate) fn text(value: Option<&str>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or("-").to_owned()
}

/// `yyyy-mm-dd HH:MM UTC` for Unix seconds (the core's form of a record's time).
pub(crate) fn utc(secs: i64) -> String {
    meetctl::civil::utc_text(secs)
}

/// An optional time cell: `yyyy-mm-dd HH:MM UTC`, or `-`.
pub(crate) fn time(secs: Option<i64>) -> String {
    secs.map_or_else(|| "-".to_owned(), utc)
}

/// Key/value lines, the keys padded to one width; control characters in values are escaped.
pub(crate) fn key_values(pairs: &[(String, String)]) -> String {
    let width = pairs.iter().map(|(k, _)| self::width(k)).max().unwrap_or(0);
    let lines: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            let pad = width.saturating_sub(self::width(k));
            format!("{k}:{}  {}", " ".repeat(pad), clean(v))
        })
        .collect();
    lines.join("\n")
}

/// `cell` with control characters escaped, so a server's text cannot drive the terminal.
pub(crate) fn clean(cell: &str) -> String {
    cell.chars().flat_map(|c| if c.is_control() { c.escape_default().collect() } else { vec![c] }).collect()
}

/// The columns a character takes in a terminal: 2 for East Asian wide and full-width characters
/// (CJK, Hangul, full-width forms), 0 for combining marks and controls, 1 otherwise.
fn char_width(c: char) -> usize {
    let cp = c as u32;
    if c.is_control() || (0x0300..=0x036F).contains(&cp) || (0x200B..=0x200F).contains(&cp) {
        return 0;
    }
    let wide = matches!(cp,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// The columns `text` takes in a terminal.
pub(crate) fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// A table: a header row and aligned columns, two spaces apart; control characters in cells
/// (from a server) are escaped so they cannot drive the terminal.
pub(crate) fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| clean(c)).collect()).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let mut out = String::new();
    let header_row: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header_row).chain(rows.iter()) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths.get(i).copied().unwrap_or(0).saturating_sub(width(cell)) + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_wide_characters_and_escape_controls() {
        let t = table(
            &["NAME", "MUTED"],
            &[vec!["Tina 李".into(), "yes".into()], vec!["Bob\x1b[31m".into(), "no".into()]],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "NAME           MUTED");
        assert_eq!(lines[1], "Tina 李        yes");
        assert!(lines[2].starts_with("Bob\\u{1b}[31m  no"), "{t}");
        assert_eq!(width("会议"), 4);
    }

    #[test]
    fn times_are_utc() {
        // `date -u -d @1796652000 '+%F %H:%M'` = 2026-12-07 14:00
        assert_eq!(utc(1_796_652_000), "2026-12-07 14:00 UTC");
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_709_251_170), "2024-02-29 23:59 UTC");
        assert_eq!(time(None), "-");
        assert_eq!(
            key_values(&[("a".into(), "1".into()), ("bbb".into(), "x\x1b".into())]),
            "a:    1\nbbb:  x\\u{1b}"
        );
    }
}
