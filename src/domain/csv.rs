//! CSV for Excel: writing (UTF-8 BOM, CRLF, RFC 4180 quoting, formula-injection guard) and a
//! small RFC 4180 parser, used to prove that what we write reads back to the same cells.

/// Byte order mark: without it Excel reads UTF-8 CSV as the local ANSI code page (GBK) and the
/// Chinese text turns into mojibake.
pub const BOM: char = '\u{feff}';

/// Characters that make Excel (or LibreOffice) treat a cell as a formula or control input.
const DANGEROUS_FIRST: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

const GUARD: char = '\'';

/// Prefixes `'` to a cell that would otherwise start a formula (`=`, `+`, `-`, `@`, TAB, CR), so
/// a note like `=HYPERLINK(...)` shows as text. A cell that already starts with `'` followed by
/// one of those or by another `'` is prefixed too, so that [`unguard_cell`] is an exact inverse.
pub fn guard_cell(cell: &str) -> String {
    if needs_guard(cell) {
        let mut s = String::with_capacity(cell.len() + 1);
        s.push(GUARD);
        s.push_str(cell);
        s
    } else {
        cell.to_string()
    }
}

fn needs_guard(cell: &str) -> bool {
    let mut chars = cell.chars();
    match chars.next() {
        Some(c) if DANGEROUS_FIRST.contains(&c) => true,
        Some(GUARD) => {
            matches!(chars.next(), Some(c) if c == GUARD || DANGEROUS_FIRST.contains(&c))
        }
        _ => false,
    }
}

/// Removes the guard added by [`guard_cell`]: `unguard_cell(&guard_cell(x)) == x` for every x.
pub fn unguard_cell(cell: &str) -> &str {
    match cell.strip_prefix(GUARD) {
        Some(rest) => {
            let next = rest.chars().next();
            if matches!(next, Some(c) if c == GUARD || DANGEROUS_FIRST.contains(&c)) {
                rest
            } else {
                cell
            }
        }
        None => cell,
    }
}

/// Quotes a cell per RFC 4180 when it holds a comma, quote, CR or LF (quotes doubled). Leading
/// or trailing spaces are quoted as well, since some readers trim unquoted fields.
pub fn quote_cell(cell: &str) -> String {
    let needs_quotes =
        cell.contains([',', '"', '\r', '\n']) || cell.starts_with(' ') || cell.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// Writes rows as an Excel-ready CSV text: BOM, every cell guarded then quoted, CRLF after every
/// row (including the last).
pub fn write_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push(BOM);
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| quote_cell(&guard_cell(c))).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Why a CSV text could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// A quoted field was not closed before the end of the text.
    UnterminatedQuote {
        /// 1-based row of the field.
        row: usize,
    },
    /// A closing quote was followed by something other than a comma or line break.
    TextAfterQuote {
        /// 1-based row of the field.
        row: usize,
    },
    /// A quote inside an unquoted field.
    StrayQuote {
        /// 1-based row of the field.
        row: usize,
    },
}

impl CsvError {
    /// What is wrong, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            CsvError::UnterminatedQuote { row } => {
                format!("CSV 第 {row} 行：引号没有闭合。")
            }
            CsvError::TextAfterQuote { row } => {
                format!("CSV 第 {row} 行：引号结束后紧跟了多余的字符。")
            }
            CsvError::StrayQuote { row } => {
                format!("CSV 第 {row} 行：未加引号的单元格中出现了引号。")
            }
        }
    }
}

/// Parses CSV text per RFC 4180 (strict about quotes; accepts CRLF, LF or CR line ends and a
/// leading BOM). A trailing line break does not create an empty row. Cells are returned as
/// written; call [`unguard_cell`] to undo the formula guard.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, CsvError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    // Whether the current row has any content yet (so a trailing newline adds no empty row;
    // an empty quoted field `""` counts as content).
    let mut row_started = false;

    while let Some(c) = chars.next() {
        match c {
            '"' if cell.is_empty() => {
                row_started = true;
                // Quoted field: read to the closing quote; `""` inside is one quote.
                loop {
                    match chars.next() {
                        None => {
                            return Err(CsvError::UnterminatedQuote {
                                row: rows.len() + 1,
                            })
                        }
                        Some('"') => {
                            if chars.peek() == Some(&'"') {
                                chars.next();
                                cell.push('"');
                            } else {
                                break;
                            }
                        }
                        Some(ch) => cell.push(ch),
                    }
                }
                if !matches!(chars.peek(), None | Some(',') | Some('\r') | Some('\n')) {
                    return Err(CsvError::TextAfterQuote {
                        row: rows.len() + 1,
                    });
                }
            }
            '"' => {
                return Err(CsvError::StrayQuote {
                    row: rows.len() + 1,
                })
            }
            ',' => {
                row_started = true;
                row.push(std::mem::take(&mut cell));
            }
            '\r' | '\n' => {
                end_line(c, &mut chars);
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                row_started = false;
            }
            other => {
                row_started = true;
                cell.push(other);
            }
        }
    }
    if row_started {
        row.push(cell);
        rows.push(row);
    }
    Ok(rows)
}

/// After a CR, swallows the LF of a CRLF pair.
fn end_line(c: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    if c == '\r' && chars.peek() == Some(&'\n') {
        chars.next();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_is_invertible() {
        for s in [
            "", "=1", "+", "-3", "@a", "\tx", "\rx", "'", "'=1", "''", "'a", "a'", "普通", "''=",
        ] {
            assert_eq!(unguard_cell(&guard_cell(s)), s, "{s:?}");
        }
        assert_eq!(guard_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard_cell("'abc"), "'abc");
    }

    #[test]
    fn writes_bom_crlf_and_quotes() {
        let csv = write_csv(&[
            vec!["a,b".into(), "说\"好\"".into(), "x\ny".into()],
            vec!["".into(), "=1".into()],
        ]);
        assert_eq!(csv, "\u{feff}\"a,b\",\"说\"\"好\"\"\",\"x\ny\"\r\n,'=1\r\n");
        let back = parse_csv(&csv).unwrap();
        assert_eq!(back[0], vec!["a,b", "说\"好\"", "x\ny"]);
        assert_eq!(back[1], vec!["", "'=1"]);
    }

    #[test]
    fn parses_empty_quoted_and_edge_rows() {
        assert_eq!(parse_csv("\"\",\"\"\r\n").unwrap(), vec![vec!["", ""]]);
        assert_eq!(parse_csv("a,\"\"").unwrap(), vec![vec!["a", ""]]);
        assert_eq!(parse_csv("\"\"\n\"\"").unwrap(), vec![vec![""], vec![""]]);
        assert_eq!(
            parse_csv("a\r\n\r\nb").unwrap(),
            vec![vec!["a"], vec![""], vec!["b"]]
        );
        assert_eq!(parse_csv("a,").unwrap(), vec![vec!["a", ""]]);
        assert_eq!(parse_csv("").unwrap(), Vec::<Vec<String>>::new());
        assert!(parse_csv("\"abc").is_err());
        assert!(parse_csv("\"a\"b").is_err());
        assert!(parse_csv("a\"b").is_err());
    }
}
