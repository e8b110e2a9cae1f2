//! Prints the quotes found in a text given on stdin (one paragraph per line), for debugging.
use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).unwrap();
    let doc = parallax_core::Document::from_paragraphs("stdin", text.split('\n'));
    for (i, q) in parallax_quotes::find_quotes(&doc).iter().enumerate() {
        println!(
            "{i} {:?} {:?} | speaker {:?} | cue {:?} | {:?}",
            q.kind,
            doc.text(&q.text),
            q.speaker.as_ref().map(|s| doc.text(s)),
            q.cue.as_ref().map(|s| doc.text(s)),
            q.speaker_source
        );
    }
}
