//! 清单: the 2022 Qingpu District rural-revitalization key task list as an offline-first web app.
//!
//! `domain` is pure Rust (tested natively); the UI is a thin Leptos layer on top of it.

pub mod domain;
pub mod storage;
