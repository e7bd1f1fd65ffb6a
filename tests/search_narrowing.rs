//! Narrowing is exact with fzf's syntax: whatever is typed or erased, a letter at a
//! time, the searcher that reads only the last results gives what a full search gives
//! (the hits listed, their order, the count, and whether scattered letters were
//! looked for).

use std::sync::OnceLock;

use debate_tui::domain::load::EmbeddedFiles;
use debate_tui::domain::search::{Index, Searcher};
use debate_tui::domain::{Debate, builtin, generate, load_bytes};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn builtin_index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| Index::new(&builtin::load().expect("the built-in debate").debate))
}

fn generated_index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| {
        let text = generate::yaml(3000, 3, 11);
        let d: Debate = load_bytes("gen.yaml", text.as_bytes(), &EmbeddedFiles(&[]))
            .unwrap_or_else(|e| panic!("{e}"))
            .debate;
        Index::new(&d)
    })
}

/// One keystroke: a character typed, or the last one erased.
#[derive(Debug, Clone)]
enum Key {
    Type(char),
    Erase,
}

fn keys() -> impl Strategy<Value = Vec<Key>> {
    let typed = prop::sample::select(vec![
        'a', 'e', 'i', 'k', 'l', 'm', 'n', 'o', 'r', 's', 't', 'w', 'c', 'u', ' ', ' ', '\'', '"',
        '!', '^', '$', 'é', '-', ':',
    ])
    .prop_map(Key::Type);
    let key = prop_oneof![8 => typed, 1 => Just(Key::Erase)];
    prop::collection::vec(key, 1..24)
}

/// Whole words and marks too, so that queries reach real matches.
fn words() -> impl Strategy<Value = Vec<Key>> {
    let word = prop::sample::select(vec![
        "kill ",
        "switch ",
        "'sw",
        "!joke ",
        "^meta",
        "switch$ ",
        "\"kill s",
        "lecun ",
        "is:claim ",
        "alig",
        "!a",
        "^",
        "$",
        "'",
        "!",
        "meta ",
        "open ",
        "klsw",
    ]);
    prop::collection::vec(word, 1..6)
        .prop_map(|ws| ws.concat().chars().map(Key::Type).collect::<Vec<_>>())
}

fn check(index: &Index, keys: &[Key], keep: usize) -> Result<(), TestCaseError> {
    let mut s = Searcher::default();
    let mut input = String::new();
    for k in keys {
        match k {
            Key::Type(c) => input.push(*c),
            Key::Erase => {
                input.pop();
            }
        }
        let narrowed = s.run(index, &input, keep, &|| false, |_| {});
        prop_assert_eq!(
            narrowed,
            Some(index.find(&input, keep)),
            "after {:?}",
            input
        );
    }
    Ok(())
}

fn run(strategy: impl Strategy<Value = Vec<Key>>, index: &Index, cases: u32, keep: usize) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |keys| check(index, &keys, keep))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn narrowing_equals_a_full_search_over_the_built_in_debate() {
    run(keys(), builtin_index(), 128, usize::MAX);
    run(words(), builtin_index(), 128, usize::MAX);
}

#[test]
fn narrowing_equals_a_full_search_over_a_generated_debate_listing_a_few() {
    // Few listed, many counted: the best must still be the same best.
    run(keys(), generated_index(), 24, 20);
    run(words(), generated_index(), 24, 20);
}
