//! WARC record framing (ISO 28500, WARC/1.0 and 1.1), streamed: one record's header and body at
//! a time, so a crawl file of any size is read in bounded memory. Gzip (one member per record,
//! as Common Crawl writes, or one member for the whole file) is undone by the caller's reader.
//!
//! Errors carry the record's number and byte offset. A bad header is skipped by scanning for
//! the next `WARC/` line; a cut-off file or a broken gzip stream ends the reading, because
//! nothing after it can be located.

use std::io::{self, BufRead, Read};

use crate::MAX_RECORD_BYTES;

/// Longest header block accepted: real headers are a few hundred bytes, so more means the
/// framing is lost, and reading on would buffer garbage.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// One record: its named fields, and its block (the body) when it was small enough to keep.
#[derive(Debug)]
pub struct WarcRecord {
    /// 1-based position in the file.
    pub number: usize,
    /// Byte offset of its `WARC/` line in the (decompressed) stream.
    pub offset: u64,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl WarcRecord {
    /// A header's value by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn record_type(&self) -> &str {
        self.header("WARC-Type").unwrap_or("")
    }
}

/// A record that could not be read. `fatal` means reading stops: the stream cannot be followed
/// past this point.
#[derive(Debug)]
pub struct WarcError {
    pub number: usize,
    pub offset: u64,
    pub message: String,
    pub fatal: bool,
}

impl WarcError {
    /// Where, in the words an error message uses.
    pub fn locator(&self) -> String {
        format!("WARC record {} at byte {}", self.number, self.offset)
    }
}

/// Streams the records of a WARC; see the module comment for what happens on bad input.
pub struct WarcReader<R> {
    reader: R,
    pos: u64,
    number: usize,
    done: bool,
    /// A record's first line that a resync already read, with its offset.
    pending: Option<(Vec<u8>, u64)>,
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(reader: R) -> Self {
        WarcReader { reader, pos: 0, number: 0, done: false, pending: None }
    }

