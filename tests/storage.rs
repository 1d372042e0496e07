//! Drafts and `dossier.json`: round trips with nothing lost, atomic saves with a backup, and no
//! overwriting of a file the app could not read or that changed since it was opened.

use std::fs;

use dossier_cloud::storage::{
    self, Encoding, Fingerprint, Overwrite, SaveErrorKind, backup_path, to_json, to_ron,
};

use crate::common::{evaluate, examples, knowledge, ready};

#[test]
fn every_example_round_trips_ron_json_ron_with_nothing_lost() {
    let rules = &knowledge().rules;
    for path in examples() {
        let original = storage::load(&path, rules).expect("example loads");
        assert!(
            original.parsed.ignored.is_empty(),
            "{}: {:?}",
            path.display(),
            original.parsed.ignored
        );
        let d = original.parsed.dossier;
        let json = to_json(&d, Some(&evaluate(&d))).expect("json");
        let from_json =
            storage::parse(json.as_bytes(), Encoding::Json, rules).expect("json reads back");
        assert_eq!(from_json.dossier, d, "{}", path.display());
        assert!(
            from_json.ignored.is_empty(),
            "estimate and findings are not reported as unknown"
        );
        let ron = to_ron(&from_json.dossier).expect("ron");
        let from_ron =
            storage::parse(ron.as_bytes(), Encoding::Ron, rules).expect("ron reads back");
        assert_eq!(from_ron.dossier, d, "{}", path.display());
    }
}

#[test]
fn the_json_follows_pack_format() {
    let d = ready();
    let json: serde_json::Value =
        serde_json::from_str(&to_json(&d, Some(&evaluate(&d))).expect("json")).expect("parses");
    assert_eq!(json["format"], "dossier-cloud/1");
    assert_eq!(json["window"], "FTAP-2023");
    assert_eq!(json["applicant"]["kind"], "state_administration");
    assert_eq!(json["applicant"]["contact"]["name"], "Élodie Côté");
    assert_eq!(json["project"]["start"], "2027-01-04");
    assert_eq!(json["operations"][0]["type"], "migration");
    let app = &json["operations"][0]["applications"][0];
    assert_eq!(app["data_sensitivity"], "sensitive");
    assert_eq!(app["origin"], "physical");
    assert_eq!(app["target"]["kind"], "secnumcloud");
    assert_eq!(json["budget"]["requested_rate"], "0.50");
    assert_eq!(json["budget"]["lines"][0]["amount_ttc"], "48000.00");
    assert_eq!(json["budget"]["lines"][0]["category"], "external_service");
    assert_eq!(json["budget"]["lines"][0]["year"], 2027);
    assert_eq!(
        json["indicators"]["savings"]["targets"][0]["value"],
        "45000.00"
    );
    assert_eq!(json["indicators"]["agents_trained"]["baseline"]["value"], 3);
    assert_eq!(json["estimate"]["cofunding"], "232450.00");
    assert!(json["findings"].as_array().is_some_and(Vec::is_empty));
    let keys: Vec<&String> = json.as_object().expect("object").keys().collect();
    assert_eq!(
        &keys[..3],
        ["format", "window", "applicant"],
        "fields keep the documented order"
    );
}

#[test]
fn an_extension_serialises_with_its_type_offer_and_commitments() {
    let d = crate::common::example("extension-pi.ron");
    let json: serde_json::Value =
        serde_json::from_str(&to_json(&d, None).expect("json")).expect("parses");
    let op = &json["operations"][0];
    assert_eq!(op["type"], "extension");
    assert_eq!(op["offer"], "pi");
    assert_eq!(
        op["commitments"][0]["ministry"],
        "Ministère de la Transition écologique"
    );
    assert!(op.get("applications").is_none());
}

