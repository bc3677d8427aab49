#!/usr/bin/env python3
"""Independent verifier of a Journal tape's hash chain.

Written from docs/hash-chain.md alone, with nothing but the Python standard
library, so that a tape can be checked without Journal's own code.

Usage:
    python3 tools/verify_chain.py PATH [--json]

The file is opened read-only (a ``file:...?mode=ro`` URI) and every row of
``journal_events`` is walked in ``seq`` order. For each row the checks of the
page are applied in order, stopping at the first mismatch:

1. ``seq_gap``                  the row's seq is not the expected position
                                (reported at the expected position);
2. ``prev_hash_mismatch``       prev_hash is not the previous row's hash
                                (32 zero bytes for seq 1);
3. ``payload_digest_mismatch``  a present payload does not hash to
                                payload_digest (a NULL payload is erased and
                                is counted);
4. ``hash_mismatch``            the recomputed chain hash differs from hash.

Output, plain:
    intact <events> <erased> <head_seq> <head_hash_hex>
    broken <seq> <code>

Output with --json, one object:
    {"status": "intact"|"broken", "events": n, "erased": n,
     "head_seq": n, "head_hash": hex,
     "mismatch": {"seq", "code", "expected", "found"} | null}

When the chain is broken, ``events``, ``erased``, ``head_seq`` and
``head_hash`` describe the intact prefix before the mismatching row. An empty
table is intact with head_seq 0 and the genesis hash (64 zeros). Hashes are
lower-case hex. In a mismatch, ``expected`` is what the chain requires and
``found`` what the row holds: positions for seq_gap, hex otherwise (for
payload_digest_mismatch: expected = the stored payload_digest, found = the
SHA-256 of the stored payload; for hash_mismatch: expected = the recomputed
hash, found = the stored hash).

A value of a type the page does not allow (for example a NULL or REAL where
an INTEGER or BLOB belongs) cannot be the one the hash was computed over; it
is reported by the check that reads it (seq -> seq_gap, prev_hash ->
prev_hash_mismatch, payload/payload_digest -> payload_digest_mismatch, any
other hashed column -> hash_mismatch).

Not checked: ``erasure_unrecorded`` (every erased payload must be listed in a
later journal.payloads_erased.v1 event). That check needs to decode
MessagePack, which the standard library cannot do; Journal's own ``verify``
performs it. Like any chain check, this one cannot detect that the newest
events were cut off: compare the head with a copy kept elsewhere.

Exit status: 0 intact, 3 broken, 2 usage error or unreadable file.
"""

import argparse
import hashlib
import json
import os
import sqlite3
import struct
import sys

TAG = b"journal.event.v1"
GENESIS = bytes(32)
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1

EXIT_INTACT, EXIT_UNREADABLE, EXIT_BROKEN = 0, 2, 3

QUERY = (
    "SELECT seq, event_id, stream_id, stream_version, event_type, recorded_at,"
    " metadata, payload, payload_digest, prev_hash, hash"
    " FROM journal_events ORDER BY seq"
)


class _Unhashable(Exception):
    """A column holds a value that cannot be part of a valid preimage."""


def _field(data):
    return struct.pack(">I", len(data)) + data


def _blob(value):
    if not isinstance(value, bytes):
        raise _Unhashable()
    return _field(value)


def _int64(value):
    if type(value) is not int or not INT64_MIN <= value <= INT64_MAX:
        raise _Unhashable()
    return _field(struct.pack(">q", value))


def chain_hash(prev, seq, event_id, stream_id, stream_version, event_type,
               recorded_at, metadata, payload_digest):
    """SHA-256 of the ten length-prefixed fields of the page's preimage.

    Text columns arrive as their UTF-8 bytes (the connection's text_factory
    is bytes), so they are hashed exactly as stored.
    """
    if not isinstance(metadata, bytes):
        raise _Unhashable()
    preimage = b"".join((
        _field(TAG),
        _blob(prev),
        _int64(seq),
        _blob(event_id),
        _blob(stream_id),
        _int64(stream_version),
        _blob(event_type),
        _int64(recorded_at),
        _field(hashlib.sha256(metadata).digest()),
        _blob(payload_digest),
    ))
    return hashlib.sha256(preimage).digest()


