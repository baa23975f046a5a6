//! Where the article is: the heaviest stretch of lines between breaks.
//!
//! Each non-blank line of a view gets a weight by its kind (`classify`): prose
//! counts its words, a list of links costs more than a lone heading. The
//! article is the heaviest stretch between breaks, grown by cheap lines on
//! each side, mended where a box of other stories splits it or a block of
//! teasers outweighs a short article, with its headline above it; comments
//! start at a cue once enough prose is behind it. The weights and bounds are
//! options (`SearchOptions`, the `article` section of a rule file's
//! `heuristics:` block); the shape of the search is what stays here.

use regex::Regex;

use crate::classify::{Kind, LineInfo, Part};

/// The article search's options as a rule file gives them (see
/// `cleaner/heuristics.py`, `ArticleSearch`, for what each means).
#[derive(Clone, Debug)]
pub struct SearchOptions {
    pub teaser_prose_share: f64,
    pub row_word_weight: f64,
    pub item_weight: f64,
    pub list_item_weight: f64,
    pub teaser_item_weight: f64,
    pub menu_weight: f64,
    pub menu_word_weight: f64,
    pub list_row_weight: f64,
    pub short_weight: f64,
    pub short_word_weight: f64,
    pub legal_weight: f64,
    pub removed_weight: f64,
    pub boxed_weight: f64,
    pub boxed_word_weight: f64,
    pub teaser_group_lines: usize,
    pub teaser_max_prose: Part,
    pub list_min_listy: Part,
    pub menu_group_lines: usize,
    pub slack: f64,
    pub back_slack: f64,
    pub extend_lines: usize,
    pub gone_crossing: f64,
    pub inset_crossing: f64,
    pub lone_titles: usize,
    pub module_lines: usize,
    pub module_share: f64,
    pub module_share_after: f64,
    /// Matched at the start of the lower-cased line.
    pub box_closing: String,
    pub min_decks: usize,
    pub head_lines: usize,
    pub head_share: f64,
    pub headline_lines: usize,
    pub byline_lines: usize,
    pub headline_min_words: usize,
    pub headline_max_words: usize,
    pub deck_words: usize,
    pub deck_title_min_words: usize,
    /// Matched against the whole line; `clock_ignore_case` as the option's flags say.
    pub clock: String,
    pub clock_ignore_case: bool,
    pub comment_words: usize,
    pub comment_share: f64,
}

/// A line's kind in the search: its own, or what other rules and the search made of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Line(Kind),
    /// Removed by another rule: furniture, whatever it looks like.
    Gone,
    /// Removed by a rule for furniture inside articles (an ad label).
    Inset,
    /// In the list right under a heading of other stories.
    Boxed,
}

use Role::{Boxed, Gone, Inset};

const BREAK: Role = Role::Line(Kind::Break);
const PROSE: Role = Role::Line(Kind::Prose);

impl Role {
    /// The region does not grow across these: known furniture is no part of it.
    fn stops(self) -> bool {
        matches!(self, Role::Line(Kind::Break) | Boxed)
    }

    /// A title-like line, such as a headline.
    fn title(self) -> bool {
        matches!(
            self,
            Role::Line(Kind::Short) | Role::Line(Kind::Item) | Role::Line(Kind::Menu)
        )
    }

    fn removed(self) -> bool {
        matches!(self, Gone | Inset)
    }

    /// A line that can be a headline.
    fn head(self) -> bool {
        matches!(
            self,
            Role::Line(Kind::Short) | Role::Line(Kind::Item) | Role::Line(Kind::Row)
        )
    }
}

/// One line in the search: its view position, role, weight, and whether it is a comment cue.
#[derive(Clone, Copy, Debug)]
struct Entry {
    pos: usize,
    role: Role,
    weight: f64,
    cue: bool,
}

/// Where the article is in a view (positions in it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// First and last line of the article region; -1 for none (a view with
    /// comments and no line of weight).
    pub start: isize,
    pub end: isize,
    pub headline: Option<usize>,
    /// The comment section's cue.
    pub comments: Option<usize>,
    /// Lines inside the region that are no part of it: a box of other stories.
    pub holes: Vec<usize>,
}

