"""Near-duplicates (analysis/duplicates.py, analysis/reuse.py): made-up syndicated copies of one
article, one for every kind of edit a copy goes through, and made-up articles that are alike but
not copies; the cache; the ``duplicates`` command and ``--dedup``."""

from __future__ import annotations

import tarfile
import unicodedata
from pathlib import Path

import pytest
from helpers import rows_of, run_fresh, write
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.copies import duplicates as dup
from analysis.copies.duplicates import NearDuplicates, Sketches, compared_syllables
from analysis.copies.reuse import copies_by_source, phrase_copy_share, reuse_timeline, source_roles
from analysis.reading.corpus import read_corpus
from analysis.reading.layout import parse_document

ROOT = Path(__file__).resolve().parent.parent
TARBALL = ROOT.parent / "shared" / "corpora" / "vntc-train.tar.gz"

# A wire report of a state visit: four paragraphs, about 270 syllables. Written for these tests.
TITLE = "Việt Nam và Lào ký kết 12 văn kiện hợp tác trong chuyến thăm cấp Nhà nước"
PARAGRAPHS = [
    "Chiều 5/2, tại Phủ Chủ tịch ở Vientiane, Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Lào Thongloun "
    "Sisoulith đã hội đàm trong bầu không khí hữu nghị, thẳng thắn và tin cậy. Hai nhà lãnh đạo nhất trí tiếp tục "
    "vun đắp quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện giữa hai Đảng, hai Nhà nước và nhân "
    "dân hai nước.",
    "Tổng Bí thư Tô Lâm đánh giá cao những thành tựu to lớn mà Đảng, Nhà nước và nhân dân Lào đã đạt được trong năm "
    "qua, đặc biệt là việc giữ vững ổn định chính trị và kiềm chế lạm phát. Phía Lào bày tỏ cảm ơn sự giúp đỡ quý "
    "báu, chí tình của Việt Nam trong các lĩnh vực giáo dục, y tế và thủy lợi.",
    "Hai bên thống nhất đẩy mạnh kết nối hai nền kinh tế, sớm hoàn thành tuyến đường cao tốc Vientiane - Hà Nội và "
    "dự án cảng Vũng Áng, đồng thời tăng cường hợp tác trong lĩnh vực năng lượng, khai khoáng và chuyển đổi số. "
    "Ủy ban liên Chính phủ hai nước được giao rà soát tiến độ các dự án trọng điểm sáu tháng một lần.",
    "Sau hội đàm, hai nhà lãnh đạo chứng kiến lễ ký kết 12 văn kiện hợp tác, trong đó có hiệp định về hòa bình, an "
    "ninh biên giới và thỏa thuận khung về hợp tác giáo dục giai đoạn 2026 - 2030. Tối cùng ngày, Tổng Bí thư Tô "
    "Lâm dự tiệc chiêu đãi trọng thể và thăm hỏi sức khỏe cán bộ, nhân viên Đại sứ quán Việt Nam tại Lào.",
]

# Another outlet's own report of the same talks: the same names and formulas, written differently.
OTHER_REPORT = "\n\n".join(
    [
        "date 2026-02-05 Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith",
        "NLĐ - Trong khuôn khổ chuyến thăm cấp Nhà nước tới Lào, ngày 5/2, Tổng Bí thư Tô Lâm đã có cuộc hội đàm với "
        "Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith. Thay mặt lãnh đạo Lào, đồng chí Thongloun Sisoulith nhiệt "
        "liệt chào mừng Tổng Bí thư và đoàn đại biểu cấp cao Việt Nam.",
        "Tại cuộc hội đàm, hai bên thông báo cho nhau về tình hình mỗi Đảng, mỗi nước và trao đổi sâu rộng về các biện "
        "pháp cụ thể nhằm đưa quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện lên tầm cao mới. Lãnh đạo "
        "hai nước khẳng định sẽ luôn kề vai sát cánh, ủng hộ lẫn nhau trong sự nghiệp xây dựng và bảo vệ Tổ quốc.",
        "Về kinh tế, hai bên nhấn mạnh cần tháo gỡ vướng mắc để kim ngạch thương mại song phương sớm đạt mục tiêu 5 tỷ "
        "USD, khuyến khích doanh nghiệp đầu tư vào nông nghiệp công nghệ cao và logistics. Phía Việt Nam cam kết tiếp "
        "tục cấp học bổng cho sinh viên Lào và hỗ trợ đào tạo cán bộ.",
        "Dịp này, Tổng Bí thư Tô Lâm trân trọng mời Tổng Bí thư, Chủ tịch nước Thongloun Sisoulith sớm sang thăm Việt "
        "Nam; đồng chí Thongloun Sisoulith vui vẻ nhận lời.",
    ]
)

