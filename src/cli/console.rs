//! The console on Windows.
//!
//! There the program is built as a window program (the GUI subsystem, `main.rs`): started from
//! the Start menu or the Explorer, no black console window opens behind the app. A window program
//! gets no console of its own, so a command typed in a terminal (`dossier-cloud.exe check …`)
//! attaches to the terminal's console before it prints. Where the output is redirected (a file, a
//! pipe, the `dossier-cloud.com` companion that waits for the program and returns its status) the
//! handles are already there and kept. Elsewhere this does nothing.

/// Attaches to the parent's console, on Windows, when the standard output leads nowhere.
#[cfg(windows)]
#[allow(unsafe_code)] // Two Win32 calls; no pointer is passed or kept.
pub fn attach_to_parent_console() {
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };
    // SAFETY: GetStdHandle and AttachConsole take plain values and return a handle or a status;
    // AttachConsole fails harmlessly when the parent has no console or one is attached already.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        if out.is_null() || out == INVALID_HANDLE_VALUE {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// Nothing to do: the program has the console it was started from.
#[cfg(not(windows))]
pub fn attach_to_parent_console() {}
