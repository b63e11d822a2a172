//! Stated totals against the per-town values, computed from the structured allocations.
//!
//! Every expected total below was read off the source by hand and is written here together with
//! the exact source text it comes from; the test checks that text is really in the task, then
//! compares it with the sum of the parsed items. Values are compared exactly as integers in
//! thousandths of the base measure (万亩 → 亩 ×10000), so no float tolerance is involved.

use qingdan::domain::task::{Dataset, Task};
use qingdan::source::parser::parse_dataset;

const SOURCE: &str = include_str!("../data/000_6daa0d8ba64a921b.txt");

fn dataset() -> Dataset {
    parse_dataset(SOURCE, "000_6daa0d8ba64a921b.txt").expect("source parses")
}

fn task(d: &Dataset, id: u16) -> &Task {
    d.tasks.iter().find(|t| t.id == id).expect("task exists")
}

/// A quantity in thousandths of its base measure: (`0.03`, `万亩`) → (300_000, `亩`).
fn base(value: f64, measure: &str) -> (i64, String) {
    let (factor, m) = match measure.strip_prefix('万') {
        Some(rest) => (10_000.0, rest),
        None => (1.0, measure),
    };
    ((value * factor * 1000.0).round() as i64, m.to_string())
}

/// Sum of one metric over all units of a task, with the number of units contributing.
fn sum(t: &Task, metric: &str) -> ((i64, String), usize) {
    let mut total = 0;
    let mut measure: Option<String> = None;
    let mut units = 0;
    for a in &t.allocations {
        for i in a.items.iter().filter(|i| i.metric == metric) {
            let (v, m) = base(i.value, &i.measure);
            if let Some(prev) = &measure {
                assert_eq!(prev, &m, "task {} metric {metric}: mixed measures", t.id);
            }
            measure = Some(m);
            total += v;
            units += 1;
        }
    }
    assert!(units > 0, "task {} has no items of metric {metric}", t.id);
    ((total, measure.unwrap()), units)
}

struct Stated {
    task: u16,
    metric: &'static str,
    /// The total as written in the source (allocation or requirements text).
    text: &'static str,
    value: f64,
    measure: &'static str,
    /// How many units share it.
    units: usize,
}

const ADDS_UP: &[Stated] = &[
    Stated {
        task: 1,
        metric: "乡村振兴示范村",
        text: "2个乡村振兴示范村",
        value: 2.0,
        measure: "个",
        units: 2,
    },
    Stated {
        task: 2,
        metric: "2022年度市乡村振兴示范村",
        text: "共7个村",
        value: 7.0,
        measure: "个",
        units: 6,
    },
    Stated {
        task: 3,
        metric: "市级美丽乡村示范村",
        text: "共16个村",
        value: 16.0,
        measure: "个",
        units: 6,
    },
    Stated {
        task: 17,
        metric: "粮食任务",
        text: "粮食任务12.4万亩",
        value: 12.4,
        measure: "万亩",
        units: 12,
    },
    Stated {
        task: 19,
        metric: "蔬菜播种面积",
        text: "播种面积16.9万亩次",
        value: 16.9,
        measure: "万亩次",
        units: 12,
    },
    Stated {
        task: 19,
        metric: "蔬菜产量",
        text: "产量38.09万吨",
        value: 38.09,
        measure: "万吨",
        units: 12,
    },
    Stated {
        task: 19,
        metric: "食用菌产量",
        text: "食用菌全年产量0.13万吨",
        value: 0.13,
        measure: "万吨",
        units: 2,
    },
    Stated {
        task: 20,
        metric: "绿叶菜核心基地",
        text: "绿叶菜核心基地0.9万亩",
        value: 0.9,
        measure: "万亩",
        units: 10,
    },
    Stated {
        task: 24,
        metric: "农产品绿色生产基地",
        text: "创建面积27278.59亩",
        value: 27278.59,
        measure: "亩",
        units: 9,
    },
    Stated {
        task: 28,
        metric: "蔬菜生产基地绿色防控示范",
        text: "绿色防控示范0.9万亩",
        value: 0.9,
        measure: "万亩",
        units: 10,
    },
    Stated {
        task: 31,
        metric: "水产养殖绿色生产方式推广面积",
        text: "推广面积17860亩",
        value: 17860.0,
        measure: "亩",
        units: 6,
    },
    Stated {
        task: 33,
        metric: "水产养殖场改造项目",
        text: "600亩水产养殖场改造项目",
        value: 600.0,
        measure: "亩",
        units: 3,
    },
    Stated {
        task: 40,
        metric: "规模化常年菜田面积",
        text: "常年菜田面积4.1万亩",
        value: 4.1,
        measure: "万亩",
        units: 12,
    },
    Stated {
        task: 43,
        metric: "在建项目施工进度",
        text: "15个在建项目",
        value: 15.0,
        measure: "个",
        units: 11,
    },
    Stated {
        task: 45,
        metric: "新型职业农民",
        text: "新型职业农民100名",
        value: 100.0,
        measure: "名",
        units: 11,
    },
    Stated {
        task: 67,
        metric: "睦邻点",
        text: "新建10家市级示范睦邻点",
        value: 10.0,
        measure: "家",
        units: 3,
    },
];

