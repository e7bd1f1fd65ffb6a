//! The terminal shell: takes the terminal over, turns events into actions, draws, and
//! gives the terminal back on every way out (quit, Ctrl-C, SIGTERM, SIGHUP, a panic).

mod input;
pub mod suspend;

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use crate::app::search::Worker;
use crate::app::{Action, App, Effect, Exported, Overlay, keymap};
use crate::domain::load::progress::Progress;
use crate::domain::search::Index;
use crate::domain::{Debate, LoadError};
use crate::ui::LoadingScreen;
use input::{Input, Next};

/// How often the loop wakes to look at signals when no event comes.
const TICK: Duration = Duration::from_millis(100);
/// How often it looks for search results while a search runs.
const SEARCH_TICK: Duration = Duration::from_millis(4);

/// Turns a terminal event into an action, through the key table.
pub fn action_of(ev: &Event, app: &App) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            keymap::action_for(keymap::key_of(*k), app.scope())
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::ScrollAt(m.column, m.row, true)),
            MouseEventKind::ScrollUp => Some(Action::ScrollAt(m.column, m.row, false)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Undoes what the explorer turned on beyond what `ratatui::restore` undoes: mouse
/// capture, and the hidden cursor (which `ratatui` shows again only when its terminal
/// is dropped, which a panic may never reach).
fn release_extras() {
    let _ = execute!(io::stdout(), DisableMouseCapture, crossterm::cursor::Show);
}

/// What the loading thread hands over: the debate and its search index, or why not.
pub type Loaded = Result<(Debate, Index), LoadError>;

/// What is being opened, for the progress screen.
#[derive(Debug, Clone)]
pub struct Opening {
    pub name: String,
    pub bytes: u64,
}

/// How a run ended.
#[derive(Debug)]
pub enum Ended {
    /// The user quit, or a signal asked the explorer to stop.
    Quit,
    /// The debate could not be loaded; nothing was explored.
    Failed(LoadError),
    /// The user (or a signal) stopped the loading.
    Interrupted,
}

/// A load that takes longer than this gets a progress screen.
const QUIET_LOAD: Duration = Duration::from_millis(150);

/// Waits for the debate from `loading`, with a progress screen if it takes a while,
/// then runs the explorer until the user quits or a signal asks it to stop. A load that
/// fails quickly leaves the terminal untouched.
pub fn run(
    loading: Receiver<Loaded>,
    progress: Arc<Progress>,
    opening: Opening,
    no_color: bool,
) -> io::Result<Ended> {
    let mut input = Input::open()?;
    let quick = match loading.recv_timeout(QUIET_LOAD) {
        Ok(Err(e)) => return Ok(Ended::Failed(e)),
        Ok(Ok(loaded)) => Some(loaded),
        Err(RecvTimeoutError::Timeout) => None,
        Err(RecvTimeoutError::Disconnected) => {
            return Err(io::Error::other("loading stopped unexpectedly"));
        }
    };
    let mut terminal = ratatui::init();
    // ratatui's hook restores raw mode and the alternate screen, then prints the message;
    // mouse capture and the cursor are ours. A panic on any thread (the search worker's
    // too) ends the explorer: it cannot go on drawing in a terminal given back.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Held to the end, so that no other thread draws after the terminal is restored.
        let _drawing_stopped = io::stdout().lock();
        release_extras();
        ratatui_hook(info);
        std::process::exit(101);
    }));
    let result = execute!(io::stdout(), EnableMouseCapture).and_then(|()| {
        let (debate, index) = match quick {
            Some(loaded) => loaded,
            None => match wait(
                &mut terminal,
                &loading,
                &progress,
                &opening,
                no_color,
                &mut input,
            )
            // A draw that failed because the terminal is gone: a hang-up, seen late.
            .or_else(|e| input.lost(e).map(|()| Err(Ended::Interrupted)))?
            {
                Ok(loaded) => loaded,
                Err(ended) => return Ok(ended),
            },
        };
        event_loop(&mut terminal, debate, index, no_color, &mut input)
            .or_else(|e| input.lost(e))
            .map(|()| Ended::Quit)
    });
    if input.gone() {
        // Nothing left to restore, and every write to the terminal fails.
        input::let_go();
    } else {
        release_extras();
        ratatui::restore();
        let _ = io::stdout().flush();
    }
    result
}

