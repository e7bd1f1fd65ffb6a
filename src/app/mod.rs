//! The explorer's state and its one `update`. Keys and mouse events become
//! [`Action`]s through the key table; `update` changes the state and may return an
//! [`Effect`] for the shell. Nothing here touches the terminal.

pub mod action;
mod claims;
mod copy;
pub mod entries;
pub mod indexing;
pub mod jumps;
pub mod keymap;
pub mod layout;
mod overlay;
mod panes;
pub mod path;
mod reload;
pub mod search;
mod standing;
pub mod tree;

#[cfg(test)]
mod reading_tests;

use std::sync::Arc;

use ratatui::layout::Rect;

use crate::domain::export::plural;
use crate::domain::graph::status::{Status, Why};
use crate::domain::graph::tree::Tree;
use crate::domain::search::Index;
use crate::domain::session::Session;
use crate::domain::{Debate, Diagnostic, NodeId};

pub use action::{Action, EditAt, Effect, Exported, Pane};
use jumps::Jumps;
use keymap::{Scope, help_len};
use layout::{Areas, areas};
pub use overlay::{
    ExportPrompt, Overlay, ResultRow, SearchView, SourceFind, SourceView, TranslationPanel, line_at,
};
pub use panes::{Group, LinkRow};
use path::PathHistory;
pub use reload::Report;
pub use tree::{Place, Row, TreeView};

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

/// The explorer.
#[derive(Debug, Clone)]
pub struct App {
    /// Shared with the thread that builds the search index.
    pub debate: Arc<Debate>,
    /// The search data, prepared once; shared with the search worker. `None` while it
    /// is built after the first frame ([`App::opening`]).
    pub index: Option<Arc<Index>>,
    /// The search index will not come: the thread building it ended without it.
    pub index_lost: bool,
    /// The Claims pane's tree: its folds, its visible rows, its focus.
    pub tree: TreeView,
    /// Which claims stand, with the claims the reader set aside (a what-if).
    pub standing: Status,
    /// Whether the panes show each claim's label.
    pub show_status: bool,
    /// Why the node the panes are about has its label, worked out when that node or
    /// the what-if changes (a claim may have any number of rebuttals).
    why: Option<(NodeId, Why)>,
    /// The node `w` last left from, and which of its deciding claims comes next.
    decider: Option<(NodeId, usize)>,
    pub focus: Pane,
    /// The selected row of the Claims pane, among the rows it shows.
    pub claims: ListPos,
    /// The Rebuttals pane of the focused node.
    pub links: Vec<LinkRow>,
    pub links_pos: ListPos,
    /// The selected entry of the Sources pane: one of the node's quotes, or past them,
    /// one of the sources it cites (`quote - quotes.len()` into its `cites`).
    pub quote: usize,
    /// How far the Sources pane's selected entry is scrolled, when it is longer than
    /// the pane.
    pub entry_scroll: entries::EntryScroll,
    /// The path walked: claims and positions, in order. Changed only through
    /// `path.rs`, so that every change can be undone.
    pub path: Vec<NodeId>,
    /// The changes to the path that can be undone, and what was last exported.
    pub history: PathHistory,
    /// The places jumps left from, to go back and forth.
    pub jumps: Jumps,
    /// Earlier searches, and the results that `n` and `N` move through.
    pub recall: search::Recall,
    /// Whether the shell remembers the path and the selection for the next run.
    pub remembers: bool,
    /// Whether the debate was read from a file (not the built-in one): what `R` speaks of.
    pub from_file: bool,
    pub overlay: Overlay,
    pub status: Option<String>,
    /// The problems of the version of the file last read, while the one before it is
    /// shown.
    pub report: Option<Report>,
    /// The terminal's size.
    pub size: Rect,
    /// Where everything goes at `size`, laid out after every action: drawing, mouse
    /// hit-testing and paging all read this one layout.
    areas: Areas,
    pub no_color: bool,
    /// The file last exported, which `o` opens in the pager.
    pub last_export: Option<std::path::PathBuf>,
    /// The row and time (ms) of the last click, to tell a double click.
    last_click: Option<(u16, u64)>,
}

