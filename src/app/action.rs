//! The whole vocabulary of the explorer: what a user can ask for, and what the shell
//! must do on the app's behalf.

/// The three panes of the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Claims,
    Rebuttals,
    Sources,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Claims, Pane::Rebuttals, Pane::Sources];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Claims => "Claims",
            Pane::Rebuttals => "Rebuttals",
            Pane::Sources => "Sources",
        }
    }

    pub fn next(self) -> Pane {
        match self {
            Pane::Claims => Pane::Rebuttals,
            Pane::Rebuttals => Pane::Sources,
            Pane::Sources => Pane::Claims,
        }
    }

    pub fn previous(self) -> Pane {
        match self {
            Pane::Claims => Pane::Sources,
            Pane::Rebuttals => Pane::Claims,
            Pane::Sources => Pane::Rebuttals,
        }
    }
}

use std::path::PathBuf;

use super::search::Results;
use crate::domain::session::Session;

/// Everything that changes the explorer's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    NextPane,
    PreviousPane,
    /// Follow the selected link, open the selected quote, or go to a passage's claim.
    Follow,
    /// One step back along the path.
    Back,
    NextPassage,
    PreviousPassage,
    Help,
    /// Open the search popup (with the last query, selected).
    Search,
    /// Go to the next result of the last search, without the popup.
    NextResult,
    /// Go to the previous result of the last search, without the popup.
    PreviousResult,
    /// Add the selected claim to the path, linked or as a jump.
    AddToPath,
    /// Show the path's steps.
    ShowPath,
    /// Remove the selected step from the path.
    RemoveStep,
    /// Export the path: ask for a file name.
    Export,
    /// Yes to the question before an export replaces a file.
    Confirm,
    /// No to that question: back to the file name.
    Decline,
    /// A character typed into the input.
    Type(char),
    /// Delete the last character of the input.
    Erase,
    /// Empty the input.
    ClearInput,
    /// Close the open overlay.
    Close,
    /// Quit; first a question if the path was never exported.
    Quit,
    /// Quit without a question (the path is remembered all the same).
    QuitNow,
    /// Undo the last change to the path.
    Undo,
    /// Redo the change to the path last undone.
    Redo,
    /// Start a new path at the selected claim; the old one can be had back by undoing.
    NewPath,
    /// Go back to where the last jump left from.
    JumpBack,
    /// Go forward again to where a jump back left from.
    JumpForward,
    /// Show or hide whether each claim stands, falls or is open.
    ToggleStatus,
    /// Set the selected claim aside (suppose it fails) and work every label out
    /// again; on a claim set aside, bring it back.
    SetAside,
    /// Go to a claim that decides the selected node's label (again, from the same
    /// node: the next one).
    GoToDecider,
    /// Hand the terminal back to the shell and stop, until `fg` continues.
    Suspend,
    /// Unfold the selected node; on an unfolded one, go to its first claim; on a
    /// reference, go to the claim in full.
    Unfold,
    /// Fold the selected node; on a folded one or a leaf, go to the node above.
    Fold,
    /// Fold or unfold the selected node.
    Toggle,
    /// Fold every claim of the tree (or of the focus).
    FoldAll,
    /// Unfold the whole tree (or the focus).
    UnfoldAll,
    /// Unfold the selected node and everything below it.
    UnfoldSubtree,
    /// Make the selected node's subtree the whole Claims pane.
    Focus,
    /// Step out of the focus.
    StepOut,
    /// The next place the source view's search found (the previous one).
    NextMatch,
    PreviousMatch,
    /// End the source view's search: its marks go, n and N walk passages again.
    EndFind,
    /// Show or hide, under the source's text, the translation of the current passage.
    ToggleTranslation,
    /// Scroll the Sources pane's selected entry down or up a line, when it is longer
    /// than the pane.
    ScrollEntryDown,
    ScrollEntryUp,
    /// Internal: go to a place of the tree (a node, in its focus), unfolding what
    /// hides it; what a jump list comes back with.
    GoTo(super::tree::Place),
    /// Internal: the terminal has a new size (columns, rows).
    Resize(u16, u16),
    /// Internal: a left click at a cell (column, row).
    ClickAt(u16, u16),
    /// Internal: the mouse wheel at a cell (column, row), down (`true`) or up.
    ScrollAt(u16, u16, bool),
    /// Internal: results from the search worker.
    SearchResults(Results),
    /// Internal: the search index, built after the first frame.
    IndexReady(super::indexing::Indexed),
    /// Internal: the thread building the search index ended without it.
    IndexLost,
    /// Internal: how writing an export went.
    Exported(Exported),
    /// Internal: what was remembered of this debate from an earlier run, or why it was
    /// set aside.
    Restore(Result<Session, String>),
    /// Internal: the path and selection could not be remembered; why.
    NotRemembered(String),
    /// Move the input's cursor one character left.
    CursorLeft,
    /// Move the input's cursor one character right.
    CursorRight,
    /// Move the input's cursor to the start.
    CursorStart,
    /// Move the input's cursor to the end.
    CursorEnd,
    /// Delete the word before the input's cursor.
    EraseWord,
    /// Copy the selected claim or quote, with its citation, to the clipboard.
    Copy,
    /// Copy the selected node's id to the clipboard.
    CopyId,
    /// Open the last file exported in the pager.
    OpenExport,
    /// Internal: a left click at a cell (column, row), at a time in milliseconds on
    /// the shell's clock: two on the same row in a short while are a double click.
    ClickAtTime(u16, u16, u64),
    /// Internal: how opening a file in the pager went (what to say).
    Paged(Result<String, String>),
    /// Open the debate file in the user's editor at what is selected.
    Edit,
    /// Show the problems of the version of the file last read.
    ShowReport,
    /// Internal: how handing the file to the editor went (`Err`: why not, or how it
    /// ended).
    Edited(Result<(), String>),
}

/// Where the editor opens the debate file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditAt {
    /// At a node, or at one of its quotes (an index into its quotes).
    Node(crate::domain::NodeId, Option<usize>),
    /// At a line (1-based).
    Line(usize),
}

/// How writing an export went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// Written, at this (absolute) path.
    Written(PathBuf),
    /// The file exists; nothing was written.
    Exists,
    /// The write failed; the message says why. Nothing was written.
    Failed(String),
}

/// Work the shell carries out for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Give the terminal back and stop the process until it is continued.
    Suspend,
    /// Search for `input`; the results come back as [`Action::SearchResults`] for
    /// `generation`.
    Search {
        generation: u64,
        input: String,
    },
    /// Write `document` to `file` atomically, replacing an existing file only if
    /// `replace`; the outcome comes back as [`Action::Exported`].
    Export {
        file: PathBuf,
        document: String,
        replace: bool,
    },
    /// Put `text` on the clipboard through the terminal (OSC 52). The shell makes it
    /// safe first: control characters and escape sequences never reach the terminal.
    Copy {
        text: String,
    },
    /// Hand the terminal to the pager on `file` and take it back when it ends; how it
    /// went comes back as [`Action::Paged`].
    Page {
        file: PathBuf,
    },
    /// Hand the terminal to the user's editor on the debate file, then read the file
    /// again; how it went comes back as [`Action::Edited`].
    Edit(EditAt),
}
