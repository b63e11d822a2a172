//! The parsers never panic, whatever the text: they return data or a `ParseError`.

use proptest::prelude::*;
use qingdan::source::allocation::{infer_measure, parse_allocation, parse_header};
use qingdan::source::parser::{parse_dataset, parse_deadline};

/// Text built from the characters the parsers look at, so the interesting paths are reached.
fn soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\t"),
            Just("\n"),
            Just("\r\n"),
            Just(" "),
            Just("\u{3000}"),
            Just("、"),
            Just("，"),
            Just(","),
            Just("。"),
            Just("；"),
            Just("："),
            Just(":"),
            Just("（"),
            Just("）"),
            Just("("),
            Just(")"),
            Just("."),
            Just("1"),
            Just("23"),
            Just("4.5"),
            Just("万亩"),
            Just("亩"),
            Just("个"),
            Just("公里"),
            Just("共"),
            Just("村"),
            Just("居委会"),
            Just("为"),
            Just("赵巷"),
            Just("朱家角镇"),
            Just("现代农业园区"),
            Just("农业园区"),
            Just("青西三镇"),
            Just("11个街镇"),
            Just("各街镇"),
            Just("创建"),
            Just("全区"),
            Just("落实"),
            Just("年"),
            Just("月底"),
            Just("(一)"),
            Just("十"),
            Just("2022年青浦区清单（1项）"),
            Just("类别"),
            Just("区级序号"),
            Just("x"),
            Just("é"),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn allocation_parsing_never_panics(text in soup(), name in soup(), req in soup()) {
        let p = parse_allocation(&text, &name, &req);
        for a in &p.allocations {
            for i in &a.items {
                prop_assert!(text.contains(&i.phrase));
            }
        }
        let _ = parse_header(&text);
        let _ = infer_measure(&name, &req);
    }

    #[test]
    fn dataset_parsing_never_panics(text in soup()) {
        let _ = parse_dataset(&text, "f");
        let _ = parse_deadline(&text, 2022);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,80}") {
        let _ = parse_allocation(&text, &text, &text);
        let _ = parse_dataset(&text, "f");
    }
}
