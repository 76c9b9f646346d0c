//! `meetctl_config`: the transport settings a client is built from.

use std::ffi::c_char;
use std::time::Duration;

use meetctl::huawei::Region;
use meetctl::{ClientConfig, MAX_ATTEMPTS, MAX_RESPONSE_BYTES, MAX_TIMEOUT, ProxySetting, RetryPolicy};

use crate::error::{fallible, meetctl_error};
use crate::failure::BoundaryFailure;
use crate::ffi;
use crate::panic::boundary;
use crate::status::meetctl_status;

/// Client settings: base URL, Huawei region, timeouts, proxy, extra CA certificates, response
/// size limit, plain-HTTP policy, retries. Made with `meetctl_config_new`, changed with the
/// `meetctl_config_set_*` functions, read (copied) by the client constructors, freed with
/// `meetctl_config_free`.
///
/// Defaults: the vendor's public endpoint (Huawei: region `cn-north-4`), 10 s to connect, 30 s to
/// receive, 60 s overall, proxy from the environment, the bundled Mozilla roots, 1 MiB answers,
/// plain `http://` only to a loopback host, 3 attempts per exchange. Numbers out of range are
/// refused by their setter (`MEETCTL_STATUS_INVALID_ARGUMENT` naming the field; the config is
/// left unchanged); text values (URLs, PEM) are checked when a client is made from the config.
///
/// Thread safety: not synchronised. Several threads may make clients from one config at once,
/// but no thread may change it (or free it) meanwhile. A client copies what it needs: the config
/// may be changed or freed once the client exists.
pub struct meetctl_config {
    pub(crate) config: ClientConfig,
    pub(crate) region: Region,
}

impl meetctl_config {
    /// The settings of `ptr`, or the defaults when it is NULL.
    pub(crate) fn or_default(ptr: *const meetctl_config) -> (ClientConfig, Region) {
        ffi::opt_ref(ptr)
            .map_or_else(|| (ClientConfig::new(), Region::default()), |c| (c.config.clone(), c.region))
    }

    fn update(
        cfg: *mut meetctl_config,
        err_out: *mut *mut meetctl_error,
        change: impl FnOnce(&mut meetctl_config) -> Result<(), BoundaryFailure>,
    ) -> meetctl_status {
        fallible(err_out, || change(ffi::try_mut(cfg, "config")?))
    }

    fn map(&mut self, f: impl FnOnce(ClientConfig) -> ClientConfig) {
        let config = std::mem::take(&mut self.config);
        self.config = f(config);
    }
}

/// `timeout_ms` as a timeout, when it is from 1 ms to an hour (the core's `MAX_TIMEOUT`); an
/// invalid argument naming `field` otherwise.
fn timeout_ms_in_range(timeout_ms: u64, field: &'static str) -> Result<Duration, BoundaryFailure> {
    let max_ms = u64::try_from(MAX_TIMEOUT.as_millis()).unwrap_or(u64::MAX);
    if timeout_ms == 0 || timeout_ms > max_ms {
        return Err(BoundaryFailure::invalid(
            field,
            format!("must be from 1 to {max_ms} milliseconds (an hour); {timeout_ms} is not"),
        ));
    }
    Ok(Duration::from_millis(timeout_ms))
}

/// A new config with the defaults. Never `NULL` (allocation failure aborts). Free it with
/// `meetctl_config_free`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_new() -> *mut meetctl_config {
    boundary(|| ffi::into_handle(meetctl_config { config: ClientConfig::new(), region: Region::default() }))
}

/// Frees a config. `NULL` is a no-op.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_free(cfg: *mut meetctl_config) {
    boundary(|| ffi::free_box(cfg))
}

/// Sends requests to `base_url` instead of the vendor's public endpoint (private deployments,
/// the emulator): `http://` or `https://`, a trailing `/` ignored. Checked when a client is made
/// (`MEETCTL_STATUS_INVALID_ARGUMENT`, field `base_url`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_base_url(
    cfg: *mut meetctl_config,
    base_url: *const c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        let url = ffi::try_str(base_url, "base_url")?.to_owned();
        c.map(|config| config.base_url(url));
        Ok(())
    })
}

/// The Huawei region, `"cn-north-4"` (default) or `"ap-southeast-1"`: its endpoint is used
/// unless a base URL is set. Ignored by Tencent clients. Anything else is
/// `MEETCTL_STATUS_INVALID_ARGUMENT` (field `region`) and leaves the config unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_region(
    cfg: *mut meetctl_config,
    region: *const c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        c.region = ffi::try_str(region, "region")?.parse::<Region>()?;
        Ok(())
    })
}

