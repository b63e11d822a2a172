//! Browser glue for the URL: the route lives in `location.hash`, so every view and filter can be
//! shared as a link, survives reload and back/forward, and works on any static host, under any
//! sub-path and from `file://` without rewrite rules.

use leptos::prelude::*;

use crate::domain::route::{Entry, Page, Route};

/// The current `location.hash`, or "" when it cannot be read.
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The route `hash` names, where a hash without a view (``, `#`, `#/`, `#/?asof=…`: the first
/// path segment empty, as `public/boot.js` reads it) opens `home`, keeping the parameters.
pub fn route_or_home(hash: &str, home: &Page) -> Route {
    let mut route = Route::from_hash(hash);
    let rest = hash.trim_start_matches('#').trim_start_matches('/');
    if rest.is_empty() || rest.starts_with('?') {
        route.page = home.clone();
    }
    route
}

/// Keeps `route` in step with the URL: back/forward, edited URLs and `<a href="#/…">` links all
/// arrive as `hashchange`. A hash without a view opens `home` ([`route_or_home`]).
pub fn sync_route_with_url(route: RwSignal<Route>, home: Page) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = route_or_home(&current_hash(), &home);
        // Another list: the page's dataset is fixed for its life, so load it again.
        if route.with_untracked(|r| r.list != next.list) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
                return;
            }
        }
        if route.get_untracked() != next {
            route.set(next);
        }
    });
    // The listener lives as long as the app.
    std::mem::forget(handle);
}

/// Writes `route` into the URL without adding a history entry (for typing in the search box,
/// where one entry per keystroke would make "back" useless).
pub fn replace_url(route: &Route) {
    let hash = route.to_hash();
    if current_hash() == hash {
        return;
    }
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        // A failure only means the URL lags behind the screen; the view itself is already right.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
    }
}

/// Navigates to `route`, adding a history entry (like following a link).
pub fn push_url(route: &Route) {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let _ = location.set_hash(&route.to_hash());
    }
}

/// The entry page this wasm runs as: `own` ([`Entry::App`] or [`Entry::Tools`]) on a hosted page,
/// [`Entry::OneFile`] where the one-file version's inline script has set
/// `window.qingdanOneFile = true` before starting it. Read once, at start-up.
pub fn running_entry(own: Entry) -> Entry {
    let one_file = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"qingdanOneFile".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if one_file {
        Entry::OneFile
    } else {
        own
    }
}

/// Opens `route`, a view of the other entry page: a hosted page loads that page with the same
/// hash, replacing this history entry so "back" does not bounce; the one-file version, where the
/// hash is already the view's, reloads itself so that its start-up script starts the other wasm —
/// unless this wasm was started on that view (the start-up script and [`Route::from_hash`]
/// disagree), where a reload would only start this one again. Returns the link shown meanwhile.
/// On a hosted page `boot.js`, whose `hashchange` listener runs first, may be on its way there
/// already (`window.qingdanLeaving`): a second navigation would only abort the first.
pub fn open_other_entry(route: &Route, from: Entry, at_start: bool) -> String {
    let href = route.href_from(from);
    if let Some(window) = web_sys::window() {
        let leaving = js_sys::Reflect::get(&window, &"qingdanLeaving".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let location = window.location();
        let _ = match from {
            Entry::OneFile if at_start => Ok(()),
            Entry::OneFile => location.reload(),
            Entry::App | Entry::Tools if leaving => Ok(()),
            Entry::App | Entry::Tools => location.replace(&href),
        };
    }
    href
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::route::RollupView;

    #[test]
    fn a_hash_without_a_view_opens_the_home_keeping_the_parameters() {
        let home = Page::Rollup(RollupView::default());
        for hash in ["", "#", "#/", "#//", "/"] {
            assert_eq!(route_or_home(hash, &home).page, home, "{hash:?}");
        }
        let r = route_or_home("#/?asof=2022-10-01", &home);
        assert_eq!(r.page, home);
        assert_eq!(r.to_hash(), "#/rollup?asof=2022-10-01");
        assert_eq!(route_or_home("#/data", &home).page, Page::Data);
        assert_eq!(route_or_home("#/towns", &home).page, Page::Towns);
        // An unknown view is the task list, as `Route::from_hash` has it (not the home).
        assert_eq!(route_or_home("#/nowhere", &home).page, Page::Tasks);
        assert_eq!(route_or_home("#/", &Page::Tasks).page, Page::Tasks);
    }
}
