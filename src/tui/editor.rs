//! The editor's command line: `$VISUAL` or `$EDITOR`, split as a shell splits words,
//! with the file and the line in the syntax of the editor it names.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The editor the user chose: `$VISUAL`, else `$EDITOR`, as written (it may hold
/// arguments: `code --wait`, `emacs -nw`); `None` when neither is set to anything.
pub fn chosen() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty())
}

/// How an editor is told the line to open a file at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// `+LINE FILE`: vi, vim, nvim, helix, nano, emacs, micro, kak.
    Plus,
    /// `--wait -g FILE:LINE`: VS Code and VSCodium, which otherwise return at once.
    Goto,
    /// Just `FILE`: an editor whose syntax is not known.
    Unknown,
}

/// The syntax of the program `program` names, by its file name.
fn syntax(program: &str) -> Syntax {
    let name = Path::new(program)
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let name = name.strip_suffix(".exe").unwrap_or(&name);
    match name {
        "vi" | "vim" | "nvim" | "gvim" | "hx" | "helix" | "nano" | "emacs" | "emacsclient"
        | "micro" | "kak" => Syntax::Plus,
        "code" | "codium" | "code-insiders" | "vscodium" => Syntax::Goto,
        _ => Syntax::Unknown,
    }
}

/// The command line that opens `file` at `line` (1-based) in `editor`, the program
/// first. A file whose name starts like an option is given as `./NAME`. An `editor`
/// that cannot be split (an unclosed quote) or holds no word is an error that says so.
pub fn command_line(
    editor: &str,
    file: &Path,
    line: Option<usize>,
) -> Result<Vec<OsString>, String> {
    let words = shell_words::split(editor)
        .map_err(|e| format!("the editor `{editor}` cannot be read as a command: {e}"))?;
    let Some(program) = words.first() else {
        return Err(String::from("the editor is set to nothing"));
    };
    let file = plain_file(file);
    let mut out: Vec<OsString> = words.iter().map(OsString::from).collect();
    match (syntax(program), line) {
        (Syntax::Plus, Some(n)) => {
            out.push(format!("+{n}").into());
            out.push(file.into());
        }
        (Syntax::Goto, n) => {
            if !words.iter().any(|w| w == "--wait" || w == "-w") {
                out.push("--wait".into());
            }
            match n {
                Some(n) => {
                    out.push("-g".into());
                    let mut at = file.into_os_string();
                    at.push(format!(":{n}"));
                    out.push(at);
                }
                None => out.push(file.into()),
            }
        }
        (Syntax::Plus | Syntax::Unknown, _) => out.push(file.into()),
    }
    Ok(out)
}

/// `file`, made unable to pass for an option or a line number: `./-x.yaml`.
fn plain_file(file: &Path) -> PathBuf {
    let s = file.as_os_str().to_string_lossy();
    if s.starts_with('-') || s.starts_with('+') {
        Path::new(".").join(file)
    } else {
        file.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(editor: &str, file: &str, n: Option<usize>) -> Vec<String> {
        command_line(editor, Path::new(file), n)
            .expect("a command line")
            .into_iter()
            .map(|s| s.into_string().expect("UTF-8"))
            .collect()
    }

    #[test]
    fn terminal_editors_take_plus_line_then_the_file() {
        for e in [
            "vi", "vim", "nvim", "hx", "helix", "nano", "emacs", "micro", "kak",
        ] {
            assert_eq!(
                line(e, "debate.yaml", Some(14)),
                [e, "+14", "debate.yaml"],
                "{e}"
            );
        }
        assert_eq!(
            line("/usr/bin/nvim", "d.yaml", Some(3)),
            ["/usr/bin/nvim", "+3", "d.yaml"]
        );
    }

    #[test]
    fn arguments_in_the_variable_are_kept_in_front() {
        assert_eq!(
            line("emacs -nw", "d.yaml", Some(7)),
            ["emacs", "-nw", "+7", "d.yaml"]
        );
        assert_eq!(
            line("'/opt/my editors/vim' -u NONE", "d.yaml", Some(2)),
            ["/opt/my editors/vim", "-u", "NONE", "+2", "d.yaml"]
        );
    }

    #[test]
    fn vs_code_waits_and_goes_to_file_colon_line() {
        assert_eq!(
            line("code", "d.yaml", Some(9)),
            ["code", "--wait", "-g", "d.yaml:9"]
        );
        // Already told to wait: not twice.
        assert_eq!(
            line("code --wait", "d.yaml", Some(9)),
            ["code", "--wait", "-g", "d.yaml:9"]
        );
        assert_eq!(
            line("codium -w", "d.yaml", None),
            ["codium", "-w", "d.yaml"]
        );
    }

    #[test]
    fn an_unknown_editor_gets_the_file_only() {
        assert_eq!(line("ed", "d.yaml", Some(4)), ["ed", "d.yaml"]);
        assert_eq!(
            line("my-editor --flag", "d.yaml", Some(4)),
            ["my-editor", "--flag", "d.yaml"]
        );
        assert_eq!(line("vim", "d.yaml", None), ["vim", "d.yaml"]);
    }

    #[test]
    fn a_file_named_like_an_option_cannot_pass_for_one() {
        assert_eq!(
            line("vim", "-c quit.yaml", Some(1)),
            ["vim", "+1", "./-c quit.yaml"]
        );
        assert_eq!(line("nano", "+5.yaml", None), ["nano", "./+5.yaml"]);
    }

    #[test]
    fn an_editor_that_cannot_be_split_says_so() {
        let e = command_line("vim 'unclosed", Path::new("d.yaml"), Some(1)).unwrap_err();
        assert!(e.contains("vim 'unclosed"), "{e}");
        assert!(command_line("   ", Path::new("d.yaml"), None).is_err());
    }
}
