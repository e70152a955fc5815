"""Phrase matching on folded syllables: the part of framing that needs neither pyvi nor pandas.

A phrase matches a run of whole tokens of one sentence, punctuation included, so
``gắn kết, chiến lược`` is not ``gắn kết chiến lược``, whatever way pyvi would
segment either. The keys come with each document's layout
(:meth:`~analysis.reading.layout.Document.folding`). Titles and headings count; captions only
with ``keep_captions``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from ..text.syllables import Syllabified
from ..text.vietnamese import SEP as _SEP
from ..text.vietnamese import normalize, token_keys, wrap
from .lexicon import Lexicon

__all__ = [
    "PhraseMatcher",
    "phrase_rows",
    "write_phrase_csv",
    "write_count_csv",
    "PHRASE_COLUMNS",
    "PHRASE_TABLE_COLUMNS",
]

#: The columns of the contract's phrase table.
PHRASE_COLUMNS = ["doc_id", "date", "phrase", "count", "per_10k"]
#: The columns of :func:`phrase_rows`: the contract's, then the lexicon's and the document's size.
PHRASE_TABLE_COLUMNS = [*PHRASE_COLUMNS, "group", "gloss", "n_syllables"]


class PhraseMatcher:
    """Finds the phrases of a lexicon (each with its variants) in folded sentences."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._patterns = [
            (
                p.phrase,
                [
                    re.compile("(?=" + re.escape(_SEP + _SEP.join(token_keys(normalize(form))) + _SEP) + ")")
                    for form in p.forms
                ],
                [len(token_keys(normalize(form))) for form in p.forms],
            )
            for p in lexicon
        ]
        self._wrapped = [
            [(wrap(keys), frozenset(keys)) for keys in (token_keys(normalize(f)) for f in p.forms)] for p in lexicon
        ]

    def count(self, wrapped: str, vocabulary: str | None = None) -> list[int]:
        """Occurrences of each phrase (variants added) in a :attr:`Syllabified.wrapped` text, in lexicon order.

        Occurrences do not overlap: ``a a`` is found once in ``a a a``. Only phrases whose
        every key the text holds are searched for: the keys of ``vocabulary`` (space-separated,
        as in :class:`~analysis.reading.layout.Folded`), by default those of ``wrapped``.
        """
        present = set(wrapped.split(_SEP) if vocabulary is None else vocabulary.split(" "))
        return [sum(wrapped.count(form) for form, keys in forms if keys <= present) for forms in self._wrapped]

    def count_in(self, doc: Syllabified) -> list[int]:
        """:meth:`count` over one document's analysed sentences."""
        return self.count(doc.wrapped, doc.document.folding().vocabulary)

    def present_in(self, doc: Syllabified) -> set[str]:
        """The phrases found at least once in a document's analysed sentences (by :meth:`count_in`):
        the only ones :meth:`find` needs to look for in its sentences."""
        return {p.phrase for p, n in zip(self.lexicon, self.count_in(doc)) if n}

    def find(self, joined: str, only: set[str] | None = None) -> list[tuple[str, int, int]]:
        """``(phrase, first token, end token)`` of every match in one joined sentence, in text order
        (of the phrases in ``only``, if given)."""
        found = []
        for phrase, patterns, lengths in self._patterns:
            if only is not None and phrase not in only:
                continue
            for pattern, n in zip(patterns, lengths):
                for m in pattern.finditer(joined):
                    start = joined.count(_SEP, 0, m.start())
                    found.append((phrase, start, start + n))
        return sorted(found, key=lambda f: (f[1], f[2], f[0]))


def phrase_rows(docs: list[Syllabified], lexicon: Lexicon) -> Iterator[tuple]:
    """One row (:data:`PHRASE_TABLE_COLUMNS`) for every (document, phrase), zeros included.
    ``per_10k`` is per 10,000 syllables of the document."""
    matcher = PhraseMatcher(lexicon)
    for doc in docs:
        n = doc.n_syllables
        for phrase, count in zip(lexicon, matcher.count_in(doc)):
            yield (doc.doc_id, doc.date, phrase.phrase, count, _per_10k(count, n), phrase.group, phrase.gloss, n)


def write_phrase_csv(docs: list[Syllabified], lexicon: Lexicon, out: TextIO) -> None:
    """:func:`phrase_rows` as CSV, header first, exactly as :mod:`csv` writes them, but with the
    fields of each phrase and document quoted once: the table has a row per document and phrase."""
    matcher = PhraseMatcher(lexicon)
    write_count_csv(((d.doc_id, d.date, d.n_syllables, matcher.count_in(d)) for d in docs), lexicon, out)


def write_count_csv(documents: Iterable[tuple], lexicon: Lexicon, out: TextIO, *, header: bool = True) -> None:
    """The CSV of :func:`write_phrase_csv` from ``(doc_id, date, n_syllables, counts in lexicon
    order)`` of each document (``header``: the line of column names first)."""
    middles = [f",{_field(p.phrase)}," for p in lexicon]
    ends = [f",{_field(p.group)},{_field(p.gloss)}," for p in lexicon]
    zeros = [f"{middle}0,0.0{end}" for middle, end in zip(middles, ends)]  # most rows
    if header:
        out.write(",".join(PHRASE_TABLE_COLUMNS) + "\n")
    for doc_id, date, n, counts in documents:
        start = f"{_field(doc_id)},{_field(date)}"
        out.write(
            "".join(
                [
                    f"{start}{zero}{n}\n" if not count else f"{start}{middle}{count},{_per_10k(count, n)}{end}{n}\n"
                    for middle, end, zero, count in zip(middles, ends, zeros, counts)
                ]
            )
        )


def _per_10k(count: int, n_syllables: int) -> float:
    return round(1e4 * count / n_syllables, 4) if n_syllables else 0.0


def _field(value: str) -> str:
    """``value`` as one CSV field, quoted where :mod:`csv` would quote it."""
    if not value:
        return ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([value])
    return buffer.getvalue()[:-1]
