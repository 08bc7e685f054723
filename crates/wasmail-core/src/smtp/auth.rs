//! Credentials and the client side of the AUTH exchanges (RFC 4954).

use std::fmt;

use encodify::base64::STANDARD as BASE64;

use super::capabilities::AuthMechanism;

/// A password or token. `Debug` and `Display` print `<redacted>`; the value is only reachable
/// through [`expose`](Self::expose), so it cannot end up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// What the client authenticates with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    /// A user name and password: PLAIN is preferred, then LOGIN.
    Password {
        /// The user name.
        username: String,
        /// The password.
        password: Secret,
    },
    /// A user name and OAuth 2.0 access token: OAUTHBEARER is preferred, then XOAUTH2.
    OAuth2 {
        /// The account the token is for.
        username: String,
        /// The access token.
        token: Secret,
    },
}

impl Credentials {
    /// Password credentials.
    pub fn password(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self::Password {
            username: username.into(),
            password: Secret::new(password),
        }
    }

    /// OAuth 2.0 bearer-token credentials.
    pub fn oauth2(username: impl Into<String>, token: impl Into<String>) -> Self {
        Self::OAuth2 {
            username: username.into(),
            token: Secret::new(token),
        }
    }

    /// The user name.
    pub fn username(&self) -> &str {
        match self {
            Self::Password { username, .. } | Self::OAuth2 { username, .. } => username,
        }
    }

    /// The mechanisms these credentials can use, best first.
    pub fn preferred_mechanisms(&self) -> &'static [AuthMechanism] {
        match self {
            Self::Password { .. } => &[AuthMechanism::Plain, AuthMechanism::Login],
            Self::OAuth2 { .. } => &[AuthMechanism::OAuthBearer, AuthMechanism::XOAuth2],
        }
    }

    /// The best of the preferred mechanisms that the server offers.
    pub fn choose_mechanism(&self, offered: &[AuthMechanism]) -> Option<AuthMechanism> {
        self.preferred_mechanisms()
            .iter()
            .copied()
            .find(|m| offered.contains(m))
    }
}

/// One AUTH exchange in progress: what to send first and how to answer each 334 challenge.
#[derive(Debug)]
pub(crate) struct AuthExchange {
    mechanism: AuthMechanism,
    credentials: Credentials,
    challenges: usize,
    cancelled: bool,
}

/// The client's answer to a 334 challenge.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ChallengeAnswer {
    /// Send this line (base64 or empty).
    Line(String),
    /// The challenge was unexpected: send `*` to cancel.
    Cancel,
}

impl AuthExchange {
    pub(crate) fn new(mechanism: AuthMechanism, credentials: Credentials) -> Self {
        Self {
            mechanism,
            credentials,
            challenges: 0,
            cancelled: false,
        }
    }

    /// Whether `*` was already sent.
    pub(crate) fn cancelled(&self) -> bool {
        self.cancelled
    }

    pub(crate) fn cancel(&mut self) {
        self.cancelled = true;
    }

    pub(crate) fn mechanism(&self) -> AuthMechanism {
        self.mechanism
    }

    /// The AUTH command line, without CRLF.
    pub(crate) fn command(&self) -> String {
        let name = self.mechanism.name();
        match (&self.credentials, self.mechanism) {
            (Credentials::Password { username, password }, AuthMechanism::Plain) => {
                let raw = format!("\0{username}\0{}", password.expose());
                format!("AUTH {name} {}", BASE64.encode(raw))
            }
            (Credentials::OAuth2 { username, token }, AuthMechanism::XOAuth2) => {
                let raw = format!("user={username}\x01auth=Bearer {}\x01\x01", token.expose());
                format!("AUTH {name} {}", BASE64.encode(raw))
            }
            (Credentials::OAuth2 { username, token }, AuthMechanism::OAuthBearer) => {
                let user = username.replace('=', "=3D").replace(',', "=2C");
                let raw = format!("n,a={user},\x01auth=Bearer {}\x01\x01", token.expose());
                format!("AUTH {name} {}", BASE64.encode(raw))
            }
            _ => format!("AUTH {name}"),
        }
    }

    /// Answers the next 334 challenge. Each mechanism has a fixed number of expected challenges;
    /// any beyond that is cancelled, so a server cannot keep the exchange going forever.
    pub(crate) fn answer(&mut self) -> ChallengeAnswer {
        self.challenges += 1;
        match (&self.credentials, self.mechanism, self.challenges) {
            (Credentials::Password { username, .. }, AuthMechanism::Login, 1) => {
                ChallengeAnswer::Line(BASE64.encode(username))
            }
            (Credentials::Password { password, .. }, AuthMechanism::Login, 2) => {
                ChallengeAnswer::Line(BASE64.encode(password.expose()))
            }
            // A 334 here carries the server's error details; the mechanism says to answer with
            // an empty response (XOAUTH2) or a lone 0x01 (OAUTHBEARER) to get the final failure.
            (_, AuthMechanism::XOAuth2, 1) => ChallengeAnswer::Line(String::new()),
            (_, AuthMechanism::OAuthBearer, 1) => ChallengeAnswer::Line(BASE64.encode([1u8])),
            _ => ChallengeAnswer::Cancel,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let creds = Credentials::password("alice", "hunter2");
        assert!(!format!("{creds:?}").contains("hunter2"));
        assert_eq!(format!("{}", Secret::new("hunter2")), "<redacted>");
    }

    #[test]
    fn plain_and_login() {
        let creds = Credentials::password("alice", "hunter2");
        let plain = AuthExchange::new(AuthMechanism::Plain, creds.clone());
        assert_eq!(plain.command(), "AUTH PLAIN AGFsaWNlAGh1bnRlcjI=");
        let mut login = AuthExchange::new(AuthMechanism::Login, creds);
        assert_eq!(login.command(), "AUTH LOGIN");
        assert_eq!(login.answer(), ChallengeAnswer::Line("YWxpY2U=".into()));
        assert_eq!(login.answer(), ChallengeAnswer::Line("aHVudGVyMg==".into()));
        assert_eq!(login.answer(), ChallengeAnswer::Cancel);
    }

    #[test]
    fn mechanism_choice_prefers_the_best_offered() {
        let pw = Credentials::password("a", "b");
        let offered = [AuthMechanism::Login, AuthMechanism::Plain];
        assert_eq!(pw.choose_mechanism(&offered), Some(AuthMechanism::Plain));
        assert_eq!(pw.choose_mechanism(&[AuthMechanism::XOAuth2]), None);
        let tok = Credentials::oauth2("a", "t");
        let offered = [AuthMechanism::XOAuth2, AuthMechanism::OAuthBearer];
        assert_eq!(
            tok.choose_mechanism(&offered),
            Some(AuthMechanism::OAuthBearer)
        );
    }
}
