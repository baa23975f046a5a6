//! Rule patterns, written for Python's `regex` module (VERSION1), read for the
//! linear engine (the `regex` crate).
//!
//! A pattern runs on the linear engine only where both engines give it the same
//! meaning. `check` walks the crate's syntax tree and admits an explicit list of
//! constructs; everything else (lookaround, back-references, atomic groups,
//! possessive quantifiers, `\Z`, `\m`, fuzzy matching, named lists, POSIX classes,
//! nested sets and set operations, verbose mode, scripts and other properties
//! than general categories) keeps the pattern on Python's engine, the slow path.
//!
//! Two rewrites widen what runs here:
//! - lookaheads at the very start of a pattern, `(?=.{1,100}$)(?:...)`, are a
//!   conjunction: the line must match each lookahead's body from its start (or,
//!   for `(?!...)`, must not) and the rest in full (`split_leading`);
//! - for a pattern that stays on the slow path, `over_approximation` drops what
//!   only narrows a match (lookarounds, atomicity, possessiveness) and widens a
//!   back-reference to anything; where that runs here, a line it does not match
//!   in full cannot match the pattern, and Python's engine is never asked.

use regex_syntax::ast::{self, Ast};

use crate::unsure;

/// What a group opener is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Plain,
    Ahead,
    Behind,
    Atomic,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok<'a> {
    /// A group opener, `(`, `(?:`, `(?i:`, `(?P<name>`, `(?=`, `(?<!`, `(?>` ...;
    /// for lookarounds, whether it is positive.
    Open(&'a str, Group, bool),
    Close,
    Bar,
    /// A quantifier with its lazy `?` or possessive `+`, and whether possessive.
    Quant(&'a str, bool),
    /// `\1`, `\g<name>`, `(?P=name)`.
    Backref(&'a str),
    /// `(?i)` and the like: flags for the rest of the group.
    Flags(&'a str),
    /// Anything else, kept as written: a character, an escape, a class.
    Atom(&'a str),
}

/// The pattern's tokens, or None for syntax the reading does not follow
/// (verbose mode, conditionals, recursion, verbs, an unbalanced class).
fn tokens(src: &str) -> Option<Vec<Tok<'_>>> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b'\\' => {
                i = escape_end(src, i)?;
                let text = &src[start..i];
                let next = text.as_bytes().get(1).copied().unwrap_or(0);
                if next.is_ascii_digit() && next != b'0' || text.starts_with("\\g<") {
                    out.push(Tok::Backref(text));
                } else {
                    out.push(Tok::Atom(text));
                }
            }
            b'[' => {
                i = class_end(src, i)?;
                out.push(Tok::Atom(&src[start..i]));
            }
            b'(' => {
                let rest = &src[i..];
                if rest.starts_with("(*") {
                    return None;
                }
                if let Some(after) = rest.strip_prefix("(?") {
                    if after.starts_with('#') {
                        i += rest.find(')')? + 1;
                        continue;
                    }
                    let (tok, len) = group_opener(rest, after)?;
                    i += len;
                    out.push(tok);
                } else {
                    i += 1;
                    out.push(Tok::Open("(", Group::Plain, true));
                }
            }
            b')' => {
                i += 1;
                out.push(Tok::Close);
            }
            b'|' => {
                i += 1;
                out.push(Tok::Bar);
            }
            b'*' | b'+' | b'?' => {
                i += 1;
                i = quantifier(src, start, i, &mut out);
            }
            b'{' => match counted_end(src, i) {
                Some(end) => i = quantifier(src, start, end, &mut out),
                None => {
                    i += 1;
                    out.push(Tok::Atom("{"));
                }
            },
            _ => {
                let c = src[i..].chars().next()?;
                i += c.len_utf8();
                out.push(Tok::Atom(&src[start..i]));
            }
        }
    }
    Some(out)
}

