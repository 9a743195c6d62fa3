"""The rejects file: one row per input line that was set aside, with the reason."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

COLUMNS = ("line", "reason", "raw")
"""1-based line number in the input file, why the line was rejected, the line as it was."""


def empty_rejects() -> pd.DataFrame:
    """A rejects table without rows."""
    return pd.DataFrame({name: pd.Series(dtype="int64" if name == "line" else object) for name in COLUMNS})


class RejectsWriter:
    """Appends rejects to a CSV file (``line,reason,raw``, quoted where needed); the header is written at once."""

    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        empty_rejects().to_csv(self.path, index=False)
        self.count = 0

    def write(self, rejects: pd.DataFrame) -> None:
        if len(rejects):
            rejects.loc[:, list(COLUMNS)].to_csv(self.path, mode="a", header=False, index=False)
            self.count += len(rejects)
