"""The stopword list (analysis/stopwords.py): stopwords-iso's ``vi`` list with the project's overlay."""

from __future__ import annotations

import tomllib

import pytest

from analysis import config
from analysis.text.stopwords import is_stopword, stopwords
from analysis.text.vietnamese import fold


def _overlay() -> dict:
    return tomllib.loads((config.DATA / "stopwords_overlay.toml").read_text(encoding="utf-8"))


# Words the overlay keeps (`keep.words`: bạn, mới, cao) or guards (`keep.guard`: nước,
# quan_trọng, thực_hiện): they carry meaning in diplomatic news.
@pytest.mark.parametrize("word", ["nước", "quan_trọng", "thực_hiện", "mới", "bạn", "cao"])
def test_overlay_keeps_meaningful_words(word):
    assert word not in stopwords()
    assert not is_stopword(word)


# "của" (of) and "và" (and) are function words of stopwords-iso; "cho_biết" (said) is added
# by the overlay because every article has it.
@pytest.mark.parametrize("word", ["của", "và", "cho_biết"])
def test_function_words_are_stopwords(word):
    assert word in stopwords()
    assert is_stopword(word)


# Folding: case and tone placement do not matter ("Của" = "của", "CHO_BIẾT" = "cho_biết").
@pytest.mark.parametrize("word", ["Của", "VÀ", "Cho_biết", "CHO_BIẾT"])
def test_is_stopword_folds_its_argument(word):
    assert is_stopword(word)


# Numbers and words without a letter are never terms.
@pytest.mark.parametrize("word", ["2024", "%", "6,21", "28,26", "100.000", "…", "-"])
def test_numbers_and_symbols_are_stopwords(word):
    assert is_stopword(word)


def test_words_with_letters_that_are_not_listed_are_not_stopwords():
    # "hợp_tác" (cooperation) and "Lào" (Laos) are content words; "hợp_tác" is also guarded.
    assert not is_stopword("hợp_tác")
    assert not is_stopword("Lào")


def test_entries_are_folded_and_in_pyvi_word_form():
    words = stopwords()
    assert words, "the stopword list is empty"
    for word in words:
        assert word == fold(word), word
        assert " " not in word, word
        assert word == word.strip("_"), word


def test_overlay_file_is_applied_in_full():
    overlay = _overlay()
    words = stopwords()
    for entry in overlay["keep"]["words"] + overlay["keep"]["guard"]:
        assert fold(entry).replace(" ", "_") not in words, entry
    for entry in overlay["add"]["words"]:
        assert fold(entry).replace(" ", "_") in words, entry
