"""Key terms: TF-IDF per document, keyness between two groups of documents, document similarity.

Terms are pyvi words (``hợp_tác``), folded, with stopwords, punctuation and numbers
left out (:mod:`analysis.text.stopwords`), and, by default, only content words by pyvi's
part-of-speech tags (nouns, verbs, adjectives: no numerals, pronouns, prepositions,
conjunctions, adverbs or particles); captions are left out unless asked for.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from ..errors import InputError, ParameterError, check_parameter, whole
from ..text.stopwords import content_key
from ..text.tokenise import TokenisedDocument

__all__ = [
    "most_similar_pairs",
    "document_terms",
    "content_terms",
    "terms_of_documents",
    "KeyTerms",
    "document_frequencies",
    "top_terms_of",
    "keyness",
    "keyness_of_counts",
    "keyness_between",
    "phrase_keyness",
    "median_date",
    "similarity",
    "two_groups",
]

#: pyvi tags of content words: nouns (N, Np, Nc, Nu, Ny, Nb), verbs (V, Vb, Vy), adjectives (A, Ab).
CONTENT_TAGS = frozenset({"N", "Np", "Nc", "Nu", "Ny", "Nb", "V", "Vb", "Vy", "A", "Ab"})


def document_terms(
    doc: TokenisedDocument,
    *,
    keep_captions: bool = False,
    tags: frozenset[str] | None = None,
    sentences: list | None = None,
) -> list[str]:
    """The folded content words of a document (or of ``sentences`` of it), in text order.

    ``tags`` keeps only words with those pyvi part-of-speech tags (the document must
    have been tokenised with ``pos=True``).
    """
    words = (
        doc.forms(keep_captions=keep_captions)
        if sentences is None
        else ((w.form, w.tag) for s in sentences for w in s.words)
    )
    return [key for form, tag in words if (tags is None or tag in tags) and (key := content_key(form)) is not None]


def terms_of_documents(
    tokenised: list[TokenisedDocument],
    *,
    keep_captions: bool = False,
    tags: frozenset[str] | None = CONTENT_TAGS,
    jobs=None,
) -> list[list[str]]:
    """:func:`document_terms` of every document, over ``jobs`` worker processes for a large corpus
    (unpacking the words is most of the work)."""
    import functools

    from ..runtime.parallel import Cluster, parallel_map

    return parallel_map(
        functools.partial(document_terms, keep_captions=keep_captions, tags=tags),
        tokenised,
        jobs=None if isinstance(jobs, Cluster) else jobs,
        min_items=1000,
        max_chunk=64,
        desc="terms",
    )


class KeyTerms(BaseEstimator):
    """TF-IDF key terms of documents (scikit-learn), as an estimator.

    Parameters
    ----------
    sublinear_tf : bool
        Use 1 + log(tf), so that one word repeated does not swamp an article.
    min_df : int
        Keep terms found in at least this many documents.

    Attributes
    ----------
    vocabulary_ : dict
        Term -> its column, the terms in sorted order.
    transformer_ : sklearn TfidfTransformer
        With the smoothed IDF of every term of the vocabulary (``idf_``).
    matrix_ : sparse matrix, documents × terms
    terms_ : numpy array of str
    doc_ids_ : list of str

    The weights are scikit-learn's (``TfidfVectorizer(sublinear_tf=..., min_df=..., norm="l2")``),
    fitted in two steps so that the second can run a partition of documents at a time on a cluster
    with the first's result (:meth:`fit_frequencies`, :meth:`weigh`): the documents' frequencies,
    then each document's weights, which depend on nothing else.

    Examples
    --------
    >>> import analysis
    >>> top = KeyTerms().fit(analysis.Session()).top_terms(3)
    >>> top.groupby("doc_id").size().tolist()
    [3, 3, 3, 3, 3]
    """

    def __init__(self, *, sublinear_tf: bool = True, min_df: int = 1):
        self.sublinear_tf = sublinear_tf
        self.min_df = min_df

    def fit(self, corpus, doc_ids: list[str] | None = None) -> KeyTerms:
        """Weigh the content words of a :class:`~analysis.session.Session`'s documents (or of a corpus,
        or lists of terms with their ``doc_ids``); returns ``self``."""
        self._check()
        documents, doc_ids = _terms_of(corpus, doc_ids)
        counts = [Counter(terms) for terms in documents]
        self.fit_frequencies(document_frequencies(counts), len(counts))
        self.matrix_ = self.weigh(counts)
        self.doc_ids_ = list(doc_ids)
        return self

    def fit_frequencies(self, frequencies: dict[str, int], n_documents: int) -> KeyTerms:
        """Learn the vocabulary and IDF from each term's document frequency (:func:`document_frequencies`,
        added up over partitions) and the number of documents; returns ``self``, ready to :meth:`weigh`."""
        from sklearn.feature_extraction.text import TfidfTransformer

        self._check()
        terms = sorted(term for term, df in frequencies.items() if df >= self.min_df)
        if not terms:
            raise InputError("key terms", f"no term is in {self.min_df} documents or more")
        self.vocabulary_ = {term: i for i, term in enumerate(terms)}
        self.terms_ = np.array(terms, dtype=object)
        df = np.array([frequencies[t] for t in terms], dtype=np.float64)
        # TfidfTransformer.fit's smoothed IDF, ln((1 + n) / (1 + df)) + 1, in the same float operations
        df += 1.0
        idf = np.full_like(df, fill_value=n_documents + 1, dtype=np.float64)
        idf /= df
        np.log(idf, out=idf)
        idf += 1.0
        self.transformer_ = TfidfTransformer(sublinear_tf=self.sublinear_tf, norm="l2")
        self.transformer_.idf_ = idf
        return self

    def weigh(self, counts: list[dict[str, int]]):
        """The TF-IDF matrix (documents × :attr:`terms_`) of documents given as term -> count; terms out of
        the vocabulary are left out. A document's row depends on it alone and on the fitted IDF."""
        import scipy.sparse as sp

        check_is_fitted(self, "transformer_")
        indptr, indices, data = [0], [], []
        for doc in counts:
            columns = sorted((self.vocabulary_[t], n) for t, n in doc.items() if t in self.vocabulary_)
            indices += [c for c, _ in columns]
            data += [n for _, n in columns]
            indptr.append(len(indices))
        shape = (len(counts), len(self.vocabulary_))
        matrix = sp.csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), indptr), shape)
        return self.transformer_.transform(matrix)

    def top_terms(self, top: int = 10) -> pd.DataFrame:
        """``doc_id, rank, term, score``: the ``top`` highest TF-IDF terms of each document (ties by term)."""
        check_is_fitted(self, "matrix_")
        return top_terms_of(self.matrix_, self.doc_ids_, self.terms_, top)

    def similarity(self) -> pd.DataFrame:
        """Cosine similarity of the documents' TF-IDF vectors."""
        check_is_fitted(self, "matrix_")
        values = (self.matrix_ @ self.matrix_.T).toarray().round(6)
        return pd.DataFrame(values, index=pd.Index(self.doc_ids_, name="doc_id"), columns=self.doc_ids_)

    def _check(self) -> None:
        check_parameter("sublinear_tf", self.sublinear_tf, isinstance(self.sublinear_tf, bool), "True or False")
        check_parameter("min_df", self.min_df, whole(self.min_df, 1), "a whole number of at least 1")


