//! Live reload and editing: the debate's files watched (`watch.rs`), each change read
//! again on the loading thread (`loading.rs`) while the explorer goes on taking keys,
//! and the outcome handed to the app; and the debate file handed to the user's editor
//! at what is selected (`editor.rs`, `handover.rs`).

use std::io;
use std::path::Path;
use std::process::Command;

use ratatui::DefaultTerminal;

use super::editor;
use super::handover::run_outside;
use std::sync::Arc;
use std::sync::mpsc::TryRecvError;

use super::loading::{Loading, Opened};
use super::watch::{Watch, files_of};
use crate::app::keymap::{Scope, key_for};
use crate::app::{Action, EditAt};
use crate::domain::search::Index;
use crate::domain::text::visible;
use crate::domain::{Debate, LoadError, import, load};

/// What a reload came to.
pub enum Reloaded {
    /// A good version, ready to explore, with its search index: a reload takes the old
    /// version's place only once the new one can be searched.
    Opened(Box<(Opened, Arc<Index>)>),
    /// A version with problems: the last good one stays.
    Failed(LoadError),
    /// The watch failed; changes are no longer seen.
    WatchFailed(String),
}

/// The reloads of a debate file: a change seen while a reload runs is read once that
/// one ends, so that a burst of saves makes one or two reloads, not one each.
pub struct Reloader {
    /// The first load, which every reload repeats; `None` for the built-in debate.
    first: Option<Loading>,
    watch: Option<Watch>,
    running: Option<Loading>,
    /// A good version read, waiting for its search index.
    indexing: Option<Opened>,
    /// A change came that no reload has read yet.
    pending: bool,
}

impl Reloader {
    /// Watches the files `loading` read, `debate` the outcome; nothing for the
    /// built-in debate. Why changes will not be seen, if they will not.
    pub fn new(loading: Loading, debate: &Debate) -> (Reloader, Option<String>) {
        let first = loading.file().is_some().then_some(loading);
        let mut r = Reloader {
            first,
            watch: None,
            running: None,
            indexing: None,
            pending: false,
        };
        let why = r.watch_files(debate);
        (r, why)
    }

    /// The debate file, if there is one.
    pub fn file(&self) -> Option<&Path> {
        self.first.as_ref().and_then(Loading::file)
    }

    /// Whether a version newer than the one shown is being read, or waits to be: the
    /// positions of the shown version may no longer be those of the file.
    pub fn reading(&self) -> bool {
        self.pending || self.running.is_some() || self.indexing.is_some()
    }

    /// Reads the file again as soon as no reload runs.
    pub fn request(&mut self) {
        self.pending = self.first.is_some();
    }

    /// Watches the files `debate` is read from, if they are not those watched already;
    /// why not, if the system cannot.
    pub fn watch_files(&mut self, debate: &Debate) -> Option<String> {
        let file = self.file()?;
        let files = files_of(file, debate);
        if self.watch.as_ref().is_some_and(|w| *w.files() == files) {
            return None;
        }
        self.watch = None;
        match Watch::start(files) {
            Ok(w) => {
                self.watch = Some(w);
                None
            }
            Err(e) => Some(format!("Changes to the file will not be seen: {e}")),
        }
    }

    /// Looks at the watch and at the reload that runs, without waiting. A finished
    /// reload is handed over only when `apply` (the app can take it now); one that
    /// ended while a newer change waited is dropped for a reload of that change.
    pub fn poll(&mut self, apply: bool) -> io::Result<Option<Reloaded>> {
        if let Some(w) = &self.watch {
            match w.changed() {
                Ok(changed) => self.pending |= changed,
                Err(e) => {
                    self.watch = None;
                    return Ok(Some(Reloaded::WatchFailed(e)));
                }
            }
        }
        if let Some(opened) = &self.indexing {
            if self.pending {
                // A newer change: this version will not be shown.
                self.indexing = None;
            } else if !apply {
                return Ok(None);
            } else {
                return match opened.index.try_recv() {
                    Ok(index) => {
                        let opened = self.indexing.take().expect("a version waiting");
                        Ok(Some(Reloaded::Opened(Box::new((opened, index)))))
                    }
                    Err(TryRecvError::Empty) => Ok(None),
                    Err(TryRecvError::Disconnected) => {
                        self.indexing = None;
                        Err(io::Error::other("indexing stopped unexpectedly"))
                    }
                };
            }
        }
        if let Some(running) = &self.running {
            if !apply {
                return Ok(None);
            }
            let Some(outcome) = running.try_take() else {
                return Ok(None);
            };
            self.running = None;
            if !self.pending {
                match outcome? {
                    Ok(opened) => {
                        self.indexing = Some(opened);
                        return self.poll(apply);
                    }
                    Err(e) => return Ok(Some(Reloaded::Failed(e))),
                }
            }
        }
        if self.pending
            && let Some(first) = &self.first
        {
            self.pending = false;
            self.running = Some(first.again());
        }
        Ok(None)
    }
}

