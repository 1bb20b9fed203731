//! The generator's world: every country of the gazetteer with its officials (a stable cast per
//! country, so the same people recur across articles as they do in real coverage), the
//! international organisations that act as partners, the weights that make some countries
//! and pairs frequent, and fictional outlets with their house styles.

use liaison::gazetteer::{Agency, Gazetteer};

use super::Rng;
use super::names::{self, Name, Region};

/// What a post is, for choosing who does what in a story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Police,
    Intel,
    Minister,
    Deputy,
    Gendarmerie,
    Customs,
    Border,
    Cooperation,
    Head,
}

/// A post as news writes it.
#[derive(Clone, Debug)]
pub struct Post {
    /// After a name or before it with a comma: "Director General of the Federal Criminal
    /// Police Office", "Commissioner General of the Belgian Federal Police".
    pub title: String,
    /// Written in parentheses after the title sometimes: "(BKA)".
    pub acr: Option<String>,
    /// Before a name, after a demonym: "Interior Minister", "Intelligence Director".
    pub pre: String,
    /// The organisation for the gold file (its acronym when it has one).
    pub org: Option<String>,
    /// The title already names the country ("... of the Belgian Federal Police"), so
    /// "Belgium's ..." would repeat it.
    pub qualified: bool,
    /// The title names a gazetteer agency or the country, so the country can be read from
    /// it; otherwise ("Minister of the Interior") news qualifies it ("French Minister ...").
    pub anchored: bool,
    /// Another way outlets name the same post (sources disagree on titles).
    pub alt: Option<String>,
    pub role: Role,
}

/// An official.
#[derive(Clone, Debug)]
pub struct Person {
    pub name: Name,
    pub female: bool,
    /// Rank or honorific written before the name, not part of it ("Maj. Gen.", "Sheikh").
    pub rank: Option<&'static str>,
    /// The country code, or the organisation code for international officials.
    pub side: String,
    pub post: Post,
}

/// A country as the generator writes about it.
#[derive(Clone, Debug)]
pub struct Nation {
    pub code: String,
    pub name: String,
    /// "the Netherlands", "the United States".
    pub the: bool,
    pub aliases: Vec<String>,
    /// The adjective ("Belgian"), when the gazetteer has one.
    pub dem: Option<String>,
    pub capital: Option<String>,
    pub cities: Vec<String>,
    pub region: Region,
    pub cast: Vec<Person>,
    /// Agency names usable as venues ("the headquarters of the ...").
    pub agencies: Vec<String>,
}

/// An international organisation acting as a partner.
#[derive(Clone, Debug)]
pub struct Body {
    pub code: &'static str,
    /// How the text names it ("INTERPOL", "the United Nations Office on Drugs and Crime").
    pub display: &'static str,
    pub hq_city: &'static str,
    pub hq_country: &'static str,
    /// A meeting it holds ("the INTERPOL General Assembly").
    pub forum: &'static str,
    pub regions: &'static [Region],
    pub cast: Vec<Person>,
}

/// A fictional outlet and its house style.
#[derive(Clone, Debug)]
pub struct Outlet {
    pub name: &'static str,
    pub slug: &'static str,
    pub curly: bool,
    pub uk_dates: bool,
    pub blank_lines: bool,
    pub mr: bool,
    pub dateline: bool,
    /// Percentages of articles with each kind of boilerplate.
    pub headlines: u32,
    pub follow: u32,
    pub comments: u32,
    pub about: u32,
    pub cookie: u32,
}

pub struct World {
    pub nations: Vec<Nation>,
    cum: Vec<u64>,
    weights: Vec<u64>,
    pub bodies: Vec<Body>,
    pairs: Vec<(usize, usize)>,
    pub outlets: Vec<Outlet>,
}

