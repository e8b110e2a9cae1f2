//! General English word lists for news entity finding. Everything here is lowercase and general
//! (honorifics, office titles, organisation heads, month names...), never tied to one story.

/// Honorifics kept inside a name alias ("Dr Okafor", "Mr. Trump"), with the gender they imply.
/// `u` = no gender.
pub const HONORIFICS: &[(&str, char)] = &[
    ("mr", 'm'), ("mr.", 'm'), ("mrs", 'f'), ("mrs.", 'f'), ("ms", 'f'), ("ms.", 'f'),
    ("miss", 'f'), ("mx", 'u'), ("mx.", 'u'), ("dr", 'u'), ("dr.", 'u'), ("sir", 'm'),
    ("dame", 'f'), ("lady", 'f'), ("lord", 'm'), ("prof", 'u'), ("prof.", 'u'),
    ("professor", 'u'), ("rev", 'u'), ("rev.", 'u'), ("reverend", 'u'), ("madam", 'f'),
    ("mme", 'f'), ("mme.", 'f'), ("herr", 'm'), ("fr", 'm'), ("fr.", 'm'),
];

/// Words that head an office or job title written before a name ("Prime Minister Helen Marsh",
/// "Sen. Warren", "Green MP Ann Smith"). The title goes to descriptors, never into the name.
pub const TITLE_HEADS: &[&str] = &[
    "president", "minister", "secretary", "senator", "sen.", "sen", "rep.", "representative",
    "congressman", "congresswoman", "governor", "gov.", "mayor", "premier", "chancellor",
    "king", "queen", "prince", "princess", "pope", "emperor", "empress", "sheikh", "judge",
    "justice", "general", "gen.", "colonel", "col.", "captain", "capt.", "lieutenant", "lt.",
    "sergeant", "sgt.", "admiral", "adm.", "commander", "officer", "detective", "det.",
    "inspector", "constable", "superintendent", "commissioner", "director", "chairman",
    "chairwoman", "chairperson", "chair", "ceo", "cfo", "coo", "chief", "ambassador", "speaker",
    "leader", "mp", "mla", "mep", "msp", "councillor", "councilor", "councilman",
    "councilwoman", "alderman", "attorney", "editor", "reporter", "correspondent", "coach",
    "manager", "spokesman", "spokeswoman", "spokesperson", "whip", "prosecutor", "counsel",
    "sheriff", "bishop", "archbishop", "cardinal", "rabbi", "imam", "pastor", "deputy",
    "boss", "founder", "president-elect", "treasurer", "ministers", "envoy", "adviser",
    "advisor", "economist", "analyst", "author", "professor", "researcher", "executive",
    "mp-elect", "candidate", "dean", "principal", "cllr", "cllr.", "crown", "pm", "lawmaker",
    "legislator", "governor-general", "chairs", "head", "sergeant-at-arms", "magistrate",
    "coroner", "anchor", "host", "columnist", "producer", "photographer", "journalist",
    "commentator", "lawyer", "barrister", "solicitor", "doctor", "nurse", "surgeon",
    "activist", "campaigner", "owner", "partner", "member", "delegate", "negotiator",
    "diplomat", "official", "aide", "staffer", "strategist", "pollster", "organiser",
    "organizer", "volunteer", "resident", "student", "teacher", "player", "striker",
    "captain", "star", "singer", "actor", "actress", "rapper", "comedian", "writer",
    "novelist", "director-general", "secretary-general", "chief executive", "vice-president",
    "vice-chancellor", "premier-elect", "leader-elect", "ombudsman", "auditor-general",
    "solicitor-general", "attorney-general", "commissioner-general", "mayor-elect",
];