def document_frequencies(counts) -> dict[str, int]:
    """Term -> the number of documents (each given as term -> count) that hold it."""
    return dict(Counter(term for doc in counts for term in doc))


def top_terms_of(matrix, doc_ids: list[str], terms, top: int) -> pd.DataFrame:
    """``doc_id, rank, term, score``: the ``top`` highest weights of each row of ``matrix`` (ties by term)."""
    rows = []
    matrix = matrix.tocsr()
    for i, doc_id in enumerate(doc_ids):
        start, stop = matrix.indptr[i], matrix.indptr[i + 1]
        pairs = zip(matrix.data[start:stop], terms[matrix.indices[start:stop]])
        best = sorted(pairs, key=lambda p: (-p[0], p[1]))[:top]
        rows += [(doc_id, rank, term, round(float(score), 6)) for rank, (score, term) in enumerate(best, 1)]
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "score"])


def content_terms(corpus) -> tuple[list[list[str]], list[str]]:
    """The content words of every document (folded nouns, verbs, adjectives by pyvi's tags, stopwords
    out; captions as the session chose) and the documents' ids: what key terms, keyness and topics
    count. ``corpus`` is a :class:`~analysis.session.Session`, a corpus or a list of documents."""
    from ..session import captions_kept, documents_of, tokenised_of

    tokenised, keep = tokenised_of(corpus, pos=True), captions_kept(corpus)
    terms = terms_of_documents(tokenised, keep_captions=keep, jobs=getattr(corpus, "jobs", None))
    return terms, [d.doc_id for d in documents_of(corpus)]


