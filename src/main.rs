//! The `dossier-cloud` binary: parses the arguments, then runs a command.

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
    let command = match cli::parse_args(std::env::args_os().skip(1)) {
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
    match cli::run(&command, &knowledge, &mut stdout, &mut stderr) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = writeln!(stderr, "dossier-cloud : écriture impossible : {e}");
            ExitCode::from(2)
        }
    }
}
