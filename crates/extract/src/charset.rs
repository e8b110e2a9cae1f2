//! Raw HTML bytes to text, choosing the encoding the way a browser does: a byte order mark
//! wins, then the transport's `Content-Type` charset, then a `<meta>` declaration in the first
//! 1024 bytes, then a statistical guess (chardetng, Firefox's detector), then UTF-8.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How far into the document a `<meta charset>` is looked for (the HTML standard's prescan).
const PRESCAN_BYTES: usize = 1024;

/// Decodes a page's bytes. `content_type` is the HTTP (or WARC) header value, if known, e.g.
/// `text/html; charset=ISO-8859-1`. Bytes invalid in the chosen encoding become U+FFFD.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode(encoding, &bytes[bom_len..]);
    }
    let declared = content_type
        .and_then(charset_parameter)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| prescan_meta(&bytes[..bytes.len().min(PRESCAN_BYTES)]).map(meta_override));
    let encoding = declared.unwrap_or_else(|| guess(bytes));
    decode(encoding, bytes)
}

fn decode(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Invalid UTF-8 that is mostly UTF-8 (a page cut off mid-character) should stay UTF-8.
    detector.guess(None, Utf8Detection::Allow)
}

/// A page that claims UTF-16 in a `<meta>` was read as ASCII to find that claim, so it cannot
/// be UTF-16; the standard says to use UTF-8 then, and windows-1252 for x-user-defined.
fn meta_override(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// The `charset` parameter of a `Content-Type` value, unquoted.
fn charset_parameter(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")? + "charset".len();
    let rest = content_type[at..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace()).unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then_some(label)
}

/// The encoding named by the first `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` in `head`, skipping comments.
fn prescan_meta(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            at += find(rest, b"-->").map_or(rest.len(), |end| end + 3);
        } else if starts_with_ignore_case(rest, b"<meta") && rest.get(5).is_some_and(|b| b.is_ascii_whitespace() || *b == b'/') {
            let (attributes, consumed) = tag_attributes(&rest[5..]);
            if let Some(encoding) = charset_from_meta(&attributes) {
                return Some(encoding);
            }
            at += 5 + consumed;
        } else {
            at += 1;
        }
    }
    None
}

fn charset_from_meta(attributes: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |name: &str| attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    if let Some(label) = get("charset") {
        return Encoding::for_label(label.trim().as_bytes());
    }
    let is_content_type = get("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type"));
    if is_content_type {
        return get("content").and_then(charset_parameter).and_then(|label| Encoding::for_label(label.as_bytes()));
    }
    None
}

/// Attributes of a tag whose name was just read, as (lower-case name, value), and how many
/// bytes were read, up to and including `>` (or to the end of the input when it is cut off).
fn tag_attributes(input: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut attributes = Vec::new();
    let mut i = 0;
    loop {
        while i < input.len() && (input[i].is_ascii_whitespace() || input[i] == b'/') {
            i += 1;
        }
        if i >= input.len() {
            return (attributes, i);
        }
        if input[i] == b'>' {
            return (attributes, i + 1);
        }
        let name_start = i;
        while i < input.len() && !input[i].is_ascii_whitespace() && !matches!(input[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&input[name_start..i]).to_ascii_lowercase();
        while i < input.len() && input[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if input.get(i) == Some(&b'=') {
            i += 1;
            while i < input.len() && input[i].is_ascii_whitespace() {
                i += 1;
            }
            let value_start;
            let value_end;
            match input.get(i) {
                Some(&quote) if quote == b'"' || quote == b'\'' => {
                    value_start = i + 1;
                    value_end = input[value_start..].iter().position(|&b| b == quote).map_or(input.len(), |p| value_start + p);
                    i = (value_end + 1).min(input.len());
                }
                _ => {
                    value_start = i;
                    while i < input.len() && !input[i].is_ascii_whitespace() && input[i] != b'>' {
                        i += 1;
                    }
                    value_end = i;
                }
            }
            value = String::from_utf8_lossy(&input[value_start..value_end]).into_owned();
        }
        if !name.is_empty() {
            attributes.push((name, value));
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_page_with_meta_charset() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body>\x93Hi\x94 na\xefve</body></html>";
        let text = decode_html(page, None);
        assert!(text.contains("Café"), "{text}");
        assert!(text.contains("“Hi” naïve"), "{text}");
    }

    #[test]
    fn http_equiv_declaration_is_read() {
        let page = b"<html><head><!-- <meta charset=utf-8> --><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'></head><body>\xe9t\xe9</body></html>";
        assert!(decode_html(page, None).contains("été"));
    }

    #[test]
    fn utf8_bom_wins_over_every_declaration() {
        let page = "\u{feff}<meta charset=windows-1252><p>Zürich — “quoted”</p>".as_bytes();
        let text = decode_html(page, Some("text/html; charset=iso-8859-1"));
        assert!(text.starts_with("<meta"), "the BOM is not part of the text");
        assert!(text.contains("Zürich — “quoted”"));
    }

    #[test]
    fn content_type_wins_over_meta() {
        let page = b"<meta charset=utf-8><p>\xe9</p>";
        assert!(decode_html(page, Some("text/html; charset=\"latin1\"")).contains("<p>é</p>"));
    }

    #[test]
    fn undeclared_pages_are_guessed() {
        assert_eq!(decode_html("<p>déjà vu</p>".as_bytes(), None), "<p>déjà vu</p>");
        let latin = b"<p>Le gar\xe7on a mang\xe9 une cr\xeape \xe0 la cr\xe8me pr\xe8s de l'\xe9glise et du ch\xe2teau.</p>";
        assert!(decode_html(latin, None).contains("garçon a mangé une crêpe à la crème"));
    }

    #[test]
    fn utf16_meta_claim_means_utf8() {
        assert!(decode_html("<meta charset=utf-16><p>ñ</p>".as_bytes(), None).contains('ñ'));
    }

    #[test]
    fn cut_off_declarations_do_not_panic() {
        for page in [&b""[..], b"<meta", b"<meta charset", b"<meta charset=\"", b"<!--", b"<meta http-equiv=content-type content=\"text/html; charset="] {
            let _ = decode_html(page, Some("charset"));
            let _ = decode_html(page, Some("text/html; charset="));
        }
    }
}
