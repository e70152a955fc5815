"""The layout of a news article: title, byline, date, source, paragraphs, sentences, captions.

:func:`parse_document` turns the text of one article into a :class:`Document`
whose sentences carry offsets into that text and a kind:

``title``
    the rest of a ``date YYYY-MM-DD`` header line, else the first line without
    its byline (for a single-line article: its first sentence);
``heading``
    a paragraph in capitals, or a short one-sentence paragraph with no final
    punctuation (``Tạo đột phá kinh tế``);
``caption``
    a sentence that carries a photo credit (``Ảnh: TTXVN``), the sentence
    just before a credit that stands alone (``Thủ tướng ... Sonexay Siphandone.``
    followed by ``Ảnh: TTXVN``), and the alt text of an image in Markdown or HTML;
``body``
    everything else.

Bylines (``P.V • 09/10/2024 06:27``), a source marker opening the body (``TPO -``)
a source between title and body on one line (``Tiêu đề (NLĐ)- ...``) and a closing
source line (``... (diendandoanhnghiep.vn)``) are not sentences:
they are kept in :attr:`Document.left_out` with the reason.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from ..text.vietnamese import fold, is_upper_text, wrapped_sentences
from . import dates, markup
from .sentences import pieces, split_sentences

__all__ = [
    "Sentence",
    "Document",
    "Folded",
    "fold_sentences",
    "parse_document",
    "to_record",
    "from_record",
    "DATE_SOURCES",
    "KINDS",
]

DATE_SOURCES = ("metadata", "header", "byline", "body", "unknown")
KINDS = ("title", "heading", "body", "caption")
BYLINE_WINDOW = 300

# "Ảnh:" at the start of a word (checked by _credits: a leading \b would make every search slow).
_CREDIT = re.compile(r"Ảnh\s*:\s*(?=\S)", re.IGNORECASE)
# Words that open a new sentence and so end a photo credit that has no full stop.
_CREDIT_STOP = frozenset(
    "trong theo tại hai các những cùng sau khi với về đây ngày chiều sáng tối trưa trước để "
    "việc năm hiện đồng bên ông bà nhân tuy nhưng còn cũng thủ chủ tổng phó bộ".split()
)
_AUTHOR = re.compile(r"(?:\s+(?:[A-ZĐ]{1,4}\.)*[A-ZĐ]{1,4}\.?)?\s*[•|·\-–—]?\s*\Z")
_SOURCE_OPENING = re.compile(r"\(?([A-ZĐ]{2,10}(?:\.[A-Za-z]{2,3})?)\)?\s*[-–—]\s+")
_SOURCE_INLINE = re.compile(r"\s+\(([A-ZĐ]{2,10})\)\s*[-–—]\s*")  # "Tiêu đề (NLĐ)- Nội dung"
_SOURCE_CLOSING = re.compile(r"\(\s*((?:[\w-]+\.)+[a-z]{2,})\s*\)\s*\Z", re.IGNORECASE)
_FINAL_PUNCT = ".!?…:;,"
_SYLLABLE = re.compile(r"[^\W_]+")
_NEWLINE = re.compile("\n")


class Sentence(NamedTuple):
    """One sentence of a document: ``document.text[start:end]``."""

    index: int
    start: int
    end: int
    kind: str
    paragraph: int


class Folded(NamedTuple):
    """A document's sentences in the form phrases are matched on
    (:func:`~analysis.text.vietnamese.wrapped_sentences`): the folded syllables and punctuation
    of every sentence, how many syllables they hold, and their vocabulary (the keys
    without most repeats, space-separated)."""

    keys: str
    n_syllables: int
    vocabulary: str


@dataclass(frozen=True)
class Document:
    """An article as read: its text (NFC, LF line ends, markup reduced to text by
    :func:`~analysis.reading.markup.clean`), metadata and sentences.

    ``sentence_id`` in every table is :attr:`Sentence.index`, counted over all
    sentences, captions included, so that it does not depend on ``--keep-captions``.

    ``folded`` is made with the layout, so that it travels with it in the cache; a
    corpus read for work that matches no phrase may leave it out (None) to save memory,
    and :meth:`folding` makes it again when asked.
    """

    doc_id: str
    text: str
    title: str
    date: dt.date | None
    date_source: str
    source: str
    sentences: tuple[Sentence, ...]
    left_out: tuple[tuple[str, str], ...] = ()
    path: str = ""
    meta: dict = field(default_factory=dict, compare=False)
    folded: Folded | None = field(default=None, compare=False, repr=False)

    def folding(self) -> Folded:
        """:attr:`folded`, made from the text (and kept) if it was left out."""
        if self.folded is None:
            object.__setattr__(self, "folded", fold_sentences(self.text, self.sentences))
        return self.folded

    def analysed(self, *, keep_captions: bool = False) -> list[Sentence]:
        """The sentences that analyses read: all but captions, unless ``keep_captions``."""
        return [s for s in self.sentences if keep_captions or s.kind != "caption"]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return pieces(text, 0, len(text), [m.start() for m in _NEWLINE.finditer(text)])


_WORD = re.compile(r"\S+")


def _credit_end(text: str, start: int, end: int) -> int:
    """Where a photo credit that starts at ``start`` ends."""
    pos = start
    for word in _WORD.finditer(text, start, end):
        token, offset = word.group(), word.start() - start
        core = token.strip("()[],.;")
        if not core or (offset and (core.lower() in _CREDIT_STOP or not (core[0].isupper() or core[0].isdigit()))):
            break
        pos = word.end()
        if token[-1] in ".;)" or offset > 40:
            break
    return pos


def _credits(text: str, a: int, b: int):
    """Photo credits (``Ảnh:``) starting a word inside ``text[a:b]``."""
    for match in _CREDIT.finditer(text, a, b):
        before = text[match.start() - 1] if match.start() else " "
        if not (before.isalnum() or before == "_"):
            yield match


def _credit_cuts(text: str, a: int, b: int) -> tuple[list[int], list[int]]:
    """Credit starts and ends inside the paragraph ``text[a:b]``."""
    starts, ends = [], []
    for match in _credits(text, a, b):
        starts.append(match.start())
        ends.append(_credit_end(text, match.end(), b))
    return starts, ends


def _split_at(spans: list[tuple[int, int]], cuts: list[int], text: str) -> list[tuple[int, int]]:
    if not cuts:
        return spans
    cuts = sorted(cuts)
    return [piece for a, b in spans for piece in pieces(text, a, b, _within(cuts, a, b, closed=False))]


def _within(points: list[int], a: int, b: int, *, closed: bool = True) -> list[int]:
    """The sorted ``points`` in ``[a, b)`` (``closed``) or in ``(a, b)``, found by bisection."""
    lo = bisect.bisect_left(points, a) if closed else bisect.bisect_right(points, a)
    return points[lo : bisect.bisect_left(points, b, lo)]


def _is_heading(text: str, span: tuple[int, int], n_sentences: int) -> bool:
    chunk = text[span[0] : span[1]]
    if is_upper_text(chunk):
        return True
    if n_sentences != 1 or chunk.rstrip('”"’»)] ')[-1:] in _FINAL_PUNCT:
        return False
    return len(_SYLLABLE.findall(chunk)) <= 12


@dataclass
class _Layout:
    text: str
    title_span: tuple[int, int] | None = None
    body: list[tuple[int, int]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    date: dt.date | None = None
    date_source: str = "unknown"
    source: str = ""
    captions: tuple[tuple[int, int], ...] = ()  # image alt texts

    def drop(self, reason: str, a: int, b: int) -> None:
        self.left_out.append((reason, self.text[a:b].strip()))


def _read_head(lay: _Layout, paragraphs: list[tuple[int, int]]) -> None:
    """Title, header date and byline date from the first paragraph."""
    text = lay.text
    a, b = paragraphs[0]
    header = dates.HEADER.match(text, a, b)
    if header:
        lay.drop("header", a, header.start(2))
        lay.date = dates.parse_iso(header.group(1))
        lay.date_source = "header" if lay.date else "unknown"
        if header.start(2) < b:
            lay.title_span = (header.start(2), b)
        lay.body = paragraphs[1:]
        return
    found = dates.byline_date(text, window=BYLINE_WINDOW, shaped=True)
    if found and found[1].end() <= b:
        date, match = found
        lay.date, lay.date_source = date, "byline"
        author = _AUTHOR.search(text, a, match.start())
        title_end = author.start() if author else match.start()
        if title_end > a:
            lay.title_span = (a, title_end)
        lay.drop("byline", title_end, match.end())
        rest = (match.end(), b)
        lay.body = [rest, *paragraphs[1:]] if text[rest[0] : rest[1]].strip() else paragraphs[1:]
        return
    if found:
        lay.date, lay.date_source = found[0], "byline"
    inline = _SOURCE_INLINE.search(text, a, b)
    if inline:  # the title and the body share the first line, the source between them
        lay.title_span, lay.source = (a, inline.start()), inline.group(1)
        lay.drop("source", inline.start(), inline.end())
        lay.body = [(inline.end(), b), *paragraphs[1:]]
        return
    first = split_sentences(text, a, b)
    lay.title_span = first[0]
    lay.body = ([(first[1][0], b)] if len(first) > 1 else []) + paragraphs[1:]


def _read_source(lay: _Layout, title: str) -> None:
    """A source marker opening the body (``TPO - ``) or closing it (``(diendandoanhnghiep.vn)``)."""
    text = lay.text
    if lay.body:
        a, b = lay.body[0]
        opening = _SOURCE_OPENING.match(text, a, b)
        if opening and is_upper_text(opening.group(1)):
            lay.source = opening.group(1)
            lay.drop("source", a, opening.end())
            lay.body[0] = (opening.end(), b)
    if lay.body:
        a, b = lay.body[-1]
        closing = _SOURCE_CLOSING.search(text, a, b)
        if closing:
            lay.source = lay.source or closing.group(1)
            cut = closing.start()
            last = split_sentences(text, a, cut)
            if last and title and fold(text[last[-1][0] : last[-1][1]]) == fold(title):
                cut = last[-1][0]  # the footer repeats the title: not a sentence of the body
            lay.drop("source", cut, b)
            lay.body[-1] = (a, cut)
            if not text[a:cut].strip():
                lay.body.pop()


def _sentences(lay: _Layout) -> list[Sentence]:
    text = lay.text
    out: list[Sentence] = []
    if lay.title_span:
        out.append(Sentence(0, *lay.title_span, "title", 0))
    has_credits = next(_credits(text, 0, len(text)), None) is not None
    per_paragraph: Counter[int] = Counter()  # sentences so far in each paragraph
    for p, (a, b) in enumerate(lay.body, start=1):
        credit_starts, credit_ends = _credit_cuts(text, a, b) if has_credits else ([], [])
        spans = _split_at(split_sentences(text, a, b), credit_ends, text)
        heading = not credit_starts and _is_heading(text, (a, b), len(spans))
        for x, y in spans:
            kind = "heading" if heading else "body"
            starts_inside = _within(credit_starts, x, y)
            if any(c <= x and y <= d for c, d in lay.captions):
                kind = "caption"
            elif starts_inside:
                kind = "caption"
                prev = out[-1] if out else None
                if (
                    starts_inside[0] == x
                    and prev
                    and prev.kind != "title"
                    and (prev.paragraph == p or per_paragraph[prev.paragraph] == 1)
                ):
                    out[-1] = Sentence(prev.index, prev.start, prev.end, "caption", prev.paragraph)
            out.append(Sentence(len(out), x, y, kind, p))
            per_paragraph[p] += 1
    return out


def _lead_date(text: str, lead: tuple[int, int]) -> dt.date | None:
    """The article's own date from the first sentence of its lead (:func:`~analysis.reading.dates.lead_date`),
    a missing year taken from the full dates at the top of the text."""
    first = split_sentences(text, *lead)
    if not first:
        return None
    sentence = text[first[0][0] : first[0][1]]
    return dates.lead_date(sentence, dates.context_year(text[:BYLINE_WINDOW] + "\n" + sentence))


def parse_document(doc_id: str, text: str, *, path: str = "", meta: dict | None = None) -> Document:
    """Read the layout of one article; ``meta`` may give ``title``, ``date``, ``source``.

    ``text`` must already be NFC with LF line ends (see :mod:`analysis.reading.corpus`); its markup
    is reduced to text here (:func:`~analysis.reading.markup.clean`), and that is the document's text.
    """
    meta = meta or {}
    text, captions = markup.clean(text)
    paragraphs = _paragraphs(text)
    lay = _Layout(text, captions=captions)
    if paragraphs:
        _read_head(lay, paragraphs)
    title = text[lay.title_span[0] : lay.title_span[1]] if lay.title_span else ""
    if lay.date is None and lay.body:
        body_date = _lead_date(text, lay.body[0])
        if body_date:
            lay.date, lay.date_source = body_date, "body"
    _read_source(lay, title)
    if meta.get("date"):
        lay.date, lay.date_source = meta["date"], "metadata"
    sentences = tuple(_sentences(lay))
    return Document(
        doc_id=doc_id,
        text=text,
        title=meta.get("title") or title,
        date=lay.date,
        date_source=lay.date_source,
        source=meta.get("source") or lay.source,
        sentences=sentences,
        left_out=tuple(lay.left_out),
        path=path,
        meta=meta,
        folded=fold_sentences(text, sentences),
    )


def fold_sentences(text: str, sentences: tuple[Sentence, ...]) -> Folded:
    """The :class:`Folded` form of these sentences of ``text``."""
    return Folded(*wrapped_sentences([text[s.start : s.end] for s in sentences]))


def to_record(doc: Document, original: str | None = None) -> tuple[str, str]:
    """The layout of a document for the cache: everything but its metadata and its text (unless
    markup made it differ from the ``original`` read), as JSON, and its folded keys as they are
    (JSON would escape every separator)."""
    folded = doc.folding()
    return json.dumps(
        {
            **({"text": doc.text} if original is not None and doc.text != original else {}),
            "title": doc.title,
            "date": doc.date.isoformat() if doc.date else None,
            "date_source": doc.date_source,
            "source": doc.source,
            "left_out": doc.left_out,
            "n_syllables": folded.n_syllables,
            "vocabulary": folded.vocabulary,
            "sentences": [[s.start, s.end, KINDS.index(s.kind), s.paragraph] for s in doc.sentences],
        },
        ensure_ascii=False,
    ), folded.keys


def from_record(
    doc_id: str, text: str, record: tuple[str, str], *, path: str = "", meta: dict | None = None, folded: bool = True
) -> Document:
    """The :class:`Document` that :func:`to_record` described; without its :class:`Folded`
    form unless ``folded``."""
    layout, keys = record
    data = json.loads(layout)
    return Document(
        doc_id=doc_id,
        text=data.get("text", text),
        title=data["title"],
        date=dt.date.fromisoformat(data["date"]) if data["date"] else None,
        date_source=data["date_source"],
        source=data["source"],
        left_out=tuple(tuple(x) for x in data["left_out"]),
        sentences=tuple(Sentence(i, a, b, KINDS[k], p) for i, (a, b, k, p) in enumerate(data["sentences"])),
        path=path,
        meta=meta or {},
        folded=Folded(keys, data["n_syllables"], data["vocabulary"]) if folded else None,
    )