/// Modifiers that may stand inside a title before its head ("Deputy Prime Minister",
/// "Foreign Minister", "Political Editor", "former chief whip").
pub const TITLE_MODIFIERS: &[&str] = &[
    "prime", "deputy", "vice", "foreign", "finance", "defence", "defense", "health", "home",
    "interior", "justice", "education", "trade", "environment", "energy", "transport",
    "housing", "police", "immigration", "agriculture", "treasury", "state", "associate",
    "assistant", "acting", "former", "chief", "senior", "junior", "executive", "political",
    "managing", "general", "lead", "head", "interim", "opposition", "shadow", "first",
    "second", "supreme", "high", "district", "federal", "national", "regional", "local",
    "special", "united", "principal", "senior", "economic", "communications", "press",
    "news", "business", "sports", "science", "technology", "digital", "legal", "labour",
    "employment", "workplace", "emergency", "climate", "tourism", "culture", "arts",
    "finance", "development", "security", "intelligence", "military", "army", "naval",
    "air", "pacific", "maori", "māori", "welsh", "scottish", "house", "senate", "minority",
    "majority", "party", "caucus", "rogue", "rebel", "independent", "backbench", "backbencher",
    "veteran", "outgoing", "incoming", "new", "longtime", "long-time", "then", "ex",
    "embattled", "disgraced", "controversial", "top", "retired", "current", "founding",
];

/// Office titles that stand for one office-holder even without a name ("the Prime Minister",
/// "the Speaker of the House"): a capitalised title of this kind is a reference to a person.
pub const OFFICES: &[&str] = &[
    "president", "prime minister", "pm", "speaker", "governor", "mayor", "premier",
    "chancellor", "king", "queen", "pope", "governor-general", "attorney general",
    "attorney-general", "secretary of state", "foreign minister", "finance minister",
    "deputy prime minister", "vice president", "vice-president", "chief justice",
    "police commissioner", "commissioner", "ombudsman", "auditor-general",
    "speaker of the house", "opposition leader", "leader of the opposition", "treasurer",
    "health minister", "defence minister", "defense secretary", "home secretary",
    "prince", "princess", "emperor", "chief executive", "director-general",
    "secretary-general", "first minister", "taoiseach", "chief minister",
];

/// Lowercase role nouns that can describe a person ("former whip Kieran X", "the rogue MP").
pub const ROLE_NOUNS: &[&str] = &[
    "mp", "mps", "minister", "leader", "whip", "boss", "spokesperson", "spokesman",
    "spokeswoman", "president", "senator", "chairman", "chairwoman", "chair", "director",
    "secretary", "lawyer", "attorney", "adviser", "advisor", "aide", "official", "officer",
    "member", "candidate", "founder", "ceo", "chief", "head", "executive", "manager",
    "editor", "reporter", "correspondent", "journalist", "doctor", "representative",
    "councillor", "mayor", "governor", "premier", "judge", "prosecutor", "detective",
    "commissioner", "staffer", "colleague", "deputy", "backbencher", "lawmaker", "legislator",
    "speaker", "ambassador", "envoy", "professor", "economist", "analyst", "campaigner",
    "activist", "commander", "general", "coach", "captain", "owner", "partner", "chancellor",
    "treasurer", "negotiator", "diplomat", "politician", "strategist", "pollster",
    "organiser", "organizer", "student", "teacher", "nurse", "surgeon", "scientist",
    "researcher", "expert", "worker", "resident", "witness", "victim", "suspect", "father",
    "mother", "son", "daughter", "wife", "husband", "brother", "sister", "friend", "host",
    "anchor", "columnist", "writer", "author", "singer", "actor", "actress", "player",
    "star", "rapper", "comedian", "founder", "investor", "billionaire", "businessman",
    "businesswoman", "entrepreneur", "mp-elect", "incumbent", "challenger", "nominee",
    "caller", "source", "insider", "employee", "contractor", "magnate", "tycoon",
];

/// Nouns for a person who speaks for someone else ("a spokesperson for the Prime Minister").
pub const SPEAKER_NOUNS: &[&str] = &[
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen", "representative",
    "source", "sources", "aide", "aides", "official", "officials", "insider", "insiders",
    "adviser", "advisers", "advisor", "advisors", "lawyer", "lawyers", "attorney",
    "attorneys", "statement", "friend", "friends", "member", "members", "staffer",
    "staffers", "colleague", "colleagues", "relative", "relatives", "neighbour", "neighbor",
];

