//! `meetctl_config`: the transport settings a client is built from.

use std::ffi::c_char;
use std::time::Duration;

use meetctl::huawei::Region;
use meetctl::{ClientConfig, ProxySetting};

use crate::error::meetctl_error;
use crate::ffi;
use crate::panic::{boundary, fallible};
use crate::status::meetctl_status;

/// Client settings: base URL, Huawei region, timeouts, proxy, extra CA certificates, response
/// size limit. Made with `meetctl_config_new`, changed with the `meetctl_config_set_*`
/// functions, read (copied) by the client constructors, freed with `meetctl_config_free`.
///
/// Defaults: the vendor's public endpoint (Huawei: region `cn-north-4`), 10 s to connect, 30 s to
/// receive, 60 s overall, proxy from the environment, the bundled Mozilla roots, 1 MiB answers.
/// Values are checked when a client is made from the config.
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
        change: impl FnOnce(&mut meetctl_config) -> Result<(), crate::error::Failure>,
    ) -> meetctl_status {
        fallible(err_out, || change(ffi::try_mut(cfg, "config")?))
    }

    fn map(&mut self, f: impl FnOnce(ClientConfig) -> ClientConfig) {
        let config = std::mem::take(&mut self.config);
        self.config = f(config);
    }
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

/// The whole call, from connecting to the last body byte, in milliseconds (default 60000).
/// Must be more than zero (checked when a client is made, field `timeout`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_timeout_ms(
    cfg: *mut meetctl_config,
    timeout_ms: u64,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        c.map(|config| config.timeout(Duration::from_millis(timeout_ms)));
        Ok(())
    })
}

/// Connecting, including DNS, proxy and TLS handshake, in milliseconds (default 10000). Must be
/// more than zero (field `connect_timeout`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_connect_timeout_ms(
    cfg: *mut meetctl_config,
    timeout_ms: u64,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        c.map(|config| config.connect_timeout(Duration::from_millis(timeout_ms)));
        Ok(())
    })
}

/// Waiting for the response headers, and then for the body, in milliseconds (default 30000).
/// Must be more than zero (field `read_timeout`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_read_timeout_ms(
    cfg: *mut meetctl_config,
    timeout_ms: u64,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        c.map(|config| config.read_timeout(Duration::from_millis(timeout_ms)));
        Ok(())
    })
}

/// Uses this proxy (`http://user:pass@host:port`, `socks5://host:port`). Checked when a client
/// is made (field `proxy`).
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
/// the bundled Mozilla roots. Checked when a client is made (field `extra_ca_pem`).
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_extra_ca_pem(
    cfg: *mut meetctl_config,
    pem: *const u8,
    pem_len: usize,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        let pem = ffi::try_slice(pem, pem_len, "pem")?.to_vec();
        c.map(|config| config.extra_ca_pem(pem));
        Ok(())
    })
}

/// Refuses answers whose body is larger than `max_bytes` (default 1 MiB) with
/// `MEETCTL_STATUS_MALFORMED_RESPONSE`.
#[unsafe(no_mangle)]
pub extern "C" fn meetctl_config_set_max_response_bytes(
    cfg: *mut meetctl_config,
    max_bytes: u64,
    err_out: *mut *mut meetctl_error,
) -> meetctl_status {
    meetctl_config::update(cfg, err_out, |c| {
        c.map(|config| config.max_response_bytes(max_bytes));
        Ok(())
    })
}
