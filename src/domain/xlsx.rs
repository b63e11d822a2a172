//! A small .xlsx (Office Open XML SpreadsheetML) writer for reports sent upward: one worksheet
//! per [`Sheet`], text as inline strings, numbers as numeric cells, a bold and frozen header row
//! and column widths. The ZIP container is written here too; its entries are raw-deflated by
//! `miniz_oxide`, and the CRC-32 is table-driven.
//!
//! The output is deterministic (no timestamps): the same sheets give the same bytes.

/// One cell of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportCell {
    /// A text cell. An empty text is written as an empty cell.
    Text(String),
    /// A numeric cell. NaN and infinities are written as empty cells.
    Number(f64),
    /// No cell.
    Empty,
}

/// One worksheet of a report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The tab name; made valid and unique by [`sheet_names`] when written.
    pub name: String,
    /// The rows; row 0 is the header (bold and frozen).
    pub rows: Vec<Vec<ReportCell>>,
    /// Column widths in characters, by column; a missing, non-finite or non-positive width is
    /// estimated from the column's content (CJK and other wide characters count double).
    pub col_widths: Vec<f64>,
}

/// Why a workbook could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsxError {
    /// More rows or columns than a worksheet holds (1 048 576 × 16 384), more sheets than the ZIP
    /// container holds, or a part over 4 GiB.
    TooLarge,
}

impl XlsxError {
    /// What is wrong, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            XlsxError::TooLarge => "表格过大，超出了 Excel 文件的容量。".to_string(),
        }
    }
}

/// Excel's limit on a sheet name, in UTF-16 code units.
pub const MAX_SHEET_NAME: usize = 31;
/// Excel's limit on the text of a cell, in UTF-16 code units; longer texts are cut.
pub const MAX_CELL_TEXT: usize = 32_767;
/// Rows in a worksheet.
pub const MAX_ROWS: usize = 1_048_576;
/// Columns in a worksheet.
pub const MAX_COLS: usize = 16_384;

/// Width given to an estimated column at least, and at most, in characters.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 60.0;
/// Excel's largest column width.
const MAX_GIVEN_WIDTH: f64 = 255.0;

/// Style indexes in `styles.xml`'s `cellXfs`.
const STYLE_BOLD: u8 = 1;
const STYLE_WRAP: u8 = 2;

/// Writes the sheets as an .xlsx file. With no sheets the workbook gets one empty sheet
/// (a workbook must have one). Fails only with [`XlsxError::TooLarge`], when a sheet has more
/// rows or columns than Excel allows or the file would need ZIP64.
pub fn write_workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let placeholder;
    let sheets = if sheets.is_empty() {
        placeholder = [Sheet::default()];
        &placeholder[..]
    } else {
        sheets
    };
    let names = sheet_names(sheets);
    let mut zip = ZipWriter::default();
    zip.add(
        "[Content_Types].xml",
        content_types(sheets.len()).as_bytes(),
    )?;
    zip.add("_rels/.rels", ROOT_RELS.as_bytes())?;
    zip.add("docProps/core.xml", CORE.as_bytes())?;
    zip.add("docProps/app.xml", APP.as_bytes())?;
    zip.add("xl/workbook.xml", workbook(&names).as_bytes())?;
    zip.add(
        "xl/_rels/workbook.xml.rels",
        workbook_rels(sheets.len()).as_bytes(),
    )?;
    zip.add("xl/styles.xml", STYLES.as_bytes())?;
    for (i, sheet) in sheets.iter().enumerate() {
        let xml = worksheet(sheet, i == 0)?;
        zip.add(&format!("xl/worksheets/sheet{}.xml", i + 1), xml.as_bytes())?;
    }
    zip.finish()
}

