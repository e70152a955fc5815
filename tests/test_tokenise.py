"""pyvi words and tags, the cache, captions and parallel work (analysis/tokenise.py, analysis/cache.py)."""

from __future__ import annotations

import re
import sqlite3
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyvi.ViPosTagger import ViPosTagger
from pyvi.ViTokenizer import ViTokenizer

from analysis.reading.layout import parse_document
from analysis.text import tokenise as tk
from analysis.text.tokenise import pos_tag, segment, tokenise
from analysis.text.vietnamese import fold, normalize, tokens


def sentence_strings(doc) -> list[list[str]]:
    """The syllable and punctuation strings of each sentence, as the tokeniser sees them."""
    text = normalize(doc.text)
    out = [[text[t.start : t.end] for t in tokens(text, s.start, s.end)] for s in doc.sentences]
    return [s for s in out if s]


def summary(result) -> list:
    """Everything a caller can read from a tokenise() result, in plain values."""
    return [
        (
            d.doc_id,
            d.labels,
            d.tags,
            d.spans,
            [[(w.form, w.first, w.last, w.tag) for w in s.words] for s in d.sentences],
        )
        for d in result
    ]


# --------------------------------------------------------------------------- the labels are pyvi's


def test_segment_labels_equal_pyvi(seed_text):
    doc = parse_document("seed", seed_text)
    sentences = sentence_strings(doc)
    # Whole paragraphs too: longer sequences, sentence ends inside them.
    text = normalize(seed_text)
    sentences += [[text[t.start : t.end] for t in tokens(line)] for line in text.split("\n") if line.strip()]
    assert len(sentences) > 5
    expected = ViTokenizer.model.predict([ViTokenizer.sent2features(s, False) for s in sentences])
    assert segment(sentences) == [list(labels) for labels in expected]


def test_pos_tags_equal_pyvi(seed_text):
    doc = parse_document("seed", seed_text)
    text = normalize(doc.text)
    sentences = [ViTokenizer.tokenize(text[s.start : s.end]).split(" ") for s in doc.sentences]
    expected = [list(ViPosTagger.postagging_tokens(words)[1]) for words in sentences]
    assert pos_tag(sentences) == expected


def test_words_equal_pyvi_where_syllables_agree(seed_text):
    """Where pyvi cuts a sentence into the same pieces (plain ASCII punctuation), the words are pyvi's."""
    doc = parse_document("seed", seed_text)
    (tokenised,) = tokenise([doc], jobs=1, cache_dir=None)
    text = tokenised.text
    compared = 0
    for sentence in tokenised.sentences:
        ours = [text[t.start : t.end] for t in sentence.tokens]
        written = text[sentence.tokens[0].start : sentence.tokens[-1].end]
        _, theirs = ViTokenizer.sylabelize(written)
        plain = all(t.kind == "syllable" or text[t.start : t.end] in string.punctuation for t in sentence.tokens)
        if ours != theirs or not plain:
            continue
        compared += 1
        words = ViTokenizer.tokenize(written).split(" ")
        assert [w.form for w in sentence.words] == words
    assert compared >= 3


def test_a_glued_phrase_keeps_its_syllables():
    text = "Hợp tác chiến lược toàn diện giữa Việt Nam và Lào"
    # pyvi itself glues more than two syllables here (Hợp_tác_chiến_lược).
    assert any(w.count("_") >= 2 for w in ViTokenizer.tokenize(text).split(" "))
    (doc,) = tokenise([parse_document("glued", text)], jobs=1, cache_dir=None)
    (sentence,) = doc.sentences
    syllables = [fold(doc.text[t.start : t.end]) for t in sentence.syllable_tokens()]
    assert syllables == ["hợp", "tác", "chiến", "lược", "toàn", "diện", "giữa", "việt", "nam", "và", "lào"]
    assert any(w.last - w.first >= 3 for w in sentence.words)
    # Every word is its own tokens joined by "_", and the words cover every token once.
    pieces = [doc.text[t.start : t.end] for t in sentence.tokens]
    assert [w.form for w in sentence.words] == ["_".join(pieces[w.first : w.last]) for w in sentence.words]
    assert [i for w in sentence.words for i in range(w.first, w.last)] == list(range(len(pieces)))
    assert fold("_".join(w.form for w in sentence.words)).split("_") == syllables


@pytest.mark.parametrize(
    "text, expected",
    [
        # pyvi's rules, whatever the model says: never join after a digit or onto one,
        # never across punctuation, never a capitalised syllable onto a lower-case one.
        ("Năm 2024 2025 2026.", ["Năm", "2024", "2025", "2026", "."]),
        ("đạt 6,21 tỷ", ["đạt", "6,21", "tỷ"]),
        ("tăng 28,26%", ["tăng", "28,26", "%"]),
        ("hợp, tác", ["hợp", ",", "tác"]),
        ("“Tốt”.", ["“", "Tốt", "”", "."]),
        ("tại TP.HCM", ["tại", "TP.HCM"]),
    ],
)
def test_words_by_rule(text, expected):
    (doc,) = tokenise([parse_document("d", text)], jobs=1, cache_dir=None)
    assert [w.form for s in doc.sentences for w in s.words] == expected


