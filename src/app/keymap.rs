//! The one key table: it maps keys to actions, and it is what the help overlay and the
//! footer hints are drawn from, so they never go stale.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everywhere, unless an overlay or a pane binds the same key.
    Global,
    /// The three panes.
    Panes,
    /// The source view, opened from a quote.
    SourceView,
    /// The help overlay.
    Help,
    /// The search popup: a character without Ctrl goes into the input.
    Search,
    /// The path's steps.
    Path,
    /// The export's file name: a character without Ctrl goes into the input.
    Prompt,
}

/// The scopes in the order help lists them.
pub const SCOPES: [Scope; 7] = [
    Scope::Panes,
    Scope::Search,
    Scope::Path,
    Scope::Prompt,
    Scope::SourceView,
    Scope::Global,
    Scope::Help,
];

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Panes => "Panes",
            Scope::SourceView => "Source view",
            Scope::Help => "Help",
            Scope::Search => "Search",
            Scope::Path => "Path",
            Scope::Prompt => "Export file name",
        }
    }

    /// Whether characters typed here are text rather than commands.
    pub fn takes_text(self) -> bool {
        matches!(self, Scope::Search | Scope::Prompt)
    }
}

/// A key: a code and whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn c(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: false,
    }
}
const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    /// What the action does, for help.
    pub help: &'static str,
    /// A short label for the footer; `None` keeps the binding out of the footer.
    pub hint: Option<&'static str>,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
        hint,
    }
}

use KeyCode as K;
use Scope::{Global, Help, Panes, Path, Prompt, Search, SourceView};

