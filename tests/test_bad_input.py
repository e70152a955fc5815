"""Bad input through every subcommand, as CONTRACT.md promises: exit 2 with one line ``error: <file>: ...``
(or exit 0 with warnings where the contract says skip), never a traceback, and the corpus left exactly
as it was (names, sizes, contents, link targets).

Corrupt files and tables are generated: hypothesis draws random bytes, truncated UTF-16, quotes
left open in CSV and JSON values of the wrong type; a table of known bad inputs runs through each
subcommand. Permission cases run as an unprivileged user (tests usually run as root, whom
``chmod`` does not stop). Expected outcomes follow from how each input was built.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from helpers import ROOT, state
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Two small articles with different dates; "hợp tác" occurs in both.
ARTICLE_A = "date 2025-12-02 Việt Nam - Lào tăng cường hợp tác\n\nHai bên nhất trí hợp tác toàn diện.\n"
ARTICLE_B = "date 2024-10-09 Quan hệ đặc biệt\n\nThủ tướng nhấn mạnh hợp tác kinh tế là trụ cột.\n"
GOOD = {"a.txt": ARTICLE_A.encode("utf-8"), "b.txt": ARTICLE_B.encode("utf-8")}
SUBCOMMANDS = {
    "corpus": ["corpus"],
    "phrases": ["phrases"],
    "kwic": ["kwic", "hợp tác"],
    "discover": ["discover"],
    "keyterms": ["keyterms"],
    "topics": ["topics", "--k", "2"],
    "stance": ["stance"],
    "figures": ["figures"],
    "duplicates": ["duplicates"],
}
FEW = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --------------------------------------------------------------------------- running and checking


def cli(command: str, *args: str | Path, out: Path, prefix: list[str] | tuple = (), **popen):
    """``python -m analysis COMMAND ARGS --no-cache`` (``figures`` writing into ``out``), run under ``prefix``."""
    argv = [*SUBCOMMANDS[command], *map(str, args), "--no-cache", "--jobs", "1"]
    if command == "figures":
        argv += ["--out", str(out)]
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(out) + ".cache", "PYTHONDONTWRITEBYTECODE": "1"}
    if popen:  # another user: matplotlib's own cache where that user can write (else it warns on stderr)
        env["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="mpl-", dir=out.parent)
        os.chmod(env["MPLCONFIGDIR"], 0o777)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "analysis", *argv], cwd=ROOT, env=env, capture_output=True, timeout=120, **popen
    )


def _as_nobody():
    user = pwd.getpwnam("nobody")

    def drop() -> None:
        os.setgroups([])
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

    return drop


def one_error(result, *names: str) -> str:
    """The one line of a refused run (exit 2), which must name each of ``names``."""
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    assert result.returncode == 2, (result.returncode, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


def succeeded(result) -> list[str]:
    """The warnings of a run that must have succeeded (exit 0, stderr only warnings and notes)."""
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    assert result.returncode == 0, err
    result.stdout.decode("utf-8")  # valid UTF-8
    return [line for line in err.splitlines() if line.startswith("warning: ")]


def folder(root: Path, files: dict[str, bytes]) -> Path:
    """A corpus folder with ``files``, and a link (which no run may follow to write) beside them."""
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "link-to-a").symlink_to("a.txt")
    return root


def jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


@pytest.fixture
def reachable():
    """A temporary folder that an unprivileged user can reach too (pytest's own is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="bad-input-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


# --------------------------------------------------------------------------- known bad inputs, every subcommand


def _cp1258_file(d):
    return folder(d / "c", {**GOOD, "old.txt": b"Hai b\xean.\n"}), [], ["old.txt", "0xea at offset 5", "--encoding"]


def _utf16_odd(d):  # BOM (2 bytes) + 8 characters (16 bytes) + half a character
    data = codecs.BOM_UTF16_LE + "Hai bên.".encode("utf-16-le") + b"A"
    return folder(d / "c", {**GOOD, "odd.txt": data}), [], ["odd.txt", "0x41 at offset 18"]


def _utf8_bom_bad_byte(d):  # BOM (3) + "Hai b" (5): 0xff at 8
    return folder(d / "c", {**GOOD, "bom.txt": codecs.BOM_UTF8 + b"Hai b\xffn.\n"}), [], ["bom.txt", "0xff at offset 8"]


def _metadata(text: bytes):
    return lambda d: (folder(d / "c", {**GOOD, "metadata.csv": text}), [], ["metadata.csv"])


def _table(name: str, data: bytes, *names: str):
    def build(d):
        d.mkdir()
        (d / name).write_bytes(data)
        return d / name, [], [name, *names]

    return build


def _with_option(*option: str):
    return lambda d: (folder(d / "c", GOOD), list(option), [option[-1]])


BAD = {
    "cp1258-file": _cp1258_file,
    "utf16-bom-odd-bytes": _utf16_odd,
    "utf8-bom-bad-byte": _utf8_bom_bad_byte,
    "metadata-duplicate-doc-id": _metadata(b"doc_id,date\na,2020-01-01\na,2021-01-01\n"),
    "metadata-not-utf8": _metadata(b"doc_id,title\na,Ti\xeau\n"),
    "metadata-quote-left-open": _metadata(b'doc_id,title\na,"Ti\xc3\xaau\nb,Kh\xc3\xa1c\n'),
    "csv-quote-left-open": _table("t.csv", 'id,text\n1,Một.\n2,"Hai.\n3,Ba.\n'.encode(), "line 3"),
    "csv-extra-field": _table("t.csv", "id,text\n1,Một.\n2,Hai, ba.\n".encode(), "line 3"),
    "jsonl-text-a-list": _table("t.jsonl", jsonl([{"text": "Một."}, {"text": ["Hai", "bên"]}]), "line 2", "'text'"),
    "jsonl-date-a-number": _table("t.jsonl", jsonl([{"text": "Một.", "date": 20240101}]), "line 1", "'date'"),
    "jsonl-5000-digits": _table("t.jsonl", b'{"text": "M", "n": ' + b"9" * 5000 + b"}\n", "line 1"),
    "jsonl-nested-100000-deep": _table(
        "t.jsonl", b'{"text": "M", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", "line 1"
    ),
    "jsonl-gz-corrupt-stream": _table(
        "t.jsonl.gz",
        gzip.compress(jsonl([{"text": f"Hai bên {i}."} for i in range(300)]), mtime=0)[:10] + b"\xff" * 40,
    ),
    "encoding-rot13": _with_option("--encoding", "rot13"),
    "encoding-unknown": _with_option("--encoding", "no-such-codec"),
}


@pytest.mark.parametrize("command", list(SUBCOMMANDS))
@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_and_exit_2_in_every_subcommand(tmp_path, case, command):
    corpus, options, names = BAD[case](tmp_path / "in")
    before = state(tmp_path / "in")
    one_error(cli(command, "--corpus", corpus, *options, out=tmp_path / "out"), *names)
    assert state(tmp_path / "in") == before


@pytest.mark.parametrize("args", [["--seed", "-1"], ["--seed", str(2**32)], ["--seed", "1e3"]])
def test_a_seed_numpy_cannot_take_is_a_usage_error(tmp_path, args):
    one_error(cli("topics", "--corpus", folder(tmp_path / "c", GOOD), *args, out=tmp_path / "out"), "--seed")


@pytest.mark.parametrize("extra", [[], ["--select-k"], ["--doc-topics"]])
def test_topics_by_document_on_one_document_is_an_error(tmp_path, extra):
    corpus = folder(tmp_path / "c", {"a.txt": GOOD["a.txt"]})
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "topics",
            "--unit",
            "document",
            "--corpus",
            str(corpus),
            "--no-cache",
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    one_error(result, str(corpus), "1 modelling unit")


@pytest.mark.parametrize("where", ["a-file", "under-a-file"])
def test_figures_out_that_cannot_be_a_folder_is_an_error(tmp_path, where):
    (tmp_path / "file").write_bytes(b"not a folder")
    out = tmp_path / "file" if where == "a-file" else tmp_path / "file" / "sub" / "figures"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "figures",
            "--corpus",
            str(folder(tmp_path / "c", GOOD)),
            "--no-cache",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    one_error(result, str(out), "not a folder")
    assert (tmp_path / "file").read_bytes() == b"not a folder"


LEXICONS = {
    "formula-without-name": '[[phrase]]\nphrase = "hợp tác"\n[[formula]]\nparts = ["hợp tác"]\n',
    "formula-without-parts": '[[phrase]]\nphrase = "hợp tác"\n[[formula]]\nname = "f"\n',
    "variants-not-strings": '[[phrase]]\nphrase = "hợp tác"\nvariants = [1]\n',
}
ACTORS = {
    "person-without-name": '[[person]]\nrole = "Minister"\n',
    "person-name-a-number": "[[person]]\nname = 1\n",
    "person-titles-a-string": '[[person]]\nname = "A"\ntitles = "Bộ trưởng"\n',
    "person-country-a-list": '[[person]]\nname = "A"\ncountry = ["Lào"]\n',
    "group-without-names": '[[group]]\ncountry = "Lào"\n',
    "group-names-a-string": '[[group]]\nnames = "Phía Lào"\n',
    "person-a-table": '[person]\nname = "A"\n',
    "titles-words-a-string": '[titles]\nwords = "Bộ trưởng"\n',
}


@pytest.mark.parametrize(
    "command, option, text",
    [
        *[("phrases", "--lexicon", t) for t in LEXICONS.values()],
        ("discover", "--lexicon", LEXICONS["formula-without-name"]),
        *[("stance", "--actors", t) for t in ACTORS.values()],
    ],
    ids=[*[f"phrases-{k}" for k in LEXICONS], "discover-formula-without-name", *[f"stance-{k}" for k in ACTORS]],
)
def test_toml_files_with_bad_fields_are_one_line_errors(tmp_path, command, option, text):
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    one_error(
        cli(command, "--corpus", folder(tmp_path / "c", GOOD), option, tmp_path / "mine.toml", out=tmp_path / "out"),
        "mine.toml",
    )


def test_a_file_name_that_is_not_utf8_gives_an_escaped_doc_id_and_figures(tmp_path):
    corpus = folder(tmp_path / "c", GOOD)
    try:
        (corpus / "a.txt").rename(os.fsdecode(bytes(corpus) + b"/\xe0\xff.txt"))
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    before = state(corpus)
    result = cli("corpus", "--corpus", corpus, "--csv", out=tmp_path / "out")
    succeeded(result)
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))
    assert [r["doc_id"] for r in rows] == ["\\xe0\\xff", "b"]
    succeeded(cli("figures", "--corpus", corpus, out=tmp_path / "out"))
    for path in (tmp_path / "out").glob("*.csv"):
        path.read_text(encoding="utf-8")
    assert state(corpus) == before


