//! Small presentational components: they receive data and callbacks, and hold little state.

pub mod task_row;
