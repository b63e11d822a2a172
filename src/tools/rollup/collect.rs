//! Collecting the units' export files in one batch: pick or drop many files, see per file what
//! it holds and where files disagree, then apply the whole batch at once (one backup, so one
//! undo) or discard it.

use leptos::prelude::*;

use crate::browser::{read_files, ReadFile};
use crate::components::message::{Message, MessageBanner};
use crate::domain::export::format_stamp;
use crate::domain::import::MAX_IMPORT_BYTES;
use crate::domain::rollup::{collect, AcceptedFile, Batch};
use crate::domain::summary::unit_label;
use crate::domain::task::Dataset;
use crate::state::use_app_state;
use crate::text;

/// One line of the per-file table: a file that was read (an index into [`Batch::files`]) or
/// one that could not be read at all (too large, unreadable), with the reason.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FileLine {
    /// Read and checked: `Batch::files[index]`.
    Checked(usize),
    /// Not read: its name and why.
    Unread(String, String),
}

/// A collected batch waiting for the user's decision.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pending {
    pub batch: Batch,
    /// Every picked file, in the order picked.
    pub lines: Vec<FileLine>,
}

impl Pending {
    /// Collects what was read against `current`: readable files go through [`collect`], the
    /// others keep their reason; the lines keep the order the files were picked in.
    pub fn new(
        current: &crate::domain::progress::ProgressDoc,
        ds: &Dataset,
        read: Vec<ReadFile>,
    ) -> Pending {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut lines = Vec::with_capacity(read.len());
        for (name, result) in read {
            match result {
                Ok(bytes) => {
                    lines.push(FileLine::Checked(files.len()));
                    files.push((name, bytes));
                }
                Err(reason) => lines.push(FileLine::Unread(name, reason)),
            }
        }
        Pending {
            batch: collect(current, ds, &files),
            lines,
        }
    }

    /// Files that can be applied, and files refused or unread.
    pub fn accepted_refused(&self) -> (usize, usize) {
        let accepted = self.batch.accepted().count();
        (accepted, self.lines.len() - accepted)
    }
}

/// The units a file covers, by name: `朱家角镇、区级`.
fn unit_names(ds: &Dataset, file: &AcceptedFile) -> String {
    file.units
        .iter()
        .map(|k| unit_label(ds, k))
        .collect::<Vec<_>>()
        .join("、")
}

/// The file input, the drop zone, the batch's table and its buttons.
#[component]
pub fn CollectSection() -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let progress = state.progress;
    let pending = RwSignal::new(None::<Pending>);
    let message = RwSignal::new(None::<Message>);
    let can_undo = RwSignal::new(progress.before_import().is_some());
    let dragging = RwSignal::new(false);
    let read_only = move || progress.read_only.get();

    let take = move |list: Option<web_sys::FileList>| {
        let files: Vec<web_sys::File> = list
            .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
            .unwrap_or_default();
        if files.is_empty() || progress.read_only.get_untracked() {
            return;
        }
        pending.set(None);
        message.set(Some(Message::info(text::collect_reading(files.len()))));
        read_files(files, MAX_IMPORT_BYTES as f64, move |read| {
            let p = progress.doc.with_untracked(|d| Pending::new(d, ds, read));
            let (accepted, refused) = p.accepted_refused();
            let line = text::collect_read(p.lines.len(), accepted, refused);
            message.set(Some(if accepted == 0 {
                Message::error(line)
            } else {
                Message::info(line)
            }));
            pending.set(Some(p));
        });
    };
    let on_change =
        move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
            let input = ev.target();
            take(input.files());
            // Choosing the same files again must fire `change` again.
            input.set_value("");
        };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        take(ev.data_transfer().and_then(|d| d.files()));
    };
    let confirm = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        // One merge of the combined document: one backup, so one undo restores the whole batch.
        match progress.apply_import(&p.batch.combined, false) {
            Ok(()) => {
                pending.set(None);
                can_undo.set(true);
                message.set(Some(Message::info(text::COLLECT_DONE.to_string())));
            }
            Err(e) => message.set(Some(Message::error(e))),
        }
    };
    let cancel = move |_| {
        pending.set(None);
        message.set(Some(Message::info(text::COLLECT_CANCELLED.to_string())));
    };
    let undo = move |_| match progress.undo_import() {
        Ok(true) => {
            can_undo.set(false);
            message.set(Some(Message::info(text::IMPORT_UNDONE.to_string())));
        }
        Ok(false) => can_undo.set(false),
        Err(e) => message.set(Some(Message::error(e))),
    };

    view! {
        <section class="rollup-section no-print" data-testid="rollup-collect" aria-labelledby="collect-title">
            <h3 id="collect-title">{text::COLLECT_TITLE}</h3>
            <p class="muted">{text::COLLECT_HINT}</p>
            <div
                class=move || if dragging.get() { "rollup-drop rollup-drop-on" } else { "rollup-drop" }
                data-testid="rollup-drop"
                on:dragenter=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label class="field-label" for="rollup-files">{text::COLLECT_FILES}</label>
                <input
                    id="rollup-files"
                    class="field-input"
                    type="file"
                    multiple
                    accept=".json,application/json"
                    data-testid="rollup-files"
                    disabled=read_only
                    on:change:target=on_change
                />
                <p class="muted rollup-drop-hint" aria-hidden="true">{text::COLLECT_DROP}</p>
            </div>
            <MessageBanner message=message testid="collect-message" />
            {move || pending.get().map(|p| view! { <BatchView pending=p confirm=confirm cancel=cancel /> })}
            <Show when=move || can_undo.get()>
                <button type="button" class="button" data-testid="collect-undo" on:click=undo disabled=read_only>
                    {text::COLLECT_UNDO}
                </button>
            </Show>
        </section>
    }
}

