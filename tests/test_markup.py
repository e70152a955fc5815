"""Markdown and HTML markup reduced to text (analysis/markup.py), and what the layout and reading make of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write

from analysis.reading.corpus import read_corpus
from analysis.reading.layout import parse_document
from analysis.reading.markup import clean

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Xem [bài gốc](https://tpo.vn/a.html) nhé", "Xem bài gốc nhé"),
        ('Xem [bài gốc](https://tpo.vn/a.html "Tiêu đề") nhé', "Xem bài gốc nhé"),
        ("Hai <b>bên</b> nhất trí", "Hai bên nhất trí"),
        ("<p>Một.</p><p>Hai.</p>", "\nMột.\n\nHai.\n"),  # block tags end a line
        ("Dòng một<br/>dòng hai", "Dòng một\ndòng hai"),
        ("R&amp;D &lt;5%&gt; c&#7889; g&#x1EAF;ng", "R&D <5%> cố gắng"),
        ("hai&nbsp;bên", "hai bên"),
        ("Nguồn: https://vnexpress.net/a-b-123.html.", "Nguồn: ."),
        ("tại www.tpo.vn và <https://nhandan.vn>", "tại  và "),
        ("Văn bản[1].\n[1]: https://a.vn/b", "Văn bản[1].\n"),
        ("# Tiêu đề\n\n**Hai bên** nhất trí", "Tiêu đề\n\nHai bên nhất trí"),
        ("Một<!-- quảng cáo -->hai<script>var a = 1;</script>", "Mộthai"),
        ("3 < 5 và R&D", "3 < 5 và R&D"),  # no tag, no entity
        ("![](a.jpg)Hai bên", "Hai bên"),  # an image without alt text leaves nothing
    ],
)
def test_clean_text(text, expected):
    assert clean(text)[0] == expected


@pytest.mark.parametrize(
    "text, captions",
    [
        ("Mở đầu. ![Thủ tướng phát biểu](a.jpg) Tiếp.", ["Thủ tướng phát biểu"]),
        ('<img src="a.jpg" alt="Lễ đón &amp; hội đàm"> Tiếp.', ["Lễ đón & hội đàm"]),
        ("<figure><img src='a.jpg'><figcaption>Hai <i>bên</i> hội đàm</figcaption></figure>", ["Hai bên hội đàm"]),
    ],
)
def test_images_give_captions(text, captions):
    cleaned, spans = clean(text)
    assert [cleaned[a:b] for a, b in spans] == captions


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seeds_are_unchanged(path):
    text = path.read_text(encoding="utf-8")
    assert clean(text) == (text, ())


MARKDOWN = (
    "Hợp tác Việt - Lào\n\nHà Nội, ngày 5/2/2025, hai bên nhất trí [hợp tác toàn diện](https://tpo.vn/a).\n\n"
    "![Thủ tướng phát biểu tại hội nghị](https://tpo.vn/a.jpg)\n\n"
    "<p>Đại sứ c&#7889; gắng nhiều. Nguồn: https://vnexpress.net/abc.html</p>\n"
)


def test_layout_of_a_markdown_article():
    doc = parse_document("x", MARKDOWN)
    assert "http" not in doc.text and "<p>" not in doc.text
    assert [(doc.sentence_text(s), s.kind) for s in doc.sentences] == [
        ("Hợp tác Việt - Lào", "title"),
        ("Hà Nội, ngày 5/2/2025, hai bên nhất trí hợp tác toàn diện.", "body"),
        ("Thủ tướng phát biểu tại hội nghị", "caption"),
        ("Đại sứ cố gắng nhiều.", "body"),
        ("Nguồn:", "body"),
    ]
    assert (doc.date.isoformat(), doc.date_source) == ("2025-02-05", "body")


def test_cleaned_text_is_the_documents_text_also_from_the_cache(tmp_path):
    write(tmp_path / "corpus" / "a.txt", MARKDOWN)
    fresh = read_corpus(tmp_path / "corpus", cache_dir=tmp_path / "cache").documents[0]
    cached = read_corpus(tmp_path / "corpus", cache_dir=tmp_path / "cache").documents[0]
    assert cached.text == fresh.text == parse_document("a", MARKDOWN).text
    assert cached.sentences == fresh.sentences
    assert (tmp_path / "corpus" / "a.txt").read_text(encoding="utf-8") == MARKDOWN  # the file is untouched
