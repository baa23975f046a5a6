//! The rounds of the cleaning pass: every rule kind over a page's lines, to a
//! fixed point.
//!
//! A round sees the lines still kept (a `View`), finds what each matches
//! (`matcher`), runs the rules that judge lines, then those that weigh the
//! page (`heuristics`, `article`), then drops lines repeated verbatim; the
//! next round sees what is left, until a round removes nothing. Removing a
//! line can change another's context (its neighbour, its paragraph, the
//! article around it), which is why rounds repeat, and why `clean` is
//! idempotent.
//!
//! Where the core cannot decide (a pattern on Python's engine, a check it
//! cannot run on a line), it asks an `Oracle`: Python, under its time budget.
//! A rule proposes `(position, anchors)`: the line goes if every anchor (a
//! context line it hangs on) goes too.

use crate::HashMap;
use std::sync::Arc;

use crate::article::{self, Article, Search};
use crate::chars::{is_alpha, is_numeric};
use crate::classify::{Classifier, LineInfo};
use crate::features::{count_words, CharIndex, Stopwords, LONG_LINE};
use crate::heuristics::{self, AuthorBox};
use crate::lines::is_python_space;
use crate::matcher::{LineResult, Matcher, Pattern};
use crate::phrases::{normalise, within};
use crate::repeats::repeats;

/// What a rule asks the matcher for: its own line pattern, its contexts, a
/// block's bounds, a one-line paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Line,
    Prev,
    Next,
    Start,
    End,
    Single,
}

/// A contextual pattern rule's own test of the lines its contexts point at.
pub struct Own<P> {
    pub pattern: Option<P>,
    /// Normalised phrases, and the longest of them in characters.
    pub phrases: crate::HashSet<String>,
    pub longest_phrase: usize,
    pub max_length: Option<usize>,
    pub also: Vec<P>,
    pub unless: Vec<P>,
}

/// `glued-trail`'s options.
pub struct GluedTrail {
    pub headline_min_words: usize,
    pub trail_max_length: usize,
    pub trail_stops: Vec<char>,
    pub separators: Vec<char>,
}

/// The heuristics a rule may name.
pub enum Heuristic {
    OutsideArticle,
    CommentSection,
    NavRun { min_run: usize },
    GluedTrail(GluedTrail),
    AuthorBox(Arc<AuthorBox>),
}

/// What the line kinds and the article search of one rule file are.
pub struct Shared {
    pub classifier: Arc<Classifier>,
    pub search: Arc<Search>,
}

pub enum Kind<P> {
    Lines,
    Pattern(Own<P>),
    Block {
        end: bool,
    },
    Paragraph(P),
    /// A heuristic, and the index of its `Shared` data.
    Heuristic(Heuristic, usize),
}

pub struct Rule<P> {
    /// The rule's key (`source/id`), an index into the caller's keys.
    pub key: u32,
    pub kind: Kind<P>,
    /// Whether removing other lines can change what the rule removes: such
    /// rules run in every round, the others in the first only.
    pub contextual: bool,
    /// The hit id of each role the rule asks the matcher for.
    pub roles: Vec<(Role, u32)>,
}

impl<P> Rule<P> {
    fn weighs_page(&self) -> bool {
        matches!(self.kind, Kind::Heuristic(..))
    }

    fn hit(&self, role: Role) -> Option<u32> {
        self.roles.iter().find(|(r, _)| *r == role).map(|&(_, h)| h)
    }
}

/// One matcher entry: the hit it gives, its rule's key, whether it is a
/// pattern (not an exact line or a phrase), and whether a hit of it is the
/// line's last word (later entries would add nothing).
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub hit: u32,
    pub key: u32,
    pub pattern: bool,
    pub last: bool,
}

/// What Python decides for the core, under its time budget.
pub trait Oracle {
    type Error;
    /// Python's engine on entry `entry`'s pattern, for a line.
    fn ask(&mut self, entry: u32, line: &str) -> Result<bool, Self::Error>;
    /// Whether the checks of hit `hit`'s rule strike it on a line.
    fn struck(&mut self, hit: u32, line: &str) -> Result<bool, Self::Error>;
    /// Pattern `which` of rule `rule` of plan `plan` (0 its own, then its
    /// `also` patterns, then its `unless` ones; a paragraph rule's 0) on a
    /// line, or a paragraph's lines joined by newlines.
    fn fullmatch(
        &mut self,
        plan: usize,
        rule: usize,
        which: usize,
        text: &str,
    ) -> Result<bool, Self::Error>;
    /// The keys turned off (set in `off`) and whether the page's pattern time
    /// ran out, as they stand after the calls so far.
    fn state(&mut self, off: &mut [bool], exhausted: &mut bool) -> Result<(), Self::Error>;
}

