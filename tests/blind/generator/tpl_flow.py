"""Flow templates (rendered as txt, docx, LibreOffice-PDF or reportlab-PDF)."""
import datetime as dt

from core import V, K, fmt_date, MONTHS, gen_plate, gen_case_number, fmt_mobile, gen_mobile_digits
from ctx import (N, T, ADDR, PC, WP, ADDRLINE, DOB, BSN, TEL, MAIL, IBAN, PLATE, IDDOC, RIJBEWIJS, KVK, ACCT,
                 WMAIL, PV)
from render import FlowDoc
from tpl_common import (Tc, mail_header, staff_signature, citizen_signature, citizen_addr_block, salutation,
                        kenmerk_block, staff_closing, mail_date, DISCLAIMERS, time_str)

TOPICS = {
    "parkeren": ("parkeervergunning", "uw aanvraag voor een parkeervergunning",
                 ["De vergunning staat op het kenteken {plate}.", "Het kenteken {plate} staat niet op naam van de aanvrager, we hebben een kopie van het kentekenbewijs nodig."],
                 ["Mijn auto heeft kenteken {plate}, dat heb ik al twee keer doorgegeven.", "Ik heb sinds kort een nieuwe auto ({plate}) en de vergunning staat nog op de oude."]),
    "overlast": ("melding overlast", "uw melding over overlast",
                 ["De overlast komt volgens melder van de bovenburen op nummer {nr}.", "De wijkagent is op de hoogte en loopt volgende week een extra ronde."],
                 ["Er wordt al weken elke nacht harde muziek gedraaid op nummer {nr}.", "Ik kan niet meer slapen door het geschreeuw en de honden van de buren."]),
    "wmo": ("Wmo-aanvraag", "uw aanvraag voor ondersteuning vanuit de Wmo",
            ["Het huishoudelijke ondersteuning wordt mogelijk uitgebreid naar 3 uur per week.", "De indicatie voor de scootmobiel loopt binnenkort af."],
            ["Ik kan de trap niet meer op en heb een traplift nodig.", "De thuiszorg komt steeds later en soms helemaal niet."]),
    "kap": ("kapvergunning", "uw aanvraag omgevingsvergunning voor het kappen van een boom",
            ["Het gaat om een beuk in de achtertuin met een stamomtrek van ruim 1,5 meter.", "Er is een herplantplicht opgenomen in het besluit."],
            ["De boom staat scheef en ik ben bang dat hij bij de volgende storm op het huis valt.", "De wortels drukken de fundering van de schuur omhoog."]),
    "bezwaar": ("bezwaarschrift", "uw bezwaarschrift",
                ["De hoorzitting staat gepland op {date2}.", "De beslistermijn is met zes weken verlengd op grond van {art}."],
                ["Ik heb nog steeds geen datum voor de hoorzitting gekregen.", "Ik wil graag weten wanneer er een beslissing komt."]),
    "verhuizing": ("adreswijziging", "uw verhuizing",
                   ["Op het nieuwe adres staan al drie personen ingeschreven.", "We hebben een huurcontract nodig als bewijs van bewoning."],
                   ["Ik ben per 1 van de maand verhuisd maar krijg nog steeds post op mijn oude adres.", "Mijn huisbaas wil het huurcontract niet geven."]),
    "afval": ("afvalcontainer", "uw melding over de afvalcontainer",
              ["Er wordt regelmatig grofvuil naast de container gezet.", "De nieuwe pas voor de ondergrondse container wordt opgestuurd."],
              ["De container is al twee weken niet geleegd en het stinkt enorm.", "Mijn pas voor de container doet het niet meer."]),
    "woo": ("Woo-verzoek", "uw verzoek op grond van de Wet open overheid",
            ["We hebben de termijn met twee weken verschoven.", "Een deel van de documenten wordt openbaar gemaakt met weglakking van persoonsgegevens op grond van {art}."],
            ["Het verzoek gaat over de besluitvorming rond het nieuwe sportpark.", "De wettelijke termijn is inmiddels verstreken."]),
}


def _hn(p):
    return int("".join(ch for ch in p.number.split("-")[0].split(" ")[0] if ch.isdigit()) or "1")


def _topic_line(c, key, p, citizen=False):
    rng = c.rng
    t = TOPICS[key]
    line = rng.choice(t[3] if citizen else t[2])
    return line.replace("{plate}", PLATE(p)).replace("{nr}", str(rng.randint(1, 120))).replace(
        "{date2}", c.d(c.later(rng.randint(14, 40)), "long")).replace("{art}", c.art())


