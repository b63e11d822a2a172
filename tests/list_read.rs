//! `read_list`: the three shapes give the generator's dataset, and what the report says.

mod list_support;

use list_support::{render_source, CSV_WINDOWS, EXCEL_COPY, JSON, SOURCE, SOURCE_NAME};
use qingdan::domain::task::Dataset;
use qingdan::source::list::{read_list, Shape, TitleSource};
use qingdan::source::parser::{dataset_to_json, generate_json, parse_dataset};

/// The dataset with the fields that depend on the file as given (its name and the hash of its
/// bytes) set to the source's.
fn as_if_source(mut d: Dataset) -> Dataset {
    d.meta.source_file = SOURCE_NAME.to_string();
    d.meta.content_hash = parse_dataset(SOURCE, SOURCE_NAME)
        .expect("source parses")
        .meta
        .content_hash;
    d
}

#[test]
fn the_source_gives_the_generators_json_byte_for_byte() {
    let report = read_list(SOURCE, SOURCE_NAME).expect("the source is a list");
    assert_eq!(report.shape, Shape::Source);
    assert_eq!(report.errors, vec![]);
    assert_eq!(report.warnings, vec![]);
    assert_eq!(report.title, TitleSource::Line(1));
    let json = dataset_to_json(&report.dataset);
    assert!(json == generate_json(SOURCE, SOURCE_NAME).expect("generates"));
    assert!(
        json == JSON,
        "read_list differs from src/data/qingpu-2022.json"
    );
}

#[test]
fn excel_copy_and_csv_give_the_same_dataset() {
    let expected = dataset_to_json(&parse_dataset(SOURCE, SOURCE_NAME).expect("parses"));
    for (how, shape) in [(EXCEL_COPY, Shape::Tab), (CSV_WINDOWS, Shape::Comma)] {
        let text = render_source(SOURCE, how);
        let report = read_list(&text, "清单.txt").expect("reads");
        assert_eq!(report.shape, shape);
        assert_eq!(report.errors, vec![], "{shape:?}");
        assert_eq!(report.warnings, vec![], "{shape:?}");
        assert_eq!(report.dataset.meta.source_file, "清单.txt");
        let json = dataset_to_json(&as_if_source(report.dataset));
        assert!(json == expected, "{shape:?} gives another dataset");
    }
}

// ---------------------------------------------------------------------------------------------
// A 2023 list written for the tests, in the source's shape and as Excel copies it.

const LIST_2023_TXT: &str = include_str!("fixtures/list-2023.txt");
const LIST_2023_TSV: &str = include_str!("fixtures/list-2023.tsv");

fn line_of(text: &str, needle: &str) -> usize {
    text.split('\n')
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("the text has it")
}

fn amounts(d: &Dataset, task: u16) -> Vec<(String, f64, String)> {
    let t = d.tasks.iter().find(|t| t.id == task).expect("task");
    t.allocations
        .iter()
        .flat_map(|a| {
            a.items
                .iter()
                .map(move |i| (a.unit.clone(), i.value, i.measure.clone()))
        })
        .collect()
}

#[test]
fn the_2023_list_reads_the_same_in_both_shapes() {
    // The fixture is as Excel on Windows copies: CRLF between rows (a checkout that converted
    // line ends would test less).
    assert!(LIST_2023_TSV.contains("\r\n"));
    let txt = read_list(LIST_2023_TXT, "list-2023.txt").expect("txt reads");
    let tsv = read_list(LIST_2023_TSV, "list-2023.tsv").expect("tsv reads");
    assert_eq!((txt.shape, tsv.shape), (Shape::Source, Shape::Tab));
    for r in [&txt, &tsv] {
        assert_eq!(r.errors, vec![]);
        assert_eq!(r.warnings, vec![]);
        assert_eq!(r.title, TitleSource::Line(1));
        assert_eq!(r.tasks_found(), 10);
    }
    let mut from_tsv = tsv.dataset.clone();
    from_tsv.meta.source_file = txt.dataset.meta.source_file.clone();
    from_tsv.meta.content_hash = txt.dataset.meta.content_hash.clone();
    assert_eq!(from_tsv, txt.dataset);

    let d = &txt.dataset;
    assert_eq!(d.meta.id, "qingpu-2023");
    assert_eq!(d.meta.year, 2023);
    assert_eq!(d.meta.title, "2023年青浦区乡村振兴重点任务清单");
    // The wrapped name is joined; the two-line requirement keeps its break.
    assert_eq!(d.tasks[3].name, "推进农民相对集中居住");
    assert!(d.tasks[3].requirements.contains("任务。\n年内"));
    assert_eq!(d.tasks[3].leads, vec!["区建管委", "区农业农村委"]);
    let counts: Vec<(u8, usize)> = txt.categories.iter().map(|c| (c.id, c.tasks)).collect();
    assert_eq!(counts, vec![(1, 3), (2, 3), (3, 4)]);
}