/// Shows the progress screen until the debate arrives, the load fails, or the user
/// stops it.
fn wait(
    terminal: &mut DefaultTerminal,
    loading: &Receiver<Loaded>,
    progress: &Progress,
    opening: &Opening,
    no_color: bool,
    input: &mut Input,
) -> io::Result<Result<(Debate, Index), Ended>> {
    let started = Instant::now();
    loop {
        let screen = LoadingScreen {
            name: &opening.name,
            bytes: opening.bytes,
            progress: progress.snapshot(),
            elapsed: started.elapsed(),
            no_color,
        };
        terminal.draw(|f| f.render_widget(&screen, f.area()))?;
        match input.next(Duration::from_millis(50))? {
            Next::Event(Event::Key(k))
                if k.kind != KeyEventKind::Release
                    && matches!(
                        keymap::action_for(keymap::key_of(k), keymap::Scope::Global),
                        Some(Action::Quit | Action::Close)
                    ) =>
            {
                return Ok(Err(Ended::Interrupted));
            }
            Next::Stop | Next::HangUp => return Ok(Err(Ended::Interrupted)),
            Next::Suspend => suspend::suspend(terminal)?,
            Next::Resumed => suspend::resume(terminal)?,
            Next::Event(_) | Next::Idle => {}
        }
        match loading.try_recv() {
            Ok(Ok(loaded)) => return Ok(Ok(loaded)),
            Ok(Err(e)) => return Ok(Err(Ended::Failed(e))),
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                return Err(io::Error::other("loading stopped unexpectedly"));
            }
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    debate: Debate,
    index: Index,
    no_color: bool,
    input: &mut Input,
) -> io::Result<()> {
    let size = terminal.size()?;
    let mut app = App::with_index(debate, index, Rect::new(0, 0, size.width, size.height));
    app.no_color = no_color;
    // For the end-to-end tests: a panic once the explorer is drawn, on this thread or,
    // with `thread`, on another one while this one goes on.
    if let Some(how) = std::env::var_os("DEBATE_TUI_TEST_PANIC") {
        terminal.draw(|f| f.render_widget(&app, f.area()))?;
        if how == "thread" {
            std::thread::spawn(|| panic!("test panic requested by DEBATE_TUI_TEST_PANIC"));
        } else {
            panic!("test panic requested by DEBATE_TUI_TEST_PANIC");
        }
    }
    let worker = Worker::start(Arc::clone(&app.index));
    loop {
        terminal.draw(|f| f.render_widget(&app, f.area()))?;
        // Handle every event already waiting before drawing again.
        let mut wait = if searching(&app) { SEARCH_TICK } else { TICK };
        loop {
            let ev = match input.next(wait)? {
                Next::Event(ev) => ev,
                Next::Idle => break,
                Next::Stop | Next::HangUp => return Ok(()),
                Next::Suspend => {
                    suspend::suspend(terminal)?;
                    break;
                }
                Next::Resumed => {
                    suspend::resume(terminal)?;
                    break;
                }
            };
            wait = Duration::ZERO;
            if let Some(action) = action_of(&ev, &app)
                && carry_out(&mut app, action, &worker).is_break()
            {
                return Ok(());
            }
        }
        while let Some(results) = worker.try_recv() {
            app.update(Action::SearchResults(results));
        }
    }
}

fn searching(app: &App) -> bool {
    matches!(&app.overlay, Overlay::Search(v) if v.searching())
}

/// Applies an action and carries out what the app asks for in return.
fn carry_out(app: &mut App, action: Action, worker: &Worker) -> ControlFlow<()> {
    match app.update(action) {
        Some(Effect::Quit) => ControlFlow::Break(()),
        Some(Effect::Search { generation, input }) => {
            worker.submit(generation, input);
            ControlFlow::Continue(())
        }
        Some(Effect::Export {
            file,
            document,
            replace,
        }) => {
            let outcome = Exported::write(&file, &document, replace);
            carry_out(app, Action::Exported(outcome), worker)
        }
        None => ControlFlow::Continue(()),
    }
}
