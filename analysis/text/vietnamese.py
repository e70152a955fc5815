"""Folding and syllables: the one canonical form in which Vietnamese text is matched.

Canonical form (what :func:`fold` returns), in this order:

1. Unicode NFC, so that precomposed and combining marks compare equal;
2. case folded (``str.casefold``), then NFC again;
3. the tone mark of an open ``oa``/``oe``/``uy`` syllable placed on the first
   vowel, the traditional style used by most Vietnamese newsrooms:
   ``hoà`` → ``hòa``, ``thoả`` → ``thỏa``, ``khoẻ`` → ``khỏe``, ``uỷ`` → ``ủy``.
   Closed syllables (``toàn``, ``hoàn``, ``khuyến``) and ``qu`` + vowel
   (``quý``, ``quỳ``) are left alone, because both styles agree there;
4. dashes (``–``, ``—``, ``−``) made ``-``, every run of white space one space, the
   ends stripped.

Tone marks and vowel marks are never removed: ``huu nghi`` is not ``hữu nghị``.

Steps 1 and 3 keep the length of an NFC string, so offsets found in
:func:`normalize` text point into the text as the document writes it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = [
    "normalize",
    "fold",
    "place_tones",
    "Token",
    "tokens",
    "token_keys",
    "keys_and_syllables",
    "wrapped_keys",
    "wrapped_sentences",
    "wrap",
    "syllables",
    "is_upper_text",
    "SEP",
    "SENTENCE_SEP",
]

# The five tone marks on each vowel, in the order grave, acute, hook, tilde, dot.
_TONED = {
    "a": "àáảãạ",
    "e": "èéẻẽẹ",
    "y": "ỳýỷỹỵ",
    "o": "òóỏõọ",
    "u": "ùúủũụ",
    "A": "ÀÁẢÃẠ",
    "E": "ÈÉẺẼẸ",
    "Y": "ỲÝỶỸỴ",
    "O": "ÒÓỎÕỌ",
    "U": "ÙÚỦŨỤ",
}
_TONE_OF = {ch: (base, i) for base, row in _TONED.items() for i, ch in enumerate(row)}
_LETTER_AFTER = r"(?![^\W\d_])"
_NEW_STYLE = re.compile(r"(?<![qQ])([oOuU])([" + "".join(_TONED[v] for v in "aeyAEY") + r"])" + _LETTER_AFTER)
_PAIRS = {"o": "ae", "u": "y"}
_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans("‐‑‒–—―−", "-------")


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    base, tone = _TONE_OF[second]
    if base.lower() not in _PAIRS[first.lower()]:  # "oỳ", "uà": not a pair whose style varies
        return match.group()
    return _TONED[first][tone] + base


def place_tones(text: str) -> str:
    """Put the tone mark of open ``oa``, ``oe`` and ``uy`` on the first vowel.

    The text must be NFC; its length is unchanged.

    >>> place_tones("Hoà bình, thoả thuận, Uỷ ban, toàn diện, quý")
    'Hòa bình, thỏa thuận, Ủy ban, toàn diện, quý'
    """
    return _NEW_STYLE.sub(_move_tone, text)


def normalize(text: str) -> str:
    """NFC and canonical tone placement, case and spacing kept (length of the NFC text kept)."""
    return place_tones(unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """The canonical matching form: NFC, case-folded, tones placed, spaces collapsed.

    >>> fold("  HOÀ  BÌNH\\n Thoả ") == fold("hòa bình thỏa")
    True
    """
    text = place_tones(unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold()))
    if not unicodedata.is_normalized("NFC", text):  # a stray combining mark after the vowel that gave up its tone
        text = unicodedata.normalize("NFC", text)
    return _SPACE.sub(" ", text.translate(_DASHES)).strip()


class Token(NamedTuple):
    """A token of a text: ``text[start:end]``; ``kind`` is ``"syllable"`` or ``"punct"``."""

    start: int
    end: int
    kind: str


# Order matters: the longest, most specific forms first.
_TOKEN = re.compile(
    r"""
    (?P<url>(?:\w+://|www\.)\S*[^\s.,;:!?…”"’)\]])
   |(?P<email>[\w.+-]+@\w[\w-]*(?:\.[\w-]+)+)
   |(?P<abbr>(?:[A-ZĐ][A-Za-zĐđ]{0,3}\.)+[A-ZĐ][^\W_]*)   # TP.HCM, P.V: one unit
   |(?P<number>\d+(?:[.,]\d+)+)                          # 6,21  3.000  28,26
   |(?P<syllable>[^\W_]+)
   |(?P<punct>\S)
    """,
    re.VERBOSE,
)


# Without the URL and e-mail forms: the same tokens wherever the text has no "://", "www." or "@".
_TOKEN_PLAIN = re.compile(_TOKEN.pattern.split("\n", 3)[3].lstrip(" |"), re.VERBOSE)


def _plain(text: str, start: int = 0, end: int | None = None) -> bool:
    end = len(text) if end is None else end
    return text.find("://", start, end) < 0 and text.find("@", start, end) < 0 and text.find("www.", start, end) < 0


def token_keys(text: str) -> list[str]:
    """The folded keys of the tokens of ``text`` (NFC), punctuation included.

    The same tokens as :func:`tokens`, each folded as :func:`fold` would, without
    offsets: the fast path for counting phrases.

    >>> token_keys(normalize("GẮN KẾT CHIẾN LƯỢC, Thoả thuận – TP.HCM"))
    ['gắn', 'kết', 'chiến', 'lược', ',', 'thỏa', 'thuận', '-', 'tp.hcm']
    """
    return keys_and_syllables(text)[0]


def keys_and_syllables(text: str) -> tuple[list[str], int]:
    """:func:`token_keys` of ``text`` and how many of them are syllables (not punctuation)."""
    wrapped, n = wrapped_keys(text)
    return (wrapped[1:-1].split(SEP + SEP), n) if wrapped else ([], 0)


#: What :func:`wrapped_keys` puts on both sides of every key.
SEP = "\x1f"
#: What :func:`wrapped_sentences` puts between sentences.
SENTENCE_SEP = "\x1e"
_BREAK = "\ue000"  # a private-use character standing between sentences while they are folded together
_MAX_CHUNKS = 1 << 20  # distinct runs of non-space characters remembered per process
# A run of non-space characters -> its keys joined by two separators; how many of them are syllables.
_KEYS: dict[str, str] = {}
_SYLLABLES: dict[str, int] = {}


def wrapped_keys(text: str) -> tuple[str, int]:
    r"""The :func:`token_keys` of ``text`` (NFC) as one string, each key between its own
    separators (``\x1fgắn\x1f\x1fkết\x1f``, ``""`` for none), and how many are syllables.

    A phrase is then a substring, and adjacent matches share no character. Tokens never
    cross white space, so each run of non-space characters is folded once per process
    and looked up after that: news text repeats its words.

    >>> wrapped_keys("Hoà bình.")
    ('\x1fhòa\x1f\x1fbình\x1f\x1f.\x1f', 2)
    """
    keys, n = _fold_chunks(text.split())
    return wrap(keys), n


def wrap(keys: list[str]) -> str:
    """Keys each between its own separators, as :func:`wrapped_keys` gives them (``""`` for none)."""
    return SEP + (SEP + SEP).join(keys) + SEP if keys else ""


def wrapped_sentences(texts: list[str]) -> tuple[str, int, str]:
    r""":func:`wrapped_keys` of several sentences in one pass, joined by :data:`SENTENCE_SEP`;
    how many syllables they hold in all; and their vocabulary: every key at least once but
    far fewer times than in the text, separated by spaces (keys hold none), in no particular
    order. It tells phrase counting what it need not search for.

    >>> wrapped, n, vocabulary = wrapped_sentences(["Hoà bình.", "", "Hợp tác hoà bình"])
    >>> wrapped.split(SENTENCE_SEP)
    ['\x1fhòa\x1f\x1fbình\x1f\x1f.\x1f', '', '\x1fhợp\x1f\x1ftác\x1f\x1fhòa\x1f\x1fbình\x1f']
    >>> n, sorted(set(vocabulary.split(" ")))
    (6, ['.', 'bình', 'hòa', 'hợp', 'tác'])
    """
    if any(_BREAK in text for text in texts):
        folded = [_fold_chunks(text.split()) for text in texts]
        wrapped = SENTENCE_SEP.join([wrap(keys) for keys, _ in folded])
        vocabulary = " ".join({key for keys, _ in folded for key in keys}).replace(SEP + SEP, " ")
        return wrapped, sum([n for _, n in folded]), vocabulary
    keys, n = _fold_chunks(f" {_BREAK} ".join(texts).split())
    if not keys:
        return "", 0, ""
    wrapped = wrap(keys).replace(SEP + _BREAK + SEP, SENTENCE_SEP)
    distinct = set(keys)
    distinct.discard(_BREAK)
    return wrapped, n, " ".join(distinct).replace(SEP + SEP, " ")


def _fold_chunks(chunks: list[str]) -> tuple[list[str], int]:
    """The keys of each chunk (several joined by two separators) and how many syllables they hold."""
    if len(_KEYS) >= _MAX_CHUNKS:  # here, not while a text is being folded
        _KEYS.clear()
        _SYLLABLES.clear()
    keys = list(map(_KEYS.get, chunks))
    if None in keys:
        keys = [_chunk(chunk) if key is None else key for chunk, key in zip(chunks, keys)]
    return keys, sum(map(_SYLLABLES.__getitem__, chunks))


def _chunk(chunk: str) -> str:
    """The folded keys of one run of non-space characters, joined by two separators (remembered, with
    how many of them are syllables)."""
    toned = place_tones(chunk)
    if toned.isalnum():  # most runs are one plain syllable
        _SYLLABLES[chunk] = 1
        _KEYS[chunk] = keys = unicodedata.normalize("NFC", toned.casefold())
        return keys
    if toned[:-1].isalnum():  # or one with a mark after it (what the tokens would make of them too),
        parts, n = [toned[:-1], toned[-1]], 1
    elif toned[1:].isalnum():  # or before it
        parts, n = [toned[0], toned[1:]], 1
    else:
        found = list((_TOKEN_PLAIN if _plain(toned) else _TOKEN).finditer(toned))
        parts, n = [m.group() for m in found], sum(m.lastgroup != "punct" for m in found)
    _SYLLABLES[chunk] = n
    _KEYS[chunk] = keys = (SEP + SEP).join(
        [unicodedata.normalize("NFC", part.casefold()).translate(_DASHES) for part in parts]
    )
    return keys


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Syllables and punctuation of ``text[start:end]``, with offsets into ``text``.

    A syllable is a run of letters and digits (Vietnamese writes one syllable per
    space-separated unit), or a number with decimal or thousands separators, an
    abbreviation such as ``TP.HCM``, an e-mail address or a URL.
    """
    end = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), "punct" if m.lastgroup == "punct" else "syllable")
        for m in _pattern(text, start, end).finditer(text, start, end)
    ]


def token_strings(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The strings of :func:`tokens`, without their offsets and kinds.

    >>> token_strings("Ông A, TP.HCM.")
    ['Ông', 'A', ',', 'TP.HCM', '.']
    """
    end = len(text) if end is None else end
    return [m.group() for m in _pattern(text, start, end).finditer(text, start, end)]


def _pattern(text: str, start: int, end: int) -> re.Pattern[str]:
    """The token pattern for ``text[start:end]``: without the URL and e-mail forms where it has none."""
    return _TOKEN_PLAIN if _plain(text, start, end) else _TOKEN


def syllables(text: str) -> list[str]:
    """The folded syllables of ``text``, punctuation left out.

    >>> syllables("Hợp tác TOÀN DIỆN, thoả thuận 6,21 tỷ")
    ['hợp', 'tác', 'toàn', 'diện', 'thỏa', 'thuận', '6,21', 'tỷ']
    """
    text = normalize(text)
    return [fold(text[t.start : t.end]) for t in tokens(text) if t.kind == "syllable"]


def is_upper_text(text: str) -> bool:
    """True if ``text`` has a cased letter and none of them is lower case (``GẮN KẾT``)."""
    return text.isupper()
