//! The URL route: every view and filter lives in the location hash, so links and the back button
//! work on any static host, under any sub-path and from `file://`.
//!
//! Format: `#/` (task list), `#/task/9`, `#/towns`, `#/town/zhujiajiao`, `#/depts`,
//! `#/dept/<name>`, and on the tools' entry page (`tools.html`, see [`Entry`]) `#/data`,
//! `#/print/<unit>`, `#/rollup`, `#/share/<unit>` and `#/receive/<payload>`; then
//! optionally `?` and `name=value` parameters joined by `&`, in the order of [`Param`], followed
//! by the roll-up's own view parameters ([`RollupView`]). Multiple values are joined by `,`; every value (and every path
//! argument) is percent-encoded, so a hash is pure ASCII and values may contain any character.
//! Default values (empty text, empty sets, sort by number, no as-of date) are left out.
//!
//! [`Route::from_hash`] is lenient: it accepts the hash with or without `#`, ignores unknown
//! parameters and values, bad numbers and empty values, treats an unknown page as the task list,
//! and never panics.

use std::fmt;
use std::str::FromStr;

use super::date::Date;
use super::facet::FacetKind;
use super::percent::{decode_component, encode_component};
use super::query::{SortKey, TaskQuery, UnknownKey};

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Page {
    /// The task list (`#/`).
    #[default]
    Tasks,
    /// One task by id (`#/task/9`).
    Task(u16),
    /// All units (`#/towns`).
    Towns,
    /// One unit by id (`#/town/zhujiajiao`).
    Town(String),
    /// All lead departments (`#/depts`).
    Depts,
    /// One lead department by name (`#/dept/…`).
    Dept(String),
    /// Export, import and settings (`#/data`), tools entry page.
    Data,
    /// A unit's checklist laid out for printing on A4 (`#/print/zhujiajiao`; `district` for
    /// the district level), tools entry page.
    Print(String),
    /// The district roll-up of every unit's progress (`#/rollup`, tools entry page).
    Rollup(RollupView),
    /// Making a share link / QR code of a unit's progress (`#/share/zhujiajiao`; `district` for
    /// the district level; empty: the user picks the unit), tools entry page.
    Share(String),
    /// Opening a share link: the payload is the rest of the path (`#/receive/1AbC…`), tools
    /// entry page.
    Receive(String),
    /// The task lists of this browser: the built-in one and those added, adding one from its
    /// table, switching, removing (`#/lists`), tools entry page.
    Lists,
}

/// The roll-up page's own view state, kept in the URL after the shared parameters:
/// `stale=N` (days without a report before a unit is flagged; default
/// [`RollupView::DEFAULT_STALE_DAYS`]), `col=<unit>` (on a phone: the one unit shown) and
/// `row=<task id>` (on a phone: the one task shown, one unit per line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RollupView {
    /// Days of silence before a unit is flagged; `None` = the default.
    pub stale: Option<u32>,
    /// The unit column shown alone on narrow screens.
    pub col: Option<String>,
    /// The task shown alone (all units) on narrow screens.
    pub row: Option<u16>,
}

impl RollupView {
    /// Days without a report before a unit is flagged, when the URL does not say.
    pub const DEFAULT_STALE_DAYS: u32 = 14;
    /// The largest threshold the URL may set (ten years).
    pub const MAX_STALE_DAYS: u32 = 3650;

    /// The silence threshold in days.
    pub fn stale_days(&self) -> u32 {
        self.stale.unwrap_or(Self::DEFAULT_STALE_DAYS)
    }

    /// `&stale=…&col=…&row=…` for the values that differ from the default (each prefixed `&`).
    fn params(&self) -> String {
        let mut out = String::new();
        if let Some(n) = self.stale.filter(|&n| n != Self::DEFAULT_STALE_DAYS) {
            out.push_str(&format!("&stale={n}"));
        }
        if let Some(c) = self.col.as_deref().filter(|c| !c.is_empty()) {
            out.push_str("&col=");
            out.push_str(&encode_component(c));
        }
        if let Some(r) = self.row {
            out.push_str(&format!("&row={r}"));
        }
        out
    }

