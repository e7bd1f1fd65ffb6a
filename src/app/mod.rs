//! The explorer's state and its one `update`. Keys and mouse events become
//! [`Action`]s through the key table; `update` changes the state and may return an
//! [`Effect`] for the shell. Nothing here touches the terminal.

pub mod action;
pub mod keymap;
pub mod layout;
pub mod search;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::domain::export;
use crate::domain::graph::path;
use crate::domain::search::{Field, Index, Query, Target, text_of};
use crate::domain::text::{excerpt, wrap};
use crate::domain::{Debate, NodeId, Relation};

pub use action::{Action, Effect, Exported, Pane};
use keymap::Scope;
use layout::{Areas, areas, hit, hit_tab};
use search::{ResultRow, SearchView, Stage};

/// A selection in a list and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPos {
    pub selected: usize,
    pub offset: usize,
}

impl ListPos {
    /// Keeps the selection within `len` rows and visible in a window of `rows`.
    fn clamp(&mut self, len: usize, rows: usize) {
        let rows = rows.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(len.saturating_sub(rows));
    }
}

/// How an entry of the Rebuttals pane relates to the focused node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    RebuttedBy,
    Rebuts,
    SupportedBy,
    Supports,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::RebuttedBy,
        Group::Rebuts,
        Group::SupportedBy,
        Group::Supports,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Group::RebuttedBy => "Rebutted by",
            Group::Rebuts => "Rebuts",
            Group::SupportedBy => "Supported by",
            Group::Supports => "Supports",
        }
    }
}

/// A row of the Rebuttals pane: a group's heading or one linked node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRow {
    Heading(Group, usize),
    Entry(Group, NodeId),
}

/// The source's full text, opened from a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceView {
    pub source: u32,
    /// The current passage: an index into `Debate::passages(source)`.
    pub passage: usize,
    /// The wrapped lines (byte ranges of the source text) for `width`.
    pub lines: Vec<Range<usize>>,
    pub width: usize,
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    Source(SourceView),
    Search(SearchView),
    /// The path's steps, one selected.
    Path(ListPos),
    /// The export's file name.
    Export(ExportPrompt),
}

/// Asking for the export's file name, and for a yes before replacing a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub input: String,
    /// The file exists: waiting for `y` (replace) or `n` (choose another name).
    pub confirm: bool,
    /// Why the last write failed.
    pub error: Option<String>,
}

/// The explorer.
#[derive(Debug, Clone)]
pub struct App {
    pub debate: Debate,
    /// The search data, prepared once; shared with the search worker.
    pub index: Arc<Index>,
    /// The Claims pane's rows: each position followed by its claims.
    pub rows: Vec<NodeId>,
    /// For each node (positions, then claims), its row in `rows`.
    row_of: Vec<u32>,
    pub focus: Pane,
    pub claims: ListPos,
    /// The Rebuttals pane of the focused node.
    pub links: Vec<LinkRow>,
    pub links_pos: ListPos,
    /// The selected quote in the Sources pane.
    pub quote: usize,
    /// The path walked: claims and positions, in order.
    pub path: Vec<NodeId>,
    pub overlay: Overlay,
    pub status: Option<String>,
    pub size: Rect,
    pub no_color: bool,
}

impl App {
    /// The explorer of `debate`, its search index prepared here.
    pub fn new(debate: Debate, size: Rect) -> App {
        let index = Index::new(&debate);
        App::with_index(debate, index, size)
    }

