//! The one key table: it maps keys to actions, and it is the only place keys are
//! written. Help, the footer, the overlays' titles and every sentence that names a key
//! are drawn from it, so they never go stale.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everywhere, unless an overlay or a pane binds the same key.
    Global,
    /// The three panes.
    Panes,
    /// The Claims pane, focused: the tree's keys, then the panes' ones.
    Claims,
    /// The source view, opened from a quote.
    SourceView,
    /// The source view, while a search of its text is typed: characters go into it.
    SourceSearch,
    /// The source view, while a search of its text is active: n and N go to its matches.
    SourceMatches,
    /// The help overlay.
    Help,
    /// The search popup: a character without Ctrl goes into the input.
    Search,
    /// The path's steps.
    Path,
    /// The export's file name: a character without Ctrl goes into the input.
    Prompt,
    /// The question before an export replaces a file.
    Confirm,
    /// The question before quitting with a path never exported.
    Quit,
}

/// The scopes in the order help lists them.
pub const SCOPES: [Scope; 12] = [
    Scope::Claims,
    Scope::Panes,
    Scope::Search,
    Scope::Path,
    Scope::Prompt,
    Scope::Confirm,
    Scope::Quit,
    Scope::SourceView,
    Scope::SourceMatches,
    Scope::SourceSearch,
    Scope::Global,
    Scope::Help,
];

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Panes => "Panes",
            Scope::Claims => "Claims pane (the tree)",
            Scope::SourceView => "Source view",
            Scope::SourceSearch => "Source view: typing a search of the text",
            Scope::SourceMatches => "Source view: while a search of the text is active",
            Scope::Help => "Help and the problems report",
            Scope::Search => "Search",
            Scope::Path => "Path",
            Scope::Prompt => "Export file name",
            Scope::Confirm => "Export: the file exists",
            Scope::Quit => "Quit: the path was never exported",
        }
    }

    /// Whether characters typed here are text rather than commands.
    pub fn takes_text(self) -> bool {
        matches!(self, Scope::Search | Scope::Prompt | Scope::SourceSearch)
    }

    /// Whether characters are this scope's own (typed into an input, or answers to a
    /// question), so that the global keys that are characters do not apply here.
    pub fn keeps_characters(self) -> bool {
        self.takes_text() || matches!(self, Scope::Confirm | Scope::Quit)
    }

    /// The scope whose bindings apply here too, after this one's own: the panes' in
    /// the Claims pane.
    pub fn within(self) -> Option<Scope> {
        match self {
            Scope::Claims => Some(Scope::Panes),
            Scope::SourceMatches => Some(Scope::SourceView),
            _ => None,
        }
    }
}

/// A key: a code and whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

