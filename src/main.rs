//! The `dossier-cloud` binary: parses the arguments, then runs a command.

use std::io::Write;
use std::process::ExitCode;

use dossier_cloud::cli::{self, USAGE};
use dossier_cloud::domain::Knowledge;

fn main() -> ExitCode {
    let _ = cli::STARTED.set(std::time::Instant::now());
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
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
