//! Reading a 街镇任务量 (per-town allocation) cell into a [`Scope`] and per-unit
//! [`UnitAllocation`]s.
//!
//! The cell is free Chinese text. It is read with plain string scanning in a few steps:
//!
//! 1. **Lines.** A line ending in a list separator (`、`, `，`, `,`) continues on the next line
//!    (task 11 wraps its list); other line breaks end a list.
//! 2. **Statements.** Each line is split at `。`, `；` and `;`. A leading enumeration such as
//!    `4.` is dropped.
//! 3. **Header and body.** If the statement has a colon (`：` or `:`), the text before it is the
//!    *header* (what is being allocated, often with a total: `全区落实粮食任务12.4万亩`) and the
//!    text after it the *body*; otherwise the whole statement is the body.
//! 4. **Items.** The body is split at `、`, `，` and `,`. An item that starts with a unit name
//!    (longest match; lead-ins like `涉及` are skipped) is read as one of:
//!    * `赵巷4000亩`, `徐泾1.05 万吨`, `赵巷2`: a quantity, measure from the number's suffix;
//!    * `华新创建4家睦邻点`, `练塘镇28亩受污染耕地…`: a quantity whose metric is the noun after
//!      the number (a short verb such as `创建`/`推进` may come between name and number);
//!    * `练塘徐练村`, `香花桥青山社区居委会为…`: a village (name ending in `村` or `居委会`);
//!    * anything else (`重固`, `夏阳开展…`): the unit is only named.
//!
//!    A group name (`青西三镇`) names each of its members. Items that do not start with a unit
//!    are ignored.
//! 5. **Mentions.** Every unit named anywhere in the cell gets an allocation, with no items if
//!    nothing quantified it.
//!
//! # Metric names
//!
//! The metric of a quantity is, in order of preference: the noun after its number (step 4); the
//! header's metric; the metric derived from the task name. The header's metric is its last clause
//! (split at `，`; a bare connector such as `包括` moves to the clause before) cleaned like this:
//!
//! * a parenthesis is removed; if it holds a measure (`道路（公里）`) that is the header's measure;
//! * a stated total (`12.4万亩`, `共7个村`) is removed: with `共` the metric is the text before it;
//!   if text follows the total (`开展600亩水产养殖场改造项目`) the metric is that text up to the
//!   next `、`; otherwise the text before the total;
//! * `全年` is removed anywhere; leading noise words ([`LEADING_NOISE`]: `全区`, `落实`, `本市`,
//!   `目前`, `开展` …) are stripped repeatedly; trailing `创建面积` and `建设` are stripped.
//!
//! If that leaves nothing or only a generic word (`创建工作`, `工作` …) the task-name metric is
//! used: the task name cleaned the same way, also stripping leading verbs ([`TASK_VERBS`]) and
//! trailing `创建`/`工作` (`培育新型职业农民` → `新型职业农民`).
//!
//! # Measures
//!
//! The item's own suffix (`4000亩`), else the header's parenthesis (`（公里）`), else the stated
//! total's (`共7个村` → `个`), else one implied by the task requirements: a number with a measure
//! right after the metric (`新型职业农民100名` → `名`) or shortly before it
//! (`2个乡村振兴示范村` → `个`). Otherwise empty.
//!
//! # Stated totals
//!
//! A header's total (`全区落实粮食任务12.4万亩：…`) is the district total of the metric its list
//! assigns; [`stated_totals`] reads them (for the district roll-up) without changing the dataset.
//!
//! # Scope
//!
//! * [`Scope::AllTowns`] / [`Scope::AllTownsAndPark`]: the text has an all-towns phrase
//!   (`11个街镇`, `各街镇`, `每个街镇`, `各相关街镇`, `全区各街镇` …), or its allocations cover all
//!   11 街镇 (a full breakdown like task 17's); `AndPark` when the park is named too.
//! * [`Scope::Listed`]: otherwise, when some unit is named.
//! * [`Scope::District`]: no unit named and no all-towns phrase (including an empty cell).

use crate::domain::task::{Assignment, Scope, UnitAllocation, UnitKind};

use super::units::{self, Names};

/// Units of measure that can follow a number, longest first so `万亩次` wins over `万亩`.
pub const MEASURES: &[&str] = &[
    "平方米",
    "万亩次",
    "万亩",
    "万吨",
    "公里",
    "亩次",
    "人次",
    "亩",
    "吨",
    "个",
    "家",
    "座",
    "名",
    "人",
    "处",
    "条",
    "篇",
    "所",
    "户",
    "项",
    "米",
];

/// Words stripped from the start of a header's metric (repeatedly, in any order).
pub const LEADING_NOISE: &[&str] = &[
    "目前",
    "全区",
    "本区",
    "辖区内",
    "本年度",
    "上年度",
    "年内",
    "确定",
    "落实",
    "拟向市申报",
    "申报",
    "加快推进",
    "加快",
    "加强",
    "推进",
    "开展",
    "完成",
    "创建",
    "涉及",
    "本市",
];