#[test]
fn the_2023_deadlines_fall_in_2023() {
    let r = read_list(LIST_2023_TXT, "list-2023.txt").expect("reads");
    let dates: Vec<(u16, Option<String>)> = r
        .deadlines
        .iter()
        .map(|d| (d.task, d.date.map(|x| x.to_string())))
        .collect();
    let day = |s: &str| Some(s.to_string());
    assert_eq!(
        dates,
        vec![
            (1, day("2023-06-30")),
            (2, day("2023-12-31")),
            (3, day("2023-12-31")),
            (4, day("2023-12-31")),
            (5, day("2023-10-31")),
            (6, None),
            (7, day("2023-11-30")),
            (8, day("2023-12-31")),
            (9, day("2023-09-30")),
            // The cell gives its own year.
            (10, day("2024-03-31")),
        ]
    );
    let not_understood: Vec<(u16, usize, &str)> = r
        .deadlines_not_understood()
        .map(|d| (d.task, d.line, d.text.as_str()))
        .collect();
    assert_eq!(
        not_understood,
        vec![(6, line_of(LIST_2023_TXT, "\t持续推进"), "持续推进")]
    );
    assert_eq!(r.deadlines_understood().count(), 9);
    // Task 3's deadline sits after a blank line inside its row.
    let t3 = r.deadlines.iter().find(|d| d.task == 3).expect("task 3");
    assert_eq!(t3.line, line_of(LIST_2023_TXT, "12个村") + 2);
}

#[test]
fn the_2023_units_numbers_are_as_written() {
    let r = read_list(LIST_2023_TSV, "list-2023.tsv").expect("reads");
    let d = &r.dataset;
    let grain = amounts(d, 7);
    assert_eq!(grain.len(), 12);
    assert_eq!(grain[0], ("zhaoxiang".into(), 3000.0, "亩".into()));
    assert_eq!(grain[6], ("liantang".into(), 35000.0, "亩".into()));
    assert_eq!(grain[11], ("nongye-yuanqu".into(), 1000.0, "亩".into()));
    assert_eq!(grain.iter().map(|g| g.1).sum::<f64>(), 126_000.0);
    assert_eq!(
        amounts(d, 4),
        vec![
            ("baihe".into(), 120.0, "户".into()),
            ("zhujiajiao".into(), 200.0, "户".into()),
            ("liantang".into(), 300.0, "户".into()),
            ("jinze".into(), 250.0, "户".into()),
        ]
    );
    assert_eq!(
        amounts(d, 8),
        vec![
            ("baihe".into(), 12.0, "万吨".into()),
            ("zhujiajiao".into(), 5.0, "万吨".into()),
            ("liantang".into(), 8.5, "万吨".into()),
            ("jinze".into(), 5.0, "万吨".into()),
        ]
    );
    let jinze = r.units.iter().find(|u| u.unit == "jinze").expect("jinze");
    assert_eq!(jinze.tasks, 7);
    // 青浦工业园区 is no unit of the list: reported with its line, for the user to map.
    assert_eq!(r.unknown_units.len(), 1);
    let u = &r.unknown_units[0];
    assert_eq!(u.name, "青浦工业园区");
    assert_eq!(u.tasks, vec![9]);
    assert_eq!(u.lines, vec![line_of(LIST_2023_TSV, "青浦工业园区")]);
    let txt = read_list(LIST_2023_TXT, "list-2023.txt").expect("reads");
    assert_eq!(
        txt.unknown_units[0].lines,
        vec![line_of(LIST_2023_TXT, "青浦工业园区")]
    );
}

