"""Stance: who says what, and how, in Vietnamese news: attributed statements with actor, cue and class.

A statement is found where a reporting verb (a *cue*, ``data/stance_cues.toml``)
has an actor as its subject. Patterns, all matched on folded syllables:

* subject + cue + content: ``Tổng Bí thư Tô Lâm nhấn mạnh ...``; the subject is
  what stands between the last comma, semicolon or colon and the cue, so a fronted
  clause is skipped (``Chiều 5/2, trong cuộc hội kiến Thủ tướng Lào Sonexay
  Siphandone, Tổng Bí thư Tô Lâm nhấn mạnh`` gives Tô Lâm); adverbs, manner words and
  times may stand before the cue; a description set off by commas, brackets or a spaced
  dash is not part of the actor (``Ông X, tổ trưởng tổ 42, cho biết`` gives X);
* coordinated predicates share their subject: ``Tổng Bí thư hoan nghênh ...; đề
  nghị ...`` gives two statements by the same actor (also across ``và``/``hoặc``, and an
  elided subject ``Đồng thời khẳng định ...`` from the previous sentence's statement);
* a quotation (straight or curly quotes) followed by its speaker: ``“...”, Thứ trưởng
  Nguyễn Mạnh Cường nhấn mạnh.`` (the content is the quotation, also when it began
  sentences before); ``X <verb>: “...”`` with any verb (``bức xúc``, ``thở dài``): inform;
* ``Theo X, ...`` in all its forms (``Còn theo X``, ``..., theo X, ...``, ``bởi theo X``,
  ``Theo nhận định của X``): attribution, stance ``inform``; not ``Theo quy định của X``
  (the ``[theo]`` nouns of the cue file name no speaker);
* verbs that report a statement only where they introduce one (``[introducing]`` in the cue
  file: ``viết``, ``công bố``, ``than thở`` ...), followed by ``:``, a comma, ``rằng``/``là`` or a
  quotation, or closing one; after a closing cue, an addition, a time or the listener
  (``ông nói thêm``, ``cho biết hôm qua``, ``nói với phóng viên``);
* a description in brackets or between spaced dashes is skipped (``X - Trưởng ban Y - cho
  biết``), and so are ``thay mặt Y`` and ``thuộc Y`` after the speaker;
* the agent of a passive that says something (``bị phương Tây cho là``), the sender of a
  document (``Bộ X đã gửi công điện ... yêu cầu``), the subject of a clause after ``khi``, and
  a second predicate after ``nhưng``, ``khi``, ``vì`` sharing the first one's subject.

Actors are read from the words (:mod:`analysis.stance.actors`): no register is needed; the
register (``data/actors.toml``) adds country and role, and resolves titles of the people it
lists. Pronouns, bare titles, lone surnames, honorifics alone (``Anh``, ``Chị``), ``<noun> này``
and a body's head noun alone (``Sở``, ``hội đồng``) are resolved to the nearest fitting earlier
actor of the document (person or body, same title, honorific or kind), or left as written
(``actor_type`` ``unresolved``). A cue inside a
quotation or inside the content of another statement (``... từ cam kết sang kết quả``), in a
passive or purpose clause, or used as a noun (``yêu cầu của Mỹ``) is not a statement.

One job per part: :mod:`~analysis.stance.sentence` reads a sentence (tokens, quotation depth,
clause boundaries); :mod:`~analysis.stance.lexicons` reads and indexes the data files, once per
extractor; :mod:`~analysis.stance.speakers` recognises the actor before a cue;
:mod:`~analysis.stance.references` remembers a document's actors and resolves references to
them; this module finds the cues and builds the statements.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, partial

import pandas as pd
from sklearn.base import BaseEstimator

from ..reading.layout import Document
from ..text.vietnamese import fold, normalize, token_keys
from .actors import ActorWords
from .lexicons import STANCES, Lexicons, Register, load_register
from .lexicons import load_cues as _load_cues  # noqa: F401 (benchmarks/mine_cues.py reads the cues from here)
from .references import Memory
from .sentence import ADVERBS, CLOSE, OPEN, TIMES, Sentence, after_quote, ends_sentence, folded_phrases, span_text, trim
from .speakers import PURPOSE, Speakers

__all__ = ["Register", "load_register", "StanceExtractor", "STANCE_COLUMNS", "STANCES", "evaluate"]

STANCE_COLUMNS = ["doc_id", "date", "sentence_id", "actor", "cue", "stance", "content"]
_COLUMNS = [*STANCE_COLUMNS, "actor_country", "actor_role", "tone_positive", "tone_difficulty", "tone", "actor_type"]


class StanceExtractor(BaseEstimator):
    """Attributed statements of documents, as a table with the contract's columns.

    The data files (cues, tone words, actor lexicons and the register) are read and indexed once,
    by :meth:`fit` (or by the first :meth:`extract`), and shared by every document.

    Parameters
    ----------
    register : Register, optional
        Actors (default: :func:`load_register`).
    keep_captions : bool
        Read captions too (default: no).
    jobs : int or Cluster, optional
        Worker processes for a large corpus (default: all cores), or a Dask cluster: documents are
        independent, and the statements come back in the documents' order.

    Attributes
    ----------
    lexicons_ : Lexicons
        The indexed data files, set by :meth:`fit`.

    >>> from analysis.reading.layout import parse_document
    >>> doc = parse_document("d", "Chiều 5/2, trong cuộc hội kiến Thủ tướng Lào Sonexay Siphandone, "
    ...                           "Tổng Bí thư Tô Lâm nhấn mạnh hai bên cần hợp tác hiệu quả.")
    >>> StanceExtractor().extract([doc])[["actor", "cue", "stance"]].values.tolist()
    [['Tô Lâm', 'nhấn mạnh', 'emphasize']]
    """

    def __init__(self, *, register: Register | None = None, keep_captions: bool = False, jobs=None):
        self.register = register
        self.keep_captions = keep_captions
        self.jobs = jobs

    def fit(self, documents: list[Document] | None = None, y=None) -> StanceExtractor:
        """Check the parameters and read the data files; nothing is learned from ``documents``."""
        if self.register is not None and not isinstance(self.register, Register):
            raise ValueError(
                f"register must be a Register (see load_register) or None, not {type(self.register).__name__}"
            )
        if not isinstance(self.keep_captions, bool):
            raise ValueError(f"keep_captions must be True or False, not {self.keep_captions!r}")
        self.lexicons_ = Lexicons.load(self.register)
        return self

    def extract(self, documents: list[Document]) -> pd.DataFrame:
        """One row per statement: ``doc_id, date, sentence_id, actor, cue, stance, content``, then
        ``actor_country, actor_role, tone_positive, tone_difficulty, tone, actor_type``."""
        from ..runtime.parallel import parallel_imap

        if not hasattr(self, "lexicons_"):
            self.fit()
        work = partial(_rows, lex=self.lexicons_, keep_captions=self.keep_captions)
        found = parallel_imap(work, documents, jobs=self.jobs, min_items=500, max_chunk=32, desc="statements")
        return pd.DataFrame([row for rows in found for row in rows], columns=_COLUMNS)


def _rows(doc: Document, lex: Lexicons, keep_captions: bool) -> list[tuple]:
    """The statements of one document, as rows (in a worker process for a large corpus)."""
    return _Statements(doc, lex, keep_captions).rows()


@dataclass(frozen=True)
class _Site:
    """Where a cue stands in its sentence, and what comes before it."""

    start: int
    end: int
    stance: str
    boundary: int  # the last comma, semicolon, colon or closing quote before the cue (or -1)
    previous: tuple | None  # the sentence's last statement from a cue so far
    closes_quote: bool  # "“...”, X nhấn mạnh.": the cue ends the sentence after a quotation
    segment: int  # where the subject may start
    inside: bool  # within what the previous statement says
    coordinated: bool  # "X hoan nghênh ...; đề nghị ...": a predicate that may share its subject


class _Statements:
    """One document's statements: for each cue, its speaker and what was said, as rows."""

    def __init__(self, doc: Document, lex: Lexicons, keep_captions: bool):
        self.doc, self.lex, self.keep_captions = doc, lex, keep_captions
        text = normalize(doc.text)
        self.sentences = [Sentence(s.index, s.kind, text, doc.text, s.start, s.end) for s in doc.sentences]
        self.memory = Memory(self.sentences, lex)
        self.speakers = Speakers(lex, self.memory)
        self.headless: list[tuple] = []  # headlines opening with a cue and no subject: (sentence, cue, stance)

    def rows(self) -> list[tuple]:
        rows = []
        first_keys = set(self.lex.cues_by_first) | {"theo", ":"} | set(CLOSE)  # "“...”, X <verb>."
        for position, s in enumerate(self.sentences):
            if (s.kind == "caption" and not self.keep_captions) or first_keys.isdisjoint(s.keys) or _link(s):
                continue
            rows += [self._row(s, position, *found) for found in self._in_sentence(s)]
        return self._headlines(rows)

    def _headlines(self, rows: list[tuple]) -> list[tuple]:
        """``Đề nghị tăng 8,8% giá điện`` over ``Tổ công tác ... vừa đề xuất Chính phủ điều chỉnh giá điện``: a
        headline that opens with a cue and names no subject tells, in short, what the article then reports;
        its actor is the one of the first statement of the same class in the five sentences after it."""
        for s, cue_start, cue_end, stance in self.headless:
            later = [r for r in rows if s.index < r[2] <= s.index + 5 and r[5] == stance]
            if not later:
                continue
            actor = later[0][3]
            doc, kind = self.doc, later[0][12]
            content = span_text(doc.text, s.toks, cue_end, len(s.toks))
            positive, difficulty, tone = self._tone(content)
            row = (doc.doc_id, later[0][1], s.index, actor, doc.text[s.toks[cue_start].start : s.toks[cue_end - 1].end])
            row += (stance, content, later[0][7], later[0][8], positive, difficulty, tone, kind)
            at = next((i for i, r in enumerate(rows) if r[2] > s.index), len(rows))
            rows.insert(at, row)
        return rows

    def _in_sentence(self, s: Sentence) -> list[tuple]:
        """``(actor, cue start, cue end, stance, content start, content end)`` of each statement;
        content ``("quote", i)`` is the quotation that closes before token ``i``."""
        theos = self._theo(s)
        found = list(theos)
        inner = []  # statements reported inside another's, kept out of the chain of shared subjects
        fronted = None
        for cue_start, cue_end, stance, introducing in self.lex.cues_in(s.keys):
            if (
                s.quote_depth[cue_start] > 0
                or _in_name(s, cue_start, self.lex.words)
                or self._in_country(s, cue_start)
                or _not_said(s.keys, cue_start, cue_end, s.words, after_quote(s.words, s.boundaries[cue_start]))
                or (s.asides and s.aside_at(cue_start))
                or any(t[1] <= cue_start < t[4] for t in theos)
                or _apposed(s, cue_start, cue_end)
                or _agent_of_noun(s, cue_start)
                or (_asks(s) and s.keys[cue_end : cue_end + 2] in (["thế", "nào"], ["ra", "sao"], ["như", "thế"]))
                or (_asks(s) and s.keys[cue_start - 1 : cue_start] == ["có"])  # "Ngài có cho rằng ...?": asked
            ):
                continue
            site = _site(s, cue_start, cue_end, stance, found[-1] if len(found) > len(theos) else None)
            reporting = introducing and not (
                site.closes_quote or _introduces(s, cue_end) or self._closes_speech(s, site)
            )
            if reporting and tuple(s.keys[cue_start:cue_end]) not in _PUBLISHING:
                continue
            reported = self._reported(s, site) if not reporting else None
            if reported is not None:  # "X cho biết Y cam kết ...": Y's act, inside X's statement, which goes on
                inner += _said(s, reported, site)
                continue
            theo = self._theo_speaks(s, site, theos)
            if theo is not None:  # "Còn theo cô giáo X, Hiệu trưởng Y cho rằng, ...": one statement, X's
                found.remove(theo)
                theos = [t for t in theos if t is not theo]
            actor = theo[0] if theo is not None else self._speaker(s, site, theos)
            if reporting and (actor is None or self.memory.types.get(actor) != "media"):
                continue  # "Bộ phim phản ánh cuộc sống": only a medium reports by publishing
            if actor is None:
                if cue_start == 0 and stance != "inform" and s.keys[cue_end : cue_end + 1] != ["về"]:
                    fronted = (cue_start, cue_end, stance)  # "Khẳng định ..., Tổng Bí thư chỉ rõ ..."
                    if s.kind == "title" and not reporting and len(s.keys) > cue_end + 2:
                        self.headless.append((s, cue_start, cue_end, stance))
                continue
            if fronted and site.boundary >= 0 and not site.previous:
                found.append((actor, *fronted, fronted[1], s.boundaries[cue_start]))
                fronted = None
            found += _said(s, actor, site)
        found = sorted(found + self._colon_quotes(s, found) + self._quote_closers(s, found), key=lambda f: f[1])
        found = sorted(found + inner, key=lambda f: f[1])
        # What one actor says ends where the next statement of the sentence begins.
        return [
            (a, cs, ce, st, c0, c1 if c0 == "quote" or i + 1 == len(found) else min(c1, found[i + 1][1]))
            for i, (a, cs, ce, st, c0, c1) in enumerate(found)
        ]

    def _speaker(self, s: Sentence, site: _Site, theos: list[tuple]) -> str | None:
        """The actor of the cue at ``site``: its subject, a named person before an apposition, the subject
        of a clause joined inside the phrase, or one shared with an earlier predicate."""
        keys, boundary, previous = s.keys, site.boundary, site.previous
        actor = None
        aside = s.asides.get(trim(s, 0, site.start) - 1) if s.asides else None
        if aside is not None and (previous is None or aside > previous[2]):
            # "X - Trưởng ban Y - cho biết", "X (Phó giám đốc Y) cho biết": the subject stands before the aside
            boundary = s.boundaries[aside]
            site = replace(site, boundary=boundary, segment=max(boundary + 1, previous[2] if previous else 0))
            site = replace(site, start=aside) if aside > site.segment else site
            actor = self.speakers.actor(s, site.segment, aside)
            if (
                actor is not None
                and boundary >= 0
                and keys[boundary] == ","
                and (self.speakers.weak(actor) or self.speakers.description(s, site.segment, aside, actor))
            ):
                # "“...”, X, giám đốc Viện Y (một nhóm cố vấn) cho hay.": the name before the description
                floor = max([previous[2] if previous else 0] + [t[4] for t in theos if t[4] <= boundary])
                actor = self.speakers.apposition(s, boundary, floor) or actor
            if actor is not None:
                return actor
        if not site.inside:
            floor = previous[2] if previous else 0
            author = self.speakers.author(s, site.segment, site.start) or self.speakers.author(s, floor, site.start)
            if author is not None:  # "Tuyên bố của Bộ Ngoại giao Peru viết: ...": the document's author
                return author
        if previous is not None and keys[site.end : site.end + 1] == ["rằng"]:
            nested = self._nested(s, site)
            if nested is not None:
                return nested
        contrast = site.inside and boundary >= 0 and keys[boundary] == "," and keys[boundary + 1] in _CONTRAST
        if not site.inside or contrast or (boundary >= 0 and keys[boundary] == ";" and previous[2] <= boundary):
            actor = self.speakers.actor(s, site.segment, site.start)
            if actor is not None and (
                fold(actor) in self.lex.words.places  # "tới các cảng Hải Phòng, Quảng Ninh"
                or self.speakers.addressed(s, previous[2] if previous else 0, boundary)
            ):  # "X đã gửi công hàm tới các bộ trưởng ..., thị trưởng Matxcơva yêu cầu": the last addressee
                actor = self.speakers.sender(s, previous[2] if previous else 0, site.start) or actor
            if (
                boundary >= 0
                and keys[boundary] == ","
                and (self.speakers.weak(actor) or self.speakers.description(s, site.segment, site.start, actor))
            ):
                floor = max([previous[2] if previous else 0] + [t[4] for t in theos if t[4] <= boundary])
                named = self.speakers.apposition(s, boundary, floor)
                if named is not None and (self.speakers.weak(actor) or self.speakers.named_person(named)):
                    actor = named  # not a title alone over a name: "Phát ngôn viên quân đội X, thiếu tướng Y cho biết"
        if (
            actor is None
            and not site.inside
            and boundary >= 0
            and keys[boundary] == ","
            and site.segment == site.start
            and keys[site.end : site.end + 1] == [","]
        ):  # "Hôm nay, Ban Quản lý dự án X, cho biết, ...": a body's name and its cue set off by commas
            before = self.speakers.actor(s, max(s.boundaries[boundary] + 1, previous[2] if previous else 0), boundary)
            if before is not None and self.memory.types.get(before) in ("body", "media", "country"):
                actor = before
        if actor is None and not site.inside and _closes(s, site.end):
            actor = self._after_dash(s, site)
        if actor is None and not site.inside:
            actor = self.speakers.after_conjunction(s, site.segment, site.start)
            actor = actor or self.speakers.after_adverbial(s, site.segment, site.start)
        if actor is None:
            # "X cho biết Bộ Y vừa có văn bản gửi các tỉnh đề nghị ...": a sender inside what X said too (close
            # to the cue: a cue after cue within one long statement must not scan back to its start each time)
            floor = previous[2] if previous else 0
            actor = self.speakers.sender(s, max(floor, site.start - 24) if site.inside else floor, site.start)
        said_so = s.keys[site.end - 1] in ("là", "rằng") or _introduces(s, site.end, comma=False)
        # "đề xuất đó đã bị Bắc Kinh bác bỏ.": a passive whose agent ends it; the agent made the act
        said_so = said_so or (site.stance != "inform" and ends_sentence(s, site.end))
        if actor is None and not site.inside and said_so:
            actor = self.speakers.agent(s, site.segment, site.start)  # "được các thí sinh nhận xét là ..."
        if actor is None and not site.inside:
            actor = self._indefinite(s, site)
        if actor is None:
            actor = self._shared_subject(s, site)
        if actor is not None and _reviewing(keys, site.start, site.end):
            return None
        return actor

    def _theo_speaks(self, s: Sentence, site: _Site, theos: list[tuple]) -> tuple | None:
        """``Theo X, <title> ... <cue>``: a ``Theo`` whose person is then described by a title (brackets
        allowed) right up to a cue is that cue's subject, run together with ``Theo`` (``Còn theo cô giáo X,
        Hiệu trưởng Trường Y (quận Z) cho rằng, ...``); the ``Theo`` gives no statement of its own."""
        keys = s.keys
        for t in theos:
            if t[4] >= site.start or s.toks[t[4] - 1].kind != "punct" or self.memory.types.get(t[0]) != "person":
                continue
            end = site.start - (keys[site.start - 1] == ",")
            if end - t[4] > 24 or not self.lex.words.title_at(keys, t[4], end) or keys[t[4]] == "người":
                continue  # not "Theo X, người ký lệnh bắt Y nói rằng": "the one who ..." is someone else
            if not _introduces(s, site.end):
                continue  # not "Theo X, thành viên Ban chỉ đạo tuyển sinh, ...": a cue in a body's name
            depth, clause = 0, False
            for k in keys[t[4] : end]:
                depth += (k == "(") - (k == ")")
                clause = clause or (depth == 0 and k in (",", ";", ":"))
            if not clause and t[0] not in self.memory.unnamed:
                return t
        return None

    def _after_dash(self, s: Sentence, site: _Site) -> str | None:
        """``... trong thời gian tới – Thứ trưởng X cho biết.``: what was said, a spaced dash, then the speaker
        and a cue that ends the sentence (the dash stands for the comma of ``“...”, X cho biết``)."""
        dash = _dash_before(s, site)
        if dash is None:
            return None
        return self.speakers.actor(s, dash + 1, site.start)

    def _indefinite(self, s: Sentence, site: _Site) -> str | None:
        """``Có ý kiến cho rằng ...``, ``Có người bảo ...``: an existential ``có`` (there is) before a speaker
        nobody names, an opinion or a person: that indefinite speaker, as written (a collective)."""
        keys = s.keys
        at = site.segment
        while at < site.start and keys[at] in _BEFORE_INDEFINITE:
            at += 1
        if keys[at : at + 1] != ["có"] or tuple(keys[at + 1 : site.start]) not in _INDEFINITE:
            return None
        actor = span_text(self.doc.text, s.toks, at, site.start)
        actor = actor[:1].upper() + actor[1:]
        self.memory.types.setdefault(actor, "collective")
        return actor

    def _nested(self, s: Sentence, site: _Site) -> str | None:
        """Reported speech inside reported speech: ``X nói rằng ... sau khi bà Y, vợ ông Z, cáo buộc rằng
        ...``. A cue after another statement of the sentence that introduces speech of its own (``rằng``)
        with a named subject of its own just before it (or before a description set off by commas) is that
        subject's statement; else none, and the usual rules apply."""
        previous, boundary = site.previous, site.boundary
        actor = self.speakers.actor(s, site.segment, site.start) if site.segment < site.start else None
        if self.speakers.weak(actor) and boundary >= previous[2] and s.keys[boundary] == ",":
            actor = self.speakers.apposition(s, boundary, previous[2]) or actor
            before = s.boundaries[boundary]  # "... sau khi bà Y, vợ ông Z, cáo buộc": Y after "khi"
            if before >= previous[2] and s.keys[before] == ",":
                start = max(s.boundaries[before] + 1, previous[2])
                actor = self.speakers.after_conjunction(s, start, before) or actor
        if self.speakers.weak(actor) or actor == previous[0] or self.memory.types.get(actor) == "unresolved":
            return None
        return actor

    def _closes_speech(self, s: Sentence, site: _Site) -> bool:
        """``Không có gì nghi ngờ, kết quả chung cuộc thật ấn tượng, Telegraph viết.``: what was said, not in
        quotes (eight syllables or more), then a comma, its speaker and a cue that ends the sentence, as after
        a quotation; not ``..., trước khi công bố.`` (no speaker after the comma)."""
        boundary = site.boundary
        return (
            boundary > 0
            and s.keys[boundary] == ","
            and site.start - boundary <= 9
            and _closes(s, site.end)
            and sum(k[:1].isalnum() for k in s.keys[:boundary]) >= 8
            and (
                self.speakers.actor(s, boundary + 1, site.start) is not None
                # "“...” - bà X, hiệu phó trường Y, lo lắng.": the speaker before a description
                or (site.start == boundary + 1 and self.speakers.apposition(s, boundary, 0) is not None)
            )
        )

    def _reported(self, s: Sentence, site: _Site) -> str | None:
        """``Jean Ping cho biết Bình Nhưỡng vẫn đồng ý ...``, ``X khẳng định, Chính phủ Việt Nam luôn cam kết
        ...``: a cue inside what a statement of saying reports, whose own subject opens that content, is the
        act of that subject (a named actor, not a title alone); a pronoun there is the speaker himself
        (``Meshaal cho biết ông tin rằng ...``)."""
        previous = site.previous
        if previous is None or previous[3] not in _SAYING or not _reports_subject(s, site):
            return None
        start = _opening(s, previous[2])
        end = trim(s, start, site.start)
        phrase = tuple(s.keys[start:end])
        if "sẽ" in s.keys[end : site.start]:
            return None  # "Tổng Bí thư cho biết, Bộ Chính trị sẽ chỉ đạo ...": an act to come, not reported
        if phrase in self.lex.words.person_pronouns or (len(phrase) == 1 and phrase[0] in ("ông", "bà")):
            return previous[0] if self.memory.types.get(previous[0]) == "person" else None
        actor = self.speakers.actor(s, start, site.start)
        if self.speakers.weak(actor) or actor == previous[0] or self.memory.types.get(actor) == "unresolved":
            return None
        kind = self.memory.types.get(actor, "person")
        country = actor if kind == "country" else self._country(actor, kind)
        if country != "unknown" and country == self._country(previous[0], self.memory.types.get(previous[0], "")):
            return previous[0]  # "Phó Thủ tướng X khẳng định, Chính phủ Việt Nam luôn cam kết ...": his own word
        return actor

    def _shared_subject(self, s: Sentence, site: _Site) -> str | None:
        """The subject a predicate shares with another: a coordinated predicate, one after ``và``, or an
        elided subject carried from the previous sentence's statement."""
        keys, at, boundary, previous = s.keys, site.start, site.boundary, site.previous
        if site.coordinated and previous and boundary >= previous[2]:
            return previous[0]  # a coordinated predicate: the same subject
        if previous and at and keys[at - 1] in _JOINS:
            return previous[0]  # "... đề nghị ... và cho biết ...", "X ủng hộ ... khi cho rằng ..."
        if not previous and at and keys[at - 1] in _JOINS and keys[at - 1] != "đồng thời":
            return self.speakers.clause_subject(s, at)  # "X ban bố ..., đi thăm ... và kêu gọi ..."
        closing = next((i for i, w in enumerate(s.words[:at]) if w in "”»"), None)
        quoted = s.words[0] in OPEN or (closing is not None and not any(w in "“«" for w in s.words[:closing]))
        if site.coordinated and not previous and boundary >= 0 and ":" not in keys[:at] and not quoted:
            # not "Katie rất hồn nhiên ...” - đạo diễn X, người đã quay phim cho Katie, kể lại.": a quotation's words
            # "Hai bên cũng chia sẻ quan điểm ..., vui mừng ...", unless in a purpose clause ("nhằm ...")
            return None if any(k in PURPOSE for k in keys[:at]) else self.speakers.subject(s)
        spoken = self.memory.spoken
        if (
            not previous
            and 0 < at
            and boundary < 0
            and spoken
            and spoken[-1][0] == s.index - 1
            and all(k in ADVERBS for k in keys[:at])
        ):
            return spoken[-1][2]  # an elided subject: "Đồng thời khẳng định ..." after X's statement
        if not previous and at and keys[:2] == ["đồng", "thời"] and all(k in ADVERBS for k in keys[:at]):
            return self._previous_subject(s)  # "Đồng thời yêu cầu ...": the previous sentence's subject
        return None

    def _previous_subject(self, s: Sentence) -> str | None:
        """The actor opening the sentence before ``s`` (after a fronted clause), if any."""
        before = self.memory.by_index.get(s.index - 1)
        if before is None or before.kind == "title":
            return None
        actor = self.speakers.subject(before)
        for boundary in (i for i, k in enumerate(before.keys[:12]) if k == ","):
            actor = actor or self.speakers.subject(before, boundary + 1)
        return actor

    def _colon_quotes(self, s: Sentence, found: list) -> list[tuple]:
        """``X <verb>: “...”``: a speaker, a verb of one to four lower-case syllables (``bức xúc``,
        ``thở dài``), a colon and a quotation: a statement (stance inform) when no cue was found there."""
        keys, words, out = s.keys, s.words, []
        for colon, key in enumerate(keys):
            if key != ":" or colon + 1 >= len(keys) or words[colon + 1] not in OPEN or s.quote_depth[colon]:
                continue
            start = s.boundaries[colon] + 1
            if any(start <= f[1] < colon for f in found) or colon - start > 20:
                continue
            if self.lex.cues_in(keys[start:colon]):
                continue  # a cue stands there, its subject not an actor ("Báo cáo nhấn mạnh:")
            # An indefinite subject ("Một người dân tại khu phố ngán ngẩm: ...") may be long, its verb of
            # manner short: try the shorter verbs first there.
            verbs = range(max(start, colon - 4), colon)
            for verb in verbs[-2:] if keys[start] in ("một", "vị") else verbs:
                if keys[colon - 1] in ("như", "gồm", "bị", "được"):
                    break  # "Các báo cáo lần lượt được trình bày như: “...”": a list, not speech
                if (
                    keys[verb] in ("hỏi", "viết", "là")  # "Chủ đề của hội nghị là: “...”": a copula
                    or keys[verb] in _KIN
                    or not all(s.toks[i].kind == "syllable" and words[i][:1].islower() for i in range(verb, colon))
                ):
                    continue
                actor = self._colon_speaker(s, start, verb)
                if actor:
                    out.append((actor, verb, colon, "inform", colon + 1, s.clause_ends[colon + 1]))
                    break
        return out

    def _quote_closers(self, s: Sentence, found: list) -> list[tuple]:
        """``“...”, X <verb>.``: a quotation closed by a comma or a dash, then a speaker and a verb of one to
        two lower-case syllables that end the sentence (``anh H. thú thật``, ``bà cười``): the quotation is
        what the speaker said (stance inform) when no cue was found there. The verb may be any: a quotation
        given to a person is speech, whatever the verb of manner."""
        keys, words = s.keys, s.words
        end = len(keys)
        while end and s.toks[end - 1].kind == "punct":
            end -= 1
        close = next((i for i in range(end - 1, 0, -1) if words[i] in CLOSE), None)
        if close is None or close + 2 >= end or keys[close + 1] not in (",", "-") or s.quote_depth[close + 1]:
            return []
        start = close + 2
        if end - start > 12 or any(f[1] >= start for f in found):
            return []
        opening = next((i for i in range(close - 1, -1, -1) if s.quote_depth[i + 1] > s.quote_depth[i]), None)
        if opening is not None and s.syllables_before[opening]:
            return []  # "Lee là một “ngôi sao đang lên”, một ứng viên ...": words quoted inside a sentence
        for verb in range(max(start + 1, end - 2), end):
            if not all(s.toks[i].kind == "syllable" and words[i][:1].islower() for i in range(verb, end)):
                continue
            if keys[verb] in _KIN or s.words[verb - 1] == ",":
                continue
            actor = self._colon_speaker(s, start, verb)
            if actor and self.memory.types.get(actor) in ("person", "unresolved", None):
                return [(actor, verb, end, "inform", "quote", close + 1)]
        return []

    def _colon_speaker(self, s: Sentence, start: int, verb: int) -> str | None:
        """The speaker of ``X <verb>: “...”``: a named actor, or a person by title alone written capitalised."""
        actor = self.speakers.actor(s, start, verb) if trim(s, start, verb) > start else None
        if self.speakers.weak(actor) and start and s.keys[start - 1] == ",":
            actor = self.speakers.apposition(s, start - 1, 0) or actor
        if actor and (
            actor not in self.memory.unnamed
            or s.words[trim(s, start, verb) - 1][:1].isupper()
            or s.keys[start] in ("một", "vị")  # an indefinite person: "Một người dân ngán ngẩm: “...”"
            or self.lex.words.opens_with_honorific(s.keys, start, verb)  # "cô nhân viên ở đây phán gọn: “...”"
        ):
            return actor
        return None

    def _theo(self, s: Sentence) -> list[tuple]:
        """``Theo X, ...``, ``Còn theo X``, ``..., theo X, ...``, ``Theo nhận định của X``: attribution
        (stance inform). ``Theo kế hoạch``, ``theo hướng`` name no actor and give nothing."""
        keys, found = s.keys, []
        cue_ends = None
        for at, key in enumerate(keys):
            if key != "theo":
                continue
            opens = (
                at == 0
                or keys[at - 1] in _BEFORE_THEO
                or keys[max(0, at - 2) : at] == ["tuy", "nhiên"]
                or (at == 1 and keys[0] in ADVERBS)
            )
            if not opens:  # "X cảnh báo theo nhiều nguồn tin tình báo, ...": right after a cue
                cue_ends = cue_ends if cue_ends is not None else {c[1] for c in self.lex.cues_in(keys)}
                opens = at in cue_ends
            # "... để lại nhiều tai tiếng Theo một nguồn tin, ...": a capitalised "Theo" after a word in lower
            # case opens a sentence whose stop is missing (a headline run into the lead).
            opens = opens or (s.words[at] == "Theo" and s.words[at - 1][:1].islower())
            # "... 1,6 triệu đồng/tháng/BS. Theo ông Huy, ...": a stop read as an abbreviation's, then "Theo".
            opens = opens or (s.words[at] == "Theo" and keys[at - 1] in (".", "!", "?"))
            if not opens:
                continue
            comma = next(
                (
                    i
                    for i in range(at + 1, min(len(keys), at + 20))
                    if keys[i] == "," or (keys[i] == "-" and s.spaced(i))
                ),
                None,
            )
            if comma is None and not _asks(s):
                trailing = self._trailing_theo(s, at)  # "..., theo hãng thông tấn Yonhap."
                if trailing is not None:
                    found.append(trailing)
                continue
            if s.quote_depth[at] or _asks(s):
                continue  # "Theo đánh giá của Bộ trưởng, nguyên nhân nào ...?": the reporter asks, no one says
            actor, comma = self._theo_actor(s, at + 1, comma)
            if actor is not None:
                found.append((actor, at, at + 1, "inform", comma + 1, s.clause_ends[comma + 1]))
        return found

    def _in_country(self, s: Sentence, at: int) -> bool:
        """Is the cue at ``at`` inside a country's name (``Tiểu vương quốc Ả Rập Thống nhất``)?"""
        words = self.lex.words
        return any(words.country_at(s.keys, k, len(s.keys)) > at - k for k in range(max(0, at - 6), at))

    def _trailing_theo(self, s: Sentence, at: int) -> tuple | None:
        """``..., theo hãng thông tấn Yonhap.``, ``..., theo USA Today.``: a source named after a comma at the
        end of the sentence, a medium, a body or a person by name; what it says is the clause before."""
        keys, end = s.keys, len(s.keys)
        while end > at + 1 and s.toks[end - 1].kind == "punct":
            end -= 1
        if at < 2 or keys[at - 1] != "," or s.quote_depth[at] or end - at > 10 or "," in keys[at + 1 : end]:
            return None
        if any(tuple(keys[i : i + len(n)]) == n for n in self.lex.not_sources for i in range(at + 1, end)):
            return None  # "..., theo Bộ Luật Lao động.": a rule, not a source
        actor = self.speakers.actor(s, at + 1, end)
        kind = self.memory.types.get(actor)
        if actor is None or not (kind in ("media", "body") or self.speakers.named_person(actor)):
            return None
        return (actor, at, at + 1, "inform", s.boundaries[at - 1] + 1, at - 1)

    def _theo_actor(self, s: Sentence, start: int, comma: int) -> tuple[str | None, int]:
        """The actor of ``Theo <start:comma>,`` and where its phrase ends: after ``của`` or ``lời``/``ý kiến``
        when the phrase opens in lower case; a named person in an apposition after it wins."""
        keys = s.keys
        start += keys[start] == "như" and start + 1 < comma  # "theo như Musharraf, ..."
        said, of = False, None
        if not s.words[start][:1].isupper():
            of = next((i for i in range(start, comma) if keys[i] in ("của", "từ")), None)
            if of is not None and any(w[:1].isupper() for w in s.words[start:of]):
                named = self.speakers.actor(s, start, of)  # "Theo nhà lập pháp Hanan Ashrawi của Palestine"
                run = of
                while run > start and s.words[run - 1][:1].isupper() and s.toks[run - 1].kind == "syllable":
                    run -= 1
                if named is None and start < run < of - 1:  # a name in capitals after a noun in lower case
                    named = self.speakers.actor(s, run, of) or self.speakers.bare_name(s, run, of)
                if self.speakers.named_person(named):
                    return named, comma
            if of is not None:  # "Theo đánh giá của X", "Theo tin từ X"
                noun = [k for k in keys[start:of] if k not in ("một", "các", "những", "cuộc", "bản")]
                if self._not_source(noun) or tuple(keys[start:of]) in self.lex.not_sources:
                    return None, comma  # "Theo quy định của Bộ X": a rule, not a speaker
                said = tuple(noun) in self.lex.theo_sources
                start = of + 1
            elif keys[start] in ("lời", "ý"):  # "Theo lời ông X"
                start += 1 + (keys[start + 1 : start + 2] == ["kiến"])
        actor = self.speakers.actor(s, start, comma)
        if actor is None and said and 0 < comma - start <= 8 and s.toks[comma - 1].kind == "syllable":
            actor = self._as_source(s, start, comma)  # "theo kiến nghị của không ít giáo viên, ..."
        if self.speakers.weak(actor) and self.lex.words.title_at(keys, start, comma):
            # "Theo Thứ trưởng Bộ Ngoại giao, Trưởng Ban Thư ký APEC, Chủ tịch SOM Lê Công Phụng, ...": the
            # titles run on, comma after comma, to the name
            at = comma
            for _ in range(3):
                after = next((i for i in range(at + 1, min(len(keys), at + 14)) if keys[i] == ","), None)
                if after is None or not self.lex.words.title_at(keys, at + 1, after):
                    break
                named = self.speakers.actor(s, at + 1, after)
                if named and self.memory.types.get(named) == "person" and named not in self.memory.unnamed:
                    return named, after
                at = after
        after = next((i for i in range(comma + 1, min(len(keys), comma + 8)) if keys[i] == ","), None)
        honorific = after and self.lex.words.opens_with_honorific(keys, comma + 1, after)
        titled = honorific or (after and self.lex.words.title_at(keys, comma + 1, after))
        if titled and of is None and self.speakers.named_person(actor):
            return actor, after  # "Theo Alberto R. Gonzales, luật sư Nhà Trắng, ...": a description of him
        if honorific:
            named = self.speakers.actor(s, comma + 1, after)  # "Theo cái nhìn của giáo sư ..., ông X, ..."
            if named and self.memory.types.get(named) == "person" and named not in self.memory.unnamed:
                return named, after
        return actor, comma

    def _not_source(self, noun: list[str]) -> bool:
        """Does ``noun`` (after ``Theo``, before ``của``) name a rule, a plan or a document, not something said:
        one of the ``[theo]`` nouns, or one of two syllables or more with words after it (``kế hoạch hoà bình``;
        not ``luật`` in ``luật sư``, nor ``hướng dẫn`` in ``hướng dẫn viên``, a person)?"""
        return tuple(noun) in self.lex.not_sources or any(
            len(noun) > len(n) > 1 and tuple(noun[: len(n)]) == n and noun[len(n)] not in _AGENT_SUFFIXES
            for n in self.lex.not_sources
        )

    def _as_source(self, s: Sentence, start: int, end: int) -> str:
        """The source after ``Theo <something said> của`` as written: a collective when it opens with a
        determiner of number (``các điểm thi``, ``không ít giáo viên``), else a body."""
        end = next((i for i in range(start + 1, end) if s.keys[i] in _AFTER_SOURCE), end)  # "Bộ Y tế về giá thuốc"
        actor = span_text(self.doc.text, s.toks, start, end)
        actor = actor[:1].upper() + actor[1:]
        plural = s.keys[start] in _PLURAL or tuple(s.keys[start : start + 2]) in _PLURAL_PHRASES
        self.memory.types.setdefault(actor, "collective" if plural else "body")
        return actor

    # -- rows -------------------------------------------------------------------------
    def _row(self, s: Sentence, position: int, actor, cue_start, cue_end, stance, c0, c1) -> tuple:
        doc = self.doc
        cue = doc.text[s.toks[cue_start].start : s.toks[cue_end - 1].end]
        content = self._quote(position, s) if c0 == "quote" else span_text(doc.text, s.toks, c0, c1)
        positive, difficulty, tone = self._tone(content)
        kind = self.memory.said(s, cue_start, actor)
        date = doc.date.isoformat() if doc.date else ""
        country, role = self._country(actor, kind), self.lex.role(actor)
        return (doc.doc_id, date, s.index, actor, cue, stance, content, country, role, positive, difficulty, tone, kind)

    def _tone(self, content: str) -> tuple[int, int, str]:
        """Counts of positive and difficulty words in ``content``, and its tone."""
        tone_keys = token_keys(normalize(content))
        positive, difficulty = (_occurrences(tone_keys, self.lex.tone_by_first[k]) for k in ("positive", "difficulty"))
        tone = "mixed" if positive and difficulty else "positive" if positive else "difficulty" if difficulty else ""
        return positive, difficulty, tone

    def _country(self, actor: str, kind: str) -> str:
        """The register's country; for two parties (``Hai bên``) the two countries the article names most;
        else the country the actor's phrase names; else ``unknown``."""
        country = self.lex.country(actor)
        if country == "both" or (kind == "collective" and fold(actor).split()[0] in ("hai", "cả")):
            return self.parties
        return country or self.memory.country_of.get(actor) or "unknown"

    @cached_property
    def parties(self) -> str:
        """The two countries the document names most often (first named wins a tie), as ``A + B`` in
        alphabetical order, so that one pair reads the same in every document."""
        counts: dict[str, int] = {}
        for s in self.sentences:
            for name in self.lex.words.countries_in(s.keys):
                counts[name] = counts.get(name, 0) + 1
        top = sorted(counts, key=lambda c: -counts[c])[:2]  # dicts keep first-seen order: a stable tie-break
        return " + ".join(sorted(top)) if len(top) == 2 else "unknown"

    def _quote(self, position: int, s: Sentence) -> str:
        """The quotation that ends before the speaker, from its opening mark, across sentences."""
        text = self.doc.text
        end = s.last_close
        if end is None:
            return ""
        for back in range(position, max(-1, position - 6), -1):
            opens = self.sentences[back].opens_before(end)
            if opens:
                return text[opens[0] : end].strip()
        return text[self.sentences[position].toks[0].start : end].strip()


