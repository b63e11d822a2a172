//! The pure domain: plain Rust with no `leptos` or `web_sys`, tested natively with `cargo test`.

pub mod allocation;
pub mod deadline;
pub mod percent;
pub mod query;
pub mod route;
pub mod sample;
pub mod search;
pub mod source;
pub mod task;
pub mod town;
pub mod units;
