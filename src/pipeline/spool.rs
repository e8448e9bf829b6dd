//! The spool: a temporary file in the review folder where the workers put the report's findings of each
//! document they process, rendered (see [`crate::report::spool`]), until the report's files are written.
//!
//! It is created owner-only, like the report, and removed when the run ends, whether it succeeds or
//! fails (the file is deleted when the [`Spool`] is dropped, also when an error or a panic unwinds the
//! run). It never lands in the output folder: the review folder is never inside it.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;

use crate::report::spool::{Chunk, Store};
use crate::{Error, Result};

/// The prefix of the spool's file name (`.lak-spool-XXXXXX.tmp`).
pub(crate) const PREFIX: &str = ".lak-spool-";

/// An append-only temporary file shared by the workers.
pub(crate) struct Spool {
    file: Mutex<File>,
}

struct File {
    tmp: tempfile::NamedTempFile,
    /// Where the next chunk goes.
    end: u64,
}

impl Spool {
    /// A new, empty spool in folder `dir`.
    pub(crate) fn new(dir: &Path) -> Result<Spool> {
        let tmp =
            tempfile::Builder::new().prefix(PREFIX).suffix(".tmp").tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Spool { file: Mutex::new(File { tmp, end: 0 }) })
    }
}

impl Store for Spool {
    fn put(&self, bytes: &[u8]) -> std::io::Result<Chunk> {
        let mut f = self.file.lock().map_err(|_| std::io::Error::other("the spool's lock is poisoned"))?;
        let offset = f.end;
        let file = f.tmp.as_file_mut();
        file.seek(SeekFrom::Start(offset))?;
        file.write_all(bytes)?;
        f.end = offset + bytes.len() as u64;
        Ok(Chunk { offset, len: bytes.len() as u64 })
    }

    fn get(&self, chunk: Chunk) -> std::io::Result<Vec<u8>> {
        let mut f = self.file.lock().map_err(|_| std::io::Error::other("the spool's lock is poisoned"))?;
        let len = usize::try_from(chunk.len).map_err(std::io::Error::other)?;
        let file = f.tmp.as_file_mut();
        file.seek(SeekFrom::Start(chunk.offset))?;
        let mut bytes = vec![0; len];
        file.read_exact(&mut bytes)?;
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_come_back_as_they_went_in_and_the_file_goes_with_the_spool() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::new(dir.path()).unwrap();
        let a = spool.put(b"eerste").unwrap();
        let b = spool.put(b"tweede stuk").unwrap();
        assert_eq!(spool.get(b).unwrap(), b"tweede stuk");
        assert_eq!(spool.get(a).unwrap(), b"eerste");
        assert!(spool.get(Chunk { offset: 10, len: 100 }).is_err(), "past the end is an error");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = spool.file.lock().unwrap().tmp.path().to_path_buf();
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        drop(spool);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
