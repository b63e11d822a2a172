//! Numbers as text without `core::fmt`'s float machinery.
//!
//! `format!("{v}")` and `format!("{v:.4}")` on an `f64` link the standard library's flt2dec
//! (Grisu with a Dragon4 bignum fallback, tens of kilobytes of wasm), and `str::parse::<f64>`
//! links dec2flt with its power-of-five tables. The app already ships `zmij` (serde_json's float
//! printer) and a correctly
//! rounding float parser inside `serde_json`, so these functions reuse them and do the rest with
//! integer arithmetic. Each gives exactly the text (or value) of the standard function it names.

/// The shortest text that reads back as `v`, never with an exponent: exactly `format!("{v}")`
/// (`8`, `5.54`, `0.0000001`, `100000000000000000000`, `-0`, `NaN`, `inf`).
pub fn shortest(v: f64) -> String {
    if !v.is_finite() {
        return fixed(v, 0);
    }
    let mut buf = zmij::Buffer::new();
    // zmij writes the shortest digits of `v` with or without an exponent (`1.5`, `5e+20`).
    let text = buf.format_finite(v);
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e),
        None => (text, "0"),
    };
    let exponent = match exponent.strip_prefix('-') {
        Some(digits) => -digits_value(digits),
        None => digits_value(exponent.trim_start_matches('+')),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The decimal point sits after `point` digits of `digits` (possibly outside them).
    let all = [int.as_bytes(), frac.as_bytes()].concat();
    let leading = all.iter().take_while(|&&b| b == b'0').count();
    let mut digits = strip_trailing_zeros(&all[leading..]).to_vec();
    let mut point = int.len() as i64 - leading as i64 + exponent;

    // When `v` lies exactly halfway between two shortest candidates, zmij takes the even one
    // and std the larger: `2^-25 = 2.98023223876953125e-8` is `…312` in zmij, `…313` in std.
    if !digits.is_empty() {
        let (m, e) = decompose(v);
        let (exact, exact_point) = if e >= 0 {
            let d = decimal(u128::from(m), e as u32, 0);
            let len = d.len() as i64;
            (d, len)
        } else {
            // m · 2^-s = m · 5^s / 10^s.
            let d = decimal(u128::from(m), 0, (-e) as u32);
            let len = d.len() as i64 + i64::from(e);
            (d, len)
        };
        if let Some(below) = strip_trailing_zeros(exact.as_bytes()).strip_suffix(b"5") {
            if exact_point == point && strip_trailing_zeros(below) == digits.as_slice() {
                digits = below.to_vec();
                // Round up in the last place, carrying through nines.
                let mut i = digits.len();
                loop {
                    if i == 0 {
                        digits.insert(0, b'1');
                        point += 1;
                        break;
                    }
                    i -= 1;
                    if digits[i] == b'9' {
                        digits[i] = b'0';
                    } else {
                        digits[i] += 1;
                        break;
                    }
                }
                let len = strip_trailing_zeros(&digits).len();
                digits.truncate(len);
            }
        }
    }
    let digits = digits.as_slice();

    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if digits.is_empty() {
        out.push('0');
    } else if point <= 0 {
        out.push_str("0.");
        push_zeros(&mut out, (-point) as usize);
        push_ascii(&mut out, digits);
    } else if point as usize >= digits.len() {
        push_ascii(&mut out, digits);
        push_zeros(&mut out, point as usize - digits.len());
    } else {
        let (a, b) = digits.split_at(point as usize);
        push_ascii(&mut out, a);
        out.push('.');
        push_ascii(&mut out, b);
    }
    out
}

