"""Framing phrases: how often, where and since when the formulas of diplomatic language occur.

Everything here works on folded syllables (:mod:`analysis.framing.phrases`), never on pyvi
words, so it needs no tokeniser: a phrase matches a run of whole tokens of one
sentence, punctuation included, so ``gắn kết, chiến lược`` is not ``gắn kết chiến
lược``, whatever way pyvi would segment either. Titles and headings count; captions
only with ``keep_captions``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..session import syllabified_of
from ..text.syllables import Syllabified, syllabify
from ..text.vietnamese import normalize, token_keys, tokens
from .lexicon import Formula, Lexicon, lexicon_of
from .ngrams import DictionaryPairs, Level, Runs, capitals, distinct_pairs, levels
from .phrases import PHRASE_COLUMNS, PHRASE_TABLE_COLUMNS, PhraseMatcher, phrase_rows

__all__ = [
    "Syllabified",
    "syllabify",
    "PhraseMatcher",
    "count_phrases",
    "phrase_totals",
    "period_parts",
    "combine_totals",
    "merge_parts",
    "kwic",
    "formula_completeness",
    "attestations",
    "cooccurrence",
    "dispersion",
    "discover",
    "PHRASE_COLUMNS",
]


def count_phrases(corpus, lexicon: Lexicon | str | Path | None = None) -> pd.DataFrame:
    """How often each phrase of a lexicon occurs in each document, matched on folded syllables.

    Parameters
    ----------
    corpus : Session, Corpus or list of Document
        What to count in; a session's choice of captions is followed (other sources: captions out).
    lexicon : Lexicon, path or None
        The phrases (default: the built-in lexicon; a ``.toml`` or ``.txt`` file).

    Returns
    -------
    pandas.DataFrame
        One row for every (document, phrase): the contract's phrase columns (``doc_id, date,
        source, phrase, count, n_syllables, per_10k``, then ``group``, ``gloss``).

    Examples
    --------
    >>> import analysis
    >>> counts = count_phrases(analysis.Session())
    >>> int(counts.loc[counts["phrase"] == "hữu nghị vĩ đại", "count"].sum())
    4
    """
    docs = syllabified_of(corpus)
    lexicon = lexicon_of(lexicon)
    return pd.DataFrame(list(phrase_rows(docs, lexicon)), columns=PHRASE_TABLE_COLUMNS)


def phrase_totals(counts: pd.DataFrame, *, period: str = "M", by: str = "phrase") -> pd.DataFrame:
    """Counts and rates per period and phrase (or group). Undated documents are left out.

    Parameters
    ----------
    counts : pandas.DataFrame
        A table of :func:`count_phrases`.
    period : str
        ``"M"`` month, ``"Q"`` quarter, ``"Y"`` year or ``"D"`` day.
    by : str
        ``"phrase"`` or ``"group"``.

    Returns
    -------
    pandas.DataFrame
        ``period``, ``by``'s values, ``count``, ``n_syllables`` (of the documents of that period),
        ``per_10k``, ``documents``.

    Examples
    --------
    >>> import analysis
    >>> totals = phrase_totals(count_phrases(analysis.Session()), period="Y")
    >>> totals.columns.tolist()
    ['period', 'phrase', 'count', 'n_syllables', 'per_10k', 'documents']
    """
    return combine_totals([period_parts(counts, period=period, by=by)], by=by)


def period_parts(counts: pd.DataFrame, *, period: str = "M", by: str = "phrase") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The totals of :func:`phrase_totals` for some of the documents, to be added up by
    :func:`combine_totals`: counts per period and ``by``, and the size of each period."""
    dated = counts[counts["date"] != ""]
    dated = dated.assign(period=pd.PeriodIndex(dated["date"], freq=period).astype(str))
    sizes = (
        dated.drop_duplicates("doc_id")
        .groupby("period")
        .agg(n_syllables=("n_syllables", "sum"), documents=("doc_id", "size"))
        .reset_index()
    )
    return dated.groupby(["period", by], sort=True)["count"].sum().reset_index(), sizes


