"""One registry of figures, one entry point: ``python -m analysis figures`` walks it.

Each figure ``X`` is two functions and their composition:

- ``X_table(session, **parameters)`` returns the DataFrame written as ``X.csv`` (what the drawing
  needs beyond the CSV rides in ``DataFrame.attrs``);
- ``draw_X(table)`` turns such a table, also one a notebook made or filtered, into a
  :class:`~analysis.figures.plotting.Plot`, computing nothing from the corpus;
- ``X(session, **parameters)`` is ``draw_X(X_table(session, **parameters))``.

Registering ``X`` with :func:`figure` gives it an id, a title, its table and draw functions; its
caption is the first paragraph of its docstring. :func:`write_figures` writes ``<id>.png``,
``<id>.svg``, ``<id>.csv``, ``manifest.json`` and a ``README.md`` catalogue.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
import json
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .. import config
from ..errors import InputError, ParameterError
from ..runtime.numeric import numeric_settings
from ..runtime.outputs import check_outside, make_folder, write_atomic
from ..runtime.parallel import progress
from .plotting import Plot, note, save, style, write_csv

__all__ = [
    "FigureSpec",
    "REGISTRY",
    "figure",
    "caption_of",
    "figure_table",
    "draw_figure",
    "write_figures",
    "FIGURE_MODULES",
]

#: Modules whose figures the registry holds, in catalogue order.
FIGURE_MODULES = (
    "analysis.overview.figures",
    "analysis.framing.figures",
    "analysis.topics.figures",
    "analysis.stance.figures",
    "analysis.copies.figures",
)
LIBRARIES = (
    "matplotlib",
    "numpy",
    "pandas",
    "pyvi",
    "python-crfsuite",
    "scikit-learn",
    "gensim",
    "stopwordsiso",
    "datasketch",
)


def caption_of(function: Callable) -> str:
    """The catalogue caption of a figure function: its docstring up to the first numpydoc section
    (``Parameters``, ``Returns`` ...), lines and paragraphs joined by single spaces."""
    lines = inspect.getdoc(function).splitlines() if function.__doc__ else []
    ends = [i for i in range(len(lines) - 1) if lines[i].strip() and set(lines[i + 1].strip()) == {"-"}]
    return " ".join(" ".join(lines[: ends[0] if ends else len(lines)]).split())


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: ``function(session, **params)`` is ``draw(table(session, **params))``."""

    id: str
    title: str
    function: Callable
    table: Callable
    draw: Callable
    params: dict = field(default_factory=dict)
    #: Work :func:`write_figures` starts before drawing any figure (``prepare(session)``), so that it
    #: runs in worker processes while other figures are drawn; figures that prepare are drawn last.
    prepare: Callable | None = None

    @property
    def caption(self) -> str:
        return caption_of(self.function)

    @property
    def qualname(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"


REGISTRY: dict[str, FigureSpec] = {}


def figure(figure_id: str, *, title: str, table: Callable, draw: Callable, prepare: Callable | None = None, **params):
    """Register the decorated function as figure ``figure_id``: the registry draws it as
    ``draw(table(session, **params))``; the function's docstring is its caption. ``prepare(session)``,
    if given, starts long work of the figure in worker processes before any figure is drawn."""

    def register(function: Callable) -> Callable:
        if not caption_of(function) and sys.flags.optimize < 2:  # python -OO drops every docstring
            raise TypeError(f"figure {figure_id!r}: {function.__qualname__} has no docstring to caption it")
        REGISTRY[figure_id] = FigureSpec(figure_id, title, function, table, draw, params, prepare)

        @functools.wraps(function)
        def figure_or_note(*args, **kwargs) -> Plot:  # as write_figures draws it: a notebook never stops on it
            try:
                return function(*args, **kwargs)
            except InputError as e:
                with style():
                    return note(f"Not drawn for this corpus: {e}")

        return figure_or_note

    return register


def _load() -> dict[str, FigureSpec]:
    for module in FIGURE_MODULES:
        importlib.import_module(module)
    return REGISTRY


def figure_table(figure_id: str, session, **params):
    """The table of one figure, as written to ``<id>.csv``: what a notebook shows, filters or cites.

    Parameters
    ----------
    figure_id : str
        A figure of the catalogue (``figures/README.md``), such as ``"phrase_timeline"``.
    session : Session
        The corpus.
    **params
        The figure's own parameters (a ``lexicon``, ``k`` and ``random_state`` of the topic
        model, a keyness ``split`` date, a ``period``), as its table function names them.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import analysis
    >>> table = analysis.figure_table("document_lengths", analysis.Session())
    >>> len(table), list(table.columns[:2])
    (5, ['doc_id', 'date'])
    """
    specs = _load()
    if figure_id not in specs:
        raise ParameterError("figure_id", f"no figure {figure_id!r} (known: {', '.join(sorted(specs))})")
    spec = specs[figure_id]
    return spec.table(session, **{**spec.params, **params})


def draw_figure(figure_id: str, source, **params) -> Plot:
    """One figure, drawn from a session (its table made first) or from a table of :func:`figure_table`
    (perhaps filtered); where this corpus cannot give the figure, a note that says why.

    Parameters
    ----------
    figure_id : str
        A figure of the catalogue.
    source : Session or pandas.DataFrame
        The corpus, or the figure's table.
    **params
        The figure's parameters, for a session (see :func:`figure_table`).

    Returns
    -------
    Plot
        ``figure`` (matplotlib), ``data`` (the table drawn), ``caption`` (what this corpus made the
        figure aggregate, if anything), ``details``.

    Examples
    --------
    >>> import analysis
    >>> table = analysis.figure_table("document_lengths", analysis.Session())
    >>> plot = analysis.draw_figure("document_lengths", table.head(3))
    >>> len(plot.data), len(plot.figure.axes) >= 1
    (3, True)
    """
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        if figure_id not in _load():
            raise ParameterError("figure_id", f"no figure {figure_id!r} (known: {', '.join(sorted(_load()))})")
        return _load()[figure_id].draw(source)
    try:
        table = figure_table(figure_id, source, **params)
    except ParameterError:  # the caller's mistake, not the corpus's: say it
        raise
    except InputError as e:
        with style():
            return note(f"Not drawn for this corpus: {e}")
    return _load()[figure_id].draw(table)


def code_hash() -> str:
    """A hash of every file of the ``analysis`` package: what code drew the figures."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _corpus_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(config.ROOT).as_posix()
    except ValueError:
        return str(path)


def _entry(spec: FigureSpec, plot: Plot, files: list[Path]) -> dict:
    entry = {
        "title": spec.title,
        "caption": f"{spec.caption} {plot.caption}".strip(),
        "function": spec.qualname,
        "parameters": spec.params,
        "files": [p.name for p in files],
    }
    if plot.details:
        entry["details"] = plot.details
    return entry


def draw(spec: FigureSpec, session) -> Plot:
    """Figure ``spec`` of a session's corpus, or a note saying why this corpus cannot give it."""
    try:
        table = spec.table(session, **spec.params)
    except InputError as e:
        with style():
            return note(f"Not drawn for this corpus: {e}")
    return spec.draw(table)


def _manifest(session, specs: list[FigureSpec], entries: dict[str, dict]) -> dict:
    return {
        "corpus": {
            "path": _corpus_name(session.path),
            "documents": len(session.corpus),
            "skipped": len(session.corpus.skipped),
            "sha256": session.corpus.fingerprint(),
            "keep_captions": session.keep_captions,
            "dedup": getattr(session, "dedup", False),
            **({"selection": session.selection} if getattr(session, "selection", None) else {}),
        },
        "code_sha256": code_hash(),
        "python": ".".join(platform.python_version_tuple()[:2]),
        "libraries": {name: metadata.version(name) for name in LIBRARIES},
        "numeric_environment": numeric_settings(),
        "figures": {spec.id: entries[spec.id] for spec in specs},
    }


def _catalogue(manifest: dict) -> str:
    lines = [
        "# Figures",
        "",
        "Generated by `python -m analysis figures` from the corpus "
        f"`{manifest['corpus']['path']}` ({manifest['corpus']['documents']} documents). "
        "Do not edit: regenerate. Each figure has its data beside it as CSV; "
        "`manifest.json` records the code, parameters and library versions.",
        "",
    ]
    for fid, entry in manifest["figures"].items():
        lines += [
            f"## `{fid}`: {entry['title']}",
            "",
            entry["caption"],
            "",
            f"![{entry['title']}]({fid}.png)",
            "",
            f"Files: [{fid}.png]({fid}.png), [{fid}.svg]({fid}.svg), [{fid}.csv]({fid}.csv). "
            f"Made by `{entry['function']}`.",
            "",
        ]
    return "\n".join(lines)


def write_figures(session, out: str | Path, *, only: list[str] | None = None) -> list[Path]:
    """Draw every registered figure (or those in ``only``) of a session's corpus into a folder.

    Parameters
    ----------
    session : Session
    out : path
        The folder (made if needed; never inside the corpus).
    only : list of str, optional
        Figure ids to draw (default: all).

    Returns
    -------
    list of Path
        The files written: ``<id>.png``, ``<id>.svg``, ``<id>.csv`` of each figure, then
        ``manifest.json`` and the catalogue ``README.md``.

    Examples
    --------
    >>> import analysis, tempfile
    >>> files = write_figures(analysis.Session(), tempfile.mkdtemp(), only=["document_lengths"])
    >>> sorted(p.name for p in files)
    ['README.md', 'document_lengths.csv', 'document_lengths.png', 'document_lengths.svg', 'manifest.json']
    """
    out = Path(out)
    specs = [spec for fid, spec in sorted(_load().items()) if only is None or fid in only]
    names = [f"{spec.id}{suffix}" for spec in specs for suffix in (".png", ".svg", ".csv")]
    for target in (out, *(out / name for name in (*names, "manifest.json", "README.md"))):
        check_outside(target, session.path, what="figure output")
    make_folder(out)
    files: dict[str, list[Path]] = {}
    entries: dict[str, dict] = {}
    try:
        for prepare in dict.fromkeys(spec.prepare for spec in specs if spec.prepare):
            prepare(session)
        order = sorted(specs, key=lambda spec: spec.prepare is not None)  # what was started, last
        for spec in progress(order, len(order), "figures", unit="figure", min_total=1):
            plot = draw(spec, session)
            files[spec.id] = [*save(plot.figure, out / spec.id), write_csv(plot.data, out / f"{spec.id}.csv")]
            entries[spec.id] = _entry(spec, plot, files[spec.id])
    finally:
        session.cancel_started()
    manifest = _manifest(session, specs, entries)
    write_atomic(
        out / "manifest.json",
        (json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"),
    )
    write_atomic(out / "README.md", _catalogue(manifest).encode("utf-8"))
    return [p for spec in specs for p in files[spec.id]] + [out / "manifest.json", out / "README.md"]
