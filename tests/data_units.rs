//! Units in the allocations of the real list: naming, and the reviewed golden scope table.

use std::collections::BTreeMap;

use qingdan::domain::task::{Dataset, Scope};
use qingdan::source::parser::parse_dataset;
use qingdan::source::units::{GROUPS, UNITS};

const SOURCE: &str = include_str!("../data/000_6daa0d8ba64a921b.txt");
const GOLDEN: &str = include_str!("golden/scope.tsv");

fn dataset() -> Dataset {
    parse_dataset(SOURCE, "000_6daa0d8ba64a921b.txt").expect("source parses")
}

fn scope_name(s: Scope) -> &'static str {
    match s {
        Scope::AllTowns => "all_towns",
        Scope::AllTownsAndPark => "all_towns_and_park",
        Scope::Listed => "listed",
        Scope::District => "district",
    }
}

/// One golden line: `id<TAB>scope<TAB>unit=items unit=items …` (units sorted by id, `-` if none).
fn golden_line(d: &Dataset, id: u16) -> String {
    let t = d.tasks.iter().find(|t| t.id == id).unwrap();
    let mut units: Vec<String> = t
        .allocations
        .iter()
        .map(|a| format!("{}={}", a.unit, a.items.len()))
        .collect();
    units.sort();
    let units = if units.is_empty() {
        "-".to_string()
    } else {
        units.join(" ")
    };
    format!("{}\t{}\t{}", t.id, scope_name(t.scope), units)
}

#[test]
fn golden_scope_table_matches() {
    let d = dataset();
    let golden: Vec<&str> = GOLDEN
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(golden.len(), 74, "golden table must cover all 74 tasks");
    let mut diffs = Vec::new();
    for (i, want) in golden.iter().enumerate() {
        let got = golden_line(&d, i as u16 + 1);
        if got != *want {
            diffs.push(format!("want {want}\n got {got}"));
        }
    }
    assert!(
        diffs.is_empty(),
        "scope table differs:\n{}",
        diffs.join("\n")
    );
}

#[test]
fn scope_counts() {
    let d = dataset();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &d.tasks {
        *counts.entry(scope_name(t.scope)).or_default() += 1;
    }
    let want: BTreeMap<&str, usize> = [
        ("all_towns", 33),
        ("all_towns_and_park", 11),
        ("district", 10),
        ("listed", 20),
    ]
    .into_iter()
    .collect();
    assert_eq!(counts, want);
}

/// Naively, by substring: every unit whose full or short name (or group name) occurs in an
/// allocation text has an allocation in that task, and no other unit does.
#[test]
fn every_named_unit_has_an_allocation_and_only_those() {
    let d = dataset();
    for t in &d.tasks {
        let text = &t.allocation_text;
        let mut named: Vec<&str> = UNITS
            .iter()
            .filter(|u| text.contains(u.name) || u.short_names.iter().any(|s| text.contains(s)))
            .map(|u| u.id)
            .collect();
        for g in GROUPS {
            if text.contains(g.name) {
                named.extend(g.members);
            }
        }
        named.sort_unstable();
        named.dedup();
        let mut got: Vec<&str> = t.allocations.iter().map(|a| a.unit.as_str()).collect();
        got.sort_unstable();
        assert_eq!(got, named, "task {}", t.id);
    }
}

#[test]
fn allocations_are_in_canonical_unit_order_without_duplicates() {
    let d = dataset();
    for t in &d.tasks {
        let pos: Vec<usize> = t
            .allocations
            .iter()
            .map(|a| {
                UNITS
                    .iter()
                    .position(|u| u.id == a.unit)
                    .expect("known unit")
            })
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "task {}", t.id);
    }
}

#[test]
fn every_item_phrase_is_in_the_source_and_names_its_unit() {
    let d = dataset();
    for t in &d.tasks {
        for a in &t.allocations {
            let unit = UNITS.iter().find(|u| u.id == a.unit).unwrap();
            for i in &a.items {
                assert!(
                    t.allocation_text.contains(&i.phrase),
                    "task {}: {}",
                    t.id,
                    i.phrase
                );
                assert!(
                    i.phrase.starts_with(unit.name)
                        || unit.short_names.iter().any(|s| i.phrase.starts_with(s)),
                    "task {}: {} does not start with {}",
                    t.id,
                    i.phrase,
                    unit.name
                );
                assert!(
                    !i.metric.is_empty(),
                    "task {}: {} has no metric",
                    t.id,
                    i.phrase
                );
                assert!(
                    !i.measure.is_empty(),
                    "task {}: {} has no measure",
                    t.id,
                    i.phrase
                );
                // The value is the number written in the phrase.
                let digits: String = i
                    .phrase
                    .chars()
                    .skip_while(|c| !c.is_ascii_digit())
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                assert_eq!(
                    digits.parse::<f64>().unwrap(),
                    i.value,
                    "task {}: {}",
                    t.id,
                    i.phrase
                );
            }
            for v in &a.villages {
                assert!(t.allocation_text.contains(v.as_str()), "task {}: {v}", t.id);
            }
        }
    }
}