def _in_name(s: Sentence, at: int, words: ActorWords) -> bool:
    """Is the cue at ``at`` capitalised after a capitalised word or an honorific, part of a name (``Hội trường
    Thống Nhất``, ``ông Hứa Ngọc Thuận``)?"""
    written = s.words
    return (
        at > 0
        and written[at][:1].isupper()
        and (written[at - 1][:1].isupper() or words.opens_with_honorific(s.keys, at - 1, at))
    )


def _apposed(s: Sentence, start: int, end: int) -> bool:
    """``William Pena, người đưa ra đề nghị, nói ...``: a cue inside a description of a person set off by
    commas (``người`` opens it) names what the person did, and is no statement of its own."""
    boundary, keys = s.boundaries[start], s.keys
    return (
        boundary >= 0
        and keys[boundary] == ","
        and keys[boundary + 1] == "người"
        and boundary + 2 < start
        and keys[boundary + 2] not in ("ta", "dân")  # "Tuy nhiên, người ta cho rằng, ...": a speaker
        and keys[end : end + 1] == [","]
    )


def _agent_of_noun(s: Sentence, start: int) -> bool:
    """``7 ưu tiên do VN đề xuất``: ``do`` + agent + cue after a noun is a relative clause naming what the agent
    once proposed (a noun phrase), not a statement; a ``Do ...`` opening a clause (because) is not one."""
    for do in range(start - 1, max(0, start - 6), -1):
        if s.toks[do].kind != "syllable":
            return False
        if s.keys[do] == "do":
            agent = s.words[do + 1][:1].isupper() or s.keys[do + 1] in ("các", "những", "ông", "bà", "một")
            return do < start - 1 and s.toks[do - 1].kind == "syllable" and s.words[do] == "do" and agent
    return False


