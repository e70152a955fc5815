"""Stance: who says what, and how, in Vietnamese news: attributed statements with actor, cue and class.

A statement is found where a reporting verb (a *cue*, ``data/stance_cues.toml``)
has an actor as its subject. Patterns, all matched on folded syllables:

* subject + cue + content: ``Tổng Bí thư Tô Lâm nhấn mạnh ...``; the subject is
  what stands between the last comma, semicolon or colon and the cue, so a fronted
  clause is skipped (``Chiều 5/2, trong cuộc hội kiến Thủ tướng Lào Sonexay
  Siphandone, Tổng Bí thư Tô Lâm nhấn mạnh`` gives Tô Lâm);
* coordinated predicates share their subject: ``Tổng Bí thư hoan nghênh ...; đề
  nghị ...`` gives two statements by the same actor;
* a quotation followed by its speaker: ``“...”, Thứ trưởng Nguyễn Mạnh Cường nhấn
  mạnh.`` (the content is the quotation, also when it began sentences before);
* ``Theo X, ...``: attribution, stance ``inform``;
* an apposition: ``bà Kiều Thị Hồng Phúc, Tổng Lãnh sự ... cho biết`` gives her.

Actors (``data/actors.toml``, extensible): a person by name alone; a bare title or
``Ông``/``Bà`` resolved to the person last named with it in the document; otherwise
the collective, country or body as written (``Hai bên``; a first letter in lower case
mid-sentence is capitalised, so ``hai bên`` counts with ``Hai bên``). A cue inside the content
of another statement (``... từ cam kết sang kết quả``) is not a new statement.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import config
from .errors import InputError
from .layout import Document
from .tomldata import entries, read_toml, table, text, texts
from .vietnamese import Token, fold, normalize, token_keys, tokens

__all__ = ["Register", "load_register", "StanceExtractor", "STANCE_COLUMNS", "STANCES", "evaluate"]

STANCE_COLUMNS = ["doc_id", "date", "sentence_id", "actor", "cue", "stance", "content"]
STANCES = ("assert", "emphasize", "inform", "propose", "agree", "praise", "thank", "commit", "concern", "oppose")
# Words that may stand between a subject and its verb, or open a coordinated predicate.
_ADVERBS = frozenset(fold(w) for w in (
    "cũng đã đều vẫn tiếp tục sẽ còn luôn cùng đồng thời và nhưng song thì đặc biệt một lần nữa "
    "trước đó sau đó tiếp đó hôm nay khi đó cũng như cao").split())
_OPEN, _CLOSE = "“\"‘«", "”\"’»"


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    titles: tuple[str, ...]
    country: str


@dataclass(frozen=True)
class Register:
    """People, groups and office titles known to the extractor."""

    persons: tuple[Person, ...]
    groups: dict  # folded name -> country
    titles: tuple[str, ...]
    places: tuple[str, ...] = ()

    def country(self, actor: str) -> str:
        key = fold(actor)
        for p in self.persons:
            if fold(p.name) == key:
                return p.country
        return self.groups.get(key, "")

    def role(self, actor: str) -> str:
        key = fold(actor)
        return next((p.role for p in self.persons if fold(p.name) == key), "")


def load_register(path: str | Path | None = None, *, extra: str | Path | None = None) -> Register:
    """The built-in actor register, or the one at ``path``, plus the entries of ``extra``."""
    persons, groups, titles, places = [], {}, [], []
    for source in [path or config.DATA / "actors.toml", extra]:
        if source is None:
            continue
        where = str(source)
        data = read_toml(source, "actor register")
        persons += [Person(text(e, "name", where, at), text(e, "role", where, at, ""), texts(e, "titles", where, at),
                           text(e, "country", where, at, "")) for at, e in entries(data, "person", where)]
        groups.update((fold(n), text(e, "country", where, at, "")) for at, e in entries(data, "group", where)
                      for n in texts(e, "names", where, at, required=True))
        titles += texts(table(data, "titles", where), "words", where, "[titles]")
        places += texts(table(data, "places", where), "words", where, "[places]")
    return Register(tuple(persons), groups, tuple(titles), tuple(places))


def _load_cues(path: Path | None = None) -> dict[tuple[str, ...], str]:
    data = tomllib.loads(Path(path or config.DATA / "stance_cues.toml").read_text(encoding="utf-8"))
    cues = {tuple(fold(k).split()): v for k, v in data["cues"].items()}
    unknown = sorted(set(cues.values()) - set(STANCES))
    if unknown:
        raise InputError(str(path), f"unknown stance class {unknown[0]!r}")
    return cues


def _load_tone() -> dict[str, list[tuple[str, ...]]]:
    data = tomllib.loads((config.DATA / "tone.toml").read_text(encoding="utf-8"))
    return {k: [tuple(fold(w).split()) for w in v] for k, v in data.items()}


def _find(keys: list[str], phrase: tuple[str, ...], start: int = 0, end: int | None = None) -> list[int]:
    end = len(keys) if end is None else end
    n = len(phrase)
    return [i for i in range(start, end - n + 1) if tuple(keys[i:i + n]) == phrase]


class _Sentence:
    """A sentence's folded token keys, with tokens and words as written unpacked on demand."""

    def __init__(self, index: int, kind: str, text: str, original: str, start: int, end: int):
        self.index, self.kind = index, kind
        self._text, self._original, self._start, self._end = text, original, start, end
        self.keys = token_keys(text[start:end])

    @cached_property
    def toks(self) -> list[Token]:
        return tokens(self._text, self._start, self._end)

    @cached_property
    def words(self) -> list[str]:
        return [self._original[t.start:t.end] for t in self.toks]

    # Scans of the whole sentence, made once: asked for every cue, they would make a sentence with
    # many cues cost the square of its length.
    @cached_property
    def quote_depth(self) -> list[int]:
        """How many quotations are open before each token (and after the last)."""
        depth, out = 0, []
        for w in self.words:
            out.append(depth)
            if w in "“«":
                depth += 1
            elif w in "”»" and depth:
                depth -= 1
        return out + [depth]

    @cached_property
    def boundaries(self) -> list[int]:
        """For each token, the last comma, semicolon, colon or closing quote before it (or -1)."""
        last, out = -1, []
        for i, k in enumerate(self.keys):
            out.append(last)
            if k in (",", ";", ":") or k in _CLOSE:
                last = i
        return out + [last]

    @cached_property
    def clause_ends(self) -> list[int]:
        """For each token, the next semicolon from it on (what one statement says ends there), or the end."""
        end, out = len(self.keys), []
        for i in range(len(self.keys) - 1, -1, -1):
            if self.keys[i] == ";":
                end = i
            out.append(end)
        return out[::-1] + [len(self.keys)]

    @cached_property
    def syllables_before(self) -> list[int]:
        """How many syllables (words starting with a letter or digit) come before each token."""
        count, out = 0, [0]
        for w in self.words:
            count += bool(w[:1].isalnum())
            out.append(count)
        return out

    @cached_property
    def last_close(self) -> int | None:
        """Where the last closing quotation mark of the sentence starts."""
        return max((t.start for t, w in zip(self.toks, self.words) if w in _CLOSE), default=None)


