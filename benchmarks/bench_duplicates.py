#!/usr/bin/env python3
"""Near-duplicates on VNTC: precision and recall of copy pairs against the threshold, and speed.

1. **Curve** (default): from 1,200 VNTC files evenly spaced over the sorted file list, 300
   articles (at least 150 syllables, no two of them near-duplicates of each other), one altered
   copy of each for every kind of edit in :data:`EDITS`, and 300 distractors: for each article
   the next usable file of the sample in the same section. The truth is every pair of
   documents made from the same article. For each threshold of :data:`THRESHOLDS`,
   ``NearDuplicates(threshold=t)`` is fitted on all of them and on each kind of edit alone,
   and every pair of documents in one cluster is a predicted pair: precision and recall, and
   the exact Jaccard similarity of each kind's copies to their article.
2. **Speed** (``--all``): ``python -m analysis duplicates --csv`` and ``corpus --csv`` on all
   33,759 files, each once to fill the cache, then each timed warm (``--repeat`` times,
   median): wall seconds and peak RSS of the process tree's largest process (``wait4``).
   Then the clusters VNTC itself holds, and a few of them.

    .venv/bin/python benchmarks/bench_duplicates.py          # the curve (about a minute)
    .venv/bin/python benchmarks/bench_duplicates.py --all    # the curve, then speed on all files

Skips with a message when ../shared/corpora/vntc-train.tar.gz is absent. Results go to
benchmarks/results/duplicates-curve.json and duplicates-all.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from itertools import combinations
from pathlib import Path

from bench_tokenise import extract  # this folder is on sys.path when the script runs

PROJECT = Path(__file__).resolve().parent.parent
TARBALL = PROJECT.parent / "shared" / "corpora" / "vntc-train.tar.gz"
RESULTS = PROJECT / "benchmarks" / "results"
THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 19)]
ARTICLES = 300
SAMPLE = 1_200  # files evenly spaced over VNTC, from which articles and distractors are chosen
SEED = 12

sys.path.insert(0, str(PROJECT))
import analysis  # noqa: E402,F401  (before numpy)
from analysis.copies.duplicates import NearDuplicates, compared_syllables  # noqa: E402
from analysis.reading.corpus import read_corpus  # noqa: E402

# ---------------------------------------------------------------- the edits a syndicated copy goes through

_NEW_STYLE = {
    "òa": "oà",
    "óa": "oá",
    "ỏa": "oả",
    "õa": "oã",
    "ọa": "oạ",
    "òe": "oè",
    "óe": "oé",
    "ỏe": "oẻ",
    "õe": "oẽ",
    "ọe": "oẹ",
    "ùy": "uỳ",
    "úy": "uý",
    "ủy": "uỷ",
    "ũy": "uỹ",
    "ụy": "uỵ",
}
_OLD_STYLE = re.compile("(?<![qQ])(" + "|".join(_NEW_STYLE) + r")(?!\w)")


def _body(text: str) -> tuple[str, list[str]]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return lines[0], lines[1:]


def _sentences(paragraph: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\"“])", paragraph)


def headline(text: str, rng: random.Random, other: str) -> str:
    return _body(other)[0] + "\n" + "\n".join(_body(text)[1])


def trimmed(text: str, rng: random.Random, other: str) -> str:
    """The last 30 % of the body's sentences cut."""
    title, paragraphs = _body(text)
    sentences = [s for p in paragraphs for s in _sentences(p)]
    return title + "\n" + " ".join(sentences[: max(1, round(0.7 * len(sentences)))])


def credit(text: str, rng: random.Random, other: str) -> str:
    return text.rstrip() + "\n(Theo TTXVN)\n"


def top_sentence(text: str, rng: random.Random, other: str) -> str:
    title, paragraphs = _body(text)
    return title + "\nSáng nay, nhiều cơ quan báo chí đã đồng loạt đưa tin về sự việc này.\n" + "\n".join(paragraphs)


def dropped_words(text: str, rng: random.Random, other: str) -> str:
    """One word in 20 of the body dropped."""
    title, paragraphs = _body(text)
    return title + "\n" + "\n".join(" ".join(w for w in p.split() if rng.random() >= 0.05) for p in paragraphs)


def rewrapped(text: str, rng: random.Random, other: str) -> str:
    """Paragraphs joined and split again after every other sentence."""
    title, paragraphs = _body(text)
    sentences = [s for p in paragraphs for s in _sentences(p)]
    return title + "\n\n" + "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))


def nfd(text: str, rng: random.Random, other: str) -> str:
    return unicodedata.normalize("NFD", text)


def old_tones(text: str, rng: random.Random, other: str) -> str:
    return _OLD_STYLE.sub(lambda m: _NEW_STYLE[m.group()], unicodedata.normalize("NFC", text))


def case(text: str, rng: random.Random, other: str) -> str:
    """The first body paragraph in capitals, and one word in ten of the rest."""
    title, paragraphs = _body(text)
    rest = [" ".join(w.upper() if rng.random() < 0.1 else w for w in p.split()) for p in paragraphs[1:]]
    return "\n".join([title, paragraphs[0].upper(), *rest])