/// Verbs stripped from the start of a task name when it supplies the metric.
pub const TASK_VERBS: &[&str] = &[
    "继续推进",
    "严格保护",
    "统计监测",
    "培育",
    "建设",
    "发展",
    "实施",
    "打造",
    "提升",
    "稳定",
    "推广",
    "做好",
    "强化",
    "深化",
    "引导",
    "健全",
    "完善",
    "组织",
];

/// Metrics too generic to stand alone; the task-name metric is used instead.
const GENERIC_METRICS: &[&str] = &["", "工作", "创建工作", "创建", "建设", "建设工作", "任务"];

/// Short verbs that may stand between a unit name and its number (`华新创建4家睦邻点`).
const ITEM_VERBS: &[&str] = &[
    "创建", "推进", "新建", "建设", "完成", "开展", "培育", "落实",
];

/// Words that end an inline noun (`受污染耕地落实严格管控` → `受污染耕地`).
const NOUN_STOPS: &[&str] = &["落实", "开展", "进行", "完成", "作为", "实施"];

/// Words an item may start with before its unit name.
const ITEM_LEAD_INS: &[&str] = &["涉及", "其中", "包括", "以及", "及"];

/// Words that may end a header clause and point at the list (`…验收工作，包括：`).
const CONNECTORS: &[&str] = &["包括", "其中", "分别为", "分别是", "具体为", "如下"];

/// What may follow a village name (besides punctuation or the end of the item).
const VILLAGE_FOLLOWERS: &[&str] = &["为", "作为", "等"];

/// The result of reading one allocation cell.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedAllocation {
    /// Which units the task applies to.
    pub scope: Scope,
    /// One entry per unit named, in canonical unit order.
    pub allocations: Vec<UnitAllocation>,
}

/// What a header (the text before a colon) says.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The cleaned metric name; may be generic or empty.
    pub metric: String,
    /// A measure given in parentheses, e.g. `公里` in `道路（公里）`.
    pub measure: Option<String>,
    /// A stated total with its measure, e.g. `(12.4, "万亩")`.
    pub total: Option<(f64, String)>,
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// A decimal number at the start of `s`: its value and byte length (`5.54公里` → 5.54, 4).
pub fn take_number(s: &str) -> Option<(f64, usize)> {
    let int = s.bytes().take_while(u8::is_ascii_digit).count();
    if int == 0 {
        return None;
    }
    let mut len = int;
    if s[int..].starts_with('.') {
        let frac = s[int + 1..].bytes().take_while(u8::is_ascii_digit).count();
        if frac > 0 {
            len = int + 1 + frac;
        }
    }
    s[..len].parse().ok().map(|v| (v, len))
}

/// The longest measure at the start of `s`.
pub fn take_measure(s: &str) -> Option<&'static str> {
    MEASURES.iter().copied().find(|m| s.starts_with(m))
}

fn skip_spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_space).len()
}

/// Strips `全年` anywhere, then [`LEADING_NOISE`] (plus `extra_leading`) from the start and
/// `trailing` from the end, repeatedly.
fn clean_metric(raw: &str, extra_leading: &[&str], trailing: &[&str]) -> String {
    let mut s = raw.replace("全年", "");
    loop {
        let t = s.trim_matches(is_space);
        let stripped = LEADING_NOISE
            .iter()
            .chain(extra_leading)
            .find_map(|w| t.strip_prefix(w))
            .or_else(|| trailing.iter().find_map(|w| t.strip_suffix(w)));
        match stripped {
            Some(rest) => s = rest.to_string(),
            None => return t.to_string(),
        }
    }
}

fn is_generic(metric: &str) -> bool {
    GENERIC_METRICS.contains(&metric)
}

/// The metric a task name implies (`培育新型职业农民` → `新型职业农民`), for lists whose
/// header does not say what is counted.
pub fn task_metric(task_name: &str) -> String {
    clean_metric(task_name, TASK_VERBS, &["创建面积", "建设", "创建", "工作"])
}

/// Reads a header: its metric, a measure in parentheses and a stated total.
pub fn parse_header(raw: &str) -> Header {
    // The last clause that is not just a connector.
    let mut clause = "";
    for c in raw.rsplit(['，', ',']) {
        let mut c = c.trim_matches(is_space);
        while let Some(rest) = CONNECTORS.iter().find_map(|w| c.strip_suffix(w)) {
            c = rest.trim_end_matches(is_space);
        }
        if !c.is_empty() {
            clause = c;
            break;
        }
    }
    // A parenthesis: a measure, or a note dropped from the metric.
    let mut measure = None;
    let mut text = clause.to_string();
    if let Some(open) = text.find(['（', '(']) {
        let inner_start = open + text[open..].chars().next().map_or(1, char::len_utf8);
        if let Some(close_rel) = text[inner_start..].find(['）', ')']) {
            let close = inner_start + close_rel;
            let inner = text[inner_start..close].trim().to_string();
            if MEASURES.contains(&inner.as_str()) {
                measure = Some(inner);
            }
            let close_end = close + text[close..].chars().next().map_or(1, char::len_utf8);
            text.replace_range(open..close_end, "");
        }
    }
    // A stated total: the first number followed by a measure.
    let mut total = None;
    let mut metric_raw = text.clone();
    for (i, _) in text.char_indices() {
        if i > 0 && text[..i].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let Some((value, nlen)) = take_number(&text[i..]) else {
            continue;
        };
        let after_num = i + nlen;
        let m_start = after_num + skip_spaces(&text[after_num..]);
        let Some(m) = take_measure(&text[m_start..]) else {
            continue;
        };
        let before = &text[..i];
        let after = &text[m_start + m.len()..];
        metric_raw = if let Some(b) = before.strip_suffix('共') {
            b.to_string()
        } else if !after.trim().is_empty() {
            after.split('、').next().unwrap_or("").to_string()
        } else {
            before.to_string()
        };
        total = Some((value, m.to_string()));
        break;
    }
    Header {
        metric: clean_metric(&metric_raw, &[], &["创建面积", "建设"]),
        measure,
        total,
    }
}

