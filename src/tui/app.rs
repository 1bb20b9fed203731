//! The dashboard's state and the one place it changes: [`App::apply`].
//!
//! What the user sees is [`View`] (selection, tab, popup, filter, sort, message) plus what is
//! derived from the dataset under the filter. The columns of the [`Index`] are built once at
//! start; a filter change recomputes the rows of the country list from them (one pass over
//! small integers), a sort change only re-sorts the rows, and the full [`Profile`] (with its
//! [`PartnerExtra`]) is computed for the selected country alone, again when the selection
//! moves. The search index is built the first time the search opens and told what the rows
//! show when they change. `View` compares by value, so the runtime can tell whether an
//! action changed anything and skip drawing when it did not: it holds only the best search
//! results, never a list as long as the dataset.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::text::Line;
use tui_input::{Input, InputRequest};

use crate::dates::PartialDate;
use crate::fold::fold;
use crate::gazetteer::Gazetteer;
use crate::model::{ArticleMeta, Kind};
use crate::profile::{Dataset, Filter, Profile};

use super::action::{Action, Effect, Tab};
use super::keymap::{Key, Keymap, ctrl_c};
use super::layout::{self, Regions};
use super::search::{Hit, ItemKind, SearchIndex};
use super::text::{clean, date};
use super::theme::Theme;
use super::ui;
use crate::columns::{Compiled, Index, Rows, source_meta};
pub use crate::columns::{PartnerExtra, Row, SourceRow};

/// How many computed profiles and country lists the dashboard keeps, for going back to a
/// filter or a country.
const RECENT_PROFILES: usize = 8;

/// The last values computed for a few keys, the most recently used kept.
#[derive(Debug)]
struct Recent<K, V>(Vec<(K, V)>);

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent(Vec::new())
    }
}

impl<K: PartialEq + Clone, V: Clone> Recent<K, V> {
    fn has(&self, key: &K) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// Keeps `value` for `key`, forgetting the least recently used beyond
    /// [`RECENT_PROFILES`].
    fn put(&mut self, key: K, value: V) {
        self.0.retain(|(k, _)| *k != key);
        if self.0.len() == RECENT_PROFILES {
            self.0.remove(0);
        }
        self.0.push((key, value));
    }

    /// The value kept for `key`, else `make()`'s, kept.
    fn get_or_make(&mut self, key: &K, make: impl FnOnce() -> V) -> V {
        match self.0.iter().position(|(k, _)| k == key) {
            Some(at) => {
                let hit = self.0.remove(at);
                let value = hit.1.clone();
                self.0.push(hit);
                value
            }
            None => {
                let value = make();
                self.put(key.clone(), value.clone());
                value
            }
        }
    }
}

/// From how many events a selected country's profile is worth a thread of its own when the
/// filter changes (below, starting the thread costs more than it saves).
const AHEAD_EVENTS: usize = 4096;

/// How the dashboard starts.
#[derive(Clone, Debug, Default)]
pub struct AppConfig {
    pub filter: Filter,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The day relative date presets ("last 12 months") count from; passed in so that tests
    /// and screenshots do not depend on the clock.
    pub today: NaiveDate,
}

impl AppConfig {
    /// The defaults, with relative dates counted from `today` (a fixed day, for tests,
    /// benchmarks and screenshots).
    pub fn on(today: NaiveDate) -> AppConfig {
        AppConfig {
            today,
            ..AppConfig::default()
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    List,
    Detail,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Most events first (the profiles' own order).
    #[default]
    Activity,
    /// Most recent contact first, never-dated last.
    LastContact,
    Name,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Activity => "activity",
            Sort::LastContact => "last contact",
            Sort::Name => "name",
        }
    }

    fn next(self) -> Sort {
        match self {
            Sort::Activity => Sort::LastContact,
            Sort::LastContact => Sort::Name,
            Sort::Name => Sort::Activity,
        }
    }
}

/// A selected row and the first row shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scroll {
    pub sel: usize,
    pub offset: usize,
}

impl Scroll {
    /// Moves the selection for a navigation action over `len` rows of which `page` show.
    fn step(&mut self, action: Action, len: usize, page: usize) -> bool {
        if len == 0 {
            *self = Scroll::default();
            return false;
        }
        let half = (page / 2).max(1);
        let full = page.max(1);
        self.sel = match action {
            Action::Up => self.sel.saturating_sub(1),
            Action::Down => self.sel + 1,
            Action::Top => 0,
            Action::Bottom => len - 1,
            Action::HalfPageDown => self.sel + half,
            Action::HalfPageUp => self.sel.saturating_sub(half),
            Action::PageDown => self.sel + full,
            Action::PageUp => self.sel.saturating_sub(full),
            _ => return false,
        }
        .min(len - 1);
        self.follow(len, page);
        true
    }

    /// Keeps the selection in view with as little movement as possible.
    pub fn follow(&mut self, len: usize, page: usize) {
        self.sel = self.sel.min(len.saturating_sub(1));
        self.offset = window(self.sel, self.offset, len, page);
    }
}

/// The first visible row for a selection: `offset` moved just enough to show `sel`, and never
/// past the last full page.
pub fn window(sel: usize, offset: usize, len: usize, page: usize) -> usize {
    if page == 0 {
        return sel.min(len.saturating_sub(1));
    }
    let mut offset = offset;
    if sel < offset {
        offset = sel;
    } else if sel >= offset + page {
        offset = sel + 1 - page;
    }
    offset.min(len.saturating_sub(page))
}

/// Scrolls text of `len` lines, `page` of them visible.
fn scroll_text(offset: &mut usize, action: Action, len: usize, page: usize) -> bool {
    let max = len.saturating_sub(page);
    let half = (page / 2).max(1);
    let full = page.max(1);
    *offset = match action {
        Action::Up => offset.saturating_sub(1),
        Action::Down => *offset + 1,
        Action::Top => 0,
        Action::Bottom => max,
        Action::HalfPageDown => *offset + half,
        Action::HalfPageUp => offset.saturating_sub(half),
        Action::PageDown => *offset + full,
        Action::PageUp => offset.saturating_sub(full),
        _ => return false,
    }
    .min(max);
    true
}

fn is_nav(a: Action) -> bool {
    matches!(
        a,
        Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp
    )
}

/// A one-line text field (the search query, a date). Edited through `tui_input`, stored as
/// plain data so the view stays comparable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    /// In characters.
    pub cursor: usize,
}

impl Field {
    fn new(value: &str) -> Field {
        Field {
            value: value.to_owned(),
            cursor: value.chars().count(),
        }
    }