/// Everything one page's pass reads besides the engine.
pub struct Page<'a> {
    pub texts: &'a [&'a str],
    /// By line: whether it held lone surrogates, now stand-ins, so that its
    /// patterns and checks are all Python's. Empty for none.
    pub hidden: &'a [bool],
    /// By line: whether other pages of the site print it too. Empty for none.
    pub shared: &'a [bool],
    /// Whether `repeated-line` runs.
    pub repeats: bool,
    /// Keys off before the page, and whether its pattern time is spent.
    pub off: Vec<bool>,
    pub exhausted: bool,
}

/// What the pass removed, in the order it removed it: `(line, key)` pairs,
/// and the blank lines that went with removed blocks.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub removals: Vec<(usize, u32)>,
    pub blanks: Vec<(usize, u32)>,
    pub kept: Vec<usize>,
}

/// The rule sets that run together on a page, compiled once.
pub struct Engine<P> {
    pub plans: Vec<Vec<Rule<P>>>,
    pub entries: Vec<Entry>,
    /// By hit id (one per hit): whether its rule has checks (`also`/`unless`).
    pub checked: Vec<bool>,
    pub shared: Vec<Shared>,
    pub stopwords: Arc<Stopwords>,
    /// By key: whether it is an `inline` rule's.
    pub inline: Vec<bool>,
    pub repeated_key: u32,
    pub site_key: u32,
}

/// Where the core left an entry's hit on a line: decided, its pattern to
/// Python, or only its checks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Decided,
    Ask,
    Recheck,
}

/// The lines still kept, by position.
struct View<'a> {
    lines: &'a [usize],
    texts: Vec<&'a str>,
    nonblank: Vec<usize>,
    /// By position: the rank among non-blank lines (`usize::MAX` for blank).
    rank: Vec<usize>,
}

impl<'a> View<'a> {
    fn new(lines: &'a [usize], all: &[&'a str]) -> View<'a> {
        let texts: Vec<&str> = lines.iter().map(|&line| all[line]).collect();
        let mut nonblank = Vec::new();
        let mut rank = vec![usize::MAX; texts.len()];
        for (pos, text) in texts.iter().enumerate() {
            if !text.is_empty() {
                rank[pos] = nonblank.len();
                nonblank.push(pos);
            }
        }
        View {
            lines,
            texts,
            nonblank,
            rank,
        }
    }

    /// The nearest non-blank line before (`step` -1) or after (+1) non-blank `pos`.
    fn neighbour(&self, pos: usize, step: isize) -> Option<usize> {
        let rank = self.rank[pos] as isize + step;
        (0..self.nonblank.len() as isize)
            .contains(&rank)
            .then(|| self.nonblank[rank as usize])
    }

    /// Runs of adjacent non-blank lines.
    fn paragraphs(&self) -> Vec<std::ops::Range<usize>> {
        crate::lines::paragraphs(&self.texts)
    }
}

/// Positions with a key each, in the order first set.
struct Marks {
    key: Vec<Option<u32>>,
    order: Vec<usize>,
}

impl Marks {
    fn new(len: usize) -> Marks {
        Marks {
            key: vec![None; len],
            order: Vec::new(),
        }
    }

    fn set_default(&mut self, pos: usize, key: u32) {
        if self.key[pos].is_none() {
            self.key[pos] = Some(key);
            self.order.push(pos);
        }
    }

    fn has(&self, pos: usize) -> bool {
        self.key[pos].is_some()
    }

    fn flags(&self) -> Vec<bool> {
        self.key.iter().map(Option::is_some).collect()
    }
}

/// A context's lines: position -> the anchors it hangs on, by position.
type Context = Vec<(usize, Vec<usize>)>;

/// What a heuristic reads of a view, worked out once a round per rule file.
struct Seen<'a> {
    heads: Vec<&'a str>,
    infos: Vec<Option<LineInfo>>,
}

struct Round<'a, 'e, O: Oracle> {
    view: &'a View<'a>,
    hidden: &'a [bool],
    hits: Vec<Vec<usize>>,
    oracle: &'e mut O,
    off: &'e mut Vec<bool>,
    exhausted: &'e mut bool,
}