def _asks(s: Sentence) -> bool:
    """A question: the sentence ends with ``?`` outside a quotation (``Theo ông, vì sao ...?``)."""
    last = len(s.keys) - 1
    return last >= 0 and s.keys[last] == "?" and not s.quote_depth[last]


def _link(s: Sentence) -> bool:
    """A link to another article: a line ending with its date in brackets, ``LHQ kêu gọi hỗ trợ ...
    (31/12/2004)``, as news sites list related stories under an article; it is not the article's text."""
    keys = s.keys
    if len(keys) < 6 or keys[-1] != ")" or "(" not in keys[-8:]:
        return False
    date = keys[len(keys) - 1 - keys[::-1].index("(") + 1 : -1]
    return date.count("/") == 2 and all(k == "/" or k.isdigit() for k in date)


def _occurrences(keys: list[str], by_first: dict[str, list[tuple[str, ...]]]) -> int:
    """How many times the phrases (indexed by first key) occur in ``keys``, each phrase counted apart."""
    return sum(tuple(keys[i : i + len(p)]) == p for i, k in enumerate(keys) if k in by_first for p in by_first[k])


def _site(s: Sentence, start: int, end: int, stance: str, previous: tuple | None) -> _Site:
    keys, words = s.keys, s.words
    boundary = s.boundaries[start]
    closes_quote = after_quote(words, boundary) and (_closes(s, end) or keys[end] in _ADVERBIAL)
    return _Site(
        start,
        end,
        stance,
        boundary,
        previous,
        closes_quote,
        segment=max(boundary + 1, previous[2] if previous else 0),
        inside=(
            previous is not None
            and s.clause_ends[previous[2]] >= start
            and not closes_quote
            and tuple(keys[previous[1] : previous[2]]) not in _QUOTING
        ),
        coordinated=(
            end < len(keys) and words[end][:1].isalnum() and all(keys[i] in ADVERBS for i in range(boundary + 1, start))
        ),
    )