# ================================================================================================== e-mail
def email_thread(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    s1 = c.staff()
    s2 = c.staff()
    s3 = c.staff() if rng.random() < 0.5 else None
    staff_ids = {id(s1), id(s2)} | ({id(s3)} if s3 else set())
    key = rng.choice(list(TOPICS))
    subj0 = TOPICS[key][0]
    subj = rng.choice([subj0 + " " + c.case(), subj0 + " " + N(p, "init"), subj0, "Vraag over " + subj0,
                       subj0 + " - " + N(p, "own") + " - " + c.case()])
    d0 = c.later(-rng.randint(6, 20))
    d1 = d0 + dt.timedelta(days=rng.randint(1, 4))
    d2 = d1 + dt.timedelta(days=rng.randint(1, 3))
    blocks = []
    eng = rng.random() < 0.15
    # newest message: s2 -> s1 (internal), cc s3
    m3 = mail_header(c, s2, [s1], d2, "RE: " + subj, cc=[s3] if s3 else (), staff_to=staff_ids, english=eng)
    body3 = [rng.choice(["Hoi ", "Hi ", "Beste ", "Dag "]) + N(s1, "given") + ",", "",
             rng.choice(["Dank voor het doorsturen. ", "Ik heb even meegekeken. ", "Kort van mijn kant: "]) +
             rng.choice(["Ik neem contact op met " + T(p, rng) + " en laat je weten hoe het is afgelopen.",
                         "Volgens mij moeten we dit eerst met " + N(s3 or c.staff(), "given") + " afstemmen voordat we " + T(p, rng) + " antwoorden.",
                         "Kun jij het dossier van " + N(p, "init") + " (" + c.case() + ") even naar mij doorzetten? Dan pak ik het op."]),
             _topic_line(c, key, p), ""]
    if rng.random() < 0.4:
        body3.append("Ze is overdag het best bereikbaar op " + TEL(p, rng, "m") + "." if p.gender == "f" else
                     "Hij is overdag het best bereikbaar op " + TEL(p, rng, "m") + ".")
        body3.append("")
    body3 += staff_signature(c, s2)
    blocks.append(("lines", m3 + [""] + body3))
    blocks.append(("space",))
    # s1 forwarded citizen mail with remark
    sep = rng.choice(["-----Oorspronkelijk bericht-----", "________________________________",
                      "---------- Doorgestuurd bericht ---------", "-----Original Message-----"])
    m2 = mail_header(c, s1, [s2], d1, rng.choice(["FW: ", "Doorst: ", "FW: "]) + subj, staff_to=staff_ids)
    body2 = [rng.choice(["Hoi ", "Beste ", ""]) + N(s2, "given") + ",", "",
             rng.choice(["Zie onderstaande mail van " + T(p, rng) + ". Kun jij hiernaar kijken?",
                         "Onderstaande kwam binnen via het algemene adres " + c.orgmail() + ". Is dit voor jou?",
                         "Ter info, " + N(p, "init") + " belde vanochtend ook al over deze zaak. Graag voor " +
                         c.d(d1 + dt.timedelta(days=7), "long") + " reageren."]), ""]
    body2 += staff_signature(c, s1)
    blocks.append(("lines", [sep] + m2 + [""] + body2))
    blocks.append(("space",))
    # citizen's original mail
    m1 = mail_header(c, p, [c.orgmail()], d0, subj, staff_from=False)
    if rng.random() < 0.5:
        m1 = [m1[0], m1[1], m1[2], "Onderwerp: " + subj]
    informal = rng.random() < 0.4
    g = rng.choice(["Geachte heer/mevrouw,", "Beste,", "Goedemiddag,", "L.S.,", "Hallo,"])
    body1 = [g, ""]
    if informal:
        body1.append(rng.choice(["ik mail jullie nu voor de derde keer!! ", "ik wil even melden dat ", "nog steeds niks gehoord, "]) +
                     "het gaat over " + TOPICS[key][1].replace("uw ", "mijn ") + ". mijn naam is " + N(p, "lower_full") + " en ik woon op " +
                     ADDR(p) + ".")
    else:
        body1.append("Mijn naam is " + N(p, "full") + ", wonende aan de " + ADDR(p) + " te " + WP(p) +
                     ". Ik schrijf u naar aanleiding van " + TOPICS[key][1].replace("uw ", "mijn ") + ".")
    body1.append(_topic_line(c, key, p, citizen=True))
    if rng.random() < 0.5:
        body1.append("U kunt mij bereiken op " + TEL(p, rng) + rng.choice([" of per mail.", ".", " (na 17 uur)."]))
    if rng.random() < 0.3:
        body1.append("Mijn BSN is " + BSN(p, rng) + " en mijn geboortedatum " + DOB(p, rng) + ".")
    body1.append("")
    body1 += citizen_signature(c, p)
    if rng.random() < 0.35:  # web form relayed by mail: 'Verzonden:' directly above 'Geboortedatum:'
        m1 = ["Van: " + K("noreply@" + c.muni.domain, "org-email"), "Aan: " + c.orgmail(),
              "Onderwerp: Webformulier " + subj0, "Verzonden: " + mail_date(c, d0, "dd-mm-yyyy")]
        body1 = ["Geboortedatum: " + DOB(p, rng, rng.choice(["dd-mm-yyyy", "d-m-yyyy"])), "Naam: " + N(p, rng.choice(["full", "init"])),
                 "Adres: " + ADDR(p) + ", " + PC(p) + " " + WP(p), "Telefoon: " + TEL(p, rng), "E-mail: " + MAIL(p),
                 "Toelichting: " + _topic_line(c, key, p, citizen=True)]
    if fmt == "txt" and rng.random() < 0.5:
        blocks.append(("lines", [sep] + m1 + [""]))
        blocks.append(("quote", body1))
    else:
        blocks.append(("lines", [sep] + m1 + [""] + body1))
    foot = None
    if rng.random() < 0.6:
        foot = "Vragen? Bel " + c.direct(s1) + " (" + N(s1, "sur") + ")"
    elif rng.random() < 0.5:
        foot = rng.choice(DISCLAIMERS).replace("{orgphone}", c.orgphone()).replace("{orgmail}", c.orgmail("info"))
    if foot:
        blocks.append(("space",))
        blocks.append(("p", foot))
    return FlowDoc(blocks, wrap=rng.choice([None, None, 76]) if fmt == "txt" else None,
                   header=(c.gem(cap=True) + " - " + c.case()) if fmt in ("docx", "pdf-lo") and rng.random() < 0.4 else None)


# ================================================================================================== notulen
def notulen(c, fmt, main=None):
    rng = c.rng
    chair = c.staff(role=rng.choice(["teamleider", "projectleider", "senior adviseur"]))
    attendees = [c.staff() for _ in range(rng.randint(3, 6))]
    absent = [c.staff() for _ in range(rng.randint(1, 2))]
    weth, port = c.wethouder()
    ext = c.citizen() if rng.random() < 0.7 else None
    subject = rng.choice(["Projectgroep herinrichting " + K(rng.choice(["Stationsplein", "Marktplein", "Kerkbuurt",
                                                                          "centrum", "Julianapark"]), "other", "project name"),
                          "Overleg Sociaal Domein", "Werkgroep Evenementen", "Stuurgroep Wonen",
                          "Casusoverleg Veiligheidshuis", "Teamoverleg " + K(rng.choice(["Vergunningen", "Wmo", "Handhaving"]), "department")])
    blocks = [("title", "Verslag " + subject),
              ("kv", [("Datum", c.d(style="long")), ("Tijd", f"{rng.randint(9, 15)}.00 - {rng.randint(16, 17)}.00 uur"),
                      ("Locatie", rng.choice(["Stadhuis, kamer ", "Stadskantoor, vergaderzaal ", "Teams / "]) + str(rng.randint(1, 5)) + "." + str(rng.randint(1, 30))),
                      ("Notulist", N(attendees[-1], rng.choice(["init", "full"])))], {"as_table": rng.random() < 0.5})]
    att = [N(chair, "init") + " (voorzitter)", T(attendees[0], rng) if rng.random() < 0.5 else N(attendees[0], "init")]
    att.append((weth.title(rng) + " " if rng.random() < 0.6 else "") + c.off(weth) + " (wethouder)")
    att += [N(a, rng.choice(["init", "init", "full"])) for a in attendees[1:]]
    if ext:
        att.append(N(ext, "init") + " (bewonerscommissie)")
    blocks.append(("p", "Aanwezig: " + ", ".join(att)))
    blocks.append(("p", "Afwezig met kennisgeving: " + ", ".join(N(a, rng.choice(["init", "full"])) for a in absent)))
    blocks.append(("h", "1. Opening en mededelingen"))
    blocks.append(("p", N(chair, "given_sur_own" if rng.random() < 0.3 else "sur") + " opent de vergadering. " +
                   rng.choice(["Wethouder " + c.off(weth) + " sluit vanwege een collegeafspraak alleen bij punt 3 aan.",
                               "Er zijn geen mededelingen.",
                               N(absent[0], "given") + " is met vakantie tot " + c.d(c.later(rng.randint(7, 20)), "long") + "."])))
    blocks.append(("h", "2. Verslag vorige vergadering"))
    blocks.append(("p", "Het verslag van " + c.d(c.later(-rng.randint(14, 30)), "long") + " wordt ongewijzigd vastgesteld. " +
                   "Actiepunt " + str(rng.randint(1, 9)) + " (" + N(attendees[0], "init") + ") is afgerond."))
    blocks.append(("h", "3. " + rng.choice(["Stand van zaken", "Voortgang", "Bespreking casuïstiek"])))
    t3 = [rng.choice(["De planning loopt uit door de aanbesteding; nieuwe opleverdatum is " + c.d(c.later(rng.randint(60, 200)), "long") + ".",
                      "Het budget van " + c.amt(20000, 250000) + " is voor ongeveer 70% besteed.",
                      "Er zijn 14 reacties binnengekomen op de participatieavond."])]
    if ext:
        t3.append(rng.choice(["Namens de bewoners geeft " + T(ext, rng) + " aan dat de communicatie beter kan.",
                              N(ext, "init") + " vraagt of er een extra avond komt voor de bewoners van de " + K(ext.street, "other", "street name without house number") + "."]))
    t3.append(rng.choice(["Wethouder " + c.off(weth) + " wil graag voor het zomerreces een raadsinformatiebrief.",
                          c.off(weth) + " (wethouder " + K(port, "other", "portfolio") + ") benadrukt het belang van goede communicatie met de omgeving.",
                          "De wethouder, " + c.off(weth, "init") + ", vraagt of " + c.gorg(kind="infra") + " al is aangehaakt."]))
    t3.append(N(attendees[1 % len(attendees)], "sur") + " licht toe dat " + c.org() + " de werkzaamheden uitvoert.")
    blocks.append(("p", " ".join(t3)))
    blocks.append(("h", "4. Rondvraag"))
    blocks.append(("p", rng.choice(["Geen.", N(attendees[0], "given") + " vraagt wie het contact met " + c.gorg(kind="infra") + " oppakt. Dat doet " + N(attendees[-1], "given") + ".",
                                    "Geen rondvraag. De voorzitter sluit om " + f"{rng.randint(15, 17)}.{rng.choice(['00', '15', '30', '45'])}" + " uur."])))
    blocks.append(("h", "Actiepunten"))
    rows = [["Nr", "Actie", "Wie", "Wanneer"]]
    acts = rng.sample(["Terugkoppeling naar bewoners", "Offerte opvragen bij " + c.org(), "Notitie opstellen voor college",
                       "Contact opnemen met melder", "Planning actualiseren", "Juridische toets laten doen",
                       "Afspraak plannen met " + (N(ext, "init") if ext else c.gorg(kind="infra"))], rng.randint(3, 6))
    for i, act in enumerate(acts):
        who = rng.choice(attendees + [chair])
        rows.append([str(i + 1), act,
                     N(who, rng.choice(["init", "given", "init"])),
                     c.d(c.later(rng.randint(7, 60)), rng.choice(["dd-mm-yyyy", "d-m-yyyy"]))])
    blocks.append(("table", rows, {"header": True}))
    blocks.append(("p", "Volgende vergadering: " + c.d(c.later(rng.randint(14, 35)), "long-day") + "."))
    return FlowDoc(blocks, footer=(("Verslag " + c.d(style="dd-mm-yyyy") + " | concept")
                                   if rng.random() < 0.5 else None))


# ================================================================================================== letters from citizens
def bezwaarschrift(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    partner = c.relative(p, "partner") if rng.random() < 0.3 else None
    informal = rng.random() < 0.45
    caps = rng.random() < 0.25
    subjectkind = rng.choice(["parkeerbon", "WOZ-beschikking", "afwijzing bijzondere bijstand", "omgevingsvergunning buren",
                              "naheffingsaanslag parkeerbelasting", "beëindiging Wmo-indicatie", "afwijzing kwijtschelding"])
    lines = [N(p, "caps_full" if caps else "full"), ADDR(p), PC(p, rng.random() < 0.3) + " " + WP(p, caps)]
    if rng.random() < 0.7:
        lines.append(TEL(p, rng))
    if rng.random() < 0.5:
        lines.append(MAIL(p))
    blocks = [("lines", lines), ("space",),
              ("lines", ["Aan het college van burgemeester en wethouders van " + c.gem(),
                         c.postbus_line() if rng.random() < 0.6 else "t.a.v. " + c.dept("Bezwaar en Beroep", "team ")]),
              ("space",),
              ("p", K(c.muni.place, "place") + ", " + c.d(style=rng.choice(["long", "dd-mm-yyyy", "d-m-yyyy"]))),
              ("p", ("Betreft: BEZWAARSCHRIFT " if caps else "Betreft: bezwaar tegen ") + subjectkind + " kenmerk " + c.case())]
    if informal:
        txt = [rng.choice(["Geachte heer, mevrouw,", "Beste mensen,", "Geachte heer/mevrouw,"]),
               "hierbij maak ik bezwaar tegen de " + subjectkind + " die ik op " + c.d(c.later(-rng.randint(10, 40)), "long") +
               " heb ontvangen. ik ben het er totaal niet mee eens!!",
               rng.choice(["Ik stond daar maar 5 minuten om boodschappen uit te laden voor mijn moeder, " + N(c.relative(p, "moeder", age=min(p.age + 28, 99)), "full") +
                           ", die slecht ter been is. Mijn auto met kenteken " + PLATE(p) + " stond gewoon voor de deur.",
                           "de ambtenaar die bij mij langs kwam, " + rng.choice(["meneer ", "mevrouw "]) + N(c.staff(), "lower_sur") +
                           ", heeft helemaal niet goed gekeken naar mijn situatie.",
                           "mijn buurman " + N(c.citizen(gender="m", place=p.place), "full") + " kan bevestigen dat het anders is gegaan."]),
               "Ik wil graag gehoord worden. Bel me maar op " + TEL(p, rng, "m") + "."]
    else:
        st = c.staff()
        txt = [salutation(c, st) if rng.random() < 0.2 else "Geacht college,",
               "Hierbij teken ik, " + N(p, rng.choice(["full", "init", "officialfull"])) + ", geboren op " + DOB(p, rng) +
               ", bezwaar aan tegen uw besluit van " + c.d(c.later(-rng.randint(10, 40)), "long") + " met kenmerk " + c.case() +
               " (" + c.art("art. 6:7 Awb") + ").",
               {"parkeerbon": lambda: "Ik stond met mijn auto (" + PLATE(p) + ") op een plek waar geen bord stond. Uw handhaver, " + T(st, rng) + ", heeft dat niet goed gezien.",
                "naheffingsaanslag parkeerbelasting": lambda: "Ik had wel degelijk betaald via de app; het kenteken " + PLATE(p) + " stond erin. Zie de bijgevoegde schermafdruk.",
                "WOZ-beschikking": lambda: "De WOZ-waarde van mijn woning is veel te hoog vastgesteld. De woning op " + V(p.street + " " + str(_hn(p) + 2), "address") + " is vergelijkbaar en veel lager getaxeerd.",
                "afwijzing bijzondere bijstand": lambda: "In het besluit wordt uitgegaan van een inkomen dat niet klopt. Ik verwijs naar de bijgevoegde loonstroken van mijn werkgever, " + c.org() + ".",
                "omgevingsvergunning buren": lambda: "De vergunning die aan mijn buren op " + V(p.street + " " + str(_hn(p) + 2), "address") + " is verleend, leidt tot ernstige aantasting van mijn woongenot.",
                "beëindiging Wmo-indicatie": lambda: "Uw medewerker, " + T(st, rng) + ", heeft bij het huisbezoek mijn medische situatie niet meegewogen.",
                "afwijzing kwijtschelding": lambda: "Het besluit is onvoldoende gemotiveerd. Mijn vaste lasten zijn hoger dan u heeft aangenomen; " + T(st, rng) + " heeft de huurverhoging niet meegenomen."}[subjectkind](),
               "Ik verzoek u het besluit te herroepen en mij in de gelegenheid te stellen mijn bezwaar mondeling toe te lichten."]
        if partner:
            txt.append("Dit bezwaar dien ik mede in namens mijn " + ("echtgenote " if partner.gender == "f" else "echtgenoot ") +
                       N(partner, "full") + ".")
        if rng.random() < 0.5:
            txt.append("Eventuele terugbetaling kan op rekeningnummer " + IBAN(p, rng) + " t.n.v. " + N(p, "init") + ".")
    for t in txt:
        blocks.append(("p", t))
    blocks.append(("lines", ["Met vriendelijke groet," if not informal else rng.choice(["Groeten,", "Mvg", "Met vriendelijke groet,"]),
                             "", "", N(p, rng.choice(["full", "init", "caps_full"])),
                             "BSN: " + BSN(p, rng) if rng.random() < 0.4 else ""]))
    if rng.random() < 0.5:
        blocks.append(("p", "Bijlagen: kopie besluit, kopie " + rng.choice(["identiteitskaart", "paspoort"]) +
                       " (documentnummer " + IDDOC(p) + ")"))
    return FlowDoc(blocks)


def klacht(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    st = c.staff(role=rng.choice(["medewerker klantcontact", "handhaver", "klantmanager", "medewerker"]))
    web = rng.random() < 0.5
    blocks = []
    if web:
        blocks.append(("title", "Klachtformulier - ingediend via " + K(c.muni.domain, "other", "municipal website")))
        blocks.append(("kv", [("Formulier-ID", K(str(rng.randint(100000, 999999)), "case-number")),
                              ("Verzonden", c.d(style="dd-mm-yyyy") + " " + time_str(rng)),
                              ("Voorletters", V(p.initials, "person") if not getattr(p, "req", False) else K(p.initials, "requester", "person")),
                              ("Achternaam", N(p, "own") if rng.random() < 0.5 else N(p, "sur")),
                              ("Geboortedatum", DOB(p, rng)),
                              ("Straat en huisnummer", ADDR(p)),
                              ("Postcode", PC(p, rng.random() < 0.5)),
                              ("Woonplaats", WP(p, rng.random() < 0.2)),
                              ("Telefoonnummer", TEL(p, rng)),
                              ("E-mailadres", MAIL(p)),
                              ("IP-adres", c.ip() if not getattr(p, "req", False) else K(__import__("core").gen_ip(rng), "requester", "ip-address"))],
                       {"as_table": True}))
        blocks.append(("h", "Omschrijving van uw klacht"))
    else:
        blocks.append(("lines", citizen_addr_block(c, p)))
        blocks.append(("space",))
        blocks.append(("p", "Aan: " + c.gem(cap=True) + ", klachtencoördinator"))
        blocks.append(("p", K(c.muni.place, "place") + ", " + c.d(style="long")))
        blocks.append(("p", "Onderwerp: klacht over behandeling"))
    lower = rng.random() < 0.4
    body = [rng.choice(["Op " + c.d(c.later(-rng.randint(3, 20)), "long") + " had ik een afspraak op het stadskantoor. ",
                        "Ik ben erg ontevreden over de manier waarop ik ben behandeld. ", "Al weken probeer ik iemand te bereiken. "]),
            rng.choice(["De medewerker, " + ("mevrouw " if st.gender == "f" else "meneer ") + N(st, "lower_sur" if lower else "sur") +
                        ", was onbeleefd en heeft mij niet laten uitpraten.",
                        "Ik ben drie keer doorverbonden en uiteindelijk kreeg ik " + N(st, "given") + " aan de lijn, die zei dat ik maar moest mailen naar " + c.orgmail() + ".",
                        "Mijn dossier " + c.case() + " is kennelijk kwijtgeraakt, terwijl ik alles op tijd heb ingeleverd."]),
            rng.choice([" Ook mijn dochter " + N(c.relative(p, "dochter", age=rng.randint(16, 40)), "given") + " was erbij en kan dit bevestigen.",
                        " Ik wil dat hier iets mee gedaan wordt.",
                        " Mijn buurvrouw " + T(c.citizen(gender="f", place=p.place), rng) + " heeft hetzelfde meegemaakt."])]
    t = "".join(body)
    if lower:
        t = t[0].lower() + t[1:]
    blocks.append(("p", t))
    if not web:
        blocks.append(("lines", ["Met vriendelijke groet,", "", N(p, "full"), TEL(p, rng), MAIL(p)]))
    else:
        blocks.append(("kv", [("Wilt u teruggebeld worden?", "Ja, bij voorkeur op " + TEL(p, rng, "m")),
                              ("Toestemming verwerking gegevens", "Ja")], {"as_table": True}))
    return FlowDoc(blocks)


def zienswijze(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    co = [c.citizen(place=p.place) for _ in range(rng.randint(1, 4))]
    project = rng.choice(["het ontwerpbestemmingsplan " + K("Stationsgebied-Noord", "other", "plan name"),
                          "de ontwerpbeschikking voor het bouwen van 12 appartementen",
                          "het ontwerp-omgevingsplan " + K("Kerkbuurt 2024", "other", "plan name"),
                          "de aanvraag voor een zonnepark aan de " + K("Dijkweg", "other", "location of project")])
    blocks = [("lines", [N(p, "init"), ADDR(p), PC(p) + " " + WP(p), MAIL(p) if rng.random() < 0.6 else TEL(p, rng)]),
              ("space",),
              ("lines", ["Aan de gemeenteraad / het college van " + c.gem(), c.postbus_line()]),
              ("space",),
              ("p", "Datum: " + c.d(style=rng.choice(["long", "dd-mm-yyyy"]))),
              ("p", "Onderwerp: zienswijze op " + project),
              ("p", "Geachte leden van de raad, geacht college,"),
              ("p", "Hierbij dienen wij, ondergetekenden, een zienswijze in tegen " + project + ", ter inzage gelegd op " +
               c.d(c.later(-rng.randint(10, 40)), "long") + "."),
              ("p", rng.choice(["Wij wonen direct naast het plangebied en vrezen voor parkeeroverlast, schaduwwerking en verlies van privacy. ",
                                "Het plan past niet in de bestaande bebouwing en is in strijd met de gemeentelijke structuurvisie. "]) +
               "Bij het participatietraject, onder leiding van " + T(c.staff(role="projectleider"), rng) +
               ", is onvoldoende met onze bezwaren gedaan."),
              ("p", "Wij verzoeken u het plan niet vast te stellen. Graag worden wij uitgenodigd voor de hoorzitting van de commissie."),
              ("p", "Ondertekend door:")]
    rows = [["Naam", "Adres", "Handtekening"]]
    for q in [p] + co:
        rows.append([N(q, rng.choice(["full", "init"])), ADDR(q), rng.choice(["(getekend)", "", "w.g."])])
    blocks.append(("table", rows, {"header": True}))
    blocks.append(("p", "Correspondentie graag naar " + N(p, "init") + " (" + MAIL(p) + ")."))
    return FlowDoc(blocks)


# ================================================================================================== notes
def telefoonnotitie(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    s = c.staff()
    s2 = c.staff()
    who = rng.choice(["self", "relative", "neighbour"])
    caller = p if who == "self" else (c.relative(p, rng.choice(["zoon", "dochter"]), age=rng.randint(25, 55)) if who == "relative"
                                      else c.citizen(place=p.place))
    blocks = [("title", "Telefoonnotitie"),
              ("kv", [("Datum", c.d(style=rng.choice(["dd-mm-yyyy", "long-day"]))),
                      ("Tijd", time_str(rng)),
                      ("Aangenomen door", N(s, rng.choice(["init", "full", "given_sur_own"]))),
                      ("Voor", N(s2, rng.choice(["init", "full"])) + ", " + c.dept()),
                      ("Beller", N(caller, "full") + (" (" + ("zoon" if caller.gender == "m" else "dochter") + " van " + T(p, rng) + ")" if who == "relative" else "")),
                      ("Telefoonnummer", TEL(caller, rng)),
                      ("Zaaknummer", c.case())], {"as_table": rng.random() < 0.6})]
    body = []
    if who == "self":
        body.append(Tc(p, rng) + " belt over " + rng.choice(list(TOPICS.values()))[1].replace("uw ", "zijn/haar ") + ".")
    elif who == "relative":
        body.append(N(caller, "given") + " belt namens " + ("zijn" if caller.gender == "m" else "haar") + " " +
                    ("moeder" if p.gender == "f" else "vader") + ", " + N(p, "full") + " (geb. " + DOB(p, rng) + "), die zelf slecht hoort.")
    else:
        body.append("Buurtbewoner " + N(caller, "init") + " belt over de bewoner van " + ADDR(p) + ", " + T(p, rng) +
                    ". Er zou sprake zijn van " + rng.choice(["vervuiling in en rond de woning", "geluidsoverlast 's nachts",
                                                               "een verwaarloosde tuin met ongedierte", "verward gedrag"]) + ".")
    body.append(rng.choice(["Graag terugbellen vóór " + f"{rng.randint(12, 16)}.00 uur" + ", ook mobiel te bereiken op " + TEL(caller, rng, "m") + ".",
                            "Ik heb gezegd dat " + N(s2, "given") + " uiterlijk " + c.d(c.later(rng.randint(2, 7)), "long") + " terugbelt.",
                            "Beller was boos en wil een klacht indienen. Verwezen naar " + c.orgmail("info") + " en " + c.orgphone() + "."]))
    if rng.random() < 0.5:
        body.append("Nieuw e-mailadres genoteerd: " + MAIL(caller) + ".")
    if rng.random() < 0.25:
        body.append("Beller vraagt of " + rng.choice(["het rijbewijs met nummer " + RIJBEWIJS(caller), "het paspoort " + IDDOC(caller),
                                                    "de identiteitskaart met documentnummer " + IDDOC(caller)]) + " nog in het dossier zit; dat is zo.")
    if rng.random() < 0.3:
        body.append("Let op: in het zaaksysteem staat nog het oude adres " + V(caller.street + " " + str(rng.randint(1, 200)), "address") + ".")
    blocks.append(("h", "Aantekening"))
    for b in body:
        blocks.append(("p", b))
    blocks.append(("p", "Actie: " + rng.choice(["terugbellen", "doorzetten naar " + N(c.staff(), "init"), "ter info, geen actie", "dossier opvragen"])))
    return FlowDoc(blocks, wrap=None)


def keukentafel_wmo(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen(age=rng.randint(62, 94))
    s = c.staff(role="Wmo-consulent", dept="Wmo")
    son = c.relative(p, rng.choice(["zoon", "dochter"]), age=max(18, p.age - rng.randint(22, 35)))
    kid = c.relative(son, rng.choice(["zoon", "dochter"]), age=rng.randint(12, 19)) if rng.random() < 0.5 else None
    nb = c.citizen(place=p.place, gender="f")
    hp = c.citizen()
    hdr = rng.choice(["Verslag keukentafelgesprek", "Gespreksverslag Wmo-onderzoek", "Onderzoeksverslag Wmo"])
    blocks = [("title", hdr),
              ("kv", [("Naam cliënt", N(p, rng.choice(["officialfull", "full", "sort"]))),
                      ("Geboortedatum", DOB(p, rng)),
                      ("BSN", BSN(p, rng)),
                      ("Adres", ADDR(p) + ", " + PC(p) + " " + WP(p)),
                      ("Telefoon", TEL(p, rng, "l")),
                      ("Contactpersoon", N(son, "full") + " (" + ("zoon" if son.gender == "m" else "dochter") + "), " + TEL(son, rng, "m")),
                      ("Huisarts", "dr. " + N(hp, "init") + ", " + K("Huisartsenpraktijk " + rng.choice(["De Linde", "Centrum", "Het Anker", "Noord", "De Vaart"]), "organisation")),
                      ("Datum gesprek", c.d(style="dd-mm-yyyy")),
                      ("Consulent", N(s, "full")),
                      ("Zaaknummer", c.case())], {"as_table": True}),
              ("h", "Aanwezig bij het gesprek"),
              ("p", Tc(p, rng) + ", " + ("haar" if p.gender == "f" else "zijn") + " " + ("zoon " if son.gender == "m" else "dochter ") +
               N(son, "given") + (" en kleinkind " + N(kid, "given") + " (" + str(kid.age) + ")" if kid else "") +
               ", en ondergetekende, " + N(s, "init") + "."),
              ("h", "Situatie"),
              ("p", Tc(p, rng) + " (" + str(p.age) + " jaar) woont " + rng.choice(["sinds het overlijden van " + ("haar man" if p.gender == "f" else "zijn vrouw") + " alleen", "alleen", "samen met " + ("haar" if p.gender == "f" else "zijn") + " partner"]) +
               " in een " + rng.choice(["eengezinswoning met trap", "bovenwoning", "flat op de derde verdieping zonder lift", "seniorenwoning"]) +
               ". " + rng.choice(["Na een val in " + MONTHS[rng.randint(0, 11)] + " is de mobiliteit sterk afgenomen.",
                                  "Er is sprake van beginnende dementie; de zoon regelt de financiën.",
                                  "Cliënt heeft COPD en raakt snel buiten adem."])),
              ("p", "Mantelzorg wordt vooral geleverd door " + N(son, "given") + ", die " + rng.choice(["twee keer per week", "dagelijks", "in het weekend"]) +
               " langskomt. De buurvrouw, " + T(nb, rng) + ", doet af en toe boodschappen" + (" en " + N(kid, "given") + " (" + str(kid.age) + ") helpt met de tuin." if kid else ".")),
              ("h", "Afspraken"),
              ("bullets", [rng.choice(["Aanvraag huishoudelijke ondersteuning, 2,5 uur per week via " + c.org() + ".",
                                       "Advies woningaanpassing: traplift, offerte via " + c.org() + "."]),
                           "Mantelzorgwaardering aanvragen voor " + N(son, "full") + ".",
                           "Eigen bijdrage wordt vastgesteld door het " + K("CAK", "organisation") + "; indicatie " + c.amt(0, 21) + " per maand.",
                           "Consulent stuurt het verslag voor " + c.d(c.later(rng.randint(5, 14)), "long") + " toe."]),
              ("p", "Cliënt is akkoord met het verslag. Voor vragen: " + N(s, "init") + ", " + c.direct(s) + " of " + WMAIL(s) + ".")]
    return FlowDoc(blocks, header=c.gem(cap=True) + " | " + c.dept("Wmo", "team ") + " | vertrouwelijk",
                   footer="Zaak " + c.case() + " - " + N(p, "sort"))


def jeugd_verslag(c, fmt, main=None):
    rng = c.rng
    mother = main or c.citizen(gender="f", age=rng.randint(28, 46))
    father = c.citizen(gender="m", age=mother.age + rng.randint(-2, 6), origin=mother.origin)
    kids = [c.relative(mother if rng.random() < 0.5 else father, rng.choice(["zoon", "dochter"]), age=rng.randint(3, 17))
            for _ in range(rng.randint(1, 3))]
    s = c.staff(role="jeugdconsulent", dept="Jeugd en Gezin")
    school = c.citizen()
    blocks = [("title", rng.choice(["Gespreksverslag gezinsgesprek", "Verslag ondersteuningsplan Jeugd", "Plan van aanpak gezin " + N(kids[0], "sur_own")])),
              ("p", "Datum gesprek: " + c.d(style="long") + " - locatie: " + rng.choice(["thuis", "wijkteamkantoor", "school"])),
              ("h", "Gezinssamenstelling"),
              ("table", [["Rol", "Naam", "Geboortedatum"]] +
               [["moeder", N(mother, "full"), DOB(mother, rng, "dd-mm-yyyy")], ["vader", N(father, "full"), DOB(father, rng, "dd-mm-yyyy")]] +
               [["kind", N(k, "given_sur_own"), DOB(k, rng, "dd-mm-yyyy")] for k in kids], {"header": True}),
              ("h", "Aanleiding"),
              ("p", "Melding van " + rng.choice(["school", "de huisarts", "Veilig Thuis", "moeder zelf"]) + " over " + N(kids[0], "given") +
               " (" + str(kids[0].age) + "). " + rng.choice(["Er is veel schoolverzuim.", "Er zijn zorgen over de thuissituatie na de scheiding.",
                                                            "Er is sprake van gedragsproblemen thuis en op school."]) +
               " De intern begeleider, " + T(school, rng) + ", is telefonisch bereikbaar via " + TEL(school, rng) + "."),
              ("h", "Bespreking"),
              ("p", "Moeder (" + N(mother, "given") + ") geeft aan dat vader sinds " + MONTHS[rng.randint(0, 11)] + " op een ander adres woont, " +
               ADDR(father) + " in " + WP(father) + ". Contact tussen ouders verloopt moeizaam. " +
               rng.choice([N(kids[-1], "given") + " slaapt slecht en wil niet naar de opvang.", "Vader wil meer betrokken worden.",
                           "Oma (moederskant) helpt veel met oppassen."])),
              ("h", "Afspraken"),
              ("bullets", ["Aanvraag ambulante gezinsbegeleiding bij " + c.org() + ".",
                           "Jeugdconsulent " + N(s, "init") + " neemt contact op met vader via " + TEL(father, rng, "m") + ".",
                           "Evaluatie over zes weken, rond " + c.d(c.later(42), "long") + "."])]
    return FlowDoc(blocks, header="VERTROUWELIJK - " + c.dept("Jeugd en Gezin", "team "),
                   footer="Opgesteld door " + N(s, "full") + ", " + s.role)


# ================================================================================================== forms
def omgevingsvergunning(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    arch = c.citizen()
    blocks = [("title", "Aanvraag omgevingsvergunning"),
              ("p", "Aanvraagnummer " + K(str(rng.randint(7000000, 9999999)), "case-number") + " - ingediend op " + c.d(style="dd-mm-yyyy")),
              ("h", "1. Gegevens aanvrager"),
              ("kv", [("Naam aanvrager", N(p, rng.choice(["full", "init", "officialfull"]))),
                      ("Geboortedatum", DOB(p, rng)),
                      ("Burgerservicenummer", BSN(p, rng)),
                      ("Adres", ADDR(p)),
                      ("Postcode / woonplaats", PC(p) + " " + WP(p)),
                      ("Telefoonnummer", TEL(p, rng)),
                      ("E-mailadres", MAIL(p))] + ([("Nummer identiteitsbewijs", IDDOC(p))] if rng.random() < 0.5 else []), {"as_table": True}),
              ("h", "2. Gemachtigde"),
              ("kv", [("Naam", N(arch, "full") + " (" + c.org() + ")"),
                      ("Telefoon", TEL(arch, rng, "m")),
                      ("E-mail", MAIL(arch)),
                      ("KvK-nummer", KVK(arch))], {"as_table": True}),
              ("h", "3. Locatie"),
              ("kv", [("Adres bouwlocatie", ADDR(p) + ", " + WP(p)),
                      ("Kadastrale aanduiding", K(f"{c.muni.place[:4].upper()}01 sectie {rng.choice('ABCDEFGH')} nr. {rng.randint(100, 9999)}", "other", "cadastral parcel"))],
               {"as_table": True}),
              ("h", "4. Werkzaamheden"),
              ("p", rng.choice(["Het plaatsen van een dakkapel aan de voorzijde van de woning.", "Het bouwen van een uitbouw van 3 meter diep aan de achterzijde.",
                                "Het kappen van twee eiken in de voortuin.", "Het wijzigen van het gebruik van bedrijfsruimte naar wonen."]) +
               " Geschatte bouwkosten: " + c.amt(5000, 90000) + "."),
              ("h", "5. Ondertekening"),
              ("kv", [("Plaats", K(c.muni.place, "place")), ("Datum", c.d(style="dd-mm-yyyy")),
                      ("Naam", N(p, "caps_full") if rng.random() < 0.3 else N(p, "full"))], {"as_table": False})]
    return FlowDoc(blocks, header="Omgevingsloket - aanvraag " + c.case(),
                   footer="Verwerking persoonsgegevens: zie " + c.orgmail("privacy"))


def evenementenvergunning(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    co = c.citizen()
    sec = c.citizen()
    s = c.staff(role="vergunningverlener", dept="Evenementen")
    ev = rng.choice(["Buurtfeest " + K("Oranjewijk", "other", "event name"), "Straatbarbecue", "Koningsdag vrijmarkt",
                     "Sint Maarten optocht", "Zomerfestival " + K("Park de Weide", "other", "event location"), "Hardloopwedstrijd 10 km"])
    blocks = [("title", "Aanvraag evenementenvergunning"),
              ("kv", [("Naam evenement", ev),
                      ("Datum evenement", c.d(c.later(rng.randint(40, 120)), "long")),
                      ("Organiserende vereniging/stichting", c.org()),
                      ("Naam aanvrager", N(p, "full")),
                      ("Geboortedatum aanvrager", DOB(p, rng)),
                      ("Adres aanvrager", ADDRLINE(p, rng)),
                      ("Mobiel nummer (bereikbaar tijdens evenement)", TEL(p, rng, "m")),
                      ("E-mail", MAIL(p)),
                      ("Nummer identiteitsbewijs", IDDOC(p)),
                      ("Tweede contactpersoon", N(co, "full") + ", " + TEL(co, rng, "m")),
                      ("Verkeersregelaars (coördinator)", N(sec, "init") + ", " + TEL(sec, rng)),
                      ("Verwacht aantal bezoekers", str(rng.choice([80, 150, 300, 750, 1500])))],
               {"as_table": True}),
              ("p", "Er wordt " + rng.choice(["wel", "geen"]) + " alcohol geschonken. Muziek tot " + f"{rng.randint(21, 23)}.00" +
               " uur. Afsluiting van de " + K(p.street, "other", "street name without house number") + " tussen nummer 1 en " + str(rng.randint(20, 80)) + "."),
              ("p", "Ontvangen door " + N(s, "init") + " (" + s.role + ") op " + c.d(style="dd-mm-yyyy") + ". Leges: " + c.amt(60, 600) +
               ". Vragen over deze aanvraag via " + c.orgmail("evenementen") + " of " + c.orgphone() + ".")]
    return FlowDoc(blocks)


def handhaving(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    boa = c.staff(role="handhaver", dept="Toezicht en Handhaving")
    boa2 = c.staff(role="handhaver", dept="Toezicht en Handhaving")
    other = c.citizen()
    kind = rng.choice(["parkeren", "wrak", "afval", "gpk"])
    blocks = [("title", rng.choice(["Rapport van bevindingen", "Constateringsrapport", "Bestuurlijke rapportage"])),
              ("kv", [("Rapportnummer", K(f"RB-{c.year}-{rng.randint(1000, 9999)}", "case-number")),
                      ("Datum/tijd constatering", c.d(style="dd-mm-yyyy") + " " + time_str(rng)),
                      ("Locatie", K(rng.choice(["Stationsplein", "Marktplein", "Kerkplein", "parkeerterrein Zuid"]), "other", "public location") + " te " + c.place()),
                      ("Opsteller", N(boa, "init") + ", BOA, dienstnummer " + K(str(rng.randint(10000, 99999)), "other", "BOA number")),
                      ("Tweede BOA", N(boa2, "init"))], {"as_table": rng.random() < 0.7})]
    if kind == "parkeren" or kind == "gpk":
        blocks += [("h", "Bevindingen"),
                   ("p", "Op bovengenoemd tijdstip zag ik, verbalisant " + N(boa, "sur") + ", een personenauto van het merk " +
                    rng.choice(["Volkswagen", "Opel", "Peugeot", "Toyota", "Kia", "Renault", "Ford"]) + ", kleur " +
                    rng.choice(["grijs", "zwart", "wit", "blauw", "rood"]) + ", voorzien van het kenteken " + PLATE(p) +
                    (", geparkeerd op een gehandicaptenparkeerplaats zonder geldige kaart." if kind == "gpk" else ", geparkeerd in een vergunninghoudersgebied zonder geldige vergunning.")),
                   ("p", "Uit bevraging van het kentekenregister bleek dat het voertuig op naam staat van " + N(p, "init") + ", wonende " +
                    ADDRLINE(p, rng) + ", geboren " + DOB(p, rng) + "."),
                   ("p", "De bestuurder, die zich legitimeerde met rijbewijs nummer " + RIJBEWIJS(p) + ", verklaarde: \"" +
                    rng.choice(["Ik stond hier maar even, ik moest mijn moeder helpen.", "ik wist niet dat hier een vergunning nodig was",
                                "Mijn vriend " + N(other, "full") + " zei dat het mocht."]) + "\""),
                   ("p", "Er is een naheffingsaanslag opgelegd ter hoogte van " + c.amt(60, 120) + ", aanslagnummer " + c.invoice_no() + ".")]
    elif kind == "wrak":
        pl2 = V(gen_plate(rng), "licence-plate")
        blocks += [("h", "Bevindingen"),
                   ("p", "Naar aanleiding van een melding van " + T(other, rng) + " (" + TEL(other, rng) + ") trof ik een aanhangwagen en een bestelbus met kenteken " +
                    PLATE(p) + " aan die al langere tijd op dezelfde plek staan. Op de aanhangwagen zat het kenteken " + pl2 + "."),
                   ("p", "De eigenaar, " + N(p, "full") + ", is telefonisch benaderd op " + TEL(p, rng, "m") + " en heeft toegezegd de voertuigen voor " +
                    c.d(c.later(14), "long") + " te verwijderen.")]
    else:
        blocks += [("h", "Bevindingen"),
                   ("p", "Bij de ondergrondse container is een vuilniszak aangetroffen met daarin post gericht aan " + N(p, "caps_init") + ", " +
                    ADDR(p) + ". Het betreft onder meer een brief van de " + c.gorg(kind="inkomen") + "."),
                   ("p", "Betrokkene is op " + c.d(c.later(1), "long") + " aangesproken aan de voordeur. " + ("Zij" if p.gender == "f" else "Hij") +
                    " gaf als geboortedatum " + DOB(p, rng) + " op. Er is een last onder dwangsom voorbereid (" + c.art("artikel 5:31d Awb") + ").")]
    blocks.append(("p", "Aldus naar waarheid opgemaakt te " + c.place() + " op " + c.d(style="long") + "."))
    blocks.append(("lines", ["", N(boa, "sig") if rng.random() < 0.4 else N(boa, "full"), "Buitengewoon opsporingsambtenaar"]))
    return FlowDoc(blocks, header=c.gem(cap=True) + " - " + c.dept("Toezicht en Handhaving", "team "))


def declaratie(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    zzp = rng.random() < 0.6
    s = c.staff()
    blocks = []
    if zzp:
        firm = rng.choice(["Klusbedrijf ", "Tolk- en vertaalbureau ", "Coaching ", "Schoonmaakdienst ", "Fotografie "]) + N(p, "own")
        blocks += [("lines", [firm, ADDR(p), PC(p) + " " + WP(p), "KvK " + KVK(p), "BTW " + K(f"NL{rng.randint(100000000, 999999999)}B0{rng.randint(1, 9)}", "other", "VAT number"),
                              "IBAN " + IBAN(p, rng), "Tel. " + TEL(p, rng, "m"), MAIL(p)]),
                   ("space",),
                   ("lines", ["Aan: " + c.gem(cap=True), "t.a.v. " + N(s, "init") + ", " + c.dept(), c.postbus_line()]),
                   ("title", "FACTUUR"),
                   ("kv", [("Factuurnummer", c.invoice_no()), ("Factuurdatum", c.d(style="dd-mm-yyyy")),
                           ("Uw referentie", c.case())], {"as_table": False})]
        rows = [["Omschrijving", "Uren", "Tarief", "Bedrag"]]
        for _ in range(rng.randint(2, 4)):
            rows.append([rng.choice(["Werkzaamheden ", "Tolkdiensten ", "Begeleiding ", "Fotoreportage "]) + c.d(c.later(-rng.randint(5, 30)), "dd-mm-yyyy"),
                         str(rng.randint(1, 12)), c.amt(45, 95), c.amt(50, 900)])
        rows.append(["Totaal incl. 21% btw", "", "", c.amt(300, 3000)])
        blocks.append(("table", rows, {"header": True}))
        blocks.append(("p", "Graag betalen binnen 30 dagen op " + IBAN(p, rng) + " t.n.v. " + N(p, "init") + " o.v.v. het factuurnummer."))
    else:
        blocks += [("title", rng.choice(["Declaratieformulier vrijwilligersvergoeding", "Declaratie reiskosten cliëntenraad"])),
                   ("kv", [("Naam", N(p, "full")), ("Adres", ADDRLINE(p, rng)), ("Geboortedatum", DOB(p, rng)),
                           ("IBAN", IBAN(p, rng)), ("Ten name van", N(p, "init")),
                           ("Periode", MONTHS[rng.randint(0, 11)] + " " + str(c.year))], {"as_table": True})]
        rows = [["Datum", "Omschrijving", "Km", "Bedrag"]]
        for _ in range(rng.randint(2, 5)):
            rows.append([c.d(c.later(-rng.randint(5, 60)), "dd-mm-yyyy"), rng.choice(["Vergadering cliëntenraad", "Training", "Bijeenkomst " + c.gorg(kind="zorg")]),
                         str(rng.randint(4, 60)), c.amt(2, 40)])
        blocks.append(("table", rows, {"header": True}))
        blocks.append(("p", "Akkoord budgethouder: " + N(s, "init") + ", " + c.d(style="dd-mm-yyyy")))
    return FlowDoc(blocks)


def hr_brief(c, fmt, main=None):
    rng = c.rng
    e = c.staff()
    hr = c.staff(role="adviseur bedrijfsvoering", dept="HRM")
    kind = rng.choice(["aanstelling", "verlof", "ziekte", "einde"])
    blocks = [("lines", ["Persoonlijk en vertrouwelijk", (("De heer " if e.gender == "m" else "Mevrouw ") + N(e, "init")), ADDR(e), PC(e) + " " + WP(e)]),
              ("space",),
              ("kv", [("Datum", c.d(style="long")), ("Personeelsnummer", K(str(rng.randint(10000, 99999)), "other", "staff number")),
                      ("Onderwerp", {"aanstelling": "aanstelling", "verlof": "ouderschapsverlof", "ziekte": "re-integratie",
                                     "einde": "einde dienstverband"}[kind])], {"as_table": False}),
              ("p", salutation(c, e))]
    if kind == "aanstelling":
        blocks.append(("p", "Met genoegen bevestigen wij uw aanstelling als " + e.role + " bij " + c.dept(e.dept) + " per " +
                       c.d(c.later(rng.randint(20, 60)), "long") + ", in schaal " + str(rng.randint(7, 12)) + ". Uw salaris wordt gestort op " + IBAN(e, rng) + "."))
        blocks.append(("p", "Uw burgerservicenummer (" + BSN(e, rng) + ") en geboortedatum (" + DOB(e, rng) + ") zijn geregistreerd in het personeelssysteem. " +
                       "U ontvangt uw inloggegevens (gebruikersnaam " + ACCT(e) + ") op de eerste werkdag."))
        blocks.append(("p", "Wij hebben een kopie van uw " + rng.choice(["paspoort (" + IDDOC(e) + ")", "identiteitskaart met documentnummer " + IDDOC(e)]) +
                       " ontvangen" + (" en van uw rijbewijs (" + RIJBEWIJS(e) + ") voor de dienstauto" if rng.random() < 0.5 else "") + "."))
    elif kind == "verlof":
        kid = c.relative(e, rng.choice(["zoon", "dochter"]), age=0)
        blocks.append(("p", "Naar aanleiding van de geboorte van uw " + ("zoon " if kid.gender == "m" else "dochter ") + N(kid, "given") + " op " + DOB(kid, rng, "long") +
                       " heeft u ouderschapsverlof aangevraagd. Wij stemmen in met verlof van " + str(rng.randint(8, 26)) + " weken."))
    elif kind == "ziekte":
        doc_ = c.citizen()
        blocks.append(("p", "Op " + c.d(c.later(-rng.randint(20, 90)), "long") + " heeft u zich ziek gemeld. In overleg met de bedrijfsarts, " + T(doc_, rng) +
                       ", is een re-integratieplan opgesteld. Uw leidinggevende, " + N(hr, "init") + ", neemt contact met u op via " + TEL(e, rng, "m") + "."))
    else:
        blocks.append(("p", "Hierbij bevestigen wij dat uw dienstverband op uw eigen verzoek eindigt per " + c.d(c.later(rng.randint(30, 90)), "long") +
                       ". De eindafrekening wordt overgemaakt op " + IBAN(e, rng) + "."))
    blocks.append(("p", "Heeft u vragen? Neem contact op met " + N(hr, "full") + ", " + hr.role + ", via " + c.direct(hr) + " of " + WMAIL(hr) + "."))
    blocks.append(("lines", ["Met vriendelijke groet,", "", "namens het college van burgemeester en wethouders,", "",
                             N(c.staff(role="teamleider"), "init"), "teamleider " + K("HRM", "department")]))
    return FlowDoc(blocks, header=c.gem(cap=True) + " - " + K("HRM", "department") + " - vertrouwelijk")


def whatsapp_memo(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    s = c.staff(role=rng.choice(["wijkcoach", "handhaver", "casemanager"]))
    q = c.citizen(place=p.place)
    blocks = [("title", "Memo"),
              ("kv", [("Aan", N(c.staff(role="teamleider"), "init")), ("Van", N(s, "init") + ", " + s.role),
                      ("Datum", c.d(style="dd-mm-yyyy")), ("Betreft", "WhatsApp-contact met " + N(p, "init") + " (" + c.case() + ")")],
               {"as_table": False}),
              ("p", "Hieronder het WhatsApp-gesprek met " + T(p, rng) + " via mijn werktelefoon (" + c.wmobile(s) + "). " +
               "Ik heb het gesprek gekopieerd omdat er afspraken in staan die in het dossier horen."),
              ]
    msgs = []
    d = c.later(-rng.randint(2, 10))
    ds = d.strftime("%d-%m-%Y")
    pn = N(p, rng.choice(["full", "given"]))
    sn = N(s, "given")
    lines_p = ["goedemorgen, u zou me terugbellen?", "ik heb de papieren gisteren bij de balie ingeleverd",
               "mijn buurman " + N(q, "lower_full") + " heeft weer de hele nacht herrie gemaakt",
               "kan ik morgen om 10 uur langskomen?", "mijn nieuwe nummer is " + TEL(p, rng, "m"),
               "ok dankjewel " + N(s, "lower_given"), "het adres van mijn zus is " + ADDR(c.relative(p, "zus")) + " als u post wil sturen"]
    lines_s = ["Goedemorgen " + T(p, rng) + ", ik bel u vanmiddag.", "Dank u, ik heb ze ontvangen.",
               "Ik heb het doorgegeven aan de wijkagent.", "Morgen om 10 uur is prima, meld u bij de receptie.",
               "Ik heb uw nummer aangepast.", "Graag gedaan!"]
    n = rng.randint(5, 9)
    lp = rng.sample(lines_p, len(lines_p))
    ls = rng.sample(lines_s, len(lines_s))
    mins = sorted(rng.sample(range(8 * 60, 21 * 60), n))
    for i in range(n):
        tm = f"{mins[i] // 60:02d}:{mins[i] % 60:02d}"
        if i % 2 == 0:
            msgs.append("[" + K(ds, "document-date") + " " + tm + "] " + pn + ": " + lp[(i // 2) % len(lp)])
        else:
            msgs.append("[" + K(ds, "document-date") + " " + tm + "] " + sn + ": " + ls[(i // 2) % len(ls)])
    blocks.append(("lines", msgs))
    blocks.append(("space",))
    blocks.append(("p", "Ik stel voor om " + N(q, "sur") + " uit te nodigen voor een gesprek via " + K("Buurtbemiddeling", "organisation") + "."))
    return FlowDoc(blocks)


def uitnodiging(c, fmt, main=None):
    rng = c.rng
    s = c.staff()
    att = [c.staff() for _ in range(rng.randint(2, 5))]
    ext = c.citizen()
    weth, port = c.wethouder()
    d = c.later(rng.randint(5, 20))
    blocks = [("lines", mail_header(c, s, att[:2], c.date, "Uitnodiging: " + rng.choice(["overleg ", "afstemming ", "werksessie "]) +
                                    rng.choice(["Woo-verzoek", "evenementenkalender", "casus " + N(ext, "own"), "herinrichting plein"]),
                                    cc=att[2:], staff_to={id(a) for a in att}) +
               ["Wanneer: " + c.d(d, "long-day") + " " + f"{rng.randint(9, 15)}:00-{rng.randint(16, 17)}:00" + " (GMT+01:00) Amsterdam, Berlijn",
                "Waar: " + rng.choice(["Microsoft Teams-vergadering", "Stadhuis, kamer 2.14", "Wijkcentrum De Brug"])]),
              ("space",),
              ("p", "Beste allen,"),
              ("p", rng.choice(["Graag nodig ik jullie uit voor een overleg over ", "Zoals besproken plan ik een afspraak in over "]) +
               rng.choice(["de aanvraag van " + T(ext, rng) + " (" + c.case() + ")", "het verzoek van " + N(ext, "init"), "de klacht van " + T(ext, rng)]) +
               ". Wethouder " + c.off(weth) + " schuift het laatste half uur aan."),
              ("p", "Agenda: 1. opening 2. stand van zaken (" + N(att[0], "given") + ") 3. juridische toets (" + N(att[-1], "given") + ") 4. vervolg."),
              ("p", "Kan iemand " + N(ext, "sur") + " laten weten dat het besluit later komt? Telefoonnummer staat in het dossier: " + TEL(ext, rng) + "."),
              ("lines", ["Groet,", N(s, "given")]),
              ("space",),
              ("lines", ["Deelnemen aan Microsoft Teams-vergadering", "Vergadering-id: " + K(f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}", "other", "Teams meeting id"),
                         "Inbellen (alleen audio): " + K(f"+31 20 {rng.randint(100, 999)} {rng.randint(1000, 9999)}", "other", "conference dial-in number") + ",,"
                         + str(rng.randint(100000000, 999999999)) + "#"])]
    return FlowDoc(blocks)


def besluit_brief(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    s = c.staff()
    weth, port = c.wethouder()
    kind = rng.choice(["toekenning", "afwijzing", "buiten behandeling", "hoorzitting"])
    subj = rng.choice(["uw aanvraag bijzondere bijstand", "uw aanvraag parkeervergunning", "uw aanvraag maatwerkvoorziening",
                       "uw aanvraag kwijtschelding gemeentelijke belastingen", "uw verzoek om handhaving"])
    blocks = [("lines", citizen_addr_block(c, p, caps=rng.random() < 0.2)), ("space",),
              ("kv", kenmerk_block(c, s, subj), {"as_table": False}),
              ("p", salutation(c, p))]
    if kind == "toekenning":
        blocks.append(("p", "Op " + c.d(c.later(-rng.randint(14, 50)), "long") + " hebben wij " + subj + " ontvangen. Wij hebben besloten deze toe te kennen. " +
                       "Het bedrag van " + c.amt(80, 2500) + " maken wij binnen tien werkdagen over op rekeningnummer " + IBAN(p, rng) + "."))
    elif kind == "afwijzing":
        blocks.append(("p", "Wij hebben " + subj + " beoordeeld en moeten deze helaas afwijzen. Uit de gegevens van de " + c.gorg(kind="inkomen") +
                       " blijkt dat uw inkomen boven de norm ligt. Dit besluit is genomen op grond van " + c.art() + "."))
    elif kind == "buiten behandeling":
        blocks.append(("p", "In onze brief van " + c.d(c.later(-rng.randint(20, 40)), "long") + " hebben wij u gevraagd om aanvullende gegevens, onder meer een kopie van uw identiteitsbewijs. " +
                       "Wij hebben deze niet vóór " + c.d(c.later(-rng.randint(3, 10)), "long") + " ontvangen. Wij laten uw aanvraag daarom buiten behandeling (" + c.art("art. 4:5 Awb") + ")."))
    else:
        blocks.append(("p", "U heeft bezwaar gemaakt tegen ons besluit van " + c.d(c.later(-rng.randint(40, 80)), "long") + ". De hoorzitting vindt plaats op " +
                       c.d(c.later(rng.randint(14, 30)), "long-day") + " om " + f"{rng.randint(9, 16)}.{rng.choice(['00', '30'])}" + " uur in het stadhuis. Wethouder " +
                       c.off(weth) + " is hierbij niet aanwezig; de commissie wordt voorgezeten door " + N(c.staff(role="secretaris bezwaarschriftencommissie"), "init") + "."))
    blocks.append(("p", rng.choice(["Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken bezwaar maken (" + c.art("artikel 6:7 Awb") + ").",
                                    "Heeft u vragen over deze brief? Bel dan met " + N(s, "init") + " via " + c.direct(s) + ", of met het algemene nummer " + c.orgphone() + ".",
                                    "Voor vragen kunt u mailen naar " + c.orgmail() + ". Vermeld daarbij altijd het kenmerk " + c.case() + "."])))
    blocks.append(("lines", staff_closing(c, s, (weth, port))))
    return FlowDoc(blocks, letterhead=c.letterhead() if rng.random() < 0.7 else None,
                   footer=c.gem(cap=True) + " | " + c.postbus() + " | " + c.orgphone() + " | " + c.orgmail("info"))


def gpk_aanvraag(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen(age=rng.randint(40, 90))
    drv = c.relative(p, rng.choice(["zoon", "dochter"]), age=max(18, p.age - 30)) if rng.random() < 0.5 else None
    blocks = [("title", "Aanvraag gehandicaptenparkeerkaart (GPK)"),
              ("h", "Gegevens aanvrager"),
              ("kv", [("Achternaam", N(p, "own")), ("Voornamen", N(p, "official_given")),
                      ("Geboortedatum", DOB(p, rng)), ("BSN", BSN(p, rng)),
                      ("Adres", ADDR(p)), ("Postcode en woonplaats", PC(p) + " " + WP(p)),
                      ("Telefoonnummer", TEL(p, rng)), ("Nummer rijbewijs", RIJBEWIJS(p)),
                      ("Nummer identiteitsbewijs", IDDOC(p))], {"as_table": True}),
              ("h", "Soort kaart"),
              ("p", rng.choice(["Bestuurderskaart", "Passagierskaart"]) + (" en gehandicaptenparkeerplaats op kenteken " + PLATE(p) if rng.random() < 0.6 else ""))]
    if drv:
        blocks.append(("h", "Vaste bestuurder (bij passagierskaart)"))
        blocks.append(("kv", [("Naam", N(drv, "full")), ("Relatie", "zoon" if drv.gender == "m" else "dochter"),
                              ("Kenteken", PLATE(drv)), ("Telefoon", TEL(drv, rng, "m"))], {"as_table": True}))
    blocks.append(("h", "Medische keuring"))
    doc_ = c.citizen()
    blocks.append(("p", "De keuring wordt uitgevoerd door " + c.gorg(kind="zorg") + ". Behandelend arts: " + N(doc_, "init") + ". " +
                   "De kosten van de keuring (" + c.amt(80, 180) + ") worden in rekening gebracht."))
    blocks.append(("kv", [("Datum", c.d(style="dd-mm-yyyy")), ("Handtekening", "(handtekening aanvrager)")], {"as_table": False}))
    return FlowDoc(blocks, footer="Retour naar " + c.postbus_line() + " of mail naar " + c.orgmail("burgerzaken"))


def subsidie_zzp(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen(age=rng.randint(25, 60))
    s = c.staff(role="beleidsmedewerker")
    firm = N(p, "own") + " " + rng.choice(["Design", "Advies", "Bouw", "Catering", "Kappers", "Fietsen"])
    blocks = [("title", rng.choice(["Aanvraag subsidie duurzaam ondernemen", "Aanvraag tegemoetkoming ondernemers", "Aanvraag startersbijdrage"])),
              ("kv", [("Handelsnaam", firm), ("Rechtsvorm", "eenmanszaak"), ("KvK-nummer", KVK(p)),
                      ("Naam eigenaar", N(p, "full")), ("Geboortedatum", DOB(p, rng)),
                      ("Vestigingsadres (= woonadres)", ADDRLINE(p, rng)), ("Telefoon", TEL(p, rng)),
                      ("E-mail", MAIL(p)), ("IBAN", IBAN(p, rng)), ("Aangevraagd bedrag", c.amt(500, 7500))], {"as_table": True}),
              ("h", "Toelichting"),
              ("p", rng.choice(["Ik wil zonnepanelen leggen op het dak van mijn werkplaats.", "Door de verbouwing van de straat is mijn omzet met 40% gedaald.",
                                "Ik start per " + c.d(c.later(30), "long") + " een eigen bedrijf vanuit huis."]) +
               " Mijn boekhouder, " + N(c.citizen(), "full") + " van " + c.org() + ", kan de cijfers bevestigen."),
              ("h", "Interne beoordeling"),
              ("p", "Ontvangen " + c.d(style="dd-mm-yyyy") + ", behandelaar " + N(s, "init") + ". Toets aan " + c.art("artikel 4:81 Awb") +
               " en de subsidieregeling. Advies: " + rng.choice(["toekennen", "afwijzen", "aanvullende stukken opvragen"]) + ".")]
    return FlowDoc(blocks)


def memo_overlast(c, fmt, main=None):
    rng = c.rng
    a = main or c.citizen()
    b = c.citizen(place=a.place)
    b.street = a.street
    b.number = str(int("".join(ch for ch in a.number.split("-")[0].split(" ")[0] if ch.isdigit()) or "1") + rng.choice([1, 2, 3])) + rng.choice(["", "", "-1", "-2", "a"])
    b.postcode = a.postcode
    b2 = c.relative(b, rng.choice(["zoon", "partner"]), age=rng.randint(17, 40))
    s = c.staff(role=rng.choice(["beleidsmedewerker", "wijkcoach", "juridisch adviseur"]))
    weth, port = c.wethouder()
    burg = c.muni.burgemeester
    blocks = [("title", "Interne memo"),
              ("kv", [("Aan", "burgemeester " + c.off(burg, "init")), ("Cc", N(c.staff(role="teamleider"), "init") + ", " + c.dept("Veiligheid")),
                      ("Van", N(s, "init") + ", " + s.role), ("Datum", c.d(style="long")),
                      ("Onderwerp", "Woonoverlast " + K(b.street, "other", "street name without house number") + " - advies inzet bestuurlijke maatregelen")], {"as_table": False}),
              ("h", "Aanleiding"),
              ("p", "Sinds " + MONTHS[rng.randint(0, 11)] + " zijn er " + str(rng.randint(6, 30)) + " meldingen binnengekomen over de bewoners van " + ADDR(b) +
               ", " + T(b, rng) + " en " + ("haar" if b.gender == "f" else "zijn") + " " + ("zoon " if b2.gender == "m" else "partner ") + N(b2, "full") +
               ". De meeste meldingen komen van " + T(a, rng) + " (" + ADDR(a) + "), de direct " + rng.choice(["onderburen", "bovenburen", "buren"]) + "."),
              ("p", "Volgens de wijkagent is " + N(b2, "given") + " bekend bij de politie. " + rng.choice(["Er is een melding van bedreiging.", "Er zijn drugsgerelateerde meldingen.", "Er is schade aan de gemeenschappelijke trap."])),
              ("h", "Advies"),
              ("p", "Ik adviseer de burgemeester om op grond van " + c.art("artikel 151d Gemeentewet") + " een gedragsaanwijzing te overwegen. " +
               "Wethouder " + c.off(weth) + " (" + K(port, "other", "portfolio") + ") is geïnformeerd. " + K("Buurtbemiddeling", "organisation") + " is bereid een gesprek te faciliteren."),
              ("p", "Contactgegevens melder: " + TEL(a, rng) + ", " + MAIL(a) + ". Melder wil anoniem blijven richting " + N(b, "sur") + ".")]
    return FlowDoc(blocks, header="Vertrouwelijk - niet openbaar", footer=c.dept("Veiligheid") + " - " + c.gem(cap=True))


def adresonderzoek(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    others = [c.citizen(place=p.place, allow_partner=False) for _ in range(rng.randint(1, 3))]
    s = c.staff(role="toezichthouder", dept="Burgerzaken")
    blocks = [("title", "Rapport adresonderzoek BRP"),
              ("kv", [("Onderzoeksnummer", c.case()), ("Adres", ADDRLINE(p, rng)),
                      ("Aanleiding", rng.choice(["signaal woningcorporatie", "terugmelding Belastingdienst", "retourpost", "melding buren"])),
                      ("Huisbezoek", c.d(style="long-day") + ", " + time_str(rng) + " uur"),
                      ("Onderzoeker", N(s, "init"))], {"as_table": True}),
              ("h", "Ingeschreven personen"),
              ("table", [["Naam", "Geboortedatum", "BSN", "Sinds"]] +
               [[N(q, "sort"), DOB(q, rng, "dd-mm-yyyy"), BSN(q, rng, "plain"), c.d(c.later(-rng.randint(100, 2000)), "dd-mm-yyyy")] for q in [p] + others],
               {"header": True}),
              ("h", "Bevindingen"),
              ("p", "De deur werd geopend door " + T(p, rng) + ", die zich legitimeerde met " + rng.choice(["paspoort", "identiteitskaart", "rijbewijs"]) +
               " nummer " + IDDOC(p) + ". " + rng.choice(["In de woning waren twee slaapkamers in gebruik.", "Er stonden vier matrassen in de woonkamer.",
                                                         "De woning maakte een bewoonde indruk."])),
              ("p", N(others[0], "full") + " verklaarde " + rng.choice(["sinds enkele maanden bij zijn vriendin in ", "tijdelijk bij familie in ", "inmiddels in "]) +
               K(rng.choice(["Utrecht", "Rotterdam", "Almere", "Groningen", "Antwerpen"]), "place") + " te wonen. Nieuw adres nog niet bekend; bereikbaar via " + TEL(others[0], rng, "m") + "."),
              ("h", "Conclusie"),
              ("p", "Voorstel: " + N(others[0], "init") + " uitschrijven naar Land Onbekend (RNI), tenzij binnen twee weken een nieuw adres wordt opgegeven. " +
               "Vastgesteld te " + c.place() + " door " + N(s, "full") + ".")]
    return FlowDoc(blocks, header=c.gem(cap=True) + " - " + c.dept("Burgerzaken", "afdeling "))


def schuldhulp_intake(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen(age=rng.randint(22, 65))
    partner = c.citizen(gender="m" if p.gender == "f" else "f", place=p.place, age=p.age + rng.randint(-5, 5)) if rng.random() < 0.5 else None
    s = c.staff(role="schuldhulpverlener", dept="Schuldhulpverlening")
    blocks = [("title", "Intakeverslag schuldhulpverlening"),
              ("kv", [("Aanvrager", N(p, "full")), ("Geboren", DOB(p, rng)), ("BSN", BSN(p, rng)),
                      ("Partner", (N(partner, "full") + ", geb. " + DOB(partner, rng)) if partner else "n.v.t."),
                      ("Adres", ADDRLINE(p, rng)), ("Telefoon", TEL(p, rng)), ("E-mail", MAIL(p)),
                      ("Bankrekening", IBAN(p, rng)), ("Intakedatum", c.d(style="dd-mm-yyyy")), ("Schuldhulpverlener", N(s, "full"))],
               {"as_table": True}),
              ("h", "Schuldenoverzicht"),
              ("table", [["Schuldeiser", "Dossiernummer", "Bedrag"]] +
               [[c.gorg(kind="schuld") if rng.random() < 0.5 else c.org(), c.invoice_no(), c.amt(80, 6000)] for _ in range(rng.randint(3, 6))],
               {"header": True}),
              ("h", "Situatie"),
              ("p", rng.choice(["Aanvrager is na ontslag in de schulden geraakt.", "Na de scheiding zijn de vaste lasten niet meer te betalen.",
                                "Er is een huurachterstand van drie maanden."]) + " " +
               ("Partner " + N(partner, "given") + " werkt parttime bij " + c.org() + "." if partner else "Aanvrager woont alleen met " + str(rng.randint(1, 3)) + " kinderen.")),
              ("p", "Vervolgafspraak: " + c.d(c.later(14), "long-day") + ". Meenemen: bankafschriften, loonstroken, legitimatie.")]
    return FlowDoc(blocks, footer="Vertrouwelijk - " + c.dept("Schuldhulpverlening", "team ") + " - " + N(s, "init") + " " + c.direct(s))


def ontvangstbevestiging(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    s = c.staff()
    what = rng.choice(["uw Woo-verzoek", "uw bezwaarschrift", "uw klacht", "uw aanvraag", "uw verzoek om inzage in uw persoonsgegevens"])
    blocks = [("lines", citizen_addr_block(c, p)), ("space",),
              ("kv", kenmerk_block(c, s, "Ontvangstbevestiging " + what.replace("uw ", "")), {"as_table": False}),
              ("p", salutation(c, p)),
              ("p", "Op " + c.d(c.later(-rng.randint(1, 10)), "long") + " hebben wij " + what + " ontvangen. " +
               rng.choice(["Wij nemen uiterlijk " + c.d(c.later(rng.randint(20, 42)), "long") + " een besluit.",
                           "De wettelijke termijn is vier weken; deze kan met twee weken worden verlengd (" + c.art("artikel 4.4 Woo") + ").",
                           "Uw verzoek wordt behandeld door " + N(s, "full") + ", " + s.role + " bij " + c.dept() + "."])),
              ("p", "Wij hebben de volgende gegevens van u genoteerd: " + ADDR(p) + ", " + PC(p) + " " + WP(p) + ", telefoon " + TEL(p, rng) + ". Klopt dit niet? Laat het ons weten via " + c.orgmail() + "."),
              ("lines", staff_closing(c, s))]
    return FlowDoc(blocks, letterhead=c.letterhead())


def woo_besluit(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen()
    s = c.staff(role="juridisch adviseur", dept="Juridische Zaken")
    weth, port = c.wethouder()
    third = [c.citizen() for _ in range(3)]
    blocks = [("lines", citizen_addr_block(c, p)), ("space",),
              ("kv", kenmerk_block(c, s, "Besluit op uw Woo-verzoek"), {"as_table": False}),
              ("p", salutation(c, p)),
              ("p", "Op " + c.d(c.later(-rng.randint(30, 60)), "long") + " heeft u een verzoek ingediend op grond van de Wet open overheid over " +
               rng.choice(["de subsidie aan " + c.org(), "de vergunning voor " + c.org(), "het besluit van wethouder " + c.off(weth) + " over de nieuwe sporthal"]) + "."),
              ("p", "Wij hebben " + str(rng.randint(12, 80)) + " documenten gevonden. Persoonsgegevens van derden hebben wij weggelakt op grond van " +
               c.art("artikel 5.1, tweede lid, onder e, Woo") + ", burgerservicenummers op grond van " + c.art("art. 5.1 lid 1 sub e Woo") + "."),
              ("p", "In de inventarislijst staan onder meer: e-mail van " + N(third[0], "init") + " aan " + N(s, "init") + " (" + c.d(c.later(-rng.randint(60, 200)), "dd-mm-yyyy") +
               "), brief van " + N(third[1], "full") + " en notitie telefoongesprek met " + T(third[2], rng) + "."),
              ("p", "De namen van burgemeester " + c.off(c.muni.burgemeester, "init") + " en wethouder " + c.off(weth, "init") + " zijn niet weggelakt, omdat zij in hun publieke functie handelden."),
              ("lines", staff_closing(c, s, (weth, port)))]
    return FlowDoc(blocks, letterhead=c.letterhead())


FLOW = {
    "email-thread": (email_thread, ["txt", "docx", "pdf-lo", "pdf-rl"], 3),
    "notulen": (notulen, ["docx", "pdf-lo", "txt"], 2),
    "bezwaarschrift": (bezwaarschrift, ["txt", "docx", "pdf-rl", "pdf-lo"], 2),
    "klacht": (klacht, ["txt", "pdf-rl", "docx"], 1),
    "zienswijze": (zienswijze, ["txt", "docx", "pdf-lo"], 1),
    "telefoonnotitie": (telefoonnotitie, ["txt", "docx", "pdf-lo"], 2),
    "keukentafel-wmo": (keukentafel_wmo, ["docx", "pdf-lo", "pdf-rl"], 2),
    "jeugd-verslag": (jeugd_verslag, ["docx", "pdf-lo", "txt"], 1),
    "omgevingsvergunning": (omgevingsvergunning, ["pdf-rl", "docx"], 1),
    "evenementenvergunning": (evenementenvergunning, ["pdf-rl", "docx", "txt"], 1),
    "handhaving-rapport": (handhaving, ["pdf-rl", "docx", "txt", "pdf-lo"], 1),
    "factuur-declaratie": (declaratie, ["pdf-rl", "docx"], 1),
    "hr-brief": (hr_brief, ["docx", "pdf-lo"], 1),
    "whatsapp-memo": (whatsapp_memo, ["txt", "docx", "pdf-lo"], 1),
    "uitnodiging": (uitnodiging, ["txt", "docx"], 1),
    "besluit-brief": (besluit_brief, ["docx", "pdf-lo", "pdf-rl"], 2),
    "gpk-aanvraag": (gpk_aanvraag, ["pdf-rl", "docx"], 1),
    "subsidie-zzp": (subsidie_zzp, ["pdf-rl", "docx", "pdf-lo"], 1),
    "memo-overlast": (memo_overlast, ["docx", "pdf-lo", "txt"], 1),
    "adresonderzoek": (adresonderzoek, ["docx", "pdf-rl", "pdf-lo"], 1),
    "schuldhulp-intake": (schuldhulp_intake, ["docx", "pdf-rl"], 1),
    "ontvangstbevestiging": (ontvangstbevestiging, ["pdf-rl", "docx", "pdf-lo"], 1),
    "woo-besluit": (woo_besluit, ["pdf-lo", "docx", "pdf-rl"], 1),
}
