//! The speech-verb lexicon.
//!
//! A general English inventory of reporting verbs (checked against the cue inventory of the
//! PolNeAR training split), looked up through a hash map built once. Lookups lowercase the
//! token into a stack buffer, so the hot path never allocates.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What a cue word allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Introduces a reported clause ("said that …"): usable for indirect speech.
    pub clause: bool,
    /// Takes an addressee object before the clause ("told reporters that …").
    pub object: bool,
    /// A participle ("saying", "adding"): its speaker is the subject of the main clause.
    pub participle: bool,
    /// A core verb of saying: strong evidence on its own.
    pub core: bool,
}

const CORE: &[&str] = &[
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
    "write", "writes", "wrote", "writing", "continue", "continues", "continued", "ask", "asks", "asked",
    "replies", "replied", "responds", "responded", "answers", "answered",
    "explain", "explains", "explained", "explaining", "tweets", "tweeted", "tweeting", "state",
    "states", "stated", "stating", "notes", "noted", "noting", "declare", "declares", "declared",
    "remarks", "remarked", "insist", "insists", "insisted", "insisting", "argue", "argues",
    "argued", "arguing", "claims", "claimed", "claiming", "allege", "alleges", "alleged",
    "warns", "warned", "warning", "recall", "recalls", "recalled", "admit", "admits", "admitted",
    "acknowledge", "acknowledges", "acknowledged", "concede", "concedes", "conceded", "announce",
    "announces", "announced", "suggests", "suggested", "predicts", "predicted",
    "reiterate", "reiterated", "repeat", "repeated", "stress", "stressed", "emphasize", "emphasized",
    "emphasise", "emphasised", "maintain", "maintains", "maintained", "contend", "contends", "contended",
    "countered", "assert", "asserts", "asserted", "confirms", "confirmed",
    "denies", "denied", "reports", "reported", "promises", "promised",
    "vows", "vowed", "pledged", "pledges", "joked", "jokes", "quipped",
    "boasted", "brag", "bragged", "complains", "complained", "lamented",
    "laments", "observed", "observes", "concluded", "concludes", "testify",
    "testified", "revealed", "reveals", "disclosed", "agree", "agreed", "agrees",
    "assured", "informed", "reminded", "retorted", "exclaim",
    "exclaimed", "shouted", "yelled", "screamed", "chanted",
    "mused", "wonder", "wondered", "opined", "proclaimed", "post",
    "posted", "texted", "emailed", "pleaded", "demanded",
    "hinted", "speculated", "estimated", "indicated",
    "indicates", "accused", "accuses", "accusing", "calls", "called", "calling",
    "describes", "described", "describing", "dubbed", "labeled", "labelled",
    "branded", "termed", "blasted", "slammed", "criticize",
    "criticized", "criticised", "praised", "urged", "urges", "reads",
    "according", "snapped", "cried", "sighed", "whispered",
    "scoffed", "questioned", "charged", "charges", "mention",
    "mentioned", "mentions", "related", "recounted", "write", "began",
    "went", "thundered", "sneered", "interjected", "share",
    "shared", "offered", "reasoned", "pointed", "elaborated",
];

/// Verbs that take a reported clause (used for indirect speech).
const CLAUSE: &[&str] = &[
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
    "write", "writes", "wrote", "explain", "explains", "explained", "explaining", "states",
    "stated", "stating", "note", "notes", "noted", "noting", "declare", "declares", "declared", "insist",
    "insists", "insisted", "insisting", "argue", "argues", "argued", "arguing", "claim", "claims",
    "claimed", "claiming", "allege", "alleges", "alleged", "warn", "warns", "warned", "warning", "recall",
    "recalls", "recalled", "admit", "admits", "admitted", "acknowledge", "acknowledges", "acknowledged",
    "concede", "concedes", "conceded", "announces", "announced", "suggest", "suggests",
    "suggested", "predict", "predicts", "predicted", "reiterate", "reiterated", "stress", "stressed",
    "emphasize", "emphasized", "emphasised", "maintain", "maintains", "maintained", "contend", "contends",
    "contended", "countered", "assert", "asserts", "asserted", "confirm", "confirms", "confirmed", "deny",
    "denies", "denied", "reports", "reported", "promise", "promises", "promised", "vow",
    "vows", "vowed", "pledge", "pledged", "joked", "boasted", "bragged", "complain", "complains",
    "complained", "lament", "lamented", "observed", "concluded", "testified", "revealed", "disclosed",
    "agree", "agreed", "agrees", "assured", "informed", "reminded", "hinted", "speculated", "estimated",
    "indicated", "indicates", "wrote", "writes", "tweeted", "replied", "responded", "answered",
    "asked", "asks", "wondered", "mentioned", "charged", "reasoned", "believe", "believes", "believed",
    "think", "thinks", "thought", "argue", "predicts", "acknowledging", "suggesting", "announcing",
    "explains", "insisting", "contending", "recalling", "adding", "noting", "pointing",
];

/// Base forms that are far more often nouns in news ("secretary of state", "a report").
const NOUNS: &[&str] = &["state", "report", "post", "text", "question", "tweet", "call", "term", "label", "brand", "point", "share", "offer", "reason", "charge", "claim", "promise", "pledge", "vow", "note", "remark", "answer", "reply", "read", "counter", "email", "demand", "estimate", "mention", "repeat", "stress", "deny", "muse", "text", "snap", "cry", "sigh", "chant", "shout"];