    /// Reads the view's parameters out of a query string, ignoring everything else.
    fn parse(params: &str) -> RollupView {
        let mut view = RollupView::default();
        for part in params.split('&') {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let value = decode_component(value);
            match key {
                // The default is kept as `None`, so a route reads back equal to itself.
                "stale" => {
                    if let Ok(n) = value.trim().parse::<u32>() {
                        let n = n.min(Self::MAX_STALE_DAYS);
                        view.stale = (n != Self::DEFAULT_STALE_DAYS).then_some(n);
                    }
                }
                "col" if !value.is_empty() => view.col = Some(value),
                "row" => {
                    if let Ok(r) = value.trim().parse() {
                        view.row = Some(r);
                    }
                }
                _ => {}
            }
        }
        view
    }
}

/// The HTML entry pages of the app, each with its own wasm (Trunk has no code splitting): the
/// field staff's app and the tools, which must not weigh on the field staff's first load. A page
/// belongs to exactly one of them; links across them name the other file. The one-file version
/// holds both wasms in one HTML file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `index.html`: the task list, towns, departments and a task.
    App,
    /// `tools.html`: data (export, import, CSV, brief), the print view, the roll-up, making and
    /// opening share links.
    Tools,
    /// `qingdan-offline.html`, the one-file version: both wasms inlined, the one the hash names
    /// started (a tools view: the tools'). Every view is a hash of this one file; arriving at a
    /// view of the other wasm reloads the file, which then starts that one.
    OneFile,
}

impl Entry {
    /// The entry page's file, relative to the app's folder (the one-file version's usual name:
    /// links never name it, it may have been saved under another).
    pub fn file(self) -> &'static str {
        match self {
            Entry::App => "index.html",
            Entry::Tools => "tools.html",
            Entry::OneFile => "qingdan-offline.html",
        }
    }

    /// The prefix of a link from this entry page to `page`: "" when this page shows it (or is the
    /// one-file version, which shows every page), else the other entry page's file.
    pub fn link_prefix(self, page: &Page) -> &'static str {
        match page.entry() {
            e if e == self || self == Entry::OneFile => "",
            e => e.file(),
        }
    }
}

impl Page {
    /// The hosted entry page that shows this page ([`Entry::App`] or [`Entry::Tools`]; the
    /// field staff's first load carries only the former).
    pub fn entry(&self) -> Entry {
        match self {
            Page::Data
            | Page::Print(_)
            | Page::Rollup(_)
            | Page::Share(_)
            | Page::Receive(_)
            | Page::Lists => Entry::Tools,
            Page::Tasks
            | Page::Task(_)
            | Page::Towns
            | Page::Town(_)
            | Page::Depts
            | Page::Dept(_) => Entry::App,
        }
    }
}

/// The URL parameters of the task query and the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Param {
    /// Free text ([`TaskQuery::text`]), `q`.
    Q,
    /// The values selected in one facet, named by [`FacetKind::param`] (`cat`, `dept`, …).
    Facet(FacetKind),
    /// Sort order, `sort`.
    Sort,
    /// The "as of" date for deadlines, `asof=YYYY-MM-DD`.
    AsOf,
    /// The task list shown, by its id (`l=qingpu-2023`); absent for the list built into the app.
    List,
}

impl Param {
    /// Every parameter, in the order they are written.
    pub fn all() -> impl Iterator<Item = Param> {
        std::iter::once(Param::Q)
            .chain(FacetKind::IN_URL_ORDER.map(Param::Facet))
            .chain([Param::Sort, Param::AsOf, Param::List])
    }

    /// The parameter's name in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Param::Q => "q",
            Param::Facet(kind) => kind.param(),
            Param::Sort => "sort",
            Param::AsOf => "asof",
            Param::List => "l",
        }
    }
}