/// Home and partner weights: the countries that appear most in security-cooperation news.
/// All others weigh 2 (1 for uninhabited territories), so every country appears in a large
/// corpus.
#[rustfmt::skip]
const HUBS: &[(&str, u64)] = &[
    ("MAR", 90), ("FRA", 70), ("ESP", 60), ("USA", 60), ("GBR", 50), ("TUR", 45), ("DEU", 45),
    ("ITA", 40), ("SAU", 40), ("ARE", 40), ("QAT", 30), ("EGY", 30), ("BEL", 25), ("NLD", 20),
    ("PRT", 18), ("DZA", 18), ("TUN", 18), ("JOR", 18), ("IRQ", 15), ("PAK", 20), ("IND", 20),
    ("NGA", 20), ("KEN", 15), ("SEN", 15), ("MEX", 20), ("COL", 15), ("BRA", 15), ("IDN", 12),
    ("MYS", 10), ("CHN", 12), ("RUS", 10), ("JPN", 10), ("KOR", 10), ("AUS", 12), ("CAN", 12),
    ("MRT", 10), ("MLI", 10), ("NER", 10), ("LBY", 12), ("KWT", 10), ("BHR", 8), ("OMN", 8),
    ("UKR", 10), ("POL", 10), ("ROU", 8), ("GRC", 8), ("AUT", 8), ("CHE", 8), ("SWE", 8),
    ("CIV", 8), ("ZAF", 10), ("PHL", 8), ("ARG", 8), ("PER", 6), ("ISR", 6), ("LBN", 6),
];

const UNINHABITED: &[&str] = &["ATA", "BVT", "HMD", "SGS", "UMI", "ATF", "IOT"];

/// Pairs that make the headlines again and again (home, partner); a third of the articles
/// are about one of them.
#[rustfmt::skip]
const PAIRS: &[(&str, &str)] = &[
    ("MAR", "FRA"), ("MAR", "ESP"), ("MAR", "BEL"), ("MAR", "USA"), ("MAR", "ARE"), ("FRA", "MAR"),
    ("ESP", "MAR"), ("USA", "MEX"), ("MEX", "USA"), ("GBR", "FRA"), ("TUR", "QAT"), ("DEU", "TUN"),
    ("ITA", "LBY"), ("ITA", "TUN"), ("SAU", "PAK"), ("PAK", "SAU"), ("JOR", "IRQ"), ("EGY", "SAU"),
    ("ARE", "IND"), ("USA", "COL"), ("NGA", "GBR"), ("KEN", "USA"), ("AUS", "IDN"), ("FRA", "DZA"),
    ("ESP", "SEN"), ("ESP", "MRT"), ("QAT", "TUR"), ("SEN", "FRA"), ("IND", "USA"), ("BRA", "ARG"),
];

/// Aliases that are not names of the whole country, or not how news names it.
fn usable_alias(a: &str) -> bool {
    const BAD: &[&str] = &[
        "England",
        "Scotland",
        "Northern Ireland",
        "Zaire",
        "Gaza Strip",
        "West Bank",
        "Islamic Emirate of Afghanistan",
        "U.S.A.",
        "D.R. Congo",
        "DR of Congo",
    ];
    (!BAD.contains(&a) && !a.contains("Occupied") && a.chars().count() > 2)
        || matches!(a, "UK" | "US" | "UAE" | "DRC")
}

fn takes_the(name: &str) -> bool {
    name.starts_with("United ")
        || name.ends_with("Republic")
        || name.ends_with("Islands")
        || name.ends_with("Emirates")
        || matches!(
            name,
            "Netherlands"
                | "Philippines"
                | "Bahamas"
                | "Gambia"
                | "Maldives"
                | "Comoros"
                | "Seychelles"
        )
}

impl Nation {
    /// The name as written mid-sentence ("the Netherlands").
    pub fn the_name(&self) -> String {
        if self.the {
            format!("the {}", self.name)
        } else {
            self.name.clone()
        }
    }
    /// "Belgian" or, with no adjective, "Belgium's" (apostrophe straight; styled later).
    pub fn adj(&self) -> String {
        match &self.dem {
            Some(d) => d.clone(),
            None => possessive(&self.the_name()),
        }
    }
}

