"""The command line of CONTRACT.md (analysis/cli.py), run as ``python -m analysis`` in a subprocess."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import os
import platform
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from helpers import snapshot, write

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "seeds"
COMMITTED_FIGURES = ROOT / "figures"

CORPUS_COLUMNS = ["doc_id", "date", "date_source", "title", "source", "n_sentences", "n_syllables", "n_words"]
FIGURE_IDS = ["corpus_timeline", "document_lengths"]

# Read off the seed articles by hand (see tests/test_layout.py for the sentence counts; captions excluded).
SEED_ROWS = {
    "000_71d1d54ed88e5950": ("2025-12-02", "header", "TPO", 22),
    "001_abe518d146e679e3": ("2026-02-05", "header", "TPO", 27),  # 35 sentences, 8 of them captions
    "002_80c75189325b5c6b": ("2026-02-02", "header", "", 31),
    "003_745f59f523383058": ("2024-12-16", "body", "", 19),
    "004_d9be0ddf1dfe6003": ("2024-10-09", "byline", "diendandoanhnghiep.vn", 27),  # 28, 1 caption
}
SEED_TITLES = {
    "000_71d1d54ed88e5950": "Việt Nam - Lào củng cố quan hệ đặc biệt, tạo động lực mới cho hợp tác chiến lược",
    "001_abe518d146e679e3": "Việt - Lào sẽ chuyển từ hợp tác tốt sang hợp tác hiệu quả",
    "003_745f59f523383058": "Tham vấn chính trị cấp Bộ trưởng Ngoại giao Việt Nam - Lào",
    "004_d9be0ddf1dfe6003": "Chính trị là nòng cốt trong quan hệ Việt Nam - Lào",
}

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: vowel marks precomposed, tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out.append(base + "".join(c for c in parts if c in _TONE_MARKS))
    return "".join(out).encode("cp1258", errors="strict")


def run(*args: str | Path, cwd: Path, cache: Path) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` with the token cache pointed at ``cache`` (never the project's)."""
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)], cwd=cwd, env=env, capture_output=True, timeout=300
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    return result


def table(stdout: bytes) -> list[dict[str, str]]:
    """The CSV on stdout; fails unless it is a clean CSV table with the contract's columns first."""
    rows = list(csv.reader(io.StringIO(stdout.decode("utf-8"), newline="")))
    assert rows, "no CSV on stdout"
    header = rows[0]
    assert header[: len(CORPUS_COLUMNS)] == CORPUS_COLUMNS
    assert all(len(row) == len(header) for row in rows[1:]), rows
    return [dict(zip(header, row)) for row in rows[1:]]


def stderr_lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stderr.decode("utf-8").splitlines()


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- corpus on the seeds


@pytest.fixture(scope="module")
def seeds_before():
    return snapshot(SEED_DIR)


@pytest.fixture(scope="module")
def seed_tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("seed_runs")


@pytest.fixture(scope="module")
def seed_runs(seed_tmp, seeds_before):
    """``corpus --csv`` on the default corpus: cold and warm cache, no cache, one and two jobs.

    Only the "env" run leaves ``--cache-dir`` out, so only it may use ``$ANALYSIS_CACHE_DIR``.
    """
    tmp = seed_tmp
    never = tmp / "never-used"
    one, two = tmp / "cache-one", tmp / "cache-two"
    return {
        "jobs1-cold": ok(run("corpus", "--csv", "--jobs", "1", "--cache-dir", one, cwd=ROOT, cache=never)),
        "jobs2-cold": ok(run("corpus", "--csv", "--jobs", "2", "--cache-dir", two, cwd=tmp, cache=never)),
        "warm": ok(run("corpus", "--csv", "--cache-dir", one, cwd=tmp, cache=never)),
        "jobs2-no-cache": ok(run("corpus", "--csv", "--no-cache", "--jobs", "2", cwd=tmp, cache=never)),
        "env": ok(run("corpus", "--csv", "--jobs", "2", cwd=tmp, cache=tmp / "env cache")),
    }


def test_corpus_csv_on_seeds(seed_runs):
    rows = table(seed_runs["jobs1-cold"].stdout)
    assert len(rows) == 5
    by_id = {r["doc_id"]: r for r in rows}
    assert set(by_id) == set(SEED_ROWS)
    for doc_id, (date, date_source, source, n_sentences) in SEED_ROWS.items():
        row = by_id[doc_id]
        assert (row["date"], row["date_source"], row["source"]) == (date, date_source, source), doc_id
        assert int(row["n_sentences"]) == n_sentences, doc_id
        assert 0 < int(row["n_words"]) <= int(row["n_syllables"]), doc_id
    for doc_id, title in SEED_TITLES.items():
        assert by_id[doc_id]["title"] == title