/// A measure the requirements imply for `metric`: a number and measure right after it
/// (`新型职业农民100名`) or up to six characters before it (`2个乡村振兴示范村`).
pub fn infer_measure(metric: &str, requirements: &str) -> Option<&'static str> {
    if metric.is_empty() {
        return None;
    }
    for (idx, _) in requirements.match_indices(metric) {
        let after = &requirements[idx + metric.len()..];
        if let Some((_, nlen)) = take_number(after) {
            let rest = &after[nlen..];
            if let Some(m) = take_measure(&rest[skip_spaces(rest)..]) {
                return Some(m);
            }
        }
        let before = &requirements[..idx];
        let mut cut = before.len();
        for gap in 0..=6 {
            let s = &before[..cut];
            for m in MEASURES {
                if let Some(num) = s.strip_suffix(m) {
                    if num.ends_with(|c: char| c.is_ascii_digit()) {
                        return Some(m);
                    }
                }
            }
            if gap == 6 {
                break;
            }
            match s.chars().next_back() {
                Some(c) if is_cjk(c) => cut -= c.len_utf8(),
                _ => break,
            }
        }
    }
    None
}

/// A village name at the start of `rest` (`徐练村`, `青山社区居委会为…`).
fn village_at(rest: &str) -> Option<&str> {
    let mut end = 0;
    for (count, c) in rest.chars().enumerate() {
        if !is_cjk(c) || count >= 12 {
            break;
        }
        end += c.len_utf8();
        let name = &rest[..end];
        if name.chars().count() < 2 || !(name.ends_with('村') || name.ends_with("居委会")) {
            continue;
        }
        let follow = &rest[end..];
        let ends_here = follow
            .chars()
            .next()
            .is_none_or(|f| !is_cjk(f) && !f.is_ascii_alphanumeric())
            || VILLAGE_FOLLOWERS.iter().any(|w| follow.starts_with(w));
        if ends_here {
            return Some(name);
        }
    }
    None
}

/// The metric named by the text after an item's number (`睦邻点`, `受污染耕地`).
fn inline_noun(rest: &str) -> Option<String> {
    if !rest.chars().next().is_some_and(|c| is_cjk(c) || c == '“') {
        return None;
    }
    let mut end = rest.len();
    for w in NOUN_STOPS {
        if let Some(p) = rest.find(w) {
            end = end.min(p);
        }
    }
    let noun = rest[..end].trim_matches(is_space);
    (!noun.is_empty()).then(|| noun.to_string())
}

/// One item of a list, read.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Named(Vec<&'static str>),
    Village(&'static str, String),
    Quantity {
        unit: &'static str,
        value: f64,
        measure: Option<&'static str>,
        noun: Option<String>,
        phrase: String,
    },
}

fn parse_item(item: &str, names: &Names) -> Option<Item> {
    let mut t = item.trim_matches(is_space);
    while let Some(rest) = ITEM_LEAD_INS.iter().find_map(|w| t.strip_prefix(w)) {
        t = rest.trim_start_matches(is_space);
    }
    let m = names.match_at_start(t)?;
    if m.group {
        return Some(Item::Named(m.units));
    }
    let unit = m.units[0];
    let rest = &t[m.end..];
    // `赵巷4000亩`, or with a short verb first: `华新创建4家睦邻点`.
    let num_start = if rest.starts_with(|c: char| c.is_ascii_digit()) {
        Some(m.end)
    } else {
        ITEM_VERBS
            .iter()
            .find(|v| {
                rest.strip_prefix(*v)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            })
            .map(|v| m.end + v.len())
    };
    if let Some(ns) = num_start {
        let (value, nlen) = take_number(&t[ns..])?;
        let after_num = ns + nlen;
        let m_start = after_num + skip_spaces(&t[after_num..]);
        let measure = take_measure(&t[m_start..]);
        let mut end = match measure {
            Some(ms) => m_start + ms.len(),
            None => after_num,
        };
        let noun = inline_noun(&t[end..]);
        if let Some(n) = &noun {
            end += t[end..].find(n.as_str()).map_or(0, |p| p + n.len());
        }
        return Some(Item::Quantity {
            unit,
            value,
            measure,
            noun,
            phrase: t[..end].to_string(),
        });
    }
    if let Some(v) = village_at(rest) {
        return Some(Item::Village(unit, v.to_string()));
    }
    Some(Item::Named(vec![unit]))
}

