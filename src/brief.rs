//! The Markdown briefing of one partner: what an analyst pastes into a note before a
//! meeting. Every fact carries a numbered reference to its source (outlet, title, date, URL,
//! and the sentence), and disagreements between sources are listed, not resolved.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::gazetteer::Gazetteer;
use crate::model::{Event, Kind, Status};
use crate::profile::{Dataset, Filter};
use crate::sanitize::sanitize_line;
use crate::sym::Sym;
use crate::views::{date_str, partner_name, post_str, posts_of};

/// Numbers sources in order of first citation.
#[derive(Default)]
struct Refs {
    order: Vec<(Sym, usize, usize, String)>,
    index: BTreeMap<(Sym, usize), usize>,
}

impl Refs {
    fn cite(&mut self, e: &Event) -> String {
        let mut nums = Vec::new();
        for s in &e.sources {
            let key = (s.article.clone(), s.start);
            let n = match self.index.get(&key) {
                Some(&n) => n,
                None => {
                    self.order.push((
                        s.article.clone(),
                        s.start,
                        s.end,
                        s.sentence.text().into_owned(),
                    ));
                    let n = self.order.len();
                    self.index.insert(key, n);
                    n
                }
            };
            if !nums.contains(&n) {
                nums.push(n);
            }
        }
        nums.iter().map(|n| format!("[{n}]")).collect::<String>()
    }
}

/// Makes text safe inside a Markdown table cell or list item.
fn md(s: &str) -> String {
    sanitize_line(s)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('<', "&lt;")
}

