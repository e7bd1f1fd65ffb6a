//! The terminal shell: takes the terminal over, turns events into actions, draws, and
//! gives the terminal back on every way out (quit, Ctrl-C, SIGTERM, SIGHUP, a panic).

pub mod clipboard;
mod editor;
pub mod export;
pub mod handover;
mod input;
pub mod loading;
mod reload;
pub mod state;
pub mod suspend;
mod watch;

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use crate::app::indexing::Indexed;
use crate::app::search::Worker;
use crate::app::{Action, App, Effect, Overlay, keymap};
use crate::domain::LoadError;
use crate::domain::search::Index;
use input::{Input, Next};
use reload::{Reloaded, Reloader};
use state::Store;

/// How often the loop wakes to look at signals when no event comes.
const TICK: Duration = Duration::from_millis(100);
/// How often it looks for search results while a search runs.
const SEARCH_TICK: Duration = Duration::from_millis(4);
/// How often it looks for the search index while a search waits for it: often enough
/// that the search follows at once, seldom enough not to take the cores building it.
const INDEX_TICK: Duration = Duration::from_millis(25);

/// Turns a terminal event into an action, through the key table.
pub fn action_of(ev: &Event, app: &App) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            keymap::action_for(keymap::key_of(*k), app.scope())
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                Some(Action::ClickAtTime(m.column, m.row, since_start()))
            }
            MouseEventKind::ScrollDown => Some(Action::ScrollAt(m.column, m.row, true)),
            MouseEventKind::ScrollUp => Some(Action::ScrollAt(m.column, m.row, false)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Milliseconds since the shell first asked: the clock clicks are timed by.
fn since_start() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_millis() as u64
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
    /// The user quit.
    Quit,
    /// A signal (its number) asked the explorer to stop: the process exits with
    /// 128 + that number, as a shell reports a process a signal ended.
    Signalled(i32),
    /// The debate could not be loaded; nothing was explored.
    Failed(LoadError),
    /// The user (or a signal) stopped the loading.
    Interrupted,
}

/// Waits for the debate from `loading`, with a progress screen if it takes a while,
/// then runs the explorer until the user quits or a signal asks it to stop. A load that
/// fails quickly leaves the terminal untouched.
pub fn run(loading: loading::Loading, no_color: bool) -> io::Result<Ended> {
    let store = Store::for_debate(loading.file());
    let mut not_remembered = None;
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
    let name = loading.name().to_owned();
    let result = execute!(io::stdout(), EnableMouseCapture).and_then(|()| {
        let opened = match quick {
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
        let shell = Shell {
            store: store.as_ref(),
            no_color,
            name: &name,
            from_file: loading.file().is_some(),
        };
        event_loop(&mut terminal, opened, loading, shell, &mut input)
            .or_else(|e| input.lost(e).map(|()| None))
            .map(|note| {
                not_remembered = note;
                input.stopped_by().map_or(Ended::Quit, Ended::Signalled)
            })
    });
    if input.gone() {
        // Nothing left to restore, and every write to the terminal fails.
        input::let_go();
    } else {
        release_extras();
        ratatui::restore();
        let _ = io::stdout().flush();
    }
    if let Some(why) = not_remembered {
        eprintln!("debate-tui: the path and selection were not remembered: {why}");
    }
    result
}

/// What the shell holds beside the app.
#[derive(Clone, Copy)]
struct Shell<'a> {
    /// Where this debate's path and selection are remembered, if anywhere.
    store: Option<&'a Store>,
    no_color: bool,
    /// Whether the debate comes from a file rather than being the built-in one.
    from_file: bool,
    /// The debate's file as the user named it, for messages.
    name: &'a str,
}

impl Shell<'_> {
    /// Remembers the app's path and selection; why not, when that fails.
    fn remember(&self, app: &App) -> Option<String> {
        self.store?.save(&app.session()).err()
    }
}

/// Runs the explorer until it ends, however it ends (a quit, a signal, the terminal
/// gone), then remembers its path and selection: why not, if that failed. `loading`
/// is the load that opened it, repeated to read the file again when it changes.
fn event_loop(
    terminal: &mut DefaultTerminal,
    opened: loading::Opened,
    loading: loading::Loading,
    shell: Shell,
    input: &mut Input,
) -> io::Result<Option<String>> {
    let size = terminal.size()?;
    let loading::Opened {
        debate,
        tree,
        status,
        warnings,
        index,
    } = opened;
    let size = Rect::new(0, 0, size.width, size.height);
    let mut app = App::opening(debate, tree, status, size);
    app.no_color = shell.no_color;
    app.say_warnings(&warnings, shell.name);
    app.remembers = shell.store.is_some();
    app.from_file = shell.from_file;
    if let Some(saved) = shell.store.and_then(Store::load) {
        app.update(Action::Restore(saved));
    }
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
    let (mut reloader, unwatched) = Reloader::new(loading, &app.debate);
    if let Some(why) = unwatched {
        app.status = Some(why);
    }
    let explored = explore(terminal, &mut app, shell, &index, &mut reloader, input);
    let note = shell.remember(&app);
    explored.map(|()| note)
}

