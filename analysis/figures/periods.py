"""Periods that aggregate dated documents: day, week, month, quarter or year, chosen from the span.

A figure drawn for a few documents shows each date; for a corpus of years it shows one mark per
period. :func:`choose_period` picks the finest period that keeps the marks countable.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["PERIODS", "MAX_PERIODS", "choose_period", "period_labels", "period_starts", "all_periods"]

#: From finest to coarsest.
PERIODS = ("day", "week", "month", "quarter", "year")
#: The most periods a figure draws along its time axis.
MAX_PERIODS = 60
_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}


def _label(period: pd.Period, name: str) -> str:
    if name == "week":
        return period.start_time.strftime("%Y-%m-%d")  # the Monday that starts it
    if name == "quarter":
        return f"{period.year}-Q{period.quarter}"
    return str(period)


def all_periods(first: str, last: str, name: str) -> list[str]:
    """Labels of every ``name`` period from the one holding ``first`` to the one holding ``last`` (ISO dates)."""
    return [_label(p, name) for p in pd.period_range(pd.Period(first, _FREQ[name]), pd.Period(last, _FREQ[name]))]


def choose_period(dates: Iterable[str], *, max_periods: int = MAX_PERIODS, finest: str = "day") -> str:
    """The finest period, not finer than ``finest``, whose span from the first to the last of
    ``dates`` (ISO strings; empty ones ignored) counts at most ``max_periods`` periods.

    >>> [choose_period(span) for span in (["2024-01-01", "2024-01-20"], ["2020-01-01", "2024-12-31"],
    ...                                   ["2000-01-01", "2024-12-31"])]
    ['day', 'month', 'year']
    """
    dated = sorted(d for d in dates if d)
    if not dated:
        return finest
    for name in PERIODS[PERIODS.index(finest) :]:
        if len(all_periods(dated[0], dated[-1], name)) <= max_periods:
            return name
    return "year"


def period_labels(dates: pd.Series, name: str) -> pd.Series:
    """The ``name`` period of each ISO date of ``dates`` (empty dates give empty labels)."""
    out = pd.Series("", index=dates.index, dtype=object)
    dated = dates != ""
    if dated.any():
        periods = pd.PeriodIndex(pd.to_datetime(dates[dated]), freq=_FREQ[name])
        out[dated] = [_label(p, name) for p in periods]
    return out


def period_starts(dates: pd.Series, name: str) -> pd.Series:
    """The first day (ISO) of the ``name`` period of each ISO date of ``dates`` (all dated)."""
    starts = pd.PeriodIndex(pd.to_datetime(dates), freq=_FREQ[name]).start_time.strftime("%Y-%m-%d")
    return pd.Series(starts, index=dates.index, dtype=object)
