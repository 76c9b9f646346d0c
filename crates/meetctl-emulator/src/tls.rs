//! HTTPS for the emulator: a throwaway certificate authority and a server certificate made when
//! the emulator starts (fresh ECDSA P-256 keys each time, with `rcgen` on ring), and the rustls
//! acceptor that serves with them (rustls's ring provider, the one the client side uses too).

use std::io;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
    KeyPair, KeyUsagePurpose,
};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::ring::default_provider;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The names the server certificate is valid for: the loopback addresses and `localhost`.
const SERVER_NAMES: [&str; 3] = ["127.0.0.1", "::1", "localhost"];

/// What a TLS emulator serves with: the CA certificate clients are to trust, and the acceptor
/// holding the server certificate and its key.
pub(crate) struct Tls {
    /// The CA certificate in PEM (`-----BEGIN CERTIFICATE-----`).
    pub(crate) ca_pem: String,
    /// The TLS server side, HTTP/1.1.
    pub(crate) acceptor: TlsAcceptor,
}

impl Tls {
    /// Makes a new CA and a server certificate for 127.0.0.1, ::1 and localhost signed by it.
    pub(crate) fn generate() -> io::Result<Tls> {
        let ca_key = KeyPair::generate().map_err(cert_error)?;
        let mut ca_params = CertificateParams::default();
        ca_params.distinguished_name = name("meetctl-emulator test CA");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca_params.self_signed(&ca_key).map_err(cert_error)?;
        let ca = Issuer::new(ca_params, ca_key);

        let server_key = KeyPair::generate().map_err(cert_error)?;
        let mut params =
            CertificateParams::new(SERVER_NAMES.map(String::from).to_vec()).map_err(cert_error)?;
        params.distinguished_name = name("meetctl-emulator");
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        let server_cert = params.signed_by(&server_key, &ca).map_err(cert_error)?;

        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
        let chain = vec![CertificateDer::from(server_cert.der().to_vec())];
        let mut config = ServerConfig::builder_with_provider(Arc::new(default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(tls_error)?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .map_err(tls_error)?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Tls { ca_pem: ca_cert.pem(), acceptor: TlsAcceptor::from(Arc::new(config)) })
    }
}

fn name(common_name: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, common_name);
    name
}

fn cert_error(e: rcgen::Error) -> io::Error {
    io::Error::other(format!("cannot make the TLS certificates: {e}"))
}

fn tls_error(e: tokio_rustls::rustls::Error) -> io::Error {
    io::Error::other(format!("cannot set up TLS: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ca_each_time() {
        let a = Tls::generate().expect("tls");
        let b = Tls::generate().expect("tls");
        assert!(a.ca_pem.starts_with("-----BEGIN CERTIFICATE-----"));
        assert_ne!(a.ca_pem, b.ca_pem);
    }
}