pub const BINDINGS: &[Binding] = &[
    b(
        Global,
        &[ctrl('c')],
        Action::Quit,
        "quit from anywhere",
        None,
    ),
    b(Global, &[c('q')], Action::Quit, "quit", Some("quit")),
    b(
        Global,
        &[c('?')],
        Action::Help,
        "show or hide this help",
        Some("help"),
    ),
    b(
        Global,
        &[k(K::Esc)],
        Action::Close,
        "close the overlay",
        None,
    ),
    b(Panes, &[k(K::Up), c('k')], Action::Up, "move up", None),
    b(
        Panes,
        &[k(K::Down), c('j')],
        Action::Down,
        "move down",
        Some("move"),
    ),
    b(
        Panes,
        &[c('g'), k(K::Home)],
        Action::Top,
        "go to the first row",
        None,
    ),
    b(
        Panes,
        &[c('G'), k(K::End)],
        Action::Bottom,
        "go to the last row",
        None,
    ),
    b(Panes, &[k(K::PageUp)], Action::PageUp, "page up", None),
    b(
        Panes,
        &[k(K::PageDown)],
        Action::PageDown,
        "page down",
        None,
    ),
    b(
        Panes,
        &[k(K::Tab), k(K::Right), c('l')],
        Action::NextPane,
        "next pane",
        Some("pane"),
    ),
    b(
        Panes,
        &[k(K::BackTab), k(K::Left), c('h')],
        Action::PreviousPane,
        "previous pane",
        None,
    ),
    b(
        Panes,
        &[k(K::Enter)],
        Action::Follow,
        "start a path · follow a link · read a quote in its source",
        Some("open"),
    ),
    b(
        Panes,
        &[k(K::Backspace)],
        Action::Back,
        "step back along the path",
        Some("back"),
    ),
    b(
        Panes,
        &[c('/')],
        Action::Search,
        "search claims, quotes, positions and sources",
        Some("search"),
    ),
    b(
        Panes,
        &[c('a')],
        Action::AddToPath,
        "add the selected claim to the path (a jump when not linked)",
        Some("add"),
    ),
    b(
        Panes,
        &[c('p')],
        Action::ShowPath,
        "show the path: its steps and how each relates",
        Some("path"),
    ),
    b(
        Panes,
        &[c('e')],
        Action::Export,
        "export the path to a Markdown file",
        Some("export"),
    ),
    b(
        Path,
        &[k(K::Down), c('j')],
        Action::Down,
        "next step",
        Some("move"),
    ),
    b(Path, &[k(K::Up), c('k')], Action::Up, "previous step", None),
    b(
        Path,
        &[c('d'), k(K::Delete)],
        Action::RemoveStep,
        "remove the selected step",
        Some("remove"),
    ),
    b(
        Path,
        &[k(K::Enter)],
        Action::Follow,
        "go to the selected step",
        Some("go"),
    ),
    b(
        Path,
        &[c('e')],
        Action::Export,
        "export the path to a Markdown file",
        Some("export"),
    ),
    b(
        Prompt,
        &[k(K::Enter)],
        Action::Follow,
        "write the file",
        Some("write"),
    ),
    b(
        Prompt,
        &[k(K::Backspace)],
        Action::Erase,
        "delete the last character",
        None,
    ),
    b(
        Prompt,
        &[ctrl('u')],
        Action::ClearInput,
        "clear the file name",
        Some("clear"),
    ),
    b(
        Prompt,
        &[k(K::Esc)],
        Action::Close,
        "cancel: nothing is written",
        Some("cancel"),
    ),
    b(
        Search,
        &[k(K::Down), ctrl('n')],
        Action::Down,
        "next result",
        Some("choose"),
    ),
    b(
        Search,
        &[k(K::Up), ctrl('p')],
        Action::Up,
        "previous result",
        None,
    ),
    b(
        Search,
        &[k(K::PageDown)],
        Action::PageDown,
        "page down",
        None,
    ),
    b(Search, &[k(K::PageUp)], Action::PageUp, "page up", None),
    b(
        Search,
        &[k(K::Enter)],
        Action::Follow,
        "go to the result (a quote: its claim, with the quote selected)",
        Some("go"),
    ),
    b(
        Search,
        &[k(K::Backspace)],
        Action::Erase,
        "delete the last character",
        None,
    ),
    b(
        Search,
        &[ctrl('u')],
        Action::ClearInput,
        "clear the search",
        Some("clear"),
    ),
    b(
        Search,
        &[k(K::Esc)],
        Action::Close,
        "close the search",
        Some("close"),
    ),
    b(
        SourceView,
        &[k(K::Down), c('j')],
        Action::Down,
        "scroll down",
        Some("scroll"),
    ),
    b(
        SourceView,
        &[k(K::Up), c('k')],
        Action::Up,
        "scroll up",
        None,
    ),
    b(
        SourceView,
        &[k(K::PageDown), c(' ')],
        Action::PageDown,
        "page down",
        None,
    ),
    b(SourceView, &[k(K::PageUp)], Action::PageUp, "page up", None),
    b(
        SourceView,
        &[c('g'), k(K::Home)],
        Action::Top,
        "go to the top",
        None,
    ),
    b(
        SourceView,
        &[c('G'), k(K::End)],
        Action::Bottom,
        "go to the end",
        None,
    ),
    b(
        SourceView,
        &[c('n'), k(K::Tab)],
        Action::NextPassage,
        "next quoted passage",
        Some("next quote"),
    ),
    b(
        SourceView,
        &[c('N'), k(K::BackTab)],
        Action::PreviousPassage,
        "previous quoted passage",
        Some("prev"),
    ),
    b(
        SourceView,
        &[k(K::Enter)],
        Action::Follow,
        "go to the claim that quotes this passage",
        Some("claim"),
    ),
    b(
        SourceView,
        &[k(K::Backspace)],
        Action::Close,
        "back to where you were",
        Some("back"),
    ),
    b(
        Help,
        &[k(K::Down), c('j')],
        Action::Down,
        "scroll down",
        None,
    ),
    b(Help, &[k(K::Up), c('k')], Action::Up, "scroll up", None),
];

/// Normalises a key event: Shift is part of the character; only Ctrl is kept apart.
pub fn key_of(ev: KeyEvent) -> Key {
    Key {
        code: ev.code,
        ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
    }
}

/// Whether a key is text where a scope takes text: a character without Ctrl.
fn is_text(key: Key) -> bool {
    !key.ctrl && matches!(key.code, K::Char(_))
}

