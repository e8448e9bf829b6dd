//! Containers in a dossier: `.zip` files and mailboxes (`.mbox`).
//!
//! A container is not a document: its entries are. [`expand`] replaces each container the walk found by
//! its members, in the container's order, each an [`Entry`] like a file of a folder: its path is the
//! container's path and the entry's name (`bijlagen.zip/brief.pdf`; a mailbox's messages are numbered,
//! `postvak.mbox/0003`, a number being no one's name), and it is read, detected, decided, redacted and
//! taken into the dossier's consistency rounds by the normal adapters (a message by the e-mail adapter).
//! A `.zip` or `.mbox` inside a zip is a container again, up to [`limits::MAX_ZIP_NESTING`] levels.
//! Members hold no bytes: [`read`] gets them from the file again, through the same checks.
//!
//! What the walk cannot list makes the container itself a document that needs manual handling (an
//! unreadable zip, too many entries, two entries with one name, sizes that add up to a bomb, a file that
//! is no mailbox). What is wrong with one entry (an unsafe name, encryption, a bomb, nesting too deep)
//! makes that entry one; its path then names it by its number (`bijlagen.zip/entry 3`) when its name is
//! unsafe. Folder entries are neither documents nor written: a zip's folders follow from its files.
//!
//! [`publish`] writes each container once, in mirrored output: a new zip with the written members in
//! the input's order under their published names (names are content: scanned and redacted like file
//! names), or a new mailbox ([`crate::formats::mail::mbox::write`]). A member that needs manual handling
//! (or is skipped as a duplicate) is left out, as a withheld file is left out of the output folder; a
//! container with nothing left is not written. A document's `output` is the container's published path
//! and the member's name in it (for a message: its number in the written mailbox). With `--number`
//! every member is published on its own, under its document number (a row of the inventory is one
//! file), a message as `.eml`.

use std::io::{Cursor, Read, Seek};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::process::Facts;
use super::walk::Entry;
use crate::formats::mail::mbox;
use crate::formats::office::package;
use crate::limits;
use crate::model::{Code, Manual};
use crate::report::{DocumentReport, Status};

/// The kind of a container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Zip,
    Mbox,
}

impl Kind {
    /// The container kind of a path, by its extension.
    pub(crate) fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "zip" => Some(Kind::Zip),
            "mbox" => Some(Kind::Mbox),
            _ => None,
        }
    }

    fn ext(self) -> &'static str {
        match self {
            Kind::Zip => ".zip",
            Kind::Mbox => ".mbox",
        }
    }
}

/// One step from a container's bytes to one of its members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// The zip entry with this index.
    Zip(usize),
    /// The message at these bytes of a mailbox.
    Mbox(Range<usize>),
}

/// Where a member of a container is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Member {
    /// The file on disk that holds it (the outermost container).
    pub file: PathBuf,
    /// From that file's bytes to the member's.
    pub steps: Vec<Step>,
    /// The container of the run that holds it directly.
    pub container: usize,
}

impl Member {
    /// A message of a mailbox, read by the e-mail adapter.
    pub(crate) fn is_message(&self) -> bool {
        matches!(self.steps.last(), Some(Step::Mbox(_)))
    }
}

/// A container of the run.
#[derive(Clone, Debug)]
pub(crate) struct Container {
    pub kind: Kind,
    /// Its path in the output tree, as found.
    pub relative: PathBuf,
    /// What it holds, in its order.
    pub items: Vec<Item>,
    /// The container that holds it.
    pub parent: Option<usize>,
}

/// One thing a container holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    /// A document of the run, by its index.
    Document(usize),
    /// A container of the run, by its index.
    Container(usize),
}