/// "France's", "the Netherlands'".
pub fn possessive(s: &str) -> String {
    if s.ends_with('s') {
        format!("{s}'")
    } else {
        format!("{s}'s")
    }
}

/// "the Federal Criminal Police Office", but "An Garda Síochána", "HM Revenue and Customs",
/// "Aruba's National Police".
pub fn with_the(name: &str) -> String {
    if ["An ", "The ", "HM "].iter().any(|p| name.starts_with(p)) || name.contains("'s ") {
        name.to_owned()
    } else {
        format!("the {name}")
    }
}

/// The minister's title where it is not "Minister of the Interior".
fn minister_title(code: &str) -> (&'static str, &'static str) {
    match code {
        "GBR" => ("Home Secretary", "Home Secretary"),
        "USA" => (
            "Secretary of Homeland Security",
            "Homeland Security Secretary",
        ),
        "CAN" => ("Minister of Public Safety", "Public Safety Minister"),
        "AUS" => ("Minister for Home Affairs", "Home Affairs Minister"),
        "IND" => ("Minister of Home Affairs", "Home Minister"),
        "BRA" => (
            "Minister of Justice and Public Security",
            "Justice Minister",
        ),
        "MEX" => (
            "Secretary of Security and Civilian Protection",
            "Security Secretary",
        ),
        "PRT" => (
            "Minister of Internal Administration",
            "Internal Administration Minister",
        ),
        "CHE" => (
            "Head of the Federal Department of Justice and Police",
            "Justice Minister",
        ),
        "RUS" | "ROU" => ("Minister of Internal Affairs", "Interior Minister"),
        "DEU" | "AUT" => ("Federal Minister of the Interior", "Interior Minister"),
        "MLT" => ("Minister for Home Affairs", "Home Affairs Minister"),
        "LUX" => (
            "Minister of Internal Security",
            "Internal Security Minister",
        ),
        _ => ("Minister of the Interior", "Interior Minister"),
    }
}

/// A post heading one agency of the gazetteer.
fn agency_post(rng: &mut Rng, n: &Nation, a: &Agency) -> Option<Post> {
    let name = a.names.first()?.clone();
    let names_country = n.dem.as_deref().is_some_and(|d| name.contains(d))
        || name.contains(&n.name)
        || n.aliases.iter().any(|al| name.contains(al.as_str()));
    let acr = a.acronym.clone();
    let org = Some(acr.clone().unwrap_or_else(|| name.clone()));
    let target = with_the(&name);
    let (role, head, pre): (Role, &str, &str) = match a.sector.as_str() {
        "interior ministry" => {
            let (t, p) = minister_title(&n.code);
            return Some(Post {
                title: t.to_owned(),
                acr: None,
                pre: p.to_owned(),
                org: Some(name),
                qualified: false,
                anchored: false,
                alt: Some(p.to_owned()),
                role: Role::Minister,
            });
        }
        // "Ministry of Public Security": its head is a minister.
        "police" | "intelligence" if name.contains("Ministry of") => {
            let title = name.replacen("Ministry of", "Minister of", 1);
            let title = title
                .rsplit_once("Minister of")
                .map_or(title.clone(), |(_, r)| format!("Minister of{r}"));
            return Some(Post {
                title,
                acr: acr.clone(),
                pre: "Minister".to_owned(),
                org,
                qualified: false,
                anchored: false,
                alt: None,
                role: if a.sector == "police" {
                    Role::Police
                } else {
                    Role::Intel
                },
            });
        }
        "police" => {
            let head = if name.contains("Federal Police") {
                "Commissioner General of"
            } else if name.ends_with("Police Service")
                || name.ends_with("Police Force")
                || name.contains("Garda")
            {
                "Commissioner of"
            } else {
                *rng.pick(&["Director General of", "Head of", "Director of", "Chief of"])
            };
            (Role::Police, head, "Police Chief")
        }
        "intelligence" => (
            Role::Intel,
            *rng.pick(&["Director of", "Head of", "Director General of"]),
            "Intelligence Chief",
        ),
        "gendarmerie" => (
            Role::Gendarmerie,
            *rng.pick(&["Commander of", "Director General of"]),
            "Gendarmerie Commander",
        ),
        "customs" => (Role::Customs, "Director General of", "Customs Director"),
        "border" | "coast guard" => (
            Role::Border,
            *rng.pick(&["Commander of", "Head of"]),
            "Border Guard Commander",
        ),
        _ => return None,
    };
    let alt_head = if head == "Head of" {
        "Director of"
    } else {
        "Head of"
    };
    let pre = match &acr {
        Some(ac) if rng.chance(50) => format!("{ac} {}", rng.pick(&["chief", "Director", "head"])),
        _ => pre.to_owned(),
    };
    Some(Post {
        title: format!("{head} {target}"),
        acr,
        pre,
        org,
        qualified: names_country,
        anchored: true,
        alt: Some(format!("{alt_head} {target}")),
        role,
    })
}

