#!/usr/bin/env python3
"""Test certificates for the SMTP interop harness.

Usage: make_certs.py DIR [--force]

Writes PEM files into DIR (keys are unencrypted PKCS#8 ECDSA P-256, mode 0644 because the
Postfix daemons, running as the postfix user, read them):

  ca.pem, ca.key.pem                   test CA (CA:TRUE), the only trust anchor tests should add
  localhost.pem, localhost.key.pem     leaf for DNS:localhost + IP:127.0.0.1, signed by the CA
  wrong-host.pem, wrong-host.key.pem   leaf for DNS:wrong.example only, signed by the CA
  self-signed.pem, self-signed.key.pem self-signed leaf for localhost + 127.0.0.1 (not from the CA)
  expired.pem, expired.key.pem         leaf for localhost + 127.0.0.1 signed by the CA, expired
                                       (valid from 60 days ago until 30 days ago)

All leaves: basicConstraints CA:FALSE (critical), extendedKeyUsage serverAuth, digitalSignature
keyUsage, subjectAltName, SHA-256 signatures. Existing files are kept unless --force is given or a
file is missing or the CA / good leaves expire within 30 days (then all are regenerated together).
"""

import datetime
import ipaddress
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NAMES = ["ca", "localhost", "wrong-host", "self-signed", "expired"]
LOCALHOST_SANS = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _name(cn):
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "wasmail test"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def _key():
    return ec.generate_private_key(ec.SECP256R1())


def _ca(now):
    key = _key()
    name = _name("wasmail test CA")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _leaf(cn, sans, not_before, not_after, issuer=None):
    """issuer: (cert, key) of the CA, or None for a self-signed leaf."""
    key = _key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, key_cert_sign=False, crl_sign=False,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is None:
        builder = builder.issuer_name(_name(cn))
        signing_key = key
    else:
        ca_cert, signing_key = issuer
        builder = builder.issuer_name(ca_cert.subject).add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()), critical=False
        )
    return builder.sign(signing_key, hashes.SHA256()), key


def _write(directory, name, cert, key):
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    for path, data in ((f"{name}.key.pem", key_pem), (f"{name}.pem", cert.public_bytes(serialization.Encoding.PEM))):
        full = os.path.join(directory, path)
        tmp = full + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, full)


def _still_good(directory, now):
    for n in NAMES:
        for suffix in (".pem", ".key.pem"):
            if not os.path.isfile(os.path.join(directory, n + suffix)):
                return False
    for n in ("ca", "localhost", "wrong-host", "self-signed"):
        with open(os.path.join(directory, n + ".pem"), "rb") as f:
            cert = x509.load_pem_x509_certificate(f.read())
        if cert.not_valid_after_utc < now + datetime.timedelta(days=30):
            return False
    return True


def make_certs(directory, force=False):
    os.makedirs(directory, exist_ok=True)
    now = _now()
    if not force and _still_good(directory, now):
        return False
    day = datetime.timedelta(days=1)
    ca = _ca(now)
    _write(directory, "ca", *ca)
    _write(directory, "localhost", *_leaf("localhost", LOCALHOST_SANS, now - day, now + 825 * day, ca))
    _write(directory, "wrong-host", *_leaf("wrong.example", [x509.DNSName("wrong.example")],
                                           now - day, now + 825 * day, ca))
    _write(directory, "self-signed", *_leaf("localhost", LOCALHOST_SANS, now - day, now + 825 * day, None))
    _write(directory, "expired", *_leaf("localhost", LOCALHOST_SANS, now - 60 * day, now - 30 * day, ca))
    return True


def main(argv):
    args = [a for a in argv[1:] if a != "--force"]
    if len(args) != 1 or args[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    made = make_certs(args[0], force="--force" in argv)
    print(("generated" if made else "kept") + f" test certificates in {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