# A third report of the visit, from the same day, on what the leaders did next.
THIRD_REPORT = "\n\n".join(
    [
        "date 2026-02-06 Tổng Bí thư Tô Lâm thăm Trường Hữu nghị 80 tại Vientiane",
        "VOV - Sáng 6/2, trong khuôn khổ chuyến thăm cấp Nhà nước tới Lào, Tổng Bí thư Tô Lâm cùng Tổng Bí thư, Chủ tịch "
        "nước Lào Thongloun Sisoulith đã đến thăm Trường Hữu nghị 80, ngôi trường do Việt Nam giúp xây dựng. Hơn 600 học "
        "sinh các dân tộc Lào đang theo học tại trường, trong đó nhiều em học tiếng Việt từ lớp một.",
        "Phát biểu với thầy trò nhà trường, Tổng Bí thư Tô Lâm nhấn mạnh giáo dục là nền tảng lâu dài của quan hệ hữu nghị "
        "vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện giữa hai nước. Tổng Bí thư mong các em chăm ngoan, học giỏi để "
        "sau này góp sức xây dựng quê hương và làm cầu nối giữa hai dân tộc.",
        "Thay mặt nhà trường, thầy hiệu trưởng báo cáo năm học vừa qua có 95% học sinh đạt loại khá, giỏi và nhiều em "
        "đoạt giải trong kỳ thi học sinh giỏi quốc gia của Lào. Trước khi chia tay, Tổng Bí thư trao tặng nhà trường "
        "một phòng máy tính và 200 suất học bổng.",
    ]
)


def _article(date: str | None, source: str, *, title: str = TITLE, paragraphs=PARAGRAPHS, end: str = "") -> str:
    head = f"date {date} {title}" if date else title
    return "\n\n".join([head, f"{source} - {paragraphs[0]}", *paragraphs[1:]]) + end + "\n"


def _old_style(text: str) -> str:
    """Tone marks of open oa/oe/uy on the second vowel (hoà, thoả, khoẻ, thuỷ, Uỷ): the other newsroom style."""
    for new, old in [("hòa", "hoà"), ("thỏa", "thoả"), ("khỏe", "khoẻ"), ("thủy", "thuỷ"), ("Ủy", "Uỷ")]:
        assert new in text
        text = text.replace(new, old)
    return text


def _drop_words(paragraph: str, words: tuple[str, ...]) -> str:
    for word in words:
        assert f" {word} " in paragraph
        paragraph = paragraph.replace(f" {word} ", " ", 1)
    return paragraph