/// Replaces every container among the walked entries by its members (see the module docs).
pub(crate) fn expand(walked: Vec<Entry>) -> crate::Result<(Vec<Entry>, Vec<Container>)> {
    let mut run = Listing { out: Vec::with_capacity(walked.len()), containers: Vec::new(), budget: None };
    for entry in walked {
        match Kind::of(&entry.source).filter(|_| entry.problem.is_none()) {
            Some(kind) => {
                let (documents, containers) = (run.out.len(), run.containers.len());
                // A zip's documents in all, nested containers' included, are held to the limit of the
                // entries of one zip: listing a zip of zips of zips must not cost the product of theirs.
                run.budget = (kind == Kind::Zip).then_some(limits::MAX_OFFICE_ENTRIES);
                let file = entry.source.clone();
                if let Err(manual) = run.open(entry.clone(), kind, &file, Vec::new(), None, 1) {
                    run.out.truncate(documents);
                    run.containers.truncate(containers);
                    run.out.push(Entry { problem: Some(manual), ..entry });
                }
            }
            None => run.out.push(entry),
        }
        if run.out.len() > limits::MAX_DOCUMENTS {
            return Err(crate::Error::Usage(format!("more than {} files in the inputs", limits::MAX_DOCUMENTS)));
        }
    }
    // The walk's thread keeps no zip open (see `LAST_ZIP`).
    LAST_ZIP.with(|cell| cell.borrow_mut().take());
    Ok((run.out, run.containers))
}

/// What the expansion of the run's containers has listed so far.
struct Listing {
    out: Vec<Entry>,
    containers: Vec<Container>,
    /// How many more documents the zip being listed may hold, nested containers included.
    budget: Option<usize>,
}

impl Listing {
    /// Lists container `entry` (of `kind`, reached from `file` by `steps`, held by `parent`, `depth`
    /// levels deep); when it cannot be listed, it is itself a document that needs manual handling. The
    /// error refuses the outermost zip: its documents in all are over the limit.
    fn open(
        &mut self,
        mut entry: Entry,
        kind: Kind,
        file: &Path,
        steps: Vec<Step>,
        parent: Option<usize>,
        depth: usize,
    ) -> Result<(), Manual> {
        let listed = match kind {
            Kind::Zip => list_zip(file, &steps),
            Kind::Mbox => list_mbox(file, &steps),
        };
        let items = match listed {
            Ok(items) => items,
            Err(manual) => {
                entry.problem = Some(manual);
                return self.push(entry, parent);
            }
        };
        let index = self.containers.len();
        self.containers.push(Container { kind, relative: entry.relative.clone(), items: Vec::new(), parent });
        if let Some(p) = parent {
            self.containers[p].items.push(Item::Container(index));
        }
        for (name, step, problem) in items {
            let mut steps = steps.clone();
            steps.push(step);
            let member = Member { file: file.to_path_buf(), steps: steps.clone(), container: index };
            let child = Entry {
                source: entry.source.join(&name),
                relative: entry.relative.join(&name),
                problem,
                member: Some(member),
            };
            match Kind::of(Path::new(&name)).filter(|_| child.problem.is_none() && kind == Kind::Zip) {
                Some(inner) if depth < limits::MAX_ZIP_NESTING => {
                    self.open(child, inner, file, steps, Some(index), depth + 1)?
                }
                Some(_) => {
                    let reason = format!(
                        "a container nested {} levels deep; lak opens at most {}",
                        depth + 1,
                        limits::MAX_ZIP_NESTING
                    );
                    self.push(Entry { problem: Some(Manual::new(Code::ZipLimit, reason)), ..child }, Some(index))?;
                }
                None => self.push(child, Some(index))?,
            }
        }
        Ok(())
    }

    /// Adds a document, a member of `container`.
    fn push(&mut self, entry: Entry, container: Option<usize>) -> Result<(), Manual> {
        if let Some(budget) = &mut self.budget {
            *budget = budget.checked_sub(1).ok_or_else(|| {
                Manual::new(
                    Code::ZipLimit,
                    format!(
                        "more than {} documents in the zip, those of the containers in it included; lak opens at most {}",
                        limits::MAX_OFFICE_ENTRIES,
                        limits::MAX_OFFICE_ENTRIES
                    ),
                )
            })?;
        }
        if let Some(c) = container {
            self.containers[c].items.push(Item::Document(self.out.len()));
        }
        self.out.push(entry);
        Ok(())
    }
}

/// A member's name (a path inside the container), how to reach it, and what is wrong with it.
type Listed = (String, Step, Option<Manual>);

