//! The demo's sample message: text and HTML alternatives, an inline image the HTML shows, and
//! an attachment, the structure mail clients produce.

use wasmail_core::context::ComposeContext;
use wasmail_core::mailbox::Mailbox;
use wasmail_core::message::{Attachment, ComposedMessage, InlineImage, MediaType, Message};

use super::png::demo_logo;

/// The sender of the sample.
pub const FROM: &str = "Wasmail Demo <demo@example.com>";
/// The recipient of the sample.
pub const TO: &str = "Ada Lovelace <ada@example.org>";

const LOGO_CID: &str = "logo@example.com";

const TEXT: &str = "Hello Ada,

this message was composed by wasmail, sent with STARTTLS and AUTH through the
wasmail-net driver, and captured by a server running inside `wasmail demo`.

The HTML version shows the wasmail logo; the agenda is attached.

-- 
wasmail demo
";

const HTML: &str = r#"<!DOCTYPE html>
<html><body style="font-family: sans-serif">
<p><img src="cid:logo@example.com" alt="wasmail logo" width="32" height="32"></p>
<p>Hello Ada,</p>
<p>this message was composed by <b>wasmail</b>, sent with STARTTLS and AUTH through the
wasmail-net driver, and captured by a server running inside <code>wasmail demo</code>.</p>
<p>The agenda is attached.</p>
</body></html>
"#;

const AGENDA: &str = "time,topic\r\n09:00,Coffee\r\n09:30,Analytical Engine\r\n";

/// Composes the sample with `ctx`.
pub fn compose_sample(ctx: &mut ComposeContext) -> Result<ComposedMessage, String> {
    let error = |e: &dyn std::fmt::Display| format!("cannot build the sample message: {e}");
    let png = MediaType::parse("image/png").map_err(|e| error(&e))?;
    let logo = InlineImage::new(LOGO_CID, png, demo_logo())
        .and_then(|image| image.with_filename("logo.png"))
        .map_err(|e| error(&e))?;
    let agenda = Attachment::new("agenda.csv", AGENDA).map_err(|e| error(&e))?;
    let message = Message::builder()
        .from(Mailbox::parse(FROM).map_err(|e| error(&e))?)
        .to(Mailbox::parse(TO).map_err(|e| error(&e))?)
        .subject("Hello from wasmail 👋")
        .text_body(TEXT)
        .html_body(HTML)
        .inline_image(logo)
        .attachment(agenda)
        .build()
        .map_err(|e| error(&e))?;
    message.compose(ctx).map_err(|e| error(&e))
}
