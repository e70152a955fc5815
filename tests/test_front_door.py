"""The front door (analysis/__init__.py): its names, their documentation and examples, and an
import without side effects."""

from __future__ import annotations

import doctest
import inspect
import json
import subprocess
import sys

import pytest

import analysis

NAMES = analysis.__all__
GLOBALS = {"analysis": analysis, **{name: getattr(analysis, name) for name in NAMES}}


def test_the_front_door_holds_the_dozen_names_a_notebook_needs():
    for needed in ("Session", "count_phrases", "kwic", "discover", "KeyTerms", "keyness", "TopicModel"):
        assert needed in NAMES
    for needed in ("select_k", "StanceExtractor", "write_figures", "pin_numerics", "load_lexicon"):
        assert needed in NAMES
    assert 10 <= len(NAMES) <= 25
    with pytest.raises(AttributeError):
        analysis.no_such_name  # noqa: B018


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("InputError", "ParameterError")])
def test_every_name_has_a_numpydoc_docstring_with_a_runnable_example(name):
    obj = getattr(analysis, name)
    doc = inspect.getdoc(obj) or ""
    if inspect.signature(obj).parameters:
        assert "Parameters\n----------" in doc, f"{name}: no Parameters section"
    if inspect.isclass(obj):
        assert "Attributes\n----------" in doc or not hasattr(obj, "fit"), f"{name}: no Attributes section"
    else:
        assert "Returns\n-------" in doc, f"{name}: no Returns section"
    tests = [t for t in doctest.DocTestFinder(recurse=False).find(obj, name, globs=GLOBALS) if t.examples]
    assert tests, f"{name}: no example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test)
    assert runner.failures == 0, f"{name}: {runner.failures} failing example(s)"


def test_the_package_docstring_example_runs():
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder(recurse=False).find(analysis, "analysis"):
        runner.run(test)
    assert runner.tries and runner.failures == 0


def test_importing_analysis_changes_no_setting_and_loads_nothing_heavy():
    code = "import gc, json, os, sys\nbefore = (dict(os.environ), gc.get_threshold())\nimport analysis\n"
    code += "after = (dict(os.environ), gc.get_threshold())\n"
    code += "print(json.dumps({'same': before == after, 'loaded': sorted(m for m in ('numpy', 'pandas', 'pyvi', "
    code += "'matplotlib', 'sklearn') if m in sys.modules)}))"
    out = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert out == {"same": True, "loaded": []}


def test_pin_numerics_is_the_explicit_step_and_keeps_what_the_user_set():
    code = (
        "import os; os.environ['OPENBLAS_CORETYPE'] = 'Zen'; import analysis; "
        "print(sorted(analysis.pin_numerics().items()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    if out.strip() != "[]":  # x86-64
        assert "('OPENBLAS_CORETYPE', 'Zen')" in out and "NPY_DISABLE_CPU_FEATURES" in out


def test_pinning_after_numpy_warns():
    code = "import numpy, analysis, warnings; warnings.simplefilter('error'); analysis.pin_numerics()"
    env = {
        k: v for k, v in __import__("os").environ.items() if k not in ("NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE")
    }
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if "x86_64" in __import__("platform").machine().lower():
        assert result.returncode != 0 and "RuntimeWarning" in result.stderr and "pin_numerics" in result.stderr


def test_drawing_a_figure_leaves_matplotlib_settings_as_they_were():
    import matplotlib

    from analysis.figures.registry import _load

    before = dict(matplotlib.rcParams)
    spec = _load()["document_lengths"]
    plot = spec.function(analysis.Session())
    assert dict(matplotlib.rcParams) == before
    assert plot.figure.axes[0].title.get_fontweight() in ("bold", 700)  # drawn in the house style


def test_a_figure_by_its_id_from_a_session_or_a_table(tmp_path):
    session = analysis.Session()
    table = analysis.figure_table("phrase_timeline", session, lexicon=analysis.load_lexicon())
    assert analysis.draw_figure("phrase_timeline", table).data.equals(table)
    with pytest.raises(analysis.ParameterError) as caught:
        analysis.figure_table("no_such_figure", session)
    assert caught.value.parameter == "figure_id" and "phrase_timeline" in str(caught.value)
    (tmp_path / "a.txt").write_text("Một bài báo không có ngày.\n", encoding="utf-8")
    undated = analysis.Session(tmp_path, cache_dir=None)
    plot = analysis.draw_figure("phrase_timeline", undated)  # no date: a note, not an error
    assert [t.get_text() for t in plot.figure.axes[0].texts] == ["No article has a date: no timeline to draw."]
    keyness = analysis.draw_figure("keyness_periods", undated)  # no date to split at: a note too
    assert [t.get_text() for t in keyness.figure.axes[0].texts] == ["No article has a date: no periods to compare."]
