//! The dashboard's two costs that a user can feel: drawing one frame, and recomputing the
//! profiles when a filter changes.
//!
//! ```sh
//! cargo bench --bench frame
//! ```
//!
//! Frames are drawn into ratatui's `TestBackend` (everything but the terminal write) at
//! 200×60 on the busiest screen: the Overview of the partner with the most events, and the
//! evidence popup over it. The filter change is one `App::set_filter` on the seed corpus,
//! alternating between a focus filter and none, which recomputes the rows of the country
//! list from the index's columns and the profile of the selected country. For the latency
//! of every kind of change on a large corpus, see `examples/tui_latency.rs`.

use std::collections::BTreeSet;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use liaison::aliases::Aliases;
use liaison::corpus::Corpus;
use liaison::extract::extract_corpus;
use liaison::gazetteer::Gazetteer;
use liaison::profile::{Dataset, Filter};
use liaison::tui::{Action, App, AppConfig, Tab, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn frame(c: &mut Criterion) {
    let gz = Gazetteer::embedded().expect("embedded gazetteer");
    let x = extract_corpus(&gz, &Corpus::embedded(), None);
    let data = Dataset::build(x, &Aliases::embedded().expect("embedded aliases"));
    let mut app = App::new(
        data,
        &gz,
        AppConfig::on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()),
    );
    app.apply(Action::Resize {
        width: 200,
        height: 60,
    });
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");

    // The list starts on the partner with the most events: the fullest Overview.
    app.apply(Action::ShowTab(Tab::Overview));
    c.bench_function("frame: overview 200x60", |b| {
        b.iter(|| {
            // A fresh buffer each time, as after a change: ratatui then diffs every cell.
            terminal.clear().expect("clear");
            terminal.draw(|f| draw(black_box(&app), f)).expect("draw");
        })
    });

    app.apply(Action::ShowTab(Tab::Meetings));
    app.apply(Action::Open);
    c.bench_function("frame: evidence popup 200x60", |b| {
        b.iter(|| {
            terminal.clear().expect("clear");
            terminal.draw(|f| draw(black_box(&app), f)).expect("draw");
        })
    });
    app.apply(Action::Back);

    let focused = Filter {
        focus: BTreeSet::from(["organized crime".to_owned()]),
        ..Filter::default()
    };
    let mut on = false;
    c.bench_function("filter change (seed corpus)", |b| {
        b.iter(|| {
            on = !on;
            app.set_filter(if on {
                focused.clone()
            } else {
                Filter::default()
            });
            black_box(app.rows().len())
        })
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
