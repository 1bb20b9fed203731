//! One article: a story in the genre's shapes (a trip abroad, a visiting delegation, a signing
//! ceremony, a year's review with a section per partner, work with an international
//! organisation, talks on the sidelines of a conference), extra paragraphs of earlier or
//! planned cooperation, sentences that mention countries without any event, and page
//! boilerplate. Every event sentence is written together with its gold event, following the
//! corpus README's conventions, so the answer key cannot drift from the text.

use serde::Serialize;

use super::calendar::{self, PDate, Prec, When};
use super::names;
use super::world::{Nation, Outlet, Person, Post, Role, World, possessive, with_the};
use super::{Rng, cap};

#[derive(Clone, Debug, Serialize)]
pub struct Cp {
    pub name: String,
    pub title: Option<String>,
    pub org: Option<String>,
    pub country: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoldEvent {
    pub kind: &'static str,
    pub date: Option<String>,
    pub partners: Vec<String>,
    pub counterparts: Vec<Cp>,
    pub focus: Vec<&'static str>,
    pub evidence: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoldArticle {
    pub article: String,
    pub focal_country: String,
    pub events: Vec<GoldEvent>,
}

/// A generated article: its id, the file's text, its gold events and the difficulty tags
/// planted in it (for the summary).
pub struct Generated {
    pub id: String,
    pub text: String,
    pub gold: GoldArticle,
    pub tags: Vec<&'static str>,
}

enum Block {
    Para(Vec<String>),
    Line(String),
}

/// How a person is introduced.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// "Eric Snoeck, Commissioner General of the Belgian Federal Police"
    Appos,
    /// "Spanish Interior Minister Fernando García"
    Pre,
    /// "France's Director General of Internal Security, Nicolas Moreau"
    Poss,
    /// "Director General of the French National Police (DGPN), Frédéric Girard"
    TitleFirst,
}

struct Area {
    name: &'static str,
    threat: &'static [&'static str],
    domain: &'static [&'static str],
    weight: usize,
}

/// The focus areas with the words news uses for them (synonyms from data/focus.toml and a few
/// it lacks, such as "narco-trafficking"). `threat` phrases can follow "the fight against".
#[rustfmt::skip]
const AREAS: &[Area] = &[
    Area { name: "counterterrorism", weight: 10,
        threat: &["terrorism", "violent extremism", "jihadist networks", "radicalisation", "extremist groups"],
        domain: &["counterterrorism", "counter-terrorism", "the fight against terrorism"] },
    Area { name: "organized crime", weight: 10,
        threat: &["organized crime", "organised crime", "cross-border crime", "transnational crime",
                  "transnational organized crime", "criminal networks"],
        domain: &["the fight against organized crime"] },
    Area { name: "drug trafficking", weight: 7,
        threat: &["drug trafficking", "drug smuggling", "cocaine trafficking", "the drug trade", "narco-trafficking"],
        domain: &["the fight against drug trafficking"] },
    Area { name: "human trafficking", weight: 4,
        threat: &["human trafficking", "trafficking in human beings", "trafficking in persons", "people trafficking"],
        domain: &[] },
    Area { name: "illegal migration", weight: 6,
        threat: &["illegal migration", "irregular migration", "irregular immigration", "migrant smuggling"],
        domain: &["migration management"] },
    Area { name: "border security", weight: 5,
        threat: &[],
        domain: &["border security", "border control", "border management", "border surveillance"] },
    Area { name: "cybercrime", weight: 6,
        threat: &["cybercrime", "cyber threats", "digital crime", "online crime", "cyberattacks"],
        domain: &["cybersecurity"] },
    Area { name: "money laundering", weight: 4,
        threat: &["money laundering", "money-laundering networks"],
        domain: &[] },
    Area { name: "terrorism financing", weight: 3,
        threat: &["terrorist financing", "the financing of terrorism", "terror financing"],
        domain: &[] },
    Area { name: "intelligence sharing", weight: 8,
        threat: &[],
        domain: &["intelligence sharing", "the exchange of intelligence", "information exchange",
                  "the exchange of information", "intelligence-sharing", "the exchange of security information"] },
    Area { name: "training", weight: 4,
        threat: &[],
        domain: &["training", "capacity building", "capacity-building", "police training"] },
    Area { name: "major event security", weight: 4,
        threat: &[],
        domain: &["the security of major events", "securing major sporting events", "sports security",
                  "the security of the World Cup", "the security of the Africa Cup of Nations",
                  "the protection of mass gatherings"] },
    Area { name: "technology", weight: 4,
        threat: &[],
        domain: &["new technologies", "technological innovation", "artificial intelligence", "the use of drones"] },
    Area { name: "forensics", weight: 3,
        threat: &[],
        domain: &["forensic science", "DNA analysis", "digital forensics", "fingerprint identification"] },
    Area { name: "judicial cooperation", weight: 3,
        threat: &[],
        domain: &["judicial cooperation", "mutual legal assistance", "legal cooperation"] },
    Area { name: "extradition", weight: 3,
        threat: &[],
        domain: &["extradition", "the extradition of fugitives", "tracking internationally wanted criminals"] },
];

const PRAISE: &[&str] = &[
    "exceptional",
    "exemplary",
    "excellent",
    "outstanding",
    "a model",
    "remarkable",
    "strategic",
    "solid",
];

/// Agreement nouns, with the focus area the noun itself names.
const AGREEMENTS: &[(&str, Option<&str>)] = &[
    ("memorandum of understanding", None),
    ("joint action plan", None),
    ("security cooperation agreement", None),
    ("cooperation protocol", None),
    ("roadmap", None),
    ("cooperation agreement", None),
    ("extradition agreement", Some("extradition")),
    (
        "mutual legal assistance agreement",
        Some("judicial cooperation"),
    ),
    ("technical cooperation programme", None),
    ("letter of intent", None),
];

const MEDALS: &[&str] = &[
    "Medal of Honour",
    "Order of Merit",
    "Grand Cross of Police Merit",
    "Gold Medal of Honor",
    "Medal of Internal Security",
    "Order of Civil Merit",
    "Distinguished Service Medal",
    "Commander's Cross of the Order of Merit",
];

/// Unrelated headlines for the timed lists outlets print above articles ({C}, {D}: a country
/// and its adjective). Some read like cooperation news on purpose.
const HEADLINES: &[&str] = &[
    "{C} unveils new budget amid inflation concerns",
    "Heatwave grips {C} as temperatures soar",
    "{D} national team books its place in the World Cup",
    "Stock markets rally after central bank decision",
    "{D} opposition calls for early elections",
    "Tourist arrivals to {C} hit a record high",
    "{D} court sentences former minister to five years",
    "Wildfires force evacuations in southern {C}",
    "{D} airline adds new routes to Africa",
    "Fuel prices rise for a third week in a row",
    "{C} and {C2} sign trade deal on fertilisers",
    "{D} president receives {D2} foreign minister",
    "Pistachio shortage: how a viral chocolate upset the market",
    "Artificial intelligence joins the classroom in {D} schools",
    "Floods cut roads in northern {C}",
    "{C} bans single-use plastics from January",
    "Housing prices in {C} climb despite new rules",
    "Football: {D} club signs a new striker",
    "{D} parliament adopts the finance bill",
    "Drought: {C} rations water in three provinces",
];

/// Whether a later mention `short` could stand for the person named `full` ("Ortega" for
/// "José Luis Medina Ortega").
fn name_within(short: &str, full: &str) -> bool {
    format!(" {full} ").contains(&format!(" {short} "))
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "an" before a vowel, as it reads in these phrases.
fn a_an(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// A misspelling of a country name as scraped text has them ("Frane"): a letter dropped,
/// doubled, or two swapped, inside the longest word.
fn typo(rng: &mut Rng, name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let (wi, word) = words
        .iter()
        .enumerate()
        .max_by_key(|(_, w)| w.chars().count())
        .map(|(i, w)| (i, *w))
        .unwrap_or((0, name));
    let mut cs: Vec<char> = word.chars().collect();
    if cs.len() < 5 {
        return name.to_owned();
    }
    let i = 1 + rng.below(cs.len() - 3);
    match rng.below(3) {
        0 => {
            cs.remove(i + 1);
        }
        1 => {
            cs.swap(i, i + 1);
        }
        _ => {
            let c = cs[i];
            cs.insert(i, c);
        }
    }
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    out[wi] = cs.into_iter().collect();
    out.join(" ")
}

/// The partner of a story: a country or an international organisation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Nation(usize),
    Body(usize),
}

struct Ctx<'w> {
    w: &'w World,
    r: Rng,
    pubd: PDate,
    out: &'w Outlet,
    home: usize,
    /// The home side's lead official, the protagonist.
    hl: Person,
    blocks: Vec<Block>,
    events: Vec<GoldEvent>,
    /// (name, title as written, short name) of the people already introduced.
    introduced: Vec<(String, String, String)>,
    tags: Vec<&'static str>,
    /// Context paragraph kinds used so far (some are told once per article).
    used: Vec<usize>,
}

impl<'w> Ctx<'w> {
    // ----- text -------------------------------------------------------------------------

    /// The outlet's apostrophes (names contain none, so only template text changes).
    fn style(&self, s: &str) -> String {
        if self.out.curly {
            s.replace('\'', "’")
        } else {
            s.to_owned()
        }
    }
    fn quote(&self, s: &str) -> String {
        if self.out.curly {
            format!("“{s}”")
        } else {
            format!("\"{s}\"")
        }
    }
    /// Adds a sentence to the current paragraph; returns it as written (the evidence).
    fn say(&mut self, s: String) -> String {
        let s = self.style(&cap(&s));
        match self.blocks.last_mut() {
            Some(Block::Para(v)) => v.push(s.clone()),
            _ => self.blocks.push(Block::Para(vec![s.clone()])),
        }
        s
    }
    fn para(&mut self) {
        if !matches!(self.blocks.last(), Some(Block::Para(v)) if v.is_empty()) {
            self.blocks.push(Block::Para(Vec::new()));
        }
    }
    fn heading(&mut self, s: &str) {
        let s = self.style(s);
        self.blocks.push(Block::Line(s));
        self.blocks.push(Block::Para(Vec::new()));
    }
    fn tag(&mut self, t: &'static str) {
        self.tags.push(t);
    }
    fn when_tag(&mut self, w: &When) {
        self.tags.push(w.tag);
    }

