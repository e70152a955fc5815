"""Actors without a register: the noun phrase before a reporting verb, read from its words.

A phrase is an actor when it opens with a word of ``data/actor_words.toml`` or is a run of
capitalised syllables:

* an honorific then a name: the person, by name (``ông Lê Trung Huynh`` -> ``Lê Trung Huynh``);
* a title, then a description, then a name: the name (``Tổng thống Ai Cập Mubarak`` ->
  ``Mubarak``; ``Giám đốc Nhà máy Thủy điện Hòa Bình Nguyễn Văn Thành`` -> ``Nguyễn Văn Thành``:
  a Vietnamese name starts with a family name; countries before a foreign name are dropped);
  with no name, the unnamed person as written (``Giám đốc cảng Duba``) or, for a bare title, a
  reference to resolve;
* a body, a medium, a collective or an unnamed person (``Bộ Y tế``, ``Hãng tin AFP``, ``các
  nhà phân tích``, ``Một quan chức Mỹ``): as written;
* capitalised syllables alone: a country or capital (``Seoul``), or a name (``Askari``);
* a pronoun (``Ông ta``, ``Họ``, ``Người này``): a reference to resolve.

A phrase holding a verb or a function word (``có``, ``là``, ``được`` ...) is a clause, not an actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import config
from ..text.stopwords import is_stopword
from ..text.vietnamese import fold, normalize, token_keys
from ..tomldata import read_toml

__all__ = ["ActorWords", "Actor", "load_actor_words"]

# Words a noun phrase of an actor never holds: verbs, copulas, auxiliaries and conjunctions.
_CLAUSE_WORDS = frozenset(
    fold(w)
    for w in (
        "có là được bị đã sẽ đang không chưa với cho để khi nếu mà vì do nói về rằng nhưng thì phải cần muốn "
        "làm đi đến ra vào lên xuống sau trước đây đó ấy vẫn cũng đều hãy nào khiến"
    ).split()
)
# Nouns that make a collective a group of speakers ("các nhà phân tích"), not of things ("các biện pháp").
_SPEAKERS = frozenset(
    fold(w)
    for w in (
        "nhà người đại biểu chuyên gia quốc gia nước bên lãnh đạo quan chức thành viên nghị sĩ doanh nghiệp công ty "
        "tổ chức cơ quan hành khách nhân chứng sinh viên học sinh giới dân cư cử tri phía đảng nhóm chính phủ thủ lĩnh "
        "chỉ huy bộ trưởng ngoại trưởng tôi chúng luận chức cảnh sát quan công an phóng viên báo chiến sĩ binh sĩ "
        "nhân viên bác sĩ ta nguồn xóm đình đb "
        # the head syllables of people named by what they do: "người dân", "phụ huynh", "tài xế", "du khách",
        # "kỹ sư", "thầy giáo"
        "dân huynh xế khách sư thầy cán "
        # owners and fighters, brothers and pupils: "Một chủ hàng khác", "Các tay súng", "Hai anh em", "các em"
        # (not "anh": "Hoàng gia Anh" is Britain's)
        "chủ tay em"
    ).split()
)
# Nouns of speakers whose syllables alone are not ("giám thị": "thị" is also "thị trường"), and "ý kiến" (what
# speakers voice: "Nhiều ý kiến cho rằng").
_SPEAKER_PAIRS = frozenset(
    tuple(fold(w).split()) for w in ("ý kiến", "giám thị", "giám khảo", "thanh niên", "tiểu thương", "thương nhân")
)
# Words before a place name, never before a person's: "tại Luang Prabang", "quận Tân Phú".
BEFORE_PLACES = frozenset(
    fold(w) for w in "tại ở của quận huyện tỉnh xã phường thị xã thành phố TP thôn ấp bản".split()
)
# Nouns of an institution whose name follows them, never a person's: "Giám đốc bệnh viện Bạch Mai".
INSTITUTIONS = frozenset(
    tuple(fold(w).split())
    for w in (
        "bệnh viện",
        "học viện",
        "công ty",
        "tập đoàn",
        "hãng",
        "ngân hàng",
        "trường",
        "đại học",
        "khách sạn",
        "nhà máy",
        "xí nghiệp",
        "tổ chức",
    )
)


def institution_name(keys: list[str], words: list[str], start: int, run: int, end: int) -> bool:
    """Is the capitalised run ``run:end`` an institution's name, not a person's: after an institution's noun
    (from ``start`` on), a word in lower case allowed between (``bệnh viện tư Rudolfinerhaus``, ``công ty
    Samsung``, ``bệnh viện Xanh Pôn``), one word long, or two (``Colony Capital``) but not a foreign person's
    two names (``Chủ tịch công ty Kunitoshi Shigiyama``)?"""
    ends = [run]  # where the institution's noun ends: right before the run, or one or two lower-case words before
    while len(ends) < 3 and ends[-1] - 1 > start and not _upper(words[ends[-1] - 1]):
        ends.append(ends[-1] - 1)
    nouns = {tuple(keys[k:e]) for e in ends for k in (e - 2, e - 1) if k >= start} & INSTITUTIONS
    if not nouns or end - run > 2:
        return False
    # two words in Latin script are a foreign person's names, unless a company's ("Colony Capital") or after the
    # noun of a place no person is named after ("Đại học tổng hợp East Anglia", "bệnh viện Mount Elizabeth")
    return end - run == 1 or not words[run].isascii() or keys[end - 1] in _CORPORATE or bool(nouns & _PLACES_NAMED)


# Institutions whose name in Latin script is never a person's right after their noun.
_PLACES_NAMED = frozenset(tuple(fold(w).split()) for w in ("bệnh viện", "học viện", "đại học", "khách sạn"))
# The last word of a company's name in Latin script ("Colony Capital", "Rates Technology").
_CORPORATE = frozenset(
    "capital technology technologies group holdings bank motors corp corporation inc ltd co airlines airways "
    "energy systems partners international".split()
)


# Nouns after an honorific that make a person's noun phrase ("bà mẹ", "cô giáo", "ông chủ", "cậu bé").
_PERSON_HEADS = frozenset(fold(w) for w in "mẹ bố cha con cháu giáo chủ lão bé cụ già vợ chồng".split())
# Words after a noun that make it a reference to something named before: "Bộ này", "ông ấy", "Báo trên" (the
# aforesaid paper).
DEMONSTRATIVES = frozenset(("này", "ấy", "trên"))
# People named by what they are ("Ứng viên này", "Vị phụ huynh này"), besides titles and honorifics.
_PERSON_NOUNS = frozenset(
    fold(w) for w in ("ứng viên", "ứng cử viên", "phụ huynh", "thí sinh", "cô giáo", "thầy giáo", "nạn nhân", "tác giả")
)
# A body's head noun alone, capitalised: a reference to the body of that kind named before ("Sở nói ...").
BODY_HEADS = frozenset(
    fold(w)
    for w in (
        *("bộ", "sở", "cục", "viện", "tòa", "toà", "ban", "hãng", "đoàn", "hội đồng", "ủy ban", "uỷ ban"),
        *("huyện", "tỉnh", "quận", "xã", "phường", "trường"),  # "Trước mắt, huyện kiến nghị ..." after "huyện X"
    )
)
# Capitalised words that open a sentence and are no one's name ("Xin cho biết", "Bạn nên ...").
# Determiners too: "Một người dân ngán ngẩm: ..." has no speaker "Một"; nor verbs ("Thay mặt", "Nghe nói", "Lo sợ").
_NOT_NAMES = frozenset(
    fold(w) for w in "xin bạn hãy mời chúng tôi mình ai một mỗi các những nhiều thay nghe lo".split()
)
# "về"/"với" after these words modify a speaker noun, not open a clause: "một chuyên gia về cầu", "nhà
# nghiên cứu về Al-Qaeda", "các nhà phân tích thân cận với Rice", "những nhân vật đối lập với chính phủ".
_MODIFIERS = frozenset(
    [("về", fold(w)) for w in "gia cứu giả sư sĩ tích".split()]
    + [("với", fold(w)) for w in "cận gũi lập".split()]
    + [("không", fold(w)) for w in "hàng phòng".split()]  # "các quan chức hàng không", "lực lượng phòng không"
)
# Collectives that need a noun of speakers after them ("các đại biểu", not "các biện pháp"); the other
# collectives name speakers themselves ("cộng đồng Do Thái", "dư luận", "người nhà bệnh nhân").
_DETERMINERS = frozenset(
    fold(w)
    for w in (
        "các",
        "nhiều",
        "một số",
        "những",
        "hai",
        "ba",
        "cả hai",
        "hàng nghìn",
        "hàng trăm",
        "hàng ngàn",
        "đa số",
        "phần lớn",
        "hầu hết",
        "đa phần",
        "gần",
        "khoảng",
        "hơn",
    )
)
# Nouns of a person that a description and a name may follow ("Thí sinh Đinh Thị Là", "uỷ viên phụ trách an
# ninh Javier Solana", "Thành viên ban chấp hành Hamas Khaled Meshaal").
_DESCRIBED = _PERSON_NOUNS | frozenset(
    fold(w) for w in ("thành viên", "ủy viên", "uỷ viên", "hội viên", "đảng viên", "người", "học viên", "giáo viên")
)
# Abbreviations of school levels and places, never a speaker alone ("hội đồng tuyển sinh ĐH, CĐ").
_ABBREVIATIONS = frozenset(fold(w) for w in "ĐH CĐ THPT THCS TP TW TƯ UBND HĐND".split())
# Nouns before a name that make it a place's: "đường Nguyễn Hữu Cảnh", "cầu Văn Thánh".
PLACE_NOUNS = frozenset(
    fold(w) for w in "đường phố cầu hầm sông trường chợ làng khu bến núi hồ đảo cảng quận huyện tỉnh xã phường".split()
)
# The continents named after "châu" (Europe, Asia, Africa, America, Australia, Oceania).
_CONTINENTS = (("âu",), ("á",), ("phi",), ("mỹ",), ("úc",), ("đại", "dương"))


def continent_at(keys: list[str], at: int, floor: int = 0) -> int:
    """The length of the continent's name at ``at`` after ``châu`` (``Liên minh châu Âu Javier Solana``: 1 at
    ``Âu``), so that a capitalised run starting there is not read as part of the name after it; else 0."""
    if at <= floor or keys[at - 1] != "châu":
        return 0
    return next((len(c) for c in _CONTINENTS if tuple(keys[at : at + len(c)]) == c), 0)


# Bodies and media that speak in lower case, alone: "báo chí", "cảnh sát", "chính quyền".
_STANDALONE = frozenset(
    fold(w)
    for w in (
        "báo chí",
        "cảnh sát",
        "công an",
        "chính quyền",
        "chính phủ",
        "giới chức",
        "nhà chức trách",
        "quân đội",
        "ban giám khảo",
        "ban tổ chức",
        "cơ quan chức năng",
        "nhà trường",
        "tổ công tác",
        "đoàn công tác",
        "tổ điều tra",
        "đoàn kiểm tra",
        "đoàn thanh tra",
        "ban giám hiệu",
    )
)


@dataclass(frozen=True)
class Actor:
    """An actor found in a phrase: its text and type, or a reference (``resolve``) to look up."""

    text: str
    type: str  # person, body, media, country, collective, unresolved
    resolve: str = ""  # "", "person", "group", "title" or "surname": how to look it up in the document
    key: str = ""  # the title, pronoun or surname to resolve by (folded); "unnamed" for a person by title alone


#: Words before a title that keep it a title: former, new.
_TITLE_PREFIXES = ("cựu", "nguyên", "tân")


def _phrases(words) -> dict[str, list[tuple[str, ...]]]:
    """Folded phrases by first syllable, longest first; split into tokens as a sentence is, so that
    ``Itar-Tass`` and ``PGS-TS`` (a hyphen between their parts) match as written in the text."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for w in sorted({tuple(token_keys(normalize(w))) for w in words}, key=len, reverse=True):
        out.setdefault(w[0], []).append(w)
    return out


