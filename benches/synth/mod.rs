//! A generator of synthetic Dutch municipal text with labelled personal data.
//!
//! Shared by the benchmarks (a 20+ MB corpus, 2,000 documents for the end-to-end run) and by the recall
//! test (`tests/recall.rs`), which checks that lak finds what this generator planted. Everything is
//! deterministic (a fixed-seed PRNG) and synthetic: names are drawn from common-name lists and from
//! invented surnames that appear in no gazetteer, numbers are generated to pass their checks.
#![allow(dead_code)]

use std::fmt::Write;

/// What a planted value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Bsn,
    Iban,
    Email,
    Phone,
    Postcode,
    Address,
    Name,
    DateOfBirth,
    Plate,
    IdDocument,
    Ip,
}

impl Kind {
    /// The lak categories that count as finding this kind.
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            Kind::Bsn => &["bsn"],
            Kind::Iban => &["iban"],
            Kind::Email => &["email"],
            Kind::Phone => &["phone"],
            Kind::Postcode => &["postcode"],
            Kind::Address => &["address"],
            Kind::Name => &["person"],
            Kind::DateOfBirth => &["date-of-birth"],
            Kind::Plate => &["licence-plate"],
            Kind::IdDocument => &["id-document"],
            Kind::Ip => &["ip-address"],
        }
    }
}

/// A planted value: its kind and byte span in the text.
#[derive(Clone, Debug)]
pub struct Label {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// A generated document.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub text: String,
    pub labels: Vec<Label>,
    /// 9-digit numbers that fail the 11-proof (must not be flagged as BSN).
    pub decoys: Vec<(usize, usize)>,
}

/// splitmix64: small, fast, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Jan",
    "Piet",
    "Kees",
    "Henk",
    "Willem",
    "Johan",
    "Gerrit",
    "Hendrik",
    "Cornelis",
    "Pieter",
    "Dirk",
    "Klaas",
    "Bram",
    "Daan",
    "Sem",
    "Lucas",
    "Thijs",
    "Ruben",
    "Jesse",
    "Stijn",
    "Bas",
    "Niels",
    "Joost",
    "Maarten",
    "Sander",
    "Wouter",
    "Anna",
    "Maria",
    "Johanna",
    "Elisabeth",
    "Cornelia",
    "Wilhelmina",
    "Emma",
    "Sophie",
    "Julia",
    "Lotte",
    "Sanne",
    "Femke",
    "Lisa",
    "Eva",
    "Anouk",
    "Marieke",
    "Ingrid",
    "Petra",
    "Marloes",
    "Esther",
    "Annelies",
    "Gerda",
    "Truus",
    "Sjoerd",
    "Wiebe",
    "Jelle",
    "Tjitske",
    "Hylke",
    "Baukje",
    "Douwe",
    "Mohammed",
    "Ahmed",
    "Youssef",
    "Fatima",
    "Khadija",
    "Naima",
    "Mehmet",
    "Mustafa",
    "Ayşe",
    "Emine",
    "Özlem",
    "Rajesh",
    "Sunita",
    "Rishi",
    "Wayan",
    "Dewi",
    "Agnieszka",
    "Tomasz",
    "Jan-Willem",
    "Anne-Marie",
];

const SURNAMES: &[(&str, &str)] = &[
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Janssen"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("", "Jacobs"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Heuvel"),
    ("van der", "Veen"),
    ("van den", "Broek"),
    ("de", "Bruijn"),
    ("de", "Jong"),
    ("van der", "Heijden"),
    ("", "Schouten"),
    ("van", "Beek"),
    ("", "Willems"),
    ("van", "Vliet"),
    ("van de", "Ven"),
    ("", "Hoekstra"),
    ("", "Maas"),
    ("", "Verhoeven"),
    ("", "Koster"),
    ("van", "Dam"),
    ("van der", "Wal"),
    ("", "Prins"),
    ("", "Blom"),
    ("", "Huisman"),
    ("", "Yılmaz"),
    ("", "Kaya"),
    ("", "Demir"),
    ("", "Şahin"),
    ("", "Çelik"),
    ("El", "Amrani"),
    ("", "Bouzid"),
    ("", "Benali"),
    ("", "Ramdin"),
    ("", "Sewnarain"),
    ("", "Soekhai"),
    ("", "Wijaya"),
    ("", "Kowalski"),
    ("", "Nowak"),
    ("", "Postma"),
    ("", "Bijlsma"),
    ("", "Wijnsma"),
    ("", "Zijlstra"),
];