/// Verbs whose first complement is the addressee.
const OBJECT: &[&str] = &[
    "tell", "tells", "told", "telling", "assure", "assured", "inform", "informed", "remind", "reminded",
    "warn", "warned", "warns", "ask", "asked", "asks", "urge", "urged", "promise", "promised",
];

fn table() -> &'static HashMap<&'static str, Cue> {
    static T: OnceLock<HashMap<&'static str, Cue>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for &w in CORE.iter().chain(CLAUSE).filter(|w| !NOUNS.contains(w)) {
            m.insert(w, Cue {
                clause: CLAUSE.contains(&w),
                object: OBJECT.contains(&w),
                participle: w.ends_with("ing") && w != "according",
                core: CORE.contains(&w),
            });
        }
        m
    })
}

/// Verbs that attribute a stance through an infinitive ("plans to …", "refused to …").
const INFINITIVE: &[&str] = &[
    "plans", "planned", "wants", "wanted", "hopes", "hoped", "promised", "promises", "vowed", "vows",
    "pledged", "pledges", "refused", "refuses", "declined", "declines", "threatened", "threatens",
    "intends", "intended", "agreed", "offered", "sought", "seeks", "urged", "urges", "encouraged",
    "proposed", "proposes", "vowing", "promising", "pledging", "refusing", "declining", "threatening",
];

/// Verbs that attribute a stance or a statement through a noun-phrase object ("criticized the
/// plan", "called for an inquiry"). PolNeAR-style annotation counts these as attributions.
const OBJECT_REPORT: &[&str] = &[
    "criticized", "criticised", "criticizes", "criticises", "criticizing", "praised", "praises",
    "praising", "endorsed", "endorses", "endorsing", "announced", "announces", "denied", "denies",
    "rejected", "rejects", "defended", "defends", "defending", "proposed", "proposes", "cited",
    "cites", "citing", "supported", "supports", "opposed", "opposes", "questioned", "blamed",
    "blames", "condemned", "condemns", "welcomed", "welcomes", "demanded", "demands", "touted",
    "touts", "touting", "attacked", "attacks", "attacking", "slammed", "blasted", "mocked",
    "mocking", "dismissed", "dismisses", "unveiled", "described", "describes", "discussed",
    "mentioned", "disputed", "disputes", "highlighted", "backed", "backs", "predicted",
    "acknowledged", "recalled", "celebrated", "lauded", "decried", "lamented", "applauded",
    "called", "calls", "calling", "pushed", "pushing", "argued", "accused", "accuses", "accusing",
];

fn set(list: &'static [&'static str]) -> std::collections::HashSet<&'static str> {
    list.iter().copied().collect()
}

/// An infinitive-taking stance verb (case-insensitive).
pub fn infinitive(word: &str) -> bool {
    static S: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    let mut buf = [0u8; 24];
    lower(word, &mut buf).is_some_and(|w| S.get_or_init(|| set(INFINITIVE)).contains(w))
}

/// A verb attributing through a noun-phrase object (case-insensitive).
pub fn object_report(word: &str) -> bool {
    static S: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    let mut buf = [0u8; 24];
    lower(word, &mut buf).is_some_and(|w| S.get_or_init(|| set(OBJECT_REPORT)).contains(w))
}

/// How far a mined cue's reported text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// To the sentence end.
    End,
    /// To the next comma, dash, colon or bracket.
    Comma,
}

/// A cue mined from the training split (`data/cues.tsv`, written by `scripts/mine_cues.py`):
/// how often the generic rule "the rest of the sentence after the word is reported" was
/// right for it, and how far the text runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mined {
    pub precision: f32,
    pub reach: Reach,
}

const MINED_TSV: &str = include_str!("../data/cues.tsv");

fn mined_table() -> &'static HashMap<&'static str, Mined> {
    static T: OnceLock<HashMap<&'static str, Mined>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in MINED_TSV.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 {
                continue;
            }
            let Ok(precision) = f[3].parse::<f32>() else { continue };
            let reach = if f[4] == "comma" { Reach::Comma } else { Reach::End };
            m.insert(f[0], Mined { precision, reach });
        }
        m
    })
}

/// The mined cue a word is, if any (case-insensitive; curly apostrophes made straight).
pub fn mined(word: &str) -> Option<Mined> {
    let mut buf = [0u8; 24];
    if word.contains('’') {
        let w = word.replace('’', "'");
        return lower(&w, &mut buf).and_then(|w| mined_table().get(w).copied());
    }
    lower(word, &mut buf).and_then(|w| mined_table().get(w).copied())
}

/// Lowercases an ASCII word into `buf`; `None` for long or non-ASCII words.
pub fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let b = word.as_bytes();
    if b.len() > buf.len() || !b.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// The cue a word is, if any (case-insensitive).
pub fn cue(word: &str) -> Option<Cue> {
    let mut buf = [0u8; 24];
    lower(word, &mut buf).and_then(|w| table().get(w).copied())
}

/// Case-insensitive membership of `word` in a list of lowercase words.
pub fn is_one_of(word: &str, list: &[&str]) -> bool {
    let mut buf = [0u8; 24];
    lower(word, &mut buf).is_some_and(|w| list.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_case_insensitively() {
        assert!(cue("Said").is_some_and(|c| c.clause && c.core));
        assert!(cue("told").is_some_and(|c| c.object));
        assert!(cue("saying").is_some_and(|c| c.participle));
        assert!(cue("table").is_none());
        assert!(cue("ééé").is_none());
        assert!(mined("argued").is_some());
        assert!(mined("table").is_none());
    }
}
