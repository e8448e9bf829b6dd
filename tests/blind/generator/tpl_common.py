"""Building blocks shared by templates: mail headers, signatures, address blocks."""
import datetime as dt

from core import V, K, fmt_date, MONTHS, DAYS, MONTHS_ABBR
from ctx import N, T, ADDR, PC, WP, ADDRLINE, DOB, BSN, TEL, MAIL, IBAN, WMAIL, PV

DISCLAIMERS = [
    "Dit bericht is uitsluitend bestemd voor de geadresseerde. Heeft u dit bericht per abuis ontvangen, verwijder het dan en informeer de afzender.",
    "Aan dit bericht kunnen geen rechten worden ontleend.",
    "Denk aan het milieu voordat u deze e-mail print.",
    "De gemeente is bereikbaar via {orgphone} of {orgmail}. Kijk ook op onze website.",
]


def Tc(p, rng, form="sur"):
    """Title + name at the start of a sentence (title capitalised)."""
    t = T(p, rng, form)
    return t[0].upper() + t[1:]


def time_str(rng):
    return f"{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}"


def mail_date(c, d, style=None):
    rng = c.rng
    st = style or rng.choice(["long-day", "long-day", "dd-mm-yyyy", "long", "d-m-yyyy"])
    return c.d(d, st) + " " + time_str(rng)


def mail_addr(c, p, staff=False, style=None):
    rng = c.rng
    st = style or rng.choice(["name_mail", "name_mail", "sort_mail", "mail", "name", "quoted"])
    mail = WMAIL(p) if staff else MAIL(p)
    if st == "name_mail":
        return N(p, "full") + " <" + mail + ">"
    if st == "sort_mail":
        return N(p, "sortfull") + " <" + mail + ">"
    if st == "mail":
        return mail
    if st == "quoted":
        return "'" + N(p, "full") + "' <" + mail + ">"
    return N(p, "full") if staff else (N(p, "full") + " <" + mail + ">")


def mail_header(c, frm, to, date, subject, cc=(), staff_from=True, staff_to=(), english=False, bcc=None):
    """frm: person; to: list of persons; staff_to: set of ids that are staff"""
    rng = c.rng
    lab = ("From", "Sent", "To", "Cc", "Subject") if english else ("Van", "Verzonden", "Aan", "CC", "Onderwerp")
    lines = [f"{lab[0]}: " + mail_addr(c, frm, staff_from)]
    lines.append(f"{lab[1]}: " + mail_date(c, date))
    lines.append(f"{lab[2]}: " + "; ".join(x if isinstance(x, str) else mail_addr(c, x, id(x) in staff_to) for x in to))
    if cc:
        lines.append(f"{lab[3]}: " + "; ".join(x if isinstance(x, str) else mail_addr(c, x, id(x) in staff_to) for x in cc))
    lines.append(f"{lab[4]}: " + subject)
    return lines


def staff_signature(c, s, style=None):
    rng = c.rng
    st = style or rng.randint(0, 5)
    greet = rng.choice(["Met vriendelijke groet,", "Met vriendelijke groet,", "Vriendelijke groet,", "Groet,",
                        "Hartelijke groet,", "Met hartelijke groet,", "Mvg,"])
    name = N(s, rng.choice(["full", "full", "init", "sig"]))
    role = s.role[0].upper() + s.role[1:]
    out = [greet, "", name]
    if st == 0:
        out += [role + " " + K(s.dept, "department"), c.gem(cap=True), "T " + c.direct(s) + " | M " + c.wmobile(s),
                "E " + WMAIL(s)]
    elif st == 1:
        out += [role + ", " + c.dept(s.dept, "team "), "Telefoon: " + c.direct(s),
                "Aanwezig: " + s.workdays]
    elif st == 2:
        out += [role, c.gem(cap=True) + " | " + c.dept(s.dept), "Direct: " + c.direct(s), "Mobiel: " + c.wmobile(s),
                WMAIL(s)]
    elif st == 3:
        out += [role + " " + K(s.dept, "department"), c.gem(cap=True), c.postbus_line(), "tel. " + c.direct(s)]
    elif st == 4:
        out += [role, "Mobiel: " + c.wmobile(s, "plain"), "Bereikbaar op " + s.workdays]
    else:
        out += [role + " bij " + c.dept(s.dept, "de afdeling "), c.wmobile(s) + " / " + c.orgphone()]
    return out


