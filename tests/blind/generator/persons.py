"""Synthetic persons and municipalities."""
import datetime as dt

from core import (GIVEN, SURN, PLACES, STREETS, PLACE_BY_NAME, split_tv, deaccent, cap_tv, gen_bsn, gen_iban,
                  gen_postcode, gen_mobile_digits, gen_landline_digits, fmt_mobile, fmt_landline, rand_date,
                  gen_id_doc, gen_plate, gen_driving_licence, gen_kvk)

# origin weights roughly as names are met in Dutch municipal files
ORIGIN_W = {"nl": 52, "fy": 9, "tr": 6, "ma": 7, "sr": 5, "an": 2, "id": 3, "pl": 4, "ro": 1, "bg": 1, "ua": 2,
            "lt": 0.5, "hu": 0.5, "sy": 2, "er": 1.5, "so": 1, "af": 1, "cn": 1.5, "en": 1, "de": 1, "fr": 1,
            "be": 0.5}
GIVEN_ORIGIN_OF_SURN = {"be": "nl", "fy": "fy"}
SURN_ORIGIN = {"ro": "ro", "bg": "bg", "ua": "ua", "lt": "lt", "hu": "hu"}

OFFICIAL_NAMES = {  # roepnaam -> official given names, a few common Dutch cases
    "Jan": ["Johannes"], "Piet": ["Pieter", "Petrus"], "Kees": ["Cornelis"], "Henk": ["Hendrik"],
    "Wim": ["Willem", "Wilhelmus"], "Joop": ["Johannes"], "Jaap": ["Jacob", "Jacobus"], "Bep": ["Elisabeth"],
    "Riet": ["Maria", "Hendrika"], "Truus": ["Geertruida"], "Ria": ["Maria"], "Toon": ["Antonius"],
    "Huub": ["Hubertus"], "Jos": ["Josephus"], "Sjaak": ["Jacobus"], "Rinus": ["Marinus"], "Ad": ["Adrianus"],
    "Cor": ["Cornelis"], "Bert": ["Albertus", "Lambertus"], "Theo": ["Theodorus"], "Frans": ["Franciscus"],
    "Ton": ["Antonius"], "Hans": ["Johannes"], "Mies": ["Maria"], "Mien": ["Wilhelmina"], "Nel": ["Petronella"],
    "Toos": ["Catharina"], "Annie": ["Anna"], "Jannie": ["Johanna"], "Ank": ["Anna"], "Lies": ["Elisabeth"],
    "Dick": ["Dirk"], "Gé": ["Gerarda"], "Gert-Jan": ["Gerrit", "Jan"], "Jan-Willem": ["Johannes", "Willem"],
    "Pieter-Jan": ["Pieter", "Jan"], "Henk-Jan": ["Hendrik", "Jan"], "Jan Peter": ["Jan", "Pieter"],
    "Marie-José": ["Maria", "Josephina"], "Anne-Marie": ["Anna", "Maria"], "Bertus": ["Lambertus"],
}
EXTRA_M = ["Johannes", "Petrus", "Maria", "Hendrik", "Jan", "Willem", "Cornelis", "Gerardus", "Jacobus", "Antonius"]
EXTRA_F = ["Maria", "Johanna", "Elisabeth", "Anna", "Cornelia", "Catharina", "Wilhelmina", "Hendrika"]

MAIL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "hotmail.com", "outlook.com", "live.nl",
                "ziggo.nl", "kpnmail.nl", "planet.nl", "xs4all.nl", "home.nl", "icloud.com", "yahoo.com",
                "hotmail.nl", "telfort.nl", "upcmail.nl", "quicknet.nl", "online.nl", "protonmail.com"]


def _fem_slavic(s):
    for a, b in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if s.endswith(a):
            return s[:-len(a)] + b
    if s in ("Ivanov", "Georgiev", "Dimitrov", "Petrov"):
        return s + "a"
    return s