/// Draws, reads events and carries out what they ask, until the explorer ends. The
/// search worker starts when the search index arrives from `index`.
fn explore(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    shell: Shell,
    index: &Receiver<Arc<Index>>,
    reloader: &mut Reloader,
    input: &mut Input,
) -> io::Result<()> {
    let mut worker: Option<Worker> = None;
    loop {
        if worker.is_none() && app.indexing() {
            match index.try_recv() {
                Ok(index) => {
                    let started = Worker::start(Arc::clone(&index));
                    if let Some(Effect::Search { generation, input }) =
                        app.update(Action::IndexReady(Indexed(index)))
                    {
                        started.submit(generation, input);
                    }
                    worker = Some(started);
                }
                Err(TryRecvError::Empty) => {}
                // The thread building it panicked before the explorer's panic hook was
                // in place (which would have ended the explorer): search says so
                // rather than waiting for ever.
                Err(TryRecvError::Disconnected) => {
                    app.update(Action::IndexLost);
                }
            }
        }
        draw(terminal, app)?;
        // Handle every event already waiting before drawing again.
        let mut wait = match (searching(app), app.indexing()) {
            (true, false) => SEARCH_TICK,
            (true, true) => INDEX_TICK,
            (false, _) => TICK,
        };
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
            let Some(action) = action_of(&ev, app) else {
                continue;
            };
            let handed_over = matches!(action, Action::Edit | Action::OpenExport);
            if carry_out(terminal, app, action, worker.as_ref(), reloader, shell)?.is_break() {
                return Ok(());
            }
            if handed_over {
                // A stop while the editor or the pager had the terminal was theirs.
                input.forget_stops();
            }
        }
        while let Some(results) = worker.as_ref().and_then(Worker::try_recv) {
            app.update(Action::SearchResults(results));
        }
        if let Some(reloaded) = reloader.poll(app.takes_reload())? {
            take_reload(app, reloaded, &mut worker, reloader, shell);
        }
    }
}

/// Hands a reload's outcome to the app; a new version gets a search worker of its own
/// and its files watched.
fn take_reload(
    app: &mut App,
    reloaded: Reloaded,
    worker: &mut Option<Worker>,
    reloader: &mut Reloader,
    shell: Shell,
) {
    match reloaded {
        Reloaded::Opened(opened) => {
            let (
                loading::Opened {
                    debate,
                    tree,
                    status,
                    warnings,
                    ..
                },
                index,
            ) = *opened;
            app.reload(debate, Arc::clone(&index), tree, status, shell.name);
            // What an import could not carry over, said again after what the reload kept.
            let reloaded = app.status.take();
            app.say_warnings(&warnings, shell.name);
            app.status = match (reloaded, app.status.take()) {
                (Some(r), Some(w)) => Some(format!("{r} · {w}")),
                (r, w) => r.or(w),
            };
            *worker = Some(Worker::start(index));
            if let Some(why) = reloader.watch_files(&app.debate) {
                app.status = Some(why);
            }
        }
        Reloaded::Failed(e) => app.reload_failed(&e, shell.name),
        Reloaded::WatchFailed(why) => {
            app.status = Some(format!("Changes to the file are no longer seen: {why}"));
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
    worker: Option<&Worker>,
    reloader: &mut Reloader,
    shell: Shell,
) -> io::Result<ControlFlow<()>> {
    Ok(match app.update(action) {
        Some(Effect::Quit) => ControlFlow::Break(()),
        Some(Effect::Suspend) => {
            suspend::suspend(terminal)?;
            ControlFlow::Continue(())
        }
        // The app asks for no search before the index (and the worker) are there.
        Some(Effect::Search { generation, input }) => {
            if let Some(worker) = worker {
                worker.submit(generation, input);
            }
            ControlFlow::Continue(())
        }
        Some(Effect::Export {
            file,
            document,
            replace,
        }) => {
            let outcome = export::write(&file, &document, replace);
            let written = matches!(outcome, crate::app::Exported::Written(_));
            let flow = carry_out(
                terminal,
                app,
                Action::Exported(outcome),
                worker,
                reloader,
                shell,
            )?;
            // An export is a moment worth remembering: the path is saved with it.
            if written && let Some(why) = shell.remember(app) {
                app.update(Action::NotRemembered(why));
            }
            return Ok(flow);
        }
        Some(Effect::Copy { text }) => {
            clipboard::copy(&text)?;
            ControlFlow::Continue(())
        }
        Some(Effect::Page { file }) => {
            let (mut command, name) = export::pager(&file, std::env::var_os("PAGER"));
            let ran = handover::run_outside(terminal, &mut command)?;
            let said = export::paged(&file, &name, ran);
            return carry_out(terminal, app, Action::Paged(said), worker, reloader, shell);
        }
        Some(Effect::Edit(at)) => {
            // The line is found by the shown version's positions: not while a newer
            // version, whose claims may have moved, is being read.
            let outcome = if reloader.reading() {
                Err(reload::not_yet())
            } else {
                reload::edit(terminal, reloader.file(), at)?
            };
            if outcome.is_ok() {
                reloader.request();
            }
            return carry_out(
                terminal,
                app,
                Action::Edited(outcome),
                worker,
                reloader,
                shell,
            );
        }
        None => ControlFlow::Continue(()),
    })
}