/// The batch: one line per file, the totals, the conflicts, and 确认导入 / 取消.
#[component]
fn BatchView(
    pending: Pending,
    confirm: impl Fn(leptos::ev::MouseEvent) + Clone + 'static,
    cancel: impl Fn(leptos::ev::MouseEvent) + Clone + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let progress = state.progress;
    let batch = &pending.batch;
    let lines = pending
        .lines
        .iter()
        .enumerate()
        .map(|(n, line)| file_line(ds, batch, n, line))
        .collect_view();
    let t = batch.totals;
    let totals = text::collect_totals(&text::import_preview_line(
        t.new,
        t.updated,
        t.older_skipped,
        t.unchanged,
        t.unknown,
    ));
    let conflicts: Vec<String> = batch
        .conflicts
        .iter()
        .map(|c| batch.conflict_message_zh(c, ds))
        .collect();
    let has_changes = batch.has_changes();
    view! {
        <div class="preview" data-testid="collect-batch">
            <div class="table-wrap" role="region" aria-label=text::COLLECT_TABLE tabindex="0">
                <table class="data-table rollup-files">
                    <caption>{text::COLLECT_TABLE}</caption>
                    <thead>
                        <tr>{super::header_cells(&text::COLLECT_HEADERS)}</tr>
                    </thead>
                    <tbody>{lines}</tbody>
                </table>
            </div>
            <p data-testid="collect-totals">{totals}</p>
            {(!conflicts.is_empty())
                .then(|| {
                    view! {
                        <h4>{text::CONFLICTS_TITLE}</h4>
                        <ul class="rollup-conflicts" data-testid="collect-conflicts">
                            {conflicts.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {(!has_changes).then(|| view! { <p class="banner banner-info">{text::COLLECT_NOTHING_NEW}</p> })}
            <div class="actions">
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="collect-confirm"
                    disabled=move || !has_changes || progress.read_only.get()
                    on:click=confirm
                >
                    {text::COLLECT_CONFIRM}
                </button>
                <button type="button" class="button button-quiet" data-testid="collect-cancel" on:click=cancel>
                    {text::CANCEL}
                </button>
            </div>
        </div>
    }
}

/// One row of the per-file table (`n`: its position among the picked files).
fn file_line(ds: &'static Dataset, batch: &Batch, n: usize, line: &FileLine) -> impl IntoView {
    let refused = |name: String, reason: String| {
        view! {
            <tr data-testid="collect-file" data-file=n data-state="refused">
                <th scope="row" class="rollup-file-name">{name}</th>
                <td colspan="7">
                    <strong class="status status-blocked">{text::REFUSED}</strong>
                </td>
                <td data-testid="collect-note">{reason}</td>
            </tr>
        }
        .into_any()
    };
    match line {
        FileLine::Unread(name, reason) => refused(name.clone(), reason.clone()),
        FileLine::Checked(i) => {
            let i = *i;
            let name = batch.file_name(i).to_string();
            match batch.files.get(i).map(|f| &f.outcome) {
                Some(Ok(a)) => {
                    let c = a.counts;
                    let mut notes: Vec<String> =
                        a.warnings.iter().map(|w| w.message_zh()).collect();
                    notes.extend(batch.same_as_message_zh(i));
                    let stamp = a
                        .exported_at
                        .map(format_stamp)
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| text::NO_EXPORT_STAMP.to_string());
                    let num = |v: usize| view! { <td class="num">{v}</td> };
                    view! {
                        <tr data-testid="collect-file" data-file=n data-state="accepted">
                            <th scope="row" class="rollup-file-name">{name}</th>
                            <td data-testid="collect-units">{unit_names(ds, a)}</td>
                            <td class="rollup-nowrap" data-testid="collect-stamp">{stamp}</td>
                            {num(c.new)}
                            {num(c.updated)}
                            {num(c.older_skipped)}
                            {num(c.unchanged)}
                            {num(c.unknown)}
                            <td data-testid="collect-note">{notes.join(" ")}</td>
                        </tr>
                    }
                    .into_any()
                }
                Some(Err(e)) => refused(name, e.message_zh()),
                None => refused(name, String::new()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::{ProgressDoc, Status};
    use crate::source::sample::sample_dataset;

    #[test]
    fn lines_keep_the_picked_order_and_unread_files_are_refused() {
        let ds = sample_dataset();
        let mut unit = ProgressDoc::new(&ds.meta);
        let task = ds.tasks[0].id;
        unit.set_status(task, crate::domain::progress::DISTRICT, Status::Done, 5)
            .unwrap();
        let good = serde_json::to_vec(&unit).unwrap();
        let read = vec![
            ("big.json".to_string(), Err("文件过大".to_string())),
            ("a.json".to_string(), Ok(good.clone())),
            ("bad.json".to_string(), Ok(b"{".to_vec())),
            ("b.json".to_string(), Ok(good)),
        ];
        let current = ProgressDoc::new(&ds.meta);
        let p = Pending::new(&current, &ds, read);
        assert_eq!(
            p.lines,
            vec![
                FileLine::Unread("big.json".into(), "文件过大".into()),
                FileLine::Checked(0),
                FileLine::Checked(1),
                FileLine::Checked(2),
            ]
        );
        assert_eq!(p.batch.file_name(2), "b.json");
        assert_eq!(p.accepted_refused(), (2, 2));
        assert!(p.batch.same_as_message_zh(2).is_some());
        assert!(p.batch.has_changes());
        assert_eq!(
            p.batch
                .combined
                .status(task, crate::domain::progress::DISTRICT),
            Status::Done
        );
    }
}
