//! The self-contained HTML report (one file, no external resources). Article text is
//! untrusted input: everything from the articles is escaped.

use crate::Analysis;

pub fn render(analysis: &Analysis) -> String {
    let _ = analysis;
    String::from("<!doctype html><meta charset=\"utf-8\"><title>Parallax report</title><p>Report not built yet.</p>")
}
