#!/usr/bin/env python3
"""Independent verifier of a Journal tape's hash chain and of its signed checkpoints.

Written from docs/hash-chain.md alone, with nothing but the Python standard
library, so that a tape can be checked without Journal's own code.

Usage:
    python3 tools/verify_chain.py PATH [--json]
    python3 tools/verify_chain.py PATH --checkpoint FILE [--public-key PEM] [--json]

The file is opened read-only (a ``file:...?mode=ro`` URI) and every row of
``journal_events`` is walked in ``seq`` order. For each row the checks of the
page are applied in order, stopping at the first mismatch:

1. ``seq_gap``                   the row's seq is not the expected position
                                 (reported at the expected position); a seq
                                 that is not an INTEGER is a
                                 ``storage_class_mismatch`` there;
2. ``storage_class_mismatch``    a column is not in its storage class
                                 (``typeof``: seq INTEGER, event_id BLOB,
                                 stream_id TEXT, stream_version INTEGER,
                                 event_type TEXT, recorded_at INTEGER,
                                 metadata BLOB, payload BLOB or NULL,
                                 payload_digest, prev_hash and hash BLOB);
3. ``reordered``                 prev_hash is the hash of another row than
                                 the one before (rows were moved), or
   ``prev_hash_mismatch``        it is no row's hash (32 zero bytes for seq 1);
4. ``payload_digest_mismatch``   a present payload does not hash to
                                 payload_digest (a NULL payload is erased);
5. ``hash_mismatch``             the recomputed chain hash differs from hash;
6. ``stream_version_gap`` /      the row's stream_version is not its stream's
   ``stream_version_duplicate``  next version (every stream runs 1..n in seq
                                 order);
7. ``erasure_record_malformed``  an erasure record (stream journal-erasures,
                                 type journal.payloads_erased.v1) whose payload
                                 is not the specified MessagePack map.

After the last row, a NULL payload that no later, intact erasure record
lists is ``erasure_unrecorded`` (reported at the lowest such seq).

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
``found`` what the row holds, as the page lists them.

With --checkpoint, the checkpoint is checked as the page says (signature with
ECDSA P-256 over the signed bytes, journal id, chain, truncation, rewritten
past, for journal.checkpoint.v2 and v3 the erased count and digest, and for
v3 the Merkle root of the first seq events, recomputed from the rows), and every
payload erased since it is listed with its erasure record. The signature is
checked with --public-key (a SubjectPublicKeyInfo PEM); without it, only
against the key inside the checkpoint, and the signer is unverified. Plain
output then adds:
    checkpoint extends | checkpoint <code>
    erased-since <seq> <record_seq> <reason as a JSON string>   (per payload)
    signer unverified                                           (no --public-key)
and --json adds "checkpoint": {"code", "extends", "key_trusted",
"commits_to_erasures", "erased_since": [{"seq", "record_seq", "reason"}]}.

A chain alone cannot show that its newest events were cut off: use a signed
checkpoint, or compare the head with a copy kept elsewhere.

Exit status: 0 intact (and the checkpoint extended, trusted, nothing erased
since), 3 broken or the checkpoint failed, 4 payloads were erased since the
checkpoint, 5 the checkpoint's signer is unverified, 2 usage error or
unreadable file.
"""

import argparse
import base64
import binascii
import hashlib
import json
import os
import sqlite3
import struct
import sys
import uuid

TAG = b"journal.event.v1"
GENESIS = bytes(32)
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1

EXIT_INTACT, EXIT_UNREADABLE, EXIT_BROKEN = 0, 2, 3
EXIT_ERASED_SINCE, EXIT_UNVERIFIED_SIGNER = 4, 5

COLUMNS = ("seq", "event_id", "stream_id", "stream_version", "event_type", "recorded_at",
           "metadata", "payload", "payload_digest", "prev_hash", "hash")
# The storage class each column must have (payload may also be NULL).
CLASSES = ("integer", "blob", "text", "integer", "text", "integer",
           "blob", "blob", "blob", "blob", "blob")

