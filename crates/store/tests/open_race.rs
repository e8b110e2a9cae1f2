//! Processes (here threads, each with its own connection) opening one store while another
//! creates it: every open succeeds, whichever step of the creation it meets.

mod common;

use common::TempDir;
use parallax_store::Store;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[test]
fn opening_a_store_while_another_creates_it_never_fails() {
    for round in 0..40 {
        let dir = TempDir::new("open-race");
        let path = dir.path().join(format!("race-{round}.db"));
        let done = Arc::new(AtomicBool::new(false));
        let openers: Vec<_> = (0..3)
            .map(|_| {
                let (path, done) = (path.clone(), done.clone());
                std::thread::spawn(move || {
                    let mut opened = 0;
                    while !done.load(Ordering::Relaxed) || opened == 0 {
                        if path.exists() {
                            Store::open(&path).unwrap_or_else(|e| panic!("open while another creates: {e}"));
                            opened += 1;
                        }
                        std::thread::yield_now();
                    }
                })
            })
            .collect();
        Store::open(&path).expect("create");
        done.store(true, Ordering::Relaxed);
        for t in openers {
            t.join().expect("an opener failed");
        }
    }
}
