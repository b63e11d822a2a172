//! Progress links (`domain::share`) and their QR codes (`domain::qr`): round trips over random
//! progress, every truncation and single-character change of a real link, 10 000 random or
//! crafted fragments, another list's link, zip bombs, and the link length and QR version of
//! one unit's progress (printed, and held under the limits). QR codes are read back with a
//! decoder from a rasterised copy of the SVG.
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use proptest::prelude::*;

use qingdan::domain::export::export_json;
use qingdan::domain::import::{validate_import, ImportDoc, ImportError};
use qingdan::domain::limits::MAX_NOTE_CHARS;
use qingdan::domain::progress::{note_id, Note, ProgressDoc, Record, Records, Status, DISTRICT};
use qingdan::domain::qr::{qr_svg, QrSvg, MAX_PHONE_QR_VERSION, QUIET_ZONE};
use qingdan::domain::share::{
    decode, encode, offer, payload_from_link, share_url, shared_doc, ShareError, ShareOffer,
    ShareScope, SharedLink, MAX_CHAT_LINK_CHARS,
};
use qingdan::domain::summary::{metric_progress, tasks_for_unit};
use qingdan::domain::task::{Dataset, UnitKey};

mod common;
use common::{Cases, Rng};

/// A deployment address of a realistic length (a site's folder), for link lengths.
const BASE: &str = "https://www.example.gov.cn/qingdan/index.html";

fn mini() -> Dataset {
    serde_json::from_str(include_str!("fixtures/dataset-mini.json")).expect("fixture dataset")
}

fn real() -> Dataset {
    qingdan::data::embedded().expect("embedded dataset")
}

// ---------------------------------------------------------------------------------------------
// The figures: one unit's progress, as field staff would record it.

/// Pieces of the notes staff write; each note is a different run of them (about 20
/// characters), so the figures do not profit from notes repeated word for word.
const NOTE_PIECES: [&str; 40] = [
    "已完成主体施工",
    "正在组织验收",
    "预计月底完成",
    "资金已下达",
    "施工队伍已进场",
    "进度约六成",
    "因汛期影响暂停",
    "待水位下降后恢复",
    "已与村委会对接",
    "方案报镇政府审核",
    "待区里批复",
    "完成招投标",
    "合同已签订",
    "下周开始施工",
    "土地流转协议未签",
    "需区农业农村委协调",
    "本月新增两处",
    "累计完成量已上报",
    "材料已备齐",
    "等待天气好转",
    "村民意见已征求",
    "设计方案调整中",
    "已开展现场踏勘",
    "正在办理用地手续",
    "第三方审计进行中",
    "验收资料整理中",
    "已纳入年度计划",
    "配套资金未到位",
    "已完成立项",
    "正在编制预算",
    "示范点已确定",
    "宣传培训已开展",
    "台账已建立",
    "问题已整改",
    "已报送区级部门",
    "正在招募人员",
    "已完成摸底调查",
    "计划十月底前完成",
    "进度滞后约两周",
    "已落实专人负责",
];

/// A different note of about 20 characters each time.
fn note_text(rng: &mut Rng) -> String {
    let mut text = String::new();
    while text.chars().count() < 18 {
        if !text.is_empty() {
            text.push('，');
        }
        text.push_str(NOTE_PIECES[rng.below(NOTE_PIECES.len())]);
    }
    text.push('。');
    text
}

/// Every task of `unit` with a status and, where the unit has a target, a completed amount;
/// with `notes`, also a note on each. Edits are spread over working sessions the way the
/// editor makes them: a status, then each amount a few seconds later, then the note.
fn unit_progress(ds: &Dataset, unit: &str, notes: bool, seed: u64) -> ProgressDoc {
    let mut rng = Rng(seed);
    let mut doc = ProgressDoc::new(&ds.meta);
    // 2022-11-21 09:00 China time, then about a week of sessions.
    let mut t: i64 = 1_668_992_400_000;
    for (i, task) in tasks_for_unit(ds, UnitKey::parse(unit))
        .into_iter()
        .enumerate()
    {
        if i % 12 == 0 {
            t += 86_400_000 + rng.below(3_600_000) as i64;
        }
        t += 20_000 + rng.below(120_000) as i64;
        let status = *rng.pick(&[Status::InProgress, Status::Done, Status::Blocked]);
        doc.set_status(task.id, unit, status, t).expect("status");
        for m in metric_progress(&doc, task, unit) {
            if let Some(target) = m.target {
                t += 3_000 + rng.below(15_000) as i64;
                let share = (rng.below(101) as f64) / 100.0;
                let value = (target * share * 100.0).round() / 100.0;
                doc.set_amount(task.id, unit, &m.metric, Some(value), t)
                    .expect("amount");
            }
        }
        if notes {
            t += 10_000 + rng.below(60_000) as i64;
            let id = note_id(t, rng.next());
            doc.add_note(task.id, unit, &id, &note_text(&mut rng), t)
                .expect("note");
        }
    }
    doc.saved_at = t;
    doc.revision = 57;
    doc
}

