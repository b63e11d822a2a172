//! The pure domain: plain Rust with no `leptos` or `web_sys`, tested natively with `cargo test`.

pub mod csv;
pub mod export;
pub mod import;
pub mod merge;
pub mod messages;
pub mod progress;
pub mod schema;
pub mod summary;
pub mod task;