def _terms_of(corpus, doc_ids: list[str] | None) -> tuple[list[list[str]], list[str]]:
    """The content words of each document of a session or corpus and their ids, or the lists given."""
    from ..session import Session

    given = isinstance(corpus, list | tuple) and all(isinstance(d, list | tuple) for d in corpus)
    if isinstance(corpus, Session) or not given:
        return content_terms(corpus)
    if doc_ids is None or len(doc_ids) != len(corpus):
        raise ParameterError("doc_ids", f"give one id for each of the {len(corpus)} lists of terms")
    return [list(d) for d in corpus], list(doc_ids)


def most_similar_pairs(
    fitted: KeyTerms,
    *,
    top: int = 30,
    block: int | None = None,
    exclude: set[frozenset[str]] | None = None,
    jobs=None,
    sample: int | None = None,
    random_state: int = 0,
) -> pd.DataFrame:
    """``doc_a, doc_b, similarity``: the ``top`` pairs of different documents with the highest cosine
    similarity (ties by the documents' order), leaving out the pairs in ``exclude`` (sets of two
    ``doc_id``). The similarities are computed ``block`` documents at a time (default: about 4
    million similarities a block) against the documents after them, over ``jobs`` worker processes
    (default: all cores), so that no n × n matrix is ever held.

    Every pair is compared, so the time grows with the square of the documents (about 40 CPU
    seconds for the 33,759 of VNTC): with ``sample``, only the pairs within a random sample of
    that many documents (drawn with ``random_state``) are compared when there are more; the
    table's ``attrs["sampled"]`` is then the sample's size, else absent."""
    import functools

    from ..runtime.parallel import Cluster, parallel_map

    matrix = fitted.matrix_.tocsr()
    ids = fitted.doc_ids_
    sampled = sample is not None and matrix.shape[0] > sample
    if sampled:
        check_parameter("sample", sample, whole(sample, 2), "a whole number of at least 2")
        chosen = np.sort(np.random.default_rng(random_state).choice(matrix.shape[0], sample, replace=False))
        matrix, ids = matrix[chosen], [ids[i] for i in chosen]
    n = matrix.shape[0]
    block = block or max(1, min(n, 4_000_000 // max(n, 1)))
    position = {d: i for i, d in enumerate(ids)}
    excluded = {
        (min(a, b), max(a, b))
        for pair in exclude or ()
        if len(pair) == 2 and all(d in position for d in pair)
        for a, b in [tuple(position[d] for d in pair)]
    }
    found = parallel_map(
        functools.partial(_best_of_block, matrix, block, top, excluded),
        list(range(0, n, block)),
        jobs=None if isinstance(jobs, Cluster) else jobs,
        min_items=4,
        max_chunk=1,
        min_progress=10**9,
    )
    best = sorted(pair for pairs in found for pair in pairs)[:top]
    table = pd.DataFrame([(ids[a], ids[b], -v) for v, a, b in best], columns=["doc_a", "doc_b", "similarity"])
    if sampled:
        table.attrs["sampled"] = sample
    return table


def _best_of_block(matrix, block: int, top: int, excluded: set[tuple[int, int]], start: int) -> list[tuple]:
    """``(-similarity, a, b)`` of the ``top`` most similar pairs ``a < b`` (not in ``excluded``) with
    ``a`` among the ``block`` documents from ``start`` (and the pairs tied with the last)."""
    stop = min(start + block, matrix.shape[0])
    sims = (matrix[start:stop] @ matrix[start:].T).tocsr()  # only the documents from `start` on
    rows = np.repeat(np.arange(start, stop), np.diff(sims.indptr))
    cols = sims.indices + start
    keep = cols > rows  # each pair once, not a document with itself
    values = sims.data[keep].round(6)
    rows, cols = rows[keep], cols[keep]
    del sims, keep
    need = top + len(excluded)  # the best `top` pairs left once the excluded ones are out
    if len(values) > need:
        part = np.partition(values, len(values) - need)[len(values) - need]
        chosen = values >= part
        rows, cols, values = rows[chosen], cols[chosen], values[chosen]
    pairs = [(v, a, b) for v, a, b in zip((-values).tolist(), rows.tolist(), cols.tolist()) if (a, b) not in excluded]
    return sorted(pairs)[:top]


def similarity(documents: list[list[str]], doc_ids: list[str]) -> pd.DataFrame:
    """Cosine similarity of TF-IDF vectors of documents of terms."""
    return KeyTerms().fit(documents, doc_ids).similarity()


def _g2(a: int, b: int, total_a: int, total_b: int) -> float:
    """Log-likelihood G² (Rayson and Garside 2000) of a term found a times in A and b times in B."""
    expected_a = total_a * (a + b) / (total_a + total_b)
    expected_b = total_b * (a + b) / (total_a + total_b)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, expected_a), (b, expected_b)) if o > 0)


