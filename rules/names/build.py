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
  * rules/names/curated/*.in  (lak maintainers' own lists, EUPL-1.2 like lak)

How to run (from the repository root):

    python3 -m venv /tmp/lak-names && /tmp/lak-names/bin/pip install \
        "faker==40.54.0" "mimesis==22.2.0"
    (mkdir -p /tmp/lak-names-npm && cd /tmp/lak-names-npm && npm install "@faker-js/faker@10.6.0")
    sudo apt-get install wdutch
    /tmp/lak-names/bin/python rules/names/build.py \
        --fakerjs /tmp/lak-names-npm/node_modules/@faker-js/faker

Options: --out DIR (default: the directory of this script), --dict PATH
(default /usr/share/dict/nederlands), --check (build into a temporary
directory and exit 1 if any committed file would change).

The script itself uses the Python 3.11 standard library only; Faker and
mimesis are imported solely to read their bundled data, and node solely to
read faker-js' bundled locale data. Output is deterministic for fixed source
versions: every file is sorted in code-point order (= `LC_ALL=C sort -u`).
"""

from __future__ import annotations

import argparse
import collections
import filecmp
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated"

EXPECTED_VERSIONS = {"faker": "40.54.0", "mimesis": "22.2.0", "@faker-js/faker": "10.6.0"}

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


def write_list(path: Path, items) -> int:
    items = sorted(set(items))
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
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


def multiword_ok(s: str) -> bool:
    """A multi-word surname from a generated source is kept only when it is an
    Arabic/Berber particle + name (`El Amrani`, `Ait Ouali`)."""
    parts = s.split(" ")
    if len(parts) == 1:
        return True
    return len(parts) == 2 and parts[0].lower() in ARABIC_PARTICLES and len(parts[1]) >= 2


def canonical_particle(s: str) -> str:
    parts = s.split(" ")
    if len(parts) == 2 and parts[0].lower() in ARABIC_PARTICLES:
        return parts[0][:1].upper() + parts[0][1:].lower() + " " + parts[1]
    return s


def build_names(raw_first, raw_last, cur_first, cur_last, tvs, exclude_first, exclude_last):
    core = tussenvoegsel_stripper(tvs)
    tv_set = {t.lower() for t in tvs}
    stats = collections.Counter()

    first_forms: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
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
        first_forms[s.casefold()][s] += 1
        first_src[s.casefold()].add(src.split(":")[0])
    for x in cur_first:
        s = clean(x)
        assert good_shape(s, strict=False), f"curated first name has a bad shape: {x!r}"
        first_forms[s.casefold()][s] += 1000  # curated spelling wins
        first_src[s.casefold()].add("lak")

    last_forms: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    last_src: dict[str, set[str]] = collections.defaultdict(set)
    for src, x in raw_last:
        if src in LAST_NAME_SKIP:
            continue
        s = clean(x)
        if "," in s or "(" in s or "." in s:
            stats["last: comma/parenthesis/dot dropped"] += 1
            continue
        s = core(s)
        if not multiword_ok(s):
            stats["last: multi-word dropped"] += 1
            continue
        if not good_shape(s):
            stats["last: bad shape / non-Latin dropped"] += 1
            continue
        s = canonical_particle(recapitalise(s))
        last_forms[s.casefold()][s] += 1
        last_src[s.casefold()].add(src.split(":")[0])
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
    firsts, lasts = [], []
    for key, forms in first_forms.items():
        if key in excl_f or (key in tv_set and key not in keep_f):
            stats["first: excluded"] += 1
            continue
        firsts.append(pick_capitalisation(forms))
    for key, forms in last_forms.items():
        if key in excl_l or (key in tv_set and key not in keep_l):
            stats["last: excluded"] += 1
            continue
        lasts.append(pick_capitalisation(forms))
    return sorted(firsts), sorted(lasts), stats, first_src, last_src


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
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp), args)
            changed = [p.name for p in sorted(Path(tmp).glob("*.txt"))
                       if not (args.out / p.name).exists() or not filecmp.cmp(p, args.out / p.name, shallow=False)]
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
    for name, got in (("faker", v_faker), ("mimesis", v_mimesis), ("@faker-js/faker", v_fakerjs)):
        if got != EXPECTED_VERSIONS[name]:
            print(f"warning: {name} {got} installed, README documents {EXPECTED_VERSIONS[name]}", file=sys.stderr)
    dict_lower, dict_capital = load_opentaal(args.dict)

    # ---- tussenvoegsels
    tvs = lower_list(read_curated("tussenvoegsels"))
    n = {}
    n["tussenvoegsels.txt"] = write_list(out / "tussenvoegsels.txt", tvs)

    # ---- first names, surnames
    firsts, lasts, stats, fsrc, lsrc = build_names(
        f1 + f2 + f3, l1 + l2 + l3,
        read_curated_words("first_names"), read_curated_words("surnames"),
        tvs, read_curated_words("exclude_first_names"), read_curated_words("exclude_surnames"),
    )
    n["first_names.txt"] = write_list(out / "first_names.txt", firsts)
    n["surnames.txt"] = write_list(out / "surnames.txt", lasts)

    # ---- Dutch word list (OpenTaal, lower case only)
    words = sorted(w for w in dict_lower if 2 <= len(w) <= 24 and DUTCH_WORD.match(w))
    n["dutch_words.txt"] = write_list(out / "dutch_words.txt", words)
    if (out / "dutch_words.txt").stat().st_size > 6_000_000:
        words = [w for w in words if len(w) <= 16]
        n["dutch_words.txt"] = write_list(out / "dutch_words.txt", words)

    # ---- ambiguous: gazetteer entries that are ordinary words
    word_set = set(words)
    extra = {clean(x).casefold() for x in read_curated_words("ambiguous_extra")}
    amb = set()
    for name in firsts + lasts:
        k = name.lower()
        if k in word_set or name.casefold() in extra:
            amb.add(name)
    n["ambiguous.txt"] = write_list(out / "ambiguous.txt", amb)

    # ---- places (capitalised as written)
    places = as_written_list(read_curated("places"))
    n["places.txt"] = write_list(out / "places.txt", places)

    # ---- short curated context lists
    for name in ("titles", "salutations", "roles", "officials", "mail_headers", "closings"):
        n[f"{name}.txt"] = write_list(out / f"{name}.txt", lower_list(read_curated(name)))
    n["not_surnames.txt"] = write_list(out / "not_surnames.txt", as_written_list(read_curated("not_surnames")))
    n["org_suffixes.txt"] = write_list(out / "org_suffixes.txt", as_written_list(read_curated("org_suffixes")))

    # ---- report
    print(f"sources: faker {v_faker}, mimesis {v_mimesis}, @faker-js/faker {v_fakerjs}, OpenTaal {args.dict}")
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}")
    for fname in sorted(n):
        print(f"{fname:22} {n[fname]:>8} entries {(out / fname).stat().st_size:>10} bytes")
    only_lak_f = sum(1 for v in fsrc.values() if v == {"lak"})
    only_lak_l = sum(1 for v in lsrc.values() if v == {"lak"})
    print(f"first names only in the curated list: {only_lak_f}; surnames only in the curated list: {only_lak_l}")
    missing = sorted(p for p in places if p not in dict_capital and p.lower() not in dict_lower)
    print(f"places not in OpenTaal (spelling not cross-checked): {len(missing)}")
    if os.environ.get("LAK_NAMES_VERBOSE"):
        print("  " + ", ".join(missing))
    eng_missing = sorted(x for x in extra if x not in {a.casefold() for a in firsts + lasts})
    if eng_missing:
        print("ambiguous_extra.in entries not in any gazetteer (ignored):", ", ".join(eng_missing))


if __name__ == "__main__":
    sys.exit(main())
