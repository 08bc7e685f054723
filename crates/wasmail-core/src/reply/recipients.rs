//! Who a reply goes to.

use crate::address::Address;
use crate::mailbox::Mailbox;

use super::parent::Parent;

/// The To and Cc of a reply to `parent`.
///
/// - A reply goes to the parent's Reply-To, or its From when it has none.
/// - A reply-all adds the parent's To and Cc as Cc.
/// - The user's own addresses are removed everywhere, and every address appears once.
/// - When the parent was written by the user (replying from the Sent folder), the reply goes
///   to the parent's recipients instead, as mail clients do. Only when the parent went to
///   nobody else does the user reply to themselves.
pub(crate) fn reply_recipients(
    parent: &Parent,
    all: bool,
    own: &[Address],
) -> (Vec<Mailbox>, Vec<Mailbox>) {
    let authors = if parent.reply_to.is_empty() {
        &parent.from
    } else {
        &parent.reply_to
    };
    let written_by_user = !authors.is_empty() && authors.iter().all(|m| is_own(m, own));

    let mut seen = Vec::new();
    let (to, cc) = if written_by_user {
        let to = pick(&mut seen, &parent.to, own);
        let cc = if all {
            pick(&mut seen, &parent.cc, own)
        } else {
            Vec::new()
        };
        (to, cc)
    } else {
        let to = pick(&mut seen, authors, own);
        let cc = if all {
            pick(&mut seen, parent.to.iter().chain(&parent.cc), own)
        } else {
            Vec::new()
        };
        (to, cc)
    };
    if to.is_empty() && cc.is_empty() && written_by_user {
        // A note to self: the parent went to nobody else.
        return (authors.iter().take(1).cloned().collect(), Vec::new());
    }
    (to, cc)
}

/// The candidates that are neither the user's nor already `seen`, in order.
fn pick<'a>(
    seen: &mut Vec<&'a Address>,
    candidates: impl IntoIterator<Item = &'a Mailbox>,
    own: &[Address],
) -> Vec<Mailbox> {
    let mut picked = Vec::new();
    for mailbox in candidates {
        let address = mailbox.address();
        if !is_own(mailbox, own) && !seen.iter().any(|kept| same(kept, address)) {
            seen.push(address);
            picked.push(mailbox.clone());
        }
    }
    picked
}

fn is_own(mailbox: &Mailbox, own: &[Address]) -> bool {
    own.iter().any(|address| same(address, mailbox.address()))
}

/// Address equality as mail users expect it: case-insensitive (local parts in the scripts of
/// [`super::case::fold_char`]), IDN domains compared in their A-label form.
pub(crate) fn same(a: &Address, b: &Address) -> bool {
    super::case::eq_folded(a.local_part(), b.local_part())
        && a.domain_ascii().eq_ignore_ascii_case(b.domain_ascii())
}
