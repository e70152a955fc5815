"""The notebooks: stored clean (what running them saves is stripped by the test command), run top to
bottom from their own folder as a user would open them, on the seeds (rendered to the HTML reports of
``figures/notebooks/``) and on a corpus they were not written for (300 VNTC articles, half of them
undated, a plain-text lexicon without a formula, no Lao actors) with only the parameters cell changed."""

from __future__ import annotations

import ast
import copy
import filecmp
import json
import os
import random
import re
import subprocess
import sys
import tarfile

import nbformat
import pytest
from helpers import ROOT

from analysis import config
from analysis.runtime import notebooks as nb

NOTEBOOKS = sorted(config.NOTEBOOKS.glob("*.ipynb"))
REPORTS = config.FIGURES / "notebooks"
TARBALL = ROOT.parent / "shared" / "corpora" / "vntc-train.tar.gz"

#: A lexicon of everyday news phrases, as a user would write one: no formula, a comment, a blank line.
LEXICON = """# phrases of everyday news (one per line)
kinh tế
thị trường
doanh nghiệp
phát triển
hợp tác
chính phủ

bóng đá
sức khỏe
công nghệ thông tin
"""

#: Each notebook's parameters on the second corpus, besides CORPUS ("lexicon": the file above). A fixed K
#: skips choosing k, which takes about 95 s on these 300 articles instead of 17 s.
OTHER_CORPUS = {
    "01_corpus_overview.ipynb": {},
    "02_framing_phrases.ipynb": {"LEXICON": "lexicon", "FOLLOW": "thị trường"},
    "03_key_terms_and_topics.ipynb": {"K": 4},
    "04_stance.ipynb": {"GOLD": None},
}


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_corpus_overview.ipynb"]
    assert sorted(OTHER_CORPUS) == [p.name for p in NOTEBOOKS]


# ------------------------------------------------------------------ stored clean, whatever Jupyter saved


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_clean_with_a_parameters_cell(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), (
        "outputs saved in the notebook: `make test` strips them (or `python -m analysis.runtime.notebooks strip`)"
    )
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert "CORPUS" in "".join(code[0]["source"])
    assert notebook["cells"][0]["cell_type"] == "markdown"
    for statement in ast.parse("".join(code[0]["source"])).body:
        assert isinstance(statement, ast.Assign), "the parameters cell holds assignments only"


