"""Tabular templates (csv / xlsx): system exports, lists, logs."""
import datetime as dt

from core import V, K, fmt_date, gen_bsn, gen_plate, fmt_bsn, gen_non_bsn9, gen_ip, MONTHS
from ctx import (N, T, ADDR, PC, WP, DOB, BSN, TEL, MAIL, IBAN, PLATE, IDDOC, RIJBEWIJS, KVK, ACCT, WMAIL, PV)
from render import TableDoc, Sheet, Num, XDate


def _pv_num(p, v, cat):
    if getattr(p, "req", False):
        return Num(v, kind="requester", note=cat)
    return Num(v, cat=cat)


def _pv_date(p, d, cat, csvfmt):
    if getattr(p, "req", False):
        return XDate(d, kind="requester", note=cat, csvfmt=csvfmt)
    return XDate(d, cat=cat, csvfmt=csvfmt)


def _bsn_cell(c, p, as_num):
    if as_num:
        return _pv_num(p, int(p.bsn), "bsn")
    return BSN(p, c.rng, c.rng.choice(["plain", "plain", "plain", "dots"]))


def _tel_cell(c, p, as_num):
    if as_num and c.rng.random() < 0.5:
        return _pv_num(p, int(p.mobile_d), "phone")
    return TEL(p, c.rng)


def zaak_export(c, fmt, main=None):
    rng = c.rng
    staff = [c.staff() for _ in range(rng.randint(2, 5))]
    n = rng.randint(14, 40)
    people = [main] if main else []
    people += [c.citizen() for _ in range(n - len(people))]
    rng.shuffle(people)
    dfmt = rng.choice(["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"])
    as_num = fmt == "xlsx" and rng.random() < 0.6
    low0 = rng.random() < 0.3
    header = ["Zaaknummer", "Zaaktype", "Registratiedatum", "Status", "Behandelaar", "Aanvrager", "Adres", "Postcode",
              "Woonplaats", "Telefoon", "E-mail", "Geboortedatum", "BSN"]
    legit = rng.random() < 0.5
    if legit:
        header.append(rng.choice(["Legitimatie", "Identiteitsbewijs", "Documentnummer"]))
    rows = []
    for p in people:
        if low0 and p is not main and rng.random() < 0.15:
            p.bsn = gen_bsn(rng, leading_zero=True)
        beh = rng.choice(staff)
        reg = c.later(-rng.randint(0, 300))
        rows.append([c.newcase(), rng.choice(["Aanvraag parkeervergunning", "Bezwaar WOZ", "Melding openbare ruimte", "Wmo-melding",
                                              "Aanvraag bijzondere bijstand", "Klacht", "Woo-verzoek", "Omgevingsvergunning", "Kwijtschelding"]),
                     XDate(reg, kind="document-date", csvfmt=dfmt) if fmt == "xlsx" else K(reg.strftime(dfmt), "document-date"),
                     rng.choice(["In behandeling", "Afgehandeld", "Opgeschort", "Nieuw", "Besluit verzonden"]),
                     rng.choice([N(beh, "sort"), ACCT(beh), N(beh, "init")]) if rng.random() < 0.9 else "",
                     N(p, rng.choice(["sort", "sort", "sort", "sortfull"])), ADDR(p), PC(p, rng.random() < 0.4), WP(p, rng.random() < 0.1),
                     _tel_cell(c, p, as_num), MAIL(p) if rng.random() < 0.8 else "",
                     _pv_date(p, p.dob, "date-of-birth", dfmt) if (fmt == "xlsx" or rng.random() < 0.9) else DOB(p, rng, "dd-mm-yyyy"),
                     _bsn_cell(c, p, as_num)] +
                    ([rng.choice([lambda: rng.choice(["paspoort ", "ID-kaart ", ""]) + IDDOC(p), lambda: "rijbewijs " + RIJBEWIJS(p),
                                  lambda: IDDOC(p), lambda: ""])()] if legit else []))
    rows = [[x if x is not None else "" for x in r] for r in rows]
    sheets = [Sheet(rng.choice(["Export", "Zaken", "Resultaat", "Blad1"]), header, rows,
                    widths=[16, 26, 14, 16, 24, 28, 26, 10, 16, 14, 30, 14, 12])]
    if fmt == "xlsx" and rng.random() < 0.7:  # hidden helper sheet left in the export
        src = rng.sample(people, min(len(people), rng.randint(4, 9)))
        sheets.append(Sheet(rng.choice(["brondata", "Blad2", "lookup"]), ["bsn", "naam", "geboortedatum"],
                            [[_bsn_cell(c, q, True), N(q, "sortfull"), _pv_date(q, q.dob, "date-of-birth", dfmt)] for q in src],
                            hidden=True))
    return TableDoc(sheets,
                    delimiter=rng.choice([";", ";", ","]),
                    title_rows=["Export zaaksysteem " + c.gem() + " - " + c.d(style="dd-mm-yyyy")] if rng.random() < 0.4 else [])


