//! Shared by the list tests: the 2022 source and a renderer that writes a document's rows the
//! way Excel or WPS copy them (or save them as CSV).
#![allow(dead_code)] // each test crate uses part of it

use qingdan::source::parser::{read_document, RawDocument};

/// The 2022 source document's file name.
pub const SOURCE_NAME: &str = "000_6daa0d8ba64a921b.txt";
/// The 2022 source document.
pub const SOURCE: &str = include_str!("../../data/000_6daa0d8ba64a921b.txt");
/// The JSON the generator writes from it.
pub const JSON: &str = include_str!("../../src/data/qingpu-2022.json");

/// How a spreadsheet writes a table.
#[derive(Debug, Clone, Copy)]
pub struct Spreadsheet {
    /// `'\t'` (copy) or `','` (CSV).
    pub sep: char,
    /// `"\n"` or `"\r\n"`.
    pub line_end: &'static str,
    /// Whether a byte order mark comes first.
    pub bom: bool,
    /// Whether the title row comes first.
    pub title: bool,
}

/// Excel's copy: TABs, LF, no BOM, the title row.
pub const EXCEL_COPY: Spreadsheet = Spreadsheet {
    sep: '\t',
    line_end: "\n",
    bom: false,
    title: true,
};

/// A CSV saved on Windows: commas, CRLF, a BOM, the title row.
pub const CSV_WINDOWS: Spreadsheet = Spreadsheet {
    sep: ',',
    line_end: "\r\n",
    bom: true,
    title: true,
};

/// One cell as a spreadsheet writes it: quoted when it holds the separator, a line break or a
/// quote, with `""` for a quote.
pub fn cell(text: &str, sep: char) -> String {
    if text.contains([sep, '\n', '\r', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The document's title, header and rows as `how` writes them; the title is the only filled
/// cell of its row.
pub fn render(doc: &RawDocument, how: Spreadsheet) -> String {
    let width = doc.header.cells.len();
    let sep = how.sep.to_string();
    let mut out = String::new();
    if how.bom {
        out.push('\u{feff}');
    }
    let mut row = |cells: Vec<String>| {
        out.push_str(&cells.join(&sep));
        out.push_str(how.line_end);
    };
    if how.title {
        let mut cells = vec![cell(&doc.title, how.sep)];
        cells.resize(width, String::new());
        row(cells);
    }
    for r in std::iter::once(&doc.header).chain(&doc.rows) {
        row(r.cells.iter().map(|c| cell(&c.text, how.sep)).collect());
    }
    out
}

/// [`render`] of a source-shaped text.
pub fn render_source(source: &str, how: Spreadsheet) -> String {
    render(&read_document(source).expect("the source reads"), how)
}

/// The document in the source's own shape: the title line, then each cell as a TAB and its
/// text (further lines without a TAB), a blank line before each row.
pub fn render_source_shape(doc: &RawDocument) -> String {
    let mut out = format!("{}\n", doc.title);
    for (i, r) in std::iter::once(&doc.header).chain(&doc.rows).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for c in &r.cells {
            out.push('\t');
            out.push_str(&c.text);
            out.push('\n');
        }
    }
    out
}
