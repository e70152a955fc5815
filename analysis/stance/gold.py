"""Agreement of extracted statements with a hand-annotated gold file (``stance --gold FILE``).

A gold row and an extracted statement match when they have

* the same ``doc_id``;
* the same sentence: by ``sentence_id`` when the gold file has that column, else by
  ``sentence_text``. Annotators split sentences by hand, so a gold sentence is located in its
  document by its folded tokens (case, tone placement, spaces and dashes do not matter) and
  matches every extracted sentence whose span overlaps it: one holds the other, or they share
  the cue's place. A gold text that is nowhere in its document verbatim falls back to the
  sentence(s) sharing at least half of its 4-token shingles;
* the same ``stance``;
* the same actor after folding, or one actor's folded syllables a contiguous run of the other's,
  whole syllables only, initials joined by dots taken apart (``Rumsfeld`` matches ``Donald H. Rumsfeld``
  and ``Salazar`` matches ``M.Salazar``, ``Bộ Ngoại giao`` matches
  ``Bộ Ngoại giao Chile``; ``Bộ Ngoại giao``
  does not match ``Bộ Ngoại thương``). A country's name inside a body's or a medium's name, after
  its first word and before its last, qualifies it and is left out of that comparison:
  ``Hãng thông tấn Mỹ AP`` matches ``Hãng thông tấn AP`` (the rules write bodies and media as
  written, and annotators differ on whether such a country is part of the name); a country that
  ends the name stays (``Bộ Ngoại giao Mỹ`` does not match ``Bộ Ngoại giao Trung Quốc``).

Each gold row is matched at most once, exact actors first. Precision counts every statement
extracted from the documents in scope (by default all documents given), so statements found
in an article without gold rows count as spurious.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..reading.layout import Document
from ..text.vietnamese import normalize, syllables, token_keys

__all__ = ["read_gold", "read_sample", "gold_agreement", "AGREEMENT_COLUMNS", "MISSES_COLUMNS"]

AGREEMENT_COLUMNS = ["stance", "gold", "extracted", "matched", "precision", "recall"]
MISSES_COLUMNS = ["kind", "doc_id", "sentence", "actor", "cue", "stance"]


def _read_csv(path: str | Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except OSError as e:
        raise InputError(str(path), e.strerror or "cannot be read") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise InputError(str(path), f"not a UTF-8 CSV table ({str(e).splitlines()[0]})") from None


def read_sample(path: str | Path) -> set[str]:
    """The ``doc_id`` column of a CSV file: the documents a gold file was annotated in."""
    sample = _read_csv(path)
    if "doc_id" not in sample.columns:
        raise InputError(str(path), "missing column 'doc_id'")
    return set(sample["doc_id"])


def read_gold(path: str | Path) -> pd.DataFrame:
    """A gold CSV with at least ``doc_id, actor, stance`` and ``sentence_id`` or ``sentence_text``."""
    from .extract import STANCES

    where = str(path)
    gold = _read_csv(path)
    missing = [c for c in ("doc_id", "actor", "stance") if c not in gold.columns]
    if not {"sentence_id", "sentence_text"} & set(gold.columns):
        missing.append("sentence_id or sentence_text")
    if missing:
        raise InputError(
            where,
            f"missing column {missing[0]!r} (a gold file needs doc_id, actor, stance and sentence_id or sentence_text)",
        )
    for i, row in enumerate(gold.itertuples(index=False), start=2):
        if row.stance not in STANCES:
            raise InputError(f"{where}: line {i}", f"unknown stance class {row.stance!r}")
        if "sentence_text" not in gold.columns and not str(row.sentence_id).isdigit():
            raise InputError(f"{where}: line {i}", f"sentence_id {row.sentence_id!r} is not a whole number")
    if "sentence_id" in gold.columns and "sentence_text" not in gold.columns:
        gold["sentence_id"] = gold["sentence_id"].astype(int)
    if "cue" not in gold.columns:
        gold["cue"] = ""
    # Annotators copy the file as it is; documents are read with HTML entities decoded (``&amp;``).
    for column in ("actor", "sentence_text"):
        if column in gold.columns:
            gold[column] = gold[column].map(lambda v: html.unescape(v) if isinstance(v, str) else v)
    return gold


class _Sentences:
    """A document's sentences as folded token runs, to place a hand-copied sentence among them."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.spans, parts, at = {}, [], 0
        for s in doc.sentences:
            keys = " ".join(token_keys(normalize(doc.text[s.start : s.end])))
            self.spans[s.index] = (at, at + len(keys))
            parts.append(keys)
            at += len(keys) + 1
        self.folded = " ".join(parts)

    def text(self, index) -> str:
        s = next((s for s in self.doc.sentences if s.index == index), None)
        return self.doc.text[s.start : s.end].strip() if s else ""

    def locate(self, sentence_text: str) -> frozenset:
        """Indices of the sentences that overlap ``sentence_text``."""
        keys = token_keys(normalize(sentence_text))
        wanted = " ".join(keys)
        start = self.folded.find(wanted) if wanted else -1
        if start >= 0:
            end = start + len(wanted)
            return frozenset(i for i, (a, b) in self.spans.items() if a < end and start < b)
        shingles = _shingles(keys)
        found = set()
        for i, (a, b) in self.spans.items():
            own = _shingles(self.folded[a:b].split(" "))
            shared = shingles & own
            if shingles and len(shared) * 2 >= len(shingles):
                found.add(i)
            elif len(own) >= 2 and len(shared) * 2 >= len(own) * 1.5:
                found.add(i)  # a sentence three quarters inside a gold text that runs a headline into its lead
        return frozenset(found)