#[test]
fn unknown_fields_are_ignored_and_reported() {
    let mut json: serde_json::Value =
        serde_json::from_str(&to_json(&ready(), None).expect("json")).expect("parses");
    json["colour"] = "bleu".into();
    json["budget"]["lines"][1]["comment"] = "à revoir".into();
    let parsed = storage::parse(
        json.to_string().as_bytes(),
        Encoding::Json,
        &knowledge().rules,
    )
    .expect("tolerated");
    assert_eq!(parsed.ignored, ["budget.lines[1].comment", "colour"]);
    assert_eq!(parsed.dossier, ready());
}

#[test]
fn save_writes_then_keeps_the_previous_version_as_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("projet.ron");
    let rules = &knowledge().rules;
    let mut d = ready();
    let first = storage::save(&path, &d, None, Overwrite::Chosen, rules).expect("first save");
    assert!(
        !backup_path(&path).exists(),
        "nothing to back up the first time"
    );
    let first_text = fs::read(&path).expect("written");
    assert_eq!(Fingerprint::of(&first_text), first);

    d.project.title = "Titre modifié".into();
    let second =
        storage::save(&path, &d, None, Overwrite::Opened(first), rules).expect("second save");
    assert_eq!(fs::read(backup_path(&path)).expect("backup"), first_text);
    let reopened = storage::load(&path, rules).expect("reopens");
    assert_eq!(reopened.parsed.dossier.project.title, "Titre modifié");
    assert_eq!(reopened.fingerprint, second);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| !n.to_string_lossy().ends_with(".verrou"))
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file left behind: {leftovers:?}"
    );
}

#[test]
fn save_refuses_to_overwrite_a_file_it_cannot_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("projet.ron");
    fs::write(
        &path,
        "(format: \"dossier-cloud/1\", window: \"FTAP-2023\", budget: (lines: [(label: ",
    )
    .expect("write");
    let err = storage::save(&path, &ready(), None, Overwrite::Chosen, &knowledge().rules)
        .expect_err("refused");
    assert!(matches!(err.kind, SaveErrorKind::ExistingUnreadable(_)));
    let message = err.to_string();
    assert!(
        message.contains("n'est pas un dossier lisible et ne sera pas écrasé"),
        "{message}"
    );
    assert!(
        message.ends_with(&format!("({})", path.display())),
        "the path comes last: {message}"
    );
    assert!(
        fs::read_to_string(&path)
            .expect("intact")
            .ends_with("(label: ")
    );
    assert!(!backup_path(&path).exists());
}

#[test]
fn save_refuses_a_file_changed_since_it_was_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("projet.json");
    let rules = &knowledge().rules;
    let opened = storage::save(&path, &ready(), None, Overwrite::Chosen, rules).expect("save");
    let mut other = ready();
    other.project.title = "Changé ailleurs".into();
    fs::write(&path, to_json(&other, None).expect("json")).expect("other program writes");
    let err = storage::save(&path, &ready(), None, Overwrite::Opened(opened), rules)
        .expect_err("refused");
    assert!(matches!(err.kind, SaveErrorKind::ChangedOnDisk));
    assert!(err.to_string().contains("modifié par un autre programme"));
    let still = storage::load(&path, rules).expect("other program's file intact");
    assert_eq!(still.parsed.dossier.project.title, "Changé ailleurs");
}

#[test]
fn save_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("absent").join("projet.ron");
    let err = storage::save(&path, &ready(), None, Overwrite::Chosen, &knowledge().rules)
        .expect_err("fails");
    assert!(err.to_string().contains("introuvable"), "{err}");
}

#[test]
fn save_needs_a_known_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("projet.txt");
    let err = storage::save(&path, &ready(), None, Overwrite::Chosen, &knowledge().rules)
        .expect_err("fails");
    assert!(matches!(err.kind, SaveErrorKind::UnknownExtension));
    assert!(!path.exists());
}

#[test]
fn drafts_are_readable_ron() {
    let ron = to_ron(&ready()).expect("ron");
    assert!(
        ron.starts_with("#![enable(implicit_some)]"),
        "{}",
        &ron[..60]
    );
    assert!(ron.contains("kind: state_administration"));
    assert!(ron.contains("amount_ttc: \"48000.00\""));
    assert!(ron.contains("start: \"2027-01-04\""));
}

