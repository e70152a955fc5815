"""Figures of key terms and topics: TF-IDF terms per document, keyness between periods, document
similarity, the choice of k, topic terms, document topics and topic prevalence over time."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from .. import config
from ..errors import InputError
from ..figures.periods import choose_period, period_labels
from ..figures.plotting import (
    PALETTE,
    Plot,
    bar_panels,
    drawing,
    drawn_note,
    label_cells,
    new_figure,
    note_table,
    shorten,
    stacked_bars,
)
from ..figures.registry import figure
from . import keyterms as kt
from . import models as tm

__all__ = [
    "keyterms_top",
    "keyterms_top_table",
    "draw_keyterms_top",
    "keyness_periods",
    "keyness_periods_table",
    "draw_keyness_periods",
    "document_similarity",
    "document_similarity_table",
    "draw_document_similarity",
    "topic_selection",
    "topic_selection_table",
    "draw_topic_selection",
    "topic_terms",
    "topic_terms_table",
    "draw_topic_terms",
    "document_topics",
    "document_topics_table",
    "draw_document_topics",
    "topic_prevalence",
    "topic_prevalence_table",
    "draw_topic_prevalence",
    "fitted_topics",
]

MAX_PANELS = 12
#: Articles drawn one row each; a larger corpus is drawn by group (source or period).
MAX_ROWS = 40
#: Groups drawn one row each; the rest are pooled as "other".
MAX_GROUPS = 20
#: Pairs drawn by the document-similarity figure of a large corpus.
TOP_PAIRS = 30
#: Articles among which the most similar pairs are searched: comparing every pair of a larger
#: corpus grows with its square (about 90 CPU seconds at 50,000 articles, an hour at 500,000).
PAIRS_SAMPLE = 50_000


def _terms(session) -> tuple[list[list[str]], list[str]]:
    """The content words of every document, once per session."""

    return session.memo("content terms", lambda: kt.content_terms(session))


def _keyterms(session) -> kt.KeyTerms:
    """TF-IDF weights of the content words of every document, fitted once per session."""

    def compute():
        terms, ids = _terms(session)
        return kt.KeyTerms().fit(terms, ids)

    return session.memo("keyterms", compute)


def _doc_labels(session, doc_ids) -> dict[str, str]:
    """The label of each document on a figure: its date and the start of its title."""
    docs = session.memo("documents by id", lambda: {d.doc_id: d for d in session.corpus})
    return {
        d: f"{docs[d].date.isoformat() if docs[d].date else 'no date'} {shorten(docs[d].title, 30)}" for d in doc_ids
    }


def _by_label(doc_ids, labels: dict[str, str]) -> list[str]:
    """Documents in the order of their labels (so by date), at most :data:`MAX_ROWS`."""
    return sorted(doc_ids, key=lambda d: (labels.get(d, d), d))[:MAX_ROWS]


def _group_order(groups) -> list[str]:
    """Groups by name, pooled ones ("other ...", "no ...") last."""
    return sorted(set(groups), key=lambda g: (g.startswith(("other", "no ")), g))


def _groups(session, doc_ids: list[str], most: int) -> tuple[pd.Series, str]:
    """A group for each document: its source when there are several, else its period of publication
    (chosen so that there are at most ``most``), else the whole corpus; and what the groups are."""
    docs = session.memo("documents by id", lambda: {d.doc_id: d for d in session.corpus})
    sources = pd.Series([docs[d].source or "" for d in doc_ids], index=doc_ids)
    if sources[sources != ""].nunique() > 1:
        top = list(sources.value_counts().index[:most])
        return sources.where(sources.isin(top), "other sources").replace("", "no source"), "source"
    dates = pd.Series([docs[d].date.isoformat() if docs[d].date else "" for d in doc_ids], index=doc_ids)
    if dates[dates != ""].nunique() > 1:
        period = choose_period(dates, max_periods=most)
        return period_labels(dates, period).replace("", "no date"), period
    return pd.Series("all articles", index=doc_ids), "corpus"


def _sized(groups: pd.Series) -> pd.Series:
    """Group names with their number of documents: ``"VNE (n 1076)"``."""
    sizes = groups.value_counts()
    return groups.map(lambda g: f"{g} (n {sizes[g]})")


def keyterms_top_table(session, *, top: int = 8) -> pd.DataFrame:
    """The ``top`` TF-IDF terms of each article (``doc_id, rank, term, score``), or, for more than 12
    articles, of each group of articles (``group, documents, rank, term, score``): the table of
    :func:`keyterms_top`.

    Parameters
    ----------
    session : Session
        The corpus.
    top : int
        Terms per article or group.
    """
    terms, ids = _terms(session)
    if not ids or not any(terms):
        return note_table(
            "No article has content words (nouns, verbs, adjectives) once stopwords are out: no key terms to draw."
        )
    fitted = _keyterms(session)
    if len(ids) > MAX_PANELS:
        return _group_keyterms(session, fitted, top)
    data = fitted.top_terms(top)
    data.attrs.update(labels=_doc_labels(session, ids))
    return data


def _group_keyterms(session, fitted: kt.KeyTerms, top: int) -> pd.DataFrame:
    """Key terms of groups of articles: the terms with the highest mean TF-IDF weight over a group."""
    groups, by = _groups(session, fitted.doc_ids_, MAX_PANELS - 1)
    names = _sized(groups)
    rows = []
    for name in _group_order(names):
        members = np.flatnonzero((names == name).to_numpy())
        mean = np.asarray(fitted.matrix_[members].mean(axis=0)).ravel()
        best = sorted(np.flatnonzero(mean), key=lambda i: (-round(mean[i], 12), fitted.terms_[i]))[:top]
        rows += [
            (name, len(members), rank, fitted.terms_[i], round(float(mean[i]), 6)) for rank, i in enumerate(best, 1)
        ]
    data = pd.DataFrame(rows, columns=["group", "documents", "rank", "term", "score"])
    data.attrs.update(documents=len(fitted.doc_ids_), by=by)
    return data


@drawing
def draw_keyterms_top(table: pd.DataFrame) -> Plot:
    """One panel of bars per article (at most 12, by date), or per group of articles."""
    if (plot := drawn_note(table)) is not None:
        return plot
    if "group" in table.columns:
        panels = [
            (g, list(part["term"]), list(part["score"]), PALETTE[0]) for g, part in table.groupby("group", sort=False)
        ]
        by = table.attrs.get("by", "group")
        caption = (
            f"This corpus has {table.attrs.get('documents', int(table.drop_duplicates('group')['documents'].sum()))} "
            f"articles: each panel is a group of articles "
            f"(by {by}{', the largest sources and the rest pooled' if by == 'source' else ''}), its terms those "
            f"with the highest mean TF-IDF weight over the group's articles."
        )
        return Plot(bar_panels(panels, panel_height=2.6), table, caption)
    labels = table.attrs.get("labels", {})
    order = _by_label(dict.fromkeys(table["doc_id"]), labels)[:MAX_PANELS]
    panels = [
        (labels.get(d, d), list(part["term"]), list(part["score"]), PALETTE[0])
        for d in order
        for part in [table[table["doc_id"] == d]]
    ]
    return Plot(bar_panels(panels, panel_height=2.6), table)


@figure("keyterms_top", title="Key terms of each article (TF-IDF)", table=keyterms_top_table, draw=draw_keyterms_top)
def keyterms_top(session, *, top: int = 8) -> Plot:
    """The eight pyvi words with the highest TF-IDF weight in each article (sublinear term frequency,
    content words only: nouns, verbs, adjectives; stopwords out), articles by date; at most 12
    panels, the CSV holds every article.

    Parameters
    ----------
    session : Session
        The corpus.
    top : int
        Terms per article.
    """
    return draw_keyterms_top(keyterms_top_table(session, top=top))


def keyness_periods_table(session, *, split: str | None = None, top: int = 12) -> pd.DataFrame:
    """Log-likelihood keyness of content words before ``split`` against from it, the ``top`` terms of
    each period (the whole list is ``keyterms --split``): the table of :func:`keyness_periods`.

    Parameters
    ----------
    session : Session
        The corpus.
    split : str, optional
        The date (``YYYY-MM-DD``) that starts the second period; by default the median publication
        date (:func:`~analysis.topics.keyterms.median_date`).
    top : int
        Terms drawn for each period.
    """
    split = split or kt.median_date(session.corpus)
    if not split:
        return note_table("No article has a date: no periods to compare.")
    terms, _ = _terms(session)
    data = kt.keyness_between(terms, list(session.corpus), split=split)
    labels = (f"before {split}", f"from {split}")
    data = pd.concat([data[data["key_for"] == label].head(top) for label in labels], ignore_index=True)
    data.attrs.update(labels=labels, top=top)
    return data


@drawing
def draw_keyness_periods(table: pd.DataFrame) -> Plot:
    """Two panels of bars, the key words of each period, bar length the |log ratio|."""
    if (plot := drawn_note(table)) is not None:
        return plot
    labels = table.attrs.get("labels") or list(dict.fromkeys(table["key_for"]))
    top = table.attrs.get("top", max([0, *table.groupby("key_for").size()]))
    fig, axes = new_figure(width=10, height=0.9 + 0.3 * top, ncols=2)
    for ax, label, colour in zip(axes, labels, PALETTE):
        part = table[table["key_for"] == label]
        ax.barh(range(len(part)), part["log_ratio"].abs(), color=colour)
        ax.set_yticks(range(len(part)), [f"{t} (G²={g:.1f})" for t, g in zip(part["term"], part["g2"])], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("|log₂ ratio|")
    fig.tight_layout()
    return Plot(fig, table)


@figure(
    "keyness_periods",
    title="Words key to each period (log-likelihood keyness)",
    table=keyness_periods_table,
    draw=draw_keyness_periods,
)
def keyness_periods(session, *, split: str | None = None, top: int = 12) -> Plot:
    """Words over-used before the split date (left) and from it (right): the 12 of each with the
    largest log-likelihood G² (3.84: p < 0.05; 10.83: p < 0.001), bar length the log ratio of
    relative frequencies. The split is the median publication date (for the seeds 2025-12-02,
    the first article with 'gắn kết chiến lược').

    Parameters
    ----------
    session : Session
        The corpus.
    split : str, optional
        See :func:`keyness_periods_table`.
    top : int
        Terms drawn for each period.
    """
    return draw_keyness_periods(keyness_periods_table(session, split=split, top=top))


def document_similarity_table(session) -> pd.DataFrame:
    """Cosine similarity of the articles' TF-IDF vectors: the whole matrix (a ``doc_id`` column, then
    one column per article), or, for more than 40 articles, the most similar pairs that are not in
    one cluster of near-duplicates (:meth:`~analysis.session.Session.duplicates`): the table of
    :func:`document_similarity`.

    Parameters
    ----------
    session : Session
        The corpus.
    """
    terms, ids = _terms(session)
    if not any(terms):
        return note_table("No article has content words once stopwords are out: no similarity to draw.")
    fitted = _keyterms(session)
    if len(ids) <= MAX_ROWS:
        data = fitted.similarity().reset_index()
    else:
        copies = _copy_pairs(session)
        data = kt.most_similar_pairs(
            fitted,
            top=TOP_PAIRS,
            exclude=copies,
            jobs=session.jobs,
            sample=PAIRS_SAMPLE,
            random_state=config.RANDOM_STATE,
        )
        data.attrs.update(copy_pairs=len(copies))
        if "sampled" in data.attrs:
            data.attrs["details"] = {"pairs_sample": data.attrs["sampled"], "pairs_seed": config.RANDOM_STATE}
    data.attrs.update(labels=_doc_labels(session, ids), documents=len(ids))
    return data


def _copy_pairs(session) -> set[frozenset[str]]:
    """Every pair of documents in one cluster of near-duplicates (:meth:`~analysis.session.Session.duplicates`)."""
    found = session.duplicates()
    return {
        frozenset((found.documents_[a].doc_id, found.documents_[b].doc_id))
        for cluster in found.clusters_
        for a, b in itertools.combinations(cluster, 2)
    }


@drawing
def draw_document_similarity(table: pd.DataFrame) -> Plot:
    """A heatmap of the similarity matrix (at most 40 articles, by date), or bars of the most similar pairs."""
    if (plot := drawn_note(table)) is not None:
        return plot
    labels = table.attrs.get("labels", {})
    if "similarity" in table.columns:
        return _draw_similar_pairs(table, labels)
    matrix = table.set_index(table.columns[0])
    order = _by_label(matrix.index, labels)
    shown = matrix.loc[order, order]
    fig, ax = new_figure(width=3 + 0.5 * len(order), height=2 + 0.5 * len(order))
    image = ax.imshow(shown.to_numpy(), cmap="Blues", vmin=0, vmax=1)
    names = [labels.get(d, d) for d in order]
    ax.set_xticks(range(len(order)), names, rotation=60, ha="right", rotation_mode="anchor", fontsize=7)
    ax.set_yticks(range(len(order)), names, fontsize=7)
    if len(order) <= 15:
        label_cells(ax, shown.to_numpy(), decimals=2)
    fig.colorbar(image, ax=ax, shrink=0.7, label="cosine similarity")
    return Plot(fig, table)


def _draw_similar_pairs(table: pd.DataFrame, labels: dict[str, str]) -> Plot:
    fig, ax = new_figure(width=11, height=1.5 + 0.3 * max(len(table), 1))
    y = np.arange(len(table))
    ax.barh(y, table["similarity"], color=PALETTE[0])
    ax.set_yticks(
        y,
        [
            f"{shorten(labels.get(a, a), 40)}  ↔  {shorten(labels.get(b, b), 40)}"
            for a, b in zip(table["doc_a"], table["doc_b"])
        ],
        fontsize=7,
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("cosine similarity")
    copies = table.attrs.get("copy_pairs", 0)
    details = table.attrs.get("details") or {}
    caption = (
        f"This corpus has {table.attrs.get('documents', len(labels))} articles, too many for a matrix: the figure "
        f"and the CSV show the {len(table)} most similar pairs of different articles instead"
        + (
            f" among a random sample of {details['pairs_sample']:,} of them (seed {details['pairs_seed']}; "
            "comparing every pair grows with the square of the corpus)"
            if details
            else ""
        )
        + (
            f", leaving out the {copies} pair{'s' if copies != 1 else ''} of near-duplicates (see copies_overview)."
            if copies
            else "."
        )
    )
    return Plot(fig, table, caption, table.attrs.get("details"))


@figure(
    "document_similarity",
    title="How alike the articles are (cosine similarity of TF-IDF)",
    table=document_similarity_table,
    draw=draw_document_similarity,
)
def document_similarity(session) -> Plot:
    """Cosine similarity between the TF-IDF vectors of every pair of articles (content words),
    articles by date; the CSV holds the whole matrix. For more than 40 articles, the 30 most similar
    pairs of articles that are not near-duplicates of each other (two articles in one cluster of
    near-duplicates, as counted in copies_overview, are left out), searched among 50,000 articles
    drawn at random when there are more.

    Parameters
    ----------
    session : Session
        The corpus.
    """
    return draw_document_similarity(document_similarity_table(session))


def _units(session):
    return session.memo("units", lambda: tm.modelling_units(session, terms=_terms(session)[0]))


def start_topic_selection(session, *, random_state: int = config.RANDOM_STATE) -> None:
    """Start choosing k (:func:`topic_selection_table`) in worker processes, so that its models are
    fitted while other figures are drawn; nothing for a corpus without a topic model."""
    try:
        units = _units(session)
        session.start(
            ("selection", random_state),
            lambda: tm.start_k_selection(
                units, random_state=random_state, cache_dir=session.cache_dir, jobs=session.jobs
            ),
        )
    except InputError:
        return  # the figures say why


def topic_selection_table(session, *, random_state: int = config.RANDOM_STATE) -> pd.DataFrame:
    """The scores of choosing k (:func:`~analysis.topics.models.select_k`: ``k, seed, c_v, c_npmi,
    stability``), on the session's modelling units or a random sample of them: the table of
    :func:`topic_selection`. ``attrs["details"]`` says how they were got.

    Parameters
    ----------
    session : Session
        The corpus.
    random_state : int, optional
        Seed of the sample of units that k is chosen on, when there are too many to fit them all
        (default ``config.RANDOM_STATE``).
    """
    return session.memo(
        ("selection", random_state),
        lambda: tm.k_selection(
            _units(session), random_state=random_state, cache_dir=session.cache_dir, jobs=session.jobs
        ),
    ).copy()


def fitted_topics(
    session, *, k: int | None = None, random_state: int = config.RANDOM_STATE
) -> tuple[tm.TopicModel, list]:
    """A topic model of a session and its units, fitted once per session and stored in the cache.

    Parameters
    ----------
    session : Session
        The corpus.
    k : int, optional
        Number of topics; by default the k of :func:`~analysis.topics.models.choose_k`.
    random_state : int, optional
        Seed of the LDA fit, and of the sample of units k is chosen on when k is not given and
        the units are many (default ``config.RANDOM_STATE``).
    """
    units = _units(session)
    k = k or tm.choose_k(topic_selection_table(session, random_state=random_state))
    model = session.memo(
        ("model", k, random_state),
        lambda: tm.cached_fit(
            [u.terms for u in units], k, random_state=random_state, cache_dir=session.cache_dir, jobs=session.jobs
        ),
    )
    return model, units


def _doc_topics(session, *, k: int | None, random_state: int) -> pd.DataFrame:
    """:func:`~analysis.topics.models.doc_topics` of the session's model, inferred once per session."""
    model, units = fitted_topics(session, k=k, random_state=random_state)
    return session.memo(("doc topics", model.k, random_state), lambda: tm.doc_topics(model, units)).copy()


