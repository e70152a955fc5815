"""A corpus folder read on a Dask cluster a partition at a time: phrase counts, statements, the rows of
``corpus`` and ``kwic``, duplicate signatures, the terms' document frequencies and each document's top
terms of TF-IDF, the two groups' word or phrase counts of keyness, and the topic model's units and their
documents' topic weights, without the documents ever in this process.

The client lists the files and sends each worker task the names of a partition of them
(:func:`~analysis.runtime.store.partitions`); the task reads them, lays them out
(:func:`~analysis.reading.corpus.stored_layouts`), makes the per-document table (phrase counts,
statements) with the same functions as a run without a cluster, and writes it to the Parquet
store (:mod:`analysis.runtime.store`) when there is a cache. It sends back only what is small:
how many documents, those skipped or undated (for the warnings), and its share of an aggregate
such as phrase totals per period or a keyness group's counts, which tasks on the workers add up.
The rows of a per-document table are then read back one partition at a time, in corpus order, and
written out as they come.
The outputs are byte-identical to those of a run without a cluster (``tests/test_cluster.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import config
from .errors import InputError
from .reading.corpus import (
    Skipped,
    file_entry,
    layout_keys,
    layouts_store,
    list_folder,
    read_files,
    stored_layouts,
    unmatched_metadata,
)
from .reading.layout import Document, from_record
from .runtime.cache import code_version
from .runtime.outputs import check_outside
from .runtime.store import PartitionStore, partitions, store_dir
from .runtime.workers import Cluster

__all__ = [
    "StreamedCorpus",
    "Summary",
    "GroupTotals",
    "phrase_work",
    "stance_work",
    "term_work",
    "keyness_work",
    "frequency_work",
    "top_terms_work",
    "unit_work",
    "doc_topics_work",
    "merge_lists",
    "Frequencies",
    "corpus_work",
    "kwic_work",
    "sketch_work",
    "Sketched",
    "MAX_UNDATED",
]

#: Undated documents named one by one in the warnings (the command line's ``MAX_WARNINGS``).
MAX_UNDATED = 20


@dataclass
class Summary:
    """What a partition sends back besides its rows: counts, and the documents to warn about."""

    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    n_undated: int = 0
    stored: str | None = None  # the partition's file in the store
    unmatched: list[str] = field(default_factory=list)  # doc_ids of metadata rows whose file was skipped


@dataclass(frozen=True)
class Work:
    """A per-document table made on the workers: ``make(documents)`` gives its rows (with a
    ``doc_id`` column), ``aggregate(rows)`` a partition's share of what comes back, ``merge`` (a
    list of shares -> one) adds them up on the workers; ``table`` and ``version`` name it in the
    store. ``finish`` makes of a partition's rows (and what :meth:`StreamedCorpus.run` shares with
    every task) other rows, which come back instead (they depend on more than the partition, and
    are not stored)."""

    table: str
    version: str
    make: Callable
    aggregate: Callable | None = None  # (rows, documents) -> a partition's share
    merge: Callable | None = None
    finish: Callable | None = None  # (rows, documents, shared) -> the rows that come back


class StreamedCorpus:
    """A corpus folder whose documents are read, and analysed, on a cluster only.

    Parameters
    ----------
    path : path
        The corpus folder; with a remote cluster, a path every machine sees.
    cluster : Cluster
    cache_dir : path or None
        The store is the cluster's ``store``, else ``<cache_dir>/store`` (shared by all machines); None for
        no store.
    encoding, skip_bad
        As for :class:`~analysis.session.Session`.

    The folder is listed (and ``metadata.csv`` read and checked) at once; the files are read by
    :meth:`run`, on the cluster.
    """

    def __init__(
        self,
        path: str | Path,
        cluster: Cluster,
        *,
        cache_dir: str | Path | None = None,
        encoding: str | None = None,
        skip_bad: bool = False,
    ):
        self.root = Path(path)
        if cache_dir is not None:
            check_outside(Path(cache_dir), self.root, what="the cache")
        self.cluster, self.cache_dir = cluster, cache_dir
        self.encoding, self.skip_bad = encoding, skip_bad
        self.unreadable, self._unlisted, self._jobs = _partition_jobs(self.root, skip_bad)
        self.summaries: list[Summary] = []  # of the partitions done so far
        self._submitted = None

    def run(self, work: Work, *, shared=None, again: bool = False, extras=None) -> None:
        """Send ``work`` on every partition to the cluster; :meth:`frames` and :meth:`total` take its
        results. ``shared`` goes once to every worker, for ``work.finish``, and ``extras`` (one for each
        partition, in order) with each partition's task; with ``again``, the partitions are kept for a second
        run (a second pass over the corpus), else forgotten."""
        from .runtime.cluster import cluster_submit

        task = _Task(
            work,
            self.store(work.table, work.version),
            layouts_store(self.cache_dir, cluster=self.cluster),
            str(self.root),
            self.encoding,
            self.skip_bad,
        )
        jobs = self._jobs
        self._jobs = jobs if again else []
        if not jobs and self.summaries:
            raise RuntimeError("the partitions were sent once already: run(..., again=True) keeps them")
        self.summaries = []  # those of this run, as they come
        if extras is not None:
            jobs = [(*job, extra) for job, extra in zip(jobs, extras, strict=True)]
        self._submitted = cluster_submit(task, jobs, self.cluster, merge=work.merge, shared=shared)

    def listed(self) -> int:
        """How many files are listed and not yet sent (all of them before the first :meth:`run`)."""
        return sum(len(job[0]) for job in self._jobs)

    def store(self, table: str, version: str) -> PartitionStore | None:
        """The store's ``table`` at ``version``, where the workers keep it (None without a cache)."""
        return PartitionStore(store_dir(self.cache_dir, self.cluster), table, version) if self.cache_dir else None

    def frames(self) -> Iterator:
        """The rows of the table of :meth:`run`, a DataFrame per partition, in corpus order, as they are
        ready (:attr:`summaries` grows with them)."""
        import pandas as pd

        for summary, rows in self._submitted:
            self.summaries.append(summary)
            yield rows if rows is not None else pd.read_parquet(summary.stored).drop(columns="key")

    def total(self):
        """The aggregates of :meth:`run` merged, once every partition is done (:attr:`summaries` then complete)."""
        self.summaries += [summary for summary, _ in self._submitted]
        return self._submitted.total()

    def stored_column(self, column: str, sizes: list[int] | None = None) -> Callable:
        """A function giving, for indices of rows in corpus order (a document each, or ``sizes[p]`` rows in
        partition ``p``), that column of the rows of the last :meth:`run`'s table, read back from the
        store's partition files (once :meth:`total` is taken)."""

        def values(indices: list[int]) -> dict:
            import pandas as pd

            counts = sizes if sizes is not None else [summary.documents for summary in self.summaries]
            starts, at = [], 0
            for count in counts:
                starts.append(at)
                at += count
            out = {}
            for p, summary in enumerate(self.summaries):
                wanted = [i for i in indices if starts[p] <= i < starts[p] + counts[p]]
                if wanted and summary.stored is None:  # the store could not be written (a full disk, say)
                    where = str(store_dir(self.cache_dir, self.cluster))
                    raise InputError(where, f"the store could not be written, and {column} is read back from it")
                if wanted:
                    rows = pd.read_parquet(summary.stored, columns=["doc_id", column])
                    out.update({i: rows[column].iloc[i - starts[p]] for i in wanted})
            return out

        return values

    def skipped(self) -> list[Skipped]:
        """The files left out, as :attr:`~analysis.reading.corpus.Corpus.skipped` lists them."""
        unmatched = dict.fromkeys([*self._unlisted, *(i for s in self.summaries for i in s.unmatched)])
        skipped = [s for summary in self.summaries for s in summary.skipped]
        return self.unreadable + skipped + unmatched_metadata(self.root, unmatched, [])

    def documents(self) -> int:
        return sum(s.documents for s in self.summaries)