/// The same document sent as the export JSON itself (compact), deflated the same way: what the
/// compact binary body is measured against.
fn json_payload_len(doc: &ProgressDoc, unit: &str, scope: ShareScope, now: i64) -> usize {
    let json = serde_json::to_vec(&shared_doc(doc, Some(unit), scope, now)).expect("json");
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&json, 10);
    1 + (z.len() - 2).div_ceil(3) * 4 - (3 - (z.len() - 2) % 3) % 3
}

struct Figures {
    tasks: usize,
    link: String,
    json_link_chars: usize,
    qr: Option<QrSvg>,
}

fn figures(ds: &Dataset, unit: &str, notes: bool, scope: ShareScope) -> Figures {
    let doc = unit_progress(ds, unit, notes, 7);
    let now = doc.saved_at + 3_600_000;
    let payload = encode(&doc, Some(unit), scope, now).expect("encode");
    // What the file export gives, validated as a file import, is what the link gives.
    let file = validate_import(
        export_json(&shared_doc(&doc, Some(unit), scope, now), None, now)
            .expect("export")
            .as_bytes(),
        ds,
    )
    .expect("file import");
    let mut via_link = decode(&payload, ds).expect("decode");
    via_link.doc.export = file.doc.export.clone();
    assert_eq!(via_link, file);
    let link = share_url(BASE, &payload);
    let json_link_chars = link.len() - payload.len() + json_payload_len(&doc, unit, scope, now);
    Figures {
        tasks: doc.records.len(),
        qr: qr_svg(&link).ok(),
        link,
        json_link_chars,
    }
}

fn describe(name: &str, f: &Figures) -> String {
    let qr = match &f.qr {
        Some(q) => format!(
            "QR version {} ({}×{} modules, level {}){}",
            q.version,
            q.modules,
            q.modules,
            q.ecc.letter(),
            if q.fits_phone() {
                ""
            } else {
                ", over the phone limit"
            }
        ),
        None => "no QR code (too long)".to_string(),
    };
    format!(
        "{name}: {} records, link {} characters (the export JSON deflated instead: {}), {qr}",
        f.tasks,
        f.link.chars().count(),
        f.json_link_chars
    )
}

#[test]
fn figures_for_one_unit_stay_under_the_limits() {
    let ds = real();
    let a = figures(&ds, "zhujiajiao", false, ShareScope::Full);
    let b = figures(&ds, "zhujiajiao", true, ShareScope::Full);
    let b_short = figures(&ds, "zhujiajiao", true, ShareScope::StatusAndAmounts);
    println!(
        "{}",
        describe("(a) 朱家角镇, every task: status + amounts", &a)
    );
    println!(
        "{}",
        describe("(b) the same + a ~20-character note each, Full", &b)
    );
    println!("{}", describe("(b) shared as StatusAndAmounts", &b_short));
    println!("limits: chat link {MAX_CHAT_LINK_CHARS} characters, phone QR version {MAX_PHONE_QR_VERSION}");
    // (a) goes into a chat message and into a QR code a phone reads off another phone.
    assert!(a.tasks > 40, "every task of the unit");
    assert!(a.link.chars().count() <= MAX_CHAT_LINK_CHARS);
    assert!(a.qr.as_ref().is_some_and(QrSvg::fits_phone));
    // (b) with its notes is over the chat limit: the UI offers the file, or the link without
    // notes, which is (a)'s size again.
    assert!(b_short.link.chars().count() <= MAX_CHAT_LINK_CHARS);
    assert!(b_short.qr.as_ref().is_some_and(QrSvg::fits_phone));
    // The compact body keeps its lead over the export JSON (a regression would lose it).
    for f in [&a, &b, &b_short] {
        assert!(
            f.link.len() * 10 <= f.json_link_chars * 6,
            "{}",
            describe("", f)
        );
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A payload around `body`, made the way `encode` makes one (for crafted bodies).
fn wrap(body: &[u8]) -> String {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(body, 10);
    let mut out = String::from("1");
    for chunk in z[2..].chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
    }
    out
}

/// The body inside a payload made by `encode`.
fn unwrap_body(payload: &str) -> Vec<u8> {
    let mut z = vec![0x78, 0xDA];
    let (mut acc, mut bits) = (0u32, 0);
    for c in payload[1..].bytes() {
        let v = B64.iter().position(|&x| x == c).expect("base64url") as u32;
        acc = (acc << 6 | v) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            z.push((acc >> bits) as u8);
        }
    }
    miniz_oxide::inflate::decompress_to_vec_zlib(&z).expect("inflates")
}

