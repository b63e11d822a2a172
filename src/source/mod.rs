//! The source document: reading the district's tab-separated task table into a [`Dataset`].
//!
//! This is how a task list gets into the app, not what the app runs on: the data generator
//! (`src/bin/datagen.rs`) uses it to write the embedded JSON, the tests use it to check that JSON
//! against the source, and the app could use it to open another year's list in the browser. It
//! depends on [`crate::domain`] (the dataset types it produces); nothing in the domain depends on
//! it.
//!
//! - [`parser`]: the document's cells, rows and fields (title, categories, leads, deadlines), and
//!   the generator's JSON;
//! - [`allocation`]: the free-text 街镇任务量 cell → a scope and per-unit numbers;
//! - [`units`]: the 12 units and the group names the source writes, and finding them in text;
//! - [`list`]: opening a list a user has (the source's shape, or copied from a spreadsheet, or a
//!   CSV file) with a report of what was read and every row that was not, for the tools page;
//! - [`sample`]: a small hand-made dataset for tests.
//!
//! [`Dataset`]: crate::domain::task::Dataset

pub mod allocation;
pub mod encoding;
pub mod list;
pub mod parser;
pub mod sample;
pub mod units;
