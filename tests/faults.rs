//! Saves under faults: a `convert` killed at any moment of its write leaves the previous file or
//! the new one, whole and readable, never a mix; a save that cannot be written loses nothing.

use std::fs;
use std::process::Command;

use dossier_cloud::domain::dossier::Category;
use dossier_cloud::storage::{self, Overwrite};

use crate::common::{knowledge, line, ready};

#[test]
fn a_convert_killed_mid_write_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = &knowledge().rules;
    // A large dossier, so that writing it takes long enough to be interrupted.
    let mut new = ready();
    new.budget.lines = (0..8_000)
        .map(|i| {
            line(
                &format!("Ligne {i} : prestation de migration et de recette"),
                Category::ExternalService,
                2027,
                "1234.56",
            )
        })
        .collect();
    let input = dir.path().join("grand.ron");
    fs::write(&input, storage::to_ron(&new).expect("ron")).expect("write input");
    let old = ready();
    let output = dir.path().join("dossier.json");

    // How long a whole convert takes here, to spread the kills over it.
    let started = std::time::Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_dossier-cloud"))
        .args([
            "convert",
            input.to_str().expect("path"),
            output.to_str().expect("path"),
        ])
        .output()
        .expect("convert runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let full = started.elapsed();

    let rounds = 25u32;
    let mut outcomes = (0, 0);
    for round in 0..rounds {
        storage::save(&output, &old, None, Overwrite::Chosen, rules).expect("previous version");
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier-cloud"))
            .args([
                "convert",
                input.to_str().expect("path"),
                output.to_str().expect("path"),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("convert starts");
        // Kill at a different moment each round: while reading, while writing, after renaming.
        std::thread::sleep(full * (round * 6 / 5) / rounds);
        let _ = child.kill();
        let _ = child.wait();

        let found =
            storage::load(&output, rules).expect("the file is whole and readable after a kill");
        if found.parsed.dossier == old {
            outcomes.0 += 1;
        } else {
            assert_eq!(
                found.parsed.dossier, new,
                "round {round}: neither the old nor the new dossier"
            );
            outcomes.1 += 1;
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| !["grand.ron", "dossier.json", "dossier.json.bak"].contains(&n.as_str()))
            .collect();
        // A killed writer may leave its temporary file; it is never the dossier's name.
        for name in leftovers {
            fs::remove_file(dir.path().join(name)).expect("clean");
        }
    }
    assert!(
        outcomes.0 > 0 && outcomes.1 > 0,
        "both outcomes seen over the rounds: {outcomes:?}"
    );
}

#[test]
fn a_save_that_cannot_be_written_keeps_the_file_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = &knowledge().rules;
    // The "folder" of the path is a file: the write fails whatever the user's rights.
    let blocker = dir.path().join("pas-un-dossier");
    fs::write(&blocker, "x").expect("write");
    let err = storage::save(
        &blocker.join("projet.ron"),
        &ready(),
        None,
        Overwrite::Chosen,
        rules,
    )
    .expect_err("fails");
    assert!(
        err.to_string()
            .starts_with("enregistrement impossible, le fichier existant est intact"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&blocker).expect("intact"), "x");
}
