"""Core helpers: markup of planted values, identifier generators, synthetic persons.

Every personal value or decoy is written into template text through V() / K(); the renderers strip the
markers and record, in document order, exactly what was rendered. The gold file is therefore derived from
what is actually in the document, occurrence by occurrence.
"""
import datetime as dt
import os
import re
import unicodedata

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

CATEGORIES = {"person", "bsn", "iban", "email", "phone", "address", "postcode", "place-of-residence",
              "date-of-birth", "licence-plate", "id-document", "driving-licence", "kvk", "account", "ip-address"}
KINDS = {"document-date", "case-number", "amount", "article", "organisation", "department", "place", "official",
         "org-phone", "org-email", "postbus", "other", "requester"}


# ----------------------------------------------------------------------------------------------- markup
def V(text, cat):
    text = str(text)
    assert cat in CATEGORIES, cat
    assert "\n" not in text and text.strip() == text and text, repr(text)
    return f"\x01{cat}\x02{text}\x03"


def K(text, kind, note=""):
    text = str(text)
    assert kind in KINDS, kind
    assert text.strip() == text and text, repr(text)
    return f"\x04{kind}\x05{note}\x02{text}\x03"


MRX = re.compile(r"\x01([a-z-]+)\x02([^\x03]*)\x03|\x04([a-z-]+)\x05([^\x02]*)\x02([^\x03]*)\x03")


def strip(s):
    return MRX.sub(lambda m: m.group(2) if m.group(1) else m.group(5), s)


def segments(s):
    """Split marked text into [(plain_text, ann_or_None)], ann = ('v', cat, '') or ('k', kind, note)."""
    out, pos = [], 0
    for m in MRX.finditer(s):
        if m.start() > pos:
            out.append((s[pos:m.start()], None))
        if m.group(1):
            out.append((m.group(2), ("v", m.group(1), "")))
        else:
            out.append((m.group(5), ("k", m.group(3), m.group(4))))
        pos = m.end()
    if pos < len(s):
        out.append((s[pos:], None))
    return out


class Collector:
    """Collects annotations in render order."""

    def __init__(self):
        self.values, self.keep = [], []
        self.plain_parts = []

    def take(self, s):
        s = "" if s is None else str(s)
        masked = []
        for text, ann in segments(s):
            if ann:
                self.add(text, ann)
                masked.append("\u2588" * len(text))
            else:
                masked.append(text)
        self.plain_parts.append("".join(masked))
        return strip(s)

    def add(self, text, ann):
        if ann[0] == "v":
            self.values.append({"text": text, "category": ann[1]})
        else:
            d = {"text": text, "kind": ann[1]}
            if ann[2]:
                d["note"] = ann[2]
            self.keep.append(d)