/// Federal states whose national police the gazetteer does not name: "the Ethiopian Federal
/// Police".
const FEDERAL: &[&str] = &[
    "MEX", "ETH", "SOM", "SSD", "SDN", "NPL", "VEN", "FSM", "COM", "BIH",
];

/// A post for a country the gazetteer has no such agency for: a generic body qualified by
/// the demonym ("the Kenyan National Police") or the possessive ("Aruba's National Police").
fn generic_post(rng: &mut Rng, n: &Nation, role: Role) -> Post {
    let q = match &n.dem {
        Some(d) if rng.chance(80) => format!("the {d}"),
        _ => possessive(&n.the_name()),
    };
    let org_q = q.trim_start_matches("the ").to_owned();
    let anglo = matches!(n.region, Region::Anglo | Region::EastWestAfricaEn);
    let (title, pre, org) = match role {
        Role::Police if anglo && rng.chance(50) => (
            format!("Inspector General of {q} Police"),
            "Inspector General of Police".to_owned(),
            format!("{org_q} Police"),
        ),
        Role::Police if FEDERAL.contains(&n.code.as_str()) => (
            format!("Commissioner General of {q} Federal Police"),
            "Federal Police Chief".to_owned(),
            format!("{org_q} Federal Police"),
        ),
        Role::Police => (
            format!(
                "{} of {q} National Police",
                rng.pick(&["Director General", "Commissioner General", "Head"])
            ),
            "National Police Chief".to_owned(),
            format!("{org_q} National Police"),
        ),
        Role::Intel => {
            let body = *rng.pick(&[
                "State Security",
                "General Intelligence Service",
                "Intelligence Agency",
            ]);
            (
                format!("{} of {q} {body}", rng.pick(&["Director", "Head"])),
                "Intelligence Director".to_owned(),
                format!("{org_q} {body}"),
            )
        }
        Role::Gendarmerie => (
            format!("Commander of {q} National Gendarmerie"),
            "Gendarmerie Commander".to_owned(),
            format!("{org_q} National Gendarmerie"),
        ),
        Role::Minister => (
            "Minister of the Interior".to_owned(),
            "Interior Minister".to_owned(),
            format!("{org_q} Ministry of the Interior"),
        ),
        Role::Deputy => (
            "Deputy Minister of the Interior".to_owned(),
            "Deputy Interior Minister".to_owned(),
            format!("{org_q} Ministry of the Interior"),
        ),
        _ => (
            format!("Director of International Cooperation at {q} National Police"),
            "Police Cooperation Director".to_owned(),
            format!("{org_q} National Police"),
        ),
    };
    let qualified = !matches!(role, Role::Minister | Role::Deputy);
    Post {
        alt: None,
        title,
        acr: None,
        pre,
        org: Some(org),
        qualified,
        anchored: qualified,
        role,
    }
}

