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