def test_corpus_csv_is_byte_identical_across_runs_caches_and_jobs(seed_runs):
    reference = seed_runs["jobs1-cold"].stdout
    assert reference
    for name, result in seed_runs.items():
        assert result.stdout == reference, name


def test_seed_runs_warn_about_nothing(seed_runs):
    for name, result in seed_runs.items():
        assert result.stderr.strip() == b"", (name, result.stderr)


def test_cache_goes_where_asked(seed_runs, seed_tmp):
    assert files_of(seed_tmp / "cache-one")
    assert files_of(seed_tmp / "cache-two")
    assert files_of(seed_tmp / "env cache"), "nothing cached in $ANALYSIS_CACHE_DIR"
    # the other runs passed --cache-dir or --no-cache: none may fall back on $ANALYSIS_CACHE_DIR
    assert not (seed_tmp / "never-used").exists() or not files_of(seed_tmp / "never-used")


def test_corrupt_cache_is_rebuilt_not_trusted(tmp_path, seed_runs):
    cache = tmp_path / "cache"
    ok(run("corpus", "--csv", "--cache-dir", cache, cwd=tmp_path, cache=tmp_path / "unused"))
    cached = [p for p in cache.rglob("*") if p.is_file()]
    assert cached
    for path in cached:
        path.write_bytes(b"this is not a cache " * 64)
    result = ok(run("corpus", "--csv", "--cache-dir", cache, cwd=tmp_path, cache=tmp_path / "unused"))
    assert result.stdout == seed_runs["jobs2-no-cache"].stdout


def test_seeds_folder_is_not_written(seed_runs, figure_runs, seeds_before):
    assert snapshot(SEED_DIR) == seeds_before


# --------------------------------------------------------------------------- a tiny corpus counted by hand

TINY = {
    # title "Tiêu đề ngắn" (3 syllables); the paragraph with a credit is a caption (6 + 2 syllables);
    # "Việt Nam và Lào ký ba văn kiện." (8) and "Hai bên nhất trí: tăng cường, mở rộng hợp tác!" (10).
    "a.txt": "date 2025-01-02 Tiêu đề ngắn\n\nHai bên nhất trí hợp tác. Ảnh: TTXVN\n\n"
    "Việt Nam và Lào ký ba văn kiện. Hai bên nhất trí: tăng cường, mở rộng hợp tác!\n",
    # title "Tiêu đề thứ hai" (4) before the byline "P.V • 05/02/2026 08:15";
    # "Hai nước cam kết hợp tác toàn diện." (8) and "Bộ Ngoại giao cho biết như vậy!" (7).
    "sub dir/b (1).txt": "Tiêu đề thứ hai P.V • 05/02/2026 08:15\n"
    "Hai nước cam kết hợp tác toàn diện. Bộ Ngoại giao cho biết như vậy!\n",
}


@pytest.fixture
def tiny_corpus(tmp_path):
    root = tmp_path / "tiny corpus"
    for name, text in TINY.items():
        write(root / name, text)
    return root


@pytest.mark.parametrize(
    "keep_captions, expected",
    [
        (False, {"a": ("3", "21"), "sub dir/b (1)": ("3", "19")}),
        (True, {"a": ("5", "29"), "sub dir/b (1)": ("3", "19")}),
    ],
)
def test_tiny_corpus_counted_by_hand(tiny_corpus, tmp_path, keep_captions, expected):
    args = ["corpus", "--csv", "--corpus", tiny_corpus, "--cache-dir", tmp_path / "cache"]
    result = ok(run(*args, *(["--keep-captions"] if keep_captions else []), cwd=tmp_path, cache=tmp_path / "c"))
    rows = {r["doc_id"]: r for r in table(result.stdout)}
    assert {k: (r["n_sentences"], r["n_syllables"]) for k, r in rows.items()} == expected
    assert (rows["a"]["date"], rows["a"]["date_source"], rows["a"]["title"]) == ("2025-01-02", "header", "Tiêu đề ngắn")
    b = rows["sub dir/b (1)"]
    assert (b["date"], b["date_source"], b["title"], b["source"]) == ("2026-02-05", "byline", "Tiêu đề thứ hai", "")


def test_corpus_folder_is_never_written(tiny_corpus, tmp_path):
    write(tiny_corpus / "metadata.csv", "doc_id,date\na,2020-05-06\n")
    write(tiny_corpus / "bad.txt", cp1258("Hai bên nhất trí.\n"))
    write(tiny_corpus / "empty.txt", b"")
    before = snapshot(tiny_corpus)
    env_cache = tmp_path / "env-cache"
    ok(run("corpus", "--csv", "--skip-bad", "--corpus", tiny_corpus, cwd=tiny_corpus, cache=env_cache))
    ok(
        run(
            "figures",
            "--skip-bad",
            "--corpus",
            tiny_corpus,
            "--out",
            tmp_path / "figs",
            cwd=tiny_corpus,
            cache=env_cache,
        )
    )
    assert run("corpus", "--corpus", tiny_corpus, cwd=tiny_corpus, cache=env_cache).returncode == 2
    assert snapshot(tiny_corpus) == before


