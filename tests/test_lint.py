"""The code is linted and formatted with ruff (pinned in requirements.lock, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import ROOT


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"])
def test_ruff_finds_nothing(args):
    result = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 0, (result.stdout + result.stderr).decode()[-3000:]