class Person:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    # --- name parts
    @property
    def parts(self):
        """list of (tv, core) name components as used (partner name first when used)."""
        own = (self.tv, self.core)
        if self.partner and self.name_use == "partner-own":
            return [self.partner, own]
        if self.partner and self.name_use == "partner":
            return [self.partner]
        return [own]

    def surname(self, cap=False):
        ps = self.parts
        out = []
        for i, (tv, core) in enumerate(ps):
            if tv:
                out.append((cap_tv(tv) if (cap and i == 0) else tv) + " " + core)
            else:
                out.append(core)
        return "-".join(out)

    def own_surname(self, cap=False):
        return ((cap_tv(self.tv) if cap else self.tv) + " " + self.core) if self.tv else self.core

    def full(self):
        return f"{self.given} {self.surname()}"

    def init(self, surname=None):
        return f"{self.initials} {surname or self.surname()}"

    def init1(self):
        return f"{self.initials[:2] if not self.initials.startswith(('Th', 'Ph', 'Chr')) else self.initials.split('.')[0] + '.'} {self.surname()}"

    def sortname(self, with_tv_after=True):
        ps = self.parts
        tv0, core0 = ps[0]
        rest = "".join("-" + ((tv + " ") if tv else "") + c for tv, c in ps[1:])
        s = f"{core0}{rest}, {self.initials}"
        if tv0:
            s += f" {tv0}"
        return s

    def sortname_full(self):
        ps = self.parts
        tv0, core0 = ps[0]
        rest = "".join("-" + ((tv + " ") if tv else "") + c for tv, c in ps[1:])
        s = f"{core0}{rest}, {self.given}"
        if tv0:
            s += f" {tv0}"
        return s

    def signature(self):
        return f"{self.initials} ({self.given}) {self.surname()}"

    def official_given(self):
        return " ".join(self.given_names)

    def title(self, rng, style="formal"):
        if self.gender == "m":
            return rng.choice(["de heer", "de heer", "dhr.", "meneer"] if style != "letter" else ["de heer"])
        if self.gender == "f":
            return rng.choice(["mevrouw", "mevrouw", "mw.", "mevr."] if style != "letter" else ["mevrouw"])
        return ""

    def salutation(self, rng):
        if self.gender == "m":
            return "Geachte heer"
        if self.gender == "f":
            return "Geachte mevrouw"
        return "Geachte"

    def compact(self):
        return deaccent("".join(c for c in self.own_surname().replace(" ", "").replace("'", "").replace("-", "")
                                )).lower()

    def compact_used(self):
        s = self.surname()
        return deaccent(s.replace(" ", "").replace("'", "").replace("-", "")).lower()

    # --- contact formats
    def mobile(self, rng, style=None):
        return fmt_mobile(rng, self.mobile_d, style)

    def landline(self, rng, style=None):
        return fmt_landline(rng, self.land_d, len(self.area), style)

    def address(self):
        return f"{self.street} {self.number}"