mod autosave {
    use std::fs;
    use std::time::{Duration, SystemTime};

    use dossier_cloud::storage::autosave::{Autosave, Recovery};

    use crate::common::{knowledge, ready};

    fn set_mtime(path: &std::path::Path, time: SystemTime) {
        fs::File::options()
            .write(true)
            .open(path)
            .expect("open")
            .set_modified(time)
            .expect("set time");
    }

    #[test]
    fn a_newer_autosave_is_offered_an_older_one_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("projet.ron");
        let rules = &knowledge().rules;
        let on_disk = ready();
        dossier_cloud::storage::save(
            &file,
            &on_disk,
            None,
            dossier_cloud::storage::Overwrite::Chosen,
            rules,
        )
        .expect("save");
        let autosave = Autosave::in_dir(dir.path().join("autosave"));
        let mut edited = ready();
        edited.project.title = "Titre en cours".into();
        autosave.write(Some(&file), &edited).expect("autosave");

        let now = SystemTime::now();
        set_mtime(&file, now - Duration::from_mins(2));
        set_mtime(&autosave.slot(Some(&file)), now);
        match autosave.recovery(Some(&file), &on_disk, rules) {
            Recovery::Newer { dossier, .. } => assert_eq!(dossier.project.title, "Titre en cours"),
            other => panic!("expected an offer, got {other:?}"),
        }

        set_mtime(&autosave.slot(Some(&file)), now - Duration::from_mins(10));
        assert!(
            matches!(
                autosave.recovery(Some(&file), &on_disk, rules),
                Recovery::Nothing
            ),
            "older than the file"
        );

        set_mtime(&autosave.slot(Some(&file)), now);
        assert!(
            matches!(
                autosave.recovery(Some(&file), &edited, rules),
                Recovery::Nothing
            ),
            "same as the file"
        );
    }

    #[test]
    fn a_corrupt_autosave_is_set_aside_not_loaded_not_deleted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let autosave = Autosave::in_dir(dir.path().to_owned());
        let slot = autosave.slot(None);
        fs::write(
            &slot,
            "(format: \"dossier-cloud/1\", window: \"FTAP-2023\", budget: (lines: [(",
        )
        .expect("write");
        match autosave.recovery(None, &ready(), &knowledge().rules) {
            Recovery::SetAside { moved_to, reason } => {
                assert!(!slot.exists(), "no longer where it would be offered again");
                assert!(
                    fs::read_to_string(&moved_to)
                        .expect("kept")
                        .ends_with("lines: [(")
                );
                let reason = reason.to_string();
                assert!(reason.contains("tronqué"), "{reason}");
            }
            other => panic!("expected it set aside, got {other:?}"),
        }
    }

    #[test]
    fn autosaves_are_private_and_named_without_the_users_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let autosave = Autosave::in_dir(dir.path().join("autosave"));
        let source = dir.path().join("Élodie-projet-secret.ron");
        autosave.write(Some(&source), &ready()).expect("autosave");
        let slot = autosave.slot(Some(&source));
        let name = slot
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(
            !name.contains("Élodie")
                && std::path::Path::new(&name)
                    .extension()
                    .is_some_and(|e| e == "ron"),
            "{name}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join("autosave"))
                .expect("dir")
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the folder is its owner's only: {mode:o}");
        }
        autosave.clear(Some(&source));
        assert!(!slot.exists());
    }
}