QUERY = (
    "SELECT " + ", ".join(COLUMNS) + ", "
    + ", ".join("typeof(%s)" % c for c in COLUMNS)
    + " FROM journal_events ORDER BY seq"
)
SEQ_BY_HASH = "SELECT seq FROM journal_events WHERE hash = ? AND seq <> ? ORDER BY seq LIMIT 1"
HASH_AT = "SELECT hash FROM journal_events WHERE seq = ?"
HASHES_TO = "SELECT hash FROM journal_events WHERE seq <= ? ORDER BY seq"
JOURNAL_ID = "SELECT value FROM journal_info WHERE key = 'journal_id'"
ERASED_SEQS = "SELECT seq FROM journal_events WHERE payload IS NULL ORDER BY seq"
RECORDS_AFTER = ("SELECT seq, payload FROM journal_events"
                 " WHERE event_type = ? AND stream_id = ? AND seq > ? ORDER BY seq")

ERASURE_STREAM = b"journal-erasures"
ERASURE_TYPE = b"journal.payloads_erased.v1"
MALFORMED_EXPECTED = "a journal.payloads_erased.v1 payload as docs/hash-chain.md defines it"

# Codes, as the page names them.
SEQ_GAP = "seq_gap"
STORAGE_CLASS_MISMATCH = "storage_class_mismatch"
REORDERED = "reordered"
PREV_HASH_MISMATCH = "prev_hash_mismatch"
PAYLOAD_DIGEST_MISMATCH = "payload_digest_mismatch"
HASH_MISMATCH = "hash_mismatch"
STREAM_VERSION_GAP = "stream_version_gap"
STREAM_VERSION_DUPLICATE = "stream_version_duplicate"
ERASURE_UNRECORDED = "erasure_unrecorded"
ERASURE_RECORD_MALFORMED = "erasure_record_malformed"
CHECKPOINT_BAD_SIGNATURE = "checkpoint.bad_signature"
CHECKPOINT_OTHER_JOURNAL = "checkpoint.other_journal"
CHECKPOINT_CHAIN_BROKEN = "checkpoint.chain_broken"
CHECKPOINT_TRUNCATED = "checkpoint.truncated"
CHECKPOINT_REWRITTEN = "checkpoint.rewritten"
CHECKPOINT_ERASURES_DIFFER = "checkpoint.erasures_differ"
CHECKPOINT_TREE_DIFFERS = "checkpoint.tree_differs"
V2_AND_LATER = ("journal.checkpoint.v2", "journal.checkpoint.v3")


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


# --- The erasure record: a minimal MessagePack reader for exactly the form the page allows. ---

class _Malformed(Exception):
    """The erasure record's payload is not the specified map."""


class _Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, n):
        if n > len(self.data) - self.at:
            raise _Malformed()
        chunk = self.data[self.at:self.at + n]
        self.at += n
        return chunk

    def byte(self):
        return self.take(1)[0]

    def big(self, width):
        return int.from_bytes(self.take(width), "big")

    def expect(self, raw):
        if self.take(len(raw)) != raw:
            raise _Malformed()

    def array_count(self):
        head = self.byte()
        if 0x90 <= head <= 0x9f:
            return head & 0x0f
        if head == 0xdc:
            return self.big(2)
        if head == 0xdd:
            return self.big(4)
        raise _Malformed()

    def unsigned(self):
        head = self.byte()
        if head <= 0x7f:
            return head
        widths = {0xcc: 1, 0xcd: 2, 0xce: 4, 0xcf: 8}
        if head not in widths:
            raise _Malformed()
        return self.big(widths[head])

    def text(self):
        head = self.byte()
        if 0xa0 <= head <= 0xbf:
            length = head & 0x1f
        elif head in (0xd9, 0xda, 0xdb):
            length = self.big({0xd9: 1, 0xda: 2, 0xdb: 4}[head])
        else:
            raise _Malformed()
        try:
            return self.take(length).decode("utf-8")
        except UnicodeDecodeError:
            raise _Malformed() from None


def decode_erasure_record(payload, record_seq):
    """(seqs, reason) of an erasure record stored at record_seq; raises _Malformed.

    The map is exactly {"seqs": [...], "reason": "..."} in that order: a fixmap
    of two, each key a fixstr; seqs a non-empty array of unsigned integers,
    strictly ascending, each from 1 to record_seq - 1; reason UTF-8 text;
    nothing after the map.
    """
    reader = _Reader(payload)
    reader.expect(b"\x82")
    reader.expect(b"\xa4seqs")
    count = reader.array_count()
    if count < 1:
        raise _Malformed()
    seqs, previous = [], 0
    for _ in range(count):
        value = reader.unsigned()
        if not previous < value < record_seq:
            raise _Malformed()
        seqs.append(value)
        previous = value
    reader.expect(b"\xa6reason")
    reason = reader.text()
    if reader.at != len(payload):
        raise _Malformed()
    return seqs, reason


