//! Percent-encoding of URL components (RFC 3986), used by the hash route codec.
//!
//! Everything except the unreserved characters `A-Z a-z 0-9 - . _ ~` is encoded as UTF-8 bytes, so
//! an encoded component is pure ASCII and never contains a separator such as `/ ? & = , #`.

/// True for the RFC 3986 unreserved characters, which are never encoded.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes every byte of `s` except the unreserved characters (upper-case hex digits).
pub fn encode_component(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0x0f)] as char);
        }
    }
    out
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes leniently: an invalid escape is kept literally, bytes that do not form
/// valid UTF-8 become U+FFFD, and `+` stays `+` (this is not form encoding).
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex_value),
                bytes.get(i + 2).copied().and_then(hex_value),
            ) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_characters_pass_through() {
        let s = "AZaz09-._~";
        assert_eq!(encode_component(s), s);
    }

    #[test]
    fn reserved_and_non_ascii_are_encoded() {
        assert_eq!(encode_component("a b"), "a%20b");
        assert_eq!(encode_component("+,&=#%?/"), "%2B%2C%26%3D%23%25%3F%2F");
        assert_eq!(encode_component("镇"), "%E9%95%87");
        assert_eq!(encode_component(""), "");
    }

    #[test]
    fn decode_inverts_encode() {
        for s in ["朱家角镇", "a b,c&d=e#f%g?h", "🚜 区农业农村委", "+"] {
            assert_eq!(decode_component(&encode_component(s)), s);
        }
    }

    #[test]
    fn decode_accepts_lower_case_hex() {
        assert_eq!(decode_component("%e9%95%87"), "镇");
    }

    #[test]
    fn decode_is_lenient() {
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("a+b"), "a+b");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
        assert_eq!(decode_component("%E9%95"), "\u{FFFD}");
        assert_eq!(decode_component("镇%20"), "镇 ");
    }
}
