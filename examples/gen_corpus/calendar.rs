//! Calendar arithmetic and the date expressions of news text, each with the date an analyst
//! resolves it to against the publication date (the corpus README's conventions), at the
//! precision the words support.
//!
//! Written here rather than taken from chrono so that the generator's output depends on
//! nothing but this file: the same seed gives the same bytes with any dependency versions.

use super::Rng;

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Ymd { y, m, d }
}

impl Ymd {
    pub fn new(y: i32, m: u32, d: u32) -> Ymd {
        Ymd { y, m, d }
    }
    pub fn days(self) -> i64 {
        days_from_civil(self.y, self.m, self.d)
    }
    pub fn add(self, n: i64) -> Ymd {
        civil_from_days(self.days() + n)
    }
    /// 0 = Monday.
    pub fn weekday(self) -> usize {
        (self.days() + 3).rem_euclid(7) as usize
    }
    pub fn month_name(self) -> &'static str {
        MONTHS[(self.m - 1) as usize]
    }
}

pub fn month_len(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        Ymd::new(y + 1, 1, 1)
    } else {
        Ymd::new(y, m + 1, 1)
    };
    (next.days() - Ymd::new(y, m, 1).days()) as u32
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Prec {
    Year,
    Month,
    Day,
}

/// A date known to some precision (the fields below it are 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PDate {
    pub ymd: Ymd,
    pub prec: Prec,
}

impl PDate {
    pub fn day(ymd: Ymd) -> PDate {
        PDate {
            ymd,
            prec: Prec::Day,
        }
    }
    pub fn month(y: i32, m: u32) -> PDate {
        PDate {
            ymd: Ymd::new(y, m, 1),
            prec: Prec::Month,
        }
    }
    pub fn year(y: i32) -> PDate {
        PDate {
            ymd: Ymd::new(y, 1, 1),
            prec: Prec::Year,
        }
    }
    pub fn truncate(self, p: Prec) -> PDate {
        match p.min(self.prec) {
            Prec::Year => PDate::year(self.ymd.y),
            Prec::Month => PDate::month(self.ymd.y, self.ymd.m),
            Prec::Day => self,
        }
    }
    /// The gold-file form: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn gold(self) -> String {
        match self.prec {
            Prec::Year => format!("{:04}", self.ymd.y),
            Prec::Month => format!("{:04}-{:02}", self.ymd.y, self.ymd.m),
            Prec::Day => format!("{:04}-{:02}-{:02}", self.ymd.y, self.ymd.m, self.ymd.d),
        }
    }
}

/// Month name with day: "June 24" (US) or "24 June" (UK).
pub fn month_day(uk: bool, ymd: Ymd) -> String {
    if uk {
        format!("{} {}", ymd.d, ymd.month_name())
    } else {
        format!("{} {}", ymd.month_name(), ymd.d)
    }
}

/// Full date: "June 24, 2025" or "24 June 2025".
pub fn full_date(uk: bool, ymd: Ymd) -> String {
    if uk {
        format!("{} {} {}", ymd.d, ymd.month_name(), ymd.y)
    } else {
        format!("{} {}, {}", ymd.month_name(), ymd.d, ymd.y)
    }
}

/// A date expression and what it resolves to. `phrase` reads after a verb phrase ("on
/// Monday", "last week", "in September"); `date` is `None` when the words give no date.
#[derive(Clone, Debug)]
pub struct When {
    pub phrase: String,
    pub date: Option<PDate>,
    /// A span such as "June 26-28": later sentences of the story carry on at month precision.
    pub range: bool,
    /// Difficulty tag for the summary ("relative", "weekday", ...).
    pub tag: &'static str,
}

impl When {
    fn new(phrase: String, date: Option<PDate>, tag: &'static str) -> When {
        When {
            phrase,
            date,
            range: false,
            tag,
        }
    }
    /// The date of events told as part of the same story, in later sentences with no date
    /// of their own.
    pub fn cont(&self) -> Option<PDate> {
        self.date.map(|d| {
            if self.range {
                d.truncate(Prec::Month)
            } else {
                d
            }
        })
    }
    /// The phrase with a leading capital, for the start of a sentence.
    pub fn cap(&self) -> String {
        super::cap(&self.phrase)
    }
}

/// The previous calendar week (Monday to Sunday) before `pubd`, at the precision it fits in.
fn last_week(pubd: Ymd) -> Option<PDate> {
    let monday = pubd.add(-(pubd.weekday() as i64));
    let (a, b) = (monday.add(-7), monday.add(-1));
    if a.y != b.y {
        None
    } else if a.m == b.m {
        Some(PDate::month(a.y, a.m))
    } else {
        Some(PDate::year(a.y))
    }
}

fn prev_month(y: i32, m: u32) -> (i32, u32) {
    if m == 1 { (y - 1, 12) } else { (y, m - 1) }
}

fn next_month(y: i32, m: u32) -> (i32, u32) {
    if m == 12 { (y + 1, 1) } else { (y, m + 1) }
}