/// Plural nouns for a group of people that can speak or act ("protesters said", "they").
pub const GROUP_NOUNS: &[&str] = &[
    "protesters", "protestors", "demonstrators", "activists", "residents", "locals",
    "villagers", "voters", "supporters", "critics", "opponents", "officials", "authorities",
    "police", "officers", "soldiers", "troops", "rebels", "militants", "fighters",
    "workers", "staff", "staffers", "employees", "unions", "students", "teachers",
    "parents", "doctors", "nurses", "patients", "scientists", "researchers", "experts",
    "economists", "analysts", "investors", "farmers", "migrants", "refugees", "witnesses",
    "survivors", "victims", "families", "fans", "mps", "ministers", "lawmakers",
    "legislators", "senators", "politicians", "leaders", "delegates", "negotiators",
    "diplomats", "prosecutors", "lawyers", "judges", "journalists", "reporters",
    "colleagues", "members", "campaigners", "organisers", "organizers", "volunteers",
    "democrats", "republicans", "conservatives", "liberals", "citizens", "people",
    "children", "women", "men", "users", "customers", "shoppers", "drivers", "passengers",
    "crowd", "crowds", "rescuers", "firefighters", "medics", "paramedics", "guards",
    "inspectors", "regulators", "auditors", "consumers", "tenants", "landlords",
    "homeowners", "businesses", "retailers", "unionists", "strikers", "hackers",
    "whips", "backbenchers", "councillors", "insiders", "sources",
];

/// Last words that make a capitalised run an organisation ("Parliamentary Service").
pub const ORG_HEADS: &[&str] = &[
    "party", "service", "services", "council", "ministry", "department", "dept", "dept.",
    "office", "agency", "authority", "commission", "committee", "board", "bureau",
    "institute", "institution", "university", "college", "school", "academy", "association",
    "federation", "union", "league", "society", "foundation", "trust", "fund", "bank",
    "corporation", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "llp",
    "company", "co.", "group", "holdings", "partners", "airlines", "airways", "motors",
    "images", "press", "news", "times", "post", "herald", "journal", "tribune", "guardian",
    "telegraph", "gazette", "network", "broadcasting", "radio", "television", "tv", "media",
    "studios", "police", "army", "navy", "force", "forces", "court", "parliament", "congress",
    "senate", "assembly", "cabinet", "caucus", "government", "administration", "hospital",
    "church", "club", "organisation", "organization", "alliance", "coalition", "movement",
    "front", "brigade", "secretariat", "tribunal", "reserve", "exchange", "chamber",
    "directorate", "taskforce", "inquiry", "watchdog", "regulator", "consortium", "cooperative",
    "co-operative", "laboratories", "labs", "technologies", "systems", "industries",
    "enterprises", "energy", "pharmaceuticals", "insurance", "capital", "investments",
    "ventures", "mail", "express", "standard", "observer", "magazine",
    "channel", "agencies", "fc", "unit", "command", "corps", "guard", "commission",
    "ombudsman", "treasury", "registry", "tribune", "wire", "daily", "weekly",
];

/// Last words that make a capitalised run a place ("Portville Airport", "Harbour North").
pub const PLACE_HEADS: &[&str] = &[
    "airport", "street", "st", "road", "rd", "avenue", "ave", "boulevard", "lane", "drive",
    "square", "park", "bridge", "river", "lake", "mountain", "mountains", "mount", "mt",
    "island", "islands", "city", "county", "province", "state", "region", "district",
    "valley", "bay", "coast", "beach", "harbour", "harbor", "port", "peninsula", "desert",
    "sea", "ocean", "gulf", "strait", "canal", "highway", "motorway", "station", "stadium",
    "arena", "north", "south", "east", "west", "central", "heights", "hills", "falls",
    "springs", "village", "town", "township", "territory", "territories", "borough",
    "quarter", "plaza", "centre", "center", "building", "tower", "hall", "palace", "castle",
    "prison", "base", "camp", "strip", "range", "forest", "creek", "point", "cape",
];

/// Last words of events ("World Cup", "Summit") and documents/laws ("Official Information Act").
pub const EVENT_HEADS: &[&str] = &[
    "war", "summit", "games", "olympics", "cup", "championship", "championships", "election",
    "elections", "conference", "festival", "awards", "expo", "crisis", "scandal", "revolution",
    "protest", "protests", "strike", "massacre", "attack", "attacks", "earthquake", "storm",
    "hurricane", "cyclone", "pandemic", "tournament", "series", "open", "marathon", "week",
    "day", "referendum", "debate", "hearing", "trial", "inquest", "forum", "meeting", "talks",
];
pub const OTHER_HEADS: &[&str] = &[
    "act", "bill", "review", "report", "treaty", "agreement", "accord", "deal", "amendment",
    "constitution", "code", "law", "laws", "plan", "strategy", "policy", "programme",
    "program", "scheme", "initiative", "declaration", "resolution", "directive", "regulation",
    "regulations", "rule", "rules", "convention", "charter", "protocol", "doctrine", "budget",
    "index", "prize", "award", "medal", "project", "mission", "operation",
    "virus", "vaccine", "syndrome", "disease", "bible", "koran", "quran",
];