/// The entries of a zip, folders left out. An entry whose name is unsafe is named by its number.
fn list_zip(file: &Path, steps: &[Step]) -> Result<Vec<Listed>, Manual> {
    let mut archive = archive(file, steps)?;
    let listed = package::list(&mut archive)?;
    let mut out = Vec::new();
    for (i, item) in listed.into_iter().enumerate() {
        match item {
            Ok(l) if l.is_dir => {}
            Ok(l) => out.push((l.name.trim_end_matches('/').to_string(), Step::Zip(l.index), None)),
            Err(manual) => {
                let name = archive
                    .by_index_raw(i)
                    .ok()
                    .and_then(|f| f.name().ok().map(|n| n.into_owned()))
                    .filter(|n| package::check_name(n).is_ok())
                    .unwrap_or_else(|| format!("entry {}", i + 1));
                out.push((name.trim_end_matches('/').to_string(), Step::Zip(i), Some(manual)));
            }
        }
    }
    Ok(out)
}

/// The messages of a mailbox, named by their numbers.
fn list_mbox(file: &Path, steps: &[Step]) -> Result<Vec<Listed>, Manual> {
    let bytes = bytes_at(file, steps)?;
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let ranges = mbox::split(&bytes).ok_or_else(|| {
        Manual::new(Code::Corrupt, "not a mailbox: the file does not start with a `From ` separator line")
    })?;
    let width = ranges.len().to_string().len().max(4);
    Ok(ranges.into_iter().enumerate().map(|(i, r)| (format!("{:0width$}", i + 1), Step::Mbox(r), None)).collect())
}

/// A reader of a container's bytes.
trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

/// The zip reached by `steps` from `file`: the file itself is read where it lies, an inner zip from memory.
fn archive(file: &Path, steps: &[Step]) -> Result<zip::ZipArchive<Box<dyn ReadSeek>>, Manual> {
    let reader: Box<dyn ReadSeek> = if steps.is_empty() {
        let f = open_file(file)?;
        Box::new(std::io::BufReader::new(f))
    } else {
        Box::new(Cursor::new(bytes_at(file, steps)?))
    };
    package::open(reader)
}

/// A zip on disk, opened: which file, its size and time when it was opened, and its central directory.
type Opened = (PathBuf, u64, Option<std::time::SystemTime>, zip::ZipArchive<Box<dyn ReadSeek>>);

thread_local! {
    /// The zip file this worker read a member of last: the members of a zip are mostly processed one
    /// after the other by the same worker, and reading a central directory of thousands of entries
    /// again for each of them would cost the square of their number.
    static LAST_ZIP: std::cell::RefCell<Option<Opened>> = const { std::cell::RefCell::new(None) };
}

/// Entry `index` of the zip file `file`, decompressed, through a central directory read once per worker
/// while the file's size and time stay the same.
fn zip_entry_on_disk(file: &Path, index: usize) -> Result<Vec<u8>, Manual> {
    let meta = std::fs::metadata(file).map_err(|e| Manual::new(Code::Unreadable, format!("cannot be read: {e}")))?;
    let (len, modified) = (meta.len(), meta.modified().ok());
    LAST_ZIP.with(|cell| {
        let mut last = cell.borrow_mut();
        if !matches!(&*last, Some((p, l, m, _)) if p == file && *l == len && *m == modified) {
            *last = None;
            *last = Some((file.to_path_buf(), len, modified, archive(file, &[])?));
        }
        let (.., archive) = last.as_mut().expect("opened above");
        let listed = package::list_one(archive, index)??;
        package::read_listed(archive, &listed)
    })
}

fn open_file(file: &Path) -> Result<std::fs::File, Manual> {
    let unreadable = |e: std::io::Error| Manual::new(Code::Unreadable, format!("cannot be read: {e}"));
    let meta = std::fs::metadata(file).map_err(unreadable)?;
    if meta.len() > limits::MAX_INPUT_BYTES {
        return Err(Manual::new(
            Code::TooLarge,
            format!("{} bytes; lak reads at most {}", meta.len(), limits::MAX_INPUT_BYTES),
        ));
    }
    std::fs::File::open(file).map_err(unreadable)
}

