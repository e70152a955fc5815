"""Recurring sequences of syllables counted with integer arrays: what
:func:`~analysis.framing.tables.discover` reads.

Every analysed sentence's syllables become integer ids in one array, cut into runs at
punctuation (:class:`Runs`). Sequences are counted level by level (:func:`levels`): a
sequence of ``n`` syllables is one integer key, its first ``n - 1`` syllables' id at the
level below times the number of distinct syllables plus its last syllable, and
``numpy.unique`` of the keys found at every position gives each sequence an id and a count.
From three syllables on, only positions whose prefix recurs are read (apriori). Nothing holds
a Python object per position or per sequence, so memory grows with the syllables read, and
strings are made only for the few sequences asked for (:meth:`Level.words`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..text.syllables import Syllabified
from ..text.vietnamese import token_strings

__all__ = ["Runs", "Level", "levels", "capitals", "DictionaryPairs", "distinct_pairs"]


@dataclass(frozen=True)
class Runs:
    """The syllables of every analysed sentence of some documents, as ids in one array.

    One entry per syllable, in reading order: ``syllable`` (its id in ``vocab``), ``end`` (the
    index after the last syllable of its run: a run ends at punctuation or at the end of the
    sentence), ``sentence`` (an index into ``sentence_doc`` and ``sentence_id``) and ``token``
    (its index among the sentence's tokens, punctuation included); per sentence, its document,
    its id in the document and its ``size`` in tokens. ``vocab`` holds
    punctuation keys too; no entry of ``syllable`` points to them.
    """

    vocab: tuple[str, ...]
    syllable: np.ndarray
    end: np.ndarray
    sentence: np.ndarray
    token: np.ndarray
    sentence_doc: np.ndarray
    sentence_id: np.ndarray
    size: np.ndarray

    @classmethod
    def of(cls, docs: Sequence[Syllabified], *, batch: int = 1000) -> Runs:
        """Read the keys of ``docs``, ``batch`` documents at a time (no key is kept per position)."""
        ids: dict[str, int] = {}
        stream, lengths, sentence_doc, sentence_id = [], [], [], []
        for start in range(0, len(docs), batch):
            keys: list[str] = []
            for d in range(start, min(start + batch, len(docs))):
                for sid, sentence in docs[d].iter_sentences():
                    keys += sentence
                    lengths.append(len(sentence))
                    sentence_doc.append(d)
                    sentence_id.append(sid)
            codes, distinct = pd.factorize(np.array(keys, dtype=object))
            known = np.fromiter((ids.setdefault(k, len(ids)) for k in distinct), np.int32, len(distinct))
            stream.append(known[codes])
        vocab = tuple(ids)
        stream = np.concatenate(stream) if stream else np.zeros(0, np.int32)
        lengths = np.asarray(lengths, np.int32)  # 32-bit throughout: these arrays are as long as the corpus
        is_syllable = np.fromiter((k[:1].isalnum() for k in vocab), bool, len(vocab))
        where = np.flatnonzero(is_syllable[stream]).astype(np.int32)
        sentence = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)[where]
        token = where - (np.cumsum(lengths, dtype=np.int32) - lengths)[sentence]
        starts = np.ones(len(where), bool)  # a run starts after punctuation or in a new sentence
        starts[1:] = (np.diff(where) != 1) | (np.diff(sentence) != 0)
        first = np.flatnonzero(starts).astype(np.int32)
        end = np.append(first[1:], np.int32(len(where)))[np.cumsum(starts, dtype=np.int32) - 1]
        return cls(
            vocab,
            stream[where],
            end,
            sentence,
            token,
            np.asarray(sentence_doc, np.int32),
            np.asarray(sentence_id, np.int64),
            lengths,
        )

    def __len__(self) -> int:
        return len(self.syllable)

    def doc(self, positions: np.ndarray) -> np.ndarray:
        """The document index of each position."""
        return self.sentence_doc[self.sentence[positions]]


@dataclass
class Level:
    """The sequences of ``n`` syllables counted, each an id ``0 .. len(key) - 1``.

    ``key`` (sorted) is ``prefix * width + last`` for each sequence, ``prefix`` the id of its
    first ``n - 1`` syllables at the level below (0 at level 1) and ``last`` its last syllable;
    ``count`` its occurrences; ``suffix`` the id at the level below of its last ``n - 1``
    syllables (-1 where that level did not count them; 0 at level 1); ``first`` its first
    syllable; ``at`` the id of the sequence starting at each position of the runs (-1 where
    none is counted), until :func:`levels` drops it.
    """

    n: int
    width: int
    key: np.ndarray
    count: np.ndarray
    suffix: np.ndarray
    first: np.ndarray
    at: np.ndarray | None

    @property
    def prefix(self) -> np.ndarray:
        return self.key // self.width

    @property
    def last(self) -> np.ndarray:
        return self.key % self.width

    def words(self, below: Sequence[Level], vocab: Sequence[str], ids: np.ndarray) -> list[tuple[str, ...]]:
        """The syllables of the sequences ``ids``; ``below`` are the levels 1 to ``n - 1``."""
        out = [[vocab[i]] for i in self.last[ids]]
        prefix = self.prefix[ids]
        for level in reversed(below[1:]):
            for words, i in zip(out, level.last[prefix]):
                words.append(vocab[i])
            prefix = level.prefix[prefix]
        if self.n > 1:
            for words, i in zip(out, prefix):
                words.append(vocab[i])
        return [tuple(reversed(words)) for words in out]

    def widest(self, above: Level | None) -> np.ndarray:
        """For each sequence, the largest count of a counted one-syllable extension, left or right."""
        widest = np.zeros(len(self.key), np.int64)
        if above is not None:
            np.maximum.at(widest, above.prefix, above.count)
            known = above.suffix >= 0
            np.maximum.at(widest, above.suffix[known], above.count[known])
        return widest


def levels(runs: Runs, *, max_n: int, min_count: int) -> Iterator[Level]:
    """The levels 1 to ``max_n``; from 3 on, a sequence is counted only where its prefix occurs
    ``min_count`` times or more. A level's positions (``at``) are dropped once the next but
    one is counted: read them before asking for it."""
    width = len(runs.vocab) or 1
    counts = np.bincount(runs.syllable, minlength=width).astype(np.int64)
    first = np.arange(width, dtype=np.int64)
    level = Level(1, width, first, counts, np.zeros(width, np.int64), first, runs.syllable)
    below = None
    for n in range(2, max_n + 1):
        yield level
        if below is not None:
            below.at = None
        below, level = level, _extend(level, runs, n, min_count)
    yield level


def _extend(below: Level, runs: Runs, n: int, min_count: int) -> Level:
    """Level ``n`` from level ``n - 1``: the sequences of ``n`` syllables inside a run whose prefix
    is counted (and, from ``n = 3``, occurs ``min_count`` times or more)."""
    positions = np.arange(len(runs))
    where = np.flatnonzero((positions + n - 1 < runs.end) & (below.at >= 0))
    if n > 2:
        where = where[below.count[below.at[where]] >= min_count]
    keys = below.at[where].astype(np.int64) * below.width + runs.syllable[where + n - 1]
    key, inverse, count = np.unique(keys, return_inverse=True, return_counts=True)
    at = np.full(len(runs), -1, np.int32)  # ids below the number of positions
    at[where] = inverse
    prefix, last = key // below.width, key % below.width
    return Level(n, below.width, key, count.astype(np.int64), _suffix(below, prefix, last), below.first[prefix], at)


def _suffix(below: Level, prefix: np.ndarray, last: np.ndarray) -> np.ndarray:
    """The id at ``below``'s level of each sequence without its first syllable (-1: not counted)."""
    if below.n == 1:
        return last
    inner = below.suffix[prefix]
    wanted = inner * below.width + last
    found = np.searchsorted(below.key, wanted)
    known = (inner >= 0) & (found < len(below.key))
    known[known] = below.key[found[known]] == wanted[known]
    return np.where(known, found, -1)


class DictionaryPairs:
    """Which pairs of syllables, one after the other in a run, make a dictionary word."""

    def __init__(self, runs: Runs, words: frozenset[str]):
        ids = {k: i for i, k in enumerate(runs.vocab)}
        pairs = (w.split(" ") for w in words)
        self.runs = runs
        self.keys = np.unique(
            np.asarray(
                [ids[a] * len(ids) + ids[b] for a, b, *more in pairs if not more and a in ids and b in ids], np.int64
            )
        )

    def at(self, positions: np.ndarray) -> np.ndarray:
        """For each of ``positions``, whether its syllable and the next one, in the same run, make a
        dictionary word (false for a position out of the runs, such as -1)."""
        runs, width = self.runs, len(self.runs.vocab)
        inside = (positions >= 0) & (positions + 1 < runs.end[np.maximum(positions, 0)])
        here = positions[inside]
        keys = runs.syllable[here].astype(np.int64) * width + runs.syllable[here + 1]
        found = np.minimum(np.searchsorted(self.keys, keys), max(len(self.keys) - 1, 0))
        out = np.zeros(len(positions), bool)
        out[inside] = self.keys[found] == keys if len(self.keys) else False
        return out


def capitals(
    runs: Runs, docs: Sequence[Syllabified], positions: np.ndarray, known: dict[int, list[bool]]
) -> np.ndarray:
    """Whether the syllable at each of ``positions`` starts with a capital, read from the documents'
    text for the sentences of ``positions`` only; ``known`` keeps the sentences read (sentence
    index: a flag per token) for the next call."""
    spans: dict[int, object] = {}
    for s in map(int, np.unique(runs.sentence[positions])):
        if s in known:
            continue
        d = int(runs.sentence_doc[s])
        if d not in spans:  # sentences come in document order: one document's spans at a time
            spans = {d: {x.index: x for x in docs[d].document.sentences}}
        known[s] = _sentence_capitals(docs[d].document.text, spans[d][int(runs.sentence_id[s])], int(runs.size[s]))
    return np.fromiter(
        (known[s][t] for s, t in zip(runs.sentence[positions].tolist(), runs.token[positions].tolist())),
        bool,
        len(positions),
    )


def _sentence_capitals(text: str, sentence, size: int) -> list[bool]:
    """Whether each of the ``size`` tokens of ``sentence`` starts with a capital (all false when the
    tokens of the text do not line up with the sentence's keys)."""
    found = token_strings(text, sentence.start, sentence.end)
    return [t[0].isupper() for t in found] if len(found) == size else [False] * size


def distinct_pairs(first: np.ndarray, values: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``(first, value)`` pairs, sorted, as two arrays (``values`` below ``width``)."""
    pairs = np.unique(first.astype(np.int64) * width + values)
    return pairs // width, pairs % width