/// Syllables for surnames that are in no gazetteer.
const SYL_A: &[&str] =
    &["Brou", "Kop", "Ha", "Zwa", "Lin", "Ste", "Oos", "Gel", "Wes", "Rij", "Vel", "Mer", "Dor", "Tuin", "Kla"];
const SYL_B: &[&str] = &["wer", "pe", "ger", "ne", "de", "ver", "ter", "ke", "sen", "men", "bre", "ste"];
const SYL_C: &[&str] = &["kamp", "laar", "ink", "ma", "stra", "huis", "broek", "veld", "man", "ing", "horst", "weg"];

const TITLES: &[&str] = &["de heer", "mevrouw", "dhr.", "mw.", "mr.", "drs.", "Dhr.", "Mevrouw", "De heer"];
const ROLES: &[&str] = &["verzoeker", "aanvrager", "bezwaarmaker", "de buurman", "medewerker", "melder", "huurder"];
const STREETS: &[&str] = &[
    "Kerkstraat",
    "Dorpsstraat",
    "Stationsweg",
    "Molenweg",
    "Schoolstraat",
    "Lindenlaan",
    "Julianastraat",
    "Beatrixlaan",
    "Van Heemstralaan",
    "Burgemeester de Withstraat",
    "Laan van Meerdervoort",
    "Oude Gracht",
    "Zijlweg",
    "Marktplein",
];
const PLACES: &[&str] =
    &["Haarlem", "Utrecht", "Zwolle", "Leeuwarden", "Tilburg", "Almere", "Den Haag", "Delft", "Enschede"];
const BANKS: &[&str] = &["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ"];
const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Filler sentences of municipal prose: no personal data.
const FILLER: &[&str] = &[
    "Het college heeft het verzoek zorgvuldig beoordeeld aan de hand van de geldende beleidsregels.",
    "Op grond van artikel 4:8 van de Algemene wet bestuursrecht is een zienswijze gevraagd.",
    "De gemeenteraad heeft op 12 december 2023 het bestemmingsplan vastgesteld.",
    "Wij verzoeken u de ontbrekende stukken binnen zes weken na dagtekening aan te leveren.",
    "Tegen dit besluit kunt u binnen zes weken bezwaar maken bij het college van burgemeester en wethouders.",
    "De kosten voor de leges bedragen EUR 245,00 en worden in rekening gebracht na afgifte.",
    "In de bijlage vindt u het advies van de commissie bezwaarschriften.",
    "Het perceel ligt binnen het beschermd stadsgezicht; daarom is advies van de welstandscommissie nodig.",
    "De werkzaamheden aan de riolering starten in het tweede kwartaal en duren ongeveer acht weken.",
    "Naar aanleiding van uw melding heeft een toezichthouder ter plaatse een controle uitgevoerd.",
    "Het zaaknummer is Z-2024-001234; vermeld dit nummer bij alle correspondentie.",
    "De subsidie wordt verleend onder de voorwaarde dat de activiteiten voor 1 juli zijn afgerond.",
    "Uit het onderzoek blijkt dat de geluidsbelasting binnen de wettelijke normen blijft.",
    "Wij hebben besloten uw aanvraag gedeeltelijk toe te kennen, zoals hieronder toegelicht.",
    "Gedurende de inspraakperiode zijn vijftien zienswijzen ontvangen, waarvan drie na de termijn.",
    "Het Woo-verzoek heeft betrekking op documenten over de herinrichting van het stationsgebied.",
    "De factuur met nummer 2024-0876 is op 3 april verzonden en staat nog open.",
    "Voor vragen kunt u contact opnemen met het Klantcontactcentrum via telefoonnummer 14 023.",
    "De vergunning is verleend voor de duur van vijf jaar en kan daarna worden verlengd.",
    "Tijdens de hoorzitting is het bezwaar mondeling toegelicht door de gemachtigde.",
];

/// A generator with its own PRNG.
pub struct Gen {
    rng: Rng,
}

