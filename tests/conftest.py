"""Shared fixtures: the Gujarati pack, and the shared corpus when it is present beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from ghatna import load_language

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


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
