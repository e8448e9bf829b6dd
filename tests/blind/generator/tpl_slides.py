"""Presentation templates (pptx): slides + speaker notes."""
from core import V, K, gen_plate, MONTHS
from ctx import N, T, ADDR, PC, WP, DOB, BSN, TEL, MAIL, IBAN, PLATE, ACCT, WMAIL
from render import SlidesDoc


def project_presentatie(c, fmt, main=None):
    rng = c.rng
    pl = c.staff(role="projectleider")
    s2 = c.staff(role=rng.choice(["communicatieadviseur", "beleidsmedewerker"]))
    weth, port = c.wethouder()
    bc = [c.citizen(place=c.muni.place) for _ in range(rng.randint(2, 4))]
    proj = rng.choice(["Herinrichting Stationsplein", "Nieuwbouw sporthal Zuid", "Energietransitie wijk Oost", "Vernieuwing Marktplein",
                       "Klimaatadaptatie binnenstad"])
    slides = [
        {"layout": "title", "title": K(proj, "other", "project name"),
         "subtitle": [rng.choice(["Bewonersbijeenkomst", "Stuurgroep", "Commissie Ruimte"]) + " " + c.d(style="long"),
                      N(pl, "full") + ", " + pl.role]},
        {"title": "Waar staan we?", "bullets": ["Ontwerp vastgesteld door het college op " + c.d(c.later(-rng.randint(20, 90)), "long"),
                                                "Budget: " + c.amt(200000, 4000000),
                                                "Aanbesteding loopt; gunning aan " + c.org() + " verwacht",
                                                "Start uitvoering: " + MONTHS[rng.randint(0, 11)] + " " + str(c.year + 1)],
         "notes": "Wethouder " + c.off(weth) + " opent, daarna neemt " + N(pl, "given") + " het over. " +
                  "Let op: " + T(bc[0], rng) + " van de bewonerscommissie heeft vooraf kritische vragen gemaild."},
        {"title": "Wat hebben we opgehaald?", "bullets": ["Zorgen over parkeren (" + str(rng.randint(10, 60)) + " reacties)",
                                                           "Meer groen gewenst", "Verkeersveiligheid schoolroute",
                                                           "  genoemd door o.a. " + N(bc[1], "init")],
         "notes": "Niet ingaan op de individuele klacht van " + N(bc[-1], "full") + " (" + ADDR(bc[-1]) + "); dat loopt via " + N(s2, "init") + "."},
        {"title": "Klankbordgroep", "table": [["Naam", "Rol"], [c.off(weth, "init"), "wethouder " + K(port, "other", "portfolio")],
                                               [N(pl, "init"), "projectleider " + c.gem()]] +
                                              [[N(b, rng.choice(["full", "init"])), "bewoner"] for b in bc]},
        {"title": "Contact", "bullets": ["Projectleider: " + N(pl, "full"), "Telefoon: " + c.direct(pl) + " / " + c.wmobile(pl),
                                          "E-mail: " + WMAIL(pl), "Algemeen: " + c.orgphone() + " of " + c.orgmail("info")],
         "notes": "Vragen na afloop ook naar " + N(s2, "full") + " (" + WMAIL(s2) + ")."},
    ]
    return SlidesDoc(slides)


def casusoverleg(c, fmt, main=None):
    rng = c.rng
    p = main or c.citizen(age=rng.randint(25, 60))
    partner = c.citizen(gender="m" if p.gender == "f" else "f", place=p.place, age=p.age + rng.randint(-4, 4))
    kids = [c.relative(p, rng.choice(["zoon", "dochter"]), age=rng.randint(2, 17)) for _ in range(rng.randint(1, 3))]
    staff = [c.staff(role=r) for r in rng.sample(["wijkcoach", "jeugdconsulent", "schuldhulpverlener", "klantmanager", "Wmo-consulent"], 3)]
    slides = [
        {"layout": "title", "title": "Casusoverleg multiprobleemgezin", "subtitle": [c.d(style="long"), "Vertrouwelijk - " + c.case()]},
        {"title": "Gezin", "table": [["Naam", "Geboortedatum", "BSN"],
                                     [N(p, "full"), DOB(p, rng, "dd-mm-yyyy"), BSN(p, rng)],
                                     [N(partner, "full"), DOB(partner, rng, "dd-mm-yyyy"), BSN(partner, rng)]] +
                                    [[N(k, "full"), DOB(k, rng, "dd-mm-yyyy"), BSN(k, rng)] for k in kids],
         "notes": "Gezin woont op " + ADDR(p) + ". " + ("Moeder" if p.gender == "f" else "Vader") + " is het best bereikbaar op " + TEL(p, rng, "m") + "."},
        {"title": "Problematiek", "bullets": ["Schulden (ca. " + c.amt(5000, 40000) + ")", "Huurachterstand bij de woningcorporatie",
                                             "Schoolverzuim " + N(kids[0], "given"), "Spanningen tussen ouders"],
         "notes": N(partner, "given") + " heeft volgens school een nieuwe relatie in " + K(rng.choice(["Utrecht", "Zwolle", "Breda"]), "place") + "."},
        {"title": "Betrokken hulpverleners", "bullets": [N(s, "init") + " - " + s.role + " (" + c.direct(s) + ")" for s in staff] +
                                                      ["Huisarts: " + N(c.citizen(), "init")]},
        {"title": "Afspraken", "bullets": ["Regie bij " + N(staff[0], "full"), "Aanmelding schuldhulp vóór " + c.d(c.later(14), "long"),
                                           "Evaluatie " + c.d(c.later(42), "long")]},
    ]
    return SlidesDoc(slides)


