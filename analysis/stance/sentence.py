"""A sentence as the stance extractor reads it: folded keys, tokens and words as written, and the
scans made once per sentence (quotation depth, clause boundaries, syllable counts).

The helpers below read spans of one sentence: where the words before a verb end once adverbs
and times are left out (:func:`trim`), where a capitalised name ends (:func:`name_end`), the
content of a statement as written (:func:`span_text`).
"""

from __future__ import annotations

import re
from functools import cached_property

from ..text.vietnamese import Token, fold, token_keys, tokens
from .actors import name_tail, particle

OPEN, CLOSE = '“"‘«', '”"’»'
# Words that may stand between a subject and its verb, or open a coordinated predicate.
ADVERBS = frozenset(
    fold(w)
    for w in (
        "cũng đã đều vẫn tiếp tục sẽ còn luôn cùng đồng thời và nhưng song thì đặc biệt một lần nữa "
        "trước đó sau đó tiếp đó hôm nay khi đó cũng như cao vừa mới chỉ thường từng đang lại liền ngay rồi hiện"
    ).split()
)
# Of these, the adverbs of one word, trimmed before a verb; the longer ones are in MANNER ("đồng thời" is
# trimmed whole, so that "Hội đồng" keeps its "đồng").
_TRIMMED = frozenset(
    fold(w)
    for w in (
        "cũng đã đều vẫn sẽ còn luôn cùng và nhưng song thì cao vừa mới chỉ thường từng đang lại liền ngay rồi hiện "
        "trước tới"
    ).split()
)


def folded_phrases(words) -> frozenset[tuple[str, ...]]:
    """Phrases of a word list as tuples of folded syllables, the form sentences are matched in."""
    return frozenset(tuple(fold(w).split()) for w in words)


# Words of time that may stand between a subject and its verb ("Thứ trưởng X chiều 15/8 cho biết"), and
# "có" before a cue used as a noun ("TP.HCM đã có kiến nghị").
# Words that open a time before a times word: "cuối tuần trước", "đầu tháng này", "giữa năm".
_TIME_EDGES = frozenset(fold(w) for w in "cuối đầu giữa".split())
TIMES = frozenset(fold(w) for w in "có sáng sớm trưa chiều tối đêm ngày hôm nay qua mai tuần tháng năm".split())
# Manner phrases between a subject and its verb ("Askari tức giận cho hay"), and light verbs before a cue
# used as a noun ("X gửi lời chúc mừng").
MANNER = folded_phrases(
    (
        "buộc phải",  # "Intel buộc phải tuyên bố": compelled to ("phải" alone, an obligation, reports nothing)
        "đột ngột",  # "ông đột ngột tuyên bố từ chức": suddenly
        "hai lần",  # "luật sư ... đã hai lần đề nghị": twice
        "nhiều lần",
        "ban đầu",  # "Tây Ban Nha ban đầu cho rằng": at first
        "đặc biệt",  # "Thủ tướng cũng đặc biệt nhấn mạnh": in particular
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
        "tiếp tục",
        "đồng thời",
        "đặc biệt",
        "trước đó",
        "sau đó",
        "tiếp đó",
        "hôm nay",
        "khi đó",
        "cũng như",
        "kiên quyết",
        "mạnh mẽ",
        "dứt khoát",
        "thẳng thừng",
        "không chỉ",  # not only: "Washington không chỉ quan ngại về ... mà còn ..."
        "kịch liệt",  # "Israel kịch liệt phản đối ..."
        "thật thà",
        "lần đầu tiên",  # "Báo Anh The Telegraph lần đầu tiên tiết lộ ..."
        "lần đầu",
        "vô cùng",  # degree: "Nhà Trắng vô cùng lo ngại" (the subject ends before it)
        "hết sức",
        "nhiều lần",
        "liên tục",
        "lập tức",
        "ngay lập tức",
        "nhanh chóng",
        "thậm chí",
        "hiện nay",
        "cố gắng",  # "X cố gắng đảm bảo với ... rằng": trying to say is saying
        "tìm cách",
        "tỏ ra",  # serial verbs of posture and manner before the speech verb: "N. đứng lên thanh minh"
        "tỏ vẻ",
        "tỏ ý",
        "đứng lên",
        "đứng dậy",
        "quay sang",
        "gửi lời",
        "gởi lời",
        "buông lời",
        "ngỏ lời",
        "đưa ra",
        "lên tiếng",
        "đau đớn",  # grief and emotion: "“...”, Manjula đau đớn nói"
        "buồn bã",
        "trầm ngâm",
        "bồi hồi",
        "nghẹn ngào",
        "xúc động",
        "rưng rưng",
    )
)