impl FromStr for Param {
    type Err = UnknownKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Param::all()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownKey(s.to_string()))
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the app is: the page plus the task query and the as-of date, which apply on every page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    /// The page shown.
    pub page: Page,
    /// Text, facets and sort of the task list.
    pub query: TaskQuery,
    /// The date deadlines are measured from; `None` = today.
    pub as_of: Option<Date>,
    /// The id of the task list shown ([`Param::List`]); `None` = the list built into the app.
    /// Every link keeps it, so a shared link opens the same list.
    pub list: Option<String>,
}

/// Joins displayable values with `,`, each percent-encoded.
fn join<T: fmt::Display>(values: impl IntoIterator<Item = T>) -> String {
    values
        .into_iter()
        .map(|v| encode_component(&v.to_string()))
        .collect::<Vec<_>>()
        .join(",")
}

/// The decoded non-empty values of a comma-separated parameter.
fn split_values(raw: &str) -> impl Iterator<Item = String> + '_ {
    raw.split(',')
        .filter(|v| !v.is_empty())
        .map(decode_component)
        .filter(|v| !v.is_empty())
}

/// The path part of the hash for a page, starting with `#/`.
pub fn page_path(page: &Page) -> String {
    let mut out = String::from("#/");
    match page {
        Page::Tasks => {}
        Page::Task(id) => {
            out.push_str("task/");
            out.push_str(&id.to_string());
        }
        Page::Towns => out.push_str("towns"),
        Page::Town(id) => {
            out.push_str("town/");
            out.push_str(&encode_component(id));
        }
        Page::Depts => out.push_str("depts"),
        Page::Dept(name) => {
            out.push_str("dept/");
            out.push_str(&encode_component(name));
        }
        Page::Data => out.push_str("data"),
        Page::Print(unit) => {
            out.push_str("print/");
            out.push_str(&encode_component(unit));
        }
        Page::Rollup(_) => out.push_str("rollup"),
        Page::Share(unit) => {
            out.push_str("share/");
            out.push_str(&encode_component(unit));
        }
        // The payload is URL-safe already; it is written as it is.
        Page::Receive(payload) => {
            out.push_str("receive/");
            out.push_str(payload);
        }
        Page::Lists => out.push_str("lists"),
    }
    out
}

impl Route {
    /// The same query and as-of date on another page.
    pub fn with_page(&self, page: Page) -> Route {
        Route {
            page,
            ..self.clone()
        }
    }

    /// The hash for this route, starting with `#`; usable directly as an `href`.
    pub fn to_hash(&self) -> String {
        let mut out = page_path(&self.page);
        out.push_str(&self.params());
        if let Page::Rollup(view) = &self.page {
            let extra = view.params();
            if out.contains('?') {
                out.push_str(&extra);
            } else if let Some(rest) = extra.strip_prefix('&') {
                out.push('?');
                out.push_str(rest);
            }
        }
        out
    }

    /// A link to this route from a page of `from`: the hash alone within the same entry page
    /// (and anywhere in the one-file version), else the other entry's file plus the hash
    /// (relative, so any sub-path works).
    pub fn href_from(&self, from: Entry) -> String {
        format!("{}{}", from.link_prefix(&self.page), self.to_hash())
    }

    /// The query and as-of part of the hash: `?q=…&…`, or "" when everything is default. Pages
    /// share it, so a link to another page keeping the filters is [`page_path`] + this.
    pub fn params(&self) -> String {
        let q = &self.query;
        let mut out = String::new();
        for p in Param::all() {
            let value = match p {
                Param::Q => encode_component(&q.text),
                Param::Facet(kind) => join(kind.selected_in(q).iter().map(|k| k.url_value())),
                Param::Sort if q.sort != SortKey::default() => q.sort.to_string(),
                Param::Sort => String::new(),
                Param::AsOf => self
                    .as_of
                    .map(|d| encode_component(&d.to_iso()))
                    .unwrap_or_default(),
                Param::List => self
                    .list
                    .as_deref()
                    .map(encode_component)
                    .unwrap_or_default(),
            };
            if !value.is_empty() {
                out.push(if out.is_empty() { '?' } else { '&' });
                out.push_str(p.as_str());
                out.push('=');
                out.push_str(&value);
            }
        }
        out
    }

