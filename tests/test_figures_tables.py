"""Each figure is a table and a drawing (analysis/figures/registry.py): the table function returns
exactly the CSV written beside the figure, the draw function draws any such table (also one made
or filtered by hand), a notebook's parameters reach the tables, and captions come from docstrings."""

from __future__ import annotations

import ast
import inspect
import json
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import config
from analysis.copies import figures as copies_figures
from analysis.errors import InputError
from analysis.figures.plotting import Plot, write_csv
from analysis.figures.registry import FigureSpec, _load, caption_of, draw, write_figures
from analysis.framing import figures as framing_figures
from analysis.framing.lexicon import load_lexicon
from analysis.session import Session
from analysis.stance import figures as stance_figures
from analysis.topics import figures as topic_figures
from analysis.topics import keyterms as kt

SPECS = sorted(_load().values(), key=lambda spec: spec.id)


@pytest.fixture(scope="module")
def session(seeds_cache):
    return Session(config.SEEDS, cache_dir=seeds_cache, jobs=1)


@pytest.fixture(scope="module")
def written(session, tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    write_figures(session, out)
    return out


@pytest.fixture(scope="module")
def txt_lexicon(tmp_path_factory):
    """A lexicon of two phrases, without groups, glosses or formulas, as a user might write one."""
    path = tmp_path_factory.mktemp("lexicon") / "mine.txt"
    path.write_text("hợp tác toàn diện\nđoàn kết đặc biệt\n", encoding="utf-8")
    return path


def _csv(table: pd.DataFrame, path) -> bytes:
    return write_csv(table, path).read_bytes()


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.id)
def test_the_table_function_returns_exactly_the_csv_written(spec, session, written, tmp_path):
    table = spec.table(session, **spec.params)
    assert _csv(table, tmp_path / "table.csv") == (written / f"{spec.id}.csv").read_bytes()


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.id)
def test_table_and_draw_functions_are_named_after_the_figure_function(spec):
    name = spec.function.__name__
    module = __import__(spec.function.__module__, fromlist=[name])
    assert spec.table is getattr(module, f"{name}_table")
    assert spec.draw is getattr(module, f"draw_{name}")


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.id)
def test_the_figure_function_is_its_draw_function_of_its_table(spec, session, tmp_path):
    plot = spec.function(session)
    assert isinstance(plot, Plot)
    assert _csv(plot.data, tmp_path / "a.csv") == _csv(spec.table(session), tmp_path / "b.csv")


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.id)
def test_draw_takes_a_table_without_its_attrs(spec, session, tmp_path):
    """A table read back from its CSV, or rebuilt by hand, has no attrs: it still draws."""
    table = spec.table(session).copy()
    message = table.attrs.get("note")
    table.attrs = {}
    plot = spec.draw(table)
    assert isinstance(plot, Plot)
    assert plot.data is table
    if message is None:  # a note's table without its message is drawn as data, if it can be
        assert plot.figure.axes


def test_draw_a_filtered_table_of_phrases(session):
    table = framing_figures.phrase_timeline_table(session)
    kept = table[table["name"] != "gắn kết chiến lược"]
    plot = framing_figures.draw_phrase_timeline(kept)
    top = plot.figure.axes[0]
    labels = [t.get_text() for t in top.get_legend().get_texts()]
    assert not any(label.startswith("gắn kết chiến lược") for label in labels)
    assert any(label.startswith("hợp tác toàn diện") for label in labels)


def test_draw_a_keyness_table_made_by_hand():
    table = pd.DataFrame(
        {
            "term": ["gắn_kết", "tham_vấn"],
            "count_a": [0, 4],
            "count_b": [7, 0],
            "per_10k_a": [0.0, 20.0],
            "per_10k_b": [30.0, 0.0],
            "g2": [9.5, 6.25],
            "log_ratio": [-3.5, 3.0],
            "key_for": ["later", "earlier"],
        }
    )
    plot = topic_figures.draw_keyness_periods(table)
    left, right = plot.figure.axes
    assert left.get_title() == "later" and right.get_title() == "earlier"
    assert [t.get_text() for t in left.get_yticklabels()] == ["gắn_kết (G²=9.5)"]
    assert [t.get_text() for t in right.get_yticklabels()] == ["tham_vấn (G²=6.2)"]