def _reports_subject(s: Sentence, site: _Site) -> bool:
    """``Jean Ping cho biết Bình Nhưỡng vẫn đồng ý ...``: the cue stands inside what the previous statement
    says, and that content opens with the cue's own subject (after ``rằng``, ``là``, a comma or a colon), so
    what is reported is that subject's act. Only adverbs may stand between the subject and the cue."""
    if not site.inside:
        return False
    opening = _opening(s, site.previous[2])
    return site.segment <= opening < site.start and trim(s, opening, site.start) - opening <= 8


def _opening(s: Sentence, at: int) -> int:
    """Where the content of a cue ending at ``at`` opens: after ``rằng``, ``là``, a comma or a colon."""
    while at < len(s.keys) and s.keys[at] in _OPENS_CONTENT:
        at += 1
    return at


# The classes of cues whose content is something said, which may report another's act: not "cảm ơn những
# người ủng hộ và hứa ..." (thanks to people) nor "yêu cầu Mỹ nói rõ" (a request to someone).
_SAYING = frozenset(("inform", "assert", "emphasize"))
# What may stand between a cue and the subject of what it reports: "cho biết, Bình Nhưỡng ...",
# "khẳng định rằng Chính phủ ...".
_OPENS_CONTENT = frozenset(fold(w) for w in (",", ":", "rằng", "là"))