/// Capitalised words that are never an entity on their own (calendar words, interjections,
/// pronouns, section labels).
pub const STOP_CAPITALS: &[&str] = &[
    "i", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow", "tonight",
    "christmas", "easter", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun", "am", "pm", "a.m.", "p.m.", "bst", "gmt", "utc", "est", "pst", "nzst", "nzdt",
    "aest", "aedt", "cet", "cest", "edt", "pdt", "ok", "okay", "yes", "no", "oh", "hey",
    "listen", "watch", "read", "more", "advertisement", "photo", "video", "image",
    "caption", "update", "updated", "breaking", "live", "share", "comment", "comments",
    "subscribe", "opinion", "analysis", "editorial", "exclusive", "related", "see", "also",
    "note", "file", "covid", "covid-19", "god", "ceo", "gdp", "ad", "bc", "tv", "covid19",
    "ramadan", "eid", "diwali", "hanukkah", "thanksgiving", "halloween",
];

/// Agencies and wire services often named alone in credits ("AP", "AFP") are organisations.
pub const KNOWN_ORGS: &[&str] = &[
    "reuters", "ap", "afp", "aap", "upi", "bloomberg", "bbc", "cnn", "nbc", "abc", "cbs",
    "fox", "msnbc", "npr", "pbs", "itv", "sky", "nato", "un", "eu", "who", "imf", "wto",
    "opec", "fbi", "cia", "nsa", "dhs", "ice", "nasa", "pentagon", "kremlin", "parliament",
    "congress", "senate", "cabinet", "interpol", "europol", "unicef", "unesco", "unhcr",
    "google", "facebook", "twitter", "meta", "apple", "microsoft", "amazon", "tesla",
    "youtube", "instagram", "tiktok", "whatsapp", "netflix", "uber", "samsung", "huawei",
    "wikileaks", "hamas", "hezbollah", "taliban", "isis", "al-qaeda", "nhs", "labour",
    "labor", "tories", "greens", "treasury", "police", "vatican",
];