def citizen_signature(c, p, style=None):
    rng = c.rng
    st = style or rng.randint(0, 4)
    greet = rng.choice(["Met vriendelijke groet,", "Groeten,", "Mvg", "Met vriendelijke groeten,", "Gr.",
                        "Alvast bedankt,", "Hoogachtend,"])
    if st == 0:
        return [greet, N(p, "full")]
    if st == 1:
        return [greet, "", N(p, "full"), TEL(p, rng)]
    if st == 2:
        return [greet, N(p, "given")]
    if st == 3:
        return [greet, "", N(p, "init"), ADDR(p), PC(p) + " " + WP(p), "tel " + TEL(p, rng, "m")]
    return [greet, N(p, "full"), "Verstuurd vanaf mijn iPhone" if rng.random() < 0.5 else "Verzonden vanaf Outlook voor Android"]


def citizen_addr_block(c, p, caps=False):
    rng = c.rng
    t = p.title(rng, "letter")
    t = {"de heer": "De heer", "mevrouw": "Mevrouw"}.get(t, t)
    st = rng.randint(0, 3)
    if caps:
        return [(t.upper() + " " if t else "") + N(p, "caps_init"), V(p.address().upper(), "address") if not getattr(p, "req", False) else K(p.address().upper(), "requester", "address"),
                PC(p) + "  " + WP(p, caps=True)]
    if st == 0:
        return [(t + " " if t else "") + N(p, "init"), ADDR(p), PC(p) + "  " + WP(p)]
    if st == 1:
        return ["Aan " + ("de heer " if p.gender == "m" else "mevrouw " if p.gender == "f" else "") + N(p, "init"),
                ADDR(p), PC(p) + " " + WP(p)]
    if st == 2:
        return [N(p, "full"), ADDR(p), PC(p) + " " + WP(p)]
    return [("Fam. " if rng.random() < 0.5 else "De bewoner(s) van ") + N(p, "sur_own") if False else
            ("De heer/mevrouw " + N(p, "init")), ADDR(p), PC(p) + "  " + WP(p)]


def salutation(c, p):
    rng = c.rng
    if p.gender == "m":
        return rng.choice(["Geachte heer ", "Geachte heer ", "Beste meneer ", "Geachte heer "]) + N(p, "sur") + ","
    if p.gender == "f":
        return rng.choice(["Geachte mevrouw ", "Geachte mevrouw ", "Beste mevrouw ", "Geachte mevrouw "]) + N(p, "sur") + ","
    return "Geachte " + N(p, "init") + ","


def kenmerk_block(c, s, subject):
    rng = c.rng
    rows = [("Datum", c.d(style=rng.choice(["long", "long", "dd-mm-yyyy"]))),
            ("Ons kenmerk", c.case()),
            ("Onderwerp", subject)]
    if rng.random() < 0.8:
        rows.insert(2, ("Behandeld door", N(s, rng.choice(["full", "init"]))))
    if rng.random() < 0.6:
        rows.insert(3, ("Telefoonnummer", c.direct(s) if rng.random() < 0.7 else c.orgphone()))
    if rng.random() < 0.3:
        rows.insert(1, ("Uw kenmerk", "uw brief van " + c.d(c.later(-rng.randint(10, 40)), "long")))
    return rows


def staff_closing(c, s, official=None):
    """Letter closing: either on behalf of the college (official kept) or a civil servant (redacted)."""
    rng = c.rng
    if official is not None and rng.random() < 0.5:
        o, kind = official
        return ["Met vriendelijke groet,", "", "burgemeester en wethouders van " + K(c.muni.name, "place") + ",",
                "namens dezen,", "", N(s, rng.choice(["init", "full"])), s.role + " " + K(s.dept, "department")]
    if rng.random() < 0.5:
        return ["Met vriendelijke groet,", "", "het college van burgemeester en wethouders,", "",
                "de secretaris,                 de burgemeester,",
                c.off(c.muni.secretaris, "init") + "          " + c.off(c.muni.burgemeester, "init")]
    return ["Met vriendelijke groet,", "", N(s, rng.choice(["init", "full", "sig"])),
            s.role[0].upper() + s.role[1:] + " " + K(s.dept, "department")]
