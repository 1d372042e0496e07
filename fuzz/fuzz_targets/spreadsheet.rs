//! The spreadsheet import on any bytes, as CSV and as a workbook (`.xlsx`, `.ods`): an error,
//! never a panic; what it reads maps and gives lines.
#![no_main]

use dossier_cloud::import::{guess, read_bytes, read_lines};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for extension in ["csv", "xlsx", "ods"] {
        if let Ok(workbook) = read_bytes(data.to_vec(), extension, "fuzz") {
            for sheet in &workbook.sheets {
                let _ = read_lines(sheet, &guess(sheet));
            }
        }
    }
});
