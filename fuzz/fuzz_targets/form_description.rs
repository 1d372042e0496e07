//! The forms platform's published form description (DS-PREFILL.md) on any text: an error, never
//! a panic; every champ read has a shape and a foldable label.
#![no_main]

use dossier_cloud::platform::description::parse;
use dossier_cloud::platform::prefill::{fold_label, shape_for};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(description) = parse(text) {
        for champ in &description.champs {
            let _ = shape_for(&champ.kind);
            let _ = fold_label(&champ.label);
        }
    }
});
