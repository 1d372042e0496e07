//! The dossier.json reader on any bytes: an error, never a panic; what it reads evaluates.
#![no_main]

use std::sync::OnceLock;

use dossier_cloud::domain::Knowledge;
use dossier_cloud::storage::{Encoding, parse};
use libfuzzer_sys::fuzz_target;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in rules"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = parse(data, Encoding::Json, &knowledge().rules) {
        let _ = knowledge().evaluate(&parsed.dossier);
        let _ = dossier_cloud::storage::to_json(&parsed.dossier, None);
    }
});
