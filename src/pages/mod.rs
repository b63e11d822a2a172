//! One file per page; a page composes components and reads the app state.

pub mod tasks;