@drawing
def draw_topic_selection(table: pd.DataFrame) -> Plot:
    """Coherence (left) and stability (right) against k, the chosen k marked."""
    chosen = tm.choose_k(table)
    means = table.groupby("k")[["c_v", "c_npmi", "stability"]].mean()
    fig, (left, right) = new_figure(width=10, height=4, ncols=2)
    for column, colour in (("c_v", PALETTE[0]), ("c_npmi", PALETTE[1])):
        left.plot(means.index, means[column], marker="o", color=colour, label=column)
        left.scatter(table["k"], table[column], color=colour, s=10, alpha=0.5)
    left.axvline(chosen, color="grey", ls="--", lw=1)
    left.set_xlabel("k")
    left.set_ylabel("coherence")
    left.legend()
    right.plot(means.index, means["stability"], marker="o", color=PALETTE[2])
    right.axvline(chosen, color="grey", ls="--", lw=1, label=f"chosen k = {chosen}")
    right.set_ylim(0, 1)
    right.set_xlabel("k")
    right.set_ylabel("stability across seeds")
    right.legend()
    fig.tight_layout()
    details = table.attrs.get("details")
    caption = (
        ""
        if not details or details["selection_units"] == details["units"]
        else f"k was chosen on a random sample of {details['selection_units']} of the {details['units']} modelling "
        f"units (seed {details['selection_seed']}); the chosen model is fitted on "
        + ("all of them." if details["units"] <= tm.FIT_SAMPLE else f"a random sample of {tm.FIT_SAMPLE}.")
    )
    return Plot(fig, table, caption, details)


