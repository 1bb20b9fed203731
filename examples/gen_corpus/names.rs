//! Synthetic personal names by naming tradition, so officials look like the people of the
//! country they serve: particles ("bin", "al-", "van der", "de la"), accents, family-name-first
//! orders and suffixes are the difficulties a name recogniser meets in real news.
//!
//! Pools are short lists of common given names and surnames combined at random; no full name
//! is taken from a real official.

use super::Rng;

/// A naming tradition. Countries map to one by `region_of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Maghreb,
    Arab,
    Turkish,
    French,
    Dutch,
    German,
    Italian,
    Spanish,
    Portuguese,
    Slavic,
    Romanian,
    Nordic,
    Greek,
    Anglo,
    WestAfrica,
    EastWestAfricaEn,
    SouthAsian,
    Pakistani,
    Persian,
    Chinese,
    Japanese,
    Korean,
    Malay,
    Filipino,
    Vietnamese,
    Thai,
    Hebrew,
    CentralAsian,
}

/// The naming tradition of a country (ISO alpha-3); territories follow their usual language.
pub fn region_of(code: &str) -> Region {
    use Region::*;
    const TABLE: &[(Region, &str)] = &[
        (Maghreb, "MAR DZA TUN LBY MRT ESH"),
        (
            Arab,
            "EGY SDN SAU ARE QAT KWT BHR OMN YEM JOR IRQ SYR LBN PSE SOM DJI COM",
        ),
        (Turkish, "TUR AZE"),
        (
            French,
            "FRA MCO LUX GLP MTQ REU PYF NCL GUF MYT SPM WLF BLM MAF HTI",
        ),
        (Dutch, "NLD BEL SUR ABW CUW SXM BES"),
        (German, "DEU AUT CHE LIE"),
        (Italian, "ITA SMR VAT MLT"),
        (
            Spanish,
            "ESP AND MEX COL ARG CHL PER VEN ECU BOL PRY URY CRI PAN GTM HND SLV NIC CUB DOM PRI GNQ",
        ),
        (Portuguese, "PRT BRA AGO MOZ CPV GNB STP TLS"),
        (
            Slavic,
            "RUS UKR BLR POL CZE SVK SRB HRV BIH MNE MKD BGR SVN XKX ALB ARM GEO LTU LVA EST",
        ),
        (Romanian, "ROU MDA"),
        (Nordic, "SWE NOR DNK FIN ISL FRO GRL ALA SJM"),
        (Greek, "GRC CYP"),
        (
            WestAfrica,
            "SEN CIV MLI BFA NER GIN CMR GAB COG COD TCD BEN TGO CAF MDG BDI RWA",
        ),
        (
            EastWestAfricaEn,
            "NGA GHA KEN UGA TZA ZAF ZMB ZWE ETH ERI SSD SLE LBR GMB BWA NAM MWI LSO SWZ MUS SYC",
        ),
        (SouthAsian, "IND NPL LKA BTN"),
        (Pakistani, "PAK AFG BGD MDV"),
        (Persian, "IRN TJK"),
        (Chinese, "CHN TWN HKG MAC SGP"),
        (Japanese, "JPN"),
        (Korean, "KOR PRK"),
        (Malay, "IDN MYS BRN"),
        (Filipino, "PHL"),
        (Vietnamese, "VNM"),
        (Thai, "THA LAO KHM MMR"),
        (Hebrew, "ISR"),
        (CentralAsian, "KAZ UZB KGZ TKM MNG"),
    ];
    for (region, codes) in TABLE {
        if codes.split(' ').any(|c| c == code) {
            return *region;
        }
    }
    Anglo
}

/// A generated name: `full` as first written, `short` as later mentions write it.
#[derive(Clone, Debug)]
pub struct Name {
    pub full: String,
    pub short: String,
}

struct Pool {
    male: &'static [&'static str],
    female: &'static [&'static str],
    surnames: &'static [&'static str],
}

