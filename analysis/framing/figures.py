"""Figures of framing phrases: rates over time, where they sit in each article, formula completeness,
first and last attestation, and co-occurrence in sentences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..figures.periods import choose_period, period_labels, period_starts
from ..figures.plotting import (
    PALETTE,
    Plot,
    drawing,
    drawn_note,
    label_cells,
    new_figure,
    note_table,
    shorten,
    stacked_bars,
)
from ..figures.registry import figure
from .lexicon import Lexicon, load_lexicon
from .tables import attestations, cooccurrence, count_phrases, dispersion, formula_completeness

__all__ = [
    "phrase_timeline",
    "phrase_timeline_table",
    "draw_phrase_timeline",
    "phrase_dispersion",
    "phrase_dispersion_table",
    "draw_phrase_dispersion",
    "formula_parts",
    "formula_parts_table",
    "draw_formula_parts",
    "phrase_attestation",
    "phrase_attestation_table",
    "draw_phrase_attestation",
    "phrase_cooccurrence",
    "phrase_cooccurrence_table",
    "draw_phrase_cooccurrence",
]

MAX_DOCUMENTS = 40
_NO_DISPERSION = "No article has a part of the formula: no dispersion to draw."
_NO_ATTESTATION = "No phrase of the lexicon is found in a dated article: no attestation to draw."
_NO_COOCCURRENCE = "No phrase of the lexicon is found in this corpus: no co-occurrence to draw."


def _lexicon(lexicon: Lexicon | str | Path | None) -> Lexicon:
    return lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)


def _glosses(lex: Lexicon) -> dict[str, str]:
    return {p.phrase: p.gloss for p in lex}


def _label(glosses: dict[str, str], phrase: str, width: int = 60) -> str:
    gloss = glosses.get(phrase, "")
    return shorten(f"{phrase} — {gloss}" if gloss else phrase, width)


def _counts(session, lex: Lexicon) -> pd.DataFrame:
    """Phrase counts of a session's documents, once per lexicon."""
    return session.memo(("phrase counts", lex), lambda: count_phrases(session.syllabified(), lex))


def _parts(lex: Lexicon) -> list[str]:
    """The parts of the lexicon's first formula, or its first four phrases when it has none."""
    return list(lex.formulas[0].parts) if lex.formulas else [p.phrase for p in lex][:4]


def _by_date(counts: pd.DataFrame, by: str, period: str | None = None) -> pd.DataFrame:
    """Counts and rates per date, or per ``period`` (labelled by its first day, in the ``date`` column)."""
    dated = counts[counts["date"] != ""]
    if period is not None:
        dated = dated.assign(date=period_starts(dated["date"], period))
    sizes = dated.drop_duplicates("doc_id").groupby("date")["n_syllables"].sum()
    table = dated.groupby(["date", by], sort=True)["count"].sum().reset_index().join(sizes, on="date")
    table["per_10k"] = (1e4 * table["count"] / table["n_syllables"]).round(4)
    return table


def _timeline_period(counts: pd.DataFrame) -> str | None:
    """None (one point per date) for a corpus of few dates, else the period its span calls for."""
    dates = counts.loc[counts["date"] != "", "date"].drop_duplicates()
    return None if len(dates) <= MAX_DOCUMENTS else choose_period(dates)


def phrase_timeline_table(session, *, lexicon=None, period: str | None = None) -> pd.DataFrame:
    """Counts and rates of the formula parts (``kind`` phrase) and of the lexicon's groups (``kind``
    group) per date or period: the table of :func:`phrase_timeline`.

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    period : str, optional
        Pool the documents of each ``"day"``, ``"week"``, ``"month"``, ``"quarter"`` or ``"year"``
        (dated by its first day); by default one point per date, or the period a long span calls for.
    """
    lex = _lexicon(lexicon)
    counts = _counts(session, lex)
    if (counts["date"] == "").all():
        return note_table("No article has a date: no timeline to draw.")
    period = period or _timeline_period(counts)
    parts = _parts(lex)
    top = _by_date(counts[counts["phrase"].isin(parts)], "phrase", period)
    bottom = _by_date(counts, "group", period)
    data = pd.concat(
        [
            top.rename(columns={"phrase": "name"}).assign(kind="phrase"),
            bottom.rename(columns={"group": "name"}).assign(kind="group"),
        ]
    )[["kind", "name", "date", "count", "n_syllables", "per_10k"]]
    data.attrs.update(
        period=period, parts=parts, groups=list(dict.fromkeys(p.group for p in lex)), glosses=_glosses(lex)
    )
    return data


