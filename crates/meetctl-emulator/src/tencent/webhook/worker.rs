//! A subscription's background work: the URL check, then its queue, delivered in order, each
//! event retried after the subscription's delays until a 200 (the same `data`, so the same
//! `trace_id`; a fresh timestamp, nonce and signature per attempt).

use std::sync::Arc;

use axum::http::Method;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::json;
use tokio::sync::mpsc;

use super::{Cancel, Check, Config, Delivery, Job, client, crypto, sign};
use crate::state::Shared;

/// A nonce: a random positive integer, as in the vendor's example (`14964161`).
fn nonce(shared: &Shared) -> String {
    let b = shared.random.bytes();
    let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) % 900_000_000 + 100_000_000;
    n.to_string()
}

/// The three signing headers for `data`.
fn signed_headers(shared: &Shared, config: &Config, data: &str) -> [(&'static str, String); 3] {
    let timestamp = shared.clock.now_millis().to_string();
    let nonce = nonce(shared);
    let signature = sign::signature(&config.token, &timestamp, &nonce, data);
    [("timestamp", timestamp), ("nonce", nonce), ("signature", signature)]
}

/// The URL check: `GET <url>?check_str=<url-encoded base64 of a random string, encrypted first
/// with a key>`; verified when the answer is 200 with exactly the plaintext.
pub(super) async fn check_url(shared: &Shared, config: &Config) -> (bool, Check) {
    // 24 characters: their base64 has no padding.
    let plain = shared.random.hex(24);
    let check_str = crypto::encode(plain.as_bytes(), config.key.as_ref());
    let headers = signed_headers(shared, config, &check_str);
    let encoded = utf8_percent_encode(&check_str, NON_ALPHANUMERIC).to_string();
    let target = config.target.with_query("check_str", &encoded);
    let result = client::send(&config.target, Method::GET, &target, &headers, None).await;
    let at_ms = shared.clock.now_millis();
    let (verified, check) = match result {
        Ok(answer) => {
            let verified = answer.status == 200 && answer.body.as_ref() == plain.as_bytes();
            let error = (!verified).then(|| {
                if answer.status == 200 {
                    "the answer is not the check string's plaintext".to_owned()
                } else {
                    format!("HTTP {}", answer.status)
                }
            });
            (verified, Check { status: Some(answer.status), error, at_ms })
        }
        Err(e) => (false, Check { status: None, error: Some(e), at_ms }),
    };
    log::info!("webhook URL check of {}: verified {verified}", config.url);
    (verified, check)
}

/// A verified subscription's delivery task.
pub(super) struct Task {
    pub(super) shared: Arc<Shared>,
    pub(super) app_id: String,
    pub(super) generation: u64,
    pub(super) config: Arc<Config>,
    pub(super) cancel: Arc<Cancel>,
}

impl Task {
    /// Delivers the queue in order until the subscription goes (what is left is dropped).
    pub(super) async fn run(self, mut queue: mpsc::UnboundedReceiver<Job>) {
        while let Some(job) = queue.recv().await {
            if !self.cancel.is_cancelled() {
                self.deliver(&job).await;
            }
            self.shared.webhooks.finish(&self.app_id, self.generation);
        }
    }

    async fn deliver(&self, job: &Job) {
        let data = crypto::encode(job.json.as_bytes(), self.config.key.as_ref());
        let body = json!({ "data": data }).to_string();
        let attempts = self.config.retry_delays.len() + 1;
        for attempt in 1..=attempts {
            let headers = signed_headers(&self.shared, &self.config, &data);
            let path = self.config.target.path_and_query();
            let result =
                client::send(&self.config.target, Method::POST, path, &headers, Some(body.clone())).await;
            let (status, error) = match result {
                Ok(answer) if answer.status == 200 => (Some(200), None),
                Ok(answer) => (Some(answer.status), Some(format!("HTTP {}", answer.status))),
                Err(e) => (None, Some(e)),
            };
            let delivered = error.is_none();
            let outcome = match (delivered, attempt < attempts) {
                (true, _) => "delivered",
                (false, true) => "retry",
                (false, false) => "failed",
            };
            log::info!("webhook {} ({}) attempt {attempt}: {outcome}", job.name, job.trace_id);
            let at_ms = self.shared.clock.now_millis();
            let record = Delivery {
                event: job.name,
                trace_id: job.trace_id.clone(),
                attempt,
                status,
                error,
                outcome,
                at_ms,
            };
            self.shared.webhooks.record(&self.app_id, self.generation, record);
            if delivered {
                return;
            }
            let Some(&delay) = self.config.retry_delays.get(attempt - 1) else { return };
            if !self.cancel.sleep(delay).await {
                return;
            }
        }
    }
}
