"""The corpus itself: one row per document, and what was left out of the analysis and why."""

from __future__ import annotations

import pandas as pd

from ..text.tokenise import TokenisedDocument

__all__ = ["corpus_table", "left_out_table", "CORPUS_COLUMNS"]

CORPUS_COLUMNS = ["doc_id", "date", "date_source", "title", "source", "n_sentences", "n_syllables", "n_words"]


def corpus_table(
    corpus, tokenised: list[TokenisedDocument] | None = None, *, keep_captions: bool | None = None
) -> pd.DataFrame:
    """One row per document with the contract's columns, then ``n_captions``.

    ``corpus`` is a :class:`~analysis.session.Session` (its words and its choice of captions are
    used), a corpus or documents; ``tokenised``, their pyvi words, is taken from the session (or
    the cache) unless given. Counts cover the analysed sentences (title, headings, body; captions
    only with ``keep_captions``), without punctuation.
    """
    from ..session import captions_kept, documents_of, tokenised_of

    keep_captions = captions_kept(corpus) if keep_captions is None else keep_captions
    tokenised = tokenised_of(corpus) if tokenised is None else tokenised
    corpus = documents_of(corpus)
    rows = []
    for doc, tok in zip(corpus, tokenised):
        n_sentences, n_syllables, n_words = tok.counts(keep_captions=keep_captions)
        rows.append(
            {
                "doc_id": doc.doc_id,
                "date": doc.date.isoformat() if doc.date else "",
                "date_source": doc.date_source,
                "title": doc.title,
                "source": doc.source,
                "n_sentences": n_sentences,
                "n_syllables": n_syllables,
                "n_words": n_words,
                "n_captions": sum(1 for s in doc.sentences if s.kind == "caption"),
            }
        )
    return pd.DataFrame(rows, columns=[*CORPUS_COLUMNS, "n_captions"])


def left_out_table(corpus, *, keep_captions: bool | None = None) -> pd.DataFrame:
    """Everything not analysed: skipped files, captions, bylines, source lines, date headers.

    ``corpus`` is a :class:`~analysis.session.Session` (with its choice of captions) or a
    :class:`~analysis.reading.corpus.Corpus` (it knows the files skipped). Columns: ``doc_id``
    (empty for a skipped file), ``path``, ``what``, ``text``.
    """
    from ..session import Session, captions_kept

    keep_captions = captions_kept(corpus) if keep_captions is None else keep_captions
    corpus = corpus.corpus if isinstance(corpus, Session) else corpus
    rows = [{"doc_id": "", "path": s.path, "what": "skipped file", "text": s.reason} for s in corpus.skipped]
    for doc in corpus:
        rows += [{"doc_id": doc.doc_id, "path": doc.path, "what": what, "text": text} for what, text in doc.left_out]
        if not keep_captions:
            rows += [
                {"doc_id": doc.doc_id, "path": doc.path, "what": "caption", "text": doc.sentence_text(s)}
                for s in doc.sentences
                if s.kind == "caption"
            ]
    return pd.DataFrame(rows, columns=["doc_id", "path", "what", "text"])
