"""``python -m analysis``: the command line of ``CONTRACT.md``. It only reads options and formats tables."""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import signal
import sys
import tempfile
import threading
import warnings
from contextlib import contextmanager
from pathlib import Path

from . import config
from .errors import InputError, ParameterError

__all__ = ["main"]

MAX_WARNINGS = 20


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, as the contract asks
        self.exit(2, f"error: {self.prog}: {message} (see --help)\n")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("common options")
    group.add_argument(
        "--corpus",
        type=Path,
        default=config.SEEDS,
        help="folder of .txt files, or a .csv/.jsonl/.jsonl.gz table (default: seeds/)",
    )
    group.add_argument("--csv", action="store_true", help="write CSV to stdout instead of a readable table")
    group.add_argument(
        "--cache-dir", type=Path, default=None, help="cache of tokenised text (default: $ANALYSIS_CACHE_DIR or .cache/)"
    )
    group.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    group.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        help="worker processes (default and most: the cores this process may use)",
    )
    group.add_argument("--encoding", default=None, help="read .txt files in this encoding (e.g. cp1258)")
    group.add_argument("--skip-bad", action="store_true", help="skip unreadable files with a warning")
    group.add_argument("--keep-captions", action="store_true", help="keep photo captions in the analysis")
    group.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run the per-document work on a Dask cluster: tcp://host:8786, or 'local' for one on this "
        "machine (default: $ANALYSIS_SCHEDULER, else processes here); outputs are the same",
    )
    group.add_argument(
        "--store",
        default=None,
        metavar="URL",
        help="with --scheduler: where the cluster keeps its Parquet store, a folder or an fsspec URL that "
        "the client and the workers share (default: $ANALYSIS_STORE, else <cache-dir>/store)",
    )
    group.add_argument(
        "--dedup",
        action="store_true",
        help="analyse one document per cluster of near-duplicates, the earliest among the selected "
        "documents (see duplicates)",
    )
    group.add_argument(
        "--from",
        dest="date_from",
        default=None,
        metavar="DATE",
        help="only documents dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY); undated ones are left out",
    )
    group.add_argument(
        "--to",
        dest="date_to",
        default=None,
        metavar="DATE",
        help="only documents dated on or before DATE (YYYY-MM-DD, or the last day of YYYY-MM, YYYY)",
    )
    group.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COLUMN=VALUE",
        help="only documents whose COLUMN (source, title or a metadata.csv column) is VALUE; "
        "repeatable: every column must match, one of the values of a repeated column",
    )
    group.add_argument(
        "--bom",
        action="store_true",
        help="with --csv, begin the CSV with a UTF-8 byte-order mark (Excel then reads Vietnamese)",
    )
    return common


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return number