@figure(
    "topic_selection",
    title="Choosing the number of topics: coherence and stability",
    table=topic_selection_table,
    draw=draw_topic_selection,
    prepare=start_topic_selection,
)
def topic_selection(session, *, random_state: int = config.RANDOM_STATE) -> Plot:
    """For each number of topics k, LDA fitted with three seeds: mean topic coherence c_v and c_npmi
    (gensim CoherenceModel over the modelling units; dots are seeds) and stability, the mean Jaccard
    overlap of the top-10 terms of topics matched one to one across seeds. The default k maximises
    c_v + stability (marked).

    Parameters
    ----------
    session : Session
        The corpus.
    random_state : int, optional
        See :func:`topic_selection_table`.
    """
    return draw_topic_selection(topic_selection_table(session, random_state=random_state))


def topic_terms_table(
    session, *, k: int | None = None, random_state: int = config.RANDOM_STATE, top: int = 10
) -> pd.DataFrame:
    """The ``top`` terms of each topic by relevance (:meth:`~analysis.topics.models.TopicModel.topic_terms`):
    the table of :func:`topic_terms`.

    Parameters
    ----------
    session : Session
        The corpus.
    k : int, optional
        Number of topics; by default the k of :func:`~analysis.topics.models.choose_k`.
    random_state : int, optional
        Seed of the LDA fit, and of the sample of units k is chosen on when k is not given and
        the units are many (default ``config.RANDOM_STATE``).
    top : int
        Terms per topic.
    """
    model, _ = fitted_topics(session, k=k, random_state=random_state)
    data = model.topic_terms(top=top)
    data.attrs.update(k=model.k)
    if model.details_["fit_units"] < model.details_["units"]:
        data.attrs.update(details=model.details_)
    return data


