"""The notebooks stored clean, run with other parameters, and rendered to HTML reports.

``python -m analysis.runtime.notebooks strip notebooks/*.ipynb`` removes what running a notebook
saves into it (outputs, execution counts, editor and kernel metadata), so the stored files stay
small and diff-friendly: ``make test`` does it first. ``... render notebooks/*.ipynb --out
figures/notebooks`` runs each notebook from its folder and writes ``<name>.html`` beside the figures,
byte-identical from run to run and readable offline (``make figures`` does it on the seeds);
``--set NAME=VALUE`` changes its parameters cell first (``--set CORPUS=/data/news --set K=10``).

The notebook tools (nbclient, nbformat, nbconvert) are imported only here, when these run.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

__all__ = ["strip", "strip_file", "with_parameters", "execute", "render", "main"]

#: Cell metadata worth keeping (the papermill ``parameters`` tag); the rest is editor state.
CELL_METADATA = ("tags",)

#: jupyterlab's template without the scripts it fetches from a CDN (require.js, MathJax, mermaid):
#: the notebooks use none of them, and a report must read offline.
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def strip(notebook: dict) -> dict:
    """``notebook`` (its JSON as a dict) without outputs, execution counts, cell metadata other than
    tags, or notebook metadata other than the kernel's name and language."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in CELL_METADATA}
    meta = notebook.get("metadata", {})
    kept = {}
    if "kernelspec" in meta:
        kept["kernelspec"] = {
            k: meta["kernelspec"][k] for k in ("display_name", "language", "name") if k in meta["kernelspec"]
        }
    if "language_info" in meta:
        kept["language_info"] = {"name": meta["language_info"].get("name", "python")}
    notebook["metadata"] = kept
    return notebook


def _dumps(notebook: dict) -> str:
    # As Jupyter writes it: one space of indent, keys sorted, non-ASCII as written.
    return json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def strip_file(path: str | Path) -> bool:
    """Strip the notebook at ``path`` in place; True if that changed it."""
    path = Path(path)
    before = path.read_text(encoding="utf-8")
    after = _dumps(strip(json.loads(before)))
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before


def _value(text: str):
    """A ``--set`` value: a Python literal (``10``, ``None``, ``'"text"'``), else the text itself."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def with_parameters(notebook, values: dict):
    """``notebook`` (an nbformat node) with the assignments of its ``parameters`` cell set to
    ``values``; ValueError naming a parameter the cell does not assign."""
    cell = next((c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])), None)
    if cell is None:
        raise ValueError("values: the notebook has no cell tagged 'parameters'")
    lines, missing = cell.source.split("\n"), set(values)
    for i, line in enumerate(lines):
        name = line.split("=", 1)[0].strip()
        if "=" in line and name in values and not line.startswith((" ", "#")):
            lines[i] = f"{name} = {values[name]!r}"
            missing.discard(name)
    if missing:
        raise ValueError(f"values: no parameter {', '.join(sorted(missing))} in the parameters cell")
    cell.source = "\n".join(lines)
    return notebook


def execute(path: str | Path, values: dict | None = None, *, timeout: int = 1800):
    """The notebook at ``path`` run top to bottom from its own folder, as a user would open it, with
    its parameters cell set to ``values``; a cell that fails raises ``nbclient``'s error."""
    import nbclient
    import nbformat

    path = Path(path)
    notebook = with_parameters(nbformat.read(path, as_version=4), values or {})
    nbclient.NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    ).execute()
    return notebook


def render(path: str | Path, out: str | Path, values: dict | None = None) -> Path:
    """Run the notebook at ``path`` and write it, outputs and all, to ``out/<name>.html``.

    Progress bars and warnings (stderr) are left out; the page embeds its figures and needs no network.
    """
    import jinja2
    from nbconvert import HTMLExporter

    from .outputs import make_folder, write_atomic

    path, out = Path(path), Path(out)
    notebook = execute(path, values)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
    exporter = HTMLExporter(
        extra_loaders=[jinja2.DictLoader({"report.html.j2": TEMPLATE})], template_file="report.html.j2"
    )
    html, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
    html, css = _shared_style(html)
    make_folder(out)
    write_atomic(out / STYLESHEET, css.encode("utf-8"))
    target = out / f"{path.stem}.html"
    write_atomic(target, html.encode("utf-8"))
    return target


#: The page style every report shares (JupyterLab's), written once beside them.
STYLESHEET = "report.css"


def _shared_style(html: str) -> tuple[str, str]:
    """``html`` with the style sheets of its head replaced by a link to :data:`STYLESHEET`, and their text
    (the same for every notebook: 1,800 lines that each report would otherwise repeat)."""
    head, rest = html.split("</head>", 1)
    sheets = re.findall(r'<style type="text/css">(.*?)</style>', head, flags=re.S)
    head = re.sub(r'<style type="text/css">.*?</style>\s*', "", head, flags=re.S)
    link = f'<link rel="stylesheet" href="{STYLESHEET}">\n'
    return head + link + "</head>" + rest, "\n".join(s.strip("\n") for s in sheets) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.runtime.notebooks", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    strip_ = commands.add_parser("strip", help="remove outputs and metadata in place")
    strip_.add_argument("notebooks", nargs="+", type=Path)
    render_ = commands.add_parser("render", help="run and write an HTML report of each notebook")
    render_.add_argument("notebooks", nargs="+", type=Path)
    render_.add_argument("--out", type=Path, required=True)
    render_.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a parameter's new value")
    args = parser.parse_args(argv)
    if args.command == "strip":
        changed = [p for p in args.notebooks if strip_file(p)]
        for p in changed:
            print(f"stripped outputs and metadata from {p}", file=sys.stderr)
        return 0
    values = {}
    for item in args.set:
        name, sep, text = item.partition("=")
        if not sep:
            parser.error(f"--set expects NAME=VALUE, not {item!r}")
        values[name.strip()] = _value(text)
    for p in args.notebooks:
        print(f"rendered {render(p, args.out, values)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
