"""What one document's extraction remembers of its actors, to resolve references to them.

A bare title (``Thứ trưởng``) is the person last named with it; a lone surname the person last
named with it; a pronoun (``Ông``, ``Bà ấy``, ``Người này``) the nearest fitting person named or
heard before; a group pronoun (``Họ``, ``Bộ này``) the last body, medium, collective or country
that spoke. Nothing fitting: the reference is left as written.
"""

from __future__ import annotations

from functools import cached_property

from ..text.stopwords import is_stopword
from ..text.vietnamese import fold, token_keys
from .actors import BEFORE_PLACES, PLACE_NOUNS, Actor, name_tail, particle
from .lexicons import Lexicons
from .sentence import Sentence, ends_within, find, name_end

# Words of a reference that are not its head noun ("viên chỉ huy này" -> "chỉ huy").
_REFERENCE_WORDS = frozenset(fold(w) for w in "này ấy ta viên vị người ông bà nhà".split())


#: Honorifics that alone, as a sentence's subject, are a pronoun ("Anh cho biết": he, a young man; "Chị nói": she;
#: "Em kể": a younger person), never a country (``Anh`` is also Britain's name).
PRONOUN_HONORIFICS = frozenset(fold(w) for w in ("anh", "chị", "em"))
# A description of a country's leader, and the titles of the heads of state and government it stands for.
_LEADERS = frozenset(fold(w) for w in ("nhà lãnh đạo", "người đứng đầu"))
_HEADS = tuple(fold(w) for w in ("tổng thống", "thủ tướng", "chủ tịch", "quốc vương", "tổng bí thư"))


# The middle name that says a Vietnamese person is not of the honorific's gender: "Thị" a woman's, "Văn" a man's.
_MIDDLE_NAMES = {"anh": "thị", "chị": "văn"}


# Nouns naming a body by its kind alone, never the start of its name: "Cơ quan này" is the Cục, Bộ or
# Sở that spoke last ("Cục Thú y cho biết ... Cơ quan này khẳng định ...").
_GENERIC_BODIES = frozenset(fold(w) for w in ("cơ quan", "tổ chức", "đơn vị"))


def _within(description: tuple[str, ...], keys: list[str]) -> bool:
    """Do ``keys`` open with ``description``'s first word and hold all of its words in order, others between
    (``giám đốc bệnh viện tư Rudolfinerhaus`` holds ``giám đốc bệnh viện Rudolfinerhaus``)?"""
    if not description or keys[:1] != [description[0]]:
        return False
    rest = iter(keys)
    return all(any(k == d for k in rest) for d in description)


def _latin(word: str) -> bool:
    return word.isascii() and word[:1].isalpha()


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and word.isalpha()