/// Countries, capitals, large cities, states and regions that are places when named alone.
pub const PLACES: &[&str] = &[
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia",
    "australia", "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados",
    "belarus", "belgium", "belize", "benin", "bhutan", "bolivia", "bosnia", "botswana",
    "brazil", "brunei", "bulgaria", "burkina faso", "burma", "burundi", "cambodia",
    "cameroon", "canada", "chad", "chile", "china", "colombia", "congo", "costa rica",
    "croatia", "cuba", "cyprus", "czechia", "czech republic", "denmark", "djibouti",
    "dominica", "ecuador", "egypt", "el salvador", "eritrea", "estonia", "eswatini",
    "ethiopia", "fiji", "finland", "france", "gabon", "gambia", "georgia", "germany",
    "ghana", "greece", "grenada", "guatemala", "guinea", "guyana", "haiti", "honduras",
    "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy",
    "jamaica", "japan", "jordan", "kazakhstan", "kenya", "kiribati", "kosovo", "kuwait",
    "kyrgyzstan", "laos", "latvia", "lebanon", "lesotho", "liberia", "libya",
    "liechtenstein", "lithuania", "luxembourg", "madagascar", "malawi", "malaysia",
    "maldives", "mali", "malta", "mauritania", "mauritius", "mexico", "micronesia",
    "moldova", "monaco", "mongolia", "montenegro", "morocco", "mozambique", "myanmar",
    "namibia", "nauru", "nepal", "netherlands", "new zealand", "nicaragua", "niger",
    "nigeria", "north korea", "north macedonia", "norway", "oman", "pakistan", "palau",
    "palestine", "panama", "papua new guinea", "paraguay", "peru", "philippines", "poland",
    "portugal", "qatar", "romania", "russia", "rwanda", "samoa", "san marino",
    "saudi arabia", "senegal", "serbia", "seychelles", "sierra leone", "singapore",
    "slovakia", "slovenia", "somalia", "south africa", "south korea", "south sudan", "spain",
    "sri lanka", "sudan", "suriname", "sweden", "switzerland", "syria", "taiwan",
    "tajikistan", "tanzania", "thailand", "togo", "tonga", "trinidad", "tunisia", "turkey",
    "türkiye", "turkmenistan", "tuvalu", "uganda", "ukraine", "united arab emirates", "uae",
    "united kingdom", "uk", "u.k.", "britain", "great britain", "england", "scotland",
    "wales", "northern ireland", "united states", "us", "u.s.", "usa", "u.s.a.", "america",
    "uruguay", "uzbekistan", "vanuatu", "venezuela", "vietnam", "yemen", "zambia",
    "zimbabwe", "europe", "asia", "africa", "antarctica", "oceania", "north america",
    "south america", "latin america", "middle east", "the middle east", "pacific",
    "atlantic", "arctic", "gaza", "west bank", "crimea", "donbas", "kashmir", "tibet",
    "hong kong", "macau", "puerto rico", "greenland", "balkans", "caribbean", "scandinavia",
    "siberia", "korea", "koreas", "new caledonia", "cook islands", "tokelau", "niue",
    // capitals and large cities
    "london", "paris", "berlin", "madrid", "rome", "moscow", "beijing", "shanghai", "tokyo",
    "seoul", "pyongyang", "delhi", "new delhi", "mumbai", "kolkata", "bangalore", "karachi",
    "lahore", "islamabad", "kabul", "tehran", "baghdad", "damascus", "beirut", "jerusalem",
    "tel aviv", "cairo", "riyadh", "dubai", "abu dhabi", "doha", "ankara", "istanbul",
    "athens", "vienna", "prague", "warsaw", "budapest", "bucharest", "sofia", "belgrade",
    "zagreb", "kyiv", "kiev", "minsk", "vilnius", "riga", "tallinn", "helsinki",
    "stockholm", "oslo", "copenhagen", "amsterdam", "brussels", "lisbon", "dublin",
    "edinburgh", "cardiff", "belfast", "manchester", "birmingham", "liverpool", "glasgow",
    "leeds", "bristol", "washington", "new york", "new york city", "los angeles", "chicago",
    "houston", "phoenix", "philadelphia", "san antonio", "san diego", "dallas", "san francisco",
    "seattle", "boston", "miami", "atlanta", "denver", "detroit", "las vegas", "baltimore",
    "toronto", "montreal", "vancouver", "ottawa", "mexico city", "havana", "caracas", "bogota",
    "lima", "santiago", "buenos aires", "sao paulo", "são paulo", "rio de janeiro", "brasilia",
    "sydney", "melbourne", "brisbane", "perth", "adelaide", "canberra", "hobart", "darwin",
    "auckland", "wellington", "christchurch", "lagos", "abuja", "nairobi", "johannesburg",
    "cape town", "pretoria", "addis ababa", "khartoum", "kinshasa", "accra", "dakar",
    "jakarta", "manila", "bangkok", "hanoi", "ho chi minh city", "kuala lumpur", "taipei",
    "osaka", "kyoto", "hiroshima", "nagasaki", "singapore", "dhaka", "kathmandu", "colombo",
    "tashkent", "astana", "baku", "tbilisi", "yerevan", "geneva", "zurich", "munich",
    "frankfurt", "hamburg", "milan", "naples", "barcelona", "marseille", "lyon", "rotterdam",
    "vatican city", "mosul", "aleppo", "raqqa", "idlib", "homs", "tripoli", "benghazi",
    "kandahar", "helmand", "sanaa", "aden", "mogadishu", "juba", "harare", "lusaka",
    "suva", "apia", "nuku'alofa", "port moresby", "honolulu", "anchorage", "singapore",
    // US states and similar regions
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
    "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
    "new jersey", "new mexico", "north carolina", "north dakota", "ohio", "oklahoma",
    "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee",
    "texas", "utah", "vermont", "virginia", "west virginia", "wisconsin", "wyoming",
    "queensland", "new south wales", "victoria", "tasmania", "ontario", "quebec",
    "british columbia", "alberta", "bavaria", "catalonia", "flanders", "punjab", "bengal",
    "kerala", "gujarat", "waikato", "canterbury", "otago", "northland", "taranaki",
    "bay of plenty", "hawke's bay", "southland", "marlborough", "gisborne", "manawatu",
    "whanganui", "silicon valley", "wall street", "downing street", "capitol hill",
    "white house", "whitehall", "westminster", "the hague",
];

