//! Tokens and the small closed word lists the timeline needs to find verbs without a tagger.
//!
//! The rules are deliberately shallow (suffixes, irregular forms, auxiliaries): they run in
//! linear time over the body and only have to find the *finite* verbs of news sentences
//! ("walked out", "was suspended", "will meet"), not every verb.

use parallax_core::Span;
use std::borrow::Cow;

/// One word of the body: its byte span and lowercased text.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub span: Span,
    /// Borrowed from the document's ASCII-lowercased body (no allocation per word); owned
    /// only for words with non-ASCII letters or curly apostrophes.
    lc: Cow<'a, str>,
    /// First character is uppercase.
    pub capital: bool,
}

impl Token<'_> {
    pub fn lower(&self) -> &str {
        &self.lc
    }
}

/// Words of `text[range]` (letters/digits, with inner apostrophes, hyphens and dots between
/// digits kept), as spans into `text`. `lower` is `text.to_ascii_lowercase()` (same byte
/// offsets), computed once per document.
pub fn tokens<'a>(text: &str, lower: &'a str, range: Span) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let Some(slice) = text.get(range.clone()) else { return out };
    let base = range.start;
    let mut start: Option<usize> = None;
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_alnum = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        let inner = matches!(c, '\'' | '’' | '-' | '.' | ',') && start.is_some() && next_alnum;
        // A dot or comma only joins digits ("1.6", "3,000").
        let inner = inner
            && (!matches!(c, '.' | ',')
                || (slice[..i].chars().next_back().is_some_and(|p| p.is_ascii_digit())
                    && chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit())));
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(make(slice, lower, base, s, i));
        }
    }
    if let Some(s) = start {
        out.push(make(slice, lower, base, s, slice.len()));
    }
    out
}

fn make<'a>(slice: &str, lower: &'a str, base: usize, s: usize, e: usize) -> Token<'a> {
    let w = &slice[s..e];
    let lc = match lower.get(base + s..base + e) {
        Some(l) if w.is_ascii() && l.len() == w.len() => Cow::Borrowed(l),
        _ if w.contains('’') => Cow::Owned(w.to_lowercase().replace('’', "'")),
        _ => Cow::Owned(w.to_lowercase()),
    };
    Token {
        span: base + s..base + e,
        lc,
        capital: w.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Auxiliaries and modals that may precede a main verb in its verb group.
pub fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "has" | "have" | "had" | "having" | "was" | "were" | "is" | "are" | "am" | "be" | "been"
            | "being" | "will" | "would" | "shall" | "should" | "can" | "could" | "may" | "might"
            | "must" | "did" | "does" | "do" | "get" | "got" | "gets" | "'s" | "'ve" | "'d" | "'ll"
            | "he's" | "she's" | "it's" | "they've" | "we've" | "they'd" | "he'd" | "she'd"
            | "they'll" | "we'll" | "he'll" | "she'll" | "it'll" | "i'll"
    )
}

/// Adverbs that sit inside a verb group ("had already taken", "was not decided").
pub fn is_group_adverb(w: &str) -> bool {
    matches!(w, "not" | "never" | "already" | "also" | "just" | "still" | "then" | "later" | "first" | "now" | "recently" | "again" | "since" | "formally" | "finally" | "officially" | "reportedly" | "allegedly")
        || (w.len() > 4 && w.ends_with("ly") && !matches!(w, "only" | "early" | "family" | "italy" | "july" | "rally" | "ally" | "reply" | "supply" | "apply" | "assembly" | "weekly" | "daily" | "monthly" | "yearly"))
}

/// Marks a verb group as future or hypothetical.
pub fn is_future_marker(w: &str) -> bool {
    matches!(w, "will" | "would" | "shall" | "'ll" | "they'll" | "we'll" | "he'll" | "she'll" | "it'll" | "i'll" | "could" | "might" | "may" | "should" | "must")
}

