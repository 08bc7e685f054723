#!/usr/bin/env python3
"""Check every golden message with Python's email package (policy.default).

Each tests/golden/*.eml file is parsed from bytes; any defect on any part fails the run.
Prints one line per file. Usage: python3 tests/check_eml.py [FILE...]

A message whose headers carry raw UTF-8 (RFC 6532, sent with SMTPUTF8) is parsed as text
with policy.SMTPUTF8, since the bytes parser reads header bytes as ASCII. Python flags every
non-ASCII local part as NonASCIILocalPartDefect, "allowed only with SMTPUTF8"; that one
defect is expected in such a message and nothing else is tolerated.
"""

import sys
from email import policy
from email.errors import NonASCIILocalPartDefect
from email.parser import BytesParser, Parser
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def defects_of(path):
    """All defects of the message and its parts, as 'part-type: defect' strings."""
    raw = path.read_bytes()
    smtputf8 = not raw.split(b"\r\n\r\n", 1)[0].isascii()
    if smtputf8:
        message = Parser(policy=policy.SMTPUTF8).parsestr(raw.decode("utf-8"))
        expected = (NonASCIILocalPartDefect,)
    else:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        expected = ()
    # Decoding every leaf part first records broken transfer encodings as defects.
    for part in message.walk():
        if not part.is_multipart() and part.get_content_type() != "message/rfc822":
            part.get_content()
    found = []
    for part in message.walk():
        for defect in part.defects:
            if isinstance(defect, expected):
                continue
            found.append(f"{part.get_content_type()}: {type(defect).__name__}: {defect}")
        # Reading every header through the policy surfaces header defects too.
        for name, value in part.items():
            for defect in getattr(value, "defects", ()):
                if isinstance(defect, expected):
                    continue
                found.append(f"{name}: {type(defect).__name__}: {defect}")
    return message, found


def main(argv):
    paths = [Path(arg) for arg in argv] or sorted(GOLDEN_DIR.glob("*.eml"))
    if not paths:
        print(f"no .eml files in {GOLDEN_DIR}")
        return 1
    failures = 0
    for path in paths:
        try:
            message, found = defects_of(path)
        except Exception as error:  # a crash while reading is a failure too
            print(f"FAIL {path.name}: {type(error).__name__}: {error}")
            failures += 1
            continue
        if found:
            failures += 1
            print(f"FAIL {path.name}: " + "; ".join(found))
        else:
            parts = sum(1 for _ in message.walk())
            print(f"ok   {path.name}: {parts} part(s), subject {message['subject']!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