impl<P: AsRef<Pattern>> Engine<P> {
    /// The pass over one page: what goes, by which rule, round by round.
    pub fn run<O: Oracle>(
        &self,
        matcher: &Matcher<P>,
        page: Page<'_>,
        oracle: &mut O,
    ) -> Result<Outcome, O::Error> {
        let texts = page.texts;
        // What each line matches hangs on its text alone: found once, for every round.
        let mut found: Vec<(usize, LineResult)> = Vec::new();
        matcher.each(texts, |line, result| found.push((line, result.clone())));
        let mut off = page.off;
        let mut exhausted = page.exhausted;
        let mut outcome = Outcome::default();
        let mut kept: Vec<usize> = (0..texts.len()).collect();
        let mut first = true;
        let mut repeats_possible = page.repeats;
        loop {
            let view = View::new(&kept, texts);
            let hits =
                self.view_hits(&view, &found, page.hidden, oracle, &mut off, &mut exhausted)?;
            let mut round = Round {
                view: &view,
                hidden: page.hidden,
                hits,
                oracle,
                off: &mut off,
                exhausted: &mut exhausted,
            };
            let len = view.texts.len();
            let mut removed = Marks::new(len);
            let mut blanks = Marks::new(len);
            let mut pending: Vec<(usize, Vec<usize>, u32)> = Vec::new();
            for (number, plan) in self.plans.iter().enumerate() {
                for (index, rule) in plan.iter().enumerate() {
                    if rule.weighs_page() || !(first || rule.contextual) {
                        continue;
                    }
                    for (pos, anchors) in round.apply(number, index, rule)? {
                        if view.texts[pos].is_empty() {
                            // Blank lines inside a removed block go with it,
                            // recorded apart from the text removed.
                            blanks.set_default(pos, rule.key);
                        } else if anchors.is_empty() {
                            removed.set_default(pos, rule.key);
                        } else {
                            pending.push((pos, anchors, rule.key));
                        }
                    }
                }
            }
            // A removal that hangs on context lines stands once they are all
            // removed; one may hang on another, so settle them until nothing changes.
            let mut settled = false;
            while !pending.is_empty() && !settled {
                settled = true;
                for (pos, anchors, key) in &pending {
                    if !removed.has(*pos) && anchors.iter().all(|&a| removed.has(a)) {
                        removed.set_default(*pos, *key);
                        settled = false;
                    }
                }
            }
            if first && !page.shared.is_empty() {
                for (pos, &line) in kept.iter().enumerate() {
                    if page.shared[line] {
                        removed.set_default(pos, self.site_key);
                    }
                }
            }
            let inline: Vec<bool> = removed
                .key
                .iter()
                .map(|key| key.is_some_and(|key| self.inline[key as usize]))
                .collect();
            let mut articles: HashMap<usize, Option<Article>> = HashMap::default();
            let mut seen: HashMap<usize, Seen<'_>> = HashMap::default();
            for plan in &self.plans {
                for rule in plan {
                    let Kind::Heuristic(which, shared) = &rule.kind else {
                        continue;
                    };
                    let found = self.heuristic(
                        which,
                        *shared,
                        &view,
                        &removed,
                        &inline,
                        &mut articles,
                        &mut seen,
                    );
                    for pos in found {
                        if !view.texts[pos].is_empty() {
                            removed.set_default(pos, rule.key);
                        }
                    }
                }
            }
            if repeats_possible {
                let flags = removed.flags();
                let at: Vec<usize> = view
                    .nonblank
                    .iter()
                    .copied()
                    .filter(|&pos| !flags[pos])
                    .collect();
                let lines: Vec<&str> = at.iter().map(|&pos| view.texts[pos]).collect();
                for k in repeats(&lines) {
                    removed.set_default(at[k], self.repeated_key);
                }
            }
            if first && repeats_possible {
                // No line printed twice: no later round can find a repeat either.
                let lines: Vec<&str> = view.nonblank.iter().map(|&pos| view.texts[pos]).collect();
                let distinct: crate::HashSet<&str> = lines.iter().copied().collect();
                repeats_possible = distinct.len() < lines.len();
            }
            first = false;
            if removed.order.is_empty() {
                break;
            }
            outcome.removals.extend(
                removed
                    .order
                    .iter()
                    .map(|&pos| (kept[pos], removed.key[pos].unwrap_or(0))),
            );
            outcome.blanks.extend(
                blanks
                    .order
                    .iter()
                    .map(|&pos| (kept[pos], blanks.key[pos].unwrap_or(0))),
            );
            kept = kept
                .iter()
                .enumerate()
                .filter(|&(pos, _)| !removed.has(pos) && !blanks.has(pos))
                .map(|(_, &line)| line)
                .collect();
        }
        outcome.kept = kept;
        Ok(outcome)
    }

