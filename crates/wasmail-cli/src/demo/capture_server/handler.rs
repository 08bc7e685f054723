//! The capture server's decisions: who may log in, which recipients are refused, and where
//! a message goes once its data is complete.
//!
//! Recipients whose local part starts with `reject` are refused with 550, with `tempfail`
//! refused with 451, and with `vanish` accepted, but the server then drops the connection
//! after the data instead of replying, so clients can be tested for every outcome.

use std::io;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use mailin::{Handler, Response, response};

use super::ServerShared;
use super::store::ReceivedMessage;

/// What the connection loop and the handler share about one connection.
#[derive(Debug, Default)]
pub(super) struct ConnectionState {
    /// The user and password that authenticated, kept to restore the login after RSET.
    pub(super) login: Option<(String, String)>,
    /// Whether TLS is active.
    pub(super) tls: bool,
    /// Set when the data of a `vanish` message ended: close without replying.
    pub(super) vanish_now: bool,
}

/// Locks the connection state; a poisoned lock still holds usable data.
pub(super) fn lock(state: &Mutex<ConnectionState>) -> MutexGuard<'_, ConnectionState> {
    state.lock().unwrap_or_else(|poison| poison.into_inner())
}

/// One connection's handler.
pub(super) struct CaptureHandler {
    shared: Arc<ServerShared>,
    state: Arc<Mutex<ConnectionState>>,
    mail_from: String,
    accepted: Vec<String>,
    vanish: bool,
    data: Vec<u8>,
}

impl CaptureHandler {
    pub(super) fn new(shared: Arc<ServerShared>, state: Arc<Mutex<ConnectionState>>) -> Self {
        CaptureHandler {
            shared,
            state,
            mail_from: String::new(),
            accepted: Vec::new(),
            vanish: false,
            data: Vec::new(),
        }
    }

    fn login(&mut self, user: &str, password: &str) -> Response {
        match &self.shared.config.credentials {
            Some((expected_user, expected_password))
                if user == expected_user && password == expected_password =>
            {
                lock(&self.state).login = Some((user.to_owned(), password.to_owned()));
                response::AUTH_OK
            }
            _ => Response::custom(535, "5.7.8 Authentication credentials invalid".to_owned()),
        }
    }
}

impl Handler for CaptureHandler {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.mail_from = from.to_owned();
        self.accepted.clear();
        self.vanish = false;
        self.data.clear();
        Response::custom(250, "2.1.0 Sender OK".to_owned())
    }

    fn rcpt(&mut self, to: &str) -> Response {
        let local = to
            .split('@')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if local.starts_with("reject") {
            return Response::custom(550, format!("5.1.1 <{to}>: Recipient address rejected"));
        }
        if local.starts_with("tempfail") {
            return Response::custom(451, format!("4.2.0 <{to}>: Mailbox busy, try again later"));
        }
        self.vanish |= local.starts_with("vanish");
        self.accepted.push(to.to_owned());
        Response::custom(250, "2.1.5 Recipient OK".to_owned())
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mut state = lock(&self.state);
        if self.vanish {
            state.vanish_now = true;
            return response::OK; // never sent: the connection is dropped instead
        }
        let message = ReceivedMessage {
            path: PathBuf::new(),
            mail_from: std::mem::take(&mut self.mail_from),
            rcpt_to: std::mem::take(&mut self.accepted),
            authenticated_as: state.login.as_ref().map(|(user, _)| user.clone()),
            over_tls: state.tls,
            bytes: std::mem::take(&mut self.data),
        };
        drop(state);
        match self.shared.store.save(message) {
            Ok(path) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                Response::custom(
                    250,
                    format!("2.0.0 Ok: stored as {}", name.unwrap_or_default()),
                )
            }
            Err(_) => response::INTERNAL_ERROR,
        }
    }

    fn auth_plain(
        &mut self,
        _authorization_id: &str,
        authentication_id: &str,
        password: &str,
    ) -> Response {
        self.login(authentication_id, password)
    }

    fn auth_login(&mut self, username: &str, password: &str) -> Response {
        self.login(username, password)
    }
}