/// `v` with exactly `decimals` digits after the point (at most 18), rounded half to even on the
/// exact binary value: exactly `format!("{v:.decimals$}")` (`0.3333`, `2` for 2.5, `-0.0`,
/// `inf`).
pub fn fixed(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    let decimals = decimals.min(18);
    let mut out = String::new();
    if v.is_sign_negative() {
        out.push('-');
    }
    if v.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let (m, e) = decompose(v);
    let digits = if e >= 0 {
        // A whole number (m ≠ 0 here: zero has e = -1074): its digits, then the zero decimals.
        let mut d = decimal(u128::from(m), e as u32, 0);
        push_zeros(&mut d, decimals);
        d
    } else {
        // round(m · 10^decimals / 2^s), half to even; m · 10^18 < 2^113 fits.
        let s = (-e) as u32;
        let num = u128::from(m) * 10u128.pow(decimals as u32);
        let q = if s >= 128 {
            0 // num < 2^113 ≤ half of 2^s
        } else {
            let q = num >> s;
            let r = num - (q << s);
            let half = 1u128 << (s - 1);
            if r > half || (r == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        };
        decimal(q, 0, 0)
    };
    if decimals == 0 {
        out.push_str(&digits);
    } else {
        let mut padded = String::new();
        if digits.len() <= decimals {
            push_zeros(&mut padded, decimals + 1 - digits.len());
        }
        padded.push_str(&digits);
        let (int, frac) = padded.split_at(padded.len() - decimals);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Parses a number exactly as `text.parse::<f64>().ok()` does (`12`, `-1.5`, `.5`, `3.`,
/// `1e-3`, `+2E+2`, `inf`, `NaN` …; no spaces), through `serde_json`'s correctly rounding parser.
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let signed = |v: f64| if negative { -v } else { v };
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Some(signed(f64::INFINITY));
    }
    if body.eq_ignore_ascii_case("nan") {
        return Some(signed(f64::NAN));
    }
    let b = body.as_bytes();
    let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let (int, rest) = b.split_at(int_len);
    let (frac, rest) = match rest.strip_prefix(b".") {
        Some(after) => {
            let n = after.iter().take_while(|c| c.is_ascii_digit()).count();
            after.split_at(n)
        }
        None => (&rest[..0], rest),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let exponent = match rest {
        [] => None,
        [b'e' | b'E', exp @ ..] => {
            let digits = exp
                .strip_prefix(b"+")
                .or(exp.strip_prefix(b"-"))
                .unwrap_or(exp);
            if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            Some(exp)
        }
        _ => return None,
    };
    // JSON wants no leading zeros and digits on both sides of the point; the point also makes
    // serde_json read `-0` as the float -0.0 rather than the integer 0.
    let mut json = Vec::with_capacity(b.len() + 4);
    if negative {
        json.push(b'-');
    }
    let int = &int[int.iter().take_while(|&&c| c == b'0').count()..];
    json.extend_from_slice(if int.is_empty() { b"0" } else { int });
    json.push(b'.');
    json.extend_from_slice(if frac.is_empty() { b"0" } else { frac });
    if let Some(exp) = exponent {
        json.push(b'e');
        json.extend_from_slice(exp);
    }
    // Every byte is ASCII, so this is valid UTF-8.
    let json = String::from_utf8(json).ok()?;
    match serde_json::from_str::<f64>(&json) {
        Ok(v) => Some(v),
        // The syntax is valid, so the only failure is a value too large for f64: `str::parse`
        // says infinity. (A too small one reads as zero in both.)
        Err(_) => Some(signed(f64::INFINITY)),
    }
}

/// `(m, e)` with `|v| = m · 2^e` exactly, for a finite `v`.
fn decompose(v: f64) -> (u64, i32) {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

/// `m · 2^twos · 5^fives` in decimal (`0` for m = 0).
fn decimal(m: u128, twos: u32, fives: u32) -> String {
    const BASE: u64 = 1_000_000_000;
    // Little-endian limbs of nine decimal digits.
    let mut limbs: Vec<u64> = Vec::new();
    let mut rest = m;
    while rest > 0 {
        limbs.push((rest % u128::from(BASE)) as u64);
        rest /= u128::from(BASE);
    }
    let (mut twos, mut fives) = (twos, fives);
    while twos > 0 || fives > 0 {
        // Factors below 2^32, so a limb (< 2^30) times one fits in u64 with the carry.
        let factor = if twos > 0 {
            let k = twos.min(31);
            twos -= k;
            1u64 << k
        } else {
            let k = fives.min(13);
            fives -= k;
            5u64.pow(k)
        };
        let mut carry = 0u64;
        for limb in &mut limbs {
            let v = *limb * factor + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    let mut out = String::with_capacity(limbs.len() * 9 + 1);
    match limbs.split_last() {
        None => out.push('0'),
        Some((top, lower)) => {
            push_limb(&mut out, *top, 1);
            for limb in lower.iter().rev() {
                push_limb(&mut out, *limb, 9);
            }
        }
    }
    out
}

/// Appends `n` (< 10^9) zero-padded to `width` digits.
fn push_limb(out: &mut String, n: u64, width: usize) {
    super::date::push_padded(out, n as u32, width);
}

fn push_zeros(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n('0', n));
}

fn push_ascii(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|&b| char::from(b)));
}

/// The value of zmij's exponent digits (at most three).
fn digits_value(digits: &str) -> i64 {
    digits
        .bytes()
        .fold(0, |n, b| n * 10 + i64::from(b.wrapping_sub(b'0')))
}

/// `digits` without its trailing zeros.
fn strip_trailing_zeros(digits: &[u8]) -> &[u8] {
    let end = digits.len() - digits.iter().rev().take_while(|&&b| b == b'0').count();
    &digits[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Awkward values: ties, powers of two and ten, subnormals, the extremes.
    fn samples() -> Vec<f64> {
        let mut v = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.25,
            0.125,
            0.375,
            0.00005,
            0.00015,
            0.00025,
            1.0 / 3.0,
            2.0 / 3.0,
            5.54,
            0.3,
            0.1 + 0.2,
            8.0,
            21500.0,
            99.95,
            99.99999,
            999_999_999_999_999.9,
            1e15,
            1e16,
            1e20,
            1e21,
            1e22,
            1e23,
            123_456_789_012_345_680_000.0,
            2f64.powi(53),
            2f64.powi(53) + 2.0,
            2f64.powi(70),
            2f64.powi(114),
            2f64.powi(128),
            1e-5,
            1e-6,
            1e-7,
            1.5e-7,
            1e-300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::MIN_POSITIVE / 3.0,
            5e-324,
            f64::EPSILON,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for i in -330..=310 {
            let p = 10f64.powi(i);
            v.extend([p, p * 1.5, p * 2.5, p * 9.999, -p * 7.125]);
        }
        for i in -1080..=1030 {
            v.push(2f64.powi(i));
        }
        for i in 0..20_000 {
            v.push(f64::from(i) / 100.0);
            v.push(f64::from(i) * 0.01 + 0.005);
            v.push(f64::from(i) / 7.0);
        }
        // Random bit patterns (xorshift), all exponents.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..30_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v.push(f64::from_bits(x));
            // Few significant bits: exact ties between two shortest candidates are common.
            v.push(f64::from_bits(x & 0xffff_f000_0000_0000));
        }
        v
    }

    #[test]
    fn shortest_is_display() {
        for v in samples() {
            assert_eq!(shortest(v), format!("{v}"), "{:#x}", v.to_bits());
        }
    }

    #[test]
    fn fixed_is_precision_formatting() {
        for v in samples() {
            for d in [0, 1, 2, 4, 9] {
                assert_eq!(fixed(v, d), format!("{v:.d$}"), "{:#x} .{d}", v.to_bits());
            }
        }
    }

    #[test]
    fn app_formats_are_unchanged_for_the_dataset() {
        let ds = crate::data::embedded().unwrap();
        let mut values: Vec<f64> = ds
            .tasks
            .iter()
            .flat_map(|t| &t.allocations)
            .flat_map(|a| &a.items)
            .map(|i| i.value)
            .collect();
        assert!(!values.is_empty());
        let targets = values.clone();
        // Percentages of every target reached by a tenth of it, a third of it, …
        for t in &targets {
            for c in [0.0, 0.1, 1.0 / 3.0, 0.5, 0.999, 1.0, 2.5] {
                values.push(c * t / t * 100.0);
                values.push(t * c);
            }
        }
        for v in values {
            assert_eq!(
                crate::domain::town::format_value(v),
                if v == 0.0 {
                    "0".to_string()
                } else {
                    format!("{v}")
                }
            );
            let old_number = if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{v:.0}")
            } else {
                format!("{v:.4}")
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string()
            };
            assert_eq!(crate::domain::export::format_number(v), old_number);
            assert_eq!(crate::text::percent_text(v), format!("{v:.0}%"));
        }
        for bytes in [
            0,
            1,
            52_428,
            1_048_575,
            1_048_576,
            5_000_000,
            5_242_880,
            5_300_000,
            usize::MAX,
        ] {
            assert_eq!(
                crate::domain::messages::import_too_large(bytes, 5 * 1_048_576),
                format!(
                    "文件过大（{:.1} MB），导入文件不能超过 5 MB。",
                    bytes as f64 / 1_048_576.0
                )
            );
        }
    }

    #[test]
    fn parse_is_str_parse() {
        let mut inputs: Vec<String> = [
            "0", "-0", "+0", "00", "007", "1", "-1", "+1", "1.", ".5", "-.5", "+.5", ".", "-", "+",
            "", " 1", "1 ", "1e", "1e+", "1e-", "e5", ".e5", "1.e5", "1.5E-3", "1e+05", "1e0400",
            "1e400", "-1e400", "1e-400", "-1e-400", "0e99999999999999999999",
            "1e99999999999999999999", "1e-99999999999999999999", "inf", "-inf", "+Infinity",
            "INF", "infinit", "nan", "NaN", "-nan", "+NAN", "nana", "1_000", "1,5", "0x10",
            "１２", "1.2.3", "--1", "+-1", "1e5.5", "12345678901234567890123456789",
            "0.000000000000000000000000000000000000000000001",
            "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "2.2250738585072011e-308", "4.9406564584124654e-324", "2.4703282292062328e-324",
            "2.4703282292062327e-324", "9007199254740993", "0.1", "5.54", "21500",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for v in samples().into_iter().step_by(7) {
            inputs.push(format!("{v}"));
            inputs.push(format!("{v:e}"));
            inputs.push(format!("{v:.3}"));
        }
        for s in &inputs {
            let ours = parse_f64(s);
            let std = s.parse::<f64>().ok();
            assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{s:?}");
        }
    }
}