// ---------------------------------------------------------------------------------------------
// Round trips over random progress (the generators of tests/properties.rs, plus unknown tasks
// and units, other list versions and all-units exports).

const CASES: Cases = Cases(300);

const UNITS: [&str; 6] = [
    "zhujiajiao",
    "jinze",
    "xiayang",
    "park",
    DISTRICT,
    "gone-unit",
];

fn metric_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("道路".to_string()),
        Just("桥梁".to_string()),
        Just("蔬果生产“机器换人”基地".to_string()),
        "[=+\\-@]?[a-z粮食面积\",\r\n 😀]{1,12}".prop_map(String::from),
    ]
}

fn stamp() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => 1_600_000_000_000i64..1_800_000_000_000i64,
        1 => Just(0i64),
        1 => any::<i64>(),
    ]
}

fn note(index: usize) -> impl Strategy<Value = Note> {
    let id = prop_oneof![
        3 => (stamp(), any::<u64>()).prop_map(|(t, r)| note_id(t, r)),
        1 => "[a-z0-9\\-]{1,30}",
        1 => "[a-zA-Z0-9\\- 😀字]{1,30}",
    ];
    (
        stamp(),
        id,
        common::note_text(),
        0i64..1000,
        0u8..3,
        stamp(),
    )
        .prop_map(move |(created_at, id, text, later, deleted, other)| {
            let updated_at = created_at.wrapping_add(later);
            Note {
                // Unique within the record thanks to the index.
                id: if index == 0 {
                    id
                } else {
                    format!("{id}~{index}")
                },
                created_at,
                updated_at,
                text,
                deleted_at: match deleted {
                    0 => None,
                    1 => Some(updated_at),
                    _ => Some(other),
                },
            }
        })
}

fn record() -> impl Strategy<Value = Record> {
    let notes = (0usize..6).prop_flat_map(|n| (0..n).map(note).collect::<Vec<_>>());
    (
        1u16..=6,
        prop::sample::select(UNITS.to_vec()),
        prop::sample::select(Status::ALL.to_vec()),
        stamp(),
        prop::collection::btree_map(metric_name(), common::amount(stamp()), 0..5),
        notes,
        prop_oneof![3 => Just(0i64), 1 => any::<i64>()],
    )
        .prop_map(|(task, unit, status, status_at, amounts, notes, extra)| {
            let mut r = Record::new(task, unit);
            r.status = status;
            r.status_updated_at = status_at;
            r.amounts = amounts;
            r.notes = notes;
            r.normalize();
            // Now and then a record stamp above its fields, as merges and older files leave.
            r.updated_at = r.updated_at.saturating_add(extra.max(0) % 1000);
            r
        })
}

fn doc() -> impl Strategy<Value = ProgressDoc> {
    (
        prop::collection::vec(record(), 0..40),
        any::<u64>(),
        stamp(),
        any::<bool>(),
    )
        .prop_map(|(records, revision, saved_at, other_hash)| {
            let mut d = ProgressDoc::new(&mini().meta);
            d.records = records.into_iter().collect::<Records>();
            d.revision = revision;
            d.saved_at = saved_at;
            if other_hash {
                d.dataset_hash = "0123456789abcdef".into();
            }
            d
        })
}

/// What the file import gives for the export the link stands for.
fn file_import(d: &ProgressDoc, unit: Option<&str>, scope: ShareScope, now: i64) -> ImportDoc {
    let shared = shared_doc(d, unit, scope, now);
    let export = shared.export.clone().expect("export info");
    let text = export_json(&shared, export.unit.as_deref(), export.exported_at).expect("export");
    validate_import(text.as_bytes(), &mini()).expect("the file import accepts the export")
}

fn unit_choice() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        1 => Just(None),
        3 => prop::sample::select(UNITS.to_vec()).prop_map(Some),
    ]
}