def _hex(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _sqlite_uri(path):
    absolute = os.path.abspath(path).replace(os.sep, "/")
    if not absolute.startswith("/"):
        absolute = "/" + absolute  # Windows drive letter: file:///C:/...
    escaped = absolute.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return "file://" + escaped + "?mode=ro"


def verify(rows):
    """Walk rows (tuples in QUERY's column order); return the report dict."""
    prev, expected = GENESIS, 1
    events = erased = 0
    head_seq, head_hash = 0, GENESIS

    def broken(seq, code, want, got):
        return {
            "status": "broken", "events": events, "erased": erased,
            "head_seq": head_seq, "head_hash": head_hash.hex(),
            "mismatch": {"seq": seq, "code": code, "expected": want, "found": got},
        }

    for row in rows:
        (seq, event_id, stream_id, stream_version, event_type, recorded_at,
         metadata, payload, payload_digest, prev_hash, stored_hash) = row

        # 1. position
        if type(seq) is not int or seq != expected:
            return broken(expected, "seq_gap", expected, seq if type(seq) is int else _hex(seq))

        # 2. link to the previous row
        if prev_hash != prev:
            return broken(seq, "prev_hash_mismatch", prev.hex(), _hex(prev_hash))

        # 3. payload against its digest; NULL means erased
        is_erased = payload is None
        if not is_erased:
            if not isinstance(payload, bytes) or not isinstance(payload_digest, bytes):
                got = hashlib.sha256(payload).hexdigest() if isinstance(payload, bytes) else _hex(payload)
                return broken(seq, "payload_digest_mismatch", _hex(payload_digest), got)
            actual = hashlib.sha256(payload).digest()
            if actual != payload_digest:
                return broken(seq, "payload_digest_mismatch", payload_digest.hex(), actual.hex())

        # 4. the chain hash
        try:
            recomputed = chain_hash(prev_hash, seq, event_id, stream_id, stream_version,
                                    event_type, recorded_at, metadata, payload_digest)
        except _Unhashable:
            recomputed = None
        if recomputed is None or stored_hash != recomputed:
            return broken(seq, "hash_mismatch", _hex(recomputed), _hex(stored_hash))

        # 5. advance
        events += 1
        erased += is_erased
        head_seq, head_hash = seq, recomputed
        prev, expected = recomputed, expected + 1

    return {
        "status": "intact", "events": events, "erased": erased,
        "head_seq": head_seq, "head_hash": head_hash.hex(), "mismatch": None,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Verify the hash chain of a Journal tape (SQLite file), read-only.")
    parser.add_argument("path", help="the tape's SQLite file, e.g. data/journal.db")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)  # exits with status 2 on a usage error

    if not os.path.isfile(args.path):
        print(f"verify_chain: cannot read {args.path}: no such file", file=sys.stderr)
        return EXIT_UNREADABLE

    try:
        connection = sqlite3.connect(_sqlite_uri(args.path), uri=True)
    except sqlite3.Error as error:
        print(f"verify_chain: cannot open {args.path}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        connection.text_factory = bytes
        report = verify(connection.execute(QUERY))
    except sqlite3.Error as error:
        print(f"verify_chain: cannot read {args.path}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    finally:
        connection.close()

    if args.json:
        print(json.dumps(report))
    elif report["status"] == "intact":
        print(f"intact {report['events']} {report['erased']} "
              f"{report['head_seq']} {report['head_hash']}")
    else:
        mismatch = report["mismatch"]
        print(f"broken {mismatch['seq']} {mismatch['code']}")
    return EXIT_INTACT if report["status"] == "intact" else EXIT_BROKEN


if __name__ == "__main__":
    sys.exit(main())
