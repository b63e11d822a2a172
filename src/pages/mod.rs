//! The field app's pages (`index.html`), one file per page; a page composes components and reads
//! the app state. The data page and the print view are the tools' (`src/tools/`).

pub mod dept;
pub mod depts;
pub mod not_found;
pub mod task;
pub mod tasks;
pub mod town;
pub mod towns;