    // ----- countries and people -----------------------------------------------------------

    fn nation(&self, i: usize) -> &'w Nation {
        &self.w.nations[i]
    }
    fn h(&self) -> &'w Nation {
        self.nation(self.home)
    }
    /// The adjective for a side: "French", "Aruba's", "INTERPOL".
    fn side_adj(&self, s: Side) -> String {
        match s {
            Side::Nation(i) => self.nation(i).adj(),
            Side::Body(b) => self.w.bodies[b].code.to_owned(),
        }
    }
    fn side_code(&self, s: Side) -> String {
        match s {
            Side::Nation(i) => self.nation(i).code.clone(),
            Side::Body(b) => self.w.bodies[b].code.to_owned(),
        }
    }
    /// "the Belgian" or, for a country without an adjective, "Aruba's".
    fn the_adj(&self, i: usize) -> String {
        let n = self.nation(i);
        match &n.dem {
            Some(d) => format!("the {d}"),
            None => possessive(&n.the_name()),
        }
    }
    /// "12 Belgian officers" or "12 officers from Aruba".
    fn from(&self, i: usize, count: usize, noun: &str) -> String {
        let n = self.nation(i);
        match &n.dem {
            Some(d) => format!("{count} {d} {noun}"),
            None => format!("{count} {noun} from {}", n.the_name()),
        }
    }
    /// "French officials" or "officials of Aruba".
    fn officials(&self, i: usize) -> String {
        let n = self.nation(i);
        match &n.dem {
            Some(d) => format!("{d} officials"),
            None => format!("officials of {}", n.the_name()),
        }
    }
    /// How a country is named as a place: usually its name, sometimes an alternative name,
    /// its capital or another city, "the Belgian capital", or a misspelling.
    fn place(&mut self, i: usize) -> String {
        let n = self.nation(i);
        let r = self.r.below(100);
        if r < 8 && !n.aliases.is_empty() {
            self.tag("alias");
            return self.r.pick(&n.aliases).clone();
        }
        if r < 28
            && let Some(c) = &n.capital
        {
            self.tag("city");
            return c.clone();
        }
        if r < 34 && !n.cities.is_empty() {
            self.tag("city");
            return self.r.pick(&n.cities).clone();
        }
        if r < 37
            && let (Some(d), Some(_)) = (&n.dem, &n.capital)
        {
            self.tag("demonym-place");
            return format!("the {d} capital");
        }
        if r >= 97 && !n.the && n.name.chars().count() >= 5 {
            let t = typo(&mut self.r, &n.name);
            if t != n.name {
                self.tag("typo");
                return t;
            }
        }
        n.the_name()
    }
    /// A city of the country for "in <city>" (its capital most often), else its name.
    fn city(&mut self, i: usize) -> String {
        let n = self.nation(i);
        match (&n.capital, n.cities.is_empty()) {
            (Some(c), true) => c.clone(),
            (Some(c), false) if self.r.chance(60) => c.clone(),
            (_, false) => self.r.pick(&n.cities).clone(),
            (None, true) => n.the_name(),
        }
    }
    /// Up to `k` different officials of a side, never the home lead.
    fn people(&mut self, s: Side, k: usize) -> Vec<Person> {
        let cast: &'w [Person] = match s {
            Side::Nation(i) => &self.nation(i).cast,
            Side::Body(b) => &self.w.bodies[b].cast,
        };
        let mut idx: Vec<usize> = (0..cast.len()).collect();
        // Fisher-Yates, then people not yet in the article first, so that context
        // paragraphs bring in new names rather than repeating one.
        for j in 0..idx.len() {
            let t = j + self.r.below(idx.len() - j);
            idx.swap(j, t);
        }
        idx.sort_by_key(|&j| self.is_in(&cast[j]));
        let mut out: Vec<Person> = Vec::new();
        for &j in &idx {
            let p = &cast[j];
            if out.len() < k
                && p.name.full != self.hl.name.full
                && !self.clashes(p)
                && !out.iter().any(|o| {
                    name_within(&o.name.short, &p.name.full)
                        || name_within(&p.name.short, &o.name.full)
                })
            {
                out.push(p.clone());
            }
        }
        out
    }
    fn home_person(&mut self, role: Role) -> Person {
        let cast = &self.h().cast;
        let hl = &self.hl.name.full;
        cast.iter()
            .find(|p| p.post.role == role && p.name.full != *hl && !self.clashes(p))
            .or_else(|| cast.iter().find(|p| p.name.full != *hl && !self.clashes(p)))
            .unwrap_or(&cast[0])
            .clone()
    }
    /// A one-off official: the ambassador of `p` in the home country.
    fn ambassador(&mut self, p: usize) -> Person {
        let n = self.nation(p);
        let female = self.r.chance(25);
        let mut name = names::make(&mut self.r, n.region, female);
        for _ in 0..5 {
            let taken = name_within(&name.short, &self.hl.name.full)
                || name_within(&self.hl.name.short, &name.full)
                || self
                    .introduced
                    .iter()
                    .any(|(f, _, s)| name_within(&name.short, f) || name_within(s, &name.full));
            if !taken {
                break;
            }
            name = names::make(&mut self.r, n.region, female);
        }
        let home = self.h().the_name();
        Person {
            name,
            female,
            rank: None,
            side: n.code.clone(),
            post: Post {
                title: format!("Ambassador to {home}"),
                acr: None,
                pre: "Ambassador".into(),
                org: Some(format!("Embassy of {} in {home}", n.the_name())),
                qualified: false,
                anchored: false,
                alt: None,
                role: Role::Cooperation,
            },
        }
    }
    fn he(p: &Person) -> &'static str {
        if p.female { "she" } else { "he" }
    }
    fn his(p: &Person) -> &'static str {
        if p.female { "her" } else { "his" }
    }
    fn mark(&mut self, p: &Person, title: String) {
        self.introduced
            .push((p.name.full.clone(), title, p.name.short.clone()));
    }
    /// Another person of the article is referred to by the same surname: later mentions
    /// would be ambiguous, so such a person is not brought in.
    fn clashes(&self, p: &Person) -> bool {
        // "Ortega" would do for Ana Belén Ortega and for José Luis Medina Ortega.
        let same = |full: &str, short: &str| {
            full != p.name.full
                && (name_within(&p.name.short, full) || name_within(short, &p.name.full))
        };
        same(&self.hl.name.full, &self.hl.name.short)
            || self.introduced.iter().any(|(f, _, s)| same(f, s))
    }
    fn is_in(&self, p: &Person) -> bool {
        self.introduced.iter().any(|(n, _, _)| *n == p.name.full)
    }
    /// A person's name with rank or courtesy title, as news writes it at first mention.
    fn name_part(&mut self, p: &Person) -> String {
        if let Some(rank) = p.rank {
            self.tag("rank");
            format!("{rank} {}", p.name.full)
        } else if self.out.mr && self.r.chance(50) {
            self.tag("honorific");
            let h = if p.female { "Ms." } else { "Mr." };
            format!("{h} {}", p.name.full)
        } else {
            p.name.full.clone()
        }
    }
    /// The first mention of a person in the given form, or the surname once introduced.
    fn who(&mut self, p: &Person, form: Form) -> String {
        if self.is_in(p) {
            self.tag("surname-later");
            return p.name.short.clone();
        }
        let title = match &p.post.alt {
            Some(alt) if self.r.chance(8) => {
                self.tag("title-variant");
                alt.clone()
            }
            _ => p.post.title.clone(),
        };
        self.mark(p, title.clone());
        let side = match self.w.bodies.iter().position(|b| b.code == p.side) {
            Some(b) => Side::Body(b),
            None => Side::Nation(self.w.index_of(&p.side).unwrap_or(self.home)),
        };
        let adj = self.side_adj(side);
        let poss = match side {
            Side::Nation(i) => possessive(&self.nation(i).the_name()),
            Side::Body(b) => possessive(self.w.bodies[b].code),
        };
        let acr = match &p.post.acr {
            Some(a) if !title.contains(a.as_str()) && self.r.chance(60) => format!(" ({a})"),
            _ => String::new(),
        };
        let np = self.name_part(p);
        let form = if form == Form::Poss && p.post.qualified {
            Form::Appos
        } else {
            form
        };
        let anchored = p.post.anchored || matches!(side, Side::Body(_));
        match form {
            Form::Appos if anchored => {
                self.tag("appositive");
                format!("{np}, {title}{acr}")
            }
            Form::Appos => {
                // "Minister of the Interior" alone would not say of which country.
                self.tag("appositive");
                let name = match side {
                    Side::Nation(i) => self.nation(i).the_name(),
                    Side::Body(_) => String::new(),
                };
                match self.r.below(3) {
                    0 if !adj.ends_with('s') => format!("{np}, {adj} {title}"),
                    1 => format!("{np}, {title} of {name}"),
                    _ => format!("{np}, {poss} {title}"),
                }
            }
            Form::Pre => {
                self.tag("prenominal");
                let pre = &p.post.pre;
                if p.post.acr.as_deref().is_some_and(|a| pre.starts_with(a)) && self.r.chance(50) {
                    self.tag("acronym-only");
                    format!("{pre} {np}")
                } else if matches!(side, Side::Body(_)) {
                    format!("{pre} {np}")
                } else {
                    format!("{adj} {pre} {np}")
                }
            }
            Form::Poss => {
                self.tag("possessive");
                format!("{poss} {title}, {np}")
            }
            Form::TitleFirst => {
                self.tag("title-first");
                let t = if anchored || !acr.is_empty() {
                    format!("{title}{acr}")
                } else {
                    format!("{adj} {title}")
                };
                if t.split(' ').count() <= 5 && acr.is_empty() {
                    format!("{t} {np}")
                } else {
                    format!("{t}, {np}")
                }
            }
        }
    }
    /// `who` for a mention followed by more of the clause: an appositive is closed with a
    /// comma ("Eric Snoeck, Commissioner General of ..., praised").
    fn whoc(&mut self, p: &Person, form: Form) -> String {
        let s = self.who(p, form);
        if s.contains(", ") { s + "," } else { s }
    }
    fn random_form(&mut self) -> Form {
        *self.r.pick(&[
            Form::Appos,
            Form::Appos,
            Form::Pre,
            Form::Pre,
            Form::Poss,
            Form::TitleFirst,
        ])
    }
    /// "his French counterpart, Frédéric Girard, Director General of the National Police"
    /// (closed with a comma when it continues).
    fn counterpart(&mut self, host: &Person, p: &Person, side: Side) -> String {
        if self.is_in(p) {
            return p.name.short.clone();
        }
        self.tag("counterpart");
        let adj = self.side_adj(side);
        let title = p.post.title.clone();
        let (adj, title) = if adj.ends_with('s') {
            // No adjective ("Aruba's"): name the country in the title.
            let name = match side {
                Side::Nation(i) => self.nation(i).the_name(),
                Side::Body(b) => self.w.bodies[b].code.to_owned(),
            };
            if p.post.anchored {
                (String::new(), title)
            } else {
                (String::new(), format!("{title} of {name}"))
            }
        } else if p.post.anchored && self.r.chance(25) {
            (String::new(), title)
        } else {
            (format!("{adj} "), title)
        };
        self.mark(p, title.clone());
        let np = self.name_part(p);
        format!("{} {adj}counterpart, {np}, {title}", Self::his(host))
    }
    fn cp(&self, p: &Person) -> Cp {
        let title = self
            .introduced
            .iter()
            .find(|(n, _, _)| *n == p.name.full)
            .map(|(_, t, _)| t.clone())
            .unwrap_or_else(|| p.post.title.clone());
        Cp {
            name: p.name.full.clone(),
            title: Some(self.style(&title)),
            org: p.post.org.as_ref().map(|o| self.style(o)),
            country: p.side.clone(),
        }
    }
    fn hl_cp(&self) -> Cp {
        self.cp(&self.hl)
    }

    // ----- focus ----------------------------------------------------------------------------

    fn areas(&mut self, k: usize, threats_only: bool) -> Vec<&'static Area> {
        let pool: Vec<&'static Area> = AREAS
            .iter()
            .filter(|a| !threats_only || !a.threat.is_empty())
            .collect();
        let total: usize = pool.iter().map(|a| a.weight).sum();
        let mut out: Vec<&'static Area> = Vec::new();
        for _ in 0..50 {
            if out.len() >= k {
                break;
            }
            let mut r = self.r.below(total);
            for a in &pool {
                if r < a.weight {
                    if !out.iter().any(|o| o.name == a.name) {
                        out.push(a);
                    }
                    break;
                }
                r -= a.weight;
            }
        }
        out
    }
    /// Focus words for `k` areas: (phrase list, area names).
    fn focus(&mut self, k: usize) -> (String, Vec<&'static str>) {
        let areas = self.areas(k, false);
        let mut phrases = Vec::new();
        for a in &areas {
            let both: Vec<&'static str> = a.threat.iter().chain(a.domain).copied().collect();
            phrases.push((*self.r.pick(&both)).to_owned());
        }
        (join_and(&phrases), areas.iter().map(|a| a.name).collect())
    }
    /// Threat words for "the fight against ...".
    fn threats(&mut self, k: usize) -> (String, Vec<&'static str>) {
        let areas = self.areas(k, true);
        let phrases: Vec<String> = areas
            .iter()
            .map(|a| (*self.r.pick(a.threat)).to_owned())
            .collect();
        (join_and(&phrases), areas.iter().map(|a| a.name).collect())
    }
    /// One to three areas, as a sentence usually names.
    fn focus_some(&mut self) -> (String, Vec<&'static str>) {
        let k = 1 + self.r.below(3);
        self.focus(k)
    }
    fn focus_more(&mut self) -> (String, Vec<&'static str>) {
        let k = 2 + self.r.below(3);
        self.focus(k)
    }
    fn threats_some(&mut self) -> (String, Vec<&'static str>) {
        let k = 1 + self.r.below(3);
        self.threats(k)
    }

    // ----- events ---------------------------------------------------------------------------

    fn event(
        &mut self,
        kind: &'static str,
        date: Option<PDate>,
        partner: Side,
        counterparts: Vec<Cp>,
        focus: Vec<&'static str>,
        evidence: &str,
    ) -> usize {
        let mut f: Vec<&'static str> = Vec::new();
        for a in focus {
            if !f.contains(&a) {
                f.push(a);
            }
        }
        self.events.push(GoldEvent {
            kind,
            date: date.map(PDate::gold),
            partners: vec![self.side_code(partner)],
            counterparts,
            focus: f,
            evidence: evidence.to_owned(),
            optional: false,
            status: None,
            note: None,
        });
        self.events.len() - 1
    }
    fn optional(&mut self, i: usize, note: &str) {
        self.events[i].optional = true;
        self.events[i].note = Some(note.to_owned());
        self.tag("optional");
    }
    fn planned(&mut self, i: usize) {
        self.events[i].status = Some("planned");
    }
    /// A later sentence referring back to event `i` ("The agreement, signed ..."): its
    /// focus joins the event and the sentence joins the evidence.
    fn anaphora(&mut self, i: usize, sentence: &str, focus: &[&'static str]) {
        self.tag("anaphora");
        let e = &mut self.events[i];
        e.evidence.push_str(" ... ");
        e.evidence.push_str(sentence);
        for a in focus {
            if !e.focus.contains(a) {
                e.focus.push(a);
            }
        }
    }
    fn add_focus(&mut self, idx: &[usize], focus: &[&'static str]) {
        for &i in idx {
            for a in focus {
                if !self.events[i].focus.contains(a) {
                    self.events[i].focus.push(a);
                }
            }
        }
    }
    fn required(&self) -> usize {
        self.events.iter().filter(|e| !e.optional).count()
    }
    fn agreement_noun(&mut self) -> (String, Option<&'static str>) {
        let (n, f) = *self.r.pick(AGREEMENTS);
        if n == "joint action plan" && self.r.chance(50) {
            let y = self.pubd.ymd.y;
            return (format!("joint action plan for {}-{}", y + 1, y + 2), f);
        }
        (n.to_owned(), f)
    }
    fn agreement_short(noun: &str) -> &'static str {
        if noun.starts_with("memorandum") {
            "memorandum"
        } else if noun.contains("plan") {
            "plan"
        } else if noun.contains("protocol") {
            "protocol"
        } else if noun.contains("roadmap") {
            "roadmap"
        } else if noun.contains("programme") {
            "programme"
        } else if noun.contains("letter") {
            "letter"
        } else {
            "agreement"
        }
    }

    // ----- story shapes ---------------------------------------------------------------------

    /// The home lead's trip to the partner: a visit, meetings with named officials, often an
    /// agreement, an award or praise.
    fn trip(&mut self, p: usize) {
        let side = Side::Nation(p);
        let w = calendar::story(&mut self.r, self.pubd, self.out.uk_dates);
        self.when_tag(&w);
        let hl = self.hl.clone();
        let k = 1 + self.r.below(3);
        let mut met: Vec<Person> = self.people(side, k);
        let form = self.random_form();
        let intro = self.whoc(&hl, form);
        let place = self.place(p);
        let pn = self.nation(p);
        let his = Self::his(&hl);
        let officials = self.officials(p);
        let invitation = match &pn.dem {
            Some(d) => format!("{his} {d} counterparts"),
            None => format!("{his} counterparts in {}", pn.the_name()),
        };
        let (f, fa) = self.focus_some();
        let mut lead = self.r.below(7);
        if w.range && lead == 3 {
            lead = 0;
        }
        let mut meetings_done = false;
        let s = match lead {
            0 => format!(
                "{intro} paid a working trip to {place} {} at the invitation of {invitation}.",
                w.phrase
            ),
            1 => format!(
                "{intro} travelled to {place} {} for an official visit aimed at strengthening security cooperation between the two countries.",
                w.phrase
            ),
            2 => format!(
                "{intro} visited {place} {} at the head of a high-level security delegation.",
                w.phrase
            ),
            3 => format!(
                "{}, {intro} arrived in {place} for a {}-day working visit.",
                w.cap(),
                self.r.pick(&["two", "three", "four"])
            ),
            4 | 5 if met.len() >= 2 => {
                meetings_done = true;
                let a = self.whoc(&met[0], Form::TitleFirst);
                let b = self.who(&met[1], Form::TitleFirst);
                if lead == 4 {
                    format!(
                        "{intro} visited {place} {} to meet with {officials}, including {a} and {b}.",
                        w.phrase
                    )
                } else {
                    format!(
                        "{intro} led a security delegation to {place} {}, where {} met {officials}, including {a} and {b}.",
                        w.phrase,
                        Self::he(&hl)
                    )
                }
            }
            _ => format!(
                "{intro} began a working visit to {place} {} to discuss {f} with {officials}.",
                w.phrase
            ),
        };
        let s = self.say(s);
        let vfocus = if lead == 6 { fa } else { Vec::new() };
        let c = vec![self.hl_cp()];
        self.event("visit", w.date, side, c, vfocus, &s);
        let mut meet_idx = Vec::new();
        if meetings_done {
            let pair: Vec<Person> = met.drain(..2).collect();
            for x in &pair {
                let c = vec![self.cp(x), self.hl_cp()];
                meet_idx.push(self.event("meeting", w.cont(), side, c, vec![], &s));
            }
        }
        // The meetings of the trip.
        if !met.is_empty() {
            if self.r.chance(50) {
                self.para();
            }
            let hs = if self.r.chance(50) {
                self.tag("pronoun");
                Self::he(&hl).to_owned()
            } else {
                hl.name.short.clone()
            };
            let (f, fa) = self.focus_some();
            let s = if met.len() >= 3 || (met.len() == 2 && self.r.chance(60)) {
                self.tag("respectively");
                let list: Vec<String> = met
                    .clone()
                    .iter()
                    .map(|x| self.whoc(x, Form::Appos))
                    .collect();
                let list = match list.as_slice() {
                    [a, b] => format!("{a} and {b}"),
                    [a, b, c] => format!("{a} {b} and {c}"),
                    _ => list.join(" "),
                };
                let list = list.trim_end_matches(',').to_owned();
                format!(
                    "{hs} held a series of meetings and discussions with, respectively, {list}, focusing on {f}."
                )
            } else if met.len() == 2 {
                let a = self.who(&met[0].clone(), Form::Pre);
                let b = self.whoc(&met[1].clone(), Form::Appos);
                let b = b.trim_end_matches(',');
                format!("During the visit, {hs} met {a} and {b}, to discuss {f}.")
            } else {
                let x = met[0].clone();
                match self.r.below(4) {
                    0 => {
                        let c = self.counterpart(&hl, &x, side);
                        format!(
                            "{hs} had talks with {c}, in the presence of a large delegation, on {f}."
                        )
                    }
                    1 => {
                        let a = self.whoc(&x, Form::Poss);
                        format!("{hs} also held talks with {a} on {f}.")
                    }
                    2 => {
                        let a = self.who(&x, Form::TitleFirst);
                        format!("During the visit, {hs} met with {a} to discuss {f}.")
                    }
                    _ => {
                        let a = self.who(&x, Form::Pre);
                        format!(
                            "{hs} also met {a}, with whom {} discussed {f}.",
                            Self::he(&hl)
                        )
                    }
                }
            };
            let s = self.say(s);
            for x in &met {
                let c = vec![self.cp(x), self.hl_cp()];
                meet_idx.push(self.event("meeting", w.cont(), side, c, fa.clone(), &s));
            }
        }
        if !meet_idx.is_empty() && self.r.chance(40) {
            let (f, fa) = self.focus_some();
            let s = match self.r.below(3) {
                0 => format!("These talks focused on {f}."),
                1 => format!("The discussions centred on {f}."),
                _ => format!("The two sides reviewed ways of stepping up cooperation in {f}."),
            };
            self.say(s);
            self.add_focus(&meet_idx, &fa);
            self.tag("anaphora");
        }
        let partner_people: Vec<Person> = self.people(side, 2);
        if self.r.chance(55)
            && let Some(a) = partner_people.first().cloned()
        {
            self.signed_during(side, &a, &w);
        }
        if self.r.chance(35) {
            let a = partner_people.first().cloned();
            self.award_to_home(side, a.as_ref(), w.cont());
        }
        if self.r.chance(35) && partner_people.len() > 1 {
            let a = partner_people[1].clone();
            self.praise(side, &a, w.cont(), None);
        }
        if self.r.chance(30) {
            let s = match self.r.below(3) {
                0 => "This visit is part of the two services' commitment to the international security cooperation system.".to_owned(),
                1 => format!(
                    "The visit reflects the depth of the relations between {} and {}.",
                    self.h().the_name(),
                    self.nation(p).the_name()
                ),
                _ => "The trip confirmed the shared will to deepen operational coordination."
                    .to_owned(),
            };
            self.say(s);
        }
    }

    /// "On this occasion, X and Y signed a memorandum ..." with, often, a sentence that
    /// refers back to it.
    fn signed_during(&mut self, side: Side, a: &Person, w: &When) {
        let hl = self.hl.clone();
        let (noun, nf) = self.agreement_noun();
        let (f, mut fa) = self.focus_some();
        fa.extend(nf);
        let hs = hl.name.short.clone();
        let an = a_an(&noun);
        let s = match self.r.below(4) {
            0 => {
                let aw = self.whoc(a, Form::Appos);
                format!("On this occasion, {hs} and {aw} signed {an} {noun} on {f}.")
            }
            1 => {
                let aw = self.who(a, Form::Pre);
                format!(
                    "{hs} and {aw} also inked {an} {noun} aimed at strengthening cooperation in {f}."
                )
            }
            2 => {
                let c = self.counterpart(&hl, a, side);
                format!("{hs} signed {an} {noun} with {c}, covering {f}.")
            }
            _ => {
                let aw = self.who(a, Form::Poss);
                format!(
                    "{} {noun} on {f} was signed during the visit by {hs} and {aw}.",
                    cap(an)
                )
            }
        };
        let s = self.say(s);
        let c = vec![self.cp(a), self.hl_cp()];
        let i = self.event("agreement", w.cont(), side, c, fa, &s);
        if self.r.chance(50) {
            let (f2, fa2) = self.focus_some();
            let short = Self::agreement_short(&noun);
            let s2 = match self.r.below(3) {
                0 => format!("The {short}, signed at the end of the talks, provides for {f2}."),
                1 => format!("The {short} also covers {f2}."),
                _ => format!("This {short} paves the way for closer cooperation in {f2}."),
            };
            let s2 = self.say(s2);
            self.anaphora(i, &s2, &fa2);
        }
    }

    /// A decoration given to the home lead by the partner side.
    fn award_to_home(&mut self, side: Side, a: Option<&Person>, date: Option<PDate>) {
        let hl = self.hl.clone();
        let hs = hl.name.short.clone();
        let medal = *self.r.pick(MEDALS);
        let the_adj = match side {
            Side::Nation(i) => self.the_adj(i),
            Side::Body(b) => self.w.bodies[b].code.to_owned(),
        };
        let his = Self::his(&hl);
        let (s, cps) = match (a, self.r.below(3)) {
            (Some(a), 0) => {
                let aw = self.who(a, Form::Appos);
                (
                    format!(
                        "{hs} was awarded the {medal} by {aw}, in recognition of {his} efforts to strengthen security cooperation."
                    ),
                    vec![self.cp(a), self.hl_cp()],
                )
            }
            (Some(a), 1) => {
                let aw = self.who(a, Form::Pre);
                (
                    format!(
                        "At the end of the visit, {aw} presented {hs} with the {medal}, one of the highest distinctions of {the_adj} police."
                    ),
                    vec![self.cp(a), self.hl_cp()],
                )
            }
            _ => (
                format!(
                    "{hs} was awarded the {medal} of {the_adj} police in appreciation of {his} contribution to regional security."
                ),
                vec![self.hl_cp()],
            ),
        };
        let s = self.say(s);
        self.event("award", date, side, cps, vec![], &s);
    }

    /// Praise of the home country by a partner official (a `statement`).
    fn praise(&mut self, side: Side, a: &Person, date: Option<PDate>, when: Option<&When>) {
        let hname = self.h().the_name();
        let hposs = possessive(&hname);
        let hadj = self.the_adj(self.home);
        let (t, ta) = self.threats_some();
        let pw = *self.r.pick(PRAISE);
        let word = self.quote(pw);
        let wp = when.map(|w| format!(" {}", w.phrase)).unwrap_or_default();
        let (s, focus) = match self.r.below(5) {
            0 => {
                let aw = self.whoc(a, Form::Appos);
                (
                    format!("{aw} praised {hposs} role in the fight against {t}{wp}."),
                    ta,
                )
            }
            1 => {
                let aw = self.who(a, Form::Pre);
                (
                    format!("{aw} called the partnership with {hname} {word}{wp}."),
                    Vec::new(),
                )
            }
            2 => {
                let aw = self.whoc(a, Form::Appos);
                (
                    format!(
                        "For {} part, {aw} expressed deep appreciation for {hposs} contribution to the fight against {t}{wp}.",
                        Self::his(a)
                    ),
                    ta,
                )
            }
            3 => {
                let aw = self.whoc(a, Form::Poss);
                (
                    format!(
                        "{aw} commended {hadj} services for their cooperation against {t}{wp}."
                    ),
                    ta,
                )
            }
            _ => {
                let aw = self.who(a, Form::Pre);
                (
                    format!(
                        "{aw} described {hname} as a reliable partner in the fight against {t}{wp}."
                    ),
                    ta,
                )
            }
        };
        let s = self.say(s);
        let c = vec![self.cp(a)];
        self.event("statement", date, side, c, focus, &s);
    }

    /// "the headquarters of <this>": the home lead's organisation, or the interior ministry.
    fn home_venue(&mut self) -> String {
        match &self.hl.post.org {
            Some(o) if self.r.chance(75) => with_the(o),
            _ => format!("{} Ministry of the Interior", self.the_adj(self.home)),
        }
    }

    /// A partner official's visit to the home country, received by the home lead.
    fn host(&mut self, p: usize) {
        let side = Side::Nation(p);
        let w = calendar::story(&mut self.r, self.pubd, self.out.uk_dates);
        self.when_tag(&w);
        let hl = self.hl.clone();
        let Some(a) = self.people(side, 1).first().cloned() else {
            return self.trip(p);
        };
        let hplace = self.place(self.home);
        let hname = self.h().the_name();
        let hcity = self.city(self.home);
        let days = *self.r.pick(&["two", "three", "four"]);
        let delegation = match &self.nation(p).dem {
            Some(d) => format!("{} {d}", a_an(d)),
            None => "a".to_owned(),
        };
        let variant = if w.range { 0 } else { self.r.below(4) };
        let meeting = match variant {
            0 => {
                let form = self.random_form();
                let aw = self.whoc(&a, form);
                let s = self.say(format!(
                    "{aw} arrived in {hplace} {} for a {days}-day working visit.",
                    w.phrase
                ));
                let c = vec![self.cp(&a)];
                self.event("visit", w.date, side, c, vec![], &s);
                let form = self.random_form();
                let hw = self.whoc(&hl, form);
                let venue = self.home_venue();
                let s = self.say(format!(
                    "{} was received by {hw} at the headquarters of {venue} in {hcity}.",
                    a.name.short
                ));
                let c = vec![self.cp(&a), self.hl_cp()];
                self.event("meeting", w.cont(), side, c, vec![], &s)
            }
            1 => {
                let form = self.random_form();
                let hw = self.whoc(&hl, form);
                let c = self.counterpart(&hl, &a, side);
                let s = self.say(format!(
                    "{hw} received {c}, who is on an official visit to {hname}, {}.",
                    w.phrase
                ));
                let c1 = vec![self.cp(&a)];
                self.event("visit", w.date, side, c1, vec![], &s);
                let c2 = vec![self.cp(&a), self.hl_cp()];
                self.event("meeting", w.date, side, c2, vec![], &s)
            }
            2 => {
                let form = self.random_form();
                let hw = self.whoc(&hl, form);
                let aw = self.who(&a, Form::Pre);
                let s = self.say(format!(
                    "{hw} held talks {} in {hcity} with {aw}, who led {delegation} security delegation on a working visit to {hname}.",
                    w.phrase
                ));
                let c1 = vec![self.cp(&a)];
                self.event("visit", w.date, side, c1, vec![], &s);
                let c2 = vec![self.cp(&a), self.hl_cp()];
                self.event("meeting", w.date, side, c2, vec![], &s)
            }
            _ => {
                let form = self.random_form();
                let hw = self.whoc(&hl, form);
                let aw = self.who(&a, Form::Appos);
                let s = self.say(format!(
                    "{}, {hw} welcomed {aw}, at the start of a {days}-day visit to {hname}.",
                    w.cap()
                ));
                let c1 = vec![self.cp(&a)];
                self.event("visit", w.date, side, c1, vec![], &s);
                let c2 = vec![self.cp(&a), self.hl_cp()];
                self.event("meeting", w.date, side, c2, vec![], &s)
            }
        };
        if self.r.chance(60) {
            let (f, fa) = self.focus_some();
            let s = self.say(format!(
                "During the talks, the two officials discussed {f}."
            ));
            self.anaphora(meeting, &s, &fa);
        }
        if self.r.chance(30) {
            let m = self.home_person(Role::Minister);
            let mw = self.who(&m, Form::Pre);
            let s = self.say(format!("{} was also received by {mw}.", a.name.short));
            let c = vec![self.cp(&a), self.cp(&m)];
            self.event("meeting", w.cont(), side, c, vec![], &s);
        }
        if self.r.chance(30) {
            let (ta, city) = (self.the_adj(self.home), self.city(self.home));
            self.say(format!(
                "The delegation also toured {ta} police training centre in {city}."
            ));
        }
        if self.r.chance(45) {
            self.signed_during(side, &a, &w);
        }
        if self.r.chance(55) {
            self.praise(side, &a, w.cont(), None);
        }
        if self.r.chance(20) {
            // The home lead decorates the guest.
            let medal = *self.r.pick(MEDALS);
            let hadj = self.the_adj(self.home);
            let s = self.say(format!(
                "{} presented {} with {hadj} {medal} in recognition of {} commitment to bilateral cooperation.",
                hl.name.short,
                a.name.short,
                Self::his(&a)
            ));
            let c = vec![self.cp(&a), self.hl_cp()];
            self.event("award", w.cont(), side, c, vec![], &s);
        }
    }

    /// A signing ceremony, in the style of an agency's press release.
    fn signing(&mut self, p: usize) {
        let side = Side::Nation(p);
        let mut w = calendar::story(&mut self.r, self.pubd, self.out.uk_dates);
        for _ in 0..5 {
            if !w.range {
                break;
            }
            w = calendar::story(&mut self.r, self.pubd, self.out.uk_dates);
        }
        self.when_tag(&w);
        let hl = self.hl.clone();
        let Some(a) = self.people(side, 1).first().cloned() else {
            return self.trip(p);
        };
        let (noun, nf) = self.agreement_noun();
        let (f, mut fa) = self.focus_more();
        fa.extend(nf);
        let an = a_an(&noun);
        let short = Self::agreement_short(&noun);
        let venue = self.home_venue();
        let hcity = self.city(self.home);
        let hname = self.h().the_name();
        let hadj = self.the_adj(self.home);
        let pn = self.nation(p);
        let (pname, padj) = (pn.the_name(), self.the_adj(p));
        let partner_body = match &a.post.org {
            Some(o) if self.r.chance(70) && !o.contains("Ministry") => with_the(o),
            _ => format!("{padj} security services"),
        };
        match self.r.below(3) {
            0 => {
                let s1 = self.say(format!(
                    "The headquarters of {venue} in {hcity} hosted, {}, the signing of {an} {noun} between {hadj} security services and {partner_body}.",
                    w.phrase
                ));
                let hw = self.whoc(&hl, Form::Poss);
                let c = self.counterpart(&hl, &a, side);
                let s2 = self.say(format!("The {short} was signed by {hw} and {c}."));
                let cps = vec![self.cp(&a), self.hl_cp()];
                let i = self.event("agreement", w.date, side, cps, Vec::new(), &s1);
                self.anaphora(i, &s2, &[]);
                self.para();
                let s3 = self.say(format!("The {short} aims to step up cooperation in {f}."));
                self.anaphora(i, &s3, &fa);
            }
            1 => {
                let s1 = self.say(format!(
                    "{hname} and {pname} signed {an} {noun} {} in {hcity} to step up cooperation in {f}.",
                    w.phrase
                ));
                let form = self.random_form();
                let hw = self.whoc(&hl, form);
                let aw = self.who(&a, Form::Appos);
                let s2 = self.say(format!("The document was signed by {hw} and {aw}."));
                let cps = vec![self.cp(&a), self.hl_cp()];
                let i = self.event("agreement", w.date, side, cps, fa, &s1);
                self.anaphora(i, &s2, &[]);
            }
            _ => {
                let form = self.random_form();
                let hw = self.whoc(&hl, form);
                let aw = self.whoc(&a, Form::Appos);
                let s1 = self.say(format!(
                    "{hw} and {aw} signed {an} {noun} covering {f} {} in {hcity}.",
                    w.phrase
                ));
                let cps = vec![self.cp(&a), self.hl_cp()];
                self.event("agreement", w.date, side, cps, fa, &s1);
            }
        }
        if self.r.chance(40) {
            let (f, fa) = self.focus_some();
            let s = self.say(format!("The two officials then held talks on {f}."));
            let c = vec![self.cp(&a), self.hl_cp()];
            let i = self.event("meeting", w.cont(), side, c, fa, &s);
            self.optional(
                i,
                "Talks at the signing: part of the ceremony or a meeting of its own.",
            );
        }
        if self.r.chance(60) {
            self.para();
            let (t, ta) = self.threats_some();
            let s = self.say(format!(
                "During the ceremony, {padj} official expressed {} deep appreciation for {} effective role in the fight against {t}.",
                Self::his(&a),
                possessive(&hname)
            ));
            let c = vec![self.cp(&a)];
            self.event("statement", w.cont(), side, c, ta, &s);
        }
        if self.r.chance(40) {
            self.para();
            let z = self.ambassador(p);
            let zadj = self.nation(p).adj();
            let zn = self.name_part(&z);
            self.mark(&z, z.post.title.clone());
            let medal = *self.r.pick(MEDALS);
            let s = self.say(format!(
                "At the conclusion of the ceremony, {zadj} Ambassador {zn} presented {} with the {medal}.",
                hl.name.short
            ));
            let c = vec![self.cp(&z), self.hl_cp()];
            self.event("award", w.cont(), side, c, vec![], &s);
        }
    }

    /// A year's review: one section per partner, under a heading, with events of the year.
    fn review(&mut self, first: usize) {
        let hl = self.hl.clone();
        let form = self.random_form();
        let hw = self.whoc(&hl, form);
        let (f, _) = self.focus(3);
        let hname = self.h().the_name();
        self.say(format!(
            "{hw} continues to lead efforts to position {hname} as a key security partner, strengthening international partnerships in {f}."
        ));
        if self.r.chance(50) {
            self.heading("Security Cooperation with Key Partners");
        }
        let k = 3 + self.r.below(3);
        let mut done = vec![self.home];
        let mut p = first;
        self.tag("sections");
        for j in 0..k {
            if j > 0 {
                p = self.w.weighted_other(&mut self.r, &done);
            }
            done.push(p);
            let n = self.nation(p);
            let head = if !n.aliases.is_empty() && self.r.chance(20) {
                self.r.pick(&n.aliases).clone()
            } else {
                n.name.clone()
            };
            self.heading(&head);
            for _ in 0..2 + self.r.below(2) {
                self.section_item(p);
            }
        }
    }

    /// One event of a review section, dated on its own.
    fn section_item(&mut self, p: usize) {
        let side = Side::Nation(p);
        let w = calendar::earlier(&mut self.r, self.pubd, self.out.uk_dates);
        self.when_tag(&w);
        let hs = self.hl.name.short.clone();
        let officials = self.officials(p);
        match self.r.below(7) {
            0 => {
                let ppl = self.people(side, 2);
                if ppl.len() < 2 {
                    return self.assistance(p, &w);
                }
                let place = self.place(p);
                let a = self.whoc(&ppl[0], Form::TitleFirst);
                let b = self.whoc(&ppl[1], Form::TitleFirst);
                let b = b.trim_end_matches(',');
                let (f, fa) = self.focus_some();
                let s = self.say(format!(
                    "{hs} visited {place} {} to meet with {officials}, including {a} and {b}, and discuss {f}.",
                    w.phrase
                ));
                let c = vec![self.hl_cp()];
                self.event("visit", w.date, side, c, fa.clone(), &s);
                for x in &ppl {
                    let c = vec![self.cp(x), self.hl_cp()];
                    self.event("meeting", w.date, side, c, fa.clone(), &s);
                }
            }
            1 | 2 => {
                let Some(a) = self.people(side, 1).first().cloned() else {
                    return self.assistance(p, &w);
                };
                let form = *self.r.pick(&[Form::Poss, Form::Appos, Form::Pre]);
                let aw = self.whoc(&a, form);
                let hcity = self.city(self.home);
                let (f, fa) = self.focus_some();
                let s = self.say(format!(
                    "{hs} met with {aw} in {hcity} {} to discuss {f}.",
                    w.phrase
                ));
                let c = vec![self.cp(&a), self.hl_cp()];
                self.event("meeting", w.date, side, c, fa, &s);
            }
            3 => {
                let (noun, nf) = self.agreement_noun();
                let (f, mut fa) = self.focus_some();
                fa.extend(nf);
                let s = self.say(format!(
                    "{hs} signed {} {noun} with {officials} {}, covering {f}.",
                    a_an(&noun),
                    w.phrase
                ));
                let c = vec![self.hl_cp()];
                self.event("agreement", w.date, side, c, fa, &s);
            }
            4 => match self.people(side, 1).first().cloned() {
                Some(a) if w.date.is_some() => self.praise(side, &a, w.date, Some(&w)),
                _ => self.training(p, &w),
            },
            5 => self.training(p, &w),
            _ => self.assistance(p, &w),
        }
    }

    /// Training given or received.
    fn training(&mut self, p: usize, w: &When) {
        let side = Side::Nation(p);
        let padj = self.nation(p).adj();
        let n = 8 + self.r.below(40);
        // What the course was about ("in training" would say nothing).
        let area = self
            .areas(2, false)
            .into_iter()
            .find(|a| a.name != "training");
        let (phrase, area) = match area {
            Some(a) => {
                let both: Vec<&'static str> = a.threat.iter().chain(a.domain).copied().collect();
                ((*self.r.pick(&both)).to_owned(), a.name)
            }
            None => ("investigation techniques".to_owned(), "training"),
        };
        let mut focus = vec!["training"];
        if area != "training" {
            focus.push(area);
        }
        let pcity = self.city(p);
        let hcity = self.city(self.home);
        let s = match self.r.below(4) {
            0 => format!(
                "{}, {} received training from {padj} experts in {phrase}.",
                w.cap(),
                self.from(self.home, n, "police officers")
            ),
            1 => format!(
                "{padj} instructors trained {} in {phrase} {}.",
                self.from(self.home, n, "investigators"),
                w.phrase
            ),
            2 => format!(
                "A training course on {phrase} was held in {pcity} {} for {}.",
                w.phrase,
                self.from(self.home, n, "officers")
            ),
            _ => format!(
                "{} completed a {}-week training course in {phrase} in {hcity} {}.",
                self.from(p, n, "officers"),
                self.r.pick(&["two", "three", "four", "six"]),
                w.phrase
            ),
        };
        let s = self.say(s);
        self.event("training", w.date, side, vec![], focus, &s);
    }

    /// Operational help: information, experts, equipment.
    fn assistance(&mut self, p: usize, w: &When) {
        let side = Side::Nation(p);
        let (hadj, padj) = (self.h().adj(), self.nation(p).adj());
        let the_hadj = self.the_adj(self.home);
        let hname = self.h().the_name();
        let pcity = self.city(p);
        let (s, focus) = match self.r.below(5) {
            0 => {
                let (who, f) = *self.r.pick(&[
                    ("a suspected jihadist", "counterterrorism"),
                    (
                        "a drug trafficker wanted by several countries",
                        "drug trafficking",
                    ),
                    ("members of a human trafficking ring", "human trafficking"),
                    (
                        "the leader of a migrant smuggling network",
                        "illegal migration",
                    ),
                    ("a hacker behind a wave of cyberattacks", "cybercrime"),
                ]);
                (
                    format!(
                        "{}, {hadj} intelligence provided information that led to the arrest of {who} in {pcity}.",
                        w.cap()
                    ),
                    vec![f, "intelligence sharing"],
                )
            }
            1 => (
                format!(
                    "{hname} also sent a team of bomb disposal experts to assist {padj} security forces during a major sporting event {}.",
                    w.phrase
                ),
                vec!["major event security"],
            ),
            2 => {
                let (what, f) = *self.r.pick(&[
                    ("patrol boats", "border security"),
                    ("forensic equipment", "forensics"),
                    ("surveillance drones", "technology"),
                    ("scanners for border posts", "border security"),
                ]);
                (
                    format!(
                        "{padj} authorities donated {what} to {the_hadj} police {}.",
                        w.phrase
                    ),
                    vec![f],
                )
            }
            3 => (
                format!(
                    "A tip-off from {padj} police helped {the_hadj} police dismantle a cocaine smuggling network {}.",
                    w.phrase
                ),
                vec!["drug trafficking", "intelligence sharing"],
            ),
            _ => (
                format!(
                    "{padj} investigators assisted {the_hadj} police in identifying the perpetrators of a terrorist attack {}.",
                    w.phrase
                ),
                vec!["counterterrorism"],
            ),
        };
        let s = self.say(s);
        self.event("assistance", w.date, side, vec![], focus, &s);
    }

    /// Work with an international organisation.
    fn org(&mut self, b: usize) {
        let side = Side::Body(b);
        let body = &self.w.bodies[b];
        let w = calendar::story(&mut self.r, self.pubd, self.out.uk_dates);
        self.when_tag(&w);
        self.tag("org-partner");
        let hl = self.hl.clone();
        let Some(a) = self.people(side, 1).first().cloned() else {
            return;
        };
        let form = self.random_form();
        let hw = self.whoc(&hl, form);
        let (f, fa) = self.focus_some();
        let poss = possessive(body.code);
        match self.r.below(3) {
            0 => {
                let s = self.say(format!(
                    "{hw} paid a working visit to the headquarters of {} in {} {}.",
                    body.display, body.hq_city, w.phrase
                ));
                let c = vec![self.hl_cp()];
                self.event("visit", w.date, side, c, vec![], &s);
                let aw = self.whoc(&a, Form::Appos);
                let s = self.say(format!(
                    "{} held talks with {aw} on {f}.",
                    cap(Self::he(&hl))
                ));
                let c = vec![self.cp(&a), self.hl_cp()];
                self.event("meeting", w.cont(), side, c, fa, &s);
            }
            1 => {
                let aw = self.who(&a, Form::Appos);
                let s = self.say(format!(
                    "{hw} held talks {} with {aw}, at {poss} headquarters in {}, on {f}.",
                    w.phrase, body.hq_city
                ));
                let c = vec![self.cp(&a), self.hl_cp()];
                self.event("meeting", w.date, side, c, fa, &s);
                let c = vec![self.hl_cp()];
                let i = self.event("visit", w.date, side, c, vec![], &s);
                self.optional(
                    i,
                    "A trip to the organisation's seat implied by the place of the talks.",
                );
            }
            _ => {
                let aw = self.who(&a, Form::Pre);
                let hname = self.h().the_name();
                let s = self.say(format!(
                    "{aw} visited {hname} {} and held talks with {hw} on {f}.",
                    w.phrase
                ));
                let c = vec![self.cp(&a)];
                self.event("visit", w.date, side, c, vec![], &s);
                let c = vec![self.cp(&a), self.hl_cp()];
                self.event("meeting", w.date, side, c, fa, &s);
            }
        }
        if self.r.chance(50) {
            let (noun, nf) = self.agreement_noun();
            let (f, mut fa) = self.focus_some();
            fa.extend(nf);
            let s = self.say(format!(
                "The two sides signed {} {noun} on {f}.",
                a_an(&noun)
            ));
            let c = vec![self.cp(&a), self.hl_cp()];
            self.event("agreement", w.cont(), side, c, fa, &s);
        }
        if self.r.chance(50) {
            let (t, ta) = self.threats_some();
            let hposs = possessive(&self.h().the_name());
            let s = self.say(format!(
                "{} praised {hposs} contribution to international efforts against {t}.",
                a.name.short
            ));
            let c = vec![self.cp(&a)];
            self.event("statement", w.cont(), side, c, ta, &s);
        }
        if self.r.chance(40) {
            self.para();
            let fw = calendar::future(&mut self.r, self.pubd, self.out.uk_dates);
            self.when_tag(&fw);
            let n = 10 + self.r.below(50);
            let (f, fa) = self.focus(1);
            let s = self.say(format!(
                "{} will train {} in {f} {}.",
                body.code,
                self.from(self.home, n, "officers"),
                fw.phrase
            ));
            let mut focus = vec!["training"];
            focus.extend(fa);
            let i = self.event("training", fw.date, side, vec![], focus, &s);
            self.planned(i);
        }
    }

    /// Bilateral talks on the sidelines of a multilateral meeting, with several partners.
    fn sidelines(&mut self, fallback: usize) {
        let w = calendar::story(&mut self.r, self.pubd, self.out.uk_dates);
        self.when_tag(&w);
        self.tag("multi-partner");
        let hl = self.hl.clone();
        let region = self.h().region;
        let (forum, city, host, body) = match self.w.body_for(&mut self.r, region) {
            Some(b) => {
                let body = &self.w.bodies[b];
                let host = self.w.index_of(body.hq_country).unwrap_or(self.home);
                (
                    body.forum.to_owned(),
                    body.hq_city.to_owned(),
                    host,
                    Some(b),
                )
            }
            None => {
                let host = self.w.weighted_other(&mut self.r, &[self.home]);
                let city = self.city(host);
                (
                    "an international conference on security".to_owned(),
                    city,
                    host,
                    None,
                )
            }
        };
        let q = self.w.weighted_other(&mut self.r, &[self.home]);
        let rr = self.w.weighted_other(&mut self.r, &[self.home, q]);
        let qa = self.people(Side::Nation(q), 1);
        let ra = self.people(Side::Nation(rr), 1);
        let (Some(a), Some(bp)) = (qa.first().cloned(), ra.first().cloned()) else {
            return self.trip(fallback);
        };
        let form = self.random_form();
        let hw = self.whoc(&hl, form);
        let aw = self.whoc(&a, Form::Appos);
        let bw = self.who(&bp, Form::Appos);
        let s = self.say(format!(
            "On the sidelines of {forum} in {city} {}, {hw} held bilateral talks with {aw} and {bw}.",
            w.phrase
        ));
        let c = vec![self.cp(&a), self.hl_cp()];
        let m1 = self.event("meeting", w.date, Side::Nation(q), c, vec![], &s);
        let c = vec![self.cp(&bp), self.hl_cp()];
        let m2 = self.event("meeting", w.date, Side::Nation(rr), c, vec![], &s);
        if let Some(b) = body {
            let c = vec![self.hl_cp()];
            let i = self.event("meeting", w.date, Side::Body(b), c, vec![], &s);
            self.optional(i, "Attendance at a multilateral meeting.");
        }
        if host != self.home {
            let c = vec![self.hl_cp()];
            let i = self.event("visit", w.date, Side::Nation(host), c, vec![], &s);
            self.optional(i, "Trip to a multilateral meeting held in that country.");
        }
        let (f, fa) = self.focus_some();
        self.say(format!("The talks focused on {f}."));
        self.add_focus(&[m1, m2], &fa);
        self.tag("anaphora");
        // A third partner met separately.
        let t = self.w.weighted_other(&mut self.r, &[self.home, q, rr]);
        if let Some(c) = self.people(Side::Nation(t), 1).first().cloned() {
            let cw = self.who(&c, Form::Pre);
            let (f, fa) = self.focus_some();
            let s = self.say(format!(
                "{} also met {cw}, with whom {} discussed {f}.",
                hl.name.short,
                Self::he(&hl)
            ));
            let cp = vec![self.cp(&c), self.hl_cp()];
            self.event("meeting", w.date, Side::Nation(t), cp, fa, &s);
        }
    }

    // ----- context paragraphs -----------------------------------------------------------

    /// One paragraph of earlier, background or planned cooperation, dated on its own (or
    /// explicitly undated), so it never takes the story's date.
    fn extra(&mut self, p: usize) {
        self.para();
        // Plans, recent visits, unnamed praise and third-party deals: once per article.
        let once = |k: usize| matches!(k, 2 | 3 | 6 | 9);
        let same = |a: usize, b: usize| a == b || (a < 4 && b < 4 && a / 2 == b / 2);
        // Background agreements: at most two.
        let backgrounds = self.used.iter().filter(|&&u| u < 2).count();
        let mut k = self.r.below(10);
        for _ in 0..6 {
            let repeat = once(k) && self.used.iter().any(|&u| same(u, k));
            if repeat || (k < 2 && backgrounds >= 2) {
                k = self.r.below(10);
            } else {
                break;
            }
        }
        self.used.push(k);
        match k {
            0 | 1 => self.background(p),
            2 | 3 => self.plan(p),
            4 => {
                let w = calendar::earlier(&mut self.r, self.pubd, self.out.uk_dates);
                self.when_tag(&w);
                self.training(p, &w);
            }
            5 => {
                let w = calendar::earlier(&mut self.r, self.pubd, self.out.uk_dates);
                self.when_tag(&w);
                self.assistance(p, &w);
            }
            6 => self.incoming_recent(p),
            7 => {
                let q = self.w.weighted_other(&mut self.r, &[self.home, p]);
                self.other_meeting(q);
            }
            8 => {
                let w = calendar::earlier(&mut self.r, self.pubd, self.out.uk_dates);
                if w.date.is_none() {
                    return self.demonym_praise(p);
                }
                self.when_tag(&w);
                match self.people(Side::Nation(p), 1).first().cloned() {
                    Some(a) => self.praise(Side::Nation(p), &a, w.date, Some(&w)),
                    None => self.demonym_praise(p),
                }
            }
            _ => {
                if self.r.chance(30) {
                    let q = self.w.weighted_other(&mut self.r, &[self.home, p]);
                    self.third_party(p, q);
                } else {
                    self.demonym_praise(p);
                }
            }
        }
    }

    /// "Cooperation with Belgium builds on a 2023 agreement signed in Rabat." The partner is
    /// always named: a context paragraph may be about another partner than the story's.
    fn background(&mut self, p: usize) {
        let side = Side::Nation(p);
        let (y, bw) = calendar::background(&mut self.r, self.pubd);
        self.when_tag(&bw);
        let (noun, nf) = self.agreement_noun();
        let noun = if noun.contains(" for ") {
            "joint action plan".to_owned()
        } else {
            noun
        };
        let mut fa: Vec<&'static str> = nf.into_iter().collect();
        let (hname, pname) = (self.h().the_name(), self.nation(p).the_name());
        let city = if self.r.chance(50) {
            self.city(self.home)
        } else {
            self.city(p)
        };
        match self.r.below(4) {
            0 => {
                let s = self.say(format!(
                    "Cooperation with {pname} builds on a {y} {noun} signed in {city}."
                ));
                self.event("agreement", Some(PDate::year(y)), side, vec![], fa, &s);
            }
            1 => {
                let (f, fb) = self.focus_some();
                fa.extend(fb);
                let s = self.say(format!(
                    "{hname} and {pname} signed {} {noun} on {f} {}.",
                    a_an(&noun),
                    bw.phrase
                ));
                self.event("agreement", bw.date, side, vec![], fa, &s);
            }
            2 => {
                let between = match (&self.h().dem, &self.nation(p).dem) {
                    (Some(a), Some(b)) => format!("the {a} and {b} services"),
                    _ => format!("{hname} and {pname}"),
                };
                let s = self.say(format!(
                    "Cooperation between {between} is governed by {} {noun} signed {}.",
                    a_an(&noun),
                    bw.phrase
                ));
                self.event("agreement", bw.date, side, vec![], fa, &s);
            }
            _ => {
                let s = self.say(format!(
                    "Relations are conducted within the framework of the {y} {noun} between {hname} and {pname}."
                ));
                let i = self.event("agreement", Some(PDate::year(y)), side, vec![], fa, &s);
                self.optional(
                    i,
                    "A framework referred to in passing, not reported as an event.",
                );
            }
        }
    }

    /// A plan: a return visit, a signing or a trip to come.
    fn plan(&mut self, p: usize) {
        let side = Side::Nation(p);
        let fw = calendar::future(&mut self.r, self.pubd, self.out.uk_dates);
        self.when_tag(&fw);
        let hl = self.hl.clone();
        let hname = self.h().the_name();
        match self.r.below(5) {
            0 | 1 => {
                let Some(a) = self.people(side, 1).first().cloned() else {
                    return;
                };
                let form = self.random_form();
                let aw = self.whoc(&a, form);
                let s = self.say(format!(
                    "{aw} is scheduled to visit {hname} {} to meet with {}.",
                    fw.phrase, hl.name.short
                ));
                let c = vec![self.cp(&a), self.hl_cp()];
                let i = self.event("visit", fw.date, side, c, vec![], &s);
                self.planned(i);
            }
            2 => {
                let pplace = self.place(p);
                let s = self.say(format!(
                    "{} is expected to travel to {pplace} {} for talks with {} counterparts.",
                    hl.name.short,
                    fw.phrase,
                    Self::his(&hl)
                ));
                let c = vec![self.hl_cp()];
                let i = self.event("visit", fw.date, side, c, vec![], &s);
                self.planned(i);
            }
            3 => {
                let (noun, nf) = self.agreement_noun();
                let (f, mut fa) = self.focus_some();
                fa.extend(nf);
                let pname = self.nation(p).the_name();
                let s = self.say(format!(
                    "{hname} and {pname} will sign {} {noun} on {f} {}.",
                    a_an(&noun),
                    fw.phrase
                ));
                let i = self.event("agreement", fw.date, side, vec![], fa, &s);
                self.planned(i);
            }
            _ => {
                let Some(a) = self.people(side, 1).first().cloned() else {
                    return;
                };
                let aw = self.whoc(&a, Form::Appos);
                let s = self.say(format!(
                    "{aw} accepted an invitation to visit {hname} {}.",
                    fw.phrase
                ));
                let c = vec![self.cp(&a)];
                let i = self.event("visit", fw.date, side, c, vec![], &s);
                self.planned(i);
                self.optional(i, "An accepted invitation: a plan without a set programme.");
            }
        }
    }

    /// "The talks follow a recent visit by X to <home>" (no date).
    fn incoming_recent(&mut self, p: usize) {
        let side = Side::Nation(p);
        let Some(b) = self.people(side, 1).first().cloned() else {
            return;
        };
        let bw = self.whoc(&b, Form::Appos);
        let hname = self.h().the_name();
        let s = self.say(format!(
            "This follows a recent visit by {bw} to {hname}, where {} led a delegation to strengthen security cooperation.",
            Self::he(&b)
        ));
        let c = vec![self.cp(&b)];
        self.event("visit", None, side, c, vec![], &s);
        self.tag("undated");
    }

    /// An earlier meeting with another partner.
    fn other_meeting(&mut self, q: usize) {
        let side = Side::Nation(q);
        let w = calendar::earlier(&mut self.r, self.pubd, self.out.uk_dates);
        self.when_tag(&w);
        let Some(a) = self.people(side, 1).first().cloned() else {
            return;
        };
        let hs = self.hl.name.short.clone();
        let hcity = self.city(self.home);
        let (f, fa) = self.focus_some();
        let s = if self.r.chance(50) && w.date.is_some() {
            let aw = self.whoc(&a, Form::Appos);
            format!(
                "{}, {hs} received {aw} in {hcity} for talks on {f}.",
                w.cap()
            )
        } else {
            let aw = self.who(&a, Form::Pre);
            format!("{hs} also held talks with {aw} {} on {f}.", w.phrase)
        };
        let s = self.say(s);
        let c = vec![self.cp(&a), self.hl_cp()];
        self.event("meeting", w.date, side, c, fa, &s);
    }

    /// "French officials commended Morocco ..." with no one named.
    fn demonym_praise(&mut self, p: usize) {
        let side = Side::Nation(p);
        let Some(dem) = self.nation(p).dem.clone() else {
            return self.background(p);
        };
        let hname = self.h().the_name();
        let (t, ta) = self.threats_some();
        let s = self.say(format!(
            "Following a joint operation, {dem} officials commended {hname} for its dedication to the fight against {t}."
        ));
        self.event("statement", None, side, vec![], ta, &s);
        self.tag("demonym-only");
    }

    /// An agreement between the partner and a third country: not the focal country's event.
    fn third_party(&mut self, p: usize, q: usize) {
        let (pn, qn) = (self.nation(p).the_name(), self.nation(q).the_name());
        let (noun, _) = self.agreement_noun();
        let noun = if noun.contains(" for ") {
            "joint action plan".to_owned()
        } else {
            noun
        };
        let (y, _) = calendar::background(&mut self.r, self.pubd);
        let similar = self.events.iter().any(|e| e.kind == "agreement");
        let s = if similar {
            format!("{pn} signed a similar {noun} with {qn} in {y}.")
        } else {
            format!("{pn} signed {} {noun} with {qn} in {y}.", a_an(&noun))
        };
        let s = self.say(s);
        let i = self.event(
            "agreement",
            Some(PDate::year(y)),
            Side::Nation(p),
            vec![],
            vec![],
            &s,
        );
        let qc = self.nation(q).code.clone();
        self.events[i].partners.push(qc);
        self.optional(
            i,
            "Between the partner and a third country; the focal country is not a party.",
        );
        self.tag("third-party");
    }

    /// Sentences with countries, officials and cooperation words but no event.
    fn distractor(&mut self, p: usize) {
        let (hname, pname) = (self.h().the_name(), self.nation(p).the_name());
        let (hadj, padj) = (self.h().adj(), self.nation(p).adj());
        // Each kind of passing remark at most once per article.
        let mut k = self.r.below(7);
        for _ in 0..7 {
            if !self.used.contains(&(100 + k)) {
                break;
            }
            k = (k + 1) % 7;
        }
        self.used.push(100 + k);
        let s = match k {
            0 => "Relations between the two countries' security services are strong and based on mutual trust.".to_owned(),
            1 => {
                let (t, _) = self.threats(2);
                format!("The two countries face common security challenges, notably {t}.")
            }
            2 => {
                self.tag("habitual");
                format!(
                    "{hadj} candidates regularly take part in training programmes at {padj} police academies."
                )
            }
            3 => format!(
                "Cooperation between {hname} and {pname} has remained solid despite diplomatic ups and downs."
            ),
            4 => {
                let q = self.w.weighted_other(&mut self.r, &[self.home, p]);
                let qn = self.nation(q).the_name();
                self.tag("third-country");
                format!("Meanwhile, ties between {pname} and {qn} have become increasingly strained.")
            }
            5 => {
                self.tag("journalist");
                let j = names::author(&mut self.r);
                let medium = *self.r.pick(&["a weekly magazine", "a television channel", "a radio station"]);
                format!(
                    "In a piece published by {medium}, journalist {j} describes {} as a central figure of regional security.",
                    self.hl.name.short
                )
            }
            _ => format!(
                "{hname} has long insisted that security cooperation must rest on reciprocity."
            ),
        };
        self.say(s);
    }
}