@drawing
def draw_phrase_timeline(table: pd.DataFrame) -> Plot:
    """Lines of the rates per 10,000 syllables: formula parts (top) and groups (bottom)."""
    if (plot := drawn_note(table)) is not None:
        return plot
    period = table.attrs.get("period")
    glosses = table.attrs.get("glosses", {})
    fig, (top, bottom) = new_figure(height=7, nrows=2, sharex=True)
    for ax, kind in ((top, "phrase"), (bottom, "group")):
        data = table[table["kind"] == kind]
        names = table.attrs.get("parts" if kind == "phrase" else "groups") or list(dict.fromkeys(data["name"]))
        for i, name in enumerate(names):
            line = data[data["name"] == name]
            if not line.empty:
                ax.plot(
                    pd.to_datetime(line["date"]),
                    line["per_10k"],
                    marker="o" if period is None else ".",
                    color=PALETTE[i % 8],
                    label=_label(glosses, name, 48) if kind == "phrase" else name,
                )
        ax.set_ylabel("per 10,000 syllables")
        ax.legend(fontsize=8, loc="upper left")
    top.set_title("Parts of the relationship formula")
    bottom.set_title("Groups of phrases")
    fig.autofmt_xdate()
    caption = (
        ""
        if period is None
        else (
            f"This corpus has many dates: one point per {period} (documents of the "
            f"{period} pooled, dated by its first day)."
        )
    )
    return Plot(fig, table, caption)


@figure(
    "phrase_timeline",
    title="Framing phrases per 10,000 syllables, by date",
    table=phrase_timeline_table,
    draw=draw_phrase_timeline,
)
def phrase_timeline(session, *, lexicon=None, period: str | None = None) -> Plot:
    """Top: each part of the Vietnam–Laos relationship formula; bottom: each group of the built-in
    lexicon (relationship formula, relationship quality, policy slogan, mechanism, cooperation
    field). One point per publication date (documents of one date pooled); the rate is the count
    per 10,000 syllables of those documents, captions excluded. The CSV holds the counts too.

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    period : str, optional
        See :func:`phrase_timeline_table`.
    """
    return draw_phrase_timeline(phrase_timeline_table(session, lexicon=lexicon, period=period))


def phrase_dispersion_table(session, *, lexicon=None) -> pd.DataFrame:
    """Each occurrence of a formula part (or of the first four phrases of a lexicon without a
    formula) with its position in its article, for the 40 latest articles with one: the table of
    :func:`phrase_dispersion`.

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    """
    lex = _lexicon(lexicon)
    parts = _parts(lex)
    data = dispersion(session.syllabified(), lex)
    data = data[data["phrase"].isin(parts)].sort_values(["date", "doc_id", "position"]).reset_index(drop=True)
    matched = list(dict.fromkeys(data["doc_id"]))
    if not matched:
        return note_table(_NO_DISPERSION, data)
    data = data[data["doc_id"].isin(matched[-MAX_DOCUMENTS:])]
    data.attrs.update(parts=parts, glosses=_glosses(lex), matched=len(matched))
    return data


@drawing
def draw_phrase_dispersion(table: pd.DataFrame) -> Plot:
    """One row per article, one mark per occurrence at its position in the article."""
    if (plot := drawn_note(table, None if len(table) else _NO_DISPERSION)) is not None:
        return plot
    parts = table.attrs.get("parts") or list(dict.fromkeys(table["phrase"]))
    glosses = table.attrs.get("glosses", {})
    docs = list(dict.fromkeys(table["doc_id"]))
    dates = dict(zip(table["doc_id"], table["date"]))
    fig, ax = new_figure(height=1.4 + 0.5 * max(len(docs), 1))
    offsets = np.linspace(-0.24, 0.24, len(parts))
    for i, phrase in enumerate(parts):
        hits = table[table["phrase"] == phrase]
        ax.scatter(
            hits["position"],
            [docs.index(d) + offsets[i] for d in hits["doc_id"]],
            marker="|",
            s=180,
            linewidths=2.5,
            color=PALETTE[i],
            label=_label(glosses, phrase, 48),
        )
    ax.set_yticks(range(len(docs)), [f"{dates[d] or 'no date'}  {shorten(d, 24)}" for d in docs])
    ax.set_ylim(len(docs) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (share of its tokens)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=8)
    matched = table.attrs.get("matched", len(docs))
    caption = "" if matched <= len(docs) else f"Here the {len(docs)} latest of the {matched} articles with a match."
    return Plot(fig, table, caption)


