"""Figures of stance: who takes which stance, how that changes, which framing phrases each actor
uses, the tone of what each actor says, and how the extractor compares with a gold standard."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..figures.periods import period_labels
from ..figures.plotting import PALETTE, Plot, drawing, heatmap, new_figure, stacked_bars
from ..figures.registry import figure
from ..framing.lexicon import Lexicon, load_lexicon
from ..framing.phrases import PhraseMatcher
from ..text.vietnamese import fold, wrapped_keys
from .extract import STANCES, StanceExtractor, evaluate

__all__ = [
    "stance_actors",
    "stance_actors_table",
    "draw_stance_actors",
    "stance_over_time",
    "stance_over_time_table",
    "draw_stance_over_time",
    "actor_phrases",
    "actor_phrases_table",
    "draw_actor_phrases",
    "tone_by_actor",
    "tone_by_actor_table",
    "draw_tone_by_actor",
    "validation_plot",
    "statements",
]

MAX_ACTORS = 15
UNRESOLVED = "unresolved"  # the one row of all statements whose actor is an unresolved pronoun or title


def statements(session, *, extractor: StanceExtractor | None = None) -> pd.DataFrame:
    """The stance table of a session, extracted once (by each ``extractor`` given, every time).

    Parameters
    ----------
    session : Session
        The corpus.
    extractor : StanceExtractor, optional
        The extractor (its register of actors, whether captions count); by default the project's,
        keeping captions as the session does.
    """
    if extractor is not None:
        return extractor.extract(list(session.corpus))
    return session.memo(
        "stance",
        lambda: StanceExtractor(keep_captions=session.keep_captions, jobs=session.jobs).extract(list(session.corpus)),
    )


# First-person pronouns left as written: inside a quotation they name the speaker's side, which the table
# does not say, so they name no one to a reader of the figure.
_FIRST_PERSON = frozenset(fold(w) for w in ("tôi", "chúng tôi", "chúng ta", "ta", "mình", "chúng mình", "chúng em"))


def _unresolved(table: pd.DataFrame) -> pd.Series:
    """Whether each statement's actor names no one: actor_type ``unresolved`` ("Họ", "Ông") or a first-person
    pronoun left as written ("Chúng tôi", "Tôi")."""
    pronoun = table["actor"].map(lambda a: fold(a) in _FIRST_PERSON)
    if "actor_type" not in table.columns:
        return pronoun
    return table["actor_type"].eq(UNRESOLVED) | pronoun


def _top_actors(table: pd.DataFrame) -> list[str]:
    """The named actors with most statements (at most ``MAX_ACTORS``): unresolved pronouns and titles are
    never ranked, however often they speak (on a large corpus "Họ", "Ông" would lead otherwise)."""
    counts = table.loc[~_unresolved(table)].groupby("actor").size()
    return sorted(counts.index, key=lambda a: (-counts[a], a))[:MAX_ACTORS]


def _with_other(table: pd.DataFrame, actors: list[str]) -> tuple[pd.Series, list[str]]:
    """Each statement's actor, the named actors beyond the top ones grouped as ``other (N actors)`` and
    the unresolved ones as ``unresolved``; and the labels of those groups (none when nothing is grouped)."""
    unresolved = _unresolved(table)
    rest = table.loc[~table["actor"].isin(actors) & ~unresolved, "actor"]
    grouped, groups = table["actor"].where(table["actor"].isin(actors) & ~unresolved), []
    if not rest.empty:
        label = f"other ({rest.nunique()} actors)"
        grouped, groups = grouped.where(unresolved | grouped.notna(), label), [label]
    if unresolved.any():
        grouped, groups = grouped.where(~unresolved, UNRESOLVED), [*groups, UNRESOLVED]
    return grouped.fillna(table["actor"]), groups


def _period(dates: pd.Series) -> tuple[pd.Series, str]:
    """Month of each ISO date; quarters when the months would be more than 36, years when the quarters would."""
    months = dates.str[:7]
    if months.nunique() <= 36:
        return months, "month"
    quarters = dates.str[:4] + "-Q" + ((dates.str[5:7].astype(int) - 1) // 3 + 1).astype(str)
    if quarters.nunique() <= 36:
        return quarters, "quarter"
    return dates.str[:4], "year"


def _heatmap(ax, matrix: pd.DataFrame, cmap: str = "Blues", groups=()):
    """A heatmap of ``matrix`` whose colour scale is set by its named actors: the rows ``groups`` (``other
    (N actors)``, ``unresolved``), far larger on a large corpus, are drawn grey with their numbers."""
    scaled = [i for i, a in enumerate(matrix.index) if a not in set(groups)]
    image = heatmap(ax, matrix.to_numpy(), cmap=cmap, scaled=scaled, fontsize=8)
    ax.set_yticks(range(len(matrix.index)), matrix.index, fontsize=8)
    ax.spines[:].set_visible(False)
    return image


def stance_actors_table(session, *, extractor: StanceExtractor | None = None) -> pd.DataFrame:
    """Statements by actor (the 15 named actors with most, then the rest as one ``other (N actors)`` row,
    then all unresolved pronouns and titles as one ``unresolved`` row), their country and stance class:
    the table of :func:`stance_actors`.

    Parameters
    ----------
    session : Session
        The corpus.
    extractor : StanceExtractor, optional
        The extractor (its register of actors, whether captions count); by default the project's,
        keeping captions as the session does.
    """
    table = statements(session, extractor=extractor)
    actors = _top_actors(table)
    grouped, groups = _with_other(table, actors)
    country = dict(zip(table["actor"], table["actor_country"]))
    data = table.assign(actor=grouped).groupby(["actor", "stance"]).size().rename("statements").reset_index()
    data.insert(1, "actor_country", data["actor"].map(lambda a: "" if a in groups else country.get(a, "")))
    data.attrs.update(actors=actors, groups=groups)
    return data


@drawing
def draw_stance_actors(table: pd.DataFrame) -> Plot:
    """A heatmap of statements by actor (rows, with their country) and stance class (columns)."""
    counts = table.groupby("actor")["statements"].sum()
    groups = table.attrs.get(
        "groups", [a for a in counts.index if a.startswith("other (")] + [a for a in counts.index if a == UNRESOLVED]
    )
    actors = table.attrs.get(
        "actors", sorted((a for a in counts.index if a not in groups), key=lambda a: (-counts[a], a))
    )
    rows = actors + groups
    matrix = table.pivot_table(index="actor", columns="stance", values="statements", aggfunc="sum", fill_value=0)
    matrix = matrix.reindex(index=rows, columns=list(STANCES), fill_value=0)
    country = dict(zip(table["actor"], table["actor_country"]))
    fig, ax = new_figure(width=9, height=1.5 + 0.38 * len(rows))
    _heatmap(ax, matrix, groups=groups)
    ax.set_yticks(
        range(len(rows)), [f"{a} ({country[a] or 'unknown'})" for a in actors] + rows[len(actors) :], fontsize=8
    )
    ax.set_xticks(range(len(STANCES)), STANCES, rotation=30, ha="right", rotation_mode="anchor", fontsize=8)
    shown = [g for g in groups if g in set(counts.index)]
    if not actors or not shown:
        return Plot(fig, table)
    several = len(shown) > 1
    caption = (
        f"The colour scale is set by the {len(actors)} named actors' cells; the grouped "
        f"row{'s' if several else ''} {' and '.join(repr(g) for g in shown)} {'are' if several else 'is'} "
        f"drawn grey and hatched, off the scale, with {'their' if several else 'its'} numbers."
    )
    return Plot(fig, table, caption)


@figure("stance_actors", title="Who takes which stance", table=stance_actors_table, draw=draw_stance_actors)
def stance_actors(session, *, extractor: StanceExtractor | None = None) -> Plot:
    """Number of attributed statements by actor (rows: the 15 named actors with most statements, with
    their country, then all other named actors together as 'other', then all statements whose actor is
    an unresolved pronoun or title ("Họ", "Ông", "Chúng tôi") as one row 'unresolved') and stance
    class (columns): assert (khẳng định), emphasize (nhấn mạnh, nêu rõ), inform (cho biết, nói, theo),
    propose (đề nghị), agree (nhất trí, thống nhất), praise (đánh giá cao, hoan nghênh), thank (cảm ơn), commit
    (cam kết), concern (quan ngại), oppose (phản đối).

    Parameters
    ----------
    session : Session
        The corpus.
    extractor : StanceExtractor, optional
        The extractor (its register of actors, whether captions count); by default the project's,
        keeping captions as the session does.
    """
    return draw_stance_actors(stance_actors_table(session, extractor=extractor))


def stance_over_time_table(
    session, *, extractor: StanceExtractor | None = None, period: str | None = None
) -> pd.DataFrame:
    """Statements of each stance class per publication period (``period, stance, statements, unit``):
    the table of :func:`stance_over_time`.

    Parameters
    ----------
    session : Session
        The corpus.
    extractor : StanceExtractor, optional
        The extractor (its register of actors, whether captions count); by default the project's,
        keeping captions as the session does.
    period : str, optional
        ``"day"``, ``"week"``, ``"month"``, ``"quarter"`` or ``"year"``; by default months, quarters
        when there would be more than 36 months, years when more than 36 quarters.
    """
    table = statements(session, extractor=extractor)
    dated = table[table["date"] != ""]
    labels, unit = _period(dated["date"]) if period is None else (period_labels(dated["date"], period), period)
    dated = dated.assign(period=labels)
    return dated.groupby(["period", "stance"]).size().rename("statements").reset_index().assign(unit=unit)


@drawing
def draw_stance_over_time(table: pd.DataFrame) -> Plot:
    """Stacked bars of the statements of each stance class per period."""
    matrix = table.pivot_table(index="period", columns="stance", values="statements", aggfunc="sum", fill_value=0)
    matrix = matrix.reindex(columns=list(STANCES), fill_value=0)
    fig, ax = new_figure(width=8, height=4)
    used = [(PALETTE[i], stance) for i, stance in enumerate(STANCES) if matrix[stance].any()]
    stacked_bars(ax, matrix[[stance for _, stance in used]], [c for c, _ in used], [s for _, s in used])
    ax.set_ylabel("statements")
    if used:  # no statements: no legend (matplotlib would warn)
        ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    return Plot(fig, table)


@figure(
    "stance_over_time",
    title="Stance classes by publication period",
    table=stance_over_time_table,
    draw=draw_stance_over_time,
)
def stance_over_time(session, *, extractor: StanceExtractor | None = None, period: str | None = None) -> Plot:
    """Number of attributed statements of each stance class in the articles of each month (of each
    quarter when there would be more than 36 months, of each year when more than 36 quarters;
    the CSV names the period); periods without articles are left out. With one or two articles a
    period, this describes those articles.

    Parameters
    ----------
    session : Session
        The corpus.
    extractor : StanceExtractor, optional
        The extractor (its register of actors, whether captions count); by default the project's,
        keeping captions as the session does.
    period : str, optional
        See :func:`stance_over_time_table`.
    """
    return draw_stance_over_time(stance_over_time_table(session, extractor=extractor, period=period))


def actor_phrases_table(
    session, *, extractor: StanceExtractor | None = None, lexicon: Lexicon | str | None = None
) -> pd.DataFrame:
    """Occurrences of the lexicon's phrases in what each actor says (``actor, phrase, gloss, count``):
    the table of :func:`actor_phrases`.

    Parameters
    ----------
    session : Session
        The corpus.
    extractor : StanceExtractor, optional
        The extractor (its register of actors, whether captions count); by default the project's,
        keeping captions as the session does.
    lexicon : Lexicon or str or Path, optional
        The lexicon, or the path of a ``.toml`` or ``.txt`` one; by default the project's.
    """
    table = statements(session, extractor=extractor)
    lexicon = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    matcher = PhraseMatcher(lexicon)
    rows = []
    for actor, content in zip(table["actor"], table["content"]):
        counts = matcher.count(wrapped_keys(content)[0])
        rows += [(actor, p.phrase, p.gloss, n) for p, n in zip(lexicon, counts) if n]
    data = (
        pd.DataFrame(rows, columns=["actor", "phrase", "gloss", "count"])
        .groupby(["actor", "phrase", "gloss"], as_index=False)["count"]
        .sum()
    )
    used = set(data["actor"])
    data = data.sort_values(["actor", "phrase"]).reset_index(drop=True)
    data.attrs.update(
        actors=[a for a in _top_actors(table) if a in used],
        phrases=[p.phrase for p in lexicon if p.phrase in set(data["phrase"])],
    )
    return data


@drawing
def draw_actor_phrases(table: pd.DataFrame) -> Plot:
    """A heatmap of phrase occurrences by actor (rows) and phrase (columns)."""
    matrix = table.pivot_table(index="actor", columns="phrase", values="count", aggfunc="sum", fill_value=0)
    totals = table.groupby("actor")["count"].sum()
    actors = table.attrs.get("actors", sorted(totals.index, key=lambda a: (-totals[a], a))[:MAX_ACTORS])
    phrases = table.attrs.get("phrases", list(dict.fromkeys(table["phrase"])))
    matrix = matrix.reindex(index=actors, columns=phrases, fill_value=0)
    fig, ax = new_figure(width=3 + 0.42 * max(len(phrases), 1), height=2.5 + 0.38 * max(len(actors), 1))
    if len(actors) and len(phrases):
        _heatmap(ax, matrix, cmap="Purples")
        ax.set_xticks(range(len(phrases)), phrases, rotation=60, ha="right", rotation_mode="anchor", fontsize=8)
    return Plot(fig, table)


@figure(
    "actor_phrases",
    title="Which actors use which framing phrases",
    table=actor_phrases_table,
    draw=draw_actor_phrases,
)
def actor_phrases(session, *, extractor: StanceExtractor | None = None, lexicon: Lexicon | str | None = None) -> Plot:
    """Occurrences of the built-in lexicon's framing phrases in what each actor is reported to say
    (the content of their statements, quotations included), for actors and phrases with at least
    one occurrence. Matching as in the phrase counts: folded syllables, within the content.

    Parameters
    ----------
    session : Session
        The corpus.
    extractor : StanceExtractor, optional
        The extractor (its register of actors, whether captions count); by default the project's,
        keeping captions as the session does.
    lexicon : Lexicon or str or Path, optional
        See :func:`actor_phrases_table`.
    """
    return draw_actor_phrases(actor_phrases_table(session, extractor=extractor, lexicon=lexicon))


def tone_by_actor_table(session, *, extractor: StanceExtractor | None = None) -> pd.DataFrame:
    """Statements and tone words (positive, difficulty) of each of the 15 named actors with most
    statements, then of all the other named actors as one ``other`` row, then of all unresolved pronouns
    and titles as one ``unresolved`` row: the table of :func:`tone_by_actor`.

    Parameters
    ----------
    session : Session
        The corpus.
    extractor : StanceExtractor, optional
        The extractor (its register of actors, whether captions count); by default the project's,
        keeping captions as the session does.
    """
    table = statements(session, extractor=extractor)
    actors = _top_actors(table)
    grouped, groups = _with_other(table, actors)
    return (
        table.assign(actor=grouped)
        .groupby("actor")
        .agg(statements=("stance", "size"), positive=("tone_positive", "sum"), difficulty=("tone_difficulty", "sum"))
        .reindex(actors + groups)
        .reset_index()
    )


@drawing
def draw_tone_by_actor(table: pd.DataFrame) -> Plot:
    """Bars of positive and difficulty words per statement for each actor."""
    fig, ax = new_figure(width=8, height=1.5 + 0.38 * len(table))
    y = np.arange(len(table))
    ax.barh(y - 0.2, table["positive"] / table["statements"], height=0.4, color=PALETTE[2], label="positive")
    ax.barh(y + 0.2, table["difficulty"] / table["statements"], height=0.4, color=PALETTE[1], label="difficulty")
    ax.set_yticks(y, [f"{a} ({n})" for a, n in zip(table["actor"], table["statements"])], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("tone words per statement")
    ax.legend(loc="lower right")
    return Plot(fig, table)


@figure("tone_by_actor", title="The tone of what each actor says", table=tone_by_actor_table, draw=draw_tone_by_actor)
def tone_by_actor(session, *, extractor: StanceExtractor | None = None) -> Plot:
    """Words of the project's small tone lexicons (analysis/data/tone.toml) in the content of each
    actor's statements: positive evaluation (tốt đẹp, mẫu mực, hiệu quả, thực chất ...) and
    difficulty (khó khăn, vướng mắc, phức tạp, thách thức ...), per statement; the 15 named actors
    with most statements, then all other named actors together as 'other', then all statements whose
    actor is an unresolved pronoun or title as one row 'unresolved'.

    Parameters
    ----------
    session : Session
        The corpus.
    extractor : StanceExtractor, optional
        The extractor (its register of actors, whether captions count); by default the project's,
        keeping captions as the session does.
    """
    return draw_tone_by_actor(tone_by_actor_table(session, extractor=extractor))


def validation_plot(found: pd.DataFrame, gold: pd.DataFrame) -> Plot:
    """Precision and recall of the extractor against a gold standard, overall and per stance class."""
    rows = []
    for stance in ["all", *STANCES]:
        f = found if stance == "all" else found[found["stance"] == stance]
        g = gold if stance == "all" else gold[gold["stance"] == stance]
        if len(f) or len(g):
            precision, recall, _ = evaluate(f, g)
            rows.append((stance, len(g), len(f), round(precision, 4), round(recall, 4)))
    data = pd.DataFrame(rows, columns=["stance", "gold", "found", "precision", "recall"])
    fig, ax = new_figure(width=8, height=3.5)
    x = np.arange(len(data))
    ax.bar(x - 0.2, data["precision"], width=0.4, color=PALETTE[0], label="precision")
    ax.bar(x + 0.2, data["recall"], width=0.4, color=PALETTE[3], label="recall")
    ax.axhline(0.85, color="grey", ls="--", lw=1, label="0.85")
    ax.set_xticks(x, [f"{s}\n({g})" for s, g in zip(data["stance"], data["gold"])], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower right", fontsize=8)
    return Plot(fig, data)