    /// Parses a hash (with or without the leading `#`); see the module documentation.
    pub fn from_hash(hash: &str) -> Route {
        let s = hash.strip_prefix('#').unwrap_or(hash);
        let (path, params) = s.split_once('?').unwrap_or((s, ""));
        let path = path.trim_matches('/');
        let (head, arg) = path.split_once('/').unwrap_or((path, ""));
        let raw_arg = arg;
        let arg = decode_component(arg);

        let page = match head {
            "task" => arg.trim().parse().map_or(Page::Tasks, Page::Task),
            "towns" => Page::Towns,
            "town" if arg.is_empty() => Page::Towns,
            "town" => Page::Town(arg),
            "depts" => Page::Depts,
            "dept" if arg.is_empty() => Page::Depts,
            "dept" => Page::Dept(arg),
            "data" => Page::Data,
            "print" if arg.is_empty() => Page::Data,
            "print" => Page::Print(arg),
            "rollup" => Page::Rollup(RollupView::parse(params)),
            "share" => Page::Share(arg),
            // Kept verbatim: the codec decides what is valid, and says so.
            "receive" => Page::Receive(raw_arg.to_string()),
            "lists" => Page::Lists,
            _ => Page::Tasks,
        };

        let mut route = Route {
            page,
            ..Route::default()
        };
        let q = &mut route.query;
        for part in params.split('&') {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let Ok(param) = key.parse::<Param>() else {
                continue;
            };
            match param {
                Param::Q => q.text = decode_component(value),
                Param::Facet(kind) => {
                    for key in split_values(value).filter_map(|v| kind.parse_value(&v)) {
                        key.select(q);
                    }
                }
                Param::Sort => {
                    if let Ok(sort) = decode_component(value).parse() {
                        q.sort = sort;
                    }
                }
                Param::AsOf => {
                    if let Some(d) = Date::parse_iso(decode_component(value).trim()) {
                        route.as_of = Some(d);
                    }
                }
                Param::List => {
                    let id = decode_component(value);
                    if !id.trim().is_empty() {
                        route.list = Some(id.trim().to_string());
                    }
                }
            }
        }
        route
    }
}

impl fmt::Display for Route {
    /// Same as [`Route::to_hash`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hash())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::query::{ScopeKey, StatusKey};

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn param_names_round_trip() {
        let names: Vec<String> = Param::all().map(|p| p.to_string()).collect();
        assert_eq!(
            names,
            ["q", "cat", "dept", "month", "unit", "scope", "status", "sort", "asof", "l"]
        );
        for p in Param::all() {
            assert_eq!(p.to_string().parse::<Param>(), Ok(p));
        }
        assert!("Q".parse::<Param>().is_err());
    }

    #[test]
    fn pages_without_query() {
        let cases = [
            (Page::Tasks, "#/"),
            (Page::Task(9), "#/task/9"),
            (Page::Towns, "#/towns"),
            (Page::Town("zhujiajiao".into()), "#/town/zhujiajiao"),
            (Page::Depts, "#/depts"),
            (
                Page::Dept("区交通委".into()),
                "#/dept/%E5%8C%BA%E4%BA%A4%E9%80%9A%E5%A7%94",
            ),
            (Page::Data, "#/data"),
            (Page::Print("zhujiajiao".into()), "#/print/zhujiajiao"),
            (Page::Rollup(RollupView::default()), "#/rollup"),
            (Page::Share("zhujiajiao".into()), "#/share/zhujiajiao"),
            (Page::Receive("1AbC-_x9".into()), "#/receive/1AbC-_x9"),
            (Page::Lists, "#/lists"),
        ];
        for (page, hash) in cases {
            let r = Route {
                page: page.clone(),
                ..Route::default()
            };
            assert_eq!(r.to_hash(), hash);
            assert_eq!(Route::from_hash(hash).page, page);
        }
    }

