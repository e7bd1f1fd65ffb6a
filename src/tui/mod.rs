//! The terminal shell: takes the terminal over, turns events into actions, draws, and
//! gives the terminal back on every way out (quit, Ctrl-C, SIGTERM, SIGHUP, a panic).

pub mod export;
mod input;
pub mod loading;
pub mod suspend;

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use crate::app::search::Worker;
use crate::app::{Action, App, Effect, Overlay, keymap};
use crate::domain::LoadError;
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

/// Waits for the debate from `loading`, with a progress screen if it takes a while,
/// then runs the explorer until the user quits or a signal asks it to stop. A load that
/// fails quickly leaves the terminal untouched.
pub fn run(loading: loading::Loading, no_color: bool) -> io::Result<Ended> {
    let mut input = Input::open()?;
    let quick = match loading.quick()? {
        Some(Err(e)) => return Ok(Ended::Failed(e)),
        Some(Ok(loaded)) => Some(loaded),
        None => None,
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
        let (debate, index, tree) = match quick {
            Some(loaded) => loaded,
            None => match loading
                .wait(&mut terminal, no_color, &mut input)
                // A draw that failed because the terminal is gone: a hang-up, seen late.
                .or_else(|e| input.lost(e).map(|()| Err(Ended::Interrupted)))?
            {
                Ok(loaded) => loaded,
                Err(ended) => return Ok(ended),
            },
        };
        event_loop(&mut terminal, (debate, index, tree), no_color, &mut input)
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

fn event_loop(
    terminal: &mut DefaultTerminal,
    (debate, index, tree): loading::Ready,
    no_color: bool,
    input: &mut Input,
) -> io::Result<()> {
    let size = terminal.size()?;
    let size = Rect::new(0, 0, size.width, size.height);
    let mut app = App::with_tree(debate, index, tree, size);
    app.no_color = no_color;
    // For the end-to-end tests: a panic once the explorer is drawn, on this thread or,
    // with `thread`, on another one while this one goes on.
    if let Some(how) = std::env::var_os("DEBATE_TUI_TEST_PANIC") {
        draw(terminal, &mut app)?;
        if how == "thread" {
            std::thread::spawn(|| panic!("test panic requested by DEBATE_TUI_TEST_PANIC"));
        } else {
            panic!("test panic requested by DEBATE_TUI_TEST_PANIC");
        }
    }
    let worker = Worker::start(Arc::clone(&app.index));
    loop {
        draw(terminal, &mut app)?;
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
                && carry_out(terminal, &mut app, action, &worker)?.is_break()
            {
                return Ok(());
            }
        }
        while let Some(results) = worker.try_recv() {
            app.update(Action::SearchResults(results));
        }
    }
}

/// Draws a frame. The app lays the screen out for the size it knows, so a frame of
/// another size (the terminal resized, its event not read yet) is told to it first.
fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    terminal.draw(|f| {
        let area = f.area();
        if area != app.size {
            app.update(Action::Resize(area.width, area.height));
        }
        f.render_widget(&*app, area);
    })?;
    Ok(())
}

fn searching(app: &App) -> bool {
    matches!(&app.overlay, Overlay::Search(v) if v.searching())
}

/// Applies an action and carries out what the app asks for in return.
fn carry_out(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    action: Action,
    worker: &Worker,
) -> io::Result<ControlFlow<()>> {
    Ok(match app.update(action) {
        Some(Effect::Quit) => ControlFlow::Break(()),
        Some(Effect::Suspend) => {
            suspend::suspend(terminal)?;
            ControlFlow::Continue(())
        }
        Some(Effect::Search { generation, input }) => {
            worker.submit(generation, input);
            ControlFlow::Continue(())
        }
        Some(Effect::Export {
            file,
            document,
            replace,
        }) => {
            let outcome = export::write(&file, &document, replace);
            return carry_out(terminal, app, Action::Exported(outcome), worker);
        }
        None => ControlFlow::Continue(()),
    })
}
