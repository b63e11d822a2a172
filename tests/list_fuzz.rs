//! `read_list` never panics: 10 000 inputs made from the real source (in its own shape, as
//! Excel copies it and as CSV) and from the 2023 fixtures, mutated the ways pasted text goes
//! wrong — TABs dropped or turned into commas, quotes broken, unknown unit names, empty,
//! duplicated, swapped or removed lines, CRLF and a BOM, numbers spoilt, truncation at any
//! character, random characters — plus plain random text. Every input gives a report or a
//! refusal; every line number in a report is a line of the input; and where the generator's
//! `parse_dataset` accepts a text, `read_list` gives the same dataset with no errors.
//!
//! Deterministic: a fixed seed and a small hand-rolled generator, so a failure reproduces.
//! Most inputs are excerpts (the title, the header and a few rows) so that the run stays at a
//! few seconds in a debug build.
#![cfg(not(target_arch = "wasm32"))]

mod list_support;

use list_support::{render, render_source_shape, Spreadsheet, CSV_WINDOWS, EXCEL_COPY, SOURCE};
use qingdan::source::list::{read_list, read_list_with, ListReport, Shape, UnitCorrections};
use qingdan::source::parser::{parse_dataset, read_document, RawDocument};

const INPUTS: usize = 10_000;

