//! What keeps the server safe to expose: security headers on every response, a per-client
//! rate limit, and the bearer token that write endpoints need when one is configured. (The
//! request size limit is axum's `DefaultBodyLimit`, set in `router`.)

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::{Failure, State as AppState};

/// Pages load their one stylesheet and one script from this server and nothing else; no
/// inline script or style runs, whatever an article contains.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every response.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    response
}

/// A token bucket per client address: `per_second` requests a second on average, bursts of
/// up to `burst`. Buckets of clients gone quiet are dropped when the table grows.
///
/// Written here rather than taken from tower_governor: the policy is a dozen lines, and it
/// must also work where no peer address is known (requests driven in-process by tests count
/// as one local client).
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

/// Client buckets kept before quiet ones are swept out.
const MAX_BUCKETS: usize = 10_000;

impl RateLimiter {
    /// `per_second` 0 turns the limit off.
    pub fn new(per_second: u32, burst: u32) -> RateLimiter {
        RateLimiter { per_second: f64::from(per_second), burst: f64::from(burst.max(1)), buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes a token for `client`; false when its bucket is empty.
    pub fn allow(&self, client: IpAddr) -> bool {
        if self.per_second <= 0.0 {
            return true;
        }
        let Ok(mut buckets) = self.buckets.lock() else { return true };
        let now = Instant::now();
        if buckets.len() >= MAX_BUCKETS {
            let full_after = self.burst / self.per_second;
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs_f64() < full_after);
        }
        let (tokens, at) = buckets.entry(client).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Answers 429 to a client over its rate.
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |c| c.0.ip());
    if !state.limiter.allow(client) {
        let mut response = (StatusCode::TOO_MANY_REQUESTS, "too many requests: slow down\n").into_response();
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return response;
    }
    next.run(request).await
}

/// Checks the bearer token of a write request, when the server has one.
pub fn authorize(headers: &HeaderMap, token: Option<&str>) -> Result<(), Failure> {
    let Some(expected) = token else { return Ok(()) };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim);
    match given {
        // Constant time: how much of a guess matches must not show in the response time.
        Some(given) if constant_time_eq::constant_time_eq(given.as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(Failure::new(StatusCode::UNAUTHORIZED, "wrong bearer token")),
        None => Err(Failure::new(StatusCode::UNAUTHORIZED, "this endpoint needs a bearer token (Authorization: Bearer …)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_a_burst_then_refuses() {
        let limiter = RateLimiter::new(1, 3);
        let client = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
        assert!((0..3).all(|_| limiter.allow(client)));
        assert!(!limiter.allow(client));
        assert!(limiter.allow(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3))), "another client has its own bucket");
        assert!((0..100).all(|_| RateLimiter::new(0, 0).allow(client)), "0 turns the limit off");
    }

    #[test]
    fn token_must_match_exactly() {
        let mut headers = HeaderMap::new();
        assert!(authorize(&headers, None).is_ok());
        assert_eq!(authorize(&headers, Some("s3cret")).unwrap_err().status, StatusCode::UNAUTHORIZED);
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer s3cre"));
        assert!(authorize(&headers, Some("s3cret")).is_err());
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer s3cret"));
        assert!(authorize(&headers, Some("s3cret")).is_ok());
    }
}
