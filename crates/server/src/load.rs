//! A load driver for `parallax bench --serve`: concurrent clients send GET requests to a
//! server on this machine, bounded both in count and in time, and the latency of each
//! endpoint is reported. It only ever targets the address it is given (loopback).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// One kind of request: a name for the report and the paths to cycle through.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub name: String,
    pub paths: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct LoadSpec {
    pub addr: SocketAddr,
    pub endpoints: Vec<Endpoint>,
    pub clients: usize,
    /// Requests in all, spread evenly over the endpoints.
    pub requests: usize,
    /// The run stops when this has passed, whatever is left.
    pub time_limit: Duration,
}

#[derive(Debug, Clone)]
pub struct EndpointFigures {
    pub name: String,
    pub requests: usize,
    pub errors: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

#[derive(Debug, Clone)]
pub struct LoadReport {
    pub requests: usize,
    pub errors: usize,
    pub seconds: f64,
    pub endpoints: Vec<EndpointFigures>,
    /// Whether the time limit cut the run short.
    pub timed_out: bool,
}

impl LoadReport {
    pub fn requests_per_second(&self) -> f64 {
        self.requests as f64 / self.seconds.max(1e-9)
    }
}

/// One endpoint's requests: (milliseconds, success).
type Samples = Vec<(f64, bool)>;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Sends the requests and measures each (status 2xx and a complete body count as success).
pub async fn run(spec: &LoadSpec) -> LoadReport {
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(spec.clients).build_http();
    let next = Arc::new(AtomicUsize::new(0));
    let samples: Arc<Mutex<Vec<Samples>>> = Arc::new(Mutex::new(vec![Vec::new(); spec.endpoints.len()]));
    let started = Instant::now();
    let deadline = started + spec.time_limit;
    let mut tasks = Vec::with_capacity(spec.clients);
    for _ in 0..spec.clients.max(1) {
        let (client, next, samples, spec) = (client.clone(), Arc::clone(&next), Arc::clone(&samples), spec.clone());
        tasks.push(tokio::spawn(async move {
            let mut mine: Vec<Samples> = vec![Vec::new(); spec.endpoints.len()];
            loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= spec.requests || Instant::now() >= deadline || spec.endpoints.is_empty() {
                    break;
                }
                let e = k % spec.endpoints.len();
                let endpoint = &spec.endpoints[e];
                let Some(path) = endpoint.paths.get((k / spec.endpoints.len()) % endpoint.paths.len().max(1)) else { continue };
                let Ok(uri) = format!("http://{}{}", spec.addr, path).parse::<hyper::Uri>() else {
                    mine[e].push((0.0, false));
                    continue;
                };
                let sent = Instant::now();
                let ok = match client.get(uri).await {
                    Ok(response) => {
                        let status = response.status();
                        let body = response.into_body().collect().await;
                        status.is_success() && body.is_ok()
                    }
                    Err(_) => false,
                };
                mine[e].push((sent.elapsed().as_secs_f64() * 1000.0, ok));
            }
            if let Ok(mut all) = samples.lock() {
                for (into, from) in all.iter_mut().zip(mine) {
                    into.extend(from);
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let seconds = started.elapsed().as_secs_f64();
    let samples = samples.lock().map(|s| s.clone()).unwrap_or_default();
    let mut endpoints = Vec::new();
    for (endpoint, list) in spec.endpoints.iter().zip(samples) {
        let mut ms: Vec<f64> = list.iter().map(|s| s.0).collect();
        ms.sort_by(f64::total_cmp);
        endpoints.push(EndpointFigures {
            name: endpoint.name.clone(),
            requests: list.len(),
            errors: list.iter().filter(|s| !s.1).count(),
            p50_ms: percentile(&ms, 50.0),
            p99_ms: percentile(&ms, 99.0),
            max_ms: ms.last().copied().unwrap_or(0.0),
        });
    }
    let requests = endpoints.iter().map(|e| e.requests).sum();
    LoadReport {
        requests,
        errors: endpoints.iter().map(|e| e.errors).sum(),
        seconds,
        timed_out: requests < spec.requests,
        endpoints,
    }
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_take_the_rank_above() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 50.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&[], 99.0), 0.0);
        assert_eq!(percentile(&[7.0], 99.0), 7.0);
    }
}

/// One step of a load run: what to request, how many times.
#[derive(Debug, Clone)]
pub struct Phase {
    pub name: String,
    pub endpoints: Vec<Endpoint>,
    pub requests: usize,
}

/// Starts the server over `config` on a free loopback port, runs each phase in turn with
/// `clients` concurrent clients (each phase bounded by `time_limit`), and stops the server.
/// With `warmed`, every story is rendered first, as `serve` does in the background.
pub fn measure(config: crate::Config, phases: &[Phase], clients: usize, time_limit: Duration, warmed: bool) -> Result<Vec<(String, LoadReport)>, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let state = crate::state::Shared::open(config)?;
        if warmed {
            crate::pages::warm_once(&state, 0, &mut Default::default()).await;
        }
        let app = crate::app(state);
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        let mut reports = Vec::new();
        for phase in phases {
            let spec = LoadSpec { addr, endpoints: phase.endpoints.clone(), clients, requests: phase.requests, time_limit };
            reports.push((phase.name.clone(), run(&spec).await));
        }
        let _ = stop.send(());
        let _ = server.await;
        Ok(reports)
    })
}
