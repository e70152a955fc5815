"""Selecting documents by date range and column (analysis/session.py), in Python and on the command line."""

from __future__ import annotations

import codecs
import warnings

import pytest
from helpers import ROOT, run_fresh, write

from analysis.session import SelectionError, Session

# Four short articles: three dated by their header, d undated; source and section from metadata.csv.
ARTICLES = {
    "a": "date 2024-01-05 Tiêu đề a\n\nHai bên nhất trí hợp tác.\n",
    "b": "date 2024-06-30 Tiêu đề b\n\nHai bên nhất trí hợp tác.\n",
    "c": "date 2025-02-01 Tiêu đề c\n\nHai bên nhất trí hợp tác.\n",
    "d": "Tiêu đề d\nHai bên nhất trí hợp tác.\n",
}
METADATA = "doc_id,source,section\na,VNA,chinh-tri\nb,TPO,the-gioi\nc,TPO,chinh-tri\nd,VNA,chinh-tri\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("selection")
    for name, text in ARTICLES.items():
        write(root / f"{name}.txt", text)
    write(root / "metadata.csv", METADATA)
    return root


def ids(session: Session) -> list[str]:
    return [d.doc_id for d in session.corpus]


@pytest.mark.parametrize(
    "options, expected",
    [
        ({}, ["a", "b", "c", "d"]),
        ({"date_from": "2024-06-30"}, ["b", "c"]),  # both ends included; d has no date
        ({"date_to": "2024-06-30"}, ["a", "b"]),
        ({"date_from": "2024", "date_to": "2024"}, ["a", "b"]),  # a year: its first and last day
        ({"date_to": "2024-06"}, ["a", "b"]),  # a month: its last day
        ({"date_from": "2024-01-06", "date_to": "2024-06-29"}, None),  # nothing left: an error
        ({"where": {"source": "TPO"}}, ["b", "c"]),
        ({"where": {"section": "chinh-tri", "source": "VNA"}}, ["a", "d"]),  # every column must match
        ({"where": {"section": ["chinh-tri", "the-gioi"]}, "date_from": "2025-01-01"}, ["c"]),  # any of its values
        ({"where": {"title": "Tiêu đề d"}}, ["d"]),
    ],
)
def test_selection(corpus, options, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if expected is None:
            with pytest.raises(SelectionError):
                Session(corpus, cache_dir=None, **options)
            return
        assert ids(Session(corpus, cache_dir=None, **options)) == expected


def test_undated_documents_left_out_with_a_warning(corpus):
    with pytest.warns(UserWarning, match="^1 undated document left out by the date range$"):
        session = Session(corpus, cache_dir=None, date_to="2030-01-01")
    assert ids(session) == ["a", "b", "c"]
    assert session.selection == {"date_to": "2030-01-01"}


@pytest.mark.parametrize(
    "options, parameter",
    [
        ({"date_from": "5/2/2024"}, "date_from"),
        ({"date_to": "2024-02-30"}, "date_to"),
        ({"date_to": "20240205"}, "date_to"),
        ({"date_from": "2025", "date_to": "2024"}, "date_from"),
        ({"where": {"sector": "x"}}, "where"),  # no such column
    ],
)
def test_bad_selection_names_the_parameter(corpus, options, parameter):
    with pytest.raises(SelectionError) as caught:
        Session(corpus, cache_dir=None, **options)
    assert caught.value.where == parameter and isinstance(caught.value, ValueError)


def test_selection_comes_before_deduplication(tmp_path):
    # the same article three times: from 2023 (TPO), from 2024 (VNA and TPO)
    body = (ROOT / "seeds" / "000_71d1d54ed88e5950.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    for name, date in (("x2023", "2023-03-01"), ("y2024", "2024-03-01"), ("z2024", "2024-03-02")):
        write(tmp_path / f"{name}.txt", f"date {date} Tiêu đề\n{body}")
    write(tmp_path / "metadata.csv", "doc_id,source\nx2023,TPO\ny2024,VNA\nz2024,TPO\n")
    assert ids(Session(tmp_path, cache_dir=None, dedup=True)) == ["x2023"]
    # the earliest copy of the selection is kept, even though an earlier one is left out by it
    assert ids(Session(tmp_path, cache_dir=None, dedup=True, date_from="2024")) == ["y2024"]
    assert ids(Session(tmp_path, cache_dir=None, dedup=True, where={"source": "TPO"})) == ["x2023"]


def test_manifest_records_the_selection(corpus):
    from analysis.figures.registry import _manifest

    selected = Session(corpus, cache_dir=None, where={"source": ["TPO"]}, date_from="2024-02-01")
    assert _manifest(selected, [], {})["corpus"]["selection"] == {
        "date_from": "2024-02-01",
        "where": {"source": ["TPO"]},
    }
    assert "selection" not in _manifest(Session(corpus, cache_dir=None), [], {})["corpus"]


# ------------------------------------------------------------------ the command line


def cli(corpus, tmp_path, *args):
    return run_fresh(str(tmp_path / "cache"), *args, "--corpus", str(corpus))


def test_cli_selection_and_warning(corpus, tmp_path):
    result = cli(
        corpus,
        tmp_path,
        "corpus",
        "--csv",
        "--from",
        "2024-06-30",
        "--where",
        "section=chinh-tri",
        "--where",
        "section=the-gioi",
    )
    assert result.returncode == 0
    assert [line.split(",")[0] for line in result.stdout.decode().splitlines()[1:]] == ["b", "c"]
    assert "warning: 1 undated document left out by the date range" in result.stderr.decode().splitlines()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "05/02/2024"], "error: --from: expected a date YYYY-MM-DD (or YYYY-MM, YYYY), not '05/02/2024'"),
        (["--to", "2024-13"], "error: --to: expected a date YYYY-MM-DD (or YYYY-MM, YYYY), not '2024-13'"),
        (["--from", "2025", "--to", "2024"], "error: --from: 2025-01-01 is after the end of the range (2024-12-31)"),
        (["--where", "source"], "error: --where: expected COLUMN=VALUE, not 'source'"),
        (["--where", "=TPO"], "error: --where: expected COLUMN=VALUE, not '=TPO'"),
        (
            ["--where", "sector=x"],
            "error: --where: no column 'sector' (known: date, date_source, doc_id, section, source, title)",
        ),
        (["--where", "source=AFP"], "error: --from/--to/--where: no document of the 4 read is selected"),
        (["--bom"], "error: --bom: only with --csv"),
    ],
)
def test_cli_bad_selection_is_one_line(corpus, tmp_path, args, message):
    result = cli(corpus, tmp_path, "corpus", *args)
    assert (result.returncode, result.stderr.decode().strip(), result.stdout) == (2, message, b"")


@pytest.mark.parametrize("command", ["corpus", "phrases"])
def test_cli_bom(corpus, tmp_path, command):
    plain = cli(corpus, tmp_path, command, "--csv")
    with_bom = cli(corpus, tmp_path, command, "--csv", "--bom")
    assert plain.returncode == with_bom.returncode == 0
    assert with_bom.stdout == codecs.BOM_UTF8 + plain.stdout


def test_cli_counts_undated_documents(corpus, tmp_path):
    result = cli(corpus, tmp_path, "corpus", "--csv")
    assert result.returncode == 0
    assert "warning: 1 of 4 documents have no date (date_source unknown)" in result.stderr.decode().splitlines()