/// The bytes reached by `steps` from `file`, each zip entry read through the checks of
/// [`package::list_one`] and [`package::read_listed`] again (the file may have changed since the walk).
fn bytes_at(file: &Path, steps: &[Step]) -> Result<Vec<u8>, Manual> {
    let Some((last, before)) = steps.split_last() else {
        let mut bytes = Vec::new();
        open_file(file)?
            .read_to_end(&mut bytes)
            .map_err(|e| Manual::new(Code::Unreadable, format!("cannot be read: {e}")))?;
        return Ok(bytes);
    };
    match last {
        Step::Zip(index) if before.is_empty() => zip_entry_on_disk(file, *index),
        Step::Zip(index) => {
            let mut archive = archive(file, before)?;
            let listed = package::list_one(&mut archive, *index)??;
            package::read_listed(&mut archive, &listed)
        }
        Step::Mbox(range) if before.is_empty() => {
            // A message of a mailbox on disk: only its own bytes are read, not the whole mailbox again.
            let fail = |e: std::io::Error| Manual::new(Code::Unreadable, format!("cannot be read: {e}"));
            let mut f = open_file(file)?;
            f.seek(std::io::SeekFrom::Start(range.start as u64)).map_err(fail)?;
            let mut bytes = vec![0; range.len()];
            f.read_exact(&mut bytes).map_err(fail)?;
            Ok(mbox::message(&bytes, 0..bytes.len()))
        }
        Step::Mbox(range) => {
            let bytes = bytes_at(file, before)?;
            if range.end > bytes.len() {
                return Err(Manual::new(Code::Unreadable, "the mailbox changed while lak read it"));
            }
            Ok(mbox::message(&bytes, range.clone()))
        }
    }
}

/// The bytes of a member.
pub(crate) fn read(member: &Member) -> Result<Vec<u8>, Manual> {
    bytes_at(&member.file, &member.steps)
}

/// A container's published name: the name [`crate::package::names::assign`] gave the folder its
/// members were placed in, with the container's extension at its end (`x.zip (2)` → `x (2).zip`).
fn with_extension(name: &str, ext: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(ext) {
        return name.to_string();
    }
    match lower.rfind(ext) {
        Some(at) => format!("{}{}{}", &name[..at], &name[at + ext.len()..], &name[at..at + ext.len()]),
        None => format!("{name}{ext}"),
    }
}