/// The whole call, from connecting to the last body byte, across every exchange and retry it
/// makes, in milliseconds (default 60000). From 1 to 3600000 (an hour): anything else (0,
/// `UINT64_MAX`, a negative number converted) is `MEETCTL_STATUS_INVALID_ARGUMENT` naming
/// `timeout`, and the config is left unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_timeout_ms(
    cfg: *mut meetctl_config,
    timeout_ms: u64,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        let timeout = timeout_ms_in_range(timeout_ms, "timeout")?;
        c.map(|config| config.timeout(timeout));
        Ok(())
    })
}

/// Connecting, including DNS, proxy and TLS handshake, in milliseconds (default 10000). From 1 to
/// 3600000: anything else is `MEETCTL_STATUS_INVALID_ARGUMENT` naming `connect_timeout`, and the
/// config is left unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_connect_timeout_ms(
    cfg: *mut meetctl_config,
    timeout_ms: u64,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        let timeout = timeout_ms_in_range(timeout_ms, "connect_timeout")?;
        c.map(|config| config.connect_timeout(timeout));
        Ok(())
    })
}

/// Waiting for the response headers, and then for the body, in milliseconds (default 30000).
/// From 1 to 3600000: anything else is `MEETCTL_STATUS_INVALID_ARGUMENT` naming `read_timeout`,
/// and the config is left unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_read_timeout_ms(
    cfg: *mut meetctl_config,
    timeout_ms: u64,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        let timeout = timeout_ms_in_range(timeout_ms, "read_timeout")?;
        c.map(|config| config.read_timeout(timeout));
        Ok(())
    })
}

/// Uses this HTTP proxy (`http://[user:pass@]host[:port]`), through which requests tunnel with
/// `CONNECT`; SOCKS and `https://` proxies are refused. Checked when a client is made (field
/// `proxy`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_proxy(
    cfg: *mut meetctl_config,
    proxy_url: *const c_char,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        let url = ffi::try_str(proxy_url, "proxy_url")?.to_owned();
        c.map(|config| config.proxy(ProxySetting::Url(url)));
        Ok(())
    })
}

/// Uses no proxy, whatever the environment says.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_disable_proxy(
    cfg: *mut meetctl_config,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        c.map(|config| config.proxy(ProxySetting::Disabled));
        Ok(())
    })
}

/// Finds the proxy in `ALL_PROXY` / `HTTPS_PROXY` / `HTTP_PROXY` and `NO_PROXY` (the default).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_proxy_from_environment(
    cfg: *mut meetctl_config,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        c.map(|config| config.proxy(ProxySetting::FromEnvironment));
        Ok(())
    })
}

/// Also trusts the CA certificate(s) in this PEM text (`pem_len` bytes, no NUL needed), besides
/// the bundled Mozilla roots. At most 1 MiB: a longer `pem_len` (`SIZE_MAX`, say) is
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `pem_len`, before `pem` is read; `pem` may be `NULL`
/// only when `pem_len` is 0. The text is checked when a client is made (field `extra_ca_pem`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_extra_ca_pem(
    cfg: *mut meetctl_config,
    pem: *const u8,
    pem_len: usize,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        let pem = ffi::try_slice_max(pem, pem_len, ffi::MAX_PEM_BYTES, "pem", "pem_len")?.to_vec();
        c.map(|config| config.extra_ca_pem(pem));
        Ok(())
    })
}

/// Refuses answers whose body is larger than `max_bytes` (default 1 MiB) with
/// `MEETCTL_STATUS_MALFORMED_RESPONSE`. From 1 to 67108864 (64 MiB): anything else is
/// `MEETCTL_STATUS_INVALID_ARGUMENT` naming `max_response_bytes`, and the config is left unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_max_response_bytes(
    cfg: *mut meetctl_config,
    max_bytes: u64,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        if max_bytes == 0 || max_bytes > MAX_RESPONSE_BYTES {
            return Err(BoundaryFailure::invalid(
                "max_response_bytes",
                format!("must be from 1 byte to {MAX_RESPONSE_BYTES} (64 MiB); {max_bytes} is not"),
            ));
        }
        c.map(|config| config.max_response_bytes(max_bytes));
        Ok(())
    })
}

/// Whether a plain `http://` base URL may name a host that is not loopback (default `false`).
/// Over plain HTTP, passwords, tokens and signatures cross the network in clear text, so by
/// default a client made with such a base URL is refused (`MEETCTL_STATUS_INVALID_ARGUMENT`,
/// field `base_url`); `http://` to `localhost`, `127.0.0.0/8` or `[::1]` (the emulator) is always
/// accepted. Set it only for a trusted network.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_allow_insecure_http(
    cfg: *mut meetctl_config,
    allow: bool,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        c.map(|config| config.allow_insecure_http(allow));
        Ok(())
    })
}