/// The date of the article's main story: a few days to a few weeks before publication,
/// written the way news writes it for the publication date's precision.
pub fn story(rng: &mut Rng, pubd: PDate, uk: bool) -> When {
    let p = pubd.ymd;
    match pubd.prec {
        Prec::Day => {
            let k = 1 + rng.below(18) as i64;
            let d = p.add(-k);
            match rng.below(20) {
                0 | 1 if k <= 6 => When::new(
                    format!("on {}", WEEKDAYS[d.weekday()]),
                    Some(PDate::day(d)),
                    "weekday",
                ),
                2 if k == 1 => When::new("yesterday".into(), Some(PDate::day(d)), "relative"),
                3 | 4 => When::new(
                    format!("on {}, {}", WEEKDAYS[d.weekday()], month_day(uk, d)),
                    Some(PDate::day(d)),
                    "explicit",
                ),
                8 | 9 if k >= 4 && d.d + 2 <= month_len(d.y, d.m) => {
                    let phrase = if uk {
                        format!("from {} to {} {}", d.d, d.d + 2, d.month_name())
                    } else {
                        format!("on {} {}-{}", d.month_name(), d.d, d.d + 2)
                    };
                    When {
                        phrase,
                        date: Some(PDate::day(d)),
                        range: true,
                        tag: "range",
                    }
                }
                10 | 11 => When::new("last week".into(), last_week(p), "relative"),
                12 if p.d > 8 && k < i64::from(p.d) => When::new(
                    "earlier this month".into(),
                    Some(PDate::month(p.y, p.m)),
                    "relative",
                ),
                13 | 14 => When::new(
                    format!("on {}", full_date(uk, d)),
                    Some(PDate::day(d)),
                    "explicit",
                ),
                15 => When::new(
                    format!("on {}, {}", WEEKDAYS[d.weekday()], full_date(uk, d)),
                    Some(PDate::day(d)),
                    "explicit",
                ),
                _ => When::new(
                    format!("on {}", month_day(uk, d)),
                    Some(PDate::day(d)),
                    "explicit",
                ),
            }
        }
        Prec::Month => {
            let max_d = month_len(p.y, p.m).min(28);
            let d = Ymd::new(p.y, p.m, 1 + rng.below(max_d as usize) as u32);
            match rng.below(10) {
                0 | 1 => When::new("last week".into(), Some(PDate::month(p.y, p.m)), "relative"),
                2 => When::new(
                    "earlier this month".into(),
                    Some(PDate::month(p.y, p.m)),
                    "relative",
                ),
                3 | 4 => When::new(
                    format!("in {}", p.month_name()),
                    Some(PDate::month(p.y, p.m)),
                    "month",
                ),
                5 if d.d + 2 <= month_len(d.y, d.m) => When {
                    phrase: if uk {
                        format!("from {} to {} {}", d.d, d.d + 2, d.month_name())
                    } else {
                        format!("on {} {}-{}", d.month_name(), d.d, d.d + 2)
                    },
                    date: Some(PDate::day(d)),
                    range: true,
                    tag: "range",
                },
                _ => When::new(
                    format!("on {}", month_day(uk, d)),
                    Some(PDate::day(d)),
                    "explicit",
                ),
            }
        }
        Prec::Year => {
            let m = 1 + rng.below(12) as u32;
            match rng.below(6) {
                0 => When::new(
                    "earlier this year".into(),
                    Some(PDate::year(p.y)),
                    "relative",
                ),
                1 => {
                    let d = Ymd::new(p.y, m, 1 + rng.below(28) as u32);
                    When::new(
                        format!("on {}", full_date(uk, d)),
                        Some(PDate::day(d)),
                        "explicit",
                    )
                }
                2 => When::new(
                    format!("in {} {}", MONTHS[(m - 1) as usize], p.y),
                    Some(PDate::month(p.y, m)),
                    "month",
                ),
                _ => When::new(
                    format!("in {}", MONTHS[(m - 1) as usize]),
                    Some(PDate::month(p.y, m)),
                    "month",
                ),
            }
        }
    }
}

