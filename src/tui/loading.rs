//! Loading a debate beside the terminal: a thread of its own reads and validates it
//! and builds its tree, while the shell shows how far it has come; the explorer opens
//! then, and the same thread goes on to build the search index, handed over when ready.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind};
use ratatui::DefaultTerminal;

use super::input::{Input, Next};
use super::{Ended, suspend};
use crate::app::{Action, keymap};
use crate::cli;
use crate::domain::graph::status::Status;
use crate::domain::graph::tree::Tree;
use crate::domain::load::{self, progress::Progress};
use crate::domain::search::Index;
use crate::domain::{Debate, Diagnostic, LoadError};
use crate::ui::LoadingScreen;

/// A debate ready to explore: its tree and status, what its import could not carry
/// over (for the status line), and where its search index will arrive.
pub struct Opened {
    pub debate: Arc<Debate>,
    pub tree: Tree,
    pub status: Status,
    pub warnings: Vec<Diagnostic>,
    /// The search index, sent once built (after the first frame).
    pub index: Receiver<Arc<Index>>,
}

/// What is left to do once the explorer can open: the search index.
pub struct IndexJob {
    debate: Arc<Debate>,
    status: Status,
    done: Sender<Arc<Index>>,
}

/// Prepares a loaded debate for its first frame: its tree and its status, each on a
/// thread of its own (together about 50 ms at 100,000 claims). The search index is
/// left to the job returned.
pub fn prepare(loaded: load::Loaded) -> (Opened, IndexJob) {
    let debate = Arc::new(loaded.debate);
    let (tree, status) = std::thread::scope(|s| {
        let tree = s.spawn(|| Tree::new(&debate));
        let status = Status::of(&debate);
        match tree.join() {
            Ok(tree) => (tree, status),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    let (done, index) = mpsc::channel();
    let job = IndexJob {
        debate: Arc::clone(&debate),
        status: status.clone(),
        done,
    };
    let opened = Opened {
        debate,
        tree,
        status,
        warnings: loaded.warnings,
        index,
    };
    (opened, job)
}

impl IndexJob {
    /// Builds the search index on every core, sends it, and gives the memory freed
    /// since the load began back to the system.
    pub fn run(self, progress: &Progress) {
        let mut index = Index::new_with(&self.debate, progress);
        index.set_labels(&self.debate, &self.status);
        drop(self.status);
        // Nobody waits for it when the explorer has ended already.
        let _ = self.done.send(Arc::new(index));
        load::memory::give_back();
    }
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
    /// Starts loading `file` (the built-in debate without one), then indexing it.
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
            match cli::load_with(file.as_ref(), allow_outside, &shared).map(prepare) {
                Ok((opened, job)) => {
                    let _ = tx.send(Ok(opened));
                    job.run(&shared);
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                }
            }
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