def merge_parts(parts: list[tuple[pd.DataFrame, pd.DataFrame]], *, by: str = "phrase") -> tuple:
    """The :func:`period_parts` of disjoint sets of documents added up into those of them all."""
    kept = [(c, s) for c, s in parts if len(s)] or list(parts[:1])
    if len(kept) == 1:
        return kept[0]
    counts = pd.concat([c for c, _ in kept]).groupby(["period", by], sort=True)["count"].sum().reset_index()
    sizes = pd.concat([s for _, s in kept]).groupby("period")[["n_syllables", "documents"]].sum().reset_index()
    return counts, sizes


def combine_totals(parts: list[tuple[pd.DataFrame, pd.DataFrame]], *, by: str = "phrase") -> pd.DataFrame:
    """:func:`phrase_totals` from the :func:`period_parts` of every part of a corpus (documents in one part only)."""
    columns = ["period", by, "count", "n_syllables", "per_10k", "documents"]
    counts, sizes = merge_parts(parts, by=by)
    if sizes.empty:
        return pd.DataFrame(columns=columns)
    table = counts.join(sizes.set_index("period"), on="period")
    table["per_10k"] = (1e4 * table["count"] / table["n_syllables"]).round(4)
    return table[columns]


def kwic(corpus, phrase: str, *, window: int = 8) -> pd.DataFrame:
    """Key words in context: every match of ``phrase`` with syllables each side, as the document writes them.

    Parameters
    ----------
    corpus : Session, Corpus or list of Document
    phrase : str
        Matched folded (case, Unicode form and tone-mark placement do not matter), on whole syllables.
    window : int
        Syllables shown each side.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, date, sentence_id, left, match, right``, then ``sentence``.

    Examples
    --------
    >>> import analysis
    >>> table = kwic(analysis.Session(), "HỮU NGHỊ VĨ ĐẠI", window=4)
    >>> len(table), table["doc_id"].nunique()
    (4, 2)
    """
    docs = syllabified_of(corpus)
    from .lexicon import Phrase

    matcher, rows = PhraseMatcher(Lexicon((Phrase(phrase),))), []
    for doc in docs:
        if not matcher.present_in(doc):  # the phrase is nowhere in it
            continue
        text, original = normalize(doc.document.text), doc.document.text
        spans = {s.index: s for s in doc.document.sentences}
        for (sentence_id, _), joined in zip(doc.sentences, doc.joined):
            found = matcher.find(joined)
            if not found:
                continue
            s = spans[sentence_id]
            toks = tokens(text, s.start, s.end)
            for _, first, end in found:
                before = [t for t in toks[:first] if t.kind == "syllable"][-window:] if window else []
                after = [t for t in toks[end:] if t.kind == "syllable"][:window] if window else []
                a, b = toks[first].start, toks[end - 1].end
                rows.append(
                    (
                        doc.doc_id,
                        doc.date,
                        sentence_id,
                        original[before[0].start : a].strip() if before else "",
                        original[a:b],
                        original[b : after[-1].end].strip() if after else "",
                        original[s.start : s.end],
                    )
                )
    return pd.DataFrame(rows, columns=["doc_id", "date", "sentence_id", "left", "match", "right", "sentence"])


def dispersion(corpus, lexicon: Lexicon | str | Path | None = None) -> pd.DataFrame:
    """Where each phrase occurs in each document: ``doc_id, date, phrase, sentence_id, position``,
    ``position`` being the share of the document's tokens before the match (0 to 1)."""
    docs = syllabified_of(corpus)
    lexicon = lexicon_of(lexicon)
    matcher, rows = PhraseMatcher(lexicon), []
    for doc in docs:
        offset, present = 0, matcher.present_in(doc)
        if not present:
            continue
        for (sentence_id, keys), joined in zip(doc.sentences, doc.joined):
            for phrase, first, _ in matcher.find(joined, present):
                rows.append((doc.doc_id, doc.date, phrase, sentence_id, round((offset + first) / doc.n_tokens, 6)))
            offset += len(keys)
    return pd.DataFrame(rows, columns=["doc_id", "date", "phrase", "sentence_id", "position"])


