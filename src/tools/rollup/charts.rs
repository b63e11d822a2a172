//! Charts drawn as inline SVG: completion by unit, by category and by lead department (stacked
//! bars by status) and the deadline view (per month: cells due and done). Each has a label, a
//! legend with the matrix's marks, numbers on the bars, and the same numbers as a table (hidden
//! until "显示数据表", always read by screen readers and always printed). All numbers are the
//! roll-up's ([`Rollup::by_unit`] …), i.e. counts of the matrix's cells.

use leptos::prelude::*;

use crate::domain::messages;
use crate::domain::number::fixed;
use crate::domain::progress::Status;
use crate::domain::rollup::{Bar, CellCounts, Rollup};
use crate::text;

use super::header_cells;
use super::matrix::{status_class, Legend, STATUS_ORDER};

/// Charts are drawn in CSS pixels at the page's width (`width="100%"`, no viewBox): text keeps
/// its size on a phone and on a desktop, and bar lengths are percentages of the width.
/// Labels are placed for the narrowest chart (a 360 px phone leaves about this much).
const MIN_WIDTH: f64 = 300.0;
/// Font size of the labels, in px.
const FONT: f64 = 13.0;
/// Height of a label line, of a bar, and the gap after a bar.
const LINE_H: f64 = 18.0;
const BAR_H: f64 = 18.0;
const GAP: f64 = 10.0;
/// Height of each of the two bars of a month (due, done) and the gap between them.
const PAIR_H: f64 = 15.0;
const PAIR_GAP: f64 = 3.0;
/// The longest month bar, in percent of the width (its number follows it).
const PAIR_MAX: f64 = 84.0;

/// One status's part of a stacked bar, in percent of the width.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment {
    pub status: Status,
    pub x: f64,
    pub width: f64,
    pub count: usize,
    /// Whether its count fits inside it at the narrowest width (the data table has every count).
    pub labelled: bool,
}

/// Estimated width of a text in px: wide (CJK) characters 1 em, others 0.62 em.
pub(crate) fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.62 } else { 1.0 })
        .sum::<f64>()
        * FONT
}

/// The segments of a bar of `counts` stacked to 100 % of the width, in [`STATUS_ORDER`]
/// (empty statuses are left out; nothing for no cells).
pub(crate) fn segments(counts: &CellCounts) -> Vec<Segment> {
    let total = counts.total();
    if total == 0 {
        return Vec::new();
    }
    let mut x = 0.0;
    let mut out = Vec::new();
    for status in STATUS_ORDER {
        let count = counts.get(status);
        if count == 0 {
            continue;
        }
        let width = count as f64 * 100.0 / total as f64;
        let label = format!("{}{}", text::status_mark(status), count);
        out.push(Segment {
            status,
            x,
            width,
            count,
            labelled: width / 100.0 * MIN_WIDTH >= text_width(&label) + 6.0,
        });
        x += width;
    }
    out
}

/// A number for an SVG attribute (no float formatting machinery).
fn n(v: f64) -> String {
    fixed(v, 1)
}

/// A percentage for an SVG attribute.
fn pct(v: f64) -> String {
    format!("{}%", fixed(v, 2))
}

/// The text beside a stacked bar: `完成 5/40`, with `，逾期 3` when any are overdue.
pub(crate) fn bar_summary(c: &CellCounts) -> String {
    let mut s = text::done_of(c.done, c.total());
    if c.overdue > 0 {
        s.push_str(&format!("，{} {}", messages::OVERDUE, c.overdue));
    }
    s
}

/// Whether a bar's label and its summary share one line at the narrowest width.
fn one_line(label: &str, summary: &str) -> bool {
    text_width(label) + text_width(summary) + FONT <= MIN_WIDTH
}

