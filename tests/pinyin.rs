//! Pinyin search over the embedded list: a table of queries with the tasks they must find,
//! computed from the list's texts by plain character search for the Chinese words each query
//! spells (never by the app's matcher), and properties against a reference matcher that reads
//! the `pinyin` crate directly.
#![cfg(not(target_arch = "wasm32"))]

use pinyin::ToPinyinMulti;
use proptest::prelude::*;

use qingdan::domain::filter::{filter_tasks, filter_tasks_in};
use qingdan::domain::query::{StatusKey, TaskQuery};
use qingdan::domain::search::{highlight_with, terms, SearchIndex};
use qingdan::domain::task::{Dataset, Task};

mod common;
use common::Cases;

const CASES: Cases = Cases(500);

fn todo(_: &Task) -> StatusKey {
    StatusKey::NotStarted
}

fn dataset() -> Dataset {
    qingdan::data::embedded().expect("embedded dataset")
}

/// The texts pinyin search covers, written out here from the dataset's fields: the name, the
/// lead departments, the category's name, and the full and short names of the units the
/// allocation names.
fn pinyin_texts(ds: &Dataset, task: &Task) -> Vec<String> {
    let mut out = vec![task.name.clone()];
    out.extend(task.leads.iter().cloned());
    out.extend(
        ds.categories
            .iter()
            .filter(|c| c.id == task.category)
            .map(|c| c.name.clone()),
    );
    for a in &task.allocations {
        for u in ds.units.iter().filter(|u| u.id == a.unit) {
            out.push(u.name.clone());
            out.extend(u.short_names.iter().cloned());
        }
    }
    out
}

/// The texts plain search covers.
fn plain_texts(task: &Task) -> [&str; 4] {
    [
        &task.name,
        &task.requirements,
        &task.allocation_text,
        &task.lead_text,
    ]
}

/// Task ids the query finds, by the scan and by the index (which must agree).
fn found(ds: &Dataset, query: &str) -> Vec<u16> {
    let q = TaskQuery {
        text: query.to_string(),
        ..TaskQuery::default()
    };
    let scan: Vec<u16> = filter_tasks(ds, &q, &todo).iter().map(|t| t.id).collect();
    let index = SearchIndex::new(ds);
    let indexed: Vec<u16> = filter_tasks_in(ds, &q, &todo, Some(&index))
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(scan, indexed, "scan and index for {query:?}");
    scan
}

/// Ids of the tasks one of whose pinyin texts contains one of `words`, or one of whose plain
/// texts contains `term` itself.
fn expected(ds: &Dataset, term: &str, words: &[&str]) -> Vec<u16> {
    ds.tasks
        .iter()
        .filter(|t| {
            pinyin_texts(ds, t)
                .iter()
                .any(|f| words.iter().any(|w| f.contains(w)))
                || plain_texts(t)
                    .iter()
                    .any(|f| f.to_ascii_lowercase().contains(term))
        })
        .map(|t| t.id)
        .collect()
}

