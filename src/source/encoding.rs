//! The text of a table file as a user has it: UTF-8 with or without a byte order mark, UTF-16
//! with one (Excel's "Unicode text"), or — neither of those — GB 18030, what Excel and WPS save as
//! "text" or CSV on Chinese Windows (the browser decodes that one: see `browser::decode_text`).

/// The text of `bytes` when they are UTF-8 or BOM-marked UTF-16; `None` for anything else.
pub fn decode_unicode(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).ok();
    }
    let utf16 = |rest: &[u8], big_endian: bool| {
        if rest.len() % 2 != 0 {
            return None;
        }
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                let pair = [p[0], p[1]];
                if big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, false);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, true);
    }
    std::str::from_utf8(bytes).ok().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_utf16_files_read_and_others_are_left_to_the_browser() {
        let text = "2023年青浦区\t类别\r\n";
        assert_eq!(decode_unicode(text.as_bytes()).as_deref(), Some(text));
        let bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(decode_unicode(&bom).as_deref(), Some(text));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_unicode(&le).as_deref(), Some(text));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_unicode(&be).as_deref(), Some(text));
        // 青浦 in GB 18030: not UTF-8.
        assert_eq!(decode_unicode(&[0xC7, 0xE0, 0xC6, 0xD6]), None);
        assert_eq!(decode_unicode(&[0xFF, 0xFE, 0x41]), None);
    }
}
