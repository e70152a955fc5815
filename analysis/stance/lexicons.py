"""What the stance extractor reads from its data files, built once per extractor: the actor register
(``data/actors.toml``), the cues (``data/stance_cues.toml``), the tone words (``data/tone.toml``) and
the actor lexicons (``data/actor_words.toml``), indexed for lookups; and the reading of people's
names that needs only them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .. import config
from ..errors import InputError
from ..text.vietnamese import fold, token_keys
from ..tomldata import entries, read_toml, table, text, texts
from .actors import PLACE_NOUNS, ActorWords, continent_at, in_name, institution_name, load_actor_words
from .sentence import Sentence, folded_phrases

__all__ = ["Person", "Register", "load_register", "load_cues", "Lexicons", "STANCES"]

STANCES = ("assert", "emphasize", "inform", "propose", "agree", "praise", "thank", "commit", "concern", "oppose")


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


def load_cues(path: Path | None = None, *, kind: str = "cues") -> dict[tuple[str, ...], str]:
    """The cues of ``data/stance_cues.toml`` (or ``path``): folded syllables -> stance class. ``kind``
    ``introducing``: the verbs that report a statement only where they introduce one."""
    data = tomllib.loads(Path(path or config.DATA / "stance_cues.toml").read_text(encoding="utf-8"))
    cues = {tuple(fold(k).split()): v for k, v in data.get(kind, {}).items()}
    unknown = sorted(set(cues.values()) - set(STANCES))
    if unknown:
        raise InputError(str(path), f"unknown stance class {unknown[0]!r}")
    return cues


def load_not_sources(kind: str = "not_sources") -> frozenset[tuple[str, ...]]:
    """The nouns of ``Theo <noun> của X`` that name no speaker (``stance_cues.toml``, ``[theo]``), or with
    ``kind="sources"`` those of something said or found, whose ``X`` is a source whatever it is."""
    data = tomllib.loads((config.DATA / "stance_cues.toml").read_text(encoding="utf-8"))
    return folded_phrases(data.get("theo", {}).get(kind, []))


def load_tone() -> dict[str, list[tuple[str, ...]]]:
    data = tomllib.loads((config.DATA / "tone.toml").read_text(encoding="utf-8"))
    return {k: [tuple(fold(w).split()) for w in v] for k, v in data.items()}


class Lexicons:
    """The register, cues, tone words and actor lexicons, indexed once for every document."""

    def __init__(self, register: Register, cues: dict, tone: dict, words: ActorWords, introducing: dict | None = None):
        self.register, self.tone, self.words = register, tone, words
        self.tone_by_first: dict[str, dict[str, list]] = {}
        for kind, phrases in tone.items():
            by_first = self.tone_by_first.setdefault(kind, {})
            for phrase in phrases:
                by_first.setdefault(phrase[0], []).append(phrase)
        self.cues_by_first: dict[str, list] = {}
        marked = [(cue, (stance, False)) for cue, stance in cues.items()]
        marked += [(cue, (stance, True)) for cue, stance in (introducing or {}).items() if cue not in cues]
        for cue, (stance, only) in sorted(marked, key=lambda kv: -len(kv[0])):  # longest first
            self.cues_by_first.setdefault(cue[0], []).append((cue, stance, only))
        self.longest_group = max((len(token_keys(name)) for name in register.groups), default=0)
        # People with titles, and Vietnamese people, are searched for in phrases (``Thủ tướng Phạm Minh Chính``
        # -> the person) and mentions (a bare title resolved to them). Foreign people without titles are only
        # looked up by the actor's name, for its country and role: "Bush" registered must not make "Laura
        # Bush" or "Một quan chức chính quyền Bush" into "Bush", nor "Giang Trạch Dân" the speaker of "chuyến
        # thăm của Chủ tịch Giang Trạch Dân năm 2002 và nhấn mạnh ...". The actor is what the words name.
        searched = [p for p in register.persons if p.titles or p.country == "Việt Nam"]
        self.names = [(tuple(fold(p.name).split()), p) for p in searched]
        self.names_by_first: dict[str, list] = {}
        for key, person in self.names:
            self.names_by_first.setdefault(key[0], []).append((key, person))
        # The register's places and the countries of the actor lexicon: "Thủ tướng Ixraen Ariel Sharon" is Sharon
        # whichever of the two lists names the country.
        places = {tuple(fold(p).split()) for p in register.places}
        places |= {country for same_first in words.countries.values() for country in same_first}
        self.places = sorted(places, key=lambda place: (-len(place), place))
        self.titles = sorted(
            {tuple(fold(t).split()) for t in register.titles}
            | {tuple(fold(t).split()) for p in register.persons for t in p.titles},
            key=len,
            reverse=True,
        )
        self.title_first = {t[0] for t in self.titles}
        self.not_sources = load_not_sources()
        self.theo_sources = load_not_sources("sources")
        self.person_names = {fold(p.name) for p in searched}
        self.titles_of: dict[str, set] = {}  # a person's name as written -> their titles, folded
        self.countries: dict[str, str] = {}  # folded name -> country (the first person listed wins)
        self.roles: dict[str, str] = {}
        for p in register.persons:
            self.titles_of.setdefault(p.name, set()).update(tuple(fold(t).split()) for t in p.titles)
            self.countries.setdefault(fold(p.name), p.country)
            self.roles.setdefault(fold(p.name), p.role)

    @classmethod
    def load(cls, register: Register | None = None) -> Lexicons:
        """The built-in data files, with ``register`` instead of the built-in register if given."""
        introducing = load_cues(kind="introducing")
        return cls(register or load_register(), load_cues(), load_tone(), load_actor_words(), introducing)

    def country(self, actor: str) -> str:
        """The register's country of ``actor`` (as :meth:`Register.country`)."""
        key = fold(actor)
        return self.countries[key] if key in self.countries else self.register.groups.get(key, "")

    def role(self, actor: str) -> str:
        return self.roles.get(fold(actor), "")

    def cues_in(self, keys: list[str]) -> list[tuple[int, int, str, bool]]:
        """Cue matches ``(start, end, stance, introducing only)``, longest first where two overlap."""
        out, i = [], 0
        while i < len(keys):
            for cue, stance, only in self.cues_by_first.get(keys[i], ()):
                if tuple(keys[i : i + len(cue)]) == cue:
                    out.append((i, i + len(cue), stance, only))
                    i += len(cue)
                    break
            else:
                i += 1
        return out

    # -- names of people ------------------------------------------------------------
    def name_at(self, s: Sentence, i: int) -> str | None:
        """The registered person whose name starts at token ``i``."""
        for key, person in self.names_by_first.get(s.keys[i], ()):
            if tuple(s.keys[i : i + len(key)]) == key:
                return person.name
        return None

    def unknown_name(self, s: Sentence, start: int, end: int) -> str | None:
        """A person nobody registered: the capitalised run that ends at ``end``, after a title,
        less the countries and bodies before it (``Lào Sonexay Siphandone``). A run after
        ``tại``/``ở`` that starts with no country is a place (``tại Luang Prabang``)."""
        run = end
        while run > start and (
            (s.toks[run - 1].kind == "syllable" or s.words[run - 1] in (".", "-"))  # "George W. Bush", "Roh Moo-hyun"
            and in_name(s.words, s.toks, run - 1, start)
        ):
            run -= 1
        while run < end - 1 and _acronym(s.words[run]):
            run += 1  # "Chủ tịch PLO Mahmoud Abbas": the body before the name
        first, stripped = run, True
        first += continent_at(s.keys, run, start)  # "Chủ tịch Uỷ ban châu Âu Jose Manuel Barroso"
        while stripped:
            stripped = False
            for place in self.places:
                if tuple(s.keys[first : first + len(place)]) == place:
                    first, stripped = first + len(place), True
                    break
        if first == run and run > start and s.keys[run - 1] in ("tại", "ở", "của"):
            return None
        if institution_name(s.keys, s.words, start, run, end):
            return None  # "Giám đốc bệnh viện Bạch Mai": the hospital's name
        surname = next(
            (
                k
                for k in range(first, end - 1)
                if s.keys[k] in self.words.surnames
                and 2 <= end - k <= 4
                and " ".join(s.keys[k - 1 : k + 1]) not in self.words.places  # "Phú Yên Đào Tấn Lộc": not "Yên"
            ),
            None,
        )
        if surname is not None:  # "Hòa Bình Nguyễn Văn Thành": a Vietnamese name starts with a family name
            first = surname
        first += end - first > 2 and s.words[first] in BURMESE_HONORIFICS  # "U Khin Maung Win": U is "Mr"
        return s.span(first, end) if end - first >= 2 else None

    def name_in_run(self, s: Sentence, i: int, j: int) -> tuple[int, str] | None:
        """A person's name in the capitalised run ``i:j``: a Vietnamese one (a family name and one to three
        syllables), or, after a title or honorific, the run less the countries it opens with."""
        words = self.words
        if i and s.keys[i - 1] in PLACE_NOUNS:
            return None  # "đường Nguyễn Hữu Cảnh": a street, not a person
        i += continent_at(s.keys, i)  # "châu Âu Javier Solana"
        # "Bộ Y" of "Bộ trưởng Bộ Y tế": a body's name cut short, no one's ("Đoàn Viết Huyên" is a name)
        body = j - i <= 2 and words.body_at(s.keys, i, len(s.keys))
        for k in range(i + body, j - 1):
            if words.name_at(s.keys, k, j):
                return k, s.span(k, j)
        if body or not any(words.title_ends(s.keys, i, n) for n in range(1, 5)):
            return None
        first = i
        while first < j and (n := words.country_at(s.keys, first, j) or _acronym(s.words[first])):
            first += n  # "Thủ tướng Lào X", "Chủ tịch PLO Mahmoud Abbas": the country or body before the name
        return (first, s.span(first, j)) if j - first >= 2 else None


# Burmese honorifics written before a name ("Thứ trưởng Ngoại giao Myanmar U Khin Maung Win"): dropped as titles are.
BURMESE_HONORIFICS = frozenset(("U", "Daw"))


def _acronym(word: str) -> int:
    """1 for an organisation's acronym (``PLO``, ``NATO``), else 0."""
    return int(len(word) > 1 and word.isupper() and word.isalpha())
