//! No network, no secrets: no HTTP client is built into the app, and the exported pack holds
//! nothing of the machine it was made on (no path, no user name) beyond what the user typed.

use std::fs;

use dossier_cloud::domain::Date;
use dossier_cloud::export::{self, Options};

use crate::common::{example, knowledge, root};

#[test]
fn no_network_client_is_built_in() {
    // A dependency review that stays true: none of the usual HTTP or TLS client crates is in the
    // lock file. (tokio is, for printpdf and rfd on the web target only: it is not built here.)
    let lock = fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    for client in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "h2",
        "rustls",
        "native-tls",
        "openssl",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{client}\"\n")),
            "{client} would let the app open network connections"
        );
    }
}

#[test]
fn the_pack_holds_no_local_path_or_user_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("poste-de-JeanMachine-privé");
    export::export(
        &example("combined.ron"),
        knowledge(),
        &out,
        &Options {
            generated_on: Date::parse_iso("2026-11-23").expect("date"),
            zip: true,
            lang: dossier_cloud::i18n::Lang::Fr,
        },
    )
    .expect("export");
    let mut secrets = vec!["JeanMachine".to_owned(), dir.path().display().to_string()];
    for var in ["USER", "LOGNAME", "HOME"] {
        if let Ok(value) = std::env::var(var)
            && value.len() > 3
        {
            secrets.push(value);
        }
    }
    for entry in fs::read_dir(&out).expect("pack") {
        let path = entry.expect("entry").path();
        let bytes = fs::read(&path).expect("file");
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        if path.extension().is_some_and(|e| e == "pdf") {
            let doc = lopdf::Document::load(&path).expect("pdf");
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            text.push_str(&doc.extract_text(&pages).expect("text"));
        }
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{} holds « {secret} »",
                path.display()
            );
        }
    }
}
