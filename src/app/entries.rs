//! The entries of the Sources pane (a node's quotes, then the sources it cites) as the
//! texts they show, and scrolling through one that is longer than the pane. The UI
//! wraps and styles the texts; the app counts their lines only to know how far an
//! entry scrolls.

use crate::app::{App, LinkRow, Pane, layout};
use crate::domain::NodeId;
use crate::domain::text::{head, visible, wrap};

/// The rows of the selected link's preview in the narrow layout: a rule and three
/// lines of its statement.
pub const LINK_PREVIEW: usize = 4;

/// What a text of an entry is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The speech act with its speaker: "Fiona Bruce asks:".
    Act,
    /// The quoted words, in quotation marks.
    Quote,
    /// Who said it where: "— speaker, source ✓".
    By,
    Translation,
    /// "Cites: " and a cited source's title.
    Cites,
    Url,
    /// A cited source's excerpt, in quotation marks.
    Excerpt,
}

/// Where the Sources pane's selected entry is scrolled to: the line at its top, for
/// the entry it was scrolled in (any other entry shows from its start).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EntryScroll {
    pub of: Option<(NodeId, usize)>,
    pub line: usize,
}

impl App {
    /// The texts of entry `k` of `node`'s Sources pane, in order, each with at most
    /// `most` characters of what it quotes.
    pub fn entry_texts(&self, node: NodeId, k: usize, most: usize) -> Vec<(Role, String)> {
        let quotes = self.debate.quotes_of(node);
        let mut out = Vec::new();
        if let Some(q) = quotes.get(k) {
            let speaker = q.speaker.as_deref().map(|s| head(s, most));
            if let Some(act) = &q.act {
                let act = head(act, most);
                out.push((
                    Role::Act,
                    match speaker {
                        Some(s) => format!("{s} {act}:"),
                        None => format!("{act}:"),
                    },
                ));
            }
            out.push((Role::Quote, format!("“{}”", head(&q.text, most).trim())));
            let mut by = String::from("— ");
            // The speaker is named once: with the act, when there is one.
            if let Some(s) = speaker.filter(|_| q.act.is_none()) {
                by.push_str(s);
                by.push_str(", ");
            }
            let source = self.debate.sources.get(q.source as usize);
            by.push_str(source.map_or("", |s| head(&s.title, most)));
            if q.found.is_some() {
                by.push_str(" ✓");
            }
            out.push((Role::By, by));
            if let Some(t) = &q.translation {
                out.push((Role::Translation, head(t, most).to_string()));
            }
        } else if let Some(s) = k
            .checked_sub(quotes.len())
            .and_then(|c| self.cites_of(node).get(c))
            .and_then(|&s| self.debate.sources.get(s as usize))
        {
            out.push((Role::Cites, format!("Cites: {}", head(&s.title, most))));
            if let Some(url) = &s.url {
                out.push((Role::Url, head(url, most).to_string()));
            }
            if let Some(e) = &s.excerpt {
                out.push((Role::Excerpt, format!("“{}”", head(e, most).trim())));
            }
        }
        out
    }

    /// The node the Sources pane shows: the selected link's while the Rebuttals pane
    /// has the focus (so that its text can be read whole without following it), else
    /// the node the panes are about.
    pub fn sources_node(&self) -> Option<NodeId> {
        match (self.focus, self.links.get(self.links_pos.selected)) {
            (Pane::Rebuttals, Some(LinkRow::Entry(_, n))) => Some(*n),
            _ => self.current(),
        }
    }

    /// The rows of the Rebuttals pane's list. In the narrow layout, where the Sources
    /// pane is not on screen beside it, the last [`LINK_PREVIEW`] rows show the
    /// selected link's statement instead, when the pane has room.
    pub fn links_rows(&self) -> usize {
        let rows = self.areas().rows(Pane::Rebuttals);
        if self.areas().mode == layout::Mode::Narrow && rows >= 3 * LINK_PREVIEW {
            rows - LINK_PREVIEW
        } else {
            rows
        }
    }

    /// The columns the Sources pane wraps an entry's texts to (less its selection
    /// bar), and its rows; `None` when the pane is not on screen.
    pub fn entry_area(&self) -> Option<(usize, usize)> {
        let r = layout::inner(self.areas().pane(Pane::Sources)?);
        Some((
            (r.width as usize).saturating_sub(2).max(1),
            r.height as usize,
        ))
    }

    /// The line the selected entry shows from (0 unless it was scrolled).
    pub fn entry_line(&self) -> usize {
        match self.current() {
            Some(n) if self.entry_scroll.of == Some((n, self.quote)) => self.entry_scroll.line,
            _ => 0,
        }
    }

    /// How far the selected entry scrolls: its lines beyond the pane's rows. Only as
    /// much text is read as can show one line past `line`.
    pub(crate) fn entry_room(&self, line: usize) -> usize {
        let (Some(node), Some((width, rows))) = (self.current(), self.entry_area()) else {
            return 0;
        };
        let most = (line + rows + 1).saturating_mul(width).saturating_add(16);
        let lines: usize = self
            .entry_texts(node, self.quote, most)
            .iter()
            .map(|(_, t)| wrap(&visible(t), width).len())
            .sum();
        lines.saturating_sub(rows)
    }

    /// Scrolls the selected entry a line down (`down`) or up; whether it moved.
    pub(crate) fn scroll_entry(&mut self, down: bool) -> bool {
        let line = self.entry_line();
        let to = if down {
            if line >= self.entry_room(line) {
                return false;
            }
            line + 1
        } else {
            if line == 0 {
                return false;
            }
            line - 1
        };
        self.entry_scroll = EntryScroll {
            of: self.current().map(|n| (n, self.quote)),
            line: to,
        };
        true
    }

    /// J and K: scroll the selected entry, or say why it does not move.
    pub(crate) fn scroll_entry_key(&mut self, down: bool) {
        if self.entry_area().is_none() {
            self.status = Some(String::from(
                "The Sources pane is not on screen: Tab to it first",
            ));
        } else if !self.scroll_entry(down) {
            self.status = Some(String::from(if down {
                "The selected entry shows to its end"
            } else {
                "The selected entry shows from its start"
            }));
        }
    }
}
