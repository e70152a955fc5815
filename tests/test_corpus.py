"""Reading a corpus (analysis/corpus.py): folders, encodings, metadata, tables, and never writing."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import gzip
import json
import os
import unicodedata
from pathlib import Path

import pytest
from helpers import snapshot, write

from analysis.errors import InputError
from analysis.reading.corpus import read_corpus

# A small article: header, a body paragraph opened by a source marker, a caption paragraph.
ARTICLE = (
    "date 2025-12-02 Việt Nam - Lào củng cố quan hệ đặc biệt\n"
    "\n"
    "TPO - Hai bên nhất trí hợp tác toàn diện, tăng cường quan hệ hữu nghị đặc biệt.\n"
    "\n"
    "Thủ tướng Phạm Minh Chính hội kiến Thủ tướng Lào. Ảnh: TTXVN\n"
)
# Its first non-ASCII character, "ệ" of "Việt", is character (and, in cp1258, byte) 18:
# "date 2025-12-02 Vi" is 4 + 1 + 10 + 1 + 2 = 18 characters.
ARTICLE_FIRST_NON_ASCII = 18

SENTENCE = "Hai bên nhất trí hợp tác toàn diện.\n"  # "Hai b" is 5 bytes: "ê" is at offset 5

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: vowel marks precomposed, tone marks combining.

    Python's codec has no combining circumflex or breve, so fully decomposed NFD text
    cannot be encoded; only the tone marks are split off.
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out.append(base + "".join(c for c in parts if c in _TONE_MARKS))
    return "".join(out).encode("cp1258", errors="strict")


def same_reading(a, b) -> bool:
    """Two documents read the same, whatever their ids and paths."""
    return dataclasses.replace(a, doc_id="", path="") == dataclasses.replace(b, doc_id="", path="")


# --------------------------------------------------------------------------- folders


def test_folder_is_searched_recursively_and_other_files_are_ignored(tmp_path):
    write(tmp_path / "The gioi" / "TG_ VNE_ (100).txt", "Tiêu đề một\nHai bên nhất trí hợp tác.\n")
    write(tmp_path / "The gioi" / "TG_ VNE_ (2).txt", "Tiêu đề hai\nHai bên nhất trí hợp tác.\n")
    write(tmp_path / "Kinh te" / "sub dir" / "bài 1.txt", "Tiêu đề ba\nHai bên nhất trí hợp tác.\n")
    write(tmp_path / "folder.txt" / "inner.txt", "Tiêu đề bốn\nHai bên nhất trí hợp tác.\n")
    write(tmp_path / "top.txt", "Tiêu đề năm\nHai bên nhất trí hợp tác.\n")
    for name in ("notes.md", "data.json", "image.png", "top.txt.bak", "README", "The gioi/list.csv"):
        write(tmp_path / name, "Không phải bài báo.\n")
    corpus = read_corpus(tmp_path)
    ids = [d.doc_id for d in corpus]
    assert sorted(ids) == sorted(
        [
            "The gioi/TG_ VNE_ (100)",
            "The gioi/TG_ VNE_ (2)",
            "Kinh te/sub dir/bài 1",
            "folder.txt/inner",
            "top",
        ]
    )
    assert ids == sorted(ids)  # documents come in doc_id order
    assert len(corpus) == 5
    assert corpus.skipped == ()
    titles = {d.doc_id: d.title for d in corpus}
    assert titles["The gioi/TG_ VNE_ (100)"] == "Tiêu đề một"
    assert titles["Kinh te/sub dir/bài 1"] == "Tiêu đề ba"


def test_doc_ids_are_unique_in_a_folder(tmp_path):
    write(tmp_path / "a.txt", "Tiêu đề một\nHai bên nhất trí hợp tác.\n")
    write(tmp_path / "a.TXT", "Tiêu đề hai\nHai bên nhất trí hợp tác.\n")
    try:
        corpus = read_corpus(tmp_path)
    except InputError:
        return  # refusing two files with one doc_id is fine too
    ids = [d.doc_id for d in corpus]
    assert len(ids) == len(set(ids)), ids


# --------------------------------------------------------------------------- encodings

VARIANTS = {
    "utf8": ARTICLE.encode("utf-8"),
    "utf8_bom": codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
    "utf16le_bom": codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
    "utf16be_bom": codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
    "crlf": ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    "crlf_bom": codecs.BOM_UTF8 + ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    "nfd": unicodedata.normalize("NFD", ARTICLE).encode("utf-8"),
    "nfd_utf16le_crlf": codecs.BOM_UTF16_LE
    + unicodedata.normalize("NFD", ARTICLE).replace("\n", "\r\n").encode("utf-16-le"),
}


@pytest.fixture(scope="module")
def variant_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("variants")
    for name, data in VARIANTS.items():
        write(root / f"{name}.txt", data)
    return {d.doc_id: d for d in read_corpus(root)}


@pytest.mark.parametrize("name", [n for n in VARIANTS if n != "utf8"])
def test_encodings_line_ends_and_normal_forms_read_the_same(variant_corpus, name):
    reference, doc = variant_corpus["utf8"], variant_corpus[name]
    assert doc.text == ARTICLE  # NFC, LF, no BOM
    assert same_reading(doc, reference)


def test_reference_article_is_read_as_written(variant_corpus):
    doc = variant_corpus["utf8"]
    assert doc.title == "Việt Nam - Lào củng cố quan hệ đặc biệt"
    assert (doc.date, doc.date_source, doc.source) == (dt.date(2025, 12, 2), "header", "TPO")
    assert [(doc.sentence_text(s), s.kind) for s in doc.sentences] == [
        ("Việt Nam - Lào củng cố quan hệ đặc biệt", "title"),
        ("Hai bên nhất trí hợp tác toàn diện, tăng cường quan hệ hữu nghị đặc biệt.", "body"),
        ("Thủ tướng Phạm Minh Chính hội kiến Thủ tướng Lào.", "caption"),
        ("Ảnh: TTXVN", "caption"),
    ]


def test_cp1258_helper_really_writes_legacy_bytes():
    data = cp1258(SENTENCE)
    assert data[:5] == b"Hai b" and data[5] == 0xEA  # "ê" is one byte in cp1258
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_cp1258_without_encoding_is_an_error_naming_file_offset_and_option(tmp_path):
    bad = write(tmp_path / "bài cũ.txt", cp1258(SENTENCE))
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path)
    error = info.value
    assert error.where.endswith(bad.name)  # names the file
    assert "offset 5" in error.message
    assert "--encoding" in error.message


def test_cp1258_offset_is_a_byte_offset(tmp_path):
    write(tmp_path / "legacy.txt", cp1258(ARTICLE))
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path)
    assert f"offset {ARTICLE_FIRST_NON_ASCII}" in info.value.message


def test_cp1258_with_encoding_reads_as_nfc(tmp_path):
    write(tmp_path / "legacy.txt", cp1258(ARTICLE))
    doc = read_corpus(tmp_path, encoding="cp1258").documents[0]
    assert doc.doc_id == "legacy"
    assert doc.text == ARTICLE
    assert doc.title == "Việt Nam - Lào củng cố quan hệ đặc biệt"
    assert (doc.date, doc.source) == (dt.date(2025, 12, 2), "TPO")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_a_clear_error(tmp_path, codec):
    bad = write(tmp_path / "no bom.txt", ARTICLE.encode(codec))
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path)
    assert info.value.where.endswith(bad.name)
    assert "utf-16" in info.value.message.lower()
    assert "--encoding" in info.value.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_reads_with_encoding(tmp_path, codec):
    write(tmp_path / "no bom.txt", ARTICLE.encode(codec))
    doc = read_corpus(tmp_path, encoding=codec).documents[0]
    assert doc.text == ARTICLE


def test_unknown_encoding_name_is_an_input_error(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    with pytest.raises(InputError):
        read_corpus(tmp_path, encoding="no-such-codec")


def test_skip_bad_skips_undecodable_files_with_a_reason(tmp_path):
    write(tmp_path / "good.txt", ARTICLE)
    write(tmp_path / "legacy.txt", cp1258(SENTENCE))
    write(tmp_path / "sub" / "no bom.txt", ARTICLE.encode("utf-16-le"))
    with pytest.raises(InputError):
        read_corpus(tmp_path)
    corpus = read_corpus(tmp_path, skip_bad=True)
    assert [d.doc_id for d in corpus] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in corpus.skipped}
    assert set(reasons) == {"legacy.txt", "no bom.txt"}
    assert "offset 5" in reasons["legacy.txt"]
    assert reasons["no bom.txt"]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"  \n\t\r\n  ", id="white-space"),
        pytest.param(codecs.BOM_UTF8, id="bom-only"),
        pytest.param(codecs.BOM_UTF8 + b"\r\n\r\n", id="bom-and-line-ends"),
        pytest.param(codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), id="utf16-white-space"),
        pytest.param("\u00a0\u3000\n".encode("utf-8"), id="unicode-spaces"),
    ],
)
def test_empty_and_white_space_files_are_skipped_with_a_reason(tmp_path, data):
    write(tmp_path / "good.txt", ARTICLE)
    write(tmp_path / "blank.txt", data)
    corpus = read_corpus(tmp_path)  # no skip_bad needed: this is not an error
    assert [d.doc_id for d in corpus] == ["good"]
    assert [Path(s.path).name for s in corpus.skipped] == ["blank.txt"]
    assert corpus.skipped[0].reason.strip()


def test_nonexistent_path_is_an_input_error(tmp_path):
    missing = tmp_path / "no such folder"
    with pytest.raises(InputError) as info:
        read_corpus(missing)
    assert str(missing) in str(info.value)


# --------------------------------------------------------------------------- metadata.csv


def test_metadata_csv_overrides_date_and_title(tmp_path):
    write(tmp_path / "a.txt", "date 2025-01-02 Tiêu đề gốc\n\nHai bên nhất trí hợp tác.\n")
    write(tmp_path / "sub" / "b.txt", "Tiêu đề b\nHai bên nhất trí hợp tác.\n")
    write(tmp_path / "c.txt", "Tiêu đề c P.V • 09/10/2024 06:27 Hai bên nhất trí hợp tác.\n")
    write(tmp_path / "metadata.csv", "doc_id,date,title\na,2020-05-06,Tiêu đề khác\nsub/b,2021-07-08,\n")
    docs = {d.doc_id: d for d in read_corpus(tmp_path)}
    assert set(docs) == {"a", "sub/b", "c"}  # metadata.csv is not a document
    assert (docs["a"].date, docs["a"].date_source, docs["a"].title) == (dt.date(2020, 5, 6), "metadata", "Tiêu đề khác")
    assert (docs["sub/b"].date, docs["sub/b"].date_source, docs["sub/b"].title) == (
        dt.date(2021, 7, 8),
        "metadata",
        "Tiêu đề b",
    )
    assert (docs["c"].date, docs["c"].date_source, docs["c"].title) == (dt.date(2024, 10, 9), "byline", "Tiêu đề c")


@pytest.mark.parametrize("bad_date", ["2020-02-30", "06/05/2020", "2020-5-6x", "hôm qua"])
def test_bad_date_in_metadata_csv_is_an_input_error(tmp_path, bad_date):
    write(tmp_path / "a.txt", "Tiêu đề\nHai bên nhất trí hợp tác.\n")
    write(tmp_path / "metadata.csv", f"doc_id,date\na,{bad_date}\n")
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path)
    assert "metadata.csv" in str(info.value)


# --------------------------------------------------------------------------- tables

ROWS = [
    {
        "id": "vn-1",
        "title": "Tiêu đề một",
        "date": "2025-03-04",
        "source": "VNA",
        "text": "Hai bên nhất trí hợp tác.\nViệt Nam và Lào ký văn kiện, trị giá 6,21 tỷ USD.",
    },
    {
        "id": "vn-2",
        "title": "",
        "date": "",
        "source": "",
        "text": 'date 2024-05-06 Tiêu đề hai\n\nHai nước cam kết hợp tác, "toàn diện".',
    },
]


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def write_table(path: Path, rows: list[dict], columns: list[str]) -> Path:
    if path.name.endswith(".csv"):
        return write_csv(path, rows, columns)
    data = jsonl([{k: r[k] for k in columns if k in r} for r in rows])
    return write(path, gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)


TABLE_NAMES = ["corpus.csv", "corpus.jsonl", "corpus.jsonl.gz"]


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_table_with_all_columns(tmp_path, name):
    path = write_table(tmp_path / name, ROWS, ["text", "id", "title", "date", "source"])
    docs = {d.doc_id: d for d in read_corpus(path)}
    assert set(docs) == {"vn-1", "vn-2"}
    one, two = docs["vn-1"], docs["vn-2"]
    assert (one.title, one.date, one.date_source, one.source) == ("Tiêu đề một", dt.date(2025, 3, 4), "metadata", "VNA")
    assert one.text == ROWS[0]["text"]
    # empty cells fall back to what the text itself says
    assert (two.title, two.date, two.date_source, two.source) == ("Tiêu đề hai", dt.date(2024, 5, 6), "header", "")


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_table_without_id_uses_row_number(tmp_path, name):
    path = write_table(tmp_path / name, ROWS, ["text", "title"])
    docs = {d.doc_id: d for d in read_corpus(path)}
    assert set(docs) == {"1", "2"}
    assert docs["1"].title == "Tiêu đề một"
    assert docs["2"].title == "Tiêu đề hai"
    assert docs["1"].date_source == "unknown"
    assert (docs["2"].date, docs["2"].date_source) == (dt.date(2024, 5, 6), "header")


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_table_without_text_column_is_an_input_error(tmp_path, name):
    path = write_table(tmp_path / name, ROWS, ["id", "title", "date"])
    with pytest.raises(InputError) as info:
        read_corpus(path)
    assert name in str(info.value)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_table_with_duplicate_ids_is_an_input_error(tmp_path, name):
    rows = [ROWS[0], {**ROWS[1], "id": "vn-1"}]
    path = write_table(tmp_path / name, rows, ["text", "id"])
    with pytest.raises(InputError) as info:
        read_corpus(path)
    assert "vn-1" in str(info.value)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_table_text_is_made_nfc_with_lf(tmp_path, name):
    rows = [{"id": "a", "text": unicodedata.normalize("NFD", ARTICLE).replace("\n", "\r\n")}]
    path = write_table(tmp_path / name, rows, ["text", "id"])
    doc = read_corpus(path).documents[0]
    assert doc.text == ARTICLE
    assert doc.title == "Việt Nam - Lào củng cố quan hệ đặc biệt"


def test_table_and_folder_read_the_same_article(tmp_path):
    folder = tmp_path / "folder"
    write(folder / "a.txt", ARTICLE)
    table = write_table(tmp_path / "t.jsonl", [{"id": "a", "text": ARTICLE}], ["text", "id"])
    assert same_reading(read_corpus(folder).documents[0], read_corpus(table).documents[0])


def test_other_file_is_an_input_error(tmp_path):
    path = write(tmp_path / "corpus.xlsx", b"PK\x03\x04")
    with pytest.raises(InputError):
        read_corpus(path)


# --------------------------------------------------------------------------- never writing


def test_read_corpus_never_writes_in_the_corpus_folder(tmp_path):
    root = tmp_path / "corpus (read only)"
    write(root / "a.txt", ARTICLE)
    write(root / "The gioi" / "TG_ VNE_ (100).txt", VARIANTS["utf16le_bom"])
    write(root / "The gioi" / "nfd.txt", VARIANTS["nfd"])
    write(root / "legacy.txt", cp1258(SENTENCE))
    write(root / "empty.txt", b"")
    write(root / "metadata.csv", "doc_id,date\na,2020-05-06\n")
    write(root / "table.jsonl", jsonl(ROWS))
    before = snapshot(root)
    with pytest.raises(InputError):
        read_corpus(root)
    corpus = read_corpus(root, skip_bad=True)
    assert len(corpus) == 3
    read_corpus(root / "table.jsonl")
    assert snapshot(root) == before


def test_layouts_are_cached_as_json_and_a_damaged_entry_is_read_again(tmp_path):
    import json
    import sqlite3

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(
        "date 2025-12-02 Tiêu đề\n\nHai bên nhất trí. Hai bên ký kết.\n", encoding="utf-8"
    )
    fresh = read_corpus(corpus_dir)
    first = read_corpus(corpus_dir, cache_dir=tmp_path / "cache")
    with sqlite3.connect(tmp_path / "cache" / "tokens.sqlite") as db:
        ((layout, keys),) = db.execute("SELECT layout, keys FROM layouts_v2").fetchall()
        assert json.loads(layout)["title"] == "Tiêu đề"
        assert keys.split("\x1e") == [
            "\x1ftiêu\x1f\x1fđề\x1f",
            "\x1fhai\x1f\x1fbên\x1f\x1fnhất\x1f\x1ftrí\x1f\x1f.\x1f",
            "\x1fhai\x1f\x1fbên\x1f\x1fký\x1f\x1fkết\x1f\x1f.\x1f",
        ]
        db.execute('UPDATE layouts_v2 SET layout = \'{"title": "wrong"}\'')
    db.close()
    again = read_corpus(corpus_dir, cache_dir=tmp_path / "cache")
    with sqlite3.connect(tmp_path / "cache" / "tokens.sqlite") as db:
        db.execute("UPDATE layouts_v2 SET keys = '\x1fwrong\x1f'")
    db.close()
    third = read_corpus(corpus_dir, cache_dir=tmp_path / "cache")
    assert first.documents == fresh.documents == again.documents == third.documents
    assert again.documents[0].title == "Tiêu đề"
    assert [s.kind for s in again.documents[0].sentences] == ["title", "body", "body"]
    assert fresh.documents[0].folded.keys == first.documents[0].folded.keys == again.documents[0].folded.keys == keys
    assert third.documents[0].folded.keys == keys and third.documents[0].folded.n_syllables == 10
    lean = read_corpus(corpus_dir, cache_dir=tmp_path / "cache", folded=False)
    assert lean.documents[0].folded is None and lean.documents[0].folding() == fresh.documents[0].folded


def test_a_folder_with_nothing_readable_is_an_input_error(tmp_path):
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "bad.txt", b"Ti\xeau \xc4\x91\xe1\xbb\x81\n")
    with pytest.raises(InputError, match="no readable document: 2 skipped"):
        read_corpus(tmp_path, skip_bad=True)


# --------------------------------------------------------------------------- bad input (issue 13)

# "Hai b" is 5 characters: the bad unit after it starts at character 5.
_BAD_UNIT = {
    # name: (bytes, offset of the bad unit in the file, the bad bytes as the message names them)
    "utf8_bom": (codecs.BOM_UTF8 + b"Hai b\xffn nh\xe1\xba\xa5t tr\xc3\xad.\n", 3 + 5, "byte 0xff"),
    "utf16le_bom": (
        codecs.BOM_UTF16_LE + "Hai b".encode("utf-16-le") + b"\x00\xdc" + "n.\n".encode("utf-16-le"),
        2 + 10,
        "bytes 0x00 0xdc",
    ),
    "utf16be_bom": (
        codecs.BOM_UTF16_BE + "Hai b".encode("utf-16-be") + b"\xdc\x00" + "n.\n".encode("utf-16-be"),
        2 + 10,
        "bytes 0xdc 0x00",
    ),
    # a BOM and an odd number of bytes: the last byte is half a character
    "utf16le_odd": (codecs.BOM_UTF16_LE + "Hai bên.".encode("utf-16-le") + b"A", 2 + 16, "byte 0x41"),
    "utf16be_odd": (codecs.BOM_UTF16_BE + "Hai bên.".encode("utf-16-be") + b"A", 2 + 16, "byte 0x41"),
}


@pytest.mark.parametrize("name", list(_BAD_UNIT))
def test_undecodable_bytes_are_named_at_their_offset_in_the_file(tmp_path, name):
    data, offset, bad = _BAD_UNIT[name]
    write(tmp_path / "good.txt", ARTICLE)
    write(tmp_path / "bad.txt", data)
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path)
    assert info.value.where.endswith("bad.txt")
    assert f"{bad} at offset {offset}" in info.value.message
    corpus = read_corpus(tmp_path, skip_bad=True)  # one bad file never stops the run
    assert [d.doc_id for d in corpus] == ["good"]
    assert f"at offset {offset}" in corpus.skipped[0].reason


def test_with_a_legacy_encoding_utf8_and_bom_files_are_still_read_as_such(tmp_path):
    for name in ("utf8", "utf8_bom", "utf16le_bom", "utf16be_bom", "nfd"):
        write(tmp_path / f"{name}.txt", VARIANTS[name])
    write(tmp_path / "legacy.txt", cp1258(ARTICLE))
    corpus = read_corpus(tmp_path, encoding="cp1258")
    assert len(corpus) == 6
    assert {d.doc_id: d.text for d in corpus} == {d.doc_id: ARTICLE for d in corpus}


@pytest.mark.parametrize("encoding", ["cp1258", "utf-8"])
def test_bytes_the_given_encoding_cannot_read_do_not_hint_at_passing_it(tmp_path, encoding):
    write(tmp_path / "bad.txt", b"Hai b\x81n.\n")  # 0x81: not UTF-8, and undefined in cp1258
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path, encoding=encoding)
    assert "offset 5" in info.value.message and "0x81" in info.value.message
    assert "pass --encoding" not in info.value.message
    assert encoding in info.value.message


@pytest.mark.parametrize("name", ["rot13", "hex", "base64", "zlib", "no-such-codec", ""])
def test_an_encoding_that_is_not_a_text_encoding_is_an_input_error(tmp_path, name):
    write(tmp_path / "a.txt", ARTICLE)
    if name == "":
        assert len(read_corpus(tmp_path, encoding=name)) == 1  # no encoding given
        return
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path, encoding=name)
    assert name in str(info.value)


def test_a_file_name_that_is_not_utf8_gives_a_backslash_escaped_doc_id(tmp_path):
    try:
        write(Path(os.fsdecode(bytes(tmp_path) + b"/b\xffd.txt")), ARTICLE)
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    write(tmp_path / "bài.txt", ARTICLE)
    corpus = read_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["b\\xffd", "bài"]
    assert all(d.doc_id.encode("utf-8") and d.path.encode("utf-8") for d in corpus)  # no lone surrogates


def test_duplicate_doc_ids_in_metadata_csv_are_an_error_naming_both_lines(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "metadata.csv", "doc_id,date\nb,2020-01-01\na,2020-01-02\na,2021-03-04\n")
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path)
    assert info.value.where.endswith("metadata.csv: line 4")
    assert "'a'" in info.value.message and "line 3" in info.value.message


@pytest.mark.parametrize(
    "data, line",
    [
        pytest.param('doc_id,date,title\na,2020-01-01,"Tiêu đề\nb,2021-01-01,Khác\n', 2, id="quote-never-closed"),
        pytest.param('doc_id,date,title\na,2020-01-01,Một\nb,2021-01-01,"Hai" ba\n', 3, id="text-after-closing-quote"),
        pytest.param("doc_id,date,title\na,2020-01-01,Hà Nội, Việt Nam\n", 2, id="extra-field"),
        pytest.param("doc_id,date,title\na,2020-01-01\n", 2, id="missing-field"),
    ],
)
def test_metadata_csv_with_bad_quoting_is_an_error_naming_the_line(tmp_path, data, line):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "metadata.csv", data)
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path)
    assert info.value.where.endswith(f"metadata.csv: line {line}")


def test_metadata_csv_that_is_not_utf8_is_an_error_with_the_offset(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "metadata.csv", b"doc_id,title\na,Ti\xeau\n")  # "doc_id,title\na,Ti" is 17 bytes
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path)
    assert info.value.where.endswith("metadata.csv")
    assert "0xea at offset 17" in info.value.message


@pytest.mark.parametrize(
    "data, line",
    [
        pytest.param('id,text\n1,Một\n2,"Hai\n3,Ba\n4,Bốn\n', 3, id="quote-never-closed"),
        pytest.param('id,text\n1,"Một\n2,"Hai"\n', 2, id="closed-by-the-next-row"),
        pytest.param("id,text\n1,Một\n2,Hai, ba\n", 3, id="extra-field"),
    ],
)
def test_csv_table_with_bad_quoting_is_an_error_naming_the_line(tmp_path, data, line):
    path = write(tmp_path / "t.csv", data)
    with pytest.raises(InputError) as info:
        read_corpus(path)
    assert info.value.where == f"{path}: line {line}"


def test_csv_table_text_may_span_lines(tmp_path):
    path = write(tmp_path / "t.csv", 'id,text\n1,"Một.\n\nHai, ""ba"".\n"\n2,Bốn.\n')
    assert [(d.doc_id, d.text) for d in read_corpus(path)] == [("1", 'Một.\n\nHai, "ba".\n'), ("2", "Bốn.")]


def test_jsonl_id_zero_is_the_id_0(tmp_path):
    path = write(tmp_path / "t.jsonl", jsonl([{"id": 0, "text": "Một."}, {"text": "Hai."}, {"id": 7, "text": "Ba."}]))
    assert [d.doc_id for d in read_corpus(path)] == ["0", "2", "7"]


@pytest.mark.parametrize("field", ["text", "title", "source", "date", "id"])
@pytest.mark.parametrize("value", [["Hai", "bên"], {"a": "b"}, 1.5, True], ids=["list", "object", "float", "bool"])
def test_jsonl_values_that_are_not_strings_are_an_error_naming_line_and_field(tmp_path, field, value):
    rows = [{"id": "a", "text": "Một."}, {"id": "b", "text": "Hai.", field: value}]
    path = write(tmp_path / "t.jsonl", jsonl(rows))
    with pytest.raises(InputError) as info:
        read_corpus(path)
    assert info.value.where == f"{path}: line 2"
    assert repr(field) in info.value.message


def test_jsonl_other_columns_may_be_numbers(tmp_path):
    path = write(tmp_path / "t.jsonl", jsonl([{"id": "a", "text": "Một.", "views": 12, "score": 0.5}]))
    assert read_corpus(path).documents[0].meta == {"views": "12", "score": "0.5"}


@pytest.mark.parametrize(
    "line, message",
    [
        pytest.param('{"text": "Một.", "n": ' + "9" * 5000 + "}", "number", id="5000-digit-number"),
        pytest.param('{"text": "Một.", "n": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested", id="nested-100000-deep"),
        pytest.param('{"text": "Một."', "JSON", id="unclosed-object"),
        pytest.param('["Một."]', "object", id="not-an-object"),
    ],
)
def test_jsonl_lines_that_cannot_be_read_are_an_error_naming_the_line(tmp_path, line, message):
    path = write(tmp_path / "t.jsonl", '{"text": "Hai."}\n' + line + "\n")
    with pytest.raises(InputError) as info:
        read_corpus(path)
    assert info.value.where == f"{path}: line 2"
    assert message in info.value.message


def test_jsonl_undecodable_byte_is_named_at_its_offset_in_the_file(tmp_path):
    path = write(tmp_path / "t.jsonl", b'{"text": "Hai."}\n{"text": "b\xffn"}\n')  # 17 + 11 bytes before 0xff
    with pytest.raises(InputError) as info:
        read_corpus(path)
    assert info.value.where == f"{path}: line 2"
    assert "0xff at offset 28" in info.value.message


@pytest.mark.parametrize("damage", ["flipped", "truncated", "not-gzip"])
def test_a_damaged_jsonl_gz_is_an_input_error(tmp_path, damage):
    # Text that does not compress to stored blocks, so that flipping bytes in the middle breaks the stream.
    data = gzip.compress(jsonl([{"id": str(i), "text": f"Hai bên nhất trí {i}."} for i in range(200)]), mtime=0)
    middle = len(data) // 2
    damaged = {
        "flipped": data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 8]) + data[middle + 8 :],
        "truncated": data[:middle],
        "not-gzip": b"\x1f\x8bnot gzip at all",
    }[damage]
    path = write(tmp_path / "t.jsonl.gz", damaged)
    with pytest.raises(InputError) as info:
        read_corpus(path)
    assert info.value.where.startswith(str(path))