impl App {
    /// The explorer of `debate`, its search index and status worked out here.
    pub fn new(debate: Debate, size: Rect) -> App {
        let status = Status::of(&debate);
        let mut index = Index::new(&debate);
        index.set_labels(&debate, &status);
        App::with_index(debate, index, status, size)
    }

    /// The explorer of `debate`, with its search index (its labels set) and its status
    /// prepared by the caller.
    pub fn with_index(debate: Debate, index: Index, status: Status, size: Rect) -> App {
        let tree = Tree::new(&debate);
        App::with_tree(debate, index, tree, status, size)
    }

    /// The explorer of `debate`, with its search index, its tree and its status
    /// prepared by the caller (all of them `debate`'s). It opens with the positions and
    /// their claims unfolded: work in proportion to those rows.
    pub fn with_tree(debate: Debate, index: Index, tree: Tree, status: Status, size: Rect) -> App {
        let mut app = App::opening(Arc::new(debate), tree, status, size);
        app.index = Some(Arc::new(index));
        app
    }

    /// The explorer of `debate` before its search index is ready, with its tree and its
    /// status prepared by the caller: what the first frame needs. The index comes later,
    /// as [`Action::IndexReady`].
    pub fn opening(debate: Arc<Debate>, tree: Tree, status: Status, size: Rect) -> App {
        let tree = TreeView::new(tree);
        let mut app = App {
            debate,
            index: None,
            index_lost: false,
            tree,
            standing: status,
            show_status: true,
            why: None,
            decider: None,
            focus: Pane::Claims,
            claims: ListPos::default(),
            links: Vec::new(),
            links_pos: ListPos::default(),
            quote: 0,
            entry_scroll: entries::EntryScroll::default(),
            path: Vec::new(),
            history: PathHistory::default(),
            jumps: Jumps::default(),
            recall: search::Recall::default(),
            remembers: false,
            from_file: false,
            overlay: Overlay::None,
            status: None,
            report: None,
            size,
            areas: areas(size, Pane::Claims),
            no_color: false,
            last_export: None,
            last_click: None,
        };
        // Start on the first claim, where there is one.
        if let Some(i) = app
            .tree
            .rows()
            .iter()
            .position(|r| matches!(r.node, NodeId::Claim(_)))
        {
            app.claims.selected = i;
        }
        app.focus_changed();
        app.refresh_why();
        app
    }

    /// The node the Rebuttals and Sources panes are about.
    pub fn current(&self) -> Option<NodeId> {
        self.tree.get(self.claims.selected).map(|r| r.node)
    }

    /// Where the reader is in the tree: what a jump list keeps.
    pub fn place(&self) -> Option<Place> {
        self.tree.place(self.claims.selected)
    }

    /// The list rows of the Claims pane: its inner rows, less the breadcrumb's in a
    /// focus.
    pub fn claims_rows(&self) -> usize {
        let rows = self.areas.rows(Pane::Claims);
        if self.tree.is_focused() && rows > 1 {
            rows - 1
        } else {
            rows
        }
    }

    /// The sources a node cites as a whole: indexes into `Debate::sources`.
    pub fn cites_of(&self, node: NodeId) -> &[u32] {
        self.debate.cites_of(node)
    }

    /// How many entries the Sources pane lists for a node: its quotes, then the
    /// sources it cites.
    pub fn sources_len(&self, node: NodeId) -> usize {
        self.debate.quotes_of(node).len() + self.cites_of(node).len()
    }

    /// Says in the status line, on opening, what an import could not carry over: how
    /// many warnings, the first, and the command that lists them all. `file` is the
    /// debate's file as the user named it.
    pub fn say_warnings(&mut self, warnings: &[Diagnostic], file: &str) {
        let Some(first) = warnings.first() else {
            return;
        };
        let n = warnings.len();
        let more = if n > 1 { " …" } else { "" };
        let them = if n > 1 { "them" } else { "it" };
        self.status = Some(format!(
            "{}: {}{more} (debate-tui check {} lists {them})",
            plural(n, "warning"),
            first.message,
            shell_word(file)
        ));
    }

    /// Where everything goes on screen, as of the last action.
    pub fn areas(&self) -> &Areas {
        &self.areas
    }