ORIGINAL = _article("2026-02-05", "TTXVN")
#: Each copy, by the edit it went through. Names give the doc_id order; dates give the cluster order.
COPIES = {
    "a_headline": _article("2026-02-06", "TPO", title="Lãnh đạo hai nước chứng kiến lễ ký 12 văn kiện hợp tác"),
    "c_trimmed": _article("2026-02-06", "VOV", paragraphs=PARAGRAPHS[:3]),
    "d_credit": _article("2026-02-06", "NLĐ", end="\n\n(Theo TTXVN)"),
    "e_credit_line": _article("2026-02-07", "VOV", end="\n\nTheo VNA"),
    "f_top_sentence": _article(
        "2026-02-07",
        "TPO",
        paragraphs=["Chuyến thăm diễn ra đúng dịp kỷ niệm ngày thành lập Đảng. " + PARAGRAPHS[0], *PARAGRAPHS[1:]],
    ),
    "g_dropped_words": _article(
        "2026-02-07",
        "NLĐ",
        paragraphs=[
            _drop_words(PARAGRAPHS[0], ("tiếp tục",)),
            _drop_words(PARAGRAPHS[1], ("to lớn", "quý báu,")),
            PARAGRAPHS[2],
            _drop_words(PARAGRAPHS[3], ("trọng thể",)),
        ],
    ),
    "h_rewrapped": _article("2026-02-08", "TPO", paragraphs=[" ".join(PARAGRAPHS)]),
    "b_nfd": unicodedata.normalize("NFD", _article("2026-02-05", "VOV")),  # same day as the original, smaller doc_id
    "i_old_tones": _old_style(_article("2026-02-08", "VOV")),
    "z_case": _article(
        "2026-02-05",
        "TPO",
        paragraphs=[PARAGRAPHS[0].upper(), PARAGRAPHS[1], PARAGRAPHS[2].replace("Hai bên", "HAI BÊN"), PARAGRAPHS[3]],
    ),
    "y_undated": _article(None, "NLĐ"),
}
#: Copies whose compared text is the original's, once folded: their estimated similarity is exactly 1.
IDENTICAL = {"a_headline", "d_credit", "e_credit_line", "h_rewrapped", "b_nfd", "i_old_tones", "z_case", "y_undated"}
UNRELATED = "\n\n".join(
    [
        "date 2026-02-05 Xuất khẩu gạo tháng Một tăng mạnh",
        "TPO - Theo số liệu của Tổng cục Hải quan, trong tháng Một cả nước xuất khẩu gần 800.000 tấn gạo, tăng 12% so "
        "với cùng kỳ năm trước. Giá gạo 5% tấm của Việt Nam hiện ở mức 520 USD mỗi tấn, cao hơn gạo cùng loại của Thái "
        "Lan và Pakistan.",
        "Các doanh nghiệp cho biết đơn hàng từ Philippines, Indonesia và châu Phi vẫn dồi dào, song chi phí vận tải biển "
        "tăng cao khiến lợi nhuận bị thu hẹp. Hiệp hội Lương thực Việt Nam khuyến nghị nông dân vùng Đồng bằng sông Cửu "
        "Long không ồ ạt mở rộng diện tích mà tập trung vào giống lúa thơm, chất lượng cao.",
        "Theo Bộ Công Thương, năm nay thị trường gạo thế giới có thể biến động khó lường do thời tiết cực đoan ở nhiều "
        "nước sản xuất lớn. Bộ đề nghị các địa phương theo dõi sát diễn biến cung cầu, chuẩn bị đủ kho chứa và hỗ trợ "
        "doanh nghiệp tiếp cận vốn vay ưu đãi để thu mua lúa cho nông dân.",
    ]
)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("copies")
    write(root / "m_original.txt", ORIGINAL)
    for doc_id, text in COPIES.items():
        write(root / f"{doc_id}.txt", text)
    write(root / "n_other_report.txt", OTHER_REPORT)
    write(root / "o_third_report.txt", THIRD_REPORT)
    write(root / "p_unrelated.txt", UNRELATED)
    return root


@pytest.fixture(scope="module")
def corpus(corpus_dir):
    return read_corpus(corpus_dir)


@pytest.fixture(scope="module")
def fitted(corpus):
    return NearDuplicates().fit(corpus)


def test_the_made_up_texts_are_long_enough():
    for text in [ORIGINAL, OTHER_REPORT, THIRD_REPORT, UNRELATED]:
        assert 150 <= len(compared_syllables(parse_document("x", text))) <= 300


def test_every_copy_is_clustered_with_the_original_and_nothing_else(fitted):
    assert len(fitted.clusters_) == 1
    members = {fitted.documents_[i].doc_id for i in fitted.clusters_[0]}
    assert members == {"m_original", *COPIES}


def test_the_first_document_is_the_earliest_then_the_smallest_doc_id_undated_last(fitted):
    order = [fitted.documents_[i].doc_id for i in fitted.clusters_[0]]
    # 2026-02-05: b_nfd, m_original, z_case; 02-06: a, c, d; 02-07: e, f, g; 02-08: h, i; undated: y.
    assert order == [
        "b_nfd",
        "m_original",
        "z_case",
        "a_headline",
        "c_trimmed",
        "d_credit",
        "e_credit_line",
        "f_top_sentence",
        "g_dropped_words",
        "h_rewrapped",
        "i_old_tones",
        "y_undated",
    ]


