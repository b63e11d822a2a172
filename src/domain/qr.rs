//! QR codes as SVG, for showing a shared link ([`crate::domain::share`]) on one phone so
//! that another phone's camera can open it.
//!
//! Encoding is Nayuki's `qrcodegen` (no dependencies, about 6 KB of gzipped wasm; the `qrcode`
//! crate without default features costs about twice that). The SVG is one `<path>` of the dark
//! modules on a white square that includes the quiet zone, so the code stays readable on a
//! dark page; it has a `viewBox` and no fixed size (the UI sizes it with CSS, and adds
//! `role="img"` and a label).

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

use crate::domain::messages;

/// The largest QR version (version v has 17 + 4·v modules a side) that a phone camera reads
/// reliably from another phone's screen.
///
/// 20, i.e. 97 modules, 105 with the quiet zone. On the showing phone the code is about 6 cm
/// wide (a 6.5 cm wide screen with margins): 0.57 mm, or about 9 screen pixels, a module. The
/// scanning phone is held 12–15 cm away (closer, most main cameras no longer focus), where its
/// preview sees the code over 40–50 % of the frame's short side. Scanners analyse previews of
/// 1920×1080 (WeChat, the iOS and Android system cameras; Google's ML Kit recommends 1280×720
/// or 1920×1080) and need at least 2 camera pixels a module (ML Kit's stated minimum):
/// version 20 gets 4–5 pixels a module at 1080p and about 3 at 720p, so there is a margin for
/// focus blur, screen moiré and a shaking hand. The older guidance of versions 10–15 assumed
/// 640×480 previews and 6 pixels a module (version 13 to 16); version 25 would leave 720p
/// previews under 3 pixels a module. Larger codes still scan on good phones held steady, so
/// the UI may show them with a hint, but cannot count on them.
pub const MAX_PHONE_QR_VERSION: u8 = 20;

/// Width of the quiet zone around the code, in modules (the standard's minimum).
pub const QUIET_ZONE: u32 = 4;

/// Error correction level of a QR code: the share of the code that may be damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum QrEcc {
    /// About 7 %.
    Low,
    /// About 15 %.
    Medium,
    /// About 25 %.
    Quartile,
    /// About 30 %.
    High,
}

impl QrEcc {
    fn from_lib(e: QrCodeEcc) -> Self {
        match e {
            QrCodeEcc::Low => QrEcc::Low,
            QrCodeEcc::Medium => QrEcc::Medium,
            QrCodeEcc::Quartile => QrEcc::Quartile,
            QrCodeEcc::High => QrEcc::High,
        }
    }

    /// The level's letter: L, M, Q or H.
    pub fn letter(self) -> char {
        match self {
            QrEcc::Low => 'L',
            QrEcc::Medium => 'M',
            QrEcc::Quartile => 'Q',
            QrEcc::High => 'H',
        }
    }
}

/// A QR code drawn as SVG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    /// The QR version, 1–40.
    pub version: u8,
    /// Modules a side, without the quiet zone (17 + 4·version).
    pub modules: u32,
    /// The error correction level used.
    pub ecc: QrEcc,
    /// The SVG document: `viewBox="0 0 n n"` with n = [`QrSvg::side`], a white square, one
    /// `<path>` of the dark modules ([`QrSvg::path_data`]), `shape-rendering="crispEdges"`.
    pub svg: String,
    /// The `d` of the dark modules' path, kept apart so a page can draw the code with its own
    /// elements (no HTML parsed from a string).
    path: String,
}

impl QrSvg {
    /// Whether a phone can be counted on to read it from another phone's screen
    /// ([`MAX_PHONE_QR_VERSION`]).
    pub fn fits_phone(&self) -> bool {
        self.version <= MAX_PHONE_QR_VERSION
    }

    /// Width and height of the drawing in modules, the quiet zone included: the SVG's
    /// `viewBox` is `0 0 side side`.
    pub fn side(&self) -> u32 {
        self.modules + 2 * QUIET_ZONE
    }

    /// The path data (`d`) of the dark modules in `viewBox` units: one `M{x} {y}h{n}v1h-{n}z`
    /// per horizontal run, offset by the quiet zone. Drawn in black on a white square of
    /// [`QrSvg::side`], it is the code.
    pub fn path_data(&self) -> &str {
        &self.path
    }
}

/// Why no QR code could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrError {
    /// More than the largest QR code (version 40 at level L) holds.
    TooLong {
        /// Length of the text in bytes.
        bytes: usize,
    },
}

impl QrError {
    /// What went wrong, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            QrError::TooLong { bytes } => messages::qr_too_long(*bytes),
        }
    }
}

impl std::fmt::Display for QrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for QrError {}

