"""pyvi words and part-of-speech tags, computed once, in parallel, cached by content hash.

The models are pyvi's own CRF models, read straight from the pyvi package (a
restricted unpickler takes only the model bytes, so scikit-learn is never
imported) and run with python-crfsuite. The features are pyvi's, computed with
less overhead; ``tests/test_tokenise.py`` checks that the labels equal pyvi's on
real text. The input is the :func:`~analysis.text.vietnamese.normalize`\\ d text of each
sentence, case kept, because pyvi's models use capitalisation.

Word forms are pyvi's: syllables joined by ``_`` (``hợp_tác``), folded to lower
case for counting.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path

from ..reading.layout import Document
from ..runtime.cache import TokenCache, code_version
from ..runtime.parallel import Cluster, parallel_imap, parallel_map
from ..runtime.store import PartitionStore, partitions, store_dir
from .vietnamese import Token, fold, normalize, token_strings, tokens

__all__ = ["Word", "TokenisedSentence", "TokenisedDocument", "tokenise", "segment", "pos_tag", "VERSION"]

_PYVI = Path(__import__("importlib.util").util.find_spec("pyvi").origin).parent / "models"


VERSION = code_version(
    "text.vietnamese",
    "reading.sentences",
    "reading.layout",
    "reading.dates",
    "text.tokenise",
    extra=metadata.version("pyvi"),
)


class _ModelOnly(pickle.Unpickler):
    """Unpickle pyvi's sklearn-crfsuite models without importing scikit-learn."""

    class _State:
        def __init__(self, *args, **kwargs):
            pass

        def __setstate__(self, state):
            if isinstance(state, dict):
                self.__dict__.update(state)

    _ALLOWED = {
        ("sklearn_crfsuite.estimator", "CRF"),
        ("sklearn_crfsuite._fileresource", "FileResource"),
        ("pycrfsuite._logparser", "TrainLogParser"),
        ("numpy.core.multiarray", "scalar"),
        ("numpy", "dtype"),
        ("_codecs", "encode"),
    }

    def find_class(self, module, name):
        if (module, name) == ("_codecs", "encode"):
            import codecs

            return codecs.encode
        if (module, name) in self._ALLOWED or module.startswith("pycrfsuite._logparser"):
            return _ModelOnly._State
        raise pickle.UnpicklingError(f"unexpected {module}.{name} in a pyvi model")


_MODEL_BYTES: dict[str, bytes] = {}


@cache
def _tagger(name: str):
    import pycrfsuite

    with open(_PYVI / name, "rb") as f:
        model = _ModelOnly(f).load()
    data = model.modelfile.__dict__["__FILE_RESOURCE_DATA__"]
    _MODEL_BYTES[name] = data  # crfsuite reads the model in place: keep the bytes alive
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)
    return tagger


@cache
def _ngrams() -> tuple[frozenset[str], frozenset[str]]:
    entries = (_PYVI / "words.txt").read_text(encoding="utf-8").split("\n")
    return (frozenset(e for e in entries if e.count(" ") == 1), frozenset(e for e in entries if e.count(" ") == 2))


@cache
def dictionary_words() -> frozenset[str]:
    """pyvi's list of two- and three-syllable words, folded, syllables joined by spaces."""
    bi, tri = _ngrams()
    return frozenset(fold(w) for w in bi | tri)


def _segment_features(sent: list[str]) -> list[list[str]]:
    """pyvi's ViTokenizer features; a false boolean feature is left out (its weight is 0)."""
    bi, tri = _ngrams()
    low = [w.lower() for w in sent]
    up = [w.isupper() for w in sent]
    title = [w.istitle() for w in sent]
    n = len(sent)
    pair = [(low[i] + " " + low[i + 1]) in bi for i in range(n - 1)]
    triple = [(low[i] + " " + low[i + 1] + " " + low[i + 2]) in tri for i in range(n - 2)]
    out = []
    for i, word in enumerate(sent):
        f = ["bias", "word.lower():" + low[i]]
        if up[i]:
            f.append("word.isupper()")
        if title[i]:
            f.append("word.istitle()")
        if word.isdigit():
            f.append("word.isdigit()")
        if i > 0:
            f.append("-1:word.lower():" + low[i - 1])
            if title[i - 1]:
                f.append("-1:word.istitle()")
            if up[i - 1]:
                f.append("-1:word.isupper()")
            if pair[i - 1]:
                f.append("-1:word.bi_gram()")
            if i > 1 and triple[i - 2]:
                f.append("-2:word.tri_gram()")
        if i < n - 1:
            f.append("+1:word.lower():" + low[i + 1])
            if title[i + 1]:
                f.append("+1:word.istitle()")
            if up[i + 1]:
                f.append("+1:word.isupper()")
            if pair[i]:
                f.append("+1:word.bi_gram()")
            if i < n - 2 and triple[i]:
                f.append("+2:word.tri_gram()")
        out.append(f)
    return out