    /// The explorer of `debate`, with its search index prepared by the caller.
    pub fn with_index(debate: Debate, index: Index, size: Rect) -> App {
        let mut rows = Vec::with_capacity(debate.positions.len() + debate.claims.len());
        let mut row_of = vec![0u32; debate.positions.len() + debate.claims.len()];
        let p = debate.positions.len();
        for i in 0..p as u32 {
            row_of[i as usize] = rows.len() as u32;
            rows.push(NodeId::Position(i));
            for &c in debate.claims_of(i) {
                row_of[p + c as usize] = rows.len() as u32;
                rows.push(NodeId::Claim(c));
            }
        }
        let index = Arc::new(index);
        let mut app = App {
            debate,
            index,
            rows,
            row_of,
            focus: Pane::Claims,
            claims: ListPos::default(),
            links: Vec::new(),
            links_pos: ListPos::default(),
            quote: 0,
            path: Vec::new(),
            overlay: Overlay::None,
            status: None,
            size,
            no_color: false,
        };
        // Start on the first claim, where there is one.
        if let Some(i) = app.rows.iter().position(|n| matches!(n, NodeId::Claim(_))) {
            app.claims.selected = i;
        }
        app.focus_changed();
        app
    }

    /// The node the Rebuttals and Sources panes are about.
    pub fn current(&self) -> Option<NodeId> {
        self.rows.get(self.claims.selected).copied()
    }

    pub fn areas(&self) -> Areas {
        areas(self.size, self.focus)
    }

    /// The key scope in force: the open overlay's, else the panes'.
    pub fn scope(&self) -> Scope {
        match self.overlay {
            Overlay::None => Scope::Panes,
            Overlay::Help { .. } => Scope::Help,
            Overlay::Source(_) => Scope::SourceView,
            Overlay::Search(_) => Scope::Search,
            Overlay::Path(_) => Scope::Path,
            Overlay::Export(_) => Scope::Prompt,
        }
    }

    fn row_of(&self, node: NodeId) -> Option<usize> {
        let dense = match node {
            NodeId::Position(i) => i as usize,
            NodeId::Claim(i) => self.debate.positions.len() + i as usize,
        };
        self.row_of.get(dense).map(|&r| r as usize)
    }

    /// Rebuilds what depends on the focused node: work in proportion to its links.
    fn focus_changed(&mut self) {
        self.links.clear();
        self.links_pos = ListPos::default();
        self.quote = 0;
        let Some(node) = self.current() else { return };
        for group in Group::ALL {
            let entries = match group {
                Group::RebuttedBy => self.linked(node, Relation::Rebuts, true),
                Group::Rebuts => self.linked(node, Relation::Rebuts, false),
                Group::SupportedBy => self.linked(node, Relation::Supports, true),
                Group::Supports => self.linked(node, Relation::Supports, false),
            };
            if entries.is_empty() {
                continue;
            }
            self.links.push(LinkRow::Heading(group, entries.len()));
            self.links
                .extend(entries.into_iter().map(|n| LinkRow::Entry(group, n)));
        }
        self.links_pos.selected = self.first_entry_from(0, true).unwrap_or(0);
        self.clamp();
    }

    /// The nodes linked to `node` by `r`: those pointing at it (`incoming`) or those it
    /// points at.
    fn linked(&self, node: NodeId, r: Relation, incoming: bool) -> Vec<NodeId> {
        if incoming {
            self.debate
                .incoming(node)
                .filter(|l| l.relation == r)
                .map(|l| l.from)
                .collect()
        } else {
            self.debate
                .outgoing(node)
                .filter(|l| l.relation == r)
                .map(|l| l.to)
                .collect()
        }
    }

    /// The nearest entry row (not a heading) from `i`, searching down or up.
    fn first_entry_from(&self, i: usize, down: bool) -> Option<usize> {
        let is_entry = |j: usize| matches!(self.links.get(j), Some(LinkRow::Entry(..)));
        if down {
            (i..self.links.len()).find(|&j| is_entry(j))
        } else {
            (0..=i.min(self.links.len().saturating_sub(1)))
                .rev()
                .find(|&j| is_entry(j))
        }
    }