/// Writes every container that holds a written member into `out` (mirrored output), and gives each
/// member its `output`. `targets[i]` is the path document `i` would have had in a folder tree; the
/// staged outputs of members are read from `facts`. A container that cannot be written withholds its
/// members.
pub(crate) fn publish(
    out: &Path,
    containers: &[Container],
    entries: &[Entry],
    targets: &[Option<String>],
    documents: &mut [DocumentReport],
    facts: &mut [Facts],
) {
    // Each container's published path, as components: from any written member below it.
    let mut paths: Vec<Option<Vec<String>>> = vec![None; containers.len()];
    for (i, target) in targets.iter().enumerate() {
        let (Some(target), Some(member)) = (target, &entries[i].member) else { continue };
        let comps: Vec<&str> = target.split('/').collect();
        let mut c = Some(member.container);
        while let Some(k) = c {
            if paths[k].is_some() {
                break;
            }
            let depth = containers[k].relative.components().count();
            paths[k] = Some(comps[..depth].iter().map(|s| s.to_string()).collect());
            c = containers[k].parent;
        }
    }
    // The extension fixed at every level, outermost first (a container comes after its parent).
    for k in 0..containers.len() {
        let Some(mut p) = paths[k].take() else { continue };
        if let Some(parent) = containers[k].parent.and_then(|q| paths[q].as_ref()) {
            p.splice(..parent.len(), parent.iter().cloned());
        }
        if let Some(last) = p.last_mut() {
            *last = with_extension(last, containers[k].kind.ext());
        }
        paths[k] = Some(p);
    }
    let mut built: Vec<Option<Vec<u8>>> = vec![None; containers.len()];
    for k in (0..containers.len()).rev() {
        let Some(path) = &paths[k] else { continue };
        let depth = path.len();
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut written: Vec<(usize, String)> = Vec::new();
        for item in &containers[k].items {
            match *item {
                Item::Document(i) => {
                    let (Some(staged), Some(target)) = (facts[i].staged.take(), &targets[i]) else { continue };
                    let name = target.split('/').skip(depth).collect::<Vec<_>>().join("/");
                    match std::fs::read(&staged) {
                        Ok(bytes) => {
                            files.push((name.clone(), bytes));
                            let place = match containers[k].kind {
                                Kind::Zip => name,
                                Kind::Mbox => format!("{:04}", files.len()),
                            };
                            written.push((i, place));
                        }
                        Err(e) => withhold(&mut documents[i], format!("reading the staged output failed: {e}")),
                    }
                    let _ = std::fs::remove_file(staged);
                }
                Item::Container(c) => {
                    if let (Some(bytes), Some(inner)) = (built[c].take(), &paths[c]) {
                        files.push((inner[depth..].join("/"), bytes));
                    }
                }
            }
        }
        if files.is_empty() {
            continue;
        }
        let bytes = match containers[k].kind {
            Kind::Zip => package::write_new(&files),
            Kind::Mbox => Ok(mbox::write(files.iter().map(|(_, b)| b.as_slice()))),
        };
        let at = path.join("/");
        for (i, place) in written {
            documents[i].output = Some(format!("{at}/{place}"));
        }
        match bytes {
            Ok(bytes) => built[k] = Some(bytes),
            Err(m) => withhold_all(k, containers, documents, &m.reason),
        }
    }
    for k in (0..containers.len()).filter(|&k| containers[k].parent.is_none()) {
        let (Some(bytes), Some(path)) = (built[k].take(), &paths[k]) else { continue };
        let staged = out.join(super::publish::STAGING).join(format!("container-{k:07}"));
        let result = super::write::stage(&staged, &bytes)
            .map_err(|e| e.to_string())
            .and_then(|()| super::publish::place(&staged, &out.join(path.join("/"))));
        if let Err(reason) = result {
            let _ = std::fs::remove_file(&staged);
            withhold_all(k, containers, documents, &reason);
        }
    }
}

fn withhold(d: &mut DocumentReport, reason: String) {
    d.status = Status::NeedsManual;
    d.reason = Some(Manual::new(Code::WriteFailed, reason));
    d.output = None;
}

