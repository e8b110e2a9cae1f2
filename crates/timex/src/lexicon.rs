//! Word lists: every English word the recogniser reacts to, classified once
//! per token so that the grammar compares small enums instead of strings.

/// Calendar units a quantity can measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Parts of the day, with their TIMEX3 suffix codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Pod {
    pub fn code(self) -> &'static str {
        match self {
            Pod::Morning => "TMO",
            Pod::Afternoon => "TAF",
            Pod::Evening => "TEV",
            Pod::Night => "TNI",
        }
    }
}

/// Named holidays we can put on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    Christmas,
    Thanksgiving,
    Easter,
    Halloween,
    NewYear,
    Independence,
    Labor,
    Memorial,
    Valentine,
    Veterans,
    Election,
}

/// The class of one token. `Other` for anything the grammar never looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    Other,
    /// Full month name (1..=12); `abbr` when it is a short form like "Aug" that needs a dot or a day.
    Month(u8, bool),
    /// Weekday, Monday = 1; `plural` for "Mondays".
    Weekday(u8, bool),
    /// Cardinal number word ("two", "twenty", "hundred").
    NumWord(u32),
    /// Ordinal word ("first" = 1, "twentieth" = 20).
    Ordinal(u8),
    Unit(Unit, bool),
    /// Season index: 0 spring, 1 summer, 2 fall, 3 winter; plural flag.
    Season(u8, bool),
    Pod(Pod, bool),
    Holiday(Holiday),
    Today,
    Tonight,
    Tomorrow,
    Yesterday,
    Now,
    Currently,
    Nowadays,
    Recently,
    Recent,
    Current,
    Past,
    Future,
    Last,
    Next,
    This,
    These,
    That,
    Coming,
    Upcoming,
    Previous,
    Following,
    Latest,
    Same,
    Comparable,
    Early,
    Late,
    Mid,
    Earlier,
    Later,
    End,
    Beginning,
    Start,
    Middle,
    Ago,
    Before,
    After,
    Hence,
    From,
    Every,
    Each,
    OtherWord,
    /// daily, weekly, ... with the unit they repeat.
    Freq(Unit),
    Nightly,
    Fiscal,
    Half,
    Weekend,
    Period,
    Noon,
    Midnight,
    The,
    A,
    An,
    Of,
    And,
    Or,
    In,
    On,
    At,
    For,
    Over,
    Within,
    Through,
    During,
    Since,
    Until,
    By,
    To,
    Than,
    /// about, around, nearly, almost, roughly, approximately
    Approx,
    More,
    Less,
    Least,
    Most,
    Up,
    No,
    Several,
    Few,
    Couple,
    Many,
    Some,
    Dozen,
    Dozens,
    /// a.m. / p.m. written as one word ("am", "pm")
    Am,
    Pm,
    Tz,
    Clock,
    /// Future cues: will, shall, scheduled, plans, expected, due, ...
    FutureCue,
    /// "would", "could", "might", lower-case "may": weaker future cues.
    Modal,
    Times,
    Once,
    Twice,
    Per,
    /// money / amount words after which "a year" is a rate: million, billion, percent, cents, dollars
    Amount,
    Old,
    Long,
    So,
    Its,
    /// Past-tense verbs that are not "-ed" forms: was, said, told...
    PastCue,
    /// "the nineties": tens of the decade.
    DecadeWord(u8),
}