/// SplitMix64: tiny, good enough, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A character boundary of `s` (its end included), at random.
fn at_random_boundary(rng: &mut Rng, s: &str) -> usize {
    let mut i = rng.below(s.len() + 1);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Byte offsets where lines start.
fn line_starts(s: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(s.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The line at `index` as a byte range (without its `\n`).
fn line_range(s: &str, index: usize) -> std::ops::Range<usize> {
    let starts = line_starts(s);
    let start = starts[index.min(starts.len() - 1)];
    let end = s[start..].find('\n').map_or(s.len(), |p| start + p);
    start..end
}

fn nth_match(s: &str, pat: char, rng: &mut Rng) -> Option<usize> {
    let hits: Vec<usize> = s.match_indices(pat).map(|(i, _)| i).collect();
    (!hits.is_empty()).then(|| *rng.pick(&hits))
}

const UNKNOWN_NAMES: &[&str] = &[
    "西岑镇3个、",
    "青浦工业园区",
    "蒸淀镇",
    "商榻镇12亩、",
    "徐泾镇",
];
const RANDOM_CHARS: &[char] = &[
    '\t', '\n', '\r', '"', ',', ' ', '\u{3000}', '、', '：', '（', '）', '1', '9', '.', '年', '月',
    '底', '镇', '区', 'a', '\u{feff}', '\u{fffd}', '\0', 'é', '😀',
];

fn mutate(rng: &mut Rng, mut s: String) -> String {
    for _ in 0..=rng.below(4) {
        match rng.below(15) {
            // Drop a TAB.
            0 => {
                if let Some(i) = nth_match(&s, '\t', rng) {
                    s.remove(i);
                }
            }
            // A stray quote.
            1 => {
                let i = at_random_boundary(rng, &s);
                s.insert(i, '"');
            }
            // A quote lost.
            2 => {
                if let Some(i) = nth_match(&s, '"', rng) {
                    s.remove(i);
                }
            }
            // An unknown unit name.
            3 => {
                let i = at_random_boundary(rng, &s);
                let name = *rng.pick::<&str>(UNKNOWN_NAMES);
                s.insert_str(i, name);
            }
            // Empty rows.
            4 => {
                let i = *rng.pick(&line_starts(&s));
                let rows =
                    *rng.pick::<&str>(&["\n", "\n\n", "\t\t\t\t\t\t\t\n", ",,,,,,,\r\n", " \n"]);
                s.insert_str(i, rows);
            }
            // A line duplicated.
            5 => {
                let r = line_range(&s, rng.below(line_starts(&s).len()));
                let line = format!("{}\n", &s[r.clone()]);
                s.insert_str(r.start, &line);
            }
            // A line removed.
            6 => {
                let r = line_range(&s, rng.below(line_starts(&s).len()));
                let end = (r.end + 1).min(s.len());
                s.replace_range(r.start..end, "");
            }
            // Two lines swapped.
            7 => {
                let lines: Vec<&str> = s.split('\n').collect();
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                let mut lines: Vec<String> = lines.into_iter().map(str::to_string).collect();
                lines.swap(a, b);
                s = lines.join("\n");
            }
            // A TAB turned into a comma, or every TAB.
            8 => {
                if rng.below(4) == 0 {
                    s = s.replace('\t', ",");
                } else if let Some(i) = nth_match(&s, '\t', rng) {
                    s.replace_range(i..i + 1, ",");
                }
            }
            // Truncated at a character boundary.
            9 => {
                let i = at_random_boundary(rng, &s);
                s.truncate(i);
            }
            // Random characters.
            10 => {
                for _ in 0..=rng.below(8) {
                    let i = at_random_boundary(rng, &s);
                    s.insert(i, *rng.pick(RANDOM_CHARS));
                }
            }
            // Random bytes, as a browser decodes a binary file.
            11 => {
                let bytes: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
                let i = at_random_boundary(rng, &s);
                s.insert_str(i, &String::from_utf8_lossy(&bytes));
            }
            // CRLF, a BOM.
            12 => {
                s = s.replace('\n', "\r\n");
                if rng.below(2) == 0 {
                    s.insert(0, '\u{feff}');
                }
            }
            // A number spoilt.
            13 => {
                let digits: Vec<usize> = s
                    .char_indices()
                    .filter(|(_, c)| c.is_ascii_digit())
                    .map(|(i, _)| i)
                    .collect();
                if !digits.is_empty() {
                    let i = *rng.pick(&digits);
                    let spoilt = *rng.pick::<&str>(&["x", "", "一", "99999", "-"]);
                    s.replace_range(i..i + 1, spoilt);
                }
            }
            // A cell's text replaced by a quoted multi-line text with an escaped quote.
            _ => {
                if let Some(i) = nth_match(&s, '\t', rng) {
                    s.insert_str(i + 1, "\"甲\"\"乙\n丙\"");
                }
            }
        }
    }
    s
}

/// A text of up to 200 random bytes, decoded as a browser would.
fn random_text(rng: &mut Rng) -> String {
    let bytes: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The title (without its task count), the header and `len` rows from `start`, the first with
/// the category it inherits written out: a list of its own.
fn excerpt(doc: &RawDocument, start: usize, len: usize) -> RawDocument {
    let end = (start + len).min(doc.rows.len());
    let mut rows = doc.rows[start.min(end)..end].to_vec();
    let category = doc.rows[..start.min(end) + 1]
        .iter()
        .rev()
        .map(|r| &r.cells[0].text)
        .find(|t| !t.trim().is_empty());
    if let (Some(first), Some(category)) = (rows.first_mut(), category) {
        first.cells[0].text = category.clone();
    }
    let title = doc
        .title
        .split_once('（')
        .map_or(doc.title.clone(), |(t, _)| t.to_string());
    RawDocument {
        title,
        title_line: doc.title_line,
        header: doc.header.clone(),
        rows,
    }
}

fn in_lines(line: usize, count: usize) -> bool {
    (1..=count).contains(&line)
}

/// What holds for every report of `input`.
fn check_report(input: &str, r: &ListReport) {
    let count = input.split('\n').count();
    for issue in r.errors.iter().chain(&r.warnings) {
        assert!(in_lines(issue.line, count), "{issue} outside 1..={count}");
        assert!(!issue.message.is_empty());
    }
    for d in &r.deadlines {
        assert!(
            in_lines(d.line, count),
            "deadline line {} of {count}",
            d.line
        );
    }
    for u in &r.unknown_units {
        assert!(!u.lines.is_empty() && !u.tasks.is_empty());
        assert!(u.lines.iter().all(|l| in_lines(*l, count)), "{u:?}");
    }
    assert_eq!(r.deadlines.len(), r.tasks_found());
    assert_eq!(
        r.categories.iter().map(|c| c.tasks).sum::<usize>(),
        r.tasks_found()
    );
    let mut ids: Vec<u16> = r.dataset.tasks.iter().map(|t| t.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), r.tasks_found(), "a 区级序号 twice");
}

#[test]
fn ten_thousand_mutated_lists_give_a_report_or_a_refusal() {
    let doc = read_document(SOURCE).expect("the source reads");
    let doc_2023 = read_document(include_str!("fixtures/list-2023.txt")).expect("2023 reads");
    let shapes: [Option<Spreadsheet>; 3] = [None, Some(EXCEL_COPY), Some(CSV_WINDOWS)];
    let mut corrections = UnitCorrections::new();
    corrections.map("西岑镇", "jinze").expect("a unit");
    let mut rng = Rng(0x5eed_2023);
    let (mut reports, mut refusals, mut same_as_generator) = (0, 0, 0);
    let mut shapes_seen = [0usize; 3];
    for n in 0..INPUTS {
        let mut intact = false;
        let input = if n % 20 == 19 {
            random_text(&mut rng)
        } else {
            // One input in 100 is a whole list; the others the title, the header and a few rows.
            let source = if rng.below(8) == 0 { &doc_2023 } else { &doc };
            let part = if n % 100 == 0 {
                source.clone()
            } else {
                let start = rng.below(source.rows.len());
                excerpt(source, start, 1 + rng.below(3))
            };
            let text = match rng.pick(&shapes) {
                None => render_source_shape(&part),
                Some(how) => render(&part, *how),
            };
            if rng.below(10) == 0 {
                intact = true;
                text
            } else {
                mutate(&mut rng, text)
            }
        };
        let result = if n % 7 == 0 {
            read_list_with(&input, "fuzz.txt", &corrections)
        } else {
            read_list(&input, "fuzz.txt")
        };
        match result {
            Ok(report) => {
                check_report(&input, &report);
                if intact {
                    assert_eq!(report.errors, vec![], "input {n}: {input:?}");
                    assert_eq!(report.warnings, vec![], "input {n}: {input:?}");
                }
                shapes_seen[report.shape as usize] += 1;
                let generator = (report.shape == Shape::Source && n % 7 != 0)
                    .then(|| parse_dataset(&input, "fuzz.txt"));
                if let Some(Ok(d)) = generator {
                    assert_eq!(report.errors, vec![], "input {n}: {input:?}");
                    assert_eq!(report.dataset, d, "input {n}");
                    same_as_generator += 1;
                }
                reports += 1;
            }
            Err(refusal) => {
                assert!(!intact, "input {n} refused: {refusal}");
                assert!(!refusal.message.is_empty());
                if let Some(line) = refusal.line {
                    assert!(in_lines(line, input.split('\n').count()));
                }
                refusals += 1;
            }
        }
    }
    assert_eq!(reports + refusals, INPUTS);
    // The inputs reach every path: each shape, refusals, and texts both readers accept.
    assert!(reports > INPUTS / 2, "{reports} reports");
    assert!(refusals > INPUTS / 20, "{refusals} refusals");
    assert!(shapes_seen.iter().all(|&s| s > 500), "{shapes_seen:?}");
    assert!(same_as_generator > 100, "{same_as_generator}");
}