@figure(
    "phrase_dispersion",
    title="Where in each article the formula parts occur",
    table=phrase_dispersion_table,
    draw=draw_phrase_dispersion,
)
def phrase_dispersion(session, *, lexicon=None) -> Plot:
    """Lexical dispersion ('x-ray') plot: one row per article, ordered by date (at most 40, those
    with a match), one mark per occurrence at its position in the article (share of the
    article's tokens before it). Phrases are matched on syllables, so a multi-syllable phrase
    is one mark at its first syllable.

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    """
    return draw_phrase_dispersion(phrase_dispersion_table(session, lexicon=lexicon))


def formula_parts_table(session, *, lexicon=None, period: str | None = None) -> pd.DataFrame:
    """The table of :func:`formula_parts`: for each article, the most parts of the lexicon's first
    formula in one sentence and their order; for more than 40 articles (or when ``period`` is
    given), the number of articles per period by that number. A lexicon without a formula gives
    a note.

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    period : str, optional
        Count the articles per ``"month"``, ``"quarter"`` or ``"year"`` (or ``"day"``, ``"week"``);
        by default one row per article, or per period when there are more than 40.
    """
    lex = _lexicon(lexicon)
    if not lex.formulas:
        return note_table("The lexicon has no formula: no formula completeness to draw.")
    formula = lex.formulas[0]
    data = formula_completeness(session.syllabified(), formula).sort_values(["date", "doc_id"]).reset_index(drop=True)
    data.attrs.update(parts=len(formula.parts))
    if len(data) <= MAX_DOCUMENTS and period is None:
        return data
    period = period or choose_period(data["date"], max_periods=40, finest="month")
    groups = period_labels(data["date"], period).replace("", "no date")
    table = data.assign(**{period: groups}).groupby([period, "max_parts"]).size().rename("documents")
    matrix = table.unstack("max_parts", fill_value=0).reindex(columns=range(len(formula.parts) + 1), fill_value=0)
    out = matrix.stack().rename("documents").reset_index()
    out.attrs.update(parts=len(formula.parts), documents=len(data))
    return out


@drawing
def draw_formula_parts(table: pd.DataFrame) -> Plot:
    """Bars of the most formula parts in one sentence per article, or stacked bars per period."""
    if (plot := drawn_note(table)) is not None:
        return plot
    parts = table.attrs.get("parts", 4)
    if "doc_id" not in table.columns:
        return _draw_completeness_by_period(table, parts)
    fig, ax = new_figure(height=1.2 + 0.45 * len(table))
    y = np.arange(len(table))
    ax.barh(y, table["max_parts"], color=PALETTE[0], height=0.6)
    for yi, (n, order) in enumerate(zip(table["max_parts"], table["order"])):
        ax.text(n + 0.05, yi, order or "none", va="center", fontsize=9)
    ax.set_yticks(y, [f"{d or 'no date'}  {shorten(i, 24)}" for d, i in zip(table["date"], table["doc_id"])])
    ax.invert_yaxis()
    ax.set_xlim(0, parts + 0.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"parts of the formula in one sentence (of {parts})")
    return Plot(fig, table)


