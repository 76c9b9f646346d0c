//! TLS settings, made once per client: rustls on the ring provider, trusting the bundled Mozilla
//! roots plus any CA the caller adds.

use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};

use crate::error::{Error, ErrorKind};

/// The TLS settings for every connection of a client.
pub(crate) fn client_config(extra_ca_pem: Option<&[u8]>) -> Result<Arc<rustls::ClientConfig>, Error> {
    let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    if let Some(pem) = extra_ca_pem {
        let mut added = 0;
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|_| Error::invalid("extra_ca_pem", "is not valid PEM"))?;
            roots.add(cert).map_err(|_| {
                Error::invalid("extra_ca_pem", "holds a certificate that cannot be a trust anchor")
            })?;
            added += 1;
        }
        if added == 0 {
            return Err(Error::invalid("extra_ca_pem", "holds no CERTIFICATE block"));
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::new(ErrorKind::Tls, "TLS could not be set up").with_source(e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// The name a server's certificate must carry: a DNS name or an IP address.
pub(crate) fn server_name(host: &str) -> Result<ServerName<'static>, Error> {
    ServerName::try_from(host.to_owned())
        .map_err(|_| Error::invalid("base_url", "has a host that cannot be checked against a certificate"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_ca_must_be_pem_with_a_certificate() {
        for bad in
            [&b"nonsense"[..], b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"]
        {
            assert_eq!(client_config(Some(bad)).unwrap_err().field(), Some("extra_ca_pem"));
        }
        assert!(client_config(None).is_ok());
    }

    #[test]
    fn names_and_addresses_are_server_names() {
        assert!(matches!(server_name("api.meeting.qq.com"), Ok(ServerName::DnsName(_))));
        assert!(matches!(server_name("::1"), Ok(ServerName::IpAddress(_))));
    }
}
