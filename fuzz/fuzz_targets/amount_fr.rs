//! The French amount parser on any text: an error or an amount that formats and reads back.
#![no_main]

use dossier_cloud::domain::Amount;
use dossier_cloud::domain::money::format_eur;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(amount) = Amount::parse_fr(text) {
        let shown = format_eur(amount.value());
        assert_eq!(Amount::parse_fr(&shown), Ok(amount), "{text:?} → {shown:?}");
    }
    let _ = Amount::parse_plain(text);
});