    /// Positions of the view by the hit they give, each list sorted. An entry
    /// of a rule turned off gives none; Python decides where the core could not.
    fn view_hits<O: Oracle>(
        &self,
        view: &View<'_>,
        found: &[(usize, LineResult)],
        hidden: &[bool],
        oracle: &mut O,
        off: &mut [bool],
        exhausted: &mut bool,
    ) -> Result<Vec<Vec<usize>>, O::Error> {
        let mut hits: Vec<Vec<usize>> = vec![Vec::new(); self.checked.len()];
        let mut at = 0;
        let mut states: Vec<(u32, State)> = Vec::new();
        let mut line_hits: Vec<u32> = Vec::new();
        for (pos, &line) in view.lines.iter().enumerate() {
            while at < found.len() && found[at].0 < line {
                at += 1;
            }
            let result = (at < found.len() && found[at].0 == line).then(|| &found[at].1);
            let hide = hidden.get(line).copied().unwrap_or(false);
            if result.is_none() && !hide {
                continue;
            }
            states.clear();
            if let Some(result) = result {
                self.states(result, hide, &mut states);
            }
            if hide {
                // The core matched stand-ins: its exact lines' hits stand,
                // their checks and every pattern are Python's.
                for state in states.iter_mut() {
                    state.1 = State::Recheck;
                }
                for (entry, e) in self.entries.iter().enumerate() {
                    if e.pattern && !states.iter().any(|&(id, _)| id == entry as u32) {
                        states.push((entry as u32, State::Ask));
                    }
                }
            }
            states.sort_unstable_by_key(|&(entry, _)| entry);
            line_hits.clear();
            for &(entry, state) in &states {
                let e = self.entries[entry as usize];
                if off[e.key as usize] {
                    continue;
                }
                if state == State::Ask {
                    let said = oracle.ask(entry, view.texts[pos])?;
                    oracle.state(off, exhausted)?;
                    if !said {
                        continue;
                    }
                }
                // Out of pattern time no check runs: every checked hit is struck.
                if (state != State::Decided || *exhausted) && self.checked[e.hit as usize] {
                    let struck = oracle.struck(e.hit, view.texts[pos])?;
                    oracle.state(off, exhausted)?;
                    if struck {
                        continue;
                    }
                }
                line_hits.push(e.hit);
                if e.last {
                    break;
                }
            }
            // A rule whose phrase and pattern both match is hit once.
            for (k, &hit) in line_hits.iter().enumerate() {
                if !line_hits[..k].contains(&hit) {
                    hits[hit as usize].push(pos);
                }
            }
        }
        Ok(hits)
    }

    /// A line's entries by what is left of them to Python: its hits decided,
    /// those whose checks are Python's, and those whose pattern is. On a line
    /// of stand-ins the core's pattern hits say nothing and are left out.
    fn states(&self, result: &LineResult, hide: bool, states: &mut Vec<(u32, State)>) {
        let ours = |entry: u32| !hide || !self.entries[entry as usize].pattern;
        for &entry in result.hits.iter().filter(|&&e| ours(e)) {
            states.push((entry, State::Decided));
        }
        for &entry in result.rechecks.iter().filter(|&&e| ours(e)) {
            match states.iter_mut().find(|(id, _)| *id == entry) {
                Some(state) => state.1 = State::Recheck,
                None => states.push((entry, State::Recheck)),
            }
        }
        if !hide {
            for &entry in &result.asks {
                if !states.iter().any(|&(id, _)| id == entry) {
                    states.push((entry, State::Ask));
                }
            }
        }
    }

