//! Reporting upward: the matrix as CSV, every table as an .xlsx workbook, and printing (A4
//! landscape, see the print stylesheet). File names carry the as-of date the figures are counted
//! to (`清单汇总-2022-12-31.xlsx`).

use leptos::prelude::*;

use crate::browser::{download, download_bytes};
use crate::components::message::Message;
use crate::domain::rollup::{rollup_csv, rollup_file_name, Rollup};
use crate::domain::xlsx::write_workbook;
use crate::state::use_app_state;
use crate::text;

/// The .xlsx MIME type.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Opens the browser's print dialog (after the page has shown what printing needs).
fn print_window() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// 导出 CSV, 导出 Excel and 打印.
#[component]
pub fn ReportSection(
    rollup: Memo<Rollup<'static>>,
    /// Set while printing: the wide table is shown even on a phone.
    printing: RwSignal<bool>,
) -> impl IntoView {
    let state = use_app_state();
    let message = RwSignal::new(None::<Message>);
    let done = move |name: &str, result: Result<(), String>| match result {
        Ok(()) => message.set(Some(Message::info(text::exported(name)))),
        Err(e) => message.set(Some(Message::error(e))),
    };
    let csv = move |_| {
        let name = rollup_file_name(state.as_of_date.get_untracked(), "csv");
        let body = rollup.with_untracked(rollup_csv);
        done(&name, download(&name, "text/csv;charset=utf-8", &body));
    };
    let xlsx = move |_| {
        let name = rollup_file_name(state.as_of_date.get_untracked(), "xlsx");
        let result = rollup
            .with_untracked(|r| write_workbook(&r.sheets()))
            .map_err(|e| e.message_zh())
            .and_then(|bytes| download_bytes(&name, XLSX_MIME, &bytes));
        done(&name, result);
    };
    let print = move |_| {
        printing.set(true);
        // After the wide table is in the page (the next frames), then back to the phone view.
        set_timeout(
            move || {
                print_window();
                printing.set(false);
            },
            std::time::Duration::from_millis(100),
        );
    };
    view! {
        <section class="rollup-section no-print" data-testid="rollup-report" aria-labelledby="report-title">
            <h3 id="report-title">{text::REPORT_TITLE}</h3>
            <div class="actions">
                <button type="button" class="button" data-testid="export-rollup-csv" on:click=csv>
                    {text::EXPORT_ROLLUP_CSV}
                </button>
                <button type="button" class="button" data-testid="export-rollup-xlsx" on:click=xlsx>
                    {text::EXPORT_ROLLUP_XLSX}
                </button>
                <button type="button" class="button" data-testid="rollup-print" on:click=print>
                    {text::PRINT_NOW}
                </button>
            </div>
            <p
                role=move || message.with(|m| Message::role(m.as_ref()))
                data-testid="report-message"
            >
                {move || message.with(|m| m.as_ref().map(|m| m.text.clone()))}
            </p>
        </section>
    }
}
