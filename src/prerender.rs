//! The pre-rendered HTML of the entry pages: the app's own components rendered to a string,
//! natively, at build time (`src/bin/prerender.rs`, run by `scripts/postbuild.mjs`).
//!
//! `index.html` shows a placeholder (`#boot`) until the wasm mounts and replaces it. The build
//! fills it with the top bar ([`TopNav`]) and the task list as the list page first shows it
//! ([`TaskCard`] per task, at most [`PAGE`]), so a browser shows the list before the wasm has
//! arrived, and one without WebAssembly or JavaScript can still read it. The pages' titles and
//! descriptions and the manifest's name follow the embedded list too ([`Prerendered`]).
//! Rendering the very components the app mounts keeps the two from drifting apart;
//! `tests/e2e/deployment.test.mjs` compares them in a browser.
//!
//! The components render under a fresh visitor's state (nothing recorded, no "我的街镇", the list
//! without a search). What a static page cannot know is then taken out ([`BROWSER_STATE`]): a
//! task's status and its deadline light are this browser's records measured against the
//! visitor's date, so a copy made at build time would show "未开始" where a returning user has
//! finished, and days left as of the build. The rest — number, name, lead departments, deadline,
//! links, classes — is the component's markup as it is.
//!
//! Native only: Leptos renders type-erased views (`AnyView`) to HTML only with tachys' `ssr`
//! feature, which `Cargo.toml` turns on for native builds alone (the wasm never carries it).

use leptos::prelude::*;
use leptos::reactive::diagnostics::SpecialNonReactiveZone;
use leptos::tachys::view::RenderHtml;

use crate::components::nav::TopNav;
use crate::components::task_card::TaskCard;
use crate::domain::date::Date;
use crate::domain::route::{Entry, Page, Route};
use crate::domain::task::Dataset;
use crate::pages::tasks::PAGE;
use crate::state::progress::ProgressState;
use crate::state::{provide_app_state, AppState};
use crate::text;

/// The fragments and texts the build puts into the entry pages and the manifest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Prerendered {
    /// The list's title (the manifest's `name`).
    pub title: String,
    /// `index.html`'s `<title>`.
    pub page_title: String,
    /// `index.html`'s description `<meta>`.
    pub description: String,
    /// `tools.html`'s description `<meta>`.
    pub tools_description: String,
    /// The manifest's `description`.
    pub manifest_description: String,
    /// `index.html`'s top bar on the task list: `<header class="topbar">…</header>`.
    pub header: String,
    /// The first [`PAGE`] tasks of the list as `<li class="task-row">…</li>`, in the list's order.
    pub rows: String,
    /// How many tasks `rows` holds.
    pub row_count: usize,
}

/// What a static copy of a task row leaves out: elements by class (with the class of the
/// element they must sit in), and class tokens by prefix. See the module documentation.
pub const BROWSER_STATE: Omit = Omit {
    elements: &[
        // The status this browser has recorded.
        (None, "status"),
        // The deadline light, days left or overdue, and the light's name for screen readers.
        (Some("deadline"), "deadline-dot"),
        (Some("deadline"), "deadline-phrase"),
        (Some("deadline"), "visually-hidden"),
    ],
    // The light's colour (`light-green`, `light-yellow`, `light-red`, `light-none`).
    class_prefixes: &["light-"],
};

