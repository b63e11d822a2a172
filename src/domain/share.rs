//! Progress as a link: `<app folder>/tools.html#/receive/<payload>`.
//!
//! A unit's progress travels in the fragment of a URL (everything after `#` stays in the
//! browser, no server sees it), so it can be sent in a chat message or shown as a QR code
//! ([`crate::domain::qr`]). The payload holds exactly what the JSON file export of that unit
//! holds ([`crate::domain::export::export_doc`]), and [`decode`] validates it exactly as a file
//! import is validated ([`crate::domain::import::validate_import`] on the same JSON), so the
//! receiver previews and merges it through the file import's path.
//!
//! # Payload format, version 1
//!
//! ```text
//! payload = "1" base64url( deflate(body) adler32(body) )
//! ```
//!
//! - `"1"`: the format version. Links keep opening after later releases: a later app reads
//!   every older version it knows. A link whose tag is another digit (`2`–`9`) was made by a
//!   newer app ([`ShareError::UnknownVersion`]).
//! - base64url: RFC 4648 §5 alphabet `A–Z a–z 0–9 - _`, no padding, unused trailing bits zero
//!   (a character that only changes those bits is refused, not ignored). ASCII whitespace
//!   anywhere is skipped, so a link a chat app broke over lines still opens.
//! - `deflate(body)`: raw DEFLATE (RFC 1951) at miniz_oxide's highest level, followed by the
//!   Adler-32 of `body`, big-endian: a zlib stream (RFC 1950) without its two header bytes.
//!   The checksum turns a changed or missing character into [`ShareError::Damaged`] instead
//!   of a different document (the only changes it lets through touch the few padding bits
//!   after the last deflate block, and read back the same document). `body` may inflate to at
//!   most [`MAX_BODY_BYTES`].
//! - `body`: a compact binary form of the export document. Deflated, it is about a third of
//!   the export JSON deflated the same way for one unit's status and amounts, and about half
//!   with a short note on each task (measured in `tests/share.rs`, which prints both). Integers are LEB128 varints (`uint`); `int` is a
//!   zigzag varint; `str` is a `uint` byte length then UTF-8; `stamp` is an `int`: the
//!   difference (wrapping) from the previous stamp written, starting from 0, so the stamps of
//!   one editing session cost 2–3 bytes; `name` is a `uint` index into a table that starts with
//!   `NAMES_V1` (the 13 unit keys and the 29 metric names of the 2022 list, fixed for this
//!   version) followed by the names spelled out so far in this body, or the table's length
//!   followed by a new `str` that joins the table.
//!
//! ```text
//! body    = str dataset_id, str dataset_hash, uint schema, uint revision,
//!           stamp exported_at, stamp saved_at,
//!           units, uint record_count, record*
//! units   = uint 0: all units, each record names its unit
//!         | uint 1, name unit: one unit, and every record is that unit's (records name none)
//!         | uint 2, name unit: one unit, each record names its unit (never written for an
//!           export, whose records are all of its unit; kept so any document reads back exact)
//! record  = uint task − previous record's task (from 0), [name unit], u8 head,
//!           [stamp status_updated_at], [uint amount_count − 3], amount*,
//!           [uint note_count − 3], note*, [int updated_at − newest field stamp]
//! head    = bits 0–1 status (未开始 0, 推进中 1, 已完成 2, 存在困难 3)
//!           bit 2    status_updated_at is 0 (then not written)
//!           bits 3–4 amount count 0–2, or 3: the count − 3 follows
//!           bits 5–6 note count 0–2, or 3: the count − 3 follows
//!           bit 7    updated_at differs from the newest field stamp (then the difference
//!                    follows); the newest field stamp is the largest of status_updated_at and
//!                    the amounts' and notes' updated_at
//! amount  = name metric, value, stamp updated_at
//! value   = uint 0: none | uint 1, f64 little-endian | uint m·12 + 2 + k: m / 10^k (k ≤ 9,
//!           used when exact to the bit)
//! note    = stamp created_at, id, stamp updated_at, str text,
//!           uint 0: live | 1: deleted_at = updated_at | 2, stamp deleted_at
//! id      = uint 0, int t − created_at, uint r: the id `note_id(t, r)` (base 36, as the app
//!           makes them) | uint n + 1, n bytes of UTF-8: any other id
//! ```
//!
//! `app` is always [`crate::domain::progress::APP_TAG`]; the export info is always present.
//! Amounts that are not finite are written as none, as the JSON export writes them as `null`.
//! The reader refuses anything the writer never writes (a wrong tag, a repeated metric, bytes
//! left over), so a payload has one reading.

use crate::domain::export::export_doc;
use crate::domain::import::{validate_import, ImportDoc, ImportError, MAX_IMPORT_BYTES};
use crate::domain::messages;
use crate::domain::progress::{
    note_id, Amount, ExportInfo, Note, ProgressDoc, Record, Records, Status, APP_TAG,
};
use crate::domain::qr::{qr_svg, QrError, QrSvg};
use crate::domain::route::Route;
use crate::domain::task::Dataset;

/// The format version written by [`encode`], the first character of every payload.
pub const FORMAT_VERSION: char = '1';

/// The page that receives a shared link, in the same folder as the app's `index.html`.
pub const RECEIVE_PAGE: &str = "tools.html";

/// The route on [`RECEIVE_PAGE`] that the payload follows.
pub const RECEIVE_ROUTE: &str = "#/receive/";

