//! What the server said it supports in its EHLO reply (RFC 5321 section 4.1.1.1 and extensions).

use super::reply::{Reply, escape_for_display};

/// An AUTH mechanism the client knows how to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthMechanism {
    /// RFC 4616.
    Plain,
    /// The widespread, unstandardised LOGIN exchange.
    Login,
    /// Google's and Microsoft's OAuth 2.0 bearer-token mechanism.
    XOAuth2,
    /// RFC 7628.
    OAuthBearer,
}

impl AuthMechanism {
    /// The mechanism's name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Self::Plain => "PLAIN",
            Self::Login => "LOGIN",
            Self::XOAuth2 => "XOAUTH2",
            Self::OAuthBearer => "OAUTHBEARER",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [Self::Plain, Self::Login, Self::XOAuth2, Self::OAuthBearer]
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(name))
    }
}

/// The server's extensions, from one EHLO reply. Forgotten whenever the session is secured, since
/// anything learned before TLS may have been forged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    server_name: String,
    size: Option<Option<u64>>,
    pipelining: bool,
    starttls: bool,
    eight_bit_mime: bool,
    smtputf8: bool,
    chunking: bool,
    binary_mime: bool,
    enhanced_status_codes: bool,
    dsn: bool,
    auth: Vec<AuthMechanism>,
    auth_other: Vec<String>,
    keywords: Vec<String>,
}

impl Capabilities {
    /// Reads the capabilities from a positive EHLO reply. Unknown keywords are kept in
    /// [`keywords`](Self::keywords); malformed parameters are ignored rather than trusted.
    pub fn from_ehlo(reply: &Reply) -> Self {
        let mut caps = Self::default();
        let mut lines = reply.lines().iter();
        if let Some(first) = lines.next() {
            let name = first.split(' ').next().unwrap_or_default();
            caps.server_name = escape_for_display(name);
        }
        for line in lines {
            let mut words = line.split_ascii_whitespace();
            // RFC 5321 ehlo-keyword: letters, digits and hyphens. Anything else is not an
            // extension and must not reach a terminal that shows the capabilities.
            let Some(keyword) = words.next().filter(|k| is_token(k)) else {
                continue;
            };
            let keyword = keyword.to_ascii_uppercase();
            match keyword.as_str() {
                "SIZE" => {
                    caps.size = Some(words.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0));
                }
                "PIPELINING" => caps.pipelining = true,
                "STARTTLS" => caps.starttls = true,
                "8BITMIME" => caps.eight_bit_mime = true,
                "SMTPUTF8" => caps.smtputf8 = true,
                "CHUNKING" => caps.chunking = true,
                "BINARYMIME" => caps.binary_mime = true,
                "ENHANCEDSTATUSCODES" => caps.enhanced_status_codes = true,
                "DSN" => caps.dsn = true,
                "AUTH" => {
                    // RFC 4422 mechanism names: upper-case letters, digits, `-` and `_`.
                    for name in words.filter(|w| w.len() <= 20 && is_token(w)) {
                        match AuthMechanism::from_name(name) {
                            Some(m) if !caps.auth.contains(&m) => caps.auth.push(m),
                            Some(_) => {}
                            None => caps.auth_other.push(name.to_ascii_uppercase()),
                        }
                    }
                }
                _ => {}
            }
            caps.keywords.push(keyword);
        }
        caps
    }

    /// The domain the server named in the first line of its EHLO reply.
    pub fn server_name(&self) -> &str {
        &self.server_name
    }

    /// Whether SIZE was offered.
    pub fn size_offered(&self) -> bool {
        self.size.is_some()
    }

    /// The server's maximum message size, when it declared one (SIZE with a non-zero limit).
    pub fn size_limit(&self) -> Option<u64> {
        self.size.flatten()
    }

    /// RFC 2920 command pipelining.
    pub fn pipelining(&self) -> bool {
        self.pipelining
    }

    /// RFC 3207 STARTTLS.
    pub fn starttls(&self) -> bool {
        self.starttls
    }

    /// RFC 6152 8-bit MIME transport.
    pub fn eight_bit_mime(&self) -> bool {
        self.eight_bit_mime
    }

    /// RFC 6531 internationalised addresses and headers.
    pub fn smtputf8(&self) -> bool {
        self.smtputf8
    }

    /// RFC 3030 BDAT.
    pub fn chunking(&self) -> bool {
        self.chunking
    }

    /// RFC 3030 BINARYMIME.
    pub fn binary_mime(&self) -> bool {
        self.binary_mime
    }

    /// RFC 2034 enhanced status codes.
    pub fn enhanced_status_codes(&self) -> bool {
        self.enhanced_status_codes
    }

    /// RFC 3461 delivery status notifications.
    pub fn dsn(&self) -> bool {
        self.dsn
    }

    /// The AUTH mechanisms offered that the client supports, in the server's order.
    pub fn auth_mechanisms(&self) -> &[AuthMechanism] {
        &self.auth
    }

    /// AUTH mechanisms offered that the client does not support (for example CRAM-MD5).
    pub fn other_auth_mechanisms(&self) -> &[String] {
        &self.auth_other
    }

    /// Every extension keyword, upper-cased, in the server's order.
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }
}

fn is_token(word: &str) -> bool {
    !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp::reply::ReplyCode;

    #[test]
    fn parses_common_extensions() {
        let lines = [
            "mx.example greets you",
            "SIZE 35882577",
            "8BITMIME",
            "AUTH LOGIN PLAIN XOAUTH2 CRAM-MD5",
            "auth=login",
            "ENHANCEDSTATUSCODES",
            "PIPELINING",
            "CHUNKING",
            "SMTPUTF8",
        ];
        let reply = Reply::new(
            ReplyCode::new(250).unwrap(),
            lines.iter().map(|s| s.to_string()).collect(),
        );
        let caps = Capabilities::from_ehlo(&reply);
        assert_eq!(caps.server_name(), "mx.example");
        assert_eq!(caps.size_limit(), Some(35_882_577));
        assert!(caps.pipelining() && caps.chunking() && caps.smtputf8() && caps.eight_bit_mime());
        assert!(!caps.starttls() && !caps.dsn());
        assert_eq!(
            caps.auth_mechanisms(),
            [
                AuthMechanism::Login,
                AuthMechanism::Plain,
                AuthMechanism::XOAuth2
            ]
        );
        assert_eq!(caps.other_auth_mechanisms(), ["CRAM-MD5"]);
    }

    #[test]
    fn control_characters_never_become_capabilities() {
        let lines = [
            "mx\u{1b}[2J",
            "AUTH CRAM\u{1b}]0;x\u{7} PLAIN",
            "X-\u{7}BEL",
            "8BITMIME",
        ];
        let reply = Reply::new(
            ReplyCode::new(250).unwrap(),
            lines.iter().map(|s| s.to_string()).collect(),
        );
        let caps = Capabilities::from_ehlo(&reply);
        assert_eq!(caps.server_name(), "mx\\u{1b}[2J");
        assert_eq!(caps.auth_mechanisms(), [AuthMechanism::Plain]);
        assert!(caps.other_auth_mechanisms().is_empty());
        assert_eq!(caps.keywords(), ["AUTH", "8BITMIME"]);
    }

    #[test]
    fn size_zero_means_no_limit() {
        let reply = Reply::new(
            ReplyCode::new(250).unwrap(),
            vec!["x".into(), "SIZE 0".into()],
        );
        let caps = Capabilities::from_ehlo(&reply);
        assert!(caps.size_offered());
        assert_eq!(caps.size_limit(), None);
    }
}