/// A quantifier ending at `end`, with its lazy `?` or possessive `+`.
fn quantifier<'a>(src: &'a str, start: usize, end: usize, out: &mut Vec<Tok<'a>>) -> usize {
    match src.as_bytes().get(end) {
        Some(b'?') => {
            out.push(Tok::Quant(&src[start..end + 1], false));
            end + 1
        }
        Some(b'+') => {
            out.push(Tok::Quant(&src[start..end + 1], true));
            end + 1
        }
        _ => {
            out.push(Tok::Quant(&src[start..end], false));
            end
        }
    }
}

/// The end of `{m}`, `{m,}`, `{,n}` or `{m,n}` at `at`; a brace that is no
/// quantifier is a literal in Python's syntax.
fn counted_end(src: &str, at: usize) -> Option<usize> {
    let body = &src[at + 1..];
    let close = body.find('}')?;
    let inner = &body[..close];
    let (low, high) = match inner.split_once(',') {
        Some((low, high)) => (low, Some(high)),
        None => (inner, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let valid = match high {
        None => !low.is_empty() && digits(low),
        Some(high) => digits(low) && digits(high) && !(low.is_empty() && high.is_empty()),
    };
    valid.then_some(at + close + 2)
}

/// The end of the escape at `at` (a backslash).
fn escape_end(src: &str, at: usize) -> Option<usize> {
    let rest = &src[at + 1..];
    let c = rest.chars().next()?;
    let mut end = at + 1 + c.len_utf8();
    let after = &src[end..];
    let hex =
        |n: usize| after.len() >= n && after.as_bytes()[..n].iter().all(u8::is_ascii_hexdigit);
    match c {
        'p' | 'P' | 'N' if after.starts_with('{') => end += after.find('}')? + 1,
        'g' | 'L' if after.starts_with('<') => end += after.find('>')? + 1,
        'x' if hex(2) => end += 2,
        'u' if hex(4) => end += 4,
        'U' if hex(8) => end += 8,
        '1'..='9' => end += after.bytes().take_while(u8::is_ascii_digit).count(),
        _ => {}
    }
    Some(end)
}

/// The end of the character class at `at` (a `[`), nested sets (VERSION1) included.
fn class_end(src: &str, at: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = at + 1;
    let mut depth = 1;
    let mut first = true;
    while i < bytes.len() {
        match bytes[i] {
            b'^' if first => {
                i += 1;
                continue;
            }
            b']' if first => i += 1,
            b'\\' => i = escape_end(src, i)?,
            b'[' => {
                depth += 1;
                i += 1;
                first = true;
                continue;
            }
            b']' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += src[i..].chars().next()?.len_utf8(),
        }
        first = false;
    }
    None
}

/// The token for a `(?` opener and its length, or None for a kind not followed.
fn group_opener<'a>(rest: &'a str, after: &str) -> Option<(Tok<'a>, usize)> {
    for (prefix, group, positive) in [
        ("=", Group::Ahead, true),
        ("!", Group::Ahead, false),
        ("<=", Group::Behind, true),
        ("<!", Group::Behind, false),
        (">", Group::Atomic, true),
    ] {
        if after.starts_with(prefix) {
            let len = 2 + prefix.len();
            return Some((Tok::Open(&rest[..len], group, positive), len));
        }
    }
    if after.starts_with("P=") {
        let len = rest.find(')')? + 1;
        return Some((Tok::Backref(&rest[..len]), len));
    }
    if after.starts_with("P<") || after.starts_with('<') {
        let len = rest.find('>')? + 1;
        return Some((Tok::Open(&rest[..len], Group::Plain, true), len));
    }
    let flags = after
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'-')
        .count();
    let letters = &after[..flags];
    if letters.contains('x') {
        return None; // verbose: whitespace and comments, read differently in classes
    }
    let len = 2 + flags + 1;
    match after.as_bytes().get(flags) {
        Some(b')') if flags > 0 => Some((Tok::Flags(&rest[..len]), len)),
        Some(b':') => Some((Tok::Open(&rest[..len], Group::Plain, true), len)),
        _ => None,
    }
}