def formula_completeness(corpus, formula: Formula) -> pd.DataFrame:
    """For each document, the most parts of ``formula`` found together in one sentence, and their order.

    Columns: ``doc_id, date, max_parts, parts, order, sentence_id, sentences_with_any``. ``order``
    numbers the parts by their canonical position as they appear (``1-2-3-4``; ``4-3`` for
    ``GẮN KẾT CHIẾN LƯỢC, HỢP TÁC TOÀN DIỆN``); ``parts`` lists them.
    """
    docs = syllabified_of(corpus)
    from .lexicon import Phrase

    matcher = PhraseMatcher(Lexicon(tuple(Phrase(p) for p in formula.parts)))
    position = {p: i + 1 for i, p in enumerate(formula.parts)}
    rows = []
    for doc in docs:
        best, best_id, with_any = [], "", 0
        present = matcher.present_in(doc)
        for (sentence_id, _), joined in zip(doc.sentences, doc.joined) if present else ():
            seen = list(dict.fromkeys(phrase for phrase, _, _ in matcher.find(joined, present)))
            with_any += bool(seen)
            if len(seen) > len(best):
                best, best_id = seen, sentence_id
        rows.append(
            (
                doc.doc_id,
                doc.date,
                len(best),
                "; ".join(best),
                "-".join(str(position[p]) for p in best),
                best_id,
                with_any,
            )
        )
    return pd.DataFrame(
        rows, columns=["doc_id", "date", "max_parts", "parts", "order", "sentence_id", "sentences_with_any"]
    )


def attestations(counts: pd.DataFrame, corpus) -> pd.DataFrame:
    """First and last attestation of each phrase, how widely it is used, and by which sources.

    Columns: ``phrase, group, count, documents, first_date, first_doc, last_date, last_doc, sources``.
    Undated documents count but cannot be first or last.
    """
    docs = syllabified_of(corpus)
    source = {d.doc_id: d.document.source for d in docs}
    rows = []
    for phrase, rows_of in counts.groupby("phrase", sort=False):
        used = rows_of[rows_of["count"] > 0].sort_values(["date", "doc_id"])
        dated = used[used["date"] != ""]
        rows.append(
            (
                phrase,
                rows_of["group"].iloc[0],
                int(used["count"].sum()),
                len(used),
                dated["date"].iloc[0] if len(dated) else "",
                dated["doc_id"].iloc[0] if len(dated) else "",
                dated["date"].iloc[-1] if len(dated) else "",
                dated["doc_id"].iloc[-1] if len(dated) else "",
                "; ".join(sorted({source[d] for d in used["doc_id"] if source[d]})),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "phrase",
            "group",
            "count",
            "documents",
            "first_date",
            "first_doc",
            "last_date",
            "last_doc",
            "sources",
        ],
    )


def cooccurrence(corpus, lexicon: Lexicon | str | Path | None = None) -> pd.DataFrame:
    """Sentences in which both phrases occur, for every pair (the diagonal: sentences with the phrase)."""
    docs = syllabified_of(corpus)
    lexicon = lexicon_of(lexicon)
    matcher = PhraseMatcher(lexicon)
    names = [p.phrase for p in lexicon]
    matrix = pd.DataFrame(0, index=pd.Index(names, name="phrase"), columns=names)
    for doc in docs:
        found = matcher.present_in(doc)
        for joined in doc.joined if found else ():
            present = sorted({phrase for phrase, _, _ in matcher.find(joined, found)}, key=names.index)
            for a in present:
                for b in present:
                    matrix.loc[a, b] += 1
    return matrix


def _edge_stopwords() -> frozenset[str]:
    from ..text.stopwords import stopwords

    return frozenset(w for w in stopwords() if "_" not in w)


def _dictionary_words() -> frozenset[str]:
    """pyvi's dictionary of two- and three-syllable words (its data file; no model is loaded)."""
    from ..text.tokenise import dictionary_words

    return dictionary_words()


