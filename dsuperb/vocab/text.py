"""Text normalisation shared by the scorers: case, punctuation, whitespace, CJK characters."""

from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache

_CJK = ("\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
        "\U00020000-\U0002a6df")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_MIXED_TOKEN = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+")


@lru_cache(maxsize=1)
def _punctuation_table() -> dict[int, str]:
    # Every Unicode punctuation character maps to a space (so "don't" -> "don t" is avoided below).
    return {cp: " " for cp in range(0x110000) if unicodedata.category(chr(cp)).startswith("P")}


_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")
# The same rule as the full table (Unicode category P*), for the common all-ASCII case.
_ASCII_PUNCTUATION = str.maketrans({ch: " " for ch in string.punctuation
                                    if unicodedata.category(ch).startswith("P")})


def normalise_text(text: str) -> str:
    """Lower-case, drop punctuation (apostrophes inside words vanish: "don't" -> "dont"),
    collapse whitespace. What the organisers did before WER and PER."""
    text = text.lower()
    if "'" in text or "’" in text:
        text = _APOSTROPHES.sub("", text)
    table = _ASCII_PUNCTUATION if text.isascii() else _punctuation_table()
    return " ".join(text.translate(table).split())


def words(text: str) -> list[str]:
    return normalise_text(text).split()


def characters(text: str) -> list[str]:
    """Characters without whitespace (CER for Chinese and other unsegmented scripts)."""
    return list(normalise_text(text).replace(" ", ""))


def mixed_tokens(text: str) -> list[str]:
    """Each CJK character is a token, every other run of non-space characters is a word."""
    return _MIXED_TOKEN.findall(normalise_text(text))


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Loose form for comparing labels and options: lower-case, quotes and edge punctuation gone."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text).lower().strip())
    return text.strip(" \t\n'\"“”‘’`*.,;:!?")
