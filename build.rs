//! Looks for the programs some tests need from the system's packages (Node.js, npm,
//! Chromium or Firefox, Java), so that where one is missing those tests are compiled
//! as ignored, with what to install as the reason, and are never reported as passed. Under CI
//! (`CI` set) nothing is ignored: `.ci/run` installs them, and a test without them
//! fails.

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    for variable in ["PATH", "CI", "DOSSIER_CHROMIUM", "DOSSIER_FIREFOX"] {
        println!("cargo::rerun-if-env-changed={variable}");
    }
    for skipped in ["node_tests_skipped", "browser_tests_skipped", "java_tests_skipped"] {
        println!("cargo::rustc-check-cfg=cfg({skipped})");
    }
    let folders: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect())
        .unwrap_or_default();
    // Installing a package changes its folder, which runs this script again. A folder
    // that does not exist is left out: Cargo would count it as changed on every build.
    for folder in folders.iter().filter(|folder| folder.is_dir()) {
        println!("cargo::rerun-if-changed={}", folder.display());
    }
    if std::env::var_os("CI").is_some() {
        return;
    }
    let found = |name: &str| folders.iter().any(|folder| folder.join(name).is_file());
    let node = found("node") && found("npm");
    // One engine is enough to run a browser test; it says which other it skipped.
    let browser = ["DOSSIER_CHROMIUM", "DOSSIER_FIREFOX"]
        .iter()
        .any(|variable| std::env::var_os(variable).is_some())
        || [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "firefox-esr",
            "firefox",
        ]
        .iter()
        .any(|name| found(name));
    if !node {
        println!("cargo::rustc-cfg=node_tests_skipped");
    }
    if !(node && browser) {
        println!("cargo::rustc-cfg=browser_tests_skipped");
    }
    if !(found("java") && found("npm")) {
        println!("cargo::rustc-cfg=java_tests_skipped");
    }
}