def _partition_jobs(root: Path, skip_bad: bool) -> tuple[list[Skipped], list[str], list[tuple[tuple[str, ...], dict]]]:
    """The files of ``root`` that cannot be looked at, the doc_ids of ``metadata.csv`` rows with no
    file, and each partition's job: its file names and their metadata rows. Only these are kept,
    and only until they are sent."""
    names, unreadable, meta = list_folder(root, skip_bad)
    ids = [file_entry(root, name)[0] for name in names]
    order = sorted(range(len(names)), key=ids.__getitem__)  # doc_id order, as read_corpus gives them
    names, ids = [names[i] for i in order], [ids[i] for i in order]
    listed = set(ids)
    jobs = [
        (tuple(names[r.start : r.stop]), {ids[i]: meta[ids[i]] for i in r if ids[i] in meta}) for r in partitions(ids)
    ]
    return unreadable, [doc_id for doc_id in meta if doc_id not in listed], jobs


@dataclass(frozen=True)
class _Task:
    """One partition's work, run on a worker: ``(files, metadata) -> (Summary, rows or None)``."""

    work: Work
    store: PartitionStore | None
    layouts: PartitionStore | None
    root: str
    encoding: str | None
    skip_bad: bool

    def __call__(self, job: tuple, shared=None):
        names, meta, *extra = job  # a partition's files, their metadata, and what its task alone is given
        raw, skipped = read_files(self.root, names, meta, self.encoding, self.skip_bad)
        keys = layout_keys(raw)
        docs = [
            from_record(*r[:2], record, path=r[2], meta=r[3])
            for r, record in zip(raw, stored_layouts(raw, self.layouts))
        ]
        rows = self.store.load(keys) if self.store else None
        stored = self.store.path(keys) if rows is not None else None
        if rows is None:
            rows = self.work.make(docs)
            rows.insert(0, "key", rows["doc_id"].map(dict(keys)))
            stored = self.store.save(keys, rows) if self.store else None
        undated = [d.path or d.doc_id for d in docs if d.date is None]
        read = {r[0] for r in raw}
        stored = stored and self.store.url(stored)  # with its protocol: the client reads it from another filesystem
        summary = Summary(len(docs), skipped, undated[:MAX_UNDATED], len(undated), stored=stored)
        summary.unmatched = [doc_id for doc_id in meta if doc_id not in read]  # rows of files skipped
        rows = rows.drop(columns="key")
        if self.work.finish:
            return summary, self.work.finish(rows, docs, shared, *extra), None
        aggregate = self.work.aggregate(rows, docs) if self.work.aggregate else None
        # rows in the store are read back from it, and those of an aggregate are not wanted
        return summary, (None if stored or self.work.aggregate else rows), aggregate


