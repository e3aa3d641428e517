//! The importers' writer: files staged in a folder beside the site and moved into place
//! together, so an import that fails part-way leaves the site as it was (issues 11 and 17).
//!
//! Paths given to [`Staging`] are planned ones: `/`-separated, relative, made of slugs and
//! names the importer checked. Each is checked again here ([`is_inside`]), so nothing an
//! input holds can name a place outside the folder they are joined to.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{shown, write_file};
use crate::diagnostic::Diagnostic;
use crate::import::{ImportedAuthor, ProfileMerge, merge_profile, profile_file};

/// Files written to a folder beside the site and moved into place together. Dropped
/// without [`Staging::commit`], it removes itself and leaves the site as it was.
pub(crate) struct Staging {
    dir: PathBuf,
    /// Paths relative to the folder [`Staging::commit`] is given, in the order staged.
    files: Vec<String>,
    committed: bool,
}

impl Staging {
    pub(crate) fn new(root: &Path) -> anyhow::Result<Staging> {
        let dir = root.join(".broadsheet-import");
        // A folder of this name is only ever ours, left by an import that was killed.
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot clear {}", shown(&dir)))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", shown(&dir)))?;
        Ok(Staging {
            dir,
            files: Vec::new(),
            committed: false,
        })
    }

    /// Stages a text file at the planned path `relative`.
    pub(crate) fn stage(&mut self, relative: &str, text: &str) -> anyhow::Result<()> {
        let path = self.place(relative)?;
        write_file(&path, text).with_context(|| format!("cannot write {}", shown(&path)))?;
        self.files.push(relative.to_string());
        Ok(())
    }

    /// Stages a copy of the file at `from` (outside the site: an image of the old one) at
    /// the planned path `relative`.
    pub(crate) fn stage_copy(&mut self, relative: &str, from: &Path) -> anyhow::Result<()> {
        let path = self.place(relative)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", shown(parent)))?;
        }
        std::fs::copy(from, &path)
            .with_context(|| format!("cannot copy {} to {}", shown(from), shown(&path)))?;
        self.files.push(relative.to_string());
        Ok(())
    }

    fn place(&self, relative: &str) -> anyhow::Result<PathBuf> {
        anyhow::ensure!(
            is_inside(relative),
            "refusing to write {relative:?}: it is not a plain path inside the site"
        );
        Ok(self.dir.join(relative))
    }

    /// Moves every staged file into place under `base`, replacing what is there.
    pub(crate) fn commit(mut self, base: &Path) -> anyhow::Result<()> {
        for relative in &self.files {
            let target = base.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", shown(parent)))?;
            }
            std::fs::rename(self.dir.join(relative), &target)
                .with_context(|| format!("cannot move {} into place", shown(&target)))?;
        }
        self.committed = true;
        std::fs::remove_dir_all(&self.dir).ok();
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            std::fs::remove_dir_all(&self.dir).ok();
        }
    }
}

/// Whether a planned path stays inside the folder it is joined to: relative, with no empty,
/// `.` or `..` part, no backslash and no NUL.
pub(crate) fn is_inside(relative: &str) -> bool {
    !relative.starts_with('/')
        && relative.split('/').all(|part| {
            !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', '\0'])
        })
}

/// What staging the profiles of an import did.
#[derive(Default)]
pub(crate) struct Profiles {
    pub new: usize,
    pub filled: usize,
    /// Profiles left alone (YAML, unreadable), each with what to add by hand.
    pub warnings: Vec<Diagnostic>,
}

/// Stages a profile for each author, by slug: a new file under `content/authors/`, or the
/// missing fields of an existing one; `prefix` is what staged paths start with (`""` when
/// the staging is committed into `content/`, `"content/"` when into the root).
pub(crate) fn stage_profiles<'a>(
    staging: &mut Staging,
    content: &Path,
    prefix: &str,
    authors: impl IntoIterator<Item = (&'a String, &'a ImportedAuthor)>,
) -> anyhow::Result<Profiles> {
    let mut done = Profiles::default();
    for (slug, author) in authors {
        let relative = format!("authors/{slug}.md");
        let target = content.join(&relative);
        let staged = format!("{prefix}{relative}");
        match std::fs::read_to_string(&target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                staging.stage(&staged, &profile_file(author))?;
                done.new += 1;
            }
            Err(e) => done.warnings.push(
                Diagnostic::error(
                    shown(&target),
                    1,
                    1,
                    format!("cannot read: {e}; left as it was"),
                )
                .warning(),
            ),
            Ok(existing) => match merge_profile(&existing, author) {
                ProfileMerge::Filled(merged) => {
                    staging.stage(&staged, &merged)?;
                    done.filled += 1;
                }
                ProfileMerge::Complete => {}
                ProfileMerge::LeftAlone { why, how } => done.warnings.push(
                    Diagnostic::error(
                        shown(&target),
                        1,
                        1,
                        format!("{why}; the profile of {} was left as it was", author.name),
                    )
                    .with_hint(how)
                    .warning(),
                ),
            },
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_paths_stay_inside() {
        assert!(is_inside("2019/ports.md"));
        assert!(is_inside("static/2019/03/ports/chart one.png"));
        for bad in [
            "../x.md", "/etc/x", "a//b", "a/./b", "a\\b", "", "a/\0/b", "a/..",
        ] {
            assert!(!is_inside(bad), "{bad:?}");
        }
    }
}
