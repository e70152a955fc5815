"""The layout of an article (analysis/layout.py): date, title, source, sentences and their kinds.

Every expected value below was read off the seed articles by hand (see the comments for
the counts); none was copied from the program's output.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from analysis.reading.layout import parse_document

SEED_DIR = Path(__file__).resolve().parent.parent / "seeds"

S000 = "000_71d1d54ed88e5950"
S001 = "001_abe518d146e679e3"
S002 = "002_80c75189325b5c6b"
S003 = "003_745f59f523383058"
S004 = "004_d9be0ddf1dfe6003"


def _nfc_seed(stem: str) -> str:
    text = (SEED_DIR / f"{stem}.txt").read_text(encoding="utf-8-sig")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


@pytest.fixture(scope="module")
def seed_docs():
    """Every seed article parsed, by file stem."""
    stems = sorted(p.stem for p in SEED_DIR.glob("*.txt"))
    assert stems == [S000, S001, S002, S003, S004]
    return {stem: parse_document(stem, _nfc_seed(stem)) for stem in stems}


def texts(doc, kind: str | None = None) -> list[str]:
    return [doc.sentence_text(s) for s in doc.sentences if kind is None or s.kind == kind]


# --------------------------------------------------------------------------- seeds: head


@pytest.mark.parametrize(
    "stem, date, date_source",
    [
        (S000, "2025-12-02", "header"),
        (S001, "2026-02-05", "header"),
        (S002, "2026-02-02", "header"),  # the body's "5/2/2026" must not win over the header
        (S003, "2024-12-16", "body"),  # "từ ngày 16-18/12/2024": the first day of the range
        (S004, "2024-10-09", "byline"),  # "P.V • 09/10/2024 06:27"
    ],
)
def test_seed_date(seed_docs, stem, date, date_source):
    doc = seed_docs[stem]
    assert doc.date == dt.date.fromisoformat(date)
    assert doc.date_source == date_source


@pytest.mark.parametrize(
    "stem, title",
    [
        (S000, "Việt Nam - Lào củng cố quan hệ đặc biệt, tạo động lực mới cho hợp tác chiến lược"),
        (S001, "Việt - Lào sẽ chuyển từ hợp tác tốt sang hợp tác hiệu quả"),
        # the rest of the header line, as written, trailing comma and en dash included
        (
            S002,
            "Thứ trưởng Bộ Ngoại giao Nguyễn Mạnh Cường nhấn mạnh chuyến thăm cấp Nhà nước tới Lào "
            "của Tổng Bí thư Tô Lâm mang ý nghĩa rất quan trọng đối với quan hệ đặc biệt Việt Nam – Lào, "
            "nhất là trong việc định hình cục diện hợp tác, phát triển giữa hai nước trong giai đoạn mới,",
        ),
        (S003, "Tham vấn chính trị cấp Bộ trưởng Ngoại giao Việt Nam - Lào"),
        # the byline "P.V • 09/10/2024 06:27" and what follows are not part of the title
        (S004, "Chính trị là nòng cốt trong quan hệ Việt Nam - Lào"),
    ],
)
def test_seed_title(seed_docs, stem, title):
    doc = seed_docs[stem]
    assert doc.title == title
    assert texts(doc, "title") == [title]
    assert doc.sentences[0].kind == "title"


@pytest.mark.parametrize(
    "stem, source",
    [
        (S000, "TPO"),
        (S001, "TPO"),
        (S002, ""),
        (S003, ""),
        (S004, "diendandoanhnghiep.vn"),
    ],
)
def test_seed_source(seed_docs, stem, source):
    assert seed_docs[stem].source == source


@pytest.mark.parametrize(
    "stem, first_body",
    [
        # the "TPO - " marker is not part of the first sentence
        (
            S000,
            'Việt Nam - Lào khẳng định, "quan hệ giữa hai nước là mối quan hệ mẫu mực, thủy chung, '
            "trong sáng, hiếm có; là nhân tố quyết định thắng lợi của cách mạng mỗi nước và tài sản chung "
            'vô giá của hai Đảng, hai dân tộc, cần được gìn giữ, phát huy và truyền lại cho các thế hệ sau", '
            "Thứ trưởng Bộ Ngoại giao Nguyễn Mạnh Cường nói.",
        ),
        (
            S001,
            "Chiều 5/2, trong cuộc hội kiến Thủ tướng Lào Sonexay Siphandone, Tổng Bí thư Tô Lâm nhấn mạnh "
            "giai đoạn tới sẽ chuyển mạnh từ hợp tác tốt sang hợp tác hiệu quả, từ cam kết sang kết quả cụ thể, "
            "lấy lợi ích của nhân dân hai nước làm thước đo cao nhất.",
        ),
        (
            S003,
            "Nhận lời mời của Bộ trưởng Ngoại giao Lào Thongsavanh Phomvihane và thực hiện Thỏa thuận hợp tác "
            "giữa Bộ Ngoại giao Việt Nam và Bộ Ngoại giao Lào, Phó Thủ tướng, Bộ trưởng Ngoại giao Bùi Thanh Sơn "
            "thăm Lào và đồng chủ trì Tham vấn Chính trị lần thứ 11 cấp Bộ trưởng Ngoại giao Việt Nam – Lào "
            "từ ngày 16-18/12/2024.",
        ),
        # right after the byline of the one-line article
        (
            S004,
            "Thủ tướng Phạm Minh Chính nhấn mạnh tại buổi gặp gỡ làm việc với cán bộ Đại sứ quán Việt Nam "
            "và các cơ quan đại diện Việt Nam tại Lào chiều 8/10.",
        ),
    ],
)
def test_seed_first_sentence_after_title(seed_docs, stem, first_body):
    doc = seed_docs[stem]
    assert texts(doc)[1] == first_body


def test_header_line_is_in_no_sentence(seed_docs):
    for stem in (S000, S001, S002):
        for sentence in texts(seed_docs[stem]):
            assert "date 20" not in sentence, (stem, sentence)


def test_byline_is_in_no_sentence(seed_docs):
    doc = seed_docs[S004]
    for sentence in texts(doc):
        for piece in ("P.V", "•", "09/10/2024", "06:27"):
            assert piece not in sentence, sentence


def test_closing_source_line_is_not_a_sentence(seed_docs):
    # 004 ends "... năm 2023. Chính trị là nòng cốt trong quan hệ Việt Nam - Lào (diendandoanhnghiep.vn)":
    # the footer repeats the title and names the source.
    doc = seed_docs[S004]
    assert texts(doc)[-1] == (
        "Kim ngạch nhập khẩu của Việt Nam từ Lào đạt 915,2 triệu USD, tăng 25,7% so với cùng kỳ năm 2023."
    )
    assert all("diendandoanhnghiep" not in s for s in texts(doc))
    assert texts(doc).count("Chính trị là nòng cốt trong quan hệ Việt Nam - Lào") == 1  # the title only


# --------------------------------------------------------------------------- seeds: sentences
#
# Hand counts, paragraph by paragraph (a title line counts as one sentence):
# 000: title, then 1+1+1+1+1+1 +2 ("... (2021 - 2025). Đồng thời, ...") +1+1+1+1+1
#      +2 ("Về hợp tác kinh tế, đầu tư và thương mại. Hợp tác ...") +2 (6,21 tỷ USD ... Giai đoạn ...)
#      +1+1 +2 (the closing quotation) = 22, no caption, no heading.
# 001: title; 3 headings; captions: "Tổng Bí thư Tô Lâm và Thủ tướng Lào Sonexay Siphandone." + "Ảnh: TTXVN",
#      "Tổng Bí thư Tô Lâm hội kiến ..." + "Ảnh: TTXVN", "Thủ tướng Phạm Minh Chính trong cuộc hội kiến ..."
#      + the credit-only paragraph "Ảnh: TTXVN", "Chủ tịch Quốc hội Trần Thanh Mẫn hội kiến ..." + "Ảnh: TTXVN"
#      = 8 captions; body: 1+1+1+1+1+1+1+1+1 (before the 2nd heading) +1+1+2+2+1 +1+1+1+2+1+1 = 23. Total 35.
# 002: title, 28 one- or two-sentence paragraphs: 30 sentences after the title = 31, no caption.
# 003: title line, then 1+1+1+8+1+3+1+1+1 = 18 body sentences = 19.
# 004: title, 26 body sentences and 1 caption ("... tại Lào - Ảnh: VGP/Nhật Bắc") = 28.


@pytest.mark.parametrize(
    "stem, n_sentences, n_captions",
    [
        (S000, 22, 0),
        (S001, 35, 8),
        (S002, 31, 0),
        (S003, 19, 0),
        (S004, 28, 1),
    ],
)
def test_seed_sentence_and_caption_counts(seed_docs, stem, n_sentences, n_captions):
    doc = seed_docs[stem]
    kinds = Counter(s.kind for s in doc.sentences)
    assert len(doc.sentences) == n_sentences
    assert kinds["caption"] == n_captions
    assert kinds["title"] == 1
    assert len(doc.analysed()) == n_sentences - n_captions
    assert len(doc.analysed(keep_captions=True)) == n_sentences


@pytest.mark.parametrize(
    "stem, kinds",
    [
        (S000, {"title": 1, "body": 21}),
        (S001, {"title": 1, "heading": 3, "caption": 8, "body": 23}),
        (S003, {"title": 1, "body": 18}),
        (S004, {"title": 1, "caption": 1, "body": 26}),
    ],
)
def test_seed_sentence_kinds(seed_docs, stem, kinds):
    assert dict(Counter(s.kind for s in seed_docs[stem].sentences)) == kinds


def test_seed_sentences_are_offsets_into_the_text(seed_docs):
    for doc in seed_docs.values():
        assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
        previous_end = 0
        for s in doc.sentences:
            assert previous_end <= s.start < s.end <= len(doc.text)
            assert doc.sentence_text(s) == doc.text[s.start : s.end]
            assert doc.sentence_text(s) == doc.sentence_text(s).strip()
            previous_end = s.end


def test_captions_of_001(seed_docs):
    assert texts(seed_docs[S001], "caption") == [
        "Tổng Bí thư Tô Lâm và Thủ tướng Lào Sonexay Siphandone.",
        "Ảnh: TTXVN",
        "Tổng Bí thư Tô Lâm hội kiến Thủ tướng Lào Sonexay Siphandone.",
        "Ảnh: TTXVN",
        "Thủ tướng Phạm Minh Chính trong cuộc hội kiến Thủ tướng Lào Sonexay Siphandone.",
        "Ảnh: TTXVN",  # a paragraph of its own: the credit of the paragraph before
        "Chủ tịch Quốc hội Trần Thanh Mẫn hội kiến Chủ tịch Quốc hội Lào Saysomphone Phomvihane.",
        "Ảnh: TTXVN",
    ]


def test_sentence_before_a_standalone_credit_caption_only_goes_back_one_paragraph(seed_docs):
    doc = seed_docs[S001]
    kind = {doc.sentence_text(s): s.kind for s in doc.sentences}
    # the paragraph before the captioned one is an ordinary sentence
    assert kind["Cùng ngày, Thủ tướng Phạm Minh Chính có cuộc hội kiến với Thủ tướng Lào Sonexay Siphandone."] == "body"
    assert (
        kind[
            "Hai Thủ tướng thông báo cho nhau về tình hình phát triển kinh tế - xã hội của mỗi nước thời gian "
            "qua, phương hướng mục tiêu phát triển trong thời gian tới để triển khai hiệu quả Nghị quyết "
            "Đại hội đảng mỗi nước."
        ]
        == "body"
    )


def test_caption_inside_the_one_line_article_004(seed_docs):
    doc = seed_docs[S004]
    all_texts = texts(doc)
    caption = (
        "Thủ tướng Phạm Minh Chính gặp gỡ, làm việc với cán bộ Đại sứ quán Việt Nam và các cơ quan "
        "đại diện Việt Nam tại Lào - Ảnh: VGP/Nhật Bắc"
    )
    assert texts(doc, "caption") == [caption]
    i = all_texts.index(caption)
    assert all_texts[i + 1].startswith("Trong buổi gặp gỡ làm việc giữa Thủ tướng Phạm Minh Chính")
    assert all_texts[i + 1].endswith("triển khai các thỏa thuận của lãnh đạo cấp cao hai nước.")
    assert all_texts[i - 1].endswith("tạo điều kiện thuận lợi phát triển trong nhiều năm qua.")
    assert doc.sentences[i - 1].kind == "body"
    assert doc.sentences[i + 1].kind == "body"


@pytest.mark.parametrize(
    "stem, heading",
    [
        (S001, "Tạo đột phá kinh tế"),
        (S001, "Cụ thể hoá nội hàm “gắn kết chiến lược”"),
        (S001, "Trao đổi kinh nghiệm lập pháp"),
        (S002, "ƯU TIÊN CHIẾN LƯỢC ĐẶC BIỆT TRONG NHIỆM KỲ MỚI"),
        (S002, "GẮN KẾT CHIẾN LƯỢC, HỢP TÁC TOÀN DIỆN, TẠO XUNG LỰC MỚI SAU CHUYẾN THĂM"),
    ],
)
def test_seed_headings(seed_docs, stem, heading):
    doc = seed_docs[stem]
    kinds = [s.kind for s in doc.sentences if doc.sentence_text(s) == heading]
    assert kinds == ["heading"]


@pytest.mark.parametrize(
    "stem, sentence",
    [
        # decimals, percentages and thousands separators stay inside their sentence
        (
            S000,
            "Hiện Việt Nam có 276 dự án đầu tư tại Lào với tổng vốn đăng ký hơn 6,21 tỷ USD, "
            "trong đó vốn thực hiện là khoảng 3 tỷ USD.",
        ),
        (S000, "Về hợp tác kinh tế, đầu tư và thương mại."),
        (
            S002,
            "Đầu tư của Việt Nam tại Lào tăng mạnh, với tổng vốn đăng ký hơn 5,6 tỷ USD, nâng tổng vốn lũy kế "
            "lên 6,21 tỷ USD với 276 dự án, tiếp tục duy trì vị thế trong nhóm các nhà đầu tư hàng đầu tại Lào.",
        ),
        (
            S003,
            "Kim ngạch thương mại song phương đạt trên 1,7 tỷ USD trong 10 tháng đầu năm 2024, tăng 28,26% so "
            "với cùng kỳ năm 2023; đặc biệt hai bên đã giải quyết được một số khó khăn, vướng mắc tại một số dự "
            "án trọng điểm.",
        ),
        # an ellipsis followed by a lower-case word does not end the sentence
        (
            S003,
            "Hợp tác trên các lĩnh vực văn hóa, giáo dục, khoa học kỹ thuật, phát triển nguồn nhân lực… đạt "
            "nhiều kết quả quan trọng.",
        ),
        # "..." followed by a capital does
        (
            S003,
            "Nhân dịp này, lãnh đạo một số đơn vị liên quan của hai Bộ Ngoại giao đã trao đổi, chia sẻ kinh "
            "nghiệm về nghiên cứu các vấn đề chiến lược, thông tin báo chí, hợp tác đa phương...",
        ),
        (S003, "Hai bên nhất trí sẽ tổ chức Tham vấn chính trị lần thứ 12 tại Việt Nam."),
        (S004, "Hiện có khoảng 100.000 kiều bào Việt Nam đang sinh sống, làm việc, học tập tại Lào."),
        (
            S004,
            "Trong đó, kim ngạch xuất khẩu của Việt Nam sang Lào đạt 429,5 triệu USD, tăng 20,7% so với cùng "
            "kỳ năm 2023.",
        ),
        (
            S004,
            "Quan hệ hai nước Việt Nam - Lào đang phát triển hết sức tốt đẹp, toàn diện trên nền tảng ngày càng "
            "tin cậy và gắn bó.",
        ),
        # a quotation, a full stop and "- speaker": one sentence
        (
            S004,
            "“Trong quan hệ Việt Nam - Lào, quan hệ chính trị là nòng cốt, đồng thời phải thúc đẩy mạnh mẽ hợp "
            "tác kinh tế, hợp tác giáo dục, đào tạo nhân lực và các lĩnh vực khác, góp phần củng cố, vun đắp cho "
            "quan hệ Việt - Lào ngày càng phát triển trên mọi lĩnh vực, mang lại lợi ích thiết thực cho nhân dân "
            "hai nước”. - Thủ tướng nêu rõ.",
        ),
        (S004, 'Thủ tướng cũng nêu rõ, "hợp tác giáo dục, đào tạo với Lào là vấn đề chiến lược, lâu dài".'),
    ],
)
def test_seed_whole_sentences(seed_docs, stem, sentence):
    assert sentence in texts(seed_docs[stem])


# --------------------------------------------------------------------------- made-up documents


@pytest.mark.parametrize(
    "text, meta, date, date_source, title, source",
    [
        pytest.param(
            "date 2025-01-02 Tiêu đề bài\n\nHai bên nhất trí hợp tác.\n",
            {"date": dt.date(2024, 3, 4)},
            "2024-03-04",
            "metadata",
            "Tiêu đề bài",
            "",
            id="metadata-date-beats-header",
        ),
        pytest.param(
            "Tiêu đề bài P.V • 09/10/2024 06:27 Hai bên nhất trí hợp tác.",
            {"date": dt.date(2024, 3, 4), "title": "Tiêu đề khác", "source": "VNA"},
            "2024-03-04",
            "metadata",
            "Tiêu đề khác",
            "VNA",
            id="metadata-date-title-source",
        ),
        pytest.param(
            "date 2025-01-02 Tiêu đề bài\n\nHai bên nhất trí hợp tác.\n",
            {},
            "2025-01-02",
            "header",
            "Tiêu đề bài",
            "",
            id="header",
        ),
        pytest.param(
            "Hợp tác Việt - Lào\nHà Nội, ngày 5 tháng 2 năm 2026\nHai bên nhất trí hợp tác.\n",
            {},
            "2026-02-05",
            "byline",
            "Hợp tác Việt - Lào",
            "",
            id="byline-ngay-thang-nam-own-line",
        ),
        # a date inside a line of running text has no byline shape, and opens no lead: no date
        pytest.param(
            "Hợp tác Việt - Lào ngày 5 tháng 2 năm 2026 Hai bên nhất trí hợp tác.",
            {},
            None,
            "unknown",
            "Hợp tác Việt - Lào ngày 5 tháng 2 năm 2026 Hai bên nhất trí hợp tác.",
            "",
            id="date-in-running-first-line-is-no-byline",
        ),
        pytest.param(
            "Hợp tác Việt - Lào\nHai bên gặp nhau từ ngày 16-18/12/2024 tại Viêng Chăn.\n",
            {},
            "2024-12-16",
            "body",
            "Hợp tác Việt - Lào",
            "",
            id="body-date-range",
        ),
        pytest.param(
            "Hợp tác Việt - Lào\nHai bên nhất trí hợp tác.\n",
            {},
            None,
            "unknown",
            "Hợp tác Việt - Lào",
            "",
            id="no-date",
        ),
        pytest.param(
            "Hợp tác Việt - Lào\nChiều 5/2, hai bên nhất trí hợp tác.\n",
            {},
            None,
            "unknown",
            "Hợp tác Việt - Lào",
            "",
            id="day-and-month-only-is-no-date",
        ),
        pytest.param(
            "Tiêu đề (NLĐ)- Nội dung bài viết. Hai bên nhất trí.",
            {},
            None,
            "unknown",
            "Tiêu đề",
            "NLĐ",
            id="inline-source",
        ),
    ],
)
def test_made_up_head(text, meta, date, date_source, title, source):
    doc = parse_document("x", text, meta=meta)
    assert doc.date == (dt.date.fromisoformat(date) if date else None)
    assert doc.date_source == date_source
    assert doc.title == title
    assert doc.source == source


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Tiêu đề bài báo\nHai bên nhất trí hợp tác.\nViệt Nam và Lào ký văn kiện.\n",
            [
                ("Tiêu đề bài báo", "title"),
                ("Hai bên nhất trí hợp tác.", "body"),
                ("Việt Nam và Lào ký văn kiện.", "body"),
            ],
            id="title-line-then-body-lines",
        ),
        pytest.param(
            "Tiêu đề (NLĐ)- Nội dung bài viết. Hai bên nhất trí.",
            [("Tiêu đề", "title"), ("Nội dung bài viết.", "body"), ("Hai bên nhất trí.", "body")],
            id="inline-source",
        ),
        pytest.param(
            "date 2025-01-02 Tiêu đề ngắn\n\nHai bên hội đàm. Ảnh: TTXVN\n\nHai bên nhất trí hợp tác.\n",
            [
                ("Tiêu đề ngắn", "title"),
                ("Hai bên hội đàm.", "caption"),
                ("Ảnh: TTXVN", "caption"),
                ("Hai bên nhất trí hợp tác.", "body"),
            ],
            id="caption-paragraph",
        ),
        pytest.param(
            "date 2025-01-02 Tiêu đề ngắn\n\nTPO - Hai bên nhất trí hợp tác.\n\nHợp tác kinh tế\n\n"
            "Việt Nam và Lào ký văn kiện.\n",
            [
                ("Tiêu đề ngắn", "title"),
                ("Hai bên nhất trí hợp tác.", "body"),
                ("Hợp tác kinh tế", "heading"),
                ("Việt Nam và Lào ký văn kiện.", "body"),
            ],
            id="source-marker-and-heading",
        ),
        pytest.param(
            "Tiêu đề bài P.V • 09/10/2024 06:27 Hai bên nhất trí hợp tác. Vốn đạt 6,21 tỷ USD.",
            [("Tiêu đề bài", "title"), ("Hai bên nhất trí hợp tác.", "body"), ("Vốn đạt 6,21 tỷ USD.", "body")],
            id="byline-left-out",
        ),
    ],
)
def test_made_up_sentences(text, expected):
    doc = parse_document("x", text)
    assert [(doc.sentence_text(s), s.kind) for s in doc.sentences] == expected


@pytest.mark.parametrize("text", ["", "\n\n", "   \n \t"])
def test_empty_document_has_no_sentences_and_no_date(text):
    doc = parse_document("x", text)
    assert doc.sentences == ()
    assert (doc.date, doc.date_source, doc.title) == (None, "unknown", "")


# --------------------------------------------------------------------------- whose date: bylines and leads

TITLE = "Hợp tác Việt - Lào\n"


@pytest.mark.parametrize(
    "head, date, date_source",
    [
        # bylines: a date with the shape of one in the first lines
        pytest.param("Thứ Hai, 05/02/2025 14:30\nHai bên nhất trí.", "2025-02-05", "byline", id="weekday-and-time"),
        pytest.param("Cập nhật: 05/02/2025\nHai bên nhất trí.", "2025-02-05", "byline", id="updated-label"),
        pytest.param("05/02/2025 10:00 GMT+7\nHai bên nhất trí.", "2025-02-05", "byline", id="time-and-zone"),
        pytest.param("05/02/2025\nHai bên nhất trí.", "2025-02-05", "byline", id="date-alone-on-a-line"),
        # a full date in a sentence of the first lines is no byline, nor the article's date
        pytest.param(
            "Ngày 30/4/1975 là ngày thống nhất đất nước, hai bên nhắc lại.",
            None,
            "unknown",
            id="history-at-a-line-start-with-text-after",
        ),
        pytest.param(
            "Hai bên nhắc lại ngày 19/8/1945 và 30/4/1975 trong hội đàm.", None, "unknown", id="history-in-the-lead"
        ),
        # leads that open on the article's own date
        pytest.param("Hà Nội, ngày 5/2/2025, hai bên nhất trí.", "2025-02-05", "body", id="dateline-place"),
        pytest.param("(TTXVN) Chiều 5/2/2025, hai bên nhất trí.", "2025-02-05", "body", id="agency-and-time"),
        pytest.param(
            "Hà Nội (TTXVN) - Sáng nay 16/12/2024, hai bên nhất trí.", "2024-12-16", "body", id="place-agency-time"
        ),
        pytest.param(
            "Viêng Chăn, ngày 5 tháng 2 năm 2026 - Hai bên nhất trí.",
            "2026-02-05",
            "body",
            id="dateline-ngay-thang-nam",
        ),
        pytest.param("TPO - Tối 3-2-2026, hai bên nhất trí.", "2026-02-03", "body", id="source-marker-dashes"),
        # the year of a day and month taken from a full date at the top; none there: unknown
        pytest.param(
            "Sáng 16/12, hai bên ký 3 văn kiện, nối tiếp hội đàm ngày 15/12/2024.",
            "2024-12-16",
            "body",
            id="year-from-the-lead",
        ),
        pytest.param("(TTXVN) Chiều 5/2, hai bên nhất trí.", None, "unknown", id="no-year-anywhere"),
        pytest.param(
            "Sáng 16/12, hai bên kỷ niệm 30/4/1975 - 30/4/2024.", "2024-12-16", "body", id="latest-year-at-the-top"
        ),
        # the span of the event in the lead's first sentence
        pytest.param("Hai bên gặp nhau từ ngày 16-18/12/2024 tại Viêng Chăn.", "2024-12-16", "body", id="span"),
        pytest.param(
            "Hai bên gặp nhau tại Viêng Chăn. Đoàn ở lại từ ngày 16-18/12/2024.",
            None,
            "unknown",
            id="span-outside-the-first-sentence",
        ),
        # a lead that opens on history, far older than the other dates at its top
        pytest.param(
            "Ngày 19/8/1945, nhân dân giành chính quyền; lễ kỷ niệm 19/8/2025 diễn ra trọng thể.",
            None,
            "unknown",
            id="lead-opening-on-history",
        ),
        pytest.param("Kỷ niệm 30/4/1975, nhân dân cả nước vui mừng.", None, "unknown", id="no-place-no-time-word"),
    ],
)
def test_whose_date(head, date, date_source):
    doc = parse_document("x", TITLE + head + "\n\nĐoạn sau.\n")
    assert (doc.date, doc.date_source) == (dt.date.fromisoformat(date) if date else None, date_source)
