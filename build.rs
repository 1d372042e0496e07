//! Build script: on a Windows target, the `.exe`'s resources (icon, version and publisher, the
//! application manifest) from `packaging/windows/dossier-cloud.rc`; nothing elsewhere.

fn main() {
    println!("cargo:rerun-if-changed=packaging/windows/dossier-cloud.rc");
    println!("cargo:rerun-if-changed=packaging/windows/dossier-cloud.manifest");
    println!("cargo:rerun-if-changed=packaging/windows/dossier-cloud.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut numbers: Vec<u16> = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|n| n.parse().unwrap_or(0))
        .collect();
    numbers.resize(4, 0);
    let comma = numbers
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let macros = [
        format!("VERSION_COMMA={comma}"),
        format!("VERSION_TEXT=\\\"{version}\\\""),
    ];
    embed_resource::compile("packaging/windows/dossier-cloud.rc", &macros)
        .manifest_required()
        .unwrap_or_else(|e| panic!("Windows resources: {e}"));
}
