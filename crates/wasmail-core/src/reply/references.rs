//! The References of a reply (RFC 5322 3.6.4): the parent's References, or failing those its
//! In-Reply-To, followed by the parent's Message-ID, trimmed when the thread grows long.

use crate::message::MessageId;

/// At most this many identifiers are kept. Threading needs the root and the latest few; the
/// middle adds length and nothing else.
pub const MAX_REFERENCES: usize = 20;

/// At most this many octets of identifiers, brackets and separating spaces are kept, so the
/// field would fit one 998-octet line (with `References: `) even unfolded.
pub const MAX_REFERENCES_OCTETS: usize = 998 - "References: ".len();

/// The References of a reply to a message with `parent_references` (its References, or its
/// In-Reply-To when it has no References) and `parent_id` (its Message-ID).
///
/// Duplicates are removed, the parent's own identifier comes last, and the list is trimmed
/// with [`trim_references`].
///
/// ```
/// use wasmail_core::message::MessageId;
/// use wasmail_core::reply::thread_references;
///
/// let id = |s: &str| MessageId::parse(s).unwrap();
/// let refs = thread_references(&[id("<a@x>"), id("<b@x>"), id("<a@x>")], Some(&id("<c@x>")));
/// assert_eq!(refs, [id("<a@x>"), id("<b@x>"), id("<c@x>")]);
/// ```
pub fn thread_references(
    parent_references: &[MessageId],
    parent_id: Option<&MessageId>,
) -> Vec<MessageId> {
    let mut ids: Vec<MessageId> = Vec::with_capacity(parent_references.len() + 1);
    for id in parent_references.iter().chain(parent_id) {
        if let Some(seen) = ids.iter().position(|kept| kept == id) {
            // A repeated identifier keeps its first place, except the parent's, which is last.
            if Some(id) != parent_id {
                continue;
            }
            ids.remove(seen);
        }
        ids.push(id.clone());
    }
    trim_references(ids)
}

/// Trims a References list to [`MAX_REFERENCES`] identifiers and [`MAX_REFERENCES_OCTETS`]
/// octets, keeping the last (the parent), then the first (the thread's root), then as many of
/// the most recent as fit. Order is preserved.
pub fn trim_references(ids: Vec<MessageId>) -> Vec<MessageId> {
    let octets = |id: &MessageId| id.as_str().len() + 3; // `<`, `>` and a space
    let total: usize = ids.iter().map(octets).sum();
    if ids.len() <= MAX_REFERENCES && total <= MAX_REFERENCES_OCTETS + 1 {
        return ids;
    }
    let Some((last, rest)) = ids.split_last() else {
        return ids;
    };
    let mut budget = MAX_REFERENCES_OCTETS + 1 - octets(last).min(MAX_REFERENCES_OCTETS + 1);
    let mut slots = MAX_REFERENCES - 1;
    let mut take = |id: &MessageId| -> bool {
        let fits = slots > 0 && octets(id) <= budget;
        if fits {
            slots -= 1;
            budget -= octets(id);
        }
        fits
    };
    let root = rest.first().filter(|root| take(root));
    let tail = rest.get(1..).unwrap_or_default();
    let recent_count = tail.iter().rev().take_while(|id| take(id)).count();
    root.into_iter()
        .chain(&tail[tail.len() - recent_count..])
        .chain(std::iter::once(last))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(count: usize, width: usize) -> Vec<MessageId> {
        (0..count)
            .map(|n| MessageId::parse(&format!("{n:0width$}@x")).unwrap())
            .collect()
    }

    #[test]
    fn short_lists_are_untouched() {
        let list = ids(5, 4);
        assert_eq!(trim_references(list.clone()), list);
    }

    #[test]
    fn long_lists_keep_root_and_recent() {
        let list = ids(50, 4);
        let trimmed = trim_references(list.clone());
        assert_eq!(trimmed.len(), MAX_REFERENCES);
        assert_eq!(trimmed[0], list[0]);
        assert_eq!(trimmed[1..], list[31..]);
    }

    #[test]
    fn wide_ids_are_capped_by_octets() {
        let list = ids(15, 100);
        let trimmed = trim_references(list.clone());
        let octets: usize = trimmed
            .iter()
            .map(|id| id.to_string().len() + 1)
            .sum::<usize>()
            - 1;
        assert!(octets <= MAX_REFERENCES_OCTETS, "{octets}");
        assert_eq!(trimmed[0], list[0]);
        assert_eq!(trimmed.last(), list.last());
        assert_eq!(trimmed.len(), 9);
    }

    #[test]
    fn a_huge_parent_id_leaves_room_for_little() {
        let mut list = ids(10, 30);
        list.push(MessageId::parse(&format!("{}@x", "a".repeat(898))).unwrap());
        let trimmed = trim_references(list.clone());
        assert_eq!(
            trimmed,
            [list[0].clone(), list[9].clone(), list[10].clone()]
        );
    }
}