/// The tokens as written.
fn emit(toks: &[Tok<'_>]) -> String {
    let mut out = String::new();
    for tok in toks {
        out.push_str(match tok {
            Tok::Open(text, _, _)
            | Tok::Quant(text, _)
            | Tok::Flags(text)
            | Tok::Atom(text)
            | Tok::Backref(text) => text,
            Tok::Close => ")",
            Tok::Bar => "|",
        });
    }
    out
}

/// The index of the `Close` that matches the `Open` at `open`.
fn closing(toks: &[Tok<'_>], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, tok) in toks.iter().enumerate().skip(open) {
        match tok {
            Tok::Open(..) => depth += 1,
            Tok::Close => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A pattern as a conjunction: lookaheads at its start (positive or negative,
/// each matched from the start of the text) and the rest, matched in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub ahead: Vec<(bool, String)>,
    pub rest: String,
}

impl Split {
    /// The lookaheads' bodies and the rest.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.ahead
            .iter()
            .map(|(_, body)| body.as_str())
            .chain([self.rest.as_str()])
    }
}

/// `src` with its leading lookaheads taken apart, when that keeps its meaning.
///
/// Flags at the very start apply to the whole pattern, so each part gets them.
/// A lookahead applies only to the first alternative of a top-level `|`, so a
/// pattern with both is left whole.
pub fn split_leading(src: &str) -> Option<Split> {
    let toks = tokens(src)?;
    let mut i = 0;
    while matches!(toks.get(i), Some(Tok::Flags(_))) {
        i += 1;
    }
    let flags = emit(&toks[..i]);
    let mut ahead = Vec::new();
    while let Some(Tok::Open(_, Group::Ahead, positive)) = toks.get(i) {
        let close = closing(&toks, i)?;
        if matches!(toks.get(close + 1), Some(Tok::Quant(..))) {
            return None;
        }
        ahead.push((*positive, format!("{flags}{}", emit(&toks[i + 1..close]))));
        i = close + 1;
    }
    let rest = &toks[i..];
    if !ahead.is_empty() {
        let mut depth = 0usize;
        for tok in rest {
            match tok {
                Tok::Open(..) => depth += 1,
                Tok::Close => depth = depth.checked_sub(1)?,
                Tok::Bar if depth == 0 => return None,
                _ => {}
            }
        }
    }
    Some(Split {
        ahead,
        rest: format!("{flags}{}", emit(rest)),
    })
}

/// A pattern that every text matching `src` matches too (see the module doc),
/// or None when `src` cannot be read.
pub fn over_approximation(src: &str) -> Option<String> {
    let toks = tokens(src)?;
    let mut kept = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open(_, Group::Ahead | Group::Behind, _) => {
                i = closing(&toks, i)? + 1;
                if matches!(toks.get(i), Some(Tok::Quant(..))) {
                    i += 1;
                }
                continue;
            }
            Tok::Open(_, Group::Atomic, _) => kept.push(Tok::Open("(?:", Group::Plain, true)),
            Tok::Quant(text, true) => kept.push(Tok::Quant(&text[..text.len() - 1], false)),
            Tok::Backref(_) => kept.push(Tok::Atom("(?s:.*)")),
            tok => kept.push(tok.clone()),
        }
        i += 1;
    }
    Some(emit(&kept))
}

/// Whether `src` holds anything that only the slow path knows, as a reason.
pub fn python_only(src: &str) -> Option<&'static str> {
    let Some(toks) = tokens(src) else {
        return Some("syntax that only Python's regex module has (verbose mode, conditionals, recursion or verbs)");
    };
    for tok in &toks {
        match tok {
            Tok::Open(_, Group::Ahead | Group::Behind, _) => return Some("lookaround"),
            Tok::Open(_, Group::Atomic, _) => return Some("an atomic group"),
            Tok::Quant(_, true) => return Some("a possessive quantifier"),
            Tok::Backref(_) => return Some("a back-reference"),
            _ => {}
        }
    }
    None
}

/// What `check` found out about a pattern the linear engine can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Info {
    /// Some part of it matches case-insensitively.
    pub folds: bool,
}