/// Irregular past tense and past participle forms common in news.
pub fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "went" | "gone" | "came" | "began" | "begun" | "held" | "met" | "told" | "said" | "took"
            | "taken" | "made" | "gave" | "given" | "won" | "lost" | "left" | "sold" | "bought"
            | "built" | "broke" | "broken" | "brought" | "fell" | "fallen" | "found" | "led"
            | "ran" | "saw" | "seen" | "sent" | "set" | "spent" | "stood" | "struck" | "wrote"
            | "written" | "knew" | "known" | "chose" | "chosen" | "drove" | "driven" | "flew"
            | "flown" | "grew" | "grown" | "hit" | "kept" | "paid" | "put" | "quit" | "rose"
            | "risen" | "sat" | "shut" | "spoke" | "spoken" | "stole" | "stolen" | "threw"
            | "thrown" | "withdrew" | "withdrawn" | "fought" | "caught" | "sought" | "heard"
            | "became" | "overtook" | "undertook" | "shook" | "shot" | "cut" | "beat" | "beaten"
            | "bit" | "swore" | "sworn" | "tore" | "torn" | "woke" | "forgot" | "hid" | "hidden"
            | "lent" | "meant" | "felt" | "thought" | "understood" | "upheld" | "overturned"
            | "shown" | "done" | "dealt" | "fled" | "froze" | "hung" | "laid" | "lay" | "let"
            | "mistook" | "oversaw" | "overseen" | "rang" | "rode" | "sang" | "sank" | "slid"
            | "split" | "spread" | "sprang" | "stuck" | "stung" | "swept" | "swung" | "taught"
            | "forbade" | "foresaw" | "wound" | "read" | "born" | "bore" | "arose"
            | "awoke" | "bid" | "bound" | "bred" | "cast" | "clung" | "dug" | "fed" | "fit"
            | "forgave" | "forgiven" | "leapt" | "lit" | "outgrew" | "proved" | "rebuilt"
            | "rewrote" | "sped" | "spun" | "strove" | "withheld" | "unveiled"
    )
}

/// `-ed` words that are not verbs.
fn is_ed_non_verb(w: &str) -> bool {
    w.ends_with("eed") && !matches!(w, "agreed" | "freed" | "decreed")
        || matches!(
            w,
            "red" | "bed" | "shed" | "hundred" | "wed" | "naked" | "wicked" | "sacred" | "kindred"
                | "rugged" | "ragged" | "beloved" | "aged" | "learned" | "wretched" | "embed"
                | "shred" | "sled" | "infrared" | "biped"
        )
}

/// Past tense or past participle, by form.
pub fn is_past_form(w: &str) -> bool {
    if is_irregular_past(w) {
        return true;
    }
    w.len() > 4 && w.is_ascii() && w.ends_with("ed") && !is_ed_non_verb(w) && !w.contains('-')
}

/// Words after which an `-ed` form is an adjective or noun modifier, not a verb.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "this" | "these" | "those" | "his" | "her" | "its" | "their" | "our"
            | "my" | "your" | "some" | "any" | "no" | "every" | "each" | "of" | "for" | "with"
            | "most" | "more" | "less" | "very" | "well" | "newly" | "so" | "too" | "much" | "as"
            | "in" | "into" | "from" | "on" | "at" | "such" | "un" | "than" | "non" | "fully"
    )
}

/// Present-tense verbs of public acts that report an occurrence even without a past form
/// ("announces", "unveils").
pub fn is_present_event_verb(w: &str) -> bool {
    matches!(
        w,
        "announces" | "unveils" | "launches" | "releases" | "confirms" | "resigns" | "wins"
            | "loses" | "agrees" | "votes" | "approves" | "rejects" | "files" | "sues" | "signs"
            | "opens" | "closes" | "begins" | "ends" | "meets" | "expels" | "suspends" | "buys"
            | "sells" | "acquires" | "cuts" | "raises" | "warns" | "dies" | "arrives" | "leaves"
            | "introduces" | "reveals" | "claims" | "denies" | "admits" | "accuses" | "orders"
            | "bans" | "blocks" | "fires" | "hires" | "elects" | "passes" | "strikes" | "calls"
            | "plans" | "says" | "tells"
    )
}

/// Verbs that only introduce what someone said: they date a statement only when the clause
/// itself carries a date ("said on Tuesday"); otherwise every quote would become an event.
pub fn is_plain_speech(w: &str) -> bool {
    matches!(
        w,
        "said" | "says" | "say" | "told" | "tells" | "tell" | "added" | "adds" | "asked" | "asks"
            | "explained" | "explains" | "continued" | "replied" | "wrote" | "writes" | "stated"
            | "according" | "noted" | "insisted" | "argued" | "suggested" | "believed" | "thought"
    )
}

/// Past forms that describe states or attitudes, not occurrences.
pub fn is_stative(w: &str) -> bool {
    matches!(
        w,
        "was" | "were" | "is" | "are" | "had" | "did" | "been" | "seemed" | "appeared" | "remained" | "wanted"
            | "needed" | "liked" | "loved" | "hoped" | "expected" | "used" | "felt" | "knew"
            | "known" | "meant" | "concerned" | "involved" | "based" | "related" | "interested"
            | "supposed" | "entitled" | "married" | "located" | "reported" | "aged" | "born"
            | "let" | "set" | "put" | "read" | "fit" | "bound" | "lay" | "owned" | "existed"
            | "belonged" | "contained" | "included" | "seen" | "understood" | "considered"
            | "described" | "called" | "named" | "dubbed" | "titled" | "headed" | "led"
            | "estimated" | "compared" | "combined" | "followed" | "accused" | "alleged"
    )
}