// ---------------------------------------------------------------------------------------------
// Rows that do not read, refusals, corrections.

use qingdan::source::list::{read_list_with, LineIssue, Refusal, UnitCorrections};

const TSV_HEAD: &str = "2030年青浦区测试清单（4项）\n类别\t区级序号\t市级序号\t任务名称\t任务要求及举措\t区级牵头部门\t街镇任务量\t完成时间节点\n";

fn row(cells: [&str; 8]) -> String {
    format!("{}\n", cells.join("\t"))
}

fn messages(issues: &[LineIssue]) -> Vec<String> {
    issues.iter().map(ToString::to_string).collect()
}

#[test]
fn every_row_that_does_not_read_is_reported_with_its_line() {
    let mut text = TSV_HEAD.to_string();
    text += &row([
        "(一)甲",
        "1",
        "1",
        "名一",
        "求",
        "区农业农村委",
        "赵巷2个",
        "12月底",
    ]); // 3
    text += "\t2\t2\t名二\t求\t区农业农村委\t12月底\n"; // 4: a cell lost
    text += &row(["", "3", "x", "名三", "求", "区", "", "12月底"]); // 5
    text += &row(["", "1", "4", "名四", "求", "区", "", "12月底"]); // 6
    text += "\n"; // 7: an empty row
    text += &row(["", "5", "5", "", "求", "区", "", "12月底"]); // 8
    text += &row(["甲类", "6", "6", "名六", "求", "区", "", "12月底"]); // 9
    text += &row(["", "7", "7", "名七", "求", "区", "", "12月底"]); // 10
    text += &row(["(二)乙", "8", "8", "名八", "求", "区", "徐泾1个", "6月底"]); // 11
    text += &row(["(一)丙", "9", "9", "名九", "求", "区", "", "6月底"]); // 12
    text += &row(["", "10", "10", "名十", "求", "区", "", "6月底"]); // 13
    let r = read_list(&text, "t.txt").expect("a list");
    assert_eq!(
        messages(&r.errors),
        vec![
            "第 4 行：这一行有 7 个单元格，应为 8 个",
            "第 5 行：“市级序号”应为数字，这里是“x”",
            "第 6 行：区级序号 1 重复（第 3 行已有）",
            "第 8 行：区级序号 5 的任务没有任务名称",
            "第 9 行：类别“甲类”的格式不对，应为“(一)类别名称”这样的形式",
            "第 10 行：这一行沿用上方的类别，但第 9 行未能读取，类别不明",
            "第 12 行：类别(一)在这里叫“丙”，前面叫“甲”",
        ]
    );
    // The rows around them are read; row 13 inherits 丙's number, (一).
    let ids: Vec<(u16, u8)> = r.dataset.tasks.iter().map(|t| (t.id, t.category)).collect();
    assert_eq!(ids, vec![(1, 1), (8, 2), (10, 1)]);
    assert_eq!(
        messages(&r.warnings),
        vec!["第 1 行：标题写明 4 项任务，表中读到 3 项"]
    );
    assert!(!r.is_clean());
}

#[test]
fn source_shape_rows_with_a_missing_cell_are_reported_and_the_next_rows_read() {
    let mut s = String::from("2030年青浦区测试清单\n");
    s += "\t类别\n\t区级序号\n\t市级序号\n\t任务名称\n\t任务要求及举措\n\t区级牵头部门\n\t街镇任务量\n\t完成时间节点\n";
    s += "\n\t(一)甲\n\t1\n\t1\n\t名\n\t求\n\t区建管委\n\t练塘镇\n"; // line 11, 7 cells
    s += "\n\t\n\t2\n\t2\n\t名\n\t求\n\t区建管委\n\t练塘镇\n\t12月底\n"; // line 19
    s += "\n\t\n\t3\n\t3\n\t名\n\t求\n\n\t区建管委\n\t练塘镇\n\t12月底\n"; // 28, blank inside
    let r = read_list(&s, "t.txt").expect("a list");
    assert_eq!(
        messages(&r.errors),
        vec![
            "第 11 行：从这一行开始的一行表格有 7 个单元格，应为 8 个（每个单元格以 TAB 开头，两行表格之间空一行）",
            "第 19 行：这一行沿用上方的类别，但第 11 行未能读取，类别不明",
            "第 28 行：这一行沿用上方的类别，但第 11 行未能读取，类别不明",
        ]
    );
    // With the category given again, the rows after the broken one are read, the one with a
    // blank line inside too.
    let fixed = s.replacen("\n\t\n\t2", "\n\t(一)甲\n\t2", 1);
    let r = read_list(&fixed, "t.txt").expect("a list");
    assert_eq!(r.errors.len(), 1);
    let ids: Vec<u16> = r.dataset.tasks.iter().map(|t| t.id).collect();
    assert_eq!(ids, vec![2, 3]);
}