    /// Lays the screen out for the size and the focused pane (the narrow layout shows
    /// only that one).
    fn relayout(&mut self) {
        self.areas = areas(self.size, self.focus);
    }

    /// The key scope in force: the open overlay's, else the panes'.
    pub fn scope(&self) -> Scope {
        match &self.overlay {
            Overlay::None if self.focus == Pane::Claims => Scope::Claims,
            Overlay::None => Scope::Panes,
            Overlay::Help { .. } | Overlay::Report { .. } => Scope::Help,
            Overlay::Source(v) => v.scope(),
            Overlay::Search(_) => Scope::Search,
            Overlay::Path(_) => Scope::Path,
            Overlay::Export(p) if p.confirm => Scope::Confirm,
            Overlay::Export(_) => Scope::Prompt,
            Overlay::Quit => Scope::Quit,
        }
    }

    /// Keeps every selection in range and visible.
    fn clamp(&mut self) {
        let claims_rows = self.claims_rows();
        let a = &self.areas;
        self.claims.clamp(self.tree.len(), claims_rows);
        self.links_pos.clamp(self.links.len(), self.links_rows());
        let entries = self.current().map_or(0, |n| self.sources_len(n));
        self.quote = self.quote.min(entries.saturating_sub(1));
        // Another entry shows from its start.
        if self.entry_scroll.of != self.current().map(|n| (n, self.quote)) {
            self.entry_scroll = entries::EntryScroll::default();
        }
        if self.entry_line() > 0 {
            // A resize may leave less to scroll.
            self.entry_scroll.line = self.entry_line().min(self.entry_room(self.entry_line()));
        }
        let rows = a.overlay_rows();
        let text_rows = self.source_rows();
        match &mut self.overlay {
            Overlay::Source(v) => {
                v.scroll = v.scroll.min(v.lines.len().saturating_sub(text_rows));
                v.rows = text_rows;
            }
            Overlay::Help { scroll } => *scroll = (*scroll).min(help_len().saturating_sub(rows)),
            Overlay::Report { scroll } => {
                let len = self.report.as_ref().map_or(0, |r| r.lines.len());
                *scroll = (*scroll).min(len.saturating_sub(rows));
            }
            Overlay::Search(v) => v.pos.clamp(v.hits().len(), a.search_rows()),
            Overlay::Path(pos) => pos.clamp(self.path.len(), a.overlay_rows()),
            Overlay::Export(_) | Overlay::Quit | Overlay::None => {}
        }
    }

    /// Selects a node in the Claims pane: its full row, unfolding what hides it and
    /// stepping out of a focus that does not hold it.
    fn select(&mut self, node: NodeId) {
        if let Some(r) = self.tree.reveal(node) {
            self.claims.selected = r;
            self.focus_changed();
        }
    }