/// The QR code of `text` (in practice a link, encoded as bytes) as SVG.
///
/// Level M, raised to Q or H when the text still fits the same version. When M would need a
/// version over [`MAX_PHONE_QR_VERSION`] and L fits within it, L is used: a code on a screen
/// is not scratched or stained, which is what the higher levels are for, and a smaller code
/// scans more reliably.
pub fn qr_svg(text: &str) -> Result<QrSvg, QrError> {
    let segments = QrSegment::make_segments(text);
    let encode = |ecc| {
        QrCode::encode_segments_advanced(&segments, ecc, Version::MIN, Version::MAX, None, true)
    };
    let too_long = || QrError::TooLong { bytes: text.len() };
    let code = match encode(QrCodeEcc::Medium) {
        Ok(code) if code.version().value() <= MAX_PHONE_QR_VERSION => code,
        medium => match encode(QrCodeEcc::Low) {
            Ok(low) if low.version().value() <= MAX_PHONE_QR_VERSION => low,
            low => medium.or(low).map_err(|_| too_long())?,
        },
    };
    Ok(draw(&code))
}

fn draw(code: &QrCode) -> QrSvg {
    let size = code.size();
    let side = size.unsigned_abs() + 2 * QUIET_ZONE;
    let q = QUIET_ZONE as i32;
    let mut path = String::new();
    // One rectangle per horizontal run of dark modules: `M{x} {y}h{n}v1h-{n}z`.
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let n = x - start;
            path.push_str(&format!("M{} {}h{n}v1h-{n}z", start + q, y + q));
        }
    }
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>"
    );
    QrSvg {
        version: code.version().value(),
        modules: size.unsigned_abs(),
        ecc: QrEcc::from_lib(code.error_correction_level()),
        svg,
        path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_text_is_version_1_boosted() {
        let q = qr_svg("hi").unwrap();
        assert_eq!(q.version, 1);
        assert_eq!(q.modules, 21);
        // Two bytes fit version 1 even at level H.
        assert_eq!(q.ecc, QrEcc::High);
        assert!(q.fits_phone());
        assert!(q.svg.starts_with("<svg "));
        assert!(q.svg.contains("viewBox=\"0 0 29 29\""));
        assert!(q.svg.contains("shape-rendering=\"crispEdges\""));
        assert!(!q.svg.contains("width=\"29\" height=\"29\" viewBox"));
        assert_eq!(q.svg.matches("<path").count(), 1);
    }

    #[test]
    fn path_data_and_side_draw_the_svg() {
        let q = qr_svg("https://x.org/tools.html#/receive/1abc").unwrap();
        assert_eq!(q.side(), q.modules + 8);
        assert!(q
            .svg
            .contains(&format!("viewBox=\"0 0 {0} {0}\"", q.side())));
        assert!(q.svg.contains(&format!(" d=\"{}\"", q.path_data())));
        // Every run lies inside the code, off the quiet zone, and the runs cover exactly the
        // dark modules of the first row (the top of the finder patterns: 7 dark, gap, 7 dark).
        let mut first_row = Vec::new();
        for run in q.path_data().split('M').filter(|r| !r.is_empty()) {
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (u32, u32) = (x.parse().unwrap(), y.parse().unwrap());
            let n: u32 = rest.split('v').next().unwrap().parse().unwrap();
            assert_eq!(rest, format!("{n}v1h-{n}z"));
            assert!(x >= QUIET_ZONE && y >= QUIET_ZONE);
            assert!(x + n <= QUIET_ZONE + q.modules && y < QUIET_ZONE + q.modules);
            if y == QUIET_ZONE {
                first_row.push((x - QUIET_ZONE, n));
            }
        }
        assert_eq!(first_row.first(), Some(&(0, 7)));
        assert_eq!(first_row.last(), Some(&(q.modules - 7, 7)));
    }

    #[test]
    fn too_long_is_an_error() {
        let text = "a".repeat(3000);
        let e = qr_svg(&text).unwrap_err();
        assert_eq!(e, QrError::TooLong { bytes: 3000 });
        assert!(e.message_zh().contains("3000"));
        // The largest code: 2 953 bytes at level L, version 40.
        let q = qr_svg(&"a".repeat(2953)).unwrap();
        assert_eq!((q.version, q.ecc), (40, QrEcc::Low));
        assert!(!q.fits_phone());
    }

    #[test]
    fn low_only_when_it_keeps_the_code_phone_sized() {
        // Version 20 holds 666 bytes at M and 858 at L.
        let q = qr_svg(&"a".repeat(666)).unwrap();
        assert_eq!((q.version, q.ecc), (20, QrEcc::Medium));
        let q = qr_svg(&"a".repeat(800)).unwrap();
        assert_eq!((q.version, q.ecc), (20, QrEcc::Low));
        // Over L's capacity at 20: stays M at a larger version.
        let q = qr_svg(&"a".repeat(900)).unwrap();
        assert_eq!(q.ecc, QrEcc::Medium);
        assert!(q.version > MAX_PHONE_QR_VERSION);
    }
}
