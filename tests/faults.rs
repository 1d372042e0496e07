//! Saves under faults: a `convert` killed at any moment of its write leaves the previous file or
//! the new one, whole and readable, never a mix; a save that cannot be written loses nothing.

use std::fs;
use std::process::Command;

use dossier_cloud::domain::dossier::Category;
use dossier_cloud::storage::{self, Overwrite};

use crate::common::{knowledge, line, ready};

/// `dossier-cloud convert INPUT OUTPUT`, ready to run.
fn convert(input: &std::path::Path, output: &std::path::Path) -> Command {
    convert_with(
        std::path::Path::new(env!("CARGO_BIN_EXE_dossier-cloud")),
        input,
        output,
    )
}

/// The same, with the program at another place.
fn convert_with(
    program: &std::path::Path,
    input: &std::path::Path,
    output: &std::path::Path,
) -> Command {
    let mut command = Command::new(program);
    command.args([
        "convert",
        input.to_str().expect("path"),
        output.to_str().expect("path"),
    ]);
    command
}

#[test]
fn a_convert_killed_mid_write_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = &knowledge().rules;
    // A large dossier, so that writing it takes long enough to be interrupted.
    let new = big_dossier(8_000);
    let input = dir.path().join("grand.ron");
    fs::write(&input, storage::to_ron(&new).expect("ron")).expect("write input");
    let old = ready();
    let output = dir.path().join("dossier.json");

    // How long a whole convert takes here, to spread the kills over it.
    let started = std::time::Instant::now();
    let status = convert(&input, &output).output().expect("convert runs");
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
        let mut child = convert(&input, &output)
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
    // The first round kills at once, so the old file is always seen. Under load (other tests on
    // both cores) every later kill may still land before the rename; then one more convert runs
    // to its end, to show the new file is seen too and the loop read both.
    if outcomes.1 == 0 {
        storage::save(&output, &old, None, Overwrite::Chosen, rules).expect("previous version");
        let status = convert(&input, &output).output().expect("convert runs");
        assert!(status.status.success());
        let found = storage::load(&output, rules).expect("whole and readable");
        assert_eq!(found.parsed.dossier, new);
        outcomes.1 += 1;
    }
    assert!(
        outcomes.0 > 0,
        "the early kills left the old file: {outcomes:?}"
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

/// A dossier big enough that its text cannot fit in the space left on a small disk.
fn big_dossier(lines: usize) -> dossier_cloud::domain::dossier::Dossier {
    let mut d = ready();
    d.budget.lines = (0..lines)
        .map(|i| {
            line(
                &format!("Ligne {i} : prestation de migration et de recette"),
                Category::ExternalService,
                2027,
                "1234.56",
            )
        })
        .collect();
    d
}

/// Whether this test process runs as the super-user, who writes through any permission bits.
fn running_as_root(dir: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join(".owner");
    fs::write(&probe, "").expect("probe");
    let root = fs::metadata(&probe).expect("probe").uid() == 0;
    fs::remove_file(probe).expect("probe");
    root
}

#[test]
fn a_save_into_a_read_only_folder_fails_and_keeps_the_previous_file() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = &knowledge().rules;
    let input = dir.path().join("nouveau.ron");
    fs::write(&input, storage::to_ron(&big_dossier(10)).expect("ron")).expect("input");
    let folder = dir.path().join("partage");
    fs::create_dir(&folder).expect("folder");
    let target = folder.join("projet.ron");
    storage::save(&target, &ready(), None, Overwrite::Chosen, rules).expect("previous draft");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).expect("chmod");
    let before = fs::read(&target).expect("read");
    // The folder is read-only; the input readable by anyone.
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::set_permissions(&input, fs::Permissions::from_mode(0o644)).expect("chmod");

    // The super-user ignores permission bits: run the command as "nobody", as a user would be,
    // from a copy of the program that "nobody" may run wherever the build folder is.
    let root = running_as_root(dir.path());
    let program = if root {
        let copy = dir.path().join("dossier-cloud");
        fs::copy(env!("CARGO_BIN_EXE_dossier-cloud"), &copy).expect("copy the program");
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).expect("chmod");
        copy
    } else {
        std::path::PathBuf::from(env!("CARGO_BIN_EXE_dossier-cloud"))
    };
    let mut convert = convert_with(&program, &input, &target);
    if root {
        convert.uid(65_534).gid(65_534);
    }
    let out = convert.output().expect("convert runs");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");

    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("enregistrement impossible, le fichier existant est intact")
            && stderr.contains("droits insuffisants"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(&target).expect("read"),
        before,
        "the draft is untouched"
    );
    let names: Vec<_> = fs::read_dir(&folder)
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| !n.to_string_lossy().ends_with(".verrou"))
        .collect();
    assert_eq!(
        names,
        ["projet.ron"],
        "nothing else was left in the folder (but the writers' lock)"
    );
}

#[test]
fn a_save_onto_a_full_disk_fails_and_keeps_the_previous_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = &knowledge().rules;
    let input = dir.path().join("nouveau.ron");
    fs::write(&input, storage::to_ron(&big_dossier(2_000)).expect("ron")).expect("input");
    let previous = dir.path().join("ancien.ron");
    storage::save(&previous, &ready(), None, Overwrite::Chosen, rules).expect("previous draft");
    let disk = dir.path().join("disque");
    fs::create_dir(&disk).expect("mount point");

    // A 256 KiB disk of its own (tmpfs in a private mount namespace, so nothing outlives the
    // test): the previous draft is copied onto it, the rest filled, then `convert` writes there.
    let script = r#"
        set -e
        mount -t tmpfs -o size=256k tmpfs "$1"
        cp "$2" "$1/projet.ron"
        dd if=/dev/zero of="$1/remplissage" bs=4k 2>/dev/null || true
        set +e
        "$3" convert "$4" "$1/projet.ron" 2>&1
        echo "code=$?"
        rm "$1/remplissage"
        echo "---"
        ls -A "$1"
        echo "---"
        cat "$1/projet.ron"
    "#;
    let root = running_as_root(dir.path());
    let mut unshare = Command::new("unshare");
    // Without the super-user's rights, a user namespace grants the mount.
    unshare.args(if root {
        vec!["--mount"]
    } else {
        vec!["--user", "--map-root-user", "--mount"]
    });
    let out = unshare
        .args(["sh", "-c", script, "sh"])
        .arg(&disk)
        .arg(&previous)
        .arg(env!("CARGO_BIN_EXE_dossier-cloud"))
        .arg(&input)
        .output()
        .expect("unshare runs (util-linux)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the test disk could be made: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut parts = stdout.splitn(3, "---\n");
    let (report, listing, draft) = (
        parts.next().expect("report"),
        parts.next().expect("listing"),
        parts.next().expect("draft"),
    );
    assert!(report.ends_with("code=2\n"), "{report}");
    assert!(
        report.contains("enregistrement impossible, le fichier existant est intact")
            && report.contains("disque plein"),
        "{report}"
    );
    assert_eq!(
        draft,
        fs::read_to_string(&previous).expect("read"),
        "the draft on the full disk is the previous one, whole"
    );
    let mut names: Vec<_> = listing
        .lines()
        .filter(|n| !n.ends_with(".verrou"))
        .collect();
    names.sort_unstable();
    assert!(
        names == ["projet.ron"] || names == ["projet.ron", "projet.ron.bak"],
        "no temporary file was left: {names:?}"
    );
}