_FILTERED = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") | {"\u2026", "\u201d", "\u201c", "\u2019", "..."}


def _pos_features(sent: list[str]) -> list[list[str]]:
    """pyvi's ViPosTagger features, false booleans left out."""
    low = [w.lower() for w in sent]
    title = [w.istitle() for w in sent]
    digit1 = [w[:1].isdigit() for w in sent]
    up3 = [w[:3].isupper() for w in sent]
    n = len(sent)
    out = []
    for i, word in enumerate(sent):
        f = ["bias", "word.lower():" + low[i]]
        f += [
            name
            for name, on in (
                ("word.istitle()", title[i]),
                ("word.isdigit()", word.isdigit()),
                ("word[:1].isdigit()", digit1[i]),
                ("word[:3].isupper()", up3[i]),
                ("word.isfiltered", word in _FILTERED),
            )
            if on
        ]
        if i > 0:
            f.append("-1:word.lower():" + low[i - 1])
            f += [
                name
                for name, on in (
                    ("-1:word.istitle()", title[i - 1]),
                    ("-1:word[:1].isdigit()", digit1[i - 1]),
                    ("-1:word[:3].isupper()", up3[i - 1]),
                )
                if on
            ]
            if i > 1:
                f.append("-2:word.lower():" + low[i - 2])
                f += [
                    name
                    for name, on in (("-2:word.istitle()", title[i - 2]), ("-2:word.isupper()", sent[i - 2].isupper()))
                    if on
                ]
        else:
            f.append("BOS")
        if i < n - 1:
            f.append("+1:word.lower():" + low[i + 1])
            f += [
                name
                for name, on in (
                    ("+1:word.istitle()", title[i + 1]),
                    ("+1:word[:1].isdigit()", digit1[i + 1]),
                    ("+1:word.isupper()", sent[i + 1].isupper()),
                )
                if on
            ]
            if i < n - 2:
                f.append("+2:word.lower():" + low[i + 2])
                f += [
                    name
                    for name, on in (("+2:word.istitle()", title[i + 2]), ("+2:word.isupper()", sent[i + 2].isupper()))
                    if on
                ]
        else:
            f.append("EOS")
        out.append(f)
    return out


def segment(sentences: list[list[str]]) -> list[list[str]]:
    """pyvi's word-segmentation labels (``B_W``/``I_W``) for each sentence of syllable strings."""
    tagger = _tagger("pyvi3.pkl")
    return [tagger.tag(_segment_features(s)) if s else [] for s in sentences]


def pos_tag(sentences: list[list[str]]) -> list[list[str]]:
    """pyvi's part-of-speech tags for each sentence of words (``hợp_tác``, ``,`` ...)."""
    tagger = _tagger("pyvipos3.pkl")
    return [tagger.tag(_pos_features(s)) if s else [] for s in sentences]


@dataclass(frozen=True)
class Word:
    """A pyvi word: ``form`` as written (NFC, tones placed), ``tokens[first:last]`` of its sentence."""

    form: str
    first: int
    last: int
    tag: str = ""

    @property
    def key(self) -> str:
        """The folded form used for counting: ``Hợp_tác`` → ``hợp_tác``."""
        return fold(self.form)

    @property
    def is_punct(self) -> bool:
        return not any(ch.isalnum() for ch in self.form)


@dataclass(frozen=True)
class TokenisedSentence:
    """The tokens (syllables and punctuation, offsets into the document text) and words of a sentence."""

    index: int
    kind: str
    tokens: tuple[Token, ...]
    words: tuple[Word, ...]

    def syllable_tokens(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "syllable"]