def discover(
    corpus,
    *,
    lexicon: Lexicon | None = None,
    min_n: int = 2,
    max_n: int = 6,
    min_docs: int = 2,
    min_count: int = 2,
    min_sources: int = 2,
    top: int = 50,
) -> pd.DataFrame:
    """Recurring multi-syllable sequences that may be formulas: strongest association and widest
    spread first.

    Candidates are runs of ``min_n`` to ``max_n`` syllables inside one sentence, never
    across punctuation, found in at least ``min_docs`` documents and ``min_count`` times,
    that neither start nor end with a stopword, a number or a credit word (``ảnh``,
    ``pv``, ``ctv`` ...), hold no URL or address (a syllable with ``.``, ``/`` or ``@``),
    and are not themselves one dictionary word (``chiến lược``, ``đặc biệt``: pyvi's word
    list), since a formula joins words. Left out too:

    - sequences that recur in one source only, when the corpus has ``min_sources`` sources
      or more (a document without a source is a source of its own): boilerplate;
    - proper names: sequences written, in most of their occurrences, with two or more
      capitalised syllables at their start or end (``Tô Lâm``, ``Thủ tướng Phạm Minh
      Chính``, ``Bộ Ngoại giao``; captions and bylines are not read at all);
    - word fragments: a sequence never seen without the same neighbour (``tổng bí``
      always before ``thư``), or one that, in most of its occurrences, cuts a dictionary
      word at an edge (``hợp tác toàn`` before ``diện``: ``toàn diện`` is a word, ``tác toàn``
      is not).

    ``npmi`` is the weakest link: the smallest normalised PMI over the ways of cutting the
    sequence in two, so that every part must attract the rest. Candidates are ranked by
    ``score = npmi × S/(S+1) × P/(P+1)``, ``S`` the sources and ``P`` the months (at least 1)
    it occurs in: association first, spread across sources and time next.

    Parameters
    ----------
    corpus : Session, Corpus or list of Document
    lexicon : Lexicon, optional
        Marks candidates already in it (``in_lexicon``).
    min_n, max_n : int
        Shortest and longest sequence, in syllables.
    min_docs, min_count : int
        Documents and occurrences a candidate needs.
    min_sources : int
        From this many sources in the corpus, a candidate must occur in two or more.
    top : int
        Rows returned.

    Returns
    -------
    pandas.DataFrame
        ``ngram, n_syllables, count, documents, npmi, first_date, first_doc, in_lexicon``,
        then ``sources``, ``periods`` (months with a dated occurrence) and ``score``.

    Examples
    --------
    >>> import analysis
    >>> discover(analysis.Session(), top=5).columns.tolist()[:4]
    ['ngram', 'n_syllables', 'count', 'documents']
    """
    docs = syllabified_of(corpus)
    runs = Runs.of(docs)
    found = _Candidates(docs, runs, min_count=min_count, min_docs=min_docs, min_sources=min_sources)
    rows, counted = [], []
    for level in levels(runs, max_n=max_n, min_count=min_count):
        counted.append(level)
        if len(counted) > 1 and counted[-2].n >= min_n:
            rows += found.rows(counted[:-1], above=level)
    if counted[-1].n >= min_n:
        rows += found.rows(counted, above=None)
    # Names and fragments are told apart by reading the text, the slowest test: it is made in
    # rank order, until ``top`` candidates pass it.
    rows = found.without_names_and_fragments(sorted(rows, key=_rank), top)
    listed = {" ".join(token_keys(normalize(f))) for p in (lexicon or ()) for f in p.forms}
    return pd.DataFrame(
        [(*row[:7], row.ngram in listed, *row[7:10]) for row in rows],
        columns=[
            "ngram",
            "n_syllables",
            "count",
            "documents",
            "npmi",
            "first_date",
            "first_doc",
            "in_lexicon",
            "sources",
            "periods",
            "score",
        ],
    )


class _Row(NamedTuple):
    """A candidate of :func:`discover`: the table's columns but ``in_lexicon``, then its id at its level."""

    ngram: str
    n_syllables: int
    count: int
    documents: int
    npmi: float
    first_date: str
    first_doc: str
    sources: int
    periods: int
    score: float
    gram: int


def _rank(row: _Row) -> tuple:
    """The order of :func:`discover`'s table: score and count down, then the n-gram."""
    return -row.score, -row.count, row.ngram


