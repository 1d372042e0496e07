//! Sane limits on what a dossier may hold, so that a bad or hostile file gets a clear message
//! instead of slowing the app to a crawl. Documented in the README's "Reliability" section.

/// The largest amount a single figure may hold, in euros: a window caps projects at a few
/// million euros, so a billion on one line can only be a typing slip.
pub const MAX_AMOUNT_EUROS: u64 = 1_000_000_000;

/// The most budget lines a dossier may hold.
pub const MAX_BUDGET_LINES: usize = 100_000;

/// The longest label or free text field, in characters.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// The earliest and latest years a date or a budget line may name.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The largest file the app reads, in bytes (a 100 000-line dossier is about 15 MB of JSON).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
