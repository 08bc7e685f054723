//! The flags that say how to reach and log in to an SMTP server.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// How the connection is encrypted; the variants' docs are the `--help` text, the front
/// end's [`wasmail_frontend::TlsMode`] what they mean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum TlsMode {
    /// STARTTLS before anything else, or fail (default port 587).
    #[default]
    Required,
    /// TLS from the first byte (default port 465).
    Implicit,
    /// STARTTLS when offered, plaintext otherwise (default port 587). An attacker on the path
    /// can strip the offer.
    Opportunistic,
    /// Never encrypt (default port 587): for test servers on loopback.
    None,
}

impl From<TlsMode> for wasmail_frontend::TlsMode {
    fn from(mode: TlsMode) -> Self {
        match mode {
            TlsMode::Required => Self::Required,
            TlsMode::Implicit => Self::Implicit,
            TlsMode::Opportunistic => Self::Opportunistic,
            TlsMode::None => Self::None,
        }
    }
}

/// Login and transport security, shared by `send` and `probe`.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Connection")]
pub struct SecurityArgs {
    /// Transport security [default: implicit on port 465, required elsewhere].
    #[arg(long, value_enum)]
    pub tls: Option<TlsMode>,

    /// Log in as this user. The password comes from WASMAIL_PASSWORD, a .env file in the
    /// current directory, --password-file, or a prompt on a terminal; never from a flag.
    #[arg(long)]
    pub user: Option<String>,

    /// Read the password from the first line of this file.
    #[arg(long, value_name = "PATH", requires = "user")]
    pub password_file: Option<PathBuf>,

    /// Allow the password to travel unencrypted (with --tls none or opportunistic).
    #[arg(long)]
    pub allow_auth_without_tls: bool,

    /// Also trust the CA certificates in this PEM file (a private or test CA).
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,

    /// Give up when the server has not answered a step within this many seconds.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,

    /// The name to greet the server with in EHLO (a domain such as mail.example.com, or an
    /// address literal such as [192.0.2.1]); by default the address literal of this end of
    /// the connection.
    #[arg(long, value_name = "NAME")]
    pub ehlo: Option<String>,

    /// Print the session transcript on standard error (C: client, S: server; AUTH redacted).
    #[arg(long)]
    pub trace: bool,
}

impl SecurityArgs {
    /// The values for the front end (the password is found separately).
    pub fn to_spec(&self) -> wasmail_frontend::SecuritySpec {
        wasmail_frontend::SecuritySpec {
            tls: self.tls.map(Into::into),
            user: self.user.clone(),
            allow_auth_without_tls: self.allow_auth_without_tls,
            ca_file: self.ca_file.clone(),
            timeout: self.timeout,
            ehlo: self.ehlo.clone(),
            trace: self.trace,
        }
    }
}