def _one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one letter apart (one inserted, deleted or changed)?"""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


# Words before a name that make it a place's, a ship's or a building's, not a person's.
_BEFORE_THINGS = BEFORE_PLACES | PLACE_NOUNS | frozenset(fold(w) for w in "tàu thuyền phà xe khách sạn".split())


class Memory:
    """The people named in a document, the actors recognised so far (type, country, how weakly) and
    the statements made so far; and the resolution of references against them."""

    def __init__(self, sentences: list[Sentence], lex: Lexicons):
        self.sentences, self.lex = sentences, lex
        self.types: dict[str, str] = {}  # actor -> actor_type
        self.country_of: dict[str, str] = {}  # actor -> the country its phrase names
        self.unnamed: set[str] = set()  # actors that are a person by title alone ("Giám đốc cảng Duba")
        self.bare: set[str] = set()  # capitalised words alone, with no honorific or title ("Askari")
        self.spoken: list[tuple[int, int, str, str]] = []  # (sentence, token, actor, type) of statements so far
        self.speakers: set[str] = set()  # the actors of those statements

    def said(self, s: Sentence, at: int, actor: str) -> str:
        """Remember that ``actor`` spoke at token ``at`` of ``s``; its type."""
        kind = self.types.get(actor, "person")
        self.spoken.append((s.index, at, actor, kind))
        self.speakers.add(actor)
        return kind

    def known(self, actor: str) -> bool:
        """Is ``actor`` a person named as such in the document (by a name, or in Latin script) or a speaker so
        far, not a capitalised first word read as a name?"""
        return actor in self.speakers or actor in self._names

    @cached_property
    def _names(self) -> frozenset[str]:
        return frozenset(n for (_, _, n, *_) in (*self.named, *self.latin_names))

    # -- people named ---------------------------------------------------------------
    @cached_property
    def mentions(self) -> list[tuple[int, int, str, frozenset]]:
        """Every mention of a known person: (sentence, token, person, titles just before the name)."""
        found = []
        for s in self.sentences:
            for i, key in enumerate(s.keys):
                person = self.lex.name_at(s, i) if key in self.lex.names_by_first else None
                if person:
                    before = tuple(s.keys[max(0, i - 6) : i])
                    titles = {t for t in self.lex.titles if ends_within(before, t)}
                    found.append((s.index, i, person, frozenset(titles)))
                elif key in self.lex.title_first:
                    found += self._titled_mention(s, i)
        return found

    def _titled_mention(self, s: Sentence, i: int) -> list[tuple[int, int, str, frozenset]]:
        """A registered title at token ``i`` followed by a name nobody registered."""
        for title in self.lex.titles:
            if tuple(s.keys[i : i + len(title)]) == title:
                if self.lex.words.body_at(s.keys, i + len(title), len(s.keys)):
                    return []  # "Bộ trưởng Bộ Y tế Nguyễn Quốc Triệu": the name after the body's (see ``named``)
                end = name_end(s, i + len(title))
                name = self.lex.unknown_name(s, i + len(title), end)
                if name and fold(name) not in self.lex.person_names:
                    return [(s.index, i, name, frozenset({title}))]
                return []
        return []

    @cached_property
    def runs(self) -> list[tuple[Sentence, int, int]]:
        """The runs of capitalised words of the document (a foreign name's particles within): (sentence, start,
        end)."""
        found = []
        for s in self.sentences:
            words, i = s.words, 0
            while i < len(words):
                j = i
                while j < len(words) and (
                    (s.toks[j].kind == "syllable" and words[j][:1].isupper())
                    or (
                        j > i and particle(words, j, i, s.toks) and not (words[j] == "-" and s.spaced(j))
                    )  # "Yeltsin - X"
                    or (j > i and name_tail(words, s.toks, j, i))  # "Roh Moo-hyun"
                ):
                    j += 1
                if j > i:
                    opening = i == 0 or s.toks[i - 1].kind == "punct"  # "Theo Calvin, ...": a clause's first word
                    first = i + (opening and is_stopword(s.keys[i]) and j - i > 1)
                    found.append((s, first, j))
                i = max(j, i + 1)
        return found

    @cached_property
    def named(self) -> list[tuple[int, int, str, tuple]]:
        """People named in the document: by :meth:`Lexicons.name_in_run`, with the four keys before the name,
        or in Latin script at the end of a phrase a title opens (:meth:`_titled_latin`), with the keys from the
        title on: (sentence, token, name, keys before)."""
        found = []
        for s, i, j in self.runs:
            name = self.lex.name_in_run(s, i, j)
            if name:
                found.append((s.index, name[0], name[1], tuple(s.keys[max(0, i - 4) : i])))
            elif name := self._titled_latin(s, i, j):
                found.append((s.index, name[0], name[1], tuple(s.keys[name[2] : i])))
        return found

    def _less_bodies(self, s: Sentence, i: int, j: int) -> int:
        """Where the capitalised run ``i:j`` starts less the acronyms and countries it opens with."""
        while i < j and (_acronym(s.words[i]) or self.lex.words.country_at(s.keys, i, j)):
            i += self.lex.words.country_at(s.keys, i, j) or 1
        return i

    def _titled_latin(self, s: Sentence, i: int, j: int) -> tuple[int, str, int] | None:
        """A name in Latin script ending a phrase that a title opens, a description between (``Trưởng công tố
        Toà án Quốc tế về Tội phạm chiến tranh Carla del Ponte``), within sixteen words of its clause: (token,
        name, where the title starts)."""
        if i and s.keys[i - 1] in _BEFORE_THINGS and not self.lex.words.country_at(s.keys, i, j):
            return None  # "đại sứ tại El Salvador", "chỉ huy tàu Al-Salaam Boccaccio": a place's or a ship's name
        first = self._less_bodies(s, i, j)  # "giám đốc tổ chức CARE tại Iraq Margaret Hassan": the country before
        if not (2 <= j - first <= 5 and _latin(s.words[first])):
            return None
        start = max(0, i - 16, s.boundaries[i] + 1)
        title = next((k for k in range(start, i) if self.lex.words.title_at(s.keys, k, i)), None)
        return (first, s.span(first, j), title) if title is not None else None

    @cached_property
    def latin_names(self) -> list[tuple[int, int, str]]:
        """Names opening with a word in Latin script, of two to five words, wherever they stand (``giám đốc tổ
        chức CARE Margaret Hassan``, ``Matt Nguyễn``), less the acronyms and countries before them: (sentence,
        token, name). Only a lone surname is
        looked up among them (``Hassan``): a run of capitalised Latin words ending with it is that person."""
        found = []
        for s, i, j in self.runs:
            i = self._less_bodies(s, i, j)
            if 2 <= j - i <= 5 and _latin(s.words[i]) and not self.lex.words.name_at(s.keys, i, j):
                found.append((s.index, i, s.span(i, j)))
        return found

    @cached_property
    def abroad(self) -> bool:
        """Does the document name a foreign country other than Britain ("Anh" is also a pronoun)?"""
        home = {fold(w) for w in ("Việt Nam", "VN", "Anh")}
        return any(
            fold(c) not in home and fold(c) not in self.lex.words.places
            for s in self.sentences
            for c in self.lex.words.countries_in(s.keys)
        )

    @cached_property
    def voices(self) -> dict[int, str]:
        """The person whose words each sentence prints, where a document prints people's words under their
        names: from a heading that names a person (``Thủ tướng Nhật Junichiro Koizumi``, then what he said)
        to the next heading, or from an answer opened with a name and a colon (``- Ông Nguyễn Thiện Nhân: Tôi
        cho rằng ...``) on, through the answers after it (``- Tôi nghĩ ...``). A first-person ``tôi`` outside
        quotation marks there is that person; elsewhere it is the writer's own voice, no statement."""
        people: dict[int, dict[str, int]] = {}  # sentence -> the people it names, where first
        for i, t, name in [(i, t, n) for (i, t, n, _) in self.named] + self.latin_names:
            known = people.setdefault(i, {})  # "Leila Shahid  phái viên ...": a name in Latin script too
            if not any(name in other or other in name for other in known):  # one person found both ways
                known[name] = t
        voice, out = None, {}
        for s in self.sentences:
            named = people.get(s.index, {})
            one = next(iter(named)) if len(named) == 1 else None  # not "Châu Nhuật Phát và Trương Nghệ Mưu"
            if s.kind == "heading":
                voice = one if len(s.keys) <= 16 else None
            elif one and s.keys[:1] == ["-"] and named[one] <= 4 and ":" in s.keys[named[one] : 30]:
                voice = one  # the name opens the answer: not "- Kết quả nghiên cứu của Công ty X cho thấy: ..."
            elif s.kind == "title":
                voice = None
            if voice:
                out[s.index] = voice
        return out

    @cached_property
    def by_index(self) -> dict[int, Sentence]:
        return {x.index: x for x in self.sentences}

    # -- references -----------------------------------------------------------------
    def resolve(self, title: tuple[str, ...], s: Sentence, at: int) -> str | None:
        """The person last named with ``title`` before token ``at`` of sentence ``s``."""
        for sentence, token, person, titles in reversed(self.mentions):
            if (sentence, token) >= (s.index, at):
                continue
            if title in titles or title in self.lex.titles_of.get(person, ()):
                return person
        return None

    def refer(self, found: Actor, s: Sentence, at: int, *, pronoun: bool = False) -> tuple[str, str] | None:
        """The earlier actor a pronoun, bare title or lone surname refers to. With ``pronoun``, a bare
        ``Anh``, ``Chị`` or ``Em`` is read as a pronoun (it opens the sentence or is written in lower case):
        failing a person named with it, the nearest fitting person, as for ``Ông``."""
        here = (s.index, at)
        if found.resolve == "title":
            return self._title(found.key, s, at, here)
        if found.resolve == "surname":
            return self._surname(found.key, here)
        if found.resolve == "honorific":
            person = self._honorific(found.key, here)
            if person:
                return person, "person"
            if found.key in ("ông", "bà") or (pronoun and found.key in PRONOUN_HONORIFICS):
                return self._person(found.key, s, at, here)
            return None
        if found.resolve == "person":
            return self._person(found.key, s, at, here)
        return self._group(found.key, here)

    def _honorific(self, key: str, here: tuple[int, int]) -> str | None:
        """The person last named with the honorific ``key`` just before the name (``anh Võ Duy Sơn``, ``ông
        Chiến``)."""
        honorifics = self.lex.words.honorific_pronouns
        found = [(i, t, n) for (i, t, n) in self.addressed if (i, t) < here and self.by_index[i].keys[t - 1] == key]
        if key in ("ông", "bà"):  # also a person named or heard with no honorific ("nhà phân tích X thuộc ...")
            found += [
                (i, t, n)
                for (i, t, n, _) in self.named
                if (i, t) < here and (not t or self.by_index[i].keys[t - 1] not in honorifics)
            ]
            found += [(i, t, a) for (i, t, a, k) in self.spoken if k == "person" and (i, t) < here]
            found = self.of_gender(key, found)
        return max(found)[2] if found else None

    def of_gender(self, honorific: str, people: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """``people`` (sentence, token, name) less those named after the honorific of the other gender anywhere
        in the document: ``Ông`` is not the woman named ``bà Hassan``. ``Anh``, ``Chị``, ``Em`` say age as well
        as gender: they are not someone the document names only after other honorifics (``ông Lê Nam Giới``,
        ``chị Lan``)."""
        addressed = self._addressed_as
        if honorific in PRONOUN_HONORIFICS:
            others = set().union(*(names for key, names in addressed.items() if key != honorific))
            unlike = _MIDDLE_NAMES.get(honorific)  # "Anh" is no "Nguyễn Thị X", "Chị" no "Nguyễn Văn X"
            return [
                p
                for p in people
                if p[2] in addressed.get(honorific, ())
                or (p[2] not in others and unlike not in fold(p[2]).split()[1:-1])
            ]
        other = {"ông": "bà", "bà": "ông"}.get(honorific)
        return [p for p in people if p[2] not in addressed[other]] if other else people

    def _antecedent(self, sentence: int, token: int, name: str) -> bool:
        """May the person ``name`` at ``token`` of ``sentence`` be what a bare ``Anh``, ``Chị``, ``Em`` refers to:
        not named inside a quotation (``"... vượt qua Lưu Đức Hoa, Lê Minh ..."``), not a street's or a
        house's name (``phố Phan Chu Trinh``, ``số 184 Phan Chu Trinh``), not a country or a place read as a name
        (``Thái Lan``)?"""
        if fold(name) in self.lex.words.country_names or fold(name) in self.lex.words.places:
            return False
        s = self.by_index[sentence]
        before = s.keys[token - 1] if token else ""
        placed = before in PLACE_NOUNS or before == "số" or before.isdigit()
        return not placed and not (token < len(s.quote_depth) and s.quote_depth[token])

    @cached_property
    def _addressed_as(self) -> dict[str, set[str]]:
        """The people named after each honorific anywhere in the document (after ``ông`` a man, after ``bà`` a
        woman)."""
        out: dict[str, set[str]] = {"ông": set(), "bà": set()}
        for i, t, n in self.addressed:
            out.setdefault(self.by_index[i].keys[t - 1], set()).add(n)
        return out

    @cached_property
    def addressed(self) -> list[tuple[int, int, str]]:
        """People named after an honorific (``bà Nguyễn Thị Hảo``, ``ông Chiến``), in document order: (sentence,
        token, name); a name of one syllable stands for the longer name ending with it named before, if any."""
        honorifics = self.lex.words.honorific_pronouns
        found = [(i, t, n) for (i, t, n, _) in self.named if t and self.by_index[i].keys[t - 1] in honorifics]
        for s in self.sentences:
            for t in range(1, len(s.keys)):
                if s.keys[t - 1] in honorifics and self._one_name(s, t):
                    longer = [n for (i, u, n, _) in self.named if (i, u) < (s.index, t) and n.split()[-1] == s.words[t]]
                    found.append((s.index, t, longer[-1] if longer else s.words[t]))
        return sorted(found)

    @staticmethod
    def _one_name(s: Sentence, t: int) -> bool:
        """Is token ``t`` a capitalised name of one syllable, the next word not capitalised (``ông Chiến nói``)?"""
        words, toks = s.words, s.toks
        if toks[t].kind != "syllable" or len(words[t]) < 2 or not words[t][:1].isupper():
            return False
        return t + 1 == len(words) or toks[t + 1].kind != "syllable" or not words[t + 1][:1].isupper()

    def named_as(self, description: tuple[str, ...], here: tuple[int, int], *, ahead: bool = False) -> str | None:
        """The person last named before ``here`` with ``description`` right before the name (``Chủ tịch PLO`` ->
        the person named as ``Chủ tịch PLO Mahmoud Abbas``) or in a description after it and a comma (``Giám đốc
        bệnh viện Rudolfinerhaus`` -> ``Bác sĩ Michael Zimpfer, Giám đốc bệnh viện tư Rudolfinerhaus``); failing
        that, with its title less the country that ends it and no other country (``Thủ tướng Thổ Nhĩ Kỳ`` named
        ``Thủ tướng Tayyip Erdogan``). With ``ahead`` (a headline, which names its people later): anywhere in
        the document."""
        found = self._named_as(description, here, ahead)
        words, n = self.lex.words, len(description)
        if found is None:
            country = next((k for k in range(1, n) if words.country_at(description, k, n) == n - k), None)
            if country is not None and words.title_at(description, 0, country):
                found = self._named_as(description[:country], here, ahead, country=description[country:])
            if found is None and country is not None and " ".join(description[:country]) in _LEADERS:
                found = self._leader(description[country:], here, ahead)
        return found

    def _leader(self, country: tuple[str, ...], here: tuple[int, int], ahead: bool) -> str | None:
        """``Nhà lãnh đạo Thái Lan``: the person last named with a head of state's or government's title and
        that country (``Thủ tướng Thái Lan Thaksin``)."""
        words = self.lex.words
        own = set(words.countries_in(list(country)))
        for i, t, name, before in reversed(self.named):
            if not (ahead or (i, t) < here):
                continue
            keys = token_keys(name)
            lead = words.country_at(keys, 0, len(keys)) or 0  # "Thái Lan Thaksin Shinawatra": a country read in
            if own & set(words.countries_in([*before, *keys[:lead]])) and any(
                ends_within(before, tuple(h.split())) for h in _HEADS
            ):
                return " ".join(name.split()[lead:]) if lead and len(name.split()) == len(keys) else name
        return None

    def _named_as(
        self, description: tuple[str, ...], here: tuple[int, int], ahead: bool, country: tuple[str, ...] = ()
    ) -> str | None:
        n = len(description)
        for i, t, name, _ in reversed(self.named):
            keys = self.by_index[i].keys
            if not (ahead or (i, t) < here) or (country and self._of_other_country(name, country)):
                continue
            if tuple(keys[max(0, t - n) : t]) == description:
                return name
            end = t + len(token_keys(name))
            if keys[end : end + 1] == [","] and _within(description, keys[end + 1 : end + 3 + n]):
                return name
        return None

    def _of_other_country(self, name: str, country: tuple[str, ...]) -> bool:
        """Is the person ``name`` named anywhere in the document with a country other than ``country`` in the
        four words before the name (``Thủ tướng Nhật Koizumi`` is not ``Thủ tướng Anh``)?"""
        words = self.lex.words
        own = words.countries_in(list(country))
        for i, _, person, before in self.named:
            if person == name and any(c not in own for c in words.countries_in(list(before))):
                return True
        return False

    def _title(self, key: str, s: Sentence, at: int, here: tuple[int, int]) -> tuple[str, str] | None:
        title = tuple(key.split())
        person = self.resolve(title, s, at)
        if person:
            return person, "person"
        named = [n for (i, t, n, before) in self.named if (i, t) < here and ends_within(before, title)]
        # "Bộ trưởng" after "Bộ trưởng Giao thông Vận tải Đào Đình Bình": the title opened a description
        named = named or [n for (i, t, n, _) in self.named if (i, t) < here and self._titled_so(i, t, title)]
        # "Vị chuyên gia" after "Một chuyên gia về cầu đường cho biết": the unnamed speaker so described
        named = named or [
            a
            for (i, t, a, k) in self.spoken
            if k == "person" and (i, t) < here and fold(a).split()[:1] == ["một"] and find(fold(a).split(), title)
        ]
        return (named[-1], "person") if named else None

    def _titled_so(self, sentence: int, token: int, title: tuple[str, ...]) -> bool:
        """Does ``title`` open the phrase before the name at ``token`` of ``sentence``, a description of up to
        six words between (no punctuation), its first word capitalised?"""
        s, n = self.by_index[sentence], len(title)
        for k in range(max(0, token - 6 - n), token - n):
            if tuple(s.keys[k : k + n]) == title and s.words[k + n][:1].isupper():
                return all(s.toks[j].kind == "syllable" for j in range(k + n, token))
        return False

    def _surname(self, key: str, here: tuple[int, int]) -> tuple[str, str] | None:
        """The person last named with the surname ``key`` (``Bush``, ``Nguyễn`` for ``Matt Nguyễn``); failing
        that, with one letter more, less or changed in a Latin name of five letters or more (``Aschcroft`` for
        ``Ashcroft``, ``Muller`` for ``Mueller``: foreign names are often misspelt)."""
        people = [(i, t, n) for (i, t, n, _) in self.named if (i, t) < here]
        people += [(i, t, a) for (i, t, a, k) in self.spoken if k == "person" and len(a.split()) > 1]
        people += [(i, t, n) for (i, t, n) in self.latin_names if (i, t) < here]
        last = [(fold(n).split()[-1], (i, t), n) for (i, t, n) in people]
        named = [(at, n) for (surname, at, n) in last if surname == key]
        if not named and len(key) >= 5 and key.isascii():
            named = [(at, n) for (surname, at, n) in last if surname.isascii() and _one_edit(surname, key)]
        return (max(named)[1], "person") if named else None

    def _person(self, key: str, s: Sentence, at: int, here: tuple[int, int]) -> tuple[str, str] | None:
        person = self.resolve(tuple(key.split()), s, at) if key in ("ông", "bà") else None
        if person:
            return person, "person"
        gender = key.split()[0]
        if key not in ("ông", "bà") and gender in self.lex.words.honorific_pronouns:
            person = self._honorific(gender, here)  # "ông ấy", "bà ta": the last man (woman) named so
            if person:
                return person, "person"
        people = [(i, t, n) for (i, t, n, _) in self.named if (i, t) < here]
        people += [(i, t, a) for (i, t, a, k) in self.spoken if k == "person"]
        people = self.of_gender(gender, people)
        if key in PRONOUN_HONORIFICS:
            people = [p for p in people if self._antecedent(*p)]
        described = None if key in PRONOUN_HONORIFICS else self._described(key, s.index, people)
        if described:
            return described, "person"
        return (max(people)[2], "person") if people else None

    def _group(self, key: str, here: tuple[int, int]) -> tuple[str, str] | None:
        """The last body, medium, collective or country that spoke: any for ``Họ``, else one whose name starts
        with the reference's head noun (``Bộ này``); for a medium (``Tạp chí này``, ``Bài báo``) the last
        medium that spoke or was named."""
        keys = key.split()
        head = keys[0]
        if self.lex.words.media_at(keys):
            media = [(i, t, a) for (i, t, a, k) in self.spoken if k == "media"]
            media += [(i, t, a) for (i, t, a) in self.media if (i, t) < here]
            return (max(media)[2], "media") if media else None
        generic = " ".join(keys[:2]) in _GENERIC_BODIES  # "Cơ quan này": the last body, whatever its name
        country = head in ("nước", "quốc")  # "nước này", "quốc gia này": the last country that spoke
        if head == "các" and keys[-1] == "này":  # "Các tổ chức này": a collective named with the same noun
            head = " ".join(keys[:-1])
        people = keys[:2] == ["những", "người"]  # "những người này": the last collective that spoke
        groups = [
            a
            for (i, t, a, k) in self.spoken
            if k in ("body", "media", "collective", "country")
            and (
                head == "họ"
                or (generic and k == "body")
                or (country and k == "country")
                or (people and k == "collective")
                or (not people and fold(a).startswith(head))
            )
        ]
        return (groups[-1], self.types[groups[-1]]) if groups else None

    @cached_property
    def media(self) -> list[tuple[int, int, str]]:
        """Media named in the document: (sentence, token, name as written)."""
        return [(s.index, t, name) for s in self.sentences for t, name in self.lex.words.media_named(s)]

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
                for at in (find(sentence.keys, head) if sentence else [])
            ]
            if here:
                return min(here)[1]
        return None
