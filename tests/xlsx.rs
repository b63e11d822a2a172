//! The .xlsx writer: the ZIP container read back by a small reader here (sizes, CRC, offsets),
//! every XML part parsed by a strict well-formedness parser here, cells read back natively, and
//! a round trip through openpyxl (Debian's `/usr/bin/python3`, `tests/fixtures/read_xlsx.py`).

use qingdan::domain::xlsx::{
    sheet_names, write_workbook, ReportCell, Sheet, XlsxError, MAX_CELL_TEXT, MAX_COLS,
};
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// A ZIP reader (independent of the writer: bitwise CRC, miniz_oxide's inflater).

struct Entry {
    name: String,
    data: Vec<u8>,
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn crc32_bitwise(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Reads every entry, checking the end record, the central directory against each local header,
/// the sizes and the CRC, and that the entries, directory and end record tile the file exactly.
fn read_zip(zip: &[u8]) -> Vec<Entry> {
    let eocd = zip.len() - 22;
    assert_eq!(u32_at(zip, eocd), 0x0605_4b50, "end of central directory");
    assert_eq!(u16_at(zip, eocd + 20), 0, "no comment");
    let count = usize::from(u16_at(zip, eocd + 10));
    assert_eq!(u16_at(zip, eocd + 8), u16_at(zip, eocd + 10));
    let cd_size = u32_at(zip, eocd + 12) as usize;
    let cd_offset = u32_at(zip, eocd + 16) as usize;
    assert_eq!(
        cd_offset + cd_size,
        eocd,
        "central directory ends at the end record"
    );

    let mut entries = Vec::new();
    let mut p = cd_offset;
    let mut next_local = 0;
    for _ in 0..count {
        assert_eq!(u32_at(zip, p), 0x0201_4b50, "central header");
        let method = u16_at(zip, p + 10);
        let crc = u32_at(zip, p + 16);
        let csize = u32_at(zip, p + 20) as usize;
        let size = u32_at(zip, p + 24) as usize;
        let name_len = usize::from(u16_at(zip, p + 28));
        let extra_len = usize::from(u16_at(zip, p + 30));
        let comment_len = usize::from(u16_at(zip, p + 32));
        let local = u32_at(zip, p + 42) as usize;
        let name = std::str::from_utf8(&zip[p + 46..p + 46 + name_len])
            .expect("UTF-8 name")
            .to_string();
        p += 46 + name_len + extra_len + comment_len;

        assert_eq!(local, next_local, "{name}: entries are contiguous");
        assert_eq!(u32_at(zip, local), 0x0403_4b50, "{name}: local header");
        assert_eq!(u16_at(zip, local + 8), method, "{name}: method");
        assert_eq!(u32_at(zip, local + 14), crc, "{name}: local CRC");
        assert_eq!(
            u32_at(zip, local + 18) as usize,
            csize,
            "{name}: local csize"
        );
        assert_eq!(u32_at(zip, local + 22) as usize, size, "{name}: local size");
        let lname_len = usize::from(u16_at(zip, local + 26));
        let lextra_len = usize::from(u16_at(zip, local + 28));
        assert_eq!(&zip[local + 30..local + 30 + lname_len], name.as_bytes());
        let start = local + 30 + lname_len + lextra_len;
        let raw = &zip[start..start + csize];
        next_local = start + csize;

        let data = match method {
            0 => raw.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(raw).expect("inflate"),
            m => panic!("{name}: method {m}"),
        };
        assert_eq!(data.len(), size, "{name}: size");
        assert_eq!(crc32_bitwise(&data), crc, "{name}: CRC");
        entries.push(Entry { name, data });
    }
    assert_eq!(p, eocd, "central directory size");
    assert_eq!(next_local, cd_offset, "no gap before the central directory");
    entries
}

// ---------------------------------------------------------------------------------------------
// A strict XML 1.0 well-formedness parser for what the writer produces (no DTD, comments, CDATA
// or processing instructions besides the declaration), giving a small tree.

#[derive(Debug, Clone)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug, Clone)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    fn all(&self, name: &str) -> Vec<&Element> {
        self.elements().filter(|e| e.name == name).collect()
    }

    fn text(&self) -> String {
        self.children
            .iter()
            .map(|n| match n {
                Node::Text(t) => t.clone(),
                Node::Element(e) => e.text(),
            })
            .collect()
    }
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == ':'
}