def _match(table: dict, keys: list[str], at: int, end: int) -> int:
    """Length of the longest phrase of ``table`` at ``keys[at:end]`` (0 if none)."""
    for phrase in table.get(keys[at], ()) if at < end else ():
        if tuple(keys[at : at + len(phrase)]) == phrase and at + len(phrase) <= end:
            return len(phrase)
    return 0


class ActorWords:
    """The lexicons of ``data/actor_words.toml``, read once per extractor."""

    def __init__(self, data: dict):
        words = {k: v.get("words", []) for k, v in data.items()}
        self.honorifics = _phrases(words["honorifics"])
        # a title also former, new or interim: "cựu chủ tịch Enron", "nguyên Bộ trưởng", "Thủ tướng lâm thời Iraq"
        self.titles = _phrases(
            [*words["titles"], *(f"{p} {t}" for t in words["titles"] for p in _TITLE_PREFIXES)]
            + [f"{t} lâm thời" for t in words["titles"]]
        )
        self.bodies = _phrases(words["bodies"])
        self.media = _phrases(words["media"])
        self.collectives = _phrases(words["collectives"])
        self.unnamed = _phrases(words["unnamed"])
        self.connectors = _phrases(words["connectors"])
        self.countries = _phrases(words["countries"])
        # keyed as the sentence's keys are joined: a hyphen is a token of its own (``li - băng``)
        self.country_names = {" ".join(token_keys(normalize(w))): w for w in words["countries"]}
        self.surnames = frozenset(fold(w) for w in words["surnames"])
        self.not_actors = _phrases(data.get("not_actors", {}).get("words", []))
        self.places = frozenset(fold(w) for w in data.get("places", {}).get("words", []))
        self.honorific_pronouns = frozenset(fold(w) for w in data["pronouns"].get("honorific", []))
        self.person_pronouns = _phrases(data["pronouns"]["person"])
        self.group_pronouns = _phrases(data["pronouns"]["group"])
        self.heads = (
            set(self.honorifics)
            | set(self.titles)
            | set(self.bodies)
            | set(self.media)
            | set(self.collectives)
            | set(self.unnamed)
            | set(self.person_pronouns)
            | set(self.group_pronouns)
        )

    def name_at(self, keys: list[str], i: int, end: int) -> bool:
        """Is ``keys[i:end]`` a Vietnamese name: a family name and one to three syllables, not a place or a
        country (``Thái Lan``)?"""
        return (
            keys[i] in self.surnames
            and 2 <= end - i <= 4
            and " ".join(keys[i:end]) not in self.places
            and _match(self.countries, keys, i, end) != end - i
        )

    def media_at(self, keys: list[str]) -> bool:
        """Does a medium's head noun open ``keys`` (``tạp chí này``, ``báo trên``), or an article's (``bài báo``,
        ``các bài báo``)?"""
        keys = keys[keys[:1] in (["các"], ["những"]) :]
        return bool(_match(self.media, keys, 0, len(keys))) or keys[:1] == ["bài"]

    def media_named(self, phrase) -> list[tuple[int, str]]:
        """Media named in a sentence: a medium's head noun and the capitalised name after it (``tờ Green Left
        Weekly``, ``báo Tuổi Trẻ``), or a capitalised medium (``AFP``): (token, name as written)."""
        words, keys, found, i = phrase.words, phrase.keys, [], 0
        while i < len(keys):
            n = _match(self.media, keys, i, len(keys))
            end = i + n
            while n and end < len(keys) and _upper(words[end]) and phrase.toks[end].kind == "syllable":
                end += 1
            inside = any(_match(self.bodies, keys, i - k, i) == k for k in (1, 2, 3) if i >= k)
            if (
                n
                and (end > i + n or _upper(words[i]))
                and " ".join(keys[i:end]) not in self.country_names  # not "Đài Loan"
                and not inside  # not the "Nhân dân" of "Quân đội Nhân dân VN", a body's name
            ):
                found.append((i, _cap(phrase.span(i, end))))
            i = max(end, i + 1)
        return found

    def document_at(self, keys: list[str], start: int, end: int) -> int:
        """Length of the document or speech named at ``keys[start:end]`` (``Báo cáo chính trị``: 2; 0 if none)."""
        return _match(self.not_actors, keys, start, end)

    def title_at(self, keys: list[str], start: int, end: int) -> bool:
        """Does a title open ``keys[start:end]``?"""
        return bool(_match(self.titles, keys, start, end))

    def body_at(self, keys: list[str], start: int, end: int) -> bool:
        """Does a body's noun open ``keys[start:end]`` (``Bộ Y tế``, ``Quân đội``)?"""
        return bool(_match(self.bodies, keys, start, end))

    def opens_with_honorific(self, keys: list[str], start: int, end: int) -> bool:
        return bool(_match(self.honorifics, keys, start, end))

    def title_ends(self, keys: list[str], end: int, n: int) -> bool:
        """Do the ``n`` keys before ``end`` make a title or an honorific?"""
        at = end - n
        return at >= 0 and n in (_match(self.titles, keys, at, end), _match(self.honorifics, keys, at, end))

    def country_at(self, keys: list[str], at: int, end: int) -> int:
        """Length of the country named at ``keys[at:end]`` (0 if none)."""
        return _match(self.countries, keys, at, end)

    def countries_in(self, keys: list[str], start: int = 0, end: int | None = None) -> list[str]:
        """The countries (and capitals, as their written form in the lexicon) named in ``keys[start:end]``."""
        end, found, i = len(keys) if end is None else end, [], start
        while i < end:
            n = _match(self.countries, keys, i, end)
            if n:
                found.append(self.country_names[" ".join(keys[i : i + n])])
            i += n or 1
        return found

    # -- a phrase ---------------------------------------------------------------------
    def recognise(self, phrase, start: int, end: int) -> Actor | None:
        """The actor that tokens ``start:end`` of ``phrase`` name, if they name one; ``phrase`` has
        ``words`` (as written), ``keys`` (folded) and ``span(start, end)``, their text as written."""
        words, keys, text = phrase.words, phrase.keys, phrase.span
        start += _match(self.connectors, keys, start, end)
        if end - start <= 0 or end - start > 14:
            return None
        whole = tuple(keys[start:end])
        if end - start == 1 and whole[0] in self.honorific_pronouns:
            return Actor(_cap(text(start, end)), "unresolved", "honorific", whole[0])
        for pronouns, kind in ((self.person_pronouns, "person"), (self.group_pronouns, "group")):
            if _match(pronouns, keys, start, end) == end - start:
                return Actor(_cap(text(start, end)), "unresolved", kind, " ".join(whole))
        reference = self._reference(phrase, start, end)
        if reference or _match(self.not_actors, keys, start, end):
            return reference
        head = start + max(1, _match(self.bodies, keys, start, end))  # "Hãng hàng không X": its "không" is no verb
        if any(
            (k in _CLAUSE_WORDS and not _upper(w) and (k, keys[i - 1]) not in _MODIFIERS)
            or k in (",", ";", ":")  # "Quân đội Do Thái": a name's "Do"
            for i, k, w in zip(range(head, end), keys[head:end], words[head:end])
        ):
            return None
        n = _match(self.honorifics, keys, start, end)
        if n:
            return self._named(phrase, start + n, end, start)
        n = _match(self.titles, keys, start, end)
        titled = self._titled(phrase, start, start + n, end) if n else None
        if titled:
            return titled
        for table, kind in (
            ((self.media, "media"), (self.bodies, "body")) if not korean_name(words, phrase.toks, start, end) else ()
        ):
            head = _match(table, keys, start + 1, end) if keys[start] == "một" and end - start > 2 else 0
            if head > 1 or (head and any(_upper(w) for w in words[start + 2 : end])):
                return Actor(_cap(text(start, end)), kind)  # "một hãng thông tấn", not "một tờ giấy"
            n = _match(table, keys, start, end)
            if n and (
                _upper(words[start])
                or any(_upper(w) for w in words[start + n : end])
                or any(" ".join(keys[start : start + k]) in _STANDALONE for k in (1, 2, 3))  # "ban giám khảo cuộc thi"
            ):
                return Actor(_cap(text(start, end)), kind)
        n = _match(self.unnamed, keys, start, end)
        if (
            n and start + n < end  # "Một" alone is no one, whatever follows the phrase
        ) and (
            self._speakers(keys, start + n, min(start + n + 2, end))
            or _match(self.titles, keys, start + n, end)
            or (keys[start + n - 1] == "người" and start + n < end)  # "Một người bán hàng ở chợ X": a person
        ):
            return Actor(_cap(text(start, end)), "person", key="unnamed")
        if end - start >= 2 and (
            (
                keys[start] == "người"
                and (
                    _match(self.countries, keys, start + 1, end) == end - start - 1
                    or (end - start <= 4 and all(map(_upper, words[start + 1 : end])))
                )
            )
            or (
                keys[start : start + 2] == ["thế", "giới"]
                and end - start > 2
                and all(map(_upper, words[start + 2 : end]))
            )
        ):
            return Actor(_cap(text(start, end)), "collective")  # "người Palestine", "người Kurd", "Thế giới Ảrập"
        n = _match(self.collectives, keys, start, end)
        if n and (self._speakers(keys, start, end) or " ".join(keys[start : start + n]) not in _DETERMINERS):
            return Actor(_cap(text(start, end)), "collective")
        if _upper(words[start]) and " ".join(whole) in self.country_names:
            return Actor(text(start, end), "country")  # also one spelled with a hyphen, "Li-băng"
        if (
            all(in_name(words, phrase.toks, i, start) for i in range(start, end))
            and end - start <= 5
            and not is_stopword(whole[0])
        ):
            written = text(start, end)
            if " ".join(whole) in self.country_names:
                return Actor(written, "country")
            if " ".join(whole) in self.places:
                return Actor(written, "body")  # a province or city speaking through its government
            if self.name_at(keys, start, end):
                return Actor(written, "person")  # a Vietnamese name: family name first
            if end - start == 1 and _initial(phrase, start):
                return Actor(words[start] + ".", "person", "surname", whole[0])  # "Q. cho biết": a name cut short
            if end - start == 1:
                if is_stopword(whole[0]) or len(words[start]) < 2 or whole[0] in _NOT_NAMES:
                    return None
                if whole[0] in _ABBREVIATIONS:
                    return None
                if words[start].isupper() and len(words[start]) <= 8:
                    return Actor(written, "body")  # an acronym: an organisation ("UNICEF", "ETA")
                return Actor(written, "person", "surname", whole[0])
            return Actor(written, "person", key="bare")
        return self._described_name(phrase, start, end)

    def _described_name(self, phrase, start: int, end: int) -> Actor | None:
        """A noun of a person and a description in lower case, then a person's full name (``Thí sinh Đinh Thị
        Là``, ``uỷ viên phụ trách an ninh châu Âu Javier Solana``, ``Thành viên ban chấp hành Hamas Khaled
        Meshaal``): the name, whatever noun describes the person. The name is the capitalised run that ends the
        phrase, after a word in lower case: a Vietnamese name (a family name first), or two to four capitalised
        syllables that name no country, place or body; a country or an acronym opening the run is left out."""
        words, keys, text = phrase.words, phrase.keys, phrase.span
        if not any(" ".join(keys[start : start + k]) in _DESCRIBED for k in (1, 2)):
            return None
        run = end
        while run > start and _upper(words[run - 1]) and phrase.toks[run - 1].kind == "syllable":
            run -= 1
        if run == start or run == end or _upper(words[run - 1]) or phrase.toks[run - 1].kind != "syllable":
            return None
        if (
            keys[run - 1] in BEFORE_PLACES
            or _match(self.bodies, keys, start, run)
            or _match(self.media, keys, start, run)
        ):
            return None  # "tại Hà Nội", "ban chấp hành Hamas": a place's or a body's name
        run += max(0, _match(self.countries, keys, run - 1, end) - 1)  # "châu Âu Javier Solana": past "châu Âu"
        for i in range(run, end - 1):
            if self.name_at(keys, i, end):
                return Actor(text(i, end), "person")
        while run < end - 2 and (_match(self.countries, keys, run, end) or words[run].isupper()):
            run += _match(self.countries, keys, run, end) or 1
        whole = " ".join(keys[run:end])
        if not 2 <= end - run <= 4 or whole in self.country_names or whole in self.places:
            return None
        return Actor(text(run, end), "person")

    def _reference(self, phrase, start: int, end: int) -> Actor | None:
        """``<noun> này`` / ``<noun> ấy`` / ``<noun> trên`` (``Đại biểu này``, ``vị giáo sư này``, ``Tạp chí này``,
        ``Báo trên``), and a body's head noun alone (``Sở``, ``Bộ``): a reference to an earlier person or body of
        the same kind."""
        keys, text = phrase.keys, phrase.span
        whole = " ".join(keys[start:end])
        if (
            end - start >= 2
            and keys[end - 1] in DEMONSTRATIVES
            and not any(k in _CLAUSE_WORDS for k in keys[start : end - 1])
        ):
            head = start + (keys[start] in ("vị", "viên", "người", "nhà") and end - start > 2)
            if (
                _match(self.media, keys, head, end - 1)
                or _match(self.bodies, keys, head, end - 1)
                or keys[head : end - 1] in (["nước"], ["quốc", "gia"])  # "nước này": a country, not a person
            ):
                return Actor(_cap(text(start, end)), "unresolved", "group", whole)
            if (
                _match(self.titles, keys, head, end - 1)
                or _match(self.honorifics, keys, head, end - 1)
                or (keys[head] in _SPEAKERS or " ".join(keys[head : end - 1]) in _PERSON_NOUNS)
            ):
                return Actor(_cap(text(start, end)), "unresolved", "person", whole)
        if whole in ("những người này", "những người đó"):  # the people who spoke before, as a group
            return Actor(_cap(text(start, end)), "unresolved", "group", whole)
        if whole in BODY_HEADS:  # "Sở nói ...", "hội đồng thống nhất: ..."
            return Actor(_cap(text(start, end)), "unresolved", "group", whole)
        if end - start >= 2 and keys[start] == "vị" and _match(self.titles, keys, start + 1, end) == end - start - 1:
            # "Vị thủ tướng nói rằng ...": the title alone, the person last named with it
            return Actor(_cap(text(start, end)), "unresolved", "title", " ".join(keys[start + 1 : end]))
        return None

    def _speakers(self, keys: list[str], start: int, end: int) -> bool:
        """Do ``keys[start:end]`` hold a noun of speakers (``đại biểu``) or of what they voice (``Nhiều ý kiến cho
        rằng``), or open with a title (``các cố vấn``)?"""
        return (
            any(k in _SPEAKERS for k in keys[start:end])
            or any(tuple(keys[i : i + 2]) in _SPEAKER_PAIRS for i in range(start, end - 1))
            or any(_match(self.titles, keys, i, end) for i in range(start, min(end, start + 3)))
        )

    def _named(self, phrase, start: int, end: int, head: int) -> Actor | None:
        """An honorific's person: the capitalised run after it (a description may follow), or after a
        description as after a title (``giáo sư xã hội học François Dubet``)."""
        words, keys = phrase.words, phrase.keys
        run = start
        while run < end and in_name(words, phrase.toks, run, start):
            run += 1
        if run == start:
            if start >= end:
                return None
            described = (
                any(_upper(w) for w in words[start:end])
                or _match(self.titles, keys, start, end)
                or keys[start] in _PERSON_HEADS
            )  # "giáo sư xã hội học François Dubet", "ông giám đốc", "bà mẹ"; not "Ông từ chối"
            return self._titled(phrase, head, start, end) if described else None
        if run - start == 1:
            return Actor(words[start], "person", "surname", keys[start])
        return Actor(phrase.span(start, run), "person")

    def _titled(self, phrase, head: int, start: int, end: int) -> Actor | None:
        """A title's person: the name that ends the phrase, else the unnamed person or a bare title."""
        words, keys, text = phrase.words, phrase.keys, phrase.span
        run = end
        while run > start and in_name(words, phrase.toks, run - 1, start):
            run -= 1
        first = run + continent_at(keys, run, start)  # "châu Âu Javier Solana": Âu is no family name here
        for i in range(first, end - 1):  # a Vietnamese name: a family name and one to three more syllables
            if self.name_at(keys, i, end):
                return Actor(text(i, end), "person")
        while first < end and not korean_name(words, phrase.toks, first, end):  # "Ban Ki-moon": not a body's "Ban"
            n = _match(self.countries, keys, first, end) or _match(self.bodies, keys, first, end)
            if not n and not (
                end - first > 1 and words[first].isupper() and words[first].isalpha() and len(words[first]) > 1
            ):
                n = (
                    words[first] in ("U", "Daw") and end - first > 2
                )  # Burmese honorifics ("U Khin Maung Win"): as titles
                if not n:
                    break
            first += n or 1  # a country, a body or an acronym before the name ("Chủ tịch PLO Mahmoud Abbas")
        acronym = end - first == 1 and words[first].isupper() and len(words[first]) > 1  # "Chủ tịch PLO": a body's
        # "Giám đốc bệnh viện Bạch Mai", "Chủ tịch tập đoàn Samsung": a short run after a body's noun is its name
        institution = institution_name(keys, words, start, run, end)
        if (
            first < end
            and run < end
            and not acronym
            and not institution
            and (keys[run - 1] not in BEFORE_PLACES or _match(self.countries, keys, run, end))  # "tại Iraq Paul Bremer"
            and phrase.toks[run - 1].kind != "punct"
        ):
            return Actor(text(first, end), "person")
        if end == start:
            return Actor(_cap(text(head, end)), "unresolved", "title", " ".join(keys[head:end]))
        at = start + (keys[start] == "của")
        body = _match(self.bodies, keys, at, end) or _match(self.media, keys, at, end)
        if end - start > 2 and not _upper(words[end - 1]) and not body:
            return None  # "Chủ tịch đặc biệt quan tâm tới ...": a clause; "Giám đốc của bệnh viện" is a description
        return Actor(_cap(text(head, end)), "person", key="unnamed")


