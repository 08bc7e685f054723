//! `--server HOST[:PORT]`.

use crate::failure::{Failure, RunResult};

/// Splits `host[:port]`; IPv6 literals need brackets when a port is given (`[::1]:2525`).
pub fn split_host_port(server: &str) -> RunResult<(String, Option<u16>)> {
    let server = server.trim();
    let parse_port = |port: &str| match port.parse::<u16>() {
        Ok(0) | Err(_) => Err(Failure::usage(format!(
            "{server:?}: {port:?} is not a port number (1 to 65535)"
        ))),
        Ok(port) => Ok(port),
    };
    let (host, port) = if let Some(rest) = server.strip_prefix('[') {
        let (inside, after) = rest.split_once(']').ok_or_else(|| {
            Failure::usage(format!("{server:?}: an IPv6 address needs its closing ']'"))
        })?;
        match after.strip_prefix(':') {
            Some(port) => (format!("[{inside}]"), Some(parse_port(port)?)),
            None if after.is_empty() => (format!("[{inside}]"), None),
            None => return Err(Failure::usage(format!("{server:?}: unexpected {after:?}"))),
        }
    } else if server.matches(':').count() == 1 {
        let (host, port) = server.split_once(':').unwrap_or((server, ""));
        (host.to_owned(), Some(parse_port(port)?))
    } else {
        (server.to_owned(), None) // a bare name, or a bare IPv6 address without port
    };
    if host.is_empty() || host == "[]" {
        return Err(Failure::usage(
            "the server's host name is empty: give host[:port]",
        ));
    }
    Ok((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_and_port() {
        let split = |s: &str| split_host_port(s).unwrap();
        assert_eq!(split("smtp.example.com"), ("smtp.example.com".into(), None));
        assert_eq!(split("127.0.0.1:2525"), ("127.0.0.1".into(), Some(2525)));
        assert_eq!(split("[::1]:25"), ("[::1]".into(), Some(25)));
        assert_eq!(split("::1"), ("::1".into(), None));
        for bad in ["", "host:", "host:0", "host:99999", "[::1", "[::1]x", ":25"] {
            assert!(split_host_port(bad).is_err(), "{bad}");
        }
    }
}
