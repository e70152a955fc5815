"""Dates written in Vietnamese news text: headers, bylines and the article's own date in its lead.

A date found in the first lines is a byline date only when it has the shape of one
(:func:`is_byline`); a date in the body is the article's own only when it opens the lead
as a dateline or an event time, or gives the span of the event in the lead's first
sentence (:func:`lead_date`). Any other date the text mentions (``30/4/1975``) is history,
not the article's date.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["HEADER", "BYLINE", "parse_iso", "byline_date", "is_byline", "first_full_date", "lead_date", "context_year"]

HEADER = re.compile(r"[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)", re.IGNORECASE)

# A byline date: 09/10/2024, optionally followed by a time (06:27, 6h27), or
# "ngày 9 tháng 10 năm 2024". Never the second half of a range such as 16-18/12/2024.
BYLINE = re.compile(
    r"(?<![\d/.\-–])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])(?:,?\s+\d{1,2}[:h]\d{2}(?:\s*(?:AM|PM|GMT\+7))?)?"
    r"|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})",
    re.IGNORECASE,
)

# A full date in running text: 5/2/2026, 16-18/12/2024 (the first day), 05-02-2026,
# "ngày 5 tháng 2 năm 2026".
_BODY = re.compile(
    r"(?<![\d/.])(?P<d>\d{1,2})(?:\s*[-–]\s*\d{1,2})?/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])"
    r"|(?<![\d-])(?P<d3>\d{1,2})-(?P<m3>\d{1,2})-(?P<y3>\d{4})(?![\d-])"
    r"|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})",
    re.IGNORECASE,
)


def parse_iso(value: str) -> dt.date | None:
    """``YYYY-MM-DD`` as a date, or None if it is not a real date."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _date_of(match: re.Match[str]) -> dt.date | None:
    return _with_year(match, None)


def byline_date(text: str, *, window: int | None = None, shaped: bool = False) -> tuple[dt.date, re.Match[str]] | None:
    """The first valid byline date in ``text`` (in its first ``window`` characters) and its match;
    with ``shaped``, the first that also has the shape of a byline (:func:`is_byline`)."""
    for match in BYLINE.finditer(text, 0, len(text) if window is None else window):
        date = _date_of(match)
        if date is not None and (not shaped or is_byline(text, match)):
            return date, match
    return None


def first_full_date(text: str) -> dt.date | None:
    """The first valid full date (day, month and year) in ``text``.

    >>> first_full_date("đồng chủ trì Tham vấn từ ngày 16-18/12/2024.")
    datetime.date(2024, 12, 16)
    """
    for match in _BODY.finditer(text):
        date = _date_of(match)
        if date is not None:
            return date
    return None


# What may stand before a byline date on its line: nothing, a weekday, a label ("Cập nhật:"),
# a time, or anything up to a byline separator ("P.V • ").
_BYLINE_BEFORE = re.compile(
    r"(?:.*[•|·]\s*)?"
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn|t[2-7]|cập\s+nhật(?:\s+lúc)?|đăng(?:\s+lúc|\s+ngày)?"
    r"|ngày\s+đăng|xuất\s+bản|updated?|posted|published|\d{1,2}[:h]\d{2})\s*[:,\-–]?\s*)*\Z",
    re.IGNORECASE,
)
# A dateline on a line of its own: a place and "ngày" at most before the date ("Hà Nội, ngày ...").
_DATELINE_BEFORE = re.compile(r"\s*(?:(?-i:[A-ZĐ][\w.]*(?:\s+[A-ZĐ][\w.]*){0,3}),\s*)?(?:ngày\s*)?\Z", re.IGNORECASE)


def is_byline(text: str, match: re.Match[str]) -> bool:
    """Whether a :data:`BYLINE` match in ``text`` has the shape of a byline, not of a date in a sentence.

    It does when a time follows the date (``05/02/2025 10:00 GMT+7``); when only a weekday,
    a label, a time or a byline separator stands before it on its line (``Thứ Hai, 05/02/2025``,
    ``Cập nhật: 05/02/2025``, ``P.V • 09/10/2024``) and little follows it there; or when it
    is a dateline on a line of its own (``Hà Nội, ngày 5 tháng 2 năm 2026``).

    >>> text = "Kỷ niệm 30/4/1975 - 30/4/2025 tại Hà Nội"
    >>> is_byline(text, BYLINE.search(text))
    False
    """
    if re.search(r"\d[:h]\d", match.group()):
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start : match.start()], text[match.end() : line_end].strip(" \t,;|•·-–—()")
    if _BYLINE_BEFORE.match(before) and len(after) <= 30:
        return True
    return not after and _DATELINE_BEFORE.match(before) is not None


