//! Small presentational components: they receive data and callbacks, and hold little state.

pub mod allocation_table;
pub mod deadline_badge;
pub mod facet_group;
pub mod highlight;
pub mod list_switch;
pub mod message;
pub mod nav;
pub mod notices;
pub mod plan_banner;
pub mod progress_editor;
pub mod progressive;
pub mod search_bar;
pub mod task_card;
