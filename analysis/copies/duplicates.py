"""Near-duplicate articles: one story syndicated by several outlets, lightly edited.

Each document is compared on what syndication keeps: the folded syllables
(:func:`~analysis.text.vietnamese.token_keys`: NFC, case, tone placement) of its body
and headings, without its title, photo captions, bylines and source lines (left
out by :mod:`~analysis.reading.layout`), short asides in parentheses such as
``(Theo TTXVN)`` and credit lines such as ``Theo VNA`` or ``TTXVN``. Those
syllables are cut into overlapping shingles of :data:`SHINGLE` syllables, and
each document gets a MinHash signature of its shingle set (``datasketch``,
:data:`NUM_PERM` permutations, a fixed seed). Locality-sensitive hashing
(``datasketch.MinHashLSH``) proposes candidate pairs; a pair is kept when the
exact Jaccard similarity of the two shingle sets reaches the threshold, so that
LSH's false candidates are dropped. Clusters are the connected components of the
kept pairs; a cluster's first document is the earliest by date, then the smallest
``doc_id`` (undated documents after dated ones).

Signatures and shingle sets are cached beside the layouts (:class:`~analysis.runtime.cache.TokenCache`),
keyed by a hash of the text, the parameters and the code, so a second run computes none.

The default threshold, 0.3, was chosen on VNTC (``benchmarks/bench_duplicates.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import partial
from importlib import metadata
from typing import TYPE_CHECKING

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from .. import config
from ..errors import ParameterTypeError, check_parameter, whole
from ..reading.layout import Document
from ..runtime.cache import TokenCache, code_version
from ..runtime.parallel import Cluster, parallel_imap
from ..runtime.store import PartitionStore, partitions, store_dir
from ..text.vietnamese import is_upper_text, token_keys

if TYPE_CHECKING:  # pandas loads only for the table: --dedup keeps ``phrases --csv`` without it
    import pandas as pd

__all__ = [
    "NearDuplicates",
    "Sketches",
    "compared_syllables",
    "shingles",
    "DEFAULT_THRESHOLD",
    "NUM_PERM",
    "SHINGLE",
    "DUPLICATE_COLUMNS",
]

#: The smallest Jaccard similarity of two shingle sets for a pair of copies (see the module docstring).
DEFAULT_THRESHOLD = config.DUPLICATE_THRESHOLD
#: Permutations of a MinHash signature.
NUM_PERM = 128
#: Syllables per shingle.
SHINGLE = 5
#: The seed of the MinHash permutations.
SEED = 1
#: The columns of the contract's ``duplicates`` table.
DUPLICATE_COLUMNS = ["cluster_id", "doc_id", "date", "source", "similarity"]

_COMPARED = ("body", "heading")
_CREDIT_OPENERS = ("theo", "nguồn")
_MAX_ASIDE = 8  # keys between parentheses, at most, for an aside such as "(Theo Báo Tin tức/TTXVN)"
_MAX_CREDIT = 8  # syllables of a credit line ("Theo TTXVN", "Nguồn: VGP")
_SCHEME = "affine32"
_TABLES = ("signatures_v1", "shingles_v1")  # in the token cache


def _without_asides(keys: list[str]) -> list[str]:
    """``keys`` without short groups in parentheses (``( theo ttxvn )``): credits that copies add."""
    out: list[str] = []
    opened = None
    for key in keys:
        if key == "(":
            opened = len(out)
        elif key == ")" and opened is not None and len(out) - opened <= _MAX_ASIDE + 1:
            del out[opened:]
            opened = None
            continue
        out.append(key)
    return out


def _is_credit(text: str, syllables: list[str]) -> bool:
    """A sentence that credits an agency or author (``Theo TTXVN``, ``TTXVN``, ``THANH HÀ``)."""
    if len(syllables) > _MAX_CREDIT:
        return False
    return syllables[0] in _CREDIT_OPENERS or (len(syllables) <= 4 and is_upper_text(text))


def compared_syllables(doc: Document) -> list[str]:
    """The folded syllables a document is compared on: body and headings, without credits.

    >>> from analysis.reading.layout import parse_document
    >>> doc = parse_document("a", "Tiêu đề\\n\\nHai bên hợp tác (Theo TTXVN).\\n\\nTheo VNA")
    >>> compared_syllables(doc)
    ['hai', 'bên', 'hợp', 'tác']
    """
    out: list[str] = []
    for sentence in doc.sentences:
        if sentence.kind not in _COMPARED:
            continue
        text = doc.sentence_text(sentence)
        syllables = [key for key in _without_asides(token_keys(text)) if key[:1].isalnum()]
        if syllables and not _is_credit(text, syllables):
            out += syllables
    return out


def shingles(syllables: list[str], size: int = SHINGLE) -> list[str]:
    """Overlapping runs of ``size`` syllables (a shorter text is one shingle).

    >>> shingles(["a", "b", "c", "d"], 3)
    ['a b c', 'b c d']
    """
    if len(syllables) < size:
        return [" ".join(syllables)] if syllables else []
    return [" ".join(syllables[i : i + size]) for i in range(len(syllables) - size + 1)]


_PERMUTATIONS: dict[tuple[int, int], np.ndarray] = {}


def _permutations(num_perm: int, seed: int) -> np.ndarray:
    """The permutations of datasketch's MinHash for ``(num_perm, seed)``, made once per process."""
    from datasketch import MinHash

    if (num_perm, seed) not in _PERMUTATIONS:
        _PERMUTATIONS[num_perm, seed] = MinHash(num_perm=num_perm, seed=seed, scheme=_SCHEME).permutations
    return _PERMUTATIONS[num_perm, seed]


