//! The overlays drawn over the panes, each in its file with its state and the
//! handler of its keys.

mod export;
mod help;
mod path;
mod search;
mod source;

pub use export::ExportPrompt;
pub use search::{ResultRow, SearchView};
pub use source::{SourceFind, SourceView, TranslationPanel, line_at};

use crate::app::ListPos;

/// What is open over the panes, if anything: it takes the keys while it is open.
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
    /// The question before quitting with a path never exported.
    Quit,
}
