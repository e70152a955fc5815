"""A corpus read once and tokenised on demand: what the command line, figures and notebooks share."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import unicodedata
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from . import config
from .errors import ParameterError, ParameterTypeError
from .reading.corpus import Corpus, read_corpus
from .reading.layout import Document
from .runtime.cache import TokenCache
from .runtime.outputs import check_outside
from .runtime.parallel import Cluster
from .runtime.store import cluster_store

if TYPE_CHECKING:  # pyvi's models load only for work that needs words
    from .text.tokenise import TokenisedDocument

__all__ = ["Session", "SelectionError", "select"]


class Session:
    """The corpus and its tokens, computed at most once per session.

    Parameters
    ----------
    corpus : path
        Folder or table to read (default: the project's ``seeds/``).
    encoding, skip_bad
        As in :func:`~analysis.reading.corpus.read_corpus`.
    cache_dir : path or None
        Token cache folder (default :func:`analysis.config.cache_dir`); None for no cache.
    jobs : int, optional
        Worker processes for the per-document work (at most the cores).
    scheduler : str, optional
        Run the per-document work on a Dask cluster instead: a scheduler's address
        (``tcp://host:8786``) or ``local`` for a cluster on this machine (default:
        ``$ANALYSIS_SCHEDULER``, else local processes). The results are the same.
    store : str, optional
        Where the cluster keeps the per-document results (Parquet), shared by the client and the
        workers: a folder or an fsspec URL (default: ``$ANALYSIS_STORE``, else
        ``<cache_dir>/store``). Only with a ``scheduler`` and a cache.
    keep_captions : bool
        Keep photo captions in every count, topic and stance.
    folded : bool
        Keep each document's folded form for phrase matching in memory (as
        :func:`~analysis.reading.corpus.read_corpus`); False saves memory for work without phrases.
    dedup : bool
        Analyse one document per cluster of near-duplicates, the earliest
        (:class:`~analysis.copies.duplicates.NearDuplicates` at its default threshold), among the
        selected documents; :attr:`full_corpus` keeps them all (every selected document).
    date_from, date_to : date or str, optional
        Analyse only documents dated within this range, both ends included (``YYYY-MM-DD``,
        or ``YYYY-MM`` / ``YYYY`` for the first or last day of that month or year). Undated
        documents are left out when either is given, with a warning saying how many.
    where : dict, optional
        Analyse only documents whose column has the value (``{"source": "TPO"}``): ``source``,
        ``title``, ``date_source``, ``doc_id`` or any ``metadata.csv`` (or table) column; a list
        of values accepts any of them. Values are compared as written (NFC, spaces trimmed).

    The selection is made before near-duplicates are looked for, so ``dedup`` keeps the
    earliest copy *within* the selection. :attr:`selection` records it (for the figures'
    manifest).

    Attributes
    ----------
    corpus : Corpus
        The documents analysed (selected, and without copies with ``dedup``).
    full_corpus : Corpus
        Every selected document.
    selection : dict
        The date range and ``where`` conditions applied.

    Examples
    --------
    >>> Session().corpus.documents[4].date.isoformat()
    '2024-10-09'
    """

    def __init__(
        self,
        corpus: str | Path = config.SEEDS,
        *,
        encoding: str | None = None,
        skip_bad: bool = False,
        cache_dir: str | Path | None = "default",
        jobs: int | None = None,
        keep_captions: bool = False,
        folded: bool = True,
        dedup: bool = False,
        date_from: dt.date | str | None = None,
        date_to: dt.date | str | None = None,
        where: dict | None = None,
        scheduler: str | None = None,
        store: str | None = None,
    ):
        self.path = Path(corpus)
        self.cache_dir = config.cache_dir() if cache_dir == "default" else cache_dir
        if self.cache_dir is not None:
            for target in (Path(self.cache_dir), Path(self.cache_dir) / TokenCache.FILE):
                check_outside(target, self.path, what="the cache")
        self.scheduler = scheduler or os.environ.get("ANALYSIS_SCHEDULER") or None
        self.store = cluster_store(store, self.scheduler, self.path, cached=self.cache_dir is not None)
        self.jobs = Cluster(self.scheduler, jobs, self.store) if self.scheduler else jobs
        self.keep_captions = keep_captions
        self.dedup = dedup
        low, high = _bound(date_from, "date_from", last=False), _bound(date_to, "date_to", last=True)
        if low and high and low > high:
            raise SelectionError("date_from", f"{low} is after the end of the range ({high})")
        where = _conditions(where)
        self.selection = {
            k: v
            for k, v in (
                ("date_from", low and low.isoformat()),
                ("date_to", high and high.isoformat()),
                ("where", where),
            )
            if v
        }
        corpus = read_corpus(
            self.path, encoding=encoding, skip_bad=skip_bad, cache_dir=self.cache_dir, jobs=self.jobs, folded=folded
        )
        self.full_corpus: Corpus = (
            select(corpus, date_from=low, date_to=high, where=where) if self.selection else corpus
        )
        self.corpus: Corpus = self.full_corpus
        self._tokens: list[TokenisedDocument] | None = None
        self._tagged = False
        self._syllables = None
        self._memo: dict = {}
        self._started: dict = {}
        if dedup:
            kept = [d for d, copy in zip(self.full_corpus, self.duplicates().is_copy_) if not copy]
            self.corpus = Corpus(self.full_corpus.root, tuple(kept), self.full_corpus.skipped)

    def duplicates(self):
        """The near-duplicates of the selected documents (:attr:`full_corpus`) at the default threshold, found once."""
        from .copies.duplicates import NearDuplicates

        return self.memo(
            "duplicates", lambda: NearDuplicates(cache_dir=self.cache_dir, jobs=self.jobs).fit(self.full_corpus)
        )

    def tokenised(self, *, pos: bool = False) -> list[TokenisedDocument]:
        """pyvi words of every document (with part-of-speech tags if ``pos``), from the cache when it can."""
        if self._tokens is None or (pos and not self._tagged):
            from .text.tokenise import tokenise

            self._tokens = tokenise(list(self.corpus), jobs=self.jobs, cache_dir=self.cache_dir, pos=pos)
            self._tagged = pos
        return self._tokens

    def syllabified(self):
        """Folded syllables of every analysed sentence (no pyvi needed): what phrase matching reads."""
        from .text.syllables import syllabify

        if self._syllables is None:
            self._syllables = syllabify(self.corpus, keep_captions=self.keep_captions)
        return self._syllables

    def memo(self, key, compute):
        """``compute()`` once per session for ``key``: figures that share a fitted model fit it once.
        A value started with :meth:`start` is collected instead."""
        if key not in self._memo:
            started = self._started.pop(key, None)
            self._memo[key] = compute() if started is None else started.result()
        return self._memo[key]

    def start(self, key, start) -> None:
        """Start the value of ``memo(key, ...)`` now: ``start()`` hands work to worker processes and
        returns a :class:`~analysis.runtime.parallel.Later`, collected when the value is asked for.
        Meanwhile this process goes on (the figures start choosing k, then draw the others)."""
        if key not in self._memo and key not in self._started:
            self._started[key] = start()

    def cancel_started(self) -> None:
        """Stop the work of values started and not collected (on an error or Ctrl-C)."""
        while self._started:
            self._started.popitem()[1].cancel()


class SelectionError(ParameterError):
    """A selection option that cannot be used: ``where`` is the Python parameter (``date_from``)."""


def _bound(value: dt.date | str | None, name: str, *, last: bool) -> dt.date | None:
    """``value`` as a date: ``YYYY-MM-DD``, or the first (``last``: last) day of ``YYYY-MM`` or ``YYYY``."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 4 and text.isdigit():
            return dt.date(int(text), 12, 31) if last else dt.date(int(text), 1, 1)
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
            year, month = int(text[:4]), int(text[5:])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        if len(text) != 10:  # fromisoformat would take 20240205 too
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SelectionError(name, f"expected a date YYYY-MM-DD (or YYYY-MM, YYYY), not {text!r}") from None


