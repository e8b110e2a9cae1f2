//! General English word lists the grouping relies on: function words (which say little about
//! *which* utterance a quote is), negations and number words (which change what it says), and
//! adverbs marking a habitual report ("has repeatedly said"), which is many utterances, not one.

/// Function words, by comparison key (lowercase letters and digits, apostrophes dropped).
/// Negations are listed too: they matter for meaning (see [`is_negation`]) but not for telling
/// one utterance from another.
pub fn is_function_word(key: &str) -> bool {
    matches!(
        key,
        "a" | "an" | "the" | "and" | "or" | "but" | "if" | "then" | "so" | "than" | "that" | "this" | "these"
            | "those" | "there" | "here" | "it" | "its" | "i" | "me" | "my" | "we" | "us" | "our" | "you" | "your"
            | "he" | "him" | "his" | "she" | "her" | "they" | "them" | "their" | "what" | "which" | "who"
            | "whom" | "whose" | "when" | "where" | "why" | "how" | "is" | "are" | "was" | "were" | "be" | "been"
            | "being" | "am" | "do" | "does" | "did" | "done" | "have" | "has" | "had" | "having" | "will"
            | "would" | "shall" | "should" | "can" | "could" | "may" | "might" | "must" | "to" | "of" | "in"
            | "on" | "at" | "by" | "for" | "with" | "from" | "into" | "onto" | "about" | "as" | "up" | "down"
            | "out" | "off" | "over" | "under" | "again" | "also" | "just" | "very" | "too" | "all" | "any"
            | "some" | "such" | "own" | "same" | "other" | "more" | "most" | "only" | "even" | "still"
            | "not" | "no" | "nor" | "never" | "dont" | "doesnt" | "didnt" | "isnt" | "arent" | "wasnt"
            | "werent" | "wont" | "wouldnt" | "cant" | "cannot" | "couldnt" | "shouldnt" | "havent" | "hasnt"
            | "hadnt" | "im" | "ive" | "id" | "ill" | "youre" | "weve" | "theyre" | "theyve"
            | "hes" | "shes" | "thats" | "theres" | "whats" | "lets" | "well" | "oh" | "yes" | "s" | "t"
            | "n" | "d" | "ll" | "ve" | "re" | "m" | "because" | "while" | "though" | "although" | "whether"
            | "each" | "both" | "either" | "neither" | "every" | "whatever" | "said" | "says" | "say"
    )
}

/// Negation words by key (contractions ending in n't are found by their printed form).
pub fn is_negation(key: &str) -> bool {
    matches!(
        key,
        "not" | "no" | "never" | "none" | "nothing" | "nobody" | "noone" | "nowhere" | "neither" | "nor"
            | "cannot" | "without"
    )
}

/// Whether a printed word is a negation, contractions included ("didn't", "won’t").
pub fn word_is_negation(printed: &str, key: &str) -> bool {
    if is_negation(key) {
        return true;
    }
    let lower = printed.to_lowercase();
    let lower = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    lower.ends_with("n't") || lower.ends_with("n\u{2019}t") || lower.ends_with("nt") && is_nt_contraction(key)
}

/// Keys of n't contractions printed without an apostrophe ("dont", "cant").
fn is_nt_contraction(key: &str) -> bool {
    matches!(
        key,
        "dont" | "doesnt" | "didnt" | "isnt" | "arent" | "wasnt" | "werent" | "wont" | "wouldnt" | "cant"
            | "couldnt" | "shouldnt" | "havent" | "hasnt" | "hadnt" | "mustnt" | "neednt"
    )
}

/// The value of a number word ("seven", "twelve", "forty", "hundred", "million"), by key.
pub fn number_word(key: &str) -> Option<u64> {
    Some(match key {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "dozen" => 12,
        "half" => 0,
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        _ => return None,
    })
}

/// Adverbs that make a report habitual ("has repeatedly said", "often says").
pub fn is_habitual(key: &str) -> bool {
    matches!(
        key,
        "repeatedly" | "frequently" | "often" | "always" | "routinely" | "regularly" | "consistently"
            | "continually" | "constantly" | "persistently" | "previously" | "usually" | "habitually"
    )
}

/// [`is_habitual`] by word-layer key ([`parallax_core::words::word_key`]).
pub fn is_habitual_key(key: u64) -> bool {
    static KEYS: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
        [
            "repeatedly", "frequently", "often", "always", "routinely", "regularly", "consistently", "continually",
            "constantly", "persistently", "previously", "usually", "habitually",
        ]
        .iter()
        .map(|w| {
            debug_assert!(is_habitual(w));
            parallax_core::words::word_key(w)
        })
        .collect()
    });
    KEYS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        assert!(is_function_word("the") && !is_function_word("harbour"));
        assert!(word_is_negation("didn’t", "didnt") && word_is_negation("never", "never"));
        assert!(!word_is_negation("want", "want") && !word_is_negation("Kent", "kent"));
        assert_eq!(number_word("forty"), Some(40));
        assert!(is_habitual("repeatedly"));
        assert!(is_habitual_key(parallax_core::words::word_key("Often")));
    }
}