def _sqlite_uri(path):
    absolute = os.path.abspath(path).replace(os.sep, "/")
    if not absolute.startswith("/"):
        absolute = "/" + absolute  # Windows drive letter: file:///C:/...
    escaped = absolute.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return "file://" + escaped + "?mode=ro"


def verify(rows, seq_of_hash=lambda hash_, seq: None):
    """Walk rows (QUERY's columns, then their typeof); return the report dict.

    seq_of_hash(hash, seq) answers the seq of another row whose hash is the
    given bytes, or None; it tells a moved row from a changed link.
    """
    prev, expected = GENESIS, 1
    events = erased = 0
    head_seq, head_hash = 0, GENESIS
    last_versions = {}
    unrecorded = set()

    def broken(seq, code, want, got):
        return {
            "status": "broken", "events": events, "erased": erased,
            "head_seq": head_seq, "head_hash": head_hash.hex(),
            "mismatch": {"seq": seq, "code": code, "expected": want, "found": got},
        }

    for row in rows:
        (seq, event_id, stream_id, stream_version, event_type, recorded_at,
         metadata, payload, payload_digest, prev_hash, stored_hash) = row[:11]
        classes = [c.decode("ascii") for c in row[11:]]  # typeof() is text, read as bytes

        # 1. position
        if classes[0] != "integer":
            return broken(expected, STORAGE_CLASS_MISMATCH, "seq INTEGER", "seq " + classes[0].upper())
        if seq != expected:
            return broken(expected, SEQ_GAP, expected, seq)

        # 2. storage classes
        for name, want, got in zip(COLUMNS[1:], CLASSES[1:], classes[1:]):
            if got != want and not (name == "payload" and got == "null"):
                wanted = want.upper() + (" or NULL" if name == "payload" else "")
                return broken(seq, STORAGE_CLASS_MISMATCH, name + " " + wanted, name + " " + got.upper())

        # 3. link to the previous row
        if prev_hash != prev:
            other = seq_of_hash(prev_hash, seq)
            if other is not None:
                return broken(seq, REORDERED, str(seq - 1), str(other))
            return broken(seq, PREV_HASH_MISMATCH, prev.hex(), _hex(prev_hash))

        # 4. payload against its digest; NULL means erased
        is_erased = payload is None
        if not is_erased:
            actual = hashlib.sha256(payload).digest()
            if actual != payload_digest:
                return broken(seq, PAYLOAD_DIGEST_MISMATCH, payload_digest.hex(), actual.hex())

        # 5. the chain hash
        if len(event_id) != 16 or len(payload_digest) != 32:
            return broken(seq, HASH_MISMATCH,
                          b"a 16-byte event_id and a 32-byte payload_digest".hex(), _hex(stored_hash))
        try:
            recomputed = chain_hash(prev_hash, seq, event_id, stream_id, stream_version,
                                    event_type, recorded_at, metadata, payload_digest)
        except _Unhashable:
            recomputed = None
        if recomputed is None or stored_hash != recomputed:
            return broken(seq, HASH_MISMATCH, _hex(recomputed), _hex(stored_hash))

        # 6. the stream's versions run 1..n
        last = last_versions.get(stream_id, 0)
        if stream_version != last + 1:
            code = STREAM_VERSION_DUPLICATE if 1 <= stream_version <= last else STREAM_VERSION_GAP
            return broken(seq, code, str(last + 1), str(stream_version))
        last_versions[stream_id] = stream_version

        # 7. erasures
        if is_erased:
            unrecorded.add(seq)
        elif stream_id == ERASURE_STREAM and event_type == ERASURE_TYPE:
            try:
                listed, _ = decode_erasure_record(payload, seq)
            except _Malformed:
                return broken(seq, ERASURE_RECORD_MALFORMED, MALFORMED_EXPECTED, "malformed")
            unrecorded.difference_update(listed)

        # advance
        events += 1
        erased += is_erased
        head_seq, head_hash = seq, recomputed
        prev, expected = recomputed, expected + 1

    if unrecorded:
        first = min(unrecorded)
        return broken(first, ERASURE_UNRECORDED,
                      "a journal.payloads_erased.v1 record after seq %d listing it" % first,
                      "no such record up to the head (seq %d): missing, or cut off with the tail" % head_seq)

    return {
        "status": "intact", "events": events, "erased": erased,
        "head_seq": head_seq, "head_hash": head_hash.hex(), "mismatch": None,
    }


