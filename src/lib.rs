//! dossier-cloud: prepares the cofunding dossier of a French State cloud project for the funding
//! window « Adoption du Cloud de confiance » (FTAP, DINUM).
//!
//! - [`domain`]: the dossier, the rules as data, the estimate and the findings (no UI, no files);
//! - [`storage`]: drafts (RON) and `dossier.json`, read strictly and saved atomically;
//! - [`export`]: the submission pack (PDF, JSON, schema, spreadsheet, manifest);
//! - [`charts`]: the plan's and the schedule's pictures as proportions, for the window and the PDF;
//! - [`import`]: budget lines from a spreadsheet (`.xlsx`, `.ods`, `.csv`);
//! - [`cli`]: the command line of `PACK-FORMAT.md`;
//! - [`i18n`]: the interface texts, one file per language (French, English);
//! - [`ui`]: the window, a wizard drawn with egui (the `gui` feature, on by default).

pub mod charts;
pub mod cli;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod platform;
pub mod present;
pub mod storage;
#[cfg(feature = "gui")]
pub mod ui;
