#!/usr/bin/env python3
"""Regenerate the name gazetteers in rules/names/ from their sources.

lak itself never runs this script: it reads the committed *.txt files. Run it
only when a source or a curated list (rules/names/curated/*.in) changes, then
review `git diff --stat rules/names` and commit the result.

Sources it reads (see README.md, "Provenance and licences"):

  * Faker        (PyPI, MIT)  person providers      pip install "faker==40.54.0"
  * mimesis      (PyPI, MIT)  datasets/*/person.json pip install "mimesis==22.2.0"
  * @faker-js/faker (npm, MIT) locale person data   npm install "@faker-js/faker@10.6.0"
                 (read through `node`, which must be on PATH, Node >= 18)
  * OpenTaal word list, Debian package wdutch (BSD-3 or CC-BY 3.0)
                 apt-get install wdutch     -> /usr/share/dict/nederlands
  * deduce       (PyPI, LGPL-3.0-or-later per its metadata; see README.md)
                 lookup lists of names, streets and places, read from the wheel:
                 pip download "deduce==3.0.6" --no-deps -d /tmp/lak-names-deduce
                 Its derived lists are written to rules/names/deduce/, apart from
                 lak's own lists, with the licence texts beside them.
  * rules/names/curated/*.in  (lak maintainers' own lists, EUPL-1.2 like lak)

How to run (from the repository root):

    python3 -m venv /tmp/lak-names && /tmp/lak-names/bin/pip install \
        "faker==40.54.0" "mimesis==22.2.0"
    (mkdir -p /tmp/lak-names-npm && cd /tmp/lak-names-npm && npm install "@faker-js/faker@10.6.0")
    sudo apt-get install wdutch
    pip download "deduce==3.0.6" --no-deps -d /tmp/lak-names-deduce
    /tmp/lak-names/bin/python rules/names/build.py \
        --fakerjs /tmp/lak-names-npm/node_modules/@faker-js/faker \
        --deduce /tmp/lak-names-deduce/deduce-3.0.6-py3-none-any.whl

Options: --out DIR (default: the directory of this script), --dict PATH
(default /usr/share/dict/nederlands), --deduce PATH (the deduce wheel, or the
folder it was unpacked into; default $DEDUCE_WHEEL), --check (build into a
temporary directory and exit 1 if any committed file would change).

The script itself uses the Python 3.11 standard library only; Faker and
mimesis are imported solely to read their bundled data, node solely to read
faker-js' bundled locale data, and the deduce wheel is read as a zip file (it
is never installed or imported). Output is deterministic for fixed source
versions: every file is sorted in code-point order (= `LC_ALL=C sort -u`);
the files derived from deduce start with a fixed `#` comment block (source,
licence, what was changed and when), which lak's list reader skips.
"""

from __future__ import annotations

import argparse
import collections
import filecmp
import hashlib
import importlib
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated"

EXPECTED_VERSIONS = {"faker": "40.54.0", "mimesis": "22.2.0", "@faker-js/faker": "10.6.0", "deduce": "3.0.6"}

# The deduce release the derived lists come from: the wheel's SHA-256 pins it exactly.
DEDUCE_WHEEL_SHA256 = "8f927455e4a9e88d4af815cf1abb78f652db0a9899539d982c38503c30ea3c4c"
# Lists derived from deduce go to their own folder, next to their licence texts (see
# README.md, "Provenance and licences": LGPL-3.0 wants modified versions of its files
# marked as modified, with a date, and kept under the LGPL).
DEDUCE_DIR = "deduce"
# The date in the modification notice of the derived files (GPL-3.0 section 5a, which
# LGPL-3.0 builds on). Change it whenever the derivation (this script or the pinned
# deduce version) changes what the files hold.
DEDUCE_DERIVED_ON = "2026-12-03"

# All locales are read; non-Latin-script entries are dropped by `latin_only`.
# Left out: stubs, artificial languages, and Icelandic (its "surnames" are
# patronymic stems such as `Fjólmunds`, not surnames, and its 4,000 given names
# are all but absent in the Netherlands).  Irish-language surname forms
# (faker ga_IE, `Ó Gaibhtheacháin`) are skipped for the same reason.
LAST_NAME_SKIP = {"faker:ga_IE"}
FAKER_SKIP = {"es", "is_IS"}  # `es` is a stub (John/Jane Doe); Icelandic: see below
MIMESIS_SKIP = {"is"}
FAKERJS_SKIP = {"base", "en_BORK", "eo"}  # placeholders / Esperanto