def _dash_before(s: Sentence, site: _Site) -> int | None:
    """A spaced dash a few tokens before the cue (``... thời gian tới – Thứ trưởng X cho biết``), within its
    segment: the speaker between them is short, so look no further."""
    back = range(site.start - 2, max(site.segment, site.start - 13), -1)
    return next((i for i in back if s.keys[i] == "-" and s.spaced(i)), None)


def _said(s: Sentence, actor: str, site: _Site) -> list[tuple]:
    """The statement of ``actor`` at ``site``: the quotation before it when the cue closes the sentence,
    else the clause after the cue (if it has three syllables or more)."""
    clause_end = s.clause_ends[site.end]
    if site.closes_quote or _closes(s, site.end):
        dash = _dash_before(s, site)
        if s.last_close is None and dash is not None:  # "... thời gian tới – Thứ trưởng X cho biết.": before the dash
            return [(actor, site.start, site.end, site.stance, max(site.boundary + 1, 0), dash)]
        return [(actor, site.start, site.end, site.stance, "quote", site.boundary)]
    said = [k for k in s.keys[site.end : clause_end] if k[:1].isalnum()]
    if len(said) >= 3 or tuple(said) in _SAID_SO:
        return [(actor, site.start, site.end, site.stance, site.end, clause_end)]
    return []