def _draw_completeness_by_period(table: pd.DataFrame, parts: int) -> Plot:
    """Articles by the largest number of formula parts in one of their sentences, per period."""
    period = table.columns[0]
    matrix = table.pivot(index=period, columns="max_parts", values="documents")
    matrix = matrix.reindex(columns=range(parts + 1), fill_value=0)
    fig, ax = new_figure(width=9, height=4.5)
    colours = ["#dddddd", *[PALETTE[i] for i in range(parts)]]
    stacked_bars(ax, matrix, colours, [f"{n} of {parts}" for n in matrix.columns])
    ax.set_ylabel("articles")
    ax.legend(title="most parts in one sentence", loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    documents = table.attrs.get("documents", int(table["documents"].sum()))
    caption = (
        f"This corpus has {documents} articles: instead of one bar each, the number of articles per "
        f"{period} by the largest number of parts found in one sentence (the CSV counts them; the order of "
        f"the parts is in `python -m analysis phrases`)."
    )
    return Plot(fig, table, caption)


@figure(
    "formula_completeness",
    title="How much of the relationship formula appears in one sentence",
    table=formula_parts_table,
    draw=draw_formula_parts,
)
def formula_parts(session, *, lexicon=None, period: str | None = None) -> Plot:
    """For each article (by date), the largest number of the four parts of 'hữu nghị vĩ đại,
    đoàn kết đặc biệt, hợp tác toàn diện, gắn kết chiến lược' (great friendship, special
    solidarity, comprehensive cooperation, strategic cohesion) found together in one sentence,
    labelled with their order (1-2-3-4 is the canonical order).

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    period : str, optional
        See :func:`formula_parts_table`.
    """
    return draw_formula_parts(formula_parts_table(session, lexicon=lexicon, period=period))


def phrase_attestation_table(session, *, lexicon=None) -> pd.DataFrame:
    """First and last attestation of each phrase (:func:`~analysis.framing.tables.attestations`):
    the table of :func:`phrase_attestation`; ``attrs`` holds the dates of the articles using each.

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    """
    lex = _lexicon(lexicon)
    counts = _counts(session, lex)
    data = attestations(counts, session.syllabified())
    if (data["first_date"] == "").all():
        return note_table(_NO_ATTESTATION, data)
    used = counts[(counts["count"] > 0) & (counts["date"] != "")]
    data.attrs.update(glosses=_glosses(lex), dates={p: list(d) for p, d in used.groupby("phrase", sort=False)["date"]})
    return data


@drawing
def draw_phrase_attestation(table: pd.DataFrame) -> Plot:
    """A line from the first to the last dated use of each phrase, a dot per article using it."""
    if (plot := drawn_note(table, None if (table["first_date"] != "").any() else _NO_ATTESTATION)) is not None:
        return plot
    glosses = table.attrs.get("glosses", {})
    dated = table.attrs.get("dates", {})
    shown = table[table["first_date"] != ""].sort_values(["first_date", "phrase"]).reset_index(drop=True)
    fig, ax = new_figure(width=9, height=1.2 + 0.32 * max(len(shown), 1))
    for y, row in shown.iterrows():
        ax.plot(pd.to_datetime([row["first_date"], row["last_date"]]), [y, y], color=PALETTE[0], lw=2)
        dates = pd.to_datetime(pd.Series(dated.get(row["phrase"], [row["first_date"], row["last_date"]])))
        ax.scatter(dates, [y] * len(dates), color=PALETTE[1], s=18, zorder=3)
    ax.set_yticks(
        range(len(shown)),
        [f"{_label(glosses, p, 56)} ({n})" for p, n in zip(shown["phrase"], shown["documents"])],
        fontsize=8,
    )
    ax.invert_yaxis()
    fig.autofmt_xdate()
    return Plot(fig, table)


@figure(
    "phrase_attestation",
    title="First and last attestation of each phrase",
    table=phrase_attestation_table,
    draw=draw_phrase_attestation,
)
def phrase_attestation(session, *, lexicon=None) -> Plot:
    """For each phrase of the built-in lexicon found in the corpus: a line from the first to the last
    dated article that uses it, a dot per article, and the number of articles. Phrases with a
    gloss in English; the CSV adds counts and the sources that use each phrase.

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    """
    return draw_phrase_attestation(phrase_attestation_table(session, lexicon=lexicon))


def phrase_cooccurrence_table(session, *, lexicon=None) -> pd.DataFrame:
    """Sentences in which both phrases occur, for the phrases found in the corpus (a ``phrase``
    column, then one column per phrase): the table of :func:`phrase_cooccurrence`.

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    """
    lex = _lexicon(lexicon)
    matrix = cooccurrence(session.syllabified(), lex)
    present = [p for p in matrix.index if matrix.loc[p, p] > 0]
    data = matrix.loc[present, present].reset_index()
    if not present:
        return note_table(_NO_COOCCURRENCE, data)
    data.attrs.update(glosses=_glosses(lex))
    return data


@drawing
def draw_phrase_cooccurrence(table: pd.DataFrame) -> Plot:
    """A heatmap of the sentences shared by each pair of phrases."""
    if (plot := drawn_note(table, None if len(table) else _NO_COOCCURRENCE)) is not None:
        return plot
    matrix = table.set_index(table.columns[0])
    present = list(matrix.index)
    glosses = table.attrs.get("glosses", {})
    size = 2.5 + 0.3 * len(present)
    fig, ax = new_figure(width=size + 3, height=size)
    image = ax.imshow(matrix.to_numpy(), cmap="Blues")
    label_cells(ax, matrix.to_numpy())
    ax.set_xticks(range(len(present)), present, rotation=60, ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_yticks(range(len(present)), [_label(glosses, p, 56) for p in present], fontsize=8)
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.6, label="sentences")
    return Plot(fig, table)


@figure(
    "phrase_cooccurrence",
    title="Phrases that share a sentence",
    table=phrase_cooccurrence_table,
    draw=draw_phrase_cooccurrence,
)
def phrase_cooccurrence(session, *, lexicon=None) -> Plot:
    """Number of sentences in which both phrases occur (diagonal: sentences with the phrase), for
    the phrases found in the corpus. Sentences are those of the analysed text: titles, headings
    and body, captions excluded.

    Parameters
    ----------
    session : Session
        The corpus.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    """
    return draw_phrase_cooccurrence(phrase_cooccurrence_table(session, lexicon=lexicon))
