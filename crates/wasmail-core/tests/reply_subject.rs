//! Reply and forward subjects: one prefix, whatever the parent carried.

use wasmail_core::reply::{base_subject, forward_subject, reply_subject};

#[test]
fn reply_subjects() {
    let cases = [
        ("Hello", "Re: Hello"),
        ("Re: Hello", "Re: Hello"),
        ("Re: Re: Aw: Hello", "Re: Hello"),
        ("RE: re: Hello", "Re: Hello"),
        ("AW: Hello", "Re: Hello"),
        ("Sv: SV: Hello", "Re: Hello"),
        ("Antw: Hello", "Re: Hello"),
        ("Réf. : Hello", "Re: Hello"),
        ("RE : Bonjour", "Re: Bonjour"),
        ("Re[2]: Hello", "Re: Hello"),
        ("Re(3): Hello", "Re: Hello"),
        ("Re^4: Hello", "Re: Hello"),
        ("回复：你好", "Re: 你好"),
        ("  Re:Hello  ", "Re: Hello"),
        ("Fwd: Hello", "Re: Fwd: Hello"),
        ("Re: Fwd: Re: Hello", "Re: Fwd: Re: Hello"),
        ("[dev] Re: Hello", "Re: [dev] Hello"),
        ("Re: [dev] Re: Hello", "Re: [dev] Hello"),
        ("[dev] Hello", "Re: [dev] Hello"),
        ("Regarding: the plan", "Re: Regarding: the plan"),
        ("Ref: invoice 12", "Re: Ref: invoice 12"),
        ("Re Hello", "Re: Re Hello"),
        ("", "Re:"),
        ("Re:", "Re:"),
    ];
    for (parent, expected) in cases {
        assert_eq!(reply_subject(parent), expected, "reply to {parent:?}");
    }
}

#[test]
fn forward_subjects() {
    let cases = [
        ("Hello", "Fwd: Hello"),
        ("Fwd: Hello", "Fwd: Hello"),
        ("FW: Fwd: Hello", "Fwd: Hello"),
        ("WG: Hello", "Fwd: Hello"),
        ("TR : Bonjour", "Fwd: Bonjour"),
        ("Re: Hello", "Fwd: Re: Hello"),
        ("转发：你好", "Fwd: 你好"),
        ("", "Fwd:"),
    ];
    for (parent, expected) in cases {
        assert_eq!(forward_subject(parent), expected, "forward of {parent:?}");
    }
}

#[test]
fn base_subjects() {
    assert_eq!(base_subject("Re: Fwd: AW: Hello"), "Hello");
    assert_eq!(base_subject("Hello"), "Hello");
    assert_eq!(base_subject("FW: RE: "), "");
}
