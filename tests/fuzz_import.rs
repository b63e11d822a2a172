//! Fuzzing `validate_import` with 10 000 malformed or mutated inputs: random bytes, truncated
//! exports, byte mutations, fields replaced with wrong types, huge numbers, NaN strings, deep
//! nesting, over-limit notes. Every input must be rejected with a Chinese message, or accepted
//! only if it really is valid (it re-exports and re-imports to the same document). 0 panics.
//!
//! Deterministic (fixed-seed xorshift), so a failure reproduces exactly.
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::{json, Value};

use qingdan::domain::export::export_json;
use qingdan::domain::import::{validate_import, ImportDoc, MAX_IMPORT_BYTES};
use qingdan::domain::limits::{MAX_NOTES_PER_RECORD, MAX_NOTE_CHARS};
use qingdan::domain::progress::{ProgressDoc, Status, DISTRICT};
use qingdan::domain::task::Dataset;

mod common;
use common::Rng;

const INPUTS: usize = 10_000;

fn dataset() -> Dataset {
    serde_json::from_str(include_str!("fixtures/dataset-mini.json")).expect("fixture dataset")
}

fn valid_doc(ds: &Dataset) -> ProgressDoc {
    let t = 1_669_514_400_000;
    let mut d = ProgressDoc::new(&ds.meta);
    d.set_status(2, "zhujiajiao", Status::InProgress, t)
        .unwrap();
    d.set_amount(2, "zhujiajiao", "道路", Some(5.5), t).unwrap();
    d.set_amount(2, "zhujiajiao", "桥梁", None, t).unwrap();
    d.add_note(2, "zhujiajiao", "a-1", "=开工, \"好\"\r\n😀", t)
        .unwrap();
    d.add_note(2, "zhujiajiao", "a-2", "删掉的", t + 1).unwrap();
    d.delete_note(2, "zhujiajiao", "a-2", t + 2).unwrap();
    d.set_status(1, "jinze", Status::Blocked, t).unwrap();
    d.set_status(4, DISTRICT, Status::Done, t).unwrap();
    d
}

/// Values that do not belong where they are put.
fn weird_value(rng: &mut Rng) -> Value {
    let choices: [fn(&mut Rng) -> Value; 16] = [
        |_| Value::Null,
        |_| json!(true),
        |_| json!("NaN"),
        |_| json!("Infinity"),
        |_| json!(-1),
        |_| json!(-0.0),
        |_| json!(1e308),
        |_| json!(u64::MAX),
        |_| json!(i64::MIN),
        |_| json!(""),
        |_| json!("字".repeat(MAX_NOTE_CHARS + 1)),
        |_| json!([]),
        |_| json!({}),
        |_| json!([1, "a", null]),
        |r| json!(r.next()),
        |r| json!({"task": r.below(70000), "unit": "x", "updated_at": "0"}),
    ];
    rng.pick(&choices)(rng)
}

/// Replaces a random node of `v` with a weird value.
fn mutate_value(v: &mut Value, rng: &mut Rng, depth: usize) {
    let stop = depth > 0 && rng.below(3) == 0;
    match v {
        Value::Object(map) if !stop && !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = rng.pick(&keys).clone();
            match rng.below(6) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(format!("{key}_extra"), weird_value(rng));
                }
                _ => {
                    if let Some(child) = map.get_mut(&key) {
                        mutate_value(child, rng, depth + 1);
                    }
                }
            }
        }
        Value::Array(items) if !stop && !items.is_empty() => {
            let i = rng.below(items.len());
            match rng.below(5) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    items.push(copy);
                }
                _ => mutate_value(&mut items[i], rng, depth + 1),
            }
        }
        _ => *v = weird_value(rng),
    }
}

