"""Vietnamese sentence splitting that survives decimals, dates, abbreviations and quotes.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
brackets after it) when white space and then the start of a new sentence follow:
an upper-case letter, possibly after an opening quote or bracket. A dash does
not open a sentence: ``“...”. - Thủ tướng nêu rõ.`` stays one, quote and
speaker. That rule alone keeps
``6,21 tỷ USD``, ``28,26%``, ``5/2``, ``16-18/12/2024`` and ``TP.HCM`` whole,
because none of them has white space after its dot; a short list of
abbreviations (``TS.``, ``Tp.``, ``Mr.`` ...) and middle initials of Latin-script
names (``George W. Bush``) guard the rest. Scraped text often
drops the space (``năm tới.Theo ông``): a full stop between a word and a
capitalised word is an end too.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences", "pieces"]

_ABBREVIATIONS = frozenset("tp tt ts ths pgs gs bs ks ls ths ncs mr mrs ms dr st no tr q p ng".split())
_END = re.compile(
    r"""(?<![.!?…])(?:\.\.\.|[.!?…]++)  # the end mark: a whole run of marks, taken once (linear time)
        [”"’»)\]]*+                  # closing quotes or brackets
        (?=\s+[“"‘«(\[]?\s*(?P<next>[^\W\d_])  # space, then a letter that may open a sentence
          |(?<=[^\W\d_]{2}[.!?])(?P<glued>[A-ZĐ][a-zđà-ỹ]))  # or, in scraped text, none: "tới.Theo" """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.$")
# A middle initial between Latin-script names: "George W. Bush", "John F. Kennedy".
_INITIAL = re.compile(r"\b[A-Z][a-z]+ [A-Z]\.$")


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    following = match.group("next")
    if following is not None and not following.isupper():
        return False
    start = match.start()
    if text[start] == "." and not (start >= 4 and text[start - 4 : start].isalpha()):  # else too long to abbreviate
        word = _WORD_BEFORE.search(text[max(0, start - 5) : start + 1])
        if word and word.group(1).lower() in _ABBREVIATIONS:
            return False
        if _INITIAL.search(text[max(0, start - 20) : start + 1]) and match.group("next") is not None:
            return False
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences, as ``(start, end)`` offsets into ``text``.

    White space around each sentence is left out; empty pieces are dropped.

    >>> t = "Vốn đạt 6,21 tỷ USD, tăng 28,26%. Ngày 5/2 tại TP.HCM, ông A nói: “Tốt”. Hai bên nhất trí."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Vốn đạt 6,21 tỷ USD, tăng 28,26%.', 'Ngày 5/2 tại TP.HCM, ông A nói: “Tốt”.', 'Hai bên nhất trí.']
    """
    end = len(text) if end is None else end
    return pieces(text, start, end, [m.end() for m in _END.finditer(text, start, end) if _is_sentence_end(text, m)])


def pieces(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at the sorted offsets ``cuts``: each piece without the white space
    around it, empty pieces dropped.

    >>> pieces(" a b  c ", 0, 8, [4])
    [(1, 4), (6, 7)]
    """
    spans = []
    for a, b in zip([start, *cuts], [*cuts, end]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans
