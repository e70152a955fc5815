"""Small text fixtures shared by the tests (the seed articles and a captioned article)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from analysis.runtime.numeric import pin_numerics

pin_numerics()  # as the command line and the notebooks do, before the tests load numpy

from analysis.reading.layout import parse_document  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_PATHS = sorted(SEEDS.glob("*.txt"))


def read_seed(path: Path) -> str:
    """A seed file as the corpus reader would give it: NFC, LF line ends, no BOM."""
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


# A header, a body paragraph, a photo (sentence + credit: both captions) and a last body paragraph.
# Syllables: title 6, first body 10, caption 11 + 2, last body 10.
CAPTIONED = (
    "date 2026-02-05 Hai nước tăng cường hợp tác\n"
    "\n"
    "Hai bên nhất trí thúc đẩy hợp tác kinh tế.\n"
    "\n"
    "Tổng Bí thư Tô Lâm và Thủ tướng Lào Sonexay Siphandone. Ảnh: TTXVN\n"
    "\n"
    "Hai bên đã ký kết nhiều văn kiện quan trọng.\n"
)


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    assert SEED_PATHS, f"no seed files in {SEEDS}"
    return {p.stem: read_seed(p) for p in SEED_PATHS}


@pytest.fixture(scope="session", params=SEED_PATHS, ids=lambda p: p.stem)
def seed_text(request) -> str:
    """Each seed article in turn (NFC, LF line ends)."""
    return read_seed(request.param)


@pytest.fixture(scope="session")
def seeds_cache(tmp_path_factory) -> Path:
    """A cache folder that the test processes of one run share (beside their own temporary folders), for
    tests on the seeds that are not about a cold run: what one of them tokenises and fits, the others read.
    The cache takes concurrent users (a locked entry is bypassed, not waited for)."""
    import os

    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "seeds-cache"


@pytest.fixture(scope="session")
def seed_documents(seed_texts):
    return [parse_document(doc_id, text) for doc_id, text in seed_texts.items()]


@pytest.fixture(scope="session")
def captioned_document():
    return parse_document("captioned", CAPTIONED)


def two_workers():
    """A two-worker Dask cluster on this machine, as a user would start with ``dask scheduler``/``dask
    worker``: its scheduler's address and a client."""
    import distributed

    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local,
        distributed.Client(local) as client,
    ):
        yield local.scheduler_address, client


#: The cluster the tests of ``test_cluster*.py`` share.
cluster = pytest.fixture(scope="module")(two_workers)

#: A cluster of its own, for a test that kills one of its workers (so no later test depends on its
#: nanny bringing a worker back).
cluster_to_break = pytest.fixture(two_workers)