fn deep_nesting(rng: &mut Rng) -> Vec<u8> {
    let n = 100 + rng.below(200_000);
    let (open, close) = *rng.pick(&[("[", "]"), ("{\"a\":", "}")]);
    let mut s = String::with_capacity(n * 5);
    if rng.below(2) == 0 {
        s.push_str("{\"app\":\"qingdan\",\"schema\":1,\"dataset_id\":\"qingpu-2022\",\"dataset_hash\":\"x\",\"records\":");
    }
    for _ in 0..n {
        s.push_str(open);
    }
    s.push('1');
    if rng.below(2) == 0 {
        for _ in 0..n {
            s.push_str(close);
        }
    }
    s.into_bytes()
}

fn over_limits(base: &Value, rng: &mut Rng) -> Vec<u8> {
    let mut v = base.clone();
    let note = |i: usize, text: String| json!({"id": format!("n{i}"), "created_at": 1, "updated_at": 1, "text": text});
    let record = match rng.below(4) {
        0 => json!({"task": 1, "unit": "jinze", "updated_at": 1,
            "notes": [note(0, "长".repeat(MAX_NOTE_CHARS + 1 + rng.below(100)))]}),
        1 => json!({"task": 1, "unit": "jinze", "updated_at": 1,
            "notes": (0..=MAX_NOTES_PER_RECORD).map(|i| note(i, "x".into())).collect::<Vec<_>>()}),
        2 => json!({"task": 1, "unit": "jinze", "updated_at": 1,
            "amounts": {"道路": {"value": -(rng.below(100) as f64) - 0.5, "updated_at": 1}}}),
        _ => json!({"task": 1, "unit": "jinze", "updated_at": 1,
            "notes": [note(0, "a".into()), note(0, "b".into())]}),
    };
    if let Some(list) = v.get_mut("records").and_then(Value::as_array_mut) {
        list.push(record);
    }
    v.to_string().into_bytes()
}

