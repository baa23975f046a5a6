//! Lines a page prints twice, and lines that pages of one site share.
//!
//! Both are decisions about line identity alone: a line is its stripped text,
//! and lengths count characters (code points), as Python's `len` does.

use crate::{HashMap, HashSet};

/// Indices into `texts` (a page's kept non-blank lines, in order) of the lines
/// repeated verbatim from earlier, the first copy kept.
///
/// A line printed twice in a row always goes. Otherwise a repeat whose
/// neighbours repeat too, in the same order, is part of a repeated block (rows
/// of a meal plan, the questions of a series of interviews), and a label
/// printed three times or more structures the article: neither is the doubled
/// headline or caption this step is for.
pub fn repeats(texts: &[&str]) -> Vec<usize> {
    // One table for both: how often a line comes, and where it came last.
    let mut seen: HashMap<&str, (usize, usize)> = HashMap::default();
    for text in texts {
        seen.entry(text).or_insert((0, usize::MAX)).0 += 1;
    }
    let mut found = Vec::new();
    for (k, text) in texts.iter().enumerate() {
        let entry = seen.get_mut(text).expect("every line was counted");
        let (count, j) = (entry.0, std::mem::replace(&mut entry.1, k));
        if j == usize::MAX {
            continue;
        }
        if j + 1 == k {
            found.push(k);
            continue;
        }
        let before = j > 0 && texts[k - 1] == texts[j - 1];
        let after = k + 1 < texts.len() && texts[k + 1] == texts[j + 1] && j + 1 != k;
        if !(before || after) && count < 3 {
            found.push(k);
        }
    }
    found
}

/// How pages without a URL are found to belong to one site.
#[derive(Clone, Copy, Debug)]
pub struct Grouping {
    /// Pages share a site when they share this many distinct long lines...
    pub shared_lines: usize,
    /// ...or, for short pages, this share of the long lines of the shorter one.
    pub shared_share: f64,
    /// A line is long from this many characters.
    pub long: usize,
    /// A line held by more pages than this says nothing about which site.
    pub most_holders: usize,
}

fn find(parent: &mut [usize], mut k: usize) -> usize {
    while parent[k] != k {
        parent[k] = parent[parent[k]];
        k = parent[k];
    }
    k
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// A group number per page (the group's first page): pages of one site share
/// one. `sites[k]` is page k's site when its URL gave one; a page without joins
/// the pages it shares enough distinct long lines with.
pub fn group_pages(pages: &[Vec<&str>], sites: &[Option<&str>], how: Grouping) -> Vec<usize> {
    let n = pages.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut first_of_site: HashMap<&str, usize> = HashMap::default();
    let mut unknown = vec![false; n];
    for (k, site) in sites.iter().enumerate() {
        match site {
            None => unknown[k] = true,
            Some(site) => match first_of_site.get(site) {
                Some(&first) => union(&mut parent, first, k),
                None => {
                    first_of_site.insert(site, k);
                }
            },
        }
    }
    if unknown.iter().any(|&u| u) {
        let mut holders: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut long_lines = vec![0usize; n];
        for (k, page) in pages.iter().enumerate() {
            let distinct: HashSet<&str> = page
                .iter()
                .copied()
                .filter(|line| line.chars().count() >= how.long)
                .collect();
            long_lines[k] = distinct.len();
            for line in distinct {
                holders.entry(line).or_default().push(k);
            }
        }
        let mut shared: HashMap<(usize, usize), usize> = HashMap::default();
        for ks in holders.values_mut() {
            if ks.len() < 2 || ks.len() > how.most_holders {
                continue;
            }
            ks.sort_unstable();
            for (i, &a) in ks.iter().enumerate() {
                for &b in &ks[i + 1..] {
                    if unknown[a] || unknown[b] {
                        *shared.entry((a, b)).or_default() += 1;
                    }
                }
            }
        }
        for ((a, b), count) in shared {
            let fewer = long_lines[a].min(long_lines[b]) as f64;
            let needed = (how.shared_lines as f64).min((how.shared_share * fewer).max(2.0));
            if count as f64 >= needed {
                union(&mut parent, a, b);
            }
        }
    }
    (0..n).map(|k| find(&mut parent, k)).collect()
}

/// Per page, its distinct non-blank lines that another page of its group also has.
pub fn site_lines<'a>(pages: &[Vec<&'a str>], groups: &[usize]) -> Vec<Vec<&'a str>> {
    let distinct: Vec<Vec<&str>> = pages
        .iter()
        .map(|page| {
            let mut seen = HashSet::default();
            page.iter()
                .copied()
                .filter(|line| !line.is_empty() && seen.insert(*line))
                .collect()
        })
        .collect();
    let mut counts: HashMap<(usize, &str), usize> = HashMap::default();
    for (lines, &group) in distinct.iter().zip(groups) {
        for line in lines {
            *counts.entry((group, line)).or_default() += 1;
        }
    }
    distinct
        .iter()
        .zip(groups)
        .map(|(lines, &group)| {
            lines
                .iter()
                .copied()
                .filter(|line| counts[&(group, *line)] >= 2)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOW: Grouping = Grouping {
        shared_lines: 8,
        shared_share: 0.3,
        long: 15,
        most_holders: 1000,
    };

    #[test]
    fn a_line_printed_twice_in_a_row_goes() {
        assert_eq!(repeats(&["a", "a", "b"]), [1]);
    }

    #[test]
    fn a_doubled_caption_goes_but_a_repeated_block_stays() {
        assert_eq!(repeats(&["cap", "x", "cap", "y"]), [2]);
        // "q1 a" repeats as a block (its neighbour repeats too, in order).
        assert_eq!(repeats(&["q1", "a", "z", "q1", "a"]), Vec::<usize>::new());
    }

    #[test]
    fn a_label_printed_three_times_structures_the_text() {
        assert_eq!(
            repeats(&["Meal", "x", "Meal", "y", "Meal", "z"]),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn pages_of_one_host_group_and_others_stay_apart() {
        let pages = vec![vec!["a"], vec!["b"], vec!["c"]];
        let sites = [Some("x.com"), Some("y.com"), Some("x.com")];
        assert_eq!(group_pages(&pages, &sites, HOW), [0, 1, 0]);
    }

    #[test]
    fn pages_without_a_url_group_by_shared_long_lines() {
        let furniture = [
            "Subscribe to our newsletter today",
            "All rights reserved by the paper",
        ];
        let page = |own: &'static str| -> Vec<&'static str> {
            let mut lines = furniture.to_vec();
            lines.push(own);
            lines
        };
        let pages = vec![
            page("one story of its own"),
            page("another story"),
            vec!["short"],
        ];
        assert_eq!(group_pages(&pages, &[None, None, None], HOW), [0, 0, 2]);
    }

    #[test]
    fn site_lines_are_those_another_page_of_the_group_has() {
        let pages = vec![vec!["menu", "story one", "menu"], vec!["menu", "story two"]];
        assert_eq!(
            site_lines(&pages, &[0, 0]),
            vec![vec!["menu"], vec!["menu"]]
        );
        assert_eq!(
            site_lines(&pages, &[0, 1]),
            vec![Vec::<&str>::new(), vec![]]
        );
    }
}