#[test]
fn links_give_what_the_file_export_gives() {
    let ds = mini();
    CASES.check(
        "encode→decode = export→import (Full)",
        (doc(), unit_choice(), stamp()),
        |(d, unit, now)| {
            let payload = encode(&d, unit, ShareScope::Full, now)
                .map_err(|e| TestCaseError::fail(e.message_zh()))?;
            let got = decode(&payload, &ds).map_err(|e| TestCaseError::fail(e.message_zh()))?;
            let want = file_import(&d, unit, ShareScope::Full, now);
            prop_assert_eq!(&got, &want);
            // And that is the export itself: every record of the unit, exactly.
            let export = qingdan::domain::export::export_doc(&d, unit, now);
            let mut all = got.doc.records.iter().cloned().collect::<Vec<_>>();
            all.retain(|_| true);
            let kept: Vec<&Record> = export
                .records
                .iter()
                .filter(|r| !got.unknown.contains(&r.key()))
                .collect();
            prop_assert_eq!(all.iter().collect::<Vec<_>>(), kept);
            prop_assert_eq!(&got.doc.export, &export.export);
            prop_assert_eq!(
                (
                    &got.doc.dataset_id,
                    &got.doc.dataset_hash,
                    got.doc.revision,
                    got.doc.saved_at
                ),
                (
                    &export.dataset_id,
                    &export.dataset_hash,
                    export.revision,
                    export.saved_at
                )
            );
            Ok(())
        },
    );
}

