"""Topic models (analysis/topics.py): modelling units, the LDA estimator, choosing k, and
``python -m analysis topics``."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import rows_of, run_fresh, run_once

from analysis import config
from analysis.errors import InputError
from analysis.text.tokenise import tokenise
from analysis.topics import models as tm

ROOT = Path(__file__).resolve().parent.parent
SEED_IDS = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
FAST = {"passes": 5, "iterations": 50}

# Two themes, six units: economy and trade, defence and security.
TINY = [
    ["kinh_tế", "thương_mại", "đầu_tư"],
    ["kinh_tế", "đầu_tư", "thương_mại", "hàng_hóa"],
    ["thương_mại", "kinh_tế"],
    ["quốc_phòng", "an_ninh", "quân_đội"],
    ["an_ninh", "quốc_phòng"],
    ["quân_đội", "an_ninh", "biên_giới"],
]


@pytest.fixture(scope="module")
def seed_tokens(seed_documents):
    return tokenise(seed_documents, jobs=1, cache_dir=None, pos=True)


@pytest.fixture(scope="module")
def seed_units(seed_documents, seed_tokens):
    return tm.modelling_units(seed_documents, seed_tokens)


def _document(seed_documents, prefix: str):
    return next(d for d in seed_documents if d.doc_id.startswith(prefix))


# --- modelling units ----------------------------------------------------------------------------


def test_seed_004_is_cut_into_windows_of_three_sentences(seed_documents, seed_units):
    # 004 is one line: title, byline, then the whole article. The title is joined to that
    # one paragraph, so the article is cut into windows of 3 analysed (non-caption) sentences.
    doc = _document(seed_documents, "004")
    # One photo credit in the file ("- Ảnh: VGP/Nhật Bắc"), in the middle of the line: one caption.
    captions = [s for s in doc.sentences if s.kind == "caption"]
    assert len(captions) == 1 and "Ảnh: VGP" in doc.sentence_text(captions[0])
    analysed = [s.index for s in doc.sentences if s.kind != "caption"]
    n = len(analysed)
    windows = [tuple(analysed[i : i + 3]) for i in range(0, n, 3)]
    assert len(windows) == math.ceil(n / 3)
    units = [u for u in seed_units if u.doc_id == doc.doc_id]
    # Every window of this article has nouns and verbs: no window is dropped for want of terms.
    assert len(units) == math.ceil(n / 3)
    assert [u.sentence_ids for u in units] == windows
    assert units[0].sentence_ids[0] == 0  # the title opens the first window
    assert captions[0].index not in {i for u in units for i in u.sentence_ids}
    assert "Ảnh" not in " ".join(u.text for u in units)


def test_seed_003_units_are_its_lines(seed_documents, seed_texts, seed_units):
    # 003 has no blank lines: each line is a paragraph. The first line is the title, joined
    # to the first paragraph: 10 lines give 9 units.
    text = seed_texts[_document(seed_documents, "003").doc_id]
    lines = [line for line in text.split("\n") if line.strip()]
    assert len(lines) == 10
    units = [u for u in seed_units if u.doc_id.startswith("003")]
    assert len(units) == len(lines) - 1
    assert units[0].text == lines[0] + " " + lines[1]
    assert [u.text for u in units[1:]] == lines[2:]
    assert units[0].sentence_ids[0] == 0
    assert [u.index for u in units] == list(range(9))


def test_paragraph_units_carry_their_terms(seed_documents, seed_tokens, seed_units):
    assert {u.doc_id for u in seed_units} == set(SEED_IDS)
    assert all(u.terms for u in seed_units)
    for u in seed_units:
        assert all(" " not in t and t == t.lower() for t in u.terms)
    # "paragraph" is what "auto" chooses below MIN_DOCUMENTS_AS_UNITS documents.
    assert len(seed_documents) < tm.MIN_DOCUMENTS_AS_UNITS
    assert tm.modelling_units(seed_documents, seed_tokens, unit="paragraph") == seed_units


def test_document_units_are_one_per_document(seed_documents, seed_tokens):
    units = tm.modelling_units(seed_documents, seed_tokens, unit="document")
    assert [u.doc_id for u in units] == [d.doc_id for d in seed_documents]
    for u, doc in zip(units, seed_documents):
        assert u.sentence_ids == tuple(s.index for s in doc.sentences if s.kind != "caption")
        assert u.terms


def test_captions_join_the_units_only_when_asked(seed_documents, seed_tokens):
    doc = _document(seed_documents, "004")
    caption = next(s.index for s in doc.sentences if s.kind == "caption")
    units = tm.modelling_units(seed_documents, seed_tokens, unit="document", keep_captions=True)
    unit = next(u for u in units if u.doc_id == doc.doc_id)
    assert caption in unit.sentence_ids
    assert len(unit.sentence_ids) == len(doc.sentences)


# --- the estimator ------------------------------------------------------------------------------


def test_parameters_are_stored_untouched():
    model = tm.TopicModel(4)
    assert (model.k, model.random_state, model.passes, model.iterations) == (4, config.RANDOM_STATE, "auto", "auto")
    assert not hasattr(model, "lda_")


@pytest.mark.parametrize(
    "k, message", [(1, "at least 2"), (0, "at least 2"), (-3, "at least 2"), (7, "larger than the 6")]
)
def test_k_out_of_range_raises(k, message):
    with pytest.raises(InputError, match=message) as error:
        tm.TopicModel(k, **FAST).fit(TINY)
    assert str(k) in str(error.value)


@pytest.mark.parametrize(
    "units, params",
    [
        ([[], [], []], {}),  # nothing at all
        (TINY, {"no_below": 10}),  # every term is in fewer than 10 units
    ],
)
def test_empty_vocabulary_raises(units, params):
    with pytest.raises(InputError, match="no terms"):
        tm.TopicModel(2, **FAST, **params).fit(units)


@pytest.mark.parametrize("n_units, kept", [(5_000, {"ở_21", "ở_35", "ở_59"}), (30_000, {"ở_59"})])
def test_rare_terms_are_dropped_by_their_share_of_a_large_corpus(n_units, kept):
    # "auto" keeps terms in at least 20 units, or 0.15 % of them when that is more: 45 of 30,000
    # (on all of VNTC, 50 of 33,759, where 20 gave topics that agreed less with the sections)
    units = [["chung", "nền"] for _ in range(n_units)]
    for n in (19, 21, 35, 59):
        for i in range(n):
            units[i].append(f"ở_{n}")
    _, dictionary = tm.TopicModel(2)._vocabulary(units)
    assert {t for t in dictionary.token2id if t.startswith("ở_")} == kept


@pytest.fixture(scope="module")
def tiny_model():
    return tm.TopicModel(2, random_state=7, **FAST).fit(TINY)


def test_fit_returns_self_with_learned_state():
    model = tm.TopicModel(2, random_state=7, **FAST)
    assert model.fit(TINY) is model
    # kinh_tế thương_mại đầu_tư hàng_hóa quốc_phòng an_ninh quân_đội biên_giới: 8 terms, none
    # filtered (below 20 units no_below is 1 and no_above 1.0)
    assert len(model.dictionary_) == 8


def test_same_seed_same_model(tiny_model):
    again = tm.TopicModel(2, random_state=7, **FAST).fit(TINY)
    assert again.topic_terms(top=4).equals(tiny_model.topic_terms(top=4))
    assert np.array_equal(again.transform(TINY), tiny_model.transform(TINY))


def test_transform_twice_gives_the_same_output():
    # A fitted estimator's transform is a function of its input: asking twice, or asking
    # after another call, must not change the answer (the CLI, the figures and the
    # notebooks call it in different orders on one model).
    model = tm.TopicModel(2, random_state=7, **FAST).fit(TINY)
    first = model.transform(TINY)
    assert np.array_equal(model.transform(TINY), first)


def test_transform_rows_sum_to_one(tiny_model):
    # the last unit has no known term at all
    weights = tiny_model.transform(TINY + [["hữu_nghị", "kinh_tế"], ["không_có"]])
    assert weights.shape == (len(TINY) + 2, 2)
    assert np.allclose(weights.sum(axis=1), 1.0, atol=1e-9)
    assert (weights >= 0).all()


@pytest.mark.parametrize("top", [1, 3])
def test_topic_terms_table(tiny_model, top):
    table = tiny_model.topic_terms(top=top)
    assert list(table.columns) == ["topic_id", "rank", "term", "weight", "lift"]
    assert len(table) == 2 * top
    for topic_id, rows in table.groupby("topic_id"):
        assert list(rows["rank"]) == list(range(1, top + 1))
        assert rows["term"].is_unique
    assert sorted(table["topic_id"].unique()) == [0, 1]
    assert ((table["weight"] > 0) & (table["weight"] <= 1)).all()
    assert set(table["term"]) <= {t for u in TINY for t in u}


def test_doc_topics_cover_every_document_and_topic(seed_units):
    model = tm.TopicModel(3, random_state=1, **FAST).fit([u.terms for u in seed_units])
    table = tm.doc_topics(model, seed_units)
    assert list(table.columns) == ["doc_id", "topic_id", "weight"]
    assert len(table) == 5 * 3
    assert set(zip(table["doc_id"], table["topic_id"])) == {(d, t) for d in SEED_IDS for t in range(3)}
    sums = table.groupby("doc_id")["weight"].sum()
    assert np.allclose(sums.values, 1.0, atol=1e-5)


def test_doc_topics_weight_units_by_their_terms():
    # Document "a": units of 1 and 3 terms; document "b": one unit of 2 terms.
    units = [
        tm.Unit("a", 0, (0,), ("kinh_tế",), "Kinh tế."),
        tm.Unit("a", 1, (1,), ("an_ninh", "quốc_phòng", "quân_đội"), "An ninh, quốc phòng, quân đội."),
        tm.Unit("b", 0, (0,), ("thương_mại", "đầu_tư"), "Thương mại, đầu tư."),
    ]
    # Two fits with one seed, each transforming once: the shares doc_topics sees are these
    # (kept apart from test_transform_twice_gives_the_same_output).
    shares = tm.TopicModel(2, random_state=7, **FAST).fit(TINY).transform([u.terms for u in units])
    model = tm.TopicModel(2, random_state=7, **FAST).fit(TINY)
    table = tm.doc_topics(model, units).set_index(["doc_id", "topic_id"])["weight"]
    for topic in range(2):
        # a: (1 * share of unit 0 + 3 * share of unit 1) / (1 + 3); b: its one unit.
        assert table[("a", topic)] == pytest.approx((1 * shares[0, topic] + 3 * shares[1, topic]) / 4, abs=2e-6)
        assert table[("b", topic)] == pytest.approx(shares[2, topic], abs=2e-6)


# --- choosing k ---------------------------------------------------------------------------------


def test_stability_of_a_model_with_itself_is_one(tiny_model):
    assert tm.stability([tiny_model, tiny_model]) == pytest.approx(1.0)
    assert tm.stability([tiny_model, tiny_model, tiny_model], top=3) == pytest.approx(1.0)


class _Topics:
    """A stand-in for a fitted model: only its top terms."""

    def __init__(self, topics):
        self.topics = topics

    def top_terms(self, top=10):
        return [t[:top] for t in self.topics]


def test_stability_matches_topics_one_to_one():
    # A: {a,b}, {c,d}; B: {c,d}, {a,e}. Jaccard: A0-B0 0, A0-B1 |{a}|/|{a,b,e}| = 1/3,
    # A1-B0 1, A1-B1 0. Best matching A0-B1, A1-B0: (1/3 + 1)/2 = 2/3.
    a = _Topics([["a", "b"], ["c", "d"]])
    b = _Topics([["c", "d"], ["a", "e"]])
    assert tm.stability([a, b]) == pytest.approx(2 / 3)
    # Three models: pairs (a,b) 2/3, (a,a) 1, (b,a) 2/3 -> mean 7/9.
    assert tm.stability([a, b, a]) == pytest.approx(7 / 9)


@pytest.mark.parametrize(
    "rows, expected",
    [
        # k=2: mean c_v (0.4+0.5)/2 = 0.45, + 0.6 = 1.05; k=3: 0.55 + 0.7 = 1.25; k=4: 0.6 + 0.5 = 1.10 -> 3
        (
            [
                (2, 1, 0.4, 0.6),
                (2, 2, 0.5, 0.6),
                (3, 1, 0.5, 0.7),
                (3, 2, 0.6, 0.7),
                (4, 1, 0.6, 0.5),
                (4, 2, 0.6, 0.5),
            ],
            3,
        ),
        # k=2: 0.5 + 0.7 = 1.2; k=3: 0.6 + 0.6 = 1.2: a tie, to the smaller k -> 2
        ([(2, 1, 0.5, 0.7), (3, 1, 0.6, 0.6)], 2),
        # k=5: 0.6 + 0.6 = 1.2; k=4: 0.5 + 0.7 = 1.2: a tie listed larger k first -> the smaller, 4
        ([(5, 1, 0.6, 0.6), (4, 1, 0.5, 0.7)], 4),
        # best c_v alone (k=3: 0.7 + 0.3 = 1.0) loses to k=2: 0.3 + 0.9 = 1.2 -> 2
        ([(2, 1, 0.3, 0.9), (3, 1, 0.7, 0.3)], 2),
        # best stability alone (k=2: 0.2 + 0.95 = 1.15) loses to k=6: 0.6 + 0.8 = 1.4 -> 6
        ([(2, 1, 0.2, 0.95), (6, 1, 0.6, 0.8), (6, 2, 0.6, 0.8)], 6),
    ],
)
def test_choose_k_by_hand(rows, expected):
    selection = pd.DataFrame(
        [(k, seed, c_v, 0.0, stab) for k, seed, c_v, stab in rows], columns=["k", "seed", "c_v", "c_npmi", "stability"]
    )
    assert tm.choose_k(selection) == expected


def test_select_k_table():
    selection = tm.select_k(TINY, [2, 3, 99], seeds=(1, 2), **FAST)  # 99 > 6 units: not fitted
    assert list(selection.columns) == ["k", "seed", "c_v", "c_npmi", "stability"]
    assert list(zip(selection["k"], selection["seed"])) == [(2, 1), (2, 2), (3, 1), (3, 2)]
    for _, rows in selection.groupby("k"):
        assert rows["stability"].nunique() == 1
    assert selection["stability"].between(0, 1).all()
    assert selection["c_npmi"].between(-1, 1).all()
    assert tm.choose_k(selection) in (2, 3)


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("topics_cache")


@pytest.fixture(scope="module")
def run(cache_dir):
    return lambda *args: run_once(str(cache_dir), *args)


def test_cli_topics_terms(run):
    header, rows = rows_of(run("topics", "--k", "3", "--seed", "1", "--csv"))
    assert header.startswith("topic_id,rank,term,weight")
    assert len(rows) == 3 * 10  # --top defaults to 10
    assert sorted({r["topic_id"] for r in rows}) == ["0", "1", "2"]
    assert all(" " not in r["term"] for r in rows)


def test_cli_topics_are_byte_identical_on_two_runs(run, cache_dir):
    first = run("topics", "--k", "3", "--seed", "1", "--csv")
    second = run_fresh(str(cache_dir), "topics", "--k", "3", "--seed", "1", "--csv")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_cli_doc_topics(run):
    header, rows = rows_of(run("topics", "--doc-topics", "--k", "3", "--csv"))
    assert header.startswith("doc_id,topic_id,weight")
    assert len(rows) == 5 * 3
    assert {(r["doc_id"], r["topic_id"]) for r in rows} == {(d, str(t)) for d in SEED_IDS for t in range(3)}
    for doc_id in SEED_IDS:
        assert sum(float(r["weight"]) for r in rows if r["doc_id"] == doc_id) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize("k", ["1", "999"])
def test_cli_k_out_of_range_is_one_error_line(run, k):
    result = run("topics", "--k", k, "--csv")
    assert result.returncode == 2
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), lines
    assert k in lines[0]
    assert result.stdout == b""


def test_an_nmf_start_with_batch_learning_is_reproducible_and_finds_both_themes():
    fit = lambda: tm.TopicModel(2, random_state=3, start="nmf", learning="batch", **FAST).fit(TINY)  # noqa: E731
    model, again = fit(), fit()
    assert model.lda_.get_topics().tobytes() == again.lda_.get_topics().tobytes()
    dominant = model.transform(TINY).argmax(axis=1)
    # The first three units are about the economy and trade, the last three about defence.
    assert len(set(dominant[:3])) == 1 and len(set(dominant[3:])) == 1 and dominant[0] != dominant[3]


def test_from_a_thousand_units_the_model_learns_in_batches_from_an_nmf_start():
    small = tm.TopicModel(2, random_state=1, passes=1, iterations=5).fit(TINY * 166)  # 996 units
    large = tm.TopicModel(2, random_state=1, passes=1, iterations=5).fit(TINY * 167)  # 1,002 units
    assert (small.lda_.update_every, small.lda_.chunksize) == (1, 512)
    assert (large.lda_.update_every, large.lda_.chunksize) == (0, 1002)
    # Before any pass, each topic of the NMF start already holds one theme (a random start
    # spreads every topic about evenly over the eight terms).
    started = tm.TopicModel(2, random_state=1, passes=0).fit(TINY * 167)
    economy = {"kinh_tế", "thương_mại", "đầu_tư", "hàng_hóa"}
    shares = [
        sum(p for i, p in enumerate(topic) if started.dictionary_[i] in economy) for topic in started.lda_.get_topics()
    ]
    assert sorted(round(x, 1) for x in shares) == [0.0, 1.0]


def test_from_ten_thousand_units_a_fit_makes_ten_passes_instead_of_thirty():
    from gensim.corpora import Dictionary

    model = tm.TopicModel(2)
    model.dictionary_ = Dictionary(TINY)
    assert [model._lda(n).passes for n in (999, 1_000, 9_999, 10_000, 500_000)] == [30, 30, 30, 10, 10]
    model.passes = 7  # given, it is kept whatever the size
    assert model._lda(10_000).passes == 7


def _many_units(n: int) -> list[list[str]]:
    """``n`` units of 12 terms, each drawn mostly from one of three themes of 20 made-up words."""
    rng = np.random.default_rng(5)
    themes = [[f"{name}_{i}" for i in range(20)] for name in ("kinh_tế", "quốc_phòng", "văn_hóa")]
    return [
        list(rng.choice(themes[t], size=10)) + list(rng.choice(themes[(t + 1) % 3], size=2))
        for t in rng.integers(0, 3, size=n)
    ]


def test_inference_shared_out_among_processes_gives_gensims_model_and_proportions_bit_for_bit(monkeypatch):
    from analysis.runtime import parallel

    shared, parallel_map = [], parallel.parallel_map
    monkeypatch.setattr(
        parallel, "parallel_map", lambda fn, items, **kw: shared.append(kw["jobs"]) or parallel_map(fn, items, **kw)
    )
    units = _many_units(tm.PARALLEL_UNITS + 500)
    settings = dict(random_state=2, passes=2, iterations=20)
    one = tm.TopicModel(3, jobs=1, **settings).fit(units)
    assert shared == []  # one process: gensim's own inference
    two = tm.TopicModel(3, jobs=2, **settings).fit(units)
    assert shared == [2, 2] or parallel.worker_count(2, 2) == 1  # each pass, unless this machine has one core
    for name in ("alpha", "eta", "expElogbeta"):
        assert getattr(one.lda_, name).tobytes() == getattr(two.lda_, name).tobytes(), name
    assert one.lda_.state.sstats.tobytes() == two.lda_.state.sstats.tobytes()
    assert one.transform(units).tobytes() == two.transform(units).tobytes()
    # transform is gensim's get_document_topics of each unit in turn, from the model's seed
    from gensim.utils import get_random_state

    one.lda_.random_state = get_random_state(2)
    expected = np.zeros((len(units), 3))
    for i, terms in enumerate(units):
        for topic, weight in one.lda_.get_document_topics(one.dictionary_.doc2bow(terms), minimum_probability=0.0):
            expected[i, topic] = weight
    expected /= expected.sum(axis=1, keepdims=True)
    assert two.transform(units).tobytes() == expected.tobytes()


# --- choosing k in parallel, on a sample, and cached ----------------------------------------------


def test_select_k_in_parallel_gives_the_same_table_as_one_process():
    one = tm.select_k(TINY, [2, 3], seeds=(1, 2), jobs=1, **FAST)
    two = tm.select_k(TINY, [2, 3], seeds=(1, 2), jobs=2, **FAST)
    pd.testing.assert_frame_equal(one, two)


def test_choosing_k_started_in_workers_gives_the_table_of_choosing_it_at_once(tmp_path):
    import multiprocessing

    at_once = tm.select_k(TINY, [2, 3], seeds=(1, 2), jobs=1, **FAST)
    started = tm.start_select_k(TINY, [2, 3], seeds=(1, 2), jobs=2, **FAST)
    assert len(multiprocessing.active_children()) == 2  # fitting while this process goes on
    pd.testing.assert_frame_equal(started.result(), at_once)
    assert multiprocessing.active_children() == []
    pd.testing.assert_frame_equal(started.result(), at_once)  # collected once
    # Started with a cache: stored when collected, then read from it without starting anything
    first = tm.start_k_selection(TINY, cache_dir=tmp_path, jobs=2).result()
    again = tm.start_k_selection(TINY, cache_dir=tmp_path, jobs=2)
    assert multiprocessing.active_children() == []
    pd.testing.assert_frame_equal(again.result(), first)
    assert again.result().attrs["details"] == {
        "k_range": [2, 6],
        "units": 6,
        "selection_units": 6,
        "selection_seed": config.RANDOM_STATE,
    }


def test_selection_sample_keeps_small_corpora_whole_and_samples_large_ones_the_same_way():
    units = [[f"w{i}"] for i in range(50)]
    assert tm.selection_sample(units, size=50) == units
    sample = tm.selection_sample(units, size=10)
    assert len(sample) == 10 and sample == tm.selection_sample(units, size=10)
    assert [units.index(u) for u in sample] == sorted(units.index(u) for u in sample)  # in corpus order
    assert tm.selection_sample(units, size=10, random_state=2) != sample


def test_a_stored_model_gives_the_same_topics_and_proportions_as_the_fitted_one():
    fitted = tm.TopicModel(2, random_state=3, **FAST).fit(TINY)
    blob = fitted.to_bytes()
    assert b"pickle" not in blob
    loaded = tm.TopicModel(2, random_state=3, **FAST).load_bytes(blob, TINY)
    np.testing.assert_array_equal(loaded.transform(TINY), fitted.transform(TINY))
    pd.testing.assert_frame_equal(loaded.topic_terms(), fitted.topic_terms())
    assert loaded.top_terms() == fitted.top_terms()


@pytest.fixture
def count_fits(monkeypatch):
    fits = []
    original = tm.TopicModel.fit

    def fit(self, units):
        fits.append(self.k)
        return original(self, units)

    monkeypatch.setattr(tm.TopicModel, "fit", fit)
    return fits


def test_a_second_run_with_the_cache_fits_nothing(tmp_path, count_fits):
    first = tm.cached_select_k(TINY, [2, 3], cache_dir=tmp_path, jobs=1)
    model = tm.cached_fit(TINY, 2, cache_dir=tmp_path)
    assert len(count_fits) == 2 * 3 + 1  # two k, three seeds, and the chosen model
    count_fits.clear()
    again = tm.cached_select_k(TINY, [2, 3], cache_dir=tmp_path, jobs=1)
    reloaded = tm.cached_fit(TINY, 2, cache_dir=tmp_path)
    assert count_fits == []
    pd.testing.assert_frame_equal(first, again)
    np.testing.assert_array_equal(model.transform(TINY), reloaded.transform(TINY))
    tm.cached_fit(TINY[:5], 2, cache_dir=tmp_path)  # other units: fitted
    assert count_fits == [2]


def test_figures_of_one_run_share_one_model_and_a_second_run_fits_none(tmp_path, count_fits):
    from analysis.figures.registry import write_figures
    from analysis.session import Session

    only = ["topic_selection", "topic_terms", "document_topics", "topic_prevalence"]
    write_figures(Session(cache_dir=tmp_path / "cache", jobs=1), tmp_path / "a", only=only)
    assert len(count_fits) == 3 * len(tm.k_range(99)) + 1  # three seeds a k, then one model for four figures
    assert sorted(count_fits.count(k) for k in set(count_fits))[-1] == 4
    count_fits.clear()
    write_figures(Session(cache_dir=tmp_path / "cache", jobs=1), tmp_path / "b", only=only)
    assert count_fits == []
    for name in ("topic_selection.csv", "topic_terms.csv", "document_topics.csv", "topic_prevalence.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_units_whose_topic_weights_are_not_numbers_are_named_in_a_warning_and_get_equal_weights():
    model = tm.TopicModel(2, random_state=1, **FAST).fit(TINY)
    units = [["quân_đội", "biên_giới"], ["kinh_tế", "thương_mại"]]
    before = model.transform(units)
    broken = model.dictionary_.token2id["biên_giới"]
    model.lda_.expElogbeta[:, broken] = np.inf  # as if the inference had overflowed on this term
    with pytest.warns(RuntimeWarning, match="1 of 2 units got topic weights that are not numbers"):
        weights = model.transform(units)
    assert weights[0].tolist() == [0.5, 0.5] and before[0].tolist() != [0.5, 0.5]
    assert weights[1].tolist() == before[1].tolist()  # the other unit is inferred as before


def test_figures_choose_k_in_workers_while_other_figures_are_drawn_and_an_interrupt_stops_them(tmp_path, monkeypatch):
    import multiprocessing

    from analysis.figures import registry
    from analysis.session import Session

    seen = {}
    lengths = registry._load()["document_lengths"]

    def interrupted(table):
        seen["workers"] = len(multiprocessing.active_children())
        raise KeyboardInterrupt

    monkeypatch.setitem(registry.REGISTRY, "document_lengths", dataclasses.replace(lengths, draw=interrupted))
    session = Session(cache_dir=None, jobs=2)
    with pytest.raises(KeyboardInterrupt):
        registry.write_figures(session, tmp_path / "out", only=["topic_selection", "document_lengths"])
    assert seen["workers"] == 2  # choosing k had started before the first figure was drawn
    assert multiprocessing.active_children() == []  # and was stopped by the interrupt
    assert not (tmp_path / "out" / "topic_selection.png").exists()


def test_a_corpus_above_the_fit_sample_is_fitted_on_a_seeded_sample_and_every_unit_gets_proportions(
    monkeypatch, tmp_path
):
    from analysis.topics import figures as tf

    monkeypatch.setattr(tm, "FIT_SAMPLE", 8)
    units = TINY * 3  # 18 units: above a sample of 8
    model = tm.cached_fit(units, 2, random_state=5, cache_dir=tmp_path)
    assert model.details_ == {"units": 18, "fit_units": 8, "fit_seed": 5}
    assert len(model.texts_) == 8
    assert model.transform(units).shape == (18, 2)
    again = tm.cached_fit(units, 2, random_state=5, cache_dir=tmp_path)  # the same sample, from the cache
    np.testing.assert_array_equal(again.transform(units), model.transform(units))
    whole = tm.cached_fit(TINY, 2, random_state=5)  # 6 units: all of them
    assert whole.details_ == {"units": 6, "fit_units": 6, "fit_seed": 5} and len(whole.texts_) == 6
    table = model.topic_terms()
    table.attrs.update(k=2, details=model.details_)
    plot = tf.draw_topic_terms(table)
    assert plot.details == model.details_
    assert "random sample of 8 of the 18 modelling units (seed 5)" in plot.caption
