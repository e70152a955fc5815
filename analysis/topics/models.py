"""Topic models: gensim LDA over modelling units that make statistical sense, with honest diagnostics.

Modelling units
    A corpus of a few articles is too small for LDA over documents: five documents
    cannot estimate eight topics. On such a corpus the units are paragraphs (with the
    title joined to the first), or, for an article that is a single paragraph,
    windows of ``window`` sentences; results are aggregated back to documents,
    weighted by the number of terms of each unit. From ``MIN_DOCUMENTS_AS_UNITS``
    documents on, the documents themselves are the units.
Terms
    Content words by pyvi's part-of-speech tags (nouns, verbs, adjectives), folded,
    stopwords out; optionally frequent collocations merged (gensim ``Phrases``).
Choosing k
    :func:`select_k` fits every k of a range with several seeds and reports topic
    coherence (c_v and c_npmi, gensim ``CoherenceModel``) and stability across seeds
    (:func:`stability`); :func:`choose_k` states the rule.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from .. import config
from ..errors import InputError, ParameterError, check_parameter, whole
from ..reading.layout import Document
from ..runtime.parallel import Cluster, Later, parallel_start
from ..text.tokenise import TokenisedDocument
from .keyterms import CONTENT_TAGS, document_terms

__all__ = [
    "Unit",
    "modelling_units",
    "TopicModel",
    "select_k",
    "start_select_k",
    "choose_k",
    "stability",
    "match_topics",
    "doc_topics",
    "MIN_DOCUMENTS_AS_UNITS",
    "K_RANGE",
    "k_range",
    "SELECTION_SAMPLE",
    "MANY_UNITS",
    "FIT_SAMPLE",
    "MIN_TERM_SHARE",
    "selection_sample",
    "cached_select_k",
    "cached_fit",
    "k_selection",
    "start_k_selection",
    "start_k_selection_of",
    "fit_sample",
    "selection_indices",
    "doc_topics_of",
    "unit_shares",
    "infer_units",
    "inferring",
    "random_starts",
]

MIN_DOCUMENTS_AS_UNITS = 200
#: The numbers of topics compared when choosing k, by the command line and the figures alike.
K_RANGE = range(2, 9)
#: Modelling units above which k is chosen on a seeded random sample of this many (the chosen
#: model is then fitted on all of them, up to :data:`FIT_SAMPLE`).
SELECTION_SAMPLE = 2000
#: Modelling units from which a fit makes 10 passes over them instead of 30 (``passes="auto"``):
#: on VNTC the topics agree with the sections as well after 10 passes as after 30
#: (``benchmarks/README.md``), and each pass over that many units is long.
MANY_UNITS = 10_000
#: Modelling units above which the chosen model is fitted on a seeded random sample of this many
#: (:func:`cached_fit`; the topic proportions of every unit are then inferred with it), so that the
#: fit's time and memory stop growing with the corpus; the figures say so in their caption.
FIT_SAMPLE = 100_000
#: The share of the units a term must occur in to be kept, from 1,000 units on (``no_below="auto"``,
#: never fewer than 20 units): 50 units on all of VNTC, where terms kept from 20 units on gave the
#: topics a lower agreement with the sections (``benchmarks/README.md``); 20 up to 13,333 units.
MIN_TERM_SHARE = 0.0015


def k_range(n_units: int) -> range:
    """The k of :data:`K_RANGE` that a corpus of ``n_units`` modelling units allows."""
    return range(K_RANGE.start, min(K_RANGE.stop, n_units + 1))


@dataclass(frozen=True)
class Unit:
    """A modelling unit: some sentences of one document and their terms."""

    doc_id: str
    index: int
    sentence_ids: tuple[int, ...]
    terms: tuple[str, ...]
    text: str


def _groups(doc: Document, sentences, window: int) -> list[list]:
    """Sentences grouped into paragraphs (title with the first), or windows for a one-paragraph article."""
    paragraph = {s.index: s.paragraph for s in doc.sentences}
    groups: dict[int, list] = {}
    for s in sentences:
        groups.setdefault(max(paragraph[s.index], 1), []).append(s)
    units = list(groups.values())
    if len(units) == 1 and len(units[0]) > window:
        units = [units[0][i : i + window] for i in range(0, len(units[0]), window)]
    return units


def modelling_units(
    corpus,
    tokenised: list[TokenisedDocument] | None = None,
    *,
    unit: str = "auto",
    window: int = 3,
    keep_captions: bool | None = None,
    tags: frozenset[str] | None = CONTENT_TAGS,
    terms: list[list[str]] | None = None,
) -> list[Unit]:
    """The units a topic model is fitted on: ``"paragraph"``, ``"document"`` or ``"auto"``
    (paragraphs below :data:`MIN_DOCUMENTS_AS_UNITS` documents). Units without terms are dropped.

    ``corpus`` is a :class:`~analysis.session.Session` (its words and its choice of captions are
    used), a corpus or a list of documents; ``tokenised``, their words, is taken from the session
    (or the cache) unless given. ``keep_captions`` defaults to the session's choice. ``terms``, the
    terms of each document (:func:`~analysis.topics.keyterms.terms_of_documents` with the same
    ``keep_captions`` and ``tags``), are used for units that are documents, when given.
    """
    from ..session import captions_kept, documents_of, tokenised_of

    documents = documents_of(corpus)
    if tokenised is None:
        tokenised = tokenised_of(corpus, pos=tags is not None)
    elif tags is not None and _untagged(tokenised):
        raise ParameterError(
            "tokenised", "the words have no part-of-speech tags: tokenise with pos=True, or give tags=None"
        )
    if len(tokenised) != len(documents):
        raise ParameterError("tokenised", f"{len(tokenised)} tokenised documents for {len(documents)} documents")
    check_parameter("unit", unit, unit in ("auto", "paragraph", "document"), '"auto", "paragraph" or "document"')
    keep_captions = captions_kept(corpus) if keep_captions is None else keep_captions
    if unit == "auto":
        unit = "paragraph" if len(documents) < MIN_DOCUMENTS_AS_UNITS else "document"
    if unit == "document":
        return _document_units(corpus, documents, tokenised, keep_captions, tags, terms)
    out = []
    for doc, tok in zip(documents, tokenised):
        sentences = tok.analysed(keep_captions=keep_captions)
        groups = [sentences] if unit == "document" else _groups(doc, sentences, window)
        for i, group in enumerate(groups):
            terms = document_terms(tok, tags=tags, sentences=group)
            if terms:
                text = " ".join(doc.text[doc.sentences[s.index].start : doc.sentences[s.index].end] for s in group)
                out.append(Unit(doc.doc_id, i, tuple(s.index for s in group), tuple(terms), text))
    return out


def _document_units(corpus, documents, tokenised, keep_captions, tags, terms) -> list[Unit]:
    """One unit per document with terms: what the loop of :func:`modelling_units` gives, without
    unpacking the words in this process."""
    from ..session import Session
    from .keyterms import terms_of_documents

    if terms is None or len(terms) != len(documents):
        jobs = corpus.jobs if isinstance(corpus, Session) else None
        terms = terms_of_documents(tokenised, keep_captions=keep_captions, tags=tags, jobs=jobs)
    out = []
    for doc, tok, found in zip(documents, tokenised, terms):
        if found:
            chosen = [index for _, _, index, kind in tok.spans if keep_captions or kind != "caption"]
            text = " ".join(doc.text[doc.sentences[i].start : doc.sentences[i].end] for i in chosen)
            out.append(Unit(doc.doc_id, 0, tuple(chosen), tuple(found), text))
    return out


def _untagged(tokenised: list[TokenisedDocument]) -> bool:
    """Whether these words were tokenised without part-of-speech tags (looking at the first words)."""
    words = [w for d in tokenised[:20] for s in d.sentences for w in s.words][:500]
    return bool(words) and not any(w.tag for w in words)


def _texts_of(units) -> list[list[str]]:
    """Lists of terms from lists of terms, :class:`Unit` s, or a session or corpus (its modelling units)."""
    if isinstance(units, list | tuple) and all(isinstance(u, Unit) for u in units) and units:
        return [list(u.terms) for u in units]
    if isinstance(units, list | tuple) and all(isinstance(u, list | tuple) for u in units):
        return [list(u) for u in units]
    return [list(u.terms) for u in modelling_units(units)]


class TopicModel(BaseEstimator):
    """LDA (gensim) with scikit-learn's estimator conventions.

    Parameters
    ----------
    k : int
        Number of topics, at least 2 and at most the number of units.
    random_state : int
        Seed of gensim's sampler: the same seed gives the same model, byte for byte.
    passes, iterations : int or "auto"
        Passes over the corpus and inference iterations per unit. ``"auto"``: 30 passes
        and 200 iterations below 1,000 units, 30 and 100 from there, 10 and 100 from
        :data:`MANY_UNITS`.
    no_below, no_above : int, float or "auto"
        Drop terms in fewer than ``no_below`` units or more than ``no_above`` of them.
        ``"auto"``: 2 and 0.5 below 1,000 units (1 and 1.0 below 20); from there 0.3, and
        :data:`MIN_TERM_SHARE` of the units but at least 20.
    alpha : str
        Document-topic prior: ``"auto"`` learns an asymmetric prior from the data.
    bigrams : bool
        Merge frequent collocations with gensim ``Phrases`` before counting.
    start : "random", "nmf" or "auto"
        Where the topics start: gensim's random draw, or an NMF (scikit-learn, itself
        started at random from ``random_state``) of the units' TF-IDF weights, which
        puts LDA in a better basin and makes seeds agree. ``"auto"``: ``"nmf"`` from
        1,000 units.
    learning : "online", "batch" or "auto"
        Update the topics after every 512 units (online variational Bayes, gensim's
        default) or once per pass over all of them (batch). ``"auto"``: batch from
        1,000 units.
    jobs : int or Cluster, optional
        Processes inferring the topics of the units of a large corpus (from
        :data:`PARALLEL_UNITS` units; default: all cores), or a :class:`Cluster` whose workers
        infer them. The model does not depend on it: each unit is inferred as gensim does it
        and the results are summed in corpus order.

    The large-corpus choices were measured on VNTC (``benchmarks/README.md``): with k = 10
    the normalised mutual information between dominant topic and newspaper section went
    from 0.43 (online, random start, 10 passes) to about 0.59 (batch, NMF start, 30 passes);
    with batch learning from an NMF start, 10 passes agree with the sections as well as 30 on
    10,000 and on 33,759 documents, in a third of the time.

    Attributes
    ----------
    dictionary_ : gensim Dictionary
    lda_ : gensim LdaModel
    phrases_ : gensim Phraser or None
    texts_ : list of list of str
        The units' terms as fitted.

    Examples
    --------
    >>> model = TopicModel(k=2, random_state=1).fit([["mưa", "gió", "bão"], ["lúa", "gạo", "ngô"]] * 6)
    >>> weights = model.transform([["mưa", "bão"]])
    >>> weights.shape, round(float(weights.sum()), 6)
    ((1, 2), 1.0)
    """

    def __init__(
        self,
        k: int = 8,
        *,
        random_state: int = config.RANDOM_STATE,
        passes: int | str = "auto",
        iterations: int | str = "auto",
        no_below: int | str = "auto",
        no_above: float | str = "auto",
        alpha: str = "auto",
        bigrams: bool = False,
        start: str = "auto",
        learning: str = "auto",
        jobs: int | None = None,
    ):
        self.k = k
        self.random_state = random_state
        self.passes = passes
        self.iterations = iterations
        self.no_below = no_below
        self.no_above = no_above
        self.alpha = alpha
        self.bigrams = bigrams
        self.start = start
        self.learning = learning
        self.jobs = jobs

    def _prepare(self, units: list[list[str]]) -> list[list[str]]:
        return [list(self.phrases_[u]) for u in units] if self.phrases_ is not None else [list(u) for u in units]

    def fit(self, units) -> TopicModel:
        """Fit the topics of ``units``: lists of terms, :class:`Unit` s, or a
        :class:`~analysis.session.Session` (its :func:`modelling_units`); returns ``self``."""
        self._check()
        units = _texts_of(units)
        if self.k < 2:
            raise ParameterError("k", f"k must be at least 2, not {self.k}")
        if self.k > len(units):
            raise ParameterError("k", f"k = {self.k} is larger than the {len(units)} modelling units of the corpus")
        texts, self.dictionary_ = self._vocabulary(units)
        large = len(texts) >= 1000
        bows = [self.dictionary_.doc2bow(t) for t in texts]
        if not self.dictionary_ or not any(bows):
            raise InputError("corpus", "no terms left after removing stopwords and rare or common words")
        self.lda_ = self._lda(len(bows))
        if _auto(self.start, "nmf" if large else "random") == "nmf":
            self._start_from_nmf(bows)
        self.lda_.update(bows)
        self.texts_ = texts
        return self

    def _vocabulary(self, units: list[list[str]]) -> tuple[list[list[str]], object]:
        """The units as fitted (with :attr:`phrases_`, set here) and the dictionary of their terms kept."""
        from gensim.corpora import Dictionary
        from gensim.models import Phrases

        self.phrases_ = None
        if self.bigrams:
            self.phrases_ = Phrases([list(u) for u in units], min_count=3, threshold=0.5, scoring="npmi").freeze()
        texts = self._prepare(units)
        large, tiny = len(texts) >= 1000, len(texts) < 20
        dictionary = Dictionary(texts)
        dictionary.filter_extremes(
            no_below=_auto(self.no_below, max(20, int(MIN_TERM_SHARE * len(texts))) if large else 1 if tiny else 2),
            no_above=_auto(self.no_above, 0.3 if large else 1.0 if tiny else 0.5),
            keep_n=None,
        )
        return texts, dictionary

    def _check(self) -> None:
        check_parameter("k", self.k, whole(self.k, 2), "a whole number of at least 2")
        check_parameter("random_state", self.random_state, whole(self.random_state, 0), "a whole number")
        for name, low in (("passes", 0), ("iterations", 1), ("no_below", 0)):
            value = getattr(self, name)
            check_parameter(
                name, value, value == "auto" or whole(value, low), f'"auto" or a whole number of at least {low}'
            )
        no_above = self.no_above
        fraction = isinstance(no_above, int | float) and not isinstance(no_above, bool) and 0 < no_above <= 1
        check_parameter("no_above", no_above, no_above == "auto" or fraction, '"auto" or a number in (0, 1]')
        check_parameter("start", self.start, self.start in ("auto", "nmf", "random"), '"auto", "nmf" or "random"')
        check_parameter(
            "learning", self.learning, self.learning in ("auto", "online", "batch"), '"auto", "online" or "batch"'
        )

    def _lda(self, n_units: int):
        """An untrained gensim LDA with this model's settings for ``n_units`` units."""
        large = n_units >= 1000
        batch = _auto(self.learning, "batch" if large else "online") == "batch"
        return _parallel_lda()(
            jobs=self.jobs,
            id2word=self.dictionary_,
            num_topics=self.k,
            random_state=self.random_state,
            passes=_auto(self.passes, 10 if n_units >= MANY_UNITS else 30),
            iterations=_auto(self.iterations, 100 if large else 200),
            alpha=self.alpha,
            eta="auto",
            eval_every=None,
            minimum_probability=0.0,
            chunksize=n_units if batch else 512,
            update_every=0 if batch else 1,
        )

    _ARRAYS = ("alpha", "eta", "sstats", "expElogbeta")

    def to_bytes(self) -> bytes:
        """The fitted model as plain arrays (``.npz``, no pickles): the vocabulary, the priors and
        the topic-term statistics. Not for a model with ``bigrams``."""
        if self.phrases_ is not None:
            raise ValueError("a model with bigrams cannot be stored as arrays")
        lda = self.lda_
        arrays = {
            "alpha": lda.alpha,
            "eta": lda.eta,
            "sstats": lda.state.sstats,
            "expElogbeta": lda.expElogbeta,
            "vocabulary": np.array([self.dictionary_[i] for i in range(len(self.dictionary_))], dtype=str),
        }
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        return buffer.getvalue()

    def load_bytes(self, blob: bytes, units: list[list[str]]) -> TopicModel:
        """This model as :meth:`to_bytes` stored it after fitting on ``units``: the same topics and
        the same :meth:`transform`, without fitting."""
        from gensim.corpora import Dictionary

        with np.load(io.BytesIO(blob), allow_pickle=False) as arrays:
            stored = {name: arrays[name] for name in (*self._ARRAYS, "vocabulary")}
        self.phrases_ = None
        self.texts_ = self._prepare(units)
        self.dictionary_ = Dictionary()
        self.dictionary_.token2id = {str(t): i for i, t in enumerate(stored["vocabulary"])}
        self.lda_ = self._lda(len(self.texts_))
        self.lda_.alpha, self.lda_.eta = stored["alpha"], stored["eta"]
        self.lda_.state.sstats, self.lda_.expElogbeta = stored["sstats"], stored["expElogbeta"]
        return self

    def _start_from_nmf(self, bows: list) -> None:
        """Topics started from an NMF of sublinear TF-IDF weights, as if each NMF topic held an
        equal share of the corpus's words."""
        from gensim.matutils import corpus2csc
        from gensim.models.ldamodel import dirichlet_expectation
        from sklearn.decomposition import NMF
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.feature_extraction.text import TfidfTransformer

        counts = corpus2csc(bows, num_terms=len(self.dictionary_)).T.tocsr()
        weights = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # a start, not a result
            topics = NMF(self.k, init="random", random_state=self.random_state, max_iter=400).fit(weights).components_
        shares = topics / np.maximum(topics.sum(axis=1, keepdims=True), 1e-12)
        state = self.lda_.state
        state.sstats = (shares * (counts.sum() / self.k) + 1e-3).astype(self.lda_.dtype)
        self.lda_.expElogbeta = np.exp(dirichlet_expectation(state.get_lambda())).astype(self.lda_.dtype)

    def transform(self, units: list[list[str]]) -> np.ndarray:
        """Topic proportions of each unit (rows sum to 1); the same on every call."""
        from gensim.utils import get_random_state

        check_is_fitted(self)
        units = _texts_of(units)

        self.lda_.random_state = get_random_state(self.random_state)  # inference draws from it
        texts = self._prepare(units)
        # As gensim's get_document_topics(doc2bow(terms), minimum_probability=0.0) for each unit in
        # turn (its draws from the random state follow one another the same way), in one inference
        gamma = self.lda_.inference_of_terms(texts, self.dictionary_)
        warn_unknown(int((~np.isfinite(gamma).all(axis=1)).sum()), len(texts))
        return unit_shares(gamma, self.k)

    def topic_terms(self, *, top: int = 10, relevance: float = 0.6) -> pd.DataFrame:
        """``topic_id, rank, term, weight``: terms ranked by relevance (Sievert and Shirley 2014),
        λ·log p(w|t) + (1−λ)·log(p(w|t)/p(w)); ``weight`` is p(w|t); ``lift`` follows."""
        check_is_fitted(self)
        topics = self.lda_.get_topics()
        counts = np.zeros(len(self.dictionary_))
        for t in self.texts_:
            for term_id, n in self.dictionary_.doc2bow(t):
                counts[term_id] += n
        p_w = counts / counts.sum()
        rows = []
        for topic_id, p in enumerate(topics):
            score = relevance * np.log(p) + (1 - relevance) * np.log(p / p_w)
            order = sorted(range(len(p)), key=lambda i: (-round(score[i], 12), self.dictionary_[i]))[:top]
            rows += [
                (topic_id, rank, self.dictionary_[i], round(float(p[i]), 6), round(float(p[i] / p_w[i]), 4))
                for rank, i in enumerate(order, start=1)
            ]
        return pd.DataFrame(rows, columns=["topic_id", "rank", "term", "weight", "lift"])

    def top_terms(self, top: int = 10) -> list[list[str]]:
        """The ``top`` most probable terms of each topic."""
        check_is_fitted(self)
        return [[self.dictionary_[i] for i, _ in self.lda_.get_topic_terms(t, topn=top)] for t in range(self.k)]

    def coherence(self, measure: str = "c_v", *, top: int = 10) -> float:
        """Mean topic coherence (``c_v``, ``c_npmi``, ``u_mass``) of the top terms over the fitted units."""
        from gensim.models import CoherenceModel

        model = CoherenceModel(
            topics=self.top_terms(top), texts=self.texts_, dictionary=self.dictionary_, coherence=measure, processes=1
        )
        return float(model.get_coherence())


