"""Sentence splitting (analysis/sentences.py)."""

from __future__ import annotations

import pytest

from analysis.reading.sentences import split_sentences


def pieces(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, start, end)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # decimals and thousands
        (
            "Vốn đạt 6,21 tỷ USD, tăng 28,26%. Hai bên nhất trí.",
            ["Vốn đạt 6,21 tỷ USD, tăng 28,26%.", "Hai bên nhất trí."],
        ),
        (
            "Hiện có khoảng 100.000 kiều bào Việt Nam. Thời gian qua, Đại sứ quán luôn quan tâm.",
            ["Hiện có khoảng 100.000 kiều bào Việt Nam.", "Thời gian qua, Đại sứ quán luôn quan tâm."],
        ),
        (
            "Kim ngạch đạt 429,5 triệu USD, tăng 20,7%. Trong đó, xuất khẩu tăng 25,7%.",
            ["Kim ngạch đạt 429,5 triệu USD, tăng 20,7%.", "Trong đó, xuất khẩu tăng 25,7%."],
        ),
        # a middle initial of a Latin-script name ends no sentence; an abbreviated Vietnamese name still may
        (
            "Tổng thống George W. Bush phát biểu hôm qua. Ông John F. Kennedy từng nói vậy.",
            ["Tổng thống George W. Bush phát biểu hôm qua.", "Ông John F. Kennedy từng nói vậy."],
        ),
        ("Tôi gặp anh Nguyễn Văn H. Anh ấy cười.", ["Tôi gặp anh Nguyễn Văn H.", "Anh ấy cười."]),
        # dates
        (
            "Chiều 5/2, Tổng Bí thư Tô Lâm hội kiến Thủ tướng Lào. Hai bên nhất trí.",
            ["Chiều 5/2, Tổng Bí thư Tô Lâm hội kiến Thủ tướng Lào.", "Hai bên nhất trí."],
        ),
        (
            "Hai Bộ trưởng đồng chủ trì Tham vấn từ ngày 16-18/12/2024. Tại cuộc Tham vấn hôm nay (16/12), "
            "hai bên đánh giá kết quả hợp tác.",
            [
                "Hai Bộ trưởng đồng chủ trì Tham vấn từ ngày 16-18/12/2024.",
                "Tại cuộc Tham vấn hôm nay (16/12), hai bên đánh giá kết quả hợp tác.",
            ],
        ),
        (
            "Ngày 5.2.2026, hai bên ký kết văn kiện. Sau đó, hai bên họp báo.",
            ["Ngày 5.2.2026, hai bên ký kết văn kiện.", "Sau đó, hai bên họp báo."],
        ),
        # abbreviations
        (
            "Ngày 5/2 tại TP.HCM, ông A nói: “Tốt”. Hai bên nhất trí.",
            ["Ngày 5/2 tại TP.HCM, ông A nói: “Tốt”.", "Hai bên nhất trí."],
        ),
        (
            "Hội nghị diễn ra tại TP. Hồ Chí Minh. Hai bên nhất trí.",
            ["Hội nghị diễn ra tại TP. Hồ Chí Minh.", "Hai bên nhất trí."],
        ),
        (
            "Hội nghị diễn ra tại Tp.Hồ Chí Minh. Hai bên nhất trí.",
            ["Hội nghị diễn ra tại Tp.Hồ Chí Minh.", "Hai bên nhất trí."],
        ),
        (
            "Quan hệ Việt Nam - Lào P.V • 09/10/2024 06:27 Thủ tướng Phạm Minh Chính nhấn mạnh. Hai bên nhất trí.",
            ["Quan hệ Việt Nam - Lào P.V • 09/10/2024 06:27 Thủ tướng Phạm Minh Chính nhấn mạnh.", "Hai bên nhất trí."],
        ),
        (
            "TS. Nguyễn Văn Bình cho biết hai bên đã nhất trí. Hội nghị kết thúc.",
            ["TS. Nguyễn Văn Bình cho biết hai bên đã nhất trí.", "Hội nghị kết thúc."],
        ),
        (
            "Theo TS. Nguyễn Văn Bình, PGS.TS. Trần Văn An và ThS. Lê Thị Hoa, hợp tác rất tốt. Hội nghị kết thúc.",
            [
                "Theo TS. Nguyễn Văn Bình, PGS.TS. Trần Văn An và ThS. Lê Thị Hoa, hợp tác rất tốt.",
                "Hội nghị kết thúc.",
            ],
        ),
        # quotations
        (
            "Ông A nói: “Hợp tác là nòng cốt.” Hai bên nhất trí.",
            ["Ông A nói: “Hợp tác là nòng cốt.”", "Hai bên nhất trí."],
        ),
        (
            "Hai bên nhất trí. “Đây là nòng cốt”, ông A nói.",
            ["Hai bên nhất trí.", "“Đây là nòng cốt”, ông A nói."],
        ),
        (
            "“Trong quan hệ Việt Nam - Lào, quan hệ chính trị là nòng cốt”. - Thủ tướng nêu rõ. "
            "Phân tích thêm, Thủ tướng nhấn mạnh cần tăng cường kết nối.",
            [
                "“Trong quan hệ Việt Nam - Lào, quan hệ chính trị là nòng cốt”. - Thủ tướng nêu rõ.",
                "Phân tích thêm, Thủ tướng nhấn mạnh cần tăng cường kết nối.",
            ],
        ),
        (
            "“Hợp tác giáo dục là vấn đề chiến lược”. – Thủ tướng nêu rõ.",
            ["“Hợp tác giáo dục là vấn đề chiến lược”. – Thủ tướng nêu rõ."],
        ),
        # ellipsis
        (
            "Trồng thí điểm tre, quế… và nhiều loại cây khác. Hai bên nhất trí.",
            ["Trồng thí điểm tre, quế… và nhiều loại cây khác.", "Hai bên nhất trí."],
        ),
        (
            "Trồng thí điểm tre, quế... và nhiều loại cây khác. Hai bên nhất trí.",
            ["Trồng thí điểm tre, quế... và nhiều loại cây khác.", "Hai bên nhất trí."],
        ),
        (
            "Trồng thí điểm tre Bát Độ, quế… Báo cáo về các hoạt động hợp tác.",
            ["Trồng thí điểm tre Bát Độ, quế…", "Báo cáo về các hoạt động hợp tác."],
        ),
        # scraped text without a space after the full stop
        (
            "Hai bên sẽ hợp tác trong năm tới.Theo ông Cường, quan hệ rất tốt.",
            ["Hai bên sẽ hợp tác trong năm tới.", "Theo ông Cường, quan hệ rất tốt."],
        ),
        (
            "Quan hệ hai nước rất đặc biệt.Đây là tài sản chung.",
            ["Quan hệ hai nước rất đặc biệt.", "Đây là tài sản chung."],
        ),
        # other end marks; a lower-case word does not open a sentence
        (
            "Tại sao? Vì hai bên tin cậy! Hai bên nhất trí.",
            ["Tại sao?", "Vì hai bên tin cậy!", "Hai bên nhất trí."],
        ),
        (
            "Hai bên nhất trí. và sau đó ký kết.",
            ["Hai bên nhất trí. và sau đó ký kết."],
        ),
        # white space around sentences is left out
        ("  Hai bên nhất trí.   Ba bên đồng ý.  ", ["Hai bên nhất trí.", "Ba bên đồng ý."]),
        ("Hai bên nhất trí", ["Hai bên nhất trí"]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_split_sentences(text, expected):
    assert pieces(text) == expected


def test_offsets_point_into_the_text():
    text = "Tiêu đề\nHai bên nhất trí. Ba bên đồng ý.\nCuối"
    a = text.index("Hai")
    b = text.index("\nCuối")
    spans = split_sentences(text, a, b)
    assert spans == [(a, a + len("Hai bên nhất trí.")), (text.index("Ba"), b)]


LONG_LINE = (
    "Chính trị là nòng cốt trong quan hệ Việt Nam - Lào P.V • 09/10/2024 06:27 Thủ tướng Phạm Minh Chính "
    "nhấn mạnh tại buổi gặp gỡ chiều 8/10. "
    "Trong 8 tháng năm 2024, kim ngạch đạt 1,3 tỷ USD, tăng 24% so với cùng kỳ năm 2023. "
    "Kim ngạch xuất khẩu đạt 429,5 triệu USD, tăng 20,7%. "
    "Hiện có khoảng 100.000 kiều bào Việt Nam đang sinh sống tại Lào. "
    "Bà Phúc đề nghị trồng thí điểm một số cây như tre Bát Độ, quế… "
    "Báo cáo về các hoạt động hợp tác, Thiếu tướng Đào Xuân Lân cho biết Bộ Công an đang triển khai 2 dự án. "
    "“Trong quan hệ Việt Nam - Lào, quan hệ chính trị là nòng cốt”. - Thủ tướng nêu rõ. "
    'Thủ tướng cũng nêu rõ, "hợp tác giáo dục với Lào là vấn đề chiến lược, lâu dài". '
    "Ngày 8/4/2024, Bộ trưởng Nguyễn Hồng Diên đã ký Hiệp định Thương mại Việt Nam - Lào mới."
)


def test_long_single_line():
    assert "\n" not in LONG_LINE
    assert pieces(LONG_LINE) == [
        "Chính trị là nòng cốt trong quan hệ Việt Nam - Lào P.V • 09/10/2024 06:27 Thủ tướng Phạm Minh Chính "
        "nhấn mạnh tại buổi gặp gỡ chiều 8/10.",
        "Trong 8 tháng năm 2024, kim ngạch đạt 1,3 tỷ USD, tăng 24% so với cùng kỳ năm 2023.",
        "Kim ngạch xuất khẩu đạt 429,5 triệu USD, tăng 20,7%.",
        "Hiện có khoảng 100.000 kiều bào Việt Nam đang sinh sống tại Lào.",
        "Bà Phúc đề nghị trồng thí điểm một số cây như tre Bát Độ, quế…",
        "Báo cáo về các hoạt động hợp tác, Thiếu tướng Đào Xuân Lân cho biết Bộ Công an đang triển khai 2 dự án.",
        "“Trong quan hệ Việt Nam - Lào, quan hệ chính trị là nòng cốt”. - Thủ tướng nêu rõ.",
        'Thủ tướng cũng nêu rõ, "hợp tác giáo dục với Lào là vấn đề chiến lược, lâu dài".',
        "Ngày 8/4/2024, Bộ trưởng Nguyễn Hồng Diên đã ký Hiệp định Thương mại Việt Nam - Lào mới.",
    ]


def test_long_single_line_repeated():
    # Forty copies on one line: nine sentences each, none lost at the joins.
    text = " ".join([LONG_LINE] * 40)
    spans = split_sentences(text)
    assert len(spans) == 9 * 40
    assert all(text[a:b] == text[a:b].strip() and b > a for a, b in spans)
    assert " ".join(text[a:b] for a, b in spans) == text
