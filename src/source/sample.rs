//! A small synthetic dataset for tests (unit tests, `tests/browse.rs`) and UI previews.
//!
//! It is not real data. It has 3 categories, 4 units (two towns, a subdistrict and the park) and
//! 8 tasks that cover every [`Scope`], tasks with two lead departments, tasks without a deadline
//! and allocations with several metrics, villages, or nothing but the unit's name.
//!
//! | id | cat | scope           | leads                    | deadline   | allocations                          |
//! |----|-----|-----------------|--------------------------|------------|--------------------------------------|
//! | 1  | 1   | Listed          | 区农业农村委             | 2022-10-31 | zhujiajiao 示范村1个（张马村）, jinze 示范村2个 |
//! | 2  | 1   | Listed          | 区交通委                 | 2022-06-30 | zhujiajiao 道路8公里+桥梁8座, xiayang 道路5.54公里 |
//! | 3  | 2   | AllTownsAndPark | 区农业农村委             | 2022-12-31 | park 粮食任务21500亩                 |
//! | 4  | 2   | AllTowns        | 区委组织部, 区农业农村委 | none       | —                                    |
//! | 5  | 3   | District        | 区财政局                 | 2022-06-30 | —                                    |
//! | 6  | 3   | AllTowns        | 区水务局                 | 2022-09-30 | jinze 河道3公里                      |
//! | 7  | 1   | District        | 区绿化市容局, 区农业农村委 | none     | —                                    |
//! | 8  | 2   | Listed          | 区农业农村委             | 2022-10-31 | zhujiajiao 蔬菜播种面积0.3万亩次, park (named only) |

use crate::domain::date::Date;

use crate::domain::task::{
    Assignment, Category, Dataset, DatasetMeta, Scope, Task, Unit, UnitAllocation, UnitKind,
    DATASET_SCHEMA,
};

fn date(m: u32, d: u32) -> Option<Date> {
    Date::from_ymd_opt(2022, m, d)
}

fn item(metric: &str, value: f64, measure: &str, phrase: &str) -> Assignment {
    Assignment {
        metric: metric.into(),
        value,
        measure: measure.into(),
        phrase: phrase.into(),
    }
}

fn alloc(unit: &str, items: Vec<Assignment>, villages: &[&str]) -> UnitAllocation {
    UnitAllocation {
        unit: unit.into(),
        items,
        villages: villages.iter().map(|v| v.to_string()).collect(),
    }
}

fn unit(id: &str, name: &str, short: &[&str], kind: UnitKind) -> Unit {
    Unit {
        id: id.into(),
        name: name.into(),
        short_names: short.iter().map(|s| s.to_string()).collect(),
        kind,
    }
}

#[allow(clippy::too_many_arguments)]
fn task(
    id: u16,
    category: u8,
    name: &str,
    requirements: &str,
    leads: &[&str],
    allocation_text: &str,
    deadline_text: &str,
    deadline: Option<Date>,
    scope: Scope,
    allocations: Vec<UnitAllocation>,
) -> Task {
    Task {
        id,
        city_no: id + 100,
        category,
        name: name.into(),
        requirements: requirements.into(),
        lead_text: leads.join("/"),
        leads: leads.iter().map(|s| s.to_string()).collect(),
        allocation_text: allocation_text.into(),
        deadline_text: deadline_text.into(),
        deadline,
        scope,
        allocations,
    }
}

