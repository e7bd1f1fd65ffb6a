//! Exporting the path: the prompt for the file name, and the question before a file
//! is replaced.

use std::path::PathBuf;

use crate::app::keymap::{Scope, key_for};
use crate::app::{Action, App, Effect, Exported, Overlay};
use crate::domain::export::{self, plural};

/// Asking for the export's file name, and for a yes before replacing a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub input: String,
    /// Where the cursor stands in `input`: a byte offset on a character boundary.
    pub cursor: usize,
    /// The file exists: waiting for a yes (replace it) or a no (choose another name).
    pub confirm: bool,
    /// Why the last write failed.
    pub error: Option<String>,
}

impl ExportPrompt {
    /// Applies an editing key to the input at the cursor; whether it was one. The
    /// cursor moves by characters and always stays on a character boundary.
    pub fn edit(&mut self, action: &Action) -> bool {
        let at = self.cursor.min(self.input.len());
        let before = |s: &str| s[..at].chars().next_back().map_or(0, char::len_utf8);
        match action {
            Action::Type(c) => {
                self.input.insert(at, *c);
                self.cursor = at + c.len_utf8();
            }
            Action::Erase => {
                let n = before(&self.input);
                self.input.replace_range(at - n..at, "");
                self.cursor = at - n;
            }
            Action::EraseWord => {
                let start = word_start(&self.input[..at]);
                self.input.replace_range(start..at, "");
                self.cursor = start;
            }
            Action::ClearInput => {
                self.input.clear();
                self.cursor = 0;
            }
            Action::CursorLeft => self.cursor = at - before(&self.input),
            Action::CursorRight => {
                self.cursor = at + self.input[at..].chars().next().map_or(0, char::len_utf8);
            }
            Action::CursorStart => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.input.len(),
            _ => return false,
        }
        true
    }
}

/// Where the word before the end of `s` starts, as Ctrl-W in a shell finds it: spaces
/// skipped back, then back to the previous `/` or space (a path's last part goes first).
fn word_start(s: &str) -> usize {
    let trimmed = s.trim_end_matches([' ', '/']);
    trimmed.rfind([' ', '/']).map_or(0, |i| i + 1)
}

impl App {
    /// Asks for the file name, offering one made from the debate's title.
    pub(crate) fn ask_export(&mut self) {
        if self.path.is_empty() {
            self.status = Some(format!(
                "The path is empty: {} on a claim starts one, {} adds a claim",
                key_for(Scope::Panes, &Action::Follow),
                key_for(Scope::Panes, &Action::AddToPath),
            ));
            return;
        }
        let input = export::default_file_name(&self.debate);
        self.overlay = Overlay::Export(ExportPrompt {
            cursor: input.len(),
            input,
            confirm: false,
            error: None,
        });
    }

    /// A key in the export prompt.
    pub(crate) fn update_export(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Export(p) = &mut self.overlay else {
            return None;
        };
        if p.confirm {
            return match action {
                Action::Confirm => Some(self.export_effect(true)),
                Action::Decline => {
                    p.confirm = false;
                    None
                }
                _ => None,
            };
        }
        let edited = p.edit(&action);
        if edited {
            p.error = None;
            return None;
        }
        match action {
            Action::Follow if p.input.trim().is_empty() => {
                p.error = Some(String::from("Type a file name"));
            }
            Action::Follow => return Some(self.export_effect(false)),
            _ => {}
        }
        None
    }

    /// Writing the path's document to the prompt's file.
    fn export_effect(&self, replace: bool) -> Effect {
        let file = match &self.overlay {
            Overlay::Export(p) => PathBuf::from(p.input.trim()),
            _ => PathBuf::new(),
        };
        Effect::Export {
            file,
            document: export::markdown(&self.debate, &self.standing, &self.path),
            replace,
        }
    }

    /// The shell wrote (or could not write) the export.
    pub(crate) fn exported(&mut self, outcome: Exported) {
        let prompt = match &mut self.overlay {
            Overlay::Export(p) => Some(p),
            _ => None,
        };
        match (outcome, prompt) {
            (Exported::Written(at), _) => {
                if matches!(self.overlay, Overlay::Export(_)) {
                    self.overlay = Overlay::None;
                }
                self.path_was_exported();
                self.status = Some(format!(
                    "Wrote the path ({}) to {} · {} opens it",
                    plural(self.path.len(), "step"),
                    at.display(),
                    key_for(Scope::Panes, &Action::OpenExport)
                ));
                self.last_export = Some(at);
            }
            (Exported::Exists, Some(p)) => p.confirm = true,
            (Exported::Failed(why), Some(p)) => {
                p.confirm = false;
                p.error = Some(why);
            }
            (Exported::Exists, None) => {
                self.status = Some(String::from("Not exported: the file exists"));
            }
            (Exported::Failed(why), None) => self.status = Some(format!("Not exported: {why}")),
        }
    }
}