def test_table_has_the_contract_columns_and_similarities(fitted):
    table = fitted.table()
    assert list(table.columns) == ["cluster_id", "doc_id", "date", "source", "similarity"]
    assert set(table["cluster_id"]) == {"b_nfd"}
    similarity = dict(zip(table["doc_id"], table["similarity"]))
    assert all(similarity[d] == 1.0 for d in IDENTICAL | {"m_original"})
    for edited in ("c_trimmed", "f_top_sentence", "g_dropped_words"):
        assert 0.3 < similarity[edited] < 1.0
    rows = table.set_index("doc_id")
    assert (rows.at["y_undated", "date"], rows.at["d_credit", "date"], rows.at["d_credit", "source"]) == (
        "",
        "2026-02-06",
        "NLĐ",
    )


@pytest.mark.parametrize("threshold", [0.9, 1.0])
def test_a_high_threshold_keeps_only_the_closest_copies(corpus, threshold):
    """A quarter of the text cut (c_trimmed) is far below 0.9; the identical copies stay."""
    fitted = NearDuplicates(threshold=threshold).fit(corpus)
    members = {fitted.documents_[i].doc_id for c in fitted.clusters_ for i in c}
    assert "c_trimmed" not in members and IDENTICAL <= members


def test_reports_of_the_same_visit_are_not_copies(corpus):
    docs = [d for d in corpus if d.doc_id in ("m_original", "n_other_report", "o_third_report")]
    assert NearDuplicates(threshold=0.1).fit(docs).clusters_ == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tiêu đề\n\nHai bên hợp tác.\n\n(Theo TTXVN)", ["hai", "bên", "hợp", "tác"]),
        ("Tiêu đề\n\nHai bên hợp tác (Theo Báo Tin tức/TTXVN).", ["hai", "bên", "hợp", "tác"]),
        ("Tiêu đề\n\nHai bên hợp tác.\n\nTheo VNA", ["hai", "bên", "hợp", "tác"]),
        ("Tiêu đề\n\nHai bên hợp tác.\n\nTTXVN", ["hai", "bên", "hợp", "tác"]),
        (
            "Tiêu đề\n\nHAI BÊN GIỮ GÌN HOÀ BÌNH.\n\nThuỷ lợi.",
            ["hai", "bên", "giữ", "gìn", "hòa", "bình", "thủy", "lợi"],
        ),
        (
            "Tiêu đề\n\nHai bên hợp tác.\n\nThủ tướng phát biểu. Ảnh: TTXVN\n\nKết thúc.",
            ["hai", "bên", "hợp", "tác", "kết", "thúc"],
        ),
    ],
)
def test_compared_text_leaves_out_title_credits_and_captions(text, expected):
    assert compared_syllables(parse_document("x", text)) == expected


_SYLLABLES = ["hòa", "thỏa", "khỏe", "thủy", "Ủy", "quý", "toàn", "hợp", "tác", "Lào", "Việt", "Nam", "HỮU", "nghị"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(_SYLLABLES), min_size=5, max_size=40))
def test_compared_text_is_the_same_in_any_form_style_or_case(words):
    """NFD, the other tone placement and capitals change nothing that is compared (a sentence of four
    syllables or fewer in capitals is taken for a credit, ``TTXVN``, ``THANH HÀ``: hence five or more)."""
    body = " ".join(words) + "."
    forms = [body, unicodedata.normalize("NFC", unicodedata.normalize("NFD", body)), _old_style_any(body), body.upper()]
    assert len({tuple(compared_syllables(parse_document("x", f"Tiêu đề\n\nMở đầu bài.\n\n{f}"))) for f in forms}) == 1


def _old_style_any(text: str) -> str:
    for new, old in [("hòa", "hoà"), ("thỏa", "thoả"), ("khỏe", "khoẻ"), ("thủy", "thuỷ"), ("Ủy", "Uỷ")]:
        text = text.replace(new, old)
    return text