# ----------------------------------------------------------------------------------------------- lists
def _lines(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def load_lists():
    given = []
    seen = set()
    for l in _lines("given_names.txt"):
        n, g, o = l.split("|")
        if (n, o) not in seen:
            seen.add((n, o))
            given.append((n, g, o))
    surn = []
    seen = set()
    for l in _lines("surnames.txt"):
        n, o = l.split("|")
        if (n, o) not in seen:
            seen.add((n, o))
            surn.append((n, o))
    places = []
    for l in _lines("places.txt"):
        p, a, b, ac, muni, dom = l.split("|")
        places.append(dict(place=p, pc=(int(a), int(b)), area=ac, muni=muni, domain=dom))
    streets = {}
    for l in _lines("streets.txt"):
        p, s = l.split("|")
        streets.setdefault(p, []).append(s)
    return given, surn, places, streets


GIVEN, SURN, PLACES, STREETS = load_lists()
PLACE_BY_NAME = {p["place"]: p for p in PLACES}

TUSSEN = ["van der", "van den", "van de", "van 't", "in 't", "op de", "op 't", "uit den", "van", "de", "den", "der",
          "ter", "ten", "te", "'t", "in den", "in de"]


def split_tv(name):
    """'van der Berg' -> ('van der', 'Berg'); 'El Idrissi' -> ('', 'El Idrissi')."""
    for tv in sorted(TUSSEN, key=len, reverse=True):
        if name.startswith(tv + " "):
            return tv, name[len(tv) + 1:]
    return "", name


def deaccent(s):
    s = s.replace("ı", "i").replace("İ", "I").replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def cap_tv(tv):
    return tv[0].upper() + tv[1:] if tv and tv[0].isalpha() else tv


# ----------------------------------------------------------------------------------------------- identifiers
def bsn_valid(s):
    s = re.sub(r"\D", "", s)
    if len(s) == 8:
        s = "0" + s
    if len(s) != 9 or s == "0" * 9:
        return False
    d = [int(c) for c in s]
    return (sum((9 - i) * d[i] for i in range(8)) - d[8]) % 11 == 0


def gen_bsn(rng, leading_zero=False):
    while True:
        d = [rng.randint(0, 9) for _ in range(8)]
        d[0] = 0 if leading_zero else rng.randint(1, 6)
        r = sum((9 - i) * d[i] for i in range(8)) % 11
        if r < 10:
            s = "".join(map(str, d)) + str(r)
            if bsn_valid(s) and len(set(s)) > 3:
                return s


def gen_non_bsn9(rng, first=None):
    while True:
        s = str(first if first is not None else rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        s = s[:9]
        if not bsn_valid(s):
            return s


def fmt_bsn(rng, s, style=None):
    style = style if style is not None else rng.choices(["plain", "dots", "spaces", "dots2"], [6, 2, 2, 1])[0]
    if style == "dots":
        return f"{s[:4]}.{s[4:6]}.{s[6:]}"
    if style == "dots2":
        return f"{s[:3]}.{s[3:6]}.{s[6:]}"
    if style == "spaces":
        return f"{s[:3]} {s[3:6]} {s[6:]}"
    return s


def _iban_check(country, bban):
    rearr = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearr)
    return "%02d" % (98 - int(num) % 97)


def iban_valid(s):
    s = s.replace(" ", "")
    num = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(num) % 97 == 1


NL_BANKS = ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB"]


def gen_iban(rng, country="NL"):
    if country == "NL":
        bank = rng.choices(NL_BANKS, [6, 8, 7, 3, 1, 2, 1, 2, 1])[0]
        acct = "".join(str(rng.randint(0, 9)) for _ in range(10))
        if bank == "INGB" and rng.random() < 0.5:
            acct = "000" + acct[3:]
        bban = bank + acct
    elif country == "BE":
        first = "".join(str(rng.randint(0, 9)) for _ in range(10))
        chk = int(first) % 97 or 97
        bban = first + "%02d" % chk
    else:  # DE
        bban = "".join(str(rng.randint(0, 9)) for _ in range(18))
        bban = str(rng.choice([1, 2, 3, 5, 7])) + bban[1:]
    s = country + _iban_check(country, bban) + bban
    assert iban_valid(s)
    return s


def fmt_iban(rng, s, grouped=None):
    grouped = rng.random() < 0.6 if grouped is None else grouped
    if grouped:
        return " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


LETTERS = "ABCDEFGHIJKLMNPRSTUVWXYZ"  # postcode letters (no O/Q to stay plausible)


def gen_postcode(rng, place, space=None):
    lo, hi = PLACES_PC(place)
    while True:
        pair = rng.choice(LETTERS) + rng.choice(LETTERS)
        if pair not in ("SA", "SD", "SS"):
            break
    num = rng.randint(lo, hi)
    return f"{num} {pair}" if (space if space is not None else True) else f"{num}{pair}"


def PLACES_PC(place):
    return PLACE_BY_NAME[place]["pc"]


PLATE_CONS = "BDFGHJKLMNPRSTVXZ"  # no vowels, no C or Q (sidecodes 4 and later)
PLATE_OLD = "BDFGHJKLMNPRSTVXZ"
BAD_PLATE = {"SS", "SD", "SA", "KKK", "NSB", "PVV", "GVD", "TBS", "KKR"}


def gen_plate(rng, sidecode=None):
    sidecode = sidecode or rng.choices([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13],
                                       [1, 1, 2, 2, 3, 4, 6, 6, 5, 4, 3, 2])[0]
    pat = {1: "XX-99-99", 2: "99-99-XX", 3: "99-XX-99", 4: "XX-99-XX", 5: "XX-XX-99", 6: "99-XX-XX",
           7: "99-XXX-9", 8: "9-XXX-99", 9: "XX-999-X", 10: "X-999-XX", 11: "XXX-99-X", 13: "9-XX-999"}[sidecode]
    while True:
        out = "".join(rng.choice(PLATE_CONS if sidecode >= 4 else PLATE_OLD) if c == "X" else
                      (str(rng.randint(0, 9)) if c == "9" else c) for c in pat)
        letters = "".join(c for c in out if c.isalpha())
        if not any(b in letters for b in BAD_PLATE):
            return out


ID_CHARS = "ABCDEFGHIJKLMNPQRSTUVWXYZ123456789"  # no letter O; no digit 0 since 2019


def gen_id_doc(rng, kind=None, old=False):
    kind = kind or rng.choice("NI")
    second = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
    chars = ID_CHARS + ("0" if old else "")
    mid = "".join(rng.choice(chars) for _ in range(6))
    return kind + second + mid + str(rng.randint(1, 9) if not old else rng.randint(0, 9))


def gen_driving_licence(rng):
    return str(rng.choice([4, 5])) + "".join(str(rng.randint(0, 9)) for _ in range(9))


def gen_kvk(rng):
    return str(rng.choice([3, 5, 6, 7, 8, 9])) + "".join(str(rng.randint(0, 9)) for _ in range(7))


def gen_ip(rng):
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.choice([31, 37, 62, 77, 80, 81, 82, 83, 84, 85, 86, 87, 89, 145, 178, 188, 212, 213, 217])}." \
               f"{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if kind < 0.7:
        return f"{rng.choice([84, 94, 145, 185, 195])}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return f"2a02:{rng.randint(0x1000, 0xffff):x}:{rng.randint(0, 0xffff):x}:{rng.randint(0, 0xffff):x}::{rng.randint(1, 0xfff):x}"


# phones ---------------------------------------------------------------------------------------------------
def gen_mobile_digits(rng):
    rng_ = rng.choices(["1", "2", "3", "4", "5", "8", "6", "7", "9"], [14, 14, 12, 14, 14, 6, 2, 2, 2])[0]
    return "06" + rng_ + "".join(str(rng.randint(0, 9)) for _ in range(7))


def gen_landline_digits(rng, area):
    n = 10 - len(area)
    return area + str(rng.randint(2, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def fmt_mobile(rng, d, style=None):
    s = d[2:]  # 8 digits after 06
    styles = ["dash", "dash", "dash", "plain", "plain", "pairs", "p31", "p31b", "p31c", "0031", "space1", "dash34"]
    st = style or rng.choice(styles)
    return {
        "dash": f"06-{s}",
        "plain": f"06{s}",
        "pairs": f"06 {s[0:2]} {s[2:4]} {s[4:6]} {s[6:8]}",
        "p31": f"+31 6 {s[0:4]} {s[4:]}",
        "p31b": f"+31 (0)6-{s}",
        "p31c": f"+316{s}",
        "0031": f"0031 6 {s}",
        "space1": f"06 {s}",
        "dash34": f"06 - {s[:3]} {s[3:5]} {s[5:]}",
    }[st]


def fmt_landline(rng, d, area_len, style=None):
    a, r = d[:area_len], d[area_len:]
    st = style or rng.choice(["dash", "dash", "dash", "paren", "space", "plain", "p31", "dashgroups"])
    if st == "dash":
        return f"{a}-{r}"
    if st == "paren":
        if len(r) == 7:
            return f"({a}) {r[:3]} {r[3:5]} {r[5:]}"
        return f"({a}) {r[:2]} {r[2:4]} {r[4:]}"
    if st == "space":
        return f"{a} {r}"
    if st == "plain":
        return d
    if st == "p31":
        return f"+31 {a[1:]} {r[:3]} {r[3:]}"
    return f"{a} - {r[:3]} {r[3:]}" if len(r) == 7 else f"{a} - {r[:2]} {r[2:]}"


# dates ----------------------------------------------------------------------------------------------------
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
MONTHS_ABBR = ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sept.", "okt.", "nov.", "dec."]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def fmt_date(rng, d, style=None):
    st = style or rng.choices(["dd-mm-yyyy", "d-m-yyyy", "dd/mm/yyyy", "long", "abbr", "iso", "d.m.yyyy"],
                              [8, 3, 2, 5, 2, 1, 1])[0]
    if st == "dd-mm-yyyy":
        return d.strftime("%d-%m-%Y")
    if st == "d-m-yyyy":
        return f"{d.day}-{d.month}-{d.year}"
    if st == "dd/mm/yyyy":
        return d.strftime("%d/%m/%Y")
    if st == "d.m.yyyy":
        return f"{d.day}.{d.month}.{d.year}"
    if st == "long":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if st == "abbr":
        return f"{d.day} {MONTHS_ABBR[d.month - 1]} {d.year}"
    if st == "iso":
        return d.isoformat()
    if st == "long-day":
        return f"{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"
    raise ValueError(st)


def rand_date(rng, start, end):
    a, b = start.toordinal(), end.toordinal()
    return dt.date.fromordinal(rng.randint(a, b))


def workday(rng, start, end):
    while True:
        d = rand_date(rng, start, end)
        if d.weekday() < 5:
            return d


def fmt_amount(rng, x):
    s = f"{x:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return rng.choice(["€ ", "€ ", "€", "EUR "]) + s


def gen_case_number(rng, year):
    st = rng.choice(["Z", "slash", "zaak", "U", "dash"])
    if st == "Z":
        return f"Z-{year}-{rng.randint(1, 99999):06d}"
    if st == "slash":
        return f"{year}/{rng.randint(1000000, 9999999)}"
    if st == "zaak":
        return f"Z/{str(year)[2:]}/{rng.randint(100000, 999999)}"
    if st == "U":
        return f"U{str(year)[2:]}.{rng.randint(10000, 99999)}"
    return f"{year}-{rng.randint(10000, 99999)}"