#[test]
fn status_and_amounts_links_leave_out_exactly_the_notes() {
    let ds = mini();
    CASES.check(
        "encode→decode (StatusAndAmounts) = export without notes",
        (doc(), unit_choice(), stamp()),
        |(d, unit, now)| {
            let payload = encode(&d, unit, ShareScope::StatusAndAmounts, now)
                .map_err(|e| TestCaseError::fail(e.message_zh()))?;
            let got = decode(&payload, &ds).map_err(|e| TestCaseError::fail(e.message_zh()))?;
            prop_assert_eq!(
                &got,
                &file_import(&d, unit, ShareScope::StatusAndAmounts, now)
            );
            // Independently: the export's records, notes removed, those left empty dropped,
            // each stamped with its newest remaining field.
            let export = qingdan::domain::export::export_doc(&d, unit, now);
            let want: Vec<Record> = export
                .records
                .iter()
                .filter(|r| {
                    r.status_updated_at != 0
                        || r.status != Status::NotStarted
                        || !r.amounts.is_empty()
                })
                .filter(|r| !got.unknown.contains(&r.key()))
                .map(|r| {
                    let mut r = r.clone();
                    r.notes.clear();
                    r.updated_at = r
                        .amounts
                        .values()
                        .map(|a| a.updated_at)
                        .fold(r.status_updated_at, i64::max);
                    r
                })
                .collect();
            let got_records: Vec<Record> = got.doc.records.iter().cloned().collect();
            prop_assert_eq!(got_records, want);
            let full = encode(&d, unit, ShareScope::Full, now)
                .map_err(|e| TestCaseError::fail(e.message_zh()))?;
            prop_assert!(payload.len() <= full.len() + 2);
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Damaged links: never a panic, never a wrong document.

/// Decodes without letting a panic escape; `Err(())` on a panic.
fn decode_caught(payload: &str, ds: &Dataset) -> Result<Result<ImportDoc, ShareError>, ()> {
    catch_unwind(AssertUnwindSafe(|| decode(payload, ds))).map_err(|_| ())
}

/// An accepted document must be what the file import makes of the same document as a file
/// (a crafted payload can hold what a hand-edited file can, and nothing more).
fn assert_valid(doc: &ImportDoc, ds: &Dataset, what: &str) {
    let json = serde_json::to_vec(&doc.doc).expect("json");
    let file = validate_import(&json, ds).expect("the file import accepts it too");
    assert_eq!(file.doc, doc.doc, "{what}");
}

fn real_link() -> String {
    let ds = real();
    let mut doc = unit_progress(&ds, "zhujiajiao", true, 11);
    // A deleted note, an edited one and a cleared amount travel too.
    let r = doc.records.iter().next().cloned().expect("a record");
    let id = r.notes[0].id.clone();
    doc.delete_note(r.task, &r.unit, &id, doc.saved_at + 10)
        .expect("delete");
    doc.set_amount(9, "zhujiajiao", "道路", None, doc.saved_at + 20)
        .expect("clear");
    encode(
        &doc,
        Some("zhujiajiao"),
        ShareScope::Full,
        doc.saved_at + 30,
    )
    .expect("encode")
}

#[test]
fn every_truncation_of_a_real_link_is_refused() {
    let ds = real();
    let payload = real_link();
    assert!(decode(&payload, &ds).is_ok());
    let mut refused = 0;
    for end in 0..payload.len() {
        let cut = &payload[..end];
        match decode_caught(cut, &ds) {
            Err(()) => panic!("panic on the first {end} characters"),
            Ok(Ok(doc)) => assert_valid(&doc, &ds, &format!("cut at {end}")),
            Ok(Err(e)) => {
                assert!(!e.message_zh().is_empty());
                assert!(
                    matches!(e, ShareError::Empty | ShareError::Damaged),
                    "{e:?}"
                );
                refused += 1;
            }
        }
    }
    println!(
        "{} truncations of a {}-character payload: {refused} refused",
        payload.len(),
        payload.len()
    );
    assert_eq!(refused, payload.len());
}

#[test]
fn every_single_character_change_of_a_real_link_is_refused() {
    let ds = real();
    let payload = real_link();
    let unchanged = decode(&payload, &ds).expect("decodes");
    let (mut tried, mut refused) = (0, 0);
    for (i, original) in payload.char_indices() {
        for replacement in ['A', 'z', '7', '-', '_', 'Q'] {
            if replacement == original {
                continue;
            }
            let mut changed = payload.clone();
            changed.replace_range(i..i + 1, &replacement.to_string());
            tried += 1;
            match decode_caught(&changed, &ds) {
                Err(()) => panic!("panic with {replacement:?} at {i}"),
                // Only the unused bits after the last deflate block: the same document.
                Ok(Ok(doc)) => {
                    assert_eq!(doc, unchanged, "{replacement:?} at {i}");
                    println!(
                        "{replacement:?} at {i} of {}: the same document",
                        payload.len()
                    );
                }
                Ok(Err(e)) => {
                    assert!(!e.message_zh().is_empty());
                    refused += 1;
                }
            }
        }
    }
    println!(
        "{tried} single-character changes of a {}-character payload: {refused} refused, {} read as the unchanged document",
        payload.len(),
        tried - refused
    );
    // Nearly all are caught; the rest changed only padding bits and read back the original.
    assert!(refused * 1000 >= tried * 999);
}

#[test]
fn fuzz_10_000_fragments() {
    let ds = real();
    let valid = real_link();
    let body = unwrap_body(&valid);
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let alphabet: Vec<char> = "ABCxyz019-_+/=%#?&. \n\t字😀\u{0}\u{feff}"
        .chars()
        .collect();
    let (mut refused, mut accepted) = (0, 0);
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for i in 0..10_000 {
        let input: String = match i % 8 {
            // Random characters.
            0 => (0..rng.below(200)).map(|_| *rng.pick(&alphabet)).collect(),
            // The version tag and random base64url.
            1 => std::iter::once('1')
                .chain((0..rng.below(600)).map(|_| B64[rng.below(64)] as char))
                .collect(),
            // A valid link's start and garbage.
            2 => {
                let cut = rng.below(valid.len());
                let tail: String = (0..rng.below(50))
                    .map(|_| B64[rng.below(64)] as char)
                    .collect();
                format!("{}{tail}", &valid[..cut])
            }
            // Crafted bodies with a correct checksum: mutated real bodies...
            3 | 4 => {
                let mut b = body.clone();
                for _ in 0..=rng.below(4) {
                    let at = rng.below(b.len());
                    match rng.below(4) {
                        0 => b[at] ^= 1 << rng.below(8),
                        1 => b[at] = rng.next() as u8,
                        2 => {
                            b.remove(at);
                        }
                        _ => b.insert(at, rng.next() as u8),
                    }
                }
                wrap(&b)
            }
            // ...cut real bodies...
            5 => wrap(&body[..rng.below(body.len())]),
            // ...a real header and random records...
            6 => {
                let mut b = body[..40].to_vec();
                b.extend((0..rng.below(300)).map(|_| rng.next() as u8));
                wrap(&b)
            }
            // ...and random bytes.
            _ => wrap(
                &(0..rng.below(300))
                    .map(|_| rng.next() as u8)
                    .collect::<Vec<_>>(),
            ),
        };
        match decode_caught(&input, &ds) {
            Err(()) => panic!("panic on input {i}: {input:?}"),
            Ok(Ok(doc)) => {
                assert_valid(&doc, &ds, &format!("input {i}"));
                accepted += 1;
            }
            Ok(Err(e)) => {
                assert!(!e.message_zh().is_empty());
                let kind = match e {
                    ShareError::Empty => "empty",
                    ShareError::UnknownVersion { .. } => "newer version",
                    ShareError::BadCharacter { .. } => "bad character",
                    ShareError::Damaged => "damaged",
                    ShareError::TooLarge => "too large",
                    ShareError::OtherDataset { .. } => "other list",
                    ShareError::Import(_) => "import check",
                };
                *kinds.entry(kind).or_default() += 1;
                refused += 1;
            }
        }
    }
    println!("fuzz: 10000 fragments, {refused} refused {kinds:?}, {accepted} accepted (each exactly what the file import makes of it), 0 panics");
    assert_eq!(refused + accepted, 10_000);
}

// ---------------------------------------------------------------------------------------------
// Refusals with their reasons.

#[test]
fn a_link_for_another_list_is_refused_naming_it() {
    let ds = real();
    let mut meta = ds.meta.clone();
    meta.id = "qingpu-2023".into();
    let mut doc = ProgressDoc::new(&meta);
    doc.set_status(9, "zhujiajiao", Status::Done, 1_669_000_000_000)
        .unwrap();
    let payload = encode(
        &doc,
        Some("zhujiajiao"),
        ShareScope::Full,
        1_669_000_000_001,
    )
    .unwrap();
    let e = decode(&payload, &ds).unwrap_err();
    assert_eq!(
        e,
        ShareError::OtherDataset {
            link_id: "qingpu-2023".into(),
            app_id: "qingpu-2022".into(),
            app_title: ds.meta.title.clone(),
        }
    );
    let msg = e.message_zh();
    println!("{msg}");
    assert!(msg.contains("qingpu-2023") && msg.contains(&ds.meta.title));
}

#[test]
fn refusals_say_why() {
    let ds = real();
    assert_eq!(decode("", &ds), Err(ShareError::Empty));
    assert_eq!(decode(" \n", &ds), Err(ShareError::Empty));
    assert_eq!(payload_from_link("https://x.org/tools.html#/receive/"), "");
    let newer = decode("2AAAA", &ds).unwrap_err();
    assert_eq!(newer, ShareError::UnknownVersion { tag: '2' });
    assert!(newer.message_zh().contains("更新版本"));
    assert_eq!(
        decode("1ab$c", &ds),
        Err(ShareError::BadCharacter {
            ch: '$',
            position: 4
        })
    );
    assert_eq!(
        decode("1abc，", &ds),
        Err(ShareError::BadCharacter {
            ch: '，',
            position: 5
        })
    );
    assert_eq!(
        decode("%31abc", &ds),
        Err(ShareError::BadCharacter {
            ch: '%',
            position: 1
        })
    );
    assert_eq!(decode("xyz", &ds), Err(ShareError::Damaged));
    // Whitespace a chat app put in is skipped.
    let payload = real_link();
    let (head, tail) = payload.split_at(700);
    assert!(decode(&format!("{head}\n {tail}\n"), &ds).is_ok());
    // An import check, reported as such: a note with no text.
    let mut doc = ProgressDoc::new(&ds.meta);
    doc.add_note(9, "zhujiajiao", "n1", "x", 1_669_000_000_000)
        .unwrap();
    let mut r = doc.record(9, "zhujiajiao").unwrap().clone();
    r.notes[0].text = "  ".into();
    doc.records = std::iter::once(r).collect();
    let e = decode(
        &encode(&doc, Some("zhujiajiao"), ShareScope::Full, 1).unwrap(),
        &ds,
    )
    .unwrap_err();
    assert!(matches!(
        e,
        ShareError::Import(ImportError::EmptyNote { task: 9, .. })
    ));
    assert!(e.message_zh().contains("朱家角镇"));
    for e in [
        ShareError::Empty,
        ShareError::Damaged,
        ShareError::TooLarge,
        ShareError::BadCharacter {
            ch: '\u{7}',
            position: 3,
        },
    ] {
        assert!(!e.message_zh().is_empty());
    }
}

/// A body that starts like the real list's and then goes on as `rest` says.
fn body_with(records: u64, rest: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    for s in ["qingpu-2022", "0f919355eefac916"] {
        b.push(s.len() as u8);
        b.extend_from_slice(s.as_bytes());
    }
    // Schema 1, revision 0, exported_at, saved_at, all units (each record names its unit).
    b.extend_from_slice(&[1, 0, 0, 0, 0]);
    let mut n = records;
    loop {
        let low = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            b.push(low);
            break;
        }
        b.push(low | 0x80);
    }
    b.extend_from_slice(rest);
    b
}

#[test]
fn zip_bombs_are_refused_fast() {
    let ds = real();
    let limit = Duration::from_secs(2);
    let cases: Vec<(&str, String)> = vec![
        ("50 MB of zeros", wrap(&vec![0u8; 50 << 20])),
        (
            "a real header, then 20 MB of zeros",
            wrap(&body_with(1, &vec![0u8; 20 << 20])),
        ),
        (
            // One record names a 1 MB metric name, then 700 000 records name it again.
            "a long name named over and over",
            wrap(&{
                let mut rest = vec![1u8, 6, 0b0000_1100];
                let name = vec![b'x'; 1 << 20];
                rest.extend_from_slice(&[42, 0x80, 0x80, 0x40]);
                rest.extend_from_slice(&name);
                rest.extend_from_slice(&[0, 0]);
                for _ in 0..700_000 {
                    rest.extend_from_slice(&[0, 6, 0b0000_1100, 42, 0, 0]);
                }
                body_with(700_001, &rest)
            }),
        ),
        (
            "800 000 empty records",
            wrap(&body_with(800_000, &[0, 6, 0b0000_0100].repeat(800_000))),
        ),
        (
            "a payload over the size limit",
            format!("1{}", "A".repeat(8 << 20)),
        ),
    ];
    for (what, payload) in cases {
        let start = Instant::now();
        let result = decode_caught(&payload, &ds).expect("no panic");
        let took = start.elapsed();
        println!("{what}: {} characters, refused in {took:?}", payload.len());
        assert_eq!(result.map(|_| ()), Err(ShareError::TooLarge), "{what}");
        assert!(took < limit, "{what} took {took:?}");
    }
    // A large real document is not one of them: about 1.5 MB of notes go through.
    let ds = mini();
    let mut doc = ProgressDoc::new(&ds.meta);
    for (i, unit) in UNITS[..5].iter().enumerate() {
        for task in 1..=4u16 {
            for n in 0..6 {
                let text = format!("{i}{task}{n}{}", "进度说明，".repeat(800));
                doc.add_note(
                    task,
                    unit,
                    &format!("n{n}"),
                    &text,
                    1_669_000_000_000 + i64::from(n),
                )
                .unwrap();
            }
        }
    }
    let payload = encode(&doc, None, ShareScope::Full, 1_669_100_000_000).unwrap();
    let start = Instant::now();
    let got = decode(&payload, &ds).expect("a large document decodes");
    println!(
        "a large document: {} characters of notes, {} characters of payload, read in {:?}",
        got.doc
            .records
            .iter()
            .flat_map(|r| &r.notes)
            .map(|n| n.text.chars().count())
            .sum::<usize>(),
        payload.len(),
        start.elapsed()
    );
    assert_eq!(
        got,
        file_import(&doc, None, ShareScope::Full, 1_669_100_000_000)
    );
}

// ---------------------------------------------------------------------------------------------
// QR codes, read back by a decoder from a rasterised copy of the SVG.

/// Draws the SVG's modules (`M{x} {y}h{n}v1h-{n}z` runs) at `scale` pixels a module and reads
/// the image with rqrr.
fn read_qr(q: &QrSvg, scale: usize) -> (rqrr::MetaData, String) {
    let side = q.modules as usize + 2 * QUIET_ZONE as usize;
    assert!(q.svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
    let d = q
        .svg
        .split(" d=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("path");
    let mut dark = vec![false; side * side];
    for run in d.split('M').filter(|s| !s.is_empty()) {
        let (xy, rest) = run.split_once('h').expect("h");
        let (x, y) = xy.split_once(' ').expect("x y");
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let n: usize = rest.split('v').next().unwrap().parse().unwrap();
        assert_eq!(rest, format!("{n}v1h-{n}z"));
        for i in 0..n {
            dark[y * side + x + i] = true;
        }
    }
    let px = side * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
        if dark[(y / scale) * side + x / scale] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code found");
    grids[0].decode().expect("decodes")
}

#[test]
fn qr_codes_read_back() {
    let ds = real();
    let a = unit_progress(&ds, "zhujiajiao", false, 7);
    let small = ProgressDoc::new(&ds.meta);
    let texts = [
        share_url(
            BASE,
            &encode(&small, Some("zhujiajiao"), ShareScope::Full, 1).unwrap(),
        ),
        share_url(
            BASE,
            &encode(&a, Some("zhujiajiao"), ShareScope::Full, a.saved_at).unwrap(),
        ),
        share_url(BASE, &real_link()[..900]),
        share_url(BASE, &real_link()[..1900]),
        "字😀 \u{0} unicode text".to_string(),
    ];
    for text in texts {
        let q = qr_svg(&text).expect("fits");
        let (meta, content) = read_qr(&q, 3);
        // rqrr reports the level as the format bits: M 0, L 1, H 2, Q 3.
        let level = ['M', 'L', 'H', 'Q'][usize::from(meta.ecc_level)];
        println!(
            "{} bytes → version {} level {} ({} modules), read back",
            text.len(),
            q.version,
            q.ecc.letter(),
            q.modules
        );
        assert_eq!(content, text);
        assert_eq!(meta.version.0, usize::from(q.version));
        assert_eq!(level, q.ecc.letter());
        assert_eq!(q.modules, 17 + 4 * u32::from(q.version));
    }
}

#[test]
fn encode_refuses_what_decode_would_refuse_for_size() {
    let ds = mini();
    let mut doc = ProgressDoc::new(&ds.meta);
    let text = "字".repeat(MAX_NOTE_CHARS);
    // 20 records × 80 notes × 15 000 bytes: about 24 MB of JSON.
    for unit in &UNITS[..5] {
        for task in 1..=4u16 {
            for n in 0..80 {
                doc.add_note(task, unit, &format!("n{n}"), &text, 1)
                    .unwrap();
            }
        }
    }
    assert_eq!(
        encode(&doc, None, ShareScope::Full, 2),
        Err(ShareError::TooLarge)
    );
    // Without the notes it is small again.
    assert!(encode(&doc, None, ShareScope::StatusAndAmounts, 2).is_ok());
}

// ---------------------------------------------------------------------------------------------
// What the share page offers.

fn offered(doc: &ProgressDoc, unit: &str, scope: ShareScope) -> ShareOffer {
    offer(doc, unit, scope, BASE, None, doc.saved_at + 60_000)
}

fn link_of(o: ShareOffer) -> SharedLink {
    match o {
        ShareOffer::Link(l) => l,
        other => panic!("no link: {other:?}"),
    }
}

#[test]
fn the_share_page_offers_what_fits() {
    let ds = real();
    let unit = "zhujiajiao";
    // Nothing recorded for the unit (another unit's records do not count).
    let mut doc = ProgressDoc::new(&ds.meta);
    assert_eq!(
        offered(&doc, unit, ShareScope::Full),
        ShareOffer::NoProgress
    );
    doc.set_status(1, "baihe", Status::Done, 10).unwrap();
    assert_eq!(
        offered(&doc, unit, ShareScope::Full),
        ShareOffer::NoProgress
    );
    // Only a note: the full link carries it, the short one would carry nothing.
    doc.add_note(1, unit, "n1", "只有备注", 20).unwrap();
    let full = link_of(offered(&doc, unit, ShareScope::Full));
    assert!(full.fits_chat() && full.fits_phone_qr() && full.shorter.is_none());
    assert_eq!(
        offered(&doc, unit, ShareScope::StatusAndAmounts),
        ShareOffer::OnlyNotes
    );

    // Every task at status + amount: one link that fits a chat and a phone's QR code.
    let doc = unit_progress(&ds, unit, false, 7);
    let a = link_of(offered(&doc, unit, ShareScope::Full));
    assert!(a
        .url
        .starts_with("https://www.example.gov.cn/qingdan/tools.html#/receive/1"));
    assert_eq!(a.chars(), a.url.len(), "a link is ASCII");
    assert!(a.fits_chat() && a.fits_phone_qr(), "{}", a.chars());
    assert!(a.shorter.is_none(), "nothing to shorten");
    let back = decode(payload_from_link(&a.url), &ds).expect("opens");
    assert_eq!(back.doc.records.len(), doc.records.len());
    let qr = a.qr.as_ref().unwrap();
    println!(
        "share page, 朱家角镇, every task status + amount: link {} characters, QR version {} ({}×{}, level {})",
        a.chars(),
        qr.version,
        qr.modules,
        qr.modules,
        qr.ecc.letter()
    );

    // With a note on every task the full link is too long: the page offers the one without
    // notes, which fits, and is exactly the StatusAndAmounts link.
    let doc = unit_progress(&ds, unit, true, 7);
    let b = link_of(offered(&doc, unit, ShareScope::Full));
    assert!(!b.fits_chat(), "{}", b.chars());
    let shorter = b.shorter.expect("the shorter link is offered");
    let short = link_of(offered(&doc, unit, ShareScope::StatusAndAmounts));
    assert_eq!(shorter.chars, short.chars());
    assert!(shorter.fits_chat && shorter.fits_phone_qr);
    assert!(
        short.shorter.is_none(),
        "only a full link offers a shorter one"
    );
}