/// The synthetic dataset described in the module documentation.
pub fn sample_dataset() -> Dataset {
    let cat = |id: u8, number: &str, name: &str| Category {
        id,
        number: number.into(),
        name: name.into(),
    };
    Dataset {
        schema: DATASET_SCHEMA,
        meta: DatasetMeta {
            id: "sample".into(),
            title: "示例任务清单".into(),
            year: 2022,
            district: "青浦区".into(),
            source_file: "sample".into(),
            content_hash: "0000000000000000".into(),
        },
        categories: vec![
            cat(1, "(一)", "持续推进“两个示范村”建设"),
            cat(2, "(二)", "保障重要农产品供给"),
            cat(3, "(三)", "发展壮大农村集体经济"),
        ],
        units: vec![
            unit("zhujiajiao", "朱家角镇", &["朱家角"], UnitKind::Town),
            unit("xiayang", "夏阳街道", &["夏阳"], UnitKind::Subdistrict),
            unit("jinze", "金泽镇", &["金泽"], UnitKind::Town),
            unit(
                "park",
                "现代农业园区",
                &["农业园区", "园区"],
                UnitKind::Park,
            ),
        ],
        tasks: vec![
            task(
                1,
                1,
                "创建乡村振兴示范村",
                "完成示范村创建",
                &["区农业农村委"],
                "朱家角（张马村）1个，金泽2个",
                "10月底",
                date(10, 31),
                Scope::Listed,
                vec![
                    alloc(
                        "zhujiajiao",
                        vec![item("示范村", 1.0, "个", "朱家角1")],
                        &["张马村"],
                    ),
                    alloc("jinze", vec![item("示范村", 2.0, "个", "金泽2")], &[]),
                ],
            ),
            task(
                2,
                1,
                "农村道路提档升级",
                "完成农村公路提档升级改造",
                &["区交通委"],
                "朱家角道路8公里、桥梁8座；夏阳道路5.54公里",
                "6月底",
                date(6, 30),
                Scope::Listed,
                vec![
                    alloc(
                        "zhujiajiao",
                        vec![
                            item("道路", 8.0, "公里", "朱家角道路8公里"),
                            item("桥梁", 8.0, "座", "桥梁8座"),
                        ],
                        &[],
                    ),
                    alloc(
                        "xiayang",
                        vec![item("道路", 5.54, "公里", "夏阳道路5.54公里")],
                        &[],
                    ),
                ],
            ),
            task(
                3,
                2,
                "稳定粮食生产",
                "落实粮食任务 GDP 指标",
                &["区农业农村委"],
                "园区21500亩",
                "12月底",
                date(12, 31),
                Scope::AllTownsAndPark,
                vec![alloc(
                    "park",
                    vec![item("粮食任务", 21500.0, "亩", "园区21500亩")],
                    &[],
                )],
            ),
            task(
                4,
                2,
                "农村人居环境整治",
                "开展村庄清洁行动",
                &["区委组织部", "区农业农村委"],
                "各街镇",
                "全年",
                None,
                Scope::AllTowns,
                vec![],
            ),
            task(
                5,
                3,
                "壮大村级集体经济",
                "制定区级扶持政策",
                &["区财政局"],
                "",
                "6月底",
                date(6, 30),
                Scope::District,
                vec![],
            ),
            task(
                6,
                3,
                "河道综合整治",
                "完成中小河道整治 Water quality",
                &["区水务局"],
                "各街镇，其中金泽3公里",
                "9月底",
                date(9, 30),
                Scope::AllTowns,
                vec![alloc(
                    "jinze",
                    vec![item("河道", 3.0, "公里", "金泽3公里")],
                    &[],
                )],
            ),
            task(
                7,
                1,
                "农村生活垃圾分类",
                "巩固垃圾分类示范村成果",
                &["区绿化市容局", "区农业农村委"],
                "",
                "",
                None,
                Scope::District,
                vec![],
            ),
            task(
                8,
                2,
                "蔬菜生产保供",
                "稳定蔬菜播种面积",
                &["区农业农村委"],
                "朱家角0.3万亩次；园区",
                "10月底",
                date(10, 31),
                Scope::Listed,
                vec![
                    alloc(
                        "zhujiajiao",
                        vec![item("蔬菜播种面积", 0.3, "万亩次", "朱家角0.3万亩次")],
                        &[],
                    ),
                    alloc("park", vec![], &[]),
                ],
            ),
        ],
    }
}