/// Largest body a payload may inflate to: the file import's limit ([`MAX_IMPORT_BYTES`]).
/// The body is shorter than the JSON of the same document (each record, amount and note
/// takes fewer bytes than its JSON, keys included), so nothing the file import accepts is
/// refused for its size as a link; and a "zip bomb" stops after 5 MB of output, a few
/// milliseconds of work.
pub const MAX_BODY_BYTES: usize = MAX_IMPORT_BYTES;

/// Longest payload read at all: more base64 than [`MAX_BODY_BYTES`] could ever come from
/// (DEFLATE adds at most 5 bytes per 64 KiB stored block) is refused before decoding.
pub const MAX_PAYLOAD_CHARS: usize = (MAX_BODY_BYTES + MAX_BODY_BYTES / 1000 + 64) / 3 * 4;

/// Longest link (whole URL) the app offers for pasting into a chat; above it the UI falls back
/// to the file export.
///
/// 2 000 characters, because the chat apps the field staff use split, cut or refuse longer
/// texts, and a link cut anywhere is useless ([`ShareError::Damaged`]):
/// - WeChat: user reports put the split of a long text message at about 2 000 characters,
///   and its text-message APIs (customer service, mini-program) refuse content over 2 048
///   bytes;
/// - DingTalk: its message APIs refuse text over 2 048 characters (some reports say 1 024),
///   its bots split replies at 2 000, and its documentation recommends 500 for work notices;
/// - QQ: no lower limit was found;
/// - the classic URL limit of Internet Explorer and old embedded browsers, 2 083 characters,
///   sits just above, so such a link also opens in old in-app browsers;
/// - SMS is no carrier for these links at any useful length: 160 ASCII characters per
///   message, 153 per part of a long message, and many phones stop recognising a link that
///   is split over parts. The UI should suggest WeChat or the file for SMS users.
///
/// None of the vendors publishes the limit of a personal chat message; these are the limits
/// of their developer documentation and of user reports. `tests/share.rs` checks that one
/// unit's status and amounts on every task (the usual report) stay well under this.
pub const MAX_CHAT_LINK_CHARS: usize = 2000;

/// What a link carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShareScope {
    /// Everything the file export holds: status, amounts and notes (deleted ones included, as
    /// tombstones, so a deletion travels too).
    #[default]
    Full,
    /// Status and amounts only: the notes are left out, for a shorter link (and a QR code). A
    /// record that then holds nothing (no status ever set, no amount) is left out, and each
    /// record's `updated_at` becomes the newest of its remaining stamps.
    StatusAndAmounts,
}

/// Why a link could not be made or opened. Nothing is changed when a link is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The link has no payload after `#/receive/`.
    Empty,
    /// Made by a newer version of the app (the version tag is unknown).
    UnknownVersion {
        /// The tag found.
        tag: char,
    },
    /// A character that a link never contains (changed by hand or by a chat app).
    BadCharacter {
        /// The character.
        ch: char,
        /// Its 1-based position in the payload, in characters.
        position: usize,
    },
    /// Truncated or changed: the base64, the compressed data, the checksum or the contents do
    /// not hold together.
    Damaged,
    /// The payload, or what it inflates to, is over the limit ([`MAX_BODY_BYTES`]).
    TooLarge,
    /// Made for another task list.
    OtherDataset {
        /// The dataset id in the link (e.g. `qingpu-2023`), which names the list.
        link_id: String,
        /// The app's dataset id.
        app_id: String,
        /// The app's list title.
        app_title: String,
    },
    /// The contents fail the file import's checks (see [`ImportError`]).
    Import(ImportError),
}