/// Renders the fragments for `ds` as a fresh visitor first sees them (the date only decides
/// what [`BROWSER_STATE`] takes out again, so the output does not depend on it).
pub fn render(ds: &'static Dataset, today: Date) -> Prerendered {
    // A one-shot render: nothing here is meant to track the signals it reads.
    let _zone = SpecialNonReactiveZone::enter();
    let owner = Owner::new();
    let (header, rows, row_count) = owner.with(|| {
        let state = state_for(ds, Entry::App, Page::Tasks, today);
        provide_app_state(state);
        let header = clean(&view! { <TopNav /> }.to_html(), &Omit::NOTHING);
        // The list page passes its search terms (none yet) to every card.
        let terms: Signal<Vec<String>> = state.terms.into();
        let shown: Vec<_> = ds.tasks.iter().take(PAGE).collect();
        let rows = shown
            .iter()
            .map(|&task| {
                clean(
                    &view! { <TaskCard task=task terms=terms /> }.to_html(),
                    &BROWSER_STATE,
                )
            })
            .collect::<String>();
        (header, rows, shown.len())
    });
    let title = ds.meta.title.clone();
    Prerendered {
        page_title: text::document_title(&title),
        description: text::app_description(&title),
        tools_description: text::tools_description(&title),
        manifest_description: text::manifest_description(&title),
        title,
        header,
        rows,
        row_count,
    }
}

/// A fresh visitor's state on `page` of `entry`: progress in memory, nothing recorded.
fn state_for(ds: &'static Dataset, entry: Entry, page: Page, today: Date) -> AppState {
    let route = RwSignal::new(Route {
        page,
        ..Route::default()
    });
    AppState::new(ds, entry, route, today, None, ProgressState::load(ds))
}

/// Parts of rendered markup to leave out, see [`clean`].
#[derive(Debug, Clone, Copy)]
pub struct Omit {
    /// `(inside, class)`: every element whose class list holds `class` (inside an element whose
    /// class list holds `inside`, if given) is left out with its content.
    pub elements: &'static [(Option<&'static str>, &'static str)],
    /// Class tokens starting with one of these are left out of every class list.
    pub class_prefixes: &'static [&'static str],
}

impl Omit {
    /// Leaves out nothing but what [`clean`] always drops.
    pub const NOTHING: Omit = Omit {
        elements: &[],
        class_prefixes: &[],
    };
}

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// One start tag: its name, its attributes as written (`name="value"` or `name`), its class
/// tokens.
struct StartTag<'a> {
    name: &'a str,
    attrs: Vec<(&'a str, Option<&'a str>)>,
}

impl StartTag<'_> {
    fn classes(&self) -> impl Iterator<Item = &str> {
        self.attrs
            .iter()
            .filter(|(k, _)| *k == "class")
            .flat_map(|(_, v)| v.unwrap_or("").split_ascii_whitespace())
    }
}

/// Reads the start tag at the start of `s` (which begins with `<` and a letter); returns it and
/// its length. Attribute values are double-quoted, as tachys writes them.
fn start_tag(s: &str) -> Option<(StartTag<'_>, usize)> {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    let name = &s[1..i];
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some((StartTag { name, attrs }, i + 1)),
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                return Some((StartTag { name, attrs }, i + 2))
            }
            _ => {}
        }
        let key_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let key = &s[key_start..i];
        if key.is_empty() {
            return None;
        }
        if bytes.get(i) == Some(&b'=') && bytes.get(i + 1) == Some(&b'"') {
            let value_start = i + 2;
            let len = s[value_start..].find('"')?;
            attrs.push((key, Some(&s[value_start..value_start + len])));
            i = value_start + len + 1;
        } else {
            attrs.push((key, None));
        }
    }
}