def _version(modules: tuple[str, ...], *options) -> str:
    """A hash of the code of ``modules``, of the data files and of ``options``: rows it made are not
    those of other code, data or options."""
    data = hashlib.sha256()
    for path in sorted(config.DATA.iterdir()):
        data.update(path.read_bytes())
    return code_version(*modules, extra=data.hexdigest() + repr(options))


def phrase_work(lexicon, *, keep_captions: bool, period: str | None = None) -> Work:
    """The phrase counts of every document (:func:`~analysis.framing.tables.count_phrases`), and
    with ``period`` their partial totals per period (:func:`~analysis.framing.tables.period_parts`)."""
    modules = ("framing.phrases", "framing.tables", "text.syllables", "text.vietnamese")
    version = _version(modules, lexicon, keep_captions)
    if not period:
        return Work("phrase_counts", version, _PhraseCounts(lexicon, keep_captions))
    from .framing.tables import merge_parts

    return Work("phrase_counts", version, _PhraseCounts(lexicon, keep_captions), _PeriodParts(period), merge_parts)


def stance_work(register, *, keep_captions: bool) -> Work:
    """The attributed statements of every document (:class:`~analysis.stance.extract.StanceExtractor`)."""
    modules = tuple(f"stance.{m}" for m in ("extract", "lexicons", "references", "sentence", "speakers", "actors"))
    version = _version((*modules, "text.vietnamese", "text.stopwords"), register, keep_captions)
    return Work("statements", version, _Statements(register, keep_captions))


@dataclass(frozen=True)
class _PhraseCounts:
    lexicon: object
    keep_captions: bool

    def __call__(self, docs: list[Document]):
        from .framing.tables import count_phrases
        from .text.syllables import syllabify

        return count_phrases(syllabify(docs, keep_captions=self.keep_captions), self.lexicon)


