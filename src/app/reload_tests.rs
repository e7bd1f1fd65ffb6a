//! A new version of the debate put in place of the old one: the reader kept where they
//! were by id, what is gone said; a version with problems reported, the old one kept.

use ratatui::layout::Rect;

use super::*;
use crate::domain::builtin::{DEBATE_YAML, FILES};
use crate::domain::load::EmbeddedFiles;
use crate::domain::{Loaded, load_bytes};

fn loaded(yaml: &str) -> Result<Loaded, LoadError> {
    load_bytes("debate.yaml", yaml.as_bytes(), &EmbeddedFiles(FILES))
}

fn app_of(yaml: &str) -> App {
    App::new(loaded(yaml).unwrap().debate, Rect::new(0, 0, 140, 40))
}

/// Puts `yaml`'s debate in place of the app's, as the shell does after a reload.
fn reload(app: &mut App, yaml: &str) {
    let debate = loaded(yaml).unwrap().debate;
    let status = Status::of(&debate);
    let mut index = Index::new(&debate);
    index.set_labels(&debate, &status);
    let tree = Tree::new(&debate);
    app.reload(
        std::sync::Arc::new(debate),
        std::sync::Arc::new(index),
        tree,
        status,
        "debate.yaml",
    );
}

fn go(app: &mut App, id: &str) {
    let node = app.debate.lookup(id).unwrap();
    app.update(Action::GoTo(Place::at(node)));
    assert_eq!(app.current(), Some(node), "{id} not reachable");
}

fn current_id(app: &App) -> String {
    app.debate.id_of(app.current().unwrap()).to_string()
}

fn ids(app: &App, nodes: impl IntoIterator<Item = NodeId>) -> Vec<String> {
    let mut v: Vec<String> = nodes
        .into_iter()
        .map(|n| app.debate.id_of(n).to_string())
        .collect();
    v.sort();
    v
}

/// The built-in debate with a new claim first among the claims: every claim after it
/// moves one place down the list, so every claim's index changes.
fn with_a_claim_first() -> String {
    let at = DEBATE_YAML.find("claims:\n").unwrap() + "claims:\n".len();
    let mut y = DEBATE_YAML.to_string();
    y.insert_str(
        at,
        "  - id: newcomer\n    position: open-source\n    text: \"A claim added while the debate was open.\"\n    supports: [open-source]\n",
    );
    y
}

/// The built-in debate without the claim `id`'s entry (which nothing may name).
fn without(id: &str) -> String {
    let head = format!("  - id: {id}\n");
    let start = DEBATE_YAML.find(&head).unwrap();
    let len = DEBATE_YAML[start + head.len()..]
        .find("\n  - id: ")
        .map_or(DEBATE_YAML.len() - start, |k| head.len() + k + 1);
    let mut y = DEBATE_YAML.to_string();
    y.replace_range(start..start + len, "");
    y
}

/// A claim nothing answers (nothing rebuts or supports it), below another claim.
fn a_leaf_under_a_claim(app: &App) -> (String, String) {
    let d = &app.debate;
    (0..d.claims.len() as u32)
        .map(NodeId::Claim)
        .find_map(|n| {
            let parent = app.tree.tree().ancestors(n).next()?;
            (d.incoming(n).len() == 0 && matches!(parent, NodeId::Claim(_)))
                .then(|| (d.id_of(n).to_string(), d.id_of(parent).to_string()))
        })
        .expect("a leaf claim under a claim")
}

/// The built-in debate with a path of two steps: a claim nothing answers and, first,
/// the claim it answers; the first is selected. Their ids: (leaf, parent).
fn a_path_to_a_leaf() -> (App, String, String) {
    let mut a = app_of(DEBATE_YAML);
    let (leaf, parent) = a_leaf_under_a_claim(&a);
    go(&mut a, &parent);
    a.update(Action::AddToPath);
    go(&mut a, &leaf);
    a.update(Action::AddToPath);
    (a, leaf, parent)
}

