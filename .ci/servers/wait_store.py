#!/usr/bin/env python3
"""Wait until a store directory holds at least COUNT messages.

Usage: wait_store.py DIR COUNT [--timeout SECONDS]   (default timeout 30)

DIR is an aiosmtpd_server.py --store directory (counts <n>.json files, which are written after
their .eml) or a smtp-sink dump directory (counts files not modified for 0.3 s, as smtp-sink
writes them during the transaction). Exits 0 when COUNT is reached, printing the message files
in order (<n>.eml paths, or dump files by time); exits 1 on timeout.
"""

import os
import sys
import time


def messages(directory):
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        return []
    jsons = [n for n in names if n.endswith(".json") and n[:-5].isdigit()]
    if jsons:
        return sorted((os.path.join(directory, n[:-5] + ".eml") for n in jsons),
                      key=lambda p: int(os.path.basename(p)[:-4]))
    # smtp-sink writes a dump while the transaction runs: count files untouched for 0.3 s.
    now = time.time()
    files = []
    for n in names:
        p = os.path.join(directory, n)
        try:
            st = os.stat(p)
        except FileNotFoundError:
            continue
        if os.path.isfile(p) and now - st.st_mtime > 0.3:
            files.append((st.st_mtime_ns, p))
    return [p for _, p in sorted(files)]


def main(argv):
    args = list(argv[1:])
    timeout = 30.0
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = float(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    directory, count = args[0], int(args[1])
    deadline = time.monotonic() + timeout
    while True:
        found = messages(directory)
        if len(found) >= count:
            print("\n".join(found))
            return 0
        if time.monotonic() > deadline:
            print(f"wait_store: {len(found)} of {count} messages in {directory} after {timeout}s", file=sys.stderr)
            return 1
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