#[test]
fn texts_that_are_no_task_table_are_refused_with_a_reason() {
    let refused = |text: &str| read_list(text, "x.txt").expect_err("refused").message;
    assert!(refused("").contains("没有内容"));
    assert!(refused("\u{feff}  \r\n\t\n").contains("没有内容"));
    let progress = include_str!("fixtures/progress-v1.json");
    assert!(refused(progress).contains("JSON"));
    assert!(
        refused("PK\u{3}\u{4}\u{14}\0\u{8}\0\u{fffd}\u{fffd}[Content_Types].xml")
            .contains("不是文字")
    );
    assert!(refused("随便一段文字\n第二行").contains("没有找到表头"));
    // A header without some columns names them, at its line.
    let e = read_list(
        "2030年青浦区清单\n类别\t区级序号\t任务名称\t完成时间节点\n",
        "x",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(2));
    assert_eq!(
        e.to_string(),
        "第 2 行：表头缺少“市级序号”“任务要求及举措”“区级牵头部门”“街镇任务量”列，无法读取任务。请连同这些列一起复制。"
    );
    // No year: neither in a title nor in the file name.
    let no_title = TSV_HEAD
        .split_once('\n')
        .map(|(_, rest)| rest.to_string())
        .expect("two lines");
    assert!(refused(&no_title).contains("没有找到标题"));
    let bad_title = format!("青浦区测试清单\n{no_title}");
    assert!(refused(&bad_title).contains("不以年份开头"));
}

#[test]
fn without_a_title_the_file_name_gives_the_year() {
    let no_title = TSV_HEAD
        .split_once('\n')
        .map(|(_, rest)| rest.to_string())
        .expect("two lines");
    let text = format!(
        "{no_title}{}",
        row(["(一)甲", "1", "1", "名", "求", "区", "", "12月底"])
    );
    let name = "2031年青浦区乡村振兴重点任务清单.csv";
    let r = read_list(&text, name).expect("a list");
    assert_eq!(r.title, TitleSource::FileName(name.to_string()));
    assert!(r.title.note().is_some_and(|n| n.contains(name)));
    assert_eq!(r.dataset.meta.year, 2031);
    assert_eq!(
        r.dataset.tasks[0]
            .deadline
            .map(|d| d.to_string())
            .as_deref(),
        Some("2031-12-31")
    );
    // The Excel copy of the source without its title row reads the same way.
    let how = list_support::Spreadsheet {
        title: false,
        ..EXCEL_COPY
    };
    let r = read_list(
        &render_source(SOURCE, how),
        "2022年青浦区乡村振兴重点任务清单.txt",
    )
    .expect("a list");
    assert_eq!(r.tasks_found(), 74);
    assert_eq!(r.dataset.meta.id, "qingpu-2022");
}

#[test]
fn an_unclosed_quote_is_read_as_text_and_warned_about() {
    let mut text = TSV_HEAD.replace("（4项）", "");
    text += &row(["(一)甲", "1", "1", "\"名一", "求", "区", "", "12月底"]); // 3
    text += &row([
        "",
        "2",
        "2",
        "\"名\"\"二\"",
        "\"多\n行\"",
        "区",
        "",
        "12月底",
    ]); // 4–5
    text += &row(["", "3", "3", "名三", "求", "区", "", "12月底"]); // 6
    let r = read_list(&text, "t").expect("a list");
    assert_eq!(r.errors, vec![]);
    assert_eq!(
        messages(&r.warnings),
        vec!["第 3 行：这里以引号（\"）开头的单元格没有配对的结束引号，已按普通文字读取；如果单元格内容因此被拆开，请从表格重新复制"]
    );
    let t: Vec<(&str, &str)> = r
        .dataset
        .tasks
        .iter()
        .map(|t| (t.name.as_str(), t.requirements.as_str()))
        .collect();
    assert_eq!(
        t,
        vec![("\"名一", "求"), ("名\"二", "多\n行"), ("名三", "求")]
    );
    assert_eq!(r.deadlines[2].line, 6);
}

