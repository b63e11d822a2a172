//! A small made-up document exercising each quirk of the source format, and malformed inputs.

use qingdan::domain::task::Scope;
use qingdan::source::parser::{parse_dataset, read_document};

const HEADER: &str = "\t类别\n\t区级序号\n\t市级序号\n\t任务名称\n\t任务要求及举措\n\t区级牵头部门\n\t街镇任务量\n\t完成时\n间节点\n";

/// Title with a leading space; header with a wrapped cell; then:
/// 1. a wrapped name, a requirement with trailing spaces over two lines, two leads, a two-line
///    allocation;
/// 2. the category text on the line after its TAB, an empty allocation;
/// -  a category-only row;
/// 3. a blank category (inherits), a blank line inside the row before the deadline, CRLF line
///    ends, a deadline without a date.
fn synthetic() -> String {
    let mut s = String::from(" 2030年青浦区测试清单（3项）\n");
    s.push_str(HEADER);
    s.push_str(
        "\n\t(一)第一类\n\t1\n\t1\n\t完成国家\n卫生镇任务\n\t第一行  \n第二行\n\t区委组织部/区农业农村委\n\t道路（公里）：赵巷2、朱家角8。\n桥梁（座）：朱家角8。\n\t10月底\n",
    );
    s.push_str("\n\t\n(二)第二类\n\t2\n\t3\n\t名称\n\t要求\n\t区建管委\n\t\n\t12月底\n");
    s.push_str("\n\t(三)第三类\n\t\n\t\n\t\n\t\n\t\n\t\n\t\n");
    s.push_str(
        "\r\n\t\r\n\t3\r\n\t4\r\n\t名\r\n\t求\r\n\t区民政局\r\n\t各街镇上报月报。\r\n\r\n\t持续推进\r\n ",
    );
    s
}

