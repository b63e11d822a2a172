//! The pure domain: plain Rust with no `leptos` or `web_sys`, tested natively with `cargo test`.
//!
//! # Which module uses which
//!
//! Dependencies run one way: a module uses only modules on lower lines of this table (never one
//! on its own line or above), so each can be read, and tested, knowing only what is below it.
//! `tests/domain_layers.rs` checks the code against the table.
//!
//! ```text
//! rollup, share                    the district roll-up; progress as a link
//! export, import, filter, route    files in and out; the filtered list and its counts; the URL
//! merge, schema, summary, facet    whole documents, any schema version, counts per unit; facets
//! progress, query, xlsx, qr, lists    progress and its edits; the task query; .xlsx; QR; stored lists
//! search, town                     full-text search; which tasks a unit has
//! deadline                         deadline lights, the plan's end
//! messages                         every text the domain produces (see its module doc)
//! task, number                     the dataset and its catalogue (unit keys, lookups); number text
//! date, sort, csv, percent, limits    civil dates, stable sort, CSV cells, URL encoding, limits
//! ```
//!
//! The source document's parser lives outside, in [`crate::source`]: it produces a
//! [`task::Dataset`] and nothing here uses it (unit tests take their sample data from it).

pub mod csv;
pub mod date;
pub mod deadline;
pub mod export;
pub mod facet;
pub mod filter;
pub mod import;
pub mod limits;
pub mod lists;
pub mod merge;
pub mod messages;
pub mod number;
pub mod percent;
pub mod pinyin;
pub mod progress;
pub mod qr;
pub mod query;
pub mod rollup;
pub mod route;
pub mod schema;
pub mod search;
pub mod share;
pub mod sort;
pub mod summary;
pub mod task;
pub mod town;
pub mod xlsx;