#[test]
fn queries_find_the_tasks_whose_texts_hold_the_words_they_spell() {
    let ds = dataset();
    // Each query with every Chinese word of the list's pinyin texts it spells (found by reading
    // the texts; where a word is a surprise, it says why).
    let table: &[(&str, &[&str])] = &[
        // 长江禁 (zhang jiang jin) in 做好长江禁渔工作 spells zjj too.
        ("zjj", &["朱家角", "长江禁"]),
        ("zhujiajiao", &["朱家角"]),
        ("zhujj", &["朱家角"]),
        ("ZhuJJ", &["朱家角"]),
        ("nongyenongcunwei", &["农业农村委"]),
        ("nyncw", &["农业农村委"]),
        // While typing: the last character by a prefix of its reading.
        ("nongyenong", &["农业农"]),
        ("nongyenongc", &["农业农村"]),
        // 定粮 (ding liang) in 稳定粮食生产.
        ("dl", &["道路", "定粮"]),
        ("daolu", &["道路"]),
        ("daol", &["道路"]),
        // Polyphones the list decides: 重固 is chonggu (the unit id), never zhonggu.
        ("chonggu", &["重固"]),
        ("zhonggu", &[]),
        // cg: 重固; 成国, 村规, 村改, 村公; 提高 through 提's reading chi.
        ("cg", &["重固", "成国", "村规", "村改", "村公", "提高"]),
        // Polyphones the list does not decide keep every reading: 重 in 重大 is zhong or chong.
        ("zhongda", &["重大"]),
        ("chongda", &["重大"]),
        ("zhangjiang", &["长江"]),
        ("changjiang", &["长江"]),
        // ü typed as v or u.
        ("lvse", &["绿色"]),
        ("luse", &["绿色"]),
        // Units by their short and full names, departments, categories.
        // 循环示 (xun huan qi: 示 also reads qi) in 推进生态循环示范建设.
        ("xhq", &["香花桥", "循环示"]),
        ("qwzzb", &["区委组织部"]),
        ("tytzny", &["调优调整农业"]),
        // Initials of two letters.
        ("zhjj", &["朱家角", "长江禁"]),
        ("zzzz", &[]),
        ("qqqq", &[]),
    ];
    for &(query, words) in table {
        let want = expected(&ds, &query.to_ascii_lowercase(), words);
        assert_eq!(found(&ds, query), want, "query {query:?}");
        if !words.is_empty() {
            assert!(!want.is_empty(), "{query:?} finds something");
        }
    }
    // The spot checks of the issue.
    assert!(found(&ds, "dl").contains(&9));
    let zhujiajiao = expected(&ds, "zhujiajiao", &["朱家角"]);
    assert_eq!(found(&ds, "zhujiajiao"), zhujiajiao);
    assert!(zhujiajiao.len() > 10);
}

#[test]
fn a_pinyin_term_and_a_character_term_combine() {
    let ds = dataset();
    for (query, words, chinese) in [
        ("zjj 道路", &["朱家角", "长江禁"][..], "道路"),
        ("道路 zjj", &["朱家角", "长江禁"][..], "道路"),
        ("nyncw 示范", &["农业农村委"][..], "示范"),
        (
            "cg 粮食",
            &["重固", "成国", "村规", "村改", "村公", "提高"][..],
            "粮食",
        ),
    ] {
        let pinyin = expected(
            &ds,
            query.split(' ').find(|t| t.is_ascii()).unwrap_or(""),
            words,
        );
        let want: Vec<u16> = ds
            .tasks
            .iter()
            .filter(|t| pinyin.contains(&t.id))
            .filter(|t| plain_texts(t).iter().any(|f| f.contains(chinese)))
            .map(|t| t.id)
            .collect();
        assert!(!want.is_empty(), "{query:?} finds something");
        assert_eq!(found(&ds, query), want, "query {query:?}");
    }
    assert_eq!(found(&ds, "zjj 道路"), [9]);
}

