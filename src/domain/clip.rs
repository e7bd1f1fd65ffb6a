//! What the explorer copies to the clipboard: a claim or a quote with its citation, as
//! plain text that is safe to hand to a terminal (which carries it to the clipboard).

use super::graph::model::{Debate, NodeId, Quote};
use super::text::is_unsafe;

/// The most text copied at once, in bytes. Terminals and tmux cap what an OSC 52
/// sequence may carry (xterm and tmux at about 100 KB of base64); beyond this the text
/// is cut, and the status line says so.
pub const MAX_BYTES: usize = 64 * 1024;

/// A text made fit for the clipboard: every escape sequence removed whole (CSI, OSC,
/// DCS and the other strings, 7-bit or C1), then every character [`is_unsafe`] judges
/// unsafe (controls, bidirectional overrides, invisible ones) removed, but line breaks;
/// tabs and line separators become spaces. Nothing in the result can act on a
/// terminal, or on a shell it is pasted into, but a line break.
pub fn for_clipboard(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push(c),
            // A tab pasted into a shell completes a word: a space is safe anywhere.
            '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                // ESC and one character: a two-character sequence.
                Some(_) => {
                    chars.next();
                }
                None => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Skips a control sequence's parameters and its final character (`@` to `~`).
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) || (c.is_control() && c != '\u{1b}') {
            return;
        }
    }
}

/// Skips a string sequence (OSC, DCS, SOS, PM, APC) up to its terminator: BEL, ST
/// (`ESC \` or U+009C), or the end of the text.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

/// `text` cut to at most [`MAX_BYTES`] on a character boundary; whether it was cut.
pub fn capped(text: String) -> (String, bool) {
    if text.len() <= MAX_BYTES {
        return (text, false);
    }
    let mut end = MAX_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (text[..end].to_string(), true)
}

/// "— speaker, source title, url" for a quote: the parts it has.
fn attribution(debate: &Debate, q: &Quote) -> String {
    let source = debate.sources.get(q.source as usize);
    let parts: Vec<&str> = [
        q.speaker.as_deref(),
        source.map(|s| s.title.as_str()),
        source.and_then(|s| s.url.as_deref()),
    ]
    .into_iter()
    .flatten()
    .filter(|p| !p.trim().is_empty())
    .collect();
    format!("— {}", parts.join(", "))
}

/// A node's text with a line per quote (its speaker, source and url) and per source it
/// cites (title and url).
pub fn node(debate: &Debate, node: NodeId) -> String {
    let mut out = debate.text_of(node).to_string();
    for q in debate.quotes_of(node) {
        out.push('\n');
        out.push_str(&attribution(debate, q));
    }
    for &s in debate.cites_of(node) {
        let Some(src) = debate.sources.get(s as usize) else {
            continue;
        };
        out.push_str("\n— ");
        out.push_str(&src.title);
        if let Some(url) = &src.url {
            out.push_str(", ");
            out.push_str(url);
        }
    }
    out
}

/// Entry `k` of a node's Sources pane: a quote in quotation marks with its speaker,
/// source and url (and its translation); past the quotes, a cited source's title, url
/// and excerpt. `None` when there is no such entry.
pub fn entry(debate: &Debate, node: NodeId, k: usize) -> Option<String> {
    let quotes = debate.quotes_of(node);
    if let Some(q) = quotes.get(k) {
        let mut out = format!("“{}”\n{}", q.text, attribution(debate, q));
        if let Some(t) = &q.translation {
            out.push_str("\nTranslation: ");
            out.push_str(t);
        }
        return Some(out);
    }
    let s = *debate.cites_of(node).get(k - quotes.len())?;
    let src = debate.sources.get(s as usize)?;
    let mut out = src.title.clone();
    for extra in [&src.url, &src.excerpt].into_iter().flatten() {
        out.push('\n');
        out.push_str(extra);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_never_reach_the_clipboard() {
        let hostile = "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{1b}[31mc\u{1b}[0m\u{9b}2Jd\u{9d}0;title\u{9c}e\
                       \u{1b}P+q\u{1b}\\f\u{7}g\u{8}h\u{7f}i\u{85}j\u{202e}k\r\nl\tm\u{1b}";
        let clean = for_clipboard(hostile);
        assert_eq!(clean, "abcdefghijk\nl m");
        assert!(
            !clean
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
        );
    }

    #[test]
    fn an_unterminated_string_sequence_ends_the_text_and_plain_text_is_kept() {
        assert_eq!(for_clipboard("x\u{1b}]0;never ends"), "x");
        let plain = "Fin dall’uscita di LLaMA — “Meta” 漢字 👍🏽";
        assert_eq!(for_clipboard(plain), plain);
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let (short, cut) = capped("abc".into());
        assert_eq!((short.as_str(), cut), ("abc", false));
        let long = "é".repeat(MAX_BYTES);
        let (text, cut) = capped(long);
        assert!(cut && text.len() <= MAX_BYTES && text.chars().all(|c| c == 'é'));
    }
}