# Arabic and Berber name particles that stay part of the surname as written
# (`El Amrani`, `Ait Ouali`, `Ben Ali`, `Abou Zeid`, `Ould Ahmed`).
ARABIC_PARTICLES = {
    "el", "al", "ben", "bin", "ait", "aït", "abou", "abu", "ould", "bou", "ibn", "oulad",
}

APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"}
HYPHENS = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"}


# --------------------------------------------------------------------------- helpers

def read_curated(name: str) -> list[str]:
    """Lines of curated/<name>.in without comments (# to end of line) and blanks."""
    out = []
    with open(CURATED / f"{name}.in", encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(unicodedata.normalize("NFC", line))
    return out


def read_curated_words(name: str) -> list[str]:
    """Curated list that may hold several comma-separated entries per line."""
    out = []
    for line in read_curated(name):
        out.extend(p.strip() for p in line.split(",") if p.strip())
    return out


def clean(s: str) -> str:
    s = unicodedata.normalize("NFC", str(s))
    for a, b in {**APOSTROPHES, **HYPHENS}.items():
        s = s.replace(a, b)
    s = s.replace("\u200c", "").replace("\u200d", "").replace("\u00a0", " ")
    return " ".join(s.split())


def latin_only(s: str) -> bool:
    """Letters must all be Latin script; allowed punctuation: ' - and single spaces."""
    if not s:
        return False
    for ch in s:
        if ch in "'- ":
            continue
        if not ch.isalpha():
            return False
        if not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


NAME_SHAPE = re.compile(r"^[^\W\d_]+(?:[-' ][^\W\d_]+)*$")


# Internal capitals are kept only after these name prefixes (McDonald, DeVries, LeBlanc,
# O'Brien is handled by the apostrophe); `JovanovićFiličić` (a lost hyphen) is rejected.
INNER_CAPITAL_OK = re.compile(r"^(?:Mc|Mac|Fitz|De|Di|Da|Du|Le|La|Van|Von|Del|Della|St)[A-ZÀ-ÖØ-Þ][^A-ZÀ-ÖØ-Þ]*$")


def good_shape(s: str, strict: bool = True) -> bool:
    """Shape rules for a gazetteer entry. `strict` adds the checks that catch junk in
    generated sources; curated entries are checked without them."""
    if len(s) < 2 or any(c.isdigit() for c in s):
        return False
    if not latin_only(s):
        return False
    if not NAME_SHAPE.match(s):
        return False
    if strict:
        # a run of one repeated letter (`Iii`) is not a name
        if len(set(s.lower())) == 1:
            return False
        for part in re.split(r"[ '-]", s):
            if re.search(r"[^\W\d_][A-ZÀ-ÖØ-Þ]", part) and not INNER_CAPITAL_OK.match(part):
                return False
    return True


def recapitalise(s: str) -> str:
    """Fix ALL-CAPS or all-lower source entries; leave mixed case (McDonald) alone."""
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return s
    if all(c.isupper() for c in letters) and len(letters) > 1:
        s = s.lower()
        letters = [c for c in s if c.isalpha()]
    if all(c.islower() for c in letters):
        # capitalise every part after a space or hyphen: `anne-marie` -> `Anne-Marie`
        return re.sub(r"(^|[ -])([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), s)
    if s[0].islower():
        return s[0].upper() + s[1:]
    return s


def pick_capitalisation(forms: collections.Counter) -> str:
    """Most frequent capitalisation; ties: the one with more capitals (McDonald > Mcdonald),
    then code-point order for determinism."""
    return sorted(forms.items(), key=lambda kv: (-kv[1], -sum(c.isupper() for c in kv[0]), kv[0]))[0][0]


def write_list(path: Path, items, header: list[str] | None = None) -> int:
    items = sorted(set(items))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for line in header or []:
            fh.write(line + "\n")
        for it in items:
            fh.write(it + "\n")
    return len(items)


# --------------------------------------------------------------------------- sources

def need(module: str, pip_name: str):
    try:
        return importlib.import_module(module)
    except ImportError:
        raise SystemExit(f"{module} not importable: pip install \"{pip_name}\" (see the top of build.py)")


def load_faker() -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    faker = need("faker", f"faker=={EXPECTED_VERSIONS['faker']}")  # data source only
    import faker.providers.person as P

    firsts, lasts = [], []
    for mod in sorted(m.name for m in pkgutil.iter_modules(P.__path__)):
        if mod in FAKER_SKIP:
            continue
        prov = importlib.import_module(f"faker.providers.person.{mod}").Provider
        for attr in sorted(vars(prov)):
            val = getattr(prov, attr)
            if not isinstance(val, (list, tuple, dict)):
                continue
            if attr.startswith("first_names"):
                firsts += [(f"faker:{mod}", x) for x in val if isinstance(x, str)]
            elif attr.startswith("last_names"):
                lasts += [(f"faker:{mod}", x) for x in val if isinstance(x, str)]
    return firsts, lasts, faker.VERSION


def load_mimesis() -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    mimesis = need("mimesis", f"mimesis=={EXPECTED_VERSIONS['mimesis']}")
    root = Path(mimesis.__file__).parent / "datasets"
    firsts, lasts = [], []

    def flat(v):
        if isinstance(v, dict):
            for k in sorted(v):
                yield from flat(v[k])
        elif isinstance(v, list):
            for x in v:
                yield from flat(x)
        elif isinstance(v, str):
            yield v

    for f in sorted(root.glob("*/person.json")):
        loc = f.parent.name
        if loc in MIMESIS_SKIP:
            continue
        d = json.loads(f.read_text(encoding="utf-8"))
        firsts += [(f"mimesis:{loc}", x) for x in flat(d.get("names", []))]
        lasts += [(f"mimesis:{loc}", x) for x in flat(d.get("surnames", []))]
    return firsts, lasts, mimesis.__version__


FAKERJS_DUMP = r"""
const url = require('url');
(async () => {
  const mod = await import(url.pathToFileURL(process.argv[1] + '/dist/index.js').href);
  const flat = v => v == null ? [] : Array.isArray(v)
      ? v.flatMap(x => (x && typeof x === 'object' && 'value' in x) ? [x.value] : flat2(x))
      : Object.keys(v).sort().flatMap(k => flat(v[k]));
  const flat2 = x => typeof x === 'string' ? [x] : flat(x);
  const out = {};
  for (const k of Object.keys(mod.allLocales).sort()) {
    const p = mod.allLocales[k].person || {};
    out[k] = {first: flat(p.first_name), last: flat(p.last_name)};
  }
  process.stdout.write(JSON.stringify(out));
})();
"""


def load_fakerjs(pkgdir: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str]:
    if not (pkgdir / "package.json").is_file():
        raise SystemExit(f"@faker-js/faker not found at {pkgdir}: npm install "
                         f"\"@faker-js/faker@{EXPECTED_VERSIONS['@faker-js/faker']}\" and pass --fakerjs")
    if shutil.which("node") is None:
        raise SystemExit("node is not on PATH (needed to read @faker-js/faker's locale data)")
    version = json.loads((pkgdir / "package.json").read_text(encoding="utf-8"))["version"]
    res = subprocess.run(["node", "-e", FAKERJS_DUMP, str(pkgdir)], capture_output=True, text=True, check=True)
    data = json.loads(res.stdout)
    firsts, lasts = [], []
    for loc in sorted(data):
        if loc in FAKERJS_SKIP:
            continue
        firsts += [(f"fakerjs:{loc}", x) for x in data[loc]["first"]]
        lasts += [(f"fakerjs:{loc}", x) for x in data[loc]["last"]]
    return firsts, lasts, version


def load_opentaal(path: Path) -> tuple[set[str], set[str]]:
    """(lower-case entries, capitalised entries) of the OpenTaal list, NFC."""
    lower, capital = set(), set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            w = unicodedata.normalize("NFC", line.strip())
            if not w:
                continue
            if w == w.lower():
                lower.add(w)
            else:
                capital.add(w)
    return lower, capital


class Deduce:
    """The lookup lists of a deduce wheel (a zip file, never installed or imported) or of
    the folder it was unpacked into."""

    ROOT = "deduce/data/lookup/src/"

    def __init__(self, path: Path):
        self.path = path
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != DEDUCE_WHEEL_SHA256:
                print(f"warning: {path.name} has SHA-256 {digest}, README documents {DEDUCE_WHEEL_SHA256}",
                      file=sys.stderr)
            self._zip = zipfile.ZipFile(path)
            self._names = set(self._zip.namelist())
        elif path.is_dir():
            self._zip = None
        else:
            raise SystemExit(f"deduce not found at {path}: pip download \"deduce=={EXPECTED_VERSIONS['deduce']}\" "
                             "--no-deps -d /tmp/lak-names-deduce and pass --deduce (see the top of build.py)")
        meta = [n for n in self._list() if re.fullmatch(r"deduce-[^/]+\.dist-info/METADATA", n)]
        if len(meta) != 1:
            raise SystemExit(f"{path}: not a deduce wheel (no deduce-*.dist-info/METADATA)")
        text = self._read(meta[0])
        self.version = re.search(r"^Version: (\S+)$", text, re.M).group(1)
        self.licence = re.search(r"^License: (.+)$", text, re.M).group(1).strip()

    def _list(self) -> list[str]:
        if self._zip is not None:
            return sorted(self._names)
        return sorted(str(f.relative_to(self.path)).replace(os.sep, "/") for f in self.path.rglob("*") if f.is_file())

    def _read(self, name: str) -> str:
        if self._zip is not None:
            return self._zip.read(name).decode("utf-8") if name in self._names else ""
        f = self.path / name
        return f.read_text(encoding="utf-8") if f.is_file() else ""

    def lines(self, lst: str, file: str = "items.txt") -> list[str]:
        """Non-empty lines of a lookup file, NFC; a file that does not exist is empty."""
        text = self._read(self.ROOT + lst + "/" + file)
        return [unicodedata.normalize("NFC", x.strip()) for x in text.splitlines() if x.strip()]

    def items(self, lst: str, *files: str) -> list[str]:
        """A lookup list as deduce uses it: its items (and extra item files) without the
        entries of its `exceptions.txt`."""
        exceptions = set(self.lines(lst, "exceptions.txt"))
        out = []
        for f in files or ("items.txt",):
            out += [x for x in self.lines(lst, f) if x not in exceptions]
        return out


def deduce_header(lists: list[str], version: str, what: str) -> list[str]:
    """The comment block at the top of a file derived from deduce: where it comes from,
    its licence, and that (how and when) it was modified."""
    return [
        f"# Derived from deduce {version} (https://github.com/vmenger/deduce), Copyright (C) Vincent Menger",
        "# and the deduce contributors, licensed under the GNU Lesser General Public License v3.0 or later",
        "# (package metadata: LGPL-3.0-or-later; its README names the GPL-3.0; see ../README.md). The",
        "# licence texts are COPYING.LESSER and COPYING in this folder. Source lists (in the wheel,",
        "# deduce/data/lookup/src/): " + ", ".join(lists) + ".",
        f"# Modified by the lak maintainers on {DEDUCE_DERIVED_ON}: {what}",
        "# Generated by rules/names/build.py; do not edit by hand.",
    ]


# --------------------------------------------------------------------------- streets and places

STREET_BAD = re.compile(r"[^\w '.-]|_|Ã|Â")
ORDINAL = re.compile(r"^[0-9]+(?:e|ste|de|ste)?$")


def street_key(s: str) -> str:
    """How lak compares street names (src/detect/streets.rs does the same): lower case,
    dots as spaces, runs of spaces as one."""
    return " ".join(s.lower().replace(".", " ").split())


def clean_street(x: str) -> str | None:
    """One street name from deduce's BAG lists, cleaned, or None when it is not usable.
    Dropped: mojibake and placeholder characters (`Cronj¿straat`, `Belgi+laan`,
    `Fin?straat`), annotations in quotes or parentheses, entries joining several names
    (`/`, `;`, `,`, `&`), codes mixing letters and digits (`GP100`) other than ordinals
    (`1e Laan`), and anything without two letters."""
    s = clean(x)
    if not s or STREET_BAD.search(s):
        return None
    if sum(c.isalpha() for c in s) < 2:
        return None
    for tok in s.replace(".", " ").replace("-", " ").split():
        has_digit = any(c.isdigit() for c in tok)
        if has_digit and any(c.isalpha() for c in tok) and not ORDINAL.match(tok):
            return None
    if not latin_only("".join(c for c in s if c.isalpha())):
        return None
    # A short all-capitals entry is a code (`ABC`, `ECI`), not a name.
    letters = [c for c in s if c.isalpha()]
    if all(c.isupper() for c in letters) and len(letters) <= 4:
        return None
    return s


def build_streets(raw: list[tuple[str, str]], excluded: set[str], stats) -> list[str]:
    """Street names, one spelling per key (`street_key`): the spelling most sources share,
    then the one with more capitals (`Lange Voorhout` over `lange voorhout`)."""
    forms: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for src, x in raw:
        s = clean_street(x)
        if s is None:
            stats["streets: unusable dropped"] += 1
            continue
        k = street_key(s)
        if k in excluded:
            stats["streets: excluded"] += 1
            continue
        # An ALL-CAPS spelling only counts when there is no other.
        forms[k][s] += 1 if s != s.upper() else 0
    return sorted(pick_capitalisation(f) for f in forms.values())


PLACE_PARTICLES = {"aan", "de", "den", "der", "en", "het", "in", "op", "bij", "ter", "ten", "te", "onder", "over"}


def clean_residence(x: str) -> str | None:
    """A woonplaats from deduce, in its usual spelling: without the province added to
    tell namesakes apart (`Beek (Li)`), `'s-` in lower case and the particles inside a
    name in lower case (`Alphen Aan Den Rijn` -> `Alphen aan den Rijn`)."""
    s = clean(re.sub(r"\s*\([A-Za-z]{1,3}\)$", "", x))
    if not s or not good_shape(s.replace(".", ""), strict=False):
        return None
    s = re.sub(r"^'S-", "'s-", s)
    words = s.split(" ")
    return " ".join([words[0]] + [w.lower() if w.lower() in PLACE_PARTICLES else w for w in words[1:]])


# --------------------------------------------------------------------------- names

def tussenvoegsel_stripper(tvs: list[str]):
    """Return f(surname) -> core with a leading tussenvoegsel removed (longest first).
    Arabic/Berber particles (el, al, ben, ...) are never stripped."""
    strip = sorted({t for t in tvs if t not in ARABIC_PARTICLES}, key=lambda t: (-len(t), t))
    # `d'`, `l'`, `'s` and `'t` attach without a space (`d'Ancona`, `'t Hart`, `'s Gravesande`)
    pats = []
    for t in strip:
        esc = re.escape(t).replace(r"\ ", r"\s+")
        if t.endswith("'"):
            pats.append(esc + r"\s*")
        else:
            pats.append(esc + r"\s+")
    rx = re.compile(r"^(?:" + "|".join(pats) + r")(?=\S)", re.IGNORECASE)

    def core(s: str) -> str:
        prev = None
        while prev != s:  # `van de l'Isle`: strip repeatedly
            prev = s
            s = rx.sub("", s, count=1)
        return s

    return core


def multiword_ok(s: str, dutch: bool = False) -> bool:
    """A multi-word surname from a generated source is kept only when it is an
    Arabic/Berber particle + name (`El Amrani`, `Ait Ouali`). From a Dutch source
    (deduce) two capitalised words are a real double surname too (`Bruins Slot`,
    `Groot Koerkamp`): the recogniser reads those as one surname phrase. Longer ones
    with particles inside (`Lammerts van Bueren`) are dropped; their parts are found
    one by one."""
    parts = s.split(" ")
    if len(parts) == 1:
        return True
    if len(parts) == 2 and parts[0].lower() in ARABIC_PARTICLES and len(parts[1]) >= 2:
        return True
    return dutch and len(parts) == 2 and all(p[:1].isupper() and len(p) >= 2 for p in parts)


def canonical_particle(s: str) -> str:
    parts = s.split(" ")
    if len(parts) == 2 and parts[0].lower() in ARABIC_PARTICLES:
        return parts[0][:1].upper() + parts[0][1:].lower() + " " + parts[1]
    return s


# Sources whose entries go to files of their own (rules/names/deduce/), never into lak's
# own name files: see README.md, "Provenance and licences".
SEPARATE_SOURCES = {"deduce"}


def build_names(raw_first, raw_last, cur_first, cur_last, tvs, exclude_first, exclude_last, context_words):
    """Returns (firsts, lasts, separate firsts, separate lasts, stats, first sources, last
    sources). The separate lists hold the entries of SEPARATE_SOURCES, spelled as there;
    the main lists are built from the other sources and the curated lists alone, so they do
    not change when a separate source does."""
    core = tussenvoegsel_stripper(tvs)
    tv_set = {t.lower() for t in tvs}
    stats = collections.Counter()

    first_forms: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    first_sep: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    first_src: dict[str, set[str]] = collections.defaultdict(set)
    for src, x in raw_first:
        s = clean(x)
        if " " in s:  # `María Del Carmen`, `Anh Vũ`: compound given names, parts come separately
            stats["first: multi-word dropped"] += 1
            continue
        if not good_shape(s):
            stats["first: bad shape / non-Latin dropped"] += 1
            continue
        s = recapitalise(s)
        origin = src.split(":")[0]
        (first_sep if origin in SEPARATE_SOURCES else first_forms)[s.casefold()][s] += 1
        first_src[s.casefold()].add(origin)
    for x in cur_first:
        s = clean(x)
        assert good_shape(s, strict=False), f"curated first name has a bad shape: {x!r}"
        first_forms[s.casefold()][s] += 1000  # curated spelling wins
        first_src[s.casefold()].add("lak")

    last_forms: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    last_sep: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    last_src: dict[str, set[str]] = collections.defaultdict(set)
    for src, x in raw_last:
        if src in LAST_NAME_SKIP:
            continue
        origin = src.split(":")[0]
        s = clean(x)
        if "," in s or "(" in s or "." in s:
            stats["last: comma/parenthesis/dot dropped"] += 1
            continue
        s = core(s)
        if not multiword_ok(s, dutch=origin == "deduce"):
            stats["last: multi-word dropped"] += 1
            continue
        if not good_shape(s):
            stats["last: bad shape / non-Latin dropped"] += 1
            continue
        s = canonical_particle(recapitalise(s))
        (last_sep if origin in SEPARATE_SOURCES else last_forms)[s.casefold()][s] += 1
        last_src[s.casefold()].add(origin)
    for x in cur_last:
        s = clean(x)
        assert good_shape(s, strict=False), f"curated surname has a bad shape: {x!r}"
        assert core(s) == s or s.split(" ")[0].lower() in ARABIC_PARTICLES, f"curated surname keeps a tussenvoegsel: {x!r}"
        last_forms[s.casefold()][s] += 1000
        last_src[s.casefold()].add("lak")

    excl_f = {clean(x).casefold() for x in exclude_first}
    excl_l = {clean(x).casefold() for x in exclude_last}
    # A name spelled like a tussenvoegsel (`Van`, `Ter`, `Den`, `Al`) is dropped: as a
    # gazetteer entry it would turn every particle into a name. The curated lists may
    # keep one on purpose (`Ben`), and `Don` is an English given name.
    keep_f = {clean(x).casefold() for x in cur_first} | {"don"}
    keep_l = {clean(x).casefold() for x in cur_last}

    def pick(forms_by_key, excluded, keep, label):
        out = []
        for key, forms in forms_by_key.items():
            if key in excluded or (key in tv_set and key not in keep):
                stats[f"{label}: excluded"] += 1
                continue
            out.append(pick_capitalisation(forms))
        return sorted(out)

    firsts = pick(first_forms, excl_f, keep_f, "first")
    lasts = pick(last_forms, excl_l, keep_l, "last")
    # A name of a separate source spelled like a title, salutation, role or office word (`Hoi`,
    # `Burgemeester`, `Pater`, `Ing`) is left out unless lak's own list has it too: it would turn a
    # context word into a name (`Hoi Karim`, `Burgemeester Jansen`). Likewise a surname that is one of
    # lak's curated everyday given names (`Ruben`, `Pieter`, `Kees`: deduce lists them as surnames too)
    # unless lak's own surname list has it, and a given name that is one of lak's curated surnames
    # (`Jansen`, `Meijer`, `Kok`) unless lak's own given-name list has it: a second role for so common a
    # name turns "Beste Ruben" into a full name and "Jansen B.V." into a person.
    curated_given = {clean(x).casefold() for x in cur_first}
    curated_surnames = {clean(x).casefold() for x in cur_last}
    sep_excl_f = excl_f | ((context_words | curated_surnames) - first_forms.keys())
    sep_excl_l = excl_l | ((context_words | curated_given) - last_forms.keys())
    sep_firsts = pick(first_sep, sep_excl_f, keep_f, "first (separate)")
    sep_lasts = pick(last_sep, sep_excl_l, keep_l, "last (separate)")
    return firsts, lasts, sep_firsts, sep_lasts, stats, first_src, last_src


# --------------------------------------------------------------------------- main

def lower_list(items) -> list[str]:
    out = set()
    for x in items:
        s = " ".join(unicodedata.normalize("NFC", x).lower().split())
        if len(s) >= 2 and not any(c.isdigit() for c in s):
            out.add(s)
    return sorted(out)


def as_written_list(items) -> list[str]:
    """Curated capitalised list: NFC, single spaces, >= 2 characters, no digits;
    case-insensitive duplicates collapse to the first spelling in the curated file."""
    seen: dict[str, str] = {}
    for x in items:
        s = clean(x)
        if len(s) < 2 or any(c.isdigit() for c in s):
            raise SystemExit(f"curated entry breaks the quality rules: {x!r}")
        seen.setdefault(s.casefold(), s)
    return sorted(seen.values())


DUTCH_WORD = re.compile(r"^[a-zà-öø-ÿ](?:[a-zà-öø-ÿ]|[-'](?=[a-zà-öø-ÿ]))*$")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--dict", type=Path, default=Path("/usr/share/dict/nederlands"))
    ap.add_argument("--fakerjs", type=Path, default=Path(os.environ.get("FAKERJS_DIR", "node_modules/@faker-js/faker")))
    ap.add_argument("--deduce", type=Path, default=Path(os.environ.get(
        "DEDUCE_WHEEL", f"/tmp/lak-names-deduce/deduce-{EXPECTED_VERSIONS['deduce']}-py3-none-any.whl")))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp), args)
            rel = [p.relative_to(tmp) for p in sorted(Path(tmp).rglob("*.txt"))]
            changed = [str(r) for r in rel
                       if not (args.out / r).exists() or not filecmp.cmp(Path(tmp) / r, args.out / r, shallow=False)]
            if changed:
                print("would change:", " ".join(changed))
                return 1
            print("up to date")
            return 0
    build(args.out, args)
    return 0