def sketch(doc: Document, *, shingle: int, num_perm: int, seed: int) -> tuple[bytes, bytes]:
    """A document's MinHash signature and sorted shingle hashes (little-endian uint32; empty for no text)."""
    from datasketch import MinHash
    from datasketch.hashfunc import sha1_hash32

    hashes = np.unique(
        np.array([sha1_hash32(s.encode("utf-8")) for s in shingles(compared_syllables(doc), shingle)], dtype=np.uint32)
    )
    if not hashes.size:
        return b"", b""
    minhash = MinHash(
        num_perm=num_perm, seed=seed, hashfunc=int, permutations=_permutations(num_perm, seed), scheme=_SCHEME
    )
    minhash.update_batch(hashes)  # already hashed: ``int`` only passes them on
    return minhash.hashvalues.astype("<u4").tobytes(), hashes.astype("<u4").tobytes()


def _version() -> str:
    return code_version(
        "text.vietnamese",
        "reading.sentences",
        "reading.layout",
        "reading.dates",
        "copies.duplicates",
        extra=f"datasketch {metadata.version('datasketch')}",
    )


def _documents(corpus) -> tuple[Document, ...]:
    """The documents of a session (its ``corpus``), of a corpus, or a list of them."""
    documents = tuple(getattr(corpus, "corpus", corpus))
    if not all(isinstance(d, Document) for d in documents):
        raise ParameterTypeError("corpus", "expected a Session, a Corpus or a list of Documents")
    return documents