pub(crate) const fn k(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
pub(crate) const fn c(ch: char) -> Key {
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

/// How a binding is named outside help, where its action has room for a word or two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Named in help only.
    Unnamed,
    /// Named in the footer, and in the titles and questions that name its action.
    Footer(&'static str),
    /// Named in the titles and questions that name its action, not in the footer.
    Title(&'static str),
}

impl Hint {
    pub fn name(self) -> Option<&'static str> {
        match self {
            Hint::Unnamed => None,
            Hint::Footer(name) | Hint::Title(name) => Some(name),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    /// What the action does, for help.
    pub help: &'static str,
    pub hint: Hint,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Hint,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
        hint,
    }
}

use Hint::{Footer, Title, Unnamed};
use KeyCode as K;
use Scope::{
    Claims, Confirm, Global, Help, Panes, Path, Prompt, Search, SourceMatches, SourceSearch,
    SourceView,
};

pub const BINDINGS: &[Binding] = &[
    b(
        Global,
        &[ctrl('c')],
        Action::QuitNow,
        "quit from anywhere, at once (the path is remembered all the same)",
        Unnamed,
    ),
    b(
        Global,
        &[c('q')],
        Action::Quit,
        "quit (a path never exported asks first); in an overlay, q closes it",
        Footer("quit"),
    ),
    b(
        Global,
        &[ctrl('z')],
        Action::Suspend,
        "suspend to the shell (fg comes back)",
        Unnamed,
    ),
    b(
        Global,
        &[c('?')],
        Action::Help,
        "show or hide this help",
        Footer("help"),
    ),
    b(
        Global,
        &[k(K::Esc)],
        Action::Close,
        "close the overlay",
        Title("close"),
    ),
    b(Panes, &[k(K::Up), c('k')], Action::Up, "move up", Unnamed),
    b(
        Panes,
        &[k(K::Down), c('j')],
        Action::Down,
        "move down",
        Footer("move"),
    ),
    b(
        Panes,
        &[c('/')],
        Action::Search,
        "search claims, quotes, positions, sources (again: the last query)",
        Footer("search"),
    ),
    b(
        Panes,
        &[c('g'), k(K::Home)],
        Action::Top,
        "go to the first row",
        Unnamed,
    ),
    b(
        Panes,
        &[c('G'), k(K::End)],
        Action::Bottom,
        "go to the last row",
        Unnamed,
    ),
    b(
        Panes,
        &[k(K::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
        Unnamed,
    ),
    b(
        Panes,
        &[k(K::PageDown), ctrl('f'), c(' ')],
        Action::PageDown,
        "page down",
        Unnamed,
    ),
    b(
        Panes,
        &[ctrl('u')],
        Action::HalfPageUp,
        "half a page up",
        Unnamed,
    ),
    b(
        Panes,
        &[ctrl('d')],
        Action::HalfPageDown,
        "half a page down",
        Unnamed,
    ),
    // ← → h l fold and unfold in the Claims pane: panes change with Tab only.
    b(
        Panes,
        &[k(K::Tab)],
        Action::NextPane,
        "next pane",
        Footer("pane"),
    ),
    b(
        Panes,
        &[k(K::BackTab)],
        Action::PreviousPane,
        "previous pane",
        Unnamed,
    ),
    b(
        Panes,
        &[k(K::Enter)],
        Action::Follow,
        "start a path · follow a link · read a quote in its source",
        Footer("open"),
    ),
    b(
        Panes,
        &[k(K::Backspace)],
        Action::Back,
        "step back along the path",
        Footer("back"),
    ),
    b(
        Panes,
        &[c('a')],
        Action::AddToPath,
        "add the selected claim to the path (a jump when not linked)",
        Footer("add"),
    ),
    b(
        Panes,
        &[c('p')],
        Action::ShowPath,
        "show the path: its steps and how each relates",
        Footer("path"),
    ),
    b(
        Panes,
        &[c('e')],
        Action::Export,
        "export the path to a Markdown file",
        Footer("export"),
    ),
    b(
        Panes,
        &[c('u')],
        Action::Undo,
        "undo the last change to the path (a step added or removed, a new path)",
        Footer("undo"),
    ),
    b(
        Panes,
        &[ctrl('r')],
        Action::Redo,
        "redo the change to the path last undone",
        Unnamed,
    ),
    b(
        Panes,
        &[c('n')],
        Action::NextResult,
        "next result of the last search (no popup; past the last, the first)",
        Title("next result"),
    ),
    b(
        Panes,
        &[c('N')],
        Action::PreviousResult,
        "previous result of the last search",
        Title("previous result"),
    ),
    b(
        Panes,
        &[c('P')],
        Action::NewPath,
        "start a new path at the selected claim (undo brings the old one back)",
        Title("new path"),
    ),
    b(
        Panes,
        &[ctrl('o')],
        Action::JumpBack,
        "jump back to where you were before a search, a link or the source view",
        Footer("jump back"),
    ),
    // Most terminals send Ctrl-I as Tab, which moves between panes: Ctrl-N works on
    // every terminal, Ctrl-I only on those that tell it from Tab.
    b(
        Panes,
        &[ctrl('n'), ctrl('i')],
        Action::JumpForward,
        "jump forward again, after jumping back",
        Unnamed,
    ),
    b(
        Claims,
        &[k(K::Right), c('l')],
        Action::Unfold,
        "unfold; unfolded: go to its first answer; a reference ↪: go to the claim",
        Footer("unfold"),
    ),
    b(
        Claims,
        &[k(K::Left), c('h')],
        Action::Fold,
        "fold; folded or a leaf: go up to what it answers",
        Unnamed,
    ),
    b(Claims, &[c(' ')], Action::Toggle, "fold or unfold", Unnamed),
    b(
        Claims,
        &[c('*')],
        Action::UnfoldSubtree,
        "unfold the selected claim and everything below it",
        Unnamed,
    ),
    b(
        Claims,
        &[c('L')],
        Action::UnfoldAll,
        "unfold everything (in a focus: all of the focus)",
        Unnamed,
    ),
    b(
        Claims,
        &[c('H')],
        Action::FoldAll,
        "fold back to positions and their claims (in a focus: its own claims)",
        Unnamed,
    ),
    b(
        Claims,
        &[c('f')],
        Action::Focus,
        "focus: the selected subtree fills the pane, ancestors as a breadcrumb",
        Footer("focus"),
    ),
    b(
        Claims,
        &[k(K::Esc)],
        Action::StepOut,
        "step out of the focus",
        Title("out"),
    ),
    b(
        Claims,
        &[k(K::Backspace)],
        Action::Back,
        "step out of the focus; with none, step back along the path",
        Unnamed,
    ),
    b(
        Panes,
        &[c('J')],
        Action::ScrollEntryDown,
        "scroll a Sources entry longer than its pane down",
        Unnamed,
    ),
    b(
        Panes,
        &[c('K')],
        Action::ScrollEntryUp,
        "scroll a Sources entry longer than its pane up",
        Unnamed,
    ),
    b(
        Panes,
        &[c('E')],
        Action::Edit,
        "edit the file in $VISUAL/$EDITOR at the selection (or its first problem)",
        Title("edit"),
    ),
    b(
        Panes,
        &[c('R')],
        Action::ShowReport,
        "show the problems of the file as last read (its last good version shows)",
        Title("report"),
    ),
    b(
        Panes,
        &[c('S')],
        Action::ToggleStatus,
        "show or hide whether each claim stands, falls or is open",
        Title("status"),
    ),
    b(
        Panes,
        &[c('x')],
        Action::SetAside,
        "what if: suppose the selected claim fails (again: bring it back)",
        Title("what if"),
    ),
    b(
        Panes,
        &[c('w')],
        Action::GoToDecider,
        "go to a claim that decides its label (Ctrl-o back; w again: the next)",
        Title("why"),
    ),
    b(
        Panes,
        &[c('y')],
        Action::Copy,
        "copy the selected claim or quote with its citation (speaker, source, url)",
        Footer("copy"),
    ),
    b(
        Panes,
        &[c('Y')],
        Action::CopyId,
        "copy the selected claim's id",
        Unnamed,
    ),
    b(
        Panes,
        &[c('o')],
        Action::OpenExport,
        "open the file last exported in $PAGER (less without it)",
        Title("open it"),
    ),
    b(
        Path,
        &[k(K::Esc), c('q')],
        Action::Close,
        "close the path",
        Footer("close"),
    ),
    b(
        Path,
        &[k(K::Down), c('j')],
        Action::Down,
        "next step",
        Footer("move"),
    ),
    b(
        Path,
        &[k(K::Up), c('k')],
        Action::Up,
        "previous step",
        Unnamed,
    ),
    b(
        Path,
        &[k(K::PageDown), ctrl('f'), c(' ')],
        Action::PageDown,
        "page down",
        Unnamed,
    ),
    b(
        Path,
        &[k(K::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
        Unnamed,
    ),
    b(
        Path,
        &[ctrl('d')],
        Action::HalfPageDown,
        "half a page down",
        Unnamed,
    ),
    b(
        Path,
        &[ctrl('u')],
        Action::HalfPageUp,
        "half a page up",
        Unnamed,
    ),
    b(
        Path,
        &[c('d'), k(K::Delete)],
        Action::RemoveStep,
        "remove the selected step",
        Footer("remove"),
    ),
    b(
        Path,
        &[k(K::Enter)],
        Action::Follow,
        "go to the selected step",
        Footer("go"),
    ),
    b(
        Path,
        &[c('e')],
        Action::Export,
        "export the path to a Markdown file",
        Footer("export"),
    ),
    b(
        Path,
        &[c('u')],
        Action::Undo,
        "undo the last change to the path",
        Footer("undo"),
    ),
    b(
        Path,
        &[ctrl('r')],
        Action::Redo,
        "redo the change last undone",
        Unnamed,
    ),
    b(
        Prompt,
        &[k(K::Enter)],
        Action::Follow,
        "write the file",
        Footer("write"),
    ),
    b(
        Prompt,
        &[k(K::Backspace)],
        Action::Erase,
        "delete the character before the cursor",
        Unnamed,
    ),
    b(
        Prompt,
        &[ctrl('u')],
        Action::ClearInput,
        "clear the file name",
        Footer("clear"),
    ),
    b(
        Prompt,
        &[k(K::Esc)],
        Action::Close,
        "cancel: nothing is written",
        Footer("cancel"),
    ),
    b(
        Prompt,
        &[k(K::Left)],
        Action::CursorLeft,
        "move the cursor left",
        Unnamed,
    ),
    b(
        Prompt,
        &[k(K::Right)],
        Action::CursorRight,
        "move the cursor right",
        Unnamed,
    ),
    b(
        Prompt,
        &[k(K::Home), ctrl('a')],
        Action::CursorStart,
        "move the cursor to the start",
        Unnamed,
    ),
    b(
        Prompt,
        &[k(K::End), ctrl('e')],
        Action::CursorEnd,
        "move the cursor to the end",
        Unnamed,
    ),
    b(
        Prompt,
        &[ctrl('w')],
        Action::EraseWord,
        "delete the word before the cursor",
        Unnamed,
    ),
    b(
        Confirm,
        &[c('y'), c('Y')],
        Action::Confirm,
        "replace the file",
        Footer("replace"),
    ),
    b(
        Confirm,
        &[c('n'), c('N')],
        Action::Decline,
        "keep the file and choose another name",
        Footer("choose another name"),
    ),
    b(
        Confirm,
        &[k(K::Esc)],
        Action::Close,
        "cancel: nothing is written",
        Footer("cancel"),
    ),
    b(
        Scope::Quit,
        &[c('q'), c('y'), c('Y')],
        Action::Quit,
        "quit all the same",
        Footer("quit"),
    ),
    b(
        Scope::Quit,
        &[c('e')],
        Action::Export,
        "export the path first",
        Footer("export first"),
    ),
    b(
        Scope::Quit,
        &[c('n'), c('N'), k(K::Esc)],
        Action::Close,
        "stay",
        Footer("stay"),
    ),
    b(
        Search,
        &[k(K::Down), ctrl('n')],
        Action::Down,
        "next result",
        Footer("choose"),
    ),
    b(
        Search,
        &[k(K::Up), ctrl('p')],
        Action::Up,
        "previous result; empty input or a recalled query: the earlier queries",
        Unnamed,
    ),
    // Ctrl-U clears the input here, as in a shell: no half pages.
    b(
        Search,
        &[k(K::PageDown), ctrl('f')],
        Action::PageDown,
        "page down",
        Unnamed,
    ),
    b(
        Search,
        &[k(K::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
        Unnamed,
    ),
    b(
        Search,
        &[k(K::Enter)],
        Action::Follow,
        "go to the result (a quote: its claim, with the quote selected)",
        Footer("go"),
    ),
    b(
        Search,
        &[k(K::Backspace)],
        Action::Erase,
        "delete the last character",
        Unnamed,
    ),
    b(
        Search,
        &[ctrl('u')],
        Action::ClearInput,
        "clear the search",
        Footer("clear"),
    ),
    b(
        Search,
        &[k(K::Esc)],
        Action::Close,
        "close the search",
        Footer("close"),
    ),
    b(
        SourceView,
        &[k(K::Down), c('j')],
        Action::Down,
        "scroll down",
        Footer("scroll"),
    ),
    b(
        SourceView,
        &[k(K::Up), c('k')],
        Action::Up,
        "scroll up",
        Unnamed,
    ),
    b(
        SourceView,
        &[k(K::PageDown), c(' '), ctrl('f')],
        Action::PageDown,
        "page down",
        Unnamed,
    ),
    b(
        SourceView,
        &[k(K::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
        Unnamed,
    ),
    b(
        SourceView,
        &[ctrl('d')],
        Action::HalfPageDown,
        "half a page down",
        Unnamed,
    ),
    b(
        SourceView,
        &[ctrl('u')],
        Action::HalfPageUp,
        "half a page up",
        Unnamed,
    ),
    b(
        SourceView,
        &[c('g'), k(K::Home)],
        Action::Top,
        "go to the top",
        Unnamed,
    ),
    b(
        SourceView,
        &[c('G'), k(K::End)],
        Action::Bottom,
        "go to the end",
        Unnamed,
    ),
    b(
        SourceView,
        &[c('n'), k(K::Tab)],
        Action::NextPassage,
        "next quoted passage",
        Footer("next quote"),
    ),
    b(
        SourceView,
        &[c('N'), k(K::BackTab)],
        Action::PreviousPassage,
        "previous quoted passage",
        Footer("prev"),
    ),
    b(
        SourceView,
        &[k(K::Enter)],
        Action::Follow,
        "go to the claim that quotes this passage",
        Footer("claim"),
    ),
    b(
        SourceView,
        &[k(K::Backspace)],
        Action::Close,
        "back to where you were",
        Footer("back"),
    ),
    b(
        SourceView,
        &[c('q')],
        Action::Close,
        "close the source view",
        Unnamed,
    ),
    b(
        SourceView,
        &[c('/')],
        Action::Search,
        "search the source's text (case and accents folded)",
        Footer("search"),
    ),
    b(
        SourceView,
        &[c('t')],
        Action::ToggleTranslation,
        "show or hide the current passage's translation under the text",
        Footer("translation"),
    ),
    b(
        SourceMatches,
        &[c('n')],
        Action::NextMatch,
        "next match of the search",
        Footer("next match"),
    ),
    b(
        SourceMatches,
        &[c('N')],
        Action::PreviousMatch,
        "previous match of the search",
        Footer("prev match"),
    ),
    b(
        SourceMatches,
        &[k(K::Esc)],
        Action::EndFind,
        "end the search: n and N walk the quoted passages again",
        Footer("end search"),
    ),
    b(
        SourceSearch,
        &[k(K::Enter)],
        Action::Follow,
        "keep the search: n and N go to its matches",
        Footer("keep"),
    ),
    b(
        SourceSearch,
        &[k(K::Esc)],
        Action::EndFind,
        "cancel the search",
        Footer("cancel"),
    ),
    b(
        SourceSearch,
        &[k(K::Backspace)],
        Action::Erase,
        "delete the last character",
        Unnamed,
    ),
    b(
        SourceSearch,
        &[ctrl('u')],
        Action::ClearInput,
        "clear the search",
        Unnamed,
    ),
    b(
        Help,
        &[k(K::Down), c('j')],
        Action::Down,
        "scroll down",
        Unnamed,
    ),
    b(Help, &[k(K::Up), c('k')], Action::Up, "scroll up", Unnamed),
    b(
        Help,
        &[k(K::PageDown), c(' '), ctrl('f')],
        Action::PageDown,
        "page down",
        Unnamed,
    ),
    b(
        Help,
        &[k(K::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
        Unnamed,
    ),
    b(
        Help,
        &[ctrl('d')],
        Action::HalfPageDown,
        "half a page down",
        Unnamed,
    ),
    b(
        Help,
        &[ctrl('u')],
        Action::HalfPageUp,
        "half a page up",
        Unnamed,
    ),
    b(
        Help,
        &[c('g'), k(K::Home)],
        Action::Top,
        "go to the top",
        Unnamed,
    ),
    b(
        Help,
        &[c('G'), k(K::End)],
        Action::Bottom,
        "go to the end",
        Unnamed,
    ),
    b(
        Help,
        &[k(K::Esc), c('q')],
        Action::Close,
        "close the help",
        Footer("close"),
    ),
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

/// The action of `key` in `scope`: in an input a character is typed; else the scope's
/// own binding first, then a global one, unless the scope keeps characters to itself.
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
    find(scope)
        .or_else(|| scope.within().and_then(find))
        .or_else(|| {
            if scope.keeps_characters() && is_text(key) {
                None
            } else {
                find(Global)
            }
        })
}

/// The first key of `b` that does its action where `scope` is in force: none when
/// the scope reads the keys otherwise.
fn working_key(b: &'static Binding, scope: Scope) -> Option<(&'static Binding, Key)> {
    let key = b
        .keys
        .iter()
        .copied()
        .find(|&key| action_for(key, scope).as_ref() == Some(&b.action))?;
    Some((b, key))
}

/// The bindings of `scope`, of the scope it lies within, and the global ones, the
/// scope's own first.
fn in_force(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    let of = move |s: Scope| BINDINGS.iter().filter(move |b| b.scope == s);
    let within = scope.within().into_iter().flat_map(of);
    of(scope)
        .chain(within)
        .chain(of(Global).filter(move |_| scope != Global))
}

/// The bindings the footer names where `scope` is in force, its own first, then the
/// global ones that work there and do what none of its own does; each with the key
/// shown.
pub fn hints(scope: Scope) -> impl Iterator<Item = (&'static Binding, Key)> {
    let own = move |action: &Action| {
        BINDINGS
            .iter()
            .any(|b| b.scope == scope && scope != Global && b.action == *action)
    };
    in_force(scope)
        .filter(|b| matches!(b.hint, Footer(_)))
        .filter(move |b| b.scope == scope || !own(&b.action))
        .filter_map(move |b| working_key(b, scope))
}

/// The footer's hints by importance, the essential first: where the footer cannot
/// name them all, these are the last to go. Those not listed come after, in the
/// table's order.
pub const FOOTER_PRIORITY: &[Action] = &[
    Action::Follow,
    Action::Search,
    Action::NextPane,
    Action::Down,
    Action::Unfold,
    Action::Back,
    Action::AddToPath,
    Action::ShowPath,
    Action::Copy,
    Action::Export,
    Action::Undo,
    Action::Focus,
    Action::JumpBack,
];

/// Whether a key does `action` somewhere: the reader's own actions, as against those
/// the shell reports.
pub fn binds(action: &Action) -> bool {
    BINDINGS.iter().any(|b| b.action == *action)
}

/// Where a hint for `action` stands in [`FOOTER_PRIORITY`]: lower stays longer.
pub fn footer_rank(action: &Action) -> usize {
    FOOTER_PRIORITY
        .iter()
        .position(|a| a == action)
        .unwrap_or(FOOTER_PRIORITY.len())
}

/// The binding and the key that do `action` where `scope` is in force: the scope's
/// own first, and among them a named one first.
pub fn binding_for(scope: Scope, action: &Action) -> Option<(&'static Binding, Key)> {
    in_force(scope)
        .filter(|b| b.action == *action)
        .filter_map(|b| working_key(b, scope))
        .min_by_key(|(b, _)| (b.scope != scope, b.hint.name().is_none()))
}

/// How the key that does `action` where `scope` is in force is written, for a
/// sentence that names it ("Enter on a claim starts one").
pub fn key_for(scope: Scope, action: &Action) -> String {
    binding_for(scope, action).map_or_else(String::new, |(_, key)| key_label(key))
}

/// The key and the name of `action` where `scope` is in force, for a title or a
/// question ("Enter", "go").
pub fn named(scope: Scope, action: &Action) -> Option<(String, &'static str)> {
    let (b, key) = binding_for(scope, action)?;
    Some((key_label(key), b.hint.name()?))
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
    /// What the tree's marks mean: relations and references.
    Legend,
    /// What the tree's marks mean: folds.
    Folds,
    /// The marks of whether a claim stands.
    Marks,
    Blank,
    Heading(Scope),
    /// How a search query is written, under the search popup's heading.
    SearchSyntax,
    /// The `status:` filters, below that.
    StatusSyntax,
    Binding(&'static Binding),
}

pub fn help_lines() -> Vec<HelpLine> {
    let mut out = vec![
        HelpLine::Sides,
        HelpLine::Legend,
        HelpLine::Folds,
        HelpLine::Marks,
    ];
    for scope in SCOPES {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(scope));
        if scope == Scope::Search {
            out.push(HelpLine::SearchSyntax);
            out.push(HelpLine::StatusSyntax);
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
        assert_eq!(action_for(ctrl('c'), SourceView), Some(Action::QuitNow));
        assert_eq!(action_for(c('z'), Panes), None);
        // In the search popup, characters are text, even those bound elsewhere.
        assert_eq!(action_for(c('q'), Search), Some(Action::Type('q')));
        assert_eq!(action_for(c('?'), Search), Some(Action::Type('?')));
        assert_eq!(action_for(ctrl('u'), Search), Some(Action::ClearInput));
        assert_eq!(action_for(ctrl('c'), Search), Some(Action::QuitNow));
        assert_eq!(action_for(k(K::Backspace), Search), Some(Action::Erase));
        // The question before replacing a file reads its answers and nothing else.
        assert_eq!(action_for(c('Y'), Confirm), Some(Action::Confirm));
        assert_eq!(action_for(c('n'), Confirm), Some(Action::Decline));
        assert_eq!(action_for(c('q'), Confirm), None);
        assert_eq!(action_for(c('?'), Confirm), None);
        assert_eq!(action_for(ctrl('c'), Confirm), Some(Action::QuitNow));
        assert_eq!(action_for(k(K::Esc), Confirm), Some(Action::Close));
        // The question before quitting: `q` again or `y` quits, `n` or Esc stays,
        // Ctrl-C quits as everywhere; other keys do nothing.
        for key in [c('q'), c('y'), c('Y')] {
            assert_eq!(action_for(key, Scope::Quit), Some(Action::Quit), "{key:?}");
        }
        for key in [c('n'), c('N'), k(K::Esc)] {
            assert_eq!(action_for(key, Scope::Quit), Some(Action::Close), "{key:?}");
        }
        assert_eq!(action_for(c('e'), Scope::Quit), Some(Action::Export));
        assert_eq!(action_for(ctrl('c'), Scope::Quit), Some(Action::QuitNow));
        assert_eq!(action_for(c('?'), Scope::Quit), None);
        assert_eq!(action_for(c('j'), Scope::Quit), None);
    }

    #[test]
    fn keys_are_named_where_they_work() {
        // Of the two keys that quit, the one the footer names; in an input, the other.
        assert_eq!(key_for(Global, &Action::Quit), "q");
        assert_eq!(key_for(Panes, &Action::Quit), "q");
        assert_eq!(key_for(Search, &Action::Quit), "");
        assert_eq!(key_for(Search, &Action::QuitNow), "Ctrl-c");
        // A scope's own binding before a global one.
        assert_eq!(
            named(Prompt, &Action::Close),
            Some(("Esc".into(), "cancel"))
        );
        assert_eq!(named(Path, &Action::Close), Some(("Esc".into(), "close")));
        let footer: Vec<_> = hints(Search).map(|(_, key)| key_label(key)).collect();
        assert_eq!(footer, ["↓", "Enter", "Ctrl-u", "Esc"]);
    }

    #[test]
    fn the_issue_s_keys_are_all_bound() {
        for (key, action) in [
            (k(K::Tab), Action::NextPane),
            (k(K::BackTab), Action::PreviousPane),
            (c('g'), Action::Top),
            (c('G'), Action::Bottom),
            (k(K::PageUp), Action::PageUp),
            (k(K::PageDown), Action::PageDown),
            (k(K::Enter), Action::Follow),
            (k(K::Backspace), Action::Back),
            (c('?'), Action::Help),
            (k(K::Esc), Action::Close),
            (c('/'), Action::Search),
            (c('u'), Action::Undo),
            (ctrl('o'), Action::JumpBack),
            (ctrl('i'), Action::JumpForward),
            (ctrl('n'), Action::JumpForward),
            (ctrl('d'), Action::HalfPageDown),
            (ctrl('u'), Action::HalfPageUp),
            (ctrl('f'), Action::PageDown),
            (ctrl('b'), Action::PageUp),
            (c(' '), Action::PageDown),
        ] {
            assert_eq!(action_for(key, Panes), Some(action), "{key:?}");
        }
        // The tree's keys in the Claims pane, the panes' ones there too.
        for (key, action) in [
            (c('l'), Action::Unfold),
            (k(K::Right), Action::Unfold),
            (c('h'), Action::Fold),
            (k(K::Left), Action::Fold),
            (c(' '), Action::Toggle),
            (c('*'), Action::UnfoldSubtree),
            (c('L'), Action::UnfoldAll),
            (c('H'), Action::FoldAll),
            (c('f'), Action::Focus),
            (k(K::Esc), Action::StepOut),
            (k(K::Backspace), Action::Back),
            (k(K::Tab), Action::NextPane),
            (c('j'), Action::Down),
            (ctrl('d'), Action::HalfPageDown),
            (ctrl('f'), Action::PageDown),
            (c('q'), Action::Quit),
        ] {
            assert_eq!(action_for(key, Claims), Some(action), "{key:?}");
        }
        // Outside the Claims pane, the arrows across and h, l do nothing.
        for key in [c('h'), c('l'), k(K::Left), k(K::Right)] {
            assert_eq!(action_for(key, Panes), None, "{key:?}");
        }
        // Every list pages.
        for scope in [Panes, Path, Help, SourceView] {
            for (key, action) in [
                (ctrl('d'), Action::HalfPageDown),
                (ctrl('u'), Action::HalfPageUp),
                (ctrl('f'), Action::PageDown),
                (ctrl('b'), Action::PageUp),
            ] {
                assert_eq!(action_for(key, scope), Some(action), "{key:?} in {scope:?}");
            }
        }
        assert_eq!(action_for(ctrl('f'), Search), Some(Action::PageDown));
        assert_eq!(action_for(ctrl('u'), Search), Some(Action::ClearInput));
    }

    #[test]
    fn labels_read_well() {
        assert_eq!(key_label(ctrl('c')), "Ctrl-c");
        assert_eq!(key_label(k(K::BackTab)), "Shift-Tab");
        assert_eq!(key_label(c('?')), "?");
    }
}