# --------------------------------------------------------------------------- the cache


@pytest.fixture(scope="module")
def documents(seed_documents, captioned_document):
    return [*seed_documents, captioned_document]


@pytest.fixture(scope="module")
def reference(documents):
    return summary(tokenise(documents, jobs=1, cache_dir=None, pos=True))


def _refuse(*args, **kwargs):
    raise AssertionError("recomputed although the cache holds the answer")


def test_second_call_reads_the_cache(documents, reference, tmp_path, monkeypatch):
    first = tokenise(documents, jobs=1, cache_dir=tmp_path, pos=True)
    assert summary(first) == reference
    monkeypatch.setattr(tk, "_labels", _refuse)
    monkeypatch.setattr(tk, "pos_tag", _refuse)
    second = tokenise(documents, jobs=1, cache_dir=tmp_path, pos=True)
    assert summary(second) == reference


@pytest.mark.parametrize(
    "garbage",
    [
        b"this is not a database\n" * 200,
        b"SQLite format 3\x00" + b"\xff" * 4096,
        b"",
    ],
    ids=["text", "damaged-header", "empty"],
)
def test_corrupt_cache_file_is_rebuilt(documents, reference, tmp_path, garbage):
    (tmp_path / "tokens.sqlite").write_bytes(garbage)
    assert summary(tokenise(documents, jobs=1, cache_dir=tmp_path, pos=True)) == reference
    with sqlite3.connect(tmp_path / "tokens.sqlite") as db:
        (n,) = db.execute("SELECT count(*) FROM tokens").fetchone()
    db.close()
    assert n == len(documents)


def _truncate(labels: str) -> str:
    # The right number of sentences, each with one label: well formed, but not these tokens.
    return "|".join("B" for _ in labels.split("|"))


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda labels: "XYZ",
        lambda labels: "",
        lambda labels: labels + "|B",
        _truncate,
    ],
    ids=["letters", "empty", "extra-sentence", "wrong-lengths"],
)
def test_corrupt_entry_is_recomputed(documents, reference, tmp_path, corrupt):
    tokenise(documents, jobs=1, cache_dir=tmp_path)
    with sqlite3.connect(tmp_path / "tokens.sqlite") as db:
        rows = db.execute("SELECT key, labels FROM tokens").fetchall()
        db.executemany("UPDATE tokens SET labels = ? WHERE key = ?", [(corrupt(lab), key) for key, lab in rows])
    db.close()
    again = tokenise(documents, jobs=1, cache_dir=tmp_path)
    expected_labels = [labels for _, labels, *_ in reference]
    assert [d.labels for d in again] == expected_labels
    assert [[[w.form for w in s.words] for s in d.sentences] for d in again] == [
        [[form for form, *_ in words] for words in sentences] for *_, sentences in reference
    ]
    with sqlite3.connect(tmp_path / "tokens.sqlite") as db:
        stored = sorted(lab for (lab,) in db.execute("SELECT labels FROM tokens"))
    db.close()
    assert stored == sorted(expected_labels)


def test_corrupt_tags_are_recomputed(documents, reference, tmp_path):
    tokenise(documents, jobs=1, cache_dir=tmp_path, pos=True)
    with sqlite3.connect(tmp_path / "tokens.sqlite") as db:
        db.execute("UPDATE tokens SET tags = 'N'")
    db.close()
    assert summary(tokenise(documents, jobs=1, cache_dir=tmp_path, pos=True)) == reference


def test_cache_holds_plain_text_only(documents, tmp_path):
    tokenise(documents, jobs=1, cache_dir=tmp_path, pos=True)
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.sqlite"]
    with sqlite3.connect(tmp_path / "tokens.sqlite") as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        columns = db.execute("PRAGMA table_info(tokens)").fetchall()
        types = set(db.execute("SELECT typeof(key), typeof(labels), typeof(tags) FROM tokens").fetchall())
        rows = db.execute("SELECT key, labels, tags FROM tokens").fetchall()
    db.close()
    assert sorted(tables) == [
        ("layouts_v2",),
        ("shingles_v1",),
        ("signatures_v1",),
        ("tokens",),
        ("topics_v1",),
    ]  # blobs: uint32 arrays, npz arrays, CSV
    assert [(name, kind) for _, name, kind, *_ in columns] == [
        ("key", "TEXT"),
        ("labels", "TEXT"),
        ("tags", "TEXT"),
        ("digest", "TEXT"),
    ]
    assert types == {("text", "text", "text")}
    assert len(rows) == len(documents)
    for key, labels, tags in rows:
        assert re.fullmatch(r"[0-9a-f]{64}", key)
        assert re.fullmatch(r"[BIP|]+", labels)
        assert tags.split() and all(tag.isprintable() for tag in tags.split())