class _Candidates:
    """The filters and measures of :func:`discover`, level by level (a level: one length).

    Holds what every level reads: the runs, the documents' sources, months and order, which
    syllables may open or close a candidate, which pairs of syllables make a dictionary word,
    the capitals of the sentences read so far, and where the candidates of each level occur.
    """

    def __init__(self, docs: list[Syllabified], runs: Runs, *, min_count: int, min_docs: int, min_sources: int):
        self.docs, self.runs, self.total = docs, runs, len(runs) or 1
        self.min_count, self.min_docs = min_count, min_docs
        stop, self.words = _edge_stopwords() | _CREDIT_WORDS, _dictionary_words()
        self.edge = np.fromiter((_edge(k, stop) for k in runs.vocab), bool, len(runs.vocab))
        self.pairs = DictionaryPairs(runs, self.words)
        self.capitals: dict[int, list[bool]] = {}
        self.occurrences: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # n: (ids, positions)
        self.source, n_sources = _factorise([d.document.source or "\0" + d.doc_id for d in docs])
        self.needed_sources = min_sources if n_sources >= min_sources else 1
        self.month, _ = _factorise([d.date[:7] or None for d in docs])
        self.by_date = sorted((i for i, d in enumerate(docs) if d.date), key=lambda i: (docs[i].date, docs[i].doc_id))
        self.by_id = sorted(range(len(docs)), key=lambda i: docs[i].doc_id)

    def rows(self, counted: list[Level], *, above: Level | None) -> list[_Row]:
        """The candidates of the last level of ``counted`` (the levels from 1 up), ``above`` the
        next level (for the extensions), before names and fragments cut at an edge are left out."""
        level, docs = counted[-1], len(self.docs)
        count = level.count
        ok = (count >= self.min_count) & (level.widest(above) != count)  # never seen without the same neighbour
        ids = np.flatnonzero(ok & self.edge[level.first] & self.edge[level.last])
        grams = level.words(counted[:-1], self.runs.vocab, ids)
        plain = [all(map(_plain_syllable, g)) and " ".join(g) not in self.words for g in grams]
        ids, grams = ids[plain], [g for g, p in zip(grams, plain) if p]
        positions = _positions(level, ids)
        pair_gram, pair_doc = distinct_pairs(level.at[positions], self.runs.doc(positions), docs)
        documents = np.bincount(pair_gram, minlength=len(count))
        sources = np.bincount(distinct_pairs(pair_gram, self.source[pair_doc], docs)[0], minlength=len(count))
        spread = (documents[ids] >= self.min_docs) & (sources[ids] >= self.needed_sources)
        ids, grams = ids[spread], [g for g, p in zip(grams, spread) if p]
        positions = _positions(level, ids)
        self.occurrences[level.n] = (level.at[positions], positions)
        kept = np.isin(pair_gram, ids)
        pair_gram, pair_doc = pair_gram[kept], pair_doc[kept]
        dated = self.month[pair_doc] >= 0
        months = np.bincount(
            distinct_pairs(pair_gram[dated], self.month[pair_doc[dated]], docs)[0], minlength=len(count)
        )
        first = self._first(pair_gram, pair_doc, len(count))
        rows = []
        for gram, g, parts in zip(grams, ids.tolist(), _part_counts(counted, ids)):
            n_sources, periods = int(sources[g]), int(months[g])
            association = _npmi(int(count[g]), parts, self.total)
            score = association * n_sources / (n_sources + 1) * max(periods, 1) / (max(periods, 1) + 1)
            rows.append(
                _Row(
                    " ".join(gram),
                    level.n,
                    int(count[g]),
                    int(documents[g]),
                    round(association, 4),
                    *first[g],
                    n_sources,
                    periods,
                    round(score, 4),
                    g,
                )
            )
        return rows

    def without_names_and_fragments(self, rows: list[_Row], top: int) -> list[_Row]:
        """The first ``top`` of ``rows`` that are neither names nor fragments cut at an edge: most of
        their occurrences have no two capitalised syllables at their start or end and cut no
        dictionary word at an edge."""
        kept: list[_Row] = []
        start = 0
        while start < len(rows) and len(kept) < top:
            batch = rows[start : start + 2 * top]
            start += len(batch)
            names, cuts = {}, {}
            for n in {row.n_syllables for row in batch}:
                ids = np.asarray([row.gram for row in batch if row.n_syllables == n], np.int64)
                names[n], cuts[n] = self._names_and_cuts(n, ids)
            for row in batch:
                name, cut = names[row.n_syllables][row.gram], cuts[row.n_syllables][row.gram]
                if 2 * name <= row.count and 2 * cut <= row.count and len(kept) < top:
                    kept.append(row)
        return kept

    def _names_and_cuts(self, n: int, ids: np.ndarray) -> tuple[dict[int, int], dict[int, int]]:
        """For each sequence ``ids`` of ``n`` syllables, how many of its occurrences are written as
        a name (two capitalised syllables at its start or end) and how many cut a dictionary
        word at an edge."""
        ids = np.sort(ids)
        grams, positions = self.occurrences[n]
        mine = np.isin(grams, ids)
        at, which = positions[mine], np.searchsorted(ids, grams[mine])

        def capital(offset: int) -> np.ndarray:
            return capitals(self.runs, self.docs, at + offset, self.capitals)

        def word(offset: int) -> np.ndarray:  # the syllables at + offset and the next make a word
            return self.pairs.at(at + offset)

        name = (capital(0) & capital(1)) | (capital(n - 2) & capital(n - 1))
        cut = (word(-1) & ~word(0)) | (word(n - 1) & ~word(n - 2))
        return (
            dict(zip(ids.tolist(), np.bincount(which[name], minlength=len(ids)).tolist())),
            dict(zip(ids.tolist(), np.bincount(which[cut], minlength=len(ids)).tolist())),
        )

    def _first(self, pair_gram: np.ndarray, pair_doc: np.ndarray, size: int) -> dict[int, tuple[str, str]]:
        """``(first_date, first_doc)`` of each sequence with documents: its earliest dated
        document (then by ``doc_id``), else ``("", smallest doc_id)``."""
        never = len(self.docs)
        date_rank = np.full(never, never)
        date_rank[self.by_date] = np.arange(len(self.by_date))
        id_rank = np.empty(never, np.int64)
        id_rank[self.by_id] = np.arange(never)
        earliest, smallest = np.full(size, never), np.full(size, never)
        np.minimum.at(earliest, pair_gram, date_rank[pair_doc])
        np.minimum.at(smallest, pair_gram, id_rank[pair_doc])
        out = {}
        for g in np.flatnonzero(smallest < never).tolist():
            if earliest[g] < never:
                doc = self.docs[self.by_date[earliest[g]]]
                out[g] = (doc.date, doc.doc_id)
            else:
                out[g] = ("", self.docs[self.by_id[smallest[g]]].doc_id)
        return out


