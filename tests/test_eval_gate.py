"""The evaluation gate: every gold set scores at least its pinned F1 floors (eval/floors.json).

Floors are pinned with the hash of their gold file; scripts/pin_floors.py raises them, and lowers
them only with --allow-lower. Gold sets that read ../shared are skipped when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ghatna.evaluation import PROJECT_ROOT, gold_hash, shared_dir, split_scores

FLOORS = json.loads((PROJECT_ROOT / "eval" / "floors.json").read_text())
GOLD_FILES = sorted((PROJECT_ROOT / "eval").glob("*.gold.jsonl"))


def needs_shared(path: Path) -> bool:
    return any('"path": "examples/' not in line for line in path.read_text(encoding="utf-8").splitlines() if line)


def test_every_gold_file_has_floors() -> None:
    assert {p.name for p in GOLD_FILES} == set(FLOORS)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_is_the_one_the_floors_were_pinned_on(path: Path) -> None:
    assert gold_hash(path) == FLOORS[path.name]["sha256"], (
        f"{path.name} changed since its floors were pinned: run scripts/pin_floors.py")


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_scores_stay_above_their_floors(path: Path) -> None:
    if needs_shared(path) and not (shared_dir() / "corpus").is_dir():
        pytest.skip("../shared is absent: corpus gold cannot be scored")
    floors = FLOORS[path.name]
    for split, scores in split_scores(path).items():
        for metric, value in scores.items():
            floor = floors[split][metric]
            assert value >= floor, f"{path.name} {split} {metric} {value} < floor {floor}"