@drawing
def draw_topic_terms(table: pd.DataFrame) -> Plot:
    """One panel of bars per topic, bar length the term's probability in the topic."""
    k = table.attrs.get("k", int(table["topic_id"].max()) + 1 if len(table) else 0)
    panels = [
        (f"topic {t}", list(part["term"]), list(part["weight"]), PALETTE[t % 10])
        for t in range(k)
        for part in [table[table["topic_id"] == t]]
    ]
    details = table.attrs.get("details")
    caption = (
        f"The model was fitted on a random sample of {details['fit_units']} of the {details['units']} modelling "
        f"units (seed {details['fit_seed']}); the topic proportions of every unit are inferred with it."
        if details
        else ""
    )
    return Plot(bar_panels(panels, panel_height=2.8), table, caption, details)


@figure(
    "topic_terms",
    title="The topics: terms ranked by relevance",
    table=topic_terms_table,
    draw=draw_topic_terms,
    prepare=start_topic_selection,
)
def topic_terms(session, *, k: int | None = None, random_state: int = config.RANDOM_STATE, top: int = 10) -> Plot:
    """For each topic of the default LDA model, the ten terms with the highest relevance
    (λ = 0.6: probability in the topic weighed against lift over the corpus, Sievert and Shirley
    2014); bar length is the term's probability in the topic.

    Parameters
    ----------
    session : Session
        The corpus.
    k : int, optional
        Number of topics; by default the k of :func:`~analysis.topics.models.choose_k`.
    random_state : int, optional
        Seed of the LDA fit, and of the sample of units k is chosen on when k is not given and
        the units are many (default ``config.RANDOM_STATE``).
    top : int
        Terms per topic.
    """
    return draw_topic_terms(topic_terms_table(session, k=k, random_state=random_state, top=top))