@dataclass(frozen=True)
class _PeriodParts:
    period: str

    def __call__(self, rows, docs=None):
        from .framing.tables import period_parts

        return period_parts(rows, period=self.period)


@dataclass(frozen=True)
class _Statements:
    register: object
    keep_captions: bool

    def __call__(self, docs: list[Document]):
        return _extractor(self.register, self.keep_captions).extract(docs)


#: In a worker: the extractor of the last task, whose data files are read and indexed once.
_EXTRACTOR: dict = {}


def _extractor(register, keep_captions: bool):
    from .stance.extract import StanceExtractor

    key = (repr(register), keep_captions)
    if key not in _EXTRACTOR:
        _EXTRACTOR.clear()
        _EXTRACTOR[key] = StanceExtractor(register=register, keep_captions=keep_captions).fit()
    return _EXTRACTOR[key]


def kwic_work(phrase: str, *, window: int, keep_captions: bool) -> Work:
    """Every match of ``phrase`` in context (:func:`~analysis.framing.tables.kwic`), a row per match."""
    modules = ("framing.tables", "framing.phrases", "text.syllables", "text.vietnamese")
    return Work("kwic", _version(modules, phrase, window, keep_captions), _Kwic(phrase, window, keep_captions))


@dataclass(frozen=True)
class _Kwic:
    phrase: str
    window: int
    keep_captions: bool

    def __call__(self, docs: list[Document]):
        from .framing.tables import kwic
        from .text.syllables import syllabify

        return kwic(syllabify(docs, keep_captions=self.keep_captions), self.phrase, window=self.window)


def corpus_work(*, keep_captions: bool, tokens: PartitionStore | None) -> Work:
    """The ``corpus`` table's row of every document (:func:`~analysis.overview.tables.corpus_table`: dates,
    sources, sizes), its words counted from the store's ``tokens`` table when it holds them."""
    modules = ("streamed", "overview.tables", "text.tokenise", "text.vietnamese")  # the rows are made here too
    return Work("corpus_rows", _version(modules, keep_captions), _FromTokens(_corpus_rows, keep_captions, tokens))


def term_work(*, keep_captions: bool, tokens: PartitionStore | None) -> Work:
    """The content words of every document counted (:func:`~analysis.topics.keyterms.document_terms`:
    pyvi's words, tagged, folded, stopwords out), a row per document and term; the words from the
    store's ``tokens`` table when it holds them (else made there)."""
    modules = ("streamed", "topics.keyterms", "text.tokenise", "text.stopwords", "text.vietnamese")
    make = _FromTokens(_term_rows, keep_captions, tokens, pos=True)
    return Work("term_counts", _version(modules, keep_captions), make)


@dataclass(frozen=True)
class _FromTokens:
    """A per-document table made from a partition's documents and their pyvi words (tagged with ``pos``),
    taken from the store's ``tokens`` table when it holds them, else made (and stored) here."""

    rows: Callable  # (documents, their words, keep_captions) -> DataFrame
    keep_captions: bool
    tokens: PartitionStore | None
    pos: bool = False

    def __call__(self, docs: list[Document]):
        from .text.tokenise import tokenise_partition

        return self.rows(docs, tokenise_partition(docs, self.tokens, pos=self.pos), self.keep_captions)


def _corpus_rows(docs: list[Document], tokenised: list, keep_captions: bool):
    from .overview.tables import corpus_table

    return corpus_table(docs, tokenised, keep_captions=keep_captions)


def _term_rows(docs: list[Document], tokenised: list, keep_captions: bool):
    from collections import Counter

    import pandas as pd

    from .topics.keyterms import CONTENT_TAGS, document_terms

    rows = [
        (doc.doc_id, term, count)
        for doc in tokenised
        for term, count in Counter(document_terms(doc, keep_captions=keep_captions, tags=CONTENT_TAGS)).items()
    ]
    return pd.DataFrame(rows, columns=["doc_id", "term", "count"])


