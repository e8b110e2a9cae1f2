//! `parallax serve`: the web pages and JSON API over a stored collection.

use std::net::SocketAddr;
use std::process::ExitCode;

use crate::collection::DbArg;

#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArg,
    /// Address to listen on. The default is loopback only; give e.g. 0.0.0.0:7373 to be
    /// reachable from other machines (then set a token).
    #[arg(long, default_value = "127.0.0.1:7373")]
    addr: SocketAddr,
    /// Bearer token that write requests (POST /api/articles) must carry. Default:
    /// $PARALLAX_TOKEN; with neither, writes are open (fine on loopback).
    #[arg(long, env = "PARALLAX_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = parallax_server::DEFAULT_MAX_BODY)]
    max_body: usize,
    /// Requests per second per client address, on average (0: no limit).
    #[arg(long, default_value_t = 50)]
    rate: u32,
    /// Requests a client may send in a burst before the rate applies.
    #[arg(long, default_value_t = 200)]
    burst: u32,
    /// Keep the pages of this many most recent stories rendered (0: every story), in the
    /// background, at start and whenever the store changes (renderings are kept in the store
    /// per story revision, so a restart finds them ready).
    #[arg(long, default_value_t = 0)]
    warm: usize,
}

pub fn run(args: ServeArgs) -> ExitCode {
    let db = match args.db.path() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("parallax: {e}");
            return ExitCode::from(1);
        }
    };
    let token = args.token.filter(|t| !t.trim().is_empty());
    if token.is_none() && !args.addr.ip().is_loopback() {
        eprintln!("parallax: warning: listening on {} with no --token: anyone who can reach it can add articles", args.addr);
    }
    let config = parallax_server::Config { db, token, max_body: args.max_body, rate_per_second: args.rate, rate_burst: args.burst };
    match parallax_server::serve_blocking(config, args.addr, args.warm) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parallax: {e}");
            ExitCode::from(1)
        }
    }
}
