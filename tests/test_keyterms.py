"""Key terms (analysis/keyterms.py): keyness between two groups, TF-IDF key terms, similarity,
the terms of a document, the two groups of a corpus, and ``python -m analysis keyterms``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers import rows_of, run_once

from analysis.errors import InputError, ParameterError
from analysis.reading.layout import parse_document
from analysis.text.stopwords import is_stopword
from analysis.text.tokenise import tokenise
from analysis.topics.keyterms import (
    CONTENT_TAGS,
    KeyTerms,
    document_terms,
    keyness,
    keyness_of_counts,
    most_similar_pairs,
    similarity,
    two_groups,
)

ROOT = Path(__file__).resolve().parent.parent
KEYNESS_COLUMNS = ["term", "count_a", "count_b", "per_10k_a", "per_10k_b", "g2", "log_ratio", "key_for"]

# Outputs are rounded to 4 decimals (keyness) or 6 (TF-IDF); the hand values below to 7.
TOL4 = 1.1e-4
TOL6 = 2e-6


def tokenised(doc_id: str, text: str):
    return tokenise([parse_document(doc_id, text)], jobs=1, cache_dir=None, pos=True)[0]


# --- keyness -----------------------------------------------------------------------------------

# Terms named so that the G2 order (r, p, s, q) is not the alphabetical one.
# Group A: documents [p p s] and [p q]           -> p 3, s 1, q 1;      N_a = 5
# Group B: documents [s s s q] and [r r p]       -> p 1, s 3, q 1, r 2; N_b = 7;  N = 12
#
# p: a=3, b=1.  E_a = 5*4/12 = 1.6666667, E_b = 7*4/12 = 2.3333333
#    G2 = 2*(3 ln(3/1.6666667) + 1 ln(1/2.3333333)) = 2*(3 ln 1.8 + ln(3/7))
#       = 2*(3*0.5877867 - 0.8472979) = 2*(1.7633600 - 0.8472979) = 2*0.9160621 = 1.8321242
#    log ratio = log2((3/5)/(1/7)) = log2(4.2) = 1.4350845/0.6931472 = 2.0703893 -> A
#    per 10k: 1e4*3/5 = 6000, 1e4*1/7 = 1428.5714
# s: a=1, b=3.  same E.  G2 = 2*(ln(1/1.6666667) + 3 ln(3/2.3333333)) = 2*(ln 0.6 + 3 ln(9/7))
#       = 2*(-0.5108256 + 3*0.2513144) = 2*(-0.5108256 + 0.7539433) = 2*0.2431177 = 0.4862353
#    log ratio = log2((1/5)/(3/7)) = log2(7/15) = -0.7621401/0.6931472 = -1.0995356 -> B
#    per 10k: 1e4*1/5 = 2000, 1e4*3/7 = 4285.7143
# q: a=1, b=1.  E_a = 5*2/12 = 0.8333333, E_b = 7*2/12 = 1.1666667
#    G2 = 2*(ln 1.2 + ln(6/7)) = 2*(0.1823216 - 0.1541507) = 2*0.0281709 = 0.0563418
#    log ratio = log2((1/5)/(1/7)) = log2(1.4) = 0.3364722/0.6931472 = 0.4854268 -> A
# r: a=0, b=2.  same E as q.  G2 = 2*(0 + 2 ln(2/1.1666667)) = 4 ln(12/7) = 4*0.5389965 = 2.1559860
#    log ratio, 0.5 for the zero: log2((0.5/5)/(2/7)) = log2(0.35) = -1.0498221/0.6931472 = -1.5145732 -> B
#    per 10k: 0, 1e4*2/7 = 2857.1429
# Sorted by G2: r 2.156, p 1.832, s 0.486, q 0.056.
GROUP_A = [["p", "p", "s"], ["p", "q"]]
GROUP_B = [["s", "s", "s", "q"], ["r", "r", "p"]]
EXPECTED = {  # term: (count_a, count_b, per_10k_a, per_10k_b, g2, log_ratio, key_for)
    "r": (0, 2, 0.0, 2857.1429, 2.1559860, -1.5145732, "B"),
    "p": (3, 1, 6000.0, 1428.5714, 1.8321242, 2.0703893, "A"),
    "s": (1, 3, 2000.0, 4285.7143, 0.4862353, -1.0995356, "B"),
    "q": (1, 1, 2000.0, 1428.5714, 0.0563418, 0.4854268, "A"),
}


def test_keyness_columns_and_order():
    table = keyness(GROUP_A, GROUP_B)
    assert list(table.columns) == KEYNESS_COLUMNS
    assert list(table["term"]) == ["r", "p", "s", "q"]  # by G2, strongest first (see above)
    assert table["g2"].is_monotonic_decreasing


@pytest.mark.parametrize("term", sorted(EXPECTED))
def test_keyness_counted_by_hand(term):
    table = keyness(GROUP_A, GROUP_B).set_index("term")
    count_a, count_b, per_a, per_b, g2, log_ratio, key_for = EXPECTED[term]
    row = table.loc[term]
    assert (row["count_a"], row["count_b"]) == (count_a, count_b)
    assert row["per_10k_a"] == pytest.approx(per_a, abs=TOL4)
    assert row["per_10k_b"] == pytest.approx(per_b, abs=TOL4)
    assert row["g2"] == pytest.approx(g2, abs=TOL4)
    assert row["log_ratio"] == pytest.approx(log_ratio, abs=TOL4)
    assert row["key_for"] == key_for


def test_keyness_of_counts_by_hand():
    # a=10 of N_a=100, b=2 of N_b=100: E_a = E_b = 100*12/200 = 6
    # G2 = 2*(10 ln(10/6) + 2 ln(2/6)) = 2*(10*0.5108256 - 2*1.0986123) = 2*(5.1082562 - 2.1972246)
    #    = 2*2.9110316 = 5.8220632;  log ratio = log2(0.10/0.02) = log2 5 = 2.3219281
    # a=0 of 100, b=4 of N_b=300: E_a = 100*4/400 = 1, E_b = 300*4/400 = 3
    # G2 = 2*(4 ln(4/3)) = 8*0.2876821 = 2.3014565;  log ratio = log2((0.5/100)/(4/300)) = log2 0.375 = -1.4150375
    table = keyness_of_counts({"a": 10}, {"a": 2}, 100, 100, labels=("old", "new")).set_index("term")
    assert table.loc["a", "g2"] == pytest.approx(5.8220632, abs=TOL4)
    assert table.loc["a", "log_ratio"] == pytest.approx(2.3219281, abs=TOL4)
    assert table.loc["a", "key_for"] == "old"
    table = keyness_of_counts({}, {"b": 4}, 100, 300, labels=("old", "new")).set_index("term")
    assert table.loc["b", "count_a"] == 0
    assert table.loc["b", "g2"] == pytest.approx(2.3014565, abs=TOL4)
    assert table.loc["b", "log_ratio"] == pytest.approx(-1.4150375, abs=TOL4)
    assert table.loc["b", "key_for"] == "new"


def test_key_for_names_the_group_that_uses_the_term_more_even_against_the_zero_correction():
    # a=0 of N_a=100, b=1 of N_b=1000: B uses the term (0.001 per word), A never does.
    # The smoothed log ratio is log2((0.5/100)/(1/1000)) = log2 5 = 2.3219281 (> 0), but
    # key_for "names the group that uses the term more": that is B.
    table = keyness_of_counts({}, {"t": 1}, 100, 1000, min_count=1).set_index("term")
    assert table.loc["t", "log_ratio"] == pytest.approx(2.3219281, abs=TOL4)
    assert table.loc["t", "key_for"] == "B"


def test_keyness_leaves_out_terms_below_min_count():
    # p and s are seen 4 times in all, q and r twice (see above).
    assert set(keyness(GROUP_A, GROUP_B, min_count=3)["term"]) == {"p", "s"}
    assert set(keyness(GROUP_A, GROUP_B, min_count=5)["term"]) == set()
    assert set(keyness(GROUP_A, GROUP_B, min_count=2)["term"]) == {"p", "q", "r", "s"}
    assert set(keyness_of_counts({"u": 1, "v": 2}, {"v": 1}, 10, 10)["term"]) == {"v"}  # u: 1 < 2


def test_keyness_names_the_groups_with_labels():
    table = keyness(GROUP_A, GROUP_B, labels=("before 2025", "from 2025")).set_index("term")
    assert table.loc["p", "key_for"] == "before 2025"
    assert table.loc["s", "key_for"] == "from 2025"


@pytest.mark.parametrize("group_a, group_b", [([], [["x"]]), ([["x"]], []), ([[]], [["x", "x"]]), ([["x"]], [[]])])
def test_keyness_of_an_empty_group_raises(group_a, group_b):
    with pytest.raises((ValueError, InputError), match="group"):
        keyness(group_a, group_b)


# --- TF-IDF key terms ----------------------------------------------------------------------------

# Three documents share "việt_nam" and "an_ninh"; each has one term of its own.
# smooth idf = ln((1+n)/(1+df)) + 1 with n = 3: shared (df 3) ln(4/4)+1 = 1; own (df 1) ln(4/2)+1 = 1.6931472
# tf = 1 everywhere, so 1 + ln tf = 1. L2 norm = sqrt(1 + 1 + 1.6931472^2) = sqrt(4.8667474) = 2.2060706
# own term: 1.6931472/2.2060706 = 0.7674946; each shared term: 1/2.2060706 = 0.4532947 (a tie,
# broken by term: "an_ninh" < "việt_nam").
TFIDF_DOCS = {
    "d1": ["việt_nam", "an_ninh", "kinh_tế"],
    "d2": ["việt_nam", "văn_hóa", "an_ninh"],
    "d3": ["quốc_phòng", "việt_nam", "an_ninh"],
}
OWN = {"d1": "kinh_tế", "d2": "văn_hóa", "d3": "quốc_phòng"}


@pytest.fixture(scope="module")
def key_terms():
    return KeyTerms().fit(list(TFIDF_DOCS.values()), list(TFIDF_DOCS))


def test_top_term_of_each_document_is_its_own(key_terms):
    table = key_terms.top_terms(3)
    assert list(table.columns) == ["doc_id", "rank", "term", "score"]
    for doc_id, own in OWN.items():
        rows = table[table["doc_id"] == doc_id]
        assert list(rows["rank"]) == [1, 2, 3]
        assert list(rows["term"]) == [own, "an_ninh", "việt_nam"]  # tie broken by term
        assert list(rows["score"]) == pytest.approx([0.7674946, 0.4532947, 0.4532947], abs=TOL6)


def test_top_terms_are_sorted_and_cut(key_terms):
    table = key_terms.top_terms(2)
    assert len(table) == 3 * 2
    for _, rows in table.groupby("doc_id"):
        assert rows["score"].is_monotonic_decreasing
    assert list(table["doc_id"]) == ["d1", "d1", "d2", "d2", "d3", "d3"]


def test_sublinear_tf_and_repeated_term():
    # d1 = [a a a b], d2 = [b c]: idf a = ln(3/2)+1 = 1.4054651, b = ln(3/3)+1 = 1, c = 1.4054651
    # d1: a tf 3 -> 1 + ln 3 = 2.0986123, weight 2.0986123*1.4054651 = 2.9495263; b 1
    #     norm = sqrt(2.9495263^2 + 1) = sqrt(8.6997054 + 1) = 3.1144350
    #     a 2.9495263/3.1144350 = 0.9470502, b 1/3.1144350 = 0.3210855
    table = KeyTerms().fit([["a", "a", "a", "b"], ["b", "c"]], ["d1", "d2"]).top_terms(5)
    d1 = table[table["doc_id"] == "d1"]
    assert list(d1["term"]) == ["a", "b"]
    assert list(d1["score"]) == pytest.approx([0.9470502, 0.3210855], abs=TOL6)


def test_similarity_identical_disjoint_symmetric():
    docs = [["hợp_tác", "lào"], ["hợp_tác", "lào"], ["an_ninh", "quốc_phòng"], ["hợp_tác", "an_ninh"]]
    ids = ["a", "b", "c", "d"]
    sim = similarity(docs, ids)
    assert list(sim.index) == ids and list(sim.columns) == ids
    assert sim.loc["a", "b"] == pytest.approx(1.0)  # the same terms
    assert sim.loc["a", "c"] == pytest.approx(0.0)  # no term in common
    assert 0.0 < sim.loc["a", "d"] < 1.0  # one term of two in common
    for i in ids:
        assert sim.loc[i, i] == pytest.approx(1.0)
    assert (sim.values == sim.values.T).all()
    assert (KeyTerms().fit(docs, ids).similarity().values == sim.values).all()


@pytest.mark.parametrize("min_df", [1, 2])
def test_weights_are_scikit_learns_and_a_document_weighed_alone_gets_the_same(min_df):
    # what the two passes of keyterms on a cluster rely on: the IDF from the document frequencies
    # alone, and a document's weights from it and the IDF alone, whatever other documents are weighed
    from collections import Counter

    from sklearn.feature_extraction.text import TfidfVectorizer

    rng = np.random.default_rng(3)
    vocabulary = [f"t{i:02d}" for i in range(40)]
    docs = [list(rng.choice(vocabulary, size=rng.integers(0, 30))) for _ in range(60)]
    fitted = KeyTerms(min_df=min_df).fit(docs, [f"d{i}" for i in range(60)])
    reference = TfidfVectorizer(analyzer=lambda t: t, sublinear_tf=True, min_df=min_df, norm="l2")
    expected = reference.fit_transform(docs).toarray()
    assert list(fitted.terms_) == list(reference.get_feature_names_out())
    assert np.abs(fitted.matrix_.toarray() - expected).max() < 1e-12
    alone = KeyTerms(min_df=min_df).fit_frequencies(Counter(t for d in docs for t in set(d)), len(docs))
    for i in (0, 7, 59):
        assert (alone.weigh([Counter(docs[i])]).toarray()[0] == fitted.matrix_.toarray()[i]).all()


def test_no_term_in_enough_documents_is_a_clear_error():
    with pytest.raises(InputError, match="no term is in 3 documents or more"):
        KeyTerms(min_df=3).fit([["a"], ["a", "b"]], ["d1", "d2"])


# --- terms of a document ------------------------------------------------------------------------

TEXT = (
    "date 2024-10-09 Hai nước tăng cường hợp tác\n\n"
    "Năm 2024, Việt Nam và Lào ký 5 văn kiện quan trọng về kinh tế, tăng 28,26% so với năm 2023.\n"
)


@pytest.fixture(scope="module")
def plain_document():
    return tokenised("plain", TEXT)


def test_document_terms_leave_out_stopwords_numbers_punctuation(plain_document):
    terms = document_terms(plain_document)
    for left_out in ["2024", "5", "28,26", "2023", "%", ",", ".", "và", "về", "với"]:
        assert left_out not in terms
    for term in terms:
        assert not is_stopword(term), term
        assert any(ch.isalpha() for ch in term), term
    # Content words, folded, in pyvi's word form; "nước" is kept by the overlay.
    for kept in ["nước", "tăng_cường", "hợp_tác", "việt_nam", "lào", "văn_kiện", "quan_trọng", "kinh_tế"]:
        assert kept in terms
    assert terms.index("nước") < terms.index("việt_nam") < terms.index("kinh_tế")  # text order


def test_document_terms_with_content_tags_keep_only_content_words(plain_document):
    everything = document_terms(plain_document)
    content = document_terms(plain_document, tags=CONTENT_TAGS)
    # "Hai" (two) is a numeral, not a stopword: a term without tags, not with them.
    assert "hai" in everything
    assert "hai" not in content
    # Title: Hai | nước tăng_cường hợp_tác; body: Việt_Nam Lào ký văn_kiện quan_trọng kinh_tế tăng
    # (Năm/năm, và, về, so, với: stopwords; numbers and punctuation: never terms).
    assert content == [
        "nước",
        "tăng_cường",
        "hợp_tác",
        "việt_nam",
        "lào",
        "ký",
        "văn_kiện",
        "quan_trọng",
        "kinh_tế",
        "tăng",
    ]
    tags = {w.key: w.tag for s in plain_document.sentences for w in s.words}
    assert all(tags[t] in CONTENT_TAGS for t in content)


def test_document_terms_leave_out_captions_unless_asked(captioned_document):
    tok = tokenise([captioned_document], jobs=1, cache_dir=None, pos=True)[0]

    def syllables(terms):
        return {syl for t in terms for syl in t.split("_")}

    # "Sonexay Siphandone" and "TTXVN" are only in the caption and its credit.
    without = syllables(document_terms(tok, tags=CONTENT_TAGS))
    with_captions = syllables(document_terms(tok, tags=CONTENT_TAGS, keep_captions=True))
    assert {"siphandone", "sonexay", "ttxvn"}.isdisjoint(without)
    assert {"siphandone", "sonexay"} <= with_captions
    assert "kinh" in without and "kinh" in with_captions  # "kinh tế", in the body


# --- two groups ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dated_documents():
    return [
        parse_document(
            "early",
            "date 2024-10-09 Hai nước hợp tác\n\nHai bên ký văn kiện.\n",
            meta={"source": "TPO", "outlet": "print"},
        ),
        parse_document(
            "late",
            "date 2025-12-02 Hai nước hợp tác\n\nHai bên ký văn kiện.\n",
            meta={"source": "VOV", "outlet": "web"},
        ),
        parse_document("undated", "Hai nước hợp tác\n\nHai bên ký văn kiện.\n", meta={"source": "TPO"}),
        parse_document(
            "on_the_day",
            "date 2025-12-01 Hai nước hợp tác\n\nHai bên ký văn kiện.\n",
            meta={"source": "VOV", "outlet": "web"},
        ),
    ]


def test_two_groups_split_by_date(dated_documents):
    mask, labels = two_groups(dated_documents, split="2025-12-01")
    # before the date: A; on or after it: B; no date: neither.
    assert mask == [True, False, None, False]
    assert labels == ("before 2025-12-01", "from 2025-12-01")


def test_two_groups_by_column_value(dated_documents):
    mask, labels = two_groups(dated_documents, by="source", value="TPO")
    assert mask == [True, False, True, False]
    assert labels[0] == "source = TPO" and labels[1] != labels[0]
    mask, _ = two_groups(dated_documents[:2] + dated_documents[3:], by="outlet", value="web")
    assert mask == [False, True, True]
    mask, _ = two_groups(dated_documents, by="date_source", value="header")
    assert mask == [True, True, False, True]


@pytest.mark.parametrize(
    "options",
    [
        {"split": "2025-13-01"},  # no 13th month
        {"split": "yesterday"},
        {"split": "2030-01-01"},  # every dated document is before: group B is empty
        {"split": "2000-01-01"},  # group A is empty
        {"by": "source", "value": "NLĐ"},  # no document has it: group A is empty
        {"by": "colour", "value": "red"},  # no such column
        {"by": "source"},  # no value
        {},  # neither --split nor --by
    ],
)
def test_two_groups_errors(dated_documents, options):
    with pytest.raises(InputError):
        two_groups(dated_documents, **options)


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("keyterms_cache")


@pytest.fixture(scope="module")
def run(cache_dir):
    return lambda *args: run_once(str(cache_dir), *args)


SEED_IDS = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
NUMERAL_WORDS = {"một", "hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười"}


def test_cli_keyterms_top_3(run):
    header, rows = rows_of(run("keyterms", "--csv", "--top", "3"))
    assert header.startswith("doc_id,rank,term,score")
    assert sorted({r["doc_id"] for r in rows}) == SEED_IDS
    for doc_id in SEED_IDS:
        mine = [r for r in rows if r["doc_id"] == doc_id]
        assert [r["rank"] for r in mine] == ["1", "2", "3"]
        scores = [float(r["score"]) for r in mine]
        assert scores == sorted(scores, reverse=True)
    terms = [r["term"] for r in rows]
    for term in terms:
        assert not is_stopword(term), term
        assert not any(ch.isdigit() for ch in term), term
        assert term not in NUMERAL_WORDS, term
        assert " " not in term, term
        assert term == term.lower(), term
    assert any("_" in t for t in terms)  # pyvi joins the syllables of a word with "_"


def test_cli_keyness_split(run):
    header, rows = rows_of(run("keyterms", "--split", "2025-12-01", "--csv"))
    assert header.startswith(",".join(KEYNESS_COLUMNS))
    assert rows
    assert {r["key_for"] for r in rows} <= {"before 2025-12-01", "from 2025-12-01"}
    g2 = [float(r["g2"]) for r in rows]
    assert g2 == sorted(g2, reverse=True)
    assert all(int(r["count_a"]) + int(r["count_b"]) >= 2 for r in rows)  # min_count 2
    assert all(" " not in r["term"] for r in rows)


def test_cli_keyness_with_an_empty_group_is_one_error_line(run):
    result = run("keyterms", "--split", "2030-01-01", "--csv")  # every seed is from before 2030
    assert result.returncode == 2
    lines = result.stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), lines
    assert result.stdout == b""


def test_cli_keyness_of_phrases_counted_by_hand(run):
    # "gắn kết chiến lược": none in the 2024 articles (003, 004); 2 in 000 (2025-12-02),
    # 4 in 001 (2026-02-05), 5 in 002 (2026-02-02, one in a heading in capitals): 11, all from 2025-12-01.
    header, rows = rows_of(run("keyterms", "--split", "2025-12-01", "--phrases", "--csv"))
    assert header.startswith(",".join(KEYNESS_COLUMNS))
    row = next(r for r in rows if r["term"] == "gắn kết chiến lược")
    assert (row["count_a"], row["count_b"]) == ("0", "11")
    assert row["key_for"] == "from 2025-12-01"
    assert float(row["g2"]) > 0 and float(row["log_ratio"]) < 0


def test_cli_keyness_of_phrases_key_for_agrees_with_the_counts(run):
    # A phrase that one group never uses is key for the other one, whatever the group sizes.
    _, rows = rows_of(run("keyterms", "--split", "2025-12-01", "--phrases", "--csv"))
    wrong = [
        (r["term"], r["count_a"], r["count_b"], r["key_for"])
        for r in rows
        if (r["count_a"] == "0" and r["key_for"] != "from 2025-12-01")
        or (r["count_b"] == "0" and r["key_for"] != "before 2025-12-01")
    ]
    assert wrong == []


# --- the most similar pairs ---------------------------------------------------------------------


def test_most_similar_pairs_by_block_and_without_excluded_pairs():
    # a and b are the same text, c shares one of two words with a, d shares nothing with anyone
    docs = [["hợp_tác", "lào"], ["hợp_tác", "lào"], ["hợp_tác", "an_ninh"], ["bóng_đá"]]
    ids = ["a", "b", "c", "d"]
    fitted = KeyTerms().fit(docs, ids)
    for block in (None, 1, 2, 3, 4):
        pairs = most_similar_pairs(fitted, top=2, block=block)
        assert list(zip(pairs["doc_a"], pairs["doc_b"])) == [("a", "b"), ("a", "c")]  # (b, c) ties with (a, c)
        assert pairs["similarity"].iloc[0] == pytest.approx(1.0)
        assert 0 < pairs["similarity"].iloc[1] < 1
    # a and b are copies of each other: the pair is left out, the next ones move up
    pairs = most_similar_pairs(fitted, top=2, block=1, exclude={frozenset(("b", "a"))})
    assert list(zip(pairs["doc_a"], pairs["doc_b"])) == [("a", "c"), ("b", "c")]
    assert "d" not in set(most_similar_pairs(fitted, top=10, block=2)["doc_b"])  # no word in common: no pair


def _random_documents(seed: int, n: int) -> tuple[KeyTerms, list[str]]:
    """Key terms fitted on ``n`` documents of one to five words drawn from twelve, and their ids."""
    rng = np.random.default_rng(seed)
    vocabulary = [f"từ_{i}" for i in range(12)]
    docs = [list(rng.choice(vocabulary, size=rng.integers(1, 6))) for _ in range(n)]
    ids = [f"doc{i:02d}" for i in range(n)]
    return KeyTerms().fit(docs, ids), ids


def test_most_similar_pairs_equal_the_whole_matrix():
    fitted, ids = _random_documents(3, 30)
    matrix = fitted.similarity()
    expected = sorted((-matrix.iloc[i, j], i, j) for i in range(30) for j in range(i + 1, 30) if matrix.iloc[i, j] > 0)[
        :25
    ]
    for block in (None, 1, 7, 30):
        pairs = most_similar_pairs(fitted, top=25, block=block)
        assert list(pairs.itertuples(index=False, name=None)) == [(ids[i], ids[j], -v) for v, i, j in expected]


def test_most_similar_pairs_of_a_sample_are_those_of_its_documents():
    fitted, ids = _random_documents(5, 40)
    pairs = most_similar_pairs(fitted, top=10, sample=15, random_state=7)
    assert pairs.attrs["sampled"] == 15
    chosen = sorted(set(pairs["doc_a"]) | set(pairs["doc_b"]))
    assert len(chosen) <= 15
    # the same sample again, and the answer of comparing every pair of those 15 documents alone
    again = most_similar_pairs(fitted, top=10, sample=15, random_state=7)
    assert again.equals(pairs)
    picked = sorted(np.random.default_rng(7).choice(40, 15, replace=False))
    dense = fitted.matrix_.toarray()[picked]
    values = (dense @ dense.T).round(6)
    expected = sorted((-values[a, b], a, b) for a in range(15) for b in range(a + 1, 15) if values[a, b] > 0)[:10]
    assert list(pairs.itertuples(index=False, name=None)) == [
        (ids[picked[a]], ids[picked[b]], -v) for v, a, b in expected
    ]
    # no sample when the documents are no more than it
    assert "sampled" not in most_similar_pairs(fitted, top=10, sample=40).attrs
    with pytest.raises(ParameterError, match="sample"):
        most_similar_pairs(fitted, sample=1)
