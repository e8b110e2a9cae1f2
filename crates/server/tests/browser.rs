//! The pages in headless Chromium: the example story page (quote groups expand, word diffs
//! show, a citation jumps to its highlighted passage, screenshots are written), and a corpus
//! of script-injection payloads that must run no script at all.
//!
//! Skipped, with a message, when no Chromium is installed, unless PARALLAX_REQUIRE_BROWSER=1
//! (as in CI), which makes a missing browser a failure.

mod common;
#[path = "common/cdp.rs"]
mod cdp;

use std::net::SocketAddr;
use std::path::PathBuf;

use cdp::{find_chromium, Browser};
use common::*;

fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    match find_chromium() {
        Some(p) => Some(p),
        None if std::env::var("PARALLAX_REQUIRE_BROWSER").is_ok_and(|v| v == "1") => {
            panic!("{test}: no chromium found and PARALLAX_REQUIRE_BROWSER=1 (install Debian's chromium or set PARALLAX_CHROMIUM)")
        }
        None => {
            eprintln!("SKIPPED {test}: no chromium on PATH (install Debian's chromium, or set PARALLAX_CHROMIUM)");
            None
        }
    }
}

/// Serves `db` on a free loopback port from a thread of its own, for the rest of the test.
fn spawn_server(db: PathBuf) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        runtime.block_on(async move {
            let app = parallax_server::router(config(db)).expect("router");
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            tx.send(listener.local_addr().expect("address")).expect("send address");
            let _ = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await;
        });
    });
    rx.recv().expect("server address")
}

fn screenshots() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../screenshots")
}

/// Records Content-Security-Policy violations, and a flag the payloads would set.
const WATCH: &str = "window.__cspViolations = 0; \
    document.addEventListener('securitypolicyviolation', function () { window.__cspViolations += 1; });";

fn largest_story(browser: &mut Browser, base: &str) -> i64 {
    browser.open(&format!("{base}/api/stories?order=size&limit=1"));
    let text = browser.eval("document.body.innerText");
    let list: serde_json::Value = serde_json::from_str(text.as_str().unwrap_or("")).expect("story list JSON");
    list["stories"][0]["id"].as_i64().expect("a story")
}

