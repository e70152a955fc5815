"""Dates written in Vietnamese news text: headers, bylines and the first full date of the body."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["HEADER", "BYLINE", "parse_iso", "byline_date", "first_full_date"]

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
    groups = match.groupdict()
    for suffix in ("", "2", "3"):
        if groups.get("d" + suffix):
            try:
                return dt.date(*(int(groups[k + suffix]) for k in "ymd"))
            except ValueError:
                return None
    return None


def byline_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first valid byline date in ``text`` and its match."""
    for match in BYLINE.finditer(text):
        date = _date_of(match)
        if date is not None:
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
