use std::ops::Range;

/// A byte range into a [`Document::body`], always on char boundaries.
pub type Span = Range<usize>;

/// A publication date (proleptic Gregorian, no time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl CalendarDate {
    /// Accepts `YYYY-MM-DD` and RFC 3339 timestamps (the date part is taken as written).
    pub fn parse(s: &str) -> Option<CalendarDate> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || !s.is_char_boundary(10) || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) { part.parse().ok() } else { None }
        };
        let (year, month, day) = (digits(0..4)? as i32, digits(5..7)? as u8, digits(8..10)? as u8);
        if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(CalendarDate { year, month, day })
    }
}

impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// One article after cleaning: the text the analysis runs on, split into paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub id: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<CalendarDate>,
    /// The cleaned main text: kept paragraphs joined by `\n`, each copied verbatim from the input.
    pub body: String,
    /// Paragraph spans into `body`, in order, non-empty, never containing `\n`.
    pub paragraphs: Vec<Span>,
    /// What each paragraph is (parallel to `paragraphs`; empty means all [`ParagraphRole::Text`]).
    pub roles: Vec<ParagraphRole>,
    /// Photo captions and credit lines, taken out of the body as boilerplate but kept here:
    /// they name people and organisations ("JANE DOE/Outlet", "Union leader Tom Birch ...").
    pub captions: Vec<String>,
}

/// Cleaning keeps section headings in the body (they are the article's own words) but marks
/// them, so that speech is only read from running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParagraphRole {
    #[default]
    Text,
    /// A section heading inside the article ("What happens next").
    Heading,
}

impl Document {
    /// Builds a document whose body is `paragraphs` joined by newlines.
    pub fn from_paragraphs<'a>(id: impl Into<String>, paragraphs: impl IntoIterator<Item = &'a str>) -> Document {
        let mut body = String::new();
        let mut spans = Vec::new();
        for p in paragraphs {
            if p.trim().is_empty() {
                continue;
            }
            if !body.is_empty() {
                body.push('\n');
            }
            let start = body.len();
            body.push_str(p);
            spans.push(start..body.len());
        }
        Document { id: id.into(), body, paragraphs: spans, ..Document::default() }
    }

    pub fn text(&self, span: &Span) -> &str {
        &self.body[span.clone()]
    }

    /// Index of the paragraph holding byte `at`.
    pub fn paragraph_of(&self, at: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end < at);
        (i < self.paragraphs.len() && self.paragraphs[i].start <= at).then_some(i)
    }

    pub fn role(&self, paragraph: usize) -> ParagraphRole {
        self.roles.get(paragraph).copied().unwrap_or_default()
    }

    /// What to call the article: its title, else the opening words of its first paragraph
    /// (a lede reads as a headline), else its id.
    pub fn headline(&self) -> String {
        if let Some(title) = self.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            return title.to_owned();
        }
        let Some(first) = self.paragraphs.first() else { return self.id.clone() };
        let text = self.text(first).trim();
        let sentence_end = text.find(". ").map_or(text.len(), |i| i + 1);
        let sentence = &text[..sentence_end];
        let words: Vec<&str> = sentence.split_whitespace().collect();
        if words.len() <= 16 {
            sentence.to_owned()
        } else {
            format!("{}…", words[..14].join(" "))
        }
    }

    pub fn word_count(&self) -> usize {
        self.body.split_whitespace().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_timestamps() {
        assert_eq!(CalendarDate::parse("2022-08-23"), Some(CalendarDate { year: 2022, month: 8, day: 23 }));
        assert_eq!(CalendarDate::parse("2022-08-23T10:00:00+12:00").unwrap().day, 23);
        assert_eq!(CalendarDate::parse("2022-02-30"), None);
        assert_eq!(CalendarDate::parse("2022-08-2x"), None);
        assert_eq!(CalendarDate::parse("é"), None);
    }

    #[test]
    fn paragraphs_are_body_slices() {
        let d = Document::from_paragraphs("a", ["One.", "", "Two é."]);
        assert_eq!(d.body, "One.\nTwo é.");
        assert_eq!(d.text(&d.paragraphs[1]), "Two é.");
        assert_eq!(d.paragraph_of(5), Some(1));
        assert_eq!(d.paragraph_of(4), Some(0));
        assert_eq!(d.headline(), "One.");
        let long = Document::from_paragraphs("b", ["one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen."]);
        assert_eq!(long.headline(), "one two three four five six seven eight nine ten eleven twelve thirteen fourteen…");
        assert_eq!(Document::from_paragraphs("c", Vec::<&str>::new()).headline(), "c");
    }
}