#[test]
fn story_page_in_a_browser() {
    let Some(chromium) = chromium_or_skip("story_page_in_a_browser") else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let addr = spawn_server(example_store(dir.path()));
    let base = format!("http://{addr}");
    let mut b = Browser::launch(&chromium);
    b.before_each_page(WATCH);
    let story = largest_story(&mut b, &base);

    b.open(&format!("{base}/"));
    assert!(b.eval("document.querySelectorAll('.story-list a.title').length").as_u64().unwrap_or(0) >= 1);
    b.screenshot(&screenshots().join("story-list.png"), false);

    b.open(&format!("{base}/stories/{story}"));
    b.screenshot(&screenshots().join("story-page.png"), false);
    b.screenshot(&screenshots().join("story-page-full.png"), true);
    assert_eq!(b.eval("document.querySelectorAll('button.expand-groups').length"), 1, "the page's script ran");
    assert_eq!(b.eval("window.__cspViolations"), 0, "the page itself breaks no policy");

    // A visual timeline, people with roles, the coverage table.
    assert!(b.eval("document.querySelectorAll('ol.timeline > li').length").as_u64().unwrap_or(0) >= 2);
    assert!(b.eval("document.querySelectorAll(\"h3[id$='-people'] + table tbody tr\").length").as_u64().unwrap_or(0) >= 2);
    assert!(b.eval("document.querySelectorAll(\"h3[id$='-coverage'] + table tbody tr\").length").as_u64().unwrap_or(0) >= 2);

    // Expand a quote group that is closed and see its word diff.
    let opened = b.eval(
        "(() => { const closed = [...document.querySelectorAll('details.group')].filter(d => !d.open && d.querySelector('ins, del'));
                  const any = closed[0] || [...document.querySelectorAll('details.group')].find(d => d.querySelector('ins, del'));
                  if (!any) return 'no group with a diff';
                  if (any.open) { any.open = false; }
                  any.querySelector('summary').click();
                  if (!any.open) return 'did not open';
                  const marks = [...any.querySelectorAll('ins, del')];
                  const shown = marks.filter(m => m.getBoundingClientRect().width > 0 && m.textContent.trim().length > 0);
                  any.scrollIntoView();
                  return shown.length > 0 ? 'ok' : 'diff not visible'; })()",
    );
    assert_eq!(opened, "ok");
    b.screenshot(&screenshots().join("story-page-quote-group.png"), false);

    // "Collapse all" then "Expand all" (the script's buttons).
    const GROUPS: &str = "[...document.querySelectorAll('details.group')].filter(d => {
        let h = d.previousElementSibling;
        while (h && h.tagName !== 'H3') h = h.previousElementSibling;
        return h && h.id.endsWith('-groups'); })";
    b.eval("document.querySelector('button.collapse-groups').click()");
    assert_eq!(b.eval(&format!("{GROUPS}.filter(d => d.open).length")).as_u64(), Some(0));
    b.eval("document.querySelector('button.expand-groups').click()");
    assert_eq!(b.eval(&format!("{GROUPS}.filter(d => !d.open).length")).as_u64(), Some(0));
    assert!(b.eval(&format!("{GROUPS}.length")).as_u64().unwrap_or(0) >= 2);

    // A summary citation jumps to its passage in the article text, highlighted and in view.
    b.eval("document.querySelectorAll('details.text').forEach(d => d.open = false)");
    let jumped = b.eval(
        "(() => { const cite = document.querySelector('.summary a.cite');
                  if (!cite) return 'no citation';
                  const id = cite.getAttribute('href').slice(1);
                  cite.click();
                  if (location.hash !== '#' + id) return 'hash ' + location.hash;
                  const target = document.getElementById(id);
                  if (!target.closest('details.text').open) return 'text still folded';
                  const flash = document.querySelector('.flash');
                  if (!flash) return 'nothing highlighted';
                  if (flash !== target.nextElementSibling) return 'wrong passage highlighted';
                  if (flash.tagName !== 'MARK') return 'passage not marked: ' + flash.tagName;
                  const r = flash.getBoundingClientRect();
                  return (r.top >= 0 && r.bottom <= innerHeight) ? 'ok' : 'passage not in view'; })()",
    );
    assert_eq!(jumped, "ok");
    b.screenshot(&screenshots().join("story-page-citation.png"), false);

    // Without script the page still works: groups and diffs are there, citations resolve.
    b.call("Emulation.setScriptExecutionDisabled", serde_json::json!({ "value": true }));
    b.open(&format!("{base}/stories/{story}"));
    assert_eq!(b.eval("document.querySelectorAll('button.expand-groups').length"), 0, "script is off");
    assert!(b.eval("document.querySelectorAll('details.group ins, details.group del').length").as_u64().unwrap_or(0) >= 1);
    assert_eq!(
        b.eval("[...document.querySelectorAll('a.cite')].filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length"),
        0,
        "every citation has its passage"
    );
    b.call("Emulation.setScriptExecutionDisabled", serde_json::json!({ "value": false }));

    // Article page: quotes highlighted by speaker, with a legend.
    b.open(&format!("{base}/articles/1"));
    assert!(b.eval("document.querySelectorAll('mark.said').length").as_u64().unwrap_or(0) >= 2);
    assert!(b.eval("document.querySelectorAll('ul.speakers li').length").as_u64().unwrap_or(0) >= 2);
    b.screenshot(&screenshots().join("article-page.png"), false);
    assert_eq!(b.eval("window.__cspViolations"), 0);
}

#[test]
fn injected_markup_runs_no_script() {
    let Some(chromium) = chromium_or_skip("injected_markup_runs_no_script") else { return };
    assert!(PAYLOADS.len() >= 20);
    let dir = tempfile::tempdir().expect("temp dir");
    let addr = spawn_server(store_with(dir.path(), &xss_corpus()));
    let base = format!("http://{addr}");
    let mut b = Browser::launch(&chromium);
    b.before_each_page(WATCH);
    b.open(&format!("{base}/api/stories"));
    let list: serde_json::Value = serde_json::from_str(b.eval("document.body.innerText").as_str().unwrap_or("")).expect("JSON");
    let stories: Vec<i64> = list["stories"].as_array().expect("list").iter().filter_map(|s| s["id"].as_i64()).collect();
    let mut pages = vec![format!("{base}/"), format!("{base}/?q=ferry"), format!("{base}/people/Orla%20Fenwick")];
    pages.extend(stories.iter().map(|s| format!("{base}/stories/{s}")));
    pages.extend((1..=4).map(|a| format!("{base}/articles/{a}")));
    let mut payload_pages = 0;
    for url in &pages {
        b.open(url);
        // Give timers, focus and media errors a moment to fire.
        b.eval("new Promise(r => setTimeout(r, 300))");
        assert_eq!(b.eval("window.__xss === undefined"), true, "a payload ran on {url}");
        assert_ne!(b.eval("document.title"), "XSS", "a payload ran on {url}");
        if b.eval("document.body.innerText.includes('window.__xss=1')") == true {
            payload_pages += 1;
        }
        // Links the payloads made stay text: clicking every link on the page runs nothing.
        assert_eq!(b.eval("[...document.querySelectorAll('a')].filter(a => a.protocol === 'javascript:').length"), 0, "{url}");
    }
    b.open(&format!("{base}/stories/{}", stories[0]));
    b.screenshot(&screenshots().join("xss-story-page.png"), false);
    assert!(payload_pages >= 3, "the payloads are shown as text on the pages ({payload_pages})");
    eprintln!("{} payloads on {} pages: 0 scripts ran", PAYLOADS.len(), pages.len());
}
