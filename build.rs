//! Records the commit dossier is built from, for `dossier --version` and for
//! the workflows `dossier init` writes, which pin the install action to it.
//!
//! The release workflow names the commit in `DOSSIER_BUILD_COMMIT`; a build
//! from a git checkout (also `cargo install --git`) asks git; anything else,
//! a source archive say, is an "unknown commit". Nothing here fails a build.
//! (`GITHUB_SHA` is not used: in a dossier's own workflow that builds dossier
//! from source it names the dossier's commit, not the tool's.)
//!
//! Sets `DOSSIER_COMMIT` (40 hex digits, or empty) and `DOSSIER_VERSION_LINE`
//! ("0.1.0 (commit 1a2b...)" or "0.1.0 (unknown commit)").

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=DOSSIER_BUILD_COMMIT");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = std::env::var("DOSSIER_BUILD_COMMIT").ok().filter(|c| is_commit(c)).or_else(|| from_git(&manifest_dir));
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let line = match &commit {
        Some(c) => format!("{version} (commit {c})"),
        None => format!("{version} (unknown commit)"),
    };
    println!("cargo:rustc-env=DOSSIER_COMMIT={}", commit.unwrap_or_default());
    println!("cargo:rustc-env=DOSSIER_VERSION_LINE={line}");
}

fn is_commit(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// HEAD of the repository whose top is this crate. A source archive unpacked
/// inside some other repository must not take that repository's commit.
fn from_git(dir: &Path) -> Option<String> {
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?);
    if top.canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    // Run again when HEAD moves: HEAD itself (a checkout), the branch it
    // points to (a commit), packed refs. This makes every commit rebuild the
    // crate once, the price of a --version that is never stale. Only files
    // that exist are named: cargo reruns the script on every build for a
    // missing one.
    let mut watched = vec![git(dir, &["rev-parse", "--git-path", "HEAD"])?, git(dir, &["rev-parse", "--git-path", "packed-refs"])?];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(dir, &["rev-parse", "--git-path", &branch])?);
    }
    for path in watched {
        let path = dir.join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    git(dir, &["rev-parse", "HEAD"]).filter(|c| is_commit(c))
}
