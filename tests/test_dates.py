"""Dates in headers, bylines and running text (analysis/dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.reading.dates import HEADER, byline_date, context_year, first_full_date, is_byline, lead_date, parse_iso


@pytest.mark.parametrize(
    "text, expected, matched",
    [
        (
            "Chính trị là nòng cốt trong quan hệ Việt Nam - Lào P.V • 09/10/2024 06:27 Thủ tướng Phạm Minh Chính",
            dt.date(2024, 10, 9),
            "09/10/2024 06:27",
        ),
        ("P.V • 09/10/2024 06:27", dt.date(2024, 10, 9), "09/10/2024 06:27"),
        ("Thứ tư, 09/10/2024, 6h27 (GMT+7)", dt.date(2024, 10, 9), "09/10/2024, 6h27"),
        ("Cập nhật 9/10/2024 Hà Nội", dt.date(2024, 10, 9), "9/10/2024"),
        ("Hà Nội, ngày 5 tháng 2 năm 2026", dt.date(2026, 2, 5), "ngày 5 tháng 2 năm 2026"),
        ("ngày 15 tháng 12 năm 2024 tại Viêng Chăn", dt.date(2024, 12, 15), "ngày 15 tháng 12 năm 2024"),
        ("NGÀY 5 THÁNG 2 NĂM 2026", dt.date(2026, 2, 5), "NGÀY 5 THÁNG 2 NĂM 2026"),
        ("29/02/2024 10:00", dt.date(2024, 2, 29), "29/02/2024 10:00"),
        # an impossible date is passed over for the next valid one
        ("31/02/2024 rồi 01/03/2024", dt.date(2024, 3, 1), "01/03/2024"),
    ],
)
def test_byline_date(text, expected, matched):
    found = byline_date(text)
    assert found is not None
    date, match = found
    assert date == expected
    assert match.group() == matched


@pytest.mark.parametrize(
    "text",
    [
        "từ ngày 16-18/12/2024",  # the second half of a range is not a byline date
        "từ ngày 16–18/12/2024",
        "16-18/12/2024",
        "31/02/2024",  # no 31 February
        "29/02/2023",  # not a leap year
        "30/2/2024",
        "1/13/2024",  # no 13th month
        "00/10/2024",
        "ngày 31 tháng 4 năm 2025",
        "ngày 30 tháng 2 năm 2024",
        "Chiều 5/2, tại Hà Nội",  # no year
        "(16/12)",
        "09/10/20241",  # not a four-digit year
        "12/09/10/2024",
        "nhiệm kỳ 2021 - 2025",
        "",
    ],
)
def test_no_byline_date(text):
    assert byline_date(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("đồng chủ trì Tham vấn từ ngày 16-18/12/2024.", dt.date(2024, 12, 16)),
        ("từ ngày 16–18/12/2024", dt.date(2024, 12, 16)),
        ("từ 16 - 18/12/2024", dt.date(2024, 12, 16)),
        ("ngày 05-02-2026", dt.date(2026, 2, 5)),
        ("05-02-2026", dt.date(2026, 2, 5)),
        ("Ngày 8/4/2024, Bộ trưởng Nguyễn Hồng Diên đã ký", dt.date(2024, 4, 8)),
        ("Hà Nội, ngày 5 tháng 2 năm 2026", dt.date(2026, 2, 5)),
        ("Hôm nay (16/12), ngày 16/12/2024", dt.date(2024, 12, 16)),
        ("Chiều 5/2/2026, trong cuộc hội kiến", dt.date(2026, 2, 5)),
        ("31/02/2024 và 01/03/2024", dt.date(2024, 3, 1)),
        ("Tổng kết nhiệm kỳ 2021 - 2025, ngày 8/10/2024", dt.date(2024, 10, 8)),
    ],
)
def test_first_full_date(text, expected):
    assert first_full_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Chiều 5/2, trong cuộc hội kiến",  # day and month only
        "Tham vấn hôm nay (16/12)",
        "nhiệm kỳ hợp tác 2021 - 2025",
        "nhiệm kỳ hợp tác 2021-2025",
        "31/02/2024",
        "31-02-2024",
        "ngày 31 tháng 4 năm 2025",
        "tăng 28,26%, đạt 6,21 tỷ USD",
        "",
    ],
)
def test_no_full_date(text):
    assert first_full_date(text) is None


@pytest.mark.parametrize(
    "line, date, title",
    [
        (
            " date 2025-12-02 Việt Nam - Lào củng cố quan hệ đặc biệt",
            "2025-12-02",
            "Việt Nam - Lào củng cố quan hệ đặc biệt",
        ),
        (
            "date 2026-02-05 Việt - Lào sẽ chuyển từ hợp tác tốt sang hợp tác hiệu quả",
            "2026-02-05",
            "Việt - Lào sẽ chuyển từ hợp tác tốt sang hợp tác hiệu quả",
        ),
        ("\ufeffdate 2025-12-02 Title", "2025-12-02", "Title"),
        ("\tdate\t2025-12-02\tTitle", "2025-12-02", "Title"),
        ("Date 2025-12-02 Title", "2025-12-02", "Title"),
        ("DATE 2025-12-02 Title", "2025-12-02", "Title"),
        ("date 2025-12-02", "2025-12-02", ""),
        ("date 2025-12-02   Title", "2025-12-02", "Title"),
    ],
)
def test_header(line, date, title):
    match = HEADER.match(line)
    assert match is not None
    assert match.group(1) == date
    assert match.group(2) == title


@pytest.mark.parametrize(
    "line",
    [
        "update 2025-12-02 Title",
        "dated 2025-12-02 Title",
        "date: 2025-12-02 Title",
        "date 2025-12-2 Title",
        "date 02/12/2025 Title",
        "date 2025-12-021 Title",
        "Việt Nam date 2025-12-02",
        "date2025-12-02 Title",
    ],
)
def test_not_a_header(line):
    assert HEADER.match(line) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-12-02", dt.date(2025, 12, 2)),
        (" 2025-12-02 ", dt.date(2025, 12, 2)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("2025-02-29", None),
        ("2025-13-01", None),
        ("", None),
        ("02/12/2025", None),
    ],
)
def test_parse_iso(value, expected):
    assert parse_iso(value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("P.V • 09/10/2024 06:27 Thủ tướng nhấn mạnh", True),  # a time follows
        ("Thứ Hai, 05/02/2025", True),
        ("Cập nhật: 05/02/2025", True),
        ("Tiêu đề\n05/02/2025\nNội dung", True),  # alone on its line
        ("Hà Nội, ngày 5 tháng 2 năm 2026\nNội dung", True),  # a dateline on its own line
        ("Ngày 30/4/1975 là ngày thống nhất đất nước", False),
        ("Kỷ niệm 30/4/1975 - 30/4/2025 tại Hà Nội", False),
        ("Đoạn sau, ngày 1/1/2020.", False),  # a sentence that ends on a date
    ],
)
def test_is_byline(text, expected):
    found = byline_date(text)
    assert found is not None
    assert is_byline(text, found[1]) is expected


@pytest.mark.parametrize(
    "sentence, year, expected",
    [
        ("Hà Nội, ngày 5/2/2025, Thủ tướng tiếp Đại sứ.", None, dt.date(2025, 2, 5)),
        ("(TTXVN) Chiều 5/2, hai bên hội đàm.", 2025, dt.date(2025, 2, 5)),
        ("Sáng 16/12, hai bên ký kết.", 2024, dt.date(2024, 12, 16)),
        ("Sáng 16/12, hai bên ký kết.", None, None),  # no year to be had
        ("Hai bên gặp nhau từ ngày 16-18/12/2024.", None, dt.date(2024, 12, 16)),
        ("Hai bên gặp nhau từ ngày 16-18/12.", 2024, dt.date(2024, 12, 16)),
        ("Đúng ngày 30/4/1975, quân giải phóng tiến vào.", None, None),  # history in the lead
        ("Ngày 19/8/1945, nhân dân giành chính quyền.", 2025, None),  # opens on history
        ("Ngày 19/8/2025, lễ kỷ niệm diễn ra.", 2025, dt.date(2025, 8, 19)),
        ("Chiều 31/2, hai bên hội đàm.", 2025, None),  # no such day
    ],
)
def test_lead_date(sentence, year, expected):
    assert lead_date(sentence, year) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kỷ niệm 3/2/1930 - 3/2/2004 và ngày 5-2-2005", 2005),
        ("ngày 1 tháng 2 năm 2007, kỷ niệm 19/8/1945", 2007),
        ("Chiều 5/2, nhiệm kỳ 2021 - 2025", None),  # years of a term are no full date
    ],
)
def test_context_year(text, expected):
    assert context_year(text) == expected