def keyness(
    group_a: list[list[str]], group_b: list[list[str]], *, min_count: int = 2, labels: tuple[str, str] = ("A", "B")
) -> pd.DataFrame:
    """Key words of group A against group B, as in corpus-linguistics tools (log-likelihood G²).

    Parameters
    ----------
    group_a, group_b : list of list of str
        The terms of each document of the two groups.
    min_count : int
        Terms seen fewer times in all are left out.
    labels : (str, str)
        Names of the groups, as ``key_for`` gives them.

    Returns
    -------
    pandas.DataFrame
        ``term, count_a, count_b, per_10k_a, per_10k_b, g2, log_ratio, key_for``, strongest first
        (see :func:`keyness_of_counts`).

    Examples
    --------
    >>> table = keyness([["hòa_bình", "hợp_tác", "hợp_tác", "hợp_tác"]],
    ...                 [["chiến_tranh", "chiến_tranh", "chiến_tranh", "hợp_tác"]], min_count=1)
    >>> sorted(table[["term", "key_for"]].itertuples(index=False, name=None))
    [('chiến_tranh', 'B'), ('hòa_bình', 'A'), ('hợp_tác', 'A')]
    """
    count_a, count_b = Counter(t for d in group_a for t in d), Counter(t for d in group_b for t in d)
    return keyness_of_counts(
        count_a, count_b, sum(count_a.values()), sum(count_b.values()), min_count=min_count, labels=labels
    )