def test_a_second_run_computes_no_signature(corpus, tmp_path, monkeypatch):
    first = NearDuplicates(cache_dir=tmp_path).fit(corpus)
    calls = []
    monkeypatch.setattr(dup, "sketch", lambda doc, **kw: calls.append(doc.doc_id))
    second = NearDuplicates(cache_dir=tmp_path).fit(corpus)
    assert calls == []
    assert second.table().equals(first.table())


def test_a_damaged_cache_entry_is_computed_again(corpus, tmp_path):
    import sqlite3

    expected = NearDuplicates(cache_dir=tmp_path).fit(corpus).table()
    with sqlite3.connect(tmp_path / "tokens.sqlite") as db:
        db.execute("UPDATE signatures_v1 SET value = zeroblob(512)")
    assert NearDuplicates(cache_dir=tmp_path).fit(corpus).table().equals(expected)


def test_signatures_are_the_same_with_one_or_two_workers(corpus):
    docs = list(corpus)
    one = Sketches(docs, jobs=1, min_items=0).signatures()
    two = Sketches(docs, jobs=2, min_items=0).signatures()
    assert one == two and len(set(one)) < len(one)


@pytest.mark.parametrize(
    "name, bad",
    [("threshold", 0), ("threshold", -0.1), ("threshold", 1.5), ("threshold", "0.5"), ("num_perm", 1), ("shingle", 0)],
)
def test_bad_parameters_name_the_parameter(corpus, name, bad):
    with pytest.raises(ValueError, match=name):
        NearDuplicates(**{name: bad}).fit(corpus)


def test_copies_by_source_and_roles(fitted):
    sources = copies_by_source(fitted).set_index("source")
    # 15 documents: 12 in the cluster, b_nfd first; VOV has b_nfd, c, e, i and o_third_report.
    assert sources.loc["all", ["documents", "in_clusters", "copies"]].tolist() == [15, 12, 11]
    assert sources.loc["VOV", ["documents", "in_clusters", "copies"]].tolist() == [5, 4, 3]
    roles = source_roles(reuse_timeline(fitted)).set_index("source")
    assert roles.loc["VOV"].tolist() == [1, 3] and roles.loc["TTXVN"].tolist() == [0, 1]
    timeline = reuse_timeline(fitted).set_index("doc_id")
    assert timeline.at["i_old_tones", "days_after_first"] == 3 and timeline["days_after_first"].isna().sum() == 1


def test_phrase_copy_share(corpus, fitted):
    from analysis.framing.lexicon import load_lexicon
    from analysis.framing.tables import count_phrases
    from analysis.text.syllables import syllabify

    share = phrase_copy_share(count_phrases(syllabify(corpus), load_lexicon(None)), fitted).set_index("phrase")
    # "đoàn kết đặc biệt": once in each of the 12 copies of the wire report and in the two other reports.
    row = share.loc["đoàn kết đặc biệt"]
    assert row[["count", "documents", "count_dedup", "documents_dedup", "from_copies"]].tolist() == [14, 14, 3, 3, 11]


# ------------------------------------------------------------------ figures


@pytest.fixture(scope="module")
def session(corpus_dir):
    from analysis.session import Session

    return Session(corpus_dir, cache_dir=None)


def test_text_reuse_draws_the_cluster_within_4000_pixels(session):
    from analysis.copies.figures import text_reuse

    plot = text_reuse(session)
    dots = plot.data[plot.data["part"] == "document"]
    assert len(dots) == 11 and dots["first"].sum() == 1  # the 12 of the cluster but y_undated: the dated dots
    assert plot.data.loc[plot.data["part"] == "all", "rank"].tolist() == [1]  # one cluster
    assert max(plot.figure.get_size_inches() * 150) <= 4000 and len(plot.figure.axes) == 2


def test_text_reuse_without_dates_is_a_note(tmp_path):
    from analysis.copies.figures import text_reuse
    from analysis.session import Session

    for name in ("a", "b"):  # the same undated article twice
        write(tmp_path / f"{name}.txt", _article(None, "TPO"))
    plot = text_reuse(Session(tmp_path, cache_dir=None))
    assert len(plot.data) == 2 and len(plot.figure.axes) == 1
    assert "no copy and its first document both have a date" in plot.figure.axes[0].texts[0].get_text()