/// Joins a line ending in a list separator with the next one.
fn logical_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joining = false;
    for line in text.split('\n') {
        if joining {
            let last = out.last_mut().expect("joining implies a previous line");
            last.push('\n');
            last.push_str(line);
        } else {
            out.push(line.to_string());
        }
        let tail = out
            .last()
            .map(|l| l.trim_end_matches(is_space))
            .unwrap_or("");
        joining = tail.ends_with(['、', '，', ',']);
    }
    out
}

/// Drops a leading enumeration like `4.` or `2、` (not a decimal such as `0.9`).
fn strip_enumeration(s: &str) -> &str {
    let t = s.trim_matches(is_space);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        for mark in ['.', '．', '、'] {
            if let Some(r) = rest.strip_prefix(mark) {
                if !r.starts_with(|c: char| c.is_ascii_digit()) {
                    return r.trim_start_matches(is_space);
                }
            }
        }
    }
    t
}

/// Whether the text has a phrase meaning "all 11 街镇".
pub fn has_all_towns_phrase(text: &str) -> bool {
    const PHRASES: &[&str] = &["各街镇", "各相关街镇", "每个街镇", "所有街镇", "全区街镇"];
    if PHRASES.iter().any(|p| text.contains(p)) {
        return true;
    }
    text.match_indices("个街镇").any(|(i, _)| {
        let before = &text[..i];
        let digits: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits.parse::<usize>().ok() == Some(units::town_count())
    })
}

#[derive(Default)]
struct Collector {
    allocations: Vec<UnitAllocation>,
}

impl Collector {
    fn entry(&mut self, unit: &str) -> &mut UnitAllocation {
        if let Some(i) = self.allocations.iter().position(|a| a.unit == unit) {
            &mut self.allocations[i]
        } else {
            self.allocations.push(UnitAllocation {
                unit: unit.to_string(),
                items: Vec::new(),
                villages: Vec::new(),
            });
            self.allocations.last_mut().expect("just pushed")
        }
    }
}

/// The statements of an allocation cell (steps 1–3 of the module docs): each one's header, if it
/// has a colon, and its body.
fn statements(text: &str) -> Vec<(Option<Header>, String)> {
    let mut out = Vec::new();
    for line in logical_lines(text) {
        for statement in line.split(['。', '；', ';']) {
            let statement = strip_enumeration(statement);
            out.push(match statement.find(['：', ':']) {
                Some(p) => {
                    let colon_len = statement[p..].chars().next().map_or(1, char::len_utf8);
                    (
                        Some(parse_header(&statement[..p])),
                        statement[p + colon_len..].to_string(),
                    )
                }
                None => (None, statement.to_string()),
            });
        }
    }
    out
}

/// The metric and measure of a quantity item (see "Metric names" and "Measures" in the module
/// docs): its own noun and suffix first, then the header's, then what the task implies.
fn quantity_metric(
    noun: Option<String>,
    measure: Option<&str>,
    header: Option<&Header>,
    task_name: &str,
    requirements: &str,
) -> (String, String) {
    let metric = noun.unwrap_or_else(|| match header {
        Some(h) if !is_generic(&h.metric) => h.metric.clone(),
        _ => task_metric(task_name),
    });
    let measure = measure
        .map(str::to_string)
        .or_else(|| header.and_then(|h| h.measure.clone()))
        .or_else(|| header.and_then(|h| h.total.as_ref().map(|t| t.1.clone())))
        .or_else(|| infer_measure(&metric, requirements).map(str::to_string))
        .unwrap_or_default();
    (metric, measure)
}

/// Reads an allocation cell. `task_name` and `requirements` supply a metric and measure where the
/// cell leaves them implicit.
pub fn parse_allocation(text: &str, task_name: &str, requirements: &str) -> ParsedAllocation {
    parse_allocation_with(text, task_name, requirements, &units::BUILT_IN)
}

/// [`parse_allocation`] recognising the unit names in `names` (the built-in ones and the aliases
/// a user mapped to a unit).
pub fn parse_allocation_with(
    text: &str,
    task_name: &str,
    requirements: &str,
    names: &Names,
) -> ParsedAllocation {
    let mut col = Collector::default();
    for (header, body) in statements(text) {
        for raw_item in body.split(['、', '，', ',']) {
            match parse_item(raw_item, names) {
                None => {}
                Some(Item::Named(ids)) => {
                    for id in ids {
                        col.entry(id);
                    }
                }
                Some(Item::Village(id, v)) => col.entry(id).villages.push(v),
                Some(Item::Quantity {
                    unit,
                    value,
                    measure,
                    noun,
                    phrase,
                }) => {
                    let (metric, measure) =
                        quantity_metric(noun, measure, header.as_ref(), task_name, requirements);
                    col.entry(unit).items.push(Assignment {
                        metric,
                        value,
                        measure,
                        phrase,
                    });
                }
            }
        }
    }
    for m in names.find_mentions(text) {
        for id in m.units {
            col.entry(id);
        }
    }
    let mut allocations = col.allocations;
    allocations.sort_by_key(|a| units::unit_order(&a.unit));

    let named = |id: &str| allocations.iter().any(|a| a.unit == id);
    let park_named = units::UNITS
        .iter()
        .filter(|u| u.kind == UnitKind::Park)
        .any(|u| named(u.id));
    let all_towns_named = units::UNITS
        .iter()
        .filter(|u| u.kind != UnitKind::Park)
        .all(|u| named(u.id));
    let scope = if has_all_towns_phrase(text) || all_towns_named {
        if park_named {
            Scope::AllTownsAndPark
        } else {
            Scope::AllTowns
        }
    } else if allocations.is_empty() {
        Scope::District
    } else {
        Scope::Listed
    };
    ParsedAllocation { scope, allocations }
}