def _shingles(keys: list[str], n: int = 4) -> set:
    return {tuple(keys[i : i + n]) for i in range(max(1, len(keys) - n + 1))}


@lru_cache(maxsize=1)
def _countries() -> frozenset[tuple[str, ...]]:
    """The countries of the actor lexicon, as folded syllable runs."""
    from .. import config
    from ..tomldata import read_toml

    words = read_toml(config.DATA / "actor_words.toml", "actor lexicon")["countries"]["words"]
    return frozenset(tuple(syllables(w)) for w in words)


def _without_countries(keys: list[str]) -> list[str]:
    """``keys`` with the countries named between its first and its last word left out (``hãng thông tấn
    mỹ ap`` -> ``hãng thông tấn ap``; ``bộ ngoại giao mỹ`` stays as it is)."""
    out, i = keys[:1], 1
    while i < len(keys):
        n = next((len(c) for c in _countries() if tuple(keys[i : i + len(c)]) == c and i + len(c) < len(keys)), 0)
        out += keys[i : i + 1] if not n else []
        i += n or 1
    return out


def _contains(a: list[str], b: list[str]) -> bool:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def _same_actor(found: str, gold: str, *, exact: bool) -> bool:
    a, b = syllables(found), syllables(gold)  # folded, punctuation left out: "viên," is "viên"
    if exact or a == b:
        return a == b
    a, b = _initials_apart(a), _initials_apart(b)
    return _contains(a, b) or _contains(_without_countries(a), _without_countries(b))


def _initials_apart(keys: list[str]) -> list[str]:
    """``keys`` with a name's initials joined to it by dots taken apart, as if spaced (``m.salazar`` ->
    ``m``, ``salazar``; ``n.m`` -> ``n``, ``m``), so that ``Salazar`` is a whole-syllable run of ``M.Salazar``
    as it is of ``M. Salazar``; numbers (``2.885``) stay whole."""
    return [part for key in keys for part in (key.split(".") if not any(c.isdigit() for c in key) else [key]) if part]


def gold_agreement(
    found: pd.DataFrame, gold: pd.DataFrame, documents: list[Document]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agreement of ``found`` statements (``stance`` output) with ``gold`` rows (:func:`read_gold`).

    Parameters
    ----------
    found : DataFrame
        Statements extracted from ``documents``; those of other documents are ignored.
    gold : DataFrame
        The gold rows; every ``doc_id`` must be one of ``documents``.
    documents : list of Document
        The documents in scope: statements found in any of them count for precision.

    Returns
    -------
    agreement : DataFrame
        ``stance, gold, extracted, matched, precision, recall``: one row per stance class, then ``all``
        (precision or recall is empty where nothing was extracted or annotated).
    misses : DataFrame
        ``kind`` (``missed`` or ``spurious``), ``doc_id, sentence, actor, cue, stance``.
    """
    from .extract import STANCES

    docs = {d.doc_id: _Sentences(d) for d in documents}
    unknown = sorted(set(gold["doc_id"]) - set(docs))
    if unknown:
        raise InputError("gold file", f"doc_id {unknown[0]!r} is not in the corpus")
    by_text = "sentence_text" in gold.columns
    gold_rows = []
    for row in gold.itertuples(index=False):
        where = docs[row.doc_id].locate(row.sentence_text) if by_text else frozenset({int(row.sentence_id)})
        gold_rows.append((row, where))
    found = found[found["doc_id"].isin(docs)].reset_index(drop=True)
    taken: set[int] = set()
    hit_found: set[int] = set()
    by_doc: dict[str, list[int]] = {}
    for g, (row, _) in enumerate(gold_rows):
        by_doc.setdefault(row.doc_id, []).append(g)
    for exact in (True, False):
        for f in found.itertuples():
            if f.Index in hit_found:
                continue
            for g in by_doc.get(f.doc_id, ()):
                row, where = gold_rows[g]
                if (
                    g not in taken
                    and row.stance == f.stance
                    and f.sentence_id in where
                    and _same_actor(f.actor, row.actor, exact=exact)
                ):
                    taken.add(g)
                    hit_found.add(f.Index)
                    break
    rows = []
    for stance in (*STANCES, "all"):
        g = sum(1 for row, _ in gold_rows if stance in ("all", row.stance))
        e = int((found["stance"] == stance).sum()) if stance != "all" else len(found)
        m = sum(1 for i in hit_found if stance in ("all", found.at[i, "stance"]))
        rows.append((stance, g, e, m, round(m / e, 4) if e else float("nan"), round(m / g, 4) if g else float("nan")))
    agreement = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
    missed = [
        (
            "missed",
            row.doc_id,
            row.sentence_text if by_text else docs[row.doc_id].text(row.sentence_id),
            row.actor,
            row.cue,
            row.stance,
        )
        for g, (row, _) in enumerate(gold_rows)
        if g not in taken
    ]
    spurious = [
        ("spurious", f.doc_id, docs[f.doc_id].text(f.sentence_id), f.actor, f.cue, f.stance)
        for f in found.itertuples()
        if f.Index not in hit_found
    ]
    misses = pd.DataFrame(missed + spurious, columns=MISSES_COLUMNS)
    return agreement, misses.sort_values(["doc_id", "kind"], kind="stable").reset_index(drop=True)