# --------------------------------------------------------------------------- permissions, as an unprivileged user


# Ways to run without the power to read what chmod forbids: as root without the capabilities that
# bypass file permissions (setpriv), else as the user nobody.
_WITHOUT_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


@pytest.fixture(scope="module")
def unprivileged(tmp_path_factory) -> dict:
    """Keyword arguments for :func:`cli` that run it where ``chmod 000`` stops reads (checked by a probe)."""
    if os.geteuid() != 0:
        return {}
    locked = Path(tempfile.mkdtemp(prefix="probe-")) / "locked"
    locked.write_text("secret")
    locked.chmod(0o000)
    locked.parent.chmod(0o755)
    probe = [
        sys.executable,
        "-c",
        f"import analysis.cli\ntry: open({str(locked)!r}).read()\nexcept PermissionError: print('denied')",
    ]
    ways = [dict(prefix=_WITHOUT_DAC) if shutil.which("setpriv") else None]
    ways.append(dict(preexec_fn=_as_nobody()) if _has_user("nobody") else None)
    found = {}
    for way in filter(None, ways):
        result = subprocess.run(
            [*way.get("prefix", []), *probe], cwd=ROOT, capture_output=True, preexec_fn=way.get("preexec_fn")
        )
        if result.stdout.strip() == b"denied":
            found = way
            break
    shutil.rmtree(locked.parent, ignore_errors=True)
    if not found:
        pytest.skip(
            "running as root with no way to drop the power to read unreadable files "
            "(neither setpriv nor a user 'nobody' who can run this project's Python)"
        )
    return found


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _locked(d: Path, name: str, mode: int) -> tuple[Path, str]:
    """A corpus in ``d`` with ``name`` (a file or folder in it, or "." for the folder) at ``mode``."""
    corpus = folder(d / "c", {**GOOD, "sub/c.txt": ARTICLE_B.encode(), "metadata.csv": b"doc_id,date\na,2020-01-01\n"})
    (corpus / name).chmod(mode)
    return corpus, str(corpus / name).rstrip("/.")


