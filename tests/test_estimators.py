"""Fitted models follow scikit-learn's conventions, and misuse names the Python parameter
(the command line names its flag instead)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

import analysis
from analysis.errors import ParameterError
from analysis.topics.models import modelling_units

UNITS = [["mưa", "gió", "bão"], ["lúa", "gạo", "ngô"]] * 6


@pytest.mark.parametrize(
    "estimator, params",
    [
        (analysis.TopicModel, {"k": 3, "random_state": 7, "start": "nmf"}),
        (analysis.KeyTerms, {"min_df": 2, "sublinear_tf": False}),
        (analysis.NearDuplicates, {"threshold": 0.5, "num_perm": 64}),
    ],
)
def test_parameters_are_kept_as_given_and_cloned(estimator, params):
    model = estimator(**params)
    copy = clone(model)
    assert copy is not model
    for name, value in params.items():
        assert model.get_params()[name] == value and copy.get_params()[name] == value


@pytest.mark.parametrize(
    "call",
    [
        lambda: analysis.TopicModel(k=2).transform(UNITS),
        lambda: analysis.TopicModel(k=2).topic_terms(),
        lambda: analysis.KeyTerms().top_terms(),
        lambda: analysis.NearDuplicates().table(),
    ],
)
def test_an_unfitted_model_says_so(call):
    with pytest.raises(NotFittedError):
        call()


@pytest.mark.parametrize(
    "make, parameter",
    [
        (lambda: analysis.TopicModel(k=1).fit(UNITS), "k"),
        (lambda: analysis.TopicModel(k=40).fit(UNITS), "k"),
        (lambda: analysis.TopicModel(k=2, start="svd").fit(UNITS), "start"),
        (lambda: analysis.TopicModel(k=2, no_above=1.5).fit(UNITS), "no_above"),
        (lambda: analysis.KeyTerms(min_df=0).fit([["a"]], ["d"]), "min_df"),
        (lambda: analysis.KeyTerms().fit([["a"], ["b"]], ["d"]), "doc_ids"),
        (lambda: analysis.NearDuplicates(threshold=0).fit([]), "threshold"),
        (lambda: analysis.NearDuplicates(shingle=True).fit([]), "shingle"),
        (lambda: analysis.count_phrases(analysis.Session(), lexicon=3), "lexicon"),
        (lambda: analysis.kwic("not a corpus", "hữu nghị"), "corpus"),
    ],
)
def test_misuse_names_the_python_parameter_not_a_flag(make, parameter):
    with pytest.raises(ParameterError) as caught:
        make()
    assert caught.value.parameter == parameter
    assert "--" not in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_topic_units_from_untagged_words_is_an_error_not_zero_units():
    session = analysis.Session()
    with pytest.raises(ParameterError, match="part-of-speech tags") as caught:
        modelling_units(list(session.corpus), session.tokenised(pos=False))
    assert caught.value.parameter == "tokenised"
    assert modelling_units(session)  # from a session it takes the tagged words itself


def test_analyses_accept_the_session_the_corpus_or_the_documents():
    session = analysis.Session()
    by_session = analysis.kwic(session, "hữu nghị vĩ đại")
    by_corpus = analysis.kwic(session.corpus, "hữu nghị vĩ đại")
    by_documents = analysis.kwic(list(session.corpus), "hữu nghị vĩ đại")
    assert len(by_session) == 4  # grep -oi "hữu nghị vĩ đại" seeds/*.txt | wc -l
    assert by_session.equals(by_corpus) and by_session.equals(by_documents)
    fitted = analysis.TopicModel(k=2, random_state=1).fit(session)
    assert fitted.transform(modelling_units(session)).shape[1] == 2


def test_the_command_line_names_its_flags():
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "topics", "--k", "1", "--no-cache"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["error: --k: expected a whole number of at least 2, not 1"]