/// Nouns that name an occurrence ("filed a lawsuit", "lost its court case", "his keynote
/// address"): cited as extra evidence of the event of their clause.
pub fn is_event_noun(w: &str) -> bool {
    matches!(
        w,
        "lawsuit" | "suit" | "case" | "dispute" | "settlement" | "agreement" | "deal" | "meeting"
            | "interview" | "conference" | "keynote" | "address" | "speech" | "statement"
            | "announcement" | "launch" | "release" | "sale" | "sales" | "vote" | "election"
            | "strike" | "talks" | "protest" | "attack" | "decision" | "ruling" | "verdict"
            | "trial" | "hearing" | "investigation" | "inquiry" | "review" | "appearance" | "visit"
            | "resignation" | "suspension" | "expulsion" | "departure" | "arrival" | "merger"
            | "acquisition" | "takeover" | "offer" | "bid" | "reduction" | "increase" | "crash"
            | "accident" | "explosion" | "death" | "arrest" | "request" | "leave" | "absence"
            | "pre-orders" | "pre-order" | "walkout" | "stoppage" | "shutdown" | "closure"
            | "opening" | "ceremony" | "summit" | "debate" | "referendum" | "appeal" | "complaint"
            | "motion" | "invitation" | "transplant" | "surgery" | "demand" | "shipment"
    )
}

/// Particles that complete a phrasal verb ("walked out", "broke down").
pub fn is_particle(w: &str) -> bool {
    matches!(w, "out" | "off" | "up" | "down" | "back" | "over" | "away" | "public" | "place")
}

/// Words that start a new clause inside a sentence.
pub fn is_clause_opener(w: &str) -> bool {
    matches!(
        w,
        "and" | "but" | "or" | "which" | "who" | "whom" | "whose" | "where" | "when" | "while"
            | "after" | "before" | "because" | "although" | "though" | "since" | "that" | "if"
            | "unless" | "whereas" | "as" | "saying" | "until" | "so"
    )
}

/// Function words left out of the content bag used to match events across outlets.
pub fn is_stopword(w: &str) -> bool {
    w.len() < 3
        || matches!(
            w,
            "the" | "and" | "but" | "for" | "with" | "from" | "into" | "onto" | "that" | "this"
                | "these" | "those" | "which" | "who" | "whom" | "whose" | "was" | "were" | "has"
                | "have" | "had" | "been" | "being" | "are" | "will" | "would" | "could" | "should"
                | "his" | "her" | "its" | "their" | "our" | "they" | "them" | "she" | "him" | "not"
                | "also" | "after" | "before" | "when" | "while" | "then" | "than" | "about"
                | "said" | "says" | "told" | "there" | "what" | "where" | "over" | "out" | "one"
                | "all" | "any" | "some" | "more" | "most" | "very" | "just" | "already" | "did"
                | "does" | "on" | "at" | "by" | "of" | "in" | "to" | "an" | "a" | "it" | "he"
                | "we" | "you" | "your" | "my" | "me" | "us" | "last" | "next" | "week" | "day"
                | "today" | "yesterday" | "monday" | "tuesday" | "wednesday" | "thursday"
                | "friday" | "saturday" | "sunday" | "night" | "morning" | "afternoon"
                | "evening" | "earlier" | "later" | "ago"
        )
}

/// A crude stem: lowercase word without a common inflection, cut to 6 bytes, so that
/// "suspended" / "suspension" / "suspending" and "meeting" / "meet" share it.
pub fn stem(w: &str) -> &str {
    let mut s = w.trim_end_matches("'s");
    for suf in ["ing", "ed", "es", "s", "ion"] {
        if s.len() > suf.len() + 3 && s.ends_with(suf) {
            s = &s[..s.len() - suf.len()];
            break;
        }
    }
    let mut end = s.len().min(6);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_inner_marks() {
        let t = "He’s paid 1.6 million, then walked-out.";
        let lower = t.to_ascii_lowercase();
        let w: Vec<String> = tokens(t, &lower, 0..t.len()).iter().map(|t| t.lower().to_string()).collect();
        assert_eq!(w, ["he's", "paid", "1.6", "million", "then", "walked-out"]);
    }

    #[test]
    fn past_forms() {
        assert!(is_past_form("suspended"));
        assert!(is_past_form("went"));
        assert!(!is_past_form("need"));
        assert!(!is_past_form("red"));
        assert_eq!(stem("suspended"), stem("suspending"));
    }
}