fn name_char(c: char) -> bool {
    name_start(c) || c.is_ascii_digit() || c == '-' || c == '.'
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.s[self.i..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Result<char, String> {
        let c = self.peek().ok_or("unexpected end")?;
        self.i += c.len_utf8();
        Ok(c)
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) -> bool {
        let start = self.i;
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.i += 1;
        }
        self.i > start
    }

    fn name(&mut self) -> Result<String, String> {
        let start = self.i;
        match self.peek() {
            Some(c) if name_start(c) => {}
            other => return Err(format!("bad name start {other:?} at {}", self.i)),
        }
        while matches!(self.peek(), Some(c) if name_char(c)) {
            self.bump()?;
        }
        Ok(self.s[start..self.i].to_string())
    }

    /// After `&`: a reference, returned as the character it stands for.
    fn reference(&mut self) -> Result<char, String> {
        let end = self.rest().find(';').ok_or("unterminated reference")?;
        let body = self.rest()[..end].to_string();
        self.i += end + 1;
        let c = match body.as_str() {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = body.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16)
                } else if let Some(dec) = body.strip_prefix('#') {
                    dec.parse()
                } else {
                    return Err(format!("unknown entity &{body};"));
                };
                let c = code
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or(format!("bad reference &{body};"))?;
                if !xml_char(c) {
                    return Err(format!("reference to a forbidden character &{body};"));
                }
                c
            }
        };
        Ok(c)
    }

    fn element(&mut self) -> Result<Element, String> {
        if !self.eat("<") {
            return Err(format!("expected < at {}", self.i));
        }
        let name = self.name()?;
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            let had_ws = self.skip_ws();
            if self.eat("/>") {
                return Ok(Element {
                    name,
                    attrs,
                    children: Vec::new(),
                });
            }
            if self.eat(">") {
                break;
            }
            if !had_ws {
                return Err(format!("expected space before attribute in <{name}>"));
            }
            let key = self.name()?;
            self.skip_ws();
            if !self.eat("=") {
                return Err(format!("expected = after {key}"));
            }
            self.skip_ws();
            let quote = self.bump()?;
            if quote != '"' && quote != '\'' {
                return Err(format!("unquoted attribute {key}"));
            }
            let mut value = String::new();
            loop {
                match self.bump()? {
                    c if c == quote => break,
                    '<' => return Err(format!("< in attribute {key}")),
                    '&' => value.push(self.reference()?),
                    // Attribute-value normalisation.
                    '\t' | '\n' | '\r' => value.push(' '),
                    c => value.push(c),
                }
            }
            if attrs.iter().any(|(k, _)| *k == key) {
                return Err(format!("duplicate attribute {key} in <{name}>"));
            }
            attrs.push((key, value));
        }
        let mut children = Vec::new();
        let mut text = String::new();
        loop {
            if self.rest().starts_with("</") {
                self.i += 2;
                let close = self.name()?;
                self.skip_ws();
                if close != name || !self.eat(">") {
                    return Err(format!("<{name}> closed by </{close}>"));
                }
                if !text.is_empty() {
                    children.push(Node::Text(text));
                }
                return Ok(Element {
                    name,
                    attrs,
                    children,
                });
            }
            if self.rest().starts_with("<!") || self.rest().starts_with("<?") {
                return Err(format!("unexpected markup in <{name}>"));
            }
            if self.rest().starts_with('<') {
                if !text.is_empty() {
                    children.push(Node::Text(std::mem::take(&mut text)));
                }
                children.push(Node::Element(self.element()?));
                continue;
            }
            if self.rest().starts_with("]]>") {
                return Err("]]> in text".into());
            }
            match self.bump()? {
                '&' => text.push(self.reference()?),
                // Line-end normalisation.
                '\r' => {
                    self.eat("\n");
                    text.push('\n');
                }
                c => text.push(c),
            }
        }
    }
}

/// Parses a whole XML document strictly, returning its root element.
fn parse_xml(bytes: &[u8]) -> Result<Element, String> {
    let s = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    if let Some(c) = s.chars().find(|&c| !xml_char(c)) {
        return Err(format!("forbidden character U+{:04X}", u32::from(c)));
    }
    let mut p = Parser { s, i: 0 };
    if !p.eat(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#) {
        return Err("missing XML declaration".into());
    }
    p.skip_ws();
    let root = p.element()?;
    p.skip_ws();
    if p.i != s.len() {
        return Err(format!("content after the root element at {}", p.i));
    }
    Ok(root)
}

