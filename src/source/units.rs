//! The 12 units that receive tasks (11 towns/subdistricts and the Modern Agriculture Park), the
//! group names the source uses for several of them, and name lookup.
//!
//! The table is data, not parsed: the source only ever names units inside free text, so the
//! canonical list, its order and the URL slugs are fixed here.

use std::sync::OnceLock;

use crate::domain::task::{Unit, UnitKind};

/// One unit as static data; [`all_units`] turns the table into [`Unit`] values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitDef {
    /// URL slug, e.g. `zhujiajiao`.
    pub id: &'static str,
    /// Full name, e.g. `朱家角镇`.
    pub name: &'static str,
    /// Short forms the source uses, e.g. `朱家角`.
    pub short_names: &'static [&'static str],
    /// Town, subdistrict or park.
    pub kind: UnitKind,
}

/// The units in canonical order (the order the source lists towns in its breakdowns).
pub const UNITS: [UnitDef; 12] = [
    unit(UnitKind::Town, "zhaoxiang", "赵巷镇", &["赵巷"]),
    unit(UnitKind::Town, "xujing", "徐泾镇", &["徐泾"]),
    unit(UnitKind::Town, "huaxin", "华新镇", &["华新"]),
    unit(UnitKind::Town, "chonggu", "重固镇", &["重固"]),
    unit(UnitKind::Town, "baihe", "白鹤镇", &["白鹤"]),
    unit(UnitKind::Town, "zhujiajiao", "朱家角镇", &["朱家角"]),
    unit(UnitKind::Town, "liantang", "练塘镇", &["练塘"]),
    unit(UnitKind::Town, "jinze", "金泽镇", &["金泽"]),
    unit(UnitKind::Subdistrict, "xiayang", "夏阳街道", &["夏阳"]),
    unit(UnitKind::Subdistrict, "yingpu", "盈浦街道", &["盈浦"]),
    unit(
        UnitKind::Subdistrict,
        "xianghuaqiao",
        "香花桥街道",
        &["香花桥"],
    ),
    // The source writes "现代农业园区" and, once (task 17), "农业园区". A bare "园区" never
    // appears, and accepting it would risk matching unrelated words, so it is not a short name.
    unit(
        UnitKind::Park,
        "nongye-yuanqu",
        "现代农业园区",
        &["农业园区"],
    ),
];

const fn unit(
    kind: UnitKind,
    id: &'static str,
    name: &'static str,
    short_names: &'static [&'static str],
) -> UnitDef {
    UnitDef {
        id,
        name,
        short_names,
        kind,
    }
}

/// A name that stands for several units at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupDef {
    /// The group name as written, e.g. `青西三镇`.
    pub name: &'static str,
    /// Ids of its members, in canonical order.
    pub members: &'static [&'static str],
}

/// Group names. The 2022 source uses only 青西三镇 (the three western towns, task 64).
/// Phrases for "all towns" ("11个街镇", "各街镇" …) are scopes, not groups: see
/// [`crate::source::allocation`].
pub const GROUPS: &[GroupDef] = &[GroupDef {
    name: "青西三镇",
    members: &["zhujiajiao", "liantang", "jinze"],
}];

/// The units as dataset values, in canonical order.
pub fn all_units() -> Vec<Unit> {
    UNITS
        .iter()
        .map(|u| Unit {
            id: u.id.to_string(),
            name: u.name.to_string(),
            short_names: u.short_names.iter().map(|s| s.to_string()).collect(),
            kind: u.kind,
        })
        .collect()
}

/// The table entry of a unit id.
pub fn unit_def(id: &str) -> Option<&'static UnitDef> {
    UNITS.iter().find(|u| u.id == id)
}

/// Position of a unit id in the canonical order (for sorting); unknown ids sort last.
pub fn unit_order(id: &str) -> usize {
    UNITS.iter().position(|u| u.id == id).unwrap_or(UNITS.len())
}

/// How many of the units are 街镇 (towns and subdistricts, not the park): 11.
pub fn town_count() -> usize {
    UNITS.iter().filter(|u| u.kind != UnitKind::Park).count()
}

/// Every name (full, short, group) with the unit ids it stands for, longest name first so that a
/// scan prefers `朱家角镇` over `朱家角` and `现代农业园区` over `农业园区`.
fn names_longest_first() -> &'static [(&'static str, Vec<&'static str>)] {
    static NAMES: OnceLock<Vec<(&'static str, Vec<&'static str>)>> = OnceLock::new();
    NAMES.get_or_init(build_names)
}