PERMISSION_CASES = {
    "subfolder-unreadable": ("sub", 0o000),
    "subfolder-not-searchable": ("sub", 0o644),
    "file-unreadable": ("b.txt", 0o000),
    "metadata-unreadable": ("metadata.csv", 0o000),
    "corpus-folder-unreadable": (".", 0o000),
}


@pytest.mark.parametrize("command", list(SUBCOMMANDS))
@pytest.mark.parametrize("case", list(PERMISSION_CASES))
def test_what_cannot_be_read_is_an_error_naming_it(reachable, unprivileged, case, command):
    corpus, locked = _locked(reachable, *PERMISSION_CASES[case])
    out = reachable / "out"
    before = state(corpus)
    one_error(cli(command, "--corpus", corpus, out=out, **unprivileged), locked)
    assert state(corpus) == before


@pytest.mark.parametrize("case", ["subfolder-unreadable", "subfolder-not-searchable", "file-unreadable"])
def test_with_skip_bad_what_cannot_be_read_is_a_warning_naming_it(reachable, unprivileged, case):
    corpus, locked = _locked(reachable, *PERMISSION_CASES[case])
    result = cli("corpus", "--corpus", corpus, "--skip-bad", "--csv", out=reachable / "out", **unprivileged)
    warnings = succeeded(result)
    assert [w for w in warnings if locked in w], warnings
    ids = [r["doc_id"] for r in csv.DictReader(io.StringIO(result.stdout.decode("utf-8")))]
    assert ids == [i for i in ["a", "b", "sub/c"] if not (corpus / f"{i}.txt").as_posix().startswith(locked)]