    fn edit(&mut self, req: InputRequest) {
        let mut input = Input::new(self.value.clone()).with_cursor(self.cursor);
        input.handle(req);
        self.value = input.value().to_owned();
        self.cursor = input.cursor();
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchPopup {
    pub query: Field,
    /// The best results, at most [`super::search::MAX_HITS`].
    pub hits: Vec<Hit>,
    /// How many items match in all.
    pub total: usize,
    pub list: Scroll,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerKind {
    Focus,
    Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickItem {
    pub value: String,
    /// Events of the corpus with this value, whatever the filter.
    pub count: usize,
    pub on: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub items: Vec<PickItem>,
    pub list: Scroll,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preset {
    pub label: String,
    pub since: Option<PartialDate>,
    pub until: Option<PartialDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFocus {
    Presets,
    Since,
    Until,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dates {
    pub presets: Vec<Preset>,
    pub list: Scroll,
    pub focus: DateFocus,
    pub since: Field,
    pub until: Field,
    pub error: Option<String>,
}

/// The evidence of one or more events: one page per (event, source).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub title: String,
    /// (index into `Dataset::events`, index into its `sources`).
    pub pages: Vec<(usize, usize)>,
    pub page: usize,
    pub scroll: usize,
    /// Names to highlight besides the event's own words (an official's spellings).
    pub names: Vec<String>,
    /// The source sentences of the current page's event, one per source, read once when the
    /// page is turned to: a cached dataset reads them from disk, and the popup is wrapped
    /// again at every draw and scroll.
    pub sentences: Vec<String>,
}

impl Evidence {
    fn turn_to(&mut self, page: usize, data: &Dataset) {
        self.page = page;
        self.scroll = 0;
        self.sentences = self
            .pages
            .get(page)
            .and_then(|&(e, _)| data.events.get(e))
            .map(|ev| {
                ev.sources
                    .iter()
                    .map(|s| s.sentence.text().into_owned())
                    .collect()
            })
            .unwrap_or_default();
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Popup {
    Help { scroll: usize },
    Search(SearchPopup),
    Picker(Picker),
    Dates(Dates),
    Evidence(Evidence),
    Warnings(Scroll),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Everything the user can change; compared before and after each action.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub filter: Filter,
    pub sort: Sort,
    pub pane: Pane,
    pub tab: Tab,
    pub list: Scroll,
    /// One per tab, so switching tabs keeps each tab's place.
    pub detail: [Scroll; 6],
    pub popup: Option<Popup>,
    pub message: Option<Message>,
    /// The terminal size, for paging and mouse hits.
    pub size: (u16, u16),
}

pub struct App<'a> {
    pub(crate) gz: &'a Gazetteer,
    pub(crate) data: Dataset,
    pub(crate) keymap: Keymap,
    pub(crate) theme: Theme,
    today: NaiveDate,
    pub(crate) view: View,
    /// Columns over the dataset, built once.
    pub(crate) index: Index,
    /// The filter as lookup tables over the index.
    compiled: Compiled,
    /// The country list under the filter, in the view's order.
    pub(crate) rows: Vec<Row>,
    /// The years the activity sparklines span, across all partners shown.
    pub(crate) years: Option<(i32, i32)>,
    /// The most events of one partner in one year, the top of the sparklines.
    pub(crate) max_year_count: usize,
    /// Events with a partner that match the filter.
    pub(crate) matching: usize,
    /// The full profile of the selected country, and its extras.
    current: Option<(Profile, PartnerExtra)>,
    /// The last profiles computed, with the filter and partner they were for: going back
    /// to a filter (Esc, unticking what was just ticked) or a country costs no new profile.
    recent: Recent<(Filter, usize), (Profile, PartnerExtra)>,
    /// Likewise the country lists of the last filters (before sorting).
    recent_rows: Recent<Filter, Rows>,
    /// The search index, built when the search first opens; `searched` is the filter
    /// generation it last worked out what is shown for.
    pub(crate) search: Option<SearchIndex>,
    searched: Option<u64>,
    /// Bumped whenever the rows change (filter or order).
    generation: u64,
    /// Articles with a warning, each counted once.
    pub(crate) unreadable: usize,
    /// The Overview of the selected country as wrapped lines, with the width they were
    /// wrapped to: drawn and scrolled many times for each time it changes.
    overview: Option<(usize, Vec<Line<'static>>)>,
    /// Whether the dataset shown is an earlier one while the current one is being built
    /// (see [`crate::cache::Columns::Earlier`]); the header says so.
    pub(crate) updating: bool,
}

/// The articles of `data` with a warning, each counted once.
fn unreadable_of(data: &Dataset) -> usize {
    data.warnings
        .iter()
        .map(|w| w.article.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

impl<'a> App<'a> {
    pub fn new(data: Dataset, gz: &'a Gazetteer, config: AppConfig) -> App<'a> {
        App::with_columns(data, None, gz, config)
    }

    /// [`App::new`] with the columns over `data` when they were kept (by the cache): they
    /// must be `Index::new(&data, gz)`'s, else they are built here.
    pub fn with_columns(
        data: Dataset,
        columns: Option<Index>,
        gz: &'a Gazetteer,
        config: AppConfig,
    ) -> App<'a> {
        let index = columns.unwrap_or_else(|| Index::new(&data, gz));
        crate::timing::phase("dashboard: columns ready");
        let compiled = index.compile(&config.filter);
        let unreadable = unreadable_of(&data);
        let mut app = App {
            gz,
            data,
            keymap: config.keymap,
            theme: config.theme,
            today: config.today,
            view: View {
                filter: config.filter,
                ..View::default()
            },
            index,
            compiled,
            rows: Vec::new(),
            years: None,
            max_year_count: 0,
            matching: 0,
            current: None,
            recent: Recent::default(),
            recent_rows: Recent::default(),
            search: None,
            searched: None,
            generation: 0,
            unreadable,
            overview: None,
            updating: false,
        };
        app.recompute();
        crate::timing::phase("dashboard: rows made");
        app
    }

    /// The partner the dashboard selects when it starts with `filter`: the first row in the
    /// activity order (the default sort), which is the order the columns give the rows in.
    pub fn first_partner(index: &Index, filter: &Filter) -> Option<usize> {
        debug_assert_eq!(View::default().sort, Sort::Activity);
        index
            .rows(&index.compile(filter))
            .rows
            .first()
            .map(|r| r.id)
    }

    /// The events and officials the dashboard's first frame reads, with `filter`, of a
    /// dataset whose columns are `index` (see [`crate::cache::Columns::FirstFrame`]), both
    /// ascending: the first partner's events whose sources name an article the columns do
    /// not know (its list of sources reads them), and what its Overview shows. Everything
    /// else the frame draws (the rows, the profile's counts and lists) comes from the
    /// columns, and so does what is worked out here.
    pub fn first_frame_needs(index: &Index, filter: &Filter) -> (Vec<usize>, Vec<usize>) {
        let Some(pid) = App::first_partner(index, filter) else {
            return Default::default();
        };
        let profile = index.profile_alone(pid, &index.compile(filter));
        let shown = ui::overview_items(index, &profile);
        let mut events: Vec<usize> = index
            .partner_events(pid)
            .iter()
            .map(|&e| e as usize)
            .filter(|&e| index.names_unknown_article(e))
            .chain(shown.planned)
            .chain(shown.others)
            .collect();
        events.sort_unstable();
        events.dedup();
        let mut people = shown.people;
        people.sort_unstable();
        people.dedup();
        (events, people)
    }

    /// Makes the dataset whole with `rest` (which reads what the first frame did without
    /// into it), then forgets everything computed from the partial dataset and computes the
    /// selected country's profile again, so nothing shown afterwards comes from it.
    pub fn complete(
        &mut self,
        rest: impl FnOnce(&mut Dataset) -> Result<(), String>,
    ) -> Result<(), String> {
        rest(&mut self.data)?;
        self.current = None;
        self.overview = None;
        self.recent = Recent::default();
        self.search = None;
        self.searched = None;
        self.refollow();
        Ok(())
    }

    /// Shows `data`, whose columns are `index`, in place of the dataset shown (the current
    /// dataset, once built, in place of an earlier one). The view stays: the filter, the
    /// sort, the tab, and the selected country while it is still listed. The popups that
    /// list what the old dataset held (search, a filter's choices, evidence, warnings) are
    /// closed, and everything computed from it is forgotten. Returns the old dataset, for
    /// the caller to free where it costs the user nothing.
    pub fn replace_data(&mut self, data: Dataset, index: Index) -> Dataset {
        let old = std::mem::replace(&mut self.data, data);
        self.index = index;
        self.unreadable = unreadable_of(&self.data);
        if matches!(
            self.view.popup,
            Some(Popup::Search(_) | Popup::Picker(_) | Popup::Evidence(_) | Popup::Warnings(_))
        ) {
            self.view.popup = None;
        }
        self.overview = None;
        self.recent = Recent::default();
        self.recent_rows = Recent::default();
        self.search = None;
        self.searched = None;
        // Which country is selected is read from the profile shown, which this forgets.
        self.recompute();
        old
    }

    /// Whether the dataset shown is an earlier one, being replaced (see
    /// [`App::replace_data`]).
    pub fn set_updating(&mut self, updating: bool) {
        self.updating = updating;
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn dataset(&self) -> &Dataset {
        &self.data
    }

    /// The dataset back, the dashboard's own state dropped.
    pub fn into_dataset(self) -> Dataset {
        self.data
    }

    pub fn gazetteer(&self) -> &'a Gazetteer {
        self.gz
    }

    /// The country list as shown: one row per partner with a matching event.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn filter(&self) -> &Filter {
        &self.view.filter
    }

    /// The profile of the selected country, if the list is not empty.
    pub fn selected(&self) -> Option<&Profile> {
        self.current.as_ref().map(|(p, _)| p)
    }

    /// What the views show of the selected country beyond its profile.
    pub fn selected_extra(&self) -> Option<&PartnerExtra> {
        self.current.as_ref().map(|(_, x)| x)
    }

    /// Bytes of heap the dashboard's indexes hold (the columns, and the search index once
    /// built), beside the dataset itself.
    pub fn index_bytes(&self) -> usize {
        self.index.bytes() + self.search.as_ref().map_or(0, SearchIndex::bytes)
    }

    /// The search item a hit refers to.
    pub fn search_item(&self, hit: &Hit) -> Option<&super::search::Item> {
        self.search.as_ref()?.get(hit.item)
    }

    /// An article by id.
    pub(crate) fn article(&self, id: &str) -> Option<&ArticleMeta> {
        self.index
            .article(&self.data, id)
            .and_then(|i| self.data.articles.get(i))
    }

    /// Replaces the filter and recomputes what depends on it (the benchmarked path).
    pub fn set_filter(&mut self, filter: Filter) {
        self.view.filter = filter;
        // Rows of the detail tabs change with the filter: start them from the top.
        self.view.detail = Default::default();
        self.recompute();
    }

    /// A message in the hint bar until the next key (the runtime reports copies and exports).
    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        self.view.message = Some(Message {
            text: clean(&text.into()),
            error,
        });
    }

    /// True when keys go to a text field.
    pub fn typing(&self) -> bool {
        match &self.view.popup {
            Some(Popup::Search(_)) => true,
            Some(Popup::Dates(d)) => d.focus != DateFocus::Presets,
            _ => false,
        }
    }

    /// A terminal event, through the keymap; what the runtime calls.
    pub fn handle_event(&mut self, ev: &Event) -> Option<Effect> {
        match ev {
            Event::Key(k) => self.handle_key(*k),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => self.apply(Action::Click {
                    column: m.column,
                    row: m.row,
                }),
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                    self.apply(Action::Wheel {
                        column: m.column,
                        row: m.row,
                        down: m.kind == MouseEventKind::ScrollDown,
                    })
                }
                _ => None,
            },
            Event::Resize(w, h) => self.apply(Action::Resize {
                width: *w,
                height: *h,
            }),
            Event::Paste(s) if self.typing() => {
                for c in clean(s).chars() {
                    self.apply(Action::Edit(InputRequest::InsertChar(c)));
                }
                None
            }
            _ => None,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Effect> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if Key::from_event(&key) == ctrl_c() {
            return Some(Effect::Quit);
        }
        if self.typing()
            && let Some(req) = text_request(&key)
        {
            return self.apply(Action::Edit(req));
        }
        match self.keymap.lookup(&key) {
            Some(a) => self.apply(a),
            None => {
                self.view.message = None;
                None
            }
        }
    }

    /// Applies one action. Pure state change; what touches the world is returned.
    pub fn apply(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Resize { .. }) {
            self.view.message = None;
        }
        if let Action::Resize { width, height } = action {
            self.view.size = (width, height);
            self.wrap_overview();
            self.refollow();
            return None;
        }
        if action == Action::Quit {
            return Some(Effect::Quit);
        }
        let effect = if self.view.popup.is_some() {
            self.apply_popup(action)
        } else {
            self.apply_main(action)
        };
        // Every path that moves the selection computes the new profile; this only checks.
        self.sync_selected();
        effect
    }

    fn regions(&self) -> Regions {
        let (w, h) = self.view.size;
        layout::regions(ratatui::layout::Rect::new(0, 0, w, h))
    }

    fn screen(&self) -> ratatui::layout::Rect {
        ratatui::layout::Rect::new(0, 0, self.view.size.0, self.view.size.1)
    }

    fn list_page(&self) -> usize {
        usize::from(self.regions().list_rows.height)
    }

    fn detail_page(&self, tab: Tab) -> usize {
        let r = self.regions();
        if tab == Tab::Overview {
            usize::from(r.body.height)
        } else {
            usize::from(r.body_rows.height)
        }
    }

    /// The width the Overview is wrapped to (the body, less its left margin).
    fn overview_width(&self) -> usize {
        usize::from(self.regions().body.width.saturating_sub(1))
    }

    /// The number of rows of a tab for the selected country.
    pub(crate) fn detail_len(&self, tab: Tab) -> usize {
        let (Some(p), Some(x)) = (self.selected(), self.selected_extra()) else {
            return 0;
        };
        match tab {
            Tab::Overview => match &self.overview {
                Some((w, lines)) if *w == self.overview_width() => lines.len(),
                _ => ui::overview_lines(self, p, x, self.overview_width()).len(),
            },
            Tab::Agreements => p.agreements.len(),
            Tab::Meetings => p.timeline.len(),
            Tab::Counterparts => p.counterparts.len(),
            Tab::Focus => p.focus.len(),
            Tab::Sources => x.sources.len(),
        }
    }

    fn refollow(&mut self) {
        let page = self.list_page();
        self.view.list.follow(self.rows.len(), page);
        self.sync_selected();
        for tab in Tab::ALL {
            let len = self.detail_len(tab);
            let page = self.detail_page(tab);
            let s = &mut self.view.detail[tab.index()];
            if tab == Tab::Overview {
                s.offset = s.offset.min(len.saturating_sub(page));
            } else {
                s.follow(len, page);
            }
        }
    }

    fn apply_main(&mut self, action: Action) -> Option<Effect> {
        match action {
            a if is_nav(a) => self.navigate(a),
            Action::Help => self.view.popup = Some(Popup::Help { scroll: 0 }),
            Action::Search => self.open_search(),
            Action::NextPane | Action::PrevPane => {
                self.view.pane = match self.view.pane {
                    Pane::List if !self.rows.is_empty() => Pane::Detail,
                    _ => Pane::List,
                }
            }
            Action::Left => self.view.pane = Pane::List,
            Action::Right if !self.rows.is_empty() => self.view.pane = Pane::Detail,
            Action::ShowTab(t) => self.show_tab(t),
            Action::NextTab => self.show_tab(self.view.tab.next()),
            Action::PrevTab => self.show_tab(self.view.tab.prev()),
            Action::Open => match self.view.pane {
                Pane::List => {
                    if !self.rows.is_empty() {
                        self.view.pane = Pane::Detail;
                    }
                }
                Pane::Detail => self.open_evidence(),
            },
            Action::Back => {
                if !self.view.filter.is_empty() {
                    self.set_filter(Filter::default());
                    self.notify("filters cleared", false);
                } else {
                    self.view.pane = Pane::List;
                }
            }
            Action::FilterFocus => self.open_picker(PickerKind::Focus),
            Action::FilterKind => self.open_picker(PickerKind::Kind),
            Action::FilterDates => self.open_dates(),
            Action::Sort => {
                self.view.sort = self.view.sort.next();
                let keep = self.selected().map(|p| p.partner.clone());
                self.resort(keep);
                let label = self.view.sort.label();
                self.notify(format!("countries sorted by {label}"), false);
            }
            Action::Copy => return self.copy_selected(),
            Action::Export => match self.selected() {
                Some(p) => return Some(Effect::Export(p.partner.clone())),
                None => self.notify("no country selected to export", true),
            },
            Action::Warnings => self.view.popup = Some(Popup::Warnings(Scroll::default())),
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            _ => {}
        }
        None
    }

    fn show_tab(&mut self, t: Tab) {
        self.view.tab = t;
        if !self.rows.is_empty() {
            self.view.pane = Pane::Detail;
        }
    }

    fn navigate(&mut self, a: Action) {
        match self.view.pane {
            Pane::List => {
                let before = self.view.list.sel;
                let page = self.list_page();
                self.view.list.step(a, self.rows.len(), page);
                if self.view.list.sel != before {
                    self.view.detail = Default::default();
                    self.sync_selected();
                }
            }
            Pane::Detail => {
                let tab = self.view.tab;
                let len = self.detail_len(tab);
                let page = self.detail_page(tab);
                let s = &mut self.view.detail[tab.index()];
                if tab == Tab::Overview {
                    scroll_text(&mut s.offset, a, len, page);
                } else {
                    s.step(a, len, page);
                }
            }
        }
    }

    /// Recomputes the rows for the filter, sorts them, and keeps the selected country when
    /// it is still listed.
    fn recompute(&mut self) {
        self.compiled = self.index.compile(&self.view.filter);
        let keep = self.selected().map(|p| p.partner.clone());
        // The selected country usually stays selected: when it is a busy one, its profile
        // under the new filter is computed on the other core while this one makes the rows,
        // and kept with the recent ones for `sync_selected` to find.
        let filter = &self.view.filter;
        let ahead = keep
            .as_deref()
            .and_then(|code| self.index.partner(code))
            .filter(|&pid| self.index.partner_events(pid).len() >= AHEAD_EVENTS)
            .filter(|&pid| !self.recent.has(&(filter.clone(), pid)));
        let (index, data, compiled) = (&self.index, &self.data, &self.compiled);
        let recent_rows = &mut self.recent_rows;
        let (rows, profile) = std::thread::scope(|scope| {
            let profile = ahead.map(|pid| scope.spawn(move || index.profile(data, pid, compiled)));
            let rows = recent_rows.get_or_make(filter, || index.rows(compiled));
            (rows, profile.and_then(|h| h.join().ok()))
        });
        if let (Some(pid), Some(profile)) = (ahead, profile) {
            self.recent.put((filter.clone(), pid), profile);
        }
        self.matching = rows.matching;
        self.years = rows.years;
        self.max_year_count = rows.max_year_count;
        self.rows = rows.rows;
        // The profile of the selection depends on the filter.
        self.current = None;
        self.resort(keep);
    }

    /// Puts the rows in the view's order (they come busiest first) and keeps the selected
    /// country when it is still listed.
    fn resort(&mut self, keep: Option<String>) {
        let index = &self.index;
        match self.view.sort {
            Sort::Activity => self.rows.sort_by(|a, b| {
                b.total
                    .cmp(&a.total)
                    .then_with(|| index.folded_name(a).cmp(index.folded_name(b)))
                    .then_with(|| a.partner.cmp(&b.partner))
            }),
            Sort::LastContact => self.rows.sort_by(|a, b| {
                (b.last_contact.is_some(), b.last_contact, b.total)
                    .cmp(&(a.last_contact.is_some(), a.last_contact, a.total))
                    .then_with(|| index.folded_name(a).cmp(index.folded_name(b)))
                    .then_with(|| a.partner.cmp(&b.partner))
            }),
            Sort::Name => self.rows.sort_by(|a, b| {
                index
                    .folded_name(a)
                    .cmp(index.folded_name(b))
                    .then_with(|| a.partner.cmp(&b.partner))
            }),
        }
        self.generation += 1;
        let kept = keep
            .as_ref()
            .and_then(|code| self.rows.iter().position(|r| &r.partner == code));
        if kept.is_none() {
            self.view.detail = Default::default();
        }
        self.view.list.sel = kept.unwrap_or(0);
        if self.rows.is_empty() {
            self.view.pane = Pane::List;
        }
        self.refollow();
    }

    /// Computes the full profile of the selected country when the selection or the filter
    /// changed since it was last computed.
    fn sync_selected(&mut self) {
        let want = self.rows.get(self.view.list.sel).map(|r| r.id);
        let have = self
            .current
            .as_ref()
            .and_then(|(p, _)| self.index.partner(&p.partner));
        if want == have {
            return;
        }
        let (index, data, compiled) = (&self.index, &self.data, &self.compiled);
        let recent = &mut self.recent;
        self.current = want.map(|pid| {
            recent.get_or_make(&(self.view.filter.clone(), pid), || {
                index.profile(data, pid, compiled)
            })
        });
        self.overview = None;
        self.wrap_overview();
    }

    /// Wraps the Overview of the selected country for the current width, unless done.
    fn wrap_overview(&mut self) {
        let width = self.overview_width();
        if self.overview.as_ref().is_some_and(|(w, _)| *w == width) {
            return;
        }
        self.overview = match (self.selected(), self.selected_extra()) {
            (Some(p), Some(x)) => Some((width, ui::overview_lines(self, p, x, width))),
            _ => None,
        };
    }

    /// The Overview's lines wrapped to `width`, from the cache when it has that width.
    pub(crate) fn overview_lines(&self, width: usize) -> std::borrow::Cow<'_, [Line<'static>]> {
        match (&self.overview, self.selected(), self.selected_extra()) {
            (Some((w, lines)), _, _) if *w == width => std::borrow::Cow::Borrowed(lines),
            (_, Some(p), Some(x)) => std::borrow::Cow::Owned(ui::overview_lines(self, p, x, width)),
            _ => std::borrow::Cow::Borrowed(&[]),
        }
    }

    // ----- popups -----

    fn open_search(&mut self) {
        let (hits, total) = self.search_hits("");
        self.view.popup = Some(Popup::Search(SearchPopup {
            query: Field::default(),
            hits,
            total,
            list: Scroll::default(),
        }));
    }

    /// Runs a query, building the search index on first use and working out what it shows
    /// when the rows changed since.
    fn search_hits(&mut self, query: &str) -> (Vec<Hit>, usize) {
        let search = self
            .search
            .get_or_insert_with(|| SearchIndex::new(&self.data, &self.index));
        if self.searched != Some(self.generation) {
            search.show(&self.index, &self.rows, &self.compiled);
            self.searched = Some(self.generation);
        }
        search.search(query)
    }

    fn open_picker(&mut self, kind: PickerKind) {
        let items = match kind {
            PickerKind::Kind => Kind::ALL
                .iter()
                .map(|&k| PickItem {
                    value: k.as_str().to_owned(),
                    count: self.index.kind_count(k),
                    on: self.view.filter.kinds.contains(&k),
                })
                .collect(),
            PickerKind::Focus => {
                // Every area of the vocabulary, the corpus and the filter, once each.
                let areas = self
                    .index
                    .focus_areas(self.gz.focus_areas.iter(), self.view.filter.focus.iter());
                let on: BTreeSet<String> = self.view.filter.focus.iter().map(|f| fold(f)).collect();
                let mut items: Vec<PickItem> = areas
                    .into_iter()
                    .map(|(key, (value, count))| PickItem {
                        count,
                        on: on.contains(&key),
                        value,
                    })
                    .collect();
                items.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                items
            }
        };
        self.view.popup = Some(Popup::Picker(Picker {
            kind,
            items,
            list: Scroll::default(),
        }));
    }

    fn open_dates(&mut self) {
        let today = self.today;
        let mut presets = vec![Preset {
            label: "All dates".to_owned(),
            since: None,
            until: None,
        }];
        let back = |months: i32| {
            let total = today.year() * 12 + today.month0() as i32 - months;
            PartialDate::month(total.div_euclid(12), (total.rem_euclid(12) + 1) as u8)
        };
        if let Some(since) = back(11) {
            presets.push(Preset {
                label: format!("Last 12 months (since {since})"),
                since: Some(since),
                until: None,
            });
        }
        let this_year = PartialDate::year(today.year());
        presets.push(Preset {
            label: format!("This year and last (since {})", today.year() - 1),
            since: Some(PartialDate::year(today.year() - 1)),
            until: None,
        });
        presets.push(Preset {
            label: format!("This year ({this_year})"),
            since: Some(this_year),
            until: Some(this_year),
        });
        for &y in self.index.partner_years().iter().rev() {
            let d = PartialDate::year(y);
            presets.push(Preset {
                label: format!("{y} only"),
                since: Some(d),
                until: Some(d),
            });
        }
        let f = &self.view.filter;
        let text = |d: Option<PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let current = presets
            .iter()
            .position(|p| p.since == f.since && p.until == f.until);
        let typed = current.is_none();
        self.view.popup = Some(Popup::Dates(Dates {
            list: Scroll {
                sel: current.unwrap_or(0),
                offset: 0,
            },
            presets,
            focus: if typed {
                DateFocus::Since
            } else {
                DateFocus::Presets
            },
            since: Field::new(&text(f.since)),
            until: Field::new(&text(f.until)),
            error: None,
        }));
        self.refollow_popup();
    }

    fn popup_page(&self) -> usize {
        let area = self.screen();
        match &self.view.popup {
            Some(Popup::Search(_)) => usize::from(layout::search(area).2.height),
            Some(Popup::Picker(p)) => usize::from(layout::picker(area, p.items.len()).1.height),
            Some(Popup::Dates(d)) => usize::from(layout::dates(area, d.presets.len()).1.height),
            Some(Popup::Evidence(ev)) => {
                usize::from(layout::evidence(area, self.evidence_len(ev)).1.height)
            }
            Some(Popup::Help { .. }) => usize::from(layout::help(area).1.height),
            Some(Popup::Warnings(_)) => {
                usize::from(layout::warnings(area, self.data.warnings.len()).2.height)
            }
            None => 0,
        }
    }

    fn refollow_popup(&mut self) {
        let page = self.popup_page();
        match &mut self.view.popup {
            Some(Popup::Search(s)) => s.list.follow(s.hits.len(), page),
            Some(Popup::Picker(p)) => p.list.follow(p.items.len(), page),
            Some(Popup::Dates(d)) => d.list.follow(d.presets.len(), page),
            _ => {}
        }
    }

    fn apply_popup(&mut self, action: Action) -> Option<Effect> {
        let page = self.popup_page();
        if let Action::Wheel { down, .. } = action {
            let a = if down { Action::Down } else { Action::Up };
            return self.apply_popup(a);
        }
        if let Action::Click { column, row } = action {
            self.click_popup(column, row);
            return None;
        }
        let popup = self.view.popup.take()?;
        let mut effect = None;
        let keep = match popup {
            Popup::Help { mut scroll } => match action {
                a if is_nav(a) => {
                    let len = ui::help_lines(self).len();
                    scroll_text(&mut scroll, a, len, page);
                    Some(Popup::Help { scroll })
                }
                Action::Back | Action::Help | Action::Open => None,
                _ => Some(Popup::Help { scroll }),
            },
            Popup::Warnings(mut list) => match action {
                a if is_nav(a) => {
                    list.step(a, self.data.warnings.len(), page);
                    Some(Popup::Warnings(list))
                }
                Action::Copy => {
                    if let Some(w) = self.data.warnings.get(list.sel) {
                        effect = Some(Effect::Copy(clean(&w.to_string())));
                    }
                    Some(Popup::Warnings(list))
                }
                Action::Back | Action::Warnings | Action::Open => None,
                _ => Some(Popup::Warnings(list)),
            },
            Popup::Search(mut s) => match action {
                Action::Edit(req) => {
                    let before = s.query.value.clone();
                    s.query.edit(req);
                    if s.query.value != before {
                        (s.hits, s.total) = self.search_hits(&s.query.value);
                    }
                    s.list = Scroll::default();
                    Some(Popup::Search(s))
                }
                a if is_nav(a) => {
                    s.list.step(a, s.hits.len(), page);
                    Some(Popup::Search(s))
                }
                Action::Open => {
                    if let Some(hit) = s.hits.get(s.list.sel) {
                        let target = self.search.as_ref().and_then(|ix| {
                            let item = ix.get(hit.item)?;
                            Some((item.partner.clone(), item.kind, ix.person(hit.item)))
                        });
                        if let Some((partner, kind, person)) = target {
                            self.jump(&partner, kind, person);
                        }
                        None
                    } else {
                        Some(Popup::Search(s))
                    }
                }
                Action::Copy => {
                    if let Some(item) = s
                        .hits
                        .get(s.list.sel)
                        .and_then(|h| self.search.as_ref()?.get(h.item))
                    {
                        effect = Some(Effect::Copy(item.text.clone()));
                    }
                    Some(Popup::Search(s))
                }
                Action::Back => None,
                _ => Some(Popup::Search(s)),
            },
            Popup::Picker(mut p) => match action {
                a if is_nav(a) => {
                    p.list.step(a, p.items.len(), page);
                    Some(Popup::Picker(p))
                }
                Action::Toggle => {
                    if let Some(it) = p.items.get_mut(p.list.sel) {
                        it.on = !it.on;
                    }
                    Some(Popup::Picker(p))
                }
                Action::Open => {
                    self.apply_picker(&p);
                    None
                }
                Action::Back => None,
                _ => Some(Popup::Picker(p)),
            },
            Popup::Dates(mut d) => {
                let keep = self.apply_dates(&mut d, action, page);
                keep.then_some(Popup::Dates(d))
            }
            Popup::Evidence(mut ev) => match action {
                a if is_nav(a) => {
                    let len = self.evidence_len(&ev);
                    scroll_text(&mut ev.scroll, a, len, page);
                    Some(Popup::Evidence(ev))
                }
                Action::Left | Action::PrevTab | Action::PrevPane => {
                    if ev.page > 0 {
                        ev.turn_to(ev.page - 1, &self.data);
                    }
                    Some(Popup::Evidence(ev))
                }
                Action::Right | Action::NextTab | Action::NextPane => {
                    if ev.page + 1 < ev.pages.len() {
                        ev.turn_to(ev.page + 1, &self.data);
                    }
                    Some(Popup::Evidence(ev))
                }
                Action::Copy => {
                    effect = ev
                        .pages
                        .get(ev.page)
                        .map(|&(e, s)| Effect::Copy(self.source_text(e, s)));
                    Some(Popup::Evidence(ev))
                }
                Action::Back | Action::Open => None,
                _ => Some(Popup::Evidence(ev)),
            },
        };
        if keep.is_some() && self.view.popup.is_none() {
            self.view.popup = keep;
        }
        effect
    }

    fn evidence_len(&self, ev: &Evidence) -> usize {
        let (_, text) = layout::evidence(self.screen(), 0);
        ui::evidence_lines(self, ev, text.width).len()
    }

    /// Applies a date form action; false when the form closes.
    fn apply_dates(&mut self, d: &mut Dates, action: Action, page: usize) -> bool {
        let cycle = |f: DateFocus, fwd: bool| match (f, fwd) {
            (DateFocus::Presets, true) | (DateFocus::Until, false) => DateFocus::Since,
            (DateFocus::Since, true) | (DateFocus::Presets, false) => DateFocus::Until,
            (DateFocus::Until, true) | (DateFocus::Since, false) => DateFocus::Presets,
        };
        match action {
            Action::NextPane | Action::PrevPane => {
                d.focus = cycle(d.focus, action == Action::NextPane);
            }
            Action::Edit(req) => {
                match d.focus {
                    DateFocus::Since => d.since.edit(req),
                    DateFocus::Until => d.until.edit(req),
                    DateFocus::Presets => {}
                }
                d.error = None;
            }
            a if is_nav(a) => match d.focus {
                DateFocus::Presets => {
                    d.list.step(a, d.presets.len(), page);
                }
                _ if a == Action::Up => d.focus = DateFocus::Presets,
                _ => {}
            },
            Action::Open => {
                if d.focus == DateFocus::Presets {
                    if let Some(p) = d.presets.get(d.list.sel) {
                        let mut f = self.view.filter.clone();
                        f.since = p.since;
                        f.until = p.until;
                        self.set_filter(f);
                    }
                    return false;
                }
                match parse_range(&d.since.value, &d.until.value) {
                    Ok((since, until)) => {
                        let mut f = self.view.filter.clone();
                        f.since = since;
                        f.until = until;
                        self.set_filter(f);
                        return false;
                    }
                    Err(e) => d.error = Some(e),
                }
            }
            Action::Back => return false,
            _ => {}
        }
        true
    }

    fn apply_picker(&mut self, p: &Picker) {
        let mut f = self.view.filter.clone();
        let on = p.items.iter().filter(|i| i.on);
        match p.kind {
            PickerKind::Focus => f.focus = on.map(|i| i.value.clone()).collect(),
            PickerKind::Kind => f.kinds = on.filter_map(|i| Kind::parse(&i.value)).collect(),
        }
        self.set_filter(f);
    }

    /// Goes to a search result: the country, and for an official or organisation, the
    /// official in the Counterparts tab.
    fn jump(&mut self, partner: &str, kind: ItemKind, person: Option<usize>) {
        let Some(pos) = self.rows.iter().position(|r| r.partner == partner) else {
            return;
        };
        if pos != self.view.list.sel {
            self.view.detail = Default::default();
        }
        self.view.list.sel = pos;
        let page = self.list_page();
        self.view.list.follow(self.rows.len(), page);
        self.sync_selected();
        match (kind, person) {
            (ItemKind::Country, _) | (_, None) => self.view.pane = Pane::List,
            (_, Some(person)) => {
                self.view.pane = Pane::Detail;
                self.view.tab = Tab::Counterparts;
                let row = self
                    .selected()
                    .and_then(|p| p.counterparts.iter().position(|&i| i == person))
                    .unwrap_or(0);
                let len = self.detail_len(Tab::Counterparts);
                let page = self.detail_page(Tab::Counterparts);
                let s = &mut self.view.detail[Tab::Counterparts.index()];
                s.sel = row;
                s.follow(len, page);
            }
        }
    }

    fn open_evidence(&mut self) {
        let Some(p) = self.selected() else {
            return;
        };
        let sel = self.view.detail[self.view.tab.index()].sel;
        let name = clean(&p.name);
        let ev = match self.view.tab {
            Tab::Overview => None,
            Tab::Agreements | Tab::Meetings => {
                let list = if self.view.tab == Tab::Agreements {
                    &p.agreements
                } else {
                    &p.timeline
                };
                list.get(sel).and_then(|&e| {
                    let event = self.data.events.get(e)?;
                    Some(self.evidence(
                        format!("{} · {} · {name}", event.kind, date(event.date)),
                        vec![e],
                        Vec::new(),
                        None,
                    ))
                })
            }
            Tab::Counterparts => p.counterparts.get(sel).and_then(|&i| {
                let person = self.data.people.get(i)?;
                let mut events: Vec<usize> = person
                    .events
                    .iter()
                    .copied()
                    .filter(|&e| self.selected_extra().is_some_and(|x| x.contains(e)))
                    .collect();
                if events.is_empty() {
                    events = person.events.clone();
                }
                events.reverse();
                let mut names = vec![person.name.clone()];
                names.extend(person.variants.iter().cloned());
                let n = events.len();
                Some(self.evidence(
                    format!(
                        "{} · {n} event{}",
                        clean(&person.name),
                        if n == 1 { "" } else { "s" }
                    ),
                    events,
                    names,
                    None,
                ))
            }),
            Tab::Focus => p.focus.get(sel).map(|(area, _)| {
                let key = fold(area);
                let mut events: Vec<usize> = self
                    .selected_extra()
                    .map(|x| {
                        x.events
                            .iter()
                            .copied()
                            .filter(|&e| {
                                self.data
                                    .events
                                    .get(e)
                                    .is_some_and(|ev| ev.focus.iter().any(|f| fold(f) == key))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                events.reverse();
                self.evidence(
                    format!("{} · {name}", clean(area)),
                    events,
                    Vec::new(),
                    None,
                )
            }),
            Tab::Sources => self.selected_extra().and_then(|x| {
                let src = x.sources.get(sel)?;
                let a = &src.article;
                let title = source_meta(&self.data, src)
                    .and_then(|m| m.title.clone())
                    .unwrap_or_else(|| a.clone());
                let evs = x.source_events(sel).to_vec();
                Some(self.evidence(clean(&title), evs, Vec::new(), Some(a.as_str())))
            }),
        };
        match ev {
            Some(ev) if !ev.pages.is_empty() => self.view.popup = Some(Popup::Evidence(ev)),
            Some(_) => self.notify("no source sentence for this item", true),
            None => {}
        }
    }

    /// Evidence pages for events, each event's sources in order, the sources from `first`
    /// article first.
    fn evidence(
        &self,
        title: String,
        events: Vec<usize>,
        names: Vec<String>,
        first: Option<&str>,
    ) -> Evidence {
        let mut pages = Vec::new();
        for e in events {
            let Some(ev) = self.data.events.get(e) else {
                continue;
            };
            let mut order: Vec<usize> = (0..ev.sources.len()).collect();
            if let Some(a) = first {
                order.sort_by_key(|&s| ev.sources[s].article != a);
            }
            pages.extend(order.into_iter().map(|s| (e, s)));
        }
        let mut ev = Evidence {
            title,
            pages,
            page: 0,
            scroll: 0,
            names,
            sentences: Vec::new(),
        };
        ev.turn_to(0, &self.data);
        ev
    }

    // ----- mouse -----

    fn click(&mut self, column: u16, row: u16) {
        if layout::too_small(self.screen()) {
            return;
        }
        let r = self.regions();
        if layout::contains(r.list_rows, column, row) {
            let i = self.view.list.offset + usize::from(row - r.list_rows.y);
            if i < self.rows.len() {
                if i != self.view.list.sel {
                    self.view.detail = Default::default();
                }
                self.view.list.sel = i;
                self.sync_selected();
                self.view.pane = Pane::List;
            }
        } else if layout::contains(r.tabs, column, row) {
            let x = column - r.tabs.x;
            for (t, at, label) in layout::tab_labels(r.tabs.width, self.view.tab) {
                if x >= at && usize::from(x - at) < super::text::width(&label) {
                    self.show_tab(t);
                }
            }
        } else if layout::contains(r.body_rows, column, row) && self.view.tab != Tab::Overview {
            let tab = self.view.tab;
            let len = self.detail_len(tab);
            let s = &mut self.view.detail[tab.index()];
            let i = s.offset + usize::from(row - r.body_rows.y);
            if i < len {
                s.sel = i;
                self.view.pane = Pane::Detail;
            }
        } else if layout::contains(r.detail, column, row) && !self.rows.is_empty() {
            self.view.pane = Pane::Detail;
        }
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let r = self.regions();
        let a = if down { Action::Down } else { Action::Up };
        if layout::contains(r.list, column, row) {
            self.view.pane = Pane::List;
            self.navigate(a);
        } else if layout::contains(r.detail, column, row) && !self.rows.is_empty() {
            self.view.pane = Pane::Detail;
            self.navigate(a);
        }
    }

    fn click_popup(&mut self, column: u16, row: u16) {
        let area = self.screen();
        let (outer, rows) = match &self.view.popup {
            Some(Popup::Search(_)) => {
                let (o, _, r) = layout::search(area);
                (o, Some(r))
            }
            Some(Popup::Picker(p)) => {
                let (o, r) = layout::picker(area, p.items.len());
                (o, Some(r))
            }
            Some(Popup::Dates(d)) => {
                let (o, r, _) = layout::dates(area, d.presets.len());
                (o, Some(r))
            }
            Some(Popup::Warnings(_)) => {
                let (o, _, r) = layout::warnings(area, self.data.warnings.len());
                (o, Some(r))
            }
            Some(Popup::Evidence(ev)) => (layout::evidence(area, self.evidence_len(ev)).0, None),
            Some(Popup::Help { .. }) => (layout::help(area).0, None),
            None => return,
        };
        if !layout::contains(outer, column, row) {
            self.view.popup = None;
            return;
        }
        let Some(rows) = rows.filter(|r| layout::contains(*r, column, row)) else {
            return;
        };
        let k = usize::from(row - rows.y);
        let pick = |s: &mut Scroll, len: usize| {
            let i = s.offset + k;
            if i < len {
                s.sel = i;
                true
            } else {
                false
            }
        };
        match &mut self.view.popup {
            Some(Popup::Search(s)) => {
                pick(&mut s.list, s.hits.len());
            }
            Some(Popup::Picker(p)) => {
                if pick(&mut p.list, p.items.len())
                    && let Some(it) = p.items.get_mut(p.list.sel)
                {
                    it.on = !it.on;
                }
            }
            Some(Popup::Dates(d)) => {
                let hit = pick(&mut d.list, d.presets.len());
                d.focus = if hit { DateFocus::Presets } else { d.focus };
            }
            Some(Popup::Warnings(w)) => {
                pick(w, self.data.warnings.len());
            }
            _ => {}
        }
    }

    // ----- copying -----

    fn copy_selected(&mut self) -> Option<Effect> {
        let text = self.selected_text();
        match text {
            Some(t) if !t.is_empty() => Some(Effect::Copy(t)),
            _ => {
                self.notify("nothing selected to copy", true);
                None
            }
        }
    }

    /// The selected item as plain text, as `y` copies it.
    pub fn selected_text(&self) -> Option<String> {
        let p = self.selected()?;
        let x = self.selected_extra()?;
        let sel = self.view.detail[self.view.tab.index()].sel;
        if self.view.pane == Pane::List || self.view.tab == Tab::Overview {
            // Unwrapped: the clipboard's reader wraps.
            let lines = ui::overview_lines(self, p, x, usize::MAX / 2);
            let mut out = format!("{} ({})\n", clean(&p.name), clean(&p.partner));
            for l in lines {
                out.push_str(l.to_string().trim_end());
                out.push('\n');
            }
            return Some(out);
        }
        match self.view.tab {
            Tab::Overview => None,
            Tab::Agreements => p.agreements.get(sel).map(|&e| self.event_text(e)),
            Tab::Meetings => p.timeline.get(sel).map(|&e| self.event_text(e)),
            Tab::Counterparts => p.counterparts.get(sel).and_then(|&i| {
                let person = self.data.people.get(i)?;
                let mut out = clean(&person.name);
                if let Some(t) = person.latest_title() {
                    out.push_str(&format!(", {}", clean(t)));
                }
                if !person.orgs.is_empty() {
                    out.push_str(&format!(" ({})", clean(&person.orgs.join(", "))));
                }
                let met = x.last_met.get(sel).copied().flatten();
                out.push_str(&format!(
                    " — {}; last met {}",
                    clean(&p.name),
                    super::text::met(met)
                ));
                if person.conflict {
                    out.push_str("; sources disagree on the post");
                }
                Some(out)
            }),
            Tab::Focus => p.focus.get(sel).map(|(a, n)| {
                format!(
                    "{}: {n} event{} with {}",
                    clean(a),
                    if *n == 1 { "" } else { "s" },
                    clean(&p.name)
                )
            }),
            Tab::Sources => x.sources.get(sel).map(|s| self.article_text(&s.article)),
        }
    }

    fn article_text(&self, article: &str) -> String {
        let meta = self.article(article);
        let mut parts = vec![clean(
            meta.and_then(|m| m.title.as_deref()).unwrap_or(article),
        )];
        if let Some(s) = meta.and_then(|m| m.source.as_deref()) {
            parts.push(clean(s));
        }
        if let Some(d) = meta.and_then(|m| m.published) {
            parts.push(d.to_string());
        }
        if let Some(u) = meta.and_then(|m| m.url.as_deref()) {
            parts.push(clean(u));
        }
        parts.join(" — ")
    }

    fn event_text(&self, e: usize) -> String {
        let Some(ev) = self.data.events.get(e) else {
            return String::new();
        };
        let mut out = ui::event_summary(self, ev, None);
        for s in &ev.sources {
            out.push_str(&format!(
                "\n  \"{}\" ({})",
                clean(&s.sentence.text()),
                self.article_text(&s.article)
            ));
        }
        out
    }

    fn source_text(&self, e: usize, s: usize) -> String {
        let Some(src) = self.data.events.get(e).and_then(|ev| ev.sources.get(s)) else {
            return String::new();
        };
        format!(
            "\"{}\"\n— {}",
            clean(&src.sentence.text()),
            self.article_text(&src.article)
        )
    }
}

/// The editing request for a key in a text field, if it is an editing key. Printable
/// characters are text here, so `q` types a "q" instead of quitting.
fn text_request(key: &KeyEvent) -> Option<InputRequest> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Char(c) if !ctrl && !alt => InputRequest::InsertChar(c),
        KeyCode::Char('a') if ctrl => InputRequest::GoToStart,
        KeyCode::Char('e') if ctrl => InputRequest::GoToEnd,
        KeyCode::Char('w') | KeyCode::Char('h') if ctrl => {
            if key.code == KeyCode::Char('w') {
                InputRequest::DeletePrevWord
            } else {
                InputRequest::DeletePrevChar
            }
        }
        KeyCode::Char('u') if ctrl => InputRequest::DeleteLine,
        KeyCode::Char('k') if ctrl => InputRequest::DeleteTillEnd,
        KeyCode::Char('b') if alt => InputRequest::GoToPrevWord,
        KeyCode::Char('f') if alt => InputRequest::GoToNextWord,
        KeyCode::Backspace if alt || ctrl => InputRequest::DeletePrevWord,
        KeyCode::Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        KeyCode::Left if ctrl => InputRequest::GoToPrevWord,
        KeyCode::Right if ctrl => InputRequest::GoToNextWord,
        KeyCode::Left => InputRequest::GoToPrevChar,
        KeyCode::Right => InputRequest::GoToNextChar,
        KeyCode::Home => InputRequest::GoToStart,
        KeyCode::End => InputRequest::GoToEnd,
        _ => return None,
    })
}

/// Reads the typed range; empty means open-ended.
fn parse_range(
    since: &str,
    until: &str,
) -> Result<(Option<PartialDate>, Option<PartialDate>), String> {
    let read = |label: &str, s: &str| -> Result<Option<PartialDate>, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        PartialDate::parse(s)
            .map(Some)
            .map_err(|e| format!("{label}: {}", clean(&e.to_string())))
    };
    let since = read("from", since)?;
    let until = read("to", until)?;
    if let (Some(a), Some(b)) = (since, until)
        && a.first_day() > b.last_day()
    {
        return Err(format!("from {a} is after to {b}"));
    }
    Ok((since, until))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_the_selection_visible_with_little_movement() {
        assert_eq!(window(0, 0, 10, 4), 0);
        assert_eq!(window(5, 0, 10, 4), 2);
        assert_eq!(window(3, 2, 10, 4), 2);
        assert_eq!(window(1, 2, 10, 4), 1);
        assert_eq!(window(9, 9, 10, 4), 6);
        assert_eq!(window(0, 5, 0, 4), 0);
        assert_eq!(window(3, 0, 10, 0), 3);
    }

    #[test]
    fn ranges_parse_and_refuse_reversed_windows() {
        assert_eq!(parse_range("", ""), Ok((None, None)));
        let (a, b) = parse_range("2024", "2024-06").unwrap();
        assert_eq!(a, Some(PartialDate::year(2024)));
        assert_eq!(b, PartialDate::month(2024, 6));
        assert!(parse_range("2024-13", "").unwrap_err().starts_with("from:"));
        assert!(parse_range("2025", "2024").unwrap_err().contains("after"));
        // A month inside the same year is not reversed.
        assert!(parse_range("2024-06", "2024").is_ok());
    }
}
