# The two commands of the README: `make figures` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: figures test setup benchmark lab clean

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

setup: $(VENV)/.installed

figures: setup  ## install what is needed, then regenerate every figure and notebook report from seeds/
	$(PY) -m analysis figures
	$(PY) -m analysis.runtime.notebooks render notebooks/*.ipynb --out figures/notebooks

test: setup  ## strip what running the notebooks saved in them, then run the test suite (what .ci/run runs)
	$(PY) -m analysis.runtime.notebooks strip notebooks/*.ipynb
	$(PY) -m pytest

benchmark: setup  ## speed on VNTC (needs ../shared/corpora/vntc-train.tar.gz)
	$(PY) benchmarks/bench_tokenise.py

lab: setup  ## open the notebooks in JupyterLab
	$(PY) -m jupyter lab notebooks/

clean:
	rm -rf $(VENV) .cache .pytest_cache .hypothesis