/// The options, compiled.
pub struct Search {
    a: SearchOptions,
    box_closing: Regex,
    clock: Regex,
}

/// What the search reads of a view: its lines (blank ones empty), the info of
/// each non-blank one, and the positions other rules removed in this round.
pub struct View<'a> {
    pub texts: &'a [&'a str],
    /// By position; None for blank lines.
    pub infos: &'a [Option<LineInfo>],
    pub removed: &'a [bool],
    pub inline: &'a [bool],
}

impl View<'_> {
    fn info(&self, pos: usize) -> &LineInfo {
        self.infos[pos]
            .as_ref()
            .expect("the search asks only about non-blank lines")
    }

    /// Runs of adjacent non-blank lines, as position ranges.
    fn paragraphs(&self) -> Vec<std::ops::Range<usize>> {
        crate::lines::paragraphs(self.texts)
    }
}

fn ratio_exceeded(part: Part, count: usize, total: usize) -> bool {
    // count / total < part, exactly
    (count as u128) * (part.denominator as u128) < (total as u128) * (part.numerator as u128)
}

fn ratio_reached(part: Part, count: usize, total: usize) -> bool {
    (count as u128) * (part.denominator as u128) >= (total as u128) * (part.numerator as u128)
}

impl Search {
    pub fn new(a: SearchOptions) -> Result<Search, String> {
        let compile = |source: String| Regex::new(&source).map_err(|e| format!("{source:?}: {e}"));
        let box_closing = compile(format!("^(?:{})", a.box_closing))?;
        let flags = if a.clock_ignore_case { "(?i)" } else { "" };
        let clock = compile(format!("^{flags}(?:{})$", a.clock))?;
        Ok(Search {
            a,
            box_closing,
            clock,
        })
    }

    /// What a line of `kind` and `words` weighs, among teasers or in a list.
    pub fn weight(&self, kind: Kind, words: usize, teasers: bool, listing: bool) -> f64 {
        let a = &self.a;
        let words = words as f64;
        match kind {
            Kind::Legal => a.legal_weight,
            // Prose counts its words: the unit every other weight is measured in.
            Kind::Prose => {
                if teasers {
                    words * a.teaser_prose_share
                } else {
                    words
                }
            }
            Kind::Row => a.row_word_weight * words,
            Kind::Item => {
                if listing {
                    a.list_item_weight
                } else if teasers {
                    a.teaser_item_weight
                } else {
                    a.item_weight
                }
            }
            // A row of a list in the article costs little; a menu item more than a heading.
            Kind::Menu => {
                if listing {
                    a.list_row_weight
                } else {
                    a.menu_weight + a.menu_word_weight * words
                }
            }
            Kind::Short | Kind::Break => a.short_weight + a.short_word_weight * words,
        }
    }

    /// How far the region's `edge` may move outwards losing at most `slack`
    /// weight; of that, lines no other rule removes may cost `kept_slack`.
    /// `stops` (lone titles) end it after `lone_titles` in a row.
    fn extend(
        &self,
        lines: &[Entry],
        edge: usize,
        step: isize,
        stops: Option<&[bool]>,
        kept_slack: Option<f64>,
    ) -> usize {
        let a = &self.a;
        let slack = a.slack;
        let (mut total, mut kept) = (0.0f64, 0.0f64);
        let mut far = edge;
        let limit = kept_slack.unwrap_or(slack);
        let run = a.lone_titles as isize * step;
        let len = lines.len() as isize;
        let mut k = edge as isize + step;
        while 0 <= k
            && k < len
            && !lines[k as usize].role.stops()
            && (k - edge as isize).unsigned_abs() <= a.extend_lines
        {
            // `lone_titles` stops in a row end it (none at all end it at once).
            let mut j = k;
            let mut all = true;
            while (step > 0 && j < k + run) || (step < 0 && j > k + run) {
                let stop = 0 <= j && j < len && stops.is_some_and(|s| s[lines[j as usize].pos]);
                if !stop {
                    all = false;
                    break;
                }
                j += step;
            }
            if all {
                break;
            }
            let entry = &lines[k as usize];
            // Lines other rules remove go anyway: crossing them costs less.
            if entry.role == Inset && step < 0 {
                total += a.inset_crossing;
            } else if entry.role.removed() {
                total += a.gone_crossing;
            } else {
                total += entry.weight;
                kept += entry.weight;
            }
            if total < -slack || kept < -limit {
                break;
            }
            far = k as usize;
            k += step;
        }
        far
    }