/// The action of `key` in `scope`: in the search popup a character goes into the
/// input; else the scope's own binding first, then a global one.
pub fn action_for(key: Key, scope: Scope) -> Option<Action> {
    if scope.takes_text()
        && is_text(key)
        && let K::Char(ch) = key.code
    {
        return Some(Action::Type(ch));
    }
    let find = |s: Scope| {
        BINDINGS
            .iter()
            .find(|b| b.scope == s && b.keys.contains(&key))
            .map(|b| b.action.clone())
    };
    find(scope).or_else(|| find(Global))
}

/// The bindings shown in the footer for `scope`, its own first, then the global ones
/// that work there (in the search popup, characters are text).
pub fn hints(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.scope == scope && b.hint.is_some())
        .chain(BINDINGS.iter().filter(move |b| {
            b.scope == Global
                && b.hint.is_some()
                && !(scope.takes_text() && b.keys.iter().all(|&k| is_text(k)))
        }))
}

/// How a key is written in help and hints.
pub fn key_label(key: Key) -> String {
    let base = match key.code {
        K::Char(' ') => "Space".to_string(),
        K::Char(ch) => ch.to_string(),
        K::Up => "↑".into(),
        K::Down => "↓".into(),
        K::Left => "←".into(),
        K::Right => "→".into(),
        K::Enter => "Enter".into(),
        K::Esc => "Esc".into(),
        K::Tab => "Tab".into(),
        K::BackTab => "Shift-Tab".into(),
        K::Backspace => "Backspace".into(),
        K::PageUp => "PgUp".into(),
        K::PageDown => "PgDn".into(),
        K::Home => "Home".into(),
        K::End => "End".into(),
        K::Delete => "Delete".into(),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
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
    Binding(&'static Binding),
}

pub fn help_lines() -> Vec<HelpLine> {
    let mut out = vec![HelpLine::Sides, HelpLine::Legend];
    for scope in SCOPES {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(scope));
        if scope == Scope::Search {
            out.push(HelpLine::SearchSyntax);
        }
        out.extend(
            BINDINGS
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
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for bnd in &BINDINGS[i + 1..] {
                if a.scope != bnd.scope {
                    continue;
                }
                for key in a.keys {
                    assert!(
                        !bnd.keys.contains(key),
                        "{key:?} is bound to {:?} and {:?} in {:?}",
                        a.action,
                        bnd.action,
                        a.scope
                    );
                }
            }
        }
    }

    #[test]
    fn scoped_bindings_win_over_global_ones() {
        assert_eq!(action_for(c('j'), Panes), Some(Action::Down));
        assert_eq!(action_for(c('q'), Panes), Some(Action::Quit));
        assert_eq!(action_for(k(K::Backspace), SourceView), Some(Action::Close));
        assert_eq!(action_for(ctrl('c'), SourceView), Some(Action::Quit));
        assert_eq!(action_for(c('x'), Panes), None);
        // In the search popup, characters are text, even those bound elsewhere.
        assert_eq!(action_for(c('q'), Search), Some(Action::Type('q')));
        assert_eq!(action_for(c('?'), Search), Some(Action::Type('?')));
        assert_eq!(action_for(ctrl('u'), Search), Some(Action::ClearInput));
        assert_eq!(action_for(ctrl('c'), Search), Some(Action::Quit));
        assert_eq!(action_for(k(K::Backspace), Search), Some(Action::Erase));
    }

    #[test]
    fn the_issue_s_keys_are_all_bound() {
        for (key, action) in [
            (k(K::Tab), Action::NextPane),
            (k(K::BackTab), Action::PreviousPane),
            (c('h'), Action::PreviousPane),
            (c('l'), Action::NextPane),
            (c('g'), Action::Top),
            (c('G'), Action::Bottom),
            (k(K::PageUp), Action::PageUp),
            (k(K::PageDown), Action::PageDown),
            (k(K::Enter), Action::Follow),
            (k(K::Backspace), Action::Back),
            (c('?'), Action::Help),
            (k(K::Esc), Action::Close),
            (c('/'), Action::Search),
        ] {
            assert_eq!(action_for(key, Panes), Some(action), "{key:?}");
        }
    }

    #[test]
    fn labels_read_well() {
        assert_eq!(key_label(ctrl('c')), "Ctrl-c");
        assert_eq!(key_label(k(K::BackTab)), "Shift-Tab");
        assert_eq!(key_label(c('?')), "?");
    }
}
