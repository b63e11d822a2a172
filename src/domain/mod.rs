//! The pure domain: plain Rust with no `leptos` or `web_sys`, tested natively with `cargo test`.

pub mod allocation;
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
pub mod pinyin;
pub mod progress;
pub mod query;
pub mod route;
pub mod sample;
pub mod schema;
pub mod search;
pub mod sort;
pub mod source;
pub mod summary;
pub mod task;
pub mod town;
pub mod units;
