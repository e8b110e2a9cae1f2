//! The content hash that makes ingest idempotent.

use std::fmt;

/// BLAKE3 of an article's outlet and whitespace-squashed text.
///
/// Whitespace is squashed (every run of Unicode whitespace becomes one space, ends trimmed) so
/// that the same article read from a `.txt` file, a JSONL record or an HTML page hashes alike.
/// Case and punctuation are kept: they are edits, which near-duplicate detection handles.
///
/// The outlet is part of the key on purpose: a wire story printed word for word by two outlets
/// is two articles (each outlet's coverage counts, and near-duplicate detection links the copy
/// to its original), while re-reading the same outlet's article is a duplicate. The outlet is
/// compared case-insensitively with squashed whitespace; a missing outlet hashes as empty.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 32]);

/// Changing the normalisation must change this tag, or old and new hashes would silently mix.
const DOMAIN: &[u8] = b"parallax content hash v1\0";

impl ContentHash {
    pub fn of(outlet: Option<&str>, text: &str) -> ContentHash {
        let outlet = squash_whitespace(&outlet.unwrap_or("").to_lowercase());
        let mut hasher = blake3::Hasher::new();
        hasher.update(DOMAIN);
        hasher.update(&(outlet.len() as u64).to_le_bytes());
        hasher.update(outlet.as_bytes());
        for_each_squashed_piece(text, |piece| {
            hasher.update(piece.as_bytes());
        });
        ContentHash(*hasher.finalize().as_bytes())
    }

    pub fn to_hex(&self) -> String {
        self.0.iter().map(|byte| format!("{byte:02x}")).collect()
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({})", self.to_hex())
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// `text.split_whitespace()` joined by single spaces.
fn squash_whitespace(text: &str) -> String {
    let mut squashed = String::with_capacity(text.len());
    for_each_squashed_piece(text, |piece| squashed.push_str(piece));
    squashed
}

/// Calls `emit` with pieces whose concatenation is the squashed text. Pieces are as long as
/// the text allows (words joined by single spaces stay one piece), so hashing takes a few large
/// updates instead of one per word: per-word work made squashing the largest cost of an insert.
fn for_each_squashed_piece(text: &str, mut emit: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let space_at = |i: usize| -> (bool, usize) {
        if bytes[i].is_ascii() {
            (matches!(bytes[i], b' ' | b'\t'..=b'\r'), 1)
        } else {
            // Callers pass char boundaries only.
            text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        }
    };
    let mut run_start = None;
    let mut emitted = false;
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes are printable ASCII inside a word: nothing to decide.
        if run_start.is_some() && (b'!'..=b'~').contains(&bytes[i]) {
            i += 1;
            continue;
        }
        let (is_space, width) = space_at(i);
        match run_start {
            None if !is_space => {
                if emitted {
                    emit(" ");
                }
                run_start = Some(i);
            }
            Some(start) if is_space => {
                let single_space_between_words =
                    bytes[i] == b' ' && i + 1 < bytes.len() && !space_at(i + 1).0;
                if !single_space_between_words {
                    emit(&text[start..i]);
                    emitted = true;
                    run_start = None;
                }
            }
            _ => {}
        }
        i += width;
    }
    if let Some(start) = run_start {
        emit(&text[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_layout_does_not_change_the_hash() {
        let a = ContentHash::of(
            Some("Coastline Wire"),
            "Dockers  walked out.\n\nTalks failed. ",
        );
        let b = ContentHash::of(
            Some(" coastline\twire"),
            "Dockers walked out. Talks failed.",
        );
        assert_eq!(a, b);
    }

    #[test]
    fn words_and_outlet_change_the_hash() {
        let base = ContentHash::of(Some("Wire"), "Dockers walked out.");
        assert_ne!(base, ContentHash::of(Some("Wire"), "Dockers walked  out!"));
        assert_ne!(base, ContentHash::of(Some("Ledger"), "Dockers walked out."));
        assert_ne!(base, ContentHash::of(None, "Dockers walked out."));
        // The length prefix keeps outlet and text apart.
        assert_ne!(
            ContentHash::of(Some("a"), "b c"),
            ContentHash::of(Some("a b"), "c")
        );
    }

    #[test]
    fn squashing_matches_unicode_whitespace_splitting() {
        for text in [
            "",
            "   ",
            "one",
            " a\tb\n\nc\r\n d\x0be\x0cf ",
            "no\u{a0}break\u{3000}ideographic\u{2003}em\u{2028}line\u{85}nel",
            "ünï   cödé\u{200b}zero-width-is-not-space",
            "\u{1c}\u{1f} separators are not whitespace",
            "a \u{a0}b c\u{3000} d e  f \n",
            "x \u{2003}",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash_whitespace(text), expected, "{text:?}");
        }
    }

    #[test]
    fn hash_is_stable_across_builds() {
        // Stored hashes must keep matching new ones: this pins the normalisation and the tag.
        assert_eq!(
            ContentHash::of(Some("Coastline Wire"), "Dockers walked out.").to_hex(),
            "4a1246242b440d0b347c07e13d4d488c7cb5a13b6da1fafa83d717b1d0de6c87"
        );
        assert_eq!(ContentHash::of(None, "x"), ContentHash::of(Some(""), " x "));
    }
}
