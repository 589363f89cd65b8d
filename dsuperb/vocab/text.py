"""Text normalisation shared by the scorers: case, punctuation, whitespace, CJK characters."""

from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache

# Kana, CJK ideographs (with extension A, compatibility and extension B) and Hangul: the one range
CJK = ("\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
       "\U00020000-\U0002a6df")
CJK_CHAR = re.compile(f"[{CJK}]")
_MIXED_TOKEN = re.compile(f"[{CJK}]|[^\\s{CJK}]+")


ERROR_RATE_CONVENTION = ("jiwer-style: lower-case; punctuation between two word characters deleted "
                         "(e-mail -> email, 5.5 -> 55, don't -> dont); every other punctuation mark a space; "
                         "whitespace collapsed")


@lru_cache(maxsize=1)
def _punctuation_class() -> str:
    """Every Unicode punctuation character (category P*), as a regex character class body."""
    chars = "".join(chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)).startswith("P"))
    return re.escape(chars)


@lru_cache(maxsize=1)
def _punctuation_table() -> dict[int, str]:
    return {cp: " " for cp in range(0x110000) if unicodedata.category(chr(cp)).startswith("P")}


_ASCII_PUNCTUATION_CHARS = "".join(ch for ch in string.punctuation
                                   if unicodedata.category(ch).startswith("P"))
_ASCII_INTRA = re.compile(rf"(?<=\w)[{re.escape(_ASCII_PUNCTUATION_CHARS)}]+(?=\w)")
_ASCII_PUNCTUATION = str.maketrans({ch: " " for ch in _ASCII_PUNCTUATION_CHARS})


@lru_cache(maxsize=1)
def _intra_word() -> re.Pattern:
    return re.compile(rf"(?<=\w)[{_punctuation_class()}]+(?=\w)")


def normalise_text(text: str) -> str:
    """The one normalisation of every text error rate (WER, CER, MER): `ERROR_RATE_CONVENTION`,
    the pipeline jiwer's ToLowerCase + RemovePunctuation + RemoveMultipleSpaces + Strip applies,
    and what the organisers did before WER."""
    text = text.lower()
    if text.isascii():
        return " ".join(_ASCII_INTRA.sub("", text).translate(_ASCII_PUNCTUATION).split())
    return " ".join(_intra_word().sub("", text).translate(_punctuation_table()).split())


def words(text: str) -> list[str]:
    return normalise_text(text).split()


def characters(text: str) -> list[str]:
    """Characters without whitespace (CER for Chinese and other unsegmented scripts)."""
    return list(normalise_text(text).replace(" ", ""))


def mixed_tokens(text: str) -> list[str]:
    """Each CJK character is a token, every other run of non-space characters is a word."""
    return _MIXED_TOKEN.findall(normalise_text(text))


def has_cjk(text: str) -> bool:
    return bool(CJK_CHAR.search(text))


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Loose form for comparing labels and options: lower-case, quotes and edge punctuation gone."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text).lower().strip())
    return text.strip(" \t\n'\"“”‘’`*.,;:!?")