def audit_log(c, fmt, main=None):
    rng = c.rng
    staff = [c.staff() for _ in range(rng.randint(3, 6))]
    cits = [main] if main else []
    cits += [c.citizen() for _ in range(rng.randint(3, 8))]
    col_user = rng.choice(["gebruiker", "medewerker", "user", "login", "account", "Gebruikersnaam"])
    header = ["tijdstip", col_user, "actie", "object", "ip"]
    rows = []
    t = dt.datetime.combine(c.date, dt.time(8, rng.randint(0, 30)))
    for _ in range(rng.randint(25, 60)):
        t += dt.timedelta(minutes=rng.randint(1, 40), seconds=rng.randint(0, 59))
        ts = K(t.strftime(rng.choice(["%Y-%m-%d %H:%M:%S"])), "document-date")
        if rng.random() < 0.75:
            s = rng.choice(staff)
            p = rng.choice(cits)
            obj = rng.choice(["zaak " + c.newcase(), "persoon BSN " + BSN(p, rng, "plain"), "dossier " + N(p, "sort"),
                              "document " + c.newcase(), "export " + rng.choice(["Wmo", "BRP", "Parkeren"]),
                              "contactmoment " + N(p, "init")])
            rows.append([ts, ACCT(s), rng.choice(["INZIEN", "WIJZIGEN", "AANMAKEN", "EXPORT", "AFDRUKKEN", "ZOEKEN", "VERWIJDEREN"]), obj,
                         K(f"10.{rng.randint(0, 40)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "other", "internal workstation address")])
        else:
            p = rng.choice(cits)
            rows.append([ts, "digid:" + BSN(p, rng, "plain") if rng.random() < 0.5 else "burger", "LOGIN DigiD",
                         "Mijn " + c.gem(cap=True), c.ip() if not getattr(p, "req", False) else K(gen_ip(rng), "requester", "ip-address")])
    return TableDoc([Sheet("auditlog", header, rows, widths=[20, 18, 14, 40, 18])], delimiter=rng.choice([",", ";"]))


def contactjournaal(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    staff = [c.staff() for _ in range(rng.randint(2, 4))]
    rel = c.relative(p, rng.choice(["zoon", "dochter", "zus", "broer"]), age=rng.randint(20, 60))
    nb = c.citizen(place=p.place)
    header = ["Datum", "Kanaal", "Medewerker", "Klant", "Onderwerp", "Notitie"]
    rows = []
    d = c.later(-rng.randint(60, 200))
    notes = [
        lambda s: "Klant belt over stand van zaken. Teruggebeld door " + N(s, "given") + ".",
        lambda s: ("zoon " if rel.gender == "m" else "dochter " if rel.gender == "f" else "") + N(rel, "lower_given") + " belde namens klant, nummer " + TEL(rel, rng, "m") + ".",
        lambda s: "Nieuw telefoonnummer klant: " + TEL(p, rng) + ".",
        lambda s: "Klant aan de balie, legitimatie gezien (" + IDDOC(p) + ").",
        lambda s: "Kopie rijbewijs ontvangen, nr. " + RIJBEWIJS(p) + ", gescand naar dossier.",
        lambda s: "Klacht over buurvrouw " + N(nb, "lower_sur") + ", doorgezet naar wijkagent.",
        lambda s: "Brief verstuurd naar " + ADDR(p) + ".",
        lambda s: "E-mail ontvangen van " + MAIL(p) + ", bijlage toegevoegd.",
        lambda s: "Afspraak gepland met " + N(rng.choice(staff), "init") + " op " + c.d(c.later(rng.randint(-30, 30)), "dd-mm-yyyy") + ".",
        lambda s: "Geen gehoor. Voicemail ingesproken.",
        lambda s: "Overleg met " + N(rng.choice(staff), "given") + ": eerst huisbezoek.",
    ]
    for _ in range(rng.randint(10, 25)):
        d += dt.timedelta(days=rng.randint(0, 9))
        s = rng.choice(staff)
        rows.append([XDate(d, kind="document-date") if fmt == "xlsx" else K(d.strftime("%d-%m-%Y"), "document-date"),
                     rng.choice(["Telefoon", "Balie", "E-mail", "Brief", "Huisbezoek", "Chat"]),
                     rng.choice([N(s, "full"), N(s, "init"), ACCT(s)]),
                     N(p, rng.choice(["sort", "full", "init"])),
                     rng.choice(["Wmo", "Parkeren", "Bijstand", "Schuldhulp", "Overlast", "Algemeen"]),
                     rng.choice(notes)(s)])
    return TableDoc([Sheet("Contactmomenten", header, rows, widths=[12, 12, 22, 26, 14, 70])], delimiter=rng.choice([";", ","]),
                    title_rows=["Contactjournaal " + N(p, "sort") + " - " + c.case()] if fmt == "xlsx" and rng.random() < 0.6 else [])


def mor_meldingen(c, fmt, main=None):
    rng = c.rng
    header = ["Meldingnummer", "Datum", "Categorie", "Locatie", "Omschrijving", "Naam melder", "Telefoon melder",
              "E-mail melder", "Behandelaar", "Status"]
    staff = [c.staff(dept="Openbare Ruimte") for _ in range(rng.randint(2, 3))]
    rows = []
    for _ in range(rng.randint(12, 30)):
        m = c.citizen(place=c.muni.place)
        d = c.later(-rng.randint(0, 90))
        cat = rng.choice(["Straatverlichting", "Zwerfafval", "Fout geparkeerde auto", "Losliggende tegel", "Overlast hangjongeren",
                          "Verwaarloosde fiets", "Boom/snoeien", "Hondenpoep", "Graffiti"])
        loc = rng.choice([K(rng.choice(["Stationsplein", "Marktplein", "Julianapark", "Kerkplein", "speeltuin Zuid"]), "other", "public location"),
                          "voor " + ADDR(m), "hoek " + K(m.street, "other", "street name without house number") + "/" + K("Kerkstraat", "other", "street name")])
        om = rng.choice(["Lantaarnpaal brandt al een week niet.", "Auto met kenteken " + V(gen_plate(rng), "licence-plate") + " staat al weken op de stoep.",
                         "Veel afval naast de container.", "Melder struikelde bijna.", "Jongeren tot laat op het bankje.", ""])
        rows.append([K(str(rng.randint(100000, 999999)), "case-number"),
                     XDate(d, kind="document-date") if fmt == "xlsx" else K(d.strftime("%d-%m-%Y"), "document-date"),
                     cat, loc, om,
                     N(m, rng.choice(["full", "init", "sort"])) if rng.random() < 0.85 else "anoniem",
                     TEL(m, rng) if rng.random() < 0.7 else "",
                     MAIL(m) if rng.random() < 0.6 else "",
                     ACCT(rng.choice(staff)), rng.choice(["Gemeld", "In behandeling", "Afgehandeld", "Doorgezet"])])
    return TableDoc([Sheet("Meldingen", header, rows, widths=[14, 12, 22, 30, 44, 24, 16, 30, 14, 14])], delimiter=rng.choice([";", ","]))


def presentielijst(c, fmt, main=None):
    rng = c.rng
    weth, port = c.wethouder()
    header = ["Naam", "Organisatie / functie", "E-mailadres", "Telefoon", "Aanwezig"]
    rows = [[c.off(weth, "init"), "wethouder " + K(port, "other", "portfolio"), c.orgmail("info"), c.orgphone(), "ja"]]
    for _ in range(rng.randint(2, 4)):
        s = c.staff()
        rows.append([N(s, rng.choice(["full", "init"])), s.role + " " + c.gem(), WMAIL(s), c.direct(s), rng.choice(["ja", "ja", "nee"])])
    for _ in range(rng.randint(8, 22)):
        p = c.citizen(place=c.muni.place)
        rows.append([N(p, rng.choice(["full", "full", "init", "lower_full", "caps_full"])), rng.choice(["bewoner", "ondernemer", "bewonerscommissie", ""]) ,
                     MAIL(p) if rng.random() < 0.8 else "", TEL(p, rng) if rng.random() < 0.6 else "", rng.choice(["ja", "ja", "ja", "nee", "afgemeld"])])
    ev = rng.choice(["Informatieavond herinrichting centrum", "Bewonersbijeenkomst windpark", "Klankbordgroep " + K("Stationsgebied", "other", "project name")])
    return TableDoc([Sheet("Presentielijst", header, rows, widths=[28, 34, 34, 18, 10])], delimiter=rng.choice([";", ","]),
                    title_rows=[ev + " - " + c.d(style="long")])


def parkeervergunningen(c, fmt, main=None):
    rng = c.rng
    header = ["Vergunningnummer", "Type", "Naam", "Adres", "Postcode", "Kenteken", "Ingangsdatum", "Einddatum", "Bedrag"]
    rows = []
    people = ([main] if main else []) + [c.citizen(place=c.muni.place) for _ in range(rng.randint(15, 35))]
    for p in people:
        d = c.later(-rng.randint(0, 200))
        plate = PLATE(p) if rng.random() < 0.9 else V(gen_plate(rng).replace("-", ""), "licence-plate") if not getattr(p, "req", False) else PLATE(p)
        rows.append([K(f"PV{c.year}{rng.randint(10000, 99999)}", "case-number"),
                     rng.choice(["Bewoner", "Bewoner 2e auto", "Mantelzorg", "Bezoeker"]),
                     N(p, rng.choice(["sort", "sort", "full"])), ADDR(p), PC(p, rng.random() < 0.5), plate,
                     XDate(d, kind="document-date") if fmt == "xlsx" else K(d.strftime("%d-%m-%Y"), "document-date"),
                     XDate(d.replace(year=d.year + 1), kind="document-date") if fmt == "xlsx" else K(d.replace(year=d.year + 1).strftime("%d-%m-%Y"), "document-date"),
                     Num(round(rng.uniform(40, 400), 2)) if fmt == "xlsx" else c.amt(40, 400)])
    return TableDoc([Sheet("Vergunningen", header, rows, widths=[18, 16, 28, 26, 10, 12, 14, 14, 10])], delimiter=rng.choice([";", ","]))


def kwijtschelding(c, fmt, main=None):
    rng = c.rng
    header = ["Aanslagnummer", "Naam", "BSN", "IBAN", "Gezinssituatie", "Bedrag", "Besluit", "Behandelaar"]
    staff = [c.staff(role="medewerker", dept="Belastingen") for _ in range(2)]
    rows = []
    as_num = fmt == "xlsx" and rng.random() < 0.5
    for _ in range(rng.randint(12, 30)):
        p = c.citizen(place=c.muni.place)
        rows.append([K(gen_non_bsn9(rng), "case-number", "9-digit number that fails the 11-proof") if not as_num else Num(int(gen_non_bsn9(rng)), kind="case-number", note="9-digit number that fails the 11-proof"),
                     N(p, rng.choice(["sort", "sortcaps", "full"])), _bsn_cell(c, p, as_num), IBAN(p, rng, grouped=rng.random() < 0.3),
                     rng.choice(["alleenstaand", "alleenstaande ouder", "gehuwd/samenwonend", "AOW-gerechtigd"]),
                     Num(round(rng.uniform(60, 1200), 2)) if fmt == "xlsx" else c.amt(60, 1200),
                     rng.choice(["toegekend", "afgewezen", "gedeeltelijk"]), ACCT(rng.choice(staff))])
    sheets = [Sheet("Kwijtschelding " + str(c.year), header, rows, widths=[14, 30, 12, 26, 20, 10, 14, 14])]
    if fmt == "xlsx" and rng.random() < 0.4:
        hid = [[N(p_, "sort"), _bsn_cell(c, p_, False), DOB(p_, rng, "dd-mm-yyyy")] for p_ in [c.citizen() for _ in range(rng.randint(3, 6))]]
        sheets.append(Sheet("controle", ["naam", "bsn", "geb.datum"], hid, hidden=True))
    return TableDoc(sheets, delimiter=rng.choice([";", ","]))


def actiepunten(c, fmt, main=None):
    rng = c.rng
    staff = [c.staff() for _ in range(rng.randint(3, 6))]
    weth, port = c.wethouder()
    cit = [c.citizen() for _ in range(3)]
    header = ["Nr", "Datum overleg", "Actiepunt", "Eigenaar", "Deadline", "Status"]
    rows = []
    acts = [lambda: "Terugbellen " + T(rng.choice(cit), rng) + " over klacht",
            lambda: "Memo voor wethouder " + c.off(weth) + " opstellen",
            lambda: "Gegevens " + N(rng.choice(cit), "init") + " controleren in BRP",
            lambda: "Afstemmen met " + c.gorg(),
            lambda: "Offerte " + c.org() + " beoordelen",
            lambda: "Brief aan " + N(rng.choice(cit), "full") + " (" + c.case() + ")",
            lambda: "Raadsvragen " + K(rng.choice(c.muni.parties), "organisation") + " beantwoorden",
            lambda: "Planning bijwerken"]
    for i in range(rng.randint(10, 22)):
        s = rng.choice(staff)
        d0 = c.later(-rng.randint(0, 60))
        rows.append([Num(i + 1), XDate(d0, kind="document-date") if fmt == "xlsx" else K(d0.strftime("%d-%m-%Y"), "document-date"),
                     rng.choice(acts)(), rng.choice([N(s, "init"), N(s, "given"), ACCT(s)]),
                     XDate(d0 + dt.timedelta(days=rng.randint(7, 40)), kind="document-date") if fmt == "xlsx" else K((d0 + dt.timedelta(days=14)).strftime("%d-%m-%Y"), "document-date"),
                     rng.choice(["open", "gereed", "loopt", "vervallen"])])
    return TableDoc([Sheet("Actielijst", header, rows, widths=[6, 14, 60, 22, 14, 10])], delimiter=rng.choice([";", ","]))


def inventarislijst(c, fmt, main=None):
    rng = c.rng
    header = ["ID", "Document", "Datum", "Beoordeling", "Beoordelingsgrond", "Zaaknummer"]
    rows = []
    weth, port = c.wethouder()
    for i in range(rng.randint(15, 40)):
        p = c.citizen()
        s = c.staff()
        title = rng.choice([
            lambda: "Bezwaar " + N(p, "init") + " " + BSN(p, rng, "plain") + ".pdf",
            lambda: "E-mail " + N(s, "full") + " aan " + N(p, "init") + ".msg",
            lambda: "Brief aan " + N(p, "sort") + ".docx",
            lambda: "Notitie wethouder " + c.off(weth) + " over subsidie.docx",
            lambda: "Raadsinformatiebrief " + c.d(c.later(-rng.randint(1, 100)), "dd-mm-yyyy") + ".pdf",
            lambda: "Verslag overleg " + c.org() + ".pdf",
            lambda: "Foto's " + ADDR(p) + ".zip",
            lambda: "WhatsApp " + N(p, "given") + " " + N(s, "given") + ".pdf",
        ])()
        d = c.later(-rng.randint(10, 400))
        rows.append([Num(i + 1), title, XDate(d, kind="document-date") if fmt == "xlsx" else K(d.strftime("%d-%m-%Y"), "document-date"),
                     rng.choice(["Openbaar", "Deels openbaar", "Deels openbaar", "Niet openbaar", "Reeds openbaar"]),
                     rng.choice(["", "5.1.2e", "5.1.2e; 5.1.1e", "5.2", "5.1.2e; 5.1.2h"]), c.case()])
    return TableDoc([Sheet("Inventarislijst", header, rows, widths=[6, 60, 12, 16, 18, 18])], delimiter=rng.choice([";", ","]))


def klachtenregistratie(c, fmt, main=None):
    rng = c.rng
    header = ["Nr", "Ontvangen", "Klager", "Adres klager", "Woonplaats", "Klacht over (medewerker)", "Afdeling", "Afhandelaar", "Afgehandeld"]
    rows = []
    afh = c.staff(role="medewerker klantcontact")
    for i in range(rng.randint(10, 26)):
        p = c.citizen()
        s = c.staff()
        d = c.later(-rng.randint(5, 300))
        rows.append([K(f"K{c.year}-{i + 1:03d}", "case-number"),
                     XDate(d, kind="document-date") if fmt == "xlsx" else K(d.strftime("%d-%m-%Y"), "document-date"),
                     N(p, rng.choice(["full", "sort", "init"])), ADDR(p) + ", " + PC(p), WP(p),
                     N(s, rng.choice(["full", "init", "sort"])) if rng.random() < 0.7 else "niet bekend",
                     K(s.dept, "department"), N(afh, "init"),
                     rng.choice(["ja", "nee", "in behandeling"])])
    return TableDoc([Sheet("Klachten", header, rows, widths=[12, 12, 26, 34, 14, 26, 22, 16, 12])], delimiter=rng.choice([";", ","]))


def subsidieregister(c, fmt, main=None):
    rng = c.rng
    header = ["Dossier", "Aanvrager", "Rechtsvorm", "KvK", "Contactpersoon", "Telefoon", "IBAN", "Bedrag", "Besluit"]
    rows = []
    as_num = fmt == "xlsx" and rng.random() < 0.5
    for _ in range(rng.randint(10, 25)):
        if rng.random() < 0.5:
            p = c.citizen()
            kvk = _pv_num(p, int(p.kvk), "kvk") if as_num else KVK(p)
            rows.append([c.newcase(), N(p, "own") + " " + rng.choice(["Advies", "Design", "Klussen", "Catering", "Coaching"]), "eenmanszaak", kvk,
                         N(p, rng.choice(["full", "init"])), TEL(p, rng), IBAN(p, rng), c.amt(250, 5000), rng.choice(["verleend", "afgewezen"])])
        else:
            p = c.citizen()
            rows.append([c.newcase(), c.org(), rng.choice(["stichting", "vereniging", "B.V."]),
                         K(str(rng.randint(40000000, 79999999)), "other", "KvK number of a legal entity"),
                         N(p, rng.choice(["full", "init"])) + " (" + rng.choice(["secretaris", "penningmeester", "voorzitter"]) + ")", TEL(p, rng),
                         K(__import__("core").fmt_iban(rng, __import__("core").gen_iban(rng)), "other", "IBAN of an organisation"),
                         c.amt(500, 25000), rng.choice(["verleend", "afgewezen", "voorschot"])])
    return TableDoc([Sheet("Register", header, rows, widths=[18, 34, 14, 12, 30, 16, 26, 12, 12])], delimiter=rng.choice([";", ","]))


TABLE = {
    "zaak-export": (zaak_export, ["xlsx", "csv"], 3),
    "audit-log": (audit_log, ["csv", "xlsx"], 2),
    "contactjournaal": (contactjournaal, ["xlsx", "csv"], 2),
    "mor-meldingen": (mor_meldingen, ["csv", "xlsx"], 1),
    "presentielijst": (presentielijst, ["xlsx", "csv"], 1),
    "parkeervergunningen": (parkeervergunningen, ["csv", "xlsx"], 1),
    "kwijtschelding": (kwijtschelding, ["xlsx", "csv"], 1),
    "actiepunten": (actiepunten, ["xlsx", "csv"], 1),
    "inventarislijst": (inventarislijst, ["xlsx", "csv"], 1),
    "klachtenregistratie": (klachtenregistratie, ["csv", "xlsx"], 1),
    "subsidieregister": (subsidieregister, ["xlsx", "csv"], 1),
}