/// An earlier event of the same period (the review articles' "in February"), before the
/// story and no later than publication.
pub fn earlier(rng: &mut Rng, pubd: PDate, uk: bool) -> When {
    let p = pubd.ymd;
    if pubd.prec == Prec::Year {
        return story(rng, pubd, uk);
    }
    match rng.below(12) {
        0..=4 => {
            // "in September": a month of this year up to the publication month.
            let m = 1 + rng.below(p.m as usize) as u32;
            When::new(
                format!("in {}", MONTHS[(m - 1) as usize]),
                Some(PDate::month(p.y, m)),
                "month",
            )
        }
        5 => {
            let (y, m) = prev_month(p.y, p.m);
            When::new("last month".into(), Some(PDate::month(y, m)), "relative")
        }
        6 => When::new(
            "earlier this year".into(),
            Some(PDate::year(p.y)),
            "relative",
        ),
        7 => {
            let (y, m) = prev_month(p.y, p.m);
            let m2 = 1 + rng.below(m as usize) as u32;
            let d = Ymd::new(y, m2, 1 + rng.below(28) as u32);
            When::new(
                format!("on {}", full_date(uk, d)),
                Some(PDate::day(d)),
                "explicit",
            )
        }
        8 => {
            let m = 1 + rng.below(12) as u32;
            When::new(
                format!("in {} {}", MONTHS[(m - 1) as usize], p.y - 1),
                Some(PDate::month(p.y - 1, m)),
                "month",
            )
        }
        9 => When::new("last year".into(), Some(PDate::year(p.y - 1)), "relative"),
        10 => When::new("recently".into(), None, "undated"),
        _ => {
            let m = 1 + rng.below(p.m as usize) as u32;
            let which = *rng.pick(&["early", "mid-", "late"]);
            let sep = if which.ends_with('-') { "" } else { " " };
            When::new(
                format!("in {which}{sep}{}", MONTHS[(m - 1) as usize]),
                Some(PDate::month(p.y, m)),
                "month",
            )
        }
    }
}

/// Background, years before: "in 2019", "in April 2022"; `year` is for "a 2023 agreement".
pub fn background(rng: &mut Rng, pubd: PDate) -> (i32, When) {
    let y = pubd.ymd.y - 1 - rng.below(8) as i32;
    let w = match rng.below(4) {
        0 => {
            let m = 1 + rng.below(12) as u32;
            When::new(
                format!("in {} {y}", MONTHS[(m - 1) as usize]),
                Some(PDate::month(y, m)),
                "background",
            )
        }
        _ => When::new(format!("in {y}"), Some(PDate::year(y)), "background"),
    };
    (y, w)
}

/// A plan: after publication, resolved forward ("in September" of an article of December is
/// next year's September).
pub fn future(rng: &mut Rng, pubd: PDate, uk: bool) -> When {
    let p = pubd.ymd;
    match pubd.prec {
        Prec::Year => match rng.below(3) {
            0 => When::new(
                "next year".into(),
                Some(PDate::year(p.y + 1)),
                "future-date",
            ),
            1 => When::new(
                "later this year".into(),
                Some(PDate::year(p.y)),
                "future-date",
            ),
            _ => When::new("in the coming months".into(), None, "future-date"),
        },
        _ => match rng.below(9) {
            0 | 1 => {
                let (y, m) = next_month(p.y, p.m);
                When::new("next month".into(), Some(PDate::month(y, m)), "future-date")
            }
            2 | 3 => {
                let m = 1 + rng.below(12) as u32;
                let y = if m > p.m { p.y } else { p.y + 1 };
                When::new(
                    format!("in {}", MONTHS[(m - 1) as usize]),
                    Some(PDate::month(y, m)),
                    "future-date",
                )
            }
            4 if pubd.prec == Prec::Day => {
                let d = p.add(10 + rng.below(60) as i64);
                When::new(
                    format!("on {}", month_day(uk, d)),
                    Some(PDate::day(d)),
                    "future-date",
                )
            }
            5 if p.m < 10 => When::new(
                "later this year".into(),
                Some(PDate::year(p.y)),
                "future-date",
            ),
            6 => When::new(
                "next year".into(),
                Some(PDate::year(p.y + 1)),
                "future-date",
            ),
            _ => When::new("in the coming weeks".into(), None, "future-date"),
        },
    }
}

/// A publication date between 2019 and 2025; one in seven is known only to the month and one
/// in twenty only to the year, as scraped front matter often is.
pub fn publication(rng: &mut Rng) -> PDate {
    let start = Ymd::new(2019, 1, 15).days();
    let end = Ymd::new(2025, 12, 20).days();
    let d = civil_from_days(start + rng.below((end - start) as usize) as i64);
    match rng.below(20) {
        0 => PDate::year(d.y),
        1..=3 => PDate::month(d.y, d.m),
        _ => PDate::day(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_weekdays() {
        assert_eq!(Ymd::new(1970, 1, 1).days(), 0);
        assert_eq!(Ymd::new(2025, 6, 24).weekday(), 1); // a Tuesday
        for z in -1000..30_000 {
            assert_eq!(civil_from_days(z).days(), z);
        }
        assert_eq!(month_len(2024, 2), 29);
        assert_eq!(month_len(2025, 2), 28);
    }

    #[test]
    fn last_week_precision() {
        // Wednesday 2025-04-16: last week is April 7-13.
        assert_eq!(
            last_week(Ymd::new(2025, 4, 16)),
            Some(PDate::month(2025, 4))
        );
        // Wednesday 2025-04-02: last week is March 24-30.
        assert_eq!(last_week(Ymd::new(2025, 4, 2)), Some(PDate::month(2025, 3)));
        // Friday 2025-08-08: last week is July 28 - August 3.
        assert_eq!(last_week(Ymd::new(2025, 8, 8)), Some(PDate::year(2025)));
    }
}