/// `html` (tachys' output: double-quoted attributes, every non-void element closed) without
/// what `omit` names, and always without
/// - comments, among them the empty `<!>` markers tachys writes between dynamic parts for
///   hydration: the app never hydrates this markup, it replaces it;
/// - `data-testid` attributes: tests find the live app by them, and a static copy that answered
///   to them would let a test read the pre-render while it waits for the app
///   (`waitForSelector('[data-testid="task-row"]')` right after a page load).
///
/// Text and everything else stays byte for byte.
pub fn clean(html: &str, omit: &Omit) -> String {
    let mut out = String::with_capacity(html.len());
    // Class lists of the open elements, innermost last.
    let mut open: Vec<Vec<String>> = Vec::new();
    // While inside a left-out element: the depth of `open` at which it started.
    let mut skip_from: Option<usize> = None;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        if skip_from.is_none() {
            out.push_str(&rest[..at]);
        }
        rest = &rest[at..];
        let next = rest.as_bytes().get(1).copied().unwrap_or(b' ');
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            rest = &rest[end..];
        } else if next == b'!' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            rest = &rest[end..];
        } else if next == b'/' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            if skip_from.is_none() {
                out.push_str(&rest[..end]);
            }
            open.pop();
            if skip_from == Some(open.len()) {
                skip_from = None;
            }
            rest = &rest[end..];
        } else if let Some((tag, len)) = next
            .is_ascii_alphabetic()
            .then(|| start_tag(rest))
            .flatten()
        {
            let classes: Vec<String> = tag.classes().map(str::to_string).collect();
            let void = VOID.contains(&tag.name) || rest[..len].ends_with("/>");
            if skip_from.is_none() && left_out(&classes, &open, omit) {
                if !void {
                    skip_from = Some(open.len());
                }
            } else if skip_from.is_none() {
                write_tag(&mut out, &tag, omit);
            }
            if !void {
                open.push(classes);
            }
            rest = &rest[len..];
        } else {
            // A `<` that starts no tag (tachys escapes text, so this is not expected): as is.
            if skip_from.is_none() {
                out.push('<');
            }
            rest = &rest[1..];
        }
    }
    if skip_from.is_none() {
        out.push_str(rest);
    }
    out
}

/// Whether an element with `classes`, inside the elements `open`, is one `omit` leaves out.
fn left_out(classes: &[String], open: &[Vec<String>], omit: &Omit) -> bool {
    omit.elements.iter().any(|(inside, class)| {
        classes.iter().any(|c| c == class)
            && inside.is_none_or(|p| open.last().is_some_and(|up| up.iter().any(|c| c == p)))
    })
}

