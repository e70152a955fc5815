"""Nothing under the corpus path is ever written, moved or deleted, whatever its form and whatever links
the output and cache folders hold."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, state, write

from analysis.errors import InputError
from analysis.runtime.outputs import check_outside, write_atomic

SEEDS = ROOT / "seeds"


def run(*args: str, cache: Path | None = None) -> subprocess.CompletedProcess:
    extra = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    return subprocess.run([sys.executable, "-m", "analysis", *args, *extra], cwd=ROOT, capture_output=True, timeout=600)


def assert_refused(result: subprocess.CompletedProcess, words: str) -> None:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and words in err, err
    assert result.stdout == b""


@pytest.fixture
def table_corpus(tmp_path):
    """A one-table corpus named like a figure's data file, in the folder figures would be written to."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "text"])
    writer.writerows([p.stem, p.read_text(encoding="utf-8-sig")] for p in sorted(SEEDS.glob("*.txt"))[:2])
    return write(tmp_path / "out" / "document_lengths.csv", buffer.getvalue())


def test_figures_never_written_over_a_table_corpus(table_corpus):
    before = state(table_corpus.parent)
    assert_refused(
        run("figures", "--corpus", str(table_corpus), "--out", str(table_corpus.parent)), "inside the corpus"
    )
    assert state(table_corpus.parent) == before


def test_figures_never_written_through_a_link_into_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = tmp_path / "out"
    out.mkdir()
    victim = sorted(corpus.glob("*.txt"))[0]
    (out / "corpus_timeline.csv").symlink_to(victim)
    before = state(corpus)
    assert_refused(run("figures", "--corpus", str(corpus), "--out", str(out)), "inside the corpus")
    assert state(corpus) == before


@pytest.mark.parametrize("where", ["out_is_a_link_into_the_corpus", "out_under_the_corpus"])
def test_figures_folder_inside_the_corpus_is_refused(tmp_path, where):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    if where == "out_is_a_link_into_the_corpus":
        out = tmp_path / "out"
        out.symlink_to(corpus)
    else:
        out = corpus / "figures"
    before = state(corpus)
    assert_refused(run("figures", "--corpus", str(corpus), "--out", str(out)), "inside the corpus")
    assert state(corpus) == before


@pytest.mark.parametrize(
    "where",
    ["database_is_a_link_to_a_corpus_file", "folder_is_a_link_into_the_corpus", "folder_under_a_table_corpus_folder"],
)
def test_cache_never_written_into_the_corpus(tmp_path, where):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    cache = tmp_path / "cache"
    if where == "database_is_a_link_to_a_corpus_file":
        cache.mkdir()
        (cache / "tokens.sqlite").symlink_to(sorted(corpus.glob("*.txt"))[0])
    elif where == "folder_is_a_link_into_the_corpus":
        cache.symlink_to(corpus)
    else:  # a table corpus and a cache folder of the same name as the table
        table = write(tmp_path / "t.csv", "id,text\na,Hai bên nhất trí.\n")
        corpus, cache = table, table / "cache"
    before = state(corpus.parent)
    assert_refused(run("corpus", "--corpus", str(corpus), cache=cache), "inside the corpus")
    assert state(corpus.parent) == before


def test_links_elsewhere_in_the_output_are_replaced_not_followed(tmp_path):
    elsewhere = write(tmp_path / "keep.csv", "precious\n")
    link = tmp_path / "out" / "x.csv"
    link.parent.mkdir()
    link.symlink_to(elsewhere)
    write_atomic(link, b"new\n")
    assert elsewhere.read_text() == "precious\n"
    assert not link.is_symlink() and link.read_bytes() == b"new\n"
    assert sorted(p.name for p in link.parent.iterdir()) == ["x.csv"]  # no temporary left behind


@pytest.mark.parametrize(
    "target, corpus, refused",
    [
        ("out/a.csv", "corpus", False),
        ("corpus/a.csv", "corpus", True),
        ("corpus", "corpus", True),
        ("corpus/sub/deeper/a.csv", "corpus", True),
        ("corpus2/a.csv", "corpus", False),  # a sibling whose name starts the same
        ("out/table.csv", "out/table.csv", True),  # a table corpus is written over
        ("out/other.csv", "out/table.csv", False),
    ],
)
def test_check_outside(tmp_path, target, corpus, refused):
    if refused:
        with pytest.raises(InputError, match="inside the corpus"):
            check_outside(tmp_path / target, tmp_path / corpus, what="a file")
    else:
        check_outside(tmp_path / target, tmp_path / corpus, what="a file")
