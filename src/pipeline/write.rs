//! Atomic output: a file appears under its final name complete, or not at all.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Who may read a written file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readers {
    /// Only the owner (mode 0600): reports, which hold the removed personal data.
    Owner,
    /// Everyone (mode 0644): redacted documents meant for publication.
    Everyone,
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, and renames it into place.
/// Parent folders are created.
pub fn write_atomically(path: &Path, bytes: &[u8], readers: Readers) -> Result<()> {
    write(path, bytes, readers, true)
}

/// Like [`write_atomically`], without flushing to disk: for outputs in the staging folder, which a
/// dossier round may write again and which are flushed once, when they are published (`publish.rs`).
pub(crate) fn stage(path: &Path, bytes: &[u8]) -> Result<()> {
    write(path, bytes, Readers::Everyone, false)
}

/// Writes what `render` writes to a temporary file beside `path`, flushes it to disk and renames it into
/// place: [`write_atomically`] for files too large to hold in memory (the review folder's reports). When
/// `render` or the disk fails, the temporary file is removed and nothing appears under `path`.
pub fn write_atomically_with(
    path: &Path,
    readers: Readers,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    write_with(path, readers, true, render)
}

fn write(path: &Path, bytes: &[u8], readers: Readers, sync: bool) -> Result<()> {
    write_with(path, readers, sync, |w| w.write_all(bytes))
}

fn write_with(
    path: &Path,
    readers: Readers,
    sync: bool,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp =
        tempfile::Builder::new().prefix(".lak-").suffix(".tmp").tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        render(&mut w).and_then(|()| w.flush()).map_err(|e| Error::io(path, e))?;
    }
    #[cfg(unix)]
    if readers == Readers::Everyone {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(|e| Error::io(tmp.path(), e))?;
    }
    if sync {
        tmp.as_file().sync_all().map_err(|e| Error::io(tmp.path(), e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b/c.txt");
        write_atomically(&p, b"one", Readers::Owner).unwrap();
        write_atomically(&p, b"two", Readers::Everyone).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("c.txt")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o644);
            write_atomically(&p, b"three", Readers::Owner).unwrap();
            assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}