/// Nationality and group adjectives; they qualify a title ("French President Emmanuel Macron")
/// but are not entities alone.
pub const DEMONYMS: &[&str] = &[
    "american", "british", "english", "scottish", "welsh", "irish", "french", "german",
    "italian", "spanish", "portuguese", "dutch", "belgian", "swiss", "austrian", "swedish",
    "norwegian", "danish", "finnish", "icelandic", "polish", "czech", "slovak", "hungarian",
    "romanian", "bulgarian", "greek", "turkish", "russian", "ukrainian", "belarusian",
    "serbian", "croatian", "bosnian", "albanian", "georgian", "armenian", "azerbaijani",
    "iranian", "iraqi", "syrian", "lebanese", "israeli", "palestinian", "jordanian",
    "saudi", "emirati", "qatari", "kuwaiti", "yemeni", "omani", "egyptian", "libyan",
    "tunisian", "algerian", "moroccan", "sudanese", "ethiopian", "somali", "kenyan",
    "nigerian", "ghanaian", "south african", "zimbabwean", "chinese", "japanese", "korean",
    "north korean", "south korean", "taiwanese", "vietnamese", "thai", "cambodian",
    "malaysian", "indonesian", "filipino", "singaporean", "indian", "pakistani", "afghan",
    "bangladeshi", "sri lankan", "nepalese", "australian", "canadian", "mexican",
    "brazilian", "argentine", "argentinian", "chilean", "colombian", "venezuelan",
    "peruvian", "cuban", "kiwi", "fijian", "samoan", "tongan", "european", "asian",
    "african", "arab", "western", "eastern", "northern", "southern", "pacific", "latino",
    "hispanic", "muslim", "christian", "jewish", "catholic", "protestant", "hindu",
    "buddhist", "sikh", "sunni", "shia", "shiite", "kurdish", "maori", "māori",
    "aboriginal", "indigenous", "u.s.", "us", "uk", "u.k.", "eu", "un", "nz",
    "democratic", "republican", "liberal", "conservative", "federal", "soviet", "nazi",
    "islamic", "communist", "socialist", "english-language", "anglo",
];

/// Pronouns and their features: (word, gender m/f/n/p, is_plural).
pub const PRONOUNS: &[(&str, char)] = &[
    ("he", 'm'), ("him", 'm'), ("his", 'm'), ("himself", 'm'), ("she", 'f'), ("her", 'f'),
    ("hers", 'f'), ("herself", 'f'), ("they", 'p'), ("them", 'p'), ("their", 'p'),
    ("themselves", 'p'), ("it", 'n'), ("its", 'n'),
];

/// Speech verbs that follow a speaker ("Smith said"): evidence that a lone name is a speaker.
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "explained", "noted", "argued",
    "claimed", "claims", "insisted", "stated", "wrote", "writes", "responded", "replied",
    "asked", "asks", "warned", "warns", "announced", "confirmed", "denied", "admitted",
    "conceded", "alleged", "alleges", "recalled", "acknowledged", "suggested", "believes",
    "believed", "thinks", "thought", "tweeted", "posted", "continued", "declared", "urged",
    "accused", "accuses", "criticised", "criticized", "praised", "agreed", "disagreed",
    "predicted", "maintained", "reiterated", "stressed", "emphasised", "emphasized",
    "who", "had", "has", "was", "is", "will", "would", "did", "does", "could", "can",
];

/// Verbs after which a lone unknown capitalised word is usually a news outlet ("told Kestrel").
pub const MEDIA_CUE_VERBS: &[&str] = &["told", "tells", "telling", "informed"];
/// Nouns/verbs before "to"/"with" that make the next lone capitalised word an outlet
/// ("speaking to X", "an interview with X", "in a statement to X").
pub const MEDIA_CUE_NOUNS: &[&str] = &[
    "speaking", "spoke", "talking", "talked", "interview", "statement", "recording",
    "comments", "remarks", "email", "emailed", "letter", "wrote", "writing", "confirmed",
    "revealed", "leaked", "provided", "gave", "given", "sent", "said", "explained",
];