# Content that points back at what was said before: "X cho PV biết như vậy" (X said so).
_SAID_SO = folded_phrases(("như vậy", "như thế", "vậy", "thế", "điều này", "điều đó", "như trên"))


# Words opening a clause that contrasts with what was said before, with a speaker of its own:
# "X mô tả hàng rào là cần thiết, còn Palestine coi đó là ...".
_CONTRAST = frozenset(fold(w) for w in ("còn", "trong khi", "trong", "song", "tuy", "nhưng"))
# What may stand before a mid-sentence "theo X, ...": a comma, a conjunction ("bởi theo khuyến cáo của ...") or
# "cũng" ("..., cũng theo bà Nga, ..."), "tuy nhiên" ("..., tuy nhiên theo đánh giá của X, ...").
_BEFORE_THEO = frozenset(fold(w) for w in (",", "bởi", "vì", "nhưng", "và", "còn", "song", "mà", "cũng"))
# Syllables that make a person of the noun before them: "hướng dẫn viên" (a guide), "luật sư", "chuyên gia".
_AGENT_SUFFIXES = frozenset(fold(w) for w in "viên sư gia sĩ giả".split())
# Words that end the source of "Theo <noun> của X": "của Bộ Y tế về quản lý giá", "của Mận trước cơ quan điều tra".
_AFTER_SOURCE = frozenset(fold(w) for w in "về trước tại ở trong với cho đối".split())
# Words of number that open a collective: "các điểm thi", "không ít giáo viên", "đa số người dân".
_PLURAL = frozenset(fold(w) for w in "các những nhiều mọi".split())
_PLURAL_PHRASES = folded_phrases(("không ít", "một số", "đa số", "hầu hết", "phần lớn", "nhiều"))
# Indefinite speakers after an existential "có": "Có ý kiến cho rằng", "Có người bảo", "Có nhiều ý kiến lo ngại".
_INDEFINITE = folded_phrases(
    (
        "ý kiến",
        "người",
        "nhiều ý kiến",
        "một số ý kiến",
        "nhiều người",
        "một số người",
        "những ý kiến",
        "người dân",
    )
)
# What may stand before that "có": "Hiện nay có ý kiến cho rằng", "Cũng có người nói".
_BEFORE_INDEFINITE = frozenset(ADVERBS | {fold(w) for w in ("hiện nay", "nay", "song", "tuy nhiên")} | {"còn"})
# Words that join a second predicate to the subject of the first: "X xin lỗi nhưng cho rằng ...",
# "X ủng hộ ... khi cho rằng ...", "Một số người cáo buộc ... vì cho rằng ...".
_JOINS = frozenset(fold(w) for w in ("và", "hoặc", "đồng thời", "nhưng", "song", "rồi", "khi", "vì", "mà"))