/// Withholds every document of container `k`, nested containers included.
fn withhold_all(k: usize, containers: &[Container], documents: &mut [DocumentReport], reason: &str) {
    for item in &containers[k].items {
        match *item {
            Item::Document(i) if documents[i].output.is_some() => {
                withhold(&mut documents[i], format!("writing its container failed: {reason}"))
            }
            Item::Document(_) => {}
            Item::Container(c) => withhold_all(c, containers, documents, reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            w.start_file(*name, options).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn walked(dir: &Path, name: &str) -> Entry {
        let source = dir.join(name);
        Entry { source, relative: PathBuf::from(name), problem: None, member: None }
    }

    #[test]
    fn entries_that_add_up_to_a_bomb_refuse_the_whole_zip() {
        // Five entries that each declare 250 MiB (under the limit of one entry, at a ratio under 200×
        // by the sizes they declare): together over the limit of all entries.
        let mut z = zip_of(&[("a.txt", b"a"), ("b.txt", b"b"), ("c.txt", b"c"), ("d.txt", b"d"), ("e.txt", b"e")]);
        let mut at = 0;
        while let Some(i) = z[at..].windows(4).position(|w| w == b"PK\x01\x02") {
            let cd = at + i;
            z[cd + 20..cd + 24].copy_from_slice(&(2u32 << 20).to_le_bytes());
            z[cd + 24..cd + 28].copy_from_slice(&(250u32 << 20).to_le_bytes());
            at = cd + 4;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bom.zip"), &z).unwrap();
        let (entries, containers) = expand(vec![walked(dir.path(), "bom.zip")]).unwrap();
        assert!(containers.is_empty());
        assert_eq!(entries.len(), 1);
        let problem = entries[0].problem.as_ref().expect("refused");
        assert!(matches!(problem.code, Code::ZipLimit | Code::Corrupt), "{problem:?}");
    }

    #[test]
    fn the_entry_limit_counts_the_documents_of_nested_zips_too() {
        let names: Vec<String> = (0..limits::MAX_OFFICE_ENTRIES / 2 + 1).map(|i| format!("{i}.txt")).collect();
        let inner = zip_of(&names.iter().map(|n| (n.as_str(), &b""[..])).collect::<Vec<_>>());
        let z = zip_of(&[("a.zip", &inner), ("b.zip", &inner)]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.zip"), &z).unwrap();
        let (entries, containers) = expand(vec![walked(dir.path(), "x.zip")]).unwrap();
        assert!(containers.is_empty());
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].problem.as_ref().map(|p| p.code), Some(Code::ZipLimit));
        // One of them alone is within the limit.
        std::fs::write(dir.path().join("y.zip"), zip_of(&[("a.zip", &inner)])).unwrap();
        let (entries, _) = expand(vec![walked(dir.path(), "y.zip")]).unwrap();
        assert_eq!(entries.len(), names.len());
    }

    #[test]
    fn a_mailbox_in_a_zip_is_a_container_of_messages() {
        let mbox = b"From a@example.nl Mon Jan  1 10:00:00 2024\r\nSubject: een\r\n\r\n>From hier\r\n\r\n\
                     From b@example.nl Mon Jan  1 11:00:00 2024\r\nSubject: twee\r\n\r\ntekst\r\n";
        let z = zip_of(&[("post.mbox", mbox)]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.zip"), &z).unwrap();
        let (entries, containers) = expand(vec![walked(dir.path(), "x.zip")]).unwrap();
        let names: Vec<String> = entries.iter().map(|e| e.relative.display().to_string()).collect();
        assert_eq!(names, ["x.zip/post.mbox/0001", "x.zip/post.mbox/0002"]);
        assert_eq!(containers[1].kind, Kind::Mbox);
        assert_eq!(entries[0].format_path().extension().unwrap(), "eml");
        assert_eq!(read(entries[0].member.as_ref().unwrap()).unwrap(), b"Subject: een\r\n\r\nFrom hier\r\n");
        assert_eq!(read(entries[1].member.as_ref().unwrap()).unwrap(), b"Subject: twee\r\n\r\ntekst\r\n");
    }

    #[test]
    fn members_are_read_again_through_the_checks() {
        let inner = zip_of(&[("c.txt", b"binnen")]);
        let z = zip_of(&[("a.txt", b"buiten"), ("map/", b""), ("b.zip", &inner)]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.zip"), &z).unwrap();
        let (entries, containers) = expand(vec![walked(dir.path(), "x.zip")]).unwrap();
        let names: Vec<String> = entries.iter().map(|e| e.relative.display().to_string()).collect();
        assert_eq!(names, ["x.zip/a.txt", "x.zip/b.zip/c.txt"]);
        assert_eq!(containers.len(), 2);
        assert_eq!(containers[0].items, [Item::Document(0), Item::Container(1)]);
        assert_eq!(read(entries[1].member.as_ref().unwrap()).unwrap(), b"binnen");
        // The file changed since the walk: what is read is checked again, never trusted.
        std::fs::write(dir.path().join("x.zip"), b"PK\x05\x06 weg").unwrap();
        assert!(read(entries[0].member.as_ref().unwrap()).is_err());
    }

    #[test]
    fn a_containers_extension_stays_at_its_end() {
        assert_eq!(with_extension("[5.1.2e].zip", ".zip"), "[5.1.2e].zip");
        assert_eq!(with_extension("[5.1.2e].zip (2)", ".zip"), "[5.1.2e] (2).zip");
        assert_eq!(with_extension("Bijlagen.ZIP", ".zip"), "Bijlagen.ZIP");
        assert_eq!(with_extension("[5.1.2e]", ".mbox"), "[5.1.2e].mbox");
    }
}
