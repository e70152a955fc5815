"""Vietnamese stopwords: stopwords-iso's ``vi`` list with the project's documented overlay.

The list is a maintained one (package ``stopwordsiso``); ``data/stopwords_overlay.toml``
keeps the words that carry meaning in diplomatic news (``bạn``, ``mới``, ``cao`` ...)
and guards others (``nước``, ``quan_trọng``, ``thực_hiện``) against later list changes.
Entries are in pyvi's word form (``cho_biết``) and folded.
"""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache

from .. import config
from .vietnamese import fold

__all__ = ["stopwords", "is_stopword", "content_key"]


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
    return content_key(word) is None


@lru_cache(maxsize=1 << 17)
def content_key(word: str) -> str | None:
    """The folded form of a word that carries content, ``None`` for a stopword, a number or a word
    with no letter. Remembered per process: news text repeats its words, and counting them asks
    this of every one.

    >>> content_key("Hợp_Tác"), content_key("cho_biết"), content_key("6,21")
    ('hợp_tác', None, None)
    """
    key = fold(word)
    return None if key in stopwords() or not any(ch.isalpha() for ch in key) else key
