//! The clipboard, through the terminal: an OSC 52 sequence (`ESC ] 52 ; c ; BASE64 BEL`)
//! asks the terminal to set it, which works over SSH and, with tmux's
//! `set-clipboard on` or `allow-passthrough on`, inside tmux. A terminal that does not
//! support it ignores the sequence: nothing tells the explorer whether it did.

use std::io::{self, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::domain::clip::for_clipboard;

/// The OSC 52 sequence that puts `text` on the clipboard. The text is made safe again
/// here, whatever the caller did: only text with no control character and no escape
/// sequence is encoded. Inside tmux, the same sequence follows wrapped for tmux's
/// passthrough (`ESC P tmux; … ESC \`, its ESC doubled), for a tmux that passes
/// sequences through rather than keeping the clipboard itself.
pub fn osc52(text: &str, tmux: bool) -> Vec<u8> {
    let payload = STANDARD.encode(for_clipboard(text));
    let plain = format!("\x1b]52;c;{payload}\x07");
    let mut out = plain.clone().into_bytes();
    if tmux {
        out.extend_from_slice(b"\x1bPtmux;\x1b");
        out.extend_from_slice(plain.as_bytes());
        out.extend_from_slice(b"\x1b\\");
    }
    out
}

/// Carries out [`crate::app::Effect::Copy`]: writes the sequence to the terminal.
pub fn copy(text: &str) -> io::Result<()> {
    let tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    let mut out = io::stdout().lock();
    out.write_all(&osc52(text, tmux))?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_filtered_text_in_base64() {
        let seq = osc52("a\x1b]0;x\x07b\u{9b}31mc\n", false);
        assert_eq!(seq, b"\x1b]52;c;YWJjCg==\x07");
        let wrapped = osc52("abc", true);
        let plain = b"\x1b]52;c;YWJj\x07";
        assert!(wrapped.starts_with(plain));
        assert!(wrapped.ends_with(b"\x1bPtmux;\x1b\x1b]52;c;YWJj\x07\x1b\\"));
    }
}