def _conditions(where: dict | None) -> dict[str, list[str]]:
    """``where`` with every value a sorted list of trimmed NFC strings."""
    out = {}
    for column, values in (where or {}).items():
        values = [values] if isinstance(values, str) else list(values)
        if not str(column).strip() or not values:
            raise SelectionError("where", f"expected COLUMN=VALUE, not {column!r} with {values!r}")
        out[str(column).strip()] = sorted({_clean(v) for v in values})
    return out


def _clean(value) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def _value(doc: Document, column: str) -> str | None:
    if column in ("source", "title", "doc_id", "date_source"):
        return getattr(doc, column)
    if column == "date":
        return doc.date.isoformat() if doc.date else ""
    value = doc.meta.get(column)
    return None if value is None else _clean(value.isoformat() if isinstance(value, dt.date) else value)


def select(
    corpus: Corpus,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    where: dict[str, list[str]] | None = None,
) -> Corpus:
    """The documents of ``corpus`` within the date range and matching every ``where`` column
    (any of its values), as in :class:`Session`; :class:`SelectionError` for a column no
    document has, or when nothing is left."""
    docs = list(corpus)
    for column, values in (where or {}).items():
        found = [_value(d, column) for d in docs]
        if all(v is None for v in found) and docs:
            known = sorted({"source", "title", "doc_id", "date", "date_source", *(k for d in corpus for k in d.meta)})
            raise SelectionError("where", f"no column {column!r} (known: {', '.join(known)})")
        docs = [d for d, v in zip(docs, found) if v in values]
    if date_from or date_to:
        undated = sum(d.date is None for d in docs)
        if undated:
            warnings.warn(
                f"{undated} undated document{'s' if undated > 1 else ''} left out by the date range", stacklevel=3
            )
        docs = [
            d for d in docs if d.date and (not date_from or d.date >= date_from) and (not date_to or d.date <= date_to)
        ]
    if not docs:
        raise SelectionError("selection", f"no document of the {len(corpus)} read is selected")
    return Corpus(corpus.root, tuple(docs), corpus.skipped)