    /// The positions a heuristic removes from the view.
    #[allow(clippy::too_many_arguments)]
    fn heuristic<'v>(
        &self,
        which: &Heuristic,
        shared: usize,
        view: &View<'v>,
        removed: &Marks,
        inline: &[bool],
        articles: &mut HashMap<usize, Option<Article>>,
        seen: &mut HashMap<usize, Seen<'v>>,
    ) -> Vec<usize> {
        let len = view.texts.len();
        let mut article = |seen: &mut HashMap<usize, Seen<'v>>| -> Option<Article> {
            if let Some(found) = articles.get(&shared) {
                return found.clone();
            }
            let lines = self.seen(shared, view, seen);
            let gone = removed.flags();
            let found = self.shared[shared].search.article(&article::View {
                texts: &lines.heads,
                infos: &lines.infos,
                removed: &gone,
                inline,
            });
            articles.insert(shared, found.clone());
            found
        };
        match which {
            Heuristic::OutsideArticle => {
                let Some(found) = article(seen).filter(|a| a.start >= 0) else {
                    return Vec::new();
                };
                let (start, end) = (found.start as usize, found.end);
                let until = found.comments.unwrap_or(len);
                view.nonblank
                    .iter()
                    .copied()
                    .filter(|&pos| {
                        (pos < start && Some(pos) != found.headline)
                            || ((end < pos as isize) && pos < until)
                            || found.holes.contains(&pos)
                    })
                    .collect()
            }
            Heuristic::CommentSection => match article(seen).and_then(|a| a.comments) {
                Some(comments) => (comments..len).collect(),
                None => Vec::new(),
            },
            Heuristic::NavRun { min_run } => {
                let found = article(seen).map(|a| Article {
                    headline: None,
                    comments: None,
                    holes: Vec::new(),
                    ..a
                });
                let lines = self.seen(shared, view, seen);
                let none = vec![false; len];
                heuristics::nav_run(
                    &article::View {
                        texts: &lines.heads,
                        infos: &lines.infos,
                        removed: &none,
                        inline: &none,
                    },
                    *min_run,
                    found.as_ref(),
                )
            }
            Heuristic::GluedTrail(o) => glued_trail(view, o),
            Heuristic::AuthorBox(author_box) => {
                let heads: Vec<&str> = view.texts.iter().map(|&t| head(t)).collect();
                author_box.find(&heads, &removed.flags())
            }
        }
    }

    /// The heads and line infos of a view under rule file `shared`'s line
    /// kinds, in the language its lines vote for: worked out once a round.
    fn seen<'s, 'v>(
        &self,
        shared: usize,
        view: &View<'v>,
        seen: &'s mut HashMap<usize, Seen<'v>>,
    ) -> &'s Seen<'v> {
        seen.entry(shared).or_insert_with(|| {
            let classifier = &self.shared[shared].classifier;
            let stopwords = &*self.stopwords;
            let heads: Vec<&str> = view.texts.iter().map(|&t| head(t)).collect();
            // Voted on the lines this round sees, not on the whole page: the
            // last round must judge its lines as a second pass over the
            // cleaned text would.
            let lang = stopwords.vote(&heads);
            // A long line stands for every later one with the same head (all
            // a heuristic reads of it); a short one is its head, and the
            // classifier remembers it.
            let mut first: HashMap<&str, usize> = HashMap::default();
            let mut infos: Vec<Option<LineInfo>> = Vec::with_capacity(heads.len());
            for (pos, (&text, &line)) in view.texts.iter().zip(&heads).enumerate() {
                if line.is_empty() {
                    infos.push(None);
                    continue;
                }
                let long = line.len() != text.len();
                if long {
                    if let Some(&at) = first.get(line) {
                        infos.push(infos[at]);
                        continue;
                    }
                    first.insert(line, pos);
                }
                infos.push(Some(if is_long(text) {
                    let chars = CharIndex::new(text);
                    classifier
                        .long_line_info(
                            stopwords,
                            chars.chars(),
                            |start, end| Ok::<_, std::convert::Infallible>(chars.piece(start, end)),
                            lang,
                        )
                        .unwrap_or_else(|never| match never {})
                } else {
                    classifier.remembered_info(stopwords, text, lang)
                }));
            }
            Seen { heads, infos }
        })
    }
}

/// Whether a line is over `LONG_LINE` characters.
fn is_long(text: &str) -> bool {
    text.len() > LONG_LINE && text.chars().count() > LONG_LINE
}

/// A line's first `LONG_LINE` characters: all a heuristic reads of its wording.
fn head(text: &str) -> &str {
    if text.len() <= LONG_LINE {
        return text;
    }
    match text.char_indices().nth(LONG_LINE) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// Python's `str.isalnum` of one character.
fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_numeric(c)
}

/// A trail of sections glued to the headline printed under it
/// ("HomeLatest NewsKate Henshaw Is Looking Stunning", then the headline):
/// a line made of a few section names and the next line's whole text, run
/// together or joined by a separator.
fn glued_trail(view: &View<'_>, o: &GluedTrail) -> Vec<usize> {
    let texts = &view.texts;
    let mut found = Vec::new();
    for pair in view.nonblank.windows(2) {
        let (pos, after) = (pair[0], pair[1]);
        let (text, following) = (texts[pos], texts[after]);
        if !text.ends_with(following) || text == following {
            continue;
        }
        if count_words(following) < o.headline_min_words {
            continue;
        }
        let trail = &text[..text.len() - following.len()];
        let glued = trail.chars().next_back().is_some_and(is_alnum)
            && following.chars().next().is_some_and(is_alnum);
        let joined = trail
            .trim_end_matches(is_python_space)
            .chars()
            .next_back()
            .is_some_and(|c| o.separators.contains(&c));
        let bare = trail.chars().count() <= o.trail_max_length
            && !trail.chars().any(|c| o.trail_stops.contains(&c));
        if (glued || joined) && bare {
            found.push(pos);
        }
    }
    found
}

impl<O: Oracle> Round<'_, '_, O> {
    fn hits<P>(&self, rule: &Rule<P>, role: Role) -> &[usize] {
        match rule.hit(role) {
            Some(hit) => &self.hits[hit as usize],
            None => &[],
        }
    }

    /// Position -> its `role` neighbour, for neighbours that match the
    /// context, by position; None when the rule has no such context.
    fn around<P>(&self, rule: &Rule<P>, role: Role) -> Option<Vec<(usize, usize)>> {
        let hit = rule.hit(role)?;
        // A line whose previous neighbour matches `prev` is that neighbour's next line.
        let step = if role == Role::Prev { 1 } else { -1 };
        let mut found: Vec<(usize, usize)> = self.hits[hit as usize]
            .iter()
            .filter_map(|&anchor| self.view.neighbour(anchor, step).map(|pos| (pos, anchor)))
            .collect();
        found.sort_unstable();
        Some(found)
    }