def test_draw_a_tone_table_made_by_hand():
    table = pd.DataFrame({"actor": ["A", "B"], "statements": [4, 2], "positive": [2, 0], "difficulty": [0, 1]})
    plot = stance_figures.draw_tone_by_actor(table)
    ax = plot.figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A (4)", "B (2)"]
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == [0, 0, 0.5, 0.5]  # A: 2/4 positive, 0 difficulty; B: 0 positive, 1/2 difficulty


def test_draw_a_topic_terms_table_made_by_hand():
    table = pd.DataFrame(
        {"topic_id": [0, 0, 1], "rank": [1, 2, 1], "term": ["a", "b", "c"], "weight": [0.5, 0.25, 0.75]}
    )
    plot = topic_figures.draw_topic_terms(table)
    assert [ax.get_title() for ax in plot.figure.axes if ax.get_visible()] == ["topic 0", "topic 1"]


def test_a_note_table_draws_a_note_with_that_table_as_data():
    table = topic_figures.keyness_periods_table(SimpleNamespace(corpus=[SimpleNamespace(date=None)]))
    assert table.attrs["note"] == "No article has a date: no periods to compare."
    plot = topic_figures.draw_keyness_periods(table)
    assert plot.caption == "No article has a date: no periods to compare."
    assert list(plot.data["note"]) == ["No article has a date: no periods to compare."]


def test_an_input_error_of_the_table_function_becomes_a_note(session):
    def table(session):
        raise InputError("topics", "too few units")

    def never(table):
        raise AssertionError("the draw function is not called")

    def function(session):
        """Caption."""

    plot = draw(FigureSpec("x", "X", function, table, never), session)
    assert plot.caption == "Not drawn for this corpus: topics: too few units"


# Parameters of a notebook reach the tables.


def test_another_lexicon_changes_the_framing_tables(session, txt_lexicon):
    default = framing_figures.phrase_timeline_table(session)
    mine = framing_figures.phrase_timeline_table(session, lexicon=txt_lexicon)
    assert "gắn kết chiến lược" in set(default["name"])
    # no formula: the first (here both) phrases of the lexicon; no groups: the group is ""
    assert set(mine.loc[mine["kind"] == "phrase", "name"]) == {"hợp tác toàn diện", "đoàn kết đặc biệt"}
    assert set(mine.loc[mine["kind"] == "group", "name"]) == {""}
    same = framing_figures.phrase_cooccurrence_table(session, lexicon=load_lexicon(txt_lexicon))
    assert list(same["phrase"]) == ["hợp tác toàn diện", "đoàn kết đặc biệt"]


def test_a_lexicon_without_a_formula_gives_a_note_not_an_index_error(session, txt_lexicon):
    plot = framing_figures.formula_parts(session, lexicon=txt_lexicon)
    assert plot.caption == "The lexicon has no formula: no formula completeness to draw."


def test_another_lexicon_changes_the_actor_phrases(session, txt_lexicon):
    table = stance_figures.actor_phrases_table(session, lexicon=txt_lexicon)
    assert set(table["phrase"]) <= {"hợp tác toàn diện", "đoàn kết đặc biệt"}
    assert "gắn kết chiến lược" in set(stance_figures.actor_phrases_table(session)["phrase"])


def test_the_keyness_split_defaults_to_the_median_date_and_can_be_given(session):
    # the seeds are dated 2024-10-09, 2024-12-16, 2025-12-02, 2026-02-02 and 2026-02-05
    assert kt.median_date(session.corpus) == "2025-12-02"
    default = topic_figures.keyness_periods_table(session)
    assert set(default["key_for"]) == {"before 2025-12-02", "from 2025-12-02"}
    later = topic_figures.keyness_periods_table(session, split="2026-02-03")
    assert set(later["key_for"]) <= {"before 2026-02-03", "from 2026-02-03"}
    assert len(later) > 0


@pytest.mark.parametrize(
    ("dates", "median"),
    [
        ([], ""),
        ([None, None], ""),
        ([date(2024, 5, 1)], "2024-05-01"),
        ([date(2024, 5, 1), None, date(2020, 1, 1)], "2024-05-01"),  # the later of two middle ones
        ([None, date(2023, 1, 1), date(2021, 1, 1), None, date(2022, 1, 1)], "2022-01-01"),
    ],
)
def test_median_date_counts_only_dated_documents(dates, median):
    assert kt.median_date([SimpleNamespace(date=d) for d in dates]) == median


