//! Browser glue for the URL: the route lives in `location.hash`, so every view and filter can be
//! shared as a link, survives reload and back/forward, and works on any static host, under any
//! sub-path and from `file://` without rewrite rules.

use leptos::prelude::*;

use crate::domain::route::Route;

/// The current `location.hash`, or "" when it cannot be read.
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Keeps `route` in step with the URL: back/forward, edited URLs and `<a href="#/…">` links all
/// arrive as `hashchange`.
pub fn sync_route_with_url(route: RwSignal<Route>) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = Route::from_hash(&current_hash());
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