def _introduces(s: Sentence, end: int, *, comma: bool = True) -> bool:
    """Does speech follow the cue ending at ``end``: a colon or comma, a quotation, or ``rằng``/``là`` before the
    next punctuation (``miêu tả bệnh tình của ông là nghiêm trọng``)?"""
    keys = s.keys
    following = keys[end] if end < len(keys) else ""
    if following in (":", "rằng", "là") or (comma and following == ","):
        return True
    if end < len(keys) and s.quote_depth[end + 1] > s.quote_depth[end]:
        return True
    for k in keys[end : end + 8]:
        if k in ("rằng", "là", ":"):
            return True
        if not k[:1].isalnum() or k in _JOINS:
            return False  # "xin lỗi nhưng cho rằng": the "rằng" of the next verb
    return False


# What may follow a cue that closes its sentence: "“...”, ông nói thêm.", "..., X cho biết hôm nay.",
# "“...”, bà nói với phóng viên.": an addition, a time or the listener, not what was said.
_TAIL = frozenset(TIMES | {fold(w) for w in "thêm lại hôm trước này đó với báo chí phóng viên PV các nhà tại".split()})


# Words opening an adverbial after the speaker of a quotation: "“...”, X phát biểu tại lễ tưởng niệm."
_ADVERBIAL = frozenset(fold(w) for w in "tại trong trước khi hôm ngày sau với từ".split())


def _closes(s: Sentence, end: int) -> bool:
    """Nothing but punctuation, or a short tail of time, addition and listener words, from ``end`` on."""
    if ends_sentence(s, end):
        return True
    if s.syllables_before[-1] - s.syllables_before[end] > 6:
        return False  # read no further: a long sentence with many cues would cost the square of its length
    rest = [k for k, t in zip(s.keys[end:], s.toks[end:]) if t.kind != "punct"]
    return len(rest) <= 6 and all(k in _TAIL or k[:1].isdigit() for k in rest)


# Nouns after an honorific that make it a common noun, not a pronoun: "bà mẹ", "ông bố", "cô giáo".
_KIN = frozenset(fold(w) for w in "mẹ bố cha con cháu giáo chủ lão".split())


# Verbs of publishing among the [introducing] cues: with a medium as subject they report what it said even
# with no colon, "rằng" or quotation after them ("Báo Tuổi Trẻ đã phản ánh về việc ..."), as its "cho biết".
_PUBLISHING = folded_phrases(("phản ánh", "đưa tin", "công bố"))


# Verbs whose content is another speaker's statement ("X dẫn lời Y cho rằng ...").
_QUOTING = folded_phrases(("dẫn lời", "trích lời", "dẫn nguồn"))


def _reviewing(keys: list[str], start: int, end: int) -> bool:
    """``đánh giá kết quả``, ``đánh giá toàn diện``, ``đánh giá mức độ ô nhiễm``, ``đánh giá 6 vấn đề``: reviewing
    results is an activity, not a statement."""
    following = keys[end] if end < len(keys) else ""
    counted = following[:1].isdigit() and "là" not in keys[end : end + 4]  # "đánh giá 2008 là năm ..." is a view
    return keys[start:end] == ["đánh", "giá"] and (
        following in ("kết", "toàn", "lại", "tình", "mức") or keys[end : end + 2] == ["thực", "trạng"] or counted
    )