def document_topics_table(session, *, k: int | None = None, random_state: int = config.RANDOM_STATE) -> pd.DataFrame:
    """The share of each topic in each article (``doc_id, topic_id, weight``), or, for more than 40
    articles, the mean share in each group of articles (``group, topic_id, weight``): the table of
    :func:`document_topics`.

    Parameters
    ----------
    session : Session
        The corpus.
    k : int, optional
        Number of topics; by default the k of :func:`~analysis.topics.models.choose_k`.
    random_state : int, optional
        Seed of the LDA fit, and of the sample of units k is chosen on when k is not given and
        the units are many (default ``config.RANDOM_STATE``).
    """
    data = _doc_topics(session, k=k, random_state=random_state)
    model, _ = fitted_topics(session, k=k, random_state=random_state)
    matrix = data.pivot(index="doc_id", columns="topic_id", values="weight")
    if len(matrix) > MAX_ROWS:
        groups, by = _groups(session, list(matrix.index), MAX_GROUPS)
        means = matrix.groupby(_sized(groups).to_numpy()).mean()
        data = means.rename_axis("group").stack().rename("weight").round(6).reset_index()
        data.attrs.update(k=model.k, documents=len(matrix), by=by)
        return data
    data.attrs.update(k=model.k, labels=_doc_labels(session, matrix.index))
    return data