/// Writes `tag` without its `data-testid` and without the class tokens `omit` leaves out, its
/// class first: tachys writes `class` after the other attributes, the components' source (and
/// the DOM the app builds) before them; the order means nothing to a browser, but is what
/// readers of the HTML (and its tests) expect.
fn write_tag(out: &mut String, tag: &StartTag<'_>, omit: &Omit) {
    out.push('<');
    out.push_str(tag.name);
    let class_first = tag
        .attrs
        .iter()
        .filter(|(k, _)| *k == "class")
        .chain(tag.attrs.iter().filter(|(k, _)| *k != "class"));
    for (key, value) in class_first {
        if *key == "data-testid" {
            continue;
        }
        out.push(' ');
        out.push_str(key);
        if let Some(value) = value {
            let value = if *key == "class" {
                value
                    .split_ascii_whitespace()
                    .filter(|c| !omit.class_prefixes.iter().any(|p| c.starts_with(p)))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                value.to_string()
            };
            out.push_str("=\"");
            out.push_str(&value);
            out.push('"');
        }
    }
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_markers_comments_and_test_ids() {
        let html = r#"<li data-testid="task-row" data-task-id="1" class="task-row"><a href="/x">a<!>b</a><!-- c --><!><br><input type="text" disabled></li>"#;
        assert_eq!(
            clean(html, &Omit::NOTHING),
            r#"<li class="task-row" data-task-id="1"><a href="/x">ab</a><br><input type="text" disabled></li>"#
        );
    }

    #[test]
    fn clean_leaves_out_elements_by_class_and_place() {
        let html = concat!(
            r#"<li class="row"><span class="status status-todo">未开始</span>"#,
            r#"<span class="deadline light-red"><span class="deadline-dot" aria-hidden="true"></span>"#,
            r#"<span class="deadline-text">10月底</span><span class="deadline-phrase">已逾期 <b>61</b> 天</span>"#,
            r#"<span class="visually-hidden">（逾期）</span></span>"#,
            r#"<span class="visually-hidden">kept: not in a deadline</span></li>"#,
        );
        assert_eq!(
            clean(html, &BROWSER_STATE),
            concat!(
                r#"<li class="row"><span class="deadline"><span class="deadline-text">10月底</span></span>"#,
                r#"<span class="visually-hidden">kept: not in a deadline</span></li>"#,
            )
        );
    }

    #[test]
    fn clean_keeps_escaped_text_and_attributes_as_they_are() {
        let html = r##"<a title="A &amp; &quot;B&quot; > C" href="#/task/1">&lt;script&gt;</a>"##;
        assert_eq!(clean(html, &BROWSER_STATE), html);
    }

    fn leak(ds: Dataset) -> &'static Dataset {
        Box::leak(Box::new(ds))
    }

    fn today() -> Date {
        Date::parse_iso("2022-06-01").expect("date")
    }

    #[test]
    fn renders_the_embedded_list_as_the_list_page_shows_it() {
        let ds = leak(crate::data::embedded().expect("embedded list"));
        let out = render(ds, today());
        assert_eq!(out.row_count, ds.tasks.len().min(PAGE));
        assert_eq!(out.rows.matches("<li ").count(), out.row_count);
        for task in ds.tasks.iter().take(PAGE) {
            assert!(out.rows.contains(&format!(r#"data-task-id="{}""#, task.id)));
            assert!(out
                .rows
                .contains(&format!(r##"href="#/task/{}""##, task.id)));
        }
        for part in [&out.rows, &out.header] {
            assert!(!part.contains("<!"), "no markers or comments");
            assert!(!part.contains("data-testid"), "no test ids");
            assert!(!part.contains("status"), "no status");
            assert!(!part.contains("light-"), "no light");
        }
        assert!(
            out.header.starts_with(r#"<header class="topbar">"#),
            "{}",
            out.header
        );
        assert!(out.header.contains(&format!(">{}</h1>", ds.meta.title)));
        assert!(out
            .header
            .contains(r##"<a class="nav-link" href="#/" aria-current="page">"##));
        assert!(out.header.contains(r##"href="tools.html#/data""##));
        assert_eq!(
            out.page_title,
            format!("{} · {}", ds.meta.title, text::APP_NAME)
        );
        assert!(out.description.starts_with(&ds.meta.title));
    }

    #[test]
    fn the_date_does_not_change_the_output() {
        let ds = leak(crate::data::embedded().expect("embedded list"));
        let later = Date::parse_iso("2030-01-01").expect("date");
        assert_eq!(render(ds, today()), render(ds, later));
    }

    #[test]
    fn a_long_list_shows_its_first_page() {
        let mut ds = crate::data::embedded().expect("embedded list");
        let first = ds.tasks[0].clone();
        ds.tasks = (1..=PAGE as u16 + 5)
            .map(|id| crate::domain::task::Task {
                id,
                ..first.clone()
            })
            .collect();
        let out = render(leak(ds), today());
        assert_eq!(out.row_count, PAGE);
        assert_eq!(out.rows.matches("<li ").count(), PAGE);
    }

    #[test]
    fn the_data_is_escaped() {
        let mut ds = crate::data::embedded().expect("embedded list");
        ds.meta.title = "<b>清单</b> & co".into();
        let task = &mut ds.tasks[0];
        task.name = "<script>alert(1)</script>".into();
        task.lead_text = r#"A & B "q""#.into();
        task.deadline_text = "<i>x</i>".into();
        let out = render(leak(ds), today());
        let all = format!("{}{}", out.header, out.rows);
        assert!(!all.contains("<script>") && !all.contains("<b>") && !all.contains("<i>"));
        assert!(out.rows.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(out.rows.contains("A &amp; B"));
        assert!(out.header.contains("&lt;b&gt;清单&lt;/b&gt; &amp; co"));
    }
}