/// How a unit's full name ends: 街道 (subdistrict), 园区 (park), 镇 (town).
const UNIT_SUFFIXES: &[&str] = &["街道", "园区", "镇"];

/// Endings of words that name no unit: "all towns" phrases and titles a town earns.
#[rustfmt::skip]
const NOT_UNIT_ENDINGS: &[&str] = &[
    "街镇", "乡镇", "城镇", "集镇", "村镇", "小镇", "全镇", "本镇", "各镇", "该镇", "每镇",
    "示范镇", "卫生镇", "特色镇", "重点镇",
];

/// Common nouns with a unit ending (`青浦工业园区` may be a unit, `工业园区` alone is not).
const NOT_UNIT_NAMES: &[&str] = &["工业园区", "产业园区", "科技园区", "示范园区", "物流园区"];

/// Names in an allocation cell that look like a unit's (a short name ending in 镇, 街道 or 园区
/// at the start of a list item, followed by a number, a village, or nothing) but are neither one
/// of the units nor a group nor an alias in `names`, with their byte offsets: what next year's
/// list may call a unit the table does not know (`西岑镇2个`), for the user to map to a unit or
/// accept as not one.
pub fn unit_like_names<'t>(text: &'t str, names: &Names) -> Vec<(usize, &'t str)> {
    let mut found = Vec::new();
    let mut start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        let is_separator = matches!(
            c,
            '、' | '，'
                | ','
                | '。'
                | '；'
                | ';'
                | '：'
                | ':'
                | '\n'
                | '（'
                | '）'
                | '('
                | ')'
                | '/'
                | '／'
        ) || is_space(c);
        if !is_separator {
            continue;
        }
        let item = &text[start..i];
        start = i + c.len_utf8();
        if matches!(c, '：' | ':') {
            // What comes before a colon is a header (`本市第二批示范镇：…`), not a list item.
            continue;
        }
        if let Some((offset, name)) = unit_like_name(item, names) {
            found.push((i - item.len() + offset, name));
        }
    }
    found
}