class Sketches:
    """MinHash signatures and shingle sets of documents, from the cache where it has them.

    Missing ones are computed over ``jobs`` processes (from ``min_items`` documents on) and
    stored: signatures in the cache's ``signatures_v1`` table, shingle hashes (little-endian
    uint32, sorted) in ``shingles_v1``. Shingle sets are read only for the documents asked for.
    With a :class:`~analysis.runtime.parallel.Cluster` as ``jobs``, the cluster's workers read and
    write both in the store's ``signatures`` table instead (:func:`stored_signatures`), a
    partition of documents at a time, and only the signatures and the shingle sets asked for come
    back.
    """

    def __init__(
        self,
        documents: list[Document],
        *,
        shingle: int = SHINGLE,
        num_perm: int = NUM_PERM,
        seed: int = SEED,
        cache_dir=None,
        jobs: int | None = 1,
        min_items: int = 200,
    ):
        self.documents = documents
        self.jobs, self.min_items = jobs, min_items
        self._work = partial(sketch, shingle=shingle, num_perm=num_perm, seed=seed)
        on_cluster = isinstance(jobs, Cluster) and cache_dir is not None
        self._store = TokenCache(cache_dir) if cache_dir is not None and not on_cluster else None
        prefix = f"{_version()}\0{shingle},{num_perm},{seed}\0"
        keyed = cache_dir is not None
        self._keys = [hashlib.sha256((prefix + d.text).encode()).hexdigest() for d in documents] if keyed else []
        self._made: dict[int, bytes] = {}  # shingle sets computed in this run
        self._table = None
        if on_cluster:
            version = hashlib.sha256(prefix.encode()).hexdigest()[:16]
            self._table = PartitionStore(store_dir(cache_dir, jobs), "signatures", version)
            self._parts = list(partitions([d.doc_id for d in documents]))

    def signatures(self) -> list[bytes]:
        """The signature of every document (``b""`` for a document with no text to compare)."""
        return self._get(0, list(range(len(self.documents))))

    def shingle_sets(self, indices) -> dict[int, bytes]:
        """The shingle hashes of the documents at ``indices``."""
        indices = sorted(set(indices))
        return dict(zip(indices, self._get(1, indices)))

    def _get(self, part: int, indices: list[int]) -> list[bytes]:
        if self._table is not None:
            return self._get_stored(part, indices)
        keys = [self._keys[i] for i in indices] if self._store else []
        found = dict(self._store.blobs(_TABLES[part], keys)) if self._store else {}
        out = [self._made.get(i) if part else None for i in indices]
        out = [x if x is not None else found.get(key) for x, key in zip(out, keys)] if self._store else out
        todo = [k for k, x in enumerate(out) if x is None]
        fresh = {}
        for k, record in zip(
            todo,
            parallel_imap(
                self._work,
                [self.documents[indices[k]] for k in todo],
                jobs=self.jobs,
                desc="sketching",
                min_items=self.min_items,
                max_chunk=64,
            ),
        ):
            out[k], self._made[indices[k]], fresh[indices[k]] = record[part], record[1], record
        for t, table in enumerate(_TABLES if self._store and fresh else ()):
            self._store.put_blobs(table, [(self._keys[i], record[t]) for i, record in fresh.items()])
        return out

    def _get_stored(self, part: int, indices: list[int]) -> list[bytes]:
        """:meth:`_get` on the cluster, through the store (:func:`stored_signatures`); ``indices`` in
        ascending order (as :meth:`signatures` and :meth:`shingle_sets` give them), which the
        partitions' results come back in. The partitions the store holds are read here; only those
        it lacks go to the workers, with their documents (the texts of all of VNTC made tasks of
        140 MB on every run)."""
        wanted = set(indices)
        found, jobs = {}, []
        for p, run in enumerate(self._parts):
            asked = [i - run.start for i in run if i in wanted]
            if asked:
                keys = [(self.documents[i].doc_id, self._keys[i]) for i in run]
                found[p] = _stored(self._table, keys, part, asked)
                if found[p] is None:
                    docs = [self.documents[i] for i in run]
                    jobs.append((p, (docs, keys, asked, part, self._table, self._work)))
        made = parallel_imap(
            stored_signatures, [job for _, job in jobs], jobs=self.jobs, desc="sketching", unit="part", cluster_batch=1
        )
        found.update(zip((p for p, _ in jobs), made))
        return [record for p in sorted(found) for record in found[p]]  # the partitions are in order

    def close(self) -> None:
        if self._store:
            self._store.close()