    /// The view's non-blank lines as entries, the words of prose among them,
    /// and lone titles (by position): short lines standing as paragraphs of
    /// their own that do not end like a sentence.
    fn entries(&self, view: &View<'_>) -> (Vec<Entry>, usize, Vec<bool>) {
        let a = &self.a;
        let mut lines = Vec::new();
        let mut prose_total = 0;
        let mut lone = vec![false; view.texts.len()];
        let mut after_heading = false;
        for run in view.paragraphs() {
            let infos: Vec<&LineInfo> = run.clone().map(|pos| view.info(pos)).collect();
            let size = infos.len();
            // The group right under a heading of other stories, or led by one, is its list.
            let mut first = if after_heading {
                0
            } else if infos[0].heading {
                1
            } else {
                size
            };
            // A menu's last item ("More", a drop-down) heads no list.
            after_heading = infos[size - 1].heading
                && !(size >= a.menu_group_lines
                    && infos[..size - 1].iter().all(|info| info.menu_item));
            let (kinds, listing): (Vec<Kind>, bool) = if size == 1 {
                (vec![infos[0].alone], false)
            } else {
                let kinds: Vec<Kind> = infos.iter().map(|info| info.grouped).collect();
                // A group with a sentence in it, or whose lines mostly carry figures
                // or inner punctuation, is a list in the article.
                let listing = infos
                    .iter()
                    .zip(&kinds)
                    .any(|(info, &kind)| info.features.sentence && kind != Kind::Break)
                    || ratio_reached(
                        a.list_min_listy,
                        infos.iter().filter(|info| info.listy).count(),
                        size,
                    );
                (kinds, listing)
            };
            // Three or more lines with few paragraphs among them: other stories' teasers.
            let teasers = size >= a.teaser_group_lines
                && ratio_exceeded(
                    a.teaser_max_prose,
                    kinds.iter().filter(|&&kind| kind == Kind::Prose).count(),
                    size,
                );
            // A headline, its deck and byline under a header's "Latest" label are
            // the article's head: a byline or a date in the group says so.
            if !teasers || kinds[first.min(size)..].contains(&Kind::Break) {
                first = size;
            }
            for (k, pos) in run.enumerate() {
                let info = infos[k];
                let kind = kinds[k];
                if view.removed[pos] && kind != Kind::Break && kind != Kind::Legal {
                    let role = if view.inline[pos] { Inset } else { Gone };
                    lines.push(Entry {
                        pos,
                        role,
                        weight: a.removed_weight,
                        cue: info.cue,
                    });
                    continue;
                }
                let words = info.features.words;
                if k >= first {
                    lines.push(Entry {
                        pos,
                        role: Boxed,
                        weight: a.boxed_weight + a.boxed_word_weight * words as f64,
                        cue: info.cue,
                    });
                    continue;
                }
                let teaser = teasers
                    && !(kind == Kind::Prose
                        && ((k > 0 && kinds[k - 1] == Kind::Prose)
                            || (k + 1 < size && kinds[k + 1] == Kind::Prose)));
                // A title run into its deck is a teaser wherever it stands.
                let teaser = teaser || info.glued;
                lines.push(Entry {
                    pos,
                    role: Role::Line(kind),
                    weight: self.weight(kind, words, teaser, listing),
                    cue: info.cue,
                });
                if kind == Kind::Prose {
                    prose_total += words;
                } else if size == 1 && Role::Line(kind).title() && !info.features.sentence {
                    lone[pos] = true;
                }
            }
        }
        self.unbreak_between_prose(&mut lines, view);
        (lines, prose_total, lone)
    }