def bewonersavond(c, fmt, main=None):
    rng = c.rng
    s = c.staff(role="communicatieadviseur")
    burg = c.muni.burgemeester
    q = [c.citizen(place=c.muni.place) for _ in range(rng.randint(3, 6))]
    slides = [
        {"layout": "title", "title": "Informatieavond " + rng.choice(["windpark", "opvanglocatie", "nieuwe woonwijk", "afvalinzameling"]),
         "subtitle": ["Welkom! " + c.d(style="long-day"), "Burgemeester " + c.off(burg, "init")]},
        {"title": "Programma", "bullets": ["19.30 Welkom door burgemeester " + c.off(burg), "19.45 Toelichting plannen", "20.30 Vragen uit de zaal",
                                           "21.15 Afsluiting"]},
        {"title": "Vragen vooraf ingestuurd", "bullets": ["\"Wat betekent dit voor de waarde van mijn huis?\" - " + N(q[0], rng.choice(["init", "full"])),
                                                          "\"Komt er extra verlichting?\" - " + N(q[1], "full"),
                                                          "\"Waarom zijn wij niet eerder geïnformeerd?\" - " + T(q[2], rng)],
         "notes": "Vragensteller " + N(q[0], "full") + " woont op " + ADDR(q[0]) + " en heeft al een bezwaar ingediend. Telefoon " + TEL(q[0], rng) + "."},
        {"title": "Meer informatie", "bullets": ["www." + K(c.muni.domain, "other", "municipal website"), c.orgmail("info"), c.orgphone(),
                                                 "Contactpersoon: " + N(s, "full")],
         "notes": "Aanmeldingen: " + ", ".join(N(x, rng.choice(["full", "init", "lower_full"])) + " (" + MAIL(x) + ")" for x in q[3:] + q[:1])},
    ]
    return SlidesDoc(slides)


def evenement_evaluatie(c, fmt, main=None):
    rng = c.rng
    org_p = c.citizen()
    s = c.staff(role="vergunningverlener", dept="Evenementen")
    boa = c.staff(role="handhaver")
    plates = [V(gen_plate(rng), "licence-plate") for _ in range(rng.randint(2, 4))]
    slides = [
        {"layout": "title", "title": "Evaluatie " + rng.choice(["Koningsdag", "Zomerfestival", "Kermis", "Marathon"]) + " " + str(c.year),
         "subtitle": ["Evenementenoverleg " + c.d(style="long"), c.dept("Evenementen", "team ")]},
        {"title": "Organisatie", "bullets": ["Organisator: " + c.org(), "Contactpersoon: " + N(org_p, "full") + ", " + TEL(org_p, rng, "m"),
                                             "Vergunningverlener: " + N(s, "init")]},
        {"title": "Incidenten", "bullets": ["Fout geparkeerde voertuigen weggesleept: " + ", ".join(plates),
                                            "Geluidsklacht van bewoner " + ADDR(c.citizen(place=c.muni.place)),
                                            str(rng.randint(1, 6)) + " EHBO-meldingen"],
         "notes": "BOA " + N(boa, "sur") + " meldt dat de verkeersregelaars niet op tijd waren. Navragen bij " + N(org_p, "given") + "."},
        {"title": "Leerpunten", "bullets": ["Eerder afsluiten", "Betere bebording", "Afspraken met " + c.gorg()]},
    ]
    return SlidesDoc(slides)


def handhavingsoverleg(c, fmt, main=None):
    rng = c.rng
    cases = [c.citizen(place=c.muni.place) for _ in range(rng.randint(3, 6))]
    staff = [c.staff(role=rng.choice(["toezichthouder", "handhaver", "juridisch adviseur"])) for _ in range(3)]
    weth, port = c.wethouder()
    tb = [["Adres", "Betrokkene", "Kwestie", "Behandelaar"]]
    for p in cases:
        tb.append([ADDR(p), N(p, rng.choice(["init", "sort"])), rng.choice(["illegale bewoning", "bouwen zonder vergunning", "autowrak " + PLATE(p),
                                                                          "vervuiling tuin", "vakantieverhuur"]), N(rng.choice(staff), "given")])
    slides = [
        {"layout": "title", "title": "Handhavingsoverleg", "subtitle": [c.d(style="long"), "Portefeuillehouder: wethouder " + c.off(weth)]},
        {"title": "Lopende zaken", "table": tb,
         "notes": "Zaak " + N(cases[0], "sur") + ": dwangsom " + c.amt(500, 5000) + " verbeurd. " + N(staff[0], "given") + " belt " + TEL(cases[0], rng) + "."},
        {"title": "Prioriteiten", "bullets": ["Vakantieverhuur binnenstad", "Ondermijning bedrijventerrein", "Bouwen zonder vergunning"],
         "notes": "Wethouder " + c.off(weth) + " wil een raadsinformatiebrief over de aanpak."},
    ]
    return SlidesDoc(slides)


SLIDES = {
    "project-presentatie": (project_presentatie, ["pptx"], 2),
    "casusoverleg": (casusoverleg, ["pptx"], 2),
    "bewonersavond": (bewonersavond, ["pptx"], 1),
    "evenement-evaluatie": (evenement_evaluatie, ["pptx"], 1),
    "handhavingsoverleg": (handhavingsoverleg, ["pptx"], 1),
}