class Sentence:
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

    def spaced(self, i: int) -> bool:
        """Is token ``i`` preceded by a space (a spaced dash sets off a description)?"""
        return self._original[self.toks[i].start - 1].isspace()

    # Scans of the whole sentence, made once: asked for every cue, they would make a sentence with
    # many cues cost the square of its length.
    @cached_property
    def quote_depth(self) -> list[int]:
        """How many quotations are open before each token (and after the last)."""
        depth, out, unopened = 0, [], None
        for i, (t, w) in enumerate(zip(self.toks, self.words)):
            out.append(depth)
            if w in "“«" or (w == '"' and _opens(self._original, t.start)):
                depth += 1
            elif w in '”»"' and depth:
                depth -= 1
            elif w in '”»"' and unopened is None and i and self.keys[i + 1 : i + 2] in ([","], ["-"]):
                unopened = i  # a closing mark with no opening one, then "," or "-" and (it may be) the speaker
        if unopened is not None:
            # "...thi", một cán bộ cho biết.": a quotation opened sentences before closes here, so every word
            # before its closing mark is quoted speech
            out[:unopened] = [d + 1 for d in out[:unopened]]
            out[unopened] = 1
        return out + [depth]

    @cached_property
    def boundaries(self) -> list[int]:
        """For each token, the last comma, semicolon, colon or closing quote before it (or -1)."""
        last, out = -1, []
        for i, k in enumerate(self.keys):
            out.append(last)
            if k in (",", ";", ":") or k in CLOSE:
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
    def asides(self) -> dict[int, int]:
        """Descriptions set off in brackets or between two spaced dashes (``X - Trưởng ban Y - cho biết``):
        the closing mark's index -> the opening one's."""
        out, stack, dash = {}, [], None
        for i, k in enumerate(self.keys):
            if k == "(":
                stack.append(i if i else -1)  # a sentence wholly in brackets is no aside
            elif k == ")" and stack:
                if (opened := stack.pop()) >= 0:
                    out[i] = opened
            elif k == "-" and i and self.spaced(i):
                if dash is None:
                    dash = i
                else:
                    out[i], dash = dash, None
        return out

    def aside_at(self, i: int) -> bool:
        """Is token ``i`` inside a description in brackets or between spaced dashes?"""
        return any(open_ < i < close for close, open_ in self.asides.items())

    def span(self, start: int, end: int) -> str:
        """Tokens ``start:end`` as written, spaces collapsed (``VietnamWorks.com``, ``Bộ GD-ĐT``)."""
        return " ".join(self._original[self.toks[start].start : self.toks[end - 1].end].split())

    @cached_property
    def last_close(self) -> int | None:
        """Where the last closing quotation mark of the sentence starts."""
        return max((t.start for t, w in zip(self.toks, self.words) if w in CLOSE), default=None)

    def opens_before(self, end: int) -> list[int]:
        """Where the text after each opening quotation mark that starts before ``end`` begins."""
        return [t.end for t, w in zip(self.toks, self.words) if w in OPEN and t.start < end]


def find(keys: list[str], phrase: tuple[str, ...], start: int = 0, end: int | None = None) -> list[int]:
    """Where ``phrase`` starts in ``keys[start:end]``."""
    end = len(keys) if end is None else end
    n = len(phrase)
    return [i for i in range(start, end - n + 1) if tuple(keys[i : i + n]) == phrase]


def _opens(text: str, at: int) -> bool:
    """Does the straight quote at ``text[at]`` open a quotation (a space or bracket before it, a letter after)?"""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([:-") and not after.isspace()


def trim(s: Sentence, start: int, end: int) -> int:
    """``end`` less the adverbs, times and dates before the verb."""
    keys = s.keys
    while end > start:
        k = keys[end - 1]
        manner = next((n for n in (5, 4, 3, 2) if end - n >= start and tuple(keys[end - n : end]) in MANNER), 0)
        if manner:
            end -= manner
        elif (
            (s.toks[end - 1].kind == "punct" and k not in (")", "”", '"'))
            or ((k in _TRIMMED or k in TIMES) and (end == 1 or not s.words[end - 1][:1].isupper()))  # "Lê Thị Mai"
            or k[:1].isdigit()
            or (k in ("/", "-", ".") and end - 2 >= start and keys[end - 2][:1].isdigit())
            or (k in _TIME_EDGES and end < len(keys) and keys[end] in TIMES)  # "cuối tuần trước"
        ):
            end -= 1
        else:
            break
    return end


def name_end(s: Sentence, start: int) -> int:
    """Where the run of capitalised words (or ``tại``, ``giao``) after a title ends; a hyphenated foreign name
    is one run (``Roh Moo-hyun``)."""
    end = start
    while end < len(s.keys) and (
        (s.toks[end].kind == "syllable" and (s.words[end][:1].isupper() or s.keys[end] in ("giao", "tại", "ở")))
        or (end > start and s.words[end] == "-" and particle(s.words, end, start, s.toks) and not s.spaced(end))
        or (end > start and name_tail(s.words, s.toks, end, start))
    ):
        end += 1
    while end > start and not s.words[end - 1][:1].isupper():
        end -= 1
    return end


def ends_within(before: tuple[str, ...], title: tuple[str, ...]) -> bool:
    """Does ``title`` occur in ``before``?"""
    n = len(title)
    return any(before[i : i + n] == title for i in range(len(before) - n + 1))


def as_written(s: Sentence, start: int, end: int) -> str:
    """A collective or body as written, its first letter capitalised (``hai bên`` is ``Hai bên``)."""
    text = " ".join(s.words[start:end])
    return text[:1].upper() + text[1:]


def after_quote(words: list[str], boundary: int) -> bool:
    """Is ``boundary`` a closing quote, or punctuation just after one (``”,`` ``”.``)?"""
    return boundary >= 0 and (words[boundary] in CLOSE or (boundary > 0 and words[boundary - 1] in CLOSE))


def ends_sentence(s: Sentence, at: int) -> bool:
    """Nothing but punctuation from token ``at`` on."""
    return s.syllables_before[-1] == s.syllables_before[at]


def span_text(text: str, toks: list[Token], first: int, end: int) -> str:
    """Tokens ``first:end`` of ``text`` as written, less leading ``,:;-`` and trailing punctuation."""
    while first < end and toks[first].kind == "punct" and text[toks[first].start] in ",:;-":
        first += 1
    if first >= end:
        return ""
    return re.sub(r"[\s.;,]+$", "", text[toks[first].start : toks[end - 1].end]).strip()