/// Whether the `regex` crate reads `src` as Python's `regex` does; the reason when not.
pub fn check(src: &str, ignore_case: bool) -> Result<Info, String> {
    if let Some(reason) = python_only(src) {
        return Err(reason.to_string());
    }
    let ast = ast::parse::ParserBuilder::new()
        .nest_limit(200)
        .build()
        .parse(src)
        .map_err(|e| {
            format!(
                "syntax the linear engine reads differently or not at all ({})",
                e.kind()
            )
        })?;
    let mut info = Info { folds: ignore_case };
    walk(&ast, ignore_case, true, &mut info)?;
    Ok(info)
}

fn walk(ast: &Ast, ci: bool, top: bool, info: &mut Info) -> Result<(), String> {
    match ast {
        Ast::Empty(_) | Ast::Dot(_) => Ok(()),
        Ast::ClassPerl(class) => perl(class, ci),
        Ast::Flags(set) => {
            if !top {
                return Err(inline_flags());
            }
            flags(&set.flags, ci, info).map(|_| ())
        }
        Ast::Literal(lit) => literal(lit, ci),
        Ast::Assertion(assertion) => match assertion.kind {
            ast::AssertionKind::StartLine
            | ast::AssertionKind::EndLine
            | ast::AssertionKind::StartText
            | ast::AssertionKind::EndText
            | ast::AssertionKind::WordBoundary
            | ast::AssertionKind::NotWordBoundary => Ok(()),
            _ => Err("a word-start or word-end assertion (\\<, \\>, \\b{...}), which Python reads otherwise".into()),
        },
        Ast::ClassUnicode(class) => property(class, ci),
        Ast::ClassBracketed(class) => class_set(&class.kind, ci),
        Ast::Repetition(rep) => walk(&rep.ast, ci, false, info),
        Ast::Group(group) => {
            let inner = match &group.kind {
                ast::GroupKind::NonCapturing(set) => flags(set, ci, info)?,
                _ => ci,
            };
            walk(&group.ast, inner, false, info)
        }
        Ast::Alternation(alt) => alt.asts.iter().try_for_each(|a| walk(a, ci, false, info)),
        Ast::Concat(concat) => {
            let mut ci = ci;
            for (i, item) in concat.asts.iter().enumerate() {
                if let Ast::Flags(set) = item {
                    if !(top && i == 0) {
                        return Err(inline_flags());
                    }
                    ci = flags(&set.flags, ci, info)?;
                } else {
                    walk(item, ci, false, info)?;
                }
            }
            Ok(())
        }
    }
}

fn inline_flags() -> String {
    "inline flags after the start of the pattern; use a scoped group, (?i:...)".into()
}

/// Case-insensitivity after `set`; only `i`, `m` and `s` (and their negation) mean the same.
fn flags(set: &ast::Flags, ci: bool, info: &mut Info) -> Result<bool, String> {
    let mut on = true;
    let mut ci = ci;
    for item in &set.items {
        match item.kind {
            ast::FlagsItemKind::Negation => on = false,
            ast::FlagsItemKind::Flag(ast::Flag::CaseInsensitive) => {
                ci = on;
                info.folds |= on;
            }
            ast::FlagsItemKind::Flag(ast::Flag::MultiLine | ast::Flag::DotMatchesNewLine) => {}
            ast::FlagsItemKind::Flag(flag) => {
                return Err(format!(
                    "the inline flag {flag:?}, which Python reads otherwise"
                ))
            }
        }
    }
    Ok(ci)
}

fn literal(lit: &ast::Literal, ci: bool) -> Result<(), String> {
    use ast::{LiteralKind, SpecialLiteralKind};
    match &lit.kind {
        LiteralKind::Verbatim
        | LiteralKind::Meta
        | LiteralKind::Superfluous
        | LiteralKind::HexFixed(_)
        | LiteralKind::Special(
            SpecialLiteralKind::Bell
            | SpecialLiteralKind::FormFeed
            | SpecialLiteralKind::Tab
            | SpecialLiteralKind::LineFeed
            | SpecialLiteralKind::CarriageReturn
            | SpecialLiteralKind::VerticalTab,
        ) => {}
        _ => return Err("an escape that Python reads otherwise".into()),
    }
    if ci && unsure::case_unsure(lit.c) {
        return Err(case_reason(lit.c));
    }
    Ok(())
}

