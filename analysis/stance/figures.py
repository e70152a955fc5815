"""Figures of stance: who takes which stance, how that changes, which framing phrases each actor
uses, the tone of what each actor says, and how the extractor compares with a gold standard."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..figures.plotting import PALETTE, Plot, label_cells, new_figure, stacked_bars
from ..figures.registry import figure
from ..framing.lexicon import load_lexicon
from ..framing.phrases import PhraseMatcher
from ..text.vietnamese import wrapped_keys
from .extract import STANCES, StanceExtractor, evaluate

__all__ = ["stance_actors", "stance_over_time", "actor_phrases", "tone_by_actor", "validation_plot", "statements"]

MAX_ACTORS = 15


def statements(session) -> pd.DataFrame:
    """The stance table of a session, extracted once."""
    return session.memo(
        "stance", lambda: StanceExtractor(keep_captions=session.keep_captions).extract(list(session.corpus))
    )


def _top_actors(table: pd.DataFrame) -> list[str]:
    counts = table.groupby("actor").size()
    return sorted(counts.index, key=lambda a: (-counts[a], a))[:MAX_ACTORS]


def _with_other(table: pd.DataFrame, actors: list[str]) -> tuple[pd.Series, str | None]:
    """Each statement's actor, the actors beyond the top ones grouped as ``other (N actors)``; and that label."""
    rest = table.loc[~table["actor"].isin(actors), "actor"]
    if rest.empty:
        return table["actor"], None
    label = f"other ({rest.nunique()} actors)"
    return table["actor"].where(table["actor"].isin(actors), label), label


