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
* ``Theo X, ...`` in all its forms (``Còn theo X``, ``..., theo X, ...``, ``Theo nhận định
  của X``): attribution, stance ``inform``.

Actors are read from the words (:mod:`analysis.stance.actors`): no register is needed; the
register (``data/actors.toml``) adds country and role, and resolves titles of the people it
lists. Pronouns, bare titles and lone surnames are resolved to the nearest fitting earlier
actor of the document, or left as written (``actor_type`` ``unresolved``). A cue inside a
quotation or inside the content of another statement (``... từ cam kết sang kết quả``), in a
passive or purpose clause, or used as a noun (``yêu cầu của Mỹ``) is not a statement.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import config
from ..errors import InputError
from ..reading.layout import Document
from ..text.vietnamese import Token, fold, normalize, token_keys, tokens
from ..tomldata import entries, read_toml, table, text, texts
from .actors import ActorWords, load_actor_words

__all__ = ["Register", "load_register", "StanceExtractor", "STANCE_COLUMNS", "STANCES", "evaluate"]

STANCE_COLUMNS = ["doc_id", "date", "sentence_id", "actor", "cue", "stance", "content"]
STANCES = ("assert", "emphasize", "inform", "propose", "agree", "praise", "thank", "commit", "concern", "oppose")
# Words that may stand between a subject and its verb, or open a coordinated predicate.
_ADVERBS = frozenset(
    fold(w)
    for w in (
        "cũng đã đều vẫn tiếp tục sẽ còn luôn cùng đồng thời và nhưng song thì đặc biệt một lần nữa "
        "trước đó sau đó tiếp đó hôm nay khi đó cũng như cao vừa mới chỉ thường từng"
    ).split()
)
_OPEN, _CLOSE = '“"‘«', '”"’»'


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
        persons += [
            Person(
                text(e, "name", where, at),
                text(e, "role", where, at, ""),
                texts(e, "titles", where, at),
                text(e, "country", where, at, ""),
            )
            for at, e in entries(data, "person", where)
        ]
        groups.update(
            (fold(n), text(e, "country", where, at, ""))
            for at, e in entries(data, "group", where)
            for n in texts(e, "names", where, at, required=True)
        )
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
    return [i for i in range(start, end - n + 1) if tuple(keys[i : i + n]) == phrase]


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
        return [self._original[t.start : t.end] for t in self.toks]

    # Scans of the whole sentence, made once: asked for every cue, they would make a sentence with
    # many cues cost the square of its length.
    @cached_property
    def quote_depth(self) -> list[int]:
        """How many quotations are open before each token (and after the last)."""
        depth, out = 0, []
        for t, w in zip(self.toks, self.words):
            out.append(depth)
            if w in "“«" or (w == '"' and _opens(self._original, t.start)):
                depth += 1
            elif w in '”»"' and depth:
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

    def span(self, start: int, end: int) -> str:
        """Tokens ``start:end`` as written, spaces collapsed (``VietnamWorks.com``, ``Bộ GD-ĐT``)."""
        return " ".join(self._original[self.toks[start].start : self.toks[end - 1].end].split())

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

    >>> from analysis.reading.layout import parse_document
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
        shared = _Shared(register, cues, _load_tone(), load_actor_words())
        rows = []
        for doc in documents:
            rows += _Document(doc, shared, self.keep_captions).statements()
        return pd.DataFrame(
            rows,
            columns=[
                *STANCE_COLUMNS,
                "actor_country",
                "actor_role",
                "tone_positive",
                "tone_difficulty",
                "tone",
                "actor_type",
            ],
        )


