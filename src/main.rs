//! The `dossier-cloud` binary: parses the arguments, then runs a command.
//!
//! On Windows, with the window, a window program (no console behind it); a command attaches to
//! the terminal it was typed in (`cli::console`).
#![cfg_attr(all(windows, feature = "gui"), windows_subsystem = "windows")]

use std::io::Write;
use std::process::ExitCode;

use dossier_cloud::cli::{self, USAGE};
use dossier_cloud::domain::Knowledge;

fn main() -> ExitCode {
    let _ = cli::STARTED.set(std::time::Instant::now());
    // Not locked for the whole run: the window's and the export's threads may write to stderr
    // too (a library's warning), and would wait forever on a lock held here.
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    let command = cli::parse_args(std::env::args_os().skip(1));
    if !matches!(command, Ok(cli::Command::Open { .. })) {
        cli::console::attach_to_parent_console();
    }
    let command = match command {
        Ok(c) => c,
        Err(message) => {
            let _ = writeln!(stderr, "dossier-cloud : {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let knowledge = match Knowledge::builtin() {
        Ok(k) => k,
        Err(message) => {
            let _ = writeln!(
                stderr,
                "dossier-cloud : données de règles invalides : {message}"
            );
            return ExitCode::from(2);
        }
    };
    // Messages for people show what a file could hide in them; JSON goes out as it is.
    let mut err = cli::Visible(stderr);
    let result = if command.prints_json() {
        cli::run(&command, &knowledge, &mut stdout, &mut err)
    } else {
        cli::run(&command, &knowledge, &mut cli::Visible(stdout), &mut err)
    };
    let mut stderr = err.0;
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(stderr, "dossier-cloud : écriture impossible : {e}");
            ExitCode::from(2)
        }
    }
}
