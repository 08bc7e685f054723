//! `wasmail probe`: what a server offers (greeting, extensions before and after TLS, TLS
//! version, cipher, certificate, AUTH), without sending a message.

use serde_json::{Value, json};
use wasmail_core::smtp::Capabilities;
use wasmail_net::{ProbeReport, probe};

use crate::cli::ProbeArgs;
use crate::connection::connect_options;
use crate::output::{stderr_line, stdout_json, stdout_line};
use wasmail_frontend::report::{tls_json, tls_mode_name};
use wasmail_frontend::{ExitStatus, Failure, RunResult, net_failure};

/// Runs the command.
pub fn run(args: &ProbeArgs, json: bool) -> RunResult<ExitStatus> {
    let options = connect_options(&args.server, &args.security)?;
    let server = options.server_label();
    let failure = match probe(&options) {
        Ok(report) => {
            print_report(&server, &report, json, None)?;
            return Ok(ExitStatus::Success);
        }
        Err(failure) => failure,
    };
    let error = net_failure(&failure.error, options.tls_policy());
    let Some(partial) = &failure.partial else {
        return Err(error);
    };
    // What the server showed before the failure is what a probe is for: it is printed, then
    // the error, in one JSON document with --json.
    print_report(&server, partial, json, Some(&error))?;
    stderr_line(&format!("wasmail: error: {error}"));
    Ok(error.status())
}

/// The report as text or JSON; `error` when the probe stopped early.
fn print_report(
    server: &str,
    report: &ProbeReport,
    json: bool,
    error: Option<&Failure>,
) -> RunResult<()> {
    if json {
        let mut value = report_json(server, report);
        if let Some(error) = error {
            for (key, field) in error.to_json().as_object().into_iter().flatten() {
                value[key] = field.clone();
            }
        }
        return stdout_json(&value);
    }
    for line in human_lines(server, report) {
        stdout_line(&line)?;
    }
    if error.is_some() {
        stdout_line("(the probe stopped here)")?;
    }
    Ok(())
}

fn human_lines(server: &str, report: &ProbeReport) -> Vec<String> {
    let mut lines = vec![format!("Server:        {server}")];
    lines.push(format!("Greeting:      {}", report.greeting.join(" / ")));
    if let Some(before) = &report.capabilities_before_tls {
        lines.push(format!("Before TLS:    {}", extensions(before).join(", ")));
    }
    match &report.tls {
        Some(tls) => {
            lines.push(format!(
                "TLS:           {} {} ({}), verified for {}",
                tls.protocol_version,
                tls.cipher_suite,
                tls_mode_name(tls.mode),
                tls.server_name
            ));
            if let Some(cert) = &tls.certificate {
                lines.push(format!("Certificate:   subject {}", cert.subject));
                lines.push(format!("               issuer {}", cert.issuer));
                lines.push(format!(
                    "               valid {} to {}",
                    cert.not_before, cert.not_after
                ));
                let names: Vec<String> = cert
                    .dns_names
                    .iter()
                    .cloned()
                    .chain(cert.ip_addresses.iter().map(ToString::to_string))
                    .collect();
                lines.push(format!("               names {}", names.join(", ")));
            }
        }
        None => lines.push("TLS:           none (the session stayed in plaintext)".to_owned()),
    }
    if let Some(capabilities) = &report.capabilities {
        let label = if report.tls.is_some() {
            "After TLS:     "
        } else {
            "Extensions:    "
        };
        lines.push(format!("{label}{}", extensions(capabilities).join(", ")));
    }
    let auth = match report.auth_mechanisms.is_empty() {
        true => "none offered".to_owned(),
        false => report.auth_mechanisms.join(" "),
    };
    lines.push(format!("AUTH:          {auth}"));
    if let Some(mechanism) = report.authenticated_with {
        lines.push(format!("Logged in:     yes, with {}", mechanism.name()));
    }
    lines
}

/// The extension keywords, with SIZE's limit and AUTH's mechanisms.
fn extensions(capabilities: &Capabilities) -> Vec<String> {
    capabilities
        .keywords()
        .iter()
        .map(|keyword| match keyword.as_str() {
            "SIZE" => match capabilities.size_limit() {
                Some(limit) => format!("SIZE {limit}"),
                None => "SIZE".to_owned(),
            },
            "AUTH" => {
                let names = capabilities
                    .auth_mechanisms()
                    .iter()
                    .map(|m| m.name().to_owned())
                    .chain(capabilities.other_auth_mechanisms().iter().cloned());
                std::iter::once("AUTH".to_owned())
                    .chain(names)
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            other => other.to_owned(),
        })
        .collect()
}

fn report_json(server: &str, report: &ProbeReport) -> Value {
    json!({
        "server": server,
        "greeting": report.greeting,
        "capabilities_before_tls": report.capabilities_before_tls.as_ref().map(extensions),
        "capabilities": report.capabilities.as_ref().map(extensions),
        "tls": report.tls.as_ref().map(tls_json),
        "auth_mechanisms": report.auth_mechanisms,
        "authenticated_with": report.authenticated_with.map(|m| m.name()),
        "transcript": report.transcript.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}