# --- The views an analysis takes from what it is given ----------------------------------------
# Every analysis accepts a Session (or the corpus it holds) and takes the view it needs from it
# here, so that captions, tags and caching are decided once, by the session.


def documents_of(source, name: str = "corpus") -> list[Document]:
    """The documents of a :class:`Session`, a :class:`~analysis.reading.corpus.Corpus` or a list of documents."""
    if isinstance(source, Session):
        return list(source.corpus)
    if isinstance(source, Corpus):
        return list(source)
    if isinstance(source, list | tuple) and all(isinstance(d, Document) for d in source):
        return list(source)
    raise _wrong(name, source, "a Session, a Corpus or a list of Documents")


def syllabified_of(source, name: str = "corpus") -> list:
    """Folded syllables of every analysed sentence (what phrase matching reads) of a :class:`Session`,
    a corpus or documents (captions left out), or such a list itself."""
    from .text.syllables import Syllabified, syllabify

    if isinstance(source, Session):
        return source.syllabified()
    if isinstance(source, list | tuple) and source and all(isinstance(d, Syllabified) for d in source):
        return list(source)
    return syllabify(documents_of(source, name), keep_captions=False)


def tokenised_of(source, name: str = "corpus", *, pos: bool = False) -> list[TokenisedDocument]:
    """pyvi words (tagged if ``pos``) of a :class:`Session`'s documents, from its cache."""
    if isinstance(source, Session):
        return source.tokenised(pos=pos)
    from .text.tokenise import tokenise

    return tokenise(documents_of(source, name), cache_dir=config.cache_dir(), pos=pos)


def captions_kept(source) -> bool:
    """Whether an analysis of ``source`` counts photo captions: the session's choice, else no."""
    return bool(getattr(source, "keep_captions", False))


def _wrong(name: str, value, expected: str) -> TypeError:
    return ParameterTypeError(name, f"expected {expected}, not {type(value).__name__}")