class StanceExtractor:
    """Attributed statements of documents, as a table with the contract's columns.

    Parameters
    ----------
    register : Register, optional
        Actors (default: :func:`load_register`).
    keep_captions : bool
        Read captions too (default: no).

    >>> from analysis.layout import parse_document
    >>> doc = parse_document("d", "Chiều 5/2, trong cuộc hội kiến Thủ tướng Lào Sonexay Siphandone, "
    ...                           "Tổng Bí thư Tô Lâm nhấn mạnh hai bên cần hợp tác hiệu quả.")
    >>> StanceExtractor().extract([doc])[["actor", "cue", "stance"]].values.tolist()
    [['Tô Lâm', 'nhấn mạnh', 'emphasize']]
    """

    def __init__(self, *, register: Register | None = None, keep_captions: bool = False):
        self.register = register
        self.keep_captions = keep_captions

    def extract(self, documents: list[Document]) -> pd.DataFrame:
        """One row per statement: ``doc_id, date, sentence_id, actor, cue, stance, content``, then
        ``actor_country, actor_role, tone_positive, tone_difficulty, tone``."""
        register = self.register or load_register()
        cues = sorted(_load_cues().items(), key=lambda kv: -len(kv[0]))
        tone = _load_tone()
        rows = []
        for doc in documents:
            rows += _Document(doc, register, cues, tone, self.keep_captions).statements()
        return pd.DataFrame(rows, columns=[*STANCE_COLUMNS, "actor_country", "actor_role", "tone_positive",
                                           "tone_difficulty", "tone"])