#[rustfmt::skip]
fn pool(region: Region) -> Pool {
    use Region::*;
    match region {
        Maghreb => Pool {
            male: &[
                "Abdellatif", "Mohamed", "Youssef", "Karim", "Rachid", "Said", "Hicham",
                "Noureddine", "Abdelkader", "Mustapha", "Khalid", "Driss", "Abdelhak", "Omar",
                "Mehdi", "Anouar", "Hamid", "Tarek", "Lotfi", "Mourad", "Sofiane", "Brahim",
                "Abdelaziz", "Nabil",
            ],
            female: &[
                "Fatima Zahra", "Nadia", "Leila", "Samira", "Khadija", "Amina", "Houda", "Naima",
                "Meriem", "Salma",
            ],
            surnames: &[
                "Bennani", "Alaoui", "Tazi", "Berrada", "Chraibi", "Idrissi", "Lahlou", "Fassi",
                "Mansouri", "Ouazzani", "Bouzid", "Belkacem", "Haddad", "Zerhouni", "Benjelloun",
                "Sqalli", "Amrani", "Kettani", "Boukhari", "Rahmouni", "Hamdani", "Slimani",
                "Gharbi", "Trabelsi", "Jebali", "Mejri", "Bouazizi", "Benyahia", "Zitouni",
            ],
        },
        Arab => Pool {
            male: &[
                "Abdullah", "Saud", "Khalid", "Faisal", "Nasser", "Mohammed", "Ahmed", "Hamad",
                "Sultan", "Majid", "Yousef", "Abdulaziz", "Talal", "Mansour", "Salem", "Ibrahim",
                "Hussein", "Adel", "Walid", "Tariq", "Mahmoud", "Hassan", "Jassim", "Rashid",
            ],
            female: &[
                "Noura", "Maryam", "Huda", "Reem", "Aisha", "Latifa", "Mona", "Dalia", "Hanan",
            ],
            surnames: &[
                "Harbi", "Mutairi", "Otaibi", "Qahtani", "Shamsi", "Mansouri", "Kuwari", "Thani",
                "Dosari", "Ghamdi", "Zahrani", "Shehhi", "Marri", "Khalifa", "Sabah", "Rashidi",
                "Masri", "Tamimi", "Hashemi", "Obeidi", "Jubouri", "Sharif", "Nuaimi", "Suwaidi",
            ],
        },
        Turkish => Pool {
            male: &[
                "Mehmet", "Ahmet", "Mustafa", "Gökhan", "Selami", "Emre", "Hakan", "Murat",
                "Burak", "Serkan", "Ömer", "Yusuf", "Kemal", "Ercan", "Cengiz", "Oğuz", "İbrahim",
                "Süleyman",
            ],
            female: &[
                "Ayşe", "Elif", "Zeynep", "Fatma", "Gülşen", "Derya", "Özlem", "Şule",
            ],
            surnames: &[
                "Yıldız", "Çelik", "Aktaş", "Şahin", "Demir", "Kaya", "Öztürk", "Arslan", "Doğan",
                "Kılıç", "Aydın", "Erdem", "Koç", "Güler", "Karaoğlu", "Polat", "Kurt", "Özdemir",
                "Tekin", "Yavuz", "Bulut",
            ],
        },
        French => Pool {
            male: &[
                "Frédéric", "Jean-Marc", "Olivier", "Laurent", "Thierry", "Jérôme", "François",
                "Pierre", "Nicolas", "Stéphane", "Philippe", "Christophe", "Benoît", "Hervé",
                "Guillaume", "Jean-Luc", "Rémi", "Xavier", "Étienne", "Mathieu",
            ],
            female: &[
                "Céline", "Hélène", "Isabelle", "Sophie", "Nathalie", "Véronique", "Claire",
                "Élodie", "Marie-Christine", "Sandrine", "Aurélie",
            ],
            surnames: &[
                "Moreau", "Lefèvre", "Girard", "Bonnet", "Fontaine", "Rousseau", "Lambert",
                "Mercier", "Dupuis", "Garnier", "Chevalier", "Faure", "Gauthier", "Perrin",
                "Marchand", "Boucher", "Lemaire", "Roussel", "Vasseur", "Delacroix", "Bérard",
                "Castaing", "Thébault",
            ],
        },
        Dutch => Pool {
            male: &[
                "Pieter", "Joost", "Willem", "Bart", "Koen", "Dirk", "Jeroen", "Hendrik",
                "Maarten", "Wouter", "Thijs", "Erik", "Geert", "Luc", "Stijn",
            ],
            female: &[
                "Anouk", "Sanne", "Marieke", "Els", "Femke", "Inge", "Annelies", "Griet",
            ],
            surnames: &[
                "Jansen", "Visser", "Smit", "Meijer", "Bakker", "Mulder", "Bos", "Peeters", "Maes",
                "Claes", "Wouters", "Willems", "Goossens", "Verhoeven", "Hermans",
            ],
        },
        German => Pool {
            male: &[
                "Holger", "Jürgen", "Dieter", "Thomas", "Stefan", "Markus", "Klaus", "Andreas",
                "Matthias", "Karl-Heinz", "Ralf", "Uwe", "Tobias", "Bernd", "Florian", "Günther",
            ],
            female: &[
                "Sabine", "Ursula", "Katrin", "Annegret", "Birgit", "Heike", "Claudia", "Jutta",
            ],
            surnames: &[
                "Müller", "Schäfer", "Becker", "Hoffmann", "Krüger", "Wagner", "Schröder",
                "Neumann", "Zimmermann", "Braun", "Hartmann", "Köhler", "Vogel", "Weiß", "Lange",
                "Brandt", "Kühn", "Roth", "Seidel", "Fuchs",
            ],
        },
        Italian => Pool {
            male: &[
                "Vittorio", "Giuseppe", "Lamberto", "Francesco", "Alessandro", "Marco", "Stefano",
                "Giovanni", "Luca", "Roberto", "Massimo", "Paolo", "Carmelo", "Salvatore",
                "Gianluca", "Raffaele",
            ],
            female: &[
                "Giulia", "Francesca", "Elena", "Chiara", "Paola", "Antonella", "Luciana",
            ],
            surnames: &[
                "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
                "Marino", "Greco", "Bruno", "Gallo", "Conti", "Mancini", "Costa", "Giordano",
                "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Caruso",
            ],
        },
        Spanish => Pool {
            male: &[
                "José Luis", "Fernando", "Manuel", "Eugenio", "Javier", "Carlos", "Miguel Ángel",
                "Juan Carlos", "Alejandro", "Andrés", "Ramón", "Sergio", "Rodrigo", "Álvaro",
                "Jesús", "Óscar", "Rafael", "Diego", "Hernán", "Gustavo",
            ],
            female: &[
                "María", "Carmen", "Lucía", "Ana Belén", "Marta", "Isabel", "Beatriz", "Rocío",
                "Claudia", "Gabriela", "Verónica",
            ],
            surnames: &[
                "García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Díaz",
                "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres", "Domínguez",
                "Vázquez", "Ramos", "Gil", "Serrano", "Blanco", "Molina", "Ortega", "Delgado",
                "Castro", "Ortiz", "Rubio", "Marín", "Núñez", "Iglesias", "Medina", "Quintero",
            ],
        },
        Portuguese => Pool {
            male: &[
                "João", "António", "José", "Luís", "Paulo", "Andrei", "Rui", "Miguel", "Marcelo",
                "Fábio", "Rodrigo", "Sérgio", "Tiago", "Gonçalo", "Flávio",
            ],
            female: &[
                "Ana Paula", "Maria João", "Fernanda", "Luísa", "Inês", "Patrícia", "Joana",
            ],
            surnames: &[
                "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues",
                "Martins", "Sousa", "Gonçalves", "Gomes", "Lopes", "Marques", "Almeida", "Ribeiro",
                "Carvalho", "Teixeira", "Moura", "Cardoso", "Nascimento",
            ],
        },
        Slavic => Pool {
            male: &[
                "Dmitry", "Sergei", "Oleksandr", "Andriy", "Łukasz", "Tomasz", "Piotr", "Tomáš",
                "Jiří", "Milan", "Ivan", "Dragan", "Goran", "Nikola", "Marek", "Vladimir", "Bojan",
                "Aleksandar", "Darius", "Mindaugas", "Jānis", "Artur", "Zoran",
            ],
            female: &[
                "Olena", "Natalia", "Agnieszka", "Katarzyna", "Jana", "Milica", "Irina", "Vesna",
                "Ewa", "Daiva", "Ieva",
            ],
            surnames: &[
                "Volkov", "Kovalenko", "Shevchenko", "Kowalski", "Kamiński", "Wiśniewski", "Novák",
                "Dvořák", "Horváth", "Petrović", "Jovanović", "Nikolić", "Kovačević", "Popov",
                "Ivanov", "Marković", "Babić", "Zieliński", "Kozlov", "Bondarenko", "Kazlauskas",
                "Bērziņš", "Tamm", "Hoxha", "Gashi", "Krasniqi",
            ],
        },
        Romanian => Pool {
            male: &[
                "Andrei", "Ion", "Mihai", "Bogdan", "Cătălin", "Florin", "Radu", "Sorin", "Vasile",
            ],
            female: &["Ioana", "Elena", "Alina", "Mihaela", "Cristina", "Raluca"],
            surnames: &[
                "Popescu", "Dumitrescu", "Ionescu", "Constantinescu", "Stan", "Munteanu",
                "Ciobanu", "Rusu", "Marinescu", "Georgescu", "Lungu", "Țurcanu",
            ],
        },
        Nordic => Pool {
            male: &[
                "Søren", "Lars", "Anders", "Mikko", "Jukka", "Henrik", "Magnus", "Jón", "Fredrik",
                "Bjørn", "Olav", "Kristian", "Petteri",
            ],
            female: &[
                "Åsa", "Ingrid", "Kirsten", "Sanna", "Liv", "Helle", "Päivi", "Sigrid",
            ],
            surnames: &[
                "Jensen", "Nielsen", "Lindqvist", "Johansson", "Virtanen", "Korhonen",
                "Sigurðsson", "Hansen", "Berg", "Halvorsen", "Andersson", "Nyström", "Mäkinen",
                "Løvås", "Sørensen", "Ekström",
            ],
        },
        Greek => Pool {
            male: &[
                "Konstantinos", "Georgios", "Dimitrios", "Nikolaos", "Michalis", "Christos",
                "Andreas", "Panagiotis",
            ],
            female: &["Eleni", "Maria", "Katerina", "Sofia", "Despina"],
            surnames: &[
                "Papadopoulos", "Georgiou", "Nikolaidis", "Christodoulou", "Konstantinou",
                "Vlachos", "Economou", "Karamanlis", "Stavrou", "Theodorou",
            ],
        },
        Anglo => Pool {
            male: &[
                "Mark", "James", "Andrew", "David", "Michael", "Robert", "Stephen", "Graham",
                "Christopher", "Patrick", "Daniel", "Kevin", "Anthony", "Brian", "Neil", "Owen",
                "Callum", "Trevor", "Desmond",
            ],
            female: &[
                "Sarah", "Karen", "Helen", "Rebecca", "Emma", "Catherine", "Louise", "Jennifer",
                "Michelle", "Fiona", "Shirley",
            ],
            surnames: &[
                "Thompson", "Harrison", "Whitaker", "Fletcher", "Gallagher", "Bennett", "Reynolds",
                "Crawford", "Holloway", "Sutherland", "Kavanagh", "Morrison", "Pemberton",
                "Ashworth", "Donnelly", "Fitzgerald", "Carver", "Hughes", "Walsh", "McKenzie",
                "Baptiste", "Wilkinson",
            ],
        },
        WestAfrica => Pool {
            male: &[
                "Moussa", "Amadou", "Ibrahima", "Souleymane", "Mahamadou", "Ousmane", "Cheikh",
                "Abdoulaye", "Boubacar", "Mamadou", "Lassina", "Serge", "Jean-Pierre", "Désiré",
                "Yacouba",
            ],
            female: &[
                "Aminata", "Fatoumata", "Mariam", "Awa", "Rokia", "Adjoa", "Clarisse",
            ],
            surnames: &[
                "Diop", "Touré", "Ndiaye", "Koné", "Traoré", "Diallo", "Sow", "Cissé", "Keïta",
                "Ouédraogo", "Sanogo", "Coulibaly", "Bamba", "Mbaye", "Faye", "Kaboré", "Mahamat",
                "Nkurunziza", "Mbarga", "Tshisekedi", "Kabila", "Moussavou",
            ],
        },
        EastWestAfricaEn => Pool {
            male: &[
                "Kayode", "Chukwuemeka", "Japhet", "Emeka", "Olusegun", "Kwame", "Kofi", "Tendai",
                "Sipho", "Thabo", "Abiy", "Tesfaye", "Jomo", "Baraka", "Musa", "Yakubu", "Godfrey",
                "Innocent",
            ],
            female: &[
                "Grace", "Amina", "Ngozi", "Wanjiru", "Akosua", "Thandiwe", "Chipo", "Hauwa",
                "Esther",
            ],
            surnames: &[
                "Okafor", "Adeyemi", "Egbetokun", "Mensah", "Owusu", "Boateng", "Kamau", "Otieno",
                "Mwangi", "Odhiambo", "Nkosi", "Dlamini", "Mokoena", "Moyo", "Banda", "Phiri",
                "Tadesse", "Bekele", "Mutua", "Bello", "Abubakar", "Danjuma", "Ochieng",
            ],
        },
        SouthAsian => Pool {
            male: &[
                "Rakesh", "Tapan", "Rajiv", "Anil", "Sanjay", "Vikram", "Arvind", "Suresh",
                "Prakash", "Dinesh", "Ramesh", "Kumar",
            ],
            female: &["Priya", "Anjali", "Sunita", "Kavita", "Meera", "Lakshmi"],
            surnames: &[
                "Sharma", "Verma", "Gupta", "Singh", "Deka", "Nair", "Iyer", "Reddy", "Mehta",
                "Joshi", "Chaudhary", "Rao", "Perera", "Fernando", "Thapa", "Pillai",
            ],
        },
        Pakistani => Pool {
            male: &[
                "Mohsin", "Asim", "Imran", "Shahid", "Tariq", "Faisal", "Zubair", "Kamran",
                "Nadeem", "Rizwan", "Aftab", "Saleem", "Hamid", "Ashraf",
            ],
            female: &["Ayesha", "Saima", "Fauzia", "Rabia", "Nasreen", "Shazia"],
            surnames: &[
                "Qureshi", "Malik", "Chaudhry", "Butt", "Abbasi", "Khan", "Siddiqui", "Awan",
                "Bajwa", "Rahman", "Hossain", "Karzai", "Ahmadzai", "Hashmi", "Raza",
            ],
        },
        Persian => Pool {
            male: &[
                "Ahmad", "Esmail", "Hossein", "Mohammad Reza", "Ali", "Mehdi", "Reza", "Saeed",
            ],
            female: &["Zahra", "Fatemeh", "Shirin", "Parisa"],
            surnames: &[
                "Vahidi", "Khatib", "Moradi", "Rahimi", "Karimi", "Hosseini", "Jafari", "Ahmadi",
                "Rostami", "Rahmon",
            ],
        },
        Chinese => Pool {
            male: &[
                "Xiaohong", "Wei", "Jianguo", "Zhiqiang", "Haitao", "Jun", "Guoqiang", "Yong",
                "Lei", "Ming",
            ],
            female: &["Li", "Xiuying", "Hui", "Mei", "Yan"],
            surnames: &[
                "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu",
                "Sun",
            ],
        },
        Japanese => Pool {
            male: &[
                "Yasuhiro", "Takeshi", "Hiroshi", "Kenji", "Satoshi", "Daisuke", "Masaru", "Kōji",
            ],
            female: &["Yuko", "Naoko", "Keiko", "Akiko"],
            surnames: &[
                "Tsuyuki", "Yamamoto", "Tanaka", "Watanabe", "Suzuki", "Takahashi", "Nakamura",
                "Kobayashi", "Saitō", "Matsumoto",
            ],
        },
        Korean => Pool {
            male: &[
                "Ji-ho", "Min-jun", "Seung-woo", "Dong-hyun", "Jae-sung", "Young-soo", "Sang-hoon",
            ],
            female: &["Soo-jin", "Eun-ji", "Hye-won", "Mi-kyung"],
            surnames: &[
                "Kim", "Lee", "Park", "Cho", "Yoon", "Jang", "Han", "Oh", "Shin", "Kang",
            ],
        },
        Malay => Pool {
            male: &[
                "Listyo", "Agus", "Budi", "Razarudin", "Ahmad Fauzi", "Hamzah", "Wahyu", "Dedi",
                "Syahrul", "Iskandar", "Rusdi",
            ],
            female: &["Siti", "Dewi", "Nurul", "Rina", "Sri"],
            surnames: &[
                "Prabowo", "Santoso", "Wibowo", "Setiawan", "Hidayat", "Gunawan", "Saputra",
                "Husain", "Ismail", "Abdullah", "Rahman", "Yusof",
            ],
        },
        Filipino => Pool {
            male: &[
                "Rommel", "Benjamin", "Rodolfo", "Dionardo", "Ramon", "Jose", "Eduardo", "Nicolas",
            ],
            female: &["Maria Teresa", "Cristina", "Rosario", "Lourdes"],
            surnames: &[
                "Marbil", "Acorda", "Santos", "Reyes", "Cruz", "Bautista", "Dela Cruz",
                "Villanueva", "Mendoza", "Aquino", "Carlos",
            ],
        },
        Vietnamese => Pool {
            male: &[
                "Van Thanh", "Tam Quang", "Minh Tuan", "Quoc Hung", "Duc Anh", "Van Long",
            ],
            female: &["Thi Lan", "Thu Trang", "Thi Hoa"],
            surnames: &[
                "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do",
            ],
        },
        Thai => Pool {
            male: &[
                "Torsak", "Somchai", "Kittirat", "Surachate", "Prayut", "Anutin", "Sok", "Hun",
                "Aung",
            ],
            female: &["Suda", "Malee", "Pimchanok", "Sophea"],
            surnames: &[
                "Sukvimol", "Chanthong", "Wongsuwan", "Srisuk", "Rattanakorn", "Chea", "Sokhom",
                "Phommachanh", "Myint", "Thein",
            ],
        },
        Hebrew => Pool {
            male: &[
                "Ronen", "David", "Yossi", "Avi", "Eyal", "Nadav", "Shlomo", "Itai",
            ],
            female: &["Michal", "Yael", "Tamar", "Noa"],
            surnames: &[
                "Bar", "Barnea", "Cohen", "Levi", "Mizrahi", "Peretz", "Friedman", "Shapira",
                "Katz",
            ],
        },
        CentralAsian => Pool {
            male: &[
                "Ermek", "Baxtiyor", "Nurlan", "Kanat", "Rustam", "Timur", "Azamat", "Ilham",
                "Elchin",
            ],
            female: &["Aigerim", "Dilnoza", "Gulnara", "Leyla"],
            surnames: &[
                "Sagimbayev", "Qodirov", "Nurmagambetov", "Tashiev", "Aliyev", "Mammadov",
                "Karimov", "Yusupov", "Bekov", "Batbayar",
            ],
        },
    }
}

