//! Page furniture that survives main-text extraction because it sits inside the article
//! container: paywall and subscription prompts, copyright and reprint notices, affiliate
//! disclosures, app and social-media prompts, and homoglyph spam. Each rule matches a general
//! shape of such lines, never the wording of one outlet. Lines holding a quotation are kept:
//! an article may quote such wording.

use std::sync::LazyLock;

use regex::Regex;

/// Furniture lines are short; a long paragraph that mentions a subscription is reporting.
const MAX_WORDS: usize = 45;

static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    let shapes = [
        // Paywalls and subscription prompts addressed to the reader.
        r"\bsubscribe (now|today|here|to (read|view|continue|get|access|our))\b",
        r"\b(please|to (read|view|continue|access)[^.]{0,40}) subscribe\b",
        r"\b(already|become) a (subscriber|member)\b",
        r"\b(log|sign) in (for|to) (immediate|full|continue|read|access)",
        r"\bfor the full (story|article)\b",
        // Copyright and reprint notices.
        r"\ball rights reserved\b",
        r"\bcopyrighted (property|material)\b",
        r"\b(reprint|republish|redistribut)\w*\b[^.]{0,60}\bpermission\b",
        r"\bpermission\b[^.]{0,60}\b(reprint|republish|redistribut)\w*",
        r"\bmay not be (published|broadcast|rewritten|redistributed|reproduced)\b",
        // Affiliate and advertising disclosures.
        r"\baffiliate (links?|commissions?|partners?)\b",
        r"\bmay (receive|earn|get) (a )?(small )?(compensation|commission)\b",
        r"\bindependent review process\b",
        // Newsletter, app and social-media prompts.
        r"\bnever miss (a|an|the|our)\b[^.]{0,20}\b(story|stories|news|updates?|headlines?|issues?)\b",
        r"\bsign up (here|now|today|free)\b|\bfree sign up\b",
        r"\bdownload (our|the)\b[^.]{0,40}\bapps?\b[^.]{0,20}\b(ios|android|app store|google play)\b",
        r"^(please )?follow\b[^.]{0,40}\bon (twitter|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky)\b",
        r"\b(we want to|we'd love to|we would like to) hear (from you|what you think)\b",
        r"\bsubmit (your|a) letter\b",
    ];
    Regex::new(&format!("(?i){}", shapes.join("|"))).expect("static pattern")
});

/// A short line naming a newsletter, e.g. a signup box's heading ("The Morning Newsletter").
static NEWSLETTER_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^[\p{L}\p{N}' ]{0,40}\bnewsletters?$").expect("static pattern"));

/// Whether a main-text line is page furniture.
pub(crate) fn is_furniture(line: &str) -> bool {
    let words = line.split_whitespace().count();
    if mixes_latin_and_cyrillic(line) {
        return true;
    }
    let quoted = line.contains(['"', '“', '”']);
    !quoted && (words <= MAX_WORDS && FURNITURE.is_match(line) || words <= 6 && NEWSLETTER_HEADING.is_match(line))
}

/// Words spelt with Latin and Cyrillic letters at once ("Yоur" with a Cyrillic о) are written
/// to slip past spam filters; no language writes words that way.
fn mixes_latin_and_cyrillic(line: &str) -> bool {
    let mixed = line
        .split_whitespace()
        .filter(|word| {
            let cyrillic = word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
            cyrillic && word.chars().any(|c| c.is_ascii_alphabetic())
        })
        .count();
    mixed >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_and_notices_are_furniture() {
        for line in [
            "Subscribe now to read the rest of this story in our digital edition.",
            "To read the full article, please subscribe to the Harbour Gazette.",
            "Already a subscriber? Log in for full access.",
            "© 2031 Example Media Ltd. All rights reserved.",
            "This story is the copyrighted property of Example Media and may not be reprinted without written permission.",
            "We may earn a commission when you buy through links on our site.",
            "Get our briefing by email and never miss our top stories. Sign up here",
            "For breaking news download the Example News app for iOS and Android.",
            "Follow the Harbour Gazette on Twitter and Facebook.",
            "We want to hear what you think about this article.",
            "The Harbour Gazette Newsletter",
            "Yоur аd hеrе rеасhеs thоusаnds оf rеаdеrs",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn reporting_is_not_furniture() {
        for line in [
            "The streaming service said it had lost 200,000 subscribers in the quarter.",
            "\"Subscribe now or miss out,\" the advert read, according to the complaint.",
            "Officials said they would follow the case closely.",
            "She said she would never miss a match at the old ground.",
            "Fans were urged to follow the club on Twitter, the statement said.",
            "The council's newsletter reached every household in the borough last spring, officials said.",
            "Москва и Санкт-Петербург",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