def saved_by_jupyter(notebook: dict) -> dict:
    """``notebook`` as JupyterLab saves it after a run: outputs, counts, timings, editor state, versions."""
    notebook = copy.deepcopy(notebook)
    for n, cell in enumerate(c for c in notebook["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [
            {"name": "stdout", "output_type": "stream", "text": ["5 documents\n"]},
            {
                "data": {"image/png": "iVBORw0KGgo=", "text/plain": ["<Figure>"]},
                "metadata": {},
                "output_type": "display_data",
            },
        ]
        cell["metadata"] |= {"scrolled": True, "execution": {"iopub.execute_input": "2026-12-01T10:00:00.1Z"}}
    notebook["metadata"]["language_info"] |= {"version": "3.11.9", "mimetype": "text/x-python", "file_extension": ".py"}
    notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return notebook


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stripping_what_jupyter_saved_gives_the_stored_file_back(path, tmp_path):
    stored = path.read_bytes()
    saved = tmp_path / path.name
    saved.write_text(json.dumps(saved_by_jupyter(json.loads(stored)), indent=1, ensure_ascii=False), encoding="utf-8")
    assert saved.read_bytes() != stored
    done = subprocess.run(
        [sys.executable, "-m", "analysis.runtime.notebooks", "strip", str(saved)], capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    assert saved.read_bytes() == stored
    assert nb.strip_file(saved) is False  # a clean notebook is left as it is


def test_make_test_strips_the_notebooks_before_testing():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:")[1].split("\n\n")[0]
    strip, pytest_ = recipe.find("analysis.runtime.notebooks strip notebooks/*.ipynb"), recipe.find("-m pytest")
    assert -1 < strip < pytest_


def test_parameters_are_set_in_the_parameters_cell_only():
    notebook = nbformat.read(NOTEBOOKS[0], as_version=4)
    before = [c.source for c in notebook.cells]
    nb.with_parameters(notebook, {"CORPUS": "/data/news", "KEEP_CAPTIONS": True})
    changed = [i for i, c in enumerate(notebook.cells) if c.source != before[i]]
    assert changed == [1]
    assert "CORPUS = '/data/news'\nKEEP_CAPTIONS = True" in notebook.cells[1].source
    with pytest.raises(ValueError, match="values: no parameter LEXICON"):
        nb.with_parameters(notebook, {"LEXICON": "x.txt"})


def test_long_steps_show_their_progress_in_a_notebook(monkeypatch):
    from analysis.runtime.parallel import progress

    class OutStream:  # what a Jupyter kernel puts in place of sys.stderr: not a terminal
        __module__ = "ipykernel.iostream"

        def isatty(self):
            return False

        def write(self, text):
            return len(text)

        def flush(self):
            pass

    items = range(3)
    monkeypatch.setattr(sys, "stderr", OutStream())
    assert progress(items, 3, "choosing k", min_total=1) is not items  # a bar
    assert progress(items, 3, "choosing k", min_total=4) is items  # too short for one
    monkeypatch.setattr(sys, "stderr", type("Pipe", (), {"isatty": lambda self: False})())
    assert progress(items, 3, "choosing k", min_total=1) is items  # a pipe or a log file: no bar


# ------------------------------------------------------------------ on the seeds: the HTML reports


@pytest.fixture(scope="module")
def reports(tmp_path_factory, monkeypatch_module, seeds_cache):
    """Every notebook run on the seeds (its parameters as stored) and rendered, with the seeds' cache the tests
    share (the notebooks' cold runs are those on another corpus, below)."""
    out = tmp_path_factory.mktemp("reports")
    monkeypatch_module.setenv("ANALYSIS_CACHE_DIR", str(seeds_cache))
    for path in NOTEBOOKS:
        nb.render(path, out / "html")
    return out / "html"


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_the_seeds_and_its_report_shows_its_figures(reports, path):
    html = (reports / f"{path.stem}.html").read_text(encoding="utf-8")
    source = json.loads(path.read_text(encoding="utf-8"))
    first_heading = next(line for line in source["cells"][0]["source"] if line.startswith("# "))
    assert first_heading[2:].strip().split(" · ")[1][:20] in html
    assert html.count('src="data:image/png;base64,') >= 3  # the figures, embedded
    assert not re.search(r"""<script[^>]+src=|(src|href)=["']https?:""", html), "the report fetches something online"
    assert "Traceback" not in html


@pytest.mark.slow
def test_the_seeds_report_states_what_is_counted_by_hand(reports):
    # the five seed articles; two of them (October and December 2024) before the median date 2025-12-02
    assert "5 documents" in (reports / "01_corpus_overview.html").read_text(encoding="utf-8")
    topics = (reports / "03_key_terms_and_topics.html").read_text(encoding="utf-8")
    assert "before 2025-12-02: 2 articles; from 2025-12-02: 3; undated: 0" in topics


@pytest.mark.slow
def test_reports_are_byte_identical_on_two_renders(reports, tmp_path):
    again = nb.render(NOTEBOOKS[0], tmp_path)
    assert again.read_bytes() == (reports / again.name).read_bytes()


@pytest.mark.slow
def test_committed_reports_are_up_to_date(reports):
    assert sorted(p.name for p in REPORTS.glob("*.html")) == [f"{p.stem}.html" for p in NOTEBOOKS]
    stale = [p.name for p in reports.glob("*.html") if not filecmp.cmp(p, REPORTS / p.name, shallow=False)]
    assert stale == [], "figures/notebooks/ is stale: run `make figures`"


def test_make_figures_renders_the_reports():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nfigures:")[1].split("\n\n")[0]
    assert "-m analysis figures" in recipe
    assert "analysis.runtime.notebooks render notebooks/*.ipynb --out figures/notebooks" in recipe


# ------------------------------------------------------------------ a corpus the notebooks were not written for


@pytest.fixture(scope="session")
def other_corpus(tmp_path_factory):
    """300 VNTC articles drawn with a fixed seed (UTF-16, CRLF, no dates of their own) among those that do
    not mention Laos, a ``metadata.csv`` that dates every other one and leaves the rest undated, a ``.txt``
    lexicon, and a token cache."""
    if not TARBALL.is_file():
        pytest.skip(f"the VNTC corpus is not at {TARBALL} (see ../shared/corpora/README.md)")
    root = tmp_path_factory.mktemp("other")
    with tarfile.open(TARBALL, "r:gz") as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")), key=lambda m: m.name)
        tar.extractall(
            root, members=sorted(random.Random(9).sample(members, 330), key=lambda m: m.offset), filter="data"
        )
    corpus = root / "Train_Full"
    files = sorted(corpus.rglob("*.txt"))
    laos = [f for f in files if "lào" in f.read_text(encoding="utf-16").lower()]
    for f in laos + [f for f in files if f not in laos][300:]:
        f.unlink()
    ids = sorted(f.relative_to(corpus).as_posix()[: -len(".txt")] for f in corpus.rglob("*.txt"))
    rows = ["doc_id,date,source"] + [
        f'"{doc_id}",{f"2006-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 2 == 0 else ""},' for i, doc_id in enumerate(ids)
    ]
    (corpus / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "lexicon.txt").write_text(LEXICON, encoding="utf-8")
    return {"CORPUS": str(corpus), "lexicon": str(root / "lexicon.txt"), "cache": root / "cache"}


@pytest.mark.slow
def test_the_other_corpus_is_half_dated_without_lao_actors(other_corpus):
    from analysis.session import Session
    from analysis.stance.figures import statements

    session = Session(other_corpus["CORPUS"], cache_dir=None)
    assert len(session.corpus) == 300
    assert [d.date_source for d in session.corpus].count("metadata") == 150
    assert sum(d.date is None for d in session.corpus) >= 100
    assert not statements(session).actor_country.str.contains("Lào").any()


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_another_corpus(path, other_corpus, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(other_corpus["cache"]))
    values = {"CORPUS": other_corpus["CORPUS"]}
    values |= {k: other_corpus.get(v, v) if isinstance(v, str) else v for k, v in OTHER_CORPUS[path.name].items()}
    notebook = nb.execute(path, values)  # a failing cell raises
    shown = "".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/markdown", ""))
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "Traceback" not in shown
    if path.name == "01_corpus_overview.ipynb":
        assert "300 documents" in shown
    if path.name == "02_framing_phrases.ipynb":
        assert "defines no formula" in shown
        assert "In this corpus, “*thị trường*” is written" in shown
    if path.name == "03_key_terms_and_topics.ipynb":
        assert "k = 4," in shown and "K = 4 in the parameters cell: k is not chosen." in shown
        assert re.search(r"before 2006-\d\d-\d\d: \d+ articles; from 2006-\d\d-\d\d: \d+; undated: 1[45]\d", shown)


@pytest.mark.slow
def test_a_report_is_rendered_with_other_parameters_from_the_command_line(other_corpus, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "analysis.runtime.notebooks", "render", str(NOTEBOOKS[0]), "--out", str(tmp_path)]
        + ["--set", f"CORPUS={other_corpus['CORPUS']}", "--set", "KEEP_CAPTIONS=True"],
        capture_output=True,
        env={**os.environ, "ANALYSIS_CACHE_DIR": str(other_corpus["cache"])},
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    html = (tmp_path / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "300 documents" in html
    bad = subprocess.run(
        [sys.executable, "-m", "analysis.runtime.notebooks", "render", str(NOTEBOOKS[0]), "--out", str(tmp_path)]
        + ["--set", "LEXICON=x.txt"],
        capture_output=True,
    )
    assert bad.returncode != 0 and b"no parameter LEXICON" in bad.stderr