def _stored(table, keys: list[tuple[str, str]], part: int, asked: list[int]) -> list[bytes] | None:
    """The stored signatures (``part`` 0) or shingle hashes (``part`` 1) of the documents at ``asked``
    in the partition of ``keys``, or None if the store does not hold it whole."""
    column = ("signature", "shingles")[part]
    found = table.load(keys, columns=[column])
    if found is None or len(found) != len(keys):
        return None
    values = found[column].tolist()
    return [values[i] for i in asked]


def stored_signatures(job: tuple) -> list[bytes]:
    """The signatures (``part`` 0) or shingle hashes (``part`` 1) of the documents at ``asked`` in a
    partition of documents: from the store's ``signatures`` table (columns ``key, doc_id, signature,
    shingles``) when it holds the partition, else made for the whole partition and stored."""
    docs, keys, asked, part, table, work = job
    found = _stored(table, keys, part, asked)  # another worker, or a run alongside, may have made it
    if found is not None:
        return found
    import pandas as pd

    records = [work(doc) for doc in docs]
    frame = {
        "key": [key for _, key in keys],
        "doc_id": [doc_id for doc_id, _ in keys],
        "signature": [r[0] for r in records],
        "shingles": [r[1] for r in records],
    }
    table.save(keys, pd.DataFrame(frame))
    return [records[i][part] for i in asked]


def _order(doc: Document) -> tuple:
    """Earliest first: by date, undated after dated, then by ``doc_id``."""
    return doc.date is None, doc.date or dt.date.min, doc.doc_id


