"""Framing phrases (analysis/framing.py): counts, KWIC, formula completeness, attestations, discovery.

Every expected value below was read off the texts by hand, following CONTRACT.md ("phrases" and
"Text matching"): folded matching (NFC, case, tone placement), whole syllables inside one sentence,
never across punctuation the phrase does not contain, dashes all alike, titles and headings counted,
captions, bylines, the ``date`` header words, the ``TPO -`` dateline and 004's closing footer not.
None of the numbers was copied from the program's output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from analysis.framing.lexicon import Lexicon, Phrase, load_lexicon
from analysis.framing.tables import (
    PHRASE_COLUMNS,
    attestations,
    count_phrases,
    discover,
    formula_completeness,
    kwic,
    syllabify,
)
from analysis.reading.corpus import read_corpus
from analysis.reading.layout import parse_document
from analysis.text.stopwords import stopwords

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "seeds"

S000 = "000_71d1d54ed88e5950"  # 2025-12-02, TPO: the 48th Intergovernmental Committee
S001 = "001_abe518d146e679e3"  # 2026-02-05, TPO: Tô Lâm in Laos
S002 = "002_80c75189325b5c6b"  # 2026-02-02: the deputy minister before the visit
S003 = "003_745f59f523383058"  # 2024-12-16: political consultation of foreign ministers
S004 = "004_d9be0ddf1dfe6003"  # 2024-10-09, diendandoanhnghiep.vn: "Chính trị là nòng cốt ..."
SEEDS = [S000, S001, S002, S003, S004]
DATES = {S000: "2025-12-02", S001: "2026-02-05", S002: "2026-02-02", S003: "2024-12-16", S004: "2024-10-09"}

# Occurrences of every phrase of the built-in lexicon (its variants added) in each seed, in the
# order S000, S001, S002, S003, S004, counted by reading the articles.
COUNTS = {
    # -- relationship formula
    "hữu nghị vĩ đại": [3, 0, 1, 0, 0],  # 003 "quan hệ vĩ đại" and 004 "hữu nghị đặc biệt": no
    "đoàn kết đặc biệt": [4, 1, 2, 1, 0],  # 001 "củng cố đoàn kết, vai trò": no
    "hợp tác toàn diện": [3, 2, 2, 1, 1],  # 002: one is the heading "..., HỢP TÁC TOÀN DIỆN, ..."
    # 002: the uppercase heading "GẮN KẾT CHIẾN LƯỢC, ..." counts; 001: so does the heading
    # "Cụ thể hoá nội hàm “gắn kết chiến lược”"; 002 "gắn kết chặt chẽ": no
    "gắn kết chiến lược": [2, 4, 5, 0, 0],
    # -- qualities of the relationship
    "quan hệ đặc biệt": [2, 0, 3, 0, 1],  # 000: one in the title; "quan hệ đoàn kết đặc biệt",
    #                                       004 "quan hệ hữu nghị đặc biệt": no
    "mẫu mực, thủy chung, trong sáng": [2, 0, 0, 0, 0],
    "thủy chung": [2, 0, 1, 0, 0],
    "có một không hai": [1, 0, 0, 0, 0],  # in quotes: “có một không hai”
    "tin cậy chính trị": [0, 1, 1, 0, 0],  # "gắn bó, tin cậy", "tin cậy đặc biệt": no
    "gắn bó chiến lược": [0, 0, 2, 0, 0],
    "nòng cốt": [1, 0, 1, 0, 2],  # 004: the title and one quote; the footer repeating the title is not text
    "trụ cột": [1, 1, 0, 2, 0],
    # -- policy slogans
    "từ hợp tác tốt sang hợp tác hiệu quả": [0, 3, 0, 0, 0],  # 001: the title and two body sentences
    "từ cam kết sang kết quả cụ thể": [0, 2, 0, 0, 0],
    "từ chiều rộng sang chiều sâu": [0, 0, 1, 0, 0],
    # with the variant "thực chất và hiệu quả"; 000 "thực chất và đi vào", 002 "hiệu quả thực chất",
    # 003 "chiều sâu, thực chất." do not count
    "thực chất, hiệu quả": [1, 2, 3, 0, 2],
    "đi vào chiều sâu": [2, 0, 2, 1, 2],
    "nội hàm": [1, 4, 3, 0, 0],  # 001: one in the heading
    "tạo đột phá": [0, 2, 0, 1, 0],  # 001: one is the heading "Tạo đột phá kinh tế"
    "động lực mới": [2, 0, 3, 0, 0],  # 002: "động lực mới" once, "xung lực mới" twice (one in a heading);
    #                                   001 "động lực quan trọng": no
    "từ sớm từ xa": [0, 0, 0, 0, 1],
    "giúp bạn cũng là giúp mình": [0, 0, 0, 0, 1],
    # -- mechanisms
    "Thỏa thuận cấp cao": [3, 3, 0, 1, 0],  # "thoả thuận của lãnh đạo cấp cao", "thỏa thuận hợp tác": no
    "Ủy ban liên Chính phủ": [4, 1, 0, 1, 0],  # 000: one written "Uỷ ban"
    # -- cooperation fields
    "quốc phòng - an ninh": [0, 1, 1, 2, 0],  # 002/003 write "–"; 000 "quốc phòng, an ninh" and
    #                                           001 "Quốc phòng, An ninh" (comma): no
    # 000 "kinh tế, đầu tư và thương mại", "kinh tế, thương mại, đầu tư", 001 "hợp tác thương mại và đầu tư": no
    "kinh tế, thương mại và đầu tư": [0, 2, 1, 2, 0],
    # 001: "giáo dục – đào tạo" and "giáo dục, đào tạo"; 002: "–"; 003 "văn hóa, giáo dục, khoa học": no
    "giáo dục, đào tạo": [0, 2, 1, 0, 2],
    "chuyển đổi số": [0, 2, 0, 0, 0],
    "giao lưu nhân dân": [0, 1, 1, 1, 0],  # 000 "giao lưu của nhân dân": no
    "kết nối": [1, 4, 0, 0, 2],  # 002 "cầu nối": no
}

FORMULA = ("hữu nghị vĩ đại", "đoàn kết đặc biệt", "hợp tác toàn diện", "gắn kết chiến lược")


# --------------------------------------------------------------------------- helpers and fixtures


def n_syll(text: str) -> int:
    """Syllables of a piece of text, counted independently of the package: runs of letters/digits."""
    return len(re.findall(r"[^\W_]+", text))


def words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text))]


def doc_of(body: str, doc_id: str = "t", title: str = "Tin thử") -> object:
    """A one-article Document: a ``date`` header line with ``title``, then ``body``."""
    text = unicodedata.normalize("NFC", f"date 2025-01-01 {title}\n\n{body}\n")
    return parse_document(doc_id, text)


def lexicon_of(*phrases: str) -> Lexicon:
    return Lexicon(tuple(Phrase(p) for p in phrases))


def counts_of(docs, *phrases: str, keep_captions: bool = False) -> dict[tuple[str, str], int]:
    table = count_phrases(syllabify(docs, keep_captions=keep_captions), lexicon_of(*phrases))
    return {(r.doc_id, r.phrase): int(r.count) for r in table.itertuples()}


def count_in(body: str, phrase: str) -> int:
    return counts_of([doc_of(body)], phrase)[("t", phrase)]


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(SEED_DIR)


@pytest.fixture(scope="module")
def docs(corpus):
    return syllabify(corpus)


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="module")
def seed_counts(docs, lexicon):
    return count_phrases(docs, lexicon)


def by_key(table) -> dict[tuple[str, str], int]:
    return {(r.doc_id, r.phrase): int(r.count) for r in table.itertuples()}


# --------------------------------------------------------------------------- the seed table


def test_table_covers_the_whole_lexicon(lexicon):
    assert list(COUNTS) == [p.phrase for p in lexicon]
    assert len(COUNTS) == 30


def test_seed_ids_and_dates(corpus):
    assert [d.doc_id for d in corpus] == SEEDS
    assert {d.doc_id: d.date.isoformat() for d in corpus} == DATES


@pytest.mark.parametrize("phrase", list(COUNTS))
@pytest.mark.parametrize("i, seed", list(enumerate(SEEDS)))
def test_seed_count(seed_counts, phrase, i, seed):
    assert by_key(seed_counts)[(seed, phrase)] == COUNTS[phrase][i]


def test_gan_ket_chien_luoc_timeline_from_the_issue(seed_counts):
    """The issue: 0, 0, 2, 5, 4 in the articles of 2024-10-09, 2024-12-16, 2025-12-02, 2026-02-02, 2026-02-05."""
    rows = seed_counts[seed_counts["phrase"] == "gắn kết chiến lược"].sort_values("date")
    assert list(rows["date"]) == ["2024-10-09", "2024-12-16", "2025-12-02", "2026-02-02", "2026-02-05"]
    assert list(rows["count"]) == [0, 0, 2, 5, 4]


def test_one_row_per_document_and_phrase_zeros_included(seed_counts):
    assert list(seed_counts.columns[:5]) == PHRASE_COLUMNS == ["doc_id", "date", "phrase", "count", "per_10k"]
    assert len(seed_counts) == 5 * 30
    assert not seed_counts.duplicated(["doc_id", "phrase"]).any()
    zeros = sum(c == 0 for counts in COUNTS.values() for c in counts)
    assert (seed_counts["count"] == 0).sum() == zeros
    assert (seed_counts.loc[seed_counts["count"] == 0, "per_10k"] == 0).all()
    assert {r.doc_id: r.date for r in seed_counts.itertuples()} == DATES


def test_seed_per_10k_is_count_per_10000_syllables(seed_counts):
    for r in seed_counts.itertuples():
        assert r.per_10k == pytest.approx(r.count * 1e4 / r.n_syllables, abs=1e-3)


def test_nfd_copies_of_the_seeds_count_the_same(tmp_path, lexicon):
    for path in SEED_DIR.glob("*.txt"):
        text = path.read_text(encoding="utf-8-sig")
        (tmp_path / path.name).write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    counts = by_key(count_phrases(syllabify(read_corpus(tmp_path)), lexicon))
    assert counts == {(seed, phrase): COUNTS[phrase][i] for phrase in COUNTS for i, seed in enumerate(SEEDS)}


# --------------------------------------------------------------------------- the matching rules


@pytest.mark.parametrize(
    "body, phrase, expected",
    [
        # punctuation between the parts
        ("Hai nước tăng cường gắn kết chiến lược trong giai đoạn mới.", "gắn kết chiến lược", 1),
        ("Hai nước tăng cường gắn kết, chiến lược phát triển được giữ vững.", "gắn kết chiến lược", 0),
        ("Hai nước tăng cường gắn kết; chiến lược phát triển được giữ vững.", "gắn kết chiến lược", 0),
        ("Hai nước tăng cường gắn kết “chiến lược” trong giai đoạn mới.", "gắn kết chiến lược", 0),
        # quotes around the phrase are outside it
        ("Hai nước tăng cường “gắn kết chiến lược” trong giai đoạn mới.", "gắn kết chiến lược", 1),
        ('Hai nước tăng cường "gắn kết chiến lược" trong giai đoạn mới.', "gắn kết chiến lược", 1),
        ("Nội hàm (gắn kết chiến lược) được làm rõ.", "gắn kết chiến lược", 1),
        # never across sentences or lines
        ("Hai nước tăng cường gắn kết. Chiến lược phát triển được thông qua.", "gắn kết chiến lược", 0),
        ("Hai nước tăng cường gắn kết\nchiến lược phát triển được thông qua.", "gắn kết chiến lược", 0),
        # punctuation that the phrase contains must be there
        ("Quan hệ phát triển thực chất, hiệu quả.", "thực chất, hiệu quả", 1),
        ("Quan hệ phát triển thực chất hiệu quả.", "thực chất, hiệu quả", 0),
        ("Quan hệ phát triển thực chất; hiệu quả.", "thực chất, hiệu quả", 0),
        ("Quan hệ phát triển thực chất và hiệu quả.", "thực chất, hiệu quả", 0),  # the variant is the lexicon's
        # every dash is the same dash
        ("Hợp tác quốc phòng - an ninh được củng cố.", "quốc phòng - an ninh", 1),
        ("Hợp tác quốc phòng – an ninh được củng cố.", "quốc phòng - an ninh", 1),
        ("Hợp tác quốc phòng — an ninh được củng cố.", "quốc phòng - an ninh", 1),
        ("Hợp tác quốc phòng-an ninh được củng cố.", "quốc phòng - an ninh", 1),
        ("Hợp tác quốc phòng - an ninh được củng cố.", "quốc phòng – an ninh", 1),
        ("Hợp tác quốc phòng, an ninh được củng cố.", "quốc phòng - an ninh", 0),
        ("Hợp tác quốc phòng an ninh được củng cố.", "quốc phòng - an ninh", 0),
        # tone-mark placement, case, NFC
        ("Hai bên ký thoả thuận cấp cao.", "Thỏa thuận cấp cao", 1),
        ("Hai bên ký Thỏa thuận cấp cao.", "thoả thuận cấp cao", 1),
        ("Kỳ họp lần thứ 48 của Uỷ ban liên Chính phủ.", "Ủy ban liên Chính phủ", 1),
        ("Vì hoà bình, ổn định và phát triển.", "hòa bình", 1),
        ("HAI NƯỚC TĂNG CƯỜNG GẮN KẾT CHIẾN LƯỢC.", "gắn kết chiến lược", 1),
        ("Hai nước tăng cường Gắn Kết Chiến Lược.", "GẮN KẾT CHIẾN LƯỢC", 1),
        # tone and vowel marks themselves must match
        ("Quan he thuy chung va trong sang.", "thủy chung", 0),
        ("Quan hệ thủy chung và trong sáng.", "thuy chung", 0),
        ("Hai nước giữ quan hệ hữu nghị vĩ đại.", "huu nghi vi dai", 0),
        # whole syllables only
        ("Hai bên tăng cường kết nối hạ tầng.", "nối", 1),
        ("Hai bên tăng cường kết nối hạ tầng.", "ối", 0),
        ("Hai bên tăng cường kết nối hạ tầng.", "kết nố", 0),
        ("Hai bên xây dựng các trụ cộtchính.", "trụ cột", 0),
        ("Quan hệ Việtnam và Lào.", "Việt", 0),
        ("Quan hệ Việt Nam và Lào.", "Việt", 1),
        # several in one sentence
        ("Hợp tác, hợp tác và hợp tác.", "hợp tác", 3),
    ],
)
def test_matching_rule(body, phrase, expected):
    assert count_in(body, phrase) == expected


def test_titles_and_headings_count():
    doc = doc_of(
        "Hai bên nhất trí thúc đẩy hợp tác.\n\nGẮN KẾT CHIẾN LƯỢC, HỢP TÁC TOÀN DIỆN\n\nHai bên ký nhiều văn kiện.",
        title="Tạo đột phá trong hợp tác toàn diện",
    )
    kinds = {doc.sentence_text(s): s.kind for s in doc.sentences}
    assert kinds["GẮN KẾT CHIẾN LƯỢC, HỢP TÁC TOÀN DIỆN"] == "heading"
    counts = counts_of([doc], "hợp tác toàn diện", "gắn kết chiến lược", "tạo đột phá")
    assert counts == {("t", "hợp tác toàn diện"): 2, ("t", "gắn kết chiến lược"): 1, ("t", "tạo đột phá"): 1}


def test_overlapping_phrases_each_count():
    doc = doc_of("Quan hệ hữu nghị vĩ đại, hợp tác toàn diện giữa hai nước.")
    counts = counts_of([doc], "hợp tác", "hợp tác toàn diện", "toàn diện", "hữu nghị vĩ đại", "vĩ đại")
    assert counts == {
        ("t", "hợp tác"): 1,
        ("t", "hợp tác toàn diện"): 1,
        ("t", "toàn diện"): 1,
        ("t", "hữu nghị vĩ đại"): 1,
        ("t", "vĩ đại"): 1,
    }


def test_phrase_pyvi_glues_to_its_neighbour_counts_on_syllables():
    # pyvi 0.1.1 writes "hợp_tác_chiến_lược" and "Đối_tác_chiến_lược" as one word each; phrases
    # match on syllables, so the shorter and the longer phrases are all found.
    doc = doc_of(
        "Hai nước thúc đẩy hợp tác chiến lược trong nhiều lĩnh vực. "
        "Đối tác chiến lược toàn diện giữa hai nước được nâng cấp."
    )
    counts = counts_of([doc], "hợp tác chiến lược", "đối tác chiến lược", "chiến lược", "hợp tác")
    assert counts == {
        ("t", "hợp tác chiến lược"): 1,
        ("t", "đối tác chiến lược"): 1,
        ("t", "chiến lược"): 2,
        ("t", "hợp tác"): 1,
    }


def test_nfd_file_counts_like_nfc(tmp_path):
    text = (
        "date 2025-12-02 Hoà bình và hợp tác\n\n"
        "Hai bên khẳng định quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện, gắn kết chiến lược.\n\n"
        "Hai bên ký Thoả thuận cấp cao và họp Uỷ ban liên Chính phủ.\n"
    )
    for form in ("NFC", "NFD"):
        folder = tmp_path / form
        folder.mkdir()
        (folder / "a.txt").write_bytes(unicodedata.normalize(form, text).encode("utf-8"))
    assert unicodedata.normalize("NFD", text) != text  # the test means something
    phrases = ("gắn kết chiến lược", "Thỏa thuận cấp cao", "Ủy ban liên Chính phủ", "hòa bình", "đặc biệt")
    expected = {
        ("a", "gắn kết chiến lược"): 1,
        ("a", "Thỏa thuận cấp cao"): 1,
        ("a", "Ủy ban liên Chính phủ"): 1,
        ("a", "hòa bình"): 1,
        ("a", "đặc biệt"): 1,
    }
    for form in ("NFC", "NFD"):
        assert counts_of(read_corpus(tmp_path / form), *phrases) == expected, form


def test_caption_left_out_unless_kept(captioned_document):
    # tests/conftest.py: title 6 syllables, body 10, caption 11 + 2 ("Ảnh: TTXVN"), body 10.
    phrases = ("hợp tác", "Tô Lâm", "Sonexay Siphandone", "TTXVN", "văn kiện")
    assert counts_of([captioned_document], *phrases) == {
        ("captioned", "hợp tác"): 2,
        ("captioned", "Tô Lâm"): 0,
        ("captioned", "Sonexay Siphandone"): 0,
        ("captioned", "TTXVN"): 0,
        ("captioned", "văn kiện"): 1,
    }
    assert counts_of([captioned_document], *phrases, keep_captions=True) == {
        ("captioned", "hợp tác"): 2,
        ("captioned", "Tô Lâm"): 1,
        ("captioned", "Sonexay Siphandone"): 1,
        ("captioned", "TTXVN"): 1,
        ("captioned", "văn kiện"): 1,
    }


@pytest.mark.parametrize(
    "phrase, without, with_captions",
    [
        # 001: twice in the body ("hội kiến Thủ tướng Lào Sonexay Siphandone, Tổng Bí thư ..." and
        # "Cùng ngày, ..."), three times in captions; 000: once, in the body
        ("Sonexay Siphandone", [1, 2, 0, 0, 0], [1, 5, 0, 0, 0]),
        ("TTXVN", [0, 0, 0, 0, 0], [0, 4, 0, 0, 0]),  # only in the four "Ảnh: TTXVN" credits of 001
        # 004: the caption "Thủ tướng Phạm Minh Chính gặp gỡ, làm việc với ... - Ảnh: VGP/Nhật Bắc";
        # the body twice writes "buổi gặp gỡ làm việc" without the comma
        ("gặp gỡ, làm việc", [0, 0, 0, 0, 0], [0, 0, 0, 0, 1]),
        ("gặp gỡ làm việc", [0, 0, 0, 0, 2], [0, 0, 0, 0, 2]),
    ],
)
def test_seed_captions(corpus, phrase, without, with_captions):
    for keep, expected in ((False, without), (True, with_captions)):
        counts = counts_of(corpus, phrase, keep_captions=keep)
        assert [counts[(seed, phrase)] for seed in SEEDS] == expected, keep


def test_per_10k_by_hand():
    # title "Gắn kết" 2 syllables + body "Hai nước gắn kết chiến lược, thúc đẩy kết nối." 10 = 12
    doc = doc_of("Hai nước gắn kết chiến lược, thúc đẩy kết nối.", title="Gắn kết")
    table = count_phrases(syllabify([doc]), lexicon_of("gắn kết", "gắn kết chiến lược", "kết nối", "nòng cốt"))
    rows = {r.phrase: r for r in table.itertuples()}
    assert {p: int(r.count) for p, r in rows.items()} == {
        "gắn kết": 2,
        "gắn kết chiến lược": 1,
        "kết nối": 1,
        "nòng cốt": 0,
    }
    assert rows["gắn kết"].per_10k == pytest.approx(2 * 10000 / 12, abs=1e-3)  # 1666.667
    assert rows["gắn kết chiến lược"].per_10k == pytest.approx(10000 / 12, abs=1e-3)  # 833.333
    assert rows["nòng cốt"].per_10k == 0
    assert all(r.n_syllables == 12 for r in rows.values())


def test_per_10k_leaves_captions_out_of_the_size(captioned_document):
    # "hợp tác" twice; 26 syllables without the caption, 26 + 13 = 39 with it
    for keep, size in ((False, 26), (True, 39)):
        table = count_phrases(syllabify([captioned_document], keep_captions=keep), lexicon_of("hợp tác"))
        row = table.iloc[0]
        assert row["count"] == 2 and row["n_syllables"] == size
        assert row["per_10k"] == pytest.approx(2 * 10000 / size, abs=1e-3)


def test_zero_rows_for_phrases_not_found():
    docs = syllabify([doc_of("Hai nước tăng cường hợp tác.", doc_id="a"), doc_of("Hai bên hội đàm.", doc_id="b")])
    table = count_phrases(docs, lexicon_of("hợp tác", "gắn kết chiến lược"))
    assert {(r.doc_id, r.phrase): int(r.count) for r in table.itertuples()} == {
        ("a", "hợp tác"): 1,
        ("a", "gắn kết chiến lược"): 0,
        ("b", "hợp tác"): 0,
        ("b", "gắn kết chiến lược"): 0,
    }
    assert len(table) == 4
    assert list(table["per_10k"][table["count"] == 0]) == [0, 0, 0]
    assert list(table["date"]) == ["2025-01-01"] * 4


def test_txt_lexicon(tmp_path, docs):
    path = tmp_path / "mine.txt"
    path.write_text(
        "# my phrases\n\ngắn kết chiến lược\n   # an indented comment\nthoả thuận cấp cao\n\nHữu nghị vĩ đại\n\n",
        encoding="utf-8",
    )
    lex = load_lexicon(path)
    assert [p.phrase for p in lex] == ["gắn kết chiến lược", "thoả thuận cấp cao", "Hữu nghị vĩ đại"]
    counts = by_key(count_phrases(docs, lex))
    assert len(counts) == 15
    assert [counts[(s, "gắn kết chiến lược")] for s in SEEDS] == COUNTS["gắn kết chiến lược"]
    assert [counts[(s, "thoả thuận cấp cao")] for s in SEEDS] == COUNTS["Thỏa thuận cấp cao"]
    assert [counts[(s, "Hữu nghị vĩ đại")] for s in SEEDS] == COUNTS["hữu nghị vĩ đại"]


# --------------------------------------------------------------------------- kwic


@pytest.fixture(scope="module")
def gkcl(docs):
    return kwic(docs, "gắn kết chiến lược")


def test_kwic_columns_and_rows(gkcl):
    assert list(gkcl.columns[:6]) == ["doc_id", "date", "sentence_id", "left", "match", "right"]
    assert [int((gkcl["doc_id"] == s).sum()) for s in SEEDS] == [2, 4, 5, 0, 0]
    assert len(gkcl) == 11


def test_kwic_sentence_id_points_to_the_sentence(gkcl, corpus):
    documents = {d.doc_id: d for d in corpus}
    for r in gkcl.itertuples():
        doc = documents[r.doc_id]
        sentence = next(s for s in doc.sentences if s.index == r.sentence_id)
        assert sentence.kind != "caption"
        assert r.match in doc.sentence_text(sentence)
        assert r.left in doc.sentence_text(sentence) and r.right in doc.sentence_text(sentence)


def test_kwic_uppercase_heading_as_written(gkcl, corpus):
    # 002: the heading is sentence 13 (title 0; then 1, 2, heading 3, 4, 5, 6-7, 8, 9, 10-11, 12)
    rows = gkcl[gkcl["doc_id"] == S002]
    assert list(rows["match"]) == [
        "GẮN KẾT CHIẾN LƯỢC",
        "gắn kết chiến lược",
        "gắn kết chiến lược",
        "gắn kết chiến lược",
        "gắn kết chiến lược",
    ]
    heading = rows.iloc[0]
    assert heading["sentence_id"] == 13
    assert heading["left"] == ""
    doc = next(d for d in corpus if d.doc_id == S002)
    assert (
        doc.sentence_text(doc.sentences[13])
        == "GẮN KẾT CHIẾN LƯỢC, HỢP TÁC TOÀN DIỆN, TẠO XUNG LỰC MỚI SAU CHUYẾN THĂM"
    )
    # the right context: the next 8 syllables of the heading, the comma between kept as written
    assert words(heading["right"]) == ["hợp", "tác", "toàn", "diện", "tạo", "xung", "lực", "mới"]
    assert "HỢP TÁC TOÀN DIỆN, TẠO XUNG LỰC MỚI" in heading["right"]


def test_kwic_sentence_ids_by_hand(gkcl):
    # 000: title 0, then one sentence a paragraph: 1 "TPO - ...", 2, 3, 4, 5 "Ủy ban liên Chính phủ ...
    # “hữu nghị vĩ đại, ..., gắn kết chiến lược” ...", 6; the next paragraph holds two, 7 "Theo Thứ
    # trưởng ... (2021 - 2025)." and 8 "Đồng thời, ..."; then 9 "Đây cũng là dịp ... gắn kết chiến lược ..."
    assert list(gkcl.loc[gkcl["doc_id"] == S000, "sentence_id"]) == [5, 9]


@pytest.mark.parametrize(
    "window, left, right",
    [
        (0, [], []),
        (1, ["diện"], ["giữa"]),
        (4, ["hợp", "tác", "toàn", "diện"], ["giữa", "hai", "đảng", "hai"]),
        # 000 sentence 5 has 31 syllables before the phrase and 6 after it
        (
            30,
            "ban liên chính phủ việt nam lào là cơ chế rất quan trọng để triển khai quan hệ "
            "hữu nghị vĩ đại đoàn kết đặc biệt hợp tác toàn diện".split(),
            ["giữa", "hai", "đảng", "hai", "nhà", "nước"],
        ),
        (
            40,
            "ủy ban liên chính phủ việt nam lào là cơ chế rất quan trọng để triển khai quan hệ "
            "hữu nghị vĩ đại đoàn kết đặc biệt hợp tác toàn diện".split(),
            ["giữa", "hai", "đảng", "hai", "nhà", "nước"],
        ),
    ],
)
def test_kwic_window_counts_syllables(docs, window, left, right):
    rows = kwic(docs, "gắn kết chiến lược", window=window)
    first = rows[rows["doc_id"] == S000].iloc[0]
    assert first["match"] == "gắn kết chiến lược"
    assert words(first["left"]) == left
    assert words(first["right"]) == right


@pytest.mark.parametrize("window", [0, 1, 3, 8])
def test_kwic_left_right_at_most_window(docs, window):
    rows = kwic(docs, "gắn kết chiến lược", window=window)
    assert len(rows) == 11
    assert all(n_syll(t) <= window for t in [*rows["left"], *rows["right"]])


def test_kwic_default_window_is_8(docs):
    # 000 sentence 9: "... nội hàm của quan hệ hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện,
    # gắn kết chiến lược giữa Việt Nam và Lào."
    row = kwic(docs, "gắn kết chiến lược").iloc[1]
    assert row["doc_id"] == S000
    assert words(row["left"]) == ["đoàn", "kết", "đặc", "biệt", "hợp", "tác", "toàn", "diện"]
    assert words(row["right"]) == ["giữa", "việt", "nam", "và", "lào"]


@pytest.mark.parametrize(
    "seed, phrase, matches",
    [
        # 000: three "Ủy ban" and one old-style "Uỷ ban" (sentence 4, "Kỳ họp lần thứ 48 của Uỷ ban ...")
        (
            S000,
            "Ủy ban liên Chính phủ",
            ["Ủy ban liên Chính phủ", "Uỷ ban liên Chính phủ", "Ủy ban liên Chính phủ", "Ủy ban liên Chính phủ"],
        ),
        # 001: "cam kết, thoả thuận của lãnh đạo", then three "thỏa thuận cấp cao" and two "thỏa thuận hợp tác"
        (S001, "thỏa thuận", ["thoả thuận", "thỏa thuận", "thỏa thuận", "thỏa thuận", "thỏa thuận", "thỏa thuận"]),
        # 001: "cụ thể hoá những cam kết", "cụ thể hóa và triển khai", the heading "Cụ thể hoá nội hàm",
        # "cụ thể hóa nội hàm", "cụ thể hóa các thỏa thuận"
        (S001, "cụ thể hóa", ["cụ thể hoá", "cụ thể hóa", "Cụ thể hoá", "cụ thể hóa", "cụ thể hóa"]),
        (S002, "xung lực mới", ["XUNG LỰC MỚI", "xung lực mới"]),
        (S002, "quốc phòng - an ninh", ["quốc phòng – an ninh"]),
    ],
)
def test_kwic_match_as_written(docs, seed, phrase, matches):
    rows = kwic(docs, phrase)
    assert list(rows.loc[rows["doc_id"] == seed, "match"]) == matches


def test_kwic_leaves_captions_out(corpus):
    # 001: "Sonexay Siphandone" twice in the body, three times in captions
    assert len(kwic(syllabify(corpus), "Sonexay Siphandone")) == 3  # 000 once + 001 twice
    assert len(kwic(syllabify(corpus, keep_captions=True), "Sonexay Siphandone")) == 6


# --------------------------------------------------------------------------- formula completeness


@pytest.fixture(scope="module")
def completeness(docs, lexicon):
    assert lexicon.formulas[0].parts == FORMULA
    return formula_completeness(docs, lexicon.formulas[0]).set_index("doc_id")


@pytest.mark.parametrize(
    "seed, max_parts, order, sentence_start",
    [
        # "Ủy ban liên Chính phủ ... quan hệ “hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện,
        # gắn kết chiến lược” ..." (sentence 5; sentence 9 has all four too, but comes later)
        (S000, 4, "1-2-3-4", "Ủy ban liên Chính phủ Việt Nam - Lào là cơ chế"),
        # "... cụ thể hóa nội hàm “gắn kết chiến lược”, ... quan hệ đoàn kết đặc biệt giữa hai nước ..."
        (S001, 2, "4-2", "Hai Thủ tướng nhấn mạnh tầm quan trọng"),
        # "Khuôn khổ “hữu nghị vĩ đại, đoàn kết đặc biệt, hợp tác toàn diện, gắn kết chiến lược” ..."
        # (the heading "GẮN KẾT CHIẾN LƯỢC, HỢP TÁC TOÀN DIỆN" has only two)
        (S002, 4, "1-2-3-4", "Khuôn khổ “hữu nghị vĩ đại"),
        # "... về quan hệ vĩ đại, đoàn kết đặc biệt và hợp tác toàn diện Việt Nam – Lào."
        (S003, 2, "2-3", "Đáng chú ý, nhiều hoạt động giao lưu nhân dân"),
        # only "quan hệ hữu nghị đặc biệt và hợp tác toàn diện"
        (S004, 1, "3", "Để khai thác tiềm năng hợp tác thương mại"),
    ],
)
def test_formula_completeness(completeness, corpus, seed, max_parts, order, sentence_start):
    row = completeness.loc[seed]
    assert row["max_parts"] == max_parts
    assert row["order"] == order
    assert row["parts"].split("; ") == [FORMULA[int(n) - 1] for n in order.split("-")]
    doc = next(d for d in corpus if d.doc_id == seed)
    sentence = next(s for s in doc.sentences if s.index == row["sentence_id"])
    assert doc.sentence_text(sentence).startswith(sentence_start)


def test_formula_sentence_ids_by_hand(completeness):
    # 000: title 0, 1-4 one sentence each, then 5; 002: 21 (see test_kwic_uppercase_heading_as_written for
    # 0-13, then 14-19 one a paragraph, 20 "Thứ trưởng khẳng định ...", 21 "Khuôn khổ ...");
    # 003: title 0, 1, 2, 3, then the long paragraph 4-11 (its eighth sentence, "Đáng chú ý, ...")
    assert completeness.loc[S000, "sentence_id"] == 5
    assert completeness.loc[S002, "sentence_id"] == 21
    assert completeness.loc[S003, "sentence_id"] == 11


def test_formula_sentences_with_any_part(completeness):
    # 000: sentences 5, 9, the "Hai bên đã tổ chức ..." one and the quote's "Với sự quan tâm ..." one;
    # 001: "Tổng Bí thư Tô Lâm nhấn mạnh hai bên ...", "Hai nhà lãnh đạo ...", the heading, "Hai Thủ tướng
    # nhấn mạnh tầm quan trọng ...", "Hai Chủ tịch Quốc hội đánh giá cao ..."; 002: "Theo Thứ trưởng, chuyến
    # thăm là dịp ...", the heading, "Thứ trưởng Bộ Ngoại giao cho biết ...", "Theo Thứ trưởng, “gắn kết ...",
    # "Khuôn khổ ...", the last sentence; 003 and 004: one each
    assert [int(completeness.loc[s, "sentences_with_any"]) for s in SEEDS] == [4, 5, 6, 1, 1]


def test_formula_issue_statement(completeness):
    """The issue: no 2024 article has more than two parts together; the December 2025 article has all four."""
    for seed in SEEDS:
        if DATES[seed].startswith("2024"):
            assert completeness.loc[seed, "max_parts"] <= 2
    assert completeness.loc[S000, "max_parts"] == 4


def test_formula_order_follows_the_text():
    from analysis.framing.lexicon import Formula

    formula = Formula("test", FORMULA)
    doc = doc_of(
        "GẮN KẾT CHIẾN LƯỢC, HỢP TÁC TOÀN DIỆN VÀ ĐOÀN KẾT ĐẶC BIỆT\n\n"
        "Hai nước giữ gìn tình hữu nghị vĩ đại. Hai nước thúc đẩy hợp tác toàn diện."
    )
    row = formula_completeness(syllabify([doc]), formula).iloc[0]
    assert (row["max_parts"], row["order"], row["sentences_with_any"]) == (3, "4-3-2", 3)


# --------------------------------------------------------------------------- attestations


@pytest.fixture(scope="module")
def attested(seed_counts, docs):
    return attestations(seed_counts, docs).set_index("phrase")


@pytest.mark.parametrize(
    "phrase, count, documents, first_date, first_doc, last_date, last_doc, sources",
    [
        ("gắn kết chiến lược", 11, 3, "2025-12-02", S000, "2026-02-05", S001, {"TPO"}),
        ("nòng cốt", 4, 3, "2024-10-09", S004, "2026-02-02", S002, {"TPO", "diendandoanhnghiep.vn"}),
        ("hữu nghị vĩ đại", 4, 2, "2025-12-02", S000, "2026-02-02", S002, {"TPO"}),
        ("Thỏa thuận cấp cao", 7, 3, "2024-12-16", S003, "2026-02-05", S001, {"TPO"}),
        ("đi vào chiều sâu", 7, 4, "2024-10-09", S004, "2026-02-02", S002, {"TPO", "diendandoanhnghiep.vn"}),
        ("từ sớm từ xa", 1, 1, "2024-10-09", S004, "2024-10-09", S004, {"diendandoanhnghiep.vn"}),
        ("từ chiều rộng sang chiều sâu", 1, 1, "2026-02-02", S002, "2026-02-02", S002, set()),
    ],
)
def test_attestations(attested, phrase, count, documents, first_date, first_doc, last_date, last_doc, sources):
    row = attested.loc[phrase]
    assert (int(row["count"]), int(row["documents"])) == (count, documents)
    assert (row["first_date"], row["first_doc"]) == (first_date, first_doc)
    assert (row["last_date"], row["last_doc"]) == (last_date, last_doc)
    assert set(filter(None, row["sources"].split("; "))) == sources


def test_attestations_one_row_per_phrase(attested):
    assert sorted(attested.index) == sorted(COUNTS)
    for phrase, counts in COUNTS.items():
        assert attested.loc[phrase, "count"] == sum(counts)
        assert attested.loc[phrase, "documents"] == sum(1 for c in counts if c)


# --------------------------------------------------------------------------- discover


DISCOVER_TEXTS = {
    # "xung lực mới" in a and b, with other neighbours each time; "của hai nước" (opens with a
    # stopword), "kỳ họp 48" (ends with a number) and "2025 2030" (numbers only) in a and b;
    # "thủ đô Viêng Chăn" (a name) and "đoàn khách quốc tế" twice but only in c
    "a": "date 2025-01-10 Tin thứ nhất về Lào\n\nHai bên cần tạo xung lực mới cho hợp tác. "
    "Năm nay là năm bản lề của hai nước. Kỳ họp 48 đã thành công. Mục tiêu 2025 2030 được đặt ra.\n",
    "b": "date 2025-02-10 Bài viết số hai\n\nChuyến thăm sẽ là xung lực mới để phát triển. "
    "Năm nay đánh dấu bước ngoặt của hai nước. Kỳ họp 48 sẽ khép lại. Tầm nhìn 2025 2030 rất rõ.\n",
    "c": "date 2025-03-10 Một bản tin khác\n\nThủ đô Viêng Chăn đón đoàn khách quốc tế. "
    "Đoàn rời thủ đô Viêng Chăn, chia tay đoàn khách quốc tế.\n",
}


@pytest.fixture(scope="module")
def discover_docs():
    return syllabify([parse_document(k, unicodedata.normalize("NFC", v)) for k, v in DISCOVER_TEXTS.items()])


def test_discover_finds_a_recurring_formula(discover_docs):
    table = discover(discover_docs).set_index("ngram")
    row = table.loc["xung lực mới"]
    assert (row["n_syllables"], row["count"], row["documents"]) == (3, 2, 2)
    assert (row["first_date"], row["first_doc"]) == ("2025-01-10", "a")
    assert not row["in_lexicon"]


def test_discover_marks_lexicon_phrases(discover_docs):
    # "xung lực mới" is a variant of "động lực mới" in the built-in lexicon
    table = discover(discover_docs, lexicon=load_lexicon()).set_index("ngram")
    assert table.loc["xung lực mới", "in_lexicon"]


def test_discover_leaves_out_stopword_and_number_edges(discover_docs):
    ngrams = set(discover(discover_docs)["ngram"])
    assert "của hai nước" not in ngrams  # "của" is a stopword
    assert "kỳ họp 48" not in ngrams and "họp 48" not in ngrams  # ends with a number
    assert "2025 2030" not in ngrams  # numbers only
    stop = stopwords()
    for ngram in ngrams:
        first, last = ngram.split()[0], ngram.split()[-1]
        assert first not in stop and last not in stop, ngram
        assert any(ch.isalpha() for ch in first) and any(ch.isalpha() for ch in last), ngram


def test_discover_needs_two_documents(discover_docs):
    assert "đoàn khách quốc tế" not in set(discover(discover_docs)["ngram"])
    # the same sequence is a candidate as soon as one document (and so one source) is enough
    table = discover(discover_docs, min_docs=1, min_sources=1).set_index("ngram")
    assert (table.loc["đoàn khách quốc tế", "count"], table.loc["đoàn khách quốc tế", "documents"]) == (2, 1)
    assert "thủ đô viêng chăn" not in table.index  # a name at its end


# Three sources' articles: "xung lực mới" in all three (two sources, three months); the name
# "Thủ tướng Phạm Minh Chính" in all three; TPO's sign-off "Kính mời bạn đọc đón xem chuyên mục kỳ
# tới" in both of its articles and nowhere else; "đẩy mạnh hợp tác toàn" three times, always cutting
# a word ("toàn diện", "toàn cầu").
SOURCED = {
    ("a", "TPO", "2025-01-10"): "Tin một\n\nHai bên tăng cường xung lực mới cho hợp tác. Thủ tướng Phạm Minh Chính "
    "hội kiến. Kính mời bạn đọc đón xem chuyên mục kỳ tới. Hai nước đẩy mạnh hợp tác toàn "
    "diện.\n",
    ("b", "TPO", "2025-02-10"): "Tin hai\n\nChuyến thăm tạo xung lực mới để phát triển. Thủ tướng Phạm Minh Chính "
    "phát biểu. Kính mời bạn đọc đón xem chuyên mục kỳ tới. Các nước đẩy mạnh hợp tác toàn "
    "cầu.\n",
    ("c", "VNA", "2025-03-10"): "Tin ba\n\nHội nghị là xung lực mới cho khu vực. Thủ tướng Phạm Minh Chính chủ trì. "
    "Việt Nam đẩy mạnh hợp tác toàn diện.\n",
}


@pytest.fixture(scope="module")
def sourced_docs():
    return syllabify(
        [parse_document(k, v, meta={"source": s, "date": dt.date.fromisoformat(d)}) for (k, s, d), v in SOURCED.items()]
    )


def test_discover_ranks_a_formula_spread_across_sources(sourced_docs):
    table = discover(sourced_docs)
    assert list(table.columns[-3:]) == ["sources", "periods", "score"]
    top = table.iloc[0]
    assert (top["ngram"], top["count"], top["documents"], top["sources"], top["periods"]) == (
        "xung lực mới",
        3,
        3,
        2,
        3,
    )
    # every part of it is seen only inside it: npmi 1, score 1 x 2/3 x 3/4
    assert (top["npmi"], top["score"]) == (1.0, 0.5)


@pytest.mark.parametrize(
    "ngram",
    [
        "phạm minh chính",
        "thủ tướng phạm minh chính",
        "minh chính",
        "đẩy mạnh hợp tác toàn",
        "hợp tác toàn",
        "bạn đọc đón xem chuyên mục",
    ],
)
def test_discover_leaves_out_names_fragments_addresses_and_one_source_boilerplate(sourced_docs, ngram):
    assert ngram not in set(discover(sourced_docs, top=1000)["ngram"])


def test_one_source_boilerplate_is_kept_when_one_source_is_enough(sourced_docs):
    table = discover(sourced_docs, min_sources=1, top=1000).set_index("ngram")
    assert table.loc["bạn đọc đón xem chuyên mục", "sources"] == 1
    assert "phạm minh chính" not in table.index  # still a name


# "xây dựng niềm tin chiến lược" (six syllables, each only ever inside it) five times: three
# in a (once between a colon and a comma), once in b, both from one source in January, once in
# c, from another source in March; a different neighbour on each side every time.
REPEATED = {
    ("a", "X", "2025-01-05"): "Thời sự một\n\nHai nước cùng xây dựng niềm tin chiến lược lâu dài. Lãnh đạo "
    "nhấn mạnh: xây dựng niềm tin chiến lược, giữ vững hòa bình. Cần tiếp tục xây dựng niềm tin "
    "chiến lược trong khu vực.\n",
    ("b", "X", "2025-01-20"): "Thời sự hai\n\nĐối thoại góp phần xây dựng niềm tin chiến lược giữa hai bên.\n",
    ("c", "Y", "2025-03-02"): "Thời sự ba\n\nHội nghị nhằm xây dựng niềm tin chiến lược cho các nước.\n",
}


@pytest.fixture(scope="module")
def repeated_docs():
    return syllabify(
        [
            parse_document(k, v, meta={"source": s, "date": dt.date.fromisoformat(d)})
            for (k, s, d), v in REPEATED.items()
        ]
    )


def test_discover_counts_a_long_repeated_phrase(repeated_docs):
    table = discover(repeated_docs, top=1000).set_index("ngram")
    row = table.loc["xây dựng niềm tin chiến lược"]
    assert (row["n_syllables"], row["count"], row["documents"], row["sources"], row["periods"]) == (6, 5, 3, 2, 2)
    assert (row["first_date"], row["first_doc"]) == ("2025-01-05", "a")
    # its parts are seen only inside it: npmi 1, score 1 x 2/3 x 2/3
    assert (row["npmi"], row["score"]) == (1.0, 0.4444)
    # every shorter piece of it always has the same neighbour
    for piece in ("xây dựng niềm tin chiến", "dựng niềm tin chiến lược", "xây dựng niềm tin", "niềm tin chiến lược"):
        assert piece not in table.index


def test_discover_stops_at_max_n(repeated_docs):
    table = discover(repeated_docs, max_n=4, top=1000).set_index("ngram")
    assert "xây dựng niềm tin chiến lược" not in table.index
    # at four syllables nothing longer is counted, so no neighbour is known to be always the same
    assert (table.loc["xây dựng niềm tin", "count"], table.loc["xây dựng niềm tin", "documents"]) == (5, 3)
    assert table.loc["niềm tin chiến lược", "count"] == 5
    assert "dựng niềm tin chiến" not in table.index  # cuts "xây dựng" every time


def test_discover_never_crosses_punctuation():
    docs = syllabify(
        [
            doc_of("Hai bên gắn kết, chiến lược mới được nêu.", doc_id="a"),
            doc_of("Hai nước gắn kết, chiến lược chung được bàn.", doc_id="b"),
        ]
    )
    ngrams = set(discover(docs)["ngram"])
    assert not any("kết chiến" in n for n in ngrams)


# --------------------------------------------------------------------------- the command line


def run_cli(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


def csv_rows(out: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(out))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def cache_is_empty(cache: Path) -> bool:
    """No tokenised text in the cache: pyvi never ran (layouts may be cached)."""
    import sqlite3

    database = cache / "tokens.sqlite"
    if not database.exists():
        return True
    with sqlite3.connect(database) as db:
        ((n,),) = db.execute("SELECT count(*) FROM tokens").fetchall()
    db.close()
    return n == 0


def test_cli_phrases_csv(tmp_path):
    cache = tmp_path / "cache"
    result = run_cli("phrases", "--csv", cache=cache)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("doc_id,date,phrase,count,per_10k")
    header, rows = csv_rows(result.stdout)
    assert header[:5] == PHRASE_COLUMNS
    assert len(rows) == 5 * 30
    got = {(r["doc_id"], r["phrase"]): int(r["count"]) for r in rows}
    assert got == {(seed, phrase): COUNTS[phrase][i] for phrase in COUNTS for i, seed in enumerate(SEEDS)}
    assert {r["doc_id"]: r["date"] for r in rows} == DATES
    # phrase counting works on syllables: no pyvi, so no tokenised text in the cache
    assert cache_is_empty(cache)


def test_cli_kwic_csv(tmp_path):
    cache = tmp_path / "cache"
    result = run_cli("kwic", "gắn kết chiến lược", "--csv", cache=cache)
    assert result.returncode == 0, result.stderr
    header, rows = csv_rows(result.stdout)
    assert header[:6] == ["doc_id", "date", "sentence_id", "left", "match", "right"]
    assert len(rows) == 11  # 0 + 0 + 2 + 5 + 4
    assert [sum(r["doc_id"] == s for r in rows) for s in SEEDS] == [2, 4, 5, 0, 0]
    assert "GẮN KẾT CHIẾN LƯỢC" in [r["match"] for r in rows]
    assert cache_is_empty(cache)


def test_cli_phrases_with_txt_lexicon_and_captions(tmp_path):
    lexicon = tmp_path / "lex.txt"
    lexicon.write_text("# names\nSonexay Siphandone\ngặp gỡ, làm việc\n", encoding="utf-8")
    cache = tmp_path / "cache"
    for extra, expected in (
        ((), {(S001, "Sonexay Siphandone"): 2, (S004, "gặp gỡ, làm việc"): 0}),
        (("--keep-captions",), {(S001, "Sonexay Siphandone"): 5, (S004, "gặp gỡ, làm việc"): 1}),
    ):
        result = run_cli("phrases", "--csv", "--lexicon", str(lexicon), *extra, cache=cache)
        assert result.returncode == 0, result.stderr
        _, rows = csv_rows(result.stdout)
        assert len(rows) == 5 * 2
        got = {(r["doc_id"], r["phrase"]): int(r["count"]) for r in rows}
        for key, value in expected.items():
            assert got[key] == value, (extra, key)
    assert cache_is_empty(cache)


def test_cli_bad_lexicon_is_one_error_line(tmp_path):
    lexicon = tmp_path / "empty.txt"
    lexicon.write_text("# nothing here\n\n", encoding="utf-8")
    result = run_cli("phrases", "--csv", "--lexicon", str(lexicon), cache=tmp_path / "cache")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "empty.txt" in lines[0]


def test_phrase_csv_is_what_the_csv_module_writes_of_the_rows():
    from analysis.framing.phrases import PHRASE_TABLE_COLUMNS, phrase_rows, write_phrase_csv

    docs = syllabify(
        [
            doc_of("Hai nước hợp tác toàn diện, mẫu mực, thủy chung.", doc_id='a, "b"'),
            doc_of("Không có gì.", doc_id="c"),
            parse_document("empty", ""),
        ]
    )
    lexicon = lexicon_of("hợp tác", "mẫu mực, thủy chung", 'nói "không"')
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(PHRASE_TABLE_COLUMNS)
    writer.writerows(phrase_rows(docs, lexicon))
    written = io.StringIO()
    write_phrase_csv(docs, lexicon, written)
    assert written.getvalue() == expected.getvalue()
    # 12 syllables: "Tin thử" and ten in the body; "mẫu mực, thủy chung" once, with its comma
    assert written.getvalue().splitlines()[1:3] == [
        '"a, ""b""",2025-01-01,hợp tác,1,833.3333,,,12',
        '"a, ""b""",2025-01-01,"mẫu mực, thủy chung",1,833.3333,,,12',
    ]
