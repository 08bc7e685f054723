//! The flags that say how to reach and log in to an SMTP server.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// How the connection is encrypted.
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

impl TlsMode {
    /// The port used when `--server` names none.
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::Implicit => 465,
            _ => 587,
        }
    }
}

/// Login and transport security, shared by `send` and `probe`.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Connection")]
pub struct SecurityArgs {
    /// Transport security.
    #[arg(long, value_enum, default_value_t = TlsMode::Required)]
    pub tls: TlsMode,

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

    /// Print the session transcript on standard error (C: client, S: server; AUTH redacted).
    #[arg(long)]
    pub trace: bool,
}