#[test]
fn selection_folds_path_and_focus_are_kept_by_id_when_indexes_change() {
    // A path of two steps, a claim unfolded deep down, a focus, a what-if.
    let (mut a, leaf, parent) = a_path_to_a_leaf();
    a.update(Action::SetAside);
    go(&mut a, &parent);
    a.update(Action::Focus);
    a.update(Action::Unfold);
    while current_id(&a) != leaf {
        let at = a.claims.selected;
        a.update(Action::Down);
        assert_ne!(a.claims.selected, at, "{leaf} not under {parent}");
    }
    let path = ids(&a, a.path.clone());
    let opened = ids(&a, a.tree.opened());
    let focus = ids(&a, a.tree.focus().to_vec());
    let old_index = a.current().unwrap();
    assert_eq!(path.len(), 2);
    assert_eq!(focus, [parent.as_str()]);
    a.update(Action::NextPane);
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Sources);

    reload(&mut a, &with_a_claim_first());

    assert_eq!(a.focus, Pane::Sources, "the pane stays focused");

    assert!(
        a.debate.lookup("newcomer").is_some(),
        "the new version is shown"
    );
    assert_ne!(a.current(), Some(old_index), "the claim moved in the list");
    assert_eq!(current_id(&a), leaf, "the same claim stays selected");
    assert_eq!(ids(&a, a.path.clone()), path);
    assert_eq!(ids(&a, a.tree.opened()), opened);
    assert_eq!(ids(&a, a.tree.focus().to_vec()), focus);
    assert_eq!(
        ids(&a, a.standing.set_aside().to_vec()),
        [leaf.as_str()],
        "the what-if is kept"
    );
    assert_eq!(a.status.as_deref(), Some("Reloaded debate.yaml"));
    assert!(a.tree.is_consistent());
    // The undo history is the same, by id: undoing takes the last step off.
    a.focus = Pane::Claims;
    a.update(Action::Undo);
    assert_eq!(ids(&a, a.path.clone()), [parent.as_str()]);
}

#[test]
fn an_exported_path_stays_exported_unless_a_step_is_gone() {
    let (mut a, leaf, _) = a_path_to_a_leaf();
    a.path_was_exported();
    assert!(!a.path_unexported());
    reload(&mut a, &with_a_claim_first());
    assert!(!a.path_unexported(), "the same path, exported");
    reload(&mut a, &without(&leaf));
    assert!(a.path_unexported(), "a step gone: not the path exported");
}

#[test]
fn a_selected_claim_that_vanished_falls_back_to_what_it_answered() {
    let (mut a, leaf, parent) = a_path_to_a_leaf();

    reload(&mut a, &without(&leaf));

    assert!(a.debate.lookup(&leaf).is_none());
    assert_eq!(current_id(&a), parent);
    assert_eq!(ids(&a, a.path.clone()), [parent.as_str()]);
    let said = a.status.clone().unwrap();
    assert!(
        said.contains(&format!("{leaf} is gone: selected {parent}")),
        "{said}"
    );
    assert!(said.contains("1 step of the path gone"), "{said}");
}