    /// Keeps every selection in range and visible.
    fn clamp(&mut self) {
        let a = self.areas();
        self.claims.clamp(self.rows.len(), a.rows(Pane::Claims));
        self.links_pos
            .clamp(self.links.len(), a.rows(Pane::Rebuttals));
        let quotes = self.current().map_or(0, |n| self.debate.quotes_of(n).len());
        self.quote = self.quote.min(quotes.saturating_sub(1));
        let rows = a.overlay_rows();
        match &mut self.overlay {
            Overlay::Source(v) => {
                v.scroll = v.scroll.min(v.lines.len().saturating_sub(rows));
            }
            Overlay::Help { scroll } => *scroll = (*scroll).min(help_len().saturating_sub(rows)),
            Overlay::Search(v) => v.pos.clamp(v.hits().len(), a.search_rows()),
            Overlay::Path(pos) => pos.clamp(self.path.len(), a.overlay_rows()),
            Overlay::Export(_) | Overlay::None => {}
        }
    }

    /// Selects a node in the Claims pane.
    fn select(&mut self, node: NodeId) {
        if let Some(r) = self.row_of(node) {
            self.claims.selected = r;
            self.focus_changed();
        }
    }

    /// The one entry point: applies an action, returns what the shell must do.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Resize(..) | Action::ScrollAt(..)) {
            self.status = None;
        }
        let effect = match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                self.rewrap();
                None
            }
            Action::Help => {
                self.overlay = match self.overlay {
                    Overlay::Help { .. } => Overlay::None,
                    _ => Overlay::Help { scroll: 0 },
                };
                None
            }
            Action::Close => {
                self.overlay = Overlay::None;
                None
            }
            Action::Exported(outcome) => {
                self.exported(outcome);
                None
            }
            _ => match self.overlay {
                Overlay::None => self.update_panes(action),
                Overlay::Help { .. } => {
                    self.update_help(action);
                    None
                }
                Overlay::Source(_) => {
                    self.update_source(action);
                    None
                }
                Overlay::Search(_) => self.update_search(action),
                Overlay::Path(_) => self.update_path(action),
                Overlay::Export(_) => self.update_export(action),
            },
        };
        self.clamp();
        self.search_rows();
        effect
    }

    fn update_help(&mut self, action: Action) {
        if let Overlay::Help { scroll } = &mut self.overlay {
            match action {
                Action::Down => *scroll += 1,
                Action::Up => *scroll = scroll.saturating_sub(1),
                _ => {}
            }
        }
    }

    fn page(&self) -> usize {
        self.areas().rows(self.focus).saturating_sub(1).max(1)
    }

    fn update_panes(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::NextPane => self.focus = self.focus.next(),
            Action::PreviousPane => self.focus = self.focus.previous(),
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-(self.page() as isize)),
            Action::PageDown => self.step(self.page() as isize),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Follow => self.follow(),
            Action::Back => self.back(),
            Action::Search => {
                self.overlay = Overlay::Search(SearchView::default());
            }
            Action::AddToPath => self.add_to_path(),
            Action::ShowPath => self.overlay = Overlay::Path(ListPos::default()),
            Action::Export => self.ask_export(),
            Action::ClickAt(x, y) => self.click(x, y),
            Action::ScrollAt(x, y, down) => {
                if let Some((pane, _)) = hit(&self.areas(), x, y) {
                    self.focus = pane;
                    self.step(if down { 3 } else { -3 });
                }
            }
            _ => {}
        }
        None
    }

    /// `a`: the selected claim joins the path as its next step.
    fn add_to_path(&mut self) {
        let Some(node) = self.current() else { return };
        if self.path.last() == Some(&node) {
            self.status = Some(String::from("Already the last step of the path"));
            return;
        }
        self.path.push(node);
        let n = self.path.len();
        self.status = Some(if n == 1 {
            String::from("Started a path here")
        } else {
            let j = path::joint(&self.debate, &self.path, n - 1);
            format!("Added step {n}: {}", j.words(n))
        });
    }

    /// `e`: asks for the file name, offering one made from the debate's title.
    fn ask_export(&mut self) {
        if self.path.is_empty() {
            self.status = Some(String::from(
                "The path is empty: Enter on a claim starts one, a adds a claim",
            ));
            return;
        }
        self.overlay = Overlay::Export(ExportPrompt {
            input: export::default_file_name(&self.debate),
            confirm: false,
            error: None,
        });
    }

    /// A key in the path's overlay.
    fn update_path(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Path(pos) = &mut self.overlay else {
            return None;
        };
        let last = self.path.len().saturating_sub(1);
        match action {
            Action::Down => pos.selected = (pos.selected + 1).min(last),
            Action::Up => pos.selected = pos.selected.saturating_sub(1),
            Action::RemoveStep if pos.selected < self.path.len() => {
                let removed = self.path.remove(pos.selected);
                self.status = Some(format!(
                    "Removed step {}: {}",
                    pos.selected + 1,
                    crate::domain::text::fit(self.debate.id_of(removed), 40)
                ));
            }
            Action::Follow => {
                if let Some(&node) = self.path.get(pos.selected) {
                    self.overlay = Overlay::None;
                    self.select(node);
                }
            }
            Action::Export => self.ask_export(),
            _ => {}
        }
        None
    }

    /// A key in the export prompt.
    fn update_export(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Export(p) = &mut self.overlay else {
            return None;
        };
        if p.confirm {
            return match action {
                Action::Type('y' | 'Y') => Some(self.export_effect(true)),
                Action::Type('n' | 'N') => {
                    p.confirm = false;
                    None
                }
                _ => None,
            };
        }
        match action {
            Action::Type(c) => {
                p.input.push(c);
                p.error = None;
            }
            Action::Erase => {
                p.input.pop();
                p.error = None;
            }
            Action::ClearInput => p.input.clear(),
            Action::Follow if p.input.trim().is_empty() => {
                p.error = Some(String::from("Type a file name"));
            }
            Action::Follow => return Some(self.export_effect(false)),
            _ => {}
        }
        None
    }

    /// Writing the path's document to the prompt's file.
    fn export_effect(&self, replace: bool) -> Effect {
        let file = match &self.overlay {
            Overlay::Export(p) => PathBuf::from(p.input.trim()),
            _ => PathBuf::new(),
        };
        Effect::Export {
            file,
            document: export::markdown(&self.debate, &self.path),
            replace,
        }
    }

    /// The shell wrote (or could not write) the export.
    fn exported(&mut self, outcome: Exported) {
        let prompt = match &mut self.overlay {
            Overlay::Export(p) => Some(p),
            _ => None,
        };
        match (outcome, prompt) {
            (Exported::Written(at), _) => {
                if matches!(self.overlay, Overlay::Export(_)) {
                    self.overlay = Overlay::None;
                }
                self.status = Some(format!(
                    "Wrote the path ({} steps) to {}",
                    self.path.len(),
                    at.display()
                ));
            }
            (Exported::Exists, Some(p)) => p.confirm = true,
            (Exported::Failed(why), Some(p)) => {
                p.confirm = false;
                p.error = Some(why);
            }
            (Exported::Exists, None) => {
                self.status = Some(String::from("Not exported: the file exists"));
            }
            (Exported::Failed(why), None) => self.status = Some(format!("Not exported: {why}")),
        }
    }

    /// Moves the focused pane's selection by `delta` rows (headings are skipped).
    fn step(&mut self, delta: isize) {
        let moved = |sel: usize, len: usize| -> usize {
            (sel as isize)
                .saturating_add(delta)
                .clamp(0, len.saturating_sub(1) as isize) as usize
        };
        match self.focus {
            Pane::Claims => {
                let next = moved(self.claims.selected, self.rows.len());
                if next != self.claims.selected {
                    self.claims.selected = next;
                    self.focus_changed();
                }
            }
            Pane::Rebuttals => {
                let target = moved(self.links_pos.selected, self.links.len());
                let down = delta > 0;
                self.links_pos.selected = self
                    .first_entry_from(target, down)
                    .or_else(|| self.first_entry_from(target, !down))
                    .unwrap_or(0);
            }
            Pane::Sources => {
                let len = self.current().map_or(0, |n| self.debate.quotes_of(n).len());
                self.quote = moved(self.quote, len);
            }
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let a = self.areas();
        if let Some(p) = hit_tab(&a, x, y) {
            self.focus = p;
            return;
        }
        let Some((pane, row)) = hit(&a, x, y) else {
            return;
        };
        self.focus = pane;
        // A click on the border only focuses the pane.
        let Some(row) = row else { return };
        match pane {
            Pane::Claims => {
                let i = self.claims.offset + row;
                if i < self.rows.len() && i != self.claims.selected {
                    self.claims.selected = i;
                    self.focus_changed();
                }
            }
            Pane::Rebuttals => {
                let i = self.links_pos.offset + row;
                if matches!(self.links.get(i), Some(LinkRow::Entry(..))) {
                    self.links_pos.selected = i;
                }
            }
            Pane::Sources => {}
        }
    }

    /// Enter in a pane.
    fn follow(&mut self) {
        let Some(current) = self.current() else {
            return;
        };
        match self.focus {
            Pane::Claims => {
                self.path = vec![current];
                self.focus = Pane::Rebuttals;
            }
            Pane::Rebuttals => {
                let Some(LinkRow::Entry(_, target)) =
                    self.links.get(self.links_pos.selected).copied()
                else {
                    self.status = Some(String::from("Nothing to follow: no links here"));
                    return;
                };
                if self.path.last() != Some(&current) {
                    self.path = vec![current];
                }
                self.path.push(target);
                self.select(target);
            }
            Pane::Sources => self.open_source(current),
        }
    }

    /// Backspace: one step back along the path.
    fn back(&mut self) {
        if self.path.len() > 1 {
            self.path.pop();
            if let Some(&last) = self.path.last() {
                self.select(last);
            }
        } else {
            self.status = Some(String::from("At the start of the path"));
        }
    }

    /// Opens the selected quote of `node` in its source's text.
    fn open_source(&mut self, node: NodeId) {
        let Some(q) = self.debate.quotes_of(node).get(self.quote) else {
            self.status = Some(String::from("No quote to open: this claim cites no source"));
            return;
        };
        let source = q.source;
        let has_text = self
            .debate
            .sources
            .get(source as usize)
            .is_some_and(|s| s.text.is_some());
        if !has_text || q.found.is_none() {
            self.status = Some(String::from(
                "This quote's source has no text to show (no `file` in the debate)",
            ));
            return;
        }
        let passage = self
            .debate
            .passages(source)
            .iter()
            .position(|p| p.node == node && p.quote as usize == self.quote)
            .unwrap_or(0);
        self.open_passage(source, passage);
    }

    /// Opens a source's text at one of its quoted passages.
    fn open_passage(&mut self, source: u32, passage: usize) {
        self.overlay = Overlay::Source(SourceView {
            source,
            passage,
            lines: Vec::new(),
            width: 0,
            scroll: 0,
        });
        self.rewrap();
        self.scroll_to_passage();
    }

    /// A key in the search popup.
    fn update_search(&mut self, action: Action) -> Option<Effect> {
        let rows = self.areas().search_rows();
        let list = layout::inner(self.areas().overlay);
        let Overlay::Search(v) = &mut self.overlay else {
            return None;
        };
        let len = v.hits().len();
        let moved = |sel: usize, delta: isize| {
            (sel as isize)
                .saturating_add(delta)
                .clamp(0, len.saturating_sub(1) as isize) as usize
        };
        let page = rows.saturating_sub(1).max(1) as isize;
        match action {
            Action::Type(c) => {
                v.input.push(c);
                return self.search_changed();
            }
            Action::Erase if !v.input.is_empty() => {
                v.input.pop();
                return self.search_changed();
            }
            Action::ClearInput if !v.input.is_empty() => {
                v.input.clear();
                return self.search_changed();
            }
            Action::Down => v.pos.selected = moved(v.pos.selected, 1),
            Action::Up => v.pos.selected = moved(v.pos.selected, -1),
            Action::PageDown => v.pos.selected = moved(v.pos.selected, page),
            Action::PageUp => v.pos.selected = moved(v.pos.selected, -page),
            Action::ScrollAt(_, _, down) => {
                v.pos.selected = moved(v.pos.selected, if down { 3 } else { -3 });
            }
            Action::ClickAt(x, y) => {
                let top = list.y as usize + layout::SEARCH_HEAD;
                if x >= list.x && x < list.x.saturating_add(list.width) && (y as usize) >= top {
                    let i = v.pos.offset + (y as usize - top);
                    if i < len {
                        v.pos.selected = i;
                    }
                }
            }
            // Results for an older input are dropped: newer ones are on their way.
            Action::SearchResults(r) if r.generation == v.generation => {
                // The same input's later stage keeps the selection; a new one starts at
                // the best result.
                let same = v
                    .results
                    .as_ref()
                    .is_some_and(|old| old.generation == r.generation && old.stage != Stage::Early);
                if !same {
                    v.pos = ListPos::default();
                }
                v.results = Some(r);
                v.answered.clone_from(&v.input);
            }
            Action::Follow => {
                let Some(hit) = v.hits().get(v.pos.selected).copied() else {
                    self.status = Some(String::from("No result to go to"));
                    return None;
                };
                self.go_to(hit.target);
            }
            _ => {}
        }
        None
    }

    /// The input changed: a new generation, and a search unless the query is empty.
    fn search_changed(&mut self) -> Option<Effect> {
        let Overlay::Search(v) = &mut self.overlay else {
            return None;
        };
        v.generation += 1;
        if Query::parse(&v.input).is_empty() {
            v.results = None;
            v.pos = ListPos::default();
            return None;
        }
        Some(Effect::Search {
            generation: v.generation,
            input: v.input.clone(),
        })
    }

    /// Enter on a search result: a claim or position is selected and starts a new
    /// path; a quote selects its claim with the quote selected; a source opens its text.
    fn go_to(&mut self, target: Target) {
        self.overlay = Overlay::None;
        match target {
            Target::Claim(_) | Target::Position(_) | Target::Quote(..) => {
                let Some(node) = target.node() else { return };
                self.select(node);
                self.path = vec![node];
                if let Target::Quote(_, k) = target {
                    self.quote = k as usize;
                    self.focus = Pane::Sources;
                } else {
                    self.focus = Pane::Claims;
                }
            }
            Target::Source(s) => {
                let has_text = self
                    .debate
                    .sources
                    .get(s as usize)
                    .is_some_and(|src| src.text.is_some());
                if has_text {
                    self.open_passage(s, 0);
                } else {
                    self.status = Some(String::from(
                        "This source has no text to show (no `file` in the debate)",
                    ));
                }
            }
        }
    }

    /// Makes the search popup's visible rows ready to draw: excerpts around the matched
    /// characters, cut to the popup's width. Work in proportion to the rows shown.
    fn search_rows(&mut self) {
        let a = self.areas();
        let rows = a.search_rows();
        let width = layout::inner(a.overlay).width as usize;
        let debate = &self.debate;
        let index = &self.index;
        let Overlay::Search(v) = &mut self.overlay else {
            return;
        };
        let input = &v.answered;
        let hits = v.results.as_ref().map_or(&[][..], |r| &r.hits[..]);
        v.rows = hits
            .iter()
            .skip(v.pos.offset)
            .take(rows)
            .map(|hit| {
                let field = field_label(hit.field);
                let marks = index.matched_chars(hit, input);
                // Kind, side mark and field label come first (see the popup's drawing).
                let room = width.saturating_sub(ROW_PREFIX + field.map_or(0, |f| f.len() + 3));
                let (text, marks) = excerpt(
                    text_of(debate, hit.target, hit.field).unwrap_or(""),
                    &marks,
                    room,
                );
                ResultRow {
                    hit: *hit,
                    side: hit.target.node().map(|n| debate.side_of(n)),
                    field,
                    text,
                    marks,
                }
            })
            .collect();
    }

    /// The source view's text width for the current terminal.
    fn source_width(&self) -> usize {
        layout::inner(self.areas().overlay).width.max(1) as usize
    }

    /// Wraps the open source for the current width; only when the width changed.
    fn rewrap(&mut self) {
        let width = self.source_width();
        let debate = &self.debate;
        if let Overlay::Source(v) = &mut self.overlay
            && v.width != width
        {
            let text = debate
                .sources
                .get(v.source as usize)
                .and_then(|s| s.text.as_deref())
                .unwrap_or("");
            let top = v.lines.get(v.scroll).map(|r| r.start);
            v.lines = wrap(text, width);
            v.width = width;
            if let Some(top) = top {
                v.scroll = line_at(&v.lines, top);
            }
        }
    }

    fn scroll_to_passage(&mut self) {
        let rows = self.areas().overlay_rows();
        let debate = &self.debate;
        if let Overlay::Source(v) = &mut self.overlay
            && let Some(p) = debate.passages(v.source).get(v.passage)
        {
            let line = line_at(&v.lines, p.range.start);
            v.scroll = line.saturating_sub(rows / 3);
        }
    }

    fn update_source(&mut self, action: Action) {
        let rows = self.areas().overlay_rows();
        let Overlay::Source(v) = &mut self.overlay else {
            return;
        };
        let passages = self.debate.passages(v.source).len();
        match action {
            Action::Down => v.scroll += 1,
            Action::Up => v.scroll = v.scroll.saturating_sub(1),
            Action::PageDown => v.scroll += rows.saturating_sub(1).max(1),
            Action::PageUp => v.scroll = v.scroll.saturating_sub(rows.saturating_sub(1).max(1)),
            Action::Top => v.scroll = 0,
            Action::Bottom => v.scroll = v.lines.len(),
            Action::ScrollAt(_, _, down) => {
                v.scroll = if down {
                    v.scroll + 3
                } else {
                    v.scroll.saturating_sub(3)
                }
            }
            Action::NextPassage | Action::PreviousPassage if passages > 0 => {
                v.passage = if action == Action::NextPassage {
                    (v.passage + 1) % passages
                } else {
                    (v.passage + passages - 1) % passages
                };
                self.scroll_to_passage();
            }
            Action::Follow => {
                let Some(p) = self.debate.passages(v.source).get(v.passage).cloned() else {
                    return;
                };
                self.overlay = Overlay::None;
                self.select(p.node);
                self.path = vec![p.node];
                self.quote = p.quote as usize;
                self.focus = Pane::Sources;
            }
            _ => {}
        }
    }
}