    /// The lines whose context holds, with their anchors; None without context.
    fn context<P>(&self, rule: &Rule<P>) -> Option<Context> {
        let before = self.around(rule, Role::Prev);
        let after = self.around(rule, Role::Next);
        match (before, after) {
            (None, None) => None,
            (Some(one), None) | (None, Some(one)) => {
                Some(one.into_iter().map(|(pos, a)| (pos, vec![a])).collect())
            }
            (Some(before), Some(after)) => Some(
                before
                    .iter()
                    .filter_map(|&(pos, b)| {
                        let at = after.binary_search_by_key(&pos, |&(p, _)| p).ok()?;
                        Some((pos, vec![b, after[at].1]))
                    })
                    .collect(),
            ),
        }
    }

    /// What a rule that judges lines proposes to remove, by position.
    fn apply<P: AsRef<Pattern>>(
        &mut self,
        number: usize,
        index: usize,
        rule: &Rule<P>,
    ) -> Result<Vec<(usize, Vec<usize>)>, O::Error> {
        let free = |positions: &[usize]| positions.iter().map(|&pos| (pos, Vec::new())).collect();
        match &rule.kind {
            Kind::Lines => {
                let hits = self.hits(rule, Role::Line);
                Ok(match self.context(rule) {
                    None => free(hits),
                    Some(context) => hits
                        .iter()
                        .filter_map(|&pos| {
                            let at = context.binary_search_by_key(&pos, |(p, _)| *p).ok()?;
                            Some((pos, context[at].1.clone()))
                        })
                        .collect(),
                })
            }
            Kind::Pattern(own) => {
                let Some(context) = self.context(rule) else {
                    return Ok(free(self.hits(rule, Role::Line)));
                };
                let mut found = Vec::new();
                for (pos, anchors) in context {
                    if self.matches(number, index, rule.key, own, pos)? {
                        found.push((pos, anchors));
                    }
                }
                Ok(found)
            }
            Kind::Block { end } => {
                let starts = self.hits(rule, Role::Start);
                let ends = if *end {
                    self.hits(rule, Role::End)
                } else {
                    &[]
                };
                let mut removed = Vec::new();
                let mut pos = 0;
                loop {
                    let i = starts.partition_point(|&s| s < pos);
                    let Some(&first) = starts.get(i) else {
                        break;
                    };
                    if !*end {
                        removed.extend(first..self.view.texts.len());
                        break;
                    }
                    let j = ends.partition_point(|&e| e <= first);
                    let Some(&last) = ends.get(j) else {
                        break;
                    };
                    removed.extend(first..=last);
                    pos = last + 1;
                }
                Ok(free(&removed))
            }
            Kind::Paragraph(pattern) => {
                let before = self.around(rule, Role::Prev);
                let after = self.around(rule, Role::Next);
                let single = self.hits(rule, Role::Single).to_vec();
                let mut found = Vec::new();
                'runs: for run in self.view.paragraphs() {
                    let mut anchors = Vec::new();
                    for (context, pos) in [(&before, run.start), (&after, run.end - 1)] {
                        if let Some(context) = context {
                            match context.binary_search_by_key(&pos, |&(p, _)| p) {
                                Ok(at) => anchors.push(context[at].1),
                                Err(_) => continue 'runs,
                            }
                        }
                    }
                    let matched = if run.len() == 1 {
                        single.binary_search(&run.start).is_ok()
                    } else {
                        let text = self.view.texts[run.clone()].join("\n");
                        let lines: Vec<usize> =
                            run.clone().map(|pos| self.view.lines[pos]).collect();
                        self.fullmatch(number, index, rule.key, 0, pattern.as_ref(), &text, &lines)?
                    };
                    if matched {
                        found.extend(run.map(|pos| (pos, anchors.clone())));
                    }
                }
                Ok(found)
            }
            Kind::Heuristic(..) => Ok(Vec::new()),
        }
    }

    /// Whether a line matches a contextual rule's own pattern or phrases, and its checks.
    fn matches<P: AsRef<Pattern>>(
        &mut self,
        number: usize,
        index: usize,
        key: u32,
        own: &Own<P>,
        pos: usize,
    ) -> Result<bool, O::Error> {
        let text = self.view.texts[pos];
        let lines = [self.view.lines[pos]];
        if own
            .max_length
            .is_some_and(|limit| text.chars().count() > limit)
        {
            return Ok(false);
        }
        let phrase = !own.phrases.is_empty()
            && within(text, own.longest_phrase)
            && own.phrases.contains(&normalise(text));
        if !phrase {
            let Some(pattern) = &own.pattern else {
                return Ok(false);
            };
            if !self.fullmatch(number, index, key, 0, pattern.as_ref(), text, &lines)? {
                return Ok(false);
            }
        }
        for (k, check) in own.also.iter().enumerate() {
            if !self.fullmatch(number, index, key, 1 + k, check.as_ref(), text, &lines)? {
                return Ok(false);
            }
        }
        let base = 1 + own.also.len();
        for (k, check) in own.unless.iter().enumerate() {
            if self.fullmatch(number, index, key, base + k, check.as_ref(), text, &lines)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// A rule's pattern on `text` (page `lines` joined): false once the rule
    /// is off; the core's answer where it has one, else Python's.
    #[allow(clippy::too_many_arguments)]
    fn fullmatch(
        &mut self,
        number: usize,
        index: usize,
        key: u32,
        which: usize,
        pattern: &Pattern,
        text: &str,
        lines: &[usize],
    ) -> Result<bool, O::Error> {
        if self.off[key as usize] {
            return Ok(false);
        }
        // A line of stand-ins is Python's to match.
        let hidden = lines
            .iter()
            .any(|&line| self.hidden.get(line).copied().unwrap_or(false));
        if !hidden {
            if let Some(found) = pattern.fullmatch(text) {
                return Ok(found);
            }
        }
        let found = self.oracle.fullmatch(number, index, which, text)?;
        self.oracle.state(self.off, self.exhausted)?;
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An oracle that says no, and counts what it was asked.
    #[derive(Default)]
    struct Counting {
        asked: usize,
    }

    impl Oracle for Counting {
        type Error = ();
        fn ask(&mut self, _: u32, _: &str) -> Result<bool, ()> {
            self.asked += 1;
            Ok(false)
        }
        fn struck(&mut self, _: u32, _: &str) -> Result<bool, ()> {
            self.asked += 1;
            Ok(true)
        }
        fn fullmatch(&mut self, _: usize, _: usize, _: usize, _: &str) -> Result<bool, ()> {
            self.asked += 1;
            Ok(false)
        }
        fn state(&mut self, _: &mut [bool], _: &mut bool) -> Result<(), ()> {
            Ok(())
        }
    }

    /// A rule's kind, whether it is contextual, and its roles' patterns.
    type TestRule<'a> = (Kind<Pattern>, bool, Vec<(Role, &'a str)>);

    fn p(source: &str) -> Pattern {
        Pattern::new(source, false)
    }

    /// An engine of one plan whose rules are given with the matcher entries
    /// they need: `(rule, [(role, pattern)])`; keys are the rules' indexes,
    /// then `repeated-line`'s and `site-repeat`'s.
    fn engine(rules: Vec<TestRule<'_>>) -> (Engine<Pattern>, Matcher<Pattern>) {
        let mut entries = Vec::new();
        let mut patterns = Vec::new();
        let mut plan = Vec::new();
        for (key, (kind, contextual, roles)) in rules.into_iter().enumerate() {
            let mut ids = Vec::new();
            for (role, source) in roles {
                let hit = entries.len() as u32;
                patterns.push((p(source), hit, false, None));
                entries.push(Entry {
                    hit,
                    key: key as u32,
                    pattern: true,
                    last: false,
                });
                ids.push((role, hit));
            }
            plan.push(Rule {
                key: key as u32,
                kind,
                contextual,
                roles: ids,
            });
        }
        let keys = plan.len() + 2;
        let engine = Engine {
            plans: vec![plan],
            checked: vec![false; entries.len()],
            entries,
            shared: Vec::new(),
            stopwords: Arc::new(Stopwords::new(&[], Vec::new()).expect("no lists")),
            inline: vec![false; keys],
            repeated_key: keys as u32 - 2,
            site_key: keys as u32 - 1,
        };
        let matcher = Matcher::new(Vec::new(), Vec::new(), Vec::new(), patterns, Vec::new());
        (engine, matcher)
    }

    fn run(engine: &Engine<Pattern>, matcher: &Matcher<Pattern>, texts: &[&str]) -> Outcome {
        let page = Page {
            texts,
            hidden: &[],
            shared: &[],
            repeats: true,
            off: vec![false; engine.inline.len()],
            exhausted: false,
        };
        engine
            .run(matcher, page, &mut Counting::default())
            .expect("no error")
    }

    #[test]
    fn a_line_rule_removes_its_hits_and_repeats_go_after_the_first_copy() {
        let (e, m) = engine(vec![(Kind::Lines, false, vec![(Role::Line, "Share this")])]);
        let found = run(&e, &m, &["Story.", "Share this", "", "Story.", "End."]);
        assert_eq!(found.removals, vec![(1, 0), (3, 1)]);
        assert_eq!(found.kept, vec![0, 2, 4]);
    }

    #[test]
    fn a_context_counts_only_when_its_line_goes_too() {
        // A credit goes with the caption above it; a caption-like line above
        // a kept line stays.
        let own = Own {
            pattern: Some(p("Photo: .+")),
            phrases: Default::default(),
            longest_phrase: 0,
            max_length: None,
            also: Vec::new(),
            unless: Vec::new(),
        };
        let (e, m) = engine(vec![
            (Kind::Lines, false, vec![(Role::Line, "Caption [0-9]")]),
            (Kind::Pattern(own), true, vec![(Role::Prev, "Caption.*")]),
        ]);
        let texts = [
            "Caption 1",
            "Photo: AP",
            "Caption here",
            "Photo: Reuters",
            "Text.",
        ];
        let found = run(&e, &m, &texts);
        assert_eq!(found.removals, vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn a_block_runs_from_its_start_through_its_end_and_takes_its_blank_lines() {
        let (e, m) = engine(vec![(
            Kind::Block { end: true },
            true,
            vec![(Role::Start, "Comments"), (Role::End, "Load more")],
        )]);
        let texts = [
            "Text.",
            "Comments",
            "",
            "Nice!",
            "Load more",
            "After.",
            "Comments",
        ];
        let found = run(&e, &m, &texts);
        assert_eq!(found.removals, vec![(1, 0), (3, 0), (4, 0)]);
        assert_eq!(found.blanks, vec![(2, 0)]);
        // An unclosed block is left alone.
        assert_eq!(found.kept, vec![0, 5, 6]);
    }

    #[test]
    fn a_paragraph_rule_matches_its_lines_joined() {
        let (e, m) = engine(vec![(
            Kind::Paragraph(p("Read more\nat [a-z]+")),
            true,
            vec![(Role::Single, "Read more\nat [a-z]+")],
        )]);
        let mut oracle = Counting::default();
        let texts = ["Text.", "", "Read more", "at home", "", "Read more"];
        let page = Page {
            texts: &texts,
            hidden: &[],
            shared: &[],
            repeats: false,
            off: vec![false; 3],
            exhausted: false,
        };
        let found = e.run(&m, page, &mut oracle).expect("no error");
        assert_eq!(found.removals, vec![(2, 0), (3, 0)]);
        assert_eq!(oracle.asked, 0, "the core decides linear patterns");
    }

    #[test]
    fn hidden_lines_and_slow_patterns_are_the_oracle_s() {
        let (e, m) = engine(vec![(Kind::Lines, false, vec![(Role::Line, "x+")])]);
        let mut oracle = Counting::default();
        let texts = ["xx", "y"];
        let page = Page {
            texts: &texts,
            hidden: &[true, false],
            shared: &[false, true],
            repeats: true,
            off: vec![false; 3],
            exhausted: false,
        };
        let found = e.run(&m, page, &mut oracle).expect("no error");
        // The oracle said no to the hidden line's pattern, in each of the two
        // rounds (Python remembers its answers); the shared line went.
        assert_eq!(oracle.asked, 2);
        assert_eq!(found.removals, vec![(1, 2)]);
    }

    #[test]
    fn a_rule_turned_off_gives_no_hits() {
        let (e, m) = engine(vec![(Kind::Lines, false, vec![(Role::Line, "x+")])]);
        let texts = ["xx", "y"];
        let page = Page {
            texts: &texts,
            hidden: &[],
            shared: &[],
            repeats: true,
            off: vec![true, false, false],
            exhausted: false,
        };
        let found = e.run(&m, page, &mut Counting::default()).expect("no error");
        assert!(found.removals.is_empty());
    }

    #[test]
    fn a_glued_trail_is_told_from_a_sentence_ending_in_the_next_line() {
        let o = GluedTrail {
            headline_min_words: 4,
            trail_max_length: 60,
            trail_stops: vec!['.', '!', '?'],
            separators: vec!['>', '|'],
        };
        let lines: Vec<usize> = (0..6).collect();
        let all = [
            "HomeLatest NewsKate Henshaw Is Looking Stunning",
            "Kate Henshaw Is Looking Stunning",
            "He said it again. Kate Henshaw Is Looking Stunning",
            "Kate Henshaw Is Looking Stunning",
            "News > Kate Henshaw Is Looking Stunning",
            "Kate Henshaw Is Looking Stunning",
        ];
        let view = View::new(&lines, &all);
        assert_eq!(glued_trail(&view, &o), vec![0, 4]);
    }

    #[test]
    fn pieces_of_a_text_are_cut_by_characters() {
        let text = "é".repeat(3000) + "abc";
        let chars = CharIndex::new(&text);
        assert_eq!(chars.chars(), 3003);
        assert_eq!(chars.piece(2999, 3002), "éab");
        assert_eq!(chars.piece(3001, 5000), "bc");
        assert_eq!(chars.piece(0, 2), "éé");
    }
}