class _Shared:
    """What every document's extraction reads: the register, cues, tone words and actor lexicons, built once."""

    def __init__(self, register: Register, cues, tone, words: ActorWords):
        self.register, self.tone, self.words = register, tone, words
        self.cues_by_first: dict[str, list] = {}
        for cue, stance in cues:  # longest first
            self.cues_by_first.setdefault(cue[0], []).append((cue, stance))
        self.longest_group = max((len(token_keys(name)) for name in register.groups), default=0)
        self.names = [(tuple(fold(p.name).split()), p) for p in register.persons]
        self.names_by_first: dict[str, list] = {}
        for key, person in self.names:
            self.names_by_first.setdefault(key[0], []).append((key, person))
        self.places = sorted((tuple(fold(p).split()) for p in register.places), key=len, reverse=True)
        self.titles = sorted(
            {tuple(fold(t).split()) for t in register.titles}
            | {tuple(fold(t).split()) for p in register.persons for t in p.titles},
            key=len,
            reverse=True,
        )
        self.title_first = {t[0] for t in self.titles}
        self.person_names = {fold(p.name) for p in register.persons}


class _Document:
    """One document's statements: its sentences, the actors recognised and spoken so far (for
    references), and the rows."""

    def __init__(self, doc: Document, shared: _Shared, keep_captions: bool):
        self.doc, self.shared, self.register, self.tone = doc, shared, shared.register, shared.tone
        self.cues_by_first, self.longest_group = shared.cues_by_first, shared.longest_group
        self.names, self.names_by_first = shared.names, shared.names_by_first
        self.places, self.titles = shared.places, shared.titles
        text = normalize(doc.text)
        self.sentences = [_Sentence(s.index, s.kind, text, doc.text, s.start, s.end) for s in doc.sentences]
        self.keep_captions = keep_captions
        self.types: dict[str, str] = {}  # actor -> actor_type
        self.country_of: dict[str, str] = {}  # actor -> the country its phrase names
        self.unnamed: set[str] = set()  # actors that are a person by title alone ("Giám đốc cảng Duba")
        self.bare: set[str] = set()  # capitalised words alone, with no honorific or title ("Askari")
        self.spoken: list[tuple[int, int, str, str]] = []  # (sentence, token, actor, type) of statements so far

    # -- actors ---------------------------------------------------------------------
    @cached_property
    def mentions(self) -> list[tuple[int, int, str, frozenset]]:
        """Every mention of a known person: (sentence, token, person, titles just before the name)."""
        found = []
        title_first = self.shared.title_first
        for s in self.sentences:
            for i, key in enumerate(s.keys):
                person = self._name_at(s, i) if key in self.names_by_first else None
                if person:
                    before = tuple(s.keys[max(0, i - 6) : i])
                    titles = {t for t in self.titles if _ends_within(before, t)}
                    found.append((s.index, i, person, frozenset(titles)))
                elif key in title_first:
                    for title in self.titles:
                        if tuple(s.keys[i : i + len(title)]) == title:
                            end = _name_end(s, i + len(title))
                            name = self._unknown_name(s, i + len(title), end)
                            if name and fold(name) not in self.shared.person_names:
                                found.append((s.index, i, name, frozenset({title})))
                            break
        return found

    def _name_at(self, s: _Sentence, i: int) -> str | None:
        for key, person in self.names_by_first.get(s.keys[i], ()):
            if tuple(s.keys[i : i + len(key)]) == key:
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
        """The actor standing at the end of tokens ``start:end`` (adverbs and times before the verb allowed)."""
        end = _trim(s, start, end)
        while start < end and s.toks[start].kind == "punct":
            start += 1
        text = self.doc.text
        whole_group = end - start <= self.longest_group and fold(" ".join(s.keys[start:end])) in self.register.groups
        for i in range(start + 1, end if not whole_group else start):  # "Việt Nam - Lào" is one group
            if s.words[i] == "(" or (s.keys[i] == "-" and text[s.toks[i].start - 1].isspace()):
                end = _trim(s, start, i)  # a description after a spaced dash or in brackets
                break
        if end <= start:
            return None
        actor = self._registered(s, start, end)
        if actor is not None:
            self.types.setdefault(actor, self._register_type(actor))
            named = self.shared.words.countries_in(s.keys, start, end)
            if named and fold(actor) not in self.shared.words.country_names:
                self.country_of.setdefault(actor, named[0])
            return actor
        return self._general(s, start, end)

    def _register_type(self, actor: str) -> str:
        key = fold(actor)
        if key in self.shared.person_names or key not in self.register.groups:
            return "person" if not _collective(key.split()) else "collective"
        if _collective(key.split()) or key.split()[0] in ("hai", "ba", "các"):
            return "collective"
        return "country" if key in self.shared.words.country_names else "body"

    def _general(self, s: _Sentence, start: int, end: int) -> str | None:
        """An actor from the words of the phrase (:mod:`analysis.stance.actors`), references resolved."""
        found = self.shared.words.recognise(s, start, end)
        if found is None:
            return None
        actor, kind = found.text, found.type
        if found.key in ("unnamed", "bare"):
            self.unnamed.add(actor)  # a weak reading: a named person set off by commas before it wins
        if found.key == "bare":
            self.bare.add(actor)
        named = self.shared.words.countries_in(s.keys, start, end)
        if named and not found.resolve:
            self.country_of.setdefault(actor, named[0])
        if found.resolve:
            resolved = self._refer(found, s, start)
            if (
                resolved is None
                and found.resolve == "surname"
                and end - start == 1
                and start == 0
                and not actor.isascii()
            ):
                return None  # a capitalised first word nobody was named by ("Lễ", "Lời"): not a name
            actor, kind = resolved or (actor, kind)
        self.types.setdefault(actor, kind)
        return actor

    def _refer(self, found, s: _Sentence, at: int) -> tuple[str, str] | None:
        """The earlier actor a pronoun, bare title or lone surname refers to."""
        here = (s.index, at)
        if found.resolve == "title":
            person = self._resolve(tuple(found.key.split()), s, at)
            if person:
                return person, "person"
            named = [
                n
                for (i, t, n, before) in self.named
                if (i, t) < here and _ends_within(before, tuple(found.key.split()))
            ]
            return (named[-1], "person") if named else None
        if found.resolve == "surname":
            named = [n for (i, t, n, _) in self.named if (i, t) < here and fold(n).split()[-1] == found.key]
            named += [
                a
                for (i, t, a, k) in self.spoken
                if k == "person" and fold(a).split()[-1] == found.key and len(a.split()) > 1
            ]
            return (named[-1], "person") if named else None
        if found.resolve == "person":
            person = self._resolve(tuple(found.key.split()), s, at) if found.key in ("ông", "bà") else None
            if person:
                return person, "person"
            people = [(i, t, n) for (i, t, n, _) in self.named if (i, t) < here]
            people += [(i, t, a) for (i, t, a, k) in self.spoken if k == "person"]
            described = self._described(found.key, s.index, people)
            if described:
                return described, "person"
            return (max(people)[2], "person") if people else None
        head = found.key.split()[0]
        groups = [
            a
            for (i, t, a, k) in self.spoken
            if k in ("body", "media", "collective", "country") and (head == "họ" or fold(a).startswith(head))
        ]
        return (groups[-1], self.types[groups[-1]]) if groups else None

    def _name_in_run(self, s: _Sentence, i: int, j: int) -> tuple[int, str] | None:
        """A person's name in the capitalised run ``i:j``: a Vietnamese one (a family name and one to three
        syllables), or, after a title or honorific, the run less the countries it opens with."""
        words = self.shared.words
        for k in range(i, j - 1):
            if s.keys[k] in words.surnames and 2 <= j - k <= 4:
                return k, " ".join(s.words[k:j])
        if not any(words.title_ends(s.keys, i, n) for n in range(1, 5)):
            return None
        first = i
        while first < j and (n := words.country_at(s.keys, first, j)):
            first += n
        return (first, " ".join(s.words[first:j])) if j - first >= 2 else None

    def _described(self, key: str, before: int, people: list[tuple[int, int, str]]) -> str | None:
        """For ``viên chỉ huy này``, ``chuyên gia này``: the person nearest to the last mention of the head
        noun (``chỉ huy``) in the ten sentences before, among ``people`` (sentence, token, name)."""
        head = tuple(k for k in key.split() if k not in _REFERENCE_WORDS)
        if not head:
            return None
        for position in range(before - 1, max(-1, before - 11), -1):
            sentence = self.by_index.get(position)
            here = [
                (abs(t - at), name)
                for (i, t, name) in people
                if i == position
                for at in (_find(sentence.keys, head) if sentence else [])
            ]
            if here:
                return min(here)[1]
        return None

    @cached_property
    def by_index(self) -> dict[int, _Sentence]:
        return {x.index: x for x in self.sentences}

    @cached_property
    def named(self) -> list[tuple[int, int, str, tuple]]:
        """People named in the document (:meth:`_name_in_run`): (sentence, token, name, the four keys before it)."""
        found = []
        for s in self.sentences:
            words, i = s.words, 0
            while i < len(words):
                j = i
                while j < len(words) and s.toks[j].kind == "syllable" and words[j][:1].isupper():
                    j += 1
                if j > i:
                    name = self._name_in_run(s, i, j)
                    if name:
                        found.append((s.index, name[0], name[1], tuple(s.keys[max(0, i - 4) : i])))
                i = max(j, i + 1)
        return found

    def _registered(self, s: _Sentence, start: int, end: int) -> str | None:
        """A person, collective, title or group of the register at the end of tokens ``start:end``."""
        keys = s.keys
        for key, person in self.names:  # a known person
            if len(key) <= end - start and tuple(keys[end - len(key) : end]) == key:
                return person.name
        for n in range(min(6, end - start), 1, -1):  # a collective: "Hai bên", "Hai Chủ tịch Quốc hội"
            if _collective(keys[end - n : end]) and n == end - start:
                return _as_written(s, end - n, end)
        for title in self.titles:  # a title and a name nobody registered, or a bare title to resolve
            n = len(title)
            if tuple(keys[start : start + n]) == title and title not in (("ông",), ("bà",)):
                named = self._unknown_name(s, start + n, end)
                if named:
                    return named
                if start + n == end:
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
                if tuple(s.keys[first : first + len(place)]) == place:
                    first, stripped = first + len(place), True
                    break
        if first == run and run > start and s.keys[run - 1] in ("tại", "ở", "của"):
            return None
        surname = next(
            (k for k in range(first, end - 1) if s.keys[k] in self.shared.words.surnames and 2 <= end - k <= 4), None
        )
        if surname is not None:  # "Hòa Bình Nguyễn Văn Thành": a Vietnamese name starts with a family name
            first = surname
        return " ".join(s.words[first:end]) if end - first >= 2 else None

    # -- statements -----------------------------------------------------------------
    def statements(self) -> list[tuple]:
        rows = []
        first_keys = set(self.cues_by_first) | {"theo", ":"}
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
        theos = self._theo(s)
        found += theos
        fronted = None
        for cue_start, cue_end, stance in self._cues(keys):
            if (
                s.quote_depth[cue_start] > 0
                or _not_said(keys, cue_start, cue_end)
                or any(t[1] <= cue_start < t[4] for t in theos)
            ):
                continue
            boundary = s.boundaries[cue_start]
            previous = found[-1] if len(found) > len(theos) else None
            closes_quote = _after_quote(words, boundary) and _ends_sentence(s, cue_end)
            segment = max(boundary + 1, previous[2] if previous else 0)
            inside = (
                previous is not None
                and s.clause_ends[previous[2]] >= cue_start
                and not closes_quote
                and tuple(keys[previous[1] : previous[2]]) not in _QUOTING
            )
            actor = None
            if not inside or (boundary >= 0 and keys[boundary] == ";" and previous[2] <= boundary):
                actor = self._actor(s, segment, cue_start)
                if (actor is None or actor in self.unnamed) and boundary >= 0 and keys[boundary] == ",":
                    floor = max([previous[2] if previous else 0] + [t[4] for t in theos if t[4] <= boundary])
                    actor = self._apposition(s, boundary, floor) or actor
            coordinated = (
                cue_end < len(keys)
                and words[cue_end][:1].isalnum()
                and all(keys[i] in _ADVERBS for i in range(boundary + 1, cue_start))
            )
            if actor is None and not inside:
                actor = self._after_conjunction(s, segment, cue_start)
            if actor is None and coordinated and previous and boundary >= previous[2]:
                actor = previous[0]  # a coordinated predicate: the same subject
            elif actor is None and previous and cue_start and keys[cue_start - 1] in ("và", "đồng thời"):
                actor = previous[0]  # "... đề nghị ... và cho biết ..."
            elif actor is None and not previous and cue_start and keys[cue_start - 1] in ("và", "hoặc"):
                actor = self._clause_subject(s, cue_start)  # "X ban bố ..., đi thăm ... và kêu gọi ..."
            elif actor is None and coordinated and not previous and boundary >= 0:
                # "Hai bên cũng chia sẻ quan điểm ..., vui mừng ...", unless in a purpose clause ("nhằm ...")
                actor = None if any(k in _PURPOSE for k in keys[:cue_start]) else self._subject(s)
            elif (
                actor is None
                and not previous
                and 0 < cue_start
                and boundary < 0
                and self.spoken
                and self.spoken[-1][0] == s.index - 1
                and all(k in _ADVERBS for k in keys[:cue_start])
            ):
                actor = self.spoken[-1][2]  # an elided subject: "Đồng thời khẳng định ..." after X's statement
            if actor is not None and _reviewing(keys, cue_start, cue_end):
                actor = None
            if actor is None:
                if cue_start == 0 and stance != "inform" and keys[cue_end : cue_end + 1] != ["về"]:
                    fronted = (cue_start, cue_end, stance)  # "Khẳng định ..., Tổng Bí thư chỉ rõ ..."
                continue
            if fronted and boundary >= 0 and not previous:
                found.append((actor, *fronted, fronted[1], s.boundaries[cue_start]))
                fronted = None
            clause_end = s.clause_ends[cue_end]
            if closes_quote or _ends_sentence(s, cue_end):
                found.append((actor, cue_start, cue_end, stance, "quote", boundary))
            elif s.syllables_before[clause_end] - s.syllables_before[cue_end] >= 3:
                found.append((actor, cue_start, cue_end, stance, cue_end, clause_end))
        found = sorted(found + self._colon_quotes(s, found), key=lambda f: f[1])
        # What one actor says ends where the next statement of the sentence begins.
        return [
            (a, cs, ce, st, c0, c1 if c0 == "quote" or i + 1 == len(found) else min(c1, found[i + 1][1]))
            for i, (a, cs, ce, st, c0, c1) in enumerate(found)
        ]

    def _after_conjunction(self, s: _Sentence, start: int, end: int) -> str | None:
        """The subject of a clause joined inside the phrase (``... và người ta cho rằng``)."""
        joins = [i for i in range(start, end) if s.keys[i] in _CONJUNCTIONS]
        return self._actor(s, joins[-1] + 1, end) if joins and joins[-1] + 1 < end else None

    def _colon_quotes(self, s: _Sentence, found: list) -> list[tuple]:
        """``X <verb>: “...”``: a speaker, a verb of one to four lower-case syllables (``bức xúc``,
        ``thở dài``), a colon and a quotation: a statement (stance inform) when no cue was found there."""
        keys, words, out = s.keys, s.words, []
        for colon, key in enumerate(keys):
            if key != ":" or colon + 1 >= len(keys) or words[colon + 1] not in _OPEN or s.quote_depth[colon]:
                continue
            start = s.boundaries[colon] + 1
            if any(start <= f[1] < colon for f in found) or colon - start > 20:
                continue
            for verb in range(max(start, colon - 4), colon):
                if keys[verb] in ("hỏi", "viết") or not all(
                    s.toks[i].kind == "syllable" and words[i][:1].islower() for i in range(verb, colon)
                ):
                    continue
                actor = self._actor(s, start, verb) if _trim(s, start, verb) > start else None
                if (actor is None or actor in self.unnamed) and start and keys[start - 1] == ",":
                    actor = self._apposition(s, start - 1, 0) or actor
                if actor and (actor not in self.unnamed or words[_trim(s, start, verb) - 1][:1].isupper()):
                    out.append((actor, verb, colon, "inform", colon + 1, s.clause_ends[colon + 1]))
                    break
        return out

    def _apposition(self, s: _Sentence, boundary: int, floor: int) -> str | None:
        """A named person before descriptions set off by commas (``Bà X (41 tuổi), dì của Trung, cho biết``)."""
        weak = []
        for _ in range(4):
            start = max(s.boundaries[boundary] + 1, floor)
            if s.keys[start] in _PREPOSITIONS:
                break  # "Dưới sự chủ trì của X, kỳ họp khẳng định": an adverbial, not an apposition
            actor = self._actor(s, start, boundary)
            if actor is not None and self.types.get(actor) == "person":
                if actor not in self.unnamed:
                    return actor
                weak.append(actor)
            if start == 0 or s.keys[start - 1] != ",":
                break
            boundary = start - 1
        # a bare name ("Thảo Sương") before a person by title alone ("SV năm nhất Khoa Báo chí")
        return min(weak, key=lambda a: a not in self.bare, default=None)

    def _theo(self, s: _Sentence) -> list[tuple]:
        """``Theo X, ...``, ``Còn theo X``, ``..., theo X, ...``, ``Theo nhận định của X``: attribution
        (stance inform). ``Theo kế hoạch``, ``theo hướng`` name no actor and give nothing."""
        keys, found = s.keys, []
        for at, key in enumerate(keys):
            if key != "theo" or not (at == 0 or keys[at - 1] == "," or (at == 1 and keys[0] in _ADVERBS)):
                continue
            comma = next(
                (
                    i
                    for i in range(at + 1, min(len(keys), at + 20))
                    if keys[i] == "," or (keys[i] == "-" and self.doc.text[s.toks[i].start - 1].isspace())
                ),
                None,
            )
            if comma is None or s.quote_depth[at]:
                continue
            start = at + 1
            if not s.words[start][:1].isupper():
                if "của" in keys[start:comma]:  # "Theo đánh giá của X"
                    start = keys.index("của", start) + 1
                elif keys[start] in ("lời", "ý"):  # "Theo lời ông X"
                    start += 1 + (keys[start + 1 : start + 2] == ["kiến"])
            actor = self._actor(s, start, comma)
            after = next((i for i in range(comma + 1, min(len(keys), comma + 8)) if keys[i] == ","), None)
            if after and self.shared.words.opens_with_honorific(keys, comma + 1, after):
                named = self._actor(s, comma + 1, after)  # "Theo cái nhìn của giáo sư ..., ông X, ..."
                if named and self.types.get(named) == "person" and named not in self.unnamed:
                    actor, comma = named, after
            if actor is not None:
                found.append((actor, at, at + 1, "inform", comma + 1, s.clause_ends[comma + 1]))
        return found

    def _subject(self, s: _Sentence, start: int = 0) -> str | None:
        """The actor that opens the clause at ``start`` (default: the sentence), if one does."""
        for n in range(min(8, len(s.keys) - start), 0, -1):
            actor = self._actor(s, start, start + n)
            if actor:
                return actor
        return None

    def _clause_subject(self, s: _Sentence, at: int) -> str | None:
        """The subject of the clause a predicate joined by ``và``/``hoặc`` belongs to: the actor opening
        its comma-separated segment or one of the three before it (``Chỉ trong vòng 3 ngày, gần 60 quốc
        gia đã đóng góp hoặc hứa ...``); never a person by title alone or a bare capitalised word."""
        boundary = s.boundaries[at]
        for _ in range(4):
            if any(k in _PURPOSE for k in s.keys[boundary + 1 : at]):
                return None  # "nhằm trao đổi ..., đánh giá ... và thống nhất ...": a purpose, not a statement
            actor = self._subject(s, boundary + 1)
            if actor is not None and actor not in self.unnamed:
                return actor
            if boundary < 0:
                return None
            boundary = s.boundaries[boundary]
        return None

    def _cues(self, keys: list[str]) -> list[tuple[int, int, str]]:
        """Cue matches, longest first where two overlap."""
        out, i = [], 0
        while i < len(keys):
            for cue, stance in self.cues_by_first.get(keys[i], ()):
                if tuple(keys[i : i + len(cue)]) == cue:
                    out.append((i, i + len(cue), stance))
                    i += len(cue)
                    break
            else:
                i += 1
        return out

    def _row(self, s: _Sentence, position: int, actor, cue_start, cue_end, stance, c0, c1) -> tuple:
        doc = self.doc
        cue = doc.text[s.toks[cue_start].start : s.toks[cue_end - 1].end]
        content = self._quote(position, s) if c0 == "quote" else _span_text(doc.text, s.toks, c0, c1)
        tone_keys = token_keys(normalize(content))
        positive = sum(len(_find(tone_keys, p)) for p in self.tone["positive"])
        difficulty = sum(len(_find(tone_keys, p)) for p in self.tone["difficulty"])
        tone = "mixed" if positive and difficulty else "positive" if positive else "difficulty" if difficulty else ""
        kind = self.types.get(actor, "person")
        self.spoken.append((s.index, cue_start, actor, kind))
        return (
            doc.doc_id,
            doc.date.isoformat() if doc.date else "",
            s.index,
            actor,
            cue,
            stance,
            content,
            self._country(actor, kind),
            self.register.role(actor),
            positive,
            difficulty,
            tone,
            kind,
        )

    def _country(self, actor: str, kind: str) -> str:
        """The register's country; for two parties (``Hai bên``) the two countries the article names most;
        else the country the actor's phrase names; else ``unknown``."""
        country = self.register.country(actor)
        if country == "both" or (kind == "collective" and fold(actor).split()[0] in ("hai", "cả")):
            return self.parties
        return country or self.country_of.get(actor) or "unknown"

    @cached_property
    def parties(self) -> str:
        """The two countries the document names most often (first named wins a tie), as ``A + B`` in
        alphabetical order, so that one pair reads the same in every document."""
        counts: dict[str, int] = {}
        for s in self.sentences:
            for name in self.shared.words.countries_in(s.keys):
                counts[name] = counts.get(name, 0) + 1
        top = sorted(counts, key=lambda c: -counts[c])[:2]  # dicts keep first-seen order: a stable tie-break
        return " + ".join(sorted(top)) if len(top) == 2 else "unknown"

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
                return text[opens[0] : end].strip()
        return text[self.sentences[position].toks[0].start : end].strip()