#[test]
fn a_spreadsheet_with_an_empty_first_column_and_trailing_cells_reads() {
    let text = render_source(SOURCE, EXCEL_COPY)
        .lines()
        .map(|l| format!("\t{l}\t\t\n"))
        .collect::<String>();
    let r = read_list(&text, SOURCE_NAME).expect("a list");
    assert_eq!((r.shape, r.tasks_found()), (Shape::Tab, 74));
    assert_eq!(r.errors, vec![]);
}

#[test]
fn corrections_map_unknown_names_to_units() {
    let text = format!(
        "{TSV_HEAD}{}{}",
        row([
            "(一)甲",
            "1",
            "1",
            "名",
            "求",
            "区",
            "示范村：西岑镇2个、金泽1个、商榻镇1个",
            "12月底"
        ]),
        row(["", "2", "2", "名", "求", "区", "西岑镇", "12月底"]),
    );
    let r = read_list(&text, "t").expect("a list");
    let unknown: Vec<(&str, &[usize], &[u16])> = r
        .unknown_units
        .iter()
        .map(|u| (u.name.as_str(), u.lines.as_slice(), u.tasks.as_slice()))
        .collect();
    assert_eq!(
        unknown,
        vec![
            ("西岑镇", &[3, 4][..], &[1, 2][..]),
            ("商榻镇", &[3][..], &[1][..])
        ]
    );

    let mut c = UnitCorrections::new();
    c.map("西岑镇", "jinze").expect("a unit");
    assert!(c.map("赵巷", "jinze").is_err());
    assert!(c.map("商榻镇", "shangta").unwrap_err().contains("shangta"));
    assert!(c.map(" ", "jinze").is_err());
    let r = read_list_with(&text, "t", &c).expect("a list");
    assert_eq!(r.unknown_units.len(), 1);
    assert_eq!(r.unknown_units[0].name, "商榻镇");
    let t1 = &r.dataset.tasks[0];
    assert_eq!(t1.allocations.len(), 1);
    assert_eq!(t1.allocations[0].unit, "jinze");
    let phrases: Vec<(&str, f64)> = t1.allocations[0]
        .items
        .iter()
        .map(|i| (i.phrase.as_str(), i.value))
        .collect();
    assert_eq!(phrases, vec![("西岑镇2个", 2.0), ("金泽1个", 1.0)]);
    // The cell itself is kept as written.
    assert_eq!(t1.allocation_text, "示范村：西岑镇2个、金泽1个、商榻镇1个");
    assert_eq!(
        r.units.iter().find(|u| u.unit == "jinze").map(|u| u.tasks),
        Some(2)
    );
    c.remove("西岑镇");
    assert!(c.is_empty());
}

#[test]
fn a_header_with_no_rows_is_an_empty_list() {
    let r = read_list(TSV_HEAD, "t").expect("a list");
    assert_eq!(r.tasks_found(), 0);
    assert_eq!(
        messages(&r.warnings),
        vec!["第 1 行：标题写明 4 项任务，表中读到 0 项"]
    );
    let _: Option<Refusal> = None;
}

/// The tools page runs the reader in the browser: `source/` must use nothing the wasm32
/// target lacks (files, threads, clocks, processes, the environment).
#[test]
fn the_source_reader_uses_nothing_native_only() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/source");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).expect("src/source").flatten() {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).expect("readable");
        for native in [
            "std::fs",
            "std::thread",
            "std::time",
            "std::process",
            "std::env",
            "std::net",
        ] {
            assert!(!text.contains(native), "{} uses {native}", path.display());
        }
        files += 1;
    }
    assert!(files >= 5);
}