@dataclass
class GroupTotals:
    """Two groups' counts (term or phrase -> count), sizes (their terms, or their documents' syllables)
    and numbers of documents: what keyness needs of a corpus (:func:`~analysis.topics.keyterms.keyness_of_counts`)."""

    counts: tuple = field(default_factory=lambda: ({}, {}))
    sizes: list = field(default_factory=lambda: [0, 0])
    documents: list = field(default_factory=lambda: [0, 0])


def keyness_work(base: Work, *, split: str | None, by: str | None, value: str | None) -> Work:
    """``base`` (:func:`term_work` or :func:`phrase_work`) with the totals of the two groups of
    :func:`~analysis.topics.keyterms.two_groups` as what comes back, added up on the workers."""
    return replace(base, aggregate=_GroupShare(base.table, split, by, value), merge=merge_group_totals)


@dataclass(frozen=True)
class _GroupShare:
    table: str
    split: str | None
    by: str | None
    value: str | None

    def __call__(self, rows, docs: list[Document]) -> GroupTotals:
        from .topics.keyterms import two_groups

        mask, _ = two_groups(docs, split=self.split, by=self.by, value=self.value, strict=False)
        group = rows["doc_id"].map(dict(zip((d.doc_id for d in docs), mask)))
        key = "term" if self.table == "term_counts" else "phrase"
        share = GroupTotals(documents=[mask.count(True), mask.count(False)])
        for k, flag in enumerate((True, False)):
            part = rows[group.eq(flag)]
            sums = part.groupby(key, sort=False)["count"].sum()
            share.counts[k].update({name: int(n) for name, n in sums.items()})
            # a group's size: its terms, or (phrases) its documents' syllables
            size = sums.sum() if key == "term" else part.drop_duplicates("doc_id")["n_syllables"].sum()
            share.sizes[k] = int(size)
        return share


def merge_group_totals(shares: list) -> GroupTotals:
    """Partitions' :class:`GroupTotals` added up."""
    total = GroupTotals()
    for share in shares:
        for k in (0, 1):
            for name, n in share.counts[k].items():
                total.counts[k][name] = total.counts[k].get(name, 0) + n
            total.sizes[k] += share.sizes[k]
            total.documents[k] += share.documents[k]
    return total


@dataclass
class Frequencies:
    """Each term's document frequency and the number of documents: what TF-IDF needs of a corpus
    (:meth:`~analysis.topics.keyterms.KeyTerms.fit_frequencies`)."""

    counts: dict = field(default_factory=dict)
    documents: int = 0


def frequency_work(base: Work) -> Work:
    """``base`` (:func:`term_work`) with each term's document frequency as what comes back, added up on the
    workers (the first pass of TF-IDF)."""
    return replace(base, aggregate=_frequencies, merge=merge_frequencies)


def _frequencies(rows, docs: list[Document]) -> Frequencies:
    return Frequencies({term: int(n) for term, n in rows["term"].value_counts(sort=False).items()}, len(docs))


def merge_frequencies(shares: list) -> Frequencies:
    """Partitions' :class:`Frequencies` added up."""
    total = Frequencies()
    for share in shares:
        for term, n in share.counts.items():
            total.counts[term] = total.counts.get(term, 0) + n
        total.documents += share.documents
    return total


def top_terms_work(base: Work, *, top: int) -> Work:
    """``base`` (:func:`term_work`) whose rows come back as each document's ``top`` TF-IDF terms, weighed by
    the fitted :class:`~analysis.topics.keyterms.KeyTerms` that the run shares with every task (the second
    pass of TF-IDF; a document's weights depend on it alone and on the IDF)."""
    return replace(base, finish=_TopTerms(top))


@dataclass(frozen=True)
class _TopTerms:
    top: int

    def __call__(self, rows, docs: list[Document], fitted, *_):
        from .topics.keyterms import top_terms_of

        counts: dict[str, dict] = {d.doc_id: {} for d in docs}
        for doc_id, term, n in zip(rows["doc_id"], rows["term"], rows["count"]):
            counts[doc_id][term] = int(n)
        return top_terms_of(fitted.weigh(list(counts.values())), list(counts), fitted.terms_, self.top)


