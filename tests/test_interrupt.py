"""Ctrl-C during a parallel stage: exit 130 within seconds, one line, no worker traceback, a usable cache.

A terminal sends SIGINT to the whole process group, workers included; that is what these tests do.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import psutil
import pytest
from helpers import ROOT, write

SYLLABLES = (
    "hợp tác phát triển kinh tế văn hóa giáo dục quốc phòng an ninh hữu nghị đặc biệt toàn diện "
    "chiến lược nhân dân chính phủ quốc hội đầu tư thương mại nông nghiệp công nghiệp khoa học "
    "công nghệ môi trường biển đảo du lịch y tế lao động việc làm"
).split()


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """4,000 made-up articles: enough that reading and tokenising take seconds on two workers."""
    root = tmp_path_factory.mktemp("big")
    rng = random.Random(7)
    for i in range(4000):
        sentences = [
            " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(8, 20))).capitalize() + "." for _ in range(15)
        ]
        write(root / f"{i // 500}" / f"{i:04d}.txt", f"Bài {i}\n\n" + " ".join(sentences) + "\n")
    return root


def _interrupted(args: list[str], env: dict, *, after: float = 0.0) -> tuple[int | str, float, str]:
    """Run the command line; once its worker processes exist (a parallel stage has begun) and ``after``
    more seconds have passed, send SIGINT to its process group. Return the exit code, the seconds from
    the signal to the exit, and stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", *args],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline and len(psutil.Process(proc.pid).children()) < 2:
        time.sleep(0.01)
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGINT)
    sent = time.monotonic()
    try:
        _, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "hung", 20.0, ""
    return proc.returncode, time.monotonic() - sent, err.decode("utf-8", "replace")


@pytest.mark.parametrize("command", ["corpus", "phrases"])
@pytest.mark.parametrize("after", [0.0, 0.1, 0.3])
def test_ctrl_c_ends_at_once_with_one_line(big_corpus, tmp_path, command, after):
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")}
    args = [command, "--csv", "--corpus", str(big_corpus), "--jobs", "2"]
    code, seconds, err = _interrupted(args, env, after=after)
    assert code == 130, (code, err[-2000:])
    assert seconds < 10
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err[-2000:]
    assert [line for line in err.splitlines() if not line.startswith("warning: ")] == ["interrupted"]


def test_cache_left_by_an_interrupted_run_gives_the_same_output(big_corpus, tmp_path):
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")}
    args = ["corpus", "--csv", "--corpus", str(big_corpus), "--jobs", "2"]
    for after in (0.3, 1.5):  # in reading, then (with layouts cached) in tokenising
        code, _, err = _interrupted(args, env, after=after)
        assert code in (0, 130), err[-2000:]
    warm = subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, env=env, capture_output=True)
    fresh = subprocess.run([sys.executable, "-m", "analysis", *args, "--no-cache"], cwd=ROOT, capture_output=True)
    assert warm.returncode == fresh.returncode == 0, warm.stderr[-2000:]
    assert warm.stdout == fresh.stdout


def test_an_interrupt_that_a_library_turns_into_another_error_is_still_an_interruption(monkeypatch, capsys):
    from analysis import cli

    def drawing(session, args):  # as matplotlib's drawing code does with a KeyboardInterrupt
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            raise ValueError("Invalid affine transformation matrix") from None

    monkeypatch.setitem(cli.COMMANDS, "corpus", drawing)
    before = signal.getsignal(signal.SIGINT)  # Python's default, unless a library in this process changed it
    assert cli.main(["corpus", "--no-cache"]) == 130
    assert capsys.readouterr().err.splitlines()[-1] == "interrupted"
    assert signal.getsignal(signal.SIGINT) is before  # the handler is given back


def test_an_interrupt_that_a_library_swallows_is_still_an_interruption(monkeypatch, capsys):
    from analysis import cli

    def swallowing(session, args):  # a library that catches KeyboardInterrupt and goes on
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass

    monkeypatch.setitem(cli.COMMANDS, "corpus", swallowing)
    assert cli.main(["corpus", "--no-cache"]) == 130
    assert capsys.readouterr().err.splitlines()[-1] == "interrupted"