# --------------------------------------------------------------------------- bad input


@pytest.fixture
def bad_corpus(tmp_path):
    root = tmp_path / "bad corpus"
    write(root / "good.txt", TINY["a.txt"])
    write(root / "bad file.txt", cp1258("Hai bên nhất trí hợp tác toàn diện.\n"))
    return root


def test_undecodable_file_is_one_error_line(bad_corpus, tmp_path):
    result = run(
        "corpus", "--csv", "--corpus", bad_corpus, "--cache-dir", tmp_path / "c", cwd=tmp_path, cache=tmp_path / "c"
    )
    assert result.returncode == 2
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith("error: ")
    assert "bad file.txt" in line
    assert "offset" in line
    assert "--encoding" in line
    assert "Traceback" not in result.stderr.decode("utf-8")
    assert result.stdout == b""


def test_skip_bad_warns_and_goes_on(bad_corpus, tmp_path):
    result = ok(
        run(
            "corpus",
            "--csv",
            "--skip-bad",
            "--corpus",
            bad_corpus,
            "--cache-dir",
            tmp_path / "c",
            cwd=tmp_path,
            cache=tmp_path / "c",
        )
    )
    warnings = [line for line in stderr_lines(result) if line.startswith("warning:")]
    assert any("bad file.txt" in line for line in warnings), stderr_lines(result)
    assert [r["doc_id"] for r in table(result.stdout)] == ["good"]


def test_encoding_option_reads_legacy_files(tmp_path):
    root = tmp_path / "legacy"
    write(root / "cũ.txt", cp1258(TINY["a.txt"]))
    result = ok(
        run(
            "corpus",
            "--csv",
            "--encoding",
            "cp1258",
            "--corpus",
            root,
            "--cache-dir",
            tmp_path / "c",
            cwd=tmp_path,
            cache=tmp_path / "c",
        )
    )
    rows = table(result.stdout)
    assert [(r["doc_id"], r["title"], r["n_sentences"], r["n_syllables"]) for r in rows] == [
        ("cũ", "Tiêu đề ngắn", "3", "21")
    ]


def test_empty_file_is_a_warning(tmp_path):
    root = tmp_path / "corpus"
    write(root / "good.txt", TINY["a.txt"])
    write(root / "empty.txt", b"  \n")
    result = ok(
        run("corpus", "--csv", "--corpus", root, "--cache-dir", tmp_path / "c", cwd=tmp_path, cache=tmp_path / "c")
    )
    lines = stderr_lines(result)
    assert any(line.startswith("warning:") and "empty.txt" in line for line in lines), lines
    assert [r["doc_id"] for r in table(result.stdout)] == ["good"]


def test_warnings_never_go_to_stdout(tmp_path):
    root = tmp_path / "corpus"
    write(root / "dated.txt", TINY["a.txt"])
    write(root / "undated.txt", "Tiêu đề không ngày\nHai bên nhất trí hợp tác.\n")
    write(root / "empty.txt", b"")
    write(root / "bad.txt", cp1258("Hai bên nhất trí.\n"))
    result = ok(
        run(
            "corpus",
            "--csv",
            "--skip-bad",
            "--corpus",
            root,
            "--cache-dir",
            tmp_path / "c",
            cwd=tmp_path,
            cache=tmp_path / "c",
        )
    )
    rows = {r["doc_id"]: r for r in table(result.stdout)}
    assert set(rows) == {"dated", "undated"}
    assert (rows["undated"]["date"], rows["undated"]["date_source"]) == ("", "unknown")
    assert "warning" not in result.stdout.decode("utf-8")
    lines = stderr_lines(result)
    assert all(line.startswith("warning: ") for line in lines), lines
    for name in ("empty.txt", "bad.txt", "undated"):
        assert any(name in line for line in lines), (name, lines)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["corpus", "--corpus", "{tmp}/no such corpus"], id="nonexistent-corpus"),
        pytest.param(["corpus", "--csv", "--corpus", "{tmp}/no such table.csv"], id="nonexistent-table"),
        pytest.param(["bogus"], id="unknown-subcommand"),
        pytest.param(["corpus", "--bogus"], id="unknown-option"),
        pytest.param(["--bogus", "corpus"], id="unknown-option-first"),
        pytest.param([], id="no-subcommand"),
        pytest.param(["corpus", "--jobs", "0"], id="jobs-zero"),
        pytest.param(["corpus", "--jobs", "many"], id="jobs-not-a-number"),
        pytest.param(["corpus", "--encoding", "no-such-codec"], id="unknown-encoding"),
        pytest.param(["corpus", "--corpus", "{tmp}/table.csv"], id="table-without-text-column"),
    ],
)
def test_bad_usage_is_one_error_line_and_exit_2(tmp_path, args):
    write(tmp_path / "table.csv", "id,title\n1,Tiêu đề\n")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run(*args, cwd=tmp_path, cache=tmp_path / "c")
    assert result.returncode == 2, result
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("error:")
    assert "Traceback" not in result.stderr.decode("utf-8")
    assert result.stdout == b""
    for a in args:
        if a.startswith(str(tmp_path)):
            assert Path(a).name in lines[0]  # the error names the file