class _Document:
    def __init__(self, doc: Document, register: Register, cues, tone, keep_captions: bool):
        self.doc, self.register, self.tone = doc, register, tone
        self.cues_by_first: dict[str, list] = {}
        for cue, stance in cues:  # longest first
            self.cues_by_first.setdefault(cue[0], []).append((cue, stance))
        text = normalize(doc.text)
        self.sentences = [_Sentence(s.index, s.kind, text, doc.text, s.start, s.end) for s in doc.sentences]
        # A country or body is named in at most this many tokens: longer subjects need not be looked up.
        self.longest_group = max((len(token_keys(name)) for name in register.groups), default=0)
        self.keep_captions = keep_captions
        self.names = [(tuple(fold(p.name).split()), p) for p in register.persons]
        self.names_by_first: dict[str, list] = {}
        for key, person in self.names:
            self.names_by_first.setdefault(key[0], []).append((key, person))
        self.places = sorted((tuple(fold(p).split()) for p in register.places), key=len, reverse=True)
        self.titles = sorted({tuple(fold(t).split()) for t in register.titles}
                             | {tuple(fold(t).split()) for p in register.persons for t in p.titles}, key=len,
                             reverse=True)
    # -- actors ---------------------------------------------------------------------
    @cached_property
    def mentions(self) -> list[tuple[int, int, str, frozenset]]:
        """Every mention of a known person: (sentence, token, person, titles just before the name)."""
        found = []
        title_first = {t[0] for t in self.titles}
        for s in self.sentences:
            for i, key in enumerate(s.keys):
                person = self._name_at(s, i) if key in self.names_by_first else None
                if person:
                    before = tuple(s.keys[max(0, i - 6):i])
                    titles = {t for t in self.titles if _ends_within(before, t)}
                    found.append((s.index, i, person, frozenset(titles)))
                elif key in title_first:
                    for title in self.titles:
                        if tuple(s.keys[i:i + len(title)]) == title:
                            end = _name_end(s, i + len(title))
                            name = self._unknown_name(s, i + len(title), end)
                            if name and not any(p.name == name for p in self.register.persons):
                                found.append((s.index, i, name, frozenset({title})))
                            break
        return found

    def _name_at(self, s: _Sentence, i: int) -> str | None:
        for key, person in self.names_by_first.get(s.keys[i], ()):
            if tuple(s.keys[i:i + len(key)]) == key:
                return person.name
        return None

    def _resolve(self, title: tuple[str, ...], s: _Sentence, at: int) -> str | None:
        """The person last named with ``title`` before token ``at`` of sentence ``s``."""
        for sentence, token, person, titles in reversed(self.mentions):
            if (sentence, token) >= (s.index, at):
                continue
            known = {tuple(fold(t).split()) for p in self.register.persons if p.name == person for t in p.titles}
            if title in titles or title in known:
                return person
        return None

    def _actor(self, s: _Sentence, start: int, end: int) -> str | None:
        """The actor standing at the end of tokens ``start:end`` (adverbs before the verb allowed)."""
        while end > start and s.keys[end - 1] in _ADVERBS:
            end -= 1
        while start < end and s.toks[start].kind == "punct":
            start += 1
        if end <= start:
            return None
        keys = s.keys
        for key, person in self.names:  # a known person
            if len(key) <= end - start and tuple(keys[end - len(key):end]) == key:
                return person.name
        for n in range(min(6, end - start), 1, -1):  # a collective: "Hai bên", "Hai Chủ tịch Quốc hội"
            if _collective(keys[end - n:end]) and n == end - start:
                return _as_written(s, end - n, end)
        for title in self.titles:  # a title and a name nobody registered, or a bare title to resolve
            n = len(title)
            if tuple(keys[start:start + n]) == title:
                named = self._unknown_name(s, start + n, end)
                if named:
                    return named
                if all(w[:1].isupper() or not w[:1].isalpha() or fold(w) in ("giao", "tại")
                       for w in map(s.words.__getitem__, range(start + n, end))):
                    return self._resolve(title, s, start)
        if end - start <= self.longest_group and fold(" ".join(keys[start:end])) in self.register.groups:
            return _as_written(s, start, end)
        return None

    def _unknown_name(self, s: _Sentence, start: int, end: int) -> str | None:
        """A person nobody registered: the capitalised run that ends at ``end``, after a title,
        less the countries and bodies before it (``Lào Sonexay Siphandone``). A run after
        ``tại``/``ở`` that starts with no country is a place (``tại Luang Prabang``)."""
        run = end
        while run > start and s.words[run - 1][:1].isupper() and s.toks[run - 1].kind == "syllable":
            run -= 1
        first, stripped = run, True
        while stripped:
            stripped = False
            for place in self.places:
                if tuple(s.keys[first:first + len(place)]) == place:
                    first, stripped = first + len(place), True
                    break
        if first == run and run > start and s.keys[run - 1] in ("tại", "ở", "của"):
            return None
        return " ".join(s.words[first:end]) if end - first >= 2 else None

    # -- statements -----------------------------------------------------------------
    def statements(self) -> list[tuple]:
        rows = []
        first_keys = set(self.cues_by_first) | {"theo"}
        for position, s in enumerate(self.sentences):
            if (s.kind == "caption" and not self.keep_captions) or first_keys.isdisjoint(s.keys):
                continue
            rows += [self._row(s, position, *found) for found in self._statements_in(s)]
        return rows

    def _statements_in(self, s: _Sentence):
        """``(actor, cue start, cue end, stance, content start, content end)`` of each statement;
        content ``("quote", i)`` is the quotation that closes before token ``i``."""
        keys, words = s.keys, s.words
        found = []
        theo = False
        if keys[:1] == ["theo"]:
            comma = next((i for i, k in enumerate(keys) if k == ","), None)
            actor = self._actor(s, 1, comma) if comma else None
            if actor:
                found.append((actor, 0, 1, "inform", comma + 1, s.clause_ends[comma + 1]))
                theo = True
        for cue_start, cue_end, stance in self._cues(keys):
            if s.quote_depth[cue_start] > 0:
                continue
            boundary = s.boundaries[cue_start]
            previous = found[-1] if found else None
            closes_quote = _after_quote(words, boundary) and _ends_sentence(s, cue_end)
            segment = max(boundary + 1, previous[2] if previous else 0)
            inside = previous is not None and (theo or s.clause_ends[previous[2]] >= cue_start) and not closes_quote
            actor = None
            if not inside or (boundary >= 0 and keys[boundary] == ";"):
                actor = self._actor(s, segment, cue_start)
                if actor is None and boundary >= 0 and keys[boundary] == "," and self._starts_with_title(keys, boundary + 1):
                    actor = self._actor(s, s.boundaries[boundary] + 1, boundary)  # an apposition
            coordinated = (not theo and cue_end < len(keys) and words[cue_end][:1].isalnum()
                           and all(keys[i] in _ADVERBS for i in range(boundary + 1, cue_start)))
            if actor is None and coordinated and previous and boundary >= previous[2]:
                actor = previous[0]  # a coordinated predicate: the same subject
            elif actor is None and previous and cue_start and keys[cue_start - 1] in ("và", "đồng thời"):
                actor = previous[0]  # "... đề nghị ... và cho biết ..."
            elif actor is None and coordinated and not previous and boundary >= 0:
                actor = self._subject(s)  # "Hai bên cũng chia sẻ quan điểm ..., vui mừng ..."
            if actor is not None and _reviewing(keys, cue_start, cue_end):
                actor = None
            if actor is None:
                continue
            clause_end = s.clause_ends[cue_end]
            if closes_quote or _ends_sentence(s, cue_end):
                found.append((actor, cue_start, cue_end, stance, "quote", boundary))
            elif s.syllables_before[clause_end] - s.syllables_before[cue_end] >= 3:
                found.append((actor, cue_start, cue_end, stance, cue_end, clause_end))
        # What one actor says ends where the next statement of the sentence begins.
        return [(a, cs, ce, st, c0, c1 if c0 == "quote" or i + 1 == len(found) else min(c1, found[i + 1][1]))
                for i, (a, cs, ce, st, c0, c1) in enumerate(found)]

    def _subject(self, s: _Sentence) -> str | None:
        """The actor that opens the sentence, if one does."""
        for n in range(min(8, len(s.keys)), 0, -1):
            actor = self._actor(s, 0, n)
            if actor:
                return actor
        return None

    def _starts_with_title(self, keys: list[str], start: int) -> bool:
        return any(tuple(keys[start:start + len(t)]) == t for t in self.titles)

    def _cues(self, keys: list[str]) -> list[tuple[int, int, str]]:
        """Cue matches, longest first where two overlap."""
        out, i = [], 0
        while i < len(keys):
            for cue, stance in self.cues_by_first.get(keys[i], ()):
                if tuple(keys[i:i + len(cue)]) == cue:
                    out.append((i, i + len(cue), stance))
                    i += len(cue)
                    break
            else:
                i += 1
        return out

    def _row(self, s: _Sentence, position: int, actor, cue_start, cue_end, stance, c0, c1) -> tuple:
        doc = self.doc
        cue = doc.text[s.toks[cue_start].start:s.toks[cue_end - 1].end]
        content = self._quote(position, s) if c0 == "quote" else _span_text(doc.text, s.toks, c0, c1)
        tone_keys = token_keys(normalize(content))
        positive = sum(len(_find(tone_keys, p)) for p in self.tone["positive"])
        difficulty = sum(len(_find(tone_keys, p)) for p in self.tone["difficulty"])
        tone = "mixed" if positive and difficulty else "positive" if positive else "difficulty" if difficulty else ""
        return (doc.doc_id, doc.date.isoformat() if doc.date else "", s.index, actor, cue, stance, content,
                self.register.country(actor), self.register.role(actor), positive, difficulty, tone)

    def _quote(self, position: int, s: _Sentence) -> str:
        """The quotation that ends before the speaker, from its opening mark, across sentences."""
        text = self.doc.text
        end = s.last_close
        if end is None:
            return ""
        for back in range(position, max(-1, position - 6), -1):
            sentence = self.sentences[back]
            opens = [t.end for t, w in zip(sentence.toks, sentence.words) if w in _OPEN and t.start < end]
            if opens:
                return text[opens[0]:end].strip()
        return text[self.sentences[position].toks[0].start:end].strip()