/// Readings of a character straight from the source, as a person types them.
fn source_readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in c.to_pinyin_multi().into_iter().flatten() {
        let plain = p.plain();
        for s in [plain.replace('ü', "v"), plain.replace('ü', "u")] {
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()) && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

#[test]
fn dl_does_not_reach_into_the_requirements() {
    let ds = dataset();
    // Tasks whose requirements hold two characters read d…, l… one after the other (独立, 带领 …)
    // but whose pinyin texts have no 道路 or 定粮: plain search would find them, pinyin must not.
    let d_l = |text: &str| {
        let chars: Vec<char> = text.chars().collect();
        chars.windows(2).any(|w| {
            source_readings(w[0]).iter().any(|r| r.starts_with('d'))
                && source_readings(w[1]).iter().any(|r| r.starts_with('l'))
        })
    };
    let only_there: Vec<u16> = ds
        .tasks
        .iter()
        .filter(|t| d_l(&t.requirements))
        .filter(|t| !expected(&ds, "dl", &["道路", "定粮"]).contains(&t.id))
        .map(|t| t.id)
        .collect();
    assert!(only_there.len() > 5, "{only_there:?}");
    let dl = found(&ds, "dl");
    assert!(only_there.iter().all(|id| !dl.contains(id)), "{dl:?}");

    // And a task whose only 道路 is in its requirements: found by 道路, not by dl.
    let mut ds = ds;
    let task = ds.tasks.iter_mut().find(|t| t.id == 14).expect("task 14");
    task.requirements = "村内道路".to_string();
    assert!(found(&ds, "道路").contains(&14));
    assert!(!found(&ds, "dl").contains(&14));
    assert!(!found(&ds, "daolu").contains(&14));
}

#[test]
fn pinyin_hits_are_highlighted_in_names_and_departments() {
    let table = qingdan::data::readings();
    let render = |text: &str, query: &str| -> String {
        highlight_with(text, &terms(query), Some(table))
            .iter()
            .map(|s| {
                if s.hit {
                    format!("[{}]", s.text)
                } else {
                    s.text.to_string()
                }
            })
            .collect()
    };
    assert_eq!(
        render("推进村内道路建设养护", "dl"),
        "推进村内[道路]建设养护"
    );
    assert_eq!(
        render("区委组织部/区农业农村委", "nyncw"),
        "区委组织部/区[农业农村委]"
    );
    assert_eq!(render("区农业农村委", "nongyenong"), "区[农业农]村委");
    assert_eq!(
        render("推进村内道路建设养护", "dl 建设"),
        "推进村内[道路建设]养护"
    );
    assert_eq!(
        render("推进村内道路建设养护", "zzzz"),
        "推进村内道路建设养护"
    );
    assert_eq!(render("GDP道路", "gdp"), "[GDP]道路");
}

/// A reference matcher: can `term` be spelled from some character of `text` on, each character
/// by a reading, its first letter or its zh/ch/sh, the last also by a prefix of a reading?
/// Characters of a word the list decides (the table's words) have only the decided reading.
fn reference_spells(term: &str, text: &str, words: &[(String, Vec<&str>)]) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut readings: Vec<Vec<String>> = chars.iter().map(|&c| source_readings(c)).collect();
    for (word, rs) in words {
        let w: Vec<char> = word.chars().collect();
        for start in 0..chars.len() {
            if chars[start..].starts_with(&w) {
                for (k, r) in rs.iter().enumerate() {
                    readings[start + k] = vec![r.to_string()];
                }
            }
        }
    }
    fn spell(q: &str, rest: &[Vec<String>]) -> bool {
        let Some((first, tail)) = rest.split_first() else {
            return false;
        };
        first.iter().any(|r| {
            r.starts_with(q)
                || (q.starts_with(r.as_str()) && spell(&q[r.len()..], tail))
                || (q.as_bytes()[0] == r.as_bytes()[0] && spell(&q[1..], tail))
                || (["zh", "ch", "sh"].contains(&&r[..r.len().min(2)])
                    && q.starts_with(&r[..2])
                    && spell(&q[2..], tail))
        })
    }
    let q = term.to_ascii_lowercase();
    !q.is_empty() && (0..chars.len()).any(|i| spell(&q, &readings[i..]))
}