# --- Signed checkpoints: ECDSA P-256 / SHA-256, from the curve's published parameters. ---

P256_P = 2 ** 256 - 2 ** 224 + 2 ** 192 + 2 ** 96 - 1
P256_B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b
P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
P256_G = (0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
          0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5)
# SubjectPublicKeyInfo DER of a P-256 key, up to the uncompressed point (04 || X || Y).
P256_SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200")


def _on_curve(point):
    x, y = point
    return (y * y - (x * x * x - 3 * x + P256_B)) % P256_P == 0


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    (x1, y1), (x2, y2) = a, b
    if x1 == x2 and (y1 + y2) % P256_P == 0:
        return None
    if a == b:
        slope = (3 * x1 * x1 - 3) * pow(2 * y1, -1, P256_P) % P256_P
    else:
        slope = (y2 - y1) * pow(x2 - x1, -1, P256_P) % P256_P
    x3 = (slope * slope - x1 - x2) % P256_P
    return x3, (slope * (x1 - x3) - y1) % P256_P


def _multiply(k, point):
    result = None
    while k:
        if k & 1:
            result = _add(result, point)
        point = _add(point, point)
        k >>= 1
    return result


def public_key_from_spki(der):
    """The point of a P-256 SubjectPublicKeyInfo (DER); ValueError for anything else."""
    if len(der) != len(P256_SPKI_PREFIX) + 65 or not der.startswith(P256_SPKI_PREFIX) or der[26] != 4:
        raise ValueError("not an uncompressed P-256 SubjectPublicKeyInfo")
    point = (int.from_bytes(der[27:59], "big"), int.from_bytes(der[59:91], "big"))
    if not all(0 <= c < P256_P for c in point) or not _on_curve(point):
        raise ValueError("the point is not on P-256")
    return point


def public_key_from_pem(text):
    lines = [line.strip() for line in text.strip().splitlines()]
    if not lines or lines[0] != "-----BEGIN PUBLIC KEY-----" or lines[-1] != "-----END PUBLIC KEY-----":
        raise ValueError("not a PEM public key (-----BEGIN PUBLIC KEY-----)")
    return public_key_from_spki(base64.b64decode("".join(lines[1:-1]), validate=True))


def ecdsa_p256_verify(point, message, signature):
    """Whether signature (r || s, 32 bytes each) signs SHA-256(message) for the key point."""
    if len(signature) != 64:
        return False
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    if not (1 <= r < P256_N and 1 <= s < P256_N):
        return False
    e = int.from_bytes(hashlib.sha256(message).digest(), "big")
    w = pow(s, -1, P256_N)
    total = _add(_multiply(e * w % P256_N, P256_G), _multiply(r * w % P256_N, point))
    return total is not None and total[0] % P256_N == r


def signed_bytes(checkpoint):
    """The bytes the page says a checkpoint signs (105 for v1, 153 for v2, 201 for v3)."""
    def i64(value):
        return _field(struct.pack(">q", value))
    data = (_field(checkpoint["format"].encode("ascii"))
            + _field(uuid.UUID(checkpoint["journalId"]).bytes)
            + i64(checkpoint["seq"])
            + _field(bytes.fromhex(checkpoint["headHash"]))
            + i64(checkpoint["createdAt"]))
    if checkpoint["format"] in V2_AND_LATER:
        data += i64(checkpoint["erasedCount"]) + _field(bytes.fromhex(checkpoint["erasedDigest"]))
    if checkpoint["format"] == "journal.checkpoint.v3":
        data += i64(checkpoint["treeSize"]) + _field(base64.b64decode(checkpoint["treeRoot"], validate=True))
    return data