    /// Breaks with a paragraph of prose on each side end nothing: a stray
    /// "Related" button inside the article, the times and bylines heading a live
    /// blog's posts (a post's time, its title, its text) become furniture.
    fn unbreak_between_prose(&self, lines: &mut [Entry], view: &View<'_>) {
        let mut k = 1;
        while k + 1 < lines.len() {
            let mut j = k;
            while j + 1 < lines.len() && lines[j].role == BREAK {
                let info = view.info(lines[j].pos);
                if !(info.heading || info.stamp || info.byline) {
                    break;
                }
                j += 1;
            }
            let after = lines[j].role == PROSE
                || (lines[j].role.title()
                    && j + 1 < lines.len()
                    && lines[j + 1].role == PROSE
                    && (k..j).any(|i| self.clock.is_match(view.texts[lines[i].pos]))
                    && (k..j).all(|i| view.info(lines[i].pos).stamp));
            if j > k && lines[k - 1].role == PROSE && after {
                for entry in &mut lines[k..j] {
                    entry.role = Gone;
                    entry.weight = self.a.removed_weight;
                }
            }
            k = j.max(k + 1);
        }
    }

    /// The article's true edge when a box of other stories splits it, and the box's lines.
    fn across_module(
        &self,
        lines: &[Entry],
        start: usize,
        end: usize,
        step: isize,
        view: &View<'_>,
    ) -> Option<(usize, Vec<usize>)> {
        let a = &self.a;
        let len = lines.len() as isize;
        let edge = if step < 0 { start } else { end } as isize;
        let mut k = edge + step;
        let mut heading = false;
        // The box's lines, its heading and the first line of prose beyond it.
        loop {
            if !(0 <= k && k < len && (k - edge).unsigned_abs() <= a.module_lines + 2) {
                return None;
            }
            let role = lines[k as usize].role;
            if role == PROSE {
                break;
            }
            if role == BREAK {
                // Only a heading of other stories belongs to a box; a byline, a
                // date or a copyright line ends the article.
                if !view.info(lines[k as usize].pos).heading {
                    return None;
                }
                heading = true;
            }
            k += step;
        }
        if !heading {
            return None;
        }
        let k = k as usize;
        let mut far = k as isize;
        while 0 <= far + step && far + step < len && lines[(far + step) as usize].role != BREAK {
            far += step;
        }
        let far = far as usize;
        let (lo, hi) = if step < 0 { (far, k) } else { (k, far) };
        let (beyond_start, beyond_end) = densest(lines, lo, hi + 1)?;
        if (if step < 0 { beyond_end } else { beyond_start }) != k {
            return None;
        }
        // After the article, titles among the prose make it other stories' decks.
        if step > 0
            && lines[beyond_start..=beyond_end]
                .iter()
                .any(|e| e.role.title())
        {
            return None;
        }
        let beyond: f64 = sum(&lines[beyond_start..=beyond_end]);
        let region: f64 = sum(&lines[start..=end]);
        let share = if step < 0 {
            a.module_share
        } else {
            a.module_share_after
        };
        if beyond < share * region {
            return None;
        }
        let mut boxed: &[Entry] = if step < 0 {
            &lines[k + 1..start]
        } else {
            &lines[end + 1..k]
        };
        if step < 0 {
            // A box closed by a link to its section ("More in Politics") ends
            // there: the lines after it lead back into the article.
            let closing = boxed.iter().enumerate().rposition(|(i, entry)| {
                i > 0
                    && entry.role == BREAK
                    && self
                        .box_closing
                        .is_match(&crate::chars::lower(view.texts[entry.pos]))
            });
            if let Some(last) = closing {
                boxed = &boxed[..last + 1];
            }
        }
        let edge = if step < 0 { beyond_start } else { beyond_end };
        Some((edge, boxed.iter().map(|entry| entry.pos).collect()))
    }

