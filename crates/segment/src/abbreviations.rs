//! Word lists for English news abbreviations. General resources, not fitted to any article.

/// Titles and honorifics that precede a name; never end a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Cmdr",
    "Sgt", "Maj", "Adm", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Det", "Cpl", "Pvt", "Amb",
    "Sec", "Atty", "Mme", "Mlle", "St", "Messrs",
];

/// Abbreviations that usually sit mid-sentence but may end one.
const ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos",
    "vs", "v", "etc", "Inc", "Corp", "Co", "Ltd", "Bros", "Jr", "Sr", "approx", "est", "Dept",
    "Univ", "Ave", "Blvd", "Rd", "Mt", "Ft", "ca", "cf", "al", "fig", "Fig", "Vol", "vol", "pp",
    "Ph", "Mass", "Calif", "Fla", "Ill", "Pa", "Va", "Wash", "Mich", "Ariz", "Conn", "Colo", "Ga",
    "Ky", "La", "Md", "Minn", "Mo", "Nev", "Okla", "Ore", "Tenn", "Tex", "Wis", "Ala",
];

/// Words that commonly open a sentence (used after an ambiguous full stop).
const OPENERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At",
    "This", "That", "These", "Those", "There", "His", "Her", "Their", "Its", "Our", "My", "If",
    "When", "While", "After", "Before", "As", "Some", "Many", "Most", "No", "Yet", "So", "Still",
    "However", "Meanwhile", "Also", "Now", "Then", "For", "What", "Who", "Why", "How", "Asked",
];

pub fn is_title(word: &str) -> bool {
    TITLES.contains(&word)
}

pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

pub fn is_sentence_opener(word: &str) -> bool {
    OPENERS.contains(&word)
}
