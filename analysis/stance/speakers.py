"""Who speaks: the actor standing before a reporting verb in one document's sentence.

The phrase before the verb is read first against the register (a known person, a title and an
unregistered name, a registered group, a collective such as ``Hai bên``), then from its words
(:mod:`analysis.stance.actors`); references are resolved by the document's
:class:`~analysis.stance.references.Memory`, which also keeps what was recognised.
"""

from __future__ import annotations

from ..text.vietnamese import fold
from .actors import BODY_HEADS
from .lexicons import Lexicons
from .references import PRONOUN_HONORIFICS, Memory
from .sentence import Sentence, as_written, folded_phrases, trim

PURPOSE = frozenset(fold(w) for w in "nhằm để".split())
# Pronouns that, opening a sentence, are the person who opened the sentence before ("Ông", "Bà", "Anh", "Chị", "Em").
_SUBJECT_PRONOUNS = frozenset({"ông", "bà"}) | PRONOUN_HONORIFICS
# The last word of a person's noun before "có tên X" (named X): "cô gái", "thanh niên", "người đàn ông".
_NAMED_AS = frozenset(fold(w) for w in "gái trai người niên nữ ông bà bé cháu".split())
_PREPOSITIONS = frozenset(fold(w) for w in "dưới trong tại sau trước với khi nhân về trên giữa từ qua đến bên".split())
# Words before a name that make it a place's (a street, a school named after a person) or say where one is.
_PLACED = frozenset(fold(w) for w in "đường phố trường học viện ở tại quận huyện xã phường tỉnh cầu chợ".split())
# Words of a clause, not of a subject, before a name: "Theo ông X", "Còn với phần chất vấn ông X".
_NOT_BEFORE_NAME = frozenset(fold(w) for w in "theo còn với và của cùng".split())
# Nouns that open with a preposition's syllable: "nhân viên" (employee), "nhân dân" (the people).
_NOT_PREPOSITIONS = folded_phrases(("nhân viên", "nhân dân", "nhân vật", "nhân chứng"))
# A preposition that opens an adverbial before the subject with no comma after it ("Về cơ bản các ..."); not
# those whose object may be the speaker's noun phrase ("với những gì báo chí đã nêu", "trên trang nhất báo X").
_ADVERBIAL_OPENERS = frozenset({"về"})
# Words that open a noun phrase of speakers: "các thành viên", "hai bên", "một quan chức".
_DETERMINERS = frozenset(fold(w) for w in "các những nhiều một hai ba mọi".split())
# Words that open a clause with a subject of its own ("... sau khi tỉnh X đề nghị ...").
_CONJUNCTIONS = frozenset(fold(w) for w in "và nhưng còn thì mà song khi vì khiến".split())
# Capitalised words opening a clause that are no bare name: "Tuy nhiên", "Ngoài ra", "Trong khi đó".
_NOT_NAMED = frozenset(fold(w) for w in "tuy nhiên ngoài ra đó này theo cũng hiện nay riêng".split())
# Of these, those of a reason or an effect, whose clause has a subject of its own: "Nguyên do vì các quan
# chức Mỹ cho rằng ...", "Điều này khiến nhiều người cho rằng ...".
_CAUSES = frozenset(fold(w) for w in "vì khiến".split())
# A time before a subject with no comma: "Hôm qua ông ...", "Sáng nay Bộ trưởng ...", "Ngày 17-3 Bộ Y tế ...".
_TIME_HEADS = frozenset(fold(w) for w in "hôm sáng trưa chiều tối đêm ngày tuần tháng năm".split())
_TIME_TAILS = frozenset(fold(w) for w in "qua nay mai này trước sau vừa rồi".split())
# Words before the addressees of a document sent: "gửi công hàm tới ...", "gửi thư cho ...".
_TO = frozenset(fold(w) for w in "tới đến cho".split())
# Light verbs and documents between a sender and its cue: "Bộ X đã gửi công điện khẩn tới ... yêu cầu".
_SENDING = frozenset(fold(w) for w in "có gửi ký ban hành ra phát".split())
_DOCUMENTS = folded_phrases(
    (
        *("công văn", "công điện", "văn bản", "điện", "thông báo", "thư", "tờ trình", "chỉ thị"),
        *("thông cáo", "nghị quyết", "đơn", "công hàm", "điện khẩn", "thư ngỏ"),
    )
)
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


