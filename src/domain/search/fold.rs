//! Folding for matching: lower case, without accents, one char for each char, so that
//! indices into a folded text are indices into the original; and the mask of the
//! letters a folded text holds.

use crate::domain::load::quote::fold_quote_mark;

use super::matching::FUZZY_CHARS;

/// Folds one character for matching: lower case, without accents. Always one char, so
/// indices into the folded text are indices into the original.
pub fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        // Typographic quotes as quote verification folds them.
        other => fold_quote_mark(other),
    }
}

pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A bit for each of a-z and 0-9 the folded text holds; one bit for anything else.
pub(super) fn mask(folded: &str) -> u64 {
    let mut m = 0u64;
    for c in folded.chars() {
        m |= match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            ' ' => 0,
            _ => 1 << 36,
        };
    }
    m
}

/// The mask bit of each ASCII byte after folding, as [`mask`] gives it.
const ASCII_MASK: [u64; 128] = {
    let mut t = [1u64 << 36; 128];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        t[b] = match c {
            b'a'..=b'z' => 1 << (c - b'a'),
            b'0'..=b'9' => 1 << (26 + c - b'0'),
            b' ' => 0,
            _ => 1 << 36,
        };
        b += 1;
    }
    t
};

/// Appends `text` folded (as [`fold`] does) to `out`, in one pass: runs of ASCII are
/// copied and lowered in bulk. Returns the folded text's [`mask`] and the byte length
/// of its first [`FUZZY_CHARS`] characters.
pub(super) fn fold_into(out: &mut String, text: &str) -> (u64, usize) {
    let start = out.len();
    let bytes = text.as_bytes();
    let mut mask = 0u64;
    let mut chars = 0usize;
    let mut fuzzy_len = None;
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            let at = out.len();
            out.push_str(&text[i..i + run]);
            out[at..].make_ascii_lowercase();
            for &b in &bytes[i..i + run] {
                mask |= ASCII_MASK[b as usize];
            }
            if fuzzy_len.is_none() && chars + run > FUZZY_CHARS {
                fuzzy_len = Some(at - start + (FUZZY_CHARS - chars));
            }
            chars += run;
            i += run;
        }
        if let Some(c) = text[i..].chars().next() {
            if fuzzy_len.is_none() && chars == FUZZY_CHARS {
                fuzzy_len = Some(out.len() - start);
            }
            let f = fold_char(c);
            mask |= if f.is_ascii() {
                ASCII_MASK[f as usize]
            } else {
                1 << 36
            };
            out.push(f);
            chars += 1;
            i += c.len_utf8();
        }
    }
    (mask, fuzzy_len.unwrap_or(out.len() - start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::search::testing::{index, matched, text_of};

    #[test]
    fn folding_keeps_one_char_for_one_char() {
        for s in [
            "perché È possibilità",
            "LeCun",
            "İstanbul ß",
            "漢字 🙂",
            "dell’allineamento",
        ] {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
        assert_eq!(fold("possibilità È LECUN"), "possibilita e lecun");
        // Quote marks fold as quote verification folds them.
        assert_eq!(fold("„x‟ ‚y‛ «z»"), "\"x\" 'y' \"z\"");
    }

    #[test]
    fn folding_in_bulk_matches_folding_char_by_char() {
        let long_ascii = "Ab ".repeat(1000);
        let long_mixed = "È漢a ".repeat(700);
        let edge = format!("{}è{}", "x".repeat(FUZZY_CHARS - 1), "y".repeat(10));
        for text in [
            "",
            "plain ASCII, With Capitals 123",
            "perché È così «aperto» dell’azienda",
            "漢字 🙂 İstanbul",
            &long_ascii,
            &long_mixed,
            &edge,
        ] {
            let mut out = String::from("prefix");
            let (m, fuzzy_len) = fold_into(&mut out, text);
            let folded = fold(text);
            assert_eq!(&out["prefix".len()..], folded, "{text:?}");
            assert_eq!(m, mask(&folded), "{text:?}");
            let expect = folded
                .char_indices()
                .nth(FUZZY_CHARS)
                .map_or(folded.len(), |(at, _)| at);
            assert_eq!(fuzzy_len, expect, "{:?}", &text[..text.len().min(20)]);
        }
    }

    #[test]
    fn accents_and_case_fold_both_ways() {
        let (d, i) = index();
        for (query, expect) in [
            ("possibilita", "possibilità"),
            ("È", "è"),
            ("LECUN", "LeCun"),
            ("perche", "perché"),
        ] {
            let hits = i.search(query);
            if query == "perche"
                && !d
                    .claims
                    .iter()
                    .any(|c| c.quotes.iter().any(|q| q.text.contains("perché")))
            {
                continue;
            }
            let top = hits.first().unwrap_or_else(|| panic!("no hit for {query}"));
            let m = matched(&d, &i, top, query);
            assert_eq!(
                fold(&m),
                fold(expect),
                "{query}: matched {m:?} in {:?}",
                text_of(&d, top)
            );
        }
    }
}