impl ShareError {
    /// What is wrong, in Chinese, for the user.
    pub fn message_zh(&self) -> String {
        match self {
            ShareError::Empty => messages::SHARE_EMPTY.to_string(),
            ShareError::UnknownVersion { tag } => messages::share_unknown_version(*tag),
            ShareError::BadCharacter { ch, position } => {
                messages::share_bad_character(*ch, *position)
            }
            ShareError::Damaged => messages::SHARE_DAMAGED.to_string(),
            ShareError::TooLarge => messages::share_too_large(MAX_BODY_BYTES),
            ShareError::OtherDataset {
                link_id,
                app_id,
                app_title,
            } => messages::share_other_dataset(
                &crate::domain::import::list_name("", link_id),
                &crate::domain::import::list_name(app_title, app_id),
            ),
            ShareError::Import(e) => messages::share_import_error(&e.message_zh()),
        }
    }
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for ShareError {}

/// The document a link carries: the export of `unit` (all units with `None`) made at `now_ms`,
/// exactly as [`export_doc`] makes it, without the notes for [`ShareScope::StatusAndAmounts`].
/// [`decode`] of the link gives back this document (after the file import's checks).
pub fn shared_doc(
    doc: &ProgressDoc,
    unit: Option<&str>,
    scope: ShareScope,
    now_ms: i64,
) -> ProgressDoc {
    let mut out = export_doc(doc, unit, now_ms);
    if scope == ShareScope::StatusAndAmounts {
        let kept: Vec<Record> = out
            .records
            .iter()
            .filter(|r| {
                r.status_updated_at != 0 || r.status != Status::NotStarted || !r.amounts.is_empty()
            })
            .map(|r| {
                let mut r = r.clone();
                r.notes.clear();
                r.updated_at = newest_field_stamp(&r);
                r
            })
            .collect();
        let mut records = Records::new();
        for r in kept {
            records.replace(r);
        }
        out.records = records;
    }
    out
}

/// The payload of a link to the export of `unit` (all units with `None`) at `now_ms`: see the
/// module docs for the format. Pass it to [`share_url`] for the whole link.
///
/// Fails only with [`ShareError::TooLarge`], when the document is too large for [`decode`] to
/// accept (its JSON over the file import's [`MAX_IMPORT_BYTES`], or its body over
/// [`MAX_BODY_BYTES`]); such a document cannot travel as a link.
pub fn encode(
    doc: &ProgressDoc,
    unit: Option<&str>,
    scope: ShareScope,
    now_ms: i64,
) -> Result<String, ShareError> {
    let shared = shared_doc(doc, unit, scope, now_ms);
    // Refuse what `decode` would refuse for its size: the document's JSON (what the import
    // reads) or its body over the limits.
    if serde_json::to_writer(&mut CappedWriter(Vec::new()), &shared).is_err() {
        return Err(ShareError::TooLarge);
    }
    let body = write_body(&shared);
    if body.len() > MAX_BODY_BYTES {
        return Err(ShareError::TooLarge);
    }
    // Level 10 is miniz's highest ("uber") level. The zlib stream is header (2 bytes),
    // deflate data, Adler-32 of the body; the header is the same for every payload, so it is
    // left out and put back by `decode`.
    let zlib = miniz_oxide::deflate::compress_to_vec_zlib(&body, 10);
    let mut out = String::with_capacity(1 + zlib.len() * 4 / 3 + 2);
    out.push(FORMAT_VERSION);
    base64url_encode(zlib.get(2..).unwrap_or_default(), &mut out);
    Ok(out)
}

/// Reads a payload made by [`encode`] and validates it as a file import against the app's
/// dataset; on success the result goes to the file import's preview and merge. Never panics.
///
/// Checks, in order: empty, version tag, size, characters, base64, inflation (size cap and
/// checksum), the body's structure, the dataset id (another list is refused naming it), then
/// every check of [`validate_import`].
pub fn decode(payload: &str, dataset: &Dataset) -> Result<ImportDoc, ShareError> {
    let mut chars = payload
        .chars()
        .enumerate()
        .filter(|(_, c)| !c.is_ascii_whitespace());
    let Some((at, tag)) = chars.next() else {
        return Err(ShareError::Empty);
    };
    if tag != FORMAT_VERSION {
        return Err(match tag {
            '2'..='9' => ShareError::UnknownVersion { tag },
            c if base64url_value(c).is_some() => ShareError::Damaged,
            c => ShareError::BadCharacter {
                ch: c,
                position: at + 1,
            },
        });
    }
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(ShareError::TooLarge);
    }
    let mut zlib = vec![0x78, 0xDA];
    base64url_decode(chars, &mut zlib)?;
    let body = match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&zlib, MAX_BODY_BYTES)
    {
        Ok(body) => body,
        Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
            return Err(ShareError::TooLarge)
        }
        Err(_) => return Err(ShareError::Damaged),
    };
    let doc = read_body(&body, dataset)?;
    let mut json = CappedWriter(Vec::new());
    if serde_json::to_writer(&mut json, &doc).is_err() {
        // The only write error is the cap.
        return Err(ShareError::TooLarge);
    }
    validate_import(&json.0, dataset).map_err(ShareError::Import)
}

/// The whole link: the app's folder taken from `base` (any URL of a page of the app, e.g.
/// `location.href`), then [`RECEIVE_PAGE`], [`RECEIVE_ROUTE`] and the payload. The folder is
/// what a browser resolves the relative link `tools.html` against: query and fragment dropped,
/// then everything after the last `/` of the path.
///
/// `https://x.org/a/b/index.html?x#/town/y` → `https://x.org/a/b/tools.html#/receive/<payload>`;
/// `https://x.org/a/` → `https://x.org/a/tools.html#/receive/<payload>`;
/// `file:///C:/qingdan/index.html` → `file:///C:/qingdan/tools.html#/receive/<payload>`.
pub fn share_url(base: &str, payload: &str) -> String {
    let base = base.trim();
    let base = base.split(['#', '?']).next().unwrap_or_default();
    // Where the path starts: after `scheme://authority` (the authority may be empty, as in
    // `file:///`), or at the start of a URL without a scheme.
    let path_start = match base.find("://") {
        Some(i) => {
            let after = i + 3;
            base.get(after..)
                .and_then(|rest| rest.find('/'))
                .map(|j| after + j)
        }
        None => Some(0),
    };
    let folder = match path_start {
        // `https://x.org` has no path: its folder is `https://x.org/`.
        None => format!("{base}/"),
        Some(start) => {
            let path = base.get(start..).unwrap_or_default();
            let end = path.rfind('/').map_or(0, |k| k + 1);
            format!(
                "{}{}",
                base.get(..start).unwrap_or_default(),
                path.get(..end).unwrap_or_default()
            )
        }
    };
    format!("{folder}{RECEIVE_PAGE}{RECEIVE_ROUTE}{payload}")
}

/// The payload in a pasted link or text: what follows [`RECEIVE_ROUTE`], or the text itself
/// (trimmed) when it holds no such route, so a bare payload works too.
pub fn payload_from_link(text: &str) -> &str {
    let text = text.trim();
    let payload = match text.rfind(RECEIVE_ROUTE) {
        Some(i) => text.get(i + RECEIVE_ROUTE.len()..).unwrap_or_default(),
        None => text,
    };
    // The link's parameters (`?l=<list>`) are not part of the payload.
    payload.split('?').next().unwrap_or_default()
}