fn people(e: &Event) -> String {
    e.counterparts
        .iter()
        .map(|c| {
            let post = post_str(c.title.as_deref(), c.org.as_deref());
            if post.is_empty() {
                md(&c.name)
            } else {
                format!("{} ({})", md(&c.name), md(&post))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The briefing as Markdown. `partner` is a code (see `views::resolve_partner`).
pub fn brief_markdown(ds: &Dataset, gz: &Gazetteer, partner: &str, filter: &Filter) -> String {
    let p = ds.profile(gz, partner, filter);
    let home = ds
        .home
        .as_deref()
        .map(|h| partner_name(gz, h))
        .unwrap_or_else(|| "the home country".into());
    let mut refs = Refs::default();
    let mut out = String::new();
    out.push_str(&format!(
        "# Briefing: {} ({}) — security cooperation with {}\n\n",
        md(&p.name),
        p.partner,
        md(&home)
    ));
    out.push_str(&format!(
        "_From {} articles; filter: {}._\n\n",
        ds.articles.len(),
        filter.describe()
    ));

    out.push_str("## Summary\n\n");
    if p.total == 0 {
        out.push_str(&format!("No events match ({}).\n\n", filter.describe()));
    } else {
        let counts: Vec<String> = p
            .counts
            .iter()
            .map(|(k, n)| format!("{n} {k}{}", if *n == 1 { "" } else { "s" }))
            .collect();
        out.push_str(&format!(
            "- **{} events**: {}.\n",
            p.total,
            counts.join(", ")
        ));
        out.push_str(&format!(
            "- First contact {}, last contact {}.\n",
            date_str(p.first_contact),
            date_str(p.last_contact)
        ));
        if let Some(&i) = p.agreements.first() {
            let e = &ds.events[i];
            out.push_str(&format!(
                "- Latest agreement: {} ({}).\n",
                md(e.what.as_deref().unwrap_or("agreement")),
                date_str(e.date)
            ));
        }
        if !p.focus.is_empty() {
            let f: Vec<String> = p.focus.iter().take(5).map(|(a, _)| a.clone()).collect();
            out.push_str(&format!("- Main focus areas: {}.\n", f.join(", ")));
        }
        if !p.planned.is_empty() {
            out.push_str(&format!("- {} planned event(s).\n", p.planned.len()));
        }
        out.push('\n');
    }

    if !p.agreements.is_empty() {
        out.push_str("## Agreements\n\n| Date | What | Signatories | Focus | Sources |\n|---|---|---|---|---|\n");
        for &i in &p.agreements {
            let e = &ds.events[i];
            out.push_str(&format!(
                "| {} | {}{} | {} | {} | {} |\n",
                date_str(e.date),
                md(e.what.as_deref().unwrap_or("agreement")),
                if e.status == Status::Planned {
                    " (planned)"
                } else {
                    ""
                },
                people(e),
                e.focus.join(", "),
                refs.cite(e)
            ));
        }
        out.push('\n');
    }

    let list = |out: &mut String, refs: &mut Refs, title: &str, idx: &[usize]| {
        if idx.is_empty() {
            return;
        }
        out.push_str(&format!("## {title}\n\n"));
        for &i in idx {
            let e = &ds.events[i];
            let mut line = format!("- **{}** {}", date_str(e.date), e.kind);
            if e.status == Status::Planned {
                line.push_str(" (planned)");
            }
            let who = people(e);
            if !who.is_empty() {
                line.push_str(&format!(" — {who}"));
            }
            if let Some(pl) = &e.place {
                line.push_str(&format!(", in {}", md(pl)));
            }
            if !e.focus.is_empty() {
                line.push_str(&format!("; focus: {}", e.focus.join(", ")));
            }
            line.push_str(&format!(" {}\n", refs.cite(e)));
            out.push_str(&line);
        }
        out.push('\n');
    };
    list(&mut out, &mut refs, "Meetings and visits", &p.timeline);
    let others: Vec<usize> = [
        Kind::Award,
        Kind::Training,
        Kind::Assistance,
        Kind::Statement,
    ]
    .iter()
    .flat_map(|k| p.others.get(k).cloned().unwrap_or_default())
    .collect();
    list(
        &mut out,
        &mut refs,
        "Awards, training, assistance and statements",
        &others,
    );
    list(&mut out, &mut refs, "Planned", &p.planned);

    if !p.counterparts.is_empty() {
        out.push_str(
            "## Counterparts\n\n| Name | Post | Last contact | Note |\n|---|---|---|---|\n",
        );
        for &i in &p.counterparts {
            let person = &ds.people[i];
            let posts: Vec<String> = posts_of(person).iter().map(|p| md(p)).collect();
            let mut note = String::new();
            if person.conflict {
                note.push_str("sources disagree on the post");
            }
            if !person.variants.is_empty() {
                if !note.is_empty() {
                    note.push_str("; ");
                }
                let v: Vec<String> = person.variants.iter().map(|v| md(v)).collect();
                note.push_str(&format!("also written {}", v.join(", ")));
            }
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                md(&person.name),
                posts.join(" / "),
                date_str(person.last_contact),
                note
            ));
        }
        out.push('\n');
    }

    if !p.focus.is_empty() {
        out.push_str("## Focus areas\n\n");
        for (a, n) in &p.focus {
            out.push_str(&format!(
                "- {a}: {n} event{}\n",
                if *n == 1 { "" } else { "s" }
            ));
        }
        out.push('\n');
    }

    let conflicts: Vec<usize> = p
        .counterparts
        .iter()
        .copied()
        .filter(|&i| ds.people[i].conflict)
        .collect();
    if !conflicts.is_empty() {
        out.push_str("## Open conflicts\n\n");
        for i in conflicts {
            let person = &ds.people[i];
            let claims: Vec<String> = person
                .titles
                .iter()
                .map(|t| {
                    let post = [md(&post_str(t.title.as_deref(), t.org.as_deref()))];
                    let outlet = ds
                        .article(&t.article)
                        .and_then(|a| a.source.clone())
                        .unwrap_or_else(|| t.article.to_string());
                    format!(
                        "\"{}\" per {} ({})",
                        post.join(", "),
                        md(&outlet),
                        date_str(t.date)
                    )
                })
                .collect();
            out.push_str(&format!(
                "- **{}**: {}\n",
                md(&person.name),
                claims.join(" vs ")
            ));
        }
        out.push('\n');
    }

    if !refs.order.is_empty() {
        out.push_str("## Sources\n\n");
        for (n, (article, _, _, sentence)) in refs.order.iter().enumerate() {
            let meta = ds.article(article);
            let outlet = meta
                .and_then(|a| a.source.clone())
                .unwrap_or_else(|| "unknown outlet".into());
            let title = meta
                .and_then(|a| a.title.clone())
                .unwrap_or_else(|| article.to_string());
            let published = meta.and_then(|a| a.published).map(|d| d.to_string());
            let url = meta.and_then(|a| a.url.clone());
            out.push_str(&format!(
                "{}. {}, \"{}\"{}{}. — \"{}\"\n",
                n + 1,
                md(&outlet),
                md(&title),
                published.map(|d| format!(", {d}")).unwrap_or_default(),
                url.map(|u| format!(", <{}>", sanitize_line(&u)))
                    .unwrap_or_default(),
                md(sentence)
            ));
        }
    }
    out
}

/// Writes the briefing to `path` (a file, or a folder to put `brief-<code>.md` in),
/// atomically: a temporary file in the same folder, then a rename, so a reader never sees
/// half a briefing and a failure leaves any previous file intact.
pub fn write_brief(
    ds: &Dataset,
    gz: &Gazetteer,
    partner: &str,
    filter: &Filter,
    path: &Path,
) -> std::io::Result<PathBuf> {
    let target = if path.is_dir() {
        path.join(format!("brief-{}.md", partner.to_lowercase()))
    } else {
        path.to_path_buf()
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let text = brief_markdown(ds, gz, partner, filter);
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(target)
}