/// Classify a lower-cased ASCII word.
pub fn lookup(w: &str) -> Lex {
    use Lex::*;
    use self::Unit as U;
    match w {
        "january" => Month(1, false),
        "february" => Month(2, false),
        "march" => Month(3, false),
        "april" => Month(4, false),
        "may" => Month(5, false),
        "june" => Month(6, false),
        "july" => Month(7, false),
        "august" => Month(8, false),
        "september" => Month(9, false),
        "october" => Month(10, false),
        "november" => Month(11, false),
        "december" => Month(12, false),
        "jan" => Month(1, true),
        "feb" => Month(2, true),
        "mar" => Month(3, true),
        "apr" => Month(4, true),
        "jun" => Month(6, true),
        "jul" => Month(7, true),
        "aug" => Month(8, true),
        "sep" | "sept" => Month(9, true),
        "oct" => Month(10, true),
        "nov" => Month(11, true),
        "dec" => Month(12, true),
        "monday" => Weekday(1, false),
        "tuesday" => Weekday(2, false),
        "wednesday" => Weekday(3, false),
        "thursday" => Weekday(4, false),
        "friday" => Weekday(5, false),
        "saturday" => Weekday(6, false),
        "sunday" => Weekday(7, false),
        "mondays" => Weekday(1, true),
        "tuesdays" => Weekday(2, true),
        "wednesdays" => Weekday(3, true),
        "thursdays" => Weekday(4, true),
        "fridays" => Weekday(5, true),
        "saturdays" => Weekday(6, true),
        "sundays" => Weekday(7, true),
        "one" => NumWord(1),
        "two" => NumWord(2),
        "three" => NumWord(3),
        "four" => NumWord(4),
        "five" => NumWord(5),
        "six" => NumWord(6),
        "seven" => NumWord(7),
        "eight" => NumWord(8),
        "nine" => NumWord(9),
        "ten" => NumWord(10),
        "eleven" => NumWord(11),
        "twelve" => NumWord(12),
        "thirteen" => NumWord(13),
        "fourteen" => NumWord(14),
        "fifteen" => NumWord(15),
        "sixteen" => NumWord(16),
        "seventeen" => NumWord(17),
        "eighteen" => NumWord(18),
        "nineteen" => NumWord(19),
        "twenty" => NumWord(20),
        "thirty" => NumWord(30),
        "forty" | "fourty" => NumWord(40),
        "fifty" => NumWord(50),
        "sixty" => NumWord(60),
        "seventy" => NumWord(70),
        "eighty" => NumWord(80),
        "ninety" => NumWord(90),
        "hundred" => NumWord(100),
        "thousand" => NumWord(1000),
        "first" => Ordinal(1),
        "second" => Unit(U::Second, false), // ordinal reading handled by the grammar
        "third" => Ordinal(3),
        "fourth" => Ordinal(4),
        "fifth" => Ordinal(5),
        "sixth" => Ordinal(6),
        "seventh" => Ordinal(7),
        "eighth" => Ordinal(8),
        "ninth" => Ordinal(9),
        "tenth" => Ordinal(10),
        "eleventh" => Ordinal(11),
        "twelfth" => Ordinal(12),
        "thirteenth" => Ordinal(13),
        "fourteenth" => Ordinal(14),
        "fifteenth" => Ordinal(15),
        "sixteenth" => Ordinal(16),
        "seventeenth" => Ordinal(17),
        "eighteenth" => Ordinal(18),
        "nineteenth" => Ordinal(19),
        "twentieth" => Ordinal(20),
        "thirtieth" => Ordinal(30),
        "seconds" | "secs" => Unit(U::Second, true),
        "minute" | "min" => Unit(U::Minute, false),
        "minutes" | "mins" => Unit(U::Minute, true),
        "hour" | "hr" => Unit(U::Hour, false),
        "hours" | "hrs" => Unit(U::Hour, true),
        "day" => Unit(U::Day, false),
        "days" => Unit(U::Day, true),
        "week" => Unit(U::Week, false),
        "weeks" => Unit(U::Week, true),
        "fortnight" => Unit(U::Fortnight, false),
        "fortnights" => Unit(U::Fortnight, true),
        "month" => Unit(U::Month, false),
        "months" => Unit(U::Month, true),
        "quarter" => Unit(U::Quarter, false),
        "quarters" => Unit(U::Quarter, true),
        "year" | "yr" => Unit(U::Year, false),
        "years" | "yrs" => Unit(U::Year, true),
        "decade" => Unit(U::Decade, false),
        "decades" => Unit(U::Decade, true),
        "century" => Unit(U::Century, false),
        "centuries" => Unit(U::Century, true),
        "spring" => Season(0, false),
        "summer" => Season(1, false),
        "fall" | "autumn" => Season(2, false),
        "winter" => Season(3, false),
        "springs" => Season(0, true),
        "summers" => Season(1, true),
        "autumns" => Season(2, true),
        "winters" => Season(3, true),
        "morning" => Pod(self::Pod::Morning, false),
        "afternoon" => Pod(self::Pod::Afternoon, false),
        "evening" => Pod(self::Pod::Evening, false),
        "night" => Pod(self::Pod::Night, false),
        "mornings" => Pod(self::Pod::Morning, true),
        "afternoons" => Pod(self::Pod::Afternoon, true),
        "evenings" => Pod(self::Pod::Evening, true),
        "nights" => Pod(self::Pod::Night, true),
        "christmas" | "xmas" => Holiday(self::Holiday::Christmas),
        "thanksgiving" => Holiday(self::Holiday::Thanksgiving),
        "easter" => Holiday(self::Holiday::Easter),
        "halloween" => Holiday(self::Holiday::Halloween),
        "independence" => Holiday(self::Holiday::Independence),
        "labor" | "labour" => Holiday(self::Holiday::Labor),
        "memorial" => Holiday(self::Holiday::Memorial),
        "valentine" => Holiday(self::Holiday::Valentine),
        "veterans" => Holiday(self::Holiday::Veterans),
        "election" => Holiday(self::Holiday::Election),
        "twenties" => DecadeWord(20),
        "thirties" => DecadeWord(30),
        "forties" => DecadeWord(40),
        "fifties" => DecadeWord(50),
        "sixties" => DecadeWord(60),
        "seventies" => DecadeWord(70),
        "eighties" => DecadeWord(80),
        "nineties" => DecadeWord(90),
        "new" => Holiday(self::Holiday::NewYear),
        "today" => Today,
        "tonight" => Tonight,
        "tomorrow" => Tomorrow,
        "yesterday" => Yesterday,
        "now" => Now,
        "currently" | "presently" => Currently,
        "nowadays" => Nowadays,
        "recently" | "lately" => Recently,
        "recent" => Recent,
        "current" => Current,
        "past" => Past,
        "future" => Future,
        "last" => Last,
        "next" => Next,
        "this" => This,
        "these" => These,
        "that" => That,
        "coming" => Coming,
        "previous" | "preceding" | "prior" => Previous,
        "following" => Following,
        "latest" | "most-recent" => Latest,
        "same" => Same,
        "comparable" | "corresponding" | "year-ago" => Comparable,
        "early" => Early,
        "late" => Late,
        "mid" => Mid,
        "earlier" => Earlier,
        "later" => Later,
        "end" => End,
        "beginning" => Beginning,
        "start" => Start,
        "middle" => Middle,
        "ago" => Ago,
        "before" => Before,
        "after" => After,
        "hence" => Hence,
        "from" => From,
        "every" => Every,
        "each" => Each,
        "other" => OtherWord,
        "daily" => Freq(U::Day),
        "weekly" => Freq(U::Week),
        "monthly" => Freq(U::Month),
        "annually" | "yearly" => Freq(U::Year),
        "hourly" => Freq(U::Hour),
        "nightly" => Nightly,
        "fiscal" => Fiscal,
        "half" => Half,
        "weekend" => Weekend,
        "period" => Period,
        "noon" | "midday" => Noon,
        "midnight" => Midnight,
        "the" => The,
        "a" => A,
        "an" => An,
        "of" => Of,
        "and" => And,
        "or" => Or,
        "in" => In,
        "on" => On,
        "at" => At,
        "for" => For,
        "over" => Over,
        "within" => Within,
        "through" | "throughout" => Through,
        "during" => During,
        "until" | "till" | "til" => Until,
        "by" => By,
        "to" => To,
        "than" => Than,
        "about" | "around" | "nearly" | "almost" | "roughly" | "approximately" | "some" => {
            if w == "some" {
                Some
            } else {
                Approx
            }
        }
        "more" => More,
        "less" | "fewer" => Less,
        "least" => Least,
        "most" => Most,
        "up" => Up,
        "no" => No,
        "several" => Several,
        "few" => Few,
        "couple" => Couple,
        "many" => Many,
        "dozen" => Dozen,
        "dozens" => Dozens,
        "am" => Am,
        "pm" => Pm,
        "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt" | "gmt" | "utc" | "bst" | "cet" | "cest" => Tz,
        "clock" => Clock,
        "will" | "ll" | "shall" | "scheduled" | "schedule" | "plans" | "plan" | "planned" | "planning"
        | "expected" | "expects" | "expect" | "due" | "tomorrow's" | "intends" | "intend" | "aims"
        | "postponed" | "delayed" | "deadline" | "soon" | "expire" | "expires" | "payable" | "effective" | "slated" => FutureCue,
        "upcoming" => Upcoming,
        "would" | "could" | "might" => Modal,
        "times" => Times,
        "once" => Once,
        "twice" => Twice,
        "per" => Per,
        "million" | "billion" | "trillion" | "percent" | "cents" | "dollars" | "pounds" | "euros" | "yen"
        | "francs" | "marks" | "barrels" | "tons" | "tonnes" => Amount,
        "old" => Old,
        "long" => Long,
        "so" => So,
        "its" | "their" => Its,
        "was" | "were" | "had" | "did" | "said" | "told" | "began" | "came" | "went" | "took" | "made" | "left"
        | "saw" | "met" | "won" | "lost" | "fell" | "rose" | "held" | "gave" | "got" | "ended" | "since" | "paid"
        | "sold" | "bought" | "became" | "brought" | "fled" | "found" | "spent" | "hit" | "led" => {
            if w == "since" { Since } else { PastCue }
        }
        _ => Other,
    }
}

/// Words after which a bare plural unit ("for years") is a duration.
pub fn opens_bare_duration(l: Lex) -> bool {
    matches!(l, Lex::For | Lex::Over | Lex::Within | Lex::In | Lex::After | Lex::Through | Lex::During)
}

/// Prepositions that make a following bare month name a date ("in May").
pub fn date_preposition(l: Lex) -> bool {
    matches!(
        l,
        Lex::In
            | Lex::Since
            | Lex::Until
            | Lex::By
            | Lex::Of
            | Lex::During
            | Lex::From
            | Lex::Through
            | Lex::Before
            | Lex::After
            | Lex::Early
            | Lex::Late
            | Lex::Mid
            | Lex::Last
            | Lex::Next
            | Lex::This
            | Lex::Every
            | Lex::Each
            | Lex::To
            | Lex::On
            | Lex::Over
    )
}