    /// The one entry point: applies an action, returns what the shell must do.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            action,
            Action::Resize(..)
                | Action::ScrollAt(..)
                | Action::NotRemembered(_)
                | Action::IndexReady(_)
        ) {
            self.status = None;
        }
        // Behind "Terminal too small" nothing is seen, so no key acts: only quitting,
        // suspending and what the shell reports.
        if self.areas.mode == layout::Mode::TooSmall && !reaches_a_small_screen(&action) {
            return None;
        }
        let effect = match action {
            Action::QuitNow => return Some(Effect::Quit),
            // Asked once: `q` again (or `y`) in the question quits.
            Action::Quit if self.overlay == Overlay::Quit || !self.path_unexported() => {
                return Some(Effect::Quit);
            }
            Action::Quit => {
                self.overlay = Overlay::Quit;
                None
            }
            Action::Restore(saved) => {
                self.restore(saved);
                None
            }
            Action::NotRemembered(why) => {
                let said = self.status.take().map_or_else(String::new, |s| s + " · ");
                self.status = Some(format!("{said}Not remembered for next time: {why}"));
                None
            }
            Action::Suspend => return Some(Effect::Suspend),
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                self.relayout();
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
                self.keep_search(None);
                self.overlay = Overlay::None;
                None
            }
            Action::IndexReady(index) => self.index_arrived(index),
            Action::IndexLost => {
                self.index_lost();
                None
            }
            Action::Exported(outcome) => {
                self.exported(outcome);
                None
            }
            Action::Edited(outcome) => {
                self.edited(outcome);
                None
            }
            Action::GoTo(place) => {
                self.go_to_place(&place);
                None
            }
            Action::ClickAtTime(x, y, at) => return self.click_at_time(x, y, at),
            Action::Paged(said) => {
                self.status = Some(said.unwrap_or_else(|why| why));
                None
            }
            _ => match self.overlay {
                Overlay::None => match action {
                    Action::Undo => {
                        self.undo();
                        None
                    }
                    Action::Redo => {
                        self.redo();
                        None
                    }
                    Action::NewPath => {
                        self.new_path();
                        None
                    }
                    Action::JumpBack | Action::JumpForward => {
                        self.jump(action == Action::JumpForward);
                        None
                    }
                    Action::Copy | Action::CopyId => self.copy(action == Action::CopyId),
                    Action::OpenExport => self.open_export(),
                    Action::Edit => self.edit(),
                    Action::ShowReport => {
                        self.show_report();
                        None
                    }
                    Action::NextResult | Action::PreviousResult => {
                        self.next_result(action == Action::NextResult);
                        None
                    }
                    Action::SearchResults(r) => {
                        self.late_results(r);
                        None
                    }
                    _ => self.update_panes(action),
                },
                Overlay::Help { .. } | Overlay::Report { .. } => {
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
                Overlay::Quit => {
                    if action == Action::Export {
                        self.ask_export();
                    }
                    None
                }
            },
        };
        self.relayout();
        self.clamp();
        self.mark_rows();
        self.refresh_why();
        effect
    }
}

/// Whether an action applies while the terminal is too small to show anything: none
/// of the reader's own (keys and the mouse) but the ones a reader cannot aim (Ctrl-C,
/// Ctrl-Z); everything the shell reports (a size, results, an index, an outcome).
fn reaches_a_small_screen(action: &Action) -> bool {
    let from_the_reader = matches!(
        action,
        Action::Type(_) | Action::ClickAt(..) | Action::ClickAtTime(..) | Action::ScrollAt(..)
    ) || keymap::binds(action);
    !from_the_reader || matches!(action, Action::QuitNow | Action::Suspend)
}

/// A file name as a shell reads it back as one word: as it is when it holds nothing
/// a shell treats specially, else in single quotes.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '/' | '+' | ',' | ':' | '@' | '%' | '=')
        });
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

impl App {
    /// What to remember of this debate for the next run: ids only.
    pub fn session(&self) -> Session {
        let exported = !self.path.is_empty() && !self.path_unexported();
        let unfolded: Vec<NodeId> = self.tree.opened().collect();
        Session::of(
            &self.debate,
            &self.path,
            exported,
            self.current(),
            &unfolded,
        )
    }

    /// Takes up what was remembered from an earlier run; says what was set aside.
    fn restore(&mut self, saved: Result<Session, String>) {
        let session = match saved {
            Ok(s) => s,
            Err(why) => {
                self.status = Some(format!("Started afresh: {why}"));
                return;
            }
        };
        let r = session.resolve(&self.debate);
        let whole = r.missing == 0;
        let steps = r.path.len();
        self.set_path(r.path, session.exported && whole);
        if !r.unfolded.is_empty() {
            let here = self.current();
            self.tree.set_opened(r.unfolded);
            self.claims.selected = 0;
            if let Some(node) = here {
                self.select(node);
            }
        }
        if let Some(node) = r.selected {
            self.select(node);
        }
        let mut said = Vec::new();
        if steps > 0 {
            said.push(format!(
                "Restored the path ({})",
                crate::domain::export::plural(steps, "step")
            ));
        }
        if !whole {
            said.push(format!(
                "left out {} the debate no longer has",
                crate::domain::export::plural(r.missing, "saved id")
            ));
        }
        self.status = (!said.is_empty()).then(|| said.join(" · "));
    }
}

#[cfg(test)]
mod reflexes_tests;
#[cfg(test)]
mod tests;