/// The tab names the sheets get, in order: characters Excel refuses (`[ ] : * ? / \`) become
/// `_`, control characters are dropped, surrounding spaces and apostrophes are trimmed, names are
/// cut to 31 UTF-16 code units, an empty name becomes `Sheet<n>`, and a name already taken
/// (compared without case, like Excel, for Latin, Greek and Cyrillic letters; `History` is
/// reserved) gets ` (2)`, ` (3)`, … .
pub fn sheet_names(sheets: &[Sheet]) -> Vec<String> {
    let mut taken: Vec<String> = vec!["history".to_string()];
    let mut names = Vec::with_capacity(sheets.len());
    for (i, sheet) in sheets.iter().enumerate() {
        let cleaned: String = sheet
            .name
            .chars()
            .filter(|&c| !c.is_control() && xml_char_allowed(c))
            .map(|c| {
                if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let mut base = trim_name(&cut_utf16(&cleaned, MAX_SHEET_NAME)).to_string();
        if base.is_empty() {
            base = format!("Sheet{}", i + 1);
        }
        let mut name = base.clone();
        let mut n = 2usize;
        while taken.contains(&fold_case(&name)) {
            let suffix = format!(" ({n})");
            let room = MAX_SHEET_NAME.saturating_sub(suffix.len());
            let mut stem = trim_name(&cut_utf16(&base, room)).to_string();
            if stem.is_empty() {
                stem = "Sheet".to_string();
            }
            name = stem + &suffix;
            n += 1;
        }
        taken.push(fold_case(&name));
        names.push(name);
    }
    names
}

/// Lower case for comparing names: ASCII, Latin-1, basic Greek and Cyrillic capitals, without
/// linking `char::to_lowercase`'s Unicode tables (sheet names here are mostly Chinese).
fn fold_case(name: &str) -> String {
    name.chars()
        .map(|c| {
            let shift = match c {
                'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => 0x20,
                '\u{391}'..='\u{3A1}' | '\u{3A3}'..='\u{3AB}' | '\u{410}'..='\u{42F}' => 0x20,
                '\u{400}'..='\u{40F}' => 0x50,
                _ => 0,
            };
            char::from_u32(u32::from(c) + shift).unwrap_or(c)
        })
        .collect()
}

fn trim_name(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\'')
}

/// The longest prefix of `s` of at most `max` UTF-16 code units (never splitting a character).
fn cut_utf16(s: &str, max: usize) -> String {
    let mut units = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            break;
        }
        end = i + c.len_utf8();
    }
    s[..end].to_string()
}

/// Whether XML 1.0 allows the character (`Char` production; surrogates cannot occur in `str`).
fn xml_char_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Cell text as Excel should see it: CR LF and lone CR become LF, characters XML 1.0 forbids
/// (NUL, the other C0 controls but TAB and LF, U+FFFE, U+FFFF) are dropped, and the text is cut
/// to [`MAX_CELL_TEXT`].
fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut units = 0;
    let mut chars = text.chars().peekable();
    while let Some(mut c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                continue;
            }
            c = '\n';
        }
        if !xml_char_allowed(c) {
            continue;
        }
        units += c.len_utf16();
        if units > MAX_CELL_TEXT {
            break;
        }
        out.push(c);
    }
    out
}

/// Appends `text` escaped for XML element content, or for a double-quoted attribute when
/// `attribute` is set: there TAB, LF and CR are written as references so that attribute-value
/// normalisation keeps them. `text` holds only characters XML allows.
fn push_escaped(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Appends cell text: XML-escaped, and with `_xHHHH_` sequences protected (Excel reads them as
/// escaped characters, so a literal one is written with its `_` as `_x005F_`).
fn push_cell_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, _) in text.match_indices("_x") {
        let escape_like = bytes.len() >= i + 7
            && bytes[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit)
            && bytes[i + 6] == b'_';
        if escape_like {
            push_escaped(out, &text[start..i], false);
            out.push_str("_x005F");
            start = i;
        }
    }
    push_escaped(out, &text[start..], false);
}

