//! Which entry page shows a view is decided in three places that must agree: `Page::entry` (the
//! wasms' links and hand-overs), `public/boot.js` (a hosted page passes a link on to the other
//! page before any wasm starts) and `scripts/build/tools-page.mjs` `TOOLS_VIEWS` (the one-file
//! version starts the wasm the hash names). A view one of them sends to the other page and
//! another keeps would bounce between the pages, or, in the one-file version, reload forever.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use qingdan::domain::route::{page_path, Entry, Page, RollupView, Route};

fn read(path: &str) -> String {
    let file = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The names between `start` and the next `end` in `text`, split on `sep`.
fn list(text: &str, start: &str, end: &str, sep: char) -> BTreeSet<String> {
    let at = text
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` found"));
    let rest = &text[at + start.len()..];
    let len = rest
        .find(end)
        .unwrap_or_else(|| panic!("no `{end}` after `{start}`"));
    rest[..len]
        .split(sep)
        .map(|s| s.trim().trim_matches('\'').to_string())
        .collect()
}

/// The first path segment of a page's hash (`#/print/x` → `print`).
fn view(page: &Page) -> String {
    let path = page_path(page);
    let path = path.trim_start_matches("#/");
    path.split('/').next().unwrap_or("").to_string()
}

fn every_page() -> Vec<Page> {
    vec![
        Page::Tasks,
        Page::Task(3),
        Page::Towns,
        Page::Town("zhujiajiao".into()),
        Page::Depts,
        Page::Dept("区交通委".into()),
        Page::Data,
        Page::Print("zhujiajiao".into()),
        Page::Rollup(RollupView::default()),
        Page::Share("zhujiajiao".into()),
        Page::Receive("x".into()),
        Page::Lists,
    ]
}

#[test]
fn boot_js_the_one_file_start_up_and_the_routes_agree_on_the_tools_views() {
    let boot = list(&read("public/boot.js"), "var tools = /^(", ")$/", '|');
    let build = list(
        &read("scripts/build/tools-page.mjs"),
        "export const TOOLS_VIEWS = [",
        "]",
        ',',
    );
    let routes: BTreeSet<String> = every_page()
        .iter()
        .filter(|p| p.entry() == Entry::Tools)
        .map(view)
        .collect();
    assert_eq!(boot, routes, "public/boot.js");
    assert_eq!(build, routes, "scripts/build/tools-page.mjs TOOLS_VIEWS");
    // Any hash starting with one of these views opens a tools page, whatever follows it.
    for v in &routes {
        for hash in [format!("#/{v}"), format!("#/{v}/"), format!("#/{v}?q=x")] {
            assert_eq!(Route::from_hash(&hash).page.entry(), Entry::Tools, "{hash}");
        }
    }
    // And every other page is the field app's.
    for p in every_page().iter().filter(|p| !routes.contains(&view(p))) {
        assert_eq!(p.entry(), Entry::App, "{p:?}");
    }
}