impl Gen {
    pub fn new(seed: u64) -> Gen {
        Gen { rng: Rng::new(seed) }
    }

    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.rng.below(10) as u8)).collect()
    }

    /// A 9-digit number passing the 11-proof.
    pub fn bsn(&mut self) -> String {
        loop {
            let d: Vec<u32> =
                (0..8).map(|i| if i == 0 { 1 + self.rng.below(9) as u32 } else { self.rng.below(10) as u32 }).collect();
            let sum: u32 = d.iter().zip((2..=9).rev()).map(|(x, w)| x * w).sum();
            let last = sum % 11;
            if last < 10 {
                return d.iter().map(|x| char::from(b'0' + *x as u8)).collect::<String>() + &last.to_string();
            }
        }
    }

    /// A 9-digit number failing the 11-proof.
    pub fn not_bsn(&mut self) -> String {
        loop {
            let s = format!("{}{}", 1 + self.rng.below(9), self.digits(8));
            let d: Vec<i64> = s.bytes().map(|b| i64::from(b - b'0')).collect();
            let sum: i64 = d[..8].iter().zip((2..=9).rev()).map(|(x, w)| x * w).sum::<i64>() - d[8];
            if sum % 11 != 0 {
                return s;
            }
        }
    }

    /// A Dutch IBAN with correct check digits, printed plain or in groups of four.
    pub fn iban(&mut self) -> String {
        let bank = *self.rng.pick(BANKS);
        let account = self.digits(10);
        let bban = format!("{bank}{account}");
        let numeric: String = format!("{bban}NL00")
            .chars()
            .map(|c| if c.is_ascii_digit() { c.to_string() } else { (c as u32 - 'A' as u32 + 10).to_string() })
            .collect();
        let rem = numeric.bytes().fold(0u64, |r, b| (r * 10 + u64::from(b - b'0')) % 97);
        let iban = format!("NL{:02}{bban}", 98 - rem);
        if self.rng.chance(60) {
            iban.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(" ")
        } else {
            iban
        }
    }

    pub fn phone(&mut self) -> String {
        let mobile = format!("6{}{}", 1 + self.rng.below(5), self.digits(7));
        let area = *self.rng.pick(&["20", "23", "30", "10", "70", "50", "251", "172", "88"]);
        let rest = self.digits(9 - area.len());
        match self.rng.below(8) {
            0 => format!("0{}-{}", &mobile[..1], &mobile[1..]),
            1 => format!("0{} {} {} {} {}", &mobile[..1], &mobile[1..3], &mobile[3..5], &mobile[5..7], &mobile[7..]),
            2 => format!("+31 {} {} {}", &mobile[..1], &mobile[1..5], &mobile[5..]),
            3 => format!("0031 {}", mobile),
            4 => format!("0{area}-{rest}"),
            5 => format!("(0{area}) {}", rest),
            6 => format!("0{mobile}"),
            _ => format!("+31 (0){area} {rest}"),
        }
    }

    pub fn postcode(&mut self) -> String {
        loop {
            let letters: String = (0..2).map(|_| char::from(b'A' + self.rng.below(26) as u8)).collect();
            if matches!(letters.as_str(), "SA" | "SD" | "SS") {
                continue;
            }
            let sep = if self.rng.chance(80) { " " } else { "" };
            return format!("{}{}{sep}{letters}", 1 + self.rng.below(9), self.digits(3));
        }
    }

    pub fn address(&mut self) -> String {
        let street = *self.rng.pick(STREETS);
        let number = 1 + self.rng.below(250);
        let addition = *self.rng.pick(&["", "", "", "a", "b", "-II", " bis", "-3"]);
        format!("{street} {number}{addition}")
    }

    pub fn plate(&mut self) -> String {
        const L: &[u8] = b"BDFGHJKLNPRSTVXZ";
        let l = |n: usize, g: &mut Self| (0..n).map(|_| char::from(*g.rng.pick(L))).collect::<String>();
        match self.rng.below(4) {
            0 => format!("{}-{}-{}", self.digits(2), l(3, self), self.digits(1)),
            1 => format!("{}-{}-{}", l(2, self), self.digits(3), l(1, self)),
            2 => format!("{}-{}-{}", self.digits(1), l(3, self), self.digits(2)),
            _ => format!("{}-{}-{}", l(3, self), self.digits(2), l(1, self)),
        }
    }

    pub fn date(&mut self) -> String {
        let (d, m, y) = (1 + self.rng.below(28), 1 + self.rng.below(12), 1940 + self.rng.below(65));
        match self.rng.below(4) {
            0 => format!("{d:02}-{m:02}-{y}"),
            1 => format!("{d}-{m}-{y}"),
            2 => format!("{d} {} {y}", MONTHS[m - 1]),
            _ => format!("{d:02}/{m:02}/{y}"),
        }
    }

    pub fn id_document(&mut self) -> String {
        const L: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
        const A: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ123456789";
        let mut s = String::new();
        s.push(char::from(*self.rng.pick(b"NI")));
        s.push(char::from(*self.rng.pick(L)));
        for i in 0..6 {
            s.push(char::from(if i == 2 { b'1' + self.rng.below(9) as u8 } else { *self.rng.pick(A) }));
        }
        s.push(char::from(b'1' + self.rng.below(9) as u8));
        s
    }

    fn invented_surname(&mut self) -> String {
        format!("{}{}{}", self.rng.pick(SYL_A), self.rng.pick(SYL_B), self.rng.pick(SYL_C))
    }

    /// A surname as written after a given name or initials (`de Vries`) and its capitalised form.
    fn surname(&mut self, invented: bool) -> (String, String) {
        if invented {
            let s = self.invented_surname();
            return (s.clone(), s);
        }
        let (t, s) = *self.rng.pick(SURNAMES);
        if t.is_empty() {
            (s.to_string(), s.to_string())
        } else {
            let cap = format!("{}{}", t[..1].to_uppercase(), &t[1..]);
            (format!("{t} {s}"), format!("{cap} {s}"))
        }
    }

    fn initials(&mut self) -> String {
        let n = 1 + self.rng.below(3);
        (0..n).map(|_| format!("{}.", char::from(b'A' + self.rng.below(26) as u8))).collect()
    }

    /// A person's name in one of the forms documents use; returns (prefix context, name span).
    pub fn name(&mut self) -> (String, String) {
        let invented = self.rng.chance(25);
        let (after_given, capitalised) = self.surname(invented);
        let first = *self.rng.pick(FIRST);
        match self.rng.below(9) {
            0 => (String::new(), format!("{first} {after_given}")),
            1 => (String::new(), format!("{} {after_given}", self.initials())),
            2 => (format!("{} ", self.rng.pick(TITLES)), capitalised),
            3 => (format!("{} ", self.rng.pick(TITLES)), format!("{} {after_given}", self.initials())),
            4 => (format!("{} ", self.rng.pick(ROLES)), format!("{first} {after_given}")),
            5 => {
                let second = self.surname(false).0;
                (String::new(), format!("{} {after_given}-{second}", self.initials()))
            }
            6 => ("Geachte heer ".to_string(), capitalised),
            7 => ("DE HEER ".to_string(), format!("{} {}", self.initials(), after_given.to_uppercase())),
            _ => ("Beste ".to_string(), first.to_string()),
        }
    }

    /// One document of `target` bytes or more.
    pub fn document(&mut self, target: usize) -> Doc {
        let mut doc = Doc::default();
        while doc.text.len() < target {
            // One to four sentences without personal data between two with: about one value per
            // 300 bytes, the density of a municipal letter (minutes and reports have less).
            let filler = 1 + self.rng.below(4);
            for _ in 0..filler {
                let s = *self.rng.pick(FILLER);
                doc.text.push_str(s);
                doc.text.push(' ');
            }
            self.sentence(&mut doc);
            if self.rng.chance(15) {
                doc.text.push_str("\n\n");
            }
        }
        doc.text.push('\n');
        doc
    }

    fn put(&self, doc: &mut Doc, kind: Kind, value: &str) {
        let start = doc.text.len();
        doc.text.push_str(value);
        doc.labels.push(Label { kind, start, end: doc.text.len() });
    }

    fn sentence(&mut self, doc: &mut Doc) {
        let t = &mut doc.text;
        match self.rng.below(16) {
            0..=2 => {
                let (ctx, name) = self.name();
                let _ = write!(t, "Op verzoek van {ctx}");
                self.put(doc, Kind::Name, &name);
                doc.text.push_str(" is het dossier opnieuw bekeken. ");
            }
            3 => {
                let (ctx, name) = self.name();
                let _ = write!(t, "Volgens {ctx}");
                self.put(doc, Kind::Name, &name);
                let v = self.bsn();
                let ctx = *self.rng.pick(&["met BSN", "burgerservicenummer", "(bsn:", "bsn"]);
                let _ = write!(doc.text, " {ctx} ");
                let shown = match self.rng.below(3) {
                    0 => v.clone(),
                    1 => format!("{}.{}.{}", &v[..4], &v[4..6], &v[6..]),
                    _ => format!("{} {} {}", &v[..3], &v[3..6], &v[6..]),
                };
                self.put(doc, Kind::Bsn, &shown);
                doc.text.push_str(" is de aanvraag ingediend. ");
            }
            4 => {
                doc.text.push_str("Het bedrag wordt overgemaakt op rekeningnummer ");
                let v = self.iban();
                self.put(doc, Kind::Iban, &v);
                doc.text.push_str(". ");
            }
            5 => {
                doc.text.push_str("U kunt contact opnemen via ");
                let v = self.phone();
                self.put(doc, Kind::Phone, &v);
                doc.text.push_str(" of per e-mail: ");
                let (_, name) = self.name();
                let local: String = name
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_ascii_alphabetic() || *c == ' ')
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(".");
                let local = if local.is_empty() { "post.bus".to_string() } else { local };
                let v =
                    format!("{local}@{}", self.rng.pick(&["example.nl", "gemeente.example.nl", "mail.example.com"]));
                self.put(doc, Kind::Email, &v);
                doc.text.push_str(". ");
            }
            6 => {
                let (ctx, name) = self.name();
                let _ = write!(doc.text, "Bewoner {ctx}");
                self.put(doc, Kind::Name, &name);
                doc.text.push_str(" woont op ");
                let v = self.address();
                self.put(doc, Kind::Address, &v);
                doc.text.push_str(", ");
                let v = self.postcode();
                self.put(doc, Kind::Postcode, &v);
                let _ = write!(doc.text, " {}. ", self.rng.pick(PLACES));
            }
            7 => {
                let anchor = *self.rng.pick(&["geboren op", "geboortedatum:", "(geb.", "geb."]);
                let _ = write!(doc.text, "De aanvrager, {anchor} ");
                let v = self.date();
                self.put(doc, Kind::DateOfBirth, &v);
                doc.text.push_str(", heeft de vereiste stukken overgelegd. ");
            }
            8 => {
                doc.text.push_str("De auto met kenteken ");
                let v = self.plate();
                self.put(doc, Kind::Plate, &v);
                doc.text.push_str(" stond zonder vergunning geparkeerd. ");
            }
            9 => {
                doc.text.push_str("Legitimatie: paspoort nummer ");
                let v = self.id_document();
                self.put(doc, Kind::IdDocument, &v);
                doc.text.push_str(". ");
            }
            10 => {
                doc.text.push_str("De melding kwam binnen vanaf IP-adres ");
                let v = format!(
                    "{}.{}.{}.{}",
                    11 + self.rng.below(200),
                    self.rng.below(256),
                    self.rng.below(256),
                    1 + self.rng.below(254)
                );
                self.put(doc, Kind::Ip, &v);
                doc.text.push_str(". ");
            }
            11 => {
                let v = self.not_bsn();
                let start = doc.text.len() + "Factuurnummer ".len();
                let _ = write!(doc.text, "Factuurnummer {v} is voldaan. ");
                doc.decoys.push((start, start + 9));
            }
            12 => {
                doc.text.push_str("Met vriendelijke groet,\n\n");
                let (_, name) = self.name();
                let name = name.trim_start_matches("Beste ").to_string();
                self.put(doc, Kind::Name, &name);
                doc.text.push_str("\nTeam Vergunningen\n\n");
            }
            13 => {
                doc.text.push_str("Van: ");
                let first = *self.rng.pick(FIRST);
                let invented = self.rng.chance(20);
                let (s, _) = self.surname(invented);
                let name = format!("{first} {s}");
                self.put(doc, Kind::Name, &name);
                doc.text.push_str("\nOnderwerp: aanvraag\n\n");
            }
            _ => {
                let s = *self.rng.pick(FILLER);
                doc.text.push_str(s);
                doc.text.push(' ');
            }
        }
    }
}

/// A corpus of at least `bytes` bytes as one string (documents separated by blank lines).
pub fn corpus(seed: u64, bytes: usize) -> String {
    let mut g = Gen::new(seed);
    let mut s = String::with_capacity(bytes + 4096);
    while s.len() < bytes {
        s.push_str(&g.document(4000).text);
        s.push('\n');
    }
    s
}