// ---------------------------------------------------------------------------------------------
// Reading a workbook back natively.

struct Book {
    parts: Vec<String>,
    xml: BTreeMap<String, Element>,
}

fn open(bytes: &[u8]) -> Book {
    let entries = read_zip(bytes);
    let mut xml = BTreeMap::new();
    for e in &entries {
        let root = parse_xml(&e.data).unwrap_or_else(|err| {
            panic!(
                "{} is not well-formed: {err}\n{}",
                e.name,
                String::from_utf8_lossy(&e.data)
            )
        });
        xml.insert(e.name.clone(), root);
    }
    Book {
        parts: entries.iter().map(|e| e.name.clone()).collect(),
        xml,
    }
}

impl Book {
    fn part(&self, name: &str) -> &Element {
        self.xml
            .get(name)
            .unwrap_or_else(|| panic!("missing part {name}"))
    }

    fn sheet_names(&self) -> Vec<String> {
        let sheets = self
            .part("xl/workbook.xml")
            .child("sheets")
            .expect("sheets");
        sheets
            .all("sheet")
            .iter()
            .map(|s| s.attr("name").expect("name").to_string())
            .collect()
    }

    fn sheet(&self, i: usize) -> &Element {
        self.part(&format!("xl/worksheets/sheet{}.xml", i + 1))
    }
}

/// A cell as read back: its reference, style and value.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
}

fn cells(sheet: &Element) -> Vec<(String, Option<String>, Value)> {
    let data = sheet.child("sheetData").expect("sheetData");
    let mut out = Vec::new();
    for row in data.all("row") {
        for c in row.all("c") {
            let r = c.attr("r").expect("r").to_string();
            let s = c.attr("s").map(str::to_string);
            let v = match c.attr("t") {
                Some("inlineStr") => {
                    let t = c.child("is").and_then(|is| is.child("t")).expect("is/t");
                    Value::Text(unescape_xstring(&t.text()))
                }
                None | Some("n") => {
                    let v = c.child("v").expect("v").text();
                    Value::Number(v.parse().expect("a number"))
                }
                Some(t) => panic!("unexpected cell type {t}"),
            };
            out.push((r, s, v));
        }
    }
    out
}

/// Undoes OOXML's `_xHHHH_` escapes, as Excel does when it reads a string.
fn unescape_xstring(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        let tail = &rest[i..];
        let code = tail
            .get(2..6)
            .filter(|h| {
                h.bytes().all(|b| b.is_ascii_hexdigit()) && tail.as_bytes().get(6) == Some(&b'_')
            })
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push_str(&rest[..i]);
                out.push(c);
                rest = &rest[i + 7..];
            }
            None => {
                out.push_str(&rest[..i + 2]);
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a written text should read back as: CR LF and CR as LF, characters XML forbids dropped,
/// cut at 32 767 UTF-16 units; `None` when nothing is left.
fn expected_text(t: &str) -> Option<String> {
    let t = t.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::new();
    let mut units = 0;
    for c in t.chars().filter(|&c| xml_char(c)) {
        units += c.len_utf16();
        if units > MAX_CELL_TEXT {
            break;
        }
        out.push(c);
    }
    (!out.is_empty()).then_some(out)
}

fn column_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.insert(0, b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    String::from_utf8(s).expect("ASCII")
}

/// What a cell should read back as: its text as a spreadsheet keeps it, a finite number, or
/// nothing (an empty cell, or a number a spreadsheet cannot hold).
fn expected_value(cell: &ReportCell) -> Option<Value> {
    match cell {
        ReportCell::Text(t) => expected_text(t).map(Value::Text),
        ReportCell::Number(v) if v.is_finite() => Some(Value::Number(*v)),
        _ => None,
    }
}

/// The cells a sheet should read back as, with the style (`1` bold for the header).
fn expected_cells(sheet: &Sheet) -> Vec<(String, Option<String>, Value)> {
    let mut out = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Some(value) = expected_value(cell) {
                let style = if r == 0 {
                    Some("1".to_string())
                } else if matches!(&value, Value::Text(t) if t.contains('\n')) {
                    Some("2".to_string())
                } else {
                    None
                };
                out.push((format!("{}{}", column_letters(c), r + 1), style, value));
            }
        }
    }
    out
}

