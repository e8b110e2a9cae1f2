//! Prints what the recogniser finds in one sentence: `timex_debug ANCHOR "text"`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let anchor = args.get(1).and_then(|a| parallax_timex::CalendarDate::parse(a));
    let text = args.get(2).cloned().unwrap_or_default();
    for t in parallax_timex::find_time_expressions(&text, anchor) {
        println!("{:?} {:?} {} {}", &text[t.start..t.end], (t.start, t.end), t.kind.as_str(), t.value);
    }
}
