"""Framing phrases: how often, where and since when the formulas of diplomatic language occur.

Everything here works on folded syllables (:mod:`analysis.framing.phrases`), never on pyvi
words, so it needs no tokeniser: a phrase matches a run of whole tokens of one
sentence, punctuation included, so ``gắn kết, chiến lược`` is not ``gắn kết chiến
lược``, whatever way pyvi would segment either. Titles and headings count; captions
only with ``keep_captions``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..session import syllabified_of
from ..text.syllables import Syllabified, syllabify
from ..text.vietnamese import normalize, token_keys, tokens
from .lexicon import Formula, Lexicon, lexicon_of
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


def _runs(docs: list[Syllabified]):
    """``(doc, run)`` for every run of syllables between punctuation marks."""
    for doc in docs:
        for _, keys in doc.sentences:
            for a, b in _run_spans(keys):
                yield doc, list(keys[a:b])


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
    counts: dict[tuple[str, ...], int] = {}
    where: dict[tuple[str, ...], dict[str, str]] = {}
    runs = list(_runs(docs))
    total = sum(len(run) for _, run in runs) or 1
    for n in range(1, max_n + 1):
        frequent_prefix = counts if n > 2 else None  # apriori: extend only what recurs
        for doc, run in runs:
            for i in range(len(run) - n + 1):
                gram = tuple(run[i : i + n])
                if frequent_prefix is not None and frequent_prefix.get(gram[:-1], 0) < min_count:
                    continue
                counts[gram] = counts.get(gram, 0) + 1
    # The documents (and their dates) of the sequences that recur, in a second pass: a dictionary
    # for every sequence seen, once or more, would hold most of the memory of a large corpus.
    for n in range(min_n, max_n + 1):
        for doc, run in runs:
            for i in range(len(run) - n + 1):
                gram = tuple(run[i : i + n])
                if counts.get(gram, 0) >= min_count:
                    where.setdefault(gram, {}).setdefault(doc.doc_id, doc.date)
    stop, words = _edge_stopwords() | _CREDIT_WORDS, _dictionary_words()
    widest: dict[tuple[str, ...], int] = {}  # the largest count of a one-syllable extension
    for gram, count in counts.items():
        if len(gram) > min_n:
            for part in (gram[:-1], gram[1:]):
                widest[part] = max(widest.get(part, 0), count)
    source_of = {d.doc_id: d.document.source or "\0" + d.doc_id for d in docs}
    needed_sources = min_sources if len(set(source_of.values())) >= min_sources else 1
    listed = {" ".join(token_keys(normalize(f))) for p in (lexicon or ()) for f in p.forms}
    candidates = {
        g: c
        for g, c in counts.items()
        if min_n <= len(g)
        and c >= min_count
        and len(where.get(g, ())) >= min_docs
        and widest.get(g, 0) != c  # never seen without the same neighbour
        and len({source_of[d] for d in where[g]}) >= needed_sources
        and _edge(g[0], stop)
        and _edge(g[-1], stop)
        and all(map(_plain_syllable, g))
        and " ".join(g) not in words
    }
    names, cuts = _names_and_cuts(docs, candidates, words, min_n, max_n)
    rows = []
    for gram, count in candidates.items():
        if 2 * names.get(gram, 0) > count or 2 * cuts.get(gram, 0) > count:
            continue
        docs_of = where[gram]
        dated = sorted((d, i) for i, d in docs_of.items() if d)
        first_date, first_doc = dated[0] if dated else ("", min(docs_of))
        n_sources, periods = len({source_of[d] for d in docs_of}), len({d[:7] for d, _ in dated})
        association = _npmi(gram, counts, total)
        score = association * n_sources / (n_sources + 1) * max(periods, 1) / (max(periods, 1) + 1)
        rows.append(
            (
                " ".join(gram),
                len(gram),
                count,
                len(docs_of),
                round(association, 4),
                first_date,
                first_doc,
                " ".join(gram) in listed,
                n_sources,
                periods,
                round(score, 4),
            )
        )
    table = pd.DataFrame(
        rows,
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
    return (
        table.sort_values(["score", "count", "ngram"], ascending=[False, False, True]).head(top).reset_index(drop=True)
    )


# Words that open a photo credit or a byline, not a formula.
_CREDIT_WORDS = frozenset("ảnh clip video pv ptv ctv btv".split())  # "Nguồn:" ends at its colon


def _plain_syllable(key: str) -> bool:
    """A syllable of words, not part of an address (``tpo.vn``, ``a/b``, ``x@y``)."""
    return key.replace("-", "").isalnum()


def _npmi(gram: tuple[str, ...], counts: dict[tuple[str, ...], int], total: int) -> float:
    """The smallest normalised PMI over the ways of cutting ``gram`` in two."""
    import math

    p = counts[gram] / total
    if p >= 1:
        return 1.0
    return min(
        math.log(p / ((counts[gram[:k]] / total) * (counts[gram[k:]] / total))) / -math.log(p)
        for k in range(1, len(gram))
    )


def _names_and_cuts(docs: list[Syllabified], candidates, words: frozenset[str], min_n: int, max_n: int):
    """For each candidate, how many of its occurrences are written as a name (two capitalised
    syllables at its start or end) and how many cut a dictionary word at an edge."""
    names: dict[tuple[str, ...], int] = {}
    cuts: dict[tuple[str, ...], int] = {}
    for doc in docs:
        text, sentences = doc.document.text, {s.index: s for s in doc.document.sentences}
        for sentence_id, keys in doc.sentences:
            sentence = sentences[sentence_id]
            found = tokens(text, sentence.start, sentence.end)
            caps = [text[t.start].isupper() for t in found] if len(found) == len(keys) else [False] * len(keys)
            for a, b in _run_spans(keys):
                for n in range(min_n, min(max_n, b - a) + 1):
                    for i in range(a, b - n + 1):
                        gram = tuple(keys[i : i + n])
                        if gram not in candidates:
                            continue
                        c = caps[i : i + n]
                        if (c[0] and c[1]) or (c[-1] and c[-2]):
                            names[gram] = names.get(gram, 0) + 1
                        if (
                            i > a and f"{keys[i - 1]} {keys[i]}" in words and f"{keys[i]} {keys[i + 1]}" not in words
                        ) or (
                            i + n < b
                            and f"{keys[i + n - 1]} {keys[i + n]}" in words
                            and f"{keys[i + n - 2]} {keys[i + n - 1]}" not in words
                        ):
                            cuts[gram] = cuts.get(gram, 0) + 1
    return names, cuts


def _run_spans(keys: tuple[str, ...]):
    """``(start, end)`` of every run of syllables between punctuation marks in ``keys``."""
    start = None
    for i, key in enumerate(keys):
        if key[0].isalnum():
            start = i if start is None else start
        elif start is not None:
            yield start, i
            start = None
    if start is not None:
        yield start, len(keys)


def _edge(key: str, stop: frozenset[str]) -> bool:
    """Can ``key`` start or end a formula: not a stopword, not a number."""
    return key not in stop and any(ch.isalpha() for ch in key)