fn text(s: &str) -> ReportCell {
    ReportCell::Text(s.to_string())
}

fn sheet(name: &str, rows: Vec<Vec<ReportCell>>) -> Sheet {
    Sheet {
        name: name.to_string(),
        rows,
        col_widths: Vec::new(),
    }
}

/// Every character below U+0020, one per string, and all together.
fn control_strings() -> Vec<String> {
    let mut v: Vec<String> = (0u32..0x20)
        .filter_map(char::from_u32)
        .map(|c| format!("a{c}b"))
        .collect();
    v.push((0u32..0x20).filter_map(char::from_u32).collect());
    v
}

fn nasty_texts() -> Vec<String> {
    let mut v: Vec<String> = [
        "街镇",
        "朱家角镇：道路 8公里 · 桥梁 8座",
        "😀👍🏽👨‍👩‍👧 emoji",
        "a & b < c > d \" e ' f",
        "&amp; &lt; &#0; &#x1; ]]> <![CDATA[x]]>",
        "_x0041_ _x000D_ _x005F_ _xZZZZ_ _x12",
        "=SUM(A1:A9)",
        "  leading and trailing  ",
        "\tTab",
        "line one\r\nline two\rline three\nline four",
        "\u{feff}BOM \u{200b}zero width \u{202e}rtl",
        "\u{fffe}\u{ffff}\u{fffd}",
        "\u{7f}\u{80}\u{9f} DEL and C1",
        "e\u{301} combining",
        "",
        "   ",
        "\u{0}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend(control_strings());
    v.push("长文本".repeat(12_000)); // 36 000 characters: cut to 32 767.
    v.push(format!("{}😀😀", "x".repeat(MAX_CELL_TEXT - 3))); // The cut falls inside an emoji.
    v
}

fn nasty_numbers() -> Vec<f64> {
    vec![
        0.0,
        -0.0,
        1.0,
        -1.5,
        0.1 + 0.2,
        8.0,
        12.5,
        1e300,
        -1e-300,
        5e-324,
        f64::MAX,
        123_456_789_012_345_680.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ]
}

fn nasty_workbook() -> Vec<Sheet> {
    let header = vec![
        text("项目"),
        text("数量"),
        text("备注 & <说明>"),
        ReportCell::Number(2022.0),
    ];
    let mut rows = vec![header];
    for (i, t) in nasty_texts().into_iter().enumerate() {
        let numbers = nasty_numbers();
        rows.push(vec![
            ReportCell::Text(t),
            ReportCell::Number(numbers[i % numbers.len()]),
            ReportCell::Empty,
            text("尾"),
        ]);
    }
    for v in nasty_numbers() {
        rows.push(vec![ReportCell::Number(v)]);
    }
    rows.push(Vec::new());
    rows.push(vec![ReportCell::Empty, ReportCell::Empty]);
    vec![
        Sheet {
            name: "汇总矩阵".into(),
            rows,
            col_widths: vec![30.0, f64::NAN, -1.0],
        },
        sheet(
            "朱家角镇",
            vec![
                vec![text("任务")],
                vec![text("道路"), ReportCell::Number(8.0)],
            ],
        ),
        sheet("朱家角镇", vec![vec![text("重名")]]),
        sheet("", Vec::new()),
        sheet("a/b:c*d?e[f]g\\h", vec![vec![text("h")]]),
        sheet(&"长".repeat(40), vec![vec![text("long name")]]),
        sheet(&"长".repeat(40), vec![vec![text("long name 2")]]),
        sheet("'quoted'", Vec::new()),
        sheet("History", Vec::new()),
        sheet("\u{1}\u{7}\n", Vec::new()),
        sheet("Sheet10", Vec::new()),
        sheet("sheet10", Vec::new()),
        sheet(&"😀".repeat(20), Vec::new()),
        sheet("R&D <\"统计\"> 'x'", vec![vec![text("attribute escaping")]]),
    ]
}

// ---------------------------------------------------------------------------------------------

#[test]
fn container_lists_the_parts_with_valid_crc_and_sizes() {
    let sheets = vec![
        sheet("汇总矩阵", vec![vec![text("街镇")]]),
        sheet("朱家角镇", vec![vec![text("任务")]]),
    ];
    let bytes = write_workbook(&sheets).expect("written");
    let book = open(&bytes);
    assert_eq!(
        book.parts,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
        ]
    );
    // Every XML part but the content types is declared in it, with the right type (the .rels
    // parts have a default type).
    let types = book.part("[Content_Types].xml");
    let overrides: BTreeMap<&str, &str> = types
        .all("Override")
        .iter()
        .map(|o| (o.attr("PartName").unwrap(), o.attr("ContentType").unwrap()))
        .collect();
    for part in book
        .parts
        .iter()
        .filter(|p| p.ends_with(".xml") && *p != "[Content_Types].xml")
    {
        assert!(
            overrides.contains_key(format!("/{part}").as_str()),
            "{part}"
        );
    }
    assert!(overrides["/xl/worksheets/sheet2.xml"].ends_with("spreadsheetml.worksheet+xml"));
    assert!(overrides["/xl/workbook.xml"].ends_with("spreadsheetml.sheet.main+xml"));
    assert!(types
        .all("Default")
        .iter()
        .any(|d| d.attr("Extension") == Some("rels")));
    // Relationships point at parts that exist.
    let rels = book.part("xl/_rels/workbook.xml.rels");
    let targets: Vec<&str> = rels
        .all("Relationship")
        .iter()
        .map(|r| r.attr("Target").unwrap())
        .collect();
    assert_eq!(
        targets,
        [
            "worksheets/sheet1.xml",
            "worksheets/sheet2.xml",
            "styles.xml"
        ]
    );
    for r in book.part("_rels/.rels").all("Relationship") {
        assert!(book.xml.contains_key(r.attr("Target").unwrap()));
    }
    // The workbook's sheets use those relationship ids.
    let wb_sheets = book
        .part("xl/workbook.xml")
        .child("sheets")
        .unwrap()
        .all("sheet");
    let ids: Vec<_> = wb_sheets
        .iter()
        .map(|s| (s.attr("sheetId"), s.attr("r:id")))
        .collect();
    assert_eq!(ids, [(Some("1"), Some("rId1")), (Some("2"), Some("rId2"))]);
    // Deterministic.
    assert_eq!(write_workbook(&sheets).unwrap(), bytes);
}