def test_k_and_the_seed_reach_the_topic_tables(session):
    three = topic_figures.topic_terms_table(session, k=3)
    assert set(three["topic_id"]) == {0, 1, 2}
    shares = topic_figures.document_topics_table(session, k=3)
    assert set(shares["topic_id"]) == {0, 1, 2}
    model, _ = topic_figures.fitted_topics(session, k=3, random_state=7)
    assert (model.k, model.random_state) == (3, 7)
    other_seed = topic_figures.topic_terms_table(session, k=3, random_state=7)
    assert not other_seed[["term", "weight"]].equals(three[["term", "weight"]])


def test_a_period_reaches_the_tables_that_aggregate_by_period(session):
    years = copies_figures  # noqa: F841 (keeps the import honest: copies figures take no period)
    from analysis.overview.figures import corpus_timeline_table

    table = corpus_timeline_table(session, period="year")
    assert table.columns[0] == "year"
    assert sorted(set(table["year"])) == ["2024", "2025", "2026"]
    assert table["documents"].sum() == 5
    stance = stance_figures.stance_over_time_table(session, period="year")
    assert set(stance["unit"]) == {"year"} and set(stance["period"]) <= {"2024", "2025", "2026"}


# Captions.


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.id)
def test_the_caption_is_the_docstring_before_its_parameters(spec):
    caption = spec.caption
    assert caption and caption == caption_of(spec.function)
    assert "Parameters" not in caption and "session :" not in caption
    assert " ".join(spec.function.__doc__.split()).startswith(caption)


def test_the_catalogue_holds_the_captions_of_the_docstrings():
    catalogue = (config.FIGURES / "README.md").read_text(encoding="utf-8")
    for spec in SPECS:
        assert f"\n{spec.caption}" in catalogue, spec.id


def test_caption_of_joins_lines_and_paragraphs_and_stops_at_a_section():
    def f():
        """First line
        goes on.

        Second paragraph.

        Returns
        -------
        Plot
        """

    assert caption_of(f) == "First line goes on. Second paragraph."


def test_the_copies_captions_name_the_constants_they_describe():
    for function in (copies_figures.copies_overview, copies_figures.text_reuse):
        caption = caption_of(function)
        assert f"the {copies_figures.TOP_CLUSTERS} largest clusters" in caption
        assert f"the {copies_figures.TOP_SOURCES} sources" in caption
    assert f"at least {config.DUPLICATE_THRESHOLD}," in caption_of(copies_figures.copies_overview)


# Group keyness, one computation for the command line, the figures and the notebooks.


def _docs():
    return [SimpleNamespace(doc_id="a", date=date(2024, 5, 1)), SimpleNamespace(doc_id="b", date=date(2025, 5, 1))]


def test_phrase_keyness_counts_phrases_against_the_syllables_of_each_group():
    counts = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "phrase": ["x", "y", "x", "y"],
            "count": [2, 0, 0, 1],
            "n_syllables": [100, 100, 100, 100],
        }
    )
    table = kt.phrase_keyness(counts, _docs(), split="2025-01-01")
    # x: 2 of 100 syllables before, 0 of 100 after; expected 1 each: G² = 2 · 2 ln 2
    # y: 0 before, 1 after; expected 0.5 each: G² = 2 · 1 ln 2; log ratios with 0.5 for a zero count
    assert list(table["term"]) == ["x", "y"]
    assert list(table["g2"]) == [round(4 * 0.6931471805599453, 4), round(2 * 0.6931471805599453, 4)]
    assert list(table["log_ratio"]) == [2.0, -1.0]
    assert list(table["per_10k_a"]) == [200.0, 0.0]
    assert list(table["key_for"]) == ["before 2025-01-01", "from 2025-01-01"]


def test_keyness_between_groups_the_documents_terms_by_the_split():
    terms = [["gắn_kết", "gắn_kết", "hợp_tác"], ["tham_vấn", "tham_vấn", "hợp_tác"]]
    table = kt.keyness_between(terms, _docs(), split="2025-01-01")
    key = dict(zip(table["term"], table["key_for"]))
    # hợp_tác is seen twice, once in each group: used alike, so key for the second group (not more in A)
    assert key == {"gắn_kết": "before 2025-01-01", "tham_vấn": "from 2025-01-01", "hợp_tác": "from 2025-01-01"}
    with pytest.raises(InputError):
        kt.keyness_between(terms, _docs(), split="2030-01-01")  # nothing from 2030 on