def _name_end(s: _Sentence, start: int) -> int:
    """Where the run of capitalised words (or ``tại``, ``giao``) after a title ends."""
    end = start
    while end < len(s.keys) and s.toks[end].kind == "syllable" and (
            s.words[end][:1].isupper() or s.keys[end] in ("giao", "tại", "ở")):
        end += 1
    while end > start and not s.words[end - 1][:1].isupper():
        end -= 1
    return end


def _ends_within(before: tuple[str, ...], title: tuple[str, ...]) -> bool:
    n = len(title)
    return any(before[i:i + n] == title for i in range(len(before) - n + 1))


_COLLECTIVE_NOUNS = frozenset(fold(w) for w in (
    "bên", "nước", "nhà lãnh đạo", "lãnh đạo", "Đảng", "Quốc hội", "Chính phủ", "Nhà nước", "phía", "Bộ Ngoại giao",
    "Bộ trưởng", "Thủ tướng", "Chủ tịch Quốc hội", "Chủ tịch nước", "Tổng Bí thư", "Bộ trưởng Ngoại giao",
    "Ngoại trưởng", "đoàn", "Thứ trưởng"))


def _collective(keys: list[str]) -> bool:
    """``Hai bên``, ``Hai Thủ tướng``, ``Hai Chủ tịch Quốc hội``, ``Ba bên``, ``Các bên``."""
    return len(keys) >= 2 and keys[0] in ("hai", "ba", "các") and " ".join(keys[1:]) in _COLLECTIVE_NOUNS