def combined(text: str, rng: random.Random, other: str) -> str:
    """A new headline, the ending trimmed, a credit line and decomposed Unicode."""
    return nfd(credit(trimmed(headline(text, rng, other), rng, other), rng, other), rng, other)


EDITS = {
    f.__name__: f
    for f in (headline, trimmed, credit, top_sentence, dropped_words, rewrapped, nfd, old_tones, case, combined)
}


# ---------------------------------------------------------------- the set and the curve


def _read(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-16").replace("\r\n", "\n"))


def choose(folder: Path) -> tuple[list[Path], list[Path]]:
    """Articles and same-section distractors (the next long file of the section), none a near-duplicate
    of another."""
    files = sorted(p for p in folder.rglob("*.txt"))
    corpus = read_corpus(folder, cache_dir=None, jobs=2, folded=False)
    long = {d.doc_id for d in corpus if len(compared_syllables(d)) >= 150}
    near = {corpus.documents[i].doc_id for c in NearDuplicates(threshold=0.2, jobs=2).fit(corpus).clusters_ for i in c}
    usable = [
        p
        for p in files
        if (rel := p.relative_to(folder).as_posix()[:-4]) in long and rel not in near and len(_body(_read(p))[1]) > 1
    ]
    step = len(usable) / ARTICLES
    picks = [int(i * step) for i in range(ARTICLES)]
    articles = [usable[i] for i in picks]
    distractors = [
        usable[i + 1] if i + 1 < len(usable) and usable[i + 1].parent == usable[i].parent else usable[i - 1]
        for i in picks
    ]
    return articles, distractors


def build(articles: list[Path], distractors: list[Path], into: Path) -> dict[str, str]:
    """The test set as UTF-8 files under ``into``; the group (article) of every copy's doc_id."""
    rng = random.Random(SEED)
    group = {}
    for n, (path, other) in enumerate(zip(articles, distractors)):
        text, other_text = _read(path), _read(other)
        (into / f"a{n:03d}_orig.txt").write_text(text, encoding="utf-8")
        (into / f"a{n:03d}_zdistractor.txt").write_text(other_text, encoding="utf-8")
        group[f"a{n:03d}_orig"] = f"a{n:03d}"
        for name, edit in EDITS.items():
            (into / f"a{n:03d}_{name}.txt").write_text(edit(text, rng, other_text), encoding="utf-8")
            group[f"a{n:03d}_{name}"] = f"a{n:03d}"
    return group


def _pairs(clusters: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for c in clusters for p in combinations(c, 2)}


def _score(corpus, docs: list, group: dict[str, str], threshold: float, cache: Path) -> dict:
    """Precision and recall of the pairs of ``docs`` (documents of ``corpus``) clustered at ``threshold``."""
    ids = [d.doc_id for d in docs]
    truth = _pairs([[d for d in ids if group.get(d) == g] for g in sorted(set(group.values()))])
    fitted = NearDuplicates(threshold=threshold, cache_dir=cache, jobs=2).fit(docs)
    found = _pairs([[ids[i] for i in c] for c in fitted.clusters_])
    hit = found & truth
    return {
        "predicted": len(found),
        "true": len(truth),
        "found": len(hit),
        "precision": round(len(hit) / len(found), 4) if found else 1.0,
        "recall": round(len(hit) / len(truth), 4),
        "candidates": fitted.candidates_,
        "false_pairs": sorted(found - truth)[:10],
        "missed_pairs": sorted(truth - found)[:10],
    }


def curve(folder: Path, group: dict[str, str], cache: Path) -> dict:
    """Per threshold: all copies together, and each kind of edit alone (articles, distractors and that
    kind's copies only: every copy must then be found directly, not through another copy)."""
    corpus = read_corpus(folder, cache_dir=cache, jobs=2, folded=False)
    base = [d for d in corpus if d.doc_id.endswith(("_orig", "_zdistractor"))]
    rows = []
    for t in THRESHOLDS:
        row = {
            "threshold": t,
            "all": _score(corpus, list(corpus), group, t, cache),
            "by_edit": {
                k: _score(corpus, base + [d for d in corpus if d.doc_id.endswith("_" + k)], group, t, cache)
                for k in EDITS
            },
        }
        rows.append(row)
        worst = min(row["by_edit"], key=lambda k: (row["by_edit"][k]["recall"], row["by_edit"][k]["precision"]))
        print(
            f"J >= {t:.2f}: all copies: precision {row['all']['precision']:.4f} recall {row['all']['recall']:.4f} "
            f"({row['all']['predicted'] - row['all']['found']} false pairs); each edit alone: lowest recall "
            f"{row['by_edit'][worst]['recall']:.4f} ({worst}), lowest precision "
            f"{min(r['precision'] for r in row['by_edit'].values()):.4f}",
            flush=True,
        )
    return {"rows": rows, "jaccard_by_edit": _jaccards(corpus)}


def _jaccards(corpus) -> dict:
    """Exact Jaccard of each kind's copies (and of the distractor) to their article: min, median, max."""
    from analysis.copies.duplicates import shingles

    sets = {d.doc_id: set(shingles(compared_syllables(d))) for d in corpus}
    out = {}
    for kind in [*EDITS, "zdistractor"]:
        values = [
            len(sets[f"a{n:03d}_orig"] & sets[f"a{n:03d}_{kind}"])
            / len(sets[f"a{n:03d}_orig"] | sets[f"a{n:03d}_{kind}"])
            for n in range(ARTICLES)
        ]
        out[kind] = {
            "min": round(min(values), 4),
            "median": round(statistics.median(values), 4),
            "max": round(max(values), 4),
        }
        print(
            f"  {kind:14s} Jaccard to its article: min {out[kind]['min']:.3f} median {out[kind]['median']:.3f} "
            f"max {out[kind]['max']:.3f}"
        )
    return out


# ---------------------------------------------------------------- speed on all of VNTC


def timed(argv: list[str], env: dict) -> dict:
    """Wall seconds and peak RSS (largest process, MB) of one command, its output discarded."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(argv, cwd=PROJECT, env=env, stdout=null, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(argv)} failed with status {status}")
    return {"seconds": round(time.perf_counter() - start, 3), "max_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def speed(folder: Path, cache: Path, repeat: int) -> dict:
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache)}
    commands = {
        name: [sys.executable, "-m", "analysis", name, "--csv", "--corpus", str(folder)]
        for name in ("corpus", "duplicates")
    }
    cold = {name: timed(argv, env) for name, argv in commands.items()}
    warm = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            warm[name].append(timed(argv, env))
    out = {
        "cold": cold,
        "warm": {
            name: {
                "seconds": statistics.median(r["seconds"] for r in runs),
                "max_rss_mb": max(r["max_rss_mb"] for r in runs),
                "runs": runs,
            }
            for name, runs in warm.items()
        },
    }
    out["ratio"] = round(out["warm"]["duplicates"]["seconds"] / out["warm"]["corpus"]["seconds"], 3)
    corpus, duplicates = out["warm"]["corpus"], out["warm"]["duplicates"]
    print(
        f"warm: corpus {corpus['seconds']:.2f} s, duplicates {duplicates['seconds']:.2f} s (ratio {out['ratio']:.2f}, "
        f"target <= 1.5); duplicates peak RSS {duplicates['max_rss_mb']:.0f} MB"
    )
    return out


def vntc_clusters(folder: Path, cache: Path) -> dict:
    corpus = read_corpus(folder, cache_dir=cache, jobs=2, folded=False)
    fitted = NearDuplicates(cache_dir=cache, jobs=2).fit(corpus)
    sizes = [len(c) for c in fitted.clusters_]
    docs = corpus.documents
    sections = sum(1 for c in fitted.clusters_ if len({docs[i].doc_id.split("/")[1] for i in c}) > 1)
    outlets = sum(1 for c in fitted.clusters_ if len({docs[i].doc_id.split("/")[-1].split("_")[1] for i in c}) > 1)
    examples = [
        {
            "documents": [docs[i].doc_id for i in c],
            "title": docs[c[0]].title,
            "similarity": [round(fitted.similarity(i, c[0]), 4) for i in c],
        }
        for c in sorted(fitted.clusters_, key=len, reverse=True)[:5]
    ]
    result = {
        "documents": len(docs),
        "clusters": len(sizes),
        "in_clusters": sum(sizes),
        "copies": sum(sizes) - len(sizes),
        "largest": max(sizes, default=0),
        "across_sections": sections,
        "across_outlets": outlets,
        "size_counts": {str(k): sizes.count(k) for k in sorted(set(sizes))},
        "examples": examples,
    }
    print(json.dumps({k: v for k, v in result.items() if k != "examples"}, ensure_ascii=False))
    for e in examples:
        print(f"  {len(e['documents'])} documents: {e['title'][:70]!r}: {', '.join(e['documents'][:4])}")
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="also time duplicates vs corpus on all 33,759 files")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs of each command with --all (median)")
    parser.add_argument("--tarball", type=Path, default=TARBALL)
    args = parser.parse_args(argv)
    if not args.tarball.is_file():
        print(f"skipped: {args.tarball} not found (see ../shared/corpora/README.md)")
        return 0
    RESULTS.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench_duplicates_"))
    try:
        extract(args.tarball, work / "sample", SAMPLE)
        articles, distractors = choose(work / "sample")
        (work / "set").mkdir()
        group = build(articles, distractors, work / "set")
        result = {
            "articles": ARTICLES,
            "edits": list(EDITS),
            "documents": len(group) + ARTICLES,
            **curve(work / "set", group, work / "cache-set"),
        }
        (RESULTS / "duplicates-curve.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
        if args.all:
            folder = work / "vntc"
            extract(args.tarball, folder, None)
            result = {
                "speed": speed(folder, work / "cache-all", args.repeat),
                "vntc": vntc_clusters(folder, work / "cache-all"),
            }
            (RESULTS / "duplicates-all.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
