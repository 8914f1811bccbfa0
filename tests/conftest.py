"""Shared fixtures: the Gujarati pack, and the shared corpus when it is present beside the project."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from ghatna import load_language
from ghatna.evaluation import CORPUS_FILES

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# Compiled lexicons go to a fresh directory, so a test run neither reads nor leaves the user's cache.
os.environ["GHATNA_CACHE"] = tempfile.mkdtemp(prefix="ghatna-test-cache-")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once when a module compiled in place (setup.py) is older than its source: Python would
    import the stale compiled one and test yesterday's code."""
    pairs = [(so, so.with_name(so.name.split(".")[0] + ".py")) for so in (ROOT / "src").rglob("*.so")]
    stale = [str(so.relative_to(ROOT)) for so, py in pairs if py.exists() and py.stat().st_mtime > so.stat().st_mtime]
    if stale:
        pytest.exit(f"compiled modules are older than their sources ({', '.join(stale)}): `make test` rebuilds "
                    "them (GHATNA_COMPILE=0 make test: without compiling)", returncode=2)


@pytest.fixture(scope="session")
def gu():
    return load_language("gu")


@pytest.fixture(scope="session")
def lex(gu):
    return gu.lexicon


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is absent (a fresh clone): corpus-based checks are skipped")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared) -> str:
    return (shared / "seed" / "kim-putin-visit.gu.txt").read_text(encoding="utf-8")


@pytest.fixture
def cli():
    """Run the ``ghatna`` command line in-process with typer's CliRunner: ``cli("code", path, ...)``.

    Returns the ``typer.testing.Result`` (``exit_code``, ``stdout``, ``stderr`` kept apart, ``exception``).
    ``input`` (str or bytes) is standard input; ``env`` overrides environment variables for the run.
    """
    from typer.testing import CliRunner

    from ghatna.cli import app

    runner = CliRunner()

    def invoke(*args: object, input: str | bytes | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, env=env)

    return invoke



@pytest.fixture(scope="session")
def corpus_jsonl(shared, tmp_path_factory) -> Path:
    """Every line of the shared corpus as one article of a JSONL file (ids ``file:line``), read at run
    time from ../shared; the few lines in another script are kept, so readers see them too."""
    import json

    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for rel in CORPUS_FILES:
            for n, line in enumerate((shared / rel).read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    out.write(json.dumps({"id": f"{Path(rel).name}:{n}", "text": line}, ensure_ascii=False) + "\n")
    return path
