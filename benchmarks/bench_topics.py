"""Topic-model quality on VNTC: NMI between each document's dominant topic and its folder, c_v coherence,
time and peak memory, for the default pipeline and a plain baseline.

    python benchmarks/bench_topics.py                 # all 33,759 files, k = 10, seeds 1 2 3
    python benchmarks/bench_topics.py --sample 2000   # an evenly spaced sample

Skips with a message when ../shared/corpora/vntc-train.tar.gz is absent. Results go to
benchmarks/results/topics-<n>.json. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import tarfile
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TARBALL = PROJECT.parent / "shared" / "corpora" / "vntc-train.tar.gz"


def extract(tarball: Path, sample: int | None, into: Path) -> int:
    with tarfile.open(tarball) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")]
        if sample:
            ordered = sorted(members, key=lambda m: m.name)
            step = len(ordered) / sample
            chosen = {ordered[int(i * step)].name for i in range(sample)}
            members = [m for m in members if m.name in chosen]
        tar.extractall(into, members=members, filter="data")  # in archive order: a gzip stream only reads forward
    return len(members)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tarball", type=Path, default=TARBALL)
    parser.add_argument("--sample", type=int, default=None, help="evenly spaced sample of N files (default: all)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain-LDA baseline")
    parser.add_argument("--passes", default="auto", help='passes of each fit (default "auto", as the suite)')
    args = parser.parse_args()
    if not args.tarball.is_file():
        print(f"skipped: {args.tarball} not found (the VNTC corpus lives in ../shared/corpora/)")
        return 0

    from gensim.corpora import Dictionary
    from gensim.models import LdaModel
    from sklearn.metrics import normalized_mutual_info_score

    import analysis  # noqa: F401  (first: it settles numpy's numeric routines)
    from analysis.session import Session
    from analysis.topics.keyterms import document_terms
    from analysis.topics.models import TopicModel, modelling_units

    work = Path(tempfile.mkdtemp(prefix="vntc-topics-"))
    try:
        n = extract(args.tarball, args.sample, work)
        corpus_dir = next(work.iterdir())
        result = {
            "files": n,
            "k": args.k,
            "passes": args.passes,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "date": time.strftime("%Y-%m-%d"),
        }
        start = time.perf_counter()
        session = Session(corpus_dir, cache_dir=work / "cache")
        tokenised = session.tokenised(pos=True)
        result["tokenise_seconds"] = round(time.perf_counter() - start, 1)
        print(f"read and tokenised {n} files in {result['tokenise_seconds']} s", flush=True)

        units = modelling_units(list(session.corpus), tokenised)
        folders = [u.doc_id.split("/")[0] for u in units]
        runs = []
        for seed in args.seeds:
            start = time.perf_counter()
            passes = args.passes if args.passes == "auto" else int(args.passes)
            model = TopicModel(args.k, random_state=seed, passes=passes).fit([u.terms for u in units])
            fit = time.perf_counter() - start
            dominant = model.transform([u.terms for u in units]).argmax(axis=1)
            runs.append(
                {
                    "seed": seed,
                    "nmi": round(normalized_mutual_info_score(folders, dominant), 4),
                    "c_v": round(model.coherence("c_v"), 4),
                    "fit_seconds": round(fit, 1),
                    "vocabulary": len(model.dictionary_),
                }
            )
            print("default pipeline", runs[-1], flush=True)
        result["default"] = runs
        if not args.no_baseline:
            texts = [document_terms(d) for d in tokenised]  # pyvi words minus stopwords, no part-of-speech filter
            dictionary = Dictionary(texts)
            bows = [dictionary.doc2bow(t) for t in texts]
            start = time.perf_counter()
            lda = LdaModel(bows, id2word=dictionary, num_topics=args.k, random_state=args.seeds[0])
            dominant = [max(lda.get_document_topics(b, minimum_probability=0), key=lambda p: p[1])[0] for b in bows]
            labels = [d.doc_id.split("/")[0] for d in tokenised]
            result["plain_baseline"] = {
                "nmi": round(normalized_mutual_info_score(labels, dominant), 4),
                "fit_seconds": round(time.perf_counter() - start, 1),
            }
            print("plain gensim LDA", result["plain_baseline"], flush=True)
        result["peak_memory_mb"] = round(peak_mb(), 1)
        out = PROJECT / "benchmarks" / "results" / f"topics-{n}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps(result, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
