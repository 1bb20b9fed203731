//! Human-readable output for the command line: tables that fit the terminal.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use crate::model::{Event, Extraction};

/// The events of an extraction as a table, `width` columns wide at most.
pub fn events_table(x: &Extraction, width: Option<u16>) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header([
            "date",
            "kind",
            "partners",
            "counterparts",
            "focus",
            "source",
        ]);
    if let Some(w) = width {
        t.set_width(w);
    }
    for e in &x.events {
        t.add_row([
            date_cell(e),
            e.kind.to_string(),
            e.partners.join(", "),
            e.counterparts
                .iter()
                .map(|c| match &c.country {
                    Some(cc) => format!("{} ({cc})", c.name),
                    None => c.name.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; "),
            e.focus.join(", "),
            {
                let mut ids: Vec<&str> = e.sources.iter().map(|s| s.article.as_str()).collect();
                ids.dedup();
                ids.join(", ")
            },
        ]);
    }
    let home = x.home.as_deref().unwrap_or("none");
    format!(
        "{t}\n{} events from {} articles; partners relative to {home}\n",
        x.events.len(),
        x.articles.len()
    )
}

fn date_cell(e: &Event) -> String {
    let mut s = e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    if e.status == crate::model::Status::Planned {
        s.push_str(" (planned)");
    }
    s
}