fn rank_for(rng: &mut Rng, region: Region, role: Role) -> Option<&'static str> {
    match (region, role) {
        (Region::Arab | Region::Pakistani, Role::Police | Role::Intel | Role::Border) => {
            if rng.chance(40) {
                Some(*rng.pick(&["Maj. Gen.", "Lt. Gen.", "Brig. Gen."]))
            } else {
                None
            }
        }
        (Region::Arab, Role::Minister) if rng.chance(20) => Some("Sheikh"),
        (Region::Arab, Role::Deputy) if rng.chance(10) => Some("Sheikh"),
        (_, Role::Gendarmerie) if rng.chance(50) => Some("Gen."),
        (_, Role::Police) if rng.chance(5) => Some("Dr."),
        _ => None,
    }
}

fn person(rng: &mut Rng, region: Region, side: &str, post: Post) -> Person {
    let female = rng.chance(22);
    let rank = match rank_for(rng, region, post.role) {
        Some("Sheikh") if female => Some("Sheikha"),
        r => r,
    };
    Person {
        name: names::make(rng, region, female),
        female,
        rank,
        side: side.to_owned(),
        post,
    }
}

/// The officials of one country: its agencies' heads where the gazetteer knows the agencies,
/// generic posts for the rest, and always a minister and a deputy.
fn cast_for(rng: &mut Rng, n: &Nation, agencies: &[&Agency]) -> Vec<Person> {
    let mut posts: Vec<Post> = Vec::new();
    for a in agencies {
        if posts.len() >= 6 {
            break;
        }
        if let Some(p) = agency_post(rng, n, a) {
            // One post per role from agencies, so a country's cast stays varied.
            if !posts.iter().any(|q| q.role == p.role) {
                posts.push(p);
            }
        }
    }
    for role in [Role::Police, Role::Intel, Role::Minister] {
        if !posts.iter().any(|p| p.role == role) {
            posts.push(generic_post(rng, n, role));
        }
    }
    if matches!(
        n.region,
        Region::WestAfrica | Region::French | Region::Maghreb
    ) && !posts.iter().any(|p| p.role == Role::Gendarmerie)
    {
        posts.push(generic_post(rng, n, Role::Gendarmerie));
    }
    let minister_org = posts
        .iter()
        .find(|p| p.role == Role::Minister)
        .and_then(|p| p.org.clone());
    let mut deputy = generic_post(rng, n, Role::Deputy);
    if minister_org.is_some() {
        deputy.org = minister_org;
    }
    posts.push(deputy);
    posts.push(generic_post(rng, n, Role::Cooperation));
    posts
        .into_iter()
        .map(|p| person(rng, n.region, &n.code, p))
        .collect()
}

struct BodySpec {
    code: &'static str,
    display: &'static str,
    heads: &'static [(&'static str, &'static str)],
    hq_city: &'static str,
    hq_country: &'static str,
    forum: &'static str,
    regions: &'static [Region],
}