_DAY_MONTH = (
    r"(?P<d>\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?(?![\d/])"
    r"|(?P<d3>\d{1,2})-(?P<m3>\d{1,2})-(?P<y3>\d{4})(?![\d-])"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>\d{4}))?(?!\d)"
)
# The opening of a lead that dates the article: a source marker ("TPO -", "(TTXVN)"), a place
# ("Hà Nội, "), a time of day or "ngày", in that order, then the date. A place, a time word or
# "ngày" must be there: a bare date opening the lead may be a date in history.
_LEAD_OPENING = re.compile(
    r"\s*(?:\(\s*[^()\n]{1,30}\)\s*[-–—:]?\s*|(?-i:[A-ZĐ]{2,10}(?:\.[A-Za-z]{2,3})?)\s*[-–—]\s*)?"
    r"(?:(?P<place>(?-i:[A-ZĐÂ][\w.]*(?:\s+[A-ZĐÂ][\w.]*){0,3}))\s*(?:\(\s*[^()\n]{1,30}\)\s*)?[,\-–—]\s*)?"
    r"(?:(?P<when>(?:vào\s+)?(?:rạng\s+sáng|sáng|chiều|tối|trưa|đêm|hôm\s+nay|hôm\s+qua)(?:\s+(?:nay|qua))?)"
    r"\s*[,(]?\s*)?(?P<ngay>ngày\s+)?(?:" + _DAY_MONTH + ")",
    re.IGNORECASE,
)
# After "Ngày 8/4/2024" a dateline ends its clause ("Ngày 8/4/2024, Bộ trưởng ..."); a sentence
# about the date goes on ("Ngày 30/4/1975 là ...").
_CLAUSE_END = re.compile(r"\s*(?:[,:;(]|[-–—]\s)")
# The span of the event in the lead's first sentence: "từ ngày 16-18/12/2024".
_LEAD_SPAN = re.compile(
    r"\btừ\s+(?:ngày\s+)?(?P<d>\d{1,2})\s*[-–]\s*\d{1,2}\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?(?![\d/])",
    re.IGNORECASE,
)
_YEAR = re.compile(
    r"(?<![\d/.\-])\d{1,2}\s*/\s*\d{1,2}\s*/\s*(\d{4})(?!\d)|(?<!\d)\d{1,2}-\d{1,2}-(\d{4})(?!\d)"
    r"|tháng\s+\d{1,2}\s+năm\s+(\d{4})(?!\d)",
    re.IGNORECASE,
)


def context_year(text: str) -> int | None:
    """The latest year of a full date in ``text`` (the top of an article): the year that a
    lead's ``Chiều 5/2`` belongs to. The latest, because the dates an article mentions from
    history are older than the article."""
    years = [int(y) for m in _YEAR.finditer(text) for y in m.groups() if y]
    return max(years) if years else None


def lead_date(sentence: str, year: int | None = None) -> dt.date | None:
    """The article's own date, from the first sentence of its lead, or None.

    Taken only from a dateline or an event time opening the sentence (``Hà Nội, ngày
    5/2/2025``, ``(TTXVN) Chiều 5/2``, ``Sáng 16/12,``, ``Ngày 8/4/2024,`` with its comma) or the span
    of the event in it (``từ ngày 16-18/12/2024``: the first day). A date without its year takes ``year``
    (see :func:`context_year`); without either it stays unknown. A date mentioned anywhere
    else (``30/4/1975`` in the middle of the lead) is never taken, nor one that opens the lead
    but is more than a year older than ``year`` (a lead that opens on history).

    >>> lead_date("Chiều 5/2, Tổng Bí thư hội kiến Thủ tướng Lào.", 2026)
    datetime.date(2026, 2, 5)
    >>> lead_date("Đúng ngày 30/4/1975, quân giải phóng tiến vào Sài Gòn.") is None
    True
    """
    opening = _LEAD_OPENING.match(sentence)
    if opening and (
        opening.group("place")
        or opening.group("when")
        or (opening.group("ngay") and _CLAUSE_END.match(sentence, opening.end()))
    ):
        found = opening
    else:
        found = _LEAD_SPAN.search(sentence)
    date = _with_year(found, year) if found else None
    if date and year and date.year < year - 1:  # "Ngày 19/8/1945, ..." in an article of 2025
        return None
    return date


def _with_year(match: re.Match[str], year: int | None) -> dt.date | None:
    """The date of a match of day, month and (optional) year groups, ``year`` if it has none."""
    groups = match.groupdict()
    for suffix in ("", "2", "3"):
        if groups.get("d" + suffix):
            y = groups.get("y" + suffix) or year
            if y is None:
                return None
            try:
                return dt.date(int(y), int(groups["m" + suffix]), int(groups["d" + suffix]))
            except ValueError:
                return None
    return None
