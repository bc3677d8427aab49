#!/usr/bin/env python3
"""Independent verifier of a Journal tape's Merkle proofs (inclusion and consistency).

Written from docs/hash-chain.md, "Merkle tree and proofs" (RFC 9162, section 2.1),
with nothing but the Python standard library, so that a proof can be checked
without Journal's own code.

Usage:
    python3 tools/verify_proofs.py inclusion FILE
    python3 tools/verify_proofs.py consistency FILE
    python3 tools/verify_proofs.py vectors DIR

``inclusion FILE`` reads an inclusion proof as the service gives it:
    {"seq", "leafIndex", "treeSize", "eventHash" (64 hex digits),
     "leafHash" (base64), "auditPath" ([base64, ...]), "root" (base64)}
``consistency FILE`` reads a consistency proof:
    {"fromSize", "toSize", "proof" ([base64, ...]), "fromRoot", "toRoot"}
Both print ``ok`` and exit 0 when the proof holds, or print
``refused: <why>`` and exit 1 when it does not. A file that cannot be read,
is not JSON, or lacks a field or has one of the wrong type is reported on
stderr with exit 2.

``vectors DIR`` runs every case of the transparency-dev test vectors under
DIR (``inclusion/**/*.json`` with leafIdx, treeSize, root, leafHash, proof;
``consistency/**/*.json`` with size1, size2, root1, root2, proof; each with
wantErr). It prints a line for every case whose verdict differs from
wantErr, then a summary, and exits 0 when every verdict is as wanted, 1 when
one is not, 2 when a case cannot be read.
"""

import base64
import binascii
import hashlib
import json
import os
import sys

HASH_SIZE = 32


class Malformed(Exception):
    """The input is not a proof in the expected form (exit 2)."""


class Refused(Exception):
    """The proof is well formed but does not hold (exit 1)."""


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(event_hash):
    """SHA-256(0x00 || event hash)."""
    return sha256(b"\x00" + event_hash)


def node_hash(left, right):
    """SHA-256(0x01 || left || right)."""
    return sha256(b"\x01" + left + right)


def is_hash(value):
    return isinstance(value, bytes) and len(value) == HASH_SIZE


def check_inclusion(index, size, leaf, path, root):
    """Raises Refused unless `leaf` is leaf `index` of the tree of `size` leaves with `root`."""
    if not 0 <= index < size:
        raise Refused(f"leaf index {index} is not in a tree of {size} leaves")
    if not is_hash(leaf):
        raise Refused(f"the leaf hash is {len(leaf)} bytes, not {HASH_SIZE}")
    if not is_hash(root):
        raise Refused(f"the root is {len(root)} bytes, not {HASH_SIZE}")
    for at, element in enumerate(path):
        if not is_hash(element):
            raise Refused(f"audit path element {at} is {len(element)} bytes, not {HASH_SIZE}")

    fn, sn, r = index, size - 1, leaf
    for element in path:
        if sn == 0:
            raise Refused(f"the audit path is longer than leaf {index} of a tree of {size} leaves needs")
        if fn & 1 or fn == sn:
            r = node_hash(element, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, element)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Refused(f"the audit path is shorter than leaf {index} of a tree of {size} leaves needs")
    if r != root:
        raise Refused("the audit path does not lead to the root")


def is_power_of_two(n):
    return n > 0 and n & (n - 1) == 0


def check_consistency(first, second, proof, first_root, second_root):
    """Raises Refused unless the tree of `second` leaves with `second_root` extends the one of `first` leaves with `first_root`."""
    if first <= 0:
        raise Refused("a consistency proof from the empty tree proves nothing (the old size must be at least 1)")
    if second < first:
        raise Refused(f"the new size {second} is smaller than the old size {first}")
    for at, element in enumerate(proof):
        if not is_hash(element):
            raise Refused(f"proof element {at} is {len(element)} bytes, not {HASH_SIZE}")
    if first == second:
        if proof:
            raise Refused("the sizes are equal but the proof is not empty")
        if first_root != second_root:
            raise Refused("the sizes are equal but the roots differ")
        return
    if not is_hash(first_root):
        raise Refused(f"the old root is {len(first_root)} bytes, not {HASH_SIZE}")
    if not is_hash(second_root):
        raise Refused(f"the new root is {len(second_root)} bytes, not {HASH_SIZE}")
    if not proof:
        raise Refused("the proof is empty")

    steps = [first_root] + list(proof) if is_power_of_two(first) else list(proof)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = steps[0]
    for element in steps[1:]:
        if sn == 0:
            raise Refused(f"the proof is longer than sizes {first} to {second} need")
        if fn & 1 or fn == sn:
            fr = node_hash(element, fr)
            sr = node_hash(element, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, element)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Refused(f"the proof is shorter than sizes {first} to {second} need")
    if fr != first_root:
        raise Refused("the proof does not lead to the old root")
    if sr != second_root:
        raise Refused("the proof does not lead to the new root")


# --- reading JSON -----------------------------------------------------------

