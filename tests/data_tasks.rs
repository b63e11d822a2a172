//! Task fields of the real list, checked against the source.

use qingdan::domain::task::{Dataset, Task};
use qingdan::source::parser::parse_dataset;

const SOURCE: &str = include_str!("../data/000_6daa0d8ba64a921b.txt");
const JSON: &str = include_str!("../src/data/qingpu-2022.json");

fn dataset() -> Dataset {
    parse_dataset(SOURCE, "000_6daa0d8ba64a921b.txt").expect("source parses")
}

fn task(d: &Dataset, id: u16) -> &Task {
    d.tasks.iter().find(|t| t.id == id).expect("task exists")
}

#[test]
fn seventy_four_tasks_in_order_with_city_numbers() {
    let d = dataset();
    assert_eq!(d.tasks.len(), 74);
    for (i, t) in d.tasks.iter().enumerate() {
        let id = i as u16 + 1;
        assert_eq!(t.id, id);
        // 市级序号 runs one ahead of 区级序号 from task 30 on (city item 30 is not a district task).
        let expected_city = if id < 30 { id } else { id + 1 };
        assert_eq!(t.city_no, expected_city, "task {id}");
    }
}

#[test]
fn fourteen_categories_numbered_in_order() {
    let d = dataset();
    let numerals = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    ];
    assert_eq!(d.categories.len(), 14);
    for (i, c) in d.categories.iter().enumerate() {
        assert_eq!(c.id as usize, i + 1);
        assert_eq!(c.number, format!("({})", numerals[i]));
        assert!(!c.name.is_empty() && !c.name.contains('\n'));
    }
    assert_eq!(d.categories[0].name, "持续推进“两个示范村”建设");
    assert_eq!(d.categories[9].name, "深化农村综合帮扶");
    assert_eq!(d.categories[13].name, "增强乡村振兴保障力度");
    // Categories never go backwards and every one has tasks.
    let mut last = 0;
    for t in &d.tasks {
        assert!(
            t.category >= last,
            "task {} goes back to category {}",
            t.id,
            t.category
        );
        last = t.category;
    }
    for c in &d.categories {
        assert!(
            d.tasks.iter().any(|t| t.category == c.id),
            "category {} is empty",
            c.id
        );
    }
    // Category boundaries as read from the source.
    let first_of: Vec<u16> = d
        .categories
        .iter()
        .map(|c| d.tasks.iter().find(|t| t.category == c.id).unwrap().id)
        .collect();
    assert_eq!(
        first_of,
        vec![1, 5, 7, 14, 17, 26, 39, 44, 46, 50, 54, 61, 65, 70]
    );
}

#[test]
fn task_1_all_fields() {
    let d = dataset();
    let t = task(&d, 1);
    assert_eq!(t.city_no, 1);
    assert_eq!(t.category, 1);
    assert_eq!(t.name, "完成2021年度乡村振兴示范村建设");
    assert_eq!(
        t.requirements,
        "完成2021年度2个乡村振兴示范村建设，开展考核验收和总结工作。加强特色风貌塑造，加大产业注入力度，优化资金投入机制，确保如期完成建设任务，持续提升建设水平。"
    );
    assert_eq!(t.lead_text, "区农业农村委");
    assert_eq!(t.leads, vec!["区农业农村委"]);
    assert_eq!(t.allocation_text, "乡村振兴示范村建设：重固镇1、金泽镇1。");
    assert_eq!(t.deadline_text, "10月底");
    assert_eq!(t.deadline.unwrap().to_string(), "2022-10-31");
}

#[test]
fn task_8_name_joins_broken_lines() {
    let d = dataset();
    let t = task(&d, 8);
    assert_eq!(t.name, "完成国家卫生镇复审创建任务");
    assert_eq!(t.category, 3);
    assert_eq!(t.lead_text, "区卫健委");
    assert_eq!(
        t.allocation_text,
        "国家卫生镇迎复审：重固、白鹤、练塘、金泽。11个街镇进一步开展农村爱国卫生运动，优化农村环境卫生状况，巩固村庄整治成果，促进美丽乡村建设。"
    );
}

#[test]
fn task_9_allocation_keeps_its_line_break() {
    let d = dataset();
    let t = task(&d, 9);
    assert_eq!(t.name, "推进村内道路建设养护");
    assert_eq!(
        t.allocation_text,
        "道路（公里）：赵巷2、徐泾2、华新6、重固3、白鹤8、朱家角8、练塘10、金泽6、夏阳5.54、香花桥10。\n桥梁（座）：华新3、重固2、白鹤3、朱家角8、练塘11、金泽3、盈浦2、香花桥1。"
    );
    assert_eq!(t.deadline_text, "12月底");
}

#[test]
fn task_60_blank_line_before_deadline_is_not_in_any_field() {
    let d = dataset();
    let t = task(&d, 60);
    assert_eq!(t.city_no, 61);
    assert_eq!(t.name, "推进市域社会治理现代化试点");
    assert_eq!(t.lead_text, "区委政法委");
    assert_eq!(
        t.allocation_text,
        "各街镇上报月报，每月搜集创新案例，迎接验收。"
    );
    assert_eq!(t.deadline_text, "12月底");
    assert_eq!(t.deadline.unwrap().to_string(), "2022-12-31");
    // The blank line really is in the source, inside this row.
    assert!(SOURCE.contains("\t各街镇上报月报，每月搜集创新案例，迎接验收。\n\n\t12月底\n"));
}

#[test]
fn task_50_category_on_the_line_after_its_tab() {
    let d = dataset();
    assert!(SOURCE.contains("\n\t\n(十)深化农村综合帮扶\n\t50\n"));
    let t = task(&d, 50);
    assert_eq!(t.category, 10);
    assert_eq!(t.name, "实施困难农户精准帮扶");
    assert_eq!(task(&d, 49).category, 9);
}