/// A new name of the given tradition.
pub fn make(rng: &mut Rng, region: Region, female: bool) -> Name {
    use Region::*;
    let p = pool(region);
    let given = if female {
        *rng.pick(p.female)
    } else {
        *rng.pick(p.male)
    };
    let sur = *rng.pick(p.surnames);
    let simple = |g: &str, s: &str| Name {
        full: format!("{g} {s}"),
        short: s.to_owned(),
    };
    match region {
        Maghreb => {
            // "El Khayari", "Ben Salah", "Ait Taleb": the particle belongs to the surname.
            let particle = match rng.below(10) {
                0 | 1 => "El ",
                2 => "Ben ",
                3 => "Ait ",
                _ => "",
            };
            let s = format!("{particle}{sur}");
            simple(given, &s)
        }
        Arab => {
            // "Abdullah bin Saud Al-Harbi": a patronymic sometimes, the family name with al-.
            let al = if rng.chance(50) { "Al-" } else { "al-" };
            let family = format!("{al}{sur}");
            if !female && rng.chance(30) {
                let father = *rng.pick(p.male);
                Name {
                    full: format!("{given} bin {father} {family}"),
                    short: family,
                }
            } else {
                simple(given, &family)
            }
        }
        Dutch => {
            let particle = match rng.below(10) {
                0 | 1 => "van der ",
                2 => "van ",
                3 => "de ",
                4 => "Van den ",
                _ => "",
            };
            simple(given, &format!("{particle}{sur}"))
        }
        German => {
            if rng.chance(8) {
                simple(given, &format!("von {sur}"))
            } else {
                simple(given, sur)
            }
        }
        French => {
            if rng.chance(8) {
                simple(given, &format!("de {sur}"))
            } else {
                simple(given, sur)
            }
        }
        Italian => {
            if rng.chance(10) {
                let particle = *rng.pick(&["Di ", "De ", "Della ", "Lo "]);
                simple(given, &format!("{particle}{sur}"))
            } else {
                simple(given, sur)
            }
        }
        Spanish => {
            // Two surnames half the time, sometimes hyphenated or with "de la".
            match rng.below(10) {
                0..=3 => simple(given, sur),
                4 | 5 => {
                    let second = *rng.pick(p.surnames);
                    simple(given, &format!("{sur} {second}"))
                }
                6 => {
                    let second = *rng.pick(p.surnames);
                    simple(given, &format!("{sur}-{second}"))
                }
                7 => simple(given, &format!("de la {sur}")),
                _ => {
                    let second = *rng.pick(p.surnames);
                    Name {
                        full: format!("{given} {sur} {second}"),
                        short: sur.to_owned(),
                    }
                }
            }
        }
        Portuguese => match rng.below(10) {
            0 | 1 => simple(given, &format!("dos {sur}")),
            2 => simple(given, &format!("da {sur}")),
            3 | 4 => {
                let second = *rng.pick(p.surnames);
                Name {
                    full: format!("{given} {second} {sur}"),
                    short: sur.to_owned(),
                }
            }
            _ => simple(given, sur),
        },
        Chinese | Korean | Vietnamese => {
            // Family name first; later mentions use it (Vietnamese use the last given name).
            let full = format!("{sur} {given}");
            let short = if region == Vietnamese {
                given.rsplit(' ').next().unwrap_or(given).to_owned()
            } else {
                sur.to_owned()
            };
            Name { full, short }
        }
        Malay => {
            if !female && rng.chance(30) {
                let father = *rng.pick(p.male);
                Name {
                    full: format!("{given} bin {father}"),
                    short: given.to_owned(),
                }
            } else {
                simple(given, sur)
            }
        }
        Thai => Name {
            full: format!("{given} {sur}"),
            short: given.to_owned(),
        },
        Filipino => {
            if !female && rng.chance(15) {
                Name {
                    full: format!("{given} {sur} Jr."),
                    short: sur.to_owned(),
                }
            } else {
                simple(given, sur)
            }
        }
        _ => simple(given, sur),
    }
}

/// Author names for bylines ("About Mansouri abdelkader"): any tradition, sometimes written
/// surname first in lower case, as scraped bylines are.
pub fn author(rng: &mut Rng) -> String {
    let region = *rng.pick(&[
        Region::Maghreb,
        Region::French,
        Region::Anglo,
        Region::Spanish,
        Region::Arab,
        Region::EastWestAfricaEn,
    ]);
    let female = rng.chance(40);
    let n = make(rng, region, female);
    if rng.chance(30) {
        let given = n.full.split(' ').next().unwrap_or("").to_lowercase();
        format!("{} {given}", n.short)
    } else {
        n.full
    }
}
