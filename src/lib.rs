//! 清单: the 2022 Qingpu District rural-revitalization key task list as an offline-first web app.
//!
//! `domain` is pure Rust (tested natively); `source` reads the district's source document into
//! the domain's dataset (for the data generator and the tests); `data` embeds the generated task
//! list; the UI (`app`, `pages`, `components`) is a thin Leptos layer on top, with `router` and
//! `state` as its glue to the URL and to each other. `tools` is the second entry page (`tools.html`)
//! with its own wasm built from `src/bin/tools.rs`: the data page, the print view and the
//! district's tools, none of which the field staff's first load carries. `prerender` (native
//! only) renders the components to HTML at build time, for the page shown before the wasm starts.

// With tachys' `ssr` feature (native builds, for `prerender`) every `.into_any()` also instantiates
// the view's async HTML resolution, whose types nest deeper than the default limit of 128.
#![recursion_limit = "256"]

pub mod app;
pub mod browser;
pub mod components;
pub mod data;
pub mod domain;
pub mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod router;
pub mod source;
pub mod state;
pub mod storage;
pub mod text;
pub mod tools;

/// Mounts the app into `<body>`, replacing the loading placeholder of `index.html`.
pub fn mount() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
