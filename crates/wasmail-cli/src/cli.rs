//! The command line: commands, flags and their help.

mod connection_args;
mod context_args;
mod help;
mod message_args;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use connection_args::{SecurityArgs, TlsMode};
pub use context_args::ContextArgs;
pub use message_args::{MessageArgs, ThreadArgs};

/// `wasmail`: compose, reply to, send and probe mail from the shell.
#[derive(Debug, Parser)]
#[command(
    name = "wasmail",
    version,
    about = "Compose, reply to, send and probe mail from the shell",
    long_about = help::ABOUT,
    after_long_help = help::EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    /// Print machine-readable JSON on standard output instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new message as an .eml file (to standard output or -o FILE).
    #[command(after_long_help = help::COMPOSE)]
    Compose(ComposeArgs),
    /// Write a reply to a message read from an .eml file.
    #[command(after_long_help = help::REPLY)]
    Reply(ReplyArgs),
    /// Write a forward of a message read from an .eml file.
    #[command(after_long_help = help::FORWARD)]
    Forward(ForwardArgs),
    /// Compose and send a message, or send existing .eml files, over SMTP.
    #[command(after_long_help = help::SEND)]
    Send(SendArgs),
    /// Show what an SMTP server offers (greeting, extensions, TLS, AUTH); sends no message.
    #[command(after_long_help = help::PROBE)]
    Probe(ProbeArgs),
    /// Send a sample message through an embedded loopback server, with no account needed.
    #[command(after_long_help = help::DEMO)]
    Demo(DemoArgs),
    /// Run the embedded capture server until standard input closes (for tests).
    #[command(hide = true)]
    ServeCapture(ServeCaptureArgs),
}

/// `wasmail compose`.
#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// Write the message to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub message: MessageArgs,
    #[command(flatten)]
    pub thread: ThreadArgs,
    #[command(flatten)]
    pub context: ContextArgs,
}

/// `wasmail reply`.
#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// The message to reply to.
    #[arg(value_name = "PARENT.eml")]
    pub parent: PathBuf,
    /// Reply to all of the parent's recipients, not only its author.
    #[arg(long)]
    pub all: bool,
    /// Write the reply to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub message: MessageArgs,
    #[command(flatten)]
    pub context: ContextArgs,
}

/// `wasmail forward`.
#[derive(Debug, Args)]
pub struct ForwardArgs {
    /// The message to forward.
    #[arg(value_name = "PARENT.eml")]
    pub parent: PathBuf,
    /// Attach the parent whole (message/rfc822) instead of quoting it.
    #[arg(long)]
    pub as_attachment: bool,
    /// Write the forward to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub message: MessageArgs,
    #[command(flatten)]
    pub context: ContextArgs,
}

/// `wasmail send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// The SMTP server, as HOST or HOST:PORT. The port defaults from --tls: 587, or 465 for implicit.
    #[arg(long, value_name = "HOST[:PORT]", required_unless_present = "dry_run")]
    pub server: Option<String>,
    /// Send these .eml files as they are, over one connection. The envelope comes from their
    /// headers (Sender or From; To, Cc and Bcc) unless --from or --to/--cc/--bcc are given.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub eml: Vec<PathBuf>,
    /// Print the message that would be sent and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub security: SecurityArgs,
    #[command(flatten)]
    pub message: MessageArgs,
    #[command(flatten)]
    pub thread: ThreadArgs,
    #[command(flatten)]
    pub context: ContextArgs,
}

/// `wasmail probe`.
#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// The SMTP server, as HOST or HOST:PORT. The port defaults from --tls: 587, or 465 for implicit.
    #[arg(value_name = "HOST[:PORT]")]
    pub server: String,
    #[command(flatten)]
    pub security: SecurityArgs,
}

/// `wasmail demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where the server stores what it receives. Default: a new temporary directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Afterwards, serve the composer page on a printed localhost URL until Ctrl-C (or until
    /// standard input closes). The page must be built: `.ci/test-browser --build-only`.
    #[arg(long)]
    pub serve_page: bool,
    /// The built page to serve with --serve-page.
    #[arg(long, value_name = "DIR", default_value = "www")]
    pub www: PathBuf,
}

/// `wasmail serve-capture` (hidden): the demo's server on its own.
#[derive(Debug, Args)]
pub struct ServeCaptureArgs {
    /// Where to store received messages. Default: a new temporary directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write the CA certificate clients must trust to this PEM file.
    #[arg(long, value_name = "FILE")]
    pub ca_out: Option<PathBuf>,
    /// Require AUTH with this user (after STARTTLS); the password is WASMAIL_PASSWORD.
    #[arg(long)]
    pub user: Option<String>,
    /// Offer no STARTTLS (plaintext only).
    #[arg(long, conflicts_with = "implicit_tls")]
    pub no_starttls: bool,
    /// Speak TLS from the first byte instead of offering STARTTLS.
    #[arg(long)]
    pub implicit_tls: bool,
}