fn case_reason(c: char) -> String {
    format!(
        "{c:?} (U+{:04X}) matched case-insensitively, which Python's regex module does with full case folding",
        c as u32
    )
}

/// General categories only: both engines take them from the Unicode tables
/// alike (scripts, for one, are Script_Extensions in the crate and Script in
/// Python). Under IGNORECASE only those that fold alike too (`unsure::FOLD_ALIKE`):
/// to Python's module `(?i)\p{Lu}` holds every cased letter.
fn property(class: &ast::ClassUnicode, ci: bool) -> Result<(), String> {
    let name = match &class.kind {
        ast::ClassUnicodeKind::OneLetter(c) => c.to_string(),
        ast::ClassUnicodeKind::Named(name) => name.clone(),
        ast::ClassUnicodeKind::NamedValue { .. } => {
            return Err("a property with a value (\\p{name=value})".into())
        }
    };
    let key: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let Some(&(short, _)) = GENERAL_CATEGORIES
        .iter()
        .find(|(short, long)| key == short.to_ascii_lowercase() || key == *long)
    else {
        return Err(format!(
            "the property \\p{{{name}}}: only general categories run on the linear engine"
        ));
    };
    if ci && !unsure::folds_alike(&format!("\\p{{{short}}}")) {
        return Err(format!(
            "the property \\p{{{name}}} matched case-insensitively, which Python's regex module reads otherwise"
        ));
    }
    Ok(())
}

/// General categories by their short and long names (the long ones as
/// compared: lower case, no spaces, hyphens or underscores).
pub const GENERAL_CATEGORIES: &[(&str, &str)] = &[
    ("L", "letter"),
    ("Lu", "uppercaseletter"),
    ("Ll", "lowercaseletter"),
    ("Lt", "titlecaseletter"),
    ("Lm", "modifierletter"),
    ("Lo", "otherletter"),
    ("M", "mark"),
    ("Mn", "nonspacingmark"),
    ("Mc", "spacingmark"),
    ("Me", "enclosingmark"),
    ("N", "number"),
    ("Nd", "decimalnumber"),
    ("Nl", "letternumber"),
    ("No", "othernumber"),
    ("P", "punctuation"),
    ("Pc", "connectorpunctuation"),
    ("Pd", "dashpunctuation"),
    ("Ps", "openpunctuation"),
    ("Pe", "closepunctuation"),
    ("Pi", "initialpunctuation"),
    ("Pf", "finalpunctuation"),
    ("Po", "otherpunctuation"),
    ("S", "symbol"),
    ("Sm", "mathsymbol"),
    ("Sc", "currencysymbol"),
    ("Sk", "modifiersymbol"),
    ("So", "othersymbol"),
    ("Z", "separator"),
    ("Zs", "spaceseparator"),
    ("Zl", "lineseparator"),
    ("Zp", "paragraphseparator"),
    ("Cc", "control"),
    ("Cf", "format"),
    ("Co", "privateuse"),
];

fn perl(class: &ast::ClassPerl, ci: bool) -> Result<(), String> {
    let name = match (class.kind.clone(), class.negated) {
        (ast::ClassPerlKind::Digit, false) => "\\d",
        (ast::ClassPerlKind::Digit, true) => "\\D",
        (ast::ClassPerlKind::Space, false) => "\\s",
        (ast::ClassPerlKind::Space, true) => "\\S",
        (ast::ClassPerlKind::Word, false) => "\\w",
        (ast::ClassPerlKind::Word, true) => "\\W",
    };
    if ci && !unsure::folds_alike(name) {
        return Err(format!(
            "{name} matched case-insensitively, which Python's regex module reads otherwise"
        ));
    }
    Ok(())
}

fn class_set(set: &ast::ClassSet, ci: bool) -> Result<(), String> {
    match set {
        ast::ClassSet::BinaryOp(_) => Err("a set operation (&&, --, ~~) in a class".into()),
        ast::ClassSet::Item(item) => class_item(item, ci),
    }
}

