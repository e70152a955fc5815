"""A corpus read once and tokenised on demand: what the command line, figures and notebooks share."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import config
from .cache import TokenCache
from .corpus import Corpus, read_corpus
from .outputs import check_outside
from .parallel import Cluster

if TYPE_CHECKING:  # pyvi's models load only for work that needs words
    from .tokenise import TokenisedDocument

__all__ = ["Session"]


class Session:
    """The corpus and its tokens, computed at most once per session.

    Parameters
    ----------
    corpus : path
        Folder or table to read (default: the project's ``seeds/``).
    encoding, skip_bad
        As in :func:`~analysis.corpus.read_corpus`.
    cache_dir : path or None
        Token cache folder (default :func:`analysis.config.cache_dir`); None for no cache.
    jobs : int, optional
        Worker processes for the per-document work (at most the cores).
    scheduler : str, optional
        Run the per-document work on a Dask cluster instead: a scheduler's address
        (``tcp://host:8786``) or ``local`` for a cluster on this machine (default:
        ``$ANALYSIS_SCHEDULER``, else local processes). The results are the same.
    keep_captions : bool
        Keep photo captions in every count, topic and stance.
    folded : bool
        Keep each document's folded form for phrase matching in memory (as
        :func:`~analysis.corpus.read_corpus`); False saves memory for work without phrases.
    dedup : bool
        Analyse one document per cluster of near-duplicates, the earliest
        (:class:`~analysis.duplicates.NearDuplicates` at its default threshold);
        :attr:`full_corpus` keeps them all.

    >>> Session().corpus.documents[4].date.isoformat()
    '2024-10-09'
    """

    def __init__(self, corpus: str | Path = config.SEEDS, *, encoding: str | None = None, skip_bad: bool = False,
                 cache_dir: str | Path | None = "default", jobs: int | None = None, keep_captions: bool = False,
                 folded: bool = True, dedup: bool = False, scheduler: str | None = None):
        self.path = Path(corpus)
        self.cache_dir = config.cache_dir() if cache_dir == "default" else cache_dir
        if self.cache_dir is not None:
            for target in (Path(self.cache_dir), Path(self.cache_dir) / TokenCache.FILE):
                check_outside(target, self.path, what="the cache")
        self.scheduler = scheduler or os.environ.get("ANALYSIS_SCHEDULER") or None
        self.jobs = Cluster(self.scheduler, jobs) if self.scheduler else jobs
        self.keep_captions = keep_captions
        self.dedup = dedup
        self.full_corpus: Corpus = read_corpus(self.path, encoding=encoding, skip_bad=skip_bad,
                                               cache_dir=self.cache_dir, jobs=self.jobs, folded=folded)
        self.corpus: Corpus = self.full_corpus
        self._tokens: list[TokenisedDocument] | None = None
        self._tagged = False
        self._syllables = None
        self._memo: dict = {}
        if dedup:
            kept = [d for d, copy in zip(self.full_corpus, self.duplicates().is_copy_) if not copy]
            self.corpus = Corpus(self.full_corpus.root, tuple(kept), self.full_corpus.skipped)

    def duplicates(self):
        """The near-duplicates of the whole corpus (:attr:`full_corpus`) at the default threshold, found once."""
        from .duplicates import NearDuplicates

        return self.memo("duplicates", lambda: NearDuplicates(cache_dir=self.cache_dir, jobs=self.jobs).fit(
            self.full_corpus))

    def tokenised(self, *, pos: bool = False) -> list[TokenisedDocument]:
        """pyvi words of every document (with part-of-speech tags if ``pos``), from the cache when it can."""
        if self._tokens is None or (pos and not self._tagged):
            from .tokenise import tokenise

            self._tokens = tokenise(list(self.corpus), jobs=self.jobs, cache_dir=self.cache_dir, pos=pos)
            self._tagged = pos
        return self._tokens

    def syllabified(self):
        """Folded syllables of every analysed sentence (no pyvi needed): what phrase matching reads."""
        from .phrases import syllabify

        if self._syllables is None:
            self._syllables = syllabify(self.corpus, keep_captions=self.keep_captions)
        return self._syllables

    def memo(self, key, compute):
        """``compute()`` once per session for ``key``: figures that share a fitted model fit it once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]