/// Which story shape an article has.
#[derive(Clone, Copy)]
enum Shape {
    Trip,
    Host,
    Signing,
    Review,
    Org,
    Sidelines,
}

/// Generates article `index` of the corpus for `seed`. Depends only on (world, seed, index).
pub fn article(w: &World, seed: u64, index: u64) -> Generated {
    let mut r = Rng::for_item(seed, index);
    let pubd = calendar::publication(&mut r);
    let out = &w.outlets[r.below(w.outlets.len())];
    let (home, partner) = match w.pair(&mut r) {
        Some(pair) if r.chance(33) => pair,
        _ => {
            let h = w.weighted(&mut r);
            (h, w.weighted_other(&mut r, &[h]))
        }
    };
    let hn = &w.nations[home];
    // The protagonist: the head of police most often, else intelligence or the minister.
    let want = match r.below(10) {
        0..=5 => Role::Police,
        6..=8 => Role::Intel,
        _ => Role::Minister,
    };
    let hl = hn
        .cast
        .iter()
        .find(|p| p.post.role == want)
        .unwrap_or(&hn.cast[0])
        .clone();
    let body = w.body_for(&mut r, hn.region);
    let shape = match (r.below(100), body) {
        (0..=29, _) => Shape::Trip,
        (30..=49, _) => Shape::Host,
        (50..=63, _) => Shape::Signing,
        (64..=83, _) => Shape::Review,
        (84..=91, Some(_)) => Shape::Org,
        (84..=91, None) => Shape::Trip,
        _ => Shape::Sidelines,
    };
    let mut c = Ctx {
        w,
        r,
        pubd,
        out,
        home,
        hl,
        blocks: Vec::new(),
        events: Vec::new(),
        introduced: Vec::new(),
        tags: Vec::new(),
        used: Vec::new(),
    };
    match pubd.prec {
        Prec::Month => c.tag("pub-month"),
        Prec::Year => c.tag("pub-year"),
        Prec::Day => {}
    }
    c.para();
    match (shape, body) {
        (Shape::Trip, _) => c.trip(partner),
        (Shape::Host, _) => c.host(partner),
        (Shape::Signing, _) => c.signing(partner),
        (Shape::Review, _) => c.review(partner),
        (Shape::Org, Some(b)) => c.org(b),
        (Shape::Org, None) => c.trip(partner),
        (Shape::Sidelines, _) => c.sidelines(partner),
    }
    if c.r.chance(70) {
        c.para();
        c.distractor(partner);
    }
    // Context paragraphs until the article carries about ten required events.
    let target = 9 + c.r.below(5);
    let mut extras = 0;
    while c.required() < target && extras < 8 {
        let p = if c.r.chance(70) {
            partner
        } else {
            c.w.weighted_other(&mut c.r, &[home])
        };
        c.extra(p);
        extras += 1;
        if c.r.chance(15) {
            c.distractor(p);
        }
    }
    let title = title_for(&mut c, shape, partner);
    let pcode = match (shape, body) {
        (Shape::Org, Some(b)) => w.bodies[b].code.to_lowercase(),
        _ => w.nations[partner].code.to_lowercase(),
    };
    let id = format!(
        "{index:06}-{}-{}-{}",
        out.slug,
        hn.code.to_lowercase(),
        slug(&pcode)
    );
    let text = render(&mut c, &title);
    Generated {
        gold: GoldArticle {
            article: id.clone(),
            focal_country: hn.code.clone(),
            events: c.events,
        },
        id,
        text,
        tags: c.tags,
    }
}