def test_actor_phrases_draws_the_actors_its_table_names_even_none():
    """The top actors of a corpus may use no phrase: then no row is drawn, not other actors'."""
    table = pd.DataFrame({"actor": ["Z"], "phrase": ["x"], "gloss": [""], "count": [1]})
    table.attrs.update(actors=[], phrases=["x"])
    assert not stance_figures.draw_actor_phrases(table).figure.axes[0].images
    table.attrs = {}  # made by hand: the actors are those of the table
    ax = stance_figures.draw_actor_phrases(table).figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Z"]


def _statements_by_actor(rows: list[tuple[str, str, int]], actors: list[str], groups: list[str]) -> pd.DataFrame:
    table = pd.DataFrame(
        [(a, "Việt Nam" if a in actors else "", s, n) for a, s, n in rows],
        columns=["actor", "actor_country", "stance", "statements"],
    )
    table.attrs.update(actors=actors, groups=groups)
    return table


def test_stance_actors_colour_scale_is_set_by_the_named_actors_not_the_other_row():
    """On a large corpus "other (N actors)" holds most statements: the shading follows the named actors
    (the largest named cell is 9, Lê Văn A's inform), the grouped rows are drawn grey, their numbers kept."""
    other, unresolved = "other (500 actors)", "unresolved"
    rows = [
        ("Lê Văn A", "inform", 9),
        ("Lê Văn A", "assert", 2),
        ("Bộ Y tế", "propose", 4),
        (other, "inform", 3000),
        (other, "assert", 800),
        (unresolved, "inform", 1200),
    ]
    plot = stance_figures.draw_stance_actors(_statements_by_actor(rows, ["Lê Văn A", "Bộ Y tế"], [other, unresolved]))
    ax = plot.figure.axes[0]
    (image,) = ax.images
    assert image.norm.vmax == 9 and image.norm.vmin == 0
    labels = {t.get_text(): t.get_color() for t in ax.texts}
    # 9 is the top of the scale: white on dark blue; 4 is under half of it; the grouped rows' numbers black
    assert labels["9"] == "white" and labels["4"] == "black"
    assert labels["3000"] == labels["800"] == labels["1200"] == "black"
    assert len(ax.patches) == 2  # one grey hatched band under each grouped row
    assert "colour scale" in plot.caption and other in plot.caption and unresolved in plot.caption


def test_stance_actors_without_grouped_rows_is_drawn_on_the_whole_scale():
    """A small corpus (the seeds) has no grouped row: the scale runs over every cell, as always."""
    rows = [("Lê Văn A", "inform", 9), ("Lê Văn A", "assert", 2), ("Bộ Y tế", "propose", 4)]
    plot = stance_figures.draw_stance_actors(_statements_by_actor(rows, ["Lê Văn A", "Bộ Y tế"], []))
    ax = plot.figure.axes[0]
    assert (ax.images[0].norm.vmin, ax.images[0].norm.vmax) == (0, 9)
    assert not ax.patches and plot.caption == ""


def test_stance_actors_of_the_seeds_has_no_grouped_row_and_no_scale_caption(session):
    table = stance_figures.stance_actors_table(session)
    assert table.attrs["groups"] == []
    plot = stance_figures.draw_stance_actors(table)
    values = table["statements"]
    assert plot.figure.axes[0].images[0].norm.vmax == values.max() and plot.caption == ""


# The notebooks give their parameters to every figure and table they show.


def _calls(notebook: str) -> list[ast.Call]:
    cells = json.loads((config.NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return [n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]


def _keywords(call: ast.Call) -> dict[str, str]:
    return {k.arg: ast.unparse(k.value) for k in call.keywords}


@pytest.mark.parametrize(
    ("notebook", "module", "parameters"),
    [
        ("02_framing_phrases.ipynb", framing_figures, {"lexicon": "lexicon"}),
        ("03_key_terms_and_topics.ipynb", topic_figures, {"random_state": "SEED"}),
    ],
)
def test_every_figure_a_notebook_shows_gets_its_parameters(notebook, module, parameters):
    takes = {
        name
        for name in module.__all__
        if not name.startswith("draw_") and set(parameters) <= set(inspect.signature(getattr(module, name)).parameters)
    }
    calls = [c for c in _calls(notebook) if c.func.id in takes]
    assert calls, "the notebook shows figures of this module"
    for call in calls:
        assert parameters.items() <= _keywords(call).items(), ast.unparse(call)


def test_notebook_03_gives_its_split_to_the_keyness_figure():
    calls = [c for c in _calls("03_key_terms_and_topics.ipynb") if c.func.id == "keyness_periods"]
    assert [_keywords(c).get("split") for c in calls] == ["split"]
