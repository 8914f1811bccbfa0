"""Pin the evaluation gate's F1 floors (eval/floors.json) to the current scores.

A floor is the current score rounded down to 0.01, pinned with the hash of its gold file, so that a
changed gold file fails the gate until its floors are pinned again. Raising floors is always allowed;
lowering one needs --allow-lower (say why in the commit message).

    .venv/bin/python scripts/pin_floors.py [--allow-lower] [eval/x.gold.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from ghatna.evaluation import PROJECT_ROOT, gold_hash, split_scores

FLOORS = PROJECT_ROOT / "eval" / "floors.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, help="gold files (default: every eval/*.gold.jsonl)")
    parser.add_argument("--allow-lower", action="store_true", help="allow a floor to go down")
    args = parser.parse_args()
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    golds = args.gold or sorted((PROJECT_ROOT / "eval").glob("*.gold.jsonl"))
    refused = []
    for path in golds:
        name = path.name
        old = floors.get(name, {})
        new = {"sha256": gold_hash(path)}
        for split, scores in split_scores(path).items():
            new[split] = {k: math.floor(v * 100) / 100 for k, v in scores.items()}
            for k, v in new[split].items():
                before = old.get(split, {}).get(k)
                if before is not None and v < before and not args.allow_lower:
                    refused.append(f"{name} {split} {k}: {before} -> {v}")
        floors[name] = new
        print(name, {s: new[s] for s in new if s != "sha256"})
    if refused:
        print("refusing to lower floors (use --allow-lower and say why):\n  " + "\n  ".join(refused), file=sys.stderr)
        return 1
    FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