def merkle_root(hashes):
    """The page's Merkle root over the events' hashes in seq order (RFC 9162; SHA-256 of nothing when empty)."""
    frontier = []  # (size, hash) of complete subtrees, left to right
    for event_hash in hashes:
        size, node = 1, hashlib.sha256(b"\x00" + event_hash).digest()
        while frontier and frontier[-1][0] == size:
            left_size, left = frontier.pop()
            size, node = left_size + size, hashlib.sha256(b"\x01" + left + node).digest()
        frontier.append((size, node))
    if not frontier:
        return hashlib.sha256(b"").digest()
    node = frontier[-1][1]
    for _, left in reversed(frontier[:-1]):
        node = hashlib.sha256(b"\x01" + left + node).digest()
    return node


def read_checkpoint(path):
    """The checkpoint object; ValueError when it is not a v1, v2 or v3 checkpoint."""
    with open(path, encoding="utf-8") as handle:
        checkpoint = json.load(handle)
    def is_hex64(value):
        return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdefABCDEF" for c in value)
    if (not isinstance(checkpoint, dict)
            or checkpoint.get("format") not in ("journal.checkpoint.v1",) + V2_AND_LATER
            or type(checkpoint.get("seq")) is not int or type(checkpoint.get("createdAt")) is not int
            or not is_hex64(checkpoint.get("headHash"))
            or not isinstance(checkpoint.get("signature"), str) or not isinstance(checkpoint.get("publicKey"), str)):
        raise ValueError("not a journal.checkpoint.v3 (or v2 or v1) checkpoint")
    uuid.UUID(checkpoint.get("journalId"))
    if checkpoint["format"] in V2_AND_LATER and (
            type(checkpoint.get("erasedCount")) is not int or checkpoint["erasedCount"] < 0
            or not is_hex64(checkpoint.get("erasedDigest"))):
        raise ValueError(f"a {checkpoint['format']} needs erasedCount and erasedDigest")
    if checkpoint["format"] == "journal.checkpoint.v3":
        try:
            root = base64.b64decode(checkpoint.get("treeRoot") or "", validate=True)
        except (ValueError, binascii.Error):
            root = b""
        if checkpoint.get("treeSize") != checkpoint["seq"] or len(root) != 32:
            raise ValueError("a journal.checkpoint.v3 needs treeSize equal to seq and a 32-byte base64 treeRoot")
    return checkpoint


def audit_erasures(connection, checkpoint_seq):
    """(count, digest, erased_since) seen from checkpoint_seq, as the page defines them."""
    recorded_after = {}
    for record_seq, payload in connection.execute(RECORDS_AFTER, (ERASURE_TYPE.decode(), ERASURE_STREAM.decode(), checkpoint_seq)):
        try:
            listed, reason = decode_erasure_record(payload, record_seq)
        except (_Malformed, TypeError):
            continue
        for seq in listed:
            recorded_after.setdefault(seq, (record_seq, reason))
    digest, count, since = hashlib.sha256(), 0, []
    for (seq,) in connection.execute(ERASED_SEQS):
        if seq in recorded_after:
            record_seq, reason = recorded_after[seq]
            since.append({"seq": seq, "record_seq": record_seq, "reason": reason})
        elif seq <= checkpoint_seq:
            digest.update(struct.pack(">q", seq))
            count += 1
    return count, digest.hexdigest(), since


