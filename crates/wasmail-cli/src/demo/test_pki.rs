//! A throwaway certificate authority and a `localhost`/`127.0.0.1` server certificate, made at
//! start so the demo needs no files. Clients trust the CA explicitly (`--ca-file`).

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType,
};
use rustls::ServerConfig;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// The CA's certificate (PEM, for clients) and the server's TLS configuration.
#[derive(Debug, Clone)]
pub struct TestPki {
    /// The CA certificate clients must trust, PEM-encoded.
    pub ca_pem: String,
    /// A rustls server configuration (ring provider) presenting the leaf certificate.
    pub server_config: Arc<ServerConfig>,
}

impl TestPki {
    /// Generates a fresh CA and leaf (ECDSA P-256).
    pub fn generate() -> Result<TestPki, String> {
        let fail = |what: &str, error: &dyn std::fmt::Display| format!("{what}: {error}");
        let ca_key = KeyPair::generate().map_err(|e| fail("cannot generate the CA key", &e))?;
        let mut ca_params =
            CertificateParams::new(Vec::<String>::new()).map_err(|e| fail("CA parameters", &e))?;
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "wasmail demo CA");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca_params
            .self_signed(&ca_key)
            .map_err(|e| fail("cannot sign the CA", &e))?;
        let issuer = Issuer::new(ca_params, ca_key);

        let leaf_key =
            KeyPair::generate().map_err(|e| fail("cannot generate the server key", &e))?;
        let mut leaf_params = CertificateParams::new(vec!["localhost".to_owned()])
            .map_err(|e| fail("server certificate parameters", &e))?;
        leaf_params
            .distinguished_name
            .push(DnType::CommonName, "localhost");
        leaf_params
            .subject_alt_names
            .push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        leaf_params.is_ca = IsCa::ExplicitNoCa;
        leaf_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf_cert = leaf_params
            .signed_by(&leaf_key, &issuer)
            .map_err(|e| fail("cannot sign the server certificate", &e))?;

        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server_config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| fail("TLS versions", &e))?
            .with_no_client_auth()
            .with_single_cert(vec![leaf_cert.der().clone(), ca_cert.der().clone()], key)
            .map_err(|e| fail("server TLS configuration", &e))?;
        Ok(TestPki {
            ca_pem: ca_cert.pem(),
            server_config: Arc::new(server_config),
        })
    }
}
