//! The pure domain: plain Rust with no `leptos` or `web_sys`, tested natively with `cargo test`.

pub mod csv;
pub mod date;
pub mod deadline;
pub mod export;
pub mod facet;
pub mod import;
pub mod merge;
pub mod messages;
pub mod number;
pub mod percent;
pub mod progress;
pub mod query;
pub mod route;
pub mod schema;
pub mod search;
pub mod sort;
pub mod summary;
pub mod task;
pub mod town;
