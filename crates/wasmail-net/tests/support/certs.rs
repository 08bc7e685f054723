//! A private CA and server certificates for every case the tests need, made once per test
//! binary with rcgen.

use std::sync::OnceLock;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, date_time_ymd,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A server certificate chain and its key.
pub struct Leaf {
    pub chain: Vec<CertificateDer<'static>>,
    key_der: Vec<u8>,
}

impl Leaf {
    pub fn key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_der.clone()))
    }
}

/// The test PKI.
pub struct Pki {
    /// The CA the client is told to trust.
    pub ca_pem: String,
    /// For `localhost` and `127.0.0.1`, issued by the CA.
    pub good: Leaf,
    /// For `other.example` only, issued by the CA.
    pub wrong_host: Leaf,
    /// For `localhost`, signed by itself.
    pub self_signed: Leaf,
    /// For `localhost`, issued by the CA, expired in 2021.
    pub expired: Leaf,
}

pub fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(make_pki)
}

fn make_pki() -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "wasmail test CA");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_key = KeyPair::generate().unwrap();
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    Pki {
        ca_pem: ca_cert.pem(),
        good: leaf(&["localhost", "127.0.0.1"], Some(&issuer), false),
        wrong_host: leaf(&["other.example"], Some(&issuer), false),
        self_signed: leaf(&["localhost", "127.0.0.1"], None, false),
        expired: leaf(&["localhost", "127.0.0.1"], Some(&issuer), true),
    }
}

fn leaf(names: &[&str], issuer: Option<&Issuer<'_, KeyPair>>, expired: bool) -> Leaf {
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names.clone()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, names[0].as_str());
    params.is_ca = IsCa::ExplicitNoCa;
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    if expired {
        params.not_before = date_time_ymd(2020, 1, 1);
        params.not_after = date_time_ymd(2021, 1, 1);
    }
    let key = KeyPair::generate().unwrap();
    let cert = match issuer {
        Some(issuer) => params.signed_by(&key, issuer).unwrap(),
        None => params.self_signed(&key).unwrap(),
    };
    Leaf {
        chain: vec![cert.der().clone()],
        key_der: key.serialize_der(),
    }
}