/// The first characters of the names, so a scan can skip a position with one comparison.
fn first_chars() -> &'static [char] {
    static FIRST: OnceLock<Vec<char>> = OnceLock::new();
    FIRST.get_or_init(|| {
        let mut chars: Vec<char> = names_longest_first()
            .iter()
            .filter_map(|(n, _)| n.chars().next())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    })
}

fn build_names() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut names: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for u in &UNITS {
        names.push((u.name, vec![u.id]));
        for s in u.short_names {
            names.push((s, vec![u.id]));
        }
    }
    for g in GROUPS {
        names.push((g.name, g.members.to_vec()));
    }
    // Stable sort: among names of equal length the table order decides.
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    names
}

/// The unit id for a full or short name, exactly (`朱家角`, `朱家角镇` → `zhujiajiao`).
/// Group names are not units; see [`lookup_names`].
pub fn lookup_unit(name: &str) -> Option<&'static str> {
    let name = name.trim();
    UNITS
        .iter()
        .find(|u| u.name == name || u.short_names.contains(&name))
        .map(|u| u.id)
}

/// The unit ids a unit name or group name stands for (`青西三镇` → three ids), exactly.
pub fn lookup_names(name: &str) -> Option<Vec<&'static str>> {
    let name = name.trim();
    names_longest_first()
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, ids)| ids.clone())
}

/// A unit or group name found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention<'n> {
    /// Byte offset of the name in the text.
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// The name as written.
    pub name: &'n str,
    /// The unit ids it stands for (one, or several for a group).
    pub units: Vec<&'static str>,
    /// Whether the name is a group name.
    pub group: bool,
}

/// The names a scan recognises: the built-in unit and group names, plus aliases a user has
/// mapped to one of the units (a name next year's list uses that the table does not know, such
/// as a former town's name, read as the unit it now belongs to).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// Alias → unit id, longest alias first (so a scan prefers the longest name).
    aliases: Vec<(String, &'static str)>,
}

/// The built-in names and no aliases, what [`match_at_start`] and [`find_mentions`] use.
pub static BUILT_IN: Names = Names::built_in();

impl Names {
    /// The built-in unit and group names only.
    pub const fn built_in() -> Self {
        Names {
            aliases: Vec::new(),
        }
    }

    /// The built-in names plus `aliases` (name → unit id). An alias that is empty, is already a
    /// unit or group name, or names an id that is not one of the [`UNITS`] is left out.
    pub fn with_aliases<'a, 'b>(aliases: impl IntoIterator<Item = (&'a str, &'b str)>) -> Self {
        let mut list: Vec<(String, &'static str)> = Vec::new();
        for (name, id) in aliases {
            let name = name.trim();
            let Some(def) = unit_def(id) else { continue };
            if name.is_empty() || lookup_names(name).is_some() {
                continue;
            }
            if !list.iter().any(|(n, _)| n == name) {
                list.push((name.to_string(), def.id));
            }
        }
        list.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        Names { aliases: list }
    }

    /// The aliases, longest first.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &'static str)> {
        self.aliases.iter().map(|(n, id)| (n.as_str(), *id))
    }

    /// The longest name `text` starts with.
    pub fn match_at_start(&self, text: &str) -> Option<Mention<'_>> {
        let first = text.chars().next()?;
        let built_in = if first_chars().binary_search(&first).is_ok() {
            names_longest_first()
                .iter()
                .find(|(n, _)| text.starts_with(n))
                .map(|(n, ids)| Mention {
                    start: 0,
                    end: n.len(),
                    name: n,
                    group: GROUPS.iter().any(|g| g.name == *n),
                    units: ids.clone(),
                })
        } else {
            None
        };
        let alias = self
            .aliases
            .iter()
            .find(|(n, _)| text.starts_with(n.as_str()))
            .map(|(n, id)| Mention {
                start: 0,
                end: n.len(),
                name: n.as_str(),
                group: false,
                units: vec![*id],
            });
        match (built_in, alias) {
            (Some(b), Some(a)) if a.end > b.end => Some(a),
            (Some(b), _) => Some(b),
            (None, a) => a,
        }
    }

    /// Every name in `text`, scanning left to right and taking the longest name at each position;
    /// matches do not overlap.
    pub fn find_mentions(&self, text: &str) -> Vec<Mention<'_>> {
        let mut found = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let rest = &text[pos..];
            if let Some(mut m) = self.match_at_start(rest) {
                m.start = pos;
                m.end += pos;
                pos = m.end;
                found.push(m);
            } else {
                pos += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        found
    }
}

