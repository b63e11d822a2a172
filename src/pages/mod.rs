//! One file per page; a page composes components and reads the app state.

pub mod data;
pub mod dept;
pub mod depts;
pub mod not_found;
pub mod print;
pub mod task;
pub mod tasks;
pub mod town;
pub mod towns;
