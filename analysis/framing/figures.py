"""Figures of framing phrases: rates over time, where they sit in each article, formula completeness,
first and last attestation, and co-occurrence in sentences."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..figures.periods import choose_period, period_labels, period_starts
from ..figures.plotting import PALETTE, Plot, label_cells, new_figure, note, shorten, stacked_bars
from ..figures.registry import figure
from .lexicon import Lexicon, load_lexicon
from .tables import attestations, cooccurrence, count_phrases, dispersion, formula_completeness

__all__ = ["phrase_timeline", "phrase_dispersion", "formula_parts", "phrase_attestation", "phrase_cooccurrence"]

MAX_DOCUMENTS = 40


def _label(lexicon: Lexicon, phrase: str, width: int = 60) -> str:
    gloss = lexicon.gloss(phrase)
    return shorten(f"{phrase} — {gloss}" if gloss else phrase, width)


def _counts(session, lexicon: str | None) -> pd.DataFrame:
    """Phrase counts of a session's documents, once per lexicon."""
    return session.memo(("phrase counts", lexicon), lambda: count_phrases(session.syllabified(), load_lexicon(lexicon)))


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


@figure(
    "phrase_timeline",
    title="Framing phrases per 10,000 syllables, by date",
    caption="Top: each part of the Vietnam–Laos relationship formula; bottom: each group of the built-in "
    "lexicon (relationship formula, relationship quality, policy slogan, mechanism, cooperation "
    "field). One point per publication date (documents of one date pooled); the rate is the count "
    "per 10,000 syllables of those documents, captions excluded. The CSV holds the counts too.",
)
def phrase_timeline(session, lexicon: str | None = None) -> Plot:
    lex = load_lexicon(lexicon)
    counts = _counts(session, lexicon)
    if (counts["date"] == "").all():
        return note("No article has a date: no timeline to draw.")
    period = _timeline_period(counts)
    parts = list(lex.formulas[0].parts) if lex.formulas else [p.phrase for p in lex][:4]
    top_data = _by_date(counts[counts["phrase"].isin(parts)], "phrase", period)
    bottom_data = _by_date(counts, "group", period)
    fig, (top, bottom) = new_figure(height=7, nrows=2, sharex=True)
    for ax, data, column, names in (
        (top, top_data, "phrase", parts),
        (bottom, bottom_data, "group", list(dict.fromkeys(p.group for p in lex))),
    ):
        for i, name in enumerate(names):
            line = data[data[column] == name]
            if not line.empty:
                ax.plot(
                    pd.to_datetime(line["date"]),
                    line["per_10k"],
                    marker="o" if period is None else ".",
                    color=PALETTE[i % 8],
                    label=_label(lex, name, 48) if column == "phrase" else name,
                )
        ax.set_ylabel("per 10,000 syllables")
        ax.legend(fontsize=8, loc="upper left")
    top.set_title("Parts of the relationship formula")
    bottom.set_title("Groups of phrases")
    fig.autofmt_xdate()
    data = pd.concat(
        [
            top_data.rename(columns={"phrase": "name"}).assign(kind="phrase"),
            bottom_data.rename(columns={"group": "name"}).assign(kind="group"),
        ]
    )
    caption = (
        ""
        if period is None
        else (
            f"This corpus has many dates: one point per {period} (documents of the "
            f"{period} pooled, dated by its first day)."
        )
    )
    return Plot(fig, data[["kind", "name", "date", "count", "n_syllables", "per_10k"]], caption)


@figure(
    "phrase_dispersion",
    title="Where in each article the formula parts occur",
    caption="Lexical dispersion ('x-ray') plot: one row per article, ordered by date (at most 40, those "
    "with a match), one mark per occurrence at its position in the article (share of the "
    "article's tokens before it). Phrases are matched on syllables, so a multi-syllable phrase "
    "is one mark at its first syllable.",
)
def phrase_dispersion(session, lexicon: str | None = None) -> Plot:
    lex = load_lexicon(lexicon)
    parts = list(lex.formulas[0].parts) if lex.formulas else [p.phrase for p in lex][:4]
    data = dispersion(session.syllabified(), lex)
    data = data[data["phrase"].isin(parts)].sort_values(["date", "doc_id", "position"]).reset_index(drop=True)
    matched = list(dict.fromkeys(data["doc_id"]))
    if not matched:
        return note("No article has a part of the formula: no dispersion to draw.", data)
    docs = matched[-MAX_DOCUMENTS:]
    data = data[data["doc_id"].isin(docs)]
    dates = dict(zip(data["doc_id"], data["date"]))
    fig, ax = new_figure(height=1.4 + 0.5 * max(len(docs), 1))
    offsets = np.linspace(-0.24, 0.24, len(parts))
    for i, phrase in enumerate(parts):
        hits = data[data["phrase"] == phrase]
        ax.scatter(
            hits["position"],
            [docs.index(d) + offsets[i] for d in hits["doc_id"]],
            marker="|",
            s=180,
            linewidths=2.5,
            color=PALETTE[i],
            label=_label(lex, phrase, 48),
        )
    ax.set_yticks(range(len(docs)), [f"{dates[d] or 'no date'}  {shorten(d, 24)}" for d in docs])
    ax.set_ylim(len(docs) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (share of its tokens)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=8)
    caption = (
        ""
        if len(matched) <= MAX_DOCUMENTS
        else (f"Here the {len(docs)} latest of the {len(matched)} articles with a match.")
    )
    return Plot(fig, data, caption)


