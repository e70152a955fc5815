"""Pathological paragraphs cost time in proportion to their length: a paragraph of any shape is read,
folded, matched and searched for statements in linear time.

These tests compare the time of one paragraph with that of a paragraph four times as long, made of
the same unit: linear work takes about four times as long, quadratic work sixteen. They assert the
growth, not a speed, and time this process's own CPU with the garbage collector held (other work on
the machine, or a collection that happens to fall in the longer run, once made linear work look twelve
times as long).
"""

from __future__ import annotations

import gc
import time

import pytest

from analysis.framing.lexicon import load_lexicon
from analysis.framing.tables import count_phrases
from analysis.reading.layout import parse_document
from analysis.stance.extract import StanceExtractor
from analysis.text.syllables import syllabify

# Each once cost the square of its length somewhere: sentence ends, photo credits, statements.
UNITS = {
    "full stops": ".",
    "exclamations": "!?",
    "closing quotes": "”",
    "photo credits": "Ảnh: TTXVN ",
    "bare cues": "Thủ tướng nhấn mạnh ",
    "quotations": "“Hợp tác” ông Nguyễn Văn An nói, ",
    "attributions": "Theo ông Nguyễn Văn An, ",
    "names": "Nguyễn Văn An ",
    "semicolons": "Bộ trưởng cho biết hai bên nhất trí; ",
    "framing": "hữu nghị vĩ đại, đoàn kết đặc biệt ",
}
LEXICON = load_lexicon(None)


def _analyse(text: str) -> None:
    doc = parse_document("d", text)
    count_phrases(syllabify([doc]), LEXICON)
    StanceExtractor().extract([doc])


def _seconds(unit: str, size: int) -> float:
    text = "Tiêu đề\n\n" + unit * (size // len(unit)) + "\n"
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            _analyse(text)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


@pytest.mark.parametrize("unit", UNITS.values(), ids=UNITS.keys())
def test_a_paragraph_four_times_as_long_costs_about_four_times_as_much(unit):
    small, large = _seconds(unit, 20_000), _seconds(unit, 80_000)
    assert large < 9 * max(small, 0.01), (small, large)  # quadratic work would be 16 times