def load_actor_words(path: str | Path | None = None) -> ActorWords:
    return ActorWords(read_toml(path or config.DATA / "actor_words.toml", "actor lexicon"))


# Lower-case particles inside foreign names: "Jaap de Hoop Scheffer", "Osama bin Laden".
_PARTICLES = frozenset("de van von der den bin al da di du dos del la le el ibn".split())
_JOINERS = _PARTICLES | {"-", "."}


def particle(words: list[str], k: int, start: int = 0, toks=None) -> bool:
    """Is ``words[k]`` a name's particle, between two capitalised words: a lower-case particle (``al`` of
    ``Qayder al-Chalabi``), the hyphen of a foreign name written in Latin letters (``El-Badri``, ``Ali-Ilahi``,
    ``ITAR-Tass``) or the stop of an initial (``George W. Bush``)? A hyphen next to a Vietnamese syllable sets
    off a description instead (``Huỳnh Thanh Hùng-Phó hiệu trưởng``), and one between two acronyms joins two
    abbreviations (``KHXH-NV``, ``PGS-TS``). With the sentence's tokens (``toks``), also the hyphen of a Korean
    given name, its second part in lower case and nothing spaced (``Roh Moo-hyun``, ``Ban Ki-moon``: see
    :func:`name_tail`)."""
    if words[k] not in _JOINERS or not start < k < len(words) - 1:
        return False
    left, word, right = words[k - 1], words[k], words[k + 1]
    if word in _PARTICLES:
        return _upper(left) and (_upper(right) or right == "-")
    if word == "-" and toks is not None and _hyphenated(words, toks, k):
        return True
    if not _upper(right):
        return False
    if word == ".":
        return len(left) == 1 and left.isupper() and left.isalpha()
    joined = _latin(left) and _latin(right) and not (left.isupper() and right.isupper())  # not "KHXH-NV"
    return word == "-" and (left in _PARTICLES or (_upper(left) and joined))


