//! Long help texts: what each command is for, with examples. They are the manual.

/// `wasmail --help`.
pub const ABOUT: &str = "\
Compose, reply to, send and probe mail from the shell.

wasmail composes standard MIME messages (text, HTML, inline images, attachments), threads
replies, and submits mail over SMTP with STARTTLS or implicit TLS. Output is text for people,
or JSON with --json. Start with `wasmail demo`: it needs no account and no network.";

/// The exit statuses, shown under `wasmail --help` and `wasmail send --help`.
macro_rules! exit_codes {
    () => {
        "\
Exit status:
  0  success; for send: every recipient accepted
  1  usage or input error (bad flag, malformed address, header with a line break,
     missing file); nothing was sent
  2  partly accepted: the server accepted some recipients and refused others
  3  transient failure (4xx reply, timeout, connection lost before the data): retry later
  4  permanent failure (5xx reply, certificate not trusted, login refused)
  5  unknown outcome: the connection was lost after the message data and before the
     server's reply; the message may have been delivered, so resending may duplicate it"
    };
}

/// The exit statuses.
pub const EXIT_CODES: &str = exit_codes!();

/// `wasmail compose --help`.
pub const COMPOSE: &str = "\
Examples:
  wasmail compose --from 'Jane <jane@example.com>' --to bob@example.org \\
      --subject 'Lunch?' --text 'Noon at the usual place?' -o lunch.eml
  wasmail compose --from jane@example.com --to bob@example.org --subject Report \\
      --text-file body.txt --html-file body.html --inline logo@example.com=logo.png \\
      --attach report.pdf --attach 'data.bin;type=application/octet-stream'
  # byte-for-byte reproducible:
  wasmail compose --from jane@example.com --to bob@example.org --text hi \\
      --date 2026-11-23T01:42:54+01:00 --message-id-domain example.com \\
      --seed 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff

Bcc recipients are kept out of the message; `send` puts them in the envelope only.";

/// `wasmail reply --help`.
pub const REPLY: &str = "\
Examples:
  wasmail reply parent.eml --from bob@example.org --text 'Yes, noon works.' -o reply.eml
  wasmail reply parent.eml --all --from bob@example.org --html-file answer.html

The reply goes to the parent's Reply-To (else From); with --all its To and Cc are copied too,
without your own address. It quotes the parent below your text and carries In-Reply-To and
References, so mail clients thread it. --to, --cc and --bcc add recipients; --subject
replaces the 'Re:' subject.";

/// `wasmail forward --help`.
pub const FORWARD: &str = "\
Examples:
  wasmail forward parent.eml --from bob@example.org --to carol@example.net --text FYI
  wasmail forward parent.eml --as-attachment --from bob@example.org --to carol@example.net";

/// `wasmail send --help`.
pub const SEND: &str = concat!(
    "\
Examples:
  export WASMAIL_PASSWORD=...        # or put it in ./.env, or use --password-file
  wasmail send --server smtp.example.com --user jane@example.com \\
      --from 'Jane <jane@example.com>' --to bob@example.org --subject Hi --text 'Hello!'
  wasmail send --server smtp.example.com:465 --tls implicit --user jane \\
      --eml outbox/*.eml                          # many messages, one connection
  wasmail send --server mail.test:2525 --tls none --ca-file test-ca.pem --trace ...
  wasmail send --dry-run --from jane@example.com --to bob@example.org --text hi
  wasmail send --server smtp.example.com --user bob --from bob@example.org \\
      --reply-to-eml parent.eml --text 'Yes, noon works.'

The report lists each recipient with the server's reply. The composed message is the same as
`wasmail compose` prints for the same flags. With --eml, each file is checked first: errors
stop the run, warnings are printed.

",
    exit_codes!()
);

/// `wasmail probe --help`.
pub const PROBE: &str = "\
Examples:
  wasmail probe smtp.example.com
  wasmail probe smtp.example.com:465 --tls implicit
  wasmail probe localhost:2525 --tls none
  wasmail probe smtp.example.com --user jane@example.com    # also tries to log in

Shows the greeting, the extensions before and after STARTTLS, the TLS version and cipher,
the server certificate, and the AUTH mechanisms. Sends no message.";

/// `wasmail demo --help`.
pub const DEMO: &str = "\
Starts an SMTP server on 127.0.0.1 (a free port, a certificate made at start, STARTTLS and
AUTH required), composes an HTML message with an inline image and an attachment, sends it
through the same driver `wasmail send` uses, prints the transcript (password redacted) and
where the received message was written, then stops the server.

Example:
  wasmail demo --out received/";