    /// Index of the first paragraph of an article headed at `lines[k]`: a
    /// title, a byline (dates on either side), then prose with only removed
    /// lines between.
    fn head(&self, lines: &[Entry], k: usize, view: &View<'_>) -> Option<usize> {
        if lines[k].role != BREAK || !view.info(lines[k].pos).byline {
            return None;
        }
        let stamp = |i: usize| lines[i].role == BREAK && view.info(lines[i].pos).stamp;
        let mut j = k + 1;
        while j < lines.len() && (lines[j].role.removed() || stamp(j)) {
            j += 1;
        }
        let mut i = k as isize - 1;
        while i >= 0 && stamp(i as usize) {
            i -= 1;
        }
        if j < lines.len() && lines[j].role == PROSE && i >= 0 && lines[i as usize].role.title() {
            return Some(j);
        }
        None
    }

    /// The article's stretch when the heaviest one is a list above an article's
    /// head: decks under titles with no byline of their own yield to the first
    /// head after them, if its stretch weighs `head_share` of theirs.
    fn headed(&self, lines: &[Entry], start: usize, end: usize, view: &View<'_>) -> (usize, usize) {
        let a = &self.a;
        let decks = (start..end)
            .filter(|&k| lines[k].role.title() && lines[k + 1].role == PROSE)
            .count();
        if decks < a.min_decks
            || (start.saturating_sub(a.head_lines)..start)
                .any(|k| self.head(lines, k, view) == Some(start))
        {
            return (start, end);
        }
        let heaviest = sum(&lines[start..=end]);
        for k in end + 1..lines.len() {
            let Some(first) = self.head(lines, k, view) else {
                continue;
            };
            let mut last = first;
            while last + 1 < lines.len() && lines[last + 1].role != BREAK {
                last += 1;
            }
            if let Some((head_start, head_end)) = densest(lines, first, last + 1) {
                if head_start == first
                    && sum(&lines[head_start..=head_end]) >= a.head_share * heaviest
                {
                    return (head_start, head_end);
                }
            }
            break;
        }
        (start, end)
    }

    fn headline_like(&self, entry: &Entry, view: &View<'_>) -> bool {
        let words = view.info(entry.pos).features.words;
        entry.role.head()
            && self.a.headline_min_words <= words
            && words <= self.a.headline_max_words
    }

    /// View position of the title-like line right above `lines[k]`, if any.
    fn title_over(&self, lines: &[Entry], k: usize, view: &View<'_>) -> Option<usize> {
        (k > 0 && self.headline_like(&lines[k - 1], view)).then(|| lines[k - 1].pos)
    }

    /// View position of the article's headline: the nearest title-like line
    /// above it; a long deck's shorter title; over a byline, the title above it.
    fn headline(&self, lines: &[Entry], start: usize, view: &View<'_>) -> Option<usize> {
        let a = &self.a;
        for k in (start.saturating_sub(a.headline_lines)..start).rev() {
            if !self.headline_like(&lines[k], view) {
                continue;
            }
            let pos = lines[k].pos;
            let n = view.info(pos).features.words;
            let mut j = k as isize - 1;
            while j >= 0 && lines[j as usize].pos + 1 == lines[j as usize + 1].pos {
                let entry = &lines[j as usize];
                if entry.role == BREAK && view.info(entry.pos).byline {
                    return self.title_over(lines, j as usize, view);
                }
                j -= 1;
            }
            if n >= a.deck_words && k > 0 && lines[k - 1].role.head() {
                let above = view.info(lines[k - 1].pos).features.words;
                if a.deck_title_min_words <= above && above < n {
                    return Some(lines[k - 1].pos);
                }
            }
            return Some(pos);
        }
        // Farther up, past an author's name, role and buttons: the title over the byline.
        for k in (start.saturating_sub(a.byline_lines)..start).rev() {
            if lines[k].role == BREAK && view.info(lines[k].pos).byline {
                return self.title_over(lines, k, view);
            }
        }
        None
    }