/// What can be shared of one unit's progress: the share page shows exactly this.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareOffer {
    /// The unit has no record at all: there is nothing to share.
    NoProgress,
    /// [`ShareScope::StatusAndAmounts`] leaves nothing: the unit's records hold only notes.
    OnlyNotes,
    /// Too large to travel as a link ([`ShareError::TooLarge`]): only the file export can carry it.
    TooLarge,
    /// A link and its QR code.
    Link(SharedLink),
}

/// A link to one unit's progress, with its QR code.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedLink {
    /// The whole link ([`share_url`]).
    pub url: String,
    /// Its QR code, or why there is none.
    pub qr: Result<QrSvg, QrError>,
    /// Only for [`ShareScope::Full`], when the link is too long for a chat message or for a QR
    /// code a phone reads reliably: the link without the notes, if it is shorter and holds
    /// anything.
    pub shorter: Option<ShorterLink>,
}

impl SharedLink {
    /// The link's length in characters (what chat apps count).
    pub fn chars(&self) -> usize {
        self.url.chars().count()
    }

    /// Whether the link can be pasted into a chat message ([`MAX_CHAT_LINK_CHARS`]).
    pub fn fits_chat(&self) -> bool {
        self.chars() <= MAX_CHAT_LINK_CHARS
    }

    /// Whether its QR code is one a phone reads reliably ([`QrSvg::fits_phone`]).
    pub fn fits_phone_qr(&self) -> bool {
        self.qr.as_ref().is_ok_and(QrSvg::fits_phone)
    }
}

/// The link of [`ShareScope::StatusAndAmounts`], offered instead of a link with notes that is
/// too long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShorterLink {
    /// Its length in characters.
    pub chars: usize,
    /// Whether it can be pasted into a chat message.
    pub fits_chat: bool,
    /// Whether its QR code is one a phone reads reliably.
    pub fits_phone_qr: bool,
}

/// What the share page offers for `unit` (a unit key or [`crate::domain::progress::DISTRICT`])
/// and `scope`: the link made from the page's own address `base` (see [`share_url`]; with
/// `?l=<list>` when the list is not the built-in one, as the app's own links have it) and the
/// export at `now_ms`, its QR code, and the shorter link when the one asked for is too long.
pub fn offer(
    doc: &ProgressDoc,
    unit: &str,
    scope: ShareScope,
    base: &str,
    list: Option<&str>,
    now_ms: i64,
) -> ShareOffer {
    if !doc.records.iter().any(|r| r.unit == unit) {
        return ShareOffer::NoProgress;
    }
    let link = |scope| -> Result<Option<SharedLink>, ShareError> {
        if shared_doc(doc, Some(unit), scope, now_ms)
            .records
            .is_empty()
        {
            return Ok(None);
        }
        let mut url = share_url(base, &encode(doc, Some(unit), scope, now_ms)?);
        // A list other than the built-in one: the link opens it (or says it is missing), with
        // the parameter as the app's own links write it.
        url.push_str(
            &Route {
                list: list.map(str::to_string),
                ..Route::default()
            }
            .params(),
        );
        let qr = qr_svg(&url);
        Ok(Some(SharedLink {
            url,
            qr,
            shorter: None,
        }))
    };
    let mut made = match link(scope) {
        Ok(Some(made)) => made,
        Ok(None) => return ShareOffer::OnlyNotes,
        Err(_) => return ShareOffer::TooLarge,
    };
    if scope == ShareScope::Full && !(made.fits_chat() && made.fits_phone_qr()) {
        if let Ok(Some(short)) = link(ShareScope::StatusAndAmounts) {
            if short.chars() < made.chars() {
                made.shorter = Some(ShorterLink {
                    chars: short.chars(),
                    fits_chat: short.fits_chat(),
                    fits_phone_qr: short.fits_phone_qr(),
                });
            }
        }
    }
    ShareOffer::Link(made)
}

/// The newest of a record's field stamps (status, amounts, notes' `updated_at`).
fn newest_field_stamp(r: &Record) -> i64 {
    let amounts = r.amounts.values().map(|a| a.updated_at);
    let notes = r.notes.iter().map(|n| n.updated_at);
    amounts.chain(notes).fold(r.status_updated_at, i64::max)
}

// ---------------------------------------------------------------------------------------------
// base64url (RFC 4648 §5), no padding.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // 2, 3 or 4 characters for 1, 2 or 3 bytes.
        for i in 0..=chunk.len() {
            let six = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[six as usize]));
        }
    }
}

fn base64url_value(c: char) -> Option<u32> {
    match c {
        'A'..='Z' => Some(c as u32 - 'A' as u32),
        'a'..='z' => Some(c as u32 - 'a' as u32 + 26),
        '0'..='9' => Some(c as u32 - '0' as u32 + 52),
        '-' => Some(62),
        '_' => Some(63),
        _ => None,
    }
}