#[test]
fn examples_from_the_brief() {
    let d = dataset();
    let t = |id: u16| d.tasks.iter().find(|t| t.id == id).unwrap();
    let alloc = |id: u16, unit: &str| {
        t(id)
            .allocations
            .iter()
            .find(|a| a.unit == unit)
            .unwrap_or_else(|| panic!("task {id} has no {unit}"))
            .clone()
    };
    let items = |id: u16, unit: &str| -> Vec<(String, f64, String, String)> {
        alloc(id, unit)
            .items
            .iter()
            .map(|i| {
                (
                    i.metric.clone(),
                    i.value,
                    i.measure.clone(),
                    i.phrase.clone(),
                )
            })
            .collect()
    };
    let q = |m: &str, v: f64, me: &str, p: &str| (m.to_string(), v, me.to_string(), p.to_string());

    assert_eq!(items(9, "zhaoxiang"), vec![q("道路", 2.0, "公里", "赵巷2")]);
    assert_eq!(
        items(9, "zhujiajiao"),
        vec![
            q("道路", 8.0, "公里", "朱家角8"),
            q("桥梁", 8.0, "座", "朱家角8")
        ]
    );
    assert_eq!(
        items(17, "zhaoxiang"),
        vec![q("粮食任务", 4000.0, "亩", "赵巷4000亩")]
    );
    assert_eq!(
        items(17, "nongye-yuanqu"),
        vec![q("粮食任务", 3350.0, "亩", "农业园区3350亩")]
    );
    assert_eq!(
        items(19, "chonggu"),
        vec![
            q("蔬菜播种面积", 1.4, "万亩次", "重固1.4万亩次"),
            q("蔬菜产量", 2.3, "万吨", "重固2.3 万吨"),
            q("食用菌产量", 0.03, "万吨", "重固0.03万吨"),
        ]
    );
    assert_eq!(
        items(19, "xujing")[1],
        q("蔬菜产量", 1.05, "万吨", "徐泾1.05 万吨")
    );
    assert_eq!(
        items(1, "chonggu"),
        vec![q("乡村振兴示范村", 1.0, "个", "重固镇1")]
    );
    assert_eq!(
        items(45, "chonggu"),
        vec![q("新型职业农民", 40.0, "名", "重固40")]
    );
    assert_eq!(
        items(67, "huaxin"),
        vec![q("睦邻点", 4.0, "家", "华新创建4家睦邻点")]
    );
    assert_eq!(
        items(41, "chonggu"),
        vec![q(
            "蔬果生产“机器换人”基地",
            1.0,
            "家",
            "重固镇推进1家蔬果生产“机器换人”基地"
        )]
    );
    assert_eq!(
        items(38, "liantang"),
        vec![q("受污染耕地", 28.0, "亩", "练塘镇28亩受污染耕地")]
    );
    assert_eq!(
        items(27, "chonggu"),
        vec![q("第二批示范镇", 1.0, "个", "重固镇1个")]
    );
    assert_eq!(
        items(27, "xujing"),
        vec![q("第三批示范基地", 1.0, "个", "徐泾1个")]
    );

    // Villages under their unit.
    assert_eq!(alloc(59, "liantang").villages, vec!["徐练村"]);
    assert_eq!(alloc(59, "xiayang").villages, vec!["王仙村"]);
    assert_eq!(alloc(59, "chonggu").villages, vec!["徐姚村"]);
    assert_eq!(alloc(59, "xianghuaqiao").villages, vec!["青山社区居委会"]);

    // Named without numbers: empty items.
    for unit in ["baihe", "zhujiajiao", "liantang", "jinze"] {
        assert!(alloc(51, unit).items.is_empty());
    }
    assert_eq!(t(51).scope, Scope::Listed);

    // 青西三镇 (task 64) names 朱家角、练塘、金泽, which also have 收益分配 items.
    assert!(t(64).allocation_text.contains("青西三镇"));
    assert_eq!(
        items(64, "jinze"),
        vec![q("收益分配", 2.0, "个", "金泽2个")]
    );

    // Task 33: named units from "涉及…" plus the 600亩 list.
    assert!(alloc(33, "baihe").items.is_empty());
    assert_eq!(
        items(33, "zhujiajiao"),
        vec![q("水产养殖场改造项目", 388.0, "亩", "朱家角388亩")]
    );
}