/// The unknown unit-like name `item` starts with, and its offset in `item`.
fn unit_like_name<'t>(item: &'t str, names: &Names) -> Option<(usize, &'t str)> {
    let mut t = item.trim_start_matches(is_space);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if let Some(rest) = t[digits..].strip_prefix(['.', '．']).filter(|_| digits > 0) {
        t = rest;
    }
    while let Some(rest) = ITEM_LEAD_INS.iter().find_map(|w| t.strip_prefix(w)) {
        t = rest;
    }
    let mut end = 0;
    for (count, c) in t.chars().enumerate() {
        if !is_cjk(c) || count >= 12 {
            return None;
        }
        end += c.len_utf8();
        let name = &t[..end];
        let before_suffix = UNIT_SUFFIXES
            .iter()
            .find(|s| name.ends_with(*s))
            .map(|s| count + 1 - s.chars().count());
        if before_suffix.is_some_and(|n| n >= 2) {
            break;
        }
    }
    let name = &t[..end];
    if name.chars().count() < 3 {
        return None;
    }
    let rest = &t[end..];
    // Where the allocation parser reads a unit: the item is the name, or the name then a number
    // (`西岑镇2个`, `西岑镇创建2个`) or a village.
    let unit_position = rest.trim().is_empty()
        || rest.starts_with(|c: char| c.is_ascii_digit())
        || ITEM_VERBS.iter().any(|v| {
            rest.strip_prefix(v)
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        || village_at(rest).is_some();
    if !unit_position
        || !UNIT_SUFFIXES.iter().any(|s| name.ends_with(s))
        || NOT_UNIT_ENDINGS.iter().any(|w| name.ends_with(w))
        || NOT_UNIT_NAMES.contains(&name)
        || names.match_at_start(t).is_some()
        || !names.find_mentions(name).is_empty()
    {
        return None;
    }
    Some((item.len() - t.len(), name))
}

pub use crate::domain::task::StatedTotal;

/// `value` stated in `from`, expressed in `to`: the same measure, or one with the `万` (10 000)
/// prefix on one side (`万亩` → `亩`). `None` when the measures do not match.
pub fn convert_measure(value: f64, from: &str, to: &str) -> Option<f64> {
    if from == to {
        Some(value)
    } else if from.strip_prefix('万') == Some(to) {
        Some(value * 10_000.0)
    } else if to.strip_prefix('万') == Some(from) {
        Some(value / 10_000.0)
    } else {
        None
    }
}

/// The district totals an allocation cell states, per metric, in metric order of first
/// appearance. A statement's header total (`蔬菜全年产量38.09万吨：赵巷0.02万吨、…`) belongs to
/// the metric of the quantities listed after its colon. A metric gets a total only when every
/// statement that lists quantities of it states one, all of them in a measure convertible to the
/// quantities' (several such statements add up); a total whose list names no quantity, or
/// quantities of several metrics, is not attributed. `task_name` and `requirements` as for
/// [`parse_allocation`], so the metric names match the dataset's.
pub fn stated_totals(text: &str, task_name: &str, requirements: &str) -> Vec<StatedTotal> {
    // Per metric: (the sum of the totals so far, or `None` once a statement lacks one; measure).
    let mut found: Vec<(String, Option<f64>, String)> = Vec::new();
    for (header, body) in statements(text) {
        let mut metrics: Vec<(String, String)> = Vec::new();
        for raw_item in body.split(['、', '，', ',']) {
            if let Some(Item::Quantity { measure, noun, .. }) =
                parse_item(raw_item, &units::BUILT_IN)
            {
                let m = quantity_metric(noun, measure, header.as_ref(), task_name, requirements);
                if !metrics.contains(&m) {
                    metrics.push(m);
                }
            }
        }
        let total = match (header.as_ref().and_then(|h| h.total.as_ref()), &metrics[..]) {
            (Some((value, from)), [(_, to)]) => convert_measure(*value, from, to),
            _ => None,
        };
        for (metric, measure) in metrics {
            match found.iter_mut().find(|(m, _, _)| *m == metric) {
                Some((_, sum, seen_measure)) => {
                    *sum = match (*sum, total) {
                        (Some(a), Some(b)) if *seen_measure == measure => Some(a + b),
                        _ => None,
                    };
                }
                None => found.push((metric, total, measure)),
            }
        }
    }
    found
        .into_iter()
        .filter_map(|(metric, value, measure)| {
            value.map(|value| StatedTotal {
                metric,
                value,
                measure,
            })
        })
        .collect()
}

/// [`stated_totals`] of a task of the dataset (for
/// [`crate::domain::rollup::Rollup::with_stated_totals`]).
pub fn task_stated_totals(task: &crate::domain::task::Task) -> Vec<StatedTotal> {
    stated_totals(&task.allocation_text, &task.name, &task.requirements)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(unit: &str, metric: &str, value: f64, measure: &str, phrase: &str) -> UnitAllocation {
        UnitAllocation {
            unit: unit.into(),
            items: vec![Assignment {
                metric: metric.into(),
                value,
                measure: measure.into(),
                phrase: phrase.into(),
            }],
            villages: vec![],
        }
    }

    fn named(unit: &str) -> UnitAllocation {
        UnitAllocation {
            unit: unit.into(),
            items: vec![],
            villages: vec![],
        }
    }

    #[test]
    fn numbers_and_measures() {
        assert_eq!(take_number("5.54、"), Some((5.54, 4)));
        assert_eq!(take_number("4000亩"), Some((4000.0, 4)));
        assert_eq!(take_number("3.亩"), Some((3.0, 1)));
        assert_eq!(take_number("亩"), None);
        assert_eq!(take_measure("万亩次、"), Some("万亩次"));
        assert_eq!(take_measure("万亩、"), Some("万亩"));
        assert_eq!(take_measure("年"), None);
    }

    #[test]
    fn headers() {
        let h = parse_header("道路（公里）");
        assert_eq!(
            (h.metric.as_str(), h.measure.as_deref(), h.total),
            ("道路", Some("公里"), None)
        );
        let h = parse_header("全区落实粮食任务12.4万亩");
        assert_eq!(h.metric, "粮食任务");
        assert_eq!(h.total, Some((12.4, "万亩".into())));
        assert_eq!(
            parse_header("蔬菜全年播种面积16.9万亩次").metric,
            "蔬菜播种面积"
        );
        assert_eq!(
            parse_header("农产品绿色生产基地创建面积27278.59亩").metric,
            "农产品绿色生产基地"
        );
        assert_eq!(parse_header("本市第二批示范镇").metric, "第二批示范镇");
        assert_eq!(
            parse_header("本年度开展600亩水产养殖场改造项目").metric,
            "水产养殖场改造项目"
        );
        let h = parse_header("确定共16个村开展创建工作");
        assert_eq!(
            (h.metric.as_str(), h.total),
            ("", Some((16.0, "个".into())))
        );
        assert_eq!(
            parse_header("加快推进15个在建项目施工进度、审价审计及验收工作，包括").metric,
            "在建项目施工进度"
        );
        let h = parse_header("固定观察点（包含乡村振兴示范村）");
        assert_eq!((h.metric.as_str(), h.measure), ("固定观察点", None));
    }

    #[test]
    fn task_metrics() {
        assert_eq!(task_metric("培育新型职业农民"), "新型职业农民");
        assert_eq!(
            task_metric("开展市级美丽乡村示范村创建"),
            "市级美丽乡村示范村"
        );
    }

    #[test]
    fn measure_inference() {
        assert_eq!(
            infer_measure("新型职业农民", "计划培育新型职业农民100名。"),
            Some("名")
        );
        assert_eq!(
            infer_measure("乡村振兴示范村", "完成2021年度2个乡村振兴示范村建设"),
            Some("个")
        );
        assert_eq!(
            infer_measure("固定观察点", "推进本区首批2个乡村振兴固定观察点运行"),
            Some("个")
        );
        assert_eq!(infer_measure("固定观察点", "推进固定观察点运行"), None);
        assert_eq!(infer_measure("", "1个"), None);
    }

    #[test]
    fn villages() {
        assert_eq!(village_at("徐练村"), Some("徐练村"));
        assert_eq!(
            village_at("青山社区居委会为本区“全国”"),
            Some("青山社区居委会")
        );
        assert_eq!(village_at("开展乡村治理中运用积分制相关工作"), None);
    }

    #[test]
    fn road_and_bridge_list() {
        let p = parse_allocation(
            "道路（公里）：赵巷2、朱家角8、夏阳5.54。\n桥梁（座）：朱家角8。",
            "推进村内道路建设养护",
            "",
        );
        assert_eq!(p.scope, Scope::Listed);
        let zjj = p
            .allocations
            .iter()
            .find(|a| a.unit == "zhujiajiao")
            .unwrap();
        let got: Vec<(&str, f64, &str, &str)> = zjj
            .items
            .iter()
            .map(|i| {
                (
                    i.metric.as_str(),
                    i.value,
                    i.measure.as_str(),
                    i.phrase.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("道路", 8.0, "公里", "朱家角8"),
                ("桥梁", 8.0, "座", "朱家角8")
            ]
        );
        assert_eq!(
            p.allocations[0],
            item("zhaoxiang", "道路", 2.0, "公里", "赵巷2")
        );
        assert_eq!(
            p.allocations[2],
            item("xiayang", "道路", 5.54, "公里", "夏阳5.54")
        );
    }

    #[test]
    fn wrapped_list_keeps_its_header() {
        let p = parse_allocation("提档升级改造：赵巷3.333公里、\n金泽5.664公里。", "x", "");
        assert_eq!(p.allocations.len(), 2);
        assert!(p
            .allocations
            .iter()
            .all(|a| a.items[0].metric == "提档升级改造"));
        assert_eq!(p.allocations[1].items[0].phrase, "金泽5.664公里");
    }

    #[test]
    fn inline_forms() {
        let p = parse_allocation(
            "华新创建4家睦邻点，金泽创建4家睦邻点。",
            "建设市级示范睦邻点",
            "",
        );
        assert_eq!(
            p.allocations[0],
            item("huaxin", "睦邻点", 4.0, "家", "华新创建4家睦邻点")
        );
        let p = parse_allocation("练塘镇28亩受污染耕地落实严格管控。", "t", "");
        assert_eq!(
            p.allocations[0],
            item("liantang", "受污染耕地", 28.0, "亩", "练塘镇28亩受污染耕地")
        );
    }

    #[test]
    fn named_units_villages_groups() {
        let p = parse_allocation("白鹤、朱家角、练塘、金泽。", "t", "");
        assert_eq!(p.scope, Scope::Listed);
        assert_eq!(
            p.allocations,
            vec![
                named("baihe"),
                named("zhujiajiao"),
                named("liantang"),
                named("jinze")
            ]
        );
        let p = parse_allocation(
            "练塘徐练村、香花桥青山社区居委会为示范。各街镇分别推荐1个村。",
            "t",
            "",
        );
        assert_eq!(p.scope, Scope::AllTowns);
        assert_eq!(p.allocations[0].villages, vec!["徐练村"]);
        assert_eq!(p.allocations[1].villages, vec!["青山社区居委会"]);
        let p = parse_allocation("2.加强青西三镇的扶持工作", "t", "");
        assert_eq!(p.scope, Scope::Listed);
        assert_eq!(
            p.allocations,
            vec![named("zhujiajiao"), named("liantang"), named("jinze")]
        );
    }

    #[test]
    fn scopes() {
        let s = |t: &str| parse_allocation(t, "t", "").scope;
        assert_eq!(s(""), Scope::District);
        assert_eq!(s("无平移项目"), Scope::District);
        assert_eq!(s("总结形成街镇经验提交区级。"), Scope::District);
        assert_eq!(s("11个街镇"), Scope::AllTowns);
        assert_eq!(s("3个街镇"), Scope::District);
        assert_eq!(s("各相关街镇根据市级要求落实推进。"), Scope::AllTowns);
        assert_eq!(s("每个街镇系统内"), Scope::AllTowns);
        assert_eq!(s("11个街镇、现代农业园区"), Scope::AllTownsAndPark);
        assert_eq!(s("各街镇及现代农业园区新申报项目"), Scope::AllTownsAndPark);
        assert_eq!(s("全区各街镇、现代农业园区在"), Scope::AllTownsAndPark);
        assert_eq!(s("练塘镇"), Scope::Listed);
        assert_eq!(
            s("赵巷1、徐泾2、华新2、重固40、白鹤2、朱家角5、练塘30、金泽5、夏阳10、盈浦2、香花桥1。"),
            Scope::AllTowns
        );
        assert_eq!(
            s("国家卫生镇迎复审：重固、白鹤。11个街镇进一步开展"),
            Scope::AllTowns
        );
    }

    #[test]
    fn stated_totals_per_metric() {
        let grain = "全区落实粮食任务12.4万亩：赵巷4000亩、农业园区3350亩。";
        assert_eq!(
            stated_totals(grain, "稳定粮食生产", ""),
            vec![StatedTotal {
                metric: "粮食任务".into(),
                value: 124_000.0,
                measure: "亩".into()
            }]
        );
        // Two metrics, each with its own header total; the measure is the items' own.
        let veg =
            "蔬菜全年播种面积16.9万亩次：赵巷0.03万亩次。\n蔬菜全年产量38.09万吨：赵巷0.02万吨。";
        let t = stated_totals(veg, "t", "");
        let got: Vec<(&str, f64, &str)> = t
            .iter()
            .map(|t| (t.metric.as_str(), t.value, t.measure.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("蔬菜播种面积", 16.9, "万亩次"),
                ("蔬菜产量", 38.09, "万吨")
            ]
        );
        // `共7个村` with items in 个; the metric comes from the task name.
        let t = stated_totals(
            "确定共16个村开展创建工作：华新镇1个、练塘镇5个。",
            "开展市级美丽乡村示范村创建",
            "",
        );
        assert_eq!(
            (t[0].metric.as_str(), t[0].value, t.len()),
            ("市级美丽乡村示范村", 16.0, 1)
        );
        // No total stated, a total over a list of names only, a measure that does not convert.
        assert!(stated_totals("道路（公里）：赵巷2、朱家角8。", "t", "").is_empty());
        assert!(stated_totals("年内完成6176亩治理：涉及白鹤、朱家角。", "t", "").is_empty());
        assert!(stated_totals("共5个：赵巷4000亩。", "t", "").is_empty());
        // A metric listed again without a total has no stated total.
        assert!(stated_totals("道路共10公里：赵巷2公里。\n道路：金泽3公里。", "t", "").is_empty());
        // Several statements with totals for one metric add up.
        let t = stated_totals(
            "道路共2公里：赵巷2公里。\n道路共3公里：金泽3公里。",
            "t",
            "",
        );
        assert_eq!((t[0].metric.as_str(), t[0].value), ("道路", 5.0));
    }

    #[test]
    fn measures_convert_through_wan() {
        assert_eq!(convert_measure(12.4, "万亩", "亩"), Some(124_000.0));
        assert_eq!(convert_measure(5000.0, "亩", "万亩"), Some(0.5));
        assert_eq!(convert_measure(3.0, "个", "个"), Some(3.0));
        assert_eq!(convert_measure(3.0, "个", "亩"), None);
        assert_eq!(convert_measure(3.0, "万吨", "亩"), None);
    }

    #[test]
    fn unit_like_names_are_unknown_names_where_a_unit_would_be() {
        let names = &units::BUILT_IN;
        let found = |text| unit_like_names(text, names);
        let text = "赵巷2个、西岑镇3个、青浦工业园区，商榻镇创建1个，蒸淀镇张马村";
        let got = found(text);
        let got_names: Vec<&str> = got.iter().map(|(_, n)| *n).collect();
        assert_eq!(
            got_names,
            vec!["西岑镇", "青浦工业园区", "商榻镇", "蒸淀镇"]
        );
        assert!(got.iter().all(|(at, n)| text[*at..].starts_with(n)));
        // Headers, known names, "all towns" phrases and nouns are not unit names.
        assert!(found("本市第二批示范镇：重固镇1个").is_empty());
        assert!(found("国家卫生镇迎复审：重固、白鹤").is_empty());
        assert!(found("各街镇、全区街镇、11个街镇").is_empty());
        assert!(found("现代农业园区2个、市级现代农业园区1个、农业园区").is_empty());
        assert!(found("推进小城镇建设，特色小镇1个，工业园区2个").is_empty());
        assert!(found("根据村资镇管要求，西岑镇负责").is_empty());
        // Lead-ins and enumerations are skipped; an alias is known.
        assert_eq!(found("1.涉及西岑镇"), vec![(8, "西岑镇")]);
        assert_eq!(found("（西岑镇）"), vec![(3, "西岑镇")]);
        let with = Names::with_aliases([("西岑镇", "jinze")]);
        assert!(unit_like_names("1.涉及西岑镇", &with).is_empty());
    }

    #[test]
    fn aliases_allocate_to_their_unit_keeping_the_phrase() {
        let names = Names::with_aliases([("西岑镇", "jinze")]);
        let p = parse_allocation_with("示范村：西岑镇2个、金泽1个", "创建示范村", "", &names);
        assert_eq!(p.allocations.len(), 1);
        assert_eq!(p.allocations[0].unit, "jinze");
        let phrases: Vec<&str> = p.allocations[0]
            .items
            .iter()
            .map(|i| i.phrase.as_str())
            .collect();
        assert_eq!(phrases, vec!["西岑镇2个", "金泽1个"]);
        assert!(parse_allocation("示范村：西岑镇2个", "创建示范村", "")
            .allocations
            .is_empty());
    }

    #[test]
    fn enumerations_are_dropped_but_not_decimals() {
        assert_eq!(strip_enumeration("  4.收益分配"), "收益分配");
        assert_eq!(strip_enumeration("2、各街镇"), "各街镇");
        assert_eq!(strip_enumeration("0.9万亩"), "0.9万亩");
    }
}
