//! What an Argdown document holds that format v1 cannot carry, or carries changed.

use crate::domain::import::left_out::Kind;

/// What an Argdown import left out or changed, kind by kind.
pub(super) type LeftOut = crate::domain::import::left_out::LeftOut<Change>;

/// A kind of thing left out or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Change {
    /// `author:` or `date:` in the front matter.
    FrontMatter,
    /// Front matter that is not YAML.
    BadFrontMatter,
    /// The description of an argument that a premise-conclusion structure reconstructs.
    ArgumentDescription,
    /// A second, different text for the same title.
    AlternativeText,
    /// A statement or argument named but never given a text.
    NoText,
    /// The rules written in an inference (`-- modus ponens --`).
    InferenceRules,
    /// An inference with no statement after it.
    InferenceWithoutConclusion,
    /// An argument inside a premise-conclusion structure.
    ArgumentInPcs,
    /// A second premise-conclusion structure for one argument.
    SecondPcs,
    /// `><`: two statements that cannot both be true.
    Contradiction,
    /// `_`: an attack on an inference.
    Undercut,
    /// An attack on, or support of, a reconstructed argument.
    OnArgument,
    /// A relation that leaves a position.
    FromPosition,
    /// A relation that would contradict another, or tie a statement to itself.
    RepeatedRelation,
    /// A relation line with nothing above it to relate to.
    RelationWithoutParent,
    /// Text after a reference (`[title] more words`).
    TextAfterReference,
    /// `*emphasis*`, `**bold**`.
    Emphasis,
    /// Tags of a position.
    PositionTags,
    /// `{...}` data other than what marks a position.
    OtherData,
    /// `{...}` that is not YAML.
    BadData,
    /// `# Headings` (sections) that give no side.
    Sections,
}

impl Kind for Change {
    fn words(self, n: usize) -> (String, &'static str) {
        let one = n == 1;
        let pick = |a: &'static str, b: &'static str| if one { a } else { b };
        match self {
            Change::FrontMatter => (
                format!("{n} front matter {} left out", pick("field", "fields")),
                "note: a debate in format v1 has a title and a description, and no author or date",
            ),
            Change::BadFrontMatter => (
                "the front matter is not YAML: left out".to_string(),
                "note: the front matter sits between `===` lines and is YAML, such as `title: ...`",
            ),
            Change::ArgumentDescription => (
                format!(
                    "{n} {} of reconstructed arguments left out",
                    pick("description", "descriptions")
                ),
                "note: an argument with premises and a conclusion becomes its conclusion, which its premises support; format v1 has no arguments",
            ),
            Change::AlternativeText => (
                format!(
                    "{n} other {} of statements already defined left out",
                    pick("wording", "wordings")
                ),
                "note: a claim has one text in format v1: the first definition's",
            ),
            Change::NoText => (
                format!(
                    "{n} {} never given a text: {} title used as text",
                    pick("statement or argument", "statements or arguments"),
                    pick("its", "their")
                ),
                "note: a claim needs a text in format v1",
            ),
            Change::InferenceRules => (
                format!("{n} inference {} left out", pick("rule", "rules")),
                "note: format v1 says that premises support a conclusion, not by which rule",
            ),
            Change::InferenceWithoutConclusion => (
                format!(
                    "{n} {} no conclusion after {}: {} premises support nothing",
                    pick("inference has", "inferences have"),
                    pick("it", "them"),
                    pick("its", "their")
                ),
                "note: a conclusion follows the `--` line of an inference",
            ),
            Change::ArgumentInPcs => (
                format!(
                    "{n} {} inside a premise-conclusion structure taken as a statement",
                    pick("argument", "arguments")
                ),
                "note: premises and conclusions are statements",
            ),
            Change::SecondPcs => (
                format!(
                    "{n} second premise-conclusion {} of an argument left out",
                    pick("structure", "structures")
                ),
                "note: an argument is reconstructed once",
            ),
            Change::Contradiction => (
                format!(
                    "{n} {} (`><`) kept as rebuttals both ways",
                    pick("contradiction", "contradictions")
                ),
                "note: format v1 has no contradiction; two statements that cannot both be true rebut each other",
            ),
            Change::Undercut => (
                format!(
                    "{n} {} (`_`) kept as {} of the conclusion",
                    pick("undercut", "undercuts"),
                    pick("a rebuttal", "rebuttals")
                ),
                "note: format v1 links claims, not inferences",
            ),
            Change::OnArgument => (
                format!(
                    "{n} {} a reconstructed argument kept as {} its conclusion",
                    pick("attack on or support of", "attacks on or supports of"),
                    pick("an attack on or support of", "attacks on or supports of")
                ),
                "note: format v1 has no arguments: one becomes its conclusion",
            ),
            Change::FromPosition => (
                format!(
                    "{n} {} from a position left out",
                    pick("relation", "relations")
                ),
                "note: in format v1 only claims support or rebut",
            ),
            Change::RepeatedRelation => (
                format!(
                    "{n} {} left out: {} contradict another between the same two, or tie a statement to itself",
                    pick("relation", "relations"),
                    pick("it would", "each would")
                ),
                "note: format v1 links two claims once, one way",
            ),
            Change::RelationWithoutParent => (
                format!(
                    "{n} relation {} nothing above {} to relate to: read as {}",
                    pick("line has", "lines have"),
                    pick("it", "them"),
                    pick("a statement", "statements")
                ),
                "note: a relation (`+`, `-`...) is indented under the statement or argument it relates to",
            ),
            Change::TextAfterReference => (
                format!("{n} {} after a reference left out", pick("text", "texts")),
                "note: `[title]` names a statement defined elsewhere; `[title]: text` defines one",
            ),
            Change::Emphasis => (
                format!(
                    "emphasis (`*`, `_`) dropped from {n} {}",
                    pick("text", "texts")
                ),
                "note: format v1 texts are plain; the words are kept",
            ),
            Change::PositionTags => (
                format!("{n} {} of positions left out", pick("tag", "tags")),
                "note: in format v1 only claims have tags",
            ),
            Change::OtherData => (
                format!("{n} data {} (`{{...}}`) left out", pick("block", "blocks")),
                "note: format v1 has no field for data of Argdown's own or of other tools",
            ),
            Change::BadData => (
                format!(
                    "{n} data {} (`{{...}}`) not YAML: left out",
                    pick("block", "blocks")
                ),
                "note: data is a YAML mapping, such as `{source: \"C1a\"}`",
            ),
            Change::Sections => (
                format!("{n} {} (sections) left out", pick("heading", "headings")),
                "note: sections give sides only when each holds a statement marked `{position: true}`, as debate-tui's Argdown export writes",
            ),
        }
    }
}