class PersonFactory:
    def __init__(self, rng, exclude_surnames=()):
        self.rng = rng
        self.exclude = set(s.lower() for s in exclude_surnames)
        self.used = set()
        self.surn_by_origin = {}
        for n, o in SURN:
            self.surn_by_origin.setdefault(o, []).append(n)
        self.given_by_origin = {}
        for n, g, o in GIVEN:
            self.given_by_origin.setdefault(o, []).append((n, g))

    def _origin(self):
        ks = list(ORIGIN_W)
        return self.rng.choices(ks, [ORIGIN_W[k] for k in ks])[0]

    def _surname(self, origin):
        rng = self.rng
        for _ in range(200):
            pool = self.surn_by_origin.get(origin) or self.surn_by_origin["nl"]
            s = rng.choice(pool)
            key = split_tv(s)[1].lower()
            if key not in self.exclude and s not in self.used:
                return s
        return rng.choice(self.surn_by_origin["nl"])

    def _given(self, origin, gender=None):
        rng = self.rng
        go = {"be": "nl", "ro": "ro", "bg": "bg"}.get(origin, origin)
        pool = self.given_by_origin.get(go) or self.given_by_origin["nl"]
        if gender:
            pool2 = [x for x in pool if x[1] in (gender, "u")]
            pool = pool2 or pool
        return rng.choice(pool)

    def make(self, gender=None, origin=None, surname=None, age=None, place=None, ref_year=2023,
             allow_partner=True, child=False):
        rng = self.rng
        origin = origin or self._origin()
        sorigin = origin
        if rng.random() < 0.12 and not surname:  # mixed families
            sorigin = self._origin()
        gname, g = self._given(origin if rng.random() > 0.1 else "nl", gender)
        if g == "u":
            g = gender or rng.choice("mf")
        full_sn = surname or self._surname(sorigin)
        if g == "f" and sorigin in ("pl", "bg") and not surname:
            full_sn = _fem_slavic(full_sn)
        self.used.add(full_sn)
        tv, core = split_tv(full_sn)
        # official given names and initials
        if gname in OFFICIAL_NAMES:
            names = list(OFFICIAL_NAMES[gname])
        else:
            names = [gname.replace("-", " ")] if " " in gname or "-" in gname else [gname]
            names = " ".join(names).split()
        if origin in ("nl", "fy", "be") and rng.random() < 0.45 and len(names) == 1:
            names.append(rng.choice(EXTRA_M if g == "m" else EXTRA_F))
            if rng.random() < 0.25:
                names.append(rng.choice(EXTRA_M if g == "m" else EXTRA_F))
        initials = "".join(self._initial(n) for n in names)
        if age is None:
            age = rng.randint(0, 17) if child else rng.choices([rng.randint(18, 30), rng.randint(31, 55),
                                                                  rng.randint(56, 75), rng.randint(76, 96)],
                                                                 [3, 5, 4, 2])[0]
        dob = rand_date(rng, dt.date(ref_year - age - 1, 6, 1), dt.date(ref_year - age, 5, 31))
        partner, name_use = None, "own"
        if allow_partner and g == "f" and not child and age > 25 and rng.random() < (0.45 if age > 55 else 0.18):
            psn = self._surname(origin if origin in ("nl", "fy") else "nl")
            partner = split_tv(psn)
            name_use = rng.choice(["partner-own", "partner-own", "partner-own", "partner"])
        place = place or rng.choice(PLACES)["place"]
        pl = PLACE_BY_NAME[place]
        street = rng.choice(STREETS.get(place, []) * 3 + STREETS["*"])
        number = self._housenumber(place)
        p = Person(given=gname, given_names=names, initials=initials, gender=g, tv=tv, core=core,
                   partner=partner, name_use=name_use, origin=origin, age=age, dob=dob, place=place,
                   street=street, number=number, postcode=gen_postcode(rng, place),
                   area=pl["area"], mobile_d=gen_mobile_digits(rng), land_d=gen_landline_digits(rng, pl["area"]),
                   bsn=gen_bsn(rng), iban=gen_iban(rng, rng.choices(["NL", "BE", "DE"], [30, 1, 1])[0]),
                   id_doc=gen_id_doc(rng, old=rng.random() < 0.15), plate=gen_plate(rng),
                   rijbewijs=gen_driving_licence(rng), kvk=gen_kvk(rng))
        p.email = self._email(p)
        p.account = self._account(p)
        return p

    def relative(self, p, rel, age=None):
        """Family member sharing the (own) surname where natural."""
        rng = self.rng
        if rel in ("zoon", "dochter", "kind"):
            g = {"zoon": "m", "dochter": "f"}.get(rel)
            sn = p.own_surname() if not (p.partner and rng.random() < 0.7) else \
                ((p.partner[0] + " " + p.partner[1]) if p.partner[0] else p.partner[1])
            q = self.make(gender=g, origin=p.origin, surname=sn, age=age, place=p.place, child=(age or 10) < 18,
                          allow_partner=False)
        elif rel in ("broer", "zus", "vader", "moeder"):
            g = "m" if rel in ("broer", "vader") else "f"
            q = self.make(gender=g, origin=p.origin, surname=p.own_surname(), age=age, allow_partner=False)
        else:
            q = self.make(age=age)
        if rel in ("zoon", "dochter", "kind", "partner") and (q.age < 23 or rel == "partner" or rng.random() < 0.3):
            q.street, q.number, q.postcode, q.place = p.street, p.number, p.postcode, p.place
        return q

    def _initial(self, n):
        if n.startswith(("Th", "Ph", "Chr")) and self.rng.random() < 0.5:
            return (n[:3] if n.startswith("Chr") else n[:2]) + "."
        if n.startswith("IJ"):
            return "IJ."
        return n[0].upper() + "."

    def _housenumber(self, place):
        rng = self.rng
        n = rng.choices([rng.randint(1, 40), rng.randint(41, 180), rng.randint(181, 420)], [6, 3, 1])[0]
        r = rng.random()
        if place in ("Amsterdam",) and r < 0.45:
            return f"{n}-{rng.choice(['I', 'II', 'III', 'IV', 'H', 'hs', '1', '2', '3'])}"
        if r < 0.12:
            return f"{n}{rng.choice('abcd')}"
        if r < 0.16:
            return f"{n}{rng.choice('ABC')}"
        if r < 0.19:
            return f"{n} {rng.choice(['a', 'b', 'A', 'rd', 'zw'])}"
        if r < 0.21:
            return f"{n} bis"
        if r < 0.24:
            return f"{n}-{rng.randint(1, 40)}"
        return str(n)

    def _email(self, p):
        rng = self.rng
        g = deaccent(p.given).lower().replace(" ", "").replace("-", "")
        sn = p.compact()
        st = rng.randint(0, 9)
        local = [f"{g}.{sn}", f"{g}{sn}", f"{p.initials.replace('.', '').lower()}.{sn}", f"{g}_{sn}",
                 f"{g}{p.dob.year % 100:02d}", f"{sn}{rng.randint(1, 99)}", f"{g}.{sn}{p.dob.year}",
                 f"{g[0]}{sn}", f"{g}-{sn}", f"{g}.{sn}"][st]
        return f"{local}@{rng.choice(MAIL_DOMAINS)}"

    def _account(self, p):
        rng = self.rng
        g = deaccent(p.given).lower().replace(" ", "").replace("-", "")
        sn = p.compact()[:12]
        st = rng.randint(0, 5)
        return [f"{g[0]}{sn}", f"{p.initials.replace('.', '').lower()}{sn}", f"{g[0]}{sn}{rng.randint(1, 9):02d}",
                f"{sn}{g[0]}", f"{g}.{sn}", f"{g[0]}.{sn}"][st]


