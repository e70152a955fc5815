"""Markdown and HTML markup in a text file, reduced to the text a reader sees.

Articles saved from the web carry markup: Markdown links and images
(``[tiêu đề](https://...)``, ``![Thủ tướng phát biểu](anh.jpg)``), HTML tags and
entities (``<p>``, ``&amp;``, ``&nbsp;``, ``&#7889;``) and bare addresses. Read as
text, their URLs would become terms. :func:`clean` keeps what a reader sees:

- a link gives its text; a bare URL, an autolink (``<https://...>``) and a
  reference definition (``[1]: https://...``) give nothing;
- an image gives its alt text on a paragraph of its own, and so does an HTML
  ``<figcaption>``: both are photo captions (left out of analyses unless
  ``keep_captions``);
- tags go (block tags such as ``<p>``, ``<br>``, ``<div>``, ``<li>`` end a line),
  with the content of ``<script>`` and ``<style>`` and of comments;
- ``#`` heading marks and ``**`` bold marks go;
- entities are decoded, a no-break space becoming a space.

Text without any of these is returned unchanged, the same string.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["clean"]

_MAYBE = re.compile(r"[<&]|\]\(|\]:|https?://|www\.|^#|\*\*", re.MULTILINE)
_BLOCK = frozenset(
    "p div br hr h1 h2 h3 h4 h5 h6 li ul ol tr table section article header footer blockquote figure pre".split()
)
_MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<(?P<hidden>script|style)\b[^>]*>.*?</(?P=hidden)\s*>"
    r"|<figcaption\b[^>]*>(?P<figcaption>.*?)</figcaption\s*>"
    r"|!\[(?P<alt>[^\[\]\n]*)\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)"
    r"|\[(?P<link>[^\[\]\n]*)\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)"
    r"|<img\b(?P<img>[^>]*)>"
    r"|<https?://[^>\s]*>"
    r"|</?(?P<tag>[a-z][a-z0-9]*)\b[^<>]*>"
    r"|(?:https?://|www\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"  # a final full stop stays
    r"|^[ \t]*\[[^\]\n]+\]:[ \t]*\S+[^\n]*"
    r"|^[ \t]*\#{1,6}[ \t]+"
    r"|\*\*",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")


def _text(raw: str) -> str:
    """Entities decoded, no-break spaces as spaces, NFC."""
    return unicodedata.normalize("NFC", html.unescape(raw).replace("\xa0", " ")) if "&" in raw else raw


def clean(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` without its markup, and the spans of the captions (image alt texts) in it.

    >>> clean("Xem [bài gốc](https://vnexpress.net/a.html) &amp; ![Lễ đón](a.jpg) tại www.tpo.vn")
    ('Xem bài gốc & \\nLễ đón\\n tại ', ((15, 21),))
    """
    if not _MAYBE.search(text):
        return text, ()
    out: list[str] = []
    captions: list[tuple[int, int]] = []
    size, pos = 0, 0

    def add(piece: str) -> None:
        nonlocal size
        out.append(piece)
        size += len(piece)

    for match in _MARKUP.finditer(text):
        add(_text(text[pos : match.start()]))
        pos = match.end()
        caption = match.group("alt")
        if match.group("img") is not None:
            alt = _ALT.search(match.group("img"))
            caption = (alt.group(1) or alt.group(2) or "") if alt else ""
        elif match.group("figcaption") is not None:
            caption = _TAG.sub(" ", match.group("figcaption"))
        if caption is not None:
            caption = " ".join(_text(caption).split())
            if caption:
                add("\n")
                captions.append((size, size + len(caption)))
                add(caption + "\n")
        elif match.group("link") is not None:
            add(_text(match.group("link")))
        elif (match.group("tag") or "").lower() in _BLOCK:
            add("\n")
    add(_text(text[pos:]))
    return "".join(out), tuple(captions)