#[test]
fn a_version_with_problems_keeps_the_last_good_one_and_reports_them() {
    let mut a = app_of(DEBATE_YAML);
    let (leaf, _) = a_leaf_under_a_claim(&a);
    go(&mut a, &leaf);
    let before = a.debate.claims.len();
    // Two links to claims that do not exist.
    let broken = DEBATE_YAML.replacen("supports: [open-source]", "supports: [no-such-claim]", 2);
    let err = loaded(&broken).unwrap_err();
    let first = err.diagnostics()[0].clone();
    assert_eq!(err.diagnostics().len(), 2);

    a.reload_failed(&err, "debate.yaml");

    assert_eq!(a.debate.claims.len(), before);
    assert_eq!(current_id(&a), leaf, "the selection stays");
    let r = a.report.clone().unwrap();
    assert_eq!(
        r.summary,
        format!(
            "debate.yaml: 2 problems, first at {}:{}",
            first.line, first.col
        )
    );
    assert!(r.line().contains("R report"), "{}", r.line());
    // The line stays while keys are pressed.
    a.update(Action::Down);
    assert!(a.report.is_some());
    // R shows the report as `check` prints it; it scrolls within its length.
    a.update(Action::ShowReport);
    assert_eq!(a.overlay, Overlay::Report { scroll: 0 });
    assert_eq!(a.scope(), Scope::Help);
    assert_eq!(
        r.lines.first(),
        Some(&first.to_string().lines().next().unwrap().to_string())
    );
    assert!(
        r.lines
            .last()
            .unwrap()
            .contains("2 problems in debate.yaml")
    );
    for _ in 0..50 {
        a.update(Action::Down);
    }
    let Overlay::Report { scroll } = a.overlay else {
        panic!("the report closed")
    };
    assert!(scroll <= r.lines.len(), "{scroll}");
    a.update(Action::Close);
    // E opens the file at the first problem.
    assert_eq!(
        a.update(Action::Edit),
        Some(Effect::Edit(EditAt::Line(first.line)))
    );
    // A good version ends the problems; the report, open, says so until closed.
    a.update(Action::ShowReport);
    reload(&mut a, DEBATE_YAML);
    assert_eq!(a.report, None);
    assert_eq!(a.overlay, Overlay::Report { scroll: 0 });
    a.update(Action::Close);
    a.update(Action::ShowReport);
    assert_eq!(a.overlay, Overlay::None);
    assert!(a.status.unwrap().starts_with("No problems"));
}

#[test]
fn edit_opens_at_the_selected_node_or_quote() {
    let mut a = app_of(DEBATE_YAML);
    go(&mut a, "meta-open-source-champion");
    let node = a.current().unwrap();
    assert_eq!(
        a.update(Action::Edit),
        Some(Effect::Edit(EditAt::Node(node, None)))
    );
    a.focus = Pane::Sources;
    a.quote = 0;
    assert_eq!(
        a.update(Action::Edit),
        Some(Effect::Edit(EditAt::Node(node, Some(0))))
    );
    // What the editor said stays in the status line.
    a.update(Action::Edited(Err(String::from("No editor is set"))));
    assert_eq!(a.status.as_deref(), Some("No editor is set"));
}

#[test]
fn a_reload_waits_while_an_overlay_holds_the_old_version() {
    let mut a = app_of(DEBATE_YAML);
    assert!(a.takes_reload());
    a.update(Action::Help);
    assert!(a.takes_reload());
    a.update(Action::Close);
    a.update(Action::Search);
    assert!(!a.takes_reload());
}

#[test]
fn a_reload_to_a_debate_without_claims_and_back_keeps_going() {
    let (mut a, _, parent) = a_path_to_a_leaf();
    let at = DEBATE_YAML.find("claims:\n").unwrap();
    let bare = format!("{}claims: []\n", &DEBATE_YAML[..at]);
    reload(&mut a, &bare);
    assert!(a.debate.claims.is_empty());
    assert!(a.path.is_empty());
    let said = a.status.clone().unwrap();
    assert!(said.contains("2 steps of the path gone"), "{said}");
    assert!(a.tree.is_consistent());
    // Back: the undo history kept nothing of the gone steps, but the reader goes on.
    reload(&mut a, DEBATE_YAML);
    go(&mut a, &parent);
    assert_eq!(current_id(&a), parent);
}

#[test]
fn a_reload_keeps_the_queries_searched_but_not_their_results() {
    let mut a = app_of(DEBATE_YAML);
    for q in ["lecun", "kill switch"] {
        a.update(Action::Search);
        for c in q.chars() {
            a.update(Action::Type(c));
        }
        let Overlay::Search(v) = &a.overlay else {
            panic!("the search popup")
        };
        let r = crate::app::search::Results::complete(a.index.as_deref().unwrap(), v.generation, q);
        a.update(Action::SearchResults(r));
        a.update(Action::Follow);
    }
    assert!(a.recall.trail.is_some());
    let generation = a.recall.generation;
    reload(&mut a, DEBATE_YAML);
    assert_eq!(a.recall.queries, ["lecun", "kill switch"]);
    assert_eq!(a.recall.trail, None);
    assert_eq!(a.recall.generation, generation);
}

