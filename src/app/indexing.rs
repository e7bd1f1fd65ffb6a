//! The search index arriving after the first frame. The explorer opens as soon as the
//! debate's graph is built; its search index is built on another thread and handed
//! over when ready. A search typed before then waits, its popup says so, and it runs
//! when the index arrives.

use std::fmt;
use std::sync::Arc;

use crate::app::{App, Effect, Overlay};
use crate::domain::search::{Index, Query};

/// The search index of the debate being explored, as it arrives from the thread that
/// built it. Two are equal when they are the same index.
#[derive(Clone)]
pub struct Indexed(pub Arc<Index>);

impl PartialEq for Indexed {
    fn eq(&self, other: &Indexed) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Indexed {}

impl fmt::Debug for Indexed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Indexed({} entries)", self.0.len())
    }
}

/// What search says when its index could not be built.
pub const UNAVAILABLE: &str =
    "Search is unavailable: building its index failed (the rest of the explorer works)";

impl App {
    /// Whether the search index is still being built.
    pub fn indexing(&self) -> bool {
        self.index.is_none() && !self.index_lost
    }

    /// The search index will not come: search is said to be unavailable rather than
    /// waiting for it.
    pub(crate) fn index_lost(&mut self) {
        self.index_lost = true;
        self.status = Some(String::from(UNAVAILABLE));
    }

    /// The search index has arrived: the search typed while it was built, if any, runs
    /// now.
    pub(crate) fn index_arrived(&mut self, index: Indexed) -> Option<Effect> {
        self.index = Some(index.0);
        let Overlay::Search(v) = &self.overlay else {
            return None;
        };
        if Query::parse(&v.input).is_empty() {
            return None;
        }
        Some(Effect::Search {
            generation: v.generation,
            input: v.input.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    use super::*;
    use crate::app::Action;
    use crate::app::search::Results;
    use crate::domain::builtin;
    use crate::domain::graph::status::Status;
    use crate::domain::graph::tree::Tree;

    const SIZE: Rect = Rect::new(0, 0, 140, 40);

    fn screen(app: &App) -> String {
        let mut buf = Buffer::empty(SIZE);
        app.render(SIZE, &mut buf);
        buf.content().iter().map(|c| c.symbol()).collect()
    }

    /// The explorer of the built-in debate as it first opens, without its index.
    fn opening() -> (Arc<crate::domain::Debate>, App) {
        let debate = Arc::new(builtin::load().unwrap().debate);
        let status = Status::of(&debate);
        let tree = Tree::new(&debate);
        let app = App::opening(Arc::clone(&debate), tree, status, SIZE);
        (debate, app)
    }

    #[test]
    fn a_search_typed_before_the_index_runs_when_it_arrives() {
        let (debate, mut app) = opening();
        assert!(app.indexing());
        // The explorer works before the index: moving, and opening the popup.
        app.update(Action::Down);
        app.update(Action::Search);
        for c in "kill".chars() {
            assert_eq!(
                app.update(Action::Type(c)),
                None,
                "no search without an index"
            );
        }
        let shown = screen(&app);
        assert!(shown.contains("indexing…"), "{shown}");
        assert!(!shown.contains("results"), "{shown}");

        let mut index = Index::new(&debate);
        index.set_labels(&debate, &app.standing);
        let index = Arc::new(index);
        let effect = app.update(Action::IndexReady(Indexed(Arc::clone(&index))));
        assert!(!app.indexing());
        let Some(Effect::Search { generation, input }) = effect else {
            panic!("the waiting search runs: {effect:?}");
        };
        assert_eq!(input, "kill");
        let results = Results::complete(&index, generation, &input);
        let total = results.total;
        assert!(total > 0, "the built-in debate speaks of a kill switch");
        app.update(Action::SearchResults(results));
        let Overlay::Search(v) = &app.overlay else {
            panic!("the popup stays open");
        };
        assert_eq!(v.hits().len(), total);
        assert!(!v.rows.is_empty());
        let shown = screen(&app);
        assert!(!shown.contains("indexing…"), "{shown}");
        let noun = if total == 1 { "result" } else { "results" };
        assert!(shown.contains(&format!("{total} {noun}")), "{shown}");
    }

    #[test]
    fn an_index_arriving_while_the_terminal_is_too_small_is_kept() {
        let (debate, mut app) = opening();
        app.update(Action::Resize(12, 4));
        let index = Arc::new(Index::new(&debate));
        app.update(Action::IndexReady(Indexed(index)));
        assert!(!app.indexing(), "the index is taken whatever the size");
        app.update(Action::Resize(SIZE.width, SIZE.height));
        app.update(Action::Search);
        assert!(matches!(
            app.update(Action::Type('k')),
            Some(Effect::Search { .. })
        ));
    }

    #[test]
    fn an_index_lost_while_the_terminal_is_too_small_is_said() {
        let (_, mut app) = opening();
        app.update(Action::Resize(12, 4));
        app.update(Action::IndexLost);
        assert!(!app.indexing());
        assert!(app.index_lost);
    }

    #[test]
    fn an_index_that_never_comes_is_said_rather_than_waited_for() {
        let (_, mut app) = opening();
        app.update(Action::Search);
        for c in "kill".chars() {
            app.update(Action::Type(c));
        }
        assert!(screen(&app).contains("indexing…"));
        assert_eq!(app.update(Action::IndexLost), None);
        // Not "indexing…" for ever: the shell stops waiting, the popup says why.
        assert!(!app.indexing());
        let shown = screen(&app);
        assert!(!shown.contains("indexing…"), "{shown}");
        assert!(shown.contains("Search is unavailable"), "{shown}");
        // Typing more asks for no search that nothing would answer.
        assert_eq!(app.update(Action::Type('s')), None);
        // Opened again later, the popup says so at once.
        app.update(Action::Close);
        app.update(Action::Search);
        app.update(Action::Type('k'));
        let shown = screen(&app);
        assert!(shown.contains("Search is unavailable"), "{shown}");
    }

    #[test]
    fn an_index_arriving_with_no_search_waiting_asks_for_nothing() {
        let (debate, mut app) = opening();
        app.update(Action::Search);
        let index = Arc::new(Index::new(&debate));
        assert_eq!(app.update(Action::IndexReady(Indexed(index))), None);
        // Typing now searches at once.
        assert!(matches!(
            app.update(Action::Type('k')),
            Some(Effect::Search { .. })
        ));
    }
}
