//! Set-up shared by the native test files that declare `mod common;`: the property runner that
//! says how many cases ran, a small seeded random generator, and text strategies full of what
//! breaks exports. Each file uses a part of it.
#![allow(dead_code)]

use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};

use qingdan::domain::limits::MAX_NOTE_CHARS;
use qingdan::domain::progress::Amount;

/// How many random cases each property of a file runs: `const CASES: Cases = Cases(500);`.
pub struct Cases(pub u32);

impl Cases {
    /// Runs a property for this many cases and prints how many ran.
    pub fn check<S: Strategy>(
        &self,
        name: &str,
        strategy: S,
        test: impl Fn(S::Value) -> Result<(), TestCaseError>,
    ) where
        S::Value: std::fmt::Debug,
    {
        let ran = Cell::new(0u32);
        let mut runner = TestRunner::new(ProptestConfig::with_cases(self.0));
        let result = runner.run(&strategy, |v| {
            ran.set(ran.get() + 1);
            test(v)
        });
        if let Err(e) = result {
            panic!("{name}: {e}");
        }
        println!("{name}: {} cases passed", ran.get());
        assert!(ran.get() >= self.0);
    }
}

/// A small deterministic random generator (xorshift64*), for generated inputs that must be the
/// same on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Text full of what breaks exports: CJK, emoji, quotes, commas, CR/LF, formula starters.
pub fn nasty_text() -> impl Strategy<Value = String> {
    let short =
        "[=+\\-@\t\r'\"]?[a-zA-Z0-9 你好青浦区朱家角镇，。、,;\"'\r\n\t=+\\-@😀🎉🇨🇳\u{feff}]{0,40}";
    prop_oneof![
        8 => short.prop_map(String::from),
        1 => any::<String>().prop_map(|s| s.chars().take(200).collect::<String>()),
        1 => (1000usize..=MAX_NOTE_CHARS, "[字a,\"\n😀]").prop_map(|(n, c)| c.repeat(n)
            .chars().take(n).collect::<String>()),
    ]
}

/// Non-blank note text within the limits (what the app itself can write).
pub fn note_text() -> impl Strategy<Value = String> {
    nasty_text().prop_map(|s| {
        // Cut to the limit first: a blank text at the limit (e.g. 5 000 line breaks) would lose
        // an appended character to the cut and stay blank.
        let mut s: String = s.chars().take(MAX_NOTE_CHARS).collect();
        if s.trim().is_empty() {
            if s.chars().count() == MAX_NOTE_CHARS {
                s.pop();
            }
            s.push('字');
        }
        s
    })
}

/// An amount as a record holds it: none, a whole number of hundredths, any size, or any finite
/// positive number; stamped with `stamp`'s times.
pub fn amount(stamp: impl Strategy<Value = i64>) -> impl Strategy<Value = Amount> {
    let value = prop_oneof![
        1 => Just(None),
        3 => (0u32..100_000).prop_map(|v| Some(f64::from(v) / 100.0)),
        2 => (0.0f64..1e12).prop_map(Some),
        1 => prop::num::f64::POSITIVE.prop_filter("finite", |v| v.is_finite()).prop_map(Some),
    ];
    (value, stamp).prop_map(|(value, updated_at)| Amount { value, updated_at })
}
