//! The integration tests: one binary, a module per concern.

mod acknowledge;
mod assets;
mod cli;
mod common;
mod diff;
mod estimate;
mod export;
mod faults;
mod history;
mod i18n;
mod import;
mod plan;
mod prefill;
mod privacy;
mod properties;
mod report;
mod rules;
mod scenario;
mod send;
mod storage;
#[cfg(feature = "gui")]
mod ui;
mod xlsx;