/// Decodes base64url characters (with their positions) onto `out`.
fn base64url_decode(
    chars: impl Iterator<Item = (usize, char)>,
    out: &mut Vec<u8>,
) -> Result<(), ShareError> {
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for (i, c) in chars {
        let v = base64url_value(c).ok_or(ShareError::BadCharacter {
            ch: c,
            position: i + 1,
        })?;
        acc = ((acc << 6) | v) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    // 2 or 4 bits left over must be zero; 6 means one character too many (a cut link).
    if bits == 6 || acc & ((1 << bits) - 1) != 0 {
        return Err(ShareError::Damaged);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The binary body.

/// Names every version-1 body knows without spelling them: the unit keys and the metric names
/// of the 2022 list. Part of the format: never change or reorder it (a later format version
/// may start a new table). Other names are spelled out once per payload.
const NAMES_V1: [&str; 42] = [
    "district",
    "zhaoxiang",
    "xujing",
    "huaxin",
    "chonggu",
    "baihe",
    "zhujiajiao",
    "liantang",
    "jinze",
    "xiayang",
    "yingpu",
    "xianghuaqiao",
    "nongye-yuanqu",
    "乡村振兴示范村",
    "2022年度市乡村振兴示范村",
    "市级美丽乡村示范村",
    "道路",
    "桥梁",
    "提档升级改造",
    "粮食任务",
    "蔬菜播种面积",
    "蔬菜产量",
    "食用菌产量",
    "绿叶菜核心基地",
    "农产品绿色生产基地",
    "第三批示范基地",
    "第二批示范镇",
    "蔬菜生产基地绿色防控示范",
    "水产养殖绿色生产方式推广面积",
    "水产养殖场改造项目",
    "受污染耕地",
    "2022年项目完成立项批复",
    "2021年项目年内基本完工并开展区验工作",
    "2020年项目完成竣工验收",
    "规模化常年菜田面积",
    "高标准设施菜田",
    "蔬果生产“机器换人”基地",
    "在建项目施工进度",
    "新型职业农民",
    "收益分配",
    "睦邻点",
    "固定观察点",
];

/// 10^k for the decimal form of amounts.
const POW10: [f64; 10] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/// A value's tag is `m · VALUE_TAGS + 2 + k` for m / 10^k; 0 is none and 1 a raw f64.
const VALUE_TAGS: u64 = 2 + POW10.len() as u64;

/// Values of `m` up to 2^53 are exact in an f64.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// Bits of a record's head byte.
const HEAD_STATUS: u8 = 0b11;
const HEAD_NO_STATUS_STAMP: u8 = 1 << 2;
const HEAD_AMOUNTS_SHIFT: u8 = 3;
const HEAD_NOTES_SHIFT: u8 = 5;
const HEAD_UPDATED_DIFFERS: u8 = 1 << 7;

/// The two-bit count field of the head byte: 0–2, or 3 for "3 + a uint that follows".
fn small_count(n: usize) -> u8 {
    n.min(3) as u8
}

/// A note id made by [`crate::domain::progress::note_id`], split into its stamp and random
/// part, when it reads back exactly.
fn split_note_id(id: &str) -> Option<(i64, u64)> {
    let (t, r) = id.split_once('-')?;
    let t = i64::try_from(u64::from_str_radix(t, 36).ok()?).ok()?;
    let r = u64::from_str_radix(r, 36).ok()?;
    (note_id(t, r) == id).then_some((t, r))
}

struct Writer {
    buf: Vec<u8>,
    prev: i64,
    names: Vec<String>,
}

impl Writer {
    fn uint(&mut self, mut v: u64) {
        loop {
            let low = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(low);
                return;
            }
            self.buf.push(low | 0x80);
        }
    }

    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn name(&mut self, s: &str) {
        let known = NAMES_V1.iter().position(|n| *n == s);
        let seen = || self.names.iter().position(|n| n == s);
        match known.or_else(|| seen().map(|i| NAMES_V1.len() + i)) {
            Some(i) => self.uint(i as u64),
            None => {
                self.uint((NAMES_V1.len() + self.names.len()) as u64);
                self.str(s);
                self.names.push(s.to_string());
            }
        }
    }

    fn stamp(&mut self, v: i64) {
        self.int(v.wrapping_sub(self.prev));
        self.prev = v;
    }

    fn value(&mut self, value: Option<f64>) {
        let Some(v) = value.filter(|v| v.is_finite()) else {
            self.uint(0);
            return;
        };
        if v.is_sign_positive() {
            for (k, p) in POW10.iter().enumerate() {
                let m = (v * p).round();
                if m <= MAX_EXACT && (m / p).to_bits() == v.to_bits() {
                    self.uint(m as u64 * VALUE_TAGS + 2 + k as u64);
                    return;
                }
            }
        }
        self.uint(1);
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    fn record(&mut self, r: &Record) {
        let newest = newest_field_stamp(r);
        let mut head = status_index(r.status);
        if r.status_updated_at == 0 {
            head |= HEAD_NO_STATUS_STAMP;
        }
        head |= small_count(r.amounts.len()) << HEAD_AMOUNTS_SHIFT;
        head |= small_count(r.notes.len()) << HEAD_NOTES_SHIFT;
        if r.updated_at != newest {
            head |= HEAD_UPDATED_DIFFERS;
        }
        self.buf.push(head);
        if r.status_updated_at != 0 {
            self.stamp(r.status_updated_at);
        }
        if r.amounts.len() >= 3 {
            self.uint(r.amounts.len() as u64 - 3);
        }
        for (metric, a) in &r.amounts {
            self.name(metric);
            self.value(a.value);
            self.stamp(a.updated_at);
        }
        if r.notes.len() >= 3 {
            self.uint(r.notes.len() as u64 - 3);
        }
        for n in &r.notes {
            self.stamp(n.created_at);
            match split_note_id(&n.id) {
                Some((t, random)) => {
                    self.uint(0);
                    self.int(t.wrapping_sub(n.created_at));
                    self.uint(random);
                }
                None => {
                    self.uint(n.id.len() as u64 + 1);
                    self.buf.extend_from_slice(n.id.as_bytes());
                }
            }
            self.stamp(n.updated_at);
            self.str(&n.text);
            match n.deleted_at {
                None => self.uint(0),
                Some(d) if d == n.updated_at => self.uint(1),
                Some(d) => {
                    self.uint(2);
                    self.stamp(d);
                }
            }
        }
        if r.updated_at != newest {
            self.int(r.updated_at.wrapping_sub(newest));
        }
    }
}

fn status_index(s: Status) -> u8 {
    match s {
        Status::NotStarted => 0,
        Status::InProgress => 1,
        Status::Done => 2,
        Status::Blocked => 3,
    }
}

fn write_body(doc: &ProgressDoc) -> Vec<u8> {
    let mut w = Writer {
        buf: Vec::new(),
        prev: 0,
        names: Vec::new(),
    };
    w.str(&doc.dataset_id);
    w.str(&doc.dataset_hash);
    w.uint(u64::from(doc.schema));
    w.uint(doc.revision);
    let export = doc.export.clone().unwrap_or(ExportInfo {
        exported_at: 0,
        unit: None,
    });
    w.stamp(export.exported_at);
    w.stamp(doc.saved_at);
    // A one-unit export holds only that unit's records (`export_doc`), which then need not
    // name it; form 2 keeps any other document exact all the same.
    let one_unit = export.unit.as_deref();
    let named = match one_unit {
        None => {
            w.uint(0);
            true
        }
        Some(u) => {
            let all_of_it = doc.records.iter().all(|r| r.unit == u);
            w.uint(if all_of_it { 1 } else { 2 });
            w.name(u);
            !all_of_it
        }
    };
    w.uint(doc.records.len() as u64);
    let mut task = 0;
    for r in doc.records.iter() {
        // Records come ordered by task, so the difference is never negative.
        w.uint(u64::from(r.task.wrapping_sub(task)));
        task = r.task;
        if named {
            w.name(&r.unit);
        }
        w.record(r);
    }
    w.buf
}

/// The body does not hold together (only a crafted payload gets past the checksum with this).
struct Bad;

impl From<Bad> for ShareError {
    fn from(_: Bad) -> Self {
        ShareError::Damaged
    }
}

/// Smallest compact JSON of a record, an amount and a note, without their strings and commas
/// (checked by a test). Reading adds them up as it goes and stops at [`MAX_IMPORT_BYTES`], so a small
/// body that names a long string many times cannot make a huge document.
const MIN_RECORD_JSON: usize = 80;
const MIN_AMOUNT_JSON: usize = 30;
const MIN_NOTE_JSON: usize = 45;

struct Reader<'a> {
    buf: &'a [u8],
    prev: i64,
    names: Vec<String>,
    json_floor: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, Bad> {
        let (&b, rest) = self.buf.split_first().ok_or(Bad)?;
        self.buf = rest;
        Ok(b)
    }

    fn bytes(&mut self, n: usize) -> Result<&[u8], Bad> {
        if n > self.buf.len() {
            return Err(Bad);
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }

    fn uint(&mut self) -> Result<u64, Bad> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7F);
            if shift == 63 && part > 1 {
                return Err(Bad);
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Bad)
    }

    fn int(&mut self) -> Result<i64, Bad> {
        let u = self.uint()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    fn len(&mut self) -> Result<usize, Bad> {
        usize::try_from(self.uint()?).map_err(|_| Bad)
    }

    fn text(&mut self, n: usize) -> Result<String, Bad> {
        let bytes = self.bytes(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| Bad)
    }

    fn str(&mut self) -> Result<String, Bad> {
        let n = self.len()?;
        self.text(n)
    }

    fn name(&mut self) -> Result<String, Bad> {
        let i = self.len()?;
        if let Some(known) = NAMES_V1.get(i) {
            return Ok((*known).to_string());
        }
        let i = i - NAMES_V1.len();
        if i == self.names.len() {
            let s = self.str()?;
            self.names.push(s.clone());
            Ok(s)
        } else {
            self.names.get(i).cloned().ok_or(Bad)
        }
    }

    fn stamp(&mut self) -> Result<i64, Bad> {
        let v = self.prev.wrapping_add(self.int()?);
        self.prev = v;
        Ok(v)
    }

    fn value(&mut self) -> Result<Option<f64>, Bad> {
        match self.uint()? {
            0 => Ok(None),
            1 => {
                let bytes: [u8; 8] = self.bytes(8)?.try_into().map_err(|_| Bad)?;
                let v = f64::from_le_bytes(bytes);
                // The writer never writes these; JSON cannot carry them.
                if v.is_finite() {
                    Ok(Some(v))
                } else {
                    Err(Bad)
                }
            }
            tag => {
                // m · 12 + 0 or + 1 is never written: `get` refuses the wrapped index.
                let k = usize::try_from(tag % VALUE_TAGS).map_err(|_| Bad)?;
                let p = POW10.get(k.wrapping_sub(2)).ok_or(Bad)?;
                Ok(Some((tag / VALUE_TAGS) as f64 / p))
            }
        }
    }

    /// A count from the head byte's two bits.
    fn count(&mut self, bits: u8) -> Result<usize, Bad> {
        match bits {
            3 => self.len()?.checked_add(3).ok_or(Bad),
            n => Ok(usize::from(n)),
        }
    }

    /// Counts `bytes` more of the JSON the document will become.
    fn grow(&mut self, bytes: usize) -> Result<(), ShareError> {
        self.json_floor = self.json_floor.saturating_add(bytes);
        if self.json_floor > MAX_IMPORT_BYTES {
            Err(ShareError::TooLarge)
        } else {
            Ok(())
        }
    }

    fn record(&mut self, task: u16, unit: String) -> Result<Record, ShareError> {
        self.grow(MIN_RECORD_JSON + unit.len())?;
        let head = self.byte()?;
        let mut r = Record::new(task, &unit);
        r.status = Status::ALL
            .get(usize::from(head & HEAD_STATUS))
            .copied()
            .ok_or(Bad)?;
        if head & HEAD_NO_STATUS_STAMP == 0 {
            r.status_updated_at = self.stamp()?;
        }
        for _ in 0..self.count((head >> HEAD_AMOUNTS_SHIFT) & 3)? {
            let metric = self.name()?;
            self.grow(MIN_AMOUNT_JSON + metric.len())?;
            let value = self.value()?;
            let updated_at = self.stamp()?;
            // A repeated metric would be one JSON key twice, which the writer never makes.
            if r.amounts.contains_key(&metric) {
                return Err(ShareError::Damaged);
            }
            r.amounts.insert(metric, Amount { value, updated_at });
        }
        for _ in 0..self.count((head >> HEAD_NOTES_SHIFT) & 3)? {
            let created_at = self.stamp()?;
            let id = match self.len()? {
                0 => {
                    let t = created_at.wrapping_add(self.int()?);
                    note_id(t, self.uint()?)
                }
                n => self.text(n - 1)?,
            };
            let updated_at = self.stamp()?;
            let text = self.str()?;
            self.grow(MIN_NOTE_JSON + id.len() + text.len())?;
            let deleted_at = match self.uint()? {
                0 => None,
                1 => Some(updated_at),
                2 => Some(self.stamp()?),
                _ => return Err(ShareError::Damaged),
            };
            r.notes.push(Note {
                id,
                created_at,
                updated_at,
                text,
                deleted_at,
            });
        }
        let newest = newest_field_stamp(&r);
        r.updated_at = if head & HEAD_UPDATED_DIFFERS != 0 {
            let updated_at = newest.wrapping_add(self.int()?);
            // The writer sets the bit only when they differ.
            if updated_at == newest {
                return Err(ShareError::Damaged);
            }
            updated_at
        } else {
            newest
        };
        Ok(r)
    }
}

fn read_body(body: &[u8], dataset: &Dataset) -> Result<ProgressDoc, ShareError> {
    let mut r = Reader {
        buf: body,
        prev: 0,
        names: Vec::new(),
        json_floor: 0,
    };
    let dataset_id = r.str()?;
    let dataset_hash = r.str()?;
    if dataset_id != dataset.meta.id {
        return Err(ShareError::OtherDataset {
            link_id: dataset_id,
            app_id: dataset.meta.id.clone(),
            app_title: dataset.meta.title.clone(),
        });
    }
    let schema = u32::try_from(r.uint()?).map_err(|_| Bad)?;
    let revision = r.uint()?;
    let exported_at = r.stamp()?;
    let saved_at = r.stamp()?;
    let (unit, named) = match r.uint()? {
        0 => (None, true),
        1 => (Some(r.name()?), false),
        2 => (Some(r.name()?), true),
        _ => return Err(ShareError::Damaged),
    };
    let count = r.len()?;
    let mut records = Vec::new();
    let mut task: u16 = 0;
    for _ in 0..count {
        task = u16::try_from(r.uint()?)
            .ok()
            .and_then(|d| task.checked_add(d))
            .ok_or(Bad)?;
        let record_unit = match (&unit, named) {
            (Some(u), false) => u.clone(),
            _ => r.name()?,
        };
        records.push(r.record(task, record_unit)?);
    }
    if !r.buf.is_empty() {
        return Err(ShareError::Damaged);
    }
    Ok(ProgressDoc {
        // Not in the link: only a link for the open list is read, so it is that list's title.
        dataset_title: dataset.meta.title.clone(),
        app: APP_TAG.to_string(),
        schema,
        dataset_id,
        dataset_hash,
        revision,
        saved_at,
        export: Some(ExportInfo { exported_at, unit }),
        // Records of one key are merged as the import merges them (only a crafted payload has
        // two); the import then normalises each record as it does for a file.
        records: records.into_iter().collect(),
    })
}

/// Collects JSON up to [`MAX_IMPORT_BYTES`], then fails.
struct CappedWriter(Vec<u8>);

impl std::io::Write for CappedWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + data.len() > MAX_IMPORT_BYTES {
            return Err(std::io::Error::other("over the import limit"));
        }
        self.0.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::DISTRICT;

    #[test]
    fn share_url_uses_the_app_folder() {
        let cases = [
            (
                "https://x.org/a/b/index.html?x#/town/y",
                "https://x.org/a/b/tools.html#/receive/P",
            ),
            ("https://x.org/a/", "https://x.org/a/tools.html#/receive/P"),
            ("https://x.org", "https://x.org/tools.html#/receive/P"),
            ("https://x.org?q#h", "https://x.org/tools.html#/receive/P"),
            (
                "https://x.org:8080/a/tools.html#/receive/old",
                "https://x.org:8080/a/tools.html#/receive/P",
            ),
            (
                "file:///C:/Users/me/qingdan/index.html",
                "file:///C:/Users/me/qingdan/tools.html#/receive/P",
            ),
            (
                "file:///home/me/qingdan/index.html#/",
                "file:///home/me/qingdan/tools.html#/receive/P",
            ),
            (
                "http://127.0.0.1:8080/index.html",
                "http://127.0.0.1:8080/tools.html#/receive/P",
            ),
            ("", "tools.html#/receive/P"),
        ];
        for (base, want) in cases {
            assert_eq!(share_url(base, "P"), want, "{base}");
        }
    }

    #[test]
    fn payload_from_pasted_text() {
        assert_eq!(
            payload_from_link(" https://x.org/a/tools.html#/receive/1abc \n"),
            "1abc"
        );
        assert_eq!(payload_from_link("1abc"), "1abc");
        assert_eq!(payload_from_link("#/receive/"), "");
    }

    #[test]
    fn base64url_round_trips_and_is_strict() {
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            let mut text = String::new();
            base64url_encode(&bytes, &mut text);
            assert_eq!(text.len(), (n * 4).div_ceil(3));
            let mut back = Vec::new();
            base64url_decode(text.chars().enumerate(), &mut back).unwrap();
            assert_eq!(back, bytes);
        }
        let mut out = Vec::new();
        // "AB" carries 8 bits and 4 unused bits that must be zero; "AA" is the canonical form.
        assert_eq!(
            base64url_decode("AB".chars().enumerate(), &mut out),
            Err(ShareError::Damaged)
        );
        assert_eq!(
            base64url_decode("AAAAA".chars().enumerate(), &mut out),
            Err(ShareError::Damaged)
        );
        assert_eq!(
            base64url_decode("AA=".chars().enumerate(), &mut out),
            Err(ShareError::BadCharacter {
                ch: '=',
                position: 3
            })
        );
    }

    #[test]
    fn amounts_keep_every_bit() {
        let values = [
            0.0,
            1.0,
            0.12,
            2502.94,
            11.304,
            0.1 + 0.2,
            1.0 / 3.0,
            1e300,
            5e-324,
            f64::MAX,
            9_007_199_254_740_993.0,
            123_456_789.123_456_79,
            -0.0,
            -2.5,
        ];
        for v in values {
            let mut w = Writer {
                buf: Vec::new(),
                prev: 0,
                names: Vec::new(),
            };
            w.value(Some(v));
            let mut r = Reader {
                buf: &w.buf,
                prev: 0,
                names: Vec::new(),
                json_floor: 0,
            };
            let back = r.value().ok().flatten().unwrap();
            assert_eq!(back.to_bits(), v.to_bits(), "{v}");
            assert!(r.buf.is_empty());
        }
        // Short forms for the usual amounts.
        let mut w = Writer {
            buf: Vec::new(),
            prev: 0,
            names: Vec::new(),
        };
        w.value(Some(8.0));
        w.value(Some(0.12));
        assert_eq!(w.buf.len(), 3);
    }

    #[test]
    fn note_ids_split_only_when_exact() {
        let id = note_id(1_669_600_000_123, 0x1f_ffff_ffff_ffff);
        assert_eq!(
            split_note_id(&id),
            Some((1_669_600_000_123, 0x1f_ffff_ffff_ffff))
        );
        for other in [
            "a-1",
            "n1",
            "0-0",
            "00-1",
            "A-1",
            "1-",
            "-1",
            "1-2-3",
            "zzzzzzzzzzzzzz-1",
        ] {
            if let Some((t, r)) = split_note_id(other) {
                assert_eq!(note_id(t, r), other);
            }
        }
        assert_eq!(split_note_id("00-1"), None);
        assert_eq!(split_note_id("A-1"), None);
    }

    #[test]
    fn json_floors_are_lower_bounds() {
        for status in Status::ALL {
            let mut r = Record::new(0, "");
            r.status = status;
            let json = serde_json::to_string(&r).unwrap();
            assert!(json.len() >= MIN_RECORD_JSON, "{json}");
        }
        let amount = serde_json::to_string(&Amount {
            value: None,
            updated_at: 0,
        })
        .unwrap();
        // `"":` before it (the metric name is counted apart).
        assert!(amount.len() + 3 >= MIN_AMOUNT_JSON, "{amount}");
        let note = serde_json::to_string(&Note {
            id: String::new(),
            created_at: 0,
            updated_at: 0,
            text: String::new(),
            deleted_at: None,
        })
        .unwrap();
        assert!(note.len() >= MIN_NOTE_JSON, "{note}");
    }

    #[test]
    fn the_v1_name_table_never_changes() {
        // Links made with this table must open forever: any change here is a new format
        // version, not an edit. FNV-1a 64 of the names joined by newlines.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in NAMES_V1.join("\n").bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        assert_eq!(hash, V1_NAMES_FNV);
        assert!(NAMES_V1.contains(&DISTRICT));
        let mut sorted = NAMES_V1.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), NAMES_V1.len());
    }

    const V1_NAMES_FNV: u64 = 18_067_329_499_668_426_844;
}