/// Hands the terminal to the user's editor on `file`, at `at`, and takes it back. What
/// comes back is for the app: `Err` says why no editor ran, or how it ended. The outer
/// error is the terminal's.
pub fn edit(
    terminal: &mut DefaultTerminal,
    file: Option<&Path>,
    at: EditAt,
) -> io::Result<Result<(), String>> {
    let Some(file) = file else {
        return Ok(Err(String::from(
            "The built-in debate is part of the program and cannot be edited: open a file, debate-tui FILE",
        )));
    };
    let name = visible(&file.to_string_lossy()).into_owned();
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => return Ok(Err(format!("{name} cannot be read: {e}"))),
    };
    if let Some(format) = import::detect_named(&file.to_string_lossy(), &text) {
        return Ok(Err(not_edited(&name, format)));
    }
    let Some(chosen) = editor::chosen() else {
        return Ok(Err(format!(
            "No editor is set: set VISUAL or EDITOR (export EDITOR=nano, say), then press {} again",
            key_for(Scope::Panes, &Action::Edit)
        )));
    };
    let line = match at {
        EditAt::Line(n) => Some(n),
        EditAt::Node(node, quote) => load::line_of(&text, node, quote),
    };
    let words = match editor::command_line(&chosen, file, line) {
        Ok(w) => w,
        Err(e) => return Ok(Err(format!("Cannot start the editor: {}", visible(&e)))),
    };
    let mut command = Command::new(&words[0]);
    command.args(&words[1..]);
    let program = visible(&words[0].to_string_lossy()).into_owned();
    Ok(match run_outside(terminal, &mut command)? {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("The editor {program} ended with {status}")),
        Err(e) => Err(format!("Cannot start the editor {program}: {e}")),
    })
}

/// Why `E` waits: the file changed and its new version is not shown yet.
pub fn not_yet() -> String {
    format!(
        "The file changed and is being read again: {} opens it at the selection once the new version shows",
        key_for(Scope::Panes, &Action::Edit)
    )
}

/// Why `E` does not open a file of another tool's format.
fn not_edited(name: &str, format: import::Format) -> String {
    format!(
        "{name} was imported ({}): it is edited where it was written (debate-tui import turns it into format v1, which {} edits)",
        format.name(),
        key_for(Scope::Panes, &Action::Edit)
    )
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    #[test]
    fn an_imported_file_is_named_with_its_format() {
        let said = not_edited("m.json", import::Format::Aif);
        assert!(said.starts_with("m.json was imported (AIF): "), "{said}");
        assert!(said.ends_with("which E edits)"), "{said}");
        let said = not_edited("k.txt", import::Format::Kialo);
        assert!(
            said.starts_with("k.txt was imported (Kialo export): "),
            "{said}"
        );
    }

    use super::*;
    use crate::domain::builtin::{DEBATE_YAML, FILES};

    /// Polls `r` until `until` says stop, or fails after a generous while.
    fn poll_until(r: &mut Reloader, mut until: impl FnMut(Option<Reloaded>) -> bool) {
        let end = Instant::now() + Duration::from_secs(60);
        loop {
            if until(r.poll(true).expect("the loading thread")) {
                return;
            }
            assert!(Instant::now() < end, "no end in sight");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The built-in debate written as a file in `dir`, loaded and watched.
    fn watched_copy(dir: &Path) -> (std::path::PathBuf, Reloader) {
        let file = dir.join("debate.yaml");
        std::fs::create_dir(dir.join("sources")).unwrap();
        for (name, text) in FILES {
            std::fs::write(dir.join(name), text).unwrap();
        }
        std::fs::write(&file, DEBATE_YAML).unwrap();
        let first = Loading::start(Some(file.clone()), false);
        let opened = loop {
            if let Some(outcome) = first.try_take() {
                break outcome.unwrap().unwrap();
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let (r, unwatched) = Reloader::new(first, &opened.debate);
        assert_eq!(unwatched, None);
        (file, r)
    }

    #[test]
    fn a_burst_of_saves_makes_a_few_reloads_and_ends_on_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let (file, mut r) = watched_copy(dir.path());
        let title = "title: \"Meta, open source and alignment\"";
        assert!(DEBATE_YAML.contains(title));
        for k in 1..=100 {
            let text = DEBATE_YAML.replacen(title, &format!("title: \"Version {k}\""), 1);
            std::fs::write(&file, text).unwrap();
        }
        // Every reload handed over, until the last version comes and nothing follows
        // for a while.
        let mut titles = Vec::new();
        let mut quiet_since = None;
        poll_until(&mut r, |outcome| {
            match outcome {
                Some(Reloaded::Opened(o)) => {
                    titles.push(o.0.debate.title.clone());
                    quiet_since = None;
                }
                Some(Reloaded::Failed(e)) => panic!("a version with problems: {e}"),
                Some(Reloaded::WatchFailed(e)) => panic!("the watch failed: {e}"),
                None => {}
            }
            if titles.last().map(String::as_str) != Some("Version 100") {
                return false;
            }
            let since = *quiet_since.get_or_insert_with(Instant::now);
            since.elapsed() > Duration::from_secs(1)
        });
        assert!(
            !r.reading(),
            "nothing is read once the last version is shown"
        );
        eprintln!("100 saves, {} reloads handed over", titles.len());
        assert!(titles.len() <= 10, "{} reloads: {titles:?}", titles.len());
        assert_eq!(titles.last().map(String::as_str), Some("Version 100"));
    }

    /// `reading` is true from the moment a change is seen until its version is handed
    /// over, so that `E` does not open the file at a line of the version shown.
    #[test]
    fn reading_lasts_from_the_change_until_its_version_is_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let (file, mut r) = watched_copy(dir.path());
        assert!(!r.reading());
        let title = "title: \"Meta, open source and alignment\"";
        std::fs::write(&file, DEBATE_YAML.replacen(title, "title: \"Changed\"", 1)).unwrap();
        let mut seen = false;
        let mut handed = false;
        let end = Instant::now() + Duration::from_secs(60);
        while !handed {
            assert!(Instant::now() < end, "no reload in sight");
            let outcome = r.poll(true).expect("the loading thread");
            seen |= r.reading();
            handed = matches!(outcome, Some(Reloaded::Opened(_)));
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(seen, "the change was being read before it was handed over");
        assert!(!r.reading());
    }
}