fn make_input(i: usize, rng: &mut Rng, pretty: &[u8], base: &Value) -> (usize, Vec<u8>) {
    let kind = i % 10;
    let bytes = match kind {
        // Random bytes.
        0 => (0..rng.below(3000)).map(|_| rng.next() as u8).collect(),
        // Random JSON-ish tokens.
        1 => {
            let tokens = [
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "\"app\"",
                "\"qingdan\"",
                "\"schema\"",
                "1",
                "2",
                "\"records\"",
                "null",
                "true",
                "NaN",
                "1e999",
                "-",
                "\"",
                "\\u",
                "😀",
                " ",
            ];
            (0..rng.below(200))
                .map(|_| *rng.pick(&tokens))
                .collect::<String>()
                .into_bytes()
        }
        // Truncated valid export.
        2 => pretty[..rng.below(pretty.len())].to_vec(),
        // Byte-level mutations of a valid export.
        3 => {
            let mut b = pretty.to_vec();
            for _ in 0..1 + rng.below(5) {
                let pos = rng.below(b.len());
                match rng.below(3) {
                    0 => b[pos] = rng.next() as u8,
                    1 => b.insert(pos, rng.next() as u8),
                    _ => {
                        b.remove(pos);
                    }
                }
            }
            b
        }
        // Field replaced with a wrong type / weird value (structure-aware).
        4..=6 => {
            let mut v = base.clone();
            for _ in 0..1 + rng.below(3) {
                mutate_value(&mut v, rng, 0);
            }
            v.to_string().into_bytes()
        }
        // Huge numbers and NaN-like literals substituted textually.
        7 => {
            let text = String::from_utf8_lossy(pretty).to_string();
            let bad = *rng.pick(&[
                "1e999",
                "-1e999",
                "NaN",
                "\"NaN\"",
                "Infinity",
                "-Infinity",
                "1e308",
                "18446744073709551616",
                "-9223372036854775809",
                "0.0000000000000000000001",
                "-5",
                "1.7976931348623157e308",
            ]);
            let target = *rng.pick(&["5.5", "1669514400000", "1", "2", "4"]);
            text.replacen(target, bad, 1 + rng.below(3)).into_bytes()
        }
        // Deep nesting.
        8 => deep_nesting(rng),
        // Over-limit fields.
        _ => over_limits(base, rng),
    };
    (kind, bytes)
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// An accepted import must be genuinely valid: within limits, and stable under re-export.
fn accepted_is_valid(imp: &ImportDoc, ds: &Dataset) -> Result<(), String> {
    for r in imp.doc.records.iter() {
        if r.notes.len() > MAX_NOTES_PER_RECORD {
            return Err("too many notes accepted".into());
        }
        for n in &r.notes {
            if n.text.chars().count() > MAX_NOTE_CHARS || n.text.trim().is_empty() {
                return Err("bad note accepted".into());
            }
        }
        for a in r.amounts.values() {
            if let Some(v) = a.value {
                if !v.is_finite() || v < 0.0 {
                    return Err(format!("bad amount {v} accepted"));
                }
            }
        }
        if !ds.tasks.iter().any(|t| t.id == r.task) {
            return Err("unknown task accepted".into());
        }
    }
    let text = export_json(&imp.doc, None, 0).map_err(|e| e.message_zh())?;
    let again = validate_import(text.as_bytes(), ds).map_err(|e| e.message_zh())?;
    let mut a = again.doc;
    let mut b = imp.doc.clone();
    a.export = None;
    b.export = None;
    if a != b {
        return Err("accepted document changed on re-import".into());
    }
    Ok(())
}

#[test]
fn fuzz_import_10000_malformed_inputs_0_panics() {
    let ds = dataset();
    let doc = valid_doc(&ds);
    let pretty = export_json(&doc, None, 1).unwrap().into_bytes();
    let base: Value = serde_json::from_slice(&pretty).unwrap();
    assert!(
        validate_import(&pretty, &ds).is_ok(),
        "the base export is valid"
    );

    // Keep panic output quiet; panics are counted, not printed.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));

    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let (mut panics, mut rejected, mut accepted) = (0usize, 0usize, 0usize);
    let mut per_kind = [0usize; 10];
    let mut failures: Vec<String> = Vec::new();
    let mut samples: Vec<Option<String>> = vec![None; 10];
    for i in 0..INPUTS {
        let (kind, input) = make_input(i, &mut rng, &pretty, &base);
        per_kind[kind] += 1;
        assert!(input.len() <= MAX_IMPORT_BYTES * 2);
        match catch_unwind(AssertUnwindSafe(|| validate_import(&input, &ds))) {
            Err(_) => {
                panics += 1;
                failures.push(format!("input {i} (kind {kind}) panicked"));
            }
            Ok(Err(e)) => {
                rejected += 1;
                let msg = e.message_zh();
                samples[kind].get_or_insert_with(|| msg.clone());
                if msg.trim().is_empty() || !has_cjk(&msg) {
                    failures.push(format!("input {i}: message not Chinese: {msg:?}"));
                }
            }
            Ok(Ok(imp)) => {
                accepted += 1;
                if let Err(why) = accepted_is_valid(&imp, &ds) {
                    failures.push(format!("input {i} (kind {kind}): {why}"));
                }
            }
        }
    }
    std::panic::set_hook(hook);

    println!(
        "fuzz import: {INPUTS} inputs, {rejected} rejected with a Chinese message, \
         {accepted} accepted and verified valid, {panics} panics; per kind {per_kind:?}"
    );
    for (kind, msg) in samples.iter().enumerate() {
        println!(
            "  kind {kind} sample message: {}",
            msg.as_deref().unwrap_or("-")
        );
    }
    assert_eq!(rejected + accepted, INPUTS);
    assert_eq!(panics, 0);
    assert!(
        failures.is_empty(),
        "{} failures, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    // The generator must mostly produce bad input, or the test proves little.
    assert!(rejected > INPUTS * 7 / 10, "only {rejected} rejected");
}