# Words of time that may stand between a subject and its verb ("Thứ trưởng X chiều 15/8 cho biết"), and
# "có" before a cue used as a noun ("TP.HCM đã có kiến nghị").
# Manner phrases between a subject and its verb ("Askari tức giận cho hay"), and light verbs before a cue
# used as a noun ("X gửi lời chúc mừng").
_MANNER = frozenset(
    tuple(fold(w).split())
    for w in (
        "nhiệt liệt",
        "tức giận",
        "giận dữ",
        "hồ hởi",
        "bức xúc",
        "thẳng thắn",
        "công khai",
        "chính thức",
        "một lần nữa",
        "lần nữa",
        "nói chung",
        "trực tiếp",
        "giấu tên",
        "yêu cầu giấu tên",
        "đề nghị giấu tên",
        "đề nghị không nêu tên",
        "không muốn nêu tên",
        "xin giấu tên",
        "gửi lời",
        "gởi lời",
        "đưa ra",
        "lên tiếng",
    )
)
# Verbs whose content is another speaker's statement ("X dẫn lời Y cho rằng ...").
_QUOTING = frozenset(tuple(fold(w).split()) for w in ("dẫn lời", "trích lời", "dẫn nguồn"))
# Words of a reference that are not its head noun ("viên chỉ huy này" -> "chỉ huy").
_REFERENCE_WORDS = frozenset(fold(w) for w in "này ấy ta viên vị người ông bà nhà".split())
_PURPOSE = frozenset(fold(w) for w in "nhằm để".split())
_PREPOSITIONS = frozenset(fold(w) for w in "dưới trong tại sau trước với khi nhân về trên giữa từ qua đến bên".split())
_CONJUNCTIONS = frozenset(fold(w) for w in "và nhưng còn thì mà song".split())
_TIMES = frozenset(fold(w) for w in "có sáng trưa chiều tối đêm ngày hôm nay qua mai tuần tháng năm".split())