_NOT_SAID = {
    ("yêu", "cầu"): ("giấu",),  # asked not to be named: "một công nhân đề nghị giấu tên ... nói"
    ("đề", "nghị"): ("giấu",),
    ("chia", "sẻ"): ("kinh", "thông", "quan", "khó", "với"),
    ("nói",): ("về", "chuyện", "trên", "chia", "đến", "tới"),  # "nói chuyện" (talks with), "tia sáng nói trên" (the
    # said beam), "nói chia tay" (said goodbye: an act), "nói đến cộng đồng X" (mentions); "nói riêng" below
    ("coi",): ("như", "thường", "trọng", "nhẹ", "khinh", "thi", "sóc", "giữ"),  # despise, value, invigilate ...
    ("mong",): ("chờ",),
    ("viết",): ("tay",),  # "lá thư viết tay" (handwritten)
    ("kể",): ("từ", "đến", "trên", "về"),  # "bộ phim kể về ...": telling of, as "nói về"
    ("chỉ", "đạo"): ("quyết", "sát", "chặt", "kịp", "trực", "điều", "thực"),
    ("trả", "lời"): ("trực", "phỏng", "chất", "câu", "về", "liên"),  # answering questions: an activity; "các câu
    # hỏi và trả lời liên quan tới ..." (answers)
    ("bảo",): ("mật", "vệ", "hiểm", "quản", "tồn", "trợ", "hành", "lãnh", "dưỡng", "tàng", "lưu", "an", "toàn"),
    ("nêu",): ("ra", "trên"),  # raising points or questions; "những nguyên nhân nêu trên" (named above)
    ("phát", "biểu"): ("tại", "trong", "khai", "bế", "chào", "trước", "ý"),  # gave a speech at ...: an event
}


def _not_said(keys: list[str], start: int, end: int, words: list[str], quoted: bool = False) -> bool:
    """``yêu cầu giấu tên``, ``chia sẻ kinh nghiệm``, ``nói chung``, ``coi như``, a cue's noun
    (``yêu cầu của Mỹ``) and a passive (``được coi là``): a cue's words that report nothing."""
    after = end
    while after < len(keys) and (keys[after] in TIMES or keys[after] in ("hôm", "qua") or keys[after][:1].isdigit()):
        after += 1  # "phát biểu hôm qua tại ...": what follows the time
    following = keys[after] if after < len(keys) else ""
    before = keys[start - 1] if start else ""
    if keys[max(0, start - 2) : start] in (["những", "người"], ["các", "người"]):
        return True  # "những người phản đối": the opponents
    passive = before in ("được", "bị")  # "người được coi là ...": said of, not by, someone
    passive = passive or before in PURPOSE  # "triệu đại sứ ... để thông báo về quyết định": a purpose
    # "cuộc phản đối", "giới chỉ trích", "tự nhận xét": a noun, not an act ("Lê Nam Giới khẳng định" is a name)
    noun = (
        before in _NOMINAL
        and (words[start - 1][:1].islower() or start == 1)
        and tuple(keys[max(0, start - 2) : start]) not in _NOT_NOMINAL  # "Ngân hàng Thế giới cho biết"
    )
    # "giữ đúng lời hứa", "đáp lại lời kêu gọi": a word said, not saying it ("gửi lời cảm ơn", "ngỏ lời" say it)
    noun = noun or (before == "lời" and (keys[start - 2] if start > 1 else "") not in _SAYING_WORDS)
    # "nói về đề nghị tăng phí": a cue after "về" is what is talked about, a noun
    noun = noun or before == "về"
    # "Các ý kiến phản đối tập trung vào ...": opinions of a kind ("Nhiều ý kiến cho rằng ..." is said)
    noun = noun or (keys[max(0, start - 2) : start] == ["ý", "kiến"] and tuple(keys[start:end]) in _KINDS_OF_OPINION)
    windows = ((max(0, start - 1), end), (start, end + 1), (start, end + 2), (max(0, start - 1), end + 1))
    if any(tuple(keys[a:b]) in _COMPOUNDS for a, b in windows):
        return True
    activity = not quoted and following in _NOT_SAID.get(tuple(keys[start:end]), ())  # after a quotation: its speaker
    # "ở An Giang nói riêng" (in particular) says nothing; "nói riêng với phóng viên" (told privately) does
    alone = keys[start:end] == ["nói"] and keys[end : end + 1] == ["riêng"] and keys[end + 1 : end + 2] != ["với"]
    activity = activity or alone
    return passive or noun or following == "của" or activity


# Words that make the verb after them a noun: classifiers ("cuộc phản đối", "sự lo ngại", "việc chỉ đạo"),
# "giới" (a circle of people: "giới chỉ trích", the critics), "tự" (self-: "bản tự nhận xét") and a number or
# plural ("sẽ có một thông báo", "các yêu cầu").
_NOMINAL = frozenset(fold(w) for w in "cuộc sự việc giới tự một những các".split())
# Cues that after "ý kiến" say what kind of opinions they are.
_KINDS_OF_OPINION = folded_phrases(("phản đối", "đồng tình", "tán thành", "đồng ý", "không đồng tình", "không đồng ý"))
# Light verbs before "lời" that make "lời <cue>" a statement: "gửi lời cảm ơn", "ngỏ lời chúc mừng", "buông lời
# chỉ trích", "bày tỏ lời cảm ơn", "nói lời cảm ơn".
_SAYING_WORDS = frozenset(fold(w) for w in "gửi gởi ngỏ có buông tỏ nói".split())
# Words ending in one of them that are no classifier: "thế giới" (world), "quân sự" (military) ...
_NOT_NOMINAL = folded_phrases(
    (
        "thế giới",
        "biên giới",
        "ranh giới",
        "tương tự",
        "trật tự",
        "thứ tự",
        "độc tự",
        "quân sự",
        "dân sự",
        "hình sự",
        "nhân sự",
        "thực sự",
        "lãnh sự",
        "thời sự",
        "công việc",
        "làm việc",
        "sự việc",
        "vụ việc",
    )
)
# Words whose last or first syllables are a cue: "Xô viết" (Soviet), "suy nghĩ", "ý nghĩ" (thought), "trông coi"
# (look after), "nhu cầu" (need) before "xin"; "mong manh" (fragile), "kể cả" (including), "nói chung" (in
# general), also after a quotation; "thống nhất Tổ quốc", "thống nhất đất nước" (the country's reunification).
_COMPOUNDS = folded_phrases(
    (
        *("Xô viết", "suy nghĩ", "ý nghĩ", "trông coi", "nhu cầu xin", "mong manh", "kể cả", "nói chung"),
        *("thống nhất Tổ quốc", "thống nhất đất nước", "đàm phán"),  # "nhà đàm phán" (negotiator): no "phán"
        *("phụ trách", "trách nhiệm"),  # in charge of, responsibility: no "trách" (reproaches)
        *("vì mong muốn", "do mong muốn"),  # "chỉ vì mong muốn hòa hợp": out of a wish, a cause
        *("vì nghĩ", "do nghĩ"),  # "mà vì nghĩ rằng ...": a reason, not a view stated
        "sẽ trả lời",  # "Sở Tài chính sẽ trả lời 2 nội dung": answers to come, none given
        *("hội đồng tình báo",),  # the intelligence council: no "đồng tình" (agrees) in it
    )
)


def evaluate(found: pd.DataFrame, gold: pd.DataFrame) -> tuple[float, float, pd.DataFrame]:
    """Precision and recall of ``found`` statements against ``gold`` ones, matched on
    ``doc_id, sentence_id, actor`` (folded) and ``stance``, each gold row at most once; and the
    misses and false finds, with ``kind`` = ``missed`` or ``spurious``."""
    key = ["doc_id", "sentence_id", "actor", "stance"]
    f, g = (t[key].assign(actor=t["actor"].map(fold)) for t in (found, gold))
    f, g = f.assign(n=f.groupby(key).cumcount()), g.assign(n=g.groupby(key).cumcount())
    merged = f.merge(g, on=[*key, "n"], how="outer", indicator=True)
    hits = int((merged["_merge"] == "both").sum())
    precision = hits / len(f) if len(f) else 0.0
    recall = hits / len(g) if len(g) else 0.0
    errors = merged[merged["_merge"] != "both"].assign(
        kind=lambda t: t["_merge"].map({"left_only": "spurious", "right_only": "missed"}).astype(str)
    )
    return precision, recall, errors[[*key, "kind"]].sort_values(key).reset_index(drop=True)
