//! Writes a rendered site to disk, all or nothing.
//!
//! The files go to a staging folder beside the target; only when every file is written is
//! the staging folder renamed into place, and the previous output removed. A build that
//! fails, or is killed, leaves the previous output as it was. broadsheet marks each folder
//! it writes with a `.broadsheet-output` file and never replaces a non-empty folder without
//! that mark, so pointing `--output` at the wrong place cannot delete anyone's files.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::render::{File, FileKind, Sink};
use anyhow::{Context as _, bail};

/// The file that marks a folder as broadsheet's output.
pub const MARKER: &str = ".broadsheet-output";

/// Checks that `target` is a place broadsheet may write a site for the site at `root`.
///
/// Refuses the site root itself, any folder that holds it, the file system root, a symbolic
/// link, a file, and a non-empty folder without broadsheet's mark.
pub fn check_target(target: &Path, root: &Path) -> anyhow::Result<()> {
    let absolute_target = absolute(target)?;
    let absolute_root = absolute(root)?;
    if absolute_target.parent().is_none() {
        bail!(
            "refusing to write the site to {}: that is the root of the file system",
            target.display()
        );
    }
    if absolute_root.starts_with(&absolute_target) {
        bail!(
            "refusing to write the site to {}: it holds the site's own sources",
            target.display()
        );
    }
    if let Ok(meta) = fs::symlink_metadata(target) {
        if meta.file_type().is_symlink() {
            bail!(
                "refusing to write the site to {}: it is a symbolic link",
                target.display()
            );
        }
        if !meta.is_dir() {
            bail!(
                "refusing to write the site to {}: it is a file",
                target.display()
            );
        }
        let empty = fs::read_dir(target)
            .with_context(|| format!("cannot read {}", target.display()))?
            .next()
            .is_none();
        if !empty && !target.join(MARKER).is_file() {
            bail!(
                "refusing to replace {}: it is not empty and was not written by broadsheet (no {MARKER} file in it)\n  = hint: choose an empty or new folder with --output",
                target.display()
            );
        }
    }
    Ok(())
}

/// A staging folder beside the target that files are written into as they are rendered;
/// `commit` moves it into place. Dropped without a commit, it removes itself.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    old: PathBuf,
    files: AtomicUsize,
    pages: AtomicUsize,
    committed: bool,
}

/// What a committed build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    /// Pages among the files (see [`FileKind::Page`]).
    pub pages: usize,
}

impl Staging {
    /// Checks `target` (see [`check_target`]), clears what an interrupted build left, and
    /// creates the staging folder, marked as ours before anything else goes in.
    pub fn create(target: &Path, root: &Path) -> anyhow::Result<Staging> {
        check_target(target, root)?;
        let (dir, old) = siblings(target)?;
        recover(target, &old)?;
        if dir.exists() {
            // Left by a build that was interrupted; it is ours if it carries the mark, or if
            // it is empty (the build was killed between making the folder and marking it).
            let empty = fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_none());
            if !empty && !dir.join(MARKER).is_file() {
                bail!(
                    "cannot build: {} exists and was not made by broadsheet",
                    dir.display()
                );
            }
            remove_marked(&dir).with_context(|| format!("cannot remove {}", dir.display()))?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        fs::write(
            dir.join(MARKER),
            b"This folder was written by broadsheet and is replaced on every build.\n",
        )
        .with_context(|| format!("cannot write {}", dir.display()))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            old,
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            committed: false,
        })
    }

    /// Moves the staging folder into place and removes the previous output.
    pub fn commit(mut self) -> anyhow::Result<Written> {
        let target = &self.target;
        if target.exists() {
            fs::rename(target, &self.old)
                .with_context(|| format!("cannot move {} aside", target.display()))?;
        }
        if let Err(e) = fs::rename(&self.dir, target) {
            // Put the previous output back before reporting.
            let _ = fs::rename(&self.old, target);
            return Err(anyhow::Error::new(e).context(format!(
                "cannot move the new site into {}",
                target.display()
            )));
        }
        self.committed = true;
        if self.old.exists() {
            remove_marked(&self.old).with_context(|| {
                format!(
                    "cannot remove the previous output at {}",
                    self.old.display()
                )
            })?;
        }
        Ok(Written {
            files: self.files.load(Ordering::Relaxed),
            pages: self.pages.load(Ordering::Relaxed),
        })
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, file: File) -> anyhow::Result<()> {
        if !is_safe_relative(path) {
            bail!("internal error: output path {path:?} would leave the output folder");
        }
        let at = self.dir.join(path);
        if let Some(parent) = at.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(&at, file.bytes).with_context(|| format!("cannot write {}", at.display()))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        if file.kind == FileKind::Page {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_marked(&self.dir);
        }
    }
}

/// The staging and set-aside folders beside `target`.
fn siblings(target: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    let absolute_target = absolute(target)?;
    let name = absolute_target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = absolute_target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok((
        parent.join(format!(".{name}.broadsheet-new")),
        parent.join(format!(".{name}.broadsheet-old")),
    ))
}

/// A build killed between moving the old output aside and moving the new one in leaves no
/// target; put the old output back.
fn recover(target: &Path, old: &Path) -> anyhow::Result<()> {
    if !target.exists() && old.join(MARKER).is_file() {
        fs::rename(old, target).with_context(|| format!("cannot restore {}", target.display()))?;
    } else if old.join(MARKER).is_file() {
        remove_marked(old).with_context(|| format!("cannot remove {}", old.display()))?;
    }
    Ok(())
}

/// Removes a folder broadsheet made, its mark last, so that a build killed halfway through
/// leaves a folder still marked as ours, which the next build clears.
fn remove_marked(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    match fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .context("cannot read the current folder")?
            .join(path)
    };
    // Resolve `..` and links where the path exists; keep the rest as written.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        match name.to_str() {
            Some("..") => {
                resolved.pop();
            }
            Some(".") => {}
            _ => resolved.push(name),
        }
    }
    Ok(resolved)
}

/// Whether an output path stays inside the output folder.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\0')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_cannot_escape() {
        assert!(is_safe_relative("a/b/index.html"));
        for bad in ["", "../x", "/etc/passwd", "a/../../x", "a\0b"] {
            assert!(!is_safe_relative(bad), "{bad:?}");
        }
    }

    /// Issue 7 (a build killed mid-write): a build killed right after creating its staging
    /// folder, before marking it, left an empty folder that every later build refused.
    #[test]
    fn an_empty_staging_folder_left_by_a_killed_build_is_cleared() {
        let root = tempfile::tempdir().expect("a temporary folder");
        let target = root.path().join("public");
        let (staging, _) = siblings(&target).expect("sibling paths");
        fs::create_dir_all(&staging).expect("an empty staging folder");
        let created = Staging::create(&target, &root.path().join("site"));
        assert!(created.is_ok(), "{:?}", created.err());
        drop(created);
        assert!(
            !staging.exists(),
            "an uncommitted staging folder removes itself"
        );

        // A marked folder goes whole; one holding files without the mark is left alone.
        fs::create_dir_all(staging.join("a/b")).expect("a staging folder");
        fs::write(staging.join(MARKER), "").expect("the mark");
        fs::write(staging.join("a/b/index.html"), "x").expect("a page");
        remove_marked(&staging).expect("removed");
        assert!(!staging.exists());
        fs::create_dir_all(&staging).expect("a staging folder");
        fs::write(staging.join("notes.txt"), "mine").expect("a file");
        assert!(Staging::create(&target, &root.path().join("site")).is_err());
        assert!(staging.join("notes.txt").is_file());
    }
}