def read_json(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as error:
        raise Malformed(f"cannot read {path}: {error.strerror or error}") from None
    try:
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise Malformed(f"{path} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise Malformed(f"{path} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    if not isinstance(value, dict):
        raise Malformed(f"{path} holds a JSON {type(value).__name__}, not an object")
    return value


def field(obj, name, where):
    if name not in obj:
        raise Malformed(f"{where}: the field \"{name}\" is missing")
    return obj[name]


def integer(obj, name, where):
    value = field(obj, name, where)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Malformed(f"{where}: \"{name}\" must be an integer, not {json.dumps(value)}")
    return value


def b64(value, name, where):
    if not isinstance(value, str):
        raise Malformed(f"{where}: \"{name}\" must be a base64 string, not {json.dumps(value)}")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise Malformed(f"{where}: \"{name}\" is not valid base64: {value!r}") from None


def b64_field(obj, name, where):
    return b64(field(obj, name, where), name, where)


def b64_list(obj, name, where, null_is_empty=False):
    value = field(obj, name, where)
    if value is None and null_is_empty:
        return []
    if not isinstance(value, list):
        raise Malformed(f"{where}: \"{name}\" must be an array of base64 strings, not {json.dumps(value)}")
    return [b64(item, f"{name}[{at}]", where) for at, item in enumerate(value)]


def hex_hash(obj, name, where):
    value = field(obj, name, where)
    if not isinstance(value, str) or len(value) != 2 * HASH_SIZE:
        raise Malformed(f"{where}: \"{name}\" must be {2 * HASH_SIZE} hex digits, not {json.dumps(value)}")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise Malformed(f"{where}: \"{name}\" must be {2 * HASH_SIZE} hex digits, not {json.dumps(value)}") from None


# --- the service's proofs -----------------------------------------------------

def verify_inclusion_file(path):
    proof = read_json(path)
    seq = integer(proof, "seq", path)
    index = integer(proof, "leafIndex", path)
    size = integer(proof, "treeSize", path)
    event_hash = hex_hash(proof, "eventHash", path)
    leaf = b64_field(proof, "leafHash", path)
    audit_path = b64_list(proof, "auditPath", path)
    root = b64_field(proof, "root", path)

    if seq < 1:
        raise Refused(f"seq {seq} is not a position (they start at 1)")
    if index != seq - 1:
        raise Refused(f"leafIndex {index} is not seq - 1 ({seq - 1})")
    if leaf != leaf_hash(event_hash):
        raise Refused("leafHash is not SHA-256(0x00 || eventHash)")
    check_inclusion(index, size, leaf, audit_path, root)


def verify_consistency_file(path):
    proof = read_json(path)
    first = integer(proof, "fromSize", path)
    second = integer(proof, "toSize", path)
    elements = b64_list(proof, "proof", path)
    first_root = b64_field(proof, "fromRoot", path)
    second_root = b64_field(proof, "toRoot", path)
    check_consistency(first, second, elements, first_root, second_root)


# --- the transparency-dev test vectors ----------------------------------------

def run_vector(kind, path):
    """The verdict on one case (True: accepted) and why it was refused."""
    case = read_json(path)
    try:
        if kind == "inclusion":
            check_inclusion(
                integer(case, "leafIdx", path),
                integer(case, "treeSize", path),
                b64_field(case, "leafHash", path),
                b64_list(case, "proof", path, null_is_empty=True),
                b64_field(case, "root", path))
        else:
            check_consistency(
                integer(case, "size1", path),
                integer(case, "size2", path),
                b64_list(case, "proof", path, null_is_empty=True),
                b64_field(case, "root1", path),
                b64_field(case, "root2", path))
    except Refused as why:
        return False, str(why), case
    return True, None, case


def verify_vectors(folder):
    if not os.path.isdir(folder):
        raise Malformed(f"{folder} is not a folder")
    cases = wrong = 0
    for kind in ("inclusion", "consistency"):
        root = os.path.join(folder, kind)
        if not os.path.isdir(root):
            raise Malformed(f"{folder} has no {kind}/ folder")
        files = []
        for directory, _, names in os.walk(root):
            files.extend(os.path.join(directory, n) for n in names if n.endswith(".json"))
        for path in sorted(files):
            accepted, why, case = run_vector(kind, path)
            want_err = field(case, "wantErr", path)
            if not isinstance(want_err, bool):
                raise Malformed(f"{path}: \"wantErr\" must be true or false")
            cases += 1
            if accepted == want_err:
                wrong += 1
                verdict = "accepted" if accepted else f"refused ({why})"
                print(f"{os.path.relpath(path, folder)}: {verdict}, but wantErr is {json.dumps(want_err)}")
    if cases == 0:
        raise Malformed(f"{folder} holds no test vectors")
    print(f"{cases} cases, {cases - wrong} as wanted, {wrong} not")
    return wrong == 0


USAGE = "usage: verify_proofs.py {inclusion FILE | consistency FILE | vectors DIR}"


def main(argv):
    if len(argv) != 2 or argv[0] not in ("inclusion", "consistency", "vectors"):
        print(USAGE, file=sys.stderr)
        return 2
    command, target = argv
    try:
        if command == "vectors":
            return 0 if verify_vectors(target) else 1
        if command == "inclusion":
            verify_inclusion_file(target)
        else:
            verify_consistency_file(target)
    except Malformed as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Refused as why:
        print(f"refused: {why}")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
