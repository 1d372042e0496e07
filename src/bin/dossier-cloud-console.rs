//! `dossier-cloud.com`, the console companion shipped beside `dossier-cloud.exe` on Windows.
//!
//! `dossier-cloud.exe` is a window program, so a terminal does not wait for it: typed in `cmd` or
//! PowerShell, a command's report would come after the next prompt and its exit status would be
//! lost. Windows looks for `.com` before `.exe` (`PATHEXT`), so `dossier-cloud check …` typed in a
//! terminal runs this console program, which runs `dossier-cloud.exe` beside it with the same
//! arguments and the terminal's own handles, waits for it and returns its exit status — as
//! Visual Studio's `devenv.com` does. It knows nothing else of the app.

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let name = if cfg!(windows) {
        "dossier-cloud.exe"
    } else {
        "dossier-cloud"
    };
    let program = match std::env::current_exe() {
        Ok(me) => me.with_file_name(name),
        Err(e) => return fail(&format!("emplacement du programme inconnu : {e}")),
    };
    match Command::new(&program)
        .args(std::env::args_os().skip(1))
        .status()
    {
        Ok(status) => ExitCode::from(
            status
                .code()
                .and_then(|c| u8::try_from(c).ok())
                .unwrap_or(2),
        ),
        Err(e) => fail(&format!(
            "{} introuvable ou illisible : {e}",
            program.display()
        )),
    }
}

fn fail(message: &str) -> ExitCode {
    #[allow(clippy::print_stderr)] // A console program's one message.
    {
        eprintln!("dossier-cloud : {message}");
    }
    ExitCode::from(2)
}