fn class_item(item: &ast::ClassSetItem, ci: bool) -> Result<(), String> {
    match item {
        ast::ClassSetItem::Empty(_) => Ok(()),
        ast::ClassSetItem::Perl(class) => perl(class, ci),
        ast::ClassSetItem::Literal(lit) => literal(lit, ci),
        ast::ClassSetItem::Range(range) => {
            literal(&range.start, false)?;
            literal(&range.end, false)?;
            if ci {
                if let Some(c) = unsure::case_unsure_in(range.start.c, range.end.c) {
                    return Err(case_reason(c));
                }
            }
            Ok(())
        }
        ast::ClassSetItem::Ascii(_) => {
            Err("a POSIX class ([:alpha:]), ASCII-only in the linear engine".into())
        }
        ast::ClassSetItem::Unicode(class) => property(class, ci),
        ast::ClassSetItem::Bracketed(_) => Err("a nested set".into()),
        ast::ClassSetItem::Union(union) => union.items.iter().try_for_each(|i| class_item(i, ci)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_lookaheads_come_apart_with_the_global_flags() {
        let split = split_leading("(?i)(?=.{1,100}$)(?!x)(?:a|b)").unwrap();
        assert_eq!(
            split.ahead,
            [(true, "(?i).{1,100}$".into()), (false, "(?i)x".into())]
        );
        assert_eq!(split.rest, "(?i)(?:a|b)");
        // A lookahead before a top-level alternation applies to its first branch only.
        assert_eq!(split_leading("(?=a)a|b"), None);
        assert_eq!(split_leading("(?=a)*b"), None);
        let plain = split_leading("a|b").unwrap();
        assert!(plain.ahead.is_empty());
        assert_eq!(plain.rest, "a|b");
    }

    #[test]
    fn escapes_and_classes_are_not_syntax() {
        let split = split_leading(r"(?=\()[(?=]\(?=x").unwrap();
        assert_eq!(split.ahead, [(true, r"\(".into())]);
        assert_eq!(split.rest, r"[(?=]\(?=x");
        assert_eq!(split_leading(r"[]a)](?=x)").unwrap().rest, r"[]a)](?=x)");
    }

    #[test]
    fn the_over_approximation_drops_what_only_narrows() {
        assert_eq!(
            over_approximation(r"(?<=\b\p{L})\.(?>a+)b*+(x)\1(?#note)c?(?=y)?").unwrap(),
            r"\.(?:a+)b*(x)(?s:.*)c?"
        );
        assert_eq!(over_approximation("(?x)a # b"), None);
    }

    #[test]
    fn only_constructs_of_the_same_meaning_pass() {
        for ok in [
            r"(?:subscribe|sign up)\s{0,3}[|/·•]?",
            r"\p{Lu}[\p{L}.'’-]*\s+\d{1,2}",
            r"(?i)foo(?-i:Bar)",
            r"[^.!?]{2,80}\b",
            r"\x41\u00e9\t",
        ] {
            assert!(check(ok, false).is_ok(), "{ok}: {:?}", check(ok, false));
        }
        for bad in [
            r"(?=a)b",
            r"(?>a)",
            r"a*+",
            r"(a)\1",
            r"a\Z",
            r"\mword\M",
            r"[[:alpha:]]",
            r"[[a-z]--[aeiou]]",
            r"\p{Latin}",
            r"(?x)a b",
            r"a(?i)b",
            r"\<word\>",
            r"(?:ab){e<=1}",
            r"\L<names>",
        ] {
            assert!(check(bad, false).is_err(), "{bad}");
        }
        assert!(check("(?i:x)", false).unwrap().folds);
        assert!(check(r"\p{Lu}\p{Letter}", false).is_ok());
        assert!(check(r"(?i)\p{Uppercase_Letter}", false).is_err());
        assert!(check(r"(?i)\p{Nd}\w", false).is_ok());
        assert!(!check("x", false).unwrap().folds);
    }
}