def _hyphenated(words: list[str], toks, k: int) -> bool:
    """Is the hyphen ``words[k]`` written close between a capitalised word in Latin letters of two or more and a
    lower-case one (``Moo-hyun``, ``Jong-il``)? Not ``E-mail``, ``X-quang``, nor a spaced dash (``HCM - cho``)."""
    left, right = words[k - 1], words[k + 1]
    return (
        _latin(left)
        and len(left) > 1
        and left[:1].isupper()
        and _latin(right)
        and right.islower()
        and toks[k - 1].end == toks[k].start
        and toks[k].end == toks[k + 1].start
    )


def name_tail(words: list[str], toks, k: int, start: int = 0) -> bool:
    """Is ``words[k]`` the lower-case part of a hyphenated foreign name (``hyun`` of ``Roh Moo-hyun``)?"""
    return k - 2 >= start and words[k - 1] == "-" and _hyphenated(words, toks, k - 1)


def korean_name(words: list[str], toks, start: int, end: int) -> bool:
    """Are ``words[start:end]`` a family name and a hyphenated given name (``Ban Ki-moon``), whatever Vietnamese
    word the family name also is (``ban``, a board)?"""
    return end - start == 4 and _upper(words[start]) and _upper(words[start + 1]) and name_tail(words, toks, end - 1)


def in_name(words: list[str], toks, k: int, start: int = 0) -> bool:
    """Is ``words[k]`` part of a capitalised name run: capitalised, a particle or a hyphenated name's tail?"""
    return _upper(words[k]) or particle(words, k, start, toks) or name_tail(words, toks, k, start)


def _initial(phrase, k: int) -> bool:
    """``Q.``, ``T.``: a capital letter and a full stop, then a space, as papers shorten the name of someone
    they protect (``Q. “bựa” nói rằng ...``, ``P. cho biết ...``); not ``P.13``, ``Q.Tân Bình`` (a ward, a
    district)."""
    words = phrase.words
    if not (len(words[k]) == 1 and words[k].isupper() and words[k + 1 : k + 2] == ["."]):
        return False
    return k + 2 >= len(words) or not words[k + 2][:1].isalnum() or phrase.spaced(k + 2)


def _latin(word: str) -> bool:
    return word.isascii() and word.isalpha()


def _upper(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and any(c.isupper() for c in word))


def _cap(text: str) -> str:
    """A first letter in lower case mid-sentence capitalised: ``hai bên`` counts with ``Hai bên``."""
    return text[:1].upper() + text[1:]
