//! TLS settings, made once per client: ureq's rustls on the ring provider, trusting the bundled
//! Mozilla roots plus any CA the caller adds.
//!
//! ureq skips a root it cannot parse without a word, so the caller's PEM is checked here first,
//! each certificate made a trust anchor the way rustls will: a bad one is refused naming
//! `extra_ca_pem` when the client is made, not found missing at the first handshake.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use ureq::tls::{Certificate, RootCerts, TlsConfig};

use crate::error::Error;

/// The TLS settings for every connection of a client.
pub(crate) fn config(extra_ca_pem: Option<&[u8]>) -> Result<TlsConfig, Error> {
    let mut roots: Vec<Certificate<'static>> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
        .collect();
    if let Some(pem) = extra_ca_pem {
        let mut checked = rustls::RootCertStore::empty();
        let before = roots.len();
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|_| Error::invalid("extra_ca_pem", "is not valid PEM"))?;
            checked.add(cert.clone()).map_err(|_| {
                Error::invalid("extra_ca_pem", "holds a certificate that cannot be a trust anchor")
            })?;
            roots.push(Certificate::from_der(cert.as_ref()).to_owned());
        }
        if roots.len() == before {
            return Err(Error::invalid("extra_ca_pem", "holds no CERTIFICATE block"));
        }
    }
    Ok(TlsConfig::builder()
        .root_certs(RootCerts::new_with_certs(&roots))
        .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_ca_must_be_pem_with_a_certificate() {
        for bad in
            [&b"nonsense"[..], b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"]
        {
            assert_eq!(config(Some(bad)).unwrap_err().field(), Some("extra_ca_pem"));
        }
        assert!(config(None).is_ok());
    }
}