def test_no_cache_dir_writes_nothing(documents, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tokenise(documents[:1], jobs=1, cache_dir=None)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- captions


def test_counts_leave_captions_out(captioned_document):
    # The layout this test relies on: title, body, the photo's sentence and its credit, body.
    kinds = [s.kind for s in captioned_document.sentences]
    assert kinds == ["title", "body", "caption", "caption", "body"]
    (doc,) = tokenise([captioned_document], jobs=1, cache_dir=None)

    def words(keep):
        return sum(1 for s in doc.analysed(keep_captions=keep) for w in s.words if not w.is_punct)

    n_sentences, n_syllables, n_words = doc.counts()
    assert (n_sentences, n_syllables) == (3, 6 + 10 + 10)
    assert n_words == words(False)
    assert n_words < n_syllables  # hợp tác, Hai bên, ... are words of two syllables

    n_sentences, n_syllables, n_words_kept = doc.counts(keep_captions=True)
    assert (n_sentences, n_syllables) == (5, 6 + 10 + 11 + 2 + 10)
    assert n_words_kept == words(True)
    # "Ảnh: TTXVN" is two words whatever pyvi thinks: a colon stands between them.
    assert n_words_kept >= n_words + 2 + 1


def test_analysed_sentences_leave_captions_out(captioned_document):
    (doc,) = tokenise([captioned_document], jobs=1, cache_dir=None)
    assert [s.kind for s in doc.analysed()] == ["title", "body", "body"]
    assert len(doc.analysed(keep_captions=True)) == 5
    credit = doc.sentences[3]
    assert [w.form for w in credit.words] == ["Ảnh", ":", "TTXVN"]


@pytest.mark.parametrize("keep", [False, True])
@pytest.mark.parametrize("pos", [False, True])
def test_word_forms_are_the_words_of_the_analysed_sentences(captioned_document, seed_documents, keep, pos):
    """The fast path that counting takes (no tokens or words unpacked) gives the same words and tags,
    captions and the tags of the sentences left out included."""
    captioned, *seeds = tokenise([captioned_document, *seed_documents], jobs=1, cache_dir=None, pos=pos)
    for doc in [captioned, *seeds]:
        words = [(w.form, w.tag) for s in doc.analysed(keep_captions=keep) for w in s.words]
        assert list(doc.forms(keep_captions=keep)) == words
    # The photo credit "Ảnh: TTXVN" is a caption: read only when captions are kept.
    assert ("TTXVN" in [form for form, _ in captioned.forms(keep_captions=keep)]) == keep


# --------------------------------------------------------------------------- parallel work


def test_two_jobs_give_the_same_as_one(seed_documents):
    assert len(seed_documents) >= 4  # enough documents for tokenise() to use a pool of 2
    one = tokenise(seed_documents, jobs=1, cache_dir=None, pos=True)
    two = tokenise(seed_documents, jobs=2, cache_dir=None, pos=True)
    assert summary(two) == summary(one)


# --------------------------------------------------------------------------- properties

_SYLLABLES = [
    "hợp",
    "tác",
    "chiến",
    "lược",
    "toàn",
    "diện",
    "Việt",
    "Nam",
    "Lào",
    "hoà",
    "bình",
    "thoả",
    "thuận",
    "Uỷ",
    "ban",
    "khoẻ",
    "quý",
    "HỢP",
    "TÁC",
    "Thủ",
    "tướng",
    "nhấn",
    "mạnh",
    "2024",
    "6,21",
    "TP.HCM",
    "gắn",
    "kết",
    "đặc",
    "biệt",
    "Đảng",
    "hữu",
    "nghị",
    "người",
    "dân",
    "Ảnh",
]
_MARKS = [".", ",", ":", "“", "”", '"', "-", "–", "…", "(", ")", "%", "?", "!", "\n", "\n\n"]
_VIETNAMESE = st.lists(st.sampled_from(_SYLLABLES + _MARKS), min_size=1, max_size=40).map(" ".join)


def _words(text: str) -> list[list[str]]:
    doc = parse_document("d", unicodedata.normalize("NFC", text))
    (tokenised,) = tokenise([doc], jobs=1, cache_dir=None)
    return [[w.form for w in s.words] for s in tokenised.sentences]


@settings(max_examples=60, deadline=None, database=None)
@given(st.one_of(_VIETNAMESE, st.text(max_size=60).map(lambda t: t.replace("\r", "\n"))))
def test_nfc_and_nfd_give_the_same_words(text):
    assert _words(text) == _words(unicodedata.normalize("NFD", text))


@settings(max_examples=60, deadline=None, database=None)
@given(_VIETNAMESE)
def test_words_are_the_syllables_regrouped(text):
    doc = parse_document("d", unicodedata.normalize("NFC", text))
    (tokenised,) = tokenise([doc], jobs=1, cache_dir=None)
    for sentence in tokenised.sentences:
        pieces = [tokenised.text[t.start : t.end] for t in sentence.tokens]
        assert "_".join(w.form for w in sentence.words).split("_") == pieces
        assert all(
            w.is_punct == (w.last - w.first == 1 and sentence.tokens[w.first].kind == "punct") for w in sentence.words
        )
