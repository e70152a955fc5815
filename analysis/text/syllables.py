"""Folded syllables of a document's analysed sentences: the text that phrases are matched on.

No pyvi: the keys come with each document's layout (:meth:`~analysis.reading.layout.Document.folding`).
Titles and headings count; captions only with ``keep_captions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..reading.corpus import Corpus
from ..reading.layout import Document
from .vietnamese import SENTENCE_SEP, wrapped_keys
from .vietnamese import SEP as _SEP

__all__ = ["Syllabified", "syllabify"]


@dataclass(frozen=True)
class Syllabified:
    r"""One document's analysed sentences as folded token keys (syllables and punctuation).

    ``wrapped`` holds them all as ``\x1fkey\x1f\x1fkey\x1f``, sentences apart (``\x1e``):
    each key between its own separators, so a phrase is counted with ``str.count`` and
    adjacent matches share no character.
    """

    document: Document
    ids: tuple[int, ...]
    wrapped: str
    n_syllables: int

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    @property
    def date(self) -> str:
        return self.document.date.isoformat() if self.document.date else ""

    @cached_property
    def sentences(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """``(sentence_id, keys)`` of each analysed sentence."""
        return tuple(self.iter_sentences())

    def iter_sentences(self):
        """``(sentence_id, keys)`` of each analysed sentence, read afresh and kept nowhere (for one
        pass over a large corpus, where :attr:`sentences` would keep every key of every document)."""
        parts = self.wrapped.split(SENTENCE_SEP) if self.ids else []
        for i, p in zip(self.ids, parts):
            yield i, tuple(p[1:-1].split(_SEP + _SEP)) if p else ()

    @cached_property
    def n_tokens(self) -> int:
        return sum(len(keys) for _, keys in self.sentences)

    @cached_property
    def joined(self) -> tuple[str, ...]:
        r"""Each sentence as ``\x1fkey\x1fkey\x1f``: a phrase is then a substring."""
        return tuple(_SEP + _SEP.join(keys) + _SEP for _, keys in self.sentences)


def syllabify(corpus: Corpus | list[Document], *, keep_captions: bool = False) -> list[Syllabified]:
    """The folded keys of every analysed sentence of every document (no pyvi): what phrases are matched on."""
    out = []
    for doc in corpus:
        analysed, folded = doc.analysed(keep_captions=keep_captions), doc.folding()
        if len(analysed) == len(doc.sentences):
            wrapped, n = folded.keys, folded.n_syllables
        else:  # captions left out
            parts, kept = folded.keys.split(SENTENCE_SEP), {s.index for s in analysed}
            wrapped = SENTENCE_SEP.join([parts[i] for i in sorted(kept)])
            left_out = [doc.sentence_text(s) for s in doc.sentences if s.index not in kept]
            n = folded.n_syllables - sum(wrapped_keys(text)[1] for text in left_out)
        out.append(Syllabified(doc, tuple(s.index for s in analysed), wrapped, n))
    return out