@dataclass(frozen=True)
class TokenisedDocument:
    """A document's tokens and pyvi words, held compactly and unpacked on demand.

    ``labels`` has one character per token, ``B`` (begins a word), ``I`` (continues
    one) or ``P`` (punctuation), and ``|`` between sentences; ``tags`` holds one
    part-of-speech tag per word, space-separated, when asked for.
    """

    doc_id: str
    original: str
    spans: tuple[tuple[int, int, int, str], ...]
    labels: str
    tags: str | None = None

    @cached_property
    def text(self) -> str:
        """The document text, :func:`~analysis.text.vietnamese.normalize`\\ d (same length, same offsets)."""
        return normalize(self.original)

    def counts(self, *, keep_captions: bool = False) -> tuple[int, int, int]:
        """``(n_sentences, n_syllables, n_words)`` of the analysed sentences, without punctuation."""
        n_sentences = n_syllables = n_words = 0
        for (_, _, _, kind), labels in zip(self.spans, self.labels.split("|")):
            if keep_captions or kind != "caption":
                n_sentences += 1
                n_words += labels.count("B")
                n_syllables += len(labels) - labels.count("P")
        return n_sentences, n_syllables, n_words

    @property
    def sentences(self) -> tuple[TokenisedSentence, ...]:
        """Unpacked on every call and not kept: tens of thousands of documents fit in memory
        as label strings, not as millions of token objects."""
        tags = iter(self.tags.split()) if self.tags else None
        out = []
        for (start, end, index, kind), labels in zip(self.spans, self.labels.split("|")):
            toks = tuple(tokens(self.text, start, end))
            words = _words(self.text, toks, labels)
            if tags is not None:
                words = [Word(w.form, w.first, w.last, next(tags)) for w in words]
            out.append(TokenisedSentence(index, kind, toks, tuple(words)))
        return tuple(out)

    def forms(self, *, keep_captions: bool = False) -> Iterator[tuple[str, str]]:
        """``(form, tag)`` of every word of the analysed sentences (tag ``""`` without tags), in text
        order, without unpacking tokens and words: the fast path of counting words."""
        tags = self.tags.split() if self.tags else None
        at = 0  # the first tag of the sentence
        for (start, end, _, kind), labels in zip(self.spans, self.labels.split("|")):
            n_words = len(labels) - labels.count("I")
            if keep_captions or kind != "caption":
                forms = [form for form, _, _ in _grouped(token_strings(self.text, start, end), labels)]
                yield from zip(forms, tags[at : at + n_words] if tags else [""] * len(forms))
            at += n_words

    def analysed(self, *, keep_captions: bool = False) -> list[TokenisedSentence]:
        return [s for s in self.sentences if keep_captions or s.kind != "caption"]


def _joins(piece: str, prev: str) -> bool:
    """pyvi's own rule: never join after a digit, or a capitalised syllable to a lower-case one."""
    return not (piece[0].isdigit() or prev[0].isdigit() or (piece[0].istitle() and not prev[0].istitle()))


def _labels(text: str, spans: list[tuple[int, int]]) -> str:
    """The ``B``/``I``/``P`` label string of :class:`TokenisedDocument` for these sentences."""
    per = [tokens(text, a, b) for a, b in spans]
    strings = [[text[t.start : t.end] for t in toks] for toks in per]
    out = []
    for toks, pieces, crf in zip(per, strings, segment(strings)):
        labels = []
        for i, t in enumerate(toks):
            if t.kind != "syllable":
                labels.append("P")
            elif crf[i] == "I_W" and i and labels[-1] != "P" and _joins(pieces[i], pieces[i - 1]):
                labels.append("I")
            else:
                labels.append("B")
        out.append("".join(labels))
    return "|".join(out)


def _words(text: str, toks: tuple[Token, ...], labels: str) -> list[Word]:
    return [Word(*word) for word in _grouped([text[t.start : t.end] for t in toks], labels)]


def _grouped(pieces: list[str], labels: str) -> list[tuple[str, int, int]]:
    """``(form, first, last)`` of each word: a piece labelled ``I`` continues the word before it."""
    words: list[tuple[str, int, int]] = []
    for i, (piece, label) in enumerate(zip(pieces, labels)):
        if label == "I":
            form, first, _ = words[-1]
            words[-1] = (form + "_" + piece, first, i + 1)
        else:
            words.append((piece, i, i + 1))
    return words


def _key(text: str) -> str:
    return hashlib.sha256(f"{VERSION}\0{text}".encode()).hexdigest()


def _spans(doc: Document) -> tuple[tuple[int, int, int, str], ...]:
    return tuple((s.start, s.end, s.index, s.kind) for s in doc.sentences)


def _work(args: tuple[str, list[tuple[int, int]]]) -> str:
    return _labels(*args)


def _pos_work(sentences: list[list[str]]) -> str:
    return " ".join(" ".join(tags) for tags in pos_tag(sentences))


def _pos_of(doc: TokenisedDocument) -> str:
    return _pos_work([[w.form for w in s.words] for s in doc.sentences])


def _valid_labels(labels: str, n_sentences: int) -> bool:
    return labels.count("|") == max(n_sentences - 1, 0) and not labels.strip("BIP|")


