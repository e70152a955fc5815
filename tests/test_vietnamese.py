"""Folding, normalising and syllables (analysis/vietnamese.py)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.text.vietnamese import fold, normalize, place_tones, syllables, tokens


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_expected_literals_are_nfc():
    # The expected strings of this file are typed precomposed; an NFD literal would hide bugs.
    with open(__file__, encoding="utf-8") as f:
        source = f.read()
    assert source == nfc(source)


# --------------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    "text, expected",
    [
        # NFC: combining marks compose
        (nfd("hợp tác"), "hợp tác"),
        (nfd("Việt Nam"), "việt nam"),
        (nfd("Uỷ ban"), "ủy ban"),
        # case
        ("HỢP TÁC", "hợp tác"),
        ("Đảng", "đảng"),
        ("ĐẢNG", "đảng"),
        ("Gắn Kết Chiến Lược", "gắn kết chiến lược"),
        # tone mark of open oa / oe / uy placed on the first vowel
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("thoả", "thỏa"),
        ("thỏa", "thỏa"),
        ("uỷ", "ủy"),
        ("ủy", "ủy"),
        ("khoẻ", "khỏe"),
        ("khỏe", "khỏe"),
        ("HOÀ", "hòa"),
        ("Hoà bình", "hòa bình"),
        ("thoả thuận", "thỏa thuận"),
        ("thuỷ chung", "thủy chung"),
        ("hoạ", "họa"),
        ("khoá", "khóa"),
        ("hoà.", "hòa."),
        ("(hoà)", "(hòa)"),
        (nfd("hoà"), "hòa"),
        (nfd("UỶ BAN"), "ủy ban"),
        # closed syllables and qu + vowel are left alone
        ("quý", "quý"),
        ("quỳ", "quỳ"),
        ("QUÝ", "quý"),
        ("toàn", "toàn"),
        ("hoàn", "hoàn"),
        ("khuyến", "khuyến"),
        ("thuở", "thuở"),
        ("Hoàng", "hoàng"),
        ("toàn diện", "toàn diện"),
        # white space runs are one space, ends stripped
        ("  hợp\t\ttác \n toàn  diện ", "hợp tác toàn diện"),
        ("hợp\u00a0tác", "hợp tác"),
        ("hợp\r\ntác", "hợp tác"),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    "a, b",
    [
        ("hoà", "hòa"),
        ("thoả", "thỏa"),
        ("uỷ", "ủy"),
        ("khoẻ", "khỏe"),
        ("HOÀ", "hòa"),
        ("Uỷ ban liên Chính phủ", "ủy ban liên chính phủ"),
        ("  HOÀ  BÌNH\n Thoả ", "hòa bình thỏa"),
        (nfd("hữu nghị"), "hữu nghị"),
    ],
)
def test_fold_equal(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("huu nghi", "hữu nghị"),
        ("hợp tác", "hop tac"),
        ("hợp tác", "hớp tác"),  # tone marks differ
        ("Việt Nam", "Viet Nam"),
        ("đảng", "dang"),  # đ is not d
        ("ơn", "on"),  # vowel marks differ
        ("quý", "qúy"),  # qu + vowel: both styles are not merged
        ("toàn", "tòan"),  # closed syllable: left alone
        ("gắn kết chiến lược", "gắn kết, chiến lược"),
    ],
)
def test_fold_keeps_marks_apart(a, b):
    assert fold(a) != fold(b)


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hoà  Bình", "Hòa  Bình"),  # case and spacing kept
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("UỶ BAN", "ỦY BAN"),
        ("Uỷ ban", "Ủy ban"),
        ("Oà", "Òa"),
        (nfd("Thoả thuận"), "Thỏa thuận"),
        ("quý, toàn, khuyến, thuở", "quý, toàn, khuyến, thuở"),
        (" Hợp tác\n\nTOÀN DIỆN ", " Hợp tác\n\nTOÀN DIỆN "),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected
    assert len(normalize(text)) == len(nfc(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hoà bình, thoả thuận, Uỷ ban, toàn diện, quý", "Hòa bình, thỏa thuận, Ủy ban, toàn diện, quý"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("hoàng hôn", "hoàng hôn"),
    ],
)
def test_place_tones(text, expected):
    assert place_tones(text) == expected


# --------------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Vốn đạt 6,21 tỷ USD, tăng 28,26%.",
            [
                ("Vốn", "syllable"),
                ("đạt", "syllable"),
                ("6,21", "syllable"),
                ("tỷ", "syllable"),
                ("USD", "syllable"),
                (",", "punct"),
                ("tăng", "syllable"),
                ("28,26", "syllable"),
                ("%", "punct"),
                (".", "punct"),
            ],
        ),
        (
            "khoảng 100.000 kiều bào",
            [("khoảng", "syllable"), ("100.000", "syllable"), ("kiều", "syllable"), ("bào", "syllable")],
        ),
        (
            "Ngày 5/2 tại TP.HCM, ông A nói: “Tốt”.",
            [
                ("Ngày", "syllable"),
                ("5", "syllable"),
                ("/", "punct"),
                ("2", "syllable"),
                ("tại", "syllable"),
                ("TP.HCM", "syllable"),
                (",", "punct"),
                ("ông", "syllable"),
                ("A", "syllable"),
                ("nói", "syllable"),
                (":", "punct"),
                ("“", "punct"),
                ("Tốt", "syllable"),
                ("”", "punct"),
                (".", "punct"),
            ],
        ),
        (
            "tại TP.HCM.",
            [("tại", "syllable"), ("TP.HCM", "syllable"), (".", "punct")],
        ),
        (
            "P.V • 09/10/2024 06:27",
            [
                ("P.V", "syllable"),
                ("•", "punct"),
                ("09", "syllable"),
                ("/", "punct"),
                ("10", "syllable"),
                ("/", "punct"),
                ("2024", "syllable"),
                ("06", "syllable"),
                (":", "punct"),
                ("27", "syllable"),
            ],
        ),
        (
            "16-18/12/2024",
            [
                ("16", "syllable"),
                ("-", "punct"),
                ("18", "syllable"),
                ("/", "punct"),
                ("12", "syllable"),
                ("/", "punct"),
                ("2024", "syllable"),
            ],
        ),
        (
            "(NLĐ)- Việt Nam – Lào",
            [
                ("(", "punct"),
                ("NLĐ", "syllable"),
                (")", "punct"),
                ("-", "punct"),
                ("Việt", "syllable"),
                ("Nam", "syllable"),
                ("–", "punct"),
                ("Lào", "syllable"),
            ],
        ),
        (
            '"từ sớm từ xa",',
            [
                ('"', "punct"),
                ("từ", "syllable"),
                ("sớm", "syllable"),
                ("từ", "syllable"),
                ("xa", "syllable"),
                ('"', "punct"),
                (",", "punct"),
            ],
        ),
        ("", []),
        ("  \n ", []),
    ],
)
def test_tokens(text, expected):
    found = tokens(text)
    assert [(text[t.start : t.end], t.kind) for t in found] == expected


def test_tokens_offsets_inside_a_window():
    text = "Hai bên nhất trí. Vốn đạt 6,21 tỷ USD."
    start = text.index("Vốn")
    found = tokens(text, start, len(text) - 1)  # the final full stop left outside
    assert [text[t.start : t.end] for t in found] == ["Vốn", "đạt", "6,21", "tỷ", "USD"]
    assert found[0].start == start


# --------------------------------------------------------------------------- syllables


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hợp tác TOÀN DIỆN, thoả thuận 6,21 tỷ", ["hợp", "tác", "toàn", "diện", "thỏa", "thuận", "6,21", "tỷ"]),
        ("Uỷ ban liên Chính phủ Việt Nam - Lào", ["ủy", "ban", "liên", "chính", "phủ", "việt", "nam", "lào"]),
        ("Ngày 5/2 tại TP.HCM.", ["ngày", "5", "2", "tại", "tp.hcm"]),
        ("“Gắn kết chiến lược”", ["gắn", "kết", "chiến", "lược"]),
        ("tăng 28,26%", ["tăng", "28,26"]),
        (nfd("Hoà bình"), ["hòa", "bình"]),
        ("gắn kết, chiến lược", ["gắn", "kết", "chiến", "lược"]),
        ("", []),
        ("... – !", []),
    ],
)
def test_syllables(text, expected):
    assert syllables(text) == expected


# --------------------------------------------------------------------------- properties

_VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        list('aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐbcdghklmnpqrstvxBCDGHKLMNPQRSTVX0123456789 ,.;:!?…-–“”"()%/\n\t')
        + list("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
        + list("ÀÁẢÃẠÈÉẺẼẸÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ")
        + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u00a0"]
    ),
    max_size=60,
)
_ANY = st.one_of(st.text(max_size=80), _VIETNAMESE)


@settings(max_examples=200, database=None)
@given(_ANY)
def test_never_crashes(text):
    assert isinstance(fold(text), str)
    assert isinstance(normalize(text), str)
    assert all(t.start < t.end and t.kind in ("syllable", "punct") for t in tokens(text))
    assert all(isinstance(s, str) and s for s in syllables(text))


@settings(max_examples=200, database=None)
@given(_ANY)
@example("OÈ\u0300")  # the tone moves to the o, and the e meets a stray grave accent
def test_fold_is_idempotent(text):
    once = fold(text)
    assert fold(once) == once


@settings(max_examples=200, database=None)
@given(_ANY)
def test_nfc_and_nfd_give_the_same_syllables(text):
    assert syllables(nfc(text)) == syllables(nfd(text))
    assert fold(nfc(text)) == fold(nfd(text))


@settings(max_examples=200, database=None)
@given(_ANY)
def test_normalize_keeps_the_length_of_nfc(text):
    assert len(normalize(text)) == len(nfc(text))
    assert len(normalize(nfd(text))) == len(nfc(text))


@settings(max_examples=200, database=None)
@given(_ANY)
def test_tokens_cover_every_visible_character_once(text):
    found = tokens(text)
    for before, after in zip(found, found[1:]):
        assert before.end <= after.start
    pieces = [text[t.start : t.end] for t in found]
    assert all(not re.search(r"\s", p) for p in pieces)
    assert "".join(pieces) == re.sub(r"\s", "", text)


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(_ANY, st.text(alphabet=st.sampled_from(list("Hoàthoả.,@:/wTP.HCM 3,5-–")), max_size=40)))
@example(".@0.0")  # an e-mail address that starts with a full stop is one token, and not punctuation
def test_fast_keys_equal_tokens_folded_one_by_one(text):
    from analysis.text.vietnamese import SEP, keys_and_syllables, wrapped_keys

    text = nfc(text)
    reference = [(fold(text[t.start : t.end]), t.kind) for t in tokens(normalize(text))]
    keys, n = keys_and_syllables(text)
    assert keys == [key for key, _ in reference]
    assert n == sum(kind == "syllable" for _, kind in reference)
    assert wrapped_keys(text) == ("".join(SEP + key + SEP for key in keys), n)
    assert keys_and_syllables(text) == (keys, n)  # the second time from the per-process memory


def test_sentences_holding_the_private_break_character_are_folded_one_by_one():
    from analysis.text.vietnamese import SENTENCE_SEP, wrapped_keys, wrapped_sentences

    texts = ["Lào, Việt Nam \ue000 hợp tác.", "Hoà bình"]
    wrapped, n, vocabulary = wrapped_sentences(texts)
    assert wrapped.split(SENTENCE_SEP) == [wrapped_keys(t)[0] for t in texts]
    assert n == 7  # lào việt nam hợp tác, hòa bình
    assert {"lào", ",", "việt", "nam", "\ue000", "hợp", "tác", ".", "hòa", "bình"} == set(vocabulary.split(" "))


def test_the_memory_of_folded_runs_is_emptied_between_texts_not_during_one(monkeypatch):
    from analysis.text import vietnamese

    monkeypatch.setattr(vietnamese, "_MAX_CHUNKS", 3)
    text = "Một hai ba bốn năm, sáu bảy. Tám chín mười"
    expected = [fold(text[t.start : t.end]) for t in tokens(normalize(text))]
    assert vietnamese.keys_and_syllables(text) == (expected, 10)
    assert vietnamese.keys_and_syllables(text) == (expected, 10)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.one_of(_ANY, st.text(alphabet=st.sampled_from(list("Hoà.,@ \ue000")), max_size=20)), max_size=5))
def test_sentences_folded_in_one_pass_equal_one_at_a_time(texts):
    from analysis.text.vietnamese import SENTENCE_SEP, keys_and_syllables, wrapped_keys, wrapped_sentences

    texts = [nfc(t) for t in texts]
    wrapped, n, vocabulary = wrapped_sentences(texts)
    one_by_one = [wrapped_keys(t) for t in texts]
    assert wrapped == SENTENCE_SEP.join(w for w, _ in one_by_one)
    assert n == sum(count for _, count in one_by_one)
    assert {key for t in texts for key in keys_and_syllables(t)[0]} <= set(vocabulary.split(" "))
