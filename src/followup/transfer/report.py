"""What an import did, or would do with --dry-run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from followup.errors import ImportFailed


@dataclass
class ImportReport:
    kind: str  # "json" or "csv"
    dry_run: bool
    counts: dict[str, int]
    application_ids: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # A spreadsheet's rows that are here already: updated with the file's values, or left out.
    updated: int = 0
    skipped: int = 0
    # A backup's applications left out as already here, by their place in the file (0 is the first).
    left_out: list[int] = field(default_factory=list)
    # A spreadsheet's columns and what each is read as ({"column": ..., "read_as": ...}).
    columns: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        found = {
            "format": self.kind,
            "dry_run": self.dry_run,
            "counts": dict(self.counts),
            "application_ids": list(self.application_ids),
            "warnings": list(self.warnings),
        }
        found["skipped"] = self.skipped
        if self.kind == "csv":
            found |= {"updated": self.updated, "columns": list(self.columns)}
        return found

    def summary(self) -> str:
        """One sentence, e.g. "Imported 3 applications, 1 contact and 2 interviews."."""
        parts = [_count(n, name) for name, n in self.counts.items() if n]
        listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts) or "nothing"
        updated = f"{self.updated} application{'' if self.updated == 1 else 's'}"
        thing = "row" if self.kind == "csv" else "application"
        here = f"{self.skipped} {thing}{'' if self.skipped == 1 else 's'} already here"
        if self.dry_run:
            found = f"The file is fine: importing it would add {listed}"
            found += f" and update {updated}" if self.updated else ""
            found += f" ({here} would be left out)" if self.skipped else ""
            return found + ". Nothing was written (--dry-run)."
        found = f"Imported {listed}"
        found += f" and updated {updated}" if self.updated else ""
        found += f" ({here} left out)" if self.skipped else ""
        return found + "."


def _count(n: int, name: str) -> str:
    words = name.replace("_", " ")
    return f"{n} {words.removesuffix('s') if n == 1 else words}"


def problems_found(problems: list[tuple[str, str]], hint: str) -> ImportFailed:
    """The error for a file with problems, listed in the order given."""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return ImportFailed(f"the file has {count}; nothing was imported:", problems, hint=hint)