def tokenise(
    documents: list[Document], *, jobs: int | None = None, cache_dir: str | Path | None = None, pos: bool = False
) -> list[TokenisedDocument]:
    """Tokenise every sentence of every document (captions included; analyses filter them).

    Parameters
    ----------
    documents : list of Document
    jobs : int, optional
        Worker processes for the documents not in the cache (default: all cores).
    cache_dir : path, optional
        Folder of the :class:`~analysis.runtime.cache.TokenCache`; None for no cache.
    pos : bool
        Also tag parts of speech (pyvi's tag set: ``N``, ``Np``, ``V``, ``A`` ...).
    """
    if isinstance(jobs, Cluster) and cache_dir is not None:
        return _tokenise_stored(documents, jobs, PartitionStore(store_dir(cache_dir, jobs), "tokens", VERSION), pos)
    jobs = jobs or os.cpu_count() or 1
    store = TokenCache(cache_dir) if cache_dir is not None else None
    keys = [_key(d.text) for d in documents]
    found = store.get(keys) if store else {}
    labels: list[str | None] = []
    tags: list[str | None] = []
    for key, doc in zip(keys, documents):
        entry = found.get(key)
        ok = entry is not None and _valid_labels(entry[0], len(doc.sentences))
        labels.append(entry[0] if ok else None)
        tags.append(entry[1] if ok else None)
    todo = [i for i, lab in enumerate(labels) if lab is None]
    args = [(normalize(documents[i].text), [(s.start, s.end) for s in documents[i].sentences]) for i in todo]
    for i, lab in zip(todo, parallel_map(_work, args, jobs=jobs, desc="tokenising")):
        labels[i] = lab
    out = [TokenisedDocument(d.doc_id, d.text, _spans(d), lab) for d, lab in zip(documents, labels)]
    retag = []
    if pos:
        retag = [
            i
            for i, (t, doc) in enumerate(zip(tags, out))
            if t is None or len(t.split()) != doc.labels.count("B") + doc.labels.count("P")
        ]
        # the words are unpacked in the workers, which take the documents from this process's memory
        for i, t in zip(retag, parallel_map(_pos_of, [out[i] for i in retag], jobs=jobs, desc="tagging")):
            tags[i] = t
        out = [TokenisedDocument(d.doc_id, d.original, d.spans, d.labels, t) for d, t in zip(out, tags)]
    if store:
        store.put([(keys[i], labels[i], tags[i]) for i in sorted(set(todo) | set(retag))])
        store.close()
    return out


def tokenise_partition(documents: list[Document], store: PartitionStore | None, *, pos: bool = False):
    """:func:`tokenise` of one partition of documents in this process (a worker's): the labels and tags
    from the store's ``tokens`` table when it holds them, else made (and stored, with a store)."""
    if store is None:
        return tokenise(documents, jobs=1, pos=pos)
    docs = [(d.doc_id, d.text, _spans(d)) for d in documents]
    return [TokenisedDocument(*d, *pair) for d, pair in zip(docs, stored_tokens((docs, store, pos)))]


def _tokenise_stored(documents: list[Document], cluster: Cluster, store: PartitionStore, pos: bool):
    """:func:`tokenise` on a cluster: the workers take each partition's labels and tags from the
    Parquet store's ``tokens`` table, or make and store them (:func:`stored_tokens`)."""
    docs = [(d.doc_id, d.text, _spans(d)) for d in documents]
    parts = [[docs[i] for i in run] for run in partitions([d.doc_id for d in documents])]
    found = parallel_imap(
        stored_tokens, [(p, store, pos) for p in parts], jobs=cluster, desc="tokenising", unit="part", cluster_batch=1
    )
    pairs = (pair for part in found for pair in part)
    return [TokenisedDocument(doc_id, text, spans, *pair) for (doc_id, text, spans), pair in zip(docs, pairs)]


def stored_tokens(job: tuple[list[tuple], PartitionStore, bool]) -> list[tuple[str, str | None]]:
    """``(labels, tags)`` of a partition of ``(doc_id, text, spans)`` documents (tags only if ``pos``):
    from the store when it holds them, else made and stored."""
    docs, store, pos = job
    keys = [(doc_id, _key(text)) for doc_id, text, _ in docs]
    found = store.load(keys)
    labels = tags = None
    if found is not None and len(found) == len(docs):
        if all(_valid_labels(lab, len(d[2])) for lab, d in zip(found["labels"], docs)):
            labels = list(found["labels"])
            tags = [t if isinstance(t, str) else None for t in found["tags"]]
    if labels is not None and (not pos or None not in tags):
        return list(zip(labels, tags))
    if labels is None:
        labels = [_labels(normalize(text), [(a, b) for a, b, _, _ in spans]) for _, text, spans in docs]
        tags = [None] * len(docs)
    if pos:
        tags = [_pos_of(TokenisedDocument(*d, lab)) for d, lab in zip(docs, labels)]
    import pandas as pd

    frame = {"key": [k for _, k in keys], "doc_id": [d[0] for d in docs], "labels": labels, "tags": tags}
    store.save(keys, pd.DataFrame(frame))
    return list(zip(labels, tags))
