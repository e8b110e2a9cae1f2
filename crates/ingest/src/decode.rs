//! Bytes to text: UTF-8 (with or without BOM) and UTF-16 with a BOM. Anything else is refused
//! with the position of the first bad byte, so the user can find it.

/// Decodes a text file's bytes or says why it is not text.
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(at) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(format!("binary data (NUL byte at offset {at}), not a text file"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!("invalid UTF-8 at byte {at} (line {line}); save the file as UTF-8"))
        }
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("invalid UTF-16: odd number of bytes".into());
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(_) => return Err(format!("invalid UTF-16 at byte {}", 2 + i * 2)),
        }
    }
    if out.trim().is_empty() {
        return Err("empty file".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode_text(b"").unwrap_err(), "empty file");
        assert!(decode_text(b"ab\0cd").unwrap_err().contains("binary"));
        assert!(decode_text(b"ok\nbad \xff here").unwrap_err().contains("line 2"));
        assert!(decode_text(&[0xFF, 0xFE, 0x00, 0xD8]).unwrap_err().contains("UTF-16"));
    }

    #[test]
    fn reads_utf8_and_utf16() {
        assert_eq!(decode_text("\u{feff}héllo".as_bytes()).unwrap(), "héllo");
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("hé".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode_text(&le).unwrap(), "hé");
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("hé".encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
        assert_eq!(decode_text(&be).unwrap(), "hé");
    }
}