#[test]
fn a_version_with_problems_replaces_the_news_of_the_last_reload() {
    let mut a = app_of(DEBATE_YAML);
    reload(&mut a, DEBATE_YAML);
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.starts_with("Reloaded")),
        "{:?}",
        a.status
    );
    // The next version has a problem, and arrives before any key is pressed: the
    // footer must not go on saying the file was reloaded beside its problems.
    let broken = DEBATE_YAML.replacen("supports: [open-source]", "supports: [no-such-claim]", 1);
    let err = loaded(&broken).unwrap_err();
    a.reload_failed(&err, "debate.yaml");
    assert!(a.report.is_some());
    assert_eq!(a.status, None, "a stale message beside the problems");
}

/// The report stays open, as help does, when a good version comes while it is read:
/// it says the problems are gone, and `q` still closes it rather than quitting.
#[test]
fn the_report_stays_open_when_the_problems_go() {
    let mut a = app_of(DEBATE_YAML);
    let broken = DEBATE_YAML.replacen("supports: [open-source]", "supports: [no-such-claim]", 1);
    a.reload_failed(&loaded(&broken).unwrap_err(), "debate.yaml");
    a.update(Action::ShowReport);
    reload(&mut a, DEBATE_YAML);
    assert_eq!(a.report, None);
    assert_eq!(a.overlay, Overlay::Report { scroll: 0 });
    assert_eq!(
        crate::app::keymap::action_for(crate::app::keymap::c('q'), a.scope()),
        Some(Action::Close)
    );
    a.update(Action::Close);
    assert_eq!(a.overlay, Overlay::None);
}

#[test]
fn how_the_editor_ended_is_said_even_on_a_screen_too_small() {
    let mut app = app_of(DEBATE_YAML);
    app.update(Action::Resize(12, 4));
    app.update(Action::Edited(Err(String::from(
        "The editor vim ended with exit status: 1",
    ))));
    assert_eq!(
        app.status.as_deref(),
        Some("The editor vim ended with exit status: 1")
    );
}

#[test]
fn the_selected_rebuttal_is_kept_by_id_when_rows_before_it_go() {
    let mut a = app_of(DEBATE_YAML);
    let d = a.debate.clone();
    // A claim with several links, the first of them a claim nothing answers.
    let (node, first, second) = (0..d.claims.len() as u32)
        .map(NodeId::Claim)
        .find_map(|n| {
            go(&mut a, d.id_of(n));
            let entries: Vec<NodeId> = a
                .links
                .iter()
                .filter_map(|r| match r {
                    LinkRow::Entry(_, e) => Some(*e),
                    LinkRow::Heading(..) => None,
                })
                .collect();
            let (&first, &second) = (entries.first()?, entries.get(1)?);
            (entries.len() >= 3 && d.incoming(first).len() == 0)
                .then(|| (n, d.id_of(first).to_string(), d.id_of(second).to_string()))
        })
        .expect("a claim with links");
    go(&mut a, d.id_of(node));
    a.update(Action::NextPane);
    assert_eq!(a.focus, Pane::Rebuttals);
    a.update(Action::Down);
    let selected = |a: &App| match a.links.get(a.links_pos.selected) {
        Some(LinkRow::Entry(_, n)) => a.debate.id_of(*n).to_string(),
        other => panic!("the selection is on {other:?}"),
    };
    assert_eq!(selected(&a), second);

    reload(&mut a, &without(&first));

    assert!(a.debate.lookup(&first).is_none());
    assert_eq!(a.focus, Pane::Rebuttals);
    assert_eq!(selected(&a), second, "the same link stays selected");
}