@drawing
def draw_document_topics(table: pd.DataFrame) -> Plot:
    """A heatmap of topic shares: one row per article (at most 40, by date), or per group."""
    k = table.attrs.get("k", int(table["topic_id"].max()) + 1 if len(table) else 0)
    grouped = "group" in table.columns
    matrix = table.pivot(index="group" if grouped else "doc_id", columns="topic_id", values="weight")
    if grouped:
        order = _group_order(matrix.index)
        names = order
    else:
        labels = table.attrs.get("labels", {})
        order = _by_label(matrix.index, labels)
        names = [labels.get(d, d) for d in order]
    values = matrix.loc[order].to_numpy()
    fig, ax = new_figure(width=3 + 0.7 * k, height=1.5 + 0.45 * len(order))
    image = ax.imshow(values, cmap="Greens", vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(order)), names, fontsize=8)
    ax.set_xticks(range(k), [f"topic {t}" for t in range(k)], fontsize=8)
    label_cells(ax, values, decimals=2)
    fig.colorbar(image, ax=ax, shrink=0.7, label="mean share" if grouped else "share")
    if not grouped:
        return Plot(fig, table)
    by = table.attrs.get("by", "group")
    caption = (
        f"This corpus has {table.attrs.get('documents', len(order))} articles: one row per {by} (n: articles"
        f"{'; the largest sources, the rest pooled' if by == 'source' else ''}), the mean share of each "
        f"topic over its articles."
    )
    return Plot(fig, table, caption)


