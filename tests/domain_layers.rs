//! The domain's modules use one another in one direction only: the table in the doc comment of
//! `src/domain/mod.rs` lists them in lines, and a module may use only modules on lower lines.
//! This test reads the sources (a module's file and its folder, outside `#[cfg(test)]` modules
//! and comments) and fails on any use that goes sideways or up, and on a module the table does
//! not list.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::Path;

const DOMAIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/domain");

/// Module name → its line in the table, counted from the bottom (0 = uses nothing).
fn layers() -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(Path::new(DOMAIN).join("mod.rs")).expect("domain/mod.rs");
    let table: Vec<&str> = text
        .lines()
        .map(|l| l.strip_prefix("//!").unwrap_or("").trim())
        .skip_while(|l| *l != "```text")
        .skip(1)
        .take_while(|l| *l != "```")
        .collect();
    assert!(!table.is_empty(), "no ```text table in src/domain/mod.rs");
    let mut layers = BTreeMap::new();
    for (i, line) in table.iter().rev().enumerate() {
        // The names come first, separated by ", "; two spaces start the description.
        let names = line.split("  ").next().unwrap_or("");
        for name in names.split(',') {
            layers.insert(name.trim().to_string(), i);
        }
    }
    layers
}

/// The code of a module: its file (up to its test module, without comment lines), and the
/// `crate::domain::` paths of the files of its folder, if it has one (`super::` there means the
/// module itself).
fn code(name: &str) -> String {
    let text = std::fs::read_to_string(Path::new(DOMAIN).join(format!("{name}.rs")))
        .unwrap_or_else(|e| panic!("{name}.rs: {e}"));
    let mut code = without_tests_and_comments(&text);
    let mut folders = vec![Path::new(DOMAIN).join(name)];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                code.push('\n');
                code.push_str(&without_tests_and_comments(&text).replace("super::", "self::"));
            }
        }
    }
    code
}

fn without_tests_and_comments(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The domain modules `code` names through `crate::domain::` or `super::`, including the
/// members of a `{…}` group.
fn uses(code: &str, modules: &BTreeMap<String, usize>) -> Vec<String> {
    let mut found = Vec::new();
    for prefix in ["crate::domain::", "super::"] {
        for (i, _) in code.match_indices(prefix) {
            let rest = &code[i + prefix.len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group
                    .split('}')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|p| p.trim().split("::").next().unwrap_or(""))
                    .collect(),
                None => vec![rest
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or("")],
            };
            for name in names {
                if modules.contains_key(name) && !found.iter().any(|f| f == name) {
                    found.push(name.to_string());
                }
            }
        }
    }
    found
}

#[test]
fn every_domain_module_uses_only_lower_lines_of_the_table() {
    let layers = layers();
    let mut files: Vec<String> = std::fs::read_dir(DOMAIN)
        .expect("src/domain")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".rs").map(str::to_string))
        .filter(|f| f != "mod")
        .collect();
    files.sort();
    let mut wrong = Vec::new();
    for m in &files {
        let Some(&own) = layers.get(m) else {
            wrong.push(format!("{m}: not in the table of src/domain/mod.rs"));
            continue;
        };
        for dep in uses(&code(m), &layers) {
            if dep != *m && layers[&dep] >= own {
                wrong.push(format!("{m} uses {dep}, which is not on a lower line"));
            }
        }
    }
    for listed in layers.keys() {
        if !files.contains(listed) {
            wrong.push(format!(
                "{listed}: in the table but no src/domain/{listed}.rs"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_use_that_goes_up() {
    let layers = layers();
    let sample = "use crate::domain::progress::Record;\nuse super::{merge, task::Task};\n\
                  // crate::domain::export is only mentioned here\n\
                  #[cfg(test)]\nmod tests { use crate::domain::import; }\n";
    let code = without_tests_and_comments(sample);
    assert_eq!(uses(&code, &layers), ["progress", "merge", "task"]);
}
