"""Per-document context: random source, issuing municipality, people, and helpers that mark values/decoys."""
import datetime as dt

from core import (V, K, fmt_date, fmt_bsn, fmt_iban, fmt_amount, gen_case_number, gen_non_bsn9, workday,
                  PLACE_BY_NAME, PLACES, SURN, split_tv, deaccent, cap_tv, MONTHS, DAYS, gen_mobile_digits,
                  gen_landline_digits, fmt_mobile, fmt_landline, gen_ip)
from persons import PersonFactory

ROLES = ["beleidsmedewerker", "behandelaar", "medewerker", "klantmanager", "casemanager", "consulent",
         "vergunningverlener", "toezichthouder", "wijkcoach", "Wmo-consulent", "jeugdconsulent",
         "juridisch adviseur", "teamleider", "senior adviseur", "projectleider", "communicatieadviseur",
         "privacyfunctionaris", "medewerker klantcontact", "handhaver", "adviseur bedrijfsvoering",
         "secretaris bezwaarschriftencommissie", "inkomensconsulent", "schuldhulpverlener"]
DEPTS = ["Publiekszaken", "Vergunningen", "Toezicht en Handhaving", "Sociaal Domein", "Wmo", "Jeugd en Gezin",
         "Belastingen", "Juridische Zaken", "Openbare Ruimte", "Burgerzaken", "Werk en Inkomen",
         "Schuldhulpverlening", "Evenementen", "Bezwaar en Beroep", "Ruimtelijke Ontwikkeling",
         "Informatiebeheer", "Klantcontactcentrum", "Parkeren", "Veiligheid", "Wonen"]
ROLE_DEPT = {"vergunningverlener": "Vergunningen", "toezichthouder": "Toezicht en Handhaving",
             "handhaver": "Toezicht en Handhaving", "Wmo-consulent": "Wmo", "jeugdconsulent": "Jeugd en Gezin",
             "juridisch adviseur": "Juridische Zaken", "inkomensconsulent": "Werk en Inkomen",
             "schuldhulpverlener": "Schuldhulpverlening", "wijkcoach": "Sociaal Domein",
             "secretaris bezwaarschriftencommissie": "Bezwaar en Beroep",
             "medewerker klantcontact": "Klantcontactcentrum", "privacyfunctionaris": "Informatiebeheer"}
ORG_PATTERNS = ["Stichting {s}", "Sportvereniging {s}", "Bakkerij {S}", "{s} Installatietechniek B.V.",
                "Autobedrijf {s}", "Schildersbedrijf {s} & Zn.", "Makelaardij {s}", "{s} Bouw B.V.",
                "Transportbedrijf {s}", "Hoveniersbedrijf {s}", "Kinderopvang {s}", "Café {S}",
                "{s} Accountants", "Loodgietersbedrijf {s}", "Fysiotherapie {s}", "Uitvaartverzorging {s}",
                "Rijschool {s}", "{s} Advocaten", "Muziekvereniging {s}", "{s} Groep"]
GENERIC_ORGS = ["GGD", "Politie Nederland", "Belastingdienst", "UWV", "Sociale Verzekeringsbank", "CAK", "DUO",
                "Leger des Heils", "Humanitas", "VluchtelingenWerk", "Veiligheidsregio", "Omgevingsdienst",
                "Rijkswaterstaat", "Kadaster", "RDW", "Nationale ombudsman", "Autoriteit Persoonsgegevens",
                "Zorgkantoor", "Stichting Thuiszorg", "MEE", "Algemeen Maatschappelijk Werk", "Veilig Thuis",
                "Woningcorporatie", "Stadsbank", "Voedselbank"]
ARTICLES = ["artikel 5.1, tweede lid, onder e, Woo", "art. 4:8 Awb", "artikel 6:7 Awb", "art. 5.1 lid 1 sub e Woo",
            "artikel 2.1, eerste lid, onder a, Wabo", "artikel 2:10 APV", "artikel 15 AVG",
            "artikel 7:2 van de Algemene wet bestuursrecht", "art. 2.3.3 Wmo 2015", "artikel 4.1.1 Wmo 2015",
            "artikel 5.2 Woo", "art. 1:8 BW", "artikel 4:17 Awb", "artikel 6:8 Awb", "art. 2:24 APV",
            "artikel 3 Parkeerverordening", "artikel 12 AVG", "artikel 4.2 Woo", "art. 5:31d Awb",
            "artikel 7 Participatiewet", "artikel 2.2 Jeugdwet", "artikel 4:81 Awb", "art. 8 EVRM"]


