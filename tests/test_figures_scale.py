"""Figures at scale (issue 11): every figure drawn for a corpus of hundreds of dated articles stays
within 4,000 pixels and a bounded CSV, and corpora that cannot give a figure get a note, never a
stopped run."""

from __future__ import annotations

import csv
import json
import random
import struct
import warnings
from pathlib import Path

import pytest

from analysis import config
from analysis.figures.registry import write_figures
from analysis.session import Session
from analysis.topics import models as tm

THEMES = [
    "Chính phủ Việt Nam và Lào tăng cường hợp tác toàn diện về kinh tế, thương mại và đầu tư.",
    "Đội tuyển bóng đá quốc gia giành chiến thắng trong trận đấu tại sân vận động Mỹ Đình.",
    "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng bệnh cúm mùa tại bệnh viện.",
    "Hai nước nhất trí vun đắp quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện.",
]
SOURCES = ["VNE", "TT", "TN", "NLD"]
N_DOCS = 300


def _table(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "title", "date", "source", "text"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def _png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """``figures`` on 300 short articles over three years from four sources (fewer k to compare)."""
    rng = random.Random(5)
    rows = []
    for i in range(N_DOCS):
        theme = i % len(THEMES)
        text = " ".join([THEMES[theme], THEMES[rng.randrange(len(THEMES))], THEMES[theme]])
        rows.append(
            {
                "id": f"a{i:03d}",
                "title": f"Bài {i}",
                "date": f"{2021 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "source": SOURCES[i % 4],
                "text": text,
            }
        )
    tmp = tmp_path_factory.mktemp("large")
    corpus = _table(tmp / "corpus.csv", rows)
    patch = pytest.MonkeyPatch()
    patch.setattr(tm, "K_RANGE", range(2, 4))
    try:
        write_figures(Session(corpus, cache_dir=tmp / "cache"), tmp / "out")
    finally:
        patch.undo()
    return tmp / "out"


def test_every_figure_of_a_large_corpus_is_at_most_4000_pixels_a_side(large):
    pngs = sorted(large.glob("*.png"))
    assert len(pngs) == len(json.loads((large / "manifest.json").read_text())["figures"])
    for png in pngs:
        assert max(_png_size(png)) <= 4000, png.name


def test_no_figure_csv_of_a_large_corpus_grows_with_its_documents(large):
    for path in large.glob("*.csv"):
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        if path.stem == "phrase_dispersion":  # one row per mark, of at most 40 articles
            assert len({r["doc_id"] for r in rows}) == 40
        elif path.stem == "text_reuse":  # one row per dot: the documents of the 15 largest clusters
            assert len({r["rank"] for r in rows if r.get("part", "document") == "document"}) <= 15
        else:
            assert len(rows) <= 200, path.name  # fewer rows than the 300 articles


def test_captions_say_how_a_large_corpus_was_aggregated(large):
    captions = {k: v["caption"] for k, v in json.loads((large / "manifest.json").read_text())["figures"].items()}
    assert "the 30 most similar pairs" in captions["document_similarity"]
    assert f"This corpus has {N_DOCS} articles: one row per source" in captions["document_topics"]
    assert "each panel is a group of articles (by source" in captions["keyterms_top"]
    assert "the number of articles per month" in captions["formula_completeness"]
    assert "one point per month" in captions["phrase_timeline"]
    assert "histogram" in captions["document_lengths"]
    details = json.loads((large / "manifest.json").read_text())["figures"]["topic_selection"]["details"]
    assert details["k_range"] == [2, 3] and details["units"] == details["selection_units"] == N_DOCS


ONE = "Hai nước nhất trí vun đắp quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt.\n\nHợp tác kinh tế tăng mạnh."
OTHER = "Đội tuyển bóng đá giành chiến thắng.\n\nNgười hâm mộ vui mừng trên sân vận động."
STOPWORDS = "và của là những các\n\nthì là mà và những"


@pytest.mark.parametrize(
    "name, docs, notes",
    [
        ("one document", [("2024-05-01", ONE)], {"keyness_periods": "no document"}),
        (
            "undated",
            [("", ONE), ("", OTHER)],
            {
                "keyness_periods": "No article has a date",
                "phrase_timeline": "No article has a date",
                "topic_prevalence": "No article has a date",
            },
        ),
        ("one date", [("2024-05-01", ONE), ("2024-05-01", OTHER)], {"keyness_periods": "no document"}),
        (
            "stopwords only",
            [("2024-05-01", STOPWORDS), ("2024-06-01", STOPWORDS)],
            {
                "topic_terms": "a topic model needs at least 2",
                "keyterms_top": "No article has content words",
                "phrase_cooccurrence": "No phrase of the lexicon",
            },
        ),
    ],
)
def test_a_corpus_that_cannot_give_a_figure_gets_a_note_and_a_manifest(tmp_path, name, docs, notes):
    rows = [{"id": f"d{i}", "title": "", "date": d, "source": "", "text": t} for i, (d, t) in enumerate(docs)]
    corpus = _table(tmp_path / "corpus.csv", rows)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_figures(Session(corpus, cache_dir=None, jobs=1), tmp_path / "out")
    # the command line shows a library's warnings to the user: an empty legend or image is not one
    assert [str(w.message) for w in caught if issubclass(w.category, UserWarning)] == []
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    for fid in manifest["figures"]:
        assert (tmp_path / "out" / f"{fid}.png").is_file()
    for fid, message in notes.items():
        assert message in manifest["figures"][fid]["caption"], fid


ARTICLE = (
    "Thủ tướng Chính phủ chủ trì hội nghị trực tuyến về phát triển kinh tế xã hội các tỉnh miền Trung.\n\n"
    "Các địa phương báo cáo tình hình sản xuất nông nghiệp, xây dựng đường giao thông và trường học "
    "sau mùa mưa bão. Nhiều tỉnh đề nghị Trung ương hỗ trợ vốn đầu tư cho các công trình thủy lợi.\n\n"
    "Thủ tướng yêu cầu các bộ ngành khẩn trương giải ngân vốn đầu tư công trong quý cuối năm."
)


def test_document_similarity_of_a_large_corpus_leaves_out_pairs_of_near_duplicates(tmp_path, monkeypatch):
    from analysis.topics import figures as tf

    texts = {
        "a": ARTICLE,
        "a_copy": ARTICLE + "\n\n(Theo TTXVN)",  # the same story with a credit line: a near-duplicate
        "c": "Hội nghị bàn về vốn đầu tư công cho các công trình thủy lợi và đường giao thông miền Trung.",
        "d": "Đội tuyển bóng đá quốc gia giành chiến thắng trong trận đấu tại sân vận động Mỹ Đình.",
    }
    for name, text in texts.items():
        (tmp_path / "corpus" / f"{name}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "corpus" / f"{name}.txt").write_text(text, encoding="utf-8")
    session = Session(tmp_path / "corpus", cache_dir=tmp_path / "cache")
    assert [[session.corpus.documents[i].doc_id for i in c] for c in session.duplicates().clusters_] == [
        ["a", "a_copy"]
    ]
    monkeypatch.setattr(tf, "MAX_ROWS", 2)  # four articles drawn as pairs, as a large corpus is
    table = tf.document_similarity_table(session)
    pairs = set(zip(table["doc_a"], table["doc_b"]))
    assert ("a", "a_copy") not in pairs
    assert {("a", "c"), ("a_copy", "c")} <= pairs  # the article and its copy both resemble c
    caption = tf.draw_document_similarity(table).caption
    assert "leaving out the 1 pair of near-duplicates" in caption
    assert "sample" not in caption

    monkeypatch.setattr(tf, "PAIRS_SAMPLE", 3)  # as a corpus of more than 50,000 articles is
    table = tf.document_similarity_table(session)
    assert len(set(table["doc_a"]) | set(table["doc_b"])) <= 3
    plot = tf.draw_document_similarity(table)
    assert "among a random sample of 3 of them" in plot.caption
    assert plot.details == {"pairs_sample": 3, "pairs_seed": config.RANDOM_STATE}