#[test]
fn empty_row_only_introduces_a_category() {
    let d = dataset();
    // Task 57 is already in (十一); the category-only row between 57 and 58 adds no task.
    assert_eq!(task(&d, 57).category, 11);
    assert_eq!(task(&d, 58).category, 11);
    assert_eq!(task(&d, 58).name, "健全服务群众工作机制");
}

#[test]
fn inner_and_trailing_spaces_are_kept() {
    let d = dataset();
    assert!(task(&d, 43).allocation_text.contains("、     练塘1个、"));
    assert!(task(&d, 59).allocation_text.ends_with("等工作。 "));
    assert!(task(&d, 64)
        .allocation_text
        .starts_with("1.辖区内农村集体净资产比上年增长3%。     \n2."));
    assert!(task(&d, 19).allocation_text.contains("徐泾1.05 万吨"));
}

#[test]
fn task_74_and_other_multiline_names() {
    let d = dataset();
    assert_eq!(task(&d, 74).name, "推进农业生产作业信息精准报");
    assert_eq!(task(&d, 74).city_no, 75);
    assert_eq!(task(&d, 4).name, "推进示范村区域联动建设");
    assert_eq!(task(&d, 19).name, "稳定蔬菜播种面积和产量");
    assert_eq!(task(&d, 57).name, "完善“阳光村务工程”");
    for t in &d.tasks {
        assert!(
            !t.name.contains('\n') && t.name.trim() == t.name,
            "task {}",
            t.id
        );
    }
}

#[test]
fn leads_split_on_slash() {
    let d = dataset();
    assert_eq!(task(&d, 52).lead_text, "区委组织部/区农业农村委");
    assert_eq!(task(&d, 52).leads, vec!["区委组织部", "区农业农村委"]);
    assert_eq!(task(&d, 47).leads, vec!["区农业农村委", "区文旅局"]);
    let multi: Vec<u16> = d
        .tasks
        .iter()
        .filter(|t| t.leads.len() > 1)
        .map(|t| t.id)
        .collect();
    assert_eq!(multi, vec![47, 52]);
    for t in &d.tasks {
        assert_eq!(t.leads.join("/"), t.lead_text, "task {}", t.id);
    }
}

#[test]
fn deadlines_are_month_ends_of_2022() {
    let d = dataset();
    let by_text = |s: &str| d.tasks.iter().filter(|t| t.deadline_text == s).count();
    assert_eq!(
        by_text("10月底") + by_text("11月底") + by_text("12月底"),
        74
    );
    assert_eq!(by_text("10月底"), 3); // tasks 1, 18, 73
    assert_eq!(by_text("11月底"), 3); // tasks 31, 32, 33
    for t in &d.tasks {
        let expected = match t.deadline_text.as_str() {
            "10月底" => "2022-10-31",
            "11月底" => "2022-11-30",
            "12月底" => "2022-12-31",
            other => panic!("unexpected deadline {other}"),
        };
        assert_eq!(t.deadline.unwrap().to_string(), expected);
    }
}

#[test]
fn empty_allocation_cells_stay_empty() {
    let d = dataset();
    let empty: Vec<u16> = d
        .tasks
        .iter()
        .filter(|t| t.allocation_text.is_empty())
        .map(|t| t.id)
        .collect();
    assert_eq!(empty, vec![21, 22]);
}

/// An independent, naive reading of the source: cells start with a TAB, other non-blank lines
/// continue the cell, and after the 8 header cells every 8 cells form a row.
fn naive_rows() -> Vec<Vec<String>> {
    let mut cells: Vec<String> = Vec::new();
    for line in SOURCE.lines().skip(1) {
        if let Some(rest) = line.strip_prefix('\t') {
            cells.push(rest.to_string());
        } else if !line.trim().is_empty() {
            let last = cells.last_mut().unwrap();
            last.push('\n');
            last.push_str(line);
        }
    }
    assert_eq!(cells.len() % 8, 0);
    cells[8..].chunks(8).map(|c| c.to_vec()).collect()
}

#[test]
fn every_source_cell_is_in_its_field() {
    let d = dataset();
    let rows = naive_rows();
    let mut tasks_seen = 0;
    for row in &rows {
        let category = row[0].trim();
        if !category.is_empty() {
            assert!(
                d.categories
                    .iter()
                    .any(|c| format!("{}{}", c.number, c.name) == category),
                "category {category}"
            );
        }
        if row[1].trim().is_empty() {
            assert!(row[1..].iter().all(|c| c.trim().is_empty()));
            continue;
        }
        tasks_seen += 1;
        let t = task(&d, row[1].trim().parse().unwrap());
        assert_eq!(t.city_no.to_string(), row[2].trim());
        assert_eq!(t.name, row[3].replace('\n', ""));
        assert_eq!(t.requirements, row[4]);
        assert_eq!(t.lead_text, row[5]);
        assert_eq!(t.allocation_text, row[6]);
        assert_eq!(t.deadline_text, row[7]);
        // And literally present in the committed JSON file.
        for (k, cell) in row.iter().enumerate().skip(4) {
            if !cell.is_empty() {
                let escaped = serde_json::to_string(cell).unwrap();
                assert!(
                    JSON.contains(&escaped),
                    "task {} column {k} not in the JSON",
                    t.id
                );
            }
        }
        let name = serde_json::to_string(&row[3].replace('\n', "")).unwrap();
        assert!(JSON.contains(&format!("\"name\":{name}")));
    }
    assert_eq!(tasks_seen, 74);
}