def _auto(value, default):
    return default if value == "auto" else value


#: Units from which the inference of a fit or of :meth:`TopicModel.transform` is shared out
#: among processes, or sent to a Dask cluster (below, starting them costs more than it saves).
PARALLEL_UNITS = 2000
#: Units in one task of an inference sent to a Dask cluster: a fixed number, so that the tasks are
#: the same whatever the number of workers (each unit's result does not depend on them anyway).
CLUSTER_PART_UNITS = 250


@functools.cache
def _parallel_lda():
    """gensim's ``LdaModel`` with an inference shared out among processes, or a Dask cluster's
    workers, for many units."""
    from gensim.models import LdaModel
    from gensim.models.ldamodel import dirichlet_expectation

    class ParallelLda(LdaModel):
        """``LdaModel`` whose :meth:`inference` of :data:`PARALLEL_UNITS` units or more runs in
        ``jobs`` processes, or on the workers of a :class:`Cluster` given as ``jobs``, with the
        same result bit for bit: the random start of every unit is drawn here, each unit is
        inferred by gensim's own steps in a worker, and the sufficient statistics are summed here
        in the order of the units."""

        def __init__(self, *args, jobs: int | Cluster | None = None, **kwargs):
            self.jobs = jobs
            super().__init__(*args, **kwargs)

        def inference(self, chunk, collect_sstats=False):
            # OpenBLAS's single-precision matrix-vector product can raise the processor's "invalid"
            # flag on finite numbers: a run on all of VNTC printed "invalid value encountered in dot"
            # for a few of 33,759 units, not again when they were inferred alone, every weight
            # finite. Weights that really are not finite are counted by TopicModel.transform.
            with np.errstate(invalid="ignore"):
                return self._inference(chunk, collect_sstats)

        def inference_of_terms(self, texts: list[list[str]], dictionary) -> np.ndarray:
            """``inference([dictionary.doc2bow(t) for t in texts])[0]``; on a cluster, each unit's
            bag of words is made by the worker that infers it (the dictionary sent once)."""
            with np.errstate(invalid="ignore"):
                return self._inference(texts, False, dictionary=dictionary)[0]

        def _inference(self, chunk, collect_sstats, *, dictionary=None):
            from ..runtime.parallel import parallel_map, worker_count

            chunk = chunk if isinstance(chunk, list) else list(chunk)
            on_cluster = isinstance(self.jobs, Cluster) and len(chunk) >= PARALLEL_UNITS
            if dictionary is not None and not on_cluster:
                chunk, dictionary = [dictionary.doc2bow(t) for t in chunk], None
            # A few units given a cluster are inferred here, as given one process
            processes = 1 if isinstance(self.jobs, Cluster) else self.jobs
            workers = worker_count(processes, len(chunk) // (PARALLEL_UNITS // 2))
            if not on_cluster and (workers <= 1 or len(chunk) < PARALLEL_UNITS):  # 1 in a daemonic process
                return super().inference(chunk, collect_sstats=collect_sstats)
            gamma = self.random_state.gamma(100.0, 1.0 / 100.0, (len(chunk), self.num_topics)).astype(
                self.dtype, copy=False
            )
            expElogtheta = np.exp(dirichlet_expectation(gamma))  # noqa: N806 (gensim's names)
            state = _Inferring(
                self.expElogbeta, self.alpha, self.iterations, self.gamma_threshold, np.dtype(self.dtype), dictionary
            )
            size = CLUSTER_PART_UNITS if on_cluster else -(-len(chunk) // (workers * 4))
            parts = [(a, min(a + size, len(chunk))) for a in range(0, len(chunk), size)]
            if on_cluster:
                from ..runtime.cluster import cluster_imap_shared

                sent = (_Part(chunk[a:b], gamma[a:b], expElogtheta[a:b], collect_sstats) for a, b in parts)
                inferred = cluster_imap_shared(_infer_part, state, sent, self.jobs)
            else:
                inferred = parallel_map(
                    functools.partial(_infer_shared, state, chunk, gamma, expElogtheta, collect_sstats),
                    parts,
                    jobs=workers,
                    max_chunk=1,
                    min_progress=len(parts) + 1,
                )
            sstats = np.zeros_like(self.expElogbeta, dtype=self.dtype) if collect_sstats else None
            try:
                for (a, b), (gammas, thetas, scaled, bounds) in zip(parts, inferred):
                    gamma[a:b] = gammas
                    for d in range(a, b) if collect_sstats else ():
                        # gensim's sum, unit after unit: the same floats whatever the parts
                        lo, hi = bounds[d - a], bounds[d - a + 1]
                        sstats[:, _ids(chunk[d])] += np.outer(thetas[d - a].T, scaled[lo:hi])
            finally:
                if on_cluster:
                    inferred.close()  # an interrupted call cancels the tasks still out
            if collect_sstats:
                sstats *= self.expElogbeta
            return gamma, sstats

    return ParallelLda


@dataclass(frozen=True)
class _Inferring:
    """What inferring a unit's topics needs of the model, whichever unit: on a cluster, sent once
    per inference to every worker. With a ``dictionary``, units are lists of terms, not bags of words."""

    exp_elog_beta: np.ndarray
    alpha: np.ndarray
    iterations: int
    gamma_threshold: float
    dtype: np.dtype
    dictionary: object = None


@dataclass(frozen=True)
class _Part:
    """Units to infer, and their rows of the random start. (In an object of its own, a task's
    argument is sent as it is: Dask walks lists and tuples looking for futures in them, and for
    many short units walking their pairs of term id and count took longer than inferring them.)"""

    units: list
    gamma: np.ndarray
    exp_elog_theta: np.ndarray
    collect_sstats: bool


def inferring(model: TopicModel) -> _Inferring:
    """What inferring units' topics with ``model`` needs (its units as lists of terms), to be sent to workers."""
    lda = model.lda_
    return _Inferring(
        lda.expElogbeta, lda.alpha, lda.iterations, lda.gamma_threshold, np.dtype(lda.dtype), model.dictionary_
    )


def random_starts(model: TopicModel, sizes: list[int]):
    """The random start (gamma) of the units of each part of a corpus, ``sizes[i]`` units in part ``i``, as
    :meth:`TopicModel.transform` of all of them draws them, one after another from a fresh random state:
    a generator, so that each part's start is drawn when it is sent."""
    from gensim.utils import get_random_state

    random = get_random_state(model.random_state)
    for size in sizes:
        yield random.gamma(100.0, 1.0 / 100.0, (size, model.k)).astype(model.lda_.dtype, copy=False)


def infer_units(state: _Inferring, texts: list[list[str]], gamma: np.ndarray) -> np.ndarray:
    """The inferred gamma of units (lists of terms) from their random start: what
    :meth:`TopicModel.transform` infers for them, where they stand among all the units it is given."""
    from gensim.models.ldamodel import dirichlet_expectation

    if not len(texts):
        return gamma
    expElogtheta = np.exp(dirichlet_expectation(gamma))  # noqa: N806 (gensim's names)
    return _infer_part(state, _Part(texts, gamma.copy(), expElogtheta, False))[0]


def _ids(bow) -> list[int]:
    """The term ids of a bag of words, as gensim's inference takes them."""
    if len(bow) > 0 and not isinstance(bow[0][0], int | np.integer):
        return [int(idx) for idx, _ in bow]
    return [idx for idx, _ in bow]


def _infer_shared(state: _Inferring, chunk, gamma, expElogtheta, collect_sstats, part: tuple[int, int]) -> tuple:  # noqa: N803
    """:func:`_infer_part` of units ``part`` of ``chunk``, in a local worker that was handed them all."""
    a, b = part
    return _infer_part(state, _Part(chunk[a:b], gamma[a:b], expElogtheta[a:b], collect_sstats))


def _infer_part(state: _Inferring, part: _Part) -> tuple:
    """gensim's ``LdaModel.inference`` of the units of ``part`` (its loop, step for step).

    Returns the topic weights of each unit (a row each) and, for the sufficient statistics that the
    caller sums, exp E[log θ] of each (a row each) and its scaled counts, one after another
    (unit ``i``'s are ``scaled[bounds[i]:bounds[i + 1]]``); without ``collect_sstats`` these are None.
    """
    from gensim.models.ldamodel import dirichlet_expectation, mean_absolute_difference

    units, gamma, exp_elog_theta, collect_sstats = part.units, part.gamma, part.exp_elog_theta, part.collect_sstats
    if state.dictionary is not None:
        units = [state.dictionary.doc2bow(t) for t in units]
    dtype = state.dtype
    epsilon = np.finfo(dtype).eps
    gammas, thetas, scaled = [], [], []
    with np.errstate(invalid="ignore"):  # as in ParallelLda.inference
        for d, doc in enumerate(units):
            ids = _ids(doc)
            cts = np.fromiter((cnt for _, cnt in doc), dtype=dtype, count=len(doc))
            gammad = gamma[d, :]
            expElogthetad = exp_elog_theta[d, :]  # noqa: N806
            expElogbetad = state.exp_elog_beta[:, ids]  # noqa: N806
            phinorm = np.dot(expElogthetad, expElogbetad) + epsilon
            for _ in range(state.iterations):
                lastgamma = gammad
                gammad = state.alpha + expElogthetad * np.dot(cts / phinorm, expElogbetad.T)
                expElogthetad = np.exp(dirichlet_expectation(gammad))  # noqa: N806
                phinorm = np.dot(expElogthetad, expElogbetad) + epsilon
                if mean_absolute_difference(gammad, lastgamma) < state.gamma_threshold:
                    break
            gammas.append(gammad)
            if collect_sstats:
                thetas.append(expElogthetad)
                scaled.append(cts / phinorm)
    if not collect_sstats:
        return np.stack(gammas), None, None, None
    return np.stack(gammas), np.stack(thetas), np.concatenate(scaled), np.cumsum([0, *map(len, scaled)])


def unit_shares(gamma: np.ndarray, k: int) -> np.ndarray:
    """The topic proportions of units from their inferred gamma (rows sum to 1), as gensim's
    ``get_document_topics(..., minimum_probability=0.0)`` gives them; equal weights where not finite."""
    out = np.zeros((len(gamma), k))
    for i in range(len(gamma)):
        shares = gamma[i] / sum(gamma[i])
        for topic, weight in enumerate(shares):
            if weight >= 1e-8:  # gensim's smallest probability
                out[i, topic] = weight
    sums = out.sum(axis=1, keepdims=True)
    return np.divide(out, sums, out=np.full_like(out, 1 / k), where=sums > 0)


def warn_unknown(unknown: int, units: int) -> None:
    """The warning of units whose inferred weights are not numbers."""
    if unknown:
        warnings.warn(
            f"{unknown} of {units} units got topic weights that are not numbers (numerical "
            "overflow in the inference): they are given equal weights",
            RuntimeWarning,
            stacklevel=3,
        )


def doc_topics(model: TopicModel, units: list[Unit]) -> pd.DataFrame:
    """``doc_id, topic_id, weight`` for every document and topic: unit proportions averaged,
    weighted by each unit's number of terms."""
    weights = model.transform([u.terms for u in units])
    return doc_topics_of(weights, [u.doc_id for u in units], [len(u.terms) for u in units])


def doc_topics_of(weights: np.ndarray, doc_ids: list[str], sizes: list[int]) -> pd.DataFrame:
    """:func:`doc_topics` from the units' proportions (``weights``), documents and numbers of terms."""
    frame = pd.DataFrame(weights * np.array([[n] for n in sizes]))
    frame["doc_id"] = doc_ids
    summed = frame.groupby("doc_id", sort=True).sum()
    summed = summed.div(summed.sum(axis=1), axis=0)
    table = summed.stack().rename("weight").reset_index().rename(columns={"level_1": "topic_id"})
    table["weight"] = table["weight"].round(6)
    return table[["doc_id", "topic_id", "weight"]]


def representative_units(model: TopicModel, units: list[Unit], *, top: int = 2) -> pd.DataFrame:
    """The ``top`` units with the largest share of each topic: ``topic_id, rank, doc_id, share, text``."""
    weights = model.transform([u.terms for u in units])
    rows = []
    for topic in range(model.k):
        order = sorted(range(len(units)), key=lambda i: (-round(weights[i, topic], 9), units[i].doc_id))[:top]
        rows += [
            (topic, rank, units[i].doc_id, round(float(weights[i, topic]), 4), units[i].text)
            for rank, i in enumerate(order, start=1)
        ]
    return pd.DataFrame(rows, columns=["topic_id", "rank", "doc_id", "share", "text"])


def stability(models: list[TopicModel], *, top: int = 10) -> float:
    """How well topics from different seeds match: the mean, over pairs of models, of the
    average Jaccard similarity of top-term sets under the best one-to-one matching
    (Hungarian algorithm). 1 means every seed finds the same topics."""
    return _stability([m.top_terms(top) for m in models])


def _overlap(a: list[list[str]], b: list[list[str]]) -> np.ndarray:
    """Jaccard similarity of the top-term sets of every topic of ``a`` (rows) and of ``b`` (columns)."""
    terms_a, terms_b = [set(t) for t in a], [set(t) for t in b]
    return np.array([[len(x & y) / len(x | y) for y in terms_b] for x in terms_a])


def match_topics(a: list[list[str]], b: list[list[str]], *, one_to_one: bool = False) -> pd.DataFrame:
    """Which topic of model ``b`` each topic of model ``a`` resembles most (models given by the top
    terms of each topic, as :meth:`TopicModel.top_terms`; for instance an NMF cross-check against
    LDA): ``topic_a, topic_b, jaccard``, the Jaccard similarity of their top-term sets.

    By default each topic of ``a`` takes its most similar topic of ``b`` (the first on a tie), so two
    may take the same one; ``one_to_one`` matches them one to one instead (Hungarian algorithm), as
    :func:`stability` does.

    >>> match_topics([["a", "b"], ["c", "d"], ["a", "c"]], [["c", "d"], ["a", "b"]])
       topic_a  topic_b   jaccard
    0        0        1  1.000000
    1        1        0  1.000000
    2        2        0  0.333333
    """
    sim = _overlap(a, b)
    if one_to_one:
        from scipy.optimize import linear_sum_assignment

        rows, cols = linear_sum_assignment(-sim)
    else:
        rows = np.arange(len(a))
        cols = sim.argmax(axis=1) if sim.size else np.zeros(len(a), dtype=int)
    return pd.DataFrame({"topic_a": rows, "topic_b": cols, "jaccard": sim[rows, cols] if sim.size else []})


def _stability(top_terms: list[list[list[str]]]) -> float:
    """:func:`stability` of models given by the top terms of each of their topics."""
    from scipy.optimize import linear_sum_assignment

    scores = []
    for a, b in itertools.combinations(top_terms, 2):
        sim = _overlap(a, b)
        rows, cols = linear_sum_assignment(-sim)
        scores.append(sim[rows, cols].mean())
    return float(np.mean(scores)) if scores else 1.0


def _top_terms(units: list[list[str]], params: dict, task: tuple[int, int]) -> list[list[str]]:
    """One model of :func:`select_k`: the top terms of its topics."""
    k, seed = task
    return TopicModel(k, random_state=seed, **params).fit(units).top_terms()


def _coherences(units: list[list[str]], params: dict, models: list[list[list[str]]]) -> list[tuple[float, float]]:
    """c_v and c_npmi of each model (the top terms of its topics), as :meth:`TopicModel.coherence` gives
    them, with the units' words counted once per measure for all the models: gensim keeps a coherence
    model's counts when new topics need no word it has not counted, and a word's counts do not depend
    on which other words are counted."""
    from gensim.models import CoherenceModel

    texts, dictionary = TopicModel(2, **params)._vocabulary(units)
    scores = {}
    for measure in ("c_v", "c_npmi"):
        every = [topic for topics in models for topic in topics]
        counted = CoherenceModel(topics=every, texts=texts, dictionary=dictionary, coherence=measure, processes=1)
        counted.estimate_probabilities()
        scores[measure] = []
        for topics in models:
            counted.topics = topics
            scores[measure].append(round(float(counted.get_coherence()), 6))
    return list(zip(scores["c_v"], scores["c_npmi"]))


def select_k(units: list[list[str]], ks, *, seeds=(1, 2, 3), jobs: int | None = None, **params) -> pd.DataFrame:
    """Fit every k of ``ks`` with every seed and score each model: what :func:`choose_k` reads.

    Parameters
    ----------
    units : list of list of str
        The terms of each modelling unit (:func:`modelling_units`).
    ks : iterable of int
        The numbers of topics to try (:func:`k_range` gives a sensible range).
    seeds : tuple of int
        One model per k and seed; stability compares the seeds' topics.
    jobs : int, optional
        Processes fitting the models (default: all cores); the result does not depend on it.
    **params
        Further :class:`TopicModel` parameters.

    Returns
    -------
    pandas.DataFrame
        ``k, seed, c_v, c_npmi, stability`` (stability per k, repeated on its rows).

    Examples
    --------
    >>> units = [["mưa", "gió", "bão"], ["lúa", "gạo", "ngô"]] * 6
    >>> select_k(units, [2, 3], seeds=(1, 2), jobs=1)[["k", "seed"]].values.tolist()
    [[2, 1], [2, 2], [3, 1], [3, 2]]
    """
    return start_select_k(units, ks, seeds=seeds, jobs=jobs, **params).result()


def start_select_k(units: list[list[str]], ks, *, seeds=(1, 2, 3), jobs: int | None = None, **params) -> Later:
    """:func:`select_k` with its models fitted from now on in worker processes, while this process
    goes on with other work: ``result()`` gives the table."""
    tasks = [(k, seed) for k in ks if k <= len(units) for seed in seeds]
    # The largest k first: a fit takes longer the more topics it has, so the workers finish together
    longest_first = sorted(tasks, key=lambda task: -task[0])
    fits = parallel_start(
        functools.partial(_top_terms, units, params),
        longest_first,
        jobs=jobs,
        desc="choosing k",
        unit="model",
        min_progress=1,
        max_chunk=1,
    )

    def table(found: list) -> pd.DataFrame:
        top = dict(zip(longest_first, found))
        scores = dict(zip(tasks, _coherences(units, params, [top[task] for task in tasks])))
        rows = []
        for k in dict.fromkeys(k for k, _ in tasks):
            stable = round(_stability([top[k, seed] for seed in seeds]), 6)
            rows += [(k, seed, *scores[k, seed], stable) for seed in seeds]
        return pd.DataFrame(rows, columns=["k", "seed", "c_v", "c_npmi", "stability"])

    return fits.then(table)


def selection_sample(units: list, *, size: int | None = None, random_state: int = config.RANDOM_STATE) -> list:
    """The units k is chosen on: all of them, or a seeded random sample of ``size`` (in corpus order; by
    default :data:`SELECTION_SAMPLE`)."""
    size = SELECTION_SAMPLE if size is None else size
    return [units[i] for i in selection_indices(len(units), size=size, random_state=random_state)]


def selection_indices(n_units: int, *, size: int, random_state: int) -> list[int]:
    """The indices (in corpus order) of the units :func:`selection_sample` draws of ``n_units``."""
    if n_units <= size:
        return list(range(n_units))
    return sorted(int(i) for i in np.random.default_rng(random_state).choice(n_units, size=size, replace=False))


def _cache_key(kind: str, units: list[list[str]], settings: dict) -> str:
    from ..runtime.cache import code_version

    digest = hashlib.sha256(f"{kind}\0{code_version('topics.models')}\0{json.dumps(settings, sort_keys=True)}".encode())
    for unit in units:
        digest.update("\x1f".join(unit).encode() + b"\x1e")
    return digest.hexdigest()


def _cached(cache_dir, key: str, compute, encode, decode):
    """``decode`` of the blob stored under ``key``, else ``compute()``, stored as ``encode`` of it."""
    return _cached_later(cache_dir, key, lambda: Later.now(compute), encode, decode).result()


def _cached_later(cache_dir, key: str, start, encode, decode) -> Later:
    """``decode`` of the blob stored under ``key``, else the value of ``start()`` (a :class:`Later`),
    stored as ``encode`` of it when it is had."""
    if cache_dir is None:
        return start()
    from ..runtime.cache import TokenCache

    cache = TokenCache(Path(cache_dir))
    try:
        for _, blob in cache.blobs(TOPICS_TABLE, [key]):
            return Later.done(decode(blob))
    finally:
        cache.close()

    def stored(value):
        cache = TokenCache(Path(cache_dir))
        try:
            cache.put_blobs(TOPICS_TABLE, [(key, encode(value))])
        finally:
            cache.close()
        return value

    return start().then(stored)


TOPICS_TABLE = "topics_v1"


def cached_select_k(units: list[list[str]], ks, *, cache_dir=None, jobs: int | None = None) -> pd.DataFrame:
    """:func:`select_k` with the default seeds and parameters, stored in the cache under a hash of the
    units and of this module: a second run fits nothing."""
    return _start_cached_select_k(units, ks, cache_dir=cache_dir, jobs=jobs).result()


def _start_cached_select_k(units: list[list[str]], ks, *, cache_dir, jobs) -> Later:
    return _cached_later(
        cache_dir,
        _cache_key("select_k", units, {"ks": list(ks)}),
        lambda: start_select_k(units, ks, jobs=jobs),
        lambda table: table.to_csv(index=False).encode(),
        lambda blob: pd.read_csv(io.BytesIO(blob)),
    )


def cached_fit(
    units: list[list[str]], k: int, *, random_state: int = config.RANDOM_STATE, cache_dir=None, jobs=None
) -> TopicModel:
    """``TopicModel(k, random_state=random_state, jobs=jobs).fit(units)``, stored in the cache as plain
    arrays (``jobs`` changes nothing in the model). Above :data:`FIT_SAMPLE` units the model is fitted
    on a random sample of that many, drawn with ``random_state`` (:func:`selection_sample`);
    ``details_`` of the model says on how many units it was fitted, of how many."""
    sample = selection_sample(units, size=FIT_SAMPLE, random_state=random_state)
    return fit_sample(sample, len(units), k, random_state=random_state, cache_dir=cache_dir, jobs=jobs)


def fit_sample(
    sample: list[list[str]], n_units: int, k: int, *, random_state: int, cache_dir=None, jobs=None
) -> TopicModel:
    """:func:`cached_fit` of ``n_units`` units given the :func:`selection_sample` of them it fits on
    (:data:`FIT_SAMPLE`): what a run whose units are in the store, not in this process, reads back."""
    key = _cache_key("model", sample, {"k": k, "random_state": random_state})
    model = _cached(
        cache_dir,
        key,
        lambda: TopicModel(k, random_state=random_state, jobs=jobs).fit(sample),
        TopicModel.to_bytes,
        lambda blob: TopicModel(k, random_state=random_state, jobs=jobs).load_bytes(blob, sample),
    )
    model.details_ = {"units": n_units, "fit_units": len(sample), "fit_seed": random_state}
    return model


def k_selection(
    units, *, random_state: int = config.RANDOM_STATE, cache_dir=None, jobs: int | None = None
) -> pd.DataFrame:
    """Choosing k as the figures and the command line do it: every k of :func:`k_range` with three
    seeds (:func:`select_k`), on a sample of the units drawn with ``random_state`` when there are
    many (:func:`selection_sample`), stored in the cache.

    ``units`` are lists of terms or :class:`Unit` s. ``attrs["details"]`` says how the table was
    got: ``k_range``, ``units``, ``selection_units``, ``selection_seed`` (the figures' manifest
    records them).
    """
    return start_k_selection(units, random_state=random_state, cache_dir=cache_dir, jobs=jobs).result()


def start_k_selection(
    units, *, random_state: int = config.RANDOM_STATE, cache_dir=None, jobs: int | None = None
) -> Later:
    """:func:`k_selection` started now: its models are fitted in worker processes (unless the cache
    has the table) while this process goes on; ``result()`` gives the table."""
    texts = _texts_of(units)
    sample = selection_sample(texts, random_state=random_state) if k_range(len(texts)) else []
    return start_k_selection_of(sample, len(texts), random_state=random_state, cache_dir=cache_dir, jobs=jobs)


def start_k_selection_of(
    sample: list[list[str]], n_units: int, *, random_state: int = config.RANDOM_STATE, cache_dir=None, jobs=None
) -> Later:
    """:func:`start_k_selection` of ``n_units`` units given the :func:`selection_sample` of them it is
    made on: what a run whose units are in the store, not in this process, reads back."""
    ks = k_range(n_units)
    if not ks:
        raise InputError(
            "topics",
            f"{n_units} modelling unit{'' if n_units == 1 else 's'} with content words: "
            f"a topic model needs at least {K_RANGE.start}",
        )

    def described(table: pd.DataFrame) -> pd.DataFrame:
        table.attrs.update(
            details={
                "k_range": [ks.start, ks.stop - 1],
                "units": n_units,
                "selection_units": len(sample),
                "selection_seed": random_state,
            }
        )
        return table

    return _start_cached_select_k(sample, ks, cache_dir=cache_dir, jobs=jobs).then(described)


def choose_k(selection: pd.DataFrame) -> int:
    """The k with the highest mean c_v plus stability (both between 0 and 1, equally weighted):
    topics that are coherent and that another seed would find again. Ties go to the smaller k.

    Parameters
    ----------
    selection : pandas.DataFrame
        A table of :func:`select_k` (columns ``k``, ``c_v``, ``stability`` at least).

    Returns
    -------
    int

    Examples
    --------
    >>> import pandas as pd
    >>> choose_k(pd.DataFrame({"k": [2, 2, 3, 3], "c_v": [0.4, 0.4, 0.5, 0.5], "stability": [0.9, 0.9, 0.6, 0.6]}))
    2
    """
    means = selection.groupby("k")[["c_v", "stability"]].mean()
    score = (means["c_v"] + means["stability"]).round(9)
    return int(score[score == score.max()].index.min())
