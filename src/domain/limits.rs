//! How much one progress record may hold. Edits are refused beyond these limits
//! ([`crate::domain::progress`]), imports name the record that breaks them
//! ([`crate::domain::import`]), and the messages quote them ([`crate::domain::messages`]), so
//! they live below all three.

/// Longest note text accepted, in characters (Unicode scalar values).
pub const MAX_NOTE_CHARS: usize = 5000;

/// Most notes (including deleted ones, which are kept as tombstones) per record.
pub const MAX_NOTES_PER_RECORD: usize = 500;

/// Longest unit key or metric name accepted; real ones are a few characters long.
pub const MAX_KEY_CHARS: usize = 200;

/// Longest note id accepted; ids made by [`crate::domain::progress::note_id`] are about 20
/// characters.
pub const MAX_NOTE_ID_CHARS: usize = 100;