def unit_work(*, unit: str, keep_captions: bool, tokens: PartitionStore | None) -> Work:
    """The topic model's units of every document (:func:`~analysis.topics.models.modelling_units` with ``unit``
    ``"paragraph"`` or ``"document"``), a row each (``doc_id``, ``unit``, its index in the document, and
    ``terms``), from the store's ``tokens`` when it holds them; the number of each partition's units comes
    back, in order."""
    modules = ("streamed", "topics.models", "topics.keyterms", "text.tokenise", "text.stopwords", "text.vietnamese")
    make = _FromTokens(_UnitRows(unit), keep_captions, tokens, pos=True)
    return Work("topic_units", _version(modules, unit, keep_captions), make, _unit_count, merge_lists)


@dataclass(frozen=True)
class _UnitRows:
    unit: str

    def __call__(self, docs: list[Document], tokenised: list, keep_captions: bool):
        import pandas as pd

        from .topics.models import modelling_units

        units = modelling_units(docs, tokenised, unit=self.unit, keep_captions=keep_captions)
        frame = {"doc_id": [u.doc_id for u in units], "unit": [u.index for u in units]}
        return pd.DataFrame({**frame, "terms": [list(u.terms) for u in units]})


def _unit_count(rows, docs: list[Document]) -> list[int]:
    return [len(rows)]


def merge_lists(shares: list) -> list:
    """Partitions' lists, joined in their order."""
    return [x for share in shares for x in share]


def doc_topics_work(base: Work) -> Work:
    """``base`` (:func:`unit_work`) whose units come back as their documents' topic weights
    (:func:`~analysis.topics.models.doc_topics`), inferred on the workers with the model that the run shares
    with every task, each partition's units from the random start it is sent."""
    return replace(base, finish=_DocTopics())


@dataclass(frozen=True)
class _DocTopics:
    def __call__(self, rows, docs: list[Document], state, start):
        import pandas as pd

        from .topics.models import doc_topics_of, infer_units, unit_shares

        terms = [list(t) for t in rows["terms"]]
        if not terms:  # a partition whose documents hold no content word
            return pd.DataFrame({"doc_id": [], "topic_id": [], "weight": []})
        gamma = infer_units(state, terms, start)
        return doc_topics_of(unit_shares(gamma, len(state.alpha)), list(rows["doc_id"]), [len(t) for t in terms])


def sketch_work(*, shingle: int, num_perm: int, seed: int) -> Work:
    """The MinHash signature and shingle hashes of every document (``duplicates``), stored in the
    ``signatures`` table; what comes back is each document's ``doc_id``, date, source and signature, in
    corpus order (about 600 bytes a document), joined on the workers."""
    version = _version(("streamed", "copies.duplicates", "text.vietnamese"), shingle, num_perm, seed)
    return Work("signatures", version, _Sketches(shingle, num_perm, seed), _sketched, merge_sketched)


@dataclass(frozen=True)
class _Sketches:
    shingle: int
    num_perm: int
    seed: int

    def __call__(self, docs: list[Document]):
        import pandas as pd

        from .copies.duplicates import sketch

        made = [sketch(d, shingle=self.shingle, num_perm=self.num_perm, seed=self.seed) for d in docs]
        frame = {"doc_id": [d.doc_id for d in docs], "signature": [m[0] for m in made]}
        return pd.DataFrame({**frame, "shingles": [m[1] for m in made]})


@dataclass
class Sketched:
    """Documents as duplicates needs them (``doc_id``, ``date``, ``source``) and their signatures, in order."""

    documents: list = field(default_factory=list)
    signatures: list = field(default_factory=list)


@dataclass(frozen=True)
class _Described:
    doc_id: str
    date: object
    source: str


def _sketched(rows, docs: list[Document]) -> Sketched:
    signature = dict(zip(rows["doc_id"], rows["signature"]))
    return Sketched([_Described(d.doc_id, d.date, d.source) for d in docs], [signature[d.doc_id] for d in docs])


def merge_sketched(shares: list) -> Sketched:
    """Partitions' :class:`Sketched`, joined in their order."""
    total = Sketched()
    for share in shares:
        total.documents += share.documents
        total.signatures += share.signatures
    return total
