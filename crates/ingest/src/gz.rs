//! Gzip made of many members (a WARC.gz holds one per record), read so that one damaged member
//! costs only itself: after a corrupt member the reader reports it once and carries on at the
//! next gzip header. flate2's MultiGzDecoder stops for good at the first bad member, which in
//! a crawl file would lose every record after it.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// The gzip member magic plus the deflate method byte, which every real member starts with.
const MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// The compressed stream under the decoder: counts what is consumed, to say where a damaged
/// member was, and keeps the current member's compressed bytes, because a damaged deflate
/// stream can run on through the members after it before it fails; those are then replayed.
struct Counting<R> {
    inner: R,
    pos: u64,
    /// The current member's bytes, while under [`MAX_KEPT`].
    kept: Vec<u8>,
    keeping: bool,
    /// Bytes to serve again before `inner`, and how far they are consumed.
    replay: Vec<u8>,
    replayed: usize,
}

/// A member's compressed bytes kept for a replay, at most (per-record members are far smaller).
const MAX_KEPT: usize = 2 * crate::MAX_RECORD_BYTES;

impl<R: BufRead> Counting<R> {
    fn new(inner: R) -> Self {
        Counting { inner, pos: 0, kept: Vec::new(), keeping: true, replay: Vec::new(), replayed: 0 }
    }

    fn start_member(&mut self) {
        self.kept.clear();
        self.keeping = true;
    }

    /// After a damaged member: serve again what followed the next gzip header in the bytes the
    /// member consumed, if there is one. True when something will be replayed.
    fn rewind_to_next_header(&mut self) -> bool {
        if !self.keeping {
            return false;
        }
        let Some(k) = self.kept.windows(MAGIC.len()).skip(1).position(|w| w == MAGIC).map(|k| k + 1) else {
            return false;
        };
        let mut replay = self.kept.split_off(k);
        self.pos -= replay.len() as u64;
        replay.extend_from_slice(&self.replay[self.replayed..]);
        self.replay = replay;
        self.replayed = 0;
        true
    }
}