def check_checkpoint(connection, checkpoint, trusted_key, report):
    """The checkpoint part of the report; the page's steps, first failure wins."""
    result = {"code": None, "extends": False, "key_trusted": trusted_key is not None,
              "commits_to_erasures": checkpoint["format"] in V2_AND_LATER, "erased_since": []}

    def fail(code):
        result["code"] = code
        return result

    try:
        key = trusted_key or public_key_from_spki(base64.b64decode(checkpoint["publicKey"], validate=True))
        signature = base64.b64decode(checkpoint["signature"], validate=True)
    except (ValueError, binascii.Error):
        return fail(CHECKPOINT_BAD_SIGNATURE)
    if not ecdsa_p256_verify(key, signed_bytes(checkpoint), signature):
        return fail(CHECKPOINT_BAD_SIGNATURE)

    try:
        row = connection.execute(JOURNAL_ID).fetchone()
    except sqlite3.OperationalError:
        row = None  # made before journal ids existed
    if row is not None and uuid.UUID(row[0].decode()) != uuid.UUID(checkpoint["journalId"]):
        return fail(CHECKPOINT_OTHER_JOURNAL)

    seq = checkpoint["seq"]
    mismatch = report["mismatch"]
    head = connection.execute("SELECT coalesce(max(seq), 0) FROM journal_events").fetchone()[0]
    if mismatch is not None:
        # A cut-off tail takes its erasure records along: truncation is the cause to name.
        if mismatch["code"] == ERASURE_UNRECORDED and head < seq:
            return fail(CHECKPOINT_TRUNCATED)
        return fail(CHECKPOINT_CHAIN_BROKEN)
    if head < seq:
        return fail(CHECKPOINT_TRUNCATED)
    at = GENESIS if seq == 0 else (connection.execute(HASH_AT, (seq,)).fetchone() or (None,))[0]
    if not isinstance(at, bytes) or at.hex() != checkpoint["headHash"].lower():
        return fail(CHECKPOINT_REWRITTEN)

    count, digest, since = audit_erasures(connection, seq)
    if result["commits_to_erasures"] and (count != checkpoint["erasedCount"] or digest != checkpoint["erasedDigest"].lower()):
        return fail(CHECKPOINT_ERASURES_DIFFER)
    if checkpoint["format"] == "journal.checkpoint.v3":
        root = merkle_root(row[0] for row in connection.execute(HASHES_TO, (seq,)))
        if root != base64.b64decode(checkpoint["treeRoot"]):
            return fail(CHECKPOINT_TREE_DIFFERS)
    result["extends"] = True
    result["erased_since"] = since
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Verify the hash chain of a Journal tape (SQLite file), read-only.")
    parser.add_argument("path", help="the tape's SQLite file, e.g. data/journal.db")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--checkpoint", help="a signed checkpoint file the tape must extend")
    parser.add_argument("--public-key", help="the trusted public key (PEM) the checkpoint must be signed with")
    args = parser.parse_args(argv)  # exits with status 2 on a usage error

    if not os.path.isfile(args.path):
        print(f"verify_chain: cannot read {args.path}: no such file", file=sys.stderr)
        return EXIT_UNREADABLE

    checkpoint = trusted_key = None
    try:
        if args.checkpoint is not None:
            checkpoint = read_checkpoint(args.checkpoint)
        if args.public_key is not None:
            with open(args.public_key, encoding="ascii") as handle:
                trusted_key = public_key_from_pem(handle.read())
    except (OSError, ValueError, binascii.Error) as error:
        print(f"verify_chain: {error}", file=sys.stderr)
        return EXIT_UNREADABLE

    try:
        connection = sqlite3.connect(_sqlite_uri(args.path), uri=True)
    except sqlite3.Error as error:
        print(f"verify_chain: cannot open {args.path}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        connection.text_factory = bytes
        connection.execute("BEGIN")  # one snapshot for every read below
        def seq_of_hash(hash_, seq):
            found = connection.execute(SEQ_BY_HASH, (hash_, seq)).fetchone()
            return None if found is None else found[0]
        report = verify(connection.execute(QUERY), seq_of_hash)
        if checkpoint is not None:
            report["checkpoint"] = check_checkpoint(connection, checkpoint, trusted_key, report)
    except sqlite3.Error as error:
        print(f"verify_chain: cannot read {args.path}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    finally:
        connection.close()

    cp = report.get("checkpoint")
    if args.json:
        print(json.dumps(report))
    else:
        if report["status"] == "intact":
            print(f"intact {report['events']} {report['erased']} "
                  f"{report['head_seq']} {report['head_hash']}")
        else:
            mismatch = report["mismatch"]
            print(f"broken {mismatch['seq']} {mismatch['code']}")
        if cp is not None:
            print("checkpoint extends" if cp["extends"] else f"checkpoint {cp['code']}")
            for erased in cp["erased_since"]:
                print(f"erased-since {erased['seq']} {erased['record_seq']} {json.dumps(erased['reason'])}")
            if not cp["key_trusted"]:
                print("signer unverified")

    if cp is not None:
        if not cp["extends"]:
            return EXIT_BROKEN
        if not cp["key_trusted"]:
            return EXIT_UNVERIFIED_SIGNER
        if cp["erased_since"]:
            return EXIT_ERASED_SINCE
    return EXIT_INTACT if report["status"] == "intact" else EXIT_BROKEN


if __name__ == "__main__":
    sys.exit(main())