def _opens(text: str, at: int) -> bool:
    """Does the straight quote at ``text[at]`` open a quotation (a space or bracket before it, a letter after)?"""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([:-") and not after.isspace()


def _trim(s: _Sentence, start: int, end: int) -> int:
    """``end`` less the adverbs, times and dates before the verb."""
    keys = s.keys
    while end > start:
        k = keys[end - 1]
        manner = next((n for n in (5, 4, 3, 2) if end - n >= start and tuple(keys[end - n : end]) in _MANNER), 0)
        if manner:
            end -= manner
        elif (
            (s.toks[end - 1].kind == "punct" and k not in (")", "”", '"'))
            or k in _ADVERBS
            or k in _TIMES
            or k[:1].isdigit()
            or (k in ("/", "-", ".") and end - 2 >= start and keys[end - 2][:1].isdigit())
        ):
            end -= 1
        else:
            break
    return end


def _name_end(s: _Sentence, start: int) -> int:
    """Where the run of capitalised words (or ``tại``, ``giao``) after a title ends."""
    end = start
    while (
        end < len(s.keys)
        and s.toks[end].kind == "syllable"
        and (s.words[end][:1].isupper() or s.keys[end] in ("giao", "tại", "ở"))
    ):
        end += 1
    while end > start and not s.words[end - 1][:1].isupper():
        end -= 1
    return end


def _ends_within(before: tuple[str, ...], title: tuple[str, ...]) -> bool:
    n = len(title)
    return any(before[i : i + n] == title for i in range(len(before) - n + 1))


_COLLECTIVE_NOUNS = frozenset(
    fold(w)
    for w in (
        "bên",
        "nước",
        "nhà lãnh đạo",
        "lãnh đạo",
        "Đảng",
        "Quốc hội",
        "Chính phủ",
        "Nhà nước",
        "phía",
        "Bộ Ngoại giao",
        "Bộ trưởng",
        "Thủ tướng",
        "Chủ tịch Quốc hội",
        "Chủ tịch nước",
        "Tổng Bí thư",
        "Bộ trưởng Ngoại giao",
        "Ngoại trưởng",
        "đoàn",
        "Thứ trưởng",
    )
)


def _collective(keys: list[str]) -> bool:
    """``Hai bên``, ``Hai Thủ tướng``, ``Hai Chủ tịch Quốc hội``, ``Ba bên``, ``Các bên``."""
    return len(keys) >= 2 and keys[0] in ("hai", "ba", "các") and " ".join(keys[1:]) in _COLLECTIVE_NOUNS


def _as_written(s: _Sentence, start: int, end: int) -> str:
    """A collective or body as written, its first letter capitalised (``hai bên`` is ``Hai bên``)."""
    text = " ".join(s.words[start:end])
    return text[:1].upper() + text[1:]


def _reviewing(keys: list[str], start: int, end: int) -> bool:
    """``đánh giá kết quả``, ``đánh giá toàn diện``: reviewing results is an activity, not a statement."""
    return keys[start:end] == ["đánh", "giá"] and keys[end : end + 1] in (["kết"], ["toàn"], ["lại"], ["tình"])


_NOT_SAID = {
    ("yêu", "cầu"): ("giấu",),
    ("chia", "sẻ"): ("kinh", "thông", "quan", "khó", "với"),
    ("nói",): ("chung", "về"),
    ("coi",): ("như",),
    ("kể",): ("cả", "từ", "đến", "trên"),
    ("chỉ", "đạo"): ("quyết", "sát", "chặt", "kịp", "trực", "điều", "thực"),
    ("trả", "lời"): ("trực", "phỏng"),
}


def _not_said(keys: list[str], start: int, end: int) -> bool:
    """``yêu cầu giấu tên``, ``chia sẻ kinh nghiệm``, ``nói chung``, ``coi như``, a cue's noun
    (``yêu cầu của Mỹ``) and a passive (``được coi là``): a cue's words that report nothing."""
    following = keys[end] if end < len(keys) else ""
    passive = start and keys[start - 1] in ("được", "bị")  # "người được coi là ...": said of, not by, someone
    return bool(passive) or following == "của" or following in _NOT_SAID.get(tuple(keys[start:end]), ())


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
    return re.sub(r"[\s.;,]+$", "", text[toks[first].start : toks[end - 1].end]).strip()


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