/// At most `max_attempts` attempts per exchange (default 3; 1 turns retrying off). From 1 to 10:
/// anything else is `MEETCTL_STATUS_INVALID_ARGUMENT` naming `max_attempts`, and the config is
/// left unchanged.
///
/// Only what cannot have been processed, or what the server asks to be repeated, is tried again:
/// a connection that could not be made; HTTP 408, 429 (after its `Retry-After`, up to 10 s), 502,
/// 503 and 504; and, for a `GET`, a connection lost mid-exchange. A vendor's business error is
/// never retried. The waits (exponential backoff with jitter, from 100 ms to 2 s) and every attempt
/// fit in the call's `timeout`. A failed call's error says how many attempts were made
/// (`meetctl_error_get_attempts`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_max_attempts(
    cfg: *mut meetctl_config,
    max_attempts: u32,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        if !(1..=MAX_ATTEMPTS).contains(&max_attempts) {
            return Err(BoundaryFailure::invalid(
                "max_attempts",
                format!("must be from 1 to {MAX_ATTEMPTS}; {max_attempts} is not"),
            ));
        }
        c.map(|config| config.retry(RetryPolicy::new().max_attempts(max_attempts)));
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{meetctl_error_free, meetctl_error_get_field, meetctl_error_get_status};
    use std::ffi::CStr;
    use std::ptr;

    /// The status and field of a failed setter; the error is freed.
    fn failure(set: impl FnOnce(*mut *mut meetctl_error) -> meetctl_status) -> (meetctl_status, String) {
        let mut err = ptr::null_mut();
        let st = set(&mut err);
        assert!(st != meetctl_status::Ok, "the setter accepted the value");
        assert_eq!(meetctl_error_get_status(err), st);
        // SAFETY: a failing call set err, whose field is NULL or a live string.
        let field = unsafe { CStr::from_ptr(meetctl_error_get_field(err)) }.to_str().unwrap().to_owned();
        meetctl_error_free(err);
        (st, field)
    }

    /// The settings of a live config, as text.
    fn settings(cfg: *mut meetctl_config) -> String {
        // SAFETY: `cfg` is a live config made by meetctl_config_new.
        format!("{:?}", unsafe { &*cfg }.config)
    }

    #[test]
    fn numbers_out_of_range_are_refused_by_their_setter_naming_the_field() {
        let cfg = meetctl_config_new();
        let before = settings(cfg);
        let invalid = |f: &str| (meetctl_status::InvalidArgument, f.to_owned());
        for ms in [0, 3_600_001, u64::MAX, -1i64 as u64] {
            assert_eq!(failure(|e| meetctl_config_set_timeout_ms(cfg, ms, e)), invalid("timeout"));
            assert_eq!(
                failure(|e| meetctl_config_set_connect_timeout_ms(cfg, ms, e)),
                invalid("connect_timeout")
            );
            assert_eq!(failure(|e| meetctl_config_set_read_timeout_ms(cfg, ms, e)), invalid("read_timeout"));
        }
        for bytes in [0, 64 * 1024 * 1024 + 1, u64::MAX] {
            let set = |e| meetctl_config_set_max_response_bytes(cfg, bytes, e);
            assert_eq!(failure(set), invalid("max_response_bytes"));
        }
        for n in [0, 11, u32::MAX] {
            assert_eq!(failure(|e| meetctl_config_set_max_attempts(cfg, n, e)), invalid("max_attempts"));
        }
        // Defect 11: SIZE_MAX as the PEM length was a "capacity overflow" panic.
        let pem = b"-----BEGIN CERTIFICATE-----";
        for len in [usize::MAX, isize::MAX as usize, 1024 * 1024 + 1] {
            let set = |e| meetctl_config_set_extra_ca_pem(cfg, pem.as_ptr(), len, e);
            assert_eq!(failure(set), invalid("pem_len"));
        }
        assert_eq!(settings(cfg), before, "a refused value changed the config");

        // The limits themselves are accepted.
        let ok = |st: meetctl_status| assert_eq!(st, meetctl_status::Ok);
        ok(meetctl_config_set_timeout_ms(cfg, 3_600_000, ptr::null_mut()));
        ok(meetctl_config_set_connect_timeout_ms(cfg, 1, ptr::null_mut()));
        ok(meetctl_config_set_read_timeout_ms(cfg, 1, ptr::null_mut()));
        ok(meetctl_config_set_max_response_bytes(cfg, 64 * 1024 * 1024, ptr::null_mut()));
        ok(meetctl_config_set_max_attempts(cfg, 10, ptr::null_mut()));
        ok(meetctl_config_set_max_attempts(cfg, 1, ptr::null_mut()));
        ok(meetctl_config_set_allow_insecure_http(cfg, true, ptr::null_mut()));
        ok(meetctl_config_set_extra_ca_pem(cfg, pem.as_ptr(), pem.len(), ptr::null_mut()));
        let after = settings(cfg);
        assert!(after.contains("timeout: 3600s") && after.contains("max_attempts: 1"), "{after}");
        assert!(after.contains("allow_insecure_http: true"), "{after}");
        meetctl_config_free(cfg);
    }
}