def _positions(level: Level, ids: np.ndarray) -> np.ndarray:
    """The positions of the runs where one of the sequences ``ids`` of ``level`` starts."""
    wanted = np.zeros(len(level.count) + 1, bool)  # the last: no sequence counted (-1)
    wanted[ids] = True
    return np.flatnonzero(wanted[level.at])


def _factorise(values: list) -> tuple[np.ndarray, int]:
    """An index for each value (-1 for ``None``), numbered in order of first appearance, and how
    many distinct values there are."""
    index: dict = {}
    codes = [-1 if v is None else index.setdefault(v, len(index)) for v in values]
    return np.asarray(codes, np.int64), len(index)


def _part_counts(counted: list[Level], ids: np.ndarray) -> list[list[tuple[int, int]]]:
    """For each sequence ``ids`` of the last level of ``counted``, the counts of its two parts for
    every way of cutting it in two (its first ``k`` syllables and the rest, ``k`` from 1)."""
    n = counted[-1].n
    head, tail = counted[-1].prefix[ids], counted[-1].suffix[ids]
    prefix, suffix = {}, {}  # length: counts of the first / the last syllables of that length
    for level in reversed(counted[:-1]):
        prefix[level.n], suffix[level.n] = level.count[head], level.count[tail]
        head, tail = level.prefix[head], level.suffix[tail]
    return [[(int(prefix[k][i]), int(suffix[n - k][i])) for k in range(1, n)] for i in range(len(ids))]


# Words that open a photo credit or a byline, not a formula.
_CREDIT_WORDS = frozenset("ảnh clip video pv ptv ctv btv".split())  # "Nguồn:" ends at its colon


def _plain_syllable(key: str) -> bool:
    """A syllable of words, not part of an address (``tpo.vn``, ``a/b``, ``x@y``)."""
    return key.replace("-", "").isalnum()


def _npmi(count: int, parts: list[tuple[int, int]], total: int) -> float:
    """The smallest normalised PMI over the ways of cutting a sequence seen ``count`` times in two,
    ``parts`` the counts of the two parts of each cut."""
    p = count / total
    if p >= 1:
        return 1.0
    return min(math.log(p / ((a / total) * (b / total))) / -math.log(p) for a, b in parts)


def _edge(key: str, stop: frozenset[str]) -> bool:
    """Can ``key`` start or end a formula: not a stopword, not a number."""
    return key not in stop and any(ch.isalpha() for ch in key)