#[test]
fn nasty_inputs_stay_well_formed_and_read_back() {
    let sheets = nasty_workbook();
    let bytes = write_workbook(&sheets).expect("written");
    let book = open(&bytes); // Parses every part strictly.
    assert_eq!(book.sheet_names(), sheet_names(&sheets));
    for (i, s) in sheets.iter().enumerate() {
        assert_eq!(cells(book.sheet(i)), expected_cells(s), "sheet {i}");
    }
    // Numbers are numeric cells; NaN and infinities are left out.
    let first = cells(book.sheet(0));
    let numbers: Vec<f64> = first
        .iter()
        .filter(|(r, _, _)| r.starts_with('A'))
        .filter_map(|(_, _, v)| match v {
            Value::Number(n) => Some(*n),
            Value::Text(_) => None,
        })
        .collect();
    let finite: Vec<f64> = nasty_numbers()
        .into_iter()
        .filter(|v| v.is_finite())
        .collect();
    assert_eq!(numbers, finite);
}

#[test]
fn sheet_names_follow_excels_rules() {
    let names = sheet_names(&nasty_workbook());
    assert_eq!(
        names,
        [
            "汇总矩阵".to_string(),
            "朱家角镇".into(),
            "朱家角镇 (2)".into(),
            "Sheet4".into(),
            "a_b_c_d_e_f_g_h".into(),
            "长".repeat(31),
            format!("{} (2)", "长".repeat(27)),
            "quoted".into(),
            "History (2)".into(),
            "Sheet10".into(),
            "Sheet10 (2)".into(),
            "sheet10 (3)".into(),
            "😀".repeat(15),
            // A trailing apostrophe is not allowed.
            "R&D <\"统计\"> 'x".into(),
        ]
    );
    for (i, n) in names.iter().enumerate() {
        assert!(!n.is_empty() && n.encode_utf16().count() <= 31, "{n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
        assert!(!n.starts_with('\'') && !n.ends_with('\''), "{n}");
        assert!(!n.chars().any(char::is_control), "{n}");
        for m in &names[..i] {
            assert_ne!(m.to_lowercase(), n.to_lowercase());
        }
    }
    // Case is folded beyond ASCII too.
    let greek = sheet_names(&[sheet("ΑΒΓ", Vec::new()), sheet("αβγ", Vec::new())]);
    assert_eq!(greek, ["ΑΒΓ", "αβγ (2)"]);
    // A name that needs several suffixes keeps within 31 units.
    let many: Vec<Sheet> = (0..12)
        .map(|_| sheet(&"x".repeat(31), Vec::new()))
        .collect();
    let names = sheet_names(&many);
    assert_eq!(names[11], format!("{} (12)", "x".repeat(26)));
}

#[test]
fn header_is_bold_and_frozen() {
    let sheets = vec![sheet(
        "汇总矩阵",
        vec![
            vec![text("街镇"), text("完成")],
            vec![text("朱家角镇"), ReportCell::Number(3.0)],
        ],
    )];
    let book = open(&write_workbook(&sheets).unwrap());
    let ws = book.sheet(0);
    let view = ws
        .child("sheetViews")
        .and_then(|v| v.child("sheetView"))
        .expect("sheetView");
    assert_eq!(view.attr("tabSelected"), Some("1"));
    let pane = view.child("pane").expect("pane");
    assert_eq!(pane.attr("ySplit"), Some("1"));
    assert_eq!(pane.attr("xSplit"), None);
    assert_eq!(pane.attr("topLeftCell"), Some("A2"));
    assert_eq!(pane.attr("state"), Some("frozen"));
    assert_eq!(pane.attr("activePane"), Some("bottomLeft"));
    assert_eq!(ws.child("dimension").unwrap().attr("ref"), Some("A1:B2"));

    // Style 1 is a bold font; style 0 is not.
    let styles = book.part("xl/styles.xml");
    let fonts = styles.child("fonts").unwrap().all("font");
    let xfs = styles.child("cellXfs").unwrap().all("xf");
    let font_of = |s: usize| {
        let id: usize = xfs[s].attr("fontId").unwrap().parse().unwrap();
        fonts[id]
    };
    assert!(font_of(1).child("b").is_some());
    assert!(font_of(0).child("b").is_none());
    assert_eq!(
        cells(ws),
        [
            (
                "A1".to_string(),
                Some("1".to_string()),
                Value::Text("街镇".into())
            ),
            ("B1".into(), Some("1".into()), Value::Text("完成".into())),
            ("A2".into(), None, Value::Text("朱家角镇".into())),
            ("B2".into(), None, Value::Number(3.0)),
        ]
    );
}

#[test]
fn column_widths_given_or_estimated() {
    let sheets = vec![Sheet {
        name: "w".into(),
        rows: vec![
            vec![text("街镇"), text("a"), text("完成数量"), text("x")],
            vec![
                text("朱家角镇"),
                ReportCell::Number(1.25),
                text(&"很长".repeat(100)),
                ReportCell::Empty,
            ],
        ],
        col_widths: vec![0.0, 12.5, f64::INFINITY, 400.0, 9.0],
    }];
    let book = open(&write_workbook(&sheets).unwrap());
    let cols = book.sheet(0).child("cols").expect("cols").all("col");
    let widths: Vec<(&str, &str)> = cols
        .iter()
        .map(|c| (c.attr("min").unwrap(), c.attr("width").unwrap()))
        .collect();
    // 朱家角镇 is 8 wide + 2; 12.5 given; 400 wide estimated but capped at 60; 400 given but
    // capped at Excel's 255; a width for a column without cells is kept.
    assert_eq!(
        widths,
        [
            ("1", "10"),
            ("2", "12.5"),
            ("3", "60"),
            ("4", "255"),
            ("5", "9")
        ]
    );
}

#[test]
fn empty_sheets_and_workbooks_are_valid() {
    // No sheets: one empty sheet.
    let book = open(&write_workbook(&[]).unwrap());
    assert_eq!(book.sheet_names(), ["Sheet1"]);
    let ws = book.sheet(0);
    assert!(ws.child("sheetData").unwrap().children.is_empty());
    assert_eq!(ws.child("dimension").unwrap().attr("ref"), Some("A1"));
    assert!(ws.child("cols").is_none());
    // A sheet with no rows has nothing to freeze; one with only empty cells is fine too.
    let sheets = vec![
        sheet("空", Vec::new()),
        sheet("空行", vec![vec![], vec![ReportCell::Empty, text("")]]),
    ];
    let book = open(&write_workbook(&sheets).unwrap());
    let view = |i: usize| {
        book.sheet(i)
            .child("sheetViews")
            .and_then(|v| v.child("sheetView"))
            .cloned()
            .unwrap()
    };
    assert!(view(0).child("pane").is_none());
    assert_eq!(view(0).attr("tabSelected"), Some("1"));
    assert_eq!(view(1).attr("tabSelected"), None);
    assert_eq!(
        book.sheet(1).child("sheetData").unwrap().all("row").len(),
        2
    );
    assert!(cells(book.sheet(1)).is_empty());
}

#[test]
fn too_many_columns_is_an_error() {
    let wide = vec![sheet("w", vec![vec![ReportCell::Empty; MAX_COLS + 1]])];
    assert_eq!(write_workbook(&wide), Err(XlsxError::TooLarge));
    assert!(!XlsxError::TooLarge.message_zh().is_empty());
    let mut widest = vec![ReportCell::Empty; MAX_COLS];
    widest[MAX_COLS - 1] = ReportCell::Number(1.0);
    let book = open(&write_workbook(&[sheet("w", vec![widest])]).unwrap());
    assert_eq!(cells(book.sheet(0))[0].0, "XFD1");
}

// ---------------------------------------------------------------------------------------------
// openpyxl round trip.

const PYTHON: &str = "/usr/bin/python3";

fn require_openpyxl() {
    let ok = std::process::Command::new(PYTHON)
        .args(["-c", "import openpyxl"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "{PYTHON} with openpyxl is missing: the set-up (scripts/setup.sh) should install \
         Debian's python3-openpyxl (apt-get install python3-openpyxl); this test reads the .xlsx \
         back with it"
    );
}

fn openpyxl_read(bytes: &[u8]) -> serde_json::Value {
    require_openpyxl();
    let dir = std::env::temp_dir().join(format!("qingdan-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("报表.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/read_xlsx.py");
    let out = std::process::Command::new(PYTHON)
        .arg(script)
        .arg(&path)
        .output()
        .expect("run python3");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "openpyxl could not read the workbook:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from read_xlsx.py")
}

#[test]
fn openpyxl_reads_back_sheets_cells_pane_and_bold_header() {
    let sheets = nasty_workbook();
    let read = openpyxl_read(&write_workbook(&sheets).unwrap());
    let got = read["sheets"].as_array().expect("sheets");
    let names = sheet_names(&sheets);
    assert_eq!(got.len(), sheets.len());
    for (i, (s, g)) in sheets.iter().zip(got).enumerate() {
        assert_eq!(g["title"], names[i].as_str(), "sheet {i}");
        // Cell values, by position.
        let mut want: BTreeMap<(usize, usize), Value> = BTreeMap::new();
        for (r, row) in s.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if let Some(v) = expected_value(cell) {
                    want.insert((r, c), v);
                }
            }
        }
        let mut have = BTreeMap::new();
        for (r, row) in g["rows"].as_array().unwrap().iter().enumerate() {
            for (c, v) in row.as_array().unwrap().iter().enumerate() {
                let v = match v {
                    serde_json::Value::Null => continue,
                    serde_json::Value::String(t) => Value::Text(t.clone()),
                    serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
                    other => panic!("unexpected value {other}"),
                };
                have.insert((r, c), v);
            }
        }
        assert_eq!(have, want, "sheet {i} ({})", names[i]);
        // Bold exactly in the header row.
        for b in g["bold"].as_array().unwrap() {
            let row = b[0].as_u64().unwrap();
            assert_eq!(b[2].as_bool(), Some(row == 0), "sheet {i}: {b}");
        }
        // The header is frozen wherever there is one.
        if s.rows.is_empty() {
            assert!(g["freeze"].is_null(), "sheet {i}");
        } else {
            assert_eq!(g["freeze"], "A2", "sheet {i}");
            assert_eq!(g["pane"]["ySplit"], 1.0);
            assert_eq!(g["pane"]["state"], "frozen");
            assert_eq!(g["pane"]["topLeftCell"], "A2");
        }
    }
    // Widths of the first sheet: given 30, then estimated ones.
    assert_eq!(got[0]["widths"]["A"], 30.0);
    assert!(got[0]["widths"]["B"].as_f64().unwrap() >= 6.0);
}