    /// Find the article; None when the view has no line of positive weight and no comments.
    pub fn article(&self, view: &View<'_>) -> Option<Article> {
        let a = &self.a;
        let (mut lines, prose_total, lone) = self.entries(view);
        let mut comments = None;
        let mut seen = 0usize;
        let need = (a.comment_words as f64).min(a.comment_share * prose_total as f64);
        // A comment section has one heading; a cue printed again further down is
        // a button, and only its last copy can start the section.
        let mut last_cue = crate::HashMap::default();
        for entry in &lines {
            if entry.cue {
                last_cue.insert(view.texts[entry.pos], entry.pos);
            }
        }
        for k in 0..lines.len() {
            let entry = lines[k];
            if entry.cue
                && seen > 0
                && seen as f64 >= need
                && last_cue[view.texts[entry.pos]] == entry.pos
            {
                comments = Some(entry.pos);
                lines.truncate(k);
                break;
            }
            if entry.role == PROSE {
                seen += view.info(entry.pos).features.words;
            }
        }
        let Some((start, end)) = densest(&lines, 0, lines.len()) else {
            return comments.map(|at| Article {
                start: -1,
                end: -1,
                headline: None,
                comments: Some(at),
                holes: Vec::new(),
            });
        };
        let (mut start, mut end) = self.headed(&lines, start, end, view);
        let mut holes = Vec::new();
        if let Some((edge, boxed)) = self.across_module(&lines, start, end, -1, view) {
            start = edge;
            holes = boxed;
        }
        if let Some((edge, boxed)) = self.across_module(&lines, start, end, 1, view) {
            end = edge;
            holes.extend(boxed);
        }
        // Backwards the region grows over a list or a line that leads into the
        // article, and over a headline and its deck, not over lone titles.
        start = self.extend(&lines, start, -1, Some(&lone), Some(a.back_slack));
        end = self.extend(&lines, end, 1, None, None);
        // A title over a byline is the head of another story: a feed under the article.
        while end > start
            && lines[end].role.title()
            && end + 1 < lines.len()
            && lines[end + 1].role == BREAK
            && view.info(lines[end + 1].pos).byline
        {
            end -= 1;
        }
        let headline = self.headline(&lines, start, view);
        Some(Article {
            start: lines[start].pos as isize,
            end: lines[end].pos as isize,
            headline,
            comments,
            holes,
        })
    }
}

fn sum(entries: &[Entry]) -> f64 {
    entries.iter().map(|entry| entry.weight).sum()
}