def collective(keys: list[str]) -> bool:
    """``Hai bên``, ``Hai Thủ tướng``, ``Hai Chủ tịch Quốc hội``, ``Ba bên``, ``Các bên``."""
    return len(keys) >= 2 and keys[0] in ("hai", "ba", "các") and " ".join(keys[1:]) in _COLLECTIVE_NOUNS


class Speakers:
    """The actors of one document's phrases, recognised with ``lex`` and remembered in ``memory``."""

    def __init__(self, lex: Lexicons, memory: Memory):
        self.lex, self.memory = lex, memory

    def actor(self, s: Sentence, start: int, end: int) -> str | None:
        """The actor standing at the end of tokens ``start:end`` (adverbs and times before the verb allowed)."""
        end = trim(s, start, end)
        while start < end and s.toks[start].kind == "punct":
            start += 1
        if s.keys[start:end] == ["tôi"] and not s.quote_depth[start]:
            return self.memory.voices.get(s.index)  # an interviewee's answer, words printed under a name
        if s.keys[start:end] == ["chúng", "tôi"] and not s.quote_depth[start] and s.index in self.memory.voices:
            return self.memory.voices[s.index]  # the interviewee speaking for their office: "Chúng tôi đề nghị"
        groups, longest = self.lex.register.groups, self.lex.longest_group
        whole_group = end - start <= longest and fold(" ".join(s.keys[start:end])) in groups
        for i in range(start + 1, end if not whole_group else start):  # "Việt Nam - Lào" is one group
            if (
                s.keys[i] == "tên"
                and s.words[i] == "tên"
                and i + 1 < end
                and (s.keys[i - 1] != "có" or (i > 1 and s.keys[i - 2] in _NAMED_AS))  # "Cô gái có tên X"
            ):
                named = i + 1 + (s.keys[i + 1] == "là")  # "một chủ cửa hàng tên là Awni Shatart": the name
                if named < end and s.words[named][:1].isupper():
                    return self.actor(s, named, end)
            if (
                s.words[i] == "là"
                and i + 1 < end
                and s.words[i + 1][:1].isupper()
                and "," not in s.keys[i + 1 : end]
                and not any(k in _CONJUNCTIONS for k in s.keys[start:i])  # "và đặc biệt là Bambang, ông X nói"
            ):
                named = self.actor(s, i + 1, end)  # "Cố vấn tài chính của ông Arafat là Mohammed Rashid cho biết"
                if self.named_person(named):
                    return named
            if (s.keys[i] == "thuộc" and s.words[i - 1][:1].isupper()) or s.keys[i : i + 2] == ["thay", "mặt"]:
                end = trim(s, start, i)  # "X thuộc viện Y", "X thay mặt Đoàn Chủ tịch": whom X works or speaks for
                break
            if s.words[i] == "(" or (s.keys[i] == "-" and s.spaced(i)):
                close = next((k for k in range(i + 1, min(end, i + 5)) if s.words[k] == ")"), None)
                if close is not None and self.lex.words.title_at(s.keys, start, i):
                    # "Tổng thống (TT) Ukraine Viktor Yushchenko", "Tổng Giám đốc Tổ chức Thương mại Thế giới
                    # (WTO) Pascal Lamy": an abbreviation in brackets between the title and the name
                    named = self.lex.unknown_name(s, close + 1, end) if close + 1 < end else None
                    if named and s.words[close + 1][:1].isupper():
                        self.memory.types.setdefault(named, "person")
                        return named
                if s.words[i] != "(" and self._ends_with_name(s, i + 1, end):
                    break  # "Phó trưởng Ban Tư tưởng - văn hóa T.Ư Đào Duy Quát": a dash inside a body's name
                if (
                    s.words[i] != "("
                    and s.keys[end : end + 1] == ["-"]  # closed by a dash (trimmed off the phrase)
                    and end > i + 1
                    and not {"(", ")"} & set(s.keys[start:i])
                    and self.lex.words.title_at(s.keys, start, i)
                ):
                    named = self.actor(s, i + 1, end)  # "đại sứ Iran tại IAEA - Ali-Asghar Soltaniyeh -": set off
                    if self.named_person(named):
                        return named
                end = trim(s, start, i)  # a description after a spaced dash or in brackets
                break
        if end <= start:
            return None
        actor = self._registered(s, start, end)
        if actor is None:
            return (
                self._general(s, start, end)
                or self._first_conjunct(s, start, end)
                or self._located(s, start, end)
                or self._after_time(s, start, end)
            )
        self.memory.types.setdefault(actor, self._register_type(actor))
        named = self.lex.words.countries_in(s.keys, start, end)
        if named and fold(actor) not in self.lex.words.country_names:
            self.memory.country_of.setdefault(actor, named[0])
        return actor

    def _after_time(self, s: Sentence, start: int, end: int) -> str | None:
        """``Hôm qua ông đã thúc giục ...``, ``Ngày 17-3 Bộ Y tế cho biết ...``: a time with no comma before the
        subject (a time word and what dates it: a number, ``qua``, ``nay``), then the subject."""
        keys = s.keys
        if keys[start] not in _TIME_HEADS:
            return None
        at = start + 1
        while at < end and (keys[at] in _TIME_HEADS or keys[at] in _TIME_TAILS or keys[at][:1].isdigit()):
            at += 1
            while at < end and keys[at] in ("/", "-", ".") and at + 1 < end and keys[at + 1][:1].isdigit():
                at += 2  # "17-3", "15/8/2005"
        if not start + 1 < at < end or s.toks[at].kind == "punct":
            return None  # "Ngày 5-2-2005, Công ty ...": a comma ends the time; the clause after it is read apart
        return self.actor(s, at, end)

    def _located(self, s: Sentence, start: int, end: int) -> str | None:
        """``Một số hộ dân sinh sống tại đây cho biết``, ``Dân ở đây cho hay``: people (a collective or a person
        by what they are) followed by where they live or are: the people, as written up to ``ở``/``tại``."""
        at = next((i for i in range(start + 1, end) if s.keys[i] in ("ở", "tại")), None)
        if at is None or end - at > 6:
            return None
        head = at - (s.keys[at - 1] == "sống") - (s.keys[at - 2 : at] == ["sinh", "sống"])
        if head <= start:
            return None
        if s.keys[start:head] == ["dân"]:  # "Dân ở đây cho hay": the people of a place
            self.memory.types.setdefault(s.words[start], "collective")
            return s.words[start]
        found = self.lex.words.recognise(s, start, head)
        if found is None or found.type not in ("collective", "person") or found.resolve:
            return None
        if found.type == "person" and (found.key != "unnamed" or s.keys[start] not in _DETERMINERS):
            return None  # people by what they are, counted ("Hai nhân viên y tế trực ở đây"), not an office
        if found.type == "person":
            self.memory.unnamed.add(found.text)  # a named person set off by commas before it wins
        self.memory.types.setdefault(found.text, found.type)
        return found.text

    def _first_conjunct(self, s: Sentence, start: int, end: int) -> str | None:
        """``A và B <cue>``, a subject of two conjuncts read as no actor whole (``Nguyễn Thu Hà và thí sinh
        trường Luật cho rằng``): its first conjunct when that is a person's full name (not a bare title, a
        pronoun or one capitalised word, as in a list of places)."""
        joins = [i for i in range(start + 1, end - 1) if s.keys[i] == "và"]
        if not joins:
            return None
        first = self.actor(s, start, joins[0])
        if first is None or first in self.memory.unnamed or self.memory.types.get(first) != "person":
            return None
        return first if len(first.split()) >= 2 else None  # a full name, not one word of a list of places

    def _ends_with_name(self, s: Sentence, start: int, end: int) -> bool:
        """Does ``start:end`` end with a Vietnamese person's name (a family name and one to three syllables)?"""
        run = end
        while run > start and s.words[run - 1][:1].isupper() and s.toks[run - 1].kind == "syllable":
            run -= 1
        return any(self.lex.words.name_at(s.keys, k, end) for k in range(run, end - 1))

    def _name_ending(self, s: Sentence, start: int, end: int) -> str | None:
        """A Vietnamese person's full name (a family name and two or three syllables) that ends ``start:end``
        after words in lower case (``Khuôn mặt rạng rỡ Nguyễn Thị Vân``), as written."""
        if (
            start
            or end - start > 7
            or any(k in _PLACED or k in _PREPOSITIONS or k in _NOT_BEFORE_NAME for k in s.keys[start:end])
        ):
            return None  # the subject opening the sentence only: not "ở trường Tiểu học Đinh Tiên Hoàng"
        for k in range(max(start + 1, end - 4), end - 2):
            capitalised = all(w[:1].isupper() for w in s.words[k:end])
            if capitalised and s.words[k - 1][:1].islower() and self.lex.words.name_at(s.keys, k, end):
                name = s.span(k, end)
                self.memory.types.setdefault(name, "person")
                return name
        return None

    def _registered(self, s: Sentence, start: int, end: int) -> str | None:
        """A person, collective, title or group of the register at the end of tokens ``start:end``."""
        keys = s.keys
        for key, person in self.lex.names:  # a known person
            if len(key) <= end - start and tuple(keys[end - len(key) : end]) == key:
                return person.name
        for n in range(min(6, end - start), 1, -1):  # a collective: "Hai bên", "Hai Chủ tịch Quốc hội"
            if collective(keys[end - n : end]) and n == end - start:
                return as_written(s, end - n, end)
        for title in self.lex.titles:  # a title and a name nobody registered, or a bare title to resolve
            n = len(title)
            if tuple(keys[start : start + n]) == title and title not in (("ông",), ("bà",)):
                named = self.lex.unknown_name(s, start + n, end)
                if named:
                    return named
                if start + n == end:
                    return self.memory.resolve(title, s, start)
        if end - start <= self.lex.longest_group and fold(" ".join(keys[start:end])) in self.lex.register.groups:
            return as_written(s, start, end)
        return None

    def _register_type(self, actor: str) -> str:
        key = fold(actor)
        if key in self.lex.person_names or key not in self.lex.register.groups:
            return "person" if not collective(key.split()) else "collective"
        if collective(key.split()) or key.split()[0] in ("hai", "ba", "các"):
            return "collective"
        return "country" if key in self.lex.words.country_names else "body"

    def _general(self, s: Sentence, start: int, end: int) -> str | None:
        """An actor from the words of the phrase (:mod:`analysis.stance.actors`), references resolved."""
        found = self.lex.words.recognise(s, start, end)
        if found is None:
            return None
        memory = self.memory
        actor, kind = found.text, found.type
        if found.key == "unnamed" and self.lex.words.title_at(s.keys, start, end):
            named = memory.named_as(tuple(s.keys[start:end]), (s.index, start), ahead=s.kind == "title")
            if named:  # "Chủ tịch PLO khẳng định" after "Chủ tịch PLO Mahmoud Abbas"
                memory.types.setdefault(named, "person")
                return named
        if found.key in ("unnamed", "bare"):
            memory.unnamed.add(actor)  # a weak reading: a named person set off by commas before it wins
        if found.key == "bare":
            memory.bare.add(actor)
        named = self.lex.words.countries_in(s.keys, start, end)
        if named and not found.resolve:
            memory.country_of.setdefault(actor, named[0])
        if found.resolve == "honorific" and found.key in _SUBJECT_PRONOUNS and _asked(s):
            return None  # "Anh nghĩ gì về nhận xét này?": an interviewer's question to "anh" states nothing
        if found.resolve:
            pronoun = self._pronoun(s, end, found)
            resolved = self._previous_subject(s, start, found) or memory.refer(found, s, start, pronoun=pronoun)
            if (
                resolved is None
                and found.resolve == "surname"
                and end - start == 1
                and start == 0
                and not actor.isascii()
                and not self._described_after(s, end)
            ):
                return None  # a capitalised first word nobody was named by ("Lễ", "Lời"): not a name
            if resolved is None and found.resolve == "group" and found.key in BODY_HEADS:
                return None  # "Sở" with no body of that kind heard before: not an actor
            if resolved is None and pronoun:
                resolved = (actor, "unresolved")  # "Anh cho biết" with no person before: as written, never Britain
            if resolved is None and found.resolve == "honorific" and found.key not in ("ông", "bà"):
                if found.key not in self.lex.words.country_names or not self.memory.abroad:
                    return None  # "Chị", "Em" with nobody so named, "Anh" in home news: left out
                resolved = (actor, "country")  # "Anh" with nobody so named, in news abroad: Britain
                memory.country_of.setdefault(actor, self.lex.words.country_names[found.key])
            actor, kind = resolved or (actor, kind)
        memory.types.setdefault(actor, kind)
        return actor

    @staticmethod
    def _pronoun(s: Sentence, end: int, found) -> bool:
        """Is the bare ``Anh``, ``Chị`` or ``Em`` ending at ``end`` a pronoun, not a country: written in lower case
        (``Tuy vậy, anh vẫn khẳng định``) or opening a sentence of the body (``Anh cho biết``)? A capitalised
        ``Anh`` inside a sentence, or opening a headline, may be Britain."""
        if found.resolve != "honorific" or found.key not in PRONOUN_HONORIFICS:
            return False
        at = end - 1
        return s.words[at][:1].islower() or (s.kind != "title" and all(t.kind == "punct" for t in s.toks[:at]))

    def _previous_subject(self, s: Sentence, start: int, found) -> tuple[str, str] | None:
        """``Tổng thống Bush cũng ca ngợi ông Powell. Ông cho biết ...``: ``Ông`` (``Anh``, ``Chị``, ``Em``) opening
        a sentence is the person who opened the sentence before as its subject (after a fronted clause), not the
        last man named in it, when that subject is a named person of the same gender."""
        group = found.resolve == "group" and found.key == "họ"
        if start or not (group or found.resolve in ("honorific", "person")):
            return None
        if not group and found.key.split()[0] not in _SUBJECT_PRONOUNS and found.key != "người này":
            return None  # "Người này cũng cho biết": the person the sentence before was about
        before = self.memory.by_index.get(s.index - 1)
        if before is None or before.kind == "title":
            return None
        actor = self.subject(before)
        for boundary in (i for i, k in enumerate(before.keys[:12]) if k == ","):
            actor = actor or self.subject(before, boundary + 1)
        memory = self.memory
        if group:  # "Các nhà ngoại giao đặt câu hỏi ... Họ cũng đề nghị ...": the group that opened the sentence
            return self._group_opening(before)
        if (
            actor is None
            or memory.types.get(actor) != "person"
            or (actor in memory.unnamed and not (found.key == "người này" and actor in memory.bare))
            or not memory.of_gender(found.key.split()[0], [(0, 0, actor)])
            or not memory.known(actor)
        ):  # a person named as such, not a capitalised first word read as a name ("Bất", "Gần")
            return None
        return actor, "person"

    def _group_opening(self, s: Sentence) -> tuple[str, str] | None:
        """The group of people that opens ``s``, as short as it is whole: a determiner of number and a title or
        honorific's noun ending it (``Các nhà ngoại giao``, ``Nhiều chuyên gia``), not the words after it."""
        keys, words = s.keys, self.lex.words
        if not keys or keys[0] not in _DETERMINERS or keys[0] == "một":
            return None  # "Các ...", "Nhiều ...", "Hai ...": plural ("Có người đàn ông" is one man)
        for end in range(2, min(7, len(keys)) + 1):
            if not any(words.title_ends(keys, end, n) for n in (1, 2, 3)):
                continue
            actor = self.actor(s, 0, end)
            if actor is not None and self.memory.types.get(actor) == "collective":
                return actor, "collective"
        return None

    def _described_after(self, s: Sentence, end: int) -> bool:
        """Is the word before ``end`` followed by a description of a person set off by a comma (``Quân, một tay
        cò ..., cho biết``, ``Hùng, sinh viên năm ba, kể``)? Then that capitalised word is a person's name."""
        keys = s.keys
        if keys[end : end + 1] != [","] or end + 1 >= len(keys):
            return False
        after = end + 1
        return (
            keys[after] in ("một", "người")
            or self.lex.words.title_at(keys, after, len(keys))
            or self.lex.words.opens_with_honorific(keys, after, len(keys))
        )

    # -- where the subject stands -------------------------------------------------------
    def subject(self, s: Sentence, start: int = 0) -> str | None:
        """The actor that opens the clause at ``start`` (default: the sentence), if one does."""
        longest = min(8, len(s.keys) - start)
        while start + longest < len(s.keys) and longest < 14 and s.words[start + longest][:1].isupper():
            longest += 1  # a name running on past eight words: "Thứ trưởng Ngoại giao Myanmar U Khin Maung Win"
        for n in range(longest, 0, -1):
            actor = self.actor(s, start, start + n)
            if actor:
                return actor
        return None

    def clause_subject(self, s: Sentence, at: int) -> str | None:
        """The subject of the clause a predicate joined by ``và``/``hoặc`` belongs to: the actor opening
        its comma-separated segment or one of the three before it (``Chỉ trong vòng 3 ngày, gần 60 quốc
        gia đã đóng góp hoặc hứa ...``); never a person by title alone or a bare capitalised word."""
        boundary = s.boundaries[at]
        for _ in range(4):
            if any(k in PURPOSE for k in s.keys[boundary + 1 : at]):
                return None  # "nhằm trao đổi ..., đánh giá ... và thống nhất ...": a purpose, not a statement
            actor = self.subject(s, boundary + 1)
            if actor is not None and actor not in self.memory.unnamed:
                return actor
            if boundary < 0:
                return None
            boundary = s.boundaries[boundary]
        return None

    def after_conjunction(self, s: Sentence, start: int, end: int) -> str | None:
        """The subject of a clause joined inside the phrase (``... và người ta cho rằng``)."""
        joins = [i for i in range(start, end) if s.keys[i] in _CONJUNCTIONS]
        for j in joins[-1:-3:-1]:  # the last, else the one before: "..., nhưng A và B cho rằng"
            actor = self.actor(s, j + 1, end) if j + 1 < end else None
            if actor is not None and s.keys[j] in _CAUSES and self._refers(s, j + 1, end, actor):
                return None  # "bị vợ ly dị vì bà cho rằng ...": a reason's subject is named, or nobody is known
            if actor is not None:
                return actor
        return None

    def _refers(self, s: Sentence, start: int, end: int, actor: str) -> bool:
        """Is the actor of tokens ``start:end`` a reference (a pronoun, ``nước này``), resolved or not?"""
        phrase = s.keys[start : trim(s, start, end)]
        words = self.lex.words
        return (
            self.memory.types.get(actor) == "unresolved"
            or phrase[-1:] in (["này"], ["ấy"], ["đó"], ["trên"])
            or tuple(phrase) in words.person_pronouns
            or tuple(phrase) in words.group_pronouns
            or (len(phrase) == 1 and phrase[0] in words.honorific_pronouns)
        )

    def after_adverbial(self, s: Sentence, start: int, end: int) -> str | None:
        """The subject after a fronted adverbial with no comma (``Về cơ bản các thành viên của cuộc họp đã
        khẳng định``, ``Trong cuộc họp báo hôm qua Bộ trưởng X cho biết``): the first actor that opens after
        the preposition and runs to the verb, at a determiner, an honorific, a title or a capitalised word."""
        keys, words = s.keys, s.words
        if start >= end or keys[start] not in _ADVERBIAL_OPENERS or (start and keys[start - 1] not in (",", ":")):
            return None  # not "..., dư luận rất "thông cảm" với vị lãnh đạo X và cho rằng": a clause's adverbial
        if any(k in _CONJUNCTIONS for k in keys[start:end]):
            return None
        for k in range(start + 1, end - 1):  # an actor of two words or more: not "miền Nam thống nhất đất nước"
            opens = (
                (words[k][:1].isupper() and words[k - 1][:1].islower())
                or keys[k] in _DETERMINERS
                or self.lex.words.opens_with_honorific(keys, k, end)
                or self.lex.words.title_at(keys, k, end)
            )
            if opens and end - k <= 14:
                actor = self.actor(s, k, end)
                if actor is not None:
                    return actor
        return None

    def sender(self, s: Sentence, floor: int, end: int) -> str | None:
        """The sender of a document that says something: ``X đã có công văn đề nghị ...``, ``X gửi công điện
        khẩn tới các tỉnh, thành yêu cầu ...``: the subject before the light verb and the document, in the
        clause of the light verb (from ``floor`` on)."""
        keys = s.keys
        for i in range(end - 2, floor, -1):
            at = i + 1 + (keys[i + 1] in _DETERMINERS)  # "X đã có các văn bản kiến nghị ..."
            if keys[i] in _SENDING and any(tuple(keys[at : at + len(d)]) == d for d in _DOCUMENTS):
                # "X có công văn truyền đạt ý kiến (chỉ đạo) của Phó Thủ tướng Y yêu cầu ...": Y's demand
                of = next((k for k in range(at, end - 1) if keys[k : k + 2] == ["ý", "kiến"]), None)
                of = next((k for k in range(of + 2, min(end, of + 5)) if keys[k] == "của"), None) if of else None
                relayed = self.actor(s, of + 1, end) if of is not None and of + 1 < end else None
                return relayed or self.actor(s, max(s.boundaries[i] + 1, floor), i)
        return None

    def addressed(self, s: Sentence, floor: int, boundary: int) -> bool:
        """Does the comma at ``boundary`` continue a list of addressees after a document sent (``X đã gửi
        công hàm tới các bộ trưởng Ngoại giao, Nội vụ, thị trưởng Matxcơva ...``)?"""
        keys = s.keys
        if boundary <= floor or keys[boundary] != ",":
            return False
        for i in range(boundary - 1, floor - 1, -1):
            if keys[i] in (";", ":") or s.quote_depth[i]:
                return False
            at = i + 1 + (keys[i + 1] in _DETERMINERS) if i + 1 < len(keys) else i + 1
            if keys[i] in _SENDING and any(tuple(keys[at : at + len(d)]) == d for d in _DOCUMENTS):
                return any(k in _TO for k in keys[at:boundary])
        return False

    def author(self, s: Sentence, start: int, end: int) -> str | None:
        """The author of a document that says something: ``Tuyên bố của Bộ Ngoại giao Peru viết``, ``Báo cáo
        chính trị của Ban chấp hành X do ông Y trình bày nêu rõ``, ``Phân tích của tiến sĩ X, Trung tâm Y, cho
        biết``, ``tin chính thức từ Hãng X cho biết``: the actor after ``của`` or ``từ``, up to ``do`` (who
        presented it) or a comma. The document opens the phrase ``start:end`` (a determiner before it allowed)
        and its ``của`` or ``từ`` follows within four words."""
        keys = s.keys
        if keys[start : start + 1] == ["theo"]:  # "Theo dự báo của Đài X cho biết ...": a "theo" run on
            if "," in keys[start:end]:
                return None  # "Theo tài liệu của X, Y đã nói ...": Y speaks ("Theo X, ..." is X's own)
            start += 1
        start += keys[start : start + 1] in (["một"], ["bản"], ["các"], ["những"])
        n = self.lex.words.document_at(keys, start, end)
        if not n:
            return None
        of = next((i for i in range(start + n, min(end, start + n + 4)) if keys[i] in ("của", "từ")), None)
        if of is None:
            return None
        stop = next((i for i in range(of + 1, end) if keys[i] in ("do", ",", "(")), end)
        return self.actor(s, of + 1, stop) if stop > of + 1 else None

    def agent(self, s: Sentence, start: int, end: int) -> str | None:
        """The agent of a passive: ``đề thi được các thí sinh nhận xét là ...``, ``bước đi bị phương Tây cho là
        ...``: the actor between ``được``/``bị`` and the cue."""
        keys = s.keys
        for i in range(end - 2, start - 1, -1):
            if keys[i] in ("được", "bị"):
                return self.actor(s, i + 1, end)
        return None

    def apposition(self, s: Sentence, boundary: int, floor: int) -> str | None:
        """A named person before descriptions set off by commas (``Bà X (41 tuổi), dì của Trung, cho biết``)."""
        weak, described = [], False
        for _ in range(4):
            start = max(s.boundaries[boundary] + 1, floor)
            if s.keys[start] in _PREPOSITIONS and tuple(s.keys[start : start + 2]) not in _NOT_PREPOSITIONS:
                break  # "Dưới sự chủ trì của X, kỳ họp khẳng định": an adverbial, not an apposition
            actor = self.actor(s, start, boundary) or self._name_ending(s, start, boundary)
            if actor is None and described:
                actor = self.bare_name(s, start, boundary)  # "Thanh Nga, một thí sinh tại ..., cho biết"
            if s.words[start][:1].islower() and ("của" in s.keys[start:boundary] or "tại" in s.words[start:boundary]):
                actor = None  # "anh trai của thí sinh Y", "thí sinh tại điểm thi THPT Trần Phú": naming someone else
            described = s.words[start][:1].islower()
            if (
                actor is not None
                and self.memory.types.get(actor) == "person"
                and self._names_person(s, start, boundary)
            ):
                # a short title and name opening the clause describe no one before it ("Tướng X, tư lệnh Y, cho
                # biết"); a longer phrase may be an office whose holder is named next ("Bí thư thứ nhất T.Ư Đoàn TNCS
                # Hồ Chí Minh, Chủ nhiệm Ủy ban ... Đào Ngọc Dung, nêu rõ")
                opens = (start == 0 or s.keys[start - 1] != ",") and boundary - start <= 5
                if actor not in self.memory.unnamed and (opens or not self.description(s, start, boundary, actor)):
                    return actor
                weak.append(actor)
            if start == 0 or s.keys[start - 1] != ",":
                break
            boundary = start - 1
        # a bare name ("Thảo Sương") before a person by title alone ("SV năm nhất Khoa Báo chí")
        return min(weak, key=lambda a: a not in self.memory.bare, default=None)

    def bare_name(self, s: Sentence, start: int, end: int) -> str | None:
        """One to four capitalised syllables and nothing else, not a place or a country, before a description
        of a person (``Thu Thủy, thí sinh tại ...``, ``Lee Eui Kap, nhà nghiên cứu ...``): a person's name."""
        words, toks = s.words, s.toks
        if not 1 <= end - start <= 4 or any(t.kind != "syllable" for t in toks[start:end]):
            return None
        if not all(w[:1].isupper() and w[1:].islower() for w in words[start:end]):
            return None
        if any(k in _CONJUNCTIONS or k in _PREPOSITIONS or k in _NOT_NAMED for k in s.keys[start:end]):
            return None  # "Song, nhóm nghiên cứu ..., lại cho rằng": "but", no name
        key = " ".join(s.keys[start:end])
        if (
            key in self.lex.words.places
            or key in self.lex.words.country_names
            or self.lex.words.recognise(s, start, end)
        ):
            return None
        name = s.span(start, end)
        self.memory.types.setdefault(name, "person")
        return name

    def description(self, s: Sentence, start: int, end: int, actor: str | None) -> bool:
        """Is ``start:end`` a description set off by commas after a name (``Ông X, Chủ tịch Công ty Y,
        cho biết``; ``X, người phát ngôn của ông Annan, cho hay``)? It opens with a title or a lower-case
        word, and what it yields is not a person by a Vietnamese or registered name."""
        while start < end and s.toks[start].kind == "punct":
            start += 1
        if start >= end or end - start > 24:
            return False
        if " ".join(s.keys[start:end]) in self.lex.words.places:
            return True  # "Nguyễn Văn A, Hải Dương cho biết": where the person lives
        if self.lex.words.title_at(s.keys, start, end) and not self.lex.words.opens_with_honorific(s.keys, start, end):
            return True  # "Ông X, Giám đốc Công ty Y Hoàng Thạch, cho biết": an office, then the body's name
        if self.memory.types.get(actor) == "body" and start > 1 and s.keys[start - 1] == ",":
            before = s.boundaries[start - 1] + 1  # "Thầy X, Phòng Đào tạo ĐH Y nhận xét": where X works
            if self.lex.words.opens_with_honorific(s.keys, before, start - 1):
                return True
        if not s.words[start][:1].islower() or s.keys[start] in _PREPOSITIONS or s.keys[start] in _CONJUNCTIONS:
            return False
        key = fold(actor or "").split()
        named = self.memory.types.get(actor) == "person" and (
            fold(actor or "") in self.lex.person_names or (key and key[0] in self.lex.words.surnames)
        )
        return not named

    def _names_person(self, s: Sentence, start: int, end: int) -> bool:
        """Does ``start:end`` open with the person it names (an honorific, a title, a name), not with a clause
        that mentions one (``Hội kiến Thủ tướng X``)?"""
        found = self.lex.words.recognise(s, start, end)
        return found is None or found.type in ("person", "unresolved")

    def weak(self, actor: str | None) -> bool:
        """No actor, or a person by title alone: a named person set off by commas before it wins."""
        return actor is None or actor in self.memory.unnamed

    def named_person(self, actor: str | None) -> bool:
        """A person by name (with or without a title), not by title alone."""
        memory = self.memory
        return (
            actor is not None
            and memory.types.get(actor) == "person"
            and (actor not in memory.unnamed or actor in memory.bare)
        )


def _asked(s: Sentence) -> bool:
    """A question: the sentence ends with ``?`` and quotes no one (``Ông nói: ”Tại sao ... chứ?`` quotes a
    question that states something)."""
    return bool(s.keys) and s.keys[-1] == "?" and not any(w in _QUOTE_MARKS for w in s.words)


_QUOTE_MARKS = frozenset('"“”«»')