# --------------------------------------------------------------------------- figures


@pytest.fixture(scope="module")
def figure_runs(tmp_path_factory, seeds_before, seeds_cache):
    """``figures`` on the default corpus, twice: cached from the project root (with the seeds' cache the test
    processes share), uncached from elsewhere."""
    tmp = tmp_path_factory.mktemp("figure_runs")
    first, second = tmp / "first", tmp / "second"
    ok(run("figures", "--out", first, "--cache-dir", seeds_cache, cwd=ROOT, cache=tmp / "env-cache"))
    ok(run("figures", "--out", second, "--no-cache", cwd=tmp, cache=tmp / "env-cache"))
    return first, second


def test_figures_writes_every_file(figure_runs):
    first, _ = figure_runs
    expected = [f"{fid}.{ext}" for fid in FIGURE_IDS for ext in ("png", "svg", "csv")] + ["manifest.json", "README.md"]
    assert set(expected) <= set(files_of(first))
    for fid in FIGURE_IDS:
        assert (first / f"{fid}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert b"<svg" in (first / f"{fid}.svg").read_bytes()
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert set(FIGURE_IDS) <= set(manifest["figures"])
    readme = (first / "README.md").read_text(encoding="utf-8")
    for fid in FIGURE_IDS:
        assert fid in readme


def test_figures_are_byte_identical_on_two_runs(figure_runs):
    first, second = figure_runs
    assert files_of(first) == files_of(second)
    for name in files_of(first):
        assert filecmp.cmp(first / name, second / name, shallow=False), name


def test_committed_figures_are_up_to_date(figure_runs):
    fresh, _ = figure_runs
    # figures/notebooks/ holds the notebooks' reports, which `make figures` renders (tests/test_notebooks.py)
    assert [n for n in files_of(COMMITTED_FIGURES) if not n.startswith("notebooks/")] == files_of(fresh)
    different = [
        name for name in files_of(fresh) if not filecmp.cmp(fresh / name, COMMITTED_FIGURES / name, shallow=False)
    ]
    assert different == [], "figures/ is stale: run `make figures`"


def test_figure_data_counted_by_hand(figure_runs):
    fresh, _ = figure_runs
    with (fresh / "document_lengths.csv").open(encoding="utf-8", newline="") as f:
        lengths = {r["doc_id"]: r for r in csv.DictReader(f)}
    assert {k: (r["date"], int(r["n_sentences"])) for k, r in lengths.items()} == {
        k: (date, n) for k, (date, _, _, n) in SEED_ROWS.items()
    }
    with (fresh / "corpus_timeline.csv").open(encoding="utf-8", newline="") as f:
        timeline = list(csv.DictReader(f))
    # October 2024 to February 2026: 17 months, every month listed
    months = sorted({r["month"] for r in timeline})
    assert len(months) == 17 and months[0] == "2024-10" and months[-1] == "2026-02"
    documents = {(r["month"], r["date_source"]): int(r["documents"]) for r in timeline if int(r["documents"])}
    assert documents == {
        ("2024-10", "byline"): 1,
        ("2024-12", "body"): 1,
        ("2025-12", "header"): 1,
        ("2026-02", "header"): 2,
    }


@pytest.mark.skipif(platform.machine().lower() not in ("x86_64", "amd64"), reason="x86-64 only")
def test_pinning_numerics_first_keeps_numpy_to_the_routines_every_machine_has():
    code = (
        "import analysis; analysis.pin_numerics(); import numpy; "
        "from numpy._core._multiarray_umath import __cpu_dispatch__ as d; "
        "from numpy._core._multiarray_umath import __cpu_features__ as f; "
        "print(sorted(x for x in d if f.get(x)))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE")}
    used = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "X86_V4" not in used.stdout and "AVX512" not in used.stdout