def test_copies_overview_counts(session):
    from analysis.copies.figures import copies_overview

    data = copies_overview(session).data
    assert data[data["part"] == "cluster"]["documents"].tolist() == [12]
    assert data[(data["part"] == "source") & (data["source"] == "all")]["copies"].tolist() == [11]


def test_session_dedup_keeps_the_first_of_each_cluster(corpus_dir):
    from analysis.session import Session

    deduped = Session(corpus_dir, cache_dir=None, dedup=True)
    assert [d.doc_id for d in deduped.corpus] == ["b_nfd", "n_other_report", "o_third_report", "p_unrelated"]
    assert len(deduped.full_corpus) == 15


# ------------------------------------------------------------------ the command line


def test_cli_duplicates_csv(corpus_dir, tmp_path):
    header, rows = rows_of(run_fresh(str(tmp_path / "cache"), "duplicates", "--csv", "--corpus", str(corpus_dir)))
    assert header == "cluster_id,doc_id,date,source,similarity"
    assert [r["doc_id"] for r in rows][:2] == ["b_nfd", "m_original"] and len(rows) == 12
    assert {r["similarity"] for r in rows if r["doc_id"] in IDENTICAL} == {"1.0"}


def test_cli_same_output_with_any_jobs(corpus_dir, tmp_path):
    outputs = {
        run_fresh(str(tmp_path / f"cache{j}"), "duplicates", "--csv", "--jobs", j, "--corpus", str(corpus_dir)).stdout
        for j in ("1", "2")
    }
    assert len(outputs) == 1


@pytest.mark.parametrize("value", ["0", "1.01", "-1", "abc"])
def test_cli_threshold_is_checked(tmp_path, value):
    result = run_fresh(str(tmp_path), "duplicates", "--threshold", value)
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and lines[0].startswith("error:") and "--threshold" in lines[0]


def test_cli_phrases_with_dedup_count_each_story_once(corpus_dir, tmp_path):
    cache = str(tmp_path / "cache")
    _, rows = rows_of(run_fresh(cache, "phrases", "--csv", "--dedup", "--corpus", str(corpus_dir)))
    counts = {r["doc_id"]: int(r["count"]) for r in rows if r["phrase"] == "đoàn kết đặc biệt"}
    assert counts == {"b_nfd": 1, "n_other_report": 1, "o_third_report": 1, "p_unrelated": 0}


def test_cli_dedup_keeps_one_document_per_cluster(corpus_dir, tmp_path):
    cache = str(tmp_path / "cache")
    _, every = rows_of(run_fresh(cache, "corpus", "--csv", "--corpus", str(corpus_dir)))
    _, kept = rows_of(run_fresh(cache, "corpus", "--csv", "--dedup", "--corpus", str(corpus_dir)))
    assert len(every) == 15
    assert [r["doc_id"] for r in kept] == ["b_nfd", "n_other_report", "o_third_report", "p_unrelated"]


# ------------------------------------------------------------------ real copies in VNTC

VNTC_PAIR = ("Train_Full/Chinh tri Xa hoi/XH_NLD_ (3673).txt", "Train_Full/Chinh tri Xa hoi/XH_TT_ (2443).txt")
VNTC_OTHER = ("Train_Full/Chinh tri Xa hoi/XH_NLD_ (3674).txt", "Train_Full/Chinh tri Xa hoi/XH_TT_ (2444).txt")


@pytest.mark.slow
def test_vntc_copies_from_two_outlets_are_found(tmp_path):
    """NLĐ and Tuổi Trẻ ran the same report (read by hand: the same text, the lead sentence joined to the
    title line in one of them); two other articles from the same outlets are not copies of it."""
    if not TARBALL.is_file():
        pytest.skip(f"VNTC not found at {TARBALL}")
    with tarfile.open(TARBALL) as tar:
        wanted = set(VNTC_PAIR + VNTC_OTHER)
        tar.extractall(tmp_path, members=[m for m in tar.getmembers() if m.name in wanted], filter="data")
    table = NearDuplicates().fit(read_corpus(tmp_path / "Train_Full")).table()
    assert table["doc_id"].tolist() == ["Chinh tri Xa hoi/XH_NLD_ (3673)", "Chinh tri Xa hoi/XH_TT_ (2443)"]