    /// Reads one line of at most `limit` bytes (the rest of a longer line is consumed and
    /// dropped); `None` at the end of the stream.
    fn line(&mut self, limit: usize) -> io::Result<Option<(Vec<u8>, bool)>> {
        let mut buf = Vec::new();
        let mut total = 0usize;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let room = limit.saturating_sub(buf.len()).min(take);
            buf.extend_from_slice(&chunk[..room]);
            total += take;
            self.reader.consume(take);
            self.pos += take as u64;
            if done {
                break;
            }
        }
        if total == 0 {
            return Ok(None);
        }
        Ok(Some((buf, total > limit)))
    }

    fn error(&self, number: usize, offset: u64, message: String, fatal: bool) -> WarcError {
        WarcError { number, offset, message, fatal }
    }

    fn read_record(&mut self) -> Result<Option<WarcRecord>, WarcError> {
        // A damaged gzip member (InvalidData) is skipped by the reader below us, so reading
        // can go on; anything else leaves no way forward.
        let io_err = |r: &Self, n: usize, at: u64, e: io::Error| {
            let what = if e.kind() == io::ErrorKind::UnexpectedEof { "the file is cut off (gzip stream ends early)".to_owned() } else { e.to_string() };
            r.error(n, at, format!("read error: {what}"), e.kind() != io::ErrorKind::InvalidData)
        };
        // Records are separated by CRLF CRLF; tolerate missing or extra blank lines.
        let (first, start) = loop {
            if let Some(pending) = self.pending.take() {
                break pending;
            }
            let start = self.pos;
            match self.line(256) {
                Ok(None) => return Ok(None),
                Ok(Some((l, _))) if l.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some((l, _))) => break (l, start),
                Err(e) => return Err(io_err(self, self.number + 1, start, e)),
            }
        };
        self.number += 1;
        let number = self.number;
        if !first.starts_with(b"WARC/") {
            return Err(self.resync(number, start, &first));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut header_bytes = first.len();
        loop {
            let line = match self.line(MAX_HEADER_BYTES) {
                Ok(Some((l, _))) => l,
                Ok(None) => return Err(self.error(number, start, "the file ends inside the record's header".into(), true)),
                Err(e) => return Err(io_err(self, number, start, e)),
            };
            header_bytes += line.len();
            if header_bytes > MAX_HEADER_BYTES {
                return Err(self.error(number, start, format!("header longer than {MAX_HEADER_BYTES} bytes; not a WARC header"), true));
            }
            let line = trim_eol(&line);
            if line.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(line);
            if line[0] == b' ' || line[0] == b'\t' {
                // A folded header line continues the previous value.
                if let Some((_, v)) = headers.last_mut() {
                    v.push(' ');
                    v.push_str(text.trim());
                }
                continue;
            }
            match text.split_once(':') {
                Some((name, value)) => headers.push((name.trim().to_owned(), value.trim().to_owned())),
                None => return Err(self.resync(number, start, line)),
            }
        }
        let length = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("Content-Length")).map(|(_, v)| v.parse::<u64>());
        let length = match length {
            Some(Ok(n)) => n,
            Some(Err(_)) => return Err(self.resync(number, start, b"Content-Length is not a number")),
            None => return Err(self.resync(number, start, b"no Content-Length")),
        };
        let mut body = Vec::new();
        let oversized = length > MAX_RECORD_BYTES as u64;
        let got = if oversized {
            io::copy(&mut (&mut self.reader).take(length), &mut io::sink())
        } else {
            body.reserve(length as usize);
            (&mut self.reader).take(length).read_to_end(&mut body).map(|n| n as u64)
        };
        let got = match got {
            Ok(n) => n,
            Err(e) => return Err(io_err(self, number, start, e)),
        };
        self.pos += got;
        if got < length {
            return Err(self.error(number, start, format!("the file is cut off inside the record: {got} of its {length} content bytes are there"), true));
        }
        if oversized {
            return Err(self.error(number, start, format!("record content larger than {MAX_RECORD_BYTES} bytes ({length} bytes), skipped"), false));
        }
        Ok(Some(WarcRecord { number, offset: start, headers, body }))
    }

    /// After a line that cannot start or continue a record: skip to the next `WARC/` line
    /// (kept for the next call) and report the skipped stretch.
    fn resync(&mut self, number: usize, start: u64, found: &[u8]) -> WarcError {
        let shown: String = String::from_utf8_lossy(trim_eol(found)).chars().take(40).collect();
        loop {
            let at = self.pos;
            match self.line(256) {
                Ok(None) => break,
                Ok(Some((l, _))) if l.starts_with(b"WARC/") => {
                    self.pending = Some((l, at));
                    break;
                }
                Ok(Some(_)) => {}
                Err(e) => return self.error(number, start, format!("not a WARC record (found '{shown}'), then read error: {e}"), true),
            }
        }
        let to = self.pending.as_ref().map_or(self.pos, |p| p.1);
        self.error(number, start, format!("not a WARC record (found '{shown}'); skipped to byte {to}"), false)
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = e.fatal;
                Some(Err(e))
            }
        }
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A WARC record as a writer would frame it, for fixtures.
    pub(crate) fn record(kind: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        let mut out = format!("WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:fictional-{}>\r\n", block.len()).into_bytes();
        for (n, v) in headers {
            out.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
        }
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn read_all(bytes: &[u8]) -> Vec<Result<WarcRecord, WarcError>> {
        WarcReader::new(bytes).collect()
    }

    #[test]
    fn reads_records_with_their_offsets() {
        let a = record("warcinfo", &[], b"software: test\r\n");
        let b = record("resource", &[("WARC-Target-URI", "https://a.example/x"), ("Content-Type", "text/plain")], b"Hello.");
        let all: Vec<u8> = [a.clone(), b].concat();
        let got = read_all(&all);
        assert_eq!(got.len(), 2);
        let second = got[1].as_ref().unwrap();
        assert_eq!((second.number, second.offset), (2, a.len() as u64));
        assert_eq!(second.header("warc-target-uri"), Some("https://a.example/x"));
        assert_eq!(second.body, b"Hello.");
        assert_eq!(second.record_type(), "resource");
    }

    #[test]
    fn garbage_between_records_is_skipped_and_reported() {
        let good = record("resource", &[], b"x");
        let all: Vec<u8> = [good.clone(), b"junk line\r\nmore junk\r\n".to_vec(), good].concat();
        let got = read_all(&all);
        assert_eq!(got.len(), 3);
        let e = got[1].as_ref().unwrap_err();
        assert!(!e.fatal && e.message.contains("junk line"), "{e:?}");
        assert_eq!(got[2].as_ref().unwrap().number, 3);
    }

    #[test]
    fn cut_off_body_ends_the_reading() {
        let good = record("resource", &[], b"first");
        let cut = record("resource", &[], b"a longer block that will be cut");
        let all: Vec<u8> = [good.clone(), cut[..cut.len() - 15].to_vec()].concat();
        let got = read_all(&all);
        assert_eq!(got.len(), 2);
        let e = got[1].as_ref().unwrap_err();
        assert!(e.fatal && e.message.contains("cut off"), "{e:?}");
        assert_eq!((e.number, e.offset), (2, good.len() as u64));
    }

    #[test]
    fn header_without_length_is_reported() {
        let all = b"WARC/1.0\r\nWARC-Type: resource\r\n\r\nbody\r\n\r\n".to_vec();
        let got = read_all(&all);
        assert!(got[0].as_ref().unwrap_err().message.contains("Content-Length"));
    }
}