/// The column letters of a 0-based column index (`0` → `A`, `26` → `AA`).
fn column_name(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

/// The shortest text of a finite number that reads back to it (`5`, `1.5`, `1e+300`): an
/// `xsd:double` lexical form.
fn number_text(v: f64) -> String {
    let mut buf = zmij::Buffer::new();
    let text = buf.format_finite(v);
    text.strip_suffix(".0").unwrap_or(text).to_string()
}

/// How wide a text shows, in characters of the default font: East Asian wide and full-width
/// characters (and emoji) count two, others one; for several lines the widest.
fn display_width(text: &str) -> usize {
    text.split('\n')
        .map(|line| line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum())
        .max()
        .unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{1F300}'..='\u{1F64F}'
        | '\u{1F900}'..='\u{1F9FF}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// A cell as it will be written.
enum Prepared {
    Text(String),
    Number(String),
}

fn prepare(cell: &ReportCell) -> Option<Prepared> {
    match cell {
        ReportCell::Text(t) => {
            let t = clean_text(t);
            (!t.is_empty()).then_some(Prepared::Text(t))
        }
        ReportCell::Number(v) if v.is_finite() => Some(Prepared::Number(number_text(*v))),
        ReportCell::Number(_) | ReportCell::Empty => None,
    }
}

/// The worksheet part of one sheet.
fn worksheet(sheet: &Sheet, selected: bool) -> Result<String, XlsxError> {
    let n_rows = sheet.rows.len();
    let n_cols = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    if n_rows > MAX_ROWS || n_cols > MAX_COLS {
        return Err(XlsxError::TooLarge);
    }
    let width_cols = n_cols.max(sheet.col_widths.len().min(MAX_COLS));

    let mut data = String::new();
    let mut content_width = vec![0usize; width_cols];
    let mut used_cols = 0;
    for (r, row) in sheet.rows.iter().enumerate() {
        let row_ref = (r + 1).to_string();
        data.push_str("<row r=\"");
        data.push_str(&row_ref);
        data.push_str("\">");
        for (c, cell) in row.iter().enumerate() {
            let Some(cell) = prepare(cell) else { continue };
            used_cols = used_cols.max(c + 1);
            data.push_str("<c r=\"");
            data.push_str(&column_name(c));
            data.push_str(&row_ref);
            data.push('"');
            match cell {
                Prepared::Text(t) => {
                    let style = match (r == 0, t.contains('\n')) {
                        (true, _) => Some(STYLE_BOLD),
                        (false, true) => Some(STYLE_WRAP),
                        (false, false) => None,
                    };
                    push_style(&mut data, style);
                    data.push_str(" t=\"inlineStr\"><is><t");
                    if t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace) {
                        data.push_str(" xml:space=\"preserve\"");
                    }
                    data.push('>');
                    push_cell_text(&mut data, &t);
                    data.push_str("</t></is></c>");
                    content_width[c] = content_width[c].max(display_width(&t));
                }
                Prepared::Number(v) => {
                    push_style(&mut data, (r == 0).then_some(STYLE_BOLD));
                    data.push_str("><v>");
                    data.push_str(&v);
                    data.push_str("</v></c>");
                    content_width[c] = content_width[c].max(v.len());
                }
            }
        }
        data.push_str("</row>");
    }

    let mut xml = String::with_capacity(data.len() + 1024);
    xml.push_str(XML_DECL);
    xml.push_str("<worksheet xmlns=\"");
    xml.push_str(NS_MAIN);
    xml.push_str("\" xmlns:r=\"");
    xml.push_str(NS_REL);
    xml.push_str("\"><dimension ref=\"A1");
    if n_rows > 0 && used_cols > 0 {
        xml.push(':');
        xml.push_str(&column_name(used_cols - 1));
        xml.push_str(&n_rows.to_string());
    }
    xml.push_str("\"/><sheetViews><sheetView");
    if selected {
        xml.push_str(" tabSelected=\"1\"");
    }
    xml.push_str(" workbookViewId=\"0\"");
    if n_rows > 0 {
        xml.push_str(
            "><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>\
             <selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView>",
        );
    } else {
        xml.push_str("/>");
    }
    xml.push_str("</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
    if width_cols > 0 {
        xml.push_str("<cols>");
        for (c, &content) in content_width.iter().enumerate() {
            let width = match sheet.col_widths.get(c) {
                Some(&w) if w.is_finite() && w > 0.0 => w.min(MAX_GIVEN_WIDTH),
                _ => (content as f64 + 2.0).clamp(MIN_WIDTH, MAX_WIDTH),
            };
            let col = (c + 1).to_string();
            xml.push_str("<col min=\"");
            xml.push_str(&col);
            xml.push_str("\" max=\"");
            xml.push_str(&col);
            xml.push_str("\" width=\"");
            xml.push_str(&number_text(width));
            xml.push_str("\" customWidth=\"1\"/>");
        }
        xml.push_str("</cols>");
    }
    if data.is_empty() {
        xml.push_str("<sheetData/>");
    } else {
        xml.push_str("<sheetData>");
        xml.push_str(&data);
        xml.push_str("</sheetData>");
    }
    xml.push_str(
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" \
         footer=\"0.3\"/></worksheet>",
    );
    Ok(xml)
}

fn push_style(out: &mut String, style: Option<u8>) {
    if let Some(s) = style {
        out.push_str(" s=\"");
        out.push(char::from(b'0' + s));
        out.push('"');
    }
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT: &str = "application/vnd.openxmlformats-officedocument.";

fn content_types(sheets: usize) -> String {
    let mut xml = String::from(XML_DECL);
    xml.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    let mut over = |part: &str, ty: &str| {
        xml.push_str("<Override PartName=\"/");
        xml.push_str(part);
        xml.push_str("\" ContentType=\"");
        xml.push_str(ty);
        xml.push_str("\"/>");
    };
    over(
        "xl/workbook.xml",
        &format!("{CT}spreadsheetml.sheet.main+xml"),
    );
    for i in 1..=sheets {
        over(
            &format!("xl/worksheets/sheet{i}.xml"),
            &format!("{CT}spreadsheetml.worksheet+xml"),
        );
    }
    over("xl/styles.xml", &format!("{CT}spreadsheetml.styles+xml"));
    over(
        "docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    over("docProps/app.xml", &format!("{CT}extended-properties+xml"));
    xml.push_str("</Types>");
    xml
}

fn workbook(names: &[String]) -> String {
    let mut xml = String::from(XML_DECL);
    xml.push_str("<workbook xmlns=\"");
    xml.push_str(NS_MAIN);
    xml.push_str("\" xmlns:r=\"");
    xml.push_str(NS_REL);
    xml.push_str("\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
    for (i, name) in names.iter().enumerate() {
        let id = (i + 1).to_string();
        xml.push_str("<sheet name=\"");
        push_escaped(&mut xml, name, true);
        xml.push_str("\" sheetId=\"");
        xml.push_str(&id);
        xml.push_str("\" r:id=\"rId");
        xml.push_str(&id);
        xml.push_str("\"/>");
    }
    xml.push_str("</sheets></workbook>");
    xml
}

fn workbook_rels(sheets: usize) -> String {
    let mut xml = String::from(XML_DECL);
    xml.push_str("<Relationships xmlns=\"");
    xml.push_str(NS_PKG_REL);
    xml.push_str("\">");
    let mut rel = |id: usize, ty: &str, target: &str| {
        xml.push_str("<Relationship Id=\"rId");
        xml.push_str(&id.to_string());
        xml.push_str("\" Type=\"");
        xml.push_str(REL_TYPE);
        xml.push_str(ty);
        xml.push_str("\" Target=\"");
        xml.push_str(target);
        xml.push_str("\"/>");
    };
    for i in 1..=sheets {
        rel(i, "worksheet", &format!("worksheets/sheet{i}.xml"));
    }
    rel(sheets + 1, "styles", "styles.xml");
    xml.push_str("</Relationships>");
    xml
}

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const CORE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:creator>清单</dc:creator></cp:coreProperties>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>Qingdan</Application></Properties>";

/// Fonts: 0 regular, 1 bold (宋体 11, the font every Chinese Windows and WPS has). Cell formats:
/// 0 normal, 1 bold (header), 2 wrapped text (cells with line breaks).
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"2\">\
<font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>\
</fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"3\">\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment wrapText=\"1\" vertical=\"top\"/></xf>\
</cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

/// The CRC-32 (ISO-HDLC, the one ZIP uses) lookup table. Computed when needed (2 048 steps, once
/// per part) rather than stored: a stored table is 1 KB of incompressible wasm data.
fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    table
}

/// The CRC-32 of `data` as ZIP records it.
fn crc32(data: &[u8]) -> u32 {
    let table = crc_table();
    !data.iter().fold(!0u32, |crc, &b| {
        table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8)
    })
}

/// A ZIP archive written in memory: deflated entries, no ZIP64, no timestamps (1980-01-01).
#[derive(Default)]
struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// MS-DOS date 1980-01-01, the earliest ZIP can hold.
const DOS_DATE: u16 = (1 << 5) | 1;
/// Version 2.0: deflate.
const ZIP_VERSION: u16 = 20;
/// General purpose flag bit 11: names are UTF-8.
const ZIP_UTF8: u16 = 1 << 11;
const DEFLATE: u16 = 8;

impl ZipWriter {
    fn add(&mut self, name: &str, data: &[u8]) -> Result<(), XlsxError> {
        let compressed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let too_large = |_| XlsxError::TooLarge;
        let offset = u32::try_from(self.out.len()).map_err(too_large)?;
        let size = u32::try_from(data.len()).map_err(too_large)?;
        let csize = u32::try_from(compressed.len()).map_err(too_large)?;
        let name_len = u16::try_from(name.len()).map_err(too_large)?;
        self.entries = self.entries.checked_add(1).ok_or(XlsxError::TooLarge)?;
        let crc = crc32(data);

        let out = &mut self.out;
        put32(out, 0x0403_4b50);
        for v in [ZIP_VERSION, ZIP_UTF8, DEFLATE, 0, DOS_DATE] {
            put16(out, v);
        }
        for v in [crc, csize, size] {
            put32(out, v);
        }
        put16(out, name_len);
        put16(out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&compressed);

        let cd = &mut self.central;
        put32(cd, 0x0201_4b50);
        for v in [ZIP_VERSION, ZIP_VERSION, ZIP_UTF8, DEFLATE, 0, DOS_DATE] {
            put16(cd, v);
        }
        for v in [crc, csize, size] {
            put32(cd, v);
        }
        // Name length; extra, comment, disk number, internal attributes.
        for v in [name_len, 0, 0, 0, 0] {
            put16(cd, v);
        }
        // External attributes, local header offset.
        put32(cd, 0);
        put32(cd, offset);
        cd.extend_from_slice(name.as_bytes());
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        let too_large = |_| XlsxError::TooLarge;
        let cd_offset = u32::try_from(self.out.len()).map_err(too_large)?;
        let cd_size = u32::try_from(self.central.len()).map_err(too_large)?;
        self.out.extend_from_slice(&self.central);
        // The end of central directory must start below 4 GiB too.
        u32::try_from(self.out.len()).map_err(too_large)?;
        let out = &mut self.out;
        put32(out, 0x0605_4b50);
        for v in [0, 0, self.entries, self.entries] {
            put16(out, v);
        }
        put32(out, cd_size);
        put32(out, cd_offset);
        put16(out, 0);
        Ok(self.out)
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn column_names() {
        let cases = [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA")];
        for (i, name) in cases {
            assert_eq!(column_name(i), name);
        }
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(column_name(MAX_COLS - 1), "XFD");
    }

    #[test]
    fn numbers_are_xsd_doubles() {
        assert_eq!(number_text(5.0), "5");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(-0.25), "-0.25");
        assert_eq!(number_text(0.0), "0");
        for v in [
            1e300,
            1e-300,
            123456789.125,
            f64::MAX,
            f64::MIN_POSITIVE,
            0.1 + 0.2,
        ] {
            let text = number_text(v);
            assert_eq!(text.parse::<f64>(), Ok(v), "{text}");
        }
    }

    #[test]
    fn cell_text_is_cleaned_and_escaped() {
        assert_eq!(clean_text("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(
            clean_text("\u{0}a\u{1}\u{8}\u{b}\u{c}\t\u{1f}\u{fffe}\u{ffff}b"),
            "a\tb"
        );
        let mut out = String::new();
        push_cell_text(&mut out, "<&>\"' _x0041_ _x00zz_ _x12345 _x1234_");
        assert_eq!(
            out,
            "&lt;&amp;&gt;\"' _x005F_x0041_ _x00zz_ _x12345 _x005F_x1234_"
        );
        let long = "长".repeat(MAX_CELL_TEXT + 10);
        assert_eq!(clean_text(&long).chars().count(), MAX_CELL_TEXT);
        // An emoji is two UTF-16 units and is not split.
        let emoji = "😀".repeat(MAX_CELL_TEXT);
        assert_eq!(clean_text(&emoji).chars().count(), MAX_CELL_TEXT / 2);
    }

    #[test]
    fn widths_count_cjk_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("朱家角镇"), 8);
        assert_eq!(display_width("道路 8公里\n很长很长很长的一行"), 18);
        assert_eq!(display_width(""), 0);
    }
}