/// The longest unit or group name that `text` starts with.
pub fn match_at_start(text: &str) -> Option<Mention<'static>> {
    BUILT_IN.match_at_start(text)
}

/// Every unit or group name in `text`, scanning left to right and taking the longest name at each
/// position; matches do not overlap.
pub fn find_mentions(text: &str) -> Vec<Mention<'static>> {
    BUILT_IN.find_mentions(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_twelve_units_with_unique_ids_and_names() {
        assert_eq!(UNITS.len(), 12);
        assert_eq!(town_count(), 11);
        let mut ids: Vec<_> = UNITS.iter().map(|u| u.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 12);
        let mut names: Vec<&str> = UNITS
            .iter()
            .flat_map(|u| std::iter::once(u.name).chain(u.short_names.iter().copied()))
            .collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "a name belongs to two units");
    }

    #[test]
    fn lookup_full_and_short_names() {
        assert_eq!(lookup_unit("赵巷"), Some("zhaoxiang"));
        assert_eq!(lookup_unit("赵巷镇"), Some("zhaoxiang"));
        assert_eq!(lookup_unit("朱家角"), Some("zhujiajiao"));
        assert_eq!(lookup_unit("夏阳街道"), Some("xiayang"));
        assert_eq!(lookup_unit("香花桥"), Some("xianghuaqiao"));
        assert_eq!(lookup_unit("农业园区"), Some("nongye-yuanqu"));
        assert_eq!(lookup_unit("现代农业园区"), Some("nongye-yuanqu"));
        assert_eq!(lookup_unit("园区"), None);
        assert_eq!(lookup_unit("青浦区"), None);
        assert_eq!(lookup_unit("青西三镇"), None);
        assert_eq!(
            lookup_names("青西三镇"),
            Some(vec!["zhujiajiao", "liantang", "jinze"])
        );
        assert_eq!(lookup_names("盈浦"), Some(vec!["yingpu"]));
    }

    #[test]
    fn park_is_not_a_town() {
        let park = unit_def("nongye-yuanqu").unwrap();
        assert_eq!(park.kind, UnitKind::Park);
        assert_eq!(unit_def("xiayang").unwrap().kind, UnitKind::Subdistrict);
        assert_eq!(unit_def("jinze").unwrap().kind, UnitKind::Town);
    }

    #[test]
    fn scan_prefers_longest_name() {
        let m = find_mentions("各街镇及现代农业园区、朱家角镇1个、农业园区3350亩");
        let got: Vec<(&str, Vec<&str>)> = m.iter().map(|m| (m.name, m.units.clone())).collect();
        assert_eq!(
            got,
            vec![
                ("现代农业园区", vec!["nongye-yuanqu"]),
                ("朱家角镇", vec!["zhujiajiao"]),
                ("农业园区", vec!["nongye-yuanqu"]),
            ]
        );
        let m = find_mentions("加强青西三镇的扶持");
        assert_eq!(m.len(), 1);
        assert!(m[0].group);
        assert_eq!(m[0].units.len(), 3);
        assert_eq!(&"加强青西三镇的扶持"[m[0].start..m[0].end], "青西三镇");
    }

    #[test]
    fn aliases_are_names_of_their_unit() {
        let names = Names::with_aliases([
            ("西岑镇", "jinze"),
            ("西岑", "jinze"),
            ("赵巷", "xujing"),    // already a unit's name: left out
            ("蒸淀镇", "nowhere"), // not a unit: left out
            ("  ", "jinze"),
        ]);
        let aliases: Vec<_> = names.aliases().collect();
        assert_eq!(aliases, vec![("西岑镇", "jinze"), ("西岑", "jinze")]);
        let m = names.match_at_start("西岑镇2个").unwrap();
        assert_eq!(
            (m.name, m.units.clone(), m.group),
            ("西岑镇", vec!["jinze"], false)
        );
        let found: Vec<(&str, usize)> = names
            .find_mentions("赵巷1个、西岑镇2个、现代农业园区")
            .iter()
            .map(|m| (m.name, m.start))
            .collect();
        assert_eq!(
            found,
            vec![("赵巷", 0), ("西岑镇", 13), ("现代农业园区", 29)]
        );
        assert!(find_mentions("西岑镇2个").is_empty());
    }

    #[test]
    fn match_at_start_only_matches_prefix() {
        assert_eq!(
            match_at_start("练塘徐练村").unwrap().units,
            vec!["liantang"]
        );
        assert_eq!(match_at_start("练塘镇28亩").unwrap().name, "练塘镇");
        assert!(match_at_start("各街镇").is_none());
    }
}