    #[test]
    fn full_query_in_fixed_order() {
        let mut q = TaskQuery {
            text: "示范村 a&b".into(),
            sort: SortKey::Deadline,
            ..TaskQuery::default()
        };
        q.toggle_category(5);
        q.toggle_category(1);
        q.toggle_lead("区交通委");
        q.toggle_month(10);
        q.toggle_month(0);
        q.toggle_unit("jinze");
        q.toggle_unit("park");
        q.toggle_scope(ScopeKey::AllTownsAndPark);
        q.toggle_status(StatusKey::Blocked);
        q.toggle_status(StatusKey::NotStarted);
        let r = Route {
            page: Page::Town("jinze".into()),
            query: q,
            as_of: Some(d(2022, 10, 1)),
            list: None,
        };
        let h = r.to_hash();
        assert_eq!(
            h,
            "#/town/jinze?q=%E7%A4%BA%E8%8C%83%E6%9D%91%20a%26b&cat=1,5\
             &dept=%E5%8C%BA%E4%BA%A4%E9%80%9A%E5%A7%94&month=0,10&unit=jinze,park\
             &scope=all-park&status=todo,blocked&sort=deadline&asof=2022-10-01"
        );
        assert!(h.is_ascii());
        assert_eq!(Route::from_hash(&h), r);
    }

    #[test]
    fn lenient_parsing() {
        let r = Route::from_hash("/task/12/?cat=2,x,300,&month=13,4&foo=bar&sort=zzz&asof=bad");
        assert_eq!(r.page, Page::Task(12));
        assert_eq!(r.query.categories.iter().copied().collect::<Vec<_>>(), [2]);
        assert_eq!(r.query.months.iter().copied().collect::<Vec<_>>(), [4]);
        assert_eq!(r.query.sort, SortKey::Number);
        assert_eq!(r.as_of, None);

        assert_eq!(Route::from_hash(""), Route::default());
        assert_eq!(Route::from_hash("#"), Route::default());
        assert_eq!(Route::from_hash("#/nowhere/3"), Route::default());
        assert_eq!(Route::from_hash("#/task/abc").page, Page::Tasks);
        assert_eq!(Route::from_hash("#/town/").page, Page::Towns);
        // Raw (unencoded) non-ASCII is accepted too.
        assert_eq!(
            Route::from_hash("#/dept/区交通委?q=道路").page,
            Page::Dept("区交通委".into())
        );
        // Repeated parameters add up.
        let r = Route::from_hash("#/?status=done&status=doing&q=a&q=b");
        assert_eq!(r.query.statuses.len(), 2);
        assert_eq!(r.query.text, "b");
    }

    #[test]
    fn with_page_keeps_query_and_date() {
        let r = Route::from_hash("#/?q=x&asof=2022-05-01");
        let t = r.with_page(Page::Task(3));
        assert_eq!(t.to_hash(), "#/task/3?q=x&asof=2022-05-01");
    }

    #[test]
    fn the_list_is_kept_on_every_page_and_round_trips() {
        let r = Route::from_hash("#/town/zhujiajiao?asof=2023-05-01&l=qingpu-2023");
        assert_eq!(r.list.as_deref(), Some("qingpu-2023"));
        assert_eq!(
            r.to_hash(),
            "#/town/zhujiajiao?asof=2023-05-01&l=qingpu-2023"
        );
        let t = r.with_page(Page::Rollup(RollupView {
            stale: Some(30),
            ..RollupView::default()
        }));
        assert_eq!(
            t.to_hash(),
            "#/rollup?asof=2023-05-01&l=qingpu-2023&stale=30"
        );
        assert_eq!(Route::from_hash(&t.to_hash()), t);
        // Any id survives the URL (percent-encoded); an empty one is no list.
        let odd = Route {
            list: Some("list-2023-ab&c d".into()),
            ..Route::default()
        };
        assert_eq!(Route::from_hash(&odd.to_hash()), odd);
        assert_eq!(Route::from_hash("#/?l=").list, None);
        assert_eq!(Route::from_hash("#/?l=%20").list, None);
    }