const BODIES: &[BodySpec] = &[
    BodySpec {
        code: "INTERPOL",
        display: "INTERPOL",
        heads: &[
            (
                "Secretary General of INTERPOL",
                "INTERPOL Secretary General",
            ),
            (
                "Executive Director of Police Services at INTERPOL",
                "INTERPOL Executive Director",
            ),
        ],
        hq_city: "Lyon",
        hq_country: "FRA",
        forum: "the INTERPOL General Assembly",
        regions: &[],
    },
    BodySpec {
        code: "Europol",
        display: "Europol",
        heads: &[
            (
                "Executive Director of Europol",
                "Europol Executive Director",
            ),
            (
                "Deputy Executive Director of Europol",
                "Europol Deputy Executive Director",
            ),
        ],
        hq_city: "The Hague",
        hq_country: "NLD",
        forum: "the European Police Chiefs Convention",
        regions: &[
            Region::French,
            Region::Dutch,
            Region::German,
            Region::Italian,
            Region::Spanish,
            Region::Portuguese,
            Region::Slavic,
            Region::Romanian,
            Region::Nordic,
            Region::Greek,
            Region::Maghreb,
        ],
    },
    BodySpec {
        code: "Frontex",
        display: "Frontex",
        heads: &[(
            "Executive Director of Frontex",
            "Frontex Executive Director",
        )],
        hq_city: "Warsaw",
        hq_country: "POL",
        forum: "the Frontex Management Board",
        regions: &[
            Region::Maghreb,
            Region::WestAfrica,
            Region::Spanish,
            Region::Italian,
            Region::Greek,
            Region::Turkish,
        ],
    },
    BodySpec {
        code: "AFRIPOL",
        display: "AFRIPOL",
        heads: &[(
            "Executive Director of AFRIPOL",
            "AFRIPOL Executive Director",
        )],
        hq_city: "Algiers",
        hq_country: "DZA",
        forum: "the AFRIPOL General Assembly",
        regions: &[
            Region::Maghreb,
            Region::WestAfrica,
            Region::EastWestAfricaEn,
        ],
    },
    BodySpec {
        code: "GCCPOL",
        display: "GCCPOL",
        heads: &[("Director General of GCCPOL", "GCCPOL Director General")],
        hq_city: "Abu Dhabi",
        hq_country: "ARE",
        forum: "the GCCPOL annual conference",
        regions: &[Region::Arab],
    },
    BodySpec {
        code: "ASEANAPOL",
        display: "ASEANAPOL",
        heads: &[(
            "Executive Director of the ASEANAPOL Secretariat",
            "ASEANAPOL Executive Director",
        )],
        hq_city: "Kuala Lumpur",
        hq_country: "MYS",
        forum: "the ASEANAPOL Conference",
        regions: &[
            Region::Malay,
            Region::Filipino,
            Region::Vietnamese,
            Region::Thai,
        ],
    },
    BodySpec {
        code: "AMERIPOL",
        display: "AMERIPOL",
        heads: &[(
            "Executive Secretary of AMERIPOL",
            "AMERIPOL Executive Secretary",
        )],
        hq_city: "Bogotá",
        hq_country: "COL",
        forum: "the AMERIPOL summit",
        regions: &[Region::Spanish, Region::Portuguese],
    },
    BodySpec {
        code: "UNODC",
        display: "the United Nations Office on Drugs and Crime (UNODC)",
        heads: &[(
            "Executive Director of the United Nations Office on Drugs and Crime",
            "UNODC Executive Director",
        )],
        hq_city: "Vienna",
        hq_country: "AUT",
        forum: "the Commission on Narcotic Drugs",
        regions: &[],
    },
    BodySpec {
        code: "UNOCT",
        display: "the UN Office of Counter-Terrorism (UNOCT)",
        heads: &[(
            "Under-Secretary-General of the UN Office of Counter-Terrorism",
            "UNOCT chief",
        )],
        hq_city: "New York",
        hq_country: "USA",
        forum: "the UN Counter-Terrorism Week",
        regions: &[],
    },
    BodySpec {
        code: "IOM",
        display: "the International Organization for Migration (IOM)",
        heads: &[(
            "Director General of the International Organization for Migration",
            "IOM Director General",
        )],
        hq_city: "Geneva",
        hq_country: "CHE",
        forum: "the IOM Council",
        regions: &[
            Region::Maghreb,
            Region::WestAfrica,
            Region::EastWestAfricaEn,
            Region::Arab,
        ],
    },
];

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl World {
    pub fn new(gz: &Gazetteer, seed: u64) -> World {
        let mut nations = Vec::with_capacity(gz.countries.len());
        for (i, c) in gz.countries.iter().enumerate() {
            let region = names::region_of(&c.code);
            let mut n = Nation {
                code: c.code.clone(),
                name: c.name.clone(),
                the: takes_the(&c.name),
                aliases: c
                    .aliases
                    .iter()
                    .filter(|a| usable_alias(a))
                    .cloned()
                    .collect(),
                dem: c.demonyms.first().cloned(),
                capital: c.capital.clone(),
                cities: c.cities.clone(),
                region,
                cast: Vec::new(),
                agencies: Vec::new(),
            };
            let agencies: Vec<&Agency> =
                gz.agencies.iter().filter(|a| a.country == c.code).collect();
            n.agencies = agencies
                .iter()
                .filter(|a| a.sector != "interior ministry" && a.sector != "justice")
                .filter_map(|a| a.names.first().cloned())
                .collect();
            let mut rng = Rng::new(mix(seed ^ mix(0xCA57_0000 + i as u64)));
            n.cast = cast_for(&mut rng, &n, &agencies);
            nations.push(n);
        }
        let weight = |code: &str| -> u64 {
            if let Some((_, w)) = HUBS.iter().find(|(c, _)| *c == code) {
                *w
            } else if UNINHABITED.contains(&code) {
                1
            } else {
                2
            }
        };
        let weights: Vec<u64> = nations.iter().map(|n| weight(&n.code)).collect();
        let mut cum = Vec::with_capacity(nations.len());
        let mut total = 0;
        for w in &weights {
            total += w;
            cum.push(total);
        }
        let index = |code: &str| nations.iter().position(|n| n.code == code);
        let pairs = PAIRS
            .iter()
            .filter_map(|(a, b)| Some((index(a)?, index(b)?)))
            .collect();
        let mut bodies = Vec::new();
        for (i, spec) in BODIES.iter().enumerate() {
            if !gz.organisations.iter().any(|o| o.code == spec.code) {
                continue;
            }
            let mut rng = Rng::new(mix(seed ^ mix(0xB0D1_0000 + i as u64)));
            let cast = spec
                .heads
                .iter()
                .map(|(title, pre)| {
                    let region = *rng.pick(&[
                        Region::French,
                        Region::German,
                        Region::Anglo,
                        Region::Spanish,
                        Region::Portuguese,
                        Region::Nordic,
                        Region::EastWestAfricaEn,
                        Region::Arab,
                        Region::Malay,
                    ]);
                    let acr_org = spec
                        .display
                        .rsplit_once('(')
                        .map(|(_, a)| a.trim_end_matches(')').to_owned());
                    person(
                        &mut rng,
                        region,
                        spec.code,
                        Post {
                            title: (*title).to_owned(),
                            acr: None,
                            pre: (*pre).to_owned(),
                            org: Some(acr_org.unwrap_or_else(|| spec.code.to_owned())),
                            qualified: true,
                            anchored: true,
                            alt: None,
                            role: Role::Head,
                        },
                    )
                })
                .collect();
            bodies.push(Body {
                code: spec.code,
                display: spec.display,
                hq_city: spec.hq_city,
                hq_country: spec.hq_country,
                forum: spec.forum,
                regions: spec.regions,
                cast,
            });
        }
        World {
            nations,
            cum,
            weights,
            bodies,
            pairs,
            outlets: outlets(),
        }
    }

    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.nations.iter().position(|n| n.code == code)
    }

    /// A country by weight.
    pub fn weighted(&self, rng: &mut Rng) -> usize {
        let total = self.cum.last().copied().unwrap_or(1);
        let r = rng.below(total as usize) as u64;
        self.cum.partition_point(|&c| c <= r)
    }

    /// One of the frequently covered countries, for unrelated headlines.
    pub fn hub(&self, rng: &mut Rng) -> usize {
        loop {
            let i = self.weighted(rng);
            if self.weights[i] > 2 {
                return i;
            }
        }
    }

    /// A country by weight, other than those in `not`.
    pub fn weighted_other(&self, rng: &mut Rng, not: &[usize]) -> usize {
        loop {
            let i = self.weighted(rng);
            if !not.contains(&i) {
                return i;
            }
        }
    }

    /// A frequent (home, partner) pair.
    pub fn pair(&self, rng: &mut Rng) -> Option<(usize, usize)> {
        if self.pairs.is_empty() {
            None
        } else {
            Some(*rng.pick(&self.pairs))
        }
    }

    /// An organisation fitting the home country's region (or any).
    pub fn body_for(&self, rng: &mut Rng, region: Region) -> Option<usize> {
        let fits: Vec<usize> = (0..self.bodies.len())
            .filter(|&i| {
                let b = &self.bodies[i];
                b.regions.is_empty() || b.regions.contains(&region)
            })
            .collect();
        if fits.is_empty() {
            None
        } else {
            Some(*rng.pick(&fits))
        }
    }
}

