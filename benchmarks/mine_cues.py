"""Reporting verbs of real news, counted: the source of the cue lexicon (analysis/data/stance_cues.toml).

Reads the political ("Chinh tri Xa hoi") and world ("The gioi") sections of the VNTC training set
from ../shared/corpora/vntc-train.tar.gz (never copied into the project), and counts the verb
phrases (one to three lower-case syllables) that stand

* before ``rằng`` (``X cho rằng``, ``X tuyên bố rằng``),
* before a colon followed by a quotation (``X bức xúc: “...”``), or
* after a quotation and its speaker, at the end of the sentence (``“...”, ông X nói.``),

with a capitalised word (a name, a title, a body) among the six tokens before the phrase. It prints
``phrase,count,pattern,stance`` for the most frequent phrases, ``stance`` being the class the lexicon
gives (empty when the phrase is not a cue): an analyst reads the list, keeps the reporting verbs and
maps each to the nearest of the ten classes (README, "Cue lexicon"). Held-out gold articles are
left out (tests/data/vntc_stance_sample.csv, half=heldout).

    .venv/bin/python benchmarks/mine_cues.py --top 150 > /tmp/cues.csv
    .venv/bin/python benchmarks/mine_cues.py --sections "Phap luat" "Doi song" --new --top 150
"""

from __future__ import annotations

import argparse
import csv
import sys
import tarfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.reading.corpus import decode  # noqa: E402
from analysis.stance.extract import _load_cues  # noqa: E402
from analysis.text.vietnamese import fold, normalize, tokens  # noqa: E402

TARBALL = ROOT.parent / "shared" / "corpora" / "vntc-train.tar.gz"
SECTIONS = ("Train_Full/Chinh tri Xa hoi/", "Train_Full/The gioi/")
SAMPLE = ROOT / "tests" / "data" / "vntc_stance_sample.csv"
OPEN = '“"«'


def phrases(text: str):
    """``(phrase, pattern)`` for every verb phrase before ``rằng``, before ``: “`` or after a quotation."""
    toks = tokens(normalize(text))
    words = [text[t.start : t.end] for t in toks]
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if fold(w) == "rằng":
            pattern = "rằng"
        elif w == ":" and nxt[:1] in OPEN:
            pattern = "colon-quote"
        elif w == "." and i >= 2 and any(x in '”"' for x in words[max(0, i - 12) : i - 2]):
            pattern = "after-quote"
        else:
            continue
        for n in (3, 2, 1):
            verb = words[max(0, i - n) : i]
            if (
                len(verb) == n
                and all(v[:1].islower() and v.isalpha() for v in verb)
                and any(v[:1].isupper() for v in words[max(0, i - n - 6) : i - n])
            ):
                yield fold(" ".join(verb)), pattern


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=100, help="phrases to print (default 100)")
    parser.add_argument(
        "--sections",
        nargs="+",
        default=[s.split("/")[1] for s in SECTIONS],
        help="VNTC sections to read (default: 'Chinh tri Xa hoi' 'The gioi'; also 'Phap luat', 'Doi song' ...)",
    )
    parser.add_argument("--new", action="store_true", help="print only the phrases that are not cues yet")
    args = parser.parse_args(argv)
    sections = tuple(f"Train_Full/{name}/" for name in args.sections)
    if not TARBALL.is_file():
        print(f"skipped: VNTC not found at {TARBALL}")
        return 0
    with SAMPLE.open(encoding="utf-8") as f:
        held_out = {f"Train_Full/{r['doc_id']}.txt" for r in csv.DictReader(f) if r["half"] == "heldout"}
    counts: Counter = Counter()
    with tarfile.open(TARBALL) as tar:
        for member in tar:
            if member.isfile() and member.name.startswith(sections) and member.name not in held_out:
                text = decode(tar.extractfile(member).read(), member.name)
                counts.update(phrases(text))
    cues = {" ".join(k): v for k, v in {**_load_cues(kind="introducing"), **_load_cues()}.items()}
    if args.new:
        counts = Counter({key: n for key, n in counts.items() if key[0] not in cues})
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["phrase", "count", "pattern", "stance"])
    for (phrase, pattern), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: args.top]:
        out.writerow([phrase, count, pattern, cues.get(phrase, "")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