/// A stacked-bar chart of `bars` with its table.
#[component]
fn StackedChart(
    /// Test id and prefix of element ids.
    id: &'static str,
    title: &'static str,
    /// Header of the table's first column (单位, 类别, 牵头部门).
    head: &'static str,
    bars: Signal<Vec<Bar>>,
    tables: RwSignal<bool>,
) -> impl IntoView {
    let drawing = move || {
        bars.with(|bars| {
            let mut y = 0.0;
            let items = bars
                .iter()
                .map(|b| {
                    let summary = bar_summary(&b.counts);
                    let top = y;
                    // The summary goes to the right of the label, or under it when both do
                    // not fit on one line.
                    let (value_x, value_y, anchor, bar_y) = if one_line(&b.label, &summary) {
                        ("100%", top + FONT, "end", top + LINE_H)
                    } else {
                        ("0", top + LINE_H + FONT, "start", top + 2.0 * LINE_H)
                    };
                    y = bar_y + BAR_H + GAP;
                    let segs = segments(&b.counts)
                        .into_iter()
                        .map(|s| {
                            let label = s.labelled.then(|| {
                                view! {
                                    <text
                                        x=pct(s.x + s.width / 2.0)
                                        y=n(bar_y + BAR_H / 2.0 + FONT * 0.36)
                                        text-anchor="middle"
                                        class=format!("rollup-seg-label {}", status_class(s.status))
                                    >
                                        {format!("{}{}", text::status_mark(s.status), s.count)}
                                    </text>
                                }
                            });
                            view! {
                                <rect
                                    x=pct(s.x)
                                    y=n(bar_y)
                                    width=pct(s.width)
                                    height=n(BAR_H)
                                    class=format!("rollup-seg {}", status_class(s.status))
                                    data-status=status_class(s.status)
                                    data-count=s.count
                                />
                                {label}
                            }
                        })
                        .collect_view();
                    let summary_attr = summary.clone();
                    view! {
                        <g class="rollup-bar" data-key=b.key.clone() data-summary=summary_attr>
                            <text x="0" y=n(top + FONT) class="rollup-bar-label">{b.label.clone()}</text>
                            <text x=value_x y=n(value_y) text-anchor=anchor class="rollup-bar-value">
                                {summary}
                            </text>
                            {segs}
                        </g>
                    }
                })
                .collect_view();
            view! {
                <svg
                    class="rollup-chart"
                    width="100%"
                    height=n(y.max(LINE_H))
                    role="img"
                    aria-label=title
                    font-size=n(FONT)
                >
                    {items}
                </svg>
            }
        })
    };
    let table = move || {
        bars.with(|bars| {
            bars.iter()
                .map(|b| {
                    let c = b.counts;
                    let num = |v: usize| view! { <td class="num">{v}</td> };
                    view! {
                        <tr data-key=b.key.clone()>
                            <th scope="row">{b.label.clone()}</th>
                            {STATUS_ORDER.iter().map(|&s| num(c.get(s))).collect_view()}
                            {num(c.total())}
                            {num(c.overdue)}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let heads: [&'static str; 7] = [
        head,
        Status::Done.label_zh(),
        Status::InProgress.label_zh(),
        Status::Blocked.label_zh(),
        Status::NotStarted.label_zh(),
        text::TOTAL,
        messages::OVERDUE,
    ];
    view! {
        <figure class="rollup-figure" data-testid=id>
            <figcaption class="rollup-figcaption">{title}</figcaption>
            <Legend />
            {drawing}
            <ChartTable title=title tables=tables>
                <thead>
                    <tr>{header_cells(&heads)}</tr>
                </thead>
                <tbody>{table}</tbody>
            </ChartTable>
        </figure>
    }
}

/// A chart's data table: visually hidden unless shown (screen readers and print always get it).
#[component]
fn ChartTable(title: &'static str, tables: RwSignal<bool>, children: Children) -> impl IntoView {
    view! {
        <div
            class=move || {
                if tables.get() {
                    "table-wrap rollup-chart-data"
                } else {
                    "table-wrap rollup-chart-data visually-hidden"
                }
            }
            tabindex=move || tables.get().then_some("0")
            role=move || tables.get().then_some("region")
            aria-label=move || tables.get().then_some(title)
        >
            <table class="data-table">
                <caption>{title}</caption>
                {children()}
            </table>
        </div>
    }
}

/// The deadline view: per month, the cells due and those of them done, as grouped bars.
#[component]
fn MonthChart(bars: Signal<Vec<Bar>>, tables: RwSignal<bool>) -> impl IntoView {
    let title = text::CHART_MONTH;
    let drawing = move || {
        bars.with(|bars| {
            let max = bars.iter().map(|b| b.counts.total()).max().unwrap_or(0).max(1);
            let step = LINE_H + 2.0 * PAIR_H + PAIR_GAP + GAP;
            let height = (bars.len() as f64 * step).max(LINE_H);
            let items = bars
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let y = i as f64 * step;
                    let due = b.counts.total();
                    let done = b.counts.done;
                    let bar = |k: usize, count: usize, class: &'static str, mark: &'static str| {
                        let by = y + LINE_H + k as f64 * (PAIR_H + PAIR_GAP);
                        let w = count as f64 * PAIR_MAX / max as f64;
                        view! {
                            <rect x="0" y=n(by) width=pct(w) height=n(PAIR_H) class=class data-count=count />
                            <text x=pct(w + 1.0) y=n(by + PAIR_H / 2.0 + FONT * 0.36) class="rollup-pair-value">
                                {format!("{mark}{count}")}
                            </text>
                        }
                    };
                    view! {
                        <g class="rollup-bar" data-key=b.key.clone() data-due=due data-done=done>
                            <text x="0" y=n(y + FONT) class="rollup-bar-label">{b.label.clone()}</text>
                            {bar(0, due, "rollup-seg rollup-due", text::DUE_MARK)}
                            {bar(1, done, "rollup-seg rollup-s-done", text::status_mark(Status::Done))}
                        </g>
                    }
                })
                .collect_view();
            view! {
                <svg
                    class="rollup-chart"
                    width="100%"
                    height=n(height)
                    role="img"
                    aria-label=title
                    font-size=n(FONT)
                >
                    {items}
                </svg>
            }
        })
    };
    let table = move || {
        bars.with(|bars| {
            bars.iter()
                .map(|b| {
                    view! {
                        <tr data-key=b.key.clone()>
                            <th scope="row">{b.label.clone()}</th>
                            <td class="num">{b.counts.total()}</td>
                            <td class="num">{b.counts.done}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let heads = [text::FACET_MONTH, text::DUE, Status::Done.label_zh()];
    view! {
        <figure class="rollup-figure" data-testid="chart-month">
            <figcaption class="rollup-figcaption">{title}</figcaption>
            <ul class="rollup-legend" aria-label=text::LEGEND>
                <li class="rollup-legend-item rollup-due">
                    <span class="rollup-swatch" aria-hidden="true">{text::DUE_MARK}</span>
                    {text::DUE}
                </li>
                <li class="rollup-legend-item rollup-s-done">
                    <span class="rollup-swatch" aria-hidden="true">{text::status_mark(Status::Done)}</span>
                    {Status::Done.label_zh()}
                </li>
            </ul>
            {drawing}
            <ChartTable title=title tables=tables>
                <thead>
                    <tr>{header_cells(&heads)}</tr>
                </thead>
                <tbody>{table}</tbody>
            </ChartTable>
        </figure>
    }
}

/// The four charts and the data-table switch.
#[component]
pub fn ChartsSection(rollup: Memo<Rollup<'static>>) -> impl IntoView {
    let tables = RwSignal::new(false);
    let by_unit = Signal::derive(move || rollup.with(Rollup::by_unit));
    let by_category = Signal::derive(move || rollup.with(Rollup::by_category));
    let by_lead = Signal::derive(move || rollup.with(Rollup::by_lead));
    let by_month = Signal::derive(move || rollup.with(Rollup::by_month));
    view! {
        <section class="rollup-section rollup-print-break" data-testid="rollup-charts" aria-labelledby="charts-title">
            <div class="rollup-section-head">
                <h3 id="charts-title">{text::CHARTS_TITLE}</h3>
                <button
                    type="button"
                    class=move || if tables.get() { "button button-on no-print" } else { "button no-print" }
                    data-testid="toggle-tables"
                    aria-pressed=move || if tables.get() { "true" } else { "false" }
                    on:click=move |_| tables.update(|t| *t = !*t)
                >
                    {text::SHOW_TABLES}
                </button>
            </div>
            <div class="rollup-charts">
                <StackedChart id="chart-unit" title=text::CHART_UNIT head=text::PICK_UNIT bars=by_unit tables=tables />
                <StackedChart id="chart-category" title=text::CHART_CATEGORY head=text::FACET_CATEGORY bars=by_category tables=tables />
                <StackedChart id="chart-lead" title=text::CHART_LEAD head=text::FACET_LEAD bars=by_lead tables=tables />
                <MonthChart bars=by_month tables=tables />
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(done: usize, doing: usize, blocked: usize, todo: usize) -> CellCounts {
        CellCounts {
            done,
            in_progress: doing,
            blocked,
            not_started: todo,
            overdue: 0,
        }
    }

    #[test]
    fn segments_stack_to_the_full_width_in_status_order() {
        let segs = segments(&counts(10, 0, 2, 28));
        let got: Vec<(Status, usize)> = segs.iter().map(|s| (s.status, s.count)).collect();
        assert_eq!(
            got,
            [
                (Status::Done, 10),
                (Status::Blocked, 2),
                (Status::NotStarted, 28)
            ]
        );
        // 40 cells: 2.5 % each; segments touch and end at 100 %.
        assert_eq!((segs[0].x, segs[0].width), (0.0, 25.0));
        assert_eq!((segs[1].x, segs[1].width), (25.0, 5.0));
        assert_eq!(segs[2].x, 30.0);
        assert_eq!(segs[2].x + segs[2].width, 100.0);
        // 5 % of 300 px (15 px) cannot hold "▲2"; the others can.
        assert_eq!(
            segs.iter().map(|s| s.labelled).collect::<Vec<_>>(),
            [true, false, true]
        );
        assert!(segments(&counts(0, 0, 0, 0)).is_empty());
    }

    #[test]
    fn long_labels_put_the_summary_on_its_own_line() {
        assert_eq!(text_width("赵巷镇"), 39.0);
        assert!(one_line("赵巷镇", "完成 13/55，逾期 2"));
        assert!(!one_line(
            "(一)持续推进“两个示范村”建设",
            "完成 13/55，逾期 2"
        ));
    }

    #[test]
    fn summaries() {
        let mut c = counts(5, 3, 1, 31);
        assert_eq!(bar_summary(&c), "完成 5/40");
        c.overdue = 3;
        assert_eq!(bar_summary(&c), "完成 5/40，逾期 3");
        assert_eq!(n(4.5), "4.5");
        assert_eq!(pct(12.5), "12.50%");
    }
}