/// First and last index of the heaviest stretch of `lines[lo..hi]` with no break in it.
fn densest(lines: &[Entry], lo: usize, hi: usize) -> Option<(usize, usize)> {
    let (mut best, mut best_start, mut best_end) = (0.0f64, None, 0);
    let (mut total, mut start) = (0.0f64, None::<usize>);
    for (k, entry) in lines.iter().enumerate().take(hi).skip(lo) {
        if entry.role == BREAK {
            total = 0.0;
            start = None;
            continue;
        }
        if start.is_none() || total <= 0.0 {
            total = 0.0;
            start = Some(k);
        }
        total += entry.weight;
        if total > best {
            best = total;
            best_start = start;
            best_end = k;
        }
    }
    best_start.map(|s| (s, best_end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::LineFeatures;

    fn options() -> SearchOptions {
        SearchOptions {
            teaser_prose_share: 0.2,
            row_word_weight: 0.5,
            item_weight: -1.0,
            list_item_weight: 2.0,
            teaser_item_weight: -3.0,
            menu_weight: -4.0,
            menu_word_weight: -0.5,
            list_row_weight: 1.0,
            short_weight: -2.0,
            short_word_weight: -0.1,
            legal_weight: -10.0,
            removed_weight: -1.0,
            boxed_weight: -5.0,
            boxed_word_weight: -0.5,
            teaser_group_lines: 3,
            teaser_max_prose: Part {
                numerator: 1,
                denominator: 2,
            },
            list_min_listy: Part {
                numerator: 1,
                denominator: 2,
            },
            menu_group_lines: 4,
            slack: 8.0,
            back_slack: 4.0,
            extend_lines: 10,
            gone_crossing: -0.5,
            inset_crossing: -0.1,
            lone_titles: 3,
            module_lines: 6,
            module_share: 0.3,
            module_share_after: 0.5,
            box_closing: "more in ".into(),
            min_decks: 2,
            head_lines: 4,
            head_share: 0.3,
            headline_lines: 3,
            byline_lines: 6,
            headline_min_words: 3,
            headline_max_words: 20,
            deck_words: 15,
            deck_title_min_words: 3,
            clock: r"\d{1,2}:\d\d".into(),
            clock_ignore_case: true,
            comment_words: 50,
            comment_share: 0.5,
        }
    }

    fn info(alone: Kind, words: usize) -> LineInfo {
        LineInfo {
            features: LineFeatures {
                words,
                stopwords: 0.0,
                sentence: alone == Kind::Prose,
                numbers: 0,
                digits: false,
            },
            alone,
            grouped: if alone == Kind::Short {
                Kind::Menu
            } else {
                alone
            },
            cue: false,
            listy: false,
            menu_item: alone == Kind::Short,
            glued: false,
            heading: false,
            stamp: false,
            byline: false,
        }
    }

    /// A page: a menu, a headline, three paragraphs, a cue and comments.
    fn page() -> (Vec<&'static str>, Vec<Option<LineInfo>>) {
        let mut cue = info(Kind::Short, 2);
        cue.cue = true;
        let rows: Vec<(&str, Option<LineInfo>)> = vec![
            ("Home", Some(info(Kind::Short, 1))),
            ("News", Some(info(Kind::Short, 1))),
            ("Sport", Some(info(Kind::Short, 1))),
            ("", None),
            ("Council keeps the library open", Some(info(Kind::Short, 5))),
            ("", None),
            ("first paragraph", Some(info(Kind::Prose, 40))),
            ("", None),
            ("second paragraph", Some(info(Kind::Prose, 30))),
            ("", None),
            ("third paragraph", Some(info(Kind::Prose, 25))),
            ("", None),
            ("12 comments", Some(cue)),
            ("", None),
            ("a comment", Some(info(Kind::Prose, 20))),
        ];
        rows.into_iter().unzip()
    }

    fn view<'a>(texts: &'a [&'a str], infos: &'a [Option<LineInfo>], none: &'a [bool]) -> View<'a> {
        View {
            texts,
            infos,
            removed: none,
            inline: none,
        }
    }

    /// The article of `page()` under `options`.
    fn article_of(options: SearchOptions) -> Article {
        let (texts, infos) = page();
        let none = vec![false; texts.len()];
        let search = Search::new(options).unwrap();
        search.article(&view(&texts, &infos, &none)).unwrap()
    }

    #[test]
    fn the_article_is_the_heaviest_stretch_and_comments_follow_it() {
        // Too little slack to grow back over the headline (-2.5): it is named apart.
        let found = article_of(SearchOptions {
            back_slack: 1.0,
            ..options()
        });
        assert_eq!((found.start, found.end), (6, 10));
        assert_eq!(found.headline, Some(4));
        assert_eq!(found.comments, Some(12));
        assert!(found.holes.is_empty());
        // With the slack to, the region takes the headline in, and has none above it.
        let found = article_of(options());
        assert_eq!((found.start, found.headline), (4, None));
    }

    #[test]
    fn a_cue_with_too_little_prose_behind_it_starts_nothing() {
        let found = article_of(SearchOptions {
            comment_words: 1000,
            comment_share: 0.99,
            ..options()
        });
        assert_eq!(found.comments, None);
        // The comment is prose too, past the cue's cheap line: the region grows over it.
        assert_eq!(found.end, 14);
    }

    #[test]
    fn a_view_without_weight_has_no_article() {
        let search = Search::new(options()).unwrap();
        let texts = vec!["Home", "News"];
        let infos = vec![Some(info(Kind::Short, 1)), Some(info(Kind::Short, 1))];
        let none = vec![false; 2];
        let view = view(&texts, &infos, &none);
        assert_eq!(search.article(&view), None);
        assert!(Search::new(SearchOptions {
            clock: "(".into(),
            ..options()
        })
        .is_err());
    }
}
