"""Stable hashes: the same in every process and on every machine (unlike Python's salted `hash`)."""

from __future__ import annotations

import hashlib
import json

SEPARATOR = "\x1f"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


def sha256_json(value) -> str:
    """A hash of a JSON-able value, independent of key order (unknown objects, e.g. arrays of mel
    filters, hashed by repr: what matters is that a change shows)."""
    return sha256_text(json.dumps(value, sort_keys=True, default=repr))


def stable_int(*parts) -> int:
    """A 64-bit number from the parts' text: seeds, shard assignment."""
    digest = hashlib.sha256(SEPARATOR.join(str(part) for part in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")