#[test]
fn synthetic_document_parses_with_every_quirk() {
    let d = parse_dataset(&synthetic(), "t.txt").expect("parses");
    assert_eq!(d.meta.id, "qingpu-2030");
    assert_eq!(d.meta.title, "2030年青浦区测试清单");
    assert_eq!(d.meta.year, 2030);
    assert_eq!(d.meta.source_file, "t.txt");
    let cats: Vec<(u8, &str, &str)> = d
        .categories
        .iter()
        .map(|c| (c.id, c.number.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        cats,
        vec![
            (1, "(一)", "第一类"),
            (2, "(二)", "第二类"),
            (3, "(三)", "第三类")
        ]
    );
    assert_eq!(d.tasks.len(), 3);

    let t1 = &d.tasks[0];
    assert_eq!((t1.id, t1.city_no, t1.category), (1, 1, 1));
    assert_eq!(t1.name, "完成国家卫生镇任务");
    assert_eq!(t1.requirements, "第一行  \n第二行");
    assert_eq!(t1.leads, vec!["区委组织部", "区农业农村委"]);
    assert_eq!(
        t1.allocation_text,
        "道路（公里）：赵巷2、朱家角8。\n桥梁（座）：朱家角8。"
    );
    assert_eq!(t1.deadline.unwrap().to_string(), "2030-10-31");
    assert_eq!(t1.scope, Scope::Listed);
    assert_eq!(t1.allocations.len(), 2);
    assert_eq!(t1.allocations[1].items.len(), 2);

    let t2 = &d.tasks[1];
    assert_eq!((t2.id, t2.city_no, t2.category), (2, 3, 2));
    assert_eq!(t2.allocation_text, "");
    assert_eq!(t2.scope, Scope::District);

    let t3 = &d.tasks[2];
    assert_eq!((t3.id, t3.city_no, t3.category), (3, 4, 3));
    assert_eq!(t3.allocation_text, "各街镇上报月报。");
    assert_eq!(t3.deadline_text, "持续推进");
    assert_eq!(t3.deadline, None);
    assert_eq!(t3.scope, Scope::AllTowns);
}

#[test]
fn raw_rows_have_eight_cells_and_line_numbers() {
    let doc = read_document(&synthetic()).unwrap();
    assert_eq!(doc.title, "2030年青浦区测试清单（3项）");
    assert_eq!(doc.title_line, 1);
    assert_eq!(doc.header.cells.len(), 8);
    assert_eq!(doc.header.cells[7].text, "完成时\n间节点");
    assert_eq!(doc.rows.len(), 4);
    assert!(doc.rows.iter().all(|r| r.cells.len() == 8));
    assert_eq!(doc.rows[0].line, 12);
    assert_eq!(doc.rows[1].cells[0].text, "\n(二)第二类");
}

#[test]
fn a_cell_missing_its_tab_after_a_blank_line_starts_a_row() {
    let mut s = String::from("2030年青浦区测试清单\n");
    s.push_str(HEADER);
    s.push_str("\n(一)第一类\n\t1\n\t1\n\t名\n\t求\n\t区建管委\n\t练塘镇\n\t12月底\n");
    let d = parse_dataset(&s, "t.txt").expect("parses");
    assert_eq!(d.tasks[0].category, 1);
    assert_eq!(d.tasks[0].scope, Scope::Listed);
}

fn err(text: &str) -> (usize, String) {
    let e = parse_dataset(text, "t.txt").expect_err("should fail");
    (e.line, e.message)
}

#[test]
fn a_missing_cell_is_reported_at_the_misaligned_row() {
    let mut s = String::from("2030年青浦区测试清单\n");
    s.push_str(HEADER);
    // Row 1 lacks its deadline cell, so row 2's first cell lands inside row 1.
    s.push_str("\n\t(一)甲\n\t1\n\t1\n\t名\n\t求\n\t区建管委\n\t练塘镇\n");
    s.push_str("\n\t\n\t2\n\t2\n\t名\n\t求\n\t区建管委\n\t练塘镇\n\t12月底\n");
    let (line, msg) = err(&s);
    // Row 1 takes row 2's empty category cell (line 20) as its deadline, so the chunk
    // after it starts at line 21, which does not follow a blank line.
    assert_eq!(line, 21);
    assert!(msg.contains("missing or extra cell"), "{msg}");
}

#[test]
fn malformed_inputs_are_errors_with_lines() {
    let base = |rows: &str| format!("2030年青浦区测试清单（1项）\n{HEADER}{rows}");
    let ok_row = "\n\t(一)甲\n\t1\n\t1\n\t名\n\t求\n\t区建管委\n\t\n\t12月底\n";
    assert!(parse_dataset(&base(ok_row), "t").is_ok());

    // Count in the title does not match.
    let two = format!("{ok_row}\n\t\n\t2\n\t2\n\t名\n\t求\n\t区建管委\n\t\n\t12月底\n");
    let (line, msg) = err(&base(&two));
    assert_eq!(line, 1);
    assert!(
        msg.contains("announces 1 tasks but the table has 2"),
        "{msg}"
    );

    // Duplicate id.
    let dup = format!("{ok_row}\n\t\n\t1\n\t2\n\t名\n\t求\n\t区建管委\n\t\n\t12月底\n");
    assert!(err(&base(&dup)).1.contains("appears twice"));

    // Not a number.
    let (line, msg) = err(&base(
        "\n\t(一)甲\n\t一\n\t1\n\t名\n\t求\n\t区建管委\n\t\n\t12月底\n",
    ));
    assert_eq!(line, 13);
    assert!(msg.contains("区级序号"), "{msg}");

    // Bad category, and a category renamed.
    assert!(err(&base(
        "\n\t甲类\n\t1\n\t1\n\t名\n\t求\n\t区\n\t\n\t12月底\n"
    ))
    .1
    .contains("category"));
    let renamed = format!("{ok_row}\n\t(一)乙\n\t2\n\t2\n\t名\n\t求\n\t区\n\t\n\t12月底\n");
    assert!(err(&base(&renamed))
        .1
        .contains("named `乙` here but `甲` before"));

    // No category before the first task.
    assert!(
        err(&base("\n\t\n\t1\n\t1\n\t名\n\t求\n\t区\n\t\n\t12月底\n"))
            .1
            .contains("no category")
    );

    // Missing column in the header.
    let bad_header = HEADER.replace("街镇任务量", "任务量");
    let e = parse_dataset(&format!("2030年青浦区测试清单\n{bad_header}{ok_row}"), "t").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("街镇任务量"));

    // No year in the title; no title at all.
    assert_eq!(err(&format!("青浦区测试清单\n{HEADER}{ok_row}")).0, 1);
    assert!(err(&format!("{HEADER}{ok_row}")).1.contains("title"));
}

#[test]
fn unknown_district_falls_back_to_a_hash_id() {
    let s =
        format!("2031年松江区清单\n{HEADER}\n\t(一)甲\n\t1\n\t1\n\t名\n\t求\n\t区\n\t\n\t12月底\n");
    let d = parse_dataset(&s, "t").unwrap();
    assert_eq!(d.meta.district, "松江区");
    assert!(d.meta.id.starts_with("list-2031-"), "{}", d.meta.id);
    assert_eq!(d.meta.id.len(), "list-2031-".len() + 8);
}
