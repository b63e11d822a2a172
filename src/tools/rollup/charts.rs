//! Charts drawn as inline SVG: completion by unit, by category and by lead department (stacked
//! bars by status) and the deadline view (per month: cells due and done). Each has a label, a
//! legend with the matrix's marks, numbers on the bars, and the same numbers as a table (hidden
//! until "显示数据表", always read by screen readers and always printed). All numbers are the
//! roll-up's ([`Rollup::by_unit`] …), i.e. counts of the matrix's cells.

use leptos::prelude::*;

use crate::domain::number::fixed;
use crate::domain::progress::Status;
use crate::domain::rollup::{Bar, CellCounts, Rollup};
use crate::text;

use super::header_cells;
use super::matrix::{status_class, Legend, STATUS_ORDER};

/// Width of every chart's drawing in SVG units (the viewBox); it scales with the page.
const WIDTH: f64 = 360.0;
/// Font size of the labels, in SVG units.
const FONT: f64 = 11.0;
/// Height of a bar's label line, of a bar, and the gap after a bar.
const LABEL_H: f64 = 15.0;
const BAR_H: f64 = 16.0;
const GAP: f64 = 9.0;
/// Height of each of the two bars of a month (due, done) and the gap between them.
const PAIR_H: f64 = 13.0;
const PAIR_GAP: f64 = 2.0;

/// One status's part of a stacked bar, in SVG units.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment {
    pub status: Status,
    pub x: f64,
    pub width: f64,
    pub count: usize,
    /// Whether its count fits inside it (the data table has every count anyway).
    pub labelled: bool,
}

/// The width a segment label (`●12`) needs: the mark about 1 em, digits about 0.6 em each.
fn label_width(count: usize) -> f64 {
    let digits = count.to_string().len() as f64;
    FONT + digits * 0.6 * FONT + 4.0
}

/// The segments of a stacked bar of `counts`, in [`STATUS_ORDER`], on a scale where `max_total`
/// cells take `width` (empty statuses are left out; nothing when `max_total` is 0).
pub(crate) fn segments(counts: &CellCounts, max_total: usize, width: f64) -> Vec<Segment> {
    if max_total == 0 {
        return Vec::new();
    }
    let scale = width / max_total as f64;
    let mut x = 0.0;
    let mut out = Vec::new();
    for status in STATUS_ORDER {
        let count = counts.get(status);
        if count == 0 {
            continue;
        }
        let w = count as f64 * scale;
        out.push(Segment {
            status,
            x,
            width: w,
            count,
            labelled: w >= label_width(count),
        });
        x += w;
    }
    out
}

/// A number for an SVG attribute (one decimal is plenty; no float formatting machinery).
fn n(v: f64) -> String {
    fixed(v, 1)
}

/// The text beside a stacked bar: `完成 5/40`, with `，逾期 3` when any are overdue.
pub(crate) fn bar_summary(c: &CellCounts) -> String {
    let mut s = text::done_of(c.done, c.total());
    if c.overdue > 0 {
        s.push_str(&format!("，{} {}", text::OVERDUE_WORD, c.overdue));
    }
    s
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
            let max = bars.iter().map(|b| b.counts.total()).max().unwrap_or(0);
            let step = LABEL_H + BAR_H + GAP;
            let height = (bars.len() as f64 * step).max(step);
            let items = bars
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let y = i as f64 * step;
                    let bar_y = y + LABEL_H;
                    let segs = segments(&b.counts, max, WIDTH)
                        .into_iter()
                        .map(|s| {
                            let label = s.labelled.then(|| {
                                view! {
                                    <text
                                        x=n(s.x + s.width / 2.0)
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
                                    x=n(s.x)
                                    y=n(bar_y)
                                    width=n(s.width)
                                    height=n(BAR_H)
                                    class=format!("rollup-seg {}", status_class(s.status))
                                    data-status=status_class(s.status)
                                    data-count=s.count
                                />
                                {label}
                            }
                        })
                        .collect_view();
                    view! {
                        <g class="rollup-bar" data-key=b.key.clone() data-summary=bar_summary(&b.counts)>
                            <text x="0" y=n(y + FONT) class="rollup-bar-label">{b.label.clone()}</text>
                            <text x=n(WIDTH) y=n(y + FONT) text-anchor="end" class="rollup-bar-value">
                                {bar_summary(&b.counts)}
                            </text>
                            {segs}
                        </g>
                    }
                })
                .collect_view();
            view! {
                <svg
                    class="rollup-chart"
                    viewBox=format!("0 0 {} {}", n(WIDTH), n(height))
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
        text::OVERDUE_WORD,
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
            let scale = (WIDTH - 40.0) / max as f64;
            let step = LABEL_H + 2.0 * PAIR_H + PAIR_GAP + GAP;
            let height = (bars.len() as f64 * step).max(step);
            let items = bars
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let y = i as f64 * step;
                    let due = b.counts.total();
                    let done = b.counts.done;
                    let bar = |k: usize, count: usize, class: &'static str, mark: &'static str| {
                        let by = y + LABEL_H + k as f64 * (PAIR_H + PAIR_GAP);
                        let w = count as f64 * scale;
                        view! {
                            <rect x="0" y=n(by) width=n(w) height=n(PAIR_H) class=class data-count=count />
                            <text x=n(w + 3.0) y=n(by + PAIR_H / 2.0 + FONT * 0.36) class="rollup-pair-value">
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
                    viewBox=format!("0 0 {} {}", n(WIDTH), n(height))
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
    fn segments_stack_in_status_order_on_one_scale() {
        let segs = segments(&counts(10, 0, 2, 28), 80, 360.0);
        let got: Vec<(Status, usize)> = segs.iter().map(|s| (s.status, s.count)).collect();
        assert_eq!(
            got,
            [
                (Status::Done, 10),
                (Status::Blocked, 2),
                (Status::NotStarted, 28)
            ]
        );
        // 80 cells take the full width: 4.5 units per cell; segments touch.
        assert_eq!(segs[0].x, 0.0);
        assert_eq!(segs[0].width, 45.0);
        assert_eq!(segs[1].x, 45.0);
        assert_eq!(segs[2].x, 54.0);
        assert_eq!(segs[2].x + segs[2].width, 180.0);
        // A 9-unit segment cannot hold "▲2"; the others can.
        assert_eq!(
            segs.iter().map(|s| s.labelled).collect::<Vec<_>>(),
            [true, false, true]
        );
        assert!(segments(&counts(0, 0, 0, 0), 0, 360.0).is_empty());
        assert!(segments(&counts(0, 0, 0, 0), 5, 360.0).is_empty());
    }

    #[test]
    fn summaries() {
        let mut c = counts(5, 3, 1, 31);
        assert_eq!(bar_summary(&c), "完成 5/40");
        c.overdue = 3;
        assert_eq!(bar_summary(&c), "完成 5/40，逾期 3");
        assert_eq!(n(4.5), "4.5");
        assert_eq!(n(180.0), "180.0");
    }
}