def _as_written(s: _Sentence, start: int, end: int) -> str:
    """A collective or body as written, its first letter capitalised (``hai bên`` is ``Hai bên``)."""
    text = " ".join(s.words[start:end])
    return text[:1].upper() + text[1:]


def _reviewing(keys: list[str], start: int, end: int) -> bool:
    """``đánh giá kết quả``, ``đánh giá toàn diện``: reviewing results is an activity, not a statement."""
    return keys[start:end] == ["đánh", "giá"] and keys[end:end + 1] in (["kết"], ["toàn"], ["lại"], ["tình"])


def _after_quote(words: list[str], boundary: int) -> bool:
    """Is ``boundary`` a closing quote, or punctuation just after one (``”,`` ``”.``)?"""
    return boundary >= 0 and (words[boundary] in _CLOSE or (boundary > 0 and words[boundary - 1] in _CLOSE))


def _ends_sentence(s: _Sentence, at: int) -> bool:
    """Nothing but punctuation from token ``at`` on."""
    return s.syllables_before[-1] == s.syllables_before[at]


def _span_text(text: str, toks: list[Token], first: int, end: int) -> str:
    while first < end and toks[first].kind == "punct" and text[toks[first].start] in ",:;-":
        first += 1
    if first >= end:
        return ""
    return re.sub(r"[\s.;,]+$", "", text[toks[first].start:toks[end - 1].end]).strip()


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
        kind=lambda t: t["_merge"].map({"left_only": "spurious", "right_only": "missed"}).astype(str))
    return precision, recall, errors[[*key, "kind"]].sort_values(key).reset_index(drop=True)
