//! The pure domain: plain Rust with no `leptos` or `web_sys`, tested natively with `cargo test`.

pub mod allocation;
pub mod source;
pub mod task;
pub mod units;