/// Fictional outlets (no real outlet is made to publish invented stories), with varied
/// house styles: quotes, date order, paragraph breaks, courtesy titles, datelines, and the
/// percentages of articles with each kind of boilerplate (timed headlines, "Follow us",
/// "Comments (n)", "About <author>", cookie and share lines).
#[rustfmt::skip]
fn outlets() -> Vec<Outlet> {
    let o = |name, slug, curly, uk_dates, blank_lines, mr, dateline, b: [u32; 5]| Outlet {
        name, slug, curly, uk_dates, blank_lines, mr, dateline,
        headlines: b[0], follow: b[1], comments: b[2], about: b[3], cookie: b[4],
    };
    //  name                          slug                curly  uk     blank  mr     dateline
    vec![
        o("Maghreb Security Monitor",   "maghreb-monitor",  true,  false, false, false, false, [10, 20, 30, 10, 10]),
        o("The Policing Review",        "policing-review",  false, true,  true,  false, false, [0, 10, 20, 60, 30]),
        o("Gulf Defence Wire",          "gulf-wire",        true,  false, true,  false, true,  [30, 40, 10, 20, 20]),
        o("Sahel Dispatch",             "sahel-dispatch",   false, true,  false, true,  true,  [20, 50, 50, 30, 10]),
        o("Atlantic Herald",            "atlantic-herald",  true,  false, true,  false, false, [0, 10, 10, 10, 60]),
        o("Capital Observer",           "capital-observer", false, false, false, true,  false, [60, 60, 40, 20, 20]),
        o("Continental Police Journal", "cpj",              true,  true,  true,  false, false, [10, 20, 20, 70, 10]),
        o("Levant Daily Brief",         "levant-brief",     false, false, true,  true,  true,  [40, 30, 30, 10, 30]),
        o("Asia-Pacific Security Post", "apsp",             true,  false, true,  false, false, [20, 20, 0, 20, 40]),
        o("Andes Tribune",              "andes-tribune",    false, true,  false, false, true,  [30, 30, 30, 30, 30]),
        o("Euro Security Digest",       "esd",              true,  true,  true,  false, false, [0, 10, 0, 40, 70]),
        o("Horn Times Online",          "horn-times",       false, false, false, true,  false, [50, 70, 60, 20, 10]),
        o("Mediterranean Wire",         "med-wire",         true,  true,  false, false, true,  [70, 40, 30, 30, 20]),
        o("Interior Affairs Weekly",    "iaw",              false, false, true,  false, false, [10, 10, 30, 50, 20]),
        o("The Border Report",          "border-report",    true,  false, false, false, false, [20, 30, 70, 10, 10]),
        o("Crescent News Agency",       "crescent-news",    true,  true,  true,  true,  true,  [40, 60, 20, 40, 20]),
    ]
}
