"""Scoring coded events against gold annotations (docs/gold-format.md).

``load_gold`` reads a gold file and the texts it points at; ``evaluate`` codes each gold document (or
takes given system events), matches events sentence by sentence on (source, target, code) at full-code
and at CAMEO-root level, and reports precision, recall, F1, factuality accuracy and date accuracy, in
total and per root.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ghatna.errors import InputError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"
#: the Gujarati text files of the shared corpus, one sentence a line (paths relative to ``shared_dir``)
CORPUS_FILES = ("corpus/ntrex128/newstest2019-ref.guj.txt", "corpus/flores200/guj_Gujr.devtest",
                "corpus/wmt19-newsdev/newsdev2019.guj")


def shared_dir() -> Path:
    """Where the shared corpus is: ``$GHATNA_SHARED`` or ``../shared`` beside the project."""
    return Path(os.environ.get("GHATNA_SHARED", DEFAULT_SHARED))


@dataclass(slots=True)
class GoldEvent:
    source: str | None
    target: str | None
    cameo: str
    factuality: str
    date: str | None


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    date: str | None
    split: str
    first_line: int | None  # documents made of lines: the number of the first line
    sentences: dict[int, list[GoldEvent]] = field(default_factory=dict)  # key: line or start offset

    def key_of(self, sentence_start: int) -> int:
        """The gold key (line number or start offset) of a sentence starting at ``sentence_start``."""
        if self.first_line is None:
            return sentence_start
        return self.first_line + self.text.count("\n", 0, sentence_start)


def _resolve(path: str, gold_path: Path) -> Path:
    if path.startswith("examples/"):
        return PROJECT_ROOT / path
    return shared_dir() / path


def load_gold(path: Path) -> list[GoldDoc]:
    """Gold documents with their texts read from ``../shared`` or the project."""
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{n}: not valid JSON ({e.msg})") from None
        src = obj["source"]
        file = _resolve(src["path"], path)
        if not file.exists():
            raise InputError(f"{path}:{n}: {file} not found (is ../shared beside the project?)")
        lines = src.get("lines")
        if lines:
            all_lines = file.read_text(encoding="utf-8").split("\n")
            text = "\n".join(all_lines[lines[0] - 1:lines[1]])
            first = lines[0]
        else:
            text = file.read_text(encoding="utf-8")
            first = None
        doc = GoldDoc(obj["id"], text, obj.get("date"), obj.get("split", "dev"), first)
        for s in obj.get("sentences", []):
            key = s["line"] if first is not None else s["start"]
            doc.sentences[key] = [GoldEvent(e.get("source"), e.get("target"), e["cameo"], e["factuality"],
                                            e.get("date")) for e in s.get("events", [])]
        docs.append(doc)
    return docs


def actor_key(actor: dict[str, Any] | None) -> str | None:
    """The gold's view of an actor: its country, else its organization."""
    if not actor:
        return None
    return actor.get("country") or actor.get("org") or None


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"gold": self.gold, "system": self.system, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(slots=True)
class Report:
    documents: int = 0
    sentences: int = 0
    code: Counts = field(default_factory=Counts)
    root: Counts = field(default_factory=Counts)
    per_root: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    factuality_right: int = 0
    date_right: int = 0
    compared: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def acc(n):
            return (round(n / self.compared, 4) if self.compared else 0.0)
        return {
            "documents": self.documents, "sentences": self.sentences,
            "code": self.code.as_dict(), "root": self.root.as_dict(),
            "factuality_accuracy": acc(self.factuality_right), "date_accuracy": acc(self.date_right),
            "matched_for_accuracy": self.compared,
            "per_root": {r: c.as_dict() for r, c in sorted(self.per_root.items())},
        }


def _match(gold: list[tuple[Any, ...]], system: list[tuple[Any, ...]]) -> list[tuple[int, int]]:
    """Pairs (gold index, system index) with equal keys, each used once."""
    free: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, key in enumerate(system):
        free[key].append(i)
    pairs = []
    for g, key in enumerate(gold):
        if free.get(key):
            pairs.append((g, free[key].pop(0)))
    return pairs


def score_document(doc: GoldDoc, events: Iterable[dict[str, Any]], report: Report) -> None:
    """Add one document's comparison to ``report``."""
    by_sentence: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        by_sentence[doc.key_of(e["sentence_start"])].append(e)
    report.documents += 1
    keys = set(doc.sentences) | set(by_sentence)
    report.sentences += len(doc.sentences)
    for key in sorted(keys):
        gold = doc.sentences.get(key, [])
        system = by_sentence.get(key, [])
        g_full = [(g.source, g.target, g.cameo) for g in gold]
        s_full = [(actor_key(e["source"]), actor_key(e["target"]), e["cameo"]) for e in system]
        g_root = [(a, b, c[:2]) for a, b, c in g_full]
        s_root = [(a, b, c[:2]) for a, b, c in s_full]
        full_pairs = _match(g_full, s_full)
        root_pairs = _match(g_root, s_root)
        for counts, n_pairs in ((report.code, len(full_pairs)), (report.root, len(root_pairs))):
            counts.gold += len(gold)
            counts.system += len(system)
            counts.matched += n_pairs
        for _, _, r in g_root:
            report.per_root[r].gold += 1
        for _, _, r in s_root:
            report.per_root[r].system += 1
        for gi, si in root_pairs:
            g, s = gold[gi], system[si]
            report.per_root[g.cameo[:2]].matched += 1
            report.compared += 1
            report.factuality_right += g.factuality == s["factuality"]
            report.date_right += g.date == s["date"]
            report.confusion[(g.factuality, s["factuality"])] += 1
        matched_g = {gi for gi, _ in root_pairs}
        matched_s = {si for _, si in root_pairs}
        for gi, g in enumerate(gold):
            if gi not in matched_g:
                report.errors.append({"doc": doc.id, "sentence": key, "kind": "missed",
                                      "event": [g.source, g.target, g.cameo, g.factuality, g.date]})
        for si, s in enumerate(system):
            if si not in matched_s:
                report.errors.append({"doc": doc.id, "sentence": key, "kind": "spurious",
                                      "event": [*s_full[si], s["factuality"], s["date"]],
                                      "trigger": s["trigger"]["text"]})


def evaluate(gold_docs: list[GoldDoc], system: dict[str, list[dict[str, Any]]] | None = None,
             split: str = "all") -> Report:
    """Score the coder (or the given ``system`` events by doc id) on the gold documents of ``split``."""
    from ghatna import code

    report = Report()
    for doc in gold_docs:
        if split != "all" and doc.split != split:
            continue
        if system is not None:
            events = system.get(doc.id, [])
        else:
            events = [e.to_dict() for e in code(doc.text, doc.id, doc.date)]
        score_document(doc, events, report)
    return report


def read_system(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Event records (``ghatna code --format jsonl`` output) grouped by ``doc_id``."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
            out[e["doc_id"]].append(e)
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InputError(f"{path}:{n}: not an event record") from None
    return out


def gold_hash(path: Path) -> str:
    """SHA-256 of a gold file: floors are pinned to exactly this gold."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_scores(path: Path) -> dict[str, dict[str, float]]:
    """Code and root F1 of one gold file, per split that it has (``dev``, ``test``)."""
    docs = load_gold(path)
    out = {}
    for split in sorted({d.split for d in docs}):
        report = evaluate(docs, split=split)
        out[split] = {"code_f1": round(report.code.f1, 4), "root_f1": round(report.root.f1, 4)}
    return out