#[test]
fn stated_totals_add_up() {
    let d = dataset();
    for s in ADDS_UP {
        let t = task(&d, s.task);
        assert!(
            t.allocation_text.contains(s.text) || t.requirements.contains(s.text),
            "task {}: `{}` is not in the source",
            s.task,
            s.text
        );
        let (got, units) = sum(t, s.metric);
        assert_eq!(
            got,
            base(s.value, s.measure),
            "task {} {}",
            s.task,
            s.metric
        );
        assert_eq!(units, s.units, "task {} {}: units", s.task, s.metric);
    }
}

/// Totals in the source that the per-town figures do NOT add up to. Recorded as they are, not
/// fudged: the sums below are what the town values give.
#[test]
fn stated_totals_that_do_not_add_up() {
    let d = dataset();
    let t9 = task(&d, 9);
    // Requirements: "54.4公里严重破损村主路、支路及48座沿线危桥"; the town lists give 60.54 km
    // of road (10 towns) and 33 bridges (8 towns).
    assert!(t9.requirements.contains("54.4公里") && t9.requirements.contains("48座"));
    let (roads, n) = sum(t9, "道路");
    assert_eq!((roads.clone(), n), (base(60.54, "公里"), 10));
    assert_ne!(roads, base(54.4, "公里"));
    let (bridges, n) = sum(t9, "桥梁");
    assert_eq!((bridges.clone(), n), (base(33.0, "座"), 8));
    assert_ne!(bridges, base(48.0, "座"));

    // Task 24 requirements say "新创建绿色生产基地2.23万亩" but the allocation total and the town
    // values are 27278.59亩 (2.727859万亩).
    let t24 = task(&d, 24);
    assert!(t24.requirements.contains("2.23万亩"));
    assert_ne!(sum(t24, "农产品绿色生产基地").0, base(2.23, "万亩"));

    // Task 31 requirements say 17400亩; the allocation says (and its towns give) 17860亩.
    let t31 = task(&d, 31);
    assert!(t31.requirements.contains("推广面积达17400亩"));
    assert_eq!(
        sum(t31, "水产养殖绿色生产方式推广面积").0,
        base(17860.0, "亩")
    );

    // Task 39 requirements: 3976亩 (2020 projects) and 2809亩 (2021 projects); the town values
    // give 3976.3亩 (练塘322.3 + 金泽3654) and 2809.1亩 (重固488.8 + 练塘2320.3).
    let t39 = task(&d, 39);
    assert!(t39.requirements.contains("2020年度已批复的3976亩"));
    assert!(t39.requirements.contains("2021年度已批复的2809亩"));
    assert_eq!(sum(t39, "2020年项目完成竣工验收").0, base(3976.3, "亩"));
    assert_eq!(
        sum(t39, "2021年项目年内基本完工并开展区验工作").0,
        base(2809.1, "亩")
    );
}

/// Totals that count units or villages rather than a quantity.
#[test]
fn stated_counts_of_units_and_villages() {
    let d = dataset();
    let units = |id: u16| task(&d, id).allocations.len();
    // Task 8: "指导辖区内4个镇" – 重固、白鹤、练塘、金泽.
    assert!(task(&d, 8).requirements.contains("4个镇"));
    assert_eq!(units(8), 4);
    // Task 13: "2个生态清洁小流域示范点建设：徐泾镇、金泽镇".
    assert!(task(&d, 13)
        .allocation_text
        .contains("2个生态清洁小流域示范点"));
    assert_eq!(units(13), 2);
    // Task 32: "3家示范场：练塘、金泽、现代农业园区。\n1家复审：夏阳".
    assert_eq!(units(32), 4);
    // Task 59: "以上4个村居".
    assert!(task(&d, 59).allocation_text.contains("以上4个村居"));
    let villages: usize = task(&d, 59)
        .allocations
        .iter()
        .map(|a| a.villages.len())
        .sum();
    assert_eq!(villages, 4);
    // Task 55 requirements say "选择1-2个乡镇开展清单制工作试点", yet its allocation names three
    // (赵巷、华新、重固): recorded, not a parsing error.
    assert!(task(&d, 55).requirements.contains("1-2个乡镇"));
    assert_eq!(units(55), 3);
}

/// The sums of lists without a stated total, pinned so a parsing change is noticed.
#[test]
fn unstated_sums() {
    let d = dataset();
    // Task 11 提档升级改造: 3.333+1.043+2.281+2.397+11.304+10.121+5.664+2.14+11.887 = 50.17 km.
    assert_eq!(sum(task(&d, 11), "提档升级改造"), (base(50.17, "公里"), 9));
    // Task 64 收益分配: 4+6+17+2+3+11+2+2+6+2+11 = 66.
    assert_eq!(sum(task(&d, 64), "收益分配"), (base(66.0, "个"), 11));
    // Task 70 固定观察点 (including 示范村): 1+2+2+3+3 = 11; the requirements' "首批2个" and
    // "第二批4个" count observation points without the 示范村, so no total applies.
    assert_eq!(sum(task(&d, 70), "固定观察点"), (base(11.0, "个"), 5));
    // Task 40 高标准设施菜田: 415+340+328 = 1083亩.
    assert_eq!(sum(task(&d, 40), "高标准设施菜田"), (base(1083.0, "亩"), 3));
}