@figure(
    "formula_completeness",
    title="How much of the relationship formula appears in one sentence",
    caption="For each article (by date), the largest number of the four parts of 'hữu nghị vĩ đại, "
    "đoàn kết đặc biệt, hợp tác toàn diện, gắn kết chiến lược' (great friendship, special "
    "solidarity, comprehensive cooperation, strategic cohesion) found together in one sentence, "
    "labelled with their order (1-2-3-4 is the canonical order).",
)
def formula_parts(session, lexicon: str | None = None) -> Plot:
    lex = load_lexicon(lexicon)
    formula = lex.formulas[0]
    data = formula_completeness(session.syllabified(), formula).sort_values(["date", "doc_id"]).reset_index(drop=True)
    if len(data) > MAX_DOCUMENTS:
        return _completeness_by_period(data, len(formula.parts))
    fig, ax = new_figure(height=1.2 + 0.45 * len(data))
    y = np.arange(len(data))
    ax.barh(y, data["max_parts"], color=PALETTE[0], height=0.6)
    for yi, (n, order) in enumerate(zip(data["max_parts"], data["order"])):
        ax.text(n + 0.05, yi, order or "none", va="center", fontsize=9)
    ax.set_yticks(y, [f"{d or 'no date'}  {shorten(i, 24)}" for d, i in zip(data["date"], data["doc_id"])])
    ax.invert_yaxis()
    ax.set_xlim(0, len(formula.parts) + 0.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"parts of the formula in one sentence (of {len(formula.parts)})")
    return Plot(fig, data)


def _completeness_by_period(data: pd.DataFrame, parts: int) -> Plot:
    """Articles by the largest number of formula parts in one of their sentences, per period."""
    period = choose_period(data["date"], max_periods=40, finest="month")
    groups = period_labels(data["date"], period).replace("", "no date")
    table = data.assign(**{period: groups}).groupby([period, "max_parts"]).size().rename("documents")
    matrix = table.unstack("max_parts", fill_value=0).reindex(columns=range(parts + 1), fill_value=0)
    fig, ax = new_figure(width=9, height=4.5)
    colours = ["#dddddd", *[PALETTE[i] for i in range(parts)]]
    stacked_bars(ax, matrix, colours, [f"{n} of {parts}" for n in matrix.columns])
    ax.set_ylabel("articles")
    ax.legend(title="most parts in one sentence", loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    out = matrix.stack().rename("documents").reset_index()
    caption = (
        f"This corpus has {len(data)} articles: instead of one bar each, the number of articles per "
        f"{period} by the largest number of parts found in one sentence (the CSV counts them; the order of "
        f"the parts is in `python -m analysis phrases`)."
    )
    return Plot(fig, out, caption)


@figure(
    "phrase_attestation",
    title="First and last attestation of each phrase",
    caption="For each phrase of the built-in lexicon found in the corpus: a line from the first to the last "
    "dated article that uses it, a dot per article, and the number of articles. Phrases with a "
    "gloss in English; the CSV adds counts and the sources that use each phrase.",
)
def phrase_attestation(session, lexicon: str | None = None) -> Plot:
    lex = load_lexicon(lexicon)
    docs = session.syllabified()
    counts = _counts(session, lexicon)
    data = attestations(counts, docs)
    shown = data[data["first_date"] != ""].sort_values(["first_date", "phrase"]).reset_index(drop=True)
    if shown.empty:
        return note("No phrase of the lexicon is found in a dated article: no attestation to draw.", data)
    fig, ax = new_figure(width=9, height=1.2 + 0.32 * max(len(shown), 1))
    used = counts[(counts["count"] > 0) & (counts["date"] != "")]
    for y, row in shown.iterrows():
        ax.plot(pd.to_datetime([row["first_date"], row["last_date"]]), [y, y], color=PALETTE[0], lw=2)
        dates = pd.to_datetime(used[used["phrase"] == row["phrase"]]["date"])
        ax.scatter(dates, [y] * len(dates), color=PALETTE[1], s=18, zorder=3)
    ax.set_yticks(
        range(len(shown)),
        [f"{_label(lex, p, 56)} ({n})" for p, n in zip(shown["phrase"], shown["documents"])],
        fontsize=8,
    )
    ax.invert_yaxis()
    fig.autofmt_xdate()
    return Plot(fig, data)


@figure(
    "phrase_cooccurrence",
    title="Phrases that share a sentence",
    caption="Number of sentences in which both phrases occur (diagonal: sentences with the phrase), for "
    "the phrases found in the corpus. Sentences are those of the analysed text: titles, headings "
    "and body, captions excluded.",
)
def phrase_cooccurrence(session, lexicon: str | None = None) -> Plot:
    lex = load_lexicon(lexicon)
    matrix = cooccurrence(session.syllabified(), lex)
    present = [p for p in matrix.index if matrix.loc[p, p] > 0]
    matrix = matrix.loc[present, present]
    if not present:
        return note("No phrase of the lexicon is found in this corpus: no co-occurrence to draw.", matrix.reset_index())
    size = 2.5 + 0.3 * len(present)
    fig, ax = new_figure(width=size + 3, height=size)
    image = ax.imshow(matrix.to_numpy(), cmap="Blues")
    label_cells(ax, matrix.to_numpy())
    ax.set_xticks(range(len(present)), present, rotation=60, ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_yticks(range(len(present)), [_label(lex, p, 56) for p in present], fontsize=8)
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.6, label="sentences")
    return Plot(fig, matrix.reset_index())