impl<R: BufRead> Counting<R> {
    /// Like `fill_buf`, but at least `n` bytes unless the stream ends first: a header split
    /// between two fills of the underlying buffer must still be seen whole.
    fn fill_at_least(&mut self, n: usize) -> io::Result<&[u8]> {
        loop {
            if self.replayed < self.replay.len() {
                if self.replay.len() - self.replayed >= n {
                    break;
                }
            } else {
                let b = self.inner.fill_buf()?;
                if b.len() >= n || b.is_empty() {
                    break;
                }
            }
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            self.replay.drain(..self.replayed);
            self.replayed = 0;
            self.replay.extend_from_slice(chunk);
            let taken = chunk.len();
            self.inner.consume(taken);
        }
        self.fill_buf()
    }
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.replayed < self.replay.len() {
            return Ok(&self.replay[self.replayed..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        let keep = self.keeping && self.kept.len() + amt <= MAX_KEPT;
        if !keep {
            self.keeping = false;
            self.kept = Vec::new();
        }
        if self.replayed < self.replay.len() {
            if keep {
                self.kept.extend_from_slice(&self.replay[self.replayed..self.replayed + amt]);
            }
            self.replayed += amt;
            if self.replayed == self.replay.len() {
                self.replay = Vec::new();
                self.replayed = 0;
            }
            return;
        }
        if keep {
            if let Ok(buf) = self.inner.fill_buf() {
                self.kept.extend_from_slice(&buf[..amt.min(buf.len())]);
            }
        }
        self.inner.consume(amt);
    }
}

/// Decompresses member after member. A corrupt member yields one `InvalidData` error naming
/// its compressed offset, then reading resumes at the next member; a cut-off stream yields
/// `UnexpectedEof` and the end.
pub struct MemberReader<R> {
    decoder: Option<GzDecoder<Counting<R>>>,
    member_start: u64,
}

impl<R: BufRead> MemberReader<R> {
    pub fn new(inner: R) -> Self {
        MemberReader { decoder: Some(GzDecoder::new(Counting::new(inner))), member_start: 0 }
    }

    /// Starts the next member at the current position, or ends when nothing is left.
    fn next_member(&mut self, mut inner: Counting<R>) -> io::Result<bool> {
        if inner.fill_buf()?.is_empty() {
            return Ok(false);
        }
        self.member_start = inner.pos;
        inner.start_member();
        self.decoder = Some(GzDecoder::new(inner));
        Ok(true)
    }

    /// Skips to the next gzip header after a damaged member.
    fn skip_to_magic(inner: &mut Counting<R>, member_start: u64) -> io::Result<()> {
        // A member refused at its very first byte would be found again: step past it. Any
        // other failure comes after the member's header, so the next magic is a new member
        // (a checksum error leaves us exactly at it).
        if inner.pos == member_start {
            inner.consume(1);
        }
        loop {
            let buf = inner.fill_at_least(MAGIC.len())?;
            if buf.is_empty() {
                return Ok(());
            }
            match buf.windows(MAGIC.len()).position(|w| w == MAGIC) {
                Some(i) => {
                    inner.consume(i);
                    return Ok(());
                }
                // Keep the last bytes: they may begin a header that the next fill completes.
                None if buf.len() >= MAGIC.len() => {
                    let n = buf.len() - (MAGIC.len() - 1);
                    inner.consume(n);
                }
                None => {
                    let n = buf.len();
                    inner.consume(n);
                }
            }
        }
    }
}

impl<R: BufRead> Read for MemberReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(decoder) = self.decoder.as_mut() else {
                return Ok(0);
            };
            match decoder.read(buf) {
                Ok(0) if !buf.is_empty() => {
                    let inner = self.decoder.take().expect("decoder present").into_inner();
                    if !self.next_member(inner)? {
                        return Ok(0);
                    }
                }
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                    self.decoder = None;
                    return Err(e);
                }
                Err(e) => {
                    let mut inner = self.decoder.take().expect("decoder present").into_inner();
                    let start = self.member_start;
                    if !inner.rewind_to_next_header() {
                        Self::skip_to_magic(&mut inner, start)?;
                    }
                    let resumed = inner.pos;
                    self.next_member(inner)?;
                    let message = format!("damaged gzip member at compressed byte {start} ({e}); resumed at compressed byte {resumed}");
                    return Err(io::Error::new(io::ErrorKind::InvalidData, message));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    /// Reads to the end, collecting data and errors.
    fn drain(bytes: &[u8]) -> (Vec<u8>, Vec<io::Error>) {
        let mut r = MemberReader::new(io::BufReader::with_capacity(16, bytes));
        let (mut out, mut errors) = (Vec::new(), Vec::new());
        let mut buf = [0u8; 7];
        loop {
            match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => {
                    let eof = e.kind() == io::ErrorKind::UnexpectedEof;
                    errors.push(e);
                    if eof {
                        break;
                    }
                }
            }
        }
        (out, errors)
    }

    #[test]
    fn reads_every_member() {
        let all = [gzip(b"one "), gzip(b"two "), gzip(b"three")].concat();
        let (out, errors) = drain(&all);
        assert_eq!(out, b"one two three");
        assert!(errors.is_empty());
    }

    #[test]
    fn a_damaged_member_costs_only_itself() {
        let body: Vec<u8> = (0..2000u32).flat_map(|i| i.to_le_bytes()).collect();
        let (a, mut b, c) = (gzip(b"first "), gzip(&body), gzip(b"last"));
        let mid = b.len() / 2;
        b[mid] ^= 0xff;
        b[mid + 1] ^= 0x55;
        let (out, errors) = drain(&[a.clone(), b, c].concat());
        assert!(out.starts_with(b"first ") && out.ends_with(b"last"), "{} bytes {errors:?}", out.len());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].to_string().contains(&format!("compressed byte {}", a.len())), "{}", errors[0]);
    }

    #[test]
    fn any_damaged_byte_spares_the_next_member() {
        let body: Vec<u8> = (0..300u32).flat_map(|i| (i * 7919).to_le_bytes()).collect();
        let (a, b, c) = (gzip(b"first "), gzip(&body), gzip(b"last"));
        for at in 0..b.len() {
            let mut damaged = b.clone();
            damaged[at] ^= 0xa5;
            let (out, _) = drain(&[a.clone(), damaged, c.clone()].concat());
            assert!(out.starts_with(b"first ") && out.ends_with(b"last"), "damage at byte {at} of {}", b.len());
        }
    }

    #[test]
    fn a_cut_stream_ends_with_unexpected_eof() {
        let all = [gzip(b"one "), gzip(b"two two two two")].concat();
        let (out, errors) = drain(&all[..all.len() - 6]);
        assert!(out.starts_with(b"one "));
        assert_eq!(errors.last().unwrap().kind(), io::ErrorKind::UnexpectedEof);
    }
}
