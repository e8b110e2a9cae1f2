//! Where the store lives when `--db` is not given.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::error::{Result, StoreError};

const APP_DIR: &str = "parallax";
const DB_FILE: &str = "parallax.db";

/// `$PARALLAX_DB` if set, else `parallax/parallax.db` in the platform's per-user data folder:
/// `$XDG_DATA_HOME`, falling back to `~/.local/share` (Linux and other Unix),
/// `~/Library/Application Support` (macOS), `%LOCALAPPDATA%` (Windows).
pub fn default_db_path() -> Result<PathBuf> {
    db_path_from_env(|name| std::env::var_os(name))
}

/// Environment lookup is a parameter so tests need not mutate the process environment,
/// which other threads may be reading.
fn db_path_from_env(var: impl Fn(&str) -> Option<OsString>) -> Result<PathBuf> {
    let set = |name: &str| {
        var(name)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    };
    if let Some(path) = set("PARALLAX_DB") {
        return Ok(path);
    }
    data_dir(&set)
        .map(|dir| dir.join(APP_DIR).join(DB_FILE))
        .ok_or(StoreError::NoDataDir)
}

fn data_dir(set: &impl Fn(&str) -> Option<PathBuf>) -> Option<PathBuf> {
    if cfg!(windows) {
        return set("LOCALAPPDATA");
    }
    if cfg!(target_os = "macos") {
        return set("HOME").map(|home| home.join("Library/Application Support"));
    }
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    set("XDG_DATA_HOME")
        .filter(|dir| dir.is_absolute())
        .or_else(|| set("HOME").map(|home| home.join(".local/share")))
}

#[cfg(all(test, unix, not(target_os = "macos")))]
mod tests {
    use super::*;

    fn path_with(vars: &[(&str, &str)]) -> Result<PathBuf> {
        db_path_from_env(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        })
    }

    #[test]
    fn parallax_db_wins() {
        let path = path_with(&[("PARALLAX_DB", "/tmp/x.db"), ("HOME", "/home/u")]).unwrap();
        assert_eq!(path, PathBuf::from("/tmp/x.db"));
    }

    #[test]
    fn xdg_data_home_then_home() {
        let vars = [("XDG_DATA_HOME", "/data"), ("HOME", "/home/u")];
        assert_eq!(
            path_with(&vars).unwrap(),
            PathBuf::from("/data/parallax/parallax.db")
        );
        let vars = [("XDG_DATA_HOME", "relative"), ("HOME", "/home/u")];
        assert_eq!(
            path_with(&vars).unwrap(),
            PathBuf::from("/home/u/.local/share/parallax/parallax.db")
        );
    }

    #[test]
    fn empty_values_count_as_unset() {
        assert!(matches!(
            path_with(&[("PARALLAX_DB", ""), ("HOME", "")]),
            Err(StoreError::NoDataDir)
        ));
    }
}