@figure(
    "document_topics",
    title="Topics of each article",
    table=document_topics_table,
    draw=draw_document_topics,
    prepare=start_topic_selection,
)
def document_topics(session, *, k: int | None = None, random_state: int = config.RANDOM_STATE) -> Plot:
    """Share of each topic in each article: the topic proportions of its modelling units (paragraphs,
    or windows of three sentences), averaged with weights by their number of terms. Articles by date.

    Parameters
    ----------
    session : Session
        The corpus.
    k : int, optional
        Number of topics; by default the k of :func:`~analysis.topics.models.choose_k`.
    random_state : int, optional
        Seed of the LDA fit, and of the sample of units k is chosen on when k is not given and
        the units are many (default ``config.RANDOM_STATE``).
    """
    return draw_document_topics(document_topics_table(session, k=k, random_state=random_state))


def topic_prevalence_table(
    session, *, k: int | None = None, random_state: int = config.RANDOM_STATE, period: str | None = None
) -> pd.DataFrame:
    """The mean share of each topic in the dated articles of each period (its name the first column):
    the table of :func:`topic_prevalence`.

    Parameters
    ----------
    session : Session
        The corpus.
    k : int, optional
        Number of topics; by default the k of :func:`~analysis.topics.models.choose_k`.
    random_state : int, optional
        Seed of the LDA fit, and of the sample of units k is chosen on when k is not given and
        the units are many (default ``config.RANDOM_STATE``).
    period : str, optional
        ``"day"``, ``"week"``, ``"month"``, ``"quarter"`` or ``"year"``; by default months, or a
        coarser period when the span is long.
    """
    dates = pd.Series({d.doc_id: d.date.isoformat() for d in session.corpus if d.date}, dtype=object)
    if dates.empty:
        return note_table("No article has a date: no prevalence over time to draw.")
    shares = _doc_topics(session, k=k, random_state=random_state)
    period = period or choose_period(dates, finest="month")
    shares = shares[shares["doc_id"].isin(dates.index)].assign(
        **{period: lambda t: t["doc_id"].map(period_labels(dates, period))}
    )
    return shares.groupby([period, "topic_id"])["weight"].mean().round(6).reset_index()


@drawing
def draw_topic_prevalence(table: pd.DataFrame) -> Plot:
    """Stacked bars of the mean topic shares of each period."""
    if (plot := drawn_note(table)) is not None:
        return plot
    period = table.columns[0]
    matrix = table.pivot(index=period, columns="topic_id", values="weight").fillna(0)
    fig, ax = new_figure(width=8, height=4)
    stacked_bars(ax, matrix, [PALETTE[t % 10] for t in matrix.columns], [f"topic {t}" for t in matrix.columns])
    ax.set_ylabel(f"mean share of the {period}'s articles")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    return Plot(fig, table, "" if period == "month" else f"The span of this corpus is long: one bar per {period}.")


@figure(
    "topic_prevalence",
    title="Topic prevalence over time",
    table=topic_prevalence_table,
    draw=draw_topic_prevalence,
    prepare=start_topic_selection,
)
def topic_prevalence(
    session, *, k: int | None = None, random_state: int = config.RANDOM_STATE, period: str | None = None
) -> Plot:
    """Mean share of each topic in the articles of each month (articles weighted equally); months
    without articles are left out. With few articles a month, read it as a description of those
    articles, not a trend.

    Parameters
    ----------
    session : Session
        The corpus.
    k : int, optional
        Number of topics; by default the k of :func:`~analysis.topics.models.choose_k`.
    random_state : int, optional
        Seed of the LDA fit, and of the sample of units k is chosen on when k is not given and
        the units are many (default ``config.RANDOM_STATE``).
    period : str, optional
        See :func:`topic_prevalence_table`.
    """
    return draw_topic_prevalence(topic_prevalence_table(session, k=k, random_state=random_state, period=period))