class Ctx:
    def __init__(self, rng, muni, year=None):
        self.rng = rng
        self.muni = muni
        self.year = year or rng.choice([2021, 2022, 2023, 2023, 2024, 2024])
        self.pf = PersonFactory(rng, exclude_surnames=muni.official_surnames())
        self.persons = []
        self.orgs_used = set()
        self.date = workday(rng, dt.date(self.year, 1, 5), dt.date(self.year, 12, 18))

    # ----------------------------------------------------------------- people
    def citizen(self, **kw):
        kw.setdefault("ref_year", self.year)
        kw.setdefault("place", self.muni.place if self.rng.random() < 0.7 else self.rng.choice(PLACES)["place"])
        p = self.pf.make(**kw)
        self.persons.append(p)
        return p

    def relative(self, p, rel, age=None):
        q = self.pf.relative(p, rel, age)
        self.persons.append(q)
        return q

    def staff(self, role=None, dept=None):
        rng = self.rng
        p = self.pf.make(age=rng.randint(24, 63), place=self.muni.place)
        p.role = role or rng.choice(ROLES)
        p.dept = dept or ROLE_DEPT.get(p.role) or rng.choice(DEPTS)
        g = deaccent(p.given).lower().replace(" ", "").replace("-", "")
        sn = p.compact_used()
        p.work_email = rng.choice([f"{p.initials.replace('.', '').lower()}.{sn}", f"{g}.{sn}", f"{g[0]}.{sn}",
                                   f"{g[0]}{sn}"]) + "@" + self.muni.domain
        p.direct_d = gen_landline_digits(rng, self.muni.area)
        p.work_mobile_d = gen_mobile_digits(rng)
        p.account = rng.choice([f"{g[0]}{p.compact()}", f"{g[0]}{p.compact()}{rng.randint(1, 9):02d}",
                                f"{p.initials.replace('.', '').lower()}{p.compact()}", f"{p.compact()[:6]}{g[0]}"])
        p.workdays = rng.choice(["ma, di en do", "maandag t/m donderdag", "di, wo, vr", "ma-wo-do", "ma t/m vr",
                                 "maandag, woensdag en vrijdag"])
        self.persons.append(p)
        return p

    def direct(self, s, style=None):
        return V(fmt_landline(self.rng, s.direct_d, len(self.muni.area), style), "phone")

    def wmobile(self, s, style=None):
        return V(fmt_mobile(self.rng, s.work_mobile_d, style), "phone")

    # ----------------------------------------------------------------- decoys
    def d(self, date=None, style=None):
        return K(fmt_date(self.rng, date or self.date, style), "document-date")

    def later(self, days):
        return self.date + dt.timedelta(days=days)

    def case(self):
        if not hasattr(self, "_case"):
            self._case = gen_case_number(self.rng, self.year)
        return K(self._case, "case-number")

    def newcase(self):
        return K(gen_case_number(self.rng, self.year), "case-number")

    def invoice_no(self):
        return K(gen_non_bsn9(self.rng), "case-number", "9-digit number that fails the 11-proof")

    def amt(self, lo=10, hi=5000):
        x = round(self.rng.uniform(lo, hi), 2)
        if not hasattr(self, "_cur"):
            self._cur = self.rng.choice(["€ ", "€ ", "€ ", "€", "EUR "])
        s = f"{x:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        return K(self._cur + s, "amount")

    def art(self, a=None):
        return K(a or self.rng.choice(ARTICLES), "article")

    def org(self):
        rng = self.rng
        used = {split_tv(s)[1].lower() for s in [p.core for p in self.persons]}
        for _ in range(100):
            s, _o = rng.choice(SURN)
            tv, core = split_tv(s)
            if core.lower() not in used and core not in self.orgs_used and core not in self.muni.official_surnames():
                break
        self.orgs_used.add(core)
        pat = rng.choice(ORG_PATTERNS)
        full = (cap_tv(tv) + " " + core) if tv else core
        return K(pat.replace("{s}", full).replace("{S}", full), "organisation")

    def gorg(self, suffix=True, kind=None):
        pools = {"zorg": ["GGD", "MEE", "Zorgkantoor", "Stichting Thuiszorg", "Indicatiecentrum"],
                 "veiligheid": ["Politie Nederland", "Veiligheidsregio", "Veilig Thuis", "Buurtbemiddeling"],
                 "inkomen": ["UWV", "Sociale Verzekeringsbank", "Belastingdienst", "DUO", "CAK"],
                 "infra": ["Rijkswaterstaat", "Omgevingsdienst", "Kadaster", "Veiligheidsregio"],
                 "schuld": ["Belastingdienst", "CJIB", "Woningcorporatie", "Zorgverzekeraar", "Energieleverancier", "DUO"]}
        o = self.rng.choice(pools[kind] if kind else GENERIC_ORGS)
        if o in ("GGD", "Veiligheidsregio", "Omgevingsdienst") and suffix:
            o += " " + self.rng.choice(["Kennemerland", "Fryslân", "Utrecht", "Hollands Noorden", "IJsselland",
                                        "Twente", "Zuid-Limburg", "Gelderland-Zuid", "Drenthe"])
        return K(o, "organisation")

    def gem(self, cap=False):
        return K(self.muni.Gemeente if cap else self.muni.gemeente, "organisation")

    def dept(self, name=None, prefix="afdeling "):
        return prefix + K(name or self.rng.choice(DEPTS), "department")

    def place(self, name=None):
        return K(name or self.muni.place, "place")

    def orgphone(self):
        return K(self.rng.choice([self.muni.short, self.muni.short, self.muni.short2]), "org-phone")

    def svcphone(self):
        rng = self.rng
        return K(rng.choice([f"0800-{rng.randint(1000, 9999)}", f"0800 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                             "0900-8844", f"0900-{rng.randint(1000000, 9999999)}"]), "org-phone")

    def orgmail(self, box=None):
        box = box or self.rng.choice(["info", "woo", "privacy", "bezwaar", "vergunningen", "wmo", "klantcontact",
                                      "evenementen", "handhaving", "burgerzaken", "belastingen", "jeugd"])
        return K(f"{box}@{self.muni.domain}", "org-email")

    def postbus(self):
        return K(f"Postbus {self.muni.postbus}", "postbus")

    def postbus_line(self):
        return (self.postbus() + ", " + K(self.muni.postbus_pc, "other", "postcode of the organisation's Postbus")
                + " " + self.place())

    def off(self, o, form="sur"):
        t = {"sur": o.own_surname(cap=True), "init": f"{o.initials} {o.own_surname()}",
             "full": f"{o.given} {o.own_surname()}"}[form]
        return K(t, "official")

    def wethouder(self, i=None):
        i = self.rng.randrange(4) if i is None else i
        return self.muni.wethouders[i], self.muni.portfolios[i]

    def letterhead(self, staff=None, extra=True):
        m = self.muni
        lh = [self.gem(cap=True), self.postbus_line()]
        if extra:
            lh.append("Telefoon " + self.orgphone())
            lh.append(self.orgmail("info"))
        return lh

    def ip(self):
        return V(gen_ip(self.rng), "ip-address")


# ---------------------------------------------------------------------------------------------- value helpers
def PV(p, text, cat):
    """A personal value of person p: redact (V) -- or keep, when p is the inzage requester."""
    if getattr(p, "req", False):
        return K(text, "requester", cat)
    return V(text, cat)


def N(p, form="full"):
    """Person name as a marked value in the given form."""
    f = {
        "full": lambda: p.full(),
        "init": lambda: p.init(),
        "init1": lambda: p.init1(),
        "sur": lambda: p.surname(cap=True),
        "sur_own": lambda: p.own_surname(cap=True),
        "given": lambda: p.given,
        "sort": lambda: p.sortname(),
        "sortfull": lambda: p.sortname_full(),
        "sig": lambda: p.signature(),
        "caps_init": lambda: p.init().upper(),
        "caps_full": lambda: p.full().upper(),
        "caps_sur": lambda: p.surname().upper(),
        "lower_full": lambda: p.full().lower(),
        "lower_sur": lambda: p.surname().lower(),
        "lower_given": lambda: p.given.lower(),
        "official_given": lambda: p.official_given(),
        "officialfull": lambda: f"{p.official_given()} {p.surname()}",
        "own": lambda: p.own_surname(),
        "sortcaps": lambda: p.sortname().upper(),
        "given_sur_own": lambda: f"{p.given} {p.own_surname()}",
    }[form]()
    return PV(p, f, "person")


def T(p, rng, form="sur", style="formal"):
    """Title + name: 'mevrouw ' + V('Van den Berg')."""
    t = p.title(rng, style)
    return (t + " " if t else "") + N(p, form if t else ("full" if form == "sur" else form))


def ADDR(p, style=None):
    return PV(p, p.address(), "address")


def PC(p, nospace=False):
    return PV(p, p.postcode.replace(" ", "") if nospace else p.postcode, "postcode")


def WP(p, caps=False):
    return PV(p, p.place.upper() if caps else p.place, "place-of-residence")


def ADDRLINE(p, rng, sep=", "):
    return ADDR(p) + sep + PC(p, nospace=rng.random() < 0.25) + ("  " if rng.random() < 0.1 else " ") + WP(p)


def DOB(p, rng, style=None):
    return PV(p, fmt_date(rng, p.dob, style), "date-of-birth")


def BSN(p, rng, style=None):
    return PV(p, fmt_bsn(rng, p.bsn, style), "bsn")


def TEL(p, rng, kind=None):
    kind = kind or rng.choice(["m", "m", "m", "l"])
    return PV(p, p.mobile(rng) if kind == "m" else p.landline(rng), "phone")


def MAIL(p):
    return PV(p, p.email, "email")


def IBAN(p, rng, grouped=None):
    return PV(p, fmt_iban(rng, p.iban, grouped), "iban")


def PLATE(p):
    return PV(p, p.plate, "licence-plate")


def IDDOC(p):
    return PV(p, p.id_doc, "id-document")


def RIJBEWIJS(p):
    return PV(p, p.rijbewijs, "driving-licence")


def KVK(p):
    return PV(p, p.kvk, "kvk")


def ACCT(p):
    return PV(p, p.account, "account")


def WMAIL(s):
    return V(s.work_email, "email")