#[test]
fn the_initials_of_a_name_find_its_task() {
    let ds = dataset();
    let words = qingdan::data::readings().words();
    let index = SearchIndex::new(&ds);
    let n = ds.tasks.len();
    // A task, a run of its name's Chinese characters, and per character: initial, full reading
    // or (last only) a prefix, with a random reading among its heteronyms.
    let strategy = (
        0..n,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop::collection::vec((0u8..3, any::<prop::sample::Index>()), 12),
    );
    CASES.check("initials of a name", strategy, |(i, from, len, picks)| {
        let task = &ds.tasks[i];
        // The runs of characters that have readings (digits and quotes end a run).
        let mut runs: Vec<Vec<char>> = vec![Vec::new()];
        for c in task.name.chars() {
            if source_readings(c).is_empty() {
                runs.push(Vec::new());
            } else if let Some(last) = runs.last_mut() {
                last.push(c);
            }
        }
        runs.retain(|r| !r.is_empty());
        let run = from.get(&runs);
        let start = len.index(run.len());
        let run = &run[start..(start + 1 + len.index(run.len() - start)).min(start + picks.len())];
        // Readings in context: a decided word's characters take its reading.
        let text: String = task.name.clone();
        let all: Vec<char> = text.chars().collect();
        let offset = all
            .windows(run.len())
            .position(|w| w == run)
            .ok_or_else(|| TestCaseError::fail("run not in name"))?;
        let mut readings: Vec<Vec<String>> = all.iter().map(|&c| source_readings(c)).collect();
        for (word, rs) in &words {
            let w: Vec<char> = word.chars().collect();
            for s in 0..all.len() {
                if all[s..].starts_with(&w) {
                    for (k, r) in rs.iter().enumerate() {
                        readings[s + k] = vec![r.to_string()];
                    }
                }
            }
        }
        let mut initials = String::new();
        let mut mixed = String::new();
        for (k, ((how, pick), rs)) in picks
            .iter()
            .zip(&readings[offset..offset + run.len()])
            .enumerate()
        {
            let r = pick.get(rs);
            initials.push_str(&r[..1]);
            match how {
                0 => mixed.push_str(&r[..1]),
                1 => mixed.push_str(r),
                _ if k + 1 == run.len() => mixed.push_str(&r[..1 + pick.index(r.len())]),
                _ => mixed.push_str(r),
            }
        }
        for query in [&initials, &mixed] {
            let t = terms(query);
            let q = TaskQuery {
                text: query.clone(),
                ..TaskQuery::default()
            };
            prop_assert!(
                filter_tasks(&ds, &q, &todo).iter().any(|x| x.id == task.id),
                "{:?} (from {:?}) does not find task {}",
                query,
                run.iter().collect::<String>(),
                task.id
            );
            prop_assert!(index.matches(&t)[i], "index: {:?}", query);
        }
        Ok(())
    });
}

#[test]
fn the_matcher_agrees_with_a_reference_over_random_terms() {
    let ds = dataset();
    let words = qingdan::data::readings().words();
    let index = SearchIndex::new(&ds);
    // Short terms of common initials and whole syllables, so that many match something.
    let piece = prop_oneof![
        3 => "[bcdfghjlmnpqrstwxyz]".prop_map(String::from),
        1 => prop::sample::select(vec![
            "zh", "ch", "sh", "nong", "cun", "ye", "wei", "zhu", "jia", "jiao", "dao", "lu",
            "chong", "zhong", "gu", "qu", "lv", "xiang", "zhen", "jian", "she",
        ])
        .prop_map(String::from),
    ];
    let term = prop::collection::vec(piece, 1..5).prop_map(|p| p.concat());
    CASES.check("reference matcher", term, |term| {
        let want: Vec<u16> = ds
            .tasks
            .iter()
            .filter(|t| {
                pinyin_texts(&ds, t)
                    .iter()
                    .any(|f| reference_spells(&term, f, &words))
                    || plain_texts(t)
                        .iter()
                        .any(|f| f.to_ascii_lowercase().contains(&term))
            })
            .map(|t| t.id)
            .collect();
        let q = TaskQuery {
            text: term.clone(),
            ..TaskQuery::default()
        };
        let got: Vec<u16> = filter_tasks(&ds, &q, &todo).iter().map(|t| t.id).collect();
        prop_assert_eq!(&got, &want, "term {:?}", term);
        let indexed: Vec<u16> = filter_tasks_in(&ds, &q, &todo, Some(&index))
            .iter()
            .map(|t| t.id)
            .collect();
        prop_assert_eq!(&indexed, &want, "index, term {:?}", term);
        Ok(())
    });
}