@pytest.mark.parametrize("name", ["t.csv", "t.jsonl", "t.jsonl.gz"])
def test_a_table_that_cannot_be_read_is_an_error_naming_it(reachable, unprivileged, name):
    data = jsonl([{"text": ARTICLE_A}])
    table = reachable / name
    table.write_bytes({"t.csv": b"text\nM\n", "t.jsonl": data, "t.jsonl.gz": gzip.compress(data)}[name])
    table.chmod(0o000)
    one_error(cli("corpus", "--corpus", table, out=reachable / "out", **unprivileged), name)


def test_figures_into_a_read_only_folder_is_an_error(reachable, unprivileged):
    out = reachable / "out"
    out.mkdir()
    out.chmod(0o555)
    corpus = folder(reachable / "c", GOOD)
    one_error(cli("figures", "--corpus", corpus, out=out, **unprivileged), str(out))
    assert list(out.iterdir()) == []


# --------------------------------------------------------------------------- generated corrupt files

_BOMS = {"": None, "utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def _readable(data: bytes) -> str | None:
    """What the contract reads from ``data`` (a BOM decides, else UTF-8 without NUL bytes), or None."""
    for codec, bom in _BOMS.items():
        if bom and data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return None if b"\0" in data else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


@FEW
@given(bom=st.sampled_from(list(_BOMS)), body=st.binary(max_size=64), skip_bad=st.booleans())
def test_random_bytes_are_read_skipped_or_refused_as_the_contract_says(tmp_path_factory, bom, body, skip_bad):
    data = (_BOMS[bom] or b"") + body
    tmp = tmp_path_factory.mktemp("junk")
    corpus = folder(tmp / "c", {**GOOD, "junk.txt": data})
    before = state(corpus)
    result = cli("phrases", "--corpus", corpus, "--csv", *(["--skip-bad"] if skip_bad else []), out=tmp / "out")
    text = _readable(data)
    if text is None and not skip_bad:
        one_error(result, "junk.txt", "offset")
    else:
        warnings = succeeded(result)
        ids = {r["doc_id"] for r in csv.DictReader(io.StringIO(result.stdout.decode("utf-8")))}
        readable = text is not None and text.lstrip("\ufeff").strip()
        assert ids == ({"a", "b", "junk"} if readable else {"a", "b"})
        assert readable or [w for w in warnings if "junk.txt" in w]
    assert state(corpus) == before


@FEW
@given(codec=st.sampled_from(["utf-16-le", "utf-16-be"]), cut=st.integers(min_value=3, max_value=60))
def test_truncated_utf16_is_refused_at_the_last_byte_when_it_is_half_a_character(tmp_path_factory, codec, cut):
    data = (_BOMS[codec] + ARTICLE_A.encode(codec))[:cut]
    tmp = tmp_path_factory.mktemp("utf16")
    corpus = folder(tmp / "c", {**GOOD, "cut.txt": data})
    result = cli("kwic", "--corpus", corpus, "--csv", out=tmp / "out")
    if cut % 2:  # a BOM of 2 bytes and an odd number of bytes after it
        one_error(result, "cut.txt", f"0x{data[-1]:02x} at offset {cut - 1}")
    else:
        succeeded(result)


_FIELD = st.text(alphabet="abcdeghiklmnopqrstuvxyàáạảãâầấậẩẫăằắặẳẵđèéẹẻẽêềếệểễ ", min_size=1, max_size=12)


@FEW
@given(rows=st.lists(st.tuples(_FIELD, _FIELD), min_size=2, max_size=6), data=st.data())
def test_a_csv_quote_left_open_is_refused_naming_its_line(tmp_path_factory, rows, data):
    k = data.draw(st.integers(0, len(rows) - 1), label="row")
    column = data.draw(st.sampled_from([0, 1]), label="column")
    lines = ["title,text", *(f"{title},{text}" for title, text in rows)]  # no quotes, commas or line ends in fields
    fields = lines[k + 1].split(",")
    fields[column] = '"' + fields[column]
    lines[k + 1] = ",".join(fields)
    tmp = tmp_path_factory.mktemp("csv")
    table = tmp / "t.csv"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one_error(cli("corpus", "--corpus", table, out=tmp / "out"), f"t.csv: line {k + 2}")


@FEW
@given(rows=st.lists(st.tuples(_FIELD, _FIELD), min_size=1, max_size=4), data=st.data())
def test_a_quote_inside_an_unquoted_csv_field_is_text(tmp_path_factory, rows, data):
    k = data.draw(st.integers(0, len(rows) - 1), label="row")
    rows[k] = (rows[k][0], rows[k][1] + '"x')
    tmp = tmp_path_factory.mktemp("csv")
    table = tmp / "t.csv"
    table.write_text("title,text\n" + "".join(f"{t},{x}\n" for t, x in rows), encoding="utf-8")
    result = cli("corpus", "--corpus", table, "--csv", out=tmp / "out")
    blank = [i for i, (_, text) in enumerate(rows) if not text.strip()]  # skipped with a warning
    succeeded(result)
    ids = [r["doc_id"] for r in csv.DictReader(io.StringIO(result.stdout.decode("utf-8")))]
    assert ids == sorted(str(i + 1) for i in range(len(rows)) if i not in blank)


_NOT_A_STRING = st.one_of(
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
_NOT_AN_ID = st.one_of(
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@FEW
@given(n=st.integers(1, 4), data=st.data(), command=st.sampled_from(list(SUBCOMMANDS)))
def test_json_values_of_the_wrong_type_are_refused_naming_line_and_field(tmp_path_factory, n, data, command):
    rows = [{"id": f"r{i}", "text": f"Hai bên nhất trí hợp tác {i}.", "date": f"2025-01-0{i + 1}"} for i in range(n)]
    k = data.draw(st.integers(0, n - 1), label="row")
    field = data.draw(st.sampled_from(["text", "title", "source", "date", "id"]), label="field")
    rows[k][field] = data.draw(_NOT_AN_ID if field == "id" else _NOT_A_STRING, label="value")
    tmp = tmp_path_factory.mktemp("json")
    table = tmp / "t.jsonl"
    table.write_bytes(jsonl(rows))
    before = state(table)
    one_error(cli(command, "--corpus", table, out=tmp / "out"), f"t.jsonl: line {k + 1}", repr(field))
    assert state(table) == before
