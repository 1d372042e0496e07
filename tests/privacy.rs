//! No network unless asked, no secrets: one HTTP client, in one module, and the exported pack
//! holds nothing of the machine it was made on (no path, no user name) beyond what the user typed.

use std::fs;

use dossier_cloud::domain::Date;
use dossier_cloud::export::{self, Options};

use crate::common::{example, knowledge, root};

#[test]
fn one_http_client_without_openssl_and_one_module_that_uses_it() {
    // The platform's API is reached through ureq with rustls, and nothing else: no second HTTP
    // client, no OpenSSL. Whether anything is sent without being asked is tested by watching the
    // commands' sockets (`send::without_send_no_command_opens_a_network_socket`).
    let lock = fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    assert!(lock.contains("name = \"ureq\"\n") && lock.contains("name = \"rustls\"\n"));
    for other in [
        "reqwest",
        "hyper",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "native-tls",
        "openssl",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{other}\"\n")),
            "{other}: a second way to the network"
        );
    }
    let mut users = Vec::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if fs::read_to_string(&path).is_ok_and(|t| {
                t.contains("ureq::") || t.contains("TcpStream") || t.contains("UdpSocket")
            }) {
                users.push(
                    path.strip_prefix(root())
                        .expect("inside")
                        .display()
                        .to_string(),
                );
            }
        }
    }
    assert_eq!(
        users,
        ["src/platform/client.rs"],
        "the network stays in one module"
    );
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