def _components(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components (of more than one item) of the graph of ``pairs`` on ``range(n)``."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in sorted({i for pair in pairs for i in pair}):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


class NearDuplicates(BaseEstimator):
    """Clusters of near-duplicate documents (MinHash and LSH over shingles of folded syllables).

    Parameters
    ----------
    threshold : float
        Smallest Jaccard similarity of two documents' shingle sets for them to be copies,
        0 < threshold <= 1.
    num_perm : int
        Permutations of each MinHash signature.
    shingle : int
        Syllables per shingle.
    random_state : int
        Seed of the MinHash permutations.
    cache_dir : path, optional
        Token cache folder holding the signatures; None computes them afresh.
    jobs : int, optional
        Worker processes for computing signatures (None: all cores).

    Attributes
    ----------
    documents_ : tuple of Document
        The documents fitted, in the order given.
    pairs_ : list of (int, int, float)
        Every verified pair ``(i, j, jaccard)``, ``i < j``, exact Jaccard of the shingle sets.
    clusters_ : list of list of int
        Indices of each cluster's documents, the first document first; clusters in the
        order of their first documents.
    candidates_ : int
        How many candidate pairs LSH proposed.

    Examples
    --------
    >>> from analysis.session import Session
    >>> NearDuplicates(cache_dir=None).fit(Session(cache_dir=None).corpus).clusters_
    []
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = NUM_PERM,
        shingle: int = SHINGLE,
        random_state: int = SEED,
        cache_dir=None,
        jobs: int | None = 1,
    ):
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.random_state = random_state
        self.cache_dir = cache_dir
        self.jobs = jobs

    def _check(self) -> None:
        threshold = self.threshold
        number = isinstance(threshold, int | float) and not isinstance(threshold, bool)
        check_parameter("threshold", threshold, number and 0 < threshold <= 1, "a number with 0 < threshold <= 1")
        check_parameter("num_perm", self.num_perm, whole(self.num_perm, 2), "a whole number of at least 2")
        check_parameter("shingle", self.shingle, whole(self.shingle, 1), "a whole number of at least 1")

    def fit(self, corpus) -> NearDuplicates:
        """Find the clusters of a :class:`~analysis.session.Session`'s documents (or a corpus's, or a
        list of documents); returns ``self``."""
        self._check()
        documents = _documents(corpus)
        found = Sketches(
            list(documents),
            shingle=self.shingle,
            num_perm=self.num_perm,
            seed=self.random_state,
            cache_dir=self.cache_dir,
            jobs=self.jobs,
        )
        try:
            return self.fit_sketches(documents, found.signatures(), found.shingle_sets)
        finally:
            found.close()

    def fit_sketches(self, documents, signatures: list[bytes], shingle_sets) -> NearDuplicates:
        """:meth:`fit` from the documents' signatures, made elsewhere (on a cluster's workers):
        ``documents`` need only ``doc_id``, ``date`` and ``source``; ``shingle_sets(indices)`` gives the
        shingle hashes of the documents at ``indices`` (a dict), asked for the candidate pairs only."""
        self._check()
        self.documents_ = tuple(documents)
        valid = [i for i, signature in enumerate(signatures) if signature]
        self._signatures = {i: np.frombuffer(signatures[i], dtype="<u4") for i in valid}
        candidates = self._candidates(valid)
        shingles = shingle_sets(sorted({i for pair in candidates for i in pair}))
        sets = {i: np.frombuffer(b, dtype="<u4") for i, b in shingles.items()}
        self.candidates_ = len(candidates)
        self.pairs_ = [(i, j, jac) for i, j in candidates if (jac := _jaccard(sets[i], sets[j])) >= self.threshold]
        components = _components(len(self.documents_), [(i, j) for i, j, _ in self.pairs_])
        ordered = [sorted(c, key=lambda i: _order(self.documents_[i])) for c in components]
        self.clusters_ = sorted(ordered, key=lambda c: _order(self.documents_[c[0]]))
        return self

    def _candidates(self, valid: list[int]) -> list[tuple[int, int]]:
        """Pairs that share a band of their signatures (LSH tuned to miss few pairs; verified afterwards)."""
        from datasketch import LeanMinHash, MinHashLSH

        # Tuned to miss few pairs (weights), at most at 0.9: datasketch needs two bands or more.
        lsh = MinHashLSH(threshold=min(self.threshold, 0.9), num_perm=self.num_perm, weights=(0.1, 0.9))
        with lsh.insertion_session() as session:
            for i in valid:
                session.insert(
                    i,
                    LeanMinHash(seed=self.random_state, hashvalues=self._signatures[i], scheme=_SCHEME),
                    check_duplication=False,
                )
        pairs = set()
        for table in lsh.hashtables:  # the buckets of each band that hold more than one document
            for bucket in [b for b, n in table.itemcounts().items() if n > 1]:
                members = sorted(table.get(bucket))
                pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
        return sorted(pairs)

    def similarity(self, i: int, j: int) -> float:
        """The Jaccard similarity of documents ``i`` and ``j`` estimated from their signatures."""
        check_is_fitted(self)
        return float(np.mean(self._signatures[i] == self._signatures[j]))

    @property
    def is_copy_(self) -> list[bool]:
        """For each document, whether it is a copy (in a cluster, not its first document)."""
        check_is_fitted(self)
        copies = {i for cluster in self.clusters_ for i in cluster[1:]}
        return [i in copies for i in range(len(self.documents_))]

    def table(self) -> pd.DataFrame:
        """The contract's ``duplicates`` table: one row per document in a cluster, clusters in order of
        their first document, each cluster's documents earliest first."""
        import pandas as pd

        check_is_fitted(self)
        rows = []
        for cluster in self.clusters_:
            first = self.documents_[cluster[0]]
            for i in cluster:
                doc = self.documents_[i]
                rows.append(
                    (
                        first.doc_id,
                        doc.doc_id,
                        doc.date.isoformat() if doc.date else "",
                        doc.source,
                        round(self.similarity(i, cluster[0]), 4),
                    )
                )
        return pd.DataFrame(rows, columns=DUPLICATE_COLUMNS)


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted arrays of distinct hashes."""
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common)