def _natural(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, not {value!r}")
    return int(value)


def _seed(value: str) -> int:
    if not value.isdigit() or int(value) >= 2**32:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 4294967295, not {value!r}")
    return int(value)


def _jaccard(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"expected a Jaccard similarity J with 0 < J <= 1, not {value!r}")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analysis", description="Topic and stance analytics for Vietnamese news.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    common = _common()
    sub.add_parser(
        "corpus",
        parents=[common],
        help="one row per document",
        description="One row per document: doc_id,date,date_source,title,source,"
        "n_sentences,n_syllables,n_words,n_captions.",
    )
    phrases = sub.add_parser(
        "phrases",
        parents=[common],
        help="count framing phrases per document",
        description="One row per (document, phrase), zeros included: doc_id,date,phrase,count,"
        "per_10k, then group,gloss,n_syllables.",
    )
    phrases.add_argument("--lexicon", type=Path, default=None, help="a .txt (one phrase a line) or TOML lexicon")
    phrases.add_argument(
        "--period",
        choices=["D", "M", "Q", "Y"],
        default=None,
        help="instead, totals per day, month, quarter or year: period,phrase,count,n_syllables,per_10k,documents",
    )
    kwic = sub.add_parser(
        "kwic",
        parents=[common],
        help="every match of a phrase in context",
        description="One row per match: doc_id,date,sentence_id,left,match,right, then sentence.",
    )
    kwic.add_argument("phrase", help="the phrase, matched on folded syllables")
    kwic.add_argument("--window", type=_natural, default=8, help="syllables of context each side (default 8)")
    discover = sub.add_parser(
        "discover",
        parents=[common],
        help="recurring sequences that may be new formulas",
        description="Candidate formulas: ngram,n_syllables,count,documents,npmi,first_date,"
        "first_doc,in_lexicon, then sources,periods,score; ranked by score, "
        "npmi x S/(S+1) x P/(P+1) for S sources and P months. Proper names, "
        "credits, URLs, word fragments and what one source alone repeats are "
        "left out.",
    )
    discover.add_argument("--lexicon", type=Path, default=None, help="mark candidates already in this lexicon")
    discover.add_argument("--top", type=_positive, default=50, help="rows to show (default 50)")
    discover.add_argument("--min-docs", type=_positive, default=2, help="documents a candidate must occur in")
    discover.add_argument("--min-count", type=_positive, default=2, help="occurrences a candidate needs")
    discover.add_argument("--max-n", type=_positive, default=6, help="longest candidate, in syllables (default 6)")
    discover.add_argument(
        "--min-sources",
        type=_positive,
        default=2,
        help="sources a candidate must occur in, when the corpus has that many (default 2; a "
        "document without a source is a source of its own)",
    )
    keyterms = sub.add_parser(
        "keyterms",
        parents=[common],
        help="TF-IDF key terms, or keyness between two groups",
        description="TF-IDF key terms per document: doc_id,rank,term,score. With --split or "
        "--by/--value, keyness between two groups instead: term,count_a,count_b,"
        "per_10k_a,per_10k_b,g2,log_ratio,key_for.",
    )
    keyterms.add_argument("--top", type=_positive, default=10, help="terms per document (default 10)")
    keyterms.add_argument("--split", default=None, metavar="YYYY-MM-DD", help="keyness: before this date vs from it")
    keyterms.add_argument("--by", default=None, metavar="COLUMN", help="keyness: documents whose COLUMN ...")
    keyterms.add_argument("--value", default=None, help="... has this value, against the rest")
    keyterms.add_argument("--phrases", action="store_true", help="keyness of lexicon phrases instead of words")
    keyterms.add_argument("--lexicon", type=Path, default=None, help="lexicon for --phrases")
    topics = sub.add_parser(
        "topics",
        parents=[common],
        help="LDA topic model",
        description="Topic-term table topic_id,rank,term,weight (then lift); with --doc-topics, "
        "doc_id,topic_id,weight; with --select-k, the coherence and stability of "
        "each k.",
    )
    topics.add_argument("--k", type=int, default=None, help="number of topics (default: chosen by --select-k's rule)")
    topics.add_argument("--seed", type=_seed, default=config.RANDOM_STATE, help="random seed")
    topics.add_argument("--doc-topics", action="store_true", help="document-topic weights instead of terms")
    topics.add_argument("--select-k", action="store_true", help="coherence (c_v, c_npmi) and stability for k = 2..8")
    topics.add_argument("--top", type=_positive, default=10, help="terms per topic (default 10)")
    topics.add_argument(
        "--unit",
        choices=["auto", "paragraph", "document"],
        default="auto",
        help="modelling units (default: paragraphs below 200 documents, else documents)",
    )
    stance = sub.add_parser(
        "stance",
        parents=[common],
        help="attributed statements: who says what, how",
        description="One row per attributed statement: doc_id,date,sentence_id,actor,cue,stance,"
        "content, then actor_country,actor_role,tone_positive,tone_difficulty,tone.",
    )
    stance.add_argument("--actors", type=Path, default=None, help="a TOML file of more actors (see README)")
    stance.add_argument(
        "--gold",
        type=Path,
        default=None,
        metavar="FILE",
        help="agreement with a hand-annotated gold CSV (doc_id,actor,stance and sentence_id or "
        "sentence_text): stance,gold,extracted,matched,precision,recall per class and all",
    )
    stance.add_argument("--misses", action="store_true", help="with --gold: the missed and spurious rows instead")
    stance.add_argument(
        "--sample",
        type=Path,
        default=None,
        metavar="FILE",
        help="with --gold: a CSV whose doc_id column lists the documents in scope (default: all)",
    )
    duplicates = sub.add_parser(
        "duplicates",
        parents=[common],
        help="clusters of near-duplicate documents (syndicated copies)",
        description="One row per document that has a near-duplicate: cluster_id,doc_id,date,source,similarity. "
        "cluster_id is the doc_id of the cluster's earliest document (by date, then doc_id); "
        "similarity the Jaccard similarity to it, estimated from MinHash signatures of 5-syllable "
        "shingles of the folded body text (title, captions, bylines and credit lines left out).",
    )
    duplicates.add_argument(
        "--threshold",
        type=_jaccard,
        default=config.DUPLICATE_THRESHOLD,
        metavar="J",
        help=f"smallest Jaccard similarity of two documents' shingle sets for them to be copies "
        f"(default {config.DUPLICATE_THRESHOLD}: the highest at which every altered copy of a "
        f"set built from VNTC is found, with no false pair; see benchmarks/README.md)",
    )
    figures = sub.add_parser(
        "figures",
        parents=[common],
        help="regenerate every figure",
        description="Regenerate every figure: <id>.png/.svg/.csv, manifest.json, README.md.",
    )
    figures.add_argument("--out", type=Path, default=config.FIGURES, help="output folder (default: figures/)")
    return parser


#: The flag of each Python parameter that a :class:`~analysis.errors.ParameterError` can name.
_FLAGS = {
    "date_from": "--from",
    "date_to": "--to",
    "where": "--where",
    "selection": "--from/--to/--where",
    "k": "--k",
    "split": "--split",
    "by": "--by",
    "value": "--value",
    "random_state": "--seed",
    "threshold": "--threshold",
    "jobs": "--jobs",
    "scheduler": "--scheduler",
    "store": "--store",
}
_FLAG_WORDS = [(f"`{name}`", flag) for name, flag in _FLAGS.items()]


def _as_flags(error: ParameterError) -> InputError:
    """``error`` as the command line says it: its flags for the Python parameters it names."""
    message = error.message
    for word, flag in _FLAG_WORDS:
        message = message.replace(word, flag)
    flag = _FLAGS.get(error.parameter, error.parameter)
    return InputError(flag if error.value is None else f"{flag} {error.value}", message)


def _session(args: argparse.Namespace):
    from .session import Session

    if args.bom and not args.csv:
        raise InputError("--bom", "only with --csv")
    where: dict[str, list[str]] = {}
    for condition in args.where:
        column, equals, value = condition.partition("=")
        if not equals or not column.strip():
            raise InputError("--where", f"expected COLUMN=VALUE, not {condition!r}")
        where.setdefault(column.strip(), []).append(value)
    cache = None if args.no_cache else (args.cache_dir or config.cache_dir())
    matches_phrases = args.command in ("phrases", "kwic", "discover", "figures") or getattr(args, "phrases", False)
    return Session(
        args.corpus,
        encoding=args.encoding,
        skip_bad=args.skip_bad,
        cache_dir=cache,
        jobs=args.jobs,
        keep_captions=args.keep_captions,
        folded=matches_phrases,
        dedup=args.dedup and args.command != "duplicates",
        date_from=args.date_from,
        date_to=args.date_to,
        where=where,
        scheduler=args.scheduler,
        store=args.store,
    )


def _warn(session) -> None:
    undated = [d.path or d.doc_id for d in session.corpus if d.date is None]
    _warn_about(session.corpus.skipped, undated, len(undated), len(session.corpus))


def _warn_about(skipped, undated: list[str], n_undated: int, n_documents: int) -> None:
    """The warnings about a corpus read: files skipped, then documents without a date (the first
    :data:`MAX_WARNINGS` of ``undated`` named)."""
    for skip in skipped:
        print(f"warning: {skip.path}: {skip.reason}", file=sys.stderr)
    for path in undated[:MAX_WARNINGS]:
        print(f"warning: {path}: no date found", file=sys.stderr)
    if n_undated > MAX_WARNINGS:
        print(f"warning: {n_undated - MAX_WARNINGS} more documents have no date", file=sys.stderr)
    if n_undated:
        print(f"warning: {n_undated} of {n_documents} documents have no date (date_source unknown)", file=sys.stderr)


def _streams(args: argparse.Namespace) -> bool:
    """Whether the command runs on a cluster without the documents in this process: ``corpus``,
    ``kwic``, ``phrases``, ``stance``, ``keyterms`` and (with a cache) ``duplicates`` and ``topics`` of a corpus
    folder, with no selection, ``--dedup`` or ``--gold``."""
    return (
        bool(args.scheduler or os.environ.get("ANALYSIS_SCHEDULER"))
        and args.command in STREAMED
        and (args.command not in ("duplicates", "topics") or not args.no_cache)  # read back from the store
        and not (args.dedup or args.date_from or args.date_to or args.where or getattr(args, "gold", None))
        and args.corpus.is_dir()
    )


def _streamed(args: argparse.Namespace):
    """The corpus of a command that :func:`_streams`: read on the cluster, a partition at a time."""
    from .runtime.store import cluster_store
    from .runtime.workers import Cluster
    from .streamed import StreamedCorpus

    if args.bom and not args.csv:
        raise InputError("--bom", "only with --csv")
    scheduler = args.scheduler or os.environ["ANALYSIS_SCHEDULER"]
    cache = None if args.no_cache else (args.cache_dir or config.cache_dir())
    cluster = Cluster(scheduler, args.jobs, cluster_store(args.store, scheduler, args.corpus, cached=cache is not None))
    return StreamedCorpus(
        args.corpus,
        cluster,
        cache_dir=cache,
        encoding=args.encoding,
        skip_bad=args.skip_bad,
    )


def _warn_streamed(corpus) -> None:
    """Once every partition of a streamed corpus is done: the error of a corpus with no document read,
    or the warnings, as :func:`_warn` gives them."""
    summaries = corpus.summaries
    if not corpus.documents():
        skipped = corpus.skipped()
        reasons = sorted({s.reason for s in skipped})
        raise InputError(str(corpus.root), f"no readable document: {len(skipped)} skipped ({'; '.join(reasons)[:200]})")
    undated = [path for s in summaries for path in s.undated][:MAX_WARNINGS]
    _warn_about(corpus.skipped(), undated, sum(s.n_undated for s in summaries), corpus.documents())


def _streamed_out(corpus, args: argparse.Namespace, write, *, warn: bool = True) -> None:
    """A streamed command's output: with ``--csv``, ``write(file, rows, first)`` for each partition's rows
    into a temporary file as they come, then (every partition done) the warnings (unless a first pass
    gave them), then the file to standard output, so that a partition that fails leaves it empty, as
    without a cluster; else the table of all rows, printed."""
    if not args.csv:
        frames = list(corpus.frames())
        if warn:
            _warn_streamed(corpus)
        _emit(_concat(frames), args)
        return
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
        for i, rows in enumerate(corpus.frames()):
            write(spool, rows, i == 0)
        if warn:
            _warn_streamed(corpus)
        spool.seek(0)
        shutil.copyfileobj(spool, _csv_out(args))


def _csv_out(args: argparse.Namespace):
    """Standard output for a CSV, opened by a UTF-8 byte-order mark with ``--bom``."""
    if args.bom:
        sys.stdout.write("\ufeff")
    return sys.stdout


def _emit(table, args: argparse.Namespace) -> None:
    if args.csv:
        table.to_csv(_csv_out(args), index=False, lineterminator="\n")
    else:
        import pandas as pd

        with pd.option_context("display.max_colwidth", 48, "display.width", 200, "display.max_rows", 200):
            print(table.to_string(index=False, max_colwidth=48) if len(table) else "(no rows)")


def _corpus(session, args: argparse.Namespace) -> None:
    from .overview.tables import corpus_table

    _emit(corpus_table(session), args)


def _corpus_streamed(corpus, args: argparse.Namespace) -> None:
    from .streamed import corpus_work
    from .text.tokenise import VERSION

    corpus.run(corpus_work(keep_captions=args.keep_captions, tokens=corpus.store("tokens", VERSION)))
    _streamed_out(corpus, args, _write_rows)


def _write_rows(out, rows, first: bool) -> None:
    """A partition's rows of a streamed table, as CSV (the header with the first)."""
    rows.to_csv(out, index=False, header=first, lineterminator="\n")


def _phrases(session, args: argparse.Namespace) -> None:
    from .framing.lexicon import load_lexicon
    from .framing.phrases import write_phrase_csv

    docs, lexicon = session.syllabified(), load_lexicon(args.lexicon)
    if args.csv and not args.period:  # streamed, without pandas: a row per document and phrase adds up
        write_phrase_csv(docs, lexicon, _csv_out(args))
        return
    from .framing.tables import count_phrases, phrase_totals

    counts = count_phrases(docs, lexicon)
    _emit(phrase_totals(counts, period=args.period) if args.period else counts, args)


def _phrases_streamed(corpus, args: argparse.Namespace) -> None:
    from .framing.lexicon import load_lexicon
    from .framing.phrases import write_count_csv
    from .framing.tables import combine_totals
    from .streamed import phrase_work

    lexicon = load_lexicon(args.lexicon)
    corpus.run(phrase_work(lexicon, keep_captions=args.keep_captions, period=args.period))
    if args.period:
        total = corpus.total()
        _warn_streamed(corpus)
        _emit(combine_totals([total]), args)
        return

    def write(out, rows, first: bool) -> None:
        write_count_csv(_per_document(rows, len(lexicon)), lexicon, out, header=first)

    _streamed_out(corpus, args, write)


def _per_document(rows, n_phrases: int):
    """``(doc_id, date, n_syllables, counts)`` of each document of a phrase table (its phrases in a row)."""
    ids, dates, sizes, counts = (rows[c].tolist() for c in ("doc_id", "date", "n_syllables", "count"))
    for start in range(0, len(ids), n_phrases):
        yield ids[start], dates[start], sizes[start], counts[start : start + n_phrases]


def _concat(frames):
    import pandas as pd

    return pd.concat(list(frames), ignore_index=True)


def _kwic(session, args: argparse.Namespace) -> None:
    from .framing.tables import kwic
    from .text.vietnamese import syllables

    if not syllables(args.phrase):
        raise InputError(repr(args.phrase), "the phrase has no syllable to match")
    _emit(kwic(session.syllabified(), args.phrase, window=args.window), args)


def _kwic_streamed(corpus, args: argparse.Namespace) -> None:
    from .streamed import kwic_work
    from .text.vietnamese import syllables

    if not syllables(args.phrase):
        raise InputError(repr(args.phrase), "the phrase has no syllable to match")
    corpus.run(kwic_work(args.phrase, window=args.window, keep_captions=args.keep_captions))
    _streamed_out(corpus, args, _write_rows)


def _discover(session, args: argparse.Namespace) -> None:
    from .framing.lexicon import load_lexicon
    from .framing.tables import discover

    _emit(
        discover(
            session.syllabified(),
            lexicon=load_lexicon(args.lexicon),
            top=args.top,
            min_docs=args.min_docs,
            min_count=args.min_count,
            min_sources=args.min_sources,
            max_n=max(args.max_n, 2),
        ),
        args,
    )


def _keyterms(session, args: argparse.Namespace) -> None:
    from .topics import keyterms as kt

    terms, doc_ids = kt.content_terms(session)
    if args.split is None and args.by is None:
        if not any(terms):
            raise InputError(str(args.corpus), "no terms left after removing stopwords")
        _emit(kt.KeyTerms().fit(terms, doc_ids).top_terms(args.top), args)
        return
    groups = {"split": args.split, "by": args.by, "value": args.value}
    kt.two_groups(list(session.corpus), **groups)  # a bad split or group fails before anything is counted
    if args.phrases:
        from .framing.lexicon import load_lexicon
        from .framing.tables import count_phrases

        counts = count_phrases(session.syllabified(), load_lexicon(args.lexicon))
        table = kt.phrase_keyness(counts, list(session.corpus), **groups)
    else:
        table = kt.keyness_between(terms, list(session.corpus), **groups)
    _emit(table, args)


def _keyterms_streamed(corpus, args: argparse.Namespace) -> None:
    """``keyterms`` on a cluster, in two passes over the partitions: the terms' document frequencies,
    added up on the workers, then each document's top terms weighed there with the IDF they give
    (only the vocabulary and its IDF go out, and the top terms come back)."""
    from .streamed import frequency_work, term_work, top_terms_work
    from .text.tokenise import VERSION
    from .topics import keyterms as kt

    if args.split is not None or args.by is not None:
        _keyness_streamed(corpus, args)
        return
    base = term_work(keep_captions=args.keep_captions, tokens=corpus.store("tokens", VERSION))
    corpus.run(frequency_work(base), again=True)
    total = corpus.total()
    _warn_streamed(corpus)
    if not total.counts:
        raise InputError(str(args.corpus), "no terms left after removing stopwords")
    fitted = kt.KeyTerms().fit_frequencies(total.counts, total.documents)
    corpus.run(top_terms_work(base, top=args.top), shared=fitted)
    _streamed_out(corpus, args, _write_rows, warn=False)  # the first pass gave the warnings


def _keyness_streamed(corpus, args: argparse.Namespace) -> None:
    """``keyterms --split/--by`` on a cluster: each partition's words (or phrases) counted per group on
    the workers and added up there; only the two groups' totals come back."""
    from .streamed import keyness_work, phrase_work, term_work
    from .text.tokenise import VERSION
    from .topics import keyterms as kt

    groups = {"split": args.split, "by": args.by, "value": args.value}
    _, labels = kt.two_groups([], strict=False, **groups)  # a bad split or group fails before anything is counted
    if args.phrases:
        from .framing.lexicon import load_lexicon

        base = phrase_work(load_lexicon(args.lexicon), keep_captions=args.keep_captions)
    else:
        base = term_work(keep_captions=args.keep_captions, tokens=corpus.store("tokens", VERSION))
    corpus.run(keyness_work(base, **groups))
    total = corpus.total()
    _warn_streamed(corpus)
    if 0 in total.documents:
        raise InputError("keyness", f"one of the groups ({labels[0]} / {labels[1]}) has no document")
    counts, sizes = total.counts, total.sizes
    min_count = 1 if args.phrases else 2
    _emit(kt.keyness_of_counts(*counts, *sizes, min_count=min_count, labels=labels), args)


def _topics(session, args: argparse.Namespace) -> None:
    from .topics import models as tm

    units = tm.modelling_units(session, unit=args.unit)
    if not units:
        raise InputError(str(args.corpus), "no terms left after removing stopwords")
    if args.select_k or args.k is None:
        if not tm.k_range(len(units)):
            raise InputError(
                str(args.corpus),
                f"only {len(units)} modelling unit with --unit {args.unit}; choosing "
                f"k needs at least {tm.K_RANGE.start}",
            )
        print("choosing k (3 seeds per k; pass --k to skip)", file=sys.stderr)
        selection = tm.k_selection(units, cache_dir=session.cache_dir, jobs=session.jobs)
        _k_chosen(selection, args)
        if args.select_k:
            _emit(selection, args)
            return
    model = tm.cached_fit(
        [u.terms for u in units], args.k, random_state=args.seed, cache_dir=session.cache_dir, jobs=session.jobs
    )
    _emit(tm.doc_topics(model, units) if args.doc_topics else model.topic_terms(top=args.top), args)


def _topics_streamed(corpus, args: argparse.Namespace) -> None:
    """``topics`` on a cluster, with a cache: each document's modelling units made on the workers into the
    store (``topic_units``), only each partition's number of units coming back; the units that k is chosen
    on and the model fitted on (all of them, or a seeded sample above ``FIT_SAMPLE``) read back from the store;
    with ``--doc-topics`` a second pass infers each partition's units on the workers, from the random starts
    drawn here in the order of the units, as without a cluster."""
    from .streamed import doc_topics_work, unit_work
    from .text.tokenise import VERSION
    from .topics import models as tm

    tokens = corpus.store("tokens", VERSION)
    few = corpus.listed() < tm.MIN_DOCUMENTS_AS_UNITS
    unit = args.unit if args.unit != "auto" else "paragraph" if few else "document"
    corpus.run(unit_work(unit=unit, keep_captions=args.keep_captions, tokens=tokens), again=True)
    sizes = corpus.total()
    _warn_streamed(corpus)
    if args.unit == "auto" and unit != ("paragraph" if corpus.documents() < tm.MIN_DOCUMENTS_AS_UNITS else "document"):
        unit = "document" if unit == "paragraph" else "paragraph"  # files skipped took the corpus across the line
        corpus.run(unit_work(unit=unit, keep_captions=args.keep_captions, tokens=tokens), again=True)
        sizes = corpus.total()
    n_units = sum(sizes)
    if not n_units:
        raise InputError(str(args.corpus), "no terms left after removing stopwords")
    units = corpus.stored_column("terms", sizes)

    def read(indices: list[int]) -> list[list[str]]:
        found = units(indices)
        return [list(found[i]) for i in indices]

    if args.select_k or args.k is None:
        if not tm.k_range(n_units):
            raise InputError(
                str(args.corpus),
                f"only {n_units} modelling unit with --unit {args.unit}; choosing k needs at least {tm.K_RANGE.start}",
            )
        print("choosing k (3 seeds per k; pass --k to skip)", file=sys.stderr)
        chosen = tm.selection_indices(n_units, size=tm.SELECTION_SAMPLE, random_state=config.RANDOM_STATE)
        selection = tm.start_k_selection_of(
            read(chosen), n_units, cache_dir=corpus.cache_dir, jobs=corpus.cluster
        ).result()
        _k_chosen(selection, args)
        if args.select_k:
            _emit(selection, args)
            return
    fitted = tm.selection_indices(n_units, size=tm.FIT_SAMPLE, random_state=args.seed)
    model = tm.fit_sample(
        read(fitted), n_units, args.k, random_state=args.seed, cache_dir=corpus.cache_dir, jobs=corpus.cluster
    )
    if not args.doc_topics:
        _emit(model.topic_terms(top=args.top), args)
        return
    corpus.run(
        doc_topics_work(unit_work(unit=unit, keep_captions=args.keep_captions, tokens=tokens)),
        shared=tm.inferring(model),
        extras=list(tm.random_starts(model, sizes)),
    )
    _streamed_out(corpus, args, _write_rows, warn=False)  # the first pass gave the warnings


def _k_chosen(selection, args: argparse.Namespace) -> None:
    """Say on how many units k was chosen, and (without ``--select-k``) which k, as ``topics`` does."""
    from .topics import models as tm

    details = selection.attrs["details"]
    if details["selection_units"] < details["units"]:
        print(
            f"k chosen on a random sample of {details['selection_units']} of the {details['units']} units "
            f"(seed {details['selection_seed']})",
            file=sys.stderr,
        )
    if not args.select_k:
        args.k = tm.choose_k(selection)
        print(f"k = {args.k}, chosen by coherence and stability (see --select-k)", file=sys.stderr)


def _stance(session, args: argparse.Namespace) -> None:
    from .stance.extract import StanceExtractor, load_register

    register = load_register(extra=args.actors) if args.actors else None
    if (args.misses or args.sample) and not args.gold:
        raise InputError("--misses/--sample", "need --gold FILE")
    documents = list(session.corpus)
    if args.gold:
        from .stance.gold import gold_agreement, read_gold, read_sample

        gold = read_gold(args.gold)
        if args.sample:
            wanted = read_sample(args.sample) | set(gold["doc_id"])
            documents = [d for d in documents if d.doc_id in wanted]
    found = StanceExtractor(register=register, keep_captions=args.keep_captions, jobs=session.jobs).extract(documents)
    if args.gold:
        agreement, misses = gold_agreement(found, gold, documents)
        found = misses if args.misses else agreement
    _emit(found, args)


def _stance_streamed(corpus, args: argparse.Namespace) -> None:
    from .stance.lexicons import load_register  # not the extractor: scikit-learn stays out of this process
    from .streamed import stance_work

    register = load_register(extra=args.actors) if args.actors else None
    if args.misses or args.sample:
        raise InputError("--misses/--sample", "need --gold FILE")
    corpus.run(stance_work(register, keep_captions=args.keep_captions))
    _streamed_out(corpus, args, _write_rows)


def _duplicates(session, args: argparse.Namespace) -> None:
    from .copies.duplicates import NearDuplicates

    found = NearDuplicates(threshold=args.threshold, cache_dir=session.cache_dir, jobs=session.jobs)
    _emit(found.fit(session.full_corpus).table(), args)  # every selected document, copies included


def _duplicates_streamed(corpus, args: argparse.Namespace) -> None:
    """``duplicates`` on a cluster: the signatures made (or found) in the store by the workers, a partition
    at a time; only each document's ``doc_id``, date, source and signature come back, and the shingle
    hashes of the candidate pairs are read from the store."""
    from .copies.duplicates import NUM_PERM, SEED, SHINGLE, NearDuplicates
    from .streamed import sketch_work

    found = NearDuplicates(threshold=args.threshold)
    found._check()  # a bad threshold fails before anything is sent
    corpus.run(sketch_work(shingle=SHINGLE, num_perm=NUM_PERM, seed=SEED))
    total = corpus.total()
    _warn_streamed(corpus)
    _emit(found.fit_sketches(total.documents, total.signatures, corpus.stored_column("shingles")).table(), args)


def _figures(session, args: argparse.Namespace) -> None:
    from .figures.registry import write_figures

    try:
        for path in write_figures(session, args.out):
            print(path)
    except OSError as e:
        raise InputError(str(e.filename or args.out), e.strerror or f"cannot be written ({e})") from None


COMMANDS = {
    "corpus": _corpus,
    "phrases": _phrases,
    "kwic": _kwic,
    "discover": _discover,
    "keyterms": _keyterms,
    "topics": _topics,
    "stance": _stance,
    "duplicates": _duplicates,
    "figures": _figures,
}


#: The commands that can run on a cluster without the documents in this process (see :func:`_streams`).
STREAMED = {
    "corpus": _corpus_streamed,
    "duplicates": _duplicates_streamed,
    "kwic": _kwic_streamed,
    "phrases": _phrases_streamed,
    "stance": _stance_streamed,
    "keyterms": _keyterms_streamed,
    "topics": _topics_streamed,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # A command builds many long-lived objects (documents, sentences, tokens) and few cycles: with
    # Python's default thresholds (700, 10, 10) the cycle collector keeps walking that growing heap.
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 20, 100)
    try:
        with warnings.catch_warnings(), _interrupts() as interrupted:
            warnings.showwarning = _one_line_warnings()
            return _run(args, interrupted)
    finally:
        gc.set_threshold(*thresholds)


@contextmanager
def _interrupts():
    """Note every SIGINT while a command runs (then raise KeyboardInterrupt as usual): an interrupt
    that a library turns into an error of its own (matplotlib's drawing code makes a ValueError of
    it), or catches and goes on, still ends the command as an interruption."""
    received: list[int] = []

    def handler(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)


def _one_line_warnings():
    """Show the library's warnings as the command line's one-line warnings, each once."""
    shown = set()

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        if str(message) not in shown:
            shown.add(str(message))
            print(f"warning: {message}", file=sys.stderr)

    return show


def _run(args: argparse.Namespace, interrupted: list[int]) -> int:
    try:
        if _streams(args):
            STREAMED[args.command](_streamed(args), args)
        else:
            session = _session(args)
            _warn(session)
            COMMANDS[args.command](session, args)
    except InputError as e:
        if interrupted:
            return _interrupted()
        print(f"error: {_as_flags(e) if isinstance(e, ParameterError) else e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error
    except KeyboardInterrupt:
        return _interrupted()
    except Exception:
        if interrupted:
            return _interrupted()
        raise
    return _interrupted() if interrupted else 0  # a library caught the KeyboardInterrupt and went on


def _interrupted() -> int:
    print("interrupted", file=sys.stderr)
    return 130
