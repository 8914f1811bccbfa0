"""Reading and writing the project's TSV data files (see docs/data-files.md).

Every data file is UTF-8, NFC, tab-separated with a header row and rows sorted by the whole row.
``read_tsv`` checks the header against the expected columns so that a malformed file fails loudly
with the file name instead of producing a silently wrong lexicon.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path


class DataFileError(ValueError):
    """A data file does not follow its schema."""


def read_tsv(path: Path, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """Read a TSV file with a header row into a list of dicts (one per data row)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines:
        raise DataFileError(f"{path}: empty file (a header row is required)")
    header = lines[0].split("\t")
    if columns is not None and list(columns) != header:
        raise DataFileError(f"{path}: header {header} does not match the schema {list(columns)}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        if len(cells) != len(header):
            raise DataFileError(f"{path}:{n}: {len(cells)} cells for {len(header)} columns")
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def write_tsv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write rows as a sorted, NFC-normalized TSV file with a header row."""
    clean = sorted({tuple(unicodedata.normalize("NFC", str(c)).strip() for c in row) for row in rows})
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(columns) + "\n")
        for row in clean:
            fh.write("\t".join(row) + "\n")