def _period(dates: pd.Series) -> tuple[pd.Series, str]:
    """Month of each ISO date; quarters when the months would be more than 36, years when the quarters would."""
    months = dates.str[:7]
    if months.nunique() <= 36:
        return months, "month"
    quarters = dates.str[:4] + "-Q" + ((dates.str[5:7].astype(int) - 1) // 3 + 1).astype(str)
    if quarters.nunique() <= 36:
        return quarters, "quarter"
    return dates.str[:4], "year"


def _heatmap(ax, matrix: pd.DataFrame, cmap: str = "Blues") -> None:
    values = matrix.to_numpy()
    ax.imshow(values, cmap=cmap, aspect="auto")
    label_cells(ax, values, fontsize=8)
    ax.set_yticks(range(len(matrix.index)), matrix.index, fontsize=8)
    ax.spines[:].set_visible(False)


@figure(
    "stance_actors",
    title="Who takes which stance",
    caption="Number of attributed statements by actor (rows: the 15 actors with most statements, with their "
    "country, then all other actors together as 'other') and "
    "stance class (columns): assert (khẳng định), emphasize (nhấn mạnh, nêu rõ), inform (cho biết, "
    "nói, theo), propose (đề nghị), agree (nhất trí, thống nhất), praise (đánh giá cao, hoan nghênh), "
    "thank (cảm ơn), commit (cam kết), concern (quan ngại), oppose (phản đối).",
)
def stance_actors(session) -> Plot:
    table = statements(session)
    actors = _top_actors(table)
    grouped, other = _with_other(table, actors)
    rows = actors + ([other] if other else [])
    matrix = pd.crosstab(grouped, table["stance"]).reindex(index=rows, columns=list(STANCES), fill_value=0)
    country = dict(zip(table["actor"], table["actor_country"]))
    # The table is what is drawn: the top actors, then the rest as one row.
    data = table.assign(actor=grouped).groupby(["actor", "stance"]).size().rename("statements").reset_index()
    data.insert(1, "actor_country", data["actor"].map(country).fillna(""))
    fig, ax = new_figure(width=9, height=1.5 + 0.38 * len(rows))
    _heatmap(ax, matrix)
    ax.set_yticks(
        range(len(rows)), [f"{a} ({country[a] or 'unknown'})" for a in actors] + rows[len(actors) :], fontsize=8
    )
    ax.set_xticks(range(len(STANCES)), STANCES, rotation=30, ha="right", rotation_mode="anchor", fontsize=8)
    return Plot(fig, data)


@figure(
    "stance_over_time",
    title="Stance classes by publication period",
    caption="Number of attributed statements of each stance class in the articles of each month (of each "
    "quarter when there would be more than 36 months, of each year when more than 36 quarters; "
    "the CSV names the period); periods without articles are left out. With one or two articles a "
    "period, this describes those articles.",
)
def stance_over_time(session) -> Plot:
    table = statements(session)
    dated = table[table["date"] != ""]
    period, unit = _period(dated["date"])
    dated = dated.assign(period=period)
    data = dated.groupby(["period", "stance"]).size().rename("statements").reset_index().assign(unit=unit)
    matrix = pd.crosstab(dated["period"], dated["stance"]).reindex(columns=list(STANCES), fill_value=0)
    fig, ax = new_figure(width=8, height=4)
    used = [(PALETTE[i], stance) for i, stance in enumerate(STANCES) if matrix[stance].any()]
    stacked_bars(ax, matrix[[stance for _, stance in used]], [c for c, _ in used], [s for _, s in used])
    ax.set_ylabel("statements")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    return Plot(fig, data)


@figure(
    "actor_phrases",
    title="Which actors use which framing phrases",
    caption="Occurrences of the built-in lexicon's framing phrases in what each actor is reported to say "
    "(the content of their statements, quotations included), for actors and phrases with at least "
    "one occurrence. Matching as in the phrase counts: folded syllables, within the content.",
)
def actor_phrases(session) -> Plot:
    table = statements(session)
    lexicon = load_lexicon()
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
    matrix = data.pivot_table(index="actor", columns="phrase", values="count", aggfunc="sum", fill_value=0)
    actors = [a for a in _top_actors(table) if a in matrix.index]
    phrases = [p.phrase for p in lexicon if p.phrase in matrix.columns]
    matrix = matrix.reindex(index=actors, columns=phrases, fill_value=0)
    fig, ax = new_figure(width=3 + 0.42 * max(len(phrases), 1), height=2.5 + 0.38 * max(len(actors), 1))
    if len(actors) and len(phrases):
        _heatmap(ax, matrix, cmap="Purples")
        ax.set_xticks(range(len(phrases)), phrases, rotation=60, ha="right", rotation_mode="anchor", fontsize=8)
    return Plot(fig, data.sort_values(["actor", "phrase"]).reset_index(drop=True))


@figure(
    "tone_by_actor",
    title="The tone of what each actor says",
    caption="Words of the project's small tone lexicons (analysis/data/tone.toml) in the content of each "
    "actor's statements: positive evaluation (tốt đẹp, mẫu mực, hiệu quả, thực chất ...) and "
    "difficulty (khó khăn, vướng mắc, phức tạp, thách thức ...), per statement; the 15 actors with "
    "most statements, then all others together as 'other'.",
)
def tone_by_actor(session) -> Plot:
    table = statements(session)
    actors = _top_actors(table)
    grouped, other = _with_other(table, actors)
    actors = actors + ([other] if other else [])
    data = (
        table.assign(actor=grouped)
        .groupby("actor")
        .agg(statements=("stance", "size"), positive=("tone_positive", "sum"), difficulty=("tone_difficulty", "sum"))
        .reindex(actors)
        .reset_index()
    )
    fig, ax = new_figure(width=8, height=1.5 + 0.38 * len(actors))
    y = np.arange(len(actors))
    ax.barh(y - 0.2, data["positive"] / data["statements"], height=0.4, color=PALETTE[2], label="positive")
    ax.barh(y + 0.2, data["difficulty"] / data["statements"], height=0.4, color=PALETTE[1], label="difficulty")
    ax.set_yticks(y, [f"{a} ({n})" for a, n in zip(actors, data["statements"])], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("tone words per statement")
    ax.legend(loc="lower right")
    return Plot(fig, data)


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
