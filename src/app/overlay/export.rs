//! Exporting the path: the prompt for the file name, and the question before a file
//! is replaced.

use std::path::PathBuf;

use crate::app::keymap::{Scope, key_for};
use crate::app::{Action, App, Effect, Exported, Overlay};
use crate::domain::export;

/// Asking for the export's file name, and for a yes before replacing a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub input: String,
    /// The file exists: waiting for a yes (replace it) or a no (choose another name).
    pub confirm: bool,
    /// Why the last write failed.
    pub error: Option<String>,
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
        self.overlay = Overlay::Export(ExportPrompt {
            input: export::default_file_name(&self.debate),
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
        match action {
            Action::Type(c) => {
                p.input.push(c);
                p.error = None;
            }
            Action::Erase => {
                p.input.pop();
                p.error = None;
            }
            Action::ClearInput => p.input.clear(),
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
                    "Wrote the path ({} steps) to {}",
                    self.path.len(),
                    at.display()
                ));
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
