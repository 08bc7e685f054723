//! Whom to trust: the bundled Mozilla roots, natively the system store, and any extra CAs the
//! user names (private servers, test servers).

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::error::NetError;
use crate::options::{ConnectOptions, ExtraRoots};

/// The trust anchors for a connection. Extra CAs are read first, so a bad CA file is reported
/// before anything touches the network.
pub(crate) fn root_store(options: &ConnectOptions) -> Result<RootCertStore, NetError> {
    let mut roots = RootCertStore::empty();
    for extra in &options.extra_roots {
        add_extra(&mut roots, extra)?;
    }
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if options.system_roots {
        add_system_roots(&mut roots);
    }
    Ok(roots)
}

fn add_extra(roots: &mut RootCertStore, extra: &ExtraRoots) -> Result<(), NetError> {
    let (origin, pem) = match extra {
        ExtraRoots::File(path) => {
            let origin = format!("the CA file {}", path.display());
            match std::fs::read(path) {
                Ok(bytes) => (origin, bytes),
                Err(source) => {
                    let reason = "could not be read".to_owned();
                    return Err(NetError::ExtraCa {
                        origin,
                        reason,
                        source: Some(source),
                    });
                }
            }
        }
        ExtraRoots::Pem(bytes) => ("the CA PEM data".to_owned(), bytes.clone()),
    };
    let bad = |reason: String| NetError::ExtraCa {
        origin: origin.clone(),
        reason,
        source: None,
    };
    let mut added = 0;
    for cert in CertificateDer::pem_slice_iter(&pem) {
        let cert = cert.map_err(|e| bad(format!("is not valid PEM ({e})")))?;
        roots.add(cert).map_err(|e| {
            bad(format!(
                "holds a certificate that cannot be a trust anchor ({e})"
            ))
        })?;
        added += 1;
    }
    if added == 0 {
        return Err(bad(
            "contains no PEM certificate (-----BEGIN CERTIFICATE-----)".to_owned(),
        ));
    }
    Ok(())
}

/// The operating system's store (it honours `SSL_CERT_FILE` and `SSL_CERT_DIR`). Unreadable
/// entries are skipped: the bundled roots still apply, and a server that needs a missing one
/// fails with "not trusted", which names the remedy.
#[cfg(not(target_os = "wasi"))]
fn add_system_roots(roots: &mut RootCertStore) {
    let found = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(found.certs);
}

/// WASI has no certificate store.
#[cfg(target_os = "wasi")]
fn add_system_roots(_roots: &mut RootCertStore) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_ca_data_is_refused_with_its_origin() {
        let options = ConnectOptions::for_host("h").ca_pem(b"hello".to_vec());
        let err = root_store(&options).unwrap_err().to_string();
        assert!(
            err.contains("the CA PEM data") && err.contains("no PEM certificate"),
            "{err}"
        );
        let missing = ConnectOptions::for_host("h").ca_file("does/not/exist.pem");
        let err = root_store(&missing).unwrap_err().to_string();
        assert!(
            err.contains("exist.pem") && err.contains("could not be read"),
            "{err}"
        );
    }

    #[test]
    fn bundled_roots_are_always_there() {
        let options = ConnectOptions::for_host("h").system_roots(false);
        assert!(root_store(&options).unwrap().len() > 100);
    }
}
