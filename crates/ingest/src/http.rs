//! The HTTP response inside a WARC `response` record: status, the headers that decide how to
//! read the payload, and the payload itself with any chunked transfer coding and gzip/deflate
//! content coding undone (crawlers differ on whether they store it decoded).

use std::io::Read;

use crate::MAX_RECORD_BYTES;

/// Headers beyond this many mean a broken or hostile head; httparse needs a fixed array.
const MAX_HEADERS: usize = 128;

#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Parses a stored HTTP response. Errors say what is wrong in words fit for the user.
pub fn parse_response(block: &[u8]) -> Result<HttpResponse, String> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let head_len = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("HTTP head is cut off".into()),
        Err(e) => return Err(format!("malformed HTTP head: {e}")),
    };
    let status = response.code.unwrap_or(0);
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_owned())
    };
    let content_type = header("Content-Type");
    let mut body = block[head_len..].to_vec();
    if header("Transfer-Encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        // Some crawlers store the payload de-chunked but keep the header: only undo what is there.
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    match header("Content-Encoding").map(|v| v.to_ascii_lowercase()).as_deref() {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") if body.starts_with(&[0x1f, 0x8b]) => {
            body = inflate(flate2::read::MultiGzDecoder::new(&body[..])).map_err(|e| format!("gzip content: {e}"))?;
        }
        Some("deflate") if looks_zlib(&body) => {
            body = inflate(flate2::read::ZlibDecoder::new(&body[..])).map_err(|e| format!("deflate content: {e}"))?;
        }
        Some("gzip") | Some("x-gzip") | Some("deflate") => {}
        Some(other) => return Err(format!("content encoding '{other}' is not supported")),
    }
    Ok(HttpResponse { status, content_type, body })
}

/// Decompresses at most [`MAX_RECORD_BYTES`]: a small record may inflate enormously.
fn inflate(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader.take(MAX_RECORD_BYTES as u64 + 1).read_to_end(&mut out).map_err(|e| e.to_string())?;
    if out.len() > MAX_RECORD_BYTES {
        return Err(format!("decompresses to more than {MAX_RECORD_BYTES} bytes"));
    }
    Ok(out)
}

fn looks_zlib(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] & 0x0f == 8 && (u16::from(b[0]) << 8 | u16::from(b[1])) % 31 == 0
}

/// Joins a chunked body, or `None` when it is not chunked after all.
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let (size_len, size) = match httparse::parse_chunk_size(rest) {
            Ok(httparse::Status::Complete(v)) => v,
            _ => return None,
        };
        rest = &rest[size_len..];
        if size == 0 {
            return Some(out);
        }
        let size = usize::try_from(size).ok().filter(|&s| s <= rest.len())?;
        out.extend_from_slice(&rest[..size]);
        rest = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
        if rest.is_empty() {
            // A stream cut after a chunk: keep what arrived.
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_type_and_body() {
        let r = parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n<p>hi</p>").unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.content_type.as_deref(), Some("text/html; charset=windows-1252"));
        assert_eq!(r.body, b"<p>hi</p>");
    }

    #[test]
    fn undoes_chunking_and_gzip_only_when_present() {
        let chunked = parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n").unwrap();
        assert_eq!(chunked.body, b"<p>ab</p>");
        let stored_plain = parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n<p>plain</p>").unwrap();
        assert_eq!(stored_plain.body, b"<p>plain</p>");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>zipped</p>").unwrap();
        let block = [&b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"[..], &gz.finish().unwrap()].concat();
        assert_eq!(parse_response(&block).unwrap().body, b"<p>zipped</p>");
    }

    #[test]
    fn broken_heads_are_errors() {
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n").unwrap_err().contains("cut off"));
        assert!(parse_response(b"\x00\x01garbage").is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx").unwrap_err().contains("br"));
    }
}