    #[test]
    fn rollup_view_round_trips_after_the_shared_params() {
        let view = RollupView {
            stale: Some(30),
            col: Some("zhujiajiao".into()),
            row: Some(12),
        };
        let r = Route {
            page: Page::Rollup(view.clone()),
            query: TaskQuery {
                text: "道路".into(),
                ..TaskQuery::default()
            },
            as_of: Some(d(2022, 10, 1)),
            list: None,
        };
        let h = r.to_hash();
        assert_eq!(
            h,
            "#/rollup?q=%E9%81%93%E8%B7%AF&asof=2022-10-01&stale=30&col=zhujiajiao&row=12"
        );
        assert_eq!(Route::from_hash(&h), r);
        // Alone, the view's parameters open the query string.
        let only = Route {
            page: Page::Rollup(RollupView {
                stale: Some(7),
                ..RollupView::default()
            }),
            ..Route::default()
        };
        assert_eq!(only.to_hash(), "#/rollup?stale=7");
        assert_eq!(Route::from_hash("#/rollup?stale=7"), only);
        // The default threshold is left out; junk is ignored.
        let r = Route::from_hash("#/rollup?stale=14&row=x&col=&stale=abc");
        assert_eq!(r.page, Page::Rollup(RollupView::default()));
        assert_eq!(r.to_hash(), "#/rollup");
        assert_eq!(RollupView::default().stale_days(), 14);
    }

    #[test]
    fn links_across_entry_pages_name_the_other_file() {
        let rollup = Route::from_hash("#/rollup?asof=2022-10-01");
        assert_eq!(rollup.href_from(Entry::Tools), "#/rollup?asof=2022-10-01");
        assert_eq!(
            rollup.href_from(Entry::App),
            "tools.html#/rollup?asof=2022-10-01"
        );
        let towns = Route::from_hash("#/towns");
        assert_eq!(towns.href_from(Entry::App), "#/towns");
        assert_eq!(towns.href_from(Entry::Tools), "index.html#/towns");
        // Data and print live on the tools' page: the field staff's first load does not carry them.
        let data = Route::from_hash("#/data?asof=2022-10-01");
        assert_eq!(
            data.href_from(Entry::App),
            "tools.html#/data?asof=2022-10-01"
        );
        assert_eq!(data.href_from(Entry::Tools), "#/data?asof=2022-10-01");
        let print = Route::from_hash("#/print/zhujiajiao");
        assert_eq!(print.href_from(Entry::App), "tools.html#/print/zhujiajiao");
        assert_eq!(print.href_from(Entry::Tools), "#/print/zhujiajiao");
        // The one-file version is every page: links stay within the file.
        for hash in [
            "#/data",
            "#/print/district",
            "#/rollup",
            "#/towns",
            "#/task/3",
        ] {
            assert_eq!(Route::from_hash(hash).href_from(Entry::OneFile), hash);
        }
        assert_eq!(Entry::OneFile.link_prefix(&Page::Data), "");
        assert_eq!(Entry::App.link_prefix(&Page::Data), "tools.html");
        assert_eq!(Entry::Tools.link_prefix(&Page::Tasks), "index.html");
        // A share page without a unit lets the user choose one.
        assert_eq!(
            Route::from_hash("#/share/").page,
            Page::Share(String::new())
        );
    }

    #[test]
    fn every_page_belongs_to_a_hosted_entry_page() {
        let tools = [
            Page::Data,
            Page::Print("zhujiajiao".into()),
            Page::Rollup(RollupView::default()),
            Page::Share(String::new()),
            Page::Receive("x".into()),
        ];
        let app = [
            Page::Tasks,
            Page::Task(1),
            Page::Towns,
            Page::Town("zhujiajiao".into()),
            Page::Depts,
            Page::Dept("区交通委".into()),
        ];
        for p in tools {
            assert_eq!(p.entry(), Entry::Tools, "{p:?}");
        }
        for p in app {
            assert_eq!(p.entry(), Entry::App, "{p:?}");
        }
        // `#/print/` without a unit is the data page: on the tools' page too.
        assert_eq!(Route::from_hash("#/print").page.entry(), Entry::Tools);
    }
}
