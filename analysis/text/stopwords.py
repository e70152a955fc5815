"""Vietnamese stopwords: stopwords-iso's ``vi`` list with the project's documented overlay.

The list is a maintained one (package ``stopwordsiso``); ``data/stopwords_overlay.toml``
keeps the words that carry meaning in diplomatic news (``bạn``, ``mới``, ``cao`` ...)
and guards others (``nước``, ``quan_trọng``, ``thực_hiện``) against later list changes.
Entries are in pyvi's word form (``cho_biết``) and folded.
"""

from __future__ import annotations

import tomllib
from functools import cache

from .. import config
from .vietnamese import fold

__all__ = ["stopwords", "is_stopword"]


def _word_form(entry: str) -> str:
    return fold(entry).replace(" ", "_")


@cache
def stopwords() -> frozenset[str]:
    """The folded stopwords, in pyvi word form.

    >>> {"của", "và", "cho_biết"} <= stopwords(), {"nước", "mới", "quan_trọng"} & stopwords()
    (True, set())
    """
    import stopwordsiso

    overlay = tomllib.loads((config.DATA / "stopwords_overlay.toml").read_text(encoding="utf-8"))
    base = {_word_form(w) for w in stopwordsiso.stopwords("vi")}
    keep = {_word_form(w) for w in overlay["keep"]["words"] + overlay["keep"]["guard"]}
    return frozenset((base | {_word_form(w) for w in overlay["add"]["words"]}) - keep)


def is_stopword(word: str) -> bool:
    """True for a stopword, a number or a word with no letter (``2024``, ``6,21``, ``%``)."""
    key = fold(word)
    return key in stopwords() or not any(ch.isalpha() for ch in key)