fn title_for(c: &mut Ctx<'_>, shape: Shape, p: usize) -> String {
    let h = c.h();
    let pn = c.nation(p);
    let hs = c.hl.name.short.clone();
    let t = match shape {
        Shape::Trip => match c.r.below(3) {
            0 => format!(
                "{} security chief holds talks with {} peers",
                h.adj(),
                pn.adj()
            ),
            1 => format!(
                "{hs} visits {}, meets top security officials",
                pn.the_name()
            ),
            _ => format!(
                "{} and {} step up police cooperation",
                h.the_name(),
                pn.the_name()
            ),
        },
        Shape::Host => format!("{hs} receives {} security delegation", pn.adj()),
        Shape::Signing => {
            let city = c.city(c.home);
            format!(
                "{city}: {} and {} sign security cooperation deal",
                h.the_name(),
                pn.the_name()
            )
        }
        Shape::Review => format!(
            "{hs} advances {} as a global security partner",
            h.the_name()
        ),
        Shape::Org => format!(
            "{hs} strengthens {} ties with international police",
            h.adj()
        ),
        Shape::Sidelines => format!("{hs} holds bilateral security talks with several partners"),
    };
    c.style(&cap(&t))
}

/// A headline for the boilerplate list, with random countries.
fn headline(c: &mut Ctx<'_>) -> String {
    let t = *c.r.pick(HEADLINES);
    let a = c.w.hub(&mut c.r);
    let mut b = c.w.hub(&mut c.r);
    while b == a {
        b = c.w.hub(&mut c.r);
    }
    let (na, nb) = (&c.w.nations[a], &c.w.nations[b]);
    let t = t
        .replace("{C2}", &nb.the_name())
        .replace("{D2}", &nb.adj())
        .replace("{C}", &na.the_name())
        .replace("{D}", &na.adj());
    c.style(&cap(&t))
}

/// Front matter, boilerplate and body.
fn render(c: &mut Ctx<'_>, title: &str) -> String {
    let out = c.out;
    let mut s = String::with_capacity(3000);
    if c.r.chance(90) {
        s.push_str("title: ");
        s.push_str(title);
        s.push('\n');
    }
    if c.r.chance(95) {
        s.push_str("source: ");
        s.push_str(out.name);
        s.push('\n');
    }
    if c.r.chance(85) {
        let y = c.pubd.ymd;
        s.push_str(&format!(
            "url: https://{}.example/{}/{:02}/{}\n",
            out.slug,
            y.y,
            y.m,
            slug(title)
        ));
    }
    s.push_str("published: ");
    s.push_str(&c.pubd.gold());
    s.push_str("\n---\n");
    let sep = if out.blank_lines { "\n\n" } else { "\n" };
    let mut lines: Vec<String> = Vec::new();
    if c.r.chance(out.headlines) {
        c.tag("headlines");
        let mut mins = 17 * 60 + c.r.below(300);
        for _ in 0..4 + c.r.below(6) {
            let h = headline(c);
            let gap = if c.r.chance(50) { "" } else { " " };
            lines.push(format!("- {:02}:{:02}{gap}{h}", mins / 60, mins % 60));
            mins = mins.saturating_sub(20 + c.r.below(40));
        }
    }
    if c.r.chance(out.follow) {
        c.tag("follow");
        let net = *c.r.pick(&[
            "Facebook",
            "Twitter",
            "Google News",
            "Telegram",
            "Instagram and X",
        ]);
        lines.push(format!("Follow us on {net}"));
    }
    if !lines.is_empty() {
        s.push_str(&lines.join("\n"));
        s.push_str(sep);
    }
    if out.dateline {
        c.tag("dateline");
        let city = c.city(c.home);
        s.push_str(&format!("{} – {city}{sep}", out.name));
    }
    if c.r.chance(25) {
        s.push_str(title);
        s.push_str(sep);
    }
    let mut first = true;
    for b in &c.blocks {
        let text = match b {
            Block::Para(v) if v.is_empty() => continue,
            Block::Para(v) => v.join(" "),
            Block::Line(l) => l.clone(),
        };
        if !first {
            s.push_str(sep);
        }
        s.push_str(&text);
        first = false;
    }
    let mut tail: Vec<String> = Vec::new();
    if c.r.chance(out.cookie) {
        c.tag("cookie");
        tail.push(
            (*c.r.pick(&[
                "We use cookies to improve your experience on our site. By continuing, you accept our cookie policy.",
                "Share this article",
                "Share on Facebook Share on X Share on WhatsApp",
                "This website uses cookies. Accept all cookies",
            ]))
            .to_owned(),
        );
    }
    if c.r.chance(10) {
        c.tag("read-also");
        let h = headline(c);
        tail.push(format!("Read also: {h}"));
    }
    if c.r.chance(out.comments) {
        c.tag("comments");
        tail.push(format!("Comments ({})", c.r.below(12)));
    }
    if c.r.chance(out.about) {
        c.tag("about");
        tail.push(format!("About {}", names::author(&mut c.r)));
    }
    for t in tail {
        s.push_str(sep);
        s.push_str(&c.style(&t));
    }
    s.push('\n');
    s
}