/// The mode bits of a file or folder (without the type).
#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[test]
fn a_draft_reached_by_a_link_is_saved_through_it_and_the_link_stays() {
    // Failed before: the save replaced the link by a regular file, so the real file (in a
    // synchronised folder) never changed.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("synchronise")).expect("dir");
    let real = dir.path().join("synchronise/projet.ron");
    std::fs::copy(crate::common::root().join("examples/combined.ron"), &real).expect("copy");
    let link = dir.path().join("projet.ron");
    std::os::unix::fs::symlink(&real, &link).expect("link");
    let before = std::fs::read(&real).expect("read");
    let sheet = crate::common::root().join("tests/corpus/import/budget.csv");
    let r = crate::common::run(&[
        "import-budget",
        sheet.to_str().expect("utf-8"),
        "--into",
        link.to_str().expect("utf-8"),
    ]);
    assert!(r.code <= 1, "{}", r.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_ne!(
        std::fs::read(&real).expect("read"),
        before,
        "the real file changed"
    );
    assert_eq!(mode(&real), 0o600);
}

#[cfg(unix)]
#[test]
fn pack_files_and_kept_versions_get_their_own_modes() {
    // Failed before: a pack file written over a link came out rwxrwxrwx; the per-user history
    // was world-readable (0755 folders, 0444 files holding the contact).
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("projet.ron");
    std::fs::copy(crate::common::root().join("examples/combined.ron"), &draft).expect("copy");
    // Beside the draft its history cannot be made: it goes to the per-user folder.
    std::fs::write(dir.path().join("projet.history"), "").expect("blocker");
    let pack = dir.path().join("paquet");
    std::fs::create_dir(&pack).expect("pack dir");
    std::os::unix::fs::symlink(dir.path().join("ailleurs.json"), pack.join("dossier.json"))
        .expect("link");
    let data = dir.path().join("donnees");
    let r = crate::common::run_env(
        dir.path(),
        &[
            "export",
            draft.to_str().expect("utf-8"),
            "--out",
            pack.to_str().expect("utf-8"),
        ],
        &[("XDG_DATA_HOME", &data)],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json = pack.join("dossier.json");
    assert!(
        !std::fs::symlink_metadata(&json)
            .expect("file")
            .file_type()
            .is_symlink()
    );
    assert_eq!(mode(&json), 0o644);
    let history = data.join("dossier-cloud/history");
    assert_eq!(mode(&history), 0o700);
    let entry = std::fs::read_dir(&history)
        .expect("history")
        .next()
        .expect("one dossier")
        .expect("entry")
        .path();
    assert_eq!(mode(&entry), 0o700);
    let version = std::fs::read_dir(&entry)
        .expect("versions")
        .next()
        .expect("one version")
        .expect("entry")
        .path();
    assert_eq!(mode(&version), 0o700);
    assert_eq!(mode(&version.join("dossier.json")), 0o400);
}

#[test]
fn no_save_writes_a_draft_the_app_would_refuse_to_read() {
    // Failed before: an import that took a draft past 100 000 lines wrote it, and then `check`,
    // `convert` and `export` refused it.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("projet.ron");
    let mut d = crate::common::ready();
    let line = d.budget.lines[0].clone();
    d.budget.lines = vec![line; dossier_cloud::domain::limits::MAX_BUDGET_LINES + 1];
    let err = dossier_cloud::storage::save(
        &path,
        &d,
        None,
        dossier_cloud::storage::Overwrite::Chosen,
        &crate::common::knowledge().rules,
    )
    .expect_err("past the limit");
    assert!(
        err.to_string().contains("ne pourrait plus être ouvert"),
        "{err}"
    );
    assert!(!path.exists(), "nothing written");
    let mut d = crate::common::ready();
    d.project.summary = "é".repeat(dossier_cloud::domain::limits::MAX_TEXT_CHARS + 1);
    assert!(
        dossier_cloud::storage::save(
            &path,
            &d,
            None,
            dossier_cloud::storage::Overwrite::Chosen,
            &crate::common::knowledge().rules,
        )
        .is_err()
    );
}

#[test]
fn two_writers_never_both_succeed_with_one_change_lost() {
    // Failed before: two `import-budget` into one draft at once both said « ok » in 13 rounds of
    // 20, and one import was gone (the « changed since opened » check ran before the rename
    // with nothing held in between).
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = dir.path().join("projet.ron");
    let sheet = crate::common::root().join("tests/corpus/import/budget.csv");
    let lines = |path: &std::path::Path| {
        dossier_cloud::storage::load(path, &crate::common::knowledge().rules)
            .expect("the draft opens")
            .parsed
            .dossier
            .budget
            .lines
            .len()
    };
    for _ in 0..8 {
        std::fs::copy(crate::common::root().join("examples/combined.ron"), &draft).expect("copy");
        let before = lines(&draft);
        let spawn = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_dossier-cloud"))
                .args(["import-budget"])
                .arg(&sheet)
                .arg("--into")
                .arg(&draft)
                .env("XDG_DATA_HOME", dir.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("runs")
        };
        let (a, b) = (spawn(), spawn());
        let codes: Vec<i32> = [a, b]
            .into_iter()
            .map(|c| {
                c.wait_with_output()
                    .expect("ends")
                    .status
                    .code()
                    .unwrap_or(-1)
            })
            .collect();
        let succeeded = codes.iter().filter(|c| **c <= 1).count();
        let per_import = {
            let probe = dir.path().join("sonde.ron");
            let _ = std::fs::remove_file(&probe);
            crate::common::run(&[
                "import-budget",
                sheet.to_str().expect("utf-8"),
                "--into",
                probe.to_str().expect("utf-8"),
            ]);
            lines(&probe)
        };
        assert_eq!(
            lines(&draft),
            before + succeeded * per_import,
            "exit codes {codes:?}: every import that said it succeeded is in the draft"
        );
        assert!(succeeded >= 1, "one of the two gets through: {codes:?}");
    }
}

#[test]
fn two_exports_into_one_folder_leave_a_manifest_that_matches_its_files() {
    // Failed before: in 11 rounds of 20 the manifest's sums did not match the files, both
    // exports reporting success.
    use sha2::Digest as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("paquet");
    for _ in 0..6 {
        // Copies: an export keeps its version beside its draft, never in the repository.
        let spawn = |example: &str| {
            let draft = dir.path().join(example);
            if !draft.exists() {
                std::fs::copy(crate::common::root().join("examples").join(example), &draft)
                    .expect("copy");
            }
            std::process::Command::new(env!("CARGO_BIN_EXE_dossier-cloud"))
                .arg("export")
                .arg(&draft)
                .arg("--out")
                .arg(&pack)
                .env("XDG_DATA_HOME", dir.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("runs")
        };
        let (a, b) = (spawn("combined.ron"), spawn("migration-secnumcloud.ron"));
        for mut child in [a, b] {
            assert_eq!(child.wait().expect("ends").code(), Some(0));
        }
        let manifest: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(pack.join("manifest.json")).expect("manifest"),
        )
        .expect("json");
        for file in manifest["files"].as_array().expect("files") {
            let name = file["name"].as_str().expect("name");
            let bytes = std::fs::read(pack.join(name)).expect("listed file");
            let sum = hex(&sha2::Sha256::digest(&bytes));
            assert_eq!(file["sha256"].as_str(), Some(sum.as_str()), "{name}");
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[test]
fn a_draft_open_in_a_window_is_refused_to_the_command_line_saying_by_whom() {
    // Failed before: the window held nothing while a draft was open; `import-budget` waited for
    // nobody and wrote under the window's feet (its next save then said « modifié par un autre
    // programme », or worse, on a shared drive, one change was lost).
    use dossier_cloud::storage::{Opening, lock};
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = crate::common::example_copy(dir.path(), "combined.ron");
    let sheet = crate::common::root().join("tests/corpus/import/budget.csv");
    let before = std::fs::read(&draft).expect("read");
    let Opening::Mine(held) = lock::open(&draft) else {
        panic!("a draft nobody holds is the window's");
    };
    let me = dossier_cloud::storage::Owner::me();
    let import = || {
        crate::common::run(&[
            "import-budget",
            sheet.to_str().expect("utf-8"),
            "--into",
            draft.to_str().expect("utf-8"),
        ])
    };
    let started = std::time::Instant::now();
    let refused = import();
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("ce dossier est ouvert par")
            && refused.stderr.contains(&me.name)
            && refused.stderr.contains(&format!(" sur {}", me.host))
            && refused.stderr.contains("fermez-le dans l'application"),
        "{}",
        refused.stderr
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "refused at once, not after the ten seconds a save is waited for"
    );
    assert_eq!(std::fs::read(&draft).expect("read"), before, "untouched");

    // A second window learns whose it is.
    match lock::open(&draft) {
        Opening::Elsewhere(Some(owner)) => {
            assert_eq!(
                (owner.name.as_str(), owner.pid),
                (me.name.as_str(), std::process::id())
            );
        }
        other => panic!("a held draft is another window's: {other:?}"),
    }

    // Closed in the window: the command line writes it.
    drop(held);
    let written = import();
    assert!(written.code <= 1, "{}", written.stderr);
    assert_ne!(std::fs::read(&draft).expect("read"), before);
}

#[test]
fn a_draft_left_open_by_a_stopped_session_is_offered_to_take_over() {
    use dossier_cloud::storage::{Opening, lock};
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = crate::common::example_copy(dir.path(), "combined.ron");
    // What a window that stopped without closing leaves: its word, and no lock held (the
    // system releases a lock when its program ends, however it ends).
    std::fs::write(
        dir.path().join(".combined.ron.ouvert"),
        "nom=Camille Durand\nposte=POSTE-42\ndepuis=2026-12-06T10:12:00+01:00\nprocessus=4242\n",
    )
    .expect("owner file");
    let Opening::Left(mut held, owner) = lock::open(&draft) else {
        panic!("a word left without a lock is a stopped session's");
    };
    assert_eq!(
        owner.to_string(),
        "Camille Durand sur POSTE-42 depuis le 06/12/2026 à 10:12"
    );
    // Held while the user is asked: nobody else takes it meanwhile.
    assert!(matches!(lock::open(&draft), Opening::Elsewhere(_)));
    held.claim().expect("taken over");
    let word = std::fs::read_to_string(dir.path().join(".combined.ron.ouvert")).expect("read");
    assert!(
        word.contains(&format!("processus={}", std::process::id())),
        "{word}"
    );
    drop(held);
    assert!(
        !dir.path().join(".combined.ron.ouvert").exists(),
        "closed: the word goes with the lock"
    );
    assert!(matches!(lock::open(&draft), Opening::Mine(_)));
}

/// The examples' migration to a qualified offer, after the award: signed, an amendment, some of each
/// thing followed.
fn followed() -> dossier_cloud::domain::Dossier {
    use dossier_cloud::domain::dossier::Category;
    use dossier_cloud::domain::follow::{
        Amendment, Commitment, CommittedYear, IndicatorMeasure, Milestone, MilestoneDone,
        PlannedPayment, RealizedSavings, ReceivedPayment, Spending,
    };
    use dossier_cloud::domain::{Amount, Date};
    let day = |s: &str| Date::parse_iso(s).expect("date");
    let eur = |s: &str| Amount::parse_plain(s).expect("amount");
    let mut d = crate::common::ready();
    let signed = Commitment {
        signed: day("2027-02-15"),
        reference: "FTAP-2027-042".into(),
        granted: eur("200000.00"),
        years: vec![CommittedYear {
            year: 2027,
            declared_total: eur("559400.00"),
            cost_base: eur("464900.00"),
            cofunding: eur("200000.00"),
            savings: eur("30000.00"),
        }],
        indicators: d.indicators.clone(),
        payments: vec![PlannedPayment {
            date: day("2027-03-01"),
            amount: eur("100000.00"),
            condition: "à la signature".into(),
        }],
        milestones: vec![Milestone {
            name: "Bascule en production".into(),
            date: day("2027-09-30"),
        }],
        amendments: Vec::new(),
    };
    let mut amended = signed.clone();
    amended.granted = eur("180000.00");
    amended.amendments.push(Amendment {
        date: day("2027-06-01"),
        reference: "Avenant 1".into(),
        reason: "Périmètre réduit".into(),
        previous: Box::new(signed),
    });
    d.commitment = Some(amended);
    d.tracking.spending.push(Spending {
        date: day("2027-04-10"),
        label: "Prestation de migration, lot 1".into(),
        category: Category::ExternalService,
        amount_ttc: eur("48000.00"),
        reference: "EJ 2100012345".into(),
    });
    d.tracking.savings.push(RealizedSavings {
        year: 2027,
        amount: eur("12000.00"),
        method: "Licences arrêtées".into(),
        evidence: "Bon de résiliation".into(),
    });
    d.tracking.measures.push(IndicatorMeasure {
        indicator: "agents_trained".into(),
        date: day("2027-06-30"),
        value: "14".into(),
    });
    d.tracking.payments.push(ReceivedPayment {
        date: day("2027-03-20"),
        amount: eur("100000.00"),
        reference: "Virement 0420".into(),
    });
    d.tracking.milestones.push(MilestoneDone {
        name: "Bascule en production".into(),
        done: day("2027-10-04"),
    });
    d
}

#[test]
fn the_commitment_and_what_is_followed_are_kept_in_drafts_and_dossier_json_under_their_names() {
    // Issue 22, its data: names as PACK-FORMAT.md « Follow-up additions » fixes them.
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = &knowledge().rules;
    let d = followed();
    for name in ["suivi.ron", "suivi.json"] {
        let path = dir.path().join(name);
        storage::save(&path, &d, None, Overwrite::Chosen, rules).expect("saved");
        let back = storage::load(&path, rules).expect("read back");
        assert_eq!(back.parsed.dossier, d, "{name}: the same dossier back");
        assert!(
            back.parsed.ignored.is_empty(),
            "{name}: {:?}",
            back.parsed.ignored
        );
    }
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("suivi.json")).expect("read"),
    )
    .expect("json");
    let c = &json["commitment"];
    assert_eq!(c["signed"], "2027-02-15");
    assert_eq!(c["granted"], "180000.00");
    assert_eq!(c["years"][0]["cost_base"], "464900.00");
    assert_eq!(c["payments"][0]["condition"], "à la signature");
    assert_eq!(c["milestones"][0]["date"], "2027-09-30");
    assert_eq!(c["amendments"][0]["previous"]["granted"], "200000.00");
    assert!(c["amendments"][0]["previous"].get("amendments").is_none());
    let t = &json["tracking"];
    assert_eq!(t["spending"][0]["amount_ttc"], "48000.00");
    assert_eq!(t["spending"][0]["category"], "external_service");
    assert_eq!(t["spending"][0]["reference"], "EJ 2100012345");
    assert_eq!(t["savings"][0]["year"], 2027);
    assert_eq!(t["measures"][0]["indicator"], "agents_trained");
    assert_eq!(t["measures"][0]["value"], "14");
    assert_eq!(t["payments"][0]["reference"], "Virement 0420");
    assert_eq!(t["milestones"][0]["done"], "2027-10-04");

    // Before the award, neither is written.
    let before = dir.path().join("avant.json");
    storage::save(&before, &ready(), None, Overwrite::Chosen, rules).expect("saved");
    let text = std::fs::read_to_string(&before).expect("read");
    assert!(!text.contains("\"commitment\"") && !text.contains("\"tracking\""));
}

#[test]
fn a_follow_up_past_the_limits_is_refused_with_its_field() {
    let mut d = followed();
    d.tracking.savings[0].year = 1800;
    let err = storage::save(
        &tempfile::tempdir().expect("tempdir").path().join("x.ron"),
        &d,
        None,
        Overwrite::Chosen,
        &knowledge().rules,
    )
    .expect_err("refused");
    assert!(
        err.to_string().contains("tracking.savings[0].year"),
        "{err}"
    );

    // The commitment an amendment replaced is held to the same limits.
    let mut d = followed();
    if let Some(c) = &mut d.commitment {
        c.amendments[0].previous.reference = "x".repeat(5_001);
    }
    let err = storage::save(
        &tempfile::tempdir().expect("tempdir").path().join("x.ron"),
        &d,
        None,
        Overwrite::Chosen,
        &knowledge().rules,
    )
    .expect_err("refused");
    assert!(
        err.to_string()
            .contains("commitment.amendments[0].previous.reference"),
        "{err}"
    );
}