def build(out: Path, args) -> None:
    out.mkdir(parents=True, exist_ok=True)
    f1, l1, v_faker = load_faker()
    f2, l2, v_mimesis = load_mimesis()
    f3, l3, v_fakerjs = load_fakerjs(args.fakerjs)
    dd = Deduce(args.deduce)
    for name, got in (("faker", v_faker), ("mimesis", v_mimesis), ("@faker-js/faker", v_fakerjs),
                      ("deduce", dd.version)):
        if got != EXPECTED_VERSIONS[name]:
            print(f"warning: {name} {got} installed, README documents {EXPECTED_VERSIONS[name]}", file=sys.stderr)
    dict_lower, dict_capital = load_opentaal(args.dict)
    n = {}

    # ---- tussenvoegsels
    tvs = lower_list(read_curated("tussenvoegsels"))
    n["tussenvoegsels.txt"] = write_list(out / "tussenvoegsels.txt", tvs)

    # ---- first names, surnames (deduce's go to deduce/, see SEPARATE_SOURCES)
    f4 = [("deduce:lst_first_name", x) for x in dd.items("names/lst_first_name")]
    l4 = [("deduce:lst_surname", x) for x in dd.items("names/lst_surname")]
    l4 += [("deduce:lst_interfix_surname", x) for x in dd.items("names/lst_interfix_surname")]
    firsts, lasts, d_firsts, d_lasts, stats, fsrc, lsrc = build_names(
        f1 + f2 + f3 + f4, l1 + l2 + l3 + l4,
        read_curated_words("first_names"), read_curated_words("surnames"),
        tvs, read_curated_words("exclude_first_names"), read_curated_words("exclude_surnames"),
        {w.rstrip(".:") for name in ("titles", "salutations", "roles", "officials")
         for w in lower_list(read_curated(name)) if " " not in w},
    )
    n["first_names.txt"] = write_list(out / "first_names.txt", firsts)
    n["surnames.txt"] = write_list(out / "surnames.txt", lasts)
    name_change = ("cleaned (NFC; typographic apostrophes and hyphens as ASCII; ALL-CAPS or lower-case "
                   "entries capitalised), entries that are not names in lak's sense removed (see build.py "
                   "and curated/exclude_*.in), de-duplicated case-insensitively, sorted.")
    d = f"{DEDUCE_DIR}/"
    n[d + "first_names.txt"] = write_list(
        out / DEDUCE_DIR / "first_names.txt", d_firsts,
        deduce_header(["names/lst_first_name"], dd.version, name_change))
    n[d + "surnames.txt"] = write_list(
        out / DEDUCE_DIR / "surnames.txt", d_lasts,
        deduce_header(["names/lst_surname", "names/lst_interfix_surname"], dd.version,
                      "the two lists merged; a leading tussenvoegsel stripped to the core (`van der "
                      "Berg` -> `Berg`); multi-word names kept only as two capitalised words "
                      "(`Bruins Slot`); then " + name_change))

    # ---- streets and woonplaatsen (deduce, from the BAG)
    street_raw = [("bag", x) for x in dd.items("locations/lst_street", "streets_bag.txt")]
    street_raw += [("items", x) for x in dd.items("locations/lst_street")]
    excluded_streets = {street_key(clean(x)) for x in read_curated("exclude_streets")}
    streets = build_streets(street_raw, excluded_streets, stats)
    n[d + "streets.txt"] = write_list(
        out / DEDUCE_DIR / "streets.txt", streets,
        deduce_header(["locations/lst_street (items.txt, streets_bag.txt, less exceptions.txt)"], dd.version,
                      "the two lists merged; cleaned (NFC, typographic apostrophes as ASCII, spacing); "
                      "entries with broken characters, annotations or codes dropped; one spelling per "
                      "name compared case-insensitively and without dots; entries of "
                      "curated/exclude_streets.in removed; sorted."))
    residences = sorted({r for r in (clean_residence(x) for x in dd.items("locations/lst_placename/lst_residence"))
                         if r is not None}, key=str)
    residences = sorted({r.casefold(): r for r in residences}.values())
    n[d + "residences.txt"] = write_list(
        out / DEDUCE_DIR / "residences.txt", residences,
        deduce_header(["locations/lst_placename/lst_residence (less exceptions.txt)"], dd.version,
                      "the province marks of namesakes removed (`Beek (Li)` -> `Beek`); `'s-` and "
                      "particles inside a name in lower case; de-duplicated case-insensitively; sorted."))

    # ---- Dutch word list (OpenTaal, lower case only)
    words = sorted(w for w in dict_lower if 2 <= len(w) <= 24 and DUTCH_WORD.match(w))
    n["dutch_words.txt"] = write_list(out / "dutch_words.txt", words)
    if (out / "dutch_words.txt").stat().st_size > 6_000_000:
        words = [w for w in words if len(w) <= 16]
        n["dutch_words.txt"] = write_list(out / "dutch_words.txt", words)

    # ---- ambiguous: gazetteer entries (lak's and deduce's) that are ordinary words
    word_set = set(words)
    extra = {clean(x).casefold() for x in read_curated_words("ambiguous_extra")}
    def is_word(name: str) -> bool:
        return name.lower() in word_set or name.casefold() in extra

    amb = {name for name in firsts + lasts if is_word(name)}
    # deduce's names add the words lak's lists lack; a word already listed keeps lak's spelling.
    seen = {a.casefold() for a in amb}
    for name in d_firsts + d_lasts:
        if is_word(name) and name.casefold() not in seen:
            amb.add(name)
            seen.add(name.casefold())
    n["ambiguous.txt"] = write_list(out / "ambiguous.txt", amb)

    # ---- places (capitalised as written)
    places = as_written_list(read_curated("places"))
    n["places.txt"] = write_list(out / "places.txt", places)

    # ---- short curated context lists
    for name in ("titles", "salutations", "roles", "officials", "mail_headers", "closings"):
        n[f"{name}.txt"] = write_list(out / f"{name}.txt", lower_list(read_curated(name)))
    n["street_words.txt"] = write_list(out / "street_words.txt", lower_list(read_curated_words("street_words")))
    n["not_surnames.txt"] = write_list(out / "not_surnames.txt", as_written_list(read_curated("not_surnames")))
    n["org_suffixes.txt"] = write_list(out / "org_suffixes.txt", as_written_list(read_curated("org_suffixes")))

    # ---- report
    print(f"sources: faker {v_faker}, mimesis {v_mimesis}, @faker-js/faker {v_fakerjs}, "
          f"deduce {dd.version} ({dd.licence}), OpenTaal {args.dict}")
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}")
    for fname in sorted(n):
        print(f"{fname:26} {n[fname]:>8} entries {(out / fname).stat().st_size:>10} bytes")
    for label, final, src in (("first names", firsts + d_firsts, fsrc), ("surnames", lasts + d_lasts, lsrc)):
        keys = {x.casefold() for x in final}
        print(f"{label}: {len(keys)} distinct over both files; per source (only there):")
        for origin in ("faker", "mimesis", "fakerjs", "deduce", "lak"):
            has = [k for k in keys if origin in src[k]]
            only = [k for k in has if src[k] == {origin}]
            print(f"  {origin:8} {len(has):>7} ({len(only)} only there)")
    missing = sorted(p for p in places if p not in dict_capital and p.lower() not in dict_lower)
    print(f"places not in OpenTaal (spelling not cross-checked): {len(missing)}")
    if os.environ.get("LAK_NAMES_VERBOSE"):
        print("  " + ", ".join(missing))
    eng_missing = sorted(x for x in extra if x not in {a.casefold() for a in firsts + lasts + d_firsts + d_lasts})
    if eng_missing:
        print("ambiguous_extra.in entries not in any gazetteer (ignored):", ", ".join(eng_missing))
    # Cross-checks of lak's curated tables against deduce's (reported, never merged).
    tv_missing = [x for x in dd.items("names/lst_interfix") if x.lower() not in tvs]
    title_set = set(lower_list(read_curated("titles")))
    title_missing = [x for x in dd.items("names/lst_prefix")
                     if x.lower() not in title_set and x.lower().rstrip(".") not in title_set]
    print("deduce interfixes not in tussenvoegsels.txt:", ", ".join(tv_missing) or "none")
    print("deduce prefixes not in titles.txt:", ", ".join(title_missing) or "none")


if __name__ == "__main__":
    sys.exit(main())