def keyness_of_counts(
    count_a: dict[str, int],
    count_b: dict[str, int],
    total_a: int,
    total_b: int,
    *,
    min_count: int = 2,
    labels: tuple[str, str] = ("A", "B"),
) -> pd.DataFrame:
    """Terms over-used in group A against group B, and the reverse, as in corpus-linguistics tools.

    Columns: ``term, count_a, count_b, per_10k_a, per_10k_b, g2, log_ratio, key_for``.
    ``g2`` is the log-likelihood statistic (3.84 is p < 0.05, 10.83 is p < 0.001 with one
    degree of freedom); ``log_ratio`` the binary log of the ratio of relative frequencies
    (Hardie 2014), with 0.5 added to a zero count; ``key_for`` names the group that uses
    the term more (by the unsmoothed relative frequencies). Sorted by G², strongest
    first; terms seen fewer than ``min_count``
    times in all are left out.
    """
    if not total_a or not total_b:
        raise InputError("keyness", "each group needs at least one term after removing stopwords")
    rows = []
    for term in sorted(set(count_a) | set(count_b)):
        a, b = count_a.get(term, 0), count_b.get(term, 0)
        if a + b < min_count:
            continue
        ratio = math.log2(((a or 0.5) / total_a) / ((b or 0.5) / total_b))
        rows.append(
            (
                term,
                a,
                b,
                round(1e4 * a / total_a, 4),
                round(1e4 * b / total_b, 4),
                round(_g2(a, b, total_a, total_b), 4),
                round(ratio, 4),
                labels[0] if a / total_a > b / total_b else labels[1],
            )
        )
    table = pd.DataFrame(
        rows, columns=["term", "count_a", "count_b", "per_10k_a", "per_10k_b", "g2", "log_ratio", "key_for"]
    )
    return table.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def two_groups(
    documents, *, split: str | None = None, by: str | None = None, value: str | None = None, strict: bool = True
) -> tuple[list[bool | None], tuple[str, str]]:
    """Which documents are in group A (True), B (False) or neither (None), and the groups' names.

    ``split``: A is before that date, B on or after it (undated documents in neither).
    ``by``/``value``: A has ``value`` in that metadata column (``source``, ``date_source``, or a
    column of ``metadata.csv`` or of the table), B the rest.
    ``strict``: an :class:`~analysis.errors.InputError` when a group is empty (else the mask as it is).
    """
    if split is not None:
        from ..reading.dates import parse_iso

        if parse_iso(split) is None:
            raise ParameterError("split", f"{split!r} is not a date in YYYY-MM-DD form")
        mask = [None if d.date is None else d.date.isoformat() < split for d in documents]
        labels = (f"before {split}", f"from {split}")
    elif by is not None:
        if value is None:
            raise ParameterError("value", "give the value that makes group A (the documents whose `by` column has it)")
        mask = [str(_field(d, by)) == value for d in documents]
        labels = (f"{by} = {value}", f"{by} ≠ {value}")
    else:
        raise ParameterError("split", "give a split date YYYY-MM-DD, or a column `by` and its `value`")
    if strict and (True not in mask or False not in mask):
        raise InputError("keyness", f"one of the groups ({labels[0]} / {labels[1]}) has no document")
    return mask, labels


def median_date(documents) -> str:
    """The median publication date of the dated ``documents`` (ISO; the later of the two middle ones
    for an even number), or ``""`` when none is dated: the default split of keyness between periods.

    >>> from types import SimpleNamespace as D
    >>> from datetime import date
    >>> median_date([D(date=date(2024, 1, 5)), D(date=None), D(date=date(2025, 3, 1)), D(date=date(2023, 2, 2))])
    '2024-01-05'
    """
    dates = sorted(d.date.isoformat() for d in documents if d.date)
    return dates[len(dates) // 2] if dates else ""


def keyness_between(
    terms: list[list[str]],
    documents,
    *,
    split: str | None = None,
    by: str | None = None,
    value: str | None = None,
    min_count: int = 2,
) -> pd.DataFrame:
    """Key words of two groups of ``documents`` (:func:`two_groups`), ``terms`` holding each
    document's terms in the same order; see :func:`keyness`."""
    mask, labels = two_groups(documents, split=split, by=by, value=value)
    return keyness(
        [t for t, m in zip(terms, mask) if m is True],
        [t for t, m in zip(terms, mask) if m is False],
        min_count=min_count,
        labels=labels,
    )


def phrase_keyness(
    counts: pd.DataFrame, documents, *, split: str | None = None, by: str | None = None, value: str | None = None
) -> pd.DataFrame:
    """Key lexicon phrases of two groups of ``documents`` (:func:`two_groups`): ``counts`` are the
    phrase counts of :func:`~analysis.framing.tables.count_phrases`, the group sizes their documents'
    syllables; every phrase found at least once is kept. Columns as :func:`keyness_of_counts`."""
    mask, labels = two_groups(documents, split=split, by=by, value=value)
    group = counts["doc_id"].map(dict(zip((d.doc_id for d in documents), mask)))
    sizes = counts.drop_duplicates("doc_id").assign(group=group).groupby("group")["n_syllables"].sum()
    per = counts.assign(group=group).groupby(["group", "phrase"])["count"].sum()
    return keyness_of_counts(
        per[True].to_dict(), per[False].to_dict(), int(sizes[True]), int(sizes[False]), min_count=1, labels=labels
    )


def _field(document, name: str):
    if name in ("source", "date_source", "title", "doc_id"):
        return getattr(document, name)
    if name in document.meta:
        return document.meta[name]
    raise ParameterError("by", f"no metadata column {name!r} (try source, date_source or a metadata.csv column)")
