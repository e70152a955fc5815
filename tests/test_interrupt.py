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

import pytest

from helpers import ROOT, write

SYLLABLES = ("hợp tác phát triển kinh tế văn hóa giáo dục quốc phòng an ninh hữu nghị đặc biệt toàn diện "
             "chiến lược nhân dân chính phủ quốc hội đầu tư thương mại nông nghiệp công nghiệp khoa học "
             "công nghệ môi trường biển đảo du lịch y tế lao động việc làm").split()


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """4,000 made-up articles: enough that reading and tokenising take seconds on two workers."""
    root = tmp_path_factory.mktemp("big")
    rng = random.Random(7)
    for i in range(4000):
        sentences = [" ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(8, 20))).capitalize() + "."
                     for _ in range(15)]
        write(root / f"{i // 500}" / f"{i:04d}.txt", f"Bài {i}\n\n" + " ".join(sentences) + "\n")
    return root


def _interrupted(args: list[str], delay: float, env: dict) -> tuple[int | str, float, str]:
    """Run the command line, send SIGINT to its process group after ``delay`` seconds; return code,
    seconds from the signal to the exit, stderr."""
    proc = subprocess.Popen([sys.executable, "-m", "analysis", *args], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGINT)
    sent = time.monotonic()
    try:
        _, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "hung", 20.0, ""
    return proc.returncode, time.monotonic() - sent, err.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def duration(big_corpus):
    """Seconds that an uninterrupted cold run of each command takes here."""
    def measure(command: str) -> float:
        start = time.monotonic()
        subprocess.run([sys.executable, "-m", "analysis", command, "--csv", "--corpus", str(big_corpus), "--no-cache",
                        "--jobs", "2"], cwd=ROOT, capture_output=True, check=True)
        return time.monotonic() - start
    return {command: measure(command) for command in ("corpus", "phrases")}


@pytest.mark.parametrize("command", ["corpus", "phrases"])
@pytest.mark.parametrize("share", [0.35, 0.6, 0.85])
def test_ctrl_c_ends_at_once_with_one_line(big_corpus, duration, tmp_path, command, share):
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")}
    args = [command, "--csv", "--corpus", str(big_corpus), "--jobs", "2"]
    code, seconds, err = _interrupted(args, share * duration[command], env)
    assert code == 130, (code, err[-2000:])
    assert seconds < 10
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err[-2000:]
    assert err.splitlines()[-1] == "interrupted"
    assert [line for line in err.splitlines() if not line.startswith("warning: ")] == ["interrupted"]


def test_cache_left_by_an_interrupted_run_gives_the_same_output(big_corpus, duration, tmp_path):
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")}
    args = ["corpus", "--csv", "--corpus", str(big_corpus), "--jobs", "2"]
    for share in (0.4, 0.8):
        code, _, err = _interrupted(args, share * duration["corpus"], env)
        assert code in (0, 130), err[-2000:]
    warm = subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, env=env, capture_output=True)
    fresh = subprocess.run([sys.executable, "-m", "analysis", *args, "--no-cache"], cwd=ROOT, capture_output=True)
    assert warm.returncode == fresh.returncode == 0, warm.stderr[-2000:]
    assert warm.stdout == fresh.stdout
