//! Loading a debate beside the terminal: a thread of its own reads, validates and
//! indexes it and builds its tree, while the shell shows how far it has come.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind};
use ratatui::DefaultTerminal;

use super::input::{Input, Next};
use super::{Ended, suspend};
use crate::app::{Action, keymap};
use crate::cli;
use crate::domain::graph::status::Status;
use crate::domain::graph::tree::Tree;
use crate::domain::load::progress::Progress;
use crate::domain::search::Index;
use crate::domain::{Debate, Diagnostic, LoadError};
use crate::ui::LoadingScreen;

/// A debate ready to explore: its search index and its tree, and what its import
/// could not carry over, for the status line.
pub struct Opened {
    pub debate: Debate,
    pub index: Index,
    pub tree: Tree,
    pub status: Status,
    pub warnings: Vec<Diagnostic>,
}

/// What the loading thread hands over: the debate ready to explore, or why not.
pub type Loaded = Result<Opened, LoadError>;

/// What is being opened, for the progress screen.
#[derive(Debug, Clone)]
pub struct Opening {
    pub name: String,
    pub bytes: u64,
}

/// A load that takes longer than this gets a progress screen.
const QUIET_LOAD: Duration = Duration::from_millis(150);

/// A debate being loaded on a thread of its own.
pub struct Loading {
    outcome: Receiver<Loaded>,
    progress: Arc<Progress>,
    opening: Opening,
    file: Option<PathBuf>,
    allow_outside: bool,
}

impl Loading {
    /// Starts loading `file` (the built-in debate without one) and indexing it.
    pub fn start(file: Option<PathBuf>, allow_outside: bool) -> Loading {
        let opening = Opening {
            name: file.as_ref().map_or_else(
                || String::from("the built-in debate"),
                |f| f.display().to_string(),
            ),
            bytes: file
                .as_ref()
                .and_then(|f| std::fs::metadata(f).ok())
                .map_or(0, |m| m.len()),
        };
        let progress = Arc::new(Progress::default());
        let (tx, outcome) = mpsc::channel();
        let shared = Arc::clone(&progress);
        let opened = file.clone();
        std::thread::spawn(move || {
            let loaded = cli::load_with(file.as_ref(), allow_outside, &shared).map(|l| {
                let debate = l.debate;
                // The tree and the labels on a thread of their own, beside the index.
                let (mut index, (tree, status)) = std::thread::scope(|s| {
                    let other = s.spawn(|| (Tree::new(&debate), Status::of(&debate)));
                    let index = Index::new_with(&debate, &shared);
                    match other.join() {
                        Ok(done) => (index, done),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                });
                index.set_labels(&debate, &status);
                Opened {
                    debate,
                    index,
                    tree,
                    status,
                    warnings: l.warnings,
                }
            });
            let _ = tx.send(loaded);
        });
        Loading {
            outcome,
            progress,
            opening,
            file: opened,
            allow_outside,
        }
    }

    /// The same file loaded again, from the start, as it is on disk now.
    pub fn again(&self) -> Loading {
        Loading::start(self.file.clone(), self.allow_outside)
    }

    /// The outcome if it has come, without waiting.
    pub(super) fn try_take(&self) -> Option<io::Result<Loaded>> {
        match self.outcome.try_recv() {
            Ok(loaded) => Some(Ok(loaded)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(stopped())),
        }
    }

    /// The debate's file as the user named it (for the built-in debate, a phrase).
    pub(super) fn name(&self) -> &str {
        &self.opening.name
    }

    /// The debate file being opened; none for the built-in debate.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The outcome if it comes within [`QUIET_LOAD`], so that a quick load (or a quick
    /// failure) never shows a progress screen; `None` if it takes longer.
    pub(super) fn quick(&self) -> io::Result<Option<Loaded>> {
        match self.outcome.recv_timeout(QUIET_LOAD) {
            Ok(loaded) => Ok(Some(loaded)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(stopped()),
        }
    }

    /// Shows the progress screen until the debate arrives, the load fails, or the user
    /// stops it.
    pub(super) fn wait(
        &self,
        terminal: &mut DefaultTerminal,
        no_color: bool,
        input: &mut Input,
    ) -> io::Result<Result<Opened, Ended>> {
        let started = Instant::now();
        loop {
            let screen = LoadingScreen {
                name: &self.opening.name,
                bytes: self.opening.bytes,
                progress: self.progress.snapshot(),
                elapsed: started.elapsed(),
                no_color,
            };
            terminal.draw(|f| f.render_widget(&screen, f.area()))?;
            match input.next(Duration::from_millis(50))? {
                Next::Event(Event::Key(k))
                    if k.kind != KeyEventKind::Release
                        && matches!(
                            keymap::action_for(keymap::key_of(k), keymap::Scope::Global),
                            Some(Action::Quit | Action::QuitNow | Action::Close)
                        ) =>
                {
                    return Ok(Err(Ended::Interrupted));
                }
                Next::Stop | Next::HangUp => return Ok(Err(Ended::Interrupted)),
                Next::Suspend => suspend::suspend(terminal)?,
                Next::Resumed => suspend::resume(terminal)?,
                Next::Event(_) | Next::Idle => {}
            }
            match self.outcome.try_recv() {
                Ok(Ok(loaded)) => return Ok(Ok(loaded)),
                Ok(Err(e)) => return Ok(Err(Ended::Failed(e))),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => return Err(stopped()),
            }
        }
    }
}

/// The loading thread ended without a word: it panicked.
fn stopped() -> io::Error {
    io::Error::other("loading stopped unexpectedly")
}