/// The columns before a search result's text: its kind and its side's mark.
pub const ROW_PREFIX: usize = 11;

/// What a search result shows for a field other than its main text.
fn field_label(field: Field) -> Option<&'static str> {
    match field {
        Field::Text => None,
        Field::Id => Some("id"),
        Field::Summary => Some("summary"),
        Field::Translation => Some("translation"),
        Field::Speaker => Some("speaker"),
        Field::Tag(_) => Some("tag"),
    }
}

/// The wrapped line holding byte `at`.
pub fn line_at(lines: &[Range<usize>], at: usize) -> usize {
    lines.partition_point(|r| r.start <= at).saturating_sub(1)
}

/// A line of the help overlay: what help shows, in order. Drawing and scrolling both
/// read this list, so they agree on its length.
#[derive(Debug, Clone, Copy)]
pub enum HelpLine {
    /// The sides, with their marks.
    Sides,
    /// What the `✗n` after a claim means.
    Legend,
    Blank,
    Heading(Scope),
    /// How a search query is written, under the search popup's heading.
    SearchSyntax,
    Binding(&'static keymap::Binding),
}

pub fn help_lines() -> Vec<HelpLine> {
    let mut out = vec![HelpLine::Sides, HelpLine::Legend];
    for scope in keymap::SCOPES {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(scope));
        if scope == Scope::Search {
            out.push(HelpLine::SearchSyntax);
        }
        out.extend(
            keymap::BINDINGS
                .iter()
                .filter(|b| b.scope == scope)
                .map(HelpLine::Binding),
        );
    }
    out
}

/// How many lines the help overlay takes (for scrolling).
pub fn help_len() -> usize {
    help_lines().len()
}

#[cfg(test)]
mod tests;
