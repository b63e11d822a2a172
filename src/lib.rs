//! 清单: the 2022 Qingpu District rural-revitalization key task list as an offline-first web app.
//!
//! `domain` is pure Rust (tested natively); the UI is a thin Leptos layer on top of it.

pub mod domain;

use leptos::prelude::*;

/// Mounts the app into `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(|| view! { <p>"清单"</p> });
}
