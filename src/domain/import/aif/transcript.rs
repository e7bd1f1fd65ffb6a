//! The analysed text an OVA file carries (OVA3's `text`, OVA2's `analysis.txt`): HTML
//! whose spans mark the locutions, made plain text so that the quotes can be found in
//! it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::json::Transcript;
use crate::domain::text::visible_multiline;

/// The analysed text as plain text, and the document it comes from where the file
/// says.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Analysed {
    pub(super) text: String,
    pub(super) title: Option<String>,
    pub(super) url: Option<String>,
    pub(super) date: Option<String>,
    /// Each span of the HTML with an `id` (`node12`), and where its words stand in
    /// `text`.
    pub(super) spans: Vec<(String, Range<usize>)>,
}

impl Analysed {
    /// The words of each span, by the node id it marks (`id="node12"` or `id="12"`
    /// mark node `12`); the first span of an id counts.
    pub(super) fn words_by_node(&self) -> HashMap<&str, &str> {
        let mut by_node = HashMap::with_capacity(self.spans.len());
        for (id, range) in &self.spans {
            let Some(words) = self.text.get(range.clone()).map(str::trim) else {
                continue;
            };
            if words.is_empty() {
                continue;
            }
            by_node.entry(id.as_str()).or_insert(words);
            if let Some(node) = id.strip_prefix("node") {
                by_node.entry(node).or_insert(words);
            }
        }
        by_node
    }
}

/// The first transcript with text, made plain, with what any of them says of the
/// document; `None` when no transcript has words.
pub(super) fn read(transcripts: Vec<Transcript>) -> Option<Analysed> {
    let mut found = Analysed::default();
    for t in transcripts {
        if found.text.is_empty()
            && let Some(html) = t.html
        {
            // Made visible as it will be shown and written: control characters
            // cannot act on a terminal, and the quotes are checked against this.
            let (text, spans) = plain(&html);
            let visible = visible_multiline(&text);
            // Where no character was replaced, the spans still stand where they were.
            if matches!(visible, Cow::Borrowed(_)) {
                found.spans = spans;
            }
            found.text = visible.into_owned();
        }
        found.title = found.title.or(t.title.map(Into::into));
        found.url = found.url.or(t.url.map(Into::into));
        found.date = found.date.or(t.date.map(Into::into));
    }
    (!found.text.trim().is_empty()).then_some(found)
}

/// Tags that end a line of the text.
const BREAKS: [&str; 5] = ["br", "p", "div", "li", "tr"];

/// `html` as plain text: tags removed (a line break for `<br>` and the end of a
/// paragraph), character references decoded; a `<` or `&` that begins no tag or
/// reference is kept as it is.
pub(super) fn plain(html: &str) -> (String, Vec<(String, Range<usize>)>) {
    let mut out = String::with_capacity(html.len());
    let mut spans = Vec::new();
    // The spans open: their id, if they have one, and where their words start.
    let mut open: Vec<(Option<String>, usize)> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            match tag(rest) {
                Some((name, closing, len)) => {
                    if name.eq_ignore_ascii_case("span") {
                        if !closing {
                            open.push((span_id(&rest[..len]), out.len()));
                        } else if let Some((Some(id), start)) = open.pop() {
                            spans.push((id, start..out.len()));
                        }
                    }
                    let breaks = BREAKS.iter().any(|b| name.eq_ignore_ascii_case(b));
                    if breaks && (closing || name.eq_ignore_ascii_case("br")) {
                        out.push('\n');
                    }
                    rest = &rest[len..];
                }
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            match reference(rest) {
                Some((c, len)) => {
                    out.push(c);
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    (out, spans)
}

/// The `id` of a tag (`<span id="node3" class="x">`), if it has one.
fn span_id(tag: &str) -> Option<String> {
    let at = tag.find(" id=")? + 4;
    let value = &tag[at..];
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &value[1..];
    let end = value.find(quote)?;
    Some(value[..end].to_string())
}

/// The tag at the start of `s` (`<br>`, `</span>`, `<span id="x">`): its name, whether
/// it closes, and its length; `None` when `s` starts no tag.
fn tag(s: &str) -> Option<(&str, bool, usize)> {
    let body = &s[1..];
    let (closing, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    if name_len == 0 || !body.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    // A tag ends before the next `<`: so no `<` is scanned past more than once.
    let end = 1 + s[1..].find(['<', '>'])?;
    (s.as_bytes()[end] == b'>').then_some((&body[..name_len], closing, end + 1))
}

/// The character reference at the start of `s` (`&amp;`, `&#8217;`, `&#x2019;`): the
/// character and the reference's length.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes()[..s.len().min(12)]
        .iter()
        .position(|&b| b == b';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "rsquo" => '’',
            "lsquo" => '‘',
            "rdquo" => '”',
            "ldquo" => '“',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain_text(html: &str) -> String {
        plain(html).0
    }

    #[test]
    fn tags_go_and_references_are_decoded() {
        let (text, spans) = plain(
            r#"<span id="node3_1" class="highlighted">A</span> because <b>B</b><br>C &amp; D&#8217;s &#x2019; &nbsp;<span class='x' id='7'>E<span>F</span></span>"#,
        );
        assert_eq!(text, "A because B\nC & D’s ’ \u{a0}EF");
        let spans: Vec<(&str, &str)> = spans
            .iter()
            .map(|(id, r)| (id.as_str(), &text[r.clone()]))
            .collect();
        assert_eq!(spans, [("node3_1", "A"), ("7", "EF")]);
        assert_eq!(plain_text("<p>one</p><p>two</p>"), "one\ntwo\n");
        // What begins no tag or reference stays.
        assert_eq!(
            plain_text("a < b && c &unknown; <3 &#0; &#xZZ;"),
            "a < b && c &unknown; <3 &#0; &#xZZ;"
        );
        assert_eq!(plain_text("cut <span"), "cut <span");
        assert_eq!(plain_text("<b<i>x</i>"), "<bx");
        // Many `<` that open no tag: read in one pass.
        let many = "<a".repeat(200_000);
        assert_eq!(plain_text(&many), many);
        assert_eq!(plain_text("&"), "&");
        assert_eq!(plain_text("é&amp"), "é&amp");
        assert_eq!(plain_text("&ééééééé;"), "&ééééééé;");
    }
}