# ----------------------------------------------------------------------------------------------- municipality
class Muni:
    """An issuing municipality with its synthetic administrators (public officials, kept)."""

    def __init__(self, rng, place_rec, pf):
        self.place = place_rec["place"]
        self.name = place_rec["muni"]
        self.domain = place_rec["domain"]
        self.area = place_rec["area"]
        self.short = "14 " + self.area
        self.short2 = "14" + self.area
        self.postbus = str(rng.choice([rng.randint(1, 999), rng.randint(1000, 20000)]))
        pc = rng.randint(*place_rec["pc"])
        pc = max(1000, (pc // 10) * 10 - rng.randint(0, 9)) if rng.random() < 0.5 else pc
        self.postbus_pc = f"{pc} {rng.choice(['AA', 'AB', 'BA', 'CA', 'GA', 'HA', 'JA', 'KA', 'PB', 'RA', 'VA', 'ZA'])}"
        self.visit = rng.choice(["Grote Markt", "Stadhuisplein", "Raadhuisplein", "Stationsplein", "Markt",
                                 "Burgemeester Jansenplein"]) + f" {rng.randint(1, 20)}"
        self.burgemeester = pf.make(age=rng.randint(45, 64), origin=rng.choice(["nl", "nl", "fy", "ma", "tr"]),
                                    allow_partner=False)
        self.wethouders = [pf.make(age=rng.randint(35, 66), allow_partner=False) for _ in range(4)]
        self.secretaris = pf.make(age=rng.randint(40, 62), allow_partner=False)
        self.raadsleden = [pf.make(age=rng.randint(25, 70), allow_partner=False) for _ in range(4)]
        self.portfolios = rng.sample(["Zorg en Welzijn", "Ruimtelijke Ordening", "Financiën", "Sociaal Domein",
                                      "Wonen", "Economie en Evenementen", "Openbare Ruimte", "Onderwijs",
                                      "Duurzaamheid", "Jeugd", "Sport en Cultuur"], 4)
        self.parties = rng.sample(["VVD", "CDA", "D66", "GroenLinks", "PvdA", "SP", "ChristenUnie",
                                   "Lokaal Belang", "Stadspartij", "FNP", "SGP", "PvdD"], 4)
        self.officials = [self.burgemeester, self.secretaris] + self.wethouders + self.raadsleden

    def official_surnames(self):
        return [o.core for o in self.officials]

    @property
    def gemeente(self):
        return f"gemeente {self.name}"

    @property
    def Gemeente(self):
        return f"Gemeente {self.name}"
